//! Markdown escaping of plain text: what the importer writes so pasted words render back
//! as the same words, and its inverse, which the site uses for summaries and headings.

use std::sync::LazyLock;

use regex::Regex;

static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&(#?[A-Za-z0-9]+;)").unwrap_or_else(|e| unreachable!("{e}")));

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
    fn unescape_undoes_escape() {
        for text in ["a *b* <c> &amp;", "[x](y) `z` ~w~ | \\", "A&E &#39; _u_"] {
            assert_eq!(unescape(&escape(text)), text);
        }
    }
}
