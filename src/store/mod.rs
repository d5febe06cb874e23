//! The journal on disk: one folder of append-only logs per device, folded into the current
//! state on read. Only the journal layer (`crate::journal`) uses it.
//!
//! Layout, inside the data dir:
//!
//! ```text
//! log/<device>/children.jsonl          children
//! log/<device>/settings.jsonl          family settings (the default child)
//! log/<device>/sessions.jsonl          therapy sessions
//! log/<device>/ladders.jsonl           each child's brave-steps ladder, every revision
//! log/<device>/concerns.jsonl          safety concerns, open and resolved
//! log/<device>/checkins/YYYY-MM.jsonl  check-ins, by the month of their date
//! backups/                             lines set aside, never deleted
//! srt.lock                             serialises writers on this machine
//! ```
//!
//! Check-ins are split by month so that what a command reads grows with the dates it asks
//! about, not with the years of history: today's status reads one month, and saving a
//! check-in reads only its own month to find a duplicate.

mod doctor;
mod kinds;
mod log;

use std::cell::OnceCell;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use crate::durable as file;
use crate::error::{Error, Result};
use crate::model::upgrade::{AnyCheckIn, AnyLadder, Normalise, unladdered_step};
use crate::model::{CheckIn, Child, Concern, DateRange, Ladder, Session, Setting};
use crate::paths;
use crate::text::{folded, visible, visible_path};

pub use doctor::{FileReport, Finding, Merged, Moved, Repairs};
use kinds::{
    CHECKIN_DIR, CHILDREN_FILE, CONCERNS_FILE, LADDERS_FILE, Line, Month, SESSIONS_FILE, SETTINGS_FILE, month_of_name,
};
pub use log::{FORMAT_VERSION, LineProblem, Stamp, Stored};
use log::{Fold, Revision, Warnings};

const LOG_DIR: &str = "log";
const BACKUP_DIR: &str = "backups";
const LOCK_FILE: &str = "srt.lock";

/// The time now, in local time with its UTC offset; read at every write.
pub type Clock = Arc<dyn Fn() -> DateTime<FixedOffset> + Send + Sync>;

/// The latest revision of each id, deletions (`None`) included.
pub type Latest<T> = log::Revisions<T>;

/// The journal in one data dir, as seen and written by one device.
pub struct Store {
    root: PathBuf,
    /// Found on the first write, so read-only commands never touch the device-id file.
    device: OnceCell<String>,
    clock: Clock,
    warnings: Warnings,
    /// Every revision of every ladder, read once and only when a check-in written before
    /// steps had ids names its step by number.
    ladder_history: OnceCell<LadderHistory>,
    /// How long a save waits for another srt to let go of the lock.
    lock_timeout: Duration,
}

/// Held while writing: only one srt process writes to a data dir at a time.
pub struct WriteLock {
    _file: File,
}

impl Store {
    /// A store over `root`; nothing is read or created until asked. `clock` stamps the
    /// revisions it writes.
    pub fn open(root: PathBuf, clock: Clock) -> Self {
        let (warnings, ladder_history) = (Warnings::default(), OnceCell::new());
        Self { root, device: OnceCell::new(), clock, warnings, ladder_history, lock_timeout: LOCK_TIMEOUT }
    }

    /// The same store, whose saves wait at most `timeout` for the lock.
    pub fn waiting_at_most(self, timeout: Duration) -> Self {
        Self { lock_timeout: timeout, ..self }
    }

