//! output: `srt export -o` aimed at the journal's own files (directly, or through a link
//! into its folder), at srt's settings, at a named pipe, a folder or a link; `-o -`; and
//! srt closed (SIGHUP, SIGTERM) while the parent's editor is open on a note. A refused
//! export writes nothing and leaves what was at the path as it was.

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::*;

const INSIDE: &str = "is inside the journal's own folder";

/// Sam's journal, with a link `into-data` to its data dir.
fn with_link_into_data(journal: &Journal) {
    with_sam(journal);
    std::os::unix::fs::symlink(journal.data(), journal.root().join("into-data")).unwrap();
}

/// Sam's journal, with a named pipe `pipe` beside it.
fn with_pipe(journal: &Journal) {
    with_sam(journal);
    make_pipe(&journal.root().join("pipe"));
}

fn make_pipe(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo failed");
}

/// Sam's journal, with an empty folder `exports`.
fn with_folder(journal: &Journal) {
    with_sam(journal);
    fs::create_dir(journal.root().join("exports")).unwrap();
}

/// Sam's journal, with `latest.json` a link to `old.json`.
fn with_file_link(journal: &Journal) {
    with_sam(journal);
    write(journal, "old.json", "an old export");
    std::os::unix::fs::symlink("old.json", journal.root().join("latest.json")).unwrap();
}

#[test]
fn an_export_that_would_replace_what_is_not_its_own_is_refused() {
    run_all(&[
        Case::new(
            "-o a month's log",
            &["export", "--all", "-o", "data/log/laptop-a/checkins/2026-11.jsonl"],
            2,
            INSIDE,
        )
        .setup(with_sam),
        Case::new("-o the children's log", &["export", "-o", "data/log/laptop-a/children.jsonl"], 2, INSIDE)
            .setup(with_sam),
        Case::new("-o the lock", &["export", "-o", "data/srt.lock"], 2, INSIDE).setup(with_sam),
        Case::new("-o a new name in the data dir", &["export", "-o", "data/sam.json"], 2, INSIDE).setup(with_sam),
        Case::new("-o a new name in a new folder there", &["export", "-o", "data/log/sam.json"], 2, INSIDE)
            .setup(with_sam),
        Case::new("-o through a link into the data dir", &["export", "-o", "into-data/srt.lock"], 2, INSIDE)
            .setup(with_link_into_data),
        Case::new("-o a new name through a link", &["export", "-o", "into-data/log/new.json"], 2, INSIDE)
            .setup(with_link_into_data),
        Case::new("-o the settings file", &["export", "-o", "config.toml"], 2, "is srt's settings file")
            .setup(with_sam),
        Case::new("-o a named pipe", &["export", "-o", "pipe"], 2, "pipe is a named pipe, not a file").setup(with_pipe),
        Case::new("-o a folder", &["export", "-o", "exports"], 2, "exports is a folder").setup(with_folder),
        Case::new("-o a folder, with a slash", &["export", "-o", "exports/"], 2, "exports/ is a folder")
            .setup(with_folder),
        Case::new(
            "-o a link",
            &["export", "-o", "latest.json"],
            2,
            "latest.json is a link; srt would replace the link, not the file",
        )
        .setup(with_file_link),
        Case::new("-o a link to nothing", &["export", "-o", "into-data"], 2, "into-data is a link").setup(|journal| {
            with_sam(journal);
            std::os::unix::fs::symlink("nowhere", journal.root().join("into-data")).unwrap();
        }),
        Case::new(
            "-o in a folder that is a file",
            &["export", "-o", "old.json/sam.json"],
            2,
            "there is no folder old.json",
        )
        .setup(with_file_link),
        Case::new("-o - is the standard output", &["export", "-o", "-"], 0, "")
            .setup(with_sam)
            .report("\"srt-export\""),
        Case::new("-o a plain new file", &["export", "-o", "sam.json"], 0, "")
            .setup(with_sam)
            .report("Wrote Sam's export from"),
    ]);
}

