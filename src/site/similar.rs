//! Near-identical articles: the same story pasted twice, or syndicated by two outlets.
//!
//! Each article's text becomes a set of 5-word shingles, summarised by a MinHash
//! signature; signatures are bucketed by bands (locality-sensitive hashing) so only
//! likely pairs are compared, and each candidate pair's similarity is estimated from the
//! signatures. Cost grows with the archive, not with its square.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use super::Site;

const SHINGLE: usize = 5;
const HASHES: usize = 32;
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
    let mut pairs: Vec<SimilarPair> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let (sa, sb) = (signatures[a].as_ref()?, signatures[b].as_ref()?);
            let similarity = similarity(sa, sb);
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

/// The estimated Jaccard similarity of two texts from their signatures.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// A text's MinHash signature.
pub type Signature = [u64; HASHES];

/// The MinHash signature of a text's shingles; None for texts too short to judge.
/// Computed when a page is loaded, so finding pairs later is only bucketing.
pub fn signature(text: &str) -> Option<Signature> {
    // Each word is hashed once; a shingle's hash combines its words' hashes, so the text
    // is read once and nothing is allocated per word.
    let mut words = crate::text::WordCursor::new(text);
    let mut word = String::new();
    let mut window = [0u64; SHINGLE];
    let mut count = 0usize;
    let mut sig = [u64::MAX; HASHES];
    while words.next_into(&mut word).is_some() {
        let mut h = DefaultHasher::new();
        word.hash(&mut h);
        window[count % SHINGLE] = h.finish();
        count += 1;
        if count < SHINGLE {
            continue;
        }
        // The window's words in reading order, so "a b" and "b a" differ.
        let base = (0..SHINGLE).fold(0u64, |acc, k| {
            mix(acc.rotate_left(13) ^ window[(count + k) % SHINGLE])
        });
        for (k, slot) in sig.iter_mut().enumerate() {
            // Cheap independent hash functions: the shingle's hash with per-slot seeds.
            *slot = (*slot).min(mix(base ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        }
    }
    (count >= SHINGLE * 4).then_some(sig)
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
