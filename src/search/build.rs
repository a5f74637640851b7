//! Documents -> dictionary -> files: analyse every document (in parallel), merge into one
//! sorted dictionary with BM25F impacts, cut it into shards of about [`SHARD_BYTES`],
//! and encode and gzip every file.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::shard::{self, Entry, FacetValue, Fragment, Meta, Postings};
use super::tokenize::{self, Analyzer};

/// One document's searchable text, split into fields that rank differently.
#[derive(Debug, Clone, Default)]
pub struct DocText {
    /// For each field (see [`WEIGHTS`]), its segments: a phrase never spans two of them.
    pub fields: [Vec<String>; FIELDS],
    /// What the result shows.
    pub fragment: Fragment,
}

pub const FIELDS: usize = 6;
pub const TITLE: usize = 0;
pub const TAGS: usize = 1;
pub const BYLINE: usize = 2;
pub const SUMMARY: usize = 3;
pub const BODY: usize = 4;
pub const RESPONSES: usize = 5;

/// BM25F field weights: a word in the title counts three times one in the body, a tag or
/// topic twice; reader responses count for less than the article.
const WEIGHTS: [f64; FIELDS] = [3.0, 2.0, 1.0, 0.5, 1.0, 0.3];
/// Length normalisation per field: only the long fields are normalised.
const B: [f64; FIELDS] = [0.0, 0.0, 0.0, 0.0, 0.75, 0.75];
const K1: f64 = 1.2;

/// Uncompressed bytes per term shard. Smaller shards mean fewer bytes per query but a
/// longer shard list in meta.bin; 6 kB gzips to ~3 kB and keeps meta.bin small at 10,000
/// articles (see docs/search-index.md for the measurements behind it).
const SHARD_BYTES: usize = 6 * 1024;

/// What one document contributes: per term, its positions and per-field counts.
struct Analysed {
    terms: HashMap<String, (Vec<u32>, [u32; FIELDS])>,
    lengths: [u32; FIELDS],
    /// (folded surface word, term) pairs where they differ, or the word is not a stop word.
    surfaces: BTreeSet<(String, String)>,
}

fn analyse(doc: &DocText, analyzer: &mut Analyzer) -> Analysed {
    let mut a = Analysed {
        terms: HashMap::new(),
        lengths: [0; FIELDS],
        surfaces: BTreeSet::new(),
    };
    let mut pos = 0u32;
    for (field, segments) in doc.fields.iter().enumerate() {
        for text in segments {
            for t in analyzer.tokens(text) {
                let e = a.terms.entry(t.term.clone()).or_default();
                e.0.push(pos);
                e.1[field] += 1;
                a.lengths[field] += 1;
                pos += 1;
                if !t.stop {
                    a.surfaces.insert((t.word, t.term));
                }
            }
            // A gap: no phrase matches across two segments.
            pos += 1;
        }
    }
    a
}

/// Dictionary entry while building.
#[derive(Default)]
struct Building {
    alias: Option<String>,
    variants: BTreeSet<String>,
    docs: Vec<u32>,
    impacts: Vec<u8>,
    positions: Vec<Vec<u32>>,
}

/// Index files, by path relative to the index folder.
pub type IndexFiles = BTreeMap<String, Vec<u8>>;

/// Builds every index file (gzipped). `facets` is (topics, years, tags).
pub fn build(
    docs: &[DocText],
    language: &str,
    page_size: u32,
    facets: [Vec<FacetValue>; 3],
) -> IndexFiles {
    // Chunks, each with its own stem cache.
    let analysed: Vec<Analysed> = docs
        .par_chunks(64)
        .flat_map_iter(|chunk| {
            let mut analyzer = Analyzer::new(language);
            chunk
                .iter()
                .map(|d| analyse(d, &mut analyzer))
                .collect::<Vec<_>>()
        })
        .collect();
    let n = analysed.len().max(1) as f64;
    let mut avg = [0f64; FIELDS];
    for a in &analysed {
        for (f, l) in a.lengths.iter().enumerate() {
            avg[f] += f64::from(*l) / n;
        }
    }
    let mut dict: HashMap<String, Building> = HashMap::new();
    for (doc, a) in analysed.into_iter().enumerate() {
        for (word, term) in a.surfaces {
            if word != term {
                dict.entry(word.clone()).or_default().alias = Some(term.clone());
            }
            dict.entry(term).or_default().variants.insert(word);
        }
        for (term, (positions, tf)) in a.terms {
            let b = dict.entry(term).or_default();
            b.docs.push(doc as u32);
            b.impacts.push(impact(&tf, &a.lengths, &avg));
            b.positions.push(positions);
        }
    }
    let mut keys: Vec<(String, Building)> = dict.into_iter().collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    // Postings were pushed per document, but HashMap iteration inside a document does not
    // matter: each document is pushed once per term, in document order.
    let entries: Vec<(String, Entry, Vec<Vec<u32>>)> = keys
        .into_iter()
        .map(|(k, b)| {
            let postings = (!b.docs.is_empty()).then(|| Postings {
                idf: idf(docs.len(), b.docs.len()),
                variants: b.variants.into_iter().collect(),
                docs: b.docs,
                impacts: b.impacts,
            });
            (
                k,
                Entry {
                    alias: b.alias,
                    postings,
                },
                b.positions,
            )
        })
        .collect();
    let shards = cut(&entries);
    let mut files = IndexFiles::new();
    let encoded: Vec<(String, Vec<u8>)> = shards
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, range)| {
            let part = &entries[range.clone()];
            let refs: Vec<(&str, &Entry)> = part.iter().map(|(k, e, _)| (k.as_str(), e)).collect();
            let pos: Vec<&[Vec<u32>]> = part
                .iter()
                .filter(|(_, e, _)| e.postings.is_some())
                .map(|(_, _, p)| p.as_slice())
                .collect();
            [
                (
                    format!("t/{i}.bin"),
                    shard::gzip(&shard::encode_shard(&refs)),
                ),
                (
                    format!("p/{i}.bin"),
                    shard::gzip(&shard::encode_positions(&pos)),
                ),
            ]
        })
        .collect();
    files.extend(encoded);
    let fragments: Vec<(String, Vec<u8>)> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| (format!("f/{i}.bin"), shard::gzip(&d.fragment.encode())))
        .collect();
    files.extend(fragments);
    let [topics, years, tags] = facets;
    let meta = Meta {
        docs: docs.len() as u32,
        page_size,
        stop_words: tokenize::stop_words(language),
        shards: shards
            .iter()
            .enumerate()
            .map(|(i, r)| {
                if i == 0 {
                    String::new()
                } else {
                    entries[r.start].0.clone()
                }
            })
            .collect(),
        topics: topics.len() as u32,
        tags: tags.len() as u32,
    };
    files.insert("meta.bin".into(), shard::gzip(&meta.encode()));
    files.insert(
        "facets.bin".into(),
        shard::gzip(&shard::encode_facets(&[&topics, &years])),
    );
    files.insert(
        "tags.bin".into(),
        shard::gzip(&shard::encode_facets(&[&tags])),
    );
    files
}

