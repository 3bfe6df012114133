//! Drawing and tagging: each placed line goes to the writer as shaped
//! glyph runs inside marked content, and the tag tree is built alongside
//! in reading order (running header and footer are artifacts).

use std::num::NonZeroU16;
use std::rc::Rc;

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

use super::fonts::{Fonts, Rgb, Shaped, Style, ignorable, is_rtl, pdf_glyphs, rtl_text};
use super::layout::{Block, MM, Page, Placed, Role};
use super::linebreak::Line;
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
                    run(&mut surface, fonts, label.style, &label.text, lx, baseline);
                    surface.end_tagged();
                    m.label.push(id);
                }
                let measure = page.body_width() - block.left - block.right;
                let rtl_base = is_rtl(&block.text());
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
                        rtl_base,
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
        run(surface, fonts, small.italic(), &title, page.side, baseline);
        run(surface, fonts, small, label, right - label_width, baseline);
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
    run(surface, fonts, small, &footer, x, y + fonts.ascent(small));
    surface.end_tagged();
}

/// `text`, cut with an ellipsis to fit `room` points.
fn fit(fonts: &Fonts, style: Style, text: &str, room: f32) -> String {
    let text: String = text
        .chars()
        .filter(|&c| !ignorable(c))
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

/// A piece of a line in one span, one face and one direction, in logical
/// order.
struct Atom<'a> {
    span: usize,
    style: Style,
    text: &'a str,
    face: usize,
    /// Its byte offset in the line's text.
    start: usize,
    /// A hyphen added by the line break follows.
    hyphen: bool,
    /// A space between words (stretched when justifying).
    space: bool,
    rtl: bool,
    width: f32,
    shaped: Rc<Shaped>,
}

/// The atoms of `text` (one span's word part) appended to `atoms` and
/// its text to `line`.
fn push_atoms<'a>(
    fonts: &Fonts,
    span: usize,
    style: Style,
    text: &'a str,
    hyphen: bool,
    atoms: &mut Vec<Atom<'a>>,
    line: &mut String,
) {
    let runs = fonts.chain.runs(style, text);
    let count = runs.len();
    for (k, (face, range)) in runs.into_iter().enumerate() {
        let start = line.len();
        line.push_str(&text[range.clone()]);
        atoms.push(Atom {
            span,
            style,
            text: &text[range],
            face,
            start,
            hyphen: hyphen && k + 1 == count,
            space: false,
            rtl: false,
            width: 0.0,
            shaped: Rc::default(),
        });
    }
}

/// A space atom between words.
fn push_space<'a>(span: usize, style: Style, atoms: &mut Vec<Atom<'a>>, line: &mut String) {
    let start = line.len();
    line.push(' ');
    atoms.push(Atom {
        span,
        style,
        text: " ",
        face: style.face(),
        start,
        hyphen: false,
        space: true,
        rtl: false,
        width: 0.0,
        shaped: Rc::default(),
    });
}

/// Resolves directions with the Unicode Bidirectional Algorithm
/// (paragraph direction `rtl_base`), splits atoms where the level
/// changes, shapes them, and returns them with their visual order, left
/// to right.
fn order_and_shape<'a>(
    fonts: &Fonts,
    atoms: Vec<Atom<'a>>,
    line: &str,
    rtl_base: bool,
) -> (Vec<Atom<'a>>, Vec<usize>) {
    use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo};
    let bidi = rtl_base
        || line.chars().any(|c| {
            matches!(
                unicode_bidi::bidi_class(c),
                BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
            )
        });
    let (mut atoms, order) = if bidi {
        let base = if rtl_base { Level::rtl() } else { Level::ltr() };
        let info = ParagraphBidiInfo::new(line, Some(base));
        let levels = info.reordered_levels(0..line.len());
        let level = |at: usize| levels.get(at).copied().unwrap_or(base);
        let mut split: Vec<Atom<'a>> = Vec::with_capacity(atoms.len());
        let mut atom_levels: Vec<Level> = Vec::with_capacity(atoms.len());
        for atom in atoms {
            let mut from = 0;
            let mut current = level(atom.start);
            let pieces: Vec<(usize, Level)> = atom
                .text
                .char_indices()
                .map(|(i, _)| (i, level(atom.start + i)))
                .collect();
            for (i, l) in pieces.into_iter().chain([(atom.text.len(), Level::ltr())]) {
                if i == atom.text.len() || (l != current && i > from) {
                    split.push(Atom {
                        text: &atom.text[from..i],
                        start: atom.start + from,
                        hyphen: atom.hyphen && i == atom.text.len(),
                        rtl: current.is_rtl(),
                        shaped: Rc::default(),
                        ..atom
                    });
                    atom_levels.push(current);
                    from = i;
                }
                current = l;
            }
        }
        let order = ParagraphBidiInfo::reorder_visual(&atom_levels);
        (split, order)
    } else {
        let n = atoms.len();
        (atoms, (0..n).collect())
    };
    for atom in &mut atoms {
        atom.shaped = fonts.shape_in(atom.face, atom.rtl, atom.text);
        atom.width = atom.shaped.width * atom.style.size;
        if atom.hyphen {
            atom.width += hyphen_glyph(fonts, atom.style).1.width * atom.style.size;
        }
    }
    (atoms, order)
}

/// The glyph drawn for a hyphen added by the line break, and its text: a
/// soft hyphen's glyph (which looks like a hyphen), read as a soft hyphen
/// so that text extraction and screen readers get the whole word.
fn hyphen_glyph(fonts: &Fonts, style: Style) -> (char, Shaped) {
    match fonts.glyph(style, '\u{ad}') {
        Some(glyph) => (
            '\u{ad}',
            Shaped {
                width: glyph.advance,
                glyphs: vec![glyph],
            },
        ),
        None => ('-', Shaped::clone(&fonts.shape(style, "-"))),
    }
}

