//! What is measured of each headline candidate (a line of text above the article's running
//! text): features that travel across sites — length, case and punctuation shape, position
//! among the candidates and near the article, date and byline patterns, banner and notice
//! words (kept as data in rules.toml), repetition elsewhere on the page, and what the
//! neighbouring lines are. The weights that turn them into a score are fitted, not written
//! here: see [`super::title_model`] and `bench/fit_title.py`.

use std::collections::HashSet;

use super::dates::find_date;
use super::headline::{is_caption_copy, next_to_byline, split_site_suffix};
use super::lines::{is_name, is_prose, word_count, Kind, Line};
use super::rules::{EndKind, Marker, Rules};

/// Earlier candidates counted by `rank` up to this many: a long menu above the headline is
/// not held against it.
pub(super) const RANK_CAP: usize = 16;
/// Candidates between a line and the article's running text that do not count as far.
const NEAR_ARTICLE: usize = 8;
/// Candidates counted by `far_from_article` up to this many beyond [`NEAR_ARTICLE`].
const DISTANCE_CAP: usize = 20;

/// The features' names, in the order of [`Features`]' values: the fitted weights file
/// names them too, and a test holds the two to the same list.
pub const NAMES: [&str; 36] = [
    "words_1_3",
    "words_4_15",
    "words_16_25",
    "rank",
    "first_candidate",
    "far_from_article",
    "last_before_article",
    "notice",
    "date_stamp",
    "meta_lead",
    "title_case_short",
    "title_case_long",
    "credit_or_caption",
    "all_caps",
    "ends_colon",
    "ends_full_stop",
    "ends_question_or_bang",
    "long_sentence",
    "repeated_on_page",
    "repeated_as_menu",
    "copy_follows",
    "next_to_byline",
    "starts_lowercase",
    "is_name",
    "under_teaser_block",
    "title_bar",
    "button_or_label",
    "chrome_above",
    "prose_below",
    "digits",
    "is_prose",
    "masthead_position",
    "separator_in_line",
    "article_words",
    "capitalised_words",
    "short_lowercase_phrase",
];

/// One candidate's measurements, in the order of [`NAMES`].
pub type Features = [f64; NAMES.len()];

/// Where a candidate stands among the others.
pub(super) struct Position<'a> {
    /// Its index among the candidates.
    pub rank: usize,
    /// Candidates after it, before the article's running text.
    pub to_article: usize,
    /// Whether the article's running text was found at all: without it, position counts
    /// from the top only.
    pub article_found: bool,
    /// The content words of the article's first running text (lower-cased, four letters
    /// or more): a headline names what the article is about.
    pub article_words: &'a HashSet<String>,
    /// Under a "Most popular" block that stands between a byline-marked headline and the
    /// article: a teaser.
    pub under_teasers: bool,
}

