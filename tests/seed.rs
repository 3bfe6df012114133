//! The MEK document holds every sentence of the article it was transcribed
//! from (`../shared/seed/mek-backgrounder-2014.txt`), word for word and in
//! order, quotations in running prose included.

use std::path::{Path, PathBuf};

use backgrounder::check::check_file;
use backgrounder::export::{Resolved, resolve};
use backgrounder::load::Limits;
use backgrounder::model::inline;
use backgrounder::rules::ContentSet;

#[path = "common/seed_text.rs"]
mod seed_text;
use seed_text::{normalise, seed_paragraphs, sentences};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mek() -> Resolved {
    let path = root().join("content/mujahadeen-e-khalq.yaml");
    let checked = check_file(&path, &ContentSet::default(), Limits::default());
    let doc = checked.document.unwrap();
    resolve(&doc, &|s| inline::plain_text(&s.title))
}

#[test]
fn the_mek_document_holds_every_sentence_of_the_seed_in_order() {
    let seed_path: &Path = &root().join("../shared/seed/mek-backgrounder-2014.txt");
    let Ok(seed) = std::fs::read_to_string(seed_path) else {
        eprintln!("skipped: {} is not there", seed_path.display());
        return;
    };
    let sentences: Vec<String> = seed_paragraphs(&seed)
        .iter()
        .flat_map(|p| sentences(p))
        .collect();
    assert_eq!(sentences.len(), 71, "{sentences:#?}");
    let doc = mek();
    let body: String = doc
        .claims()
        .map(|c| normalise(&inline::plain(&c.inline)))
        .collect::<Vec<_>>()
        .join(" ");
    let mut from = 0;
    let mut missing = Vec::new();
    for sentence in &sentences {
        let want = normalise(sentence);
        match body[from..].find(&want) {
            Some(at) => from += at + want.len(),
            None => missing.push(want),
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} seed sentences not found in order:\n{missing:#?}",
        missing.len(),
        sentences.len()
    );
}

#[test]
fn quotations_in_prose_stay_in_their_paragraph_with_their_speaker() {
    let doc = mek();
    let rubin = doc
        .claims()
        .find(|c| c.text.contains("the only army in the world"))
        .unwrap();
    assert!(rubin.text.starts_with("It is also \"the only army"));
    assert_eq!(
        rubin
            .speaker
            .as_ref()
            .map(|p| p.name.to_string())
            .as_deref(),
        Some("Elizabeth Rubin")
    );
    let md = String::from_utf8(
        backgrounder::export::markdown::Markdown
            .export(&doc, &Default::default())
            .unwrap(),
    )
    .unwrap();
    // Running prose, not a block quote.
    let line = md
        .lines()
        .find(|l| l.contains("the only army in the world"))
        .unwrap();
    assert!(line.starts_with("The MEK has long been led"), "{line}");
}

use backgrounder::export::Exporter as _;
