//! Render: [`Site`] -> [`Rendered`], every file of the built site in memory. Pure: the
//! caller decides where (and whether) it is written.

mod chart;
pub mod context;
mod feeds;
pub mod markdown;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::error::{Diagnostic, Report};
use crate::output::Files;
use crate::site::taxonomy::UNSORTED;
use crate::site::{related, Site};
use context::{ArticleRef, PageView, TagRef, Urls, Views};
use markdown::Markdown;
pub use templates::Theme;

/// The built site, path -> bytes.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: Files,
    /// HTML pages among the files.
    pub pages: usize,
}

/// Everything one render needs, shared by the page renderers.
struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
    views: Views,
    site_value: tera::Value,
    markdown: Markdown,
    /// Template errors, one per template (the same mistake would repeat on every page).
    errors: Mutex<BTreeMap<String, Diagnostic>>,
    /// The search index's meta file, site-relative (content-hashed, so the search page
    /// must name it).
    search_meta: &'a str,
}

/// Renders every page, feed and asset. Template failures are reported (once per
/// template) and make the result None. `search_meta` is the site-relative path of the
/// search index's meta file, for the search page.
pub fn render(
    site: &Site,
    config: &Config,
    theme: &Theme,
    search_meta: &str,
    report: &mut Report,
    progress: &(dyn Fn(u64) + Sync),
) -> Option<Rendered> {
    let views = Views::new(site, config);
    let r = Renderer {
        site_value: tera::to_value(&views.site).unwrap_or_default(),
        markdown: Markdown::new(&views.urls.base, config.html.allow_raw_html),
        views,
        site,
        config,
        theme,
        errors: Mutex::new(BTreeMap::new()),
        search_meta,
    };
    let mut files = Files::new();
    let related = related::related(site);
    let articles: Vec<(PathBuf, Vec<u8>)> = (0..site.pages.len())
        .into_par_iter()
        .filter_map(|i| {
            let html = r.article(i, &related[i]);
            progress(1);
            html.map(|h| {
                (
                    PathBuf::from(Urls::article(&site.pages[i].slug)).join("index.html"),
                    h.into_bytes(),
                )
            })
        })
        .collect();
    files.extend(articles);
    r.lists(&mut files);
    r.singles(&mut files);
    let errors = r.errors.into_inner().unwrap_or_default();
    if !errors.is_empty() {
        report.extend(errors.into_values());
        return None;
    }
    let pages = files
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    files.extend(theme.assets.clone());
    files.insert(".nojekyll".into(), Vec::new());
    Some(Rendered { files, pages })
}

#[derive(Serialize)]
struct Neighbours<'a> {
    topic: &'a context::TopicView,
    prev: Option<&'a ArticleRef>,
    next: Option<&'a ArticleRef>,
}

