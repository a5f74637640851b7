//! The shape of a pasted page: masthead and navigation, headline, byline and dateline, the
//! article, then share, author, related and comment blocks, then the comment form and
//! footer. This module walks the judged lines once and says which part each belongs to.

use super::dates::FoundDate;
use super::lines::{ends_sentence, is_name, is_prose, word_count, Kind, Line};
use super::rules::{is_breadcrumb, EndKind, Marker, Rules};
use super::thread::{comment_line, Thread};
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
    /// The seed line of each body block, where known (for `--explain`).
    pub body_lines: Vec<usize>,
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
        let next = step(zone, i, line, lines, rules, &mut parts, &mut thread);
        if zone == Zone::Article && next != Zone::Article {
            trim_trailing_chrome(&mut parts);
        }
        zone = next;
    }
    if zone == Zone::Article {
        trim_trailing_chrome(&mut parts);
    }
    parts.responses = thread.finish(&mut parts.dropped);
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
    // A rule ("---", "***") is never a headline.
    let candidates: Vec<usize> = (0..first_prose)
        .filter(|&i| lines[i].kind == Kind::Text && lines[i].text.chars().any(char::is_alphabetic))
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
        .map(|(_, &i)| later_copy(i, &candidates, lines));
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
    header_meta(h, lines, rules, parts)
}

/// Between the headline and the running text: bylines, datelines, an author's name and
/// role, a "Published in" publication, and perhaps a standfirst (a one-line summary that
/// some sites print above the byline, kept as the article's first paragraph). Returns where
/// the article's running text begins.
fn header_meta(h: usize, lines: &[Line], rules: &Rules, parts: &mut Parts) -> usize {
    let headline = parts.headline.clone().unwrap_or_default();
    let mut after_author = false;
    let mut standfirst: Option<usize> = None;
    let mut i = h + 1;
    while i < lines.len() {
        let line = &lines[i];
        if line.kind != Kind::Text {
            after_author |= matches!(line.kind, Kind::Byline(..));
            take_meta(line, parts, "header");
            i += 1;
            continue;
        }
        if line.text.eq_ignore_ascii_case(&headline) {
            parts
                .dropped
                .push((line.number, line.text.clone(), "headline repeated"));
        } else if let Some(skip) = publication(i, lines, rules, parts) {
            i += skip;
            continue;
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
        } else if standfirst.is_none() && parts.author.is_none() && meta_follows(i, lines, rules) {
            standfirst = Some(i);
        } else {
            break;
        }
        i += 1;
    }
    if let Some(s) = standfirst {
        push_body(parts, &lines[s]);
    }
    i
}

/// A byline, dateline or author's name within the next three lines: what makes a line
/// under the headline a standfirst rather than the article's start.
fn meta_follows(i: usize, lines: &[Line], rules: &Rules) -> bool {
    lines[i + 1..].iter().take(3).any(|l| match l.kind {
        Kind::Byline(..) | Kind::Dateline(_) => true,
        Kind::Text => is_name(&l.text, rules) || name_before_role(&l.text, rules).is_some(),
        _ => false,
    })
}

/// "Published in" and the publication's name (on the line or the next): the publisher.
/// Returns how many lines it took.
fn publication(i: usize, lines: &[Line], rules: &Rules, parts: &mut Parts) -> Option<usize> {
    let lead = rules.publication_lead(&lines[i].text)?;
    let (name, used) = match lead {
        Some(name) => (name, 1),
        None => (lines.get(i + 1)?.text.clone(), 2),
    };
    if word_count(&name) > 6 {
        return None;
    }
    parts.masthead = Some(name);
    for line in &lines[i..i + used] {
        parts
            .dropped
            .push((line.number, line.text.clone(), "publication"));
    }
    Some(used)
}

