//! The shape of a pasted page: masthead and navigation, headline, byline and dateline, the
//! article, then share, author, related and comment blocks, then the comment form and
//! footer. This module walks the judged lines once and says which part each belongs to.

use super::dates::FoundDate;
use super::lines::{ends_sentence, is_name, is_prose, word_count, Kind, Line};
use super::rules::{is_breadcrumb, EndKind, Marker, Rules};
use crate::date::PartialDate;

/// A block of Markdown-to-be: a paragraph or a list item, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(String),
    /// A bullet ("•", "-", "*") list item.
    Item(String),
    /// A numbered list item, with its number.
    Numbered(u32, String),
}

/// One reader comment or forum reply.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub author: Option<String>,
    pub blocks: Vec<Block>,
}

/// What the page is made of, once the chrome is set aside.
#[derive(Debug, Default)]
pub struct Parts {
    pub headline: Option<String>,
    /// A site or publication name printed above the headline.
    pub masthead: Option<String>,
    pub author: Option<String>,
    pub date: Option<PartialDate>,
    pub source: Option<String>,
    pub body: Vec<Block>,
    pub responses: Vec<Response>,
    /// Lines left out, with why (for `--explain`).
    pub dropped: Vec<(usize, String, &'static str)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Article,
    /// After the article: unmarked lines are readers' responses.
    After,
    AuthorBox(usize),
    Related,
    Comments,
    Closed,
}

/// Walks the lines of a page and sorts them into [`Parts`].
pub fn analyse(lines: &[Line], rules: &Rules) -> Parts {
    let mut parts = Parts::default();
    let body_start = header(lines, rules, &mut parts);
    let mut zone = Zone::Article;
    let mut thread = Thread::default();
    for (i, line) in lines.iter().enumerate().skip(body_start) {
        zone = step(zone, i, line, lines, rules, &mut parts, &mut thread);
    }
    parts.responses = thread.finish();
    parts
}

/// Finds the headline and what stands around it; returns where the article begins.
fn header(lines: &[Line], rules: &Rules, parts: &mut Parts) -> usize {
    let first_text = lines.iter().position(|l| l.kind == Kind::Text);
    // The first line of text may be a headline that ends like a sentence ("…, or not?").
    let first_text_may_be_headline = first_text
        .is_some_and(|i| word_count(&lines[i].text) <= 20 && !lines[i].text.ends_with('.'));
    let first_prose = lines
        .iter()
        .enumerate()
        .position(|(i, l)| {
            l.kind == Kind::Text
                && is_prose(&l.text)
                && !(first_text_may_be_headline && Some(i) == first_text)
        })
        .unwrap_or(lines.len());
    let candidates: Vec<usize> = (0..first_prose)
        .filter(|&i| lines[i].kind == Kind::Text)
        .collect();
    let headline_at = candidates
        .iter()
        .enumerate()
        .max_by(|(ra, &a), (rb, &b)| {
            let score = |rank: usize, i: usize| headline_score(rank, i, lines, rules);
            score(*ra, a)
                .partial_cmp(&score(*rb, b))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        })
        .map(|(_, &i)| i);
    let Some(h) = headline_at else {
        for line in &lines[..first_prose] {
            take_meta(line, parts, "before the article");
        }
        return first_prose;
    };
    let (headline, site) = split_site_suffix(&lines[h].text);
    parts.headline = Some(headline.clone());
    // A site named in a title bar ("Headline | Section | Site") is surer than a first line.
    let title_bar_site = || {
        lines[..h]
            .iter()
            .find_map(|l| match split_site_suffix(&l.text) {
                (head, site) if head == headline => site,
                _ => None,
            })
    };
    parts.masthead = site
        .or_else(title_bar_site)
        .or_else(|| masthead(&lines[..h], rules));
    for line in &lines[..h] {
        if parts.masthead.as_ref() != Some(&line.text) {
            take_meta(line, parts, "navigation above the headline");
        }
    }
    // Between the headline and the running text: bylines, datelines, an author's name and
    // role, or the article's first short lines (kept).
    let mut after_author = false;
    let mut body_from = first_prose;
    for (i, line) in lines.iter().enumerate().take(first_prose).skip(h + 1) {
        if line.kind != Kind::Text {
            take_meta(line, parts, "header");
            continue;
        }
        if line.text.eq_ignore_ascii_case(&headline) {
            parts
                .dropped
                .push((line.number, line.text.clone(), "headline repeated"));
        } else if parts.author.is_none() && is_name(&line.text, rules) {
            parts.author = Some(line.text.clone());
            after_author = true;
        } else if let Some(name) =
            name_before_role(&line.text, rules).filter(|_| parts.author.is_none())
        {
            parts.author = Some(name);
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
            after_author = true;
        } else if after_author && word_count(&line.text) <= 5 && !ends_sentence(&line.text) {
            parts
                .dropped
                .push((line.number, line.text.clone(), "author's role"));
        } else {
            body_from = body_from.min(i);
            break;
        }
    }
    body_from
}

/// How much a line looks like the page's headline. Signals: a headline's length; the page
/// repeats it (breadcrumb, title bar, "N thoughts on “…”", recent-posts list); a byline or
/// dateline stands next to it; it starts with a capital. Of two equal lines the later one
/// is the headline (the earlier is a menu item or the title bar).
fn headline_score(rank: usize, i: usize, lines: &[Line], rules: &Rules) -> f64 {
    let text = split_site_suffix(&lines[i].text).0;
    let words = word_count(&text);
    let mut score = match words {
        4..=15 => 10.0,
        16..=25 => 8.0,
        1..=3 => 3.0,
        _ => 1.0,
    };
    score -= 0.25 * rank as f64;
    if lines
        .iter()
        .enumerate()
        .any(|(j, l)| j != i && repeats(&l.text, &text))
    {
        score += 5.0;
    }
    let later_copy = lines[i + 1..]
        .iter()
        .take(40)
        .any(|l| split_site_suffix(&l.text).0.eq_ignore_ascii_case(&text));
    if later_copy {
        score -= 1.0;
    }
    if words >= 4 && next_to_byline(i, lines, rules) {
        score += 4.0;
    }
    if text.chars().next().is_some_and(char::is_lowercase) {
        score -= 6.0;
    }
    if is_name(&text, rules) && words >= 2 {
        score -= 4.0;
    }
    if text.ends_with('.') && words > 12 {
        score -= 4.0;
    }
    score
}

/// Does `line` repeat the headline `text`: the same, or quoting it, or ending a breadcrumb
/// or title with it?
fn repeats(line: &str, text: &str) -> bool {
    let (line, text) = (line.to_lowercase(), text.to_lowercase());
    line == text
        || split_site_suffix(&line).0 == text
        || (line.len() > text.len()
            && (line.ends_with(&text)
                || line.contains(&format!("“{text}”"))
                || line.contains(&format!("\"{text}\""))))
}

/// A byline, dateline or author's name stands within a few lines before or after line `i`
/// (chrome between them does not count).
fn next_to_byline(i: usize, lines: &[Line], rules: &Rules) -> bool {
    let is_meta = |l: &Line| {
        matches!(l.kind, Kind::Byline(..) | Kind::Dateline(_))
            || (l.kind == Kind::Text && word_count(&l.text) >= 2 && is_name(&l.text, rules))
            || name_before_role(&l.text, rules).is_some()
    };
    let content = |l: &&Line| !matches!(l.kind, Kind::Marker(_) | Kind::Separator);
    let after = lines[i + 1..].iter().filter(content).take(4).any(is_meta);
    let before = lines[..i]
        .iter()
        .rev()
        .find(content)
        .is_some_and(|l| matches!(l.kind, Kind::Dateline(_)));
    after || before
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

/// The site's name: the first line of the page that is not chrome, when it is short and
/// not a section label, or the root of a breadcrumb that starts at the site's name.
pub(super) fn masthead(above: &[Line], rules: &Rules) -> Option<String> {
    for line in above {
        let text = line.text.as_str();
        match line.kind {
            Kind::Text => {
                let label = rules.section_labels.contains(&text.to_lowercase());
                return (word_count(text) <= 6 && !label).then(|| text.to_string());
            }
            Kind::Marker(Marker::Chrome) if is_breadcrumb(text) => {
                let root = text.split(['>', '»', '›', '‹']).next().unwrap_or("").trim();
                let nav =
                    rules.is_button(root) || rules.section_labels.contains(&root.to_lowercase());
                return (!nav && !root.is_empty()).then(|| root.to_string());
            }
            _ => {}
        }
    }
    None
}

/// "Cuts bite | The Bugle" -> ("Cuts bite", Some("The Bugle")); "Cuts bite | Society | The
/// Bugle" -> the same: a title bar is the headline, then short section and site names.
fn split_site_suffix(title: &str) -> (String, Option<String>) {
    let parts: Vec<&str> = title.split(" | ").map(str::trim).collect();
    if parts.len() >= 2
        && word_count(parts[0]) >= 3
        && parts[1..].iter().all(|p| (1..=5).contains(&word_count(p)))
    {
        let site = parts.last().map(|s| s.to_string());
        return (parts[0].to_string(), site);
    }
    (title.to_string(), None)
}

/// Records what a non-text line near the headline says (date, byline), or drops it.
fn take_meta(line: &Line, parts: &mut Parts, why: &'static str) {
    match &line.kind {
        Kind::Dateline(found) => {
            set_date(parts, *found);
            parts
                .dropped
                .push((line.number, line.text.clone(), "dateline"));
        }
        Kind::Byline(name, found) => {
            parts.author.get_or_insert_with(|| name.clone());
            if let Some(f) = found {
                set_date(parts, *f);
            }
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
        }
        Kind::Source(s) => {
            parts.source.get_or_insert_with(|| s.clone());
        }
        Kind::Separator => {}
        _ => parts.dropped.push((line.number, line.text.clone(), why)),
    }
}

fn set_date(parts: &mut Parts, found: FoundDate) {
    parts.date.get_or_insert(found.date);
}

#[allow(clippy::too_many_arguments)]
fn step(
    zone: Zone,
    i: usize,
    line: &Line,
    lines: &[Line],
    rules: &Rules,
    parts: &mut Parts,
    thread: &mut Thread,
) -> Zone {
    let drop = |parts: &mut Parts, why| parts.dropped.push((line.number, line.text.clone(), why));
    // Markers move between zones wherever they stand.
    if let Kind::Marker(m) = line.kind {
        return match m {
            Marker::Chrome => {
                if zone == Zone::Comments || zone == Zone::After {
                    thread.meta(None);
                }
                drop(parts, "site chrome");
                zone
            }
            Marker::CommentForm => {
                drop(parts, "comment form");
                Zone::Closed
            }
            Marker::CommentStart => {
                drop(parts, "comments heading");
                thread.meta(None);
                Zone::Comments
            }
            Marker::ArticleEnd(kind) if zone != Zone::Comments => {
                if kind == EndKind::PostedBy {
                    if let Some(name) = rules.comment_author(&line.text) {
                        parts.author.get_or_insert(name);
                    }
                }
                drop(parts, "end of the article");
                match kind {
                    EndKind::AuthorBox => Zone::AuthorBox(0),
                    EndKind::Related => Zone::Related,
                    EndKind::Share | EndKind::PostedBy => Zone::After,
                }
            }
            Marker::ArticleEnd(_) => {
                thread.meta(None);
                drop(parts, "comment chrome");
                zone
            }
        };
    }
    match zone {
        Zone::Closed => {
            drop(parts, "after the comment form");
            zone
        }
        Zone::Article => article_line(i, line, lines, parts),
        Zone::AuthorBox(seen) => {
            if line.kind != Kind::Text {
                return zone;
            }
            if seen == 0 && parts.author.is_none() && word_count(&line.text) <= 4 {
                parts.author = Some(line.text.clone());
                drop(parts, "author box");
                Zone::AuthorBox(1)
            } else if seen < 3 {
                drop(parts, "author box");
                Zone::AuthorBox(seen + 1)
            } else {
                thread.push(line);
                Zone::After
            }
        }
        Zone::Related => {
            if line.kind == Kind::Text && is_prose(&line.text) && word_count(&line.text) >= 10 {
                thread.push(line);
                Zone::After
            } else {
                drop(parts, "related links");
                zone
            }
        }
        Zone::After | Zone::Comments => {
            comment_line(line, lines.get(i + 1), rules, thread, parts);
            zone
        }
    }
}

fn article_line(i: usize, line: &Line, lines: &[Line], parts: &mut Parts) -> Zone {
    let early = parts.body.len() < 3;
    match &line.kind {
        Kind::Dateline(found) if early && parts.date.is_none() => {
            set_date(parts, *found);
            parts
                .dropped
                .push((line.number, line.text.clone(), "dateline"));
        }
        Kind::Byline(name, found) if early && parts.author.is_none() => {
            parts.author = Some(name.clone());
            if let Some(f) = found {
                set_date(parts, *f);
            }
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
        }
        Kind::Source(s) => {
            parts.source.get_or_insert_with(|| s.clone());
            return Zone::After;
        }
        Kind::Url if ends_article(&lines[i + 1..]) && !parts.body.is_empty() => {
            parts.source.get_or_insert_with(|| line.text.clone());
            return Zone::After;
        }
        Kind::Separator => {}
        _ => {
            if parts.headline.as_deref() == Some(line.text.as_str()) && parts.body.is_empty() {
                parts
                    .dropped
                    .push((line.number, line.text.clone(), "headline repeated"));
            } else {
                parts.body.push(block(line, false));
            }
        }
    }
    Zone::Article
}

/// Does the article end here: a post separator, a comment marker, or the end of the page?
fn ends_article(rest: &[Line]) -> bool {
    match rest
        .iter()
        .find(|l| !matches!(l.kind, Kind::Marker(Marker::Chrome)))
    {
        None => true,
        Some(l) => matches!(
            l.kind,
            Kind::Separator
                | Kind::Marker(Marker::CommentStart | Marker::CommentForm | Marker::ArticleEnd(_))
        ),
    }
}

fn comment_line(
    line: &Line,
    next: Option<&Line>,
    rules: &Rules,
    thread: &mut Thread,
    parts: &mut Parts,
) {
    let drop = |parts: &mut Parts, why| parts.dropped.push((line.number, line.text.clone(), why));
    match &line.kind {
        Kind::Dateline(_) | Kind::Timestamp => {
            thread.meta(None);
            drop(parts, "comment timestamp");
        }
        Kind::Separator => thread.meta(None),
        Kind::Byline(name, _) => {
            thread.meta(Some(name.clone()));
            drop(parts, "commenter");
        }
        _ => {
            if let Some(name) = rules.comment_author(&line.text) {
                thread.meta(Some(name));
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

/// Reader responses being gathered: lines, and the meta lines (names, times, buttons) that
/// stand between one response and the next.
#[derive(Default)]
struct Thread {
    items: Vec<Item>,
}

enum Item {
    Meta(Option<String>),
    Text(Line),
}

impl Thread {
    fn meta(&mut self, author: Option<String>) {
        self.items.push(Item::Meta(author));
    }

    fn push(&mut self, line: &Line) {
        self.items.push(Item::Text(line.clone()));
    }

    /// Splits the lines into responses. Meta lines separate responses where the page has
    /// them. Where it has none (a paste with the thread's furniture already stripped), a
    /// page that breaks paragraphs with blank lines breaks responses with single line
    /// breaks; one that has no blank lines gives each line its own response.
    fn finish(self) -> Vec<Response> {
        let texts: Vec<&Line> = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(l) => Some(l),
                Item::Meta(_) => None,
            })
            .collect();
        let has_meta_between = {
            let first_text = self.items.iter().position(|i| matches!(i, Item::Text(_)));
            let last_text = self.items.iter().rposition(|i| matches!(i, Item::Text(_)));
            match (first_text, last_text) {
                (Some(a), Some(b)) => self.items[a..b].iter().any(|i| matches!(i, Item::Meta(_))),
                _ => false,
            }
        };
        let paragraphs_by_blank = texts.iter().skip(1).any(|l| l.blank_before)
            && texts.iter().skip(1).any(|l| !l.blank_before);
        let mut responses: Vec<Response> = Vec::new();
        let mut open = false;
        let mut pending_author: Option<String> = None;
        for item in self.items {
            match item {
                Item::Meta(author) => {
                    if has_meta_between {
                        open = false;
                    }
                    if author.is_some() {
                        pending_author = author;
                        open = false;
                    }
                }
                Item::Text(line) => {
                    let starts_new = !open
                        || (!has_meta_between && (!paragraphs_by_blank || !line.blank_before));
                    if starts_new {
                        responses.push(Response {
                            author: pending_author.take(),
                            blocks: Vec::new(),
                        });
                        open = true;
                    }
                    if let Some(r) = responses.last_mut() {
                        r.blocks.push(block(&line, true));
                    }
                }
            }
        }
        responses
    }
}

/// A line as a block: bullets become list items. In a comment, a leading "1." is the
/// thread's numbering, not a list the reader wrote.
pub(super) fn block(line: &Line, in_comment: bool) -> Block {
    let text = line.text.as_str();
    for bullet in ["• ", "◦ ", "▪ ", "· ", "– ", "- ", "* "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return Block::Item(rest.trim().to_string());
        }
    }
    if let Some((num, rest)) = text.split_once(". ").or_else(|| text.split_once(") ")) {
        if let Ok(n) = num.parse::<u32>() {
            if num.len() <= 3 && !rest.is_empty() {
                return if in_comment && line.indented {
                    Block::Para(rest.to_string())
                } else {
                    Block::Numbered(n, rest.to_string())
                };
            }
        }
    }
    Block::Para(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn title_bars_and_roles() {
        let rules = Rules::new(&Config::default_at(Path::new(".")));
        assert_eq!(
            split_site_suffix("Cuts bite hard | Society | The Bugle"),
            ("Cuts bite hard".to_string(), Some("The Bugle".to_string()))
        );
        assert_eq!(split_site_suffix("Yes | no").1, None);
        assert_eq!(
            name_before_role("Nadia Okafor Social affairs correspondent", &rules).as_deref(),
            Some("Nadia Okafor")
        );
        assert_eq!(
            name_before_role("The council will appoint a new editor", &rules),
            None
        );
    }
}
