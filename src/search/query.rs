//! A query against the index, exactly as search.js runs it (same parsing, same files
//! fetched in the same rounds, same integer scores, same order), so `pamphlet search`
//! can stand in for the browser in tests and report what a query costs.
//!
//! - Words are all required, except stop words. The last one, while being typed (no space
//!   after it), also matches every word it begins, when those fit in [`MAX_PREFIX_SHARDS`]
//!   shards; a stop word being typed stays optional, and so do the words it begins.
//! - "Quoted phrases" match those words in that order, stop words included.
//! - -word leaves out articles with the word.
//! - Stop words outside quotes only add a little score, and are looked up only beside at
//!   most [`STOP_WORDS_BESIDE`] other words; a query of nothing else requires them.
//! - Only the first [`MAX_QUERY_WORDS`] words count (in phrases and exclusions too).
//! - Score: for each word, the best idf x impact of its terms (exact x10, begun x7, stop
//!   words less), summed; phrases add their words'. With two or more words that are not
//!   stop words, each neighbouring pair adds a proximity bonus, read from the positions
//!   files: most when the two stand as in the query. Ties go to the newer article.

use std::collections::{BTreeMap, BTreeSet};

use super::shard::{self, DecodeError, Entry, FacetValue, Fragment, Meta};

/// A prefix that spans more shards than this matches only itself: one letter must not
/// download half the index.
pub const MAX_PREFIX_SHARDS: usize = 2;
/// At most this many completions of a prefix count (the most common ones).
pub const MAX_EXPANSIONS: usize = 16;

/// The most words a query is searched for; the rest are ignored (and the user told). Each
/// word is a lookup and a pass over its postings, so a pasted page as a query would take
/// seconds, and no real question needs more.
pub const MAX_QUERY_WORDS: usize = 32;

// The numbers below were chosen on bench/relevance.py's seed 1 and checked on other
// seeds (bench/RESULTS.md, "Search relevance"); change them the same way.

/// Stop words outside quotes are looked up, at [`STOP_WEIGHTS`], when the query has at
/// most this many other words (and no phrase): their postings are long, and beside two
/// or more other words they changed no ranking in the benchmark.
pub const STOP_WORDS_BESIDE: usize = 1;
/// A stop word's weight (exact, begun) against 10 and 7 for other words: a tie-breaker.
const STOP_WEIGHTS: (u64, u64) = (1, 1);
/// Proximity, per pair of neighbouring query words, times the rarer word's idf: as in
/// the query (in order, as far apart), or within [`NEAR_WORDS`] of each other. In order
/// outweighs a word's own score (idf x impact x 10), so articles with the words as typed
/// come first; more than 1000 changed nothing in the benchmark.
const IN_ORDER: u64 = 1000;
const NEAR: u64 = 20;
const NEAR_WORDS: u32 = 8;
/// Proximity is scored only when the positions files it needs (beyond a phrase's) cover
/// at most this many postings, about 16 kB: in the benchmark's 181-article archive it
/// always is; in a generated 1,000-article one, queries of common words go without (their
/// positions cost 17-50 kB, more than the rest of the query).
pub const PROXIMITY_POSTINGS: usize = 4000;

/// One plain word of a query, looked up: its terms with their weights (the word itself,
/// then the words it begins), whether results must have it, and its place in the query.
struct Slot {
    terms: Vec<(String, u64)>,
    exact: bool,
    required: bool,
    at: u32,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    /// The last word is still being typed: match it as a prefix too.
    pub prefix: bool,
    pub phrases: Vec<Vec<String>>,
    pub excluded: Vec<String>,
    /// Words past [`MAX_QUERY_WORDS`], left out.
    pub ignored: usize,
}

impl Query {
    /// `words` cut to the room left under [`MAX_QUERY_WORDS`], counting what is cut.
    fn room(&mut self, mut words: Vec<String>) -> Vec<String> {
        let used = self.words.len()
            + self.excluded.len()
            + self.phrases.iter().map(Vec::len).sum::<usize>();
        let room = MAX_QUERY_WORDS.saturating_sub(used);
        if words.len() > room {
            self.ignored += words.len() - room;
            words.truncate(room);
        }
        words
    }
}

