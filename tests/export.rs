//! The Markdown, JSON and JSON-LD exports checked through their real
//! output: the Markdown is parsed back with pulldown-cmark, the JSON is
//! validated against `schemas/export.schema.json`, the JSON-LD is read as
//! a schema.org `Article`. Run on the MEK document and on a fixture whose
//! content is full of Markdown and HTML syntax.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use backgrounder::check::check_file;
use backgrounder::export::build::resolve_all;
use backgrounder::export::inline;
use backgrounder::export::json::Json;
use backgrounder::export::jsonld::JsonLd;
use backgrounder::export::markdown::Markdown;
use backgrounder::export::{ExportOptions, Exporter, Resolved, ResolvedBlock};
use backgrounder::load::Limits;
use backgrounder::rules::ContentSet;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path, style: &str) -> Resolved {
    let checked = check_file(path, &ContentSet::default(), Limits::default());
    let doc = checked.document.unwrap_or_else(|| {
        panic!(
            "{} does not load: {:?}",
            path.display(),
            checked.diagnostics
        )
    });
    resolve_all(&[doc], style).unwrap().remove(0)
}

fn mek() -> Resolved {
    load(
        &root().join("content/mujahadeen-e-khalq.yaml"),
        "chicago-notes",
    )
}

fn fixture() -> Resolved {
    load(
        &root().join("tests/fixtures/export/markup-in-content.yaml"),
        "chicago-notes",
    )
}

fn export(exporter: &dyn Exporter, doc: &Resolved) -> Vec<u8> {
    exporter.export(doc, &ExportOptions::default()).unwrap()
}

fn markdown(doc: &Resolved) -> String {
    String::from_utf8(export(&Markdown, doc)).unwrap()
}

fn json(exporter: &dyn Exporter, doc: &Resolved) -> Value {
    serde_json::from_slice(&export(exporter, doc)).unwrap()
}

/// What a reader of the rendered Markdown sees, block by block.
#[derive(Default)]
struct Parsed {
    /// Text of every block, one block per line.
    text: String,
    headings: Vec<(u8, String)>,
    footnote_definitions: Vec<String>,
    footnote_references: BTreeSet<String>,
    links: Vec<String>,
    html_events: Vec<String>,
    metadata: String,
    block_quotes: usize,
}

fn parse_markdown(md: &str) -> Parsed {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut p = Parsed::default();
    let mut heading: Option<(u8, String)> = None;
    let mut in_metadata = false;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if in_metadata {
                    p.metadata.push_str(&t);
                } else {
                    p.text.push_str(&t);
                    if let Some((_, h)) = heading.as_mut() {
                        h.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => p.text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => p.html_events.push(h.to_string()),
            Event::FootnoteReference(label) => {
                p.footnote_references.insert(label.to_string());
            }
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                p.headings.extend(heading.take());
                p.text.push('\n');
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                p.footnote_definitions.push(label.to_string());
            }
            Event::Start(Tag::Link { dest_url, .. }) => p.links.push(dest_url.to_string()),
            Event::Start(Tag::BlockQuote(_)) => p.block_quotes += 1,
            Event::End(TagEnd::Paragraph | TagEnd::Item) => p.text.push('\n'),
            _ => {}
        }
    }
    p
}

fn claim_texts(doc: &Resolved) -> Vec<String> {
    doc.claims()
        .map(|c| inline::collapse(&inline::plain(&inline::parse(&c.text))))
        .collect()
}

