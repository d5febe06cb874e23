//! The parent's own editor, run on a note: which editor is meant, starting it, and reading
//! back what was written. srt runs it itself rather than through dialoguer's `Editor`, so
//! that every way it can go wrong is a one-line error (not a panic), an editor that fails
//! saves nothing, and the words written are never lost: the file it edits is removed, or
//! kept and named in what srt says, even when srt is closed (SIGHUP) or asked to stop
//! (SIGTERM) while the editor is open.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};
use crate::text::{visible, visible_path};

/// The editor in force: $VISUAL if set, else $EDITOR if set, else `vi`.
#[derive(Debug, PartialEq, Eq)]
pub struct Editor {
    /// The variable it was named in; `None` for the fallback.
    variable: Option<&'static str>,
    /// As the parent wrote it, for messages.
    command: String,
    program: String,
    args: Vec<String>,
}

impl Editor {
    pub fn from_env() -> Result<Self> {
        Self::chosen(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"))
    }

    /// The editor named by `visual` or else `editor`; a command with arguments
    /// (`code --wait`) is split into words as a shell would.
    fn chosen(visual: Option<OsString>, editor: Option<OsString>) -> Result<Self> {
        let (variable, value) = match (visual, editor) {
            (Some(value), _) => ("VISUAL", value),
            (None, Some(value)) => ("EDITOR", value),
            (None, None) => return Ok(Self::vi()),
        };
        let value = value.into_string().map_err(|_| unusable(variable, "is set but is not valid UTF-8 text"))?;
        if value.is_empty() {
            return Err(unusable(variable, "is set but empty"));
        }
        if value.trim().is_empty() {
            return Err(unusable(variable, "is set but blank"));
        }
        let words = shell_words::split(&value).map_err(|_| unusable(variable, "has a quote that is never closed"))?;
        match words.split_first() {
            Some((program, args)) if !program.is_empty() => Ok(Self {
                variable: Some(variable),
                command: value.clone(),
                program: program.clone(),
                args: args.to_vec(),
            }),
            _ => Err(unusable(variable, "does not name an editor")),
        }
    }

    fn vi() -> Self {
        Self { variable: None, command: "vi".into(), program: "vi".into(), args: Vec::new() }
    }

    /// Opens `text` in the editor and returns what the parent saved. An editor that fails
    /// saves nothing; words that cannot be used are kept in a private file, named, whenever
    /// they are not the journal's own (`saved`): a draft handed back to be mended counts as
    /// the parent's words even if the editor then leaves it as it was.
    pub fn edit(&self, text: &str, saved: &str) -> Result<String> {
        let closing = CatchClosing::install();
        let file = NoteFile::create(text)?;
        let ended = self.run_on(file.path(), &closing)?;
        let written = file.read()?;
        let status = match (ended, closing.caught()) {
            (Ended::Editor(status), None) => status,
            (Ended::Editor(_), Some(signal)) => {
                return Err(closed_while_editing(signal, file, written != saved.as_bytes()));
            }
            (Ended::Closing { signal, editor_still_open }, _) => {
                return Err(closed_while_editing(signal, file, editor_still_open || written != saved.as_bytes()));
            }
        };
        if !status.success() {
            let stopped = format!("{} {}, so nothing was saved", self.describe(), stopped_how(status));
            if written == saved.as_bytes() {
                return Err(Error::failure(stopped));
            }
            return Err(Error::failure(format!("{stopped}; {}", file.keep())));
        }
        String::from_utf8(written).map_err(|_| {
            Error::usage(format!("your editor saved text that is not UTF-8, which srt cannot read; {}", file.keep()))
        })
    }

    /// Runs the editor on `path` and waits for it to finish, or for srt to be closed.
    fn run_on(&self, path: &Path, closing: &CatchClosing) -> Result<Ended> {
        let mut editor = Command::new(&self.program).args(&self.args).arg(path).spawn().map_err(|err| {
            let how = match err.kind() {
                std::io::ErrorKind::NotFound => "it was not found".to_string(),
                _ => err.to_string(),
            };
            Error::failure(format!("could not start {}: {how}; {}", self.describe(), self.remedy()))
        })?;
        let waiting = |err| Error::failure(format!("could not wait for {}: {err}", self.describe()));
        loop {
            if let Some(status) = editor.try_wait().map_err(waiting)? {
                return Ok(Ended::Editor(status));
            }
            if let Some(signal) = closing.caught() {
                return Ok(Ended::Closing { signal, editor_still_open: !wind_down(&mut editor, signal) });
            }
            std::thread::sleep(POLL);
        }
    }

    /// "your editor 'nano -R' (from VISUAL)", made safe to print.
    fn describe(&self) -> String {
        let command = visible(&self.command, false);
        match self.variable {
            Some(variable) => format!("your editor '{command}' (from {variable})"),
            None => format!("your editor '{command}'"),
        }
    }

    fn remedy(&self) -> String {
        match self.variable {
            Some(variable) => format!("set {variable} to an editor you have (e.g. {variable}=nano)"),
            None => "set VISUAL to an editor you have (e.g. VISUAL=nano)".to_string(),
        }
    }
}

/// A variable that names no editor srt can run.
fn unusable(variable: &str, why: &str) -> Error {
    Error::usage(format!("{variable} {why}; set it to your editor (e.g. {variable}=nano) or unset it"))
}

/// How long srt sleeps between looks at the editor and at the signals that close srt.
const POLL: Duration = Duration::from_millis(20);

/// How the wait for the editor ended.
enum Ended {
    Editor(ExitStatus),
    /// srt was closed by `signal` while the editor was open.
    Closing {
        signal: i32,
        editor_still_open: bool,
    },
}

/// Lets an editor that got the same signal (a closed terminal hangs up on both) end on its
/// own, as it may be saving what it can; then passes the signal on to it and waits a
/// little more. Whether the editor has ended.
fn wind_down(editor: &mut Child, signal: i32) -> bool {
    if ends_within(editor, Duration::from_secs(1)) {
        return true;
    }
    if let Ok(pid) = libc::pid_t::try_from(editor.id()) {
        // SAFETY: kill only sends a signal, to the editor srt started and has not reaped.
        unsafe { libc::kill(pid, signal) };
    }
    ends_within(editor, Duration::from_secs(2))
}

fn ends_within(editor: &mut Child, time: Duration) -> bool {
    let deadline = Instant::now() + time;
    loop {
        match editor.try_wait() {
            Ok(Some(_)) => return true,
            // Not known to have ended: its file is kept rather than pulled from under it.
            Err(_) => return false,
            Ok(None) if Instant::now() >= deadline => return false,
            Ok(None) => std::thread::sleep(POLL),
        }
    }
}

/// What srt says when it is closed while the editor is open: nothing was saved, and the
/// note file is removed, or kept and named if it holds the parent's words (or the editor
/// is still open on it).
fn closed_while_editing(signal: i32, file: NoteFile, keep: bool) -> Error {
    let why = match signal {
        libc::SIGHUP => "the terminal was closed",
        _ => "srt was asked to stop",
    };
    let said = format!("{why} while your editor was open, so nothing was saved");
    if keep { Error::failure(format!("{said}; {}", file.keep())) } else { Error::failure(said) }
}

/// The signals that close srt (SIGHUP: the terminal went away; SIGTERM: asked to stop),
/// caught while the editor is open so the note file is not left behind unnamed. Dropped,
/// each is handled as before again. A signal ignored when srt started (`nohup`) stays
/// ignored, for srt and the editor.
struct CatchClosing {
    previous: Vec<(i32, libc::sigaction)>,
}

const CLOSING_SIGNALS: [i32; 2] = [libc::SIGHUP, libc::SIGTERM];

/// The closing signal caught, or 0.
static CLOSED_BY: AtomicI32 = AtomicI32::new(0);

extern "C" fn note_closing(signal: libc::c_int) {
    CLOSED_BY.store(signal, Ordering::SeqCst);
}

impl CatchClosing {
    fn install() -> Self {
        CLOSED_BY.store(0, Ordering::SeqCst);
        let previous = CLOSING_SIGNALS
            .into_iter()
            .filter(|&signal| !is_ignored(signal))
            .filter_map(|signal| Some((signal, set_action(signal, note_closing as *const () as libc::sighandler_t)?)))
            .collect();
        Self { previous }
    }

