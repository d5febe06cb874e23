//! The kinds of record a journal holds, the file each lives in, and how a log line of
//! each is checked on the way in: its form for the line's version, its rules, and its id.

use serde::de::DeserializeOwned;

use crate::model::upgrade::{AnyCheckIn, AnyLadder};
use crate::model::{Child, DEFAULT_CHILD, Ladder, Record, Session, Setting, is_record_id};

pub const CHILDREN_FILE: &str = "children.jsonl";
pub const SETTINGS_FILE: &str = "settings.jsonl";
pub const SESSIONS_FILE: &str = "sessions.jsonl";
pub const LADDERS_FILE: &str = "ladders.jsonl";
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

    /// Takes in what another revision of the same record knows.
    fn remember(&mut self, _other: &Self) {}
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
    fn remember(&mut self, other: &Self) {
        AnyCheckIn::remember(self, other);
    }
}

impl Line for AnyLadder {
    const KIND: &'static str = "ladder";
    fn check(&self, version: u32) -> Result<(), String> {
        AnyLadder::check(self, version)
    }
    fn has_id(&self, id: &str) -> bool {
        // Version 1 lower-cased the name without putting it in NFC first.
        id == Ladder::id_for(self.child()) || id.strip_prefix("ladder:") == Some(&self.child().to_lowercase())
    }
    fn is_id(id: &str) -> bool {
        id.strip_prefix("ladder:").is_some_and(|child| !child.is_empty() && !child.chars().any(char::is_control))
    }
}

/// Kinds whose form has not changed since version 1: the model type is the line's data.
macro_rules! same_in_every_version {
    ($type:ty, $kind:literal, |$record:ident| $id:expr, $is_id:expr) => {
        impl Line for $type {
            const KIND: &'static str = $kind;
            fn check(&self, _version: u32) -> Result<(), String> {
                Record::check(self)
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

/// The kind of record a file of a device's folder holds, by its name there.
pub fn kind_of(relative: &str) -> Option<&'static str> {
    match relative {
        CHILDREN_FILE => Some(Child::KIND),
        SETTINGS_FILE => Some(Setting::KIND),
        SESSIONS_FILE => Some(Session::KIND),
        LADDERS_FILE => Some(AnyLadder::KIND),
        name => {
            let month = name.strip_prefix(CHECKIN_DIR)?.strip_prefix('/')?.strip_suffix(".jsonl")?;
            super::is_month_name(month).then_some(AnyCheckIn::KIND)
        }
    }
}
