//! Markdown through pulldown-cmark, and plain text, into blocks.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::structure::parse_date;
use super::{Block, Input, MarkKind, Meta, Rich};

/// Reads Markdown (CommonMark with footnotes).
pub fn read(text: &str) -> Input {
    let mut input = Input::default();
    // The block being filled, and what it becomes when it ends.
    let mut current: Option<Rich> = None;
    let mut open: Vec<usize> = Vec::new();
    let mut items = 0usize;
    let mut footnote: Option<String> = None;
    let mut footnote_text = Rich::default();
    let mut skip = 0usize;
    let mut front_matter: Option<String> = None;
    let flush = |current: &mut Option<Rich>,
                 input: &mut Input,
                 kind: fn(Rich) -> Block,
                 footnote: &Option<String>,
                 footnote_text: &mut Rich| {
        if let Some(rich) = current.take() {
            let rich = rich.finish();
            if rich.text.is_empty() {
                return;
            }
            if footnote.is_some() {
                footnote_text.append(&rich);
            } else {
                input.blocks.push(kind(rich));
            }
        }
    };
    let options = Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => front_matter = Some(String::new()),
            Event::End(TagEnd::MetadataBlock(_)) => {
                if let Some(fields) = front_matter.take() {
                    input.meta = meta(&fields);
                }
            }
            Event::Text(t) if front_matter.is_some() => {
                if let Some(f) = front_matter.as_mut() {
                    f.push_str(&t);
                }
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                // Text directly in a tight list item ends where a block opens.
                if items > 0 {
                    flush(
                        &mut current,
                        &mut input,
                        Block::Item,
                        &footnote,
                        &mut footnote_text,
                    );
                }
                current = Some(Rich::default());
            }
            Event::End(TagEnd::Paragraph) => {
                let kind = if items > 0 {
                    Block::Item
                } else {
                    Block::Paragraph
                };
                flush(
                    &mut current,
                    &mut input,
                    kind,
                    &footnote,
                    &mut footnote_text,
                );
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = level as u8;
                if let Some(rich) = current.take() {
                    let rich = rich.finish();
                    if !rich.text.is_empty() && footnote.is_none() {
                        input.blocks.push(Block::Heading(level, rich));
                    }
                }
            }
            Event::Start(Tag::Item) => {
                flush(
                    &mut current,
                    &mut input,
                    Block::Item,
                    &footnote,
                    &mut footnote_text,
                );
                items += 1;
                current = Some(Rich::default());
            }
            Event::End(TagEnd::Item) => {
                flush(
                    &mut current,
                    &mut input,
                    Block::Item,
                    &footnote,
                    &mut footnote_text,
                );
                items = items.saturating_sub(1);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote = Some(label.to_string());
                footnote_text = Rich::default();
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                flush(
                    &mut current,
                    &mut input,
                    Block::Paragraph,
                    &footnote,
                    &mut footnote_text,
                );
                if let Some(label) = footnote.take() {
                    input
                        .footnotes
                        .push((label, std::mem::take(&mut footnote_text).finish()));
                }
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                let rich = current.get_or_insert_with(Rich::default);
                let title = (!title.is_empty()).then(|| title.to_string());
                open.push(rich.open(MarkKind::Link {
                    url: dest_url.to_string(),
                    title,
                }));
            }
            Event::Start(Tag::Emphasis) => {
                let rich = current.get_or_insert_with(Rich::default);
                open.push(rich.open(MarkKind::Emphasis));
            }
            Event::Start(Tag::Strong) => {
                let rich = current.get_or_insert_with(Rich::default);
                open.push(rich.open(MarkKind::Strong));
            }
            Event::End(TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong) => {
                if let (Some(rich), Some(i)) = (current.as_mut(), open.pop()) {
                    rich.close(i);
                }
            }
            Event::FootnoteReference(label) => {
                let rich = current.get_or_insert_with(Rich::default);
                let i = rich.open(MarkKind::Footnote(label.to_string()));
                rich.close(i);
            }
            Event::Text(t) | Event::Code(t) => {
                current.get_or_insert_with(Rich::default).push(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(rich) = current.as_mut() {
                    rich.push(" ");
                }
            }
            _ => {}
        }
    }
    flush(
        &mut current,
        &mut input,
        Block::Paragraph,
        &None,
        &mut footnote_text,
    );
    input
}

