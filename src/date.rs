//! Dates as archives know them: often only a year or a month.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2019-07-16`, `2019-07` or `2017`. Ordered chronologically, a bare year first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// A checked date: month 1-12, a day that exists in that month, a plausible year.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        if !(1000..=9999).contains(&year) || (day.is_some() && month.is_none()) {
            return None;
        }
        if let Some(m) = month {
            let month = time::Month::try_from(m).ok()?;
            if let Some(d) = day {
                time::Date::from_calendar_date(year, month, d).ok()?;
            }
        }
        Some(PartialDate { year, month, day })
    }

    /// Parses exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let mut parts = s.split('-');
        let year = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
        let two = |p: Option<&str>| -> Option<Option<u8>> {
            match p {
                None => Some(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(Some(p.parse().ok()?))
                }
                Some(_) => None,
            }
        };
        let month = two(parts.next())?;
        let day = two(parts.next())?;
        if parts.next().is_some() {
            return None;
        }
        PartialDate::new(year, month, day)
    }

    /// "16 July 2019", "July 2019", "2019".
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// The first instant the date covers, as RFC 3339 (feeds need a full timestamp).
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// Is any part of this date after `today`?
    pub fn is_after(&self, today: PartialDate) -> bool {
        let cut = |d: &PartialDate, m: Option<u8>, day: Option<u8>| {
            (
                d.year,
                m.map(|_| d.month.unwrap_or(1)),
                day.map(|_| d.day.unwrap_or(1)),
            )
        };
        cut(self, self.month, self.day) > cut(&today, self.month, self.day)
    }

    /// Today, in UTC (the archive's dates carry no time zone).
    pub fn today() -> PartialDate {
        let now = time::OffsetDateTime::now_utc();
        PartialDate {
            year: now.year(),
            month: Some(u8::from(now.month())),
            day: Some(now.day()),
        }
    }
}

/// Why `YYYY-MM-DD` text is not a date, in words: "there is no month 13", "February 2023
/// has 28 days"; or, when it is not written that way, how to write one.
fn why_not(s: &str) -> String {
    let numbers: Vec<u32> = s
        .split('-')
        .map_while(|p| {
            p.parse()
                .ok()
                .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    let fallback = || "write YYYY-MM-DD, YYYY-MM or YYYY".to_string();
    let (Some(&year), Some(&month)) = (numbers.first(), numbers.get(1)) else {
        return fallback();
    };
    let Some(month) = u8::try_from(month)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
    else {
        return format!("there is no month {month}: write YYYY-MM-DD");
    };
    match (i32::try_from(year), numbers.get(2)) {
        (Ok(year), Some(&day)) if day == 0 || day > u32::from(month.length(year)) => format!(
            "{} {year} has {} days",
            MONTHS[usize::from(u8::from(month)) - 1],
            month.length(year)
        ),
        _ => fallback(),
    }
}

/// Month number of an English month name or abbreviation ("Jul", "july", "Sept").
pub fn month_number(name: &str) -> Option<u8> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == name || (name.len() <= m.len() && m.starts_with(&name) && name.len() >= 3)
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // YAML reads `date: 2017` as a number; accept it as the year it is.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Year(i64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(t) => t,
            Raw::Year(y) => y.to_string(),
        };
        PartialDate::parse_iso(text.trim()).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date: {}", why_not(text.trim())))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_date_says_why() {
        assert_eq!(why_not("2023-02-30"), "February 2023 has 28 days");
        assert_eq!(why_not("2024-02-30"), "February 2024 has 29 days");
        assert_eq!(why_not("2023-04-31"), "April 2023 has 30 days");
        assert_eq!(
            why_not("2023-13-01"),
            "there is no month 13: write YYYY-MM-DD"
        );
        assert_eq!(why_not("03/04/2019"), "write YYYY-MM-DD, YYYY-MM or YYYY");
    }

    #[test]
    fn iso_round_trip() {
        for s in ["2019-07-16", "2019-07", "2017"] {
            assert_eq!(PartialDate::parse_iso(s).unwrap().to_string(), s);
        }
        for bad in [
            "2019-13",
            "2019-02-30",
            "19-07-16",
            "2019-7-16",
            "July 2019",
            "",
        ] {
            assert_eq!(PartialDate::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn long_form_and_order() {
        let d = PartialDate::parse_iso("2019-07-16").unwrap();
        assert_eq!(d.long(), "16 July 2019");
        assert!(PartialDate::parse_iso("2019").unwrap() < d);
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("jul"), Some(7));
        assert_eq!(month_number("mar."), Some(3));
        assert_eq!(month_number("ma"), None);
    }

    #[test]
    fn future_dates_compare_at_their_precision() {
        let today = PartialDate::parse_iso("2026-11-25").unwrap();
        assert!(!PartialDate::parse_iso("2026").unwrap().is_after(today));
        assert!(!PartialDate::parse_iso("2026-11").unwrap().is_after(today));
        assert!(PartialDate::parse_iso("2026-12").unwrap().is_after(today));
        assert!(PartialDate::parse_iso("2026-11-26")
            .unwrap()
            .is_after(today));
    }
}
