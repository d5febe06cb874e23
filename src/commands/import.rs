//! `srt import FILE`: merges an srt JSON export (version 1 or 2), checked in full before
//! anything is written.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::export::{FORMAT_NAME, FORMAT_VERSION, Range};
use crate::journal::Incoming;
use crate::model::upgrade::{AnyCheckIn, Normalise, checkin_from_v1_export, legacy_step};
use crate::model::{CheckIn, PLACEHOLDER_NAME, Record, Session, Step, is_placeholder_name};
use crate::text::{Field, clean, clean_items, same_words, visible};

/// Just enough to say what kind of file this is.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// The whole document, its check-ins and ladder in the form of its version; the fields srt
/// does not merge are still checked for their type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<C, S> {
    child: String,
    checkins: Vec<C>,
    sessions: Vec<Session>,
    steps: Vec<S>,
    #[serde(rename = "format")]
    _format: String,
    #[serde(rename = "version")]
    _version: u32,
    #[serde(rename = "generated_at")]
    _generated_at: DateTime<FixedOffset>,
    #[serde(rename = "range")]
    _range: Range,
    #[serde(rename = "summary")]
    _summary: serde::de::IgnoredAny,
}

pub fn run(ctx: &Context, path: &Path, out: &mut dyn Write) -> Result<i32> {
    let shown = visible(&path.display().to_string(), false).into_owned();
    let incoming = read(path, &shown, ctx.calendar_today())?;
    let imported = ctx.journal.import(incoming)?;
    writeln!(out, "Imported {shown} for {}:", visible(&imported.child, false))?;
    writeln!(out, "  {}", imported.checkins.describe("check-ins"))?;
    writeln!(out, "  {}", imported.sessions.describe("sessions"))?;
    if let Some(note) = imported.ladder {
        writeln!(out, "  {note}")?;
    }
    Ok(0)
}

/// Reads and checks the whole file; any problem is an error before anything is written.
fn read(path: &Path, shown: &str, today: NaiveDate) -> Result<Incoming> {
    let bytes = std::fs::read(path).map_err(|err| Error::io("read", path, err))?;
    let not_export = |why: String| {
        Error::usage(format!("{shown} is not an srt export ({why}); make one with `srt export --all -o FILE`"))
    };
    let header: Header = serde_json::from_slice(&bytes)
        .map_err(|err| not_export(format!("not JSON: {}", visible(&err.to_string(), false))))?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(not_export(format!("it has no \"format\": \"{FORMAT_NAME}\"")));
    }
    let mut incoming = match header.version {
        Some(v) if v > FORMAT_VERSION => {
            return Err(Error::usage(format!(
                "{shown} was written by a newer srt (v{v}); this srt reads up to v{FORMAT_VERSION}; please upgrade"
            )));
        }
        Some(1) => {
            let document: Document<AnyCheckIn, String> = parse(&bytes, shown)?;
            let ladder: Vec<Step> = document.steps.into_iter().map(|text| legacy_step(&document.child, text)).collect();
            let checkins = document
                .checkins
                .into_iter()
                .enumerate()
                .map(|(index, c)| {
                    let id = visible(c.id(), false).into_owned();
                    checkin_from_v1_export(c, &ladder)
                        .map_err(|why| refused(shown, &format!("check-in {} (id {id}): {why}", index + 1)))
                })
                .collect::<Result<Vec<_>>>()?;
            Incoming { child: document.child, checkins, sessions: document.sessions, steps: ladder }
        }
        Some(2) => {
            let document: Document<CheckIn, Step> = parse(&bytes, shown)?;
            Incoming {
                child: document.child,
                checkins: document.checkins,
                sessions: document.sessions,
                steps: document.steps,
            }
        }
        _ => return Err(not_export("it has no valid \"version\"".into())),
    };
    incoming.checkins.iter_mut().for_each(Normalise::normalise);
    incoming.sessions.iter_mut().for_each(Normalise::normalise);
    crate::text::to_nfc(&mut incoming.child);
    incoming.steps.iter_mut().for_each(|s| crate::text::to_nfc(&mut s.text));
    check(&incoming, today).map_err(|why| refused(shown, &why))?;
    Ok(incoming)
}

fn parse<T: DeserializeOwned>(bytes: &[u8], shown: &str) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|err| {
        Error::usage(format!(
            "{shown} is not a valid srt export: {}; nothing was imported",
            visible(&err.to_string(), false)
        ))
    })
}

fn refused(shown: &str, why: &str) -> Error {
    Error::usage(format!("{shown}: {why}; nothing was imported"))
}

/// The rules a check-in typed into srt obeys, applied to one that arrives in a file.
fn check(incoming: &Incoming, today: NaiveDate) -> Result<(), String> {
    let child = &incoming.child;
    if is_placeholder_name(child) {
        return Err(format!(
            "this is a redacted export (the child is called \"{PLACEHOLDER_NAME}\" and the notes are gone): it is for a clinician, not for merging; export with `srt export --all` (without --redact) instead"
        ));
    }
    if clean(Field::ChildName, child)? != *child || child.is_empty() {
        return Err(format!("the child's name '{}' is not usable", visible(child, false)));
    }
    let mut ids = HashSet::new();
    for (index, c) in incoming.checkins.iter().enumerate() {
        let at = || format!("check-in {} (id {})", index + 1, visible(&c.id, false));
        c.check().map_err(|why| format!("{}: {why}", at()))?;
        if !ids.insert(c.id.as_str()) {
            return Err(format!("{}: another check-in in the file has the same id", at()));
        }
        if c.date > today {
            return Err(format!("{}: its date {} is in the future", at(), c.date));
        }
        if !same_words(&c.child, child) {
            return Err(format!("{} is about '{}', not {}", at(), visible(&c.child, false), visible(child, false)));
        }
        for list in [&c.body, &c.helped, &c.wins] {
            if clean_items(list.iter())? != *list {
                return Err(format!("{}: a list has an empty, repeated or untrimmed item", at()));
            }
        }
        let texts = [(Field::Note, Some(&c.note)), (Field::NextStep, c.next_step.as_ref())];
        for (field, text) in texts {
            if let Some(text) = text
                && clean(field, text).map_err(|why| format!("{}: {why}", at()))? != *text
            {
                return Err(format!("{}: text has spaces around it", at()));
            }
        }
        if let Some(step) = &c.step {
            clean(Field::Step, &step.text).map_err(|why| format!("{}: {why}", at()))?;
        }
    }
    for (index, s) in incoming.sessions.iter().enumerate() {
        s.check().map_err(|why| format!("session {}: {why}", index + 1))?;
        clean(Field::Note, &s.note).map_err(|why| format!("session {}: {why}", index + 1))?;
    }
    let ladder = crate::model::Ladder { child: child.clone(), steps: incoming.steps.clone() };
    ladder.check().map_err(|why| format!("its brave-steps ladder: {why}"))?;
    for step in &incoming.steps {
        clean(Field::Step, &step.text)?;
    }
    Ok(())
}
