//! `backgrounder diff BASE` on a temporary git repository whose commits add,
//! edit, move and delete claims and sources, within a document and between
//! two.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[path = "common/cli.rs"]
mod support;
use support::run;

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A document with two sections; `intro` and `history` hold the claims
/// given (YAML list items), `sources` the sources.
fn doc(id: &str, intro: &str, history: &str, sources: &str) -> String {
    format!(
        "id: {id}
kind: backgrounder
title: The {id} story
authors:
  - name: Ada Editor
    role: Editor
published: 2014-01-15
updated: 2014-07-28
summary: A document.
sections:
  - id: intro
    heading: Introduction
    body:
      - paragraph:
{intro}
  - id: history
    heading: History
    body:
      - paragraph:
{history}
people: []
sources:
{sources}
"
    )
}

const BOOK: &str = "  - id: book-1989
    type: book
    title: A History
    publisher: A Press
    published: 1989";
const INTERVIEW: &str = "  - id: interview-2005
    type: interview
    title: An Interview
    publisher: A Council
    url: https://www.cfr.org/interview/a
    published: 2005-03-01";
const INTERVIEW_MOVED: &str = "  - id: interview-2005
    type: interview
    title: An Interview
    publisher: A Council
    url: https://www.cfr.org/interviews/a-2005
    published: 2005-03-01";
const REPORT: &str = "  - id: report-2012
    type: report
    title: Country Reports on Terrorism 2012
    publisher: U.S. Department of State
    url: https://www.state.gov/j/ct/rls/crt/2012/
    published: 2013-05-30";
const OLD: &str = "  - id: old-1990
    type: article
    title: An Old Article
    publisher: A Paper
    published: 1990";

fn claim(text: &str, cite: &str) -> String {
    format!("          - text: {text}\n            cite: [{cite}]")
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    // Base: `a` has four claims and three sources; `b` has one claim.
    let a = doc(
        "a",
        &[
            claim(
                "The group was founded in 1963 by leftist students.",
                "book-1989",
            ),
            claim(
                "It was designated a terrorist group in 1997.",
                "interview-2005",
            ),
            claim("This claim will be deleted entirely soon.", "old-1990"),
        ]
        .join("\n"),
        &claim("Its leader fled to Paris in 1981.", "book-1989"),
        &[BOOK, INTERVIEW, OLD].join("\n"),
    );
    let b = doc(
        "b",
        &claim("The camp held about 3,400 members.", "book-1989"),
        &claim("The camp closed in 2016.", "book-1989"),
        BOOK,
    );
    std::fs::write(content.join("a.yaml"), a).unwrap();
    std::fs::write(content.join("b.yaml"), b).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    // Head: one claim edited, one moved to `history`, one deleted, one
    // moved to `b`, one added with a new source; a source's URL changed,
    // one source added and one removed.
    let a = doc(
        "a",
        &claim(
            "The group was founded in 1965 by leftist Iranian students.",
            "book-1989",
        ),
        &[
            claim("Its leader fled to Paris in 1981.", "book-1989"),
            claim(
                "It was designated a terrorist group in 1997.",
                "interview-2005",
            ),
            claim(
                "The State Department removed it from the list in 2012.",
                "report-2012",
            ),
        ]
        .join("\n"),
        &[BOOK, INTERVIEW_MOVED, REPORT].join("\n"),
    );
    let b = doc(
        "b",
        &[claim("The camp held about 3,400 members.", "book-1989")].join("\n"),
        &[claim("The camp closed in 2016.", "book-1989")].join("\n"),
        BOOK,
    );
    std::fs::write(content.join("a.yaml"), a).unwrap();
    std::fs::write(content.join("b.yaml"), b).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "edit"]);
    dir
}

fn json(dir: &Path, base: &str) -> Value {
    let o = run(&["diff", base, "--format", "json"], dir);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn claims<'a>(report: &'a Value, doc: &str) -> Vec<&'a Value> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"] == doc)
        .flat_map(|d| d["sections"].as_array().unwrap())
        .flat_map(|s| s["claims"].as_array().unwrap())
        .collect()
}

