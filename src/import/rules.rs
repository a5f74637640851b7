//! The importer's knowledge of web page chrome, compiled once per run from the built-in
//! `rules.toml` and book.toml's `[import]` additions.

use std::collections::HashSet;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use crate::config::Config;

const BUILT_IN: &str = include_str!("rules.toml");

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawRules {
    chrome_lines: Vec<String>,
    chrome_patterns: Vec<String>,
    comment_start: Vec<String>,
    comment_form: Vec<String>,
    article_end: Vec<String>,
    comment_author: Vec<String>,
    tag_vocabulary: Vec<String>,
    tag_stopwords: Vec<String>,
    section_labels: Vec<String>,
    roles: Vec<String>,
    forum_post_start: Vec<String>,
    forum_meta: Vec<String>,
    forum_thread_meta: Vec<String>,
    publication_lead: Vec<String>,
    outlet_citation: Vec<String>,
    notice_words: Vec<String>,
}

/// What a line of a pasted page is, judged by the line alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// The comment form or page footer: nothing after it is kept.
    CommentForm,
    /// The comment section begins.
    CommentStart,
    /// The article ends (share buttons, author box, related links).
    ArticleEnd(EndKind),
    /// Navigation, buttons, ads, cookie notices.
    Chrome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndKind {
    Share,
    AuthorBox,
    Related,
    PostedBy,
}

pub struct Rules {
    chrome_lines: HashSet<String>,
    /// The most characters a chrome line has, less trailing dots and colons.
    longest_chrome_line: usize,
    chrome: RegexSet,
    /// Chrome patterns of the form `^.{0,N}REST`, as REST and N: see [`near_start`].
    chrome_near_start: Vec<(Regex, usize)>,
    /// Every REST at once: lines where none occurs need no search for where it starts.
    any_near_start: RegexSet,
    extra_chrome: Vec<Regex>,
    comment_start: RegexSet,
    comment_form: RegexSet,
    article_end: Vec<Regex>,
    any_article_end: RegexSet,
    comment_author: Vec<Regex>,
    pub vocabulary: Vec<String>,
    pub known_names: super::known_names::KnownNames,
    pub stopwords: HashSet<String>,
    pub section_labels: HashSet<String>,
    /// Last words of a writer's role: "Health Correspondent", "Sports Reporter".
    pub roles: HashSet<String>,
    forum_post_start: RegexSet,
    forum_meta: RegexSet,
    forum_thread_meta: RegexSet,
    publication_lead: Vec<Regex>,
    outlet_citation: Vec<Regex>,
    /// Any word of a banner, notice or offer (see rules.toml's `notice-words`).
    notice: Regex,
}

impl Rules {
    pub fn new(config: &Config) -> Rules {
        let raw: RawRules =
            toml::from_str(BUILT_IN).unwrap_or_else(|e| unreachable!("built-in rules.toml: {e}"));
        let set = |patterns: &[String]| {
            // A large lazy-DFA cache: with a small one, many case-insensitive patterns
            // make the engine fall back to its slowest mode on every line.
            regex::RegexSetBuilder::new(
                patterns
                    .iter()
                    .map(|p| format!("(?i){}", without_open_tail(p))),
            )
            .dfa_size_limit(64 << 20)
            .build()
            .unwrap_or_else(|e| unreachable!("built-in rule: {e}"))
        };
        let list = |patterns: &[String]| -> Vec<Regex> {
            patterns
                .iter()
                .map(|p| {
                    regex::RegexBuilder::new(&format!("(?i){}", without_open_tail(p)))
                        .dfa_size_limit(16 << 20)
                        .build()
                        .unwrap_or_else(|e| unreachable!("built-in rule: {e}"))
                })
                .collect()
        };
        let mut chrome_lines: HashSet<String> =
            raw.chrome_lines.iter().map(|l| l.to_lowercase()).collect();
        chrome_lines.extend(config.import.chrome_lines.iter().cloned());
        let mut vocabulary = raw.tag_vocabulary;
        vocabulary.extend(config.tags.vocabulary.iter().cloned());
        let (bounded, anchored): (Vec<_>, Vec<_>) = raw
            .chrome_patterns
            .iter()
            .partition(|p| near_start(p).is_some());
        let anchored: Vec<String> = anchored.into_iter().cloned().collect();
        let rests: Vec<(String, usize)> = bounded
            .iter()
            .filter_map(|p| near_start(p))
            .map(|(rest, n)| (rest.to_string(), n))
            .collect();
        let rest_patterns: Vec<String> = rests.iter().map(|(rest, _)| rest.clone()).collect();
        let chrome_near_start = list(&rest_patterns)
            .into_iter()
            .zip(rests.iter().map(|r| r.1));
        let known_names = super::known_names::KnownNames::new(&vocabulary, &config.tags);
        Rules {
            known_names,
            longest_chrome_line: chrome_lines
                .iter()
                .map(|l| l.trim_end_matches([':', '.']).chars().count())
                .max()
                .unwrap_or(0),
            chrome_lines,
            chrome: set(&anchored),
            chrome_near_start: chrome_near_start.collect(),
            any_near_start: set(&rest_patterns),
            extra_chrome: config.import.chrome_patterns.clone(),
            comment_start: set(&raw.comment_start),
            comment_form: set(&raw.comment_form),
            article_end: list(&raw.article_end),
            any_article_end: set(&raw.article_end),
            comment_author: list(&raw.comment_author),
            vocabulary,
            stopwords: raw.tag_stopwords.into_iter().collect(),
            section_labels: raw.section_labels.into_iter().collect(),
            roles: raw.roles.into_iter().collect(),
            forum_post_start: set(&raw.forum_post_start),
            forum_meta: set(&raw.forum_meta),
            forum_thread_meta: set(&raw.forum_thread_meta),
            publication_lead: list(&raw.publication_lead),
            outlet_citation: list(&raw.outlet_citation),
            notice: notice_regex(&raw.notice_words),
        }
    }

