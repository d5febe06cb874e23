//! `srt doctor`: every file under `log/` checked, line by line where it is one of srt's
//! logs, and damage set aside without losing a byte: whatever leaves a log is first written
//! to a file in `backups/`. Nothing under `log/` goes unmentioned, as a folder or file srt
//! does not read may hold entries a parent expects to see.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use chrono::Utc;

use super::kinds::{CHECKIN_DIR, Line, kind_of, month_of_name};
use super::log::{self, CheckedLine, Inspection, LineProblem, RevisionKey};
use super::{BACKUP_DIR, LOG_DIR, Store, WriteLock, is_device_folder};
use crate::durable::{self as file, LogBytes};
use crate::error::{Error, Result};
use crate::model::upgrade::{AnyCheckIn, AnyLadder};
use crate::model::{Child, Concern, Session, Setting};
use crate::text::visible_path;

/// One file or folder under `log/` and what was found in it.
pub struct FileReport {
    pub path: PathBuf,
    /// The device whose folder holds it, if any.
    pub device: Option<String>,
    pub finding: Finding,
}

/// What a file or folder under `log/` is.
pub enum Finding {
    /// One of srt's logs, checked line by line.
    Log(Inspection),
    /// A sync tool's conflicted copy of the log `of` (its name in the device's folder),
    /// checked line by line; `unique` of its lines hold revisions the journal lacks.
    Conflict { of: String, inspection: Inspection, unique: usize },
    /// A file in a device's folder that srt did not write: not read.
    NotSrts,
    /// Something in a device's folder that is not a plain file (a pipe, a device, a link),
    /// whatever its name: never opened, so it cannot hang srt or lead it elsewhere.
    NotPlain,
    /// A folder in a device's folder that srt did not make: its files are not read.
    UnknownFolder,
    /// A folder in `log/` whose name is not a device id: its files are not read.
    NotDeviceFolder,
    /// A file directly in `log/`, beside the device folders: not read.
    Stray,
    /// What an interrupted rewrite of a log left aside; the log itself is whole.
    Leftover,
}

impl FileReport {
    /// The lines `--repair` sets aside: damaged and cut-off ones. Lines from a newer srt
    /// stay; an upgrade reads them. A conflicted copy moves whole.
    pub fn to_set_aside(&self) -> Vec<usize> {
        let Finding::Log(inspection) = &self.finding else { return Vec::new() };
        let problems = inspection.problems.iter();
        problems.filter(|(_, p)| !matches!(p, LineProblem::Newer(_))).map(|(line, _)| *line).collect()
    }

    /// The lines checked, for a log or a conflicted copy of one.
    pub fn inspection(&self) -> Option<&Inspection> {
        match &self.finding {
            Finding::Log(inspection) | Finding::Conflict { inspection, .. } => Some(inspection),
            _ => None,
        }
    }

    /// Whether it holds lines of a newer srt.
    pub fn has_newer(&self) -> bool {
        self.inspection().is_some_and(|i| i.problems.iter().any(|(_, p)| matches!(p, LineProblem::Newer(_))))
    }

    /// Whether `--repair` merges it: a conflicted copy this srt can read every valid line of.
    pub fn is_mergeable(&self) -> bool {
        matches!(self.finding, Finding::Conflict { .. }) && !self.has_newer()
    }

    /// Whether srt does not read it, though it sits among the journal's files.
    pub fn is_unread(&self) -> bool {
        matches!(
            self.finding,
            Finding::NotSrts | Finding::NotPlain | Finding::UnknownFolder | Finding::NotDeviceFolder | Finding::Stray
        )
    }
}

/// Lines moved out of one log.
pub struct Moved {
    pub path: PathBuf,
    pub lines: Vec<usize>,
    pub backup: PathBuf,
}

/// A conflicted copy merged into this device's log and moved to `backups/`.
pub struct Merged {
    pub copy: PathBuf,
    pub into: PathBuf,
    /// How many of its lines were added.
    pub lines: usize,
    pub backup: PathBuf,
}

/// What `--repair` did.
#[derive(Default)]
pub struct Repairs {
    pub moved: Vec<Moved>,
    pub merged: Vec<Merged>,
}

/// The revisions the journal holds, by the name of the log they are in, read as needed.
#[derive(Default)]
struct KnownRevisions {
    by_log: BTreeMap<String, BTreeSet<RevisionKey>>,
}

