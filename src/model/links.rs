//! Links inside claim text, found by parsing it as inline Markdown, and
//! the backgrounders a document refers to.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::inline;

/// A link target found in a piece of inline Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextLink {
    /// `[text](url)`, `<url>` or a defined reference link.
    Target(String),
    /// `[text][label]` or `[label][]` with no definition of `label`.
    UndefinedReference(String),
    /// A bare `http(s)://` URL in the text, which every export links.
    Bare(String),
}

impl TextLink {
    /// The URL a reader follows, if this is a link.
    pub fn url(&self) -> Option<&str> {
        match self {
            TextLink::Target(u) | TextLink::Bare(u) => Some(u),
            TextLink::UndefinedReference(_) => None,
        }
    }
}

/// The links in `text`, in order, read exactly as the exporters read them
/// (see [`inline::with_events`]). A bare `[words]` with no definition is
/// ordinary bracketed text (editors use it for insertions in quotations:
/// "release [of] the hostages"), not a broken link.
pub fn links(text: &str) -> Vec<TextLink> {
    // Every link, autolink or reference starts with one of these; most
    // claims have neither, and skip the parse.
    if !text.contains(['[', '<']) && !text.contains("://") {
        return Vec::new();
    }
    let mut undefined = Vec::new();
    let mut callback = |broken: pulldown_cmark::BrokenLink<'_>| {
        if matches!(broken.link_type, LinkType::Reference | LinkType::Collapsed) {
            undefined.push(broken.reference.to_string());
        }
    };
    let mut found: Vec<TextLink> = inline::with_events(text, &mut callback, |events| {
        let mut found = Vec::new();
        let mut depth = 0usize;
        // Bare URLs are links in every export, so they are checked too; the
        // parser may split a run of text, so runs are joined first.
        let mut run = String::new();
        let flush = |run: &mut String, found: &mut Vec<TextLink>| {
            found.extend(inline::bare_urls(run).map(|u| TextLink::Bare(u.to_owned())));
            run.clear();
        };
        for event in events {
            match event {
                Event::Text(t) if depth == 0 => run.push_str(&t),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    flush(&mut run, &mut found);
                    depth += 1;
                    found.push(TextLink::Target(dest_url.to_string()));
                }
                Event::End(TagEnd::Link) => depth = depth.saturating_sub(1),
                _ => flush(&mut run, &mut found),
            }
        }
        flush(&mut run, &mut found);
        found
    });
    found.extend(undefined.into_iter().map(TextLink::UndefinedReference));
    found
}

/// Every backgrounder id a document refers to, in its fields or its texts.
pub fn refs(doc: &super::Document) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = super::walk::field_refs(doc)
        .into_iter()
        .map(|(_, id)| id.to_owned())
        .collect();
    for (_, text) in super::walk::texts(doc) {
        for link in links(text) {
            if let TextLink::Target(url) = link
                && let Some(id) = url.strip_prefix("ref:")
            {
                out.insert(id.to_owned());
            }
        }
    }
    out
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
    fn a_definition_at_the_start_is_text_as_in_the_exports() {
        assert_eq!(
            links("[Editor's note]: https://a.org"),
            vec![TextLink::Bare("https://a.org".into())]
        );
    }

    #[test]
    fn bracketed_insertions_are_not_links() {
        assert!(links("the early release [of] the American hostages").is_empty());
    }
}
