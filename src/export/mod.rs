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

pub use resolve::{Resolved, ResolvedBlock, ResolvedClaim, ResolvedQuote, ResolvedSource, resolve};

/// Paper size for paged formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

/// Everything an exporter needs besides the document; an exporter never
/// calls back into the driver.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    pub paper: Paper,
    pub pdf_standard: PdfStandard,
    /// The PDF's font chain with `[pdf] fonts`; None for the bundled one.
    pub fonts: Option<std::sync::Arc<pdf::FontChain>>,
}

/// The standards a PDF conforms to, checked by the writer while writing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
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
#[derive(Debug)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// One output format. Implementations are pure: same input, same bytes.
pub trait Exporter: Sync {
    /// The format's name on the command line (`md`, `json`, `jsonld`, `pdf`).
    fn name(&self) -> &'static str;
    /// The file extension of its output, without the dot.
    fn extension(&self) -> &'static str;
    fn export(&self, doc: &Resolved, options: &ExportOptions) -> Result<Vec<u8>, ExportError>;
}
