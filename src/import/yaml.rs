//! The document as YAML for people: the content model's field order,
//! plain scalars where they are safe, `>-` block scalars folded at 80
//! columns for long text, and a comment at the top. serde_yaml writes
//! neither block scalars nor comments, so this writes by hand; a test reads
//! every output back through the project's loader.

use std::fmt::Write as _;

use crate::model::{Block, Cite, Claim, Document};

const WIDTH: usize = 80;

/// The document as YAML, `notes` as its opening comment.
pub fn write(doc: &Document, notes: &[String]) -> String {
    let mut w = Writer::default();
    for note in notes {
        for line in wrap(note, WIDTH - 2) {
            w.line(&format!("# {line}"));
        }
    }
    w.line("# yaml-language-server: $schema=../schemas/backgrounder.schema.json");
    w.field("", "id", &doc.id);
    w.field("", "kind", &doc.kind);
    w.field("", "title", &doc.title);
    if let Some(short) = &doc.short_title {
        w.field("", "short_title", short);
    }
    if let Some(lang) = &doc.lang {
        w.field("", "lang", lang);
    }
    w.line("authors:");
    for a in &doc.authors {
        w.field("  - ", "name", &a.name.to_string());
        w.opt("    ", "role", a.role.as_deref());
        w.opt("    ", "url", a.url.as_deref());
    }
    w.date("", "published", doc.published.as_deref());
    w.date("", "updated", Some(&doc.updated));
    w.list("", "topics", &doc.topics);
    w.field("", "summary", &doc.summary);
    w.line("sections:");
    for (i, section) in doc.sections.iter().enumerate() {
        if i > 0 {
            w.line("");
        }
        w.field("  - ", "id", &section.id);
        w.field("    ", "heading", &section.heading);
        w.line("    body:");
        for block in &section.body {
            if let Block::Paragraph(claims) = block {
                w.line("      - paragraph:");
                for claim in claims {
                    w.claim(claim);
                }
            }
        }
    }
    w.line("");
    w.items("people", doc.people.is_empty());
    for p in &doc.people {
        w.field("  - ", "id", &p.id);
        w.field("    ", "name", &p.name.to_string());
        w.opt("    ", "affiliation", p.affiliation.as_deref());
        w.opt("    ", "url", p.url.as_deref());
    }
    w.items("sources", doc.sources.is_empty());
    for s in &doc.sources {
        w.field("  - ", "id", &s.id);
        w.field("    ", "type", &s.kind);
        w.field("    ", "title", &s.title);
        w.opt("    ", "publisher", s.publisher.as_deref());
        if !s.authors.is_empty() {
            let authors: Vec<String> = s.authors.iter().map(ToString::to_string).collect();
            w.list("    ", "authors", &authors);
        }
        w.opt("    ", "url", s.url.as_deref());
        w.date("    ", "published", s.published.as_deref());
        w.date("    ", "accessed", s.accessed.as_deref());
        w.opt("    ", "archive", s.archive.as_deref());
    }
    w.items("resources", doc.resources.is_empty());
    for r in &doc.resources {
        w.field("  - ", "title", &r.title);
        w.opt("    ", "ref", r.reference.as_deref());
        w.opt("    ", "url", r.url.as_deref());
        w.opt("    ", "note", r.note.as_deref());
    }
    w.items("related", doc.related.is_empty());
    for r in &doc.related {
        w.field("  - ", "title", &r.title);
        w.opt("    ", "ref", r.reference.as_deref());
        w.opt("    ", "url", r.url.as_deref());
        if !r.authors.is_empty() {
            w.list("    ", "authors", &r.authors);
        }
        w.opt("    ", "note", r.note.as_deref());
    }
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    /// `lead` (indentation, or indentation and `- `), then `key: value`.
    fn field(&mut self, lead: &str, key: &str, value: &str) {
        let first = format!("{lead}{key}:");
        let indent = lead.len() + 2;
        // A long URL stays on its line: it cannot fold.
        let fits = first.len() + 1 + value.len() <= WIDTH || !value.contains(' ');
        if fits && plain_ok(value) {
            let _ = writeln!(self.out, "{first} {value}");
        } else if foldable(value) && first.len() + 1 + value.len() > WIDTH {
            let _ = writeln!(self.out, "{first} >-");
            for line in wrap(value, WIDTH - indent) {
                let _ = writeln!(self.out, "{}{line}", " ".repeat(indent));
            }
        } else {
            let _ = writeln!(self.out, "{first} {}", quoted(value));
        }
    }

    fn opt(&mut self, lead: &str, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.field(lead, key, value);
        }
    }

    /// A date: plain when in the date form (`1965` is text to `check`,
    /// a year to a YAML 1.2 reader; the schema takes both).
    fn date(&mut self, lead: &str, key: &str, value: Option<&str>) {
        let Some(value) = value else { return };
        let date_form = !value.is_empty()
            && value
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'X' | b'~' | b'?'))
            && !value.starts_with(['-', '?']);
        if date_form {
            let _ = writeln!(self.out, "{lead}{key}: {value}");
        } else {
            self.field(lead, key, value);
        }
    }

    /// A list of short texts: a flow sequence when it fits, else a block one.
    fn list(&mut self, lead: &str, key: &str, items: &[String]) {
        let flow = format!(
            "{lead}{key}: [{}]",
            items
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        );
        if flow.len() <= WIDTH
            && items
                .iter()
                .all(|i| plain_ok(i) && !i.contains([',', '[', ']', '{', '}']))
        {
            self.line(&flow);
        } else {
            let _ = writeln!(self.out, "{lead}{key}:");
            let inner = format!("{}  - ", " ".repeat(lead.len()));
            for item in items {
                self.scalar_item(&inner, item);
            }
        }
    }

    fn scalar_item(&mut self, lead: &str, value: &str) {
        let indent = lead.len();
        if lead.len() + value.len() <= WIDTH && plain_ok(value) {
            let _ = writeln!(self.out, "{lead}{value}");
        } else if foldable(value) && lead.len() + value.len() > WIDTH {
            let _ = writeln!(self.out, "{lead}>-");
            for line in wrap(value, WIDTH - indent - 2) {
                let _ = writeln!(self.out, "{}{line}", " ".repeat(indent + 2));
            }
        } else {
            let _ = writeln!(self.out, "{lead}{}", quoted(value));
        }
    }

    /// A top-level list's key: `people: []` when empty.
    fn items(&mut self, key: &str, empty: bool) {
        if empty {
            let _ = writeln!(self.out, "{key}: []");
        } else {
            let _ = writeln!(self.out, "{key}:");
        }
    }

    fn claim(&mut self, claim: &Claim) {
        self.field("          - ", "text", &claim.text);
        self.date("            ", "date", claim.date.as_deref());
        if claim.analysis {
            self.line("            analysis: true");
        }
        self.opt("            ", "speaker", claim.speaker.as_deref());
        if !claim.cite.is_empty() {
            let ids: Vec<String> = claim
                .cite
                .iter()
                .map(|c| match c {
                    Cite::Id(id) => id.clone(),
                    Cite::Located { source, .. } => source.clone(),
                })
                .collect();
            self.list("            ", "cite", &ids);
        }
    }
}

