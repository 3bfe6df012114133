//! End-to-end tests of `backgrounder check` and `explain` through the binary:
//! exit codes and single defects planted in a copy of the MEK document. Each
//! format's whole output is a case in tests/fixtures/cli/ (tests/cli_cases.rs).

use std::path::{Path, PathBuf};
use std::process::Output;

#[path = "common/cli.rs"]
mod support;
use support::{root, run, stdout};

/// A temporary content folder holding both real documents.
fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    for name in ["mujahadeen-e-khalq.yaml", "irans-revolutionary-guards.yaml"] {
        std::fs::copy(root().join("content").join(name), content.join(name)).unwrap();
    }
    dir
}

fn mek(dir: &Path) -> PathBuf {
    dir.join("content/mujahadeen-e-khalq.yaml")
}

/// Replaces the first occurrence of `from` in the MEK copy and returns the
/// 1-based line where the replacement starts.
fn plant(dir: &Path, from: &str, to: &str) -> usize {
    let path = mek(dir);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in the MEK document"));
    let line = text[..at].matches('\n').count() + 1;
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    line
}

fn json_findings(o: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<serde_json::Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_shipped_content_is_clean() {
    let o = run(&["check"], &root());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o).trim(),
        "2 documents checked: 0 errors, 0 warnings"
    );
}

#[test]
fn single_defects_in_the_mek_document_are_found_at_their_line() {
    // (what to replace, replacement, expected code, line offset from the match)
    let cases: &[(&str, &str, &str, usize)] = &[
        (
            "            cite: [latimes-1992-air-raid]\n",
            "",
            "cite/missing",
            0,
        ),
        (
            "updated: 2014-07-28",
            "updated: 2014-07-28\ntitel: x",
            "schema/unknown-field",
            1,
        ),
        (
            "    published: 1992-04-06",
            "    published: 2015-04-06",
            "date/future",
            0,
        ),
        (
            "    url: https://www.latimes.com/archives/la-xpm-1992-04-06-mn-443-story.html",
            "    url: \"#\"",
            "link/placeholder",
            0,
        ),
        (
            "updated: 2014-07-28",
            "updated: 2014-02-30",
            "date/invalid",
            0,
        ),
        (
            "    ref: irans-revolutionary-guards",
            "    ref: irans-revolutionary-guard",
            "link/unknown-ref",
            0,
        ),
    ];
    for (from, to, code, offset) in cases {
        let dir = content_copy();
        let mut line = plant(dir.path(), from, to) + offset;
        if *code == "cite/missing" {
            // Reported at the claim's `text:` key, two lines above its `cite:`.
            let text = std::fs::read_to_string(mek(dir.path())).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            line = (1..line)
                .rev()
                .find(|l| lines[l - 1].trim_start().starts_with("- text:"))
                .unwrap();
        }
        let o = run(&["check", "--format", "json"], dir.path());
        assert_eq!(o.status.code(), Some(1), "{code}: {}", stdout(&o));
        let findings = json_findings(&o);
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 1, "{code}: {findings:#?}");
        assert_eq!(errors[0]["code"], *code);
        assert_eq!(errors[0]["line"], line, "{code}: {findings:#?}");
        assert!(
            errors[0]["file"]
                .as_str()
                .unwrap()
                .ends_with("mujahadeen-e-khalq.yaml")
        );
    }
}

