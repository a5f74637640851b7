//! A reader response's heading read back into its parts: the label, the commenter, the
//! day and the response it answers. The importer writes this format
//! ([`crate::import::markdown::RESPONSE_AUTHOR`] and its neighbours); this is the one
//! place that reads it, so the theme and the comment modes see the same parts.

use crate::date::PartialDate;
use crate::import::markdown::{REPLY_TO, RESPONSE_AUTHOR, RESPONSE_META};

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
        let mut pieces: Vec<&str> = heading.split(RESPONSE_META).collect();
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
        let head = pieces.join(RESPONSE_META);
        match head.split_once(RESPONSE_AUTHOR) {
            Some((label, name)) if !name.trim().is_empty() => {
                h.label = label.trim().to_string();
                h.author = Some(name.trim().to_string());
            }
            _ => h.label = head.trim().to_string(),
        }
        h
    }

    /// The heading text again, in the importer's format.
    pub fn write(&self) -> String {
        let mut out = self.label.clone();
        if let Some(a) = &self.author {
            out.push_str(RESPONSE_AUTHOR);
            out.push_str(a);
        }
        if let Some(d) = self.date {
            out.push_str(&format!("{RESPONSE_META}{d}"));
        }
        if let Some(n) = self.reply_to {
            out.push_str(&format!("{RESPONSE_META}{REPLY_TO}{n}"));
        }
        out
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
}
