//! Writes a corpus of valid, varied backgrounders for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --n 10000 --out DIR [--seed S]
//! ```
//!
//! Each document is about 15 KB, like `content/mujahadeen-e-khalq.yaml`:
//! 5–8 sections of paragraphs and quotes, claims with dates in every accepted
//! form and citations (some with locators), 20–40 sources of every type,
//! people, Additional Resources with `ref:`s to other documents of the
//! corpus, and related items. Everything is made up but consistent with the
//! rules, so `backgrounder check DIR` reports nothing. The output depends on
//! the seed and `--n` only (a small splitmix64 generator, one stream per
//! document). URLs point at invented but plausible hosts; nothing is ever
//! requested. Dates are quoted so that schema-only peers (ajv,
//! check-jsonschema) read them as strings too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use backgrounder::model::date::{MONTHS, civil_from_days, days_from_civil, days_in_month};
use rayon::prelude::*;

/// splitmix64: tiny, fast and good enough for varied test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One word of a list.
    pub fn w(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A stream for one purpose of one document.
fn stream(seed: u64, index: usize, purpose: u64) -> Rng {
    let mut r = Rng::new(seed ^ purpose.wrapping_mul(0xA24B_AED4_963E_E407));
    r.0 ^= (index as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25);
    r.next_u64();
    r
}

const ADJECTIVES: &[&str] = &[
    "Amber",
    "Northern",
    "Silver",
    "Eastern",
    "Red",
    "Free",
    "United",
    "Popular",
    "Coastal",
    "Highland",
    "Southern",
    "Green",
    "Iron",
    "New",
    "Western",
    "Crescent",
    "Patriotic",
    "Democratic",
    "Revolutionary",
    "Liberation",
    "Mountain",
    "River",
    "Desert",
    "Island",
];
const NOUNS: &[&str] = &[
    "Valley", "Dawn", "Star", "Banner", "Shield", "Path", "Horizon", "Harvest", "Gate", "Flame",
    "Covenant", "Spring", "Tide", "Ridge", "Lantern", "Arrow", "Oak", "Anchor",
];
const ORG_KINDS: &[&str] = &[
    "Front",
    "Movement",
    "Alliance",
    "Council",
    "Brigades",
    "League",
    "Party",
    "Union",
    "Coalition",
    "Army",
    "Network",
    "Congress",
];
const COUNTRIES: &[&str] = &[
    "Norland",
    "Kesh",
    "Varadia",
    "Ostria",
    "Meridia",
    "Talvania",
    "Corvasia",
    "Dravenia",
    "Lusania",
    "Pellaro",
    "Quessia",
    "Sarnistan",
    "Ulmeria",
    "Zabrovia",
    "Aldoria",
    "Brenmark",
];
const CITIES: &[&str] = &[
    "Port Alder",
    "Velin",
    "Karsk",
    "Tamura",
    "Elbrecht",
    "Sorano",
    "Dunmere",
    "Ishkar",
    "Novabad",
    "Caldera",
    "Marsh Hollow",
    "Fenwick",
    "Raskova",
    "Lowmoor",
    "Queensbridge",
];
const REGIONS: &[&str] = &[
    "northern", "southern", "eastern", "western", "central", "coastal", "border", "mountain",
];
const FIRST: &[&str] = &[
    "Amira", "Daniel", "Farid", "Helena", "Ivan", "Jonas", "Karin", "Leila", "Marco", "Nadia",
    "Omar", "Petra", "Rafael", "Sofia", "Tomas", "Ursula", "Viktor", "Yasmin", "Zoran", "Beatrice",
    "Chen", "Dmitri", "Elif", "Gustavo", "Hana", "Idris", "Julia", "Kwame", "Lucia", "Mateo",
];
const LAST: &[&str] = &[
    "Abernathy",
    "Bakhtiar",
    "Castellano",
    "Delacroix",
    "Eriksen",
    "Farrokh",
    "Grunwald",
    "Haddad",
    "Ibarra",
    "Jovanovic",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quintero",
    "Rahimi",
    "Sandoval",
    "Takahashi",
    "Umarov",
    "Valente",
    "Whitfield",
    "Yilmaz",
    "Zielinski",
    "Achebe",
    "Brandt",
    "Cortez",
    "Dumont",
    "Esfahani",
];
const ROLES: &[&str] = &[
    "Senior Fellow",
    "Deputy Editor",
    "Staff Writer",
    "Research Associate",
    "Editor",
    "Adjunct Fellow",
];
const AFFILIATIONS: &[&str] = &[
    "Director of research, Institute for Regional Security",
    "Professor of political science, University of Velin",
    "Former ambassador to Meridia",
    "Analyst, Center for Conflict Studies",
    "Correspondent, The Harbor Ledger",
    "Spokesperson, Ministry of Foreign Affairs",
    "Senior researcher, Human Security Watch",
    "Former intelligence officer",
];
const TOPICS: &[&str] = &[
    "Terrorism and Counterterrorism",
    "Defense and Security",
    "Human Rights",
    "Elections",
    "Energy and Climate",
    "Migration",
    "Diplomacy and International Institutions",
    "Economics",
    "Intelligence",
    "Religion and Politics",
    "Conflict Prevention",
    "Sanctions",
];
const HEADINGS: &[&str] = &[
    "Origins",
    "Ideology and Aims",
    "Leadership",
    "Armed Campaign",
    "Exile and Return",
    "Foreign Backing",
    "Political Wing",
    "Designation and Sanctions",
    "Humanitarian Concerns",
    "Negotiations",
    "Regional Rivalries",
    "Financing",
    "Public Opinion",
    "Current Status",
    "Future Prospects",
    "International Response",
];
const PUBLISHER_NAMES: &[(&str, &str)] = &[
    ("Institute for Regional Security", "irs-institute.org"),
    ("The Harbor Ledger", "harborledger.com"),
    ("Center for Conflict Studies", "conflict-studies.org"),
    ("Ministry of Foreign Affairs of Ostria", "mfa.ostria.gov.os"),
    ("United Nations Assistance Mission", "unam-missions.int"),
    ("Human Security Watch", "humansecuritywatch.org"),
    ("The Meridian Post", "meridianpost.com"),
    ("Global Affairs Review", "globalaffairsreview.net"),
    ("University of Velin Press", "press.velin-university.edu"),
    (
        "Parliamentary Research Service",
        "research.parliament-norland.gov.nl",
    ),
    ("Continental News Agency", "continental-news.com"),
    ("Open Data Observatory", "opendataobservatory.org"),
    ("Policy Forum Quarterly", "policyforumquarterly.org"),
    (
        "Committee on Foreign Relations",
        "foreign-relations-committee.gov.us",
    ),
];
const FIGURES: &[&str] = &[
    "3,000",
    "12,000",
    "45,000",
    "several hundred",
    "dozens of",
    "some 800",
    "about 250",
    "more than 1,500",
    "at least 34",
    "nearly 60",
    "roughly 7,400",
    "a few dozen",
];
const ANALYSIS: &[&str] = &[
    "Some analysts support this view.",
    "The question remains contested among specialists.",
    "Critics of the group see the move differently.",
    "This shift marked a turning point for the movement.",
    "The consequences of that decision are still debated.",
    "Few observers expected the change to last.",
    "The episode shaped how neighbouring governments view the group.",
    "Its supporters and its critics draw opposite lessons from this history.",
    "Much depends on how the government in power responds.",
];
const TITLE_WORDS: &[&str] = &[
    "Assessment",
    "Briefing",
    "Review",
    "Update",
    "Overview",
    "Chronology",
    "Profile",
    "Factsheet",
];
const QUOTES: &[&str] = &[
    "The movement was never as united as its leaders wanted the world to believe",
    "Nobody in the capital expected them to survive another winter in the mountains, and yet they did",
    "What they offered was discipline, and for many young people that was enough",
    "The ceasefire held because both sides were exhausted, not because anyone trusted the other",
    "You cannot negotiate with an organization that speaks with five different voices",
    "Sanctions changed the group's finances far less than its critics hoped",
    "They have learned to speak the language of human rights without changing how they operate",
    "Every government in the region has used them at one time or another",
];
const CONTEXTS: &[&str] = &[
    "in an interview",
    "at a press conference",
    "in testimony",
    "in a speech in parliament",
];
const KINDS: [&str; 8] = [
    "report",
    "article",
    "statement",
    "interview",
    "book",
    "webpage",
    "dataset",
    "testimony",
];

/// The made-up actors of one document.
struct Cast {
    name: String,
    short: String,
    country: &'static str,
    rival: &'static str,
    city: &'static str,
    leader: String,
}

/// An inclusive interval of days, as `backgrounder::model::date` uses.
#[derive(Clone, Copy)]
struct Days {
    start: i64,
    end: i64,
}

fn ymd(day: i64) -> (i64, i64, i64) {
    civil_from_days(day)
}

fn iso_day(day: i64) -> String {
    let (y, m, d) = ymd(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn year_start(y: i64) -> i64 {
    days_from_civil(y, 1, 1)
}

fn year_end(y: i64) -> i64 {
    days_from_civil(y, 12, 31)
}

fn month_name(m: i64) -> &'static str {
    MONTHS[(m - 1) as usize]
}

/// A claim date: its text form, its interval and how the text may name it.
struct ClaimDate {
    text: String,
    days: Days,
    phrase: String,
}

fn exact_day(day: i64) -> ClaimDate {
    ClaimDate {
        text: iso_day(day),
        days: Days {
            start: day,
            end: day,
        },
        phrase: format!("in {}", ymd(day).0),
    }
}

/// A claim date in a random accepted form, entirely within `lo..=hi`.
fn claim_date(r: &mut Rng, lo: i64, hi: i64) -> ClaimDate {
    let (lo_y, _, _) = ymd(lo);
    let (hi_y, _, _) = ymd(hi);
    // Whole years inside the window.
    let (fy, ly) = (lo_y + 1, hi_y - 1);
    let day = r.range(lo, hi);
    let (y, m, d) = ymd(day);
    match r.below(10) {
        0 | 1 => {
            let mut date = exact_day(day);
            if r.chance(50) {
                date.phrase = format!("on {} {d}, {y}", month_name(m));
            }
            date
        }
        2 | 3 if days_from_civil(y, m, days_in_month(y, m)) <= hi => ClaimDate {
            text: format!("{y:04}-{m:02}"),
            days: Days {
                start: days_from_civil(y, m, 1),
                end: days_from_civil(y, m, days_in_month(y, m)),
            },
            phrase: format!("in {} {y}", month_name(m)),
        },
        4 | 5 if fy <= ly => {
            let y = r.range(fy, ly);
            ClaimDate {
                text: format!("{y}"),
                days: Days {
                    start: year_start(y),
                    end: year_end(y),
                },
                phrase: format!("in {y}"),
            }
        }
        6 if fy + 1 < ly => {
            let y = r.range(fy + 1, ly - 1);
            let approximate = r.chance(60);
            ClaimDate {
                text: format!("{y}{}", if approximate { '~' } else { '?' }),
                days: Days {
                    start: year_start(y - 1),
                    end: year_end(y + 1),
                },
                phrase: if approximate {
                    format!("around {y}")
                } else {
                    format!("probably in {y}")
                },
            }
        }
        7 => {
            let decade = y / 10 * 10;
            if year_start(decade) >= lo && year_end(decade + 9) <= hi {
                ClaimDate {
                    text: format!("{}X", decade / 10),
                    days: Days {
                        start: year_start(decade),
                        end: year_end(decade + 9),
                    },
                    phrase: format!("during the {decade}s"),
                }
            } else {
                exact_day(day)
            }
        }
        8 if fy < ly => {
            let a = r.range(fy, ly - 1);
            let b = r.range(a + 1, ly);
            let (ma, mb) = (r.range(1, 12), r.range(1, 12));
            ClaimDate {
                text: format!("{a}-{ma:02}/{b}-{mb:02}"),
                days: Days {
                    start: days_from_civil(a, ma, 1),
                    end: days_from_civil(b, mb, days_in_month(b, mb)),
                },
                phrase: format!("between {} {a} and {} {b}", month_name(ma), month_name(mb)),
            }
        }
        _ => exact_day(day),
    }
}

struct Source {
    id: String,
    kind: &'static str,
    title: String,
    publisher: &'static str,
    authors: Vec<String>,
    url: Option<String>,
    published: Option<(String, Days)>,
    accessed: Option<String>,
    archive: Option<String>,
}

enum Cite {
    Id(usize),
    Located(usize, String),
}

struct Claim {
    text: String,
    date: Option<String>,
    cite: Vec<Cite>,
    analysis: bool,
}

struct Quote {
    text: &'static str,
    speaker: usize,
    context: Option<&'static str>,
    date: Option<String>,
    cite: Vec<Cite>,
}

enum Block {
    Paragraph(Vec<Claim>),
    Quote(Quote),
}

struct Section {
    id: String,
    heading: String,
    body: Vec<Block>,
}

struct Person {
    id: String,
    name: String,
    affiliation: &'static str,
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

fn person_name(r: &mut Rng) -> String {
    format!("{} {}", r.w(FIRST), r.w(LAST))
}

fn doc_words(seed: u64, index: usize) -> [&'static str; 3] {
    let mut r = stream(seed, index, 1);
    [r.w(ADJECTIVES), r.w(NOUNS), r.w(ORG_KINDS)]
}

/// The id of document `index` of a corpus: readable, kebab-case and unique.
pub fn doc_id(seed: u64, index: usize) -> String {
    let [a, n, k] = doc_words(seed, index);
    format!("{}-{}-{}-{index:05}", slug(a), slug(n), slug(k))
}

fn doc_title(seed: u64, index: usize) -> String {
    doc_words(seed, index).join(" ")
}

/// Capitalizes the first letter of a phrase.
fn capital(phrase: &str) -> String {
    let mut c = phrase.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Builds the text of one claim: a sentence about the cast, naming the
/// claim's date when `when` is given, sometimes with a link.
fn claim_text(
    r: &mut Rng,
    cast: &Cast,
    when: Option<&str>,
    sections: &[(String, String)],
    others: &[(String, String)],
) -> String {
    let or = |fallback: &str| when.unwrap_or(fallback).to_owned();
    let after = || when.map(|p| format!(" {p}")).unwrap_or_default();
    let Cast {
        name,
        short,
        country,
        rival,
        city,
        leader,
    } = cast;
    let figure = r.w(FIGURES);
    let region = r.w(REGIONS);
    let mut s = match r.below(14) {
        0 => format!(
            "The {name} ({short}) was founded{} by students and workers opposed to the government of {country}, and it quickly drew support in {city} and the {region} provinces.",
            after()
        ),
        1 => format!(
            "{leader}, who led the {short} {}, negotiated a fragile ceasefire with officials in {city} that both sides accused the other of breaking.",
            or("for much of its history")
        ),
        2 => format!(
            "Authorities in {country} accused the {short} of organizing attacks on police stations and pipelines in the {region} region {}.",
            or("over several years")
        ),
        3 => format!(
            "{}, {figure} members of the {short} relocated to camps near the {region} border of {rival}, where they remained under the protection of local commanders.",
            capital(&or("eventually"))
        ),
        4 => format!(
            "The group announced that it had renounced armed struggle {}, a decision its leadership presented as final but that rival factions rejected.",
            or("in a public statement")
        ),
        5 => format!(
            "Diplomats in {city} described the {short} as a disciplined organization with {figure} active supporters abroad{}.",
            after()
        ),
        6 => format!(
            "The government of {rival} provided the {short} with training, weapons and safe haven {}, hoping to weaken its neighbour {country}.",
            or("for a time")
        ),
        7 => format!(
            "Human rights monitors documented the detention of {figure} suspected {short} sympathizers in {city}{}, many of them held without charge.",
            after()
        ),
        8 => format!(
            "{}, the *{short}* gained seats in municipal councils across {country}, a result that surprised observers in {city}.",
            capital(&or("over time"))
        ),
        9 => format!(
            "Exiled members of the {short} lobbied legislators in several capitals to lift sanctions on the movement{}, arguing that it had changed.",
            after()
        ),
        10 => format!(
            "Negotiators from {country} and {rival} met in {city}{} to discuss the fate of {figure} fighters still loyal to {leader}.",
            after()
        ),
        11 => format!(
            "The movement's newspaper, printed in {city}, reached {figure} readers a week{} and remained its main channel to supporters.",
            after()
        ),
        12 => format!(
            "Funding for the {short} came largely from the diaspora and from businesses in {rival}{}, though the exact sums remain unknown.",
            after()
        ),
        _ => format!(
            "Security forces in {country} launched a campaign against the group's bases in the {region} hills{}, displacing {figure} families.",
            after()
        ),
    };
    // Links: to a section, to another backgrounder, or to a page.
    match r.below(12) {
        0 if !sections.is_empty() => {
            let (id, heading) = r.pick(sections);
            let _ = write!(
                s,
                " The [section on {}](#{id}) gives the background.",
                heading.to_lowercase()
            );
        }
        1 if !others.is_empty() => {
            let (id, title) = r.pick(others);
            let _ = write!(s, " See also [{title}](ref:{id}).");
        }
        2 => {
            let (publisher, host) = r.pick(PUBLISHER_NAMES);
            let _ = write!(
                s,
                " A [summary by the {publisher}](https://www.{host}/analysis/{}-{}) sets out the competing accounts.",
                slug(short),
                r.range(100, 999)
            );
        }
        _ => {}
    }
    s
}

fn source_title(r: &mut Rng, kind: &str, cast: &Cast, year: i64) -> String {
    let short = &cast.short;
    let country = cast.country;
    match kind {
        "report" => format!(
            "{country} Country {}: Armed Groups and Political Violence, {year}",
            r.w(TITLE_WORDS)
        ),
        "article" => match r.below(5) {
            0 => format!("{short} Supporters Rally in {}", cast.city),
            1 => format!("Clashes Near {} Leave Dozens Wounded", cast.city),
            2 => format!("Inside the {}", cast.name),
            3 => format!("Exiles Weigh Return to {country}"),
            _ => format!("Talks Stall Over Fate of {short} Fighters"),
        },
        "statement" => format!("Statement on the Designation of the {}", cast.name),
        "interview" => format!("Interview with {} on the {short}", person_name(r)),
        "book" => match r.below(3) {
            0 => format!("The {}: A History", cast.name),
            1 => format!("Rebels and Rulers in {country}"),
            _ => "Exile Politics in the Age of Sanctions".to_owned(),
        },
        "webpage" => format!("About the {}", cast.name),
        "dataset" => format!(
            "Political Violence Events in {country}, {}",
            r.w(TITLE_WORDS)
        ),
        _ => format!(
            "Testimony on Security Conditions in {country} before the Committee on Foreign Relations"
        ),
    }
}

/// The sources of one document, oldest event window first. The first three
/// are recent (published between `hi` and `updated`), so every claim has a
/// source published after the event it reports.
fn sources(r: &mut Rng, cast: &Cast, lo: i64, hi: i64, updated: i64) -> Vec<Source> {
    let (uy, _, _) = ymd(updated);
    let n = r.range(20, 40) as usize;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let kind = KINDS[if i < KINDS.len() {
            i
        } else {
            r.below(KINDS.len())
        }];
        let day = if i < 3 {
            r.range(hi, updated)
        } else {
            r.range(lo + 365, updated)
        };
        let (y, m, _) = ymd(day);
        let (publisher, host) = *r.pick(PUBLISHER_NAMES);
        let title = source_title(r, kind, cast, y);
        let last_word = publisher.rsplit(' ').next().unwrap_or("source");
        let id = format!("{}-{kind}-{y}-{i}", slug(last_word));
        let exact = (
            iso_day(day),
            Days {
                start: day,
                end: day,
            },
        );
        let published = match r.below(10) {
            _ if i < 3 => Some(exact),
            0 => None,
            1 | 2 => Some((
                format!("{y:04}-{m:02}"),
                Days {
                    start: days_from_civil(y, m, 1),
                    end: days_from_civil(y, m, days_in_month(y, m)),
                },
            )),
            3 if y < uy => Some((
                format!("{y}"),
                Days {
                    start: year_start(y),
                    end: year_end(y),
                },
            )),
            _ => Some(exact),
        };
        let url = if kind == "book" && r.chance(70) || r.chance(10) {
            None
        } else {
            let folder = match kind {
                "report" => "reports",
                "article" => "news",
                "statement" => "press/statements",
                "interview" => "interviews",
                "webpage" => "about",
                "dataset" => "data",
                "testimony" => "hearings",
                _ => "books",
            };
            let words: Vec<String> = slug(&title).split('-').take(4).map(String::from).collect();
            Some(format!(
                "https://www.{host}/{folder}/{y}/{}-{}.html",
                words.join("-"),
                r.range(1000, 99999)
            ))
        };
        let accessed = match (&url, &published) {
            (Some(_), Some((_, p))) if r.chance(40) => {
                Some(iso_day(r.range(p.end.min(updated), updated)))
            }
            _ => None,
        };
        let archive = match &url {
            Some(u) if r.chance(15) => {
                let (ay, am, ad) = ymd(r.range(day.min(updated), updated));
                Some(format!(
                    "https://web.archive.org/web/{ay:04}{am:02}{ad:02}120000/{u}"
                ))
            }
            _ => None,
        };
        let authors = if matches!(kind, "article" | "book" | "report") && r.chance(70) {
            (0..r.range(1, 3)).map(|_| person_name(r)).collect()
        } else {
            Vec::new()
        };
        out.push(Source {
            id,
            kind,
            title,
            publisher,
            authors,
            url,
            published,
            accessed,
            archive,
        });
    }
    out
}

/// Citations for a claim or quote whose event starts on `start`: first a
/// source published on or after that day, then up to two more of any date.
fn cite_for(r: &mut Rng, sources: &[Source], start: Option<i64>, used: &mut [bool]) -> Vec<Cite> {
    let fits: Vec<usize> = (0..sources.len())
        .filter(|&i| match (&sources[i].published, start) {
            (Some((_, p)), Some(s)) => p.end >= s,
            (None, Some(_)) => false,
            (_, None) => true,
        })
        .collect();
    let mut picked = vec![*r.pick(&fits)];
    for _ in 0..r.below(3) {
        let j = r.below(sources.len());
        if !picked.contains(&j) {
            picked.push(j);
        }
    }
    picked
        .into_iter()
        .map(|i| {
            used[i] = true;
            if r.chance(12) {
                let locator = match r.below(4) {
                    0 => format!("p. {}", r.range(3, 420)),
                    1 => format!("pp. {}-{}", r.range(3, 200), r.range(201, 420)),
                    2 => format!("chap. {}", r.range(1, 14)),
                    _ => format!("sec. {}", r.range(1, 9)),
                };
                Cite::Located(i, locator)
            } else {
                Cite::Id(i)
            }
        })
        .collect()
}

/// One generated document of a corpus of `n`, as YAML text.
pub fn document(seed: u64, index: usize, n: usize) -> String {
    let mut r = stream(seed, index, 2);
    let r = &mut r;
    let id = doc_id(seed, index);
    let title = doc_title(seed, index);
    let short: String = title.split(' ').filter_map(|w| w.chars().next()).collect();
    let cast = Cast {
        name: title.clone(),
        short: short.clone(),
        country: r.w(COUNTRIES),
        rival: r.w(COUNTRIES),
        city: r.w(CITIES),
        leader: person_name(r),
    };

    // The as-of date and the window in which events happen.
    let updated = r.range(days_from_civil(2008, 1, 1), days_from_civil(2025, 12, 31));
    let (uy, _, _) = ymd(updated);
    let founded = r.range(1950, uy - 12);
    let lo = year_start(founded);
    let hi = updated - r.range(30, 400);
    let published = if r.chance(60) {
        Some(r.range(updated - 3000, updated))
    } else {
        None
    };

    // Other documents this one points at.
    let mut others: Vec<(String, String)> = Vec::new();
    if n > 1 {
        for _ in 0..r.range(2, 5) {
            let mut j = r.below(n);
            if j == index {
                j = (j + 1) % n;
            }
            let entry = (doc_id(seed, j), doc_title(seed, j));
            if !others.contains(&entry) {
                others.push(entry);
            }
        }
    }

    let sources = sources(r, &cast, lo, hi, updated);

    let mut people: Vec<Person> = Vec::new();
    for _ in 0..r.range(2, 5) {
        let name = person_name(r);
        let id = slug(&name);
        if !people.iter().any(|p| p.id == id) {
            people.push(Person {
                id,
                name,
                affiliation: r.w(AFFILIATIONS),
            });
        }
    }

    // Section ids first (they are link targets), then the bodies.
    let n_sections = r.range(5, 8) as usize;
    let mut headings: Vec<&str> = Vec::new();
    while headings.len() < n_sections {
        let h = r.w(HEADINGS);
        if !headings.contains(&h) {
            headings.push(h);
        }
    }
    let section_ids: Vec<(String, String)> = headings
        .iter()
        .map(|h| (slug(h), (*h).to_owned()))
        .collect();

    let mut used = vec![false; sources.len()];
    // No claim twice in a document (`text/duplicate-claim`).
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let key = |text: &str| -> String {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut sections: Vec<Section> = Vec::new();
    for (sid, heading) in &section_ids {
        let mut body = Vec::new();
        for b in 0..r.range(1, 2) {
            if b > 0 && r.chance(35) {
                let when = r.chance(60).then(|| claim_date(r, lo, hi));
                let start = when.as_ref().map(|d| d.days.start);
                body.push(Block::Quote(Quote {
                    text: r.w(QUOTES),
                    speaker: r.below(people.len()),
                    context: r.chance(60).then(|| r.w(CONTEXTS)),
                    date: when.map(|d| d.text),
                    cite: cite_for(r, &sources, start, &mut used),
                }));
                continue;
            }
            let mut claims = Vec::new();
            for _ in 0..r.range(2, 3) {
                let analysis = r.chance(8).then(|| r.w(ANALYSIS));
                if let Some(text) = analysis.filter(|t| seen.insert(key(t))) {
                    claims.push(Claim {
                        text: text.to_owned(),
                        date: None,
                        cite: Vec::new(),
                        analysis: true,
                    });
                    continue;
                }
                let date = r.chance(80).then(|| claim_date(r, lo, hi));
                let phrase = date
                    .as_ref()
                    .map(|d| d.phrase.clone())
                    .filter(|_| r.chance(75));
                let mut text = claim_text(r, &cast, phrase.as_deref(), &section_ids, &others);
                for _ in 0..50 {
                    if seen.insert(key(&text)) {
                        break;
                    }
                    text = claim_text(r, &cast, phrase.as_deref(), &section_ids, &others);
                }
                let start = date.as_ref().map(|d| d.days.start);
                claims.push(Claim {
                    text,
                    date: date.map(|d| d.text),
                    cite: cite_for(r, &sources, start, &mut used),
                    analysis: false,
                });
            }
            body.push(Block::Paragraph(claims));
        }
        sections.push(Section {
            id: sid.clone(),
            heading: heading.clone(),
            body,
        });
    }
    // Every source is cited somewhere: adding a citation never breaks a
    // claim that already has a source published after its event.
    let mut uncited: Vec<usize> = (0..sources.len()).filter(|&i| !used[i]).collect();
    let mut claims: Vec<&mut Claim> = sections
        .iter_mut()
        .flat_map(|s| s.body.iter_mut())
        .filter_map(|b| match b {
            Block::Paragraph(c) => Some(c),
            Block::Quote(_) => None,
        })
        .flatten()
        .filter(|c| !c.analysis)
        .collect();
    let mut k = 0;
    while let Some(i) = uncited.pop() {
        let at = k % claims.len();
        claims[at].cite.push(Cite::Id(i));
        k += 1;
    }

    let mut y = String::with_capacity(20_000);
    y.push_str("# yaml-language-server: $schema=../schemas/backgrounder.schema.json\n");
    let _ = writeln!(y, "id: {id}");
    y.push_str("kind: backgrounder\n");
    let _ = writeln!(y, "title: {}", scalar(&format!("{title} ({short})")));
    let _ = writeln!(y, "short_title: {}", scalar(&short));
    y.push_str("authors:\n");
    for a in 0..r.range(1, 2) {
        let name = person_name(r);
        let _ = writeln!(y, "  - name: {}", scalar(&name));
        let _ = writeln!(y, "    role: {}", scalar(r.w(ROLES)));
        if a == 0 && r.chance(50) {
            let _ = writeln!(
                y,
                "    url: https://www.globalaffairsreview.net/experts/{}",
                slug(&name)
            );
        }
    }
    if let Some(p) = published {
        let _ = writeln!(y, "published: \"{}\"", iso_day(p));
    }
    let _ = writeln!(y, "updated: \"{}\"", iso_day(updated));
    let mut topics: Vec<&str> = vec![cast.country];
    for _ in 0..r.range(1, 3) {
        let t = r.w(TOPICS);
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    let _ = writeln!(y, "topics: [{}]", topics.join(", "));
    folded(
        &mut y,
        0,
        "summary",
        &format!(
            "The {title} ({short}) is an armed opposition movement from {} whose leaders have lived in exile in {} for much of its history. Its critics call it a cult; its supporters describe it as the best organized opposition to the government in {}.",
            cast.country, cast.rival, cast.city
        ),
    );
    y.push_str("\nsections:\n");
    for section in &sections {
        let _ = writeln!(y, "  - id: {}", section.id);
        let _ = writeln!(y, "    heading: {}", scalar(&section.heading));
        y.push_str("    body:\n");
        for block in &section.body {
            match block {
                Block::Paragraph(claims) => {
                    y.push_str("      - paragraph:\n");
                    for claim in claims {
                        folded(&mut y, 10, "- text", &claim.text);
                        if let Some(d) = &claim.date {
                            let _ = writeln!(y, "            date: \"{d}\"");
                        }
                        if claim.analysis {
                            y.push_str("            analysis: true\n");
                        } else {
                            cites(&mut y, 12, &claim.cite, &sources);
                        }
                    }
                }
                Block::Quote(q) => {
                    y.push_str("      - quote:\n");
                    folded(&mut y, 10, "text", q.text);
                    let _ = writeln!(y, "          speaker: {}", people[q.speaker].id);
                    if let Some(c) = q.context {
                        let _ = writeln!(y, "          context: {}", scalar(c));
                    }
                    if let Some(d) = &q.date {
                        let _ = writeln!(y, "          date: \"{d}\"");
                    }
                    cites(&mut y, 10, &q.cite, &sources);
                }
            }
        }
        y.push('\n');
    }
    y.push_str("people:\n");
    for p in &people {
        let _ = writeln!(y, "  - id: {}", p.id);
        let _ = writeln!(y, "    name: {}", scalar(&p.name));
        let _ = writeln!(y, "    affiliation: {}", scalar(p.affiliation));
    }
    y.push_str("\nsources:\n");
    for s in &sources {
        let _ = writeln!(y, "  - id: {}", s.id);
        let _ = writeln!(y, "    type: {}", s.kind);
        let _ = writeln!(y, "    title: {}", scalar(&s.title));
        let _ = writeln!(y, "    publisher: {}", scalar(s.publisher));
        if !s.authors.is_empty() {
            let _ = writeln!(y, "    authors: [{}]", s.authors.join(", "));
        }
        if let Some(u) = &s.url {
            let _ = writeln!(y, "    url: {u}");
        }
        if let Some((p, _)) = &s.published {
            let _ = writeln!(y, "    published: \"{p}\"");
        }
        if let Some(a) = &s.accessed {
            let _ = writeln!(y, "    accessed: \"{a}\"");
        }
        if let Some(a) = &s.archive {
            let _ = writeln!(y, "    archive: {a}");
        }
    }
    y.push_str("\nresources:\n");
    for (rid, rtitle) in &others {
        let _ = writeln!(y, "  - title: {}", scalar(rtitle));
        let _ = writeln!(y, "    ref: {rid}");
        if r.chance(60) {
            folded(
                &mut y,
                4,
                "note",
                &format!(
                    "This backgrounder profiles the {rtitle}, another movement active in the region."
                ),
            );
        }
    }
    for k in 0..r.range(1, 3) {
        let (publisher, host) = *r.pick(PUBLISHER_NAMES);
        let t = format!("{} {}", cast.country, r.w(TITLE_WORDS));
        let _ = writeln!(y, "  - title: {}", scalar(&t));
        // Now and then a print resource, listed without a link.
        if k == 0 || r.chance(70) {
            let _ = writeln!(
                y,
                "    url: https://www.{host}/topics/{}-{}",
                slug(cast.country),
                r.range(10, 999)
            );
        }
        let note = format!("A regularly updated page from the {publisher}.");
        let _ = writeln!(y, "    note: {}", scalar(&note));
    }
    y.push_str("\nrelated:\n");
    for k in 0..r.range(1, 4) as usize {
        match others.get(k) {
            Some((rid, rtitle)) if r.chance(40) => {
                let _ = writeln!(y, "  - title: {}", scalar(rtitle));
                let _ = writeln!(y, "    ref: {rid}");
            }
            _ => {
                let (_, host) = *r.pick(PUBLISHER_NAMES);
                let t = format!("What Comes Next for {}", cast.country);
                let _ = writeln!(y, "  - title: {}", scalar(&t));
                let _ = writeln!(
                    y,
                    "    url: https://www.{host}/commentary/{}-{}",
                    slug(&t),
                    r.range(100, 9999)
                );
            }
        }
        let (a, b) = (person_name(r), person_name(r));
        let _ = writeln!(y, "    authors: [{a}, {b}]");
    }
    y
}

/// A scalar on one line: plain when that is unambiguous, else double-quoted.
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([':', ' '])
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,;'()-/$%&?!".contains(c))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        return text.to_owned();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `key: >-` and the text folded at about 78 columns, as editors write it.
fn folded(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    // Continuation lines sit two spaces deeper than the key (past `- ` for list items).
    let inner = " ".repeat(indent + if key.starts_with("- ") { 4 } else { 2 });
    if text.len() + indent + key.len() + 2 <= 80 {
        let _ = writeln!(out, "{pad}{key}: {}", scalar(text));
        return;
    }
    let _ = writeln!(out, "{pad}{key}: >-");
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && inner.len() + line.len() + 1 + word.len() > 78 {
            let _ = writeln!(out, "{inner}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "{inner}{line}");
}

fn cites(out: &mut String, indent: usize, list: &[Cite], sources: &[Source]) {
    let pad = " ".repeat(indent);
    if list.iter().all(|c| matches!(c, Cite::Id(_))) {
        let ids: Vec<&str> = list
            .iter()
            .map(|c| match c {
                Cite::Id(i) | Cite::Located(i, _) => sources[*i].id.as_str(),
            })
            .collect();
        let _ = writeln!(out, "{pad}cite: [{}]", ids.join(", "));
        return;
    }
    let _ = writeln!(out, "{pad}cite:");
    for c in list {
        match c {
            Cite::Id(i) => {
                let _ = writeln!(out, "{pad}  - {}", sources[*i].id);
            }
            Cite::Located(i, locator) => {
                let _ = writeln!(out, "{pad}  - source: {}", sources[*i].id);
                let _ = writeln!(out, "{pad}    locator: \"{locator}\"");
            }
        }
    }
}

/// Writes `n` documents into `out` (created if missing); returns their paths.
pub fn write_corpus(out: &Path, n: usize, seed: u64) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    (0..n)
        .into_par_iter()
        .map(|i| {
            let path = out.join(format!("{}.yaml", doc_id(seed, i)));
            std::fs::write(&path, document(seed, i, n))?;
            Ok(path)
        })
        .collect()
}

fn main() {
    let mut n = 1000usize;
    let mut out: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--n" => {
                n = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--n takes a number"))
            }
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => {
                seed = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--seed takes a number"))
            }
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    let Some(out) = out else {
        usage("--out DIR is required")
    };
    match write_corpus(&out, n, seed) {
        Ok(paths) => {
            let bytes: u64 = paths
                .iter()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum();
            eprintln!(
                "wrote {} documents ({} KB on average) into {}",
                paths.len(),
                bytes / 1024 / paths.len().max(1) as u64,
                out.display()
            );
        }
        Err(e) => {
            eprintln!("error: cannot write the corpus: {e}");
            std::process::exit(2);
        }
    }
}

fn usage(message: &str) -> ! {
    if !message.is_empty() {
        eprintln!("error: {message}");
    }
    eprintln!("usage: gen_corpus --n N --out DIR [--seed S]");
    std::process::exit(2);
}
