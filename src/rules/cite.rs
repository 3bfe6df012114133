//! Citations: every claim and quote is supported by a source that exists,
//! every speaker is known, and analysis does not smuggle in facts.

use std::collections::HashSet;

use super::{Context, Rule};
use crate::diag::Severity::{Error, Warning};
use crate::model::Cite;
use crate::schema::did_you_mean;

pub const MISSING: Rule = Rule {
    code: "cite/missing",
    severity: Error,
    summary: "a claim or quote cites no source",
    doc: "## What it does\nReports a claim without `cite` (unless it is marked `analysis: true`) and a quote without `cite`.\n\n## Why is this bad?\nEvery fact a backgrounder states must be traceable to a source; an uncited claim cannot be checked by readers or editors.\n\n## Example\n```yaml\n- text: The MEK was founded in 1965 by leftist Iranian students.\n  date: 1965\n```\n\n## Fix\n```yaml\n- text: The MEK was founded in 1965 by leftist Iranian students.\n  date: 1965\n  cite: [abrahamian-1989]\n```",
};

pub const UNKNOWN_SOURCE: Rule = Rule {
    code: "cite/unknown-source",
    severity: Error,
    summary: "a citation names a source id that is not in `sources`",
    doc: "## What it does\nReports each `cite` entry whose id is not the `id` of a source in the document's `sources` list.\n\n## Why is this bad?\nThe citation cannot be resolved to a reference, so the export would cite nothing.\n\n## Example\n```yaml\ncite: [state-crt-211]\n```\n\n## Fix\nCorrect the id (`state-crt-2011`) or add the source to `sources`.",
};

pub const UNKNOWN_SPEAKER: Rule = Rule {
    code: "cite/unknown-speaker",
    severity: Error,
    summary: "a quote's speaker is not in `people`",
    doc: "## What it does\nReports a quote whose `speaker` is not the `id` of someone in `people`.\n\n## Why is this bad?\nA quotation must be attributed to a named person whose role the reader can see.\n\n## Example\n```yaml\n- quote:\n    text: Cult leaders generally don't retire.\n    speaker: karim-sajadpour\n```\n\n## Fix\nUse the id from `people` (`karim-sadjadpour`) or add the person there.",
};

pub const ANALYSIS_FACT: Rule = Rule {
    code: "cite/analysis-fact",
    severity: Error,
    summary: "an analysis claim states a fact and must be cited",
    doc: "## What it does\nReports a claim marked `analysis: true` whose text contains a figure or year (any digit), a direct quotation (`\"` or curly quotes) or an attribution (`said`, `says`, `according to`, `told`, `wrote`, `reported`, `argued`, `claimed`).\n\n## Why is this bad?\n`analysis` is for the author's framing and transitions. A figure, a quotation or an attribution is a factual claim that a reader must be able to check.\n\n## Example\n```yaml\n- text: Some 3,000 members remained at the camp.\n  analysis: true\n```\n\n## Fix\nDrop `analysis: true` and add `cite:` with the source of the figure.",
};

pub const UNUSED_SOURCE: Rule = Rule {
    code: "cite/unused-source",
    severity: Warning,
    summary: "a source that no claim or quote cites",
    doc: "## What it does\nReports a source in `sources` that nothing cites.\n\n## Why is this bad?\nIt appears in no reference list; usually a citation was lost in an edit, or the source is left over.\n\n## Fix\nCite it where it supports a claim, or remove it.",
};

const ATTRIBUTIONS: [&str; 9] = [
    "said",
    "says",
    "according to",
    "told",
    "wrote",
    "reported",
    "argued",
    "claimed",
    "stated",
];

