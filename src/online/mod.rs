//! Online link verification (`check --online`), never run by default: every
//! distinct URL in the checked documents is requested once, politely and
//! within a time budget, and each answer becomes findings at the places the
//! URL is written. Results are cached in `.backgrounder/links.json`.
//!
//! Like the rest of the library this returns data; the command line prints it.

pub mod cache;
pub mod client;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::check::CheckedFile;
use crate::config::{self, DurationText};
use crate::diag::{Diagnostic, Span};
use crate::model::{Block, walk};
use crate::rules::Rule;
use crate::rules::online as rules;

/// What a URL answered, as cached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Answer {
    /// A 2xx answer, possibly after redirects.
    Ok {
        status: u16,
        /// Where the leading permanent redirects (301, 308) lead, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        moved_to: Option<String>,
        /// Whether the page's body was read.
        #[serde(default)]
        fetched: bool,
        /// The page's element ids, when it was fetched and is HTML.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        anchors: Option<BTreeSet<String>>,
    },
    Dead {
        reason: String,
    },
    Unreachable {
        reason: String,
    },
    /// Not requested: the URL, or a redirect on the way, leads to a
    /// private, loopback, link-local or unique-local address.
    Private {
        reason: String,
    },
}

/// How to check: `[links]` from the configuration and the flags.
#[derive(Clone, Debug)]
pub struct Options {
    pub exclude: Vec<regex::Regex>,
    pub ttl: Duration,
    pub timeout: Duration,
    pub budget: Duration,
    pub concurrency: usize,
    pub per_host: usize,
    pub retries: u32,
    pub max_redirects: usize,
    /// The longest a `Retry-After` (or backoff) is waited for.
    pub retry_after_cap: Duration,
    /// Ignore cached answers (they are still written).
    pub refresh: bool,
    /// Where the cache lives; `None` for no cache.
    pub cache: Option<PathBuf>,
    /// Leave out URLs the offline `link/placeholder` rule reports.
    pub skip_placeholders: bool,
    /// Use `HTTPS_PROXY` and the like from the environment.
    pub proxy_from_env: bool,
    /// Request private, loopback, link-local and unique-local addresses too
    /// (`[links] allow_private`); refused by default (`link/private`).
    pub allow_private: bool,
}

/// An `[links] exclude` pattern that does not compile.
#[derive(Debug, thiserror::Error)]
#[error("`[links] exclude`: `{pattern}` is not a valid regular expression: {source}")]
pub struct ExcludeError {
    pub pattern: String,
    pub source: regex::Error,
}

