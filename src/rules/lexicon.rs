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

/// Participles that, after a form of `be` (`is believed to`, `has been
/// accused of`, `are widely regarded as`) or before `as` (`Long viewed
/// as`), report what unnamed others say or think of someone: an
/// attribution by its structure, whatever the verb.
pub const REPORTED: &[&str] = &[
    "accused",
    "alleged",
    "believed",
    "considered",
    "deemed",
    "estimated",
    "perceived",
    "regarded",
    "reported",
    "rumored",
    "rumoured",
    "said",
    "seen",
    "suspected",
    "thought",
    "understood",
    "viewed",
];

/// Forms of `be` before a reporting participle (`is thought to`).
pub const BE: &[&str] = &["am", "are", "be", "been", "being", "is", "was", "were"];

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

/// Modal verbs and hedges (after Hyland's list of hedges, *Metadiscourse*,
/// 2005, less the words of frequency, proportion and quantity, `often`,
/// `largely`, `about`, which qualify facts): a claim holding one
/// speculates, which is the writer's judgment even when its subject is
/// named (`Iran is likely to ...`).
pub const HEDGES: &[&str] = &[
    "apparent",
    "apparently",
    "appear",
    "appeared",
    "appears",
    "arguably",
    "assume",
    "assumed",
    "broadly",
    "can",
    "can't",
    "cannot",
    "conceivably",
    "could",
    "couldn't",
    "doubt",
    "doubtful",
    "essentially",
    "fairly",
    "feel",
    "feels",
    "felt",
    "guess",
    "indicate",
    "indicated",
    "indicates",
    "likely",
    "may",
    "maybe",
    "might",
    "mightn't",
    "must",
    "mustn't",
    "ought",
    "perhaps",
    "plausible",
    "plausibly",
    "possible",
    "possibly",
    "postulate",
    "postulated",
    "postulates",
    "potentially",
    "presumable",
    "presumably",
    "probable",
    "probably",
    "quite",
    "rather",
    "relatively",
    "seem",
    "seemed",
    "seemingly",
    "seems",
    "shall",
    "should",
    "shouldn't",
    "somewhat",
    "speculate",
    "speculated",
    "speculation",
    "suppose",
    "supposed",
    "supposedly",
    "supposes",
    "suspect",
    "suspects",
    "tend",
    "tended",
    "tends",
    "uncertainly",
    "unclearly",
    "unlikely",
    "will",
    "won't",
    "wonder",
    "would",
    "wouldn't",
];

/// Boosters (after Hyland's list, its adverbs and adjectives): the writer
/// vouching for a claim (`clearly`, `indeed`, `of course` as a connective).
pub const BOOSTERS: &[&str] = &[
    "actually",
    "certain",
    "certainly",
    "clear",
    "clearly",
    "conclusively",
    "decidedly",
    "definite",
    "definitely",
    "doubtless",
    "evident",
    "evidently",
    "incontestable",
    "incontestably",
    "incontrovertible",
    "incontrovertibly",
    "indeed",
    "indisputable",
    "indisputably",
    "obvious",
    "obviously",
    "really",
    "sure",
    "surely",
    "true",
    "truly",
    "undeniable",
    "undeniably",
    "undisputedly",
    "undoubtedly",
];

/// Attitude markers (after Hyland's list) and evaluative words of
/// importance (`crucial`), difficulty (`fragile`, `contested`), outcome
/// (`successful`, `failure`, `lack`) and controversy (`debate`).
pub const EVALUATIVE: &[&str] = &[
    "admittedly",
    "amazed",
    "amazing",
    "amazingly",
    "appropriate",
    "appropriately",
    "astonished",
    "astonishing",
    "astonishingly",
    "challenge",
    "challenges",
    "complex",
    "contested",
    "controversial",
    "correctly",
    "critical",
    "crucial",
    "curious",
    "curiously",
    "debate",
    "decisive",
    "delicate",
    "desirable",
    "desirably",
    "difficult",
    "dilemma",
    "disagree",
    "disagreed",
    "disagrees",
    "disappointed",
    "disappointing",
    "disappointingly",
    "disputed",
    "dramatic",
    "dramatically",
    "effective",
    "enduring",
    "essential",
    "expected",
    "expectedly",
    "failure",
    "fortunate",
    "fortunately",
    "fragile",
    "fraught",
    "fundamental",
    "fundamentally",
    "future",
    "hope",
    "hopeful",
    "hopefully",
    "important",
    "importantly",
    "inappropriate",
    "inappropriately",
    "ineffective",
    "insufficient",
    "interesting",
    "interestingly",
    "intricate",
    "ironically",
    "irony",
    "key",
    "lack",
    "legacy",
    "momentous",
    "notably",
    "paramount",
    "pivotal",
    "precarious",
    "prefer",
    "preferable",
    "preferably",
    "preferred",
    "remarkable",
    "remarkably",
    "shocked",
    "shocking",
    "shockingly",
    "significant",
    "significantly",
    "slow",
    "striking",
    "strikingly",
    "stunning",
    "success",
    "successful",
    "sufficient",
    "surprised",
    "surprising",
    "surprisingly",
    "tense",
    "turbulent",
    "ultimate",
    "unbelievable",
    "unbelievably",
    "uncertain",
    "unclear",
    "understandable",
    "understandably",
    "uneasy",
    "unexpected",
    "unexpectedly",
    "unfortunate",
    "unfortunately",
    "unstable",
    "unsuccessful",
    "unusual",
    "unusually",
    "usual",
    "valuable",
    "vital",
    "volatile",
];

