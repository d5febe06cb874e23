//! Durable, private file operations: the only place srt touches the disk to write.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents, readable by the owner only, and makes the
/// new entries durable.
pub fn create_private_dir(dir: &Path) -> crate::error::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(|err| crate::error::Error::io("create the folder", dir, err))?;
    if let Some(parent) = dir.parent() {
        sync_dir(parent).map_err(|err| crate::error::Error::io("save the folder", parent, err))?;
    }
    Ok(())
}

/// Flushes a directory's entries (a new file's name) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes a whole new file, durably and with mode 0600, under a name that must not exist
/// yet: it is written aside and linked into place, so no reader ever sees it half-written.
/// If another process got there first, its file stands and this returns `AlreadyExists`.
pub fn write_new_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist_noclobber(path).map_err(|err| err.error)?;
    sync_dir(dir)
}

/// An append-only log file opened for one more line.
pub struct AppendFile {
    file: File,
    is_new: bool,
}

impl AppendFile {
    pub fn open(path: &Path) -> io::Result<Self> {
        let is_new = !path.exists();
        let file = OpenOptions::new().read(true).append(true).create(true).mode(FILE_MODE).open(path)?;
        Ok(Self { file, is_new })
    }

    /// The bytes after the last line break, left by a save that was cut off, if any.
    pub fn torn_tail(&mut self) -> io::Result<Option<(u64, Vec<u8>)>> {
        let len = self.file.metadata()?.len();
        if len == 0 {
            return Ok(None);
        }
        let mut last = [0u8];
        self.file.seek(SeekFrom::Start(len - 1))?;
        self.file.read_exact(&mut last)?;
        if last[0] == b'\n' {
            return Ok(None);
        }
        let mut content = Vec::new();
        self.file.seek(SeekFrom::Start(0))?;
        self.file.read_to_end(&mut content)?;
        let keep = content.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        Ok(Some((keep as u64, content.split_off(keep))))
    }

    /// Cuts the file back to `len` bytes, durably. Only for a torn tail already backed up.
    pub fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.file.set_len(len)?;
        self.file.sync_all()
    }

    /// Appends one whole line in a single write and waits until it is on disk.
    pub fn append_line(mut self, path: &Path, line: &[u8]) -> io::Result<()> {
        debug_assert!(line.ends_with(b"\n"));
        self.file.write_all(line)?;
        self.file.sync_data()?;
        if self.is_new
            && let Some(parent) = path.parent()
        {
            sync_dir(parent)?;
        }
        Ok(())
    }
}

/// Reads a whole file; a missing file reads as empty.
pub fn read_if_exists(path: &Path) -> io::Result<Vec<u8>> {
    match fs::read(path) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        other => other,
    }
}
