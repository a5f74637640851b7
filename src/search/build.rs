//! Documents -> dictionary -> files: analyse every document (in parallel), merge into one
//! sorted dictionary with BM25F impacts, cut it into shards of about [`SHARD_BYTES`],
//! and encode and gzip every file.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use super::shard::{self, Entry, FacetValue, Fragment, Meta, Postings};
use super::tokenize::{self, Analyzer};
use crate::text::WordMap;

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

/// Documents analysed together with one vocabulary: each distinct word is folded,
/// looked up and stemmed once per chunk rather than once per occurrence.
#[derive(Default)]
struct Chunk {
    /// The chunk's terms, numbered in order of first use.
    terms: Vec<String>,
    /// Each folded word that is not a stop word, with the number of its term.
    surfaces: Vec<(String, u32)>,
    docs: Vec<DocTerms>,
}

/// One document's terms: for each, its count in every field and its word positions.
struct DocTerms {
    lengths: [u32; FIELDS],
    /// (term number, counts per field, end of its positions in `positions`), by term.
    terms: Vec<(u32, [u32; FIELDS], u32)>,
    positions: Vec<u32>,
}

/// Documents per chunk: large enough that most words of a chunk repeat, small enough
/// to spread over the cores.
const CHUNK_DOCS: usize = 64;

fn analyse(docs: &[DocText], language: &str) -> Chunk {
    let mut analyzer = Analyzer::new(language);
    let mut chunk = Chunk::default();
    let mut term_of_word = WordMap::default();
    let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut word = String::new();
    // (term, position, field) of every word of a document.
    let mut hits: Vec<(u32, u32, u8)> = Vec::new();
    for doc in docs {
        hits.clear();
        let mut lengths = [0u32; FIELDS];
        let mut pos = 0u32;
        for (field, segments) in doc.fields.iter().enumerate() {
            for text in segments {
                let mut words = crate::text::WordCursor::new(text);
                while words.next_into(&mut word).is_some() {
                    let term = match term_of_word.get(&word) {
                        Some(t) => t,
                        None => {
                            let stem = analyzer.term(&word);
                            let t = match numbers.get(&stem) {
                                Some(&t) => t,
                                None => {
                                    let t = chunk.terms.len() as u32;
                                    chunk.terms.push(stem.clone());
                                    numbers.insert(stem, t);
                                    t
                                }
                            };
                            if !analyzer.is_stop(&word) {
                                chunk.surfaces.push((word.clone(), t));
                            }
                            term_of_word.insert(&word, t);
                            t
                        }
                    };
                    hits.push((term, pos, field as u8));
                    lengths[field] += 1;
                    pos += 1;
                }
                // A gap: no phrase matches across two segments.
                pos += 1;
            }
        }
        // By term, then position.
        hits.sort_unstable();
        let mut d = DocTerms {
            lengths,
            terms: Vec::new(),
            positions: Vec::with_capacity(hits.len()),
        };
        for &(term, position, field) in &hits {
            if d.terms.last().is_none_or(|t| t.0 != term) {
                d.terms.push((term, [0; FIELDS], 0));
            }
            d.positions.push(position);
            let end = d.positions.len() as u32;
            if let Some(t) = d.terms.last_mut() {
                t.1[usize::from(field)] += 1;
                t.2 = end;
            }
        }
        chunk.docs.push(d);
    }
    chunk
}

/// Dictionary entry while building.
#[derive(Default)]
struct Building {
    alias: Option<String>,
    variants: Vec<String>,
    docs: Vec<u32>,
    impacts: Vec<u8>,
    positions: Positions,
}

/// A term's word positions in each of its documents, in one buffer.
#[derive(Debug, Default)]
pub struct Positions {
    flat: Vec<u32>,
    /// Where each document's positions end in `flat`.
    ends: Vec<u32>,
}

impl Positions {
    fn push(&mut self, positions: &[u32]) {
        self.flat.extend_from_slice(positions);
        self.ends.push(self.flat.len() as u32);
    }

    /// Each document's positions, in document order.
    pub fn per_doc(&self) -> impl Iterator<Item = &[u32]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(s, e)| &self.flat[s as usize..e as usize])
    }
}

