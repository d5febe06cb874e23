//! The journal: what srt knows about a family, and every change to it. Commands read and
//! change records only through here, never through the store beneath.
//!
//! Every change is a read-modify-write done under the data dir's lock, with the record read
//! again there: a change made from what a parent saw is laid over what the journal holds
//! by then (`merge`), so two srt processes never lose each other's changes, and a change
//! that would undo another's is refused instead of saved. Every revision is stamped with
//! the clock at the moment it is written.

mod checkins;
mod children;
mod concerns;
mod import;
mod ladder;
mod merge;
mod sessions;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::error::{Error, Result};
use crate::family::Family;
use crate::model::{CheckIn, DateRange, Ladder, Period, Session};
use crate::store::Store;
use crate::text::{same_words, visible};

pub use crate::store::{Clock, FileReport, Finding, LineProblem, Merged, Moved, Repairs, Stamp, Stored};
pub use checkins::{Saved, already_there, slot};
pub use concerns::NewConcern;
pub use import::{Counts, Imported, Incoming, IncomingSession};
pub use ladder::resolve_step;

/// The journal in one data dir, as this device sees and changes it.
pub struct Journal {
    store: Store,
}

impl Journal {
    /// The journal in `root`; nothing is read or created until asked. `clock` gives the time
    /// of every change.
    pub fn open(root: PathBuf, clock: Clock) -> Self {
        Self { store: Store::open(root, clock) }
    }

    /// The same journal, whose changes wait at most `timeout` for another srt's lock.
    pub fn waiting_at_most(self, timeout: std::time::Duration) -> Self {
        Self { store: self.store.waiting_at_most(timeout) }
    }

    pub fn root(&self) -> &Path {
        self.store.root()
    }

    /// The time now, with its UTC offset.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.store.now()
    }

    /// Warnings met along the way (cut-off lines, duplicates), each once, made safe for
    /// the terminal: they may quote file names and values from any device.
    pub fn take_warnings(&self) -> Vec<String> {
        let warnings = self.store.take_warnings().into_iter();
        warnings.map(|warning| crate::text::visible(&warning, false).into_owned()).collect()
    }

    pub fn warn(&self, warning: String) {
        self.store.warn(warning);
    }

    /// The children and the family's default child.
    pub fn family(&self) -> Result<Family> {
        let children = self.store.children()?.into_iter().map(|c| c.record).collect();
        let default = self.store.settings()?.into_iter().find(|s| s.name == crate::model::DEFAULT_CHILD);
        Ok(Family::new(children, default.map(|d| d.record.value)))
    }

    /// Hands `f` the child's check-ins dated within `range`, a month at a time, in order.
    pub fn for_each_month_of(
        &self,
        child: &str,
        range: &DateRange,
        mut f: impl FnMut(Vec<CheckIn>) -> Result<()>,
    ) -> Result<()> {
        self.store.for_each_month(
            range,
            |c| c.is_about(child),
            |month| f(month.into_iter().map(|c| c.record).collect()),
        )
    }

    /// The child's check-ins dated within `range`, in order.
    pub fn checkins_of(&self, child: &str, range: &DateRange) -> Result<Vec<CheckIn>> {
        let mut checkins = Vec::new();
        self.for_each_month_of(child, range, |month| {
            checkins.extend(month);
            Ok(())
        })?;
        Ok(checkins)
    }

    /// The child's check-ins of one day, morning first.
    pub fn checkins_on(&self, child: &str, date: NaiveDate) -> Result<Vec<Stored<CheckIn>>> {
        let mut day = self.store.checkins(&DateRange::day(date))?;
        day.retain(|c| c.is_about(child));
        Ok(day)
    }

    /// The child's check-in of one day and period, if there is one (the one written last,
    /// when two devices each saved one).
    pub fn checkin_at(&self, child: &str, date: NaiveDate, period: Period) -> Result<Option<Stored<CheckIn>>> {
        Ok(slot(&self.checkins_on(child, date)?, period).cloned())
    }

    /// The date of the child's first check-in.
    pub fn first_checkin_of(&self, child: &str) -> Result<Option<NaiveDate>> {
        self.store.earliest_checkin(|c| c.is_about(child))
    }

    /// The check-in whose id is `id` or starts with it (at least 4 characters, or the whole id).
    pub fn find_checkin(&self, id: &str) -> Result<Stored<CheckIn>> {
        let wanted = id.trim().to_lowercase();
        if wanted.chars().count() < 4 {
            return Err(Error::usage(format!(
                "'{}' is too short to name a check-in: give at least 4 characters of its id (see `srt list`)",
                visible(id, false)
            )));
        }
        let mut matches = Vec::new();
        self.store.for_each_month(
            &DateRange::default(),
            |c| c.id.starts_with(&wanted),
            |month| {
                matches.extend(month);
                Ok(())
            },
        )?;
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(Error::usage(format!("no check-in has the id '{}'; see `srt list`", visible(id, false)))),
            _ => Err(too_many_match(
                id,
                &matches,
                |c| c.id.as_str(),
                |c, shown| format!("{shown} {} {}", c.date, c.period.name()),
            )),
        }
    }

    /// The child's brave-steps ladder, if one was set.
    pub fn ladder(&self, child: &str) -> Result<Option<Stored<Ladder>>> {
        let ladders = self.store.ladders()?.into_iter().filter(|l| same_words(&l.child, child));
        Ok(ladders.max_by(|a, b| a.stamp.cmp(&b.stamp)))
    }

    /// The child's therapy sessions, oldest first.
    pub fn sessions_of(&self, child: &str) -> Result<Vec<Stored<Session>>> {
        Ok(self.store.sessions()?.into_iter().filter(|s| same_words(&s.child, child)).collect())
    }

    /// Every file of the journal, checked line by line.
    pub fn inspect(&self) -> Result<Vec<FileReport>> {
        self.store.inspect()
    }

    /// Every file of the journal checked under the lock, its damaged and cut-off lines set
    /// aside in `backups/`, and every sync tool's conflicted copy merged into this device's
    /// log and moved there: all under the lock, so no line saved meanwhile is mistaken for
    /// one reported.
    pub fn repair(&self) -> Result<(Vec<FileReport>, Repairs)> {
        let lock = self.store.lock()?;
        let reports = self.store.inspect()?;
        let repairs = self.store.repair(&lock, &reports)?;
        Ok((reports, repairs))
    }

    /// Whether srt can save here: asked before questions, so a parent does not answer them
    /// in vain.
    pub fn check_writable(&self) -> Result<()> {
        self.store.check_writable()
    }

    /// Whether there is a journal here at all.
    pub fn exists(&self) -> bool {
        self.root().join("log").is_dir()
    }
}

