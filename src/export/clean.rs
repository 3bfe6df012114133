//! Characters no export may carry, whatever the content says: control
//! characters (other than line breaks and tabs) and the Unicode
//! bidirectional overrides and isolates that can make text read differently
//! from what it says. `check` reports them (`text/control`, `text/bidi`);
//! the exporters also drop them, so an export stays inert even when fed a
//! document that skipped the check.

use std::borrow::Cow;

use super::resolve::{Citation, ResolvedBlock, ResolvedClaim, ResolvedQuote, ResolvedSection};
use super::{Resolved, ResolvedSource};
use crate::model::{Author, Person, Related, Resource, Source};

/// Whether a character is dropped from exports.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        || (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
}

/// The text without unsafe characters (borrowed when there are none).
pub fn text(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(s.chars().filter(|c| !is_unsafe(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

fn s(value: &str) -> String {
    text(value).into_owned()
}

fn o(value: &Option<String>) -> Option<String> {
    value.as_deref().map(s)
}

fn v(values: &[String]) -> Vec<String> {
    values.iter().map(|x| s(x)).collect()
}

fn person(p: &Person) -> Person {
    Person {
        id: s(&p.id),
        name: s(&p.name),
        affiliation: o(&p.affiliation),
        url: o(&p.url),
    }
}

fn citations(list: &[Citation]) -> Vec<Citation> {
    list.iter()
        .map(|c| Citation {
            number: c.number,
            locator: o(&c.locator),
        })
        .collect()
}

fn source(src: &Source) -> Source {
    Source {
        id: s(&src.id),
        kind: s(&src.kind),
        title: s(&src.title),
        publisher: o(&src.publisher),
        authors: v(&src.authors),
        url: o(&src.url),
        published: o(&src.published),
        accessed: o(&src.accessed),
        archive: o(&src.archive),
        ..src.clone()
    }
}

/// A copy of the document with every unsafe character removed.
pub fn document(doc: &Resolved) -> Resolved {
    Resolved {
        id: s(&doc.id),
        title: s(&doc.title),
        short_title: s(&doc.short_title),
        authors: doc
            .authors
            .iter()
            .map(|a| Author {
                name: s(&a.name),
                role: o(&a.role),
                url: o(&a.url),
            })
            .collect(),
        published: o(&doc.published),
        updated: s(&doc.updated),
        topics: v(&doc.topics),
        summary: s(&doc.summary),
        sections: doc
            .sections
            .iter()
            .map(|sec| ResolvedSection {
                id: s(&sec.id),
                heading: s(&sec.heading),
                blocks: sec
                    .blocks
                    .iter()
                    .map(|b| match b {
                        ResolvedBlock::Paragraph(claims) => ResolvedBlock::Paragraph(
                            claims
                                .iter()
                                .map(|c| ResolvedClaim {
                                    text: s(&c.text),
                                    date: o(&c.date),
                                    interval: c.interval,
                                    analysis: c.analysis,
                                    citations: citations(&c.citations),
                                })
                                .collect(),
                        ),
                        ResolvedBlock::Quote(q) => ResolvedBlock::Quote(ResolvedQuote {
                            text: s(&q.text),
                            speaker: person(&q.speaker),
                            context: o(&q.context),
                            date: o(&q.date),
                            citations: citations(&q.citations),
                        }),
                    })
                    .collect(),
            })
            .collect(),
        sources: doc
            .sources
            .iter()
            .map(|r| ResolvedSource {
                number: r.number,
                source: source(&r.source),
                reference: s(&r.reference),
            })
            .collect(),
        resources: doc
            .resources
            .iter()
            .map(|r| Resource {
                title: s(&r.title),
                reference: o(&r.reference),
                url: o(&r.url),
                note: o(&r.note),
            })
            .collect(),
        related: doc
            .related
            .iter()
            .map(|r| Related {
                title: s(&r.title),
                reference: o(&r.reference),
                url: o(&r.url),
                authors: v(&r.authors),
                note: o(&r.note),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_control_characters_are_dropped() {
        assert_eq!(text("a\u{202e}b\u{7}c\u{2066}d\ne"), "abcd\ne");
        assert!(matches!(text("plain"), Cow::Borrowed(_)));
    }
}
