//! Morning and evening check-ins from flags: what is saved, and what is refused.

mod common;

use common::{Journal, TODAY, stderr_of};
use predicates::prelude::*;
use serde_json::{Value, json};

fn journal_with_sam() -> Journal {
    let journal = Journal::new();
    journal.srt().args(["child", "add", "Sam"]).assert().success();
    journal
}

#[test]
fn every_morning_flag_is_saved() {
    let journal = Journal::new();
    journal
        .srt()
        .args(["morning", "7", "--child", "Sam", "--body", "stomach ache", "--body", "tears"])
        .args(["--helped", "calm presence", "--helped", "weighted blanket", "--win", "got dressed"])
        .args(["--note", "Hard start,\nbut dressed"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved Sam's morning check-in").and(predicate::str::contains("7 · alarmed")));
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 1);
    let c = &checkins[0];
    assert_eq!(c["child"], "Sam");
    assert_eq!(c["date"], TODAY);
    assert_eq!(c["period"], "morning");
    assert_eq!(c["alarm"], 7);
    assert_eq!(c["peak_alarm"], json!(null));
    assert_eq!(c["body"], json!(["stomach ache", "tears"]));
    assert_eq!(c["helped"], json!(["calm presence", "weighted blanket"]));
    assert_eq!(c["wins"], json!(["got dressed"]));
    assert_eq!(c["step"], json!(null));
    assert_eq!(c["note"], "Hard start,\nbut dressed");
    assert_eq!(c["created_at"], "2026-11-23T07:45:00+11:00");
    assert_eq!(c["updated_at"], "2026-11-23T07:45:00+11:00");
    assert_eq!(c["id"].as_str().unwrap().len(), 36);
}

#[test]
fn every_evening_flag_is_saved() {
    let journal = journal_with_sam();
    journal
        .srt()
        .args(["pm", "--alarm", "3", "--peak", "8", "--school", "partial", "--win", "stayed for one lesson"])
        .args(["--helped", "slow breathing", "--next", "walk to the gate", "--note", "proud of her", "--body", "tired"])
        .assert()
        .success();
    let c = &journal.checkins()[0];
    assert_eq!(c["period"], "evening");
    assert_eq!(c["alarm"], 3);
    assert_eq!(c["peak_alarm"], 8);
    assert_eq!(c["school"], json!({"outcome": "part", "reason": null, "in": null, "out": null, "lessons": null}));
    assert_eq!(c["wins"], json!(["stayed for one lesson"]));
    assert_eq!(c["helped"], json!(["slow breathing"]));
    assert_eq!(c["next_step"], "walk to the gate");
    assert_eq!(c["body"], json!(["tired"]));
    assert_eq!(c["note"], "proud of her");
}

#[test]
fn the_aliases_am_and_pm_work_and_alarm_can_be_a_flag() {
    let journal = journal_with_sam();
    journal.srt().args(["am", "--alarm", "0"]).assert().success();
    journal.srt().args(["pm", "10"]).assert().success();
    let alarms: Vec<_> = journal.checkins().iter().map(|c| (c["period"].clone(), c["alarm"].clone())).collect();
    assert_eq!(alarms, [(json!("morning"), json!(0)), (json!("evening"), json!(10))]);
}

#[test]
fn text_is_trimmed_and_list_items_deduplicated_keeping_the_first_spelling() {
    let journal = journal_with_sam();
    journal
        .srt()
        .args(["am", "4", "--win", "  Got dressed ", "--win", "got DRESSED", "--win", "", "--note", "  fine  "])
        .assert()
        .success();
    let c = &journal.checkins()[0];
    assert_eq!(c["wins"], json!(["Got dressed"]));
    assert_eq!(c["note"], "fine");
}

#[test]
fn date_back_fills_a_missed_day() {
    let journal = journal_with_sam();
    journal.srt().args(["am", "5", "--date", "2026-11-20"]).assert().success();
    journal.srt().args(["am", "6", "--date", "2024-02-29"]).assert().success();
    let dates: Vec<_> = journal.checkins().iter().map(|c| c["date"].clone()).collect();
    assert_eq!(dates, [json!("2024-02-29"), json!("2026-11-20")]);
}

#[test]
fn a_second_check_in_for_the_same_day_needs_replace() {
    let journal = journal_with_sam();
    journal.srt().args(["am", "7", "--win", "got dressed"]).assert().success();
    let before = journal.snapshot();
    let assert = journal.srt().args(["am", "3"]).assert().code(2);
    let err = stderr_of(&assert);
    assert!(err.starts_with("srt: error: there is already a morning check-in for Sam on 2026-11-23"), "{err}");
    assert!(err.contains("--replace"), "{err}");
    assert_eq!(journal.snapshot(), before, "nothing may be written");

    // The evening of the same day and another day's morning are separate check-ins.
    journal.srt().args(["pm", "2"]).assert().success();
    journal.srt().args(["am", "2", "--date", "2026-11-22"]).assert().success();

    let id = journal.checkins_of(&["--since", TODAY])[0]["id"].clone();
    journal.srt().args(["am", "3", "--replace", "--win", "ate breakfast"]).assert().success();
    let mornings: Vec<_> =
        journal.checkins_of(&["--since", TODAY]).into_iter().filter(|c| c["period"] == "morning").collect();
    assert_eq!(mornings.len(), 1);
    assert_eq!(mornings[0]["id"], id, "replacing keeps the id");
    assert_eq!(mornings[0]["alarm"], 3);
    assert_eq!(mornings[0]["wins"], json!(["ate breakfast"]));
}

/// Each bad input: a one-line error naming the problem, exit 2, nothing written.
fn refused(journal: &Journal, args: &[&str], expected: &str) {
    let before = journal.snapshot();
    let assert = journal.srt().args(args).timeout(std::time::Duration::from_secs(10)).assert().code(2);
    let err = stderr_of(&assert);
    assert!(err.starts_with("srt: error: "), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: one line, got {err}");
    assert!(err.contains(expected), "{args:?}: expected '{expected}' in {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(journal.snapshot(), before, "{args:?} wrote something");
}

#[test]
fn bad_alarm_levels_are_refused() {
    let journal = journal_with_sam();
    refused(&journal, &["am", "11"], "0 (calm) to 10 (overwhelmed)");
    refused(&journal, &["am", "-1"], "0 (calm) to 10 (overwhelmed)");
    refused(&journal, &["am", "seven"], "'seven' is not an alarm level");
    refused(&journal, &["am", "--alarm", "11"], "not an alarm level");
    refused(&journal, &["pm", "3", "--peak", "12"], "not an alarm level");
    refused(&journal, &["pm", "8", "--peak", "2"], "the highest alarm of the day (2) is below the alarm now (8)");
    refused(&journal, &["am", "4", "--step", "0"], "steps count from 1");
    refused(&journal, &["am", "4", "--step", "-1"], "--step: '-1' is not a step number");
    refused(&journal, &["am", "4.5"], "not an alarm level");
}

#[test]
fn dates_that_do_not_exist_or_have_not_come_are_refused() {
    let journal = journal_with_sam();
    refused(&journal, &["am", "4", "--date", "2026-02-30"], "'2026-02-30' is not a real date");
    refused(&journal, &["am", "4", "--date", "23/11/2026"], "not a real date");
    refused(&journal, &["am", "4", "--date", "2026-11-24"], "in the future");
}

#[test]
fn overlong_text_is_refused() {
    let journal = journal_with_sam();
    // A 1 MB argument is beyond what the OS lets any program receive; 100 KB is not.
    let long_note = "x".repeat(100_000);
    refused(&journal, &["am", "4", "--note", &long_note], "the note is 100000 characters long; the limit is 2000");
    let long_win = "w".repeat(101);
    refused(&journal, &["am", "4", "--win", &long_win], "a list item is 101 characters long; the limit is 100");
    let note_at_limit = "n".repeat(2_000);
    journal.srt().args(["am", "4", "--note", &note_at_limit]).assert().success();
}

#[test]
fn escape_sequences_in_text_are_refused() {
    let journal = journal_with_sam();
    refused(&journal, &["am", "4", "--note", "hi \x1b[2J\x1b]0;pwned\x07"], "control character");
    refused(&journal, &["am", "4", "--win", "got\x1b[31m dressed"], "control character");
    refused(&journal, &["am", "4", "--helped", "a\rb"], "a line break");
}

#[test]
fn a_school_day_keeps_its_reason_times_and_lessons() {
    let journal = journal_with_sam();
    journal.ok(&["pm", "3", "--date", "2026-11-20", "--school", "part", "--in", "9:05", "--out", "13:00", "--yes"]);
    journal.ok(&["pm", "3", "--date", "2026-11-19", "--school", "full", "--lessons", "5/6", "--yes"]);
    journal.ok(&["pm", "6", "--date", "2026-11-18", "--school", "absent", "--reason", "ill", "--yes"]);
    journal.ok(&["pm", "6", "--date", "2026-11-17", "--school", "late", "--yes"]);
    let school: Vec<Value> = journal.checkins().iter().map(|c| c["school"].clone()).collect();
    assert_eq!(
        school,
        [
            json!({"outcome": "part", "reason": null, "in": null, "out": null, "lessons": null}),
            json!({"outcome": "absent", "reason": "ill", "in": null, "out": null, "lessons": null}),
            json!({"outcome": "full", "reason": null, "in": null, "out": null, "lessons": {"attended": 5, "of": 6}}),
            json!({"outcome": "part", "reason": null, "in": "09:05", "out": "13:00", "lessons": null}),
        ]
    );
}

#[test]
fn unknown_school_outcomes_are_refused_with_the_choices() {
    let journal = journal_with_sam();
    refused(&journal, &["pm", "4", "--school", "maybe"], "full, part, absent, none");
}

#[test]
fn school_details_that_do_not_fit_the_day_are_refused() {
    let journal = journal_with_sam();
    let cases: [(&[&str], &str); 8] = [
        (&["--school", "full", "--reason", "ill"], "--reason is for a day the child did not go"),
        (&["--reason", "anxiety"], "give --school too"),
        (&["--school", "absent", "--in", "10:30"], "are for a day in school"),
        (&["--school", "none", "--lessons", "1/6"], "are for a day in school"),
        (&["--school", "part", "--in", "13:00", "--out", "10:30"], "is not after the time in"),
        (&["--school", "part", "--in", "25:00"], "not a time of day"),
        (&["--school", "part", "--lessons", "7/6"], "lessons 7/6"),
        (&["--school", "absent", "--reason", "bored"], "anxiety, ill, other"),
    ];
    for (flags, expected) in cases {
        let args: Vec<&str> = ["pm", "4", "--yes"].into_iter().chain(flags.iter().copied()).collect();
        refused(&journal, &args, expected);
    }
}

#[test]
fn evening_answers_are_refused_on_a_morning() {
    let journal = journal_with_sam();
    refused(&journal, &["am", "4", "--school", "full"], "unexpected argument '--school'");
}

#[test]
fn a_missing_alarm_without_a_terminal_fails_at_once() {
    let journal = journal_with_sam();
    refused(&journal, &["morning"], "--alarm");
    refused(&journal, &["evening", "--win", "laughed"], "--alarm");
    refused(&journal, &["morning", "--yes"], "--alarm");
}

#[test]
fn json_after_a_save_prints_what_was_saved() {
    let journal = journal_with_sam();
    let out = journal.ok(&["am", "6", "--win", "got dressed", "--json"]);
    let saved: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(saved["alarm"], 6);
    assert_eq!(saved, journal.checkins()[0]);
}

#[test]
fn the_first_check_in_needs_a_name_for_the_child() {
    let journal = Journal::new();
    refused(&journal, &["am", "4"], "--child NAME");
    journal.srt().args(["am", "4", "--child", "Sam"]).assert().success();
    // From then on the only child is the default.
    journal.srt().args(["pm", "2"]).assert().success();
    assert_eq!(journal.checkins().len(), 2);
}
