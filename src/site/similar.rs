//! Near-identical articles: the same story pasted twice, or syndicated by two outlets.
//!
//! Each article's text becomes a set of 5-word shingles. Text common across the archive
//! (a stock statement quoted in hundreds of stories, a boilerplate paragraph) says
//! nothing about which story an article tells, so a shingle found in more articles than
//! one story could hold ([`COMMON`]) is left out of every comparison. Pairs are found
//! through an inverted index of the remaining shingles: only articles that share a rare
//! shingle are ever compared, and a shingle's list is at most [`COMMON`] long, so the
//! cost follows the archive's size, never its square. Each pair's similarity is the
//! exact Jaccard similarity of the two articles' non-common shingles.

use std::collections::HashSet;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Site;

const SHINGLE: usize = 5;
/// Texts with fewer shingles than this (about twenty words) are too short to judge.
const MIN_SHINGLES: usize = SHINGLE * 3;

/// Similarity at which two articles are the same story told twice (syndication with
/// an outlet's own intro and ending still clears it).
pub const SAME_STORY: f64 = 0.5;

/// The most articles one story can hold: a story reported by every outlet in a
/// campaign's press cuttings is still fewer than this.
pub const MAX_STORY: usize = 50;

/// A shingle in more articles than this is the archive's common text, not a story's:
/// it links nothing. Twice [`MAX_STORY`], so a story carried by more outlets than a
/// group holds still keeps its text; the cost of the index grows with its square.
pub const COMMON: usize = 2 * MAX_STORY;

/// The long quotations of a text (eight words or more inside quotation marks),
/// normalised, so two outlets quoting the same statement can be matched.
pub fn quotations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            let quoted: Vec<String> = crate::text::words(&after[..end]).map(|(_, w)| w).collect();
            if quoted.len() >= 8 {
                out.push(quoted.join(" "));
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    out
}

/// Two pages (indices into `site.pages`, lower first) and their similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarPair {
    pub a: usize,
    pub b: usize,
    pub similarity: f64,
}

