//! Safety concerns: added, resolved, listed. They are never deleted; a resolved one stays
//! in the history.

use chrono::NaiveDate;

use super::{Journal, Stored, changed_meanwhile, find_by_id};
use crate::error::{Error, Result};
use crate::model::{Concern, Record, Resolution, new_id, short_id};

/// What a new concern says.
pub struct NewConcern {
    pub child: String,
    pub date: NaiveDate,
    pub text: String,
    /// The check-in whose note it is.
    pub checkin: Option<String>,
    pub recorded_by: Option<String>,
}

impl Journal {
    /// Saves a new safety concern.
    pub fn add_concern(&self, new: NewConcern) -> Result<Concern> {
        let lock = self.store.lock()?;
        let now = self.now();
        let concern = Concern {
            id: new_id(),
            child: new.child,
            date: new.date,
            text: new.text,
            checkin: new.checkin,
            recorded_by: new.recorded_by,
            created_at: now,
            updated_at: now,
            resolved: None,
        };
        concern.check().map_err(Error::usage)?;
        self.store.put_concern(&lock, &concern, None)?;
        Ok(concern)
    }

    /// Marks the concern the parent saw as talked over, unless it changed since.
    pub fn resolve_concern(&self, seen: &Stored<Concern>, resolution: Resolution) -> Result<Concern> {
        let lock = self.store.lock()?;
        let now = self.store.concerns()?.into_iter().find(|c| c.id == seen.id);
        let Some(now) = now else {
            return Err(Error::usage(format!("concern {} is no longer in the journal", short_id(&seen.id))));
        };
        if now.stamp != seen.stamp {
            return Err(changed_meanwhile("this concern", "see it with `srt concern list` and try again"));
        }
        if now.resolved.is_some() {
            return Err(Error::usage(format!("concern {} is already resolved", short_id(&seen.id))));
        }
        let updated_at = self.changed_at(now.updated_at)?;
        let resolved = Concern { resolved: Some(resolution), updated_at, ..now.record.clone() };
        resolved.check().map_err(Error::usage)?;
        self.store.put_concern(&lock, &resolved, Some(&now.stamp))?;
        Ok(resolved)
    }

    /// The child's concerns, open and resolved, oldest first.
    pub fn concerns_of(&self, child: &str) -> Result<Vec<Stored<Concern>>> {
        Ok(self.store.concerns()?.into_iter().filter(|c| c.is_about(child)).collect())
    }

    /// The concerns to show with the child's records, oldest first: theirs, and those about
    /// a name no child of the family has (a name changed on one laptop while the other
    /// noted a concern, say), shown as the child's. A concern never goes unseen for want
    /// of a name.
    pub fn concerns_shown_for(&self, child: &str) -> Result<Vec<Stored<Concern>>> {
        let family = self.family()?;
        let mut shown: Vec<Stored<Concern>> = self.store.concerns()?;
        shown.retain(|c| c.is_about(child) || family.find(&c.child).is_none());
        for concern in &mut shown {
            concern.record.child = child.to_string();
        }
        Ok(shown)
    }

    /// The child's open concerns, as shown with their records (`concerns_shown_for`).
    pub fn open_concerns_of(&self, child: &str) -> Result<Vec<Concern>> {
        Ok(self.concerns_shown_for(child)?.into_iter().filter(|c| c.is_open()).map(|c| c.record).collect())
    }

    /// The child's concern whose id is `id` or starts with it (at least 4 characters).
    pub fn find_concern(&self, child: &str, id: &str) -> Result<Stored<Concern>> {
        let what = ("concern", child, "srt concern list");
        find_by_id(self.concerns_shown_for(child)?, id, what, |c| c.id.as_str(), |c| c.date)
    }
}
