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
                inline(*li, &mut rich, &[]);
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
    reader.block(*root);
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
    fn block(&mut self, node: NodeRef<'_, Node>) {
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
                        inline_node(child, &mut run, self.footnote_ids);
                        continue;
                    }
                    self.flush(&mut run);
                    let classes = class_words(&element);
                    let mut rich = Rich::default();
                    match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            inline(child, &mut rich, self.footnote_ids);
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
                            inline(child, &mut rich, self.footnote_ids);
                            let rich = rich.finish();
                            if !rich.text.is_empty() {
                                self.deck.get_or_insert(rich.text);
                            }
                        }
                        _ if classes
                            .iter()
                            .any(|c| c == "byline" || c == "author" || c == "authors") =>
                        {
                            inline(child, &mut rich, self.footnote_ids);
                            let mut rich = rich.finish();
                            if !rich.text.to_lowercase().starts_with("by") {
                                rich = prefixed("By ", rich);
                            }
                            self.input.blocks.push(Block::Paragraph(rich));
                        }
                        "p" | "dd" | "dt" | "pre" | "address" => {
                            inline(child, &mut rich, self.footnote_ids);
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
                            inline(child, &mut rich, self.footnote_ids);
                            let rich = rich.finish();
                            if !rich.text.is_empty() {
                                self.input.blocks.push(Block::Item(rich));
                            }
                        }
                        "hr" => {}
                        _ => self.block(child),
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
fn inline(node: NodeRef<'_, Node>, rich: &mut Rich, footnotes: &[String]) {
    for child in node.children() {
        inline_node(child, rich, footnotes);
    }
}

/// One inline node into `rich`: text, links, emphasis, footnote references.
fn inline_node(child: NodeRef<'_, Node>, rich: &mut Rich, footnotes: &[String]) {
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
                        inline(child, rich, footnotes);
                        rich.close(i);
                    }
                    "em" | "i" | "cite" => {
                        let i = rich.open(MarkKind::Emphasis);
                        inline(child, rich, footnotes);
                        rich.close(i);
                    }
                    "strong" | "b" => {
                        let i = rich.open(MarkKind::Strong);
                        inline(child, rich, footnotes);
                        rich.close(i);
                    }
                    // A block inside inline content (a `<p>` in an `<li>`) is a break.
                    name if BLOCKS.contains(&name) => {
                        rich.push(" ");
                        inline(child, rich, footnotes);
                        rich.push(" ");
                    }
                    _ => inline(child, rich, footnotes),
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
    let text_len = |e: &ElementRef<'_>| e.text().map(str::len).sum::<usize>();
    for selector in ["article", "main", "[role=main]"] {
        let selector = Selector::parse(selector).ok()?;
        if let Some(best) = page.select(&selector).max_by_key(text_len) {
            return Some(best);
        }
    }
    let p = Selector::parse("p").ok()?;
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    for para in page.select(&p) {
        let Some(parent) = para.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let score: usize = parent
            .child_elements()
            .filter(|c| c.value().name() == "p")
            .map(|c| text_len(&c))
            .sum();
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, parent));
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
