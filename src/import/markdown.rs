//! Blocks of pasted text -> Markdown that renders back to the same words: Markdown's
//! special characters are escaped, bare URLs become links, bullets become lists.

use std::sync::LazyLock;

use regex::Regex;

use super::parts::{Block, Response};
use crate::content::escape::escape;
use crate::content::responses::{self, Heading};

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s<>"“”]+"#).unwrap_or_else(|e| unreachable!("{e}")));

/// The article and, under [`responses::HEADING`], each response under its own heading.
pub fn document(body: &[Block], responses: &[Response]) -> String {
    let mut out = blocks(body);
    if !responses.is_empty() {
        let headings = responses.iter().enumerate().map(|(i, r)| {
            let heading = Heading {
                label: format!("Response {}", i + 1),
                author: r.author.as_deref().map(escape),
                date: r.date,
                reply_to: r.reply_to.filter(|&to| to < i).map(|to| to + 1),
            };
            (heading, blocks(&r.blocks))
        });
        responses::write_section(&mut out, headings);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::escape::unescape;

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
