//! The document: paragraphs split into claims (one a sentence), each citing
//! the sources of the links it holds, dated by the years it names, with
//! the speaker of a quotation it attributes.

use crate::model::{
    Author, Block as ModelBlock, Cite, Claim, Document, Name, Person, Section, date,
    id::file_name_id,
};
use crate::rules::date::years_named;

use super::sources::{Sources, resolve};
use super::structure::Article;
use super::{Format, ImportError, Input, MarkKind, Options, Rich, segment, slug};

/// The document and what the editor must still look at.
#[derive(Debug)]
pub struct Built {
    pub document: Document,
    pub unsourced: usize,
    pub claims: usize,
    pub placeholder_links: usize,
    pub summary_from_body: bool,
    pub updated_is_today: bool,
    pub untitled: bool,
    pub no_authors: bool,
    pub unnamed_section: bool,
    pub dropped: Vec<String>,
}

impl Built {
    /// The header comment's lines.
    pub fn notes(&self, name: &str, format: Format) -> Vec<String> {
        let d = &self.document;
        let mut notes = vec![
            format!(
                "Imported by `backgrounder import` from {name} (read as {}).",
                format.name()
            ),
            format!(
                "{} claims in {} sections, one a sentence; {} sources, one a link.",
                self.claims,
                d.sections.len(),
                d.sources.len()
            ),
        ];
        if self.unsourced > 0 {
            notes.push(format!(
                "{} claims cite nothing yet (placeholder links or none): `check` lists them as cite/missing.",
                self.unsourced
            ));
        }
        if self.placeholder_links > 0 {
            notes.push(format!(
                "{} placeholder links (`#`) were left out as sources.",
                self.placeholder_links
            ));
        }
        notes.push(
            "Check each source's type, title and publisher, and add `published` dates.".into(),
        );
        notes.push("Claim dates come from the years each sentence names: confirm them.".into());
        if self.updated_is_today {
            notes.push("The article states no date: `updated` is the import date.".into());
        }
        if self.summary_from_body {
            notes.push(
                "The article has no deck: `summary` is its first sentence; rewrite it.".into(),
            );
        }
        if self.untitled {
            notes.push("The article has no title: replace `TODO title`.".into());
        }
        if self.no_authors {
            notes.push("The article names no author: replace `Your Name` and `Your Role`.".into());
        }
        if self.unnamed_section {
            notes.push(
                "The prose before the first heading is a section called Introduction.".into(),
            );
        }
        if !self.dropped.is_empty() {
            let mut dropped = self.dropped.join(" | ");
            if dropped.chars().count() > 120 {
                dropped = dropped.chars().take(117).collect::<String>() + "...";
            }
            notes.push(format!("Left out as page furniture: {dropped}"));
        }
        notes
    }
}

