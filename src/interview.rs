//! The questions of a check-in, asked on the terminal for each answer the flags did not
//! give, with the family's earlier words offered first. Used to take a check-in and to
//! change one.

use chrono::{Days, NaiveDate};

use crate::config::{Config, FACES, OwnScale};
use crate::error::{Error, Result};
use crate::journal::Journal;
use crate::model::school::parse_day_in_school;
use crate::model::{
    CheckIn, DateRange, Ladder, Period, Reason, School, SchoolDay, Step, StepAnswer, parse_own_rating,
    parse_parent_calm, risk_words,
};
use crate::prompt::Prompter;
use crate::render::text::{day, risk_message};
use crate::request::{Answers, SchoolAnswer};
use crate::suggest;
use crate::text::{Field, visible};

/// What the questions are about.
pub struct Asked<'a> {
    pub child: &'a str,
    pub period: Period,
    pub date: NaiveDate,
    /// The calendar date now: the first question names the day when it is another.
    pub calendar_today: NaiveDate,
    /// The check-in being changed, whose answers are offered as they were.
    pub earlier: Option<&'a CheckIn>,
    /// That day's morning alarm, for an evening: the day's highest is at least that.
    pub morning_alarm: Option<u8>,
    pub ladder: Option<&'a Ladder>,
    /// The child's earlier check-ins, oldest first, whose words are offered first.
    pub history: &'a [CheckIn],
}

/// How far back the list questions look for the family's own words.
const SUGGESTION_DAYS: u64 = 365;

/// The child's check-ins of the year before `date`, oldest first, whose words the list
/// questions offer first.
pub fn history(journal: &Journal, child: &str, date: NaiveDate) -> Result<Vec<CheckIn>> {
    let range = DateRange { since: date.checked_sub_days(Days::new(SUGGESTION_DAYS)), until: Some(date) };
    journal.checkins_of(child, &range)
}

/// Asks, on the terminal, for each answer the flags did not give.
pub fn ask_missing(prompter: &Prompter, config: &Config, about: &Asked, answers: &mut Answers) -> Result<()> {
    let Asked { period, earlier, ladder, .. } = *about;
    if answers.alarm.is_none() {
        answers.alarm = Some(prompter.alarm(&alarm_question(about), earlier.map(|e| e.alarm), None)?);
    }
    if answers.own_rating.is_none() {
        answers.own_rating =
            ask_own_rating(prompter, config.own_rating, about.child, earlier.and_then(|e| e.own_rating))?;
    }
    if period == Period::Evening {
        if answers.peak.is_none() {
            let now = answers.alarm.unwrap_or(0);
            let at_least = match about.morning_alarm.filter(|&morning| morning > now) {
                Some(morning) => (morning, "this morning's alarm"),
                None => (now, "the alarm now"),
            };
            let default = earlier.and_then(|e| e.peak_alarm).filter(|&p| p >= at_least.0).unwrap_or(at_least.0);
            answers.peak = Some(prompter.alarm("At its highest today, 0-10", Some(default), Some(at_least))?);
        }
        if answers.school.is_none() {
            answers.school = ask_school(prompter, earlier.and_then(|e| e.school))?.map(SchoolAnswer::Day);
        }
    }
    for &list in ListQuestion::order(period) {
        ask_list(prompter, config, about, answers, list)?;
    }
    if let Some(ladder) = ladder.filter(|l| !l.steps.is_empty())
        && answers.step.is_none()
    {
        answers.step = ask_step(prompter, ladder, earlier.and_then(|e| e.step.as_ref()))?;
    }
    if period == Period::Evening && answers.next_step.is_none() {
        let before = earlier.and_then(|e| e.next_step.as_deref()).unwrap_or("");
        answers.next_step =
            Some(prompter.text("A next small step for tomorrow (enter to skip)", before, Field::NextStep)?);
    }
    if config.ask_parent_calm {
        ask_parent(prompter, config, about, answers)?;
    }
    if answers.note.is_none() {
        let before = earlier.map_or("", |e| e.note.as_str());
        answers.note = Some(prompter.text("A note for you or the therapist (enter to skip)", before, Field::Note)?);
    }
    ask_concern_if_new(prompter, about, answers)
}

/// The child's own number, asked as the config says: a number, five faces, or not at all.
fn ask_own_rating(prompter: &Prompter, scale: OwnScale, child: &str, before: Option<u8>) -> Result<Option<u8>> {
    let child = visible(child, false);
    match scale {
        OwnScale::Off => Ok(None),
        OwnScale::Number => {
            let question = format!("{child}'s own number, if they gave one (0-10, or Enter to skip)");
            optional_number(prompter, &question, before, parse_own_rating)
        }
        OwnScale::Faces => {
            let mut options = vec!["skip: no face this time"];
            options.extend(FACES.iter().map(|(face, _)| *face));
            let nearest =
                before.map(|n| FACES.iter().enumerate().min_by_key(|(_, f)| f.1.abs_diff(n)).map_or(0, |f| f.0));
            let picked = prompter.choose(
                &format!("{child}'s own face, if they chose one"),
                &options,
                nearest.map_or(0, |i| i + 1),
            )?;
            Ok(picked.checked_sub(1).map(|i| FACES[i].1))
        }
    }
}

