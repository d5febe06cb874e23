//! Hostile things among the journal's files: pipes, links to pipes and to endless devices
//! named like logs, lines far longer than any record, folders srt does not make, and lock
//! timeouts that are not plain numbers. srt must never hang, never read what is not a plain
//! file, never write through it, and `srt doctor` must name it and leave it where it is.
//!
//! What srt answers: a reader (`list`, `summary`, `export`) skips what is not a plain file
//! with a warning and exits 0; a save into it is refused (exit 1, nothing written); `doctor`
//! and `doctor --repair` name it as "not read" and exit 1.

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::*;
use common::stdout_of;

/// Where a hostile thing goes: this device's log of October, and another device's children.
const MONTH: &str = "data/log/laptop-a/checkins/2026-10.jsonl";
const CHILDREN: &str = "data/log/laptop-b/children.jsonl";

/// Well under the runner's 60 s: srt answers at once or not at all.
const PROMPTLY: Duration = Duration::from_secs(20);

const SKIPPED: &str = "is not a plain file; srt does not read it: see `srt doctor`";

fn path_in(journal: &Journal, relative: &str) -> PathBuf {
    let path = journal.root().join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    path
}

fn fifo_at(journal: &Journal, relative: &str) {
    with_sam(journal);
    let path = CString::new(path_in(journal, relative).as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn link_to_fifo_at(journal: &Journal, relative: &str) {
    fifo_at(journal, "pipe");
    std::os::unix::fs::symlink(journal.root().join("pipe"), path_in(journal, relative)).unwrap();
}

fn link_to_zero_at(journal: &Journal, relative: &str) {
    with_sam(journal);
    std::os::unix::fs::symlink("/dev/zero", path_in(journal, relative)).unwrap();
}

/// Every plain file under the data dir with its bytes, and every other thing by its kind:
/// never opened, as reading a pipe would hang the test and /dev/zero never ends.
fn snapshot(journal: &Journal) -> Vec<(PathBuf, String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut folders = vec![journal.data()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let kind = fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_file() && !path.ends_with("srt.lock") {
                let bytes = fs::read(&path).unwrap();
                found.push((path, "file".into(), bytes));
            } else if kind.is_symlink() {
                found.push((path.clone(), format!("link to {:?}", fs::read_link(&path).unwrap()), Vec::new()));
            } else if kind.is_fifo() {
                found.push((path, "fifo".into(), Vec::new()));
            }
        }
    }
    found.sort();
    found
}

/// `run_all` for journals holding what the common snapshot cannot read: every row must
/// also finish promptly and leave the data dir as it was (pipe and link included).
fn run_hostile(cases: &[Case]) {
    let failures: Vec<String> =
        cases.iter().filter_map(|case| run_one(case).err().map(|why| format!("{}: {why}", case.name))).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

fn run_one(case: &Case) -> Result<(), String> {
    let journal = Journal::new();
    (case.setup)(&journal);
    let before = snapshot(&journal);
    let mut cmd = journal.srt();
    cmd.args(case.args).current_dir(journal.root()).timeout(Duration::from_secs(60));
    for (key, value) in case.env {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    let start = Instant::now();
    let output = cmd.output().map_err(|err| format!("could not run srt: {err}"))?;
    if start.elapsed() > PROMPTLY {
        return Err(format!("took {:?}", start.elapsed()));
    }
    check_answer(case, &output)?;
    if snapshot(&journal) != before {
        return Err("the data dir changed".into());
    }
    Ok(())
}

/// The rows every hostile thing at `MONTH` must pass, `$setup` putting it there.
macro_rules! month_rows {
    ($what:literal, $setup:expr) => {
        [
            Case::new(concat!($what, " as a month: list"), &["list", "--since", "2026-10-01"], 0, SKIPPED)
                .setup($setup)
                .report("got dressed"),
            Case::new(
                concat!($what, " as a month: list of its month"),
                &["list", "--since", "2026-10-01", "--until", "2026-10-31"],
                0,
                SKIPPED,
            )
            .setup($setup),
            Case::new(concat!($what, " as a month: summary"), &["summary", "--since", "2026-10-01"], 0, SKIPPED)
                .setup($setup),
            Case::new(concat!($what, " as a month: export"), &["export", "--all"], 0, SKIPPED).setup($setup),
            Case::new(
                concat!($what, " as a month: a save"),
                &["morning", "3", "--yes", "--date", "2026-10-02"],
                1,
                "checkins/2026-10.jsonl is not a plain file, so srt does not write to it; nothing was saved",
            )
            .setup($setup),
            Case::new(concat!($what, " as a month: doctor"), &["doctor"], 1, "").setup($setup).report(
                "laptop-a/checkins/2026-10.jsonl: not a plain file (a pipe, a device or a link); srt does not read it",
            ),
            Case::new(concat!($what, " as a month: doctor --repair"), &["doctor", "--repair"], 1, "")
                .setup($setup)
                .report("laptop-a/checkins/2026-10.jsonl: not a plain file"),
        ]
    };
}

/// The rows every hostile thing at `CHILDREN` must pass, `$setup` putting it there.
macro_rules! children_rows {
    ($what:literal, $setup:expr) => {
        [
            Case::new(concat!($what, " as children: list"), &["list"], 0, SKIPPED).setup($setup).report("got dressed"),
            Case::new(concat!($what, " as children: child list"), &["child", "list"], 0, SKIPPED)
                .setup($setup)
                .report("Sam"),
            Case::new(concat!($what, " as children: summary"), &["summary"], 0, SKIPPED).setup($setup),
            Case::new(concat!($what, " as children: export"), &["export", "--all"], 0, SKIPPED).setup($setup),
            Case::new(concat!($what, " as children: doctor"), &["doctor"], 1, "")
                .setup($setup)
                .report("laptop-b/children.jsonl: not a plain file (a pipe, a device or a link); srt does not read it"),
            Case::new(concat!($what, " as children: doctor --repair"), &["doctor", "--repair"], 1, "")
                .setup($setup)
                .report("laptop-b/children.jsonl: not a plain file"),
        ]
    };
}

#[test]
fn a_pipe_among_the_logs_is_never_read() {
    run_hostile(&month_rows!("a FIFO", |j| fifo_at(j, MONTH)));
    run_hostile(&children_rows!("a FIFO", |j| fifo_at(j, CHILDREN)));
}

#[test]
fn a_link_to_a_pipe_among_the_logs_is_never_followed() {
    run_hostile(&month_rows!("a link to a FIFO", |j| link_to_fifo_at(j, MONTH)));
    run_hostile(&children_rows!("a link to a FIFO", |j| link_to_fifo_at(j, CHILDREN)));
}

#[test]
fn a_link_to_an_endless_device_among_the_logs_is_never_followed() {
    run_hostile(&month_rows!("a link to /dev/zero", |j| link_to_zero_at(j, MONTH)));
    run_hostile(&children_rows!("a link to /dev/zero", |j| link_to_zero_at(j, CHILDREN)));
}

#[test]
fn a_link_named_like_a_conflicted_copy_is_not_followed_nor_moved() {
    run_hostile(&[
        Case::new("a linked conflicted copy: doctor", &["doctor"], 1, "")
            .setup(linked_conflicted_copy)
            .report("(Sam's conflicted copy 2026-11-20).jsonl: not a plain file"),
        Case::new("a linked conflicted copy: doctor --repair", &["doctor", "--repair"], 1, "")
            .setup(linked_conflicted_copy)
            .report("(Sam's conflicted copy 2026-11-20).jsonl: not a plain file"),
        Case::new("a link to a plain file as children: child list", &["child", "list"], 0, SKIPPED).setup(|j| {
            with_sam(j);
            let children = j.data().join("log/laptop-a/children.jsonl");
            std::os::unix::fs::symlink(children, path_in(j, CHILDREN)).unwrap();
        }),
    ]);
}

/// A conflicted copy of November that is a link to a file outside the journal holding a
/// revision the journal lacks: followed, it would be merged.
fn linked_conflicted_copy(journal: &Journal) {
    with_sam(journal);
    let mut line = sams_line(journal);
    line["at"] = json!("2026-11-23T00:00:00Z");
    line["data"]["alarm"] = json!(2);
    write(journal, "elsewhere.jsonl", &format!("{line}\n"));
    let copy = path_in(journal, "data/log/laptop-a/checkins/2026-11 (Sam's conflicted copy 2026-11-20).jsonl");
    std::os::unix::fs::symlink(journal.root().join("elsewhere.jsonl"), copy).unwrap();
}

fn sams_line(journal: &Journal) -> Value {
    let text = fs::read_to_string(journal.month_log("laptop-a", "2026-11")).unwrap();
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

/// Sam's check-in as laptop-b's, its note `size` bytes long: valid JSON, and a line far
/// longer than srt ever writes; after one ordinary line, so it is line 2.
fn long_line(journal: &Journal) {
    with_sam(journal);
    let ordinary = sams_line(journal);
    let mut long = ordinary.clone();
    long["device"] = json!("laptop-b");
    long["at"] = json!("2026-11-23T00:00:00Z");
    long["data"]["note"] = json!("a".repeat(2 << 20));
    write(journal, "data/log/laptop-b/checkins/2026-11.jsonl", &format!("{ordinary}\n{long}\n"));
}

#[test]
fn a_line_longer_than_any_record_is_damage() {
    let too_long = "laptop-b/checkins/2026-11.jsonl line 2: the line is 2097";
    run_all(&[
        Case::new("a 2 MiB line: list", &["list", "--since", "2026-11-01"], 1, too_long).setup(long_line),
        Case::new("a 2 MiB line: doctor", &["doctor"], 1, "")
            .setup(long_line)
            .report("longer than any entry srt writes (at most 1048576)"),
        Case::new("a 2 MiB line: doctor names it", &["doctor"], 1, "").setup(long_line).report(too_long),
    ]);
    let journal = Journal::new();
    long_line(&journal);
    let out = journal.ok(&["doctor", "--repair"]);
    assert!(out.contains("Moved line 2 of"), "{out}");
    journal.ok(&["list", "--since", "2026-11-01"]);
}

#[test]
fn doctor_names_a_folder_in_the_checkins() {
    run_all(&[
        Case::new("an empty folder in checkins/", &["doctor"], 1, "")
            .setup(|j| {
                with_sam(j);
                fs::create_dir(j.data().join("log/laptop-a/checkins/old")).unwrap();
            })
            .report("laptop-a/checkins/old/: a folder srt did not make; its files are not part of the journal"),
        Case::new("a folder of months in checkins/", &["doctor"], 1, "")
            .setup(|j| {
                with_sam(j);
                let month = fs::read_to_string(j.month_log("laptop-a", "2026-11")).unwrap();
                write(j, "data/log/laptop-a/checkins/old/2026-11.jsonl", &month);
            })
            .report("laptop-a/checkins/old/: a folder srt did not make"),
        Case::new("a folder in a device's folder", &["doctor"], 1, "")
            .setup(|j| {
                with_sam(j);
                fs::create_dir(j.data().join("log/laptop-a/archive")).unwrap();
            })
            .report("laptop-a/archive/: a folder srt did not make"),
    ]);
}

fn mode_of(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn what_repair_moves_to_backups_is_private() {
    let journal = Journal::new();
    with_sam(&journal);
    let mut line = sams_line(&journal);
    line["at"] = json!("2026-11-23T00:00:00Z");
    line["data"]["alarm"] = json!(2);
    let copy = journal.data().join("log/laptop-a/checkins/2026-11 (Sam's conflicted copy 2026-11-20).jsonl");
    fs::write(&copy, format!("{line}\n")).unwrap();
    fs::set_permissions(&copy, fs::Permissions::from_mode(0o644)).unwrap();
    write(&journal, "data/log/laptop-b/settings.jsonl", "{not json\n");
    // As a sync tool may make it: others can look in.
    let backups = journal.data().join("backups");
    fs::create_dir(&backups).unwrap();
    fs::set_permissions(&backups, fs::Permissions::from_mode(0o755)).unwrap();

    let out = journal.ok(&["doctor", "--repair"]);
    assert!(out.contains("Merged 1 line") && out.contains("Moved line 1 of"), "{out}");
    assert_eq!(mode_of(&backups), 0o700);
    let kept: Vec<PathBuf> = fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    for file in kept {
        assert_eq!(mode_of(&file), 0o600, "{}", file.display());
    }
}

#[test]
fn the_lock_timeout_is_plain_digits() {
    let save = &["morning", "3", "--yes", "--date", "2026-11-21"];
    let not_seconds = "is not a whole number of seconds, like 30";
    run_all(&[
        Case::new("a signed timeout", save, 2, "SRT_LOCK_TIMEOUT='+3' is not a whole number")
            .setup(with_sam)
            .env(&[("SRT_LOCK_TIMEOUT", Some("+3"))]),
        Case::new("a negative timeout", save, 2, not_seconds).setup(with_sam).env(&[("SRT_LOCK_TIMEOUT", Some("-3"))]),
        Case::new("a timeout with spaces", save, 2, not_seconds)
            .setup(with_sam)
            .env(&[("SRT_LOCK_TIMEOUT", Some(" 3"))]),
        Case::new("a timeout in another script's digits", save, 2, not_seconds)
            .setup(with_sam)
            .env(&[("SRT_LOCK_TIMEOUT", Some("٣"))]),
        Case::new("an empty timeout", save, 2, "SRT_LOCK_TIMEOUT is set but empty")
            .setup(with_sam)
            .env(&[("SRT_LOCK_TIMEOUT", Some(""))]),
        Case::new("an empty timeout on repair", &["doctor", "--repair"], 2, "SRT_LOCK_TIMEOUT is set but empty")
            .setup(with_sam)
            .env(&[("SRT_LOCK_TIMEOUT", Some(""))]),
    ]);
    let journal = Journal::new();
    with_sam(&journal);
    journal.srt().args(save).env("SRT_LOCK_TIMEOUT", "3").assert().success();
}

#[test]
fn a_reader_skips_what_is_not_plain_and_says_so_once() {
    let journal = Journal::new();
    fifo_at(&journal, MONTH);
    let assert = journal.srt().args(["list", "--since", "2026-10-01"]).timeout(Duration::from_secs(60)).assert();
    let assert = assert.success();
    let err = common::stderr_of(&assert);
    assert_eq!(err.matches(SKIPPED).count(), 1, "{err}");
    assert!(stdout_of(&assert).contains("got dressed"));
}
