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

use std::collections::HashMap;
use std::fmt::Write as _;

use super::inline::{self, collapse, escape, link_destination};
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

/// A YAML double-quoted scalar (JSON string syntax is valid YAML) holding
/// the field's text exactly. `[`, `]`, `<` and `>` are written as `\u`
/// escapes, so that a reader that takes the front matter for Markdown
/// (cmark-gfm has no front matter) finds no link or tag in it. A value
/// that a reader taking front matter values as Markdown (pandoc) would
/// turn into raw HTML or a link with a forbidden target is written
/// Markdown-escaped instead.
fn yaml_string(text: &str) -> String {
    let text = collapse(text);
    let value = if reads_as_unsafe_markdown(&text) {
        escape(&text)
    } else {
        text
    };
    serde_json::to_string(&value)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('[', "\\u005b")
        .replace(']', "\\u005d")
}

/// Whether a Markdown reader (with the usual extensions) would see raw
/// HTML or a link or image with a target [`inline::safe_url`] refuses.
fn reads_as_unsafe_markdown(text: &str) -> bool {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    if !text.contains(['<', '[', '&', ':']) {
        return false;
    }
    Parser::new_ext(text, Options::all()).any(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !inline::safe_url(&dest_url)
        }
        _ => false,
    })
}

/// Plain text as Markdown: escaped, bare URLs as links, typographic
/// punctuation, on one line.
fn text(value: &str) -> String {
    inline::markdown(&inline::plain_text(&collapse(value)), &|u| u.to_owned())
}

/// Plain text as the text of a link (no links inside it).
fn label(value: &str) -> String {
    escape(&inline::typographic(&collapse(value)))
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

/// A footnote reference per citation, in the order cited, each followed
/// by its locator when it has one: `[^2] (p. 45)[^5]`.
fn markers(citations: &[Citation]) -> String {
    let mut out = String::new();
    let mut seen: Vec<(usize, Option<&str>)> = Vec::new();
    for c in citations {
        let key = (c.number, c.locator.as_deref().map(str::trim));
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let _ = write!(out, "[^{}]", c.number);
        if let Some(l) = key.1.filter(|l| !l.is_empty()) {
            let _ = write!(out, " ({})", label(l));
        }
    }
    out
}

/// A resource or related item's title, linked to its URL or, for `ref:`,
/// to the other backgrounder's Markdown export.
fn titled(title: &str, url: Option<&str>, reference: Option<&str>) -> String {
    let target = match (url, reference) {
        (Some(url), _) if inline::safe_url(url) => Some(url.to_owned()),
        (None, Some(id)) if crate::model::id::valid_id(id) => Some(format!("{id}.md")),
        _ => None,
    };
    let title = label(title);
    let title = if title.is_empty() {
        title
    } else {
        format!("*{title}*")
    };
    match target {
        Some(t) => format!("[{title}]({})", link_destination(&t)),
        None => title,
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
    let _ = writeln!(out, "id: {}", yaml_string(&doc.id));
    let _ = writeln!(out, "title: {}", yaml_string(&doc.title));
    out.push_str("authors:\n");
    for a in &doc.authors {
        let _ = writeln!(out, "  - name: {}", yaml_string(&a.name.to_string()));
        if let Some(role) = a.role.as_deref().filter(|r| !r.trim().is_empty()) {
            let _ = writeln!(out, "    role: {}", yaml_string(role));
        }
    }
    if let Some(published) = &doc.published {
        let _ = writeln!(out, "published: {}", yaml_string(published));
    }
    let _ = writeln!(out, "updated: {}", yaml_string(&doc.updated));
    out.push_str("topics:\n");
    for t in &doc.topics {
        let _ = writeln!(out, "  - {}", yaml_string(t));
    }
    let _ = writeln!(out, "summary: {}", yaml_string(&doc.summary));
    out.push_str("---\n\n");

    let _ = writeln!(out, "# {}\n", text(&doc.title));
    let byline = doc.byline();
    if !byline.trim().is_empty() {
        let _ = writeln!(out, "{}\n", inline::escape_line(&text(&byline)));
    }
    let _ = writeln!(out, "Updated {}\n", escape(&human_date(&doc.updated)));
    if !doc.summary.trim().is_empty() {
        let _ = writeln!(out, "{}\n", inline::escape_line(&text(&doc.summary)));
    }

    for section in &doc.sections {
        let _ = writeln!(out, "## {}\n", text(&section.heading));
        for block in &section.blocks {
            match block {
                ResolvedBlock::Paragraph(claims) => {
                    let mut prose: Vec<String> = Vec::new();
                    for claim in claims {
                        let text = collapse(&inline::markdown(&claim.inline, &map_url));
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
                    let quoted = collapse(&inline::markdown(&q.inline, &map_url));
                    let _ = writeln!(out, "> “{quoted}”\n>");
                    let mut who = text(&q.speaker.name.to_string());
                    if let Some(aff) = q
                        .speaker
                        .affiliation
                        .as_deref()
                        .filter(|a| !a.trim().is_empty())
                    {
                        let _ = write!(who, ", {}", text(aff));
                    }
                    if let Some(ctx) = q.context.as_deref().filter(|c| !c.trim().is_empty()) {
                        let _ = write!(who, ", {}", text(ctx));
                    }
                    let _ = writeln!(out, "> — {who}{}\n", markers(&q.citations));
                }
            }
        }
    }

    if !doc.resources.is_empty() {
        out.push_str("## Additional Resources\n\n");
        for r in &doc.resources {
            let mut line = titled(&r.title, r.url.as_deref(), r.reference.as_deref());
            if let Some(note) = r.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let _ = write!(line, ". {}", text(note));
            }
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }

    if !doc.related.is_empty() {
        out.push_str("## More on this topic\n\n");
        for r in &doc.related {
            let mut line = titled(&r.title, r.url.as_deref(), r.reference.as_deref());
            if !r.authors.is_empty() {
                let _ = write!(line, ", by {}", text(&r.authors.join(", ")));
            }
            if let Some(note) = r.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let _ = write!(line, ". {}", text(note));
            }
            let _ = writeln!(out, "- {line}");
        }
        out.push('\n');
    }

    if !doc.sources.is_empty() {
        out.push_str("## Sources\n\n");
        for s in &doc.sources {
            let mut note = inline::markdown(&s.formatted, &|u| u.to_owned());
            let url = s.source.url.as_deref().filter(|u| inline::safe_url(u));
            if let Some(url) = url.filter(|u| !links_to(&s.formatted, u)) {
                let _ = write!(note, " {}.", inline::url_link(url));
            }
            if let Some(archive) = s.source.archive.as_deref().filter(|a| inline::safe_url(a)) {
                let _ = write!(note, " Archived copy: {}.", inline::url_link(archive));
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

/// Whether the tree holds a link to `url`.
fn links_to(nodes: &[inline::Inline], url: &str) -> bool {
    nodes.iter().any(|n| match n {
        inline::Inline::Link {
            url: u, children, ..
        } => u == url || links_to(children, url),
        inline::Inline::Emphasis(c) | inline::Inline::Strong(c) => links_to(c, url),
        _ => false,
    })
}
