//! The feeds of book.toml's saved searches (`[[watch]]`): `/watch/<slug>/feed.xml` lists
//! what the search found, newest first. The search stage ran the queries; render gets
//! their results as page indices and never sees the search module.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::context::Urls;
use super::singles::SEARCH;
use super::{feeds, Renderer};
use crate::config::Watch;
use crate::output::Files;

impl Renderer<'_> {
    /// One feed per watch; `watched[n]` is what `config.watches[n]` found.
    pub(super) fn watch_feeds(&self, watched: &[Vec<usize>], files: &mut Files) {
        for (watch, pages) in self.config.watches.iter().zip(watched) {
            let rel = Urls::watch_feed(&watch.slug);
            let title = format!("{} · {}", watch.name, self.config.book.title);
            let feed = feeds::atom(
                self.site,
                &self.views,
                pages,
                &title,
                &rel,
                &search_link(watch),
            );
            files.insert(rel.into(), feed.into_bytes());
        }
    }
}

/// The search page showing the same search (as far as its filters go: one topic, one tag).
fn search_link(watch: &Watch) -> String {
    let mut link = format!(
        "{SEARCH}?q={}",
        utf8_percent_encode(&watch.query, NON_ALPHANUMERIC)
    );
    if let Some(t) = watch.topics.first() {
        link.push_str(&format!("&topic={t}"));
    }
    if let Some(t) = watch.tags.first() {
        link.push_str(&format!("&tag={t}"));
    }
    link
}
