//! `srt edit ID`: flags change just those answers; with none, on a terminal, every
//! question is asked again with the current answer filled in.

use std::io::Write;

use crate::app::Context;
use crate::error::{Error, Result};
use crate::model::Record;
use crate::render::text::{day, short_id};
use crate::request::EditRequest;

use super::checkin::{
    Asked, already_there, ask_missing, build, check_fits_period, edit_note_if_asked, existing_checkin, new_id,
};
use super::{ensure_not_future, find_checkin, steps};

pub fn run(ctx: &Context, request: EditRequest, out: &mut dyn Write) -> Result<i32> {
    let current = find_checkin(ctx, &request.id)?;
    let mut answers = request.answers;
    check_fits_period(current.period, &answers)?;
    let ladder = steps::load(&ctx.store, &current.child)?;
    edit_note_if_asked(ctx, &mut answers, &current.note)?;
    if answers.is_empty() && request.date.is_none() {
        if !ctx.interactive {
            return Err(Error::usage(format!(
                "nothing to change: pass what to change, e.g. `srt edit {} --alarm 5` (see `srt edit --help`)",
                short_id(&current.id)
            )));
        }
        let about = Asked {
            child: &current.child,
            period: current.period,
            date: current.date,
            earlier: Some(&current),
            ladder: ladder.as_deref(),
        };
        ask_missing(ctx, &about, &mut answers)?;
    }

    let step = answers.step.as_ref().map(|a| steps::resolve(a, ladder.as_deref(), &current.child)).transpose()?;
    answers.keep_unchanged(&current);
    let mut edited = build(
        ctx,
        &current.child,
        current.date,
        current.period,
        Some(current.id.clone()),
        answers,
        step.or(current.step),
    );
    edited.check().map_err(Error::usage)?;
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
            return Err(already_there(
                &there,
                &format!("delete one of the two first (`srt delete {}`)", short_id(&there.id)),
            ));
        }
        ctx.store.put_checkin(&lock, &edited, None)?;
        ctx.store.delete_checkin(&lock, &current)?;
    } else {
        ctx.store.put_checkin(&lock, &edited, Some(&current.stamp))?;
    }
    if ctx.json {
        super::print_json(out, &edited)?;
    } else {
        let (period, date, id) = (edited.period.name(), day(edited.date), short_id(&edited.id));
        writeln!(out, "Saved the {period} check-in of {date}.  (id {id})")?;
    }
    Ok(0)
}
