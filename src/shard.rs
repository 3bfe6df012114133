//! `--shard K/N`: a stable partition of a content set by document id, so
//! that N CI jobs each check or build one part and `backgrounder index`
//! merges what they wrote. A document's shard depends on its id and N only
//! (blake3 of the id), never on which other documents exist.

use std::path::Path;

/// Shard `k` of `n`, 1-based as written on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
}

/// A `--shard` value that is not `K/N` with 1 <= K <= N.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a shard: write K/N with 1 <= K <= N, e.g. 2/4")]
pub struct ParseShardError {
    pub text: String,
}

impl Shard {
    /// Parses `K/N` with 1 <= K <= N.
    pub fn parse(text: &str) -> Result<Shard, ParseShardError> {
        let why = || ParseShardError {
            text: text.to_owned(),
        };
        let (k, n) = text.trim().split_once('/').ok_or_else(why)?;
        let k: u32 = k.trim().parse().map_err(|_| why())?;
        let n: u32 = n.trim().parse().map_err(|_| why())?;
        if k == 0 || n == 0 || k > n {
            return Err(why());
        }
        Ok(Shard { k, n })
    }

    /// The shard (1-based) that holds the document `id` among `n`.
    pub fn of(id: &str, n: u32) -> u32 {
        let hash = blake3::hash(id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        (u64::from_le_bytes(first) % u64::from(n.max(1))) as u32 + 1
    }

    pub fn contains(&self, id: &str) -> bool {
        Shard::of(id, self.n) == self.k
    }

    /// Whether this shard holds the file `path`, whose document id is its
    /// file stem (as `id/file-stem` requires). A file without a stem goes to
    /// shard 1, so that its findings are reported once.
    pub fn holds_file(&self, path: &Path) -> bool {
        match path.file_stem().and_then(|s| s.to_str()) {
            Some(stem) => self.contains(stem),
            None => self.k == 1,
        }
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_id_is_in_exactly_one_shard_and_the_split_is_even() {
        let ids: Vec<String> = (0..4000).map(|i| format!("doc-{i}")).collect();
        let mut counts = [0usize; 4];
        for id in &ids {
            let holders: Vec<u32> = (1..=4)
                .filter(|&k| Shard { k, n: 4 }.contains(id))
                .collect();
            assert_eq!(holders.len(), 1, "{id}");
            counts[holders[0] as usize - 1] += 1;
        }
        for c in counts {
            assert!((900..1100).contains(&c), "{counts:?}");
        }
        // Stable: fixed by the id and N alone.
        assert_eq!(
            Shard::of("mujahadeen-e-khalq", 4),
            Shard::of("mujahadeen-e-khalq", 4)
        );
        assert!(Shard { k: 1, n: 1 }.contains("anything"));
    }

    #[test]
    fn shards_are_written_k_of_n() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { k: 2, n: 4 }));
        for bad in ["0/4", "5/4", "1/0", "2", "a/b", "-1/4", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
