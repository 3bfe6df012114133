//! Properties over generated documents: the Markdown export parses back to
//! the same claims and citation numbers, the JSON export carries the
//! resolved document, and checking does not depend on the order of files.

use backgrounder::export::{self, ExportOptions, Exporter, Resolved, ResolvedBlock};
use backgrounder::model::{Author, Block, Cite, Claim, Document, Section, Source};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn word() -> impl Strategy<Value = String> {
    "[a-z]{1,8}"
}

/// Claim text: plain words, sometimes one in emphasis or strong.
fn claim_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(word(), 1..8),
        0..3usize,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut words, style, at)| {
            let i = at.index(words.len());
            match style {
                1 => words[i] = format!("*{}*", words[i]),
                2 => words[i] = format!("**{}**", words[i]),
                _ => {}
            }
            let mut text = words.join(" ");
            text.push('.');
            // Capitalise so the claim reads like a sentence.
            text[..1].to_ascii_uppercase() + &text[1..]
        })
}

fn document() -> impl Strategy<Value = Document> {
    (1..6usize).prop_flat_map(|sources| {
        let claim = (
            claim_text(),
            prop::collection::btree_set(0..sources, 1..=sources.min(3)),
        );
        let paragraph = prop::collection::vec(claim, 1..5);
        let section = prop::collection::vec(paragraph, 1..3);
        prop::collection::vec(section, 1..4).prop_map(move |sections| Document {
            id: "generated".into(),
            kind: "backgrounder".into(),
            title: "Generated".into(),
            short_title: None,
            lang: None,
            authors: vec![Author {
                name: "Ada Editor".into(),
                role: None,
                url: None,
            }],
            published: None,
            updated: "2014-07-28".into(),
            topics: vec![],
            summary: "A generated document.".into(),
            sections: sections
                .into_iter()
                .enumerate()
                .map(|(s, paragraphs)| Section {
                    id: format!("section-{s}"),
                    heading: format!("Section {s}"),
                    body: paragraphs
                        .into_iter()
                        .map(|claims| {
                            Block::Paragraph(
                                claims
                                    .into_iter()
                                    .map(|(text, cites)| Claim {
                                        text,
                                        cite: cites
                                            .into_iter()
                                            .map(|i| Cite::Id(format!("s{i}")))
                                            .collect(),
                                        date: None,
                                        analysis: false,
                                        speaker: None,
                                        allow: vec![],
                                    })
                                    .collect(),
                            )
                        })
                        .collect(),
                })
                .collect(),
            people: vec![],
            sources: (0..sources)
                .map(|i| Source {
                    id: format!("s{i}"),
                    kind: "report".into(),
                    title: format!("Report {i}"),
                    publisher: Some("A Publisher".into()),
                    authors: vec![],
                    url: Some(format!("https://www.publisher.org/reports/{i}")),
                    published: Some("2013".into()),
                    accessed: None,
                    archive: None,
                    allow: vec![],
                })
                .collect(),
            resources: vec![],
            related: vec![],
        })
    })
}

fn resolved(doc: &Document) -> Resolved {
    export::resolve(doc, &|s| {
        backgrounder::model::inline::plain_text(&format!(
            "{}, {}.",
            s.title,
            s.publisher.clone().unwrap_or_default()
        ))
    })
}

/// (plain text, citation numbers) of every claim, in reading order.
fn expected(doc: &Resolved) -> Vec<(String, Vec<usize>)> {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|b| match b {
            ResolvedBlock::Paragraph(claims) => claims.clone(),
            ResolvedBlock::Quote(_) => vec![],
        })
        .map(|c| {
            let plain = c.text.replace('*', "");
            (plain, c.citations.iter().map(|x| x.number).collect())
        })
        .collect()
}

/// Reads the claims back out of the exported Markdown: the text of the
/// section paragraphs, split at footnote markers.
fn read_back(md: &str) -> Vec<(String, Vec<usize>)> {
    let mut claims: Vec<(String, Vec<usize>)> = Vec::new();
    let mut in_section = false;
    let mut in_paragraph = false;
    let mut text = String::new();
    for event in Parser::new_ext(
        md,
        Options::ENABLE_FOOTNOTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
    ) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_section = level == pulldown_cmark::HeadingLevel::H2
            }
            Event::Start(Tag::FootnoteDefinition(_)) => in_section = false,
            Event::Start(Tag::Paragraph) => {
                in_paragraph = true;
                text.clear();
            }
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Text(t) if in_section && in_paragraph => text.push_str(&t),
            Event::SoftBreak if in_section && in_paragraph => text.push(' '),
            Event::FootnoteReference(label) if in_section && in_paragraph => {
                let number: usize = label.parse().unwrap();
                if text.trim().is_empty() {
                    claims.last_mut().unwrap().1.push(number);
                } else {
                    claims.push((text.trim().to_owned(), vec![number]));
                }
                text.clear();
            }
            _ => {}
        }
    }
    claims
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn markdown_parses_back_to_the_same_claims_and_citations(doc in document()) {
        let resolved = resolved(&doc);
        let md = String::from_utf8(export::markdown::Markdown.export(&resolved, &ExportOptions::default()).unwrap()).unwrap();
        prop_assert_eq!(read_back(&md), expected(&resolved));
    }

    #[test]
    fn json_export_carries_the_resolved_document(doc in document()) {
        let resolved = resolved(&doc);
        let json: serde_json::Value = serde_json::from_slice(&export::json::Json.export(&resolved, &ExportOptions::default()).unwrap()).unwrap();
        let mut claims = Vec::new();
        for section in json["sections"].as_array().unwrap() {
            for block in section["blocks"].as_array().unwrap() {
                for claim in block["claims"].as_array().into_iter().flatten() {
                    let text = claim["plain"].as_str().unwrap().to_owned();
                    let cites: Vec<usize> = claim["citations"].as_array().unwrap().iter().map(|c| c["source"].as_u64().unwrap() as usize).collect();
                    claims.push((text, cites));
                }
            }
        }
        prop_assert_eq!(claims, expected(&resolved));
        let sources: Vec<(usize, String, String)> = json["sources"].as_array().unwrap().iter()
            .map(|s| (s["number"].as_u64().unwrap() as usize, s["id"].as_str().unwrap().to_owned(), s["reference"].as_str().unwrap().to_owned()))
            .collect();
        let want: Vec<(usize, String, String)> = resolved.sources.iter().map(|s| (s.number, s.source.id.clone(), s.reference.clone())).collect();
        prop_assert_eq!(sources, want);
    }

    #[test]
    fn checking_does_not_depend_on_the_order_of_files(order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle()) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
        let mut files: Vec<std::path::PathBuf> = ["cite/missing", "date/future", "link/anchor", "schema/type", "yaml/syntax", "allow/unused"]
            .iter()
            .flat_map(|d| [root.join(d).join("triggers.yaml"), root.join(d).join("passes.yaml")])
            .collect();
        let baseline = {
            let plan = backgrounder::check::plan(&files).unwrap();
            backgrounder::check::run(&plan, Default::default()).diagnostics()
        };
        files = order.iter().map(|&i| files[i].clone()).collect();
        let plan = backgrounder::check::plan(&files).unwrap();
        let shuffled = backgrounder::check::run(&plan, Default::default()).diagnostics();
        prop_assert!(!baseline.is_empty());
        prop_assert_eq!(shuffled, baseline);
    }
}
