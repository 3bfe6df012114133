//! Sentences: Unicode sentence boundaries (UAX #29), less those that
//! abbreviations fool (`U.S. State Department`, `Dr. Smith`), those inside
//! a quotation (a quoted passage of several sentences stays one claim, with
//! its attribution) and those inside a link or emphasis.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Words ending in a full stop that do not end a sentence, compared without
/// case. A single capital letter with a stop (an initial) is one too.
const ABBREVIATIONS: &[&str] = &[
    "u.s.", "u.k.", "u.n.", "e.u.", "d.c.", "dr.", "mr.", "mrs.", "ms.", "st.", "mt.", "jr.",
    "sr.", "gen.", "lt.", "col.", "capt.", "sgt.", "adm.", "gov.", "sen.", "rep.", "rev.", "prof.",
    "pres.", "amb.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
    "oct.", "nov.", "dec.", "no.", "nos.", "vol.", "pp.", "p.", "a.m.", "p.m.", "e.g.", "i.e.",
    "cf.", "vs.", "v.", "inc.", "co.", "corp.", "ltd.", "approx.", "est.", "ft.",
];

/// The sentences of `text`, as byte ranges without surrounding space. No
/// boundary falls strictly inside a `protected` range.
/// One pass over the text: the quotation state and the protected ranges
/// are carried along, so a long paragraph costs linear time.
pub fn sentences(text: &str, protected: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut protected: Vec<&Range<usize>> = protected.iter().filter(|r| r.len() > 1).collect();
    protected.sort_by_key(|r| r.start);
    let mut next = 0;
    let mut covered = 0;
    let mut quoted = false;
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (at, piece) in text.split_sentence_bound_indices() {
        quoted = quotation_open_after(quoted, piece);
        let end = at + piece.len();
        if end >= text.len() {
            break;
        }
        while let Some(r) = protected.get(next).filter(|r| r.start < end) {
            covered = covered.max(r.end);
            next += 1;
        }
        let inside = end < covered;
        if inside || quoted || ends_in_abbreviation(&text[start..end], &text[end..]) {
            continue;
        }
        push(&mut out, text, start..end);
        start = end;
    }
    push(&mut out, text, start..text.len());
    out
}

fn push(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let part = &text[range.clone()];
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if part.trim().is_empty() {
        return;
    }
    out.push(range.start + lead..range.end - trail);
}

fn ends_in_abbreviation(sentence: &str, rest: &str) -> bool {
    let sentence = sentence.trim_end();
    // Only the last few bytes: no abbreviation is longer.
    let mut from = sentence.len().saturating_sub(24);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    let tail = &sentence[from..];
    let word = tail.rsplit(' ').next().unwrap_or("");
    if from > 0 && word.len() == tail.len() {
        return false;
    }
    let word = word.trim_start_matches(['(', '"', '“', '‘', '[']);
    if !word.ends_with('.') {
        return false;
    }
    let lower = word.to_lowercase();
    let bare = word.trim_end_matches('.');
    // `No. 10`, `p. 45`: only before a figure (`He said no.` ends).
    if matches!(lower.as_str(), "no." | "nos." | "p." | "pp." | "vol.") {
        return rest.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    ABBREVIATIONS.contains(&lower.as_str())
        // An initial: `Bruce O. Riedel`.
        || (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase))
        // Dotted initialisms: `U.S.-led`, `N.A.T.O.`.
        || (bare.len() >= 3 && bare.split('.').all(|p| p.chars().count() == 1))
}

/// Whether a double quotation is open after `piece`, given whether one was
/// open before it.
fn quotation_open_after(mut open: bool, piece: &str) -> bool {
    for c in piece.chars() {
        match c {
            '“' => open = true,
            '”' => open = false,
            '"' => open = !open,
            _ => {}
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, &[]).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split(
                "It killed U.S. personnel, according to the U.S. State Department. Then Dr. Smith left at 10 a.m. Monday. Bruce O. Riedel spoke."
            ),
            [
                "It killed U.S. personnel, according to the U.S. State Department.",
                "Then Dr. Smith left at 10 a.m. Monday.",
                "Bruce O. Riedel spoke."
            ]
        );
        assert_eq!(
            split("It met on Jan. 5. No. 10 agreed."),
            ["It met on Jan. 5.", "No. 10 agreed."]
        );
    }

    #[test]
    fn brackets_quotes_and_ellipses() {
        assert_eq!(
            split("It said so. (By 1978, most were Americans.) The MEK denies it."),
            [
                "It said so.",
                "(By 1978, most were Americans.)",
                "The MEK denies it."
            ]
        );
        assert_eq!(
            split(
                "\"Cult leaders don't retire,\" he said. \"They either die. I'd be surprised.\" Next."
            ),
            [
                "\"Cult leaders don't retire,\" he said.",
                "\"They either die. I'd be surprised.\"",
                "Next."
            ]
        );
        assert_eq!(
            split("one terrorism...The next"),
            ["one terrorism...", "The next"]
        );
    }

    #[test]
    fn no_boundary_inside_a_protected_range() {
        let text = "See the report. It says so.";
        let link = std::iter::once(4..18).collect::<Vec<_>>();
        let whole = sentences(text, &link);
        assert_eq!((whole.len(), whole[0].clone()), (1, 0..27));
        assert_eq!(sentences("", &[]), Vec::<Range<usize>>::new());
    }
}
