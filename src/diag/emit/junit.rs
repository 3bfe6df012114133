//! `--format junit`: JUnit XML, for CI systems that show test reports. Each
//! checked file is a test suite; each finding is a failed test case, and a
//! file with no findings is one passing case.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use super::{Emitter, Findings};
use crate::diag::{Diagnostic, Severity};

pub struct Junit;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Emitter for Junit {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()> {
        let mut by_file: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
        for path in findings.sources.keys() {
            by_file.entry(path.as_path()).or_default();
        }
        for d in findings.diagnostics {
            by_file.entry(d.file.as_path()).or_default().push(d);
        }
        let failures = findings.diagnostics.len();
        let tests: usize = by_file.values().map(|v| v.len().max(1)).sum();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="backgrounder check" tests="{tests}" failures="{failures}" errors="0">"#
        )?;
        for (file, diagnostics) in &by_file {
            let name = escape(&file.to_string_lossy());
            writeln!(
                out,
                r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0">"#,
                diagnostics.len().max(1),
                diagnostics.len()
            )?;
            if diagnostics.is_empty() {
                writeln!(out, r#"    <testcase name="check" classname="{name}"/>"#)?;
            }
            for d in diagnostics {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                writeln!(
                    out,
                    r#"    <testcase name="{} at {}:{}" classname="{name}" file="{name}" line="{}">"#,
                    escape(d.code),
                    d.line,
                    d.column,
                    d.line
                )?;
                writeln!(
                    out,
                    r#"      <failure type="{kind}" message="{}">{}:{}:{}: {kind}[{}]: {}&#10;hint: {}</failure>"#,
                    escape(&d.message),
                    name,
                    d.line,
                    d.column,
                    escape(d.code),
                    escape(&d.message),
                    escape(&d.hint)
                )?;
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}
