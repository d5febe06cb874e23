//! Every voice in a check-in: the child's own number, the parent's own calm, who recorded,
//! and a note marked as a safety concern. At a real pseudo-terminal, and by flags.

mod common;

use std::time::Duration;

use common::{Journal, on_a_pty as start, press, stderr_of, stdout_of};
use rexpect::process::WaitStatus;
use rexpect::session::PtySession;
use serde_json::{Value, json};

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";

/// The child's own number, asked after the alarm.
const OWN: &str = "own number, if they gave one";

/// Asked after a new note without words of risk; No is the default.
const MARK: &str = "Mark this note as a safety concern";

/// Asked after a new note with words of risk; there is no default.
const MARK_RISK: &str = "Mark it as a safety concern, so your clinician sees it first?";

const RISK_NOTE: &str = "at dinner she said 'sometimes I wish I wasn't alive, then I wouldn't have to go'";

const SAFETY_LINE: &str = "If you are worried about your child's safety right now";

/// Waits for `question`, then types `keys`; returns what was shown before the question.
fn answer(session: &mut PtySession, question: &str, keys: &str) -> String {
    let before = session.exp_string(question).unwrap_or_else(|e| panic!("waiting for '{question}': {e}"));
    press(session, keys);
    before
}

/// Everything srt shows until it ends, and its exit code.
fn finish(session: &mut PtySession) -> (String, i32) {
    let rest = session.exp_eof().unwrap();
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("srt did not exit normally: {other:?}"),
    }
}

fn journal_with_sam() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal
}

/// A morning with the alarm given, Enter through to the note, which is `note`.
fn morning_up_to_the_note(journal: &Journal, note: &str) -> PtySession {
    let mut session = start(journal, &["morning", "5"]);
    for question in [OWN, "Body signals", "What helped", "Small wins"] {
        answer(&mut session, question, ENTER);
    }
    answer(&mut session, "A note for you or the therapist", &format!("{note}{ENTER}"));
    session
}

fn concerns(journal: &Journal) -> Vec<Value> {
    serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).expect("concern list --json is JSON")
}

/// What `srt status` shows; it exits 1 while today's evening is still to do.
fn status(journal: &Journal) -> String {
    stdout_of(&journal.srt().arg("status").assert().code(1))
}

#[test]
fn a_note_with_words_of_risk_names_them_waits_for_an_answer_and_y_marks_it() {
    let journal = journal_with_sam();
    let mut session = morning_up_to_the_note(&journal, RISK_NOTE);
    // The words are named in quotes, which the echoed note does not have.
    session.exp_string("words (\"wasn't alive\")").unwrap();
    answer(&mut session, MARK_RISK, ENTER);
    // Enter alone is no answer: srt is still asking, and nothing is saved.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(session.process().status(), Some(WaitStatus::StillAlive), "Enter alone ended the question");
    assert!(journal.checkins().is_empty(), "Enter alone saved the check-in");
    press(&mut session, "y");
    press(&mut session, ENTER);
    session.exp_string("Saved Sam's morning check-in").unwrap();
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Marked as a safety concern"), "{rest}");
    assert!(rest.contains(SAFETY_LINE), "{rest}");

    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0]["note"], RISK_NOTE);
    let concerns = concerns(&journal);
    assert_eq!(concerns.len(), 1, "{concerns:?}");
    assert_eq!(concerns[0]["text"], RISK_NOTE);
    assert_eq!(concerns[0]["status"], "open");
    assert_eq!(concerns[0]["checkin"], checkins[0]["id"]);
    assert_eq!(concerns[0]["date"], common::TODAY);

    // The summary starts with it, before the heading that names the child.
    let summary = journal.ok(&["summary"]);
    let concern_at = summary.find("wasn't alive").unwrap_or_else(|| panic!("no concern in the summary: {summary}"));
    let heading_at = summary.find("Sam \u{b7} the last").unwrap_or_else(|| panic!("no heading: {summary}"));
    assert!(concern_at < heading_at, "the concern comes after the heading: {summary}");
    assert!(summary[..heading_at].contains(SAFETY_LINE), "{summary}");
    let status = status(&journal);
    assert!(status.contains("Safety concern, open") && status.contains("wasn't alive"), "{status}");
}

