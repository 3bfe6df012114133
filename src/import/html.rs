//! HTML through html5ever (`scraper`): the article's main content
//! (`<article>`, `<main>`, else the element holding the most paragraph
//! text) as blocks, its footnotes, and what the `<head>` says. Navigation,
//! scripts, styles, forms and asides are left out.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::structure::parse_date;
use super::{Block, Input, MarkKind, Meta, Rich};

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "svg", "iframe",
    "select", "textarea", "object", "embed", "canvas", "video", "audio", "img", "picture",
    "figure", "table", "menu", "dialog", "head", "input", "label",
];

/// Class words of page furniture inside an article.
const FURNITURE: &[&str] = &[
    "share",
    "social",
    "newsletter",
    "advert",
    "ad",
    "ads",
    "promo",
    "related-links",
    "breadcrumb",
    "breadcrumbs",
    "comments",
    "subscribe",
    "sr-only",
    "visually-hidden",
];

const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "dl",
    "dd",
    "dt",
    "pre",
    "hr",
    "address",
];

/// The deepest nesting of elements `read` accepts. html5ever takes time
/// that grows with the square of the depth (each block element looks down
/// the stack of open elements), so a page nested thousands deep would take
/// minutes; an article page nests under a hundred.
pub const MAX_NESTING: usize = 2_000;

/// How deep the page's elements nest, estimated from its tags: void and
/// self-closed elements, and those whose end tag may be left out (`p`,
/// `li`, `td`, …), do not count; comments, scripts and styles are skipped.
pub fn nesting(text: &str) -> usize {
    const FLAT: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
        "tbody", "tfoot", "colgroup", "rp", "rt", "html", "head", "body",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(at) = memchr(b'<', &bytes[i..]) {
        i += at + 1;
        if bytes[i..].starts_with(b"!--") {
            i = text[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        if bytes.get(i) == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = text[i..i + name_len].to_ascii_lowercase();
        let end = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |e| i + e);
        let closed = end > i && bytes[end - 1] == b'/';
        i = end.min(bytes.len());
        if matches!(name.as_str(), "script" | "style") {
            let close = format!("</{name}");
            i = bytes[i..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(bytes.len(), |e| i + e);
            continue;
        }
        if !closed && !FLAT.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// Reads an HTML page.
pub fn read(text: &str) -> Input {
    let page = Html::parse_document(text);
    let mut input = Input {
        meta: meta(&page),
        ..Input::default()
    };
    let Some(root) = main_content(&page) else {
        return input;
    };
    // Footnotes first, so that references to them are known.
    let mut footnote_ids = Vec::new();
    for element in root.descendent_elements() {
        if is_footnotes(&element) {
            for li in element
                .descendent_elements()
                .filter(|e| e.value().name() == "li")
            {
                let label = li.value().id().unwrap_or_default().to_owned();
                let mut rich = Rich::default();
                inline(*li, &mut rich, &[], 0);
                // Back-links (`↩`) are not part of the note.
                rich.marks.retain(
                    |m| !matches!(&m.kind, MarkKind::Link { url, .. } if url.starts_with('#')),
                );
                let rich = rich.finish();
                let rich = Rich {
                    text: rich.text.trim_end_matches(['↩', '↑', ' ']).to_owned(),
                    marks: rich.marks,
                }
                .finish();
                footnote_ids.push(label.clone());
                input.footnotes.push((label, rich));
            }
        }
    }
    let mut reader = Reader {
        footnote_ids: &footnote_ids,
        input: &mut input,
        deck: None,
    };
    reader.block(*root, 0);
    if let Some(deck) = reader.deck.take() {
        input.meta.deck = Some(deck);
    }
    input
}

struct Reader<'a> {
    footnote_ids: &'a [String],
    input: &'a mut Input,
    deck: Option<String>,
}

impl Reader<'_> {
    fn block(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        if depth > MAX_DEPTH {
            let mut rich = Rich::default();
            flat_text(node, &mut rich);
            self.flush(&mut rich);
            return;
        }
        // Inline content directly in a block-level container forms a paragraph.
        let mut run = Rich::default();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => run.push(t),
                Node::Element(e) => {
                    let name = e.name();
                    let Some(element) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if skipped(&element) || is_footnotes(&element) {
                        continue;
                    }
                    if !BLOCKS.contains(&name) {
                        inline_node(child, &mut run, self.footnote_ids, depth + 1);
                        continue;
                    }
                    self.flush(&mut run);
                    let classes = class_words(&element);
                    let mut rich = Rich::default();
                    match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            inline(child, &mut rich, self.footnote_ids, depth + 1);
                            let rich = rich.finish();
                            if !rich.text.is_empty() {
                                let level = name.as_bytes()[1] - b'0';
                                self.input.blocks.push(Block::Heading(level, rich));
                            }
                        }
                        _ if classes.iter().any(|c| {
                            matches!(
                                c.as_str(),
                                "deck" | "dek" | "standfirst" | "subtitle" | "summary"
                            )
                        }) =>
                        {
                            inline(child, &mut rich, self.footnote_ids, depth + 1);
                            let rich = rich.finish();
                            if !rich.text.is_empty() {
                                self.deck.get_or_insert(rich.text);
                            }
                        }
                        _ if classes
                            .iter()
                            .any(|c| c == "byline" || c == "author" || c == "authors") =>
                        {
                            inline(child, &mut rich, self.footnote_ids, depth + 1);
                            let mut rich = rich.finish();
                            if !rich.text.to_lowercase().starts_with("by") {
                                rich = prefixed("By ", rich);
                            }
                            self.input.blocks.push(Block::Paragraph(rich));
                        }
                        "p" | "dd" | "dt" | "pre" | "address" => {
                            inline(child, &mut rich, self.footnote_ids, depth + 1);
                            let rich = rich.finish();
                            if !rich.text.is_empty() {
                                self.input.blocks.push(Block::Paragraph(rich));
                            }
                        }
                        "li" if !child.children().any(|c| {
                            c.value()
                                .as_element()
                                .is_some_and(|e| BLOCKS.contains(&e.name()))
                        }) =>
                        {
                            inline(child, &mut rich, self.footnote_ids, depth + 1);
                            let rich = rich.finish();
                            if !rich.text.is_empty() {
                                self.input.blocks.push(Block::Item(rich));
                            }
                        }
                        "hr" => {}
                        _ => self.block(child, depth + 1),
                    }
                }
                _ => {}
            }
        }
        self.flush(&mut run);
    }

    fn flush(&mut self, run: &mut Rich) {
        let rich = std::mem::take(run).finish();
        if !rich.text.is_empty() {
            self.input.blocks.push(Block::Paragraph(rich));
        }
    }
}

