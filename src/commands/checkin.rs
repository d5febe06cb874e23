//! `srt morning` and `srt evening`: ask for what the flags did not give, then save.

use std::io::Write;

use chrono::{Days, NaiveDate, SubsecRound};

use crate::app::Context;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::family::Family;
use crate::model::{CheckIn, Child, Ladder, Period, Record, School};
use crate::render::text::{alarm, day, detail, short_id};
use crate::request::{Answers, CheckInRequest, StepAnswer};
use crate::store::{DateRange, Store, Stored};
use crate::suggest;
use crate::text::{Field, clean, visible};

use super::{ensure_not_future, steps};

/// How far back the list prompts look for the family's own words.
const SUGGESTION_DAYS: u64 = 365;

pub fn run(ctx: &Context, request: CheckInRequest, out: &mut dyn Write) -> Result<i32> {
    let date = request.date.unwrap_or(ctx.today);
    ensure_not_future(date, ctx.today)?;
    let interactive = ctx.interactive && !request.yes;
    let family = Family::load(&ctx.store)?;
    let child = choose_child(ctx, &family, interactive)?;
    let period = request.period;

    let existing = existing_checkin(&ctx.store, &child.name, date, period)?;
    let ladder = steps::load(&ctx.store, &child.name)?;
    if let Some(found) = &existing
        && !request.replace
    {
        if !interactive {
            return Err(already_there(
                found,
                &format!("add --replace to replace it, or change it with `srt edit {}`", short_id(&found.id)),
            ));
        }
        ctx.prompter.say(&format!("There is already a {} check-in for this day:\n", period.name()))?;
        ctx.prompter.say(&detail(found, ladder.as_deref()))?;
        if !ctx.prompter.confirm("Amend it?", true)? {
            writeln!(out, "Nothing changed.")?;
            return Ok(0);
        }
    }

    let mut answers = request.answers;
    check_fits_period(period, &answers)?;
    let earlier = if existing.is_some() && !request.replace { existing.as_ref().map(|e| &e.record) } else { None };
    edit_note_if_asked(ctx, &mut answers, earlier.map_or("", |e| e.note.as_str()))?;
    if interactive && ctx.config.quick {
        // Quick mode: the alarm is the one question; amending keeps the other answers.
        if answers.alarm.is_none() {
            let question = alarm_question(&child.name, period, "");
            answers.alarm = Some(ctx.prompter.alarm(&question, earlier.map(|e| e.alarm), 0)?);
        }
        if let Some(earlier) = earlier {
            answers.keep_unchanged(earlier);
        }
    } else if interactive {
        let about = Asked { child: &child.name, period, date, earlier, ladder: ladder.as_deref() };
        ask_missing(ctx, &about, &mut answers)?;
    } else if answers.alarm.is_none() {
        let how = if ctx.interactive { "with --yes" } else { "when stdin is not a terminal" };
        return Err(Error::usage(format!(
            "the alarm level is missing: pass it as `srt {} 6` or --alarm N ({how}, srt does not ask)",
            period.name()
        )));
    }

    let step = answers.step.as_ref().map(|a| steps::resolve(a, ladder.as_deref(), &child.name)).transpose()?;
    let step = step.or(earlier.and_then(|e| e.step));
    let checkin = build(ctx, &child.name, date, period, existing.as_ref().map(|e| e.id.clone()), answers, step);
    checkin.check().map_err(Error::usage)?;
    let saved = save(ctx, &child, checkin, existing.as_ref(), request.replace)?;
    if ctx.json {
        super::print_json(out, &saved)?;
    } else {
        writeln!(out, "{}", saved_message(&saved))?;
    }
    Ok(0)
}

/// The child this check-in is about; a family's first check-in names (and adds) them.
struct ChosenChild {
    name: String,
    is_new: bool,
}

fn choose_child(ctx: &Context, family: &Family, interactive: bool) -> Result<ChosenChild> {
    if let Some(child) = family.resolve(ctx.child.as_deref())? {
        return Ok(ChosenChild { name: child.name.clone(), is_new: false });
    }
    let name = match &ctx.child {
        Some(name) => clean(Field::ChildName, name).map_err(Error::usage)?,
        None if interactive => {
            ctx.prompter.say("Welcome to srt. Whose check-ins are these?")?;
            ctx.prompter.required_text("Your child's first name or a nickname", Field::ChildName)?
        }
        None => {
            return Err(Error::usage(
                "no child yet: name them once with --child NAME, e.g. `srt morning 6 --child Sam`",
            ));
        }
    };
    if name.is_empty() {
        return Err(Error::usage("a child's name is needed for the first check-in"));
    }
    Ok(ChosenChild { name, is_new: true })
}

pub(super) fn existing_checkin(
    store: &Store,
    child: &str,
    date: NaiveDate,
    period: Period,
) -> Result<Option<Stored<CheckIn>>> {
    Ok(store.checkins(&DateRange::day(date))?.into_iter().find(|c| c.is_about(child) && c.period == period))
}

