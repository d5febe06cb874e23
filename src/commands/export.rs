//! `srt export`: the child's check-ins, sessions, ladder and summary in one of four formats,
//! on stdout or written atomically to a private file.

use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::durable::{parent_of, write_private_file};
use crate::error::{Error, Result};
use crate::export::{Export, ExportedSession};
use crate::model::ConcernEntry;
use crate::render::{self, ExportWriter};
use crate::summary::{Basis, Window};
use crate::text::{visible, visible_path};

pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<i32> {
    let target = match &args.output {
        Some(path) if !means_standard_output(path) => Some(output_file(ctx, path)?),
        _ => None,
    };
    let export = build(ctx, args)?;
    let write = |sink: &mut dyn Write| -> Result<()> {
        let mut writer: Box<dyn ExportWriter + '_> = match args.format {
            ExportFormat::Json => Box::new(render::json::JsonExport::start(&export, sink)?),
            ExportFormat::Csv => Box::new(render::csv::Csv::start(&export, sink)?),
            ExportFormat::Fhir => Box::new(render::fhir::Fhir::start(&export, sink)?),
            ExportFormat::Html => Box::new(render::html::Report::start(&export, sink)),
        };
        let mut summariser = export.summariser();
        ctx.journal.for_each_month_of(&export.child, &summariser.dates(), |month| {
            for checkin in month {
                let checkin = export.prepare(checkin);
                if export.window.contains(checkin.date) {
                    writer.checkin(&checkin)?;
                }
                summariser.add(checkin);
            }
            Ok(())
        })?;
        writer.finish(&summariser.finish())
    };
    match (&args.output, target) {
        (Some(path), Some(target)) => {
            write_private_file(&target, write)?;
            let range = export.range();
            writeln!(
                out,
                "Wrote {}'s export from {} to {} to {} (readable by you only).",
                visible(export.shown_name(), false),
                range.since,
                range.until,
                visible_path(path),
            )?;
        }
        _ => write(out)?,
    }
    Ok(0)
}

/// `-o -`: the standard output, as for many tools (`./-` names a file called `-`).
fn means_standard_output(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Where an export asked for with `-o` may be written: a new or plain file, in a folder
/// that exists, outside the journal's own folder and srt's settings file. The path
/// returned has no link in it, so the file written is the one checked.
fn output_file(ctx: &Context, path: &Path) -> Result<PathBuf> {
    refuse_what_is_not_a_plain_file(path)?;
    let name = path.file_name().filter(|_| !path.as_os_str().as_bytes().ends_with(b"/"));
    let name =
        name.ok_or_else(|| Error::usage(format!("{} names a folder; give the name of a file", visible_path(path))))?;
    let folder = parent_of(path);
    let no_folder = || Error::usage(format!("there is no folder {} to write the export into", visible_path(folder)));
    let folder = folder.canonicalize().map_err(|_| no_folder())?;
    if !folder.is_dir() {
        return Err(no_folder());
    }
    let target = folder.join(name);
    refuse_the_journals_own_files(ctx, path, &target)?;
    Ok(target)
}

/// Replacing a folder, a pipe, a device or a socket with an export would break whatever
/// uses it; replacing a link would replace the link, not the file it points to.
fn refuse_what_is_not_a_plain_file(path: &Path) -> Result<()> {
    let Ok(found) = fs::symlink_metadata(path) else { return Ok(()) };
    let kind = found.file_type();
    let why = if kind.is_file() {
        return Ok(());
    } else if kind.is_symlink() {
        "is a link; srt would replace the link, not the file it points to, so give that file's own path or a new name"
            .to_string()
    } else if kind.is_dir() {
        "is a folder; give the name of a file inside it".to_string()
    } else {
        format!("is {}, so srt will not replace it; to write the export to the screen, use -o -", special(kind))
    };
    Err(Error::usage(format!("{} {why}", visible_path(path))))
}

/// What a thing that is neither a file, a link nor a folder is, for the message.
fn special(kind: fs::FileType) -> &'static str {
    if kind.is_fifo() {
        "a named pipe, not a file"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device, not a file"
    } else if kind.is_socket() {
        "a socket, not a file"
    } else {
        "not a plain file"
    }
}

