//! `backgrounder.toml`: the content repository's settings, found by walking
//! up from the working directory. Command-line flags are laid over it.
//!
//! ```toml
//! content = "content"
//! out = "out"
//! paper = "a4"            # or "letter"
//! style = "chicago-notes"
//!
//! [rules]
//! "date/text-mismatch" = "error"
//! "link/insecure" = "off"
//!
//! [limits]
//! file_bytes = 10485760
//! claims = 5000
//!
//! [pdf]
//! standard = "a2b+ua1"    # ua1 (default), a2b, a3b, a2a or a2b+ua1
//! fonts = ["fonts/NotoSerifSC-Regular.otf"]   # fallback fonts, in order
//!
//! [report]                # only used by `check --format sarif`
//! information_uri = "https://example.org/our-style-guide"
//!
//! [links]                 # only used by `check --online`
//! exclude = ["^https://www\\.jstor\\.org/"]
//! ttl = "24h"             # or a number of seconds
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Position, Severity, Span};
use crate::load::Limits;
use crate::rules;

/// The file name looked for in the working directory and its parents.
pub const FILE_NAME: &str = "backgrounder.toml";

/// A severity a rule can be set to, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

/// The file as written; every field optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<PaperName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<PdfSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportSection>,
}

/// `[report]`: what machine-readable reports say about the tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSection {
    /// The page SARIF viewers link as the tool's documentation (the
    /// driver's `informationUri`): an absolute http(s) URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_uri: Option<String>,
}

/// `[pdf]`: how PDFs are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfSection {
    /// The standard PDFs conform to: `ua1`, `a2b`, `a3b`, `a2a` or `a2b+ua1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// Fallback font files (relative to the file), after the bundled ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<PathBuf>,
}

/// `[links]`: how `check --online` requests URLs. Unused offline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Links {
    /// Regular expressions; a URL matching one is skipped (sites that block robots).
    pub exclude: Vec<String>,
    /// How long a successful result stays in `.backgrounder/links.json`.
    pub ttl: DurationText,
    /// The most time one request may take.
    pub timeout: DurationText,
    /// The most time all requests together may take (`--online-budget` overrides it).
    pub budget: DurationText,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Retries after a 429 or 5xx answer.
    pub retries: u32,
    /// Request private, loopback, link-local and unique-local addresses
    /// too; refused by default (`link/private`).
    pub allow_private: bool,
}

impl Default for Links {
    fn default() -> Self {
        Links {
            exclude: Vec::new(),
            ttl: DurationText(Duration::from_secs(24 * 3600)),
            timeout: DurationText(Duration::from_secs(10)),
            budget: DurationText(Duration::from_secs(60)),
            concurrency: 8,
            per_host: 2,
            retries: 2,
            allow_private: false,
        }
    }
}

/// A duration written as `"24h"`, `"90s"`, `"300ms"`, `"5m"`, `"1d"` or a
/// number of seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DurationText(pub Duration);

/// Why a setting cannot be used, in `backgrounder.toml` or on the command line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// `backgrounder.toml` cannot be read or is invalid: a `config/invalid`
    /// finding, with the position and the fix.
    #[error("{}", .0.message)]
    Invalid(Box<Diagnostic>),
    #[error(
        "`{text}` is not a duration: write e.g. \"24h\", \"90s\", \"300ms\" or a number of seconds"
    )]
    Duration { text: String },
    #[error("`{text}` is not an http or https URL")]
    NotHttp { text: String },
    #[error("`{text}` is not an absolute URL ({source})")]
    NotAbsolute {
        text: String,
        source: url::ParseError,
    },
    /// A rule whose severity is fixed (`yaml/*`, `schema/*`, `io/*`).
    #[error("the severity of `{code}` cannot be changed")]
    FixedSeverity { code: String },
    #[error("unknown rule code `{code}`")]
    UnknownRule { code: String },
}

impl ConfigError {
    /// The fix, for the errors about a rule code.
    pub fn hint(&self) -> String {
        match self {
            ConfigError::FixedSeverity { .. } => {
                "YAML, schema and I/O findings are always errors".into()
            }
            ConfigError::UnknownRule { code } => {
                match crate::schema::did_you_mean(code, &rules::codes()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "`backgrounder explain` lists every code".into(),
                }
            }
            _ => String::new(),
        }
    }
}

