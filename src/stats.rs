//! `check --stats`: what each document holds, for editors' reports.

use serde::Serialize;

use crate::model::date::{self, Interval};
use crate::model::{Block, Document};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentStats {
    pub id: String,
    pub claims: usize,
    pub cited: usize,
    pub analysis: usize,
    pub quotes: usize,
    pub sources: usize,
    /// The earliest and latest day the claims' dates cover, as ISO dates.
    pub span: Option<(String, String)>,
}

impl DocumentStats {
    /// The share of claims that cite a source, in percent.
    pub fn cited_percent(&self) -> f64 {
        if self.claims == 0 {
            100.0
        } else {
            self.cited as f64 * 100.0 / self.claims as f64
        }
    }
}

pub fn of(doc: &Document) -> DocumentStats {
    let mut stats = DocumentStats {
        id: doc.id.clone(),
        claims: 0,
        cited: 0,
        analysis: 0,
        quotes: 0,
        sources: doc.sources.len(),
        span: None,
    };
    let mut span: Option<Interval> = None;
    for section in &doc.sections {
        for block in &section.body {
            match block {
                Block::Paragraph(claims) => {
                    for claim in claims {
                        stats.claims += 1;
                        stats.cited += usize::from(!claim.cite.is_empty());
                        stats.analysis += usize::from(claim.analysis);
                        if let Some(i) = claim.date.as_deref().and_then(|d| date::parse(d).ok()) {
                            span = Some(match span {
                                None => i,
                                Some(s) => Interval {
                                    start: s.start.min(i.start),
                                    end: s.end.max(i.end),
                                },
                            });
                        }
                    }
                }
                Block::Quote(_) => stats.quotes += 1,
            }
        }
    }
    stats.span = span.map(|s| (date::iso(s.start), date::iso(s.end)));
    stats
}
