//! The font chain: the bundled faces (Backgrounder Serif, which is
//! Liberation Serif without its hinting, then Noto Naskh Arabic, Noto Serif
//! Hebrew and Noto Sans Symbols 2, from `assets/fonts/`) and the fonts a
//! team adds with `[pdf] fonts`. Text is split into runs, each set in the
//! first face of the chain that has its characters, and shaped with
//! rustybuzz; widths come from the shaped advances, so that
//! what is measured is what is drawn. [`FontChain::covers`] is the one
//! coverage test, for the PDF and for `pdf/missing-glyph` alike.

use std::cell::RefCell;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
use unicode_script::{Script, UnicodeScript};

use super::ExportError;

/// The body faces, Backgrounder Serif (Liberation Serif
/// without its hinting, renamed as the OFL asks):
/// used by every PDF, so stored as they are.
const BODY: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/BackgrounderSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/BackgrounderSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/BackgrounderSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/BackgrounderSerif-BoldItalic.ttf"),
];

/// The fallback faces, in chain order after the body faces (see
/// [`FontChain::build`]): deflated by build.rs, inflated on first use.
const FALLBACK: [&[u8]; 5] = [
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoNaskhArabic-Regular.ttf.deflate"
    )),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoNaskhArabic-Bold.ttf.deflate"
    )),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoSerifHebrew-Regular.ttf.deflate"
    )),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoSerifHebrew-Bold.ttf.deflate"
    )),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/NotoSansSymbols2-Regular.ttf.deflate"
    )),
];

/// How many bundled faces there are.
const BUNDLED: usize = BODY.len() + FALLBACK.len();

/// The largest a bundled font inflates to.
const MAX_BUNDLED_BYTES: usize = 8 * 1024 * 1024;

/// Fallback face `index`, parsed on first use and kept for the process
/// (most documents never need one).
fn fallback(index: usize) -> Option<&'static Face> {
    static FACES: [OnceLock<Option<Face>>; 5] = [const { OnceLock::new() }; 5];
    FACES
        .get(index)?
        .get_or_init(|| {
            let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(
                FALLBACK[index],
                MAX_BUNDLED_BYTES,
            )
            .ok()?;
            Face::new(Box::leak(bytes.into_boxed_slice()))
        })
        .as_ref()
}

/// The largest font file `[pdf] fonts` reads.
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

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

    /// The body face of this style (0 regular, 1 bold, 2 italic, 3 bold
    /// italic): its metrics set the line.
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

impl Face {
    fn new(bytes: &'static [u8]) -> Option<Face> {
        let pdf = krilla::text::Font::new(krilla::Data::from(bytes), 0)?;
        let shaper = rustybuzz::Face::from_slice(bytes, 0)?;
        let units = shaper.units_per_em() as f32;
        if units <= 0.0 {
            return None;
        }
        Some(Face {
            pdf,
            units,
            ascent: f32::from(shaper.ascender()) / units,
            descent: -f32::from(shaper.descender()) / units,
            gap: f32::from(shaper.line_gap()) / units,
            shaper,
        })
    }

    fn has(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some_and(|g| g.0 != 0)
    }
}

/// Characters that are never drawn: controls, soft hyphens, bidirectional
/// marks and other format characters (zero-width joiners excepted, which
/// shaping uses).
pub fn ignorable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fe00}'..='\u{fe0f}'
        )
}

/// The faces of one run, bundled and added, each parsed once: the body
/// faces (0–3), the bundled fallbacks (4–8, loaded when first needed) and
/// the added fonts (9 on).
pub struct FontChain {
    body: Vec<Face>,
    added_faces: Vec<Face>,
    /// Chain order for each of the four body faces.
    orders: [Vec<usize>; 4],
    /// The added font files, for fingerprints.
    added: Vec<PathBuf>,
    fingerprint: String,
}

impl std::fmt::Debug for FontChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontChain")
            .field("added_faces", &self.added_faces.len())
            .field("added", &self.added)
            .finish()
    }
}