/// Pairs at or above `threshold` (0..=1), most similar first: the Jaccard similarity of
/// the two articles' shingles, leaving out the archive's common ones ([`COMMON`]).
/// The one definition of "the same text": same-story groups and `check`'s
/// near-duplicate warnings both ask it.
pub fn similar_pairs(site: &Site, threshold: f64) -> Vec<SimilarPair> {
    let sets: Vec<Vec<u64>> = site
        .pages
        .par_iter()
        .map(|p| {
            let mut v: Vec<u64> = shingles(&p.article).into_iter().collect();
            v.sort_unstable();
            v
        })
        .collect();
    let mut all: Vec<(u64, u32)> = Vec::with_capacity(sets.iter().map(Vec::len).sum());
    for (i, set) in sets.iter().enumerate() {
        all.extend(set.iter().map(|&h| (h, i as u32)));
    }
    drop(sets);
    all.par_sort_unstable();
    // For each page: how many of its shingles count, and the rare shingles it shares
    // (as ranges of `all`, each one shingle's pages).
    let n = site.pages.len();
    let mut kept = vec![0u32; n];
    let mut shared: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    let mut start = 0;
    while start < all.len() {
        let mut end = start + 1;
        while end < all.len() && all[end].0 == all[start].0 {
            end += 1;
        }
        if end - start <= COMMON {
            for &(_, i) in &all[start..end] {
                kept[i as usize] += 1;
                if end - start > 1 {
                    shared[i as usize].push((start as u32, end as u32));
                }
            }
        }
        start = end;
    }
    let judged = |i: usize| kept[i] as usize >= MIN_SHINGLES;
    let mut pairs: Vec<SimilarPair> = (0..n)
        .into_par_iter()
        .filter(|&a| judged(a))
        .flat_map_iter(|a| {
            let mut common: FxHashMap<u32, u32> = FxHashMap::default();
            for &(s, e) in &shared[a] {
                for &(_, b) in &all[s as usize..e as usize] {
                    if b as usize > a {
                        *common.entry(b).or_default() += 1;
                    }
                }
            }
            let mut found: Vec<SimilarPair> = common
                .into_iter()
                .filter(|&(b, _)| judged(b as usize))
                .filter_map(|(b, both)| {
                    let union = kept[a] + kept[b as usize] - both;
                    let similarity = f64::from(both) / f64::from(union);
                    (similarity >= threshold).then_some(SimilarPair {
                        a,
                        b: b as usize,
                        similarity,
                    })
                })
                .collect();
            found.sort_by_key(|p| p.b);
            found
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs
}

/// The hashes of a text's shingles, in reading order.
fn shingle_hashes(text: &str, mut each: impl FnMut(u64)) -> usize {
    let mut window = [0u64; SHINGLE];
    let mut count = 0usize;
    word_hashes(text, |word| {
        window.copy_within(1.., 0);
        window[SHINGLE - 1] = word;
        count += 1;
        if count >= SHINGLE {
            // Each word turned by its place in the window, so "a b" and "b a" differ.
            each(mix((0..SHINGLE).fold(0u64, |acc, k| {
                acc ^ window[k].rotate_left(13 * k as u32)
            })));
        }
    });
    count
}

/// A text's shingles, as hashes.
pub fn shingles(text: &str) -> HashSet<u64> {
    let mut set = HashSet::new();
    shingle_hashes(text, |h| {
        set.insert(h);
    });
    set
}

/// The FNV-1a hash of each word of `text`, as near-duplicates are told: runs of letters
/// and digits (ASCII ones lower-cased, others as written), split at ASCII spaces and
/// punctuation, typographic quotes and dashes (U+2000-U+207F), Latin-1 punctuation and
/// the no-break space (U+00A0-U+00BF), and the ideographic space.
///
/// Cruder than [`crate::text::words`] (no folding of accents; "don't" is two words) but
/// read a byte at a time with nothing decoded or allocated, and every article is read so
/// on every `check`. Both copies of a story are read alike, which is all that matters.
fn word_hashes(text: &str, mut each: impl FnMut(u64)) {
    const OFFSET: u64 = 0xCBF2_9CE4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01B3;
    let bytes = text.as_bytes();
    let mut hash = OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            // Most of a text: a run of ASCII letters and digits, hashed in one go.
            while let Some(&c) = bytes.get(i).filter(|c| c.is_ascii_alphanumeric()) {
                hash = (hash ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(PRIME);
                i += 1;
            }
            in_word = true;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        let (in_a_word, len) = match b {
            0x00..=0x7F => (false, 1),
            0xC2 if next.is_some_and(|n| n >= 0xA0) => (false, 2),
            0xE2 if matches!(next, Some(0x80 | 0x81)) => (false, 3),
            0xE3 if next == Some(0x80) && bytes.get(i + 2) == Some(&0x80) => (false, 3),
            // Any other byte of a character beyond ASCII: a letter, as far as this goes.
            _ => (true, 1),
        };
        if in_a_word {
            hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME);
            in_word = true;
        } else if in_word {
            each(hash);
            hash = OFFSET;
            in_word = false;
        }
        i += len;
    }
    if in_word {
        each(hash);
    }
}

/// A multiply-xorshift finaliser: spreads every input bit over the output.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::site::page;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn site(bodies: &[&str]) -> Site {
        let config = Config::example_at(Path::new("."));
        let pages = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                page::parse(
                    Path::new(&format!("content/p{i}.md")),
                    &format!("---\ntitle: p{i}\n---\n{b}\n"),
                    &config,
                )
                .unwrap()
                .0
            })
            .collect();
        Site::from_pages(pages)
    }

    fn hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        word_hashes(text, |h| out.push(h));
        out
    }

    #[test]
    fn words_are_read_alike_whatever_the_typography() {
        assert_eq!(
            hashes("“Sanctions” don’t—work,\u{a0}Café"),
            hashes("\"sanctions\" DON'T - work café")
        );
        assert_eq!(hashes("a  b").len(), 2);
        assert_ne!(hashes("café"), hashes("cafe"));
    }

    #[test]
    fn syndicated_copies_are_found_and_unrelated_ones_not() {
        let story = "Almost sixty thousand people in just a week have signed a new petition to stop the backdoor privatisation of cancer care in the county, campaigners said on Monday as the consultation closed.";
        let syndicated = format!("{story} The council declined to comment.");
        let other = "The home side scored twice in the second half to win the derby in front of a record crowd at the ground on Saturday afternoon, and the manager praised his young players afterwards.";
        let s = site(&[story, &syndicated, other]);
        let pairs = similar_pairs(&s, 0.5);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert!(pairs[0].similarity > 0.7);
        let titles: BTreeSet<&str> = [pairs[0].a, pairs[0].b]
            .iter()
            .map(|&i| s.pages[i].title.as_str())
            .collect();
        assert_eq!(titles, BTreeSet::from(["p0", "p1"]));
    }
}
