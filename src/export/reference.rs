//! References formatted by a citation-style engine: each `model::Source`
//! becomes a hayagriva [`Entry`] and is rendered as a bibliography entry in
//! the inline model (italic titles, linked URLs) in a CSL style bundled with hayagriva (Chicago
//! notes-bibliography by default), so no style file is ever fetched.
//!
//! A style and its locales are parsed once per process and shared; the
//! same formatted string then appears in every export.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hayagriva::citationberg::{FontStyle, FontWeight};
use hayagriva::citationberg::{IndependentStyle, Locale, Style};
use hayagriva::types::{
    Date, EntryType, FormatString, Person, Publisher, QualifiedUrl, StringChunk,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, Entry, Formatted,
};

use super::ExportError;
use crate::model::inline::{self, Inline};
use crate::model::{Name, Source};

/// The style used when none is asked for.
pub const DEFAULT_STYLE: &str = "chicago-notes";

/// The names `--style` accepts, for messages.
pub const COMMON_STYLES: [&str; 6] = [
    "chicago-notes",
    "chicago-author-date",
    "apa",
    "mla",
    "ieee",
    "harvard-cite-them-right",
];

/// A bundled CSL file as build.rs stored it in `OUT_DIR`.
macro_rules! deflated {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".cbor.deflate"))
    };
}

/// A bundled CSL file's CBOR (a few hundred KB at most).
fn inflate(deflated: &[u8]) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, 4 * 1024 * 1024).ok()
}

/// The styles shipped in `assets/csl/` (see its README): the names each is
/// known by, and its CBOR form (deflated by build.rs).
const STYLES: &[(&[&str], &[u8])] = &[
    (
        &[
            "chicago-notes",
            "chicago-notes-bibliography",
            "chicago-fullnotes",
        ],
        deflated!("chicago-notes-bibliography"),
    ),
    (&["chicago-author-date"], deflated!("chicago-author-date")),
    (&["apa"], deflated!("apa")),
    (
        &["mla", "modern-language-association"],
        deflated!("modern-language-association"),
    ),
    (&["ieee"], deflated!("ieee")),
    (
        &["harvard-cite-them-right", "harvard"],
        deflated!("harvard-cite-them-right"),
    ),
];

/// The locales shipped in `assets/csl/locales/` (deflated by build.rs).
const LOCALES: &[&[u8]] = &[deflated!("en-US"), deflated!("en-GB")];

/// A parsed CSL style with the locales it needs.
pub struct ReferenceStyle {
    name: String,
    style: IndependentStyle,
    /// The same style with an empty citation layout. hayagriva builds a
    /// bibliography only from cited entries, and rendering that citation
    /// (a full note in Chicago) cost twice as much as the bibliography
    /// entry that is all an export uses; the bibliography reads nothing
    /// of the citation's text. None for styles whose citations use the
    /// citation label, which the bibliography then prints in place of
    /// the citation number.
    stub: Option<IndependentStyle>,
    locales: Vec<Locale>,
}

impl std::fmt::Debug for ReferenceStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceStyle")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// The language a bundled CBOR locale is for, read from its first entry
/// (`@xml:lang`) without decoding the rest.
fn locale_lang(bytes: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"@xml:lang";
    let head = &bytes[..bytes.len().min(64)];
    let at = head.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let (len, start) = match *bytes.get(at)? {
        b @ 0x60..=0x77 => (usize::from(b - 0x60), at + 1),
        0x78 => (usize::from(*bytes.get(at + 1)?), at + 2),
        _ => return None,
    };
    std::str::from_utf8(bytes.get(start..start + len)?).ok()
}

