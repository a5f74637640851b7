//! Near-identical articles: the same story pasted twice, or syndicated by two outlets.
//!
//! Each article's text becomes a set of 5-word shingles, summarised by a MinHash
//! signature; signatures are bucketed by bands (locality-sensitive hashing) so only
//! likely pairs are compared, and each candidate pair's similarity is estimated from the
//! signatures. Cost grows with the archive, not with its square.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::Site;

const SHINGLE: usize = 5;
const HASHES: usize = 32;
const _: () = assert!(
    HASHES.is_power_of_two(),
    "the slot is the top bits of a hash"
);
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;

/// Similarity at which two articles are the same story told twice (syndication with
/// an outlet's own intro and ending still clears it).
pub const SAME_STORY: f64 = 0.5;

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

/// Two pages (indices into `site.pages`, lower first) and their estimated Jaccard similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarPair {
    pub a: usize,
    pub b: usize,
    pub similarity: f64,
}

/// Pairs at or above `threshold` (0..=1), most similar first.
pub fn similar_pairs(site: &Site, threshold: f64) -> Vec<SimilarPair> {
    let signatures: Vec<&Option<Signature>> = site.pages.iter().map(|p| &p.signature).collect();
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for band in 0..BANDS {
        let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, sig) in signatures.iter().enumerate() {
            if let Some(sig) = sig {
                let mut h = DefaultHasher::new();
                sig[band * ROWS..(band + 1) * ROWS].hash(&mut h);
                buckets.entry(h.finish()).or_default().push(i);
            }
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    candidates.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    // Each candidate's shingles once, however many pairs it is in.
    let mut shingled: HashMap<usize, HashSet<u64>> = HashMap::new();
    for &(a, b) in &candidates {
        for i in [a, b] {
            shingled
                .entry(i)
                .or_insert_with(|| shingles(&site.pages[i].article));
        }
    }
    let mut pairs: Vec<SimilarPair> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let similarity = jaccard(&shingled[&a], &shingled[&b]);
            (similarity >= threshold).then_some(SimilarPair { a, b, similarity })
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs
}

/// The estimated Jaccard similarity of two texts from their signatures: good for
/// finding candidates, too coarse (32 slots) to hold a threshold; see [`jaccard`].
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// The Jaccard similarity of two texts' [`shingles`], exactly. Only worked out for the
/// few pairs the signatures make candidates.
pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// The hashes of a text's shingles, in reading order, as [`signature`] sees them.
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

/// A text's MinHash signature.
pub type Signature = [u64; HASHES];

/// The MinHash signature of a text's shingles; None for texts too short to judge.
/// Computed when a page is loaded, so finding pairs later is only bucketing.
///
/// One hash per shingle, not one per slot: the hash's top bits pick the slot and the
/// rest competes for its minimum (one-permutation hashing); slots no shingle reached
/// borrow from the next filled one (rotation densification). Same estimate, a
/// thirty-second of the work.
pub fn signature(text: &str) -> Option<Signature> {
    let mut mins = [u64::MAX; HASHES];
    let count = shingle_hashes(text, |h| {
        let slot = (h >> (64 - HASHES.trailing_zeros())) as usize;
        mins[slot] = mins[slot].min(h);
    });
    if count < SHINGLE * 4 {
        return None;
    }
    let mut sig = mins;
    for (i, value) in sig.iter_mut().enumerate() {
        if *value == u64::MAX {
            if let Some(j) = (1..HASHES).find(|j| mins[(i + j) % HASHES] != u64::MAX) {
                *value =
                    mix(mins[(i + j) % HASHES] ^ (j as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            }
        }
    }
    Some(sig)
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
    use std::path::Path;

    fn site(bodies: &[&str]) -> Site {
        let config = Config::default_at(Path::new("."));
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