    /// The marker a line is, if any. Form and comment markers win over plain chrome, since
    /// "Leave a Reply" is both.
    pub fn marker(&self, line: &str) -> Option<Marker> {
        if self.comment_form.is_match(line) {
            return Some(Marker::CommentForm);
        }
        if self.comment_start.is_match(line) {
            return Some(Marker::CommentStart);
        }
        if self.any_article_end.is_match(line) {
            let i = self.article_end.iter().position(|r| r.is_match(line));
            let kind = [
                EndKind::Share,
                EndKind::AuthorBox,
                EndKind::AuthorBox,
                EndKind::PostedBy,
            ]
            .get(i.unwrap_or(usize::MAX))
            .copied()
            .unwrap_or(EndKind::Related);
            return Some(Marker::ArticleEnd(kind));
        }
        if self.is_chrome(line) {
            return Some(Marker::Chrome);
        }
        None
    }

    fn is_chrome(&self, line: &str) -> bool {
        self.is_chrome_line(line)
            || self.chrome.is_match(line)
            || (self.any_near_start.is_match(line)
                && self.chrome_near_start.iter().any(|(rest, n)| {
                    rest.find(line)
                        .is_some_and(|m| line[..m.start()].chars().count() <= *n)
                }))
            || self.extra_chrome.iter().any(|r| r.is_match(line))
            || is_breadcrumb(line)
            || is_nav_bar(line)
    }

    /// One of the whole lines of chrome, ignoring case and trailing dots and colons.
    fn is_chrome_line(&self, line: &str) -> bool {
        // Lower-casing never makes a line shorter in characters, so a line longer than
        // every chrome line need not be lower-cased to be ruled out.
        let core = line.trim_end_matches([':', '.']);
        if core.chars().count() > self.longest_chrome_line {
            return false;
        }
        let lower = line.to_lowercase();
        self.chrome_lines
            .contains(lower.trim_end_matches([':', '.']).trim())
            || self.chrome_lines.contains(&lower)
    }

    /// A banner, notice, offer or form field: "We use cookies…", "Subscribe now",
    /// "Salary: £25,000", "Something went wrong". Never a headline.
    pub fn is_notice(&self, line: &str) -> bool {
        self.notice.is_match(line)
    }

    /// A button or other one-word piece of chrome ("Reply", "Quote", "Top").
    pub fn is_button(&self, line: &str) -> bool {
        self.chrome_lines.contains(&line.to_lowercase())
    }

    /// A line that opens a forum post: a post number, "Post by X »", a member's join date.
    pub fn is_post_start(&self, line: &str) -> bool {
        self.forum_post_start.is_match(line)
    }

    /// A line of a forum post's furniture: the member's title and counts, buttons, quotes.
    pub fn is_forum_meta(&self, line: &str) -> bool {
        self.forum_meta.is_match(line)
    }

