//! `srt show ID`: one check-in in full.

use std::io::Write;

use crate::app::Context;
use crate::error::Result;
use crate::render::text::detail;

use super::{find_checkin, print_json};

pub fn run(ctx: &Context, id: &str, out: &mut dyn Write) -> Result<i32> {
    let checkin = find_checkin(ctx, id)?;
    if ctx.json {
        print_json(out, &checkin.record)?;
    } else {
        out.write_all(detail(&checkin).as_bytes())?;
    }
    Ok(0)
}
