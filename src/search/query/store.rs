//! The index files a query reads: fetched through a [`Fetch`] (disk, memory; in the
//! browser, the network), each once, gunzipped, decoded and kept, with what each cost.
//! Lookups into what is loaded live here too; deciding what to load is [`super::plan`]'s.

use std::collections::{BTreeMap, BTreeSet};

use crate::search::shard::{self, DecodeError, Entry, FacetValue, Fragment, Meta};

/// A prefix that spans more shards than this matches only itself: one letter must not
/// download half the index.
pub const MAX_PREFIX_SHARDS: usize = 2;

/// Where index files come from: the disk, memory, (in the browser) the network.
pub trait Fetch {
    /// The file's bytes as stored (gzipped), by path relative to the index folder.
    fn fetch(&mut self, path: &str) -> Result<Vec<u8>, String>;
}

impl<T: Fetch + ?Sized> Fetch for Box<T> {
    fn fetch(&mut self, path: &str) -> Result<Vec<u8>, String> {
        (**self).fetch(path)
    }
}

/// An index held in memory: a build's, read in place for its saved searches, or one made
/// from content/ for `pamphlet search` before a first build.
impl Fetch for &BTreeMap<String, Vec<u8>> {
    fn fetch(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.get(path)
            .cloned()
            .ok_or_else(|| "not in the index".into())
    }
}

impl Fetch for BTreeMap<String, Vec<u8>> {
    fn fetch(&mut self, path: &str) -> Result<Vec<u8>, String> {
        (&*self).fetch(path)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot load search index file {path}: {message}")]
    Load { path: String, message: String },
}

pub(super) type Shard = BTreeMap<String, Entry>;

/// Queries one index, keeping what it fetched (as the browser's cache would).
pub struct Searcher<F: Fetch> {
    pub(super) fetch: F,
    pub meta: Meta,
    pub(super) shards: BTreeMap<usize, Shard>,
    pub(super) positions: BTreeMap<usize, BTreeMap<String, Vec<Vec<u32>>>>,
    pub(super) facets: Option<Vec<Vec<FacetValue>>>,
    pub(super) tags: Option<Vec<FacetValue>>,
    /// Every document's date key, once a query asked for a date range.
    pub(super) dates: Option<Vec<u32>>,
    /// Every file fetched, in order, with its size on the wire.
    pub fetched: Vec<(String, usize)>,
}

impl<F: Fetch> Searcher<F> {
    pub fn open(fetch: F) -> Result<Searcher<F>, SearchError> {
        let mut s = Searcher {
            fetch,
            meta: Meta {
                docs: 0,
                page_size: 0,
                stop_words: Vec::new(),
                shards: Vec::new(),
                topics: 0,
                tags: 0,
            },
            shards: BTreeMap::new(),
            positions: BTreeMap::new(),
            facets: None,
            tags: None,
            dates: None,
            fetched: Vec::new(),
        };
        let bytes = s.get("meta.bin")?;
        s.meta = Meta::decode(&bytes).map_err(|e| load_error("meta.bin", e))?;
        Ok(s)
    }

    /// Fetches and gunzips one file, recording it.
    pub(super) fn get(&mut self, path: &str) -> Result<Vec<u8>, SearchError> {
        let raw = self
            .fetch
            .fetch(path)
            .map_err(|message| SearchError::Load {
                path: path.to_string(),
                message,
            })?;
        self.fetched.push((path.to_string(), raw.len()));
        shard::gunzip(&raw).map_err(|e| load_error(path, e))
    }

    pub(super) fn is_stop(&self, w: &str) -> bool {
        self.meta
            .stop_words
            .binary_search_by(|s| s.as_str().cmp(w))
            .is_ok()
    }

    /// Loads the term shards not loaded yet (the browser fetches them in parallel).
    pub(super) fn load_shards(&mut self, wanted: BTreeSet<usize>) -> Result<(), SearchError> {
        for i in wanted {
            if !self.shards.contains_key(&i) && i < self.meta.shards.len() {
                let path = format!("t/{i}.bin");
                let bytes = self.get(&path)?;
                let shard = shard::decode_shard(&bytes).map_err(|e| load_error(&path, e))?;
                self.shards.insert(i, shard);
            }
        }
        Ok(())
    }

    pub(super) fn entry(&self, key: &str) -> Option<&Entry> {
        self.shards.get(&self.meta.shard_of(key))?.get(key)
    }