/// The features of candidate line `i`.
pub(super) fn features(
    at: &Position<'_>,
    i: usize,
    lines: &[Line],
    lowered: &Lowered,
    rules: &Rules,
) -> Features {
    let (text, site) = split_site_suffix(&lines[i].text);
    let words = word_count(&text);
    let lower = text.to_lowercase();
    let b = |v: bool| f64::from(u8::from(v));
    let (rank, to_article) = match at.article_found {
        true => (at.rank.min(RANK_CAP), at.to_article),
        false => (at.rank, 0),
    };
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
    let (repeated, as_menu) = repetition(&text, i, lines, lowered);
    let copy_follows = lines[i + 1..]
        .iter()
        .take(40)
        .any(|l| split_site_suffix(&l.text).0.eq_ignore_ascii_case(&text));
    let chrome_above = lines[..i]
        .iter()
        .rev()
        .find(|l| l.kind != Kind::Separator)
        .is_some_and(|l| matches!(l.kind, Kind::Marker(Marker::Chrome)));
    let prose_below = lines[i + 1..]
        .iter()
        .find(|l| l.kind == Kind::Text)
        .is_some_and(|l| is_prose(&l.text));
    let first_text = lines.iter().position(|l| l.kind == Kind::Text) == Some(i);
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let content: Vec<String> = content_words(&text).collect();
    let in_article = content
        .iter()
        .filter(|w| at.article_words.contains(*w))
        .count();
    let capitalised = text
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let capitalised = capitalised as f64 / words.max(1) as f64;
    [
        b((1..=3).contains(&words)),
        b((4..=15).contains(&words)),
        b((16..=25).contains(&words)),
        rank as f64 / RANK_CAP as f64,
        b(at.rank == 0),
        to_article.saturating_sub(NEAR_ARTICLE).min(DISTANCE_CAP) as f64 / DISTANCE_CAP as f64,
        b(at.article_found && at.to_article == 0),
        b(rules.is_notice(&text)),
        // "November 19, 2019 / 12:21 AM / Updated", "Volume 617: debated on Friday 2
        // December 2016": a date stamp.
        b(words <= 16 && find_date(&text).is_some_and(|f| f.dateline || f.date.day.is_some())),
        b(META_LEADS.iter().any(|lead| lower.starts_with(lead))),
        // "Motorcycle Sport & Leisure": a short line in title case is a menu item or a
        // site's name more often than a headline; a long one a menu bar on one line.
        b((4..=5).contains(&words) && is_title_case(&text)),
        b(words >= 10 && is_title_case(&text)),
        // "(Reed Saxon / Associated Press)", and a caption printed again with its credit.
        b((text.starts_with('(') && text.ends_with(')')) || is_caption_copy(i, lines)),
        b(words >= 3 && !text.chars().any(char::is_lowercase)),
        // "ZDNet around the globe:": a label for what follows.
        b(text.ends_with(':')),
        b(text.ends_with('.')),
        b(text.ends_with(['?', '!'])),
        b(text.ends_with('.') && words > 12),
        b(repeated),
        b(as_menu),
        b(copy_follows),
        b(words >= 2 && next_to_byline(i, lines, rules)),
        b(text.chars().next().is_some_and(char::is_lowercase)),
        b(is_name(&text, rules) && words >= 2),
        b(at.under_teasers),
        b(site.is_some()),
        b(rules.is_button(&text) || rules.section_labels.contains(&lower)),
        b(chrome_above),
        b(prose_below),
        (digits.min(8) as f64) / 8.0,
        b(is_prose(&text)),
        b(first_text && words <= 6),
        b([" - ", " – ", " | ", " :: ", " » "]
            .iter()
            .any(|s| text.contains(s))),
        in_article as f64 / content.len().max(1) as f64,
        capitalised,
        // "doctor holding red stethoscope", "A nurse giving a patient a diabetes test": a
        // picture's description, in lower case with no closing stop.
        b(words >= 3 && capitalised <= 0.34 && !text.ends_with(['.', '?', '!', ':'])),
    ]
}

/// The words of a line that say what it is about: lower-cased, four letters or more.
pub(super) fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}

/// Does the page repeat the line (breadcrumb, title bar, "N thoughts on “…”", recent-posts
/// list), and is that repetition a menu printed twice (the copy stands among the same
/// neighbours)?
fn repetition(text: &str, i: usize, lines: &[Line], lowered: &Lowered) -> (bool, bool) {
    let quoted = Quoted::new(text);
    let mut repeated = false;
    for j in 0..lines.len() {
        if j != i && quoted.repeated_by(&lowered.lines[j], &lowered.heads[j]) {
            if same_neighbours(i, j, lines) {
                return (false, true);
            }
            repeated = true;
        }
    }
    (repeated, false)
}

/// Is candidate `i` under a "Most popular" block that stands below a byline-marked
/// headline candidate? Returns, for each candidate, whether it is such a teaser.
pub(super) fn under_teasers(candidates: &[usize], lines: &[Line], rules: &Rules) -> Vec<bool> {
    let block = candidates.last().and_then(|&last| {
        lines[..last]
            .iter()
            .rposition(|l| l.kind == Kind::Marker(Marker::ArticleEnd(EndKind::Related)))
    });
    let Some(block) = block else {
        return vec![false; candidates.len()];
    };
    let headline_above = candidates
        .iter()
        .any(|&i| i < block && word_count(&lines[i].text) >= 4 && next_to_byline(i, lines, rules));
    candidates
        .iter()
        .map(|&i| headline_above && i > block)
        .collect()
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
/// for the repetition test (it compares every candidate with every line).
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
