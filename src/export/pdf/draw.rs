//! Drawing and tagging: each placed line goes to the writer as shaped
//! glyph runs inside marked content, and the tag tree is built alongside
//! in reading order (running header and footer are artifacts).

use std::num::NonZeroU16;

use krilla::Document;
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, Tag, TagGroup,
    TagTree,
};

use super::fonts::{Fonts, Rgb, Shaped, Style, pdf_glyphs};
use super::layout::{Block, MM, Page, Placed, Role};
use super::linebreak::{Line, Word};
use super::spans::Link;

pub const GRAY: Rgb = (96, 96, 96);
const RULE: Rgb = (150, 150, 150);

/// What the drawing leaves for the document: the tag tree and where each
/// heading starts, for the outline.
pub struct Drawn {
    pub tree: TagTree,
    /// Title, page index and point of each level-2 heading.
    pub headings: Vec<(String, usize, Point)>,
}

/// The running header and footer.
pub struct Frame<'a> {
    pub short_title: &'a str,
}

/// Content identifiers and links of one block, in reading order.
#[derive(Default)]
struct Marks {
    label: Vec<Identifier>,
    items: Vec<Item>,
    links: Vec<LinkSlot>,
}

enum Item {
    Content(Identifier),
    Link(usize),
}

struct LinkSlot {
    /// The first span of the link's run of spans.
    span: usize,
    link: Link,
    annotations: Vec<Identifier>,
    content: Vec<Identifier>,
}

/// A link's area on the current page, to be annotated.
struct Area {
    block: usize,
    slot: usize,
    rect: Rect,
}

pub fn draw(
    document: &mut Document,
    blocks: &[Block],
    pages: &[Vec<Placed>],
    page: &Page,
    fonts: &Fonts,
    frame: &Frame,
    lang: &str,
) -> Drawn {
    // Where each source's entry starts, for citation markers.
    let mut targets: Vec<(usize, usize, Point)> = Vec::new();
    let mut headings = Vec::new();
    for (index, placed) in pages.iter().enumerate() {
        for p in placed.iter().filter(|p| p.first == 0) {
            let b = &blocks[p.block];
            let at = Point::from_xy(page.side + b.left, page.top + p.y);
            if let Some(n) = b.source {
                targets.push((n, index, at));
            }
            if b.role == Role::H2 && !b.lines.is_empty() {
                headings.push((b.text(), index, at));
            }
        }
    }
    let target = |n: usize| {
        targets
            .iter()
            .find(|t| t.0 == n)
            .map(|&(_, page, at)| XyzDestination::new(page, at))
    };

    let mut marks: Vec<Marks> = blocks.iter().map(|_| Marks::default()).collect();
    let total = pages.len();
    for (index, placed) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(page.width, page.height)
            .unwrap_or_else(|| PageSettings::from_wh(612.0, 792.0).unwrap_or_default());
        let mut pdf_page = document.start_page_with(settings);
        let mut areas: Vec<Area> = Vec::new();
        {
            let mut surface = pdf_page.surface();
            draw_frame(&mut surface, fonts, page, frame, index + 1, total);
            for p in placed {
                let block = &blocks[p.block];
                let x = page.side + block.left;
                let y = page.top + p.y;
                if block.role == Role::Rule {
                    artifact(&mut surface, |s| {
                        rule(
                            s,
                            (page.side, y + block.before),
                            (page.width - page.side, y + block.before),
                            0.3 * MM,
                        );
                    });
                    continue;
                }
                let m = &mut marks[p.block];
                if p.first == 0
                    && let Some(label) = &block.label
                {
                    let w = fonts.width(label.style, &label.text);
                    let lx = (x - 1.8 * MM - w).max(page.side);
                    let baseline = y + fonts.ascent(label.style);
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    run(
                        &mut surface,
                        fonts,
                        label.style,
                        &[(&label.text, false)],
                        lx,
                        baseline,
                        0.0,
                        false,
                    );
                    surface.end_tagged();
                    m.label.push(id);
                }
                let measure = page.body_width() - block.left - block.right;
                for (k, line) in block.lines[p.first..p.first + p.count].iter().enumerate() {
                    let top = y + k as f32 * block.line_height;
                    draw_line(
                        &mut surface,
                        fonts,
                        block,
                        p.block,
                        line,
                        (x, top),
                        measure,
                        m,
                        &mut areas,
                        &target,
                    );
                }
                if block.bar && p.count > 0 {
                    let face = fonts.face(block.base);
                    let glyph = (face.ascent + face.descent) * block.base.size;
                    let height = p.count as f32 * block.line_height;
                    artifact(&mut surface, |s| {
                        rule(
                            s,
                            (x - 4.0 * MM, y + 0.6 * MM),
                            (x - 4.0 * MM, y + height - block.line_height + glyph),
                            0.6 * MM,
                        );
                    });
                }
            }
            surface.finish();
        }
        for area in areas {
            let slot = &mut marks[area.block].links[area.slot];
            let (target, alt) = match &slot.link {
                Link::Uri(uri) => (
                    Target::Action(Action::Link(LinkAction::new(uri.clone()))),
                    describe(uri),
                ),
                Link::Source(n) => match target(*n) {
                    Some(dest) => (
                        Target::Destination(Destination::Xyz(dest)),
                        format!("Source {n}"),
                    ),
                    None => continue,
                },
            };
            let annotation =
                Annotation::new_link(LinkAnnotation::new(area.rect, target), Some(alt));
            slot.annotations
                .push(pdf_page.add_tagged_annotation(annotation));
        }
        pdf_page.finish();
    }

    Drawn {
        tree: tree(blocks, marks, lang),
        headings,
    }
}

