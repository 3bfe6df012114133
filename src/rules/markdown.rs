//! Links inside claim text, found by parsing it as inline Markdown.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// A link target found in a piece of inline Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextLink {
    /// `[text](url)`, `<url>` or a defined reference link.
    Target(String),
    /// `[text][label]` or `[label][]` with no definition of `label`.
    UndefinedReference(String),
}

/// The links in `text`, in order. A bare `[words]` with no definition is
/// ordinary bracketed text (editors use it for insertions in quotations:
/// "release [of] the hostages"), not a broken link.
pub fn links(text: &str) -> Vec<TextLink> {
    // Every link, autolink or reference starts with one of these; most
    // claims have neither, and skip the parse.
    if !text.contains(['[', '<']) {
        return Vec::new();
    }
    let mut undefined = Vec::new();
    let mut found = Vec::new();
    let mut callback = |broken: pulldown_cmark::BrokenLink<'_>| {
        if matches!(broken.link_type, LinkType::Reference | LinkType::Collapsed) {
            undefined.push(broken.reference.to_string());
        }
        None
    };
    let parser = Parser::new_with_broken_link_callback(text, Options::empty(), Some(&mut callback));
    for event in parser {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            found.push(TextLink::Target(dest_url.to_string()));
        }
    }
    found.extend(undefined.into_iter().map(TextLink::UndefinedReference));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_auto_and_reference_links() {
        let found = links("See [the report](https://a.org/x), <https://b.org> and [c][missing].");
        assert_eq!(
            found,
            vec![
                TextLink::Target("https://a.org/x".into()),
                TextLink::Target("https://b.org".into()),
                TextLink::UndefinedReference("missing".into()),
            ]
        );
    }

    #[test]
    fn bracketed_insertions_are_not_links() {
        assert!(links("the early release [of] the American hostages").is_empty());
    }
}
