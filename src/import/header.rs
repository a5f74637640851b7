//! The top of a pasted page: masthead and navigation, the headline, and the byline,
//! dateline, author's name and role or standfirst around it.

use super::dates::{find_date, FoundDate};
use super::lines::{ends_sentence, is_name, is_prose, word_count, Kind, Line};
use super::rules::{is_breadcrumb, EndKind, Marker, Rules};
use super::structure::{push_body, Parts};
use super::thread::name_with_time;

/// Headline score features of position: each earlier candidate line takes off
/// `RANK_WEIGHT` (up to `RANK_CAP` lines: a long menu above the headline is not held
/// against it), and each candidate line beyond `NEAR_ARTICLE` lines between it and the
/// article's running text takes off `DISTANCE_WEIGHT` (up to `DISTANCE_CAP` lines).
const RANK_WEIGHT: f64 = 0.25;
const RANK_CAP: usize = 16;
const DISTANCE_WEIGHT: f64 = 0.3;
const NEAR_ARTICLE: usize = 8;
const DISTANCE_CAP: usize = 20;

/// Teasers under a "Most popular" block that stands between the headline and the article
/// are no headline: when a candidate above the block has a byline or dateline beside it,
/// the candidates under the block lose [`TEASER_PENALTY`].
fn teasers_weigh_less(
    mut scores: Vec<f64>,
    candidates: &[usize],
    lines: &[Line],
    rules: &Rules,
) -> Vec<f64> {
    let Some(block) = candidates.last().and_then(|&last| {
        lines[..last]
            .iter()
            .rposition(|l| l.kind == Kind::Marker(Marker::ArticleEnd(EndKind::Related)))
    }) else {
        return scores;
    };
    let headline_above = candidates
        .iter()
        .any(|&i| i < block && word_count(&lines[i].text) >= 4 && next_to_byline(i, lines, rules));
    if headline_above {
        for (score, &i) in scores.iter_mut().zip(candidates) {
            if i > block {
                *score -= TEASER_PENALTY;
            }
        }
    }
    scores
}

const TEASER_PENALTY: f64 = 6.0;

/// At most how many lines apart two paragraphs of one run of running text stand.
const RUN_GAP: usize = 8;

