//! `backgrounder build`: check, and only if nothing is wrong, export.

use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::bail;

use super::{BuildArgs, NothingWritten, Outcome, PaperArg};
use backgrounder::check;
use backgrounder::config::PaperName;
use backgrounder::diag::emit::{Emitter, Findings, Human};
use backgrounder::export::build::{self, BuildOptions};
use backgrounder::export::{self, ExportOptions, Paper, PdfStandard};

pub fn run(args: &BuildArgs) -> anyhow::Result<Outcome> {
    let config = super::load_config()?;
    let paths = super::paths_or_default(&args.paths, &config)?;
    let mut formats = Vec::new();
    let names: Vec<&str> = match &args.format {
        Some(list) => list.iter().map(String::as_str).collect(),
        None => export::exporter_names(),
    };
    for name in names {
        let name = name.trim();
        match export::exporter(name) {
            Some(e)
                if !formats
                    .iter()
                    .any(|f: &&dyn backgrounder::export::Exporter| f.name() == name) =>
            {
                formats.push(e);
            }
            Some(_) => {}
            None => bail!(
                "unknown format `{name}`: choose from {}",
                export::exporter_names().join(", ")
            ),
        }
    }
    if formats.is_empty() {
        bail!(
            "no format to build: give `--format` one or more of {}",
            export::exporter_names().join(", ")
        );
    }

    let mut plan = check::plan(&paths)?;
    // With a shard, every file stays known for `ref:` targets; only the
    // shard's are checked and exported.
    let all_targets = plan.targets.clone();
    if let Some(shard) = args.shard {
        plan.targets.retain(|path| shard.holds_file(path));
    }
    // The same check as `check`, with the configured rule severities.
    let pdf = formats.iter().any(|f| f.name() == "pdf");
    let options = check::CheckOptions {
        limits: config.limits,
        rules: config.rules.clone(),
        pdf_fonts: if pdf { config.pdf_chain() } else { None },
        keep: check::Keep {
            texts: false,
            documents: true,
            positions: false,
        },
    };
    let report = check::run_with(&plan, &options);
    let diagnostics = report.diagnostics();
    if !diagnostics.is_empty() {
        // Findings go to stderr: errors stop the build, warnings do not.
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
        let stderr = std::io::stderr();
        let color =
            stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let _ = Human { color }.emit(&mut stderr.lock(), &findings);
        if report.has_errors() {
            return Err(NothingWritten.into());
        }
    }
    let mut docs: Vec<_> = report
        .files
        .into_iter()
        .filter_map(|f| f.document)
        .collect();
    if docs.is_empty() && args.shard.is_none() {
        bail!("no backgrounder to build in the paths given");
    }
    let shard_ids: BTreeSet<String> = docs.iter().map(|d| d.id.clone()).collect();
    if args.shard.is_some() {
        // The documents the shard's `ref:` point at, read (their own shard
        // reports their findings) so that fingerprints are those of a whole build.
        let wanted: BTreeSet<String> = docs
            .iter()
            .flat_map(backgrounder::model::links::refs)
            .filter(|id| !shard_ids.contains(id))
            .collect();
        let targets: Vec<PathBuf> = all_targets
            .into_iter()
            .filter(|p| {
                p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| wanted.contains(s))
            })
            .collect();
        let context = check::Plan {
            targets,
            set: plan.set.clone(),
        };
        docs.extend(
            check::run_with(&context, &options)
                .files
                .into_iter()
                .filter_map(|f| f.document)
                .filter(|d| !shard_ids.contains(&d.id)),
        );
    }

    // Flags over backgrounder.toml over the defaults.
    let paper = match args.paper {
        Some(PaperArg::Letter) => Paper::Letter,
        Some(PaperArg::A4) => Paper::A4,
        None => match config.paper {
            PaperName::Letter => Paper::Letter,
            PaperName::A4 => Paper::A4,
        },
    };
    let options = BuildOptions {
        out: args.out.clone().unwrap_or_else(|| config.out.clone()),
        formats,
        export: ExportOptions {
            style: args.style.clone().unwrap_or_else(|| config.style.clone()),
            paper,
            pdf_standard: PdfStandard::from_name(
                args.pdf_standard.as_deref().unwrap_or(&config.pdf_standard),
            )
            .unwrap_or_default(),
            fonts: config.font_chain.0.clone(),
            date: ExportOptions::date_from_env(),
        },
        progress: None,
        force: args.force,
    };
    let bar = progress_bar(shard_ids.len() * options.formats.len());
    let options = BuildOptions {
        progress: bar.clone().map(|(bar, start)| {
            let shown = std::sync::atomic::AtomicBool::new(false);
            std::sync::Arc::new(move || {
                bar.inc(1);
                // Only runs longer than a moment get a bar.
                if start.elapsed() > std::time::Duration::from_millis(300)
                    && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
                {
                    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                }
            }) as build::Progress
        }),
        ..options
    };
    let result = match args.shard {
        Some(_) => build::build_shard(&docs, &shard_ids, &options),
        None => build::build(&docs, &options),
    };
    if let Some((bar, _)) = bar {
        bar.finish_and_clear();
    }
    let built = result?;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let exported = built.documents.len() - built.skipped;
    let line = if exported == 0 && built.files.is_empty() {
        format!(
            "nothing to write: {} is up to date ({} unchanged since the last build; `--force` rebuilds them)",
            options.out.display(),
            built.skipped
        )
    } else {
        let mut line = format!(
            "built {exported} document{} into {}: {} file{} written",
            plural(exported),
            options.out.display(),
            built.files.len(),
            plural(built.files.len())
        );
        if built.skipped > 0 {
            line.push_str(&format!(
                "; {} unchanged since the last build, skipped (`--force` rebuilds them)",
                built.skipped
            ));
        }
        line
    };
    eprintln!("{line}");
    Ok(Outcome::Clean)
}

/// A progress bar on a terminal outside CI, hidden until the build has run
/// for a moment; None when stderr is piped or `CI` is set.
fn progress_bar(total: usize) -> Option<(indicatif::ProgressBar, std::time::Instant)> {
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} exports  {elapsed}")
    {
        bar.set_style(style);
    }
    Some((bar, std::time::Instant::now()))
}
