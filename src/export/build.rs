//! `build`, the library side: resolve checked documents, run the chosen
//! exporters in parallel, and write `out/<id>.<ext>` for each plus
//! `out/index.json`.
//!
//! Each export is written as soon as it is rendered, so memory holds a few
//! exports whatever the number of documents; a failure stops the build
//! with what was written recorded in the manifest. Each file is written to a
//! temporary name inside `out/` and renamed into place, so a crash never
//! leaves a truncated export; file names are built only from ids checked to
//! be kebab-case and the exporters' fixed extensions, so nothing is written
//! outside `out/`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::index::{IndexEntry, index_json};
use super::json::{Counts, to_bytes};
use super::manifest::{self, Entry, Manifest};
use super::reference::ReferenceStyle;
use super::{ExportError, ExportOptions, Exporter, Resolved, resolve};
use crate::model::Document;

/// What to build and where.
#[derive(Clone)]
pub struct BuildOptions {
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// The exporters to run, in order.
    pub formats: Vec<&'static dyn Exporter>,
    /// The reference style, paper, PDF standard, fonts and date.
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
            formats: super::EXPORTERS.to_vec(),
            export: ExportOptions::default(),
            progress: None,
            force: false,
        }
    }
}

/// Why a build wrote nothing (or, for I/O errors, stopped).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A document id that cannot name a file.
    #[error("the document id {0:?} {why} and cannot name a file", why = id_problem(.0))]
    InvalidId(String),
    /// An id whose exports would replace the build's own files.
    #[error(
        "the document id `{0}` is reserved: its JSON export would replace out/index.json; rename the file and its `id`"
    )]
    ReservedId(String),
    /// Two documents with the same id would write the same files.
    #[error("two documents have the id `{0}` and would write the same files")]
    DuplicateId(String),
    /// The reference style cannot be loaded.
    #[error(transparent)]
    Style(ExportError),
    /// An exporter failed on a document.
    #[error("cannot export `{id}` as {format}: {source}")]
    Export {
        id: String,
        format: &'static str,
        source: ExportError,
    },
    /// `--out`, or a file it would replace, is a symbolic link.
    #[error(
        "{} is a symbolic link: exports are written only as real files inside the output folder; remove the link or choose another --out",
        .0.display()
    )]
    Symlink(PathBuf),
    /// A file the build would read or replace is a FIFO, socket, device or
    /// folder (or `--out` is not a folder).
    #[error(
        "{} is {kind}, not a regular file: the build neither reads nor replaces it; remove it or choose another --out",
        path.display()
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    /// A file could not be written.
    #[error(
        "cannot write {}: {error}; make sure the output folder can be written, or choose another with --out",
        path.display()
    )]
    Io {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
}

/// Why an id cannot name a file, in words.
fn id_problem(id: &str) -> crate::model::id::IdProblem {
    crate::model::id::file_name_id(id)
        .err()
        .unwrap_or(crate::model::id::IdProblem::NotKebab)
}

/// Ids that would name the build's own files.
pub const RESERVED_IDS: [&str; 1] = crate::model::id::RESERVED;

/// What a build wrote.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    pub documents: Vec<IndexEntry>,
    /// Every file written, index last (the manifest is not listed).
    pub files: Vec<PathBuf>,
    /// Documents whose exports were all up to date.
    pub skipped: usize,
}

/// Resolves documents (owned or borrowed) with references in the named
/// style.
pub fn resolve_all<D>(docs: &[D], style: &str) -> Result<Vec<Resolved>, BuildError>
where
    D: std::borrow::Borrow<Document> + Sync,
{
    let style = ReferenceStyle::named(style).map_err(BuildError::Style)?;
    Ok(docs
        .par_iter()
        .map(|d| resolve(d.borrow(), &|s| style.format(s)))
        .collect())
}

/// What the exports of one document came to: the files written (exporter,
/// file name, size), its index entry, and the error that stopped it, if any.
struct Exported {
    written: Vec<(&'static dyn Exporter, String, u64)>,
    index: Option<IndexEntry>,
    error: Option<BuildError>,
}

/// The output folder as a path without `.` components or a trailing slash,
/// so that `out/` and `out/.` are checked as the link `out` itself.
pub(crate) fn plain_path(path: &Path) -> PathBuf {
    let plain: PathBuf = path.components().collect();
    if plain.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        plain
    }
}

