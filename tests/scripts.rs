//! Every script in the PDF (issue #14): Persian, Arabic and Hebrew from the
//! bundled fonts, Chinese from a font added with `[pdf] fonts`, read back
//! in logical order; a character no font has stops the build.

mod common;

use std::path::Path;
use std::process::{Command, Output};

#[path = "common/cli.rs"]
mod support;
use support::root;

const PERSIAN: &str = "سپاه پاسداران انقلاب اسلامی";
const KHOMEINI: &str = "روح‌الله خمینی";
const ARABIC: &str = "حزب الله";
const HEBREW: &str = "ירושלים";
const CHINESE: &str = "真主党";

fn document(extra: &str) -> String {
    format!(
        r#"id: scripts
kind: backgrounder
title: Scripts
authors:
  - name: Ada Editor
    role: Editor
updated: 2014-07-28
summary: A test of every script.
sections:
  - id: intro
    heading: Introduction
    body:
      - paragraph:
          - text: The Guards ({PERSIAN}) were created by Ruhollah Khomeini ({KHOMEINI}) in 1979.
            date: 1979
            cite: [book-1989]
          - text: Hezbollah ({ARABIC}) took its name from the Quran; Jerusalem is {HEBREW} in Hebrew ✓.{extra}
            analysis: true
      - paragraph:
          - text: {PERSIAN} در سال ۱۳۵۸ تأسیس شد.
            date: 1979
            cite: [book-1989]
sources:
  - id: book-1989
    type: book
    title: A History
    publisher: A Press
    published: 1989
"#
    )
}

/// A content folder holding `doc`, with `toml` as its backgrounder.toml.
fn folder(doc: &str, toml: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/scripts.yaml"), doc).unwrap();
    if let Some(toml) = toml {
        std::fs::write(dir.path().join("backgrounder.toml"), toml).unwrap();
        std::fs::create_dir(dir.path().join("fonts")).unwrap();
        std::fs::copy(
            root().join("tests/fixtures/fonts/NotoSerifCJK-test.otf"),
            dir.path().join("fonts/cjk.otf"),
        )
        .unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// What the command printed, findings and log.
fn stderr(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn pdftotext(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-nopgbrk"])
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success());
    // Poppler marks right-to-left text with embedding controls.
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .replace(['\u{202a}', '\u{202b}', '\u{202c}'], ""),
    )
}

#[test]
fn persian_arabic_and_hebrew_read_back_in_logical_order() {
    let dir = folder(&document(""), None);
    let out = run(dir.path(), &["build", "--format", "pdf", "--out", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Every standard's checks pass: no .notdef glyph, fonts embedded.
    for standard in ["a2a", "a2b+ua1"] {
        let out = run(
            dir.path(),
            &[
                "build",
                "--format",
                "pdf",
                "--out",
                standard,
                "--pdf-standard",
                standard,
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{standard}: {}", stderr(&out));
    }
    let path = dir.path().join("out/scripts.pdf");
    let pdf = std::fs::read(&path).unwrap();
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(text) = pdftotext(&path) {
        let text = words(&text);
        for needle in [PERSIAN, KHOMEINI, ARABIC, HEBREW, "✓"] {
            assert!(text.contains(needle), "pdftotext lacks {needle:?}: {text}");
        }
    } else {
        eprintln!("skipped pdftotext: not installed (apt-get install poppler-utils)");
    }
    // pdf-extract reads glyphs in drawing order, which is visual order;
    // put back in logical order, every string is whole.
    let text = words(&common::logical(&common::extract_text(&pdf)));
    for needle in [PERSIAN, KHOMEINI, ARABIC, HEBREW] {
        assert!(
            text.contains(needle),
            "pdf-extract lacks {needle:?}: {text}"
        );
    }
    // The wholly Persian paragraph is set right to left: its first word
    // is at the right margin, its citation marker at the left end.
    let last = text.rsplit("Hebrew").next().unwrap();
    assert!(last.contains(&format!("{PERSIAN} در سال")), "{last}");
}

#[test]
fn a_character_no_font_has_stops_the_pdf_and_only_the_pdf() {
    let doc = document(&format!(" In Chinese, {CHINESE}."));
    let dir = folder(&doc, None);
    let out = run(dir.path(), &["check", "content"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[pdf/missing-glyph]: `真` (U+771F, Han script)")
            && err.contains("scripts.yaml:17:")
            && err.contains("[pdf] fonts"),
        "{err}"
    );
    let out = run(dir.path(), &["build", "--out", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("out").exists());
    // Without a PDF to write, nothing is missing.
    let out = run(
        dir.path(),
        &["build", "--format", "md,json", "--out", "out"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_added_font_draws_chinese_and_rebuilds_when_it_changes() {
    let doc = document(&format!(" In Chinese, {CHINESE}."));
    let dir = folder(&doc, Some("[pdf]\nfonts = [\"fonts/cjk.otf\"]\n"));
    let out = run(dir.path(), &["check", "content"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(dir.path(), &["build", "--format", "pdf", "--out", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("out/scripts.pdf");
    let pdf = std::fs::read(&path).unwrap();
    assert!(common::extract_text(&pdf).contains(CHINESE));
    if let Some(text) = pdftotext(&path) {
        assert!(text.contains(CHINESE), "{text}");
    }
    // Same fonts: nothing to do. Another font file: rebuilt.
    let out = run(dir.path(), &["build", "--format", "pdf", "--out", "out"]);
    assert!(
        stderr(&out).contains("nothing to write"),
        "{}",
        stderr(&out)
    );
    let mut font = std::fs::read(dir.path().join("fonts/cjk.otf")).unwrap();
    font.extend_from_slice(&[0; 4]);
    std::fs::write(dir.path().join("fonts/cjk.otf"), font).unwrap();
    let out = run(dir.path(), &["build", "--format", "pdf", "--out", "out"]);
    assert!(
        stderr(&out).contains("built 1 document"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_font_that_cannot_be_read_is_a_config_error_naming_it() {
    for (file, bytes) in [
        ("missing.otf", None),
        ("text.otf", Some(&b"not a font"[..])),
    ] {
        let toml = format!("[pdf]\nfonts = [\"fonts/{file}\"]\n");
        let dir = folder(&document(""), Some(&toml));
        if let Some(bytes) = bytes {
            std::fs::write(dir.path().join("fonts").join(file), bytes).unwrap();
        }
        let out = run(dir.path(), &["check", "content"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("config/invalid") && err.contains(file),
            "{err}"
        );
    }
}
