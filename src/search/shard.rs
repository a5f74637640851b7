//! The index's byte formats, written at build time and read back by `pamphlet search`
//! (themes/default/static/search-core.js reads the same bytes; keep the two in step, and see
//! docs/search-index.md for the layout).
//!
//! Every file is a gzip stream (so its size on disk is its size on the wire, whatever the
//! web server does) of a sequence of LEB128 varints, UTF-8 strings (varint byte length,
//! then the bytes) and raw bytes. No JSON: a shard of 500 keys is a few kB.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use flate2::{read::GzDecoder, write::GzEncoder, Compression};

/// The first bytes of meta.bin: format name and version.
pub const MAGIC: &[u8; 4] = b"PMS1";

/// Why an index file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is not a gzip stream: {0}")]
    Gzip(std::io::Error),
    #[error("the file ends early")]
    Truncated,
    #[error("the file is not a pamphlet search index (wrong header)")]
    Magic,
    #[error("the file holds text that is not UTF-8")]
    Utf8,
}

/// Appends varints, strings and bytes to a buffer.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Ascending numbers as their first value, then the gaps: small numbers, few bytes.
    pub fn deltas(&mut self, values: &[u32]) {
        let mut prev = 0;
        for &v in values {
            self.uint(u64::from(v - prev));
            prev = v;
        }
    }
}

/// Reads what [`Writer`] wrote; every read can fail (a truncated or corrupt file).
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    pub fn uint(&mut self) -> Result<u64, DecodeError> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at).ok_or(DecodeError::Truncated)?;
            self.at += 1;
            if shift > 63 {
                return Err(DecodeError::Truncated);
            }
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    /// A count or index: a varint no larger than the file could hold, so a corrupt count
    /// cannot make us allocate gigabytes.
    pub fn count(&mut self) -> Result<usize, DecodeError> {
        let v = self.uint()?;
        usize::try_from(v)
            .ok()
            .filter(|&n| n <= self.bytes.len().saturating_mul(8) + 64)
            .ok_or(DecodeError::Truncated)
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.at.checked_add(n).ok_or(DecodeError::Truncated)?;
        let s = self.bytes.get(self.at..end).ok_or(DecodeError::Truncated)?;
        self.at = end;
        Ok(s)
    }

    pub fn str(&mut self) -> Result<String, DecodeError> {
        let n = self.count()?;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| DecodeError::Utf8)
    }

    pub fn deltas(&mut self, n: usize) -> Result<Vec<u32>, DecodeError> {
        let mut out = Vec::with_capacity(n.min(1 << 20));
        let mut prev = 0u64;
        for _ in 0..n {
            prev += self.uint()?;
            out.push(u32::try_from(prev).map_err(|_| DecodeError::Truncated)?);
        }
        Ok(out)
    }
}

/// Gzip with no name and no time in the header: the same bytes in, the same bytes out, on
/// every machine. The default level: on a 10,000-article index the best one made files no
/// smaller (45.30 MB against 45.29 MB). Compressing the per-article fragments is a fifth
/// of a build's instructions; flate2's zlib-rs backend does it in a fifth less than
/// miniz_oxide.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(DecodeError::Gzip)?;
    Ok(out)
}

/// meta.bin: what a query needs before it can pick its shards.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub docs: u32,
    /// Results shown per page by the search page (and counted by `--json` bytes).
    pub page_size: u32,
    /// Folded stop words: skipped by ranking, still matched inside "quoted phrases".
    pub stop_words: Vec<String>,
    /// The first key of each term shard, ascending; shard 0 starts at "".
    pub shards: Vec<String>,
    /// Number of topic and tag values (so the page knows whether to offer the filter).
    pub topics: u32,
    pub tags: u32,
}

