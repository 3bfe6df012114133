//! The PDF export: a printable backgrounder laid out with the genpdf API
//! (through `genpdfi`, genpdf's maintained fork on printpdf 0.7, which adds
//! links and fixed dates) and set in Liberation Serif, shipped in
//! `assets/fonts/`, so it renders the same on a machine with no fonts.
//!
//! Body text is laid out by [`Prose`] rather than genpdf's `Paragraph`,
//! which can neither justify a line nor break a URL: it breaks lines with
//! en-US hyphenation, justifies them and places every word itself. "Page N
//! of M" needs M before page 1 is drawn, so a first pass lays the document
//! out and stops before anything is written. printpdf embeds only the
//! glyphs used (its `font_subsetting` feature). The bytes are then finished
//! with lopdf: metadata, fixed dates, an id derived from the content,
//! annotations in a stable order, an outline of the headings, and every
//! stream compressed, in debug and release builds alike.

use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::LazyLock;

use super::inline::{self, Inline};
use genpdfi::error::{Error as LayoutError, ErrorKind};
use genpdfi::fonts::{FontCache, FontData, FontFamily};
use genpdfi::render::Area;
use genpdfi::style::{Color, LineStyle, Style};
use genpdfi::{Context, Element, Margins, Mm, PageDecorator, Position, RenderResult, Size};
use hyphenation::{Hyphenator, Language, Load, Standard};
use lopdf::{Dictionary, Object, StringFormat};

use super::resolve::{Citation, human_date};
use super::{ExportError, ExportOptions, Exporter, Paper, Resolved, ResolvedBlock};

/// The PDF exporter.
pub struct Pdf;

impl Exporter for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn export(&self, doc: &Resolved, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
        let page = Page::new(options.paper);
        // The counting pass breaks every block into lines; the drawing
        // pass reuses them instead of breaking them again.
        let _layouts = Layouts::record();
        let pages = count_pages(doc, &page)?;
        Layouts::replay();
        let outline = Outline::default();
        let raw = render(doc, &page, Some(pages), &outline)?;
        let marks = outline.marks.borrow();
        finish(&raw, doc, options, pages, &marks, page.height)
    }
}

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The bundled fonts, parsed once per process.
static FONTS: LazyLock<Result<FontFamily<FontData>, String>> = LazyLock::new(|| {
    let load = |bytes: &[u8]| {
        FontData::new(bytes.to_vec(), None)
            .map_err(|e| format!("the bundled font could not be read: {e}"))
    };
    Ok(FontFamily {
        regular: load(FONT_FILES[0])?,
        bold: load(FONT_FILES[1])?,
        italic: load(FONT_FILES[2])?,
        bold_italic: load(FONT_FILES[3])?,
    })
});

/// The embedded en-US patterns; without them text is set unhyphenated.
static HYPHENATOR: LazyLock<Option<Standard>> =
    LazyLock::new(|| Standard::from_embedded(Language::EnglishUS).ok());

const BLACK: Color = Color::Rgb(0, 0, 0);
const GRAY: Color = Color::Rgb(96, 96, 96);
const DARK: Color = Color::Rgb(45, 45, 45);
const ACCENT: Color = Color::Rgb(150, 28, 28);
const LINK: Color = Color::Rgb(22, 62, 130);
const RULE: Color = Color::Rgb(150, 150, 150);

/// What every body element knows of the page.
#[derive(Clone, Copy, Debug)]
struct Body {
    /// The height of an empty page's text block: an element given this
    /// much is at the top of a page.
    top: f32,
    /// The top margin: where the text block starts on the page.
    margin: f32,
    /// False while only counting pages: lines are broken and placed but
    /// not drawn.
    draw: bool,
}

/// Paper size and margins, in millimetres.
#[derive(Clone, Copy, Debug)]
struct Page {
    width: f32,
    height: f32,
    top: f32,
    bottom: f32,
    side: f32,
}

impl Page {
    fn new(paper: Paper) -> Page {
        let (width, height) = match paper {
            Paper::Letter => (215.9, 279.4),
            Paper::A4 => (210.0, 297.0),
        };
        Page {
            width,
            height,
            top: 24.0,
            bottom: 22.0,
            side: 28.0,
        }
    }

    /// The height of the text block: an element given this much is at the
    /// top of a page.
    fn body(&self) -> f32 {
        self.height - self.top - self.bottom
    }
}

fn val(x: Mm) -> f32 {
    x.into()
}

/// The width of `text` in `style`: the same sum as genpdfi's
/// `Style::str_width` (advances, then kerning), with each glyph's advance
/// and each pair's kerning looked up in rusttype once per thread instead
/// of on every call.
fn width(cache: &FontCache, style: Style, text: &str) -> f32 {
    // Every style uses the bundled family: a font is bold and italic.
    let font = u8::from(style.is_bold()) | (u8::from(style.is_italic()) << 1);
    let size = style.font_size();
    METRICS.with(|metrics| {
        let metrics = &mut *metrics.borrow_mut();
        let mut advance = 0.0f32;
        let mut kerning = 0.0f32;
        let mut last: Option<char> = None;
        for c in text.chars() {
            advance += *metrics
                .advance
                .entry((font, size, c))
                .or_insert_with(|| val(style.char_width(cache, c)));
            if let Some(previous) = last {
                let pair = *metrics
                    .kerning
                    .entry((font, previous, c))
                    .or_insert_with(|| {
                        let kerning = style.font(cache).kerning(cache, [previous, c]);
                        kerning.get(1).copied().unwrap_or_default()
                    });
                kerning += val(Mm::from(printpdf::Pt(pair * f32::from(size))));
            }
            last = Some(c);
        }
        advance + kerning
    })
}

/// Glyph advances (by font, size and character, in millimetres) and
/// kerning (by font and character pair, per point of size) of the
/// bundled fonts. Keys are a few small integers, so the Fx hash: SipHash
/// would cost more than the lookup it guards.
#[derive(Default)]
struct Metrics {
    advance: FxHashMap<(u8, u8, char), f32>,
    kerning: FxHashMap<(u8, char, char), f32>,
}

thread_local! {
    static METRICS: RefCell<Metrics> = RefCell::new(Metrics::default());
}

/// The lines of every block of text as the counting pass broke them, in
/// the order the blocks were first laid out; the drawing pass lays the
/// same blocks out in the same order and takes them from here.
#[derive(Default)]
struct Layouts {
    done: Vec<(LayoutKey, Rc<Vec<Line>>)>,
    /// The next to hand out, while replaying.
    next: Option<usize>,
}

/// What a block's lines depend on besides its text: the measure (as
/// bits) and, as a check that the blocks come in the same order, the
/// number and length of its spans.
type LayoutKey = (u32, usize, usize);

