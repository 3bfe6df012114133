//! Document-size limits that the YAML loader cannot see: how many claims
//! and sources one document holds. Set in `backgrounder.toml` under `[limits]`.

use super::{Context, Rule};
use crate::diag::Severity::Error;

pub const CLAIMS: Rule = Rule {
    code: "limit/claims",
    severity: Error,
    summary: "a document with more claims than the limit",
    doc: "## What it does\nReports a document with more claims than `[limits] claims` (default 5,000).\n\n## Why is this bad?\nA backgrounder has tens of claims; thousands mean a generated or corrupted file, and every export would balloon.\n\n## Fix\nSplit the document, or raise the limit in backgrounder.toml.",
};

pub const SOURCES: Rule = Rule {
    code: "limit/sources",
    severity: Error,
    summary: "a document with more sources than the limit",
    doc: "## What it does\nReports a document with more sources than `[limits] sources` (default 2,000).\n\n## Fix\nSplit the document, or raise the limit in backgrounder.toml.",
};

pub fn check(ctx: &mut Context<'_>) {
    let claims = ctx.claims().len();
    if claims > ctx.limits.claims {
        ctx.report(
            &CLAIMS,
            "/sections".into(),
            format!(
                "the document has {claims} claims, more than the limit of {}",
                ctx.limits.claims
            ),
            "split it into several backgrounders, or raise `[limits] claims` in backgrounder.toml"
                .into(),
        );
    }
    let sources = ctx.doc.sources.len();
    if sources > ctx.limits.sources {
        ctx.report(
            &SOURCES,
            "/sources".into(),
            format!(
                "the document has {sources} sources, more than the limit of {}",
                ctx.limits.sources
            ),
            "split it into several backgrounders, or raise `[limits] sources` in backgrounder.toml"
                .into(),
        );
    }
}
