//! The inline model (see [`crate::model::inline`]) written out as safe
//! Markdown or HTML.
//!
//! Text is escaped so that no Markdown reader sees markup in it; a link is
//! written as an autolink when its text is its URL and as `[text](<url>)`
//! otherwise, with the URL byte for byte as the editor wrote it (only `\`,
//! `<`, `>` and `&` are backslash-escaped in a destination, which every
//! CommonMark reader turns back into the same characters).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

pub use crate::model::inline::{Inline, collapse, parse, plain, plain_text, safe_url, typographic};

/// HTML for the tree, rendered by pulldown-cmark (text and attributes
/// escaped there).
pub fn html(nodes: &[Inline]) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    to_events(nodes, &mut events);
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

fn to_events<'a>(nodes: &'a [Inline], events: &mut Vec<Event<'a>>) {
    for node in nodes {
        match node {
            Inline::Text(t) => events.push(Event::Text(CowStr::Borrowed(t))),
            Inline::Code(c) => events.push(Event::Code(CowStr::Borrowed(c))),
            Inline::Emphasis(c) => {
                events.push(Event::Start(Tag::Emphasis));
                to_events(c, events);
                events.push(Event::End(TagEnd::Emphasis));
            }
            Inline::Strong(c) => {
                events.push(Event::Start(Tag::Strong));
                to_events(c, events);
                events.push(Event::End(TagEnd::Strong));
            }
            Inline::Link {
                url,
                title,
                children,
            } => {
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: CowStr::Borrowed(url),
                    title: CowStr::Borrowed(title),
                    id: CowStr::Borrowed(""),
                }));
                to_events(children, events);
                events.push(Event::End(TagEnd::Link));
            }
        }
    }
}

/// Markdown for the tree. `map_url` may rewrite link targets (in-document
/// `#section-id` links, for instance).
pub fn markdown(nodes: &[Inline], map_url: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    write_markdown(nodes, map_url, &mut out);
    out
}

fn write_markdown(nodes: &[Inline], map_url: &dyn Fn(&str) -> String, out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Code(c) => out.push_str(&code_span(c)),
            Inline::Emphasis(c) => {
                out.push('*');
                write_markdown(c, map_url, out);
                out.push('*');
            }
            Inline::Strong(c) => {
                out.push_str("**");
                write_markdown(c, map_url, out);
                out.push_str("**");
            }
            Inline::Link {
                url,
                title,
                children,
            } => {
                let target = map_url(url);
                let shown_as_url = matches!(children.as_slice(), [Inline::Text(t)] if t == url);
                if shown_as_url && title.is_empty() && target == *url && autolink_safe(url) {
                    out.push('<');
                    out.push_str(url);
                    out.push('>');
                    continue;
                }
                out.push('[');
                write_markdown(children, map_url, out);
                out.push_str("](");
                out.push_str(&link_destination(&target));
                if !title.is_empty() {
                    out.push_str(" \"");
                    for c in title.chars() {
                        if c.is_ascii_punctuation() {
                            out.push('\\');
                        }
                        out.push(if c == '\n' { ' ' } else { c });
                    }
                    out.push('"');
                }
                out.push(')');
            }
        }
    }
}

/// A link to `url` whose text is the URL: an autolink where the URL allows
/// one, else `[url](<url>)`.
pub fn url_link(url: &str) -> String {
    if autolink_safe(url) {
        format!("<{url}>")
    } else {
        format!("[{}]({})", escape(url), link_destination(url))
    }
}

/// Whether `<url>` is an autolink to exactly `url` for every CommonMark
/// reader: an allowed scheme, and nothing an autolink cannot hold or that
/// a reader might decode (`&`, `\\`).
fn autolink_safe(url: &str) -> bool {
    safe_url(url)
        && !url.starts_with('#')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '&' | '\\'))
}

/// A link destination in angle brackets holding `url` byte for byte:
/// `\\`, `<` and `>` are backslash-escaped and `&` is written `&amp;`
/// (readers differ on whether an entity after a backslash is decoded, but
/// all decode `&amp;`); nothing is percent-encoded.
pub fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in url.chars() {
        match c {
            '\\' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

fn code_span(code: &str) -> String {
    let code: String = code
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
    if pad {
        format!("{fence} {code} {fence}")
    } else {
        format!("{fence}{code}{fence}")
    }
}

/// Plain text escaped for use inside a Markdown line: every character that
/// could start inline markup is backslash-escaped, line breaks become
/// spaces, and what a GFM reader would link on its own (`www.`, `://`) is
/// broken up by an escape. (Block syntax at the start of a line is handled
/// by [`escape_line`].)
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Entities rather than backslashes for angle brackets, so that
            // not even the Markdown source holds anything that looks like a tag.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '&' | '#' | '~' | '|' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // `www.` and `x://` are where GFM's autolinks start.
            '.' if out.ends_with("www")
                && !out[..out.len() - 3].ends_with(|p: char| p.is_alphanumeric()) =>
            {
                out.push_str("\\.");
            }
            ':' if chars.peek() == Some(&'/') => out.push_str("\\:"),
            '@' if previous.is_some_and(|p| p.is_alphanumeric()) => out.push_str("\\@"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

/// Makes an already-escaped line safe at the start of a block: leading
/// spaces (an indented code block) are dropped and a list, heading, quote
/// or thematic-break marker is escaped.
pub fn escape_line(line: &str) -> String {
    let line = line.trim_start();
    let first = line.chars().next();
    match first {
        Some('-' | '+' | '=' | '>' | '#') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some(m @ ('.' | ')')) if digits <= 9 => {
                    format!("{}\\{m}{}", &line[..digits], &line[digits + 1..])
                }
                _ => line.to_owned(),
            }
        }
        _ => line.to_owned(),
    }
}

/// Plain text as one safe Markdown line.
pub fn escape_text_line(text: &str) -> String {
    escape_line(&escape(&collapse(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        markdown(&parse(text), &|u| u.to_owned())
    }

    #[test]
    fn emphasis_and_links_pass_through() {
        assert_eq!(
            md("the *Times* said [this](https://a.org/x?y=1) **now**"),
            "the *Times* said [this](<https://a.org/x?y=1>) **now**"
        );
    }

    #[test]
    fn raw_html_becomes_text() {
        assert_eq!(md("a <b>bold</b> move"), "a &lt;b&gt;bold&lt;/b&gt; move");
        assert_eq!(
            html(&parse("a <script>alert(1)</script> b")),
            "a &lt;script&gt;alert(1)&lt;/script&gt; b"
        );
    }

    #[test]
    fn dangerous_links_lose_their_target() {
        let nodes = parse("[click](javascript:alert(1)) and [x](<JaVa\tScRiPt:y>)");
        assert_eq!(plain(&nodes), "click and x");
        assert!(!html(&nodes).contains("href"));
        assert!(safe_url("#roots"));
        assert!(safe_url("https://a.org/b:c"));
        assert!(!safe_url("data:text/html,x"));
    }

    #[test]
    fn block_syntax_stays_literal() {
        assert_eq!(plain(&parse("1990. The year")), "1990. The year");
        assert_eq!(escape_line(&md("1990. The year")), "1990\\. The year");
        assert_eq!(plain(&parse("# not a heading")), "# not a heading");
        assert_eq!(escape_text_line("- a\n  b"), "\\- a b");
    }

    #[test]
    fn code_spans_are_fenced() {
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
