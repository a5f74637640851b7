//! A pasted page as lines, each judged on its own: marker, dateline, byline, source, text.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{find_date, find_dateline, is_relative_time, FoundDate};
use super::rules::{Marker, Rules};

/// One non-blank line of the paste.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the seed, for --explain.
    pub number: usize,
    pub text: String,
    /// A blank line stood before it (a paragraph break rather than a line break).
    pub blank_before: bool,
    /// It was indented (list items and comment threads often are).
    pub indented: bool,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A line of only non-breaking spaces: the gap a forum leaves between posts.
    Separator,
    Marker(Marker),
    /// "Source: …", "Via: …", with the citation.
    Source(String),
    /// "By Jane Smith, Health Correspondent" with the name, and a date if the line has one.
    Byline(String, Option<FoundDate>),
    /// A line that is a date and nothing more.
    Dateline(FoundDate),
    /// "3 hours ago", "10:31 pm": a comment's timestamp.
    Timestamp,
    /// A line that is one URL.
    Url,
    Text,
}

static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:source|via|originally published (?:at|on|by)|first published (?:at|on|by)|read the original(?: article)?(?: at| here)?|original article)\s*:\s*(.+)$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
/// "The following appeared in The Mirror on 29th November:", "This article was originally
/// published at https://…", "Reposted from Disability News Service": a republished page's
/// source, named in a sentence of its own.
static SOURCE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the following|this (?:article|piece|post|story|blog post)(?: was)?)?\s*(?:first |originally )?(?:appeared|published|reposted|republished|features) (?:in|at|on|from)\s+(?:the website of\s+)?(?P<src>\S.{1,80}?)(?:\s+on\s+[^,]{1,30})?\s*[.:]?$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|author|posted by):?\s+(.+)$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:https?://|www\.)\S+$").unwrap_or_else(|e| unreachable!("{e}"))
});
static INVISIBLE: [char; 4] = ['\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}'];

/// Splits text into judged lines. Non-breaking spaces become spaces: they are paste
/// artefacts, and a headline with one would not match itself elsewhere.
pub fn split(text: &str, rules: &Rules) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank_before = true;
    for (i, raw) in text.split('\n').enumerate() {
        let (text, indented) = normalise(raw);
        if text.is_empty() {
            if raw.contains('\u{a0}') {
                lines.push(Line {
                    number: i + 1,
                    text,
                    blank_before,
                    indented: false,
                    kind: Kind::Separator,
                });
            }
            blank_before = true;
            continue;
        }
        let kind = judge(&text, rules);
        lines.push(Line {
            number: i + 1,
            text,
            blank_before,
            indented,
            kind,
        });
        blank_before = false;
    }
    lines
}

/// A raw line with invisible characters dropped and every run of spaces (non-breaking
/// ones and tabs too) made one space, trimmed; and whether it was indented by two spaces.
fn normalise(raw: &str) -> (String, bool) {
    let mut text = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars().filter(|c| !INVISIBLE.contains(c)) {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !text.is_empty() {
                text.push(' ');
            }
            space = false;
            text.push(c);
        }
    }
    // Only spaces and the characters that become them count as indentation.
    let indented = raw
        .chars()
        .filter(|c| !INVISIBLE.contains(c))
        .take(2)
        .filter(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t'))
        .count()
        == 2;
    (text, indented)
}

fn judge(text: &str, rules: &Rules) -> Kind {
    if let Some(m) = rules.marker(text) {
        return Kind::Marker(m);
    }
    if let Some(c) = SOURCE.captures(text) {
        let value = c[1].trim().to_string();
        if is_citation(&value) {
            return Kind::Source(value);
        }
    }
    if let Some(src) = source_lead(text) {
        return Kind::Source(src);
    }
    if let Some(found) = find_dateline(text) {
        return Kind::Dateline(found);
    }
    if let Some(kind) = meta_line(text, rules) {
        return kind;
    }
    if is_relative_time(text) {
        return Kind::Timestamp;
    }
    if let Some(b) = byline(text, rules).or_else(|| name_glued_to_date(text, rules)) {
        return b;
    }
    if URL_LINE.is_match(text) {
        return Kind::Url;
    }
    Kind::Text
}

