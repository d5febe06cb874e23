//! One module per command. Each takes the context and its checked request, reads and
//! changes the journal through `crate::journal`, and writes what it prints to `out`.
//! Commands do not use each other: what two share lives in the journal, the model or a
//! module of its own.

pub mod checkin;
pub mod child;
pub mod concern;
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
use crate::journal::{NewConcern, Saved, Stored};
use crate::model::{CheckIn, SAFETY_LINE, risk_words, short_id};
use crate::render::text::{paragraph, risk_message};
use crate::text::{Field, clean, same_words, visible};

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

/// Who records on this computer: the config's `recorder`, else the name kept the first
/// time srt asked. At a terminal (`ask`), srt asks once and keeps the answer, even an
/// Enter that names nobody.
fn recorder(ctx: &Context, ask: bool) -> Result<Option<String>> {
    if let Some(name) = &ctx.config.recorder {
        return Ok(Some(name.clone()));
    }
    if let Some(saved) = crate::paths::saved_recorder() {
        let name = clean(Field::Recorder, &saved).ok().filter(|n| crate::model::check_recorder(n).is_ok());
        return Ok(name);
    }
    if !ask {
        return Ok(None);
    }
    let name = ctx.prompter.text(
        "Who is recording on this computer? (e.g. Mum or Dad; Enter to skip)",
        "",
        Field::Recorder,
    )?;
    crate::paths::save_recorder(&name)?;
    Ok(Some(name).filter(|n| !n.is_empty()))
}

/// A note marked as a safety concern must have words.
fn check_concern_has_note(concern: Option<bool>, checkin: &CheckIn) -> Result<()> {
    if concern == Some(true) && checkin.note.is_empty() {
        return Err(Error::usage(
            "--concern marks the check-in's note as a safety concern: give the note too, with --note TEXT",
        ));
    }
    Ok(())
}

/// After a check-in is saved: its note becomes a safety concern when the parent said so;
/// a note with words of risk that the parent was not asked about gets a word on how to
/// mark it. srt never marks a note on its own.
fn follow_note(ctx: &Context, checkin: &CheckIn, concern: Option<bool>, out: &mut dyn std::io::Write) -> Result<()> {
    match concern {
        Some(true) => {
            let (concern, new) = mark_note(ctx, checkin).map_err(|err| {
                // The check-in is saved by now: a parent told only "could not save" would
                // think the note lost, and would not know it is unmarked.
                let id = short_id(&checkin.id);
                let message = format!(
                    "{}; the check-in itself was saved (id {id}), but its note is not marked yet: \
                     mark it again with `srt edit {id} --concern`",
                    err.message
                );
                Error { message, ..err }
            })?;
            if !ctx.json {
                let id = short_id(&concern.id);
                let marked = if new { "Marked as a safety concern" } else { "Already marked as a safety concern" };
                write_concern_saved(out, &format!("{marked} (id {id})."), id)?;
            }
        }
        // Answered no at the question that named words of risk: the way back, once.
        Some(false) if !ctx.json && !risk_words(&checkin.note).is_empty() => {
            writeln!(out, "Not marked. If you change your mind:\n  srt edit {} --concern", short_id(&checkin.id))?;
        }
        None if !ctx.json => {
            let risk = risk_words(&checkin.note);
            if !risk.is_empty() {
                let child = visible(&checkin.child, false);
                writeln!(out, "{}", risk_message(&risk))?;
                let then = format!("If it is a worry about {child}'s safety, mark it so your clinician sees it first:");
                writeln!(out, "{}\n  srt edit {} --concern", paragraph(&then), short_id(&checkin.id))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The open concern of the check-in's note: the one there is (false), or a new one (true).
fn mark_note(ctx: &Context, checkin: &CheckIn) -> Result<(crate::model::Concern, bool)> {
    let already = ctx
        .journal
        .concerns_of(&checkin.child)?
        .into_iter()
        .find(|c| c.is_open() && c.checkin.as_deref() == Some(checkin.id.as_str()) && c.text == checkin.note);
    if let Some(there) = already {
        return Ok((there.record, false));
    }
    let new = ctx.journal.add_concern(NewConcern {
        child: checkin.child.clone(),
        date: checkin.date,
        text: checkin.note.clone(),
        checkin: Some(checkin.id.clone()),
        recorded_by: recorder(ctx, false)?,
    })?;
    Ok((new, true))
}

/// What a parent reads once a concern is saved (`saved` says what was saved): where it
/// will show, how it ends, and the safety line.
fn write_concern_saved(out: &mut dyn std::io::Write, saved: &str, id: &str) -> Result<()> {
    let stays = format!("{saved} It stays first in every summary and export until you resolve it, for example:");
    writeln!(out, "{}", paragraph(&stays))?;
    writeln!(out, "  srt concern resolve {id} --note \"talked with Dr Lee on 2 Mar\"")?;
    writeln!(out, "{}", paragraph(SAFETY_LINE))?;
    Ok(())
}

/// Refuses check-ins about days that have not come yet.
fn ensure_not_future(date: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<()> {
    ensure_past(date, today, "check-ins are about today or earlier days")
}

/// Refuses a `date` after `today` (the calendar's), saying `why` such days cannot be.
fn ensure_past(date: chrono::NaiveDate, today: chrono::NaiveDate, why: &str) -> Result<()> {
    if date > today {
        return Err(Error::usage(format!("{date} is in the future; {why}")));
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
