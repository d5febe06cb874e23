//! The journal on disk (DESIGN §3): one folder of append-only logs per device, folded into
//! the current state on read.
//!
//! Layout, inside the data dir:
//!
//! ```text
//! log/<device>/children.jsonl          children
//! log/<device>/settings.jsonl          family settings (the default child)
//! log/<device>/sessions.jsonl          therapy sessions
//! log/<device>/ladders.jsonl           each child's brave-steps ladder
//! log/<device>/checkins/YYYY-MM.jsonl  check-ins, by the month of their date
//! backups/                             lines set aside, never deleted
//! srt.lock                             serialises writers on this machine
//! ```
//!
//! Check-ins are split by month so that what a command reads grows with the dates it asks
//! about, not with the years of history: today's status reads one month, and saving a
//! check-in reads only its own month to find a duplicate.

mod ahead;
mod doctor;
mod file;
mod log;
pub mod paths;

use std::cell::OnceCell;
use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{CheckIn, Child, Ladder, Record, Session, Setting};

pub use doctor::{FileReport, Moved};
pub use log::{FORMAT_VERSION, LineProblem, Revisions, Stamp, Stored};

/// Writes a whole file (an export) atomically, readable by the owner only: `fill` writes
/// its content, and if it fails, the file is not there at all.
pub fn write_private_file(path: &Path, fill: impl FnOnce(&mut dyn std::io::Write) -> Result<()>) -> Result<()> {
    file::write_atomically_with(path, true, fill)
}
use log::{Fold, Revision, Warnings};

const LOG_DIR: &str = "log";
const BACKUP_DIR: &str = "backups";
const CHECKIN_DIR: &str = "checkins";

/// One kind of record and the file(s) it lives in.
struct Kind {
    name: &'static str,
    file: &'static str,
}

const CHILDREN: Kind = Kind { name: "child", file: "children.jsonl" };
const SETTINGS: Kind = Kind { name: "setting", file: "settings.jsonl" };
const SESSIONS: Kind = Kind { name: "session", file: "sessions.jsonl" };
const LADDERS: Kind = Kind { name: "ladder", file: "ladders.jsonl" };
const CHECKINS: Kind = Kind { name: "checkin", file: CHECKIN_DIR };

/// Dates to read, both ends inclusive; `None` is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl DateRange {
    pub fn day(date: NaiveDate) -> Self {
        Self { since: Some(date), until: Some(date) }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= date) && self.until.is_none_or(|until| date <= until)
    }

    /// Whether the month file named `YYYY-MM` can hold dates in this range.
    fn may_hold_month(&self, month: &str) -> bool {
        let key = |date: NaiveDate| date.format("%Y-%m").to_string();
        self.since.is_none_or(|since| month >= key(since).as_str())
            && self.until.is_none_or(|until| month <= key(until).as_str())
    }
}

/// The journal in one data dir, as seen and written by one device.
pub struct Store {
    root: PathBuf,
    /// Found on the first write, so read-only commands never touch the device-id file.
    device: OnceCell<String>,
    now: DateTime<Utc>,
    warnings: Warnings,
}

/// Held while writing: only one srt process writes to a data dir at a time.
pub struct WriteLock {
    _file: File,
}

impl Store {
    /// A store over `root`; nothing is read or created until asked. `now` stamps the
    /// revisions it writes.
    pub fn open(root: PathBuf, now: DateTime<Utc>) -> Self {
        Self { root, device: OnceCell::new(), now, warnings: Warnings::default() }
    }

    /// A store that writes as the named device (for tools that generate journals).
    pub fn with_device(root: PathBuf, device: String, now: DateTime<Utc>) -> Self {
        Self { root, device: OnceCell::from(device), now, warnings: Warnings::default() }
    }