/// The parent's own calm, and what happened for them: asked only when the config says.
fn ask_parent(prompter: &Prompter, config: &Config, about: &Asked, answers: &mut Answers) -> Result<()> {
    if answers.parent_calm.is_none() {
        let question = "And you: how calm were you, 0 (not at all) to 10 (completely)? Enter skips";
        let before = about.earlier.and_then(|e| e.parent_calm);
        answers.parent_calm = optional_number(prompter, question, before, parse_parent_calm)?;
    }
    ask_list(prompter, config, about, answers, ListQuestion::ForMe)
}

/// A number 0-10 that may be skipped: Enter with nothing typed is none; `before` is
/// offered to keep.
fn optional_number(
    prompter: &Prompter,
    question: &str,
    before: Option<u8>,
    parse: fn(&str) -> std::result::Result<u8, String>,
) -> Result<Option<u8>> {
    let initial = before.map(|n| n.to_string()).unwrap_or_default();
    prompter.parsed(question, &initial, |raw| if raw.is_empty() { Ok(None) } else { parse(raw).map(Some) })
}

/// One list question, unless its flag answered it: the family's earlier words offered
/// first, the saved answer ticked.
fn ask_list(
    prompter: &Prompter,
    config: &Config,
    about: &Asked,
    answers: &mut Answers,
    list: ListQuestion,
) -> Result<()> {
    if list.slot(answers).is_some() {
        return Ok(());
    }
    let earlier_words = about.history.iter().flat_map(|c| list.of(c).iter().map(String::as_str));
    let offered = suggest::offer(earlier_words, &list.starters(config));
    let chosen = about.earlier.map(|e| list.of(e).clone()).unwrap_or_default();
    *list.slot(answers) = Some(prompter.items(list.question(), &offered, &chosen)?);
    Ok(())
}

/// After a new or changed note: whether it is a safety concern. Words that often signal
/// risk are named, and the parent must answer y or n; otherwise no is the default.
fn ask_concern_if_new(prompter: &Prompter, about: &Asked, answers: &mut Answers) -> Result<()> {
    let Some(note) = answers.note.as_deref().filter(|n| !n.is_empty()) else { return Ok(()) };
    if answers.concern.is_some() || about.earlier.is_some_and(|e| e.note == note) {
        return Ok(());
    }
    let risk = risk_words(note);
    // Nothing is saved until this is answered: a Ctrl-C here keeps the note's words.
    let marked = prompter.keeping(note, |prompter| {
        if risk.is_empty() {
            return prompter.confirm("Mark this note as a safety concern for your clinician?", false);
        }
        prompter.say(&risk_message(&risk))?;
        prompter.decide("Mark it as a safety concern, so your clinician sees it first?")
    })?;
    answers.concern = Some(marked);
    Ok(())
}

/// The first question, naming the day when it is not today's.
pub fn alarm_question(about: &Asked) -> String {
    let when = if about.date == about.calendar_today { String::new() } else { format!(" ({})", day(about.date)) };
    let child = visible(about.child, false);
    match about.period {
        Period::Morning => format!("{child}'s alarm this morning{when}, 0-10"),
        Period::Evening => format!("{child}'s alarm now{when}, 0-10"),
    }
}

/// Refuses evening answers on a morning.
pub fn check_fits_period(period: Period, answers: &Answers) -> Result<()> {
    if period == Period::Morning && (answers.peak.is_some() || answers.school.is_some() || answers.next_step.is_some())
    {
        return Err(Error::usage("--peak, --school and --next belong to the evening check-in (`srt evening`)"));
    }
    Ok(())
}

/// With `--edit-note`, the note is written in the parent's editor, starting from `current`.
pub fn edit_note_if_asked(prompter: &Prompter, interactive: bool, answers: &mut Answers, current: &str) -> Result<()> {
    if !answers.edit_note {
        return Ok(());
    }
    if !interactive {
        return Err(Error::usage("--edit-note opens your editor, which needs a terminal; pass --note TEXT instead"));
    }
    answers.note = Some(prompter.edit_note(current)?);
    Ok(())
}

/// The questions answered by ticking items from a list.
#[derive(Clone, Copy)]
enum ListQuestion {
    Body,
    Helped,
    Wins,
    /// What happened for the parent (with `ask_parent_calm`).
    ForMe,
}

