//! Search: [`Site`] -> [`SearchIndex`], the files of a full-text index that the reader's
//! browser queries with no server (themes/default/static/search-core.js), and the same query
//! logic in Rust for `pamphlet search` ([`local`]).
//!
//! The index, under `search/<hash>/` (the hash covers every file in it, so each file can
//! be cached forever; the search page names meta.bin in a `data-index` attribute):
//!
//! - `meta.bin`: document count, stop words, the first key of every term shard;
//! - `t/N.bin`: a sorted run of dictionary keys. A key is a folded surface word
//!   ("sanctions", an alias of its stem) or a stem ("sanction", with its postings:
//!   ascending documents, delta-encoded, one BM25F impact byte each, an idf, and the
//!   surface words that stem to it, for highlighting). The browser has no stemmer: it
//!   looks the typed word up and follows the alias, so stemming lives in one place;
//! - `p/N.bin`: the word positions for shard N, fetched only for "quoted phrases";
//! - `facets.bin` (topics and years) and `tags.bin` (tags, fetched when the reader opens
//!   the tag filter): each value with its documents;
//! - `f/DOC.bin`: what one result shows (title, URL, date, publisher, topics, summary,
//!   text for the snippet), fetched only for the results on screen.
//!
//! Every file is gzipped (see [`shard`]). Documents are numbered in the site's order,
//! newest first, so "sort by date" is "sort by number". Everything is built from scratch
//! on every build, from sorted maps: the same content gives the same bytes.
//! docs/search-index.md has the design and the measurements.

mod build;
pub mod dates;
pub mod local;
mod named;
pub mod query;
pub mod shard;
pub mod snippet;
pub mod tokenize;
mod watch;

use std::path::PathBuf;

use pulldown_cmark::{Event, Parser, TagEnd};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::output::Files;
use crate::site::taxonomy::UNSORTED;
use crate::site::{Page, Site};
use build::{DocText, BODY, BYLINE, RESPONSES, SUMMARY, TAGS, TITLE};
use shard::{FacetValue, Fragment};

/// Results the search page shows at a time; `pamphlet search --json` counts the bytes of
/// that many fragments, as the page fetches them.
pub const PAGE_SIZE: u32 = 5;

/// The built index.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Paths relative to the site root.
    pub files: Files,
    /// The site-relative path of meta.bin, for the search page.
    pub meta: String,
    /// What each of book.toml's saved searches finds (see [`watch`]), for their feeds.
    pub watched: Vec<Vec<usize>>,
}