impl Meta {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.buf.extend_from_slice(MAGIC);
        w.uint(u64::from(self.docs));
        w.uint(u64::from(self.page_size));
        w.uint(u64::from(self.topics));
        w.uint(u64::from(self.tags));
        w.uint(self.stop_words.len() as u64);
        for s in &self.stop_words {
            w.str(s);
        }
        front_coded(&mut w, self.shards.iter().map(String::as_str));
        w.buf
    }

    pub fn decode(bytes: &[u8]) -> Result<Meta, DecodeError> {
        if bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(DecodeError::Magic);
        }
        let mut r = Reader::new(&bytes[4..]);
        let docs = r.uint()? as u32;
        let page_size = r.uint()? as u32;
        let topics = r.uint()? as u32;
        let tags = r.uint()? as u32;
        let n = r.count()?;
        let stop_words = (0..n).map(|_| r.str()).collect::<Result<_, _>>()?;
        let shards = read_front_coded(&mut r)?;
        Ok(Meta {
            docs,
            page_size,
            stop_words,
            shards,
            topics,
            tags,
        })
    }

    /// The shard holding `key`: the last one whose first key is not after it.
    pub fn shard_of(&self, key: &str) -> usize {
        self.shards
            .partition_point(|first| first.as_str() <= key)
            .saturating_sub(1)
    }
}

/// Sorted strings as (bytes shared with the previous one, the rest): sorted keys share
/// long prefixes, so this halves a dictionary before gzip sees it.
fn front_coded<'a>(w: &mut Writer, keys: impl ExactSizeIterator<Item = &'a str>) {
    w.uint(keys.len() as u64);
    let mut prev: &[u8] = b"";
    for k in keys {
        let k = k.as_bytes();
        let shared = prev.iter().zip(k).take_while(|(a, b)| a == b).count();
        w.uint(shared as u64);
        w.uint((k.len() - shared) as u64);
        w.buf.extend_from_slice(&k[shared..]);
        prev = k;
    }
}

fn read_front_coded(r: &mut Reader<'_>) -> Result<Vec<String>, DecodeError> {
    let n = r.count()?;
    let mut out = Vec::with_capacity(n);
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..n {
        let shared = r.count()?;
        let rest = r.count()?;
        let mut k = prev.get(..shared).ok_or(DecodeError::Truncated)?.to_vec();
        k.extend_from_slice(r.bytes(rest)?);
        out.push(String::from_utf8(k.clone()).map_err(|_| DecodeError::Utf8)?);
        prev = k;
    }
    Ok(out)
}

/// The documents a term occurs in, ascending, with one impact byte each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Postings {
    /// ln(1 + (N - df + 0.5) / (df + 0.5)), times 100, rounded: integer, so the browser
    /// and the CLI add up exactly the same scores.
    pub idf: u32,
    /// The surface words (folded) that were stemmed to this term, for highlighting.
    pub variants: Vec<String>,
    pub docs: Vec<u32>,
    /// BM25F term-frequency part, field weights and length norms applied, 1..=15:
    /// stored two to a byte, since they are most of a long posting list's bytes.
    pub impacts: Vec<u8>,
}

/// One dictionary key: a surface word, a stem, or both.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// Set when the key is a surface word whose stem is another key.
    pub alias: Option<String>,
    pub postings: Option<Postings>,
}

/// A term shard (t/N.bin): a sorted run of dictionary keys.
pub fn encode_shard(entries: &[(&str, &Entry)]) -> Vec<u8> {
    let mut w = Writer::default();
    front_coded(&mut w, entries.iter().map(|(k, _)| *k));
    for (_, e) in entries {
        w.uint(u64::from(e.alias.is_some()) | (u64::from(e.postings.is_some()) << 1));
        if let Some(a) = &e.alias {
            w.str(a);
        }
        if let Some(p) = &e.postings {
            w.uint(u64::from(p.idf));
            w.uint(p.docs.len() as u64);
            w.uint(p.variants.len() as u64);
            for v in &p.variants {
                w.str(v);
            }
            w.deltas(&p.docs);
            for pair in p.impacts.chunks(2) {
                w.buf
                    .push(pair[0] & 15 | pair.get(1).map_or(0, |h| (h & 15) << 4));
            }
        }
    }
    w.buf
}

