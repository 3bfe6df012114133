//! What the PDF could not show: a character no font of the PDF's chain
//! has (the bundled fonts and `[pdf] fonts`), found before any build.

use serde_json::Value;
use unicode_script::{Script, UnicodeScript};

use super::steps::{Step, pointer_of};
use super::{Context, Family, Rule};
use crate::diag::Kind::Offline;
use crate::diag::Severity::Error;
use crate::export::pdf::FontChain;

/// The `pdf/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[&MISSING_GLYPH],
    check: Some(check),
};

pub const MISSING_GLYPH: Rule = Rule {
    code: "pdf/missing-glyph",
    severity: Error,
    kind: Offline,
    summary: "a character no font of the PDF can draw",
    doc: rule_doc!("pdf/missing-glyph"),
};

/// Runs when the check was given the PDF's font chain (a PDF will be built).
fn check(ctx: &mut Context<'_>) {
    if let Some(chain) = ctx.pdf_fonts {
        missing_glyphs(ctx, chain);
    }
}

/// Reports, once per text value, the characters the chain lacks.
fn missing_glyphs(ctx: &mut Context<'_>, chain: &FontChain) {
    let mut found: Vec<(String, Vec<char>, usize)> = Vec::new();
    walk(ctx.value, &mut Vec::new(), false, chain, &mut found);
    for (pointer, chars, count) in found {
        let first = chars[0];
        let script = script_name(first);
        let more = match count {
            1 => String::new(),
            n => format!(
                " ({n} characters in all{})",
                if chars.len() > 1 {
                    format!(
                        ", also {}",
                        chars[1..]
                            .iter()
                            .map(|c| format!("`{c}` U+{:04X}", *c as u32))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    String::new()
                }
            ),
        };
        let before = ctx.diagnostics.len();
        ctx.report(
            &MISSING_GLYPH,
            pointer,
            format!(
                "`{first}` (U+{:04X}, {script}) has no glyph in the PDF's fonts{more}",
                first as u32
            ),
            fix(first),
        );
        ctx.point_into_text(before, &first.to_string());
    }
}

/// The character's script, or what kind of character it is.
fn script_name(c: char) -> String {
    if is_emoji(c) {
        return "an emoji".to_owned();
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => "a symbol".to_owned(),
        s => format!("{} script", s.full_name()),
    }
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF)
}

/// What to add: a font that covers the character's script.
fn fix(c: char) -> String {
    let add = |family: &str| {
        format!(
            "no bundled font has it: add one that does, e.g. {family}, with `[pdf] fonts = [\"fonts/<file>.otf\"]` in backgrounder.toml, or remove the character"
        )
    };
    if is_emoji(c) {
        return add("Noto Emoji (monochrome)");
    }
    match c.script() {
        Script::Han | Script::Bopomofo => add("Noto Serif CJK SC or TC"),
        Script::Hiragana | Script::Katakana => add("Noto Serif CJK JP"),
        Script::Hangul => add("Noto Serif CJK KR"),
        Script::Common | Script::Inherited | Script::Unknown => {
            add("Noto Sans Symbols or Noto Sans Math")
        }
        s => add(&format!("Noto Serif {0} or Noto Sans {0}", s.full_name())),
    }
}

/// Strings (outside `allow` entries) with characters the chain lacks:
/// (pointer, up to four distinct characters, how many in all). The path is
/// kept as borrowed steps; a pointer is written only for a find.
fn walk<'a>(
    value: &'a Value,
    path: &mut Vec<Step<'a>>,
    in_allow: bool,
    chain: &FontChain,
    found: &mut Vec<(String, Vec<char>, usize)>,
) {
    match value {
        Value::String(s) if !in_allow && !s.is_ascii() => {
            let mut chars: Vec<char> = Vec::new();
            let mut count = 0;
            for c in s.chars().filter(|&c| !c.is_ascii() && !chain.covers(c)) {
                count += 1;
                if chars.len() < 4 && !chars.contains(&c) {
                    chars.push(c);
                }
            }
            if count > 0 {
                found.push((pointer_of(path), chars, count));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, in_allow, chain, found);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                walk(item, path, in_allow || key == "allow", chain, found);
                path.pop();
            }
        }
        _ => {}
    }
}
