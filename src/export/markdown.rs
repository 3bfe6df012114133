//! The Markdown export: CommonMark with GFM footnotes, written straight
//! from the resolved document.
//!
//! Layout: YAML front matter, the title, byline and updated date, the
//! summary, one `##` section per section (claims as running prose, each
//! followed by a footnote marker per source it cites; quotes as block
//! quotes with their attribution), Additional Resources, More on this
//! topic, and a Sources section holding one footnote definition per cited
//! source, numbered in order of first citation.
//!
//! Claim text is inline Markdown and keeps its emphasis and links (see
//! [`super::inline`]); every other field is plain text and is escaped.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::inline::{self, collapse, escape, escape_text_line, link_destination};
use super::resolve::{Citation, ResolvedBlock, human_date};
use super::{ExportError, ExportOptions, Exporter, Resolved};

/// The Markdown exporter (`md`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Markdown;

impl Exporter for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn export(&self, doc: &Resolved, _options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
        Ok(render(doc).into_bytes())
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML), with
/// `<` and `>` as `\u` escapes so no tag appears even in the front matter.
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped,
/// spaces as hyphens.
pub fn heading_anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn markers(citations: &[Citation]) -> String {
    let numbers: BTreeSet<usize> = citations.iter().map(|c| c.number).collect();
    let mut out = String::new();
    for n in numbers {
        let _ = write!(out, "[^{n}]");
    }
    out
}

/// A URL as an autolink (`<https://…>`), or as escaped text when it holds
/// characters an autolink cannot.
fn autolink(url: &str) -> String {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
    {
        escape(url)
    } else {
        format!("<{url}>")
    }
}

