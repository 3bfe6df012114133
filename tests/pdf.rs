//! The PDF export checked through its text: a small fixture and the MEK
//! document are exported, their text is extracted with `pdf-extract`, and
//! the bytes are compared across runs.

mod common;
use common::extract_text;

use std::path::{Path, PathBuf};

use backgrounder::check::check_file;
use backgrounder::export::pdf::Pdf;
use backgrounder::export::{ExportOptions, Exporter, Paper, PdfStandard, Resolved, resolve};
use backgrounder::load::Limits;
use backgrounder::rules::ContentSet;

const FIXTURE: &str = r#"id: fixture-group
kind: backgrounder
title: "The Café Núñez Group: A Fixture"
short_title: Café Núñez
authors:
  - name: José Martínez
    role: Senior Fellow
updated: 2014-07-28
topics: [Testing]
summary: >-
  A short document that exercises the PDF export: “curly quotes,” em
  dashes—like this one—and accented names such as Zoë Ångström.
sections:
  - id: origins
    heading: Origins of the Group
    body:
      - paragraph:
          - text: >-
              The group was founded in 1965 by *students* who opposed the
              monarchy—so the record says.
            cite: [first]
          - text: >-
              Its founders were imprisoned in the 1970s, and several were
              executed, according to [the State Department](https://www.state.gov/).
            cite: [first, second]
      - quote:
          text: The group rebuilt itself after the revolution.
          speaker: analyst
          context: in an interview
          cite: [second]
  - id: exile
    heading: Exile and Return
    body:
      - paragraph:
          - text: >-
              Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosis
              is a very long word that no line can hold.
            cite: [long-url]
          - text: Afterwards the group moved its base to Iraq.
            cite: [first]
people:
  - id: analyst
    name: Renée Dupont
    affiliation: Example Institute
sources:
  - id: first
    type: report
    title: Country Reports on Terrorism
    publisher: U.S. Department of State
    url: https://www.state.gov/reports/country-reports-on-terrorism-2010/
  - id: second
    type: article
    title: The Group in Exile
    publisher: Example News
    url: https://news.example.org/2011/exile
  - id: long-url
    type: webpage
    title: A Page With a Very Long Address
    url: https://archive.example.org/web/20140728000000/https://www.example.com/a/very/long/path/that/keeps/going/and/going/with-many-hyphenated-segments/and_underscored_ones/index.html?query=string&another=parameter&yet=another#fragment
"#;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The document in `path`, resolved with a plain reference format. Rule
/// findings do not matter here, only that the document loads.
fn load(path: &Path) -> Resolved {
    let checked = check_file(path, &ContentSet::default(), Limits::default());
    let doc = checked
        .document
        .unwrap_or_else(|| panic!("{} did not load: {:?}", path.display(), checked.diagnostics));
    resolve(&doc, &|s| {
        let mut parts = vec![s.title.clone()];
        parts.extend(s.publisher.clone());
        parts.extend(s.url.clone());
        backgrounder::model::inline::plain_text(&format!("{}.", parts.join(". ")))
    })
}

fn fixture() -> Resolved {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture-group.yaml");
    std::fs::write(&path, FIXTURE).unwrap();
    load(&path)
}

fn export(doc: &Resolved, paper: Paper) -> Vec<u8> {
    Pdf.export(
        doc,
        &ExportOptions {
            paper,
            ..ExportOptions::default()
        },
    )
    .unwrap()
}

fn text_of(pdf: &[u8]) -> String {
    extract_text(pdf)
}

/// The text without running headers and footers, which interrupt text
/// that runs across a page break.
fn body_of(text: &str, short_title: &str) -> String {
    let header = format!("{short_title} Backgrounder");
    text.lines()
        .filter(|l| {
            let l = l.trim();
            let footer = l.starts_with("Page ") && l.contains(" of ");
            !footer && l != header
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text without whitespace, hyphens and typographic quotes, so that line
/// breaks, hyphenation and smart punctuation do not matter.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .map(|c| match c {
            '“' | '”' => "\"".to_owned(),
            '‘' | '’' => "'".to_owned(),
            '…' => "...".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// Asserts that each of `needles` occurs in `text`, in this order.
fn in_order(text: &str, needles: &[&str]) {
    let hay = squash(text);
    let mut from = 0;
    for needle in needles {
        let needle = squash(needle);
        match hay[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("`{needle}` not found in order in:\n{text}"),
        }
    }
}

#[test]
fn fixture_text_reads_in_order() {
    let doc = fixture();
    let pdf = export(&doc, Paper::Letter);
    assert!(pdf.starts_with(b"%PDF-"));
    let text = text_of(&pdf);
    in_order(
        &text,
        &[
            "BACKGROUNDER",
            "The Café Núñez Group: A Fixture",
            "José Martínez, Senior Fellow",
            "Updated July 28, 2014",
            "“curly quotes,” em dashes—like this one—and accented names such as Zoë Ångström",
            "Origins of the Group",
            "The group was founded in 1965 by students who opposed the monarchy—so the record says.[1]",
            "according to the State Department.[1, 2]",
            "The group rebuilt itself after the revolution.",
            "Renée Dupont, Example Institute, in an interview",
            "Exile and Return",
            "is a very long word that no line can hold.[3]",
            "Afterwards the group moved its base to Iraq.",
            "Sources",
            "Country Reports on Terrorism",
            "https://www.state.gov/reports/country-reports-on-terrorism-2010/",
            "https://archive.example.org/web/20140728000000/",
        ],
    );
    assert!(text.contains("Page 1 of"), "{text}");
}

/// The document information dictionary.
fn info_of(doc: &pdf_extract::Document) -> &pdf_extract::Dictionary {
    doc.trailer
        .get(b"Info")
        .and_then(pdf_extract::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .unwrap()
}

#[test]
fn fixture_has_metadata_links_and_no_clock() {
    let pdf = export(&fixture(), Paper::Letter);
    let doc = pdf_extract::Document::load_mem(&pdf).unwrap();
    let info = info_of(&doc);
    let text = |key: &[u8]| {
        let bytes = info.get(key).unwrap().as_str().unwrap().to_vec();
        if bytes.starts_with(&[0xfe, 0xff]) {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        } else {
            String::from_utf8(bytes).unwrap()
        }
    };
    assert_eq!(text(b"Title"), "The Café Núñez Group: A Fixture");
    assert_eq!(text(b"Author"), "José Martínez");
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        assert_eq!(text(b"CreationDate"), "D:20140728000000Z");
    }
    let uris: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"A").and_then(pdf_extract::Object::as_dict).ok())
        .filter_map(|d| d.get(b"URI").ok())
        .filter_map(|u| u.as_str().ok())
        .map(|u| String::from_utf8_lossy(u).into_owned())
        .collect();
    assert!(
        uris.iter()
            .any(|u| u == "https://news.example.org/2011/exile"),
        "{uris:?}"
    );
    assert!(
        uris.iter().any(|u| u == "https://www.state.gov/"),
        "{uris:?}"
    );
    // An outline entry per heading, in order.
    let catalog = doc
        .trailer
        .get(b"Root")
        .and_then(pdf_extract::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .unwrap();
    let outlines = catalog
        .get(b"Outlines")
        .and_then(pdf_extract::Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .unwrap();
    assert_eq!(outlines.get(b"Count").unwrap().as_i64().unwrap(), 3);
    let mut titles = Vec::new();
    let mut next = outlines
        .get(b"First")
        .and_then(pdf_extract::Object::as_reference)
        .ok();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        titles.push(
            String::from_utf8_lossy(item.get(b"Title").unwrap().as_str().unwrap()).into_owned(),
        );
        next = item
            .get(b"Next")
            .and_then(pdf_extract::Object::as_reference)
            .ok();
    }
    assert_eq!(
        titles,
        ["Origins of the Group", "Exile and Return", "Sources"]
    );
    // Letter by default: 612 x 792 points.
    let page = doc.get_pages().into_values().next().unwrap();
    let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
    let size: Vec<f32> = media
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            o.as_float()
                .or_else(|_| o.as_i64().map(|i| i as f32))
                .unwrap()
        })
        .collect();
    assert!(
        (size[2] - 612.0).abs() < 1.0 && (size[3] - 792.0).abs() < 1.0,
        "{size:?}"
    );
}

#[test]
fn a4_is_a4() {
    let pdf = export(&fixture(), Paper::A4);
    let doc = pdf_extract::Document::load_mem(&pdf).unwrap();
    let page = doc.get_pages().into_values().next().unwrap();
    let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap();
    let size: Vec<f32> = media
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            o.as_float()
                .or_else(|_| o.as_i64().map(|i| i as f32))
                .unwrap()
        })
        .collect();
    assert!(
        (size[2] - 595.3).abs() < 1.0 && (size[3] - 841.9).abs() < 1.0,
        "{size:?}"
    );
}

