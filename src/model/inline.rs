//! Inline text, read one way everywhere.
//!
//! Claim and quote `text` is inline Markdown; every other field is plain
//! text. Both are read here into one tree of [`Inline`] nodes, which `check`
//! and every exporter share, so no two readers disagree on what an editor
//! wrote:
//!
//! - inline Markdown is parsed once, by pulldown-cmark with no extensions,
//!   as a paragraph's inline content: block syntax (`# `, `1990.`, `- `, a
//!   `[label]: …` definition at the start) stays the characters typed, raw
//!   HTML stays text, an image becomes its alt text;
//! - plain text is never read as Markdown;
//! - in both, a bare `http://` or `https://` URL becomes a link (as GitHub
//!   and every GFM reader link it), straight quotes, `--`, `---` and `...`
//!   become typographic ones, and a link survives only when its target is
//!   allowed by [`safe_url`].

use pulldown_cmark::{BrokenLink, Event, LinkType, Options, Parser, Tag, TagEnd};

/// An inline element.
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

/// Put before inline Markdown when it is parsed, so that nothing at its
/// start is read as block syntax (a link reference definition, a heading,
/// a list). A no-break space is Unicode whitespace, so emphasis that opens
/// the text still opens, and it is not a space or a tab, so no block
/// construct may begin after it.
const GUARD: char = '\u{a0}';

/// The options every reader of inline Markdown uses.
fn options() -> Options {
    Options::empty()
}

