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
    let parent = parent_of(dir);
    sync_dir(parent).map_err(|err| crate::error::Error::io("save the folder", parent, err))
}

/// The folder holding `path`; "." for a bare relative name.
pub fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Takes group and other permissions away from a folder srt keeps private.
pub fn make_private(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = fs::metadata(dir)?.permissions();
    if permissions.mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(permissions.mode() & 0o700))?;
    }
    Ok(())
}

/// Flushes a directory's entries (a new file's name) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes a whole file, durably and with mode 0600: `fill` writes it aside in the same
/// folder, and it is then moved into place, so no reader ever sees it half-written; when
/// `fill` fails, nothing is in place. With `replace` false an existing file stands and this
/// fails.
pub fn write_atomically_with(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut dyn Write) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    let failed = |err: io::Error| crate::error::Error::io("write", path, err);
    let dir = parent_of(path);
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    {
        let mut buffered = io::BufWriter::new(temp.as_file_mut());
        fill(&mut buffered)?;
        buffered.flush().map_err(failed)?;
    }
    temp.as_file().sync_all().map_err(failed)?;
    if replace {
        temp.persist(path).map_err(|err| failed(err.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|err| failed(err.error))?;
    }
    sync_dir(dir).map_err(failed)
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

    /// Appends whole lines in a single write and waits until they are on disk.
    pub fn append_lines(mut self, path: &Path, lines: &[u8]) -> io::Result<()> {
        debug_assert!(lines.ends_with(b"\n"));
        self.file.write_all(lines)?;
        self.file.sync_data()?;
        if self.is_new {
            sync_dir(parent_of(path))?;
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
