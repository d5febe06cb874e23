//! The check-in as a parent does it: answering questions on a real pseudo-terminal.

mod common;

use std::process::Command;

use common::{Journal, on_a_pty as start, press};
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::json;

const ENTER: &str = "\r";

fn answer(session: &mut PtySession, question: &str, keys: &str) {
    session.exp_string(question).unwrap_or_else(|e| panic!("waiting for '{question}': {e}"));
    press(session, keys);
}

fn exit_code(session: &mut PtySession) -> i32 {
    session.exp_eof().unwrap();
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("srt did not exit normally: {other:?}"),
    }
}

/// The child's own number, asked after the alarm: Enter skips it.
const OWN: &str = "own number, if they gave one";

/// Asked after a new or changed note without risk words: Enter says no.
const MARK: &str = "Mark this note as a safety concern";

fn journal_with_sam() -> Journal {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal
}

#[test]
fn typing_the_alarm_and_pressing_enter_through_the_rest_saves_the_check_in() {
    let journal = journal_with_sam();
    let mut session = start(&journal, &["morning"]);
    // rexpect reads bytes one by one, so the needles stay ASCII.
    answer(&mut session, "0 calm", "");
    answer(&mut session, "9-10 overwhelmed", "");
    answer(&mut session, "Sam's alarm this morning, 0-10", &format!("7{ENTER}"));
    answer(&mut session, "alarmed", "");
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Body signals", ENTER);
    answer(&mut session, "What helped", ENTER);
    answer(&mut session, "Small wins", ENTER);
    answer(&mut session, "A note for you or the therapist", ENTER);
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);

    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0]["alarm"], 7);
    assert_eq!(checkins[0]["period"], "morning");
    assert_eq!(checkins[0]["wins"], json!([]));
    assert_eq!(checkins[0]["note"], "");
}

#[test]
fn the_first_check_in_asks_for_the_childs_name_and_ticks_and_new_items_are_saved() {
    let journal = Journal::new();
    let mut session = start(&journal, &["am"]);
    // An empty name is asked again.
    answer(&mut session, "first name or a nickname", ENTER);
    answer(&mut session, "first name or a nickname", &format!("Robin{ENTER}"));
    // A level out of range is explained and asked again.
    answer(&mut session, "Robin's alarm this morning", &format!("11{ENTER}"));
    answer(&mut session, "0 (calm) to 10 (overwhelmed)", &format!("4{ENTER}"));
    answer(&mut session, OWN, ENTER);
    // Tick the first suggestion ("stomach ache").
    answer(&mut session, "Body signals", &format!(" {ENTER}"));
    answer(&mut session, "What helped", ENTER);
    // Go to "+ something new" (the 11th item) and add two of the family's own words.
    answer(&mut session, "Small wins", &format!("{}{}", "\x1b[A", " "));
    press(&mut session, ENTER);
    answer(&mut session, "Something new", &format!("fed the cat{ENTER}"));
    answer(&mut session, "Something new", &format!("smiled at the gate{ENTER}"));
    answer(&mut session, "Something new", ENTER);
    answer(&mut session, "A note", &format!("Slept badly{ENTER}"));
    answer(&mut session, MARK, ENTER);
    session.exp_string("Saved Robin's morning check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);

    let c = &journal.checkins()[0];
    assert_eq!(c["child"], "Robin");
    assert_eq!(c["alarm"], 4);
    assert_eq!(c["body"], json!(["stomach ache"]));
    assert_eq!(c["wins"], json!(["fed the cat", "smiled at the gate"]));
    assert_eq!(c["note"], "Slept badly");
}

#[test]
fn earlier_answers_are_offered_first() {
    let journal = journal_with_sam();
    journal.ok(&["am", "5", "--date", "2026-11-20", "--helped", "trampoline"]);
    journal.ok(&["am", "5", "--date", "2026-11-21", "--helped", "trampoline", "--helped", "calm presence"]);
    let mut session = start(&journal, &["pm", "3", "--peak", "6", "--school", "full"]);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Small wins", ENTER);
    // The family's most used strategy is first: ticking the first item picks it.
    answer(&mut session, "What helped", &format!(" {ENTER}"));
    answer(&mut session, "next small step", &format!("walk to the gate{ENTER}"));
    answer(&mut session, "A note", ENTER);
    assert_eq!(exit_code(&mut session), 0);
    let evening = journal.checkins().into_iter().find(|c| c["period"] == "evening").unwrap();
    assert_eq!(evening["helped"], json!(["trampoline"]));
    assert_eq!(evening["school"], json!({"outcome": "full", "reason": null, "in": null, "out": null, "lessons": null}));
    assert_eq!(evening["next_step"], "walk to the gate");
}

#[test]
fn running_it_again_offers_to_amend_with_the_answers_filled_in() {
    let journal = journal_with_sam();
    journal.ok(&["am", "6", "--win", "got dressed", "--note", "tired"]);
    let id = journal.checkins()[0]["id"].clone();
    let mut session = start(&journal, &["am"]);
    answer(&mut session, "There is already a morning check-in", "");
    answer(&mut session, "Amend it?", "y");
    // Enter keeps each current answer.
    answer(&mut session, "alarm this morning", ENTER);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Body signals", ENTER);
    answer(&mut session, "What helped", ENTER);
    answer(&mut session, "Small wins", ENTER);
    answer(&mut session, "A note", &format!(", better by nine{ENTER}"));
    answer(&mut session, MARK, ENTER);
    assert_eq!(exit_code(&mut session), 0);
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0]["id"], id);
    assert_eq!(checkins[0]["alarm"], 6);
    assert_eq!(checkins[0]["wins"], json!(["got dressed"]));
    assert_eq!(checkins[0]["note"], "tired, better by nine");
}

