//! `backgrounder import`: the seed article and an HTML page in a
//! publisher's shape become documents that pass the schema, read back
//! through the loader as written, and export the input's sentences.

use std::path::{Path, PathBuf};
use std::process::Command;

use backgrounder::check::{CheckedFile, check_source};
use backgrounder::export::Exporter as _;
use backgrounder::export::{markdown::Markdown, resolve};
use backgrounder::import::{Format, Imported, Options, import};
use backgrounder::load::{self, Limits};
use backgrounder::model::{Document, inline};
use backgrounder::rules::ContentSet;

#[path = "common/seed_text.rs"]
mod seed_text;
use seed_text::{normalise, seed_paragraphs, sentences};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> Option<String> {
    let path = root().join("../shared/seed/mek-backgrounder-2014.txt");
    let text = std::fs::read_to_string(&path).ok();
    if text.is_none() {
        eprintln!("skipped: {} is not there", path.display());
    }
    text
}

fn options() -> Options {
    Options {
        today: "2026-11-29".into(),
        ..Options::default()
    }
}

/// The imported YAML checked as `content/<id>.yaml`.
fn check(imported: &Imported) -> CheckedFile {
    let path = PathBuf::from(format!("content/{}.yaml", imported.document.id));
    let source =
        load::decode(&path, imported.yaml.clone().into_bytes(), Limits::default()).unwrap();
    check_source(source, &ContentSet::default(), Limits::default())
}

/// The seed's sentence list splits `terrorism...The` at the ellipsis and
/// joins sentences with a space; the article has none there.
fn unsplit(text: &str) -> String {
    text.replace("... ", "...")
}

fn claim_texts(doc: &Document) -> Vec<String> {
    doc.sections
        .iter()
        .flat_map(|s| &s.body)
        .flat_map(|b| match b {
            backgrounder::model::Block::Paragraph(claims) => claims.clone(),
            backgrounder::model::Block::Quote(_) => Vec::new(),
        })
        .map(|c| inline::plain(&inline::parse(&c.text)))
        .collect()
}

