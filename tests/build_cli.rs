//! End-to-end tests of `backgrounder build` through the binary: what it
//! writes, that two builds give the same bytes, and that a document with an
//! error stops the whole build before anything is written.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

#[path = "common/cli.rs"]
mod support;
use support::{root, stderr};

fn build(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .arg("build")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// A temporary folder with a copy of `content/`.
fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    for entry in std::fs::read_dir(root().join("content")).unwrap().flatten() {
        std::fs::copy(entry.path(), content.join(entry.file_name())).unwrap();
    }
    dir
}

/// Every file under `dir`, name to bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn content_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root().join("content"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".yaml").map(str::to_owned)
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn build_writes_every_export_and_an_index_entry_per_document() {
    let dir = content_copy();
    let out = build(&["--out", "out", "--format", "md,json,jsonld"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let written = files(&dir.path().join("out"));
    let index: Value = serde_json::from_slice(&written["index.json"]).unwrap();
    assert_eq!(index["format_version"], 1);
    let docs = index["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, content_ids());
    for doc in docs {
        let id = doc["id"].as_str().unwrap();
        let exports = doc["exports"].as_object().unwrap();
        assert_eq!(exports.len(), 3);
        for (format, file) in exports {
            let file = file.as_str().unwrap();
            assert_eq!(file, format!("{id}.{format}"));
            assert!(!written[file].is_empty(), "{file} is empty");
        }
        assert!(doc["claims"].as_u64().unwrap() > 0);
        assert!(doc["sources"].as_u64().unwrap() > 0);
        assert!(doc["title"].is_string() && doc["updated"].is_string());
        assert!(doc["authors"].is_array() && doc["topics"].is_array());
        let json: Value = serde_json::from_slice(&written[&format!("{id}.json")]).unwrap();
        assert_eq!(doc["claims"], json["counts"]["claims"]);
        assert_eq!(doc["sources"], json["counts"]["sources"]);
    }
    // No temporary file is left behind; the one hidden file is the manifest
    // of the incremental build.
    assert!(
        written
            .keys()
            .all(|k| !k.starts_with('.') || k == ".backgrounder-build.json"),
        "{:?}",
        written.keys()
    );
    assert_eq!(written.len(), 2 + 3 * ids.len());
}

#[test]
fn index_json_validates_against_the_index_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/index.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).unwrap();
    let dir = content_copy();
    let out = build(
        &["--out", "out", "--format", "md,json,jsonld,pdf"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let index: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/index.json")).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&index)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
    let docs = index["documents"].as_array().unwrap();
    assert_eq!(docs.len(), content_ids().len());
    assert!(
        docs.iter()
            .all(|d| d["exports"].as_object().unwrap().len() == 4)
    );
    // The schema is not vacuous: it refuses a changed shape.
    let mut extra = index.clone();
    extra["documents"][0]["summary"] = Value::from("a field the index does not have");
    assert!(!validator.is_valid(&extra));
    let mut unknown_format = index.clone();
    unknown_format["documents"][0]["exports"]["html"] = Value::from("x.html");
    assert!(!validator.is_valid(&unknown_format));
    let mut count_as_text = index;
    count_as_text["documents"][0]["claims"] = Value::from("12");
    assert!(!validator.is_valid(&count_as_text));
}

#[test]
fn two_builds_give_the_same_bytes() {
    let dir = content_copy();
    let a = build(&["--out", "a"], dir.path());
    assert!(a.status.success(), "{}", stderr(&a));
    let b = build(&["--out", "b"], dir.path());
    assert!(b.status.success(), "{}", stderr(&b));
    let (a, b) = (files(&dir.path().join("a")), files(&dir.path().join("b")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between builds");
    }
    // Building again over the same folder replaces the files with the same bytes.
    let again = build(&["--out", "a"], dir.path());
    assert!(again.status.success());
    assert_eq!(files(&dir.path().join("a")), a);
}

#[test]
fn an_error_in_any_document_writes_nothing() {
    let dir = content_copy();
    let mek = dir.path().join("content/mujahadeen-e-khalq.yaml");
    let text = std::fs::read_to_string(&mek).unwrap();
    // Drop the first claim's citations: cite/missing, an error.
    let broken = text.replacen(
        "cite: [state-crt-2010, state-delisting-2012]",
        "date: 2012",
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&mek, broken).unwrap();
    let out = build(&["--out", "out"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cite/missing"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn unknown_formats_and_styles_are_usage_errors() {
    let dir = content_copy();
    let out = build(&["--out", "out", "--format", "md,docx"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown format `docx`"));
    let out = build(&["--out", "out", "--style", "no-such-style"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown reference style"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn style_option_changes_the_references() {
    let dir = content_copy();
    let out = build(
        &[
            "content/mujahadeen-e-khalq.yaml",
            "--out",
            "apa",
            "--format",
            "json",
            "--style",
            "apa",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("apa/mujahadeen-e-khalq.json")).unwrap(),
    )
    .unwrap();
    let book = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "abrahamian-1989")
        .unwrap();
    assert_eq!(
        book["reference"],
        "Abrahamian, E. (1989). The Iranian Mojahedin. Yale University Press."
    );
    let index: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("apa/index.json")).unwrap()).unwrap();
    assert_eq!(index["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn backgrounder_toml_sets_out_and_style_and_flags_win() {
    let dir = content_copy();
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "out = \"public\"\nstyle = \"mla\"\npaper = \"a4\"\n",
    )
    .unwrap();
    let out = build(&["--format", "json"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("public/mujahadeen-e-khalq.json")).unwrap(),
    )
    .unwrap();
    let book = |json: &Value| {
        json["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "abrahamian-1989")
            .unwrap()["reference"]
            .clone()
    };
    // MLA dates in day-month-year order; Chicago's bibliography gives the year.
    let report = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "state-crt-2010")
        .unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(report.contains("18 Aug. 2011"), "{report}");
    assert!(!dir.path().join("out").exists());
    // A flag overrides the file.
    let out = build(
        &["--format", "json", "--out", "x", "--style", "apa"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("x/mujahadeen-e-khalq.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        book(&json),
        "Abrahamian, E. (1989). The Iranian Mojahedin. Yale University Press."
    );
}
