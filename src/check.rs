//! The `check` pipeline: find the files, load each once, validate it against
//! the schema, run the rules, and return every finding in a stable order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::{self, Level};
use crate::diag::{self, Diagnostic, Severity};
use crate::export::pdf::FontChain;
use crate::load::{self, Limits, PositionMap, SourceFile};
use crate::model::Document;
use crate::rules::{self, ContentSet, Context};
use crate::schema;

/// What to check: the files to report on, and the content set that
/// cross-document rules see (every backgrounder in the folders involved).
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub targets: Vec<PathBuf>,
    pub set: ContentSet,
}

/// A problem with the paths given, before any file is checked.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot read the folder {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", path.display())]
    Path {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a backgrounder file: name it `<id>.yaml`", path.display())]
    NotYaml { path: PathBuf },
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The backgrounder files under a folder, sorted, skipping hidden entries.
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>, PlanError> {
    Ok(found_in(dir)?.into_iter().map(|f| f.path).collect())
}

/// A backgrounder file found in a folder, and whether it is a symbolic link.
struct Found {
    path: PathBuf,
    link: bool,
}

/// [`files_in`], with what each entry is.
fn found_in(dir: &Path) -> Result<Vec<Found>, PlanError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        // Only the folder named is required; a subfolder that cannot be
        // read (permissions, `/proc`) is left out rather than ending the run.
        let entries = match std::fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(_) if d != dir => continue,
            Err(source) => return Err(PlanError::Folder { path: d, source }),
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if is_yaml(&path) {
                let link = kind.is_symlink();
                out.push(Found { path, link });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// A path's canonical form, to tell the same file named two ways apart
/// (`content/a.yaml`, `./content/a.yaml`); the path itself if it has none.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The canonical forms of files found in folders, with one `realpath` per
/// folder rather than one per file (a dozen system calls each): a file that
/// is not a symbolic link is its folder's canonical form joined with its name.
#[derive(Default)]
struct Canonical {
    folders: HashMap<PathBuf, PathBuf>,
}

impl Canonical {
    fn of(&mut self, found: &Found) -> PathBuf {
        let (false, Some(folder), Some(name)) =
            (found.link, found.path.parent(), found.path.file_name())
        else {
            return canonical(&found.path);
        };
        if let Some(known) = self.folders.get(folder) {
            return known.join(name);
        }
        let known = canonical(folder);
        let path = known.join(name);
        self.folders.insert(folder.to_path_buf(), known);
        path
    }
}

/// Works out the files to check and the content set from the paths given
/// on the command line (files or folders). A file named twice, however it
/// is spelled, is checked once.
pub fn plan(paths: &[PathBuf]) -> Result<Plan, PlanError> {
    let mut canonicals = Canonical::default();
    // Each target with its canonical form.
    let mut targets: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut seen_targets = HashSet::new();
    let mut folders = Vec::new();
    // The listing of each folder named, read again below otherwise.
    let mut listings: HashMap<PathBuf, Vec<Found>> = HashMap::new();
    let mut seen_folders = BTreeSet::new();
    let mut add_target = |path: PathBuf, canonical: PathBuf, targets: &mut Vec<_>| {
        if seen_targets.insert(canonical.clone()) {
            targets.push((path, canonical));
        }
    };
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| PlanError::Path {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let listing = found_in(path)?;
            for found in &listing {
                let canonical = canonicals.of(found);
                add_target(found.path.clone(), canonical, &mut targets);
            }
            if seen_folders.insert(canonical(path)) {
                folders.push(path.clone());
                listings.insert(path.clone(), listing);
            }
        } else {
            if !is_yaml(path) {
                return Err(PlanError::NotYaml { path: path.clone() });
            }
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if seen_folders.insert(canonical(&parent)) {
                folders.push(parent);
            }
            add_target(path.clone(), canonical(path), &mut targets);
        }
    }
    targets.sort_by(|a, b| a.0.cmp(&b.0));
    let mut set = ContentSet::default();
    let mut add = |file: &Path, canonical: PathBuf| {
        if let Some(stem) = file.file_stem().and_then(|s| s.to_str()) {
            set.ids.insert(stem.to_owned());
            set.files
                .entry(stem.to_owned())
                .or_default()
                .insert(canonical);
        }
    };
    for folder in &folders {
        let listing = match listings.remove(folder) {
            Some(listing) => listing,
            None => found_in(folder)?,
        };
        for found in listing {
            let canonical = canonicals.of(&found);
            add(&found.path, canonical);
        }
    }
    for (file, canonical) in &targets {
        add(file, canonical.clone());
    }
    let targets = targets.into_iter().map(|(path, _)| path).collect();
    Ok(Plan { targets, set })
}

/// One checked file: its text (if it could be read), its document (if it
/// loaded and matched the model) and its findings.
#[derive(Clone, Debug)]
pub struct CheckedFile {
    pub path: PathBuf,
    pub source: Option<SourceFile>,
    pub document: Option<Document>,
    pub positions: Option<PositionMap>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The outcome of checking a set of files.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub files: Vec<CheckedFile>,
}

impl Report {
    /// Every finding, sorted by file, line and column.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .files
            .iter()
            .flat_map(|f| f.diagnostics.iter().cloned())
            .collect();
        diag::sort(&mut all);
        all
    }

    pub fn has_errors(&self) -> bool {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .any(|d| d.severity == Severity::Error)
    }
}

