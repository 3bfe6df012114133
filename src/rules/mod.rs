//! The rules a schema cannot express, one family per file, each rule with
//! its code, default severity and documentation beside its check.

pub mod allow;
pub mod cite;
pub mod context;
pub mod date;
pub mod ids;
pub mod lexicon;
pub mod limit;
pub mod link;
pub mod markdown;
pub mod pdf;
pub mod structure;
pub mod text;

pub use context::{ContentSet, Context};

use crate::diag::Severity;

/// A rule's identity and documentation. The check itself lives in the
/// family's `check` function next to the rule's constant.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, `family/name`; never reused for another meaning.
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown: what it does, why it matters, an example and the fix.
    pub doc: &'static str,
}

/// Every code `check` can report, in `explain` order.
pub const RULES: &[&Rule] = &[
    &structure::SYNTAX,
    &structure::ENCODING,
    &structure::EMPTY,
    &structure::DUPLICATE_KEY,
    &structure::COMPLEX_KEY,
    &structure::MULTIPLE_DOCUMENTS,
    &structure::TOO_DEEP,
    &structure::TOO_LARGE,
    &structure::TOO_LONG,
    &structure::IO_READ,
    &structure::MISSING_FIELD,
    &structure::UNKNOWN_FIELD,
    &structure::TYPE,
    &structure::VALUE,
    &cite::MISSING,
    &cite::UNKNOWN_SOURCE,
    &cite::UNKNOWN_SPEAKER,
    &cite::ANALYSIS_FACT,
    &cite::UNUSED_SOURCE,
    &ids::DUPLICATE,
    &ids::FILE_STEM,
    &ids::FILE_NAME,
    &date::INVALID,
    &date::ORDER,
    &date::FUTURE,
    &date::ACCESSED,
    &date::SOURCE_BEFORE_EVENT,
    &date::TEXT_MISMATCH,
    &date::UPDATED_FUTURE,
    &link::INVALID,
    &link::SCHEME,
    &link::INSECURE,
    &link::PLACEHOLDER,
    &link::ANCHOR,
    &link::UNDEFINED_REFERENCE,
    &link::UNKNOWN_REF,
    &link::BARE_URL,
    &crate::online::rules::DEAD,
    &crate::online::rules::UNREACHABLE,
    &crate::online::rules::REDIRECT,
    &crate::online::rules::DEAD_WITH_ARCHIVE,
    &crate::online::rules::FRAGMENT,
    &crate::online::rules::UNCHECKED,
    &text::HTML,
    &text::CONTROL,
    &text::BIDI,
    &text::PLACEHOLDER,
    &text::DUPLICATE_CLAIM,
    &text::UNBALANCED_QUOTE,
    &pdf::MISSING_GLYPH,
    &limit::CLAIMS,
    &limit::SOURCES,
    &allow::NO_REASON,
    &allow::UNUSED,
    &allow::UNKNOWN_RULE,
];

impl Rule {
    /// The rule's documentation as `explain` prints it: its doc, and for
    /// the heuristic rules the word lists they recognise (see [`lexicon`]).
    pub fn full_doc(&self) -> String {
        if lexicon::USED_BY.contains(&self.code) {
            format!("{}\n\n{}", self.doc, lexicon::describe())
        } else {
            self.doc.to_owned()
        }
    }
}

/// Finds a rule by its code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Runs every rule on one document.
pub fn check(ctx: &mut Context<'_>) {
    ids::check(ctx);
    cite::check(ctx);
    date::check(ctx);
    link::check(ctx);
    text::check(ctx);
    limit::check(ctx);
    if let Some(chain) = ctx.pdf_fonts {
        pdf::check(ctx, chain);
    }
    allow::apply(ctx);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(rule.code.contains('/'), "{} has no family", rule.code);
            assert!(!rule.summary.is_empty() && rule.doc.contains("## What it does"));
        }
    }
}
