//! `backgrounder diff BASE`: what changed for a fact-checker since a git
//! revision, as Markdown or JSON on stdout.

use std::path::PathBuf;

use super::{DiffArgs, DiffFormat, Outcome};
use backgrounder::diff::{self, git, render};

pub fn run(args: &DiffArgs) -> anyhow::Result<Outcome> {
    let config = super::load_config()?;
    let paths = if args.paths.is_empty() {
        vec![config.content.clone()]
    } else {
        args.paths.clone()
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (base, head) = git::sides(&cwd, &args.base, &paths)?;
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
    .map(|()| Outcome::Clean)
}