/// An export written over the journal's own files (a month's log, the lock) or its
/// settings would destroy them; `target` is the canonical path, so a link into the
/// journal's folder is caught too.
fn refuse_the_journals_own_files(ctx: &Context, path: &Path, target: &Path) -> Result<()> {
    let root = ctx.journal.root();
    if is_inside(target, root) {
        return Err(Error::usage(format!(
            "{} is inside the journal's own folder {}; write the export somewhere outside it, such as your home folder",
            visible_path(path),
            visible_path(root)
        )));
    }
    if crate::config::path().is_some_and(|settings| same_file_name(target, &settings)) {
        return Err(Error::usage(format!(
            "{} is srt's settings file; write the export somewhere else",
            visible_path(path)
        )));
    }
    Ok(())
}

/// Whether one of the folders `target` is in is `folder`, compared by device and inode so
/// that another spelling of the same folder (a link, a different letter case) is caught.
fn is_inside(target: &Path, folder: &Path) -> bool {
    let Ok(folder) = fs::metadata(folder) else { return false };
    let same = |meta: fs::Metadata| meta.dev() == folder.dev() && meta.ino() == folder.ino();
    target.ancestors().skip(1).any(|above| fs::metadata(above).is_ok_and(same))
}

/// Whether `target` (canonical) and `other` name the same file, which need not exist yet.
fn same_file_name(target: &Path, other: &Path) -> bool {
    let folder = parent_of(other).canonicalize();
    folder.is_ok_and(|folder| other.file_name().is_some_and(|name| folder.join(name) == target))
}

fn build(ctx: &Context, args: &ExportArgs) -> Result<Export> {
    let child = ctx.journal.family()?.require(ctx.wanted_child())?.clone();
    let sessions = ctx.journal.sessions_of(&child.name)?;
    let first_checkin = ctx.journal.first_checkin_of(&child.name)?;
    let window = if args.all {
        let first = first_checkin.into_iter().chain(sessions.first().map(|s| s.date)).min();
        Window { since: first.unwrap_or(ctx.today).min(ctx.today), until: ctx.today, basis: Basis::Explicit }
    } else {
        let asked = args.range.to_range(ctx.today)?;
        Window::asked(ctx.today, &asked, sessions.iter().map(|s| s.date)).map_err(Error::usage)?
    };
    let generated_at = ctx.journal.now();
    let all_sessions = sessions.iter().map(|s| (s.date, s.record.note.clone())).collect();
    let export = Export {
        generated_at,
        child: child.name.clone(),
        child_id: child.id,
        window,
        sessions: sessions
            .into_iter()
            .filter(|s| window.contains(s.date))
            .map(|s| ExportedSession { updated_at: s.stamp.at.with_timezone(generated_at.offset()), session: s.record })
            .collect(),
        concerns: ctx.journal.concerns_shown_for(&child.name)?.iter().map(|c| ConcernEntry::of(c)).collect(),
        ladder: ctx.journal.ladder(&child.name)?.map(|l| l.record),
        school_days: ctx.config.school_days().to_vec(),
        all_sessions,
        today: ctx.today,
        first_checkin,
        redacted: false,
        recorders: ctx
            .config
            .recorder
            .iter()
            .cloned()
            .chain(crate::paths::saved_recorder())
            .filter(|r| !r.is_empty())
            .collect(),
    };
    if !args.redact {
        return Ok(export);
    }
    // Every name the exported check-ins were recorded under, before the first is written:
    // a parent's name may stand in an earlier check-in's words. Read only when redacting.
    let mut export = export;
    ctx.journal.for_each_month_of(&export.child.clone(), &export.dates(), |month| {
        export.recorders.extend(month.into_iter().filter_map(|c| c.recorded_by));
        Ok(())
    })?;
    Ok(export.redact())
}
