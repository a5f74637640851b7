//! Markdown -> HTML: pulldown-cmark with tables, footnotes, strikethrough and smart
//! punctuation; headings get anchors; fenced code is highlighted by syntect into CSS
//! classes; links to `.md` files and root-relative links get the site's prefix.
//!
//! Every fragment this module returns has been through the one content sanitiser
//! ([`super::sanitise`]), whatever it holds.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::sanitise::Sanitiser;

/// The prefix of syntect's CSS classes; the theme styles `hl-*`.
pub const CODE_CLASS_PREFIX: &str = "hl-";

/// Renders Markdown for one site. Cheap to share between threads.
pub use crate::content::MARKDOWN_OPTIONS as OPTIONS;

pub struct Markdown {
    base: String,
    /// Built once per site: building an ammonia policy costs more than applying it to a
    /// short fragment.
    sanitiser: Sanitiser,
    syntaxes: OnceLock<SyntaxSet>,
}

impl Markdown {
    pub fn new(base: &str, allow_raw_html: bool) -> Markdown {
        Markdown {
            base: base.to_string(),
            sanitiser: Sanitiser::new(allow_raw_html),
            syntaxes: OnceLock::new(),
        }
    }

    /// One document (an article or a response) to HTML. Heading ids are unique within it.
    pub fn to_html(&self, markdown: &str) -> String {
        self.render(markdown, false)
    }

    /// An article's body: as [`Markdown::to_html`], and each top-level paragraph gets an
    /// id derived from its text ("p-3f2a9c1e"), so a link to a paragraph survives edits
    /// above it.
    pub fn article_html(&self, markdown: &str) -> String {
        self.render(markdown, true)
    }

    /// The ids an article's body has once rendered (headings, `{#custom}` ids and
    /// paragraphs), so a link can be checked against exactly what the page will hold.
    pub fn article_anchors(&self, markdown: &str) -> Vec<String> {
        let html = self.article_html(markdown);
        html.split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(|id| id.replace("&amp;", "&"))
            .collect()
    }

    fn render(&self, markdown: &str, paragraph_ids: bool) -> String {
        let events: Vec<Event<'_>> = Parser::new_ext(markdown, OPTIONS).collect();
        let mut out_events = Vec::with_capacity(events.len());
        let mut ids = Ids::default();
        let mut depth = 0usize;
        let mut i = 0;
        while i < events.len() {
            match &events[i] {
                Event::Start(Tag::Heading {
                    level, id, classes, ..
                }) => {
                    let end = find_end(&events, i);
                    let text = plain_text(&events[i + 1..end]);
                    let id = match id {
                        Some(id) => {
                            ids.insert(id.to_string());
                            id.to_string()
                        }
                        None => unique_id(&text, &mut ids),
                    };
                    // The page title is the only h1; the body's headings start at h2.
                    let level = if *level == HeadingLevel::H1 {
                        HeadingLevel::H2
                    } else {
                        *level
                    };
                    // `{#id .class}` only: any other attribute (`onfocus=...`, `autofocus`,
                    // `style`) is the author's way around the sanitiser, not formatting.
                    out_events.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes: classes.clone(),
                        attrs: Vec::new(),
                    }));
                    i += 1;
                    continue;
                }
                Event::End(TagEnd::Heading(level)) => {
                    let level = if *level == HeadingLevel::H1 {
                        HeadingLevel::H2
                    } else {
                        *level
                    };
                    out_events.push(Event::End(TagEnd::Heading(level)));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = find_end(&events, i);
                    let code: String = events[i + 1..end]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    out_events.push(Event::Html(CowStr::from(self.code_block(&code, &lang))));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    out_events.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: CowStr::from(self.link(dest_url)),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    out_events.push(Event::Start(Tag::Image {
                        link_type: *link_type,
                        dest_url: CowStr::from(self.link(dest_url)),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Paragraph) if paragraph_ids && depth == 0 => {
                    let end = find_end(&events, i);
                    let id = unique(paragraph_id(&plain_text(&events[i + 1..end])), &mut ids);
                    out_events.push(Event::Html(CowStr::from(format!("<p id=\"{id}\">"))));
                    out_events.extend(events[i + 1..end].iter().cloned().map(|e| self.rewrite(e)));
                    out_events.push(Event::Html(CowStr::from("</p>\n")));
                    i = end + 1;
                    continue;
                }
                Event::Start(_) => {
                    depth += 1;
                    out_events.push(events[i].clone());
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    out_events.push(events[i].clone());
                }
                other => out_events.push(other.clone()),
            }
            i += 1;
        }
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
        self.sanitiser.clean(&html)
    }

