//! The log line format: each line is one full revision of one record (DESIGN §3), and the
//! journal is the fold of every device's lines, the latest revision of each id winning.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::model::Record;

/// The version of the line format this srt writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Put,
    Delete,
}

#[derive(Serialize)]
struct LineOut<'a, T> {
    v: u32,
    op: Op,
    kind: &'a str,
    id: &'a str,
    at: DateTime<Utc>,
    device: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a T>,
}

/// A line as read: the record is parsed in the same pass as its envelope.
#[derive(Deserialize)]
struct LineIn<'a, T> {
    v: u32,
    op: Op,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    id: String,
    #[serde(deserialize_with = "crate::model::rfc3339::utc")]
    at: DateTime<Utc>,
    #[serde(borrow)]
    device: Cow<'a, str>,
    data: Option<T>,
}

#[derive(Deserialize)]
struct VersionOnly {
    v: u32,
}

/// Who wrote a revision and when: the key that orders revisions of one record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub at: DateTime<Utc>,
    /// Shared: a log's lines nearly all name the same device.
    pub device: Arc<str>,
}

/// One line, as written.
pub struct Revision<'a, T> {
    pub kind: &'a str,
    pub id: &'a str,
    pub stamp: &'a Stamp,
    /// `None` deletes the record.
    pub record: Option<&'a T>,
}

impl<T: Serialize> Revision<'_, T> {
    pub fn to_line(&self) -> Vec<u8> {
        let line = LineOut {
            v: FORMAT_VERSION,
            op: if self.record.is_some() { Op::Put } else { Op::Delete },
            kind: self.kind,
            id: self.id,
            at: self.stamp.at,
            device: &self.stamp.device,
            data: self.record,
        };
        let mut bytes = serde_json::to_vec(&line).expect("records always serialise");
        bytes.push(b'\n');
        bytes
    }
}

/// A record as the fold left it, with the stamp of its latest revision.
#[derive(Debug, Clone)]
pub struct Stored<T> {
    pub stamp: Stamp,
    pub record: T,
}

impl<T> std::ops::Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.record
    }
}

/// The latest revision of each id, deletions (`None`) included. Hashed with foldhash:
/// std's SipHash took a sixth of the time of reading a journal, and the ids are our own.
pub type Revisions<T> = foldhash::HashMap<String, (Stamp, Option<T>)>;

/// The latest revision of each id seen so far.
pub struct Fold<T> {
    latest: Revisions<T>,
}

impl<T> Default for Fold<T> {
    fn default() -> Self {
        Self { latest: Revisions::default() }
    }
}

impl<T> Fold<T> {
    /// Offers one revision; lines are offered in file order, so on an equal stamp the later
    /// line of the same device wins.
    pub fn offer(&mut self, id: String, stamp: Stamp, record: Option<T>) {
        match self.latest.get_mut(&id) {
            Some(current) if current.0 > stamp => {}
            Some(current) => *current = (stamp, record),
            None => {
                self.latest.insert(id, (stamp, record));
            }
        }
    }

    /// The records that are not deleted, in no particular order.
    pub fn live(self) -> Vec<Stored<T>> {
        self.latest.into_values().filter_map(|(stamp, record)| record.map(|record| Stored { stamp, record })).collect()
    }

    /// The latest revision of every id, deletions (`None`) included.
    pub fn latest(self) -> Revisions<T> {
        self.latest
    }
}

/// A warning about the journal that does not stop the command.
pub type Warnings = std::cell::RefCell<Vec<String>>;

/// Reads one log file and offers each revision of `kind` to `fold`. A cut-off last line is
/// skipped with a warning; any other unreadable line is an error naming file and line.
pub fn read_into<T: Record>(path: &Path, kind: &str, fold: &mut Fold<T>, warnings: &Warnings) -> Result<()> {
    let bytes = super::file::read_if_exists(path).map_err(|err| Error::io("read the journal at", path, err))?;
    // Checked as UTF-8 once for the whole file, which is much cheaper than string by string.
    let text = std::str::from_utf8(&bytes).map_err(|err| {
        let line = bytes[..err.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        LineProblem::Damaged("it is not UTF-8 text".into()).into_error(path, line)
    })?;
    // Room for about as many records as the file has lines (none is shorter than this), so
    // the map is not rebuilt as it grows.
    fold.latest.reserve(bytes.len() / 256);
    let (mut start, mut number) = (0, 0);
    let mut last_device = None;
    // memchr finds line ends with SIMD, several times faster than `str::split`.
    for end in memchr::memchr_iter(b'\n', bytes.as_slice()) {
        let line = &text[start..end];
        (start, number) = (end + 1, number + 1);
        if !line.trim().is_empty() {
            read_line(line, kind, fold, &mut last_device).map_err(|problem| problem.into_error(path, number))?;
        }
    }
    if start < text.len() {
        warnings.borrow_mut().push(format!(
            "the last line of {} (line {}) was cut off by an interrupted save and is skipped",
            path.display(),
            number + 1
        ));
    }
    Ok(())
}

/// What is wrong with one line of a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// Written by a newer srt: kept, and readable after an upgrade.
    Newer(u32),
    /// Unreadable, or breaking the rules of its record.
    Damaged(String),
    /// The last line, cut off by an interrupted save.
    Torn,
}