    fn device(&self) -> Result<&str> {
        if self.device.get().is_none() {
            let _ = self.device.set(paths::device_id()?);
        }
        Ok(self.device.get().expect("set just above"))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Warnings met while reading or writing (cut-off lines), each once.
    pub fn take_warnings(&self) -> Vec<String> {
        let mut warnings = self.warnings.take();
        let mut seen = std::collections::HashSet::new();
        warnings.retain(|w| seen.insert(w.clone()));
        warnings
    }

    /// Adds a warning about the journal for the user.
    pub fn warn(&self, warning: String) {
        self.warnings.borrow_mut().push(warning);
    }

    pub fn children(&self) -> Result<Vec<Stored<Child>>> {
        self.read_small(&CHILDREN)
    }

    pub fn settings(&self) -> Result<Vec<Stored<Setting>>> {
        self.read_small(&SETTINGS)
    }

    pub fn sessions(&self) -> Result<Vec<Stored<Session>>> {
        let mut sessions: Vec<Stored<Session>> = self.read_small(&SESSIONS)?;
        sessions.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        Ok(sessions)
    }

    pub fn ladders(&self) -> Result<Vec<Stored<Ladder>>> {
        self.read_small(&LADDERS)
    }

    /// Check-ins dated within `range`, sorted by date, then morning before evening.
    pub fn checkins(&self, range: &DateRange) -> Result<Vec<Stored<CheckIn>>> {
        let mut checkins = Vec::new();
        self.for_each_month(
            range,
            |_| true,
            |month| {
                checkins.extend(month);
                Ok(())
            },
        )?;
        Ok(checkins)
    }

    /// One child's check-ins dated within `range`, sorted like `checkins`.
    pub fn checkins_about(&self, child: &str, range: &DateRange) -> Result<Vec<CheckIn>> {
        Ok(self.checkins(range)?.into_iter().map(|c| c.record).filter(|c| c.is_about(child)).collect())
    }

    /// Hands `f` the check-ins dated within `range` that `keep` accepts, one month at a
    /// time, oldest month first, each month sorted like `checkins`. A check-in never leaves
    /// its month's file, so each month folds on its own: a command over decades holds a few
    /// months at once, and later months are read on other cores while `f` works.
    pub fn for_each_month(
        &self,
        range: &DateRange,
        keep: impl Fn(&CheckIn) -> bool + Sync,
        mut f: impl FnMut(Vec<Stored<CheckIn>>) -> Result<()>,
    ) -> Result<()> {
        let read = |paths: &Vec<PathBuf>| {
            let warnings = Warnings::default();
            let mut month = fold_month(paths, range, &warnings);
            if let Ok(month) = &mut month {
                month.retain(|c| keep(c));
            }
            (month, warnings.into_inner())
        };
        ahead::map_in_order(&self.month_groups(range)?, ahead::helpers(), read, |(month, warnings)| {
            self.warnings.borrow_mut().extend(warnings);
            f(month?)
        })
    }

    /// The date of the earliest check-in that `wanted` accepts, reading only as many months
    /// as it takes to find it.
    pub fn earliest_checkin(&self, wanted: impl Fn(&CheckIn) -> bool) -> Result<Option<NaiveDate>> {
        let all = DateRange::default();
        for paths in self.month_groups(&all)? {
            if let Some(first) = fold_month(&paths, &all, &self.warnings)?.into_iter().find(|c| wanted(c)) {
                return Ok(Some(first.date));
            }
        }
        Ok(None)
    }

    /// Every device's file for each month that may hold dates in `range`, oldest month first.
    fn month_groups(&self, range: &DateRange) -> Result<Vec<Vec<PathBuf>>> {
        let mut months: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
        for device_dir in self.device_dirs()? {
            for (month, path) in month_files(&device_dir.join(CHECKIN_DIR), range)? {
                months.entry(month).or_default().push(path);
            }
        }
        Ok(months.into_values().collect())
    }

    /// The latest revision of every check-in in the months of `range`, deletions included.
    pub fn checkin_revisions(&self, range: &DateRange) -> Result<Revisions<CheckIn>> {
        Ok(self.checkin_fold(range)?.latest())
    }

    /// The latest revision of every session, deletions included.
    pub fn session_revisions(&self) -> Result<Revisions<Session>> {
        Ok(self.fold_small(&SESSIONS)?.latest())
    }

    fn checkin_fold(&self, range: &DateRange) -> Result<Fold<CheckIn>> {
        let mut fold = Fold::default();
        for device_dir in self.device_dirs()? {
            for (_, path) in month_files(&device_dir.join(CHECKIN_DIR), range)? {
                log::read_into(&path, CHECKINS.name, &mut fold, &self.warnings)?;
            }
        }
        Ok(fold)
    }

    /// Waits for, then holds, the exclusive write lock of this data dir.
    pub fn lock(&self) -> Result<WriteLock> {
        file::create_private_dir(&self.root)?;
        file::make_private(&self.root).map_err(|err| Error::io("make private the folder", &self.root, err))?;
        let path = self.root.join("srt.lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(file::FILE_MODE)
            .open(&path)
            .map_err(|err| Error::io("open the lock file", &path, err))?;
        file.lock().map_err(|err| Error::io("lock", &path, err))?;
        Ok(WriteLock { _file: file })
    }

    pub fn put_child(&self, lock: &WriteLock, child: &Child) -> Result<()> {
        self.append(lock, &CHILDREN, CHILDREN.file.to_string(), &child.id, Some(child), None)
    }

    pub fn put_setting(&self, lock: &WriteLock, setting: &Setting, previous: Option<&Stamp>) -> Result<()> {
        self.append(lock, &SETTINGS, SETTINGS.file.to_string(), &setting.name, Some(setting), previous)
    }

    pub fn put_session(&self, lock: &WriteLock, session: &Session) -> Result<()> {
        self.append(lock, &SESSIONS, SESSIONS.file.to_string(), &session.id, Some(session), None)
    }

    pub fn delete_session(&self, lock: &WriteLock, session: &Stored<Session>) -> Result<()> {
        self.append::<Session>(lock, &SESSIONS, SESSIONS.file.to_string(), &session.id, None, Some(&session.stamp))
    }

    pub fn put_ladder(&self, lock: &WriteLock, ladder: &Ladder, previous: Option<&Stamp>) -> Result<()> {
        let id = Ladder::id_for(&ladder.child);
        self.append(lock, &LADDERS, LADDERS.file.to_string(), &id, Some(ladder), previous)
    }

    /// Saves a check-in; `previous` is the stamp of the revision it replaces, if any.
    pub fn put_checkin(&self, lock: &WriteLock, checkin: &CheckIn, previous: Option<&Stamp>) -> Result<()> {
        self.append(lock, &CHECKINS, month_file(checkin.date), &checkin.id, Some(checkin), previous)
    }

    /// Saves many check-ins with one write (and one fsync) per month file.
    pub fn put_checkins(&self, lock: &WriteLock, checkins: &[(CheckIn, Option<Stamp>)]) -> Result<()> {
        let mut by_file: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
        for (checkin, previous) in checkins {
            let stamp = self.next_stamp(previous.as_ref())?;
            let line =
                Revision { kind: CHECKINS.name, id: &checkin.id, stamp: &stamp, record: Some(checkin) }.to_line();
            by_file.entry(month_file(checkin.date)).or_default().extend(line);
        }
        for (relative, lines) in by_file {
            self.append_lines(lock, relative, &lines)?;
        }
        Ok(())
    }

    pub fn delete_checkin(&self, lock: &WriteLock, checkin: &Stored<CheckIn>) -> Result<()> {
        let file = month_file(checkin.date);
        self.append::<CheckIn>(lock, &CHECKINS, file, &checkin.id, None, Some(&checkin.stamp))
    }

    fn read_small<T: Record>(&self, kind: &Kind) -> Result<Vec<Stored<T>>> {
        Ok(self.fold_small(kind)?.live())
    }

    fn fold_small<T: Record>(&self, kind: &Kind) -> Result<Fold<T>> {
        let mut fold = Fold::default();
        for device_dir in self.device_dirs()? {
            log::read_into(&device_dir.join(kind.file), kind.name, &mut fold, &self.warnings)?;
        }
        Ok(fold)
    }

    /// Every device's folder under `log/` (the union is the journal).
    fn device_dirs(&self) -> Result<Vec<PathBuf>> {
        let log_dir = self.root.join(LOG_DIR);
        let entries = match fs::read_dir(&log_dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(Error::io("read the journal folder", &log_dir, err)),
        };
        let mut dirs = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|err| Error::io("read the journal folder", &log_dir, err))?;
            let name = entry.file_name();
            let is_device = name.to_str().is_some_and(|n| paths::check_device_id(n).is_ok());
            if is_device && entry.path().is_dir() {
                dirs.push(entry.path());
            }
        }
        dirs.sort();
        Ok(dirs)
    }