impl FontChain {
    /// The bundled faces alone, parsed once per process.
    pub fn bundled() -> Result<Arc<FontChain>, ExportError> {
        static CHAIN: OnceLock<Option<Arc<FontChain>>> = OnceLock::new();
        CHAIN
            .get_or_init(|| FontChain::build(Vec::new(), Vec::new()).map(Arc::new))
            .clone()
            .ok_or(ExportError::BundledFonts)
    }

    /// The bundled faces followed by the font files in `paths`, in order.
    /// Err names the file that cannot be read or is not a font.
    pub fn load(paths: &[PathBuf]) -> Result<Arc<FontChain>, FontError> {
        if paths.is_empty() {
            return FontChain::bundled().map_err(|_| FontError::Bundled);
        }
        let mut added = Vec::new();
        let mut hasher = blake3::Hasher::new();
        for path in paths {
            let bytes = crate::files::read_regular(path, MAX_FONT_BYTES).map_err(|source| {
                FontError::Read {
                    path: path.clone(),
                    source,
                }
            })?;
            hasher.update(&bytes);
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            // Parsed faces borrow their bytes for the rest of the run.
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            let face =
                Face::new(bytes).ok_or_else(|| FontError::NotAFont { path: path.clone() })?;
            added.push(face);
        }
        let fingerprint = hasher.finalize().to_hex().to_string();
        FontChain::build(added, paths.to_vec())
            .map(|mut chain| {
                chain.fingerprint = fingerprint;
                Arc::new(chain)
            })
            .ok_or(FontError::Bundled)
    }

    fn build(added: Vec<Face>, paths: Vec<PathBuf>) -> Option<FontChain> {
        let body = BODY
            .into_iter()
            .map(Face::new)
            .collect::<Option<Vec<Face>>>()?;
        let count = BUNDLED + added.len();
        let order = |body: usize| {
            let bold = usize::from(body & 1 == 1);
            let mut order = vec![body];
            for i in [0, 1, 2, 3, 4 + bold, 5 - bold, 6 + bold, 7 - bold, 8] {
                if !order.contains(&i) {
                    order.push(i);
                }
            }
            order.extend(BUNDLED..count);
            order
        };
        Some(FontChain {
            orders: [order(0), order(1), order(2), order(3)],
            body,
            added_faces: added,
            added: paths,
            fingerprint: String::new(),
        })
    }

    /// Face `index` of the chain; None only if a bundled fallback could
    /// not be read (a broken build).
    pub fn face(&self, index: usize) -> Option<&Face> {
        match index {
            i if i < BODY.len() => self.body.get(i),
            i if i < BUNDLED => fallback(i - BODY.len()),
            i => self.added_faces.get(i - BUNDLED),
        }
    }

    fn has(&self, index: usize, c: char) -> bool {
        self.face(index).is_some_and(|f| f.has(c))
    }

    /// What the incremental build hashes: empty for the bundled chain.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Whether the PDF can draw `c` (or needs not draw it): the coverage
    /// test of the PDF and of `pdf/missing-glyph`.
    pub fn covers(&self, c: char) -> bool {
        ignorable(c)
            || c.is_whitespace()
            || (0..BUNDLED + self.added_faces.len()).any(|i| self.has(i, c))
    }

    /// The first face of `style`'s chain that has `c`.
    fn face_for(&self, style: Style, c: char) -> Option<usize> {
        self.orders[style.face()]
            .iter()
            .copied()
            .find(|&i| self.has(i, c))
    }

    /// `text` (drawable characters only) split into runs of one face and
    /// one script: a run keeps going while its face has the character and
    /// the character is of the run's script or of none (punctuation,
    /// digits, marks, joiners).
    pub fn runs(&self, style: Style, text: &str) -> Vec<(usize, Range<usize>)> {
        // Printable ASCII, which every body face has: most words.
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return vec![(style.face(), 0..text.len())];
        }
        let mut out: Vec<(usize, Range<usize>, Script)> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let script = c.script();
            let neutral = matches!(script, Script::Common | Script::Inherited);
            if let Some((face, range, run_script)) = out.last_mut()
                && self.has(*face, c)
                && (neutral || *run_script == script || *run_script == Script::Common)
            {
                range.end = end;
                if !neutral {
                    *run_script = script;
                }
                continue;
            }
            let face = self.face_for(style, c).unwrap_or(style.face());
            out.push((face, i..end, if neutral { Script::Common } else { script }));
        }
        out.into_iter().map(|(f, r, _)| (f, r)).collect()
    }
}

