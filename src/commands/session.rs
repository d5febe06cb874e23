//! `srt session add|list|delete`: therapy appointments, which set the summary's window.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};

use crate::app::Context;
use crate::cli::SessionCommand;
use crate::error::{Error, Result};
use crate::family::Family;
use crate::model::Session;
use crate::render::text::{day, short_id};
use crate::store::Stored;
use crate::text::{Field, clean, same_words, visible};

use super::checkin::new_id;

pub fn run(ctx: &Context, command: SessionCommand, out: &mut dyn Write) -> Result<i32> {
    let family = Family::load(&ctx.store)?;
    let child = family.require(ctx.child.as_deref())?.name.clone();
    match command {
        SessionCommand::Add { date, note } => {
            let note = clean(Field::Note, note.as_deref().unwrap_or("")).map_err(Error::usage)?;
            let session = Session { id: new_id(), child: child.clone(), date: date.unwrap_or(ctx.today), note };
            let lock = ctx.store.lock()?;
            ctx.store.put_session(&lock, &session)?;
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
            let sessions = sessions_of(ctx, &child)?;
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
            let session = find(ctx, &child, &id)?;
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
            let lock = ctx.store.lock()?;
            ctx.store.delete_session(&lock, &session)?;
            writeln!(out, "Deleted {what}.")?;
        }
    }
    Ok(0)
}

/// The child's sessions, oldest first.
pub fn sessions_of(ctx: &Context, child: &str) -> Result<Vec<Stored<Session>>> {
    Ok(ctx.store.sessions()?.into_iter().filter(|s| same_words(&s.child, child)).collect())
}

fn find(ctx: &Context, child: &str, id: &str) -> Result<Stored<Session>> {
    let wanted = id.trim().to_lowercase();
    let mut matches: Vec<_> = sessions_of(ctx, child)?.into_iter().filter(|s| s.id.starts_with(&wanted)).collect();
    match (wanted.len() >= 4, matches.len()) {
        (true, 1) => Ok(matches.remove(0)),
        _ => Err(Error::usage(format!(
            "no single session has an id starting '{}' (give at least 4 characters; see `srt session list`)",
            visible(id, false)
        ))),
    }
}

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
