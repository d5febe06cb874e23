//! `srt concern`: a safety concern noted, listed, or resolved once talked over with a
//! professional. Open concerns come first in every summary, status and export.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};

use crate::cli::{ConcernArgs, ConcernCommand};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::journal::{NewConcern, Stored};
use crate::model::{Concern, ConcernEntry, Resolution, SAFETY_LINE, short_id};
use crate::render::text::{day, paragraph, trim_table};
use crate::text::{Field, clean, visible};

pub fn run(ctx: &Context, args: ConcernArgs, out: &mut dyn Write) -> Result<i32> {
    let child = ctx.journal.family()?.require(ctx.wanted_child())?.name.clone();
    match args.command {
        None => add(ctx, &child, args.text, args.date, out),
        Some(ConcernCommand::List) => list(ctx, &child, out),
        Some(ConcernCommand::Resolve { id, note }) => resolve(ctx, &child, &id, note, out),
    }
}

fn add(
    ctx: &Context,
    child: &str,
    text: Option<String>,
    date: Option<chrono::NaiveDate>,
    out: &mut dyn Write,
) -> Result<i32> {
    let date = date.unwrap_or(ctx.today);
    super::ensure_past(date, ctx.calendar_today(), "a concern is about something already said or seen")?;
    let text = match text {
        Some(text) => clean(Field::Note, &text).map_err(Error::usage)?,
        None if ctx.interactive => {
            ctx.journal.check_writable()?;
            ctx.prompter.required_text(&format!("What did {} say or do?", visible(child, false)), Field::Note)?
        }
        None => {
            return Err(Error::usage(
                "what was said or seen is missing: pass it in quotes, e.g. `srt concern \"she said she wished she wasn't alive\"`",
            ));
        }
    };
    if text.is_empty() {
        return Err(Error::usage("a concern needs its words: what was said or seen"));
    }
    let recorded_by = super::recorder(ctx, ctx.interactive)?;
    let concern =
        ctx.journal.add_concern(NewConcern { child: child.to_string(), date, text, checkin: None, recorded_by })?;
    if ctx.json {
        super::print_json(out, &ConcernEntry::of(&concern))?;
        return Ok(0);
    }
    let id = short_id(&concern.id);
    let saved = format!("Saved {}'s safety concern of {} (id {id}).", visible(child, false), day(concern.date));
    super::write_concern_saved(out, &saved, id)?;
    Ok(0)
}

fn list(ctx: &Context, child: &str, out: &mut dyn Write) -> Result<i32> {
    let mut concerns = ctx.journal.concerns_shown_for(child)?;
    // Open ones first, each part oldest first.
    concerns.sort_by_key(|c| !c.is_open());
    if ctx.json {
        let entries: Vec<ConcernEntry> = concerns.iter().map(|c| ConcernEntry::of(c)).collect();
        super::print_json(out, &entries)?;
        return Ok(0);
    }
    if concerns.is_empty() {
        writeln!(out, "No safety concerns noted for {}.", visible(child, false))?;
        return Ok(0);
    }
    out.write_all(table(&concerns).as_bytes())?;
    if concerns.iter().any(|c| c.is_open()) {
        writeln!(out, "{}", paragraph(SAFETY_LINE))?;
    }
    Ok(0)
}

fn table(concerns: &[Stored<Concern>]) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(crate::render::summary::WIDTH as u16)
        .set_header(["id", "date", "status", "what was said or seen"]);
    for concern in concerns {
        let mut said = visible(&concern.text, true).into_owned();
        if let Some(by) = &concern.recorded_by {
            said.push_str(&format!(" ({})", visible(by, false)));
        }
        if let Some(resolution) = &concern.resolved {
            said.push_str(&format!("\nresolved {}: {}", resolution.date, visible(&resolution.note, true)));
        }
        let status = concern.status().name().to_string();
        table.add_row([short_id(&concern.id).to_string(), concern.date.to_string(), status, said]);
    }
    trim_table(&table)
}

fn resolve(ctx: &Context, child: &str, id: &str, note: Option<String>, out: &mut dyn Write) -> Result<i32> {
    let seen = ctx.journal.find_concern(child, id)?;
    if seen.resolved.is_some() {
        return Err(Error::usage(format!("concern {} is already resolved", short_id(&seen.id))));
    }
    let note = match note {
        Some(note) => clean(Field::Note, &note).map_err(Error::usage)?,
        None if ctx.interactive => {
            ctx.prompter.say(&format!("{}: {}", day(seen.date), visible(&seen.text, true)))?;
            ctx.prompter.required_text("With whom and when was it talked over?", Field::Note)?
        }
        None => {
            return Err(Error::usage(format!(
                "say how it was followed up: `srt concern resolve {} --note \"talked with Dr Lee on 2 Mar\"`",
                short_id(&seen.id)
            )));
        }
    };
    if note.is_empty() {
        return Err(Error::usage(
            "say with whom and when it was talked over, e.g. --note \"talked with Dr Lee on 2 Mar\"",
        ));
    }
    let recorded_by = super::recorder(ctx, false)?;
    // Just after midnight the journal's day is still yesterday, and a concern noted then
    // may carry the calendar's date: a resolution is never dated before its concern.
    let date = ctx.today.max(seen.date);
    let resolved = ctx.journal.resolve_concern(&seen, Resolution { date, note, recorded_by })?;
    if ctx.json {
        super::print_json(out, &ConcernEntry::of(&resolved))?;
        return Ok(0);
    }
    let done = format!(
        "Resolved the concern of {} (id {}). It no longer comes first, and stays in `srt concern list`.",
        day(resolved.date),
        short_id(&resolved.id)
    );
    writeln!(out, "{}", paragraph(&done))?;
    Ok(0)
}