/// Runs `srt export -o target` (and `extra`) on a journal set up by `setup`; its exit code.
fn export_to(setup: fn(&Journal), target: &str, extra: &[&str]) -> (Journal, i32) {
    let journal = Journal::new();
    setup(&journal);
    let output = journal
        .srt()
        .args(["export", "-o", target])
        .args(extra)
        .current_dir(journal.root())
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    (journal, output.status.code().unwrap_or(-1))
}

#[test]
fn what_a_refused_export_was_aimed_at_is_left_as_it_was() {
    let (journal, code) = export_to(with_pipe, "pipe", &[]);
    assert_eq!(code, 2);
    assert!(fs::symlink_metadata(journal.root().join("pipe")).unwrap().file_type().is_fifo(), "the pipe was replaced");

    let (journal, code) = export_to(with_folder, "exports", &[]);
    assert_eq!(code, 2);
    assert_eq!(fs::read_dir(journal.root().join("exports")).unwrap().count(), 0, "the folder was written into");

    let (journal, code) = export_to(with_file_link, "latest.json", &[]);
    assert_eq!(code, 2);
    assert_eq!(fs::read_link(journal.root().join("latest.json")).unwrap(), Path::new("old.json"));
    assert_eq!(fs::read_to_string(journal.root().join("old.json")).unwrap(), "an old export");

    let (journal, code) = export_to(with_sam, "config.toml", &[]);
    assert_eq!(code, 2);
    assert!(!journal.config_path().exists(), "an export was written as srt's settings");
    assert_eq!(left_beside_the_data(&journal), ["data", "tmp"], "a file was written");
}

/// What is in the journal's root but the XDG folders.
fn left_beside_the_data(journal: &Journal) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(journal.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| !n.starts_with("xdg-"));
    names.sort();
    names
}

#[test]
fn dash_is_the_standard_output_and_no_file() {
    let journal = Journal::new();
    with_sam(&journal);
    let out =
        journal.srt().args(["export", "--format", "csv", "-o", "-"]).current_dir(journal.root()).assert().success();
    assert!(common::stdout_of(&out).starts_with("id,child,date,"), "{}", common::stdout_of(&out));
    assert_eq!(left_beside_the_data(&journal), ["data", "tmp"], "a file was written");
}

#[test]
fn a_plain_export_file_is_written_whole_and_private() {
    let (journal, code) = export_to(with_sam, "exports-sam.json", &[]);
    assert_eq!(code, 0);
    let path: PathBuf = journal.root().join("exports-sam.json");
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let export: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(export["format"], "srt-export");

    // A plain file already there is replaced, as before.
    let (journal, code) = export_to(
        |journal| {
            with_sam(journal);
            write(journal, "sam.json", "last month's export");
        },
        "sam.json",
        &[],
    );
    assert_eq!(code, 0);
    assert!(fs::read_to_string(journal.root().join("sam.json")).unwrap().contains("srt-export"));
}

/// srt closed while the editor is open: a note left as it was is removed, one with the
/// parent's words in it is kept, private, and named on stderr; nothing is saved.
mod hangup {
    use std::process::Command;
    use std::time::{Duration, Instant};

    use rexpect::process::{Signal, WaitStatus};
    use rexpect::session::spawn_command;

    use super::*;

    /// An editor script in `dir` that runs `first` on the note, says it has started, then
    /// sleeps as an editor waits for the parent.
    fn editor(dir: &Path, first: &str) -> (PathBuf, PathBuf) {
        let started = dir.join("started");
        let path = dir.join("editor.sh");
        let body = format!("#!/bin/sh\n{first}\ntouch '{}'\nexec sleep 30\n", started.display());
        fs::write(&path, body).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        (path, started)
    }

    struct Closed {
        journal: Journal,
        code: i32,
        printed: String,
        took: Duration,
    }

