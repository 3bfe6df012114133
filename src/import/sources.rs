//! Links as sources: one source per distinct URL, never a URL the input
//! does not hold. Placeholder links (`#`, empty, `example.com`, a relative
//! link with no page address to resolve it against) are no sources.

use crate::model::Source;

use super::slug;

/// Publishers that a domain names beyond doubt, by domain suffix, with the
/// short name a source id starts with.
const PUBLISHERS: &[(&str, &str, &str)] = &[
    ("state.gov", "U.S. Department of State", "state"),
    ("defense.gov", "U.S. Department of Defense", "dod"),
    (
        "treasury.gov",
        "U.S. Department of the Treasury",
        "treasury",
    ),
    ("whitehouse.gov", "The White House", "whitehouse"),
    ("congress.gov", "U.S. Congress", "congress"),
    ("cfr.org", "Council on Foreign Relations", "cfr"),
    ("rand.org", "RAND Corporation", "rand"),
    ("brookings.edu", "Brookings Institution", "brookings"),
    (
        "carnegieendowment.org",
        "Carnegie Endowment for International Peace",
        "carnegie",
    ),
    (
        "washingtoninstitute.org",
        "The Washington Institute for Near East Policy",
        "washington-institute",
    ),
    ("unhcr.org", "UNHCR", "unhcr"),
    ("un.org", "United Nations", "un"),
    ("europa.eu", "European Union", "eu"),
    ("gov.uk", "UK Government", "uk-gov"),
    ("nytimes.com", "The New York Times", "nyt"),
    ("washingtonpost.com", "The Washington Post", "wapo"),
    ("latimes.com", "Los Angeles Times", "latimes"),
    ("wsj.com", "The Wall Street Journal", "wsj"),
    ("thehill.com", "The Hill", "the-hill"),
    ("reuters.com", "Reuters", "reuters"),
    ("apnews.com", "Associated Press", "ap"),
    ("bbc.co.uk", "BBC", "bbc"),
    ("bbc.com", "BBC", "bbc"),
    ("theguardian.com", "The Guardian", "guardian"),
    ("economist.com", "The Economist", "economist"),
    ("foreignaffairs.com", "Foreign Affairs", "foreign-affairs"),
    ("aljazeera.com", "Al Jazeera", "aljazeera"),
    ("france24.com", "France 24", "france24"),
];

/// Publishers whose pages are news articles.
const NEWS: &[&str] = &[
    "nyt",
    "wapo",
    "latimes",
    "wsj",
    "the-hill",
    "reuters",
    "ap",
    "bbc",
    "guardian",
    "economist",
    "aljazeera",
    "france24",
];

/// The link targets that stand for no source.
pub fn is_placeholder(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.eq_ignore_ascii_case("todo") {
        return true;
    }
    match url::Url::parse(url) {
        Ok(u) => {
            let host = u.host_str().unwrap_or("").to_ascii_lowercase();
            !matches!(u.scheme(), "http" | "https")
                || host.is_empty()
                || host == "localhost"
                || host == "example.com"
                || host.ends_with(".example.com")
                || host == "example.org"
        }
        Err(_) => true,
    }
}

/// A link's target as an absolute URL, resolved against the page's address
/// when relative; `None` when it names no source.
pub fn resolve(url: &str, base: Option<&str>) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') {
        return None;
    }
    let absolute = match url::Url::parse(url) {
        Ok(u) => u.to_string(),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let base = url::Url::parse(base?).ok()?;
            base.join(url).ok()?.to_string()
        }
        Err(_) => return None,
    };
    (!is_placeholder(&absolute)).then_some(absolute)
}

/// The sources made so far, in the order their links appear.
#[derive(Debug, Default)]
pub struct Sources {
    pub list: Vec<Source>,
    by_url: std::collections::HashMap<String, usize>,
    ids: std::collections::HashSet<String>,
    /// The next suffix to try for each id stem.
    suffixes: std::collections::HashMap<String, usize>,
}