    /// Links and images get the site's addresses; every other event passes through.
    fn rewrite<'e>(&self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(self.link(&dest_url)),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(self.link(&dest_url)),
                title,
                id,
            }),
            other => other,
        }
    }

    /// A link as the site needs it: `other.md#x` -> the article's URL, `/x` -> prefixed.
    fn link(&self, dest: &str) -> String {
        if dest.contains("://")
            || dest.starts_with("mailto:")
            || dest.starts_with('#')
            || dest.starts_with("//")
        {
            return dest.to_string();
        }
        let (path, anchor) = dest.split_once('#').map_or((dest, ""), |(p, a)| (p, a));
        if let Some(stem) = path.strip_suffix(".md") {
            let slug = stem.rsplit('/').next().unwrap_or(stem);
            let anchor = if anchor.is_empty() {
                String::new()
            } else {
                format!("#{anchor}")
            };
            return format!("{}articles/{slug}/{anchor}", self.base);
        }
        match dest.strip_prefix('/') {
            Some(rest) if !dest.starts_with(&self.base) || self.base == "/" => {
                format!("{}{rest}", self.base)
            }
            _ => dest.to_string(),
        }
    }

    fn code_block(&self, code: &str, lang: &str) -> String {
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let syntax = (!lang.is_empty())
            .then(|| syntaxes.find_syntax_by_token(lang))
            .flatten();
        let Some(syntax) = syntax else {
            return format!(
                "<pre class=\"code\"><code>{}</code></pre>\n",
                escape_html(code)
            );
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            syntaxes,
            ClassStyle::SpacedPrefixed {
                prefix: CODE_CLASS_PREFIX,
            },
        );
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!(
                    "<pre class=\"code\"><code>{}</code></pre>\n",
                    escape_html(code)
                );
            }
        }
        format!(
            "<pre class=\"code\" data-lang=\"{}\"><code>{}</code></pre>\n",
            escape_html(lang),
            generator.finalize()
        )
    }
}

