//! The few words of a result around its best match, the matched words in `<mark>`.
//! search-core.js cuts snippets the same way from the same fragment text.

use std::collections::BTreeSet;

use super::shard::Fragment;

/// Words in a snippet.
pub const WINDOW: usize = 24;
/// Words shown before the first match of the window.
const LEAD: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// Escaped HTML with `<mark>` around matched words.
    pub html: String,
    /// The heading of the reader response the match is in, when it is not in the article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
}

/// A word of the text: byte range and folded form.
struct Word {
    start: usize,
    end: usize,
    folded: String,
}

fn words(text: &str) -> Vec<Word> {
    crate::text::words(text)
        .map(|(start, folded)| Word {
            end: word_end(text, start),
            start,
            folded,
        })
        .collect()
}

/// Where the word starting at `start` ends, by the rule of [`crate::text::words`].
fn word_end(text: &str, start: usize) -> usize {
    let mut chars = text[start..].char_indices().peekable();
    let mut end = start;
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = start + i + c.len_utf8();
        } else if matches!(c, '\'' | '’' | '-' | '‐')
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
        {
        } else {
            break;
        }
    }
    end
}

/// Chooses the snippet: the article's text, else a reader response, else the summary.
pub fn snippet(f: &Fragment, highlight: &BTreeSet<String>, prefix: Option<&str>) -> Snippet {
    let hit = |w: &str| highlight.contains(w) || prefix.is_some_and(|p| w.starts_with(p));
    if let Some(html) = best_window(&f.body, &hit) {
        return Snippet {
            html,
            response: None,
        };
    }
    for (heading, text) in &f.responses {
        if let Some(html) = best_window(text, &hit) {
            return Snippet {
                html,
                response: Some(heading.clone()),
            };
        }
    }
    let start = if f.summary.is_empty() {
        &f.body
    } else {
        &f.summary
    };
    Snippet {
        html: cut(start, &words(start), 0, &|_| false),
        response: None,
    }
}

/// The window of WINDOW words with the most matches (the first such), None if no word
/// matches.
fn best_window(text: &str, hit: &dyn Fn(&str) -> bool) -> Option<String> {
    let ws = words(text);
    let matched: Vec<usize> = (0..ws.len()).filter(|&i| hit(&ws[i].folded)).collect();
    let mut best: Option<(usize, usize)> = None;
    for (k, &m) in matched.iter().enumerate() {
        let start = m.saturating_sub(LEAD);
        let n = matched[k..]
            .iter()
            .take_while(|&&j| j < start + WINDOW)
            .count();
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((start, n));
        }
    }
    best.map(|(start, _)| cut(text, &ws, start, hit))
}

fn cut(text: &str, ws: &[Word], start: usize, hit: &dyn Fn(&str) -> bool) -> String {
    let Some(first) = ws.get(start) else {
        return String::new();
    };
    let end_word = (start + WINDOW).min(ws.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = first.start;
    for w in &ws[start..end_word] {
        if hit(&w.folded) {
            out.push_str(&escape(&text[at..w.start]));
            out.push_str("<mark>");
            out.push_str(&escape(&text[w.start..w.end]));
            out.push_str("</mark>");
            at = w.end;
        }
    }
    // The whole rest of the text when the window reaches its end (the last full stop).
    let end = if end_word == ws.len() {
        text.trim_end().len()
    } else {
        ws[end_word - 1].end
    };
    out.push_str(&escape(&text[at..end]));
    if end_word < ws.len() {
        out.push('…');
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &[&str]) -> BTreeSet<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_window_with_most_matches_is_marked() {
        let f = Fragment {
            body: "One sanction here. ".repeat(3)
                + &"filler ".repeat(40)
                + "Sanctions & sanctioned claimants <again>.",
            ..Fragment::default()
        };
        let s = snippet(&f, &set(&["sanctions", "sanctioned"]), Some("claim"));
        assert!(s.html.starts_with('…'), "{}", s.html);
        assert!(s.html.contains(
            "<mark>Sanctions</mark> &amp; <mark>sanctioned</mark> <mark>claimants</mark> &lt;again"
        ));
        assert_eq!(s.response, None);
    }

    #[test]
    fn matches_only_in_responses_are_labelled() {
        let f = Fragment {
            summary: "A summary.".into(),
            body: "Nothing to see.".into(),
            responses: vec![("Response 1 — Ann".into(), "Naïve, I'd say.".into())],
            ..Fragment::default()
        };
        let s = snippet(&f, &set(&["naive"]), None);
        assert_eq!(s.html, "<mark>Naïve</mark>, I'd say.");
        assert_eq!(s.response.as_deref(), Some("Response 1 — Ann"));
        let none = snippet(&f, &set(&["zebra"]), None);
        assert_eq!(none.html, "A summary.");
    }
}
