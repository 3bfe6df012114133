//! `check --changed-since REF`: which documents differ from a git revision,
//! and which other documents point at them with `ref:`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::check::CheckedFile;
use crate::git::{self, GitError};
use crate::model::links::refs;

/// The files (absolute, canonical) that differ between `rev` and the working
/// tree, including files git does not track yet.
pub fn changed_since(dir: &Path, rev: &str) -> Result<BTreeSet<PathBuf>, GitError> {
    let top = git::top(dir, "`--changed-since` has nothing to compare with")?;
    git::verify_commit(&top, rev)?;
    let mut names = git::run(&top, &["diff", "--name-only", "--no-renames", rev, "--"])?;
    names.extend(git::run(
        &top,
        &["ls-files", "--others", "--exclude-standard"],
    )?);
    let names = String::from_utf8_lossy(&names);
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
