//! Document ids as file names: the one place that says which ids `build`
//! can turn into `out/<id>.<ext>`, used by `check` (`id/file-name`) and by
//! `build` alike, so the two never disagree.

/// The longest id: with the longest extension and a temporary file's
/// prefix and suffix, a file name stays under the 255 bytes file systems allow.
pub const MAX_LEN: usize = 200;

/// Ids that would name the build's own files (`out/index.json`).
pub const RESERVED: [&str; 1] = ["index"];

/// Whether `id` can name a file: kebab-case and not too long (a reserved
/// id is a file name too, only not a document's).
pub fn valid_id(id: &str) -> bool {
    !matches!(
        file_name_id(id),
        Err(IdProblem::NotKebab | IdProblem::TooLong)
    )
}

/// Why an id cannot name an export file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// Not kebab-case (`a-z`, `0-9`, single inner hyphens), or empty.
    NotKebab,
    /// Longer than [`MAX_LEN`] bytes.
    TooLong,
    /// One of [`RESERVED`].
    Reserved,
}

impl std::fmt::Display for IdProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdProblem::NotKebab => f.write_str("is not kebab-case"),
            IdProblem::TooLong => write!(f, "is longer than {MAX_LEN} characters"),
            IdProblem::Reserved => {
                f.write_str("is reserved: its JSON export would replace out/index.json")
            }
        }
    }
}

/// Whether `id` is kebab-case: lowercase letters and digits, words joined
/// by single hyphens (the schema's `id` pattern).
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `id` can name a document's exports, and if not, why.
pub fn file_name_id(id: &str) -> Result<(), IdProblem> {
    if !is_kebab(id) {
        Err(IdProblem::NotKebab)
    } else if id.len() > MAX_LEN {
        Err(IdProblem::TooLong)
    } else if RESERVED.contains(&id) {
        Err(IdProblem::Reserved)
    } else {
        Ok(())
    }
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
    fn ids_that_name_files() {
        assert_eq!(file_name_id("mujahadeen-e-khalq"), Ok(()));
        assert_eq!(file_name_id(&"a".repeat(MAX_LEN)), Ok(()));
        assert_eq!(
            file_name_id(&"a".repeat(MAX_LEN + 1)),
            Err(IdProblem::TooLong)
        );
        assert_eq!(file_name_id("index"), Err(IdProblem::Reserved));
        for bad in [
            "", "../etc", "a/b", "A", "-a", "a-", "a--b", ".", "a.b", "a b",
        ] {
            assert_eq!(file_name_id(bad), Err(IdProblem::NotKebab), "{bad:?}");
        }
    }
}
