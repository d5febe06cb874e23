//! Safety concerns: something the child said or did that a parent wants a professional to
//! hear about first, kept at the top of every summary and export until it is resolved.
//! Also the short list of words that often signal risk, which make srt ask whether a note
//! is a concern. srt never decides that itself: it asks, and the parent answers.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Record, Rules, check_date, check_id, check_recorder, check_time, rfc3339, ymd};
use crate::text::Field;

/// The line shown beside every open concern, in every summary and export.
pub const SAFETY_LINE: &str = "If you are worried about your child's safety right now, contact your clinician \
                               or emergency services now; do not wait for the next appointment.";

/// A safety concern: what the parent heard or saw, in their words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concern {
    pub id: String,
    pub child: String,
    /// The day it was said or seen.
    #[serde(deserialize_with = "ymd::date")]
    pub date: NaiveDate,
    pub text: String,
    /// The check-in whose note it is, when it was marked from a note.
    pub checkin: Option<String>,
    pub recorded_by: Option<String>,
    #[serde(deserialize_with = "rfc3339::fixed")]
    pub created_at: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::fixed")]
    pub updated_at: DateTime<FixedOffset>,
    /// How it was followed up; `None` while it is open.
    pub resolved: Option<Resolution>,
}

/// A concern talked over with a professional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// The day it was marked resolved.
    #[serde(deserialize_with = "ymd::date")]
    pub date: NaiveDate,
    /// With whom and when it was talked over, in the parent's words.
    pub note: String,
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConcernStatus {
    Open,
    Resolved,
}

impl ConcernStatus {
    pub fn name(self) -> &'static str {
        match self {
            ConcernStatus::Open => "open",
            ConcernStatus::Resolved => "resolved",
        }
    }
}

impl Concern {
    pub fn status(&self) -> ConcernStatus {
        if self.resolved.is_some() { ConcernStatus::Resolved } else { ConcernStatus::Open }
    }

    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }

    pub fn is_about(&self, child: &str) -> bool {
        crate::text::same_words(&self.child, child)
    }
}

impl Record for Concern {
    fn check_by(&self, rules: Rules) -> Result<(), String> {
        check_id(&self.id)?;
        if let Some(checkin) = &self.checkin {
            check_id(checkin).map_err(|why| format!("its check-in: {why}"))?;
        }
        check_date(self.date)?;
        check_time(self.created_at.to_utc())?;
        check_time(self.updated_at.to_utc())?;
        if self.updated_at < self.created_at {
            return Err("it says it was changed before it was first written".into());
        }
        if self.child.trim().is_empty() {
            return Err("a concern needs a child's name".into());
        }
        rules.text(Field::ChildName, &self.child)?;
        if self.text.trim().is_empty() {
            return Err("a concern needs its words: what was said or seen".into());
        }
        rules.text(Field::Note, &self.text)?;
        for recorder in [self.recorded_by.as_deref(), self.resolved.as_ref().and_then(|r| r.recorded_by.as_deref())] {
            recorder.map(check_recorder).transpose()?;
        }
        if let Some(resolution) = &self.resolved {
            check_date(resolution.date)?;
            if resolution.date < self.date {
                return Err(format!(
                    "it says it was resolved on {}, before it was noted on {}",
                    resolution.date, self.date
                ));
            }
            if resolution.note.trim().is_empty() {
                return Err("a resolved concern says how it was followed up".into());
            }
            rules.text(Field::Note, &resolution.note)?;
        }
        Ok(())
    }
}

/// A concern as `srt concern list --json` and the export show it, and `srt import` reads
/// it: with its status, and with its words left out (null) in a redacted export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcernEntry {
    pub id: String,
    pub child: String,
    #[serde(deserialize_with = "ymd::date")]
    pub date: NaiveDate,
    pub text: Option<String>,
    pub status: ConcernStatus,
    pub checkin: Option<String>,
    pub recorded_by: Option<String>,
    #[serde(deserialize_with = "rfc3339::fixed")]
    pub created_at: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339::fixed")]
    pub updated_at: DateTime<FixedOffset>,
    pub resolved: Option<ResolutionEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionEntry {
    #[serde(deserialize_with = "ymd::date")]
    pub date: NaiveDate,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
}

impl ConcernEntry {
    pub fn of(concern: &Concern) -> Self {
        ConcernEntry {
            id: concern.id.clone(),
            child: concern.child.clone(),
            date: concern.date,
            text: Some(concern.text.clone()),
            status: concern.status(),
            checkin: concern.checkin.clone(),
            recorded_by: concern.recorded_by.clone(),
            created_at: concern.created_at,
            updated_at: concern.updated_at,
            resolved: concern.resolved.as_ref().map(|r| ResolutionEntry {
                date: r.date,
                note: Some(r.note.clone()),
                recorded_by: r.recorded_by.clone(),
            }),
        }
    }

