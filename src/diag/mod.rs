//! Findings: what went wrong, where, and how to fix it.
//!
//! A [`Diagnostic`] knows nothing of the rule that produced it beyond its code;
//! the emitters in [`emit`] turn a list of them into text for people or machines.

pub mod emit;

use std::path::PathBuf;

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
    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    pub fn span(&self) -> Span {
        Span {
            start: self.position(),
            end: Position {
                line: self.end_line,
                column: self.end_column,
            },
        }
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
