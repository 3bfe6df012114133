//! Claim text is inline Markdown. This module parses it once with
//! pulldown-cmark (the parser `check` uses) into a small tree of the inline
//! forms we keep (text, code, emphasis, strong, links) and writes that tree
//! back out as safe Markdown, HTML or plain text.
//!
//! Nothing an editor types passes through as markup by accident: raw HTML
//! becomes literal text, images become their alt text, block syntax (a
//! claim that starts with `1990.` or `#`) stays the characters typed, and
//! links whose scheme is not http, https or mailto lose their target.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// An inline element of claim text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link {
        url: String,
        title: String,
        children: Vec<Inline>,
    },
}

/// Parses inline Markdown into a tree of safe inline elements.
pub fn parse(text: &str) -> Vec<Inline> {
    let mut stack: Vec<(Frame, Vec<Inline>)> = vec![(Frame::Root, Vec::new())];
    let mut blocks = 0usize;
    let mut items: Vec<Option<u64>> = Vec::new();
    let push = |stack: &mut Vec<(Frame, Vec<Inline>)>, node: Inline| {
        if let Some((_, children)) = stack.last_mut() {
            children.push(node);
        }
    };
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut stack, Inline::Text(t.to_string()));
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                push(&mut stack, Inline::Text(t.to_string()))
            }
            Event::Code(c) => push(&mut stack, Inline::Code(c.to_string())),
            Event::SoftBreak | Event::HardBreak => push(&mut stack, Inline::Text(" ".into())),
            Event::FootnoteReference(label) => {
                push(&mut stack, Inline::Text(format!("[^{label}]")))
            }
            Event::TaskListMarker(done) => {
                push(
                    &mut stack,
                    Inline::Text(if done { "[x] " } else { "[ ] " }.into()),
                );
            }
            Event::Rule => push(&mut stack, Inline::Text("---".into())),
            Event::Start(tag) => match tag {
                Tag::Emphasis => stack.push((Frame::Emphasis, Vec::new())),
                Tag::Strong => stack.push((Frame::Strong, Vec::new())),
                Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                    stack.push((Frame::Transparent, Vec::new()));
                }
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                } => {
                    let url = match link_type {
                        LinkType::Email => format!("mailto:{dest_url}"),
                        _ => dest_url.to_string(),
                    };
                    stack.push((
                        Frame::Link {
                            url,
                            title: title.to_string(),
                        },
                        Vec::new(),
                    ));
                }
                Tag::Image { .. } => stack.push((Frame::Transparent, Vec::new())),
                // Block syntax in a claim is the characters the editor typed.
                Tag::Paragraph | Tag::HtmlBlock | Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                    if blocks > 0 {
                        push(&mut stack, Inline::Text(" ".into()));
                    }
                    blocks += 1;
                }
                Tag::Heading { level, .. } => {
                    if blocks > 0 {
                        push(&mut stack, Inline::Text(" ".into()));
                    }
                    blocks += 1;
                    push(
                        &mut stack,
                        Inline::Text(format!("{} ", "#".repeat(level as usize))),
                    );
                }
                Tag::BlockQuote(_) => push(&mut stack, Inline::Text("> ".into())),
                Tag::List(start) => items.push(start),
                Tag::Item => {
                    if blocks > 0 {
                        push(&mut stack, Inline::Text(" ".into()));
                    }
                    let marker = match items.last_mut() {
                        Some(Some(n)) => {
                            let m = format!("{n}. ");
                            *n += 1;
                            m
                        }
                        _ => "- ".to_owned(),
                    };
                    push(&mut stack, Inline::Text(marker));
                    // The item's paragraph must not add another space.
                    blocks = 0;
                }
                Tag::FootnoteDefinition(label) => {
                    push(&mut stack, Inline::Text(format!("[^{label}]: ")));
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
                    if stack.len() > 1 =>
                {
                    if let Some((frame, children)) = stack.pop() {
                        let node = match frame {
                            Frame::Emphasis => vec![Inline::Emphasis(children)],
                            Frame::Strong => vec![Inline::Strong(children)],
                            Frame::Link { url, title } if safe_url(&url) => vec![Inline::Link {
                                url,
                                title,
                                children,
                            }],
                            _ => children,
                        };
                        for n in node {
                            push(&mut stack, n);
                        }
                    }
                }
                TagEnd::List(_) => {
                    items.pop();
                }
                _ => {}
            },
        }
    }
    // Unbalanced frames cannot come out of the parser, but fold them in.
    while stack.len() > 1 {
        if let Some((_, children)) = stack.pop() {
            for n in children {
                push(&mut stack, n);
            }
        }
    }
    let root = stack.pop().map(|(_, c)| c).unwrap_or_default();
    merge_text(root)
}

enum Frame {
    Root,
    Emphasis,
    Strong,
    Transparent,
    Link { url: String, title: String },
}

/// Adjacent text nodes joined, so escaping sees whole runs.
fn merge_text(nodes: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let node = match node {
            Inline::Emphasis(c) => Inline::Emphasis(merge_text(c)),
            Inline::Strong(c) => Inline::Strong(merge_text(c)),
            Inline::Link {
                url,
                title,
                children,
            } => Inline::Link {
                url,
                title,
                children: merge_text(children),
            },
            other => other,
        };
        match (out.last_mut(), node) {
            (Some(Inline::Text(a)), Inline::Text(b)) => a.push_str(&b),
            (_, node) => out.push(node),
        }
    }
    out
}

/// Whether a link target may be followed: http, https, mailto, or a
/// relative or in-document target. Control characters and whitespace are
/// ignored when reading the scheme, as browsers do.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        Some(colon) => {
            let scheme = &cleaned[..colon];
            let is_scheme = scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
            if !is_scheme {
                // A colon after a path, query or fragment starts no scheme.
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto")
        }
        None => true,
    }
}

/// The text of the tree with all markup removed.
pub fn plain(nodes: &[Inline]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                out.push_str(&plain(c));
            }
        }
    }
    out
}

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
                out.push('[');
                write_markdown(children, map_url, out);
                out.push_str("](");
                out.push_str(&link_destination(&map_url(url)));
                if !title.is_empty() {
                    out.push_str(" \"");
                    for c in title.chars() {
                        if matches!(c, '"' | '\\') {
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

/// A link destination in angle brackets, which may hold any character but
/// `<`, `>` and line breaks (those are escaped).
pub fn link_destination(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
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
/// could start inline markup is backslash-escaped and line breaks become
/// spaces. (Block syntax at the start of a line is handled by
/// [`escape_line`].)
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            // Entities rather than backslashes for angle brackets, so that
            // not even the Markdown source holds anything that looks like a tag.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '&' | '#' | '~' | '|' | '$' => {
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

/// Whitespace runs (line breaks included) as single spaces, ends trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