    /// Sam's check-in with `--edit-note`, on a pty, sent `signal` once the editor is open.
    fn close_while_editing(first: &str, signal: Signal) -> Closed {
        let dir = tempfile::tempdir().unwrap();
        let (script, started) = editor(dir.path(), first);
        let journal = Journal::new();
        with_sam(&journal);
        let before = journal.snapshot();
        let mut command = Command::new(common::bin());
        command.envs(journal.env("laptop-a")).env("VISUAL", &script).args(["morning", "5", "--yes", "--edit-note"]);
        let mut session = spawn_command(command, Some(15_000)).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !started.exists() {
            assert!(Instant::now() < deadline, "the editor never started");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(200));
        let sent = Instant::now();
        session.process_mut().signal(signal).unwrap();
        // Up to the end of the error line: an editor that ignores the signal may still hold
        // the terminal open after srt has gone.
        let mut printed = session.exp_string("srt: error: ").unwrap();
        printed += "srt: error: ";
        printed += &session.exp_string("\n").unwrap();
        let code = match session.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("srt did not exit by itself: {other:?}\n{printed}"),
        };
        assert_eq!(journal.snapshot(), before, "something was saved: {printed}");
        assert!(check_harmless_output(b"", error_line(&printed)).is_ok(), "{printed:?}");
        Closed { journal, code, printed, took: sent.elapsed() }
    }

    fn error_line(printed: &str) -> &str {
        printed.lines().find(|l| l.contains("srt: error: ")).unwrap_or("").trim_end_matches('\r')
    }

    fn left_in_tmp(journal: &Journal) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> =
            fs::read_dir(journal.root().join("tmp")).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        files
    }

    #[test]
    fn an_unchanged_note_is_removed_when_the_terminal_closes() {
        let closed = close_while_editing(":", Signal::SIGHUP);
        assert_eq!(closed.code, 1, "{}", closed.printed);
        assert!(
            error_line(&closed.printed)
                .ends_with("the terminal was closed while your editor was open, so nothing was saved"),
            "{}",
            closed.printed
        );
        assert_eq!(left_in_tmp(&closed.journal), Vec::<PathBuf>::new(), "the note file was left behind");
        assert!(closed.took < Duration::from_secs(5), "srt took {:?} to close", closed.took);
    }

    #[test]
    fn a_note_with_words_in_it_is_kept_and_named_when_the_terminal_closes() {
        let closed = close_while_editing("printf 'Sam cried at the gate.' > \"$1\"", Signal::SIGHUP);
        assert_eq!(closed.code, 1, "{}", closed.printed);
        let line = error_line(&closed.printed);
        assert!(line.contains("the terminal was closed while your editor was open, so nothing was saved"), "{line}");
        let kept = PathBuf::from(line.split("what you wrote is kept in ").nth(1).expect("the kept file is named"));
        assert_eq!(left_in_tmp(&closed.journal), vec![kept.clone()]);
        assert_eq!(fs::read(&kept).unwrap(), b"Sam cried at the gate.");
        assert_eq!(fs::metadata(&kept).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn asked_to_stop_while_editing_says_so_and_leaves_no_file() {
        let closed = close_while_editing(":", Signal::SIGTERM);
        assert_eq!(closed.code, 1, "{}", closed.printed);
        assert!(error_line(&closed.printed).contains("srt was asked to stop while your editor was open"));
        assert_eq!(left_in_tmp(&closed.journal), Vec::<PathBuf>::new());
    }

    /// An editor that ignores the hang-up may still be writing: its file is kept, named.
    #[test]
    fn a_note_an_editor_still_has_open_is_kept() {
        let closed = close_while_editing("trap '' HUP", Signal::SIGHUP);
        assert_eq!(closed.code, 1, "{}", closed.printed);
        let line = error_line(&closed.printed);
        let kept = PathBuf::from(line.split("what you wrote is kept in ").nth(1).expect("the kept file is named"));
        assert_eq!(left_in_tmp(&closed.journal), vec![kept]);
    }
}