/// One log file, line by line.
pub struct Inspection {
    pub records: usize,
    /// Problems with their line numbers.
    pub problems: Vec<(usize, LineProblem)>,
}

/// Reads every line of a log of `kind` and says what each problem is, without stopping at
/// the first (for `srt doctor`).
pub fn inspect<T: Record>(bytes: &[u8], kind: &str) -> Inspection {
    let mut fold = Fold::<T>::default();
    let mut last_device = None;
    let mut inspection = Inspection { records: 0, problems: Vec::new() };
    for (number, line, whole) in numbered_lines(bytes) {
        if !whole {
            inspection.problems.push((number, LineProblem::Torn));
            continue;
        }
        let Ok(line) = std::str::from_utf8(line) else {
            inspection.problems.push((number, LineProblem::Damaged("it is not UTF-8 text".into())));
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match read_line(line, kind, &mut fold, &mut last_device) {
            Ok(()) => inspection.records += 1,
            Err(problem) => inspection.problems.push((number, problem)),
        }
    }
    inspection
}

/// The lines of a log with their numbers (from 1), and whether each ended with a line break
/// (only the last can have been cut off).
pub fn numbered_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8], bool)> {
    bytes.split_inclusive(|&b| b == b'\n').enumerate().map(|(index, line)| match line.strip_suffix(b"\n") {
        Some(whole) => (index + 1, whole, true),
        None => (index + 1, line, false),
    })
}

impl LineProblem {
    fn into_error(self, path: &Path, line: usize) -> Error {
        let path = path.display();
        Error::failure(match self {
            LineProblem::Newer(v) => format!(
                "{path} line {line} was written by a newer srt (v{v}); this srt reads up to v{FORMAT_VERSION}; please upgrade"
            ),
            LineProblem::Damaged(why) => format!(
                "could not read the journal at {path} line {line}: {why}; nothing was changed: run `srt doctor --repair` to set the line aside"
            ),
            LineProblem::Torn => format!("{path} line {line} was cut off by an interrupted save"),
        })
    }
}

/// serde_json's message without its own "at line 1 column N", which would read as a second
/// line number beside the file's.
fn json_reason(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let reason = message.rsplit_once(" at line ").map_or(message.as_str(), |(reason, _)| reason);
    format!("{reason} (at character {})", err.column())
}

fn read_line<T: Record>(
    line: &str,
    kind: &str,
    fold: &mut Fold<T>,
    last_device: &mut Option<Arc<str>>,
) -> Result<(), LineProblem> {
    let damaged = |why: String| LineProblem::Damaged(why);
    let parsed: LineIn<T> = match serde_json::from_str(line) {
        Ok(parsed) => parsed,
        Err(err) => {
            return Err(match serde_json::from_str::<VersionOnly>(line) {
                Ok(VersionOnly { v }) if v > FORMAT_VERSION => LineProblem::Newer(v),
                _ => damaged(json_reason(&err)),
            });
        }
    };
    if parsed.v > FORMAT_VERSION {
        return Err(LineProblem::Newer(parsed.v));
    }
    if parsed.kind != kind {
        return Err(damaged(format!("found a '{}' record where only '{kind}' records belong", parsed.kind)));
    }
    let record = match (parsed.op, parsed.data) {
        (Op::Put, Some(record)) => {
            record.check().map_err(damaged)?;
            Some(record)
        }
        (Op::Put, None) => return Err(damaged("a saved record has no data".into())),
        (Op::Delete, _) => None,
    };
    let device = match last_device.take() {
        Some(same) if *same == *parsed.device => same,
        _ => Arc::from(parsed.device.as_ref()),
    };
    *last_device = Some(Arc::clone(&device));
    fold.offer(parsed.id, Stamp { at: parsed.at, device }, record);
    Ok(())
}
