//! Text that could run or mislead once published: raw HTML in claim text,
//! control characters, and bidirectional overrides (the "Trojan Source"
//! trick that makes text display in a different order than it reads).
//! The exporters never pass these through; `check` makes them visible to
//! the editor first.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{Event, Options, Parser};
use serde_json::Value;

use super::steps::{Step, pointer_of};
use super::{Context, Family, Rule};
use crate::diag::Kind::Offline;
use crate::diag::Severity::{Error, Warning};
use crate::model::chars::{is_bidi, is_control};

/// The `text/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[
        &HTML,
        &CONTROL,
        &BIDI,
        &PLACEHOLDER,
        &DUPLICATE_CLAIM,
        &UNBALANCED_QUOTE,
        &MARKDOWN_IN_PLAIN,
    ],
    check: Some(check),
};

pub const HTML: Rule = Rule {
    code: "text/html",
    severity: Error,
    kind: Offline,
    summary: "raw HTML in claim or quote text",
    doc: rule_doc!("text/html"),
};

pub const CONTROL: Rule = Rule {
    code: "text/control",
    severity: Error,
    kind: Offline,
    summary: "a control character in text",
    doc: rule_doc!("text/control"),
};

pub const BIDI: Rule = Rule {
    code: "text/bidi",
    severity: Error,
    kind: Offline,
    summary: "a bidirectional override or isolate character in text",
    doc: rule_doc!("text/bidi"),
};

pub const PLACEHOLDER: Rule = Rule {
    code: "text/placeholder",
    severity: Error,
    kind: Offline,
    summary: "placeholder text left in the document",
    doc: rule_doc!("text/placeholder"),
};

pub const DUPLICATE_CLAIM: Rule = Rule {
    code: "text/duplicate-claim",
    severity: Warning,
    kind: Offline,
    summary: "the same claim twice in one document",
    doc: rule_doc!("text/duplicate-claim"),
};

pub const UNBALANCED_QUOTE: Rule = Rule {
    code: "text/unbalanced-quote",
    severity: Warning,
    kind: Offline,
    summary: "a quotation mark that is never closed",
    doc: rule_doc!("text/unbalanced-quote"),
};

pub const MARKDOWN_IN_PLAIN: Rule = Rule {
    code: "text/markdown-in-plain",
    severity: Warning,
    kind: Offline,
    summary: "Markdown in a plain-text field, where every export prints it as written",
    doc: rule_doc!("text/markdown-in-plain"),
};

/// The first piece of Markdown markup in plain text, as written: a link
/// `[words](target)`, strong `**words**`, emphasis `*words*` or code
/// `` `words` ``. Each needs its closing half with words inside, so a lone
/// `*` or `[sic]` is not markup.
pub fn markdown_markup(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let word = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii_whitespace());
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' => {
                let Some(close) = text[i..].find("](").map(|c| i + c) else {
                    continue;
                };
                if close > i + 1
                    && !text[i + 1..close].contains(['[', ']'])
                    && let Some(end) = text[close + 2..].find(')').map(|e| close + 2 + e)
                    && end > close + 2
                    && !text[close + 2..end].contains(char::is_whitespace)
                {
                    return Some(&text[i..=end]);
                }
            }
            b'*' | b'`' => {
                let strong = b == b'*' && bytes.get(i + 1) == Some(&b'*');
                let mark = if strong { "**" } else { &text[i..=i] };
                let open_end = i + mark.len();
                let after_opening = bytes.get(open_end);
                // An opening mark starts a word: not `5*3`, not `a * b`.
                let opens = word(after_opening)
                    && after_opening != Some(&b'*')
                    && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
                if !opens {
                    continue;
                }
                let Some(close) = text[open_end..].find(mark).map(|c| open_end + c) else {
                    continue;
                };
                if close > open_end && word(bytes.get(close - 1)) {
                    return Some(&text[i..close + mark.len()]);
                }
            }
            _ => {}
        }
    }
    None
}