thread_local! {
    static LAYOUTS: RefCell<Option<Layouts>> = const { RefCell::new(None) };
}

/// Ends the recording or replaying of layouts when dropped.
struct LayoutsGuard;

impl Drop for LayoutsGuard {
    fn drop(&mut self) {
        LAYOUTS.with(|l| l.borrow_mut().take());
    }
}

impl Layouts {
    /// Starts recording the layouts made on this thread.
    fn record() -> LayoutsGuard {
        LAYOUTS.with(|l| *l.borrow_mut() = Some(Layouts::default()));
        LayoutsGuard
    }

    /// Hands the recorded layouts out again, from the first.
    fn replay() {
        LAYOUTS.with(|l| {
            if let Some(layouts) = l.borrow_mut().as_mut() {
                layouts.next = Some(0);
            }
        });
    }

    /// The recorded lines for the next block if it has `key`; a block that
    /// does not match ends the replay.
    fn take(key: LayoutKey) -> Option<Rc<Vec<Line>>> {
        LAYOUTS.with(|l| {
            let mut l = l.borrow_mut();
            let layouts = l.as_mut()?;
            let next = layouts.next?;
            match layouts.done.get(next) {
                Some((k, lines)) if *k == key => {
                    layouts.next = Some(next + 1);
                    Some(lines.clone())
                }
                _ => {
                    layouts.done.clear();
                    layouts.next = None;
                    None
                }
            }
        })
    }

    /// Keeps `lines` for the replay, while recording.
    fn keep(key: LayoutKey, lines: &Rc<Vec<Line>>) {
        LAYOUTS.with(|l| {
            if let Some(layouts) = l.borrow_mut().as_mut()
                && layouts.next.is_none()
            {
                layouts.done.push((key, lines.clone()));
            }
        });
    }
}

fn body_style() -> Style {
    Style::new()
        .with_font_size(11)
        .with_line_spacing(1.2)
        .with_color(BLACK)
}

/// Lays the document out once, without writing it, and counts its pages.
fn count_pages(doc: &Resolved, page: &Page) -> Result<usize, ExportError> {
    let outline = Outline::default();
    let done = Rc::new(Cell::new(false));
    let mut pdf = document(doc, page, None, &outline)?;
    pdf.push(Stop(done.clone()));
    match pdf.render(std::io::sink()) {
        Err(_) if done.get() => Ok(outline.page.get()),
        Err(e) => Err(ExportError(format!("the PDF could not be laid out: {e}"))),
        Ok(()) => Ok(outline.page.get()),
    }
}

fn render(
    doc: &Resolved,
    page: &Page,
    total: Option<usize>,
    outline: &Outline,
) -> Result<Vec<u8>, ExportError> {
    let pdf = document(doc, page, total, outline)?;
    let mut out = Vec::new();
    pdf.render(&mut out)
        .map_err(|e| ExportError(format!("the PDF could not be laid out: {e}")))?;
    Ok(out)
}

fn document(
    doc: &Resolved,
    page: &Page,
    total: Option<usize>,
    outline: &Outline,
) -> Result<genpdfi::Document, ExportError> {
    let family = FONTS.as_ref().map_err(|e| ExportError(e.clone()))?.clone();
    let mut pdf = genpdfi::Document::new(family);
    pdf.set_paper_size(Size::new(page.width, page.height));
    pdf.set_title(inline::collapse(&doc.title));
    // No XMP packet (it would carry a second copy of the dates and ids)
    // and no ICC profile, which alone weighs more than the text.
    pdf.set_minimal_conformance();
    pdf.set_font_size(11);
    pdf.set_page_decorator(Frame {
        page: *page,
        number: 0,
        pages: outline.page.clone(),
        total,
        short_title: smart(&inline::collapse(&doc.short_title)),
    });
    for element in elements(doc, page, total.is_some(), outline) {
        pdf.push(element);
    }
    Ok(pdf)
}

/// The last element of the counting pass: it stops the render so that
/// nothing is written.
struct Stop(Rc<Cell<bool>>);

impl Element for Stop {
    fn render(&mut self, _: &Context, _: Area<'_>, _: Style) -> Result<RenderResult, LayoutError> {
        self.0.set(true);
        Err(LayoutError::new("layout complete", ErrorKind::Internal))
    }
}

/// Running header (from page 2), footer and margins.
struct Frame {
    page: Page,
    number: usize,
    pages: Rc<Cell<usize>>,
    total: Option<usize>,
    short_title: String,
}

impl PageDecorator for Frame {
    fn decorate_page<'a>(
        &mut self,
        context: &Context,
        mut area: Area<'a>,
        _style: Style,
    ) -> Result<Area<'a>, LayoutError> {
        self.number += 1;
        self.pages.set(self.number);
        let cache = &context.font_cache;
        let p = self.page;
        let small = Style::new().with_font_size(9).with_color(GRAY);
        let right = p.width - p.side;
        if self.number > 1 {
            let y = p.top - 13.0;
            let label = "Backgrounder";
            let label_width = width(cache, small, label);
            let room = right - p.side - label_width - 10.0;
            let title = fit(cache, small.italic(), &self.short_title, room);
            print(&area, cache, p.side, y, small.italic(), &title, None)?;
            print(&area, cache, right - label_width, y, small, label, None)?;
            let rule = y + 5.5;
            area.draw_line(
                vec![Position::new(p.side, rule), Position::new(right, rule)],
                LineStyle::new().with_thickness(0.2).with_color(RULE),
            );
        }
        let footer = match self.total {
            Some(total) => format!("Page {} of {total}", self.number),
            None => format!("Page {}", self.number),
        };
        let x = (p.width - width(cache, small, &footer)) / 2.0;
        print(
            &area,
            cache,
            x,
            p.height - p.bottom + 9.0,
            small,
            &footer,
            None,
        )?;
        area.add_margins(Margins::trbl(p.top, p.side, p.bottom, p.side));
        Ok(area)
    }
}

