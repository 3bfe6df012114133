//! The article's parts in a stream of blocks: title, byline, dates, deck,
//! sections, "Additional Resources", "More on This Topic", topics.
//!
//! Text pasted from a web page often has no heading markup: then a short
//! line with no closing punctuation and no link is a heading, and a
//! paragraph cut in two (a line with no closing punctuation followed by one
//! that starts in lower case) is joined again.

use crate::model::{Author, Name, Related, Resource};

use super::sources::{resolve, strip_file_mark};
use super::{Block, Input, Rich};

/// The parts found.
#[derive(Clone, Debug, Default)]
pub struct Article {
    pub title: Option<String>,
    pub authors: Vec<Author>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub summary: Option<String>,
    pub topics: Vec<String>,
    pub sections: Vec<RawSection>,
    pub resources: Vec<Resource>,
    pub related: Vec<Related>,
    /// Lines left out (breadcrumbs, navigation), for the header comment.
    pub dropped: Vec<String>,
    /// The entries of a "Notes", "References" or "Sources" list: not
    /// prose, but their links are sources.
    pub references: Vec<Rich>,
}

#[derive(Clone, Debug, Default)]
pub struct RawSection {
    /// `None` for prose before the first heading.
    pub heading: Option<String>,
    pub paragraphs: Vec<Rich>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Body,
    Resources,
    Related,
    Skip,
}

