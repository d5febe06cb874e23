//! Exports for the clinician and imports from the other parent, over the real binary.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use common::{Journal, stderr_of, stdout_of};
use serde::Deserialize;
use serde_json::{Value, json};

const NOTE: &str = "Said \"no\", then yes;\nlater: ça va 👍 <script>alert(1)</script>";

/// Sam's fortnight with hard text in it, and Alex's check-in beside it.
fn journal() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal.ok(&["child", "add", "Alex"]);
    journal.ok(&["child", "default", "Sam"]);
    journal.ok(&["steps", "set", "uniform on", "drive past school", "walk to the gate"]);
    journal.ok(&["session", "add", "--date", "2026-11-09", "--note", "agreed the ladder"]);
    journal.ok(&["am", "8", "--date", "2026-11-09", "--win", "ate toast, with jam", "--helped", "calm presence"]);
    journal.ok(&["am", "6", "--date", "2026-11-16", "--win", "Sam's \"big\" smile", "--step", "2", "--note", NOTE]);
    journal.ok(&["pm", "3", "--date", "2026-11-16", "--peak", "7", "--school", "partial", "--win", "naïve café trip"]);
    journal.ok(&[
        "pm",
        "2",
        "--date",
        "2026-11-20",
        "--school",
        "full",
        "--next",
        "walk to the gate",
        "--note",
        "so proud",
    ]);
    journal.ok(&["am", "9", "--child", "Alex", "--date", "2026-11-20", "--note", "Alex's note"]);
    journal
}

fn export(journal: &Journal, args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    journal.ok(&all)
}