/// Draws atoms `set` (consecutive in visual order, one face and one
/// direction) as one glyph run starting at `x` on `baseline`; `gap` is
/// added to each space.
fn draw_run(
    surface: &mut Surface,
    fonts: &Fonts,
    atoms: &[&Atom],
    x: f32,
    baseline: f32,
    gap: f32,
) {
    let Some(first) = atoms.first() else {
        return;
    };
    let style = first.style;
    let mut text = String::new();
    let mut glyphs = Vec::new();
    for atom in atoms {
        let start = text.len();
        if atom.rtl {
            text.push_str(&rtl_text(&atom.shaped, atom.text));
        } else {
            text.push_str(atom.text);
        }
        let mut g = pdf_glyphs(&atom.shaped, atom.text.len(), start);
        if atom.space
            && let Some(last) = g.last_mut()
        {
            last.x_advance += gap / style.size;
        }
        glyphs.extend(g);
        if atom.hyphen {
            let (c, shaped) = hyphen_glyph(fonts, style);
            let start = text.len();
            text.push(c);
            glyphs.extend(pdf_glyphs(&shaped, c.len_utf8(), start));
        }
    }
    let Some(face) = fonts.face_at(first.face) else {
        return;
    };
    if glyphs.is_empty() {
        return;
    }
    surface.set_fill(Some(fill(style.color)));
    surface.draw_glyphs(
        Point::from_xy(x, baseline),
        &glyphs,
        face.pdf.clone(),
        &text,
        style.size,
        false,
    );
}

/// Draws a line of plain text in one style starting at `x` (running
/// header, footer, list labels: artifacts or already tagged). Returns the
/// width drawn.
fn run(
    surface: &mut Surface,
    fonts: &Fonts,
    style: Style,
    text: &str,
    x: f32,
    baseline: f32,
) -> f32 {
    let mut atoms = Vec::new();
    let mut line = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            push_space(0, style, &mut atoms, &mut line);
        }
        push_atoms(fonts, 0, style, word, false, &mut atoms, &mut line);
    }
    let (atoms, order) = order_and_shape(fonts, atoms, &line, is_rtl(text));
    let visual: Vec<&Atom> = order.iter().map(|&i| &atoms[i]).collect();
    let mut at = x;
    for group in visual.chunk_by(|a, b| a.face == b.face && a.rtl == b.rtl) {
        draw_run(surface, fonts, group, at, baseline, 0.0);
        at += group.iter().map(|a| a.width).sum::<f32>();
    }
    at - x
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

/// A block's line, drawn: words in visual order (runs of right-to-left
/// text reversed in place), one marked-content sequence per run of one
/// span, entered in the tag tree in logical order.
#[allow(clippy::too_many_arguments)]
fn draw_line(
    surface: &mut Surface,
    fonts: &Fonts,
    block: &Block,
    block_index: usize,
    line: &Line,
    (left, top): (f32, f32),
    measure: f32,
    rtl_base: bool,
    m: &mut Marks,
    areas: &mut Vec<Area>,
    target: &dyn Fn(usize) -> Option<XyzDestination>,
) {
    let mut atoms: Vec<Atom> = Vec::new();
    let mut text = String::new();
    let count = line.words.len();
    for (i, word) in line.words.iter().enumerate() {
        for frag in &word.frags {
            let style = block.spans[frag.span].style;
            push_atoms(
                fonts,
                frag.span,
                style,
                &frag.text,
                frag.hyphen,
                &mut atoms,
                &mut text,
            );
        }
        if i + 1 < count
            && let Some(last) = word.frags.last()
        {
            push_space(
                last.span,
                block.spans[last.span].style,
                &mut atoms,
                &mut text,
            );
        }
    }
    let (atoms, order) = order_and_shape(fonts, atoms, &text, rtl_base);
    let natural: f32 = atoms.iter().map(|a| a.width).sum();
    let gaps = atoms.iter().filter(|a| a.space).count();
    let mut extra = 0.0;
    if line.justify && gaps > 0 {
        let stretch = (measure - natural) / gaps as f32;
        let space = line.words[0].space.max(1.4);
        // Past this a ragged line reads better than a gappy one.
        if stretch > 0.0 && stretch < 2.5 * space {
            extra = stretch;
        }
    }
    let mut x = left;
    if rtl_base && extra == 0.0 {
        x += (measure - natural).max(0.0);
    }
    // Runs of one span in visual order: one marked-content sequence each,
    // remembered with their logical start.
    let mut drawn: Vec<(usize, Identifier, usize, f32, f32)> = Vec::new();
    let visual: Vec<&Atom> = order.iter().map(|&i| &atoms[i]).collect();
    for group in visual.chunk_by(|a, b| a.span == b.span) {
        let span = group[0].span;
        let s = &block.spans[span];
        let x0 = x;
        let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
        let baseline = top + fonts.ascent(s.style);
        for run in group.chunk_by(|a, b| a.face == b.face && a.rtl == b.rtl) {
            draw_run(surface, fonts, run, x, baseline, extra);
            x += run
                .iter()
                .map(|a| a.width + if a.space { extra } else { 0.0 })
                .sum::<f32>();
        }
        surface.end_tagged();
        let start = group.iter().map(|a| a.start).min().unwrap_or(0);
        drawn.push((start, id, span, x0, x));
    }
    drawn.sort_by_key(|d| d.0);
    for (_, id, span, x0, x1) in drawn {
        let s = &block.spans[span];
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
    }
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
