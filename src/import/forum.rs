//! Forum threads (phpBB, vBulletin, XenForo and the like): a thread title, then posts, each
//! under a header of member furniture (name, title, join date, post count, "#1", the post's
//! date). The first post is the article, its author the thread starter and its date the
//! thread's; the later posts are reader responses. A page without at least two such post
//! headers is not a thread, and is left to [`super::structure`].

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_date;
use super::header::masthead;
use super::lines::{is_name, word_count, Kind, Line};
#[cfg(test)]
use super::parts::Block;
use super::parts::{block, Parts, Response};
use super::rules::{Marker, Rules};
use crate::date::PartialDate;

/// Dates of the member rather than of the post: when they joined, when a post was edited.
static NOT_POST_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(joined|join date|member since|registered|last edited|last seen|last active)(?-u:\b)",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// A member card on one line: "poppy123456 Online Community Member Posts: 64,463 Championing".
static MEMBER_CARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<name>\S{1,40}) (\S+ ){0,5}posts: [\d,.]+k?( \S+){0,3}$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// One post: the lines of its header and of its text.
struct Post {
    header: Vec<usize>,
    text: Vec<usize>,
}

/// The thread as [`Parts`], or `None` when the page is not a forum thread.
pub fn analyse(lines: &[Line], rules: &Rules) -> Option<Parts> {
    let end = lines
        .iter()
        .position(|l| l.kind == Kind::Marker(Marker::CommentForm))
        .unwrap_or(lines.len());
    let lines = &lines[..end];
    // A thread has two post headers at least, each with a post-start line: most pages
    // have none, and need not have every line weighed as post furniture.
    let post_starts = lines.iter().filter(|l| rules.is_post_start(&l.text));
    if post_starts.take(2).count() < 2 {
        return None;
    }
    let meta: Vec<bool> = (0..lines.len()).map(|i| is_meta(i, lines, rules)).collect();
    let first = first_post_header(lines, &meta, rules)?;
    let mut parts = Parts::default();
    let headline = thread_title(&lines[..first], &lines[first..], rules);
    parts.masthead = masthead(&lines[..first], rules).filter(|m| Some(m) != headline.as_ref());
    for line in &lines[..first] {
        if Some(&line.text) != headline.as_ref() {
            parts
                .dropped
                .push((line.number, line.text.clone(), "forum navigation"));
        }
    }
    let posts = posts(lines, &meta, first, headline.as_deref(), rules, &mut parts);
    if posts.len() < 2 {
        return None;
    }
    parts.headline = headline;
    let mut posts = posts.into_iter();
    if let Some(op) = posts.next() {
        parts.author = post_author(lines, &op.header, rules);
        parts.date = post_date(lines, &op.header);
        parts.body = op.text.iter().map(|&i| block(&lines[i], false)).collect();
    }
    parts.responses = posts
        .map(|p| Response {
            author: post_author(lines, &p.header, rules),
            date: post_date(lines, &p.header),
            reply_to: None,
            blocks: p.text.iter().map(|&i| block(&lines[i], true)).collect(),
        })
        .collect();
    Some(parts)
}

/// A line of post furniture rather than of what a member wrote. A member's name counts when
/// their title or counts follow it (not a button: a post may end with a one-word line).
fn is_meta(i: usize, lines: &[Line], rules: &Rules) -> bool {
    let line = &lines[i];
    let text = line.text.as_str();
    match &line.kind {
        Kind::Separator | Kind::Dateline(_) | Kind::Timestamp | Kind::Marker(Marker::Chrome) => {
            true
        }
        _ if rules.is_forum_meta(text) || rules.is_thread_meta(text) => true,
        _ => {
            let next_is_member_meta = || {
                lines
                    .get(i + 1)
                    .is_some_and(|n| rules.is_forum_meta(&n.text) && !rules.is_button(&n.text))
            };
            // "• poppy123456" above the member's card.
            let name = text.trim_start_matches(['•', '·', '-', '*', ' ']);
            line.kind == Kind::Text && is_name(name, rules) && next_is_member_meta()
        }
    }
}

/// Where the first post header starts, if the page has at least two.
fn first_post_header(lines: &[Line], meta: &[bool], rules: &Rules) -> Option<usize> {
    let starts: Vec<usize> = runs(meta)
        .into_iter()
        .filter(|r| r.clone().any(|i| rules.is_post_start(&lines[i].text)))
        .map(|r| r.start)
        .collect();
    (starts.len() >= 2).then(|| starts[0])
}