/// Parses a duration as [`DurationText`] accepts it.
pub fn parse_duration(text: &str) -> Result<Duration, ConfigError> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let why = || ConfigError::Duration {
        text: text.to_owned(),
    };
    let n: u64 = number.parse().map_err(|_| why())?;
    let millis = match unit.trim() {
        "ms" => 1,
        "" | "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(why()),
    };
    n.checked_mul(millis)
        .map(Duration::from_millis)
        .ok_or_else(why)
}

impl std::fmt::Display for DurationText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.0.as_millis();
        let units = [
            (86_400_000, "d"),
            (3_600_000, "h"),
            (60_000, "m"),
            (1000, "s"),
        ];
        match units
            .iter()
            .find(|(size, _)| ms > 0 && ms.is_multiple_of(*size))
        {
            Some((size, unit)) => write!(f, "{}{unit}", ms / size),
            None => write!(f, "{ms}ms"),
        }
    }
}

impl Serialize for DurationText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DurationText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a duration such as \"24h\", \"90s\", \"300ms\" or a number of seconds")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DurationText, E> {
                Ok(DurationText(Duration::from_secs(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DurationText, E> {
                u64::try_from(v)
                    .map(|v| DurationText(Duration::from_secs(v)))
                    .map_err(|_| E::custom("a duration cannot be negative"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DurationText, E> {
                parse_duration(v).map(DurationText).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaperName {
    Letter,
    A4,
}

/// The effective configuration: defaults, then the file, then flags.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Config {
    /// The file it was read from, if any.
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// The repository root (see [`find_root`]), relative to the working
    /// directory; None when none was found.
    #[serde(skip)]
    pub root: Option<PathBuf>,
    pub content: PathBuf,
    pub out: PathBuf,
    pub paper: PaperName,
    pub style: String,
    pub rules: BTreeMap<String, Level>,
    pub limits: Limits,
    pub links: Links,
    /// The PDF standard's name (see `export::PdfStandard`).
    pub pdf_standard: String,
    /// `[report] information_uri`, checked to be an absolute http(s) URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information_uri: Option<String>,
    /// `[pdf] fonts`, resolved against the file's folder.
    pub pdf_fonts: Vec<PathBuf>,
    /// The PDF's font chain: the bundled fonts and `pdf_fonts`, read once.
    #[serde(skip)]
    pub font_chain: FontChainHandle,
}

/// The loaded font chain, compared by its font files.
#[derive(Clone, Debug, Default)]
pub struct FontChainHandle(pub Option<std::sync::Arc<crate::export::pdf::FontChain>>);

impl PartialEq for FontChainHandle {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_ref().map(|c| c.fingerprint()) == other.0.as_ref().map(|c| c.fingerprint())
    }
}

impl Config {
    /// The PDF's font chain (the bundled one when no fonts were added).
    pub fn pdf_chain(&self) -> Option<std::sync::Arc<crate::export::pdf::FontChain>> {
        self.font_chain
            .0
            .clone()
            .or_else(|| crate::export::pdf::FontChain::bundled().ok())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source: None,
            root: None,
            content: PathBuf::from("content"),
            out: PathBuf::from("out"),
            paper: PaperName::Letter,
            style: "chicago-notes".into(),
            rules: BTreeMap::new(),
            limits: Limits::default(),
            links: Links::default(),
            pdf_standard: "ua1".into(),
            information_uri: None,
            pdf_fonts: Vec::new(),
            font_chain: FontChainHandle::default(),
        }
    }
}

/// Finds `backgrounder.toml` in `start` or the nearest parent that has one.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// The content repository's root, as seen from the working directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    /// The root relative to the working directory: empty for the working
    /// directory itself, `..` for its parent, and so on.
    pub path: PathBuf,
    /// Its `backgrounder.toml`, relative to the working directory, if the
    /// root was found by one.
    pub config: Option<PathBuf>,
}

/// Walks up from `cwd` (the working directory, absolute) to the content
/// repository's root: the nearest folder holding `backgrounder.toml`;
/// failing that, the nearest holding `.git` or a `content/` folder (`.git`
/// first in each folder). Paths come back relative to `cwd`, so reports
/// name files as a person there would type them.
pub fn find_root(cwd: &Path) -> Option<Root> {
    let up = |depth: usize| -> PathBuf { (0..depth).map(|_| "..").collect() };
    if let Some((depth, _)) = cwd
        .ancestors()
        .enumerate()
        .find(|(_, dir)| dir.join(FILE_NAME).is_file())
    {
        let path = up(depth);
        return Some(Root {
            config: Some(path.join(FILE_NAME)),
            path,
        });
    }
    cwd.ancestors()
        .enumerate()
        .find(|(_, dir)| dir.join(".git").exists() || dir.join("content").is_dir())
        .map(|(depth, _)| Root {
            path: up(depth),
            config: None,
        })
}

impl Config {
    /// The defaults for a repository root with no `backgrounder.toml`:
    /// `content/` and `out/` in it.
    pub fn at_root(root: &Path) -> Config {
        Config {
            root: Some(root.to_path_buf()),
            content: root.join("content"),
            out: root.join("out"),
            ..Config::default()
        }
    }

    /// Where `backgrounder schema --write` puts the schema, and where the
    /// skeletons of `new` point editors: `schemas/` at the root.
    pub fn schema_path(&self) -> PathBuf {
        self.root.clone().unwrap_or_default().join(SCHEMA_PATH)
    }
}

/// The schema's place under the repository root.
pub const SCHEMA_PATH: &str = "schemas/backgrounder.schema.json";

fn config_error(
    file: &Path,
    text: &str,
    byte: usize,
    message: String,
    hint: String,
) -> ConfigError {
    let before = &text[..byte.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError::Invalid(Box::new(
        Diagnostic::new(&rules::config::INVALID, file, message, hint)
            .at(Span::at(Position { line, column })),
    ))
}

/// Reads and validates a configuration file. Paths in it are relative to
/// the folder that holds it.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = crate::files::read_regular_to_string(path, MAX_CONFIG_BYTES).map_err(|e| {
        config_error(
            path,
            "",
            0,
            format!("cannot read the configuration: {e}"),
            "check the file's permissions".into(),
        )
    })?;
    let file: FileConfig = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_owned();
        let hint = if message.contains("unknown field") {
            "the keys allowed are: content, out, paper, style, [rules], [limits] (file_bytes, depth, nodes, string_bytes, claims, sources), [links] (exclude, ttl, timeout, budget, concurrency, per_host, retries, allow_private), [pdf] (standard, fonts), [report] (information_uri)".to_owned()
        } else {
            "see the Configuration section of the README".to_owned()
        };
        config_error(
            path,
            &text,
            at,
            format!("invalid configuration: {message}"),
            hint,
        )
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut config = Config {
        source: Some(path.to_path_buf()),
        ..Config::at_root(base)
    };
    if let Some(content) = file.content {
        config.content = base.join(content);
    }
    if let Some(out) = file.out {
        config.out = base.join(out);
    }
    if let Some(paper) = file.paper {
        config.paper = paper;
    }
    if let Some(style) = file.style {
        config.style = style;
    }
    let fonts: Vec<PathBuf> = file
        .pdf
        .as_ref()
        .map(|p| p.fonts.iter().map(|f| base.join(f)).collect())
        .unwrap_or_default();
    if !fonts.is_empty() {
        match crate::export::pdf::FontChain::load(&fonts) {
            Ok(chain) => config.font_chain = FontChainHandle(Some(chain)),
            Err(why) => {
                let font = why.path();
                let name = font.strip_prefix(base).unwrap_or(font);
                let at = text
                    .find(&*name.to_string_lossy())
                    .or_else(|| text.find("fonts"))
                    .unwrap_or(0);
                return Err(config_error(
                    path,
                    &text,
                    at,
                    format!("[pdf] fonts: cannot use `{}`: {why}", font.display()),
                    "give the path of a TrueType or OpenType font, relative to backgrounder.toml"
                        .into(),
                ));
            }
        }
        config.pdf_fonts = fonts;
    }
    if let Some(standard) = file.pdf.and_then(|p| p.standard) {
        if crate::export::PdfStandard::from_name(&standard).is_none() {
            let at = text.find(&standard).unwrap_or(0);
            return Err(config_error(
                path,
                &text,
                at,
                format!("unknown PDF standard `{standard}`"),
                "[pdf] standard is one of: ua1, a2b, a3b, a2a, a2b+ua1".into(),
            ));
        }
        config.pdf_standard = standard.trim().to_ascii_lowercase();
    }
    if let Some(uri) = file.report.and_then(|r| r.information_uri) {
        if let Err(why) = check_information_uri(&uri) {
            let at = text.find("information_uri").unwrap_or(0);
            return Err(config_error(
                path,
                &text,
                at,
                format!("`[report] information_uri`: {why}"),
                "write the absolute address of a page about your checks, e.g. \"https://example.org/style-guide\"".into(),
            ));
        }
        config.information_uri = Some(uri);
    }
    if let Some(limits) = file.limits {
        if let Err((key, message, hint)) = check_limits(&limits) {
            let at = text
                .find(key)
                .or_else(|| text.find("[limits]"))
                .unwrap_or(0);
            return Err(config_error(path, &text, at, message, hint));
        }
        config.limits = limits;
    }
    if let Some(links) = file.links {
        if let Err((at, message, hint)) = check_links(&links, &text) {
            return Err(config_error(path, &text, at, message, hint));
        }
        config.links = links;
    }
    for (code, level) in file.rules {
        if let Err(why) = check_override(&code) {
            let at = text
                .find(&format!("\"{code}\""))
                .or_else(|| text.find(&code))
                .unwrap_or(0);
            return Err(config_error(path, &text, at, why.to_string(), why.hint()));
        }
        config.rules.insert(code, level);
    }
    Ok(config)
}

/// Whether a text can be SARIF's `informationUri`: an absolute http or
/// https URL with a host.
pub fn check_information_uri(text: &str) -> Result<(), ConfigError> {
    match url::Url::parse(text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(_) => Err(ConfigError::NotHttp {
            text: text.to_owned(),
        }),
        Err(source) => Err(ConfigError::NotAbsolute {
            text: text.to_owned(),
            source,
        }),
    }
}

/// The largest `backgrounder.toml` read.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Validates `[limits]`: every limit at least 1 and `file_bytes` no more
/// than a document can have. On error: (key, message, hint).
fn check_limits(limits: &Limits) -> Result<(), (&'static str, String, String)> {
    let max_file = crate::load::yaml::MAX_TEXT_BYTES as u64;
    if limits.file_bytes > max_file {
        return Err((
            "file_bytes",
            format!(
                "`[limits] file_bytes` is {}, more than the {max_file} bytes a document can have",
                limits.file_bytes
            ),
            "the default is 10485760 (10 MiB); a backgrounder is tens of kilobytes".into(),
        ));
    }
    let sizes = [
        (
            "file_bytes",
            usize::try_from(limits.file_bytes).unwrap_or(usize::MAX),
        ),
        ("depth", limits.depth),
        ("nodes", limits.nodes),
        ("string_bytes", limits.string_bytes),
        ("claims", limits.claims),
        ("sources", limits.sources),
    ];
    for (key, value) in sizes {
        if value == 0 {
            return Err((
                key,
                format!("`[limits] {key}` must be at least 1"),
                "`backgrounder config` shows the defaults".into(),
            ));
        }
    }
    Ok(())
}

/// Validates `[links]`: every `exclude` pattern compiles and the limits are
/// positive. On error: (byte offset, message, hint).
fn check_links(links: &Links, text: &str) -> Result<(), (usize, String, String)> {
    let at = |needle: &str| {
        text.find(needle)
            .or_else(|| text.find("[links]"))
            .unwrap_or(0)
    };
    for pattern in &links.exclude {
        if let Err(e) = regex::Regex::new(pattern) {
            let first = e.to_string();
            let first = first.lines().last().unwrap_or("").trim().to_owned();
            return Err((
                at("exclude"),
                format!("`[links] exclude`: `{pattern}` is not a valid regular expression ({first})"),
                "write a Rust regex, escaping dots in TOML as `\\\\.`, e.g. \"^https://www\\\\.jstor\\\\.org/\"".into(),
            ));
        }
    }
    for (key, value) in [
        ("concurrency", links.concurrency),
        ("per_host", links.per_host),
    ] {
        if value == 0 {
            return Err((
                at(key),
                format!("`[links] {key}` must be at least 1"),
                "the defaults are concurrency = 8 and per_host = 2".into(),
            ));
        }
    }
    if links.timeout.0.is_zero() {
        return Err((
            at("timeout"),
            "`[links] timeout` must be more than zero".into(),
            "the default is \"10s\"".into(),
        ));
    }
    Ok(())
}

/// Whether a rule code may be given a severity in `[rules]` or `--rule`
/// (the error's [`ConfigError::hint`] says what to do when it may not).
pub fn check_override(code: &str) -> Result<(), ConfigError> {
    let code = code.to_owned();
    match rules::find(&code) {
        Some(rule) if rule.overridable() => Ok(()),
        Some(_) => Err(ConfigError::FixedSeverity { code }),
        None => Err(ConfigError::UnknownRule { code }),
    }
}

/// Sets each finding's severity from the overrides, dropping those set `off`.
pub fn apply_overrides(rules: &BTreeMap<String, Level>, diagnostics: &mut Vec<Diagnostic>) {
    if rules.is_empty() {
        return;
    }
    diagnostics.retain_mut(|d| match rules.get(d.code) {
        Some(Level::Off) => false,
        Some(Level::Error) => {
            d.severity = Severity::Error;
            true
        }
        Some(Level::Warning) => {
            d.severity = Severity::Warning;
            true
        }
        None => true,
    });
}

impl Config {
    /// The configuration as TOML, as `backgrounder config` prints it.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_change_severity_or_drop() {
        let mut rules = BTreeMap::new();
        rules.insert("link/insecure".to_owned(), Level::Off);
        rules.insert("date/text-mismatch".to_owned(), Level::Error);
        let d = |code: &'static str| Diagnostic {
            code,
            severity: Severity::Warning,
            message: String::new(),
            hint: String::new(),
            file: PathBuf::new(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            pointer: String::new(),
        };
        let mut all = vec![
            d("link/insecure"),
            d("date/text-mismatch"),
            d("cite/unused-source"),
        ];
        apply_overrides(&rules, &mut all);
        let got: Vec<_> = all.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            got,
            vec![
                ("date/text-mismatch", Severity::Error),
                ("cite/unused-source", Severity::Warning)
            ]
        );
    }

