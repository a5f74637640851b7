//! Reader responses under an article: which lines name a commenter, which are a
//! comment's furniture (times, buttons), and how the rest group into responses.

use super::dates::{find_date, is_relative_time};
use super::lines::{ends_sentence, is_name, is_prose, word_count, Kind, Line};
use super::parts::{block, Block, Parts, Response};
use super::rules::Rules;
use crate::date::PartialDate;

pub(super) fn comment_line(
    line: &Line,
    next: Option<&Line>,
    rules: &Rules,
    thread: &mut Thread,
    parts: &mut Parts,
) {
    let drop = |parts: &mut Parts, why| parts.dropped.push((line.number, line.text.clone(), why));
    match &line.kind {
        Kind::Dateline(found) => {
            thread.meta(None);
            if !found.updated {
                thread.time(found.date);
            }
            drop(parts, "comment timestamp");
        }
        Kind::Timestamp => {
            thread.meta(None);
            drop(parts, "comment timestamp");
        }
        Kind::Separator => thread.meta(None),
        Kind::Byline(name, found) => {
            thread.meta(Some(name.clone()));
            // "Anna Wise28 March 2024" is a commenter and the comment's date.
            if let Some(found) = found.filter(|f| !f.updated) {
                thread.time(found.date);
            }
            drop(parts, "commenter");
        }
        _ => {
            if let Some(name) = rules.comment_author(&line.text) {
                thread.meta(Some(name));
                drop(parts, "commenter");
                return;
            }
            if let Some((name, date)) = name_with_time(&line.text, rules) {
                thread.meta(Some(name));
                if let Some(date) = date {
                    thread.time(date);
                }
                drop(parts, "commenter");
                return;
            }
            // A name just above a timestamp is the commenter's.
            let next_is_time =
                next.is_some_and(|n| matches!(n.kind, Kind::Dateline(_) | Kind::Timestamp));
            if next_is_time && is_name(&line.text, rules) {
                thread.meta(Some(line.text.clone()));
                drop(parts, "commenter");
                return;
            }
            thread.push(line);
        }
    }
}

/// "Gordon Beale • 3 years ago", "Ruth Ellery10 March 2018 at 13:05": a commenter's name
/// and the comment's time on one line (Disqus, Blogger): the commenter, and the day when
/// the time is a date rather than a relative time.
pub(super) fn name_with_time(text: &str, rules: &Rules) -> Option<(String, Option<PartialDate>)> {
    const SEPARATORS: &[char] = &['•', '·', '|', '-', '–', '—', ',', ' '];
    if text.chars().count() > 100 {
        return None;
    }
    text.char_indices().skip(1).find_map(|(k, _)| {
        let (head, rest) = text.split_at(k);
        let rest = rest.trim_start_matches(SEPARATORS);
        let date = find_date(rest).filter(|f| f.dateline).map(|f| f.date);
        let is_time = !rest.is_empty() && (is_relative_time(rest) || date.is_some());
        let head = head.trim_end_matches(SEPARATORS);
        (is_time && is_name(head, rules)).then(|| (head.to_string(), date))
    })
}

/// Reader responses being gathered: lines, and the meta lines (names, times, buttons) that
/// stand between one response and the next.
#[derive(Default)]
pub(super) struct Thread {
    items: Vec<Item>,
    /// A comment heading, a source line, an author box or a "Posted by" line opened the
    /// thread, not only a share bar.
    pub(super) headed: bool,
}

enum Item {
    Meta(Option<String>),
    /// A comment's posting day.
    Time(PartialDate),
    Text(Line),
}

impl Thread {
    pub(super) fn meta(&mut self, author: Option<String>) {
        self.items.push(Item::Meta(author));
    }

    pub(super) fn time(&mut self, date: PartialDate) {
        self.items.push(Item::Time(date));
    }

    pub(super) fn push(&mut self, line: &Line) {
        self.items.push(Item::Text(line.clone()));
    }

    /// Is there any sign of a comment thread: a heading above it or a named commenter?
    /// Without one, the lines after an article's share bar are the page's, not readers'.
    pub(super) fn is_evident(&self) -> bool {
        let named = self.items.iter().any(|i| matches!(i, Item::Meta(Some(_))));
        // Under a heading, a thread with no commenter's name still has a sentence in it:
        // "Comments" over a footer's links is no thread.
        let says_something = || {
            self.items
                .iter()
                .any(|i| matches!(i, Item::Text(l) if is_prose(&l.text)))
        };
        named || (self.headed && says_something())
    }

    /// The lines gathered, for a thread that is no thread.
    pub(super) fn into_lines(self) -> Vec<Line> {
        self.items
            .into_iter()
            .filter_map(|i| match i {
                Item::Text(l) => Some(l),
                Item::Meta(_) | Item::Time(_) => None,
            })
            .collect()
    }