/// The one of a child's `records` (sessions, concerns: `what`) whose id is `id` or starts
/// with it (at least 4 characters); `list` is the command that lists them.
fn find_by_id<T>(
    records: Vec<Stored<T>>,
    id: &str,
    (what, child, list): (&str, &str, &str),
    id_of: impl Fn(&T) -> &str,
    date_of: impl Fn(&T) -> NaiveDate,
) -> Result<Stored<T>> {
    let wanted = id.trim().to_lowercase();
    if wanted.chars().count() < 4 {
        return Err(Error::usage(format!(
            "'{}' is too short to name a {what}: give at least 4 characters of its id (see `{list}`)",
            visible(id, false)
        )));
    }
    let mut matches: Vec<_> = records.into_iter().filter(|r| id_of(r).starts_with(&wanted)).collect();
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 => Err(Error::usage(format!(
            "no {what} of {} has the id '{}'; see `{list}`",
            visible(child, false),
            visible(id, false)
        ))),
        _ => Err(too_many_match(id, &matches, |r| id_of(r), |r, shown| format!("{shown} {}", date_of(r)))),
    }
}

/// An error for a change that another srt's change got in the way of.
fn changed_meanwhile(what: &str, then: &str) -> Error {
    Error::usage(format!("{what} was changed by another srt while you were at it, so nothing was saved; {then}"))
}

/// The most records an ambiguous id prefix lists: enough to see which is which, and a line
/// that stays one line however many ids start alike.
const LISTED_MATCHES: usize = 5;

/// An error for an id prefix that starts the ids of several records: the first few, each
/// with enough of its id to tell it from all the others and what `describe` says of it.
fn too_many_match<T>(
    prefix: &str,
    matches: &[T],
    id_of: impl Fn(&T) -> &str,
    describe: impl Fn(&T, &str) -> String,
) -> Error {
    let ids: Vec<&str> = matches.iter().map(&id_of).collect();
    let length = distinct_length(&ids);
    let mut named: Vec<String> = matches
        .iter()
        .take(LISTED_MATCHES)
        .map(|m| {
            let id = id_of(m);
            describe(m, id.get(..length).unwrap_or(id))
        })
        .collect();
    if matches.len() > LISTED_MATCHES {
        named.push(format!("and {} more", matches.len() - LISTED_MATCHES));
    }
    Error::usage(format!(
        "'{}' starts more than one id ({}); type more of the id",
        visible(prefix, false),
        named.join(", ")
    ))
}

/// How many characters of each id tell them all apart: at least the 8 `short_id` shows,
/// more while two of them still start alike (at most the whole id). In sorted order the
/// ids sharing the longest start are neighbours, so only neighbours are compared.
fn distinct_length(ids: &[&str]) -> usize {
    let longest = ids.iter().map(|id| id.len()).max().unwrap_or(0);
    let shared = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    let most_shared = sorted.windows(2).map(|pair| shared(pair[0], pair[1]) + 1).max().unwrap_or(0);
    most_shared.max(8).min(longest)
}

#[cfg(test)]
mod tests {
    use super::{distinct_length, too_many_match};

    #[test]
    fn ids_are_shown_long_enough_to_tell_apart() {
        let a = "abcd1234-5678-4000-8000-000000000001";
        let b = "abcd1234-9999-4000-8000-000000000002";
        let c = "ffff0000-0000-4000-8000-000000000003";
        assert_eq!(distinct_length(&[a, c]), 8);
        assert_eq!(distinct_length(&[a, b]), 10);
        assert_eq!(distinct_length(&[a, b, c]), 10);
        assert_eq!(distinct_length(&[a, "abcd1234-5678-4000-8000-000000000009"]), 36);
        assert_eq!(distinct_length(&[a, a]), 36);
        assert_eq!(distinct_length(&[c, a, b]), 10, "in any order");
    }

    #[test]
    fn many_ids_are_told_apart_quickly() {
        let ids: Vec<String> = (0..45_000).map(|n| format!("c0ff{n:04x}-0000-4000-8000-{n:012}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let started = std::time::Instant::now();
        assert_eq!(distinct_length(&ids), 8);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }

    #[test]
    fn an_ambiguous_prefix_lists_five_ids_and_counts_the_rest() {
        let ids: Vec<String> = (0..45_000).map(|n| format!("c0ff{n:04x}-0000-4000-8000-{n:012}")).collect();
        let err = too_many_match("c0ff", &ids, String::as_str, |_, shown| shown.to_string());
        assert!(
            err.message
                .ends_with("(c0ff0000, c0ff0001, c0ff0002, c0ff0003, c0ff0004, and 44995 more); type more of the id"),
            "{}",
            err.message
        );
    }
}
