//! An article's page: the body, reader responses, provenance, citation, neighbours by
//! topic, related articles and other outlets' reports of the same story; and beside it
//! the citation files.

use serde::Serialize;

use super::context::{ArticleRef, PageKind, PageView, TopicView, Urls};
use super::metadata::{self, MetaTag};
use super::page_context::template;
use super::{cite, Renderer};
use crate::content::responses::Heading;
use crate::output::Files;
#[cfg(doc)]
use crate::site::story::Stories;
use crate::site::{related, Site};

#[derive(Serialize)]
struct Neighbours<'a> {
    topic: &'a TopicView,
    prev: Option<&'a ArticleRef>,
    next: Option<&'a ArticleRef>,
}

/// A reader response as the theme shows it: as one turn of a conversation.
#[derive(Serialize)]
struct ResponseView {
    id: String,
    /// "Response 3".
    label: String,
    /// The commenter, or empty.
    author: String,
    /// "10 March 2018" and "2018-03-10", or empty.
    date: String,
    date_iso: String,
    /// The response this one answers, where the import knew it.
    reply_to: Option<ReplyRef>,
    html: String,
}

#[derive(Serialize)]
struct ReplyRef {
    id: String,
    /// Its commenter, or its label when unnamed.
    name: String,
}

#[derive(Serialize)]
pub(super) struct Article<'a> {
    #[serde(flatten)]
    base: &'a ArticleRef,
    body_html: String,
    responses: Vec<ResponseView>,
    /// "show" or "collapse" (hidden responses never reach the page).
    responses_mode: &'static str,
    source: &'a str,
    source_url: &'a str,
    /// The Wayback Machine's listing of the source URL (a plain link; nothing fetched).
    wayback_url: String,
    seed: &'a str,
    seed_sha256: &'a str,
    /// The original as collected, published beside the article.
    original_url: String,
    collected: String,
    collected_iso: String,
    citation: String,
    /// The file name the citation downloads are saved under (`download_name`.bib and
    /// .json); `static/archive.js` builds them from the page's citation metadata.
    download_name: &'a str,
    edit_url: String,
    neighbours: Vec<Neighbours<'a>>,
    related: Vec<&'a ArticleRef>,
    /// The closest reports of the same story, at most [`super::stories::SHOWN`].
    also_reported: Vec<&'a ArticleRef>,
    /// The story's own page, listing every report, when there are more than shown; or "".
    story_url: String,
    /// How many other reports the story has.
    story_count: usize,
    word_count: usize,
    /// Highwire Press and Dublin Core `<meta>` tags, and the schema.org JSON-LD (already
    /// safe to place inside its script element).
    meta: Vec<MetaTag>,
    json_ld: String,
}

template! {
    pub(super) struct ArticlePage<'a> = "article.html" {
        article: Article<'a>,
    }
}