/// The check-in already saved for a day, and what the parent can do about it.
pub(super) fn already_there(found: &CheckIn, what_to_do: &str) -> Error {
    Error::usage(format!(
        "there is already a {} check-in for {} on {} (id {}); {what_to_do}",
        found.period.name(),
        visible(&found.child, false),
        found.date,
        short_id(&found.id),
    ))
}

pub(super) fn check_fits_period(period: Period, answers: &Answers) -> Result<()> {
    if period == Period::Morning && (answers.peak.is_some() || answers.school.is_some() || answers.next_step.is_some())
    {
        return Err(Error::usage("--peak, --school and --next belong to the evening check-in (`srt evening`)"));
    }
    Ok(())
}

/// What the questions are about: the child, the check-in, and the check-in being amended,
/// whose answers are offered as they were.
pub(super) struct Asked<'a> {
    pub child: &'a str,
    pub period: Period,
    pub date: NaiveDate,
    pub earlier: Option<&'a CheckIn>,
    pub ladder: Option<&'a Ladder>,
}

/// Asks, on the terminal, for each answer the flags did not give.
pub(super) fn ask_missing(ctx: &Context, about: &Asked, answers: &mut Answers) -> Result<()> {
    let Asked { child, period, date, earlier, ladder } = *about;
    let asker = &ctx.prompter;
    let history = history(&ctx.store, child, date)?;
    let when = if date == ctx.today { String::new() } else { format!(" ({})", day(date)) };

    if answers.alarm.is_none() {
        answers.alarm = Some(asker.alarm(&alarm_question(child, period, &when), earlier.map(|e| e.alarm), 0)?);
    }
    if period == Period::Evening {
        if answers.peak.is_none() {
            let now = answers.alarm.unwrap_or(0);
            let default = earlier.and_then(|e| e.peak_alarm).filter(|&p| p >= now).unwrap_or(now);
            answers.peak = Some(asker.alarm("At its highest today, 0-10", Some(default), now)?);
        }
        if answers.school.is_none() {
            answers.school = ask_school(ctx, earlier.and_then(|e| e.school))?;
        }
    }
    for list in ListQuestion::order(period) {
        if list.slot(answers).is_none() {
            let earlier_words = history.iter().flat_map(|c| list.of(c).iter().map(String::as_str));
            let offered = suggest::offer(earlier_words, &list.starters(&ctx.config));
            let chosen = earlier.map(|e| list.of(e).clone()).unwrap_or_default();
            *list.slot(answers) = Some(asker.items(list.question(), &offered, &chosen)?);
        }
    }
    if let Some(ladder) = ladder.filter(|l| !l.steps.is_empty())
        && answers.step.is_none()
    {
        answers.step = ask_step(ctx, ladder, earlier.and_then(|e| e.step))?;
    }
    if period == Period::Evening && answers.next_step.is_none() {
        let before = earlier.and_then(|e| e.next_step.as_deref()).unwrap_or("");
        answers.next_step =
            Some(asker.text("A next small step for tomorrow (enter to skip)", before, Field::NextStep)?);
    }
    if answers.note.is_none() {
        let before = earlier.map_or("", |e| e.note.as_str());
        answers.note = Some(asker.text("A note for you or the therapist (enter to skip)", before, Field::Note)?);
    }
    Ok(())
}

/// The questions answered by ticking items from a list.
#[derive(Clone, Copy)]
enum ListQuestion {
    Body,
    Helped,
    Wins,
}

impl ListQuestion {
    /// DESIGN §1's order: mornings start from the body, evenings lead with the day's wins.
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
        }
    }

    /// The parent's own first suggestions from the config, else srt's.
    fn starters(self, config: &Config) -> Vec<&str> {
        let (configured, built_in) = match self {
            ListQuestion::Body => (&config.suggestions.body, suggest::BODY),
            ListQuestion::Helped => (&config.suggestions.helped, suggest::HELPED),
            ListQuestion::Wins => (&config.suggestions.wins, suggest::WINS),
        };
        if configured.is_empty() { built_in.to_vec() } else { configured.iter().map(String::as_str).collect() }
    }

    fn of(self, checkin: &CheckIn) -> &Vec<String> {
        match self {
            ListQuestion::Body => &checkin.body,
            ListQuestion::Helped => &checkin.helped,
            ListQuestion::Wins => &checkin.wins,
        }
    }

    fn slot(self, answers: &mut Answers) -> &mut Option<Vec<String>> {
        match self {
            ListQuestion::Body => &mut answers.body,
            ListQuestion::Helped => &mut answers.helped,
            ListQuestion::Wins => &mut answers.wins,
        }
    }
}