impl Sources {
    /// The id of the source for `url` (absolute, not a placeholder), made
    /// the first time the URL is seen. `text` is the link text, `title` a
    /// better title when the page gives one (an `<a title>`, a footnote).
    pub fn add(&mut self, url: &str, text: &str, title: Option<&str>) -> String {
        if let Some(&i) = self.by_url.get(url) {
            return self.list[i].id.clone();
        }
        let parsed = url::Url::parse(url).ok();
        let host = parsed
            .as_ref()
            .and_then(|u| u.host_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let path = parsed
            .as_ref()
            .map(|u| u.path().to_owned())
            .unwrap_or_default();
        let known = PUBLISHERS
            .iter()
            .find(|(domain, _, _)| host == *domain || host.ends_with(&format!(".{domain}")));
        let (text, pdf) = strip_file_mark(text);
        let title = title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .or_else(|| (!text.is_empty() && !text.contains("://")).then(|| text.to_owned()))
            .unwrap_or_else(|| format!("{host}{path}"));
        let kind = if pdf || path.to_ascii_lowercase().ends_with(".pdf") {
            "report"
        } else if title.contains(" Press, ") || title.contains(" Press)") {
            // A footnote's `(Princeton University Press, 2007)`.
            "book"
        } else if known.is_some_and(|(_, _, short)| NEWS.contains(short)) {
            "article"
        } else {
            "webpage"
        };
        let short = known
            .map(|(_, _, short)| (*short).to_owned())
            .unwrap_or_else(|| slug(site_name(&host), 30));
        let short = if short.is_empty() {
            "source".to_owned()
        } else {
            short
        };
        let base = match year(&title).or_else(|| year(&path)) {
            Some(year) => format!("{short}-{year}"),
            None => {
                let words: Vec<&str> = title
                    .split_whitespace()
                    .filter(|w| !STOP_WORDS.contains(&w.to_lowercase().as_str()))
                    .take(3)
                    .collect();
                let tail = slug(&words.join(" "), 40);
                if tail.is_empty() {
                    short
                } else {
                    format!("{short}-{tail}")
                }
            }
        };
        let mut id = base.clone();
        let n = self.suffixes.entry(base.clone()).or_insert(2);
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        self.ids.insert(id.clone());
        self.by_url.insert(url.to_owned(), self.list.len());
        self.list.push(Source {
            id: id.clone(),
            kind: kind.into(),
            title,
            publisher: known.map(|(_, name, _)| (*name).to_owned()),
            authors: Vec::new(),
            url: Some(url.to_owned()),
            published: None,
            accessed: None,
            archive: None,
            allow: Vec::new(),
        });
        id
    }
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "for", "and", "to", "at", "by",
];

/// A link text without a trailing file-type mark (`(PDF)`), and whether it had one.
pub fn strip_file_mark(text: &str) -> (&str, bool) {
    let t = text.trim();
    for mark in ["(PDF)", "[PDF]", "(pdf)"] {
        if let Some(rest) = t.strip_suffix(mark) {
            return (rest.trim_end(), true);
        }
    }
    (t, false)
}

/// The site's own name in its host: `news.example.co.uk` is `example`.
fn site_name(host: &str) -> &str {
    let labels: Vec<&str> = host.trim_start_matches("www.").split('.').collect();
    let n = labels.len();
    if n >= 3 && matches!(labels[n - 2], "co" | "com" | "org" | "gov" | "ac" | "net") {
        labels[n - 3]
    } else if n >= 2 {
        labels[n - 2]
    } else {
        labels.first().copied().unwrap_or("")
    }
}

/// The first plausible year (1900–2099) a text names as a separate number.
fn year(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .find(|y| (1900..2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_no_sources() {
        for url in [
            "#",
            "",
            " # ",
            "#top",
            "TODO",
            "https://example.com/x",
            "mailto:a@b.org",
            "javascript:x()",
            "x y",
        ] {
            assert!(is_placeholder(url), "{url}");
        }
        assert!(!is_placeholder("https://www.rand.org/pubs/x.html"));
        assert_eq!(resolve("/pubs/x", None), None);
        assert_eq!(
            resolve("/pubs/x", Some("https://www.rand.org/a/b")).as_deref(),
            Some("https://www.rand.org/pubs/x")
        );
    }

    #[test]
    fn ids_from_publisher_and_year_or_title() {
        let mut s = Sources::default();
        let a = s.add(
            "https://2009-2017.state.gov/j/ct/rls/crt/2010/170264.htm",
            "2011 State Department report on terrorism",
            None,
        );
        let b = s.add(
            "https://www.rand.org/pubs/monographs/MG871.pdf",
            "2009 RAND report",
            None,
        );
        let c = s.add("https://news.site.co.uk/story", "Green Movement", None);
        let d = s.add("https://www.state.gov/2011/x", "another", None);
        let again = s.add(
            "https://www.rand.org/pubs/monographs/MG871.pdf",
            "other text",
            None,
        );
        assert_eq!(
            [a.as_str(), b.as_str(), c.as_str(), d.as_str()],
            [
                "state-2011",
                "rand-2009",
                "site-green-movement",
                "state-2011-2"
            ]
        );
        assert_eq!(again, b);
        assert_eq!(s.list[1].kind, "report");
        assert_eq!(s.list[1].publisher.as_deref(), Some("RAND Corporation"));
        assert_eq!(s.list[2].publisher, None);
    }
}
