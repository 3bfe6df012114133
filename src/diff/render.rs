//! The diff as Markdown (a pull request comment, `$GITHUB_STEP_SUMMARY`)
//! or JSON (for bots). Text from documents is escaped so that it shows
//! as written and can neither format nor link anything.

use std::fmt::Write as _;

use super::words::Op;
use super::{Change, CitedSource, ClaimChange, Report, SourceChange};

/// Text from a document, safe inside Markdown: every ASCII punctuation
/// character that Markdown or HTML give a meaning is backslash-escaped,
/// line breaks become spaces and control characters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '<' | '>' | '&' | ':' | '"' | '\'' | '=' | '$' | '%' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL as an autolink-free code span (a reader copies it; the comment
/// links nothing a document chose).
fn url(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() && *c != '`')
        .collect();
    format!("`{clean}`")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let mut parts = Vec::new();
    for (n, word) in [
        (s.claims_added, "added"),
        (s.claims_changed, "changed"),
        (s.claims_moved, "moved"),
        (s.claims_removed, "removed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    let claims = if parts.is_empty() {
        "no claim changed".to_owned()
    } else {
        format!("claims: {}", parts.join(", "))
    };
    let mut parts = Vec::new();
    for (n, word) in [
        (s.sources_added, "added"),
        (s.sources_changed, "changed"),
        (s.sources_removed, "removed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    let sources = if parts.is_empty() {
        "no source changed".to_owned()
    } else {
        format!("sources: {}", parts.join(", "))
    };
    format!(
        "{} changed; {claims}; {sources}.",
        plural(report.documents.len(), "document", "documents"),
    )
}

fn cited(c: &CitedSource) -> String {
    let mut line = format!("`{}`", c.source.replace('`', ""));
    if !c.found {
        line.push_str(" (not in the document's sources)");
        return line;
    }
    if let Some(title) = &c.title {
        let _ = write!(line, " {}", escape(title));
    }
    let more: Vec<String> = [c.publisher.as_deref(), c.date.as_deref()]
        .into_iter()
        .flatten()
        .map(escape)
        .collect();
    if !more.is_empty() {
        let _ = write!(line, ", {}", more.join(", "));
    }
    if let Some(locator) = &c.locator {
        let _ = write!(line, ", {}", escape(locator));
    }
    if let Some(u) = &c.url {
        let _ = write!(line, " {}", url(u));
    }
    line
}

fn claim(out: &mut String, c: &ClaimChange) {
    let label = match c.change {
        Change::Added => "Added",
        Change::Changed => "Changed",
        Change::Moved => "Moved",
        Change::Removed => "Removed",
    };
    let kind = if c.kind == "quote" { " quote" } else { "" };
    let text = if c.words.is_empty() {
        let t = escape(&c.text);
        if c.change == Change::Removed {
            format!("~~{t}~~")
        } else {
            t
        }
    } else {
        c.words
            .iter()
            .map(|p| {
                let t = escape(p.text.trim_end());
                let gap = if p.text.ends_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                match p.op {
                    Op::Equal => format!("{t}{gap}"),
                    Op::Delete => format!("~~{t}~~{gap}"),
                    Op::Insert => format!("**{t}**{gap}"),
                }
            })
            .collect::<String>()
    };
    let _ = write!(out, "- **{label}{kind}:** {text}");
    if let Some(speaker) = &c.speaker {
        let _ = write!(out, " (said by {})", escape(speaker));
    }
    if c.analysis {
        out.push_str(" (analysis)");
    }
    if let Some(date) = &c.date {
        let _ = write!(out, " (date: {})", escape(date));
    }
    out.push('\n');
    if let Some(from) = &c.from {
        let _ = writeln!(
            out,
            "  - from {} in `{}`",
            escape(&from.heading),
            from.document.replace('`', "")
        );
    }
    if c.cites.is_empty() && !c.analysis {
        out.push_str("  - cites no source\n");
    }
    for s in &c.cites {
        let _ = writeln!(out, "  - {}", cited(s));
    }
    if let Some(before) = &c.cites_before {
        let list: Vec<String> = before
            .iter()
            .map(|s| format!("`{}`", s.source.replace('`', "")))
            .collect();
        let _ = writeln!(
            out,
            "  - cited before: {}",
            if list.is_empty() {
                "nothing".to_owned()
            } else {
                list.join(", ")
            }
        );
    }
}

fn source(out: &mut String, s: &SourceChange) {
    let label = match s.change {
        Change::Added => "Added",
        Change::Removed => "Removed",
        _ => "Changed",
    };
    let cited = cited(&CitedSource {
        source: s.id.clone(),
        locator: None,
        found: true,
        title: Some(s.title.clone()),
        publisher: s.publisher.clone(),
        date: s.date.clone(),
        url: s.url.clone(),
    });
    let _ = writeln!(out, "- **{label}:** {cited}");
    for f in &s.fields {
        let show = |v: &Option<String>| {
            v.as_deref().map_or("(none)".to_owned(), |v| {
                if f.field == "url" || f.field == "archive" {
                    url(v)
                } else {
                    escape(v)
                }
            })
        };
        let _ = writeln!(
            out,
            "  - {}: {} → {}",
            f.field,
            show(&f.before),
            show(&f.after)
        );
    }
}

/// The report as Markdown.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Fact-check: changes since `{}`\n\n{}\n",
        report.base.replace('`', ""),
        summary_line(report)
    );
    for d in &report.documents {
        let status = match d.change {
            Change::Added => " (new document)",
            Change::Removed => " (document removed)",
            _ => "",
        };
        let _ = writeln!(
            out,
            "### {} (`{}`){status}\n",
            escape(&d.title),
            d.id.replace('`', "")
        );
        for s in &d.sections {
            let _ = writeln!(out, "#### {}\n", escape(&s.heading));
            for c in &s.claims {
                claim(&mut out, c);
            }
            out.push('\n');
        }
        if !d.sources.is_empty() {
            out.push_str("#### Sources\n\n");
            for s in &d.sources {
                source(&mut out, s);
            }
            out.push('\n');
        }
    }
    for u in &report.unreadable {
        let _ = writeln!(
            out,
            "- could not read `{}` ({}): {}",
            u.path.replace('`', ""),
            u.side,
            escape(&u.reason)
        );
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The report as JSON.
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn document_text_cannot_format_or_link() {
        assert_eq!(
            escape("*a* [b](c) <img>\nx"),
            "\\*a\\* \\[b\\]\\(c\\) \\<img\\> x"
        );
        assert_eq!(escape("plain words"), "plain words");
    }
}
