//! Dates as pages print them: "Tue 16 Jul 2019", "March 3, 2018", "14:32, 3 March 2018",
//! "2018-03-03", "03/03/2018", "Originally published 2017."

use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet, SetMatches};

use crate::date::{month_number, PartialDate};

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// The forms of a date, most precise first; see [`Form`].
static FORMS: LazyLock<[String; 6]> = LazyLock::new(|| {
    [
        format!(r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}})(?-u:\b)"),
        format!(r"(?i)(?-u:\b){MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"),
        r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)".to_string(),
        r"(?-u:\b)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?-u:\b)".to_string(),
        format!(r"(?i)(?-u:\b){MONTH},?\s+(\d{{4}})(?-u:\b)"),
        r"(?i)(?-u:\b)(?:originally |first )?(?:published|posted|written)(?: in| on)?:?\s+(\d{4})(?-u:\b)"
            .to_string(),
    ]
});
/// Each form alone, for its captures.
static FORM: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    FORMS
        .iter()
        .map(|p| Regex::new(p).unwrap_or_else(|e| unreachable!("{e}")))
        .collect()
});
/// All forms at once: which of them a line holds, in one pass over it. Most lines with a
/// digit hold no date, and are then done with.
static ANY_FORM: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(FORMS.iter()).unwrap_or_else(|e| unreachable!("{e}")));

/// Indexes into [`FORMS`].
#[derive(Clone, Copy)]
enum Form {
    DayMonthYear,
    MonthDayYear,
    Iso,
    Numeric,
    MonthYear,
    PublishedYear,
}

/// The forms found on one line.
struct Found<'a> {
    line: &'a str,
    forms: SetMatches,
}

impl<'a> Found<'a> {
    fn has(&self, form: Form) -> bool {
        self.forms.matched(form as usize)
    }

    fn captures(&self, form: Form) -> Option<Captures<'a>> {
        if self.has(form) {
            FORM[form as usize].captures(self.line)
        } else {
            None
        }
    }
}

/// What may stand around a date on a dateline without making it a sentence.
static DATELINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^part of the [^–—]{1,60}[–—]\s*in (the )?(house of commons|house of lords|westminster hall|commons chamber|lords chamber|grand committee)|^volume \d{1,4}:?\s*debated|(?-u:\b)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|(?-u:\b)\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|(?-u:\b)(gmt|bst|utc|cet|cest|est|pst|edt|pdt|cst|ist|aest)(?-u:\b)|(?-u:\b)(about |over )?(an?|\d+) (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago(?-u:\b)|(?-u:\b)(originally|first|last|published|updated|posted|written|modified|date|on|at|by|open access|free to read|subscribers? only)(?-u:\b)|[|:,.•·»/\-–—()]",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// A date found on a line, and whether the line is nothing but that date (a dateline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: PartialDate,
    pub dateline: bool,
    /// The date is introduced as an update ("Updated Nov 13, 2019", "Last modified"), not
    /// as the page's publication.
    pub updated: bool,
}

/// The date on `line` if the line is a dateline: the date and nothing but weekdays,
/// times, "published on" and punctuation around it.
pub fn find_dateline(line: &str) -> Option<FoundDate> {
    // The longest datelines ("Originally published on Tuesday 16 July 2019 at 14:32 BST,
    // last updated ...") run to about twenty words. Most lines of a page are paragraphs
    // of prose, and a dateline's four regexes are wasted on them.
    const MOST_WORDS: usize = 32;
    if line.split_ascii_whitespace().nth(MOST_WORDS).is_some() {
        return None;
    }
    find_date(line).filter(|f| f.dateline)
}

