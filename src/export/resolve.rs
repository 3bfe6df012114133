//! A checked document with its references resolved: sources numbered in
//! order of first citation, speakers looked up, dates turned into intervals.
//! Every exporter reads this, never the raw model.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::date::{self, Interval};
use crate::model::inline::{self, Inline};
use crate::model::{Author, Block, Cite, Document, Person, Related, Resource, Source};

#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub id: String,
    pub title: String,
    /// The short title for running headers (the title when none is given).
    pub short_title: String,
    /// The language of the text, a BCP 47 tag, as written (`en` when not
    /// given: see [`Resolved::lang`]).
    pub lang: Option<String>,
    pub authors: Vec<Author>,
    pub published: Option<String>,
    pub updated: String,
    pub topics: Vec<String>,
    pub summary: String,
    pub sections: Vec<ResolvedSection>,
    /// Cited sources, numbered from 1 in order of first citation.
    pub sources: Vec<ResolvedSource>,
    pub resources: Vec<Resource>,
    pub related: Vec<Related>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedSection {
    pub id: String,
    pub heading: String,
    pub blocks: Vec<ResolvedBlock>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ResolvedBlock {
    Paragraph(Vec<ResolvedClaim>),
    Quote(ResolvedQuote),
}

/// A citation resolved to its source's number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub number: usize,
    pub locator: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedClaim {
    /// Inline Markdown, as written.
    pub text: String,
    /// The text as read, once, for every exporter.
    pub inline: Vec<Inline>,
    pub date: Option<String>,
    pub interval: Option<Interval>,
    pub analysis: bool,
    /// Who the claim quotes in running prose, looked up in `people`.
    pub speaker: Option<Person>,
    pub citations: Vec<Citation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedQuote {
    pub text: String,
    /// The text as read, once, for every exporter.
    pub inline: Vec<Inline>,
    pub speaker: Person,
    pub context: Option<String>,
    pub date: Option<String>,
    pub citations: Vec<Citation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedSource {
    pub number: usize,
    pub source: Source,
    /// The formatted reference as plain text, identical in every export.
    pub reference: String,
    /// The same reference with the style's italics and links.
    pub formatted: Vec<Inline>,
}

impl Resolved {
    /// The document's language: its `lang` when that is a well-formed BCP 47
    /// tag, else `en`.
    pub fn lang(&self) -> &str {
        match self.lang.as_deref().map(str::trim) {
            Some(tag) if is_language_tag(tag) => tag,
            _ => "en",
        }
    }

    /// Every claim in reading order.
    pub fn claims(&self) -> impl Iterator<Item = &ResolvedClaim> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().flat_map(|b| match b {
                ResolvedBlock::Paragraph(claims) => claims.as_slice(),
                ResolvedBlock::Quote(_) => &[],
            })
        })
    }

    /// "Jonathan Masters, Deputy Editor" (authors joined with "and").
    pub fn byline(&self) -> String {
        let names: Vec<String> = self
            .authors
            .iter()
            .map(|a| match &a.role {
                Some(role) => format!("{}, {role}", a.name),
                None => a.name.to_string(),
            })
            .collect();
        names.join(" and ")
    }
}

/// "July 28, 2014", "July 2014" or "2014" for a date as written; the text
/// itself for forms with no plain reading (decades, intervals).
pub fn human_date(text: &str) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    let num = |s: &str| s.parse::<usize>().ok();
    match parts.as_slice() {
        [y, m, d] => match (num(m), num(d)) {
            (Some(m @ 1..=12), Some(d)) => format!("{} {d}, {y}", date::MONTHS[m - 1]),
            _ => text.to_owned(),
        },
        [y, m] => match num(m) {
            Some(m @ 1..=12) => format!("{} {y}", date::MONTHS[m - 1]),
            _ => text.to_owned(),
        },
        _ => text.to_owned(),
    }
}