/// The bundled locales for `langs` (plus en-US, every style's fallback),
/// each decoded once per process. Decoding all 60-odd bundled locales costs
/// more than formatting a document's references, so only these are read.
fn locales(langs: &[&str]) -> Vec<Locale> {
    static DECODED: OnceLock<Mutex<HashMap<String, Locale>>> = OnceLock::new();
    let cache = DECODED.get_or_init(|| Mutex::new(HashMap::new()));
    let mut wanted: Vec<&str> = vec!["en-US"];
    wanted.extend(langs.iter().copied().filter(|l| *l != "en-US"));
    let mut out = Vec::new();
    for lang in wanted {
        if let Some(l) = cache.lock().ok().and_then(|c| c.get(lang).cloned()) {
            out.push(l);
            continue;
        }
        let bytes = LOCALES
            .iter()
            .filter_map(|b| inflate(b))
            .find(|b| locale_lang(b) == Some(lang));
        let decoded = bytes.and_then(|b| ciborium::de::from_reader::<Locale, _>(b.as_slice()).ok());
        if let Some(l) = decoded {
            if let Ok(mut c) = cache.lock() {
                c.insert(lang.to_owned(), l.clone());
            }
            out.push(l);
        }
    }
    out
}

impl ReferenceStyle {
    /// The style named `name` (a hayagriva archive name such as
    /// `chicago-notes`, `apa`, `mla` or `ieee`), parsed on first use and
    /// shared for the rest of the process.
    pub fn named(name: &str) -> Result<&'static ReferenceStyle, ExportError> {
        static CACHE: OnceLock<Mutex<HashMap<String, &'static ReferenceStyle>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let key = name.trim().to_ascii_lowercase();
        if let Some(style) = cache.lock().ok().and_then(|c| c.get(&key).copied()) {
            return Ok(style);
        }
        let loaded: &'static ReferenceStyle = Box::leak(Box::new(Self::load(&key)?));
        if let Ok(mut c) = cache.lock() {
            return Ok(*c.entry(key).or_insert(loaded));
        }
        Ok(loaded)
    }

    /// The default style, Chicago notes-bibliography.
    pub fn default_style() -> Result<&'static ReferenceStyle, ExportError> {
        Self::named(DEFAULT_STYLE)
    }

    fn load(name: &str) -> Result<ReferenceStyle, ExportError> {
        let unknown = || ExportError::UnknownStyle {
            name: name.to_owned(),
        };
        let bytes = STYLES
            .iter()
            .find(|(names, _)| names.contains(&name))
            .map(|(_, bytes)| *bytes)
            .ok_or_else(unknown)?;
        let style = inflate(bytes)
            .and_then(|b| independent(&b))
            .ok_or_else(|| ExportError::BrokenStyle {
                name: name.to_owned(),
            })?;
        let default_locale = style.default_locale.as_ref().map(|l| l.0.clone());
        let locales = locales(default_locale.as_deref().as_slice());
        let stub = citation_stub(&style);
        Ok(ReferenceStyle {
            name: name.to_owned(),
            style,
            stub,
            locales,
        })
    }

    /// The name this style was asked for by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// One source as a bibliography entry.
    pub fn format(&self, source: &Source) -> Vec<Inline> {
        let entry = entry(source);
        let mut rich = self.render(&entry);
        if let Some(end) = source.published.as_deref().and_then(interval_end) {
            // The engine has no date ranges: render the entry again with the
            // interval's end and join the two dates where they differ.
            let mut until = entry.clone();
            until.set_date(end);
            if let Some(joined) = join_dates(&rich, &self.render(&until)) {
                rich = joined;
            }
        }
        if inline::plain(&rich).trim().is_empty() {
            fallback(source)
        } else {
            rich
        }
    }

    fn render(&self, entry: &Entry) -> Vec<Inline> {
        let locales = self.locales.as_slice();
        let run = || {
            let mut driver = BibliographyDriver::new();
            driver.citation(CitationRequest::from_items(
                vec![CitationItem::with_entry(entry)],
                self.stub.as_ref().unwrap_or(&self.style),
                locales,
            ));
            driver.finish(BibliographyRequest::new(&self.style, None, locales))
        };
        // The engine is not expected to panic, but a reference must never
        // take the whole export down.
        let Ok(rendered) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(item) = rendered
            .bibliography
            .and_then(|b| b.items.into_iter().next())
        {
            // The first field of a numeric style is the item's number ("[1]"),
            // which belongs to the export's own numbering, not the reference.
            rich(&item.content, &mut out);
        }
        if inline::plain(&out).trim().is_empty() {
            // A style without a bibliography: use a full citation instead.
            let full = || {
                let mut driver = BibliographyDriver::new();
                let mut item = CitationItem::with_entry(entry);
                item.purpose = Some(CitePurpose::Full);
                driver.citation(CitationRequest::from_items(
                    vec![item],
                    &self.style,
                    locales,
                ));
                driver.finish(BibliographyRequest::new(&self.style, None, locales))
            };
            if let Ok(rendered) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(full)) {
                for c in rendered.citations {
                    rich(&c.citation, &mut out);
                }
            }
        }
        let mut out = tidy(out);
        let mut last = None;
        no_stop_after_question(&mut out, &mut last);
        inline::polish(out)
    }
}