#[test]
fn same_input_same_bytes() {
    let doc = fixture();
    let first = export(&doc, Paper::Letter);
    let second = export(&doc, Paper::Letter);
    assert!(first == second, "two exports of the same document differ");
    assert!(first != export(&doc, Paper::A4));
}

#[test]
fn mek_document_exports_small_and_complete() {
    let doc = load(&root().join("content/mujahadeen-e-khalq.yaml"));
    let pdf = export(&doc, Paper::Letter);
    assert!(pdf.len() < 500 * 1024, "{} bytes", pdf.len());
    assert!(pdf == export(&doc, Paper::Letter), "two exports differ");
    let text = text_of(&pdf);
    let pages = pdf_extract::Document::load_mem(&pdf)
        .unwrap()
        .get_pages()
        .len();
    assert!(pages >= 2);
    for n in 1..=pages {
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "no footer {n} of {pages}"
        );
    }
    let text = body_of(&text, &doc.short_title);
    let mut needles: Vec<&str> = vec![doc.title.as_str()];
    needles.extend(doc.sections.iter().map(|s| s.heading.as_str()));
    in_order(&text, &needles);
    let claims: Vec<&str> = doc.claims().map(|c| c.text.as_str()).collect();
    let plain: Vec<String> = claims.iter().map(|c| strip_markdown(c)).collect();
    in_order(&text, &plain.iter().map(String::as_str).collect::<Vec<_>>());
    if let Some(url) = doc.sources.iter().find_map(|s| s.source.url.as_deref()) {
        in_order(&text, &["Sources", url]);
    }
}

