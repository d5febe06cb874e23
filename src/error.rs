//! The one error type of srt, and the exit code each kind maps to.

use std::fmt;
use std::io;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Something went wrong that is not the user's input: exit 1.
    Failure,
    /// Bad usage or bad input: exit 2.
    Usage,
    /// The user cancelled a prompt: exit 130, quietly.
    Cancelled,
    /// The reader of our output went away (`srt list | head`): exit 0, quietly.
    ClosedPipe,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Usage, message: message.into() }
    }

    pub fn failure(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Failure, message: message.into() }
    }

    pub fn cancelled() -> Self {
        Self { kind: ErrorKind::Cancelled, message: String::new() }
    }

    /// An I/O failure while doing `action` on `path`.
    pub fn io(action: &str, path: &Path, err: io::Error) -> Self {
        Self::failure(format!("could not {action} {}: {err}", path.display()))
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::Failure => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Cancelled => 130,
            ErrorKind::ClosedPipe => 0,
        }
    }
}

/// Shown with every control character made visible: a message may quote a path, a field
/// name or a value that came from a file, and none of them may drive the terminal.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::text::visible(&self.message, false))
    }
}

/// Writing to standard output: a closed pipe ends the command quietly, anything else is a
/// failure. (A write to a file is reported with the file's path: see `Error::io`.)
impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            Self { kind: ErrorKind::ClosedPipe, message: String::new() }
        } else {
            Self::failure(format!("could not write to the standard output: {err}"))
        }
    }
}
