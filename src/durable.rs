//! Durable, private file operations: the only place srt writes to disk. Folders are made
//! readable by the owner only (0700), files too (0600); a write is on disk before srt says
//! it is done.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub const FILE_MODE: u32 = 0o600;
/// How the name of a file being written whole begins, until it is moved into place (an
/// interrupted write can leave one behind: `doctor` knows them by it).
pub const TEMP_PREFIX: &str = ".tmp";
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents, readable by the owner only, and makes each new
/// folder durable: a folder's name is on disk only once its parent is synced, so the parent
/// of every folder made here is synced, from the deepest up.
pub fn create_private_dir(dir: &Path) -> crate::error::Result<()> {
    create_private_dir_syncing(dir, sync_dir)
}

/// `create_private_dir`, with `sync` standing for syncing a folder.
fn create_private_dir_syncing(dir: &Path, mut sync: impl FnMut(&Path) -> io::Result<()>) -> crate::error::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.as_os_str().is_empty() && !d.is_dir()).collect();
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(|err| crate::error::Error::io("create the folder", dir, err))?;
    for made in missing {
        let parent = parent_of(made);
        sync(parent).map_err(|err| crate::error::Error::io("save the folder", parent, err))?;
    }
    Ok(())
}

/// The folder holding `path`; "." for a bare relative name.
pub fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Flushes a directory's entries (a new file's name) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Writes a whole file (an export), atomically and readable by the owner only: `fill`
/// writes its content, and if it fails, the file is not there at all.
pub fn write_private_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    write_atomically_with(path, true, fill)
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
    let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(dir).map_err(failed)?;
    fill_naming_failures(io::BufWriter::new(temp.as_file_mut()), path, fill)?;
    temp.as_file().sync_all().map_err(failed)?;
    if replace {
        temp.persist(path).map_err(|err| failed(err.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|err| failed(err.error))?;
    }
    sync_dir(dir).map_err(failed)
}

/// Runs `fill` on `out` and flushes it; a failed write is an error naming `path`, whatever
/// `fill` made of it (the `?` on a write does not know which file it was writing).
fn fill_naming_failures<W: Write>(
    out: W,
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> crate::error::Result<()>,
) -> crate::error::Result<()> {
    let mut out = Remembering { inner: out, error: None };
    let filled = fill(&mut out).and_then(|()| Ok(out.flush()?));
    match out.error.take() {
        Some(err) => Err(crate::error::Error::io("write", path, err)),
        None => filled,
    }
}

/// A writer that keeps the first error it met, so the caller can name the file it was for.
struct Remembering<W> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: Write> Remembering<W> {
    fn remember<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        result.map_err(|err| {
            let kind = err.kind();
            self.error.get_or_insert(err);
            io::Error::from(kind)
        })
    }
}

impl<W: Write> Write for Remembering<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.remember(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.remember(result)
    }
}

/// An append-only log file opened for one more line.
pub struct AppendFile {
    file: File,
    is_new: bool,
}

