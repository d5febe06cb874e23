//! Parse, then convert once: clap's arguments become checked requests here, so commands
//! and storage never see raw input.

use chrono::NaiveDate;

use crate::cli::{AnswerFlags, CheckInOptions, EditArgs, EveningArgs, EveningFlags, MorningArgs, RangeArgs};
use crate::error::{Error, Result};
use crate::model::{CheckIn, DateRange, Period, School, SchoolDay, Step, StepAnswer, parse_step_answer};
use crate::text::{Field, clean, clean_items};

/// Answers given on the command line; `None` means "not given" (ask, or leave empty).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub alarm: Option<u8>,
    pub peak: Option<u8>,
    pub body: Option<Vec<String>>,
    pub helped: Option<Vec<String>>,
    pub wins: Option<Vec<String>>,
    pub school: Option<SchoolDay>,
    pub step: Option<StepAnswer>,
    pub next_step: Option<String>,
    pub note: Option<String>,
    /// Write the note in the parent's editor.
    pub edit_note: bool,
}

impl Answers {
    /// Writes each answer given into `checkin`; `step` is the brave step given, as found on
    /// the ladder (`Some(None)`: no step). Answers not given leave what is there.
    pub fn apply_to(self, checkin: &mut CheckIn, step: Option<Option<Step>>) {
        if let Some(alarm) = self.alarm {
            checkin.alarm = alarm;
        }
        if let Some(peak) = self.peak {
            checkin.peak_alarm = Some(peak);
        }
        if let Some(school) = self.school {
            checkin.school = Some(school);
        }
        for (given, list) in
            [(self.body, &mut checkin.body), (self.helped, &mut checkin.helped), (self.wins, &mut checkin.wins)]
        {
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
            && self.note.is_none()
            && !self.edit_note
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
            note: text(Field::Note, self.note)?,
            edit_note: self.edit_note,
            ..Answers::default()
        })
    }
}

impl EveningFlags {
    fn add_to(self, answers: &mut Answers) -> Result<()> {
        answers.peak = self.peak;
        answers.school = self.school_day()?;
        answers.next_step = text(Field::NextStep, self.next)?;
        Ok(())
    }

    /// The school day the flags describe: an outcome, and the details that go with it.
    fn school_day(&self) -> Result<Option<SchoolDay>> {
        let has_times = self.time_in.is_some() || self.time_out.is_some() || self.lessons.is_some();
        let Some(outcome) = self.school else {
            if self.reason.is_some() || has_times {
                return Err(Error::usage(
                    "--reason, --in, --out and --lessons say more about the school day: give --school too, \
                     e.g. --school absent --reason ill or --school part --in 10:30",
                ));
            }
            return Ok(None);
        };
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
        let day = SchoolDay {
            outcome,
            reason: self.reason,
            time_in: self.time_in,
            time_out: self.time_out,
            lessons: self.lessons,
        };
        day.check().map_err(|why| Error::usage(format!("--in/--out: {why}")))?;
        Ok(Some(day))
    }
}

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
