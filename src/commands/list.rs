//! `srt list`: check-ins in a range, newest last.

use std::io::Write;

use crate::app::Context;
use crate::error::Result;
use crate::family::Family;
use crate::model::CheckIn;
use crate::render::text::table;
use crate::store::DateRange;

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
    if ctx.json {
        print_json(out, &checkins)?;
    } else if checkins.is_empty() {
        writeln!(out, "No check-ins here yet. Start one with `srt morning` or `srt evening`.")?;
    } else {
        out.write_all(table(&checkins).as_bytes())?;
    }
    Ok(0)
}
