//! One module per command. Each takes the context and its checked request, and writes
//! what it prints to `out`.

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

use crate::app::Context;
use crate::error::{Error, Result};
use crate::model::CheckIn;
use crate::render::text::short_id;
use crate::store::{DateRange, Stored};
use crate::text::visible;

/// The check-in whose id is `id` or starts with it (at least 4 characters, or the whole id).
pub fn find_checkin(ctx: &Context, id: &str) -> Result<Stored<CheckIn>> {
    let wanted = id.trim().to_lowercase();
    if wanted.len() < 4 {
        return Err(Error::usage(format!(
            "'{}' is too short to name a check-in: give at least 4 characters of its id (see `srt list`)",
            visible(id, false)
        )));
    }
    let mut matches = Vec::new();
    ctx.store.for_each_month(
        &DateRange::default(),
        |c| c.id.starts_with(&wanted),
        |month| {
            matches.extend(month);
            Ok(())
        },
    )?;
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 => Err(Error::usage(format!("no check-in has the id '{}'; see `srt list`", visible(id, false)))),
        _ => {
            let ids: Vec<_> = matches.iter().map(|c| short_id(&c.id).to_string()).collect();
            Err(Error::usage(format!(
                "'{}' starts more than one id ({}); give more of it",
                visible(id, false),
                ids.join(", ")
            )))
        }
    }
}

/// Refuses check-ins about days that have not come yet.
pub fn ensure_not_future(date: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<()> {
    if date > today {
        return Err(Error::usage(format!("{date} is in the future; check-ins are about today or earlier days")));
    }
    Ok(())
}

/// Writes `value` as pretty JSON followed by a line break.
pub fn print_json(out: &mut dyn std::io::Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|err| match err.io_error_kind() {
        Some(kind) => Error::from(std::io::Error::from(kind)),
        None => Error::failure(format!("could not write JSON: {err}")),
    })?;
    writeln!(out)?;
    Ok(())
}
