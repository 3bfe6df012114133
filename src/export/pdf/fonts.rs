//! The bundled faces (Backgrounder Serif, Liberation Serif without its
//! hinting, from `assets/fonts/`), shaped with rustybuzz; widths come from
//! the shaped advances, so that what is measured is what is drawn.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::ExportError;

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/BackgrounderSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/BackgrounderSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/BackgrounderSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/BackgrounderSerif-BoldItalic.ttf"),
];

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// How a run of text is set: size in points, weight, slant, colour and
/// line spacing (a multiple of the face's own line height).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    pub color: Rgb,
    pub spacing: f32,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            italic: false,
            color: (0, 0, 0),
            spacing: 1.0,
        }
    }

    pub const fn bold(mut self) -> Style {
        self.bold = true;
        self
    }

    pub const fn italic(mut self) -> Style {
        self.italic = true;
        self
    }

    pub const fn color(mut self, color: Rgb) -> Style {
        self.color = color;
        self
    }

    pub const fn spacing(mut self, spacing: f32) -> Style {
        self.spacing = spacing;
        self
    }

    /// The face of the family this style uses (0 regular, 1 bold, 2 italic,
    /// 3 bold italic). Issue #14 chooses among more faces per run.
    pub fn face(&self) -> usize {
        usize::from(self.bold) | (usize::from(self.italic) << 1)
    }
}

/// One face: for the writer and for the shaper.
pub struct Face {
    pub pdf: krilla::text::Font,
    shaper: rustybuzz::Face<'static>,
    units: f32,
    /// Ascent, descent (positive) and line gap, per em.
    pub ascent: f32,
    pub descent: f32,
    gap: f32,
}

/// A glyph as shaped: advances and offsets per em, `cluster` the byte
/// offset of its cluster in the shaped text.
#[derive(Clone, Copy, Debug)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub cluster: usize,
}

/// A shaped run of text.
#[derive(Clone, Debug, Default)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    /// The sum of the advances, per em.
    pub width: f32,
}

/// The faces and the shaping cache of one export call.
pub struct Fonts {
    faces: Vec<Face>,
    /// Shaped text by face.
    cache: RefCell<Vec<FxHashMap<Box<str>, Rc<Shaped>>>>,
}

impl Fonts {
    pub fn load() -> Result<Fonts, ExportError> {
        let mut faces = Vec::new();
        for bytes in FONT_FILES {
            let fail = || ExportError("the bundled font could not be read".to_owned());
            let pdf = krilla::text::Font::new(krilla::Data::from(bytes), 0).ok_or_else(fail)?;
            let shaper = rustybuzz::Face::from_slice(bytes, 0).ok_or_else(fail)?;
            let units = shaper.units_per_em() as f32;
            faces.push(Face {
                pdf,
                units,
                ascent: f32::from(shaper.ascender()) / units,
                descent: -f32::from(shaper.descender()) / units,
                gap: f32::from(shaper.line_gap()) / units,
                shaper,
            });
        }
        Ok(Fonts {
            cache: RefCell::new(faces.iter().map(|_| FxHashMap::default()).collect()),
            faces,
        })
    }

    pub fn face(&self, style: Style) -> &Face {
        &self.faces[style.face()]
    }

    /// The height of a line in `style`, in points.
    pub fn line_height(&self, style: Style) -> f32 {
        let f = self.face(style);
        (f.ascent + f.descent + f.gap) * style.size * style.spacing
    }

    /// The ascent of `style`'s face, in points.
    pub fn ascent(&self, style: Style) -> f32 {
        self.face(style).ascent * style.size
    }

    /// Whether the faces can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.faces[0].shaper.glyph_index(c).is_some()
    }

    /// `text` shaped in `style`'s face, left to right (issue #14 adds
    /// direction and fallback per run).
    pub fn shape(&self, style: Style, text: &str) -> Rc<Shaped> {
        let face = style.face();
        if let Some(shaped) = self.cache.borrow()[face].get(text) {
            return shaped.clone();
        }
        let shaped = Rc::new(self.shape_uncached(face, text));
        self.cache.borrow_mut()[face].insert(text.into(), shaped.clone());
        shaped
    }

    fn shape_uncached(&self, face: usize, text: &str) -> Shaped {
        if text.is_empty() {
            return Shaped::default();
        }
        let f = &self.faces[face];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.guess_segment_properties();
        let out = rustybuzz::shape(&f.shaper, &[], buffer);
        let mut glyphs = Vec::with_capacity(out.len());
        let mut width = 0.0;
        for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
            let advance = pos.x_advance as f32 / f.units;
            width += advance;
            glyphs.push(Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance,
                x_offset: pos.x_offset as f32 / f.units,
                y_offset: pos.y_offset as f32 / f.units,
                cluster: info.cluster as usize,
            });
        }
        Shaped { glyphs, width }
    }

    /// The glyph the face has for `c`, unshaped: for a soft hyphen, which
    /// shaping hides.
    pub fn glyph(&self, style: Style, c: char) -> Option<Glyph> {
        let f = self.face(style);
        let id = f.shaper.glyph_index(c)?;
        let advance = f32::from(f.shaper.glyph_hor_advance(id)?) / f.units;
        Some(Glyph {
            id: id.0,
            advance,
            x_offset: 0.0,
            y_offset: 0.0,
            cluster: 0,
        })
    }

    /// The width of `text` in `style`, in points.
    pub fn width(&self, style: Style, text: &str) -> f32 {
        self.shape(style, text).width * style.size
    }
}

/// Glyphs for the writer: advances and offsets per em, each glyph's text
/// the byte range of its cluster in the text drawn with it.
pub fn pdf_glyphs(shaped: &Shaped, text_len: usize, base: usize) -> Vec<krilla::text::KrillaGlyph> {
    let mut out = Vec::with_capacity(shaped.glyphs.len());
    for (i, g) in shaped.glyphs.iter().enumerate() {
        // Clusters come in increasing order left to right; a cluster ends
        // where the next different one starts.
        let end = shaped.glyphs[i + 1..]
            .iter()
            .map(|n| n.cluster)
            .find(|&c| c != g.cluster)
            .unwrap_or(text_len);
        out.push(krilla::text::KrillaGlyph::new(
            krilla::text::GlyphId::new(u32::from(g.id)),
            g.advance,
            g.x_offset,
            g.y_offset,
            0.0,
            base + g.cluster..base + end,
            None,
        ));
    }
    out
}
