//! Every rule code has a fixture folder `tests/fixtures/rules/<code>/` with
//! `triggers.yaml` (which must report exactly the findings its
//! `# <- code` markers name, on those lines) and `passes.yaml` (a near miss
//! that must report nothing).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use backgrounder::check;
use backgrounder::load::Limits;
use backgrounder::rules::{self, Kind};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// (code, line) pairs named by `# <- code[, code]` markers.
fn expected(path: &Path) -> BTreeSet<(String, usize)> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if let Some((_, codes)) = line.split_once("# <- ") {
            for code in codes.split(',') {
                out.insert((code.trim().to_owned(), i + 1));
            }
        }
    }
    out
}

/// Limits for a fixture: defaults, or those of a `# limits: {json}` line.
fn limits(path: &Path) -> Limits {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .find_map(|l| l.strip_prefix("# limits: "))
        .map(|json| serde_json::from_str(json).unwrap())
        .unwrap_or_default()
}

/// The PDF's font chain for a fixture: the bundled fonts, and those of a
/// `# pdf fonts: path` line (relative to the fixture).
fn pdf_fonts(path: &Path) -> Option<std::sync::Arc<backgrounder::export::pdf::FontChain>> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let fonts: Vec<PathBuf> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# pdf fonts: "))
        .map(|f| path.parent().unwrap().join(f.trim()))
        .collect();
    Some(backgrounder::export::pdf::FontChain::load(&fonts).unwrap())
}

fn found(dir: &Path, file: &Path) -> BTreeSet<(String, usize)> {
    let plan = check::plan(&[dir.to_path_buf()]).unwrap();
    let report = check::run_with(
        &plan,
        &check::CheckOptions {
            limits: limits(file),
            pdf_fonts: pdf_fonts(file),
            ..check::CheckOptions::default()
        },
    );
    report
        .diagnostics()
        .into_iter()
        .filter(|d| d.file == file)
        .map(|d| (d.code.to_owned(), d.line))
        .collect()
}

#[test]
fn every_rule_fixture_reports_exactly_its_markers() {
    let mut failures = Vec::new();
    for rule in rules::all() {
        if rule.code == "io/read" || rule.code == "config/invalid" {
            // Exercised end to end in tests/cli.rs: a dangling symlink, and
            // a broken backgrounder.toml.
            continue;
        }
        if rule.kind == Kind::Online {
            // Online codes need a server to answer: tests/online.rs starts one
            // on 127.0.0.1 and asserts each code at its line.
            continue;
        }
        let dir = fixture_root().join(rule.code);
        let triggers = dir.join("triggers.yaml");
        let passes = dir.join("passes.yaml");
        assert!(
            triggers.is_file() && passes.is_file(),
            "no fixtures for {}",
            rule.code
        );
        let want = expected(&triggers);
        assert!(
            want.iter().any(|(c, _)| c == rule.code),
            "{}: triggers.yaml has no marker for its own code",
            rule.code
        );
        let got = found(&dir, &triggers);
        if got != want {
            failures.push(format!(
                "{}: triggers.yaml\n  want {want:?}\n  got  {got:?}",
                rule.code
            ));
        }
        let got = found(&dir, &passes);
        if !got.is_empty() {
            failures.push(format!("{}: passes.yaml reported {got:?}", rule.code));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The fixtures are what tests/fixtures/generate_rule_fixtures.py writes,
/// every one of them: a fixture edited by hand, or added without a line in
/// the generator, fails here.
#[test]
fn the_fixture_generator_reproduces_every_committed_fixture() {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generate_rule_fixtures.py");
    let o = match std::process::Command::new("python3")
        .arg(&script)
        .arg("--check")
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            println!("skipped: python3 does not run ({e})");
            return;
        }
    };
    assert!(
        o.status.success(),
        "run `python3 tests/fixtures/generate_rule_fixtures.py` after changing it, or change it to write the fixture:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
