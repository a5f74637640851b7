//! Which files a query needs and in which rounds, as the browser fetches them: (1) facets
//! and the shards of the typed words, (2) the shards of their stems and completions,
//! (3) positions, for phrases and proximity. Then the scores of [`super::rank`] combined.

use std::collections::{BTreeMap, BTreeSet};

use super::rank::{Slot, STOP_WEIGHTS};
use super::store::{Fetch, SearchError, Searcher};
use super::{Filters, Outcome, Query, Sort};

/// At most this many completions of a prefix count (the most common ones).
pub const MAX_EXPANSIONS: usize = 16;

// The numbers below were chosen on bench/relevance.py's seed 1 and checked on other
// seeds (bench/RELEVANCE.md); change them the same way, and in search-core.js too
// (tests/search_parity.rs fails while the two differ).

/// Stop words outside quotes are looked up, at [`STOP_WEIGHTS`], when the query has at
/// most this many other words (and no phrase): their postings are long, and beside two
/// or more other words they changed no ranking in the benchmark.
pub const STOP_WORDS_BESIDE: usize = 1;
/// Proximity is scored only when the positions files it needs (beyond a phrase's) cover
/// at most this many postings, about 16 kB: in the benchmark's 181-article archive it
/// always is; in a generated 1,000-article one, queries of common words go without (their
/// positions cost 17-50 kB, more than the rest of the query).
pub const PROXIMITY_POSTINGS: usize = 4000;

impl<F: Fetch> Searcher<F> {
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
        if filters.by_date() {
            self.load_dates()?;
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
}
