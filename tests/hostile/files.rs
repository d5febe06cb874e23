//! Hostile files in the data dir: folders and files srt does not read, sync tools'
//! conflicted copies, and synced lines whose text would drive a terminal. Nothing under
//! `log/` may go unmentioned by `srt doctor`, and nothing from a file may reach the
//! terminal raw.

use std::fs;

use serde_json::{Value, json};

use super::*;
use common::{stderr_of, stdout_of};

/// An ESC sequence that retitles the window and clears the screen.
const PWNED: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";

/// A version 1 check-in, as srt 0.1 wrote it (see `tests/fixtures/v1-journal`).
const V1_CHECKIN: &str = r#"{"v":1,"op":"put","kind":"checkin","id":"b0378151-2efb-45a2-a831-2ebc4e9b62de","at":"2026-11-01T20:45:00Z","device":"laptop-b","data":{"id":"b0378151-2efb-45a2-a831-2ebc4e9b62de","child":"Sam","date":"2026-11-02","period":"morning","recorded_at":"2026-11-02T07:45:00+11:00","alarm":6,"peak_alarm":null,"body":["stomach ache"],"helped":["calm presence"],"wins":["got dressed"],"school":null,"step":null,"next_step":null,"note":""}}"#;

/// The single line of `relative` under the data dir of a journal `with_sam` set up.
fn only_line(journal: &Journal, relative: &str) -> Value {
    let text = fs::read_to_string(journal.root().join(relative)).unwrap();
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

/// Sam's check-in line, changed by `edit`, synced into laptop-b's log of November.
fn synced_checkin(journal: &Journal, edit: fn(&mut Value)) {
    with_sam(journal);
    let mut line = only_line(journal, "data/log/laptop-a/checkins/2026-11.jsonl");
    line["device"] = json!("laptop-b");
    line["at"] = json!("2026-11-23T00:00:00Z");
    edit(&mut line);
    write(journal, "data/log/laptop-b/checkins/2026-11.jsonl", &format!("{line}\n"));
}

/// A version 1 check-in, changed by `edit`, synced into laptop-b's log of November.
fn synced_v1_checkin(journal: &Journal, edit: fn(&mut Value)) {
    with_sam(journal);
    let mut line: Value = serde_json::from_str(V1_CHECKIN).unwrap();
    edit(&mut line);
    write(journal, "data/log/laptop-b/checkins/2026-11.jsonl", &format!("{line}\n"));
}

/// A copy of laptop-a's file `from`, written as `to` (both under `data/log/`).
fn copy_of(journal: &Journal, from: &str, to: &str) {
    with_sam(journal);
    let bytes = fs::read_to_string(journal.data().join("log").join(from)).unwrap();
    write(journal, &format!("data/log/{to}"), &bytes);
}

/// One of laptop-b's logs holding a single line of another kind, changed by `edit`.
fn synced_line(journal: &Journal, file: &str, line: Value, edit: fn(&mut Value)) {
    with_sam(journal);
    let mut line = line;
    edit(&mut line);
    write(journal, &format!("data/log/laptop-b/{file}"), &format!("{line}\n"));
}

fn envelope(kind: &str, id: &str, data: Value) -> Value {
    json!({"v": 2, "op": "put", "kind": kind, "id": id, "at": "2026-11-23T00:00:00Z", "device": "laptop-b", "data": data})
}

const CHILD_ID: &str = "58555823-50b0-448a-8e7f-c935724e80df";
const SESSION_ID: &str = "cea30b58-d008-4a7e-ba38-04ecdd05daca";

#[test]
fn lines_that_break_the_text_rules_are_refused_by_every_reader() {
    run_all(&[
        Case::new("ESC in a synced v2 note", &["list"], 1, "the note contains a control character (ESC")
            .setup(|j| synced_checkin(j, |l| l["data"]["note"] = json!(format!("toast{PWNED}")))),
        Case::new("ESC in a synced v1 note", &["list"], 1, "the note contains a control character (ESC")
            .setup(|j| synced_v1_checkin(j, |l| l["data"]["note"] = json!(format!("toast{PWNED}")))),
        Case::new("ESC in a synced v1 item", &["list"], 1, "a list item contains a control character (ESC")
            .setup(|j| synced_v1_checkin(j, |l| l["data"]["wins"] = json!([format!("got dressed{PWNED}")]))),
        Case::new("ESC in a synced v1 child", &["list"], 1, "the child's name contains a control character (ESC")
            .setup(|j| synced_v1_checkin(j, |l| l["data"]["child"] = json!(format!("Sam{PWNED}")))),
        Case::new("ESC in a synced v2 next step", &["list"], 1, "the next small step contains a control character")
            .setup(|j| {
                synced_checkin(j, |l| {
                    l["data"]["period"] = json!("evening");
                    l["data"]["next_step"] = json!(format!("gate{PWNED}"));
                })
            }),
        Case::new("a field named with an escape sequence", &["list"], 1, "unknown field `\\x1b]0;PWNED\\x07\\x1b[2J`")
            .setup(|j| synced_checkin(j, |l| l["data"][PWNED] = json!(1))),
        Case::new("an envelope field named with an escape sequence", &["list"], 1, "unknown field `\\x1b]0;PWNED")
            .setup(|j| synced_checkin(j, |l| l[PWNED] = json!(1))),
        Case::new(
            "ESC in a synced child's name",
            &["child", "list"],
            1,
            "the child's name contains a control character",
        )
        .setup(|j| {
            let child = envelope("child", CHILD_ID, json!({"id": CHILD_ID, "name": format!("Alex{PWNED}")}));
            synced_line(j, "children.jsonl", child, |_| {});
        }),
    ]);
}

/// A journal made hostile, and a fragment of what `srt doctor` must report about it (on
/// stdout, with exit 1 and the data dir left as it was).
const fn row(name: &'static str, setup: fn(&Journal), report: &'static str) -> Case {
    Case::new(name, &["doctor"], 1, "").setup(setup).report(report)
}

#[test]
fn doctor_reports_what_it_does_not_read() {
    run_all(&[
        row(
            "a folder named unlike a device",
            |j| copy_of(j, "laptop-a/children.jsonl", "laptop.b/children.jsonl"),
            "log/laptop.b/: not a device folder srt wrote (its name is not a device id); its files are not part of the journal",
        ),
        row(
            "a folder named with an escape sequence",
            |j| copy_of(j, "laptop-a/children.jsonl", &format!("evil{PWNED}/children.jsonl")),
            "log/evil\\x1b]0;PWNED\\x07\\x1b[2J/: not a device folder srt wrote",
        ),
        row(
            "a Dropbox copy of a device's folder",
            |j| copy_of(j, "laptop-a/children.jsonl", "laptop-b (conflicted copy)/children.jsonl"),
            "log/laptop-b (conflicted copy)/: not a device folder",
        ),
        row(
            "a file beside the device folders",
            |j| copy_of(j, "laptop-a/children.jsonl", "children.jsonl"),
            "log/children.jsonl: a file beside the device folders; it is not part of the journal",
        ),
        row(
            "a file named like a device",
            |j| copy_of(j, "laptop-a/children.jsonl", "laptop-b"),
            "log/laptop-b: a file beside the device folders",
        ),
        row(
            "an unknown file in a device's folder",
            |j| copy_of(j, "laptop-a/children.jsonl", "laptop-a/kids.jsonl"),
            "laptop-a/kids.jsonl: srt did not write it; it is not part of the journal",
        ),
        row(
            "a file in a device's folder named with an escape sequence",
            |j| copy_of(j, "laptop-a/children.jsonl", &format!("laptop-a/{PWNED}.jsonl")),
            "laptop-a/\\x1b]0;PWNED\\x07\\x1b[2J.jsonl: srt did not write it",
        ),
        row(
            "a month file in the wrong folder",
            |j| copy_of(j, "laptop-a/checkins/2026-11.jsonl", "laptop-a/2026-11.jsonl"),
            "laptop-a/2026-11.jsonl: srt did not write it",
        ),
    ]);
}

/// A conflicted copy of laptop-a's November log, named `name`, holding a later revision
/// of Sam's check-in.
fn conflicted_month(journal: &Journal, name: &str) {
    with_sam(journal);
    let mut line = only_line(journal, "data/log/laptop-a/checkins/2026-11.jsonl");
    line["at"] = json!("2026-11-23T00:00:00Z");
    line["data"]["alarm"] = json!(2);
    write(journal, &format!("data/log/laptop-a/checkins/{name}"), &format!("{line}\n"));
}

#[test]
fn doctor_recognises_conflicted_copies() {
    run_all(&[
        row(
            "Dropbox's conflicted copy of a month",
            |j| conflicted_month(j, "2026-11 (Sam's conflicted copy 2026-11-20).jsonl"),
            "2026-11 (Sam's conflicted copy 2026-11-20).jsonl: a sync tool's conflicted copy of checkins/2026-11.jsonl; 1 of its lines is not in the journal yet",
        ),
        row(
            "Syncthing's conflicted copy of a month",
            |j| conflicted_month(j, "2026-11.sync-conflict-20261120-123456-ABCDEFG.jsonl"),
            "conflicted copy of checkins/2026-11.jsonl; 1 of its lines is not in the journal yet",
        ),
        row(
            "a conflicted copy named with an escape sequence",
            |j| conflicted_month(j, &format!("2026-11 ({PWNED} conflicted copy).jsonl")),
            "2026-11 (\\x1b]0;PWNED\\x07\\x1b[2J conflicted copy).jsonl: a sync tool's conflicted copy",
        ),
        row(
            "a conflicted copy with nothing new",
            |j| copy_of(j, "laptop-a/children.jsonl", "laptop-a/children (conflicted copy).jsonl"),
            "conflicted copy of children.jsonl; every entry in it is already in the journal",
        ),
        row(
            "the repair is offered",
            |j| copy_of(j, "laptop-a/children.jsonl", "laptop-a/children (conflicted copy).jsonl"),
            "Run `srt doctor --repair` to add what the conflicted copy holds to this device's log",
        ),
        row(
            "damage in a conflicted copy",
            |j| write(j, "data/log/laptop-a/settings (conflicted copy).jsonl", "{not json\n"),
            "settings (conflicted copy).jsonl line 1: key must be a string",
        ),
    ]);
}

#[test]
fn doctor_calls_every_line_that_breaks_the_rules_damage() {
    run_all(&[
        row(
            "ESC in a synced v2 note",
            |j| synced_checkin(j, |l| l["data"]["note"] = json!(format!("toast{PWNED}"))),
            "laptop-b/checkins/2026-11.jsonl line 1: the note contains a control character (ESC",
        ),
        row(
            "ESC in a synced v1 note",
            |j| synced_v1_checkin(j, |l| l["data"]["note"] = json!(format!("toast{PWNED}"))),
            "laptop-b/checkins/2026-11.jsonl line 1: the note contains a control character (ESC",
        ),
        row(
            "ESC in a synced v1 item",
            |j| synced_v1_checkin(j, |l| l["data"]["body"] = json!([format!("tummy{PWNED}")])),
            "laptop-b/checkins/2026-11.jsonl line 1: a list item contains a control character (ESC",
        ),
        row(
            "ESC in a synced v1 child",
            |j| synced_v1_checkin(j, |l| l["data"]["child"] = json!(format!("Sam{PWNED}"))),
            "laptop-b/checkins/2026-11.jsonl line 1: the child's name contains a control character (ESC",
        ),
        row(
            "a field named with an escape sequence",
            |j| synced_checkin(j, |l| l["data"][PWNED] = json!(1)),
            "laptop-b/checkins/2026-11.jsonl line 1: unknown field `\\x1b]0;PWNED\\x07\\x1b[2J`",
        ),
        row(
            "ESC in a synced session's note",
            |j| {
                let data =
                    json!({"id": SESSION_ID, "child": "Sam", "date": "2026-11-01", "note": format!("ok{PWNED}")});
                synced_line(j, "sessions.jsonl", envelope("session", SESSION_ID, data), |_| {});
            },
            "laptop-b/sessions.jsonl line 1: the note contains a control character (ESC",
        ),
        row(
            "ESC in a synced v1 ladder's step",
            |j| {
                let data = json!({"child": "Sam", "steps": ["uniform on", format!("gate{PWNED}")]});
                synced_line(j, "ladders.jsonl", envelope("ladder", "ladder:sam", data), |l| l["v"] = json!(1));
            },
            "laptop-b/ladders.jsonl line 1: a brave step contains a control character (ESC",
        ),
        row(
            "ESC in a synced default child",
            |j| {
                let data = json!({"name": "default_child", "value": format!("Sam{PWNED}")});
                synced_line(j, "settings.jsonl", envelope("setting", "default_child", data), |_| {});
            },
            "laptop-b/settings.jsonl line 1: the child's name contains a control character (ESC",
        ),
        row(
            "a reversing character in a synced child's name",
            |j| {
                let child = envelope("child", CHILD_ID, json!({"id": CHILD_ID, "name": "Al\u{202e}ex"}));
                synced_line(j, "children.jsonl", child, |_| {});
            },
            "laptop-b/children.jsonl line 1: the child's name contains an invisible character",
        ),
    ]);
}

/// The lines of a file, without their line breaks.
fn lines_of(path: &Path) -> Vec<String> {
    fs::read_to_string(path).unwrap().lines().map(str::to_string).collect()
}

/// The files in `backups/`, by name.
fn backups(journal: &Journal) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = fs::read_dir(journal.data().join("backups")) else { return Vec::new() };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn repair_merges_what_only_a_conflicted_copy_holds_and_keeps_the_copy_in_backups() {
    let journal = Journal::new();
    with_sam(&journal);
    journal.srt_on("laptop-b").args(["evening", "3", "--date", "2026-11-20", "--yes"]).assert().success();
    let real = journal.month_log("laptop-b", "2026-11");
    let evening = lines_of(&real).remove(0);
    let mut later: Value = serde_json::from_str(&evening).unwrap();
    later["at"] = json!("2026-11-23T00:00:00Z");
    later["data"]["alarm"] = json!(5);
    let mut another: Value = serde_json::from_str(&evening).unwrap();
    let id = "7d1c7a52-2a7e-4b7e-9d0e-000000000021";
    another["id"] = json!(id);
    another["data"]["id"] = json!(id);
    another["data"]["date"] = json!("2026-11-21");
    // The same revision as the real file's, written with other spacing: not merged again.
    let same_revision =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&evening).unwrap()).unwrap().replace('\n', "");
    let copy_text = format!("{evening}\n{later}\n{same_revision}\nnot json at all\n{another}\n{later}\n");
    let copy = real.with_file_name("2026-11 (Sam's conflicted copy 2026-11-20).jsonl");
    fs::write(&copy, &copy_text).unwrap();
    let mine = journal.month_log("laptop-a", "2026-11");
    let mine_before = lines_of(&mine);

    let report = stdout_of(&journal.srt().arg("doctor").assert().code(1));
    assert!(report.contains("2 of its lines are not in the journal yet"), "{report}");
    assert!(report.contains("line 4: expected ident"), "{report}");

    let (out, err) = journal.ok_with_stderr(&["doctor", "--repair"]);
    assert!(err.is_empty(), "{err}");
    let merged = format!("Merged 2 lines from {} into {}", copy.display(), mine.display());
    assert!(out.contains(&merged), "{out}");

    // The copy's new revisions are in this device's log, byte for byte, after what was there.
    let mut expected = mine_before;
    expected.extend([later.to_string(), another.to_string()]);
    assert_eq!(lines_of(&mine), expected);
    assert!(!copy.exists(), "the copy left log/");
    let backups = backups(&journal);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].0.ends_with("-laptop-b-checkins-2026-11 (Sam's conflicted copy 2026-11-20).jsonl.conflict"));
    assert_eq!(backups[0].1, copy_text.as_bytes(), "the copy, damage and all, is kept whole");

    let checkins = journal.checkins();
    let evening = checkins.iter().find(|c| c["period"] == "evening" && c["date"] == "2026-11-20").unwrap();
    assert_eq!(evening["alarm"], 5, "the later revision wins");
    assert!(checkins.iter().any(|c| c["id"] == id), "{checkins:?}");
    assert_eq!(journal.ok(&["doctor"]).lines().last().unwrap(), "All is well: every line reads.");
    let snapshot = journal.snapshot();
    journal.ok(&["doctor", "--repair"]);
    assert_eq!(journal.snapshot(), snapshot, "a second repair has nothing to do");
}