    /// The stamp of a new revision: now, but always after the revision it replaces, so an
    /// edit wins even when this device's clock is behind the one that wrote the original.
    fn next_stamp(&self, previous: Option<&Stamp>) -> Result<Stamp> {
        let after_previous = previous.map(|p| p.at + TimeDelta::microseconds(1));
        let at = after_previous.map_or(self.now, |at| at.max(self.now));
        Ok(Stamp { at, device: self.device()?.into() })
    }

    fn append<T: Serialize>(
        &self,
        lock: &WriteLock,
        kind: &Kind,
        relative: String,
        id: &str,
        record: Option<&T>,
        previous: Option<&Stamp>,
    ) -> Result<()> {
        let stamp = self.next_stamp(previous)?;
        let line = Revision { kind: kind.name, id, stamp: &stamp, record }.to_line();
        self.append_lines(lock, relative, &line)
    }

    /// Appends whole lines to this device's log file `relative`, first setting aside any
    /// cut-off line an interrupted save left at its end.
    fn append_lines(&self, _lock: &WriteLock, relative: String, lines: &[u8]) -> Result<()> {
        let device = self.device()?;
        let path = self.root.join(LOG_DIR).join(device).join(&relative);
        file::create_private_dir(path.parent().expect("log files live in a folder"))?;
        let mut log = file::AppendFile::open(&path).map_err(|err| Error::io("open the journal at", &path, err))?;
        if let Some((keep, torn)) = log.torn_tail().map_err(|err| Error::io("read the journal at", &path, err))? {
            let backup = self.set_aside(device, &relative, &torn)?;
            log.truncate(keep).map_err(|err| Error::io("repair the end of", &path, err))?;
            self.warnings.borrow_mut().push(format!(
                "the last line of {} was cut off by an interrupted save; it is kept in {}",
                path.display(),
                backup.display()
            ));
        }
        log.append_lines(&path, lines).map_err(|err| Error::io("save to the journal at", &path, err))
    }

