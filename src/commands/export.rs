//! `srt export`: the child's check-ins, sessions, ladder and summary in one of four formats,
//! on stdout or written atomically to a private file.

use std::io::Write;
use std::path::Path;

use crate::app::Context;
use crate::cli::{ExportArgs, ExportFormat};
use crate::error::{Error, Result};
use crate::export::{Export, FORMAT_NAME, FORMAT_VERSION, Range};
use crate::family::Family;
use crate::render;
use crate::store::{DateRange, write_private_file};
use crate::summary::{Basis, Window, summarise};

use super::summary::{checkins_in, window};
use super::{session, steps};

pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<i32> {
    let mut export = build(ctx, args)?;
    if args.redact {
        export.redact();
    }
    let bytes = match args.format {
        ExportFormat::Json => pretty(&export),
        ExportFormat::Fhir => pretty(&render::fhir::render(&export)),
        ExportFormat::Csv => {
            render::csv::render(&export).map_err(|err| Error::failure(format!("could not write the CSV: {err}")))?
        }
        ExportFormat::Html => render::html::render(&export).into_bytes(),
    };
    match &args.output {
        None => out.write_all(&bytes)?,
        Some(path) => {
            write_private_file(path, &bytes).map_err(|err| Error::io("write the export to", path, err))?;
            writeln!(out, "{}", saved_message(&export, path))?;
        }
    }
    Ok(0)
}

fn build(ctx: &Context, args: &ExportArgs) -> Result<Export> {
    let family = Family::load(&ctx.store)?;
    let child = family.require(ctx.child.as_deref())?.clone();
    let sessions = session::sessions_of(ctx, &child.name)?;
    let (window, checkins) = if args.all {
        let checkins = checkins_in(ctx, &child.name, &DateRange::default())?;
        let first = checkins.iter().map(|c| c.date).chain(sessions.iter().map(|s| s.date)).min();
        let last = checkins.iter().map(|c| c.date).max().unwrap_or(ctx.today).max(ctx.today);
        (Window { since: first.unwrap_or(ctx.today), until: last, basis: Basis::Explicit }, checkins)
    } else {
        let window = window(ctx, &args.range, sessions.iter().map(|s| s.date))?;
        (window, checkins_in(ctx, &child.name, &DateRange { since: Some(window.since), until: Some(window.until) })?)
    };
    let ladder = steps::load(&ctx.store, &child.name)?;
    let summary = summarise(window, &checkins, ladder.as_deref());
    Ok(Export {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        generated_at: ctx.now,
        child: child.name,
        range: Range { since: window.since, until: window.until },
        checkins,
        sessions: sessions.into_iter().map(|s| s.record).filter(|s| window.contains(s.date)).collect(),
        steps: ladder.map(|l| l.record.steps).unwrap_or_default(),
        summary,
        child_id: child.id,
    })
}

fn pretty(value: &impl serde::Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("exports always serialise");
    bytes.push(b'\n');
    bytes
}

fn saved_message(export: &Export, path: &Path) -> String {
    format!(
        "Wrote {} check-ins from {} to {} to {} (readable by you only).",
        export.checkins.len(),
        export.range.since,
        export.range.until,
        path.display()
    )
}
