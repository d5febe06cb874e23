//! `srt summary`: the small wins and patterns of one child over a window, read once.

use std::io::Write;

use crate::app::Context;
use crate::cli::RangeArgs;
use crate::error::{Error, Result};
use crate::family::Family;
use crate::render;
use crate::store::DateRange;
use crate::summary::{Basis, Summariser, Summary, Window};

use super::{print_json, session, steps};

pub fn run(ctx: &Context, range: &RangeArgs, out: &mut dyn Write) -> Result<i32> {
    let (summary, child) = compute(ctx, range)?;
    if ctx.json {
        print_json(out, &summary)?;
    } else {
        render::summary::write(&child, &summary, out)?;
    }
    Ok(0)
}

/// The child's summary over the asked-for window.
pub fn compute(ctx: &Context, range: &RangeArgs) -> Result<(Summary, String)> {
    let family = Family::load(&ctx.store)?;
    let child = family.require(ctx.child.as_deref())?.name.clone();
    let sessions = session::sessions_of(ctx, &child)?;
    let window = window(ctx, range, sessions.iter().map(|s| s.date))?;
    let ladder = steps::load(&ctx.store, &child)?;
    let mut summariser = Summariser::new(window, ladder.as_deref()).expecting(ctx.config.school_days.as_deref());
    let dates = DateRange { since: Some(window.since), until: Some(window.until) };
    ctx.store.for_each_month(
        &dates,
        |c| c.is_about(&child),
        |month| {
            month.into_iter().for_each(|c| summariser.add(c.record));
            Ok(())
        },
    )?;
    Ok((summariser.finish(), child))
}

/// The window asked for, or by default from the latest session before today.
pub fn window(
    ctx: &Context,
    range: &RangeArgs,
    sessions: impl IntoIterator<Item = chrono::NaiveDate>,
) -> Result<Window> {
    if range.since.is_none() && range.until.is_none() && range.last.is_none() {
        return Ok(Window::default_for(ctx.today, sessions));
    }
    let asked = range.to_range(ctx.today)?;
    let until = asked.until.unwrap_or(ctx.today);
    if until > ctx.today {
        return Err(Error::usage(format!("--until {until} is in the future; a window ends today at the latest")));
    }
    // With only --until, the window starts as it would have on that day.
    let since = asked.since.unwrap_or_else(|| Window::default_for(until, sessions).since);
    if since > until {
        return Err(Error::usage(format!("the window would start ({since}) after it ends ({until})")));
    }
    Ok(Window { since, until, basis: Basis::Explicit })
}
