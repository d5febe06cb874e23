//! The journal layer's promises, through the real binary: changes from two terminals at
//! once are both kept or the second refused, ids are checked on the way in, records keep
//! their meaning (first written, the day they belong to, one form of each word), and
//! children can be corrected.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command as Std;
use std::time::{Duration, Instant};

use common::{Journal, stderr_of, stdout_of};
use rexpect::process::WaitStatus;
use rexpect::session::spawn_command;
use serde_json::{Value, json};

fn sam() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal
}

fn short(checkin: &Value) -> String {
    checkin["id"].as_str().unwrap()[..8].to_string()
}

/// An editor that says it started, waits for the word to go on, then writes `note`.
fn slow_editor(journal: &Journal, note: &str) -> String {
    let path = journal.root().join("slow-editor.sh");
    let (started, go) = (journal.root().join("started"), journal.root().join("go"));
    let script = format!(
        "#!/bin/sh\ntouch '{}'\nwhile [ ! -e '{}' ]; do sleep 0.02; done\nprintf '%s' '{note}' > \"$1\"\n",
        started.display(),
        go.display()
    );
    fs::write(&path, script).unwrap();
    Std::new("chmod").arg("+x").arg(&path).status().unwrap();
    path.display().to_string()
}

fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !path.exists() {
        assert!(Instant::now() < deadline, "{} never appeared", path.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `srt edit ID --edit-note` on a terminal, held in the editor while `meanwhile` runs; its
/// exit code and what it printed.
fn edit_note_while(journal: &Journal, id: &str, note: &str, meanwhile: impl FnOnce()) -> (i32, String) {
    let editor = slow_editor(journal, note);
    let mut command = Std::new(common::bin());
    command.envs(journal.env("laptop-a")).env("EDITOR", &editor).args(["edit", id, "--edit-note"]);
    let mut session = spawn_command(command, Some(10_000)).unwrap();
    wait_for(&journal.root().join("started"));
    meanwhile();
    fs::write(journal.root().join("go"), "").unwrap();
    let printed = session.exp_eof().unwrap();
    let code = match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("{other:?}"),
    };
    (code, printed)
}

#[test]
fn two_terminals_changing_one_check_in_keep_both_changes() {
    let journal = sam();
    journal.ok(&["pm", "4", "--note", "a hard evening"]);
    let id = short(&journal.checkins()[0]);
    let (code, printed) = edit_note_while(&journal, &id, "a hard evening, calmer by bedtime", || {
        let out = journal.ok(&["edit", &id, "--alarm", "9"]);
        assert!(out.starts_with("Saved"), "{out}");
    });
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("Saved"), "{printed}");
    let checkin = &journal.checkins()[0];
    assert_eq!(checkin["alarm"], 9, "the other terminal's change is kept");
    assert_eq!(checkin["note"], "a hard evening, calmer by bedtime", "and this one's");
}

#[test]
fn two_terminals_changing_one_answer_differently_refuse_the_second() {
    let journal = sam();
    journal.ok(&["pm", "4", "--note", "a hard evening"]);
    let id = short(&journal.checkins()[0]);
    let (code, printed) = edit_note_while(&journal, &id, "mine", || {
        journal.ok(&["edit", &id, "--note", "theirs"]);
    });
    assert_eq!(code, 2, "{printed}");
    assert!(!printed.contains("Saved"), "{printed}");
    assert!(printed.contains("the note of this check-in was changed by another srt"), "{printed}");
    assert_eq!(journal.checkins()[0]["note"], "theirs", "the change that was saved stays");
    // What this terminal's parent wrote is not lost: it is kept in a private file, named.
    let kept = printed.split("your answers are kept in ").nth(1).and_then(|rest| rest.split(')').next()).unwrap();
    assert!(kept.starts_with(&journal.root().join("tmp").display().to_string()), "{printed}");
    let answers: Value = serde_json::from_str(&fs::read_to_string(kept).unwrap()).unwrap();
    assert_eq!(answers["note"], "mine");
}

