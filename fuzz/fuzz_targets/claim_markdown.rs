//! Arbitrary claim text (inline Markdown) through the rules that parse it
//! and through every exporter, the PDF included.
#![no_main]

use backgrounder::export::{self, ExportOptions};
use backgrounder::model::{Author, Block, Cite, Claim, Document, Section, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = Document {
        id: "fuzz".into(),
        kind: "backgrounder".into(),
        title: "Fuzz".into(),
        short_title: None,
        lang: None,
        authors: vec![Author { name: "A".into(), role: None, url: None }],
        published: None,
        updated: "2014-07-28".into(),
        topics: vec![],
        summary: text.into(),
        sections: vec![Section {
            id: "intro".into(),
            heading: text.chars().take(80).collect(),
            body: vec![Block::Paragraph(vec![Claim {
                text: text.into(),
                cite: vec![Cite::Id("s".into())],
                date: None,
                analysis: false,
                speaker: None,
                allow: vec![],
            }])],
        }],
        people: vec![],
        sources: vec![Source {
            id: "s".into(),
            kind: "report".into(),
            title: text.into(),
            publisher: None,
            authors: vec![],
            url: Some(text.into()),
            published: None,
            accessed: None,
            archive: None,
            allow: vec![],
        }],
        resources: vec![],
        related: vec![],
    };
    let _ = backgrounder::model::links::links(text);
    let resolved = export::resolve(&doc, &|s| backgrounder::model::inline::plain_text(&s.title));
    for exporter in export::EXPORTERS {
        let _ = exporter.export(&resolved, &ExportOptions::default());
    }
});
