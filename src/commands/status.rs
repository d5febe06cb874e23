//! `srt status`: are today's check-ins done? Exit 0 when both are, 1 when one is missing.
//! It reads only the children and this month's check-ins, so it stays cheap at any size.

use std::io::Write;

use chrono::Datelike;
use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::journal::slot;
use crate::model::{OpenConcern, Period};
use crate::render::text::{alarm, day};
use crate::text::visible;

#[derive(Serialize)]
struct Status<'a> {
    /// Open safety concerns, first.
    concerns: Vec<OpenConcern>,
    child: Option<&'a str>,
    date: chrono::NaiveDate,
    morning: bool,
    evening: bool,
}

pub fn run(ctx: &Context, quiet: bool, out: &mut dyn Write) -> Result<i32> {
    let family = ctx.journal.family()?;
    let Some(child) = family.resolve(ctx.wanted_child())? else {
        if !quiet {
            writeln!(out, "No check-ins yet. Start with `srt morning`.")?;
        }
        return Ok(1);
    };
    let concerns: Vec<OpenConcern> = ctx.journal.open_concerns_of(&child.name)?.iter().map(OpenConcern::from).collect();
    let today = ctx.journal.checkins_on(&child.name, ctx.today)?;
    let done = |period| slot(&today, period);
    let (morning, evening) = (done(Period::Morning), done(Period::Evening));
    let school_day = ctx.config.is_school_day(ctx.today.weekday());
    let code = if !school_day || (morning.is_some() && evening.is_some()) { 0 } else { 1 };
    if quiet {
        return Ok(code);
    }
    if ctx.json {
        let status = Status {
            concerns,
            child: Some(&child.name),
            date: ctx.today,
            morning: morning.is_some(),
            evening: evening.is_some(),
        };
        super::print_json(out, &status)?;
        return Ok(code);
    }
    writeln!(out, "{} · {}", visible(&child.name, false), day(ctx.today))?;
    if !concerns.is_empty() {
        out.write_all(crate::render::summary::concerns_section(&concerns).as_bytes())?;
    }
    if !school_day {
        writeln!(out, "  not a school day: nothing is missing")?;
    }
    for (period, checkin) in [(Period::Morning, morning), (Period::Evening, evening)] {
        match checkin {
            Some(c) => writeln!(out, "  {:<8} done (alarm {})", period.name(), alarm(c.alarm))?,
            None => writeln!(out, "  {:<8} not yet: `srt {}`", period.name(), period.name())?,
        }
    }
    Ok(code)
}