#[test]
fn ctrl_c_writes_nothing_and_exits_130() {
    let journal = journal_with_sam();
    let before = journal.snapshot();
    let mut session = start(&journal, &["morning"]);
    session.exp_string("alarm this morning").unwrap();
    session.send_control('c').unwrap();
    session.exp_string("Nothing was saved.").unwrap();
    assert_eq!(exit_code(&mut session), 130);

    let mut session = start(&journal, &["evening", "4"]);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "At its highest today", ENTER);
    answer(&mut session, "How did school go", "");
    session.send_control('c').unwrap();
    assert_eq!(exit_code(&mut session), 130);
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn escape_on_a_list_cancels_without_saving() {
    let journal = journal_with_sam();
    let before = journal.snapshot();
    let mut session = start(&journal, &["morning", "5"]);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Body signals", "\x1b");
    assert_eq!(exit_code(&mut session), 130);
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn the_ladder_is_offered_when_the_child_has_one() {
    let journal = journal_with_sam();
    journal.ok(&["steps", "set", "uniform on", "drive past school", "walk to the gate"]);
    let mut session = start(&journal, &["morning", "5"]);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Body signals", ENTER);
    answer(&mut session, "What helped", ENTER);
    answer(&mut session, "Small wins", ENTER);
    answer(&mut session, "3. walk to the gate", "");
    // "skip for now" is first; two down is step 2.
    press(&mut session, "\x1b[B\x1b[B");
    press(&mut session, ENTER);
    answer(&mut session, "A note", ENTER);
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(journal.checkins()[0]["step"]["text"], "drive past school");
}

#[test]
fn edit_without_flags_asks_again_with_the_answers_filled_in() {
    let journal = journal_with_sam();
    journal.ok(&["pm", "4", "--peak", "7", "--school", "late", "--win", "laughed", "--next", "gate", "--note", "ok"]);
    let checkin = journal.checkins()[0].clone();
    let mut session = start(&journal, &["edit", &checkin["id"].as_str().unwrap()[..8]]);
    answer(&mut session, "alarm now", &format!("3{ENTER}"));
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "At its highest today", ENTER);
    // "late" reads as part of the day, which Enter keeps; with no times given, they are
    // asked for, and Enter skips them.
    answer(&mut session, "How did school go", ENTER);
    answer(&mut session, "Times (10:30-13:00)", ENTER);
    answer(&mut session, "Small wins", ENTER);
    answer(&mut session, "What helped", ENTER);
    answer(&mut session, "next small step", ENTER);
    answer(&mut session, "A note", &format!(" then tired{ENTER}"));
    answer(&mut session, MARK, ENTER);
    session.exp_string("Saved the evening check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let edited = &journal.checkins()[0];
    assert_eq!(edited["id"], checkin["id"]);
    assert_eq!(edited["alarm"], 3);
    assert_eq!(edited["peak_alarm"], 7);
    assert_eq!(edited["school"], json!({"outcome": "part", "reason": null, "in": null, "out": null, "lessons": null}));
    assert_eq!(edited["wins"], json!(["laughed"]));
    assert_eq!(edited["next_step"], "gate");
    assert_eq!(edited["note"], "ok then tired");
}

const DOWN: &str = "\x1b[B";

/// Answers an evening's questions after the school day's with Enter.
fn enter_through_the_rest_of_the_evening(session: &mut PtySession) {
    for question in ["Small wins", "What helped", "next small step", "A note"] {
        answer(session, question, ENTER);
    }
    session.exp_string("Saved Sam's evening check-in").unwrap();
    assert_eq!(exit_code(session), 0);
}

#[test]
fn a_day_at_home_is_asked_why() {
    let journal = journal_with_sam();
    let mut session = start(&journal, &["evening", "3", "--peak", "6"]);
    answer(&mut session, OWN, ENTER);
    // "skip for now" is first; three down is "did not go".
    answer(&mut session, "How did school go", "");
    answer(&mut session, "no school that day", &DOWN.repeat(3));
    press(&mut session, ENTER);
    // "skip for now" is first, then anxiety; two down is ill.
    answer(&mut session, "What kept them home", "");
    answer(&mut session, "another reason", &DOWN.repeat(2));
    press(&mut session, ENTER);
    enter_through_the_rest_of_the_evening(&mut session);
    let evening = &journal.checkins()[0];
    assert_eq!(
        evening["school"],
        json!({"outcome": "absent", "reason": "ill", "in": null, "out": null, "lessons": null})
    );
    let shown = journal.ok(&["show", &evening["id"].as_str().unwrap()[..8]]);
    assert!(shown.contains("did not go (ill)"), "{shown}");
}

#[test]
fn part_of_a_day_asks_the_times_until_they_read() {
    let journal = journal_with_sam();
    let mut session = start(&journal, &["evening", "3", "--peak", "6"]);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "How did school go", "");
    answer(&mut session, "no school that day", &DOWN.repeat(2));
    press(&mut session, ENTER);
    answer(&mut session, "Times (10:30-13:00) or lessons (2/6)", &format!("soon{ENTER}"));
    session.exp_string("'soon' is neither times (like 10:30-13:00) nor lessons (like 2/6)").unwrap();
    answer(&mut session, "Times (10:30-13:00)", &format!("10:30-13:00{ENTER}"));
    enter_through_the_rest_of_the_evening(&mut session);
    let evening = &journal.checkins()[0];
    assert_eq!(
        evening["school"],
        json!({"outcome": "part", "reason": null, "in": "10:30", "out": "13:00", "lessons": null})
    );
    let shown = journal.ok(&["show", &evening["id"].as_str().unwrap()[..8]]);
    assert!(shown.contains("part of the day, 10:30-13:00"), "{shown}");
}