/// The first symbolic link on the way to `out`: every folder named in a
/// relative path, the last one of an absolute path (whose system folders,
/// such as a symlinked `/tmp`, are the machine's, not the project's).
pub(crate) fn link_on_the_way(out: &Path) -> Option<PathBuf> {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if out.is_absolute() {
        return is_link(out).then(|| out.to_path_buf());
    }
    let mut prefix = PathBuf::new();
    for part in out.components() {
        prefix.push(part);
        if matches!(part, std::path::Component::Normal(_)) && is_link(&prefix) {
            return Some(prefix);
        }
    }
    None
}

/// Builds checked documents into `options.out`, skipping exports that the
/// manifest of an earlier build shows to be up to date (unless
/// `options.force`).
///
/// Each document is resolved, rendered and written in turn, in parallel, so
/// memory holds a few exports at a time whatever the number of documents.
pub fn build(docs: &[Document], options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_some(docs, None, options)
}

/// [`build`] for one shard: exports and lists only the documents whose ids
/// are in `export`; the others in `docs` are there because those documents
/// `ref:` them, and count in their fingerprints as in a build of the whole
/// set, so that the shards' outputs together equal that build's.
pub fn build_shard(
    docs: &[Document],
    export: &std::collections::BTreeSet<String>,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    build_some(docs, Some(export), options)
}

fn build_some(
    docs: &[Document],
    export: Option<&std::collections::BTreeSet<String>>,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let mut seen = std::collections::BTreeSet::new();
    for d in docs {
        if let Err(why) = crate::model::id::file_name_id(&d.id) {
            return Err(match why {
                crate::model::id::IdProblem::Reserved => BuildError::ReservedId(d.id.clone()),
                _ => BuildError::InvalidId(d.id.clone()),
            });
        }
        if !seen.insert(d.id.as_str()) {
            return Err(BuildError::DuplicateId(d.id.clone()));
        }
    }
    let out = plain_path(&options.out);
    let out = out.as_path();
    // Links are refused before anything is written, so a refused build leaves
    // the folder as it was.
    if let Some(link) = link_on_the_way(out) {
        return Err(BuildError::Symlink(link));
    }
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if out.exists() && !out.is_dir() {
        return Err(BuildError::NotAFile {
            path: out.to_path_buf(),
            kind: "not a folder",
        });
    }
    let style = ReferenceStyle::named(&options.export.style).map_err(BuildError::Style)?;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id));
    let docs: Vec<&Document> = order.iter().map(|&i| &docs[i]).collect();

    let previous = if options.force {
        Manifest::empty()
    } else {
        Manifest::load(out)
    };
    let fingerprints = manifest::fingerprints(&docs, &options.export);
    let (docs, fingerprints): (Vec<&Document>, Vec<String>) = docs
        .into_iter()
        .zip(fingerprints)
        .filter(|(d, _)| export.is_none_or(|ids| ids.contains(&d.id)))
        .unzip();
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

    let docs_ref = &docs;
    let names = todo
        .iter()
        .flat_map(|&i| {
            stale[i]
                .iter()
                .map(move |e| format!("{}.{}", docs_ref[i].id, e.extension()))
        })
        .chain(["index.json".to_owned(), manifest::FILE.to_owned()]);
    for name in names {
        let path = out.join(&name);
        if is_link(&path) {
            return Err(BuildError::Symlink(path));
        }
        // A FIFO, socket or device in the way: reading or replacing it could
        // hang or write where nobody meant.
        // (A folder in the way fails at its rename, after the exports before
        // it are written and recorded, like a full disk.)
        if let Some(kind) = crate::files::is_special(&path)
            && kind != "a folder"
        {
            return Err(BuildError::NotAFile { path, kind });
        }
    }
    std::fs::create_dir_all(out).map_err(|error| BuildError::Io {
        path: out.to_path_buf(),
        error,
    })?;
    remove_stale_temporaries(out);

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

    // Only documents with something to export are resolved (the reference
    // style is the costly part of resolving); each export is written as
    // soon as it is rendered. After a failure no new document is started.
    let failed = std::sync::atomic::AtomicBool::new(false);
    let exported: Vec<Exported> = todo
        .par_iter()
        .map(|&i| {
            let mut done = Exported {
                written: Vec::new(),
                index: None,
                error: None,
            };
            if failed.load(std::sync::atomic::Ordering::Relaxed) {
                return done;
            }
            let doc = resolve(docs[i], &|s| style.format(s));
            let counts = Counts::of(&doc);
            done.index = Some(IndexEntry {
                id: doc.id.clone(),
                title: doc.title.clone(),
                updated: doc.updated.clone(),
                topics: doc.topics.clone(),
                authors: doc.authors.iter().map(|a| a.name.to_string()).collect(),
                claims: counts.claims,
                sources: counts.sources,
                exports: BTreeMap::new(),
            });
            for exporter in &stale[i] {
                let rendered = exporter.export(&doc, &options.export);
                if let Some(progress) = &options.progress {
                    progress();
                }
                let name = format!("{}.{}", doc.id, exporter.extension());
                let result = rendered
                    .map_err(|e| BuildError::Export {
                        id: doc.id.clone(),
                        format: exporter.name(),
                        source: e,
                    })
                    .and_then(|bytes| write_atomic(out, &name, &bytes).map(|_| bytes.len() as u64));
                match result {
                    Ok(size) => done.written.push((*exporter, name, size)),
                    Err(e) => {
                        failed.store(true, std::sync::atomic::Ordering::Relaxed);
                        done.error = Some(e);
                        break;
                    }
                }
            }
            done
        })
        .collect();

    let mut report = BuildReport::default();
    let mut failure = None;
    for (&i, done) in todo.iter().zip(exported) {
        if let Some(index) = done.index {
            entries[i].index = index;
        }
        for (exporter, name, bytes) in done.written {
            report.files.push(out.join(&name));
            entries[i].files.insert(
                exporter.name().to_owned(),
                manifest::Written { name, bytes },
            );
        }
        if failure.is_none() {
            failure = done.error;
        }
    }
    // The new manifest keeps what earlier builds wrote for documents not in
    // this one, and the still-fresh exports of those that are.
    let mut manifest = previous;
    for (d, entry) in docs.iter().zip(entries) {
        manifest.documents.insert(d.id.clone(), entry);
    }
    if let Some(e) = failure {
        // What was written stays written and recorded; the rest of this
        // build is given up.
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
        source: e,
    })?;
    // An unchanged catalog is left alone, so a build with nothing to do
    // writes nothing.
    if !same_bytes(&out.join("index.json"), &index) {
        report.files.push(write_atomic(out, "index.json", &index)?);
    }
    let manifest_bytes = manifest.to_bytes();
    if !same_bytes(&out.join(manifest::FILE), &manifest_bytes) {
        write_atomic(out, manifest::FILE, &manifest_bytes)?;
    }
    Ok(report)
}

