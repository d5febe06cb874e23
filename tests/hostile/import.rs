//! Hostile export files for `srt import`: a stranger's file never wins over the parent's
//! journal, and anything the command line would refuse is refused from a file too.

use std::fs;

use serde_json::{Value, json};

use super::*;

/// Sam's journal (see `with_sam`) with an evening and a session, exported in full to
/// `export.json` beside the data dir; returns the export.
fn exported(journal: &Journal) -> Value {
    with_sam(journal);
    journal.ok(&["evening", "5", "--peak", "6", "--date", "2026-11-20", "--school", "late", "--yes"]);
    journal.ok(&["session", "add", "--date", "2026-11-18", "--note", "first visit"]);
    journal.ok(&["steps", "set", "uniform on", "walk to the gate"]);
    let path = journal.root().join("export.json");
    journal.ok(&["export", "--all", "-o", path.to_str().unwrap()]);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Writes Sam's export, changed by `change`, to `in.json`.
fn hostile(journal: &Journal, change: impl FnOnce(&mut Value)) {
    let mut document = exported(journal);
    change(&mut document);
    write(journal, "in.json", &serde_json::to_string_pretty(&document).unwrap());
}

const IMPORT: &[&str] = &["import", "in.json"];

/// Imports `in.json` and checks it went well.
fn import_ok(journal: &Journal) -> String {
    journal.ok(&["import", journal.root().join("in.json").to_str().unwrap()])
}

#[test]
fn hostile_exports_are_refused_whole() {
    run_all(&[
        Case::new("a change dated 9999", IMPORT, 2, "later than any clock has shown").setup(|j| {
            hostile(j, |d| d["checkins"][0]["updated_at"] = json!("9999-12-31T00:00:00+00:00"));
        }),
        Case::new("a clock two days ahead", IMPORT, 2, "the clock of the computer that made this file").setup(|j| {
            hostile(j, |d| {
                d["checkins"][1]["created_at"] = json!("2026-11-25T08:00:00+11:00");
                d["checkins"][1]["updated_at"] = json!("2026-11-25T08:00:00+11:00");
            });
        }),
        Case::new("a session changed in the future", IMPORT, 2, "which has not come yet").setup(|j| {
            hostile(j, |d| d["sessions"][0]["updated_at"] = json!("2030-01-01T00:00:00Z"));
        }),
        Case::new("an id too short to name", IMPORT, 2, "'x' is not an srt id").setup(|j| {
            hostile(j, |d| d["checkins"][0]["id"] = json!("x"));
        }),
        Case::new("a session id too short", IMPORT, 2, "'x' is not an srt id").setup(|j| {
            hostile(j, |d| d["sessions"][0]["id"] = json!("x"));
        }),
        Case::new("a session before 1900", IMPORT, 2, "outside the days srt keeps").setup(|j| {
            hostile(j, |d| d["sessions"][0]["date"] = json!("1899-12-31"));
        }),
        Case::new("a session still to come", IMPORT, 2, "is in the future").setup(|j| {
            hostile(j, |d| d["sessions"][0]["date"] = json!("2027-01-05"));
        }),
        Case::new("a check-in before 1900", IMPORT, 2, "outside the days srt keeps").setup(|j| {
            hostile(j, |d| d["checkins"][0]["date"] = json!("1850-01-01"));
        }),
        Case::new("school on a morning", IMPORT, 2, "which only an evening has").setup(|j| {
            hostile(j, |d| {
                d["checkins"][0]["school"] = json!({"outcome": "full", "reason": null, "in": null,
                "out": null, "lessons": null})
            });
        }),
        Case::new("a peak on a morning", IMPORT, 2, "which only an evening has").setup(|j| {
            hostile(j, |d| d["checkins"][0]["peak_alarm"] = json!(9));
        }),
        Case::new("changed before it was written", IMPORT, 2, "changed before it was first written").setup(|j| {
            hostile(j, |d| d["checkins"][0]["updated_at"] = json!("2020-01-01T00:00:00Z"));
        }),
        Case::new("51 small wins", IMPORT, 2, "small wins has 51 items; the limit is 50").setup(|j| {
            hostile(j, |d| d["checkins"][0]["wins"] = json!((0..51).map(|i| format!("win {i}")).collect::<Vec<_>>()));
        }),
        Case::new("a 51-step ladder", IMPORT, 2, "51 steps; the limit is 50").setup(|j| {
            let steps: Vec<Value> = (0..51).map(|i| json!({"id": uuid(i), "text": format!("step {i}")})).collect();
            hostile(j, |d| d["steps"] = json!(steps));
        }),
        Case::new("a ladder with one step twice", IMPORT, 2, "step 2 has the words of an earlier step").setup(|j| {
            hostile(j, |d| d["steps"][1]["text"] = json!("Uniform On"));
        }),
        Case::new("a session note with spaces around it", IMPORT, 2, "its note has spaces around it").setup(|j| {
            hostile(j, |d| d["sessions"][0]["note"] = json!(" first visit "));
        }),
        Case::new("a note of a megabyte", IMPORT, 2, "the limit is 2000").setup(|j| {
            hostile(j, |d| d["checkins"][0]["note"] = json!("x".repeat(1 << 20)));
        }),
        Case::new("two sessions with one id", IMPORT, 2, "another record in the file has the same id").setup(|j| {
            hostile(j, |d| {
                let copy = d["sessions"][0].clone();
                d["sessions"].as_array_mut().unwrap().push(copy);
            });
        }),
        Case::new("a field named with escape codes", IMPORT, 2, "unknown field").setup(|j| {
            hostile(j, |d| d["checkins"][0]["\u{1b}]0;PWNED\u{7}\u{1b}[2J"] = json!(1));
        }),
        Case::new("a v1 step beyond the ladder", IMPORT, 2, "reached step 7")
            .setup(|j| write(j, "in.json", &v1_export("2026-11-20T07:45:00+11:00", 7))),
        Case::new("a v1 check-in recorded in 9999", IMPORT, 2, "later than any clock has shown")
            .setup(|j| write(j, "in.json", &v1_export("9999-12-31T07:45:00+11:00", 1))),
        Case::new("a folder, not a file", &["import", "."], 2, "is not a regular file"),
        Case::new("a device", &["import", "/dev/zero"], 2, "is not a regular file"),
        Case::new("a pipe", &["import", "pipe"], 2, "is not a regular file").setup(|j| {
            let made = std::process::Command::new("mkfifo").arg(j.root().join("pipe")).status().unwrap();
            assert!(made.success());
        }),
        Case::new("a file too big to be an export", IMPORT, 2, "an srt export is at most 32 MB").setup(|j| {
            let file = std::fs::File::create(j.root().join("in.json")).unwrap();
            file.set_len(200 * 1024 * 1024).unwrap();
        }),
        Case::new(
            "a path with a line break",
            &["import", "no\nsuch\u{1b}[2J.json"],
            2,
            "there is no file no\\nsuch\\x1b[2J.json",
        ),
    ]);
}

/// `--win` given `n` times.
fn wins(n: usize) -> &'static [&'static str] {
    let mut args = vec!["morning", "3", "--yes"];
    args.extend((0..n).map(|i| &*Box::leak(format!("win {i}").into_boxed_str())).flat_map(|w| ["--win", w]));
    Vec::leak(args)
}

