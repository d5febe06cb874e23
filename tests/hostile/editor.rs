//! editor: `--edit-note` with an editor variable that names nothing, an editor that cannot
//! start, fails, writes bytes that are not text, or a note that breaks the rules. Each runs
//! on a real pseudo-terminal with a tiny shell-script editor; the promises are the exit
//! code, a one-line reason, an untouched data dir, and no file left in the temporary
//! folder unless srt names it.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use super::*;

const CHECK_IN: &[&str] = &["morning", "5", "--yes", "--edit-note"];

#[test]
fn edit_note_without_a_terminal_is_refused() {
    run_all(&[
        Case::new("--edit-note with no terminal", CHECK_IN, 2, "--edit-note opens your editor, which needs a terminal")
            .setup(with_sam)
            .env(&[("VISUAL", Some("true"))]),
        Case::new("--edit-note, empty VISUAL, no terminal", &["morning", "5", "--edit-note"], 2, "needs a terminal")
            .setup(with_sam)
            .env(&[("VISUAL", Some(""))]),
    ]);
}

/// What one run of srt on a terminal left: its exit code, what it printed, and its
/// `srt: error:` line.
struct Run {
    code: i32,
    printed: String,
}

impl Run {
    fn error_line(&self) -> &str {
        let line = self.printed.lines().find(|l| l.contains("srt: error: ")).unwrap_or("");
        line.trim_end_matches('\r')
    }

    /// The file the error line says the words are kept in.
    fn kept_file(&self) -> PathBuf {
        let line = self.error_line();
        let path = line.split("kept in ").nth(1).unwrap_or_else(|| panic!("no kept file named: {}", self.printed));
        PathBuf::from(path)
    }
}

/// Sam's journal, run once on a terminal with `env`, answering `answers` (a question to
/// wait for and the keys to press); checks the data dir is untouched unless srt saved.
fn check_in_with(env: &[(&str, &OsStr)], answers: &[(&str, &str)]) -> (Journal, Run) {
    let journal = Journal::new();
    with_sam(&journal);
    let before = journal.snapshot();
    let mut command = Command::new(common::bin());
    command.env_remove("VISUAL").env_remove("EDITOR").envs(journal.env("laptop-a")).args(CHECK_IN);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut session = spawn_command(command, Some(10_000)).expect("srt starts on a pty");
    let mut printed = String::new();
    for (question, keys) in answers {
        printed += &session.exp_string(question).unwrap_or_else(|e| panic!("waiting for '{question}': {e}"));
        printed += question;
        press(&mut session, keys);
    }
    let run = finish(&mut session, printed);
    if run.code != 0 {
        assert_eq!(journal.snapshot(), before, "a refusal changed the data dir: {}", run.printed);
        assert!(!run.printed.contains("Saved"), "{}", run.printed);
    }
    assert!(!run.printed.contains("panicked"), "{}", run.printed);
    (journal, run)
}

fn press(session: &mut PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
}

fn finish(session: &mut PtySession, mut printed: String) -> Run {
    printed += &session.exp_eof().unwrap();
    let code = match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("srt did not exit normally: {other:?}\n{printed}"),
    };
    Run { code, printed }
}

