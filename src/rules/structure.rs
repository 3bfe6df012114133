//! Codes reported while reading a file and checking it against the schema.
//! Their checks live in `load` and `schema`; their documentation lives here
//! so that `backgrounder explain` covers every code.

use super::Rule;
use crate::diag::Severity::Error;

pub const SYNTAX: Rule = Rule {
    code: "yaml/syntax",
    severity: Error,
    summary: "the file is not valid YAML",
    doc: "## What it does\nReports the first place where the file stops being YAML: bad indentation, a tab used for indentation, an unclosed quote or bracket, text with `: ` that is not quoted.\n\n## Why is this bad?\nNothing after a syntax error can be read, so nothing can be checked or exported.\n\n## Example\n```yaml\ntitle: Iran: a primer   # `: ` inside plain text\n```\n\n## Fix\n```yaml\ntitle: \"Iran: a primer\"\n```",
};

pub const ENCODING: Rule = Rule {
    code: "yaml/encoding",
    severity: Error,
    summary: "the file is not UTF-8 text",
    doc: "## What it does\nReports a file whose bytes are not valid UTF-8, at the line of the first bad byte.\n\n## Why is this bad?\nAccented names and curly quotes would be garbled in every export.\n\n## Fix\nSave the file as UTF-8 (most editors: \"Save with encoding\").",
};

pub const EMPTY: Rule = Rule {
    code: "yaml/empty",
    severity: Error,
    summary: "the file holds no document",
    doc: "## What it does\nReports an empty file, or one holding only comments.\n\n## Fix\nStart from `backgrounder new ID --title ...` or copy an existing document.",
};

pub const DUPLICATE_KEY: Rule = Rule {
    code: "yaml/duplicate-key",
    severity: Error,
    summary: "a field is given twice in the same mapping",
    doc: "## What it does\nReports the second of two identical keys in one mapping.\n\n## Why is this bad?\nMost YAML tools silently keep the last one, so an edit can vanish without a trace.\n\n## Example\n```yaml\ntitle: Old title\ntitle: New title\n```\n\n## Fix\nKeep one of them.",
};

pub const COMPLEX_KEY: Rule = Rule {
    code: "yaml/complex-key",
    severity: Error,
    summary: "a mapping key is not plain text",
    doc: "## What it does\nReports a key that is a list, a mapping or an alias (`? [a, b]: x`).\n\n## Fix\nWrite field names as `name: value`.",
};

pub const MULTIPLE_DOCUMENTS: Rule = Rule {
    code: "yaml/multiple-documents",
    severity: Error,
    summary: "the file holds more than one YAML document",
    doc: "## What it does\nReports a second document (after `---`) in one file.\n\n## Why is this bad?\nA backgrounder is one file; a second document would be ignored.\n\n## Fix\nMove the second document to its own file `content/<id>.yaml`.",
};

pub const TOO_DEEP: Rule = Rule {
    code: "yaml/too-deep",
    severity: Error,
    summary: "lists and mappings are nested too deeply",
    doc: "## What it does\nStops reading a file whose lists and mappings nest more than `[limits] depth` levels deep (default 64).\n\n## Why is this bad?\nA backgrounder needs about six levels; hundreds are a mistake or an attack, and would exhaust the stack of many tools.\n\n## Fix\nCheck the indentation at the reported line.",
};

pub const TOO_LARGE: Rule = Rule {
    code: "yaml/too-large",
    severity: Error,
    summary: "the file, or what its aliases expand to, is too large",
    doc: "## What it does\nReports a file over `[limits] file_bytes` (default 10 MiB), or one whose aliases (`*name`) expand to more than `[limits] nodes` (default 200,000) (a \"billion laughs\" alias bomb).\n\n## Fix\nWrite the content out instead of aliasing it; split very large files.",
};

pub const TOO_LONG: Rule = Rule {
    code: "yaml/too-long",
    severity: Error,
    summary: "a single text value is too long",
    doc: "## What it does\nStops reading a file with a text value longer than `[limits] string_bytes` (default 64 KiB).\n\n## Why is this bad?\nA claim is a sentence or a few; a huge value is a paste gone wrong, or an attempt to exhaust memory.\n\n## Fix\nSplit the text into claims, or raise the limit in backgrounder.toml.",
};

pub const IO_READ: Rule = Rule {
    code: "io/read",
    severity: Error,
    summary: "the file cannot be read",
    doc: "## What it does\nReports a file that exists in the content set but cannot be read (permissions, a broken link).\n\n## Fix\nCheck the path and its permissions.",
};

pub const MISSING_FIELD: Rule = Rule {
    code: "schema/missing-field",
    severity: Error,
    summary: "a required field is missing",
    doc: "## What it does\nReports a field the schema requires (`updated`, a claim's `text`, a source's `title`, ...) that is absent.\n\n## Example\n```yaml\nid: mujahadeen-e-khalq\nkind: backgrounder\ntitle: Mujahadeen-e-Khalq (MEK)\n# no `updated:`\n```\n\n## Fix\nAdd the field; the hint says what it holds.",
};

pub const UNKNOWN_FIELD: Rule = Rule {
    code: "schema/unknown-field",
    severity: Error,
    summary: "a field name the content model does not know",
    doc: "## What it does\nReports a key that is not part of the content model at that place, with the nearest known name.\n\n## Why is this bad?\nA typo'd field (`titel:`, `cites:`) is silently ignored by most tools, so the data it holds is lost.\n\n## Example\n```yaml\n- text: The MEK was founded in 1965.\n  cites: [abrahamian-1989]\n```\n\n## Fix\n```yaml\n- text: The MEK was founded in 1965.\n  cite: [abrahamian-1989]\n```",
};

pub const TYPE: Rule = Rule {
    code: "schema/type",
    severity: Error,
    summary: "a field holds the wrong kind of value",
    doc: "## What it does\nReports a value of the wrong kind: text where a list is expected, a list where text is expected, `yes` where `true` is expected.\n\n## Example\n```yaml\ncite: state-crt-2011\n```\n\n## Fix\n```yaml\ncite: [state-crt-2011]\n```",
};

pub const VALUE: Rule = Rule {
    code: "schema/value",
    severity: Error,
    summary: "a value is not one the content model accepts",
    doc: "## What it does\nReports a value in the wrong form: an id that is not kebab-case, a source `type` outside the list, a date in an unknown form, an empty list or text, a body block with both `paragraph` and `quote`.\n\n## Example\n```yaml\ntype: paper\nupdated: July 28, 2014\n```\n\n## Fix\n```yaml\ntype: report\nupdated: 2014-07-28\n```",
};