/// Of two equal lines above the article, the later is the headline: the earlier is a menu
/// item or the title bar.
fn later_copy(i: usize, candidates: &[usize], lines: &[Line]) -> usize {
    let text = split_site_suffix(&lines[i].text).0;
    candidates
        .iter()
        .rev()
        .find(|&&j| j > i && lines[j].text.eq_ignore_ascii_case(&text))
        .copied()
        .unwrap_or(i)
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
    // Headlines start with a capital; "title: …" or "posted in …" lines do not.
    if text.chars().next().is_some_and(char::is_lowercase) {
        score -= 8.0;
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
            Marker::CommentStart
                if zone == Zone::Article && !parts.body.iter().any(is_prose_block) =>
            {
                drop(parts, "comment count above the article");
                zone
            }
            Marker::CommentStart
                if zone == Zone::Article && article_goes_on(&lines[i + 1..], rules) =>
            {
                push_body(parts, line);
                zone
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
            // Related links after the comments: the thread is over.
            Marker::ArticleEnd(EndKind::Related) => {
                thread.meta(None);
                drop(parts, "related links");
                Zone::Related
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
        // Teasers and widgets: readers' comments come back only under a comment heading.
        Zone::Related => {
            drop(parts, "related links");
            zone
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
        // A byline below the article's text, with at most a line of bio under it before
        // the comments or the page's end, opens the author's box.
        Kind::Byline(name, _) if !early && author_box_follows(&lines[i + 1..]) => {
            parts.author.get_or_insert_with(|| name.clone());
            parts
                .dropped
                .push((line.number, line.text.clone(), "author box"));
            return Zone::AuthorBox(1);
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
                push_body(parts, line);
            }
        }
    }
    Zone::Article
}

fn push_body(parts: &mut Parts, line: &Line) {
    parts.body.push(block(line, false));
    parts.body_lines.push(line.number);
}

fn author_box_follows(rest: &[Line]) -> bool {
    rest.iter()
        .take_while(|l| {
            !matches!(
                l.kind,
                Kind::Marker(Marker::CommentStart | Marker::CommentForm)
            )
        })
        .filter(|l| l.kind == Kind::Text && is_prose(&l.text))
        .count()
        <= 1
}

fn is_prose_block(b: &Block) -> bool {
    matches!(b, Block::Para(t) if is_prose(t))
}

/// Is a comment heading in fact a heading of the article ("Have your say")? It is when
/// running text follows it and then the article's end (share buttons, an author box, a
/// source) before anything a comment thread is made of: a commenter, a timestamp.
fn article_goes_on(rest: &[Line], rules: &Rules) -> bool {
    let mut prose = false;
    for line in rest {
        match &line.kind {
            Kind::Text if rules.comment_author(&line.text).is_some() => return false,
            Kind::Text => prose |= is_prose(&line.text),
            Kind::Marker(Marker::ArticleEnd(k)) if *k != EndKind::Related => return prose,
            Kind::Source(_) => return prose,
            Kind::Marker(Marker::Chrome) | Kind::Url | Kind::Separator => {}
            _ => return false,
        }
    }
    false
}

/// Sidebars, footers and widgets left at the article's end: a run of short lines that are
/// not sentences after the last paragraph of running text. A sign-off right after that
/// paragraph ("Thanks for reading.") stays, and so does a list, or lines that the last
/// paragraph introduces with a colon.
fn trim_trailing_chrome(parts: &mut Parts) {
    let Some(last) = parts.body.iter().rposition(is_prose_block) else {
        return;
    };
    let mut keep = last + 1;
    while let Some(Block::Para(t)) = parts.body.get(keep) {
        if !ends_sentence(t) {
            break;
        }
        keep += 1;
    }
    let introduces = matches!(&parts.body[last], Block::Para(t) if t.ends_with(':'));
    let tail = &parts.body[keep..];
    if introduces || tail.iter().any(|b| !matches!(b, Block::Para(_))) {
        return;
    }
    let numbers = parts.body_lines.split_off(keep.min(parts.body_lines.len()));
    for (b, n) in parts.body.split_off(keep).into_iter().zip(numbers) {
        let (Block::Para(text) | Block::Item(text) | Block::Numbered(_, text)) = b;
        parts.dropped.push((n, text, "after the article"));
    }
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

    fn parts(text: &str) -> Parts {
        let rules = Rules::new(&Config::default_at(Path::new(".")));
        analyse(&crate::import::lines::split(text, &rules), &rules)
    }

    #[test]
    fn standfirst_above_the_byline_and_a_count_link_above_the_article() {
        let p = parts(
            "Council shuts the last library in town
A summary of the story in one line
By Jane Smith
3 March 2018
Comments (5)
The council voted last night to close the library, the last one in town.
It will shut in May.",
        );
        assert_eq!(p.author.as_deref(), Some("Jane Smith"));
        assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2018-03-03"));
        assert_eq!(p.body.len(), 3);
        assert!(p.responses.is_empty());
    }

    #[test]
    fn a_comment_heading_inside_the_article_and_trailing_widgets() {
        let p = parts(
            "Library to close
The council voted last night to close the library, the last one in town.
Have your say
There is a public meeting on Friday, and everyone is welcome to come along.
Share this
Facebook
Upcoming events
Quiz night",
        );
        assert!(p.body.contains(&Block::Para("Have your say".into())));
        assert!(p.responses.is_empty());
        let p = parts(
            "Library to close
The council voted last night to close the library, the last one in town.
Thanks for reading.
Join our mailing list
All welcome!
First name",
        );
        assert_eq!(p.body.len(), 2);
    }
}
