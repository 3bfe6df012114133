//! The MEK document holds every sentence of the article it was transcribed
//! from (`../shared/seed/mek-backgrounder-2014.txt`), word for word and in
//! order, quotations in running prose included.

use std::path::{Path, PathBuf};

use backgrounder::check::check_file;
use backgrounder::export::{Resolved, resolve};
use backgrounder::load::Limits;
use backgrounder::model::inline;
use backgrounder::rules::ContentSet;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed's body paragraphs, from the first heading to "Additional
/// Resources", headings left out, `[text](#)` links as their text.
fn seed_paragraphs(text: &str) -> Vec<String> {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let start = paragraphs.iter().position(|p| p == "Introduction").unwrap() + 1;
    let end = paragraphs
        .iter()
        .position(|p| p == "Additional Resources")
        .unwrap();
    // Headings are short lines without a stop; a long one without a stop
    // is a paragraph the seed broke in two, joined to what follows.
    let body: Vec<&str> = paragraphs[start..end]
        .iter()
        .filter(|p| p.len() > 40 || p.ends_with(['.', '"', ')', '?', '!']))
        .map(String::as_str)
        .collect();
    vec![strip_links(&body.join(" "))]
}

/// `[text](#)` as `text`, with `\\(` and `\\)` unescaped, and without the
/// page's `(PDF)` marks after links (a file-type label, not prose).
fn strip_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // The link text runs to the first `]` not escaped.
        let close = after
            .char_indices()
            .find(|&(i, c)| c == ']' && !after[..i].ends_with('\\'))
            .map(|(i, _)| i);
        match close {
            Some(close) if after[close..].starts_with("](#)") => {
                out.push_str(&after[..close]);
                rest = &after[close + 4..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("\\(", "(")
        .replace("\\)", ")")
        .replace(" (PDF)", "")
}

/// Sentences: a stop, then a space and a capital or a quotation mark; not
/// after an abbreviation or an initial (`U.S.`, `Edward R. Murrow`).
fn sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<char> = paragraph.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let stop = matches!(c, '.' | '?' | '!')
            || (matches!(c, '"' | ')') && i > 0 && matches!(chars[i - 1], '.' | '?' | '!'));
        let next_starts = chars.get(i + 1) == Some(&' ')
            && chars
                .get(i + 2)
                .is_some_and(|n| n.is_uppercase() || *n == '"' || *n == '(');
        // An ellipsis run into the next sentence: "terrorism...The".
        let ellipsis = c == '.'
            && i >= 2
            && chars[i - 2..i] == ['.', '.']
            && chars.get(i + 1).is_some_and(|n| n.is_uppercase());
        if ellipsis {
            out.push(current.trim().to_owned());
            current.clear();
            continue;
        }
        if stop && next_starts {
            let word = current
                .trim_end_matches(['.', '"', ')'])
                .rsplit(' ')
                .next()
                .unwrap_or("");
            let abbreviation = word.len() == 1 && word.chars().all(char::is_uppercase)
                || word.ends_with("U.S")
                || matches!(word, "Mr" | "Dr" | "St" | "Jan" | "No");
            if !abbreviation {
                out.push(current.trim().to_owned());
                current.clear();
            }
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// Quotes straight, dashes as hyphens, ellipses as three dots, spaces
/// collapsed: typography aside, the same words.
fn normalise(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    text.replace('…', "...")
        .replace('*', "")
        .replace("--", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