fn check_markdown(doc: &Resolved) -> Parsed {
    let md = markdown(doc);
    let p = parse_markdown(&md);
    assert!(
        p.html_events.is_empty(),
        "raw HTML in the Markdown: {:?}",
        p.html_events
    );
    for claim in claim_texts(doc) {
        assert!(
            p.text.contains(&claim),
            "claim missing from the Markdown: {claim:?}"
        );
    }
    // One footnote definition per cited source, numbered 1..n, and every
    // marker has its definition.
    let expected: Vec<String> = (1..=doc.sources.len()).map(|n| n.to_string()).collect();
    assert_eq!(p.footnote_definitions, expected);
    let defined: BTreeSet<String> = expected.into_iter().collect();
    assert_eq!(
        p.footnote_references, defined,
        "every source is cited by a marker"
    );
    // The title, then one heading per section, then the fixed sections.
    assert_eq!(p.headings[0], (1, inline::collapse(&doc.title)));
    for section in &doc.sections {
        assert!(
            p.headings
                .contains(&(2, inline::collapse(&section.heading))),
            "missing heading {:?}",
            section.heading
        );
    }
    assert!(p.headings.contains(&(2, "Sources".into())));
    let quotes = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| matches!(b, ResolvedBlock::Quote(_)))
        .count();
    assert_eq!(p.block_quotes, quotes);
    // Quote text is inline Markdown too: what the reader sees is its plain text.
    for block in doc.sections.iter().flat_map(|s| &s.blocks) {
        if let ResolvedBlock::Quote(q) = block {
            let plain = inline::collapse(&inline::plain(&inline::parse(&q.text)));
            assert!(
                p.text.contains(&format!("“{plain}”")),
                "quote missing: {plain:?}"
            );
        }
    }
    for link in &p.links {
        // http(s), mailto, a fragment, or another backgrounder's export.
        let sibling = link
            .strip_suffix(".md")
            .is_some_and(backgrounder::model::id::valid_id);
        assert!(inline::safe_url(link) || sibling, "unsafe link {link:?}");
    }
    assert!(p.text.contains(&format!(
        "Updated {}",
        backgrounder::export::resolve::human_date(&doc.updated)
    )));
    assert!(p.text.contains(&inline::typographic(&doc.byline())));
    p
}

#[test]
fn mek_markdown_parses_with_every_claim_and_a_footnote_per_source() {
    let doc = mek();
    let p = check_markdown(&doc);
    // Its bytes are kept whole in tests/fixtures/golden/ (tests/cli_cases.rs).
    assert!(p.headings.contains(&(2, "Additional Resources".into())));
    assert!(p.headings.contains(&(2, "More on this topic".into())));
    // The same formatted reference as in the JSON.
    for s in &doc.sources {
        assert!(
            p.text.contains(&s.reference),
            "reference missing: {}",
            s.reference
        );
    }
}

#[test]
fn markup_in_content_stays_text_in_markdown() {
    let doc = fixture();
    let p = check_markdown(&doc);
    // Plain-text fields come back as written (with typographic quotes).
    assert!(p.text.contains("Ann <i>Smith</i>, Editor * at large"));
    assert!(p.text.contains("A summary with <script>alert(1)</script>, *stars*, `ticks` and a [bracket](https://example.org/x)."));
    assert!(
        p.text
            .contains("“Quoted text with <em>tags</em> and [brackets]”")
    );
    assert!(
        p.text
            .contains("O’Brien_Underscore, Institute for *Studies*, in a <i>talk</i>")
    );
    // Claim Markdown keeps its real links, drops the dangerous one, and
    // turns the in-document link into the heading's anchor.
    assert!(
        p.links
            .contains(&"https://www.state.gov/a_b?c=1&d=2".to_owned())
    );
    assert!(
        p.links
            .iter()
            .all(|l| !l.to_ascii_lowercase().contains("javascript"))
    );
    assert!(
        p.links.contains(&"#-1-heading--with-pipes".to_owned()),
        "{:?}",
        p.links
    );
    // The Markdown front matter is valid YAML double-quoted strings.
    let title_line = p
        .metadata
        .lines()
        .find(|l| l.starts_with("title: "))
        .unwrap();
    let title: String = serde_json::from_str(&title_line["title: ".len()..]).unwrap();
    // This title holds raw HTML, so it is written as escaped Markdown, which
    // a reader that takes front matter as Markdown (pandoc) reads back as
    // the title's text.
    let read: String = Parser::new(&title)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(read, doc.title);
    // A locator is shown at its claim, after the source's footnote marker.
    assert!(p.text.contains(" (p. 45)"));
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/export.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::draft202012::options().build(&schema).unwrap()
}

