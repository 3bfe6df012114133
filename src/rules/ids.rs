//! Ids: unique within a document, and the document's id equals its file stem.

use std::collections::HashMap;

use super::{Context, Family, Rule};
use crate::diag::Kind::Offline;
use crate::diag::Severity::Error;

/// The `id/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[&DUPLICATE, &FILE_STEM, &FILE_NAME],
    check: Some(check),
};

pub const DUPLICATE: Rule = Rule {
    code: "id/duplicate",
    severity: Error,
    kind: Offline,
    summary: "two sections, people or sources share an id",
    doc: rule_doc!("id/duplicate"),
};

pub const FILE_STEM: Rule = Rule {
    code: "id/file-stem",
    severity: Error,
    kind: Offline,
    summary: "the document's id differs from its file name",
    doc: rule_doc!("id/file-stem"),
};

pub const FILE_NAME: Rule = Rule {
    code: "id/file-name",
    severity: Error,
    kind: Offline,
    summary: "the document's id cannot name its exports",
    doc: rule_doc!("id/file-name"),
};

pub fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    match crate::model::id::file_name_id(&doc.id) {
        // Not kebab-case is the schema's finding.
        Ok(()) | Err(crate::model::id::IdProblem::NotKebab) => {}
        Err(why) => ctx.report(
            &FILE_NAME,
            "/id".into(),
            format!("the id `{}` {why}", shorten(&doc.id)),
            "choose another id, and rename the file to match".into(),
        ),
    }
    if let Some(files) = ctx.set.files.get(&doc.id)
        && files.len() > 1
    {
        let me = std::fs::canonicalize(ctx.file).unwrap_or_else(|_| ctx.file.to_path_buf());
        let others: Vec<String> = files
            .iter()
            .filter(|f| **f != me)
            .map(|f| f.display().to_string())
            .collect();
        if !others.is_empty() {
            ctx.report(
                &FILE_NAME,
                "/id".into(),
                format!(
                    "the id `{}` is also that of {}: both would be exported to the same files",
                    shorten(&doc.id),
                    others.join(", ")
                ),
                "give each document its own id and file name".into(),
            );
        }
    }
    // A missing id is the schema's finding, not a reason to rename the file.
    if let Some(stem) = ctx.file.file_stem().and_then(|s| s.to_str())
        && !doc.id.is_empty()
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

/// An id as echoed in a message: at most 60 characters.
fn shorten(id: &str) -> String {
    match id.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &id[..at]),
        None => id.to_owned(),
    }
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
