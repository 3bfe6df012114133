//! Output formats for diagnostics, one per file behind one small trait.

mod github;
mod human;
mod json;
mod junit;
mod sarif;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

pub use github::Github;
pub use human::{Human, summary, summary_counts};
pub use json::Json;
pub use junit::Junit;
pub use sarif::Sarif;

use super::Diagnostic;

/// What an emitter writes about: the findings, the text of each file (for
/// showing the offending line) and how many documents were checked.
pub struct Findings<'a> {
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a HashMap<PathBuf, &'a str>,
    pub documents: usize,
}

pub trait Emitter {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()>;
}
