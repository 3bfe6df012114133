//! Document metadata (written by the writer to both the Info dictionary and
//! XMP, so the two agree) and the outline.

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};

use crate::export::Resolved;
use crate::export::inline;

/// The document's metadata: title, authors, subject (the summary),
/// keywords (the topics), language, and the date of this version (see
/// [`date`]).
pub fn metadata(doc: &Resolved, lang: &str, seed: &str, epoch: Option<i64>) -> Metadata {
    let authors: Vec<String> = doc
        .authors
        .iter()
        .map(|a| {
            a.name
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
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
        .document_id(blake3::hash(seed.as_bytes()).to_hex()[..32].to_owned());
    if let Some(date) = date(&doc.updated, epoch) {
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

/// The date written into the document: `epoch` (seconds since 1970, from
/// [`ExportOptions::date`](crate::export::ExportOptions::date)) when set,
/// else the document's own `updated` date at midnight UTC.
pub fn date(updated: &str, epoch: Option<i64>) -> Option<DateTime> {
    let seconds = match epoch {
        Some(seconds) if seconds >= 0 => seconds,
        _ => {
            // Only a plain year, month or day (not a decade or an interval).
            let updated = updated.trim();
            let plain = matches!(updated.len(), 4 | 7 | 10)
                && updated.bytes().all(|b| b.is_ascii_digit() || b == b'-');
            if !plain {
                return None;
            }
            crate::model::date::parse(updated).ok()?.start * 86_400
        }
    };
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (y, m, d) = crate::model::date::civil_from_days(days);
    let year = u16::try_from(y).ok().filter(|y| *y <= 9999)?;
    Some(
        DateTime::new(year)
            .month(m as u8)
            .day(d as u8)
            .hour((rest / 3600) as u8)
            .minute((rest % 3600 / 60) as u8)
            .second((rest % 60) as u8)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
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
        assert_eq!(
            date("2014-07-28", Some(1_700_000_000)),
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
        assert_eq!(date("2014-07-28", Some(-5)), date("2014-07-28", None));
    }
}
