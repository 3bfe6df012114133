//! The PDF export: our own layout (justified, hyphenated, in a chain of
//! fonts: Backgrounder Serif, Noto for Arabic, Hebrew and symbols, then any
//! `[pdf] fonts`), drawn, tagged and checked against PDF/UA-1 or PDF/A by
//! krilla.
//!
//! The path is span → words and lines ([`linebreak`]) → pages ([`layout`])
//! → runs of one face and direction, shaped ([`fonts`]) and put in visual
//! order by the Unicode Bidirectional Algorithm → marked content and tag
//! tree ([`draw`]) → metadata and outline ([`metadata`]). The font chain is
//! loaded once per run; the shaping cache belongs to one export call.

mod draw;
mod fonts;
mod layout;
mod linebreak;
mod metadata;
mod spans;

use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, ValidationError};
use krilla::error::KrillaError;
use krilla::{Document, SerializeSettings};

use super::resolve::human_date;
use super::{ExportError, ExportOptions, Exporter, Paper, PdfStandard, Resolved, ResolvedBlock};
use crate::export::inline;
pub use fonts::{FontChain, FontError};
use fonts::{Fonts, Style};
use layout::{Block, MM, Page, Role};
use spans::{Span, citation_marker, inline_spans, plain, reference, smart, titled};

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
        let chain = match &options.fonts {
            Some(chain) => chain.clone(),
            None => FontChain::bundled()?,
        };
        let fonts = Fonts::new(chain);
        let page = page(options.paper);
        let mut blocks = blocks(doc);
        layout::break_lines(&mut blocks, &fonts, &page);
        let pages = layout::paginate(&blocks, &page);

        let mut document = Document::new_with(settings(options.pdf_standard)?);
        let lang = doc.lang();
        let short_title = smart(&inline::collapse(&doc.short_title));
        let frame = draw::Frame {
            short_title: &short_title,
        };
        let drawn = draw::draw(&mut document, &blocks, &pages, &page, &fonts, &frame, lang);
        let seed = format!(
            "{doc:?}\u{0}{:?}\u{0}{:?}\u{0}{}",
            options.paper,
            options.pdf_standard,
            env!("CARGO_PKG_VERSION")
        );
        document.set_metadata(metadata::metadata(doc, lang, &seed, options.date));
        document.set_outline(metadata::outline(&drawn.headings));
        document.set_tag_tree(drawn.tree);
        document
            .finish()
            .map_err(|e| failure(e, options.pdf_standard))
    }
}

fn settings(standard: PdfStandard) -> Result<SerializeSettings, ExportError> {
    let builder = ConfigurationBuilder::new();
    let builder = match standard {
        PdfStandard::Ua1 => builder.with_accessibility_validator(Accessibility::UA1),
        PdfStandard::A2b => builder.with_archival_validator(Archival::A2_B),
        PdfStandard::A3b => builder.with_archival_validator(Archival::A3_B),
        PdfStandard::A2a => builder.with_archival_validator(Archival::A2_A),
        PdfStandard::A2bUa1 => builder
            .with_archival_validator(Archival::A2_B)
            .with_accessibility_validator(Accessibility::UA1),
    };
    let configuration = builder.finish().map_err(|e| ExportError::PdfSettings {
        standard,
        reason: format!("{e:?}"),
    })?;
    Ok(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    })
}

/// The writer's error, in words.
fn failure(error: KrillaError, standard: PdfStandard) -> ExportError {
    match error {
        KrillaError::Validation(errors) => {
            let mut reasons: Vec<String> = errors
                .iter()
                .map(|(e, _)| match e {
                    ValidationError::ContainsNotDefGlyph(..) => {
                        "a character the fonts cannot draw".to_owned()
                    }
                    other => format!("{other:?}"),
                })
                .collect();
            reasons.sort();
            reasons.dedup();
            reasons.truncate(5);
            ExportError::Nonconforming { standard, reasons }
        }
        other => ExportError::Pdf(format!("{other:?}")),
    }
}

/// Paper size and margins, in points.
fn page(paper: Paper) -> Page {
    let (width, height) = match paper {
        Paper::Letter => (215.9, 279.4),
        Paper::A4 => (210.0, 297.0),
    };
    Page {
        width: width * MM,
        height: height * MM,
        top: 24.0 * MM,
        bottom: 22.0 * MM,
        side: 28.0 * MM,
    }
}

