//! `srt list`: check-ins in a range, newest last, printed a month at a time so that a list
//! of decades never sits in memory whole.

use std::io::Write;

use crate::app::Context;
use crate::error::Result;
use crate::family::Family;
use crate::model::CheckIn;
use crate::render::json::write_array;
use crate::render::text::{short_id, table};
use crate::store::{DateRange, Store};
use crate::summary::same_slot_groups;
use crate::text::visible;

pub fn run(ctx: &Context, range: &DateRange, out: &mut dyn Write) -> Result<i32> {
    let family = Family::load(&ctx.store)?;
    let child = family.resolve(ctx.child.as_deref())?.map(|c| c.name.clone());
    let each_month = |f: &mut dyn FnMut(Vec<CheckIn>) -> Result<()>| -> Result<()> {
        let Some(child) = &child else { return Ok(()) };
        ctx.store.for_each_month(
            range,
            |c| c.is_about(child),
            |month| {
                let checkins: Vec<CheckIn> = month.into_iter().map(|c| c.record).collect();
                warn_about_duplicates(&ctx.store, &checkins);
                f(checkins)
            },
        )
    };
    if ctx.json {
        write_array(out, |array| each_month(&mut |checkins| checkins.iter().try_for_each(|c| array.push(c))))?;
        return Ok(0);
    }
    let mut shown = 0;
    each_month(&mut |checkins| {
        if !checkins.is_empty() {
            out.write_all(table(&checkins, shown == 0).as_bytes())?;
            shown += checkins.len();
        }
        Ok(())
    })?;
    if shown == 0 {
        writeln!(out, "No check-ins here yet. Start one with `srt morning` or `srt evening`.")?;
    }
    Ok(0)
}

fn warn_about_duplicates(store: &Store, checkins: &[CheckIn]) {
    for group in same_slot_groups(checkins) {
        let ids: Vec<&str> = group.iter().map(|c| short_id(&c.id)).collect();
        store.warn(format!(
            "{} has {} {} check-ins on {} (ids {}), probably saved on two devices before they synced; the summary counts the later one; keep one with `srt delete ID`",
            visible(&group[0].child, false),
            group.len(),
            group[0].period.name(),
            group[0].date,
            ids.join(", ")
        ));
    }
}
