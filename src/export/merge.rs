//! `backgrounder index DIR... --out OUT`: merges the output folders of
//! shard builds (`build --shard K/N`) into one, as if one build had written
//! it: every export each shard's `index.json` lists, one `index.json` over
//! all of them and the union of the build manifests.
//!
//! Only what an input's `index.json` names is copied, and only plain file
//! names made from a valid id; a document listed by two inputs, a missing
//! or non-regular export, or an index of another shape stops the merge
//! before anything is written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use super::ExportError;
use super::build::{BuildError, link_on_the_way, plain_path, write_atomic};
use super::index::{INDEX_VERSION, IndexEntry, index_json};
use super::json::to_bytes;
use super::manifest::{self, Manifest};

/// The largest `index.json` read (10,000 documents take about 5 MB).
const MAX_INDEX_BYTES: u64 = 512 * 1024 * 1024;
/// The largest export copied.
const MAX_EXPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// What a merge wrote.
#[derive(Debug, Default)]
pub struct Merged {
    pub documents: usize,
    /// Exports copied (those already in place are not counted).
    pub copied: usize,
    /// Whether the inputs' manifests were merged; false when one was
    /// missing or another build of the tool wrote it (the next `build` into
    /// the folder then exports everything again).
    pub manifest: bool,
}

