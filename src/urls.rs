//! Every address the site has, site-relative ("articles/x/", "tags/dwp/page/2/"), and the
//! prefix that turns one into a link. Render, the sitemap, feeds, search and check all
//! take their paths from here ([`crate::render::routes`] lists the ones a build writes).

use crate::config::Config;

/// The URLs of a site, all from one prefix.
#[derive(Debug, Clone)]
pub struct Urls {
    /// "/" or "/campaign-archive/".
    pub base: String,
    /// "https://x.github.io/campaign-archive/" or "".
    pub absolute: String,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        Urls {
            base: config.base_path(),
            absolute: config.absolute_url(),
        }
    }

    /// A path below the site root ("articles/x/") as a link.
    pub fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.base)
    }

    /// The same as an absolute URL where the site URL is known (feeds, canonical links).
    pub fn full(&self, rel: &str) -> String {
        if self.absolute.is_empty() {
            self.path(rel)
        } else {
            format!("{}{rel}", self.absolute)
        }
    }

    pub fn article(slug: &str) -> String {
        format!("articles/{slug}/")
    }

    /// A same-story group's page, named after its centre article.
    pub fn story(centre_slug: &str) -> String {
        format!("stories/{centre_slug}/")
    }

    /// The topics index page: every topic with its count.
    pub const TOPICS: &'static str = "topics/";

    pub fn topic(slug: &str, page: usize) -> String {
        paged(&format!("topics/{slug}/"), page)
    }

    pub fn tag(slug: &str, page: usize) -> String {
        paged(&format!("tags/{slug}/"), page)
    }

    pub fn year(year: i32, page: usize) -> String {
        paged(&format!("years/{year}/"), page)
    }

    /// A saved search's feed.
    pub fn watch_feed(slug: &str) -> String {
        format!("watch/{slug}/feed.xml")
    }

    pub fn publisher(slug: &str, page: usize) -> String {
        paged(&format!("publishers/{slug}/"), page)
    }
}

fn paged(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{page}/")
    }
}
