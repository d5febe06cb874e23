//! `srt list`: check-ins in a range, newest last.

use std::io::Write;

use crate::app::Context;
use crate::error::Result;
use crate::family::Family;
use crate::model::CheckIn;
use crate::render::text::{short_id, table};
use crate::store::DateRange;
use crate::summary::same_slot_groups;
use crate::text::visible;

use super::print_json;

pub fn run(ctx: &Context, range: &DateRange, out: &mut dyn Write) -> Result<i32> {
    let family = Family::load(&ctx.store)?;
    let checkins: Vec<CheckIn> = match family.resolve(ctx.child.as_deref())? {
        Some(child) => {
            let name = child.name.clone();
            ctx.store.checkins(range)?.into_iter().map(|c| c.record).filter(|c| c.is_about(&name)).collect()
        }
        None => Vec::new(),
    };
    for group in same_slot_groups(&checkins) {
        let ids: Vec<&str> = group.iter().map(|c| short_id(&c.id)).collect();
        ctx.store.warn(format!(
            "{} has {} {} check-ins on {} (ids {}), probably saved on two devices before they synced; the summary counts the later one; keep one with `srt delete ID`",
            visible(&group[0].child, false),
            group.len(),
            group[0].period.name(),
            group[0].date,
            ids.join(", ")
        ));
    }
    if ctx.json {
        print_json(out, &checkins)?;
    } else if checkins.is_empty() {
        writeln!(out, "No check-ins here yet. Start one with `srt morning` or `srt evening`.")?;
    } else {
        out.write_all(table(&checkins).as_bytes())?;
    }
    Ok(0)
}