/// The first date written on `line`, most precise form first.
pub fn find_date(line: &str) -> Option<FoundDate> {
    // Every date has a year in four digits (ASCII ones: no other kind parses as a year),
    // so most lines can be passed over at once.
    if !line
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let found = Found {
        line,
        forms: ANY_FORM.matches(line),
    };
    if !found.forms.matched_any() {
        return None;
    }
    let full = full_date(&found);
    let full_form = [
        Form::DayMonthYear,
        Form::MonthDayYear,
        Form::Iso,
        Form::Numeric,
    ];
    if full.is_none() && full_form.iter().any(|&f| found.has(f)) {
        // "31 February 2018" is a mistake, not "February 2018".
        return None;
    }
    let (date, span) = full
        .or_else(|| month_year(&found))
        .or_else(|| published_year(&found))?;
    let rest = format!("{}{}", &line[..span.0], &line[span.1..]);
    let rest = DATELINE_NOISE.replace_all(&rest, " ");
    let dateline = rest.split_whitespace().count() == 0;
    let lead = line[..span.0].to_lowercase();
    let updated = (lead.contains("updated") || lead.contains("modified"))
        && !lead.contains("published")
        && !lead.contains("posted");
    Some(FoundDate {
        date,
        dateline,
        updated,
    })
}

fn full_date(found: &Found<'_>) -> Option<(PartialDate, (usize, usize))> {
    let month = |s: &str| month_number(s);
    let num = |s: &str| s.parse::<i32>().ok();
    let small = |s: &str| s.parse::<u8>().ok();
    if let Some(c) = found.captures(Form::DayMonthYear) {
        let d = PartialDate::new(num(&c[3])?, month(&c[2]), small(&c[1]));
        return d.map(|d| (d, span(&c)));
    }
    if let Some(c) = found.captures(Form::MonthDayYear) {
        let d = PartialDate::new(num(&c[3])?, month(&c[1]), small(&c[2]));
        return d.map(|d| (d, span(&c)));
    }
    if let Some(c) = found.captures(Form::Iso) {
        let d = PartialDate::new(num(&c[1])?, small(&c[2]), small(&c[3]));
        return d.map(|d| (d, span(&c)));
    }
    if let Some(c) = found.captures(Form::Numeric) {
        // A British archive: day first, unless that cannot be.
        let (a, b) = (small(&c[1])?, small(&c[2])?);
        let (day, month) = if b > 12 { (b, a) } else { (a, b) };
        let d = PartialDate::new(num(&c[3])?, Some(month), Some(day));
        return d.map(|d| (d, span(&c)));
    }
    None
}

fn month_year(found: &Found<'_>) -> Option<(PartialDate, (usize, usize))> {
    // "31 February 2018" is no date at all, not February 2018.
    if found.has(Form::DayMonthYear) || found.has(Form::MonthDayYear) {
        return None;
    }
    let c = found.captures(Form::MonthYear)?;
    let d = PartialDate::new(c[2].parse().ok()?, month_number(&c[1]), None)?;
    Some((d, span(&c)))
}

fn published_year(found: &Found<'_>) -> Option<(PartialDate, (usize, usize))> {
    let c = found.captures(Form::PublishedYear)?;
    let d = PartialDate::new(c[1].parse().ok()?, None, None)?;
    Some((d, span(&c)))
}

fn span(c: &Captures<'_>) -> (usize, usize) {
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

    /// Issue 16: the forms of datelines that were missed.
    #[test]
    fn datelines_with_times_ages_and_debates() {
        let yes = |s: &str| Some((s.to_string(), true));
        assert_eq!(found("Thursday, 26 July 2018"), yes("2018-07-26"));
        assert_eq!(
            found("October 30, 2014 / 10:26 AM / 3 years ago"),
            yes("2014-10-30")
        );
        assert_eq!(found("11:00 am on 1 February 2022"), yes("2022-02-01"));
        assert_eq!(found("March 9, 2012 at 4:25 pm"), yes("2012-03-09"));
        assert_eq!(
            found("Part of the debate – in the House of Commons at 12:00 am on 2 December 2016."),
            yes("2016-12-02")
        );
        assert_eq!(
            found("Last Updated : Nov 20, 2019 01:41 PM IST"),
            yes("2019-11-20")
        );
        assert_eq!(found("7 July, 2020 Open access"), yes("2020-07-07"));
        assert_eq!(
            found("Volume 617: debated on Friday 2 December 2016"),
            yes("2016-12-02")
        );
        assert_eq!(
            found("Part of the fun – in the garden on 2 December 2016."),
            Some(("2016-12-02".into(), false))
        );
    }

    #[test]
    fn relative_times() {
        assert!(is_relative_time("3 hours ago"));
        assert!(is_relative_time("Yesterday at 10:31"));
        assert!(!is_relative_time("Three hours ago we marched"));
    }
}