    /// A store that writes as the named device (for tools that generate journals).
    pub fn with_device(root: PathBuf, device: String, clock: Clock) -> Self {
        let store = Self::open(root, clock);
        let _ = store.device.set(device);
        store
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

    /// The time now, from the store's clock.
    pub fn now(&self) -> DateTime<FixedOffset> {
        (self.clock)()
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
        Ok(self.read_small::<Child>(CHILDREN_FILE)?.live().map(normalised).collect())
    }

    pub fn settings(&self) -> Result<Vec<Stored<Setting>>> {
        Ok(self.read_small::<Setting>(SETTINGS_FILE)?.live().map(normalised).collect())
    }

    /// Every session, oldest first.
    pub fn sessions(&self) -> Result<Vec<Stored<Session>>> {
        let mut sessions: Vec<Stored<Session>> =
            self.read_small::<Session>(SESSIONS_FILE)?.live().map(normalised).collect();
        sessions.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        Ok(sessions)
    }

    pub fn ladders(&self) -> Result<Vec<Stored<Ladder>>> {
        Ok(self.read_small::<AnyLadder>(LADDERS_FILE)?.live().map(|l| l.map(|ladder| ladder.into_ladder())).collect())
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

    /// Hands `f` the check-ins dated within `range` that `keep` accepts, one month at a
    /// time, oldest month first, each month sorted like `checkins`. A check-in never leaves
    /// its month's file, so each month folds on its own, and a command over decades holds
    /// one month at a time.
    pub fn for_each_month(
        &self,
        range: &DateRange,
        keep: impl Fn(&CheckIn) -> bool,
        mut f: impl FnMut(Vec<Stored<CheckIn>>) -> Result<()>,
    ) -> Result<()> {
        for (month, paths) in self.month_groups(range)? {
            let mut month = self.fold_month(month, &paths, range)?;
            month.retain(|c| keep(c));
            f(month)?;
        }
        Ok(())
    }

    /// The date of the earliest check-in that `wanted` accepts, reading only as many months
    /// as it takes to find it.
    pub fn earliest_checkin(&self, wanted: impl Fn(&CheckIn) -> bool) -> Result<Option<NaiveDate>> {
        let all = DateRange::default();
        for (month, paths) in self.month_groups(&all)? {
            if let Some(first) = self.fold_month(month, &paths, &all)?.into_iter().find(|c| wanted(c)) {
                return Ok(Some(first.date));
            }
        }
        Ok(None)
    }

    /// Every device's file for each month that may hold dates in `range`, oldest month first.
    fn month_groups(&self, range: &DateRange) -> Result<Vec<(Month, Vec<PathBuf>)>> {
        let mut months: std::collections::BTreeMap<Month, Vec<PathBuf>> = Default::default();
        for device_dir in self.device_dirs()? {
            for (month, path) in month_files(&device_dir.join(CHECKIN_DIR), range)? {
                months.entry(month).or_default().push(path);
            }
        }
        Ok(months.into_iter().collect())
    }

    /// One month's check-ins from every device's file of it, dated within `range` and sorted.
    fn fold_month(&self, month: Month, paths: &[PathBuf], range: &DateRange) -> Result<Vec<Stored<CheckIn>>> {
        let mut fold = Fold::<AnyCheckIn>::default();
        for path in paths {
            log::read_into(path, Some(month), &mut fold, &self.warnings)?;
        }
        let mut lines: Vec<Stored<Box<AnyCheckIn>>> = fold.live().filter(|c| range.contains(c.record.date())).collect();
        // Sorted while still boxed, which moves pointers, not records. The id settles ties,
        // so the order never depends on the fold's hashing.
        lines.sort_unstable_by(|a, b| {
            let key = |c: &Stored<Box<AnyCheckIn>>| (c.record.date(), c.record.period(), c.record.changed_at());
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
        lines.into_iter().map(|line| self.upgraded(line)).collect()
    }

    /// A check-in as it reads today, whichever version wrote it.
    fn upgraded(&self, stored: Stored<Box<AnyCheckIn>>) -> Result<Stored<CheckIn>> {
        let history = match stored.record.step_number() {
            Some(_) => Some(self.ladder_history()?),
            None => None,
        };
        let chosen_at = stored.record.step_chosen_at().unwrap_or(stored.stamp.at);
        Ok(stored.map(|line| {
            let line = *line;
            line.into_checkin(|child, number| {
                let ladder = history.and_then(|h| h.in_force(child, chosen_at));
                ladder.and_then(|l| l.step(number)).cloned().unwrap_or_else(|| unladdered_step(child, number))
            })
        }))
    }

    fn ladder_history(&self) -> Result<&LadderHistory> {
        if let Some(history) = self.ladder_history.get() {
            return Ok(history);
        }
        let mut revisions = Vec::new();
        for device_dir in self.device_dirs()? {
            let path = device_dir.join(LADDERS_FILE);
            let bytes = log::read_file(&path, &self.warnings)?;
            log::read_each::<AnyLadder>(&path, &bytes, None, &self.warnings, |id, stamp, ladder| {
                let child = folded(id.strip_prefix("ladder:").unwrap_or(&id));
                revisions.push((child, stamp, ladder.map(|l| l.into_ladder())));
            })?;
        }
        revisions.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(self.ladder_history.get_or_init(|| LadderHistory { revisions }))
    }

    /// The latest revision of every check-in in the months of `range`, deletions included.
    pub fn checkin_revisions(&self, range: &DateRange) -> Result<Latest<CheckIn>> {
        let mut fold = Fold::<AnyCheckIn>::default();
        for device_dir in self.device_dirs()? {
            for (month, path) in month_files(&device_dir.join(CHECKIN_DIR), range)? {
                log::read_into(&path, Some(month), &mut fold, &self.warnings)?;
            }
        }
        let mut latest = Latest::default();
        for (id, (stamp, record)) in fold.latest() {
            let record = match record {
                Some(line) => {
                    Some(self.upgraded(Stored { id: id.clone(), stamp: stamp.clone(), record: line })?.record)
                }
                None => None,
            };
            latest.insert(id, (stamp, record));
        }
        Ok(latest)
    }

    /// Every safety concern, oldest first. A concerns log that cannot be read stops the
    /// command: a summary or an export without a concern that is there would mislead.
    pub fn concerns(&self) -> Result<Vec<Stored<Concern>>> {
        let mut fold = Fold::default();
        for device_dir in self.device_dirs()? {
            log::read_all_into::<Concern>(&device_dir.join(CONCERNS_FILE), &mut fold, &self.warnings)?;
        }
        let mut concerns: Vec<Stored<Concern>> = fold.live().map(normalised).collect();
        concerns.sort_by(|a, b| (a.date, a.created_at, &a.id).cmp(&(b.date, b.created_at, &b.id)));
        Ok(concerns)
    }

    /// Saves a concern; `previous` is the stamp of the revision it replaces, if any.
    pub fn put_concern(&self, lock: &WriteLock, concern: &Concern, previous: Option<&Stamp>) -> Result<()> {
        self.append(lock, Concern::KIND, CONCERNS_FILE, &concern.id, Some(concern), previous)
    }

    /// Deletes a concern: only with the child it is about (`srt child remove`).
    pub fn delete_concern(&self, lock: &WriteLock, concern: &Stored<Concern>) -> Result<()> {
        self.append::<Concern>(lock, Concern::KIND, CONCERNS_FILE, &concern.id, None, Some(&concern.stamp))
    }

    /// The latest revision of every session, deletions included.
    pub fn session_revisions(&self) -> Result<Latest<Session>> {
        let latest = self.read_small::<Session>(SESSIONS_FILE)?.latest().into_iter();
        Ok(latest.map(|(id, (stamp, session))| (id, (stamp, session.map(|s| *s)))).collect())
    }

    /// Waits for, then holds, the exclusive write lock of this data dir: for up to its
    /// lock timeout, saying on stderr once that it waits.
    pub fn lock(&self) -> Result<WriteLock> {
        let timeout = self.lock_timeout;
        let file = self.open_lock_file()?;
        let path = self.root.join(LOCK_FILE);
        let say_waiting = || eprintln!("srt: waiting for another srt to finish…");
        let locked =
            wait_for_lock(&file, timeout, LOCK_PATIENCE, say_waiting).map_err(|err| Error::io("lock", &path, err))?;
        if !locked {
            return Err(Error::failure(format!(
                "another srt has held the journal's lock for {} s ({}); nothing was saved; try again",
                timeout.as_secs(),
                visible_path(&path)
            )));
        }
        Ok(WriteLock { _file: file })
    }

    /// Whether srt can write here, found out without waiting for the lock: so a parent is
    /// told before answering questions, not after.
    pub fn check_writable(&self) -> Result<()> {
        self.open_lock_file().map(drop)
    }

    /// Opens (or makes) the lock file. Anything but a plain file there is refused: a FIFO
    /// would hang the open, and a folder or a device locks nothing.
    fn open_lock_file(&self) -> Result<File> {
        self.prepare_data_dir()?;
        let path = self.root.join(LOCK_FILE);
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true).mode(file::FILE_MODE);
        let file = file::open_plain(&path, &mut options).map_err(|err| Error::io("open the lock file", &path, err))?;
        let file = file.ok_or_else(|| not_a_plain_file(&path))?;
        Ok(file)
    }

    /// Makes the data dir, private, when it is not there yet. One that is there keeps its
    /// mode (it may be a folder shared on purpose), with a word if others can look in it.
    fn prepare_data_dir(&self) -> Result<()> {
        if !self.root.is_dir() {
            return file::create_private_dir(&self.root);
        }
        let mode = fs::metadata(&self.root).map_err(|err| Error::io("read the folder", &self.root, err))?.mode();
        if mode & 0o066 != 0 {
            self.warn(open_folder_warning(&self.root, mode & 0o022 != 0));
        }
        Ok(())
    }

    /// Saves a child; `previous` is the stamp of the revision it replaces, if any.
    pub fn put_child(&self, lock: &WriteLock, child: &Child, previous: Option<&Stamp>) -> Result<()> {
        self.append(lock, Child::KIND, CHILDREN_FILE, &child.id, Some(child), previous)
    }

    pub fn delete_child(&self, lock: &WriteLock, child: &Stored<Child>) -> Result<()> {
        self.append::<Child>(lock, Child::KIND, CHILDREN_FILE, &child.id, None, Some(&child.stamp))
    }

    pub fn put_setting(&self, lock: &WriteLock, setting: &Setting, previous: Option<&Stamp>) -> Result<()> {
        self.append(lock, Setting::KIND, SETTINGS_FILE, &setting.name, Some(setting), previous)
    }

    pub fn delete_setting(&self, lock: &WriteLock, setting: &Stored<Setting>) -> Result<()> {
        self.append::<Setting>(lock, Setting::KIND, SETTINGS_FILE, &setting.name, None, Some(&setting.stamp))
    }

    pub fn put_session(&self, lock: &WriteLock, session: &Session, previous: Option<&Stamp>) -> Result<()> {
        self.append(lock, Session::KIND, SESSIONS_FILE, &session.id, Some(session), previous)
    }

    /// Saves a copy of a session changed at `changed_at` elsewhere (an import): its
    /// revision is stamped with that time, not the time of the import, so it stays the
    /// older copy against a change made here after it.
    pub fn put_session_changed_at(
        &self,
        lock: &WriteLock,
        session: &Session,
        previous: Option<&Stamp>,
        changed_at: DateTime<Utc>,
    ) -> Result<()> {
        let stamp = self.stamp_after(changed_at, previous)?;
        self.append_stamped(lock, Session::KIND, SESSIONS_FILE, &session.id, Some(session), &stamp)
    }

    pub fn delete_session(&self, lock: &WriteLock, session: &Stored<Session>) -> Result<()> {
        self.append::<Session>(lock, Session::KIND, SESSIONS_FILE, &session.id, None, Some(&session.stamp))
    }

    /// Saves a child's ladder as a new revision of `previous`, under its id (a ladder first
    /// saved by an older srt may have been given its id another way), or as a new one.
    pub fn put_ladder(&self, lock: &WriteLock, ladder: &Ladder, previous: Option<&Stored<Ladder>>) -> Result<()> {
        let id = previous.map_or_else(|| Ladder::id_for(&ladder.child), |p| p.id.clone());
        self.append(lock, AnyLadder::KIND, LADDERS_FILE, &id, Some(ladder), previous.map(|p| &p.stamp))
    }

    pub fn delete_ladder(&self, lock: &WriteLock, ladder: &Stored<Ladder>) -> Result<()> {
        self.append::<Ladder>(lock, AnyLadder::KIND, LADDERS_FILE, &ladder.id, None, Some(&ladder.stamp))
    }

    /// Saves a check-in; `previous` is the stamp of the revision it replaces, if any.
    pub fn put_checkin(&self, lock: &WriteLock, checkin: &CheckIn, previous: Option<&Stamp>) -> Result<()> {
        self.write_checkins(lock, &[CheckInChange::Put(checkin, previous)])
    }

    pub fn delete_checkin(&self, lock: &WriteLock, checkin: &Stored<CheckIn>) -> Result<()> {
        self.write_checkins(lock, &[CheckInChange::Delete(checkin)])
    }

    /// Writes many check-in changes with one write (and one fsync) per month file.
    pub fn write_checkins(&self, lock: &WriteLock, changes: &[CheckInChange]) -> Result<()> {
        let mut by_file: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
        for change in changes {
            let (checkin, record, stamp) = match change {
                CheckInChange::Put(checkin, previous) => (*checkin, Some(*checkin), self.next_stamp(*previous)?),
                // After the last change the record says it had, too: a copy of it changed on
                // a computer whose clock runs ahead must not outrank its deletion here.
                CheckInChange::Delete(stored) => {
                    let changed = stored.updated_at.to_utc() + TimeDelta::microseconds(1);
                    (&stored.record, None, self.stamp_after(self.now().to_utc().max(changed), Some(&stored.stamp))?)
                }
            };
            let line = Revision { kind: AnyCheckIn::KIND, id: &checkin.id, stamp: &stamp, record }.to_line();
            by_file.entry(month_file(checkin.date)).or_default().extend(line);
        }
        for (relative, lines) in by_file {
            self.append_lines(lock, &relative, &lines)?;
        }
        Ok(())
    }

    fn read_small<T: Line>(&self, file: &str) -> Result<Fold<T>> {
        let mut fold = Fold::default();
        for device_dir in self.device_dirs()? {
            log::read_into(&device_dir.join(file), None, &mut fold, &self.warnings)?;
        }
        Ok(fold)
    }

    /// Every device's folder under `log/` (the union is the journal).
    fn device_dirs(&self) -> Result<Vec<PathBuf>> {
        let mut dirs: Vec<PathBuf> =
            self.log_entries()?.iter().filter(|e| is_device_folder(e)).map(|e| e.path()).collect();
        dirs.sort();
        Ok(dirs)
    }

    /// What `log/` holds (nothing when there is no `log/` yet).
    fn log_entries(&self) -> Result<Vec<fs::DirEntry>> {
        let log_dir = self.root.join(LOG_DIR);
        let entries = match fs::read_dir(&log_dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(Error::io("read the journal folder", &log_dir, err)),
        };
        entries.map(|entry| entry.map_err(|err| Error::io("read the journal folder", &log_dir, err))).collect()
    }

    /// The stamp of a new revision: the clock now, but always after the revision it
    /// replaces, so a change wins even when this device's clock is behind the one that wrote
    /// the original.
    fn next_stamp(&self, previous: Option<&Stamp>) -> Result<Stamp> {
        self.stamp_after(self.now().to_utc(), previous)
    }

    /// A stamp at `at`, or just after `previous` if that is later.
    fn stamp_after(&self, at: DateTime<Utc>, previous: Option<&Stamp>) -> Result<Stamp> {
        let at = previous.map_or(at, |p| at.max(p.at + TimeDelta::microseconds(1)));
        if !crate::model::keeps_time(at) {
            return Err(beyond_any_clock());
        }
        Ok(Stamp { at, device: self.device()?.into() })
    }

    fn append<T: Serialize>(
        &self,
        lock: &WriteLock,
        kind: &str,
        relative: &str,
        id: &str,
        record: Option<&T>,
        previous: Option<&Stamp>,
    ) -> Result<()> {
        let stamp = self.next_stamp(previous)?;
        self.append_stamped(lock, kind, relative, id, record, &stamp)
    }

    /// Appends one revision, with `stamp`, to this device's log file `relative`.
    fn append_stamped<T: Serialize>(
        &self,
        lock: &WriteLock,
        kind: &str,
        relative: &str,
        id: &str,
        record: Option<&T>,
        stamp: &Stamp,
    ) -> Result<()> {
        let line = Revision { kind, id, stamp, record }.to_line();
        self.append_lines(lock, relative, &line)
    }

    /// Appends whole lines to this device's log file `relative`, first setting aside any
    /// cut-off line an interrupted save left at its end.
    fn append_lines(&self, _lock: &WriteLock, relative: &str, lines: &[u8]) -> Result<()> {
        let device = self.device()?;
        let path = self.root.join(LOG_DIR).join(device).join(relative);
        file::create_private_dir(path.parent().expect("log files live in a folder"))?;
        let opened = file::AppendFile::open(&path).map_err(|err| Error::io("open the journal at", &path, err))?;
        let Some(mut log) = opened else {
            return Err(Error::failure(format!(
                "{} is not a plain file, so srt does not write to it; nothing was saved: see `srt doctor`",
                visible_path(&path)
            )));
        };
        if let Some((keep, torn)) = log.torn_tail().map_err(|err| Error::io("read the journal at", &path, err))? {
            let backup = self.set_aside(device, relative, &torn)?;
            log.truncate(keep).map_err(|err| Error::io("repair the end of", &path, err))?;
            self.warn(format!(
                "the last line of {} was cut off by an interrupted save; it is kept in {}",
                visible_path(&path),
                visible_path(&backup)
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

/// A change that would have to be stamped after a time no clock has shown.
pub fn beyond_any_clock() -> Error {
    Error::failure(
        "this record was last changed at a time no clock has shown yet (the computer that wrote it had its clock set wrong), so srt cannot stamp a change after it; nothing was saved",
    )
}

/// How long a save waits for another srt to let go of the lock, unless told otherwise.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a save waits before saying that it waits.
const LOCK_PATIENCE: Duration = Duration::from_secs(1);

/// Takes the lock on `file`, trying again after short pauses until `timeout` has passed;
/// `say_waiting` is called once, when the wait has lasted `patience`. False if it timed out.
fn wait_for_lock(file: &File, timeout: Duration, patience: Duration, say_waiting: impl FnOnce()) -> io::Result<bool> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(2);
    let mut say_waiting = Some(say_waiting);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(err)) => return Err(err),
        }
        let waited = start.elapsed();
        if waited >= timeout {
            return Ok(false);
        }
        if waited >= patience
            && let Some(say) = say_waiting.take()
        {
            say();
        }
        std::thread::sleep(pause.min(timeout - waited));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

fn not_a_plain_file(path: &Path) -> Error {
    Error::failure(format!(
        "{} is not a plain file, so srt cannot use it to keep two saves apart; nothing was saved; move it away and try again",
        visible_path(path)
    ))
}

/// What to say about a data dir others can see into (or, with `writable`, change files in).
fn open_folder_warning(dir: &Path, writable: bool) -> String {
    let shown = dir.display().to_string();
    let dir = visible(&shown, false);
    let can = if writable { "can change and replace files in" } else { "can see into" };
    format!(
        "other people who use this computer {can} {dir}; srt's own files there are private to you (0600), \
         but to keep the folder private too, run `chmod 700 -- {}`",
        shell_words::quote(&dir)
    )
}

/// One change to a check-in, for `Store::write_checkins`.
pub enum CheckInChange<'a> {
    /// Save this revision; the stamp is that of the revision it replaces, if any.
    Put(&'a CheckIn, Option<&'a Stamp>),
    Delete(&'a Stored<CheckIn>),
}

fn normalised<T: Normalise>(stored: Stored<Box<T>>) -> Stored<T> {
    stored.map(|record| {
        let mut record = *record;
        record.normalise();
        record
    })
}

/// Every revision of every child's ladder, oldest first.
struct LadderHistory {
    /// The child's name folded (as in the ladder's id), when, and the ladder (`None` deleted).
    revisions: Vec<(String, Stamp, Option<Ladder>)>,
}

impl LadderHistory {
    /// The child's ladder as it was at `at`.
    fn in_force(&self, child: &str, at: DateTime<Utc>) -> Option<&Ladder> {
        let child = folded(child);
        let revision = self.revisions.iter().rev().find(|(name, stamp, _)| *name == child && stamp.at <= at);
        revision.and_then(|(_, _, ladder)| ladder.as_ref())
    }
}

/// Whether an entry of `log/` is a device's folder: a folder named by a device id.
fn is_device_folder(entry: &fs::DirEntry) -> bool {
    let named = entry.file_name().to_str().is_some_and(|name| paths::check_device_id(name).is_ok());
    named && entry.path().is_dir()
}

fn month_file(date: NaiveDate) -> String {
    format!("{CHECKIN_DIR}/{}.jsonl", date.format("%Y-%m"))
}

/// The month files in `dir` that may hold dates in `range`, with their month, oldest first.
/// A range of a few months names its files outright, so that what today's commands cost
/// does not grow with the years of history beside them.
fn month_files(dir: &Path, range: &DateRange) -> Result<Vec<(Month, PathBuf)>> {
    if let (Some(since), Some(until)) = (range.since, range.until) {
        let months = months_between(since, until);
        if months.len() <= 24 {
            let named = months
                .into_iter()
                .map(|(year, month)| ((year, month), dir.join(format!("{year:04}-{month:02}.jsonl"))));
            // Whatever is there is opened, so that anything but a plain file is warned about.
            return Ok(named.filter(|(_, path)| fs::symlink_metadata(path).is_ok()).collect());
        }
    }
    list_month_files(dir, range)
}

fn month_of(date: NaiveDate) -> Month {
    (date.year(), date.month())
}

/// The months from `since` to `until`, both included.
fn months_between(since: NaiveDate, until: NaiveDate) -> Vec<Month> {
    let mut months = Vec::new();
    let mut month = since.with_day(1).expect("every month has a first day");
    while month <= until && since <= until {
        months.push(month_of(month));
        month = month + chrono::Months::new(1);
    }
    months
}

fn list_month_files(dir: &Path, range: &DateRange) -> Result<Vec<(Month, PathBuf)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(Error::io("read the journal folder", dir, err)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| Error::io("read the journal folder", dir, err))?;
        let name = entry.file_name();
        let Some(name) = name.to_str().and_then(|n| n.strip_suffix(".jsonl")) else { continue };
        if let Some(month) = month_of_name(name).filter(|_| is_month_name(name))
            && may_hold_month(range, month)
        {
            files.push((month, entry.path()));
        }
    }
    files.sort();
    Ok(files)
}

/// Whether the check-in file of `month` can hold dates in `range`.
fn may_hold_month(range: &DateRange, month: Month) -> bool {
    range.since.is_none_or(|since| month >= month_of(since)) && range.until.is_none_or(|until| month <= month_of(until))
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
        assert!(!may_hold_month(&range, (2026, 9)));
        assert!(may_hold_month(&range, (2026, 10)));
        assert!(may_hold_month(&range, (2026, 11)));
        assert!(!may_hold_month(&range, (2026, 12)));
        assert!(may_hold_month(&DateRange::default(), (1999, 1)));
    }

    #[test]
    fn a_short_range_names_its_months() {
        assert_eq!(
            months_between(date("2026-11-30"), date("2027-02-01")),
            [(2026, 11), (2026, 12), (2027, 1), (2027, 2)]
        );
        assert_eq!(months_between(date("2026-11-23"), date("2026-11-23")), [(2026, 11)]);
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
