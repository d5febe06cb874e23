//! `srt import FILE`: merges an srt JSON export (versions 1 to 5), checked in full before
//! anything is written.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::export::{FORMAT_NAME, FORMAT_VERSION, Range};
use crate::journal::{Incoming, IncomingSession};
use crate::model::upgrade::{AnyCheckIn, Normalise, checkin_from_export, checkin_from_v1_export, legacy_step};
use crate::model::{
    CheckIn, Concern, ConcernEntry, PLACEHOLDER_NAME, Period, Record, Session, Step, check_child_name, check_peak,
    check_recorder, is_placeholder_name, rfc3339, short_id, ymd,
};
use crate::text::{Field, clean, clean_items, count, same_words, visible, visible_path};

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
struct Document<C, S, L> {
    child: String,
    /// Version 5 on.
    #[serde(default)]
    concerns: Option<Vec<ConcernEntry>>,
    checkins: Vec<C>,
    sessions: Vec<S>,
    steps: Vec<L>,
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

/// The largest file `srt import` reads. Ten years of check-ins export to a few megabytes;
/// anything far bigger is not an srt export, and is refused before it is read.
pub const MAX_IMPORT_BYTES: u64 = 32 * 1024 * 1024;

/// How far ahead of this computer's clock a file's times may be: a computer set to the
/// wrong time zone is hours out; a time beyond that is a clock set wrong, and taking it
/// would make that copy "newer" than every change made here for as long.
const CLOCK_TOLERANCE_HOURS: i64 = 24;

/// How many such evenings an import names one by one.
const SHOWN_DAYS_TO_CORRECT: usize = 3;

/// The days of the file whose evening says the day's highest alarm was below that morning's:
/// srt saves such a day when the morning is filled in later (with a warning), so a file may
/// hold one; it is imported, and the parent told which evening to correct.
fn days_to_correct(incoming: &Incoming) -> Vec<String> {
    let mornings: HashMap<NaiveDate, u8> =
        incoming.checkins.iter().filter(|c| c.period == Period::Morning).map(|c| (c.date, c.alarm)).collect();
    let evenings = incoming.checkins.iter().filter(|c| c.period == Period::Evening);
    evenings
        .filter_map(|c| {
            let why = check_peak(*mornings.get(&c.date)?, c.peak_alarm).err()?;
            Some(format!("the evening of {}: {why}; correct it with `srt edit {} --peak N`", c.date, short_id(&c.id)))
        })
        .collect()
}

/// A session as a version 3 file has it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimedSession {
    id: String,
    child: String,
    #[serde(deserialize_with = "ymd::date")]
    date: NaiveDate,
    note: String,
    #[serde(deserialize_with = "rfc3339::fixed")]
    updated_at: DateTime<FixedOffset>,
    /// Version 5 on.
    #[serde(default)]
    recorded_by: Option<String>,
}

pub fn run(ctx: &Context, path: &Path, out: &mut dyn Write) -> Result<i32> {
    let shown = visible_path(path);
    let incoming = read(path, &shown, ctx.calendar_today(), ctx.journal.now())?;
    let to_correct = days_to_correct(&incoming);
    for why in to_correct.iter().take(SHOWN_DAYS_TO_CORRECT) {
        ctx.journal.warn(why.clone());
    }
    if to_correct.len() > SHOWN_DAYS_TO_CORRECT {
        let more = to_correct.len() - SHOWN_DAYS_TO_CORRECT;
        ctx.journal.warn(format!("and {} like them (`srt list` shows each day)", count(more, "more evening")));
    }
    let imported = ctx.journal.import(incoming)?;
    writeln!(out, "Imported {shown} for {}:", visible(&imported.child, false))?;
    if let Some(name) = &imported.called_in_file {
        writeln!(
            out,
            "  the file calls them {}; the check-ins and sessions it shares with this journal are {}'s",
            visible(name, false),
            visible(&imported.child, false)
        )?;
    }
    writeln!(out, "  {}", imported.checkins.describe("check-ins"))?;
    writeln!(out, "  {}", imported.sessions.describe("sessions"))?;
    if imported.concerns.new + imported.concerns.updated + imported.concerns.unchanged > 0 {
        writeln!(out, "  {}", imported.concerns.describe("safety concerns"))?;
    }
    if let Some(note) = imported.ladder {
        writeln!(out, "  {note}")?;
    }
    Ok(0)
}