/// Builds the document from the article's parts.
pub fn build(article: &Article, input: &Input, options: &Options) -> Result<Built, ImportError> {
    let base = input.meta.base.as_deref();
    let mut sources = Sources::default();
    let mut people: Vec<Person> = Vec::new();
    let mut person_ids = std::collections::HashSet::new();
    let mut unsourced = 0;
    let mut claims = 0;
    let mut placeholder_links = 0;
    let updated = article
        .updated
        .clone()
        .or_else(|| article.published.clone());
    let updated_is_today = updated.is_none();
    let updated = updated.unwrap_or_else(|| options.today.clone());
    let updated_end = date::parse(&updated).map(|i| i.end).unwrap_or(i64::MAX);
    let published = article
        .published
        .clone()
        .filter(|p| *p != updated && date::parse(p).is_ok_and(|i| i.start <= updated_end));
    // Footnotes' links, by label: each becomes a source where it is first
    // cited, so that sources stand in the order of their first citation.
    type Pending = (String, String, Option<String>);
    let mut footnotes: std::collections::HashMap<&str, Vec<Pending>> = Default::default();
    for (label, note) in &input.footnotes {
        let mut ids = Vec::new();
        for (range, url, title) in note.links() {
            match resolve(url, base) {
                Some(url) => {
                    let text = &note.text[range.clone()];
                    // A footnote's own words name the source better than a
                    // link text of a word or two (`publisher's page`).
                    let better = title.map(str::to_owned).or_else(|| {
                        let own = footnote_title(note, range.clone());
                        (text.split_whitespace().count() <= 2 || text.contains("://"))
                            .then_some(own)
                            .filter(|t| t.len() > text.len())
                    });
                    ids.push((url, text.to_owned(), better));
                }
                None => placeholder_links += 1,
            }
        }
        footnotes.entry(label).or_default().extend(ids);
    }
    let mut sections = Vec::new();
    let mut section_ids = std::collections::HashSet::new();
    let mut suffixes: std::collections::HashMap<String, usize> = Default::default();
    let mut unnamed_section = false;
    let mut first_sentence: Option<String> = None;
    for (n, raw) in article.sections.iter().enumerate() {
        let heading = raw.heading.clone().unwrap_or_else(|| {
            unnamed_section = true;
            "Introduction".to_owned()
        });
        let mut id = slug(&heading, 60);
        if id.is_empty() {
            id = format!("section-{}", n + 1);
        }
        let stem = id.clone();
        let k = suffixes.entry(stem.clone()).or_insert(2);
        while section_ids.contains(&id) {
            id = format!("{stem}-{k}");
            *k += 1;
        }
        section_ids.insert(id.clone());
        let mut body = Vec::new();
        for paragraph in &raw.paragraphs {
            let paragraph = &paragraph.clone().without_file_marks();
            let protected: Vec<_> = paragraph
                .marks
                .iter()
                .filter(|m| !matches!(m.kind, MarkKind::Footnote(_)))
                .map(|m| m.range.clone())
                .collect();
            let mut list = Vec::new();
            for range in segment::sentences(&paragraph.text, &protected) {
                let sentence = paragraph.slice(range);
                let mut cite: Vec<Cite> = Vec::new();
                let mut cited = std::collections::HashSet::new();
                let mut add = |id: String| {
                    if cited.insert(id.clone()) {
                        cite.push(Cite::Id(id));
                    }
                };
                for mark in &sentence.marks {
                    match &mark.kind {
                        MarkKind::Link { url, title } => match resolve(url, base) {
                            Some(url) => add(sources.add(
                                &url,
                                &sentence.text[mark.range.clone()],
                                title.as_deref(),
                            )),
                            None => placeholder_links += 1,
                        },
                        MarkKind::Footnote(label) => {
                            for (url, text, title) in
                                footnotes.get(label.as_str()).into_iter().flatten()
                            {
                                add(sources.add(url, text, title.as_deref()));
                            }
                        }
                        _ => {}
                    }
                }
                let plain = sentence.text.clone();
                if first_sentence.is_none() {
                    first_sentence = Some(plain.clone());
                }
                let speaker = speaker(&plain).and_then(|(name, affiliation)| {
                    let id = slug(&name, 60);
                    if id.is_empty() {
                        return None;
                    }
                    if person_ids.insert(id.clone()) {
                        people.push(Person {
                            id: id.clone(),
                            name: Name::Written(name),
                            affiliation,
                            url: None,
                        });
                    }
                    Some(id)
                });
                // A quotation that goes on in the next sentence is the same
                // speaker's: `… said Karim Sadjadpour. "They either die …"`.
                let continues = plain.starts_with(['"', '“'])
                    && plain
                        .trim_end_matches(['.', '?', '!'])
                        .ends_with(['"', '”']);
                let speaker = speaker.or_else(|| {
                    continues
                        .then(|| list.last().and_then(|c: &Claim| c.speaker.clone()))
                        .flatten()
                });
                if cite.is_empty() {
                    unsourced += 1;
                }
                claims += 1;
                list.push(Claim {
                    text: markdown_text(&sentence),
                    cite,
                    date: claim_date(&outside_links(&sentence), updated_end)
                        .or_else(|| claim_date(&plain, updated_end)),
                    analysis: false,
                    speaker,
                    allow: Vec::new(),
                });
            }
            if !list.is_empty() {
                body.push(ModelBlock::Paragraph(list));
            }
        }
        if !body.is_empty() {
            sections.push(Section { id, heading, body });
        }
    }
    // Footnotes no sentence refers to, and a list of references, still
    // name the article's sources (`check` reports them as unused).
    for (label, _) in &input.footnotes {
        for (url, text, title) in footnotes.get(label.as_str()).into_iter().flatten() {
            sources.add(url, text, title.as_deref());
        }
    }
    for entry in &article.references {
        for (range, url, title) in entry.links() {
            if let Some(url) = resolve(url, base) {
                let text = &entry.text[range.clone()];
                let own = footnote_title(entry, range.clone());
                let better = title.map(str::to_owned).or_else(|| {
                    (text.split_whitespace().count() <= 2 || text.contains("://"))
                        .then_some(own)
                        .filter(|t| t.len() > text.len())
                });
                sources.add(&url, text, better.as_deref());
            }
        }
    }
    let untitled = article.title.is_none();
    // What the article lacks, the schema still requires: a placeholder
    // that `check` reports (text/placeholder), as in `backgrounder new`.
    let title = article.title.clone().unwrap_or_else(|| "TODO title".into());
    let id = options.id.clone().unwrap_or_else(|| slug(&title, 80));
    if let Err(why) = file_name_id(&id) {
        return Err(ImportError::BadId(id, why));
    }
    let summary_from_body = article.summary.is_none();
    let summary = article
        .summary
        .clone()
        .or(first_sentence)
        .unwrap_or_else(|| "TODO summary".into());
    let document = Document {
        id,
        kind: "backgrounder".into(),
        title,
        short_title: None,
        lang: None,
        authors: if article.authors.is_empty() {
            vec![Author {
                name: "Your Name".into(),
                role: Some("Your Role".into()),
                url: None,
            }]
        } else {
            article.authors.clone()
        },
        published,
        updated,
        topics: article.topics.clone(),
        summary,
        sections,
        people,
        sources: sources.list,
        resources: article
            .resources
            .iter()
            .filter(|r| !r.title.is_empty())
            .cloned()
            .collect(),
        related: article
            .related
            .iter()
            .filter(|r| !r.title.is_empty())
            .cloned()
            .collect(),
    };
    Ok(Built {
        no_authors: article.authors.is_empty(),
        document,
        unsourced,
        claims,
        placeholder_links,
        summary_from_body,
        updated_is_today,
        untitled,
        unnamed_section,
        dropped: article.dropped.clone(),
    })
}