/// `text`, cut with an ellipsis to fit `room` millimetres.
fn fit(cache: &FontCache, style: Style, text: &str, room: f32) -> String {
    if text.chars().count() <= 200 && width(cache, style, text) <= room {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(200).collect();
    while !cut.is_empty() {
        cut.pop();
        let candidate = format!("{}…", cut.trim_end());
        if width(cache, style, &candidate) <= room {
            return candidate;
        }
    }
    String::new()
}

/// Every element of the document body, in reading order.
fn elements(doc: &Resolved, page: &Page, draw: bool, outline: &Outline) -> Vec<Box<dyn Element>> {
    let body = body_style();
    let top = Body {
        top: page.body(),
        margin: page.top,
        draw,
    };
    let mut out: Vec<Box<dyn Element>> = Vec::new();

    let label = Style::new().with_font_size(9).bold().with_color(ACCENT);
    out.push(Box::new(
        Prose::new(vec![Span::text("BACKGROUNDER", label)], label, top).after(2.5),
    ));
    let title = Style::new()
        .with_font_size(22)
        .with_line_spacing(1.05)
        .bold();
    out.push(Box::new(
        Prose::new(plain(&doc.title, title), title, top)
            .ragged()
            .after(3.0),
    ));
    let byline = doc.byline();
    if !byline.trim().is_empty() {
        let style = Style::new().with_font_size(11).italic();
        out.push(Box::new(
            Prose::new(plain(&byline, style), style, top)
                .ragged()
                .after(1.0),
        ));
    }
    if !doc.updated.trim().is_empty() {
        let style = Style::new().with_font_size(10).with_color(GRAY);
        let text = format!("Updated {}", human_date(doc.updated.trim()));
        out.push(Box::new(
            Prose::new(plain(&text, style), style, top).ragged(),
        ));
    }
    out.push(Box::new(Rule {
        above: 3.5,
        below: 5.0,
        top: top.top,
    }));
    if !doc.summary.trim().is_empty() {
        let style = Style::new()
            .with_font_size(12)
            .with_line_spacing(1.2)
            .with_color(DARK);
        out.push(Box::new(
            Prose::new(plain(&doc.summary, style), style, top).after(2.0),
        ));
    }

    let marker = Style::new().with_font_size(7);
    for section in &doc.sections {
        out.push(heading(&section.heading, top, outline));
        for block in &section.blocks {
            match block {
                ResolvedBlock::Paragraph(claims) => {
                    let mut spans = Vec::new();
                    for claim in claims {
                        if !spans.is_empty() {
                            spans.push(Span::text(" ", body));
                        }
                        spans.extend(inline_spans(&claim.inline, body));
                        if let Some(m) = citation_marker(&claim.citations) {
                            spans.push(Span::marker(m, marker));
                        }
                    }
                    out.push(Box::new(Prose::new(spans, body, top).after(3.0)));
                }
                ResolvedBlock::Quote(quote) => {
                    let style = Style::new().with_font_size(10).with_line_spacing(1.2);
                    let mut spans = vec![Span::text("“", style)];
                    spans.extend(inline_spans(&quote.inline, style));
                    spans.push(Span::text("”", style));
                    if let Some(m) = citation_marker(&quote.citations) {
                        spans.push(Span::marker(m, marker));
                    }
                    spans.push(Span::line_break());
                    let credit = style.with_color(GRAY);
                    spans.push(Span::text("— ", credit));
                    let name = Span::text(smart(&quote.speaker.name), credit.italic());
                    spans.push(match &quote.speaker.url {
                        Some(url) => name.linked(url),
                        None => name,
                    });
                    if let Some(affiliation) = &quote.speaker.affiliation {
                        spans.push(Span::text(format!(", {}", smart(affiliation)), credit));
                    }
                    if let Some(context) = &quote.context {
                        spans.push(Span::text(", ", credit));
                        spans.extend(plain(context, credit));
                    }
                    out.push(Box::new(Space(1.0, top.top)));
                    out.push(Box::new(
                        Prose::new(spans, style, top)
                            .indent(9.0, 9.0)
                            .bar()
                            .ragged()
                            .after(4.0),
                    ));
                }
            }
        }
    }

    let small = Style::new().with_font_size(10).with_line_spacing(1.15);
    if !doc.resources.is_empty() {
        out.push(heading("Additional Resources", top, outline));
        for resource in &doc.resources {
            let mut spans = vec![titled(&resource.title, resource.url.as_deref(), small)];
            if let Some(note) = &resource.note {
                spans.push(Span::text(". ", small));
                spans.extend(plain(note, small));
            }
            out.push(Box::new(list_item("•", spans, small, top)));
        }
    }
    if !doc.related.is_empty() {
        out.push(heading("More on this topic", top, outline));
        for related in &doc.related {
            let mut spans = vec![titled(&related.title, related.url.as_deref(), small)];
            if !related.authors.is_empty() {
                spans.push(Span::text(", by ", small));
                spans.extend(plain(&related.authors.join(", "), small));
            }
            if let Some(note) = &related.note {
                spans.push(Span::text(". ", small));
                spans.extend(plain(note, small));
            }
            out.push(Box::new(list_item("•", spans, small, top)));
        }
    }
    if !doc.sources.is_empty() {
        out.push(heading("Sources", top, outline));
        for source in &doc.sources {
            let spans = reference(source, small);
            out.push(Box::new(list_item(
                &format!("{}.", source.number),
                spans,
                small,
                top,
            )));
        }
    }
    out
}

fn heading(text: &str, top: Body, outline: &Outline) -> Box<dyn Element> {
    let style = Style::new()
        .with_font_size(13)
        .with_line_spacing(1.1)
        .bold();
    let mut prose = Prose::new(plain(text, style), style, top)
        .ragged()
        .before(5.0)
        .after(1.5)
        .keep(17.0);
    if !text.trim().is_empty() {
        prose.mark = Some((smart(text.trim()), outline.clone()));
    }
    Box::new(prose)
}

/// The headings as laid out, for the document outline (bookmarks), and
/// the page being laid out.
#[derive(Clone, Default)]
struct Outline {
    page: Rc<Cell<usize>>,
    marks: Rc<RefCell<Vec<Mark>>>,
}

struct Mark {
    title: String,
    page: usize,
    /// Millimetres from the top of the page.
    y: f32,
}

fn list_item(label: &str, spans: Vec<Span>, style: Style, top: Body) -> Prose {
    let mut item = Prose::new(spans, style, top)
        .indent(8.0, 0.0)
        .ragged()
        .after(1.6);
    item.label = Some(Span::text(label, style));
    item
}

/// A title, italic and linked when it has a URL.
fn titled(title: &str, url: Option<&str>, style: Style) -> Span {
    let span = Span::text(smart(title.trim()), style.italic());
    match url {
        Some(url) => span.linked(url),
        None => span,
    }
}

/// A source's formatted reference, with the style's italics and its URL
/// clickable (and added when the reference style left it out).
fn reference(source: &super::ResolvedSource, style: Style) -> Vec<Span> {
    let mut spans = inline_spans(&source.formatted, style);
    if spans.is_empty() {
        spans = plain(&source.source.title, style);
    }
    let link = style.with_color(LINK);
    for span in &mut spans {
        if span.kind == Kind::Url {
            span.style = link;
        }
    }
    for url in [
        source.source.url.as_deref(),
        source.source.archive.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|u| inline::safe_url(u))
    {
        if !spans.iter().any(|s| s.link.is_some() && s.text == url) {
            spans.push(Span::text(" ", style));
            spans.push(Span::url(url, link));
        }
    }
    spans.retain(|s| !s.text.is_empty());
    spans
}

/// "[3]", "[1, 4]" or "[2, p. 45; 5]" for a claim's citations.
fn citation_marker(citations: &[Citation]) -> Option<String> {
    if citations.is_empty() {
        return None;
    }
    let located = citations.iter().any(|c| c.locator.is_some());
    let items: Vec<String> = citations
        .iter()
        .map(|c| match &c.locator {
            Some(l) => format!("{}, {}", c.number, l.trim()),
            None => c.number.to_string(),
        })
        .collect();
    let marker = format!("[{}]", items.join(if located { "; " } else { ", " }));
    // No-break spaces: a marker is never split across lines.
    Some(marker.replace(' ', "\u{a0}"))
}

/// Plain text (a title, a name, a note) in one style: never Markdown,
/// with bare URLs linked and typographic punctuation as in every export.
fn plain(text: &str, style: Style) -> Vec<Span> {
    inline_spans(&inline::plain_text(&inline::collapse(text)), style)
}

/// Plain text shown as itself, typographic punctuation only (labels).
fn smart(text: &str) -> String {
    inline::typographic(text)
}

/// Inline elements as styled runs: emphasis in italic, strong in bold,
/// links as their (clickable) text.
fn inline_spans(nodes: &[Inline], base: Style) -> Vec<Span> {
    fn walk(nodes: &[Inline], style: Style, link: Option<&str>, out: &mut Vec<Span>) {
        for node in nodes {
            match node {
                Inline::Text(t) | Inline::Code(t) => {
                    let mut span = Span::text(t.clone(), style);
                    if let Some(url) = link {
                        if t == url || t.contains("://") {
                            span.kind = Kind::Url;
                        }
                        span = span.linked(url);
                    }
                    out.push(span);
                }
                Inline::Emphasis(c) => walk(c, style.italic(), link, out),
                Inline::Strong(c) => walk(c, style.bold(), link, out),
                Inline::Link { url, children, .. } => walk(children, style, Some(url), out),
            }
        }
    }
    let mut out = Vec::new();
    walk(nodes, base, None, &mut out);
    // Line breaks inside a text are spaces; a marker after the text must
    // stay on its last word.
    for span in &mut out {
        if span.text.contains(['\n', '\r', '\t']) {
            span.text = span.text.replace(['\n', '\r', '\t'], " ");
        }
    }
    while out.last().is_some_and(|s| s.text.trim().is_empty()) {
        out.pop();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Prose: hyphenated where a line needs it.
    Text,
    /// Broken after `/`, `.` and the like, never hyphenated.
    Url,
    /// A citation marker, set small and raised, never broken.
    Marker,
    /// Ends the line.
    Break,
}

/// A run of text in one style.
#[derive(Clone, Debug)]
struct Span {
    text: String,
    style: Style,
    link: Option<String>,
    kind: Kind,
}

impl Span {
    fn text(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            link: None,
            kind: Kind::Text,
        }
    }

    fn url(url: &str, style: Style) -> Span {
        Span {
            text: url.to_owned(),
            style,
            link: None,
            kind: Kind::Url,
        }
        .linked(url)
    }

    fn marker(text: String, style: Style) -> Span {
        Span {
            text,
            style,
            link: None,
            kind: Kind::Marker,
        }
    }

    fn line_break() -> Span {
        Span {
            text: String::new(),
            style: Style::new(),
            link: None,
            kind: Kind::Break,
        }
    }

    fn linked(mut self, url: &str) -> Span {
        // Only web and mail links become annotations, in their ASCII form;
        // anything else stays text.
        if let Ok(url) = url::Url::parse(url.trim())
            && matches!(url.scheme(), "http" | "https" | "mailto")
        {
            self.link = Some(url.to_string());
        }
        self
    }
}

/// Part of a word in one span.
#[derive(Clone, Debug)]
struct Frag {
    text: String,
    span: usize,
}

/// A word as laid out: its parts, width and the space that follows it.
#[derive(Clone, Debug, Default)]
struct Word {
    frags: Vec<Frag>,
    /// The width of each part.
    widths: Vec<f32>,
    width: f32,
    space: f32,
}

#[derive(Clone, Debug, Default)]
struct Line {
    words: Vec<Word>,
    justify: bool,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Align {
    Justify,
    Left,
}

/// A block of running text: hyphenated, justified (or ragged), and broken
/// across pages line by line.
struct Prose {
    spans: Vec<Span>,
    base: Style,
    align: Align,
    left: f32,
    right: f32,
    before: f32,
    after: f32,
    /// Space the following content needs on the same page (for headings).
    keep: f32,
    /// A label set in the left indent of the first line.
    label: Option<Span>,
    bar: bool,
    /// Moved whole to the next page rather than split (short quotes).
    together: bool,
    /// An outline entry for where the text starts (headings).
    mark: Option<(String, Outline)>,
    top: Body,
    lines: Option<Rc<Vec<Line>>>,
    next: usize,
}

const EPSILON: f32 = 0.01;

impl Prose {
    fn new(spans: Vec<Span>, base: Style, top: Body) -> Prose {
        Prose {
            spans,
            base,
            align: Align::Justify,
            left: 0.0,
            right: 0.0,
            before: 0.0,
            after: 0.0,
            keep: 0.0,
            label: None,
            bar: false,
            together: false,
            mark: None,
            top,
            lines: None,
            next: 0,
        }
    }

    fn ragged(mut self) -> Prose {
        self.align = Align::Left;
        self
    }

    fn indent(mut self, left: f32, right: f32) -> Prose {
        self.left = left;
        self.right = right;
        self
    }

    fn before(mut self, space: f32) -> Prose {
        self.before = space;
        self
    }

    fn after(mut self, space: f32) -> Prose {
        self.after = space;
        self
    }

    fn keep(mut self, space: f32) -> Prose {
        self.keep = space;
        self
    }

    fn bar(mut self) -> Prose {
        self.bar = true;
        self.together = true;
        self
    }

    fn frags_width(&self, cache: &FontCache, frags: &[Frag]) -> f32 {
        frags
            .iter()
            .map(|f| width(cache, self.spans[f.span].style, &f.text))
            .sum()
    }

    fn space_after(&self, cache: &FontCache, frags: &[Frag]) -> f32 {
        let style = frags.last().map_or(self.base, |f| self.spans[f.span].style);
        width(cache, style, " ")
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
                // Soft hyphens and controls have no glyph; the hyphenator
                // finds the breaks.
                if ch == '\u{ad}' || ch.is_control() || ('\u{200b}'..='\u{200f}').contains(&ch) {
                    continue;
                }
                match current.frags.last_mut() {
                    Some(frag) if frag.span == index => frag.text.push(ch),
                    _ => current.frags.push(Frag {
                        text: ch.to_string(),
                        span: index,
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
            for (i, _) in frag.text[..cutoff].char_indices().skip(1) {
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
        let mut first = frag.text[..at.at].to_owned();
        if at.hyphen {
            first.push('-');
        }
        head.push(Frag {
            text: first,
            span: frag.span,
        });
        tail.push(Frag {
            text: frag.text[at.at..].to_owned(),
            span: frag.span,
        });
        tail.extend_from_slice(&frags[at.frag + 1..]);
        head.retain(|f| !f.text.is_empty());
        tail.retain(|f| !f.text.is_empty());
        (head, tail)
    }

    /// The longest head of `frags` (at one of `points`) that fits `room`.
    fn best_split(
        &self,
        cache: &FontCache,
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
            before += self.segment_width(cache, frags, from, (p.frag, p.at));
            from = (p.frag, p.at);
            let hyphen = if p.hyphen {
                width(cache, self.spans[frags[p.frag].span].style, "-")
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
            let (head, tail) = Prose::split(frags, points[k]);
            if !head.is_empty()
                && !tail.is_empty()
                && self.frags_width(cache, &head) <= room + EPSILON
            {
                return Some((head, tail));
            }
            k = k.checked_sub(1)?;
        }
    }

    /// The width of `frags` from one (part, byte) position to another.
    fn segment_width(
        &self,
        cache: &FontCache,
        frags: &[Frag],
        from: (usize, usize),
        to: (usize, usize),
    ) -> f32 {
        let mut total = 0.0;
        for (index, frag) in frags.iter().enumerate().take(to.0 + 1).skip(from.0) {
            let start = if index == from.0 { from.1 } else { 0 };
            let end = if index == to.0 { to.1 } else { frag.text.len() };
            if let Some(text) = frag.text.get(start..end) {
                total += width(cache, self.spans[frag.span].style, text);
            }
        }
        total
    }

    fn word(&self, cache: &FontCache, frags: Vec<Frag>) -> Word {
        let widths: Vec<f32> = frags
            .iter()
            .map(|f| width(cache, self.spans[f.span].style, &f.text))
            .collect();
        Word {
            width: widths.iter().sum(),
            widths,
            space: self.space_after(cache, &frags),
            frags,
        }
    }

    /// Breaks the text into lines of `measure` millimetres: first fit,
    /// hyphenating only a line that would otherwise be loose.
    fn layout(&self, cache: &FontCache, measure: f32) -> Vec<Line> {
        let measure = measure.max(10.0);
        let mut lines: Vec<Line> = Vec::new();
        let mut line: Vec<Word> = Vec::new();
        let mut x = 0.0f32;
        let mut hyphens_in_a_row = 0;
        for raw in self.words() {
            let mut frags = raw.frags;
            loop {
                // A word longer than PROBE characters is wider than any
                // line: no need to measure all of it, line after line.
                let word = if frags.iter().map(|f| f.text.chars().count()).sum::<usize>() > PROBE {
                    Word {
                        width: f32::INFINITY,
                        widths: Vec::new(),
                        space: self.space_after(cache, &frags),
                        frags,
                    }
                } else {
                    self.word(cache, frags)
                };
                let gap = line.last().map_or(0.0, |w| w.space);
                if x + gap + word.width <= measure + EPSILON {
                    x += gap + word.width;
                    line.push(word);
                    break;
                }
                let room = measure - x - gap;
                let loose = match self.align {
                    Align::Justify => {
                        let gaps = line.len().max(1) as f32;
                        (room + gap) / gaps > 0.6 * word.space.max(0.5)
                    }
                    Align::Left => room > 0.12 * measure,
                };
                let try_break = line.is_empty() || (loose && hyphens_in_a_row < 2);
                let split = if try_break {
                    let points = self.break_points(&word.frags);
                    self.best_split(cache, &word.frags, &points, room)
                } else {
                    None
                };
                if let Some((head, tail)) = split {
                    let hyphenated = head.last().is_some_and(|f| f.text.ends_with('-'));
                    let mut head = self.word(cache, head);
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
                    let points = Prose::any_points(&word.frags);
                    let (head, tail) = self
                        .best_split(cache, &word.frags, &points, room)
                        .or_else(|| points.first().map(|&p| Prose::split(&word.frags, p)))
                        .unwrap_or((word.frags, Vec::new()));
                    line.push(self.word(cache, head));
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
        if self.align == Align::Left {
            for line in &mut lines {
                line.justify = false;
            }
        }
        lines
    }

    fn draw_line(
        &self,
        area: &Area<'_>,
        cache: &FontCache,
        line: &Line,
        measure: f32,
        y: f32,
    ) -> Result<(), LayoutError> {
        let count = line.words.len();
        let natural: f32 = line
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| w.width + if i + 1 < count { w.space } else { 0.0 })
            .sum();
        let gaps = count.saturating_sub(1);
        let mut extra = 0.0;
        if line.justify && gaps > 0 {
            let stretch = (measure - natural) / gaps as f32;
            let space = line.words[0].space.max(0.5);
            // Past this a ragged line reads better than a gappy one.
            if stretch > 0.0 && stretch < 2.5 * space {
                extra = stretch;
            }
        }
        let mut x = self.left;
        // On a line that is not stretched, a run of whole words in one
        // unlinked span goes out as one string: one text object instead of
        // one per word, which is most of the cost of drawing (and writing)
        // the PDF. Only the kerning of the spaces with their neighbours,
        // which the font applies within a string, differs.
        let single = |w: &Word| match w.frags.as_slice() {
            [frag] if self.spans[frag.span].link.is_none() => Some(frag.span),
            _ => None,
        };
        let mut skip = 0;
        for (i, word) in line.words.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let last_word = i + 1 == count;
            if extra == 0.0
                && let Some(span) = single(word)
            {
                let run = line.words[i..]
                    .iter()
                    .take_while(|w| single(w) == Some(span))
                    .count();
                if run > 1 {
                    let mut text = String::new();
                    for (k, w) in line.words[i..i + run].iter().enumerate() {
                        text.push_str(&w.frags[0].text);
                        if i + k + 1 < count {
                            text.push(' ');
                        }
                    }
                    let style = self.spans[span].style;
                    if !print(area, cache, x, y, style, &text, None)? {
                        return Err(LayoutError::new(
                            "a line of text did not fit where it was measured to fit",
                            ErrorKind::PageSizeExceeded,
                        ));
                    }
                    for (k, w) in line.words[i..i + run].iter().enumerate() {
                        x += w.width;
                        if i + k + 1 < count {
                            x += w.space;
                        }
                    }
                    skip = run - 1;
                    continue;
                }
            }
            for (j, frag) in word.frags.iter().enumerate() {
                let span = &self.spans[frag.span];
                let mut text = frag.text.clone();
                // A real space glyph keeps words apart for text extraction.
                if !last_word && j + 1 == word.frags.len() {
                    text.push(' ');
                }
                if !print(area, cache, x, y, span.style, &text, span.link.as_deref())? {
                    return Err(LayoutError::new(
                        "a line of text did not fit where it was measured to fit",
                        ErrorKind::PageSizeExceeded,
                    ));
                }
                x += word.widths.get(j).copied().unwrap_or_default();
            }
            if !last_word {
                x += word.space + extra;
            }
        }
        Ok(())
    }
}

/// Draws `text` with its pen starting at `x`. genpdf starts a string at
/// the ink of its first glyph instead, which pulls words that begin with a
/// wide side bearing (digits, capitals) towards the word before.
fn print(
    area: &Area<'_>,
    cache: &FontCache,
    x: f32,
    y: f32,
    style: Style,
    text: &str,
    link: Option<&str>,
) -> Result<bool, LayoutError> {
    let bearing = text
        .chars()
        .next()
        .map_or(0.0, |c| val(style.char_left_side_bearing(cache, c)));
    let position = Position::new(x + bearing, y);
    match link {
        Some(url) => area.add_link(cache, position, style, text, url),
        None => area.print_str(cache, position, style, text),
    }
}

/// The most characters that can matter when breaking a word: more than
/// any line holds. Breaks are looked for only in this many characters of
/// the word, so a giant word costs time in proportion to its length.
const PROBE: usize = 600;

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

impl Element for Prose {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        _style: Style,
    ) -> Result<RenderResult, LayoutError> {
        let cache = &context.font_cache;
        let full = val(area.size().width);
        let measure = (full - self.left - self.right).max(10.0);
        let lines = match &self.lines {
            Some(lines) => lines.clone(),
            None => {
                let key = (
                    measure.to_bits(),
                    self.spans.len(),
                    self.spans.iter().map(|s| s.text.len()).sum(),
                );
                let lines = Layouts::take(key).unwrap_or_else(|| {
                    let lines = Rc::new(self.layout(cache, measure));
                    Layouts::keep(key, &lines);
                    lines
                });
                self.lines = Some(lines.clone());
                lines
            }
        };
        self.render_lines(context, area, &lines, measure)
    }
}

impl Prose {
    fn render_lines(
        &mut self,
        context: &Context,
        mut area: Area<'_>,
        lines: &[Line],
        measure: f32,
    ) -> Result<RenderResult, LayoutError> {
        let cache = &context.font_cache;
        let full = val(area.size().width);
        let mut available = val(area.size().height);
        let start = self.top.margin + self.top.top - available;
        let fresh = available >= self.top.top - 0.5;
        let line_height = val(self.base.line_height(cache));
        let left = lines.len().saturating_sub(self.next);
        if left == 0 {
            return Ok(RenderResult::default());
        }
        let mut before = 0.0;
        if self.next == 0 && !fresh {
            before = self.before.min(available);
            available -= before;
            area.add_offset(Position::new(0, before));
        }
        let fits = ((available - EPSILON) / line_height).floor().max(0.0) as usize;
        let mut take = fits.min(left);
        if self.next == 0 && !fresh {
            let needed = left as f32 * line_height + self.after + self.keep;
            let orphan = take < left && take < 2;
            let split = self.together && take < left && left <= 10;
            if (self.keep > 0.0 && needed > available) || orphan || split {
                take = 0;
            }
        }
        // Leave no single line of a paragraph alone at the top of a page.
        if take < left && left - take == 1 && take >= 3 {
            take -= 1;
        }
        if take == 0 {
            if fresh {
                return Err(LayoutError::new(
                    "a line of text is taller than the page",
                    ErrorKind::PageSizeExceeded,
                ));
            }
            return Ok(RenderResult {
                size: Size::new(0, 0),
                has_more: true,
            });
        }
        if self.next == 0
            && self.top.draw
            && let Some(label) = &self.label
        {
            let w = width(cache, label.style, &label.text);
            let x = (self.left - 1.8 - w).max(0.0);
            print(
                &area,
                cache,
                x,
                0.0,
                label.style,
                &format!("{} ", label.text),
                None,
            )?;
        }
        if let (0, Some((title, outline)), true) = (self.next, &self.mark, self.top.draw) {
            outline.marks.borrow_mut().push(Mark {
                title: title.clone(),
                page: outline.page.get(),
                y: start + before,
            });
        }
        let lines_drawn = if self.top.draw { take } else { 0 };
        for (k, line) in lines[self.next..self.next + lines_drawn].iter().enumerate() {
            self.draw_line(&area, cache, line, measure, k as f32 * line_height)?;
        }
        let height = take as f32 * line_height;
        if self.bar && self.top.draw {
            let x = self.left - 4.0;
            let glyph = val(self.base.metrics(cache).glyph_height);
            area.draw_line(
                vec![
                    Position::new(x, 0.6),
                    Position::new(x, height - line_height + glyph),
                ],
                LineStyle::new().with_thickness(0.6).with_color(RULE),
            );
        }
        self.next += take;
        let has_more = self.next < lines.len();
        let mut used = before + height;
        if !has_more {
            used += self.after.min((available - height).max(0.0));
        }
        Ok(RenderResult {
            size: Size::new(full, used),
            has_more,
        })
    }
}

/// Vertical space, dropped at the top of a page.
struct Space(f32, f32);

impl Element for Space {
    fn render(
        &mut self,
        _: &Context,
        area: Area<'_>,
        _: Style,
    ) -> Result<RenderResult, LayoutError> {
        let available = val(area.size().height);
        let height = if available >= self.1 - 0.5 {
            0.0
        } else {
            self.0.min(available)
        };
        Ok(RenderResult {
            size: Size::new(0, height),
            has_more: false,
        })
    }
}

/// A thin rule across the text block.
struct Rule {
    above: f32,
    below: f32,
    top: f32,
}

impl Element for Rule {
    fn render(
        &mut self,
        _: &Context,
        area: Area<'_>,
        _: Style,
    ) -> Result<RenderResult, LayoutError> {
        let available = val(area.size().height);
        let needed = self.above + self.below;
        if available < needed && available < self.top - 0.5 {
            return Ok(RenderResult {
                size: Size::new(0, available),
                has_more: false,
            });
        }
        let w = val(area.size().width);
        area.draw_line(
            vec![Position::new(0, self.above), Position::new(w, self.above)],
            LineStyle::new().with_thickness(0.3).with_color(RULE),
        );
        Ok(RenderResult {
            size: Size::new(w, needed.min(available)),
            has_more: false,
        })
    }
}

/// Rewrites the document information (title, author, fixed dates), sets an
/// id derived from the content and compresses every stream, so that the
/// same input always gives the same bytes, in debug and release builds.
fn finish(
    raw: &[u8],
    doc: &Resolved,
    options: &ExportOptions,
    pages: usize,
    marks: &[Mark],
    page_height: f32,
) -> Result<Vec<u8>, ExportError> {
    let fail = |e: lopdf::Error| ExportError(format!("the PDF could not be finished: {e}"));
    let mut pdf = lopdf::Document::load_mem(raw).map_err(fail)?;
    let authors: Vec<&str> = doc
        .authors
        .iter()
        .map(|a| a.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let mut info = Dictionary::new();
    info.set("Title", text_string(&inline::collapse(&doc.title)));
    if !authors.is_empty() {
        info.set("Author", text_string(&authors.join(", ")));
    }
    if !doc.summary.trim().is_empty() {
        let summary: Vec<&str> = doc.summary.split_whitespace().collect();
        info.set("Subject", text_string(&summary.join(" ")));
    }
    if !doc.topics.is_empty() {
        info.set("Keywords", text_string(&doc.topics.join(", ")));
    }
    info.set("Creator", text_string("backgrounder"));
    info.set(
        "Producer",
        text_string(concat!(
            "backgrounder ",
            env!("CARGO_PKG_VERSION"),
            " (genpdfi, printpdf)"
        )),
    );
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let date = pdf_date(&doc.updated, epoch.as_deref());
    if let Some(date) = &date {
        info.set("CreationDate", Object::string_literal(date.as_str()));
        info.set("ModDate", Object::string_literal(date.as_str()));
    }
    let info_id = match pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => id,
        Err(_) => pdf.new_object_id(),
    };
    pdf.objects.insert(info_id, Object::Dictionary(info));
    pdf.trailer.set("Info", Object::Reference(info_id));

    let seed = format!(
        "{doc:?}\u{0}{:?}\u{0}{pages}\u{0}{date:?}\u{0}{}",
        options.paper,
        env!("CARGO_PKG_VERSION")
    );
    let id = fnv128(seed.as_bytes()).to_be_bytes().to_vec();
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    sort_annotations(&mut pdf);
    add_outline(&mut pdf, marks, page_height);
    let names: Vec<(Vec<u8>, Vec<u8>)> = FONT_NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let tag: String = fnv128(format!("{i}{seed}").as_bytes())
                .to_be_bytes()
                .iter()
                .take(6)
                .map(|b| char::from(b'A' + b % 26))
                .collect();
            (
                format!("F{i}").into_bytes(),
                format!("{tag}+{name}").into_bytes(),
            )
        })
        .collect();
    for object in pdf.objects.values_mut() {
        rename_fonts(object, &names);
    }
    pdf.prune_objects();
    pdf.delete_zero_length_streams();
    compress(&mut pdf);
    let mut out = Vec::new();
    pdf.save_to(&mut out)
        .map_err(|e| ExportError(format!("the PDF could not be written: {e}")))?;
    Ok(out)
}

/// Bookmarks to the headings, so that a viewer's sidebar lists the
/// sections.
fn add_outline(pdf: &mut lopdf::Document, marks: &[Mark], page_height: f32) {
    let pages = pdf.get_pages();
    let marks: Vec<(&Mark, lopdf::ObjectId)> = marks
        .iter()
        .filter_map(|m| Some((m, *pages.get(&u32::try_from(m.page).ok()?)?)))
        .collect();
    let Ok(root) = pdf.trailer.get(b"Root").and_then(Object::as_reference) else {
        return;
    };
    if marks.is_empty() || pdf.get_dictionary(root).is_err() {
        return;
    }
    let outlines = match pdf
        .get_dictionary(root)
        .and_then(|c| c.get(b"Outlines"))
        .and_then(Object::as_reference)
    {
        Ok(id) => id,
        Err(_) => pdf.new_object_id(),
    };
    let ids: Vec<lopdf::ObjectId> = marks.iter().map(|_| pdf.new_object_id()).collect();
    for (i, ((mark, page), id)) in marks.iter().zip(&ids).enumerate() {
        let y = (page_height - mark.y).max(0.0) * 72.0 / 25.4;
        let mut item = Dictionary::new();
        item.set("Title", text_string(&mark.title));
        item.set("Parent", Object::Reference(outlines));
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(y),
                Object::Null,
            ]),
        );
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        pdf.objects.insert(*id, Object::Dictionary(item));
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(ids[0]));
    dict.set("Last", Object::Reference(ids[ids.len() - 1]));
    dict.set("Count", Object::Integer(ids.len() as i64));
    pdf.objects.insert(outlines, Object::Dictionary(dict));
    if let Ok(catalog) = pdf.get_dictionary_mut(root) {
        catalog.set("Outlines", Object::Reference(outlines));
    }
}

/// The PostScript names of the bundled fonts, in the order genpdf embeds
/// them (printpdf calls them F0 to F3).
const FONT_NAMES: [&str; 4] = [
    "LiberationSerif",
    "LiberationSerif-Bold",
    "LiberationSerif-Italic",
    "LiberationSerif-BoldItalic",
];

/// Gives the embedded fonts their real names, with the subset tag that
/// marks a subset font, so viewers list them properly.
fn rename_fonts(object: &mut Object, names: &[(Vec<u8>, Vec<u8>)]) {
    match object {
        Object::Dictionary(dict) => {
            for (key, value) in dict.iter_mut() {
                if key == b"BaseFont" || key == b"FontName" {
                    if let Object::Name(name) = value
                        && let Some((_, new)) = names.iter().find(|(old, _)| old == name)
                    {
                        *name = new.clone();
                    }
                } else {
                    rename_fonts(value, names);
                }
            }
        }
        Object::Array(items) => {
            for item in items {
                rename_fonts(item, names);
            }
        }
        _ => {}
    }
}

/// Puts each page's link annotations in reading order. printpdf keeps them
/// in a `HashMap`, so their order (and object numbers) would change from
/// run to run.
fn sort_annotations(pdf: &mut lopdf::Document) {
    for page in pdf.get_pages().into_values() {
        let Ok(annots) = pdf
            .get_dictionary(page)
            .and_then(|d| d.get(b"Annots"))
            .and_then(Object::as_array)
        else {
            continue;
        };
        let mut ids: Vec<lopdf::ObjectId> = annots
            .iter()
            .filter_map(|o| o.as_reference().ok())
            .collect();
        let mut objects: Vec<Object> = ids
            .iter()
            .filter_map(|id| pdf.objects.get(id).cloned())
            .collect();
        if objects.len() != ids.len() {
            continue;
        }
        objects.sort_by_cached_key(|o| {
            let number = |i: usize| {
                o.as_dict()
                    .and_then(|d| d.get(b"Rect"))
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|r| r.get(i))
                    .and_then(|v| match v {
                        Object::Real(f) => Some(f64::from(*f)),
                        Object::Integer(n) => Some(*n as f64),
                        _ => None,
                    })
                    .map_or(0, |v| (v * 100.0).round() as i64)
            };
            (-number(3), number(0), format!("{o:?}"))
        });
        ids.sort();
        for (id, object) in ids.iter().zip(objects) {
            pdf.objects.insert(*id, object);
        }
        let refs: Vec<Object> = ids.iter().map(|id| Object::Reference(*id)).collect();
        if let Ok(dict) = pdf.get_dictionary_mut(page) {
            dict.set("Annots", Object::Array(refs));
        }
    }
}

