//! Sessions, the brave-steps ladder, and `srt summary` over the real binary.

mod common;

use common::{Journal, stderr_of};
use serde_json::{Value, json};

fn sam() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal
}

fn summary(journal: &Journal, args: &[&str]) -> Value {
    let mut all = vec!["summary", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&journal.ok(&all)).expect("summary --json prints JSON")
}

#[test]
fn sessions_are_added_listed_and_deleted() {
    let journal = sam();
    journal.ok(&["session", "add", "--date", "2026-11-09", "--note", "agreed the ladder"]);
    journal.ok(&["session", "add"]);
    let sessions: Vec<Value> = serde_json::from_str(&journal.ok(&["session", "list", "--json"])).unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0]["date"], "2026-11-09");
    assert_eq!(sessions[0]["note"], "agreed the ladder");
    assert_eq!(sessions[0]["child"], "Sam");
    assert_eq!(sessions[1]["date"], "2026-11-23");
    let text = journal.ok(&["session", "list"]);
    assert!(text.contains("Mon 9 Nov 2026") && text.contains("agreed the ladder"), "{text}");

    let id = &sessions[0]["id"].as_str().unwrap()[..8];
    let err = stderr_of(&journal.srt().args(["session", "delete", id]).assert().code(2));
    assert!(err.contains("--yes"), "{err}");
    journal.ok(&["session", "delete", id, "--yes"]);
    let sessions: Vec<Value> = serde_json::from_str(&journal.ok(&["session", "list", "--json"])).unwrap();
    assert_eq!(sessions.len(), 1);
    let err = stderr_of(&journal.srt().args(["session", "add", "--date", "2026-02-30"]).assert().code(2));
    assert!(err.contains("not a real date"), "{err}");
}

