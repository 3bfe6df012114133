//! The two sides of `diff`: the backgrounder files at a git revision, read
//! with `git ls-tree` and `git cat-file --batch` (git runs as a subprocess;
//! nothing links libgit2), and the same folders in the working tree.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::git;

/// The largest file read on either side, as `check` reads them.
const MAX_BYTES: u64 = crate::load::yaml::MAX_TEXT_BYTES as u64;

/// Files by their path from the repository's top, with their text.
pub type Files = BTreeMap<String, String>;

/// Why a side could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(transparent)]
    Git(#[from] crate::git::GitError),
    #[error("{} is outside the git repository at {}", path.display(), top.display())]
    Outside { path: PathBuf, top: PathBuf },
    #[error(transparent)]
    Plan(#[from] crate::check::PlanError),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write to git")]
    NoStdin,
    #[error("cannot read from git")]
    NoStdout,
    #[error("cannot read from git: {0}")]
    ReadOutput(#[source] std::io::Error),
    #[error("git cat-file ended early")]
    BatchEnded,
    #[error("git cat-file: unexpected answer `{0}`")]
    BatchHeader(String),
}

fn is_yaml(path: &str) -> bool {
    path.ends_with(".yaml") || path.ends_with(".yml")
}

/// `path` without `.` and `..`, as text would read it (for paths that no
/// longer exist, which cannot be canonicalized).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Both sides: the files under `paths` (relative to `cwd`) at `rev` and
/// now, leaving out every file whose text is the same on both.
pub fn sides(cwd: &Path, rev: &str, paths: &[PathBuf]) -> Result<(Files, Files), GitError> {
    let top = git::top(cwd, "`diff` has no revision to compare with")?;
    git::verify_commit(&top, rev)?;

    let mut specs = Vec::new();
    for path in paths {
        let absolute = cwd.join(path);
        let canonical = absolute
            .canonicalize()
            .unwrap_or_else(|_| lexical(&absolute));
        let relative = canonical
            .strip_prefix(&top)
            .map_err(|_| GitError::Outside {
                path: path.clone(),
                top: top.clone(),
            })?;
        let spec = relative.to_string_lossy().replace('\\', "/");
        specs.push(if spec.is_empty() {
            ".".to_owned()
        } else {
            spec
        });
    }

    let base = at_revision(&top, rev, &specs)?;
    let mut head = Files::new();
    for spec in &specs {
        let path = top.join(spec);
        let files = if path.is_dir() {
            crate::check::files_in(&path)?
        } else if path.exists() {
            vec![path]
        } else {
            Vec::new()
        };
        for file in files {
            let name = file
                .strip_prefix(&top)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            // Text that is not UTF-8 is read lossily: `check` reports it,
            // and the diff still shows what it can.
            match crate::files::read_regular(&file, MAX_BYTES) {
                Ok(bytes) => {
                    head.insert(name, String::from_utf8_lossy(&bytes).into_owned());
                }
                Err(source) => return Err(GitError::Read { path: file, source }),
            }
        }
    }
    let same: Vec<String> = base
        .iter()
        .filter(|(name, text)| head.get(*name) == Some(text))
        .map(|(name, _)| name.clone())
        .collect();
    let (mut base, mut head) = (base, head);
    for name in same {
        base.remove(&name);
        head.remove(&name);
    }
    Ok((base, head))
}

/// The backgrounder files under `specs` at `rev`: names from `git ls-tree`,
/// contents from one `git cat-file --batch`.
fn at_revision(top: &Path, rev: &str, specs: &[String]) -> Result<Files, GitError> {
    let mut args = vec!["ls-tree", "-r", "-l", "-z", "--full-tree", rev, "--"];
    args.extend(specs.iter().map(String::as_str));
    let listing = git::run(top, &args)?;
    let mut wanted = Vec::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, name)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let hidden = name.split('/').any(|part| part.starts_with('.'));
        let small = fields
            .get(3)
            .and_then(|s| s.parse::<u64>().ok())
            .is_some_and(|size| size <= MAX_BYTES);
        if fields.get(1) == Some(&"blob") && is_yaml(name) && !hidden && small {
            wanted.push((fields[2].to_owned(), name.to_owned()));
        }
    }
    if wanted.is_empty() {
        return Ok(Files::new());
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(top)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(git::GitError::Run)?;
    let mut stdin = child.stdin.take().ok_or(GitError::NoStdin)?;
    let request: String = wanted.iter().map(|(id, _)| format!("{id}\n")).collect();
    // Written from another thread, so that neither side waits on a full pipe.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(request.as_bytes());
    });
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .ok_or(GitError::NoStdout)?
        .read_to_end(&mut out)
        .map_err(GitError::ReadOutput)?;
    let _ = writer.join();
    let _ = child.wait();

    let mut files = Files::new();
    let mut rest = out.as_slice();
    for (_, name) in &wanted {
        let Some(newline) = rest.iter().position(|&b| b == b'\n') else {
            return Err(GitError::BatchEnded);
        };
        let header = String::from_utf8_lossy(&rest[..newline]).into_owned();
        rest = &rest[newline + 1..];
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| GitError::BatchHeader(header.clone()))?;
        if rest.len() < size {
            return Err(GitError::BatchEnded);
        }
        files.insert(
            name.clone(),
            String::from_utf8_lossy(&rest[..size]).into_owned(),
        );
        rest = rest.get(size + 1..).unwrap_or_default();
    }
    Ok(files)
}
