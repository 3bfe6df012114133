//! `backgrounder` checks explainer articles kept as YAML against their
//! content model and exports what passes.
//!
//! The library returns data: documents and diagnostics. It never prints or
//! exits; the binary in `main.rs` owns the command line, output and exit codes.

/// A rule's documentation, `docs/rules/<code>.md`, included at compile time.
macro_rules! rule_doc {
    ($code:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/rules/",
            $code,
            ".md"
        ))
        .trim_ascii_end()
    };
}

pub mod changed;
pub mod check;
pub mod config;
pub mod diag;
pub mod diff;
pub mod export;
pub mod files;
pub mod git;
pub mod import;
pub mod load;
pub mod model;
pub mod online;
pub mod rules;
pub mod schema;
pub mod shard;
pub mod stats;

pub use check::{Plan, Report, plan, run};
pub use diag::{Diagnostic, Severity};
pub use model::Document;
