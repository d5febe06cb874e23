//! Saving, changing and deleting check-ins.

use chrono::{DateTime, FixedOffset, SubsecRound, TimeDelta};

use super::merge::merge;
use super::{Journal, Stored, changed_meanwhile};
use crate::error::{Error, Result};
use crate::model::{CheckIn, Child, DateRange, Period, Record, check_peak, keeps_time, new_id, short_id};
use crate::store::{CheckInChange, WriteLock, beyond_any_clock};
use crate::text::visible;

/// What a save did, with the check-in as it now stands; or why nothing was saved.
#[derive(Debug)]
pub enum Saved {
    Added(CheckIn),
    Changed(CheckIn),
    /// Nothing was written: the answers were those already saved.
    Unchanged(CheckIn),
    /// Nothing was written: another check-in holds the child's day and period (another srt
    /// saved it meanwhile).
    Taken(Stored<CheckIn>),
    /// Nothing was written: another srt changed these answers of the check-in differently
    /// meanwhile.
    Clashed {
        answers: Vec<String>,
        now: Stored<CheckIn>,
    },
}

impl Saved {
    /// The check-in as it stands after a save; `None` when nothing was saved.
    pub fn checkin(&self) -> Option<&CheckIn> {
        match self {
            Saved::Added(c) | Saved::Changed(c) | Saved::Unchanged(c) => Some(c),
            Saved::Taken(_) | Saved::Clashed { .. } => None,
        }
    }
}

impl Journal {
    /// Saves a new check-in for its child, day and period, adding the child if the family
    /// does not have them yet. With `replace`, it replaces one already saved for that slot
    /// (keeping its id and when it was first written); without, such a one is `Taken`.
    pub fn add_checkin(&self, mut checkin: CheckIn, replace: bool) -> Result<Saved> {
        let lock = self.store.lock()?;
        let new_child = match self.family()?.find(&checkin.child) {
            Some(child) => {
                checkin.child = child.name.clone();
                None
            }
            None => Some(Child { id: new_id(), name: checkin.child.clone() }),
        };
        let now = self.now().trunc_subsecs(0);
        (checkin.created_at, checkin.updated_at) = (now, now);
        checkin.check().map_err(Error::usage)?;
        let day = self.checkins_on(&checkin.child, checkin.date)?;
        let previous = match slot(&day, checkin.period).cloned() {
            Some(there) if replace => {
                (checkin.id, checkin.created_at) = (there.id.clone(), there.created_at);
                checkin.updated_at = self.changed_at(there.updated_at)?;
                if checkin.same_answers(&there) {
                    return Ok(Saved::Unchanged(there.record));
                }
                Some(there.stamp)
            }
            Some(there) => return Ok(Saved::Taken(there)),
            None => None,
        };
        self.check_day(&lock, &day, &checkin, None)?;
        if let Some(child) = new_child {
            self.store.put_child(&lock, &child, None)?;
        }
        self.store.put_checkin(&lock, &checkin, previous.as_ref())?;
        Ok(if previous.is_some() { Saved::Changed(checkin) } else { Saved::Added(checkin) })
    }

    /// Saves `mine`, a parent's change of `seen`, over the check-in as it is now (see
    /// `merge`). A new date moves it to that day, where it gets a new id.
    pub fn change_checkin(&self, seen: &Stored<CheckIn>, mine: CheckIn) -> Result<Saved> {
        let lock = self.store.lock()?;
        let now = self.reread(seen)?.ok_or_else(|| {
            Error::usage(format!(
                "the {} check-in of {} was deleted by another srt while you were changing it; nothing was saved",
                seen.period.name(),
                seen.date
            ))
        })?;
        let mut merged = match merge(&seen.record, &mine, &now.record) {
            Ok(merged) => merged,
            Err(answers) => return Ok(Saved::Clashed { answers, now }),
        };
        merged.check().map_err(Error::usage)?;
        if merged.same_answers(&now) {
            return Ok(Saved::Unchanged(now.record));
        }
        merged.updated_at = self.changed_at(now.updated_at)?;
        let day = self.checkins_on(&merged.child, merged.date)?;
        self.check_day(&lock, &day, &merged, Some(&now))?;
        if merged.date == now.date {
            self.store.put_checkin(&lock, &merged, Some(&now.stamp))?;
        } else {
            if let Some(there) = slot(&day, merged.period) {
                return Err(already_there(
                    there,
                    &format!("delete one of the two first (`srt delete {}`)", short_id(&there.id)),
                ));
            }
            // A check-in lives in its date's file: a move is a new record there and a
            // deletion here, first written when the original was.
            merged.id = new_id();
            self.store.write_checkins(&lock, &[CheckInChange::Put(&merged, None), CheckInChange::Delete(&now)])?;
        }
        Ok(Saved::Changed(merged))
    }