/// Finds the article's parts in what a reader found.
pub fn find(input: &Input) -> Article {
    let blocks = &input.blocks;
    let meta = &input.meta;
    let mut article = Article {
        published: meta.published.clone(),
        updated: meta.updated.clone(),
        topics: meta.keywords.clone(),
        ..Article::default()
    };
    // The front matter: everything up to the last byline or date line that
    // comes before the first real paragraph of prose.
    let front_end = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph(r) if is_prose(r)) && !is_front_line(b.rich()))
        .unwrap_or(blocks.len());
    let last_front = blocks[..front_end]
        .iter()
        .rposition(|b| is_front_line(b.rich()));
    let h1 = blocks[..front_end]
        .iter()
        .position(|b| matches!(b, Block::Heading(1, _)));
    let title_at = h1.or_else(|| {
        if meta.headline.is_some() {
            return None;
        }
        let before = last_front.unwrap_or(front_end);
        blocks[..before]
            .iter()
            .rposition(|b| matches!(b, Block::Heading(..)) || heading_like(b.rich()))
            .or_else(|| {
                // After the byline, but never past the first prose: what
                // comes before the title is left out.
                blocks[..front_end]
                    .iter()
                    .position(|b| matches!(b, Block::Heading(..)) || heading_like(b.rich()))
            })
    });
    article.title = meta
        .headline
        .clone()
        .or_else(|| title_at.map(|i| blocks[i].rich().text.clone()))
        .or_else(|| meta.title.clone());
    let body_start = match (title_at, last_front) {
        (Some(t), Some(f)) => t.max(f) + 1,
        (Some(t), None) => t + 1,
        (None, Some(f)) => f + 1,
        (None, None) => 0,
    };
    for (i, block) in blocks[..body_start.min(blocks.len())].iter().enumerate() {
        if Some(i) == title_at {
            continue;
        }
        let rich = block.rich();
        if let Some(mut authors) = byline(&rich.text) {
            // A linked name: the author's page, when it is a real address.
            for author in &mut authors {
                author.url = rich
                    .links()
                    .find(|(range, _, _)| rich.text[(*range).clone()] == author.name.to_string())
                    .and_then(|(_, url, _)| resolve(url, meta.base.as_deref()));
            }
            article.authors.extend(authors);
        } else if let Some((updated, day)) = date_line(&rich.text) {
            let slot = if updated {
                &mut article.updated
            } else {
                &mut article.published
            };
            slot.get_or_insert(day);
        } else if title_at.is_some_and(|t| i > t) && is_prose(rich) {
            article.summary.get_or_insert_with(|| rich.text.clone());
        } else {
            article.dropped.push(rich.text.clone());
        }
    }
    if article.authors.is_empty() {
        article.authors = meta
            .authors
            .iter()
            .map(|name| Author {
                name: Name::Written(name.clone()),
                role: None,
                url: None,
            })
            .collect();
    }
    if article.summary.is_none() {
        article.summary = meta.deck.clone().or_else(|| meta.description.clone());
    }
    let rest = &blocks[body_start.min(blocks.len())..];
    // Without heading markup, short lines are the headings.
    let guess_headings = !rest.iter().any(|b| matches!(b, Block::Heading(..)));
    let mut mode = Mode::Body;
    let mut i = 0;
    while i < rest.len() {
        let block = &rest[i];
        let rich = block.rich();
        i += 1;
        let text = rich.text.as_str();
        let lower = text.to_lowercase();
        let is_heading = matches!(block, Block::Heading(..))
            || (guess_headings && mode == Mode::Body && heading_like(rich))
            || (guess_headings && special(&lower).is_some());
        if lower.starts_with("view more from") || lower.starts_with("topics:") {
            let list = text
                .split_once(':')
                .map(|(_, l)| l)
                .or_else(|| text.get("view more from".len()..))
                .unwrap_or("");
            for topic in list
                .split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                if !article.topics.iter().any(|t| t == topic) {
                    article.topics.push(topic.to_owned());
                }
            }
            continue;
        }
        if lower.starts_with("back to ") || lower == "share" || lower.starts_with("share this") {
            article.dropped.push(text.to_owned());
            continue;
        }
        if is_heading {
            match special(&lower) {
                Some(m) => mode = m,
                None if matches!(block, Block::Heading(..)) || mode == Mode::Body => {
                    mode = Mode::Body;
                    article.sections.push(RawSection {
                        heading: Some(text.to_owned()),
                        paragraphs: Vec::new(),
                    });
                }
                None => {}
            }
            if special(&lower).is_some() || mode == Mode::Body {
                continue;
            }
        }
        match mode {
            Mode::Skip => article.references.push(rich.clone()),
            Mode::Body => {
                let mut paragraph = rich.clone();
                // A paragraph the page cut in two.
                while !ends_a_sentence(&paragraph.text)
                    && let Some(next) = rest.get(i)
                    && matches!(next, Block::Paragraph(_))
                    && !(guess_headings && heading_like(next.rich()))
                    && (next.rich().text.starts_with(char::is_lowercase)
                        || paragraph.text.len() > 80)
                {
                    paragraph.append(next.rich());
                    i += 1;
                }
                if article.sections.is_empty() {
                    article.sections.push(RawSection::default());
                }
                if let Some(section) = article.sections.last_mut() {
                    section.paragraphs.push(paragraph);
                }
            }
            Mode::Resources => article.resources.push(resource(rich, meta.base.as_deref())),
            Mode::Related => {
                let starts_item = rich.is_one_link() || matches!(block, Block::Heading(..));
                let after_label = i >= 2 && rest[i - 2].rich().text.ends_with(':');
                match article.related.last_mut() {
                    Some(item) if !starts_item || after_label => {
                        let note = item.note.get_or_insert_with(String::new);
                        if !note.is_empty() && !text.starts_with([',', '.', ';']) {
                            note.push(' ');
                        }
                        note.push_str(text);
                    }
                    _ => {
                        let (range, url) = rich
                            .links()
                            .next()
                            .map(|(r, u, _)| (r.clone(), resolve(u, meta.base.as_deref())))
                            .unwrap_or((0..rich.text.len(), None));
                        article.related.push(Related {
                            title: strip_file_mark(&rich.text[range]).0.to_owned(),
                            reference: None,
                            url,
                            authors: Vec::new(),
                            note: None,
                        });
                    }
                }
            }
        }
    }
    for item in &mut article.related {
        if let Some(byline) = item.note.take() {
            let (authors, note) = related_byline(&byline);
            item.authors = authors;
            item.note = note;
        }
    }
    article.sections.retain(|s| !s.paragraphs.is_empty());
    article
}

/// The list a heading opens, if it is one of the page's closing lists.
fn special(lower: &str) -> Option<Mode> {
    let lower = lower.trim_end_matches(':');
    if lower == "additional resources" || lower == "further reading" {
        Some(Mode::Resources)
    } else if lower.starts_with("more on this topic")
        || lower == "related"
        || lower.starts_with("related articles")
    {
        Some(Mode::Related)
    } else if matches!(
        lower,
        "footnotes" | "notes" | "endnotes" | "references" | "sources"
    ) {
        Some(Mode::Skip)
    } else {
        None
    }
}

/// A short line with no closing punctuation and no link.
pub fn heading_like(rich: &Rich) -> bool {
    let text = rich.text.as_str();
    !text.is_empty()
        && text.len() <= 80
        && text.split_whitespace().count() <= 12
        && rich.links().next().is_none()
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !text.ends_with(['.', '?', '!', ':', ';', ',', '"', '”', '’', '…'])
        && byline(text).is_none()
        && date_line(text).is_none()
}