    /// Copies bytes that are about to leave a log into a new file under `backups/`.
    fn set_aside(&self, device: &str, relative: &str, bytes: &[u8]) -> Result<PathBuf> {
        let log = self.root.join(LOG_DIR).join(device).join(relative);
        let path = self.backup_path(device, &log, "torn")?;
        file::write_atomically_with(&path, false, |file| Ok(file.write_all(bytes)?))?;
        Ok(path)
    }
}

/// One month's check-ins from every device's file of it, dated within `range` and sorted.
fn fold_month(paths: &[PathBuf], range: &DateRange, warnings: &Warnings) -> Result<Vec<Stored<CheckIn>>> {
    let mut fold = Fold::default();
    for path in paths {
        log::read_into(path, CHECKINS.name, &mut fold, warnings)?;
    }
    let mut month: Vec<Stored<CheckIn>> = fold.live();
    month.retain(|c| range.contains(c.date));
    // The id settles ties, so the order never depends on the fold's hashing.
    month.sort_unstable_by(|a, b| {
        (a.date, a.period, a.recorded_at, &a.id).cmp(&(b.date, b.period, b.recorded_at, &b.id))
    });
    Ok(month)
}

fn month_file(date: NaiveDate) -> String {
    format!("{CHECKIN_DIR}/{}.jsonl", date.format("%Y-%m"))
}

/// The month files in `dir` that may hold dates in `range`, with their month, oldest first.
/// A range of a few months names its files outright, so that what today's commands cost
/// does not grow with the years of history beside them.
fn month_files(dir: &Path, range: &DateRange) -> Result<Vec<(String, PathBuf)>> {
    if let (Some(since), Some(until)) = (range.since, range.until) {
        let months = months_between(since, until);
        if months.len() <= 24 {
            let named = months.into_iter().map(|month| {
                let path = dir.join(format!("{month}.jsonl"));
                (month, path)
            });
            return Ok(named.filter(|(_, path)| path.is_file()).collect());
        }
    }
    list_month_files(dir, range)
}

/// The `YYYY-MM` names of the months from `since` to `until`, both included.
fn months_between(since: NaiveDate, until: NaiveDate) -> Vec<String> {
    let mut months = Vec::new();
    let mut month = since.with_day(1).expect("every month has a first day");
    while month <= until && since <= until {
        months.push(month.format("%Y-%m").to_string());
        month = month + chrono::Months::new(1);
    }
    months
}

fn list_month_files(dir: &Path, range: &DateRange) -> Result<Vec<(String, PathBuf)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(Error::io("read the journal folder", dir, err)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| Error::io("read the journal folder", dir, err))?;
        let name = entry.file_name();
        let Some(month) = name.to_str().and_then(|n| n.strip_suffix(".jsonl")) else { continue };
        if is_month_name(month) && range.may_hold_month(month) {
            files.push((month.to_string(), entry.path()));
        }
    }
    files.sort();
    Ok(files)
}

fn is_month_name(name: &str) -> bool {
    let digits = name.bytes().enumerate().all(|(i, b)| if i == 4 { b == b'-' } else { b.is_ascii_digit() });
    name.len() == 7 && digits && name[5..].parse::<u32>().is_ok_and(|month| (1..=12).contains(&month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_range_picks_the_month_files_that_overlap_it() {
        let range = DateRange { since: Some(date("2026-10-31")), until: Some(date("2026-11-02")) };
        assert!(!range.may_hold_month("2026-09"));
        assert!(range.may_hold_month("2026-10"));
        assert!(range.may_hold_month("2026-11"));
        assert!(!range.may_hold_month("2026-12"));
        assert!(DateRange::default().may_hold_month("1999-01"));
    }

    #[test]
    fn a_short_range_names_its_months() {
        assert_eq!(
            months_between(date("2026-11-30"), date("2027-02-01")),
            ["2026-11", "2026-12", "2027-01", "2027-02"]
        );
        assert_eq!(months_between(date("2026-11-23"), date("2026-11-23")), ["2026-11"]);
        assert!(months_between(date("2026-11-23"), date("2026-11-22")).is_empty());
    }

    #[test]
    fn month_names_are_strict() {
        assert!(is_month_name("2026-11"));
        assert!(!is_month_name("2026-13"));
        assert!(!is_month_name("2026-1"));
        assert!(!is_month_name("2026-11.sync-conflict"));
    }
}
