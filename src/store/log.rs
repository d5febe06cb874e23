//! The log line format: each line is one full revision of one record, and the journal is
//! the fold of every device's lines, the latest revision of each id winning.
//!
//! A line: `{"v": 2, "op": "put", "kind": "checkin", "id": "...", "at": "<UTC time>",
//! "device": "laptop-a", "data": {...}}`; a deletion has `"op": "delete"` and no data.
//! `at` and `device` order the revisions of one record: a later `at` wins, and on an equal
//! one the greater device id. Lines of every version from 1 up to `FORMAT_VERSION` read
//! (see `model::upgrade`); a line of a newer version is refused with both numbers.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

use super::kinds::{Line, Month};
use crate::durable::{self, LogBytes};
use crate::error::{Error, Result};
use crate::text::{visible, visible_path};

/// The version of the line format this srt writes and the newest it reads.
pub const FORMAT_VERSION: u32 = crate::model::upgrade::CURRENT;

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
#[serde(deny_unknown_fields)]
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
    /// Boxed: a record is moved several times between the parse and the fold, and a
    /// check-in is a few hundred bytes.
    data: Option<Box<T>>,
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

/// A record as the fold left it, with the id of its lines and the stamp of its latest
/// revision.
#[derive(Debug, Clone)]
pub struct Stored<T> {
    /// The id its lines carry; a change of the record is written under it.
    pub id: String,
    pub stamp: Stamp,
    pub record: T,
}

impl<T> std::ops::Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.record
    }
}

impl<T> Stored<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Stored<U> {
        Stored { id: self.id, stamp: self.stamp, record: f(self.record) }
    }
}

/// The latest revision of each id, deletions (`None`) included.
pub type Revisions<T> = std::collections::HashMap<String, (Stamp, Option<T>)>;

/// A revision as read from a line: `None` deletes the record.
type Read<T> = Option<Box<T>>;

/// The latest revision of each id seen so far.
pub struct Fold<T> {
    latest: Revisions<Box<T>>,
}

impl<T> Default for Fold<T> {
    fn default() -> Self {
        Self { latest: Revisions::default() }
    }
}

impl<T: Line> Fold<T> {
    /// Offers one revision; lines are offered in file order, so on an equal stamp the later
    /// line of the same device wins. Whichever wins keeps what the other knew.
    pub fn offer(&mut self, id: String, stamp: Stamp, mut record: Read<T>) {
        match self.latest.get_mut(&id) {
            Some((current_stamp, current)) if *current_stamp > stamp => {
                if let (Some(current), Some(older)) = (current, &record) {
                    current.remember(current_stamp.at, older, stamp.at);
                }
            }
            Some(current) => {
                if let (Some(newer), Some(older)) = (&mut record, &current.1) {
                    newer.remember(stamp.at, older, current.0.at);
                }
                *current = (stamp, record);
            }
            None => {
                self.latest.insert(id, (stamp, record));
            }
        }
    }

    /// The records that are not deleted, in no particular order.
    pub fn live(self) -> impl Iterator<Item = Stored<Box<T>>> {
        self.latest.into_iter().filter_map(|(id, (stamp, record))| record.map(|record| Stored { id, stamp, record }))
    }

    /// The latest revision of every id, deletions (`None`) included.
    pub fn latest(self) -> Revisions<Box<T>> {
        self.latest
    }
}

/// A warning about the journal that does not stop the command.
pub type Warnings = std::cell::RefCell<Vec<String>>;

/// Reads one log file and offers each revision to `fold`. A cut-off last line is skipped
/// with a warning; any other unreadable line is an error naming file and line.
/// `month` is that of a check-in file, whose records must be of that month.
pub fn read_into<T: Line>(path: &Path, month: Option<Month>, fold: &mut Fold<T>, warnings: &Warnings) -> Result<()> {
    let bytes = read_file(path, warnings)?;
    // Room for about as many records as the file has lines (none is shorter than this), so
    // the map is not rebuilt as it grows.
    fold.latest.reserve(bytes.len() / 256);
    read_each(path, &bytes, month, warnings, |id, stamp, record| fold.offer(id, stamp, record))
}

/// Like `read_into`, for a log whose records must never go missing without a word (the
/// safety concerns): one that is there but not a plain file stops the command.
pub fn read_all_into<T: Line>(path: &Path, fold: &mut Fold<T>, warnings: &Warnings) -> Result<()> {
    match durable::read_log(path).map_err(|err| Error::io("read the journal at", path, err))? {
        LogBytes::Read(bytes) => {
            read_each(path, &bytes, None, warnings, |id, stamp, record| fold.offer(id, stamp, record))
        }
        LogBytes::NotPlain => Err(Error::failure(format!(
            "{} is not a plain file, so srt cannot read the safety concerns it should hold: see `srt doctor`",
            visible_path(path)
        ))),
    }
}

/// The bytes of one log file: none when it is missing, and none, with a warning, when it
/// is not a plain file (a pipe or a link could hang srt or never end).
pub fn read_file(path: &Path, warnings: &Warnings) -> Result<Vec<u8>> {
    match durable::read_log(path).map_err(|err| Error::io("read the journal at", path, err))? {
        LogBytes::Read(bytes) => Ok(bytes),
        LogBytes::NotPlain => {
            warnings
                .borrow_mut()
                .push(format!("{} is not a plain file; srt does not read it: see `srt doctor`", visible_path(path)));
            Ok(Vec::new())
        }
    }
}