impl ListQuestion {
    /// Mornings start from the body; evenings lead with the day's wins.
    fn order(period: Period) -> &'static [ListQuestion] {
        match period {
            Period::Morning => &[ListQuestion::Body, ListQuestion::Helped, ListQuestion::Wins],
            Period::Evening => &[ListQuestion::Wins, ListQuestion::Helped],
        }
    }

    fn question(self) -> &'static str {
        match self {
            ListQuestion::Body => "Body signals",
            ListQuestion::Helped => "What helped",
            ListQuestion::Wins => "Small wins",
            ListQuestion::ForMe => "What happened for you",
        }
    }

    /// The parent's own first suggestions from the config, else srt's.
    fn starters(self, config: &Config) -> Vec<&str> {
        let (configured, built_in) = match self {
            ListQuestion::Body => (&config.suggestions.body, suggest::BODY),
            ListQuestion::Helped => (&config.suggestions.helped, suggest::HELPED),
            ListQuestion::Wins => (&config.suggestions.wins, suggest::WINS),
            ListQuestion::ForMe => (&config.suggestions.for_me, suggest::FOR_ME),
        };
        if configured.is_empty() { built_in.to_vec() } else { configured.iter().map(String::as_str).collect() }
    }

    fn of(self, checkin: &CheckIn) -> &Vec<String> {
        match self {
            ListQuestion::Body => &checkin.body,
            ListQuestion::Helped => &checkin.helped,
            ListQuestion::Wins => &checkin.wins,
            ListQuestion::ForMe => &checkin.for_me,
        }
    }

    fn slot(self, answers: &mut Answers) -> &mut Option<Vec<String>> {
        match self {
            ListQuestion::Body => &mut answers.body,
            ListQuestion::Helped => &mut answers.helped,
            ListQuestion::Wins => &mut answers.wins,
            ListQuestion::ForMe => &mut answers.for_me,
        }
    }
}

/// The school day's outcome; then, for a day at home, why; for part of a day, the times or
/// lessons, if the parent knows them.
fn ask_school(prompter: &Prompter, before: Option<SchoolDay>) -> Result<Option<SchoolDay>> {
    let mut options = vec!["skip for now"];
    options.extend(School::ALL.iter().map(|s| s.describe()));
    let default = before.and_then(|b| School::ALL.iter().position(|&s| s == b.outcome)).map_or(0, |i| i + 1);
    let picked = prompter.choose("How did school go", &options, default)?;
    let Some(outcome) = picked.checked_sub(1).map(|i| School::ALL[i]) else { return Ok(None) };
    let mut day = before.filter(|b| b.outcome == outcome).unwrap_or(SchoolDay::of(outcome));
    match outcome {
        School::Absent => {
            let mut reasons = vec!["skip for now"];
            reasons.extend(Reason::ALL.iter().map(|r| r.describe()));
            let default = day.reason.and_then(|r| Reason::ALL.iter().position(|&x| x == r)).map_or(0, |i| i + 1);
            let picked = prompter.choose("What kept them home", &reasons, default)?;
            day.reason = picked.checked_sub(1).map(|i| Reason::ALL[i]);
        }
        School::Part => {
            let question = "Times (10:30-13:00) or lessons (2/6), Enter to skip";
            let typed = prompter.parsed(question, &day.typed_details(), parse_day_in_school)?;
            (day.time_in, day.time_out, day.lessons) = (typed.time_in, typed.time_out, typed.lessons);
        }
        _ => {}
    }
    Ok(Some(day))
}

/// The ladder's steps to pick from. `before` is the step saved before, which is offered as
/// it was saved (picking it again changes nothing, not even its words); the first choice
/// is no step. `None` leaves the step as it was.
fn ask_step(prompter: &Prompter, ladder: &Ladder, before: Option<&Step>) -> Result<Option<StepAnswer>> {
    let off_ladder = before.filter(|b| ladder.position(&b.id).is_none());
    let mut options = vec![if before.is_some() { "no step" } else { "skip for now" }.to_string()];
    if let Some(saved) = off_ladder {
        options.push(format!("{} (as saved; no longer on the ladder)", visible(&saved.text, false)));
    }
    let first_step = options.len();
    options.extend(ladder.steps.iter().enumerate().map(|(i, s)| format!("{}. {}", i + 1, visible(&s.text, false))));
    let default = match before.and_then(|b| ladder.position(&b.id)) {
        Some(place) => first_step + place as usize - 1,
        None if off_ladder.is_some() => 1,
        None => 0,
    };
    let options: Vec<&str> = options.iter().map(String::as_str).collect();
    let picked = prompter.choose("Brave step reached", &options, default)?;
    Ok(match picked {
        0 if before.is_some() => Some(StepAnswer::None),
        0 => None,
        picked if picked < first_step => None,
        picked => {
            let step = &ladder.steps[picked - first_step];
            (before.is_none_or(|b| b.id != step.id)).then(|| StepAnswer::Number((picked - first_step + 1) as u32))
        }
    })
}
