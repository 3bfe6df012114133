//! The JSON export: the resolved document for machines, described by
//! `schemas/export.schema.json`.
//!
//! Keys come out in a fixed order, every optional field is present (as
//! `null` when empty) so the shape never varies, dates are ISO 8601 (claim
//! dates as written plus the interval of days they stand for), and each
//! claim carries an HTML rendering of its inline Markdown with raw HTML
//! escaped and unsafe links removed.

use serde_json::{Map, Value, json};

use super::inline;
use super::resolve::{Citation, ResolvedBlock, ResolvedClaim};
use super::{ExportError, ExportOptions, Exporter, Resolved};
use crate::model::date::{self, Interval};

/// The version of the JSON export's shape; bumped on incompatible change.
pub const FORMAT_VERSION: u64 = 1;

/// The JSON exporter (`json`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Json;

impl Exporter for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn export(&self, doc: &Resolved, _options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
        to_bytes(&document(doc))
    }
}

/// Pretty JSON with a trailing newline.
/// Pretty JSON with `<`, `>` and `&` written as `\u` escapes, so that the
/// file can be inlined in an HTML `<script>` element (JSON-LD is) without
/// any string ending it. A JSON reader gets the same characters back.
pub fn to_bytes(value: &Value) -> Result<Vec<u8>, ExportError> {
    let pretty = serde_json::to_vec_pretty(value)?;
    let mut bytes = Vec::with_capacity(pretty.len() + 1);
    // Outside strings JSON has none of these bytes, so every one is inside
    // a string, where a `\u` escape means the same character.
    for b in pretty {
        match b {
            b'<' => bytes.extend_from_slice(b"\\u003c"),
            b'>' => bytes.extend_from_slice(b"\\u003e"),
            b'&' => bytes.extend_from_slice(b"\\u0026"),
            b => bytes.push(b),
        }
    }
    bytes.push(b'\n');
    Ok(bytes)
}

fn opt(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.to_owned()))
}

fn interval(i: Option<Interval>) -> Value {
    match i {
        Some(i) => json!({ "start": date::iso(i.start), "end": date::iso(i.end) }),
        None => Value::Null,
    }
}

fn citations(list: &[Citation]) -> Value {
    Value::Array(
        list.iter()
            .map(|c| json!({ "source": c.number, "locator": opt(c.locator.as_deref()) }))
            .collect(),
    )
}

fn claim(c: &ResolvedClaim) -> Value {
    let nodes = &c.inline;
    let mut m = Map::new();
    m.insert("text".into(), Value::String(inline::collapse(&c.text)));
    m.insert(
        "plain".into(),
        Value::String(inline::collapse(&inline::plain(nodes))),
    );
    m.insert("html".into(), Value::String(inline::html(nodes)));
    m.insert("analysis".into(), Value::Bool(c.analysis));
    m.insert(
        "speaker".into(),
        c.speaker.as_ref().map_or(
            Value::Null,
            |p| json!({ "id": p.id, "name": p.name.to_string(), "affiliation": opt(p.affiliation.as_deref()) }),
        ),
    );
    m.insert("date".into(), opt(c.date.as_deref()));
    m.insert("interval".into(), interval(c.interval));
    m.insert("citations".into(), citations(&c.citations));
    Value::Object(m)
}

/// Counts over the document's claims and sources.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub claims: usize,
    pub cited: usize,
    pub analysis: usize,
    pub quotes: usize,
    pub sources: usize,
}

impl Counts {
    pub fn of(doc: &Resolved) -> Counts {
        let mut counts = Counts {
            sources: doc.sources.len(),
            ..Counts::default()
        };
        for block in doc.sections.iter().flat_map(|s| &s.blocks) {
            match block {
                ResolvedBlock::Paragraph(claims) => {
                    for c in claims {
                        counts.claims += 1;
                        counts.analysis += usize::from(c.analysis);
                        counts.cited += usize::from(!c.citations.is_empty());
                    }
                }
                ResolvedBlock::Quote(_) => counts.quotes += 1,
            }
        }
        counts
    }
}