/// Reads and checks the whole file; any problem is an error before anything is written.
fn read(path: &Path, shown: &str, today: NaiveDate, now: DateTime<FixedOffset>) -> Result<Incoming> {
    let file = open_export(path, shown)?;
    let not_export = |why: String| {
        Error::usage(format!("{shown} is not an srt export ({why}); make one with `srt export --all -o FILE`"))
    };
    let header: Header = serde_json::from_reader(bounded(&file))
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
            let document: Document<AnyCheckIn, Session, String> = parse(&file, shown)?;
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
            no_concerns_before_5(document.concerns.as_ref(), 1, shown)?;
            Incoming {
                child: document.child,
                checkins,
                sessions: untimed(document.sessions),
                steps: ladder,
                concerns: Vec::new(),
            }
        }
        Some(2) => {
            let document: Document<AnyCheckIn, Session, Step> = parse(&file, shown)?;
            no_concerns_before_5(document.concerns.as_ref(), 2, shown)?;
            Incoming {
                child: document.child,
                checkins: as_read_today(document.checkins, 2, shown)?,
                sessions: untimed(document.sessions),
                steps: document.steps,
                concerns: Vec::new(),
            }
        }
        Some(version @ 3..) => {
            let document: Document<AnyCheckIn, TimedSession, Step> = parse(&file, shown)?;
            let sessions = document
                .sessions
                .into_iter()
                .map(|s| IncomingSession {
                    session: Session {
                        id: s.id,
                        child: s.child,
                        date: s.date,
                        note: s.note,
                        recorded_by: s.recorded_by,
                    },
                    changed_at: Some(s.updated_at),
                })
                .collect();
            let checkins = as_read_today(document.checkins, version, shown)?;
            let concerns = match version {
                ..5 => no_concerns_before_5(document.concerns.as_ref(), version, shown).map(|()| Vec::new())?,
                _ => concerns_of(document.concerns, shown)?,
            };
            Incoming { child: document.child, checkins, sessions, steps: document.steps, concerns }
        }
        _ => return Err(not_export("it has no valid \"version\"".into())),
    };
    incoming.checkins.iter_mut().for_each(Normalise::normalise);
    incoming.sessions.iter_mut().for_each(|s| s.session.normalise());
    incoming.concerns.iter_mut().for_each(Normalise::normalise);
    crate::text::to_nfc(&mut incoming.child);
    incoming.steps.iter_mut().for_each(|s| crate::text::to_nfc(&mut s.text));
    check(&incoming, today, now).map_err(|why| refused(shown, &why))?;
    Ok(incoming)
}