/// A link's alternate description: where it leads, briefly (the link's
/// text, often the address itself, is in its Link element).
fn describe(uri: &str) -> String {
    match url::Url::parse(uri) {
        Ok(u) if u.scheme() == "mailto" => format!("Email {}", u.path()),
        Ok(u) => match u.host_str() {
            Some(host) => format!("Link to {host}"),
            None => "Link".to_owned(),
        },
        Err(_) => "Link".to_owned(),
    }
}

/// Draws inside an artifact: content that is not part of the text.
fn artifact(surface: &mut Surface, f: impl FnOnce(&mut Surface)) {
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Layout,
        None,
    )));
    f(surface);
    surface.end_tagged();
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        ..Fill::default()
    }
}

fn rule(surface: &mut Surface, from: (f32, f32), to: (f32, f32), width: f32) {
    let mut path = PathBuilder::new();
    path.move_to(from.0, from.1);
    path.line_to(to.0, to.1);
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(RULE.0, RULE.1, RULE.2).into(),
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

/// Running header (from page 2) and footer, as pagination artifacts.
fn draw_frame(
    surface: &mut Surface,
    fonts: &Fonts,
    page: &Page,
    frame: &Frame,
    number: usize,
    total: usize,
) {
    let small = Style::new(9.0).color(GRAY);
    let right = page.width - page.side;
    if number > 1 {
        let y = page.top - 13.0 * MM;
        let label = "Backgrounder";
        let label_width = fonts.width(small, label);
        let room = right - page.side - label_width - 10.0 * MM;
        let title = fit(fonts, small.italic(), frame.short_title, room);
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::Header,
            None,
        )));
        let baseline = y + fonts.ascent(small);
        run(
            surface,
            fonts,
            small.italic(),
            &[(&title, false)],
            page.side,
            baseline,
            0.0,
            false,
        );
        run(
            surface,
            fonts,
            small,
            &[(label, false)],
            right - label_width,
            baseline,
            0.0,
            false,
        );
        rule(
            surface,
            (page.side, y + 5.5 * MM),
            (right, y + 5.5 * MM),
            0.2 * MM,
        );
        surface.end_tagged();
    }
    let footer = format!("Page {number} of {total}");
    let x = (page.width - fonts.width(small, &footer)) / 2.0;
    let y = page.height - page.bottom + 9.0 * MM;
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Footer,
        None,
    )));
    run(
        surface,
        fonts,
        small,
        &[(&footer, false)],
        x,
        y + fonts.ascent(small),
        0.0,
        false,
    );
    surface.end_tagged();
}

/// `text`, cut with an ellipsis to fit `room` points.
fn fit(fonts: &Fonts, style: Style, text: &str, room: f32) -> String {
    let text: String = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if fonts.covers(c) { c } else { '?' })
        .collect();
    if text.chars().count() <= 200 && fonts.width(style, &text) <= room {
        return text;
    }
    let mut cut: String = text.chars().take(200).collect();
    while !cut.is_empty() {
        cut.pop();
        let candidate = format!("{}…", cut.trim_end());
        if fonts.width(style, &candidate) <= room {
            return candidate;
        }
    }
    String::new()
}