/// The source a "… appeared in X" or "originally published at URL" line names: a URL or
/// a short proper name ("The Mirror"), never a phrase ("appeared in court").
fn source_lead(text: &str) -> Option<String> {
    if word_count(text) > 16 {
        return None;
    }
    let src = SOURCE_LEAD.captures(text)?.name("src")?.as_str().trim();
    let src = src.strip_prefix("the ").unwrap_or(src);
    let url = src.contains("://") || src.starts_with("www.");
    (url || is_proper_name(src)).then(|| src.to_string())
}

/// A source worth recording: a URL, or a page title with its site ("… | The Guardian"),
/// not a figure's footnote ("Source: ONS").
fn is_citation(value: &str) -> bool {
    value.contains("://")
        || value.starts_with("www.")
        || value.contains(" | ")
        || value.split_whitespace().count() >= 6
}

fn byline(text: &str, rules: &Rules) -> Option<Kind> {
    let c = BYLINE.captures(text)?;
    let rest = c.get(1)?.as_str();
    let date = find_date(rest);
    let mut name = rest
        .split([',', '|', '•', '·', '(', '–', '—', '@'])
        .next()?
        .split(" - ")
        .next()?
        .split(" on ")
        .next()?
        .split(" at ")
        .next()?
        .trim();
    // "By Umair Irfan Updated Nov 13, 2019": the name ends where the date's lead begins.
    for lead in [
        " Updated",
        " Published",
        " Posted",
        " UPDATED",
        " PUBLISHED",
    ] {
        name = name.split(lead).next().unwrap_or(name).trim();
    }
    let name = shouted_name(name, rules).unwrap_or(name);
    is_names(name, rules).then(|| Kind::Byline(name.to_string(), date))
}

/// "JENNIFER WILLIAMS Staff Writer": a name in capitals before a role that is not; the
/// change of case is where the name ends.
fn shouted_name<'a>(text: &'a str, rules: &Rules) -> Option<&'a str> {
    let shouted = |w: &str| !w.chars().any(char::is_lowercase);
    let words: Vec<&str> = text.split_whitespace().collect();
    let last = words.last()?.to_lowercase();
    let run = words.iter().take_while(|w| shouted(w)).count();
    if run < 2 || run == words.len() || !rules.roles.contains(&last) {
        return None;
    }
    let end = text.find(words[run])?;
    Some(text[..end].trim_end())
}

/// "Anna Wise28 March 2024": a byline's name and date printed in two boxes that the paste
/// glued together. The glue (a lower-case letter, then a digit) is what marks it: "Anna
/// Wise 28 March 2024" with a space is as likely a commenter's line.
fn name_glued_to_date(text: &str, rules: &Rules) -> Option<Kind> {
    let bytes = text.as_bytes();
    let at = (1..bytes.len())
        .find(|&k| bytes[k].is_ascii_digit() && bytes[k - 1].is_ascii_lowercase())?;
    let (name, rest) = text.split_at(at);
    let found = find_dateline(rest)?;
    is_name(name, rules).then(|| Kind::Byline(name.to_string(), Some(found)))
}

/// One name, or two or three joined by "and" ("Lia Eustachewich and Yaron Steinbuch").
fn is_names(text: &str, rules: &Rules) -> bool {
    let names: Vec<&str> = text.split(" and ").collect();
    names.len() <= 3
        && names
            .iter()
            .all(|n| is_name(n.trim_end_matches(','), rules))
}