/// A font file of `[pdf] fonts` that cannot be used; [`FontError::path`]
/// names it.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("{source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not a TrueType or OpenType font")]
    NotAFont { path: PathBuf },
    #[error("the bundled fonts could not be read")]
    Bundled,
}

impl FontError {
    /// The font file at fault.
    pub fn path(&self) -> &Path {
        match self {
            FontError::Read { path, .. } | FontError::NotAFont { path } => path,
            FontError::Bundled => Path::new("assets/fonts"),
        }
    }
}

/// Whether text is set right to left: it is wholly right-to-left (it has
/// right-to-left letters and no left-to-right ones). A Persian name in an
/// English sentence, or an English source with a Persian title, is set
/// left to right with the name reversed in place.
pub fn is_rtl(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, L, R};
    let mut rtl = false;
    for c in text.chars() {
        match unicode_bidi::bidi_class(c) {
            R | AL => rtl = true,
            L => return false,
            _ => {}
        }
    }
    rtl
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

/// A shaped run of text, glyphs in visual order.
#[derive(Clone, Debug, Default)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    /// The sum of the advances, per em.
    pub width: f32,
}

type ShapedByText = FxHashMap<Box<str>, Rc<Shaped>>;

/// The chain and the shaping cache of one export call.
pub struct Fonts {
    pub chain: Arc<FontChain>,
    /// Shaped text by face and direction.
    cache: RefCell<FxHashMap<(usize, bool), ShapedByText>>,
}

impl Fonts {
    pub fn new(chain: Arc<FontChain>) -> Fonts {
        Fonts {
            chain,
            cache: RefCell::new(FxHashMap::default()),
        }
    }

    /// The bundled chain (tests).
    #[cfg(test)]
    pub fn load() -> Result<Fonts, ExportError> {
        Ok(Fonts::new(FontChain::bundled()?))
    }

    /// The body face of `style`.
    pub fn face(&self, style: Style) -> &Face {
        &self.chain.body[style.face()]
    }

    pub fn face_at(&self, index: usize) -> Option<&Face> {
        self.chain.face(index)
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

    /// Whether the chain can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.chain.covers(c)
    }

    /// `text` shaped in face `face`, right to left when `rtl`.
    pub fn shape_in(&self, face: usize, rtl: bool, text: &str) -> Rc<Shaped> {
        if let Some(shaped) = self
            .cache
            .borrow()
            .get(&(face, rtl))
            .and_then(|m| m.get(text))
        {
            return shaped.clone();
        }
        let shaped = Rc::new(self.shape_uncached(face, rtl, text));
        self.cache
            .borrow_mut()
            .entry((face, rtl))
            .or_default()
            .insert(text.into(), shaped.clone());
        shaped
    }

