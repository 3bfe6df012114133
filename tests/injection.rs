//! Hostile content — raw HTML, `javascript:` links, control characters and
//! bidirectional overrides — is reported by `check`, and even when an
//! exporter is fed it directly (bypassing `check`), it cannot reach the
//! exports in a form that runs or misleads.

use backgrounder::check;
use backgrounder::export::{self, ExportOptions, Exporter};
use backgrounder::load::Limits;

const HOSTILE: &str = r#"id: hostile
kind: backgrounder
title: "Hostile \u202Etxet"
authors:
  - name: "Eve\x07 Editor"
updated: 2014-07-28
summary: "A deck with <script>alert(1)</script> in it."
sections:
  - id: intro
    heading: "Intro <img src=x onerror=alert(1)>"
    body:
      - paragraph:
          - text: "It was <script>alert('x')</script> founded."
            cite: [s]
          - text: "See [this](javascript:alert(1)) and [that](JAVASCRIPT:alert(2)) and <b onclick=x>bold</b>."
            cite: [s]
          - text: "Bidi \u202Eevil\u202C and a bell \x07 here."
            cite: [s]
sources:
  - id: s
    type: webpage
    title: "A <b>source</b>"
    url: "javascript:alert(3)"
"#;

fn codes() -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.yaml"), HOSTILE).unwrap();
    let plan = check::plan(&[dir.path().to_path_buf()]).unwrap();
    let report = check::run(&plan, Limits::default());
    report
        .diagnostics()
        .iter()
        .map(|d| d.code.to_owned())
        .collect()
}

#[test]
fn check_reports_every_kind_of_hostile_text() {
    let codes = codes();
    for code in ["text/html", "text/control", "text/bidi", "link/scheme"] {
        assert!(codes.iter().any(|c| c == code), "{code} not in {codes:?}");
    }
}

fn resolved() -> export::Resolved {
    let value = backgrounder::load::yaml::parse(HOSTILE, Limits::default())
        .unwrap()
        .value;
    let doc: backgrounder::Document = serde_json::from_value(value).unwrap();
    export::resolve(&doc, &|s| {
        backgrounder::model::inline::plain_text(&format!(
            "{}. {}",
            s.title,
            s.url.clone().unwrap_or_default()
        ))
    })
}

fn export_with(name: &str) -> String {
    let exporter: &dyn Exporter = export::exporter(name).unwrap();
    String::from_utf8(
        exporter
            .export(&resolved(), &ExportOptions::default())
            .unwrap(),
    )
    .unwrap()
}

fn assert_inert(format: &str, text: &str) {
    let lower = text.to_lowercase();
    assert!(
        !lower.contains("<script"),
        "{format}: a script tag survived:\n{text}"
    );
    assert!(
        !lower.contains("<img"),
        "{format}: an img tag survived:\n{text}"
    );
    assert!(
        !lower.contains("<b onclick"),
        "{format}: an event handler survived:\n{text}"
    );
    assert!(
        !lower.contains("(javascript:") && !lower.contains("href=\"javascript:"),
        "{format}: a javascript: link survived:\n{text}"
    );
    for c in text.chars() {
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "{format}: bidi control U+{:04X} survived",
            c as u32
        );
        assert!(
            !c.is_control() || matches!(c, '\n' | '\t' | '\r'),
            "{format}: control character U+{:04X} survived",
            c as u32
        );
    }
}

#[test]
fn markdown_export_is_inert() {
    let md = export_with("md");
    // What a reader's Markdown renderer makes of it: escaped text, no markup.
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(
        &mut rendered,
        pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::all()),
    );
    assert_inert("md rendered", &rendered);
    for c in md.chars() {
        assert!(
            !backgrounder::export::resolve::is_unsafe_char(c),
            "md: U+{:04X} survived",
            c as u32
        );
    }
    // Parsed back, the Markdown carries no raw HTML at all.
    let html_events = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::all())
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
            )
        })
        .count();
    assert_eq!(html_events, 0, "{md}");
    // The words themselves are kept, as text.
    assert!(md.contains("founded"), "{md}");
}

#[test]
fn json_exports_and_their_html_renderings_are_inert() {
    let json = export_with("json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut htmls = Vec::new();
    collect(&value, "html", &mut htmls);
    assert!(
        !htmls.is_empty(),
        "the JSON export carries HTML renderings of claims"
    );
    for html in &htmls {
        assert_inert("json html", html);
    }
    for text in [json, export_with("jsonld")] {
        for c in text.chars() {
            assert!(
                !backgrounder::export::resolve::is_unsafe_char(c),
                "U+{:04X} survived",
                c as u32
            );
        }
        assert!(
            !text.contains("\\u0007"),
            "an escaped control character survived"
        );
    }
}

fn collect(value: &serde_json::Value, key: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == key
                    && let Some(s) = v.as_str()
                {
                    out.push(s.to_owned());
                }
                collect(v, key, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, key, out)),
        _ => {}
    }
}
