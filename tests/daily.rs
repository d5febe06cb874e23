//! Living with srt: configuration, quick check-ins, the editor for notes, `doctor`,
//! completions, the man page and the help's examples.

mod common;

use std::fs;
use std::process::Command as Std;

use common::{Journal, stderr_of, stdout_of};
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::{Value, json};

fn journal_with_sam() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal
}

fn on_a_terminal(journal: &Journal, args: &[&str], extra_env: &[(&str, &str)]) -> PtySession {
    let mut command = Std::new(common::bin());
    command.envs(journal.env("laptop-a")).envs(extra_env.iter().copied()).args(args);
    spawn_command(command, Some(10_000)).unwrap()
}

fn exit_code(session: &mut PtySession) -> i32 {
    session.exp_eof().unwrap();
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_missing_config_file_means_the_defaults() {
    let journal = Journal::new();
    assert_eq!(journal.ok(&["config", "path"]).trim(), journal.config_path().display().to_string());
    let shown = journal.ok(&["config", "show"]);
    assert!(shown.starts_with("# No config file at "), "{shown}");
    assert!(shown.contains("quick = false"), "{shown}");
    assert!(shown.contains("day_starts_at = \"04:00\""), "{shown}");
    assert!(shown.contains("school_days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n"), "{shown}");
    assert!(shown.contains("\"weighted blanket\""), "the built-in suggestions: {shown}");
}

#[test]
fn the_config_sets_the_default_child_and_the_first_suggestions() {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal.ok(&["child", "add", "Alex"]);
    fs::write(
        journal.config_path(),
        "default_child = \"Alex\"\n\n[suggestions]\nhelped = [\"trampoline\", \"Dad's playlist\"]\n",
    )
    .unwrap();
    journal.ok(&["am", "4"]);
    assert_eq!(journal.checkins()[0]["child"], "Alex");
    let shown = journal.ok(&["config", "show"]);
    assert!(shown.contains(&journal.config_path().display().to_string()) && shown.contains("default_child = \"Alex\""));

    let mut session = on_a_terminal(&journal, &["pm", "3", "--peak", "5", "--school", "none", "--win", "x"], &[]);
    session.exp_string("own number, if they gave one").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("What helped").unwrap();
    session.exp_string("trampoline").unwrap();
    session.send(" \r").unwrap();
    session.flush().unwrap();
    session.exp_string("next small step").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    session.exp_string("A note").unwrap();
    session.send("\r").unwrap();
    session.flush().unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let evening = journal.checkins().into_iter().find(|c| c["period"] == "evening").unwrap();
    assert_eq!(evening["helped"], json!(["trampoline"]));
}

#[test]
fn an_unknown_key_or_a_bad_value_names_the_file_and_line() {
    let journal = journal_with_sam();
    let path = journal.config_path().display().to_string();
    for (text, line, why) in [
        ("quick = true\ncolour = \"blue\"\n", 2, "unknown field `colour`"),
        ("\nquick = \"yes\"\n", 2, "bool"),
        ("school_days = [\"mon\", \"funday\"]\n", 1, "'funday' is not a day of the week"),
    ] {
        fs::write(journal.config_path(), text).unwrap();
        let err = stderr_of(&journal.srt().args(["am", "4"]).assert().code(2));
        assert!(err.starts_with(&format!("srt: error: the config at {path} line {line}: ")), "{err}");
        assert!(err.contains(why), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    assert!(journal.snapshot().iter().all(|(p, _)| !p.to_string_lossy().contains("checkins")));
}

#[test]
fn quick_mode_asks_only_for_the_alarm() {
    let journal = journal_with_sam();
    fs::write(journal.config_path(), "quick = true\n").unwrap();
    let mut session = on_a_terminal(&journal, &["am", "6"], &[]);
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let mut session = on_a_terminal(&journal, &["pm"], &[]);
    session.exp_string("alarm now").unwrap();
    session.send("2\r").unwrap();
    session.flush().unwrap();
    session.exp_string("Saved Sam's evening check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let alarms: Vec<_> = journal.checkins().iter().map(|c| (c["alarm"].clone(), c["wins"].clone())).collect();
    assert_eq!(alarms, [(json!(6), json!([])), (json!(2), json!([]))]);

    // Amending in quick mode changes the alarm and keeps every other answer.
    journal.ok(&["pm", "2", "--replace", "--win", "laughed", "--note", "good evening"]);
    let mut session = on_a_terminal(&journal, &["pm"], &[]);
    session.exp_string("Amend it?").unwrap();
    session.send("y").unwrap();
    session.flush().unwrap();
    session.exp_string("alarm now").unwrap();
    session.send("1\r").unwrap();
    session.flush().unwrap();
    session.exp_string("Saved").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let evening = journal.checkins().into_iter().find(|c| c["period"] == "evening").unwrap();
    assert_eq!(
        (evening["alarm"].clone(), evening["wins"].clone(), evening["note"].clone()),
        (json!(1), json!(["laughed"]), json!("good evening"))
    );
}

#[test]
fn weekends_are_not_school_days_unless_the_config_says_so() {
    let journal = journal_with_sam();
    let saturday = "2026-11-21T09:00:00+11:00";
    let out = stdout_of(&journal.srt().env("SRT_NOW", saturday).arg("status").assert().code(0));
    assert!(out.contains("not a school day: nothing is missing"), "{out}");
    journal.srt().args(["status", "--quiet"]).assert().code(1); // Monday, nothing yet
    journal.ok(&["am", "3", "--date", "2026-11-21"]); // a Saturday: welcome, not expected
    let summary: Value = serde_json::from_str(&journal.ok(&["summary", "--json", "--last", "7d"])).unwrap();
    // Counted from the first check-in, that Saturday: the one school day since is today.
    let coverage =
        json!({"days": 7, "counted_from": "2026-11-21", "expected_days": 1, "days_with_checkin": 0, "checkins": 1});
    assert_eq!(summary["coverage"], coverage);
    assert_eq!(summary["alarm"]["morning_median"], 3.0);
    let text = journal.ok(&["summary", "--last", "7d"]);
    assert!(
        text.contains("· 1 check-in\ncheck-ins on 0 of 1 school day from Sat 21 Nov (the first check-in)\n"),
        "{text}"
    );

    // School on Saturdays too: the Saturday counts, and a Saturday is a day to check in.
    fs::write(journal.config_path(), "school_days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"]\n").unwrap();
    journal.srt().env("SRT_NOW", saturday).args(["status", "--quiet"]).assert().code(1);
    let summary: Value = serde_json::from_str(&journal.ok(&["summary", "--json", "--last", "7d"])).unwrap();
    assert_eq!(summary["coverage"]["expected_days"], 2);
    assert_eq!(summary["coverage"]["days_with_checkin"], 1);
}

#[test]
fn a_long_note_can_be_written_in_the_editor() {
    let journal = journal_with_sam();
    let editor = journal.root().join("editor.sh");
    fs::write(&editor, "#!/bin/sh\nprintf 'Hard morning.\\nBetter after the walk.\\n' > \"$1\"\n").unwrap();
    Std::new("chmod").arg("+x").arg(&editor).status().unwrap();
    let editor = editor.display().to_string();
    let mut session = on_a_terminal(&journal, &["am", "5", "--yes", "--edit-note"], &[("EDITOR", &editor)]);
    session.exp_string("Saved").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(journal.checkins()[0]["note"], "Hard morning.\nBetter after the walk.");

    let err = stderr_of(&journal.srt().args(["pm", "3", "--edit-note"]).env("EDITOR", &editor).assert().code(2));
    assert!(err.contains("--edit-note opens your editor, which needs a terminal"), "{err}");

    // Leaving the editor without a change changes nothing: no revision is written.
    let id = journal.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
    let before = journal.snapshot();
    let mut session = on_a_terminal(&journal, &["edit", &id, "--edit-note"], &[("EDITOR", "true")]);
    session.exp_string("Nothing changed").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(journal.snapshot(), before);
}

/// A journal with a damaged line in October and a cut-off last line in November.
fn damaged_journal() -> (Journal, Vec<u8>, Vec<u8>) {
    let journal = journal_with_sam();
    for day in ["2026-10-01", "2026-10-02", "2026-10-03", "2026-11-01", "2026-11-02"] {
        journal.ok(&["am", "5", "--date", day]);
    }
    let october = journal.month_log("laptop-a", "2026-10");
    let text = fs::read_to_string(&october).unwrap();
    let damaged = text.replacen("\"alarm\":5", "\"alarm\":55", 1);
    fs::write(&october, &damaged).unwrap();
    let november = journal.month_log("laptop-a", "2026-11");
    let mut bytes = fs::read(&november).unwrap();
    bytes.extend_from_slice(br#"{"v":1,"op":"put","kind":"check"#);
    fs::write(&november, &bytes).unwrap();
    (journal, damaged.into_bytes(), bytes)
}

#[test]
fn doctor_reports_torn_and_damaged_lines_and_repair_keeps_every_valid_entry() {
    let (journal, october_before, november_before) = damaged_journal();
    let october = journal.month_log("laptop-a", "2026-10");
    let november = journal.month_log("laptop-a", "2026-11");

    let out = stdout_of(&journal.srt().arg("doctor").assert().code(1));
    assert!(out.contains("from 1 device (laptop-a)"), "{out}");
    assert!(out.contains(&format!("damaged    {} line 1: alarm levels run from 0 to 10", october.display())), "{out}");
    assert!(out.contains(&format!("cut off    {} line 3", november.display())), "{out}");
    assert!(out.contains("srt doctor --repair"), "{out}");
    assert_eq!(fs::read(&october).unwrap(), october_before, "doctor alone changes nothing");
    journal.srt().arg("list").assert().code(1);

    let out = journal.ok(&["doctor", "--repair"]);
    assert!(out.contains("Moved line 1 of") && out.contains("Moved line 3 of"), "{out}");
    assert!(out.contains("Repaired"), "{out}");

    // Every valid entry is still listed; the bad bytes are in backups/, whole.
    let dates: Vec<_> = journal.checkins().iter().map(|c| c["date"].as_str().unwrap().to_string()).collect();
    assert_eq!(dates, ["2026-10-02", "2026-10-03", "2026-11-01", "2026-11-02"]);
    let backups: Vec<(String, Vec<u8>)> = fs::read_dir(journal.data().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()))
        .collect();
    assert_eq!(backups.len(), 2);
    for (before, path, month) in [(&october_before, &october, "2026-10"), (&november_before, &november, "2026-11")] {
        let after = fs::read(path).unwrap();
        let (name, moved) = backups.iter().find(|(name, _)| name.contains(month)).unwrap();
        assert!(name.contains("laptop-a-checkins-") && name.ends_with(".damaged"), "{name}");
        let mut lines_before: Vec<&[u8]> = before.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
        let mut lines_after: Vec<&[u8]> =
            after.split(|&b| b == b'\n').chain(moved.split(|&b| b == b'\n')).filter(|l| !l.is_empty()).collect();
        lines_before.sort();
        lines_after.sort();
        assert_eq!(lines_before, lines_after, "no byte of {} was lost", path.display());
    }
    assert_eq!(journal.ok(&["doctor"]).lines().last().unwrap(), "All is well: every line reads.");
}

#[test]
fn completions_render_for_every_shell_and_the_man_page_renders() {
    let journal = Journal::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = journal.ok(&["completions", shell]);
        assert!(out.len() > 1_000 && out.contains("srt"), "{shell}");
        assert!(out.contains("summary") && out.contains("morning"), "{shell}: subcommands");
    }
    let err = stderr_of(&journal.srt().args(["completions", "tcsh"]).assert().code(2));
    assert!(err.contains("bash, elvish, fish, powershell, zsh"), "{err}");
    let man = journal.ok(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH srt"), "{}", &man[..200.min(man.len())]);
    assert!(man.contains("morning") && man.contains("SRT_DATA_DIR"));
}

#[test]
fn every_commands_help_ends_with_examples() {
    let journal = Journal::new();
    let commands = [
        "morning",
        "evening",
        "list",
        "show",
        "edit",
        "delete",
        "child",
        "summary",
        "export",
        "import",
        "session",
        "steps",
        "doctor",
        "config",
        "completions",
        "man",
        "status",
    ];
    for command in commands {
        let out = journal.ok(&[command, "--help"]);
        let tail: Vec<&str> = out.trim_end().lines().rev().take(4).collect();
        assert!(tail.iter().any(|l| l.trim_start().starts_with("srt ")), "{command:?}: {out}");
        assert!(out.contains("Example"), "{command:?}");
    }
}

#[test]
fn doctor_says_when_there_is_no_journal() {
    let journal = Journal::new();
    let err = stderr_of(&journal.srt().arg("doctor").assert().code(1));
    assert!(err.contains("there is no journal at"), "{err}");
}

#[test]
fn commands_that_need_no_config_or_clock_work_with_a_broken_one() {
    let journal = journal_with_sam();
    fs::write(journal.config_path(), "quick = true\ncolour = \"blue\"\n").unwrap();
    for env in [("SRT_NOW", "2026-11-23T07:45:00+11:00"), ("SRT_NOW", "yesterday morning")] {
        let run = |args: &[&str]| journal.srt().env(env.0, env.1).args(args).assert().code(0);
        let shown = stdout_of(&run(&["config", "show"]));
        let path = journal.config_path().display().to_string();
        assert!(shown.starts_with(&format!("# the config at {path} line 2: unknown field `colour`")), "{shown}");
        assert!(
            shown.contains("Other commands stop at this error until it is fixed") && shown.contains("quick = false")
        );
        assert_eq!(stdout_of(&run(&["config", "path"])).trim(), path);
        assert!(stdout_of(&run(&["completions", "bash"])).contains("srt"));
        assert!(stdout_of(&run(&["man"])).contains(".TH srt"));
        assert!(stdout_of(&run(&["--help"])).contains("Usage: srt"));
        assert!(stdout_of(&run(&["--version"])).starts_with("srt "));
        assert!(stdout_of(&run(&["summary", "--help"])).contains("Examples"));
    }
    // Commands that read the journal stop at the broken config, saying where it is broken.
    let err = stderr_of(&journal.srt().args(["status"]).assert().code(2));
    assert!(err.contains("line 2: unknown field `colour`"), "{err}");
    fs::remove_file(journal.config_path()).unwrap();
    let err = stderr_of(&journal.srt().env("SRT_NOW", "yesterday morning").args(["status"]).assert().code(2));
    assert!(err.contains("SRT_NOW='yesterday morning' is not a time"), "{err}");
}

#[test]
fn a_bad_value_points_to_the_help_of_the_command_it_was_for() {
    let journal = journal_with_sam();
    for (args, help) in [
        (vec!["export", "--format", "pdf"], "see `srt export --help`"),
        (vec!["--child", "Sam", "pm", "3", "--school", "maybe"], "see `srt evening --help`"),
        (vec!["session", "add", "--date", "2026-02-30"], "see `srt session add --help`"),
        (vec!["mornign"], "see `srt --help`"),
    ] {
        let err = stderr_of(&journal.srt().args(&args).assert().code(2));
        assert!(err.trim_end().ends_with(help), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
}

#[test]
fn config_show_prints_what_is_in_force() {
    let journal = Journal::new();
    fs::write(journal.config_path(), "school_days = [\"mon\", \"fri\"]\n\n[suggestions]\nwins = [\"fed the cat\"]\n")
        .unwrap();
    let shown = journal.ok(&["config", "show"]);
    assert!(shown.contains(&format!("those in {}", journal.config_path().display())), "{shown}");
    assert!(shown.contains("school_days = [\"mon\", \"fri\"]"), "{shown}");
    assert!(shown.contains("wins = [\"fed the cat\"]"), "{shown}");
    assert!(shown.contains("helped = [\"calm presence\""), "srt's own suggestions where the file has none: {shown}");
    assert!(shown.contains("day_starts_at = \"04:00\""), "{shown}");
}
