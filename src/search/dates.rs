//! Dates in the search index, for date-range search. Each article's date is one number, a
//! key `yyyymmdd` with `00` for what the article does not say (2019-07 is 20190700, 2019
//! is 20190000), and 0 when it has no date. `dates.bin` holds every document's key, and
//! is fetched only by a query with a range. An article is in a range when any day it may
//! have been published on is; undated articles are in no range, and are counted apart.
//! search-core.js reads the same file the same way.

use super::shard::{DecodeError, Reader, Writer};
use crate::date::PartialDate;

/// An article's key; 0 for none.
pub fn key(date: Option<PartialDate>) -> u32 {
    date.map_or(0, |d| {
        let year = u32::try_from(d.year).unwrap_or(0);
        year * 10_000 + u32::from(d.month.unwrap_or(0)) * 100 + u32::from(d.day.unwrap_or(0))
    })
}

/// The first and last key of the days `key` may stand for: a bare year spans its months,
/// a month its days.
pub fn span(key: u32) -> (u32, u32) {
    let (month, day) = ((key / 100) % 100, key % 100);
    if month == 0 {
        (key, key + 1299)
    } else if day == 0 {
        (key, key + 99)
    } else {
        (key, key)
    }
}

/// A range of dates, both ends included, as keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: u32,
    pub to: u32,
}

impl Range {
    /// `from` and `to` as a person writes them ("2019", "2019-07", "2019-07-16"), either
    /// left out for an open end. None when neither is given.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Option<Range>, String> {
        if from.is_none() && to.is_none() {
            return Ok(None);
        }
        let bound = |s: Option<&str>, end: bool| -> Result<u32, String> {
            match s {
                None => Ok(if end { u32::MAX } else { 0 }),
                Some(s) => parse_date(s)
                    .map(|k| if end { span(k).1 } else { span(k).0 })
                    .ok_or_else(|| {
                        format!("`{s}` is not a date: write 2019, 2019-07 or 2019-07-16")
                    }),
            }
        };
        Ok(Some(Range {
            from: bound(from, false)?,
            to: bound(to, true)?,
        }))
    }

    /// Whether an article dated `key` may fall in the range (never when undated).
    pub fn contains(&self, key: u32) -> bool {
        let (first, last) = span(key);
        key != 0 && first <= self.to && last >= self.from
    }
}

/// "2019", "2019-07" or "2019-07-16" as a key; the date must exist.
fn parse_date(s: &str) -> Option<u32> {
    let mut parts = s.trim().split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
    let day: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
    if parts.next().is_some() {
        return None;
    }
    PartialDate::new(year, month, day).map(|d| key(Some(d)))
}

/// `dates.bin`: the number of documents, then each key as the difference from the one
/// before, zigzagged (documents run newest first, so most differences are small).
pub fn encode(keys: &[u32]) -> Vec<u8> {
    let mut w = Writer::default();
    w.uint(keys.len() as u64);
    let mut prev: i64 = 0;
    for &k in keys {
        let diff = i64::from(k) - prev;
        w.uint(((diff << 1) ^ (diff >> 63)) as u64);
        prev = i64::from(k);
    }
    w.buf
}

pub fn decode(bytes: &[u8]) -> Result<Vec<u32>, DecodeError> {
    let mut r = Reader::new(bytes);
    let n = r.uint()?;
    let mut keys = Vec::with_capacity(n.min(1 << 24) as usize);
    let mut prev: i64 = 0;
    for _ in 0..n {
        let z = r.uint()?;
        let diff = (z >> 1) as i64 ^ -((z & 1) as i64);
        prev += diff;
        keys.push(u32::try_from(prev).map_err(|_| DecodeError::Truncated)?);
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_date_is_in_a_range_when_any_of_its_days_is() {
        let r = Range::parse(Some("2019-07"), Some("2020-03"))
            .unwrap()
            .unwrap();
        assert!(r.contains(20190700) && r.contains(20190716) && r.contains(20200331));
        assert!(r.contains(20190000), "2019 may be July 2019");
        assert!(r.contains(20200000));
        assert!(!r.contains(20190630) && !r.contains(20200401) && !r.contains(20180000));
        assert!(!r.contains(0), "undated is in no range");
        let open = Range::parse(None, Some("2019")).unwrap().unwrap();
        assert!(open.contains(10000000) && open.contains(20191231) && !open.contains(20200101));
    }

    #[test]
    fn bounds_must_be_dates_that_exist() {
        assert!(Range::parse(Some("2019-13"), None).is_err());
        assert!(Range::parse(None, Some("2023-02-30")).is_err());
        assert!(Range::parse(Some("July 2019"), None).is_err());
        assert_eq!(Range::parse(None, None), Ok(None));
    }

    #[test]
    fn keys_survive_the_file() {
        let keys = [20240105, 20240100, 20230000, 20231231, 0, 0];
        assert_eq!(decode(&encode(&keys)).unwrap(), keys);
    }
}
