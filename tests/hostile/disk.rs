//! Hostile disks and locks: a data dir shared with others, a full disk, a lock held by
//! another srt or replaced by something that is not a file.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use super::*;
use common::stderr_of;

fn mode_of(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Every file under `dir` (the lock file too), for checking their modes.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() { files.extend(files_under(&path)) } else { files.push(path) }
    }
    files
}

/// Every file under `dir` with its bytes (`Journal::snapshot` for a data dir elsewhere).
fn snapshot_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = files_under(dir).into_iter().map(|path| (path.clone(), fs::read(&path).unwrap())).collect();
    files.sort();
    files
}

#[test]
fn an_existing_data_dir_keeps_its_mode_and_is_named_once() {
    for (mode, said_of_it) in
        [(0o1777, "can change and replace files in"), (0o755, "can see into"), (0o733, "can change")]
    {
        let journal = Journal::new();
        fs::create_dir(journal.data()).unwrap();
        fs::set_permissions(journal.data(), fs::Permissions::from_mode(mode)).unwrap();
        let (_, said) = journal.ok_with_stderr(&["child", "add", "Sam"]);
        assert_eq!(said.matches("srt: warning:").count(), 1, "{mode:o}: {said}");
        assert!(said.contains(said_of_it) && said.contains("chmod 700 -- "), "{mode:o}: {said}");
        let (_, said) = journal.ok_with_stderr(&["morning", "4", "--yes"]);
        assert_eq!(said.matches("chmod 700").count(), 1, "{mode:o}: once per run: {said}");
        assert_eq!(mode_of(&journal.data()), mode, "the data dir keeps its mode");
        let files = files_under(&journal.data());
        assert!(files.len() >= 3, "{files:?}");
        for file in files {
            assert_eq!(mode_of(&file), 0o600, "{}", file.display());
        }
        journal.ok(&["list"]);
    }
}

#[test]
fn a_data_dir_srt_makes_is_private_and_quiet() {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    assert_eq!(mode_of(&journal.data()), 0o700);
}

/// Holds `DATA/srt.lock` as another srt would.
fn hold_lock(journal: &Journal) -> File {
    let lock = File::options().create(true).truncate(false).write(true).open(journal.data().join("srt.lock")).unwrap();
    lock.lock().unwrap();
    lock
}

#[test]
fn a_save_waits_for_the_lock_and_says_so_once() {
    let journal = Journal::new();
    with_sam(&journal);
    let lock = hold_lock(&journal);
    let holder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(2500));
        drop(lock);
    });
    let start = Instant::now();
    let out = journal.srt().args(["evening", "3", "--yes"]).timeout(Duration::from_secs(60)).assert().success();
    holder.join().unwrap();
    assert!(start.elapsed() >= Duration::from_secs(2), "it waited for the lock");
    let said = stderr_of(&out);
    assert_eq!(said, "srt: waiting for another srt to finish…\n");
    assert_eq!(journal.checkins().len(), 2, "the evening was saved");
}

#[test]
fn a_save_gives_up_on_a_lock_held_too_long() {
    let journal = Journal::new();
    with_sam(&journal);
    let before = journal.snapshot();
    let _lock = hold_lock(&journal);
    let start = Instant::now();
    let out = journal
        .srt()
        .args(["evening", "3", "--yes"])
        .env("SRT_LOCK_TIMEOUT", "1")
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1);
    assert!(start.elapsed() < Duration::from_secs(10), "it gave up after about a second");
    let said = stderr_of(&out);
    let lock_path = journal.data().join("srt.lock");
    let message = format!(
        "srt: error: another srt has held the journal's lock for 1 s ({}); nothing was saved; try again\n",
        lock_path.display()
    );
    assert!(said.ends_with(&message), "{said}");
    assert_eq!(journal.snapshot(), before);
}

fn fifo_as_lock(journal: &Journal) {
    with_sam(journal);
    let path = std::ffi::CString::new(journal.data().join("srt.lock").into_os_string().into_encoded_bytes()).unwrap();
    fs::remove_file(journal.data().join("srt.lock")).unwrap();
    // SAFETY: `path` is a valid, NUL-terminated C string that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
}

