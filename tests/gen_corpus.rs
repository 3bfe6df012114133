//! The benchmark corpus generator (`examples/gen_corpus.rs`) writes
//! documents that `check` accepts without a single finding, the same bytes
//! for the same seed.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use backgrounder::check;
use backgrounder::load::Limits;

fn findings(dir: &std::path::Path) -> Vec<String> {
    let plan = check::plan(&[dir.to_path_buf()]).expect("the corpus folder is readable");
    let report = check::run(&plan, Limits::default());
    report
        .diagnostics()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.file.display(),
                d.line,
                d.column,
                d.code,
                d.message
            )
        })
        .collect()
}

#[test]
fn generated_documents_pass_check() {
    for seed in [1, 7, 2026] {
        let dir = tempfile::tempdir().unwrap();
        let paths = gen_corpus::write_corpus(dir.path(), 20, seed).unwrap();
        assert_eq!(paths.len(), 20);
        let found = findings(dir.path());
        assert!(found.is_empty(), "seed {seed}:\n{}", found.join("\n"));
    }
}

#[test]
fn a_single_document_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    gen_corpus::write_corpus(dir.path(), 1, 3).unwrap();
    let found = findings(dir.path());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_corpus_is_deterministic_for_a_seed() {
    assert_eq!(
        gen_corpus::document(5, 3, 50),
        gen_corpus::document(5, 3, 50)
    );
    assert_ne!(
        gen_corpus::document(5, 3, 50),
        gen_corpus::document(6, 3, 50)
    );
    assert_ne!(
        gen_corpus::document(5, 3, 50),
        gen_corpus::document(5, 4, 50)
    );
}

#[test]
fn documents_are_varied_and_about_the_size_of_the_mek_document() {
    let docs: Vec<String> = (0..40).map(|i| gen_corpus::document(9, i, 40)).collect();
    let mean = docs.iter().map(String::len).sum::<usize>() / docs.len();
    assert!((10_000..=25_000).contains(&mean), "mean size {mean}");
    let all = docs.concat();
    for form in [
        "date: \"19",
        "X\"",
        "~\"",
        "?\"",
        "/",
        "locator:",
        "ref: ",
        "analysis: true",
    ] {
        assert!(all.contains(form), "no `{form}` in the corpus");
    }
    for kind in [
        "report",
        "article",
        "statement",
        "interview",
        "book",
        "webpage",
        "dataset",
        "testimony",
    ] {
        assert!(all.contains(&format!("type: {kind}\n")), "no {kind} source");
    }
    for doc in &docs {
        let sources = doc.matches("\n  - id: ").count();
        assert!(sources >= 20, "{sources} ids");
    }
}