impl Renderer<'_> {
    /// The page of `site.pages[i]`, by path.
    pub(super) fn article(&self, i: usize, related: &[usize], files: &mut Files) -> Option<()> {
        let page = &self.site.pages[i];
        let urls = &self.views.urls;
        let view = self.views.article(i);
        let rel = Urls::article(&page.slug);
        let url = urls.full(&rel);
        let page_view = PageView::new(urls, PageKind::Article, &page.title, &page.summary, &rel);
        let headings: Vec<Heading> = page
            .responses
            .iter()
            .map(|r| Heading::parse(&r.heading))
            .collect();
        let responses: Vec<ResponseView> = page
            .responses
            .iter()
            .zip(&headings)
            .enumerate()
            .map(|(n, (r, h))| ResponseView {
                id: format!("response-{}", n + 1),
                label: h.label.clone(),
                author: h.author.clone().unwrap_or_default(),
                date: h.date.map(|d| d.long()).unwrap_or_default(),
                date_iso: h.date.map(|d| d.to_string()).unwrap_or_default(),
                // Only an earlier response: a reply can't answer what comes after it.
                reply_to: h
                    .reply_to
                    .filter(|&to| to >= 1 && to <= n)
                    .map(|to| ReplyRef {
                        id: format!("response-{to}"),
                        name: headings[to - 1]
                            .author
                            .clone()
                            .unwrap_or_else(|| headings[to - 1].label.clone()),
                    }),
                html: self.markdown.to_html(&r.markdown),
            })
            .collect();
        let neighbours: Vec<Neighbours<'_>> = page
            .topics
            .iter()
            .map(|t| {
                let (older, newer) = neighbours(self.site, i, t);
                Neighbours {
                    topic: self.views.topic(t),
                    prev: older.map(|j| self.views.article(j)),
                    next: newer.map(|j| self.views.article(j)),
                }
            })
            .collect();
        let source_url = page.source_url().unwrap_or("");
        let edit_url = if self.config.html.edit_url_template.is_empty() {
            String::new()
        } else {
            let path = page.file.to_string_lossy().replace('\\', "/");
            self.config.html.edit_url_template.replace("{path}", &path)
        };
        let title = &self.config.book.title;
        let wayback_url = if source_url.is_empty() {
            String::new()
        } else {
            format!("https://web.archive.org/web/*/{source_url}")
        };
        let home_url = urls.full("");
        let meta_cx = metadata::Context {
            site_title: title,
            language: &self.config.book.language,
            url: &url,
            home_url: &home_url,
            wayback_url: &wayback_url,
        };
        let meta = metadata::meta_tags(page, view, &meta_cx);
        let json_ld = metadata::json_ld(page, view, &meta_cx);
        let article = Article {
            base: view,
            body_html: self.markdown.article_html(&page.article),
            responses,
            responses_mode: match self.config.comments.mode {
                crate::config::CommentMode::Collapse => "collapse",
                _ => "show",
            },
            source: page.source.as_deref().unwrap_or(""),
            source_url,
            wayback_url,
            seed: page.seed.as_deref().unwrap_or(""),
            seed_sha256: page.seed_sha256.as_deref().unwrap_or(""),
            original_url: if page.has_original {
                urls.path(&format!("{rel}original.txt"))
            } else {
                String::new()
            },
            collected: page.collected.map(|d| d.long()).unwrap_or_default(),
            collected_iso: page.collected.map(|d| d.to_string()).unwrap_or_default(),
            citation: cite::text(page, title, &url),
            download_name: &page.slug,
            edit_url,
            neighbours,
            related: related.iter().map(|&j| self.views.article(j)).collect(),
            also_reported: self
                .stories
                .others(i)
                .take(super::stories::SHOWN)
                .map(|j| self.views.article(j))
                .collect(),
            story_url: self.story_url(i).unwrap_or_default(),
            story_count: self.stories.others(i).count(),
            word_count: page.word_count,
            meta,
            json_ld,
        };
        let html = self.render_page(&page_view, &ArticlePage { article })?;
        files.insert(format!("{rel}index.html").into(), html.into_bytes());
        Some(())
    }
}

/// The articles either side of `site.pages[i]` in topic `topic`'s list: the older one
/// ("previous") and the newer one. Lists are newest first.
fn neighbours(site: &Site, i: usize, topic: &str) -> (Option<usize>, Option<usize>) {
    let list = site.taxonomy.topic_pages(topic);
    let Some(at) = list.iter().position(|&j| j == i) else {
        return (None, None);
    };
    let older = list.get(at + 1).copied();
    let newer = at.checked_sub(1).and_then(|a| list.get(a)).copied();
    (older, newer)
}

/// The other articles `site.pages[i]`'s page names by its topics and tags (its neighbours
/// in each topic's list and its related articles), by index: an edit to any of them, or a
/// change in which they are, changes this page. Its other reports of the same story are
/// the rest ([`Stories::others`]). `serve` asks both to choose what an edit re-renders.
pub fn shown(site: &Site, i: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = site.pages[i]
        .topics
        .iter()
        .flat_map(|t| {
            let (older, newer) = neighbours(site, i, t);
            older.into_iter().chain(newer)
        })
        .collect();
    shown.extend(related::related(site, i));
    shown
}
