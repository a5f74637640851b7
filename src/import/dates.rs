//! Dates as pages print them: "Tue 16 Jul 2019", "March 3, 2018", "14:32, 3 March 2018",
//! "2018-03-03", "03/03/2018", "Originally published 2017."

use std::sync::LazyLock;

use regex::Regex;

use crate::date::{month_number, PartialDate};

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap_or_else(|e| unreachable!("{e}"))
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap_or_else(|e| unreachable!("{e}"))
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b){MONTH},?\s+(\d{{4}})(?-u:\b)"))
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)").unwrap_or_else(|e| unreachable!("{e}"))
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?-u:\b)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static PUBLISHED_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:originally |first )?(?:published|posted|written)(?: in| on)?:?\s+(\d{4})(?-u:\b)",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});
/// What may stand around a date on a dateline without making it a sentence.
static DATELINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|(?-u:\b)\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|(?-u:\b)(gmt|bst|utc|cet|est|pst|edt|pdt)(?-u:\b)|(?-u:\b)(originally|first|last|published|updated|posted|written|modified|date|on|at|by)(?-u:\b)|[|:,.•·»\-–—()]",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// A date found on a line, and whether the line is nothing but that date (a dateline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: PartialDate,
    pub dateline: bool,
}

/// The first date written on `line`, most precise form first.
pub fn find_date(line: &str) -> Option<FoundDate> {
    // Every date has a year in digits: most lines of prose can be passed over at once.
    if !line.chars().any(char::is_numeric) {
        return None;
    }
    let full = full_date(line);
    if full.is_none()
        && [&*DAY_MONTH_YEAR, &*MONTH_DAY_YEAR, &*ISO, &*NUMERIC]
            .iter()
            .any(|r| r.is_match(line))
    {
        // "31 February 2018" is a mistake, not "February 2018".
        return None;
    }
    let (date, span) = full
        .or_else(|| month_year(line))
        .or_else(|| published_year(line))?;
    let rest = format!("{}{}", &line[..span.0], &line[span.1..]);
    let rest = DATELINE_NOISE.replace_all(&rest, " ");
    let dateline = rest.split_whitespace().count() == 0;
    Some(FoundDate { date, dateline })
}

fn full_date(line: &str) -> Option<(PartialDate, (usize, usize))> {
    let month = |s: &str| month_number(s);
    let num = |s: &str| s.parse::<i32>().ok();
    let small = |s: &str| s.parse::<u8>().ok();
    if let Some(c) = DAY_MONTH_YEAR.captures(line) {
        let d = PartialDate::new(num(&c[3])?, month(&c[2]), small(&c[1]));
        return d.map(|d| (d, span(&c)));
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(line) {
        let d = PartialDate::new(num(&c[3])?, month(&c[1]), small(&c[2]));
        return d.map(|d| (d, span(&c)));
    }
    if let Some(c) = ISO.captures(line) {
        let d = PartialDate::new(num(&c[1])?, small(&c[2]), small(&c[3]));
        return d.map(|d| (d, span(&c)));
    }
    if let Some(c) = NUMERIC.captures(line) {
        // A British archive: day first, unless that cannot be.
        let (a, b) = (small(&c[1])?, small(&c[2])?);
        let (day, month) = if b > 12 { (b, a) } else { (a, b) };
        let d = PartialDate::new(num(&c[3])?, Some(month), Some(day));
        return d.map(|d| (d, span(&c)));
    }
    None
}

fn month_year(line: &str) -> Option<(PartialDate, (usize, usize))> {
    // "31 February 2018" is no date at all, not February 2018.
    if DAY_MONTH_YEAR.is_match(line) || MONTH_DAY_YEAR.is_match(line) {
        return None;
    }
    let c = MONTH_YEAR.captures(line)?;
    let d = PartialDate::new(c[2].parse().ok()?, month_number(&c[1]), None)?;
    Some((d, span(&c)))
}

fn published_year(line: &str) -> Option<(PartialDate, (usize, usize))> {
    let c = PUBLISHED_YEAR.captures(line)?;
    let d = PartialDate::new(c[1].parse().ok()?, None, None)?;
    Some((d, span(&c)))
}

fn span(c: &regex::Captures<'_>) -> (usize, usize) {
    c.get(0).map_or((0, 0), |m| (m.start(), m.end()))
}

/// "3 hours ago", "yesterday at 10:31": a relative timestamp, as comment sections print.
pub fn is_relative_time(line: &str) -> bool {
    static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(about |over )?(an?|\d+) (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago$|^(yesterday|today)( at .*)?$|^\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?$")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    RELATIVE.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Option<(String, bool)> {
        find_date(line).map(|f| (f.date.to_string(), f.dateline))
    }

    #[test]
    fn datelines_in_many_formats() {
        let yes = |s: &str| Some((s.to_string(), true));
        assert_eq!(found("Tue 16 Jul 2019"), yes("2019-07-16"));
        assert_eq!(found("Published: 14:32, 3 March 2018"), yes("2018-03-03"));
        assert_eq!(found("Mon 5 Feb 2018 07.00 GMT"), yes("2018-02-05"));
        assert_eq!(found("March 3, 2018"), yes("2018-03-03"));
        assert_eq!(found("Posted on 2018-03-03"), yes("2018-03-03"));
        assert_eq!(found("03/04/2018"), yes("2018-04-03"));
        assert_eq!(found("03-14-2018"), yes("2018-03-14"));
        assert_eq!(found("Originally published 2017."), yes("2017"));
        assert_eq!(found("Tue Mar 06, 2018 9:15 pm"), yes("2018-03-06"));
        assert_eq!(found("Last updated: July 2019"), yes("2019-07"));
    }

    #[test]
    fn dates_inside_sentences_are_not_datelines() {
        assert_eq!(
            found("On 3 March 2018 the minister announced the scheme would end."),
            Some(("2018-03-03".into(), false))
        );
        assert_eq!(found("In 2010 the government began."), None);
        assert_eq!(
            found("Update (22 November): Mithran over at Community Care"),
            None
        );
        assert_eq!(found("31 February 2018"), None);
    }

    #[test]
    fn relative_times() {
        assert!(is_relative_time("3 hours ago"));
        assert!(is_relative_time("Yesterday at 10:31"));
        assert!(!is_relative_time("Three hours ago we marched"));
    }
}