/// Draws pieces of text in one style as one glyph run starting at `x` on
/// `baseline`: each piece is a word part, `true` when a hyphen added by the
/// line break follows it. Pieces are separated by a space glyph `gap`
/// points wider than the face's; `trailing`, a space that ends the run
/// (before a word in another style), so that extracted text keeps its
/// word spaces. Returns the width drawn.
#[allow(clippy::too_many_arguments)]
fn run(
    surface: &mut Surface,
    fonts: &Fonts,
    style: Style,
    pieces: &[(&str, bool)],
    x: f32,
    baseline: f32,
    gap: f32,
    trailing: bool,
) -> f32 {
    let mut text = String::new();
    let mut glyphs = Vec::new();
    let face = fonts.face(style);
    let count = pieces.len() + usize::from(trailing);
    for i in 0..count {
        if i > 0 {
            let space = fonts.shape(style, " ");
            let start = text.len();
            text.push(' ');
            let mut g = pdf_glyphs(&space, 1, start);
            if let Some(first) = g.first_mut() {
                first.x_advance += gap / style.size;
            }
            glyphs.extend(g);
        }
        let Some((piece, hyphen)) = pieces.get(i) else {
            break;
        };
        let shaped = fonts.shape(style, piece);
        let start = text.len();
        text.push_str(piece);
        glyphs.extend(pdf_glyphs(&shaped, piece.len(), start));
        if *hyphen {
            // The hyphen is drawn with the soft hyphen's glyph (which looks
            // like a hyphen) and read as a soft hyphen: text extraction and
            // screen readers get the whole word.
            let start = text.len();
            text.push('\u{ad}');
            let shaped = match fonts.glyph(style, '\u{ad}') {
                Some(glyph) => Shaped {
                    width: glyph.advance,
                    glyphs: vec![glyph],
                },
                None => {
                    text.pop();
                    text.push('-');
                    Shaped::clone(&fonts.shape(style, "-"))
                }
            };
            glyphs.extend(pdf_glyphs(&shaped, text.len() - start, start));
        }
    }
    if glyphs.is_empty() {
        return 0.0;
    }
    let width: f32 = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * style.size;
    surface.set_fill(Some(fill(style.color)));
    surface.draw_glyphs(
        Point::from_xy(x, baseline),
        &glyphs,
        face.pdf.clone(),
        &text,
        style.size,
        false,
    );
    width
}

/// Where each span's link goes in a block's marks: runs of spans with the
/// same link are one link.
fn slot_for(m: &mut Marks, block: &Block, span: usize) -> Option<usize> {
    let link = block.spans[span].link.as_ref()?;
    let mut first = span;
    while first > 0 && block.spans[first - 1].link.as_ref() == Some(link) {
        first -= 1;
    }
    if let Some(i) = m.links.iter().position(|l| l.span == first) {
        return Some(i);
    }
    m.links.push(LinkSlot {
        span: first,
        link: link.clone(),
        annotations: Vec::new(),
        content: Vec::new(),
    });
    m.items.push(Item::Link(m.links.len() - 1));
    Some(m.links.len() - 1)
}

#[allow(clippy::too_many_arguments)]
fn draw_line(
    surface: &mut Surface,
    fonts: &Fonts,
    block: &Block,
    block_index: usize,
    line: &Line,
    (left, top): (f32, f32),
    measure: f32,
    m: &mut Marks,
    areas: &mut Vec<Area>,
    target: &dyn Fn(usize) -> Option<XyzDestination>,
) {
    let count = line.words.len();
    let natural = line.natural();
    let gaps = count.saturating_sub(1);
    let mut extra = 0.0;
    if line.justify && gaps > 0 {
        let stretch = (measure - natural) / gaps as f32;
        let space = line.words[0].space.max(1.4);
        // Past this a ragged line reads better than a gappy one.
        if stretch > 0.0 && stretch < 2.5 * space {
            extra = stretch;
        }
    }
    // Runs of parts in one span, across the spaces between words: one
    // glyph run and one marked-content sequence each.
    struct Piece<'a> {
        span: usize,
        text: &'a str,
        hyphen: bool,
        x: f32,
        width: f32,
        /// Starts a new word (a space before it).
        new_word: bool,
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut x = left;
    for (i, word) in line.words.iter().enumerate() {
        for (j, frag) in word.frags.iter().enumerate() {
            let width = word_part_width(word, j);
            pieces.push(Piece {
                span: frag.span,
                text: &frag.text,
                hyphen: frag.hyphen,
                x,
                width,
                new_word: j == 0 && i > 0,
            });
            x += width;
        }
        if i + 1 < count {
            x += word.space + extra;
        }
    }
    let mut start = 0;
    while start < pieces.len() {
        let span = pieces[start].span;
        let mut end = start + 1;
        while end < pieces.len() && pieces[end].span == span && pieces[end].new_word {
            end += 1;
        }
        let s = &block.spans[span];
        let parts: Vec<(&str, bool)> = pieces[start..end]
            .iter()
            .map(|p| (p.text, p.hyphen))
            .collect();
        let x0 = pieces[start].x;
        let x1 = pieces[end - 1].x + pieces[end - 1].width;
        let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
        let baseline = top + fonts.ascent(s.style);
        let trailing = pieces.get(end).is_some_and(|p| p.new_word);
        run(
            surface, fonts, s.style, &parts, x0, baseline, extra, trailing,
        );
        surface.end_tagged();
        let linked = match &s.link {
            Some(Link::Source(n)) => target(*n).is_some(),
            Some(Link::Uri(_)) => true,
            None => false,
        };
        match linked.then(|| slot_for(m, block, span)).flatten() {
            Some(slot) => {
                m.links[slot].content.push(id);
                let height = block.line_height.max(1.0);
                if let Some(rect) = Rect::from_xywh(x0, top, (x1 - x0).max(0.5), height) {
                    areas.push(Area {
                        block: block_index,
                        slot,
                        rect,
                    });
                }
            }
            None => m.items.push(Item::Content(id)),
        }
        start = end;
    }
}

