//! `--format sarif`: SARIF 2.1.0, which GitHub code scanning and other
//! review tools show as annotations. Every rule is described in the log, so
//! the viewer can show its documentation beside the finding.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, Findings};
use crate::diag::Severity;
use crate::rules::RULES;

pub struct Sarif;

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

impl Emitter for Sarif {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()> {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.code,
                    "shortDescription": { "text": r.summary },
                    "help": { "text": r.doc, "markdown": r.doc },
                    "defaultConfiguration": { "level": level(r.severity) },
                })
            })
            .collect();
        let results: Vec<Value> = findings
            .diagnostics
            .iter()
            .map(|d| {
                let mut result = json!({
                    "ruleId": d.code,
                    "level": level(d.severity),
                    "message": { "text": format!("{}\nhint: {}", d.message, d.hint) },
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
                if let Some(index) = RULES.iter().position(|r| r.code == d.code) {
                    result["ruleIndex"] = json!(index);
                }
                if !d.pointer.is_empty() {
                    result["properties"] = json!({ "pointer": d.pointer });
                }
                result
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "backgrounder",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}
