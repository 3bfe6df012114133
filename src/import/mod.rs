//! `backgrounder import`: an article already published as Markdown, HTML or
//! plain text, turned into a document in the content model that an editor
//! then finishes (sources to find, dates to confirm).
//!
//! The readers ([`markdown`], [`html`]) turn the input into [`Block`]s of
//! [`Rich`] text; [`structure`] finds the title, byline, dates, sections and
//! lists in them; [`claims`] splits paragraphs into claims with
//! [`segment`]; [`sources`] makes a source of each link; [`yaml`] writes
//! the result for people to read.

pub mod claims;
pub mod html;
pub mod markdown;
pub mod segment;
pub mod sources;
pub mod structure;
pub mod yaml;

use std::ops::Range;

use crate::model::Document;

/// The input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    /// Plain text: paragraphs separated by blank lines, no markup.
    Text,
}

impl Format {
    /// The format of a file called `name`: HTML for `.html`, `.htm` and
    /// `.xhtml`, Markdown for `.md` and `.markdown`, else by its content.
    pub fn guess(name: &str, text: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if [".html", ".htm", ".xhtml"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            Format::Html
        } else if [".md", ".markdown"].iter().any(|e| lower.ends_with(e)) {
            Format::Markdown
        } else {
            Format::sniff(text)
        }
    }

    /// The format of a text: HTML when it starts as a page or an article's
    /// markup, else Markdown (which reads plain text as written, but for
    /// its links).
    pub fn sniff(text: &str) -> Format {
        let head: String = text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .take(64)
            .collect::<String>()
            .to_ascii_lowercase();
        let html = [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<article",
            "<main",
            "<section",
            "<div",
            "<p>",
            "<h1",
            "<meta",
        ];
        if html.iter().any(|t| head.starts_with(t)) {
            Format::Html
        } else {
            Format::Markdown
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Text => "plain text",
        }
    }
}

/// What to import and how.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The document's id; from the title when absent.
    pub id: Option<String>,
    /// The input format; sniffed when absent.
    pub format: Option<Format>,
    /// The date to write as `updated` when the article states none
    /// (`YYYY-MM-DD`, normally today).
    pub today: String,
}

/// Why an input cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty: there is nothing to import")]
    Empty,
    /// Not UTF-8 text; the byte offset of the first offending byte.
    #[error(
        "the file is not text (binary data or an encoding other than UTF-8 at byte {0}): import reads Markdown, HTML or plain text saved as UTF-8"
    )]
    Binary(usize),
    /// Text, but no paragraph of prose in it.
    #[error(
        "the file holds no paragraph of article text: import needs the article's prose (Markdown, HTML or plain text)"
    )]
    NoText,
    /// HTML nested deeper than [`html::MAX_NESTING`] elements.
    #[error(
        "the page nests its elements {0} deep, more than the {max} import reads (an article page nests under a hundred): save the article's own page, or its text as Markdown",
        max = html::MAX_NESTING
    )]
    TooDeep(usize),
    /// `--id` (or the id made from the title) cannot name a document.
    #[error(
        "the id `{0}` {1}: pass --id with lowercase letters and digits joined by single hyphens"
    )]
    BadId(String, crate::model::id::IdProblem),
}

/// An imported document, written out as YAML.
#[derive(Clone, Debug)]
pub struct Imported {
    pub document: Document,
    pub yaml: String,
    /// Claims with no source yet (each a `cite/missing` for `check`).
    pub unsourced: usize,
    pub format: Format,
}

/// Plain text with marks over byte ranges of it: links, emphasis, footnote
/// references. Whitespace is collapsed to single spaces as text is pushed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rich {
    pub text: String,
    pub marks: Vec<Mark>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub kind: MarkKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A link: its target as written and its `title` attribute, if any.
    Link {
        url: String,
        title: Option<String>,
    },
    Emphasis,
    Strong,
    /// A reference to a footnote, by label; an empty range where it stood.
    Footnote(String),
}

