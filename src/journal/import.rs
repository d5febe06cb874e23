//! Merging another device's export: each record is new, updated (the file's revision was
//! changed later than this one) or unchanged, so importing the same file again changes
//! nothing.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::Journal;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{CheckIn, Child, Concern, DateRange, Ladder, Period, Session, Step, new_id};
use crate::store::{CheckInChange, Latest, Stamp, WriteLock};
use crate::text::same_words;

/// What an export file brings, checked and read into today's records.
pub struct Incoming {
    pub child: String,
    pub checkins: Vec<CheckIn>,
    pub sessions: Vec<IncomingSession>,
    pub steps: Vec<Step>,
    /// Safety concerns, open and resolved (version 5 on).
    pub concerns: Vec<Concern>,
}

/// A session from a file, with when it was last changed, if the file says (version 3 on).
pub struct IncomingSession {
    pub session: Session,
    pub changed_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Default)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Another check-in of the same child, day and period is already in the journal.
    pub same_day: usize,
    /// Differs from the copy here, and the file does not say when it was changed.
    pub kept: usize,
}

/// What an import did.
pub struct Imported {
    pub child: String,
    /// The file's name for the child, when the journal knows them by another.
    pub called_in_file: Option<String>,
    pub checkins: Counts,
    pub sessions: Counts,
    pub concerns: Counts,
    /// What happened to the file's ladder, if it had one worth a word.
    pub ladder: Option<String>,
}

impl Journal {
    /// Merges `incoming` into the journal, under the lock. A record already here stays with
    /// the child it belongs to: an import never moves records from one child to another.
    pub fn import(&self, incoming: Incoming) -> Result<Imported> {
        let lock = self.store.lock()?;
        let dates = incoming.checkins.iter().map(|c| c.date);
        let range = DateRange { since: dates.clone().min(), until: dates.max() };
        let local_checkins =
            if incoming.checkins.is_empty() { Latest::default() } else { self.store.checkin_revisions(&range)? };
        let local_sessions = self.store.session_revisions()?;
        let child = match self.family()?.find(&incoming.child) {
            Some(child) => child.name.clone(),
            None => match owner_here(&incoming, &local_checkins, &local_sessions) {
                // Renamed on one side: the records the file shares with this journal say who it is.
                Some(name) => name,
                None => {
                    let child = Child { id: new_id(), name: incoming.child.clone() };
                    self.store.put_child(&lock, &child, None)?;
                    child.name
                }
            },
        };
        let called_in_file = (!same_words(&child, &incoming.child)).then(|| incoming.child.clone());
        let (checkins, to_write) = merge_checkins(incoming.checkins, &local_checkins, &child);
        let changes: Vec<CheckInChange> =
            to_write.iter().map(|(c, previous)| CheckInChange::Put(c, previous.as_ref())).collect();
        let written = self.store.write_checkins(&lock, &changes).and_then(|()| {
            let sessions = self.import_sessions(&lock, &child, incoming.sessions, &local_sessions)?;
            let concerns = self.import_concerns(&lock, &child, incoming.concerns)?;
            let ladder = self.import_ladder(&lock, &child, incoming.steps)?;
            Ok((sessions, concerns, ladder))
        });
        let (sessions, concerns, ladder) = written.map_err(partly_saved)?;
        Ok(Imported { child, called_in_file, checkins, sessions, concerns, ladder })
    }

    /// Each concern as the copy changed later says; one here keeps the child it belongs to.
    fn import_concerns(&self, lock: &WriteLock, child: &str, incoming: Vec<Concern>) -> Result<Counts> {
        let mut counts = Counts::default();
        if incoming.is_empty() {
            return Ok(counts);
        }
        let local = self.store.concerns()?;
        for concern in incoming {
            let here = local.iter().find(|c| c.id == concern.id);
            let owner = here.map_or(child, |c| c.child.as_str());
            let concern = Concern { child: owner.to_string(), ..concern };
            let previous = match here {
                None => {
                    counts.new += 1;
                    None
                }
                Some(here) if here.record == concern || here.updated_at >= concern.updated_at => {
                    counts.unchanged += 1;
                    continue;
                }
                Some(here) => {
                    counts.updated += 1;
                    Some(&here.stamp)
                }
            };
            self.store.put_concern(lock, &concern, previous)?;
        }
        Ok(counts)
    }

