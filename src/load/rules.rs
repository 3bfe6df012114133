//! The codes reported while reading a file: bytes, text and YAML. Their
//! checks are in this module; their documentation in docs/rules/.

use crate::diag::Kind::Structural;
use crate::diag::Rule;
use crate::diag::Severity::Error;

/// The `yaml/*` family, in `explain` order.
pub const YAML: &[&Rule] = &[
    &SYNTAX,
    &ENCODING,
    &EMPTY,
    &DUPLICATE_KEY,
    &COMPLEX_KEY,
    &MULTIPLE_DOCUMENTS,
    &TOO_DEEP,
    &TOO_LARGE,
    &TOO_LONG,
];

/// The `io/*` family.
pub const IO: &[&Rule] = &[&IO_READ];

pub const SYNTAX: Rule = Rule {
    code: "yaml/syntax",
    severity: Error,
    kind: Structural,
    summary: "the file is not valid YAML",
    doc: rule_doc!("yaml/syntax"),
};

pub const ENCODING: Rule = Rule {
    code: "yaml/encoding",
    severity: Error,
    kind: Structural,
    summary: "the file is not UTF-8 text",
    doc: rule_doc!("yaml/encoding"),
};

pub const EMPTY: Rule = Rule {
    code: "yaml/empty",
    severity: Error,
    kind: Structural,
    summary: "the file holds no document",
    doc: rule_doc!("yaml/empty"),
};

pub const DUPLICATE_KEY: Rule = Rule {
    code: "yaml/duplicate-key",
    severity: Error,
    kind: Structural,
    summary: "a field is given twice in the same mapping",
    doc: rule_doc!("yaml/duplicate-key"),
};

pub const COMPLEX_KEY: Rule = Rule {
    code: "yaml/complex-key",
    severity: Error,
    kind: Structural,
    summary: "a mapping key is not plain text",
    doc: rule_doc!("yaml/complex-key"),
};

pub const MULTIPLE_DOCUMENTS: Rule = Rule {
    code: "yaml/multiple-documents",
    severity: Error,
    kind: Structural,
    summary: "the file holds more than one YAML document",
    doc: rule_doc!("yaml/multiple-documents"),
};

pub const TOO_DEEP: Rule = Rule {
    code: "yaml/too-deep",
    severity: Error,
    kind: Structural,
    summary: "lists and mappings are nested too deeply",
    doc: rule_doc!("yaml/too-deep"),
};

pub const TOO_LARGE: Rule = Rule {
    code: "yaml/too-large",
    severity: Error,
    kind: Structural,
    summary: "the file, or what its aliases expand to, is too large",
    doc: rule_doc!("yaml/too-large"),
};

pub const TOO_LONG: Rule = Rule {
    code: "yaml/too-long",
    severity: Error,
    kind: Structural,
    summary: "a single text value is too long",
    doc: rule_doc!("yaml/too-long"),
};

pub const IO_READ: Rule = Rule {
    code: "io/read",
    severity: Error,
    kind: Structural,
    summary: "the file cannot be read",
    doc: rule_doc!("io/read"),
};