/// Placeholders written in capitals, as whole words.
const PLACEHOLDER_WORDS: &[&str] = &["TODO", "TBD", "TK", "TKTK", "XXX", "FIXME"];

/// Placeholder phrases, compared without case.
const PLACEHOLDER_PHRASES: &[&str] = &[
    "[citation needed]",
    "lorem ipsum",
    "your name",
    "your role",
    "one or two sentences that tell the reader what this backgrounder explains",
    "write the first claim here",
];

/// The placeholder in `text`, if any, as written there: a capitalised word
/// or a phrase in any case. One automaton pass (this runs on every string
/// of every document); a word's case and boundaries are checked on a match.
pub fn placeholder(text: &str) -> Option<&str> {
    if !may_hold_placeholder(text) {
        return None;
    }
    static PLACEHOLDERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(PLACEHOLDER_WORDS.iter().chain(PLACEHOLDER_PHRASES))
            .expect("fixed patterns")
    });
    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    PLACEHOLDERS
        .find_iter(text)
        .find(|m| {
            let Some(word) = PLACEHOLDER_WORDS.get(m.pattern().as_usize()) else {
                return true;
            };
            &text[m.start()..m.end()] == *word
                && !alphanumeric(text[..m.start()].chars().next_back())
                && !alphanumeric(text[m.end()..].chars().next())
        })
        .map(|m| &text[m.start()..m.end()])
}

/// Whether `text` could hold a placeholder: every phrase has a space and
/// every word a capital T, X or F. Most strings of a document (ids, dates,
/// URLs) have none of these, and skip the automaton.
fn may_hold_placeholder(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b' ' | b'T' | b'X' | b'F'))
}

/// A claim's text reduced for comparison: letters and digits, lower-cased,
/// one space between words.
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        for word in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.iter().map(|b| char::from(b.to_ascii_lowercase())));
        }
        return out;
    }
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // A whole word at a time, for the final sigma.
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// The first quotation mark in `text` that is never closed.
pub fn unbalanced_quote(text: &str) -> Option<char> {
    // Every mark counted in one pass: `"`, then the pairs below, then `„`.
    const MARKS: [char; 8] = ['"', '“', '”', '«', '»', '‹', '›', '„'];
    let mut n = [0usize; MARKS.len()];
    if text.is_ascii() {
        n[0] = text.bytes().filter(|&b| b == b'"').count();
    } else {
        for c in text.chars() {
            let i = match c {
                '"' => 0,
                '“' => 1,
                '”' => 2,
                '«' => 3,
                '»' => 4,
                '‹' => 5,
                '›' => 6,
                '„' => 7,
                _ => continue,
            };
            n[i] += 1;
        }
    }
    if n[0] % 2 == 1 {
        return Some('"');
    }
    for pair in [1, 3, 5] {
        if n[pair] > n[pair + 1] {
            return Some(MARKS[pair]);
        }
    }
    // „ closes with “ (German) or ” (Polish, Hungarian).
    if n[7] > n[1] + n[2] {
        return Some('„');
    }
    None
}

