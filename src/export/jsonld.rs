//! The JSON-LD export: the document as a schema.org `Article`, the form
//! search engines and knowledge graphs read. Its `citation` list holds one
//! `CreativeWork` per cited source, in source-number order.

use serde_json::{Map, Value, json};

use super::json::to_bytes;
use super::{ExportError, ExportOptions, Exporter, Resolved, inline};

/// The JSON-LD exporter (`jsonld`).
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonLd;

impl Exporter for JsonLd {
    fn name(&self) -> &'static str {
        "jsonld"
    }

    fn extension(&self) -> &'static str {
        "jsonld"
    }

    fn export(&self, doc: &Resolved, _options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
        to_bytes(&article(doc))
    }
}

/// A content date in the ISO 8601 forms schema.org accepts (`2014`,
/// `2014-07`, `2014-07-28`); nothing for decades, approximate dates and
/// intervals.
fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let shape_ok = match text.len() {
        4 => true,
        7 => text.as_bytes()[4] == b'-',
        10 => text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-',
        _ => false,
    };
    let digits_ok = text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    (shape_ok && digits_ok && crate::model::date::parse(text).is_ok()).then(|| text.to_owned())
}

fn insert_opt(m: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        m.insert(key.to_owned(), v);
    }
}

/// A URL only if it is safe to follow.
fn url(value: Option<&String>) -> Option<Value> {
    value.filter(|u| inline::safe_url(u)).map(|u| json!(u))
}

/// The schema.org `Article` for a document. Unsafe characters are dropped
/// (see `export::resolve::is_unsafe_char`) and URLs that should not be followed left out.
pub fn article(doc: &Resolved) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("Article"));
    m.insert("identifier".into(), json!(doc.id));
    m.insert("headline".into(), json!(inline::collapse(&doc.title)));
    if doc.short_title != doc.title {
        m.insert("alternativeHeadline".into(), json!(doc.short_title));
    }
    m.insert("genre".into(), json!("Backgrounder"));
    let authors: Vec<Value> = doc
        .authors
        .iter()
        .map(|a| {
            let mut p = Map::new();
            person_or_organisation(&mut p, &a.name);
            insert_opt(&mut p, "jobTitle", a.role.as_ref().map(|r| json!(r)));
            insert_opt(&mut p, "url", url(a.url.as_ref()));
            Value::Object(p)
        })
        .collect();
    m.insert("author".into(), Value::Array(authors));
    insert_opt(
        &mut m,
        "datePublished",
        doc.published
            .as_deref()
            .and_then(iso_date)
            .map(Value::String),
    );
    insert_opt(
        &mut m,
        "dateModified",
        iso_date(&doc.updated).map(Value::String),
    );
    m.insert(
        "about".into(),
        Value::Array(
            doc.topics
                .iter()
                .map(|t| json!({ "@type": "Thing", "name": t }))
                .collect(),
        ),
    );
    m.insert("keywords".into(), json!(doc.topics));
    m.insert("abstract".into(), json!(inline::collapse(&doc.summary)));
    m.insert(
        "articleSection".into(),
        json!(
            doc.sections
                .iter()
                .map(|s| s.heading.clone())
                .collect::<Vec<_>>()
        ),
    );
    let citations: Vec<Value> = doc
        .sources
        .iter()
        .map(|s| {
            let src = &s.source;
            let mut c = Map::new();
            c.insert("@type".into(), json!("CreativeWork"));
            c.insert("position".into(), json!(s.number));
            c.insert("name".into(), json!(inline::collapse(&src.title)));
            if !src.authors.is_empty() {
                c.insert(
                    "author".into(),
                    Value::Array(
                        src.authors
                            .iter()
                            .map(|a| {
                                let mut p = Map::new();
                                person_or_organisation(&mut p, a);
                                Value::Object(p)
                            })
                            .collect(),
                    ),
                );
            }
            insert_opt(
                &mut c,
                "publisher",
                src.publisher
                    .as_ref()
                    .map(|p| json!({ "@type": "Organization", "name": p })),
            );
            insert_opt(
                &mut c,
                "datePublished",
                src.published
                    .as_deref()
                    .and_then(iso_date)
                    .map(Value::String),
            );
            insert_opt(&mut c, "url", url(src.url.as_ref()));
            insert_opt(&mut c, "archivedAt", url(src.archive.as_ref()));
            c.insert("description".into(), json!(s.reference));
            Value::Object(c)
        })
        .collect();
    m.insert("citation".into(), Value::Array(citations));
    Value::Object(m)
}

/// schema.org's Person (with `givenName` and `familyName` when the name was
/// written in parts) or, for a `literal` name, Organization.
fn person_or_organisation(p: &mut Map<String, Value>, name: &crate::model::Name) {
    use crate::model::Name;
    let kind = if matches!(name, Name::Literal { .. }) {
        "Organization"
    } else {
        "Person"
    };
    p.insert("@type".into(), json!(kind));
    p.insert("name".into(), json!(name.to_string()));
    if let Name::Parts(parts) = name {
        insert_opt(p, "givenName", parts.given.as_ref().map(|g| json!(g)));
        p.insert("familyName".into(), json!(parts.family_with_particle()));
    }
}