/// Drops the period or comma a style adds after a title that ends in `?`
/// or `!` (`“Who Is Hezbollah?.”` becomes `“Who Is Hezbollah?”`), looking
/// past closing quotation marks and across styled runs.
fn no_stop_after_question(nodes: &mut [Inline], last: &mut Option<char>) {
    for node in nodes {
        match node {
            Inline::Text(t) | Inline::Code(t) => {
                let mut kept = String::with_capacity(t.len());
                for c in t.chars() {
                    if matches!(c, '.' | ',') && matches!(last, Some('?' | '!')) {
                        continue;
                    }
                    if !matches!(c, '”' | '’' | '"' | '\'') {
                        *last = Some(c);
                    }
                    kept.push(c);
                }
                *t = kept;
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                no_stop_after_question(c, last);
            }
        }
    }
}

/// The engine's rich text as inline elements: italic as emphasis, bold as
/// strong, links kept when their target is allowed.
fn rich(children: &ElemChildren, out: &mut Vec<Inline>) {
    fn styled(f: &Formatted) -> Inline {
        let mut node = Inline::Text(f.text.replace(JOINED, " "));
        if f.formatting.font_weight == FontWeight::Bold {
            node = Inline::Strong(vec![node]);
        }
        if f.formatting.font_style == FontStyle::Italic {
            node = Inline::Emphasis(vec![node]);
        }
        node
    }
    for child in &children.0 {
        match child {
            ElemChild::Text(f) => out.push(styled(f)),
            ElemChild::Elem(e) => rich(&e.children, out),
            ElemChild::Markup(m) => out.push(Inline::Text(m.clone())),
            ElemChild::Link { text, url } if inline::safe_url(url) => out.push(Inline::Link {
                url: url.clone(),
                title: String::new(),
                children: vec![styled(text)],
            }),
            ElemChild::Link { text, .. } => out.push(styled(text)),
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// Whitespace runs collapsed to one space across the whole tree, ends
/// trimmed, empty nodes dropped.
fn tidy(nodes: Vec<Inline>) -> Vec<Inline> {
    fn walk(nodes: Vec<Inline>, space: &mut bool) -> Vec<Inline> {
        let mut out = Vec::with_capacity(nodes.len());
        for node in nodes {
            let node = match node {
                Inline::Text(t) | Inline::Code(t) => {
                    let mut text = String::with_capacity(t.len());
                    for c in t.chars() {
                        if c.is_whitespace() {
                            if !*space {
                                text.push(' ');
                            }
                            *space = true;
                        } else {
                            text.push(c);
                            *space = false;
                        }
                    }
                    Inline::Text(text)
                }
                Inline::Emphasis(c) => Inline::Emphasis(walk(c, space)),
                Inline::Strong(c) => Inline::Strong(walk(c, space)),
                Inline::Link {
                    url,
                    title,
                    children,
                } => Inline::Link {
                    url,
                    title,
                    children: walk(children, space),
                },
            };
            let empty = match &node {
                Inline::Text(t) => t.is_empty(),
                Inline::Emphasis(c) | Inline::Strong(c) => c.is_empty(),
                _ => false,
            };
            if !empty {
                out.push(node);
            }
        }
        out
    }
    // Leading space: start as if after one.
    let mut space = true;
    let mut out = walk(nodes, &mut space);
    trim_end(&mut out);
    out
}

fn trim_end(nodes: &mut Vec<Inline>) {
    while let Some(last) = nodes.last_mut() {
        match last {
            Inline::Text(t) => {
                let len = t.trim_end().len();
                t.truncate(len);
                if t.is_empty() {
                    nodes.pop();
                    continue;
                }
            }
            Inline::Emphasis(c) | Inline::Strong(c) => {
                trim_end(c);
                if c.is_empty() {
                    nodes.pop();
                    continue;
                }
            }
            _ => {}
        }
        break;
    }
}

/// `style` with a citation that renders nothing (see
/// [`ReferenceStyle::stub`]), or None when its citations print the
/// citation label or it has no bibliography.
fn citation_stub(style: &IndependentStyle) -> Option<IndependentStyle> {
    if style.bibliography.is_none()
        || format!("{:?}", style.citation.layout).contains("CitationLabel")
    {
        return None;
    }
    let mut stub = style.clone();
    stub.citation.layout.elements.clear();
    stub.citation.sort = None;
    Some(stub)
}

/// A shipped style, decoded. Every shipped style is independent (tested).
fn independent(bytes: &[u8]) -> Option<IndependentStyle> {
    match ciborium::de::from_reader::<Style, _>(bytes).ok()? {
        Style::Independent(style) => Some(style),
        Style::Dependent(_) => None,
    }
}

/// The hand-made reference used only if the engine produced nothing:
/// authors, "title", publisher, date, URL.
fn fallback(source: &Source) -> Vec<Inline> {
    let mut parts: Vec<String> = Vec::new();
    if !source.authors.is_empty() {
        parts.push(
            source
                .authors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    parts.push(format!("“{}”", source.title));
    if let Some(p) = &source.publisher {
        parts.push(p.clone());
    }
    if let Some(d) = &source.published {
        parts.push(super::resolve::human_date(d));
    }
    if let Some(u) = &source.url {
        parts.push(u.clone());
    }
    inline::plain_text(&inline::collapse(&format!("{}.", parts.join(". "))))
}

/// Text kept exactly as the editor wrote it: styles may not re-case it
/// (title case turns "MEK" into "Mek" and "S/RES/1929" into "S/res/1929").
fn text(value: &str) -> FormatString {
    FormatString::from(StringChunk::verbatim(value))
}

/// The hayagriva entry for a source.
pub fn entry(source: &Source) -> Entry {
    let kind = match source.kind.as_str() {
        "report" | "testimony" => EntryType::Report,
        "article" | "interview" => EntryType::Article,
        "book" => EntryType::Book,
        "webpage" | "statement" => EntryType::Web,
        _ => EntryType::Misc,
    };
    let mut entry = Entry::new(&source.id, kind);
    entry.set_title(text(&source.title));
    let authors: Vec<Person> = source.authors.iter().filter_map(person).collect();
    if !authors.is_empty() {
        entry.set_authors(authors);
    }
    if let Some(date) = source.published.as_deref().and_then(date) {
        entry.set_date(date);
    }
    let accessed = source.accessed.as_deref().and_then(date);
    let web = |u: &url::Url| inline::web_scheme(u.scheme());
    if let Some(url) = source
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .filter(web)
    {
        entry.set_url(QualifiedUrl::new(url, accessed));
    }
    let genre = match source.kind.as_str() {
        "interview" => Some("Interview"),
        "testimony" => Some("Testimony"),
        "statement" => Some("Statement"),
        "dataset" => Some("Dataset"),
        _ => None,
    };
    if let Some(g) = genre {
        entry.set_genre(text(g));
    }
    if let Some(publisher) = source.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
        match kind {
            // An article appears in a periodical; a web page on a website.
            EntryType::Article => {
                let mut parent = Entry::new(&format!("{}-in", source.id), EntryType::Newspaper);
                parent.set_title(text(publisher));
                entry.set_parents(vec![parent]);
            }
            EntryType::Web => {
                let mut parent = Entry::new(&format!("{}-in", source.id), EntryType::Web);
                parent.set_title(text(publisher));
                entry.set_parents(vec![parent]);
            }
            _ => entry.set_publisher(Publisher::new(Some(text(publisher)), None)),
        }
    }
    entry
}

/// A hayagriva date from a content date: `2014-07-28`, `2014-07`, `2014`,
/// approximate `2014~`; the start of an interval; nothing for decades.
fn date(value: &str) -> Option<Date> {
    let value = value.split('/').next()?.trim();
    let (core, approximate) = match value.strip_suffix(['~', '?', '%']) {
        Some(core) => (core, true),
        None => (value, false),
    };
    let mut parts = core.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: Option<u8> = match parts.next() {
        Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))? - 1),
        None => None,
    };
    let day: Option<u8> = match parts.next() {
        Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))? - 1),
        None => None,
    };
    Some(Date {
        year,
        month,
        day: month.and(day),
        approximate,
        season: None,
    })
}

