//! Saved searches ([`Watch`]) run against the index just built, with the query logic that
//! `pamphlet search` and the search page use, so a watch feed lists exactly what searching
//! for its words finds.

use super::build::IndexFiles;
use super::query::{self, Filters, Searcher, Sort};
use crate::config::Watch;
use crate::site::Site;

/// For each watch, the pages it finds (indices into `site.pages`), newest first: the
/// query's results, in every topic and with every tag the watch lists.
pub fn run(files: &IndexFiles, site: &Site, watches: &[Watch]) -> Vec<Vec<usize>> {
    if watches.is_empty() {
        return Vec::new();
    }
    let Ok(mut searcher) = Searcher::open(files) else {
        return vec![Vec::new(); watches.len()];
    };
    watches
        .iter()
        .map(|w| {
            let q = query::parse(&w.query);
            let Ok(outcome) = searcher.search(&q, &Filters::default(), Sort::Date, false) else {
                return Vec::new();
            };
            outcome
                .hits
                .iter()
                .map(|&(doc, _)| doc as usize)
                .filter(|&i| {
                    site.pages.get(i).is_some_and(|p| {
                        w.topics.iter().all(|t| p.topics.contains(t))
                            && w.tags.iter().all(|t| p.tag_slugs.contains(t))
                    })
                })
                .collect()
        })
        .collect()
}