fn find_end(events: &[Event<'_>], start: usize) -> usize {
    let mut depth = 0;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

fn plain_text(events: &[Event<'_>]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// "p-" and eight hex digits of a hash of the paragraph's words: the same text, the same
/// id, wherever the paragraph moves.
fn paragraph_id(text: &str) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let mut hash = Sha256::new();
    let mut words = crate::text::WordCursor::new(text);
    let mut word = String::new();
    let mut first = true;
    while words.next_into(&mut word).is_some() {
        if !first {
            hash.update(b" ");
        }
        hash.update(word.as_bytes());
        first = false;
    }
    let mut id = String::from("p-");
    for b in &hash.finalize()[..4] {
        let _ = write!(id, "{b:02x}");
    }
    id
}

fn unique_id(text: &str, ids: &mut Ids) -> String {
    unique(crate::slug::slugify(text), ids)
}

/// The ids given out in one document, and for each base the next suffix to try. Ids are
/// never given back, so every suffix below it is taken: 20,000 equal headings cost
/// 20,000 steps instead of 200 million.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// Takes `id` as written (a heading's `{#id}`); false if it was taken already.
    fn insert(&mut self, id: String) -> bool {
        self.taken.insert(id)
    }
}

/// `base`, or `base-2`, `base-3`...: the first not yet in `ids`.
fn unique(base: String, ids: &mut Ids) -> String {
    if ids.insert(base.clone()) {
        return base;
    }
    let n = ids.next.entry(base.clone()).or_insert(2);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if ids.taken.insert(id.clone()) {
            return id;
        }
    }
}

/// `&`, `<`, `>`, `"` and `'` as entities; the characters XML 1.0 cannot hold at all
/// (C0 controls but tab, newline and CR; U+FFFE, U+FFFF) dropped; everything else copied
/// in runs. Every value a template prints, and every value in the feeds and the sitemap,
/// passes through here, so no input can make them ill-formed. (`check` refuses such
/// characters in front matter; a body can still hold them, and summaries come from it.)
pub fn escape_html(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (entity, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f => ("", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            0xef if matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        // Each match starts a character, so `i` and `i + len` are on boundaries.
        out.push_str(&text[run..i]);
        out.push_str(entity);
        i += len;
        run = i;
    }
    out.push_str(&text[run..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn escaping_replaces_the_five_and_keeps_the_rest(text in "[a-z&<>\"'é—\u{a0} ]{0,30}") {
            let one_char_at_a_time: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape_html(&text), one_char_at_a_time);
        }
    }

    // See issue #15, item 11.
    #[test]
    fn escaping_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape_html("a\u{0}b\u{1b}c\td\ne\rf\u{fffe}\u{ffff}\u{fffd}<"),
            "abc\td\ne\rf\u{fffd}&lt;"
        );
    }

    fn md(text: &str) -> String {
        Markdown::new("/archive/", false).to_html(text)
    }

    #[test]
    fn headings_get_unique_anchors_and_start_at_h2() {
        assert_eq!(
            md("# Intro\n\n## Intro"),
            "<h2 id=\"intro\">Intro</h2>\n<h2 id=\"intro-2\">Intro</h2>\n"
        );
    }

    #[test]
    fn links_carry_the_prefix() {
        let html = md("[a](other.md#x) [b](/tags/) [c](https://e.org/) [d](#here)");
        assert!(
            html.contains("href=\"/archive/articles/other/#x\""),
            "{html}"
        );
        assert!(html.contains("href=\"/archive/tags/\""), "{html}");
        assert!(html.contains("href=\"https://e.org/\""), "{html}");
        assert!(html.contains("href=\"#here\""), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised_unless_trusted() {
        let text = "<script>alert(1)</script>\n\n<a href=\"javascript:x()\" onclick=\"y()\">z</a> <iframe src=\"x\"></iframe><b>ok</b>";
        let html = md(text);
        for bad in ["<script", "javascript:", "onclick", "<iframe"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<b>ok</b>"));
        // Trusted authors get embeds, not scripts.
        let trusted = Markdown::new("/", true).to_html(text);
        assert!(trusted.contains("<iframe src=\"x\">"), "{trusted}");
        for bad in ["<script", "javascript:", "onclick"] {
            assert!(!trusted.contains(bad), "{bad} in {trusted}");
        }
    }

    // See issue #15, items 2 and 3: every form of a script URL, inline HTML in a paragraph
    // and heading attributes, with raw HTML trusted or not.
    #[test]
    fn scripts_never_survive_in_any_form() {
        let text = "# Head {tabindex=0 autofocus onfocus=alert(1) .keep #kept}\n\n\
            text <img src=x onerror=alert(1)> and <script>alert(2)</script>\n\n\
            [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c][r] <javascript:alert(1)>\n\
            [d](&#106;avascript:alert(1)) [e](vbscript:msgbox(1)) [f](data:text/html,x)\n\
            ![g](javascript:alert(1)) [h]( java\tscript:alert(1))\n\n\
            [r]: javascript:alert(1)\n";
        for trusted in [false, true] {
            let html = Markdown::new("/", trusted).article_html(text);
            // Every link above is hostile: none may keep its address. (Their text stays.)
            assert!(!html.contains("href="), "(trusted: {trusted}) {html}");
            for bad in [
                "<script",
                "onerror",
                "onfocus",
                "autofocus",
                "tabindex",
                "src=\"j",
            ] {
                assert!(!html.contains(bad), "{bad} (trusted: {trusted}) in {html}");
            }
            assert!(html.contains("<h2 id=\"kept\" class=\"keep\">"), "{html}");
            assert!(html.contains("<p id=\"p-"), "{html}");
        }
    }

    #[test]
    fn paragraph_ids_follow_the_text_not_the_position() {
        let m = Markdown::new("/", false);
        let before = m.article_html("First paragraph.\n\nSecond paragraph.\n");
        let after = m.article_html("A new opening.\n\nFirst paragraph.\n\nSecond paragraph.\n");
        let ids = |html: &str| -> Vec<String> {
            html.split("<p id=\"")
                .skip(1)
                .map(|s| s.split('"').next().unwrap().to_string())
                .collect()
        };
        assert_eq!(ids(&before).len(), 2);
        assert_eq!(ids(&after)[1..], ids(&before)[..]);
        assert!(before.contains("First paragraph.</p>"));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = md("```rust\nfn main() {}\n```\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn smart_punctuation_tables_footnotes() {
        let html = md("\"Hi\" -- x\n\n| a |\n|---|\n| b |\n\nNote[^1].\n\n[^1]: Here.\n");
        assert!(html.contains("“Hi” –"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        let aligned = md("| a |\n|:-:|\n| b |\n");
        assert!(aligned.contains("<th style=\"text-align"), "{aligned}");
        assert!(html.contains("footnote"), "{html}");
    }
}