/// The end of an interval `start/end` when it is a date that differs from
/// the start.
fn interval_end(value: &str) -> Option<Date> {
    let (start, end) = value.split_once('/')?;
    let (start, end) = (date(start)?, date(end)?);
    (start != end).then_some(end)
}

/// One reference from two renderings that differ only in their date:
/// `July 2006` and `September 2006` give `July–September 2006`. None when
/// they differ anywhere else, or by more than a date's few words.
fn join_dates(from: &[Inline], until: &[Inline]) -> Option<Vec<Inline>> {
    fn walk(a: &[Inline], b: &[Inline], joined: &mut bool) -> Option<Vec<Inline>> {
        if a.len() != b.len() {
            return None;
        }
        a.iter()
            .zip(b)
            .map(|(x, y)| match (x, y) {
                (Inline::Text(x), Inline::Text(y)) if x != y => {
                    if *joined {
                        return None;
                    }
                    *joined = true;
                    join_text(x, y).map(Inline::Text)
                }
                (Inline::Emphasis(x), Inline::Emphasis(y)) => {
                    walk(x, y, joined).map(Inline::Emphasis)
                }
                (Inline::Strong(x), Inline::Strong(y)) => walk(x, y, joined).map(Inline::Strong),
                (
                    Inline::Link {
                        url,
                        title,
                        children: x,
                    },
                    Inline::Link { children: y, .. },
                ) => walk(x, y, joined).map(|children| Inline::Link {
                    url: url.clone(),
                    title: title.clone(),
                    children,
                }),
                (x, y) if x == y => Some(x.clone()),
                _ => None,
            })
            .collect()
    }
    let mut joined = false;
    walk(from, until, &mut joined).filter(|_| joined)
}

