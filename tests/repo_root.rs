//! Where editors stand: `check`, `build`, `new` and `schema --write` from
//! inside `content/` or any folder below the repository root, which is
//! found by walking up to `backgrounder.toml`, else `.git` or `content/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/cli.rs"]
mod support;
use support::root;

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1406505600")
        .env("CI", "1")
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A git-less content repository marked by `mark` (".git" or "content"),
/// holding the repository's two backgrounders in `content/`.
fn repo(mark: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    if mark == ".git" {
        std::fs::create_dir(dir.path().join(".git")).unwrap();
    }
    for name in ["mujahadeen-e-khalq.yaml", "irans-revolutionary-guards.yaml"] {
        std::fs::copy(root().join("content").join(name), content.join(name)).unwrap();
    }
    dir
}

/// The schema a file's `yaml-language-server` line points at.
fn schema_of(file: &Path) -> PathBuf {
    let text = std::fs::read_to_string(file).unwrap();
    let first = text.lines().next().unwrap();
    let target = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{first}"));
    file.parent().unwrap().join(target)
}

#[test]
fn check_and_build_work_from_inside_content_and_below() {
    for mark in [".git", "content"] {
        let dir = repo(mark);
        let content = dir.path().join("content");
        let deeper = content.join("drafts/2026");
        std::fs::create_dir_all(&deeper).unwrap();
        for cwd in [&content, &deeper] {
            let o = run(&["check"], cwd);
            assert_eq!(o.status.code(), Some(0), "{mark}: {}", text(&o));
            assert!(text(&o).contains("2 documents checked"), "{}", text(&o));
        }
        // Findings name files as seen from where the editor stands.
        std::fs::write(
            content.join("drafts/bad.yaml"),
            "id: bad\nkind: backgrounder\n",
        )
        .unwrap();
        let o = run(&["check", "--format", "json"], &deeper);
        assert_eq!(o.status.code(), Some(1));
        let found: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(found[0]["file"], "../../../content/drafts/bad.yaml");
        std::fs::remove_file(content.join("drafts/bad.yaml")).unwrap();
        // `build` from content/ writes the root's out/, not content/out/.
        let o = run(&["build", "--format", "md"], &content);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(dir.path().join("out/mujahadeen-e-khalq.md").is_file());
        assert!(!content.join("out").exists());
    }
}

#[test]
fn new_writes_content_id_once_and_points_at_a_schema_that_exists() {
    let dir = repo(".git");
    let content = dir.path().join("content");
    let o = run(&["new", "hezbollah", "--title", "Hezbollah"], &content);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let file = content.join("hezbollah.yaml");
    assert!(file.is_file(), "{}", text(&o));
    assert!(!content.join("content").exists());
    // The line points at schemas/ at the root, which `new` filled in.
    let schema = schema_of(&file);
    assert_eq!(
        schema.canonicalize().unwrap(),
        dir.path()
            .join("schemas/backgrounder.schema.json")
            .canonicalize()
            .unwrap()
    );
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&schema).unwrap()).unwrap();
    assert_eq!(written["title"], "Backgrounder");
    // Once: the same id again is refused, from anywhere in the repository.
    let o = run(&["new", "hezbollah", "--title", "Again"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("title: \"Hezbollah\"")
    );
}

#[test]
fn schema_write_puts_the_schema_where_skeletons_point() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "content = \"articles/en\"\n",
    )
    .unwrap();
    let nested = dir.path().join("articles/en");
    std::fs::create_dir_all(&nested).unwrap();
    let o = run(&["schema", "--write"], &nested);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let path = dir.path().join("schemas/backgrounder.schema.json");
    let printed = run(&["schema"], dir.path()).stdout;
    assert_eq!(std::fs::read(&path).unwrap(), printed);
    // Run again, it says so and writes nothing: the case schema-write-up-to-date.
    // An old copy is replaced.
    std::fs::write(&path, "{}").unwrap();
    let o = run(&["schema", "--write"], dir.path());
    assert!(
        text(&o).starts_with("wrote schemas/backgrounder.schema.json"),
        "{}",
        text(&o)
    );
    assert_eq!(std::fs::read(&path).unwrap(), printed);
    // A skeleton two folders down points two folders up.
    let o = run(&["new", "a-b", "--title", "A"], &nested);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let file = nested.join("a-b.yaml");
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(
        first.starts_with(
            "# yaml-language-server: $schema=../../schemas/backgrounder.schema.json\n"
        )
    );
    assert!(schema_of(&file).is_file());
}

#[test]
fn backgrounder_toml_wins_and_a_missing_root_is_explained() {
    // A backgrounder.toml above a nested .git: the file decides.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("backgrounder.toml"), "content = \"docs\"\n").unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::copy(
        root().join("content/irans-revolutionary-guards.yaml"),
        dir.path().join("docs/irans-revolutionary-guards.yaml"),
    )
    .unwrap();
    let sub = dir.path().join("tools");
    std::fs::create_dir_all(sub.join(".git")).unwrap();
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "--rule",
            "link/unknown-ref=off",
        ],
        &sub,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = run(&["config"], &sub);
    assert!(
        text(&o).starts_with("# from ../backgrounder.toml"),
        "{}",
        text(&o)
    );
    // No marker anywhere is the case check-no-repository. A root found by
    // .git but without content/: said plainly.
    let bare = tempfile::tempdir().unwrap();
    std::fs::create_dir(bare.path().join(".git")).unwrap();
    let o = run(&["check"], bare.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("no `content` folder at the repository root"),
        "{}",
        text(&o)
    );
}