#[test]
fn the_seed_imports_with_every_sentence_and_only_sources_left_to_find() {
    let Some(seed) = seed() else { return };
    let imported = import("mek-backgrounder-2014.txt", seed.as_bytes(), &options()).unwrap();
    assert_eq!(imported.format, Format::Markdown);
    let checked = check(&imported);
    let other: Vec<String> = checked
        .diagnostics
        .iter()
        // Not even a `date/*`: the dates come from the text, and none is
        // after `updated`.
        .filter(|d| d.code != "cite/missing")
        .map(|d| format!("{} {} {}", d.code, d.pointer, d.message))
        .collect();
    assert!(other.is_empty(), "{other:#?}");
    let missing = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "cite/missing")
        .count();
    // The seed's links are all `(#)` placeholders: every claim is to source.
    assert_eq!(missing, imported.unsourced);
    assert_eq!(missing, 69);
    assert!(imported.document.sources.is_empty());

    // All 71 sentences, in order; a quotation of two sentences with its
    // attribution is one claim, so 71 sentences make 69 claims.
    let want: Vec<String> = seed_paragraphs(&seed)
        .iter()
        .flat_map(|p| sentences(p))
        .map(|s| normalise(&s))
        .collect();
    assert_eq!(want.len(), 71);
    let claims: Vec<String> = claim_texts(&imported.document)
        .iter()
        .map(|c| normalise(c))
        .collect();
    assert_eq!(claims.len(), 69);
    assert_eq!(unsplit(&claims.join(" ")), unsplit(&want.join(" ")));
    let mut at = 0;
    for claim in &claims {
        let mut joined = String::new();
        while joined.len() < claim.len() {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(&want[at]);
            at += 1;
        }
        assert_eq!(unsplit(&joined), *claim, "a claim is not whole sentences");
    }

    let doc = &imported.document;
    assert_eq!(doc.id, "mujahadeen-e-khalq-mek");
    assert_eq!(doc.title, "Mujahadeen-e-Khalq (MEK)");
    assert_eq!(doc.authors[0].name.to_string(), "Jonathan Masters");
    assert_eq!(doc.authors[0].role.as_deref(), Some("Deputy Editor"));
    assert_eq!(doc.updated, "2014-07-28");
    assert_eq!(doc.topics, ["Iran", "Terrorist Organizations and Networks"]);
    let headings: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Introduction",
            "Roots of Resistance",
            "Support for Saddam",
            "Searching For a New Home",
            "Leadership & Ideology",
            "Size & Support Structure",
            "Continuing Controversy"
        ]
    );
    let resources: Vec<&str> = doc.resources.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        resources,
        [
            "Iran's Revolutionary Guards",
            "Iran's history",
            "MEK's capture in Iraq"
        ]
    );
    assert!(
        doc.resources.iter().all(|r| r.url.is_none()),
        "no URL invented"
    );
    let related: Vec<(&str, usize)> = doc
        .related
        .iter()
        .map(|r| (r.title.as_str(), r.authors.len()))
        .collect();
    assert_eq!(
        related,
        [
            ("The Hezbollah Problem", 2),
            ("Carter Offered Hamas a Way Forward: They Squandered It", 1),
            (
                "Al Qaeda Strikes Back [Rush Transcript; Federal News Service]",
                1
            )
        ]
    );
    assert_eq!(
        doc.related[2].note.as_deref(),
        Some("Moderator: Gideon Rose, Managing Editor, Foreign Affairs")
    );

    // Dates from the years named; speakers of quotations in prose.
    let claim = |needle: &str| {
        doc.sections
            .iter()
            .flat_map(|s| &s.body)
            .flat_map(|b| match b {
                backgrounder::model::Block::Paragraph(c) => c.clone(),
                backgrounder::model::Block::Quote(_) => Vec::new(),
            })
            .find(|c| c.text.contains(needle))
            .unwrap()
    };
    assert_eq!(claim("founded in 1965").date.as_deref(), Some("1965"));
    assert_eq!(
        claim("in the 1970s, and several").date.as_deref(),
        Some("197X")
    );
    assert_eq!(
        claim("exile in France in 1981").date.as_deref(),
        Some("1979/1981")
    );
    assert_eq!(claim("Some analysts support this").date, None);
    assert_eq!(claim("in April 1992").date.as_deref(), Some("1992-04"));
    assert_eq!(
        claim("the only army in the world").speaker.as_deref(),
        Some("elizabeth-rubin")
    );
    assert_eq!(
        claim("Rajavi, upon release").speaker.as_deref(),
        Some("patrick-clawson")
    );
    assert_eq!(
        claim("wrote Norman Kempster").speaker.as_deref(),
        Some("norman-kempster")
    );
    assert_eq!(claim("said a 2011 State").speaker, None);
    assert_eq!(
        claim("They either die").speaker.as_deref(),
        Some("karim-sadjadpour")
    );
    assert_eq!(
        claim("argued that MEK").speaker.as_deref(),
        Some("raymond-tanter")
    );
    // The year of the report it quotes dates the source, not the event.
    assert_eq!(claim("said a 2011 State").date.as_deref(), Some("1979"));
    let people: Vec<String> = doc.people.iter().map(|p| p.name.to_string()).collect();
    assert_eq!(
        people,
        [
            "Patrick Clawson",
            "Elizabeth Rubin",
            "Karim Sadjadpour",
            "Norman Kempster",
            "Raymond Tanter"
        ]
    );
}

/// Imports `tests/fixtures/import/NAME` and compares the YAML with
/// `NAME.expected.yaml` (`BLESS=1` rewrites it).
fn import_fixture(name: &str) -> Imported {
    let dir = root().join("tests/fixtures/import");
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let imported = import(name, &bytes, &options()).unwrap();
    let expected_path = dir.join(format!("{name}.expected.yaml"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, &imported.yaml).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(
        imported.yaml, expected,
        "rerun with BLESS=1 to accept the new output"
    );
    imported
}

#[test]
fn a_markdown_article_with_front_matter_and_footnotes() {
    let imported = import_fixture("article.md");
    assert_eq!(imported.format, Format::Markdown);
    let doc = &imported.document;
    assert_eq!(doc.title, "Hezbollah: Party of God");
    assert_eq!(
        (doc.published.as_deref(), doc.updated.as_str()),
        (Some("2023-01-10"), "2024-03-05")
    );
    assert_eq!(doc.topics, ["Lebanon", "Iran"]);
    let ids: Vec<&str> = doc.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "congress-2010",
            "princeton-2007",
            "wapo-washington-post-profile"
        ]
    );
    assert_eq!(doc.people[0].name.to_string(), "Subhi al-Tufayli");
    let checked = check(&imported);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["cite/missing"; 3]);
}

