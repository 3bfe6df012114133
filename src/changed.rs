//! `check --changed-since REF`: which documents differ from a git revision,
//! and which other documents point at them with `ref:`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::check::CheckedFile;
use crate::model::links::refs;

/// Why the changed files could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    Run(#[source] std::io::Error),
    /// git ran and failed: what it printed on stderr.
    #[error("{0}")]
    Failed(String),
    #[error("{} is not inside a git repository, so `--changed-since` has nothing to compare with", .0.display())]
    NotARepository(PathBuf),
    #[error("`{0}` is not a commit, branch or tag in this repository")]
    UnknownRevision(String),
}

fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(GitError::Run)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(GitError::Failed(stderr.trim().to_owned()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The files (absolute, canonical) that differ between `rev` and the working
/// tree, including files git does not track yet.
pub fn changed_since(dir: &Path, rev: &str) -> Result<BTreeSet<PathBuf>, GitError> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])
        .map_err(|_| GitError::NotARepository(dir.to_path_buf()))?;
    let top = PathBuf::from(top.trim());
    git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| GitError::UnknownRevision(rev.to_owned()))?;
    let mut names = git(&top, &["diff", "--name-only", "--no-renames", rev, "--"])?;
    names.push_str(&git(&top, &["ls-files", "--others", "--exclude-standard"])?);
    Ok(names
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| top.join(l))
        .map(|p| p.canonicalize().unwrap_or(p))
        .collect())
}

/// The checked files to report on: those changed, and those whose `ref:`s
/// (in resources, related items or claim text) name a changed document.
pub fn select<'a>(files: &'a [CheckedFile], changed: &BTreeSet<PathBuf>) -> Vec<&'a CheckedFile> {
    let is_changed =
        |p: &Path| changed.contains(&p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
    let changed_ids: BTreeSet<String> = files
        .iter()
        .filter(|f| is_changed(&f.path))
        .filter_map(|f| f.path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    files
        .iter()
        .filter(|f| {
            is_changed(&f.path)
                || f.document
                    .as_ref()
                    .is_some_and(|d| refs(d).iter().any(|r| changed_ids.contains(r)))
        })
        .collect()
}