fn join_text(from: &str, until: &str) -> Option<String> {
    let a: Vec<char> = from.chars().collect();
    let b: Vec<char> = until.chars().collect();
    let word = |c: char| c.is_alphanumeric();
    let mut head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // Never cut a word or a number in two (`2006`, `2007` share `200`).
    while head > 0
        && head < a.len()
        && head < b.len()
        && word(a[head - 1])
        && (word(a[head]) || word(b[head]))
    {
        head -= 1;
    }
    let room = a.len().min(b.len()) - head;
    let mut tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
        .min(room);
    while tail > 0
        && word(a[a.len() - tail])
        && (word(a[a.len() - tail - 1]) || word(b[b.len() - tail - 1]))
    {
        tail -= 1;
    }
    let mid_a: String = a[head..a.len() - tail].iter().collect();
    let mid_b: String = b[head..b.len() - tail].iter().collect();
    let datelike = |s: &str| {
        !s.trim().is_empty() && s.chars().count() <= 24 && s.split_whitespace().count() <= 4
    };
    if !datelike(&mid_a) || !datelike(&mid_b) {
        return None;
    }
    let head: String = a[..head].iter().collect();
    let tail: String = a[a.len() - tail..].iter().collect();
    Some(format!("{head}{}–{}{tail}", mid_a.trim(), mid_b.trim()))
}

const SUFFIXES: [&str; 6] = ["Jr.", "Jr", "Sr.", "Sr", "II", "III"];

