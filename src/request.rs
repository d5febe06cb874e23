//! Parse, then convert once: clap's arguments become checked requests here, so commands
//! and storage never see raw input.

use chrono::NaiveDate;

use crate::cli::{AnswerFlags, CheckInOptions, EditArgs, EveningArgs, EveningFlags, MorningArgs, RangeArgs};
use crate::error::{Error, Result};
use chrono::NaiveTime;

use crate::model::{
    CheckIn, DateRange, Lessons, Period, Reason, School, SchoolDay, Step, StepAnswer, parse_step_answer,
};
use crate::text::{Field, clean, clean_items};

/// Answers given on the command line; `None` means "not given" (ask, or leave empty).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub alarm: Option<u8>,
    pub peak: Option<u8>,
    pub body: Option<Vec<String>>,
    pub helped: Option<Vec<String>>,
    pub wins: Option<Vec<String>>,
    pub school: Option<SchoolAnswer>,
    pub step: Option<StepAnswer>,
    pub next_step: Option<String>,
    pub own_rating: Option<u8>,
    pub parent_calm: Option<u8>,
    pub for_me: Option<Vec<String>>,
    pub note: Option<String>,
    /// Write the note in the parent's editor.
    pub edit_note: bool,
    /// Mark the note as a safety concern (`Some(false)`: asked, and not marked).
    pub concern: Option<bool>,
}

impl Answers {
    /// Writes each answer given into `checkin`; `step` is the brave step given, as found on
    /// the ladder (`Some(None)`: no step). Answers not given leave what is there.
    pub fn apply_to(self, checkin: &mut CheckIn, step: Option<Option<Step>>) -> Result<()> {
        if let Some(alarm) = self.alarm {
            checkin.alarm = alarm;
        }
        if let Some(peak) = self.peak {
            checkin.peak_alarm = Some(peak);
        }
        if let Some(school) = self.school {
            checkin.school = Some(school.onto(checkin.school)?);
        }
        if let Some(own) = self.own_rating {
            checkin.own_rating = Some(own);
        }
        if let Some(calm) = self.parent_calm {
            checkin.parent_calm = Some(calm);
        }
        for (given, list) in [
            (self.body, &mut checkin.body),
            (self.helped, &mut checkin.helped),
            (self.wins, &mut checkin.wins),
            (self.for_me, &mut checkin.for_me),
        ] {
            if let Some(given) = given {
                *list = given;
            }
        }
        if let Some(step) = step {
            checkin.step = step;
        }
        if let Some(next) = self.next_step {
            checkin.next_step = Some(next).filter(|n| !n.is_empty());
        }
        if let Some(note) = self.note {
            checkin.note = note;
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.alarm.is_none()
            && self.peak.is_none()
            && self.body.is_none()
            && self.helped.is_none()
            && self.wins.is_none()
            && self.school.is_none()
            && self.step.is_none()
            && self.next_step.is_none()
            && self.own_rating.is_none()
            && self.parent_calm.is_none()
            && self.for_me.is_none()
            && self.note.is_none()
            && !self.edit_note
            && self.concern.is_none()
    }
}

pub struct CheckInRequest {
    pub period: Period,
    pub date: Option<NaiveDate>,
    pub answers: Answers,
    pub yes: bool,
    pub replace: bool,
}

pub struct EditRequest {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub answers: Answers,
}

impl MorningArgs {
    pub fn into_request(self) -> Result<CheckInRequest> {
        check_in(Period::Morning, self.options, self.answers.into_answers()?)
    }
}

impl EveningArgs {
    pub fn into_request(self) -> Result<CheckInRequest> {
        let mut answers = self.answers.into_answers()?;
        self.evening.add_to(&mut answers)?;
        // A new evening has no school day to add details to (`srt edit` can).
        if answers.school.is_some_and(|s| s.needs_a_saved_day()) {
            return Err(Error::usage(DETAILS_NEED_AN_OUTCOME));
        }
        check_in(Period::Evening, self.options, answers)
    }
}

impl EditArgs {
    pub fn into_request(self) -> Result<EditRequest> {
        let mut answers = self.answers.into_answers()?;
        self.evening.add_to(&mut answers)?;
        Ok(EditRequest { id: self.id, date: self.date, answers })
    }
}

impl AnswerFlags {
    fn into_answers(self) -> Result<Answers> {
        Ok(Answers {
            alarm: self.alarm,
            body: items(self.body)?,
            helped: items(self.helped)?,
            wins: items(self.win)?,
            step: step(self.step)?,
            own_rating: self.own,
            parent_calm: self.my_calm,
            for_me: items(self.for_me)?,
            note: text(Field::Note, self.note)?,
            edit_note: self.edit_note,
            concern: self.concern.then_some(true),
            ..Answers::default()
        })
    }
}

impl EveningFlags {
    fn add_to(self, answers: &mut Answers) -> Result<()> {
        answers.peak = self.peak;
        answers.school = self.school_answer()?;
        answers.next_step = text(Field::NextStep, self.next)?;
        Ok(())
    }

