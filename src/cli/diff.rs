//! `backgrounder diff BASE`: what changed for a fact-checker since a git
//! revision, as Markdown or JSON on stdout.

use std::path::PathBuf;

use super::{DiffArgs, DiffFormat, EXIT_OK, EXIT_USAGE};
use backgrounder::diff::{self, git, render};

pub fn run(args: &DiffArgs) -> u8 {
    let config = match super::load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let paths = if args.paths.is_empty() {
        vec![config.content.clone()]
    } else {
        args.paths.clone()
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (base, head) = match git::sides(&cwd, &args.base, &paths) {
        Ok(sides) => sides,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let pairs = |files: git::Files| -> Vec<(String, String)> { files.into_iter().collect() };
    let report = diff::compare(
        &args.base,
        &diff::read_side(&pairs(base)),
        &diff::read_side(&pairs(head)),
    );
    let text = match args.format {
        DiffFormat::Markdown => render::markdown(&report),
        DiffFormat::Json => render::json(&report),
    };
    super::print_out(|out| {
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            writeln!(out)?;
        }
        Ok(())
    })
    .map_or_else(|code| code, |()| EXIT_OK)
}