const ACCENT: (u8, u8, u8) = (150, 28, 28);
const DARK: (u8, u8, u8) = (45, 45, 45);

fn heading(text: &str, level: Role) -> Block {
    let style = Style::new(13.0).bold().spacing(1.1);
    let mut block = Block::new(level, plain(text, style), style)
        .ragged()
        .space(5.0, 1.5);
    block.keep_with_next = true;
    block
}

fn list_item(label: &str, spans: Vec<Span>, style: Style, source: Option<usize>) -> Block {
    let mut item = Block::new(Role::Item, spans, style)
        .indent(8.0, 0.0)
        .ragged()
        .space(0.0, 1.6);
    item.label = Some(Span::text(label, style));
    item.source = source;
    item
}

/// Every block of the document, in reading order.
fn blocks(doc: &Resolved) -> Vec<Block> {
    let body = Style::new(11.0).spacing(1.2);
    let mut out = Vec::new();

    let label = Style::new(9.0).bold().color(ACCENT);
    out.push(Block::new(Role::P, vec![Span::text("BACKGROUNDER", label)], label).space(0.0, 2.5));
    let title = Style::new(22.0).bold().spacing(1.05);
    out.push(
        Block::new(Role::H1, plain(&doc.title, title), title)
            .ragged()
            .space(0.0, 3.0),
    );
    let byline = doc.byline();
    if !byline.trim().is_empty() {
        let style = Style::new(11.0).italic();
        out.push(
            Block::new(Role::P, plain(&byline, style), style)
                .ragged()
                .space(0.0, 1.0),
        );
    }
    if !doc.updated.trim().is_empty() {
        let style = Style::new(10.0).color(draw::GRAY);
        let text = format!("Updated {}", human_date(doc.updated.trim()));
        out.push(Block::new(Role::P, plain(&text, style), style).ragged());
    }
    out.push(Block::new(Role::Rule, Vec::new(), body).space(3.5, 5.0));
    if !doc.summary.trim().is_empty() {
        let style = Style::new(12.0).spacing(1.2).color(DARK);
        out.push(Block::new(Role::P, plain(&doc.summary, style), style).space(0.0, 2.0));
    }

    let marker = Style::new(7.0);
    for section in &doc.sections {
        out.push(heading(&section.heading, Role::H2));
        for block in &section.blocks {
            match block {
                ResolvedBlock::Paragraph(claims) => {
                    let mut spans = Vec::new();
                    for claim in claims {
                        if !spans.is_empty() {
                            spans.push(Span::text(" ", body));
                        }
                        spans.extend(inline_spans(&claim.inline, body));
                        spans.extend(citation_marker(&claim.citations, marker));
                    }
                    out.push(Block::new(Role::P, spans, body).space(0.0, 3.0));
                }
                ResolvedBlock::Quote(quote) => {
                    let style = Style::new(10.0).spacing(1.2);
                    let mut spans = vec![Span::text("“", style)];
                    spans.extend(inline_spans(&quote.inline, style));
                    spans.push(Span::text("”", style));
                    spans.extend(citation_marker(&quote.citations, marker));
                    spans.push(Span::line_break());
                    let credit = style.color(draw::GRAY);
                    spans.push(Span::text("— ", credit));
                    let name = Span::text(smart(&quote.speaker.name.to_string()), credit.italic());
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
                    let mut block = Block::new(Role::Quote, spans, style)
                        .indent(9.0, 9.0)
                        .ragged()
                        .space(1.0, 4.0);
                    block.bar = true;
                    block.together = true;
                    out.push(block);
                }
            }
        }
    }

    let small = Style::new(10.0).spacing(1.15);
    if !doc.resources.is_empty() {
        out.push(heading("Additional Resources", Role::H2));
        for resource in &doc.resources {
            let mut spans = vec![titled(&resource.title, resource.url.as_deref(), small)];
            if let Some(note) = &resource.note {
                spans.push(Span::text(". ", small));
                spans.extend(plain(note, small));
            }
            out.push(list_item("•", spans, small, None));
        }
    }
    if !doc.related.is_empty() {
        out.push(heading("More on this topic", Role::H2));
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
            out.push(list_item("•", spans, small, None));
        }
    }
    if !doc.sources.is_empty() {
        out.push(heading("Sources", Role::H2));
        for source in &doc.sources {
            out.push(list_item(
                &format!("{}.", source.number),
                reference(source, small),
                small,
                Some(source.number),
            ));
        }
    }
    out
}