fn word_part_width(word: &Word, j: usize) -> f32 {
    word.widths.get(j).copied().unwrap_or_default()
}

/// The tag tree: blocks in reading order, consecutive list items in one
/// list, links with their annotations, citation markers as references.
fn tree(blocks: &[Block], marks: Vec<Marks>, lang: &str) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.to_owned()));
    let mut list: Option<TagGroup> = None;
    for (block, m) in blocks.iter().zip(marks) {
        if block.role == Role::Rule {
            continue;
        }
        let mut content: Vec<Node> = Vec::new();
        let mut links: Vec<Option<LinkSlot>> = m.links.into_iter().map(Some).collect();
        // The links of one citation marker, in one Reference.
        let mut reference: Option<TagGroup> = None;
        for item in m.items {
            let (node, source) = match item {
                Item::Content(id) => (Node::from(id), false),
                Item::Link(i) => {
                    let Some(slot) = links.get_mut(i).and_then(Option::take) else {
                        continue;
                    };
                    let mut children: Vec<Node> =
                        slot.annotations.into_iter().map(Node::from).collect();
                    children.extend(slot.content.into_iter().map(Node::from));
                    let group = TagGroup::with_children(Tag::Link, children);
                    (group.into(), matches!(slot.link, Link::Source(_)))
                }
            };
            if source {
                reference
                    .get_or_insert_with(|| TagGroup::new(Tag::Reference))
                    .push(node);
                continue;
            }
            if let Some(r) = reference.take() {
                content.push(r.into());
            }
            content.push(node);
        }
        if let Some(r) = reference.take() {
            content.push(r.into());
        }
        if block.role != Role::Item
            && let Some(l) = list.take()
        {
            tree.push(l);
        }
        if content.is_empty() && m.label.is_empty() {
            continue;
        }
        let group = match block.role {
            Role::P | Role::Rule => TagGroup::with_children(Tag::P, content),
            Role::H1 | Role::H2 => {
                let level = if block.role == Role::H1 { 1 } else { 2 };
                TagGroup::with_children(
                    Tag::Hn(
                        NonZeroU16::MIN.saturating_add(level - 1),
                        Some(block.text()),
                    ),
                    content,
                )
            }
            Role::Quote => TagGroup::with_children(
                Tag::BlockQuote,
                vec![TagGroup::with_children(Tag::P, content).into()],
            ),
            Role::Item => {
                let label: Vec<Node> = m.label.into_iter().map(Node::from).collect();
                let item = TagGroup::with_children(
                    Tag::LI,
                    vec![
                        TagGroup::with_children(Tag::Lbl, label).into(),
                        TagGroup::with_children(Tag::LBody, content).into(),
                    ],
                );
                let numbered = block.source.is_some();
                list.get_or_insert_with(|| {
                    TagGroup::new(Tag::L(if numbered {
                        ListNumbering::Decimal
                    } else {
                        ListNumbering::Disc
                    }))
                })
                .push(item);
                continue;
            }
        };
        tree.push(group);
    }
    if let Some(l) = list.take() {
        tree.push(l);
    }
    tree
}