fn prefixed(prefix: &str, rich: Rich) -> Rich {
    let mut out = Rich::default();
    out.push(prefix);
    out.append(&rich);
    out.text = out.text.replacen("  ", " ", 1);
    out.finish()
}

/// The inline content of `node` into `rich`.
fn inline(node: NodeRef<'_, Node>, rich: &mut Rich, footnotes: &[String], depth: usize) {
    if depth > MAX_DEPTH {
        flat_text(node, rich);
        return;
    }
    for child in node.children() {
        inline_node(child, rich, footnotes, depth + 1);
    }
}

/// How deep the walk descends; below, an element's text is read flat (in
/// a loop, not by recursion), so no page nests deep enough to exhaust the
/// stack.
const MAX_DEPTH: usize = 200;

/// The text under `node`, without marks.
fn flat_text(node: NodeRef<'_, Node>, rich: &mut Rich) {
    use ego_tree::iter::Edge;
    let mut skipped = 0usize;
    let skip = |n: &NodeRef<'_, Node>| {
        n.value()
            .as_element()
            .is_some_and(|e| SKIP.contains(&e.name()))
    };
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) if skip(&n) => skipped += 1,
            Edge::Close(n) if skip(&n) => skipped = skipped.saturating_sub(1),
            Edge::Open(n) if skipped == 0 => {
                if let Node::Text(t) = n.value() {
                    rich.push(t);
                }
            }
            _ => {}
        }
    }
}