pub fn check(ctx: &mut Context<'_>) {
    let mut found = Found::default();
    walk(ctx.value, &mut Vec::new(), false, &mut found);
    for (pointer, chars, count, rule) in found.characters {
        let (what, hint) = if rule.code == CONTROL.code {
            (
                "control character",
                "delete it; it is invisible in most editors",
            )
        } else {
            (
                "bidirectional control",
                "delete it; it changes the order in which text is displayed",
            )
        };
        let names: Vec<String> = chars
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        let message = if count == 1 {
            format!("the {what} {} is in this text", names[0])
        } else {
            format!(
                "the {what}s {} are in this text ({count} in all)",
                names.join(", ")
            )
        };
        ctx.report(rule, pointer, message, hint.into());
    }
    for (pointer, found) in found.placeholders {
        let before = ctx.diagnostics.len();
        ctx.report(
            &PLACEHOLDER,
            pointer,
            format!("the placeholder `{found}` is still in the text"),
            "write the real text, or remove the note before publishing".into(),
        );
        ctx.point_into_text(before, found);
    }
    for (pointer, text) in crate::model::walk::plain_texts(ctx.doc) {
        if let Some(markup) = markdown_markup(text) {
            let before = ctx.diagnostics.len();
            ctx.report(
                &MARKDOWN_IN_PLAIN,
                pointer,
                format!("`{markup}` is Markdown, but this field is plain text: every export prints it as written"),
                "write the words alone; only claim and quote text is Markdown".into(),
            );
            ctx.point_into_text(before, markup);
        }
    }
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (pointer, claim) in ctx.claims() {
        let key = normalized(&claim.text);
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) => {
                let hint = format!("delete one copy; the first is at `{first}/text`");
                ctx.report(
                    &DUPLICATE_CLAIM,
                    format!("{pointer}/text"),
                    "this claim repeats an earlier one word for word".into(),
                    hint,
                );
            }
            None => {
                seen.insert(key, pointer);
            }
        }
    }
    for (pointer, text) in ctx.texts() {
        if let Some(mark) = unbalanced_quote(text) {
            let before = ctx.diagnostics.len();
            ctx.report(
                &UNBALANCED_QUOTE,
                pointer.clone(),
                format!("the quotation opened by `{mark}` is never closed"),
                "close the quotation where the quoted words end".into(),
            );
            ctx.point_into_text(before, &mark.to_string());
        }
        if let Some(html) = raw_html(text) {
            let before = ctx.diagnostics.len();
            ctx.report(
                &HTML,
                pointer,
                format!("raw HTML `{html}` in the text is dropped from every export"),
                "use Markdown (`*emphasis*`, `[link](https://...)`), or write `\\<` for a literal `<`".into(),
            );
            ctx.point_into_text(before, &html);
        }
    }
}

/// The first piece of raw HTML in inline Markdown, if any.
pub fn raw_html(text: &str) -> Option<String> {
    if !text.contains('<') {
        return None;
    }
    Parser::new_ext(text, Options::empty()).find_map(|event| match event {
        Event::Html(h) | Event::InlineHtml(h) => Some(h.trim().chars().take(40).collect()),
        _ => None,
    })
}

