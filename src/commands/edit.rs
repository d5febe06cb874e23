//! `srt edit ID`: flags change just those answers; with none, on a terminal, every
//! question is asked again with the current answer filled in.

use std::io::Write;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::interview::{self, Asked};
use crate::journal::{Saved, resolve_step};
use crate::model::{Period, Record, short_id};
use crate::render::text::day;
use crate::request::EditRequest;

use super::{ensure_not_future, find_checkin};

pub fn run(ctx: &Context, request: EditRequest, out: &mut dyn Write) -> Result<i32> {
    let seen = find_checkin(ctx, &request.id)?;
    let mut answers = request.answers;
    interview::check_fits_period(seen.period, &answers)?;
    let ladder = ctx.journal.ladder(&seen.child)?;
    let asks_everything = answers.is_empty() && request.date.is_none();
    // Before the editor or the questions: a parent learns srt cannot save before writing.
    if ctx.interactive && (answers.edit_note || asks_everything) {
        ctx.journal.check_writable()?;
    }
    interview::edit_note_if_asked(&ctx.prompter, ctx.interactive, &mut answers, &seen.note)?;
    if asks_everything {
        if !ctx.interactive {
            return Err(Error::usage(format!(
                "nothing to change: pass what to change, e.g. `srt edit {} --alarm 5` (see `srt edit --help`)",
                short_id(&seen.id)
            )));
        }
        let morning = ctx.journal.checkin_at(&seen.child, seen.date, Period::Morning)?;
        let history = interview::history(&ctx.journal, &seen.child, seen.date)?;
        let about = Asked {
            child: &seen.child,
            period: seen.period,
            date: seen.date,
            calendar_today: ctx.calendar_today(),
            earlier: Some(&seen),
            morning_alarm: morning.filter(|_| seen.period == Period::Evening).map(|m| m.alarm),
            ladder: ladder.as_deref(),
            history: &history,
        };
        interview::ask_missing(&ctx.prompter, &ctx.config, &about, &mut answers)?;
    }

    let step = answers.step.as_ref().map(|a| resolve_step(a, ladder.as_deref(), &seen.child)).transpose()?;
    let concern = answers.concern;
    let mut mine = seen.record.clone();
    answers.apply_to(&mut mine, step)?;
    if let Some(date) = request.date {
        ensure_not_future(date, ctx.calendar_today())?;
        mine.date = date;
    }
    mine.check().map_err(Error::usage)?;
    super::check_concern_has_note(concern, &mine)?;
    let saved = ctx.journal.change_checkin(&seen, mine.clone());
    let saved = super::settled(ctx, saved, &mine)?;
    let edited = saved.checkin().expect("a refused save is an error");
    if ctx.json {
        super::print_json(out, edited)?;
        super::follow_note(ctx, edited, concern.filter(|&marked| marked), out)?;
        return Ok(0);
    }
    let (period, date, id) = (edited.period.name(), day(edited.date), short_id(&edited.id));
    match saved {
        // Marking the note as it is: the check-in stays as it was, and the concern says so.
        Saved::Unchanged(_) if concern == Some(true) => {}
        Saved::Unchanged(_) => {
            writeln!(out, "Nothing changed: the {period} check-in of {date} already says that.  (id {id})")?
        }
        _ => writeln!(out, "Saved the {period} check-in of {date}.  (id {id})")?,
    }
    // An edit that left the note as it was, and did not mark it, says nothing more about it.
    if concern.is_some() || edited.note != seen.note {
        super::follow_note(ctx, edited, concern, out)?;
    }
    Ok(0)
}
