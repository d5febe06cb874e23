//! `srt export`: the child's check-ins, sessions, ladder and summary in one of four formats,
//! on stdout or written atomically to a private file.

use std::io::Write;

use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::durable::write_private_file;
use crate::error::{Error, Result};
use crate::export::{Export, ExportedSession};
use crate::render::{self, ExportWriter};
use crate::summary::{Basis, Window};
use crate::text::visible;

pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<i32> {
    let export = build(ctx, args)?;
    let write = |sink: &mut dyn Write| -> Result<()> {
        let mut writer: Box<dyn ExportWriter + '_> = match args.format {
            ExportFormat::Json => Box::new(render::json::JsonExport::start(&export, sink)?),
            ExportFormat::Csv => Box::new(render::csv::Csv::start(sink)?),
            ExportFormat::Fhir => Box::new(render::fhir::Fhir::start(&export, sink)?),
            ExportFormat::Html => Box::new(render::html::Report::start(&export, sink)),
        };
        let mut summariser = export.summariser();
        ctx.journal.for_each_month_of(&export.child, &export.dates(), |month| {
            for checkin in month {
                let checkin = export.prepare(checkin);
                writer.checkin(&checkin)?;
                summariser.add(checkin);
            }
            Ok(())
        })?;
        writer.finish(&summariser.finish())
    };
    match &args.output {
        None => write(out)?,
        Some(path) => {
            let shown = visible(&path.display().to_string(), false).into_owned();
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(folder) = folder.filter(|f| !f.is_dir()) {
                return Err(Error::usage(format!(
                    "there is no folder {} to write the export into",
                    visible(&folder.display().to_string(), false)
                )));
            }
            write_private_file(path, write)?;
            let range = export.range();
            writeln!(
                out,
                "Wrote {}'s export from {} to {} to {shown} (readable by you only).",
                visible(export.shown_name(), false),
                range.since,
                range.until,
            )?;
        }
    }
    Ok(0)
}

fn build(ctx: &Context, args: &ExportArgs) -> Result<Export> {
    let child = ctx.journal.family()?.require(ctx.wanted_child())?.clone();
    let sessions = ctx.journal.sessions_of(&child.name)?;
    let window = if args.all {
        let first_checkin = ctx.journal.first_checkin_of(&child.name)?;
        let first = first_checkin.into_iter().chain(sessions.first().map(|s| s.date)).min();
        Window { since: first.unwrap_or(ctx.today).min(ctx.today), until: ctx.today, basis: Basis::Explicit }
    } else {
        let asked = args.range.to_range(ctx.today)?;
        Window::asked(ctx.today, &asked, sessions.iter().map(|s| s.date)).map_err(Error::usage)?
    };
    let generated_at = ctx.journal.now();
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
        ladder: ctx.journal.ladder(&child.name)?.map(|l| l.record),
        school_days: ctx.config.school_days.clone(),
        redacted: false,
    };
    Ok(if args.redact { export.redact() } else { export })
}
