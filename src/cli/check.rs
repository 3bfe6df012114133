//! `backgrounder check`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context as _, anyhow, bail};

use super::{CheckArgs, ColorChoice, Format, Outcome};
use backgrounder::check::{self, CheckOptions, CheckedFile, Keep, Plan};
use backgrounder::config::{self, Level};
use backgrounder::diag::emit::{Emitter, Findings, Github, Human, Json, Junit, Sarif};
use backgrounder::diag::{self, Diagnostic, Tally};
use backgrounder::{changed, stats};

pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let config = super::load_config()?;
    let paths = super::paths_or_default(&args.paths, &config)?;
    let mut options = CheckOptions {
        rules: config.rules.clone(),
        limits: config.limits,
        keep: Keep {
            // Online findings are added later, to files that may have none yet.
            texts: args.online,
            documents: args.stats || args.changed_since.is_some() || args.online,
            positions: args.online,
        },
        // `build` writes a PDF unless told otherwise.
        pdf_fonts: config.pdf_chain(),
    };
    rule_flags(&args.rules, &mut options.rules)?;
    let mut plan = check::plan(&paths)?;
    if let Some(shard) = args.shard {
        plan.targets.retain(|path| shard.holds_file(path));
    }
    if args.watch {
        if args.online {
            bail!("`--online` cannot be combined with `--watch`");
        }
        return watch(&paths, &options, args);
    }
    let report = check::run_with(&plan, &options);
    let selected: Vec<&CheckedFile> = match &args.changed_since {
        None => report.files.iter().collect(),
        Some(rev) => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            changed::select(&report.files, &changed::changed_since(&cwd, rev)?)
        }
    };
    let mut diagnostics: Vec<Diagnostic> = selected
        .iter()
        .flat_map(|f| f.diagnostics.iter().cloned())
        .collect();
    let mut online_summary = None;
    if args.online {
        let (found, summary) = online(args, &config, &options, &paths, &selected)?;
        diagnostics.extend(found);
        online_summary = Some(summary);
    }
    diag::sort(&mut diagnostics);
    let sources = sources_of(&selected);
    let findings = Findings {
        diagnostics: &diagnostics,
        sources: &sources,
        documents: selected.len(),
    };
    let stdout = std::io::stdout();
    let information_uri = args
        .sarif_information_uri
        .clone()
        .or_else(|| config.information_uri.clone());
    let emitter = emitter(
        args.format,
        color(args.color, stdout.is_terminal()),
        information_uri,
        args.deny_warnings,
    );
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = emitter.emit(&mut out, &findings).and_then(|()| {
        if args.stats && args.format == Format::Human {
            write_stats(&mut out, &selected)?;
        }
        out.flush()
    });
    super::quiet_on_broken_pipe(written).context("cannot write the report")?;
    if args.stats && args.format != Format::Human {
        let _ = write_stats(&mut std::io::stderr().lock(), &selected);
    }
    if let Some(summary) = online_summary {
        eprintln!("{summary}");
    }
    Ok(Outcome::of(Tally::of(&diagnostics), args.deny_warnings))
}

/// `--online`: requests every URL of the selected documents and returns the
/// findings, with the configured severities, and a summary line for stderr.
/// Cache warnings are printed at once.
fn online(
    args: &CheckArgs,
    config: &config::Config,
    options: &CheckOptions,
    paths: &[PathBuf],
    selected: &[&CheckedFile],
) -> anyhow::Result<(Vec<Diagnostic>, String)> {
    let mut online = backgrounder::online::Options::from_config(&config.links)?;
    if let Some(budget) = args.online_budget {
        online.budget = budget;
    }
    online.refresh = args.refresh_links;
    online.skip_placeholders = options
        .rules
        .get(backgrounder::rules::link::PLACEHOLDER.code)
        != Some(&Level::Off);
    online.cache = Some(backgrounder::online::cache_path(
        config.source.as_deref(),
        paths.first().map(PathBuf::as_path),
    ));
    let outcome = backgrounder::online::verify(selected, &online);
    let mut found = outcome.diagnostics;
    config::apply_overrides(&options.rules, &mut found);
    let s = outcome.summary;
    for note in &s.notes {
        eprintln!("warning: {note}");
    }
    let mut line = format!(
        "online: {} URL{}: {} requested, {} from the cache",
        s.urls,
        if s.urls == 1 { "" } else { "s" },
        s.requested,
        s.cached
    );
    if s.skipped > 0 {
        line.push_str(&format!(", {} skipped by `[links] exclude`", s.skipped));
    }
    if s.unchecked > 0 {
        line.push_str(&format!(
            ", {} not checked (the budget of {} ran out)",
            s.unchecked,
            config::DurationText(online.budget)
        ));
    }
    Ok((found, line))
}

/// Lays `--rule CODE=LEVEL` flags over the configured severities.
pub fn rule_flags(flags: &[String], rules: &mut BTreeMap<String, Level>) -> anyhow::Result<()> {
    for flag in flags {
        let Some((code, level)) = flag.split_once('=') else {
            bail!("`--rule {flag}`: write it as CODE=LEVEL, e.g. `--rule link/insecure=off`");
        };
        let Some(level) = Level::parse(level.trim()) else {
            bail!("`--rule {flag}`: the level must be error, warning or off");
        };
        config::check_override(code.trim()).map_err(|e| anyhow!("{e}; {}", e.hint()))?;
        rules.insert(code.trim().to_owned(), level);
    }
    Ok(())
}

