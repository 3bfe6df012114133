//! The codes reported when a document does not match the schema. Their
//! checks are in this module; their documentation in docs/rules/.

use crate::diag::Kind::Structural;
use crate::diag::Rule;
use crate::diag::Severity::Error;

/// The `schema/*` family, in `explain` order.
pub const SCHEMA: &[&Rule] = &[&MISSING_FIELD, &UNKNOWN_FIELD, &TYPE, &VALUE];

pub const MISSING_FIELD: Rule = Rule {
    code: "schema/missing-field",
    severity: Error,
    kind: Structural,
    summary: "a required field is missing",
    doc: rule_doc!("schema/missing-field"),
};

pub const UNKNOWN_FIELD: Rule = Rule {
    code: "schema/unknown-field",
    severity: Error,
    kind: Structural,
    summary: "a field name the content model does not know",
    doc: rule_doc!("schema/unknown-field"),
};

pub const TYPE: Rule = Rule {
    code: "schema/type",
    severity: Error,
    kind: Structural,
    summary: "a field holds the wrong kind of value",
    doc: rule_doc!("schema/type"),
};

pub const VALUE: Rule = Rule {
    code: "schema/value",
    severity: Error,
    kind: Structural,
    summary: "a value is not one the content model accepts",
    doc: rule_doc!("schema/value"),
};
