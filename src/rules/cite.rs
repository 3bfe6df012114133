//! Citations: every claim and quote is supported by a source that exists,
//! every speaker is known, and analysis does not smuggle in facts.

use std::collections::HashSet;

use super::{Context, Family, Rule, lexicon};
use crate::diag::Kind::Offline;
use crate::diag::Severity::{Error, Warning};
use crate::model::Cite;
use crate::schema::did_you_mean;

/// The `cite/*` family, in `explain` order, and its check.
pub const FAMILY: Family = Family {
    rules: &[
        &MISSING,
        &UNKNOWN_SOURCE,
        &UNKNOWN_SPEAKER,
        &ANALYSIS_FACT,
        &UNUSED_SOURCE,
    ],
    check: Some(check),
};

pub const MISSING: Rule = Rule {
    code: "cite/missing",
    severity: Error,
    kind: Offline,
    summary: "a claim or quote cites no source",
    doc: rule_doc!("cite/missing"),
};

pub const UNKNOWN_SOURCE: Rule = Rule {
    code: "cite/unknown-source",
    severity: Error,
    kind: Offline,
    summary: "a citation names a source id that is not in `sources`",
    doc: rule_doc!("cite/unknown-source"),
};

pub const UNKNOWN_SPEAKER: Rule = Rule {
    code: "cite/unknown-speaker",
    severity: Error,
    kind: Offline,
    summary: "a quote's or claim's speaker is not in `people`",
    doc: rule_doc!("cite/unknown-speaker"),
};

pub const ANALYSIS_FACT: Rule = Rule {
    code: "cite/analysis-fact",
    severity: Error,
    kind: Offline,
    summary: "an analysis claim states a fact and must be cited",
    doc: rule_doc!("cite/analysis-fact"),
};