pub fn check(ctx: &mut Context<'_>) {
    let doc = ctx.doc;
    let source_ids: Vec<String> = doc.sources.iter().map(|s| s.id.clone()).collect();
    let people_ids: Vec<String> = doc.people.iter().map(|p| p.id.clone()).collect();
    let mut used: HashSet<&str> = HashSet::new();

    for (pointer, claim) in ctx.claims() {
        if claim.cite.is_empty() && !claim.analysis {
            ctx.report_key(
                &MISSING,
                format!("{pointer}/text"),
                "this claim cites no source".into(),
                "add `cite: [source-id]` naming the sources that support it, or mark framing with `analysis: true`".into(),
            );
        }
        if claim.analysis
            && let Some(why) = states_a_fact(&claim.text)
        {
            ctx.report(
                &ANALYSIS_FACT,
                format!("{pointer}/text"),
                format!("this analysis claim contains {why}, which makes it a factual claim"),
                "remove `analysis: true` and cite the source of the fact".into(),
            );
        }
        cited(ctx, &pointer, &claim.cite, &source_ids, &mut used);
    }
    for (pointer, quote) in ctx.quotes() {
        if quote.cite.is_empty() {
            ctx.report_key(
                &MISSING,
                format!("{pointer}/text"),
                "this quote cites no source".into(),
                "add `cite: [source-id]` naming where the words were said or printed".into(),
            );
        }
        if !people_ids.contains(&quote.speaker) {
            let hint = match did_you_mean(&quote.speaker, &people_ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "add `{}` to `people` with their name and affiliation",
                    quote.speaker
                ),
            };
            ctx.report(
                &UNKNOWN_SPEAKER,
                format!("{pointer}/speaker"),
                format!("the speaker `{}` is not in `people`", quote.speaker),
                hint,
            );
        }
        cited(ctx, &pointer, &quote.cite, &source_ids, &mut used);
    }
    for (i, source) in doc.sources.iter().enumerate() {
        if !used.contains(source.id.as_str()) {
            ctx.report(
                &UNUSED_SOURCE,
                format!("/sources/{i}/id"),
                format!("the source `{}` is not cited anywhere", source.id),
                "cite it where it supports a claim, or remove it".into(),
            );
        }
    }
}

fn cited<'d>(
    ctx: &mut Context<'_>,
    pointer: &str,
    cites: &'d [Cite],
    source_ids: &[String],
    used: &mut HashSet<&'d str>,
) {
    for (i, cite) in cites.iter().enumerate() {
        let id = cite.source();
        used.insert(id);
        if !source_ids.iter().any(|s| s == id) {
            let hint = match did_you_mean(id, source_ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("add a source with `id: {id}` to `sources`"),
            };
            let at = match cite {
                Cite::Id(_) => format!("{pointer}/cite/{i}"),
                Cite::Located { .. } => format!("{pointer}/cite/{i}/source"),
            };
            ctx.report(
                &UNKNOWN_SOURCE,
                at,
                format!("`{id}` is not the id of a source in `sources`"),
                hint,
            );
        }
    }
}

/// What in an analysis claim's text makes it a factual claim, if anything.
pub fn states_a_fact(text: &str) -> Option<String> {
    if let Some(d) = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
    {
        return Some(format!("the figure `{d}`"));
    }
    if text.contains(['"', '\u{201c}', '\u{201d}']) {
        return Some("a direct quotation".into());
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for phrase in ATTRIBUTIONS {
        let parts: Vec<&str> = phrase.split(' ').collect();
        if words.windows(parts.len()).any(|w| w == parts.as_slice()) {
            return Some(format!("the attribution `{phrase}`"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::states_a_fact;

    #[test]
    fn framing_is_not_a_fact() {
        assert_eq!(states_a_fact("Some analysts support this view."), None);
        assert_eq!(states_a_fact("The group's critics are many."), None);
    }

    #[test]
    fn figures_quotations_and_attributions_are_facts() {
        assert!(states_a_fact("Some 3,000 members remain.").is_some());
        assert!(states_a_fact("It was called a \u{201c}cult\u{201d}.").is_some());
        assert!(states_a_fact("Analysts said the group was weak.").is_some());
        assert!(states_a_fact("According to officials, it was weak.").is_some());
        assert_eq!(states_a_fact("The newsletter is widely read."), None);
    }
}