impl Rich {
    pub fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
            } else if !c.is_control() && !invisible(c) {
                self.text.push(c);
            }
        }
    }

    /// Opens a mark at the end of the text; returns its index for [`Rich::close`].
    pub fn open(&mut self, kind: MarkKind) -> usize {
        let at = self.text.len();
        self.marks.push(Mark {
            range: at..at,
            kind,
        });
        self.marks.len() - 1
    }

    pub fn close(&mut self, index: usize) {
        let end = self.text.len();
        if let Some(mark) = self.marks.get_mut(index) {
            mark.range.end = end;
        }
    }

    /// Trims spaces at both ends and from the ends of every mark.
    pub fn finish(mut self) -> Rich {
        let lead = self.text.len() - self.text.trim_start().len();
        let text = self.text.trim().to_owned();
        for mark in &mut self.marks {
            let start = mark.range.start.saturating_sub(lead).min(text.len());
            let mut end = mark.range.end.saturating_sub(lead).clamp(start, text.len());
            let mut start = start;
            while start < end && text.as_bytes()[start] == b' ' {
                start += 1;
            }
            while end > start && text.as_bytes()[end - 1] == b' ' {
                end -= 1;
            }
            mark.range = start..end;
        }
        // Sorted by start, so that a part's marks are found by bisection.
        self.marks.sort_by_key(|m| m.range.start);
        Rich {
            text,
            marks: self.marks,
        }
    }

    /// The links, in order.
    pub fn links(&self) -> impl Iterator<Item = (&Range<usize>, &str, Option<&str>)> {
        self.marks.iter().filter_map(|m| match &m.kind {
            MarkKind::Link { url, title } => Some((&m.range, url.as_str(), title.as_deref())),
            _ => None,
        })
    }

    /// Whether the whole text is one link's text.
    pub fn is_one_link(&self) -> bool {
        self.links()
            .any(|(range, _, _)| range.start == 0 && range.end == self.text.len())
    }

    /// A part of the text, its marks cut to it.
    pub fn slice(&self, range: Range<usize>) -> Rich {
        let first = self.marks.partition_point(|m| m.range.start < range.start);
        let marks = self.marks[first..]
            .iter()
            .take_while(|m| m.range.start <= range.end)
            .filter(|m| {
                m.range.start >= range.start && m.range.end <= range.end && {
                    // An empty mark (a footnote) belongs to the part it stands in.
                    !(m.range.is_empty() && m.range.start == range.start && range.start > 0)
                }
            })
            .map(|m| Mark {
                range: m.range.start - range.start..m.range.end - range.start,
                kind: m.kind.clone(),
            })
            .collect();
        Rich {
            text: self.text[range].to_owned(),
            marks,
        }
        .finish()
    }

    /// Without the file-type marks (`(PDF)`) at the end of link texts: a
    /// label of the page's, not prose.
    pub fn without_file_marks(self) -> Rich {
        let mut cuts: Vec<Range<usize>> = self
            .links()
            .filter_map(|(range, _, _)| {
                let text = &self.text[range.clone()];
                let (kept, marked) = sources::strip_file_mark(text);
                marked.then(|| range.start + kept.len()..range.end)
            })
            .collect();
        if cuts.is_empty() {
            return self;
        }
        cuts.sort_by_key(|c| c.start);
        cuts.dedup_by(|b, a| b.start < a.end);
        // Bytes cut before each cut's end, for moving the marks in one pass.
        let mut removed = Vec::with_capacity(cuts.len());
        let mut text = String::with_capacity(self.text.len());
        let mut at = 0;
        let mut total = 0;
        for cut in &cuts {
            text.push_str(&self.text[at..cut.start]);
            total += cut.len();
            removed.push(total);
            at = cut.end;
        }
        text.push_str(&self.text[at..]);
        let shift = |p: usize| {
            // The cuts ending at or before p, and p clamped out of a cut.
            let n = cuts.partition_point(|c| c.end <= p);
            let before = if n == 0 { 0 } else { removed[n - 1] };
            match cuts.get(n) {
                Some(c) if c.start < p => c.start - before,
                _ => p - before,
            }
        };
        let marks = self
            .marks
            .iter()
            .map(|m| Mark {
                range: shift(m.range.start)..shift(m.range.end),
                kind: m.kind.clone(),
            })
            .collect();
        Rich { text, marks }.finish()
    }

    /// Appends another rich text after a space.
    pub fn append(&mut self, other: &Rich) {
        if !self.text.is_empty() && !other.text.is_empty() {
            self.text.push(' ');
        }
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.marks.extend(other.marks.iter().map(|m| Mark {
            range: m.range.start + offset..m.range.end + offset,
            kind: m.kind.clone(),
        }));
    }
}

/// A block of the input, as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(u8, Rich),
    Paragraph(Rich),
    Item(Rich),
}

impl Block {
    pub fn rich(&self) -> &Rich {
        match self {
            Block::Heading(_, r) | Block::Paragraph(r) | Block::Item(r) => r,
        }
    }
}

