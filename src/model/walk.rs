//! Walking a document: every claim and quote text, every URL and every
//! `ref:`, each with its JSON pointer, in reading order. Rules, `check
//! --online`, `--changed-since` and the build manifest all read a document
//! through these.

use super::links::{self, TextLink};
use super::{Block, Document};

/// The pointer and inline-Markdown text of every claim and quote, in
/// reading order.
pub fn texts(doc: &Document) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for (s, section) in doc.sections.iter().enumerate() {
        for (b, block) in section.body.iter().enumerate() {
            match block {
                Block::Paragraph(claims) => {
                    for (c, claim) in claims.iter().enumerate() {
                        let mut pointer = block_pointer(s, b, "/paragraph/");
                        push_index(&mut pointer, c);
                        pointer.push_str("/text");
                        out.push((pointer, claim.text.as_str()));
                    }
                }
                Block::Quote(quote) => {
                    out.push((block_pointer(s, b, "/quote/text"), quote.text.as_str()));
                }
            }
        }
    }
    out
}

/// The pointer and value of every plain-text field a reader sees: titles,
/// the summary, headings, roles, affiliations, publishers, notes and quote
/// contexts, in document order. Exporters escape these; only claim and
/// quote text (see [`texts`]) is Markdown.
pub fn plain_texts(doc: &Document) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = vec![("/title".into(), doc.title.as_str())];
    if let Some(short) = &doc.short_title {
        out.push(("/short_title".into(), short));
    }
    out.push(("/summary".into(), &doc.summary));
    for (i, a) in doc.authors.iter().enumerate() {
        if let Some(role) = &a.role {
            out.push((format!("/authors/{i}/role"), role));
        }
    }
    for (s, section) in doc.sections.iter().enumerate() {
        out.push((format!("/sections/{s}/heading"), &section.heading));
        for (b, block) in section.body.iter().enumerate() {
            if let Block::Quote(quote) = block
                && let Some(context) = &quote.context
            {
                out.push((block_pointer(s, b, "/quote/context"), context));
            }
        }
    }
    for (i, p) in doc.people.iter().enumerate() {
        if let Some(affiliation) = &p.affiliation {
            out.push((format!("/people/{i}/affiliation"), affiliation));
        }
    }
    for (i, source) in doc.sources.iter().enumerate() {
        out.push((format!("/sources/{i}/title"), &source.title));
        if let Some(publisher) = &source.publisher {
            out.push((format!("/sources/{i}/publisher"), publisher));
        }
    }
    for (i, r) in doc.resources.iter().enumerate() {
        out.push((format!("/resources/{i}/title"), &r.title));
        if let Some(note) = &r.note {
            out.push((format!("/resources/{i}/note"), note));
        }
    }
    for (i, r) in doc.related.iter().enumerate() {
        out.push((format!("/related/{i}/title"), &r.title));
        if let Some(note) = &r.note {
            out.push((format!("/related/{i}/note"), note));
        }
    }
    out.retain(|(_, text)| !text.is_empty());
    out
}

/// A URL written in a document: where, the URL as written, and for a
/// source's `url` its `archive`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    pub pointer: String,
    pub url: String,
    pub archive: Option<String>,
}

/// Every URL written in a field (`url`, `archive`), in document order:
/// authors, people, sources, resources, related items.
pub fn field_urls(doc: &Document) -> Vec<Url> {
    let mut out = Vec::new();
    let mut field = |pointer: String, url: &Option<String>, archive: &Option<String>| {
        if let Some(url) = url {
            out.push(Url {
                pointer,
                url: url.clone(),
                archive: archive.clone(),
            });
        }
    };
    for (i, a) in doc.authors.iter().enumerate() {
        field(format!("/authors/{i}/url"), &a.url, &None);
    }
    for (i, p) in doc.people.iter().enumerate() {
        field(format!("/people/{i}/url"), &p.url, &None);
    }
    for (i, s) in doc.sources.iter().enumerate() {
        field(format!("/sources/{i}/url"), &s.url, &s.archive);
        field(format!("/sources/{i}/archive"), &s.archive, &None);
    }
    for (i, r) in doc.resources.iter().enumerate() {
        field(format!("/resources/{i}/url"), &r.url, &None);
    }
    for (i, r) in doc.related.iter().enumerate() {
        field(format!("/related/{i}/url"), &r.url, &None);
    }
    out
}

