//! The seed article's body sentences, shared by the tests that compare a
//! document with it (`seed.rs`, `import.rs`).

/// The seed's body paragraphs, from the first heading to "Additional
/// Resources", headings left out, `[text](#)` links as their text.
pub fn seed_paragraphs(text: &str) -> Vec<String> {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let start = paragraphs.iter().position(|p| p == "Introduction").unwrap() + 1;
    let end = paragraphs
        .iter()
        .position(|p| p == "Additional Resources")
        .unwrap();
    // Headings are short lines without a stop; a long one without a stop
    // is a paragraph the seed broke in two, joined to what follows.
    let body: Vec<&str> = paragraphs[start..end]
        .iter()
        .filter(|p| p.len() > 40 || p.ends_with(['.', '"', ')', '?', '!']))
        .map(String::as_str)
        .collect();
    vec![strip_links(&body.join(" "))]
}

/// `[text](#)` as `text`, with `\\(` and `\\)` unescaped, and without the
/// page's `(PDF)` marks after links (a file-type label, not prose).
fn strip_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // The link text runs to the first `]` not escaped.
        let close = after
            .char_indices()
            .find(|&(i, c)| c == ']' && !after[..i].ends_with('\\'))
            .map(|(i, _)| i);
        match close {
            Some(close) if after[close..].starts_with("](#)") => {
                out.push_str(&after[..close]);
                rest = &after[close + 4..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("\\(", "(")
        .replace("\\)", ")")
        .replace(" (PDF)", "")
}

/// Sentences: a stop, then a space and a capital or a quotation mark; not
/// after an abbreviation or an initial (`U.S.`, `Edward R. Murrow`).
pub fn sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<char> = paragraph.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let stop = matches!(c, '.' | '?' | '!')
            || (matches!(c, '"' | ')') && i > 0 && matches!(chars[i - 1], '.' | '?' | '!'));
        let next_starts = chars.get(i + 1) == Some(&' ')
            && chars
                .get(i + 2)
                .is_some_and(|n| n.is_uppercase() || *n == '"' || *n == '(');
        // An ellipsis run into the next sentence: "terrorism...The".
        let ellipsis = c == '.'
            && i >= 2
            && chars[i - 2..i] == ['.', '.']
            && chars.get(i + 1).is_some_and(|n| n.is_uppercase());
        if ellipsis {
            out.push(current.trim().to_owned());
            current.clear();
            continue;
        }
        if stop && next_starts {
            let word = current
                .trim_end_matches(['.', '"', ')'])
                .rsplit(' ')
                .next()
                .unwrap_or("");
            let abbreviation = word.len() == 1 && word.chars().all(char::is_uppercase)
                || word.ends_with("U.S")
                || matches!(word, "Mr" | "Dr" | "St" | "Jan" | "No");
            if !abbreviation {
                out.push(current.trim().to_owned());
                current.clear();
            }
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// Quotes straight, dashes as hyphens, ellipses as three dots, spaces
/// collapsed: typography aside, the same words.
pub fn normalise(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    text.replace('…', "...")
        .replace('*', "")
        .replace("--", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
