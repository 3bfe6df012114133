//! Dates as editors write them, and the intervals they stand for.
//!
//! Accepted: ISO 8601 calendar dates at reduced precision (`2014-07-28`,
//! `2014-07`, `2014`), EDTF level-1 forms (`197X` a decade, `19XX` a century,
//! a trailing `~` approximate, `?` uncertain, `%` both) and intervals
//! (`2011-12/2012-09`). Every date is an inclusive interval of days; an
//! approximate or uncertain date is widened by one unit of its precision on
//! each side, so `2012~` covers 2011-01-01..2013-12-31.

use std::fmt;

/// A day as a count of days since 1970-01-01.
pub type Day = i64;

/// An inclusive interval of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Interval {
    pub start: Day,
    pub end: Day,
}

impl Interval {
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// Why a date string is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not in any accepted form (the schema reports these).
    Form,
    /// In an accepted form but not a real calendar date, e.g. `2014-02-30`.
    Calendar(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Form => f.write_str("not a date in an accepted form"),
            DateError::Calendar(why) => f.write_str(why),
        }
    }
}

/// Parses a date in any accepted form into the interval it stands for.
pub fn parse(text: &str) -> Result<Interval, DateError> {
    let text = text.trim();
    if let Some((a, b)) = text.split_once('/') {
        let a = parse_single(a)?;
        let b = parse_single(b)?;
        if b.end < a.start {
            return Err(DateError::Calendar(
                "the interval ends before it starts".into(),
            ));
        }
        return Ok(Interval {
            start: a.start,
            end: b.end,
        });
    }
    parse_single(text)
}

fn parse_single(text: &str) -> Result<Interval, DateError> {
    let (core, widen) = match text.as_bytes().last() {
        Some(b'~' | b'?' | b'%') => (&text[..text.len() - 1], true),
        _ => (text, false),
    };
    let parts: Vec<&str> = core.split('-').collect();
    let year_text = parts[0];
    if year_text.len() != 4 || parts.len() > 3 {
        return Err(DateError::Form);
    }
    // Unspecified digits: `197X` is a decade, `19XX` a century.
    let unspecified = year_text.bytes().rev().take_while(|&b| b == b'X').count();
    let digits = &year_text[..4 - unspecified];
    if unspecified > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.is_empty() {
        return Err(DateError::Form);
    }
    if unspecified > 0 {
        if parts.len() > 1 {
            return Err(DateError::Form);
        }
        let scale = 10_i64.pow(unspecified as u32);
        let first = digits.parse::<i64>().map_err(|_| DateError::Form)? * scale;
        let last = first + scale - 1;
        let pad = if widen { scale } else { 0 };
        return Ok(Interval {
            start: days_from_civil(first - pad, 1, 1),
            end: days_from_civil(last + pad, 12, 31),
        });
    }
    let year: i64 = digits.parse().map_err(|_| DateError::Form)?;
    let number = |s: &str| -> Result<i64, DateError> {
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(s.parse().unwrap_or(0))
        } else {
            Err(DateError::Form)
        }
    };
    match parts.len() {
        1 => {
            let pad = i64::from(widen);
            Ok(Interval {
                start: days_from_civil(year - pad, 1, 1),
                end: days_from_civil(year + pad, 12, 31),
            })
        }
        2 => {
            let month = number(parts[1])?;
            if !(1..=12).contains(&month) {
                return Err(DateError::Calendar(format!("there is no month {month}")));
            }
            let start = days_from_civil(year, month, 1);
            let end = start + days_in_month(year, month) - 1;
            Ok(if widen {
                let (py, pm) = if month == 1 {
                    (year - 1, 12)
                } else {
                    (year, month - 1)
                };
                let (ny, nm) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                Interval {
                    start: days_from_civil(py, pm, 1),
                    end: days_from_civil(ny, nm, days_in_month(ny, nm)),
                }
            } else {
                Interval { start, end }
            })
        }
        _ => {
            let month = number(parts[1])?;
            let day = number(parts[2])?;
            if !(1..=12).contains(&month) {
                return Err(DateError::Calendar(format!("there is no month {month}")));
            }
            if day < 1 || day > days_in_month(year, month) {
                return Err(DateError::Calendar(format!(
                    "{} {year} has {} days",
                    MONTHS[(month - 1) as usize],
                    days_in_month(year, month)
                )));
            }
            let d = days_from_civil(year, month, day);
            let pad = i64::from(widen);
            Ok(Interval {
                start: d - pad,
                end: d + pad,
            })
        }
    }
}

pub const MONTHS: [&str; 12] = [
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

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day number, as (year, month, day).
pub fn civil_from_days(days: Day) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// A day as `YYYY-MM-DD`.
pub fn iso(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> (String, String) {
        let i = parse(text).unwrap();
        (iso(i.start), iso(i.end))
    }

    #[test]
    fn reduced_precision_dates_are_intervals() {
        assert_eq!(
            span("2014-07-28"),
            ("2014-07-28".into(), "2014-07-28".into())
        );
        assert_eq!(span("2014-02"), ("2014-02-01".into(), "2014-02-28".into()));
        assert_eq!(span("2012-02"), ("2012-02-01".into(), "2012-02-29".into()));
        assert_eq!(span("2014"), ("2014-01-01".into(), "2014-12-31".into()));
        assert_eq!(span("197X"), ("1970-01-01".into(), "1979-12-31".into()));
        assert_eq!(span("19XX"), ("1900-01-01".into(), "1999-12-31".into()));
        assert_eq!(span("2012~"), ("2011-01-01".into(), "2013-12-31".into()));
        assert_eq!(span("2012-12?"), ("2012-11-01".into(), "2013-01-31".into()));
        assert_eq!(
            span("2011-12/2012-09"),
            ("2011-12-01".into(), "2012-09-30".into())
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(matches!(parse("2014-02-30"), Err(DateError::Calendar(_))));
        assert!(matches!(parse("2014-13"), Err(DateError::Calendar(_))));
        assert!(matches!(parse("2013-02-29"), Err(DateError::Calendar(_))));
        assert!(matches!(
            parse("2012-09/2011-12"),
            Err(DateError::Calendar(_))
        ));
        assert_eq!(parse("July 2014"), Err(DateError::Form));
        assert_eq!(parse("14-07-28"), Err(DateError::Form));
        assert_eq!(parse("1XXX"), Err(DateError::Form));
        assert_eq!(parse(""), Err(DateError::Form));
    }

    #[test]
    fn day_numbers_round_trip() {
        for d in [-800_000, -1, 0, 1, 16_000, 20_000, 2_000_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }
}