/// What front matter (`---` YAML or `+++` TOML) says, read line by line:
/// `key: value`, `key = "value"`, and lists as `[a, b]` or `- a` lines.
fn meta(fields: &str) -> Meta {
    let mut meta = Meta::default();
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    for line in fields.lines() {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ")
            && line.starts_with(char::is_whitespace)
        {
            if let Some((_, values)) = pairs.last_mut() {
                values.push(unquote(item));
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once([':', '=']) else {
            continue;
        };
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        let value = value.trim();
        let values = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(list) => list.split(',').map(unquote).collect(),
            None if value.is_empty() => Vec::new(),
            None => vec![unquote(value)],
        };
        pairs.push((key.trim().to_ascii_lowercase(), values));
    }
    for (key, values) in pairs {
        let values: Vec<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
        let Some(first) = values.first().cloned() else {
            continue;
        };
        let day = |v: &str| parse_date(v.get(..10).unwrap_or(v)).or_else(|| parse_date(v));
        match key.as_str() {
            "title" => meta.headline = Some(first),
            "author" | "authors" | "byline" => meta.authors = values,
            "date" | "published" | "pubdate" | "publishdate" => meta.published = day(&first),
            "updated" | "lastmod" | "modified" | "last_modified" => meta.updated = day(&first),
            "description" | "summary" | "excerpt" => meta.description = Some(first),
            "deck" | "dek" | "subtitle" | "standfirst" => meta.deck = Some(first),
            "tags" | "topics" | "categories" | "keywords" => meta.keywords.extend(values),
            "canonical" | "canonical_url" | "url" | "permalink"
                if first.starts_with("https://") || first.starts_with("http://") =>
            {
                meta.base = Some(first)
            }
            _ => {}
        }
    }
    meta
}

fn unquote(value: &str) -> String {
    value
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_owned()
}

/// Reads plain text: paragraphs separated by blank lines, nothing marked up.
pub fn read_plain(text: &str) -> Input {
    let mut input = Input::default();
    for paragraph in text.replace("\r\n", "\n").split("\n\n") {
        let mut rich = Rich::default();
        rich.push(paragraph);
        let rich = rich.finish();
        if !rich.text.is_empty() {
            input.blocks.push(Block::Paragraph(rich));
        }
    }
    input
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_items_links_and_footnotes() {
        let input = read(
            "# Title\n\nSaid [Patrick Clawson](https://a.org/x \"T\"), *in* 2011.[^1]\n\n- one\n- [two](#)\n\n[^1]: See [the report](https://b.org/r).\n",
        );
        let texts: Vec<&str> = input
            .blocks
            .iter()
            .map(|b| b.rich().text.as_str())
            .collect();
        assert_eq!(
            texts,
            ["Title", "Said Patrick Clawson, in 2011.", "one", "two"]
        );
        assert!(matches!(input.blocks[0], Block::Heading(1, _)));
        assert!(matches!(input.blocks[3], Block::Item(_)));
        let para = input.blocks[1].rich();
        let (range, url, title) = para.links().next().unwrap();
        assert_eq!(
            (&para.text[range.clone()], url, title),
            ("Patrick Clawson", "https://a.org/x", Some("T"))
        );
        assert!(
            para.marks
                .iter()
                .any(|m| m.kind == MarkKind::Footnote("1".into()))
        );
        assert_eq!(input.footnotes[0].0, "1");
        assert_eq!(input.footnotes[0].1.text, "See the report.");
    }

    #[test]
    fn front_matter() {
        let input = read(
            "---\ntitle: \"Water: A History\"\nauthor:\n  - Ann Lee\n  - Bo Li\ndate: 2023-01-10T09:00:00Z\nlastmod: 2024-03-05\ntags: [Water, 'Climate']\ncanonical: https://a.org/x\n---\n\n## Section\n\nText here.\n",
        );
        let m = &input.meta;
        assert_eq!(m.headline.as_deref(), Some("Water: A History"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Li"]);
        assert_eq!(m.published.as_deref(), Some("2023-01-10"));
        assert_eq!(m.updated.as_deref(), Some("2024-03-05"));
        assert_eq!(m.keywords, ["Water", "Climate"]);
        assert_eq!(m.base.as_deref(), Some("https://a.org/x"));
        let texts: Vec<&str> = input
            .blocks
            .iter()
            .map(|b| b.rich().text.as_str())
            .collect();
        assert_eq!(texts, ["Section", "Text here."]);
        let toml = read("+++\ntitle = \"T\"\n+++\n\nText.\n");
        assert_eq!(toml.meta.headline.as_deref(), Some("T"));
    }

    #[test]
    fn plain_text_keeps_brackets() {
        let input = read_plain("A [b](#) c.\r\n\r\n\n  D.  ");
        let texts: Vec<&str> = input
            .blocks
            .iter()
            .map(|b| b.rich().text.as_str())
            .collect();
        assert_eq!(texts, ["A [b](#) c.", "D."]);
    }
}
