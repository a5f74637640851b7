//! A query against the index, exactly as search-core.js runs it in the browser (same
//! parsing, same files fetched in the same rounds, same integer scores, same order), so
//! `pamphlet search` can stand in for the browser in tests and report what a query costs.
//! tests/search_parity.rs runs both over one built site and requires the same answers.
//!
//! - [`parse`]: the query text into words, "phrases" and -exclusions.
//! - [`store`]: the index files, fetched once each and decoded ([`Searcher`]).
//! - [`plan`]: which files a query needs, in which rounds, and the order of its steps.
//! - [`rank`]: scores (BM25 impacts, stop words, proximity), phrases, facet filters.
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

mod parse;
mod plan;
mod rank;
mod store;

use std::collections::BTreeSet;

use super::dates::Range;

pub use parse::{parse, Query, MAX_QUERY_WORDS};
pub use plan::{MAX_EXPANSIONS, PROXIMITY_POSTINGS, STOP_WORDS_BESIDE};
pub use store::{Fetch, SearchError, Searcher, MAX_PREFIX_SHARDS};

/// Facet filters; each set one narrows the results (they combine).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub topic: Option<String>,
    pub tag: Option<String>,
    pub year: Option<String>,
    /// Only articles that may have been published in this range (see [`super::dates`]).
    pub range: Option<Range>,
    /// Only the undated articles.
    pub undated: bool,
}

impl Filters {
    /// Whether the query needs every document's date (dates.bin).
    pub(super) fn by_date(&self) -> bool {
        self.range.is_some() || self.undated
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
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
    /// With a date range: how many results the range leaves out for having no date (the
    /// page offers them rather than dropping them unsaid).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated: Option<usize>,
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
