//! Ids: unique within a document, and the document's id equals its file stem.

use std::collections::HashMap;

use super::{Context, Rule};
use crate::diag::Severity::Error;

pub const DUPLICATE: Rule = Rule {
    code: "id/duplicate",
    severity: Error,
    summary: "two sections, people or sources share an id",
    doc: "## What it does\nReports the second of two sections, people or sources with the same `id`.\n\n## Why is this bad?\nA citation or link to that id becomes ambiguous; one of the two can never be reached.\n\n## Example\n```yaml\nsources:\n  - id: state-crt-2011\n    ...\n  - id: state-crt-2011\n    ...\n```\n\n## Fix\nRename one (`state-crt-2012`) and update the `cite:` lists that mean it.",
};

pub const FILE_STEM: Rule = Rule {
    code: "id/file-stem",
    severity: Error,
    summary: "the document's id differs from its file name",
    doc: "## What it does\nReports a document whose `id` is not its file name without `.yaml`.\n\n## Why is this bad?\nOther backgrounders link with `ref: <id>` and exports are named by id; a mismatch breaks both.\n\n## Example\n`content/mek.yaml` with `id: mujahadeen-e-khalq`.\n\n## Fix\nRename the file to `content/mujahadeen-e-khalq.yaml`, or change the id.",
};

pub fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    if let Some(stem) = ctx.file.file_stem().and_then(|s| s.to_str())
        && stem != doc.id
    {
        ctx.report(
            &FILE_STEM,
            "/id".into(),
            format!("the id `{}` differs from the file name `{stem}`", doc.id),
            format!("rename the file to `{}.yaml`, or set `id: {stem}`", doc.id),
        );
    }
    let sections = doc.sections.iter().map(|s| s.id.as_str());
    let people = doc.people.iter().map(|p| p.id.as_str());
    let sources = doc.sources.iter().map(|s| s.id.as_str());
    duplicates(ctx, "sections", "section", sections.collect());
    duplicates(ctx, "people", "person", people.collect());
    duplicates(ctx, "sources", "source", sources.collect());
}

fn duplicates(ctx: &mut Context<'_>, list: &str, what: &str, ids: Vec<&str>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.into_iter().enumerate() {
        if let Some(&earlier) = first.get(id) {
            let line = ctx
                .positions
                .value(&format!("/{list}/{earlier}/id"))
                .start
                .line;
            ctx.report(
                &DUPLICATE,
                format!("/{list}/{i}/id"),
                format!("the {what} id `{id}` is already used at line {line}"),
                format!("give each {what} its own id"),
            );
        } else {
            first.insert(id, i);
        }
    }
}