pub const UNUSED_SOURCE: Rule = Rule {
    code: "cite/unused-source",
    severity: Warning,
    kind: Offline,
    summary: "a source that no claim or quote cites",
    doc: rule_doc!("cite/unused-source"),
};

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
            && let Some(fact) = states_a_fact(&claim.text)
        {
            let before = ctx.diagnostics.len();
            ctx.report(
                &ANALYSIS_FACT,
                format!("{pointer}/text"),
                format!(
                    "this analysis claim contains {}, which makes it a factual claim",
                    fact.what
                ),
                fact.hint.into(),
            );
            ctx.point_into_text(before, &fact.matched);
        }
        if let Some(speaker) = &claim.speaker
            && !people_ids.contains(speaker)
        {
            let hint = match did_you_mean(speaker, &people_ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("add `{speaker}` to `people` with their name and affiliation"),
            };
            ctx.report(
                &UNKNOWN_SPEAKER,
                format!("{pointer}/speaker"),
                format!("the speaker `{speaker}` is not in `people`"),
                hint,
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

/// What in an analysis claim's text makes it a factual claim: a
/// description for the message and the words that matched, which the
/// finding underlines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub what: String,
    pub matched: String,
    pub hint: &'static str,
}

const CITE_IT: &str = "remove `analysis: true` and cite the source of the fact";
const PLAIN: &str = "if it is a fact, remove `analysis: true` and cite its source; if it is your judgment, say so in words that show it (`likely`, `arguably`, `crucial`, ...)";

impl Fact {
    fn new(what: String, matched: String) -> Self {
        Fact {
            what,
            matched,
            hint: CITE_IT,
        }
    }
}

/// What in an analysis claim's text makes it a factual claim, if anything:
/// a figure (a digit of any script, or a number word) or a month, a direct
/// quotation (more than a few quoted words), an attribution, an event, or,
/// in a claim with no mark of judgment, a named subject, a plain statement
/// about a pronoun or stand-in, or any declarative sentence that names
/// someone. The lists are in [`lexicon`].
pub fn states_a_fact(text: &str) -> Option<Fact> {
    let words = words(text);
    // Figures, unless a day after a month name ("since September 11").
    for (i, &(start, word)) in words.iter().enumerate() {
        if word.chars().any(lexicon::is_digit) {
            let day = word.len() <= 2
                && i > 0
                && lexicon::MONTHS.contains(&words[i - 1].1.to_lowercase().as_str())
                && !words
                    .get(i + 1)
                    .is_some_and(|(_, w)| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
            if !day {
                let digits: String = text[start..]
                    .chars()
                    .take_while(|c| lexicon::is_digit(*c) || matches!(c, ',' | '.'))
                    .collect();
                let digits = digits.trim_end_matches([',', '.']).to_owned();
                let matched = if digits.is_empty() {
                    word.to_owned()
                } else {
                    digits
                };
                return Some(Fact::new(format!("the figure `{matched}`"), matched));
            }
        }
        // A month named mid-sentence (`talks in Sweden this December`)
        // dates an event; at the start `May` and `March` may be a verb, and
        // with a day (`since September 11`) it names a day.
        if i > 0
            && word.starts_with(char::is_uppercase)
            && lexicon::MONTHS[..12].contains(&word.to_lowercase().as_str())
            && !words
                .get(i + 1)
                .is_some_and(|(_, w)| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(Fact::new(format!("the date `{word}`"), word.to_owned()));
        }
        if lexicon::NUMBER_WORDS.contains(&word.to_lowercase().as_str()) {
            return Some(Fact::new(format!("the figure `{word}`"), word.to_owned()));
        }
    }
    if let Some(quoted) = quotation(text) {
        return Some(Fact::new("a direct quotation".into(), quoted));
    }
    let lower: Vec<String> = words.iter().map(|(_, w)| w.to_lowercase()).collect();
    if let Some(matched) = phrase(text, &words, &lower, lexicon::ATTRIBUTIONS) {
        return Some(Fact::new(format!("the attribution `{matched}`"), matched));
    }
    if let Some(matched) = reported(text, &words, &lower) {
        return Some(Fact::new(format!("the attribution `{matched}`"), matched));
    }
    if let Some(matched) = event(text, &words, &lower) {
        return Some(Fact::new(format!("the event `{matched}`"), matched));
    }
    if judged(text, &words) {
        return None;
    }
    if let Some(matched) = named_subject(text) {
        return Some(Fact::new(format!("a statement about `{matched}`"), matched));
    }
    plain_statement(text)
        .or_else(|| declarative(text))
        .map(|matched| Fact {
            what: format!("the plain statement `{matched}`, with no word of judgment"),
            matched,
            hint: PLAIN,
        })
}

/// An attribution by its structure rather than its verb: a reporting
/// participle after a form of `be` and before `to`, `of`, `as`, `that` or
/// `by` (`is believed to`, `has been accused of`, `is widely regarded
/// as`), or before `as` alone (`Long viewed as`).
fn reported(text: &str, words: &[(usize, &str)], lower: &[String]) -> Option<String> {
    let span = |from: usize, to: usize| {
        let (last_start, last) = words[to];
        text[words[from].0..last_start + last.len()].to_owned()
    };
    for (i, w) in lower.iter().enumerate() {
        if lexicon::REPORTED.contains(&w.as_str()) {
            let next = lower.get(i + 1).map(String::as_str);
            // Adverbs may stand between `be` and the participle.
            let mut be = i;
            while be > 0 && i - be < 2 && adverb(&lower[be - 1]) {
                be -= 1;
            }
            let after_be = be > 0 && lexicon::BE.contains(&lower[be - 1].as_str());
            if after_be && matches!(next, Some("to" | "of" | "as" | "that" | "by")) {
                return Some(span(be - 1, i + 1));
            }
            if next == Some("as") && (i == 0 || be < i) {
                return Some(span(be, i + 1));
            }
        }
    }
    None
}

/// An adverb that may stand between `be` and a participle (`widely`,
/// `also`, `long`).
fn adverb(word: &str) -> bool {
    (word.ends_with("ly") && word.chars().count() > 4)
        || lexicon::BEFORE_VERB.contains(&word)
        || matches!(word, "long" | "often")
}

/// The first verb of [`lexicon::EVENTS`], unless it is used as an
/// adjective after an article or a possessive (`a negotiated agreement`)
/// or speaks of what may or must happen (`must be negotiated`, `will be
/// signed`).
fn event(text: &str, words: &[(usize, &str)], lower: &[String]) -> Option<String> {
    let mut from = 0;
    while from < words.len() {
        let matched = phrase(text, &words[from..], &lower[from..], lexicon::EVENTS)?;
        let at = from
            + words[from..]
                .iter()
                .position(|(s, _)| text[*s..].starts_with(&matched))?;
        let prev = |k: usize| at.checked_sub(k).map(|p| lower[p].as_str());
        let adjective = prev(1).is_some_and(|p| lexicon::ARTICLES.contains(&p));
        let modal = |p: Option<&str>| p.is_some_and(|p| lexicon::MODALS.contains(&p) || p == "to");
        let unreal = modal(prev(1)) || (matches!(prev(1), Some("be" | "have")) && modal(prev(2)));
        if !adjective && !unreal {
            return Some(matched);
        }
        from = at + 1;
    }
    None
}

/// Whether the claim shows the writer's judgment: a hedge, an evaluative
/// word, a denial, the first person or the reader, a contraction, an
/// opening connective of argument, or a question.
fn judged(text: &str, words: &[(usize, &str)]) -> bool {
    let lower: Vec<String> = words
        .iter()
        .map(|(_, w)| w.to_lowercase().replace('’', "'"))
        .collect();
    let opens = lexicon::CONNECTIVES.iter().any(|c| {
        let parts: Vec<&str> = c.split(' ').collect();
        lower.len() > parts.len() && lower.iter().zip(&parts).all(|(w, p)| w == p)
    });
    text.trim_end().ends_with('?')
        || opens
        || words
            .iter()
            .zip(&lower)
            .enumerate()
            .any(|(i, (&(_, w), lower))| {
                [
                    lexicon::HEDGES,
                    lexicon::BOOSTERS,
                    lexicon::EVALUATIVE,
                    lexicon::DEGREE,
                    lexicon::INTERPRETIVE,
                    lexicon::DENIALS,
                ]
                .iter()
                .any(|list| list.contains(&lower.as_str()))
                    || contraction(lower)
                    || ((i == 0 || w.starts_with(char::is_lowercase))
                        && lexicon::VOICE.contains(&lower.as_str()))
            })
}

/// A contraction (`wasn't`, `that's`, `it's`), the writer's own register;
/// not a possessive (`Iran's`).
fn contraction(lower: &str) -> bool {
    lower.ends_with("n't")
        || lower.split_once('\'').is_some_and(|(head, tail)| {
            lexicon::CONTRACTED.contains(&head)
                && matches!(tail, "s" | "re" | "ve" | "ll" | "d" | "m")
        })
}

/// A declarative sentence about anything: its subject (from the start, or
/// after an opening phrase with no verb, `Two years later,`) and its first
/// finite verb. Not when the subject is vague (`Some analysts`, `Much`) or
/// points back at the writer's own text (`This has been`, `That's`, `This
/// provision aims`), nor when the predicate is a vague quantity (`are
/// many`). Returns the subject and verb as written.
fn declarative(text: &str) -> Option<String> {
    let tokens = tokens(text);
    let lower: Vec<String> = tokens
        .iter()
        .map(|t| t.1.to_lowercase().replace('’', "'"))
        .collect();
    let mut start = 0;
    if let Some(comma) = tokens.iter().take(12).position(|t| t.1 == ",")
        && (0..comma).all(|i| !verb_at(&tokens, &lower, i))
    {
        start = comma + 1;
    }
    let first = lower.get(start)?;
    if lexicon::VAGUE.contains(&first.as_str()) {
        return None;
    }
    if lexicon::DEMONSTRATIVES.contains(&first.as_str())
        && !lower
            .get(start + 1)
            .is_some_and(|w| lexicon::STAND_INS.contains(&w.as_str()))
    {
        return None;
    }
    let at = (start + 1..tokens.len()).find(|&i| verb_at(&tokens, &lower, i))?;
    // A gerund as subject (`Understanding this conflict requires`) frames
    // an activity, not an event.
    if start == 0 && first.ends_with("ing") && !tokens[..at].iter().any(|t| t.1 == ",") {
        return None;
    }
    if lower
        .get(at + 1)
        .is_some_and(|w| lexicon::VAGUE.contains(&w.as_str()))
        && lower.get(at + 2).is_none_or(|w| w == ",")
    {
        return None;
    }
    // A one-word name glossed in brackets (`Hezbollah (حزب الله) took`) is a
    // named subject's case, which asks for `is`, `has` and the like.
    if let [word, "(", .., ")"] = tokens[start..at]
        .iter()
        .map(|t| t.1)
        .collect::<Vec<_>>()
        .as_slice()
        && word.starts_with(char::is_uppercase)
        && !lexicon::NAMED_VERBS.contains(&lower[at].as_str())
    {
        return None;
    }
    // A claim that names no one (`The negotiators built relationships`)
    // speaks of the story in general terms.
    let name = tokens.iter().enumerate().any(|(i, t)| {
        let mut chars = t.1.chars();
        let first = chars.next().is_some_and(char::is_uppercase);
        (i > 0 && first && t.1 != "I") || chars.any(char::is_uppercase)
    });
    if !name {
        return None;
    }
    let (verb_start, verb) = tokens[at];
    Some(text[tokens[start].0..verb_start + verb.len()].to_owned())
}

/// Whether the token at `i` reads as a finite verb: one of
/// [`lexicon::FINITE_VERBS`]; a lower-case word ending in `-ed` or `-s`
/// not after a determiner or preposition; or a bare verb between a plural
/// or a name and a determiner (`forces control the`, `Afghans fear the`).
fn verb_at(tokens: &[(usize, &str)], lower: &[String], i: usize) -> bool {
    let Some(&(_, word)) = tokens.get(i) else {
        return false;
    };
    if !word.starts_with(char::is_lowercase) || word.contains(['\'', '’', '-', '.']) {
        return false;
    }
    let w = lower[i].as_str();
    let prev = i.checked_sub(1).map(|p| (tokens[p].1, lower[p].as_str()));
    let after_determiner = prev.is_some_and(|(p, lower)| {
        lexicon::DETERMINERS.contains(&lower)
            || lexicon::PREPOSITIONS.contains(&lower)
            || lexicon::NUMBER_WORDS.contains(&lower)
            || matches!(lower, "one" | "two")
            || p.chars().any(lexicon::is_digit)
    });
    let bare = |j: usize| -> bool {
        let (Some(&(_, word)), Some(&(_, before))) =
            (tokens.get(j), j.checked_sub(1).and_then(|b| tokens.get(b)))
        else {
            return false;
        };
        word.starts_with(char::is_lowercase)
            && !word.contains(['\'', '’', '-', '.'])
            && !lexicon::DETERMINERS.contains(&lower[j].as_str())
            && !lexicon::PREPOSITIONS.contains(&lower[j].as_str())
            && !lower[j].ends_with("ly")
            && (before.ends_with('s') && before.chars().count() > 3
                || before.starts_with(char::is_uppercase))
            && lower
                .get(j + 1)
                .is_some_and(|n| lexicon::DETERMINERS.contains(&n.as_str()))
    };
    let long = w.chars().count() > 3;
    lexicon::FINITE_VERBS.contains(&w)
        || (long && w.ends_with("ed") && !after_determiner)
        || bare(i)
        || (long
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !w.ends_with("selves")
            && !after_determiner
            && !bare(i + 1)
            && !lower
                .get(i + 1)
                .is_some_and(|n| lexicon::FINITE_VERBS.contains(&n.as_str())))
}

/// A plain statement about someone the text has named: a pronoun (`It
/// exists ...`, `Months later, they went on ...`) or a stand-in (`The
/// organization aspired ...`) followed by a finite verb, or `There was`.
/// Returns the subject and verb as written.
fn plain_statement(text: &str) -> Option<String> {
    let tokens = tokens(text);
    let lower: Vec<String> = tokens.iter().map(|t| t.1.to_lowercase()).collect();
    // The subject opens the claim or follows an opening phrase.
    let mut starts = vec![0];
    if let Some(comma) = tokens.iter().take(12).position(|t| t.1 == ",") {
        starts.push(comma + 1);
    }
    for start in starts {
        let Some(first) = lower.get(start) else {
            continue;
        };
        let verb_at = if lexicon::PRONOUNS.contains(&first.as_str()) {
            start + 1
        } else if matches!(first.as_str(), "the" | "this" | "these")
            && lower
                .get(start + 1)
                .is_some_and(|w| lexicon::STAND_INS.contains(&w.as_str()))
        {
            start + 2
        } else if first == "there"
            && lower
                .get(start + 1)
                .is_some_and(|w| w == "was" || w == "were")
        {
            start + 1
        } else {
            continue;
        };
        let mut at = verb_at;
        while lower
            .get(at)
            .is_some_and(|w| lexicon::BEFORE_VERB.contains(&w.as_str()))
        {
            at += 1;
        }
        let Some(&(verb_start, verb)) = tokens.get(at) else {
            continue;
        };
        if finite(verb) {
            return Some(text[tokens[start].0..verb_start + verb.len()].to_owned());
        }
    }
    None
}

/// Whether `word` reads as a finite verb: one of
/// [`lexicon::FINITE_VERBS`], or a lower-case word ending in `-ed` or `-s`
/// (`exists`, `aspired`; not `its`, `process`, `famous`).
fn finite(word: &str) -> bool {
    if !word.starts_with(char::is_lowercase) || word.contains(['\'', '’', '-', '.']) {
        return false;
    }
    lexicon::FINITE_VERBS.contains(&word)
        || (word.chars().count() > 3
            && (word.ends_with("ed")
                || (word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us"))))
}

/// The name a claim opens with, when it is the claim's subject: `Hamas is
/// ...`, `The Houthis control ...`, `Saudi Arabia, a Sunni monarchy, viewed
/// ...`; not `The MEK's leaders ...` (a possessive) nor `Relations between
/// ...` (a capitalised first word not followed by a verb).
fn named_subject(text: &str) -> Option<String> {
    let all = tokens(text);
    let capital = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    // After an opening phrase (`Since the war, the IRGC has become`).
    let opening = all
        .first()
        .is_some_and(|t| t.1 != "The" && lexicon::OPENERS.contains(&t.1.to_lowercase().as_str()));
    let tokens = match all.iter().take(8).position(|t| t.1 == ",") {
        Some(comma) if opening => &all[comma + 1..],
        _ => &all[..],
    };
    let mut i = usize::from(tokens.first().is_some_and(|t| matches!(t.1, "The" | "the")));
    let the = i == 1;
    let first = tokens.get(i)?.1;
    if !capital(first) || lexicon::OPENERS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let start = i;
    while let Some(&(_, t)) = tokens.get(i) {
        let joins = matches!(t, "of" | "al" | "bin" | "de")
            && tokens.get(i + 1).is_some_and(|n| capital(n.1));
        if !capital(t) && !joins {
            break;
        }
        if t.ends_with("'s") || t.ends_with("’s") {
            return None;
        }
        i += 1;
    }
    let (name_start, _) = tokens[start];
    let (last_start, last) = tokens[i - 1];
    let name = text[name_start..last_start + last.len()].to_owned();
    let words_in_name = i - start;
    // An acronym in brackets or an appositive between commas.
    for (open, close) in [("(", ")"), (",", ",")] {
        if tokens.get(i).is_some_and(|t| t.1 == open) {
            i += 1 + tokens[i + 1..].iter().position(|t| t.1 == close)? + 1;
        }
    }
    let (next_start, next) = *tokens.get(i)?;
    let (before_start, before) = tokens[i - 1];
    // Directly: in `The U.S. "war on terror"` the name qualifies a quoted term.
    let gap = &text[before_start + before.len()..next_start];
    let verb = gap.trim_start_matches('.').trim().is_empty()
        && next.chars().next().is_some_and(char::is_lowercase)
        && !matches!(
            next,
            "of" | "between"
                | "in"
                | "for"
                | "to"
                | "on"
                | "at"
                | "with"
                | "from"
                | "by"
                | "and"
                | "or"
                | "as"
        );
    // And a finite verb follows (not `The Kurdish people`), perhaps after
    // an adverb (`Hamas also controls`).
    let lower: Vec<String> = tokens.iter().map(|t| t.1.to_lowercase()).collect();
    let finite_verb =
        |j: usize| lexicon::NAMED_VERBS.contains(&lower[j].as_str()) || verb_at(tokens, &lower, j);
    let verb = verb
        && (finite_verb(i)
            || (adverb(&lower[i]) && lower.get(i + 1).is_some() && finite_verb(i + 1)));
    let subject = the || words_in_name > 1 || lexicon::NAMED_VERBS.contains(&next);
    (verb && subject).then_some(name)
}

/// Words (with `.`, `-` and apostrophes inside: `U.S.`, `al-Qaeda`) and the
/// punctuation that delimits a name, with their byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’' | '.' | '-'));
        if let (false, Some(s)) = (part, start) {
            out.push((s, text[s..i].trim_end_matches('.')));
            start = None;
        }
        if part && start.is_none() {
            start = Some(i);
        } else if matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–') {
            out.push((i, &text[i..i + c.len_utf8()]));
        }
    }
    if let Some(s) = start {
        out.push((s, text[s..].trim_end_matches('.')));
    }
    out
}

/// The first words of `text` that make one of `phrases`, as written; not
/// the end of a compound adjective (`self-proclaimed`, `Iranian-backed`).
fn phrase(
    text: &str,
    words: &[(usize, &str)],
    lower: &[String],
    phrases: &[&str],
) -> Option<String> {
    let mut first: Option<(usize, usize)> = None;
    for phrase in phrases {
        let parts: Vec<&str> = phrase.split(' ').collect();
        let found = lower.windows(parts.len()).enumerate().position(|(i, w)| {
            w.iter().zip(&parts).all(|(a, b)| a == b) && !text[..words[i].0].ends_with('-')
        });
        if let Some(at) = found
            && first.is_none_or(|(f, _)| at < f)
        {
            first = Some((at, parts.len()));
        }
    }
    let (at, len) = first?;
    let start = words[at].0;
    let (last_start, last) = words[at + len - 1];
    Some(text[start..last_start + last.len()].to_owned())
}

/// The words of `text` (runs of letters, digits and apostrophes) with their
/// byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’'));
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// The first quotation of more than [`lexicon::SCARE_QUOTE_WORDS`] words,
/// marks included. Shorter quoted terms are scare quotes or set phrases.
fn quotation(text: &str) -> Option<String> {
    let mut rest = text;
    let mut offset = 0;
    while let Some((at, open)) = rest
        .char_indices()
        .find(|(_, c)| lexicon::QUOTE_PAIRS.iter().any(|(o, _)| o == c))
    {
        let close = lexicon::QUOTE_PAIRS
            .iter()
            .find(|(o, _)| *o == open)
            .map(|(_, c)| *c)?;
        let inner_start = at + open.len_utf8();
        let Some(len) = rest[inner_start..].find(close) else {
            // Opened and never closed: the claim holds the start of a
            // quotation that runs on into the next one.
            let inner = &rest[inner_start..];
            if words(inner).len() > lexicon::SCARE_QUOTE_WORDS {
                return Some(text[offset + at..].trim_end().to_owned());
            }
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        let end = inner_start + len + close.len_utf8();
        if words(inner).len() > lexicon::SCARE_QUOTE_WORDS && !named(&text[..offset + at]) {
            return Some(text[offset + at..offset + end].to_owned());
        }
        offset += end;
        rest = &rest[end..];
    }
    closed_only(text)
}

/// Whether `before` ends with a word that makes a quotation a name
/// (`known as`, `dubbed`).
fn named(before: &str) -> bool {
    let before = before.trim_end().to_lowercase();
    lexicon::NAMING.iter().any(|n| {
        before
            .strip_suffix(n)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    }) || before.ends_with(" an") && named(&before[..before.len() - 3])
        || before.ends_with(" a") && named(&before[..before.len() - 2])
        || before.ends_with(" the") && named(&before[..before.len() - 4])
}

/// The end of a quotation begun in an earlier claim: text up to a closing
/// mark that nothing opened (`I'd be surprised if he is still alive."`).
fn closed_only(text: &str) -> Option<String> {
    let closes_only = |c: char| {
        lexicon::QUOTE_PAIRS.iter().any(|&(_, cl)| cl == c)
            && !lexicon::QUOTE_PAIRS.iter().any(|&(o, _)| o == c)
    };
    let at = if text.matches('"').count() % 2 == 1 {
        text.rfind('"')?
    } else {
        text.char_indices()
            .find(|&(i, c)| {
                closes_only(c)
                    && lexicon::QUOTE_PAIRS
                        .iter()
                        .filter(|&&(_, cl)| cl == c)
                        .all(|&(o, _)| !text[..i].contains(o))
            })?
            .0
    };
    let before = &text[..at];
    let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
    (words(before).len() > lexicon::SCARE_QUOTE_WORDS).then(|| text[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::{PLAIN, states_a_fact};

    #[test]
    fn framing_is_not_a_fact() {
        assert_eq!(states_a_fact("Some analysts support this view."), None);
        assert_eq!(states_a_fact("The group's critics are many."), None);
    }

    #[test]
    fn figures_quotations_and_attributions_are_facts() {
        let matched = |t: &str| states_a_fact(t).map(|f| f.matched);
        assert_eq!(
            matched("Some 3,000 members remain.").as_deref(),
            Some("3,000")
        );
        assert_eq!(
            matched("It was called \u{201c}a cult of personality run by two\u{201d}.").as_deref(),
            Some("\u{201c}a cult of personality run by two\u{201d}")
        );
        assert_eq!(
            matched("Analysts said the group was weak.").as_deref(),
            Some("said")
        );
        assert_eq!(
            matched("According to officials, it was weak.").as_deref(),
            Some("According to")
        );
        assert_eq!(
            matched("But it is not a puppet, as the Bush administration insisted.").as_deref(),
            Some("insisted")
        );
        assert_eq!(
            matched("Twelve deputies resigned.").as_deref(),
            Some("Twelve")
        );
        assert_eq!(
            matched("It had \u{661}\u{662} seats.").as_deref(),
            Some("\u{661}\u{662}")
        );
        assert_eq!(
            matched("It was «a state within a state», critics argue.").as_deref(),
            Some("«a state within a state»")
        );
        assert_eq!(states_a_fact("The newsletter is widely read."), None);
    }

    #[test]
    fn attributions_are_recognised_by_their_structure() {
        let matched = |t: &str| states_a_fact(t).map(|f| f.matched);
        for (text, words) in [
            (
                "The Emirates has been accused of arming the RSF.",
                "been accused of",
            ),
            (
                "It is widely regarded as a terrorist group.",
                "is widely regarded as",
            ),
            (
                "Long viewed as the strongest movement, it won.",
                "Long viewed as",
            ),
            (
                "The Kurds are thought to be the largest group.",
                "are thought to",
            ),
        ] {
            assert_eq!(matched(text).as_deref(), Some(words), "{text}");
        }
    }

    #[test]
    fn an_event_verb_as_an_adjective_or_under_a_modal_is_no_event() {
        for text in [
            "It would only heighten mistrust of a negotiated agreement.",
            "Then a deal must be negotiated that gives it security.",
            "Their declared aim is unclear.",
        ] {
            let found = states_a_fact(text);
            assert!(
                found.as_ref().is_none_or(|f| !f.what.contains("event")),
                "{text}: {found:?}"
            );
        }
        // A hedge is no modal: a hedged event is still an event.
        assert_eq!(
            states_a_fact("Its fighters apparently killed the envoy.")
                .map(|f| f.matched)
                .as_deref(),
            Some("killed")
        );
        assert_eq!(
            states_a_fact("The group negotiated a ceasefire.")
                .map(|f| f.matched)
                .as_deref(),
            Some("negotiated")
        );
    }

    #[test]
    fn events_and_parts_of_quotations_are_facts() {
        let matched = |t: &str| states_a_fact(t).map(|f| f.matched);
        assert_eq!(
            matched("Its leaders were assassinated by Israel.").as_deref(),
            Some("assassinated")
        );
        assert_eq!(
            matched("The UNSC called on Israel to end hostilities.").as_deref(),
            Some("called on")
        );
        assert_eq!(
            matched("\"They either die or go to prison.").as_deref(),
            Some("\"They either die or go to prison.")
        );
        assert_eq!(
            matched("I'd be surprised if Massoud Rajavi is still alive.\"").as_deref(),
            Some("I'd be surprised if Massoud Rajavi is still alive.\"")
        );
        assert_eq!(
            matched("Prior to the invasion, Saddam was its financier, experts say.").as_deref(),
            Some("say")
        );
    }

    #[test]
    fn a_named_subject_is_a_fact_unless_it_hedges() {
        let matched = |t: &str| states_a_fact(t).map(|f| f.matched);
        assert_eq!(
            matched("The PKK is a militant Kurdish organization.").as_deref(),
            Some("PKK")
        );
        assert_eq!(
            matched("Saudi Arabia, a Sunni monarchy, viewed Iran with alarm.").as_deref(),
            Some("Saudi Arabia")
        );
        assert_eq!(
            matched("Since his incarceration, Mr. Ocalan has shifted its ideology.").as_deref(),
            Some("Mr. Ocalan")
        );
        for text in [
            "Iran is likely to press its advantage.",
            "The Brotherhood's leaders were slow to adapt.",
            "Relations between the two have been tense.",
            "Much has changed in the region.",
        ] {
            assert_eq!(states_a_fact(text), None, "{text}");
        }
    }

    #[test]
    fn a_plain_statement_is_a_fact_unless_it_shows_judgment() {
        let found = |t: &str| states_a_fact(t).map(|f| (f.matched, f.hint));
        for (text, subject_and_verb) in [
            ("It exists alongside the regular army.", "It exists"),
            ("He remains revered by its members.", "He remains"),
            (
                "Based in Paris, she also serves as its envoy.",
                "she also serves",
            ),
            (
                "The organization aspired to rule the country.",
                "The organization aspired",
            ),
            ("Before the war, there was no government.", "there was"),
        ] {
            let (matched, hint) = found(text).unwrap();
            assert_eq!(matched, subject_and_verb, "{text}");
            assert!(hint.contains("your judgment"), "{hint}");
        }
        for text in [
            "It is likely to grow.",
            "It was slow to respond to the crisis.",
            "It remains a crucial question.",
            "They hold the key to the region.",
            "Here we explain what it means.",
            "Does it matter?",
            "It's a rivalry at the heart of the region.",
            "Its history remains contested.",
            "The Houthis are arguably the winners.",
        ] {
            assert_eq!(states_a_fact(text), None, "{text}");
        }
        assert_eq!(
            found("Talks resume in Sweden this December.")
                .map(|f| f.0)
                .as_deref(),
            Some("December")
        );
        assert_eq!(
            found("The aid reached US troops.").map(|f| f.0).as_deref(),
            Some("reached")
        );
    }

    #[test]
    fn a_declarative_sentence_naming_someone_is_a_fact_whatever_its_subject() {
        let found = |t: &str| states_a_fact(t).map(|f| (f.matched, f.hint));
        for (text, subject_and_verb) in [
            (
                "Resistance to the Taliban continued in the north.",
                "Resistance to the Taliban continued",
            ),
            (
                "Pro-Hadi forces control the south of the country.",
                "Pro-Hadi forces control",
            ),
            ("Afghans fear the return of the Taliban.", "Afghans fear"),
            (
                "The Brotherhood's original mission was to Islamize society.",
                "The Brotherhood's original mission was",
            ),
            (
                "Two years later, a militia known as the Taliban gained prominence.",
                "a militia known as the Taliban gained",
            ),
        ] {
            let (matched, hint) = found(text).unwrap();
            assert_eq!(matched, subject_and_verb, "{text}");
            assert_eq!(hint, PLAIN);
        }
        for text in [
            // Marks of judgment: a booster, a denial, a contraction, an
            // opening connective, a verb of interpretation, a word of
            // degree.
            "The talks clearly changed the Fatah leadership.",
            "The accord did not end the occupation of Gaza.",
            "The transition to Hamas rule wasn't smooth.",
            "Although the Fatah leaders met often, the talks stalled.",
            "The negotiators built trust, fostering hope in Oslo.",
            "Relations with Riyadh grew very cold.",
            // No name: the story in general terms.
            "The negotiators built relationships and friendships.",
            // A vague, demonstrative or gerund subject.
            "Some analysts support the Iranian view.",
            "This provision aims to safeguard Lebanon's independence.",
            "Understanding this conflict requires a map of Yemen.",
            // No finite verb.
            "Both countries see themselves as leaders of the Muslim world.",
            // A one-word name with a gloss, left to the named subject.
            "Hezbollah (حزب الله) took its name from the Quran.",
        ] {
            assert_eq!(states_a_fact(text), None, "{text}");
        }
    }

    #[test]
    fn names_and_compound_adjectives_are_not_facts() {
        for text in [
            "This contest, often described as an \"Iran and Saudi War\" by proxy, goes on.",
            "It is a self-proclaimed state with Iranian-backed allies.",
            "Fatah’s “old guard” was plagued by nepotism.",
        ] {
            // A plain statement (`It is`, `They were`) is reported as one;
            // the quoted or compound words are not.
            let found = states_a_fact(text);
            assert!(
                found.as_ref().is_none_or(|f| f.hint == PLAIN),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn scare_quotes_and_named_dates_are_not_facts() {
        for text in [
            "The \"peace process,\" as it was known, stalled.",
            "The U.S. \"war on terror\" changed the region.",
            "They were to be \"partners\" in a \"peace\" process.",
            "\"Israeli security\" was accepted as the goal.",
            "Much has changed since September 11.",
            "One of the two sides gave way.",
        ] {
            // A plain statement (`It is`, `They were`) is reported as one;
            // the quoted or compound words are not.
            let found = states_a_fact(text);
            assert!(
                found.as_ref().is_none_or(|f| f.hint == PLAIN),
                "{text}: {found:?}"
            );
        }
    }
}
