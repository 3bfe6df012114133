//! The parse-only floor: reads every YAML file of a folder and runs
//! `saphyr-parser` over it to the end of its event stream, in parallel with
//! rayon as `check` does, and nothing else (no values, no positions, no
//! schema, no rules). What `check` costs beyond this is the price of
//! checking.
//!
//! ```sh
//! cargo run --release --example parse_floor -- DIR
//! ```

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use saphyr_parser::Parser;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            yaml_files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses one file; returns its number of events, or None if it is not
/// UTF-8 YAML.
fn parse(path: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut parser = Parser::new_from_str(&text);
    let mut events = 0;
    while let Some(next) = parser.next_event() {
        next.ok()?;
        events += 1;
    }
    Some(events)
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    if let Err(e) = yaml_files(Path::new(&dir), &mut files) {
        eprintln!("error: cannot read {dir}: {e}");
        std::process::exit(2);
    }
    let results: Vec<Option<usize>> = files.par_iter().map(|p| parse(p)).collect();
    let failed = results.iter().filter(|r| r.is_none()).count();
    let events: usize = results.iter().flatten().sum();
    println!(
        "{} files parsed, {events} events, {failed} failed",
        files.len()
    );
    std::process::exit(i32::from(failed > 0));
}