#[test]
fn revisions_are_stamped_when_written_and_later_ones_win() {
    let journal = sam();
    journal.ok(&["am", "5"]);
    let id = short(&journal.checkins()[0]);
    // A clock that has gone back: the change still wins over what it changes.
    journal.srt().env("SRT_NOW", "2026-11-20T07:00:00+11:00").args(["edit", &id, "--alarm", "3"]).assert().success();
    assert_eq!(journal.checkins()[0]["alarm"], 3);
    let log = fs::read_to_string(journal.month_log("laptop-a", "2026-11")).unwrap();
    let stamps: Vec<chrono::DateTime<chrono::FixedOffset>> = log
        .lines()
        .map(|l| {
            chrono::DateTime::parse_from_rfc3339(serde_json::from_str::<Value>(l).unwrap()["at"].as_str().unwrap())
                .unwrap()
        })
        .collect();
    assert!(stamps[0] < stamps[1], "{stamps:?}");
}

/// Appends a copy of the journal's first check-in line with `change` made to it.
fn add_line(journal: &Journal, change: impl FnOnce(&mut Value)) -> std::path::PathBuf {
    let log = journal.month_log("laptop-a", "2026-11");
    let first: Value = serde_json::from_str(fs::read_to_string(&log).unwrap().lines().next().unwrap()).unwrap();
    let mut line = first.clone();
    change(&mut line);
    fs::OpenOptions::new().append(true).open(&log).unwrap().write_all(format!("{line}\n").as_bytes()).unwrap();
    log
}

#[test]
fn a_line_whose_id_is_not_srts_is_damage_named_by_file_and_line() {
    type Damage = fn(&mut Value);
    let cases: [(&str, Damage); 3] = [
        ("non-ASCII", |line| {
            line["id"] = json!("é0ffee00-0000-4000-8000-000000000001");
            line["data"]["id"] = line["id"].clone();
        }),
        ("escape", |line| {
            line["id"] = json!("\u{1b}[2J\u{1b}]0;PWNED\u{7}");
            line["data"]["id"] = line["id"].clone();
        }),
        ("mismatched", |line| {
            line["id"] = json!("c0ffee00-0000-4000-8000-000000000001");
            line["data"]["date"] = json!("2026-11-22");
        }),
    ];
    for (name, damage) in cases {
        let journal = sam();
        journal.ok(&["am", "5", "--date", "2026-11-20"]);
        let log = add_line(&journal, damage);
        let at = format!("{} line 2", log.display());
        for args in [vec!["list"], vec!["show", "c0ff"], vec!["delete", "c0ff", "--yes"], vec!["summary"]] {
            let assert = journal.srt().args(&args).assert().code(1);
            let err = stderr_of(&assert);
            assert!(err.contains(&at) && err.contains("srt doctor --repair"), "{name} {args:?}: {err}");
            assert!(!err.contains('\u{1b}') && !err.contains("panicked"), "{name} {args:?}: {err:?}");
            assert!(!stdout_of(&assert).contains("Deleted"), "{name}");
        }
        let assert = journal.srt().arg("doctor").assert().code(1);
        let out = stdout_of(&assert);
        assert!(out.contains(&format!("damaged    {at}")), "{name}: {out}");
        assert!(!out.contains('\u{1b}'), "{name}: {out:?}");
        journal.ok(&["doctor", "--repair"]);
        assert_eq!(journal.checkins().len(), 1, "{name}: the good check-in stays");
    }
}

#[test]
fn a_change_never_moves_when_the_check_in_was_first_written() {
    let journal = sam();
    journal.ok(&["am", "5", "--date", "2026-11-20"]);
    let id = short(&journal.checkins()[0]);
    let later = "2026-11-23T20:30:00+11:00";
    journal.srt().env("SRT_NOW", later).args(["edit", &id, "--alarm", "3"]).assert().success();
    let edited = &journal.checkins()[0];
    assert_eq!(edited["created_at"], "2026-11-23T07:45:00+11:00");
    assert_eq!(edited["updated_at"], later);
    // Moved to another day, it is a new record there, first written when the original was.
    journal.ok(&["edit", &id, "--date", "2026-11-19"]);
    let moved = &journal.checkins()[0];
    assert_eq!(
        (moved["date"].clone(), moved["created_at"].clone()),
        (json!("2026-11-19"), json!("2026-11-23T07:45:00+11:00"))
    );
}

