//! The export: what a parent hands a clinician, and what the other parent's srt imports.
//! An `Export` says what is exported (the child, the window, the sessions, the ladder) and
//! how (redacted or not); the check-ins themselves are streamed through `prepare` to a
//! renderer one at a time, so an export of decades never holds them all, and `--redact`
//! is applied here, before any renderer sees a record.

use chrono::{DateTime, FixedOffset, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::model::{CheckIn, ConcernEntry, DateRange, Ladder, OpenConcern, PLACEHOLDER_NAME, Session, Step};
use crate::summary::{Summariser, Window};

pub const FORMAT_NAME: &str = "srt-export";
/// Version 2: check-ins have `created_at` and `updated_at`, and name their brave step by
/// its id and words; the ladder's steps have ids. Version 3: sessions have `updated_at`,
/// so an import can tell which copy of a session is the newer. Version 4: a check-in's
/// `school` is a school day (outcome, reason, times, lessons) instead of one word, and the
/// summary has the figures of a case review. Version 5: safety concerns (`concerns`, first),
/// and check-ins say who recorded them, the child's own number and the parent's calm.
/// `srt import` reads 1 to 5.
pub const FORMAT_VERSION: u32 = 5;

/// Who recorded, in a redacted export.
pub const PLACEHOLDER_RECORDER: &str = "Parent";

/// A session as exported: with when it was last changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedSession {
    #[serde(flatten)]
    pub session: Session,
    pub updated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

/// Everything an export says but its check-ins. Made as a plain struct, then `redact`ed
/// if the parent asked.
pub struct Export {
    pub generated_at: DateTime<FixedOffset>,
    /// The child's name as stored, which finds their check-ins.
    pub child: String,
    /// The child's record id, for formats that name the patient (FHIR).
    pub child_id: String,
    pub window: Window,
    pub sessions: Vec<ExportedSession>,
    /// Every safety concern of the child, open and resolved, whatever the window.
    pub concerns: Vec<ConcernEntry>,
    pub ladder: Option<Ladder>,
    /// The days the child is expected at school.
    pub school_days: Vec<Weekday>,
    /// The child's sessions (all of them, by date and note): the summary compares its
    /// window with the interval before, and shows the note of the session it opens with.
    pub all_sessions: Vec<(NaiveDate, String)>,
    /// The day the export was made: an evening still to come is not missing.
    pub today: NaiveDate,
    /// The day of the child's first check-in: days before it are not missing.
    pub first_checkin: Option<NaiveDate>,
    /// Whether the child's name and the notes are left out.
    pub redacted: bool,
    /// The names the parents recorded under (the config's, and those of the concerns and
    /// sessions): a redacted export puts "Parent" where they stand in the parent's words.
    pub recorders: Vec<String>,
}

impl Export {
    /// Leaves the child's name and the notes out of everything the export shows.
    pub fn redact(mut self) -> Self {
        for ExportedSession { session, .. } in &mut self.sessions {
            session.child = PLACEHOLDER_NAME.to_string();
            session.note.clear();
            if session.recorded_by.is_some() {
                session.recorded_by = Some(PLACEHOLDER_RECORDER.to_string());
            }
        }
        self.all_sessions.iter_mut().for_each(|(_, note)| note.clear());
        self.concerns.iter_mut().for_each(|c| c.redact(PLACEHOLDER_NAME, PLACEHOLDER_RECORDER));
        let named = self.concerns.iter().filter_map(|c| c.recorded_by.clone());
        let named = named.chain(self.sessions.iter().filter_map(|s| s.session.recorded_by.clone()));
        self.recorders.extend(named);
        self.recorders.sort();
        self.recorders.dedup();
        if let Some(ladder) = &mut self.ladder {
            ladder.child = PLACEHOLDER_NAME.to_string();
            let hide = |text: &str| hide_names(text, &self.child, &self.recorders);
            ladder.steps.iter_mut().for_each(|step| step.text = hide(&step.text));
        }
        self.redacted = true;
        self
    }

    /// The child's name as the export shows it ("Child" when redacted).
    pub fn shown_name(&self) -> &str {
        if self.redacted { PLACEHOLDER_NAME } else { &self.child }
    }

    pub fn range(&self) -> Range {
        Range { since: self.window.since, until: self.window.until }
    }

    /// The dates whose check-ins are exported.
    pub fn dates(&self) -> DateRange {
        DateRange { since: Some(self.window.since), until: Some(self.window.until) }
    }

    pub fn steps(&self) -> &[Step] {
        self.ladder.as_ref().map_or(&[], |l| l.steps.as_slice())
    }

    /// A summariser for the export's window; fed the check-ins of its `dates()` (the
    /// exported ones and those it is compared with), it gives the summary of what was
    /// exported.
    pub fn summariser(&self) -> Summariser<'_> {
        let notes = self.all_sessions.iter().map(|(date, note)| (*date, note.as_str()));
        let open = self.concerns.iter().filter(|c| c.resolved.is_none()).map(OpenConcern::of).collect();
        Summariser::new(self.window, self.ladder.as_ref())
            .with_concerns(open)
            .expecting(&self.school_days)
            .with_sessions(notes)
            .recording_since(self.first_checkin)
            .as_of(self.today)
    }

    /// A check-in as this export shows it: redacted, if asked.
    pub fn prepare(&self, mut checkin: CheckIn) -> CheckIn {
        if self.redacted {
            redact(&mut checkin, &self.child, &self.recorders);
        }
        checkin
    }
}

