//! End-to-end tests of the CI and editing workflow: configuration and its
//! precedence, suppressions, SARIF and JUnit output, `--changed-since`,
//! `new`, `schema`, `--stats`, `--watch` and the CI recipe.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Output, Stdio};

#[path = "common/cli.rs"]
mod support;
use support::{bin, root, run, stderr, stdout};

fn fixture(code: &str, name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/rules").join(code).join(name)).unwrap()
}

/// A content repository in a temporary folder: `docs/` holds a document
/// with an http URL (a `link/insecure` warning) and the document it refers to.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let insecure = fixture("link/insecure", "triggers.yaml");
    std::fs::write(docs.join("triggers.yaml"), insecure).unwrap();
    std::fs::write(
        docs.join("passes.yaml"),
        fixture("link/insecure", "passes.yaml"),
    )
    .unwrap();
    dir
}

fn codes(o: &Output) -> Vec<(String, String)> {
    serde_json::from_slice::<serde_json::Value>(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn configuration_is_found_upwards_and_flags_override_it() {
    let dir = repo();
    let sub = dir.path().join("docs");
    // No configuration: `content/` does not exist here.
    assert_eq!(run(&["check"], dir.path()).status.code(), Some(2));
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "content = \"docs\"\n\n[rules]\n\"link/insecure\" = \"error\"\n",
    )
    .unwrap();
    // Found from a subfolder; content is relative to the file; the warning is now an error.
    let o = run(&["check", "--format", "json"], &sub);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(codes(&o), vec![("link/insecure".into(), "error".into())]);
    // A flag beats the file.
    let o = run(
        &["check", "--format", "json", "--rule", "link/insecure=off"],
        &sub,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(codes(&o).is_empty());
    // What `config` prints is the case tests/fixtures/cli/config/.
}

#[test]
fn bad_configuration_is_a_usage_error_with_its_line() {
    let dir = repo();
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "content = \"docs\"\npaper = \"a4\"\n\n[rules]\n\"date/text-missmatch\" = \"error\"\n",
    )
    .unwrap();
    // The whole report of an unknown rule code and of an unknown key: the
    // cases config-invalid and check-config-unknown-field in tests/fixtures/cli/.
    assert_eq!(run(&["check"], dir.path()).status.code(), Some(2));
    std::fs::write(
        dir.path().join("backgrounder.toml"),
        "[rules]\n\"yaml/syntax\" = \"off\"\n",
    )
    .unwrap();
    let o = run(&["check", "docs"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be changed"));

    let o = run(
        &["check", "docs", "--rule", "link/insecure"],
        dir.path().join("docs").as_path(),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn suppressions_work_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["triggers.yaml", "passes.yaml"] {
        std::fs::write(dir.path().join(name), fixture("allow/no-reason", name)).unwrap();
    }
    let o = run(&["check", "--format", "json", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "warnings only");
    assert_eq!(
        codes(&o),
        vec![("allow/no-reason".into(), "warning".into())]
    );
    assert_eq!(
        run(&["check", "--deny-warnings", "."], dir.path())
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn sarif_output_validates_against_the_sarif_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-2.1.0-rtm.5.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .unwrap();
    let o = run(
        &["check", "--format", "sarif", "tests/fixtures/rules/cite"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    // Every fixture folder has a `triggers.yaml`: their shared id is
    // `id/file-name` in each, and the rules' own findings follow.
    let first = results
        .iter()
        .find(|r| r["ruleId"] != "id/file-name")
        .unwrap();
    assert_eq!(first["ruleId"], "cite/analysis-fact");
    assert_eq!(first["level"], "error");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 19);
    let uri = first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(uri, "tests/fixtures/rules/cite/analysis-fact/triggers.yaml");
    let rule_index = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"][rule_index]["id"],
        "cite/analysis-fact"
    );
    // A clean run is still a valid log, with no results.
    let o = run(&["check", "--format", "sarif"], &root());
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(validator.is_valid(&log));
    assert!(log["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn junit_output_has_a_suite_per_file_and_a_failure_per_finding() {
    let o = run(
        &[
            "check",
            "--format",
            "junit",
            "tests/fixtures/rules/cite/missing",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let xml = stdout(&o);
    // Warnings do not fail the run, so they are passing cases.
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"backgrounder check\" tests=\"5\" failures=\"2\""), "{xml}");
    assert_eq!(xml.matches("<testsuite ").count(), 2);
    assert_eq!(xml.matches("<failure type=\"error\"").count(), 2);
    assert_eq!(xml.matches("<failure type=\"warning\"").count(), 0);
    assert_eq!(xml.matches("<system-out>").count(), 2);
    assert!(xml.contains(
        "<testcase name=\"check\" classname=\"tests/fixtures/rules/cite/missing/passes.yaml\"/>"
    ));
    assert!(
        xml.contains("<testcase name=\"cite/missing at 16:13\""),
        "{xml}"
    );
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

#[test]
fn changed_since_checks_changed_documents_and_those_that_ref_them() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    // `triggers` refers to `passes`; `third` refers to nothing.
    let base = fixture("link/insecure", "passes.yaml");
    std::fs::write(content.join("passes.yaml"), &base).unwrap();
    std::fs::write(
        content.join("triggers.yaml"),
        fixture("link/insecure", "triggers.yaml"),
    )
    .unwrap();
    let third = base
        .replace("id: passes", "id: third")
        .replace("ref: triggers", "ref: passes");
    std::fs::write(
        content.join("third.yaml"),
        third.replace("https://www.cfr.org", "http://www.cfr.org"),
    )
    .unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "start"]);

    // Nothing changed: nothing reported, even though two files have warnings.
    let o = run(
        &["check", "--format", "json", "--changed-since", "HEAD"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(codes(&o).is_empty());
    // Change `passes`: it is reported, and so are the two documents whose ref: names it.
    std::fs::write(
        content.join("passes.yaml"),
        base.replace("title: Fixture", "title: Fixture, revised"),
    )
    .unwrap();
    let o = run(
        &["check", "--format", "json", "--changed-since", "HEAD"],
        dir.path(),
    );
    let files: Vec<String> = serde_json::from_slice::<serde_json::Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(files, vec!["content/third.yaml", "content/triggers.yaml"]);
    let o = run(&["check", "--changed-since", "HEAD"], dir.path());
    assert!(
        stdout(&o)
            .trim_end()
            .ends_with("3 documents checked: 0 errors, 2 warnings"),
        "{}",
        stdout(&o)
    );
    // Change only `third`: nobody refers to it.
    git(dir.path(), &["commit", "-qam", "revise"]);
    std::fs::write(
        content.join("third.yaml"),
        std::fs::read_to_string(content.join("third.yaml")).unwrap() + "# edited\n",
    )
    .unwrap();
    let o = run(&["check", "--changed-since", "HEAD"], dir.path());
    assert!(
        stdout(&o)
            .trim_end()
            .ends_with("1 document checked: 0 errors, 1 warning"),
        "{}",
        stdout(&o)
    );
    // A revision that does not exist, and a folder that is no repository.
    let o = run(&["check", "--changed-since", "no-such-branch"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`no-such-branch` is not a commit"));
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(outside.path().join("content")).unwrap();
    let o = run(&["check", "--changed-since", "HEAD"], outside.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not inside a git repository"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn new_writes_a_skeleton_whose_every_placeholder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["new", "hezbollah", "--title", "Hezbollah: \"Party of God\""])
        .env("SOURCE_DATE_EPOCH", "1406505600")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The skeleton itself is the case tests/fixtures/cli/new/.
    let o = run(&["check", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    // It passes the schema; what is left to write is reported: the name,
    // the role, the summary and the claim (placeholders), and the claim's
    // missing citation.
    let mut found = codes(&o);
    found.sort();
    let placeholder = ("text/placeholder".to_owned(), "error".to_owned());
    assert_eq!(
        found,
        vec![
            ("cite/missing".to_owned(), "error".to_owned()),
            placeholder.clone(),
            placeholder.clone(),
            placeholder.clone(),
            placeholder,
        ]
    );
    // It never overwrites, and refuses a path for an id (the message for
    // an id that is not kebab-case is the case new-invalid-id).
    assert_eq!(
        run(&["new", "hezbollah", "--title", "x"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["new", "../escape", "--title", "x"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn schema_prints_the_bundled_schema() {
    let o = run(&["schema"], &root());
    assert_eq!(o.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/backgrounder.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(printed, file);
}

#[test]
fn stats_report_each_document() {
    let o = run(&["check", "--stats"], &root());
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.starts_with("mujahadeen-e-khalq"))
        .unwrap();
    let cols: Vec<&str> = line.split_whitespace().collect();
    let doc = std::fs::read_to_string(root().join("content/mujahadeen-e-khalq.yaml")).unwrap();
    let claims = doc.matches("- text:").count();
    assert_eq!(cols[1], claims.to_string(), "{line}");
    assert!(cols[6].starts_with("1965-01-01.."), "{line}");
}

#[test]
fn watch_rechecks_on_save_and_prints_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("passes.yaml");
    std::fs::write(&file, fixture("link/insecure", "passes.yaml")).unwrap();
    std::fs::write(
        dir.path().join("triggers.yaml"),
        fixture("link/insecure", "passes.yaml")
            .replace("id: passes", "id: triggers")
            .replace("ref: triggers", "ref: passes"),
    )
    .unwrap();
    let mut child = bin()
        .args([
            "check",
            "--watch",
            "--watch-runs",
            "3",
            "--color",
            "never",
            ".",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let report = |lines: &mut std::io::Lines<BufReader<std::process::ChildStdout>>| {
        let mut text = String::new();
        for line in lines.by_ref() {
            let line = line.unwrap();
            text.push_str(&line);
            text.push('\n');
            if line.starts_with("[watch]") {
                break;
            }
        }
        text
    };
    let first = report(&mut lines);
    assert!(
        first.contains("2 documents checked: 0 errors, 0 warnings"),
        "{first}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        &file,
        text.replace("https://www.cfr.org", "http://www.cfr.org"),
    )
    .unwrap();
    let second = report(&mut lines);
    assert!(second.starts_with("warning[link/insecure]"), "{second}");
    assert_eq!(second.matches("warning[").count(), 1, "{second}");
    assert!(
        second.contains("[watch] 0 errors, 1 warning in all"),
        "{second}"
    );
    std::fs::write(&file, text).unwrap();
    let third = report(&mut lines);
    assert!(third.starts_with("fixed[link/insecure]"), "{third}");
    assert!(!third.contains("warning["), "{third}");
    let mut rest = String::new();
    let _ = child.stdout.take().map(|mut s| s.read_to_string(&mut rest));
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn the_ci_recipe_is_valid_yaml_that_runs_check_and_build() {
    let text = std::fs::read_to_string(root().join("docs/github-actions.yml")).unwrap();
    let loaded =
        backgrounder::load::yaml::parse(&text, backgrounder::load::Limits::default()).unwrap();
    let jobs = &loaded.value["jobs"];
    let steps = |job: &str| -> String {
        jobs[job]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["run"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(steps("check").contains("backgrounder check --format github"));
    assert!(
        steps("check")
            .contains("backgrounder diff \"origin/${{ github.base_ref }}\" --format markdown")
    );
    assert!(steps("build").contains("backgrounder build"));
    assert_eq!(loaded.value["on"]["pull_request"]["paths"][0], "content/**");
}

#[test]
fn the_sharded_workflow_builds_every_shard_and_merges_them() {
    let text = std::fs::read_to_string(root().join("docs/github-actions-shards.yml")).unwrap();
    let loaded =
        backgrounder::load::yaml::parse(&text, backgrounder::load::Limits::default()).unwrap();
    let jobs = &loaded.value["jobs"];
    let runs = |job: &str| -> String {
        jobs[job]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["run"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let shards = jobs["build"]["strategy"]["matrix"]["shard"]
        .as_array()
        .unwrap();
    let n = shards.len();
    assert!(
        runs("build").contains(&format!("--shard \"${{{{ matrix.shard }}}}/{n}\"")),
        "{}",
        runs("build")
    );
    assert_eq!(jobs["merge"]["needs"], "build");
    assert!(runs("merge").contains("backgrounder index shards/out-* --out out"));
    // The shards' folders as the merge job finds them, then merged for real.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for name in ["mujahadeen-e-khalq.yaml", "irans-revolutionary-guards.yaml"] {
        std::fs::copy(
            root().join("content").join(name),
            dir.path().join("content").join(name),
        )
        .unwrap();
    }
    let mut inputs = Vec::new();
    for k in 1..=n {
        let out = format!("shards/out-{k}");
        let o = run(
            &[
                "build",
                "--format",
                "md,json",
                "--shard",
                &format!("{k}/{n}"),
                "--out",
                &out,
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        inputs.push(out);
    }
    let mut args = vec!["index"];
    args.extend(inputs.iter().map(String::as_str));
    args.extend(["--out", "out"]);
    let o = run(&args, dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/index.json")).unwrap()).unwrap();
    assert_eq!(index["documents"].as_array().unwrap().len(), 2);
}
