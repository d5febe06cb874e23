//! `srt show ID`: one check-in in full.

use std::io::Write;

use crate::context::Context;
use crate::error::Result;
use crate::render::text::detail;

use super::{find_checkin, print_json};

pub fn run(ctx: &Context, id: &str, out: &mut dyn Write) -> Result<i32> {
    let checkin = find_checkin(ctx, id)?;
    if ctx.json {
        print_json(out, &checkin.record)?;
    } else {
        let ladder = ctx.journal.ladder(&checkin.child)?;
        out.write_all(detail(&checkin, ladder.as_deref()).as_bytes())?;
    }
    Ok(0)
}