fn alarm_question(child: &str, period: Period, when: &str) -> String {
    match period {
        Period::Morning => format!("{}'s alarm this morning{when}, 0-10", visible(child, false)),
        Period::Evening => format!("{}'s alarm now{when}, 0-10", visible(child, false)),
    }
}

/// With `--edit-note`, the note is written in the parent's editor, starting from `current`.
pub(super) fn edit_note_if_asked(ctx: &Context, answers: &mut Answers, current: &str) -> Result<()> {
    if !answers.edit_note {
        return Ok(());
    }
    if !ctx.interactive {
        return Err(Error::usage("--edit-note opens your editor, which needs a terminal; pass --note TEXT instead"));
    }
    answers.note = Some(ctx.prompter.edit_note(current)?);
    Ok(())
}

fn ask_school(ctx: &Context, before: Option<School>) -> Result<Option<School>> {
    let mut options = vec!["skip for now"];
    options.extend(School::ALL.iter().map(|s| s.describe()));
    let default = before.and_then(|b| School::ALL.iter().position(|&s| s == b)).map_or(0, |i| i + 1);
    let picked = ctx.prompter.choose("How did school go", &options, default)?;
    Ok(picked.checked_sub(1).map(|i| School::ALL[i]))
}

fn ask_step(ctx: &Context, ladder: &Ladder, before: Option<u32>) -> Result<Option<StepAnswer>> {
    let mut options = vec!["skip for now".to_string()];
    options.extend(ladder.steps.iter().enumerate().map(|(i, s)| format!("{}. {}", i + 1, visible(s, false))));
    let options: Vec<&str> = options.iter().map(String::as_str).collect();
    let default = before.map_or(0, |n| n as usize).min(ladder.steps.len());
    let picked = ctx.prompter.choose("Brave step reached", &options, default)?;
    Ok((picked > 0).then_some(StepAnswer::Number(picked as u32)))
}

/// The child's check-ins of the last year before `date`, oldest first, for suggestions.
fn history(store: &Store, child: &str, date: NaiveDate) -> Result<Vec<CheckIn>> {
    let range = DateRange { since: date.checked_sub_days(Days::new(SUGGESTION_DAYS)), until: Some(date) };
    store.checkins_about(child, &range)
}

pub(super) fn build(
    ctx: &Context,
    child: &str,
    date: NaiveDate,
    period: Period,
    id: Option<String>,
    answers: Answers,
    step: Option<u32>,
) -> CheckIn {
    CheckIn {
        id: id.unwrap_or_else(new_id),
        child: child.to_string(),
        date,
        period,
        recorded_at: ctx.now.trunc_subsecs(0),
        alarm: answers.alarm.expect("the alarm is asked for or required before building"),
        peak_alarm: answers.peak,
        body: answers.body.unwrap_or_default(),
        helped: answers.helped.unwrap_or_default(),
        wins: answers.wins.unwrap_or_default(),
        school: answers.school,
        step,
        next_step: answers.next_step.filter(|n| !n.is_empty()),
        note: answers.note.unwrap_or_default(),
    }
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Writes the check-in (and a new child) under the lock, checking again for a check-in
/// another srt saved for the same day while the questions were being answered.
fn save(
    ctx: &Context,
    child: &ChosenChild,
    mut checkin: CheckIn,
    seen_before: Option<&Stored<CheckIn>>,
    replace: bool,
) -> Result<CheckIn> {
    let lock = ctx.store.lock()?;
    let now_there = existing_checkin(&ctx.store, &checkin.child, checkin.date, checkin.period)?;
    let replaced = match (&now_there, seen_before) {
        (Some(there), Some(seen)) if there.id == seen.id => Some(there),
        (Some(there), _) if replace => Some(there),
        (Some(there), _) => {
            return Err(already_there(
                there,
                &format!(
                    "another srt saved it while you were answering, so yours was not saved; change it with `srt edit {}`",
                    short_id(&there.id)
                ),
            ));
        }
        (None, _) => None,
    };
    if child.is_new && Family::load(&ctx.store)?.find(&child.name).is_none() {
        ctx.store.put_child(&lock, &Child { id: new_id(), name: child.name.clone() })?;
    }
    if let Some(replaced) = replaced {
        checkin.id = replaced.id.clone();
    }
    ctx.store.put_checkin(&lock, &checkin, replaced.map(|r| &r.stamp))?;
    Ok(checkin)
}

fn saved_message(checkin: &CheckIn) -> String {
    let mut message = format!(
        "Saved {}'s {} check-in for {}: alarm {}.  (id {})",
        visible(&checkin.child, false),
        checkin.period.name(),
        day(checkin.date),
        alarm(checkin.alarm),
        short_id(&checkin.id)
    );
    if !checkin.wins.is_empty() {
        let wins: Vec<_> = checkin.wins.iter().map(|w| visible(w, false)).collect();
        message.push_str(&format!("\nSmall wins noted: {}.", wins.join("; ")));
    }
    message
}
