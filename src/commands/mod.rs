//! One module per command. Each takes the context and its checked request, reads and
//! changes the journal through `crate::journal`, and writes what it prints to `out`.
//! Commands do not use each other: what two share lives in the journal, the model or a
//! module of its own.

pub mod checkin;
pub mod child;
pub mod config;
pub mod delete;
pub mod doctor;
pub mod edit;
pub mod export;
pub mod import;
pub mod list;
pub mod session;
pub mod show;
pub mod status;
pub mod steps;
pub mod summary;

use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::journal::{Saved, Stored};
use crate::model::{CheckIn, short_id};
use crate::text::{same_words, visible};

/// The check-in `id` names, which must be about the child given with `--child`, if any.
fn find_checkin(ctx: &Context, id: &str) -> Result<Stored<CheckIn>> {
    let found = ctx.journal.find_checkin(id)?;
    if let Some(child) = &ctx.child
        && !same_words(child, &found.child)
    {
        return Err(Error::usage(format!(
            "check-in {} is {}'s, not {}'s; leave out --child, or give --child {}",
            short_id(&found.id),
            visible(&found.child, false),
            visible(child, false),
            visible(&found.child, false)
        )));
    }
    Ok(found)
}

/// What became of a save: a refusal (another srt got there first) or a failure (a full
/// disk, a lock held too long) is an error saying why; at a terminal the parent's answers
/// (`mine`) are first kept in a private file, so nothing typed is lost.
fn settled(ctx: &Context, outcome: Result<Saved>, mine: &CheckIn) -> Result<Saved> {
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(err) if err.kind == ErrorKind::Cancelled => return Err(err),
        Err(err) => return Err(Error { message: format!("{}{}", err.message, kept_aside(ctx, mine)), ..err }),
    };
    let (why, id) = match &outcome {
        Saved::Taken(there) => (
            format!(
                "another srt saved {}'s {} check-in for {} while you were answering, so yours was not saved",
                visible(&there.child, false),
                there.period.name(),
                there.date
            ),
            short_id(&there.id).to_string(),
        ),
        Saved::Clashed { answers, now } => (
            format!(
                "the {} of this check-in {} changed by another srt while you were at it, so nothing was saved",
                answers.join(" and ").replace('_', " "),
                if answers.len() == 1 { "was" } else { "were" }
            ),
            short_id(&now.id).to_string(),
        ),
        _ => return Ok(outcome),
    };
    let kept = kept_aside(ctx, mine);
    Err(Error::usage(format!("{why}{kept}; see it with `srt show {id}`, then change it with `srt edit {id}`")))
}

/// At a terminal, keeps the answers of a save that did not happen in a private file, and
/// says where; elsewhere the answers are the command's own arguments, and nothing is kept.
fn kept_aside(ctx: &Context, mine: &CheckIn) -> String {
    ctx.interactive
        .then(|| serde_json::to_string_pretty(mine).ok())
        .flatten()
        .and_then(|answers| crate::durable::keep_aside("answers", "json", &answers))
        .map_or(String::new(), |path| format!(" (your answers are kept in {})", path.display()))
}

/// Refuses check-ins about days that have not come yet.
fn ensure_not_future(date: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<()> {
    if date > today {
        return Err(Error::usage(format!("{date} is in the future; check-ins are about today or earlier days")));
    }
    Ok(())
}

/// Writes `value` as pretty JSON followed by a line break.
fn print_json(out: &mut dyn std::io::Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|err| match err.io_error_kind() {
        Some(kind) => Error::from(std::io::Error::from(kind)),
        None => Error::failure(format!("could not write JSON: {err}")),
    })?;
    writeln!(out)?;
    Ok(())
}
