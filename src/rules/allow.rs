//! Suppressions in content: a claim, quote or source may carry
//! `allow: [{rule: CODE, reason: "..."}]` to accept one finding knowingly.
//! The reason is for reviewers, so a suppression without one is a warning,
//! and so is one that no longer suppresses anything.

use super::{Context, Rule};
use crate::diag::Diagnostic;
use crate::diag::Severity::{Error, Warning};
use crate::model::Allow;

pub const NO_REASON: Rule = Rule {
    code: "allow/no-reason",
    severity: Warning,
    summary: "a suppression without a reason",
    doc: "## What it does\nWarns about an `allow` entry that has no `reason`.\n\n## Why is this bad?\nA suppression hides a finding from every later reader; the reason is how a reviewer knows it was deliberate and still holds.\n\n## Example\n```yaml\nallow: [{rule: date/text-mismatch}]\n```\n\n## Fix\n```yaml\nallow:\n  - rule: date/text-mismatch\n    reason: the text names the founding year; the claim dates the arrest\n```",
};

pub const UNUSED: Rule = Rule {
    code: "allow/unused",
    severity: Warning,
    summary: "a suppression that suppresses nothing",
    doc: "## What it does\nWarns about an `allow` entry whose rule reports nothing at that node.\n\n## Why is this bad?\nThe problem it excused has been fixed, or the entry sits on the wrong node; either way it would silently hide a future finding.\n\n## Fix\nRemove the entry, or move it to the node the finding is reported at.",
};

pub const UNKNOWN_RULE: Rule = Rule {
    code: "allow/unknown-rule",
    severity: Error,
    summary: "a suppression names a rule that does not exist",
    doc: "## What it does\nReports an `allow` entry whose `rule` is not a rule code (`backgrounder explain` lists them), or names a code that cannot be suppressed (YAML and schema findings).\n\n## Example\n```yaml\nallow: [{rule: date/text-missmatch, reason: ...}]\n```\n\n## Fix\nUse the exact code, e.g. `date/text-mismatch`.",
};

/// Codes that a suppression can never hide: without a sound file nothing
/// else can be trusted.
pub fn suppressible(code: &str) -> bool {
    !(code.starts_with("yaml/")
        || code.starts_with("schema/")
        || code.starts_with("io/")
        || code.starts_with("allow/"))
}

struct Suppression<'a> {
    /// The node it applies to: its findings are those at or under this pointer.
    node: String,
    /// Where the entry itself is, for reporting on it.
    entry: String,
    allow: &'a Allow,
    used: bool,
}

fn collect<'d>(out: &mut Vec<Suppression<'d>>, node: String, allows: &'d [Allow]) {
    for (i, allow) in allows.iter().enumerate() {
        out.push(Suppression {
            entry: format!("{node}/allow/{i}"),
            node: node.clone(),
            allow,
            used: false,
        });
    }
}

/// Removes the findings that an `allow` entry covers and reports the
/// entries that are unreasoned, unused or unknown.
pub fn apply(ctx: &mut Context<'_>) {
    let mut suppressions = Vec::new();
    for (pointer, claim) in ctx.claims() {
        collect(&mut suppressions, pointer, &claim.allow);
    }
    for (pointer, quote) in ctx.quotes() {
        collect(&mut suppressions, pointer, &quote.allow);
    }
    for (i, source) in ctx.doc.sources.iter().enumerate() {
        collect(&mut suppressions, format!("/sources/{i}"), &source.allow);
    }
    if suppressions.is_empty() {
        return;
    }
    let findings = std::mem::take(&mut ctx.diagnostics);
    let kept: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|d| {
            let covering = suppressions.iter_mut().find(|s| {
                s.allow.rule == d.code
                    && (d.pointer == s.node || d.pointer.starts_with(&format!("{}/", s.node)))
            });
            match covering {
                Some(s) => {
                    s.used = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    ctx.diagnostics = kept;
    let codes: Vec<String> = super::RULES.iter().map(|r| r.code.to_owned()).collect();
    for s in &suppressions {
        let rule = &s.allow.rule;
        if super::find(rule).is_none() || !suppressible(rule) {
            let hint = match crate::schema::did_you_mean(rule, &codes) {
                Some(near) if suppressible(near) => format!("did you mean `{near}`?"),
                _ => "use a rule code from `backgrounder explain`; YAML and schema findings cannot be suppressed".into(),
            };
            ctx.report(
                &UNKNOWN_RULE,
                format!("{}/rule", s.entry),
                format!("`{rule}` is not a rule that can be suppressed"),
                hint,
            );
            continue;
        }
        if s.allow
            .reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            ctx.report(
                &NO_REASON,
                format!("{}/rule", s.entry),
                format!("the suppression of `{rule}` gives no reason"),
                "add `reason:` saying why the rule does not apply here".into(),
            );
        }
        // Whether an online finding (`check --online`) would occur cannot be
        // known offline, so such a suppression is never called unused.
        if !s.used && !crate::online::rules::ALL.iter().any(|r| r.code == rule) {
            ctx.report(
                &UNUSED,
                format!("{}/rule", s.entry),
                format!("the suppression of `{rule}` suppresses nothing here"),
                "remove it, or move it to the claim, quote or source the finding is reported at"
                    .into(),
            );
        }
    }
}
