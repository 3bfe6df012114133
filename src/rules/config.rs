//! The code reported for a `backgrounder.toml` that cannot be used; its
//! check is `crate::config::load`.

use super::{Family, Rule};
use crate::diag::Kind::Structural;
use crate::diag::Severity::Error;

/// The `config/*` family.
pub const FAMILY: Family = Family::elsewhere(&[&INVALID]);

pub const INVALID: Rule = Rule {
    code: "config/invalid",
    severity: Error,
    kind: Structural,
    summary: "the configuration file cannot be used",
    doc: rule_doc!("config/invalid"),
};