    /// What the flags say about the school day: the outcome and the details that go with it.
    fn school_answer(&self) -> Result<Option<SchoolAnswer>> {
        let has_times = self.time_in.is_some() || self.time_out.is_some() || self.lessons.is_some();
        if let Some(outcome) = self.school {
            if self.reason.is_some() && outcome != School::Absent {
                return Err(Error::usage(format!(
                    "--reason is for a day the child did not go (--school absent), not --school {}",
                    outcome.name()
                )));
            }
            if has_times && !outcome.attended() {
                return Err(Error::usage(format!(
                    "--in, --out and --lessons are for a day in school (--school full or part), not --school {}",
                    outcome.name()
                )));
            }
        } else if self.reason.is_none() && !has_times {
            return Ok(None);
        }
        Ok(Some(SchoolAnswer::Flags {
            outcome: self.school,
            reason: self.reason,
            time_in: self.time_in,
            time_out: self.time_out,
            lessons: self.lessons,
        }))
    }
}

/// How school went, as answered.
#[derive(Debug, Clone, Copy)]
pub enum SchoolAnswer {
    /// A whole school day, as asked at the terminal.
    Day(SchoolDay),
    /// What the flags gave, laid over the saved day: an outcome, or only details of the
    /// saved one (`srt edit ID --in 09:30`).
    Flags {
        outcome: Option<School>,
        reason: Option<Reason>,
        time_in: Option<NaiveTime>,
        time_out: Option<NaiveTime>,
        lessons: Option<Lessons>,
    },
}

impl SchoolAnswer {
    /// Whether the answer needs a school day saved before (it gives no outcome).
    pub fn needs_a_saved_day(&self) -> bool {
        matches!(self, SchoolAnswer::Flags { outcome: None, .. })
    }

    /// The school day this answer makes of `saved`: the details given replace those saved,
    /// and the others stay, unless the outcome changed (a day at home has no times).
    pub fn onto(self, saved: Option<SchoolDay>) -> Result<SchoolDay> {
        let (outcome, reason, time_in, time_out, lessons) = match self {
            SchoolAnswer::Day(day) => return Ok(day),
            SchoolAnswer::Flags { outcome, reason, time_in, time_out, lessons } => {
                (outcome, reason, time_in, time_out, lessons)
            }
        };
        let Some(outcome) = outcome.or(saved.map(|s| s.outcome)) else {
            return Err(Error::usage(DETAILS_NEED_AN_OUTCOME));
        };
        let mut day = saved.filter(|s| s.outcome == outcome).unwrap_or(SchoolDay::of(outcome));
        day.reason = reason.or(day.reason);
        day.time_in = time_in.or(day.time_in);
        day.time_out = time_out.or(day.time_out);
        day.lessons = lessons.or(day.lessons);
        day.check().map_err(|why| Error::usage(format!("school: {why}")))?;
        Ok(day)
    }
}

const DETAILS_NEED_AN_OUTCOME: &str = "--reason, --in, --out and --lessons say more about the school day: give \
                                       --school too, e.g. --school absent --reason ill or --school part --in 10:30";

fn check_in(period: Period, options: CheckInOptions, mut answers: Answers) -> Result<CheckInRequest> {
    answers.alarm = answers.alarm.or(options.alarm_positional);
    Ok(CheckInRequest { period, date: options.date, answers, yes: options.yes, replace: options.replace })
}

impl RangeArgs {
    /// The dates asked for; `--last N` counts today as the last of the N days.
    pub fn to_range(&self, today: NaiveDate) -> Result<DateRange> {
        let since = match self.last {
            Some(days) => today.checked_sub_days(chrono::Days::new(u64::from(days) - 1)),
            None => self.since,
        };
        let until = self.until.or(self.last.map(|_| today));
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(Error::usage(format!("the range starts ({since}) after it ends ({until})")));
        }
        Ok(DateRange { since, until })
    }
}

/// A repeatable flag: not given at all is `None`.
fn items(raw: Vec<String>) -> Result<Option<Vec<String>>> {
    if raw.is_empty() {
        return Ok(None);
    }
    clean_items(raw).map(Some).map_err(Error::usage)
}

fn text(field: Field, raw: Option<String>) -> Result<Option<String>> {
    raw.map(|r| clean(field, &r)).transpose().map_err(Error::usage)
}

fn step(raw: Option<String>) -> Result<Option<StepAnswer>> {
    let Some(raw) = raw else { return Ok(None) };
    parse_step_answer(&raw).map(Some).map_err(|why| Error::usage(format!("--step: {why}")))
}