    /// A line of a forum thread's own furniture above the first post ("Thread starter X").
    pub fn is_thread_meta(&self, line: &str) -> bool {
        self.forum_thread_meta.is_match(line)
    }

    /// "Published in" (`Some(None)`: the name is on the next line) or "Published in X".
    pub fn publication_lead(&self, line: &str) -> Option<Option<String>> {
        let c = self
            .publication_lead
            .iter()
            .find_map(|r| r.captures(line))?;
        Some(c.name("name").map(|m| m.as_str().trim().to_string()))
    }

    /// The outlet a sentence cites as itself ("… told Disability News Service (DNS)").
    pub fn outlet_citation<'a>(&self, line: &'a str) -> Option<&'a str> {
        self.outlet_citation
            .iter()
            .find_map(|r| r.captures(line)?.name("name"))
            // "… from Evening Standard. Read our privacy notice": a sentence ends the name.
            .and_then(|m| m.as_str().split(". ").next())
            .map(|name| name.trim_end_matches('.'))
    }

    /// The commenter named by an "X says:" or "Post by X »" line.
    pub fn comment_author(&self, line: &str) -> Option<String> {
        self.comment_author.iter().find_map(|r| {
            r.captures(line)
                .and_then(|c| c.name("name"))
                .map(|m| m.as_str().trim().to_string())
                .filter(|n| n.split_whitespace().count() <= 4)
        })
    }
}

/// "Home >> News >> Garry Jones's blog", "News › Politics › Health".
pub fn is_breadcrumb(line: &str) -> bool {
    ["»", ">>", "›", "‹", " > "].iter().any(|sep| {
        line.contains(sep) && {
            let mut parts = line.split(sep).map(str::trim);
            parts.clone().count() >= 3
                && parts.all(|p| !p.is_empty() && p.split_whitespace().count() <= 5)
        }
    })
}

/// "News | Sport | Business | Opinion": several short items in a row.
/// The first item may carry the masthead before it ("THE ECHO  News | Politics | …").
fn is_nav_bar(line: &str) -> bool {
    ['|', '•', '·'].iter().any(|&sep| {
        line.contains(sep) && {
            let mut parts = line.split(sep).map(str::trim);
            parts.clone().count() >= 4
                && parts
                    .next()
                    .is_some_and(|first| first.split_whitespace().count() <= 8)
                && parts.all(|p| p.split_whitespace().count() <= 3)
        }
    })
}

/// `X.*$` -> `X`. Lines hold no newline, so `.*$` matches whatever is left of any line;
/// but a regex engine cannot know that, and runs to the end of every line that starts
/// like X (or, for a pattern anchored only at the end, reads the whole line backwards).
/// One case-insensitive regex for a list of words and phrases, each matched whole.
fn notice_regex(words: &[String]) -> Regex {
    let alternatives: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    regex::RegexBuilder::new(&format!(
        r"(?i)(?:^|\W)(?:{})(?:\W|$)",
        alternatives.join("|")
    ))
    .build()
    .unwrap_or_else(|e| unreachable!("built-in notice words: {e}"))
}

fn without_open_tail(pattern: &str) -> &str {
    match pattern.strip_suffix(".*$") {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => pattern,
    }
}