/// How to check: resource limits, per-rule severity overrides, and what
/// the report keeps of each file.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub limits: Limits,
    pub rules: BTreeMap<String, Level>,
    pub keep: Keep,
    /// The PDF's font chain, for `pdf/missing-glyph`: None when `build`
    /// would write no PDF. The bundled chain by default.
    pub pdf_fonts: Option<Arc<FontChain>>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            limits: Limits::default(),
            rules: BTreeMap::new(),
            keep: Keep::default(),
            pdf_fonts: FontChain::bundled().ok(),
        }
    }
}

/// What a report keeps of each checked file besides its findings. A file
/// with findings always keeps its text (to show the offending lines);
/// keeping the rest only when asked keeps memory flat on large corpora.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keep {
    /// The text of files without findings too.
    pub texts: bool,
    /// The typed documents (for `build`, `--stats`, `--changed-since`).
    pub documents: bool,
    /// The pointer-to-position maps (for `--online`).
    pub positions: bool,
}

impl Keep {
    /// Everything: what a library caller gets by default.
    pub const ALL: Keep = Keep {
        texts: true,
        documents: true,
        positions: true,
    };
    /// Only the findings (and the text of the files that have them).
    pub const FINDINGS: Keep = Keep {
        texts: false,
        documents: false,
        positions: false,
    };
}

impl Keep {
    /// Drops from `file` what this does not keep.
    pub fn apply(self, file: &mut CheckedFile) {
        if !self.texts && file.diagnostics.is_empty() {
            file.source = None;
        }
        if !self.documents {
            file.document = None;
        }
        if !self.positions {
            file.positions = None;
        }
    }
}

impl Default for Keep {
    fn default() -> Self {
        Keep::ALL
    }
}

/// Checks every file of the plan, in parallel, with default options.
pub fn run(plan: &Plan, limits: Limits) -> Report {
    run_with(
        plan,
        &CheckOptions {
            limits,
            ..CheckOptions::default()
        },
    )
}

/// Checks every file of the plan, in parallel.
pub fn run_with(plan: &Plan, options: &CheckOptions) -> Report {
    let files = plan
        .targets
        .par_iter()
        .map(|path| {
            let mut file = match load::read(path, options.limits) {
                Ok(source) => check_source_with(
                    source,
                    &plan.set,
                    options.limits,
                    options.pdf_fonts.as_deref(),
                ),
                Err(d) => unread(path, *d),
            };
            config::apply_overrides(&options.rules, &mut file.diagnostics);
            options.keep.apply(&mut file);
            file
        })
        .collect();
    Report { files }
}

/// Checks one file against the schema and every rule (the PDF's glyphs
/// against the bundled fonts).
pub fn check_file(path: &Path, set: &ContentSet, limits: Limits) -> CheckedFile {
    match load::read(path, limits) {
        Ok(source) => check_source(source, set, limits),
        Err(d) => unread(path, *d),
    }
}

fn unread(path: &Path, d: Diagnostic) -> CheckedFile {
    CheckedFile {
        path: path.to_path_buf(),
        source: None,
        document: None,
        positions: None,
        diagnostics: vec![d],
    }
}