/// Claim text as the PDF shows it: emphasis markers dropped, links as text.
fn strip_markdown(text: &str) -> String {
    let mut out = String::new();
    for event in pulldown_cmark::Parser::new(text) {
        if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = event {
            out.push_str(&t);
        }
    }
    out
}

#[test]
#[ignore = "writes /tmp/pdf-debug-*.pdf for a look"]
fn write_for_inspection() {
    let doc = load(&root().join("content/mujahadeen-e-khalq.yaml"));
    for i in 0..2 {
        std::fs::write(
            format!("/tmp/pdf-debug-{i}.pdf"),
            export(&doc, Paper::Letter),
        )
        .unwrap();
    }
    std::fs::write(
        "/tmp/pdf-debug-fixture.pdf",
        export(&fixture(), Paper::Letter),
    )
    .unwrap();
}

/// A document no editor would write: giant words and URLs, empty fields,
/// scripts the font lacks, control characters and odd Markdown. It must
/// export without panicking and within seconds.
#[test]
fn hostile_input_still_renders() {
    use backgrounder::export::resolve::{Citation, ResolvedSection};
    use backgrounder::export::{ResolvedBlock, ResolvedClaim, ResolvedQuote, ResolvedSource};
    use backgrounder::model::{Author, Person, Source};

    let giant = "Supercalifragilistic".repeat(80);
    let url = format!("https://example.org/{}", "segment-with_parts/".repeat(60));
    let claim = |text: &str, cites: &[usize]| ResolvedClaim {
        text: text.to_owned(),
        inline: backgrounder::model::inline::parse(text),
        date: None,
        interval: None,
        analysis: cites.is_empty(),
        speaker: None,
        citations: cites
            .iter()
            .map(|&number| Citation {
                number,
                locator: (number == 2).then(|| "p. 4".repeat(30)),
            })
            .collect(),
    };
    let texts = [
        giant.clone(),
        format!("<{url}> and [a link]({url}) and `code` and <b>html</b>"),
        "- a list\n- of items\n\n1. numbered\n2. too\n\n# heading\n\n> quoted".to_owned(),
        "Emoji 😀, CJK 漢字, Arabic العربية, controls \u{7}\u{1b}, soft\u{ad}hyphen, zero\u{200b}width".to_owned(),
        String::new(),
        "   ".to_owned(),
        "*unclosed emphasis and **strong".to_owned(),
        "word ".repeat(800),
    ];
    let mut sections: Vec<ResolvedSection> = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        sections.push(ResolvedSection {
            id: format!("s{i}"),
            heading: if i == 4 {
                String::new()
            } else {
                format!("Heading {i} {}", "x".repeat(i * 40))
            },
            blocks: vec![
                ResolvedBlock::Paragraph(vec![claim(text, &[1, 2]), claim(text, &[])]),
                ResolvedBlock::Quote(ResolvedQuote {
                    text: text.clone(),
                    inline: backgrounder::model::inline::parse(text),
                    speaker: Person {
                        id: "p".into(),
                        name: backgrounder::model::Name::Written(giant.clone()),
                        affiliation: Some(String::new()),
                        url: Some("javascript:alert(1)".into()),
                    },
                    context: Some(url.clone()),
                    date: None,
                    citations: vec![],
                }),
                ResolvedBlock::Paragraph(vec![]),
            ],
        });
    }
    let sources = (1..=6)
        .map(|number| ResolvedSource {
            number,
            source: Source {
                id: format!("s{number}"),
                kind: "webpage".into(),
                title: giant.clone(),
                publisher: None,
                authors: vec![],
                url: Some(url.clone()),
                published: None,
                accessed: None,
                archive: Some(String::new()),
                allow: vec![],
            },
            reference: if number % 2 == 0 {
                String::new()
            } else {
                format!("{giant} {url}")
            },
            formatted: if number % 2 == 0 {
                Vec::new()
            } else {
                backgrounder::model::inline::plain_text(&format!("{giant} {url}"))
            },
        })
        .collect();
    let doc = Resolved {
        id: "hostile".into(),
        title: giant.clone(),
        short_title: giant.clone(),
        lang: Some("not a tag!".into()),
        authors: vec![Author {
            name: "Ærøskøbing Œuvre “Quoted” — Name".into(),
            role: None,
            url: None,
        }],
        published: None,
        updated: "not a date".into(),
        topics: vec![],
        summary: texts[3].clone(),
        sections,
        sources,
        resources: vec![],
        related: vec![],
    };
    // Rendering must finish and give a document; how fast is the benchmarks' business.
    let pdf = export(&doc, Paper::Letter);
    assert!(text_of(&pdf).contains("Page 1 of"));
    assert!(export(&doc, Paper::A4).starts_with(b"%PDF-"));

    let empty = Resolved {
        title: String::new(),
        short_title: String::new(),
        authors: vec![],
        summary: String::new(),
        sections: vec![],
        sources: vec![],
        updated: String::new(),
        ..doc
    };
    assert!(text_of(&export(&empty, Paper::Letter)).contains("Page 1 of 1"));
}

