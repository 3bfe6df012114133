//! The CI report formats read by their real consumers: SARIF by Microsoft's
//! `Sarif.Multitool validate --rule-kind "Sarif;Ghas"` (GitHub code
//! scanning's rules), JUnit by `xmllint` against Jenkins' `junit-10.xsd`.
//! Both outputs of one defective document are kept as expected files;
//! `BLESS=1 cargo test --test ci_formats` rewrites them after a deliberate
//! change (a new rule changes the SARIF rule list).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const DEFECTIVE: &str = "tests/fixtures/ci/defective.yaml";
const XSD: &str = "tests/fixtures/junit/junit-10.xsd";
const INFORMATION_URI: &str = "https://example.org/backgrounder";

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backgrounder"))
        .args(["check", "--today", "2026-01-01"])
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn same_as_expected(actual: &[u8], expected: &str) {
    let path = root().join(expected);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read(&path).unwrap_or_default();
    assert!(
        want == actual,
        "{expected} differs from the output (run `BLESS=1 cargo test --test ci_formats` if the change is meant):\n{}",
        String::from_utf8_lossy(actual)
    );
}

#[test]
fn sarif_of_the_defective_document_is_the_expected_file() {
    let o = check(&[
        "--format",
        "sarif",
        "--sarif-information-uri",
        INFORMATION_URI,
        DEFECTIVE,
    ]);
    assert_eq!(o.status.code(), Some(1));
    same_as_expected(&o.stdout, "tests/fixtures/ci/defective.sarif");
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], INFORMATION_URI);
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), backgrounder::rules::all().count());
    for rule in rules {
        for field in ["shortDescription", "fullDescription"] {
            assert!(!rule[field]["text"].as_str().unwrap().is_empty(), "{rule}");
        }
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## What it does")
        );
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        let short = rule["shortDescription"]["text"].as_str().unwrap();
        assert!(full.len() > short.len() && !full.contains("## "), "{rule}");
        assert!(!rule["help"]["text"].as_str().unwrap().contains("```"));
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    let missing = rules.iter().find(|r| r["id"] == "cite/missing").unwrap();
    assert_eq!(
        missing["fullDescription"]["text"],
        "Reports a claim without `cite` (unless it is marked `analysis: true`) and a quote without `cite`. Every fact a backgrounder states must be traceable to a source; an uncited claim cannot be checked by readers or editors."
    );
    // Without the flag or `[report] information_uri` no address is made up.
    let o = check(&["--format", "sarif", DEFECTIVE]);
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(log["runs"][0]["tool"]["driver"]["informationUri"].is_null());
}