/// A shell-script editor in the journal's root (not its temporary folder); `body` gets
/// the file to edit as its last argument.
fn editor(journal_root: &Path, name: &str, body: &str) -> PathBuf {
    let path = journal_root.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A place for the editor scripts that outlives the journal's setup.
fn scripts() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The files srt left in the journal's temporary folder.
fn left_in_tmp(journal: &Journal) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(journal.root().join("tmp")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// The run failed with `code` and a message holding `fragment`, and the temporary folder
/// is empty.
fn refused_leaving_nothing(journal: &Journal, run: &Run, code: i32, fragment: &str) {
    assert_eq!(run.code, code, "{}", run.printed);
    assert!(run.error_line().contains(fragment), "{:?} lacks {fragment:?}", run.error_line());
    assert!(check_harmless_output(b"", run.error_line()).is_ok(), "{:?}", run.error_line());
    assert_eq!(left_in_tmp(journal), Vec::<PathBuf>::new(), "a file was left behind: {}", run.printed);
}

/// The kept file is private, holds `bytes`, and is the only file left.
fn kept_privately(journal: &Journal, run: &Run, bytes: &[u8]) {
    let kept = run.kept_file();
    assert_eq!(left_in_tmp(journal), vec![kept.clone()], "{}", run.printed);
    assert!(kept.file_name().unwrap().to_str().unwrap().starts_with("srt-note-"), "{}", kept.display());
    assert_eq!(fs::metadata(&kept).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(fs::read(&kept).unwrap(), bytes);
}

#[test]
fn an_editor_variable_that_names_nothing_is_refused_by_name() {
    let rows: [(&str, &[u8], &str); 4] = [
        ("VISUAL", b"", "VISUAL is set but empty; set it to your editor (e.g. VISUAL=nano) or unset it"),
        ("VISUAL", b"  \t ", "VISUAL is set but blank"),
        ("VISUAL", b"nano\xff -R", "VISUAL is set but is not valid UTF-8 text"),
        ("EDITOR", b"", "EDITOR is set but empty; set it to your editor (e.g. EDITOR=nano)"),
    ];
    for (variable, value, message) in rows {
        let (journal, run) = check_in_with(&[(variable, OsStr::from_bytes(value))], &[]);
        refused_leaving_nothing(&journal, &run, 2, message);
    }
}

#[test]
fn an_editor_that_cannot_start_is_named() {
    let (journal, run) = check_in_with(&[("VISUAL", OsStr::new("no-such-editor-srt --wait"))], &[]);
    refused_leaving_nothing(
        &journal,
        &run,
        1,
        "could not start your editor 'no-such-editor-srt --wait' (from VISUAL): it was not found",
    );
}

#[test]
fn an_editor_that_writes_bytes_that_are_not_text_keeps_them() {
    let dir = scripts();
    let script = editor(dir.path(), "latin1.sh", r#"printf 'caf\351 at nine\n' > "$1""#);
    let (journal, run) = check_in_with(&[("VISUAL", script.as_os_str())], &[]);
    assert_eq!(run.code, 2, "{}", run.printed);
    assert!(run.error_line().contains("your editor saved text that is not UTF-8"), "{}", run.error_line());
    kept_privately(&journal, &run, b"caf\xe9 at nine\n");
}

#[test]
fn an_editor_that_fails_saves_nothing() {
    let dir = scripts();
    let quits = editor(dir.path(), "quits.sh", "exit 1");
    let (journal, run) = check_in_with(&[("VISUAL", quits.as_os_str())], &[]);
    let said =
        format!("your editor '{}' (from VISUAL) stopped with exit status 1, so nothing was saved", quits.display());
    refused_leaving_nothing(&journal, &run, 1, &said);

    // Words written before it failed are kept, and said where.
    let writes = editor(dir.path(), "writes-then-fails.sh", "printf 'half a note' > \"$1\"\nexit 3");
    let (journal, run) = check_in_with(&[("EDITOR", writes.as_os_str())], &[]);
    assert_eq!(run.code, 1, "{}", run.printed);
    assert!(run.error_line().contains("(from EDITOR) stopped with exit status 3, so nothing was saved"));
    kept_privately(&journal, &run, b"half a note");
}

#[test]
fn ctrl_c_in_the_editor_saves_nothing_and_leaves_no_file() {
    let dir = scripts();
    let started = dir.path().join("started");
    let waits = editor(dir.path(), "waits.sh", &format!("touch '{}'\nexec sleep 10", started.display()));
    let journal = Journal::new();
    with_sam(&journal);
    let before = journal.snapshot();
    let mut command = Command::new(common::bin());
    command.envs(journal.env("laptop-a")).env("VISUAL", &waits).args(CHECK_IN);
    let mut session = spawn_command(command, Some(10_000)).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !started.exists() {
        assert!(std::time::Instant::now() < deadline, "the editor never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Time for the script to become `sleep`, so the Ctrl-C meets the editor itself.
    std::thread::sleep(std::time::Duration::from_millis(200));
    session.send_control('c').unwrap();
    let run = finish(&mut session, String::new());
    refused_leaving_nothing(&journal, &run, 1, "was stopped by Ctrl-C, so nothing was saved");
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn an_editor_with_arguments_works() {
    let dir = scripts();
    let script = editor(dir.path(), "needs-flag.sh", "[ \"$1\" = \"-R\" ] || exit 9\nprintf 'Slept well.\\n' > \"$2\"");
    let visual = format!("{} -R", script.display());
    let (journal, run) = check_in_with(&[("VISUAL", OsStr::new(&visual))], &[]);
    assert_eq!(run.code, 0, "{}", run.printed);
    assert!(run.printed.contains("Saved"), "{}", run.printed);
    assert_eq!(todays_note(&journal), "Slept well.");
    assert_eq!(left_in_tmp(&journal), Vec::<PathBuf>::new());
}

fn todays_note(journal: &Journal) -> serde_json::Value {
    let checkins = journal.checkins();
    let today = checkins.iter().find(|c| c["date"] == common::TODAY).expect("today's check-in was saved");
    today["note"].clone()
}

const AGAIN: &str = "Open your editor again to change it?";

/// An editor that writes a note 2001 characters long; run again, it keeps a copy of what
/// it was given in `seen` and writes a short note.
fn too_long_then_short(dir: &Path) -> PathBuf {
    let marker = dir.join("ran");
    let seen = dir.join("seen");
    let long = "a".repeat(2001);
    let body = format!(
        "if [ -e '{m}' ]; then cp \"$1\" '{s}'; printf 'Shorter now.' > \"$1\"; else touch '{m}'; printf '{long}' > \"$1\"; fi",
        m = marker.display(),
        s = seen.display()
    );
    editor(dir, "too-long.sh", &body)
}

#[test]
fn a_note_too_long_kept_when_the_parent_would_rather_not_mend_it() {
    let dir = scripts();
    let script = too_long_then_short(dir.path());
    let (journal, run) = check_in_with(&[("VISUAL", script.as_os_str())], &[(AGAIN, "n")]);
    assert!(run.printed.contains("the note is 2001 characters long; the limit is 2000"), "{}", run.printed);
    assert_eq!(run.code, 2, "{}", run.printed);
    assert!(run.error_line().contains("the note is 2001 characters long"), "{}", run.error_line());
    kept_privately(&journal, &run, "a".repeat(2001).as_bytes());
}

#[test]
fn a_note_with_control_characters_kept_when_the_parent_would_rather_not_mend_it() {
    let dir = scripts();
    let script = editor(dir.path(), "escape.sh", r#"printf 'calm\033[2J' > "$1""#);
    let (journal, run) = check_in_with(&[("VISUAL", script.as_os_str())], &[(AGAIN, "n")]);
    assert_eq!(run.code, 2, "{}", run.printed);
    assert!(run.error_line().contains("the note contains a control character (ESC"), "{}", run.error_line());
    kept_privately(&journal, &run, b"calm\x1b[2J");
}

#[test]
fn a_note_too_long_comes_back_to_be_mended() {
    let dir = scripts();
    let script = too_long_then_short(dir.path());
    let (journal, run) = check_in_with(&[("VISUAL", script.as_os_str())], &[(AGAIN, "y")]);
    assert_eq!(run.code, 0, "{}", run.printed);
    assert!(run.printed.contains("Saved"), "{}", run.printed);
    assert_eq!(fs::read_to_string(dir.path().join("seen")).unwrap(), "a".repeat(2001), "the same words came back");
    assert_eq!(todays_note(&journal), "Shorter now.");
    assert_eq!(left_in_tmp(&journal), Vec::<PathBuf>::new());
}

/// A Ctrl-C at the question, sent at once (it may land before the question reads a key,
/// and stop srt by its signal) and after a pause (read as a key): either way the words are
/// kept and named.
#[test]
fn ctrl_c_instead_of_mending_still_keeps_the_words() {
    for pause in [0, 300] {
        let dir = scripts();
        let script = too_long_then_short(dir.path());
        let journal = Journal::new();
        with_sam(&journal);
        let before = journal.snapshot();
        let mut command = Command::new(common::bin());
        command.envs(journal.env("laptop-a")).env("VISUAL", &script).args(CHECK_IN);
        let mut session = spawn_command(command, Some(10_000)).unwrap();
        session.exp_string(AGAIN).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(pause));
        session.send_control('c').unwrap();
        let run = finish(&mut session, String::new());
        assert_eq!(run.code, 130, "{}", run.printed);
        assert!(run.printed.contains("Nothing was saved."), "{}", run.printed);
        let said = run.printed.split("What you wrote is kept in ").nth(1).expect("the kept file is named");
        let kept = said.lines().next().unwrap().trim_end_matches(['\r', '.']);
        assert_eq!(left_in_tmp(&journal), vec![PathBuf::from(kept)]);
        assert_eq!(fs::read(kept).unwrap(), "a".repeat(2001).as_bytes());
        assert_eq!(journal.snapshot(), before);
    }
}

/// An editor that writes a note 2001 characters long; run again, it leaves the note as it
/// is and fails (vim's `:cq`).
fn too_long_then_gives_up(dir: &Path) -> PathBuf {
    let marker = dir.join("ran");
    let long = "a".repeat(2001);
    let body =
        format!("if [ -e '{m}' ]; then exit 1; else touch '{m}'; printf '{long}' > \"$1\"; fi", m = marker.display());
    editor(dir, "gives-up.sh", &body)
}

#[test]
fn words_handed_back_to_be_mended_are_kept_when_the_editor_then_fails() {
    let dir = scripts();
    let script = too_long_then_gives_up(dir.path());
    let (journal, run) = check_in_with(&[("VISUAL", script.as_os_str())], &[(AGAIN, "y")]);
    assert_eq!(run.code, 1, "{}", run.printed);
    assert!(run.error_line().contains("so nothing was saved"), "{}", run.error_line());
    kept_privately(&journal, &run, "a".repeat(2001).as_bytes());
}
