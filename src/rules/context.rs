//! What a rule sees: one document, where its nodes are, and the ids of the
//! whole content set; and where it reports.

use std::collections::BTreeSet;
use std::path::Path;

use super::Rule;
use crate::diag::Diagnostic;
use crate::load::{Limits, PositionMap};
use crate::model::{Claim, Document, Quote};

/// The ids of every backgrounder the cross-document rules can see.
#[derive(Clone, Debug, Default)]
pub struct ContentSet {
    pub ids: BTreeSet<String>,
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
            diagnostics: Vec::new(),
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
        self.diagnostics.push(Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message,
            hint,
            file: self.file.to_path_buf(),
            line: at.start.line,
            column: at.start.column,
            end_line: at.end.line,
            end_column: at.end.column,
            pointer,
        });
    }

    /// Every claim with its pointer, in reading order.
    pub fn claims(&self) -> Vec<(String, &'a Claim)> {
        let mut out = Vec::new();
        for (s, section) in self.doc.sections.iter().enumerate() {
            for (b, block) in section.body.iter().enumerate() {
                if let crate::model::Block::Paragraph(claims) = block {
                    for (c, claim) in claims.iter().enumerate() {
                        out.push((format!("/sections/{s}/body/{b}/paragraph/{c}"), claim));
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
                    out.push((format!("/sections/{s}/body/{b}/quote"), quote));
                }
            }
        }
        out
    }

    /// The pointer and inline-Markdown text of every claim and quote, in
    /// reading order.
    pub fn texts(&self) -> Vec<(String, &'a str)> {
        self.claims()
            .into_iter()
            .map(|(p, c)| (format!("{p}/text"), c.text.as_str()))
            .chain(
                self.quotes()
                    .into_iter()
                    .map(|(p, q)| (format!("{p}/text"), q.text.as_str())),
            )
            .collect()
    }
}