/// Whether the regular file at `path` holds exactly `bytes` (never blocks on
/// a FIFO).
pub(crate) fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    crate::files::read_regular(path, bytes.len() as u64)
        .is_ok_and(|found| found.as_slice() == bytes)
}

/// Removes the temporary files (`.<name>.tmp-<pid>`) that a build killed
/// before its rename left behind, those of processes no longer running.
fn remove_stale_temporaries(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let Some(pid) = temporary_pid(name) else {
            continue;
        };
        if pid != std::process::id() && !crate::files::process_alive(pid) {
            // `remove_file` never follows a link; a folder is left alone.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name `.<name>.tmp-<pid>`.
fn temporary_pid(name: &str) -> Option<u32> {
    let (stem, pid) = name.rsplit_once(".tmp-")?;
    if !stem.starts_with('.') || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
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
    let io = |error| BuildError::Io {
        path: target.clone(),
        error,
    };
    // Named for `remove_stale_temporaries`; created exclusively, so a stale
    // file (or a link planted there) is removed first, never followed.
    let tmp_name = format!(".{name}.tmp-{}", std::process::id());
    let tmp = dir.join(&tmp_name);
    if std::fs::symlink_metadata(&tmp).is_ok() {
        std::fs::remove_file(&tmp).map_err(|error| BuildError::Io { path: tmp, error })?;
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(&tmp_name).suffix("").rand_bytes(0);
    #[cfg(unix)]
    {
        // As `File::create` would (tempfile's default is 0600): exports are
        // for others to read.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    file.persist(&target).map_err(|e| io(e.error))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[cfg(unix)]
    #[test]
    fn atomic_writes_are_as_readable_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
        let written = write_atomic(dir.path(), "x.md", b"hello").unwrap();
        let plain = dir.path().join("y.md");
        std::fs::write(&plain, b"hello").unwrap();
        assert_eq!(mode(&written), mode(&plain));
    }
}
