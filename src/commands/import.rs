//! `srt import FILE`: merges an srt JSON export, checked in full before anything is written.
//! A record is new, updated (the file's revision is newer), or unchanged; importing the same
//! file again changes nothing.

use std::io::Write;
use std::path::Path;

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use crate::app::Context;
use crate::error::{Error, Result};
use crate::export::{FORMAT_NAME, FORMAT_VERSION, REDACTED_NAME, Range};
use crate::family::Family;
use crate::model::{CheckIn, Child, Ladder, Period, Record, Session};
use crate::store::{DateRange, Revisions, Stamp};
use crate::text::{Field, clean, clean_items, same_words, visible};

use super::checkin::new_id;
use super::steps;

/// Just enough to say what kind of file this is.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// The whole document; the fields srt does not merge are still checked for their type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Incoming {
    child: String,
    checkins: Vec<CheckIn>,
    sessions: Vec<Session>,
    steps: Vec<String>,
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

#[derive(Default)]
struct Counts {
    new: usize,
    updated: usize,
    unchanged: usize,
    /// Another check-in of the same child, day and period is already in the journal.
    same_day: usize,
}

impl Counts {
    fn describe(&self, what: &str) -> String {
        let mut text = format!("{} new, {} updated, {} unchanged {what}", self.new, self.updated, self.unchanged);
        if self.same_day > 0 {
            text.push_str(&format!(
                " ({} skipped: this journal already has a check-in for that child, day and time of day)",
                self.same_day
            ));
        }
        text
    }
}

pub fn run(ctx: &Context, path: &Path, out: &mut dyn Write) -> Result<i32> {
    let incoming = read(path, ctx.today)?;
    let lock = ctx.store.lock()?;

    let family = Family::load(&ctx.store)?;
    if incoming.child == REDACTED_NAME && family.find(REDACTED_NAME).is_none() {
        return Err(Error::usage(format!(
            "{} is a redacted export (the child is called \"{REDACTED_NAME}\" and the notes are gone): it is for a clinician, not for merging; export with `srt export --all` (without --redact) instead",
            path.display()
        )));
    }
    let child = match family.find(&incoming.child) {
        Some(child) => child.name.clone(),
        None => {
            let child = Child { id: new_id(), name: incoming.child.clone() };
            ctx.store.put_child(&lock, &child)?;
            child.name
        }
    };

    let dates = incoming.checkins.iter().map(|c| c.date);
    let range = DateRange { since: dates.clone().min(), until: dates.max() };
    let checkins = if incoming.checkins.is_empty() {
        Counts::default()
    } else {
        let local = ctx.store.checkin_revisions(&range)?;
        let (counts, to_write) = merge_checkins(&incoming.checkins, &local, &child);
        ctx.store.put_checkins(&lock, &to_write)?;
        counts
    };

    let mut sessions = Counts::default();
    let local_sessions = ctx.store.session_revisions()?;
    for session in &incoming.sessions {
        let session = Session { child: child.clone(), ..session.clone() };
        match local_sessions.get(&session.id) {
            None => sessions.new += 1,
            Some((_, None)) => {
                sessions.unchanged += 1;
                continue;
            }
            Some((_, Some(here))) if *here == session => {
                sessions.unchanged += 1;
                continue;
            }
            Some(_) => sessions.updated += 1,
        }
        ctx.store.put_session(&lock, &session)?;
    }

    let ladder_note = merge_ladder(ctx, &lock, &child, &incoming.steps)?;
    drop(lock);

    writeln!(out, "Imported {} for {}:", path.display(), visible(&child, false))?;
    writeln!(out, "  {}", checkins.describe("check-ins"))?;
    writeln!(out, "  {}", sessions.describe("sessions"))?;
    if let Some(note) = ladder_note {
        writeln!(out, "  {note}")?;
    }
    Ok(0)
}

/// Reads and checks the whole file; any problem is an error before anything is written.
fn read(path: &Path, today: NaiveDate) -> Result<Incoming> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|err| Error::io("read", path, err))?;
    let not_export = |why: String| {
        Error::usage(format!("{shown} is not an srt export ({why}); make one with `srt export --all -o FILE`"))
    };
    let header: Header = serde_json::from_slice(&bytes).map_err(|err| not_export(format!("not JSON: {err}")))?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(not_export(format!("it has no \"format\": \"{FORMAT_NAME}\"")));
    }
    match header.version {
        Some(v) if v > FORMAT_VERSION => {
            return Err(Error::usage(format!(
                "{shown} was written by a newer srt (v{v}); this srt reads up to v{FORMAT_VERSION}; please upgrade"
            )));
        }
        Some(v) if v >= 1 => {}
        _ => return Err(not_export("it has no valid \"version\"".into())),
    }
    let incoming: Incoming = serde_json::from_slice(&bytes)
        .map_err(|err| Error::usage(format!("{shown} is not a valid srt export: {err}; nothing was imported")))?;
    check(&incoming, today).map_err(|why| Error::usage(format!("{shown}: {why}; nothing was imported")))?;
    Ok(incoming)
}