/// One inline node into `rich`: text, links, emphasis, footnote references.
fn inline_node(child: NodeRef<'_, Node>, rich: &mut Rich, footnotes: &[String], depth: usize) {
    {
        match child.value() {
            Node::Text(t) => rich.push(t),
            Node::Element(e) => {
                let Some(element) = ElementRef::wrap(child) else {
                    return;
                };
                if skipped(&element) {
                    return;
                }
                match e.name() {
                    "br" => rich.push(" "),
                    "a" => {
                        let href = e.attr("href").unwrap_or("").trim();
                        if let Some(label) = href
                            .strip_prefix('#')
                            .filter(|l| footnotes.iter().any(|f| f == l))
                        {
                            let i = rich.open(MarkKind::Footnote(label.to_owned()));
                            rich.close(i);
                            return;
                        }
                        let title = e
                            .attr("title")
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_owned);
                        let i = rich.open(MarkKind::Link {
                            url: href.to_owned(),
                            title,
                        });
                        inline(child, rich, footnotes, depth);
                        rich.close(i);
                    }
                    "em" | "i" | "cite" => {
                        let i = rich.open(MarkKind::Emphasis);
                        inline(child, rich, footnotes, depth);
                        rich.close(i);
                    }
                    "strong" | "b" => {
                        let i = rich.open(MarkKind::Strong);
                        inline(child, rich, footnotes, depth);
                        rich.close(i);
                    }
                    // A block inside inline content (a `<p>` in an `<li>`) is a break.
                    name if BLOCKS.contains(&name) => {
                        rich.push(" ");
                        inline(child, rich, footnotes, depth);
                        rich.push(" ");
                    }
                    _ => inline(child, rich, footnotes, depth),
                }
            }
            _ => {}
        }
    }
}

fn class_words(element: &ElementRef<'_>) -> Vec<String> {
    element
        .value()
        .classes()
        .map(str::to_ascii_lowercase)
        .collect()
}

fn skipped(element: &ElementRef<'_>) -> bool {
    let e = element.value();
    SKIP.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || matches!(
            e.attr("role"),
            Some("navigation" | "banner" | "contentinfo" | "complementary" | "search")
        )
        || class_words(element)
            .iter()
            .any(|c| FURNITURE.contains(&c.as_str()))
}

fn is_footnotes(element: &ElementRef<'_>) -> bool {
    let e = element.value();
    matches!(e.attr("role"), Some("doc-endnotes" | "doc-footnotes"))
        || class_words(element).iter().any(|c| {
            matches!(
                c.as_str(),
                "footnotes" | "endnotes" | "footnote-list" | "notes"
            )
        })
}

/// The element that holds the article: `<article>` (the one with the most
/// text if several), `<main>`, `[role=main]`, else the element whose own
/// `<p>` children hold the most text, else `<body>`.
fn main_content(page: &Html) -> Option<ElementRef<'_>> {
    // Bounded work per candidate, however the page nests.
    let text_len = |e: &ElementRef<'_>| {
        e.descendants()
            .take(200_000)
            .filter_map(|d| d.value().as_text().map(|t| t.len()))
            .sum::<usize>()
    };
    for selector in ["article", "main", "[role=main]"] {
        let selector = Selector::parse(selector).ok()?;
        if let Some(best) = page.select(&selector).take(64).max_by_key(text_len) {
            return Some(best);
        }
    }
    let p = Selector::parse("p").ok()?;
    let mut scores: std::collections::HashMap<ego_tree::NodeId, usize> = Default::default();
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    for para in page.select(&p) {
        let Some(parent) = para.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let score = scores.entry(parent.id()).or_default();
        *score += text_len(&para);
        if best.as_ref().is_none_or(|(s, _)| *score > *s) {
            best = Some((*score, parent));
        }
    }
    best.map(|(_, e)| e).or_else(|| {
        let body = Selector::parse("body").ok()?;
        page.select(&body).next()
    })
}