/// The text with its links' texts blanked out: a year there (`a [2011
/// State Department report]`) dates the source, not the event, when the
/// sentence names another.
fn outside_links(sentence: &Rich) -> String {
    let mut text = sentence.text.clone();
    for (range, _, _) in sentence.links() {
        let blank = " ".repeat(range.len());
        if text.is_char_boundary(range.start) && text.is_char_boundary(range.end) {
            text.replace_range(range.clone(), &blank);
        }
    }
    text
}

/// A footnote's text without the link at `range`, as a source title.
fn footnote_title(note: &Rich, range: std::ops::Range<usize>) -> String {
    let text = format!("{}{}", &note.text[..range.start], &note.text[range.end..]);
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([' ', ',', '.', ':', ';'])
        .trim_start_matches("See ")
        .to_owned()
}

/// The sentence as inline Markdown: its characters escaped, its emphasis
/// kept; links become their text (the link is the claim's source).
pub fn markdown_text(sentence: &Rich) -> String {
    let mut inserts: Vec<(usize, bool, &'static str)> = Vec::new();
    for mark in &sentence.marks {
        let marker = match mark.kind {
            MarkKind::Emphasis => "*",
            MarkKind::Strong => "**",
            _ => continue,
        };
        if mark.range.is_empty() {
            continue;
        }
        inserts.push((mark.range.start, true, marker));
        inserts.push((mark.range.end, false, marker));
    }
    // Closing markers before opening ones at the same place.
    inserts.sort_by_key(|&(at, open, _)| (at, open));
    let text = sentence.text.as_str();
    let mut out = String::with_capacity(text.len() + 8);
    let mut next = inserts.iter().peekable();
    for (i, c) in text.char_indices() {
        while let Some(&&(at, _, marker)) = next.peek() {
            if at > i {
                break;
            }
            out.push_str(marker);
            next.next();
        }
        match c {
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '&' if text[i + 1..].starts_with(|n: char| n.is_ascii_alphanumeric() || n == '#')
                && text[i + 1..]
                    .split(char::is_whitespace)
                    .next()
                    .is_some_and(|w| w.contains(';')) =>
            {
                out.push_str("\\&");
            }
            // A line's first `#`, `>`, `-`, `+` or a digit and `.` cannot open
            // a block: claims are read as a paragraph's inline content.
            c => out.push(c),
        }
    }
    for &(_, _, marker) in next {
        out.push_str(marker);
    }
    out
}

/// The claim's date from the years its text names: one year (`1965`), a
/// decade (`197X`), or the span from the first to the last (`1979/1981`).
/// Years after the document's `updated` date are left out.
pub fn claim_date(text: &str, updated_end: i64) -> Option<String> {
    let mut years: Vec<(i64, i64)> = years_named(text)
        .into_iter()
        .filter(|y| y.start <= updated_end)
        .map(|y| {
            (
                date::civil_from_days(y.start).0,
                date::civil_from_days(y.end).0,
            )
        })
        .collect();
    years.sort_unstable();
    years.dedup();
    let token = |(a, b): (i64, i64)| {
        if b > a {
            format!("{}X", a / 10)
        } else {
            a.to_string()
        }
    };
    let first = *years.first()?;
    let last = years.iter().copied().max_by_key(|&(_, b)| b)?;
    if years.len() == 1 || first == last {
        return Some(day_or_month(text, first.0, updated_end).unwrap_or_else(|| token(first)));
    }
    let text = format!("{}/{}", token(first), token(last));
    date::parse(&text).is_ok().then_some(text)
}

/// The one month or day the text names in `year` (`in April 1992`, `on
/// Nov. 24, 1922`), if it names exactly one, as `1992-04`, `1922-11-24`.
fn day_or_month(text: &str, year: i64, updated_end: i64) -> Option<String> {
    static MONTH_DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)\s+(?:\d{1,2},?\s+)?\d{4}\b",
        )
        .expect("a valid pattern")
    });
    let mut found = MONTH_DATE
        .find_iter(text)
        .filter_map(|m| super::structure::parse_date(m.as_str()))
        .filter(|d| d.starts_with(&format!("{year:04}-")));
    let day = found.next()?;
    let before_update = date::parse(&day).is_ok_and(|i| i.start <= updated_end);
    (found.next().is_none() && before_update).then_some(day)
}

