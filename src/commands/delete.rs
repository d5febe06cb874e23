//! `srt delete ID`: asks first, unless `--yes`.

use std::io::Write;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::short_id;
use crate::render::text::{day, detail};

use super::find_checkin;

pub fn run(ctx: &Context, id: &str, yes: bool, out: &mut dyn Write) -> Result<i32> {
    let checkin = find_checkin(ctx, id)?;
    if !yes {
        if !ctx.interactive {
            return Err(Error::usage(format!(
                "deleting needs a yes: run `srt delete {} --yes` (stdin is not a terminal to ask on)",
                short_id(&checkin.id)
            )));
        }
        let ladder = ctx.journal.ladder(&checkin.child)?;
        ctx.prompter.say(&detail(&checkin, ladder.as_deref()))?;
        if !ctx.prompter.confirm("Delete this check-in?", false)? {
            writeln!(out, "Nothing changed.")?;
            return Ok(0);
        }
    }
    ctx.journal.delete_checkin(&checkin)?;
    if ctx.json {
        super::print_json(out, &serde_json::json!({"deleted": checkin.id}))?;
    } else {
        let (period, date, id) = (checkin.period.name(), day(checkin.date), short_id(&checkin.id));
        writeln!(out, "Deleted the {period} check-in of {date} (id {id}).")?;
    }
    Ok(0)
}