#[test]
fn saving_what_is_already_there_writes_nothing() {
    let journal = sam();
    journal.ok(&["pm", "3", "--peak", "6", "--win", "laughed", "--note", "ok"]);
    let id = short(&journal.checkins()[0]);
    let before = journal.snapshot();
    let out = journal.ok(&["edit", &id, "--alarm", "3", "--win", "laughed"]);
    assert!(out.starts_with("Nothing changed"), "{out}");
    let out = journal.ok(&["pm", "3", "--peak", "6", "--win", "laughed", "--note", "ok", "--replace"]);
    assert!(out.starts_with("Nothing changed"), "{out}");
    assert_eq!(journal.snapshot(), before, "no revision was written");
}

#[test]
fn a_word_typed_in_two_unicode_forms_is_one_word() {
    let journal = Journal::new();
    let (composed, decomposed) = ("Zo\u{eb}", "Zoe\u{308}");
    journal.ok(&["am", "5", "--child", decomposed, "--date", "2026-11-20", "--win", "caf\u{e9} trip"]);
    journal.ok(&["pm", "3", "--child", composed, "--date", "2026-11-20", "--win", "cafe\u{301} trip"]);
    let children: Vec<Value> = serde_json::from_str(&journal.ok(&["child", "list", "--json"])).unwrap();
    assert_eq!(children, [json!({"name": composed, "default": true})], "one child, kept as NFC");
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 2);
    assert!(checkins.iter().all(|c| c["wins"] == json!(["caf\u{e9} trip"]) && c["child"] == composed));
    let text = journal.ok(&["summary", "--since", "2026-11-20"]);
    assert!(text.contains("Small wins (1)"), "{text}");
    let saved = fs::read_to_string(journal.month_log("laptop-a", "2026-11")).unwrap();
    assert!(!saved.contains("e\u{301}") && !saved.contains("e\u{308}"), "kept as NFC on disk too: {saved}");
}

#[test]
fn a_check_in_after_midnight_belongs_to_the_day_before() {
    let journal = sam();
    let half_past_midnight = "2026-11-24T00:30:00+11:00";
    let out = journal.srt().env("SRT_NOW", half_past_midnight).args(["pm", "3"]).assert().success();
    assert!(stdout_of(&out).contains("evening check-in for Mon 23 Nov 2026"), "{}", stdout_of(&out));
    assert_eq!(journal.checkins()[0]["date"], "2026-11-23");
    let status = journal.srt().env("SRT_NOW", half_past_midnight).args(["status", "--json"]).assert().code(1);
    assert_eq!(serde_json::from_str::<Value>(&stdout_of(&status)).unwrap()["date"], "2026-11-23");
    // The day starts when the config says.
    fs::write(journal.config_path(), "day_starts_at = \"00:00\"\n").unwrap();
    journal.srt().env("SRT_NOW", half_past_midnight).args(["am", "4"]).assert().success();
    assert_eq!(journal.checkins_of(&["--until", "2026-11-24"])[1]["date"], "2026-11-24");
}

#[test]
fn the_days_highest_is_at_least_the_mornings_alarm() {
    let journal = sam();
    journal.ok(&["am", "6"]);
    let before = journal.snapshot();
    let err = stderr_of(&journal.srt().args(["pm", "2", "--peak", "4"]).assert().code(2));
    assert!(err.contains("the highest alarm of the day (4) is below that morning's alarm (6)"), "{err}");
    assert_eq!(journal.snapshot(), before);
    journal.ok(&["pm", "2", "--peak", "6"]);
    let evening = short(&journal.checkins()[1]);
    let err = stderr_of(&journal.srt().args(["edit", &evening, "--peak", "5"]).assert().code(2));
    assert!(err.contains("below that morning's alarm (6)"), "{err}");

    // An evening moved onto a day with a higher morning is refused too.
    journal.ok(&["am", "9", "--date", "2026-11-20"]);
    let err = stderr_of(&journal.srt().args(["edit", &evening, "--date", "2026-11-20"]).assert().code(2));
    assert!(err.contains("the highest alarm of the day (6) is below that morning's alarm (9)"), "{err}");
    // A morning filled in later above the evening's peak is kept, and the evening named.
    let morning = short(&journal.checkins_of(&["--since", "2026-11-23"])[0]);
    let (out, err) = journal.ok_with_stderr(&["edit", &morning, "--alarm", "8"]);
    assert!(out.starts_with("Saved"), "{out}");
    assert!(
        err.contains(&format!("the evening of 2026-11-23 says the highest alarm of the day was 6, below this morning's 8; correct it with `srt edit {evening} --peak 8`")),
        "{err}"
    );
}