    /// Splits the lines into responses. Meta lines separate responses where the page has
    /// them. Where it has none (a paste with the thread's furniture already stripped), a
    /// page that breaks paragraphs with blank lines breaks responses with single line
    /// breaks; one that has no blank lines gives each line its own response.
    pub(super) fn finish(self, dropped: &mut Vec<(usize, String, &'static str)>) -> Vec<Response> {
        let texts: Vec<&Line> = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(l) => Some(l),
                Item::Meta(_) | Item::Time(_) => None,
            })
            .collect();
        let has_meta_between = {
            let first_text = self.items.iter().position(|i| matches!(i, Item::Text(_)));
            let last_text = self.items.iter().rposition(|i| matches!(i, Item::Text(_)));
            match (first_text, last_text) {
                (Some(a), Some(b)) => self.items[a..b]
                    .iter()
                    .any(|i| matches!(i, Item::Meta(_) | Item::Time(_))),
                _ => false,
            }
        };
        let paragraphs_by_blank = texts.iter().skip(1).any(|l| l.blank_before)
            && texts.iter().skip(1).any(|l| !l.blank_before);
        let mut responses: Vec<Response> = Vec::new();
        let mut sources: Vec<Vec<(usize, String)>> = Vec::new();
        let mut open = false;
        let mut pending_author: Option<String> = None;
        // A date counts only between a commenter's name and their text (a date after the
        // text, or with no name, could be anyone's).
        let mut pending_date: Option<PartialDate> = None;
        for item in self.items {
            match item {
                Item::Time(date) => {
                    if has_meta_between {
                        open = false;
                    }
                    if pending_author.is_some() {
                        pending_date = Some(date);
                    }
                }
                Item::Meta(author) => {
                    if has_meta_between {
                        open = false;
                    }
                    if author.is_some() {
                        pending_author = author;
                        pending_date = None;
                        open = false;
                    }
                }
                Item::Text(line) => {
                    let starts_new = !open
                        || (!has_meta_between && (!paragraphs_by_blank || !line.blank_before));
                    if starts_new {
                        let author = pending_author.take();
                        responses.push(Response {
                            date: pending_date.take().filter(|_| author.is_some()),
                            author,
                            reply_to: None,
                            blocks: Vec::new(),
                        });
                        sources.push(Vec::new());
                        open = true;
                    }
                    if let (Some(r), Some(from)) = (responses.last_mut(), sources.last_mut()) {
                        r.blocks.push(block(&line, true));
                        from.push((line.number, line.text));
                    }
                }
            }
        }
        let (start, end) = named_thread_span(&responses);
        let kept = responses.drain(start..end).collect();
        let after: Vec<_> = sources.drain(end..).collect();
        for (number, text) in sources.drain(..start).chain(after).flatten() {
            dropped.push((number, text, "around the comments"));
        }
        kept
    }
}

/// The responses that are comments. In a thread that names its commenters, unnamed text
/// before the first named comment that is only labels (the site's name, a sort menu), and
/// unnamed text after the last named comment (a sidebar, a footer), are page furniture.
fn named_thread_span(responses: &[Response]) -> (usize, usize) {
    let named = |r: &Response| r.author.is_some();
    let (Some(first), Some(last)) = (
        responses.iter().position(named),
        responses.iter().rposition(named),
    ) else {
        return (0, responses.len());
    };
    if first == last {
        return (0, responses.len());
    }
    let labels_only = responses[..first].iter().all(|r| {
        r.blocks.iter().all(|b| {
            let (Block::Para(t) | Block::Item(t) | Block::Numbered(_, t)) = b;
            !ends_sentence(t) && word_count(t) <= 6
        })
    });
    let start = if labels_only { first } else { 0 };
    let end = if responses[first..=last].iter().all(named) {
        last + 1
    } else {
        responses.len()
    };
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::import::lines::split;
    use std::path::Path;

    #[test]
    fn commenter_and_time_on_one_line() {
        let rules = Rules::new(&Config::example_at(Path::new(".")));
        let name = |t: &str| name_with_time(t, &rules);
        assert_eq!(
            name("Gordon Beale • 3 years ago"),
            Some(("Gordon Beale".to_string(), None))
        );
        assert_eq!(
            name("Ruth Ellery10 March 2018 at 13:05"),
            Some((
                "Ruth Ellery".to_string(),
                PartialDate::new(2018, Some(3), Some(10))
            ))
        );
        assert_eq!(name("The meeting is on 10 March 2018"), None);
    }

    #[test]
    fn furniture_around_a_named_thread_is_dropped() {
        let rules = Rules::new(&Config::example_at(Path::new(".")));
        let mut thread = Thread::default();
        let lines = split("Oldest first\nFirst comment here.\nSecond comment here.\nAbout the site\nA sidebar sentence about the author.", &rules);
        thread.push(&lines[0]);
        thread.meta(Some("ann".into()));
        thread.push(&lines[1]);
        thread.meta(Some("bob".into()));
        thread.push(&lines[2]);
        thread.meta(None);
        thread.push(&lines[3]);
        thread.push(&lines[4]);
        let mut dropped = Vec::new();
        let responses = thread.finish(&mut dropped);
        let authors: Vec<_> = responses.iter().map(|r| r.author.as_deref()).collect();
        assert_eq!(authors, [Some("ann"), Some("bob")]);
        assert_eq!(dropped.len(), 3);
    }
}