/// Intensifiers, restrictors, comparatives and superlatives of judgment:
/// `very`, `only`, `ever`, `more`, `worse` (not factual superlatives such as
/// `largest`).
pub const DEGREE: &[&str] = &[
    "always",
    "best",
    "better",
    "even",
    "ever",
    "extremely",
    "further",
    "greater",
    "greatly",
    "hugely",
    "increasingly",
    "intensely",
    "least",
    "less",
    "merely",
    "more",
    "most",
    "only",
    "stronger",
    "strongly",
    "super",
    "utterly",
    "vastly",
    "very",
    "weaker",
    "widely",
    "worse",
    "worst",
];

/// Verbs that read cause and effect into events (`fostering`, `undermined`,
/// `stifled`): the writer's interpretation, not an event.
pub const INTERPRETIVE: &[&str] = &[
    "amplified",
    "complicated",
    "contributed",
    "deepen",
    "deepened",
    "exacerbated",
    "exacerbating",
    "fostered",
    "fostering",
    "fueled",
    "fueling",
    "fuelled",
    "fuelling",
    "hampered",
    "hindered",
    "stifled",
    "undermined",
    "undermining",
];

/// First-person and reader-directed words (matched in lower case only, so
/// that `US` stays a country): the writer speaking in their own voice.
pub const VOICE: &[&str] = &["i", "let's", "me", "my", "our", "us", "we", "you", "your"];

/// Denials (`is not`, `never`): the writer contradicting an expectation,
/// as a concession (`although`) or a contraction (`wasn't`) does.
pub const DENIALS: &[&str] = &["neither", "never", "nor", "not"];

/// Words before an apostrophe that make a contraction, not a possessive
/// (`it's`, `that's`, `what's`, `they're`).
pub const CONTRACTED: &[&str] = &[
    "he", "here", "how", "i", "it", "let", "she", "that", "there", "they", "we", "what", "where",
    "who", "you",
];

/// Connectives of argument that, opening a claim, make it the writer's
/// reasoning: concession, addition, conclusion, emphasis.
pub const CONNECTIVES: &[&str] = &[
    "after all",
    "additionally",
    "all in all",
    "although",
    "at its core",
    "at heart",
    "consequently",
    "even so",
    "furthermore",
    "hence",
    "in essence",
    "in fact",
    "in other words",
    "in short",
    "in sum",
    "indeed",
    "moreover",
    "nevertheless",
    "nonetheless",
    "of course",
    "overall",
    "therefore",
    "though",
    "thus",
    "ultimately",
    "whereas",
    "while",
];

/// Vague quantities: a subject that opens with one (`Some analysts`,
/// `Much has changed`) or a predicate that is one (`are many`) generalises,
/// which is the writer's judgment.
pub const VAGUE: &[&str] = &[
    "few", "many", "most", "much", "numerous", "other", "others", "several", "some",
];

/// Demonstratives: as a subject (`This has often been`, `That's`, `This
/// provision aims`) they point back at the writer's own text, unless a
/// stand-in for a named group follows.
pub const DEMONSTRATIVES: &[&str] = &["that", "these", "this", "those"];

/// Words after which a word ending in `-s` or `-ed` is a noun or an
/// adjective, not a verb (`the defined goal`, `of the organizations`).
pub const DETERMINERS: &[&str] = &[
    "a", "an", "all", "any", "both", "each", "every", "her", "his", "its", "many", "much", "my",
    "no", "our", "some", "that", "the", "their", "these", "this", "those", "your",
];

/// Modal verbs, after which (perhaps with `be` or `have` between) a verb of
/// [`EVENTS`] speaks of what may or must happen (`must be negotiated`).
pub const MODALS: &[&str] = &[
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "shouldn't",
    "will",
    "won't",
    "would",
    "wouldn't",
];