    /// The concern an export's entry holds; a redacted entry, without its words, is none.
    pub fn into_concern(self) -> Result<Concern, String> {
        let Some(text) = self.text else {
            return Err("it has no words (a redacted export cannot be imported)".into());
        };
        let resolved = match self.resolved {
            Some(ResolutionEntry { date, note: Some(note), recorded_by }) => {
                Some(Resolution { date, note, recorded_by })
            }
            Some(ResolutionEntry { note: None, .. }) => {
                return Err("its resolution has no note (a redacted export cannot be imported)".into());
            }
            None => None,
        };
        let concern = Concern {
            id: self.id,
            child: self.child,
            date: self.date,
            text,
            checkin: self.checkin,
            recorded_by: self.recorded_by,
            created_at: self.created_at,
            updated_at: self.updated_at,
            resolved,
        };
        if concern.status() != self.status {
            return Err(format!(
                "its status is \"{}\", but it {} resolved",
                self.status.name(),
                if concern.is_open() { "has not been" } else { "has been" }
            ));
        }
        Ok(concern)
    }
}

/// An open concern as the summary shows it, first: `text` is null in a redacted export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenConcern {
    pub id: String,
    pub date: NaiveDate,
    pub text: Option<String>,
    pub status: ConcernStatus,
}

impl OpenConcern {
    /// As an export shows it (its words null when redacted).
    pub fn of(entry: &ConcernEntry) -> Self {
        OpenConcern { id: entry.id.clone(), date: entry.date, text: entry.text.clone(), status: entry.status }
    }
}

impl From<&Concern> for OpenConcern {
    fn from(concern: &Concern) -> Self {
        OpenConcern {
            id: concern.id.clone(),
            date: concern.date,
            text: Some(concern.text.clone()),
            status: concern.status(),
        }
    }
}

impl ConcernEntry {
    /// The entry as a redacted export shows it: the fact and the date, not the words or
    /// who wrote them.
    pub fn redact(&mut self, child: &str, parent: &str) {
        self.child = child.to_string();
        self.text = None;
        self.recorded_by = self.recorded_by.as_ref().map(|_| parent.to_string());
        if let Some(resolution) = &mut self.resolved {
            resolution.note = None;
            resolution.recorded_by = resolution.recorded_by.as_ref().map(|_| parent.to_string());
        }
    }
}

/// Words that often signal that a child is thinking about dying or hurting themselves.
/// Each pattern is a run of words, each slot listing the forms it may take (`|`); a note
/// matches when its words, in lower case after NFC with curly apostrophes made straight,
/// contain the run. The list is short and cautious on purpose: it only makes srt ask.
pub const RISK_PATTERNS: &[&str] = &[
    "want|wants|wanted|wanting|wanna to die",
    "want|wants|wanted|wanting to be dead",
    "wish|wishes|wished|wishing i|she|he|they|you was|were|be dead",
    "wasn't|weren't|wasnt|werent|not alive",
    "don't|dont|doesn't|doesnt|didn't|didnt|not|never want|wants|wanted|wanting to live",
    "don't|dont|doesn't|doesnt|didn't|didnt|not|never want|wants|wanted|wanting to be alive",
    "no reason to live",
    "better off dead",
    "better off without me",
    "kill|kills|killing|hurt|hurts|hurting|harm|harms|harming|cut|cuts|cutting myself|herself|himself|themselves|themself|yourself",
    "end|ending my|her|his|their life",
    "end it all",
    "never wake up",
    "suicide",
    "suicidal",
    "self harm|harming|harmed",
];

/// The risk patterns `text` matches, as the words it had (empty: none).
pub fn risk_words(text: &str) -> Vec<String> {
    let mut lowered = crate::text::folded(text);
    lowered = lowered.replace(['\u{2019}', '\u{2018}', '\u{02bc}'], "'");
    let words: Vec<&str> = lowered
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for pattern in RISK_PATTERNS {
        let slots: Vec<Vec<&str>> = pattern.split(' ').map(|slot| slot.split('|').collect()).collect();
        if let Some(start) = (0..words.len()).find(|&start| {
            slots.len() <= words.len() - start
                && slots.iter().zip(&words[start..]).all(|(forms, word)| forms.contains(word))
        }) {
            found.push(words[start..start + slots.len()].join(" "));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_with_words_of_risk_is_found() {
        for (note, words) in [
            ("at dinner she said 'sometimes I wish I wasn't alive, then I wouldn't have to go'", "wasn't alive"),
            ("He said he WANTS TO DIE", "wants to die"),
            ("she said she doesn\u{2019}t want to live any more", "doesn't want to live"),
            ("talked about hurting herself", "hurting herself"),
            ("says everyone would be better off without me", "better off without me"),
            ("mentioned suicide at bedtime", "suicide"),
            ("a bit of self-harm talk", "self harm"),
            ("wish I was dead, she yelled", "wish i was dead"),
        ] {
            assert_eq!(risk_words(note), [words], "{note}");
        }
    }

    #[test]
    fn an_ordinary_note_is_not_a_concern() {
        for note in [
            "",
            "stomach ache before the car, went in at 10",
            "the phone battery was dead so we were late",
            "she said she'd die of embarrassment if I walked her in",
            "hurt her knee at football",
            "I want to be calmer myself",
            "Kill the lights at 8",
        ] {
            assert!(risk_words(note).is_empty(), "{note}: {:?}", risk_words(note));
        }
    }
}
