//! Render: [`Site`] -> [`Rendered`], every file of the built site in memory. Pure: the
//! caller decides where (and whether) it is written.

mod chart;
pub mod context;
mod feeds;
pub mod markdown;
pub mod templates;

use std::collections::{BTreeMap, BTreeSet};
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
}

/// Which articles and lists to render: all of them for a build; for `serve`, the few an
/// edit touched. Home, index pages, feeds, the sitemap and assets are always rendered
/// (they are few and cheap).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Article slugs; None for all.
    pub articles: Option<BTreeSet<String>>,
    /// Lists; None for all.
    pub lists: Option<BTreeSet<ListId>>,
}

impl Selection {
    pub fn all() -> Selection {
        Selection::default()
    }

    fn has_article(&self, slug: &str) -> bool {
        self.articles.as_ref().is_none_or(|s| s.contains(slug))
    }

    fn has_list(&self, id: &ListId) -> bool {
        self.lists.as_ref().is_none_or(|s| s.contains(id))
    }
}

/// Renders every page, feed and asset. Template failures are reported (once per
/// template) and make the result None.
pub fn render(
    site: &Site,
    config: &Config,
    theme: &Theme,
    report: &mut Report,
    progress: &(dyn Fn(u64) + Sync),
) -> Option<Rendered> {
    render_selected(site, config, theme, &Selection::all(), report, progress)
}

/// Renders what `selection` names, plus the shared pages.
pub fn render_selected(
    site: &Site,
    config: &Config,
    theme: &Theme,
    selection: &Selection,
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
    };
    let mut files = Files::new();
    let articles: Vec<(PathBuf, Vec<u8>)> = (0..site.pages.len())
        .into_par_iter()
        .filter(|&i| selection.has_article(&site.pages[i].slug))
        .filter_map(|i| {
            let html = r.article(i, &related::related(site, i));
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
    r.lists(selection, &mut files);
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

/// A paginated list of articles: a topic, the unsorted ones, a tag or a year.
struct List<'a> {
    kind: ListKind,
    slug: String,
    name: &'a str,
    description: &'a str,
    pages: &'a [usize],
}

/// A list of articles by what it lists: ("topic", "privatisation"), ("tag", "dwp").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ListId {
    pub kind: ListKind,
    pub slug: String,
}

impl ListId {
    /// The path every page of the list lives under ("tags/dwp/").
    pub fn dir(&self) -> String {
        match self.kind {
            ListKind::Topic | ListKind::Unsorted => format!("topics/{}/", self.slug),
            ListKind::Tag => format!("tags/{}/", self.slug),
            ListKind::Year => format!("years/{}/", self.slug),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListKind {
    Topic,
    Unsorted,
    Tag,
    Year,
}

impl ListKind {
    fn name(self) -> &'static str {
        match self {
            ListKind::Topic => "topic",
            ListKind::Unsorted => "unsorted",
            ListKind::Tag => "tag",
            ListKind::Year => "year",
        }
    }
}

impl List<'_> {
    fn id(&self) -> ListId {
        ListId {
            kind: self.kind,
            slug: self.slug.clone(),
        }
    }

    /// The path of page `n` (1-based) of this list.
    fn url(&self, n: usize) -> String {
        match self.kind {
            ListKind::Topic | ListKind::Unsorted => Urls::topic(&self.slug, n),
            ListKind::Tag => Urls::tag(&self.slug, n),
            ListKind::Year => Urls::year(self.slug.parse().unwrap_or_default(), n),
        }
    }
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
    fn lists(&self, selection: &Selection, files: &mut Files) {
        let tax = &self.site.taxonomy;
        let mut jobs: Vec<List<'_>> = Vec::new();
        for t in self
            .views
            .topics
            .iter()
            .chain(std::iter::once(&self.views.unsorted))
        {
            let kind = if t.slug == UNSORTED {
                ListKind::Unsorted
            } else {
                ListKind::Topic
            };
            let pages = tax.topic_pages(&t.slug);
            if kind == ListKind::Topic || !pages.is_empty() {
                jobs.push(List {
                    kind,
                    slug: t.slug.clone(),
                    name: &t.name,
                    description: &t.description,
                    pages,
                });
            }
        }
        for (slug, g) in &tax.tags {
            jobs.push(List {
                kind: ListKind::Tag,
                slug: slug.clone(),
                name: &g.name,
                description: "",
                pages: &g.pages,
            });
        }
        let years: Vec<String> = tax.years.keys().map(i32::to_string).collect();
        for (name, pages) in years.iter().zip(tax.years.values()) {
            jobs.push(List {
                kind: ListKind::Year,
                slug: name.clone(),
                name,
                description: "",
                pages,
            });
        }
        jobs.retain(|job| selection.has_list(&job.id()));
        let rendered: Vec<Vec<(PathBuf, Vec<u8>)>> =
            jobs.par_iter().map(|job| self.list(job)).collect();
        files.extend(rendered.into_iter().flatten());
        for t in &self.views.topics {
            let pages = tax.topic_pages(&t.slug);
            let rel = format!("topics/{}/feed.xml", t.slug);
            let title = format!("{}: {}", self.config.book.title, t.name);
            let feed = feeds::atom(
                self.site,
                &self.views,
                pages,
                &title,
                &rel,
                &Urls::topic(&t.slug, 1),
            );
            files.insert(rel.into(), feed.into_bytes());
        }
        self.index_pages(files);
    }

    /// One list's pages: `page-size` articles each, newest first.
    fn list(&self, job: &List<'_>) -> Vec<(PathBuf, Vec<u8>)> {
        let size = self.config.build.page_size.max(1);
        let total = job.pages.len().div_ceil(size).max(1);
        let is_topic = matches!(job.kind, ListKind::Topic | ListKind::Unsorted);
        let chart = if is_topic {
            self.chart(job.pages, "Articles per year")
        } else {
            String::new()
        };
        let feed_url = if job.kind == ListKind::Topic {
            self.views
                .urls
                .path(&format!("topics/{}/feed.xml", job.slug))
        } else {
            String::new()
        };
        let urls = &self.views.urls;
        let name = job.name;
        let mut out = Vec::new();
        for n in 1..=total {
            let rel = job.url(n);
            let chunk: Vec<&ArticleRef> = job
                .pages
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
            let desc = if job.description.is_empty() {
                format!("{} articles: {name}", job.pages.len())
            } else {
                job.description.to_string()
            };
            let page_kind = if is_topic { "topic" } else { job.kind.name() };
            let mut c = self.context(&PageView::new(urls, page_kind, &title, &desc, &rel));
            let pagination = Pagination {
                current: n,
                total,
                prev_url: if n > 1 {
                    urls.path(&job.url(n - 1))
                } else {
                    String::new()
                },
                next_url: if n < total {
                    urls.path(&job.url(n + 1))
                } else {
                    String::new()
                },
                pages: (1..=total)
                    .map(|k| PageLink {
                        number: k,
                        url: urls.path(&job.url(k)),
                        current: k == n,
                    })
                    .collect(),
            };
            c.insert(
                "list",
                &serde_json::json!({
                    "kind": job.kind.name(),
                    "name": name,
                    "description": job.description,
                    "feed_url": feed_url,
                    "chart_svg": if n == 1 { chart.as_str() } else { "" },
                    "count": job.pages.len(),
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
        let c = self.context(&PageView::new(
            urls,
            "search",
            "Search",
            "Search the whole archive.",
            "search/",
        ));
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