fn texts(ladder: &Value) -> Vec<&str> {
    ladder["steps"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect()
}

#[test]
fn the_ladder_is_set_extended_and_used_by_check_ins() {
    let journal = sam();
    journal.ok(&["steps", "set", "uniform on", "drive past school", "walk to the gate"]);
    journal.ok(&["steps", "add", "sit in the car park", "--at", "3"]);
    let out = journal.ok(&["steps", "add", "first lesson"]);
    assert!(out.contains(" 3. sit in the car park") && out.contains(" 5. first lesson"), "{out}");
    let ladder: Value = serde_json::from_str(&journal.ok(&["steps", "list", "--json"])).unwrap();
    assert_eq!(ladder["child"], "Sam");
    assert_eq!(
        texts(&ladder),
        ["uniform on", "drive past school", "sit in the car park", "walk to the gate", "first lesson"]
    );

    journal.ok(&["am", "5", "--step", "Walk to the gate", "--date", "2026-11-20"]);
    let first = journal.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
    let shown = journal.ok(&["show", &first]);
    assert!(shown.contains("brave step   walk to the gate (step 4 of 5 on the ladder now)"), "{shown}");
    journal.ok(&["am", "5", "--step", "2", "--date", "2026-11-21"]);
    let steps: Vec<_> = journal.checkins().iter().map(|c| c["step"].clone()).collect();
    assert_eq!(steps, [ladder["steps"][3].clone(), ladder["steps"][1].clone()], "each by its id and words");

    let err = stderr_of(&journal.srt().args(["am", "5", "--step", "9"]).assert().code(2));
    assert!(err.contains("step 9 is not on Sam's ladder, which has 5 steps"), "{err}");
    let err = stderr_of(&journal.srt().args(["am", "5", "--step", "fly to the moon"]).assert().code(2));
    assert!(err.contains("'fly to the moon' is not a step"), "{err}");
    let err = stderr_of(&journal.srt().args(["steps", "add", "x", "--at", "9"]).assert().code(2));
    assert!(err.contains("--at 9 is off the ladder: use 1 to 6"), "{err}");
    let err = stderr_of(&journal.srt().args(["steps", "set", "a", "A"]).assert().code(2));
    assert!(err.contains("twice"), "{err}");
}

#[test]
fn past_check_ins_keep_the_step_they_reached_whatever_the_ladder_becomes() {
    let journal = sam();
    journal.ok(&["steps", "set", "uniform on", "drive past school", "walk to the gate"]);
    journal.ok(&["am", "6", "--date", "2026-11-16", "--step", "2"]);
    journal.ok(&["am", "5", "--date", "2026-11-17", "--step", "3"]);
    let saved = journal.checkins();
    let step_of = |journal: &Journal| -> Vec<String> {
        journal.checkins().iter().map(|c| c["step"]["text"].as_str().unwrap().to_string()).collect()
    };
    let shown = |id: &Value| journal.ok(&["show", &id.as_str().unwrap()[..8]]);
    let summary_steps = |journal: &Journal| summary(journal, &["--since", "2026-11-16"])["steps"].clone();

    // Insert below both: the numbers move, the steps do not.
    journal.ok(&["steps", "add", "shoes on", "--at", "1"]);
    assert_eq!(step_of(&journal), ["drive past school", "walk to the gate"]);
    assert!(shown(&saved[1]["id"]).contains("walk to the gate (step 4 of 4 on the ladder now)"));
    let steps = summary_steps(&journal);
    assert_eq!((steps["highest"].clone(), steps["highest_text"].clone()), (json!(4), json!("walk to the gate")));

    // Reorder: still the same steps, read at their new places.
    journal.ok(&["steps", "set", "shoes on", "walk to the gate", "uniform on", "drive past school"]);
    assert_eq!(step_of(&journal), ["drive past school", "walk to the gate"]);
    let steps = summary_steps(&journal);
    assert_eq!((steps["highest"].clone(), steps["highest_text"].clone()), (json!(4), json!("drive past school")));

    // Replace "walk to the gate", which a check-in reached: refused in a script, then done.
    let replaced = ["steps", "set", "shoes on", "walk to school", "uniform on", "drive past school"];
    let err = stderr_of(&journal.srt().args(replaced).assert().code(2));
    assert!(err.contains("\"walk to the gate\" (1 check-in)") && err.contains("--yes"), "{err}");
    journal.ok(&[&replaced[..], &["--yes"]].concat());
    assert_eq!(step_of(&journal), ["drive past school", "walk to the gate"], "what each check-in says stays");
    assert!(shown(&saved[1]["id"]).contains("walk to the gate (no longer on the ladder)"));
    let steps = summary_steps(&journal);
    assert_eq!(steps["highest_text"], "drive past school");
    assert_eq!(steps["off_ladder"], json!([{"text": "walk to the gate", "first_reached": "2026-11-17"}]));
    let text = journal.ok(&["summary", "--since", "2026-11-16"]);
    assert!(text.contains("reached \"walk to the gate\" (no longer on the ladder), first on Tue 17 Nov"), "{text}");

    // Rename: the check-in keeps the words it was saved with; the ladder has the new ones.
    journal.ok(&["steps", "rename", "drive past school", "drive past the school"]);
    assert_eq!(step_of(&journal), ["drive past school", "walk to the gate"]);
    let ladder: Value = serde_json::from_str(&journal.ok(&["steps", "list", "--json"])).unwrap();
    assert!(texts(&ladder).contains(&"drive past the school"));
}

#[test]
fn a_step_needs_a_ladder() {
    let journal = sam();
    let err = stderr_of(&journal.srt().args(["am", "5", "--step", "3"]).assert().code(2));
    assert!(err.contains("Sam has no brave-steps ladder yet: set one with `srt steps set STEP...`"), "{err}");
    let err = stderr_of(&journal.srt().args(["pm", "5", "--step", "the gate"]).assert().code(2));
    assert!(err.contains("no brave-steps ladder yet"), "{err}");
}

#[test]
fn the_default_window_starts_at_the_latest_session_before_today() {
    let journal = sam();
    journal.ok(&["session", "add", "--date", "2026-11-02"]);
    journal.ok(&["session", "add", "--date", "2026-11-16"]);
    journal.ok(&["am", "9", "--date", "2026-11-15"]);
    journal.ok(&["am", "4", "--date", "2026-11-16", "--win", "got dressed"]);
    let s = summary(&journal, &[]);
    assert_eq!(s["window"], json!({"since": "2026-11-16", "until": "2026-11-23", "basis": "since_session"}));
    // Mon 16 to Fri 20 and today are the school days; the 15th is before the window.
    assert_eq!(
        s["coverage"],
        json!({"days": 8, "counted_from": "2026-11-16", "expected_days": 6, "days_with_checkin": 1, "checkins": 1})
    );
    assert_eq!(s["wins"], json!([{"date": "2026-11-16", "period": "morning", "text": "got dressed"}]));

    // A session today does not start today's summary: the one before it does.
    journal.ok(&["session", "add"]);
    assert_eq!(summary(&journal, &[])["window"]["since"], "2026-11-16");
}

#[test]
fn with_no_session_before_today_the_window_is_the_last_14_days() {
    let journal = sam();
    journal.ok(&["am", "6", "--date", "2026-11-09"]);
    journal.ok(&["am", "4", "--date", "2026-11-10"]);
    let s = summary(&journal, &[]);
    assert_eq!(s["window"], json!({"since": "2026-11-10", "until": "2026-11-23", "basis": "last_14_days"}));
    assert_eq!(s["coverage"]["checkins"], 1);
    journal.ok(&["session", "add"]);
    assert_eq!(summary(&journal, &[])["window"]["basis"], "last_14_days");
}

#[test]
fn last_since_and_until_choose_the_window() {
    let journal = sam();
    journal.ok(&["session", "add", "--date", "2026-11-02"]);
    for (day, alarm) in [("2026-11-16", "8"), ("2026-11-17", "6"), ("2026-11-20", "2")] {
        journal.ok(&["am", alarm, "--date", day]);
    }
    let s = summary(&journal, &["--last", "7d"]);
    assert_eq!(s["window"], json!({"since": "2026-11-17", "until": "2026-11-23", "basis": "explicit"}));
    assert_eq!((s["alarm"]["morning_median"].clone(), s["alarm"]["mornings"].clone()), (json!(4.0), json!(2)));
    // The 16th is outside the window, and read only to compare with: the 7 days before it.
    assert_eq!(
        s["trend"]["previous"],
        json!({"since": "2026-11-10", "until": "2026-11-16", "mornings": 1, "morning_median": 8.0, "hard_mornings": 1})
    );
    let s = summary(&journal, &["--since", "2026-11-16", "--until", "2026-11-17"]);
    assert_eq!(
        s["coverage"],
        json!({"days": 2, "counted_from": "2026-11-16", "expected_days": 2, "days_with_checkin": 2, "checkins": 2})
    );
    assert_eq!(s["trend"]["basis"], "previous_window", "the window does not start on a session");
    assert_eq!(
        s["trend"]["this"],
        json!({"since": "2026-11-16", "until": "2026-11-17", "mornings": 2, "morning_median": 7.0, "hard_mornings": 1})
    );
    assert_eq!(
        (s["trend"]["previous"]["since"].clone(), s["trend"]["previous"]["mornings"].clone()),
        (json!("2026-11-14"), json!(0))
    );
    assert_eq!(s["trend"]["verdict"], "too few");
    // Mornings on two weekdays are no weekday pattern.
    assert_eq!(s["alarm"]["hardest_weekday"], Value::Null);
    // --until alone starts where the summary would have on that day (the session on the 2nd).
    assert_eq!(summary(&journal, &["--until", "2026-11-16"])["window"]["since"], "2026-11-02");
    assert_eq!(summary(&journal, &["--until", "2026-11-01"])["window"]["since"], "2026-10-19");

    for (args, expected) in [
        (vec!["--until", "2026-12-30"], "--until 2026-12-30 is in the future"),
        (vec!["--since", "2026-11-30"], "the window would start (2026-11-30) after it ends (2026-11-23)"),
        (vec!["--last", "100000d"], "at most 36600 days"),
    ] {
        let err = stderr_of(&journal.srt().arg("summary").args(&args).assert().code(2));
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn every_figure_of_a_small_window() {
    let journal = sam();
    journal.ok(&["steps", "set", "uniform on", "drive past", "gate"]);
    let friday = ["--date", "2026-11-20"];
    let saturday = ["--date", "2026-11-21"];
    journal.ok(&[
        &["am", "7", "--helped", "blanket", "--win", "dressed", "--step", "1", "--body", "tummy ache"][..],
        &friday,
    ]
    .concat());
    journal.ok(&[
        &["pm", "3", "--peak", "8", "--school", "partial", "--in", "10:30", "--out", "13:00", "--lessons", "2/6"][..],
        &["--win", "laughed", "--note", "ask about lunch", "--next", "walk to the gate", "--step", "1"],
        &friday,
    ]
    .concat());
    journal.ok(&[
        &["am", "5", "--helped", "Blanket", "--helped", "walk", "--step", "2", "--body", "Tummy ache"][..],
        &saturday,
    ]
    .concat());
    journal.ok(&[
        &["pm", "1", "--peak", "5", "--school", "none", "--step", "2", "--next", "drive past again"][..],
        &saturday,
    ]
    .concat());
    let s = summary(&journal, &["--since", "2026-11-20", "--until", "2026-11-21"]);
    // Friday is the one school day: part of it, 150 minutes in. Saturday's evening says there
    // was no school, so its morning is no school morning. Every median has its count, and
    // nothing is compared with nothing. The usual step lately is the lower of the two middle
    // ones of steps 1, 1, 2, 2.
    let expected = json!({
        "concerns": [],
        "safety_line": "If you are worried about your child's safety right now, contact your clinician or emergency \
            services now; do not wait for the next appointment.",
        "window": {"since": "2026-11-20", "until": "2026-11-21", "basis": "explicit"},
        "session_note": null,
        "coverage": {"days": 2, "counted_from": "2026-11-20", "expected_days": 1, "days_with_checkin": 1, "checkins": 4},
        "wins": [
            {"date": "2026-11-20", "period": "morning", "text": "dressed"},
            {"date": "2026-11-20", "period": "evening", "text": "laughed"}
        ],
        "alarm": {
            "morning_median": 6.0, "mornings": 2,
            "evening_median": 2.0, "evenings": 2,
            "peak_median": 6.5, "peaks": 2,
            "hard_mornings": 1, "hard_peak_days": 1,
            "hardest_weekday": null, "hardest_weekday_median": null, "hardest_weekday_mornings": 0,
            "hardest_peak_day": {"date": "2026-11-20", "peak": 8, "days": 1, "note": "ask about lunch"}
        },
        "trend": {
            "basis": "previous_window",
            "this": {"since": "2026-11-20", "until": "2026-11-21", "mornings": 1, "morning_median": 7.0, "hard_mornings": 1},
            "previous": {"since": "2026-11-18", "until": "2026-11-19", "mornings": 0, "morning_median": null, "hard_mornings": 0},
            "verdict": "too few"
        },
        "school": {
            "school_days": 1, "attended": 1, "full": 0, "part": 1,
            "absent_anxiety": 0, "absent_ill": 0, "absent_other": 0, "absent_no_reason": 0,
            "no_school": 1, "no_school_weekdays": 0, "not_recorded": 0,
            "minutes_in": 150, "minutes_in_median": 150.0, "days_with_times": 1,
            "lessons_attended": 2, "lessons_of": 6
        },
        "steps": {
            "highest": 2, "highest_text": "drive past", "highest_times": 2, "first_reached": "2026-11-21",
            "usual_lately": 1, "usual_lately_text": "uniform on", "usual_lately_n": 4,
            "of": 3, "off_ladder": []
        },
        "helped": [
            {"text": "blanket", "period": "morning", "uses": 2,
             "median_with": null, "n_with": 2, "median_without": null, "n_without": 0},
            {"text": "walk", "period": "morning", "uses": 1,
             "median_with": null, "n_with": 1, "median_without": null, "n_without": 1}
        ],
        "body": [{"text": "tummy ache", "period": "morning", "count": 2, "of": 2}],
        "own_ratings": [],
        "parent_calm": [],
        "for_me": [],
        "recorders": [{"name": null, "checkins": 4}],
        "next_steps": [
            {"date": "2026-11-21", "text": "drive past again"},
            {"date": "2026-11-20", "text": "walk to the gate"}
        ],
        "notes": [{"date": "2026-11-20", "period": "evening", "text": "ask about lunch"}]
    });
    assert_eq!(s, expected);
}

#[test]
fn another_childs_entries_never_appear() {
    let journal = sam();
    journal.ok(&["child", "add", "Alex"]);
    journal.ok(&["child", "default", "Sam"]);
    journal.ok(&["am", "3", "--win", "Sam's win"]);
    journal.ok(&["am", "9", "--child", "Alex", "--win", "Alex's win", "--note", "Alex's note"]);
    journal.ok(&["session", "add", "--child", "Alex", "--date", "2026-11-20"]);
    let s = summary(&journal, &[]);
    assert_eq!(s["window"]["basis"], "last_14_days", "Alex's session is not Sam's");
    assert_eq!(s["wins"], json!([{"date": "2026-11-23", "period": "morning", "text": "Sam's win"}]));
    assert_eq!((s["alarm"]["morning_median"].clone(), s["alarm"]["mornings"].clone()), (json!(3.0), json!(1)));
    assert_eq!(s["notes"], json!([]));
    let text = journal.ok(&["summary"]);
    assert!(!text.contains("Alex"), "{text}");
    let alex = summary(&journal, &["--child", "Alex"]);
    assert_eq!(alex["window"]["since"], "2026-11-20");
    assert_eq!((alex["alarm"]["morning_median"].clone(), alex["alarm"]["mornings"].clone()), (json!(9.0), json!(1)));
}

#[test]
fn the_text_summary_leads_with_the_wins() {
    let journal = sam();
    journal.ok(&["session", "add", "--date", "2026-11-16", "--note", "weighted blanket on hard mornings"]);
    journal.ok(&["am", "7", "--date", "2026-11-16", "--win", "got dressed", "--helped", "weighted blanket"]);
    journal.ok(&[
        "pm",
        "2",
        "--date",
        "2026-11-16",
        "--peak",
        "7",
        "--school",
        "full",
        "--win",
        "full day",
        "--note",
        "so proud",
    ]);
    for (day, alarm, helped) in [
        ("2026-11-17", "6", None),
        ("2026-11-18", "5", Some("weighted blanket")),
        ("2026-11-19", "3", Some("deep breaths")),
        ("2026-11-20", "4", Some("weighted blanket")),
        ("2026-11-21", "2", None),
    ] {
        let helped = helped.map(|h| vec!["--helped", h]).unwrap_or_default();
        journal.ok(&[&["am", alarm, "--date", day][..], &helped].concat());
    }
    let text = journal.ok(&["summary"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Sam · since the session on Mon 16 Nov 2026");
    // Five of the six school days had a check-in (not today yet); the Saturday counts too.
    assert_eq!(lines[1], "Mon 16 Nov to Mon 23 Nov · 7 check-ins");
    assert_eq!(lines[2], "check-ins on 5 of 6 school days");
    // What was agreed comes first, then the wins.
    assert_eq!(lines[4..6], ["Agreed on Mon 16 Nov", "  weighted blanket on hard mornings"], "{text}");
    assert_eq!(lines[7], "Small wins (2)");
    assert!(lines[8].contains("Mon 16 Nov") && lines[8].contains("got dressed; full day"), "{text}");
    // Every median with the count it was taken from.
    assert!(text.contains("  mornings    median 4.5 over 6 mornings · 1 at 7 or more\n"), "{text}");
    assert!(text.contains("  evenings    median 2 over 1 evening (the level at bedtime)\n"), "{text}");
    assert!(text.contains("  day's peak  median 7 over 1 day · 1 peaking at 7 or more\n"), "{text}");
    assert!(text.contains("  day by day  ▆▅▅▃▄▂··\n"), "{text}");
    assert!(text.contains("in school on 1 of 1 recorded school day (1 full)"), "{text}");
    assert!(text.contains("not recorded: 4 school days with no evening saying how school went"), "{text}");
    // The school mornings compared, with their counts: the Saturday is not one.
    let now = text.lines().find(|l| l.trim_start().starts_with("now ")).expect("{text}");
    assert_eq!(
        now.split_whitespace().collect::<Vec<_>>(),
        ["now", "Mon", "16", "Nov", "to", "Mon", "23", "Nov", "5", "5", "1"]
    );
    let blanket = text.lines().find(|l| l.contains("weighted blanket  3 mornings  ")).expect("{text}");
    assert!(blanket.ends_with("median alarm 5 (n=3) vs 3 (n=3) without"), "{text}");
    let breaths = text.lines().find(|l| l.contains("deep breaths")).expect("{text}");
    assert!(breaths.contains(" 1 morning  ") && breaths.contains("too few to compare"), "{text}");
    assert!(text.contains("Mon 16 Nov evening: so proud"), "{text}");
    assert!(!text.contains("possible") && !text.contains("average"), "{text}");
    assert!(!text.contains('\x1b'));
}

#[test]
fn a_win_written_morning_and_evening_shows_once_for_the_day() {
    let journal = sam();
    journal.ok(&["am", "5", "--date", "2026-11-20", "--win", "ate breakfast", "--win", "got dressed"]);
    journal.ok(&["pm", "3", "--date", "2026-11-20", "--win", "ate breakfast", "--win", "shared a laugh"]);
    let text = journal.ok(&["summary", "--since", "2026-11-20"]);
    assert!(text.contains("\nSmall wins (3)\n"), "{text}");
    let day = text.lines().find(|l| l.starts_with("  Fri 20 Nov")).expect("the day's wins");
    assert!(day.ends_with("  ate breakfast; got dressed; shared a laugh"), "{text}");
    // The figures say it once too, as first written: in the morning.
    let json = summary(&journal, &["--since", "2026-11-20"]);
    assert_eq!(
        json["wins"],
        json!([
            {"date": "2026-11-20", "period": "morning", "text": "ate breakfast"},
            {"date": "2026-11-20", "period": "morning", "text": "got dressed"},
            {"date": "2026-11-20", "period": "evening", "text": "shared a laugh"}
        ])
    );
    let html = journal.ok(&["export", "--format", "html", "--since", "2026-11-20"]);
    assert!(html.contains("Small wins (3)") && html.contains("ate breakfast; got dressed; shared a laugh"), "{html}");
    assert_eq!(html.matches("ate breakfast").count(), 1, "{html}");
}

#[test]
fn a_summary_needs_a_child() {
    let journal = Journal::new();
    let err = stderr_of(&journal.srt().arg("summary").assert().code(2));
    assert!(err.contains("no check-ins yet"), "{err}");
}

#[test]
fn the_hardest_weekday_is_named_only_when_it_stands_out() {
    let journal = sam();
    journal.ok(&["am", "8", "--date", "2026-11-16"]); // Monday
    journal.ok(&["am", "8", "--date", "2026-11-09"]); // Monday
    journal.ok(&["am", "4", "--date", "2026-11-17"]); // Tuesday
    let text_of = |since: &str, until: &str| journal.ok(&["summary", "--since", since, "--until", until]);
    let json_of = |since: &str, until: &str| summary(&journal, &["--since", since, "--until", until])["alarm"].clone();

    // Mornings on two weekdays are no pattern.
    assert_eq!(json_of("2026-11-09", "2026-11-17")["hardest_weekday"], Value::Null);
    assert!(!text_of("2026-11-09", "2026-11-17").contains("were the hardest"));

    // On three, Monday stands out, with the count it was taken from.
    journal.ok(&["am", "3", "--date", "2026-11-18"]); // Wednesday
    let window = ["--since", "2026-11-09", "--until", "2026-11-18"];
    let alarm = json_of("2026-11-09", "2026-11-18");
    assert_eq!(
        (
            alarm["hardest_weekday"].clone(),
            alarm["hardest_weekday_median"].clone(),
            alarm["hardest_weekday_mornings"].clone()
        ),
        (json!("Monday"), json!(8.0), json!(2))
    );
    let text = text_of("2026-11-09", "2026-11-18");
    assert!(text.contains("  Monday mornings were the hardest (median 8 over 2 Mondays)\n"), "{text}");
    let html = journal.ok(&[&["export", "--format", "html"][..], &window].concat());
    assert!(html.contains("Monday mornings were the hardest (median 8 over 2 Mondays)."), "{html}");

    // A weekday higher than Monday on one morning only is no pattern either.
    journal.ok(&["am", "9", "--date", "2026-11-19"]); // Thursday
    assert_eq!(json_of("2026-11-09", "2026-11-22")["hardest_weekday"], Value::Null);
    assert!(!text_of("2026-11-09", "2026-11-22").contains("were the hardest"));

    // A tie with Tuesday, or mornings on one weekday only, is no pattern.
    journal.ok(&["am", "8", "--date", "2026-11-10"]);
    journal.ok(&[
        "edit",
        &journal.checkins_of(&["--since", "2026-11-17", "--until", "2026-11-17"])[0]["id"].as_str().unwrap()[..8],
        "--alarm",
        "8",
    ]);
    assert_eq!(json_of("2026-11-09", "2026-11-18")["hardest_weekday"], Value::Null);
    let tied = text_of("2026-11-09", "2026-11-18");
    assert!(!tied.contains("mornings were the hardest"), "{tied}");
    let one_day = text_of("2026-11-16", "2026-11-16");
    assert!(!one_day.contains("mornings were the hardest"), "{one_day}");
    assert!(
        !journal
            .ok(&["export", "--format", "html", "--since", "2026-11-16", "--until", "2026-11-16"])
            .contains("were the hardest")
    );
}

#[test]
fn the_hardest_day_is_named_when_it_was_hard() {
    let journal = sam();
    journal.ok(&["pm", "2", "--peak", "5", "--date", "2026-11-18", "--note", "a calm week"]);
    journal.ok(&["pm", "2", "--peak", "5", "--date", "2026-11-19"]);
    let text = journal.ok(&["summary", "--since", "2026-11-16"]);
    assert!(!text.contains("hardest day"), "a peak of 5 is no hard day: {text}");
    let json: Value = serde_json::from_str(&journal.ok(&["summary", "--json", "--since", "2026-11-16"])).unwrap();
    assert_eq!(
        json["alarm"]["hardest_peak_day"],
        json!({"date": "2026-11-18", "peak": 5, "days": 2, "note": "a calm week"})
    );

    journal.ok(&["pm", "3", "--peak", "8", "--date", "2026-11-20", "--note", "tears at the gate"]);
    journal.ok(&["pm", "3", "--peak", "8", "--date", "2026-11-21"]);
    let text = journal.ok(&["summary", "--since", "2026-11-16"]);
    // Of the two, the one with a note says what happened.
    assert!(
        text.contains("  hardest day: Fri 20 Nov, peak 8 (alarmed), and 1 other day at 8: tears at the\n    gate\n"),
        "{text}"
    );
}

#[test]
fn every_line_fits_80_columns_whatever_was_written() {
    let journal = sam();
    let agreed = "We agreed that she walks from the car to the gate on her own on Monday, Wednesday and \
                  Friday, and that Dad waits in the car for five minutes, then leaves without waving again";
    journal.ok(&["session", "add", "--date", "2026-11-16", "--note", agreed]);
    let body = "a tight tummy that comes and goes all the way to the school gate and back again";
    let helped = "counting the red cars on the way together with her little brother in the back";
    let next = "walk from the car to the gate on her own, with Dad waiting in the car for five minutes";
    for day in ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"] {
        journal.ok(&["am", "6", "--date", day, "--body", body, "--helped", helped, "--yes"]);
        journal.ok(&["pm", "3", "--date", day, "--peak", "8", "--next", next, "--note", "a long day", "--yes"]);
    }
    // A long note with lines of its own, and a day of many wins, some in a wide script.
    let note = "She asked whether she has to go tomorrow and whether I will be at the gate when the bell \
                rings, and then asked again three times before bed.\nThen she slept.\n絶対に大丈夫だよと何度も言いました、そして彼女は少し笑ってから眠りました。";
    journal.ok(&["am", "4", "--date", "2026-11-23", "--note", note, "--yes"]);
    journal.ok(&["steps", "set", "sit in the car in the school car park for five minutes with the radio on"]);
    journal.ok(&["am", "4", "--date", "2026-11-19", "--step", "1", "--replace", "--yes"]);
    let wins = ["got dressed before breakfast", "ate all of her toast", "walked to the gate with Dad", "waved"];
    let mut args = vec!["pm", "2", "--date", "2026-11-21", "--yes"];
    wins.iter().for_each(|w| args.extend(["--win", w]));
    journal.ok(&args);
    // A concern long before the window, in long words, and the child's own numbers.
    let concern = "At bedtime she said that sometimes she wishes she could disappear so that she would never \
                   have to walk through the school gate again, and that nobody would even notice";
    journal.ok(&["concern", concern, "--date", "2026-09-01"]);
    for day in ["2026-11-17", "2026-11-18", "2026-11-19"] {
        journal.ok(&[
            "am",
            "6",
            "--own",
            "3",
            "--my-calm",
            "4",
            "--for-me",
            helped,
            "--date",
            day,
            "--replace",
            "--yes",
        ]);
    }
    // Piped, as here, or printed: no terminal to say how wide.
    let text = journal.ok(&["summary"]);
    assert!(text.starts_with("Safety concern, open"), "{text}");
    assert!(text.contains("own number is usually 3 lower"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{} columns: {line}\n{text}", line.chars().count());
        let wide = line.chars().filter(|c| ('\u{3000}'..='\u{9fff}').contains(c)).count();
        assert!(line.chars().count() + wide <= 80, "{} columns on screen: {line}", line.chars().count() + wide);
        assert_eq!(line, line.trim_end(), "no blanks at the end of a line");
    }
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(&note.split_whitespace().collect::<String>()), "the note, whole, in order: {text}");
    assert!(text.contains("before bed.\n      Then she slept.\n      絶対に"), "the note's own lines: {text}");
    assert!(joined.contains(&wins.join(";").split_whitespace().collect::<String>()), "{text}");
    // Broken between words, every word still there, in order.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for written in [agreed, body, next, concern] {
        assert!(words.contains(written), "{written}\n{text}");
    }
    assert!(text.contains(
        "  Fri 20 Nov  walk from the car to the gate on her own, with Dad waiting in the\n              car"
    ));
}

/// Four mornings rated by a parent (6, 7, 5, 8) and by Sam (4, 4, 5, 5): Sam's median is
/// 4.5, the parent's 6.5, and the gaps -2, -3, 0, -3 have the median -2.5. Two evenings
/// with Sam's number are too few to compare. Mum records the mornings, Dad the evenings,
/// and one evening nobody said.
fn voices() -> Journal {
    let journal = sam();
    std::fs::write(journal.config_path(), "recorder = \"Mum\"\n").unwrap();
    for (date, parent, own) in
        [("2026-11-16", "6", "4"), ("2026-11-17", "7", "4"), ("2026-11-18", "5", "5"), ("2026-11-19", "8", "5")]
    {
        journal.ok(&["am", parent, "--own", own, "--date", date, "--yes"]);
    }
    std::fs::write(journal.config_path(), "recorder = \"Dad\"\n").unwrap();
    journal.ok(&["pm", "4", "--own", "2", "--my-calm", "7", "--for-me", "raised my voice", "--date", "2026-11-16"]);
    journal.ok(&["pm", "3", "--own", "3", "--my-calm", "5", "--for-me", "stayed calm", "--date", "2026-11-17"]);
    std::fs::remove_file(journal.config_path()).unwrap();
    journal.ok(&["pm", "2", "--date", "2026-11-18"]);
    journal
}

#[test]
fn the_childs_own_number_is_shown_beside_the_parents_with_its_count() {
    let journal = voices();
    let s = summary(&journal, &["--since", "2026-11-16"]);
    assert_eq!(
        s["own_ratings"],
        json!([
            {"period": "morning", "checkins": 4, "own_median": 4.5, "parent_median": 6.5, "gap_median": -2.5},
            {"period": "evening", "checkins": 2, "own_median": 2.5, "parent_median": 3.5, "gap_median": null}
        ])
    );
    let text = journal.ok(&["summary", "--since", "2026-11-16"]);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Sam's own number, mornings: median 4.5 (n=4); the parents' rating of the same mornings: median \
             6.5. Sam's own number is usually 2.5 lower than the parents'."
        ),
        "{text}"
    );
    assert!(
        words.contains(
            "Sam's own number, evenings: median 2.5 (n=2); the parents' rating of the same evenings: median \
             3.5. Too few to compare: it takes 3 evenings with both."
        ),
        "{text}"
    );
    // Near the alarm figures: after them, before the comparison with before.
    let (alarm, own, trend) = (
        text.find("\nAlarm\n").unwrap(),
        text.find("\nSam's own number\n").unwrap(),
        text.find("Compared with").unwrap(),
    );
    assert!(alarm < own && own < trend, "{text}");
}

#[test]
fn the_parents_calm_and_what_happened_for_them_are_counted_kindly() {
    let journal = voices();
    let s = summary(&journal, &["--since", "2026-11-16"]);
    assert_eq!(
        s["parent_calm"],
        json!([{"period": "evening", "recorder": "Dad", "checkins": 2, "calm_median": 6.0, "alarm_median": 3.5}])
    );
    assert_eq!(
        s["for_me"],
        json!([
            {"text": "raised my voice", "period": "evening", "count": 1, "of": 2},
            {"text": "stayed calm", "period": "evening", "count": 1, "of": 2}
        ])
    );
    let text = journal.ok(&["summary", "--since", "2026-11-16"]);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "How the parents were · calm from 0 (not at all) to 10 (completely) How calm Dad felt, evenings: \
             median 6 (n=2); Sam's alarm on those evenings: median 3.5 raised my voice on 1 of 2 evenings a parent \
             said how they were"
        ),
        "{text}"
    );
}