/// A line of laptop B's log in format `version`: a morning of Sam's with `wins` small wins.
fn synced_line(version: u32, wins: usize) -> String {
    let wins: Vec<String> = (0..wins).map(|i| format!("win {i}")).collect();
    let data = json!({"id": uuid(1), "child": "Sam", "date": "2026-11-21", "period": "morning",
        "created_at": "2026-11-20T07:45:00+11:00", "updated_at": "2026-11-20T07:45:00+11:00", "alarm": 3,
        "peak_alarm": null, "body": [], "helped": [], "wins": wins, "school": null, "step": null,
        "next_step": null, "note": ""});
    let line = json!({"v": version, "op": "put", "kind": "checkin", "id": uuid(1), "at": "2026-11-19T20:45:00Z",
        "device": "laptop-b", "data": data});
    format!("{line}\n")
}

fn synced_51_wins(journal: &Journal) {
    with_sam(journal);
    write(journal, "data/log/laptop-b/checkins/2026-11.jsonl", &synced_line(3, 51));
}

#[test]
fn lists_have_a_limit_on_every_way_in() {
    run_all(&[
        Case::new("51 small wins", wins(51), 2, "small wins has 51 items; the limit is 50").setup(with_sam),
        Case::new("10,000 small wins", wins(10_000), 2, "small wins has 10000 items").setup(with_sam),
        Case::new("a synced line with 51 wins", &["doctor"], 1, "").setup(synced_51_wins),
    ]);
    let journal = Journal::new();
    synced_51_wins(&journal);
    let out = journal.srt().args(["doctor"]).assert().code(1);
    assert!(
        common::stdout_of(&out).contains("small wins has 51 items; the limit is 50"),
        "{}",
        common::stdout_of(&out)
    );
    write(&journal, "data/log/laptop-b/checkins/2026-11.jsonl", &synced_line(3, 50));
    assert_eq!(journal.checkins().len(), 2, "fifty wins read");
    // An older srt had no limit: what it saved reads as it stands.
    write(&journal, "data/log/laptop-b/checkins/2026-11.jsonl", &synced_line(2, 60));
    assert_eq!(journal.checkins()[1]["wins"].as_array().unwrap().len(), 60, "an older srt's sixty wins read");
}

