//! Every address a build writes, worked out from the site without rendering a page:
//! `check` validates internal links against it, and the sitemap lists its pages, so
//! neither keeps a table of its own. tests/routes.rs holds it equal to what a build
//! writes.

use std::collections::{BTreeSet, HashSet};

use super::context::Urls;
use super::lists::{all_lists, page_count};
use super::singles::SEARCH;
use super::stories::SHOWN;
use crate::config::Config;
use crate::site::story::Stories;
use crate::site::Site;

/// Site-relative addresses: a page as its folder ("articles/x/", "" for home), any other
/// file by its path ("feed.xml", "articles/x/original.txt").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Routes {
    /// The pages that are not articles, sorted as paths: home, index pages, lists (every
    /// page of each), stories.
    pub pages: Vec<String>,
    /// The articles' pages, in the site's order (newest first).
    pub articles: Vec<String>,
    /// Feeds, exports and the other files that are not pages (no theme assets, no
    /// search index: those are wherever the theme and the index put them).
    pub files: BTreeSet<String>,
    lookup: HashSet<String>,
}

impl Routes {
    /// Whether a site-relative path ("tags/", "tags", "tags/index.html", "feed.xml")
    /// leads to something the build writes. Theme files under static/ are taken on trust.
    pub fn has(&self, rel: &str) -> bool {
        let rel = rel.trim_start_matches('/');
        let theme_file = rel
            .strip_prefix(crate::layout::STATIC)
            .is_some_and(|r| r.starts_with('/'));
        if theme_file || self.files.contains(rel) {
            return true;
        }
        let dir = rel.strip_suffix("index.html").unwrap_or(rel);
        let dir = if dir.is_empty() || dir.ends_with('/') {
            dir.to_string()
        } else {
            format!("{dir}/")
        };
        self.lookup.contains(&dir)
    }
}

/// The addresses of `site` as built with `config`; `stories` as the renderer groups them.
pub fn routes(site: &Site, config: &Config, stories: &Stories) -> Routes {
    let mut pages: Vec<String> = [
        "",
        "about/provenance/",
        SEARCH,
        Urls::TOPICS,
        "tags/",
        "years/",
        "publishers/",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut files: BTreeSet<String> = [
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "archive.json",
        "archive.csv",
        "datapackage.json",
        ".nojekyll",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (id, listed) in all_lists(site, config) {
        for n in 1..=page_count(listed.len(), config) {
            pages.push(id.url(n));
        }
    }
    for t in &config.topics {
        files.insert(format!("topics/{}/feed.xml", t.slug));
    }
    for w in &config.watches {
        files.insert(Urls::watch_feed(&w.slug));
    }
    for story in &stories.stories {
        if story.members.len() > SHOWN + 1 {
            pages.push(Urls::story(&site.pages[story.centre()].slug));
        }
    }
    pages.sort_by(|a, b| std::path::Path::new(a).cmp(std::path::Path::new(b)));
    let mut articles = Vec::with_capacity(site.pages.len());
    for p in &site.pages {
        let rel = Urls::article(&p.slug);
        if p.has_original {
            files.insert(format!("{rel}original.txt"));
        }
        articles.push(rel);
    }
    let lookup = pages.iter().chain(&articles).cloned().collect();
    Routes {
        pages,
        articles,
        files,
        lookup,
    }
}