#[test]
#[ignore = "prints size, pages and time per export; run with --release"]
fn mek_timing() {
    let doc = load(&root().join("content/mujahadeen-e-khalq.yaml"));
    let started = std::time::Instant::now();
    let runs = 5;
    let mut pdf = Vec::new();
    for _ in 0..runs {
        pdf = export(&doc, Paper::Letter);
    }
    let each = started.elapsed() / runs;
    let pages = pdf_extract::Document::load_mem(&pdf)
        .unwrap()
        .get_pages()
        .len();
    println!(
        "MEK: {} bytes, {pages} pages, {each:?} per export",
        pdf.len()
    );
}

fn options(standard: PdfStandard) -> ExportOptions {
    ExportOptions {
        pdf_standard: standard,
        ..ExportOptions::default()
    }
}

/// A PDF text string (PDFDocEncoding taken as Latin-1, or UTF-16).
fn text_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// The structure tree in reading order: each element's role and, for
/// headings, its title.
fn structure(doc: &pdf_extract::Document) -> Vec<(String, Option<String>)> {
    fn walk(
        doc: &pdf_extract::Document,
        object: &pdf_extract::Object,
        out: &mut Vec<(String, Option<String>)>,
    ) {
        let object = match object.as_reference() {
            Ok(id) => doc.get_object(id).unwrap(),
            Err(_) => object,
        };
        match object {
            pdf_extract::Object::Array(items) => {
                for item in items {
                    walk(doc, item, out);
                }
            }
            pdf_extract::Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
                    let title = d
                        .get(b"T")
                        .ok()
                        .and_then(|t| t.as_str().ok())
                        .map(text_string);
                    out.push((String::from_utf8_lossy(s).into_owned(), title));
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, out);
                }
            }
            _ => {}
        }
    }
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let mut out = Vec::new();
    walk(doc, root, &mut out);
    out
}

