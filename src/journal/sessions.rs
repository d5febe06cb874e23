//! Therapy sessions.

use chrono::NaiveDate;

use super::{Journal, Stored, changed_meanwhile, too_many_match};
use crate::error::{Error, Result};
use crate::model::{Session, new_id, short_id};
use crate::text::visible;

impl Journal {
    /// Records a therapy session of the child.
    pub fn add_session(&self, child: &str, date: NaiveDate, note: String) -> Result<Session> {
        let lock = self.store.lock()?;
        let session = Session { id: new_id(), child: child.to_string(), date, note };
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
        let wanted = id.trim().to_lowercase();
        if wanted.chars().count() < 4 {
            return Err(Error::usage(format!(
                "'{}' is too short to name a session: give at least 4 characters of its id (see `srt session list`)",
                visible(id, false)
            )));
        }
        let mut matches: Vec<_> = self.sessions_of(child)?.into_iter().filter(|s| s.id.starts_with(&wanted)).collect();
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(Error::usage(format!(
                "no session of {} has the id '{}'; see `srt session list`",
                visible(child, false),
                visible(id, false)
            ))),
            _ => Err(too_many_match(id, &matches, |s| s.id.as_str(), |s, shown| format!("{shown} {}", s.date))),
        }
    }
}