#[test]
fn the_html_fixture_imports_to_the_expected_document() {
    let imported = import_fixture("article.html");
    assert_eq!(imported.format, Format::Html);
    // Nothing from the navigation, the scripts, the aside or the footer.
    for outside in [
        "Explainers",
        "Analysis. Opinion.",
        "Injected",
        "trackScroll",
        "Lake Mead at record lows",
        "All rights reserved",
        "Share on X",
        "Search the site",
    ] {
        assert!(!imported.yaml.contains(outside), "{outside}");
    }
    let checked = check(&imported);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.iter().all(|c| *c == "cite/missing"), "{codes:?}");
    assert_eq!(codes.len(), imported.unsourced);
}

#[test]
fn the_output_reads_back_as_the_document_imported() {
    let mut inputs = vec![(
        "article.html".to_owned(),
        std::fs::read(root().join("tests/fixtures/import/article.html")).unwrap(),
    )];
    if let Some(seed) = seed() {
        inputs.push(("seed.txt".into(), seed.into_bytes()));
    }
    inputs.push((
        "tricky.md".into(),
        "# 1965\n\nBy Ann Lee\n\nUpdated: 2014-07-28\n\n## Yes: no\n\nIt said: \"true\" # not a comment, at 10 a.m. [x](https://a.org/2001/x \"T: t\").\n\n- [Crisis Guide: Iran](https://b.org) — a \\[note\\]\n"
            .into(),
    ));
    for (name, bytes) in inputs {
        let imported = import(&name, &bytes, &options()).unwrap();
        let checked = check(&imported);
        let back = checked
            .document
            .unwrap_or_else(|| panic!("{name}: {:#?}", checked.diagnostics));
        assert_eq!(back, imported.document, "{name}");
        assert!(
            imported.yaml.lines().all(|l| l.chars().count() <= 80),
            "{name}: a line over 80 columns"
        );
    }
}

