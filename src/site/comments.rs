//! Reader responses as book.toml's `[comments] mode` wants them published. Applied when a
//! page is loaded, so the site, its search index and its exports all see the same thing.

use std::collections::BTreeMap;

use crate::config::CommentMode;
use crate::content::responses::{Heading, ResponseText};

/// Hides or anonymises `responses` in place (`show` and `collapse` change nothing here;
/// collapse is the theme's business).
pub fn apply(responses: &mut Vec<ResponseText>, mode: CommentMode) {
    match mode {
        CommentMode::Show | CommentMode::Collapse => {}
        CommentMode::Hide => responses.clear(),
        CommentMode::Anonymise => anonymise(responses),
    }
}

/// "Response 2 — Jane Smith" becomes "Response 2 — Reader 1", and "Jane Smith" in any
/// response's text becomes "Reader 1" too: the same reader, the same label, on this page.
fn anonymise(responses: &mut [ResponseText]) {
    let mut readers: BTreeMap<String, String> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for r in responses.iter() {
        if let Some(name) = Heading::parse(&r.heading).author {
            if !readers.contains_key(&name) {
                readers.insert(name.clone(), format!("Reader {}", readers.len() + 1));
                order.push(name);
            }
        }
    }
    // Longer names first, so "Jane Smith" is replaced before "Jane".
    order.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for r in responses.iter_mut() {
        let mut heading = Heading::parse(&r.heading);
        if let Some(reader) = heading.author.as_ref().and_then(|n| readers.get(n)) {
            heading.author = Some(reader.clone());
            r.heading = heading.write();
        }
        for name in &order {
            r.markdown = replace_word(&r.markdown, name, &readers[name]);
        }
    }
}

/// Whole-word, case-insensitive replacement.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let lower = text.to_lowercase();
    let needle = word.to_lowercase();
    if needle.is_empty() || lower.len() != text.len() {
        return text.replace(word, with);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in lower.match_indices(&needle) {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        let whole =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        if whole && i >= last {
            out.push_str(&text[last..i]);
            out.push_str(with);
            last = i + needle.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(heading: &str, markdown: &str) -> ResponseText {
        ResponseText {
            heading: heading.into(),
            markdown: markdown.into(),
        }
    }

    #[test]
    fn names_become_consistent_reader_labels() {
        let mut rs = vec![
            r("Response 1 — Jane Smith", "I agree."),
            r(
                "Response 2 — bob_k",
                "Thanks jane smith, and Jane Smithers too.",
            ),
            r("Response 3 — Jane Smith · 2019-01-02", "Bob_k is right."),
            r("Response 4", "No name here."),
        ];
        apply(&mut rs, CommentMode::Anonymise);
        assert_eq!(rs[0].heading, "Response 1 — Reader 1");
        assert_eq!(rs[1].heading, "Response 2 — Reader 2");
        assert_eq!(rs[1].markdown, "Thanks Reader 1, and Jane Smithers too.");
        assert_eq!(rs[2].heading, "Response 3 — Reader 1 · 2019-01-02");
        assert_eq!(rs[2].markdown, "Reader 2 is right.");
        assert_eq!(rs[3].heading, "Response 4");
    }

    #[test]
    fn hide_removes_and_show_keeps() {
        let mut rs = vec![r("Response 1 — A", "x")];
        apply(&mut rs, CommentMode::Show);
        assert_eq!(rs.len(), 1);
        apply(&mut rs, CommentMode::Hide);
        assert!(rs.is_empty());
    }
}