/// Leaves the child's name out (everywhere it stands as a word), and the names the parents
/// recorded under, and drops the note; the id and the wins, strategies and steps the
/// clinician needs stay.
fn redact(checkin: &mut CheckIn, name: &str, recorders: &[String]) {
    let own = checkin.recorded_by.take();
    let recorders: Vec<String> = recorders.iter().cloned().chain(own.iter().cloned()).collect();
    let hide = |text: &mut String| *text = hide_names(text, name, &recorders);
    checkin.child = PLACEHOLDER_NAME.to_string();
    checkin.note.clear();
    checkin.recorded_by = own.map(|_| PLACEHOLDER_RECORDER.to_string());
    checkin
        .body
        .iter_mut()
        .chain(&mut checkin.helped)
        .chain(&mut checkin.wins)
        .chain(&mut checkin.for_me)
        .for_each(hide);
    checkin.next_step.iter_mut().for_each(hide);
    if let Some(step) = &mut checkin.step {
        hide(&mut step.text);
    }
}

/// `text` with the child's name put as "Child" and each recorder's as "Parent".
fn hide_names(text: &str, child: &str, recorders: &[String]) -> String {
    let mut text = without_name(text, child);
    for recorder in recorders {
        text = replace_name(&text, recorder, PLACEHOLDER_RECORDER);
    }
    text
}

/// `text` with each word of `name` (case-insensitively, as a whole word) replaced by "Child".
pub fn without_name(text: &str, name: &str) -> String {
    replace_name(text, name, PLACEHOLDER_NAME)
}

/// `text` with each word of `name` (case-insensitively, as a whole word) replaced by `with`.
fn replace_name(text: &str, name: &str, with: &str) -> String {
    let name_words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(crate::text::folded).collect();
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if name_words.contains(&crate::text::folded(word)) {
            out.push_str(with);
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

    #[test]
    fn every_text_a_clinician_gets_loses_the_name() {
        let mut checkin: CheckIn = serde_json::from_value(serde_json::json!({
            "id": "c0ffee00-0000-4000-8000-000000000001", "child": "Sam", "date": "2026-11-20",
            "period": "evening", "created_at": "2026-11-20T19:00:00+11:00",
            "updated_at": "2026-11-20T19:00:00+11:00", "alarm": 3, "peak_alarm": null,
            "body": ["Sam's tummy"], "helped": ["hug from sam"], "wins": ["SAM laughed"], "school": null,
            "step": {"id": "c0ffee00-0000-4000-8000-000000000002", "text": "Sam at the gate"},
            "next_step": "Sam walks in", "note": "Sam said a lot", "recorded_by": "Mum",
            "for_me": ["stayed with Sam"]
        }))
        .unwrap();
        checkin.for_me.push("Rosalind and I argued".into());
        redact(&mut checkin, "Sam", &["Rosalind".to_string()]);
        assert_eq!(checkin.recorded_by.as_deref(), Some(PLACEHOLDER_RECORDER));
        assert_eq!(checkin.for_me[1], "Parent and I argued");
        let text = serde_json::to_string(&checkin).unwrap();
        assert!(!text.to_lowercase().contains("sam"), "{text}");
        assert_eq!(checkin.next_step.as_deref(), Some("Child walks in"));
        assert_eq!(checkin.note, "");
    }
}
