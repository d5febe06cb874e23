//! Children: adding, choosing the default, renaming and removing.

use super::Journal;
use crate::error::{Error, Result};
use crate::model::{CheckIn, Child, Concern, DEFAULT_CHILD, DateRange, Ladder, Session, Setting, new_id};
use crate::store::CheckInChange;
use crate::text::{same_words, visible};

/// What removing a child took with it.
#[derive(Debug, Default)]
pub struct Removed {
    pub checkins: usize,
    pub sessions: usize,
    pub concerns: usize,
}

impl Journal {
    /// Adds a child; a name the family already has (in any case) is an error.
    pub fn add_child(&self, name: &str) -> Result<Child> {
        let lock = self.store.lock()?;
        if let Some(existing) = self.family()?.find(name) {
            return Err(Error::usage(format!("{} is already in the journal", visible(&existing.name, false))));
        }
        let child = Child { id: new_id(), name: name.to_string() };
        self.store.put_child(&lock, &child, None)?;
        Ok(child)
    }

    /// Makes the named child the family's default; returns their name as kept.
    pub fn set_default_child(&self, name: &str) -> Result<String> {
        let lock = self.store.lock()?;
        let family = self.family()?;
        let child = family.find(name).ok_or_else(|| family.no_such_child(name))?;
        let setting = Setting { name: DEFAULT_CHILD.to_string(), value: child.name.clone() };
        let previous = self.store.settings()?.into_iter().find(|s| s.name == DEFAULT_CHILD);
        self.store.put_setting(&lock, &setting, previous.as_ref().map(|p| &p.stamp))?;
        Ok(child.name.clone())
    }

    /// Gives a child a new name. Every record of theirs gets a new revision under it (the
    /// old ones stay in the log), so check-ins, sessions, the ladder and the default follow.
    /// Returns the old name as it was kept; the same name as before changes nothing.
    pub fn rename_child(&self, old: &str, new: &str) -> Result<String> {
        let lock = self.store.lock()?;
        let family = self.family()?;
        let old = family.find(old).ok_or_else(|| family.no_such_child(old))?.name.clone();
        if let Some(other) = family.find(new).filter(|other| !same_words(&other.name, &old)) {
            return Err(Error::usage(format!("there is already a child called {}", visible(&other.name, false))));
        }
        if old == new {
            return Ok(old);
        }
        for child in self.store.children()?.into_iter().filter(|c| same_words(&c.name, &old)) {
            let renamed = Child { name: new.to_string(), ..child.record.clone() };
            self.store.put_child(&lock, &renamed, Some(&child.stamp))?;
        }
        self.store.for_each_month(
            &DateRange::default(),
            |c| c.is_about(&old),
            |month| {
                let renamed: Vec<CheckIn> =
                    month.iter().map(|c| CheckIn { child: new.to_string(), ..c.record.clone() }).collect();
                let changes: Vec<CheckInChange> =
                    renamed.iter().zip(&month).map(|(c, was)| CheckInChange::Put(c, Some(&was.stamp))).collect();
                self.store.write_checkins(&lock, &changes)
            },
        )?;
        for session in self.sessions_of(&old)? {
            let renamed = Session { child: new.to_string(), ..session.record.clone() };
            self.store.put_session(&lock, &renamed, Some(&session.stamp))?;
        }
        for concern in self.concerns_of(&old)? {
            let renamed = Concern { child: new.to_string(), ..concern.record.clone() };
            self.store.put_concern(&lock, &renamed, Some(&concern.stamp))?;
        }
        if let Some(ladder) = self.ladder(&old)? {
            let renamed = Ladder { child: new.to_string(), ..ladder.record.clone() };
            if Ladder::id_for(new) == ladder.id {
                self.store.put_ladder(&lock, &renamed, Some(&ladder))?;
            } else {
                self.store.put_ladder(&lock, &renamed, None)?;
                self.store.delete_ladder(&lock, &ladder)?;
            }
        }
        let default = self.store.settings()?.into_iter().find(|s| s.name == DEFAULT_CHILD);
        if let Some(default) = default.filter(|d| same_words(&d.value, &old)) {
            let setting = Setting { value: new.to_string(), ..default.record.clone() };
            self.store.put_setting(&lock, &setting, Some(&default.stamp))?;
        }
        Ok(old)
    }

    /// The child's name as kept and how many check-ins they have; an error if they have
    /// some and `with_checkins` is not given.
    pub fn removable(&self, name: &str, with_checkins: bool) -> Result<(String, usize)> {
        let family = self.family()?;
        let name = family.find(name).ok_or_else(|| family.no_such_child(name))?.name.clone();
        let mut count = 0;
        self.for_each_month_of(&name, &DateRange::default(), |month| {
            count += month.len();
            Ok(())
        })?;
        let concerns = self.concerns_of(&name)?.len();
        if count + concerns > 0 && !with_checkins {
            let shown = visible(&name, false);
            let them = if count + concerns == 1 { "it" } else { "them" };
            let what = match (count, concerns) {
                (_, 0) => crate::text::count(count, "check-in"),
                (0, _) => crate::text::count(concerns, "safety concern"),
                _ => format!(
                    "{} and {}",
                    crate::text::count(count, "check-in"),
                    crate::text::count(concerns, "safety concern")
                ),
            };
            return Err(Error::usage(format!(
                "{shown} has {what}; to remove {them} too, run `srt child remove {shown} --with-checkins --yes`"
            )));
        }
        Ok((name, count))
    }

    /// Removes a child with their sessions and ladder; with `with_checkins` their check-ins
    /// too, without it a child with check-ins is an error.
    pub fn remove_child(&self, name: &str, with_checkins: bool) -> Result<Removed> {
        let lock = self.store.lock()?;
        let (name, _) = self.removable(name, with_checkins)?;
        let mut removed = Removed::default();
        self.store.for_each_month(
            &DateRange::default(),
            |c| c.is_about(&name),
            |month| {
                removed.checkins += month.len();
                let changes: Vec<CheckInChange> = month.iter().map(CheckInChange::Delete).collect();
                self.store.write_checkins(&lock, &changes)
            },
        )?;
        for session in self.sessions_of(&name)? {
            self.store.delete_session(&lock, &session)?;
            removed.sessions += 1;
        }
        for concern in self.concerns_of(&name)? {
            self.store.delete_concern(&lock, &concern)?;
            removed.concerns += 1;
        }
        if let Some(ladder) = self.ladder(&name)? {
            self.store.delete_ladder(&lock, &ladder)?;
        }
        let default = self.store.settings()?.into_iter().find(|s| s.name == DEFAULT_CHILD);
        if let Some(default) = default.filter(|d| same_words(&d.value, &name)) {
            self.store.delete_setting(&lock, &default)?;
        }
        for child in self.store.children()?.into_iter().filter(|c| same_words(&c.name, &name)) {
            self.store.delete_child(&lock, &child)?;
        }
        Ok(removed)
    }
}
