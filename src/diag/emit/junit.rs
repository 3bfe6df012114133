//! `--format junit`: JUnit XML valid against the common `junit-10.xsd`
//! (Jenkins' xUnit plugin; GitLab and Azure DevOps read the same shape).
//! Each checked file is a test suite whose `file` attribute and `file`
//! property name it; each finding is a test case named by its code and
//! position, with `path:line:column` leading its text; a file with no
//! findings is one passing case. Errors are `<failure>`s; warnings are
//! passing cases that carry the finding in `<system-out>`, and failures
//! only with `--deny-warnings`, so the report agrees with the exit code.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use super::{Emitter, Findings};
use crate::diag::{Diagnostic, Severity};

#[derive(Debug, Default)]
pub struct Junit {
    /// Warnings fail, as they fail the run.
    pub deny_warnings: bool,
}

/// Text for an XML attribute or element. Line breaks and tabs become
/// character references, so that readers do not fold them into spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // XML 1.0 cannot carry other control characters, even escaped,
            // nor the two non-characters U+FFFE and U+FFFF.
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl Junit {
    fn fails(&self, d: &Diagnostic) -> bool {
        d.severity == Severity::Error || self.deny_warnings
    }
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
        let failures = findings
            .diagnostics
            .iter()
            .filter(|d| self.fails(d))
            .count();
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
                r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0" skipped="0" file="{name}">"#,
                diagnostics.len().max(1),
                diagnostics.iter().filter(|d| self.fails(d)).count()
            )?;
            writeln!(
                out,
                r#"    <properties>
      <property name="file" value="{name}"/>
    </properties>"#
            )?;
            if diagnostics.is_empty() {
                writeln!(out, r#"    <testcase name="check" classname="{name}"/>"#)?;
            }
            for d in diagnostics {
                let kind = d.severity.as_str();
                let text = escape(&format!(
                    "{}:{}:{}: {kind}[{}]: {}\nhint: {}",
                    file.to_string_lossy(),
                    d.line,
                    d.column,
                    d.code,
                    d.message,
                    d.hint
                ));
                writeln!(
                    out,
                    r#"    <testcase name="{} at {}:{}" classname="{name}">"#,
                    escape(d.code),
                    d.line,
                    d.column,
                )?;
                if self.fails(d) {
                    writeln!(
                        out,
                        r#"      <failure type="{kind}" message="{}">{text}</failure>"#,
                        escape(&d.message),
                    )?;
                } else {
                    writeln!(out, "      <system-out>{text}</system-out>")?;
                }
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn line_breaks_are_character_references() {
        assert_eq!(escape("a\r\nb\t<c>"), "a&#13;&#10;b&#9;&lt;c&gt;");
        assert_eq!(escape("\u{1b}\u{ffff}"), "\u{fffd}\u{fffd}");
    }
}