/// Opens `path` if it is a regular file of a size an export can have: a pipe or a device
/// would never end, and a huge file is no export.
fn open_export(path: &Path, shown: &str) -> Result<File> {
    let metadata = fs::metadata(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => Error::usage(format!("there is no file {shown}; give the path of an srt export")),
        _ => Error::io("read", path, err),
    })?;
    if !metadata.is_file() {
        return Err(Error::usage(format!("{shown} is not a regular file; give the path of an srt export")));
    }
    if metadata.len() > MAX_IMPORT_BYTES {
        return Err(Error::usage(format!(
            "{shown} is {} MB; an srt export is at most {} MB, so this is not one; nothing was imported",
            metadata.len().div_ceil(1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    // Without blocking: a pipe put in the file's place meanwhile must not hang srt.
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|err| Error::io("read", path, err))?;
    let opened = file.metadata().map_err(|err| Error::io("read", path, err))?;
    if !opened.is_file() || opened.len() > MAX_IMPORT_BYTES {
        return Err(Error::usage(format!("{shown} changed while srt was opening it; nothing was imported")));
    }
    Ok(file)
}

/// The check-ins of a version 2 or later file as they read today, each in its version's
/// form (a version 3 check-in says how school went in one word).
fn as_read_today(checkins: Vec<AnyCheckIn>, version: u32, shown: &str) -> Result<Vec<CheckIn>> {
    checkins
        .into_iter()
        .enumerate()
        .map(|(index, c)| {
            let id = visible(c.id(), false).into_owned();
            checkin_from_export(c, version)
                .map_err(|why| refused(shown, &format!("check-in {} (id {id}): {why}", index + 1)))
        })
        .collect()
}

/// Concerns came with version 5: an older file that has them was not written by srt.
fn no_concerns_before_5(concerns: Option<&Vec<ConcernEntry>>, version: u32, shown: &str) -> Result<()> {
    match concerns {
        Some(_) => {
            Err(refused(shown, &format!("a version {version} export has no \"concerns\" (they came with version 5)")))
        }
        None => Ok(()),
    }
}

/// The concerns of a version 5 file, which must list them (an empty list when none).
fn concerns_of(entries: Option<Vec<ConcernEntry>>, shown: &str) -> Result<Vec<Concern>> {
    let Some(entries) = entries else {
        return Err(refused(
            shown,
            "a version 5 export lists its safety concerns (\"concerns\"), even when there are none",
        ));
    };
    entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let id = visible(&entry.id, false).into_owned();
            entry.into_concern().map_err(|why| refused(shown, &format!("concern {} (id {id}): {why}", index + 1)))
        })
        .collect()
}

fn untimed(sessions: Vec<Session>) -> Vec<IncomingSession> {
    sessions.into_iter().map(|session| IncomingSession { session, changed_at: None }).collect()
}

/// Reads the whole document from the start of `file`, a buffer at a time.
fn parse<T: DeserializeOwned>(mut file: &File, shown: &str) -> Result<T> {
    let rewound = file.seek(io::SeekFrom::Start(0));
    rewound.map_err(|err| Error::failure(format!("could not read {shown}: {err}")))?;
    serde_json::from_reader(bounded(file)).map_err(|err| {
        Error::usage(format!(
            "{shown} is not a valid srt export: {}; nothing was imported",
            visible(&err.to_string(), false)
        ))
    })
}

/// The file, a buffer at a time, and never more of it than an export can hold (it may
/// grow while srt reads it).
fn bounded(file: &File) -> impl io::Read + '_ {
    io::BufReader::new(io::Read::take(file, MAX_IMPORT_BYTES))
}

fn refused(shown: &str, why: &str) -> Error {
    Error::usage(format!("{shown}: {why}; nothing was imported"))
}

