//! Therapy sessions.

use chrono::NaiveDate;

use super::{Journal, Stored, changed_meanwhile, find_by_id};
use crate::error::{Error, Result};
use crate::model::{Session, new_id, short_id};

impl Journal {
    /// Records a therapy session of the child, added by `recorded_by`.
    pub fn add_session(
        &self,
        child: &str,
        date: NaiveDate,
        note: String,
        recorded_by: Option<String>,
    ) -> Result<Session> {
        let lock = self.store.lock()?;
        let session = Session { id: new_id(), child: child.to_string(), date, note, recorded_by };
        self.store.put_session(&lock, &session, None)?;
        Ok(session)
    }

    /// Deletes the session the parent saw, unless it changed since.
    pub fn delete_session(&self, seen: &Stored<Session>) -> Result<()> {
        let lock = self.store.lock()?;
        let now = self.store.sessions()?.into_iter().find(|s| s.id == seen.id);
        match now {
            None => Err(Error::usage(format!("session {} is already deleted", short_id(&seen.id)))),
            Some(now) if now.stamp != seen.stamp => {
                Err(changed_meanwhile("this session", "see it with `srt session list` and try again"))
            }
            Some(now) => self.store.delete_session(&lock, &now),
        }
    }

    /// The child's session whose id is `id` or starts with it (at least 4 characters).
    pub fn find_session(&self, child: &str, id: &str) -> Result<Stored<Session>> {
        let what = ("session", child, "srt session list");
        find_by_id(self.sessions_of(child)?, id, what, |s| s.id.as_str(), |s| s.date)
    }
}