impl Options {
    /// Options from `[links]`; an error if an `exclude` pattern does not compile.
    pub fn from_config(links: &config::Links) -> Result<Options, ExcludeError> {
        let exclude = links
            .exclude
            .iter()
            .map(|p| {
                regex::Regex::new(p).map_err(|source| ExcludeError {
                    pattern: p.clone(),
                    source,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Options {
            exclude,
            ttl: links.ttl.0,
            timeout: links.timeout.0,
            budget: links.budget.0,
            concurrency: links.concurrency.max(1),
            per_host: links.per_host.max(1),
            retries: links.retries,
            max_redirects: 10,
            retry_after_cap: Duration::from_secs(10),
            refresh: false,
            cache: None,
            skip_placeholders: true,
            proxy_from_env: true,
            allow_private: links.allow_private,
        })
    }
}

/// Where the cache goes: beside the content, i.e. in the folder of the
/// configuration file if there is one, else in the parent of the first
/// path's folder.
pub fn cache_path(config_file: Option<&Path>, first_path: Option<&Path>) -> PathBuf {
    let base = match (config_file, first_path) {
        (Some(file), _) => file.parent().map(Path::to_path_buf),
        (None, Some(path)) => {
            let folder = if path.is_dir() {
                Some(path)
            } else {
                path.parent()
            };
            folder.and_then(Path::parent).map(Path::to_path_buf)
        }
        (None, None) => None,
    };
    let base = base
        .filter(|b| !b.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    base.join(cache::FILE)
}

/// One place a URL is written.
#[derive(Clone, Debug)]
pub struct Occurrence {
    pub file: PathBuf,
    pub pointer: String,
    pub span: Span,
    /// The URL as written.
    pub raw: String,
    pub fragment: Option<String>,
    /// For a source's `url`: its `archive` URL, without fragment.
    pub archive: Option<String>,
}

/// One distinct URL (without fragment) and every place it is written.
#[derive(Clone, Debug)]
pub struct Target {
    pub url: String,
    pub occurrences: Vec<Occurrence>,
}

impl Target {
    /// Whether the page must be fetched to check a fragment.
    pub fn needs_body(&self) -> bool {
        self.occurrences
            .iter()
            .any(|o| o.fragment.as_deref().is_some_and(checkable_fragment))
    }
}

/// Fragments that name an element; not `#page=3` (PDF), `#:~:text=`
/// (text fragments) or `#/route` and `#!route` (client-side routes).
fn checkable_fragment(fragment: &str) -> bool {
    !(fragment.is_empty() || fragment.starts_with(['/', '!', ':']) || fragment.starts_with("page="))
}

/// Normalises a web URL: the URL without fragment, and the fragment.
fn web_url(raw: &str) -> Option<(String, Option<String>)> {
    let mut url = url::Url::parse(raw.trim()).ok()?;
    if !crate::model::inline::web_scheme(url.scheme()) || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let fragment = url.fragment().map(str::to_owned);
    url.set_fragment(None);
    Some((url.to_string(), fragment))
}

/// Every distinct web URL of the loaded documents, with the places it is
/// written, sorted by URL.
pub fn collect(files: &[&CheckedFile], skip_placeholders: bool) -> Vec<Target> {
    let mut targets: BTreeMap<String, Target> = BTreeMap::new();
    for file in files {
        let (Some(doc), Some(positions)) = (&file.document, &file.positions) else {
            continue;
        };
        for walk::Url {
            pointer,
            url: raw,
            archive,
        } in walk::urls(doc)
        {
            if skip_placeholders && crate::rules::link::placeholder(&raw).is_some() {
                continue;
            }
            let Some((url, fragment)) = web_url(&raw) else {
                continue;
            };
            let archive = archive.and_then(|a| web_url(&a)).map(|(a, _)| a);
            let span = positions.value(&pointer);
            targets
                .entry(url.clone())
                .or_insert_with(|| Target {
                    url,
                    occurrences: Vec::new(),
                })
                .occurrences
                .push(Occurrence {
                    file: file.path.clone(),
                    pointer,
                    span,
                    raw,
                    fragment,
                    archive,
                });
        }
    }
    targets.into_values().collect()
}

/// Counts for the summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Distinct URLs found (without fragments).
    pub urls: usize,
    /// Requested this run.
    pub requested: usize,
    /// Answered from the cache.
    pub cached: usize,
    /// Left out by `[links] exclude`.
    pub skipped: usize,
    /// Not checked: the budget ran out.
    pub unchecked: usize,
    /// Warnings about the cache (unreadable, unwritable).
    pub notes: Vec<String>,
}

/// The findings of an online check and its counts.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

/// Checks every URL of the documents and returns the findings. Never
/// takes much longer than `options.budget`.
pub fn verify(files: &[&CheckedFile], options: &Options) -> Outcome {
    let start = Instant::now();
    let deadline = start + options.budget;
    let targets = collect(files, options.skip_placeholders);
    let mut summary = Summary {
        urls: targets.len(),
        ..Summary::default()
    };
    let (mut cache, note) = match &options.cache {
        Some(path) => cache::Cache::load(path),
        None => (cache::Cache::default(), None),
    };
    summary.notes.extend(note);

    let mut answers: BTreeMap<String, Option<Answer>> = BTreeMap::new();
    let mut jobs: Vec<(String, bool)> = Vec::new();
    let mut skipped: BTreeSet<String> = BTreeSet::new();
    for target in &targets {
        let excluded = target
            .occurrences
            .iter()
            .all(|o| options.exclude.iter().any(|re| re.is_match(o.raw.trim())));
        if excluded {
            skipped.insert(target.url.clone());
            continue;
        }
        let need_body = target.needs_body();
        let cached = (!options.refresh)
            .then(|| cache.fresh(&target.url, options.ttl, need_body))
            .flatten();
        match cached {
            Some(answer) => {
                answers.insert(target.url.clone(), Some(answer.clone()));
            }
            None => jobs.push((target.url.clone(), need_body)),
        }
    }
    summary.skipped = skipped.len();
    summary.cached = answers.len();
    summary.requested = jobs.len();

    let fetched = run_jobs(interleave(jobs), options, deadline);
    for (url, answer) in fetched {
        if let Some(a) = &answer {
            cache.record(url.clone(), a.clone());
        }
        answers.insert(url, answer);
    }
    if options.cache.is_some()
        && summary.requested > 0
        && let Err(e) = cache.save()
    {
        summary.notes.push(e.to_string());
    }

    let mut diagnostics = Vec::new();
    for target in &targets {
        if skipped.contains(&target.url) {
            continue;
        }
        let answer = answers.get(&target.url).cloned().flatten();
        if answer.is_none() {
            summary.unchecked += 1;
        }
        for o in &target.occurrences {
            if let Some(d) = finding(o, answer.as_ref(), &answers, options) {
                diagnostics.push(d);
            }
        }
    }
    suppress(files, &mut diagnostics);
    crate::diag::sort(&mut diagnostics);
    Outcome {
        diagnostics,
        summary,
    }
}

/// Drops the findings that an `allow` entry on a claim, quote or source
/// covers, as the offline rules do.
fn suppress(files: &[&CheckedFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut allowed: Vec<(&Path, String, String)> = Vec::new();
    for file in files {
        let Some(doc) = &file.document else { continue };
        let mut add = |node: String, allows: &'_ [crate::model::Allow]| {
            for a in allows {
                allowed.push((file.path.as_path(), node.clone(), a.rule.clone()));
            }
        };
        for (s, section) in doc.sections.iter().enumerate() {
            for (b, block) in section.body.iter().enumerate() {
                match block {
                    Block::Paragraph(claims) => {
                        for (c, claim) in claims.iter().enumerate() {
                            add(
                                format!("/sections/{s}/body/{b}/paragraph/{c}"),
                                &claim.allow,
                            );
                        }
                    }
                    Block::Quote(q) => add(format!("/sections/{s}/body/{b}/quote"), &q.allow),
                }
            }
        }
        for (i, source) in doc.sources.iter().enumerate() {
            add(format!("/sources/{i}"), &source.allow);
        }
    }
    diagnostics.retain(|d| {
        !allowed.iter().any(|(file, node, rule)| {
            *file == d.file
                && rule == d.code
                && (d.pointer == *node || d.pointer.starts_with(&format!("{node}/")))
        })
    });
}

/// Orders jobs so that consecutive ones go to different hosts, keeping
/// workers busy while one host's slots are full.
fn interleave(jobs: Vec<(String, bool)>) -> Vec<(String, bool)> {
    let mut by_host: BTreeMap<String, VecDeque<(String, bool)>> = BTreeMap::new();
    for job in jobs {
        let host = url::Url::parse(&job.0)
            .map(|u| client::host_key(&u))
            .unwrap_or_default();
        by_host.entry(host).or_default().push_back(job);
    }
    let mut out = Vec::new();
    while !by_host.is_empty() {
        by_host.retain(|_, queue| {
            if let Some(job) = queue.pop_front() {
                out.push(job);
            }
            !queue.is_empty()
        });
    }
    out
}

/// Runs the requests on `options.concurrency` threads; a URL not reached
/// before the deadline gets `None`.
fn run_jobs(
    jobs: Vec<(String, bool)>,
    options: &Options,
    deadline: Instant,
) -> Vec<(String, Option<Answer>)> {
    if jobs.is_empty() {
        return Vec::new();
    }
    let checker = client::Checker::new(options, deadline);
    let queue = Mutex::new(jobs.into_iter().collect::<VecDeque<_>>());
    let results = Mutex::new(Vec::new());
    let threads = options.concurrency.min(queue.lock().map_or(1, |q| q.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let job = queue.lock().ok().and_then(|mut q| q.pop_front());
                    let Some((url, need_body)) = job else { break };
                    let answer = if Instant::now() < deadline {
                        checker.check(&url, need_body)
                    } else {
                        None
                    };
                    if let Ok(mut r) = results.lock() {
                        r.push((url, answer));
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

fn diagnostic(rule: &Rule, o: &Occurrence, message: String, hint: String) -> Diagnostic {
    Diagnostic::new(rule, &o.file, message, hint)
        .at(o.span)
        .pointer(o.pointer.clone())
}

/// The finding for one place a URL is written, given the URL's answer.
fn finding(
    o: &Occurrence,
    answer: Option<&Answer>,
    answers: &BTreeMap<String, Option<Answer>>,
    options: &Options,
) -> Option<Diagnostic> {
    let raw = o.raw.trim();
    let Some(answer) = answer else {
        return Some(diagnostic(
            &rules::UNCHECKED,
            o,
            format!(
                "`{raw}` was not checked: the time budget of {} ran out",
                DurationText(options.budget)
            ),
            "run again (answers already received are cached), or give a larger `--online-budget`"
                .into(),
        ));
    };
    match answer {
        Answer::Dead { reason } => {
            let archive_works = o
                .archive
                .as_ref()
                .is_some_and(|a| matches!(answers.get(a), Some(Some(Answer::Ok { .. }))));
            if archive_works {
                Some(diagnostic(
                    &rules::DEAD_WITH_ARCHIVE,
                    o,
                    format!("`{raw}` is dead ({reason}), but its archive copy works"),
                    "put the page's new address in `url` if it has one; readers are sent to the archive meanwhile".into(),
                ))
            } else {
                Some(diagnostic(
                    &rules::DEAD,
                    o,
                    format!("`{raw}` is dead: {reason}"),
                    "find the page's new address, or link an archived copy (for a source, as `archive`)".into(),
                ))
            }
        }
        Answer::Private { reason } => Some(diagnostic(
            &rules::PRIVATE,
            o,
            format!("`{raw}` was not requested: {reason}"),
            "a backgrounder links to public pages; if this check runs where such addresses are meant to be reached, set `allow_private = true` under `[links]` in backgrounder.toml".into(),
        )),
        Answer::Unreachable { reason } => Some(diagnostic(
            &rules::UNREACHABLE,
            o,
            format!("`{raw}` could not be reached: {reason}"),
            "open it in a browser; if the site blocks robots, add it to `[links] exclude`".into(),
        )),
        Answer::Ok {
            moved_to, anchors, ..
        } => {
            if let Some(fragment) = o.fragment.as_deref().filter(|f| checkable_fragment(f))
                && let Some(ids) = anchors
            {
                let decoded = percent_decode(fragment);
                if !ids.contains(fragment) && !ids.contains(&decoded) {
                    return Some(diagnostic(
                        &rules::FRAGMENT,
                        o,
                        format!("the page `{raw}` has no element with the id `{decoded}`"),
                        "look up the passage's current anchor in the page, or drop the `#` part"
                            .into(),
                    ));
                }
            }
            moved_to.as_ref().map(|new| {
                let new = match o.fragment.as_deref() {
                    Some(f) if !new.contains('#') => format!("{new}#{f}"),
                    _ => new.clone(),
                };
                diagnostic(
                    &rules::REDIRECT,
                    o,
                    format!("`{raw}` has moved permanently"),
                    format!("replace it with `{new}`"),
                )
            })
        }
    }
}

/// Decodes `%XX` escapes in a fragment (ids are compared decoded too).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_worth_checking() {
        assert!(checkable_fragment("roots"));
        for f in ["", "page=3", ":~:text=x", "/route", "!route"] {
            assert!(!checkable_fragment(f), "{f}");
        }
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }

    #[test]
    fn cache_beside_the_content() {
        let p = cache_path(Some(Path::new("/repo/backgrounder.toml")), None);
        assert_eq!(p, Path::new("/repo/.backgrounder/links.json"));
        let p = cache_path(None, Some(Path::new("/repo/content/a.yaml")));
        assert_eq!(p, Path::new("/repo/.backgrounder/links.json"));
    }

    #[test]
    fn interleaves_hosts() {
        let jobs = ["https://a.org/1", "https://a.org/2", "https://b.org/1"]
            .map(|u| (u.to_owned(), false))
            .to_vec();
        let order: Vec<String> = interleave(jobs).into_iter().map(|j| j.0).collect();
        assert_eq!(
            order,
            ["https://a.org/1", "https://b.org/1", "https://a.org/2"]
        );
    }
}