    /// Deletes the check-in the parent saw, unless it changed since.
    pub fn delete_checkin(&self, seen: &Stored<CheckIn>) -> Result<()> {
        let lock = self.store.lock()?;
        match self.reread(seen)? {
            None => Err(Error::usage(format!("check-in {} is already deleted", short_id(&seen.id)))),
            Some(now) if now.stamp != seen.stamp => Err(changed_meanwhile(
                "this check-in",
                &format!("see it with `srt show {}` before deleting it", short_id(&seen.id)),
            )),
            Some(now) => self.store.delete_checkin(&lock, &now),
        }
    }

    /// The check-in as the journal holds it now.
    fn reread(&self, seen: &Stored<CheckIn>) -> Result<Option<Stored<CheckIn>>> {
        Ok(self.store.checkins(&DateRange::day(seen.date))?.into_iter().find(|c| c.id == seen.id))
    }

    /// When a change of a record last changed at `updated_at` is made: now, but always
    /// after its last change, so the change is the newer one wherever the two meet again
    /// (an import of an older copy cannot put the old answers back, even from a computer
    /// whose clock runs ahead).
    pub(super) fn changed_at(&self, updated_at: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>> {
        let now = self.now().trunc_subsecs(0);
        let at = match updated_at.checked_add_signed(TimeDelta::seconds(1)) {
            Some(after) if after > now => after.with_timezone(now.offset()),
            _ => now,
        };
        if !keeps_time(at.to_utc()) {
            return Err(beyond_any_clock());
        }
        Ok(at)
    }

    /// The rule between a day's check-ins (`day`, the child's on `checkin`'s date): the
    /// evening's highest alarm of the day is at least that morning's alarm. An evening whose
    /// peak or day changed (`before` is the revision being changed) is refused when it would
    /// break it; a morning whose alarm or day changed is saved, with a warning naming the
    /// evening to correct, as the parent may be filling in the morning later.
    fn check_day(
        &self,
        _lock: &WriteLock,
        day: &[Stored<CheckIn>],
        checkin: &CheckIn,
        before: Option<&CheckIn>,
    ) -> Result<()> {
        let changed = |answer: fn(&CheckIn) -> (Option<u8>, chrono::NaiveDate)| {
            before.is_none_or(|b| answer(b) != answer(checkin))
        };
        match checkin.period {
            Period::Evening => {
                let Some(peak) = checkin.peak_alarm else { return Ok(()) };
                if !changed(|c| (c.peak_alarm, c.date)) {
                    return Ok(());
                }
                let Some(morning) = slot(day, Period::Morning) else { return Ok(()) };
                check_peak(morning.alarm, Some(peak))
                    .map_err(|why| Error::usage(format!("{why}; give --peak {} or more", morning.alarm)))
            }
            Period::Morning => {
                if !changed(|c| (Some(c.alarm), c.date)) {
                    return Ok(());
                }
                let evening = slot(day, Period::Evening);
                if let Some(evening) = evening.filter(|e| e.peak_alarm.is_some_and(|peak| peak < checkin.alarm)) {
                    self.warn(format!(
                        "the evening of {} says the highest alarm of the day was {}, below this morning's {}; correct it with `srt edit {} --peak {}`",
                        checkin.date,
                        evening.peak_alarm.unwrap_or_default(),
                        checkin.alarm,
                        short_id(&evening.id),
                        checkin.alarm
                    ));
                }
                Ok(())
            }
        }
    }
}

/// A day's check-in of `period`: the one written last, when two devices each saved one.
pub fn slot(day: &[Stored<CheckIn>], period: Period) -> Option<&Stored<CheckIn>> {
    day.iter().rfind(|c| c.period == period)
}

/// The check-in already saved for a slot, and what the parent can do about it.
pub fn already_there(found: &CheckIn, what_to_do: &str) -> Error {
    Error::usage(format!(
        "there is already {} check-in for {} on {} (id {}); {what_to_do}",
        found.period.with_article(),
        visible(&found.child, false),
        found.date,
        short_id(&found.id),
    ))
}