#[test]
fn repair_merges_a_syncthing_copy_of_the_children() {
    let journal = Journal::new();
    with_sam(&journal);
    let alex = envelope("child", CHILD_ID, json!({"id": CHILD_ID, "name": "Alex"}));
    let copy = "data/log/laptop-a/children.sync-conflict-20261120-123456-ABCDEFG.jsonl";
    write(&journal, copy, &format!("{alex}\n"));
    assert!(!journal.ok(&["child", "list"]).contains("Alex"));

    let out = journal.ok(&["doctor", "--repair"]);
    assert!(out.contains("Merged 1 line from"), "{out}");
    assert!(journal.ok(&["child", "list"]).contains("Alex"));
    assert!(!journal.data().join(copy.trim_start_matches("data/")).exists());
    assert!(backups(&journal)[0].0.ends_with(".sync-conflict-20261120-123456-ABCDEFG.jsonl.conflict"));
    journal.ok(&["doctor"]);
}

#[test]
fn repair_leaves_a_copy_holding_lines_of_a_newer_srt() {
    let journal = Journal::new();
    with_sam(&journal);
    let mut newer = only_line(&journal, "data/log/laptop-a/children.jsonl");
    newer["v"] = json!(99);
    let copy = journal.data().join("log/laptop-a/children (conflicted copy).jsonl");
    fs::write(&copy, format!("{newer}\n")).unwrap();
    let assert = journal.srt().args(["doctor", "--repair"]).assert().code(1);
    let out = stdout_of(&assert);
    assert!(out.contains("written by srt format v99") && out.contains("upgrade srt"), "{out}");
    assert!(copy.exists() && backups(&journal).is_empty(), "the copy waits for an upgrade");
}

