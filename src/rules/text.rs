//! Text that could run or mislead once published: raw HTML in claim text,
//! control characters, and bidirectional overrides (the "Trojan Source"
//! trick that makes text display in a different order than it reads).
//! The exporters never pass these through; `check` makes them visible to
//! the editor first.

use std::fmt::Write as _;

use pulldown_cmark::{Event, Options, Parser};
use serde_json::Value;

use super::{Context, Rule};
use crate::diag::Severity::Error;
use crate::load::positions::escape_token;

pub const HTML: Rule = Rule {
    code: "text/html",
    severity: Error,
    summary: "raw HTML in claim or quote text",
    doc: "## What it does\nReports HTML tags and comments (`<b>`, `<script>`, `<!-- -->`) in claim and quote text.\n\n## Why is this bad?\nClaim text is Markdown. Raw HTML is dropped from every export (it could run scripts in a reader's browser), so what the editor wrote would silently disappear.\n\n## Example\n```yaml\n- text: The group was <b>founded</b> in 1965.\n```\n\n## Fix\nUse Markdown: `**founded**`. For a literal `<`, write `\\<`.",
};

pub const CONTROL: Rule = Rule {
    code: "text/control",
    severity: Error,
    summary: "a control character in text",
    doc: "## What it does\nReports control characters (U+0000–U+001F other than tab and line breaks, U+007F–U+009F) in any text value, usually pasted from a PDF or a word processor.\n\n## Why is this bad?\nThey are invisible in the editor, break XML and JSON consumers, and can corrupt terminal output.\n\n## Fix\nDelete the character; the message gives its code point.",
};

pub const BIDI: Rule = Rule {
    code: "text/bidi",
    severity: Error,
    summary: "a bidirectional override or isolate character in text",
    doc: "## What it does\nReports the Unicode bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) in any text value.\n\n## Why is this bad?\nThey reorder how text is displayed, so a reader (or a reviewer of the pull request) can see something other than what the file says.\n\n## Fix\nDelete the character. Right-to-left names display correctly without it; if a direction mark is truly needed use U+200E or U+200F.",
};

/// C0 controls other than tab and line breaks, DEL and the C1 controls.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The bidirectional embedding, override and isolate controls.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

pub fn check(ctx: &mut Context<'_>) {
    let mut found = Vec::new();
    walk(ctx.value, &mut String::new(), &mut found);
    for (pointer, c, rule) in found {
        let (what, hint) = if rule.code == CONTROL.code {
            (
                "the control character",
                "delete it; it is invisible in most editors",
            )
        } else {
            (
                "the bidirectional control",
                "delete it; it changes the order in which text is displayed",
            )
        };
        ctx.report(
            rule,
            pointer,
            format!("{what} U+{:04X} is in this text", c as u32),
            hint.into(),
        );
    }
    for (pointer, text) in ctx.texts() {
        if let Some(html) = raw_html(text) {
            ctx.report(
                &HTML,
                pointer,
                format!("raw HTML `{html}` in the text is dropped from every export"),
                "use Markdown (`*emphasis*`, `[link](https://...)`), or write `\\<` for a literal `<`".into(),
            );
        }
    }
}

/// The first piece of raw HTML in inline Markdown, if any.
pub fn raw_html(text: &str) -> Option<String> {
    Parser::new_ext(text, Options::empty()).find_map(|event| match event {
        Event::Html(h) | Event::InlineHtml(h) => Some(h.trim().chars().take(40).collect()),
        _ => None,
    })
}

/// Every string with a control or bidi character: (pointer, character, rule).
/// `pointer` is one buffer reused down the tree; it is copied only for a find.
fn walk(value: &Value, pointer: &mut String, out: &mut Vec<(String, char, &'static Rule)>) {
    match value {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|&c| is_control(c) || is_bidi(c)) {
                let rule = if is_control(c) { &CONTROL } else { &BIDI };
                out.push((pointer.clone(), c, rule));
            }
        }
        Value::Array(items) => {
            let len = pointer.len();
            for (i, item) in items.iter().enumerate() {
                let _ = write!(pointer, "/{i}");
                walk(item, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            let len = pointer.len();
            for (key, item) in map {
                pointer.push('/');
                pointer.push_str(&escape_token(key));
                walk(item, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
