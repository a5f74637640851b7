//! The "Reader responses" section of a content file, both ways: the heading that sets it
//! apart from the article, each response's heading ("### Response 3 — Jane Smith ·
//! 2018-03-10 · in reply to Response 2"), how the importer writes them and how the site
//! splits and reads them back, so the theme and the comment modes see the same parts.

use super::escape::unescape;
use crate::date::PartialDate;

/// The heading that sets reader responses apart from the article.
pub const HEADING: &str = "## Reader responses";

/// In a response's heading the commenter comes after [`AUTHOR`], then the day and the
/// response it answers, each after [`META`]; each part only where known.
const AUTHOR: &str = " — ";
const META: &str = " · ";
const REPLY_TO: &str = "in reply to Response ";

/// The parts of "Response 3 — Jane Smith · 2018-03-10 · in reply to Response 2".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heading {
    /// "Response 3".
    pub label: String,
    pub author: Option<String>,
    pub date: Option<PartialDate>,
    /// The 1-based number of the response this one answers.
    pub reply_to: Option<usize>,
}

impl Heading {
    /// Anything not recognised after the label stays part of the commenter's name (a
    /// hand-written heading is never lost).
    pub fn parse(heading: &str) -> Heading {
        let mut pieces: Vec<&str> = heading.split(META).collect();
        let mut h = Heading::default();
        // The known parts are read from the end; what is left is label and name.
        while pieces.len() > 1 {
            let last = pieces[pieces.len() - 1].trim();
            if let Some(n) = last.strip_prefix(REPLY_TO).and_then(|n| n.parse().ok()) {
                h.reply_to = h.reply_to.or(Some(n));
            } else if let Some(d) = PartialDate::parse_iso(last) {
                h.date = h.date.or(Some(d));
            } else {
                break;
            }
            pieces.pop();
        }
        let head = pieces.join(META);
        match head.split_once(AUTHOR) {
            Some((label, name)) if !name.trim().is_empty() => {
                h.label = label.trim().to_string();
                h.author = Some(name.trim().to_string());
            }
            _ => h.label = head.trim().to_string(),
        }
        h
    }

    /// "Response 3 — Jane Smith": who, not when or to whom.
    pub fn who(&self) -> String {
        match &self.author {
            Some(a) => format!("{}{AUTHOR}{a}", self.label),
            None => self.label.clone(),
        }
    }

    /// The heading text again, in the importer's format.
    pub fn write(&self) -> String {
        let mut out = self.label.clone();
        if let Some(a) = &self.author {
            out.push_str(AUTHOR);
            out.push_str(a);
        }
        if let Some(d) = self.date {
            out.push_str(&format!("{META}{d}"));
        }
        if let Some(n) = self.reply_to {
            out.push_str(&format!("{META}{REPLY_TO}{n}"));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseText {
    /// "Response 2", or "Response 2 — Jane" where the commenter is named.
    pub heading: String,
    pub markdown: String,
}

/// Splits the body at the "Reader responses" heading into the article and each response.
pub fn split_responses(body: &str) -> (&str, Vec<ResponseText>) {
    let Some(at) = find_heading(body, HEADING) else {
        return (body, Vec::new());
    };
    let article = &body[..at];
    let rest = &body[at + HEADING.len()..];
    let mut responses = Vec::new();
    let mut current: Option<ResponseText> = None;
    for line in rest.split_inclusive('\n') {
        if let Some(heading) = line.strip_prefix("### ") {
            if let Some(r) = current.take() {
                responses.push(r);
            }
            current = Some(ResponseText {
                heading: unescape(heading.trim()),
                markdown: String::new(),
            });
        } else if let Some(r) = current.as_mut() {
            r.markdown.push_str(line);
        } else if !line.trim().is_empty() {
            // Text under the heading before any response: one unnamed response.
            current = Some(ResponseText {
                heading: String::new(),
                markdown: line.to_string(),
            });
        }
    }
    responses.extend(current);
    for (i, r) in responses.iter_mut().enumerate() {
        if r.heading.is_empty() {
            r.heading = format!("Response {}", i + 1);
        }
        r.markdown = r.markdown.trim().to_string();
    }
    (article, responses)
}

fn find_heading(body: &str, heading: &str) -> Option<usize> {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_end() == heading {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Appends the section to a document: [`HEADING`], then each response under its own
/// heading with its Markdown.
pub fn write_section(out: &mut String, responses: impl IntoIterator<Item = (Heading, String)>) {
    out.push('\n');
    out.push_str(HEADING);
    out.push_str("\n\n");
    for (heading, markdown) in responses {
        out.push_str("### ");
        out.push_str(&heading.write());
        out.push_str("\n\n");
        out.push_str(&markdown);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_read_and_written_back() {
        for text in [
            "Response 3 — Jane Smith · 2018-03-10 · in reply to Response 2",
            "Response 1 — Ann",
            "Response 2 · 2019-07",
            "Response 4",
            "Response 5 — Dot · Com · 2018-01-01",
        ] {
            assert_eq!(Heading::parse(text).write(), text);
        }
        let h = Heading::parse("Response 3 — Jane Smith · 2018-03-10 · in reply to Response 2");
        assert_eq!(h.label, "Response 3");
        assert_eq!(h.author.as_deref(), Some("Jane Smith"));
        assert_eq!(h.date, PartialDate::new(2018, Some(3), Some(10)));
        assert_eq!(h.reply_to, Some(2));
        assert_eq!(
            Heading::parse("Response 5 — Dot · Com").author.as_deref(),
            Some("Dot · Com")
        );
    }

    #[test]
    fn responses_are_split_from_the_article() {
        let (article, r) = split_responses("Text.\n\n## Reader responses\n\n### Response 1 — Ann\n\nYes.\n\n### Response 2\n\nNo.\n");
        assert_eq!(article, "Text.\n\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].heading, "Response 1 — Ann");
        assert_eq!(r[1].markdown, "No.");
    }
}
