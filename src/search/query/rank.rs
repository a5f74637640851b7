//! Scores: each word's best idf x impact over its terms (exact, begun, stop word),
//! phrases by adjacent positions, proximity of neighbouring words, and the facet filters
//! with their counts.

use std::collections::{BTreeMap, BTreeSet};

use super::store::{Fetch, Searcher};
use super::{FacetCount, Facets, Filters};
use crate::search::shard::FacetValue;

// The numbers below were chosen on bench/relevance.py's seed 1 and checked on other
// seeds (bench/RELEVANCE.md); change them the same way, and in search-core.js too
// (tests/search_parity.rs fails while the two differ).

/// A stop word's weight (exact, begun) against 10 and 7 for other words: a tie-breaker.
pub(super) const STOP_WEIGHTS: (u64, u64) = (1, 1);
/// Proximity, per pair of neighbouring query words, times the rarer word's idf: as in
/// the query (in order, as far apart), or within [`NEAR_WORDS`] of each other. In order
/// outweighs a word's own score (idf x impact x 10), so articles with the words as typed
/// come first; more than 1000 changed nothing in the benchmark.
const IN_ORDER: u64 = 1000;
const NEAR: u64 = 20;
const NEAR_WORDS: u32 = 8;

/// One plain word of a query, looked up: its terms with their weights (the word itself,
/// then the words it begins), whether results must have it, and its place in the query.
pub(super) struct Slot {
    pub(super) terms: Vec<(String, u64)>,
    pub(super) exact: bool,
    pub(super) required: bool,
    pub(super) at: u32,
}

impl<F: Fetch> Searcher<F> {
    /// The proximity bonus of one document: for each pair of neighbouring query words,
    /// more when they stand in the document as in the query (the same number of words
    /// apart, so stop words between them count), less when merely near each other.
    pub(super) fn proximity(&self, near: &[&Slot], doc: u32) -> u64 {
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

    pub(super) fn add_scores(&self, term: &str, weight: u64, scores: &mut BTreeMap<u32, u64>) {
        if let Some(p) = self.postings(term) {
            for (d, imp) in p.docs.iter().zip(&p.impacts) {
                let s = u64::from(p.idf) * u64::from(*imp) * weight;
                let e = scores.entry(*d).or_insert(0);
                *e = (*e).max(s);
            }
        }
    }

    /// Documents with the phrase's terms at consecutive positions.
    pub(super) fn phrase(&self, terms: &[Option<String>]) -> BTreeMap<u32, u64> {
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

    pub(super) fn adjacent(&self, terms: &[String], doc: u32) -> bool {
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
    pub(super) fn filter(
        &self,
        results: BTreeMap<u32, u64>,
        f: &Filters,
    ) -> (Vec<(u32, u64)>, Facets) {
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
        let dates = self.dates.as_deref().unwrap_or(&[]);
        let date_of = |d: &u32| dates.get(*d as usize).copied().unwrap_or(0);
        let in_date: Option<BTreeSet<u32>> = f.by_date().then(|| {
            results
                .keys()
                .copied()
                .filter(|d| match &f.range {
                    _ if f.undated => date_of(d) == 0,
                    Some(r) => r.contains(date_of(d)),
                    None => true,
                })
                .collect()
        });
        let keep = |d: &u32, sets: &[&Option<BTreeSet<u32>>]| {
            sets.iter()
                .all(|s| s.as_ref().is_none_or(|s| s.contains(d)))
        };
        let count = |values: &[FacetValue], others: &[&Option<BTreeSet<u32>>]| {
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
            topics: count(topics, &[&in_year, &in_tag, &in_date]),
            // Every year's matches, whatever the range: the histogram that narrows it.
            years: {
                let mut y = count(years, &[&in_topic, &in_tag]);
                y.sort_by(|a, b| b.value.cmp(&a.value));
                y
            },
            undated: f.range.map(|_| {
                results
                    .keys()
                    .filter(|d| date_of(d) == 0 && keep(d, &[&in_topic, &in_year, &in_tag]))
                    .count()
            }),
            tags: tags.map(|t| count(t, &[&in_topic, &in_year, &in_date])),
        };
        let hits = results
            .into_iter()
            .filter(|(d, _)| keep(d, &[&in_topic, &in_year, &in_tag, &in_date]))
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
