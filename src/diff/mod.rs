//! `backgrounder diff BASE`: the fact-checker's view of a change. Claims
//! and quotes added, changed (word by word), moved and removed since a git
//! revision, each with its citations resolved to the sources' title,
//! publisher, date and URL, and the sources added, changed or removed,
//! grouped by document and section.
//!
//! Claims have no ids, so they are matched by text: an identical text
//! anywhere in the changed documents is the same claim (moved if its
//! document or section differs); then a similar text in the same section,
//! the same document or, more strictly, another document is the same claim
//! edited. What stays unmatched was added or removed.

pub mod git;
pub mod render;
pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::{Block, Cite, Document, Source};
use words::Piece;

/// What happened to a claim, a source or a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Changed,
    Moved,
    Removed,
}

/// The whole report.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// The revision compared with, as given.
    pub base: String,
    pub summary: Summary,
    pub documents: Vec<DocumentChange>,
    /// Files that could not be read as documents, on either side.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Unreadable>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub claims_added: usize,
    pub claims_changed: usize,
    pub claims_moved: usize,
    pub claims_removed: usize,
    pub sources_added: usize,
    pub sources_changed: usize,
    pub sources_removed: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Unreadable {
    /// `base` or `head`.
    pub side: &'static str,
    pub path: String,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentChange {
    pub id: String,
    pub title: String,
    pub change: Change,
    pub sections: Vec<SectionChange>,
    pub sources: Vec<SourceChange>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionChange {
    pub id: String,
    pub heading: String,
    pub claims: Vec<ClaimChange>,
}

/// Where a claim was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    pub document: String,
    pub section: String,
    pub heading: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClaimChange {
    pub change: Change,
    /// `claim` or `quote`.
    pub kind: &'static str,
    /// The text now (as it was, for a removed claim).
    pub text: String,
    /// The text before, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The word-level changes from `before` to `text`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Piece>,
    /// Where a moved claim was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    pub analysis: bool,
    /// Its citations, resolved to the sources.
    pub cites: Vec<CitedSource>,
    /// The citations before, when they changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cites_before: Option<Vec<CitedSource>>,
}

/// A citation with what a fact-checker needs to find the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CitedSource {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// False when the document has no source with this id.
    pub found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceChange {
    pub change: Change,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For a changed source: each field that differs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// The documents read from one side, by id.
#[derive(Debug, Default)]
pub struct Side {
    pub documents: BTreeMap<String, Document>,
    pub unreadable: Vec<(String, String)>,
}

/// Reads documents from `(path, text)` pairs; a file that is not a
/// document, or a second file with an id already read, is listed as
/// unreadable.
pub fn read_side(files: &[(String, String)]) -> Side {
    let limits = crate::load::Limits::default();
    let mut side = Side::default();
    for (path, text) in files {
        let source = crate::load::SourceFile {
            path: PathBuf::from(path),
            text: text.clone(),
        };
        let doc = crate::load::parse(&source, limits)
            .map_err(|d| d.message)
            .and_then(|loaded| {
                if loaded.value.is_object() {
                    Document::deserialize(&loaded.value).map_err(|e| e.to_string())
                } else {
                    Err("it is not a mapping".into())
                }
            });
        match doc {
            Ok(doc) if side.documents.contains_key(&doc.id) => side.unreadable.push((
                path.clone(),
                format!("a second document with the id `{}`", doc.id),
            )),
            Ok(doc) => {
                side.documents.insert(doc.id.clone(), doc);
            }
            Err(why) => side.unreadable.push((path.clone(), why)),
        }
    }
    side
}

/// One claim or quote where it stands.
struct Flat<'a> {
    doc: &'a Document,
    section: usize,
    kind: &'static str,
    text: &'a str,
    cites: &'a [Cite],
    date: Option<&'a str>,
    speaker: Option<&'a str>,
    analysis: bool,
}

impl Flat<'_> {
    fn section_id(&self) -> &str {
        &self.doc.sections[self.section].id
    }

    fn place(&self) -> Place {
        let s = &self.doc.sections[self.section];
        Place {
            document: self.doc.id.clone(),
            section: s.id.clone(),
            heading: s.heading.clone(),
        }
    }

    fn same_place(&self, other: &Flat<'_>) -> bool {
        self.doc.id == other.doc.id && self.section_id() == other.section_id()
    }

    fn same_content(&self, other: &Flat<'_>) -> bool {
        self.text == other.text
            && self.cites == other.cites
            && self.date == other.date
            && self.speaker == other.speaker
            && self.analysis == other.analysis
    }
}

fn flatten(doc: &Document) -> Vec<Flat<'_>> {
    let mut out = Vec::new();
    for (section, s) in doc.sections.iter().enumerate() {
        for block in &s.body {
            match block {
                Block::Paragraph(claims) => out.extend(claims.iter().map(|c| Flat {
                    doc,
                    section,
                    kind: "claim",
                    text: &c.text,
                    cites: &c.cite,
                    date: c.date.as_deref(),
                    speaker: c.speaker.as_deref(),
                    analysis: c.analysis,
                })),
                Block::Quote(q) => out.push(Flat {
                    doc,
                    section,
                    kind: "quote",
                    text: &q.text,
                    cites: &q.cite,
                    date: q.date.as_deref(),
                    speaker: Some(q.speaker.as_str()),
                    analysis: false,
                }),
            }
        }
    }
    out
}

fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn source_date(s: &Source) -> Option<String> {
    s.published.clone()
}

fn resolve_cites(doc: &Document, cites: &[Cite]) -> Vec<CitedSource> {
    cites
        .iter()
        .map(|c| {
            let source = doc.sources.iter().find(|s| s.id == c.source());
            CitedSource {
                source: c.source().to_owned(),
                locator: c.locator().map(str::to_owned),
                found: source.is_some(),
                title: source.map(|s| s.title.clone()),
                publisher: source.and_then(|s| s.publisher.clone()),
                date: source.and_then(source_date),
                url: source.and_then(|s| s.url.clone()),
            }
        })
        .collect()
}

fn speaker_name(doc: &Document, speaker: Option<&str>) -> Option<String> {
    let id = speaker?;
    Some(
        doc.people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name.to_string()),
    )
}

/// The least similarity for an edited claim: in its own section, elsewhere
/// in its document, in another document.
const SAME_SECTION: f64 = 0.5;
const SAME_DOCUMENT: f64 = 0.6;
const OTHER_DOCUMENT: f64 = 0.8;
/// Fuzzy matching across documents is skipped above this many pairs.
const MAX_FUZZY_PAIRS: usize = 250_000;

/// Compares two sides. Only documents that differ take part.
pub fn compare(base_rev: &str, base: &Side, head: &Side) -> Report {
    let changed = |id: &String| base.documents.get(id) != head.documents.get(id);
    let base_docs: Vec<&Document> = base.documents.values().filter(|d| changed(&d.id)).collect();
    let head_docs: Vec<&Document> = head.documents.values().filter(|d| changed(&d.id)).collect();
    let old: Vec<Flat<'_>> = base_docs.iter().flat_map(|d| flatten(d)).collect();
    let new: Vec<Flat<'_>> = head_docs.iter().flat_map(|d| flatten(d)).collect();

    // new index -> old index
    let mut pair: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in old.iter().enumerate() {
        by_text.entry(normalized(c.text)).or_default().push(i);
    }
    // Exact texts: the same place first, then the same document, then anywhere.
    for rank in 0..3 {
        for (j, c) in new.iter().enumerate() {
            if pair[j].is_some() {
                continue;
            }
            let Some(candidates) = by_text.get(&normalized(c.text)) else {
                continue;
            };
            let fits = |o: &Flat<'_>| match rank {
                0 => o.same_place(c),
                1 => o.doc.id == c.doc.id,
                _ => true,
            };
            if let Some(&i) = candidates.iter().find(|&&i| !taken[i] && fits(&old[i])) {
                pair[j] = Some(i);
                taken[i] = true;
            }
        }
    }
    // Similar texts, best match first within each scope.
    let unmatched_pairs =
        pair.iter().filter(|p| p.is_none()).count() * taken.iter().filter(|t| !**t).count();
    for (rank, least) in [(0, SAME_SECTION), (1, SAME_DOCUMENT), (2, OTHER_DOCUMENT)] {
        if rank == 2 && unmatched_pairs > MAX_FUZZY_PAIRS {
            break;
        }
        for (j, c) in new.iter().enumerate() {
            if pair[j].is_some() {
                continue;
            }
            let mut best: Option<(f64, usize)> = None;
            for (i, o) in old.iter().enumerate() {
                let scope = match rank {
                    0 => o.same_place(c),
                    1 => o.doc.id == c.doc.id,
                    _ => o.doc.id != c.doc.id,
                };
                if taken[i] || !scope || o.kind != c.kind {
                    continue;
                }
                let score = words::similarity(o.text, c.text);
                if score >= least && best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, i));
                }
            }
            if let Some((_, i)) = best {
                pair[j] = Some(i);
                taken[i] = true;
            }
        }
    }

    let mut report = Report {
        base: base_rev.to_owned(),
        ..Report::default()
    };
    // Claims by (document, section index) where they are reported.
    let mut claims: BTreeMap<(String, bool, usize), Vec<ClaimChange>> = BTreeMap::new();
    for (j, c) in new.iter().enumerate() {
        let change = match pair[j] {
            None => Some(Change::Added),
            Some(i) if !old[i].same_place(c) => Some(Change::Moved),
            Some(i) if !old[i].same_content(c) => Some(Change::Changed),
            Some(_) => None,
        };
        let Some(change) = change else { continue };
        let before = pair[j].map(|i| &old[i]);
        let text_changed = before.is_some_and(|o| o.text != c.text);
        let cites = resolve_cites(c.doc, c.cites);
        let cites_before = before
            .map(|o| resolve_cites(o.doc, o.cites))
            .filter(|b| *b != cites);
        claims
            .entry((c.doc.id.clone(), true, c.section))
            .or_default()
            .push(ClaimChange {
                change,
                kind: c.kind,
                text: c.text.to_owned(),
                before: before.filter(|_| text_changed).map(|o| o.text.to_owned()),
                words: before
                    .filter(|_| text_changed)
                    .map(|o| words::diff(o.text, c.text))
                    .unwrap_or_default(),
                from: before.filter(|_| change == Change::Moved).map(Flat::place),
                date: c.date.map(str::to_owned),
                speaker: speaker_name(c.doc, c.speaker),
                analysis: c.analysis,
                cites,
                cites_before,
            });
    }
    for (i, o) in old.iter().enumerate() {
        if taken[i] {
            continue;
        }
        claims
            .entry((o.doc.id.clone(), false, o.section))
            .or_default()
            .push(ClaimChange {
                change: Change::Removed,
                kind: o.kind,
                text: o.text.to_owned(),
                before: None,
                words: Vec::new(),
                from: None,
                date: o.date.map(str::to_owned),
                speaker: speaker_name(o.doc, o.speaker),
                analysis: o.analysis,
                cites: resolve_cites(o.doc, o.cites),
                cites_before: None,
            });
    }
    for list in claims.values() {
        for c in list {
            let s = &mut report.summary;
            match c.change {
                Change::Added => s.claims_added += 1,
                Change::Changed => s.claims_changed += 1,
                Change::Moved => s.claims_moved += 1,
                Change::Removed => s.claims_removed += 1,
            }
        }
    }

    let mut ids: Vec<&String> = base_docs.iter().chain(&head_docs).map(|d| &d.id).collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let (b, h) = (base.documents.get(id), head.documents.get(id));
        let Some(doc) = h.or(b) else { continue };
        let change = match (b, h) {
            (None, _) => Change::Added,
            (_, None) => Change::Removed,
            _ => Change::Changed,
        };
        // Sections as they stand now, then those only the base had.
        let mut sections = Vec::new();
        if let Some(h) = h {
            for (index, s) in h.sections.iter().enumerate() {
                if let Some(list) = claims.remove(&(id.clone(), true, index)) {
                    sections.push((s.id.clone(), s.heading.clone(), list));
                }
            }
        }
        if let Some(b) = b {
            for (index, s) in b.sections.iter().enumerate() {
                let Some(list) = claims.remove(&(id.clone(), false, index)) else {
                    continue;
                };
                match sections.iter_mut().find(|(sid, _, _)| *sid == s.id) {
                    Some((_, _, existing)) => existing.extend(list),
                    None => sections.push((s.id.clone(), s.heading.clone(), list)),
                }
            }
        }
        let sources = source_changes(b, h);
        for s in &sources {
            let sum = &mut report.summary;
            match s.change {
                Change::Added => sum.sources_added += 1,
                Change::Removed => sum.sources_removed += 1,
                _ => sum.sources_changed += 1,
            }
        }
        if sections.is_empty() && sources.is_empty() && change == Change::Changed {
            continue;
        }
        report.documents.push(DocumentChange {
            id: id.clone(),
            title: doc.title.clone(),
            change,
            sections: sections
                .into_iter()
                .map(|(id, heading, claims)| SectionChange {
                    id,
                    heading,
                    claims,
                })
                .collect(),
            sources,
        });
    }
    for (side, list) in [("base", &base.unreadable), ("head", &head.unreadable)] {
        report
            .unreadable
            .extend(list.iter().map(|(path, reason)| Unreadable {
                side,
                path: path.clone(),
                reason: reason.clone(),
            }));
    }
    report
}

