//! Merging another device's export: each record is new, updated (the file's revision was
//! changed later than this one) or unchanged, so importing the same file again changes
//! nothing.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::Journal;
use crate::error::Result;
use crate::model::{CheckIn, Child, Ladder, Period, Session, Step, new_id};
use crate::store::{CheckInChange, Latest, Stamp, WriteLock};

/// What an export file brings, checked and read into today's records.
pub struct Incoming {
    pub child: String,
    pub checkins: Vec<CheckIn>,
    pub sessions: Vec<Session>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Default)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Another check-in of the same child, day and period is already in the journal.
    pub same_day: usize,
}

/// What an import did.
pub struct Imported {
    pub child: String,
    pub checkins: Counts,
    pub sessions: Counts,
    /// What happened to the file's ladder, if it had one worth a word.
    pub ladder: Option<String>,
}

impl Journal {
    /// Merges `incoming` into the journal, under the lock.
    pub fn import(&self, incoming: Incoming) -> Result<Imported> {
        let lock = self.store.lock()?;
        let child = match self.family()?.find(&incoming.child) {
            Some(child) => child.name.clone(),
            None => {
                let child = Child { id: new_id(), name: incoming.child.clone() };
                self.store.put_child(&lock, &child, None)?;
                child.name
            }
        };
        let checkins = self.import_checkins(&lock, &child, incoming.checkins)?;
        let sessions = self.import_sessions(&lock, &child, incoming.sessions)?;
        let ladder = self.import_ladder(&lock, &child, incoming.steps)?;
        Ok(Imported { child, checkins, sessions, ladder })
    }

    fn import_checkins(&self, lock: &WriteLock, child: &str, incoming: Vec<CheckIn>) -> Result<Counts> {
        if incoming.is_empty() {
            return Ok(Counts::default());
        }
        let dates = incoming.iter().map(|c| c.date);
        let range = crate::model::DateRange { since: dates.clone().min(), until: dates.max() };
        let local = self.store.checkin_revisions(&range)?;
        let (counts, to_write) = merge_checkins(incoming, &local, child);
        let changes: Vec<CheckInChange> =
            to_write.iter().map(|(c, previous)| CheckInChange::Put(c, previous.as_ref())).collect();
        self.store.write_checkins(lock, &changes)?;
        Ok(counts)
    }

    fn import_sessions(&self, lock: &WriteLock, child: &str, incoming: Vec<Session>) -> Result<Counts> {
        let mut counts = Counts::default();
        let local = self.store.session_revisions()?;
        for session in incoming {
            let session = Session { child: child.to_string(), ..session };
            let previous = match local.get(&session.id) {
                None => {
                    counts.new += 1;
                    None
                }
                Some((_, None)) => {
                    counts.unchanged += 1;
                    continue;
                }
                Some((_, Some(here))) if *here == session => {
                    counts.unchanged += 1;
                    continue;
                }
                Some((stamp, Some(_))) => {
                    counts.updated += 1;
                    Some(stamp)
                }
            };
            self.store.put_session(lock, &session, previous)?;
        }
        Ok(counts)
    }

    /// Takes the file's ladder when the child has none here; a different ladder here is kept.
    fn import_ladder(&self, lock: &WriteLock, child: &str, steps: Vec<Step>) -> Result<Option<String>> {
        if steps.is_empty() {
            return Ok(None);
        }
        let here = self.ladder(child)?;
        match here {
            Some(ladder) if ladder.texts().eq(steps.iter().map(|s| s.text.as_str())) => Ok(None),
            Some(ladder) if !ladder.steps.is_empty() => Ok(Some(
                "the brave-steps ladder in the file differs from this one; kept this one (see `srt steps list`)".into(),
            )),
            here => {
                let count = steps.len();
                let ladder = Ladder { child: child.to_string(), steps };
                self.store.put_ladder(lock, &ladder, here.as_ref())?;
                Ok(Some(format!("added the brave-steps ladder ({count} steps)")))
            }
        }
    }
}

/// Which incoming check-ins to write, and with which revision each replaces.
fn merge_checkins(
    incoming: Vec<CheckIn>,
    local: &Latest<CheckIn>,
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
        let checkin = CheckIn { child: child.to_string(), ..checkin };
        match local.get(&checkin.id) {
            None if !taken.insert((checkin.date, checkin.period)) => counts.same_day += 1,
            None => {
                counts.new += 1;
                to_write.push((checkin, None));
            }
            Some((_, Some(here))) if *here == checkin || here.updated_at >= checkin.updated_at => counts.unchanged += 1,
            Some((stamp, None)) if stamp.at >= checkin.updated_at.to_utc() => counts.unchanged += 1,
            Some((stamp, _)) => {
                counts.updated += 1;
                to_write.push((checkin, Some(stamp.clone())));
            }
        }
    }
    (counts, to_write)
}

impl Counts {
    pub fn describe(&self, what: &str) -> String {
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
