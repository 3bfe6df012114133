//! `--format github`: GitHub Actions workflow commands, which show each
//! finding as an annotation on the pull request's diff.

use std::io::{self, Write};

use super::{Emitter, Findings};
use crate::diag::Severity;

pub struct Github;

impl Emitter for Github {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()> {
        for d in findings.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            writeln!(
                out,
                "::{level} file={},line={},col={},title={}::{}",
                property(&d.file.to_string_lossy()),
                d.line,
                d.column,
                property(d.code),
                data(&format!("{}\nhint: {}", d.message, d.hint)),
            )?;
        }
        Ok(())
    }
}

fn data(s: &str) -> String {
    super::escape_controls(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