fn folder_as_lock(journal: &Journal) {
    with_sam(journal);
    fs::remove_file(journal.data().join("srt.lock")).unwrap();
    fs::create_dir(journal.data().join("srt.lock")).unwrap();
}

/// A link to a device: what a device node at `srt.lock` would be, without needing root.
fn device_as_lock(journal: &Journal) {
    with_sam(journal);
    fs::remove_file(journal.data().join("srt.lock")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", journal.data().join("srt.lock")).unwrap();
}

fn link_as_lock(journal: &Journal) {
    with_sam(journal);
    fs::remove_file(journal.data().join("srt.lock")).unwrap();
    fs::write(journal.root().join("elsewhere"), "").unwrap();
    std::os::unix::fs::symlink(journal.root().join("elsewhere"), journal.data().join("srt.lock")).unwrap();
}

#[test]
fn a_lock_that_is_not_a_plain_file_is_refused_at_once() {
    let start = Instant::now();
    let evening = &["evening", "3", "--yes"];
    run_all(&[
        Case::new("a FIFO as srt.lock", evening, 1, "srt.lock is not a plain file").setup(fifo_as_lock),
        Case::new("a folder as srt.lock", evening, 1, "srt.lock is not a plain file").setup(folder_as_lock),
        Case::new("a link to a device as srt.lock", evening, 1, "srt.lock is not a plain file").setup(device_as_lock),
        Case::new("a link as srt.lock", evening, 1, "srt.lock is not a plain file").setup(link_as_lock),
        Case::new("a FIFO as the lock of a new child", &["child", "add", "Alex"], 1, "not a plain file")
            .setup(fifo_as_lock),
    ]);
    assert!(start.elapsed() < Duration::from_secs(20), "no case waited: {:?}", start.elapsed());
}

#[test]
fn a_bad_lock_timeout_is_refused() {
    let evening = &["evening", "3", "--yes"];
    run_all(&[
        Case::new("a word", evening, 2, "SRT_LOCK_TIMEOUT='soon' is not a whole number of seconds")
            .env(&[("SRT_LOCK_TIMEOUT", Some("soon"))])
            .setup(with_sam),
        Case::new("a negative", evening, 2, "SRT_LOCK_TIMEOUT='-1' is not")
            .env(&[("SRT_LOCK_TIMEOUT", Some("-1"))])
            .setup(with_sam),
        Case::new("an escape", evening, 2, "SRT_LOCK_TIMEOUT='\\x1b[2J' is not")
            .env(&[("SRT_LOCK_TIMEOUT", Some("\x1b[2J"))])
            .setup(with_sam),
        Case::new("on a new journal", &["child", "add", "Sam"], 2, "SRT_LOCK_TIMEOUT='1.5' is not")
            .env(&[("SRT_LOCK_TIMEOUT", Some("1.5"))]),
    ]);
}

#[test]
fn reading_needs_no_lock() {
    let journal = Journal::new();
    with_sam(&journal);
    let _lock = hold_lock(&journal);
    fs::set_permissions(journal.data(), fs::Permissions::from_mode(0o500)).unwrap();
    for args in [&["list"][..], &["summary"], &["status"]] {
        let out = journal.srt().args(args).env("SRT_LOCK_TIMEOUT", "0").timeout(Duration::from_secs(60)).output();
        let out = out.unwrap();
        // `status` says with its exit code whether a check-in is still to do.
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {out:?}");
        assert!(out.stderr.is_empty() && !out.stdout.is_empty(), "{args:?}: {out:?}");
    }
    fs::set_permissions(journal.data(), fs::Permissions::from_mode(0o700)).unwrap();
}

/// The size of a memory page, in which a tmpfs hands out room.
fn page_size() -> u64 {
    // SAFETY: sysconf only reads a system setting.
    u64::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096)
}

/// A tmpfs of 16 pages mounted in a user and mount namespace of its own, kept alive by a
/// sleeping process; its files are reached through that process's root.
struct SmallDisk {
    keeper: Child,
    mount_point: PathBuf,
}

