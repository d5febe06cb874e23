//! `srt doctor [--repair]`: what every file of the journal holds, and what is wrong with it.
//! Exit 0 when all is well (or was repaired), 1 when something needs attention.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::journal::{FileReport, LineProblem};
use crate::text::visible;

pub fn run(ctx: &Context, repair: bool, out: &mut dyn Write) -> Result<i32> {
    if !ctx.journal.exists() {
        return Err(Error::failure(format!(
            "there is no journal at {} (check --data-dir or SRT_DATA_DIR)",
            shown(ctx.journal.root())
        )));
    }
    let (reports, moved) = if repair { ctx.journal.repair()? } else { (ctx.journal.inspect()?, Vec::new()) };
    describe(ctx, &reports, out)?;

    let to_set_aside: usize = reports.iter().map(|r| r.to_set_aside().len()).sum();
    let newer = reports.iter().flat_map(|r| r.inspection.iter().flat_map(|i| &i.problems));
    let newer = newer.filter(|(_, p)| matches!(p, LineProblem::Newer(_))).count();
    if to_set_aside == 0 {
        if newer == 0 {
            writeln!(out, "All is well: every line reads.")?;
            return Ok(0);
        }
        writeln!(out, "Some records were written by a newer srt: upgrade srt to read them. Nothing else is wrong.")?;
        return Ok(1);
    }
    if !repair {
        writeln!(
            out,
            "Run `srt doctor --repair` to move the {to_set_aside} damaged or cut-off line(s) to backups/ and keep every valid entry."
        )?;
        return Ok(1);
    }
    for moved in moved {
        let lines: Vec<String> = moved.lines.iter().map(ToString::to_string).collect();
        writeln!(out, "Moved line(s) {} of {} to {}.", lines.join(", "), shown(&moved.path), shown(&moved.backup))?;
    }
    writeln!(
        out,
        "Repaired: every valid entry is still there; the moved lines are kept in backups/ (srt never deletes them)."
    )?;
    Ok(if newer == 0 { 0 } else { 1 })
}

fn shown(path: &Path) -> String {
    visible(&path.display().to_string(), false).into_owned()
}

fn describe(ctx: &Context, reports: &[FileReport], out: &mut dyn Write) -> Result<()> {
    let devices: BTreeSet<&str> = reports.iter().map(|r| r.device.as_str()).collect();
    let records: usize = reports.iter().filter_map(|r| r.inspection.as_ref()).map(|i| i.records).sum();
    writeln!(
        out,
        "Checked {} file(s) from {} device(s) ({}) in {}: {records} record(s) read.",
        reports.len(),
        devices.len(),
        devices.iter().copied().collect::<Vec<_>>().join(", "),
        shown(ctx.journal.root())
    )?;
    for report in reports {
        let path = shown(&report.path);
        let Some(inspection) = &report.inspection else {
            writeln!(out, "  not srt's  {path} (left alone)")?;
            continue;
        };
        for (line, problem) in &inspection.problems {
            match problem {
                LineProblem::Torn => writeln!(out, "  cut off    {path} line {line}: an interrupted save")?,
                LineProblem::Damaged(why) => writeln!(out, "  damaged    {path} line {line}: {why}")?,
                LineProblem::Newer(v) => writeln!(out, "  newer      {path} line {line}: written by srt format v{v}")?,
            }
        }
    }
    Ok(())
}