#[test]
fn tagged_in_reading_order_with_language_and_links() {
    let resolved = fixture();
    let pdf = export(&resolved, Paper::Letter);
    assert!(pdf.starts_with(b"%PDF-1.7"), "{:?}", &pdf[..8]);
    let doc = pdf_extract::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert_eq!(
        mark_info.get(b"Marked").unwrap(),
        &pdf_extract::Object::Boolean(true)
    );
    assert_eq!(
        text_string(catalog.get(b"Lang").unwrap().as_str().unwrap()),
        "en"
    );
    let prefs = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert_eq!(
        prefs.get(b"DisplayDocTitle").unwrap(),
        &pdf_extract::Object::Boolean(true)
    );

    let tags = structure(&doc);
    let roles: Vec<&str> = tags.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(roles[0], "Document", "{roles:?}");
    for role in [
        "H1",
        "H2",
        "P",
        "BlockQuote",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Link",
        "Reference",
    ] {
        assert!(roles.contains(&role), "no {role} in {roles:?}");
    }
    let first = |role: &str| roles.iter().position(|r| *r == role).unwrap();
    assert!(first("H1") < first("H2") && first("H2") < first("BlockQuote"));
    assert!(first("BlockQuote") < first("L"));
    let headings: Vec<&str> = tags
        .iter()
        .filter(|(s, _)| s == "H2")
        .map(|(_, t)| t.as_deref().unwrap())
        .collect();
    assert_eq!(
        headings,
        ["Origins of the Group", "Exile and Return", "Sources"]
    );
    // Every source has a list item; every citation a Reference with a Link.
    assert_eq!(roles.iter().filter(|r| **r == "LI").count(), 3);
    assert_eq!(roles.iter().filter(|r| **r == "Reference").count(), 5);

    // Link annotations: every source URL, and every citation number
    // leading into the document.
    let mut uris = Vec::new();
    let mut internal = 0;
    for page in doc.get_pages().into_values() {
        for annot in doc.get_page_annotations(page).unwrap() {
            if let Ok(action) = annot.get(b"A").and_then(|a| a.as_dict()) {
                uris.push(
                    String::from_utf8_lossy(action.get(b"URI").unwrap().as_str().unwrap())
                        .into_owned(),
                );
            } else if annot.get(b"Dest").is_ok() {
                internal += 1;
            }
            assert!(
                annot.get(b"Contents").is_ok(),
                "an annotation with no description"
            );
        }
    }
    for source in &resolved.sources {
        let url = source.source.url.as_deref().unwrap();
        assert!(uris.iter().any(|u| u == url), "{url} not linked: {uris:?}");
    }
    let citations: usize = resolved.claims().map(|c| c.citations.len()).sum::<usize>()
        + resolved
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .map(|b| match b {
                backgrounder::export::ResolvedBlock::Quote(q) => q.citations.len(),
                _ => 0,
            })
            .sum::<usize>();
    assert_eq!(internal, citations);
}

