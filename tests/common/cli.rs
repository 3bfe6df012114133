//! Running the built binary from the integration tests: each test file
//! includes this with `#[path = "common/cli.rs"] mod support;` and uses
//! what it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project folder, where `content/` and the fixtures are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built binary, with `NO_COLOR` unset so that a test sees what the
/// binary decides (colour only on a terminal or when asked for).
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backgrounder"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs the binary with `args` in `dir`.
pub fn run(args: &[&str], dir: &Path) -> Output {
    bin().args(args).current_dir(dir).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