#[test]
fn information_uri_comes_from_the_configuration_and_must_be_absolute() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::copy(
        root().join(DEFECTIVE),
        dir.path().join("content/defective.yaml"),
    )
    .unwrap();
    let bin = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_backgrounder"));
        c.current_dir(dir.path());
        c
    };
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "[report]\ninformation_uri = \"https://example.org/guide\"\n",
    )
    .unwrap();
    let o = bin().args(["check", "--format", "sarif"]).output().unwrap();
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["informationUri"],
        "https://example.org/guide"
    );
    // The flag wins over the file.
    let o = bin()
        .args([
            "check",
            "--format",
            "sarif",
            "--sarif-information-uri",
            INFORMATION_URI,
        ])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["informationUri"],
        INFORMATION_URI
    );
    let o = bin()
        .args(["check", "--sarif-information-uri", "docs/rules.html"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "[report]\ninformation_uri = \"ftp://example.org/\"\n",
    )
    .unwrap();
    let o = bin().args(["check"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("[report] information_uri"), "{err}");
}

/// The Multitool: `$SARIF_MULTITOOL`, else the copy `.ci/run` installs into
/// bench/.peers/sarif/, else `sarif-multitool` on the PATH.
/// It is used only when `--version` runs (a .NET build needs its runtime's
/// libraries; without ICU it runs in invariant mode).
fn multitool() -> Option<PathBuf> {
    let local = root()
        .join("bench/.peers/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    let candidate = std::env::var_os("SARIF_MULTITOOL")
        .map(PathBuf::from)
        .or_else(|| local.is_file().then_some(local))
        .unwrap_or_else(|| PathBuf::from("sarif-multitool"));
    let runs = Command::new(&candidate)
        .arg("--version")
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .is_ok_and(|o| o.status.success());
    runs.then_some(candidate)
}

/// What the Multitool reports about a log: one line per result.
fn multitool_findings(tool: &Path, log: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input.sarif");
    let output = dir.path().join("validation.sarif");
    std::fs::write(&input, log).unwrap();
    let o = Command::new(tool)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .args(["validate", "--rule-kind", "Sarif;Ghas", "--output"])
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    let text = std::fs::read(&output).unwrap_or_else(|e| {
        panic!(
            "the Multitool wrote no log ({e}): {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let report: serde_json::Value = serde_json::from_slice(&text).unwrap();
    report["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {}: {}", r["ruleId"], r["level"], r["message"]))
        .collect()
}

#[test]
fn sarif_passes_the_multitool_with_github_rules() {
    let Some(tool) = multitool() else {
        println!(
            "skipped: Sarif.Multitool is not installed or does not run (`.ci/run` installs it into bench/.peers/sarif/)"
        );
        return;
    };
    let defective = check(&[
        "--format",
        "sarif",
        "--sarif-information-uri",
        INFORMATION_URI,
        DEFECTIVE,
    ]);
    let every_rule = check(&[
        "--format",
        "sarif",
        "--sarif-information-uri",
        INFORMATION_URI,
        "tests/fixtures/rules",
    ]);
    for log in [&defective.stdout, &every_rule.stdout] {
        let found = multitool_findings(&tool, log);
        assert!(found.is_empty(), "{found:#?}");
    }
    // Without an informationUri, only the Multitool's advice to give one
    // (SARIF2005, a warning) remains.
    let plain = check(&["--format", "sarif", DEFECTIVE]);
    let found = multitool_findings(&tool, &plain.stdout);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("\"SARIF2005\""), "{found:#?}");
}

#[test]
fn junit_of_the_defective_document_is_the_expected_file() {
    let o = check(&["--format", "junit", DEFECTIVE]);
    assert_eq!(o.status.code(), Some(1));
    same_as_expected(&o.stdout, "tests/fixtures/ci/defective.junit.xml");
    let xml = String::from_utf8(o.stdout).unwrap();
    // 4 errors fail; 3 warnings pass, their text in <system-out>.
    assert!(
        xml.contains(r#"tests="7" failures="4" errors="0">"#),
        "{xml}"
    );
    assert_eq!(xml.matches("<failure ").count(), 4);
    assert_eq!(xml.matches("<system-out>").count(), 3);
    assert!(xml.contains(r#"<property name="file" value="tests/fixtures/ci/defective.yaml"/>"#));
    assert!(xml.contains("tests/fixtures/ci/defective.yaml:40:10: warning[link/insecure]"));
    // The key's CR LF survives as character references, not as raw breaks.
    assert!(
        xml.contains("unknown field `note&#13;&#10;to &lt;self&gt;"),
        "{xml}"
    );
    for line in xml.lines() {
        assert!(!line.contains('\r'));
    }
    assert_eq!(xml.lines().filter(|l| l.contains("<failure")).count(), 4);
}

#[test]
fn junit_warnings_fail_only_with_deny_warnings() {
    let dir = "tests/fixtures/rules/link/insecure/triggers.yaml";
    let o = check(&["--format", "junit", "--rule", "link/unknown-ref=off", dir]);
    assert_eq!(o.status.code(), Some(0));
    let xml = String::from_utf8(o.stdout).unwrap();
    assert!(
        xml.contains(r#"failures="0""#) && !xml.contains("<failure"),
        "{xml}"
    );
    let o = check(&[
        "--format",
        "junit",
        "--deny-warnings",
        "--rule",
        "link/unknown-ref=off",
        dir,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let xml = String::from_utf8(o.stdout).unwrap();
    assert!(xml.contains(r#"<failure type="warning""#), "{xml}");
    assert!(!xml.contains(r#"failures="0""#), "{xml}");
}

#[test]
fn junit_validates_against_junit_10_xsd() {
    if Command::new("xmllint").arg("--version").output().is_err() {
        println!(
            "skipped: xmllint is not installed (Debian's libxml2-utils; `.ci/run` installs it)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let outputs = [
        check(&["--format", "junit", DEFECTIVE]),
        check(&["--format", "junit", "--deny-warnings", DEFECTIVE]),
        check(&["--format", "junit", "tests/fixtures/rules"]),
        check(&["--format", "junit", "content"]),
    ];
    for (i, o) in outputs.iter().enumerate() {
        let file = dir.path().join(format!("{i}.xml"));
        std::fs::write(&file, &o.stdout).unwrap();
        let v = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(root().join(XSD))
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            v.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&v.stderr),
            String::from_utf8_lossy(&o.stdout)
        );
    }
}