/// Splits a query into words, "phrases" and -exclusions, folding each word as the index
/// does. An unclosed quote runs to the end.
pub fn parse(q: &str) -> Query {
    let mut query = Query::default();
    let mut rest = q;
    let mut last_plain = false;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            last_plain = false;
        } else if c == '"' {
            let inner = &rest[1..];
            let end = inner.find('"').unwrap_or(inner.len());
            let words = query.room(crate::text::words(&inner[..end]).map(|(_, w)| w).collect());
            if !words.is_empty() {
                query.phrases.push(words);
            }
            rest = inner.get(end + 1..).unwrap_or("");
            last_plain = false;
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let chunk = &rest[..end];
            let words = query.room(crate::text::words(chunk).map(|(_, w)| w).collect());
            if chunk.len() > 1 && chunk.starts_with('-') {
                query.excluded.extend(words);
                last_plain = false;
            } else {
                let before = query.words.len();
                query.words.extend(words);
                last_plain = query.words.len() > before;
            }
            rest = &rest[end..];
        }
    }
    query.prefix = last_plain && q.chars().last().is_some_and(char::is_alphanumeric);
    query
}

/// Facet filters; each set one narrows the results (they combine).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub topic: Option<String>,
    pub tag: Option<String>,
    pub year: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

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

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot load search index file {path}: {message}")]
    Load { path: String, message: String },
}

/// A facet value with the number of results it would leave.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facets {
    pub topics: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
    /// Only when tags.bin was loaded (a tag filter is set, or they were asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<FacetCount>>,
}

/// What a query found: documents in order, facet counts, and what to highlight.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub hits: Vec<(u32, u64)>,
    pub facets: Facets,
    /// Folded words to mark in snippets, and the prefix being typed.
    pub highlight: BTreeSet<String>,
    pub prefix: Option<String>,
}

type Shard = BTreeMap<String, Entry>;