/// A post's meta line, in parts: "Posted on June 12, 2018 by Sam Pellow", "Published:
/// March 2019 | Categories: News", "Published: 2 Oct 2019 · Modified: … by Beth · 2 Comments".
/// Every part must be a date (with an author after "by"), chrome or a comment count; the
/// first date is the page's.
fn meta_line(text: &str, rules: &Rules) -> Option<Kind> {
    let mut date = None;
    let mut name = None;
    let parts: Vec<&str> = text
        .split(['·', '|', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // A line in one part was judged a marker or not already, by [`judge`].
    let judged = parts.len() == 1;
    for part in parts {
        // "… | June 23rd, 2011 | by Melanie Newman": "by" may open its own part.
        let spaced = format!(" {part}").replacen(" By ", " by ", 1);
        let (when, by) = match spaced.rsplit_once(" by ") {
            Some((w, n)) if is_name(n.trim(), rules) => (w.trim(), Some(n.trim().to_string())),
            _ => (part, None),
        };
        if when.is_empty() {
            name = name.or(by);
            continue;
        }
        match find_dateline(when) {
            Some(found) => {
                date = date.or(Some(found));
                name = name.or(by);
            }
            None if !judged && rules.marker(part).is_some() => {}
            // "Jane Smith | Published 2 June 2011": a name beside the date.
            None if name.is_none() && is_name(part, rules) => name = Some(part.to_string()),
            // "Bureau of Investigative Journalism | June 23rd, 2011 | by …": the outlet.
            None if !judged && is_proper_name(part) => {}
            None => return None,
        }
    }
    let date = date?;
    Some(match name {
        Some(n) => Kind::Byline(n, Some(date)),
        None => Kind::Dateline(date),
    })
}

/// "Bureau of Investigative Journalism": a short name of capitalised words.
fn is_proper_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) || ["of", "and", "for", "the", "&"].contains(w)
        })
}

/// "Jane Smith", "Andy", "rich_w": how people are named on bylines and in comment threads.
pub fn is_name(text: &str, rules: &Rules) -> bool {
    if text.len() > 40 {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    if words.len() == 1 {
        let w = words[0];
        let handle = w.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c))
            && w.chars().any(char::is_alphabetic);
        return handle
            && !rules.section_labels.contains(&w.to_lowercase())
            && !rules.stopwords.contains(w)
            && !w.chars().all(|c| c.is_uppercase());
    }
    let particles = [
        "de", "van", "von", "der", "da", "di", "le", "la", "bin", "al", "du", "st",
    ];
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        (first.is_uppercase()
            && w.chars()
                .skip(1)
                .all(|c| c.is_alphabetic() || "'’-.".contains(c)))
            || particles.contains(&w.to_lowercase().as_str())
    }) && !words.iter().any(|w| rules.stopwords.contains(*w))
}