/// A PDF text string: plain when ASCII, UTF-16 with a byte order mark
/// otherwise.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The date written into the document: `SOURCE_DATE_EPOCH` (given as
/// `epoch`) when set, else the document's own `updated` date at midnight
/// UTC.
fn pdf_date(updated: &str, epoch: Option<&str>) -> Option<String> {
    if let Some(seconds) = epoch.and_then(|s| s.trim().parse::<i64>().ok())
        && let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(seconds)
    {
        return Some(format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ));
    }
    let parts: Vec<&str> = updated.trim().split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            Some(format!("D:{y}{m}{d}000000Z"))
        }
        [y, m] if digits(y, 4) && digits(m, 2) => Some(format!("D:{y}{m}01000000Z")),
        [y] if digits(y, 4) => Some(format!("D:{y}0101000000Z")),
        _ => None,
    }
}

/// 128-bit FNV-1a: a stable hash for the document id (not for security).
fn fnv128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

/// Compresses every stream not compressed yet, with miniz_oxide at its
/// fastest level. printpdf (with `less-optimization`) leaves them all to
/// this; lopdf's own `compress` uses zlib's best level, which took a third
/// of the export's time for a PDF a few per cent smaller.
fn compress(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.dict.get(b"Filter").is_err()
        {
            let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&stream.content, 1);
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache() -> FontCache {
        FontCache::new(FONTS.as_ref().unwrap().clone())
    }

    fn top() -> Body {
        Body {
            top: 200.0,
            margin: 20.0,
            draw: true,
        }
    }

    fn natural(line: &Line) -> f32 {
        let n = line.words.len();
        line.words
            .iter()
            .enumerate()
            .map(|(i, w)| w.width + if i + 1 < n { w.space } else { 0.0 })
            .sum()
    }

    fn line_text(line: &Line) -> String {
        let words: Vec<String> = line
            .words
            .iter()
            .map(|w| w.frags.iter().map(|f| f.text.as_str()).collect())
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
        let cache = cache();
        let giant = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(20);
        let text = format!(
            "The State Department delisted the group in late 2012 but voiced concerns. {giant} \
             and then https://www.example.org/a/very-long/path_with.dots/and?query=1&x=2 ends."
        );
        let prose = Prose::new(
            inline_spans(&inline::parse(&text), body_style()),
            body_style(),
            top(),
        );
        for measure in [40.0, 80.0, 150.0] {
            let lines = prose.layout(&cache, measure);
            assert!(lines.len() > 2);
            for line in &lines {
                assert!(
                    natural(line) <= measure + 0.05,
                    "{measure}: {}",
                    line_text(line)
                );
            }
            let all: String = lines.iter().map(line_text).collect::<Vec<_>>().join("\n");
            // URLs break after a slash or before a dot, never with a hyphen.
            for l in all
                .lines()
                .filter(|l| l.contains("example.org") || l.starts_with("/"))
            {
                assert!(!l.ends_with('.') || l.ends_with("ends."), "{l}");
            }
        }
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let cache = cache();
        let text = "word ".repeat(200);
        let prose = Prose::new(
            inline_spans(&inline::parse(&text), body_style()),
            body_style(),
            top(),
        );
        let lines = prose.layout(&cache, 100.0);
        let (last, full) = lines.split_last().unwrap();
        assert!(!last.justify);
        for line in full {
            assert!(line.justify);
            let stretch = (100.0 - natural(line)) / (line.words.len() - 1) as f32;
            assert!((0.0..line.words[0].space).contains(&stretch), "{stretch}");
        }
    }

    #[test]
    fn markers_list_numbers_and_locators() {
        let c = |number, locator: Option<&str>| Citation {
            number,
            locator: locator.map(str::to_owned),
        };
        let citation_marker =
            |c: &[Citation]| super::citation_marker(c).map(|m| m.replace('\u{a0}', " "));
        assert_eq!(citation_marker(&[]), None);
        assert_eq!(citation_marker(&[c(3, None)]).as_deref(), Some("[3]"));
        assert_eq!(
            citation_marker(&[c(1, None), c(4, None)]).as_deref(),
            Some("[1, 4]")
        );
        assert_eq!(
            citation_marker(&[c(2, Some("p. 45")), c(5, None)]).as_deref(),
            Some("[2, p. 45; 5]")
        );
    }

    #[test]
    fn markdown_becomes_styled_text() {
        let spans = inline_spans(
            &inline::parse("The *MEK* said \"no\" -- see [the report](https://example.org)."),
            body_style(),
        );
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "The MEK said “no” – see the report.");
        assert!(spans.iter().any(|s| s.text == "MEK" && s.style.is_italic()));
        assert!(
            spans.iter().any(
                |s| s.text == "the report" && s.link.as_deref() == Some("https://example.org/")
            )
        );
    }

    #[test]
    fn dates_are_fixed() {
        let date = |updated, epoch| pdf_date(updated, epoch);
        assert_eq!(
            date("2014-07-28", None).as_deref(),
            Some("D:20140728000000Z")
        );
        assert_eq!(date("2014-07", None).as_deref(), Some("D:20140701000000Z"));
        assert_eq!(date("197X", None), None);
        assert_eq!(
            date("2014-07-28", Some("1700000000")).as_deref(),
            Some("D:20231114221320Z")
        );
        assert_eq!(
            date("2014-07-28", Some("soon")).as_deref(),
            Some("D:20140728000000Z")
        );
    }
}
