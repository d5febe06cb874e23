//! `srt doctor`: every file of the journal checked line by line, and damage set aside
//! without losing a byte: whatever leaves a log is first written to a file in `backups/`.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Utc;

use super::kinds::{Line, kind_of, month_of_name};
use super::log::{self, Inspection, LineProblem};
use super::{BACKUP_DIR, LOG_DIR, Store, WriteLock};
use crate::durable as file;
use crate::error::{Error, Result};
use crate::model::upgrade::{AnyCheckIn, AnyLadder};
use crate::model::{Child, Session, Setting};

/// One file of the journal and what was found in it.
pub struct FileReport {
    pub path: PathBuf,
    pub device: String,
    /// `None` for a file that is not one of srt's logs (left alone).
    pub inspection: Option<Inspection>,
}

impl FileReport {
    /// The lines `--repair` sets aside: damaged and cut-off ones. Lines from a newer srt
    /// stay; an upgrade reads them.
    pub fn to_set_aside(&self) -> Vec<usize> {
        let problems = self.inspection.iter().flat_map(|i| &i.problems);
        problems.filter(|(_, p)| !matches!(p, LineProblem::Newer(_))).map(|(line, _)| *line).collect()
    }
}

/// Lines moved out of one log.
pub struct Moved {
    pub path: PathBuf,
    pub lines: Vec<usize>,
    pub backup: PathBuf,
}

impl Store {
    /// Checks every file under `log/`.
    pub fn inspect(&self) -> Result<Vec<FileReport>> {
        let mut reports = Vec::new();
        for device_dir in self.device_dirs()? {
            let device = device_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            for path in files_under(&device_dir)? {
                let relative = path.strip_prefix(&device_dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                let bytes = fs::read(&path).map_err(|err| Error::io("read the journal at", &path, err))?;
                let inspection = inspect_as(&relative, &bytes);
                reports.push(FileReport { path, device: device.clone(), inspection });
            }
        }
        Ok(reports)
    }

    /// Copies the damaged and cut-off lines of each report into a new file under `backups/`,
    /// then rewrites the log, atomically, with every other line as it was.
    pub fn repair(&self, _lock: &WriteLock, reports: &[FileReport]) -> Result<Vec<Moved>> {
        let mut moved = Vec::new();
        for report in reports {
            let bad = report.to_set_aside();
            if bad.is_empty() {
                continue;
            }
            let bytes = fs::read(&report.path).map_err(|err| Error::io("read the journal at", &report.path, err))?;
            let (mut kept, mut set_aside) = (Vec::with_capacity(bytes.len()), Vec::new());
            for (number, line, _) in log::numbered_lines(&bytes) {
                let to = if bad.contains(&number) { &mut set_aside } else { &mut kept };
                to.extend_from_slice(line);
                to.push(b'\n');
            }
            let backup = self.backup_path(&report.device, &report.path, "damaged")?;
            file::write_atomically_with(&backup, false, |out| Ok(out.write_all(&set_aside)?))?;
            file::write_atomically_with(&report.path, true, |out| Ok(out.write_all(&kept)?))?;
            moved.push(Moved { path: report.path.clone(), lines: bad, backup });
        }
        Ok(moved)
    }

    /// A new, unused name under `backups/` for bytes leaving `log` of `device`.
    pub(super) fn backup_path(&self, device: &str, log: &Path, what: &str) -> Result<PathBuf> {
        let dir = self.root.join(BACKUP_DIR);
        file::create_private_dir(&dir)?;
        let relative = log.strip_prefix(self.root.join(LOG_DIR).join(device)).unwrap_or(log);
        let name = relative.to_string_lossy().replace(['/', '\\'], "-");
        Ok(dir.join(format!("{}-{device}-{name}.{what}", Utc::now().format("%Y%m%dT%H%M%S%.9fZ"))))
    }
}

fn inspect_as(relative: &str, bytes: &[u8]) -> Option<Inspection> {
    Some(match kind_of(relative)? {
        Child::KIND => log::inspect::<Child>(bytes, None),
        Setting::KIND => log::inspect::<Setting>(bytes, None),
        Session::KIND => log::inspect::<Session>(bytes, None),
        AnyLadder::KIND => log::inspect::<AnyLadder>(bytes, None),
        _ => {
            let month =
                relative.rsplit('/').next().and_then(|name| name.strip_suffix(".jsonl")).and_then(month_of_name);
            log::inspect::<AnyCheckIn>(bytes, month)
        }
    })
}

/// Every file in a device's folder and its `checkins/`, sorted.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder).map_err(|err| Error::io("read the journal folder", &folder, err))?;
        for entry in entries {
            let path = entry.map_err(|err| Error::io("read the journal folder", &folder, err))?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}