#[derive(Serialize)]
struct ResponseView {
    id: String,
    label: String,
    html: String,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev_url: String,
    next_url: String,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct YearView {
    year: i32,
    count: usize,
    url: String,
}

impl Renderer<'_> {
    fn context(&self, page: &PageView) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("site", &self.site_value);
        c.insert("page", page);
        c
    }

    fn render(&self, template: &str, context: &tera::Context) -> Option<String> {
        match self.theme.render(template, context) {
            Ok(html) => Some(html),
            Err(d) => {
                if let Ok(mut errors) = self.errors.lock() {
                    errors.entry(template.to_string()).or_insert(d);
                }
                None
            }
        }
    }

    fn article(&self, i: usize, related: &[usize]) -> Option<String> {
        let page = &self.site.pages[i];
        let urls = &self.views.urls;
        let view = &self.views.articles[i];
        let rel = Urls::article(&page.slug);
        let mut c = self.context(&PageView::new(
            urls,
            "article",
            &page.title,
            &page.summary,
            &rel,
        ));
        let responses: Vec<ResponseView> = page
            .responses
            .iter()
            .enumerate()
            .map(|(n, r)| ResponseView {
                id: format!("response-{}", n + 1),
                label: r.heading.clone(),
                html: self.markdown.to_html(&r.markdown),
            })
            .collect();
        let neighbours: Vec<Neighbours<'_>> = page
            .topics
            .iter()
            .map(|t| {
                let list = self.site.taxonomy.topic_pages(t);
                let at = list.iter().position(|&j| j == i);
                // Lists are newest first: "previous" is the older article.
                let older = at
                    .and_then(|a| list.get(a + 1))
                    .map(|&j| &self.views.articles[j]);
                let newer = at
                    .and_then(|a| a.checked_sub(1))
                    .and_then(|a| list.get(a))
                    .map(|&j| &self.views.articles[j]);
                Neighbours {
                    topic: self.views.topic(t),
                    prev: older,
                    next: newer,
                }
            })
            .collect();
        let source_url = page
            .source
            .as_deref()
            .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
            .unwrap_or("");
        let edit_url = if self.config.html.edit_url_template.is_empty() {
            String::new()
        } else {
            self.config
                .html
                .edit_url_template
                .replace("{path}", &page.file.to_string_lossy().replace('\\', "/"))
        };
        #[derive(Serialize)]
        struct Article<'a> {
            #[serde(flatten)]
            base: &'a ArticleRef,
            body_html: String,
            responses: Vec<ResponseView>,
            source: &'a str,
            source_url: &'a str,
            seed: &'a str,
            seed_sha256: &'a str,
            edit_url: String,
            neighbours: Vec<Neighbours<'a>>,
            related: Vec<&'a ArticleRef>,
            word_count: usize,
        }
        let article = Article {
            base: view,
            body_html: self.markdown.to_html(&page.article),
            responses,
            source: page.source.as_deref().unwrap_or(""),
            source_url,
            seed: page.seed.as_deref().unwrap_or(""),
            seed_sha256: page.seed_sha256.as_deref().unwrap_or(""),
            edit_url,
            neighbours,
            related: related.iter().map(|&j| &self.views.articles[j]).collect(),
            word_count: page.word_count,
        };
        c.insert("article", &article);
        self.render("article.html", &c)
    }

    /// Topic, tag and year pages, paginated, with their feeds and index pages.
    fn lists(&self, files: &mut Files) {
        let tax = &self.site.taxonomy;
        let mut jobs: Vec<(
            &'static str,
            String,
            String,
            String,
            Vec<usize>,
            Box<dyn Fn(usize) -> String + Sync>,
        )> = Vec::new();
        for t in self
            .views
            .topics
            .iter()
            .chain(std::iter::once(&self.views.unsorted))
        {
            let pages = tax.topic_pages(&t.slug).to_vec();
            if t.slug == UNSORTED && pages.is_empty() {
                continue;
            }
            let slug = t.slug.clone();
            let kind = if t.slug == UNSORTED {
                "unsorted"
            } else {
                "topic"
            };
            jobs.push((
                kind,
                t.slug.clone(),
                t.name.clone(),
                t.description.clone(),
                pages,
                Box::new(move |n| Urls::topic(&slug, n)),
            ));
        }
        for (slug, g) in &tax.tags {
            let s = slug.clone();
            jobs.push((
                "tag",
                slug.clone(),
                g.name.clone(),
                String::new(),
                g.pages.clone(),
                Box::new(move |n| Urls::tag(&s, n)),
            ));
        }
        for (year, pages) in &tax.years {
            let y = *year;
            jobs.push((
                "year",
                year.to_string(),
                year.to_string(),
                String::new(),
                pages.clone(),
                Box::new(move |n| Urls::year(y, n)),
            ));
        }
        let rendered: Vec<Vec<(PathBuf, Vec<u8>)>> = jobs
            .par_iter()
            .map(|(kind, slug, name, description, pages, url)| {
                self.list(kind, slug, name, description, pages, url.as_ref())
            })
            .collect();
        files.extend(rendered.into_iter().flatten());
        for t in &self.views.topics {
            let pages = tax.topic_pages(&t.slug);
            let rel = format!("topics/{}/feed.xml", t.slug);
            let title = format!("{}: {}", self.config.book.title, t.name);
            files.insert(
                rel.clone().into(),
                feeds::atom(
                    self.site,
                    &self.views,
                    pages,
                    &title,
                    &rel,
                    &Urls::topic(&t.slug, 1),
                )
                .into_bytes(),
            );
        }
        self.index_pages(files);
    }

    fn list(
        &self,
        kind: &'static str,
        slug: &str,
        name: &str,
        description: &str,
        pages: &[usize],
        url: &(dyn Fn(usize) -> String + Sync),
    ) -> Vec<(PathBuf, Vec<u8>)> {
        let size = self.config.build.page_size.max(1);
        let total = pages.len().div_ceil(size).max(1);
        let chart = if kind == "topic" || kind == "unsorted" {
            self.chart(pages, "Articles per year")
        } else {
            String::new()
        };
        let feed_url = if kind == "topic" {
            self.views.urls.path(&format!("topics/{slug}/feed.xml"))
        } else {
            String::new()
        };
        let urls = &self.views.urls;
        let mut out = Vec::new();
        for n in 1..=total {
            let rel = url(n);
            let chunk: Vec<&ArticleRef> = pages
                .iter()
                .skip((n - 1) * size)
                .take(size)
                .map(|&i| &self.views.articles[i])
                .collect();
            let title = if total > 1 {
                format!("{name} (page {n} of {total})")
            } else {
                name.to_string()
            };
            let desc = if description.is_empty() {
                format!("{} articles: {name}", pages.len())
            } else {
                description.to_string()
            };
            let mut c = self.context(&PageView::new(
                urls,
                if kind == "unsorted" { "topic" } else { kind },
                &title,
                &desc,
                &rel,
            ));
            let pagination = Pagination {
                current: n,
                total,
                prev_url: if n > 1 {
                    urls.path(&url(n - 1))
                } else {
                    String::new()
                },
                next_url: if n < total {
                    urls.path(&url(n + 1))
                } else {
                    String::new()
                },
                pages: (1..=total)
                    .map(|k| PageLink {
                        number: k,
                        url: urls.path(&url(k)),
                        current: k == n,
                    })
                    .collect(),
            };
            c.insert(
                "list",
                &serde_json::json!({
                    "kind": kind,
                    "name": name,
                    "description": description,
                    "feed_url": feed_url,
                    "chart_svg": if n == 1 { chart.as_str() } else { "" },
                    "count": pages.len(),
                    "articles": chunk,
                    "pagination": pagination,
                }),
            );
            if let Some(html) = self.render("list.html", &c) {
                out.push((PathBuf::from(rel).join("index.html"), html.into_bytes()));
            }
        }
        out
    }

    fn chart(&self, pages: &[usize], label: &str) -> String {
        let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
        for &i in pages {
            if let Some(d) = self.site.pages[i].date {
                *by_year.entry(d.year).or_default() += 1;
            }
        }
        let counts: Vec<(i32, usize)> = by_year.into_iter().collect();
        chart::per_year(&counts, label)
    }

    fn years(&self) -> Vec<YearView> {
        self.site
            .taxonomy
            .years
            .iter()
            .rev()
            .map(|(y, p)| YearView {
                year: *y,
                count: p.len(),
                url: self.views.urls.path(&Urls::year(*y, 1)),
            })
            .collect()
    }

    /// /tags/ and /years/.
    fn index_pages(&self, files: &mut Files) {
        let urls = &self.views.urls;
        let mut tags: Vec<TagRef> = self
            .site
            .taxonomy
            .tags
            .iter()
            .map(|(slug, g)| TagRef {
                name: g.name.clone(),
                slug: slug.clone(),
                url: urls.path(&Urls::tag(slug, 1)),
                count: g.pages.len(),
            })
            .collect();
        tags.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.slug.cmp(&b.slug))
        });
        let mut c = self.context(&PageView::new(
            urls,
            "tags",
            "Tags",
            "Every tag in the archive, with its number of articles.",
            "tags/",
        ));
        c.insert("tags", &tags);
        if let Some(html) = self.render("tags.html", &c) {
            files.insert("tags/index.html".into(), html.into_bytes());
        }
        let all: Vec<usize> = (0..self.site.pages.len()).collect();
        let mut c = self.context(&PageView::new(
            urls,
            "years",
            "Years",
            "The archive by year of publication.",
            "years/",
        ));
        c.insert("years", &self.years());
        c.insert("chart_svg", &self.chart(&all, "Articles per year"));
        if let Some(html) = self.render("years.html", &c) {
            files.insert("years/index.html".into(), html.into_bytes());
        }
    }

    /// Home, search, 404, the site feed, sitemap and robots.txt.
    fn singles(&self, files: &mut Files) {
        let urls = &self.views.urls;
        let book = &self.config.book;
        let mut c = self.context(&PageView::new(
            urls,
            "home",
            &book.title,
            &book.description,
            "",
        ));
        let recent: Vec<&ArticleRef> = self.views.articles.iter().take(10).collect();
        c.insert("recent", &recent);
        c.insert(
            "unsorted_count",
            &self.site.taxonomy.topic_pages(UNSORTED).len(),
        );
        c.insert("years", &self.years());
        if let Some(html) = self.render("home.html", &c) {
            files.insert("index.html".into(), html.into_bytes());
        }
        let mut c = self.context(&PageView::new(
            urls,
            "search",
            "Search",
            "Search the whole archive.",
            "search/",
        ));
        c.insert(
            "search",
            &serde_json::json!({ "index": urls.path(self.search_meta) }),
        );
        if let Some(html) = self.render("search.html", &c) {
            files.insert("search/index.html".into(), html.into_bytes());
        }
        let c = self.context(&PageView::new(
            urls,
            "not_found",
            "Page not found",
            "There is no page at this address.",
            "404.html",
        ));
        if let Some(html) = self.render("404.html", &c) {
            files.insert("404.html".into(), html.into_bytes());
        }
        let all: Vec<usize> = (0..self.site.pages.len()).collect();
        files.insert(
            "feed.xml".into(),
            feeds::atom(self.site, &self.views, &all, &book.title, "feed.xml", "").into_bytes(),
        );
        let mut entries: Vec<(String, Option<String>)> = files
            .keys()
            .filter(|p| {
                p.file_name().is_some_and(|n| n == "index.html") && !p.starts_with("articles")
            })
            .map(|p| {
                let dir = p
                    .parent()
                    .map_or_else(String::new, |d| d.to_string_lossy().replace('\\', "/"));
                (
                    if dir.is_empty() {
                        dir
                    } else {
                        format!("{dir}/")
                    },
                    None,
                )
            })
            .collect();
        entries.extend(self.site.pages.iter().map(|p| {
            let lastmod = p.date.filter(|d| d.day.is_some()).map(|d| d.to_string());
            (Urls::article(&p.slug), lastmod)
        }));
        files.insert(
            "sitemap.xml".into(),
            feeds::sitemap(urls, &entries).into_bytes(),
        );
        files.insert("robots.txt".into(), feeds::robots(urls).into_bytes());
    }
}
