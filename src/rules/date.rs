//! Dates: real calendar dates, in order, none after the document's `updated`
//! date, and consistent with the text and the sources. Every comparison is
//! between the intervals the dates stand for (see `model::date`).

use super::{Context, Family, Rule, lexicon};
use crate::diag::Kind::Offline;
use crate::diag::Severity::{Error, Warning};
use crate::model::date::{self, DateError, Interval, days_from_civil};

/// The `date/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[
        &INVALID,
        &ORDER,
        &FUTURE,
        &ACCESSED,
        &SOURCE_BEFORE_EVENT,
        &TEXT_MISMATCH,
        &UPDATED_FUTURE,
    ],
    check: Some(check),
};

pub const INVALID: Rule = Rule {
    code: "date/invalid",
    severity: Error,
    kind: Offline,
    summary: "a date that is not on the calendar",
    doc: rule_doc!("date/invalid"),
};

pub const ORDER: Rule = Rule {
    code: "date/order",
    severity: Error,
    kind: Offline,
    summary: "`published` is after `updated`",
    doc: rule_doc!("date/order"),
};

pub const FUTURE: Rule = Rule {
    code: "date/future",
    severity: Error,
    kind: Offline,
    summary: "a claim, quote or source is dated after the document's `updated` date",
    doc: rule_doc!("date/future"),
};

pub const ACCESSED: Rule = Rule {
    code: "date/accessed",
    severity: Error,
    kind: Offline,
    summary: "a source's `accessed` date is before it was published or after `updated`",
    doc: rule_doc!("date/accessed"),
};

pub const SOURCE_BEFORE_EVENT: Rule = Rule {
    code: "date/source-before-event",
    severity: Error,
    kind: Offline,
    summary: "a claim is supported only by sources published before the event it reports",
    doc: rule_doc!("date/source-before-event"),
};

pub const TEXT_MISMATCH: Rule = Rule {
    code: "date/text-mismatch",
    severity: Warning,
    kind: Offline,
    summary: "the years a claim's text names all lie outside its `date`",
    doc: rule_doc!("date/text-mismatch"),
};

pub const UPDATED_FUTURE: Rule = Rule {
    code: "date/updated-future",
    severity: Error,
    kind: Offline,
    summary: "the document's `updated` date is after today",
    doc: rule_doc!("date/updated-future"),
};

static TODAY: std::sync::OnceLock<i64> = std::sync::OnceLock::new();

/// Sets the day `date/updated-future` takes for today (days since
/// 1970-01-01), once per process; the command line's `--today`.
pub fn set_today(days: i64) {
    let _ = TODAY.set(days);
}

/// Today, in days since 1970-01-01: [`set_today`], else
/// `SOURCE_DATE_EPOCH`, else the system clock.
pub fn today() -> i64 {
    *TODAY.get_or_init(|| {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            });
        secs.div_euclid(86_400)
    })
}