/// `^.{0,N}REST` -> (REST, N). Searching for REST and checking that it starts within N
/// characters is the same test, but a lazy DFA must unroll `.{0,N}` into N copies of
/// every state, which made these few patterns most of an import's time.
fn near_start(pattern: &str) -> Option<(&str, usize)> {
    let rest = pattern.strip_prefix("^.{0,")?;
    let (n, rest) = rest.split_once('}')?;
    Some((rest, n.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn rules() -> Rules {
        Rules::new(&Config::example_at(Path::new(".")))
    }

    #[test]
    fn markers_of_common_platforms() {
        let r = rules();
        assert_eq!(r.marker("Leave a Reply"), Some(Marker::CommentForm));
        assert_eq!(
            r.marker("2 thoughts on “GPs to arrange”"),
            Some(Marker::CommentStart)
        );
        assert_eq!(r.marker("Comments (12)"), Some(Marker::CommentStart));
        assert_eq!(r.marker("14 Comments"), Some(Marker::CommentStart));
        assert_eq!(
            r.marker("Published by"),
            Some(Marker::ArticleEnd(EndKind::AuthorBox))
        );
        assert_eq!(
            r.marker("Share this:"),
            Some(Marker::ArticleEnd(EndKind::Share))
        );
        assert_eq!(
            r.marker("Posted by Jane at 10:31"),
            Some(Marker::ArticleEnd(EndKind::PostedBy))
        );
        assert_eq!(
            r.marker("Related"),
            Some(Marker::ArticleEnd(EndKind::Related))
        );
        assert_eq!(r.marker("Advertisement"), Some(Marker::Chrome));
        assert_eq!(r.marker("Top Bottom"), Some(Marker::Chrome));
        assert_eq!(
            r.marker("Home >> News >> Garry Jones's blog"),
            Some(Marker::Chrome)
        );
        assert_eq!(
            r.marker("You are commenting using your Twitter account. Log Out / Change )"),
            Some(Marker::Chrome)
        );
        assert_eq!(
            r.marker("THE NORTHERN ECHO  News | Politics | Health | Sign in"),
            Some(Marker::Chrome)
        );
        assert_eq!(
            r.marker("News | Sport | Business | Opinion"),
            Some(Marker::Chrome)
        );
        assert_eq!(r.marker("Reply • Share ›"), Some(Marker::Chrome));
        assert_eq!(r.marker("Paula Peters is exactly right."), None);
        assert_eq!(
            r.marker("Friday, November 22, 2019 | Kettleby 9°C"),
            Some(Marker::Chrome)
        );
        assert_eq!(r.marker("Return to “Sanctions”"), Some(Marker::CommentForm));
        assert_eq!(
            r.marker("You must log in or register to reply here."),
            Some(Marker::CommentForm)
        );
        assert!(r.is_post_start("#12") && r.is_post_start("Join Date: Mar 2009"));
        assert!(
            r.is_forum_meta("Well-known member") && r.is_forum_meta("Old 03-14-2018, 09:41 PM")
        );
        assert!(!r.is_forum_meta("Rooms are our biggest problem too."));
        assert_eq!(
            r.marker("Back to work schemes have failed, the report says."),
            None
        );
    }

    #[test]
    fn comment_authors() {
        let r = rules();
        // Issue 16: Blogger's "Name said…" and comment counts as markers.
        assert_eq!(
            r.comment_author("D.B. Echo said…").as_deref(),
            Some("D.B. Echo")
        );
        assert_eq!(
            r.marker("9 Comments leave one →"),
            Some(Marker::CommentStart)
        );
        assert_eq!(r.marker("33 Responses"), Some(Marker::CommentStart));
        assert!(r.is_notice("We use cookies to improve your experience"));
        assert!(!r.is_notice("Council cuts the cost of school meals"));
        assert!(r.is_notice("Change your current location »"));
        // Picture credits and the page's notices are chrome.
        for line in [
            "Stefan Rousseau/PA Wire/PA Images",
            "The club on a walk in the woods. Photo by Paul Mitchell",
            "Image result for universal credit journal",
            "Your browser appears to have cookies disabled. Please enable cookies.",
        ] {
            assert_eq!(r.marker(line), Some(Marker::Chrome), "{line}");
        }
        assert_eq!(r.marker("The photograph by the river was taken in 1904, the archive says, and it shows the mill."), None);
        // Issue 19: credits and captions on a line of their own, comment action bars in
        // any order; and the sentences that merely start alike are kept.
        for line in [
            "Photograph: Stefan Rousseau/PA",
            "Image caption Carers protested outside the town hall",
            "Image source, Getty Images",
            "Like (24) Reply",
            "Reply Like (24)",
            "Like Reply 3y",
            "Reply · Like · 2 hours ago",
            "Reply ↓",
            "Reply to Jane Smith",
        ] {
            assert_eq!(r.marker(line), Some(Marker::Chrome), "{line}");
        }
        for line in [
            "Photograph: the council's own, taken in 1904. It shows the mill.",
            "Reply to the consultation by 4 May, the council says, or lose the right to object.",
            "Like many carers, she has had no respite for a year.",
            "Share prices fell 24 per cent.",
        ] {
            assert_eq!(r.marker(line), None, "{line}");
        }
        assert!(r.is_notice("Media playback is unsupported on your device"));
        assert_eq!(
            r.comment_author("Mike Sivier says:").as_deref(),
            Some("Mike Sivier")
        );
        assert_eq!(
            r.comment_author("Post by bluebird » Tue Mar 06, 2018 9:15 pm")
                .as_deref(),
            Some("bluebird")
        );
        assert_eq!(
            r.comment_author(
                "The minister says the figures are wrong and that he will not resign today"
            ),
            None
        );
    }
}
