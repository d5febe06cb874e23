//! The parent's own editor, run on a note: which editor is meant, starting it, and reading
//! back what was written. srt runs it itself rather than through dialoguer's `Editor`, so
//! that every way it can go wrong is a one-line error (not a panic), an editor that fails
//! saves nothing, and the words written are never lost: the file it edits is removed, or
//! kept and named in what srt says.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, ExitStatus};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};
use crate::text::visible;

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
    /// saves nothing; words that cannot be used are kept in a private file, named.
    pub fn edit(&self, text: &str) -> Result<String> {
        let file = NoteFile::create(text)?;
        let status = self.run_on(file.path())?;
        let written = file.read()?;
        if !status.success() {
            let stopped = format!("{} {}, so nothing was saved", self.describe(), stopped_how(status));
            if written == text.as_bytes() {
                return Err(Error::failure(stopped));
            }
            return Err(Error::failure(format!("{stopped}; {}", file.keep())));
        }
        String::from_utf8(written).map_err(|_| {
            Error::usage(format!("your editor saved text that is not UTF-8, which srt cannot read; {}", file.keep()))
        })
    }

    /// Runs the editor on `path` and waits for it to finish.
    fn run_on(&self, path: &Path) -> Result<ExitStatus> {
        Command::new(&self.program).args(&self.args).arg(path).status().map_err(|err| {
            let how = match err.kind() {
                std::io::ErrorKind::NotFound => "it was not found".to_string(),
                _ => err.to_string(),
            };
            Error::failure(format!("could not start {}: {how}; {}", self.describe(), self.remedy()))
        })
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
            Ok((_, path)) => format!("what you wrote is kept in {}", visible(&path.display().to_string(), false)),
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