impl KnownRevisions {
    fn of(&mut self, store: &Store, relative: &str) -> Result<&mut BTreeSet<RevisionKey>> {
        if !self.by_log.contains_key(relative) {
            let mut known = BTreeSet::new();
            for device_dir in store.device_dirs()? {
                let path = device_dir.join(relative);
                // One that is not a plain file holds nothing srt reads (doctor names it).
                let bytes = read_log(&path)?.unwrap_or_default();
                known.extend(check_as(relative, &bytes).into_iter().filter_map(|line| line.read.ok()));
            }
            self.by_log.insert(relative.to_string(), known);
        }
        Ok(self.by_log.get_mut(relative).expect("inserted just above"))
    }

    /// The numbers of the valid lines of a conflicted copy of `relative` that hold revisions
    /// not known yet, each then known (so no revision is counted or merged twice).
    fn take_unique(&mut self, store: &Store, relative: &str, copy: &[CheckedLine]) -> Result<Vec<usize>> {
        let known = self.of(store, relative)?;
        let fresh = copy.iter().filter_map(|line| line.read.as_ref().ok().map(|key| (line.number, key)));
        Ok(fresh.filter(|(_, key)| known.insert((*key).clone())).map(|(number, _)| number).collect())
    }
}

impl Store {
    /// Checks everything under `log/`.
    pub fn inspect(&self) -> Result<Vec<FileReport>> {
        let mut reports = self.outside_device_folders()?;
        let mut known = KnownRevisions::default();
        for device_dir in self.device_dirs()? {
            let device = device_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            for (path, is_folder) in entries_under(&device_dir)? {
                let finding = match is_folder {
                    true => Finding::UnknownFolder,
                    false => self.inspect_file(&device_dir, &path, &mut known)?,
                };
                reports.push(FileReport { path, device: Some(device.clone()), finding });
            }
        }
        Ok(reports)
    }

