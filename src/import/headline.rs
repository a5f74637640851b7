//! The headline's text and its surroundings: what a candidate line repeats or stands
//! beside (a caption's copy, a byline), and the title bars, flags and leading dates
//! trimmed off the chosen line. The choice itself is [`super::title_model`]'s, on
//! [`super::title_features`].

use super::dates::{find_date, FoundDate};
use super::lines::name_before_role;
use super::lines::{is_name, word_count, Kind, Line};
use super::rules::Rules;

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
