//! git, run as a subprocess (nothing links libgit2): the repository's top
//! folder, a revision checked to be a commit, and any other command. Used by
//! `check --changed-since` and `diff`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why git could not answer.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    Run(#[source] std::io::Error),
    /// git ran and failed: what it printed on stderr.
    #[error("{0}")]
    Failed(String),
    /// `dir` is in no repository; `needs` says what wanted one.
    #[error("{} is not inside a git repository, so {needs}", dir.display())]
    NotARepository { dir: PathBuf, needs: &'static str },
    #[error("`{0}` is not a commit, branch or tag in this repository")]
    UnknownRevision(String),
}

/// Runs `git args` in `dir` and returns what it printed.
pub fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::Run)?;
    if !output.status.success() {
        return Err(GitError::Failed(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        ));
    }
    Ok(output.stdout)
}

/// The top folder (canonical) of the repository that holds `dir`; `needs`
/// ends the message when there is none.
pub fn top(dir: &Path, needs: &'static str) -> Result<PathBuf, GitError> {
    // git that cannot run says so; git that runs and fails here means no
    // repository.
    let out = run(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        GitError::Failed(_) => GitError::NotARepository {
            dir: dir.to_path_buf(),
            needs,
        },
        other => other,
    })?;
    let top = PathBuf::from(String::from_utf8_lossy(&out).trim());
    Ok(top.canonicalize().unwrap_or(top))
}

/// Checks that `rev` names a commit of the repository at `dir`.
pub fn verify_commit(dir: &Path, rev: &str) -> Result<(), GitError> {
    let commit = format!("{rev}^{{commit}}");
    run(dir, &["rev-parse", "--verify", "--quiet", &commit])
        .map(drop)
        .map_err(|e| match e {
            GitError::Failed(_) => GitError::UnknownRevision(rev.to_owned()),
            other => other,
        })
}
