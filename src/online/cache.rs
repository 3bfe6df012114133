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

/// The largest cache file read; a larger one is ignored with a warning.
/// Hundreds of bytes an entry, so room for far more than `MAX_ENTRIES`.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The most entries written: the most recently checked are kept.
pub const MAX_ENTRIES: usize = 50_000;

/// How far in the future a `checked` time may be (clocks differ a little
/// between machines) before the entry counts as expired.
const CLOCK_SKEW: u64 = 300;

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

/// Why the cache was not written (the run goes on; it is a warning).
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error(transparent)]
    Serialize(#[from] serde_json::Error),
    #[error("cannot write the link cache {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not writing the link cache: {} is a symbolic link", path.display())]
    Symlink { path: PathBuf },
    #[error("not writing the link cache: {} is not a regular file", path.display())]
    NotAFile { path: PathBuf },
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
        // Never blocks on a FIFO, never reads more than MAX_BYTES.
        let text = match crate::files::read_regular_to_string(path, MAX_BYTES) {
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
        let now = now();
        // A time in the future is not trusted: such an entry never aged.
        if entry.checked > now.saturating_add(CLOCK_SKEW) {
            return None;
        }
        let age = now.saturating_sub(entry.checked);
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
    pub fn save(&self) -> Result<(), CacheError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let now = now();
        let horizon = now.saturating_sub(KEEP.as_secs());
        let mut kept: Vec<(&String, &Entry)> = self
            .entries
            .iter()
            .filter(|(_, e)| e.checked >= horizon && e.checked <= now.saturating_add(CLOCK_SKEW))
            .collect();
        if kept.len() > MAX_ENTRIES {
            kept.sort_by(|a, b| b.1.checked.cmp(&a.1.checked).then(a.0.cmp(b.0)));
            kept.truncate(MAX_ENTRIES);
        }
        let file = CacheFile {
            version: 1,
            entries: kept
                .into_iter()
                .map(|(k, e)| (k.clone(), e.clone()))
                .collect(),
        };
        let text = serde_json::to_string(&file)?;
        let fail = |source: std::io::Error| CacheError::Write {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            // The cache is written only into a real folder, never through a
            // link to somewhere else, and never over a FIFO or device.
            if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(CacheError::Symlink {
                    path: dir.to_path_buf(),
                });
            }
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        if std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file()) {
            return Err(CacheError::NotAFile { path: path.clone() });
        }
        let temp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        std::fs::write(&temp, text).map_err(fail)?;
        std::fs::rename(&temp, path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            fail(e)
        })
    }
}
