//! Incremental `build`: an export is written again only when its document,
//! a document it references, the options or the tool changed, or its file
//! is gone; the result is byte for byte what a full build writes. Also what a
//! build that fails while writing leaves behind.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "common/cli.rs"]
mod support;
use support::{root, stderr};

const MEK: &str = "mujahadeen-e-khalq";
const IRGC: &str = "irans-revolutionary-guards";
/// A copy of the IRGC document under another id: it references MEK, and
/// nothing references it.
const COPY: &str = "irgc-copy";

/// `build` with `extra` flags, into `out/` as Markdown, JSON and JSON-LD
/// unless `extra` says otherwise.
fn build(dir: &Path, extra: &[&str]) -> Output {
    build_at(dir, extra, None)
}

/// [`build`] with `SOURCE_DATE_EPOCH` set to `epoch`, or unset.
fn build_at(dir: &Path, extra: &[&str], epoch: Option<&str>) -> Output {
    let mut args = vec!["build"];
    if !extra.contains(&"--format") {
        args.extend(["--format", "md,json,jsonld"]);
    }
    if !extra.contains(&"--out") {
        args.extend(["--out", "out"]);
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_backgrounder"));
    command
        .args(args)
        .args(extra)
        .current_dir(dir)
        .env("NO_COLOR", "1");
    match epoch {
        Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    command.output().unwrap()
}

fn ok(o: Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stderr(&o)
}

fn content(dir: &Path, id: &str) -> PathBuf {
    dir.join("content").join(format!("{id}.yaml"))
}

/// Three documents: MEK and IRGC reference each other, COPY references MEK.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for id in [MEK, IRGC] {
        std::fs::copy(
            root().join(format!("content/{id}.yaml")),
            content(dir.path(), id),
        )
        .unwrap();
    }
    let irgc = std::fs::read_to_string(content(dir.path(), IRGC)).unwrap();
    let copy = irgc.replacen(&format!("id: {IRGC}"), &format!("id: {COPY}"), 1);
    assert_ne!(copy, irgc);
    std::fs::write(content(dir.path(), COPY), copy).unwrap();
    dir
}

fn edit(dir: &Path, id: &str, from: &str, to: &str) {
    let path = content(dir, id);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {id}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Every file of `out/`: name to (inode, bytes). A file written again gets
/// a new inode (writes are a rename of a new file), so equal inodes mean
/// "not touched".
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, Vec<u8>)> {
    std::fs::read_dir(dir.join("out"))
        .unwrap()
        .flatten()
        .map(|e| {
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                (meta.ino(), std::fs::read(e.path()).unwrap()),
            )
        })
        .collect()
}

