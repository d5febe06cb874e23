//! `srt list`: check-ins in a range, newest last, printed a month at a time so that a list
//! of decades never sits in memory whole.

use std::io::Write;

use crate::context::Context;
use crate::error::Result;
use crate::journal::Journal;
use crate::model::{CheckIn, DateRange, short_id};
use crate::render::json::ArrayWriter;
use crate::render::text::table;
use crate::summary::same_slot_groups;
use crate::text::visible;

pub fn run(ctx: &Context, range: &DateRange, out: &mut dyn Write) -> Result<i32> {
    let family = ctx.journal.family()?;
    let child = family.resolve(ctx.wanted_child())?.map(|c| c.name.clone());
    let each_month = |f: &mut dyn FnMut(Vec<CheckIn>) -> Result<()>| -> Result<()> {
        let Some(child) = &child else { return Ok(()) };
        ctx.journal.for_each_month_of(child, range, |checkins| {
            warn_about_duplicates(&ctx.journal, &checkins);
            f(checkins)
        })
    };
    if ctx.json {
        let mut array = ArrayWriter::top();
        each_month(&mut |checkins| checkins.iter().try_for_each(|c| array.push(out, c)))?;
        array.close(out)?;
        return Ok(0);
    }
    // The check-ins whose note is an open safety concern: a handful at most, read once.
    let open: Vec<String> = match &child {
        Some(child) => ctx.journal.open_concerns_of(child)?.into_iter().filter_map(|c| c.checkin).collect(),
        None => Vec::new(),
    };
    let mut shown = 0;
    each_month(&mut |checkins| {
        if !checkins.is_empty() {
            out.write_all(table(&checkins, shown == 0, |c| open.contains(&c.id)).as_bytes())?;
            shown += checkins.len();
        }
        Ok(())
    })?;
    if shown == 0 {
        writeln!(out, "No check-ins here yet. Start one with `srt morning` or `srt evening`.")?;
    }
    Ok(0)
}

fn warn_about_duplicates(journal: &Journal, checkins: &[CheckIn]) {
    for group in same_slot_groups(checkins) {
        let ids: Vec<&str> = group.iter().map(|c| short_id(&c.id)).collect();
        journal.warn(format!(
            "{} has {} {} check-ins on {} (ids {}), probably saved on two devices before they synced; the summary counts the later one; keep one with `srt delete ID`",
            visible(&group[0].child, false),
            group.len(),
            group[0].period.name(),
            group[0].date,
            ids.join(", ")
        ));
    }
}