/// Whether `value` can be written as a plain scalar and read back as the
/// same text by any YAML reader.
fn plain_ok(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    !value.is_empty()
        && value == value.trim()
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !value.chars().any(|c| c.is_control() || c == '\u{feff}' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}')
        && !matches!(
            lower.as_str(),
            "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
        // Numbers and dates stay text: `1965` as a title is "1965"; a
        // leading year before a word (`2010 Congressional …`) is plain.
        && (!value.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '.')
            || value.split_once(' ').is_some_and(|(first, rest)| {
                first.bytes().all(|b| b.is_ascii_digit())
                    && rest.starts_with(|c: char| c.is_alphabetic())
            }))
}

/// Whether a folded block scalar gives back exactly `value`: one line,
/// single spaces between words.
fn foldable(value: &str) -> bool {
    !value.is_empty()
        && value == value.trim()
        && !value.contains("  ")
        && !value.chars().any(|c| {
            c.is_control() || c == '\u{feff}' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}'
        })
}

fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
}

/// Words into lines of at most `width` bytes (a longer word alone on its line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars() {
        assert!(plain_ok("Mujahadeen-e-Khalq (MEK)"));
        assert!(plain_ok("2010 Congressional Research Service report"));
        for bad in [
            "2014-07-28 10:00",
            "3,000 men",
            "1 2",
            "Crisis Guide: Iran",
            "- a",
            "yes",
            "1965",
            "a #b",
            "\"q\"",
            "",
            " a",
        ] {
            assert!(!plain_ok(bad), "{bad}");
        }
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("aaaaaaa b", 5), ["aaaaaaa", "b"]);
        let mut w = Writer::default();
        w.field("  - ", "title", "Crisis Guide: Iran");
        w.field("    ", "note", "word ".repeat(30).trim_end());
        assert!(
            w.out
                .starts_with("  - title: \"Crisis Guide: Iran\"\n    note: >-\n      word word")
        );
        assert!(w.out.lines().all(|l| l.len() <= WIDTH));
    }
}
