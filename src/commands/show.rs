//! `srt show ID`: one check-in in full.

use std::io::Write;

use crate::context::Context;
use crate::error::Result;
use crate::render::text::detail_with;

use super::{find_checkin, print_json};

pub fn run(ctx: &Context, id: &str, out: &mut dyn Write) -> Result<i32> {
    let checkin = find_checkin(ctx, id)?;
    if ctx.json {
        print_json(out, &checkin.record)?;
    } else {
        let ladder = ctx.journal.ladder(&checkin.child)?;
        // Whether its note is a safety concern: open first, if it was marked twice.
        let concerns = ctx.journal.concerns_of(&checkin.child)?;
        let mine = concerns.iter().filter(|c| c.record.checkin.as_deref() == Some(checkin.id.as_str()));
        let status = mine.map(|c| c.record.status()).min_by_key(|s| *s != crate::model::ConcernStatus::Open);
        out.write_all(detail_with(&checkin, ladder.as_deref(), status).as_bytes())?;
    }
    Ok(0)
}