/// Articles and possessives, after which a verb of [`EVENTS`] is an
/// adjective (`a negotiated agreement`, `their declared aim`).
pub const ARTICLES: &[&str] = &[
    "a", "an", "any", "her", "his", "its", "my", "no", "our", "the", "their", "your",
];

/// Prepositions and conjunctions, after which a word ending in `-s` is a
/// noun (`segments of the organization`).
pub const PREPOSITIONS: &[&str] = &[
    "about", "against", "among", "and", "as", "at", "between", "by", "for", "from", "in", "into",
    "of", "on", "or", "over", "to", "under", "with", "within", "without",
];

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
        "## What it recognises\n- Attributions: {}. Also by structure: a reporting participle ({}) after a form of `be` ({}), perhaps with an adverb between, and before `to`, `of`, `as`, `that` or `by` (`is believed to`, `has been accused of`, `is widely regarded as`), or opening the claim or after an adverb before `as` (`Long viewed as`).\n- Events: {}; not when the verb follows an article or possessive ({}), where it is an adjective (`a negotiated agreement`), nor after a modal ({}) or `to`, perhaps with `be` or `have` between (`must be negotiated`), where it is what may happen.\n- Judgment: a claim holding a hedge or modal verb ({}), a booster ({}), an attitude or evaluative word ({}), a word of degree or comparison ({}), a verb that reads cause and effect into events ({}), a denial ({}), a first-person or reader-directed word in lower case ({}), a contraction (a word ending in `n't`, or {} followed by `'s`, `'re`, `'ve`, `'ll`, `'d` or `'m`), an opening connective of argument ({}), or ending in `?`, is the writer's judgment; the next three items apply only to claims without one.\n- A named subject: a claim that opens with a name followed, perhaps after an adverb, by a finite verb (`Hamas is`, `The Houthis control`, `Saudi Arabia, a Sunni monarchy, viewed`) states a fact about it.\n- A plain statement: a claim whose subject, at its start or after an opening phrase and a comma, is a pronoun ({}) or `the`, `this` or `these` with a stand-in for a named group ({}), followed (after {}) by a finite verb ({}, or a lower-case word ending in `-ed` or `-s`), or `There was` or `There were` in the same place, states a fact; the subject and verb are underlined.\n- A declarative sentence: any other claim that names someone or something (a capitalised word after the first, or a capital inside a word, `Pro-Hadi`) and has a finite verb states a fact, whatever its subject (`Resistance to the Taliban continued`, `The Brotherhood's original mission was`, `Afghans fear the`). A finite verb is one of the verbs above, a lower-case word ending in `-ed` or `-s` that does not follow a determiner ({}), a preposition or conjunction ({}) or a number, or a bare verb between a plural or a name and a determiner (`forces control the`). The subject is the claim's start, or what follows an opening phrase with no verb and a comma (`Two years later,`); it must not open with a vague quantity ({}) or a demonstrative ({}) other than before a stand-in, nor be a gerund (`Understanding this conflict requires`), and the predicate must not be a vague quantity (`are many`); a one-word name with a gloss in brackets (`Hezbollah (…) took`) is left to the named subject above. The subject and verb are underlined.\n- Quotation marks: {} (a quoted term of at most {SCARE_QUOTE_WORDS} words is a scare quote or set phrase, not a quotation, and so is one after {}; a quotation opened and not closed, or closed and not opened, is part of one).\n- Figures: a digit of any script (superscripts, fractions and circled numbers aside), or one of {}. A day after a month name (`September 11`) names a date, not a figure. A month named after the first word (`this December`) dates an event.\n- Years: a four-digit number from 1000 to 2199, not after a label ({}) nor a quantity word ({}), and not followed by what it counts (`1500 fighters`, `1500 Revolutionary Guards`); after {} or a month it is always a year. A span (`from 1957 to 1990`, `between 1980 and 1988`, `1980–1988`, `1975–90`) is compared end to end with an interval `date`.",
        list(ATTRIBUTIONS),
        list(REPORTED),
        list(BE),
        list(EVENTS),
        list(ARTICLES),
        list(MODALS),
        list(HEDGES),
        list(BOOSTERS),
        list(EVALUATIVE),
        list(DEGREE),
        list(INTERPRETIVE),
        list(DENIALS),
        list(VOICE),
        list(CONTRACTED),
        list(CONNECTIVES),
        list(PRONOUNS),
        list(STAND_INS),
        list(BEFORE_VERB),
        list(FINITE_VERBS),
        list(DETERMINERS),
        list(PREPOSITIONS),
        list(VAGUE),
        list(DEMONSTRATIVES),
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
