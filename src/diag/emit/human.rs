//! `--format human`: rustc-style findings with the offending YAML line and a
//! caret, then a summary line. Colour only when asked for (a terminal without
//! `NO_COLOR`).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use super::{Emitter, Findings, escape_controls};
use crate::diag::{Severity, Tally};

pub struct Human {
    pub color: bool,
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

impl Emitter for Human {
    fn emit(&self, out: &mut dyn Write, findings: &Findings<'_>) -> io::Result<()> {
        let paint = Paint(self.color);
        // Each file's line starts, found once: a finding's line is then a
        // lookup, however many findings a file has.
        let mut lines: HashMap<&Path, Vec<usize>> = HashMap::new();
        for d in findings.diagnostics {
            let (label, color) = match d.severity {
                Severity::Error => ("error", "1;31"),
                Severity::Warning => ("warning", "1;33"),
            };
            writeln!(
                out,
                "{}{}",
                paint.wrap(color, &format!("{label}[{}]", d.code)),
                paint.wrap("1", &format!(": {}", escape_controls(&d.message)))
            )?;
            let gutter = d.line.to_string().len();
            let pad = " ".repeat(gutter);
            writeln!(
                out,
                "{pad}{} {}:{}:{}",
                paint.wrap("1;34", "-->"),
                escape_controls(&d.file.display().to_string()),
                d.line,
                d.column
            )?;
            let line = findings.sources.get(&d.file).and_then(|text| {
                let starts = lines
                    .entry(d.file.as_path())
                    .or_insert_with(|| line_starts(text));
                line_at(text, starts, d.line)
            });
            if let Some(line) = line {
                let bar = paint.wrap("1;34", "|");
                // A window of the line around the column: a finding far into
                // a long line shows its place, not a screenful of padding.
                let column = d.column.saturating_sub(1);
                let skip = column.saturating_sub(40) * usize::from(column > 120);
                let shown: String = line
                    .chars()
                    .skip(skip)
                    .take(160)
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect();
                let shown = escape_controls(&shown).into_owned();
                writeln!(out, "{pad} {bar}")?;
                writeln!(
                    out,
                    "{} {bar} {shown}",
                    paint.wrap("1;34", &d.line.to_string())
                )?;
                let start = (column - skip).min(shown.chars().count());
                let width = if d.end_line == d.line && d.end_column > d.column {
                    (d.end_column - d.column)
                        .min(shown.chars().count().saturating_sub(start).max(1))
                } else {
                    caret_width(&shown, start)
                };
                writeln!(
                    out,
                    "{pad} {bar} {}{}",
                    " ".repeat(start),
                    paint.wrap(color, &"^".repeat(width))
                )?;
            }
            if !d.hint.is_empty() {
                writeln!(
                    out,
                    "{pad} {} hint: {}",
                    paint.wrap("1;34", "="),
                    escape_controls(&d.hint)
                )?;
            }
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}",
            summary(findings.documents, Tally::of(findings.diagnostics))
        )
    }
}

/// The byte offset where each line of `text` starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Line `number` (from 1) of `text`, as `str::lines` gives it.
fn line_at<'t>(text: &'t str, starts: &[usize], number: usize) -> Option<&'t str> {
    let start = *starts.get(number.checked_sub(1)?)?;
    if start >= text.len() {
        return None;
    }
    let end = starts.get(number).map_or(text.len(), |next| next - 1);
    let line = &text[start..end];
    Some(line.strip_suffix('\r').unwrap_or(line))
}

/// How many characters the caret underlines when the node's end is not on
/// its first line: the key there, or the rest of the line before a comment.
fn caret_width(line: &str, start: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(start).collect();
    if rest.is_empty() {
        return 1;
    }
    let key_end = rest
        .windows(2)
        .position(|w| w[0] == ':' && w[1] == ' ')
        .or_else(|| (rest.last() == Some(&':')).then(|| rest.len() - 1));
    let comment = rest
        .windows(2)
        .position(|w| w[0] == ' ' && w[1] == '#')
        .unwrap_or(rest.len());
    let end = match key_end {
        Some(k) if !rest[..k].contains(&' ') || k < 24 => k,
        _ => comment,
    };
    end.clamp(1, 80)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "2 errors, 1 warning".
pub fn summary_counts(tally: Tally) -> String {
    format!(
        "{}, {}",
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning")
    )
}

/// "1 document checked: 2 errors, 1 warning".
pub fn summary(documents: usize, tally: Tally) -> String {
    format!(
        "{} checked: {}",
        plural(documents, "document"),
        summary_counts(tally)
    )
}
