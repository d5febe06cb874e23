//! `srt edit ID`: flags change just those answers; with none, on a terminal, every
//! question is asked again with the current answer filled in.

use std::io::Write;

use chrono::SubsecRound;

use crate::app::Context;
use crate::error::{Error, Result};
use crate::model::CheckIn;
use crate::render::text::{day, short_id};
use crate::request::{Answers, EditRequest, StepAnswer};
use crate::text::visible;

use super::checkin::{already_there, ask_missing, check_fits_period, existing_checkin, new_id};
use super::{ensure_not_future, find_checkin};

pub fn run(ctx: &Context, request: EditRequest, out: &mut dyn Write) -> Result<i32> {
    let current = find_checkin(ctx, &request.id)?;
    let mut answers = request.answers;
    check_fits_period(current.period, &answers)?;
    if answers.is_empty() && request.date.is_none() {
        if !ctx.interactive {
            return Err(Error::usage(format!(
                "nothing to change: pass what to change, e.g. `srt edit {} --alarm 5` (see `srt edit --help`)",
                short_id(&current.id)
            )));
        }
        ask_missing(ctx, &current.child, current.period, current.date, Some(&current), &mut answers)?;
    }

    let mut edited = apply(&current, answers)?;
    edited.recorded_at = ctx.now.trunc_subsecs(0);
    let moved = request.date.filter(|&d| d != current.date);
    if let Some(date) = moved {
        ensure_not_future(date, ctx.today)?;
        edited.date = date;
        // A check-in lives in its date's file; a move is a new record there and a deletion here.
        edited.id = new_id();
    }

    let lock = ctx.store.lock()?;
    if moved.is_some() {
        if let Some(there) = existing_checkin(&ctx.store, &edited.child, edited.date, edited.period)? {
            return Err(already_there(&there));
        }
        ctx.store.put_checkin(&lock, &edited, None)?;
        ctx.store.delete_checkin(&lock, &current)?;
    } else {
        ctx.store.put_checkin(&lock, &edited, Some(&current.stamp))?;
    }
    writeln!(
        out,
        "Saved the {} check-in of {}.  (id {})",
        edited.period.name(),
        day(edited.date),
        short_id(&edited.id)
    )?;
    Ok(0)
}

/// The check-in with each given answer in place of the current one.
fn apply(current: &CheckIn, answers: Answers) -> Result<CheckIn> {
    let mut edited = current.clone();
    if let Some(alarm) = answers.alarm {
        edited.alarm = alarm;
    }
    if let Some(peak) = answers.peak {
        edited.peak_alarm = Some(peak);
    }
    if let Some(school) = answers.school {
        edited.school = Some(school);
    }
    if let Some(body) = answers.body {
        edited.body = body;
    }
    if let Some(helped) = answers.helped {
        edited.helped = helped;
    }
    if let Some(wins) = answers.wins {
        edited.wins = wins;
    }
    if let Some(next) = answers.next_step {
        edited.next_step = Some(next).filter(|n| !n.is_empty());
    }
    if let Some(note) = answers.note {
        edited.note = note;
    }
    match answers.step {
        None => {}
        Some(StepAnswer::Number(n)) => edited.step = Some(n),
        Some(StepAnswer::Text(text)) => {
            return Err(Error::usage(format!(
                "give the brave step as its number on the ladder, not '{}'",
                visible(&text, false)
            )));
        }
    }
    Ok(edited)
}
