//! `backgrounder import FILE`: writes `content/<id>.yaml` from a published
//! article, through a temporary file and a rename, never over an existing
//! document unless `--force`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use backgrounder::import::{self, Format, Options};

use anyhow::{Context as _, anyhow};

use super::Outcome;

/// The largest input read: a long article is well under 1 MB of HTML.
const MAX_INPUT: u64 = 32 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The article: Markdown, HTML or plain text (UTF-8)
    pub file: PathBuf,
    /// The new document's id [default: from the title]
    #[arg(long)]
    pub id: Option<String>,
    /// How to read FILE [default: by its extension (.html, .htm, .md), else HTML when it starts as HTML markup, else Markdown]
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// The folder to write to [default: the configured content folder, content/]
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace an existing document of the same id
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Md,
    Html,
    Txt,
}

pub fn run(args: &ImportArgs) -> anyhow::Result<Outcome> {
    let file = args.file.display();
    // The fix follows the cause, so this one is not a context.
    let bytes = backgrounder::files::read_regular(&args.file, MAX_INPUT).map_err(|e| {
        anyhow!("cannot read {file}: {e}; name a readable Markdown, HTML or text file")
    })?;
    let options = Options {
        id: args.id.clone(),
        format: args.format.map(|f| match f {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Txt => Format::Text,
        }),
        today: backgrounder::model::date::iso(backgrounder::rules::date::today()),
    };
    let name = args
        .file
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    let imported =
        import::import(&name, &bytes, &options).with_context(|| format!("cannot import {file}"))?;
    let dir = match &args.out {
        Some(d) => d.clone(),
        None => super::load_config()?.content,
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let target = dir.join(format!("{}.yaml", imported.document.id));
    write(&dir, &target, imported.yaml.as_bytes(), args.force)?;
    let doc = &imported.document;
    let claims: usize = doc
        .sections
        .iter()
        .flat_map(|s| &s.body)
        .map(|b| match b {
            backgrounder::model::Block::Paragraph(c) => c.len(),
            backgrounder::model::Block::Quote(_) => 1,
        })
        .sum();
    super::print_out(|out| {
        writeln!(
            out,
            "wrote {} from {file} ({}): {claims} claims, {} sources; {} claims to source. Next: `backgrounder check {}`",
            target.display(),
            imported.format.name(),
            doc.sources.len(),
            imported.unsourced,
            target.display()
        )
    })
    .map(|()| Outcome::Clean)
}

/// Writes `target` in `dir` through a temporary file; without `force`, the
/// temporary file is linked into place, which fails if `target` exists, so
/// that a document written meanwhile is not replaced either.
fn write(dir: &Path, target: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    let exists = || {
        anyhow!(
            "{} already exists: pass --force to replace it, or --id to import under another id",
            target.display()
        )
    };
    if !force && std::fs::symlink_metadata(target).is_ok() {
        return Err(exists());
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.import-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if force {
            std::fs::rename(&tmp, target)
        } else {
            std::fs::hard_link(&tmp, target)
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        Err(e)
                    } else {
                        // No hard links on this file system: the check above stands.
                        std::fs::rename(&tmp, target)
                    }
                })
                .map(|()| {
                    let _ = std::fs::remove_file(&tmp);
                })
        }
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            anyhow::Error::new(e).context(format!("cannot write {}", target.display()))
        });
    }
    Ok(())
}
