//! Document-size limits that the YAML loader cannot see: how many claims
//! and sources one document holds. Set in `backgrounder.toml` under `[limits]`.

use super::{Context, Family, Rule};
use crate::diag::Kind::Offline;
use crate::diag::Severity::Error;

/// The `limit/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[&CLAIMS, &SOURCES],
    check: Some(check),
};

pub const CLAIMS: Rule = Rule {
    code: "limit/claims",
    severity: Error,
    kind: Offline,
    summary: "a document with more claims than the limit",
    doc: rule_doc!("limit/claims"),
};

pub const SOURCES: Rule = Rule {
    code: "limit/sources",
    severity: Error,
    kind: Offline,
    summary: "a document with more sources than the limit",
    doc: rule_doc!("limit/sources"),
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
