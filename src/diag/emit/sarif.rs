//! `--format sarif`: SARIF 2.1.0, which GitHub code scanning and other
//! review tools show as annotations. Every rule is described in the log
//! from its `explain` documentation, so the viewer can show it beside the
//! finding; the log passes `Sarif.Multitool validate --rule-kind "Sarif;Ghas"`.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, Findings};
use crate::diag::{Rule, Severity};

/// The SARIF emitter. `information_uri` is the tool's home page (the
/// driver's `informationUri`), from `--sarif-information-uri` or
/// `[report] information_uri`; without it the log names none, since a
/// made-up address would send readers nowhere.
/// `rules` are the rules the log describes, each with its documentation as
/// `explain` prints it (the caller has them: `crate::rules`); a finding
/// of a rule not among them has no `ruleIndex`.
#[derive(Debug, Default)]
pub struct Sarif {
    pub information_uri: Option<String>,
    pub rules: Vec<(&'static Rule, String)>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A path as a relative URI reference with forward slashes.
fn uri(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.strip_prefix("./").unwrap_or(&text).to_owned();
    text.replace('%', "%25").replace(' ', "%20")
}

/// A rule's Markdown documentation as plain text: headings without their
/// `#`s, code fences dropped, code kept as it is.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            continue;
        }
        out.push_str(line.trim_start_matches('#').trim_start_matches(' '));
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// The body of one `## heading` section of a rule's doc.
fn section<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let start = doc.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// What the rule finds and why it matters, in full sentences.
fn full_description(rule: &Rule) -> String {
    let what = section(rule.doc, "What it does").unwrap_or(rule.summary);
    match section(rule.doc, "Why is this bad?") {
        Some(why) => format!("{what} {why}"),
        None => what.to_owned(),
    }
}

/// The summary as a sentence, as SARIF asks of every description.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

fn descriptor(rule: &Rule, doc: &str) -> Value {
    let full = full_description(rule);
    json!({
        "id": rule.code,
        "name": rule_name(rule.code),
        "shortDescription": { "text": sentence(rule.summary) },
        "fullDescription": { "text": plain_text(&full), "markdown": full },
        "help": { "text": plain_text(doc), "markdown": doc },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [rule.code.split('/').next().unwrap_or(rule.code)] },
    })
}

/// `cite/unknown-source` as `CiteUnknownSource`: SARIF's `name` is an
/// identifier-like word, distinct from the id.
fn rule_name(code: &str) -> String {
    code.split(['/', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A message as SARIF wants it: ending with a period.
fn message(d: &crate::diag::Diagnostic) -> String {
    let text = format!("{}. Hint: {}", d.message.trim_end_matches('.'), d.hint);
    if text.ends_with(['.', '?', '!']) {
        text
    } else {
        text + "."
    }
}

impl Emitter for Sarif {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()> {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|(rule, doc)| descriptor(rule, doc))
            .collect();
        let results: Vec<Value> = findings
            .diagnostics
            .iter()
            .map(|d| {
                let mut result = json!({
                    "ruleId": d.code,
                    "level": level(d.severity),
                    "message": { "text": message(d) },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&d.file) },
                            "region": {
                                "startLine": d.line,
                                "startColumn": d.column,
                                "endLine": d.end_line.max(d.line),
                                "endColumn": if d.end_line > d.line || d.end_column > d.column { d.end_column } else { d.column + 1 },
                            }
                        }
                    }],
                });
                if let Some(index) = self.rules.iter().position(|(r, _)| r.code == d.code) {
                    result["ruleIndex"] = json!(index);
                }
                if !d.pointer.is_empty() {
                    result["properties"] = json!({ "pointer": d.pointer });
                }
                result
            })
            .collect();
        let mut driver = json!({
            "name": "backgrounder",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        });
        if let Some(uri) = &self.information_uri {
            driver["informationUri"] = json!(uri);
        }
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_identifier_like() {
        assert_eq!(rule_name("cite/unknown-source"), "CiteUnknownSource");
    }
}
