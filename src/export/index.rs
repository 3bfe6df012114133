//! `index.json`: the catalog of exported documents, one entry each, as
//! `build` writes it and `backgrounder index` merges it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The version of `index.json`'s shape.
pub const INDEX_VERSION: u64 = 1;

/// One exported document, as listed in `index.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// The catalog of exported documents.
pub fn index_json(entries: &[IndexEntry]) -> Value {
    json!({
        "format_version": INDEX_VERSION,
        "documents": entries,
    })
}
