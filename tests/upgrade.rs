//! A journal written by the srt before format version 2 (tests/fixtures/v1-journal: two
//! devices, edits, a deletion, a ladder changed three times after check-ins reached its
//! steps, a step number given with no ladder, a word typed in two Unicode forms) reads the
//! same with today's srt, which never rewrites it.

mod common;

use std::fs;
use std::path::Path;

use common::Journal;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

/// Today is the day after the fixture's last check-in.
const NOW: &str = "2026-11-06T09:00:00+11:00";

fn before(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-journal/before").join(name);
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn run(journal: &Journal, args: &[&str]) -> Value {
    run_at(journal, NOW, args)
}

/// srt's JSON for `args`, run at the time `now`.
fn run_at(journal: &Journal, now: &str, args: &[&str]) -> Value {
    let out = journal.srt().env("SRT_NOW", now).args(args).assert().success();
    serde_json::from_str(&common::stdout_of(&out)).unwrap()
}

/// What the srt that wrote the fixture `fixture` printed, kept in its `before/NAME`.
fn printed_then(fixture: &str, name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture).join("before").join(name);
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Text as srt keeps it now: NFC.
fn nfc(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(text.nfc().collect()),
        Value::Array(items) => Value::Array(items.iter().map(nfc).collect()),
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), nfc(v))).collect()),
        other => other.clone(),
    }
}

/// How school went, in a word of an older srt, as it reads today: `partial` and `late` are
/// both part of the day, and no older day at home has a reason.
fn school_today(word: &Value) -> Value {
    let outcome = match word.as_str() {
        None => return Value::Null,
        Some("partial" | "late") => "part",
        Some(other) => other,
    };
    json!({"outcome": outcome, "reason": null, "in": null, "out": null, "lessons": null})
}

