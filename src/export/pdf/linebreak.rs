//! Line breaking: words split at whitespace, broken at en-US hyphenation
//! points, after dashes and inside URLs, first fit, justified or ragged.

use std::sync::LazyLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use unicode_script::{Script, UnicodeScript};

use super::fonts::{Fonts, ignorable};
use super::spans::{Kind, Span};

/// The embedded en-US patterns; without them text is set unhyphenated.
static HYPHENATOR: LazyLock<Option<Standard>> =
    LazyLock::new(|| Standard::from_embedded(Language::EnglishUS).ok());

const EPSILON: f32 = 0.01;

/// The most characters that can matter when breaking a word: more than
/// any line holds. Breaks are looked for only in this many characters of
/// the word, so a giant word costs time in proportion to its length.
const PROBE: usize = 600;

/// Part of a word in one span.
#[derive(Clone, Debug)]
pub struct Frag {
    pub text: String,
    pub span: usize,
    /// Ends in a hyphen added by the line break (drawn, but marked as a
    /// soft hyphen so that extracted text has the whole word).
    pub hyphen: bool,
}

/// A word as laid out: its parts, width and the space that follows it.
#[derive(Clone, Debug, Default)]
pub struct Word {
    pub frags: Vec<Frag>,
    pub width: f32,
    pub space: f32,
}

#[derive(Clone, Debug, Default)]
pub struct Line {
    pub words: Vec<Word>,
    pub justify: bool,
}

impl Line {
    /// The width of the line as set, without stretching.
    #[cfg(test)]
    pub fn natural(&self) -> f32 {
        let n = self.words.len();
        self.words
            .iter()
            .enumerate()
            .map(|(i, w)| w.width + if i + 1 < n { w.space } else { 0.0 })
            .sum()
    }
}

/// A word between spaces, before line breaking.
#[derive(Debug, Default)]
struct RawWord {
    frags: Vec<Frag>,
    line_break: bool,
}

/// A place a word may be broken: before byte `at` of part `frag`.
#[derive(Clone, Copy, Debug)]
struct BreakAt {
    frag: usize,
    at: usize,
    hyphen: bool,
}

/// The text of a block, ready to be broken into lines.
pub struct Breaker<'a> {
    pub spans: &'a [Span],
    pub fonts: &'a Fonts,
    pub justify: bool,
}