/// Queries one index, keeping what it fetched (as the browser's cache would).
pub struct Searcher<F: Fetch> {
    fetch: F,
    pub meta: Meta,
    shards: BTreeMap<usize, Shard>,
    positions: BTreeMap<usize, BTreeMap<String, Vec<Vec<u32>>>>,
    facets: Option<Vec<Vec<FacetValue>>>,
    tags: Option<Vec<FacetValue>>,
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
            fetched: Vec::new(),
        };
        let bytes = s.get("meta.bin")?;
        s.meta = Meta::decode(&bytes).map_err(|e| load_error("meta.bin", e))?;
        Ok(s)
    }

    /// Fetches and gunzips one file, recording it.
    fn get(&mut self, path: &str) -> Result<Vec<u8>, SearchError> {
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

    fn is_stop(&self, w: &str) -> bool {
        self.meta
            .stop_words
            .binary_search_by(|s| s.as_str().cmp(w))
            .is_ok()
    }

    /// Loads the term shards not loaded yet (the browser fetches them in parallel).
    fn load_shards(&mut self, wanted: BTreeSet<usize>) -> Result<(), SearchError> {
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

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.shards.get(&self.meta.shard_of(key))?.get(key)
    }

    /// The term a word's postings are under, once its shard is loaded.
    fn resolve(&self, word: &str) -> Option<String> {
        let e = self.entry(word)?;
        match (&e.alias, &e.postings) {
            (Some(a), _) => Some(a.clone()),
            (None, Some(_)) => Some(word.to_string()),
            (None, None) => None,
        }
    }

    fn prefix_range(&self, p: &str) -> Option<(usize, usize)> {
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

    /// Runs a query. Rounds, as in the browser: (1) facets and the shards of the typed
    /// words, (2) the shards of their stems, (3) positions, for phrases and proximity.
    pub fn search(
        &mut self,
        query: &Query,
        filters: &Filters,
        sort: Sort,
        want_tags: bool,
    ) -> Result<Outcome, SearchError> {
        let all_stop = query.phrases.is_empty() && query.words.iter().all(|w| self.is_stop(w));
        let content = query.words.iter().filter(|w| !self.is_stop(w)).count();
        // Stop words are looked up (for a little weight) only beside few other words:
        // their postings are long, and with many words they rarely change the order.
        let use_stops = all_stop || (content <= STOP_WORDS_BESIDE && query.phrases.is_empty());
        let last = query.words.len().wrapping_sub(1);
        // Round 1.
        self.load_facets()?;
        if want_tags || filters.tag.is_some() {
            self.load_tags()?;
        }
        let mut wanted = BTreeSet::new();
        for w in &query.words {
            if use_stops || !self.is_stop(w) {
                wanted.insert(self.meta.shard_of(w));
            }
        }
        let prefix_range = if query.prefix {
            query.words.last().and_then(|p| self.prefix_range(p))
        } else {
            None
        };
        if let Some((lo, hi)) = prefix_range {
            wanted.extend(lo..=hi);
        }
        for w in query.phrases.iter().flatten().chain(&query.excluded) {
            wanted.insert(self.meta.shard_of(w));
        }
        self.load_shards(wanted)?;
        // Round 2: each typed word's stem, and the prefix's completions.
        let mut slots: Vec<Slot> = Vec::new();
        for (i, w) in query.words.iter().enumerate() {
            let stop = self.is_stop(w) && !all_stop;
            let exact = (use_stops || !stop).then(|| self.resolve(w)).flatten();
            let mut expansions = BTreeSet::new();
            if i == last && prefix_range.is_some() {
                for shard in self
                    .shards
                    .range(prefix_range.map_or(0..0, |(l, h)| l..h + 1))
                {
                    for k in shard.1.keys().filter(|k| k.starts_with(w.as_str())) {
                        if k != w && !self.is_stop(k) {
                            expansions.extend(self.resolve(k));
                        }
                    }
                }
            }
            if let Some(e) = &exact {
                expansions.remove(e);
            }
            let (exact_weight, begun_weight) = if stop { STOP_WEIGHTS } else { (10, 7) };
            let has_exact = exact.is_some();
            let mut terms: Vec<(String, u64)> =
                exact.into_iter().map(|e| (e, exact_weight)).collect();
            terms.extend(expansions.into_iter().map(|e| (e, begun_weight)));
            slots.push(Slot {
                terms,
                exact: has_exact,
                // A stop word never narrows the results, nor do the words it begins
                // while being typed: `design composed of` finds `design composed`.
                required: !stop,
                at: i as u32,
            });
        }
        let phrases: Vec<Vec<Option<String>>> = query
            .phrases
            .iter()
            .map(|p| p.iter().map(|w| self.resolve(w)).collect())
            .collect();
        let excluded: Vec<String> = query
            .excluded
            .iter()
            .filter_map(|w| self.resolve(w))
            .collect();
        let mut stems = BTreeSet::new();
        for slot in &slots {
            stems.extend(slot.terms.iter().map(|(s, _)| self.meta.shard_of(s)));
        }
        for s in phrases.iter().flatten().flatten().chain(&excluded) {
            stems.insert(self.meta.shard_of(s));
        }
        self.load_shards(stems)?;
        // The most common completions only (the exact word, if any, comes first).
        for slot in &mut slots {
            let df = |s: &(String, u64)| self.postings(&s.0).map_or(0, |p| p.docs.len());
            let exact = usize::from(slot.exact);
            slot.terms[exact..].sort_by(|a, b| df(b).cmp(&df(a)).then_with(|| a.0.cmp(&b.0)));
            slot.terms.truncate(exact + MAX_EXPANSIONS);
        }
        // Round 3: positions of the words of multi-word phrases, and, for proximity, of
        // the words that are not stop words when there are two or more and their
        // positions are cheap enough.
        let mut pos_shards = BTreeSet::new();
        for p in phrases.iter().filter(|p| p.len() > 1) {
            pos_shards.extend(p.iter().flatten().map(|s| self.meta.shard_of(s)));
        }
        let mut near: Vec<&Slot> = slots
            .iter()
            .filter(|s| s.required && !s.terms.is_empty())
            .collect();
        let near_shards: BTreeSet<usize> = near
            .iter()
            .flat_map(|s| s.terms.iter().map(|(t, _)| self.meta.shard_of(t)))
            .filter(|i| !pos_shards.contains(i))
            .collect();
        if near.len() < 2 || self.postings_in(&near_shards) > PROXIMITY_POSTINGS {
            near.clear();
        }
        if !near.is_empty() {
            pos_shards.extend(near_shards);
        }
        self.load_positions(pos_shards)?;
        let mut outcome = Outcome::default();
        let mut clauses: Vec<BTreeMap<u32, u64>> = Vec::new();
        let mut optional: Vec<BTreeMap<u32, u64>> = Vec::new();
        for slot in &slots {
            let mut scores = BTreeMap::new();
            for (term, weight) in &slot.terms {
                self.add_scores(term, *weight, &mut scores);
                outcome.highlight.extend(self.variants(term));
            }
            if slot.required {
                clauses.push(scores);
            } else {
                optional.push(scores);
            }
        }
        for p in &phrases {
            clauses.push(self.phrase(p));
            for t in p.iter().flatten() {
                outcome.highlight.extend(self.variants(t));
            }
        }
        if query.prefix && prefix_range.is_some() {
            outcome.prefix = query.words.last().cloned();
        }
        let mut results = match clauses.split_first() {
            None => BTreeMap::new(),
            Some((first, rest)) => {
                let mut acc = first.clone();
                for c in rest {
                    acc = acc
                        .into_iter()
                        .filter_map(|(d, s)| c.get(&d).map(|t| (d, s + t)))
                        .collect();
                }
                acc
            }
        };
        for t in &excluded {
            if let Some(p) = self.postings(t) {
                for d in &p.docs {
                    results.remove(d);
                }
            }
        }
        for (d, s) in results.iter_mut() {
            *s += optional.iter().filter_map(|c| c.get(d)).sum::<u64>();
            if near.len() > 1 {
                *s += self.proximity(&near, *d);
            }
        }
        let (hits, facets) = self.filter(results, filters);
        outcome.facets = facets;
        outcome.hits = hits;
        match sort {
            Sort::Relevance => outcome
                .hits
                .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0))),
            Sort::Date => outcome.hits.sort_by_key(|h| h.0),
        }
        Ok(outcome)
    }

    /// How many postings the term shards `shards` hold: what their positions files cost,
    /// near enough (a few bytes each).
    fn postings_in(&self, shards: &BTreeSet<usize>) -> usize {
        shards
            .iter()
            .filter_map(|i| self.shards.get(i))
            .flat_map(|s| s.values())
            .filter_map(|e| e.postings.as_ref())
            .map(|p| p.docs.len())
            .sum()
    }

    fn load_positions(&mut self, wanted: BTreeSet<usize>) -> Result<(), SearchError> {
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

    /// The proximity bonus of one document: for each pair of neighbouring query words,
    /// more when they stand in the document as in the query (the same number of words
    /// apart, so stop words between them count), less when merely near each other.
    fn proximity(&self, near: &[&Slot], doc: u32) -> u64 {
        let places: Vec<Vec<u32>> = near
            .iter()
            .map(|slot| {
                let mut v: Vec<u32> = slot
                    .terms
                    .iter()
                    .flat_map(|(t, _)| self.doc_positions(t, doc).iter().copied())
                    .collect();
                v.sort_unstable();
                v
            })
            .collect();
        let mut bonus = 0;
        for (i, pair) in near.windows(2).enumerate() {
            let gap = pair[1].at - pair[0].at;
            let (a, b) = (&places[i], &places[i + 1]);
            let idf = |s: &Slot| {
                s.terms
                    .first()
                    .and_then(|(t, _)| self.postings(t))
                    .map_or(0, |p| u64::from(p.idf))
            };
            let weight = idf(pair[0]).min(idf(pair[1]));
            if a.iter().any(|&p| b.binary_search(&(p + gap)).is_ok()) {
                bonus += weight * IN_ORDER;
            } else if closest(a, b) <= NEAR_WORDS {
                bonus += weight * NEAR;
            }
        }
        bonus
    }

    fn postings(&self, term: &str) -> Option<&shard::Postings> {
        self.entry(term)?.postings.as_ref()
    }

    fn variants(&self, term: &str) -> Vec<String> {
        let mut v = self
            .postings(term)
            .map_or(Vec::new(), |p| p.variants.clone());
        v.push(term.to_string());
        v
    }

    fn add_scores(&self, term: &str, weight: u64, scores: &mut BTreeMap<u32, u64>) {
        if let Some(p) = self.postings(term) {
            for (d, imp) in p.docs.iter().zip(&p.impacts) {
                let s = u64::from(p.idf) * u64::from(*imp) * weight;
                let e = scores.entry(*d).or_insert(0);
                *e = (*e).max(s);
            }
        }
    }

    /// Documents with the phrase's terms at consecutive positions.
    fn phrase(&self, terms: &[Option<String>]) -> BTreeMap<u32, u64> {
        let Some(terms) = terms.iter().cloned().collect::<Option<Vec<String>>>() else {
            return BTreeMap::new();
        };
        let all_stop = terms.iter().all(|t| self.is_stop(t));
        let mut acc: Option<BTreeMap<u32, u64>> = None;
        for t in &terms {
            let mut s = BTreeMap::new();
            let weight = u64::from(all_stop || !self.is_stop(t)) * 10;
            if let Some(p) = self.postings(t) {
                for (d, imp) in p.docs.iter().zip(&p.impacts) {
                    s.insert(*d, u64::from(p.idf) * u64::from(*imp) * weight);
                }
            }
            acc = Some(match acc {
                None => s,
                Some(a) => a
                    .into_iter()
                    .filter_map(|(d, x)| s.get(&d).map(|y| (d, x + y)))
                    .collect(),
            });
        }
        let mut acc = acc.unwrap_or_default();
        if terms.len() > 1 {
            acc.retain(|d, _| self.adjacent(&terms, *d));
        }
        acc
    }

    fn doc_positions(&self, term: &str, doc: u32) -> &[u32] {
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

    fn adjacent(&self, terms: &[String], doc: u32) -> bool {
        let first = self.doc_positions(&terms[0], doc);
        first.iter().any(|&p| {
            terms.iter().enumerate().skip(1).all(|(i, t)| {
                self.doc_positions(t, doc)
                    .binary_search(&(p + i as u32))
                    .is_ok()
            })
        })
    }

    /// Applies the filters; counts each facet over the results the other filters leave.
    fn filter(&self, results: BTreeMap<u32, u64>, f: &Filters) -> (Vec<(u32, u64)>, Facets) {
        let empty = Vec::new();
        let groups = self.facets.as_deref().unwrap_or(&[]);
        let topics = groups.first().unwrap_or(&empty);
        let years = groups.get(1).unwrap_or(&empty);
        let tags = self.tags.as_ref();
        let set = |values: &[FacetValue], want: &Option<String>| -> Option<BTreeSet<u32>> {
            let want = want.as_ref()?;
            Some(
                values
                    .iter()
                    .find(|v| &v.value == want)
                    .map_or_else(BTreeSet::new, |v| v.docs.iter().copied().collect()),
            )
        };
        let in_topic = set(topics, &f.topic);
        let in_year = set(years, &f.year);
        let in_tag = set(tags.map_or(&empty, |t| t), &f.tag);
        let keep = |d: &u32, sets: [&Option<BTreeSet<u32>>; 2]| {
            sets.iter()
                .all(|s| s.as_ref().is_none_or(|s| s.contains(d)))
        };
        let count = |values: &[FacetValue], others: [&Option<BTreeSet<u32>>; 2]| {
            let mut out: Vec<FacetCount> = values
                .iter()
                .map(|v| FacetCount {
                    value: v.value.clone(),
                    label: v.label.clone(),
                    count: v
                        .docs
                        .iter()
                        .filter(|d| results.contains_key(d) && keep(d, others))
                        .count(),
                })
                .filter(|c| c.count > 0)
                .collect();
            out.sort_by_key(|c| std::cmp::Reverse(c.count));
            out
        };
        let facets = Facets {
            topics: count(topics, [&in_year, &in_tag]),
            years: {
                let mut y = count(years, [&in_topic, &in_tag]);
                y.sort_by(|a, b| b.value.cmp(&a.value));
                y
            },
            tags: tags.map(|t| count(t, [&in_topic, &in_year])),
        };
        let hits = results
            .into_iter()
            .filter(|(d, _)| keep(d, [&in_topic, &in_year]) && keep(d, [&in_tag, &None]))
            .collect();
        (hits, facets)
    }
}

/// The least distance between a position in `a` and one in `b` (both sorted).
fn closest(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut best) = (0, 0, u32::MAX);
    while i < a.len() && j < b.len() {
        best = best.min(a[i].abs_diff(b[j]));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

fn load_error(path: &str, e: DecodeError) -> SearchError {
    SearchError::Load {
        path: path.to_string(),
        message: format!("{e}; rebuild the site with `pamphlet build`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_parsed() {
        let q = parse(r#"Sanctions "the Work Programme" -atos naïve"#);
        assert_eq!(q.words, ["sanctions", "naive"]);
        assert_eq!(q.phrases, [vec!["the", "work", "programme"]]);
        assert_eq!(q.excluded, ["atos"]);
        assert!(q.prefix);
        assert!(!parse("sanctions ").prefix);
        assert!(!parse("a -b").prefix);
        assert!(!parse("\"a b").prefix);
        assert_eq!(parse("\"open phrase").phrases, [vec!["open", "phrase"]]);
        assert_eq!(parse("five-week").words, ["fiveweek"]);
        assert_eq!(parse("- x").words, ["x"]);
    }

    #[test]
    fn long_queries_keep_their_first_words() {
        let text: Vec<String> = (0..12_000).map(|i| format!("w{i}")).collect();
        let q = parse(&format!("\"a b\" -c {}", text.join(" ")));
        assert_eq!(q.phrases, [vec!["a", "b"]]);
        assert_eq!(q.excluded, ["c"]);
        assert_eq!(q.words.len(), MAX_QUERY_WORDS - 3);
        assert_eq!(q.words[0], "w0");
        assert_eq!(q.ignored, 12_000 - (MAX_QUERY_WORDS - 3));
        assert!(!q.prefix, "the word being typed was left out");
    }
}
