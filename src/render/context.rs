//! What templates see: plain serialisable views of the site, every URL already carrying
//! the site's path prefix. Documented for theme authors in themes/default/README.md.

use std::sync::OnceLock;

use serde::Serialize;

use crate::config::Config;
use crate::site::taxonomy::UNSORTED;
use crate::site::{Page, Site};
pub use crate::urls::Urls;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base: String,
    pub url: String,
    pub repository_url: String,
    pub topics: Vec<TopicView>,
    pub article_count: usize,
    pub home_url: String,
    pub search_url: String,
    pub topics_url: String,
    pub tags_url: String,
    pub years_url: String,
    pub feed_url: String,
    pub unsorted_url: String,
    pub publishers_url: String,
    pub provenance_url: String,
    /// The data exports.
    pub archive_json_url: String,
    pub archive_csv_url: String,
    pub datapackage_url: String,
    /// book.toml's saved searches, each with its feed.
    pub watches: Vec<WatchView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WatchView {
    pub name: String,
    pub query: String,
    pub feed_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub count: usize,
    pub url: String,
    pub feed_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagRef {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

/// A topic as an article's list entry names it (lists hold thousands of these, so no
/// description).
#[derive(Debug, Clone, Serialize)]
pub struct TopicRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

/// An article as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    pub author: String,
    pub publisher: String,
    pub summary: String,
    pub topics: Vec<TopicRef>,
    pub tags: Vec<TagRef>,
    pub comments: usize,
}

/// What a page is, as templates see it (`page.kind`, a lower-case string). The theme's
/// README lists these; tests/theme_readme.rs holds the list to [`PageKind::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Home,
    Article,
    Topic,
    Topics,
    Tag,
    Tags,
    Year,
    Years,
    Publisher,
    Publishers,
    Story,
    Search,
    Provenance,
    NotFound,
}

impl PageKind {
    pub const ALL: [PageKind; 14] = [
        PageKind::Home,
        PageKind::Article,
        PageKind::Topic,
        PageKind::Topics,
        PageKind::Tag,
        PageKind::Tags,
        PageKind::Year,
        PageKind::Years,
        PageKind::Publisher,
        PageKind::Publishers,
        PageKind::Story,
        PageKind::Search,
        PageKind::Provenance,
        PageKind::NotFound,
    ];

    /// The name templates compare `page.kind` with.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Article => "article",
            PageKind::Topic => "topic",
            PageKind::Topics => "topics",
            PageKind::Tag => "tag",
            PageKind::Tags => "tags",
            PageKind::Year => "year",
            PageKind::Years => "years",
            PageKind::Publisher => "publisher",
            PageKind::Publishers => "publishers",
            PageKind::Story => "story",
            PageKind::Search => "search",
            PageKind::Provenance => "provenance",
            PageKind::NotFound => "not_found",
        }
    }
}

/// About the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub kind: PageKind,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub path: String,
}

impl PageView {
    pub fn new(urls: &Urls, kind: PageKind, title: &str, description: &str, rel: &str) -> PageView {
        PageView {
            kind,
            title: title.to_string(),
            description: description.to_string(),
            canonical: urls.full(rel),
            path: urls.path(rel),
        }
    }
}

/// Views built once per build and shared by every page that lists articles. An
/// article's view is made when a page first needs it, so re-rendering one article (in
/// `serve`) does not pay for the whole archive's.
pub struct Views<'a> {
    pub urls: Urls,
    pub site: SiteView,
    pages: &'a Site,
    /// `articles[i]` is the view of `site.pages[i]`, once made.
    articles: Vec<OnceLock<ArticleRef>>,
    pub topics: Vec<TopicView>,
    pub unsorted: TopicView,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, config: &Config) -> Views<'a> {
        let urls = Urls::new(config);
        let topic_view = |slug: &str, name: &str, description: &str| TopicView {
            slug: slug.to_string(),
            name: name.to_string(),
            description: description.to_string(),
            count: site.taxonomy.topic_pages(slug).len(),
            url: urls.path(&Urls::topic(slug, 1)),
            feed_url: urls.path(&format!("topics/{slug}/feed.xml")),
        };
        let topics: Vec<TopicView> = config
            .topics
            .iter()
            .map(|t| topic_view(&t.slug, &t.name, &t.description))
            .collect();
        let unsorted = topic_view(
            UNSORTED,
            "Unsorted",
            "Articles that match none of the archive's topics.",
        );
        let articles = (0..site.pages.len()).map(|_| OnceLock::new()).collect();
        let site_view = SiteView {
            title: config.book.title.clone(),
            description: config.book.description.clone(),
            language: config.book.language.clone(),
            base: urls.base.clone(),
            url: urls.absolute.clone(),
            repository_url: config.html.git_repository_url.clone(),
            topics: topics.clone(),
            article_count: site.pages.len(),
            home_url: urls.path(""),
            search_url: urls.path("search/"),
            topics_url: urls.path(Urls::TOPICS),
            tags_url: urls.path("tags/"),
            years_url: urls.path("years/"),
            feed_url: urls.path("feed.xml"),
            unsorted_url: unsorted.url.clone(),
            publishers_url: urls.path("publishers/"),
            provenance_url: urls.path("about/provenance/"),
            archive_json_url: urls.path("archive.json"),
            archive_csv_url: urls.path("archive.csv"),
            datapackage_url: urls.path("datapackage.json"),
            watches: config
                .watches
                .iter()
                .map(|w| WatchView {
                    name: w.name.clone(),
                    query: w.query.clone(),
                    feed_url: urls.path(&Urls::watch_feed(&w.slug)),
                })
                .collect(),
        };
        Views {
            urls,
            site: site_view,
            pages: site,
            articles,
            topics,
            unsorted,
        }
    }

    /// The list view of `site.pages[i]`.
    pub fn article(&self, i: usize) -> &ArticleRef {
        self.articles[i]
            .get_or_init(|| article_ref(&self.pages.pages[i], &self.urls, &self.topics, self.pages))
    }

    pub fn topic(&self, slug: &str) -> &TopicView {
        self.topics
            .iter()
            .find(|t| t.slug == slug)
            .unwrap_or(&self.unsorted)
    }
}

fn article_ref(page: &Page, urls: &Urls, topics: &[TopicView], site: &Site) -> ArticleRef {
    ArticleRef {
        title: page.title.clone(),
        url: urls.path(&Urls::article(&page.slug)),
        date: page.date.map(|d| d.long()).unwrap_or_default(),
        date_iso: page.date.map(|d| d.to_string()).unwrap_or_default(),
        author: page.author.clone().unwrap_or_default(),
        publisher: page.publisher.clone().unwrap_or_default(),
        summary: page.summary.clone(),
        topics: page
            .topics
            .iter()
            .filter_map(|t| topics.iter().find(|v| &v.slug == t))
            .map(|t| TopicRef {
                slug: t.slug.clone(),
                name: t.name.clone(),
                url: t.url.clone(),
            })
            .collect(),
        tags: page
            .tags
            .iter()
            .zip(&page.tag_slugs)
            .map(|(t, slug)| {
                let slug = slug.clone();
                TagRef {
                    count: site.taxonomy.tags.get(&slug).map_or(0, |g| g.pages.len()),
                    url: urls.path(&Urls::tag(&slug, 1)),
                    name: t.clone(),
                    slug,
                }
            })
            .collect(),
        comments: page.responses.len(),
    }
}