/// The exports of `ids` that were written again between two snapshots.
fn rewritten(
    before: &BTreeMap<String, (u64, Vec<u8>)>,
    after: &BTreeMap<String, (u64, Vec<u8>)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(name, (ino, _))| {
            !name.starts_with('.') && before.get(*name).map(|b| b.0) != Some(*ino)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let dir = corpus();
    let first = ok(build(dir.path(), &[]));
    assert!(
        first.starts_with("built 3 documents into out: 10 files written\n"),
        "{first:?}"
    );
    let before = snapshot(dir.path());
    assert!(before.contains_key(".backgrounder-build.json"));

    let again = ok(build(dir.path(), &[]));
    assert!(
        again.starts_with(
            "nothing to write: out is up to date (3 unchanged since the last build; `--force` rebuilds them)\n"
        ),
        "{again:?}"
    );
    assert_eq!(snapshot(dir.path()), before, "a file was touched");
}

#[test]
fn only_the_edited_document_and_those_referencing_it_are_rebuilt() {
    let dir = corpus();
    ok(build(dir.path(), &[]));

    // Nothing references the copy: only its exports (and the index, whose
    // title changed) are written.
    let before = snapshot(dir.path());
    edit(
        dir.path(),
        COPY,
        "title: Iran's Revolutionary Guards",
        "title: A Copy",
    );
    let log = ok(build(dir.path(), &[]));
    assert!(
        log.contains("built 1 document into out: 4 files written; 2 unchanged"),
        "{log:?}"
    );
    let after = snapshot(dir.path());
    assert_eq!(
        rewritten(&before, &after),
        [
            "index.json",
            "irgc-copy.json",
            "irgc-copy.jsonld",
            "irgc-copy.md"
        ]
    );

    // MEK references IRGC, so an edit to IRGC rebuilds both.
    let before = after;
    edit(dir.path(), IRGC, "short_title: IRGC", "short_title: Guards");
    let log = ok(build(dir.path(), &[]));
    assert!(
        log.contains("built 2 documents into out: 6 files written; 1 unchanged"),
        "{log:?}"
    );
    let changed = rewritten(&before, &snapshot(dir.path()));
    assert!(
        changed
            .iter()
            .all(|n| n.starts_with(IRGC) || n.starts_with(MEK)),
        "{changed:?}"
    );
    assert_eq!(changed.len(), 6);
}

#[test]
fn comments_and_layout_alone_rebuild_nothing() {
    let dir = corpus();
    ok(build(dir.path(), &[]));
    let before = snapshot(dir.path());
    let path = content(dir.path(), MEK);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# an editor's note\n{text}\n\n")).unwrap();
    let log = ok(build(dir.path(), &[]));
    assert!(log.contains("3 unchanged"), "{log:?}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn the_incremental_result_equals_a_full_build() {
    let dir = corpus();
    ok(build(dir.path(), &[]));
    edit(
        dir.path(),
        COPY,
        "title: Iran's Revolutionary Guards",
        "title: A Copy",
    );
    ok(build(dir.path(), &[]));
    let incremental = snapshot(dir.path());
    ok(build(dir.path(), &["--out", "full", "--force"]));
    let full: BTreeMap<String, Vec<u8>> = std::fs::read_dir(dir.path().join("full"))
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    let incremental: BTreeMap<String, Vec<u8>> =
        incremental.into_iter().map(|(n, (_, b))| (n, b)).collect();
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &full {
        if name != ".backgrounder-build.json" {
            assert!(
                bytes == &incremental[name],
                "{name} differs from a full build"
            );
        }
    }
}

#[test]
fn a_missing_or_changed_export_file_is_written_again() {
    let dir = corpus();
    ok(build(dir.path(), &[]));
    let out = dir.path().join("out");
    std::fs::remove_file(out.join("mujahadeen-e-khalq.md")).unwrap();
    std::fs::write(out.join("irgc-copy.json"), b"{}").unwrap();
    let log = ok(build(dir.path(), &[]));
    assert!(
        log.contains("built 2 documents into out: 2 files written; 1 unchanged"),
        "{log:?}"
    );
    let md = std::fs::read_to_string(out.join("mujahadeen-e-khalq.md")).unwrap();
    assert!(md.contains("# Mujahadeen-e-Khalq (MEK)"), "{md}");
    assert!(std::fs::read(out.join("irgc-copy.json")).unwrap().len() > 1000);
}

#[test]
fn new_options_formats_or_force_rebuild() {
    let dir = corpus();
    ok(build(dir.path(), &["--format", "md"]));
    // A format not built before is written; the Markdown is still fresh.
    let log = ok(build(dir.path(), &["--format", "md,json"]));
    assert!(
        log.contains("built 3 documents into out: 4 files written"),
        "{log:?}"
    );
    assert!(!log.contains("unchanged"), "{log:?}");
    // Another reference style changes every document's references (the
    // index, which has none, stays as it is).
    let log = ok(build(
        dir.path(),
        &["--format", "md,json", "--style", "apa"],
    ));
    assert!(
        log.starts_with("built 3 documents into out: 6 files written\n"),
        "{log:?}"
    );
    // --force writes everything even when nothing changed.
    let log = ok(build(
        dir.path(),
        &["--format", "md,json", "--style", "apa", "--force"],
    ));
    assert!(
        log.starts_with("built 3 documents into out: 6 files written\n"),
        "{log:?}"
    );
}

#[test]
fn every_export_option_counts_in_the_fingerprint() {
    let dir = corpus();
    let pdf = ["--format", "pdf"];
    ok(build_at(dir.path(), &pdf, None));
    // The reproducible date is written into each PDF: another one makes
    // every PDF stale.
    let before = snapshot(dir.path());
    ok(build_at(dir.path(), &pdf, Some("1700000000")));
    let after = snapshot(dir.path());
    let pdfs = [
        format!("{IRGC}.pdf"),
        format!("{COPY}.pdf"),
        format!("{MEK}.pdf"),
    ];
    let mut written = rewritten(&before, &after);
    written.retain(|name| name.ends_with(".pdf"));
    assert_eq!(written, pdfs);
    for name in &pdfs {
        assert_ne!(before[name].1, after[name].1, "{name} has the same bytes");
    }
    let same = ok(build_at(dir.path(), &pdf, Some("1700000000")));
    assert!(same.starts_with("nothing to write"), "{same:?}");
    // So does another PDF standard, and going back to the default one.
    for standard in ["a2b", "ua1"] {
        let before = snapshot(dir.path());
        let flags = ["--format", "pdf", "--pdf-standard", standard];
        ok(build_at(dir.path(), &flags, Some("1700000000")));
        let mut written = rewritten(&before, &snapshot(dir.path()));
        written.retain(|name| name.ends_with(".pdf"));
        assert_eq!(written, pdfs, "--pdf-standard {standard}");
    }
}

#[test]
fn a_corrupt_manifest_means_a_full_build() {
    let dir = corpus();
    ok(build(dir.path(), &[]));
    std::fs::write(
        dir.path().join("out/.backgrounder-build.json"),
        b"{ not json",
    )
    .unwrap();
    let log = ok(build(dir.path(), &[]));
    assert!(
        log.starts_with("built 3 documents into out: 9 files written\n"),
        "{log:?}"
    );
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("out/.backgrounder-build.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["documents"].as_object().unwrap().len(), 3);
}

#[test]
fn a_write_failure_mid_build_keeps_earlier_exports_and_names_the_file() {
    let dir = corpus();
    let out = dir.path().join("out");
    // MEK's JSON cannot replace a folder that is in the way; documents are
    // written in id order, so IRGC's and the copy's exports come first.
    std::fs::create_dir_all(out.join("mujahadeen-e-khalq.json/blocker")).unwrap();
    let failed = build(dir.path(), &[]);
    assert_eq!(failed.status.code(), Some(2));
    let err = stderr(&failed);
    assert!(
        err.contains("cannot write out/mujahadeen-e-khalq.json"),
        "{err:?}"
    );
    for name in [
        "irans-revolutionary-guards.md",
        "irans-revolutionary-guards.json",
        "irgc-copy.jsonld",
        "mujahadeen-e-khalq.md",
    ] {
        assert!(
            std::fs::metadata(out.join(name)).unwrap().len() > 100,
            "{name}"
        );
    }
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Once the folder is out of the way, only what is missing is written.
    std::fs::remove_dir_all(out.join("mujahadeen-e-khalq.json")).unwrap();
    let log = ok(build(dir.path(), &[]));
    assert!(
        log.contains("built 1 document into out: 3 files written; 2 unchanged"),
        "{log:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_folder_that_cannot_be_written_is_a_clear_error() {
    let dir = corpus();
    // Nobody, root included, can create a folder in /proc.
    let failed = build(dir.path(), &["--out", "/proc/backgrounder-out"]);
    assert_eq!(failed.status.code(), Some(2));
    let err = stderr(&failed);
    assert!(
        err.starts_with("error: cannot write /proc/backgrounder-out: "),
        "{err:?}"
    );
    assert!(err.contains("--out"), "the hint names the fix: {err:?}");
}
