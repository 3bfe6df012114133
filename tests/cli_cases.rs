//! Command-line cases kept as files: every folder under tests/fixtures/cli/
//! (but `help/` and `shared/`) and under tests/fixtures/golden/ is one run
//! of the binary, compared exactly with what it printed, its exit code and
//! the files it wrote. `BLESS=1 cargo test --test cli_cases` rewrites the
//! expected files after a deliberate change (look at the diff).
//!
//! A case folder holds:
//! - `cmd`: the arguments after `backgrounder`, split at spaces; `"…"`
//!   keeps spaces in one argument;
//! - `input` (optional): paths relative to the repository root, one a line,
//!   each copied (a folder whole) under its own name into the temporary
//!   folder the command runs in;
//! - `stdout`, `stderr`, `code`: what it must print and exit with; the
//!   temporary folder's path is written `[CWD]`;
//! - `files/` (optional): every file the run creates or changes, by its path
//!   in the temporary folder; a file named in `ignore` (optional, one path a
//!   line) must be written but its content is not compared.
//!
//! The environment is fixed: only `PATH`, `HOME` (the temporary folder),
//! `NO_COLOR=1`, `LC_ALL=C` and `SOURCE_DATE_EPOCH` (2026-01-01).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SOURCE_DATE_EPOCH: &str = "1767225600";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// `cmd` split into arguments.
fn args(cmd: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut arg = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in cmd.trim().chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            ' ' | '\n' if !quoted => {
                if started {
                    out.push(std::mem::take(&mut arg));
                    started = false;
                }
            }
            _ => {
                arg.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(arg);
    }
    out
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}

/// Every file under `dir`, by its path relative to `dir` with `/`.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Compares `actual` with the file `path` (or writes it when blessing);
/// describes a difference.
fn same(path: &Path, actual: &[u8]) -> Option<String> {
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let want = std::fs::read(path).unwrap_or_default();
    (want != actual).then(|| {
        format!(
            "{} differs; it is now:\n{}",
            path.display(),
            String::from_utf8_lossy(actual)
        )
    })
}

/// Runs the case in `case`; describes each way it failed.
fn run_case(case: &Path) -> Vec<String> {
    let cmd = std::fs::read_to_string(case.join("cmd"))
        .unwrap_or_else(|e| panic!("{}/cmd: {e}", case.display()));
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let marker = ["backgrounder.toml", ".git", "content"];
    if let Some(above) = cwd
        .ancestors()
        .skip(1)
        .find(|a| marker.iter().any(|m| a.join(m).exists()))
    {
        panic!(
            "{} holds backgrounder.toml, .git or content/, which would make it the cases' repository root: set TMPDIR elsewhere",
            above.display()
        );
    }
    for input in lines(&case.join("input")) {
        let from = root().join(&input);
        copy(&from, &cwd.join(from.file_name().unwrap()));
    }
    let before = tree(cwd);
    let o = Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(args(&cmd))
        .current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", cwd)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .output()
        .unwrap();
    let normalise = |bytes: &[u8]| {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        for path in [cwd.canonicalize().unwrap(), cwd.to_path_buf()] {
            text = text.replace(path.to_str().unwrap(), "[CWD]");
        }
        text.into_bytes()
    };
    let mut failures = Vec::new();
    failures.extend(same(&case.join("stdout"), &normalise(&o.stdout)));
    failures.extend(same(&case.join("stderr"), &normalise(&o.stderr)));
    let code = format!("{}\n", o.status.code().unwrap_or(-1));
    failures.extend(same(&case.join("code"), code.as_bytes()));

    let ignore = lines(&case.join("ignore"));
    let written: BTreeMap<String, Vec<u8>> = tree(cwd)
        .into_iter()
        .filter(|(path, bytes)| before.get(path) != Some(bytes))
        .collect();
    let expected_dir = case.join("files");
    if bless() {
        let _ = std::fs::remove_dir_all(&expected_dir);
    }
    let expected = tree(&expected_dir);
    for (path, bytes) in &written {
        if ignore.contains(path) {
            continue;
        }
        if !bless() && !expected.contains_key(path) {
            failures.push(format!("{}: wrote {path}, not in files/", case.display()));
            continue;
        }
        failures.extend(same(&expected_dir.join(path), bytes));
    }
    for path in expected.keys().chain(&ignore) {
        if !written.contains_key(path) {
            failures.push(format!("{}: did not write {path}", case.display()));
        }
    }
    failures
}

fn cases(folder: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("help") && !p.ends_with("shared"))
        .collect();
    cases.sort();
    cases
}

fn run_all(folder: &str) {
    let cases = cases(folder);
    assert!(!cases.is_empty(), "no cases in {folder}");
    let failures: Vec<String> = cases.iter().flat_map(|c| run_case(c)).collect();
    assert!(
        failures.is_empty(),
        "run `BLESS=1 cargo test --test cli_cases` if the change is meant:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_cli_case_prints_and_writes_its_expected_files() {
    run_all("tests/fixtures/cli");
}

/// Golden exports: Markdown, JSON and JSON-LD of one real document.
#[test]
fn golden_exports_are_byte_for_byte_the_expected_files() {
    run_all("tests/fixtures/golden");
}

#[test]
fn cmd_splits_at_spaces_and_keeps_quoted_ones() {
    assert_eq!(
        args("new --title \"A new title\" an-id\n"),
        ["new", "--title", "A new title", "an-id"]
    );
    assert_eq!(args("check  --format=json "), ["check", "--format=json"]);
    assert_eq!(args("new --title \"\" x"), ["new", "--title", "", "x"]);
}
