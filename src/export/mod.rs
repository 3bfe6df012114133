//! Exports: one [`Exporter`] per output format, each fed the same checked and
//! resolved document.

pub mod build;
pub mod inline;
pub mod json;
pub mod jsonld;
pub mod manifest;
pub mod markdown;
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