#[test]
fn info_and_xmp_agree() {
    let pdf = export(&fixture(), Paper::Letter);
    let doc = pdf_extract::Document::load_mem(&pdf).unwrap();
    let info = info_of(&doc);
    let get = |key: &[u8]| text_string(info.get(key).unwrap().as_str().unwrap());
    let metadata = doc
        .catalog()
        .unwrap()
        .get(b"Metadata")
        .and_then(pdf_extract::Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(pdf_extract::Object::as_stream)
        .unwrap();
    let xmp = String::from_utf8(metadata.content.clone()).unwrap();
    let summary = "A short document that exercises the PDF export: “curly quotes,” em dashes—like this one—and accented names such as Zoë Ångström.";
    assert_eq!(get(b"Title"), "The Café Núñez Group: A Fixture");
    assert_eq!(get(b"Author"), "José Martínez");
    assert_eq!(get(b"Subject"), summary);
    assert_eq!(get(b"Keywords"), "Testing");
    assert_eq!(get(b"Creator"), "backgrounder");
    for value in [
        "The Café Núñez Group: A Fixture",
        "José Martínez",
        "Testing",
        "backgrounder",
        "<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>",
    ] {
        assert!(xmp.contains(value), "{value} not in the XMP:\n{xmp}");
    }
    assert!(xmp.contains("Zoë Ångström"), "{xmp}");
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        assert_eq!(get(b"CreationDate"), "D:20140728000000Z");
        assert!(xmp.contains("<xmp:CreateDate>2014-07-28T00:00:00"), "{xmp}");
    }
    assert!(!String::from_utf8_lossy(&pdf).contains("Illustrator"));
    assert!(xmp.contains("pdfuaid:part"), "{xmp}");
}

#[test]
fn every_standard_is_written_and_checked() {
    let doc = fixture();
    for (name, standard) in PdfStandard::ALL {
        let pdf = Pdf.export(&doc, &options(standard)).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7"), "{name}");
        let text = String::from_utf8_lossy(&pdf).into_owned();
        assert_eq!(
            text.contains("pdfaid:part"),
            name.starts_with('a'),
            "{name}"
        );
        assert_eq!(
            text.contains("pdfuaid:part"),
            name.contains("ua1"),
            "{name}"
        );
        assert!(
            pdf == Pdf.export(&doc, &options(standard)).unwrap(),
            "{name}"
        );
    }
    // A language given in the document is declared.
    let mut french = doc.clone();
    french.lang = Some("fr-CA".into());
    let pdf = export(&french, Paper::Letter);
    let parsed = pdf_extract::Document::load_mem(&pdf).unwrap();
    assert_eq!(
        text_string(
            parsed
                .catalog()
                .unwrap()
                .get(b"Lang")
                .unwrap()
                .as_str()
                .unwrap()
        ),
        "fr-CA"
    );
}

#[test]
fn line_end_hyphens_leave_words_whole() {
    let doc = load(&root().join("content/mujahadeen-e-khalq.yaml"));
    let pdf = export(&doc, Paper::Letter);
    let text = body_of(&text_of(&pdf), &doc.short_title);
    // The layout did hyphenate, and marked each added hyphen as soft.
    assert!(text.contains("\u{ad}\n"), "no hyphenated line");
    let joined: String = text
        .replace("\u{ad}\n", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let quotes = ['"', '\'', '“', '”', '‘', '’'];
    let shown: String = joined.chars().filter(|c| !quotes.contains(c)).collect();
    for claim in doc.claims() {
        // The claim as the inline model reads it (typographic quotes, which
        // are left out on both sides).
        let plain: String = backgrounder::model::inline::plain(&claim.inline)
            .chars()
            .filter(|c| !c.is_whitespace() && !quotes.contains(c))
            .collect();
        assert!(shown.contains(&plain), "{plain} not whole in the text");
    }
}

#[test]
#[ignore = "writes /tmp/pdf-standard-*.pdf for a look"]
fn write_standards_for_inspection() {
    let doc = load(&root().join("content/mujahadeen-e-khalq.yaml"));
    for (name, standard) in PdfStandard::ALL {
        std::fs::write(
            format!("/tmp/pdf-standard-{name}.pdf"),
            Pdf.export(&doc, &options(standard)).unwrap(),
        )
        .unwrap();
    }
}