/// A version 1 export of Sam's with a one-step ladder and one morning, written at
/// `recorded_at`, that reached step `step`.
fn v1_export(recorded_at: &str, step: u32) -> String {
    json!({"format": "srt-export", "version": 1, "generated_at": "2026-11-23T07:45:00+11:00", "child": "Sam",
        "range": {"since": "2026-11-20", "until": "2026-11-23"}, "sessions": [], "steps": ["uniform on"],
        "summary": {}, "checkins": [{"id": uuid(1), "child": "Sam", "date": "2026-11-20", "period": "morning",
        "recorded_at": recorded_at, "alarm": 6, "peak_alarm": null, "body": [], "helped": [], "wins": [],
        "school": null, "step": step, "next_step": null, "note": ""}]})
    .to_string()
}

/// A distinct, valid record id.
fn uuid(i: usize) -> String {
    format!("c0ffee00-0000-4000-8000-{i:012}")
}

#[test]
fn a_file_from_a_clock_running_ahead_cannot_undo_an_edit_made_here() {
    let journal = Journal::new();
    // The other laptop's clock is 20 hours ahead: within what a wrong time zone explains.
    hostile(&journal, |d| {
        d["checkins"][0]["updated_at"] = json!("2026-11-24T03:45:00+11:00");
        d["checkins"][0]["note"] = json!("from the other laptop");
    });
    import_ok(&journal);
    let id = journal.checkins()[0]["id"].as_str().unwrap().to_string();
    assert_eq!(journal.checkins()[0]["note"], "from the other laptop");
    journal.ok(&["edit", &id[..8], "--note", "mine, changed here"]);
    let edited = journal.checkins()[0].clone();
    assert!(edited["updated_at"].as_str().unwrap() > "2026-11-24T03:45", "the change here is the newer: {edited}");
    let out = import_ok(&journal);
    assert!(out.contains("0 updated"), "{out}");
    assert_eq!(journal.checkins()[0]["note"], "mine, changed here");
}

#[test]
fn sessions_keep_the_newer_copy_and_a_copy_without_a_time_never_overwrites() {
    let journal = Journal::new();
    let mut document = exported(&journal);
    let stamped = document["sessions"][0]["updated_at"].as_str().unwrap().to_string();
    assert!(!stamped.is_empty(), "an export of version 3 or later says when each session was changed");
    let import = |document: &Value| {
        write(&journal, "in.json", &document.to_string());
        import_ok(&journal)
    };
    let notes = || journal.ok(&["session", "list", "--json"]);

    document["sessions"][0]["note"] = json!("");
    document["sessions"][0]["updated_at"] = json!("2026-11-01T00:00:00+11:00");
    let out = import(&document);
    assert!(out.contains("0 new, 0 updated, 1 unchanged sessions"), "{out}");
    assert!(notes().contains("first visit"), "an older copy does not win: {}", notes());

    as_version(&mut document, 2);
    school_in_words(&mut document);
    document["sessions"][0].as_object_mut().unwrap().remove("updated_at");
    let out = import(&document);
    assert!(out.contains("1 kept as they are here"), "{out}");
    assert!(notes().contains("first visit"), "a copy that does not say when wins nothing: {}", notes());

    as_version(&mut document, 3);
    document["sessions"][0]["note"] = json!("moved to Thursdays");
    document["sessions"][0]["updated_at"] = json!("2026-11-23T09:00:00+11:00");
    let out = import(&document);
    assert!(out.contains("0 new, 1 updated"), "{out}");
    assert!(notes().contains("moved to Thursdays"), "the newer copy wins: {}", notes());
    let out = import(&document);
    assert!(out.contains("0 updated, 1 unchanged sessions"), "importing again changes nothing: {out}");
}

#[test]
fn an_export_of_a_renamed_child_leaves_every_record_with_the_child_it_belongs_to() {
    let journal = Journal::new();
    let mut document = exported(&journal);
    // On the other laptop Sam was renamed Sammy, and a new check-in added.
    document["child"] = json!("Sammy");
    for record in document["checkins"].as_array_mut().unwrap().iter_mut() {
        record["child"] = json!("Sammy");
    }
    document["sessions"][0]["child"] = json!("Sammy");
    let mut new = document["checkins"][0].clone();
    new["id"] = json!(uuid(7));
    new["date"] = json!("2026-11-21");
    document["checkins"].as_array_mut().unwrap().push(new);
    write(&journal, "in.json", &document.to_string());
    let out = import_ok(&journal);
    assert!(out.contains("the file calls them Sammy"), "{out}");
    assert!(out.contains("1 new"), "{out}");
    let children = journal.ok(&["child", "list"]);
    assert!(!children.contains("Sammy"), "no second child: {children}");
    assert_eq!(journal.checkins_of(&["--child", "Sam"]).len(), 3, "Sam keeps every check-in");
    assert!(journal.ok(&["session", "list", "--child", "Sam"]).contains("first visit"));
}

