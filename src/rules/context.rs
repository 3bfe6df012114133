//! What a rule sees: one document, where its nodes are, and the ids of the
//! whole content set; and where it reports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::Rule;
use crate::diag::Diagnostic;
use crate::load::{Limits, PositionMap};
use crate::model::walk::{block_pointer, push_index};
use crate::model::{Claim, Document, Quote};

/// The ids of every backgrounder the cross-document rules can see.
#[derive(Clone, Debug, Default)]
pub struct ContentSet {
    pub ids: BTreeSet<String>,
    /// The files of each id (file stem), by canonical path: more than one
    /// means two documents would export to the same files.
    pub files: BTreeMap<String, BTreeSet<PathBuf>>,
}

impl ContentSet {
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

pub struct Context<'a> {
    pub file: &'a Path,
    pub doc: &'a Document,
    /// The document as loaded, before typing: every string, wherever it is.
    pub value: &'a serde_json::Value,
    pub limits: Limits,
    pub positions: &'a PositionMap,
    pub set: &'a ContentSet,
    /// The file's text, when known, to point inside long text values.
    pub source: Option<&'a str>,
    /// The PDF's font chain, when `build` would write a PDF.
    pub pdf_fonts: Option<&'a crate::export::pdf::FontChain>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(
        file: &'a Path,
        doc: &'a Document,
        value: &'a serde_json::Value,
        positions: &'a PositionMap,
        set: &'a ContentSet,
        limits: Limits,
    ) -> Self {
        Context {
            file,
            doc,
            value,
            limits,
            positions,
            set,
            source: None,
            pdf_fonts: None,
            diagnostics: Vec::new(),
        }
    }

    /// The same context, able to point at a piece of a text value.
    pub fn with_source(mut self, source: &'a str) -> Self {
        self.source = Some(source);
        self
    }

    /// The same context, checking what the PDF's fonts can draw.
    pub fn with_pdf_fonts(mut self, chain: Option<&'a crate::export::pdf::FontChain>) -> Self {
        self.pdf_fonts = chain;
        self
    }

    /// Moves the findings reported since the first `since` from the start of
    /// their text value to where `needle` appears in it (a link target, a
    /// tag), so an editor is shown the exact place in a long claim. A needle
    /// that does not appear verbatim (split by a line fold, written with
    /// escapes) leaves the finding at the value's start.
    pub fn point_into_text(&mut self, since: usize, needle: &str) {
        let Some(source) = self.source else { return };
        if needle.is_empty() || needle.contains('\n') {
            return;
        }
        for d in self.diagnostics.iter_mut().skip(since) {
            let start = crate::diag::Position {
                line: d.line,
                column: d.column,
            };
            let end = crate::diag::Position {
                line: d.end_line,
                column: d.end_column,
            };
            let (Some(from), Some(to)) = (byte_offset(source, start), byte_offset(source, end))
            else {
                continue;
            };
            let Some(found) = source.get(from..to).and_then(|region| region.find(needle)) else {
                continue;
            };
            let at = from + found;
            let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
            d.line = source[..at].matches('\n').count() + 1;
            d.column = source[line_start..at].chars().count() + 1;
            d.end_line = d.line;
            d.end_column = d.column + needle.chars().count();
        }
    }

    /// Reports a finding at the value of the node at `pointer`.
    pub fn report(&mut self, rule: &Rule, pointer: String, message: String, hint: String) {
        let at = self.positions.value(&pointer);
        self.push(rule, pointer, message, hint, at);
    }

    /// Reports a finding at the key of the entry at `pointer`.
    pub fn report_key(&mut self, rule: &Rule, pointer: String, message: String, hint: String) {
        let at = self.positions.key(&pointer);
        self.push(rule, pointer, message, hint, at);
    }

    fn push(
        &mut self,
        rule: &Rule,
        pointer: String,
        message: String,
        hint: String,
        at: crate::diag::Span,
    ) {
        self.diagnostics.push(
            Diagnostic::new(rule, self.file, message, hint)
                .at(at)
                .pointer(pointer),
        );
    }

    /// Every claim with its pointer, in reading order.
    pub fn claims(&self) -> Vec<(String, &'a Claim)> {
        let mut out = Vec::new();
        for (s, section) in self.doc.sections.iter().enumerate() {
            for (b, block) in section.body.iter().enumerate() {
                if let crate::model::Block::Paragraph(claims) = block {
                    for (c, claim) in claims.iter().enumerate() {
                        let mut pointer = block_pointer(s, b, "/paragraph/");
                        push_index(&mut pointer, c);
                        out.push((pointer, claim));
                    }
                }
            }
        }
        out
    }

    /// Every quote with its pointer, in reading order.
    pub fn quotes(&self) -> Vec<(String, &'a Quote)> {
        let mut out = Vec::new();
        for (s, section) in self.doc.sections.iter().enumerate() {
            for (b, block) in section.body.iter().enumerate() {
                if let crate::model::Block::Quote(quote) = block {
                    out.push((block_pointer(s, b, "/quote"), quote));
                }
            }
        }
        out
    }

    /// The pointer and inline-Markdown text of every claim and quote, in
    /// reading order.
    pub fn texts(&self) -> Vec<(String, &'a str)> {
        crate::model::walk::texts(self.doc)
    }
}

/// The byte offset of a 1-based line and character column in `text`.
fn byte_offset(text: &str, at: crate::diag::Position) -> Option<usize> {
    let line_start = if at.line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(at.line - 2)?.0 + 1
    };
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let column = at.column.max(1) - 1;
    match line.char_indices().nth(column) {
        Some((i, _)) => Some(line_start + i),
        None if line.chars().count() == column => Some(line_start + line.len()),
        None => None,
    }
}