#[test]
fn a_note_over_the_limit_comes_back_to_be_shortened() {
    let journal = journal_with_sam();
    let mut session = start(&journal, &["morning", "5"]);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Body signals", ENTER);
    answer(&mut session, "What helped", ENTER);
    answer(&mut session, "Small wins", ENTER);
    let long = "x".repeat(2_010);
    answer(&mut session, "A note", &format!("{long}{ENTER}"));
    session.exp_string("the note is 2010 characters long; the limit is 2000: here it is again to change").unwrap();
    // It is offered again, whole: ten backspaces make it fit.
    answer(&mut session, "A note", &format!("{}{ENTER}", "\x7f".repeat(10)));
    answer(&mut session, MARK, ENTER);
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(journal.checkins()[0]["note"], "x".repeat(2_000));
}

#[test]
fn after_midnight_the_first_question_names_the_day_it_saves_under() {
    let journal = journal_with_sam();
    journal.ok(&["am", "6", "--date", "2026-11-23"]);
    let mut command = Command::new(common::bin());
    command.envs(journal.env("laptop-a")).env("SRT_NOW", "2026-11-24T00:30:00+11:00").args(["evening"]);
    let mut session = spawn_command(command, Some(10_000)).unwrap();
    answer(&mut session, "Sam's alarm now (Mon 23 Nov 2026), 0-10", &format!("2{ENTER}"));
    answer(&mut session, OWN, ENTER);
    // The day's highest is at least the morning's 6: Enter takes it.
    answer(&mut session, "At its highest today", ENTER);
    session.exp_string("worried").unwrap();
    answer(&mut session, "How did school go", ENTER);
    answer(&mut session, "Small wins", ENTER);
    answer(&mut session, "What helped", ENTER);
    answer(&mut session, "next small step", ENTER);
    answer(&mut session, "A note", ENTER);
    session.exp_string("Saved Sam's evening check-in for Mon 23 Nov 2026").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let evening = journal.checkins().into_iter().find(|c| c["period"] == "evening").unwrap();
    assert_eq!((evening["date"].clone(), evening["peak_alarm"].clone()), (json!("2026-11-23"), json!(6)));
}