fn color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn emitter(
    format: Format,
    color: bool,
    information_uri: Option<String>,
    deny_warnings: bool,
) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(Human { color }),
        Format::Json => Box::new(Json),
        Format::Github => Box::new(Github),
        Format::Sarif => Box::new(Sarif {
            information_uri,
            rules: backgrounder::rules::all()
                .map(|r| (r, r.full_doc()))
                .collect(),
        }),
        Format::Junit => Box::new(Junit { deny_warnings }),
    }
}

/// Every checked file, with its text where the report kept it (files with
/// findings always keep theirs).
fn sources_of<'a>(files: &[&'a CheckedFile]) -> HashMap<PathBuf, &'a str> {
    files
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                f.source.as_ref().map_or("", |s| s.text.as_str()),
            )
        })
        .collect()
}

/// Prints one configuration error in human format to stderr, before any
/// command runs: no documents, so no summary line.
pub fn print_config_error(diagnostic: &Diagnostic, path: &Path, text: &str) {
    let sources: HashMap<PathBuf, &str> = HashMap::from([(path.to_path_buf(), text)]);
    let stderr = std::io::stderr();
    let human = Human {
        color: color(ColorChoice::Auto, stderr.is_terminal()),
    };
    let mut buffer = Vec::new();
    let findings = Findings {
        diagnostics: std::slice::from_ref(diagnostic),
        sources: &sources,
        documents: 0,
    };
    if human.emit(&mut buffer, &findings).is_ok() {
        let text = String::from_utf8_lossy(&buffer);
        // Drop the summary line: there were no documents to count.
        let body = text
            .trim_end()
            .rsplit_once('\n')
            .map_or(String::new(), |(body, _)| format!("{body}\n"));
        let _ = stderr.lock().write_all(body.as_bytes());
    }
}

fn write_stats(out: &mut dyn Write, files: &[&CheckedFile]) -> std::io::Result<()> {
    let rows: Vec<stats::DocumentStats> = files
        .iter()
        .filter_map(|f| f.document.as_ref())
        .map(stats::of)
        .collect();
    let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(8).max(8);
    writeln!(
        out,
        "\n{:<width$}  {:>6}  {:>6}  {:>8}  {:>6}  {:>7}  date span",
        "document", "claims", "cited", "analysis", "quotes", "sources"
    )?;
    for r in rows {
        let span = r
            .span
            .as_ref()
            .map_or("-".to_owned(), |(a, b)| format!("{a}..{b}"));
        writeln!(
            out,
            "{:<width$}  {:>6}  {:>5.0}%  {:>8}  {:>6}  {:>7}  {span}",
            r.id,
            r.claims,
            r.cited_percent(),
            r.analysis,
            r.quotes,
            r.sources
        )?;
    }
    Ok(())
}

/// What identifies a finding across edits: lines move, these do not.
type FindingKey = (PathBuf, &'static str, String, String);

fn key(d: &Diagnostic) -> FindingKey {
    (d.file.clone(), d.code, d.pointer.clone(), d.message.clone())
}

/// Every backgrounder file under the paths, with its modification time and size.
fn snapshot(paths: &[PathBuf]) -> BTreeMap<PathBuf, (Option<SystemTime>, u64)> {
    let mut out = BTreeMap::new();
    for path in paths {
        let files = if path.is_dir() {
            check::files_in(path).unwrap_or_default()
        } else {
            vec![path.clone()]
        };
        for file in files {
            let meta = std::fs::metadata(&file).ok();
            out.insert(
                file,
                (
                    meta.as_ref().and_then(|m| m.modified().ok()),
                    meta.map_or(0, |m| m.len()),
                ),
            );
        }
    }
    out
}

fn watch(paths: &[PathBuf], options: &CheckOptions, args: &CheckArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let human = Human {
        color: color(args.color, stdout.is_terminal()),
    };
    let mut previous: Option<BTreeSet<FindingKey>> = None;
    let mut runs = 0;
    loop {
        let seen = snapshot(paths);
        let plan: Plan = match check::plan(paths) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                Plan::default()
            }
        };
        let report = check::run_with(&plan, options);
        let diagnostics = report.diagnostics();
        let last_tally = Tally::of(&diagnostics);
        let files: Vec<&CheckedFile> = report.files.iter().collect();
        let sources = sources_of(&files);
        let now: BTreeSet<FindingKey> = diagnostics.iter().map(key).collect();
        let fresh: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| previous.as_ref().is_none_or(|p| !p.contains(&key(d))))
            .cloned()
            .collect();
        let mut out = stdout.lock();
        let written = (|| {
            if let Some(previous) = &previous {
                for (file, code, _, message) in previous.difference(&now) {
                    writeln!(out, "fixed[{code}]: {message}\n  --> {}\n", file.display())?;
                }
            }
            let findings = Findings {
                diagnostics: &fresh,
                sources: &sources,
                documents: report.files.len(),
            };
            human.emit(&mut out, &findings)?;
            writeln!(
                out,
                "[watch] {} in all; waiting for changes",
                backgrounder::diag::emit::summary_counts(last_tally)
            )?;
            out.flush()
        })();
        // Nobody to print to: stop watching, as a closed pipe ends `check`.
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                return Ok(Outcome::of(last_tally, args.deny_warnings));
            }
            Err(e) => return Err(e).context("cannot write the report"),
        }
        drop(out);
        previous = Some(now);
        runs += 1;
        if args.watch_runs.is_some_and(|max| runs >= max) {
            return Ok(Outcome::of(last_tally, args.deny_warnings));
        }
        while snapshot(paths) == seen {
            std::thread::sleep(Duration::from_millis(150));
        }
        // Let an editor finish writing before reading the file.
        std::thread::sleep(Duration::from_millis(50));
    }
}
