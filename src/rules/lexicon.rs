//! The words, marks and number forms the editorial heuristics recognise,
//! in one place: `cite/analysis-fact` and `date/text-mismatch` read them,
//! and `explain` prints them, so the rule and its documentation never
//! disagree.

/// The rules that read these lists.
pub const USED_BY: &[&str] = &[
    super::cite::ANALYSIS_FACT.code,
    super::date::TEXT_MISMATCH.code,
];

/// Verbs and phrases that attribute a statement to someone: an analysis
/// claim holding one reports what was said, which must be cited.
pub const ATTRIBUTIONS: &[&str] = &[
    "according to",
    "acknowledged",
    "acknowledges",
    "alleged",
    "alleges",
    "allegedly",
    "announced",
    "announces",
    "argued",
    "argues",
    "asserted",
    "asserts",
    "attested",
    "attests",
    "believe",
    "believed",
    "believes",
    "claimed",
    "claims",
    "conceded",
    "denied",
    "denies",
    "explained",
    "explains",
    "has characterized",
    "have characterized",
    "insisted",
    "insists",
    "maintained",
    "noted",
    "reported",
    "reportedly",
    "reports",
    "reputedly",
    "said",
    "say",
    "says",
    "stated",
    "suggested",
    "suggests",
    "told",
    "warned",
    "warns",
    "wrote",
];

/// Verbs that report a checkable event: an analysis claim saying that
/// someone founded, signed, seized or killed something states a fact.
/// Past forms only (and a few present ones of standing facts), since
/// analysis speaks of events in general terms (`violence undermined`).
pub const EVENTS: &[&str] = &[
    "abducted",
    "adopted",
    "agreed",
    "annexed",
    "appointed",
    "approved",
    "arrested",
    "assassinated",
    "attacked",
    "authorized",
    "banned",
    "began",
    "bombed",
    "broke out",
    "called for",
    "called on",
    "captured",
    "conducted",
    "conquered",
    "controlled",
    "controls",
    "convicted",
    "created",
    "declared",
    "defeated",
    "deployed",
    "designated",
    "died",
    "dissolved",
    "driven",
    "elected",
    "embedded",
    "emerged",
    "entered",
    "established",
    "executed",
    "expelled",
    "feared",
    "fled",
    "formed",
    "for the first time",
    "fought",
    "founded",
    "governs",
    "hijacked",
    "imprisoned",
    "invaded",
    "joined",
    "kidnapped",
    "killed",
    "led by",
    "launched",
    "mandated",
    "massacred",
    "negotiated",
    "occupied",
    "originated",
    "ousted",
    "overthrew",
    "overthrown",
    "pledged",
    "proclaimed",
    "professed",
    "provided",
    "raided",
    "ratified",
    "reached",
    "recognized",
    "refused",
    "released",
    "represented",
    "resigned",
    "retaliated",
    "ruled",
    "sanctioned",
    "seized",
    "sentenced",
    "signed",
    "spawned",
    "subdued",
    "toppled",
    "voted",
    "withdrew",
    "won",
];

/// Modal and hedge words: a claim holding one speculates, which is the
/// writer's judgment even when its subject is named (`Iran is likely to
/// ...`).
pub const HEDGES: &[&str] = &[
    "appear",
    "appeared",
    "appears",
    "apparently",
    "arguably",
    "can",
    "cannot",
    "can't",
    "could",
    "likely",
    "may",
    "might",
    "must",
    "perhaps",
    "possibly",
    "presumably",
    "probably",
    "seem",
    "seemed",
    "seemingly",
    "seems",
    "should",
    "unlikely",
    "will",
    "won't",
    "would",
];

/// Evaluative adjectives and adverbs, and comparatives and superlatives of
/// judgment: with one of these (or a hedge, a first-person or reader-directed
/// word, or a question), a plain statement is the writer's judgment.
pub const EVALUATIVE: &[&str] = &[
    "clear",
    "clearly",
    "complex",
    "controversial",
    "critical",
    "crucial",
    "difficult",
    "dramatic",
    "dramatically",
    "essential",
    "even",
    "fortunately",
    "fragile",
    "fundamentally",
    "further",
    "greater",
    "important",
    "indeed",
    "interestingly",
    "ironically",
    "key",
    "least",
    "less",
    "merely",
    "more",
    "most",
    "notably",
    "obviously",
    "only",
    "remarkable",
    "remarkably",
    "significant",
    "significantly",
    "slow",
    "striking",
    "strikingly",
    "stunning",
    "surprising",
    "surprisingly",
    "uncertain",
    "unclear",
    "undoubtedly",
    "unfortunately",
    "valuable",
    "worse",
];

