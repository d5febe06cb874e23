//! The `srt-export` document (DESIGN §5): what a parent hands a clinician, and what the
//! other parent's srt imports. Every format renders this one struct.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{CheckIn, Session};
use crate::summary::Summary;

pub const FORMAT_NAME: &str = "srt-export";
pub const FORMAT_VERSION: u32 = 1;
/// The name that stands for the child in a redacted export.
pub const REDACTED_NAME: &str = "Child";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub format: &'static str,
    pub version: u32,
    pub generated_at: DateTime<FixedOffset>,
    pub child: String,
    pub range: Range,
    pub checkins: Vec<CheckIn>,
    pub sessions: Vec<Session>,
    pub steps: Vec<String>,
    pub summary: Summary,
    /// The child's record id, for formats that name the patient (FHIR).
    #[serde(skip)]
    pub child_id: String,
}

impl Export {
    /// Leaves the child's name out (everywhere it stands as a word) and drops the notes;
    /// ids and the wins and strategies the clinician needs stay.
    pub fn redact(&mut self) {
        let name = std::mem::replace(&mut self.child, REDACTED_NAME.to_string());
        let hide = |text: &mut String| *text = without_name(text, &name);
        for checkin in &mut self.checkins {
            checkin.child = REDACTED_NAME.to_string();
            checkin.note.clear();
            checkin.body.iter_mut().chain(&mut checkin.helped).chain(&mut checkin.wins).for_each(hide);
            checkin.next_step.iter_mut().for_each(hide);
        }
        for session in &mut self.sessions {
            session.child = REDACTED_NAME.to_string();
            session.note.clear();
        }
        self.steps.iter_mut().for_each(hide);
        let summary = &mut self.summary;
        summary.notes.clear();
        summary.wins.iter_mut().for_each(|w| hide(&mut w.text));
        summary.helped.iter_mut().for_each(|h| hide(&mut h.text));
        summary.steps.highest_text.iter_mut().for_each(hide);
    }
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