#[test]
fn a_child_can_be_renamed_and_every_record_follows() {
    let journal = sam();
    journal.ok(&["steps", "set", "uniform on", "walk to the gate"]);
    journal.ok(&["session", "add", "--date", "2026-11-09", "--note", "first session"]);
    for day in ["2026-10-30", "2026-11-20", "2026-11-21"] {
        journal.ok(&["am", "5", "--date", day, "--step", "2"]);
    }
    journal.ok(&["concern", "she said she wanted to die", "--date", "2026-11-20"]);
    journal.ok(&["child", "add", "Alex"]);
    journal.ok(&["child", "default", "Sam"]);
    let before = journal.checkins_of(&["--since", "2026-10-01"]);

    let out = journal.ok(&["child", "rename", "sam", "Samuel"]);
    assert!(out.contains("Sam is now called Samuel"), "{out}");
    let after = journal.checkins_of(&["--since", "2026-10-01"]);
    assert_eq!(after.len(), before.len(), "the default followed, and every check-in");
    for (a, b) in after.iter().zip(&before) {
        assert_eq!(a["child"], "Samuel");
        assert_eq!(
            (&a["id"], &a["step"], &a["created_at"], &a["updated_at"]),
            (&b["id"], &b["step"], &b["created_at"], &b["updated_at"])
        );
    }
    let sessions: Vec<Value> = serde_json::from_str(&journal.ok(&["session", "list", "--json"])).unwrap();
    assert_eq!(sessions[0]["child"], "Samuel");
    let concerns: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!((&concerns[0]["child"], &concerns[0]["status"]), (&json!("Samuel"), &json!("open")));
    assert!(journal.ok(&["summary"]).starts_with("Safety concern, open"), "still first");
    let ladder: Value = serde_json::from_str(&journal.ok(&["steps", "list", "--json"])).unwrap();
    assert_eq!(ladder["steps"][1]["text"], "walk to the gate");
    assert_eq!(journal.ok(&["child", "list"]), "Alex\nSamuel  (default)\n");
    let err = stderr_of(&journal.srt().args(["child", "rename", "Samuel", "alex"]).assert().code(2));
    assert!(err.contains("there is already a child called Alex"), "{err}");

    let before = journal.snapshot();
    assert!(journal.ok(&["child", "rename", "Samuel", "Samuel"]).starts_with("Nothing changed"));
    assert_eq!(journal.snapshot(), before);
    // The config is the parent's own file: srt says what to change in it.
    fs::write(journal.config_path(), "default_child = \"Samuel\"\n").unwrap();
    let out = journal.ok(&["child", "rename", "Samuel", "Sam"]);
    assert!(
        out.contains(&format!(
            "Your config still says default_child = \"Samuel\": change it to \"Sam\" in {}",
            journal.config_path().display()
        )),
        "{out}"
    );
}

#[test]
fn a_child_can_be_removed_once_asked() {
    let journal = sam();
    journal.ok(&["child", "add", "Max"]);
    journal.ok(&["concern", "--child", "Max", "said he wished he was dead"]);
    let err = stderr_of(&journal.srt().args(["child", "remove", "Max", "--yes"]).assert().code(2));
    assert!(
        err.contains("Max has 1 safety concern; to remove it too, run `srt child remove Max --with-checkins --yes`"),
        "{err}"
    );
    journal.ok(&["am", "5", "--child", "Max"]);
    let err = stderr_of(&journal.srt().args(["child", "remove", "Max", "--yes"]).assert().code(2));
    assert!(err.contains("Max has 1 check-in and 1 safety concern; to remove them too"), "{err}");
    let err = stderr_of(&journal.srt().args(["child", "remove", "Max", "--with-checkins"]).assert().code(2));
    assert!(err.contains("needs a yes"), "{err}");
    let out = journal.ok(&["child", "remove", "Max", "--with-checkins", "--yes"]);
    assert!(out.contains("Removed Max, with 1 check-in, 1 safety concern and 0 sessions"), "{out}");
    assert_eq!(journal.ok(&["child", "list"]), "Sam  (default)\n");
    journal.ok(&["child", "add", "Max"]);
    assert!(journal.checkins_of(&["--child", "Max"]).is_empty(), "a new Max starts afresh");
    assert_eq!(journal.ok(&["concern", "list", "--child", "Max"]), "No safety concerns noted for Max.\n");
}

