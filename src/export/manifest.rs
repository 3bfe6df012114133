//! The build manifest, `out/.backgrounder-build.json`: for each document
//! built into the folder, the fingerprint of what its exports were made from
//! and the files they were written to. `build` skips an export whose
//! document, referenced documents, tool and options have the same
//! fingerprint and whose file is still there with the size it was written
//! with.
//!
//! The manifest is a cache: a missing, unreadable or foreign one means a
//! full build, never an error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ExportOptions;
use crate::model::Document;

/// The manifest's file name inside the output folder.
pub const FILE: &str = ".backgrounder-build.json";

/// The version of the manifest's shape; another version is ignored.
pub const VERSION: u64 = 1;

/// What one earlier build wrote for one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Hex digest of everything the exports were made from.
    pub fingerprint: String,
    /// Format name to the file written and its size in bytes.
    pub files: BTreeMap<String, Written>,
    /// The document's line in `index.json`.
    pub index: super::index::IndexEntry,
}

/// One export file as it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub name: String,
    pub bytes: u64,
}

/// Every document built into one output folder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format_version: u64,
    /// A digest of the tool that wrote the exports.
    pub tool: String,
    pub documents: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The manifest of `out`, or an empty one when there is none, it cannot
    /// be read, or another version of the tool wrote it.
    pub fn load(out: &Path) -> Manifest {
        let path = out.join(FILE);
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        let read = is_file
            .then(|| std::fs::read(&path).ok())
            .flatten()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok());
        match read {
            Some(m) if m.format_version == VERSION && m.tool == tool() => m,
            _ => Manifest::empty(),
        }
    }

    pub fn empty() -> Manifest {
        Manifest {
            format_version: VERSION,
            tool: tool(),
            documents: BTreeMap::new(),
        }
    }

    /// Whether the export of `id` as `format` is up to date: same
    /// fingerprint, and the file still in `out` with its size.
    pub fn fresh(&self, out: &Path, id: &str, fingerprint: &str, format: &str) -> bool {
        let Some(entry) = self.documents.get(id) else {
            return false;
        };
        let Some(written) = entry.files.get(format) else {
            return false;
        };
        entry.fingerprint == fingerprint
            && std::fs::symlink_metadata(out.join(&written.name))
                .is_ok_and(|m| m.file_type().is_file() && m.len() == written.bytes)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// What identifies the tool that made an export: its version and, when it
/// can be read, the size and modification time of its executable, so a
/// rebuilt binary never reuses exports of an older one.
pub fn tool() -> String {
    static TOOL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOOL.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        if let Some(meta) = std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::metadata(exe).ok())
        {
            hasher.update(&meta.len().to_le_bytes());
            if let Some(since) = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            {
                hasher.update(&since.as_nanos().to_le_bytes());
            }
        }
        hasher.finalize().to_hex()[..32].to_owned()
    })
    .clone()
}

/// The fingerprints of `docs`, in order: each covers the document as
/// loaded (so edits to comments or layout alone rebuild nothing), the
/// documents it references by `ref:` that are among `docs`, and every
/// export option.
pub fn fingerprints(docs: &[&Document], options: &ExportOptions) -> Vec<String> {
    use rayon::prelude::*;
    // The options whole, serialized: a field added to them counts without
    // a line here. Serializing them cannot fail.
    let options = blake3::hash(&serde_json::to_vec(options).unwrap_or_default());
    let own: Vec<blake3::Hash> = docs
        .par_iter()
        .map(|d| {
            let mut hasher = blake3::Hasher::new();
            // Serializing a model value cannot fail; an empty digest input
            // would only make the export rebuild.
            let _ = serde_json::to_writer(&mut hasher, d);
            hasher.finalize()
        })
        .collect();
    let by_id: BTreeMap<&str, &blake3::Hash> = docs
        .iter()
        .zip(&own)
        .map(|(d, h)| (d.id.as_str(), h))
        .collect();
    docs.par_iter()
        .zip(&own)
        .map(|(doc, hash)| {
            let mut hasher = blake3::Hasher::new();
            hasher.update(hash.as_bytes());
            hasher.update(options.as_bytes());
            let refs: BTreeSet<String> = crate::model::links::refs(doc);
            for id in refs {
                hasher.update(id.as_bytes());
                hasher.update(&[0]);
                if let Some(h) = by_id.get(id.as_str()) {
                    hasher.update(h.as_bytes());
                }
            }
            hasher.finalize().to_hex().to_string()
        })
        .collect()
}
