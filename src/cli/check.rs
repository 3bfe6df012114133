//! `backgrounder check`.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::{CheckArgs, ColorChoice, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format};
use backgrounder::check;
use backgrounder::diag::Tally;
use backgrounder::diag::emit::{Emitter, Findings, Github, Human, Json};
use backgrounder::load::Limits;

pub fn run(args: &CheckArgs) -> u8 {
    let paths = match super::paths_or_default(&args.paths) {
        Ok(p) => p,
        Err(e) => return usage(&e),
    };
    let plan = match check::plan(&paths) {
        Ok(p) => p,
        Err(e) => return usage(&e.0),
    };
    let report = check::run(&plan, Limits::default());
    let diagnostics = report.diagnostics();
    let sources: HashMap<PathBuf, &str> = report
        .files
        .iter()
        .filter_map(|f| f.source.as_ref().map(|s| (f.path.clone(), s.text.as_str())))
        .collect();
    let findings = Findings {
        diagnostics: &diagnostics,
        sources: &sources,
        documents: report.files.len(),
    };
    let stdout = std::io::stdout();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let emitter: Box<dyn Emitter> = match args.format {
        Format::Human => Box::new(Human { color }),
        Format::Json => Box::new(Json),
        Format::Github => Box::new(Github),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) = emitter.emit(&mut out, &findings).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
            return EXIT_USAGE;
        }
    }
    let tally = Tally::of(&diagnostics);
    if tally.errors > 0 || (args.deny_warnings && tally.warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn usage(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_USAGE
}
