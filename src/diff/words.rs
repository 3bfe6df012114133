//! A word-level diff: the longest common subsequence of two texts' words,
//! with the whitespace after each word kept so that the pieces join back
//! into the texts.

use serde::Serialize;

/// One run of words, kept, removed or added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// Above this many word pairs the texts are shown as one removal and one
/// addition (a claim has tens of words; this bounds time and memory).
const MAX_CELLS: usize = 4_000_000;

/// Words with their trailing whitespace.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push(&text[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The pieces that turn `before` into `after`; adjacent pieces of one kind
/// are merged.
pub fn diff(before: &str, after: &str) -> Vec<Piece> {
    let a = words(before);
    let b = words(after);
    let mut ops: Vec<(Op, &str)> = Vec::new();
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        ops.extend(a.iter().map(|w| (Op::Delete, *w)));
        ops.extend(b.iter().map(|w| (Op::Insert, *w)));
    } else {
        let key = |w: &str| w.trim_end().to_owned();
        let (ka, kb): (Vec<String>, Vec<String>) = (
            a.iter().map(|w| key(w)).collect(),
            b.iter().map(|w| key(w)).collect(),
        );
        // lcs[i][j]: the common subsequence of a[i..] and b[j..].
        let width = b.len() + 1;
        let mut lcs = vec![0u32; (a.len() + 1) * width];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i * width + j] = if ka[i] == kb[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if ka[i] == kb[j] {
                ops.push((Op::Equal, b[j]));
                i += 1;
                j += 1;
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                ops.push((Op::Delete, a[i]));
                i += 1;
            } else {
                ops.push((Op::Insert, b[j]));
                j += 1;
            }
        }
        ops.extend(a[i..].iter().map(|w| (Op::Delete, *w)));
        ops.extend(b[j..].iter().map(|w| (Op::Insert, *w)));
    }
    let mut out: Vec<Piece> = Vec::new();
    for (op, word) in ops {
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(word),
            _ => out.push(Piece {
                op,
                text: word.to_owned(),
            }),
        }
    }
    out
}

/// How alike two texts are, from 0 to 1: twice the common words over all.
pub fn similarity(before: &str, after: &str) -> f64 {
    let total = words(before).len() + words(after).len();
    if total == 0 {
        return 1.0;
    }
    let common: usize = diff(before, after)
        .iter()
        .filter(|p| p.op == Op::Equal)
        .map(|p| words(&p.text).len())
        .sum();
    2.0 * common as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.op {
                Op::Equal => p.text.clone(),
                Op::Delete => format!("[-{}-]", p.text),
                Op::Insert => format!("{{+{}+}}", p.text),
            })
            .collect()
    }

    #[test]
    fn changed_words_are_marked_and_the_rest_kept() {
        let d = diff(
            "The group was founded in 1963 by students.",
            "The group was founded in 1965 by leftist students.",
        );
        assert_eq!(
            show(&d),
            "The group was founded in [-1963 -]{+1965 +}by {+leftist +}students."
        );
        // The pieces rebuild both texts.
        let after: String = d
            .iter()
            .filter(|p| p.op != Op::Delete)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(after, "The group was founded in 1965 by leftist students.");
        assert!(diff("", "").is_empty());
        assert_eq!(show(&diff("", "New.")), "{+New.+}");
    }

    #[test]
    fn similarity_counts_shared_words() {
        assert_eq!(similarity("a b c d", "a b c d"), 1.0);
        assert_eq!(similarity("a b", "c d"), 0.0);
        assert!((similarity("a b c d", "a b c e") - 0.75).abs() < 1e-9);
    }
}
