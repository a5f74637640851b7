//! The pages every site has once: home, search, 404, the site feed, sitemap, robots.txt
//! and the data exports.

use serde::Serialize;

use super::context::{ArticleRef, PageKind, PageView};
use super::index_pages::YearView;
use super::page_context::{template, NotFound, Provenance};
use super::{exports, feeds, routes, Renderer};
use crate::output::Files;
use crate::site::taxonomy::UNSORTED;

/// Where the search page is, site-relative.
pub(super) const SEARCH: &str = "search/";

template! {
    pub(super) struct HomePage<'a> = "home.html" {
        /// The ten newest articles.
        recent: Vec<&'a ArticleRef>,
        /// How many articles no topic took.
        unsorted_count: usize,
        years: Vec<YearView>,
    }
}

template! {
    pub(super) struct SearchPage = "search.html" {
        search: SearchView,
    }
}

/// Where the search page finds its index.
#[derive(Serialize)]
pub(super) struct SearchView {
    /// The index's meta file, as a link.
    index: String,
}

impl Renderer<'_> {
    /// The search page, naming the index's meta file (site-relative).
    pub(super) fn search_page(&self, search_meta: &str, files: &mut Files) {
        let urls = &self.views.urls;
        let page = PageView::new(
            urls,
            PageKind::Search,
            "Search",
            "Search the whole archive.",
            SEARCH,
        );
        let search = SearchView {
            index: urls.path(search_meta),
        };
        if let Some(html) = self.render_page(&page, &SearchPage { search }) {
            files.insert(format!("{SEARCH}index.html").into(), html.into_bytes());
        }
    }

    /// Home, 404, the site feed, sitemap and robots.txt: everything but the search page.
    pub(super) fn singles(&self, files: &mut Files) {
        let urls = &self.views.urls;
        let book = &self.config.book;
        let page = PageView::new(urls, PageKind::Home, &book.title, &book.description, "");
        let home = HomePage {
            recent: (0..self.site.pages.len().min(10))
                .map(|i| self.views.article(i))
                .collect(),
            unsorted_count: self.site.taxonomy.topic_pages(UNSORTED).len(),
            years: self.years(),
        };
        if let Some(html) = self.render_page(&page, &home) {
            files.insert("index.html".into(), html.into_bytes());
        }
        let page = PageView::new(
            urls,
            PageKind::NotFound,
            "Page not found",
            "There is no page at this address.",
            "404.html",
        );
        if let Some(html) = self.render_page(&page, &NotFound {}) {
            files.insert("404.html".into(), html.into_bytes());
        }
        let page = PageView::new(
            urls,
            PageKind::Provenance,
            "How this archive is made, and how to check it",
            "Where the articles come from, what was changed, and how to verify an article against the text as collected.",
            "about/provenance/",
        );
        if let Some(html) = self.render_page(&page, &Provenance {}) {
            files.insert("about/provenance/index.html".into(), html.into_bytes());
        }
        files.extend(exports::exports(self.site, &self.views, self.config));
        let all: Vec<usize> = (0..self.site.pages.len()).collect();
        files.insert(
            "feed.xml".into(),
            feeds::atom(self.site, &self.views, &all, &book.title, "feed.xml", "").into_bytes(),
        );
        // Every page the build makes, whichever of them this render made (serve renders
        // a few at a time).
        let routes = routes::routes(self.site, self.config, self.stories);
        let entries: Vec<(String, Option<String>)> = routes
            .pages
            .into_iter()
            .map(|p| (p, None))
            .chain(
                routes
                    .articles
                    .into_iter()
                    .zip(&self.site.pages)
                    .map(|(rel, p)| {
                        let lastmod = p.date.filter(|d| d.day.is_some()).map(|d| d.to_string());
                        (rel, lastmod)
                    }),
            )
            .collect();
        files.insert(
            "sitemap.xml".into(),
            feeds::sitemap(urls, &entries).into_bytes(),
        );
        files.insert("robots.txt".into(), feeds::robots(urls).into_bytes());
    }
}