fn assert_valid(value: &Value) {
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn json_validates_against_the_export_schema() {
    for doc in [
        mek(),
        fixture(),
        load(
            &root().join("content/irans-revolutionary-guards.yaml"),
            "apa",
        ),
    ] {
        let value = json(&Json, &doc);
        assert_valid(&value);
        assert_eq!(value["format_version"], 1);
        assert_eq!(
            value["sources"].as_array().unwrap().len(),
            doc.sources.len()
        );
        assert_eq!(value["counts"]["sources"], doc.sources.len());
        assert_eq!(value["counts"]["claims"], doc.claims().count());
        for (s, v) in doc.sources.iter().zip(value["sources"].as_array().unwrap()) {
            assert_eq!(v["reference"], s.reference.as_str());
            assert_eq!(v["number"], s.number);
        }
    }
}

#[test]
fn json_keys_come_in_a_fixed_order() {
    let value = json(&Json, &mek());
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "format_version",
            "id",
            "title",
            "short_title",
            "authors",
            "byline",
            "published",
            "updated",
            "topics",
            "summary",
            "counts",
            "sections",
            "sources",
            "resources",
            "related"
        ]
    );
    let counts = &value["counts"];
    // 68 claims (5 of them quotations in running prose) hold the seed's 71
    // sentences; no pull quotes.
    assert_eq!(counts["claims"], 68);
    assert_eq!(counts["quotes"], 0);
    assert_eq!(
        counts["claims"].as_u64().unwrap(),
        counts["cited"].as_u64().unwrap() + counts["analysis"].as_u64().unwrap()
    );
    let first = &value["sections"][0]["blocks"][0]["claims"][1];
    assert_eq!(first["date"], "2012-09-28");
    assert_eq!(first["interval"]["start"], "2012-09-28");
    assert_eq!(first["interval"]["end"], "2012-09-28");
}

#[test]
fn json_html_is_escaped_and_links_are_neutralised() {
    let value = json(&Json, &fixture());
    let claims = &value["sections"][0]["blocks"][0]["claims"];
    let first = claims[0]["html"].as_str().unwrap();
    assert!(first.contains("<em>real emphasis</em>"), "{first}");
    assert!(
        first.contains(r#"<a href="https://www.state.gov/a_b?c=1&amp;d=2">real link</a>"#),
        "{first}"
    );
    assert!(
        first.contains(r#"&lt;span onclick=”x()”&gt;HTML&lt;/span&gt;"#),
        "{first}"
    );
    let second = claims[1]["html"].as_str().unwrap();
    assert!(!second.contains("javascript"), "{second}");
    assert!(!second.contains("<img"), "{second}");
    assert!(
        second.contains("bad link") && second.contains("alt text"),
        "{second}"
    );
    assert!(second.contains("<code>code &lt;b&gt;</code>"), "{second}");
    // Citations come in ascending source order; the located one is kept.
    let citations = claims[1]["citations"].as_array().unwrap();
    assert!(
        citations
            .windows(2)
            .all(|w| w[0]["source"].as_u64() < w[1]["source"].as_u64())
    );
    assert!(
        citations.iter().any(|c| c["locator"] == "p. 45"),
        "{citations:?}"
    );
}

#[test]
fn jsonld_is_a_schema_org_article_citing_every_source() {
    for doc in [mek(), fixture()] {
        let value = json(&JsonLd, &doc);
        assert_eq!(value["@context"], "https://schema.org");
        assert_eq!(value["@type"], "Article");
        assert_eq!(value["headline"], doc.title.as_str());
        assert_eq!(value["dateModified"], doc.updated.as_str());
        let citations = value["citation"].as_array().unwrap();
        assert_eq!(citations.len(), doc.sources.len());
        for (c, s) in citations.iter().zip(&doc.sources) {
            assert_eq!(c["@type"], "CreativeWork");
            assert_eq!(c["description"], s.reference.as_str());
        }
        assert_eq!(value["about"].as_array().unwrap().len(), doc.topics.len());
        assert_eq!(value["author"][0]["name"], doc.authors[0].name.to_string());
    }
}

#[test]
fn exports_are_deterministic() {
    for exporter in [&Markdown as &dyn Exporter, &Json, &JsonLd] {
        let a = export(exporter, &mek());
        let b = export(exporter, &mek());
        assert_eq!(a, b, "{} differs between runs", exporter.name());
    }
}

#[test]
fn references_come_from_the_chosen_style() {
    let chicago = mek();
    let apa = load(&root().join("content/mujahadeen-e-khalq.yaml"), "apa");
    let book = |d: &Resolved| {
        d.sources
            .iter()
            .find(|s| s.source.id == "abrahamian-1989")
            .map(|s| s.reference.clone())
            .unwrap()
    };
    assert_eq!(
        book(&chicago),
        "Abrahamian, Ervand. The Iranian Mojahedin. Yale University Press, 1989."
    );
    assert_eq!(
        book(&apa),
        "Abrahamian, E. (1989). The Iranian Mojahedin. Yale University Press."
    );
    assert!(resolve_all::<backgrounder::model::Document>(&[], "no-such-style").is_err());
}