pub fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let updated = valid(ctx, "/updated", &doc.updated);
    if let Some(u) = updated
        && u.start > today()
    {
        ctx.report(
            &UPDATED_FUTURE,
            "/updated".into(),
            format!(
                "`updated` ({}) is after today ({})",
                doc.updated,
                date::iso(today())
            ),
            "set `updated` to the day the document was last brought up to date; `--today DATE` sets today for a reproducible run".into(),
        );
    }
    let published = doc
        .published
        .as_deref()
        .and_then(|p| valid(ctx, "/published", p));
    if let (Some(p), Some(u)) = (published, updated)
        && p.start > u.end
    {
        ctx.report(
            &ORDER,
            "/published".into(),
            format!(
                "`published` ({}) is after `updated` ({})",
                doc.published.as_deref().unwrap_or_default(),
                doc.updated
            ),
            "correct whichever of the two dates is wrong".into(),
        );
    }

    let mut source_dates: Vec<Option<Interval>> = Vec::new();
    for (i, source) in doc.sources.iter().enumerate() {
        let pointer = format!("/sources/{i}");
        let published_at = format!("{pointer}/published");
        let published = source
            .published
            .as_deref()
            .and_then(|d| valid(ctx, &published_at, d));
        source_dates.push(published);
        if let (Some(p), Some(u)) = (published, updated) {
            future(ctx, &published_at, "this source is published", p, u);
        }
        if let Some(accessed) = source
            .accessed
            .as_deref()
            .and_then(|d| valid(ctx, &format!("{pointer}/accessed"), d))
        {
            if let Some(p) = published
                && accessed.end < p.start
            {
                ctx.report(
                    &ACCESSED,
                    format!("{pointer}/accessed"),
                    "this source is marked accessed before it was published".into(),
                    "correct `accessed` or `published`".into(),
                );
            } else if let Some(u) = updated
                && accessed.start > u.end
            {
                ctx.report(
                    &ACCESSED,
                    format!("{pointer}/accessed"),
                    format!(
                        "this source is marked accessed after the document's `updated` date ({})",
                        doc.updated
                    ),
                    "a source read after the as-of date cannot support the document; correct `accessed` or move `updated` forward".into(),
                );
            }
        }
    }
    let source_date = |id: &str| {
        doc.sources
            .iter()
            .position(|s| s.id == id)
            .and_then(|i| source_dates[i])
    };

    for (pointer, claim) in ctx.claims() {
        let Some(text) = claim.date.as_deref() else {
            continue;
        };
        let at = format!("{pointer}/date");
        let Some(when) = valid(ctx, &at, text) else {
            continue;
        };
        if let Some(u) = updated
            && future(ctx, &at, "this claim is dated", when, u)
        {
            // One finding for one defect: a date after `updated` is wrong,
            // so comparing it with the sources and the text adds nothing.
            continue;
        }
        let dated: Vec<Interval> = claim
            .cite
            .iter()
            .filter_map(|c| source_date(c.source()))
            .collect();
        if !dated.is_empty() && dated.iter().all(|s| s.end < when.start) {
            ctx.report(
                &SOURCE_BEFORE_EVENT,
                at.clone(),
                format!("every source this claim cites was published before the event it reports ({text})"),
                "cite a source published after the event, or correct the claim's `date`".into(),
            );
        }
        let range = year_range(&claim.text);
        let mut years = years_named(&claim.text);
        // A span written short (`1975–90`) names its end year too.
        if let Some((_, last)) = range {
            years.push(Interval {
                start: days_from_civil(last, 1, 1),
                end: days_from_civil(last, 12, 31),
            });
        }
        let range_mismatch = range.and_then(|(first, last)| {
            let (from, to) = text.split_once('/')?;
            let from = date::parse(from).ok()?;
            let to = date::parse(to).ok()?;
            let named = |y: i64| Interval {
                start: days_from_civil(y, 1, 1),
                end: days_from_civil(y, 12, 31),
            };
            (!named(first).overlaps(&from) || !named(last).overlaps(&to))
                .then(|| format!("{first}–{last}"))
        });
        if let Some(named) = range_mismatch {
            ctx.report(
                &TEXT_MISMATCH,
                at.clone(),
                format!("the text names the years {named} but the claim is dated {text}"),
                "make the ends of `date` the years the text names, or correct the text".into(),
            );
        } else if !years.is_empty() && !years.iter().any(|y| y.overlaps(&when)) {
            ctx.report(
                &TEXT_MISMATCH,
                at.clone(),
                format!(
                    "the text names {} but the claim is dated {text}",
                    describe_years(&claim.text)
                ),
                "make `date` cover the event the text reports".into(),
            );
        }
    }
    for (pointer, quote) in ctx.quotes() {
        if let Some(text) = quote.date.as_deref()
            && let Some(when) = valid(ctx, &format!("{pointer}/date"), text)
            && let Some(u) = updated
        {
            future(
                ctx,
                &format!("{pointer}/date"),
                "this quote is dated",
                when,
                u,
            );
        }
    }
}

/// Parses a date, reporting `date/invalid` for impossible ones. Dates in no
/// accepted form are left to the schema.
fn valid(ctx: &mut Context<'_>, pointer: &str, text: &str) -> Option<Interval> {
    match date::parse(text) {
        Ok(interval) => Some(interval),
        Err(DateError::Form) => None,
        Err(DateError::Calendar(why)) => {
            ctx.report(
                &INVALID,
                pointer.into(),
                format!("`{text}` is not a real date: {why}"),
                "correct the date; partial dates such as `2014-02` or `2014` are fine when the day is not known".into(),
            );
            None
        }
    }
}

/// Reports `date/future` when `when` lies after `updated`; true if it did.
fn future(
    ctx: &mut Context<'_>,
    pointer: &str,
    what: &str,
    when: Interval,
    updated: Interval,
) -> bool {
    let after = when.start > updated.end;
    if after {
        ctx.report(
            &FUTURE,
            pointer.into(),
            format!(
                "{what} {}, after the document's `updated` date {}",
                date::iso(when.start),
                date::iso(updated.end)
            ),
            "correct the date, or move `updated` forward if the document now covers it".into(),
        );
    }
    after
}