/// Checks a file already read into memory (see [`load::decode`]), the
/// PDF's glyphs against the bundled fonts.
pub fn check_source(source: SourceFile, set: &ContentSet, limits: Limits) -> CheckedFile {
    let chain = FontChain::bundled().ok();
    check_source_with(source, set, limits, chain.as_deref())
}

/// Checks a file already read into memory; the PDF's glyphs against
/// `pdf_fonts` when given.
pub fn check_source_with(
    source: SourceFile,
    set: &ContentSet,
    limits: Limits,
    pdf_fonts: Option<&FontChain>,
) -> CheckedFile {
    let path = source.path.clone();
    let path = path.as_path();
    let mut checked = CheckedFile {
        path: path.to_path_buf(),
        source: None,
        document: None,
        positions: None,
        diagnostics: Vec::new(),
    };
    let loaded = match load::parse(&source, limits) {
        Ok(l) => l,
        Err(d) => {
            checked.diagnostics.push(*d);
            checked.source = Some(source);
            return checked;
        }
    };
    let schema_errors = schema::validate(&loaded.value, &loaded.positions, path);
    let schema_ok = schema_errors.is_empty();
    checked.diagnostics.extend(schema_errors);
    // serde would read a list as a struct's fields in order; only a mapping is a document.
    let typed = if loaded.value.is_object() {
        Document::deserialize(&loaded.value)
    } else {
        Err(serde::de::Error::custom("the document is not a mapping"))
    };
    match typed {
        Ok(doc) => {
            let mut ctx = Context::new(path, &doc, &loaded.value, &loaded.positions, set, limits)
                .with_source(&source.text)
                .with_pdf_fonts(pdf_fonts);
            rules::check(&mut ctx);
            checked.diagnostics.extend(ctx.diagnostics);
            checked.document = Some(doc);
        }
        Err(e) if schema_ok => {
            // The schema accepted what the model cannot hold: a bug in one of
            // the two, reported rather than hidden.
            checked.diagnostics.push(Diagnostic::new(
                &crate::schema::rules::VALUE,
                path,
                format!("the document matches the schema but not the content model: {e}"),
                "please report this as a bug in backgrounder",
            ));
        }
        Err(_) => {}
    }
    diag::sort(&mut checked.diagnostics);
    checked.positions = Some(loaded.positions);
    checked.source = Some(source);
    checked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_keeps_only_what_it_is_asked_to() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/cite/missing");
        let plan = plan(&[dir]).unwrap();
        let options = |keep| CheckOptions {
            keep,
            ..CheckOptions::default()
        };
        let lean = run_with(&plan, &options(Keep::FINDINGS));
        let full = run_with(&plan, &options(Keep::ALL));
        assert_eq!(lean.diagnostics(), full.diagnostics());
        assert_eq!(lean.files.len(), 2);
        for (lean, full) in lean.files.iter().zip(&full.files) {
            assert!(full.source.is_some() && full.document.is_some() && full.positions.is_some());
            assert!(lean.document.is_none() && lean.positions.is_none());
            // The text stays exactly where there is a finding to show.
            assert_eq!(lean.source.is_some(), !lean.diagnostics.is_empty());
        }
    }

    #[test]
    fn findings_inside_a_long_text_point_at_their_place() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/irans-revolutionary-guards.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = text.replacen(
            "in May 1979 as an ideological guard",
            "in [May 1979](https://example.com/decree) as a <b>guard</b>",
            1,
        );
        // Line 29 of the file is the fifth line of the claim's folded text.
        let line = 29;
        let row = edited.lines().nth(line - 1).unwrap();
        assert!(row.starts_with("              in [May"), "{row}");
        let column = |needle: &str| row.find(needle).unwrap() + 1;
        let source = load::decode(&path, edited.clone().into_bytes(), Limits::default()).unwrap();
        let set = ContentSet {
            ids: ["mujahadeen-e-khalq", "irans-revolutionary-guards"]
                .map(String::from)
                .into(),
            ..ContentSet::default()
        };
        let checked = check_source(source, &set, Limits::default());
        let at = |code: &str| {
            let d = checked.diagnostics.iter().find(|d| d.code == code).unwrap();
            (d.line, d.column, d.end_line, d.end_column)
        };
        let url = column("https://example.com/decree");
        assert_eq!(at("link/placeholder"), (line, url, line, url + 26));
        let tag = column("<b>");
        assert_eq!(at("text/html"), (line, tag, line, tag + 3));
    }
}