#[test]
fn claims_added_changed_moved_and_removed_with_their_sources() {
    let dir = repo();
    let report = json(dir.path(), "HEAD~1");
    assert_eq!(report["base"], "HEAD~1");
    assert_eq!(
        report["summary"],
        serde_json::json!({
            "claims_added": 1, "claims_changed": 1, "claims_moved": 1, "claims_removed": 1,
            "sources_added": 1, "sources_changed": 1, "sources_removed": 1
        })
    );
    let a = claims(&report, "a");
    let find = |change: &str| -> &Value {
        a.iter()
            .find(|c| c["change"] == change)
            .unwrap_or_else(|| panic!("{change}: {a:#?}"))
    };
    // Edited in place: word-level changes.
    let changed = find("changed");
    assert_eq!(
        changed["before"],
        "The group was founded in 1963 by leftist students."
    );
    let words: Vec<(String, String)> = changed["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["op"].as_str().unwrap().to_owned(),
                p["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        words,
        [
            ("equal", "The group was founded in "),
            ("delete", "1963 "),
            ("insert", "1965 "),
            ("equal", "by leftist "),
            ("insert", "Iranian "),
            ("equal", "students."),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(changed["cites"][0]["title"], "A History");
    assert_eq!(changed["cites"][0]["publisher"], "A Press");
    assert_eq!(changed["cites"][0]["date"], "1989");
    // Moved from one section to another: not removed plus added.
    let moved = find("moved");
    assert_eq!(
        moved["text"],
        "It was designated a terrorist group in 1997."
    );
    assert_eq!(moved["from"]["section"], "intro");
    assert_eq!(moved["from"]["heading"], "Introduction");
    assert_eq!(
        moved["cites"][0]["url"],
        "https://www.cfr.org/interviews/a-2005"
    );
    // The paragraph order changed too, but that is no change of content.
    assert_eq!(
        a.iter()
            .filter(|c| c["text"] == "Its leader fled to Paris in 1981.")
            .count(),
        0
    );
    let added = find("added");
    assert_eq!(added["cites"][0]["source"], "report-2012");
    assert_eq!(
        added["cites"][0]["title"],
        "Country Reports on Terrorism 2012"
    );
    assert_eq!(added["cites"][0]["publisher"], "U.S. Department of State");
    assert_eq!(added["cites"][0]["date"], "2013-05-30");
    assert_eq!(
        added["cites"][0]["url"],
        "https://www.state.gov/j/ct/rls/crt/2012/"
    );
    let removed = find("removed");
    assert_eq!(removed["text"], "This claim will be deleted entirely soon.");
    assert_eq!(
        removed["cites"][0]["title"], "An Old Article",
        "resolved from the base"
    );
    // Sources: added, changed (the URL), removed.
    let doc_a = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "a")
        .unwrap();
    let sources: Vec<(&str, &str)> = doc_a["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["change"].as_str().unwrap(), s["id"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sources,
        [
            ("changed", "interview-2005"),
            ("added", "report-2012"),
            ("removed", "old-1990")
        ]
    );
    assert_eq!(
        doc_a["sources"][0]["fields"],
        serde_json::json!([{
            "field": "url",
            "before": "https://www.cfr.org/interview/a",
            "after": "https://www.cfr.org/interviews/a-2005"
        }])
    );
    // `b` is the same document as before: not listed.
    assert!(claims(&report, "b").is_empty());
}

#[test]
fn a_claim_moved_between_documents_and_uncommitted_edits() {
    let dir = repo();
    let content = dir.path().join("content");
    // Uncommitted: a claim leaves `b` for `a`, and a new document appears.
    let b = std::fs::read_to_string(content.join("b.yaml")).unwrap();
    let b = b.replace(
        &format!("{}\n", claim("The camp closed in 2016.", "book-1989")),
        "          - text: Nothing else.\n            analysis: true\n",
    );
    std::fs::write(content.join("b.yaml"), &b).unwrap();
    let a = std::fs::read_to_string(content.join("a.yaml")).unwrap();
    let a = a.replace(
        &claim("Its leader fled to Paris in 1981.", "book-1989"),
        &format!(
            "{}\n{}",
            claim("Its leader fled to Paris in 1981.", "book-1989"),
            claim("The camp closed in 2016.", "book-1989")
        ),
    );
    std::fs::write(content.join("a.yaml"), &a).unwrap();
    std::fs::write(
        content.join("c.yaml"),
        doc(
            "c",
            &claim("A new claim.", "book-1989"),
            &claim("Another.", "book-1989"),
            BOOK,
        ),
    )
    .unwrap();
    let report = json(dir.path(), "HEAD");
    let moved = claims(&report, "a");
    assert_eq!(moved.len(), 1, "{moved:#?}");
    assert_eq!(moved[0]["change"], "moved");
    assert_eq!(moved[0]["from"]["document"], "b");
    assert_eq!(moved[0]["from"]["section"], "history");
    let b_claims = claims(&report, "b");
    assert_eq!(b_claims.len(), 1);
    assert_eq!(b_claims[0]["change"], "added");
    assert_eq!(b_claims[0]["analysis"], true);
    let c = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "c")
        .unwrap();
    assert_eq!(c["change"], "added");
    assert_eq!(claims(&report, "c").len(), 2);
    // Run from inside content/ the same report comes out.
    let inside = json(&content, "HEAD");
    assert_eq!(inside, report);
}

#[test]
fn markdown_groups_by_document_and_section_and_escapes_text() {
    let dir = repo();
    let o = run(&["diff", "HEAD~1"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.starts_with("## Fact-check: changes since `HEAD~1`\n\n1 document changed; claims: 1 added, 1 changed, 1 moved, 1 removed; sources: 1 added, 1 changed, 1 removed.\n"), "{md}");
    assert!(
        md.contains("### The a story (`a`)\n\n#### Introduction\n\n"),
        "{md}"
    );
    assert!(md.contains("- **Changed:** The group was founded in ~~1963~~ **1965** by leftist **Iranian** students\\.\n"), "{md}");
    assert!(md.contains("- **Moved:** It was designated a terrorist group in 1997\\.\n  - from Introduction in `a`\n"), "{md}");
    assert!(md.contains("  - `report-2012` Country Reports on Terrorism 2012, U\\.S\\. Department of State, 2013\\-05\\-30 `https://www.state.gov/j/ct/rls/crt/2012/`\n"), "{md}");
    assert!(
        md.contains("- **Removed:** ~~This claim will be deleted entirely soon\\.~~\n"),
        "{md}"
    );
    assert!(
        md.contains("#### Sources\n\n- **Changed:** `interview-2005`"),
        "{md}"
    );
    assert!(
        md.contains(
            "  - url: `https://www.cfr.org/interview/a` → `https://www.cfr.org/interviews/a-2005`\n"
        ),
        "{md}"
    );
    // Markup in a claim is shown, not rendered.
    let content = dir.path().join("content");
    let a = std::fs::read_to_string(content.join("a.yaml")).unwrap();
    let a = a.replace(
        "Its leader fled to Paris in 1981.",
        "\"Its leader <b>fled</b> to [Paris](https://x.example) in 1981.\"",
    );
    std::fs::write(content.join("a.yaml"), a).unwrap();
    let md = String::from_utf8(run(&["diff", "HEAD"], dir.path()).stdout).unwrap();
    assert!(md.contains("\\<b\\>fled\\</b\\>"), "{md}");
    assert!(md.contains("\\[Paris\\]\\(https\\:"), "{md}");
}

#[test]
fn usage_errors_outside_git_or_with_an_unknown_revision() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let o = run(&["diff", "main"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not inside a git repository"));
    let dir = repo();
    let o = run(&["diff", "no-such-branch"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a commit, branch or tag"));
    // Nothing changed: an empty report, still valid.
    let report = json(dir.path(), "HEAD");
    assert_eq!(report["documents"], serde_json::json!([]));
    let md = String::from_utf8(run(&["diff", "HEAD"], dir.path()).stdout).unwrap();
    assert!(
        md.contains("0 documents changed; no claim changed; no source changed."),
        "{md}"
    );
}
