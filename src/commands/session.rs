//! `srt session add|list|delete`: therapy appointments, which set the summary's window.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};

use crate::cli::SessionCommand;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::journal::Stored;
use crate::model::{Session, short_id};
use crate::render::text::day;
use crate::text::{Field, clean, visible};

pub fn run(ctx: &Context, command: SessionCommand, out: &mut dyn Write) -> Result<i32> {
    let child = ctx.journal.family()?.require(ctx.wanted_child())?.name.clone();
    match command {
        SessionCommand::Add { date, note } => {
            let date = date.unwrap_or(ctx.today);
            super::ensure_past(date, ctx.calendar_today(), "a session is recorded on the day or after")?;
            let note = clean(Field::Note, note.as_deref().unwrap_or("")).map_err(Error::usage)?;
            let session = ctx.journal.add_session(&child, date, note, super::recorder(ctx, false)?)?;
            if ctx.json {
                super::print_json(out, &session)?;
                return Ok(0);
            }
            writeln!(
                out,
                "Added {}'s session of {}.  (id {})",
                visible(&child, false),
                day(session.date),
                short_id(&session.id)
            )?;
        }
        SessionCommand::List => {
            let sessions = ctx.journal.sessions_of(&child)?;
            if ctx.json {
                let records: Vec<&Session> = sessions.iter().map(|s| &s.record).collect();
                super::print_json(out, &records)?;
            } else if sessions.is_empty() {
                writeln!(out, "No sessions yet. Add one after an appointment with `srt session add`.")?;
            } else {
                out.write_all(table(&sessions).as_bytes())?;
            }
        }
        SessionCommand::Delete { id, yes } => {
            let session = ctx.journal.find_session(&child, &id)?;
            let what = format!("the session of {} (id {})", day(session.date), short_id(&session.id));
            if !yes {
                if !ctx.interactive {
                    return Err(Error::usage(format!(
                        "deleting needs a yes: run `srt session delete {} --yes`",
                        short_id(&session.id)
                    )));
                }
                if !ctx.prompter.confirm(&format!("Delete {what}?"), false)? {
                    writeln!(out, "Nothing changed.")?;
                    return Ok(0);
                }
            }
            ctx.journal.delete_session(&session)?;
            writeln!(out, "Deleted {what}.")?;
        }
    }
    Ok(0)
}

/// Refuses a session on a day that has not come yet: a session is recorded once it took
/// place (exports end today, and an import refuses later days).
fn table(sessions: &[Stored<Session>]) -> String {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(["id", "day", "note"]);
    for session in sessions {
        table.add_row([
            short_id(&session.id).to_string(),
            day(session.date),
            visible(&session.note, false).into_owned(),
        ]);
    }
    crate::render::text::trim_table(&table)
}