    fn caught(&self) -> Option<i32> {
        Some(CLOSED_BY.load(Ordering::SeqCst)).filter(|&signal| signal != 0)
    }
}

impl Drop for CatchClosing {
    fn drop(&mut self) {
        for (signal, previous) in &self.previous {
            // SAFETY: restores the action sigaction gave back for this signal.
            unsafe { libc::sigaction(*signal, previous, std::ptr::null_mut()) };
        }
    }
}

fn is_ignored(signal: i32) -> bool {
    // SAFETY: a zeroed sigaction is a valid value to be filled in; a null new action only
    // reads the current one.
    unsafe {
        let mut current: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut current) == 0 && current.sa_sigaction == libc::SIG_IGN
    }
}

/// Sets `handler` for `signal`; the action it replaces, if it was set.
fn set_action(signal: i32, handler: libc::sighandler_t) -> Option<libc::sigaction> {
    // SAFETY: plain C structs, zeroed then filled; the handler only stores to an atomic,
    // which is safe in a signal handler.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        let mut previous: libc::sigaction = std::mem::zeroed();
        (libc::sigaction(signal, &action, &mut previous) == 0).then_some(previous)
    }
}

/// How an editor that failed ended, for the message.
fn stopped_how(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("stopped with exit status {code}"),
        (None, Some(2)) => "was stopped by Ctrl-C".to_string(),
        (None, Some(signal)) => format!("was stopped by signal {signal}"),
        (None, None) => "stopped".to_string(),
    }
}