/// Whether the text ends as a sentence does (a stop, maybe in a closing
/// quotation mark or bracket).
fn ends_a_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')', ']'])
        .ends_with(['.', '?', '!', '…', ':'])
}

/// A paragraph of running prose: ends as a sentence, or is long.
fn is_prose(rich: &Rich) -> bool {
    ends_a_sentence(&rich.text) && rich.text.split_whitespace().count() >= 6
}

fn is_front_line(rich: &Rich) -> bool {
    byline(&rich.text).is_some() || date_line(&rich.text).is_some()
}

/// The authors a byline names: `Author: Jonathan Masters, Deputy Editor`,
/// `By Jane Doe and John Roe`.
pub fn byline(text: &str) -> Option<Vec<Author>> {
    let lower = text.to_lowercase();
    let rest = ["authors:", "author:", "by:", "by "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| text.get(p.len()..))?
        .trim();
    if rest.is_empty() || rest.len() > 300 {
        return None;
    }
    let authors: Vec<Author> = split_people(rest)
        .into_iter()
        .map(|part| match part.split_once(", ") {
            Some((name, role)) => Author {
                name: Name::Written(name.trim().to_owned()),
                role: Some(role.trim().trim_end_matches('.').to_owned()),
                url: None,
            },
            None => Author {
                name: Name::Written(part.trim().trim_end_matches('.').to_owned()),
                role: None,
                url: None,
            },
        })
        .filter(|a| !a.name.is_blank())
        .collect();
    (!authors.is_empty()).then_some(authors)
}

/// `A, role, and B, role` or `A and B` as its people.
fn split_people(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split(", and ").collect();
    if parts.len() > 1 {
        return parts.into_iter().map(str::to_owned).collect();
    }
    if !text.contains(", ") {
        return text.split(" and ").map(str::to_owned).collect();
    }
    vec![text.to_owned()]
}

/// `Updated: July 28, 2014` as (true, `2014-07-28`); `Published …` as false.
pub fn date_line(text: &str) -> Option<(bool, String)> {
    let lower = text.to_lowercase();
    let (updated, rest) = [
        ("last updated", true),
        ("updated", true),
        ("published", false),
        ("posted", false),
        ("", false),
    ]
    .iter()
    .find(|(p, _)| lower.starts_with(p))
    .map(|(p, u)| {
        (
            *u,
            text.get(p.len()..)
                .unwrap_or("")
                .trim_start_matches([':', ' ', '\u{a0}'])
                .trim(),
        )
    })?;
    parse_date(rest).map(|d| (updated, d))
}

/// A date as articles print it (`July 28, 2014`, `Jul. 28, 2014`, `28 July
/// 2014`, `July 2014`, `2014-07-28`) in the content model's form.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('.');
    if text.len() >= 4 && text.len() <= 10 && crate::model::date::parse(text).is_ok() {
        return Some(text.to_owned());
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let month = |w: &str| {
        crate::model::date::MONTHS
            .iter()
            .map(|m| m.to_ascii_lowercase())
            .position(|m| {
                w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || w == m || w == "sept")
            })
            .map(|i| i + 1)
    };
    let number = |w: &str| w.parse::<i64>().ok();
    let (y, m, d) = match words.as_slice() {
        [m, d, y] if month(m).is_some() => (number(y)?, month(m)?, Some(number(d)?)),
        [d, m, y] if month(m).is_some() => (number(y)?, month(m)?, Some(number(d)?)),
        [m, y] if month(m).is_some() => (number(y)?, month(m)?, None),
        _ => return None,
    };
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let iso = match d {
        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y:04}-{m:02}"),
    };
    crate::model::date::parse(&iso).ok().map(|_| iso)
}

/// An "Additional Resources" entry: its first link as title and address,
/// the whole entry as the note.
fn resource(rich: &Rich, base: Option<&str>) -> Resource {
    let link = rich.links().next();
    let (title, url) = match link {
        Some((range, url, _)) => (
            strip_file_mark(&rich.text[range.clone()]).0.to_owned(),
            resolve(url, base),
        ),
        None => (rich.text.clone(), None),
    };
    let note = (rich.text != title).then(|| rich.text.clone());
    Resource {
        title,
        reference: None,
        url,
        note,
    }
}