#[test]
fn who_recorded_is_counted_when_more_than_one_did() {
    let journal = voices();
    let s = summary(&journal, &["--since", "2026-11-16"]);
    assert_eq!(
        s["recorders"],
        json!([{"name": "Mum", "checkins": 4}, {"name": "Dad", "checkins": 2}, {"name": null, "checkins": 1}])
    );
    let text = journal.ok(&["summary", "--since", "2026-11-16"]);
    assert!(text.contains("\nCheck-ins by: Mum 4, Dad 2, not said 1\n"), "{text}");
    // One recorder alone is not worth a line.
    let one = sam();
    std::fs::write(one.config_path(), "recorder = \"Mum\"\n").unwrap();
    one.ok(&["am", "5", "--date", "2026-11-16"]);
    let text = one.ok(&["summary", "--since", "2026-11-16"]);
    assert!(!text.contains("Check-ins by"), "{text}");
}

#[test]
fn list_and_show_say_who_recorded_the_childs_number_and_a_concern() {
    let journal = voices();
    journal.ok(&["pm", "5", "--own", "6", "--note", "she said she wants to die", "--concern", "--date", "2026-11-19"]);
    let list = journal.ok(&["list", "--since", "2026-11-16"]);
    let row = |needle: &str| list.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("{list}")).to_string();
    assert!(row("Mon 16 Nov 2026  morning").ends_with("own 4 · by Mum"), "{list}");
    assert!(row("Mon 16 Nov 2026  evening").ends_with("own 2 · calm 7 · by Dad"), "{list}");
    assert!(row("Thu 19 Nov 2026  evening").contains("⚠ safety concern · own 6"), "{list}");
    assert!(!row("Wed 18 Nov 2026  evening").contains("by"), "nobody said: {list}");
    let evening = journal.checkins().into_iter().find(|c| c["note"] != "").unwrap();
    let show = journal.ok(&["show", evening["id"].as_str().unwrap()]);
    assert!(show.contains("⚠ safety concern, open") && show.contains("6 (Sam's own)"), "{show}");
    let calm = journal.checkins().into_iter().find(|c| c["parent_calm"] == 7).unwrap();
    assert_eq!(
        (&calm["recorded_by"], &calm["own_rating"], &calm["for_me"]),
        (&json!("Dad"), &json!(2), &json!(["raised my voice"]))
    );
    let show = journal.ok(&["show", calm["id"].as_str().unwrap()]);
    for line in ["your calm    7 of 10", "for you      raised my voice", "recorded by  Dad"] {
        assert!(show.contains(line), "{line}: {show}");
    }
    assert!(!show.contains("safety concern"), "{show}");
}
