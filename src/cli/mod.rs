//! The command line: arguments, one file per subcommand.

pub mod build;
pub mod check;
pub mod explain;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit codes, decided once at the end of a run.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "backgrounder",
    version,
    about = "Checks and exports backgrounders kept as YAML"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check backgrounders against the schema and every rule
    Check(CheckArgs),
    /// Check backgrounders and, if there is no error, export them
    Build(BuildArgs),
    /// Print the documentation of a rule (or list every rule)
    Explain {
        /// A rule code such as `cite/missing`; omit to list every code
        code: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check [default: content/]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Files or folders to build [default: content/]
    pub paths: Vec<PathBuf>,
    /// The output folder
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Formats to write, comma-separated: md, json, jsonld, pdf [default: all]
    #[arg(long, value_delimiter = ',')]
    pub format: Option<Vec<String>>,
    /// Reference style: a CSL style bundled with hayagriva (chicago-notes, apa, mla, ieee, ...)
    #[arg(long, default_value = "chicago-notes")]
    pub style: String,
    /// Paper size of the PDF
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    pub paper: PaperArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    Letter,
    A4,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The paths to work on: those given, or `content/`.
pub fn paths_or_default(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    let default = PathBuf::from("content");
    if default.is_dir() {
        Ok(vec![default])
    } else {
        Err("no `content/` folder here: run from the content repository's root, or name the files or folders to check".into())
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Explain { code } => explain::run(code.as_deref()),
    };
    ExitCode::from(code)
}