/// Words of office before a name, not part of it.
const TITLES: &[&str] = &[
    "Secretary",
    "Commerce",
    "State",
    "Defense",
    "Treasury",
    "Interior",
    "Energy",
    "President",
    "Vice",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Minister",
    "Prime",
    "Foreign",
    "Director",
    "Commissioner",
    "General",
    "Gen.",
    "Ambassador",
    "Governor",
    "Gov.",
    "Mayor",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Chief",
    "Deputy",
    "Former",
    "Professor",
    "Prof.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Judge",
    "Justice",
    "Speaker",
    "Leader",
    "Spokesman",
    "Spokeswoman",
];

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "wrote",
    "writes",
    "told",
    "added",
    "argued",
    "explained",
    "noted",
    "stated",
    "asserted",
    "warned",
    "declared",
];

/// Who a sentence with a quotation attributes it to, and what it says of
/// them: `said Patrick Clawson, director of research at …`, `said former
/// CFR press fellow Elizabeth Rubin`, `wrote Norman Kempster in …`.
pub fn speaker(sentence: &str) -> Option<(String, Option<String>)> {
    if !sentence.contains(['"', '“', '”']) {
        return None;
    }
    let words: Vec<&str> = sentence.split_whitespace().collect();
    // Whether each word stands inside a quotation (a verb there is quoted).
    let mut open = false;
    let mut quoted = Vec::with_capacity(words.len());
    for w in &words {
        let starts_open = open;
        for c in w.chars() {
            match c {
                '“' => open = true,
                '”' => open = false,
                '"' => open = !open,
                _ => {}
            }
        }
        quoted.push(starts_open || open);
    }
    let verb = words.iter().enumerate().position(|(i, w)| {
        !quoted[i]
            && SPEECH_VERBS.contains(
                &w.trim_matches(|c: char| !c.is_alphabetic())
                    .to_lowercase()
                    .as_str(),
            )
    })?;
    let after = &words[verb + 1..];
    let blocked = after.first().is_none_or(|first| {
        let first = first.to_lowercase();
        matches!(
            first.as_str(),
            "a" | "an" | "the" | "its" | "his" | "her" | "their" | "this" | "that" | "in" | "on"
        ) || first.starts_with(|c: char| c.is_ascii_digit())
    });
    let found = if blocked { None } else { name_after(after) };
    // `Writing in The Hill, Raymond Tanter, president of …, argued that "…"`.
    found.or_else(|| name_before(&words[..verb], &quoted[..verb]))
}

