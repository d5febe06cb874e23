//! The kinds of record a journal holds, the file each lives in, and how a log line of
//! each is checked on the way in: its form for the line's version, its rules, and its id.

use chrono::{DateTime, Datelike, Utc};
use serde::de::DeserializeOwned;

use crate::model::upgrade::{AnyCheckIn, AnyLadder};
use crate::model::{Child, Concern, DEFAULT_CHILD, Record, Rules, Session, Setting, is_record_id};
use crate::text::folded;

pub const CHILDREN_FILE: &str = "children.jsonl";
pub const SETTINGS_FILE: &str = "settings.jsonl";
pub const SESSIONS_FILE: &str = "sessions.jsonl";
pub const LADDERS_FILE: &str = "ladders.jsonl";
pub const CONCERNS_FILE: &str = "concerns.jsonl";
/// The folder of check-ins, one file per month of their date.
pub const CHECKIN_DIR: &str = "checkins";

/// The data of one kind of record as a log line holds it.
pub trait Line: DeserializeOwned {
    /// The `kind` of its lines.
    const KIND: &'static str;

    /// Whether the data has the form of format `version` and obeys its record's rules.
    fn check(&self, version: u32) -> Result<(), String>;

    /// Whether `id`, the line's, is this record's id.
    fn has_id(&self, id: &str) -> bool;

    /// Whether `id` can name a record of this kind (a deletion carries only its id).
    fn is_id(id: &str) -> bool;

    /// Whether the record belongs in the check-in file of `month` (year, month).
    fn check_month(&self, _month: Month) -> Result<(), String> {
        Ok(())
    }

    /// Takes in what another revision of the same record knows; `at` and `other_at` are
    /// the revisions' stamps.
    fn remember(&mut self, _at: DateTime<Utc>, _other: &Self, _other_at: DateTime<Utc>) {}
}

impl Line for AnyCheckIn {
    const KIND: &'static str = "checkin";
    fn check(&self, version: u32) -> Result<(), String> {
        AnyCheckIn::check(self, version)
    }
    fn has_id(&self, id: &str) -> bool {
        self.id() == id
    }
    fn is_id(id: &str) -> bool {
        is_record_id(id)
    }
    fn remember(&mut self, at: DateTime<Utc>, other: &Self, other_at: DateTime<Utc>) {
        AnyCheckIn::remember(self, at, other, other_at);
    }
    fn check_month(&self, (year, month): Month) -> Result<(), String> {
        let date = self.date();
        if (date.year(), date.month()) == (year, month) {
            return Ok(());
        }
        Err(format!(
            "it is dated {date}, so it belongs in {}.jsonl, not in the file of {year}-{month:02}",
            date.format("%Y-%m")
        ))
    }
}

impl Line for AnyLadder {
    const KIND: &'static str = "ladder";
    fn check(&self, version: u32) -> Result<(), String> {
        AnyLadder::check(self, version)
    }
    fn has_id(&self, id: &str) -> bool {
        // Version 1 lower-cased the name without putting it in NFC first: the same name
        // in any form is the same ladder.
        id.strip_prefix("ladder:").is_some_and(|name| folded(name) == folded(self.child()))
    }
    fn is_id(id: &str) -> bool {
        id.strip_prefix("ladder:").is_some_and(|child| !child.is_empty() && !child.chars().any(char::is_control))
    }
}

/// The first format version with safety concerns.
const CONCERNS_SINCE: u32 = 5;

impl Line for Concern {
    const KIND: &'static str = "concern";
    fn check(&self, version: u32) -> Result<(), String> {
        if version < CONCERNS_SINCE {
            return Err(format!(
                "a version {version} line cannot be a concern (concerns came with version {CONCERNS_SINCE})"
            ));
        }
        self.check_by(Rules::of_version(version))
    }
    fn has_id(&self, id: &str) -> bool {
        self.id == id
    }
    fn is_id(id: &str) -> bool {
        is_record_id(id)
    }
}

/// Kinds whose form has not changed since version 1: the model type is the line's data.
macro_rules! same_in_every_version {
    ($type:ty, $kind:literal, |$record:ident| $id:expr, $is_id:expr) => {
        impl Line for $type {
            const KIND: &'static str = $kind;
            fn check(&self, version: u32) -> Result<(), String> {
                self.check_by(Rules::of_version(version))
            }
            fn has_id(&self, id: &str) -> bool {
                let $record = self;
                $id == id
            }
            fn is_id(id: &str) -> bool {
                $is_id(id)
            }
        }
    };
}

same_in_every_version!(Child, "child", |c| c.id.as_str(), is_record_id);
same_in_every_version!(Session, "session", |s| s.id.as_str(), is_record_id);
same_in_every_version!(Setting, "setting", |s| s.name.as_str(), |id| id == DEFAULT_CHILD);

/// A month, as a check-in file's name gives it: year and month (1-12).
pub type Month = (i32, u32);

/// The month of a check-in file's name (`2026-11`), if it is one.
pub fn month_of_name(name: &str) -> Option<Month> {
    let (year, month) = name.split_once('-')?;
    let month: u32 = month.parse().ok()?;
    (name.len() == 7 && year.len() == 4 && (1..=12).contains(&month)).then_some((year.parse().ok()?, month))
}

/// The kind of record a file of a device's folder holds, by its name there.
pub fn kind_of(relative: &str) -> Option<&'static str> {
    match relative {
        CHILDREN_FILE => Some(Child::KIND),
        SETTINGS_FILE => Some(Setting::KIND),
        SESSIONS_FILE => Some(Session::KIND),
        LADDERS_FILE => Some(AnyLadder::KIND),
        CONCERNS_FILE => Some(Concern::KIND),
        name => {
            let month = name.strip_prefix(CHECKIN_DIR)?.strip_prefix('/')?.strip_suffix(".jsonl")?;
            super::is_month_name(month).then_some(AnyCheckIn::KIND)
        }
    }
}
