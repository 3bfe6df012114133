//! `build`, the library side: resolve checked documents, run the chosen
//! exporters in parallel, and write `out/<id>.<ext>` for each plus
//! `out/index.json`.
//!
//! Every export is rendered in memory before anything is written, so a
//! failing exporter leaves `out/` untouched. Each file is written to a
//! temporary name inside `out/` and renamed into place, so a crash never
//! leaves a truncated export; file names are built only from ids checked to
//! be kebab-case and the exporters' fixed extensions, so nothing is written
//! outside `out/`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Value, json};

use super::json::{Counts, to_bytes};
use super::manifest::{self, Entry, Manifest};
use super::reference::ReferenceStyle;
use super::{ExportOptions, Exporter, Resolved, resolve};
use crate::model::Document;

/// Every exporter, in the order `--format` lists them by default.
pub const EXPORTERS: &[&dyn Exporter] = &[
    &super::markdown::Markdown,
    &super::json::Json,
    &super::jsonld::JsonLd,
    &super::pdf::Pdf,
];

/// The exporter called `name` on the command line.
pub fn exporter(name: &str) -> Option<&'static dyn Exporter> {
    EXPORTERS.iter().copied().find(|e| e.name() == name)
}

/// The names of every exporter.
pub fn exporter_names() -> Vec<&'static str> {
    EXPORTERS.iter().map(|e| e.name()).collect()
}

/// The version of `index.json`'s shape.
pub const INDEX_VERSION: u64 = 1;

/// What to build and where.
#[derive(Clone)]
pub struct BuildOptions {
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// The exporters to run, in order.
    pub formats: Vec<&'static dyn Exporter>,
    /// The reference style's name (see `export::reference`).
    pub style: String,
    pub export: ExportOptions,
    /// Called once per export rendered, from any thread (for progress bars).
    pub progress: Option<Progress>,
    /// Export everything, whatever the manifest says is up to date.
    pub force: bool,
}

/// A callback told that one more export is done.
pub type Progress = std::sync::Arc<dyn Fn() + Send + Sync>;

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            out: PathBuf::from("out"),
            formats: EXPORTERS.to_vec(),
            style: super::reference::DEFAULT_STYLE.to_owned(),
            export: ExportOptions::default(),
            progress: None,
            force: false,
        }
    }
}

/// Why a build wrote nothing (or, for I/O errors, stopped).
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// A document id that cannot name a file.
    InvalidId(String),
    /// An id whose exports would replace the build's own files.
    ReservedId(String),
    /// Two documents with the same id would write the same files.
    DuplicateId(String),
    /// The reference style cannot be loaded.
    Style(String),
    /// An exporter failed on a document.
    Export {
        id: String,
        format: &'static str,
        message: String,
    },
    /// `--out`, or a file it would replace, is a symbolic link.
    Symlink(PathBuf),
    /// A file could not be written.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Symlink(path) => write!(
                f,
                "{} is a symbolic link: exports are written only as real files inside the output folder; remove the link or choose another --out",
                path.display()
            ),
            BuildError::InvalidId(id) => {
                write!(
                    f,
                    "the document id {id:?} is not kebab-case and cannot name a file"
                )
            }
            BuildError::ReservedId(id) => write!(
                f,
                "the document id `{id}` is reserved: its JSON export would replace out/index.json; rename the file and its `id`"
            ),
            BuildError::DuplicateId(id) => {
                write!(
                    f,
                    "two documents have the id `{id}` and would write the same files"
                )
            }
            BuildError::Style(message) => f.write_str(message),
            BuildError::Export {
                id,
                format,
                message,
            } => {
                write!(f, "cannot export `{id}` as {format}: {message}")
            }
            BuildError::Io { path, error } => write!(
                f,
                "cannot write {}: {error}; make sure the output folder can be written, or choose another with --out",
                path.display()
            ),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Ids that would name the build's own files.
pub const RESERVED_IDS: [&str; 1] = ["index"];

/// One exported document, as listed in `index.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub title: String,
    pub updated: String,
    pub topics: Vec<String>,
    pub authors: Vec<String>,
    pub claims: usize,
    pub sources: usize,
    /// Format name to file name (relative to the output folder).
    pub exports: BTreeMap<String, String>,
}

/// What a build wrote.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    pub documents: Vec<IndexEntry>,
    /// Every file written, index last (the manifest is not listed).
    pub files: Vec<PathBuf>,
    /// Documents whose exports were all up to date.
    pub skipped: usize,
}

/// Whether `id` is kebab-case (`a-z`, `0-9`, single inner hyphens), the
/// only form allowed to become a file name.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Resolves documents (owned or borrowed) with references in the named
/// style.
pub fn resolve_all<D>(docs: &[D], style: &str) -> Result<Vec<Resolved>, BuildError>
where
    D: std::borrow::Borrow<Document> + Sync,
{
    let style = ReferenceStyle::named(style).map_err(|e| BuildError::Style(e.0))?;
    Ok(docs
        .par_iter()
        .map(|d| resolve(d.borrow(), &|s| style.format(s)))
        .collect())
}

