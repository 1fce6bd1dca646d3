//! The files a run reads and writes, handled so that nothing hangs, nothing grows without bound
//! and nothing is left half-written:
//!
//! - [`read_regular`] reads only a regular file (or a link to one), and never more than the size
//!   the file had when it was opened: a FIFO, a socket or a device (`/dev/zero`,
//!   `/dev/urandom`) is refused at once instead of blocking or filling the memory.
//! - [`write_atomic`] writes a temporary file beside the target, flushes it to the disk, renames
//!   it over the target and flushes the directory, so that a crash (even `kill -9` or a power
//!   cut) at any moment leaves either the old file or the new one, never a mixture.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Why `path` cannot be read as a regular file, if it cannot: missing, a directory, or a FIFO,
/// socket or device. `what` names the file for the message (`text`, `checkpoint`, `config`).
pub fn check_regular(path: &Path, what: &str) -> Result<std::fs::Metadata> {
    // `metadata` follows links and never opens the file, so a FIFO cannot block here.
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::Config(format!("cannot read {what} {}: {e}", path.display())))?;
    if meta.is_file() {
        return Ok(meta);
    }
    let kind = if meta.is_dir() {
        "a directory"
    } else {
        special_kind(&meta)
    };
    Err(Error::Config(format!(
        "{what} {} is {kind}, not a regular file",
        path.display()
    )))
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &std::fs::Metadata) -> &'static str {
    "not a file"
}

/// The bytes of the regular file `path`, at most as many as its size when opened (a file that
/// grows while it is read is an error, not an endless read).
pub fn read_regular(path: &Path, what: &str) -> Result<Vec<u8>> {
    let io =
        |e: std::io::Error| Error::Config(format!("cannot read {what} {}: {e}", path.display()));
    check_regular(path, what)?;
    let file = std::fs::File::open(path).map_err(io)?;
    // Checked again on the open file: the path may have been replaced in between.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Error::Config(format!(
            "{what} {} is not a regular file",
            path.display()
        )));
    }
    let size = meta.len();
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(size + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > size {
        return Err(Error::Config(format!(
            "{what} {} grew while it was read (another process is writing it?)",
            path.display()
        )));
    }
    Ok(bytes)
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_string(path: &Path, what: &str) -> Result<String> {
    String::from_utf8(read_regular(path, what)?)
        .map_err(|_| Error::Config(format!("{what} {} is not UTF-8 text", path.display())))
}

/// The temporary file [`write_atomic`] writes before renaming it to `path`.
pub fn temporary(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".tmp");
    PathBuf::from(name)
}

/// Writes `bytes` to `path` so that a crash at any moment leaves the old file or the new one
/// (see the module doc). On an error (a full disk) the old file is untouched and the temporary
/// file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_pausing(path, bytes, None)
}

/// [`write_atomic`] that, given `pause`, stops halfway through the temporary file, says so on
/// stderr and sleeps: a test hook that lets a test kill the process in the middle of a write.
pub(crate) fn write_atomic_pausing(
    path: &Path,
    bytes: &[u8],
    pause: Option<std::time::Duration>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let tmp = temporary(path);
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        match pause {
            Some(pause) => {
                let half = bytes.len() / 2;
                f.write_all(&bytes[..half])?;
                f.sync_all()?;
                eprintln!(
                    "test hook: paused in the middle of writing {}",
                    tmp.display()
                );
                std::thread::sleep(pause);
                f.write_all(&bytes[half..])?;
            }
            None => f.write_all(bytes)?,
        }
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        sync_dir(&dir)
    })();
    if written.is_err() && tmp.is_file() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Flushes a directory's entries (a rename) to the disk, where the platform allows it.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        let dir = std::env::temp_dir().join(format!("evomoe-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        write_atomic(&f, b"hello").unwrap();
        assert_eq!(read_regular(&f, "text").unwrap(), b"hello");
        assert!(!temporary(&f).exists());
        let err = read_regular(&dir, "text").unwrap_err().to_string();
        assert!(err.contains("a directory"), "{err}");
        let err = read_regular(&dir.join("missing"), "text")
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot read text"), "{err}");
        #[cfg(unix)]
        {
            let err = read_regular(Path::new("/dev/zero"), "checkpoint")
                .unwrap_err()
                .to_string();
            assert!(err.contains("a device, not a regular file"), "{err}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = std::env::temp_dir().join(format!("evomoe-files-fail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("b.bin");
        write_atomic(&f, b"old").unwrap();
        // The temporary path is taken by a directory: the write fails.
        std::fs::create_dir_all(temporary(&f)).unwrap();
        assert!(write_atomic(&f, b"new").is_err());
        assert_eq!(std::fs::read(&f).unwrap(), b"old");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
