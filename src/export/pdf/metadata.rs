//! Document metadata (written by the writer to both the Info dictionary and
//! XMP, so the two agree) and the outline.

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};

use crate::export::Resolved;
use crate::export::inline;

/// The document's metadata: title, authors, subject (the summary),
/// keywords (the topics), language, and the date of this version.
pub fn metadata(doc: &Resolved, lang: &str, seed: &str) -> Metadata {
    let authors: Vec<String> = doc
        .authors
        .iter()
        .map(|a| a.name.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty())
        .collect();
    let summary: Vec<&str> = doc.summary.split_whitespace().collect();
    let title = inline::collapse(&doc.title);
    let title = if title.trim().is_empty() {
        "Backgrounder".to_owned()
    } else {
        title
    };
    let mut metadata = Metadata::new()
        .title(title)
        .authors(authors)
        .description(summary.join(" "))
        .keywords(
            doc.topics
                .iter()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect(),
        )
        .language(lang.to_owned())
        .creator("backgrounder".to_owned())
        .producer(concat!("backgrounder ", env!("CARGO_PKG_VERSION")).to_owned())
        .document_id(format!("{:032x}", fnv128(seed.as_bytes())));
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    if let Some(date) = date(&doc.updated, epoch.as_deref()) {
        metadata = metadata.creation_date(date);
    }
    metadata
}

/// One outline entry per section heading.
pub fn outline(headings: &[(String, usize, Point)]) -> Outline {
    let mut outline = Outline::new();
    for (title, page, at) in headings {
        outline.push_child(OutlineNode::new(
            title.clone(),
            XyzDestination::new(*page, *at),
        ));
    }
    outline
}

/// The date written into the document: `SOURCE_DATE_EPOCH` (given as
/// `epoch`) when set, else the document's own `updated` date at midnight
/// UTC.
pub fn date(updated: &str, epoch: Option<&str>) -> Option<DateTime> {
    if let Some(seconds) = epoch.and_then(|s| s.trim().parse::<i64>().ok())
        && seconds >= 0
    {
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400);
        let (y, m, d) = civil(days);
        let year = u16::try_from(y).ok().filter(|y| *y <= 9999)?;
        return Some(
            DateTime::new(year)
                .month(m)
                .day(d)
                .hour((rest / 3600) as u8)
                .minute((rest % 3600 / 60) as u8)
                .second((rest % 60) as u8)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    let parts: Vec<&str> = updated.trim().split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| s.parse::<u16>().ok();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => (num(y)?, num(m)?, num(d)?),
        [y, m] if digits(y, 4) && digits(m, 2) => (num(y)?, num(m)?, 1),
        [y] if digits(y, 4) => (num(y)?, 1, 1),
        _ => return None,
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(
        DateTime::new(y)
            .month(m as u8)
            .day(d as u8)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

/// Year, month and day of a count of days since 1970-01-01 (Howard
/// Hinnant's algorithm).
fn civil(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// 128-bit FNV-1a: a stable hash for the document id (not for security).
pub fn fnv128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_fixed() {
        assert_eq!(
            date("2014-07-28", None),
            Some(
                DateTime::new(2014)
                    .month(7)
                    .day(28)
                    .hour(0)
                    .minute(0)
                    .second(0)
                    .utc_offset_hour(0)
                    .utc_offset_minute(0)
            )
        );
        assert!(date("2014-07", None).is_some());
        assert_eq!(date("197X", None), None);
        assert_eq!(date("2014-13-01", None), None);
        assert_eq!(civil(19_675), (2023, 11, 14));
        assert_eq!(
            date("2014-07-28", Some("1700000000")),
            Some(
                DateTime::new(2023)
                    .month(11)
                    .day(14)
                    .hour(22)
                    .minute(13)
                    .second(20)
                    .utc_offset_hour(0)
                    .utc_offset_minute(0)
            )
        );
        assert_eq!(date("2014-07-28", Some("soon")), date("2014-07-28", None));
    }
}