/// The engine's person for a name: its parts as written, an organisation
/// whole, or the parts guessed from a name written whole.
fn person(name: &Name) -> Option<Person> {
    match name {
        Name::Written(written) => guess_person(written),
        Name::Literal { literal } => {
            let literal = literal.trim();
            (!literal.is_empty()).then(|| whole(literal.to_owned()))
        }
        Name::Parts(parts) => {
            let nonblank = |s: &Option<String>| {
                s.as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            // The particle stays before the family name, which is printed
            // first: `de Gaulle, Charles`, `al-Maliki, Nouri`.
            let family = parts.family_with_particle();
            if parts.family.trim().is_empty() {
                return None;
            }
            Some(Person {
                name: family.replace(' ', &JOINED.to_string()),
                given_name: nonblank(&parts.given),
                prefix: None,
                suffix: nonblank(&parts.suffix),
                comma_suffix: false,
                alias: None,
            })
        }
    }
}

/// Stands for a space inside a family name or an organisation's name
/// while the engine renders it: the engine reads a first word such as `Van`
/// or `de` as a particle and moves it behind the given name (`Camp, Jon
/// Van`), which is right for a name written whole but not for one whose
/// parts the editor gave. Rendered text turns it back into a space.
const JOINED: char = '\u{E000}';

/// A name the engine must print as it is (an organisation).
fn whole(name: String) -> Person {
    Person {
        name: name.replace(' ', &JOINED.to_string()),
        given_name: None,
        prefix: None,
        suffix: None,
        comma_suffix: false,
        alias: None,
    }
}

/// A person from a name as editors write it: "Family, Given" or
/// "Given [particle] Family [Jr.]"; a one-word name (or an organisation)
/// is a family name alone.
fn guess_person(name: &str) -> Option<Person> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    if name.contains(',') {
        let parts: Vec<&str> = name.splitn(3, ',').collect();
        if let Ok(p) = Person::from_strings(parts) {
            return Some(p);
        }
    }
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let suffix = match words.last() {
        Some(last) if words.len() > 2 && SUFFIXES.contains(last) => {
            let s = (*last).to_owned();
            words.pop();
            Some(s)
        }
        _ => None,
    };
    let institutional = words.len() == 1
        || words
            .iter()
            .skip(1)
            .any(|w| matches!(*w, "of" | "for" | "and" | "the" | "on"));
    if institutional {
        return Some(whole(words.join(" ")));
    }
    // The family name starts at the first lower-case particle after the
    // given names ("Ludwig van Beethoven"), or is the last word.
    let start = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, w)| w.chars().next().is_some_and(char::is_lowercase))
        .map_or(words.len() - 1, |(i, _)| i);
    let given = words[..start].join(" ");
    let family = words[start..].join(" ");
    let mut parts = vec![family.as_str()];
    if let Some(s) = &suffix {
        parts.push(s);
    }
    parts.push(given.as_str());
    Person::from_strings(parts).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(kind: &str) -> Source {
        Source {
            id: "s".into(),
            kind: kind.into(),
            title: "The Iranian Mojahedin".into(),
            publisher: Some("Yale University Press".into()),
            authors: vec!["Ervand Abrahamian".into()],
            url: None,
            published: Some("1989".into()),
            accessed: None,
            archive: None,
            allow: vec![],
        }
    }

    #[test]
    fn chicago_book() {
        let style = ReferenceStyle::default_style().unwrap();
        let rich = style.format(&source("book"));
        assert_eq!(
            inline::plain(&rich),
            "Abrahamian, Ervand. The Iranian Mojahedin. Yale University Press, 1989."
        );
        // The book title keeps its italics.
        assert!(rich.contains(&Inline::Emphasis(vec![Inline::Text(
            "The Iranian Mojahedin".into()
        )])));
    }

    #[test]
    fn a_question_in_a_title_gets_no_second_stop() {
        let style = ReferenceStyle::default_style().unwrap();
        let mut s = source("article");
        s.title = "Who Is Hezbollah?".into();
        s.publisher = Some("Council on Foreign Relations".into());
        let text = inline::plain(&style.format(&s));
        assert!(text.contains("Who Is Hezbollah?”"), "{text}");
        assert!(!text.contains("?.") && !text.contains("?,"), "{text}");
    }

    fn with_author(author: serde_json::Value) -> String {
        let style = ReferenceStyle::default_style().unwrap();
        let mut s = source("book");
        s.authors = vec![serde_json::from_value(author).unwrap()];
        inline::plain(&style.format(&s))
    }

    #[test]
    fn names_in_parts_print_the_family_name_first() {
        use serde_json::json;
        let cases = [
            (
                json!({"given": "Jon", "family": "Van Camp"}),
                "Van Camp, Jon.",
            ),
            (
                json!({"given": "Nouri", "particle": "al-", "family": "Maliki"}),
                "al-Maliki, Nouri.",
            ),
            (
                json!({"given": "Osama", "particle": "bin", "family": "Laden"}),
                "bin Laden, Osama.",
            ),
            (
                json!({"given": "Charles", "particle": "de", "family": "Gaulle"}),
                "de Gaulle, Charles.",
            ),
            (
                json!({"given": "Martin Luther", "family": "King", "suffix": "Jr."}),
                "King, Martin Luther, Jr.",
            ),
            (
                json!({"literal": "U.S. Department of State"}),
                "U.S. Department of State.",
            ),
        ];
        for (author, want) in cases {
            let text = with_author(author);
            assert!(text.starts_with(want), "{want:?} in {text:?}");
        }
        // Written whole, a capitalised particle cannot be told from a
        // given name: the reason for the parts.
        assert!(with_author(json!("Jon Van Camp")).starts_with("Camp, Jon Van."));
    }

    #[test]
    fn every_shipped_style_loads() {
        for (names, _) in STYLES {
            for name in *names {
                let style = ReferenceStyle::named(name).unwrap();
                assert!(
                    !inline::plain(&style.format(&source("book"))).is_empty(),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn other_styles_load_once() {
        let a = ReferenceStyle::named("apa").unwrap();
        let b = ReferenceStyle::named("APA").unwrap();
        assert!(std::ptr::eq(a, b));
        assert!(inline::plain(&a.format(&source("book"))).starts_with("Abrahamian, E. (1989)"));
        assert!(ReferenceStyle::named("no-such-style").is_err());
    }

    #[test]
    fn bundled_locales_are_found_by_language() {
        let en = locales(&[]);
        assert_eq!(en.len(), 1);
        assert_eq!(en[0].lang.as_ref().map(|l| l.0.as_str()), Some("en-US"));
        let gb = locales(&["en-GB"]);
        assert_eq!(gb.len(), 2);
        assert_eq!(gb[1].lang.as_ref().map(|l| l.0.as_str()), Some("en-GB"));
    }

    #[test]
    fn names_are_split() {
        let p = guess_person("Ludwig van Beethoven").unwrap();
        assert_eq!(
            (p.name.as_str(), p.prefix.as_deref()),
            ("Beethoven", Some("van"))
        );
        assert_eq!(p.given_name.as_deref(), Some("Ludwig"));
        let p = guess_person("S. R. Bohandy").unwrap();
        assert_eq!(
            (p.name.as_str(), p.given_name.as_deref()),
            ("Bohandy", Some("S. R."))
        );
        let p = guess_person("Abrahamian, Ervand").unwrap();
        assert_eq!(p.name, "Abrahamian");
        assert_eq!(guess_person("Reuters").unwrap().name, "Reuters");
    }

    #[test]
    fn intervals_print_as_intervals() {
        let style = ReferenceStyle::default_style().unwrap();
        let mut s = source("article");
        s.publisher = Some("The New York Times".into());
        for (published, want) in [
            ("2006-07/2006-09", "July–September 2006"),
            ("2006/2007", "2006–2007"),
            ("2006-07/2007-03", "July 2006–March 2007"),
            ("2006-07-28/2006-08-03", "July 28–August 3, 2006"),
            ("2006-07/2006-07", "July 2006."),
        ] {
            s.published = Some(published.into());
            let text = inline::plain(&style.format(&s));
            assert!(text.contains(want), "{published}: {want:?} in {text:?}");
        }
    }

    #[test]
    fn join_text_keeps_words_whole() {
        assert_eq!(
            join_text("x, 2006.", "x, 2007.").as_deref(),
            Some("x, 2006–2007.")
        );
        assert_eq!(
            join_text("July 2006.", "May 2006.").as_deref(),
            Some("July–May 2006.")
        );
        assert_eq!(
            join_text("A title 2006. More", "Other 2007. Text here and on").as_deref(),
            None
        );
    }

    #[test]
    fn dates_convert() {
        let d = date("2014-07-28").unwrap();
        assert_eq!((d.year, d.month, d.day), (2014, Some(6), Some(27)));
        assert!(date("2014~").unwrap().approximate);
        assert!(date("197X").is_none());
        assert_eq!(date("2011-12/2012-09").unwrap().month, Some(11));
    }
}