/// Renders the document as Markdown.
pub fn render(doc: &Resolved) -> String {
    // In-document links name a section id; on GitHub the anchor is made
    // from the heading text.
    let anchors: HashMap<String, String> = doc
        .sections
        .iter()
        .map(|s| (s.id.clone(), heading_anchor(&s.heading)))
        .collect();
    let map_url = |url: &str| -> String {
        match url.strip_prefix('#').and_then(|id| anchors.get(id)) {
            Some(anchor) => format!("#{anchor}"),
            None => url.to_owned(),
        }
    };

    let mut out = String::new();
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(&doc.title));
    out.push_str("authors:\n");
    for a in &doc.authors {
        let _ = writeln!(out, "  - {}", yaml_string(&a.name));
    }
    // A plain ISO date stays a YAML date; anything else is a string.
    let updated = &doc.updated;
    if updated.len() == 10
        && crate::model::date::parse(updated).is_ok()
        && !updated.contains(['~', '?', '%', 'X'])
    {
        let _ = writeln!(out, "updated: {updated}");
    } else {
        let _ = writeln!(out, "updated: {}", yaml_string(updated));
    }
    out.push_str("topics:\n");
    for t in &doc.topics {
        let _ = writeln!(out, "  - {}", yaml_string(t));
    }
    out.push_str("---\n\n");

    let _ = writeln!(out, "# {}\n", escape(&collapse(&doc.title)));
    let byline = doc.byline();
    if !byline.trim().is_empty() {
        let _ = writeln!(out, "{}\n", escape_text_line(&byline));
    }
    let _ = writeln!(out, "Updated {}\n", escape(&human_date(&doc.updated)));
    if !doc.summary.trim().is_empty() {
        let _ = writeln!(out, "{}\n", escape_text_line(&doc.summary));
    }

    // Locators used with each source, listed in its footnote.
    let mut locators: HashMap<usize, Vec<String>> = HashMap::new();
    let mut note_locator = |c: &Citation| {
        if let Some(l) = &c.locator {
            let list = locators.entry(c.number).or_default();
            if !list.contains(l) {
                list.push(l.clone());
            }
        }
    };

    for section in &doc.sections {
        let _ = writeln!(out, "## {}\n", escape(&collapse(&section.heading)));
        for block in &section.blocks {
            match block {
                ResolvedBlock::Paragraph(claims) => {
                    let mut prose: Vec<String> = Vec::new();
                    for claim in claims {
                        claim.citations.iter().for_each(&mut note_locator);
                        let text = inline::markdown(&inline::parse(&claim.text), &map_url);
                        let text = collapse(&text);
                        if text.is_empty() && claim.citations.is_empty() {
                            continue;
                        }
                        prose.push(format!("{text}{}", markers(&claim.citations)));
                    }
                    if !prose.is_empty() {
                        let _ = writeln!(out, "{}\n", inline::escape_line(&prose.join(" ")));
                    }
                }
                ResolvedBlock::Quote(q) => {
                    q.citations.iter().for_each(&mut note_locator);
                    // Quote text is inline Markdown, like claim text.
                    let text = inline::markdown(&inline::parse(q.text.trim()), &map_url);
                    let _ = writeln!(
                        out,
                        "> {}\n>",
                        inline::escape_line(&collapse(&format!("“{text}”")))
                    );
                    let mut who = q.speaker.name.clone();
                    if let Some(aff) = q
                        .speaker
                        .affiliation
                        .as_deref()
                        .filter(|a| !a.trim().is_empty())
                    {
                        let _ = write!(who, ", {aff}");
                    }
                    if let Some(ctx) = q.context.as_deref().filter(|c| !c.trim().is_empty()) {
                        let _ = write!(who, ", {ctx}");
                    }
                    let _ = writeln!(
                        out,
                        "> — {}{}\n",
                        escape(&collapse(&who)),
                        markers(&q.citations)
                    );
                }
            }
        }
    }

    if !doc.resources.is_empty() {
        out.push_str("## Additional Resources\n\n");
        for r in &doc.resources {
            let title = escape(&collapse(&r.title));
            let target = match (&r.url, &r.reference) {
                (Some(url), _) if inline::safe_url(url) => Some(url.clone()),
                (None, Some(id)) if super::build::valid_id(id) => Some(format!("{id}.md")),
                _ => None,
            };
            let mut line = match target {
                Some(t) => format!("[{title}]({})", link_destination(&t)),
                None => title,
            };
            if let Some(note) = r.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let _ = write!(line, ": {}", escape(&collapse(note)));
            }
            let _ = writeln!(out, "- {}", inline::escape_line(&line));
        }
        out.push('\n');
    }

    if !doc.related.is_empty() {
        out.push_str("## More on this topic\n\n");
        for r in &doc.related {
            let title = escape(&collapse(&r.title));
            let target = match (&r.url, &r.reference) {
                (Some(url), _) if inline::safe_url(url) => Some(url.clone()),
                (None, Some(id)) if super::build::valid_id(id) => Some(format!("{id}.md")),
                _ => None,
            };
            let mut line = match target {
                Some(t) => format!("[{title}]({})", link_destination(&t)),
                None => title,
            };
            if !r.authors.is_empty() {
                let names: Vec<String> = r.authors.iter().map(|a| collapse(a)).collect();
                let _ = write!(line, ", by {}", escape(&names.join("; ")));
            }
            if let Some(note) = r.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let _ = write!(line, ". {}", escape(&collapse(note)));
            }
            let _ = writeln!(out, "- {}", inline::escape_line(&line));
        }
        out.push('\n');
    }

    if !doc.sources.is_empty() {
        out.push_str("## Sources\n\n");
        for s in &doc.sources {
            let mut note = escape(&collapse(&s.reference));
            if let Some(list) = locators.get(&s.number) {
                let _ = write!(note, " Cited at: {}.", escape(&collapse(&list.join("; "))));
            }
            if let Some(archive) = s.source.archive.as_deref().filter(|a| inline::safe_url(a)) {
                let _ = write!(note, " Archived copy: {}.", autolink(archive));
            }
            let _ = writeln!(out, "[^{}]: {}", s.number, note);
        }
        out.push('\n');
    }

    // One trailing newline.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