/// Reads one log file and hands `f` every revision in it, in file order.
pub fn read_each<T: Line>(
    path: &Path,
    bytes: &[u8],
    month: Option<Month>,
    warnings: &Warnings,
    mut f: impl FnMut(String, Stamp, Read<T>),
) -> Result<()> {
    // Checked as UTF-8 once for the whole file, which is much cheaper than string by string.
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let line = bytes[..err.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        LineProblem::Damaged("it is not UTF-8 text".into()).into_error(path, line)
    })?;
    let (mut start, mut number) = (0, 0);
    let mut last_device = None;
    // memchr finds line ends with SIMD, several times faster than `str::split`.
    for end in memchr::memchr_iter(b'\n', bytes) {
        let line = &text[start..end];
        (start, number) = (end + 1, number + 1);
        if let Err(problem) = check_length(line.len()) {
            return Err(problem.into_error(path, number));
        }
        if !line.trim().is_empty() {
            let (id, stamp, record) =
                read_line::<T>(line, month, &mut last_device).map_err(|problem| problem.into_error(path, number))?;
            f(id, stamp, record);
        }
    }
    if start < text.len() {
        warnings.borrow_mut().push(format!(
            "the last line of {} (line {}) was cut off by an interrupted save and is skipped",
            visible_path(path),
            number + 1
        ));
    }
    Ok(())
}

/// The longest line srt reads, far beyond any record it writes (a check-in with every
/// field at its limit is under 20 KB): a longer one is damage, not parsed.
pub const MAX_LINE: usize = 1 << 20;

fn check_length(length: usize) -> Result<(), LineProblem> {
    if length <= MAX_LINE {
        return Ok(());
    }
    Err(LineProblem::Damaged(format!(
        "the line is {length} bytes long, longer than any entry srt writes (at most {MAX_LINE})"
    )))
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

impl Inspection {
    pub fn of(lines: &[CheckedLine]) -> Self {
        let mut inspection = Inspection { records: 0, problems: Vec::new() };
        for line in lines {
            match &line.read {
                Ok(_) => inspection.records += 1,
                Err(problem) => inspection.problems.push((line.number, problem.clone())),
            }
        }
        inspection
    }
}

/// Which revision a line holds: its record's id and its stamp.
pub type RevisionKey = (String, Stamp);

/// One line of a log that is not blank, and what reading it found.
pub struct CheckedLine {
    pub number: usize,
    pub read: Result<RevisionKey, LineProblem>,
}

/// Reads every line of a log of `T` and says what each holds or what is wrong with it,
/// without stopping at the first problem (for `srt doctor`).
pub fn check_lines<T: Line>(bytes: &[u8], month: Option<Month>) -> Vec<CheckedLine> {
    let mut last_device = None;
    let mut checked = Vec::new();
    for (number, line, whole) in numbered_lines(bytes) {
        let read = if !whole {
            Err(LineProblem::Torn)
        } else if let Err(problem) = check_length(line.len()) {
            Err(problem)
        } else if let Ok(line) = std::str::from_utf8(line) {
            if line.trim().is_empty() {
                continue;
            }
            read_line::<T>(line, month, &mut last_device).map(|(id, stamp, _)| (id, stamp))
        } else {
            Err(LineProblem::Damaged("it is not UTF-8 text".into()))
        };
        checked.push(CheckedLine { number, read });
    }
    checked
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
        let path = visible_path(path);
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
/// line number beside the file's; anything from the line itself made harmless to print.
fn json_reason(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let reason = message.rsplit_once(" at line ").map_or(message.as_str(), |(reason, _)| reason);
    format!("{} (at character {})", visible(reason, false), err.column())
}

fn read_line<T: Line>(
    line: &str,
    month: Option<Month>,
    last_device: &mut Option<Arc<str>>,
) -> Result<(String, Stamp, Read<T>), LineProblem> {
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
    if parsed.v == 0 {
        return Err(damaged("there is no format version 0".into()));
    }
    crate::model::check_time(parsed.at).map_err(damaged)?;
    if parsed.kind != T::KIND {
        return Err(damaged(format!(
            "found a '{}' record where only '{}' records belong",
            visible(&parsed.kind, false),
            T::KIND
        )));
    }
    if !T::is_id(&parsed.id) {
        return Err(damaged(format!("'{}' is not an id srt gives a {}", visible(&parsed.id, false), T::KIND)));
    }
    let record = match (parsed.op, parsed.data) {
        (Op::Put, Some(record)) => {
            record.check(parsed.v).map_err(damaged)?;
            if let Some(month) = month {
                record.check_month(month).map_err(damaged)?;
            }
            if !record.has_id(&parsed.id) {
                return Err(damaged(format!(
                    "the line is for '{}' but holds another record",
                    visible(&parsed.id, false)
                )));
            }
            Some(record)
        }
        (Op::Put, None) => return Err(damaged("a saved record has no data".into())),
        (Op::Delete, None) => None,
        (Op::Delete, Some(_)) => return Err(damaged("a deletion carries data".into())),
    };
    let device = match last_device.take() {
        Some(same) if *same == *parsed.device => same,
        _ => {
            if crate::paths::check_device_id(&parsed.device).is_err() {
                return Err(damaged(format!("'{}' is not a device id", visible(&parsed.device, false))));
            }
            Arc::from(parsed.device.as_ref())
        }
    };
    *last_device = Some(Arc::clone(&device));
    Ok((parsed.id, Stamp { at: parsed.at, device }, record))
}