    fn shape_uncached(&self, face: usize, rtl: bool, text: &str) -> Shaped {
        if text.is_empty() {
            return Shaped::default();
        }
        let Some(f) = self.chain.face(face) else {
            return Shaped::default();
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
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

    /// `text` in `style`'s first face, left to right (short Latin labels).
    pub fn shape(&self, style: Style, text: &str) -> Rc<Shaped> {
        self.shape_in(style.face(), false, text)
    }

    /// The glyph the body face has for `c`, unshaped: for a soft hyphen,
    /// which shaping hides.
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

    /// The width of `text` in `style`, in points: the sum of its runs,
    /// each shaped in its face and direction.
    pub fn width(&self, style: Style, text: &str) -> f32 {
        let runs = self.chain.runs(style, text);
        if let [(face, _)] = runs.as_slice()
            && *face == style.face()
        {
            return self.shape_in(*face, false, text).width * style.size;
        }
        runs.into_iter()
            .map(|(face, range)| {
                let t = &text[range];
                self.shape_in(face, is_rtl(t), t).width
            })
            .sum::<f32>()
            * style.size
    }
}

/// Glyphs for the writer: advances and offsets per em, each glyph's text
/// the byte range of its cluster in the text drawn with it (`base` its
/// start). Works for either direction: a cluster ends where the next
/// greater cluster starts.
pub fn pdf_glyphs(shaped: &Shaped, text_len: usize, base: usize) -> Vec<krilla::text::KrillaGlyph> {
    let mut starts: Vec<usize> = shaped.glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::with_capacity(shaped.glyphs.len());
    for g in &shaped.glyphs {
        let next = starts.partition_point(|&s| s <= g.cluster);
        let end = starts.get(next).copied().unwrap_or(text_len).min(text_len);
        let start = g.cluster.min(end);
        out.push(krilla::text::KrillaGlyph::new(
            krilla::text::GlyphId::new(u32::from(g.id)),
            g.advance,
            g.x_offset,
            g.y_offset,
            0.0,
            base + start..base + end,
            None,
        ));
    }
    out
}

/// The text to draw with a right-to-left run: each cluster of several
/// characters (a ligature) reversed, which is how text extraction reads
/// it back in logical order.
pub fn rtl_text(shaped: &Shaped, text: &str) -> String {
    let mut starts: Vec<usize> = shaped.glyphs.iter().map(|g| g.cluster).collect();
    starts.push(text.len());
    starts.sort_unstable();
    starts.dedup();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for &s in &starts {
        if let Some(piece) = text.get(from..s) {
            out.extend(piece.chars().rev());
        }
        from = s;
    }
    if out.len() != text.len() {
        return text.to_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str, style: Style) -> Vec<(usize, &str)> {
        let chain = FontChain::bundled().unwrap();
        chain
            .runs(style, text)
            .into_iter()
            .map(|(face, r)| (face, &text[r]))
            .collect()
    }

    #[test]
    fn runs_split_by_face_and_script() {
        let body = Style::new(11.0);
        assert_eq!(runs("Rūḥānī’s", body), [(0, "Rūḥānī’s")]);
        // The Persian ZWNJ stays in the Arabic run (it changes the joining).
        assert_eq!(
            runs("(روح‌الله)", body),
            [(0, "("), (4, "روح‌الله"), (0, ")")]
        );
        assert_eq!(runs("حزب", body.bold()), [(5, "حزب")]);
        // Liberation Serif has Hebrew, Greek and Cyrillic; not ✓.
        assert_eq!(runs("ירושלים", body), [(0, "ירושלים")]);
        assert_eq!(runs("a✓b", body), [(0, "a"), (8, "✓"), (0, "b")]);
        let chain = FontChain::bundled().unwrap();
        for c in [
            'ع', 'گ', 'پ', 'ۀ', 'ש', 'Ω', 'Ж', 'ʿ', '✓', '★', '→', '\u{200c}',
        ] {
            assert!(chain.covers(c), "{c}");
        }
        for c in ['真', '🇱', 'क', 'ก'] {
            assert!(!chain.covers(c), "{c}");
        }
    }

    #[test]
    fn right_to_left_text_is_shaped_joined_and_read_in_order() {
        let fonts = Fonts::load().unwrap();
        let text = "الله";
        let shaped = fonts.shape_in(4, true, text);
        // The Allah ligature: fewer glyphs than letters, clusters from the
        // right.
        assert!(shaped.glyphs.len() < text.chars().count(), "{shaped:?}");
        assert!(shaped.glyphs.first().unwrap().cluster > 0);
        // A ligature's cluster is given reversed, whole.
        let drawn = rtl_text(&shaped, text);
        assert_eq!(drawn.len(), text.len());
        let mut letters: Vec<char> = drawn.chars().collect();
        letters.sort_unstable();
        let mut want: Vec<char> = text.chars().collect();
        want.sort_unstable();
        assert_eq!(letters, want);
        // Every glyph maps to a non-empty range of the text.
        for g in pdf_glyphs(&shaped, text.len(), 0) {
            assert!(!krilla::text::Glyph::text_range(&g).is_empty());
        }
        assert!(is_rtl("سپاه پاسداران ۱۳۵۸ [1]"));
        assert!(!is_rtl("Hezbollah (حزب الله)"));
        assert!(!is_rtl("1979"));
    }
}
