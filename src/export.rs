//! The export (DESIGN §5): what a parent hands a clinician, and what the other parent's srt
//! imports. One child's check-ins over a range are read month by month and handed to a
//! renderer (JSON, CSV, FHIR or HTML) one at a time, so an export of decades never holds
//! them all; `--redact` is applied here, before any renderer sees a record.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{CheckIn, Ladder, Session};
use crate::store::{DateRange, Store};
use crate::summary::{Summariser, Window};

pub const FORMAT_NAME: &str = "srt-export";
pub const FORMAT_VERSION: u32 = 1;
/// The name that stands for the child in a redacted export.
pub const REDACTED_NAME: &str = "Child";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

/// Everything an export says; the check-ins stay in the journal until `for_each_checkin`.
/// Made as a plain struct, then `redact` if the parent asked.
pub struct Export<'a> {
    pub store: &'a Store,
    pub generated_at: DateTime<FixedOffset>,
    /// The child's name as stored, which finds their check-ins.
    pub child: String,
    /// The child's record id, for formats that name the patient (FHIR).
    pub child_id: String,
    pub window: Window,
    pub sessions: Vec<Session>,
    pub ladder: Option<Ladder>,
    /// The configured school days, when the parent set them.
    pub school_days: Option<Vec<chrono::Weekday>>,
    /// Whether the child's name and the notes are left out.
    pub redacted: bool,
}

impl<'a> Export<'a> {
    /// Leaves the child's name and the notes out of everything the export shows.
    pub fn redact(mut self) -> Self {
        for session in &mut self.sessions {
            session.child = REDACTED_NAME.to_string();
            session.note.clear();
        }
        if let Some(ladder) = &mut self.ladder {
            ladder.child = REDACTED_NAME.to_string();
            ladder.steps.iter_mut().for_each(|step| *step = without_name(step, &self.child));
        }
        self.redacted = true;
        self
    }

    /// The child's name as the export shows it ("Child" when redacted).
    pub fn shown_name(&self) -> &str {
        if self.redacted { REDACTED_NAME } else { &self.child }
    }

    pub fn range(&self) -> Range {
        Range { since: self.window.since, until: self.window.until }
    }

    pub fn steps(&self) -> &[String] {
        self.ladder.as_ref().map_or(&[], |l| l.steps.as_slice())
    }

    /// A summariser for the export's window; fed the exported check-ins, it gives the
    /// summary of exactly what was exported.
    pub fn summariser(&self) -> Summariser<'_> {
        Summariser::new(self.window, self.ladder.as_ref()).expecting(self.school_days.as_deref())
    }

    /// Hands `f` each of the child's check-ins in the window, in order, redacted if asked.
    pub fn for_each_checkin(&self, mut f: impl FnMut(CheckIn) -> Result<()>) -> Result<()> {
        let range = DateRange { since: Some(self.window.since), until: Some(self.window.until) };
        let child = &self.child;
        self.store.for_each_month(
            &range,
            |c| c.is_about(child),
            |month| {
                for stored in month {
                    let mut checkin = stored.record;
                    if self.redacted {
                        redact(&mut checkin, &self.child);
                    }
                    f(checkin)?;
                }
                Ok(())
            },
        )
    }
}

/// Leaves the child's name out (everywhere it stands as a word) and drops the note; the id
/// and the wins and strategies the clinician needs stay.
fn redact(checkin: &mut CheckIn, name: &str) {
    let hide = |text: &mut String| *text = without_name(text, name);
    checkin.child = REDACTED_NAME.to_string();
    checkin.note.clear();
    checkin.body.iter_mut().chain(&mut checkin.helped).chain(&mut checkin.wins).for_each(hide);
    checkin.next_step.iter_mut().for_each(hide);
}

/// `text` with each word of `name` (case-insensitively, as a whole word) replaced by "Child".
pub fn without_name(text: &str, name: &str) -> String {
    let name_words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if name_words.contains(&word.to_lowercase()) {
            out.push_str(REDACTED_NAME);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_replaced_as_a_whole_word_only() {
        assert_eq!(without_name("Sam's first lesson with sam", "Sam"), "Child's first lesson with Child");
        assert_eq!(without_name("Samuel and samosas", "Sam"), "Samuel and samosas");
        assert_eq!(without_name("hug from Mary Ann", "Mary Ann"), "hug from Child Child");
        assert_eq!(without_name("Zoë smiled", "zoë"), "Child smiled");
    }
}