    /// The folders and files in `log/` that are not device folders.
    fn outside_device_folders(&self) -> Result<Vec<FileReport>> {
        let mut reports = Vec::new();
        for entry in self.log_entries()? {
            if is_device_folder(&entry) || is_housekeeping(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let finding = if entry.path().is_dir() { Finding::NotDeviceFolder } else { Finding::Stray };
            reports.push(FileReport { path: entry.path(), device: None, finding });
        }
        reports.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(reports)
    }

    fn inspect_file(&self, device_dir: &Path, path: &Path, known: &mut KnownRevisions) -> Result<Finding> {
        let relative = path.strip_prefix(device_dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with(file::TEMP_PREFIX) {
            return Ok(Finding::Leftover);
        }
        let original = original_of(&relative);
        if kind_of(&relative).is_none() && original.is_none() {
            return Ok(Finding::NotSrts);
        }
        // Never opened unless a plain file: a pipe or a device could block the read, and a
        // link could lead anywhere.
        if !file::is_plain_file(path) {
            return Ok(Finding::NotPlain);
        }
        // Checked again as it is opened: it may have changed since.
        let Some(bytes) = read_log(path)? else { return Ok(Finding::NotPlain) };
        let Some(of) = original else { return Ok(Finding::Log(Inspection::of(&check_as(&relative, &bytes)))) };
        let lines = check_as(&of, &bytes);
        let unique = known.take_unique(self, &of, &lines)?.len();
        Ok(Finding::Conflict { inspection: Inspection::of(&lines), of, unique })
    }

    /// Sets aside the damaged and cut-off lines of each log, then merges each conflicted
    /// copy into this device's log: in that order, so that the line numbers found are still
    /// those of the logs when their lines are moved.
    pub fn repair(&self, lock: &WriteLock, reports: &[FileReport]) -> Result<Repairs> {
        let mut repairs = Repairs::default();
        for report in reports {
            if let Some(moved) = self.set_aside_damage(report)? {
                repairs.moved.push(moved);
            }
        }
        let mut known = KnownRevisions::default();
        for report in reports.iter().filter(|r| r.is_mergeable()) {
            if let (Finding::Conflict { of, .. }, Some(device)) = (&report.finding, &report.device) {
                repairs.merged.push(self.merge_copy(lock, &report.path, device, of, &mut known)?);
            }
        }
        Ok(repairs)
    }

    /// Copies the damaged and cut-off lines of a log into a new file under `backups/`, then
    /// rewrites the log, atomically, with every other line as it was.
    fn set_aside_damage(&self, report: &FileReport) -> Result<Option<Moved>> {
        let bad = report.to_set_aside();
        let Some(device) = report.device.as_deref().filter(|_| !bad.is_empty()) else { return Ok(None) };
        let bytes = read(&report.path)?;
        let (mut kept, mut set_aside) = (Vec::with_capacity(bytes.len()), Vec::new());
        for (number, line, _) in log::numbered_lines(&bytes) {
            let to = if bad.contains(&number) { &mut set_aside } else { &mut kept };
            to.extend_from_slice(line);
            to.push(b'\n');
        }
        let backup = self.backup_path(device, &report.path, "damaged")?;
        file::write_atomically_with(&backup, false, |out| Ok(out.write_all(&set_aside)?))?;
        file::write_atomically_with(&report.path, true, |out| Ok(out.write_all(&kept)?))?;
        Ok(Some(Moved { path: report.path.clone(), lines: bad, backup }))
    }

    /// Appends the revisions only a conflicted copy of `of` holds to this device's `of`, as
    /// they are (the fold picks the latest), then moves the copy, whole, into `backups/`.
    /// Read again here, under the lock; run twice (after a crash), it adds nothing twice.
    fn merge_copy(
        &self,
        lock: &WriteLock,
        copy: &Path,
        device: &str,
        of: &str,
        known: &mut KnownRevisions,
    ) -> Result<Merged> {
        let bytes = read(copy)?;
        let unique = known.take_unique(self, of, &check_as(of, &bytes))?;
        let lines: Vec<&[u8]> = log::numbered_lines(&bytes).map(|(_, line, _)| line).collect();
        let mut merged = Vec::new();
        for number in &unique {
            merged.extend_from_slice(lines[number - 1]);
            merged.push(b'\n');
        }
        if !merged.is_empty() {
            self.append_lines(lock, of, &merged)?;
        }
        let backup = self.backup_path(device, copy, "conflict")?;
        file::make_private(copy).map_err(|err| Error::io("make private the file", copy, err))?;
        fs::rename(copy, &backup).map_err(|err| Error::io("move to backups/ the file", copy, err))?;
        file::sync_dir(file::parent_of(copy)).map_err(|err| Error::io("save the move of", copy, err))?;
        let into = self.root.join(LOG_DIR).join(self.device()?).join(of);
        Ok(Merged { copy: copy.to_path_buf(), into, lines: unique.len(), backup })
    }

    /// A new, unused name under `backups/` for bytes leaving `log` of `device`.
    pub(super) fn backup_path(&self, device: &str, log: &Path, what: &str) -> Result<PathBuf> {
        let dir = self.root.join(BACKUP_DIR);
        file::create_private_dir(&dir)?;
        make_folder_private(&dir)?;
        let relative = log.strip_prefix(self.root.join(LOG_DIR).join(device)).unwrap_or(log);
        let name = relative.to_string_lossy().replace(['/', '\\'], "-");
        Ok(dir.join(format!("{}-{device}-{name}.{what}", Utc::now().format("%Y%m%dT%H%M%S%.9fZ"))))
    }
}

/// A log's bytes as doctor reads them; `None` when it is not a plain file.
fn read_log(path: &Path) -> Result<Option<Vec<u8>>> {
    match file::read_log(path).map_err(|err| Error::io("read the journal at", path, err))? {
        LogBytes::Read(bytes) => Ok(Some(bytes)),
        LogBytes::NotPlain => Ok(None),
    }
}

/// A log `--repair` found whole a moment ago, read again under the lock.
fn read(path: &Path) -> Result<Vec<u8>> {
    read_log(path)?.ok_or_else(|| {
        Error::failure(format!(
            "{} is no longer a plain file; nothing more was changed: run `srt doctor` again",
            visible_path(path)
        ))
    })
}

/// `backups/` readable by the owner only, even when a sync tool made it.
fn make_folder_private(dir: &Path) -> Result<()> {
    let found = fs::symlink_metadata(dir).map_err(|err| Error::io("read the folder", dir, err))?;
    if !found.is_dir() {
        return Err(Error::failure(format!(
            "{} is not a folder, so srt cannot keep what it sets aside there; nothing more was changed",
            visible_path(dir)
        )));
    }
    if found.mode() & 0o777 == file::DIR_MODE {
        return Ok(());
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(file::DIR_MODE))
        .map_err(|err| Error::io("make private the folder", dir, err))
}

/// Every line of the log `relative` checked by the rules of the records it holds.
fn check_as(relative: &str, bytes: &[u8]) -> Vec<CheckedLine> {
    match kind_of(relative) {
        Some(Child::KIND) => log::check_lines::<Child>(bytes, None),
        Some(Setting::KIND) => log::check_lines::<Setting>(bytes, None),
        Some(Session::KIND) => log::check_lines::<Session>(bytes, None),
        Some(Concern::KIND) => log::check_lines::<Concern>(bytes, None),
        Some(AnyLadder::KIND) => log::check_lines::<AnyLadder>(bytes, None),
        _ => {
            let month =
                relative.rsplit('/').next().and_then(|name| name.strip_suffix(".jsonl")).and_then(month_of_name);
            log::check_lines::<AnyCheckIn>(bytes, month)
        }
    }
}

/// The log a sync tool's conflicted copy was copied from, by the copy's name in a device's
/// folder: Dropbox's and Nextcloud's `children (… conflicted copy …).jsonl`, Syncthing's
/// `children.sync-conflict-….jsonl`.
fn original_of(relative: &str) -> Option<String> {
    let (folder, name) = relative.rsplit_once('/').map_or(("", relative), |(folder, name)| (folder, name));
    let stem = name.strip_suffix(".jsonl")?;
    let base = match stem.split_once(".sync-conflict-") {
        Some((base, _)) => base,
        None => {
            let (base, note) = stem.split_once(" (")?;
            (note.ends_with(')') && note.to_lowercase().contains("conflict")).then_some(base)?
        }
    };
    let original = if folder.is_empty() { format!("{base}.jsonl") } else { format!("{folder}/{base}.jsonl") };
    kind_of(&original).map(|_| original)
}

/// Files an operating system or a sync tool keeps in every folder it touches: never
/// journal entries, so not worth a word.
fn is_housekeeping(name: &str) -> bool {
    let known = [".DS_Store", "Thumbs.db", "desktop.ini", ".stfolder", ".stignore", ".stversions", ".dropbox"];
    known.contains(&name)
        || name.starts_with(".dropbox.")
        || name.starts_with("._")
        || name.starts_with(".syncthing.")
        || name.starts_with("~syncthing~")
}

/// Every entry of a device's folder and of its `checkins/`, sorted, each with whether it
/// is a folder. srt reads no other folder, so no other is looked into: each is reported
/// whole. A link to a folder is not followed (it could lead back up).
fn entries_under(dir: &Path) -> Result<Vec<(PathBuf, bool)>> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder).map_err(|err| Error::io("read the journal folder", &folder, err))?;
        for entry in entries {
            let entry = entry.map_err(|err| Error::io("read the journal folder", &folder, err))?;
            if is_housekeeping(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_folder && folder == dir && entry.file_name() == CHECKIN_DIR {
                folders.push(entry.path());
            } else {
                found.push((entry.path(), is_folder));
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicted_copies_are_known_by_the_names_sync_tools_give_them() {
        let original = |name: &str| original_of(name);
        assert_eq!(original("children (conflicted copy).jsonl").as_deref(), Some("children.jsonl"));
        assert_eq!(
            original("checkins/2026-11 (Sam's conflicted copy 2026-11-20).jsonl").as_deref(),
            Some("checkins/2026-11.jsonl")
        );
        assert_eq!(original("sessions.sync-conflict-20261120-123456-ABCDEFG.jsonl").as_deref(), Some("sessions.jsonl"));
        assert_eq!(original("ladders (Case Conflict).jsonl").as_deref(), Some("ladders.jsonl"));
        assert_eq!(original("notes (conflicted copy).jsonl"), None, "a copy of a file srt does not write");
        assert_eq!(original("children (copy).jsonl"), None);
        assert_eq!(original("checkins/2026-13 (conflicted copy).jsonl"), None);
        assert_eq!(original("children.jsonl"), None);
    }

    #[test]
    fn housekeeping_files_are_known() {
        assert!(is_housekeeping(".DS_Store") && is_housekeeping(".stfolder") && is_housekeeping("._children.jsonl"));
        assert!(!is_housekeeping("children.jsonl") && !is_housekeeping("laptop.b"));
    }
}