#[test]
fn the_redaction_placeholder_is_not_a_name() {
    let journal = Journal::new();
    for args in [vec!["child", "add", "Child"], vec!["am", "4", "--child", "child"]] {
        let err = stderr_of(&journal.srt().args(&args).assert().code(2));
        assert!(err.contains("\"Child\" is the word srt puts in place of a name"), "{args:?}: {err}");
    }
    journal.ok(&["child", "add", "Sam"]);
    let err = stderr_of(&journal.srt().args(["child", "rename", "Sam", "CHILD"]).assert().code(2));
    assert!(err.contains("in place of a name"), "{err}");
}

#[test]
fn a_check_in_named_with_another_childs_name_is_refused() {
    let journal = sam();
    journal.ok(&["child", "add", "Alex"]);
    journal.ok(&["child", "default", "Sam"]);
    journal.ok(&["am", "5"]);
    let id = short(&journal.checkins()[0]);
    let before = journal.snapshot();
    for command in [vec!["edit", &id, "--alarm", "2"], vec!["delete", &id, "--yes"], vec!["show", &id]] {
        let err = stderr_of(&journal.srt().args(&command).args(["--child", "Alex"]).assert().code(2));
        assert!(err.contains(&format!("check-in {id} is Sam's, not Alex's")), "{command:?}: {err}");
    }
    assert_eq!(journal.snapshot(), before);
    journal.ok(&["show", &id, "--child", "sam"]);
}

#[test]
fn a_concern_about_a_name_no_child_has_is_shown_not_lost() {
    let journal = sam();
    journal.ok(&["concern", "she said she wanted to hurt herself", "--date", "2026-11-20"]);
    // As if the other laptop had noted it under a name this journal no longer has.
    let log = journal.data().join("log/laptop-a/concerns.jsonl");
    let text = fs::read_to_string(&log).unwrap().replace("\"child\":\"Sam\"", "\"child\":\"Sammy\"");
    fs::write(&log, text).unwrap();
    assert!(journal.ok(&["summary"]).starts_with("Safety concern, open"), "still first");
    let listed: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["text"], "she said she wanted to hurt herself");
    let export: Value = serde_json::from_str(&journal.ok(&["export", "--last", "7d"])).unwrap();
    assert_eq!(export["summary"]["concerns"][0]["text"], "she said she wanted to hurt herself");
    let id = listed[0]["id"].as_str().unwrap()[..8].to_string();
    journal.ok(&["concern", "resolve", &id, "--note", "talked with Dr Lee"]);
    assert!(!journal.ok(&["summary"]).contains("Safety concern"), "resolved, it leaves the top");
}

#[test]
fn a_concern_resolved_just_after_midnight_is_never_resolved_before_it_was_noted() {
    let journal = sam();
    let late = |at: &str, args: &[&str]| journal.srt().env("SRT_NOW", at).args(args).assert().success();
    // At 00:30 the journal's day is still the 23rd; the calendar's is the 24th.
    late("2026-11-24T00:30:00+11:00", &["concern", "said she wanted to die", "--date", "2026-11-24"]);
    let listed: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    let id = listed[0]["id"].as_str().unwrap()[..8].to_string();
    late("2026-11-24T00:35:00+11:00", &["concern", "resolve", &id, "--note", "called the crisis line"]);
    let listed: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["resolved"]["date"], "2026-11-24");
    let file = journal.root().join("all.json");
    late("2026-11-24T09:00:00+11:00", &["export", "--all", "-o", file.to_str().unwrap()]);
    let other = Journal::new();
    other.srt().env("SRT_NOW", "2026-11-24T09:00:00+11:00").args(["import", file.to_str().unwrap()]).assert().success();
}
