//! Blocks of pasted text -> Markdown that renders back to the same words: Markdown's
//! special characters are escaped, bare URLs become links, bullets become lists.

use std::sync::LazyLock;

use regex::Regex;

use super::parts::{Block, Response};

/// The heading that sets reader responses apart from the article; the renderer looks for it.
pub const RESPONSES_HEADING: &str = "## Reader responses";

/// A response's heading is "### Response 3 — Jane Smith · 2018-03-10 · in reply to
/// Response 2": the commenter after [`RESPONSE_AUTHOR`], then the day and the response it
/// answers, each after [`RESPONSE_META`]; each part only where known. The site reads it back
/// (`site::response`).
pub const RESPONSE_AUTHOR: &str = " — ";
pub const RESPONSE_META: &str = " · ";
pub const REPLY_TO: &str = "in reply to Response ";

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s<>"“”]+"#).unwrap_or_else(|e| unreachable!("{e}")));
static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#?[A-Za-z0-9]+;)").unwrap_or_else(|e| unreachable!("{e}")));

/// The article and, under [`RESPONSES_HEADING`], each response under its own heading.
pub fn document(body: &[Block], responses: &[Response]) -> String {
    let mut out = blocks(body);
    if !responses.is_empty() {
        out.push('\n');
        out.push_str(RESPONSES_HEADING);
        out.push_str("\n\n");
        for (i, r) in responses.iter().enumerate() {
            out.push_str(&format!("### Response {}", i + 1));
            if let Some(author) = &r.author {
                out.push_str(RESPONSE_AUTHOR);
                out.push_str(&escape(author));
            }
            if let Some(date) = r.date {
                out.push_str(&format!("{RESPONSE_META}{date}"));
            }
            if let Some(to) = r.reply_to.filter(|&to| to < i) {
                out.push_str(&format!("{RESPONSE_META}{REPLY_TO}{}", to + 1));
            }
            out.push_str("\n\n");
            out.push_str(&blocks(&r.blocks));
            out.push('\n');
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for block in blocks {
        let same_list = matches!(
            (previous, block),
            (Some(Block::Item(_)), Block::Item(_))
                | (Some(Block::Numbered(..)), Block::Numbered(..))
        );
        if previous.is_some() && !same_list {
            out.push('\n');
        }
        match block {
            Block::Para(text) => out.push_str(&inline(text)),
            Block::Item(text) => {
                out.push_str("- ");
                out.push_str(&inline(text));
            }
            Block::Numbered(n, text) => {
                out.push_str(&format!("{n}. "));
                out.push_str(&inline(text));
            }
        }
        out.push('\n');
        previous = Some(block);
    }
    out
}

/// One line of text as Markdown: URLs linked, everything else escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for m in URL.find_iter(text) {
        let url = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '’']);
        out.push_str(&escape(&text[last..m.start()]));
        out.push('<');
        out.push_str(url);
        out.push('>');
        last = m.start() + url.len();
    }
    out.push_str(&escape(&text[last..]));
    escape_line_start(&out)
}

/// Escapes what Markdown would read as formatting anywhere in a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    // Every character escaped is ASCII, and no byte of a longer UTF-8 character is.
    for (i, b) in text.bytes().enumerate() {
        if matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'~' | b'|'
        ) {
            out.push_str(&text[last..i]);
            out.push('\\');
            last = i;
        }
    }
    out.push_str(&text[last..]);
    if out.contains('&') {
        ENTITY.replace_all(&out, "&amp;$1").into_owned()
    } else {
        out
    }
}

/// Escapes what Markdown would read as a block at the start of a line: headings, quotes,
/// list markers, rules.
fn escape_line_start(line: &str) -> String {
    let starts_block = line.starts_with('#')
        || line.starts_with('=')
        || line.starts_with("- ")
        || line.starts_with("+ ")
        || line == "-"
        || line == "+"
        || line.starts_with("---");
    if starts_block {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 9 {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")" {
            return format!("{}\\{}", &line[..digits], rest);
        }
    }
    line.to_string()
}

/// The text a reader would see: Markdown escapes and link brackets removed.
pub fn unescape(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out.replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("1. not a list"), "1\\. not a list");
        assert_eq!(inline("---"), "\\---");
        assert_eq!(
            inline("a *b* _c_ <script> [x](y)"),
            "a \\*b\\* \\_c\\_ \\<script\\> \\[x\\](y)"
        );
        assert_eq!(inline("A&E &amp; more"), "A&E &amp;amp; more");
        assert_eq!(unescape(&inline("a *b* <c> &amp;")), "a *b* <c> &amp;");
    }

    #[test]
    fn bare_urls_become_links() {
        assert_eq!(
            inline("See https://example.org/a_b. Then"),
            "See <https://example.org/a_b>. Then"
        );
    }

    #[test]
    fn lists_group_and_responses_are_apart() {
        let body = [
            Block::Para("Intro:".into()),
            Block::Item("one".into()),
            Block::Item("two".into()),
            Block::Para("End.".into()),
        ];
        let responses = [
            Response {
                author: Some("Ann".into()),
                date: crate::date::PartialDate::new(2018, Some(3), Some(10)),
                blocks: vec![Block::Para("Agreed.".into())],
                ..Response::default()
            },
            Response {
                author: Some("Bob".into()),
                reply_to: Some(0),
                blocks: vec![Block::Para("@Ann yes.".into())],
                ..Response::default()
            },
        ];
        assert_eq!(
            document(&body, &responses),
            "Intro:\n\n- one\n- two\n\nEnd.\n\n## Reader responses\n\n### Response 1 — Ann · 2018-03-10\n\nAgreed.\n\n### Response 2 — Bob · in reply to Response 1\n\n@Ann yes.\n"
        );
    }
}