    /// Each session as the newer copy says, where the file says when its copy was changed;
    /// without that, a copy that differs from this journal's leaves this journal's as it is.
    fn import_sessions(
        &self,
        lock: &WriteLock,
        child: &str,
        incoming: Vec<IncomingSession>,
        local: &Latest<Session>,
    ) -> Result<Counts> {
        let mut counts = Counts::default();
        for IncomingSession { session, changed_at } in incoming {
            let here = local.get(&session.id);
            let owner = here.and_then(|(_, s)| s.as_ref()).map_or(child, |s| s.child.as_str());
            let session = Session { child: owner.to_string(), ..session };
            let previous = match (here, changed_at) {
                (None, _) => {
                    counts.new += 1;
                    None
                }
                (Some((_, Some(here))), _) if *here == session => {
                    counts.unchanged += 1;
                    continue;
                }
                (Some(_), None) => {
                    counts.kept += 1;
                    continue;
                }
                (Some((stamp, _)), Some(at)) if stamp.at >= at.to_utc() => {
                    counts.unchanged += 1;
                    continue;
                }
                (Some((stamp, _)), Some(_)) => {
                    counts.updated += 1;
                    Some(stamp)
                }
            };
            let changed_at = changed_at.map_or_else(|| self.now().to_utc(), |at| at.to_utc());
            self.store.put_session_changed_at(lock, &session, previous, changed_at)?;
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

/// An import that failed part of the way says so: what was saved stays (every record is
/// whole), and importing the same file again adds the rest without doubling anything.
fn partly_saved(err: Error) -> Error {
    if err.kind != ErrorKind::Failure {
        return err;
    }
    Error {
        message: format!(
            "{}; part of the file may already be in the journal: import it again once this is fixed, to add the rest (nothing is added twice)",
            err.message
        ),
        ..err
    }
}

/// The one child of this journal who has the records the file shares with it (by id), if
/// there is exactly one: the same child under another name.
fn owner_here(incoming: &Incoming, checkins: &Latest<CheckIn>, sessions: &Latest<Session>) -> Option<String> {
    let checkin_owners = incoming.checkins.iter().filter_map(|c| checkins.get(&c.id)?.1.as_ref().map(|c| &c.child));
    let session_owners =
        incoming.sessions.iter().filter_map(|s| sessions.get(&s.session.id)?.1.as_ref().map(|s| &s.child));
    let mut owners = checkin_owners.chain(session_owners);
    let first = owners.next()?;
    owners.all(|other| same_words(other, first)).then(|| first.clone())
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
        let here = local.get(&checkin.id);
        let owner = here.and_then(|(_, c)| c.as_ref()).map_or(child, |c| c.child.as_str());
        let checkin = CheckIn { child: owner.to_string(), ..checkin };
        match here {
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
        if self.kept > 0 {
            text.push_str(&format!(
                " ({} kept as they are here: the file's copies differ and do not say when they were changed)",
                self.kept
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_that_fails_on_the_way_says_importing_again_finishes_it() {
        let full = partly_saved(Error::failure("could not save to the journal at x: No space left on device"));
        assert!(full.message.ends_with("import it again once this is fixed, to add the rest (nothing is added twice)"));
        assert_eq!(full.kind, ErrorKind::Failure);
        let refused = partly_saved(Error::usage("a child's name cannot be empty"));
        assert_eq!(refused.message, "a child's name cannot be empty", "a refusal wrote nothing to finish");
    }
}
