//! The shape of a pasted page: masthead and navigation, headline, byline and dateline, the
//! article, then share, author, related and comment blocks, then the comment form and
//! footer. This module walks the judged lines once and says which part each belongs to.

use super::header::{header, set_date};
use super::lines::{ends_sentence, is_name, is_prose, word_count, Kind, Line};
use super::parts::{push_body, Block, Parts};
use super::rules::{EndKind, Marker, Rules};
use super::thread::{comment_line, Thread};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Article,
    /// After the article: unmarked lines are readers' responses.
    After,
    AuthorBox(usize),
    /// A "Most popular" or "You may also like" block above the article or inside it: its
    /// teasers are dropped until the article's running text begins or resumes.
    TeasersAbove,
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
        // A share bar or an author box leaves the lines after it unvouched for as a thread.
        let opens_thread = matches!(next, Zone::After | Zone::Comments);
        if opens_thread
            && next != zone
            && !(matches!(zone, Zone::AuthorBox(_)) && next == Zone::After)
            && line.kind != Kind::Marker(Marker::ArticleEnd(EndKind::Share))
        {
            thread.headed = true;
        }
        if zone == Zone::Article && next != Zone::Article {
            trim_trailing_chrome(&mut parts);
        }
        zone = next;
    }
    if zone == Zone::Article {
        trim_trailing_chrome(&mut parts);
    }
    if thread.is_evident() {
        parts.responses = thread.finish(&mut parts.dropped);
    } else {
        // No heading and no commenter: running text after a share bar is the article's
        // (never lose a sentence), and the rest is the page's furniture.
        for line in thread.into_lines() {
            if is_article_prose(&line.text) {
                push_body(&mut parts, &line);
            } else {
                parts
                    .dropped
                    .push((line.number, line.text, "after the article"));
            }
        }
    }
    parts
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
            // "0 Comments", "0 replies": a count of none opens no thread.
            Marker::CommentStart if line.text.starts_with("0 ") => {
                drop(parts, "no comments");
                zone
            }
            // "Facebook / Twitter / Comments / Print": a button in a row of buttons.
            Marker::CommentStart if zone == Zone::Article && in_button_row(i, lines) => {
                drop(parts, "share bar");
                zone
            }
            // A share bar's "Comments" button, a share bar or a "Most popular" block under
            // the headline, with the article's running text still to come.
            Marker::CommentStart | Marker::ArticleEnd(EndKind::Share | EndKind::Related)
                if matches!(zone, Zone::Article | Zone::TeasersAbove)
                    && !article_begun(parts)
                    && article_follows(&lines[i + 1..], rules) =>
            {
                drop(parts, "above the article");
                if m == Marker::ArticleEnd(EndKind::Related) {
                    Zone::TeasersAbove
                } else {
                    zone
                }
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
            // A "Related articles" box inside the article: as much running text again
            // follows it before the next such block.
            Marker::ArticleEnd(EndKind::Related)
                if matches!(zone, Zone::Article | Zone::TeasersAbove)
                    && article_resumes(&lines[i + 1..], parts, rules) =>
            {
                drop(parts, "related links inside the article");
                Zone::TeasersAbove
            }
            // A share bar between two paragraphs of the article.
            Marker::ArticleEnd(EndKind::Share)
                if zone == Zone::Article && article_resumes(&lines[i + 1..], parts, rules) =>
            {
                drop(parts, "share bar inside the article");
                zone
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
    // "Pete Calloway said…", "Jo Kirwan says:": a comment thread with no heading begins.
    if zone == Zone::Article && line.kind == Kind::Text && article_begun(parts) {
        if let Some(name) = commenter(&line.text, rules) {
            thread.meta(Some(name));
            thread.headed = true;
            drop(parts, "commenter");
            return Zone::Comments;
        }
    }
    match zone {
        Zone::TeasersAbove if line.kind == Kind::Text && is_article_prose(&line.text) => {
            article_line(i, line, lines, parts)
        }
        Zone::TeasersAbove => {
            drop(parts, "related links above the article");
            zone
        }
        Zone::Closed => {
            drop(parts, "after the comment form");
            zone
        }
        Zone::Article => article_line(i, line, lines, parts),
        Zone::AuthorBox(seen) => {
            if line.kind != Kind::Text {
                // A source line may follow the author box; anything else there is the box's.
                if let Kind::Source(source) = &line.kind {
                    if parts.source.is_none() {
                        parts.source = Some(source.clone());
                        thread.headed = true;
                        return zone;
                    }
                }
                if line.kind != Kind::Separator {
                    drop(parts, "author box");
                }
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
        Kind::Dateline(found) if early && (parts.date.is_none() || parts.date_is_update) => {
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
        // "The following appeared in The Mirror:" above the article introduces it.
        Kind::Source(s) if parts.source.is_none() && !article_begun(parts) => {
            parts.source = Some(s.clone());
            parts
                .dropped
                .push((line.number, line.text.clone(), "source"));
        }
        Kind::Source(s) if parts.source.is_none() => {
            parts.source = Some(s.clone());
            return Zone::After;
        }
        Kind::Url
            if ends_article(&lines[i + 1..])
                && !parts.body.is_empty()
                && parts.source.is_none() =>
        {
            parts.source = Some(line.text.clone());
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

/// A one- or two-word line ("Comments", "0 Comments") between buttons: the line above or
/// below it is a short piece of chrome ("Twitter", "Print", "Share").
fn in_button_row(i: usize, lines: &[Line]) -> bool {
    let button = |l: &Line| {
        matches!(
            l.kind,
            Kind::Marker(Marker::Chrome | Marker::ArticleEnd(EndKind::Share))
        ) && word_count(&l.text) <= 3
    };
    word_count(&lines[i].text) <= 2
        && (i.checked_sub(1).is_some_and(|p| button(&lines[p]))
            || lines.get(i + 1).is_some_and(button))
}

/// Does the article go on after a related-links block or a share bar? It does when the
/// running text
/// that follows, up to the next block or the comments (a commenter's name or a comment's
/// time ends the count: no), is at least half as long as the article's so far (teasers
/// under a real end are short beside the article), and 60 words at least.
fn article_resumes(rest: &[Line], parts: &Parts, rules: &Rules) -> bool {
    let words_so_far: usize = parts
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Para(t) if is_prose(t) => Some(word_count(t)),
            _ => None,
        })
        .sum();
    let mut following = 0;
    for line in rest {
        match &line.kind {
            Kind::Marker(Marker::CommentStart | Marker::CommentForm) => break,
            // A commenter's name or a comment's time: readers' responses, not the article.
            Kind::Timestamp => return false,
            Kind::Text if rules.comment_author(&line.text).is_some() => return false,
            Kind::Text if is_article_prose(&line.text) => following += word_count(&line.text),
            _ => {}
        }
    }
    following >= 60 && following * 2 >= words_so_far
}

/// The commenter a line names in the forms that only comment threads use: Blogger's
/// "Name said…" (an ellipsis) and WordPress's "Name says:" (a colon, the name a name, a
/// place in brackets allowed: "Cynthia (Missouri) says:"). "The minister said:" is a quote.
fn commenter(text: &str, rules: &Rules) -> Option<String> {
    let thread_form = ["said…", "said...", "says:"]
        .iter()
        .any(|end| text.ends_with(end));
    if !thread_form {
        return None;
    }
    let name = rules.comment_author(text)?;
    let bare = match name.split_once(" (") {
        Some((bare, place)) if place.ends_with(')') => bare.to_string(),
        _ => name.clone(),
    };
    (is_name(&bare, rules) && !rules.stopwords.contains(bare.as_str())).then_some(name)
}

/// Has the article's running text begun? A standfirst alone does not count.
fn article_begun(parts: &Parts) -> bool {
    parts.body.iter().filter(|b| is_prose_block(b)).count() >= 2
}

/// Running text that is not shouted (a banner in capitals is not an article's sentence).
fn is_article_prose(text: &str) -> bool {
    is_prose(text) && text.chars().any(char::is_lowercase)
}

/// Do at least two lines of running text follow before the next end marker, with no
/// commenter's name or comment timestamp among them? Then a marker met before the article
/// has begun stands above it (scanned over at most 80 lines).
fn article_follows(rest: &[Line], rules: &Rules) -> bool {
    let mut prose = 0;
    for line in rest.iter().take(80) {
        match &line.kind {
            Kind::Text if rules.comment_author(&line.text).is_some() => return false,
            Kind::Text if is_article_prose(&line.text) => {
                prose += 1;
                if prose >= 2 {
                    return true;
                }
            }
            Kind::Timestamp => return false,
            Kind::Marker(Marker::CommentStart | Marker::CommentForm) => return false,
            _ => {}
        }
    }
    false
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
    // A long line is running text cut short (a paste that stops mid-paragraph), not chrome.
    while let Some(Block::Para(t)) = parts.body.get(keep) {
        if !ends_sentence(t) && word_count(t) < 15 {
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