/// Ends as a sentence does: "… said.", "… it?", "… out.”"
pub fn ends_sentence(text: &str) -> bool {
    let mut rev = text.chars().rev();
    match rev.next() {
        Some('.' | '!' | '?' | '…' | ':' | ';') => true,
        Some('"' | '”' | '’' | '\'' | ')' | ']') => {
            matches!(rev.next(), Some('.' | '!' | '?' | '…' | ','))
        }
        _ => false,
    }
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Running text rather than a heading, label or link.
pub fn is_prose(text: &str) -> bool {
    let words = word_count(text);
    (words >= 8 && ends_sentence(text)) || words >= 30
}

/// "Nadia Okafor Social affairs correspondent": a name, then the writer's role.
pub(super) fn name_before_role(text: &str, rules: &Rules) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let last = words.last()?.to_lowercase();
    if words.len() < 3 || words.len() > 8 || !rules.roles.contains(&last) {
        return None;
    }
    (2..=3.min(words.len() - 1)).rev().find_map(|n| {
        let name = words[..n].join(" ");
        is_name(&name, rules).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    fn rules() -> Rules {
        Rules::new(&Config::example_at(Path::new(".")))
    }

    #[test]
    fn kinds_of_lines() {
        let r = rules();
        let kinds: Vec<Kind> = split(
            "Express & Star\n\nBy Jane Smith, Health Correspondent\nTue 16 Jul 2019\n\u{a0}\nSource: A long story about cuts | Politics | The Guardian\nSource: ONS\nhttps://example.org/a\n3 hours ago",
            &r,
        )
        .into_iter()
        .map(|l| l.kind)
        .collect();
        assert_eq!(kinds[0], Kind::Text);
        assert!(matches!(&kinds[1], Kind::Byline(n, None) if n == "Jane Smith"));
        assert!(matches!(kinds[2], Kind::Dateline(_)));
        let kind = |t: &str| split(t, &r).remove(0).kind;
        assert!(
            matches!(kind("By Umair Irfan Updated Nov 13, 2019, 10:28am EST"), Kind::Byline(n, Some(_)) if n == "Umair Irfan")
        );
        assert!(
            matches!(kind("By Lia Eustachewich and Yaron Steinbuch"), Kind::Byline(n, None) if n == "Lia Eustachewich and Yaron Steinbuch")
        );
        assert!(
            matches!(kind("By Chris Pokorny@DawgsByNature Nov 18, 2019, 11:47am EST"), Kind::Byline(n, Some(_)) if n == "Chris Pokorny")
        );
        assert_eq!(kinds[3], Kind::Separator);
        assert!(matches!(&kinds[4], Kind::Source(s) if s.ends_with("The Guardian")));
        assert_eq!(kinds[5], Kind::Text);
        assert_eq!(kinds[6], Kind::Url);
        assert_eq!(kinds[7], Kind::Timestamp);
        let kind = |t: &str| split(t, &r).remove(0).kind;
        assert_eq!(
            kind("The following appeared in The Mirror on 29th November:"),
            Kind::Source("The Mirror".into())
        );
        assert_eq!(
            kind("This article was originally published at https://example.org/a"),
            Kind::Source("https://example.org/a".into())
        );
        assert_eq!(kind("He first appeared in court on Monday."), Kind::Text);
    }

    #[test]
    fn composite_meta_lines() {
        let r = rules();
        let kind = |t: &str| split(t, &r).remove(0).kind;
        assert!(
            matches!(kind("Anna Wise28 March 2024"), Kind::Byline(n, Some(_)) if n == "Anna Wise")
        );
        assert!(
            matches!(kind("By Jane Smith | Published 3 March 2019"), Kind::Byline(n, Some(_)) if n == "Jane Smith")
        );
        assert!(
            matches!(kind("By JENNIFER WILLIAMS Staff Writer"), Kind::Byline(n, None) if n == "JENNIFER WILLIAMS")
        );
        assert_eq!(kind("Covid19 was 2020"), Kind::Text);
        // Issue 16: an outlet, a date and "by" in parts of their own; "Posted by:".
        assert!(
            matches!(kind("Bureau of Investigative Journalism | June 23rd, 2011 | by Melanie Newman"), Kind::Byline(n, Some(_)) if n == "Melanie Newman")
        );
        assert!(
            matches!(kind("Posted by: jreeveseastwood - Posted on:"), Kind::Byline(n, None) if n == "jreeveseastwood")
        );
        assert!(
            matches!(kind("Posted on June 12, 2018 by Sam Pellow"), Kind::Byline(n, Some(_)) if n == "Sam Pellow")
        );
        assert!(matches!(
            kind("Published: March 2019 | Categories: Health, News"),
            Kind::Dateline(_)
        ));
        assert_eq!(
            kind("March 2019 | a sentence that is not chrome at all"),
            Kind::Text
        );
    }

    #[test]
    fn a_name_beside_a_date_is_a_byline() {
        let r = rules();
        let kinds: Vec<Kind> = split(
            "Jane Smith | Published 2 June 2011\nNews | 3 March 2018",
            &r,
        )
        .into_iter()
        .map(|l| l.kind)
        .collect();
        assert!(
            matches!(&kinds[0], Kind::Byline(n, Some(_)) if n == "Jane Smith"),
            "{kinds:?}"
        );
        assert!(!matches!(&kinds[1], Kind::Byline(..)), "{kinds:?}");
    }

    #[test]
    fn names_and_sentences() {
        let r = rules();
        assert!(is_name("Andy", &r));
        assert!(is_name("rich_w", &r));
        assert!(is_name("Jane de la Cruz", &r));
        assert!(!is_name("Retired committee member", &r));
        assert!(!is_name("Opinion", &r));
        // Issue 16: labels above an article's text are no author.
        assert!(!is_name("Abstract", &r));
        assert!(!is_name("Excerpt", &r));
        assert!(!is_name("The Guardian view on cuts today", &r));
        assert!(ends_sentence("He said “no.”"));
        assert!(!ends_sentence(
            "GPs to arrange coordination? Pfft. (Updated)"
        ));
        assert!(is_prose(
            "This is a sentence with more than eight words in it."
        ));
        assert!(!is_prose(
            "60,000 sign Staffordshire cancer care petition to stop 'backdoor privatisation'"
        ));
    }
}