/// Resolves a checked document. `format_reference` turns a source into its
/// reference text (see `export::reference`); sources are formatted in
/// parallel, each on its own, so the result does not depend on the order.
pub fn resolve(
    doc: &Document,
    format_reference: &(dyn Fn(&Source) -> Vec<Inline> + Sync),
) -> Resolved {
    let clean = sanitized(doc);
    let doc = clean.as_ref().unwrap_or(doc);
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut order: Vec<&Source> = Vec::new();
    let by_id: HashMap<&str, &Source> = doc.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut cite = |cites: &[Cite]| -> Vec<Citation> {
        let mut citations = cites
            .iter()
            .filter_map(|c| {
                let source = by_id.get(c.source())?;
                let next = numbers.len() + 1;
                let number = *numbers.entry(source.id.as_str()).or_insert_with(|| {
                    order.push(source);
                    next
                });
                Some(Citation {
                    number,
                    locator: c.locator().map(str::to_owned),
                })
            })
            .collect::<Vec<_>>();
        // Markers read in ascending order ("[2][5]", not "[5][2]") in every export.
        citations.sort_by_key(|c| c.number);
        citations.dedup();
        citations
    };
    let people: HashMap<&str, &Person> = doc.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let sections = doc
        .sections
        .iter()
        .map(|section| ResolvedSection {
            id: section.id.clone(),
            heading: section.heading.clone(),
            blocks: section
                .body
                .iter()
                .map(|block| match block {
                    Block::Paragraph(claims) => ResolvedBlock::Paragraph(
                        claims
                            .iter()
                            .map(|c| ResolvedClaim {
                                text: c.text.clone(),
                                inline: inline::parse(&c.text),
                                date: c.date.clone(),
                                interval: c.date.as_deref().and_then(|d| date::parse(d).ok()),
                                analysis: c.analysis,
                                speaker: c
                                    .speaker
                                    .as_deref()
                                    .and_then(|id| people.get(id).map(|p| (*p).clone())),
                                citations: cite(&c.cite),
                            })
                            .collect(),
                    ),
                    Block::Quote(q) => ResolvedBlock::Quote(ResolvedQuote {
                        text: q.text.clone(),
                        inline: inline::parse(q.text.trim()),
                        speaker: people.get(q.speaker.as_str()).map_or_else(
                            || Person {
                                id: q.speaker.clone(),
                                name: crate::model::Name::Written(q.speaker.clone()),
                                affiliation: None,
                                url: None,
                            },
                            |p| (*p).clone(),
                        ),
                        context: q.context.clone(),
                        date: q.date.clone(),
                        citations: cite(&q.cite),
                    }),
                })
                .collect(),
        })
        .collect();
    // Formatting a reference is the costly part of resolving (a CSL
    // engine run per source).
    let sources = order
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let formatted = format_reference(s);
            ResolvedSource {
                number: i + 1,
                source: (*s).clone(),
                reference: inline::plain(&formatted),
                formatted,
            }
        })
        .collect();
    Resolved {
        id: doc.id.clone(),
        title: doc.title.clone(),
        short_title: doc.short_title.clone().unwrap_or_else(|| doc.title.clone()),
        lang: doc.lang.clone(),
        authors: doc.authors.clone(),
        published: doc.published.clone(),
        updated: doc.updated.clone(),
        topics: doc.topics.clone(),
        summary: doc.summary.clone(),
        sections,
        sources,
        resources: doc.resources.clone(),
        related: doc.related.clone(),
    }
}

/// Characters that must never reach an export: control characters (other
/// than tab and line breaks) and the bidirectional embedding, override and
/// isolate controls, which make text display differently from how it reads.
/// `check` reports them (`text/control`, `text/bidi`); this is the backstop.
pub fn is_unsafe_char(c: char) -> bool {
    crate::model::chars::is_control(c) || crate::model::chars::is_bidi(c)
}

/// A copy of the document with unsafe characters removed from every string,
/// or None when it has none.
fn sanitized(doc: &Document) -> Option<Document> {
    /// Strips unsafe characters; true if any were found.
    fn strip(value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) if s.chars().any(is_unsafe_char) => {
                s.retain(|c| !is_unsafe_char(c));
                true
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().fold(false, |any, v| strip(v) | any)
            }
            serde_json::Value::Object(map) => map.values_mut().fold(false, |any, v| strip(v) | any),
            _ => false,
        }
    }
    let mut value = serde_json::to_value(doc).ok()?;
    if !strip(&mut value) {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// Whether `tag` has the form of a BCP 47 language tag: a primary language
/// subtag of 2 to 3 letters (or 4 to 8, reserved and registered), then
/// subtags of 1 to 8 letters and digits, separated by hyphens.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::human_date;

    #[test]
    fn dates_read_as_words() {
        assert_eq!(human_date("2014-07-28"), "July 28, 2014");
        assert_eq!(human_date("2014-07"), "July 2014");
        assert_eq!(human_date("2014"), "2014");
        assert_eq!(human_date("197X"), "197X");
    }
}
