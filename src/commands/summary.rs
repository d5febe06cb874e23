//! `srt summary`: the small wins and patterns of one child over a window, read once.

use std::io::Write;

use crate::app::Context;
use crate::cli::RangeArgs;
use crate::error::{Error, Result};
use crate::family::Family;
use crate::model::CheckIn;
use crate::render;
use crate::store::DateRange;
use crate::summary::{Basis, Summary, Window, summarise};

use super::{print_json, session, steps};

pub fn run(ctx: &Context, range: &RangeArgs, out: &mut dyn Write) -> Result<i32> {
    let (summary, child) = compute(ctx, range)?;
    if ctx.json {
        print_json(out, &summary)?;
    } else {
        out.write_all(render::summary::text(&child, &summary).as_bytes())?;
    }
    Ok(0)
}

/// The child's summary over the asked-for window (for `summary` and `export`).
pub fn compute(ctx: &Context, range: &RangeArgs) -> Result<(Summary, String)> {
    let family = Family::load(&ctx.store)?;
    let child = family.require(ctx.child.as_deref())?.name.clone();
    let sessions = session::sessions_of(ctx, &child)?;
    let window = window(ctx, range, sessions.iter().map(|s| s.date))?;
    let checkins: Vec<CheckIn> = ctx
        .store
        .checkins(&DateRange { since: Some(window.since), until: Some(window.until) })?
        .into_iter()
        .map(|c| c.record)
        .filter(|c| c.is_about(&child))
        .collect();
    let ladder = steps::load(&ctx.store, &child)?;
    Ok((summarise(window, &checkins, ladder.as_deref()), child))
}

/// The window asked for, or by default from the latest session before today.
pub fn window(
    ctx: &Context,
    range: &RangeArgs,
    sessions: impl IntoIterator<Item = chrono::NaiveDate>,
) -> Result<Window> {
    let default = Window::default_for(ctx.today, sessions);
    if range.since.is_none() && range.until.is_none() && range.last.is_none() {
        return Ok(default);
    }
    let asked = range.to_range(ctx.today)?;
    let window = Window {
        since: asked.since.unwrap_or(default.since),
        until: asked.until.unwrap_or(ctx.today),
        basis: Basis::Explicit,
    };
    if window.since > window.until {
        return Err(Error::usage(format!(
            "the window would start ({}) after it ends ({}); give --since too",
            window.since, window.until
        )));
    }
    Ok(window)
}