/// First-person and reader-directed words (matched in lower case only, so
/// that `US` stays a country): the writer speaking in their own voice.
pub const VOICE: &[&str] = &["i", "let's", "me", "my", "our", "us", "we", "you", "your"];

/// Pronouns that open a plain statement about someone the text has named:
/// `It exists alongside ...`, `He remains revered ...`.
pub const PRONOUNS: &[&str] = &["he", "it", "she", "they"];

/// Nouns that, after `the`, `this` or `these`, stand for a group the text
/// has named (`The organization aspired to ...`, `the group is ...`), so
/// that a plain statement about them is a statement about the group.
pub const STAND_INS: &[&str] = &[
    "accord",
    "accords",
    "administration",
    "agreement",
    "coalition",
    "council",
    "government",
    "group",
    "groups",
    "militia",
    "militias",
    "movement",
    "movements",
    "organisation",
    "organization",
    "organizations",
    "party",
    "regime",
    "resolution",
];

/// Words that may stand between the subject of a plain statement and its
/// verb: `she also serves`.
pub const BEFORE_VERB: &[&str] = &[
    "again", "already", "also", "first", "later", "now", "once", "still", "then",
];

/// Finite verbs that do not end in `-s` or `-ed`, for telling a plain
/// statement (`they went on to take`) from a subject followed by anything
/// else.
pub const FINITE_VERBS: &[&str] = &[
    "are", "became", "began", "brought", "built", "came", "did", "fell", "fought", "gave", "got",
    "grew", "had", "has", "have", "held", "is", "kept", "knew", "led", "left", "lost", "made",
    "met", "ran", "rose", "saw", "sent", "spent", "stood", "took", "was", "went", "were", "won",
];

/// Capitalised words that open a sentence without naming anyone: a claim
/// starting with one has no named subject.
pub const OPENERS: &[&str] = &[
    "a",
    "additionally",
    "after",
    "all",
    "also",
    "although",
    "an",
    "another",
    "any",
    "anything",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "either",
    "even",
    "every",
    "everyone",
    "everything",
    "few",
    "following",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "it",
    "its",
    "less",
    "like",
    "little",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "my",
    "neither",
    "no",
    "nobody",
    "none",
    "not",
    "nothing",
    "now",
    "once",
    "one",
    "only",
    "other",
    "others",
    "our",
    "over",
    "prior",
    "rather",
    "several",
    "she",
    "since",
    "so",
    "some",
    "someone",
    "something",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "two",
    "under",
    "us",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yet",
    "you",
    "your",
];

/// What a one-word name at the start of a claim must be followed by to be
/// its subject (`Hamas is`, `Iran has`), since any word is capitalised there.
pub const NAMED_VERBS: &[&str] = &[
    "also", "are", "had", "has", "have", "is", "remained", "remains", "was", "were",
];

/// Words before a quotation that make it a name or a label rather than
/// someone's words: `known as the "parliament in exile"`.
pub const NAMING: &[&str] = &["known as", "described as", "dubbed", "so-called", "termed"];

/// Opening and closing quotation marks of the scripts we publish in:
/// English “ ”, German „ “, French « » and ‹ ›, and the straight `"`.
/// (Single quotes are left out: `'` and `’` are apostrophes far more often.)
pub const QUOTE_PAIRS: &[(char, char)] = &[
    ('"', '"'),
    ('“', '”'),
    ('„', '“'),
    ('«', '»'),
    ('»', '«'),
    ('‹', '›'),
];

/// Number words that state a figure. `one` and `two` are left out: "one of
/// the", "the two sides" are framing far more often than figures.
pub const NUMBER_WORDS: &[&str] = &[
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
];

