//! Atom feeds, the sitemap and robots.txt. Written as text with escaping (the shapes are
//! small and fixed); the tests parse every one as XML.

use std::fmt::Write as _;

use super::context::{Urls, Views};
use crate::render::markdown::escape_html as esc;
use crate::site::Site;

/// Entries in a feed: the newest ones, as feed readers expect, not the whole archive.
pub const FEED_ENTRIES: usize = 50;

/// An Atom feed of `pages` (indices into site.pages, newest first).
pub fn atom(
    site: &Site,
    views: &Views,
    pages: &[usize],
    title: &str,
    rel: &str,
    html_rel: &str,
) -> String {
    let urls = &views.urls;
    let updated = pages
        .iter()
        .filter_map(|&i| site.pages[i].date)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(x, "<title>{}</title>", esc(title));
    if !views.site.description.is_empty() {
        let _ = writeln!(x, "<subtitle>{}</subtitle>", esc(&views.site.description));
    }
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&urls.full(rel))
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&urls.full(html_rel))
    );
    let _ = writeln!(x, "<id>{}</id>", esc(&id(urls, rel)));
    let _ = writeln!(x, "<updated>{updated}</updated>");
    let _ = writeln!(x, "<generator>pamphlet</generator>");
    for &i in pages.iter().take(FEED_ENTRIES) {
        let page = &site.pages[i];
        let view = views.article(i);
        let article = Urls::article(&page.slug);
        let date = page.date.map_or_else(|| updated.clone(), |d| d.rfc3339());
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<title>{}</title>", esc(&page.title));
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&urls.full(&article))
        );
        let _ = writeln!(x, "<id>{}</id>", esc(&id(urls, &article)));
        let _ = writeln!(x, "<updated>{date}</updated>");
        if page.date.is_some() {
            let _ = writeln!(x, "<published>{date}</published>");
        }
        let author = page
            .author
            .as_deref()
            .or(page.publisher.as_deref())
            .unwrap_or(&views.site.title);
        let _ = writeln!(x, "<author><name>{}</name></author>", esc(author));
        for t in &view.topics {
            let _ = writeln!(
                x,
                "<category term=\"{}\" label=\"{}\"/>",
                esc(&t.slug),
                esc(&t.name)
            );
        }
        if !page.summary.is_empty() {
            let _ = writeln!(x, "<summary>{}</summary>", esc(&page.summary));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// An Atom id must be an absolute IRI; without a site URL, a URN stands in.
fn id(urls: &Urls, rel: &str) -> String {
    if urls.absolute.is_empty() {
        format!(
            "urn:pamphlet:{}",
            rel.trim_end_matches('/').replace('/', ":")
        )
    } else {
        urls.full(rel)
    }
}

/// Every page of the site, for search engines.
pub fn sitemap(urls: &Urls, entries: &[(String, Option<String>)]) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (rel, lastmod) in entries {
        let _ = write!(x, "<url><loc>{}</loc>", esc(&urls.full(rel)));
        if let Some(m) = lastmod {
            let _ = write!(x, "<lastmod>{m}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        urls.full("sitemap.xml")
    )
}
