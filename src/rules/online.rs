//! The codes `check --online` reports, each with its documentation, so that
//! `explain`, `[rules]` and `allow` entries know them like any offline rule.
//! An `allow` entry for one of them is never reported as unused: offline,
//! whether the finding would occur cannot be known.

use super::{Family, Rule};
use crate::diag::Kind::Online;
use crate::diag::Severity::{Error, Warning};

/// The `online/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[
        &DEAD,
        &UNREACHABLE,
        &REDIRECT,
        &DEAD_WITH_ARCHIVE,
        &FRAGMENT,
        &UNCHECKED,
        &PRIVATE,
    ],
    check: None,
};

pub const PRIVATE: Rule = Rule {
    code: "link/private",
    severity: Error,
    kind: Online,
    summary: "a URL that leads to a private, loopback or link-local address (online check)",
    doc: rule_doc!("link/private"),
};

pub const DEAD: Rule = Rule {
    code: "link/dead",
    severity: Error,
    kind: Online,
    summary: "a URL that no longer answers (online check)",
    doc: rule_doc!("link/dead"),
};

pub const UNREACHABLE: Rule = Rule {
    code: "link/unreachable",
    severity: Warning,
    kind: Online,
    summary: "a URL that did not answer in time or answered with a server error (online check)",
    doc: rule_doc!("link/unreachable"),
};

pub const REDIRECT: Rule = Rule {
    code: "link/redirect",
    severity: Warning,
    kind: Online,
    summary: "a URL that has moved permanently (online check)",
    doc: rule_doc!("link/redirect"),
};

pub const DEAD_WITH_ARCHIVE: Rule = Rule {
    code: "link/dead-with-archive",
    severity: Warning,
    kind: Online,
    summary: "a source URL that is dead, but its archive copy works (online check)",
    doc: rule_doc!("link/dead-with-archive"),
};

pub const FRAGMENT: Rule = Rule {
    code: "link/fragment",
    severity: Error,
    kind: Online,
    summary: "a URL's `#fragment` names no element of the page (online check)",
    doc: rule_doc!("link/fragment"),
};

pub const UNCHECKED: Rule = Rule {
    code: "link/unchecked",
    severity: Warning,
    kind: Online,
    summary: "a URL not checked because the time budget ran out (online check)",
    doc: rule_doc!("link/unchecked"),
};