/// A related piece's byline: `Authors: A, role, and B, role` as the
/// authors (`name, role` each), anything else (`Moderator: …`) as the note.
fn related_byline(text: &str) -> (Vec<String>, Option<String>) {
    let text = text.replace(" ,", ",");
    let mut authors = Vec::new();
    let mut rest = Vec::new();
    // Split before each label.
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(':') {
        let label_start = text[..at].rfind(' ').map_or(0, |s| s + 1);
        if label_start > start && is_label(&text[label_start..at]) {
            parts.push(text[start..label_start].trim());
            start = label_start;
        }
    }
    parts.push(text[start..].trim());
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        match part.split_once(':') {
            Some((label, names))
                if label.eq_ignore_ascii_case("author")
                    || label.eq_ignore_ascii_case("authors")
                    || label.eq_ignore_ascii_case("by") =>
            {
                authors.extend(
                    split_people(names.trim())
                        .into_iter()
                        .map(|a| a.trim().to_owned())
                        .filter(|a| !a.is_empty()),
                );
            }
            _ => rest.push(part.to_owned()),
        }
    }
    let note = (!rest.is_empty()).then(|| rest.join(" "));
    (authors, note)
}

fn is_label(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "author"
            | "authors"
            | "moderator"
            | "moderators"
            | "editor"
            | "editors"
            | "speaker"
            | "speakers"
            | "by"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[&str]) -> Input {
        let mut input = Input::default();
        for text in blocks {
            let mut rich = Rich::default();
            rich.push(text);
            input.blocks.push(Block::Paragraph(rich.finish()));
        }
        input
    }

    #[test]
    fn prose_before_the_first_heading_is_kept() {
        let article = find(&texts(&[
            "The first paragraph of the article, with no title before it.",
            "A second paragraph follows it here.",
            "Background",
            "More prose under a heading of its own.",
        ]));
        assert_eq!(article.title, None);
        let headings: Vec<Option<&str>> = article
            .sections
            .iter()
            .map(|s| s.heading.as_deref())
            .collect();
        assert_eq!(headings, [None, Some("Background")]);
        assert_eq!(article.sections[0].paragraphs.len(), 2);
        assert!(article.dropped.is_empty());
    }

    #[test]
    fn dates_as_printed() {
        assert_eq!(parse_date("July 28, 2014").as_deref(), Some("2014-07-28"));
        assert_eq!(parse_date("Jul. 28, 2014").as_deref(), Some("2014-07-28"));
        assert_eq!(parse_date("28 Sept 2014").as_deref(), Some("2014-09-28"));
        assert_eq!(parse_date("March 2014").as_deref(), Some("2014-03"));
        assert_eq!(parse_date("2014-07-28").as_deref(), Some("2014-07-28"));
        assert_eq!(parse_date("February 30, 2014"), None);
        assert_eq!(parse_date("Mayhem 3, 2014"), None);
        assert_eq!(
            date_line("Updated: July 28, 2014"),
            Some((true, "2014-07-28".into()))
        );
        assert_eq!(
            date_line("Published March 5, 2024"),
            Some((false, "2024-03-05".into()))
        );
        assert_eq!(date_line("Updated daily"), None);
    }

    #[test]
    fn bylines() {
        let a = byline("Author: Jonathan Masters, Deputy Editor").unwrap();
        assert_eq!(
            (a[0].name.to_string().as_str(), a[0].role.as_deref()),
            ("Jonathan Masters", Some("Deputy Editor"))
        );
        let b = byline("By Jane Doe and John Roe").unwrap();
        assert_eq!(
            b.iter().map(|a| a.name.to_string()).collect::<Vec<_>>(),
            ["Jane Doe", "John Roe"]
        );
        assert!(byline("Byzantium fell.").is_none());
    }

    #[test]
    fn related_bylines() {
        let (a, n) = related_byline(
            "Authors: Steven Simon, Fellow, and Jonathan Stevenson, U.S. Naval War College",
        );
        assert_eq!(
            a,
            [
                "Steven Simon, Fellow",
                "Jonathan Stevenson, U.S. Naval War College"
            ]
        );
        assert_eq!(n, None);
        let (a, n) = related_byline(
            "Author: Bruce O. Riedel , Senior Fellow Moderator: Gideon Rose , Managing Editor, Foreign Affairs",
        );
        assert_eq!(a, ["Bruce O. Riedel, Senior Fellow"]);
        assert_eq!(
            n.as_deref(),
            Some("Moderator: Gideon Rose, Managing Editor, Foreign Affairs")
        );
    }
}