/// What a reader found: the blocks of the article's main content, its
/// footnotes, and what the page says about itself.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<(String, Rich)>,
    pub meta: Meta,
}

/// What an HTML page says about itself in its `<head>`.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// The headline exactly, as Markdown front matter gives it.
    pub headline: Option<String>,
    /// The page's `<title>` (often with the site's name).
    pub title: Option<String>,
    pub description: Option<String>,
    /// The deck printed under the headline (`.deck`, `.dek`, `.standfirst`).
    pub deck: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub keywords: Vec<String>,
    /// The page's own address (`<link rel=canonical>`, `og:url`, `<base>`),
    /// against which relative links are resolved.
    pub base: Option<String>,
}

/// Imports `bytes`, read from a file called `name` (for the header comment).
pub fn import(name: &str, bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::Binary(e.valid_up_to()))?;
    if let Some(at) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .map(|(i, _)| i)
    {
        return Err(ImportError::Binary(at));
    }
    let text = text.trim_start_matches('\u{feff}');
    let format = options.format.unwrap_or_else(|| Format::guess(name, text));
    let input = match format {
        Format::Markdown => markdown::read(text),
        Format::Html => {
            let depth = html::nesting(text);
            if depth > html::MAX_NESTING {
                return Err(ImportError::TooDeep(depth));
            }
            html::read(text)
        }
        Format::Text => markdown::read_plain(text),
    };
    let article = structure::find(&input);
    if article.sections.iter().all(|s| s.paragraphs.is_empty()) {
        return Err(ImportError::NoText);
    }
    let built = claims::build(&article, &input, options)?;
    let yaml = yaml::write(&built.document, &built.notes(name, format));
    Ok(Imported {
        unsourced: built.unsourced,
        document: built.document,
        yaml,
        format,
    })
}

/// Characters a page carries for layout that would only get in the way
/// (soft hyphens, zero-width spaces, byte order marks, word joiners) or
/// that `check` refuses (bidirectional controls, `text/bidi`).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// A kebab-case id from any text: ASCII letters and digits, the rest as
/// single hyphens, at most `max` bytes, cut at a hyphen.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // `Iran's` is `irans`.
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if out.len() > max {
        let cut = out[..max].rfind('-').unwrap_or(max);
        out.truncate(cut);
    }
    out
}

/// Latin letters with diacritics as their base letter, for ids.
fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_text_collapses_space_and_trims_marks() {
        let mut r = Rich::default();
        r.push("  sa\u{ad}id\u{200b}\u{202e} ");
        let i = r.open(MarkKind::Emphasis);
        r.push(" Patrick\n Clawson ");
        r.close(i);
        r.push(" , today ");
        let r = r.finish();
        assert_eq!(r.text, "said Patrick Clawson , today");
        assert_eq!(&r.text[r.marks[0].range.clone()], "Patrick Clawson");
    }

    #[test]
    fn file_marks_leave_link_texts() {
        let mut r = Rich::default();
        r.push("a ");
        let i = r.open(MarkKind::Link {
            url: "#".into(),
            title: None,
        });
        r.push("Ashraf (PDF)");
        r.close(i);
        r.push(" would.");
        let r = r.finish().without_file_marks();
        assert_eq!(r.text, "a Ashraf would.");
        assert_eq!(&r.text[r.marks[0].range.clone()], "Ashraf");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Mujahadeen-e-Khalq (MEK)", 80),
            "mujahadeen-e-khalq-mek"
        );
        assert_eq!(
            slug("Iran's Revolutionary Guards", 80),
            "irans-revolutionary-guards"
        );
        assert_eq!(slug("Leadership & Ideology", 80), "leadership-ideology");
        assert_eq!(slug("Côte d’Ivoire", 80), "cote-divoire");
        assert_eq!(slug("one two three", 8), "one-two");
        assert_eq!(slug("—", 8), "");
    }

    #[test]
    fn sniffs_html() {
        assert_eq!(Format::sniff("\n<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(Format::sniff("# Title\n\n<b>x</b>"), Format::Markdown);
        assert_eq!(Format::sniff("<article><h1>T</h1>"), Format::Html);
        assert_eq!(Format::sniff("<!-- draft -->\n# T"), Format::Markdown);
        assert_eq!(Format::guess("a.HTM", "Plain words."), Format::Html);
        assert_eq!(Format::guess("a.md", "<div>x</div>"), Format::Markdown);
        assert_eq!(Format::guess("a.txt", "<!DOCTYPE html>"), Format::Html);
    }
}