/// Finds the headline and what stands around it; returns where the article begins.
pub(super) fn header(lines: &[Line], rules: &Rules, parts: &mut Parts) -> usize {
    let first_text = lines.iter().position(|l| l.kind == Kind::Text);
    // The first line of text may be a headline that ends like a sentence ("…, or not?").
    let first_text_may_be_headline = first_text
        .is_some_and(|i| word_count(&lines[i].text) <= 20 && !lines[i].text.ends_with('.'));
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| {
            l.kind == Kind::Text
                && is_article_start(&l.text, rules)
                && !(first_text_may_be_headline && Some(i) == first_text)
                && !is_caption_copy(i, lines)
        })
        .map(|(i, _)| i)
        .collect();
    // The article's running text is a run of paragraphs: a lone sentence far above the
    // next one ("Your weather is set to…", a teaser) is the page's, not the article's,
    // unless a byline or dateline stands just above it or a list (ingredients, steps)
    // follows it.
    let first_prose = starts
        .windows(2)
        .find(|w| w[1] - w[0] <= RUN_GAP || opens_article(w[0], w[1], lines))
        .map(|w| w[0])
        .or_else(|| starts.first().copied())
        .unwrap_or(lines.len());
    // A rule ("---", "***") is never a headline.
    let candidates: Vec<usize> = (0..first_prose)
        .filter(|&i| lines[i].kind == Kind::Text && lines[i].text.chars().any(char::is_alphabetic))
        .collect();
    let lowered = Lowered::new(lines);
    // With no running text found (a page in Japanese, a page of short lines) there is no
    // article to be near: position counts from the top only, and all the way.
    let found = first_prose < lines.len();
    let scores: Vec<f64> = candidates
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let (rank, to_article) = match found {
                true => (rank.min(RANK_CAP), candidates.len() - 1 - rank),
                false => (rank, 0),
            };
            headline_score(rank, to_article, i, lines, &lowered, rules)
        })
        .collect();
    let scores = teasers_weigh_less(scores, &candidates, lines, rules);
    let headline_at = candidates
        .iter()
        .zip(&scores)
        .max_by(|(a, sa), (b, sb)| {
            sa.partial_cmp(sb)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(b))
        })
        .map(|(&i, _)| later_copy(i, &candidates, lines));
    let Some(h) = headline_at else {
        for line in &lines[..first_prose] {
            take_meta(line, parts, "before the article");
        }
        return first_prose;
    };
    let (headline, site) = split_site_suffix(&lines[h].text);
    parts.headline = Some(headline.clone());
    if let Some((found, _)) = leading_date(&lines[h].text) {
        set_date(parts, found);
    }
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
pub(super) fn header_meta(h: usize, lines: &[Line], rules: &Rules, parts: &mut Parts) -> usize {
    let headline = parts.headline.clone().unwrap_or_default();
    let mut after_author = false;
    let mut standfirst: Option<usize> = None;
    let mut i = h + 1;
    while i < lines.len() {
        let line = &lines[i];
        // A "Most popular" block under the byline: the article's walk decides whether it
        // stands above the article or ends it.
        if line.kind == Kind::Marker(Marker::ArticleEnd(EndKind::Related)) {
            break;
        }
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
        } else if let Some(name) = name_above_role(i, lines, rules)
            .or_else(|| name_with_time(&line.text, rules))
            .filter(|_| parts.author.is_none())
        {
            // "May Bulman" over "Social Affairs Correspondent"; "Anna Wise28 March 2024".
            if let Some(found) = find_date(&line.text) {
                set_date(parts, found);
            }
            parts.author = Some(name);
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
            after_author = true;
        } else if let Some(name) =
            name_before_role(&line.text, rules).filter(|_| parts.author.is_none())
        {
            parts.author = Some(name);
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
            after_author = true;
        } else if after_author
            && word_count(&line.text) <= 5
            && line.text.chars().count() <= 60
            && !ends_sentence(&line.text)
        {
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
pub(super) fn meta_follows(i: usize, lines: &[Line], rules: &Rules) -> bool {
    lines[i + 1..].iter().take(3).any(|l| match l.kind {
        Kind::Byline(..) | Kind::Dateline(_) => true,
        Kind::Text => is_name(&l.text, rules) || name_before_role(&l.text, rules).is_some(),
        _ => false,
    })
}

/// "Published in" and the publication's name (on the line or the next): the publisher.
/// Returns how many lines it took.
pub(super) fn publication(
    i: usize,
    lines: &[Line],
    rules: &Rules,
    parts: &mut Parts,
) -> Option<usize> {
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
pub(super) fn later_copy(i: usize, candidates: &[usize], lines: &[Line]) -> usize {
    let text = split_site_suffix(&lines[i].text).0;
    candidates
        .iter()
        .rev()
        .find(|&&j| j > i && lines[j].text.eq_ignore_ascii_case(&text))
        .copied()
        .unwrap_or(i)
}

/// Does the lone paragraph at `at` open the article though the next one stands at
/// `next`, far below? It does when a byline or dateline stands within three lines above it,
/// or when a list (lines that start with a number or a bullet) comes between.
fn opens_article(at: usize, next: usize, lines: &[Line]) -> bool {
    let meta_above = lines[at.saturating_sub(3)..at]
        .iter()
        .any(|l| matches!(l.kind, Kind::Byline(..) | Kind::Dateline(_)));
    let listed = lines[at + 1..next]
        .iter()
        .filter(|l| {
            l.text
                .starts_with(|c: char| c.is_ascii_digit() || "•-*–▪◦".contains(c))
        })
        .count();
    meta_above || listed >= 3
}

/// "A Jobcentre Plus near Westferry." over "A Jobcentre Plus near Westferry. Photograph:
/// …": a picture's caption, printed again with its credit, is no start of the article.
fn is_caption_copy(i: usize, lines: &[Line]) -> bool {
    let text = &lines[i].text;
    lines[i + 1..]
        .iter()
        .take(2)
        .any(|l| l.text.len() > text.len() && l.text.starts_with(text.as_str()))
}

/// Running text that can open the article: a sentence, not shouted in capitals, and not a
/// banner or notice ("We use cookies…", "GET BREAKING NEWS IN YOUR BROWSER.").
fn is_article_start(text: &str, rules: &Rules) -> bool {
    is_prose(text) && text.chars().any(char::is_lowercase) && !rules.is_notice(text)
}

/// How much a line looks like the page's headline. Signals: a headline's length; it stands
/// close above the article's running text (`to_article`: how many candidate lines come
/// between); the page repeats it (breadcrumb, title bar, "N thoughts on “…”", recent-posts
/// list); a byline or dateline stands next to it; it starts with a capital; it is not a
/// banner, notice or label. Of two equal lines the later one is the headline (the earlier
/// is a menu item or the title bar).
pub(super) fn headline_score(
    rank: usize,
    to_article: usize,
    i: usize,
    lines: &[Line],
    lowered: &Lowered,
    rules: &Rules,
) -> f64 {
    let text = split_site_suffix(&lines[i].text).0;
    let words = word_count(&text);
    let mut score = match words {
        4..=15 => 10.0,
        16..=25 => 8.0,
        1..=3 => 3.0,
        _ => 1.0,
    };
    score -= RANK_WEIGHT * rank as f64;
    score -= DISTANCE_WEIGHT * to_article.saturating_sub(NEAR_ARTICLE).min(DISTANCE_CAP) as f64;
    if rules.is_notice(&text) {
        score -= 8.0;
    }
    // "November 19, 2019 / 12:21 AM / Updated", "Volume 617: debated on Friday 2 December
    // 2016", "By Lia Eustachewich and Yaron Steinbuch": a date stamp or a byline.
    if words <= 16 && find_date(&text).is_some_and(|f| f.dateline || f.date.day.is_some()) {
        score -= 8.0;
    }
    // "Posted by: jreeveseastwood - Posted on:", "To: Department of Work and Pensions": a
    // post's meta line or a letter's addressee.
    const META_LEADS: [&str; 6] = [
        "by ",
        "posted by",
        "posted on",
        "written by",
        "author:",
        "to:",
    ];
    let lower = text.to_lowercase();
    if META_LEADS.iter().any(|lead| lower.starts_with(lead)) {
        score -= 6.0;
    }
    // "Motorcycle Sport & Leisure", "Blog - Latest News": a short line in title case is a
    // menu item or a site's name more often than a headline.
    if (4..=5).contains(&words) && is_title_case(&text) {
        score -= 2.0;
    }
    // "News Tech Health Planet Earth Strange News Animals History Space & Physics": a menu
    // bar on one line.
    if words >= 10 && is_title_case(&text) {
        score -= 3.0;
    }
    // "(Reed Saxon / Associated Press)": a photo credit, and a caption printed again with
    // its credit; "CLICK FOR FULL RESULTS": a banner.
    if (text.starts_with('(') && text.ends_with(')')) || is_caption_copy(i, lines) {
        score -= 6.0;
    }
    if words >= 3 && !text.chars().any(char::is_lowercase) {
        score -= 3.0;
    }
    // "ZDNet around the globe:", "Change language & content:": a label for what follows.
    if text.ends_with(':') {
        score -= 4.0;
    }
    // A menu printed twice repeats its items with their neighbours: that is no headline's
    // repetition, and marks the line a menu item.
    let mut repeated = false;
    let quoted = Quoted::new(&text);
    for j in 0..lines.len() {
        if j != i && quoted.repeated_by(&lowered.lines[j], &lowered.heads[j]) {
            if same_neighbours(i, j, lines) {
                score -= 3.0;
                repeated = false;
                break;
            }
            repeated = true;
        }
    }
    if repeated {
        score += 5.0;
    }
    let later_copy = lines[i + 1..]
        .iter()
        .take(40)
        .any(|l| split_site_suffix(&l.text).0.eq_ignore_ascii_case(&text));
    if later_copy {
        score -= 1.0;
    }
    if words >= 2 && next_to_byline(i, lines, rules) {
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

/// Every word starts with a capital, a digit or is a joiner ("&", "-", "|").
fn is_title_case(text: &str) -> bool {
    text.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(w, "&" | "-" | "–" | "|" | "/")
    })
}

/// Do lines `i` and `j` stand among the same lines (the line above or the line below is
/// the same too)?
fn same_neighbours(i: usize, j: usize, lines: &[Line]) -> bool {
    let text = |k: Option<usize>| k.and_then(|k| lines.get(k)).map(|l| l.text.as_str());
    let above = text(i.checked_sub(1)).is_some_and(|t| Some(t) == text(j.checked_sub(1)));
    let below = text(Some(i + 1)).is_some_and(|t| Some(t) == text(Some(j + 1)));
    above || below
}

/// The page's lines lower-cased, and their heads without a site suffix, made once per page
/// for the headline's repetition test (it compares every candidate with every line).
pub(super) struct Lowered {
    lines: Vec<String>,
    heads: Vec<String>,
}

impl Lowered {
    fn new(lines: &[Line]) -> Lowered {
        let lines: Vec<String> = lines.iter().map(|l| l.text.to_lowercase()).collect();
        let heads = lines.iter().map(|l| split_site_suffix(l).0).collect();
        Lowered { lines, heads }
    }
}

/// A candidate headline, lower-cased and quoted, to find where the page repeats it.
struct Quoted {
    text: String,
    curly: String,
    straight: String,
}

impl Quoted {
    fn new(text: &str) -> Quoted {
        let text = text.to_lowercase();
        Quoted {
            curly: format!("“{text}”"),
            straight: format!("\"{text}\""),
            text,
        }
    }

    /// Does a line (lower-cased, and its head) repeat the headline: the same, or quoting
    /// it, or ending a breadcrumb or title with it?
    fn repeated_by(&self, line: &str, head: &str) -> bool {
        let text = &self.text;
        line == text
            || head == text
            || (line.len() > text.len()
                && (line.ends_with(text.as_str())
                    || line.contains(&self.curly)
                    || line.contains(&self.straight)))
    }
}

/// A byline, dateline or author's name stands within a few lines before or after line `i`
/// (chrome between them does not count).
pub(super) fn next_to_byline(i: usize, lines: &[Line], rules: &Rules) -> bool {
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

/// "May Bulman" on a line of its own over "Social Affairs Correspondent": two or three
/// capitalised words (a name may be a month or a common word: "May", "Rose") over a role.
fn name_above_role(i: usize, lines: &[Line], rules: &Rules) -> Option<String> {
    let text = &lines[i].text;
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || "'’-.".contains(c))
    });
    let next = lines.get(i + 1)?;
    let role = next.kind == Kind::Text
        && word_count(&next.text) <= 5
        && next
            .text
            .split_whitespace()
            .last()
            .is_some_and(|w| rules.roles.contains(&w.to_lowercase()));
    ((2..=3).contains(&words.len()) && capitalised && role).then(|| text.clone())
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
                return (word_count(text) <= 6 && !not_a_site_name(text, rules))
                    .then(|| text.to_string());
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

/// A first line that cannot be the site's name: a section label, a notice or offer, a menu
/// ("User menu", "Accessibility links", "Search rightsnet"), an addressee ("To: The
/// Government"), a counter or phone number ("13,947", "Freephone 0800 999 1234"), or a
/// line with no capital letter.
fn not_a_site_name(text: &str, rules: &Rules) -> bool {
    let lower = text.to_lowercase();
    const MENU_WORDS: [&str; 6] = ["menu", "links", "search", "navigation", "positions", "skip"];
    rules.section_labels.contains(&lower)
        || rules.is_notice(text)
        || lower.split_whitespace().any(|w| MENU_WORDS.contains(&w))
        || text.contains(':')
        || text.chars().filter(char::is_ascii_digit).count() >= 3
        || !text.chars().any(char::is_uppercase)
}

/// "Cuts bite | The Bugle" -> ("Cuts bite", Some("The Bugle")); "Cuts bite | Society | The
/// Bugle" -> the same: a title bar is the headline, then short section and site names.
pub(super) fn split_site_suffix(title: &str) -> (String, Option<String>) {
    let title = leading_date(title).map_or(title, |(_, rest)| rest);
    let title = without_flag(title);
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

/// "UPDATE Circle in talks to withdraw": an update flag in capitals before the headline is
/// not part of it (three words at least must remain).
fn without_flag(title: &str) -> &str {
    // An update flag only: "BREAKING:" is printed in headlines themselves, and "WATCH:"
    // or "VIDEO:" say what the page holds.
    const FLAGS: [&str; 2] = ["UPDATE", "UPDATED"];
    let Some((first, rest)) = title.split_once(' ') else {
        return title;
    };
    let flag = first.trim_end_matches([':', '-', '–']);
    let rest = rest.trim_start_matches([':', '-', '–', ' ']);
    if FLAGS.contains(&flag) && word_count(rest) >= 3 {
        rest
    } else {
        title
    }
}

/// "16/06/2021 How social prescribing is helping": a date printed before the headline on
/// its line, and the headline. Only a numeric date counts, with three words after it.
pub(super) fn leading_date(text: &str) -> Option<(FoundDate, &str)> {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (date, rest) = text.split_once(' ')?;
    let found = find_date(date).filter(|f| f.dateline && date.len() >= 8)?;
    (word_count(rest) >= 3).then_some((found, rest.trim()))
}

/// Records what a non-text line near the headline says (date, byline), or drops it.
pub(super) fn take_meta(line: &Line, parts: &mut Parts, why: &'static str) {
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
        Kind::Source(s) if parts.source.is_none() => parts.source = Some(s.clone()),
        Kind::Separator => {}
        _ => parts.dropped.push((line.number, line.text.clone(), why)),
    }
}

/// The page's date is the first one found, except that a publication date wins over an
/// update's date found before it ("Updated 5 May … Published 2 May").
pub(super) fn set_date(parts: &mut Parts, found: FoundDate) {
    if parts.date.is_none() || (parts.date_is_update && !found.updated) {
        parts.date = Some(found.date);
        parts.date_is_update = found.updated;
    }
}
