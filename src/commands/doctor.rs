//! `srt doctor [--repair]`: what every file of the journal holds, and what is wrong with it.
//! Exit 0 when all is well (or was repaired), 1 when something needs attention.
//!
//! Everything printed comes through `visible`: file and folder names under `log/` may have
//! been made by anything that syncs there, and reasons may quote a line's own text.

use std::collections::BTreeSet;
use std::io::Write;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::journal::{FileReport, Finding, LineProblem, Repairs};
use crate::text::{count, visible, visible_path};

pub fn run(ctx: &Context, repair: bool, out: &mut dyn Write) -> Result<i32> {
    if !ctx.journal.exists() {
        return Err(Error::failure(format!(
            "there is no journal at {} (check --data-dir or SRT_DATA_DIR)",
            visible_path(ctx.journal.root())
        )));
    }
    let (reports, repairs) = if repair { ctx.journal.repair()? } else { (ctx.journal.inspect()?, Repairs::default()) };
    describe(ctx, &reports, out)?;
    let found = Found::of(&reports);
    if repair {
        tell_repairs(&repairs, out)?;
    } else if found.to_set_aside + found.conflicts > 0 {
        writeln!(out, "{}", found.repair_offer())?;
    }
    if found.unread > 0 {
        writeln!(
            out,
            "srt does not read what is marked \"not read\" or \"not srt's\" above, and leaves it alone: please look at what it holds, then move it out of the log folder."
        )?;
    }
    if found.newer > 0 {
        writeln!(out, "Some records were written by a newer srt: upgrade srt to read them.")?;
    }
    let needs_repair = !repair && found.to_set_aside + found.conflicts > 0;
    if needs_repair || found.unread + found.newer > 0 {
        return Ok(1);
    }
    if !repair || repairs.moved.is_empty() && repairs.merged.is_empty() {
        writeln!(out, "All is well: every line reads.")?;
    }
    Ok(0)
}

/// What needs attention, counted.
struct Found {
    /// Damaged and cut-off lines.
    to_set_aside: usize,
    /// Conflicted copies `--repair` merges.
    conflicts: usize,
    /// Folders and files srt does not read.
    unread: usize,
    /// Lines of a newer srt.
    newer: usize,
}

impl Found {
    fn of(reports: &[FileReport]) -> Self {
        let newer = reports.iter().filter_map(FileReport::inspection).flat_map(|i| &i.problems);
        Self {
            to_set_aside: reports.iter().map(|r| r.to_set_aside().len()).sum(),
            conflicts: reports.iter().filter(|r| r.is_mergeable()).count(),
            unread: reports.iter().filter(|r| r.is_unread()).count(),
            newer: newer.filter(|(_, p)| matches!(p, LineProblem::Newer(_))).count(),
        }
    }

    fn repair_offer(&self) -> String {
        let damage = format!("move the {} to backups/", count(self.to_set_aside, "damaged or cut-off line"));
        let copies = match self.conflicts {
            1 => "add what the conflicted copy holds to this device's log".to_string(),
            n => format!("add what the {n} conflicted copies hold to this device's log"),
        };
        let what = match (self.to_set_aside > 0, self.conflicts > 0) {
            (true, true) => format!("{damage}, {copies}, and move the copies to backups/"),
            (true, false) => format!("{damage} and keep every valid entry"),
            _ => format!("{copies} and move the copies to backups/"),
        };
        format!("Run `srt doctor --repair` to {what}.")
    }
}

fn tell_repairs(repairs: &Repairs, out: &mut dyn Write) -> Result<()> {
    for moved in &repairs.moved {
        let lines: Vec<String> = moved.lines.iter().map(ToString::to_string).collect();
        let which = if lines.len() == 1 { "line" } else { "lines" };
        writeln!(
            out,
            "Moved {which} {} of {} to {}.",
            lines.join(", "),
            visible_path(&moved.path),
            visible_path(&moved.backup)
        )?;
    }
    for merged in &repairs.merged {
        let (copy, backup) = (visible_path(&merged.copy), visible_path(&merged.backup));
        match merged.lines {
            0 => writeln!(out, "Everything in {copy} was already in the journal; the copy is kept in {backup}.")?,
            n => writeln!(
                out,
                "Merged {} from {copy} into {}; the copy is kept in {backup}.",
                count(n, "line"),
                visible_path(&merged.into)
            )?,
        }
    }
    if !repairs.moved.is_empty() || !repairs.merged.is_empty() {
        writeln!(
            out,
            "Repaired: every valid entry is still there; what was moved is kept in backups/ (srt never deletes it)."
        )?;
    }
    Ok(())
}

fn describe(ctx: &Context, reports: &[FileReport], out: &mut dyn Write) -> Result<()> {
    let devices: BTreeSet<&str> = reports.iter().filter_map(|r| r.device.as_deref()).collect();
    let devices: Vec<String> = devices.into_iter().map(|d| visible(d, false).into_owned()).collect();
    let read = reports.iter().filter_map(FileReport::inspection);
    let (files, records) = read.fold((0, 0), |(files, records), i| (files + 1, records + i.records));
    writeln!(
        out,
        "Checked {} from {} ({}) in {}: {} read.",
        count(files, "file"),
        count(devices.len(), "device"),
        devices.join(", "),
        visible_path(ctx.journal.root()),
        count(records, "record")
    )?;
    for report in reports {
        describe_one(report, out)?;
    }
    Ok(())
}

fn describe_one(report: &FileReport, out: &mut dyn Write) -> Result<()> {
    let path = visible_path(&report.path);
    match &report.finding {
        Finding::Log(_) => {}
        Finding::Conflict { of, unique, .. } => {
            let of = visible(of, false);
            let missing = match unique {
                _ if report.has_newer() => "it holds lines of a newer srt, to merge once srt is upgraded".to_string(),
                0 => "every entry in it is already in the journal".to_string(),
                1 => "1 of its lines is not in the journal yet".to_string(),
                n => format!("{n} of its lines are not in the journal yet"),
            };
            writeln!(out, "  conflict   {path}: a sync tool's conflicted copy of {of}; {missing}")?;
        }
        Finding::NotDeviceFolder => writeln!(
            out,
            "  not read   {path}/: not a device folder srt wrote (its name is not a device id); its files are not part of the journal"
        )?,
        Finding::Stray => {
            writeln!(out, "  not read   {path}: a file beside the device folders; it is not part of the journal")?
        }
        Finding::NotSrts => writeln!(out, "  not srt's  {path}: srt did not write it; it is not part of the journal")?,
        Finding::NotPlain => {
            writeln!(out, "  not read   {path}: not a plain file (a pipe, a device or a link); srt does not read it")?
        }
        Finding::UnknownFolder => {
            writeln!(out, "  not read   {path}/: a folder srt did not make; its files are not part of the journal")?
        }
        Finding::Leftover => writeln!(
            out,
            "  leftover   {path}: left by a save that was interrupted (the journal is whole without it; it can be deleted)"
        )?,
    }
    for (line, problem) in report.inspection().iter().flat_map(|i| &i.problems) {
        match problem {
            LineProblem::Torn => writeln!(out, "  cut off    {path} line {line}: an interrupted save")?,
            LineProblem::Damaged(why) => writeln!(out, "  damaged    {path} line {line}: {}", visible(why, false))?,
            LineProblem::Newer(v) => writeln!(out, "  newer      {path} line {line}: written by srt format v{v}")?,
        }
    }
    Ok(())
}