/// Runs `f` over the events of inline Markdown `text` as every reader in
/// this crate sees them; `broken` is told of references with no definition.
/// The first text event may start with [`GUARD`].
pub fn with_events<R>(
    text: &str,
    broken: &mut dyn FnMut(BrokenLink<'_>),
    f: impl FnOnce(&mut dyn Iterator<Item = Event<'_>>) -> R,
) -> R {
    let mut guarded = String::with_capacity(text.len() + 2);
    guarded.push(GUARD);
    guarded.push_str(text);
    let mut callback = |link: BrokenLink<'_>| {
        broken(link);
        None
    };
    let mut parser =
        Parser::new_with_broken_link_callback(&guarded, options(), Some(&mut callback));
    f(&mut parser)
}

/// Parses inline Markdown (claim and quote text) into safe inline elements.
pub fn parse(text: &str) -> Vec<Inline> {
    let root = with_events(text, &mut |_| {}, |events| build(events));
    polish(strip_guard(merge_text(root)))
}

/// Plain text (a title, a name, a note) as inline elements: the text
/// itself, bare URLs linked, typographic punctuation. Never Markdown.
pub fn plain_text(text: &str) -> Vec<Inline> {
    polish(vec![Inline::Text(text.to_owned())])
}

/// Bare URLs linked, then typographic punctuation: what [`parse`] and
/// [`plain_text`] do after reading, for trees built elsewhere (formatted
/// references).
pub fn polish(nodes: Vec<Inline>) -> Vec<Inline> {
    let mut nodes = linkify(nodes);
    let mut previous = None;
    typeset(&mut nodes, &mut previous);
    merge_text(nodes)
}

fn build(events: &mut dyn Iterator<Item = Event<'_>>) -> Vec<Inline> {
    let mut stack: Vec<(Frame, Vec<Inline>)> = vec![(Frame::Root, Vec::new())];
    let mut blocks = 0usize;
    let mut items: Vec<Option<u64>> = Vec::new();
    let push = |stack: &mut Vec<(Frame, Vec<Inline>)>, node: Inline| {
        if let Some((_, children)) = stack.last_mut() {
            children.push(node);
        }
    };
    for event in events {
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
                // Block syntax on a later line is the characters typed.
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
    stack.pop().map(|(_, c)| c).unwrap_or_default()
}

enum Frame {
    Root,
    Emphasis,
    Strong,
    Transparent,
    Link { url: String, title: String },
}

/// The tree without the parse guard at its very start.
fn strip_guard(mut nodes: Vec<Inline>) -> Vec<Inline> {
    fn first_text(nodes: &mut [Inline]) -> Option<&mut String> {
        match nodes.first_mut()? {
            Inline::Text(t) => Some(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                first_text(c)
            }
            Inline::Code(_) => None,
        }
    }
    if let Some(t) = first_text(&mut nodes)
        && t.starts_with(GUARD)
    {
        t.drain(..GUARD.len_utf8());
    }
    nodes.retain(|n| !matches!(n, Inline::Text(t) if t.is_empty()));
    nodes
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

/// Whether a link target may be followed, in any export: an absolute
/// `http://`, `https://` or `mailto:` URL, or an in-document `#fragment`.
/// Nothing else becomes a link: not another scheme, however it is spelled
/// (entities, percent-escapes, mixed case, spaces), and not a relative path.
pub fn safe_url(url: &str) -> bool {
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return !fragment.is_empty() && !fragment.contains(':');
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    if web_scheme(&scheme) {
        rest.len() > 2 && rest.starts_with("//")
    } else {
        followed_scheme(&scheme) && !rest.is_empty()
    }
}

/// The one link-scheme policy: whether readers can follow a URL with this
/// scheme (lower case, as `url::Url::scheme` gives it), a web page or a
/// mail address. Every export links only these; `link/scheme` reports the
/// others.
pub fn followed_scheme(scheme: &str) -> bool {
    web_scheme(scheme) || scheme == "mailto"
}

/// Whether a scheme names a web page: one `check --online` can fetch and a
/// citation can carry as its URL.
pub fn web_scheme(scheme: &str) -> bool {
    matches!(scheme, "http" | "https")
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

/// Whitespace runs (line breaks included) as single spaces, ends trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Bare `http://` and `https://` URLs in text outside links, as links
/// whose text is the URL. The URL ends where GFM's autolink ends it: at
/// whitespace or `<`, without trailing `?!.,:*_~'"` or an unbalanced `)`.
fn linkify(nodes: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Inline::Text(t) => split_urls(&t, &mut out),
            Inline::Emphasis(c) => out.push(Inline::Emphasis(linkify(c))),
            Inline::Strong(c) => out.push(Inline::Strong(linkify(c))),
            other => out.push(other),
        }
    }
    out
}

fn split_urls(text: &str, out: &mut Vec<Inline>) {
    let mut rest = text;
    while let Some((start, end)) = next_url(rest) {
        if start > 0 {
            out.push(Inline::Text(rest[..start].to_owned()));
        }
        let url = &rest[start..end];
        out.push(Inline::Link {
            url: url.to_owned(),
            title: String::new(),
            children: vec![Inline::Text(url.to_owned())],
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_owned()));
    }
}

/// The bare URLs in `text` that [`parse`] and [`plain_text`] turn into links.
pub fn bare_urls(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let (start, end) = next_url(rest)?;
        let url = &rest[start..end];
        rest = &rest[end..];
        Some(url)
    })
}