#[test]
fn json_format_has_every_field() {
    let dir = content_copy();
    plant(dir.path(), "    type: article\n", "    type: paper\n");
    let o = run(&["check", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let f = &json_findings(&o)[0];
    for key in [
        "code", "severity", "message", "hint", "file", "line", "column", "pointer",
    ] {
        assert!(f.get(key).is_some(), "missing {key} in {f}");
    }
    assert_eq!(f["code"], "schema/value");
    assert_eq!(f["column"], 11);
    assert!(f["pointer"].as_str().unwrap().starts_with("/sources/"));
    assert!(f["pointer"].as_str().unwrap().ends_with("/type"));
}

/// Fields that take a number as well as text (for editors whose YAML
/// reader makes numbers of `1965`) still give one clear finding each.
#[test]
fn text_or_number_fields_give_one_clear_finding_each() {
    let dir = content_copy();
    let title = plant(
        dir.path(),
        "title: Mujahadeen-e-Khalq (MEK)\n",
        "title: [MEK]\n",
    );
    let updated = plant(dir.path(), "updated: 2014-07-28\n", "updated: [2014]\n");
    let date = plant(
        dir.path(),
        "            date: 2012-09-28\n",
        "            date: 965\n",
    );
    let url = plant(
        dir.path(),
        "    url: https://www.latimes.com/archives/la-xpm-1992-04-06-mn-443-story.html",
        "    url: 42",
    );
    let o = run(&["check", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let schema: Vec<(String, u64, u64, String, String)> = json_findings(&o)
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("schema/"))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_owned(),
                f["hint"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let at = |line: usize, column| (line as u64, column);
    let got: Vec<_> = schema
        .iter()
        .map(|(code, line, column, message, _)| (code.as_str(), (*line, *column), message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "schema/type",
                at(title, 8),
                "`title` must be text, found a list"
            ),
            (
                "schema/type",
                at(updated, 10),
                "`updated` must be text, found a list"
            ),
            (
                "schema/value",
                at(date, 19),
                "`date` `965` is not in the expected form"
            ),
            (
                "schema/value",
                at(url, 10),
                "`url` `42` is not in the expected form"
            ),
        ]
    );
    // The hint is the field's description, and for a form (a pattern) the
    // form's too.
    let hints = [
        "The headline, e.g.",
        "The document's as-of date, e.g.",
        "When the event the claim reports happened, e.g. `1965`, `197X`, `2011-04`. A date: `2014-07-28`, ",
        "Where the source can be read: prefer the publisher's stable page. An absolute https",
    ];
    for (finding, hint) in schema.iter().zip(hints) {
        assert!(finding.4.starts_with(hint), "{finding:?}");
    }
    assert!(
        schema[3].4.ends_with("a number is not a URL."),
        "{:?}",
        schema[3]
    );
}

/// The layout of each format is kept whole in tests/fixtures/cli/ (where
/// `NO_COLOR` is set); here, `auto` means no colour when piped even without
/// `NO_COLOR`.
#[test]
fn human_format_has_no_colour_when_piped() {
    let dir = content_copy();
    plant(dir.path(), "    type: article\n", "    type: paper\n");
    let out = stdout(&run(&["check"], dir.path()));
    assert!(out.starts_with("error[schema/value]: "), "{out}");
    assert!(!out.contains('\x1b'), "no colour when piped");
}

#[test]
fn naming_one_file_still_sees_the_whole_folder_for_refs() {
    let dir = content_copy();
    let o = run(&["check", "content/mujahadeen-e-khalq.yaml"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o).trim(),
        "1 document checked: 0 errors, 0 warnings"
    );
    std::fs::remove_file(dir.path().join("content/irans-revolutionary-guards.yaml")).unwrap();
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "content/mujahadeen-e-khalq.yaml",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json_findings(&o)[0]["code"], "link/unknown-ref");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_as_io_read() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.yaml"), dir.path().join("broken.yaml"))
        .unwrap();
    let o = run(&["check", "--format", "json", "."], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let f = &json_findings(&o)[0];
    assert_eq!(f["code"], "io/read");
}

#[test]
fn hostile_files_get_one_diagnostic_each() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let block: String = (0..2000)
        .map(|i| format!("{}k:\n", "  ".repeat(i)))
        .collect();
    let mut bomb = vec!["a0: &a0 [x, x, x, x, x, x, x, x, x]".to_owned()];
    for i in 1..12 {
        bomb.push(format!(
            "a{i}: &a{i} [{}]",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("deep.yaml", deep.into_bytes(), "yaml/syntax"),
        ("block.yaml", block.into_bytes(), "yaml/too-deep"),
        ("bomb.yaml", bomb.join("\n").into_bytes(), "yaml/too-large"),
        ("latin1.yaml", b"title: caf\xe9\n".to_vec(), "yaml/encoding"),
        ("empty.yaml", Vec::new(), "yaml/empty"),
        ("dup.yaml", b"id: a\nid: b\n".to_vec(), "yaml/duplicate-key"),
        ("nul.yaml", b"id: \0\0\0\n".to_vec(), "yaml/encoding"),
    ];
    for (name, bytes, code) in files {
        let sub = dir.path().join(name.trim_end_matches(".yaml"));
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join(name), bytes).unwrap();
        let o = run(&["check", "--format", "json", name], &sub);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let findings = json_findings(&o);
        assert_eq!(findings.len(), 1, "{name}: {findings:#?}");
        assert_eq!(findings[0]["code"], code, "{name}");
    }
}

#[test]
fn every_code_a_finding_can_carry_has_an_explain_page() {
    let list = stdout(&run(&["explain"], &root()));
    let codes: Vec<&str> = list.lines().filter_map(|l| l.split(' ').next()).collect();
    assert_eq!(codes.len(), backgrounder::rules::all().count());
    for code in [
        "config/invalid",
        "io/read",
        "yaml/syntax",
        "schema/value",
        "link/private",
    ] {
        assert!(codes.contains(&code), "{code} missing from `explain`");
    }
    for code in codes {
        let o = run(&["explain", code], &root());
        assert_eq!(o.status.code(), Some(0), "{code}");
        let out = stdout(&o);
        assert!(out.starts_with(&format!("# {code}\n")), "{out}");
        assert!(
            out.contains("## What it does") && out.contains("## Fix"),
            "{code}"
        );
    }
}
