//! What reference managers and search engines read from an article's page: Highwire Press
//! `citation_*` tags (Zotero's "Embedded Metadata" translator, Google Scholar), their
//! Dublin Core equivalents, and schema.org JSON-LD. Every value comes from the front
//! matter as the page shows it; nothing here is guessed beyond splitting a byline that
//! names several people.

use serde::Serialize;
use serde_json::{json, Value};

use super::context::ArticleRef;
use crate::content::front_matter::Kind;
use crate::site::Page;

/// One `<meta name=… content=…>` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaTag {
    pub name: &'static str,
    pub content: String,
}

/// What the article's page says about the page it sits in.
pub struct Context<'a> {
    pub site_title: &'a str,
    pub language: &'a str,
    /// The article's address, absolute where the site URL is known.
    pub url: &'a str,
    /// The archive's home page, likewise.
    pub home_url: &'a str,
    /// The Wayback Machine's listing of the source, or "".
    pub wayback_url: &'a str,
}

/// The Highwire Press and Dublin Core tags of an article, in a fixed order.
pub fn meta_tags(page: &Page, view: &ArticleRef, cx: &Context) -> Vec<MetaTag> {
    let mut tags = Vec::new();
    let mut push = |name: &'static str, content: &str| {
        if !content.is_empty() {
            tags.push(MetaTag {
                name,
                content: content.to_string(),
            });
        }
    };
    let authors = authors(&view.author);
    let keywords = keywords(view);
    push("citation_title", &view.title);
    for a in &authors {
        push("citation_author", a);
    }
    if let Some(d) = page.date {
        // The precision the article has: 2019, 2019/07 or 2019/07/16.
        push(
            "citation_publication_date",
            &d.to_string().replace('-', "/"),
        );
    }
    push("citation_publisher", &view.publisher);
    push("citation_public_url", cx.url);
    push("citation_language", cx.language);
    push("citation_abstract", &view.summary);
    push("citation_keywords", &keywords.join("; "));
    push("DC.title", &view.title);
    for a in &authors {
        push("DC.creator", a);
    }
    push("DC.date", &view.date_iso);
    push("DC.publisher", &view.publisher);
    push("DC.language", cx.language);
    push("DC.description", &view.summary);
    for k in &keywords {
        push("DC.subject", k);
    }
    push("DC.identifier", cx.url);
    push("DC.type", "Text");
    tags
}

/// The schema.org description of the article, as the text of a
/// `<script type="application/ld+json">` element: `<`, `>` and `&` are written as JSON
/// escapes, so no value can end the script or open a comment.
pub fn json_ld(page: &Page, view: &ArticleRef, cx: &Context) -> String {
    let kind = match page.kind {
        Some(Kind::News) => "NewsArticle",
        Some(Kind::Blog) => "BlogPosting",
        Some(Kind::Forum) => "DiscussionForumPosting",
        None => "Article",
    };
    let mut item = json!({
        "@context": "https://schema.org",
        "@type": kind,
        "headline": view.title,
        "url": cx.url,
        "mainEntityOfPage": cx.url,
        "inLanguage": cx.language,
        "isPartOf": { "@type": "WebSite", "name": cx.site_title, "url": cx.home_url },
    });
    let mut set = |key: &str, value: Value| {
        item[key] = value;
    };
    if !view.date_iso.is_empty() {
        set("datePublished", json!(view.date_iso));
    }
    let authors = authors(&view.author);
    if !authors.is_empty() {
        let people: Vec<Value> = authors
            .iter()
            .map(|a| json!({ "@type": "Person", "name": a }))
            .collect();
        set("author", json!(people));
    }
    if !view.publisher.is_empty() {
        set(
            "publisher",
            json!({ "@type": "Organization", "name": view.publisher }),
        );
    }
    if !view.summary.is_empty() {
        set("description", json!(view.summary));
    }
    let keywords = keywords(view);
    if !keywords.is_empty() {
        set("keywords", json!(keywords));
    }
    if let Some(source) = page.source_url() {
        set("isBasedOn", json!(source));
    }
    if !cx.wayback_url.is_empty() {
        set("archivedAt", json!(cx.wayback_url));
    }
    if !page.responses.is_empty() {
        let comments: Vec<Value> = page
            .responses
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let mut c = json!({
                    "@type": "Comment",
                    "url": format!("{}#response-{}", cx.url, n + 1),
                    "text": r.markdown.trim(),
                });
                if let Some(name) = commenter(&r.heading) {
                    c["author"] = json!({ "@type": "Person", "name": name });
                }
                c
            })
            .collect();
        set("commentCount", json!(comments.len()));
        set("comment", json!(comments));
    }
    script_safe(&serde_json::to_string(&item).unwrap_or_default())
}

/// The people a byline names: "Jo Bloggs and Sam Smith", "Jo Bloggs, Sam Smith & Al Jones"
/// are three and two. A comma splits only where every part is a full name, so that
/// "Bloggs, Jo" stays one person.
fn authors(byline: &str) -> Vec<String> {
    let byline = byline.trim();
    if byline.is_empty() {
        return Vec::new();
    }
    let mut parts: Vec<&str> = byline
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(';'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let split_commas: Vec<&str> = parts
        .iter()
        .flat_map(|p| p.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if split_commas.len() > parts.len() && split_commas.iter().all(|p| p.contains(' ')) {
        parts = split_commas;
    }
    parts.into_iter().map(str::to_string).collect()
}

/// The article's topics, then its tags, by name.
fn keywords(view: &ArticleRef) -> Vec<&str> {
    view.topics
        .iter()
        .map(|t| t.name.as_str())
        .chain(view.tags.iter().map(|t| t.name.as_str()))
        .collect()
}

/// The commenter a response's heading names ("Response 2 — Jane Smith"), if any.
fn commenter(heading: &str) -> Option<&str> {
    heading
        .split_once(" — ")
        .map(|(_, name)| name.trim())
        .filter(|n| !n.is_empty())
}

fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_splits_into_people_but_a_surname_first_name_does_not() {
        assert_eq!(
            authors("Jo Bloggs and Sam Smith"),
            ["Jo Bloggs", "Sam Smith"]
        );
        assert_eq!(
            authors("Jo Bloggs, Sam Smith & Al Jones"),
            ["Jo Bloggs", "Sam Smith", "Al Jones"]
        );
        assert_eq!(authors("Bloggs, Jo"), ["Bloggs, Jo"]);
        assert_eq!(authors("  "), Vec::<String>::new());
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let text = script_safe(r#"{"a":"</script><!--&"}"#);
        assert!(!text.contains('<') && !text.contains('&'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!--&");
    }

    #[test]
    fn the_commenter_is_read_from_the_heading() {
        assert_eq!(commenter("Response 2 — Jane Smith"), Some("Jane Smith"));
        assert_eq!(commenter("Response 2"), None);
    }
}
