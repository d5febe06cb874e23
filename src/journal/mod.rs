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
            _ => {
                let ids: Vec<&str> = matches.iter().map(|c| c.id.as_str()).collect();
                let length = distinct_length(&ids);
                let named: Vec<_> = matches
                    .iter()
                    .map(|c| format!("{} {} {}", c.id.get(..length).unwrap_or(&c.id), c.date, c.period.name()))
                    .collect();
                Err(Error::usage(format!(
                    "'{}' starts more than one id ({}); give more of it",
                    visible(id, false),
                    named.join(", ")
                )))
            }
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

/// An error for a change that another srt's change got in the way of.
fn changed_meanwhile(what: &str, then: &str) -> Error {
    Error::usage(format!("{what} was changed by another srt while you were at it, so nothing was saved; {then}"))
}
/// How many characters of each id tell them all apart: at least the 8 `short_id` shows,
/// more while two of them still start alike (at most the whole id).
fn distinct_length(ids: &[&str]) -> usize {
    let longest = ids.iter().map(|id| id.len()).max().unwrap_or(0);
    let shared = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut length = 8;
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            length = length.max(shared(a, b) + 1);
        }
    }
    length.min(longest)
}

#[cfg(test)]
mod tests {
    use super::distinct_length;

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
    }
}