/// The Markdown export's body, as text: the paragraphs of its sections
/// before "Additional Resources", footnote markers left out.
fn exported_body(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut in_body = false;
    let mut heading: Option<String> = None;
    let mut paragraph: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                let h = heading.take().unwrap_or_default();
                in_body = !matches!(
                    h.as_str(),
                    "Additional Resources" | "More on this topic" | "Sources"
                ) && (in_body || !out.is_empty() || h == "Introduction");
            }
            Event::Start(Tag::Paragraph) if in_body => paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = paragraph.take() {
                    out.push(p);
                }
            }
            Event::Start(Tag::FootnoteDefinition(_)) => in_body = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                } else if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = paragraph.as_mut() {
                    p.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

/// Imported then exported as Markdown, the seed's body reads as the seed's
/// sentences. The normalisation (`normalise` in tests/common/seed_text.rs):
/// curly quotes as straight ones, dashes as hyphens, `…` as three dots,
/// emphasis marks dropped, runs of space as one; links as their text and
/// the page's `(PDF)` marks left out, as the seed's sentence list has them.
#[test]
fn imported_then_exported_the_text_is_the_inputs_sentences() {
    let Some(seed) = seed() else { return };
    let imported = import("seed.txt", seed.as_bytes(), &options()).unwrap();
    let resolved = resolve(&imported.document, &|s| inline::plain_text(&s.title));
    let md = String::from_utf8(Markdown.export(&resolved, &Default::default()).unwrap()).unwrap();
    let body = exported_body(&md)
        .iter()
        .map(|p| normalise(p))
        .collect::<Vec<_>>()
        .join(" ");
    let want = seed_paragraphs(&seed)
        .iter()
        .flat_map(|p| sentences(p))
        .map(|s| normalise(&s))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(unsplit(&body) == unsplit(&want), "{body}");
}

#[test]
fn the_output_does_not_depend_on_the_run() {
    let html = std::fs::read(root().join("tests/fixtures/import/article.html")).unwrap();
    let a = import("article.html", &html, &options()).unwrap();
    let b = import("article.html", &html, &options()).unwrap();
    assert_eq!(a.yaml, b.yaml);
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_backgrounder"))
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1785628800")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn the_command_writes_content_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::copy(
        root().join("tests/fixtures/import/article.html"),
        dir.join("page.html"),
    )
    .unwrap();
    let (code, out, err) = run(dir, &["import", "page.html"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("wrote content/the-colorado-river-compact.yaml from page.html (HTML): 13 claims, 3 sources; 10 claims to source."), "{out}");
    assert_eq!(
        files_in(&dir.join("content")),
        ["the-colorado-river-compact.yaml"]
    );
    // What `check` then says: only the claims left to source.
    let (code, out, _) = run(dir, &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let findings: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 10);
    assert!(findings.iter().all(|f| f["code"] == "cite/missing"));

    std::fs::write(
        dir.join("content/the-colorado-river-compact.yaml"),
        "edited",
    )
    .unwrap();
    let (code, _, err) = run(dir, &["import", "page.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists: pass --force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("content/the-colorado-river-compact.yaml")).unwrap(),
        "edited"
    );
    let (code, _, err) = run(
        dir,
        &[
            "import",
            "page.html",
            "--force",
            "--id",
            "compact",
            "--out",
            "other",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(files_in(&dir.join("other")), ["compact.yaml"]);
    let (code, _, _) = run(dir, &["import", "page.html", "--force"]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(dir.join("content/the-colorado-river-compact.yaml"))
            .unwrap()
            .contains("id: the-colorado-river-compact")
    );
    assert_eq!(
        files_in(&dir.join("content")),
        ["the-colorado-river-compact.yaml"]
    );

    // Read as plain text, the page's tags are text: still a document.
    let (code, _, err) = run(
        dir,
        &[
            "import",
            "page.html",
            "--format",
            "txt",
            "--id",
            "as-text",
            "--out",
            "other",
        ],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bad_input_is_a_clear_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("empty.md"), "  \n\n").unwrap();
    std::fs::write(dir.join("binary.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 au lait.").unwrap();
    std::fs::write(
        dir.join("nav.html"),
        "<!doctype html><html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("article.md"), "# T\n\nA sentence of prose here.\n").unwrap();
    std::fs::create_dir(dir.join("folder.md")).unwrap();
    let cases: [(&[&str], &str); 7] = [
        (
            &["import", "empty.md"],
            "cannot import empty.md: the file is empty",
        ),
        (
            &["import", "binary.md"],
            "cannot import binary.md: the file is not text",
        ),
        (&["import", "latin1.txt"], "saved as UTF-8"),
        (
            &["import", "nav.html"],
            "cannot import nav.html: the file holds no paragraph of article text",
        ),
        (&["import", "missing.md"], "cannot read missing.md"),
        (&["import", "folder.md"], "cannot read folder.md"),
        (
            &["import", "article.md", "--id", "Not An Id"],
            "the id `Not An Id` is not kebab-case: pass --id",
        ),
    ];
    for (args, message) in cases {
        let (code, out, err) = run(dir, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(message),
            "{args:?}: {err}"
        );
        assert!(out.is_empty());
    }
    assert!(!dir.join("content").exists(), "nothing written");
}

/// Pieces an article is made of, markup and hostile text among them.
fn piece() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        Just("\n\n".to_owned()),
        Just("# ".to_owned()),
        Just("Author: Ann Lee, Editor\n\n".to_owned()),
        Just("Updated: July 28, 2014\n\n".to_owned()),
        Just("Additional Resources\n\n".to_owned()),
        Just("More on this topic\n\n".to_owned()),
        Just("[a link](https://a.org/2001/x)".to_owned()),
        Just("[placeholder](#)".to_owned()),
        Just("[^1]".to_owned()),
        Just("\n\n[^1]: See [it](https://b.org/).\n\n".to_owned()),
        Just("<p>html <a href='/x'>y</a></p>".to_owned()),
        Just("<!doctype html><article><h2>H</h2><p>".to_owned()),
        Just("\"Quoted,\" said Ann Lee. ".to_owned()),
        Just("U.S. Dr. Jan. No. 5 a.m. ".to_owned()),
        Just("In 1965 and the 1970s. ".to_owned()),
        Just("*em* **strong** `code` \\[x\\] ".to_owned()),
        Just(": # - ? | > ' % @ & * ! ".to_owned()),
        Just("so\u{ad}ft\u{200b} \u{202e}bidi\u{2066} ".to_owned()),
        Just("<b>bold</b> &amp; <script>x()</script> ".to_owned()),
        "[A-Za-z ,.;:!?'\"()-]{0,40}",
        "\\PC{0,12}",
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

    /// No input panics the importer, and every document it writes reads
    /// back through the loader as the document it built.
    #[test]
    fn any_input_imports_or_is_refused_and_reads_back(pieces in proptest::collection::vec(piece(), 0..24)) {
        let text: String = pieces.concat();
        for format in [None, Some(Format::Markdown), Some(Format::Html), Some(Format::Text)] {
            let options = Options { format, id: Some("doc".into()), ..options() };
            if let Ok(imported) = import("input", text.as_bytes(), &options) {
                let checked = check(&imported);
                let back = checked.document.clone();
                proptest::prop_assert_eq!(back.as_ref(), Some(&imported.document), "{}\n{:#?}", imported.yaml, checked.diagnostics);
                let schema: Vec<_> = checked.diagnostics.iter().filter(|d| d.code.starts_with("yaml/") || d.code.starts_with("schema/") || matches!(d.code, "text/control" | "text/bidi" | "text/html")).collect();
                proptest::prop_assert!(schema.is_empty(), "{:#?}", schema);
            }
        }
    }
}

#[test]
fn a_closed_pipe_or_a_full_disk_on_stdout_is_no_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("a.md"), "# T\n\nA sentence of prose here.\n").unwrap();
    let mut child = bin()
        .current_dir(dir)
        .args(["import", "a.md", "--id", "piped"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("content/piped.yaml").is_file());
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let out = bin()
        .current_dir(dir)
        .args(["import", "a.md", "--id", "full"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_page_nested_thousands_deep_is_refused_quickly() {
    let page = format!(
        "<!doctype html><html><body><article>{}<p>Deep text here.</p>{}</article></body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let started = std::time::Instant::now();
    let err = import("deep.html", page.as_bytes(), &options()).unwrap_err();
    assert!(
        err.to_string().contains("nests its elements 100001 deep"),
        "{err}"
    );
    assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    // A long flat page is fine, and linear.
    let page = format!(
        "<!doctype html><article><h1>T</h1>{}</article>",
        "<p>Some words here, U.S. ones. And more \"quoted. Text.\"</p>".repeat(20_000)
    );
    let started = std::time::Instant::now();
    let imported = import("long.html", page.as_bytes(), &options()).unwrap();
    assert_eq!(imported.unsourced, 40_000);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn many_links_and_repeated_headings_take_linear_time() {
    let mut text = String::from("# Title\n\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "## Background\n\nSee [the report](https://x.org/{i}) and [it again](https://x.org/{i}).\n\n"
        ));
    }
    let started = std::time::Instant::now();
    let imported = import("many.md", text.as_bytes(), &options()).unwrap();
    let doc = &imported.document;
    assert_eq!((doc.sources.len(), doc.sections.len()), (20_000, 20_000));
    assert_eq!(doc.sources[2].id, "x-report-3");
    assert_eq!(doc.sections[2].id, "background-3");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn a_list_of_references_gives_sources_not_claims() {
    let text = "# T\n\nBy Ann Lee\n\nThe river ran dry in 2021, officials said.\n\n## References\n\n- Ann Lee, [The River](https://www.latimes.com/river), 2020.\n- [https://www.usbr.gov/lc/](https://www.usbr.gov/lc/)\n";
    let imported = import("refs.md", text.as_bytes(), &options()).unwrap();
    let doc = &imported.document;
    assert_eq!(
        claim_texts(doc),
        ["The river ran dry in 2021, officials said."]
    );
    let urls: Vec<&str> = doc
        .sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .collect();
    assert_eq!(
        urls,
        ["https://www.latimes.com/river", "https://www.usbr.gov/lc/"]
    );
    let checked = check(&imported);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["cite/missing", "cite/unused-source", "cite/unused-source"]
    );
}