/// Maximal runs of meta lines.
fn runs(meta: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &m) in meta.iter().chain([false].iter()).enumerate() {
        match (m, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The thread's title: the line above the posts that the thread repeats (a post's subject,
/// "Re: …"), else the last title-like line above the first post.
fn thread_title(above: &[Line], thread: &[Line], rules: &Rules) -> Option<String> {
    let candidates: Vec<&Line> = above
        .iter()
        .filter(|l| {
            l.kind == Kind::Text
                && !rules.is_thread_meta(&l.text)
                && l.text.chars().next().is_some_and(|c| !c.is_lowercase())
        })
        .collect();
    let repeated = candidates.iter().find(|c| {
        thread.iter().any(|l| {
            let t = l.text.as_str();
            t == c.text || t.strip_prefix("Re: ").is_some_and(|r| r == c.text)
        })
    });
    repeated
        .or_else(|| candidates.iter().rev().find(|c| word_count(&c.text) >= 4))
        .or_else(|| candidates.last())
        .map(|l| l.text.clone())
}

/// Splits the thread into posts. A header that has no text under it (only the post's
/// subject) belongs with the header that follows it.
fn posts(
    lines: &[Line],
    meta: &[bool],
    first: usize,
    headline: Option<&str>,
    rules: &Rules,
    parts: &mut Parts,
) -> Vec<Post> {
    let mut posts: Vec<Post> = Vec::new();
    let mut header: Vec<usize> = Vec::new();
    let mut text: Vec<usize> = Vec::new();
    // Meta lines since the last line of text: the end of one post and the header of the next.
    let mut pending: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(first) {
        let subject = headline.is_some_and(|h| line.text == h);
        if meta[i] || subject {
            pending.push(i);
            parts
                .dropped
                .push((line.number, line.text.clone(), "post furniture"));
            if rules.is_post_start(&line.text) && !text.is_empty() {
                posts.push(Post {
                    header: std::mem::take(&mut header),
                    text: std::mem::take(&mut text),
                });
                header = std::mem::take(&mut pending);
            }
        } else {
            if text.is_empty() {
                header.append(&mut pending);
            }
            // Meta inside a post (a quote's "X said:", "Click to expand...") is dropped.
            pending.clear();
            text.push(i);
        }
    }
    if !text.is_empty() {
        posts.push(Post { header, text });
    }
    posts
}

/// The member who wrote a post: "Post by X »", or the name above their title and counts.
fn post_author(lines: &[Line], header: &[usize], rules: &Rules) -> Option<String> {
    let by = header.iter().find_map(|&i| {
        let text = &lines[i].text;
        let lower = text.to_lowercase();
        let post_by = lower.starts_with("post by") || lower.starts_with("postby");
        let card = || MEMBER_CARD.captures(text).map(|c| c["name"].to_string());
        rules.comment_author(text).filter(|_| post_by).or_else(card)
    });
    by.or_else(|| {
        header.iter().find_map(|&i| {
            let l = &lines[i];
            (l.kind == Kind::Text && is_member_name(&l.text, rules)).then(|| l.text.clone())
        })
    })
}

/// The post's own date, passing over the member's join date (on its line or the next).
fn post_date(lines: &[Line], header: &[usize]) -> Option<PartialDate> {
    header.iter().find_map(|&i| {
        let profile = NOT_POST_DATE.is_match(&lines[i].text)
            || (i > 0
                && NOT_POST_DATE.is_match(&lines[i - 1].text)
                && word_count(&lines[i - 1].text) <= 3);
        if profile {
            return None;
        }
        find_date(&lines[i].text).map(|f| f.date)
    })
}

/// A name in a post header that is the member's, not a label of the thread or the post.
fn is_member_name(text: &str, rules: &Rules) -> bool {
    !rules.is_forum_meta(text) && !rules.is_thread_meta(text) && is_name(text, rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::import::lines::split;
    use std::path::Path;

    fn thread(text: &str) -> Option<Parts> {
        let rules = Rules::new(&Config::example_at(Path::new(".")));
        analyse(&split(text, &rules), &rules)
    }

    #[test]
    fn first_post_is_the_article_and_join_dates_are_not_its_date() {
        let page = "Board\nWhy sanctions fail\nann_b\nSenior Member\nJoined\n2 Mar 2011\nPosts: 12\n12 Apr 2019\n#1\nThe first post says this.\nReply\nbob\nMember\nJoined\n3 Jun 2016\nPosts: 3\n13 Apr 2019\n#2\nA reply.\nReply";
        let parts = thread(page).unwrap();
        assert_eq!(parts.headline.as_deref(), Some("Why sanctions fail"));
        assert_eq!(parts.author.as_deref(), Some("ann_b"));
        assert_eq!(
            parts.date.map(|d| d.to_string()).as_deref(),
            Some("2019-04-12")
        );
        assert_eq!(
            parts.body,
            [Block::Para("The first post says this.".into())]
        );
        assert_eq!(parts.responses.len(), 1);
        assert_eq!(parts.responses[0].author.as_deref(), Some("bob"));
    }

    /// Issue 16: phpBB's "Postby X » date" and Vanilla's one-line member cards.
    #[test]
    fn postby_lines_and_member_cards_head_posts() {
        let page = "Welfare board\nFit note refused\nPostby ann_b » Tue Mar 06, 2018 9:15 pm\nThe first post says this.\nPostby bob » Wed Mar 07, 2018 8:00 am\nA reply to it.";
        let parts = thread(page).unwrap();
        assert_eq!(parts.author.as_deref(), Some("ann_b"));
        assert_eq!(parts.responses.len(), 1);
        assert_eq!(parts.responses[0].author.as_deref(), Some("bob"));
        let page = "Support group\nsunshine1981 Online Community Member Posts: 198 Contributor\nHow often are you reviewed?\n• poppy123456\npoppy123456 Online Community Member Posts: 64,463 Championing\nIt is an ongoing award.";
        let parts = thread(page).unwrap();
        assert_eq!(parts.headline.as_deref(), Some("Support group"));
        assert_eq!(parts.author.as_deref(), Some("sunshine1981"));
        assert_eq!(
            parts.body,
            [Block::Para("How often are you reviewed?".into())]
        );
        assert_eq!(parts.responses[0].author.as_deref(), Some("poppy123456"));
    }

    #[test]
    fn a_page_without_post_headers_is_not_a_thread() {
        assert!(thread("Headline here today\nBy Jane Smith\nSome text of the article.").is_none());
    }
}