/// The years a text names, as intervals: `1965` is that year, `1970s` the decade.
pub fn years_named(text: &str) -> Vec<Interval> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = &text[start..i];
            // Skip figures such as `3,000` or `12,000` and decimals.
            let joined_before = start > 0 && matches!(bytes[start - 1], b',' | b'.');
            let joined_after = i + 1 < bytes.len()
                && matches!(bytes[i], b',' | b'.')
                && bytes[i + 1].is_ascii_digit();
            if run.len() == 4 && !joined_before && !joined_after && reads_as_year(text, start, i) {
                let year: i64 = run.parse().unwrap_or(0);
                if (1000..=2199).contains(&year) {
                    let decade = text[i..].starts_with('s') || text[i..].starts_with("'s");
                    let (first, last) = if decade && year % 10 == 0 {
                        (year, year + 9)
                    } else {
                        (year, year)
                    };
                    out.push(Interval {
                        start: days_from_civil(first, 1, 1),
                        end: days_from_civil(last, 12, 31),
                    });
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the four-digit number at `start..end` reads as a year rather
/// than a label (`Resolution 1701`, `Highway 1300`) or a count (`a
/// contingent of 1500 Revolutionary Guards`).
fn reads_as_year(text: &str, start: usize, end: usize) -> bool {
    let before: Vec<String> = text[..start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .map(str::to_lowercase)
        .collect();
    let previous = before.first().map(String::as_str).unwrap_or("");
    if lexicon::NUMBER_LABELS.contains(&previous) {
        return false;
    }
    let rest = &text[end..];
    if rest.starts_with('s') || rest.starts_with("'s") || rest.starts_with("’s") {
        return true;
    }
    if before.iter().any(|w| lexicon::MONTHS.contains(&w.as_str()))
        || lexicon::YEAR_WORDS.contains(&previous)
    {
        return true;
    }
    if lexicon::QUANTITY_WORDS.contains(&previous) {
        return false;
    }
    // A count is followed by what it counts: `1500 fighters`, `1500
    // Revolutionary Guards`.
    let after: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    let plural = |w: &str| {
        w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("'s")
            && !w.ends_with("’s")
    };
    let counted = match after.as_slice() {
        [first, ..] if plural(first) && rest.starts_with(' ') => true,
        [first, second, ..] => {
            rest.starts_with(' ')
                && first.chars().next().is_some_and(char::is_uppercase)
                && plural(second)
        }
        _ => false,
    };
    !counted
}

/// The end of a span written short after an en dash: `1975–90` ends in
/// 1990. (`2011-12` with a hyphen is a month, so only the dash counts.)
fn short_end(year: i64, rest: &str) -> Option<i64> {
    let digits = rest.strip_prefix('–')?;
    let two = digits.get(..2)?;
    if !two.bytes().all(|b| b.is_ascii_digit())
        || digits[2..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let end = year - year % 100 + two.parse::<i64>().ok()?;
    (end > year).then_some(end)
}

/// A span of years the text names: `from 1957 to 1990`, `between 1980 and
/// 1988`, `1980–1988`.
fn year_range(text: &str) -> Option<(i64, i64)> {
    // Two years need at least six digits (`1975–90`).
    text.bytes().filter(u8::is_ascii_digit).nth(5)?;
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| {
        let w = w.trim_end_matches(['.', ':']);
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<i64>().ok())
            .flatten()
            .filter(|y| (1000..=2199).contains(y))
    };
    for (i, w) in words.iter().enumerate() {
        if let (Some(a), Some(link), Some(b)) =
            (words.get(i + 1), words.get(i + 2), words.get(i + 3))
            && ((w.eq_ignore_ascii_case("from") && matches!(*link, "to" | "until" | "through"))
                || (w.eq_ignore_ascii_case("between") && *link == "and"))
            && let (Some(a), Some(b)) = (year(a), year(b))
        {
            return Some((a, b));
        }
        if let Some((a, b)) = w.split_once(['–', '-'])
            && let (Some(a), Some(b)) = (year(a), year(b))
        {
            return Some((a, b));
        }
        if let Some((a, b)) = w.split_once('–')
            && let Some(a) = year(a)
            && let Some(b) = short_end(a, &format!("–{}", b.trim_end_matches(['.', ':'])))
        {
            return Some((a, b));
        }
    }
    None
}

fn describe_years(text: &str) -> String {
    let years: Vec<String> = years_named(text)
        .iter()
        .map(|y| {
            let (a, _, _) = date::civil_from_days(y.start);
            let (b, _, _) = date::civil_from_days(y.end);
            if a == b {
                a.to_string()
            } else {
                format!("the {a}s")
            }
        })
        .collect();
    years.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_counts_are_not_years() {
        for text in [
            "Resolution 1701 replaced Resolution 1559.",
            "A contingent of 1500 Revolutionary Guards arrived.",
            "It runs along Highway 1300.",
            "Some 2000 fighters remained.",
        ] {
            assert!(years_named(text).is_empty(), "{text}");
        }
        for text in [
            "In 1982 the Guards arrived.",
            "the 1979 revolution",
            "(1980–88)",
        ] {
            assert_eq!(years_named(text).len(), 1, "{text}");
        }
        assert_eq!(year_range("from 1957 to 1990"), Some((1957, 1990)));
        assert_eq!(year_range("the war (1980–1988) ended"), Some((1980, 1988)));
        assert_eq!(
            year_range("the civil war (1975–90), it"),
            Some((1975, 1990))
        );
    }

    #[test]
    fn years_and_decades_are_found_but_not_figures() {
        let y =
            years_named("In 1965, and through the 1970s, some 12,000 of 3,000.5 died; 2011-12.");
        let starts: Vec<_> = y.iter().map(|i| date::iso(i.start)).collect();
        let ends: Vec<_> = y.iter().map(|i| date::iso(i.end)).collect();
        assert_eq!(starts, vec!["1965-01-01", "1970-01-01", "2011-01-01"]);
        assert_eq!(ends, vec!["1965-12-31", "1979-12-31", "2011-12-31"]);
    }
}
