//! Findings: what went wrong, where, and how to fix it.
//!
//! A [`Diagnostic`] is made from the [`Rule`] that found it and keeps its
//! code; the emitters in [`emit`] turn a list of them into text for people
//! or machines.

pub mod emit;
mod rule;

use std::path::{Path, PathBuf};

pub use rule::{Kind, Rule};

use serde::Serialize;

/// How serious a finding is. Errors fail `check`; warnings do not, unless
/// `--deny-warnings` is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A line and column in a file, both 1-based (columns count characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A stretch of a file, from `start` up to (not including) `end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

impl Span {
    pub fn at(position: Position) -> Span {
        Span {
            start: position,
            end: position,
        }
    }
}

/// One finding at one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub hint: String,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// Where the offending node ends (exclusive); equal to the start when unknown.
    pub end_line: usize,
    pub end_column: usize,
    /// JSON pointer of the node the finding is about (empty for the whole file).
    pub pointer: String,
}

impl Diagnostic {
    /// A finding of `rule` in `file`, with the rule's default severity, at
    /// the start of the file until [`Diagnostic::at`] places it.
    pub fn new(
        rule: &Rule,
        file: &Path,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message: message.into(),
            hint: hint.into(),
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            pointer: String::new(),
        }
    }

    /// The same finding over `span`.
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.line = span.start.line;
        self.column = span.start.column;
        self.end_line = span.end.line;
        self.end_column = span.end.column;
        self
    }

    /// The same finding about the node at JSON pointer `pointer`.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Diagnostic {
        self.pointer = pointer.into();
        self
    }

    /// The order diagnostics are reported in: by file, then position, then code.
    pub fn sort_key(&self) -> (&PathBuf, usize, usize, &'static str, &str) {
        (&self.file, self.line, self.column, self.code, &self.message)
    }
}

/// Sorts diagnostics into their stable reporting order and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Counts of findings, for summaries and exit codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Tally {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}
