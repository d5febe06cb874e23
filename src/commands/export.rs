//! `srt export`: the child's check-ins, sessions, ladder and summary in one of four formats,
//! on stdout or written atomically to a private file.

use std::io::Write;

use crate::app::Context;
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::export::Export;
use crate::family::Family;
use crate::render;
use crate::store::write_private_file;
use crate::summary::{Basis, Window};

use super::summary::window;
use super::{session, steps};

pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<i32> {
    let export = build(ctx, args)?;
    let write = |sink: &mut dyn Write| match args.format {
        ExportFormat::Json => render::json::write_export(&export, sink),
        ExportFormat::Csv => render::csv::write(&export, sink),
        ExportFormat::Fhir => render::fhir::write(&export, sink),
        ExportFormat::Html => Ok(sink.write_all(render::html::render(&export)?.as_bytes())?),
    };
    match &args.output {
        None => write(out)?,
        Some(path) => {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(folder) = folder.filter(|f| !f.is_dir()) {
                return Err(Error::usage(format!("there is no folder {} to write the export into", folder.display())));
            }
            write_private_file(path, write)?;
            let range = export.range();
            writeln!(
                out,
                "Wrote {}'s export from {} to {} to {} (readable by you only).",
                export.shown_name(),
                range.since,
                range.until,
                path.display()
            )?;
        }
    }
    Ok(0)
}

fn build<'a>(ctx: &'a Context, args: &ExportArgs) -> Result<Export<'a>> {
    let family = Family::load(&ctx.store)?;
    let child = family.require(ctx.child.as_deref())?.clone();
    let sessions = session::sessions_of(ctx, &child.name)?;
    let window = if args.all {
        let first_checkin = ctx.store.earliest_checkin(|c| c.is_about(&child.name))?;
        let first = first_checkin.into_iter().chain(sessions.first().map(|s| s.date)).min();
        Window { since: first.unwrap_or(ctx.today).min(ctx.today), until: ctx.today, basis: Basis::Explicit }
    } else {
        window(ctx, &args.range, sessions.iter().map(|s| s.date))?
    };
    let export = Export {
        store: &ctx.store,
        generated_at: ctx.now,
        child: child.name.clone(),
        child_id: child.id,
        window,
        sessions: sessions.into_iter().map(|s| s.record).filter(|s| window.contains(s.date)).collect(),
        ladder: steps::load(&ctx.store, &child.name)?.map(|l| l.record),
        school_days: ctx.config.school_days.clone(),
        redacted: false,
    };
    Ok(if args.redact { export.redact() } else { export })
}
