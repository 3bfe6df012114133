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
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Severity};
use crate::load::Limits;
use crate::rules::{self, RULES};

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
    pub content: PathBuf,
    pub out: PathBuf,
    pub paper: PaperName,
    pub style: String,
    pub rules: BTreeMap<String, Level>,
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source: None,
            content: PathBuf::from("content"),
            out: PathBuf::from("out"),
            paper: PaperName::Letter,
            style: "chicago-notes".into(),
            rules: BTreeMap::new(),
            limits: Limits::default(),
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

fn config_error(
    file: &Path,
    text: &str,
    byte: usize,
    message: String,
    hint: String,
) -> Box<Diagnostic> {
    let before = &text[..byte.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Box::new(Diagnostic {
        code: "config/invalid",
        severity: Severity::Error,
        message,
        hint,
        file: file.to_path_buf(),
        line,
        column,
        end_line: line,
        end_column: column,
        pointer: String::new(),
    })
}

/// Reads and validates a configuration file. Paths in it are relative to
/// the folder that holds it.
pub fn load(path: &Path) -> Result<Config, Box<Diagnostic>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
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
            "the keys allowed are: content, out, paper, style, [rules], [limits] (file_bytes, depth, nodes, string_bytes, claims, sources)".to_owned()
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
        ..Config::default()
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
    if let Some(limits) = file.limits {
        config.limits = limits;
    }
    for (code, level) in file.rules {
        if let Err(why) = check_override(&code) {
            let at = text
                .find(&format!("\"{code}\""))
                .or_else(|| text.find(&code))
                .unwrap_or(0);
            return Err(config_error(path, &text, at, why.0, why.1));
        }
        config.rules.insert(code, level);
    }
    Ok(config)
}

/// Whether a rule code may be given a severity in `[rules]` or `--rule`:
/// (message, hint) when it may not.
pub fn check_override(code: &str) -> Result<(), (String, String)> {
    let codes: Vec<String> = RULES.iter().map(|r| r.code.to_owned()).collect();
    match rules::find(code) {
        Some(_) if rules::allow::suppressible(code) || code.starts_with("allow/") => Ok(()),
        Some(_) => Err((
            format!("the severity of `{code}` cannot be changed"),
            "YAML, schema and I/O findings are always errors".into(),
        )),
        None => Err((
            format!("unknown rule code `{code}`"),
            match crate::schema::did_you_mean(code, &codes) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`backgrounder explain` lists every code".into(),
            },
        )),
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
    fn structural_and_unknown_codes_cannot_be_overridden() {
        assert!(check_override("yaml/syntax").is_err());
        let (_, hint) = check_override("date/text-missmatch").unwrap_err();
        assert_eq!(hint, "did you mean `date/text-mismatch`?");
        assert!(check_override("allow/unused").is_ok());
    }
}