/// The rules a check-in typed into srt obeys, applied to one that arrives in a file.
fn check(incoming: &Incoming, today: NaiveDate) -> Result<(), String> {
    let child = &incoming.child;
    if clean(Field::ChildName, child)? != *child || child.is_empty() {
        return Err(format!("the child's name '{}' is not usable", visible(child, false)));
    }
    let mut ids = HashSet::new();
    for (index, c) in incoming.checkins.iter().enumerate() {
        let at = || format!("check-in {} (id {})", index + 1, visible(&c.id, false));
        check_id(&c.id).map_err(|why| format!("{}: {why}", at()))?;
        if !ids.insert(c.id.as_str()) {
            return Err(format!("{}: another check-in in the file has the same id", at()));
        }
        if c.date > today {
            return Err(format!("{}: its date {} is in the future", at(), c.date));
        }
        if !same_words(&c.child, child) {
            return Err(format!("{} is about '{}', not {}", at(), visible(&c.child, false), visible(child, false)));
        }
        c.check().map_err(|why| format!("{}: {why}", at()))?;
        let lists = [&c.body, &c.helped, &c.wins];
        for list in lists {
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
    }
    for (index, s) in incoming.sessions.iter().enumerate() {
        check_id(&s.id).map_err(|why| format!("session {}: {why}", index + 1))?;
        clean(Field::Note, &s.note).map_err(|why| format!("session {}: {why}", index + 1))?;
    }
    for step in &incoming.steps {
        clean(Field::Step, step)?;
    }
    Ok(())
}

fn check_id(id: &str) -> Result<(), String> {
    let plain = id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if id.is_empty() || id.len() > 64 || !plain {
        return Err("its id is not an srt id".into());
    }
    Ok(())
}

/// Which incoming check-ins to write, and with which revision each replaces.
fn merge_checkins(
    incoming: &[CheckIn],
    local: &Revisions<CheckIn>,
    child: &str,
) -> (Counts, Vec<(CheckIn, Option<Stamp>)>) {
    let mut counts = Counts::default();
    let mut to_write = Vec::new();
    // The child's days and periods that already have a check-in here.
    let mut taken: HashSet<(NaiveDate, Period)> = local
        .values()
        .filter_map(|(_, c)| c.as_ref())
        .filter(|c| c.is_about(child))
        .map(|c| (c.date, c.period))
        .collect();
    for checkin in incoming {
        let checkin = CheckIn { child: child.to_string(), ..checkin.clone() };
        match local.get(&checkin.id) {
            None if !taken.insert((checkin.date, checkin.period)) => counts.same_day += 1,
            None => {
                counts.new += 1;
                to_write.push((checkin, None));
            }
            Some((_, Some(here))) if *here == checkin || here.recorded_at >= checkin.recorded_at => {
                counts.unchanged += 1
            }
            Some((stamp, None)) if stamp.at >= checkin.recorded_at.to_utc() => counts.unchanged += 1,
            Some((stamp, _)) => {
                counts.updated += 1;
                to_write.push((checkin, Some(stamp.clone())));
            }
        }
    }
    (counts, to_write)
}

/// Takes the file's ladder when the child has none here; a different ladder here is kept.
fn merge_ladder(
    ctx: &Context,
    lock: &crate::store::WriteLock,
    child: &str,
    steps: &[String],
) -> Result<Option<String>> {
    if steps.is_empty() {
        return Ok(None);
    }
    let here = steps::load(&ctx.store, child)?;
    match here {
        Some(ladder) if ladder.steps == steps => Ok(None),
        Some(ladder) if !ladder.steps.is_empty() => Ok(Some(
            "the brave-steps ladder in the file differs from this one; kept this one (see `srt steps list`)".into(),
        )),
        here => {
            let ladder = Ladder { child: child.to_string(), steps: steps.to_vec() };
            ctx.store.put_ladder(lock, &ladder, here.as_ref().map(|l| &l.stamp))?;
            Ok(Some(format!("added the brave-steps ladder ({} steps)", steps.len())))
        }
    }
}
