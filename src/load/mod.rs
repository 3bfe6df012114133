//! Reading backgrounder files: bytes to text to a JSON value with positions.

mod bounded;
pub mod positions;
pub mod rules;
pub mod yaml;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use positions::{NodePosition, PositionMap};
pub use yaml::{Limits, Loaded};

use crate::diag::{Diagnostic, Position, Rule, Span};

/// One file as read from disk: its path, its text and, if it parsed, the
/// loaded value.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Reads a file as UTF-8 text, or explains why it cannot be read.
pub fn read(path: &Path, limits: Limits) -> Result<SourceFile, Box<Diagnostic>> {
    let fail = |code, message, hint: &str, position| failure(path, code, message, hint, position);
    let start = Position { line: 1, column: 1 };
    let io_error = |e: std::io::Error| {
        if crate::files::is_not_regular(&e) {
            fail(
                &rules::IO_READ,
                format!("cannot read the file: it is {e}"),
                "a backgrounder is a regular file; remove this FIFO, socket or device, or rename it so that it does not end in `.yaml`",
                start,
            )
        } else {
            fail(
                &rules::IO_READ,
                format!("cannot read the file: {e}"),
                "check the path and its permissions",
                start,
            )
        }
    };
    // Opened without blocking and checked to be a regular file before a byte
    // is read: a FIFO would otherwise wait for a writer forever.
    let file = crate::files::open_regular(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > limits.file_bytes {
        return Err(fail(
            &rules::TOO_LARGE,
            format!(
                "the file is {size} bytes, more than the limit of {}",
                limits.file_bytes
            ),
            "a backgrounder is tens of kilobytes; split the file, or raise `[limits] file_bytes` in backgrounder.toml",
            start,
        ));
    }
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limits.file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    decode(path, bytes, limits)
}

fn failure(
    path: &Path,
    rule: &Rule,
    message: String,
    hint: &str,
    position: Position,
) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(rule, path, message, hint).at(Span::at(position)))
}

/// Turns a file's bytes into text: the size limit, UTF-8, and a leading
/// byte-order mark dropped. `path` names the file in diagnostics only.
pub fn decode(path: &Path, bytes: Vec<u8>, limits: Limits) -> Result<SourceFile, Box<Diagnostic>> {
    let fail = |code, message, hint: &str, position| failure(path, code, message, hint, position);
    let start = Position { line: 1, column: 1 };
    if bytes.len() as u64 > limits.file_bytes {
        return Err(fail(
            &rules::TOO_LARGE,
            format!(
                "the file is more than the limit of {} bytes",
                limits.file_bytes
            ),
            "split the file, or raise `[limits] file_bytes` in backgrounder.toml",
            start,
        ));
    }
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || (bytes.len() >= 2 && (bytes[0] == 0) != (bytes[1] == 0));
    if utf16 {
        return Err(fail(
            &rules::ENCODING,
            "the file is UTF-16, not UTF-8".into(),
            "save the file as UTF-8; most editors offer this under \"Save with encoding\"",
            start,
        ));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let before = String::from_utf8_lossy(&bytes[..nul]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(fail(
            &rules::ENCODING,
            format!("the file holds a NUL byte (byte {nul})"),
            "a backgrounder is text; remove the NUL bytes (was the file saved as UTF-16 or by a binary tool?)",
            Position { line, column },
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(fail(
                &rules::ENCODING,
                format!("the file is not valid UTF-8 (byte {valid})"),
                "save the file as UTF-8; most editors offer this under \"Save with encoding\"",
                Position { line, column },
            ));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}

/// Parses a file's YAML, turning a failure into a diagnostic at its place.
pub fn parse(file: &SourceFile, limits: Limits) -> Result<Loaded, Box<Diagnostic>> {
    yaml::parse(&file.text, limits).map_err(|e| {
        Box::new(Diagnostic::new(e.rule, &file.path, e.message, e.hint).at(Span::at(e.position)))
    })
}