/// A word without the punctuation that may follow it.
fn bare(w: &str) -> String {
    w.trim_end_matches([',', '.', ';', ':', '"', '”'])
        .to_owned()
}

/// Capitalised words that begin sentences and clauses, not names.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "With",
    "Writing",
    "Speaking",
    "According",
    "But",
    "And",
    "Or",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "After",
    "Before",
    "When",
    "While",
    "Although",
    "Some",
    "Many",
    "Most",
    "Others",
    "Experts",
    "Officials",
];

/// A word of a person's name: `Clawson`, `O.`, `al-Tufayli`.
fn name_word(w: &str) -> bool {
    let w = bare(w);
    // `al-Tufayli`, `el-Sisi`: an Arabic article joined to a name.
    let w = [
        "al-", "el-", "ad-", "ash-", "as-", "at-", "an-", "ar-", "az-",
    ]
    .iter()
    .find_map(|p| w.strip_prefix(p))
    .filter(|rest| rest.starts_with(char::is_uppercase))
    .map_or(w.clone(), str::to_owned);
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: String = chars.collect();
    first.is_uppercase()
        && !TITLES.contains(&w.as_str())
        && !NOT_NAMES.contains(&w.as_str())
        && (rest == "."
            || (!rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')))
}

/// What a sentence says of the person after their name (`Patrick Clawson,
/// director of research at …,`).
fn apposition(rest: &[&str]) -> Option<String> {
    let rest = rest.join(" ");
    let part = rest
        .split([',', ';'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    (part.starts_with(char::is_lowercase)
        && !part.starts_with("in a ")
        && !part.starts_with("said"))
    .then(|| part.to_owned())
}

/// The name after a speech verb: `said [former CFR press fellow] Elizabeth Rubin`.
fn name_after(after: &[&str]) -> Option<(String, Option<String>)> {
    let mut start = 0;
    while start < after.len().min(8) {
        if !name_word(after[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < after.len() && name_word(after[end]) && end - start < 4 {
            let stops = after[end].ends_with([',', '.', ';']);
            end += 1;
            if stops {
                break;
            }
        }
        let run = &after[start..end];
        let closed = after[end - 1].ends_with([',', '.', ';'])
            || after
                .get(end)
                .is_none_or(|w| w.starts_with(char::is_lowercase));
        if run.len() < 2 || !closed {
            // `Secretary of Commerce Herbert Hoover`: a title, then the name.
            if after[end - 1].ends_with([',', '.', ';']) {
                return None;
            }
            start = end;
            continue;
        }
        let name = run.iter().map(|w| bare(w)).collect::<Vec<_>>().join(" ");
        let before = after[..start].join(" ");
        let affiliation = after[end - 1]
            .ends_with(',')
            .then(|| apposition(&after[end..]))
            .flatten()
            .or_else(|| (!before.is_empty()).then_some(before));
        return Some((name, affiliation));
    }
    None
}

/// The name before a speech verb, set off by commas or right before it:
/// `…, Raymond Tanter, president of the Iran Policy Committee, argued`.
fn name_before(words: &[&str], quoted: &[bool]) -> Option<(String, Option<String>)> {
    let mut start = 0;
    while start < words.len() {
        if quoted[start] || !name_word(words[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < words.len() && !quoted[end] && name_word(words[end]) && end - start < 4 {
            let stops = words[end].ends_with([',', '.', ';']);
            end += 1;
            if stops {
                break;
            }
        }
        let set_off =
            words[end - 1].ends_with(',') && (start == 0 || words[start - 1].ends_with(','));
        // Or right after the quotation, right before the verb: `"…," Maryam Rajavi said`.
        let after_quote = end == words.len() && start > 0 && words[start - 1].ends_with(['"', '”']);
        if end - start >= 2 && (set_off || after_quote) {
            let name = words[start..end]
                .iter()
                .map(|w| bare(w))
                .collect::<Vec<_>>()
                .join(" ");
            let affiliation = words[end - 1]
                .ends_with(',')
                .then(|| apposition(&words[end..]))
                .flatten();
            return Some((name, affiliation));
        }
        start = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers() {
        let s = speaker(
            "\"Rajavi had to rebuild,\" said Patrick Clawson, director of research at the Washington Institute, in a CFR interview.",
        );
        assert_eq!(
            s,
            Some((
                "Patrick Clawson".into(),
                Some("director of research at the Washington Institute".into())
            ))
        );
        let s =
            speaker("It is also \"the only army,\" said former CFR press fellow Elizabeth Rubin.");
        assert_eq!(
            s,
            Some((
                "Elizabeth Rubin".into(),
                Some("former CFR press fellow".into())
            ))
        );
        let s = speaker("\"We are the sons,\" said Subhi al-Tufayli, its first leader.");
        assert_eq!(
            s,
            Some(("Subhi al-Tufayli".into(), Some("its first leader".into())))
        );
        let s = speaker("\"We agree,\" said Secretary of Commerce Herbert Hoover.");
        assert_eq!(
            s,
            Some((
                "Herbert Hoover".into(),
                Some("Secretary of Commerce".into())
            ))
        );
        let s = speaker("\"One official said so,\" wrote Norman Kempster in the *LA Times*.");
        assert_eq!(s, Some(("Norman Kempster".into(), None)));
        assert_eq!(
            speaker("\"It was,\" said a 2011 State Department report."),
            None
        );
        assert_eq!(speaker("Patrick Clawson said it."), None);
        let s = speaker(
            "Writing in *The Hill* in 2014, Raymond Tanter, president of the Iran Policy Committee, a group, argued that MEK \"dissidents have ties.\"",
        );
        assert_eq!(
            s,
            Some((
                "Raymond Tanter".into(),
                Some("president of the Iran Policy Committee".into())
            ))
        );
        assert_eq!(speaker("\"It is over,\" The Washington Post said."), None);
        let s = speaker("\"It is over,\" Maryam Rajavi said.");
        assert_eq!(s, Some(("Maryam Rajavi".into(), None)));
        let s = speaker(
            "\"One official said inclusion of the People's Mujahadeen was a gesture,\" wrote Norman Kempster in the *LA Times*.",
        );
        assert_eq!(s, Some(("Norman Kempster".into(), None)));
    }

    #[test]
    fn dates_from_years() {
        let end = date::parse("2014-07-28").unwrap().end;
        assert_eq!(
            claim_date("It struck in April 1992 in ten countries.", end).as_deref(),
            Some("1992-04")
        );
        assert_eq!(
            claim_date("Signed on Nov. 24, 1922, at Bishop's Lodge.", end).as_deref(),
            Some("1922-11-24")
        );
        assert_eq!(
            claim_date("In May 2014 and again in June 2014.", end).as_deref(),
            Some("2014")
        );
        assert_eq!(
            claim_date("It ended on July 30, 2014.", end).as_deref(),
            Some("2014")
        );
        assert_eq!(
            claim_date("The MEK was founded in 1965 by students.", end).as_deref(),
            Some("1965")
        );
        assert_eq!(
            claim_date("It was imprisoned in the 1970s.", end).as_deref(),
            Some("197X")
        );
        assert_eq!(
            claim_date("In 1979 and again in 1981.", end).as_deref(),
            Some("1979/1981")
        );
        assert_eq!(
            claim_date("From the 1970s to 1985.", end).as_deref(),
            Some("197X/1985")
        );
        assert_eq!(claim_date("Some 3,000 members, of 12,000.", end), None);
        assert_eq!(claim_date("It plans a vote in 2016.", end), None);
    }

    #[test]
    fn markdown_escapes_and_emphasis() {
        let mut r = Rich::default();
        r.push("release [of] the *real* ");
        let i = r.open(MarkKind::Emphasis);
        r.push("LA Times");
        r.close(i);
        r.push(" <b> AT&T &amp; x_y");
        let r = r.finish();
        assert_eq!(
            markdown_text(&r),
            "release \\[of\\] the \\*real\\* *LA Times* \\<b> AT&T \\&amp; x\\_y"
        );
    }
}
