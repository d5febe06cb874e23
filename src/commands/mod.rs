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
use crate::error::{Error, Result};
use crate::journal::Stored;
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
