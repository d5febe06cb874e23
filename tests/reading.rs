//! Reading and correcting: list, show, edit, delete, status, children, and output rules.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::process::Stdio;

use common::{Journal, stderr_of, stdout_of};
use predicates::prelude::*;
use serde_json::{Value, json};

/// Sam with a fortnight-ish of check-ins, and Alex with one.
fn family() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal.ok(&["child", "add", "Alex"]);
    journal.ok(&["child", "default", "Sam"]);
    for (day, am, pm) in [("2026-11-01", "8", "5"), ("2026-11-16", "6", "4"), ("2026-11-22", "4", "2")] {
        journal.ok(&["am", am, "--date", day, "--win", "got dressed"]);
        journal.ok(&["pm", pm, "--date", day, "--school", "partial", "--win", "laughed at dinner"]);
    }
    journal.ok(&["am", "9", "--child", "Alex", "--date", "2026-11-22"]);
    journal
}

fn short(checkin: &Value) -> String {
    checkin["id"].as_str().unwrap()[..8].to_string()
}

#[test]
fn list_shows_the_childs_check_ins_newest_last() {
    let journal = family();
    let out = journal.ok(&["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "a header and six rows:\n{out}");
    assert!(lines[0].starts_with("id") && lines[0].contains("small wins"), "{out}");
    assert!(lines[1].contains("Sun 1 Nov 2026") && lines[1].contains("morning") && lines[1].contains("8 · alarmed"));
    assert!(lines[6].contains("Sun 22 Nov 2026") && lines[6].contains("evening") && lines[6].contains("part"));
    assert!(lines[6].contains("laughed at dinner"));
    assert!(!out.contains("9 · overwhelmed"), "Alex's check-in is not Sam's:\n{out}");
    assert!(journal.ok(&["log"]) == out, "log is list");
}

#[test]
fn list_json_has_the_design_field_names() {
    let journal = family();
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 6);
    let fields: Vec<&str> = checkins[0].as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = [
        "id",
        "child",
        "date",
        "period",
        "created_at",
        "updated_at",
        "alarm",
        "peak_alarm",
        "body",
        "helped",
        "wins",
        "school",
        "step",
        "next_step",
        "note",
        "recorded_by",
        "own_rating",
        "parent_calm",
        "for_me",
    ];
    expected.sort();
    let mut fields = fields;
    fields.sort();
    assert_eq!(fields, expected);
}

#[test]
fn list_ranges() {
    let journal = family();
    let dates = |args: &[&str]| -> Vec<String> {
        journal.checkins_of(args).iter().map(|c| c["date"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(dates(&["--since", "2026-11-16"]), ["2026-11-16", "2026-11-16", "2026-11-22", "2026-11-22"]);
    assert_eq!(dates(&["--until", "2026-11-16"]), ["2026-11-01", "2026-11-01", "2026-11-16", "2026-11-16"]);
    assert_eq!(dates(&["--since", "2026-11-02", "--until", "2026-11-21"]), ["2026-11-16", "2026-11-16"]);
    // Today is 2026-11-23: the last 8 days start on the 16th, the last 7 on the 17th.
    assert_eq!(dates(&["--last", "8d"]).len(), 4);
    assert_eq!(dates(&["--last", "7d"]), ["2026-11-22", "2026-11-22"]);
    assert_eq!(dates(&["--last", "1w"]).len(), 2);
    assert_eq!(dates(&["--child", "Alex"]), ["2026-11-22"]);
    let err =
        stderr_of(&journal.srt().args(["list", "--since", "2026-11-20", "--until", "2026-11-01"]).assert().code(2));
    assert!(err.contains("starts (2026-11-20) after it ends (2026-11-01)"), "{err}");
}

#[test]
fn show_finds_a_check_in_by_a_unique_start_of_its_id() {
    let journal = family();
    let first = &journal.checkins()[0];
    let out = journal.ok(&["show", &short(first)]);
    assert!(out.starts_with("Morning check-in · Sam · Sun 1 Nov 2026"), "{out}");
    assert!(out.contains("8 · alarmed") && out.contains("got dressed"), "{out}");
    let json: Value = serde_json::from_str(&journal.ok(&["show", &short(first), "--json"])).unwrap();
    assert_eq!(&json, first);

    let err = stderr_of(&journal.srt().args(["show", "zzzzzzzz"]).assert().code(2));
    assert!(err.contains("no check-in has the id 'zzzzzzzz'"), "{err}");
    let err = stderr_of(&journal.srt().args(["show", "ab"]).assert().code(2));
    assert!(err.contains("at least 4 characters"), "{err}");
}

#[test]
fn edit_with_flags_changes_only_those_answers() {
    let journal = family();
    let evening = journal.checkins()[1].clone();
    journal.ok(&["edit", &short(&evening), "--alarm", "1", "--win", "ate dinner", "--note", "calmer"]);
    let edited = journal.checkins()[1].clone();
    assert_eq!(edited["id"], evening["id"]);
    assert_eq!(edited["alarm"], 1);
    assert_eq!(edited["wins"], json!(["ate dinner"]));
    assert_eq!(edited["note"], "calmer");
    assert_eq!(edited["school"], evening["school"], "untouched");
    assert_eq!(edited["school"]["outcome"], "part");
    assert_eq!(edited["peak_alarm"], evening["peak_alarm"]);

    let morning = journal.checkins()[0].clone();
    let err = stderr_of(&journal.srt().args(["edit", &short(&morning), "--peak", "3"]).assert().code(2));
    assert!(err.contains("evening"), "{err}");
    let err = stderr_of(&journal.srt().args(["edit", &short(&morning)]).assert().code(2));
    assert!(err.contains("nothing to change"), "{err}");
    let err = stderr_of(&journal.srt().args(["edit", &short(&morning), "--alarm", "12"]).assert().code(2));
    assert!(err.contains("not an alarm level"), "{err}");
}

#[test]
fn edit_date_moves_a_check_in_to_another_day() {
    let journal = family();
    let morning = journal.checkins()[0].clone();
    journal.ok(&["edit", &short(&morning), "--date", "2026-10-30"]);
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 6);
    assert_eq!(checkins[0]["date"], "2026-10-30");
    assert_eq!(checkins[0]["alarm"], morning["alarm"]);
    assert!(!checkins.iter().any(|c| c["date"] == "2026-11-01" && c["period"] == "morning"));
    // Not onto a day that already has one.
    let err = stderr_of(&journal.srt().args(["edit", &short(&checkins[0]), "--date", "2026-11-16"]).assert().code(2));
    assert!(err.contains("already a morning check-in"), "{err}");
}

#[test]
fn delete_asks_first_and_yes_skips_the_question() {
    let journal = family();
    let first = journal.checkins()[0].clone();
    let before = journal.snapshot();
    let err = stderr_of(&journal.srt().args(["delete", &short(&first)]).assert().code(2));
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(journal.snapshot(), before);
    journal
        .srt()
        .args(["delete", &short(&first), "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Deleted"));
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 5);
    assert!(checkins.iter().all(|c| c["id"] != first["id"]));
}

#[test]
fn status_exits_0_only_when_both_check_ins_are_done() {
    let journal = Journal::new();
    journal.srt().arg("status").assert().code(1).stdout(predicate::str::contains("No check-ins yet"));
    journal.ok(&["am", "6", "--child", "Sam", "--date", "2026-11-22"]);
    journal.ok(&["pm", "6", "--date", "2026-11-22"]);
    let out = stdout_of(&journal.srt().arg("status").assert().code(1));
    assert!(out.contains("morning  not yet") && out.contains("evening  not yet"), "yesterday does not count: {out}");
    journal.ok(&["am", "6"]);
    let out = stdout_of(&journal.srt().arg("status").assert().code(1));
    assert!(out.contains("morning  done (alarm 6 · worried)") && out.contains("evening  not yet"), "{out}");
    journal.srt().args(["status", "--quiet"]).assert().code(1).stdout("").stderr("");
    journal.ok(&["pm", "2"]);
    journal.srt().args(["status", "--quiet"]).assert().code(0).stdout("").stderr("");
    let json: Value =
        serde_json::from_str(&stdout_of(&journal.srt().args(["status", "--json"]).assert().code(0))).unwrap();
    assert_eq!(json, json!({"concerns": [], "child": "Sam", "date": "2026-11-23", "morning": true, "evening": true}));
}

#[test]
fn children_are_added_listed_and_chosen() {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal.ok(&["am", "5"]);
    let out = journal.ok(&["child", "add", "Alex"]);
    assert!(out.contains("srt child default NAME"), "{out}");
    let err = stderr_of(&journal.srt().args(["am", "5", "--date", "2026-11-22"]).assert().code(2));
    assert!(err.contains("which child?") && err.contains("Alex, Sam"), "{err}");
    let err = stderr_of(&journal.srt().args(["am", "5", "--child", "Max"]).assert().code(2));
    assert!(err.contains("no child called 'Max' (known: Alex, Sam)"), "{err}");
    let err = stderr_of(&journal.srt().args(["child", "add", "sam"]).assert().code(2));
    assert!(err.contains("already"), "{err}");

    journal.ok(&["am", "7", "--child", "alex"]);
    journal.srt().args(["am", "3", "--date", "2026-11-22"]).env("SRT_CHILD", "Alex").assert().success();
    journal.ok(&["child", "default", "Alex"]);
    assert_eq!(journal.ok(&["child", "list"]), "Alex  (default)\nSam\n");
    let alarms: Vec<_> = journal.checkins().iter().map(|c| c["alarm"].clone()).collect();
    assert_eq!(alarms, [json!(3), json!(7)]);
    let alarms: Vec<_> = journal.checkins_of(&["--child", "Sam"]).iter().map(|c| c["alarm"].clone()).collect();
    assert_eq!(alarms, [json!(5)]);
}

#[test]
fn text_from_the_journal_cannot_drive_the_terminal() {
    let journal = family();
    // A synced or hand-edited log can hold anything: a line whose text could drive a
    // terminal is damage, refused with its file and line, harmlessly, by every command.
    let log = journal.month_log("laptop-a", "2026-11");
    let mut text = fs::read_to_string(&log).unwrap();
    let original = text.lines().rfind(|l| l.contains("laughed at dinner")).unwrap();
    let mut revision: Value = serde_json::from_str(original).unwrap();
    revision["at"] = json!("2030-01-01T00:00:00Z");
    revision["data"]["wins"] = json!(["evil\u{1b}]0;owned\u{7}\u{1b}[2J"]);
    text.push_str(&format!("{revision}\n"));
    fs::write(&log, text).unwrap();
    let line = format!("{} line {}", log.display(), fs::read_to_string(&log).unwrap().lines().count());
    for args in [vec!["list"], vec!["summary"], vec!["export", "--format", "csv"], vec!["export", "--format", "html"]] {
        let assert = journal.srt().args(&args).assert().code(1);
        let (out, err) = (stdout_of(&assert), stderr_of(&assert));
        assert!(err.contains(&line) && err.contains("a control character (ESC"), "{args:?}: {err}");
        for text in [&out, &err] {
            assert!(!text.contains('\x1b') && !text.contains('\x07'), "{args:?}: {text:?}");
        }
    }
    let report = stdout_of(&journal.srt().arg("doctor").assert().code(1));
    assert!(report.contains(&format!("damaged    {line}")) && !report.contains('\x1b'), "{report}");
}

#[test]
fn output_has_no_colour_off_a_terminal() {
    let journal = family();
    let first = short(&journal.checkins()[0]);
    for args in [vec!["list"], vec!["show", &first], vec!["status"], vec!["child", "list"]] {
        let assert = journal.srt().args(&args).assert();
        assert!(!stdout_of(&assert).contains('\x1b'), "{args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let journal = family();
    // Enough check-ins to fill the pipe, a morning a day, written straight into the logs.
    let template = fs::read_to_string(journal.month_log("laptop-a", "2026-11")).unwrap();
    let line = template.lines().find(|l| l.contains("\"period\":\"morning\"")).unwrap();
    let id = serde_json::from_str::<Value>(line).unwrap()["id"].as_str().unwrap().to_string();
    let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for i in 0..2_000 {
        let date = first + chrono::Days::new(i);
        let log = journal.month_log("laptop-a", &date.format("%Y-%m").to_string());
        fs::create_dir_all(log.parent().unwrap()).unwrap();
        let fake = format!("{i:08x}-0000-4000-8000-000000000000");
        let mut file = fs::OpenOptions::new().create(true).append(true).open(&log).unwrap();
        writeln!(file, "{}", line.replace(&id, &fake).replace("2026-11-01", &date.to_string())).unwrap();
    }

    let mut child = std::process::Command::new(common::bin())
        .envs(journal.env("laptop-a"))
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first_bytes = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first_bytes).unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "{status:?} {err}");
    assert_eq!(err, "");
}

#[test]
fn edit_changes_only_the_details_of_the_school_day_given() {
    let journal = family();
    let evening = short(&journal.checkins()[1]);
    let school = |journal: &Journal| journal.checkins()[1]["school"].clone();
    // Details alone are details of the day saved (part of the day).
    journal.ok(&["edit", &evening, "--in", "10:30", "--out", "12:00"]);
    journal.ok(&["edit", &evening, "--lessons", "2/6"]);
    journal.ok(&["edit", &evening, "--school", "part", "--in", "09:30"]);
    let part =
        json!({"outcome": "part", "reason": null, "in": "09:30", "out": "12:00", "lessons": {"attended": 2, "of": 6}});
    assert_eq!(school(&journal), part, "the time out and the lessons stay");
    let before = journal.snapshot();
    let err = stderr_of(&journal.srt().args(["edit", &evening, "--reason", "ill"]).assert().code(2));
    assert!(err.contains("a reason for a day at home goes with `absent` only"), "{err}");
    let err = stderr_of(&journal.srt().args(["edit", &evening, "--out", "09:00"]).assert().code(2));
    assert!(err.contains("the time out (09:00) is not after the time in (09:30)"), "{err}");
    assert_eq!(journal.snapshot(), before);
    // Another outcome starts afresh: a day at home has no times.
    journal.ok(&["edit", &evening, "--school", "absent", "--reason", "ill"]);
    assert_eq!(
        school(&journal),
        json!({"outcome": "absent", "reason": "ill", "in": null, "out": null, "lessons": null})
    );
    // An evening that says nothing of school needs the outcome first.
    journal.ok(&["pm", "2", "--date", "2026-11-10", "--yes"]);
    let checkins = journal.checkins();
    let bare = short(checkins.iter().find(|c| c["date"] == "2026-11-10").unwrap());
    let err = stderr_of(&journal.srt().args(["edit", &bare, "--in", "10:00"]).assert().code(2));
    assert!(err.contains("give --school too"), "{err}");
    let err = stderr_of(
        &journal.srt().args(["pm", "2", "--date", "2026-11-10", "--in", "10:00", "--replace"]).assert().code(2),
    );
    assert!(err.contains("give --school too"), "{err}");
}

#[test]
fn concern_list_shows_open_ones_first_with_the_safety_line_and_keeps_resolved_ones() {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    let long =
        "talked about hurting herself at bedtime, and then about school, the bus, the dog and her friend's party";
    journal.ok(&["concern", "said she wished she was dead", "--date", "2026-11-02"]);
    journal.ok(&["concern", long, "--date", "2026-11-20"]);
    let listed: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    let first = listed[0]["id"].as_str().unwrap()[..8].to_string();
    let out = journal.ok(&["concern", "resolve", &first, "--note", "talked with Dr Lee"]);
    assert!(out.starts_with("Resolved the concern of Mon 2 Nov 2026"), "{out}");
    let out = journal.ok(&["concern", "list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].contains("2026-11-20  open"), "open first: {out}");
    let resolved = lines.iter().position(|l| l.contains("resolved 2026-11-23: talked with Dr Lee")).unwrap();
    assert!(resolved > 1, "{out}");
    assert!(lines.iter().any(|l| l.contains("2026-11-02  resolved  said she wished")), "its status: {out}");
    assert!(out.contains("If you are worried about your child's safety right now"), "{out}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80 && l.trim_end() == *l), "{out}");
    let err = stderr_of(&journal.srt().args(["concern", "resolve", &first, "--note", "again"]).assert().code(2));
    assert!(err.contains("is already resolved"), "{err}");
    let second = listed[1]["id"].as_str().unwrap()[..8].to_string();
    let err = stderr_of(&journal.srt().args(["concern", "resolve", &second]).assert().code(2));
    assert!(err.contains("say how it was followed up"), "a resolution needs its note: {err}");
    journal.ok(&["concern", "resolve", &second, "--note", "seen by the GP"]);
    let out = journal.ok(&["concern", "list"]);
    assert!(!out.contains("If you are worried"), "no open concern, no safety line: {out}");
    assert!(!journal.ok(&["summary"]).contains("Safety concern"), "resolved ones leave the top");
}

#[test]
fn a_closed_stderr_with_a_warning_to_give_ends_without_a_panic() {
    let journal = family();
    // A cut-off last line: every read warns about it.
    let log = journal.month_log("laptop-a", "2026-11");
    fs::OpenOptions::new().append(true).open(&log).unwrap().write_all(b"{\"v\":5,\"op\":\"pu").unwrap();
    let mut child = std::process::Command::new(common::bin())
        .envs(journal.env("laptop-a"))
        .arg("status")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "srt panicked: {status:?}");
}
