//! Reading files that are regular files only: opened without blocking, then
//! checked, so a FIFO, socket or device named like a backgrounder, a cache
//! or an export is an error and never a hang.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Opens `path` for reading if it is a regular file (following symlinks).
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading blocks until a writer comes, unless
        // non-blocking; on a regular file the flag changes nothing.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() {
        Ok(file)
    } else {
        Err(not_regular(&meta))
    }
}

/// Why a file was not read, carried inside the `io::Error` the readers
/// return (so that callers handle every failure to read alike).
#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    /// "not a regular file (a FIFO)".
    #[error("not a regular file ({kind})")]
    NotRegular { kind: &'static str },
    #[error("larger than {limit} bytes")]
    TooLarge { limit: u64 },
}

/// The error for a path that is not a regular file.
fn not_regular(meta: &std::fs::Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        FilesError::NotRegular { kind: kind(meta) },
    )
}

/// What a file system entry is, in words: "a FIFO", "a folder".
pub fn kind(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_file() {
        "a regular file"
    } else {
        "not a file"
    }
}

/// Whether `err` says the path was not a regular file.
pub fn is_not_regular(err: &io::Error) -> bool {
    matches!(
        err.get_ref().and_then(|e| e.downcast_ref::<FilesError>()),
        Some(FilesError::NotRegular { .. })
    )
}

/// Reads at most `limit + 1` bytes of a regular file (one past the limit,
/// so a caller can tell that it is over).
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len().min(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a whole regular file as UTF-8 text, at most `limit` bytes.
pub fn read_regular_to_string(path: &Path, limit: u64) -> io::Result<String> {
    let bytes = read_regular(path, limit)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            FilesError::TooLarge { limit },
        ));
    }
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// Whether something other than a regular file (or a symlink to one) is at
/// `path`: a FIFO, socket, device or folder. Never blocks.
pub fn is_special(path: &Path) -> Option<&'static str> {
    let meta = std::fs::metadata(path).ok()?;
    (!meta.is_file()).then(|| kind(&meta))
}

/// Whether a process with this id is running (on Unix; elsewhere, assumed
/// so, which keeps its temporary files).
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 only asks whether the process exists; EPERM means it
        // does, as another user's.
        // SAFETY: `kill` with signal 0 sends nothing and touches no memory.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.yaml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = read_regular(&fifo, 100).unwrap_err();
        assert!(is_not_regular(&err), "{err}");
        assert_eq!(err.to_string(), "not a regular file (a FIFO)");
        assert_eq!(is_special(&fifo), Some("a FIFO"));
        let file = dir.path().join("y.yaml");
        std::fs::write(&file, "abc").unwrap();
        assert_eq!(read_regular(&file, 2).unwrap(), b"abc");
        assert_eq!(read_regular_to_string(&file, 3).unwrap(), "abc");
        assert_eq!(
            read_regular_to_string(&file, 2).unwrap_err().to_string(),
            "larger than 2 bytes"
        );
        assert_eq!(is_special(&file), None);
    }
}