#[test]
fn a_note_with_words_of_risk_answered_n_is_saved_and_marks_nothing() {
    let journal = journal_with_sam();
    let mut session = morning_up_to_the_note(&journal, RISK_NOTE);
    session.exp_string("words (\"wasn't alive\")").unwrap();
    answer(&mut session, MARK_RISK, "n");
    press(&mut session, ENTER);
    session.exp_string("Saved Sam's morning check-in").unwrap();
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    assert!(!rest.contains("Marked as a safety concern"), "{rest}");
    let checkins = journal.checkins();
    let id = &checkins[0]["id"].as_str().unwrap()[..8];
    assert!(rest.contains(&format!("Not marked. If you change your mind:\r\n  srt edit {id} --concern")), "{rest:?}");
    assert_eq!((checkins.len(), checkins[0]["note"].clone()), (1, json!(RISK_NOTE)));
    assert_eq!(concerns(&journal), Vec::<Value>::new());
    assert!(!status(&journal).contains("Safety concern"));
}

#[test]
fn ctrl_c_at_the_question_about_risk_saves_nothing() {
    let journal = journal_with_sam();
    let before = journal.snapshot();
    let mut session = morning_up_to_the_note(&journal, RISK_NOTE);
    session.exp_string(MARK_RISK).unwrap();
    session.send_control('c').unwrap();
    // The note is not lost: its words are kept, and srt says where.
    let (_, kept) = session.exp_regex(r"What you wrote is kept in \S+\.txt").unwrap();
    let path = kept.trim_start_matches("What you wrote is kept in ");
    session.exp_string("Nothing was saved.").unwrap();
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 130);
    assert!(!rest.contains("Nothing was saved") && !rest.contains("kept in"), "said once: {rest:?}");
    assert_eq!(journal.snapshot(), before);
    assert_eq!(std::fs::read_to_string(path).unwrap(), RISK_NOTE);
}

#[test]
fn an_ordinary_note_is_asked_about_and_enter_means_no() {
    let journal = journal_with_sam();
    let mut session = morning_up_to_the_note(&journal, "asked for the blanket");
    let shown = answer(&mut session, MARK, ENTER);
    assert!(!shown.contains("can mean a child is thinking"), "an ordinary note named as risk: {shown}");
    session.exp_string("Saved Sam's morning check-in").unwrap();
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    assert!(!rest.contains("Marked as a safety concern"), "{rest}");
    assert_eq!(journal.checkins()[0]["note"], "asked for the blanket");
    assert_eq!(concerns(&journal), Vec::<Value>::new());
}

