//! Styled runs of text, built from the shared inline model (never a second
//! Markdown parse).

use super::fonts::Style;
use crate::export::ResolvedSource;
use crate::export::inline::{self, Inline};
use crate::export::resolve::Citation;

pub const LINK: (u8, u8, u8) = (22, 62, 130);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Prose: hyphenated where a line needs it.
    Text,
    /// Broken after `/`, `.` and the like, never hyphenated.
    Url,
    /// A citation marker, set small and raised, never broken.
    Marker,
    /// Ends the line.
    Break,
}

/// Where a span leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// A web or mail address, in its ASCII form.
    Uri(String),
    /// The entry of source `n` in the Sources list.
    Source(usize),
}

/// A run of text in one style.
#[derive(Clone, Debug)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<Link>,
    pub kind: Kind,
}

impl Span {
    pub fn text(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            link: None,
            kind: Kind::Text,
        }
    }

    pub fn url(url: &str, style: Style) -> Span {
        Span {
            kind: Kind::Url,
            ..Span::text(url, style)
        }
        .linked(url)
    }

    pub fn marker(text: impl Into<String>, style: Style) -> Span {
        Span {
            kind: Kind::Marker,
            ..Span::text(text, style)
        }
    }

    pub fn line_break() -> Span {
        Span {
            kind: Kind::Break,
            ..Span::text("", Style::new(10.0))
        }
    }

    pub fn linked(mut self, url: &str) -> Span {
        // Only web and mail links become annotations, in their ASCII form;
        // anything else stays text.
        if let Ok(url) = url::Url::parse(url.trim())
            && crate::model::inline::followed_scheme(url.scheme())
        {
            self.link = Some(Link::Uri(url.to_string()));
        }
        self
    }
}

/// A title, italic and linked when it has a URL.
pub fn titled(title: &str, url: Option<&str>, style: Style) -> Span {
    let span = Span::text(smart(title.trim()), style.italic());
    match url {
        Some(url) => span.linked(url),
        None => span,
    }
}

/// A source's formatted reference, with the style's italics and its URL
/// clickable (and added when the reference style left it out).
pub fn reference(source: &ResolvedSource, style: Style) -> Vec<Span> {
    let mut spans = inline_spans(&source.formatted, style);
    if spans.is_empty() {
        spans = plain(&source.source.title, style);
    }
    for span in &mut spans {
        if span.kind == Kind::Url {
            span.style = span.style.color(LINK);
        }
    }
    for url in [
        source.source.url.as_deref(),
        source.source.archive.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|u| inline::safe_url(u))
    {
        if !spans.iter().any(|s| s.link.is_some() && s.text == url) {
            spans.push(Span::text(" ", style));
            spans.push(Span::url(url, style.color(LINK)));
        }
    }
    spans.retain(|s| !s.text.is_empty());
    spans
}

/// "[3]", "[1, 4]" or "[2, p. 45; 5]" for a claim's citations: one span
/// per citation (with the punctuation around it), linked to its source.
/// No-break spaces: a marker is never split.
pub fn citation_marker(citations: &[Citation], style: Style) -> Vec<Span> {
    let located = citations.iter().any(|c| c.locator.is_some());
    let count = citations.len();
    let mut out = Vec::new();
    for (i, c) in citations.iter().enumerate() {
        let mut text = String::from(match i {
            0 => "[",
            _ if located => ";\u{a0}",
            _ => ",\u{a0}",
        });
        text.push_str(&c.number.to_string());
        if let Some(l) = &c.locator {
            text.push_str(",\u{a0}");
            text.push_str(&l.trim().replace(' ', "\u{a0}"));
        }
        if i + 1 == count {
            text.push(']');
        }
        let mut span = Span::marker(text, style);
        span.link = Some(Link::Source(c.number));
        out.push(span);
    }
    out
}

/// Plain text (a title, a name, a note) in one style: never Markdown,
/// with bare URLs linked and typographic punctuation as in every export.
pub fn plain(text: &str, style: Style) -> Vec<Span> {
    inline_spans(&inline::plain_text(&inline::collapse(text)), style)
}

/// Plain text shown as itself, typographic punctuation only (labels).
pub fn smart(text: &str) -> String {
    inline::typographic(text)
}

/// Inline elements as styled runs: emphasis in italic, strong in bold,
/// links as their (clickable) text.
pub fn inline_spans(nodes: &[Inline], base: Style) -> Vec<Span> {
    fn walk(nodes: &[Inline], style: Style, link: Option<&str>, out: &mut Vec<Span>) {
        for node in nodes {
            match node {
                Inline::Text(t) | Inline::Code(t) => {
                    let mut span = Span::text(t.clone(), style);
                    if let Some(url) = link {
                        if t == url || t.contains("://") {
                            span.kind = Kind::Url;
                        }
                        span = span.linked(url);
                    }
                    out.push(span);
                }
                Inline::Emphasis(c) => walk(c, style.italic(), link, out),
                Inline::Strong(c) => walk(c, style.bold(), link, out),
                Inline::Link { url, children, .. } => walk(children, style, Some(url), out),
            }
        }
    }
    let mut out = Vec::new();
    walk(nodes, base, None, &mut out);
    // Line breaks inside a text are spaces; a marker after the text must
    // stay on its last word.
    for span in &mut out {
        if span.text.contains(['\n', '\r', '\t']) {
            span.text = span.text.replace(['\n', '\r', '\t'], " ");
        }
    }
    while out.last().is_some_and(|s| s.text.trim().is_empty()) {
        out.pop();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_list_numbers_and_locators() {
        let c = |number, locator: Option<&str>| Citation {
            number,
            locator: locator.map(str::to_owned),
        };
        let text = |cs: &[Citation]| {
            citation_marker(cs, Style::new(7.0))
                .iter()
                .map(|s| s.text.replace('\u{a0}', " "))
                .collect::<String>()
        };
        assert_eq!(text(&[]), "");
        assert_eq!(
            citation_marker(&[c(1, None), c(4, None)], Style::new(7.0)).len(),
            2
        );
        assert_eq!(text(&[c(3, None)]), "[3]");
        assert_eq!(text(&[c(1, None), c(4, None)]), "[1, 4]");
        assert_eq!(text(&[c(2, Some("p. 45")), c(5, None)]), "[2, p. 45; 5]");
        let links: Vec<_> = citation_marker(&[c(1, None), c(4, None)], Style::new(7.0))
            .into_iter()
            .filter_map(|s| s.link)
            .collect();
        assert_eq!(links, [Link::Source(1), Link::Source(4)]);
    }

    #[test]
    fn markdown_becomes_styled_text() {
        let spans = inline_spans(
            &inline::parse("The *MEK* said \"no\" -- see [the report](https://example.org)."),
            Style::new(11.0),
        );
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "The MEK said “no” – see the report.");
        assert!(spans.iter().any(|s| s.text == "MEK" && s.style.italic));
        assert!(
            spans.iter().any(|s| s.text == "the report"
                && s.link == Some(Link::Uri("https://example.org/".into())))
        );
    }
}