/// Cuts the sorted entries into runs of about SHARD_BYTES (a term with a long posting
/// list ends up nearly alone in its shard, so the words beside it stay cheap). There is
/// always at least one shard, so every key has one to look in.
fn cut(entries: &[(String, Entry, Vec<Vec<u32>>)]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (k, e, _)) in entries.iter().enumerate() {
        let bytes = k.len()
            + 4
            + e.alias.as_ref().map_or(0, String::len)
            + e.postings.as_ref().map_or(0, |p| {
                p.docs.len() * 2 + p.variants.iter().map(|v| v.len() + 1).sum::<usize>()
            });
        if size > 0 && size + bytes > SHARD_BYTES {
            out.push(start..i);
            start = i;
            size = 0;
        }
        size += bytes;
    }
    out.push(start..entries.len());
    out
}

/// BM25F: the field-weighted, length-normalised term frequency, saturated, in 15 steps
/// (finer steps cost bytes on every query and change few rankings).
fn impact(tf: &[u32; FIELDS], lengths: &[u32; FIELDS], avg: &[f64; FIELDS]) -> u8 {
    let mut weighted = 0.0;
    for f in 0..FIELDS {
        if tf[f] == 0 {
            continue;
        }
        let norm = if avg[f] > 0.0 {
            1.0 - B[f] + B[f] * f64::from(lengths[f]) / avg[f]
        } else {
            1.0
        };
        weighted += WEIGHTS[f] * f64::from(tf[f]) / norm;
    }
    let saturated = weighted / (weighted + K1);
    (saturated * 15.0).round().clamp(1.0, 15.0) as u8
}

fn idf(n: usize, df: usize) -> u32 {
    let (n, df) = (n as f64, df as f64);
    ((1.0 + (n - df + 0.5) / (df + 0.5)).ln() * 100.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_weigh_more_and_long_bodies_less() {
        let avg = [5.0, 2.0, 2.0, 0.0, 500.0, 0.0];
        let in_title = impact(&[1, 0, 0, 0, 0, 0], &[5, 0, 0, 0, 500, 0], &avg);
        let in_body = impact(&[0, 0, 0, 0, 1, 0], &[5, 0, 0, 0, 500, 0], &avg);
        let in_long_body = impact(&[0, 0, 0, 0, 1, 0], &[5, 0, 0, 0, 2000, 0], &avg);
        let in_response = impact(
            &[0, 0, 0, 0, 0, 1],
            &[5, 0, 0, 0, 500, 10],
            &[5.0, 2.0, 2.0, 0.0, 500.0, 10.0],
        );
        assert!(in_title > in_body, "{in_title} {in_body}");
        assert!(in_body > in_long_body);
        assert!(in_body > in_response);
        assert!(idf(1000, 1) > idf(1000, 500));
    }

    #[test]
    fn positions_skip_between_segments() {
        let mut doc = DocText::default();
        doc.fields[TITLE] = vec!["Work programme".into()];
        doc.fields[TAGS] = vec!["DWP".into(), "Work".into()];
        let a = analyse(&doc, &mut Analyzer::new("en"));
        assert_eq!(a.terms["work"].0, [0, 5]);
        assert_eq!(a.terms["programm"].0, [1]);
        assert_eq!(a.terms["dwp"].0, [3]);
        assert_eq!(a.lengths[TAGS], 2);
    }
}
