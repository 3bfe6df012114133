//! The registry of every rule, one line per family, and the families whose
//! checks run on a loaded document, one per file, each rule's constant beside
//! its check. The structural families (`yaml`, `io`, `schema`) are checked
//! while loading, in `load` and `schema`; each rule's documentation is
//! `docs/rules/<code>.md`.

pub mod allow;
pub mod cite;
pub mod config;
pub mod context;
pub mod date;
pub mod ids;
pub mod lexicon;
pub mod limit;
pub mod link;
pub mod online;
pub mod pdf;
mod steps;
pub mod text;

pub use crate::diag::{Kind, Rule};
pub use context::{ContentSet, Context};

/// A family of rules: its codes, in `explain` order, and the check that
/// reports them on a loaded document (none for those checked elsewhere).
#[derive(Debug)]
pub struct Family {
    pub rules: &'static [&'static Rule],
    pub check: Option<fn(&mut Context<'_>)>,
}

impl Family {
    /// A family checked while loading or by `check --online`.
    pub const fn elsewhere(rules: &'static [&'static Rule]) -> Family {
        Family { rules, check: None }
    }
}

/// Every family, in `explain` order; their checks run in this order, so
/// `allow`, which filters the others' findings, comes last.
pub const FAMILIES: &[&Family] = &[
    &Family::elsewhere(crate::load::rules::YAML),
    &Family::elsewhere(crate::load::rules::IO),
    &Family::elsewhere(crate::schema::rules::SCHEMA),
    &config::FAMILY,
    &cite::FAMILY,
    &ids::FAMILY,
    &date::FAMILY,
    &link::FAMILY,
    &online::FAMILY,
    &text::FAMILY,
    &pdf::FAMILY,
    &limit::FAMILY,
    &allow::FAMILY,
];

/// Every rule, in `explain` order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.rules.iter().copied())
}

/// Every code, for "did you mean" suggestions.
pub fn codes() -> Vec<String> {
    all().map(|r| r.code.to_owned()).collect()
}

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

    /// Whether `[rules]` and `--rule` may change its severity.
    pub fn overridable(&self) -> bool {
        self.kind != Kind::Structural
    }

    /// Whether an `allow` entry in content may hide its findings.
    pub fn suppressible(&self) -> bool {
        self.overridable() && !allow::FAMILY.rules.iter().any(|r| r.code == self.code)
    }
}

/// Finds a rule by its code.
pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}

/// Runs every family's check on one document.
pub fn check(ctx: &mut Context<'_>) {
    for check in FAMILIES.iter().filter_map(|f| f.check) {
        check(ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(rule.code.contains('/'), "{} has no family", rule.code);
            assert!(!rule.summary.is_empty() && rule.doc.contains("## What it does"));
            assert!(!rule.doc.ends_with('\n'));
        }
    }

    #[test]
    fn each_family_shares_one_prefix_and_kind() {
        for family in FAMILIES {
            let first = family.rules[0];
            let prefix = first.code.split('/').next();
            for rule in family.rules {
                assert_eq!(rule.code.split('/').next(), prefix, "{}", rule.code);
                assert_eq!(rule.kind, first.kind, "{}", rule.code);
            }
        }
    }
}
