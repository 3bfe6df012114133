//! Exports: one [`Exporter`] per output format, each fed the same checked and
//! resolved document.

pub mod build;
pub mod index;
pub mod inline;
pub mod json;
pub mod jsonld;
pub mod manifest;
pub mod markdown;
pub mod merge;
pub mod pdf;
pub mod reference;
pub mod resolve;

/// Every exporter, in the order `--format` lists them by default: a new
/// format is its module above and one line here.
pub const EXPORTERS: &[&dyn Exporter] =
    &[&markdown::Markdown, &json::Json, &jsonld::JsonLd, &pdf::Pdf];

/// The exporter called `name` on the command line.
pub fn exporter(name: &str) -> Option<&'static dyn Exporter> {
    EXPORTERS.iter().copied().find(|e| e.name() == name)
}

/// The names of every exporter.
pub fn exporter_names() -> Vec<&'static str> {
    EXPORTERS.iter().map(|e| e.name()).collect()
}

pub use resolve::{Resolved, ResolvedBlock, ResolvedClaim, ResolvedQuote, ResolvedSource, resolve};

/// Paper size for paged formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

/// Every input of the exports besides the documents: the exporters read
/// nothing else (no environment, no clock), and the incremental build
/// fingerprints this struct whole, so a new field needs no step of its own
/// to make old exports stale.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExportOptions {
    /// The reference style's name (see [`reference`]).
    pub style: String,
    pub paper: Paper,
    pub pdf_standard: PdfStandard,
    /// The PDF's font chain with `[pdf] fonts`; None for the bundled one.
    #[serde(serialize_with = "fonts_fingerprint")]
    pub fonts: Option<std::sync::Arc<pdf::FontChain>>,
    /// The date written into a PDF, in seconds since 1970 (the command
    /// line takes it from `SOURCE_DATE_EPOCH`); None for the document's
    /// `updated` date.
    pub date: Option<i64>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            style: reference::DEFAULT_STYLE.to_owned(),
            paper: Paper::default(),
            pdf_standard: PdfStandard::default(),
            fonts: None,
            date: None,
        }
    }
}

impl ExportOptions {
    /// `SOURCE_DATE_EPOCH` as [`ExportOptions::date`]: None when unset, not
    /// a number, or before 1970.
    pub fn date_from_env() -> Option<i64> {
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|s| *s >= 0)
    }
}

/// A font chain stands for its fonts' bytes: its fingerprint ("" for the
/// bundled chain, like None).
fn fonts_fingerprint<S: serde::Serializer>(
    fonts: &Option<std::sync::Arc<pdf::FontChain>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(fonts.as_ref().map_or("", |chain| chain.fingerprint()))
}

/// The standards a PDF conforms to, checked by the writer while writing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum PdfStandard {
    /// PDF/UA-1: tagged for assistive technology.
    #[default]
    Ua1,
    /// PDF/A-2b: archivable, appearance preserved.
    A2b,
    /// PDF/A-3b: as PDF/A-2b, allowing embedded files.
    A3b,
    /// PDF/A-2a: PDF/A-2b, tagged, text mapped to Unicode.
    A2a,
    /// PDF/A-2b and PDF/UA-1 at once.
    A2bUa1,
}

impl PdfStandard {
    /// Every standard with its name in `--pdf-standard` and `[pdf] standard`.
    pub const ALL: [(&'static str, PdfStandard); 5] = [
        ("ua1", PdfStandard::Ua1),
        ("a2b", PdfStandard::A2b),
        ("a3b", PdfStandard::A3b),
        ("a2a", PdfStandard::A2a),
        ("a2b+ua1", PdfStandard::A2bUa1),
    ];

    /// The standard named `name` (`ua1`, `a2b`, `a3b`, `a2a`, `a2b+ua1`).
    pub fn from_name(name: &str) -> Option<PdfStandard> {
        let name = name.trim().to_ascii_lowercase();
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("ua1", |(n, _)| n)
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "unknown reference style `{name}`: use one of the bundled styles: {}",
        reference::COMMON_STYLES.join(", ")
    )]
    UnknownStyle { name: String },
    #[error("the reference style `{name}` could not be loaded from the bundled archive")]
    BrokenStyle { name: String },
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the bundled fonts could not be read")]
    BundledFonts,
    /// The writer cannot be set up for this standard.
    #[error("PDF standard {} cannot be written: {reason}", standard.name())]
    PdfSettings {
        standard: PdfStandard,
        reason: String,
    },
    /// The writer's checks found what the standard forbids (at most five
    /// reasons, sorted).
    #[error("the PDF does not conform to {}: {}", standard.name(), reasons.join("; "))]
    Nonconforming {
        standard: PdfStandard,
        reasons: Vec<String>,
    },
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// One output format. Implementations are pure: same input, same bytes.
pub trait Exporter: Sync {
    /// The format's name on the command line (`md`, `json`, `jsonld`, `pdf`).
    fn name(&self) -> &'static str;
    /// The file extension of its output, without the dot.
    fn extension(&self) -> &'static str;
    fn export(&self, doc: &Resolved, options: &ExportOptions) -> Result<Vec<u8>, ExportError>;
}