fn source_fields(s: &Source) -> [(&'static str, Option<String>); 8] {
    [
        ("type", Some(s.kind.clone())),
        ("title", Some(s.title.clone())),
        ("publisher", s.publisher.clone()),
        (
            "authors",
            (!s.authors.is_empty()).then(|| {
                s.authors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
        ),
        ("url", s.url.clone()),
        ("published", s.published.clone()),
        ("accessed", s.accessed.clone()),
        ("archive", s.archive.clone()),
    ]
}

fn source_change(change: Change, s: &Source, fields: Vec<FieldChange>) -> SourceChange {
    SourceChange {
        change,
        id: s.id.clone(),
        kind: s.kind.clone(),
        title: s.title.clone(),
        publisher: s.publisher.clone(),
        date: source_date(s),
        url: s.url.clone(),
        fields,
    }
}

fn source_changes(base: Option<&Document>, head: Option<&Document>) -> Vec<SourceChange> {
    let empty = Vec::new();
    let before = base.map_or(&empty, |d| &d.sources);
    let after = head.map_or(&empty, |d| &d.sources);
    let mut out = Vec::new();
    for s in after {
        match before.iter().find(|o| o.id == s.id) {
            None => out.push(source_change(Change::Added, s, Vec::new())),
            Some(o) => {
                let fields: Vec<FieldChange> = source_fields(o)
                    .into_iter()
                    .zip(source_fields(s))
                    .filter(|((_, a), (_, b))| a != b)
                    .map(|((field, a), (_, b))| FieldChange {
                        field,
                        before: a,
                        after: b,
                    })
                    .collect();
                if !fields.is_empty() {
                    out.push(source_change(Change::Changed, s, fields));
                }
            }
        }
    }
    for o in before {
        if !after.iter().any(|s| s.id == o.id) {
            out.push(source_change(Change::Removed, o, Vec::new()));
        }
    }
    out
}
