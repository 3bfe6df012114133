//! The command line: arguments, one file per subcommand.

pub mod build;
pub mod check;
pub mod diff;
pub mod explain;
pub mod import;
pub mod index;
pub mod new;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand, ValueEnum};

/// How a run that did not fail ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at error level (warnings allowed, unless `--deny-warnings`).
    Clean,
    /// A finding at error level, or a warning under `--deny-warnings`.
    Findings,
}

impl Outcome {
    /// The outcome of a check with these counts.
    pub fn of(tally: backgrounder::diag::Tally, deny_warnings: bool) -> Outcome {
        if tally.errors > 0 || (deny_warnings && tally.warnings > 0) {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }
}

/// `build`'s check found errors (printed already), so nothing was written.
#[derive(Debug, thiserror::Error)]
#[error("the check found errors, so nothing was written")]
pub struct NothingWritten;

#[derive(Debug, Parser)]
#[command(
    name = "backgrounder",
    version,
    about = "Checks and exports backgrounders kept as YAML"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The date `check` takes for today (YYYY-MM-DD), for reproducible runs
    /// [default: SOURCE_DATE_EPOCH when set, else the system clock]
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_today)]
    pub today: Option<i64>,
}

fn parse_today(text: &str) -> anyhow::Result<i64> {
    match backgrounder::model::date::parse(text) {
        Ok(interval) if text.len() == 10 => Ok(interval.start),
        _ => bail!("`{text}` is not a day: use YYYY-MM-DD, e.g. 2014-07-28"),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check backgrounders against the schema and every rule
    Check(CheckArgs),
    /// Check backgrounders and, if there is no error, export them
    Build(BuildArgs),
    /// Print the effective configuration (backgrounder.toml and defaults)
    Config,
    /// Print the JSON Schema of a backgrounder, for editors' YAML language servers
    Schema {
        /// Write it to schemas/backgrounder.schema.json at the repository root, where the
        /// skeletons of `new` point, instead of printing it
        #[arg(long)]
        write: bool,
    },
    /// Write a new backgrounder skeleton to fill in
    New(NewArgs),
    /// Turn a published article (Markdown, HTML or text) into a backgrounder to finish
    Import(import::ImportArgs),
    /// Claims added, changed, moved and removed since a git revision, with their sources
    Diff(DiffArgs),
    /// Merge the output folders of `build --shard` jobs into one, with one index.json
    Index(IndexArgs),
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
    /// Set a rule's severity: `CODE=error|warning|off` (repeatable; overrides backgrounder.toml)
    #[arg(long = "rule", value_name = "CODE=LEVEL")]
    pub rules: Vec<String>,
    /// Report only documents that differ from this git revision, and those whose `ref:` points at them
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Print per-document statistics: claims, cited share, analysis, quotes, sources, date span
    #[arg(long)]
    pub stats: bool,
    /// Re-check whenever a file changes, printing only what changed
    #[arg(long)]
    pub watch: bool,
    /// Stop watching after this many checks (for scripts and tests)
    #[arg(long, hide = true)]
    pub watch_runs: Option<usize>,
    /// Also request every URL (dead links, redirects, #fragments); never the default
    #[arg(long)]
    pub online: bool,
    /// With --online: the most time all requests may take, e.g. 60s or 2m [default: `[links] budget`, else 60s]
    #[arg(long, value_name = "DURATION", value_parser = backgrounder::config::parse_duration, requires = "online")]
    pub online_budget: Option<std::time::Duration>,
    /// With --online: ignore cached answers in .backgrounder/links.json
    #[arg(long, requires = "online")]
    pub refresh_links: bool,
    /// Check only shard K of N: a stable split by document id for parallel CI jobs
    /// (every document is still read for `ref:` checks)
    #[arg(long, value_name = "K/N", value_parser = backgrounder::shard::Shard::parse, conflicts_with = "watch")]
    pub shard: Option<backgrounder::shard::Shard>,
    /// With --format sarif: the page the log names as the tool's documentation
    /// (`informationUri`) [default: `[report] information_uri`, else none]
    #[arg(long, value_name = "URL", value_parser = parse_information_uri)]
    pub sarif_information_uri: Option<String>,
}

fn parse_information_uri(text: &str) -> Result<String, backgrounder::config::ConfigError> {
    backgrounder::config::check_information_uri(text).map(|()| text.to_owned())
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The new document's id, kebab-case; the file is `<dir>/<id>.yaml`
    pub id: String,
    /// Its title
    #[arg(long)]
    pub title: String,
    /// The folder to write to [default: the configured content folder]
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// `build --format`'s help: the formats of `export::EXPORTERS`.
fn format_help() -> String {
    format!(
        "Formats to write, comma-separated: {} [default: all]",
        backgrounder::export::exporter_names().join(", ")
    )
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Files or folders to build [default: the configured content folder, content/]
    pub paths: Vec<PathBuf>,
    /// The output folder [default: `out` in backgrounder.toml, else out/]
    #[arg(long)]
    pub out: Option<PathBuf>,
    // Formats to write, named from the exporter list.
    #[arg(long, value_delimiter = ',', help = format_help())]
    pub format: Option<Vec<String>>,
    /// Reference style: chicago-notes, chicago-author-date, apa, mla, ieee or harvard-cite-them-right
    /// [default: `style` in backgrounder.toml, else chicago-notes]
    #[arg(long)]
    pub style: Option<String>,
    /// Paper size of the PDF [default: `paper` in backgrounder.toml, else letter]
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// The standard the PDF conforms to, checked while writing: ua1 (PDF/UA-1), a2b, a3b, a2a
    /// (PDF/A) or a2b+ua1 [default: `[pdf] standard` in backgrounder.toml, else ua1]
    #[arg(long, value_parser = ["ua1", "a2b", "a3b", "a2a", "a2b+ua1"])]
    pub pdf_standard: Option<String>,
    /// Export every document, even those unchanged since the last build into the output folder
    #[arg(long)]
    pub force: bool,
    /// Build only shard K of N (a stable split by document id); `backgrounder index`
    /// merges the shards' output folders
    #[arg(long, value_name = "K/N", value_parser = backgrounder::shard::Shard::parse)]
    pub shard: Option<backgrounder::shard::Shard>,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The git revision to compare the working tree with, e.g. origin/main
    pub base: String,
    /// Files or folders to compare [default: the configured content folder, content/]
    pub paths: Vec<PathBuf>,
    /// Output format: markdown (a pull request comment) or json
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// The output folders of the shard builds
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The folder to merge them into (it may be one of them)
    #[arg(long)]
    pub out: PathBuf,
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
    Sarif,
    Junit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The paths to work on: those given, or `content/`.
pub fn paths_or_default(
    paths: &[PathBuf],
    config: &backgrounder::config::Config,
) -> anyhow::Result<Vec<PathBuf>> {
    let file = backgrounder::config::FILE_NAME;
    let content = config.content.display();
    if !paths.is_empty() {
        Ok(paths.to_vec())
    } else if config.content.is_dir() {
        Ok(vec![config.content.clone()])
    } else if config.source.is_some() && config.content.exists() {
        bail!("the content folder `{content}` set in {file} is a file, not a folder")
    } else if config.source.is_some() {
        bail!("the content folder `{content}` set in {file} does not exist")
    } else if config.root.is_some() {
        bail!(
            "no `{content}` folder at the repository root: create it, set `content` in {file}, or name the files or folders to check"
        )
    } else {
        bail!(
            "no content repository here: neither this folder nor any above it holds {file}, .git or a `content/` folder; run inside one, or name the files or folders to check"
        )
    }
}

/// The effective configuration: `backgrounder.toml` from the working
/// directory or a parent, else the defaults. Its errors are
/// [`backgrounder::config::ConfigError::Invalid`], which [`exit`] prints
/// as a finding.
pub fn load_config() -> anyhow::Result<backgrounder::config::Config> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    Ok(match backgrounder::config::find_root(&cwd) {
        None => backgrounder::config::Config::default(),
        Some(backgrounder::config::Root { path, config: None }) => {
            backgrounder::config::Config::at_root(&path)
        }
        Some(backgrounder::config::Root {
            config: Some(path), ..
        }) => backgrounder::config::load(&path)?,
    })
}

/// Writes a subcommand's output to stdout, buffered. A reader that went
/// away (`| head`, `| true`) ends the output quietly, with the exit code the
/// run would have had; any other write error (`> /dev/full`) is an error
/// (exit 2). Every subcommand prints through here or handles both cases
/// the same way, so none panics on a closed pipe.
pub fn print_out(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    quiet_on_broken_pipe(write(&mut out).and_then(|()| out.flush()))
        .context("cannot write the output")
}

/// A write's result, with a closed pipe taken as success: nobody is left
/// to read, and the run's exit code stands.
pub fn quiet_on_broken_pipe(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

pub fn run(cli: Cli) -> ExitCode {
    if let Some(today) = cli.today {
        backgrounder::rules::date::set_today(today);
    }
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Explain { code } => explain::run(code.as_deref()),
        Command::Config => load_config().and_then(|config| {
            print_out(|out| {
                match &config.source {
                    Some(path) => writeln!(out, "# from {}", path.display())?,
                    None => writeln!(
                        out,
                        "# no {} found; these are the defaults",
                        backgrounder::config::FILE_NAME
                    )?,
                }
                write!(out, "{}", config.to_toml())
            })
            .map(|()| Outcome::Clean)
        }),
        Command::Schema { write: false } => {
            print_out(|out| out.write_all(backgrounder::schema::BACKGROUNDER_SCHEMA.as_bytes()))
                .map(|()| Outcome::Clean)
        }
        Command::Schema { write: true } => new::write_schema(),
        Command::New(args) => new::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Index(args) => index::run(&args),
        Command::Diff(args) => diff::run(&args),
    };
    exit(result)
}

/// The one place that turns a run's end into its exit code (README, "Exit
/// codes"), printing the error if there is one: 0 clean; 1 findings, or a
/// build that wrote nothing because of them or stopped on a document; 2 a
/// usage or I/O problem (every other error).
pub fn exit(result: anyhow::Result<Outcome>) -> ExitCode {
    let code = match result {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Findings) => 1,
        Err(error) => {
            report(&error);
            if fails_on_documents(&error) { 1 } else { 2 }
        }
    };
    ExitCode::from(code)
}

/// Whether an error is about the documents rather than the run's
/// arguments or files: `build` then exits 1, as with findings.
fn fails_on_documents(error: &anyhow::Error) -> bool {
    use backgrounder::export::build::BuildError;
    error.chain().any(|e| {
        e.is::<NothingWritten>()
            || e.downcast_ref::<BuildError>().is_some_and(|e| {
                !matches!(
                    e,
                    BuildError::Style(_) | BuildError::Io { .. } | BuildError::NotAFile { .. }
                )
            })
    })
}

/// Prints an error on stderr: an invalid `backgrounder.toml` as a finding
/// with its line, anything else as `error: ` and its causes, each said once
/// (a library error that names its cause is not followed by it again).
fn report(error: &anyhow::Error) {
    use backgrounder::config::ConfigError;
    if let Some(ConfigError::Invalid(diagnostic)) =
        error.chain().find_map(|e| e.downcast_ref::<ConfigError>())
    {
        let text = backgrounder::files::read_regular_to_string(&diagnostic.file, 1024 * 1024)
            .unwrap_or_default();
        check::print_config_error(diagnostic, &diagnostic.file, &text);
        return;
    }
    eprintln!("error: {}", message(error));
}

/// An error and its causes, outermost first, joined by `: `; a cause the
/// text already holds is left out.
fn message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if message.contains(&cause) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&cause);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use backgrounder::export::build::BuildError;
    use std::path::Path;

    fn io(text: &str) -> std::io::Error {
        std::io::Error::other(text.to_owned())
    }

    #[test]
    fn each_cause_is_said_once() {
        let error = anyhow::Error::new(io("disk full")).context("cannot write out/a.md");
        assert_eq!(message(&error), "cannot write out/a.md: disk full");
        // A library error that names its cause, under a context.
        let plan = backgrounder::check::plan(&[PathBuf::from("/nonexistent/a.yaml")]).unwrap_err();
        let text = plan.to_string();
        assert!(
            text.starts_with("cannot read /nonexistent/a.yaml: "),
            "{text}"
        );
        let error = anyhow::Error::new(plan).context("cannot check");
        assert_eq!(message(&error), format!("cannot check: {text}"));
    }

    #[test]
    fn errors_about_documents_exit_1_and_the_rest_2() {
        let code = |error: anyhow::Error| exit(Err(error));
        let two = ExitCode::from(2);
        let one = ExitCode::from(1);
        assert_eq!(code(anyhow::anyhow!("bad flag")), two);
        assert_eq!(code(NothingWritten.into()), one);
        let symlink = BuildError::Symlink(Path::new("out").to_path_buf());
        assert_eq!(code(anyhow::Error::new(symlink).context("build")), one);
        let io_error = BuildError::Io {
            path: PathBuf::from("out/a.md"),
            error: io("disk full"),
        };
        assert_eq!(code(io_error.into()), two);
        assert_eq!(exit(Ok(Outcome::Clean)), ExitCode::SUCCESS);
        assert_eq!(exit(Ok(Outcome::Findings)), one);
    }
}