/// Whether `s` has a control or bidi character, found on the UTF-8 bytes
/// (C1 controls are `C2 80..9F`; the bidi controls `E2 80 AA..AE` and
/// `E2 81 A6..A9`), so plain text is ruled out without decoding it.
fn has_control_or_bidi(s: &str) -> bool {
    const CHUNK: usize = 32;
    let bytes = s.as_bytes();
    // A branch-free pass over each chunk (which the compiler vectorizes)
    // rules most text out; only a chunk with a candidate byte is looked at
    // byte by byte.
    bytes.chunks(CHUNK).enumerate().any(|(k, chunk)| {
        let candidate = chunk.iter().fold(false, |acc, &b| {
            acc | (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
        });
        candidate && (k * CHUNK..k * CHUNK + chunk.len()).any(|i| control_at(bytes, i))
    })
}

/// Whether a control or bidi character starts at byte `i`.
fn control_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

/// What one pass over the document's strings finds.
#[derive(Default)]
struct Found<'a> {
    /// Control or bidi characters: (pointer, up to eight distinct
    /// characters, how many in all, rule).
    characters: Vec<(String, Vec<char>, usize, &'static Rule)>,
    /// Placeholders: (pointer, the placeholder as written).
    placeholders: Vec<(String, &'a str)>,
}

/// Every string with a control or bidi character, and every placeholder
/// outside `allow` entries (which quote rule codes and reasons, not
/// content), in one pass. The path is kept as borrowed steps; a pointer is
/// written only for a find.
fn walk<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, in_allow: bool, found: &mut Found<'a>) {
    match value {
        Value::String(s) => {
            if !in_allow && let Some(p) = placeholder(s) {
                found.placeholders.push((pointer_of(path), p));
            }
            if !has_control_or_bidi(s) {
                return;
            }
            // Every kind of character found, not only the first: one
            // finding per rule, naming up to eight distinct characters.
            for (rule, test) in [
                (&CONTROL, is_control as fn(char) -> bool),
                (&BIDI, is_bidi as fn(char) -> bool),
            ] {
                let mut chars: Vec<char> = Vec::new();
                let mut count = 0;
                for c in s.chars().filter(|&c| test(c)) {
                    count += 1;
                    if chars.len() < 8 && !chars.contains(&c) {
                        chars.push(c);
                    }
                }
                if count > 0 {
                    found
                        .characters
                        .push((pointer_of(path), chars, count, rule));
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, in_allow, found);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                walk(item, path, in_allow || key == "allow", found);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_markup_in_plain_text() {
        for (text, markup) in [
            (
                "The [report](https://a.org) of 2011",
                "[report](https://a.org)",
            ),
            ("A **very** long war", "**very**"),
            ("An *Iranian* group", "*Iranian*"),
            ("Use `ref:` here", "`ref:`"),
        ] {
            assert_eq!(markdown_markup(text), Some(markup), "{text}");
        }
        for text in [
            "Country Reports on Terrorism 2011",
            "The report [sic] (2011)",
            "5*3 and 4 * 2",
            "A lone * star",
            "Rock 'n' roll",
            "[a] (b)",
            "",
        ] {
            assert_eq!(markdown_markup(text), None, "{text}");
        }
    }

    #[test]
    fn placeholders_are_whole_words_or_phrases_in_any_case() {
        assert_eq!(placeholder("TODO check against Jaber p. XX"), Some("TODO"));
        assert_eq!(placeholder("see TKTK."), Some("TKTK"));
        assert_eq!(placeholder("ATK and TK"), Some("TK"));
        assert_eq!(
            placeholder("It grew [Citation Needed]."),
            Some("[Citation Needed]")
        );
        assert_eq!(placeholder("Lorem Ipsum dolor"), Some("Lorem Ipsum"));
        assert_eq!(placeholder("TODOS, XXXL shirts, todo, tk"), None);
        assert_eq!(placeholder("Ça TK"), Some("TK"));
        assert_eq!(placeholder("ÉTK"), None);
    }

    #[test]
    fn every_placeholder_passes_the_prefilter() {
        for word in PLACEHOLDER_WORDS {
            assert!(may_hold_placeholder(word), "{word}");
        }
        for phrase in PLACEHOLDER_PHRASES {
            for case in [phrase.to_string(), phrase.to_uppercase()] {
                assert!(may_hold_placeholder(&case), "{case}");
            }
        }
        assert!(!may_hold_placeholder("mission-interview-1996-19"));
        assert!(!may_hold_placeholder("https://www.example.org/todo"));
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_tests() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                has_control_or_bidi(&text),
                is_control(c) || is_bidi(c),
                "U+{:04X}",
                c as u32
            );
        }
        assert!(!has_control_or_bidi("“Curly” — quotes, é, ‘marks’\n\ttab"));
        // Across chunk boundaries, and a lead byte at a chunk's end.
        for pad in 0..70 {
            let text = format!("{}\u{202e}{}", "a".repeat(pad), "b".repeat(pad));
            assert!(has_control_or_bidi(&text), "{pad}");
            let text = format!("{}\u{2019}\u{85}", "a".repeat(pad));
            assert!(has_control_or_bidi(&text), "{pad}");
            assert!(!has_control_or_bidi(&"a\u{2019}".repeat(pad)), "{pad}");
        }
    }

    #[test]
    fn raw_html_finds_the_first_tag() {
        assert_eq!(raw_html("a <b>bold</b> word").as_deref(), Some("<b>"));
        assert_eq!(raw_html("no html & no tags"), None);
    }
}
