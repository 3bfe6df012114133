//! `check --changed-since REF`: which documents differ from a git revision,
//! and which other documents point at them with `ref:`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::check::CheckedFile;
use crate::model::links::refs;

/// Why the changed files could not be listed.
#[derive(Debug)]
pub struct GitError(pub String);

fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| GitError(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(GitError(stderr.trim().to_owned()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The files (absolute, canonical) that differ between `rev` and the working
/// tree, including files git does not track yet.
pub fn changed_since(dir: &Path, rev: &str) -> Result<BTreeSet<PathBuf>, GitError> {
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        GitError(format!(
            "{} is not inside a git repository, so `--changed-since` has nothing to compare with",
            dir.display()
        ))
    })?;
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
    .map_err(|_| {
        GitError(format!(
            "`{rev}` is not a commit, branch or tag in this repository"
        ))
    })?;
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