pub fn decode_shard(bytes: &[u8]) -> Result<BTreeMap<String, Entry>, DecodeError> {
    let mut r = Reader::new(bytes);
    let keys = read_front_coded(&mut r)?;
    let mut out = BTreeMap::new();
    for k in keys {
        let flags = r.uint()?;
        let alias = if flags & 1 != 0 { Some(r.str()?) } else { None };
        let postings = if flags & 2 != 0 {
            let idf = r.uint()? as u32;
            let df = r.count()?;
            let nv = r.count()?;
            let variants = (0..nv).map(|_| r.str()).collect::<Result<_, _>>()?;
            let docs = r.deltas(df)?;
            let impacts = r
                .bytes(df.div_ceil(2))?
                .iter()
                .flat_map(|b| [b & 15, b >> 4])
                .take(df)
                .collect();
            Some(Postings {
                idf,
                variants,
                docs,
                impacts,
            })
        } else {
            None
        };
        out.insert(k, Entry { alias, postings });
    }
    Ok(out)
}

/// A positions file (p/N.bin): for each key of shard N that has postings, in key order,
/// for each of its documents, the word positions of the term there.
pub fn encode_positions<'a, Docs>(lists: impl IntoIterator<Item = Docs>) -> Vec<u8>
where
    Docs: IntoIterator<Item = &'a [u32]>,
{
    let mut w = Writer::default();
    for per_doc in lists {
        for positions in per_doc {
            w.uint(positions.len() as u64);
            w.deltas(positions);
        }
    }
    w.buf
}

/// Positions of each key with postings in `shard` (decoded alongside it).
pub fn decode_positions(
    bytes: &[u8],
    shard: &BTreeMap<String, Entry>,
) -> Result<BTreeMap<String, Vec<Vec<u32>>>, DecodeError> {
    let mut r = Reader::new(bytes);
    let mut out = BTreeMap::new();
    for (k, e) in shard {
        if let Some(p) = &e.postings {
            let lists = (0..p.docs.len())
                .map(|_| {
                    let n = r.count()?;
                    r.deltas(n)
                })
                .collect::<Result<Vec<_>, _>>()?;
            out.insert(k.clone(), lists);
        }
    }
    Ok(out)
}

/// A facet (topics, years or tags): its values, each with a label and its documents.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub docs: Vec<u32>,
}

/// facets.bin (topics, then years) and tags.bin (tags): groups of facet values.
pub fn encode_facets(groups: &[&[FacetValue]]) -> Vec<u8> {
    let mut w = Writer::default();
    for g in groups {
        w.uint(g.len() as u64);
        for v in *g {
            w.str(&v.value);
            w.str(&v.label);
            w.uint(v.docs.len() as u64);
            w.deltas(&v.docs);
        }
    }
    w.buf
}

pub fn decode_facets(bytes: &[u8], groups: usize) -> Result<Vec<Vec<FacetValue>>, DecodeError> {
    let mut r = Reader::new(bytes);
    (0..groups)
        .map(|_| {
            let n = r.count()?;
            (0..n)
                .map(|_| {
                    let value = r.str()?;
                    let label = r.str()?;
                    let df = r.count()?;
                    let docs = r.deltas(df)?;
                    Ok(FacetValue { value, label, docs })
                })
                .collect()
        })
        .collect()
}

/// What a result shows (f/DOC.bin): fields separated by U+001E, lists inside a field by
/// U+001F (both removed from the text when it is indexed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragment {
    /// Site-relative URL: "articles/slug/".
    pub url: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub author: String,
    pub publisher: String,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    /// Empty when the summary is the body's own first sentences (the body has them).
    pub summary: String,
    pub body: String,
    /// (heading, text) of each reader response.
    pub responses: Vec<(String, String)>,
}

pub const FIELD: char = '\u{1e}';
pub const ITEM: char = '\u{1f}';

impl Fragment {
    pub fn encode(&self) -> Vec<u8> {
        let join = |v: &[String]| v.join(&ITEM.to_string());
        let responses: Vec<String> = self
            .responses
            .iter()
            .flat_map(|(h, t)| [h.clone(), t.clone()])
            .collect();
        [
            self.url.clone(),
            self.title.clone(),
            self.date.clone(),
            self.date_iso.clone(),
            self.author.clone(),
            self.publisher.clone(),
            join(&self.topics),
            join(&self.tags),
            self.summary.clone(),
            self.body.clone(),
            join(&responses),
        ]
        .join(&FIELD.to_string())
        .into_bytes()
    }

