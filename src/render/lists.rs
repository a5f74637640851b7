//! Lists of articles (topic, unsorted, tag, year and publisher pages, paginated): which
//! lists there are, which an article is on, and their pages.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use super::context::{ArticleRef, PageKind, PageView, Urls};
use super::page_context::template;
use super::{Renderer, Selection};
use crate::config::Config;
use crate::output::Files;
use crate::site::taxonomy::UNSORTED;
use crate::site::Site;

/// Every list of the site, with the pages it lists, in the order they are rendered: each
/// topic of book.toml (even an empty one), the unsorted articles when there are any, every
/// tag, year and publisher. The list pages, their addresses ([`super::routes`]) and
/// serve's choice of what an edit touches all ask this one function.
pub fn all_lists<'s>(site: &'s Site, config: &Config) -> Vec<(ListId, &'s [usize])> {
    let tax = &site.taxonomy;
    let id = |kind, slug: &str| ListId {
        kind,
        slug: slug.to_string(),
    };
    let mut lists: Vec<(ListId, &[usize])> = config
        .topics
        .iter()
        .map(|t| (id(ListKind::Topic, &t.slug), tax.topic_pages(&t.slug)))
        .collect();
    if !tax.topic_pages(UNSORTED).is_empty() {
        lists.push((id(ListKind::Unsorted, UNSORTED), tax.topic_pages(UNSORTED)));
    }
    lists.extend(
        tax.tags
            .iter()
            .map(|(slug, g)| (id(ListKind::Tag, slug), g.pages.as_slice())),
    );
    lists.extend(
        tax.years
            .iter()
            .map(|(y, pages)| (id(ListKind::Year, &y.to_string()), pages.as_slice())),
    );
    lists.extend(
        tax.publishers
            .iter()
            .map(|(slug, g)| (id(ListKind::Publisher, slug), g.pages.as_slice())),
    );
    lists
}

/// The lists `page` appears in: its topics (or the unsorted list), its tags, its year and
/// its publisher, as [`all_lists`] groups them.
pub fn lists_of(page: &crate::site::Page) -> Vec<ListId> {
    let id = |kind, slug: &str| ListId {
        kind,
        slug: slug.to_string(),
    };
    let mut ids: Vec<ListId> = page.topics.iter().map(|t| id(ListKind::Topic, t)).collect();
    if page.topics.is_empty() {
        ids.push(id(ListKind::Unsorted, UNSORTED));
    }
    ids.extend(page.tag_slugs.iter().map(|t| id(ListKind::Tag, t)));
    if let Some(d) = page.date {
        ids.push(id(ListKind::Year, &d.year.to_string()));
    }
    if page.publisher.is_some() {
        ids.push(id(ListKind::Publisher, &page.publisher_slug));
    }
    ids
}

/// How many pages a list of `len` articles takes: at least one, even when empty.
pub fn page_count(len: usize, config: &Config) -> usize {
    len.div_ceil(config.build.page_size.max(1)).max(1)
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
            ListKind::Publisher => format!("publishers/{}/", self.slug),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListKind {
    Topic,
    Unsorted,
    Tag,
    Year,
    Publisher,
}

impl ListKind {
    /// What a page of this list is (the unsorted list is a topic's page).
    fn page(self) -> PageKind {
        match self {
            ListKind::Topic | ListKind::Unsorted => PageKind::Topic,
            ListKind::Tag => PageKind::Tag,
            ListKind::Year => PageKind::Year,
            ListKind::Publisher => PageKind::Publisher,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ListKind::Topic => "topic",
            ListKind::Unsorted => "unsorted",
            ListKind::Tag => "tag",
            ListKind::Year => "year",
            ListKind::Publisher => "publisher",
        }
    }
}

impl ListId {
    /// The path of page `n` (1-based) of this list.
    pub fn url(&self, n: usize) -> String {
        match self.kind {
            ListKind::Topic | ListKind::Unsorted => Urls::topic(&self.slug, n),
            ListKind::Tag => Urls::tag(&self.slug, n),
            ListKind::Year => Urls::year(self.slug.parse().unwrap_or_default(), n),
            ListKind::Publisher => Urls::publisher(&self.slug, n),
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

    fn url(&self, n: usize) -> String {
        self.id().url(n)
    }
}

template! {
    pub(super) struct ListPage<'a> = "list.html" {
        list: ListView<'a>,
    }
}

/// A list page's `list` in the template context. Borrowed and serialised once, straight
/// into the context: a `json!` value would be built and then copied whole by
/// `Context::insert`, and list pages are most of a build's context work.
#[derive(Serialize)]
pub(super) struct ListView<'a> {
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    feed_url: &'a str,
    chart_svg: &'a str,
    count: usize,
    articles: Vec<&'a ArticleRef>,
    pagination: Pagination,
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
    /// Pages are skipped before this one (the nav shows an ellipsis).
    gap_before: bool,
}

/// Pages a list's nav links to: the first, the last and two either side of the current.
/// Linking every page from every page would make a list of thousands of pages cost the
/// square of its length.
fn page_window(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let mut pages: Vec<usize> = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(total))
        .collect();
    pages.dedup();
    pages
}