impl SmallDisk {
    /// Mounts it at `mount_point`, or says why that cannot be done here.
    fn mount(mount_point: &Path) -> Result<Self, String> {
        fs::create_dir_all(mount_point).unwrap();
        let script = r#"mount -t tmpfs -o "size=$2" tmpfs "$1" && echo mounted && exec sleep 300"#;
        let mut keeper = Process::new("unshare")
            .args(["--user", "--map-root-user", "--mount", "sh", "-c", script, "sh"])
            .arg(mount_point)
            .arg((16 * page_size()).to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| format!("could not run unshare: {err}"))?;
        let mut said = String::new();
        Read::read_to_string(&mut keeper.stdout.take().unwrap().take(8), &mut said).unwrap();
        if said.trim() != "mounted" {
            let _ = keeper.kill();
            let output = keeper.wait_with_output().unwrap();
            return Err(format!("could not mount a tmpfs: {}", String::from_utf8_lossy(&output.stderr).trim()));
        }
        let disk = Self { keeper, mount_point: mount_point.to_path_buf() };
        fs::write(disk.path("probe"), "").map_err(|err| format!("could not reach the tmpfs: {err}"))?;
        Ok(disk)
    }

    /// `relative` on the small disk, as any process can reach it.
    fn path(&self, relative: &str) -> PathBuf {
        let inside = self.mount_point.strip_prefix("/").unwrap();
        PathBuf::from(format!("/proc/{}/root", self.keeper.id())).join(inside).join(relative)
    }

    /// Writes to a file outside the journal until the disk is full.
    fn fill(&self) {
        let mut filler = File::create(self.path("filler")).unwrap();
        let block = vec![b'x'; 512];
        while Write::write_all(&mut filler, &block).is_ok() {}
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = self.keeper.kill();
        let _ = self.keeper.wait();
    }
}

/// Check-ins until the November log ends less than `room` bytes before the end of a page,
/// so the next line only half fits on a full disk.
fn fill_to_page_end(srt: &dyn Fn() -> assert_cmd::Command, log: &Path, room: u64) {
    let size = || fs::metadata(log).map_or(0, |m| m.len());
    let note_of = |len: usize| "a".repeat(len.clamp(1, 2000));
    let slots = (1..=22).flat_map(|day| [("morning", day), ("evening", day)]);
    for (period, day) in slots {
        let left = page_size() - size() % page_size();
        if size() > 0 && left < room {
            return;
        }
        // A line takes about `base` bytes and its note; aim for `room / 2` left.
        let base = 430;
        let note = note_of(left.saturating_sub(room / 2 + base) as usize);
        srt().args([period, "4", "--date", &format!("2026-11-{day:02}"), "--note", &note, "--yes"]).assert().success();
    }
    panic!("the log never came near a page's end: {} bytes", size());
}

#[test]
fn a_full_disk_leaves_the_journal_as_it_was() {
    let journal = Journal::new();
    let disk = match SmallDisk::mount(&journal.root().join("small")) {
        Ok(disk) => disk,
        Err(why) => {
            eprintln!("skipped: a_full_disk_leaves_the_journal_as_it_was needs a tmpfs of its own ({why})");
            return;
        }
    };
    let data = disk.path("data");
    let srt = || {
        let mut cmd = journal.srt();
        cmd.env("SRT_DATA_DIR", &data).timeout(Duration::from_secs(60));
        cmd
    };
    srt().args(["child", "add", "Sam"]).assert().success();
    let november = data.join("log/laptop-a/checkins/2026-11.jsonl");
    fill_to_page_end(&srt, &november, 150);
    disk.fill();
    let before = snapshot_of(&data);

    let long_note = "b".repeat(400);
    for (date, file) in [("2026-11-23", "2026-11.jsonl"), ("2026-10-05", "2026-10.jsonl")] {
        let out = srt().args(["evening", "3", "--date", date, "--note", &long_note, "--yes"]).assert().code(1);
        let said = stderr_of(&out);
        assert!(said.starts_with("srt: error: ") && said.lines().count() == 1, "{said}");
        assert!(said.contains(file) && said.contains("No space left on device"), "{said}");
        assert!(snapshot_of(&data) == before, "the journal changed after a failed save to {file}");
    }
    let out = srt().args(["list", "--since", "2026-10-01"]).assert().success();
    assert_eq!(stderr_of(&out), "", "no cut-off line to warn about");
}