    /// The term a word's postings are under, once its shard is loaded.
    pub(super) fn resolve(&self, word: &str) -> Option<String> {
        let e = self.entry(word)?;
        match (&e.alias, &e.postings) {
            (Some(a), _) => Some(a.clone()),
            (None, Some(_)) => Some(word.to_string()),
            (None, None) => None,
        }
    }

    pub(super) fn prefix_range(&self, p: &str) -> Option<(usize, usize)> {
        let lo = self.meta.shard_of(p);
        let hi = self.meta.shard_of(&format!("{p}\u{10FFFF}"));
        (hi - lo < MAX_PREFIX_SHARDS).then_some((lo, hi))
    }

    pub fn load_facets(&mut self) -> Result<(), SearchError> {
        if self.facets.is_none() {
            let bytes = self.get("facets.bin")?;
            let f = shard::decode_facets(&bytes, 2).map_err(|e| load_error("facets.bin", e))?;
            self.facets = Some(f);
        }
        Ok(())
    }

    pub fn load_tags(&mut self) -> Result<(), SearchError> {
        if self.tags.is_none() {
            let bytes = self.get("tags.bin")?;
            let mut f = shard::decode_facets(&bytes, 1).map_err(|e| load_error("tags.bin", e))?;
            self.tags = Some(f.pop().unwrap_or_default());
        }
        Ok(())
    }

    pub fn load_dates(&mut self) -> Result<(), SearchError> {
        if self.dates.is_none() {
            let bytes = self.get("dates.bin")?;
            let keys =
                super::super::dates::decode(&bytes).map_err(|e| load_error("dates.bin", e))?;
            self.dates = Some(keys);
        }
        Ok(())
    }

    /// The topics and the years of the index (as facets.bin lists them).
    pub fn facet_values(&mut self) -> Result<(&[FacetValue], &[FacetValue]), SearchError> {
        self.load_facets()?;
        let groups = self.facets.as_deref().unwrap_or(&[]);
        Ok((
            groups.first().map_or(&[], Vec::as_slice),
            groups.get(1).map_or(&[], Vec::as_slice),
        ))
    }

    /// The tags of the index.
    pub fn tag_values(&mut self) -> Result<&[FacetValue], SearchError> {
        self.load_tags()?;
        Ok(self.tags.as_deref().unwrap_or(&[]))
    }

    pub fn fragment(&mut self, doc: u32) -> Result<Fragment, SearchError> {
        let path = format!("f/{doc}.bin");
        let bytes = self.get(&path)?;
        Fragment::decode(&bytes).map_err(|e| load_error(&path, e))
    }

    /// How many postings the term shards `shards` hold: what their positions files cost,
    /// near enough (a few bytes each).
    pub(super) fn postings_in(&self, shards: &BTreeSet<usize>) -> usize {
        shards
            .iter()
            .filter_map(|i| self.shards.get(i))
            .flat_map(|s| s.values())
            .filter_map(|e| e.postings.as_ref())
            .map(|p| p.docs.len())
            .sum()
    }

    pub(super) fn load_positions(&mut self, wanted: BTreeSet<usize>) -> Result<(), SearchError> {
        for i in wanted {
            if !self.positions.contains_key(&i) {
                let path = format!("p/{i}.bin");
                let bytes = self.get(&path)?;
                let none = Shard::new();
                let shard = self.shards.get(&i).unwrap_or(&none);
                let pos =
                    shard::decode_positions(&bytes, shard).map_err(|e| load_error(&path, e))?;
                self.positions.insert(i, pos);
            }
        }
        Ok(())
    }

    pub(super) fn postings(&self, term: &str) -> Option<&shard::Postings> {
        self.entry(term)?.postings.as_ref()
    }

    pub(super) fn variants(&self, term: &str) -> Vec<String> {
        let mut v = self
            .postings(term)
            .map_or(Vec::new(), |p| p.variants.clone());
        v.push(term.to_string());
        v
    }

    pub(super) fn doc_positions(&self, term: &str, doc: u32) -> &[u32] {
        let shard = self.meta.shard_of(term);
        let (Some(p), Some(pos)) = (
            self.postings(term),
            self.positions.get(&shard).and_then(|m| m.get(term)),
        ) else {
            return &[];
        };
        p.docs
            .binary_search(&doc)
            .ok()
            .and_then(|i| pos.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

fn load_error(path: &str, e: DecodeError) -> SearchError {
    SearchError::Load {
        path: path.to_string(),
        message: format!("{e}; rebuild the site with `pamphlet build`"),
    }
}