/// The rules a check-in typed into srt obeys, applied to one that arrives in a file, and
/// what no command could have made: a date or a change time still to come.
fn check(incoming: &Incoming, today: NaiveDate, now: DateTime<FixedOffset>) -> Result<(), String> {
    let child = &incoming.child;
    if is_placeholder_name(child) {
        return Err(format!(
            "this is a redacted export (the child is called \"{PLACEHOLDER_NAME}\" and the notes are gone): it is for a clinician, not for merging; export with `srt export --all` (without --redact) instead"
        ));
    }
    if clean(Field::ChildName, child)? != *child || child.is_empty() {
        return Err(format!("the child's name '{}' is not usable", visible(child, false)));
    }
    check_child_name(child)?;
    let rules = FileRules { child, today, latest: now + TimeDelta::hours(CLOCK_TOLERANCE_HOURS) };
    let mut ids = HashSet::new();
    for (index, c) in incoming.checkins.iter().enumerate() {
        let at = || format!("check-in {} (id {})", index + 1, visible(&c.id, false));
        let seen = Seen { at: at(), id: &c.id, child: &c.child, date: c.date };
        rules.check_record(seen, c, &[&c.created_at, &c.updated_at], &mut ids)?;
        if let Some(recorder) = &c.recorded_by
            && clean(Field::Recorder, recorder).map_err(|why| format!("{}: {why}", at()))? != *recorder
        {
            return Err(format!("{}: who recorded it has spaces around their name", at()));
        }
        for list in [&c.body, &c.helped, &c.wins, &c.for_me] {
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
    let mut ids = HashSet::new();
    for (index, IncomingSession { session: s, changed_at }) in incoming.sessions.iter().enumerate() {
        let at = || format!("session {} (id {})", index + 1, visible(&s.id, false));
        let seen = Seen { at: at(), id: &s.id, child: &s.child, date: s.date };
        rules.check_record(seen, s, &changed_at.iter().collect::<Vec<_>>(), &mut ids)?;
        if clean(Field::Note, &s.note).map_err(|why| format!("{}: {why}", at()))? != s.note {
            return Err(format!("{}: its note has spaces around it", at()));
        }
        if let Some(recorder) = &s.recorded_by
            && clean(Field::Recorder, recorder).map_err(|why| format!("{}: {why}", at()))? != *recorder
        {
            return Err(format!("{}: who added it has spaces around their name", at()));
        }
    }
    let mut ids = HashSet::new();
    for (index, c) in incoming.concerns.iter().enumerate() {
        let at = || format!("concern {} (id {})", index + 1, visible(&c.id, false));
        let seen = Seen { at: at(), id: &c.id, child: &c.child, date: c.date };
        rules.check_record(seen, c, &[&c.created_at, &c.updated_at], &mut ids)?;
        let resolution = c.resolved.as_ref();
        let texts = [Some(&c.text), resolution.map(|r| &r.note)];
        for text in texts.into_iter().flatten() {
            if clean(Field::Note, text).map_err(|why| format!("{}: {why}", at()))? != *text {
                return Err(format!("{}: its words have spaces around them", at()));
            }
        }
        let recorders = [c.recorded_by.as_ref(), resolution.and_then(|r| r.recorded_by.as_ref())];
        for recorder in recorders.into_iter().flatten() {
            if clean(Field::Recorder, recorder).map_err(|why| format!("{}: {why}", at()))? != *recorder {
                return Err(format!("{}: who recorded it has spaces around their name", at()));
            }
            check_recorder(recorder).map_err(|why| format!("{}: {why}", at()))?;
        }
        if resolution.is_some_and(|r| r.date > today) {
            return Err(format!("{}: it says it was resolved on a day still to come", at()));
        }
    }
    let ladder = crate::model::Ladder { child: child.clone(), steps: incoming.steps.clone() };
    ladder.check().map_err(|why| format!("its brave-steps ladder: {why}"))?;
    for step in &incoming.steps {
        clean(Field::Step, &step.text)?;
    }
    Ok(())
}

/// What every record of a file is held to, beyond a record's own rules.
struct FileRules<'a> {
    child: &'a str,
    today: NaiveDate,
    /// The latest change time believed: this computer's clock, and a time zone's worth.
    latest: DateTime<FixedOffset>,
}

/// A record of the file as the rules see it; `at` says which one it is.
struct Seen<'a> {
    at: String,
    id: &'a str,
    child: &'a str,
    date: NaiveDate,
}

impl FileRules<'_> {
    /// The record's own rules, an id not used twice in the file (`ids`), a day that has
    /// come, change `times` that have come, and the file's child.
    fn check_record<'a>(
        &self,
        seen: Seen<'a>,
        record: &impl Record,
        times: &[&DateTime<FixedOffset>],
        ids: &mut HashSet<&'a str>,
    ) -> Result<(), String> {
        let Seen { at, id, child, date } = seen;
        record.check().map_err(|why| format!("{at}: {why}"))?;
        if !ids.insert(id) {
            return Err(format!("{at}: another record in the file has the same id"));
        }
        if date > self.today {
            return Err(format!("{at}: its date {date} is in the future"));
        }
        if let Some(time) = times.iter().find(|time| ***time > self.latest) {
            return Err(format!(
                "{at}: it says it was changed at {}, which has not come yet: the clock of the computer that made this file is wrong; set its date and time, then export again",
                time.format("%Y-%m-%d %H:%M %:z")
            ));
        }
        if !same_words(child, self.child) {
            return Err(format!("{at} is about '{}', not {}", visible(child, false), visible(self.child, false)));
        }
        Ok(())
    }
}
