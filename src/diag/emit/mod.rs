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

/// Text from the input (a field name, a value, a line of the file) as it
/// may be echoed to a terminal or a CI log: control characters and
/// bidirectional overrides as `\u{1b}` escapes, so that none can move the
/// cursor, set a window title or reorder what is shown. Line breaks and tabs
/// are kept (messages use them for layout).
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
    };
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

pub trait Emitter {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()>;
}