/// One rendered export: the document's index, its exporter, its bytes.
pub type Rendered = (usize, &'static dyn Exporter, Vec<u8>);

/// Renders the exports `jobs` names (document index, exporter) in memory.
fn render(
    docs: &[Resolved],
    jobs: Vec<(usize, &'static dyn Exporter)>,
    options: &BuildOptions,
) -> Result<Vec<Rendered>, BuildError> {
    jobs.into_par_iter()
        .map(|(i, exporter)| {
            let rendered = exporter.export(&docs[i], &options.export);
            if let Some(progress) = &options.progress {
                progress();
            }
            rendered
                .map(|bytes| (i, exporter, bytes))
                .map_err(|e| BuildError::Export {
                    id: docs[i].id.clone(),
                    format: exporter.name(),
                    message: e.0,
                })
        })
        .collect()
}

/// Builds checked documents into `options.out`, skipping exports that the
/// manifest of an earlier build shows to be up to date (unless
/// `options.force`).
pub fn build(docs: &[Document], options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut seen = std::collections::BTreeSet::new();
    for d in docs {
        if !valid_id(&d.id) {
            return Err(BuildError::InvalidId(d.id.clone()));
        }
        if RESERVED_IDS.contains(&d.id.as_str()) {
            return Err(BuildError::ReservedId(d.id.clone()));
        }
        if !seen.insert(d.id.as_str()) {
            return Err(BuildError::DuplicateId(d.id.clone()));
        }
    }
    let out = options.out.as_path();
    // Links are refused before anything is written, so a refused build leaves
    // the folder as it was.
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if is_link(out) {
        return Err(BuildError::Symlink(out.to_path_buf()));
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let docs: Vec<&Document> = order.iter().map(|&i| &docs[i]).collect();

    let previous = if options.force {
        Manifest::empty()
    } else {
        Manifest::load(out)
    };
    let fingerprints = manifest::fingerprints(&docs, &options.style, &options.export);
    let stale: Vec<Vec<&'static dyn Exporter>> = docs
        .iter()
        .zip(&fingerprints)
        .map(|(d, fp)| {
            options
                .formats
                .iter()
                .copied()
                .filter(|e| !previous.fresh(out, &d.id, fp, e.name()))
                .collect()
        })
        .collect();
    let todo: Vec<usize> = (0..docs.len()).filter(|&i| !stale[i].is_empty()).collect();
    // Only documents with something to export are resolved (the reference
    // style is the costly part of resolving).
    let resolved = if todo.is_empty() {
        Vec::new()
    } else {
        let changed: Vec<&Document> = todo.iter().map(|&i| docs[i]).collect();
        resolve_all(&changed, &options.style)?
    };
    let jobs: Vec<(usize, &'static dyn Exporter)> = todo
        .iter()
        .enumerate()
        .flat_map(|(k, &i)| stale[i].iter().map(move |e| (k, *e)))
        .collect();
    let outputs = render(&resolved, jobs, options)?;

    let names = outputs
        .iter()
        .map(|(k, exporter, _)| format!("{}.{}", resolved[*k].id, exporter.extension()))
        .chain(["index.json".to_owned(), manifest::FILE.to_owned()]);
    for name in names {
        if is_link(&out.join(&name)) {
            return Err(BuildError::Symlink(out.join(name)));
        }
    }
    std::fs::create_dir_all(out).map_err(|error| BuildError::Io {
        path: out.to_path_buf(),
        error,
    })?;

    let mut entries: Vec<Entry> = docs
        .iter()
        .zip(&fingerprints)
        .map(|(d, fp)| {
            let mut entry = previous.documents.get(&d.id).cloned().unwrap_or_default();
            if entry.fingerprint != *fp {
                entry = Entry {
                    fingerprint: fp.clone(),
                    ..Entry::default()
                };
            }
            entry
        })
        .collect();
    for (k, &i) in todo.iter().enumerate() {
        let doc = &resolved[k];
        let counts = Counts::of(doc);
        entries[i].index = IndexEntry {
            id: doc.id.clone(),
            title: doc.title.clone(),
            updated: doc.updated.clone(),
            topics: doc.topics.clone(),
            authors: doc.authors.iter().map(|a| a.name.clone()).collect(),
            claims: counts.claims,
            sources: counts.sources,
            exports: BTreeMap::new(),
        };
    }
    let mut report = BuildReport::default();
    let mut failure = None;
    for (k, exporter, bytes) in &outputs {
        let i = todo[*k];
        let name = format!("{}.{}", docs[i].id, exporter.extension());
        match write_atomic(out, &name, bytes) {
            Ok(path) => {
                report.files.push(path);
                entries[i].files.insert(
                    exporter.name().to_owned(),
                    manifest::Written {
                        name,
                        bytes: bytes.len() as u64,
                    },
                );
            }
            Err(e) => {
                // What was written stays written and recorded; the rest of
                // this build is given up.
                failure = Some(e);
                break;
            }
        }
    }
    // The new manifest keeps what earlier builds wrote for documents not in
    // this one, and the still-fresh exports of those that are.
    let mut manifest = previous;
    for (d, entry) in docs.iter().zip(entries) {
        manifest.documents.insert(d.id.clone(), entry);
    }
    if let Some(e) = failure {
        let _ = write_atomic(out, manifest::FILE, &manifest.to_bytes());
        return Err(e);
    }

    for (i, d) in docs.iter().enumerate() {
        let entry = &manifest.documents[&d.id];
        let mut index = entry.index.clone();
        index.exports = options
            .formats
            .iter()
            .filter_map(|e| {
                let written = entry.files.get(e.name())?;
                Some((e.name().to_owned(), written.name.clone()))
            })
            .collect();
        if stale[i].is_empty() {
            report.skipped += 1;
        }
        report.documents.push(index);
    }
    let index = to_bytes(&index_json(&report.documents)).map_err(|e| BuildError::Export {
        id: "index".into(),
        format: "json",
        message: e.0,
    })?;
    // An unchanged catalog is left alone, so a build with nothing to do
    // writes nothing.
    let index_path = out.join("index.json");
    if std::fs::read(&index_path).ok().as_deref() != Some(index.as_slice()) {
        report.files.push(write_atomic(out, "index.json", &index)?);
    }
    let manifest_bytes = manifest.to_bytes();
    if std::fs::read(out.join(manifest::FILE)).ok().as_deref() != Some(manifest_bytes.as_slice()) {
        write_atomic(out, manifest::FILE, &manifest_bytes)?;
    }
    Ok(report)
}

/// The catalog of exported documents.
pub fn index_json(entries: &[IndexEntry]) -> Value {
    json!({
        "format_version": INDEX_VERSION,
        "documents": entries.iter().map(|e| json!({
            "id": e.id,
            "title": e.title,
            "updated": e.updated,
            "topics": e.topics,
            "authors": e.authors,
            "claims": e.claims,
            "sources": e.sources,
            "exports": e.exports,
        })).collect::<Vec<_>>(),
    })
}

/// Writes `dir/name` through a temporary file in `dir` and a rename.
/// `name` must be a plain file name, not hidden (but for the manifest).
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, BuildError> {
    let target = dir.join(name);
    let plain = Path::new(name).file_name().is_some_and(|n| n == name)
        && (!name.starts_with('.') || name == manifest::FILE);
    if !plain {
        return Err(BuildError::InvalidId(name.to_owned()));
    }
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| BuildError::Io { path, error }
    };
    // A stale temporary file (or a link planted there) is removed, never followed.
    if std::fs::symlink_metadata(&tmp).is_ok() {
        std::fs::remove_file(&tmp).map_err(io(&tmp))?;
    }
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &target)
    })();
    if let Err(error) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(BuildError::Io {
            path: target,
            error,
        });
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_kebab_ids_name_files() {
        assert!(valid_id("mujahadeen-e-khalq"));
        assert!(valid_id("g20"));
        for bad in [
            "", "../etc", "a/b", "A", "-a", "a-", "a--b", ".", "a.b", "a b",
        ] {
            assert!(!valid_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn ids_that_are_not_file_names_write_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let doc = |id: &str| -> Document {
            serde_json::from_value(json!({ "id": id, "title": "T", "updated": "2014" })).unwrap()
        };
        let options = BuildOptions {
            out: out.clone(),
            ..BuildOptions::default()
        };
        for bad in ["../escape", "/tmp/x", "a/../../b", ""] {
            let err = build(&[doc("fine"), doc(bad)], &options).unwrap_err();
            assert!(matches!(err, BuildError::InvalidId(_)), "{bad:?}: {err}");
        }
        let err = build(&[doc("same"), doc("same")], &options).unwrap_err();
        assert!(matches!(err, BuildError::DuplicateId(_)));
        let err = build(&[doc("index")], &options).unwrap_err();
        assert!(matches!(err, BuildError::ReservedId(_)), "{err}");
        assert!(!out.exists());
        assert!(!dir.path().join("escape.md").exists());
    }

    #[test]
    fn atomic_writes_stay_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_atomic(dir.path(), "x.md", b"hello").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
        assert!(write_atomic(dir.path(), "../x.md", b"no").is_err());
        assert!(write_atomic(dir.path(), "a/x.md", b"no").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }
}