/// The byte range of the first bare URL in `text`.
fn next_url(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let colon = from + found;
        from = colon + 3;
        let scheme_start = if colon >= 5 && bytes[colon - 5..colon].eq_ignore_ascii_case(b"https") {
            colon - 5
        } else if colon >= 4 && bytes[colon - 4..colon].eq_ignore_ascii_case(b"http") {
            colon - 4
        } else {
            continue;
        };
        if scheme_start > 0 && bytes[scheme_start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let tail = &text[from..];
        let mut end = from
            + tail
                .find(|c: char| c.is_whitespace() || c == '<' || c.is_control())
                .unwrap_or(tail.len());
        // Trailing punctuation belongs to the sentence, and so does a `)`
        // that closes nothing opened inside the URL.
        loop {
            let url = &text[scheme_start..end];
            let Some(last) = url.chars().next_back() else {
                break;
            };
            let unbalanced = last == ')' && url.matches(')').count() > url.matches('(').count();
            if "?!.,:*_~'\";".contains(last) || unbalanced {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        if end > from {
            return Some((scheme_start, end));
        }
    }
    None
}

/// Straight quotes made curly, `---` an em dash, `--` an en dash and `...`
/// an ellipsis, across node boundaries; code spans and URLs shown as
/// themselves are left alone.
fn typeset(nodes: &mut [Inline], previous: &mut Option<char>) {
    for node in nodes {
        match node {
            Inline::Text(t) => *t = typographic_after(t, previous),
            Inline::Code(c) => *previous = c.chars().next_back().or(*previous),
            Inline::Emphasis(c) | Inline::Strong(c) => typeset(c, previous),
            Inline::Link { url, children, .. } => {
                if matches!(children.as_slice(), [Inline::Text(t)] if t == url) {
                    *previous = url.chars().next_back();
                } else {
                    typeset(children, previous);
                }
            }
        }
    }
}

/// `text` with typographic punctuation (see [`typeset`]).
pub fn typographic(text: &str) -> String {
    typographic_after(text, &mut None)
}

fn typographic_after(text: &str, previous: &mut Option<char>) -> String {
    let text = text
        .replace("---", "—")
        .replace("--", "–")
        .replace("...", "…");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let opening = previous.is_none_or(|p| p.is_whitespace() || "([{–—/\"“‘-".contains(p));
        out.push(match ch {
            '"' if opening => '“',
            '"' => '”',
            // '80s: an apostrophe, not an opening quote.
            '\'' if opening && !chars.peek().is_some_and(char::is_ascii_digit) => '‘',
            '\'' => '’',
            c => c,
        });
        *previous = Some(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn a_definition_at_the_start_is_text() {
        assert_eq!(
            parse("[Editor's note]: updated."),
            vec![text("[Editor’s note]: updated.")]
        );
        assert_eq!(plain(&parse("# not a heading")), "# not a heading");
        assert_eq!(plain(&parse("1990. The year")), "1990. The year");
    }

    #[test]
    fn emphasis_at_the_start_still_opens() {
        assert_eq!(
            parse("*Times* and _Post_"),
            vec![
                Inline::Emphasis(vec![text("Times")]),
                text(" and "),
                Inline::Emphasis(vec![text("Post")]),
            ]
        );
    }

    #[test]
    fn bare_urls_become_links_without_trailing_punctuation() {
        let nodes = parse("see https://a.org/x_(y)_z. and (https://b.org/c)");
        let urls: Vec<&str> = nodes
            .iter()
            .filter_map(|n| match n {
                Inline::Link { url, .. } => Some(url.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(urls, ["https://a.org/x_(y)_z", "https://b.org/c"]);
        assert_eq!(
            plain(&nodes),
            "see https://a.org/x_(y)_z. and (https://b.org/c)"
        );
    }

    #[test]
    fn unsafe_targets_are_never_links() {
        for bad in [
            "javascript:alert(1)",
            "javascript&colon;alert(1)",
            "JaVaScRiPt:x",
            "data:text/html,x",
            "vbscript:x",
            "java\tscript:x",
            "other.md",
            "//evil.org",
            "https:javascript:x",
            "http://",
            "https:/a.org",
            "mailto:",
            "#",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
        for good in [
            "https://a.org",
            "http://a.org/b:c",
            "mailto:a@b.org",
            "HTTPS://A.ORG",
            "MailTo:a@b.org",
            "#roots",
        ] {
            assert!(safe_url(good), "{good}");
        }
        let nodes = parse("[x](javascript&amp;colon;alert(1)) and [y](<java script:z>)");
        assert!(!nodes.iter().any(|n| matches!(n, Inline::Link { .. })));
    }

    #[test]
    fn quotes_become_typographic_across_markup() {
        assert_eq!(
            plain(&parse("the \"*peace* process,\" it's -- 1990s...")),
            "the “peace process,” it’s – 1990s…"
        );
        assert_eq!(typographic("'80s \"x\""), "’80s “x”");
        assert_eq!(plain(&parse("`\"raw\"`")), "\"raw\"");
    }

    #[test]
    fn plain_text_is_never_markdown() {
        assert_eq!(plain_text("5*3*2 [x](y)"), vec![text("5*3*2 [x](y)")]);
    }
}