/// A URL only if it is safe to follow (http, https, mailto or relative).
fn url(value: Option<&str>) -> Value {
    opt(value.filter(|u| inline::safe_url(u)))
}

/// The document as a JSON value, keys in a fixed order. Unsafe characters
/// are dropped (see `export::resolve::is_unsafe_char`) and URLs a browser should not follow
/// become `null`.
pub fn document(doc: &Resolved) -> Value {
    let counts = Counts::of(doc);
    let sections: Vec<Value> = doc
        .sections
        .iter()
        .map(|s| {
            let blocks: Vec<Value> = s
                .blocks
                .iter()
                .map(|b| match b {
                    ResolvedBlock::Paragraph(claims) => json!({
                        "type": "paragraph",
                        "claims": claims.iter().map(claim).collect::<Vec<_>>(),
                    }),
                    ResolvedBlock::Quote(q) => json!({
                        "type": "quote",
                        "text": inline::collapse(&q.text),
                        "plain": inline::collapse(&inline::plain(&q.inline)),
                        "html": inline::html(&q.inline),
                        "speaker": {
                            "id": q.speaker.id,
                            "name": q.speaker.name.to_string(),
                            "affiliation": opt(q.speaker.affiliation.as_deref()),
                            "url": url(q.speaker.url.as_deref()),
                        },
                        "context": opt(q.context.as_deref()),
                        "date": opt(q.date.as_deref()),
                        "interval": interval(q.date.as_deref().and_then(|d| date::parse(d).ok())),
                        "citations": citations(&q.citations),
                    }),
                })
                .collect();
            json!({ "id": s.id, "heading": s.heading, "blocks": blocks })
        })
        .collect();
    let sources: Vec<Value> = doc
        .sources
        .iter()
        .map(|s| {
            let src = &s.source;
            json!({
                "number": s.number,
                "id": src.id,
                "type": src.kind,
                "title": inline::collapse(&src.title),
                "authors": src.authors.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "publisher": opt(src.publisher.as_deref()),
                "published": opt(src.published.as_deref()),
                "accessed": opt(src.accessed.as_deref()),
                "url": url(src.url.as_deref()),
                "archive": url(src.archive.as_deref()),
                "reference": s.reference,
                // The style's italics are presentational (a book's title),
                // so `<i>`, not the `<em>` of emphasis in claims.
                "reference_html": inline::html(&s.formatted)
                    .replace("<em>", "<i>")
                    .replace("</em>", "</i>"),
            })
        })
        .collect();
    let authors: Vec<Value> = doc
        .authors
        .iter()
        .map(|a| json!({ "name": a.name.to_string(), "role": opt(a.role.as_deref()), "url": url(a.url.as_deref()) }))
        .collect();
    let resources: Vec<Value> = doc
        .resources
        .iter()
        .map(|r| {
            json!({
                "title": inline::collapse(&r.title),
                "ref": opt(r.reference.as_deref()),
                "url": url(r.url.as_deref()),
                "note": r.note.as_deref().map(inline::collapse),
            })
        })
        .collect();
    let related: Vec<Value> = doc
        .related
        .iter()
        .map(|r| {
            json!({
                "title": inline::collapse(&r.title),
                "ref": opt(r.reference.as_deref()),
                "url": url(r.url.as_deref()),
                "authors": r.authors.iter().map(|a| inline::collapse(a)).collect::<Vec<_>>(),
                "note": r.note.as_deref().map(inline::collapse),
            })
        })
        .collect();
    json!({
        "format_version": FORMAT_VERSION,
        "id": doc.id,
        "title": doc.title,
        "short_title": doc.short_title,
        "authors": authors,
        "byline": doc.byline(),
        "published": opt(doc.published.as_deref()),
        "updated": doc.updated,
        "topics": doc.topics,
        "summary": inline::collapse(&doc.summary),
        "counts": {
            "claims": counts.claims,
            "cited": counts.cited,
            "analysis": counts.analysis,
            "quotes": counts.quotes,
            "sources": counts.sources,
        },
        "sections": sections,
        "sources": sources,
        "resources": resources,
        "related": related,
    })
}