#[test]
fn the_childs_own_number_is_saved_enter_skips_it_and_eleven_is_asked_again() {
    let journal = journal_with_sam();
    let mut session = start(&journal, &["morning", "5"]);
    answer(&mut session, OWN, &format!("11{ENTER}"));
    session.exp_string("above 10").unwrap();
    answer(&mut session, OWN, &format!("4{ENTER}"));
    for question in ["Body signals", "What helped", "Small wins", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);

    let mut session = start(&journal, &["evening", "3", "--peak", "6", "--school", "full"]);
    answer(&mut session, OWN, ENTER);
    for question in ["Small wins", "What helped", "next small step", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Saved Sam's evening check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);

    let own: Vec<(Value, Value)> =
        journal.checkins().iter().map(|c| (c["period"].clone(), c["own_rating"].clone())).collect();
    assert_eq!(own, [(json!("morning"), json!(4)), (json!("evening"), Value::Null)]);
}

#[test]
fn with_faces_the_third_face_is_saved_as_five() {
    let journal = journal_with_sam();
    std::fs::write(journal.config_path(), "own_rating = \"faces\"\n").unwrap();
    let mut session = start(&journal, &["morning", "5"]);
    let shown = answer(&mut session, "own face, if they chose one", "");
    assert!(!shown.contains(OWN), "the number was asked as well: {shown}");
    // The five faces follow "skip", calm first: three down is the third face.
    for face in ["skip: no face this time", "a little worried", "very worried", "as worried as can be"] {
        session.exp_string(face).unwrap();
    }
    press(&mut session, &DOWN.repeat(3));
    press(&mut session, ENTER);
    for question in ["Body signals", "What helped", "Small wins", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);
    assert_eq!(journal.checkins()[0]["own_rating"], 5);
}

#[test]
fn with_ask_parent_calm_the_parent_is_asked_and_otherwise_never() {
    let journal = journal_with_sam();
    std::fs::write(journal.config_path(), "ask_parent_calm = true\n").unwrap();
    let mut session = start(&journal, &["morning", "5"]);
    for question in [OWN, "Body signals", "What helped", "Small wins"] {
        answer(&mut session, question, ENTER);
    }
    answer(&mut session, "And you: how calm were you", &format!("7{ENTER}"));
    // "raised my voice" is the third of srt's own suggestions.
    answer(&mut session, "What happened for you", "");
    session.exp_string("raised my voice").unwrap();
    press(&mut session, &format!("{} {ENTER}", DOWN.repeat(2)));
    answer(&mut session, "A note", ENTER);
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);
    let morning = &journal.checkins()[0];
    assert_eq!((morning["parent_calm"].clone(), morning["for_me"].clone()), (json!(7), json!(["raised my voice"])));

    // Without the config, the note follows the lists and the parent is not asked.
    std::fs::remove_file(journal.config_path()).unwrap();
    let mut session = start(&journal, &["evening", "3", "--peak", "6", "--school", "full"]);
    for question in [OWN, "Small wins", "What helped", "next small step"] {
        answer(&mut session, question, ENTER);
    }
    let shown = answer(&mut session, "A note", ENTER);
    assert!(!shown.contains("how calm were you") && !shown.contains("What happened for you"), "{shown}");
    session.exp_string("Saved Sam's evening check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);
    let evening = journal.checkins().into_iter().find(|c| c["period"] == "evening").unwrap();
    assert_eq!((evening["parent_calm"].clone(), evening["for_me"].clone()), (Value::Null, json!([])));
}

#[test]
fn the_first_check_in_at_a_computer_asks_who_records_and_the_next_does_not() {
    let journal = journal_with_sam();
    journal.forget_recorder();
    let mut session = start(&journal, &["morning", "5"]);
    answer(&mut session, "Who is recording on this computer?", &format!("Mum{ENTER}"));
    for question in [OWN, "Body signals", "What helped", "Small wins", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);

    let mut session = start(&journal, &["evening", "3", "--peak", "6", "--school", "full"]);
    let shown = answer(&mut session, OWN, ENTER);
    assert!(!shown.contains("Who is recording"), "asked again: {shown}");
    for question in ["Small wins", "What helped", "next small step", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Saved Sam's evening check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);
    let recorded: Vec<Value> = journal.checkins().iter().map(|c| c["recorded_by"].clone()).collect();
    assert_eq!(recorded, [json!("Mum"), json!("Mum")]);
}

#[test]
fn with_a_recorder_in_the_config_nobody_is_asked() {
    let journal = journal_with_sam();
    journal.forget_recorder();
    std::fs::write(journal.config_path(), "recorder = \"Dad\"\n").unwrap();
    let mut session = start(&journal, &["morning", "5"]);
    let shown = answer(&mut session, OWN, ENTER);
    assert!(!shown.contains("Who is recording"), "{shown}");
    for question in ["Body signals", "What helped", "Small wins", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(finish(&mut session).1, 0);
    assert_eq!(journal.checkins()[0]["recorded_by"], "Dad");
    // Every new record says who made it: a concern and a session too.
    journal.ok(&["concern", "she said she wanted to die"]);
    journal.ok(&["session", "add", "--note", "talked it over"]);
    let concerns: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    let sessions: Value = serde_json::from_str(&journal.ok(&["session", "list", "--json"])).unwrap();
    assert_eq!((&concerns[0]["recorded_by"], &sessions[0]["recorded_by"]), (&json!("Dad"), &json!("Dad")));
    let resolved = journal.ok(&["concern", "resolve", &concerns[0]["id"].as_str().unwrap()[..8], "--note", "Dr Lee"]);
    assert!(resolved.starts_with("Resolved"), "{resolved}");
    let concerns: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!(concerns[0]["resolved"]["recorded_by"], "Dad");
}

#[test]
fn the_flags_save_the_own_number_the_parents_calm_and_what_happened_for_them() {
    let journal = journal_with_sam();
    journal.ok(&["am", "6", "--own", "3", "--my-calm", "8", "--for-me", "I stayed calm", "--yes"]);
    let morning = &journal.checkins()[0];
    assert_eq!(
        (morning["own_rating"].clone(), morning["parent_calm"].clone(), morning["for_me"].clone()),
        (json!(3), json!(8), json!(["I stayed calm"]))
    );
}

#[test]
fn an_own_number_or_a_calm_out_of_range_is_refused_and_nothing_is_written() {
    let journal = journal_with_sam();
    let before = journal.snapshot();
    for (flag, value, why) in
        [("--own", "11", "above 10"), ("--own", "-1", "below 0"), ("--my-calm", "ten", "use a whole number")]
    {
        let out = journal.srt().args(["am", "6", flag, value, "--yes"]).assert().code(2);
        let err = stderr_of(&out);
        assert!(err.starts_with("srt: error: ") && err.contains(why), "{flag} {value}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{flag} {value}: {err}");
        assert!(stdout_of(&out).is_empty());
        assert_eq!(journal.snapshot(), before, "{flag} {value} wrote something");
    }
}

#[test]
fn concern_with_a_note_saves_an_open_concern_linked_to_the_check_in() {
    let journal = journal_with_sam();
    let out = journal.ok(&["am", "6", "--note", "said her tummy hurts every school day", "--concern", "--yes"]);
    assert!(out.contains("Marked as a safety concern") && out.contains(SAFETY_LINE), "{out}");
    let checkin = &journal.checkins()[0];
    let concerns = concerns(&journal);
    assert_eq!(concerns.len(), 1, "{concerns:?}");
    assert_eq!(
        (concerns[0]["text"].clone(), concerns[0]["status"].clone(), concerns[0]["checkin"].clone()),
        (json!("said her tummy hurts every school day"), json!("open"), checkin["id"].clone())
    );
}

#[test]
fn concern_without_a_note_is_refused_and_nothing_is_written() {
    let journal = journal_with_sam();
    let before = journal.snapshot();
    let err = stderr_of(&journal.srt().args(["am", "6", "--concern", "--yes"]).assert().code(2));
    assert!(err.starts_with("srt: error: ") && err.contains("--note TEXT"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn a_note_with_words_of_risk_by_flags_is_saved_unmarked_with_a_hint_and_edit_concern_marks_it() {
    let journal = journal_with_sam();
    let out = journal.ok(&["am", "6", "--note", RISK_NOTE, "--yes"]);
    let checkin = journal.checkins()[0].clone();
    assert_eq!(checkin["note"], RISK_NOTE);
    let id = &checkin["id"].as_str().unwrap()[..8];
    assert!(out.contains("\"wasn't alive\""), "{out}");
    assert!(out.contains(&format!("\n  srt edit {id} --concern\n")), "{out}");
    assert!(!out.contains("Marked as a safety concern"), "{out}");
    assert_eq!(concerns(&journal), Vec::<Value>::new(), "srt marked a note on its own");

    let out = journal.ok(&["edit", id, "--concern"]);
    assert!(out.contains("Marked as a safety concern") && out.contains(SAFETY_LINE), "{out}");
    let concerns = concerns(&journal);
    assert_eq!(concerns.len(), 1, "{concerns:?}");
    assert_eq!(
        (concerns[0]["text"].clone(), concerns[0]["checkin"].clone()),
        (json!(RISK_NOTE), checkin["id"].clone())
    );
    assert_eq!(concerns[0]["status"], "open");
    let again = journal.ok(&["edit", id, "--concern"]);
    assert!(again.starts_with("Already marked as a safety concern"), "marking twice is one concern: {again}");
    assert_eq!(self::concerns(&journal).len(), 1);
    let other = journal.ok(&["edit", id, "--alarm", "5"]);
    assert!(
        !other.contains("--concern") && !other.contains("Not marked"),
        "an edit of the alarm says no more: {other}"
    );
}

#[test]
fn a_concern_that_cannot_be_saved_says_the_check_in_was_and_how_to_mark_it_again() {
    let journal = journal_with_sam();
    // Something in the way of the concerns' log: a folder where the file would be.
    std::fs::create_dir_all(journal.data().join("log/laptop-a/concerns.jsonl")).unwrap();
    let out = journal.srt().args(["am", "6", "--note", "said she wanted to die", "--concern", "--yes"]).assert();
    let err = stderr_of(&out.code(1));
    let id = journal.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
    assert!(err.contains(&format!("the check-in itself was saved (id {id}), but its note is not marked yet")), "{err}");
    assert!(err.contains(&format!("`srt edit {id} --concern`")), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// srt with `args` on a pseudo-terminal of 80 columns and 24 rows, as a parent's.
fn on_80_columns(journal: &Journal, args: &str) -> PtySession {
    let mut command = std::process::Command::new("sh");
    let srt = common::bin();
    command
        .envs(journal.env("laptop-a"))
        .arg("-c")
        .arg(format!("stty cols 80 rows 24 && exec {} {args}", srt.display()));
    rexpect::session::spawn_command(command, Some(10_000)).expect("srt starts on a pty")
}

#[test]
fn a_long_note_shows_once_on_an_80_column_screen() {
    let journal = journal_with_sam();
    let note = format!("{RISK_NOTE} and then she went to bed early and we talked for a while");
    let mut session = on_80_columns(&journal, "morning 5");
    let size = |n| std::num::NonZero::new(n).unwrap();
    let mut screen = vt100::Parser::new(size(24), size(80), 0);
    // rexpect hands over each byte as a char.
    let bytes = |text: &str| text.chars().map(|c| c as u8).collect::<Vec<u8>>();
    let mut seen = |text: String, question: &str| {
        screen.process(&bytes(&text));
        screen.process(question.as_bytes());
    };
    for question in [OWN, "Body signals", "What helped", "Small wins"] {
        seen(answer(&mut session, question, ENTER), question);
    }
    let question = "A note for you or the therapist";
    seen(answer(&mut session, question, &format!("{note}{ENTER}")), question);
    seen(answer(&mut session, MARK_RISK, "n"), MARK_RISK);
    press(&mut session, ENTER);
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    screen.process(&bytes(&rest));
    let rows: Vec<String> = screen.screen().rows(0, 80).collect();
    let shown = rows.join("\n");
    let asked = shown.matches("A note for you or the therapist").count();
    assert_eq!(asked, 1, "the note is on the screen once:\n{shown}");
    assert!(rows.concat().contains(&note), "the whole note, wrapped by the terminal:\n{shown}");
}

#[test]
fn resolving_at_a_terminal_asks_with_whom_until_there_are_words() {
    let journal = journal_with_sam();
    journal.ok(&["concern", "she said she wanted to die"]);
    let id = concerns(&journal)[0]["id"].as_str().unwrap()[..8].to_string();
    let mut session = start(&journal, &["concern", "resolve", &id]);
    session.exp_string("she said she wanted to die").unwrap();
    answer(&mut session, "With whom and when was it talked over?", &format!("   {ENTER}"));
    answer(&mut session, "a few words are needed here", "");
    answer(&mut session, "With whom and when was it talked over?", &format!("talked with Dr Lee{ENTER}"));
    let (rest, code) = finish(&mut session);
    assert_eq!(code, 0, "{rest}");
    let concern = &concerns(&journal)[0];
    assert_eq!((&concern["status"], &concern["resolved"]["note"]), (&json!("resolved"), &json!("talked with Dr Lee")));
}