/// Builds the index of every page of the site.
pub fn index(site: &Site, config: &Config) -> SearchIndex {
    let mut files = build::build(
        &site.pages,
        |p| doc_text(p, config),
        &config.book.language,
        PAGE_SIZE,
        facets(site, config),
    );
    let keys: Vec<u32> = site.pages.iter().map(|p| dates::key(p.date)).collect();
    files.insert("dates.bin".into(), shard::gzip(&dates::encode(&keys)));
    let mut hash = Sha256::new();
    for (path, bytes) in &files {
        hash.update(path.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let hex: String = hash.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = format!("search/{hex}");
    SearchIndex {
        watched: watch::run(&files, site, &config.watches),
        meta: format!("{dir}/meta.bin"),
        files: files
            .into_iter()
            .map(|(p, b)| (PathBuf::from(format!("{dir}/{p}")), b))
            .collect(),
    }
}

/// Topics (book.toml order, then "unsorted"), years (newest first) and tags (by slug).
fn facets(site: &Site, config: &Config) -> [Vec<FacetValue>; 3] {
    let tax = &site.taxonomy;
    let docs = |pages: &[usize]| pages.iter().map(|&i| i as u32).collect::<Vec<_>>();
    let mut topics: Vec<FacetValue> = config
        .topics
        .iter()
        .filter(|t| !tax.topic_pages(&t.slug).is_empty())
        .map(|t| FacetValue {
            value: t.slug.clone(),
            label: t.name.clone(),
            docs: docs(tax.topic_pages(&t.slug)),
        })
        .collect();
    if !tax.topic_pages(UNSORTED).is_empty() {
        topics.push(FacetValue {
            value: UNSORTED.into(),
            label: "Unsorted".into(),
            docs: docs(tax.topic_pages(UNSORTED)),
        });
    }
    let years = tax
        .years
        .iter()
        .rev()
        .map(|(y, pages)| FacetValue {
            value: y.to_string(),
            label: y.to_string(),
            docs: docs(pages),
        })
        .collect();
    let tags = tax
        .tags
        .iter()
        .map(|(slug, g)| FacetValue {
            value: slug.clone(),
            label: g.name.clone(),
            docs: docs(&g.pages),
        })
        .collect();
    [topics, years, tags]
}

/// A page's fields and fragment.
fn doc_text(page: &Page, config: &Config) -> DocText {
    let body = plain_text(&page.article);
    let topic_names: Vec<String> = page
        .topics
        .iter()
        .filter_map(|t| config.topic(t).map(|c| clean(&c.name)))
        .collect();
    let responses: Vec<(String, String)> = page
        .responses
        .iter()
        .map(|r| {
            // "Response 3 — Jane Smith": who, not when or to whom.
            let who = crate::content::responses::Heading::parse(&r.heading).who();
            (clean(&who), plain_text(&r.markdown))
        })
        .collect();
    // A summary made of the body's first sentences would count the same words twice.
    let summary = clean(&page.summary);
    let summary = if body.starts_with(summary.trim_end_matches('…')) {
        String::new()
    } else {
        summary
    };
    let mut fields: [Vec<String>; build::FIELDS] = Default::default();
    fields[TITLE] = vec![clean(&page.title)];
    fields[TAGS] = page
        .tags
        .iter()
        .map(|t| clean(t))
        .chain(topic_names.iter().cloned())
        .collect();
    fields[BYLINE] = [&page.author, &page.publisher]
        .into_iter()
        .flatten()
        .map(|s| clean(s))
        .collect();
    fields[SUMMARY] = vec![summary.clone()];
    fields[BODY] = vec![body.clone()];
    fields[RESPONSES] = responses.iter().map(|(_, t)| t.clone()).collect();
    DocText {
        fragment: Fragment {
            url: crate::urls::Urls::article(&page.slug),
            title: clean(&page.title),
            date: page.date.map(|d| d.long()).unwrap_or_default(),
            date_iso: page.date.map(|d| d.to_string()).unwrap_or_default(),
            author: page.author.as_deref().map(clean).unwrap_or_default(),
            publisher: page.publisher.as_deref().map(clean).unwrap_or_default(),
            topics: topic_names,
            tags: page.tags.iter().map(|t| clean(t)).collect(),
            summary,
            body,
            responses,
        },
        fields,
    }
}

/// Markdown -> the text a reader sees, on one line: what the snippets are cut from.
pub fn plain_text(markdown: &str) -> String {
    let mut line = OneLine::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, crate::content::MARKDOWN_OPTIONS) {
        match event {
            Event::Text(t) | Event::Code(t) => line.push(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => line.gap(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => line.gap(),
            _ => {}
        }
    }
    line.text
}

/// One line of text with single spaces and none of the fragment separators.
fn clean(s: &str) -> String {
    let mut line = OneLine::with_capacity(s.len());
    line.push(s);
    line.text
}

/// Text gathered onto one line: each run of white space and control characters (the
/// fragment separators among them) becomes one space, and none leads or trails.
struct OneLine {
    text: String,
    /// A separator was seen since the last word.
    gap: bool,
}

impl OneLine {
    fn with_capacity(bytes: usize) -> OneLine {
        OneLine {
            text: String::with_capacity(bytes),
            gap: false,
        }
    }

    fn gap(&mut self) {
        self.gap = !self.text.is_empty();
    }

    /// Appends `s`, copying its words in runs rather than one character at a time.
    fn push(&mut self, s: &str) {
        let mut word_start = None;
        for (i, c) in s.char_indices() {
            let separates = if c.is_ascii() {
                c <= ' ' || c == '\x7f'
            } else {
                c.is_whitespace() || c.is_control()
            };
            if separates {
                if let Some(start) = word_start.take() {
                    self.text.push_str(&s[start..i]);
                }
                self.gap();
            } else if word_start.is_none() {
                if self.gap {
                    self.text.push(' ');
                    self.gap = false;
                }
                word_start = Some(i);
            }
        }
        if let Some(start) = word_start {
            self.text.push_str(&s[start..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shard::{FIELD, ITEM};
    use super::*;

    #[test]
    fn markdown_becomes_one_line_of_text() {
        let t = plain_text(
            "# Head\n\nSome *emphasis* and [a link](http://x).\n\n- one\n- two\n\n<div>raw</div>\n",
        );
        assert_eq!(t, "Head Some emphasis and a link. one two");
    }

    // See: issue 22. Parsed as the page renders it: two dollar amounts are not math.
    #[test]
    fn dollar_amounts_stay_in_the_text() {
        let t = plain_text("A $17 million net worth, simply tacked on ($6 million).");
        assert_eq!(t, "A $17 million net worth, simply tacked on ($6 million).");
    }

    proptest::proptest! {
        #[test]
        fn cleaning_joins_words_with_single_spaces(text in "[ab é\t\n\u{a0}\u{1e}\u{1f}\u{85}\u{7f}\u{2003}]{0,30}") {
            let mut words_split = String::new();
            for w in text.split(|c: char| c.is_whitespace() || c == FIELD || c == ITEM || c.is_control()) {
                if !w.is_empty() {
                    if !words_split.is_empty() {
                        words_split.push(' ');
                    }
                    words_split.push_str(w);
                }
            }
            proptest::prop_assert_eq!(clean(&text), words_split);
        }
    }
}