// Test-only mirror of the export format: an unexpected field fails the test.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Document {
    format: String,
    version: u32,
    generated_at: DateTime<FixedOffset>,
    child: String,
    range: Range,
    concerns: Vec<Concern>,
    checkins: Vec<CheckIn>,
    sessions: Vec<Session>,
    steps: Vec<Step>,
    summary: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Step {
    id: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Range {
    since: NaiveDate,
    until: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct CheckIn {
    id: String,
    child: String,
    date: NaiveDate,
    period: String,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    recorded_by: Option<String>,
    alarm: u8,
    peak_alarm: Option<u8>,
    own_rating: Option<u8>,
    body: Vec<String>,
    helped: Vec<String>,
    wins: Vec<String>,
    school: Option<SchoolDay>,
    step: Option<Step>,
    next_step: Option<String>,
    parent_calm: Option<u8>,
    for_me: Vec<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Concern {
    id: String,
    child: String,
    date: NaiveDate,
    text: Option<String>,
    status: String,
    checkin: Option<String>,
    recorded_by: Option<String>,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    resolved: Option<Resolution>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Resolution {
    date: NaiveDate,
    note: Option<String>,
    recorded_by: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SchoolDay {
    outcome: String,
    reason: Option<String>,
    #[serde(rename = "in")]
    time_in: Option<String>,
    #[serde(rename = "out")]
    time_out: Option<String>,
    lessons: Option<Lessons>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Lessons {
    attended: u8,
    of: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Session {
    id: String,
    child: String,
    date: NaiveDate,
    note: String,
    updated_at: DateTime<FixedOffset>,
    recorded_by: Option<String>,
}

fn schema_errors(document: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/srt-export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the committed schema is a valid JSON Schema");
    validator.iter_errors(document).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_json_export_matches_the_format_and_the_committed_schema() {
    let journal = journal();
    let text = export(&journal, &[]);
    let document: Document = serde_json::from_str(&text).expect("the export has exactly the documented fields");
    assert_eq!(document.format, "srt-export");
    assert_eq!(document.version, 5);
    assert_eq!(document.child, "Sam");
    assert_eq!(
        (document.range.since.to_string(), document.range.until.to_string()),
        ("2026-11-09".into(), "2026-11-23".into())
    );
    assert_eq!(document.checkins.len(), 4, "Sam's four, not Alex's");
    assert_eq!(document.sessions.len(), 1);
    let steps: Vec<&str> = document.steps.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(steps, ["uniform on", "drive past school", "walk to the gate"]);
    assert_eq!(document.checkins[1].step.as_ref().map(|s| &s.id), Some(&document.steps[1].id));
    assert_eq!(document.checkins[1].note, NOTE);
    let school = document.checkins[2].school.as_ref().expect("the evening says how school went");
    assert_eq!((school.outcome.as_str(), &school.reason), ("part", &None), "--school partial is taken as part");

    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema_errors(&value), Vec::<String>::new());
    // The summary inside is the summary of the same window.
    let summary: Value = serde_json::from_str(&journal.ok(&["summary", "--json"])).unwrap();
    assert_eq!(value["summary"], summary);

    // The schema is strict enough to catch a format change.
    let mut changed = value.clone();
    changed["checkins"][0]["mood"] = json!("sad");
    assert!(!schema_errors(&changed).is_empty());
    let mut changed = value.clone();
    changed["checkins"][0]["alarm"] = json!(11);
    assert!(!schema_errors(&changed).is_empty());
}

/// Sam's weeks around two sessions: four hard school mornings between them (read for the
/// trend, never exported), then school days with every detail a parent can give.
fn school_weeks() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal.ok(&["session", "add", "--date", "2026-11-02", "--note", "first visit"]);
    journal.ok(&["session", "add", "--date", "2026-11-09", "--note", "agreed a later start"]);
    let day = |date: &str, args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--date", date, "--yes"]);
        journal.ok(&all);
    };
    for (date, alarm) in [("2026-11-02", "8"), ("2026-11-03", "7"), ("2026-11-04", "8"), ("2026-11-05", "7")] {
        day(date, &["am", alarm]);
    }
    day("2026-11-05", &["pm", "6", "--school", "absent", "--reason", "anxiety", "--note", "before"]);
    day("2026-11-10", &["am", "4"]);
    day("2026-11-10", &["pm", "3", "--school", "part", "--in", "10:30", "--out", "13:00", "--lessons", "2/6"]);
    day("2026-11-11", &["am", "5"]);
    day("2026-11-11", &["pm", "2", "--school", "absent", "--reason", "ill"]);
    day("2026-11-12", &["am", "4"]);
    day("2026-11-12", &["pm", "2", "--school", "full", "--in", "08:45", "--out", "15:15", "--lessons", "6/6"]);
    day("2026-11-14", &["pm", "1", "--school", "none"]);
    day("2026-11-16", &["am", "6"]);
    journal
}

#[test]
fn a_school_day_in_every_detail_is_exported_as_the_schema_says() {
    let journal = school_weeks();
    let text = export(&journal, &[]);
    let document: Document = serde_json::from_str(&text).expect("the export has exactly the documented fields");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema_errors(&value), Vec::<String>::new());
    let evenings: Vec<Value> = value["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["period"] == "evening")
        .map(|c| json!([c["date"], c["school"]]))
        .collect();
    assert_eq!(
        evenings,
        [
            json!(["2026-11-10", {"outcome": "part", "reason": null, "in": "10:30", "out": "13:00",
                "lessons": {"attended": 2, "of": 6}}]),
            json!(["2026-11-11", {"outcome": "absent", "reason": "ill", "in": null, "out": null, "lessons": null}]),
            json!(["2026-11-12", {"outcome": "full", "reason": null, "in": "08:45", "out": "15:15",
                "lessons": {"attended": 6, "of": 6}}]),
            json!(["2026-11-14", {"outcome": "none", "reason": null, "in": null, "out": null, "lessons": null}]),
        ]
    );
    assert!(document.checkins.iter().all(|c| c.period == "evening" || c.school.is_none()));

    // The window's check-ins only, though the trend reads the interval before it.
    let since: NaiveDate = "2026-11-09".parse().unwrap();
    assert_eq!((document.range.since, document.checkins.len()), (since, 8));
    assert!(document.checkins.iter().all(|c| c.date >= since), "nothing from before the window is exported");
    assert!(!text.contains("2026-11-05") && !text.contains("\"before\""), "nor a word of it");
    let summary = &value["summary"];
    assert_eq!(summary["coverage"]["checkins"], 8);
    // The morning of the 11th, ill at home, is not compared: three school mornings are too
    // few to say, though the four before were all hard.
    assert_eq!(
        summary["trend"],
        json!({"basis": "previous_interval",
            "this": {"since": "2026-11-09", "until": "2026-11-23", "mornings": 3, "morning_median": 4.0,
                "hard_mornings": 0},
            "previous": {"since": "2026-11-02", "until": "2026-11-08", "mornings": 4, "morning_median": 7.5,
                "hard_mornings": 4},
            "verdict": "too few"})
    );
    assert_eq!(summary["school"]["absent_anxiety"], 0, "the day at home before the window is not the window's");
    assert_eq!(
        (&summary["school"]["minutes_in"], &summary["school"]["lessons_attended"], &summary["school"]["lessons_of"]),
        (&json!(540), &json!(8), &json!(12))
    );
    assert_eq!(summary["session_note"], "agreed a later start");

    // The same figures as `srt summary --json`, for the default window and for one chosen.
    let summary_json = |args: &[&str]| -> Value {
        let mut all = vec!["summary", "--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&journal.ok(&all)).unwrap()
    };
    assert_eq!(*summary, summary_json(&[]));
    // Six days from the 11th are compared with the six before: the 5th and the 10th.
    let chosen = ["--since", "2026-11-11", "--until", "2026-11-16"];
    let part: Value = serde_json::from_str(&export(&journal, &chosen)).unwrap();
    assert_eq!(part["summary"], summary_json(&chosen));
    let previous = &part["summary"]["trend"]["previous"];
    assert_eq!((&previous["since"], &previous["mornings"]), (&json!("2026-11-05"), &json!(2)));
    let dates: Vec<&str> = part["checkins"].as_array().unwrap().iter().map(|c| c["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2026-11-11", "2026-11-11", "2026-11-12", "2026-11-12", "2026-11-14", "2026-11-16"]);
    assert_eq!(schema_errors(&part), Vec::<String>::new());
}

#[test]
fn the_schema_refuses_what_srt_would_not_write() {
    let journal = school_weeks();
    let good: Value = serde_json::from_str(&export(&journal, &[])).unwrap();
    assert_eq!(schema_errors(&good), Vec::<String>::new());
    // checkins[1] is the part day, [3] the day at home ill. Each change must be refused for
    // what it is: the schema's error names the place and the rule.
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, &str, Change)> = vec![
        ("version 4", "5 was expected at /version", Box::new(|d| d["version"] = json!(4))),
        ("school as an older word", "at /checkins/1/school", Box::new(|d| d["checkins"][1]["school"] = json!("late"))),
        ("school as today's word", "at /checkins/1/school", Box::new(|d| d["checkins"][1]["school"] = json!("part"))),
        (
            "an outcome of old",
            "\"partial\" is not one of",
            Box::new(|d| d["checkins"][1]["school"]["outcome"] = json!("partial")),
        ),
        (
            "a reason on a part day",
            "null was expected at /checkins/1/school/reason",
            Box::new(|d| d["checkins"][1]["school"]["reason"] = json!("ill")),
        ),
        (
            "an unknown reason",
            "at /checkins/3/school/reason",
            Box::new(|d| d["checkins"][3]["school"]["reason"] = json!("bored")),
        ),
        (
            "times on a day at home",
            "null was expected at /checkins/3/school/in",
            Box::new(|d| d["checkins"][3]["school"]["in"] = json!("10:30")),
        ),
        (
            "lessons on a day at home",
            "null was expected at /checkins/3/school/lessons",
            Box::new(|d| d["checkins"][3]["school"]["lessons"] = json!({"attended": 0, "of": 6})),
        ),
        (
            "a time without its zero",
            "at /checkins/1/school/in",
            Box::new(|d| d["checkins"][1]["school"]["in"] = json!("9:05")),
        ),
        ("hour 24", "at /checkins/1/school/out", Box::new(|d| d["checkins"][1]["school"]["out"] = json!("24:00"))),
        ("minute 60", "at /checkins/1/school/out", Box::new(|d| d["checkins"][1]["school"]["out"] = json!("13:60"))),
        ("seconds", "at /checkins/1/school/out", Box::new(|d| d["checkins"][1]["school"]["out"] = json!("13:00:00"))),
        (
            "21 lessons",
            "at /checkins/1/school/lessons/of",
            Box::new(|d| d["checkins"][1]["school"]["lessons"]["of"] = json!(21)),
        ),
        (
            "a day of no lessons",
            "at /checkins/1/school/lessons/of",
            Box::new(|d| d["checkins"][1]["school"]["lessons"]["of"] = json!(0)),
        ),
        (
            "lessons as N/M",
            "at /checkins/1/school/lessons",
            Box::new(|d| d["checkins"][1]["school"]["lessons"] = json!("2/6")),
        ),
        (
            "a field more in a school day",
            "'late' was unexpected",
            Box::new(|d| d["checkins"][1]["school"]["late"] = json!(true)),
        ),
        (
            "a field less in a school day",
            "\"lessons\" is a required property",
            Box::new(|d| remove(&mut d["checkins"][1]["school"], "lessons")),
        ),
        (
            "a summary without its trend",
            "\"trend\" is a required property",
            Box::new(|d| remove(&mut d["summary"], "trend")),
        ),
        (
            "a figure renamed",
            "\"not_recorded\" is a required property",
            Box::new(|d| rename(&mut d["summary"]["school"], "not_recorded", "unrecorded")),
        ),
        (
            "a median renamed",
            "'morning_avg' was unexpected",
            Box::new(|d| rename(&mut d["summary"]["alarm"], "morning_median", "morning_avg")),
        ),
        (
            "a verdict in other words",
            "at /summary/trend/verdict",
            Box::new(|d| d["summary"]["trend"]["verdict"] = json!("better")),
        ),
        (
            "a trend side without its count",
            "\"mornings\" is a required property at /summary/trend/previous",
            Box::new(|d| remove(&mut d["summary"]["trend"]["previous"], "mornings")),
        ),
        (
            "half a lesson",
            "at /summary/school/lessons_of",
            Box::new(|d| d["summary"]["school"]["lessons_of"] = json!(12.5)),
        ),
        (
            "a median between halves",
            "not a multiple of 0.5",
            Box::new(|d| d["summary"]["alarm"]["morning_median"] = json!(4.25)),
        ),
        (
            "a coverage of old",
            "'possible' was unexpected",
            Box::new(|d| d["summary"]["coverage"]["possible"] = json!(30)),
        ),
    ];
    for (name, expected, change) in cases {
        let mut document = good.clone();
        change(&mut document);
        assert_ne!(document, good, "{name}: the change changed nothing");
        let errors = schema_errors(&document);
        assert!(errors.iter().any(|e| e.contains(expected)), "{name}: expected {expected:?} in {errors:?}");
    }
}

fn remove(object: &mut Value, field: &str) {
    object.as_object_mut().unwrap().remove(field).expect("the field is there");
}

fn rename(object: &mut Value, from: &str, to: &str) {
    let value = object.as_object_mut().unwrap().remove(from).expect("the field is there");
    object[to] = value;
}

#[test]
fn every_format_follows_the_range_flags() {
    let journal = journal();
    let count = |args: &[&str]| {
        let document: Value = serde_json::from_str(&export(&journal, args)).unwrap();
        (document["range"].clone(), document["checkins"].as_array().unwrap().len())
    };
    assert_eq!(count(&["--last", "7d"]), (json!({"since": "2026-11-17", "until": "2026-11-23"}), 1));
    assert_eq!(count(&["--since", "2026-11-16", "--until", "2026-11-16"]).1, 2);
    assert_eq!(count(&["--all"]), (json!({"since": "2026-11-09", "until": "2026-11-23"}), 4));
    let err = stderr_of(&journal.srt().args(["export", "--all", "--last", "7d"]).assert().code(2));
    assert!(err.contains("cannot be used with"), "{err}");
    let err = stderr_of(&journal.srt().args(["export", "--format", "pdf"]).assert().code(2));
    assert!(err.contains("json, csv, fhir, html"), "{err}");
}

#[test]
fn output_files_are_private_and_written_whole() {
    let journal = journal();
    let path = journal.root().join("for the therapist.html");
    fs::write(&path, "an older report").unwrap();
    let out = journal.ok(&["export", "--format", "html", "-o", path.to_str().unwrap()]);
    assert!(
        out.contains("Wrote Sam's export from 2026-11-09 to 2026-11-23") && out.contains("readable by you only"),
        "{out}"
    );
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(fs::read_to_string(&path).unwrap().starts_with("<!DOCTYPE html>"));
    let leftovers: Vec<_> = fs::read_dir(journal.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let err = stderr_of(&journal.srt().args(["export", "-o", "/nonexistent/dir/x.json"]).assert().code(2));
    assert!(err.contains("there is no folder /nonexistent/dir to write the export into"), "{err}");
}

#[test]
fn csv_cells_a_spreadsheet_would_run_as_formulas_stay_text() {
    let journal = Journal::new();
    let win = "=HYPERLINK(\"http://example.com\",\"click\")";
    journal.ok(&["am", "4", "--child", "Sam", "--win", win, "--helped", "+1 hug", "--note=-calmer after lunch"]);
    let text = export(&journal, &["--format", "csv"]);
    let row = csv::Reader::from_reader(text.as_bytes()).records().next().unwrap().unwrap();
    assert_eq!(&row[10], format!("'{win}"));
    assert_eq!(&row[9], "'+1 hug");
    assert_eq!(&row[19], "'-calmer after lunch");
    assert_eq!(&row[1], "Sam");
    // The JSON export keeps the words exactly as written.
    let document: Value = serde_json::from_str(&export(&journal, &[])).unwrap();
    assert_eq!(document["checkins"][0]["wins"][0], win);
}

#[test]
fn csv_survives_a_round_trip_through_a_spreadsheet() {
    let journal = journal();
    let text = export(&journal, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
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
            "school_reason",
            "school_in",
            "school_out",
            "school_lessons_attended",
            "school_lessons_of",
            "step",
            "next_step",
            "note",
            "recorded_by",
            "own_rating",
            "parent_calm",
            "for_me"
        ],
        "the new columns at the end, after those older readers know"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let document: Value = serde_json::from_str(&export(&journal, &[])).unwrap();
    for (row, checkin) in rows.iter().zip(document["checkins"].as_array().unwrap()) {
        assert_eq!(&row[0], checkin["id"].as_str().unwrap());
        assert_eq!(&row[2], checkin["date"].as_str().unwrap());
        assert_eq!(&row[4], checkin["created_at"].as_str().unwrap());
        assert_eq!(row[6].parse::<u8>().unwrap(), checkin["alarm"].as_u64().unwrap() as u8);
        let wins: Vec<&str> = checkin["wins"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert_eq!(&row[10], wins.join("; "));
        assert_eq!(&row[19], checkin["note"].as_str().unwrap());
    }
    assert_eq!(&rows[1][19], NOTE);
    assert_eq!(&rows[1][10], "Sam's \"big\" smile");
    assert_eq!(&rows[1][17], "drive past school", "the step by its words");
    assert_eq!(&rows[0][10], "ate toast, with jam");
    assert_eq!(&rows[2][10], "naïve café trip");
    assert_eq!((&rows[2][7], &rows[2][11]), ("7", "part"), "--school partial is taken as part");
}

#[test]
fn csv_has_a_column_for_each_detail_of_the_school_day() {
    let journal = school_weeks();
    let text = export(&journal, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[11..17],
        ["school", "school_reason", "school_in", "school_out", "school_lessons_attended", "school_lessons_of"]
    );
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()).collect();
    let school: Vec<(&str, &str, [&str; 6])> = rows
        .iter()
        .map(|r| (r[2].as_str(), r[3].as_str(), [&*r[11], &*r[12], &*r[13], &*r[14], &*r[15], &*r[16]]))
        .collect();
    assert_eq!(
        school,
        [
            ("2026-11-10", "morning", ["", "", "", "", "", ""]),
            ("2026-11-10", "evening", ["part", "", "10:30", "13:00", "2", "6"]),
            ("2026-11-11", "morning", ["", "", "", "", "", ""]),
            ("2026-11-11", "evening", ["absent", "ill", "", "", "", ""]),
            ("2026-11-12", "morning", ["", "", "", "", "", ""]),
            ("2026-11-12", "evening", ["full", "", "08:45", "15:15", "6", "6"]),
            ("2026-11-14", "evening", ["none", "", "", "", "", ""]),
            ("2026-11-16", "morning", ["", "", "", "", "", ""]),
        ],
        "the window's check-ins only, each detail in its own column"
    );
    assert!(text.contains(",part,,10:30,13:00,2,6,"), "the cells as srt wrote them: {text}");
}

#[test]
fn the_fhir_export_is_a_valid_r4_bundle() {
    use fhir_model::r4b::resources::{Bundle, Resource};
    let journal = journal();
    let text = export(&journal, &["--format", "fhir"]);
    let bundle: Bundle = serde_json::from_str(&text).expect("a structurally valid FHIR Bundle");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["type"], "collection");
    let entries = bundle.entry.iter().flatten().collect::<Vec<_>>();
    // A patient, an alarm per check-in (4) and a peak for the evening that has one.
    assert_eq!(entries.len(), 6);
    let resources: Vec<&Value> = value["entry"].as_array().unwrap().iter().map(|e| &e["resource"]).collect();
    assert_eq!(resources[0]["resourceType"], "Patient");
    assert_eq!(resources[0]["name"][0]["text"], "Sam");
    let patient_url = value["entry"][0]["fullUrl"].as_str().unwrap();
    let observations: Vec<&&Value> = resources.iter().filter(|r| r["resourceType"] == "Observation").collect();
    assert_eq!(observations.len(), 5);
    for o in &observations {
        assert_eq!(o["status"], "final");
        assert_eq!(o["subject"]["reference"], patient_url);
        assert!(o["code"]["text"].as_str().unwrap().contains("0 calm to 10 overwhelmed"));
        assert!(o["valueInteger"].as_u64().unwrap() <= 10);
    }
    // Every check-in here was filled in on the 23rd for an earlier day: the day it is about
    // is when the rating was true.
    let effective: Vec<&str> = observations.iter().map(|o| o["effectiveDateTime"].as_str().unwrap()).collect();
    assert_eq!(effective, ["2026-11-09", "2026-11-16", "2026-11-16", "2026-11-16", "2026-11-20"]);
    assert_eq!(export(&journal, &["--format", "fhir"]), text, "the same journal gives the same bundle");
    journal.ok(&["am", "5"]);
    let today: Value = serde_json::from_str(&export(&journal, &["--format", "fhir", "--last", "1d"])).unwrap();
    let recorded = today["entry"][1]["resource"]["effectiveDateTime"].as_str().unwrap();
    assert_eq!(DateTime::parse_from_rfc3339(recorded).unwrap().to_rfc3339(), "2026-11-23T07:45:00+11:00");
    let values: Vec<u64> = observations.iter().map(|o| o["valueInteger"].as_u64().unwrap()).collect();
    assert_eq!(values, [8, 6, 3, 7, 2]);
    let notes = observations[0]["note"].as_array().unwrap();
    assert_eq!(notes[0]["text"], "Small wins: ate toast, with jam");
    assert_eq!(notes[1]["text"], "What helped: calm presence");
    assert!(entries.iter().any(|e| matches!(e.resource.as_ref(), Some(Resource::Patient(_)))));

    // The model rejects a broken bundle, so this test can fail.
    let broken = text.replacen("\"status\": \"final\"", "\"status\": \"finished\"", 1);
    assert!(serde_json::from_str::<Bundle>(&broken).is_err());
}

#[test]
fn the_html_report_is_self_contained_and_escapes_what_parents_wrote() {
    let journal = journal();
    let html = export(&journal, &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg") && html.contains("<polyline"), "the chart");
    assert!(html.contains("stroke-dasharray=\"3 3\""), "the session is marked");
    for win in ["ate toast, with jam", "Sam&#39;s &quot;big&quot; smile", "naïve café trip"] {
        assert!(html.contains(win) || html.contains(&win.replace("&#39;", "'")), "missing win {win}");
    }
    assert!(html.contains("calm presence") && html.contains("walk to the gate"));
    assert!(!html.contains("<script"), "a note can never become markup");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for attribute in ["src=", "href="] {
        for (at, _) in html.match_indices(attribute) {
            let value = &html[at + attribute.len()..(at + attribute.len() + 12).min(html.len())];
            assert!(!value.contains("http"), "{attribute}{value}: nothing is fetched");
        }
    }
    assert!(!html.contains("@import") && !html.contains("url("));
    assert!(html.contains("@page { size: A4"));
    assert!(!html.contains("Alex"), "another child's entries never appear");
}

#[test]
fn a_redacted_export_has_neither_the_name_nor_any_note() {
    let journal = journal();
    for format in ["json", "csv", "fhir", "html"] {
        let text = export(&journal, &["--all", "--redact", "--format", format]);
        assert!(!text.contains("Sam"), "{format}: the name is still there");
        for note in ["ça va", "so proud", "agreed the ladder", "script"] {
            assert!(!text.contains(note), "{format}: the note '{note}' is still there");
        }
        assert!(text.contains("Child"), "{format}");
        assert!(text.contains("ate toast, with jam"), "{format}: wins stay");
    }
    let document: Value = serde_json::from_str(&export(&journal, &["--all", "--redact"])).unwrap();
    assert_eq!(schema_errors(&document), Vec::<String>::new());
    assert_eq!(document["checkins"][1]["wins"], json!(["Child's \"big\" smile"]));
    let plain: Value = serde_json::from_str(&export(&journal, &["--all"])).unwrap();
    let ids = |d: &Value| d["checkins"].as_array().unwrap().iter().map(|c| c["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&document), ids(&plain), "ids stay");
}

#[test]
fn export_then_import_into_an_empty_journal_gives_the_same_check_ins() {
    let first = journal();
    let file = first.root().join("sam.json");
    first.ok(&["export", "--all", "-o", file.to_str().unwrap()]);

    let second = Journal::new();
    let out = second.srt_on("laptop-b").args(["import", file.to_str().unwrap()]).assert().success();
    let out = stdout_of(&out);
    assert!(out.contains("4 new, 0 updated, 0 unchanged check-ins"), "{out}");
    assert!(out.contains("1 new, 0 updated, 0 unchanged sessions"), "{out}");
    assert!(out.contains("added the brave-steps ladder (3 steps)"), "{out}");

    let again = stdout_of(&second.srt_on("laptop-b").args(["import", file.to_str().unwrap()]).assert().success());
    assert!(again.contains("0 new, 0 updated, 4 unchanged check-ins"), "{again}");
    let before = second.snapshot();
    second.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(second.snapshot(), before, "a repeated import writes nothing");

    let exported = |journal: &Journal| {
        let document: Value = serde_json::from_str(&export(journal, &["--all"])).unwrap();
        (
            document["checkins"].clone(),
            document["sessions"].clone(),
            document["steps"].clone(),
            document["summary"].clone(),
        )
    };
    assert_eq!(exported(&second), exported(&first));
}

#[test]
fn an_import_merges_by_id_and_the_newer_revision_wins() {
    let home = journal();
    let file = home.root().join("sam.json");
    home.ok(&["export", "--all", "-o", file.to_str().unwrap()]);
    let other = Journal::new();
    other.ok(&["import", file.to_str().unwrap()]);

    // The other parent corrects one check-in a day later and adds one.
    let id = home.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
    other.srt().env("SRT_NOW", "2026-11-24T08:00:00+11:00").args(["edit", &id, "--alarm", "5"]).assert().success();
    other.srt().env("SRT_NOW", "2026-11-24T08:00:00+11:00").args(["am", "4", "--win", "new day"]).assert().success();
    let back = other.root().join("back.json");
    other
        .srt()
        .env("SRT_NOW", "2026-11-24T08:00:00+11:00")
        .args(["export", "--all", "-o", back.to_str().unwrap()])
        .assert()
        .success();

    let next_day = "2026-11-24T08:00:00+11:00";
    let out =
        stdout_of(&home.srt().env("SRT_NOW", next_day).args(["import", back.to_str().unwrap()]).assert().success());
    assert!(out.contains("1 new, 1 updated, 3 unchanged check-ins"), "{out}");
    let checkins = home.checkins_of(&["--until", "2026-11-24"]);
    assert_eq!(checkins[0]["alarm"], 5);
    assert_eq!(checkins.last().unwrap()["wins"], json!(["new day"]));

    // An older copy does not undo the newer one.
    let out =
        stdout_of(&home.srt().env("SRT_NOW", next_day).args(["import", file.to_str().unwrap()]).assert().success());
    assert!(out.contains("0 new, 0 updated, 4 unchanged check-ins"), "{out}");
    assert_eq!(home.checkins()[0]["alarm"], 5);
}

#[test]
fn files_that_are_not_srt_exports_are_refused_and_nothing_is_written() {
    let journal = journal();
    let good: Value = serde_json::from_str(&export(&journal, &["--all"])).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        ("not-json.json", "hello".into(), "is not an srt export (not JSON"),
        ("other.json", r#"{"entries": []}"#.into(), "is not an srt export (it has no \"format\": \"srt-export\")"),
        (
            "newer.json",
            r#"{"format": "srt-export", "version": 6}"#.into(),
            "written by a newer srt (v6); this srt reads up to v5; please upgrade",
        ),
        ("alarm.json", good.to_string().replace("\"alarm\":8", "\"alarm\":11"), "alarm levels run from 0 to 10"),
        (
            "extra.json",
            {
                let mut v = good.clone();
                v["checkins"][0]["mood"] = json!("x");
                v.to_string()
            },
            "unknown field `mood`",
        ),
        (
            "escape.json",
            {
                let mut v = good.clone();
                v["checkins"][0]["note"] = json!("\u{1b}[2J");
                v.to_string()
            },
            "control character",
        ),
        ("date.json", good.to_string().replace("2026-11-09", "2026-02-30"), "is not a valid srt export"),
        (
            "future.json",
            {
                let mut v = good.clone();
                v["checkins"][0]["date"] = json!("2027-01-01");
                v.to_string()
            },
            "is in the future",
        ),
        (
            "twice.json",
            {
                let mut v = good.clone();
                v["checkins"][1]["id"] = v["checkins"][0]["id"].clone();
                v.to_string()
            },
            "same id",
        ),
        ("redacted.json", export(&journal, &["--all", "--redact"]), "is a redacted export"),
    ];
    let before = journal.snapshot();
    for (name, content, expected) in cases {
        let path = journal.root().join(name);
        fs::write(&path, content).unwrap();
        let err = stderr_of(&journal.srt().args(["import", path.to_str().unwrap()]).assert().code(2));
        assert!(err.starts_with("srt: error: ") && err.contains(expected), "{name}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
    }
    assert_eq!(journal.snapshot(), before);
    let err = stderr_of(&journal.srt().args(["import", "/nonexistent.json"]).assert().code(2));
    assert!(err.contains("there is no file /nonexistent.json"), "{err}");
}

#[test]
fn an_export_that_fails_half_way_leaves_no_file_behind() {
    let journal = journal();
    let log = journal.month_log("laptop-a", "2026-11");
    let text = fs::read_to_string(&log).unwrap();
    fs::write(&log, text.replacen("\"alarm\":3", "\"alarm\":33", 1)).unwrap();
    let path = journal.root().join("report.json");
    fs::write(&path, "the last good export").unwrap();
    let err = stderr_of(&journal.srt().args(["export", "-o", path.to_str().unwrap()]).assert().code(1));
    assert!(err.contains("could not read the journal at"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "the last good export");
    let leftovers = fs::read_dir(journal.root()).unwrap().filter_map(|e| e.ok());
    assert!(leftovers.filter(|e| e.file_name().to_string_lossy().starts_with(".tmp")).count() == 0);
}

#[test]
fn redaction_leaves_the_name_out_of_every_words_a_parent_wrote() {
    let journal = Journal::new();
    journal.ok(&[
        "am",
        "5",
        "--child",
        "Zoë",
        "--body",
        "Zoë's tummy",
        "--helped",
        "hug from zoë",
        "--win",
        "ZOË laughed",
    ]);
    journal.ok(&["steps", "set", "Zoë at the gate"]);
    journal.ok(&["pm", "3", "--next", "Zoë walks in", "--step", "1", "--note", "Zoë said a lot"]);
    for format in ["json", "csv", "fhir", "html"] {
        let text = export(&journal, &["--redact", "--format", format]);
        let lower = text.to_lowercase();
        assert!(!lower.contains("zoë") && !lower.contains("zoe\u{308}"), "{format}: {text}");
        if ["json", "csv"].contains(&format) {
            assert!(text.contains("Child walks in"), "{format}: the next step stays, without the name");
        }
    }
    let document: Value = serde_json::from_str(&export(&journal, &["--redact"])).unwrap();
    assert_eq!(document["checkins"][1]["next_step"], "Child walks in");
    assert_eq!(document["checkins"][1]["step"]["text"], "Child at the gate");
    assert_eq!(document["steps"][0]["text"], "Child at the gate");
    assert_eq!(schema_errors(&document), Vec::<String>::new());
}

#[test]
fn a_window_before_the_first_check_in_counts_no_school_day_and_validates() {
    let journal = school_weeks();
    let text = export(&journal, &["--since", "2026-10-01", "--until", "2026-10-31"]);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema_errors(&value), Vec::<String>::new());
    let coverage = &value["summary"]["coverage"];
    assert_eq!((&coverage["counted_from"], &coverage["expected_days"]), (&Value::Null, &json!(0)));
    assert_eq!(value["summary"]["school"]["not_recorded"], 0, "no day before srt was used is missing");
}

const CONCERN: &str = "At the pelican pond she said she wishes she was not alive";

/// Sam's fortnight, recorded by Rosalind, with a safety concern from long before it.
fn with_a_concern() -> Journal {
    let journal = journal();
    fs::write(journal.config_path(), "recorder = \"Rosalind\"\n").unwrap();
    journal.ok(&["am", "4", "--own", "3", "--my-calm", "6", "--for-me", "stayed calm", "--date", "2026-11-23"]);
    journal.ok(&["concern", CONCERN, "--date", "2026-09-01"]);
    journal
}

/// Everything the concern shows in: the text summary, its JSON, and the four exports.
fn every_output(journal: &Journal, window: &[&str]) -> [(&'static str, String); 6] {
    let with = |args: &[&str]| journal.ok(&[args, window].concat());
    [
        ("summary", with(&["summary"])),
        ("summary --json", with(&["summary", "--json"])),
        ("json", with(&["export"])),
        ("csv", with(&["export", "--format", "csv"])),
        ("fhir", with(&["export", "--format", "fhir"])),
        ("html", with(&["export", "--format", "html"])),
    ]
}

#[test]
fn an_open_concern_comes_first_in_every_summary_and_export_whatever_the_window() {
    use fhir_model::r4b::resources::Bundle;
    let journal = with_a_concern();
    for window in [&[][..], &["--since", "2026-08-01", "--until", "2026-08-15"]] {
        let [(_, text), (_, summary), (_, json), (_, csv), (_, fhir), (_, html)] = every_output(&journal, window);
        assert!(text.starts_with("Safety concern, open"), "{window:?}: {text}");
        assert!(text.find("pelican").unwrap() < text.find("Small wins").unwrap(), "{text}");
        assert!(text.contains("contact your clinician"), "the safety line beside it: {text}");

        let summary: Value = serde_json::from_str(&summary).unwrap();
        assert_eq!(summary["concerns"][0]["text"], CONCERN);
        assert_eq!(
            (&summary["concerns"][0]["date"], &summary["concerns"][0]["status"]),
            (&json!("2026-09-01"), &json!("open"))
        );

        let json: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(schema_errors(&json), Vec::<String>::new());
        assert_eq!((&json["concerns"][0]["text"], &json["concerns"][0]["status"]), (&json!(CONCERN), &json!("open")));
        assert_eq!(json["concerns"][0]["recorded_by"], "Rosalind");
        assert_eq!(json["summary"]["concerns"][0]["text"], CONCERN);

        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        let first = rows.records().next().unwrap().unwrap();
        assert_eq!(
            (&first[2], &first[3], &first[19], &first[20]),
            ("2026-09-01", "safety concern", CONCERN, "Rosalind")
        );

        serde_json::from_str::<Bundle>(&fhir).expect("a valid bundle, with its Flag");
        let fhir: Value = serde_json::from_str(&fhir).unwrap();
        let flag = &fhir["entry"][0]["resource"];
        assert_eq!((&flag["resourceType"], &flag["status"]), (&json!("Flag"), &json!("active")));
        assert_eq!(flag["code"]["text"], format!("Safety concern noted by a parent: {CONCERN}"));
        assert_eq!(flag["period"]["start"], "2026-09-01");
        assert_eq!(flag["subject"]["reference"], fhir["entry"][1]["fullUrl"], "on the patient, who comes next");

        let boxed = html.find("<section class=\"concerns\">").expect("the concerns' box");
        assert!(boxed < html.find("Small wins").unwrap() && boxed < html.find("<h1>").unwrap(), "at the very top");
        assert!(html[boxed..].find("pelican").unwrap() < html[boxed..].find("</section>").unwrap());
        assert!(html.contains("contact your clinician or emergency services"), "the safety line");
    }
}

#[test]
fn a_resolved_concern_leaves_the_top_and_stays_in_the_list() {
    let journal = with_a_concern();
    let list: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_string();
    journal.ok(&["concern", "resolve", &id, "--note", "talked with Dr Lee"]);
    for window in [&[][..], &["--since", "2026-08-01", "--until", "2026-08-15"]] {
        for (what, text) in every_output(&journal, window) {
            if what == "json" {
                // The export keeps every concern, resolved too; not at the top.
                let json: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(
                    (&json["concerns"][0]["status"], &json["concerns"][0]["resolved"]["note"]),
                    (&json!("resolved"), &json!("talked with Dr Lee"))
                );
                assert_eq!(json["summary"]["concerns"], json!([]));
                assert_eq!(schema_errors(&json), Vec::<String>::new());
                continue;
            }
            assert!(!text.contains("pelican"), "{what} {window:?}: {text}");
            assert!(!text.contains("Safety concern") && !text.contains("safety concern,"), "{what}: {text}");
            assert!(!text.contains("\"Flag\""), "{what}");
        }
    }
    let list: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!((&list[0]["status"], &list[0]["text"]), (&json!("resolved"), &json!(CONCERN)));
}

#[test]
fn a_redacted_export_shows_the_concern_and_its_date_never_the_words_or_who() {
    let journal = with_a_concern();
    for format in ["json", "csv", "fhir", "html"] {
        let text = export(&journal, &["--redact", "--format", format]);
        for secret in ["pelican", "Rosalind", "alive"] {
            assert!(!text.contains(secret), "{format}: '{secret}' is still there: {text}");
        }
        let date = if format == "html" { "Tue 1 Sep 2026" } else { "2026-09-01" };
        assert!(text.contains(date), "{format}: the concern's date");
    }
    let json: Value = serde_json::from_str(&export(&journal, &["--redact"])).unwrap();
    assert_eq!(schema_errors(&json), Vec::<String>::new());
    let concern = &json["concerns"][0];
    assert_eq!(
        (&concern["text"], &concern["status"], &concern["recorded_by"]),
        (&Value::Null, &json!("open"), &json!("Parent"))
    );
    assert_eq!(json["summary"]["concerns"][0]["text"], Value::Null);
    let html = export(&journal, &["--redact", "--format", "html"]);
    assert!(html.contains("1 safety concern, Tue 1 Sep 2026 \u{2014} ask the parent"), "{html}");
    let csv = export(&journal, &["--redact", "--format", "csv"]);
    let first = csv::Reader::from_reader(csv.as_bytes()).records().next().unwrap().unwrap();
    assert_eq!((&first[3], &first[19], &first[20]), ("safety concern", "", "Parent"), "the fact, not the words");
    let fhir: Value = serde_json::from_str(&export(&journal, &["--redact", "--format", "fhir"])).unwrap();
    assert_eq!(fhir["entry"][0]["resource"]["code"]["text"], "Safety concern noted by a parent");
}

#[test]
fn the_childs_own_number_and_the_parents_calm_are_exported_apart_from_the_alarm() {
    use fhir_model::r4b::resources::Bundle;
    let journal = with_a_concern();
    let csv = export(&journal, &["--format", "csv", "--last", "1d"]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes()).records().map(Result::unwrap).collect();
    let today = rows.last().unwrap();
    assert_eq!((&today[20], &today[21], &today[22], &today[23]), ("Rosalind", "3", "6", "stayed calm"));

    let text = export(&journal, &["--format", "fhir", "--last", "1d"]);
    serde_json::from_str::<Bundle>(&text).expect("a valid bundle");
    let fhir: Value = serde_json::from_str(&text).unwrap();
    let resources: Vec<&Value> = fhir["entry"].as_array().unwrap().iter().map(|e| &e["resource"]).collect();
    let patient = fhir["entry"][1]["fullUrl"].clone();
    let observations: Vec<&&Value> = resources.iter().filter(|r| r["resourceType"] == "Observation").collect();
    assert_eq!(observations.len(), 3, "the parent's alarm, Sam's own number, the parent's calm");
    let [alarm, own, calm] = [observations[0], observations[1], observations[2]];
    assert_eq!((&alarm["valueInteger"], &alarm["performer"]), (&json!(4), &json!([{"display": "Rosalind"}])));
    assert_eq!((&own["valueInteger"], &own["performer"]), (&json!(3), &json!([{"reference": patient}])));
    assert!(own["code"]["text"].as_str().unwrap().starts_with("Child's own rating"), "a code of its own");
    assert_ne!(own["code"], alarm["code"]);
    assert_eq!((&calm["valueInteger"], &calm["performer"]), (&json!(6), &json!([{"display": "Rosalind"}])));
    assert!(calm["code"]["text"].as_str().unwrap().contains("Parent's own calm"));
    // Unknown recorder: no performer named on the parent's rating.
    let earlier: Value = serde_json::from_str(&export(&journal, &["--format", "fhir"])).unwrap();
    let first =
        earlier["entry"].as_array().unwrap().iter().find(|e| e["resource"]["resourceType"] == "Observation").unwrap();
    assert!(first["resource"].get("performer").is_none(), "{first}");
    let redacted: Value =
        serde_json::from_str(&export(&journal, &["--format", "fhir", "--last", "1d", "--redact"])).unwrap();
    assert_eq!(redacted["entry"][2]["resource"]["performer"], json!([{"display": "Parent"}]));

    let html = export(&journal, &["--format", "html"]);
    assert!(
        html.contains("stroke=\"#6b46c1\" stroke-width=\"1.8\" stroke-dasharray=\"2 2\""),
        "Sam's own line, dotted"
    );
    assert!(
        html.contains("Sam&#39;s own number, mornings (dotted)")
            || html.contains("Sam's own number, mornings (dotted)")
    );
    let without: String = export(&self::journal(), &["--format", "html"]);
    assert!(!without.contains("#6b46c1\" stroke-width"), "no own line without own numbers");
}

#[test]
fn a_redacted_export_puts_parent_where_a_recorders_name_stands_in_their_words() {
    let journal = Journal::new();
    fs::write(journal.config_path(), "recorder = \"Rosalind\"\n").unwrap();
    journal.ok(&[
        "am",
        "4",
        "--child",
        "Sam",
        "--my-calm",
        "3",
        "--for-me",
        "Rosalind and I argued",
        "--helped",
        "rosalind's playlist",
        "--yes",
    ]);
    journal.ok(&["session", "add", "--note", "first visit"]);
    for format in ["json", "csv", "fhir", "html"] {
        let out = journal.ok(&["export", "--format", format, "--redact", "--last", "7d"]);
        assert!(!out.to_lowercase().contains("rosalind"), "{format}: {out}");
        assert!(out.contains("Parent and I argued") || format == "html", "{format}: {out}");
    }
    let unredacted = journal.ok(&["export", "--format", "csv", "--last", "7d"]);
    assert!(unredacted.contains("Rosalind and I argued"), "{unredacted}");
}

#[test]
fn a_redacted_export_hides_the_name_of_every_parent_who_recorded_in_it() {
    let journal = Journal::new();
    fs::write(journal.config_path(), "recorder = \"Dad\"\n").unwrap();
    journal.ok(&["am", "5", "--child", "Sam", "--helped", "walk in with Dad", "--date", "2026-11-20", "--yes"]);
    fs::write(journal.config_path(), "recorder = \"Mum\"\n").unwrap();
    // Mum's words name Dad, who recorded only an earlier check-in.
    journal.ok(&["am", "4", "--helped", "Dad drove; walk in with Mum", "--yes"]);
    for format in ["json", "csv", "fhir", "html"] {
        let out = journal.ok(&["export", "--format", format, "--redact", "--last", "7d"]);
        // As words: "dad" can be part of a random id's hex.
        let lower = out.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
        assert!(!words.contains(&"dad") && !words.contains(&"mum"), "{format}: {out}");
        assert!(words.contains(&"parent"), "{format}: {out}");
    }
}
