//! `--format json`: a JSON array of findings, one object each.

use std::io::{self, Write};

use super::{Emitter, Findings};

pub struct Json;

impl Emitter for Json {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, findings.diagnostics)?;
        writeln!(out)
    }
}
