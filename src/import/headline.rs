//! Which line of a pasted page is its headline: each candidate above the article's running
//! text is scored on features that travel across sites (length and case, position near
//! the article, repetition elsewhere on the page, a byline beside it, banner and notice
//! words, date stamps), and title bars, flags and leading dates are trimmed off it.

use super::dates::{find_date, FoundDate};
use super::lines::name_before_role;
use super::lines::{is_name, word_count, Kind, Line};
use super::rules::{EndKind, Marker, Rules};

/// Headline score features of position: each earlier candidate line takes off
/// `RANK_WEIGHT` (up to `RANK_CAP` lines: a long menu above the headline is not held
/// against it), and each candidate line beyond `NEAR_ARTICLE` lines between it and the
/// article's running text takes off `DISTANCE_WEIGHT` (up to `DISTANCE_CAP` lines).
const RANK_WEIGHT: f64 = 0.25;
pub(super) const RANK_CAP: usize = 16;
const DISTANCE_WEIGHT: f64 = 0.3;
const NEAR_ARTICLE: usize = 8;
const DISTANCE_CAP: usize = 20;

/// Teasers under a "Most popular" block that stands between the headline and the article
/// are no headline: when a candidate above the block has a byline or dateline beside it,
/// the candidates under the block lose [`TEASER_PENALTY`].
pub(super) fn teasers_weigh_less(
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

/// "A Jobcentre Plus near Westferry." over "A Jobcentre Plus near Westferry. Photograph:
/// …": a picture's caption, printed again with its credit, is no start of the article.
pub(super) fn is_caption_copy(i: usize, lines: &[Line]) -> bool {
    let text = &lines[i].text;
    lines[i + 1..]
        .iter()
        .take(2)
        .any(|l| l.text.len() > text.len() && l.text.starts_with(text.as_str()))
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
    pub(super) fn new(lines: &[Line]) -> Lowered {
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