/// The median of `values`, worked out here rather than by srt.
fn median(mut values: Vec<f64>) -> Value {
    if values.is_empty() {
        return Value::Null;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    json!((values[(n - 1) / 2] + values[n / 2]) / 2.0)
}

#[test]
fn every_check_in_reads_as_it_was_written() {
    let journal = Journal::from_fixture("v1-journal");
    let untouched = journal.snapshot();
    let now = run(&journal, &["list", "--json", "--since", "2026-11-01"]);
    let old = before("list-sam.json");
    let (now, old) = (now.as_array().unwrap(), old.as_array().unwrap());
    assert_eq!(now.len(), old.len());
    for (now, old) in now.iter().zip(old) {
        for field in ["id", "child", "date", "period", "alarm", "peak_alarm", "body", "helped", "next_step", "note"] {
            assert_eq!(now[field], old[field], "{field} of {}", old["id"]);
        }
        assert_eq!(now["school"], school_today(&old["school"]), "school of {}", old["id"]);
        assert_eq!(now["wins"], nfc(&old["wins"]), "wins of {}", old["id"]);
        assert_eq!(now["updated_at"], old["recorded_at"], "the latest revision's time is when it was last changed");
    }
    // Each step is the one at its number on the ladder of the day it was written, never
    // today's ladder (which was reordered and had a step replaced since).
    let steps: Vec<Value> = now.iter().map(|c| c["step"]["text"].clone()).collect();
    assert_eq!(
        steps,
        [
            json!("drive past school"),
            json!("walk to the gate"),
            json!("sit in the car park"),
            Value::Null,
            json!("first lesson"),
            Value::Null,
            Value::Null
        ]
    );
    // The evening of the 3rd was edited at 21:00: first written at 19:40.
    let edited = &now[3];
    assert_eq!(
        (edited["created_at"].clone(), edited["updated_at"].clone()),
        (json!("2026-11-03T19:40:00+11:00"), json!("2026-11-03T21:00:00+11:00"))
    );
    // "café trip" typed as one character on one laptop and as "e" and an accent on the
    // other is one win now.
    assert_eq!(now[1]["wins"], now[6]["wins"]);

    let alex = run(&journal, &["list", "--json", "--child", "Alex", "--since", "2026-11-01"]);
    assert_eq!(alex[0]["step"]["text"], "step 5", "a number given with no ladder stays what was said");
    assert_eq!(journal.snapshot(), untouched, "reading never rewrites an old line");
}

#[test]
fn the_summary_reads_the_same_and_places_steps_on_todays_ladder() {
    let journal = Journal::from_fixture("v1-journal");
    let now = run(&journal, &["summary", "--json", "--since", "2026-11-01"]);
    let old = before("summary-sam.json");
    for figure in ["window", "notes"] {
        assert_eq!(now[figure], old[figure], "{figure}");
    }
    assert_eq!(now["coverage"]["checkins"], old["coverage"]["checkins"]);
    // The same wins; "café trip" is written once on the 5th and once on the 2nd, so none
    // is a repeat within a day.
    assert_eq!(now["wins"], nfc(&old["wins"]));
    // Attendance counts as before: late and partial are both part of the day.
    let (school, was) = (&now["school"], &old["school"]);
    assert_eq!(school["full"], was["full"]);
    assert_eq!(school["part"].as_u64(), Some(was["partial"].as_u64().unwrap() + was["late"].as_u64().unwrap()));
    assert_eq!(school["absent_no_reason"], was["absent"]);
    assert_eq!(school["no_school"], was["none"]);
    // The same check-ins behind the medians: those the older srt listed, one morning a day.
    let listed = before("list-sam.json");
    let alarms = |period: &str| -> Vec<f64> {
        // Listed in the order they count: of two for one day, the later one.
        let of_period = listed.as_array().unwrap().iter().filter(|c| c["period"] == period);
        let by_day: std::collections::BTreeMap<&str, f64> =
            of_period.map(|c| (c["date"].as_str().unwrap(), c["alarm"].as_f64().unwrap())).collect();
        by_day.into_values().collect()
    };
    assert_eq!(now["alarm"]["morning_median"], median(alarms("morning")));
    assert_eq!(now["alarm"]["evening_median"], median(alarms("evening")));
    // "calm presence" was used twice, on two mornings (in two spellings).
    let uses: u64 = now["helped"].as_array().unwrap().iter().map(|h| h["uses"].as_u64().unwrap()).sum();
    assert_eq!(uses, old["helped"][0]["uses"].as_u64().unwrap());
    // Today's ladder: uniform on, walk to the gate, drive past school, first lesson. The
    // 2nd reached "drive past school" (now 3rd) and "walk to the gate" (now 2nd), the 3rd
    // "sit in the car park" (since replaced). The 4th's "first lesson" does not count: the
    // other laptop's morning of that day was written later, and one morning counts a day.
    let steps = &now["steps"];
    assert_eq!(
        (steps["highest"].clone(), steps["highest_text"].clone(), steps["first_reached"].clone(), steps["of"].clone()),
        (json!(3), json!("drive past school"), json!("2026-11-02"), json!(4))
    );
    assert_eq!(steps["off_ladder"], json!([{"text": "sit in the car park", "first_reached": "2026-11-03"}]));
}

#[test]
fn doctor_finds_nothing_wrong_and_a_change_keeps_what_was_there() {
    let journal = Journal::from_fixture("v1-journal");
    let out = journal.srt().env("SRT_NOW", NOW).arg("doctor").assert().success();
    assert!(common::stdout_of(&out).ends_with("All is well: every line reads.\n"));

    let later = "2026-11-06T20:00:00+11:00";
    journal.srt().env("SRT_NOW", later).args(["edit", "b0378151", "--note", "a good start"]).assert().success();
    let changed = run(&journal, &["show", "b0378151", "--json"]);
    assert_eq!(changed["step"]["text"], "drive past school");
    assert_eq!(changed["created_at"], "2026-11-02T07:45:00+11:00");
    assert_eq!(changed["updated_at"], later);
    assert_eq!(changed["note"], "a good start");
    let log = fs::read_to_string(journal.month_log("laptop-a", "2026-11")).unwrap();
    assert!(log.lines().last().unwrap().starts_with(r#"{"v":5,"op":"put""#), "new lines are version 5");
    assert!(log.lines().next().unwrap().starts_with(r#"{"v":1,"#), "old lines stay as they were");
}

#[test]
fn a_ladder_saved_under_a_name_typed_in_another_unicode_form_stays_one_ladder() {
    let journal = Journal::new();
    let (decomposed, dir) = ("Zoe\u{308}", journal.data().join("log/laptop-b"));
    fs::create_dir_all(&dir).unwrap();
    // Private as srt makes it, so the save does not warn about others seeing into it.
    fs::set_permissions(journal.data(), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let child = json!({"v": 1, "op": "put", "kind": "child", "id": "c0ffee00-0000-4000-8000-000000000001",
        "at": "2026-11-01T09:00:00Z", "device": "laptop-b",
        "data": {"id": "c0ffee00-0000-4000-8000-000000000001", "name": decomposed}});
    let ladder = json!({"v": 1, "op": "put", "kind": "ladder", "id": format!("ladder:{}", decomposed.to_lowercase()),
        "at": "2026-11-01T09:01:00Z", "device": "laptop-b",
        "data": {"child": decomposed, "steps": ["uniform on", "walk to the gate"]}});
    fs::write(dir.join("children.jsonl"), format!("{child}\n")).unwrap();
    fs::write(dir.join("ladders.jsonl"), format!("{ladder}\n")).unwrap();

    journal.ok(&["steps", "add", "first lesson"]);
    journal.ok(&["steps", "rename", "1", "uniform on, shoes too"]);
    let texts = |journal: &Journal| -> Vec<String> {
        let ladder: Value = serde_json::from_str(&journal.ok(&["steps", "list", "--json"])).unwrap();
        ladder["steps"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap().to_string()).collect()
    };
    for _ in 0..5 {
        assert_eq!(texts(&journal), ["uniform on, shoes too", "walk to the gate", "first lesson"]);
    }
    let written = fs::read_to_string(journal.data().join("log/laptop-a/ladders.jsonl")).unwrap();
    for line in written.lines() {
        let line: Value = serde_json::from_str(line).unwrap();
        assert_eq!(line["id"], ladder["id"], "changes are written under the ladder's own id");
    }
}

/// A line of format version 2, as the srt of that version wrote it, into laptop-b's `file`.
fn v2_line(journal: &Journal, file: &str, kind: &str, id: &str, data: Value) {
    let line = json!({"v": 2, "op": "put", "kind": kind, "id": id, "at": "2026-11-20T20:45:00Z",
        "device": "laptop-b", "data": data});
    let path = journal.data().join("log/laptop-b").join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    text.push_str(&format!("{line}\n"));
    fs::write(path, text).unwrap();
}

#[test]
fn what_the_srt_of_version_2_let_in_still_reads_under_todays_stricter_rules() {
    let journal = Journal::new();
    let (child, checkin, session) = (
        "c0ffee00-0000-4000-8000-000000000001",
        "c0ffee00-0000-4000-8000-000000000002",
        "c0ffee00-0000-4000-8000-000000000003",
    );
    // A name written with a zero-width non-joiner, as Persian spells it; sixty wins; a note
    // with a line separator; school on a morning (an older import let it in); a ladder of 55.
    let name = "Mahs\u{200c}a";
    v2_line(&journal, "children.jsonl", "child", child, json!({"id": child, "name": name}));
    let wins: Vec<String> = (0..60).map(|i| format!("win {i}")).collect();
    v2_line(
        &journal,
        "checkins/2026-11.jsonl",
        "checkin",
        checkin,
        json!({"id": checkin, "child": name,
        "date": "2026-11-20", "period": "morning", "created_at": "2026-11-20T07:45:00+11:00",
        "updated_at": "2026-11-20T07:45:00+11:00", "alarm": 3, "peak_alarm": null, "body": [], "helped": [],
        "wins": wins, "school": "full", "step": null, "next_step": null, "note": "one\u{2028}two"}),
    );
    v2_line(
        &journal,
        "sessions.jsonl",
        "session",
        session,
        json!({"id": session, "child": name, "date": "2026-11-18", "note": "\u{200b}"}),
    );
    let steps: Vec<Value> = (0..55)
        .map(|i| {
            json!({"id": format!("c0ffee00-0000-4000-8000-1{i:011}"),
        "text": format!("step {i}")})
        })
        .collect();
    v2_line(&journal, "ladders.jsonl", "ladder", "ladder:mahs\u{200c}a", json!({"child": name, "steps": steps}));

    let out = journal.srt().env("SRT_NOW", NOW).args(["doctor"]).assert().success();
    assert!(common::stdout_of(&out).contains("All is well"), "{}", common::stdout_of(&out));
    let listed = run(&journal, &["list", "--json"]);
    assert_eq!(listed[0]["wins"].as_array().unwrap().len(), 60);
    assert_eq!(listed[0]["note"], "one\u{2028}two");
    let ladder = journal.srt().env("SRT_NOW", NOW).args(["steps", "list"]).assert().success();
    assert!(common::stdout_of(&ladder).contains("55. step 54"), "{}", common::stdout_of(&ladder));
    // What is new obeys today's rules: a change of that morning must make it fit them.
    let err = journal.srt().env("SRT_NOW", NOW).args(["edit", "c0ffee00", "--note", "ok"]).assert().code(2);
    let err = common::stderr_of(&err);
    assert!(err.contains("invisible character (U+200C)"), "{err}");
    assert_eq!(run(&journal, &["list", "--json"])[0]["note"], "one\u{2028}two", "nothing was changed");
}

/// A journal written by the srt of format version 3 (tests/fixtures/v3-journal), whose
/// evenings said how school went in one word of full, partial, late, absent or none.
#[test]
fn a_version_3_journal_counts_school_days_as_it_did() {
    let journal = Journal::from_fixture("v3-journal");
    let untouched = journal.snapshot();
    let today = "2026-11-13T09:00:00+11:00";
    let read = |args: &[&str]| run_at(&journal, today, args);
    let v3 = |name: &str| printed_then("v3-journal", name);
    let (now, old) = (read(&["list", "--json", "--since", "2026-11-01"]), v3("list-sam.json"));
    assert_eq!(now.as_array().unwrap().len(), old.as_array().unwrap().len());
    for (now, old) in now.as_array().unwrap().iter().zip(old.as_array().unwrap()) {
        assert_eq!(now["school"], school_today(&old["school"]), "school of {}", old["id"]);
        assert_eq!((&now["id"], &now["alarm"], &now["updated_at"]), (&old["id"], &old["alarm"], &old["updated_at"]));
    }

    let (now, old) = (read(&["summary", "--json", "--since", "2026-11-01"]), v3("summary-sam.json"));
    let (school, was) = (&now["school"], &old["school"]);
    let was = |word: &str| was[word].as_u64().unwrap();
    assert_eq!(school["full"].as_u64(), Some(was("full")));
    assert_eq!(school["part"].as_u64(), Some(was("partial") + was("late")));
    assert_eq!(school["absent_no_reason"].as_u64(), Some(was("absent")));
    assert_eq!(school["no_school"].as_u64(), Some(was("none")));
    for reason in ["absent_anxiety", "absent_ill", "absent_other"] {
        assert_eq!(school[reason], 0, "an older day at home has no reason: {reason}");
    }
    // Weekdays 2 to 12 November: every evening said how school went but Thursday the 5th's
    // (there was none), and the 12th had no school; the 13th's evening is still to come.
    assert_eq!(school["not_recorded"], 1);
    assert_eq!(school["attended"].as_u64(), Some(was("full") + was("partial") + was("late")));
    assert_eq!(school["school_days"], 8);
    assert_eq!(now["coverage"]["checkins"], old["coverage"]["checkins"]);
    assert_eq!(journal.snapshot(), untouched, "reading never rewrites an old line");
}

/// A journal written by the srt of format version 4 (tests/fixtures/v4-journal): before
/// safety concerns, the child's own number, who recorded and the parent's calm.
#[test]
fn a_version_4_journal_reads_as_it_did_with_nothing_said_of_every_new_voice() {
    let journal = Journal::from_fixture("v4-journal");
    let untouched = journal.snapshot();
    let today = "2026-11-09T09:00:00+11:00";
    let read = |args: &[&str]| run_at(&journal, today, args);
    let v4 = |name: &str| printed_then("v4-journal", name);
    let (now, old) = (read(&["list", "--json", "--since", "2026-11-01"]), v4("list-sam.json"));
    assert_eq!(now.as_array().unwrap().len(), 12);
    for (now, old) in now.as_array().unwrap().iter().zip(old.as_array().unwrap()) {
        let mut now = now.clone();
        let added =
            ["recorded_by", "own_rating", "parent_calm", "for_me"].map(|f| now.as_object_mut().unwrap().remove(f));
        assert_eq!(added, [Some(Value::Null), Some(Value::Null), Some(Value::Null), Some(json!([]))]);
        assert_eq!(&now, old, "every answer as it was");
    }
    let (now, old) = (read(&["summary", "--json", "--since", "2026-11-01"]), v4("summary-sam.json"));
    for figure in ["window", "coverage", "wins", "alarm", "trend", "school", "steps", "helped", "body", "notes"] {
        assert_eq!(now[figure], old[figure], "{figure}");
    }
    assert_eq!(now["concerns"], json!([]), "an old note is never made a concern on its own");
    assert_eq!(now["recorders"], json!([{"name": null, "checkins": 12}]));
    assert_eq!((&now["own_ratings"], &now["parent_calm"]), (&json!([]), &json!([])));
    assert_eq!(journal.snapshot(), untouched, "reading never rewrites an old line");
    let out = journal.srt().env("SRT_NOW", today).arg("doctor").assert().success();
    assert!(common::stdout_of(&out).ends_with("All is well: every line reads.\n"));

    // The parent marks the old note now: a concern of version 5 beside the v4 check-in.
    let noted = now["notes"][0].clone();
    let id = read(&["list", "--json", "--since", "2026-11-03", "--until", "2026-11-03"])[0]["id"].clone();
    let id = id.as_str().unwrap();
    journal.srt().env("SRT_NOW", today).args(["edit", &id[..8], "--concern"]).assert().success();
    let concerns = read(&["concern", "list", "--json"]);
    assert_eq!((&concerns[0]["text"], &concerns[0]["checkin"]), (&noted["text"], &json!(id)));
    let lines = fs::read_to_string(journal.data().join("log/laptop-a/concerns.jsonl")).unwrap();
    assert!(lines.starts_with(r#"{"v":5,"op":"put","kind":"concern""#), "{lines}");
    let log = fs::read_to_string(journal.month_log("laptop-a", "2026-11")).unwrap();
    assert!(log.lines().all(|l| l.starts_with(r#"{"v":4,"#)), "marking a note leaves the check-in as it was");
}