impl AppendFile {
    /// Opens (or makes) the log; `None`, unwritten, when something else than a plain file
    /// is there.
    pub fn open(path: &Path) -> io::Result<Option<Self>> {
        let is_new = fs::symlink_metadata(path).is_err();
        let mut options = OpenOptions::new();
        options.read(true).append(true).create(true).mode(FILE_MODE);
        Ok(open_plain(path, &mut options)?.map(|file| Self { file, is_new }))
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

    /// Appends whole lines in a single write and waits until they are on disk. When that
    /// fails (a full disk), the file is cut back to what it was, so no half line is left.
    pub fn append_lines(self, path: &Path, lines: &[u8]) -> io::Result<()> {
        self.append_lines_with(path, lines, |file, bytes| file.write_all(bytes))
    }

    /// `append_lines`, with `write` standing for writing the bytes to the file.
    fn append_lines_with(
        mut self,
        path: &Path,
        lines: &[u8],
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        debug_assert!(lines.ends_with(b"\n"));
        let before = self.file.metadata()?.len();
        let appended = write(&mut self.file, lines)
            .and_then(|()| self.file.sync_data())
            .and_then(|()| if self.is_new { sync_dir(parent_of(path)) } else { Ok(()) });
        if appended.is_err() {
            // The failure is what the user needs to hear; if undoing fails too, the next
            // save finds the cut-off line and sets it aside.
            let _ = self.undo_append(path, before);
        }
        appended
    }

    /// Puts the file back as it was before a failed append: cut back to `len` bytes, or
    /// gone if this append made it.
    fn undo_append(&mut self, path: &Path, len: u64) -> io::Result<()> {
        if self.is_new && len == 0 {
            fs::remove_file(path)?;
            return sync_dir(parent_of(path));
        }
        self.truncate(len)
    }
}

/// Keeps words srt could not save in a new private file in the temporary folder, named
/// `srt-WHAT-XXXXXX.EXTENSION`, so a parent's words are never lost; `None` if even that fails.
pub fn keep_aside(what: &str, extension: &str, text: &str) -> Option<std::path::PathBuf> {
    let mut file =
        tempfile::Builder::new().prefix(&format!("srt-{what}-")).suffix(&format!(".{extension}")).tempfile().ok()?;
    file.write_all(text.as_bytes()).ok()?;
    file.as_file().sync_all().ok()?;
    file.keep().ok().map(|(_, path)| path)
}

/// What reading a log file found.
#[derive(Debug, PartialEq, Eq)]
pub enum LogBytes {
    /// Its bytes; a missing file reads as empty.
    Read(Vec<u8>),
    /// A pipe, a device, a folder, a socket or a link: never read.
    NotPlain,
}

/// Reads a whole log file, if it is a plain file: never waiting on a pipe, never following
/// a link (which could lead to a device that never ends), never holding more than the
/// size the file had when opened.
pub fn read_log(path: &Path) -> io::Result<LogBytes> {
    let file = match open_plain(path, OpenOptions::new().read(true)) {
        Ok(Some(file)) => file,
        Ok(None) => return Ok(LogBytes::NotPlain),
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(LogBytes::Read(Vec::new())),
        Err(err) => return Err(err),
    };
    let size = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(size).read_to_end(&mut bytes)?;
    Ok(LogBytes::Read(bytes))
}

/// Opens `path` with `options`, without blocking and without following a link; `None`
/// when it is anything but a plain file.
pub fn open_plain(path: &Path, options: &mut OpenOptions) -> io::Result<Option<File>> {
    let file = match options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW).open(path) {
        Ok(file) => file,
        // ELOOP: a link, refused by O_NOFOLLOW; ENXIO: a socket, or a pipe or device with
        // nothing behind it; EISDIR: a folder opened to write.
        Err(err) if matches!(err.raw_os_error(), Some(libc::ELOOP | libc::ENXIO | libc::EISDIR)) => return Ok(None),
        Err(err) => return Err(err),
    };
    Ok(file.metadata()?.is_file().then_some(file))
}

/// Whether `path` itself (not what a link leads to) is a plain file.
pub fn is_plain_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|found| found.is_file())
}