/// The private file (0600, in the temporary folder) the editor works on. Dropped, it is
/// removed; kept, it stays for the parent and its name is said.
struct NoteFile {
    file: NamedTempFile,
}

impl NoteFile {
    fn create(text: &str) -> Result<Self> {
        let failed = |err| Error::io("write a file for your editor in", &std::env::temp_dir(), err);
        let mut file = tempfile::Builder::new().prefix("srt-note-").suffix(".txt").tempfile().map_err(failed)?;
        file.write_all(text.as_bytes()).and_then(|()| file.flush()).map_err(failed)?;
        Ok(Self { file })
    }

    fn path(&self) -> &Path {
        self.file.path()
    }

    /// What the editor left in the file, as bytes: it may be anything.
    fn read(&self) -> Result<Vec<u8>> {
        fs::read(self.path()).map_err(|err| Error::io("read what your editor saved in", self.path(), err))
    }

    /// Leaves the file in place, readable by the owner only (an editor may have replaced
    /// it with one of its own), and says where it is.
    fn keep(self) -> String {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(self.path(), fs::Permissions::from_mode(crate::durable::FILE_MODE));
        match self.file.keep() {
            Ok((_, path)) => format!("what you wrote is kept in {}", visible_path(&path)),
            Err(_) => "what you wrote could not be kept".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStringExt;

    fn chosen(visual: Option<&str>, editor: Option<&str>) -> Result<Editor> {
        Editor::chosen(visual.map(OsString::from), editor.map(OsString::from))
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        let nano = chosen(Some("nano -R"), Some("ed")).unwrap();
        assert_eq!(
            (nano.variable, nano.program.as_str(), nano.args.as_slice()),
            (Some("VISUAL"), "nano", &["-R".to_string()][..])
        );
        assert_eq!(chosen(None, Some("ed")).unwrap().program, "ed");
        assert_eq!(chosen(None, None).unwrap(), Editor::vi());
        let code = chosen(Some("\"/opt/my editor/code\" --wait"), None).unwrap();
        assert_eq!(code.program, "/opt/my editor/code");
        assert_eq!(code.describe(), "your editor '\"/opt/my editor/code\" --wait' (from VISUAL)");
    }

    #[test]
    fn a_variable_naming_no_editor_is_refused_by_name() {
        let refused = |visual: Option<&str>, editor: Option<&str>| chosen(visual, editor).unwrap_err().message;
        assert_eq!(
            refused(Some(""), Some("nano")),
            "VISUAL is set but empty; set it to your editor (e.g. VISUAL=nano) or unset it"
        );
        assert!(refused(None, Some(" \t")).starts_with("EDITOR is set but blank;"));
        assert!(refused(Some("'nano"), None).starts_with("VISUAL has a quote that is never closed;"));
        assert!(refused(Some("''"), None).starts_with("VISUAL does not name an editor;"));
        let not_utf8 = Editor::chosen(Some(OsString::from_vec(vec![b'v', 0xff])), None).unwrap_err();
        assert!(not_utf8.message.starts_with("VISUAL is set but is not valid UTF-8 text;"), "{}", not_utf8.message);
    }
}
