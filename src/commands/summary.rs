//! `srt summary`: the small wins and patterns of one child over a window, read once.

use std::io::Write;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{DateRange, OpenConcern};
use crate::render;
use crate::summary::{Summariser, Window};

use super::print_json;

pub fn run(ctx: &Context, asked: &DateRange, out: &mut dyn Write) -> Result<i32> {
    let child = ctx.journal.family()?.require(ctx.wanted_child())?.name.clone();
    let sessions = ctx.journal.sessions_of(&child)?;
    let window = Window::asked(ctx.today, asked, sessions.iter().map(|s| s.date)).map_err(Error::usage)?;
    let ladder = ctx.journal.ladder(&child)?;
    let concerns = ctx.journal.open_concerns_of(&child)?;
    let mut summariser = Summariser::new(window, ladder.as_deref())
        .with_concerns(concerns.iter().map(OpenConcern::from).collect())
        .expecting(ctx.config.school_days())
        .with_sessions(sessions.iter().map(|s| (s.date, s.record.note.as_str())))
        .recording_since(ctx.journal.first_checkin_of(&child)?)
        .as_of(ctx.today);
    ctx.journal.for_each_month_of(&child, &summariser.dates(), |month| {
        month.into_iter().for_each(|c| summariser.add(c));
        Ok(())
    })?;
    let summary = summariser.finish();
    if ctx.json {
        print_json(out, &summary)?;
    } else {
        render::summary::write(&child, &summary, out)?;
    }
    Ok(0)
}
