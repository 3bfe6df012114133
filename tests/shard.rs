//! `check --shard K/N`, `build --shard K/N` and `backgrounder index`: the
//! shards split a content set by document id, each document in exactly one,
//! with `ref:` targets in other shards still known; the merged output folder
//! is byte for byte the one a single build writes.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/cli.rs"]
mod support;
use support::stderr;

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(args)
        .env("CI", "1")
        .env("SOURCE_DATE_EPOCH", "1893456000")
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

/// A generated corpus of `n` documents that `ref:` each other, every
/// https URL made http so that each document has findings.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    let mut refs = 0;
    for path in gen_corpus::write_corpus(&content, n, 7).unwrap() {
        let text = std::fs::read_to_string(&path).unwrap();
        refs += text.matches("ref: ").count();
        std::fs::write(&path, text.replace("https://", "http://")).unwrap();
    }
    assert!(n == 1 || refs > 0, "the corpus has no ref: to test with");
    dir
}

fn findings(o: &Output) -> Vec<(String, u64, String)> {
    let found: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(o)));
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn check_shards_report_each_document_once_with_refs_across_shards_resolved() {
    let dir = corpus(24);
    let whole = run(&["check", "--format", "json"], dir.path());
    let mut expected = findings(&whole);
    expected.sort();
    assert!(!expected.is_empty());
    let others: Vec<_> = expected
        .iter()
        .filter(|(_, _, code)| code != "link/insecure")
        .collect();
    assert!(others.is_empty(), "{others:?}");
    let mut union = Vec::new();
    let mut files_seen = BTreeMap::new();
    for k in 1..=4 {
        let o = run(
            &["check", "--format", "json", "--shard", &format!("{k}/4")],
            dir.path(),
        );
        let found = findings(&o);
        assert!(!found.is_empty(), "shard {k}/4 is empty: {}", stderr(&o));
        for (file, _, _) in &found {
            let previous = files_seen.insert(file.clone(), k);
            assert!(
                previous.is_none_or(|p| p == k),
                "{file} in shards {previous:?} and {k}"
            );
        }
        union.extend(found);
    }
    union.sort();
    // No `link/unknown-ref`: documents in other shards are still known.
    assert_eq!(union, expected);
    assert_eq!(files_seen.len(), 24);
}

#[test]
fn shard_builds_merged_by_index_equal_one_build() {
    let dir = corpus(10);
    for path in std::fs::read_dir(dir.path().join("content"))
        .unwrap()
        .flatten()
    {
        let text = std::fs::read_to_string(path.path()).unwrap();
        std::fs::write(path.path(), text.replace("http://", "https://")).unwrap();
    }
    let o = run(&["build", "--out", "whole"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut parts = Vec::new();
    for k in 1..=3 {
        let out = format!("part-{k}");
        let o = run(
            &["build", "--shard", &format!("{k}/3"), "--out", &out],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        parts.push(out);
    }
    let mut args = vec!["index"];
    args.extend(parts.iter().map(String::as_str));
    args.extend(["--out", "merged"]);
    let o = run(&args, dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("merged 10 documents from 3 folders"),
        "{}",
        stderr(&o)
    );
    let whole = tree(&dir.path().join("whole"));
    assert_eq!(whole.len(), 10 * 4 + 2, "{:?}", whole.keys());
    let merged = tree(&dir.path().join("merged"));
    assert_eq!(
        whole.keys().collect::<Vec<_>>(),
        merged.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &whole {
        assert!(merged[name] == *bytes, "{} differs", name.display());
    }
    // The shards hold disjoint parts.
    let sizes: Vec<usize> = parts
        .iter()
        .map(|p| tree(&dir.path().join(p)).len() - 2)
        .collect();
    assert_eq!(sizes.iter().sum::<usize>(), 40, "{sizes:?}");
    // A later build into the merged folder finds everything up to date.
    let o = run(&["build", "--out", "merged"], dir.path());
    assert!(stderr(&o).contains("nothing to write"), "{}", stderr(&o));
    // Merging into one of the inputs works too.
    let o = run(
        &["index", "part-1", "part-2", "part-3", "--out", "part-1"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(tree(&dir.path().join("part-1")) == whole);
}

#[test]
fn index_refuses_overlaps_and_foreign_names() {
    let dir = corpus(4);
    let o = run(&["build", "--format", "md", "--out", "a"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The same documents twice: shards built with different N, say.
    std::fs::create_dir(dir.path().join("b")).unwrap();
    for name in std::fs::read_dir(dir.path().join("a")).unwrap().flatten() {
        std::fs::copy(name.path(), dir.path().join("b").join(name.file_name())).unwrap();
    }
    let o = run(&["index", "a", "b", "--out", "c"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is in both a and b"), "{}", stderr(&o));
    assert!(
        !dir.path().join("c").exists(),
        "nothing is written before the checks pass"
    );
    // An index that names a file outside its folder.
    let index = std::fs::read_to_string(dir.path().join("b/index.json")).unwrap();
    let first: serde_json::Value = serde_json::from_str(&index).unwrap();
    let id = first["documents"][0]["id"].as_str().unwrap().to_owned();
    std::fs::write(
        dir.path().join("b/index.json"),
        index.replace(&format!("\"{id}.md\""), "\"../secret.md\""),
    )
    .unwrap();
    let o = run(&["index", "b", "--out", "c"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a file name of that document"),
        "{}",
        stderr(&o)
    );
    // Not an output folder; not a shard.
    let o = run(&["index", "content", "--out", "c"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("index.json"), "{}", stderr(&o));
    for bad in ["0/4", "5/4", "x"] {
        let o = run(&["check", "--shard", bad], dir.path());
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("K/N"), "{}", stderr(&o));
    }
}

#[test]
fn an_empty_shard_builds_an_empty_index() {
    let dir = corpus(1);
    let id = std::fs::read_dir(dir.path().join("content"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let id = id.file_stem().unwrap().to_str().unwrap().to_owned();
    let holder = backgrounder::shard::Shard::of(&id, 2);
    let empty = 3 - holder;
    let o = run(
        &[
            "build",
            "--format",
            "md",
            "--shard",
            &format!("{empty}/2"),
            "--out",
            "e",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("e/index.json")).unwrap()).unwrap();
    assert_eq!(index["documents"], serde_json::json!([]));
}
