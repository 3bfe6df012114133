//! `--help` of the binary and of every subcommand, kept as expected files
//! in tests/fixtures/cli/help/; `BLESS=1 cargo test --test help` rewrites
//! them after a deliberate change (look at the diff).

use std::path::PathBuf;
use std::process::Command;

const SUBCOMMANDS: &[&str] = &[
    "check", "build", "config", "schema", "new", "import", "diff", "index", "explain",
];

fn help(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(args)
        .arg("--help")
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{args:?}");
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn same_as_expected(actual: &str, name: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli/help")
        .join(format!("{name}.txt"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    (want != actual).then(|| format!("{} differs; it is now:\n{actual}", path.display()))
}

#[test]
fn help_of_the_binary_and_every_subcommand_is_the_expected_file() {
    let mut failures = Vec::new();
    failures.extend(same_as_expected(&help(&[]), "backgrounder"));
    for sub in SUBCOMMANDS {
        failures.extend(same_as_expected(&help(&[sub]), sub));
    }
    assert!(
        failures.is_empty(),
        "run `BLESS=1 cargo test --test help` if the change is meant:\n{}",
        failures.join("\n")
    );
}

/// Each subcommand's line in the list is its own one-line description,
/// the first line of its own `--help`: a doc comment above the wrong
/// variant would run two descriptions together, or leave one empty.
#[test]
fn each_command_is_listed_with_its_own_description() {
    let top = help(&[]);
    let listed: Vec<&str> = top
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.trim_start().starts_with("help "))
        .collect();
    assert_eq!(listed.len(), SUBCOMMANDS.len(), "{top}");
    for (line, sub) in listed.iter().zip(SUBCOMMANDS) {
        let (name, about) = line.trim_start().split_once(' ').unwrap_or_default();
        assert_eq!(name, *sub, "{top}");
        let about = about.trim();
        let own = help(&[sub]);
        assert_eq!(own.lines().next(), Some(about), "{sub}");
        assert!(!about.is_empty() && !about.contains(". "), "{sub}: {about}");
    }
}
