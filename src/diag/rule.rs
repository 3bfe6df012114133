//! What a rule is: a stable code, a default severity, a kind and its
//! documentation. The registry of every rule is `crate::rules`.

use super::Severity;

/// A rule's identity and documentation. Every [`super::Diagnostic`] is made
/// from one ([`super::Diagnostic::new`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, `family/name`; never reused for another meaning.
    pub code: &'static str,
    pub severity: Severity,
    pub kind: Kind,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown, from `docs/rules/<code>.md`: what it does, why it matters,
    /// an example and the fix.
    pub doc: &'static str,
}

/// When a rule runs, which decides what can be done with its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Reading the file, its YAML, the schema or the configuration: always
    /// an error, never suppressed, since nothing else can be trusted without it.
    Structural,
    /// A check of a loaded document, run by every `check`.
    Offline,
    /// Run only by `check --online`: whether it would fire cannot be known
    /// offline.
    Online,
}