#[test]
fn picking_the_same_step_again_keeps_its_words_and_no_step_clears_it() {
    let journal = journal_with_sam();
    journal.ok(&["steps", "set", "uniform on", "drive past school", "walk to the gate"]);
    journal.ok(&["am", "5", "--step", "2"]);
    journal.ok(&["steps", "rename", "2", "drive past the school"]);
    let id = journal.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
    let before = journal.snapshot();
    let mut session = start(&journal, &["edit", &id]);
    for question in ["alarm this morning", OWN, "Body signals", "What helped", "Small wins", "Brave step", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Nothing changed").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(journal.snapshot(), before, "the step keeps the words it was saved with");
    assert_eq!(journal.checkins()[0]["step"]["text"], "drive past school");

    // "no step", at the top, clears it.
    let mut session = start(&journal, &["edit", &id]);
    for question in ["alarm this morning", OWN, "Body signals", "What helped", "Small wins"] {
        answer(&mut session, question, ENTER);
    }
    answer(&mut session, "no step", "");
    press(&mut session, "\x1b[A\x1b[A");
    press(&mut session, ENTER);
    answer(&mut session, "A note", ENTER);
    session.exp_string("Saved").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(journal.checkins()[0]["step"], serde_json::Value::Null);
}

#[test]
fn a_check_in_saved_elsewhere_while_answering_is_shown_and_the_parent_chooses() {
    let journal = journal_with_sam();
    let mut session = start(&journal, &["morning", "6"]);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Body signals", ENTER);
    // Meanwhile, the other parent saves this morning's check-in.
    journal.ok(&["am", "3", "--win", "from Dad", "--yes"]);
    answer(&mut session, "What helped", ENTER);
    answer(&mut session, "Small wins", ENTER);
    answer(&mut session, "A note", &format!("from Mum{ENTER}"));
    answer(&mut session, MARK, ENTER);
    session.exp_string("While you were answering, another srt saved this morning check-in").unwrap();
    session.exp_string("from Dad").unwrap();
    answer(&mut session, "Replace it with yours?", "y");
    session.exp_string("Saved Sam's morning check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 1);
    assert_eq!((checkins[0]["alarm"].clone(), checkins[0]["note"].clone()), (json!(6), json!("from Mum")));
}

#[test]
fn answers_typed_are_kept_when_the_save_itself_fails() {
    let journal = journal_with_sam();
    let lock = std::fs::File::create(journal.data().join("srt.lock")).unwrap();
    lock.lock().unwrap();
    let mut command = Command::new(common::bin());
    command.envs(journal.env("laptop-a")).env("SRT_LOCK_TIMEOUT", "1").args(["morning", "6"]);
    let mut session = spawn_command(command, Some(10_000)).unwrap();
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "Body signals", ENTER);
    answer(&mut session, "What helped", ENTER);
    // Tick the fifth suggestion, "walked to the gate".
    answer(&mut session, "Small wins", &format!("{} {ENTER}", "\x1b[B".repeat(4)));
    answer(&mut session, "A note for you or the therapist", &format!("held the lock{ENTER}"));
    answer(&mut session, MARK, ENTER);
    session.exp_string("nothing was saved").unwrap();
    let (_, rest) = session.exp_regex(r"your answers are kept in [^\s)]+").unwrap();
    assert_eq!(exit_code(&mut session), 1);
    let path = rest.trim_start_matches("your answers are kept in ");
    let kept: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!((kept["alarm"].clone(), kept["wins"].clone()), (json!(6), json!(["walked to the gate"])));
    assert_eq!(kept["note"], "held the lock");
    drop(lock);
    assert!(journal.checkins().is_empty(), "nothing was saved");
}

#[test]
fn a_journal_srt_cannot_write_is_said_before_the_editor_opens() {
    let journal = journal_with_sam();
    journal.ok(&["morning", "3", "--date", "2026-11-20", "--yes"]);
    let id = journal.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
    std::fs::remove_file(journal.data().join("srt.lock")).unwrap();
    std::fs::create_dir(journal.data().join("srt.lock")).unwrap();
    let opened = journal.root().join("editor-opened");
    let editor = journal.root().join("editor.sh");
    std::fs::write(&editor, format!("#!/bin/sh\ntouch '{}'\necho words > \"$1\"\n", opened.display())).unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    for args in
        [&["evening", "3", "--edit-note"][..], &["morning", "3", "--yes", "--edit-note"], &["edit", &id, "--edit-note"]]
    {
        let mut command = Command::new(common::bin());
        command.envs(journal.env("laptop-a")).env("VISUAL", &editor).args(args);
        let mut session = spawn_command(command, Some(10_000)).unwrap();
        session.exp_string("is not a plain file").unwrap();
        assert_eq!(exit_code(&mut session), 1);
        assert!(!opened.exists(), "{args:?}: the editor was opened, and what was written in it lost");
    }
}

#[test]
fn amending_a_part_day_offers_its_times_to_change() {
    let journal = journal_with_sam();
    journal.ok(&["pm", "3", "--peak", "6", "--school", "part", "--in", "10:00", "--out", "13:00", "--lessons", "2/6"]);
    let id = journal.checkins()[0]["id"].as_str().unwrap()[..8].to_string();
    let mut session = start(&journal, &["edit", &id]);
    answer(&mut session, "alarm now", ENTER);
    answer(&mut session, OWN, ENTER);
    answer(&mut session, "At its highest today", ENTER);
    answer(&mut session, "How did school go", ENTER);
    // The saved times and lessons are there to change: 15 characters, rubbed out.
    answer(&mut session, "Times (10:30-13:00)", "");
    session.exp_string("10:00-13:00 2/6").unwrap();
    press(&mut session, &"\x7f".repeat(15));
    press(&mut session, &format!("9:30-13:00 3/6{ENTER}"));
    for question in ["Small wins", "What helped", "next small step", "A note"] {
        answer(&mut session, question, ENTER);
    }
    session.exp_string("Saved the evening check-in").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    assert_eq!(
        journal.checkins()[0]["school"],
        json!({"outcome": "part", "reason": null, "in": "09:30", "out": "13:00", "lessons": {"attended": 3, "of": 6}})
    );
}