/// Every chunk merged, in document order, into one dictionary: key -> entry.
fn merge(chunks: Vec<Chunk>, avg: &[f64; FIELDS]) -> Vec<(String, Building)> {
    let mut keys: Vec<(String, Building)> = Vec::new();
    let mut numbers: FxHashMap<String, usize> = FxHashMap::default();
    let mut number = |keys: &mut Vec<(String, Building)>, key: &str| -> usize {
        if let Some(&n) = numbers.get(key) {
            return n;
        }
        keys.push((key.to_string(), Building::default()));
        numbers.insert(key.to_string(), keys.len() - 1);
        keys.len() - 1
    };
    let mut doc = 0u32;
    for chunk in chunks {
        let global: Vec<usize> = chunk.terms.iter().map(|t| number(&mut keys, t)).collect();
        for (word, t) in chunk.surfaces {
            let term = global[t as usize];
            if word != keys[term].0 {
                let alias = keys[term].0.clone();
                let w = number(&mut keys, &word);
                keys[w].1.alias = Some(alias);
            }
            keys[term].1.variants.push(word);
        }
        for d in chunk.docs {
            let mut start = 0;
            for (t, tf, end) in d.terms {
                let b = &mut keys[global[t as usize]].1;
                b.docs.push(doc);
                b.impacts.push(impact(&tf, &d.lengths, avg));
                b.positions.push(&d.positions[start as usize..end as usize]);
                start = end;
            }
            doc += 1;
        }
    }
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (_, b) in &mut keys {
        b.variants.sort_unstable();
        b.variants.dedup();
    }
    keys
}

/// Index files, by path relative to the index folder.
pub type IndexFiles = BTreeMap<String, Vec<u8>>;

/// Builds every index file (gzipped) from `items`, one document each: `doc_text` reads
/// an item's text, chunk by chunk as the chunks are analysed, so the whole archive's text
/// is never held twice. `facets` is (topics, years, tags).
pub fn build<T: Sync>(
    items: &[T],
    doc_text: impl Fn(&T) -> DocText + Sync,
    language: &str,
    page_size: u32,
    facets: [Vec<FacetValue>; 3],
) -> IndexFiles {
    let analysed: Vec<(Chunk, Vec<Vec<u8>>)> = items
        .par_chunks(CHUNK_DOCS)
        .map(|items| {
            let docs: Vec<DocText> = items.iter().map(&doc_text).collect();
            let fragments = docs
                .iter()
                .map(|d| shard::gzip(&d.fragment.encode()))
                .collect();
            (analyse(&docs, language), fragments)
        })
        .collect();
    let (chunks, fragments): (Vec<Chunk>, Vec<Vec<Vec<u8>>>) = analysed.into_iter().unzip();
    let n = items.len().max(1) as f64;
    let mut avg = [0f64; FIELDS];
    for d in chunks.iter().flat_map(|c| &c.docs) {
        for (f, l) in d.lengths.iter().enumerate() {
            avg[f] += f64::from(*l) / n;
        }
    }
    let entries: Vec<(String, Entry, Positions)> = merge(chunks, &avg)
        .into_iter()
        .map(|(k, b)| {
            let postings = (!b.docs.is_empty()).then(|| Postings {
                idf: idf(items.len(), b.docs.len()),
                variants: b.variants,
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
            let pos = part
                .iter()
                .filter(|(_, e, _)| e.postings.is_some())
                .map(|(_, _, p)| p.per_doc());
            [
                (
                    format!("t/{i}.bin"),
                    shard::gzip(&shard::encode_shard(&refs)),
                ),
                (
                    format!("p/{i}.bin"),
                    shard::gzip(&shard::encode_positions(pos)),
                ),
            ]
        })
        .collect();
    files.extend(encoded);
    files.extend(
        fragments
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, gz)| (format!("f/{i}.bin"), gz)),
    );
    let [topics, years, tags] = facets;
    let meta = Meta {
        docs: items.len() as u32,
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
fn cut(entries: &[(String, Entry, Positions)]) -> Vec<std::ops::Range<usize>> {
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
        let chunk = analyse(&[doc], "en");
        let d = &chunk.docs[0];
        let positions = |term: &str| {
            let t = chunk.terms.iter().position(|t| t == term).unwrap() as u32;
            let i = d.terms.iter().position(|x| x.0 == t).unwrap();
            let start = if i == 0 { 0 } else { d.terms[i - 1].2 };
            d.positions[start as usize..d.terms[i].2 as usize].to_vec()
        };
        assert_eq!(positions("work"), [0, 5]);
        assert_eq!(positions("programm"), [1]);
        assert_eq!(positions("dwp"), [3]);
        assert_eq!(d.lengths[TAGS], 2);
    }
}