#[test]
fn doctor_does_not_follow_a_link_back_up_the_tree() {
    let journal = Journal::new();
    with_sam(&journal);
    std::os::unix::fs::symlink("..", journal.data().join("log/laptop-a/loop")).unwrap();
    let assert = journal.srt().arg("doctor").timeout(std::time::Duration::from_secs(60)).assert().code(1);
    let out = stdout_of(&assert);
    assert!(out.contains("laptop-a/loop: srt did not write it") && !out.contains("loop/"), "{out}");
    assert!(stderr_of(&assert).is_empty());
}

#[test]
fn housekeeping_and_leftovers_are_no_cause_for_alarm() {
    let journal = Journal::new();
    with_sam(&journal);
    for file in ["log/.DS_Store", "log/.stfolder/x", "log/laptop-a/._children.jsonl", "log/laptop-a/.tmpAb12Cd"] {
        write(&journal, &format!("data/{file}"), "whatever");
    }
    let out = journal.ok(&["doctor"]);
    assert!(out.contains("laptop-a/.tmpAb12Cd: left by a save that was interrupted"), "{out}");
    assert!(!out.contains(".DS_Store") && !out.contains(".stfolder"), "{out}");
    assert!(out.ends_with("All is well: every line reads.\n"), "{out}");
}