/// What the `<head>` says.
fn meta(page: &Html) -> Meta {
    let mut meta = Meta::default();
    let first = |css: &str, attr: &str| -> Option<String> {
        let selector = Selector::parse(css).ok()?;
        page.select(&selector)
            .filter_map(|e| e.value().attr(attr))
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|v| !v.is_empty())
    };
    meta.title = Selector::parse("head title").ok().and_then(|s| {
        page.select(&s)
            .next()
            .map(|t| {
                t.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|t| !t.is_empty())
    });
    meta.description = first("meta[name=description]", "content")
        .or_else(|| first("meta[property='og:description']", "content"));
    if let Some(author) = first("meta[name=author]", "content") {
        meta.authors = vec![author];
    }
    let day = |v: String| parse_date(v.get(..10).unwrap_or(&v));
    meta.published = first("meta[property='article:published_time']", "content").and_then(day);
    meta.updated = first("meta[property='article:modified_time']", "content").and_then(day);
    if let Some(keywords) = first("meta[name=keywords]", "content") {
        meta.keywords = keywords
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
    }
    meta.base = first("link[rel=canonical]", "href")
        .or_else(|| first("meta[property='og:url']", "content"))
        .or_else(|| first("base[href]", "href"))
        .filter(|u| url::Url::parse(u).is_ok_and(|u| matches!(u.scheme(), "http" | "https")));
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_without_navigation_scripts_or_styles() {
        let input = read(
            r##"<!doctype html><html><head><title>T | Site</title><link rel="canonical" href="https://site.org/a/b">
            <style>p{}</style></head><body><nav><p>Home. About us here.</p></nav>
            <article><h1>Title</h1><p class="dek">The deck.</p><p>Said <a href="/r" title="Report">the <em>report</em></a>.<sup><a href="#fn1">1</a></sup></p>
            <script>var x = "<p>no</p>";</script>
            <ol class="footnotes"><li id="fn1">See <a href="https://b.org/x">the study</a>. <a href="#r1">↩</a></li></ol></article></body></html>"##,
        );
        let texts: Vec<&str> = input
            .blocks
            .iter()
            .map(|b| b.rich().text.as_str())
            .collect();
        assert_eq!(texts, ["Title", "Said the report."]);
        assert_eq!(input.meta.deck.as_deref(), Some("The deck."));
        assert_eq!(input.meta.title.as_deref(), Some("T | Site"));
        assert_eq!(input.meta.base.as_deref(), Some("https://site.org/a/b"));
        let para = input.blocks[1].rich();
        assert!(
            para.marks
                .iter()
                .any(|m| m.kind == MarkKind::Footnote("fn1".into()))
        );
        assert!(para.marks.iter().any(|m| m.kind == MarkKind::Emphasis));
        assert_eq!(input.footnotes.len(), 1);
        assert_eq!(input.footnotes[0].1.text, "See the study.");
        assert_eq!(input.footnotes[0].1.links().count(), 1);
    }

    #[test]
    fn nesting_is_estimated_from_the_tags() {
        assert_eq!(
            nesting("<div><p>a<p>b<br><img src=x/><span>c</span></div>"),
            2
        );
        assert_eq!(
            nesting("<!-- <div><div> --><script>'<div><div>'</script><b>"),
            1
        );
        assert_eq!(nesting(&"<div>".repeat(3000)), 3000);
        assert_eq!(nesting("</div></div><a"), 1);
    }

    #[test]
    fn a_page_nested_deeper_than_the_walk_is_read_flat() {
        let depth = 600;
        let page = format!(
            "<html><body><article><p>Start here.</p>{}<p>Deep <script>no()</script>text.</p>{}</article></body></html>",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        let input = read(&page);
        let texts: Vec<&str> = input
            .blocks
            .iter()
            .map(|b| b.rich().text.as_str())
            .collect();
        assert_eq!(texts, ["Start here.", "Deep text."]);
    }

    #[test]
    fn without_article_the_largest_text_block() {
        let input = read(
            "<html><body><div><p>Menu</p></div><div><p>One long paragraph of text here.</p><p>Another.</p></div></body></html>",
        );
        let texts: Vec<&str> = input
            .blocks
            .iter()
            .map(|b| b.rich().text.as_str())
            .collect();
        assert_eq!(texts, ["One long paragraph of text here.", "Another."]);
    }
}