/// Why a merge stopped; before anything was written, unless the error is
/// one of writing.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("cannot read {}: {source}; is {} a build's output folder?", path.display(), dir.display())]
    NoIndex {
        path: PathBuf,
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a backgrounder index: {source}", path.display())]
    NotAnIndex {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "{} has format_version {found}, this backgrounder writes {INDEX_VERSION}: build the shards and merge them with the same version",
        path.display()
    )]
    Version { path: PathBuf, found: u64 },
    #[error("{} lists the id {id:?}, which cannot name a file", index.display())]
    BadId { index: PathBuf, id: String },
    #[error(
        "{} lists the export {name:?} for `{id}`: not a file name of that document",
        index.display()
    )]
    BadExport {
        index: PathBuf,
        id: String,
        name: String,
    },
    #[error("{} is listed in {} but is not a regular file there", path.display(), index.display())]
    NotAFile { path: PathBuf, index: PathBuf },
    #[error(
        "the document `{id}` is in both {} and {}: shards must not overlap (build each with the same N)",
        first.display(),
        second.display()
    )]
    Overlap {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("cannot create {}: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot remove {}: {source}", path.display())]
    Remove {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Writing into `--out` failed (or it is a symbolic link).
    #[error(transparent)]
    Write(#[from] BuildError),
    #[error(transparent)]
    Export(#[from] ExportError),
}

#[derive(Deserialize)]
struct Index {
    format_version: u64,
    documents: Vec<IndexEntry>,
}

fn read_index(dir: &Path) -> Result<Vec<IndexEntry>, MergeError> {
    let path = dir.join("index.json");
    let bytes = match crate::files::read_regular(&path, MAX_INDEX_BYTES) {
        Ok(bytes) => bytes,
        Err(source) => {
            return Err(MergeError::NoIndex {
                path,
                dir: dir.to_path_buf(),
                source,
            });
        }
    };
    let index: Index = match serde_json::from_slice(&bytes) {
        Ok(index) => index,
        Err(source) => return Err(MergeError::NotAnIndex { path, source }),
    };
    if index.format_version != INDEX_VERSION {
        return Err(MergeError::Version {
            path,
            found: index.format_version,
        });
    }
    Ok(index.documents)
}

/// Whether `name` is an export file name of the document `id`.
fn export_name(id: &str, name: &str) -> bool {
    let plain = Path::new(name).file_name().is_some_and(|n| n == name);
    plain
        && name
            .strip_prefix(id)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|ext| !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Merges the shard folders `inputs` into `out` (which may be one of them).
pub fn merge(inputs: &[PathBuf], out: &Path) -> Result<Merged, MergeError> {
    let mut by_id: BTreeMap<String, (usize, IndexEntry)> = BTreeMap::new();
    for (i, dir) in inputs.iter().enumerate() {
        for entry in read_index(dir)? {
            if !crate::model::id::valid_id(&entry.id)
                || crate::model::id::file_name_id(&entry.id).is_err()
            {
                return Err(MergeError::BadId {
                    index: dir.join("index.json"),
                    id: entry.id,
                });
            }
            for name in entry.exports.values() {
                if !export_name(&entry.id, name) {
                    return Err(MergeError::BadExport {
                        index: dir.join("index.json"),
                        id: entry.id.clone(),
                        name: name.clone(),
                    });
                }
                let path = dir.join(name);
                let regular =
                    std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
                if !regular {
                    return Err(MergeError::NotAFile {
                        path,
                        index: dir.join("index.json"),
                    });
                }
            }
            if let Some((first, _)) = by_id.get(&entry.id) {
                return Err(MergeError::Overlap {
                    id: entry.id,
                    first: inputs[*first].clone(),
                    second: dir.clone(),
                });
            }
            by_id.insert(entry.id.clone(), (i, entry));
        }
    }

    let out = plain_path(out);
    if let Some(link) = link_on_the_way(&out) {
        return Err(BuildError::Symlink(link).into());
    }
    std::fs::create_dir_all(&out).map_err(|source| MergeError::Create {
        path: out.clone(),
        source,
    })?;
    let out_canonical = out.canonicalize().ok();
    let copies: Vec<(PathBuf, &String)> = by_id
        .values()
        .flat_map(|(i, entry)| {
            entry
                .exports
                .values()
                .map(move |name| (inputs[*i].clone(), name))
        })
        .filter(|(dir, _)| dir.canonicalize().ok() != out_canonical)
        .collect();
    let copied: Result<Vec<()>, MergeError> = copies
        .par_iter()
        .map(|(dir, name)| {
            let from = dir.join(name);
            let bytes = match crate::files::read_regular(&from, MAX_EXPORT_BYTES) {
                Ok(bytes) => bytes,
                Err(source) => return Err(MergeError::Read { path: from, source }),
            };
            if super::build::same_bytes(&out.join(name), &bytes) {
                return Ok(());
            }
            write_atomic(&out, name, &bytes)?;
            Ok(())
        })
        .collect();
    copied?;

    let entries: Vec<IndexEntry> = by_id.values().map(|(_, e)| e.clone()).collect();
    let index = to_bytes(&index_json(&entries))?;
    if !super::build::same_bytes(&out.join("index.json"), &index) {
        write_atomic(&out, "index.json", &index)?;
    }

    // The manifests, when every input has one from the same tool.
    let manifests: Vec<Option<Manifest>> = inputs
        .iter()
        .map(|dir| {
            crate::files::read_regular(&dir.join(manifest::FILE), MAX_INDEX_BYTES)
                .ok()
                .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
                .filter(|m| m.format_version == manifest::VERSION)
        })
        .collect();
    let tool = manifests
        .first()
        .and_then(|m| m.as_ref())
        .map(|m| m.tool.clone());
    let agree = manifests
        .iter()
        .all(|m| m.as_ref().is_some_and(|m| Some(&m.tool) == tool.as_ref()));
    let manifest_path = out.join(manifest::FILE);
    let merged_manifest = match (agree, tool) {
        (true, Some(tool)) => {
            let mut merged = Manifest {
                format_version: manifest::VERSION,
                tool,
                documents: BTreeMap::new(),
            };
            for (id, (i, _)) in &by_id {
                if let Some(entry) = manifests[*i].as_ref().and_then(|m| m.documents.get(id)) {
                    merged.documents.insert(id.clone(), entry.clone());
                }
            }
            let bytes = merged.to_bytes();
            if !super::build::same_bytes(&manifest_path, &bytes) {
                write_atomic(&out, manifest::FILE, &bytes)?;
            }
            true
        }
        _ => {
            // A stale manifest could vouch for files the merge replaced.
            if std::fs::symlink_metadata(&manifest_path).is_ok_and(|m| m.file_type().is_file()) {
                std::fs::remove_file(&manifest_path).map_err(|source| MergeError::Remove {
                    path: manifest_path.clone(),
                    source,
                })?;
            }
            false
        }
    };
    Ok(Merged {
        documents: entries.len(),
        copied: copies.len(),
        manifest: merged_manifest,
    })
}

#[cfg(test)]
mod tests {
    use super::export_name;

    #[test]
    fn only_the_documents_own_file_names_are_copied() {
        assert!(export_name("a-b", "a-b.pdf"));
        assert!(export_name("a-b", "a-b.jsonld"));
        for bad in [
            "../a-b.pdf",
            "a-b",
            "a-b.",
            "a-bc.pdf",
            "x/a-b.pdf",
            "a-b.p/df",
            ".a-b.pdf",
        ] {
            assert!(!export_name("a-b", bad), "{bad}");
        }
    }
}