impl Breaker<'_> {
    fn frag_width(&self, frag: &Frag) -> f32 {
        let style = self.spans[frag.span].style;
        let hyphen = if frag.hyphen {
            self.fonts.width(style, "-")
        } else {
            0.0
        };
        self.fonts.width(style, &frag.text) + hyphen
    }

    fn frags_width(&self, frags: &[Frag]) -> f32 {
        frags.iter().map(|f| self.frag_width(f)).sum()
    }

    fn space_after(&self, frags: &[Frag]) -> f32 {
        let style = frags
            .last()
            .map_or(self.spans[0].style, |f| self.spans[f.span].style);
        self.fonts.width(style, " ")
    }

    /// The words of the text, split at whitespace (which collapses).
    fn words(&self) -> Vec<RawWord> {
        let mut words: Vec<RawWord> = Vec::new();
        let mut current = RawWord::default();
        for (index, span) in self.spans.iter().enumerate() {
            if span.kind == Kind::Break {
                if !current.frags.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                if let Some(last) = words.last_mut() {
                    last.line_break = true;
                }
                continue;
            }
            for ch in span.text.chars() {
                if ch.is_whitespace() && ch != '\u{a0}' && ch != '\u{202f}' {
                    if !current.frags.is_empty() {
                        words.push(std::mem::take(&mut current));
                    }
                    continue;
                }
                // Soft hyphens, controls and bidi marks have no glyph; the
                // hyphenator finds the breaks.
                if ignorable(ch) {
                    continue;
                }
                // A character no face has (which `pdf/missing-glyph`
                // reports before any build) is shown as a question mark.
                let ch = if self.fonts.covers(ch) { ch } else { '?' };
                match current.frags.last_mut() {
                    Some(frag) if frag.span == index => frag.text.push(ch),
                    _ => current.frags.push(Frag {
                        text: ch.to_string(),
                        span: index,
                        hyphen: false,
                    }),
                }
            }
        }
        if !current.frags.is_empty() {
            words.push(current);
        }
        words
    }

    /// Where a word may be broken, in order: after dashes and slashes, at
    /// hyphenation points of its longer alphabetic runs, and anywhere in a
    /// URL after punctuation.
    fn break_points(&self, frags: &[Frag]) -> Vec<BreakAt> {
        let mut out = Vec::new();
        for (index, frag, cutoff) in probe(frags) {
            let kind = self.spans[frag.span].kind;
            let text = &frag.text[..cutoff];
            let last = frag.text.len();
            let url = kind == Kind::Url || text.contains("://") || text.starts_with("www.");
            match kind {
                Kind::Marker | Kind::Break => continue,
                _ if url => {
                    // As Chicago has it: after a slash, colon or the like;
                    // before a dot, hyphen or underscore, so that a break is
                    // never mistaken for a hyphenation or a sentence's end.
                    for (i, ch) in text.char_indices() {
                        let at = if "/:?&=#+;@".contains(ch) {
                            i + ch.len_utf8()
                        } else if ".-_~%,".contains(ch) {
                            i
                        } else {
                            continue;
                        };
                        let double = ch == '/' && text[at..].starts_with('/');
                        if at > 0 && at < last && !double {
                            out.push(BreakAt {
                                frag: index,
                                at,
                                hyphen: false,
                            });
                        }
                    }
                }
                _ => {
                    for (i, ch) in text.char_indices() {
                        let at = i + ch.len_utf8();
                        if matches!(ch, '-' | '–' | '—' | '/') && i > 0 && at < last {
                            out.push(BreakAt {
                                frag: index,
                                at,
                                hyphen: false,
                            });
                        }
                    }
                    if let Some(hyphenator) = HYPHENATOR.as_ref() {
                        for (start, run) in alphabetic_runs(text) {
                            // The patterns are for English; other scripts
                            // (an Arabic word above all) are never broken.
                            if run.chars().any(|c| c.script() != Script::Latin) {
                                continue;
                            }
                            let letters = run.chars().count();
                            let shouting = run.chars().all(|c| !c.is_lowercase());
                            // Longer runs are not words; they are cut anywhere.
                            if !(5..=40).contains(&letters) || shouting {
                                continue;
                            }
                            for b in hyphenator.hyphenate(run).breaks {
                                if b > 0 && b < run.len() && run.is_char_boundary(b) {
                                    out.push(BreakAt {
                                        frag: index,
                                        at: start + b,
                                        hyphen: true,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
        out.sort_by_key(|b| (b.frag, b.at));
        out.dedup_by_key(|b| (b.frag, b.at));
        out
    }

    /// Every character boundary: the last resort for a word wider than
    /// the line.
    fn any_points(frags: &[Frag]) -> Vec<BreakAt> {
        let mut out = Vec::new();
        for (index, frag, cutoff) in probe(frags) {
            let text = &frag.text[..cutoff];
            for (i, c) in text.char_indices().skip(1) {
                // Never inside a word of a joining script.
                let before = text[..i].chars().next_back();
                if joins(c) && before.is_some_and(joins) {
                    continue;
                }
                out.push(BreakAt {
                    frag: index,
                    at: i,
                    hyphen: false,
                });
            }
            if index + 1 < frags.len() {
                out.push(BreakAt {
                    frag: index,
                    at: frag.text.len(),
                    hyphen: false,
                });
            }
        }
        out
    }

    fn split(frags: &[Frag], at: BreakAt) -> (Vec<Frag>, Vec<Frag>) {
        let mut head: Vec<Frag> = frags[..at.frag].to_vec();
        let mut tail: Vec<Frag> = Vec::new();
        let frag = &frags[at.frag];
        head.push(Frag {
            text: frag.text[..at.at].to_owned(),
            span: frag.span,
            hyphen: at.hyphen,
        });
        tail.push(Frag {
            text: frag.text[at.at..].to_owned(),
            span: frag.span,
            hyphen: frag.hyphen,
        });
        tail.extend_from_slice(&frags[at.frag + 1..]);
        head.retain(|f| !f.text.is_empty());
        tail.retain(|f| !f.text.is_empty());
        (head, tail)
    }

    /// The longest head of `frags` (at one of `points`) that fits `room`.
    fn best_split(
        &self,
        frags: &[Frag],
        points: &[BreakAt],
        room: f32,
    ) -> Option<(Vec<Frag>, Vec<Frag>)> {
        // Measure the text up to each point incrementally (a word can be a
        // URL of thousands of characters), then confirm the choice with an
        // exact measure, which includes kerning.
        let mut best = None;
        let mut before = 0.0;
        let mut from = (0, 0);
        for (k, p) in points.iter().enumerate() {
            before += self.segment_width(frags, from, (p.frag, p.at));
            from = (p.frag, p.at);
            let hyphen = if p.hyphen {
                self.fonts.width(self.spans[frags[p.frag].span].style, "-")
            } else {
                0.0
            };
            if before + hyphen <= room + EPSILON {
                best = Some(k);
            } else if before > room {
                break;
            }
        }
        let mut k = best?;
        loop {
            let (head, tail) = Breaker::split(frags, points[k]);
            if !head.is_empty() && !tail.is_empty() && self.frags_width(&head) <= room + EPSILON {
                return Some((head, tail));
            }
            k = k.checked_sub(1)?;
        }
    }

    /// The width of `frags` from one (part, byte) position to another.
    fn segment_width(&self, frags: &[Frag], from: (usize, usize), to: (usize, usize)) -> f32 {
        let mut total = 0.0;
        for (index, frag) in frags.iter().enumerate().take(to.0 + 1).skip(from.0) {
            let start = if index == from.0 { from.1 } else { 0 };
            let end = if index == to.0 { to.1 } else { frag.text.len() };
            if let Some(text) = frag.text.get(start..end) {
                total += self.fonts.width(self.spans[frag.span].style, text);
            }
        }
        total
    }

    fn word(&self, frags: Vec<Frag>) -> Word {
        Word {
            width: self.frags_width(&frags),
            space: self.space_after(&frags),
            frags,
        }
    }

    /// Breaks the text into lines of `measure` points: first fit,
    /// hyphenating only a line that would otherwise be loose.
    pub fn lines(&self, measure: f32) -> Vec<Line> {
        let measure = measure.max(28.0);
        let mut lines: Vec<Line> = Vec::new();
        let mut line: Vec<Word> = Vec::new();
        let mut x = 0.0f32;
        let mut hyphens_in_a_row = 0;
        if self.spans.is_empty() {
            return lines;
        }
        for raw in self.words() {
            let mut frags = raw.frags;
            loop {
                // A word longer than PROBE characters is wider than any
                // line: no need to measure all of it, line after line.
                let word = if frags.iter().map(|f| f.text.chars().count()).sum::<usize>() > PROBE {
                    Word {
                        width: f32::INFINITY,
                        space: self.space_after(&frags),
                        frags,
                    }
                } else {
                    self.word(frags)
                };
                let gap = line.last().map_or(0.0, |w| w.space);
                if x + gap + word.width <= measure + EPSILON {
                    x += gap + word.width;
                    line.push(word);
                    break;
                }
                let room = measure - x - gap;
                let loose = if self.justify {
                    let gaps = line.len().max(1) as f32;
                    (room + gap) / gaps > 0.6 * word.space.max(1.4)
                } else {
                    room > 0.12 * measure
                };
                let try_break = line.is_empty() || (loose && hyphens_in_a_row < 2);
                let split = if try_break {
                    let points = self.break_points(&word.frags);
                    self.best_split(&word.frags, &points, room)
                } else {
                    None
                };
                if let Some((head, tail)) = split {
                    let hyphenated = head.last().is_some_and(|f| f.hyphen);
                    let mut head = self.word(head);
                    head.space = 0.0;
                    line.push(head);
                    lines.push(Line {
                        words: std::mem::take(&mut line),
                        justify: true,
                    });
                    hyphens_in_a_row = if hyphenated { hyphens_in_a_row + 1 } else { 0 };
                    x = 0.0;
                    frags = tail;
                } else if !line.is_empty() {
                    lines.push(Line {
                        words: std::mem::take(&mut line),
                        justify: true,
                    });
                    hyphens_in_a_row = 0;
                    x = 0.0;
                    frags = word.frags;
                } else {
                    // Wider than the line with no break that fits: cut it
                    // where it must be cut, keeping at least one character.
                    let points = Breaker::any_points(&word.frags);
                    let (head, tail) = self
                        .best_split(&word.frags, &points, room)
                        .or_else(|| points.first().map(|&p| Breaker::split(&word.frags, p)))
                        .unwrap_or((word.frags, Vec::new()));
                    line.push(self.word(head));
                    lines.push(Line {
                        words: std::mem::take(&mut line),
                        justify: false,
                    });
                    x = 0.0;
                    if tail.is_empty() {
                        break;
                    }
                    frags = tail;
                }
            }
            if raw.line_break && !line.is_empty() {
                lines.push(Line {
                    words: std::mem::take(&mut line),
                    justify: false,
                });
                x = 0.0;
            }
        }
        if !line.is_empty() {
            lines.push(Line {
                words: line,
                justify: false,
            });
        }
        if !self.justify {
            for line in &mut lines {
                line.justify = false;
            }
        }
        lines
    }
}

/// Each part of a word with the byte length of its share of the first
/// [`PROBE`] characters.
fn probe(frags: &[Frag]) -> Vec<(usize, &Frag, usize)> {
    let mut out = Vec::new();
    let mut left = PROBE;
    for (index, frag) in frags.iter().enumerate() {
        if left == 0 {
            break;
        }
        let cutoff = frag
            .text
            .char_indices()
            .nth(left)
            .map_or(frag.text.len(), |(i, _)| i);
        left = left.saturating_sub(frag.text.chars().count());
        out.push((index, frag, cutoff));
    }
    out
}

/// A letter or mark of a script whose letters join (Arabic and its
/// relatives), inside whose words a line never breaks.
fn joins(c: char) -> bool {
    matches!(
        c.script(),
        Script::Arabic | Script::Syriac | Script::Nko | Script::Mongolian | Script::Adlam
    ) || (c.script() == Script::Inherited)
        || matches!(c, '\u{200c}' | '\u{200d}')
}

/// Byte offsets and text of the runs of letters in `text`.
fn alphabetic_runs(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        match (ch.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, &text[s..]));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::super::fonts::Style;
    use super::super::spans::inline_spans;
    use super::*;
    use crate::export::inline;

    fn line_text(line: &Line) -> String {
        let words: Vec<String> = line
            .words
            .iter()
            .map(|w| {
                w.frags
                    .iter()
                    .map(|f| format!("{}{}", f.text, if f.hyphen { "-" } else { "" }))
                    .collect()
            })
            .collect();
        words.join(" ")
    }

    #[test]
    fn hyphenation_patterns_are_embedded() {
        let breaks = HYPHENATOR.as_ref().unwrap().hyphenate("department").breaks;
        assert!(!breaks.is_empty());
    }

    #[test]
    fn no_line_is_wider_than_the_measure() {
        let fonts = Fonts::load().unwrap();
        let giant = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(20);
        let text = format!(
            "The State Department delisted the group in late 2012 but voiced concerns. {giant} \
             and then https://www.example.org/a/very-long/path_with.dots/and?query=1&x=2 ends."
        );
        let spans = inline_spans(&inline::parse(&text), Style::new(11.0));
        let breaker = Breaker {
            spans: &spans,
            fonts: &fonts,
            justify: true,
        };
        for measure in [110.0, 220.0, 420.0] {
            let lines = breaker.lines(measure);
            assert!(lines.len() > 2);
            for line in &lines {
                assert!(
                    line.natural() <= measure + 0.05,
                    "{measure}: {}",
                    line_text(line)
                );
            }
            let all: String = lines.iter().map(line_text).collect::<Vec<_>>().join("\n");
            for l in all
                .lines()
                .filter(|l| l.contains("example.org") || l.starts_with("/"))
            {
                assert!(!l.ends_with('.') || l.ends_with("ends."), "{l}");
                assert!(!l.ends_with('-'), "{l}");
            }
        }
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let fonts = Fonts::load().unwrap();
        let spans = inline_spans(&inline::parse(&"word ".repeat(200)), Style::new(11.0));
        let breaker = Breaker {
            spans: &spans,
            fonts: &fonts,
            justify: true,
        };
        let lines = breaker.lines(280.0);
        let (last, full) = lines.split_last().unwrap();
        assert!(!last.justify);
        for line in full {
            assert!(line.justify);
            let stretch = (280.0 - line.natural()) / (line.words.len() - 1) as f32;
            assert!((0.0..line.words[0].space).contains(&stretch), "{stretch}");
        }
    }

    #[test]
    fn arabic_words_are_never_broken_or_hyphenated() {
        let fonts = Fonts::load().unwrap();
        let long = "روح‌الله‌خمینی‌سپاه‌پاسداران";
        let text = format!("{} {long} end", "سپاه پاسداران انقلاب اسلامی ".repeat(8));
        let spans = inline_spans(&inline::parse(&text), Style::new(11.0));
        let breaker = Breaker {
            spans: &spans,
            fonts: &fonts,
            justify: true,
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        for measure in [40.0, 90.0, 200.0] {
            let lines = breaker.lines(measure);
            assert!(lines.len() > 2);
            for line in &lines {
                for word in &line.words {
                    let text: String = word.frags.iter().map(|f| f.text.as_str()).collect();
                    assert!(words.contains(&text.as_str()), "{measure}: {text:?}");
                    assert!(word.frags.iter().all(|f| !f.hyphen));
                }
            }
        }
    }
}