/// Makes a plain file readable by the owner only, through the file itself, so a link put
/// in its place changes nothing else.
pub fn make_private(path: &Path) -> io::Result<()> {
    match open_plain(path, OpenOptions::new().read(true))? {
        Some(file) => file.set_permissions(fs::Permissions::from_mode(FILE_MODE)),
        None => Err(io::Error::new(io::ErrorKind::InvalidInput, "it is not a plain file")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_new_folder_is_made_durable_in_its_parent() {
        let home = tempfile::tempdir().unwrap();
        let deep = home.path().join("data/log/laptop-a/checkins");
        let mut synced = Vec::new();
        create_private_dir_syncing(&deep, |dir| {
            synced.push(dir.to_path_buf());
            sync_dir(dir)
        })
        .unwrap();
        assert!(deep.is_dir());
        let expected: Vec<PathBuf> = ["data/log/laptop-a", "data/log", "data", ""]
            .iter()
            .map(|d| home.path().join(d).components().collect())
            .collect();
        let seen: Vec<PathBuf> = synced.iter().map(|d| d.components().collect()).collect();
        assert_eq!(seen, expected, "the parent of each folder made, deepest first");
        synced.clear();
        create_private_dir_syncing(&deep, |dir| {
            synced.push(dir.to_path_buf());
            Ok(())
        })
        .unwrap();
        assert!(synced.is_empty(), "nothing made, nothing to sync");
    }

    /// Writes the first `n` bytes, then fails as a full disk does.
    fn full_after(n: usize) -> impl FnOnce(&mut File, &[u8]) -> io::Result<()> {
        move |file, bytes| {
            file.write_all(&bytes[..n.min(bytes.len())])?;
            Err(io::Error::from_raw_os_error(28))
        }
    }

    #[test]
    fn a_failed_append_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-11.jsonl");
        fs::write(&path, b"{\"first\":1}\n").unwrap();
        for written in [0, 5, 17] {
            let log = AppendFile::open(&path).unwrap().unwrap();
            let err = log.append_lines_with(&path, b"{\"second\":2}\n", full_after(written)).unwrap_err();
            assert_eq!(err.raw_os_error(), Some(28));
            assert_eq!(fs::read(&path).unwrap(), b"{\"first\":1}\n", "after {written} bytes written");
        }
        AppendFile::open(&path).unwrap().unwrap().append_lines(&path, b"{\"third\":3}\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{\"first\":1}\n{\"third\":3}\n");
    }

    #[test]
    fn a_new_file_a_failed_append_made_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-12.jsonl");
        for written in [0, 4] {
            let log = AppendFile::open(&path).unwrap().unwrap();
            assert!(log.append_lines_with(&path, b"{\"line\":1}\n", full_after(written)).is_err());
            assert!(!path.exists(), "after {written} bytes written");
        }
        fs::write(&path, b"").unwrap();
        let log = AppendFile::open(&path).unwrap().unwrap();
        assert!(log.append_lines_with(&path, b"{\"line\":1}\n", full_after(3)).is_err());
        assert_eq!(fs::read(&path).unwrap(), b"", "an empty file found stays");
    }

    #[test]
    fn only_a_plain_file_is_read_as_a_log() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("children.jsonl");
        fs::write(&plain, b"{}\n").unwrap();
        assert_eq!(read_log(&plain).unwrap(), LogBytes::Read(b"{}\n".to_vec()));
        assert_eq!(read_log(&dir.path().join("missing.jsonl")).unwrap(), LogBytes::Read(Vec::new()));
        let pipe = dir.path().join("2026-10.jsonl");
        let name = std::ffi::CString::new(pipe.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert_eq!(read_log(&pipe).unwrap(), LogBytes::NotPlain, "a pipe, opened without waiting");
        let link = dir.path().join("2026-09.jsonl");
        std::os::unix::fs::symlink(&plain, &link).unwrap();
        assert_eq!(read_log(&link).unwrap(), LogBytes::NotPlain, "a link, even to a plain file");
        assert_eq!(read_log(dir.path()).unwrap(), LogBytes::NotPlain, "a folder");
        assert!(AppendFile::open(&pipe).unwrap().is_none() && AppendFile::open(&link).unwrap().is_none());
        assert!(make_private(&link).is_err());
    }

    #[test]
    fn a_failed_write_names_the_file_it_was_for() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from_raw_os_error(28))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let path = Path::new("/home/sam/report.html");
        let err = fill_naming_failures(Full, path, |out| Ok(out.write_all(b"<html>")?)).unwrap_err();
        assert_eq!(err.message, "could not write /home/sam/report.html: No space left on device (os error 28)");
        let err = fill_naming_failures(Vec::new(), path, |_| Err(crate::error::Error::usage("no"))).unwrap_err();
        assert_eq!(err.message, "no", "an error of `fill` itself stands");
        assert!(fill_naming_failures(Vec::new(), path, |out| Ok(out.write_all(b"ok")?)).is_ok());
    }
}