impl Renderer<'_> {
    /// Topic, tag and year pages, paginated, with their feeds and index pages.
    pub(super) fn lists(&self, selection: &Selection, files: &mut Files) {
        let tax = &self.site.taxonomy;
        let mut jobs: Vec<List<'_>> = all_lists(self.site, self.config)
            .into_iter()
            .map(|(id, pages)| {
                let (name, description): (&str, &str) = match id.kind {
                    ListKind::Topic | ListKind::Unsorted => {
                        let t = self.views.topic(&id.slug);
                        (&t.name, &t.description)
                    }
                    ListKind::Tag => (&tax.tags[&id.slug].name, ""),
                    ListKind::Publisher => (&tax.publishers[&id.slug].name, ""),
                    ListKind::Year => ("", ""),
                };
                List {
                    kind: id.kind,
                    slug: id.slug,
                    name,
                    description,
                    pages,
                }
            })
            .collect();
        jobs.retain(|job| selection.has_list(&job.id()));
        let rendered: Vec<Vec<(PathBuf, Vec<u8>)>> =
            jobs.par_iter().map(|job| self.list(job)).collect();
        files.extend(rendered.into_iter().flatten());
    }

    /// One list's pages: `page-size` articles each, newest first.
    fn list(&self, job: &List<'_>) -> Vec<(PathBuf, Vec<u8>)> {
        let size = self.config.build.page_size.max(1);
        let total = page_count(job.pages.len(), self.config);
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
        let name = if job.name.is_empty() {
            job.slug.as_str()
        } else {
            job.name
        };
        // Page by page in parallel: a topic of thousands of articles is hundreds of pages,
        // which one thread would otherwise render while the other cores wait.
        (1..=total)
            .into_par_iter()
            .filter_map(|n| {
                let rel = job.url(n);
                let chunk: Vec<&ArticleRef> = job
                    .pages
                    .iter()
                    .skip((n - 1) * size)
                    .take(size)
                    .map(|&i| self.views.article(i))
                    .collect();
                let title = if total > 1 {
                    format!("{name} (page {n} of {total})")
                } else {
                    name.to_string()
                };
                let desc = if job.description.is_empty() {
                    format!(
                        "{}: {name}",
                        crate::plural::count(job.pages.len(), "article")
                    )
                } else {
                    job.description.to_string()
                };
                let page = PageView::new(urls, job.kind.page(), &title, &desc, &rel);
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
                    pages: {
                        let window = page_window(n, total);
                        let mut previous = 0;
                        window
                            .into_iter()
                            .map(|k| {
                                let link = PageLink {
                                    number: k,
                                    url: urls.path(&job.url(k)),
                                    current: k == n,
                                    gap_before: k > previous + 1,
                                };
                                previous = k;
                                link
                            })
                            .collect()
                    },
                };
                let list = ListPage {
                    list: ListView {
                        kind: job.kind.name(),
                        name,
                        description: job.description,
                        feed_url: &feed_url,
                        chart_svg: if n == 1 { &chart } else { "" },
                        count: job.pages.len(),
                        articles: chunk,
                        pagination,
                    },
                };
                let html = self.render_page(&page, &list)?;
                Some((PathBuf::from(rel).join("index.html"), html.into_bytes()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn the_page_nav_links_the_ends_and_the_neighbourhood() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(1, 100), [1, 2, 3, 100]);
        assert_eq!(page_window(50, 100), [1, 48, 49, 50, 51, 52, 100]);
        assert_eq!(page_window(100, 100), [1, 98, 99, 100]);
    }
}