    #[test]
    fn durations_in_words_or_seconds() {
        assert_eq!(
            parse_duration("24h").ok(),
            Some(Duration::from_secs(86_400))
        );
        assert_eq!(
            parse_duration("300ms").ok(),
            Some(Duration::from_millis(300))
        );
        assert_eq!(parse_duration("90").ok(), Some(Duration::from_secs(90)));
        assert!(parse_duration("soon").is_err() && parse_duration("5 years").is_err());
        assert_eq!(DurationText(Duration::from_secs(90)).to_string(), "90s");
        assert_eq!(
            DurationText(Duration::from_millis(300)).to_string(),
            "300ms"
        );
        let links: FileConfig = toml::from_str("[links]\nttl = 3600\ntimeout = \"2s\"").unwrap();
        let links = links.links.unwrap();
        assert_eq!(
            (links.ttl.0.as_secs(), links.timeout.0.as_secs()),
            (3600, 2)
        );
        assert!(toml::from_str::<FileConfig>("[links]\nttl = \"soon\"").is_err());
        assert!(toml::from_str::<FileConfig>("[links]\nretry = 1").is_err());
    }

    #[test]
    fn a_bad_exclude_pattern_is_a_config_error() {
        let text = "[links]\nexclude = [\"(unclosed\"]\n";
        let links: FileConfig = toml::from_str(text).unwrap();
        let (at, message, hint) = check_links(&links.links.unwrap(), text).unwrap_err();
        assert_eq!(at, text.find("exclude").unwrap());
        assert!(
            message.contains("not a valid regular expression"),
            "{message}"
        );
        assert!(hint.contains("jstor"), "{hint}");
    }

    #[test]
    fn structural_and_unknown_codes_cannot_be_overridden() {
        assert!(check_override("yaml/syntax").is_err());
        let error = check_override("date/text-missmatch").unwrap_err();
        assert_eq!(error.to_string(), "unknown rule code `date/text-missmatch`");
        assert_eq!(error.hint(), "did you mean `date/text-mismatch`?");
        assert!(check_override("allow/unused").is_ok());
    }
}