#[test]
fn a_name_in_another_unicode_form_is_the_same_child() {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Zo\u{eb}"]);
    journal.ok(&["morning", "3", "--date", "2026-11-20", "--yes"]);
    let path = journal.root().join("in.json");
    journal.ok(&["export", "--all", "-o", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap().replace("Zo\u{eb}", "Zoe\u{308}");
    let mut document: Value = serde_json::from_str(&text).unwrap();
    document["checkins"][0]["id"] = json!(uuid(1));
    document["checkins"][0]["date"] = json!("2026-11-21");
    write(&journal, "in.json", &document.to_string());
    import_ok(&journal);
    let children = journal.ok(&["child", "list", "--json"]);
    let children: Vec<Value> = serde_json::from_str(&children).unwrap();
    assert_eq!(children.len(), 1, "{children:?}");
    assert_eq!(journal.checkins().len(), 2);
}

#[test]
fn paths_typed_by_the_parent_are_echoed_harmless() {
    run_all(&[
        Case::new(
            "-o into a folder that is not there",
            &["export", "-o", "no\nsuch\u{1b}]0;x\u{7}/r.html"],
            2,
            "no\\nsuch\\x1b]0;x\\x07",
        )
        .setup(with_sam),
        Case::new("--data-dir that is a file", &["list", "--data-dir", "in\u{1b}[2J.json"], 1, "in\\x1b[2J.json")
            .setup(|j| {
                with_sam(j);
                write(j, "in\u{1b}[2J.json", "{}");
            }),
    ]);
}

#[test]
fn a_file_from_a_clock_running_ahead_cannot_undo_a_deletion_or_a_move_made_here() {
    for (change, left) in [(&["delete", "--yes"][..], 0), (&["edit", "--date", "2026-11-19"][..], 1)] {
        let journal = Journal::new();
        hostile(&journal, |d| {
            d["checkins"][0]["updated_at"] = json!("2026-11-24T06:45:00+11:00");
            d["checkins"].as_array_mut().unwrap().truncate(1);
        });
        journal.ok(&["delete", &journal.checkins()[1]["id"].as_str().unwrap()[..8], "--yes"]);
        import_ok(&journal);
        let id = journal.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
        let mut args = vec![change[0], &id];
        args.extend(&change[1..]);
        journal.ok(&args);
        let out = import_ok(&journal);
        assert!(out.contains("0 new, 0 updated, 1 unchanged check-ins"), "{change:?}: {out}");
        let checkins = journal.checkins();
        assert_eq!(checkins.len(), left, "{change:?}: {checkins:?}");
    }
}

#[test]
fn an_evening_whose_peak_is_below_its_morning_is_imported_and_named() {
    // srt itself saves such a day when the morning is filled in later, so a file may hold one.
    let journal = Journal::new();
    hostile(&journal, |d| {
        d["checkins"][1]["alarm"] = json!(2);
        d["checkins"][1]["peak_alarm"] = json!(3);
    });
    let other_laptop = Journal::new();
    let (out, said) = other_laptop.ok_with_stderr(&["import", journal.root().join("in.json").to_str().unwrap()]);
    assert!(out.contains("2 new"), "{out}");
    assert!(
        said.contains("the evening of 2026-11-20: the highest alarm of the day (3) is below that morning's alarm (4)"),
        "{said}"
    );
}

/// A morning of Sam's on 2026-11-21 in laptop B's log, changed at `updated_at` and stamped
/// `at`.
fn synced_at(journal: &Journal, updated_at: &str, at: &str) {
    with_sam(journal);
    let data = json!({"id": uuid(2), "child": "Sam", "date": "2026-11-21", "period": "morning",
        "created_at": "2026-11-21T07:45:00+11:00", "updated_at": updated_at, "alarm": 3, "peak_alarm": null,
        "body": [], "helped": [], "wins": [], "school": null, "step": null, "next_step": null, "note": ""});
    let line =
        json!({"v": 3, "op": "put", "kind": "checkin", "id": uuid(2), "at": at, "device": "laptop-b", "data": data});
    write(journal, "data/log/laptop-b/checkins/2026-11.jsonl", &format!("{line}\n"));
}

#[test]
fn times_no_clock_has_shown_are_damage_and_a_change_after_the_latest_still_reads() {
    run_all(&[
        Case::new("a change in the last second of 9999", &["list"], 1, "later than any clock has shown")
            .setup(|j| synced_at(j, "9999-12-31T23:59:59-23:59", "2026-11-21T00:00:00Z")),
        Case::new("a revision stamped at the end of 9999", &["list"], 1, "later than any clock has shown")
            .setup(|j| synced_at(j, "2026-11-21T07:45:00+11:00", "9999-12-31T23:59:59.999999999Z")),
    ]);
    // Far ahead, a change and a deletion are stamped after it, and read back.
    for change in [&["edit", "c0ffee00", "--alarm", "4"][..], &["delete", "c0ffee00", "--yes"]] {
        let journal = Journal::new();
        synced_at(&journal, "9000-01-01T00:00:00Z", "9000-01-01T00:00:00Z");
        journal.ok(change);
        let left = journal.checkins();
        assert_eq!(left.len(), if change[0] == "delete" { 1 } else { 2 }, "{change:?}: {left:?}");
        journal.ok(&["doctor"]);
    }
    // At the very edge, no time after it is one srt can write: nothing is, and it says why.
    run_all(&[Case::new(
        "a change after the latest time",
        &["edit", "c0ffee00", "--alarm", "4"],
        1,
        "no clock has shown",
    )
    .setup(|j| synced_at(j, "9999-12-29T23:59:59Z", "9999-12-29T23:59:59.999999Z"))]);
}

#[test]
fn an_import_that_fails_part_of_the_way_says_importing_again_finishes_it() {
    let journal = Journal::new();
    hostile(&journal, |_| {});
    let other_laptop = Journal::new();
    // The sessions log cannot be written: a pipe stands where it would be.
    let sessions = other_laptop.data().join("log/laptop-a/sessions.jsonl");
    fs::create_dir_all(sessions.parent().unwrap()).unwrap();
    fs::set_permissions(other_laptop.data(), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&sessions).status().unwrap();
    assert!(made.success());
    let file = journal.root().join("in.json");
    let out = other_laptop.srt().args(["import", file.to_str().unwrap()]).assert().code(1);
    let err = common::stderr_of(&out);
    assert!(err.contains("sessions.jsonl is not a plain file"), "{err}");
    assert!(err.contains("import it again once this is fixed, to add the rest (nothing is added twice)"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    fs::remove_file(&sessions).unwrap();
    let out = other_laptop.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("0 new, 0 updated, 2 unchanged check-ins") && out.contains("1 new"), "{out}");
}

/// `document` as an srt of export `version` (before 5) wrote it: no safety concerns, and
/// check-ins without who recorded them, the child's own number or the parent's calm.
fn as_version(document: &mut Value, version: u32) {
    document["version"] = json!(version);
    document.as_object_mut().unwrap().remove("concerns");
    for checkin in document["checkins"].as_array_mut().unwrap() {
        for field in ["recorded_by", "own_rating", "parent_calm", "for_me"] {
            checkin.as_object_mut().unwrap().remove(field);
        }
    }
}

/// The check-ins of `document` as srt wrote them before version 4: how school went in one
/// word, the outcome (a part day was `partial` then).
fn school_in_words(document: &mut Value) {
    for checkin in document["checkins"].as_array_mut().unwrap() {
        if let Some(outcome) = checkin["school"].get("outcome").and_then(Value::as_str) {
            checkin["school"] = json!(if outcome == "part" { "partial" } else { outcome });
        }
    }
}

/// Sam's export with its evening's school day (`checkins[1]`) replaced by `school`, to
/// `in.json`.
fn evening_school(journal: &Journal, school: Value) {
    hostile(journal, |d| d["checkins"][1]["school"] = school);
}

/// A school day of a version 4 file with `outcome` and the details given in `details`.
fn day(outcome: &str, details: Value) -> Value {
    let mut day = json!({"outcome": outcome, "reason": null, "in": null, "out": null, "lessons": null});
    for (key, value) in details.as_object().unwrap() {
        day[key] = value.clone();
    }
    day
}

#[test]
fn a_school_day_srt_could_not_have_saved_is_refused_whole() {
    run_all(&[
        Case::new(
            "a bare word in a version 5 file",
            IMPORT,
            2,
            "a version 5 check-in says how school went as an object",
        )
        .setup(|j| evening_school(j, json!("late"))),
        Case::new("today's bare word in a version 5 file", IMPORT, 2, "says how school went as an object")
            .setup(|j| evening_school(j, json!("full"))),
        Case::new("a word no srt wrote in a version 5 file", IMPORT, 2, "'part' is not how school went")
            .setup(|j| evening_school(j, json!("part"))),
        Case::new(
            "a school day in a version 3 file",
            IMPORT,
            2,
            "a version 3 check-in says how school went in one word",
        )
        .setup(|j| {
            hostile(j, |d| {
                as_version(d, 3);
                school_in_words(d);
                d["checkins"][1]["school"] = day("full", json!({}));
            });
        }),
        Case::new("out before in", IMPORT, 2, "the time out (10:30) is not after the time in (13:00)")
            .setup(|j| evening_school(j, day("part", json!({"in": "13:00", "out": "10:30"})))),
        Case::new("out as in", IMPORT, 2, "the time out (10:30) is not after the time in (10:30)")
            .setup(|j| evening_school(j, day("part", json!({"in": "10:30", "out": "10:30"})))),
        Case::new("lessons 7/6", IMPORT, 2, "lessons 7/6: give lessons attended of the lessons that day")
            .setup(|j| evening_school(j, day("part", json!({"lessons": {"attended": 7, "of": 6}})))),
        Case::new("a day of no lessons", IMPORT, 2, "lessons 0/0")
            .setup(|j| evening_school(j, day("full", json!({"lessons": {"attended": 0, "of": 0}})))),
        Case::new("21 lessons", IMPORT, 2, "lessons 2/21")
            .setup(|j| evening_school(j, day("full", json!({"lessons": {"attended": 2, "of": 21}})))),
        Case::new("300 lessons", IMPORT, 2, "is not a valid srt export")
            .setup(|j| evening_school(j, day("full", json!({"lessons": {"attended": 300, "of": 6}})))),
        Case::new("a reason on a full day", IMPORT, 2, "a reason for a day at home goes with `absent` only")
            .setup(|j| evening_school(j, day("full", json!({"reason": "anxiety"})))),
        Case::new("a reason on a day without school", IMPORT, 2, "goes with `absent` only")
            .setup(|j| evening_school(j, day("none", json!({"reason": "ill"})))),
        Case::new("times on a day at home", IMPORT, 2, "times in school and lessons go with a full or part day only")
            .setup(|j| evening_school(j, day("absent", json!({"reason": "ill", "in": "10:30"})))),
        Case::new("lessons on a day without school", IMPORT, 2, "go with a full or part day only")
            .setup(|j| evening_school(j, day("none", json!({"lessons": {"attended": 0, "of": 6}})))),
        Case::new("an unknown reason", IMPORT, 2, "unknown variant `bored`")
            .setup(|j| evening_school(j, day("absent", json!({"reason": "bored"})))),
        Case::new("an older word as the outcome", IMPORT, 2, "unknown variant `partial`")
            .setup(|j| evening_school(j, day("partial", json!({})))),
        Case::new("a time without its leading zero", IMPORT, 2, "'9:05' is not a time as HH:MM")
            .setup(|j| evening_school(j, day("part", json!({"in": "9:05"})))),
        Case::new("hour 24", IMPORT, 2, "'24:00' is not a time of day")
            .setup(|j| evening_school(j, day("part", json!({"out": "24:00"})))),
        Case::new("a detail srt does not know", IMPORT, 2, "unknown field `late`")
            .setup(|j| evening_school(j, day("part", json!({"late": true})))),
    ]);
}

/// Sam's export as a version 3 srt wrote it, with evenings from the 16th to the 20th that
/// say how school went in each of that version's words.
fn version_3_words(journal: &Journal) -> Value {
    let mut document = exported(journal);
    as_version(&mut document, 3);
    school_in_words(&mut document);
    let evening = document["checkins"][1].clone();
    let checkins = document["checkins"].as_array_mut().unwrap();
    checkins.pop();
    for (i, (date, word)) in [
        ("2026-11-16", "full"),
        ("2026-11-17", "partial"),
        ("2026-11-18", "late"),
        ("2026-11-19", "absent"),
        ("2026-11-20", "none"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut checkin = evening.clone();
        checkin["id"] = json!(uuid(10 + i));
        checkin["date"] = json!(date);
        checkin["school"] = json!(word);
        checkins.push(checkin);
    }
    document
}

#[test]
fn a_version_3_school_word_reads_as_the_outcome_a_clinician_counts() {
    let journal = Journal::new();
    let document = version_3_words(&journal);
    write(&journal, "in.json", &document.to_string());
    let other_laptop = Journal::new();
    let out = other_laptop.ok(&["import", journal.root().join("in.json").to_str().unwrap()]);
    assert!(out.contains("6 new"), "{out}");
    let evenings: Vec<Value> = other_laptop
        .checkins_of(&["--since", "2026-11-16"])
        .into_iter()
        .filter(|c| c["period"] == "evening")
        .map(|c| json!([c["date"], c["school"]]))
        .collect();
    let just = |outcome: &str| json!({"outcome": outcome, "reason": null, "in": null, "out": null, "lessons": null});
    assert_eq!(
        evenings,
        [
            json!(["2026-11-16", just("full")]),
            json!(["2026-11-17", just("part")]),
            json!(["2026-11-18", just("part")]),
            json!(["2026-11-19", just("absent")]),
            json!(["2026-11-20", just("none")]),
        ]
    );
    let summary: Value = serde_json::from_str(&other_laptop.ok(&[
        "summary",
        "--json",
        "--since",
        "2026-11-16",
        "--until",
        "2026-11-20",
    ]))
    .unwrap();
    let school = &summary["school"];
    assert_eq!(
        [
            &school["full"],
            &school["part"],
            &school["absent_no_reason"],
            &school["absent_anxiety"],
            &school["no_school"]
        ],
        [&json!(1), &json!(2), &json!(1), &json!(0), &json!(1)],
        "a day at home of old has no reason: {school}"
    );
    // Exported again, the file is version 5 and says it the new way.
    let again: Value = serde_json::from_str(&other_laptop.ok(&["export", "--since", "2026-11-16"])).unwrap();
    assert_eq!(again["version"], 5);
    assert_eq!(again["checkins"][2]["school"], just("part"));
}

#[test]
fn every_detail_of_a_school_day_survives_an_export_and_an_import() {
    let journal = Journal::new();
    with_sam(&journal);
    let pm = |date: &str, school: &[&str]| {
        let mut args = vec!["evening", "3", "--date", date, "--yes"];
        args.extend_from_slice(school);
        journal.ok(&args);
    };
    pm("2026-11-16", &["--school", "part", "--in", "10:30", "--out", "13:05", "--lessons", "2/6"]);
    pm("2026-11-17", &["--school", "absent", "--reason", "anxiety"]);
    pm("2026-11-18", &["--school", "absent", "--reason", "other"]);
    pm("2026-11-19", &["--school", "full", "--in", "8:40", "--lessons", "6/6"]);
    pm("2026-11-20", &["--school", "part", "--out", "11:15"]);
    pm("2026-11-21", &["--school", "none"]);
    let file = journal.root().join("sam.json");
    journal.ok(&["export", "--all", "-o", file.to_str().unwrap()]);

    let other_laptop = Journal::new();
    let out = other_laptop.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("7 new"), "{out}");
    let schools = |j: &Journal| -> Vec<Value> {
        let checkins = j.checkins_of(&["--since", "2026-11-16"]);
        checkins.into_iter().filter(|c| c["period"] == "evening").map(|c| c["school"].clone()).collect()
    };
    assert_eq!(
        schools(&other_laptop),
        [
            json!({"outcome": "part", "reason": null, "in": "10:30", "out": "13:05", "lessons": {"attended": 2, "of": 6}}),
            json!({"outcome": "absent", "reason": "anxiety", "in": null, "out": null, "lessons": null}),
            json!({"outcome": "absent", "reason": "other", "in": null, "out": null, "lessons": null}),
            json!({"outcome": "full", "reason": null, "in": "08:40", "out": null, "lessons": {"attended": 6, "of": 6}}),
            json!({"outcome": "part", "reason": null, "in": null, "out": "11:15", "lessons": null}),
            json!({"outcome": "none", "reason": null, "in": null, "out": null, "lessons": null}),
        ]
    );
    assert_eq!(other_laptop.checkins_of(&["--since", "2026-11-16"]), journal.checkins_of(&["--since", "2026-11-16"]));
    let again = other_laptop.ok(&["import", file.to_str().unwrap()]);
    assert!(again.contains("0 new, 0 updated, 7 unchanged check-ins"), "{again}");
}

/// Sam's export with a safety concern and a check-in of every voice, changed by `change`.
fn with_concern(journal: &Journal, change: impl FnOnce(&mut Value)) {
    hostile(journal, |d| {
        let checkin = &mut d["checkins"][0];
        checkin["recorded_by"] = json!("Mum");
        checkin["own_rating"] = json!(4);
        checkin["parent_calm"] = json!(7);
        checkin["for_me"] = json!(["I stayed calm"]);
        d["concerns"] = json!([{
            "id": "c0ffee00-0000-4000-8000-00000000c0c0", "child": "Sam", "date": "2026-11-20",
            "text": "she said she wished she wasn't alive", "status": "open", "checkin": null,
            "recorded_by": "Mum", "created_at": "2026-11-20T20:00:00+11:00",
            "updated_at": "2026-11-20T20:00:00+11:00", "resolved": null
        }]);
        change(d);
    });
}

#[test]
fn concerns_and_every_voice_are_held_to_the_rules_on_the_way_in() {
    run_all(&[
        Case::new("a concern without its words", IMPORT, 2, "a redacted export cannot be imported")
            .setup(|j| with_concern(j, |d| d["concerns"][0]["text"] = Value::Null)),
        Case::new("a concern open and resolved at once", IMPORT, 2, "its status is \"resolved\"")
            .setup(|j| with_concern(j, |d| d["concerns"][0]["status"] = json!("resolved"))),
        Case::new("a concern about another child", IMPORT, 2, "is about 'Alex', not Sam")
            .setup(|j| with_concern(j, |d| d["concerns"][0]["child"] = json!("Alex"))),
        Case::new("a concern still to come", IMPORT, 2, "is in the future")
            .setup(|j| with_concern(j, |d| d["concerns"][0]["date"] = json!("2026-12-01"))),
        Case::new("a concern with an escape code", IMPORT, 2, "control character")
            .setup(|j| with_concern(j, |d| d["concerns"][0]["text"] = json!("she said \u{1b}[2J"))),
        Case::new("a resolution without its note", IMPORT, 2, "resolution has no note").setup(|j| {
            with_concern(j, |d| {
                d["concerns"][0]["status"] = json!("resolved");
                d["concerns"][0]["resolved"] = json!({"date": "2026-11-21", "note": null, "recorded_by": null});
            })
        }),
        Case::new("a resolution before the concern", IMPORT, 2, "before it was noted on 2026-11-20").setup(|j| {
            with_concern(j, |d| {
                d["concerns"][0]["status"] = json!("resolved");
                d["concerns"][0]["resolved"] = json!({"date": "2026-11-01", "note": "talked", "recorded_by": null});
            })
        }),
        Case::new("a version 5 file without concerns", IMPORT, 2, "lists its safety concerns")
            .setup(|j| with_concern(j, |d| drop(d.as_object_mut().unwrap().remove("concerns")))),
        Case::new("a version 4 file with concerns", IMPORT, 2, "a version 4 export has no \"concerns\"").setup(|j| {
            with_concern(j, |d| {
                let concerns = d["concerns"].clone();
                as_version(d, 4);
                d["concerns"] = concerns;
            })
        }),
        Case::new("a version 4 check-in with the child's own number", IMPORT, 2, "version 5 added them").setup(|j| {
            with_concern(j, |d| {
                d["version"] = json!(4);
                d.as_object_mut().unwrap().remove("concerns");
            })
        }),
        Case::new("an own number of 11", IMPORT, 2, "the child's own number runs from 0 to 10")
            .setup(|j| with_concern(j, |d| d["checkins"][0]["own_rating"] = json!(11))),
        Case::new("a calm of 11", IMPORT, 2, "the parent's calm runs from 0 to 10")
            .setup(|j| with_concern(j, |d| d["checkins"][0]["parent_calm"] = json!(11))),
        Case::new("a recorder that clears the screen", IMPORT, 2, "control character")
            .setup(|j| with_concern(j, |d| d["checkins"][0]["recorded_by"] = json!("Mum\u{1b}[2J"))),
        Case::new("a session's recorder that clears the screen", IMPORT, 2, "control character")
            .setup(|j| with_concern(j, |d| d["sessions"][0]["recorded_by"] = json!("Dad\u{1b}[2J"))),
        Case::new("a session's recorder with spaces around", IMPORT, 2, "spaces around their name")
            .setup(|j| with_concern(j, |d| d["sessions"][0]["recorded_by"] = json!(" Dad"))),
        Case::new("an empty recorder", IMPORT, 2, "not left empty")
            .setup(|j| with_concern(j, |d| d["checkins"][0]["recorded_by"] = json!(""))),
        Case::new("what happened for me twice", IMPORT, 2, "repeated")
            .setup(|j| with_concern(j, |d| d["checkins"][0]["for_me"] = json!(["I stayed calm", "i stayed calm"]))),
    ]);
}

#[test]
fn a_concern_and_its_resolution_travel_to_the_other_laptop() {
    let journal = Journal::new();
    with_concern(&journal, |_| {});
    let other_laptop = Journal::new();
    let file = journal.root().join("in.json");
    let out = other_laptop.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("1 new, 0 updated, 0 unchanged safety concerns"), "{out}");
    let listed: Value = serde_json::from_str(&other_laptop.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["status"], "open");
    assert_eq!(listed[0]["text"], "she said she wished she wasn't alive");
    assert_eq!(listed[0]["recorded_by"], "Mum");
    let checkin: Value = serde_json::from_str(&other_laptop.ok(&["list", "--json"])).unwrap();
    assert_eq!(
        [&checkin[0]["recorded_by"], &checkin[0]["own_rating"], &checkin[0]["parent_calm"], &checkin[0]["for_me"]],
        [&json!("Mum"), &json!(4), &json!(7), &json!(["I stayed calm"])]
    );

    // Resolved on the first laptop (after its import of its own file), then synced again.
    journal.ok(&["import", file.to_str().unwrap()]);
    journal.ok(&["concern", "resolve", "c0ffee00", "--note", "talked with Dr Lee"]);
    let again = journal.root().join("again.json");
    journal.ok(&["export", "--all", "-o", again.to_str().unwrap()]);
    let out = other_laptop.ok(&["import", again.to_str().unwrap()]);
    assert!(out.contains("0 new, 1 updated, 0 unchanged safety concerns"), "{out}");
    let listed: Value = serde_json::from_str(&other_laptop.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["status"], "resolved");
    assert_eq!(listed[0]["resolved"]["note"], "talked with Dr Lee");
    let out = other_laptop.ok(&["import", again.to_str().unwrap()]);
    assert!(out.contains("0 new, 0 updated, 1 unchanged safety concerns"), "{out}");
    // The older open copy cannot reopen it.
    let out = other_laptop.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("1 unchanged safety concerns"), "{out}");
    let listed: Value = serde_json::from_str(&other_laptop.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["status"], "resolved");
}