    pub fn decode(bytes: &[u8]) -> Result<Fragment, DecodeError> {
        let text = std::str::from_utf8(bytes).map_err(|_| DecodeError::Utf8)?;
        let f: Vec<&str> = text.split(FIELD).collect();
        if f.len() != 11 {
            return Err(DecodeError::Truncated);
        }
        let list = |s: &str| -> Vec<String> {
            if s.is_empty() {
                Vec::new()
            } else {
                s.split(ITEM).map(str::to_string).collect()
            }
        };
        let r = list(f[10]);
        Ok(Fragment {
            url: f[0].into(),
            title: f[1].into(),
            date: f[2].into(),
            date_iso: f[3].into(),
            author: f[4].into(),
            publisher: f[5].into(),
            topics: list(f[6]),
            tags: list(f[7]),
            summary: f[8].into(),
            body: f[9].into(),
            responses: r
                .chunks(2)
                .map(|c| (c[0].clone(), c.get(1).cloned().unwrap_or_default()))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_strings_round_trip() {
        let mut w = Writer::default();
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            w.uint(v);
        }
        w.str("naïve");
        let mut r = Reader::new(&w.buf);
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.uint().unwrap(), v);
        }
        assert_eq!(r.str().unwrap(), "naïve");
        assert!(matches!(r.uint(), Err(DecodeError::Truncated)));
    }

    #[test]
    fn shards_round_trip_and_are_compact() {
        let p = Postings {
            idf: 123,
            variants: vec!["sanction".into(), "sanctions".into()],
            docs: vec![3, 4, 90, 1000],
            impacts: vec![15, 10, 3, 1],
        };
        let stem = Entry {
            alias: None,
            postings: Some(p.clone()),
        };
        let alias = Entry {
            alias: Some("sanction".into()),
            postings: None,
        };
        let entries = [("sanction", &stem), ("sanctions", &alias)];
        let bytes = encode_shard(&entries);
        assert!(bytes.len() < 60, "{} bytes", bytes.len());
        let back = decode_shard(&bytes).unwrap();
        assert_eq!(back["sanction"], stem);
        assert_eq!(back["sanctions"], alias);
        let pos = encode_positions([[&[1, 5][..], &[0], &[7, 8, 9], &[2]]]);
        let lists = decode_positions(&pos, &back).unwrap();
        assert_eq!(lists["sanction"][2], [7, 8, 9]);
        assert!(decode_shard(&bytes[..bytes.len() - 3]).is_err());
    }

    #[test]
    fn meta_finds_the_shard_of_a_key() {
        let meta = Meta {
            docs: 10,
            page_size: 5,
            stop_words: vec!["the".into()],
            shards: vec!["".into(), "dog".into(), "sanction".into()],
            topics: 2,
            tags: 0,
        };
        let back = Meta::decode(&meta.encode()).unwrap();
        assert_eq!(back, meta);
        assert_eq!(back.shard_of("apple"), 0);
        assert_eq!(back.shard_of("dog"), 1);
        assert_eq!(back.shard_of("sanctions"), 2);
        assert!(matches!(Meta::decode(b"nope"), Err(DecodeError::Magic)));
    }

    #[test]
    fn fragments_and_gzip_round_trip() {
        let f = Fragment {
            url: "articles/a/".into(),
            title: "T".into(),
            topics: vec!["Welfare".into(), "Health".into()],
            responses: vec![("Response 1".into(), "Yes.".into())],
            body: "Body text.".into(),
            ..Fragment::default()
        };
        let z = gzip(&f.encode());
        assert_eq!(z, gzip(&f.encode()), "deterministic");
        assert_eq!(Fragment::decode(&gunzip(&z).unwrap()).unwrap(), f);
        assert!(gunzip(b"not gzip").is_err());
    }
}