/// Every URL of a document: those of its fields, then every link target in
/// its texts (with the text's pointer), in reading order. Targets are as
/// written: `#fragment`s, `ref:`s and any scheme included.
pub fn urls(doc: &Document) -> Vec<Url> {
    let mut out = field_urls(doc);
    for (pointer, text) in texts(doc) {
        for link in links::links(text) {
            if let TextLink::Target(url) | TextLink::Bare(url) = link {
                out.push(Url {
                    pointer: pointer.clone(),
                    url,
                    archive: None,
                });
            }
        }
    }
    out
}

/// Every `ref:` written in a field (resources and related items), with its
/// pointer, in document order.
pub fn field_refs(doc: &Document) -> Vec<(String, &str)> {
    let resources = doc.resources.iter().enumerate().filter_map(|(i, r)| {
        let id = r.reference.as_deref()?;
        Some((format!("/resources/{i}/ref"), id))
    });
    let related = doc.related.iter().enumerate().filter_map(|(i, r)| {
        let id = r.reference.as_deref()?;
        Some((format!("/related/{i}/ref"), id))
    });
    resources.chain(related).collect()
}

/// `/sections/{s}/body/{b}{rest}`. Built for every claim and quote by
/// several rules, so written into one allocation rather than through
/// `format!`.
pub(crate) fn block_pointer(s: usize, b: usize, rest: &str) -> String {
    let mut out = String::with_capacity(48);
    out.push_str("/sections/");
    push_index(&mut out, s);
    out.push_str("/body/");
    push_index(&mut out, b);
    out.push_str(rest);
    out
}

/// Appends a list index in decimal.
pub(crate) fn push_index(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn block_pointers_match_their_formatted_form() {
        for (s, b, c) in [
            (0, 0, 0),
            (3, 10, 9),
            (12, 907, 100_000),
            (usize::MAX, 1, 0),
        ] {
            let mut p = block_pointer(s, b, "/paragraph/");
            push_index(&mut p, c);
            assert_eq!(p, format!("/sections/{s}/body/{b}/paragraph/{c}"));
            assert_eq!(
                block_pointer(s, b, "/quote"),
                format!("/sections/{s}/body/{b}/quote")
            );
        }
    }

    #[test]
    fn walks_texts_urls_and_refs_in_reading_order() {
        let doc: Document = serde_json::from_value(json!({
            "id": "x", "title": "T", "updated": "2014",
            "authors": [{ "name": "A", "url": "https://a.org" }],
            "sources": [{ "id": "s", "type": "report", "title": "S", "url": "https://s.org", "archive": "https://web.archive.org/s" }],
            "resources": [{ "title": "R", "ref": "other" }],
            "sections": [{ "id": "one", "title": "One", "body": [
                { "paragraph": [{ "text": "See [it](https://t.org) and [there](ref:third)." }] },
                { "quote": { "text": "Q https://q.org", "speaker": "B" } }
            ]}]
        }))
        .unwrap();
        assert_eq!(
            texts(&doc).into_iter().map(|(p, _)| p).collect::<Vec<_>>(),
            [
                "/sections/0/body/0/paragraph/0/text",
                "/sections/0/body/1/quote/text"
            ]
        );
        let urls: Vec<(String, String)> =
            urls(&doc).into_iter().map(|u| (u.pointer, u.url)).collect();
        let pair = |p: &str, u: &str| (p.to_owned(), u.to_owned());
        assert_eq!(
            urls,
            [
                pair("/authors/0/url", "https://a.org"),
                pair("/sources/0/url", "https://s.org"),
                pair("/sources/0/archive", "https://web.archive.org/s"),
                pair("/sections/0/body/0/paragraph/0/text", "https://t.org"),
                pair("/sections/0/body/0/paragraph/0/text", "ref:third"),
                pair("/sections/0/body/1/quote/text", "https://q.org"),
            ]
        );
        assert_eq!(
            field_urls(&doc)[1].archive.as_deref(),
            Some("https://web.archive.org/s")
        );
        assert_eq!(field_refs(&doc), [("/resources/0/ref".to_owned(), "other")]);
    }
}