/// Words before a four-digit number that make it a label, not a year:
/// `Resolution 1701`, `Highway 1300`, `No. 2580`.
pub const NUMBER_LABELS: &[&str] = &[
    "resolution",
    "resolutions",
    "highway",
    "route",
    "road",
    "no",
    "number",
    "article",
    "articles",
    "chapter",
    "section",
    "flight",
    "room",
    "page",
    "pages",
    "p",
    "pp",
    "paragraph",
    "law",
    "decree",
    "regulation",
    "bill",
    "unit",
    "code",
    "item",
    "lot",
    "box",
];

/// Words before a four-digit number that make it a year: `in 1979`,
/// `since 2003`, `the 1979 revolution`.
pub const YEAR_WORDS: &[&str] = &[
    "in", "since", "until", "till", "from", "through", "during", "before", "after", "by",
    "between", "circa", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter",
    "year", "and", "to",
];

/// Words before a number that make it a count: `some 1500`, `about 2000`.
pub const QUANTITY_WORDS: &[&str] = &[
    "some",
    "about",
    "approximately",
    "nearly",
    "almost",
    "around",
    "over",
    "under",
    "than",
    "least",
    "roughly",
    "estimated",
    "only",
    "just",
    "total",
];

/// Quoted terms of at most this many words are scare quotes or set phrases
/// (`the "peace process"`), not quotations of what someone said.
pub const SCARE_QUOTE_WORDS: usize = 3;

/// Month names, for dates written out (`September 11`): the twelve full
/// names first, then their abbreviations.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A decimal digit of any script (ASCII, Arabic-Indic, Persian, Devanagari,
/// fullwidth, …), but not a superscript, subscript, fraction or circled
/// number, which mark footnotes and lists more often than figures.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || (c.is_numeric()
            && !matches!(c,
                '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}'
                | '\u{2070}'..='\u{209f}' | '\u{2150}'..='\u{218f}' | '\u{2460}'..='\u{24ff}'
                | '\u{2776}'..='\u{2793}'))
}

/// The lists as Markdown, for `explain`.
pub fn describe() -> String {
    let quotes: Vec<String> = QUOTE_PAIRS
        .iter()
        .map(|(o, c)| format!("{o}…{c}"))
        .collect();
    format!(
        "## What it recognises\n- Attributions: {}.\n- Events: {}.\n- Judgment: a claim holding a hedge ({}), an evaluative word ({}), a first-person or reader-directed word in lower case ({}), or ending in `?`, is the writer's judgment; the next two items apply only to claims without one.\n- A named subject: a claim that opens with a name (`Hamas is`, `The Houthis control`, `Saudi Arabia, a Sunni monarchy, viewed`) states a fact about it.\n- A plain statement: a claim whose subject, at its start or after an opening phrase and a comma, is a pronoun ({}) or `the`, `this` or `these` with a stand-in for a named group ({}), followed (after {}) by a finite verb ({}, or a lower-case word ending in `-ed` or `-s`), or `There was` or `There were` in the same place, states a fact; the subject and verb are underlined.\n- Quotation marks: {} (a quoted term of at most {SCARE_QUOTE_WORDS} words is a scare quote or set phrase, not a quotation, and so is one after {}; a quotation opened and not closed, or closed and not opened, is part of one).\n- Figures: a digit of any script (superscripts, fractions and circled numbers aside), or one of {}. A day after a month name (`September 11`) names a date, not a figure. A month named after the first word (`this December`) dates an event.\n- Years: a four-digit number from 1000 to 2199, not after a label ({}) nor a quantity word ({}), and not followed by what it counts (`1500 fighters`, `1500 Revolutionary Guards`); after {} or a month it is always a year. A span (`from 1957 to 1990`, `between 1980 and 1988`, `1980–1988`, `1975–90`) is compared end to end with an interval `date`.",
        list(ATTRIBUTIONS),
        list(EVENTS),
        list(HEDGES),
        list(EVALUATIVE),
        list(VOICE),
        list(PRONOUNS),
        list(STAND_INS),
        list(BEFORE_VERB),
        list(FINITE_VERBS),
        quotes.join(" "),
        list(NAMING),
        list(NUMBER_WORDS),
        list(NUMBER_LABELS),
        list(QUANTITY_WORDS),
        list(YEAR_WORDS),
    )
}

fn list(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
