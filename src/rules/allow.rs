//! Suppressions in content: a claim, quote or source may carry
//! `allow: [{rule: CODE, reason: "..."}]` to accept one finding knowingly.
//! The reason is for reviewers, so a suppression without one is a warning,
//! and so is one that no longer suppresses anything.

use super::{Context, Family, Rule};
use crate::diag::Diagnostic;
use crate::diag::Kind::{self, Offline};
use crate::diag::Severity::{Error, Warning};
use crate::model::Allow;

/// The `allow/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[&NO_REASON, &UNUSED, &UNKNOWN_RULE],
    check: Some(apply),
};

pub const NO_REASON: Rule = Rule {
    code: "allow/no-reason",
    severity: Warning,
    kind: Offline,
    summary: "a suppression without a reason",
    doc: rule_doc!("allow/no-reason"),
};

pub const UNUSED: Rule = Rule {
    code: "allow/unused",
    severity: Warning,
    kind: Offline,
    summary: "a suppression that suppresses nothing",
    doc: rule_doc!("allow/unused"),
};

pub const UNKNOWN_RULE: Rule = Rule {
    code: "allow/unknown-rule",
    severity: Error,
    kind: Offline,
    summary: "a suppression names a rule that does not exist",
    doc: rule_doc!("allow/unknown-rule"),
};

/// Whether `code` names a rule a suppression can hide: not a structural one
/// (without a sound file nothing else can be trusted) nor a suppression's own.
fn suppressible(code: &str) -> bool {
    super::find(code).is_some_and(Rule::suppressible)
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
    let codes = super::codes();
    for s in &suppressions {
        let rule = &s.allow.rule;
        if !suppressible(rule) {
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
        if !s.used && super::find(rule).is_none_or(|r| r.kind != Kind::Online) {
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
