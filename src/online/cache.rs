//! The results cache, `.backgrounder/links.json`: what each URL answered and
//! when, so that repeated runs request only expired or failed URLs. A cache
//! that cannot be read is ignored with a warning; it is never fatal.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Answer;

/// The cache file, relative to the folder it lives beside.
pub const FILE: &str = ".backgrounder/links.json";

/// Entries older than this are dropped when the cache is written.
const KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

/// One URL's last answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Seconds since the Unix epoch when it was requested.
    pub checked: u64,
    pub answer: Answer,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

/// The cache as loaded, keyed by URL without its fragment.
#[derive(Debug, Default)]
pub struct Cache {
    pub path: Option<PathBuf>,
    pub entries: BTreeMap<String, Entry>,
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// Reads the cache at `path`; a missing file is an empty cache, a
    /// corrupt one is an empty cache and a warning.
    pub fn load(path: &Path) -> (Cache, Option<String>) {
        let mut cache = Cache {
            path: Some(path.to_path_buf()),
            entries: BTreeMap::new(),
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (cache, None),
            Err(e) => {
                return (
                    cache,
                    Some(format!(
                        "cannot read the link cache {}: {e}; checking every URL",
                        path.display()
                    )),
                );
            }
        };
        match serde_json::from_str::<CacheFile>(&text) {
            Ok(file) if file.version == 1 => {
                cache.entries = file.entries;
                (cache, None)
            }
            Ok(_) | Err(_) => (
                cache,
                Some(format!(
                    "the link cache {} is corrupt or from another version; ignoring it and checking every URL",
                    path.display()
                )),
            ),
        }
    }

    /// A fresh, successful answer for `url`, if there is one.
    pub fn fresh(&self, url: &str, ttl: Duration, need_body: bool) -> Option<&Answer> {
        let entry = self.entries.get(url)?;
        let age = now().saturating_sub(entry.checked);
        let usable = match &entry.answer {
            Answer::Ok { fetched, .. } => !need_body || *fetched,
            _ => false,
        };
        (usable && age < ttl.as_secs()).then_some(&entry.answer)
    }

    pub fn record(&mut self, url: String, answer: Answer) {
        self.entries.insert(
            url,
            Entry {
                checked: now(),
                answer,
            },
        );
    }

    /// Writes the cache atomically (a temporary file, then a rename),
    /// dropping entries older than 30 days.
    pub fn save(&self) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let horizon = now().saturating_sub(KEEP.as_secs());
        let file = CacheFile {
            version: 1,
            entries: self
                .entries
                .iter()
                .filter(|(_, e)| e.checked >= horizon)
                .map(|(k, e)| (k.clone(), e.clone()))
                .collect(),
        };
        let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        let fail =
            |e: std::io::Error| format!("cannot write the link cache {}: {e}", path.display());
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let temp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        std::fs::write(&temp, text).map_err(fail)?;
        std::fs::rename(&temp, path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            fail(e)
        })
    }
}
