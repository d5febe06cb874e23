//! Records as any version of srt wrote them, and how each reads today. srt never rewrites
//! an old line to migrate it: every older form is read as it stands, by these rules.
//!
//! - Version 1 check-ins have `recorded_at` (when that revision was written) instead of
//!   `created_at` and `updated_at`: the first revision's `recorded_at` becomes `created_at`,
//!   the latest one's `updated_at`.
//! - Version 1 check-ins name their brave step by its number on the ladder, and version 1
//!   ladders are lists of words. A number means the step at that place on the ladder in
//!   force when that number was written (never today's ladder): at the earliest revision
//!   of the record that has it, as an edit that changed something else carried the number
//!   over unchanged. A step of a version 1 ladder gets an id made from the child's name and
//!   its words, the same on every device.
//! - Version 2 and 3 check-ins say how school went as one word: `full`, `partial`,
//!   `late`, `absent` or `none`. Today a school day is an outcome with its details; those
//!   words read as the outcome alone, `partial` and `late` both as `part`, and an `absent`
//!   day with no reason given.
//! - Version 4 check-ins have no `recorded_by`, `own_rating`, `parent_calm` or `for_me`:
//!   they read as not said.
//! - Version 5 check-ins and version 2 and later ladders are the current model, as written.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use uuid::Uuid;

use super::{
    CheckIn, CheckInAnswers, Ladder, Period, Record, Rules, School, SchoolDay, Step, Voices, check_time, rfc3339, ymd,
};
use crate::text::{folded, to_nfc};

/// The format version srt writes; every version from 1 up to it reads.
pub const CURRENT: u32 = 5;

/// Makes the ids of steps that were written before steps had ids.
const LEGACY_STEPS: Uuid = Uuid::from_u128(0x5e7e_9a11_0b1d_4c1e_9d2a_7a3c_0f5e_a11d);

/// A brave step of a version 1 ladder, by its words.
pub fn legacy_step(child: &str, text: String) -> Step {
    let name = format!("step/{}/{}", folded(child), folded(&text));
    Step { id: Uuid::new_v5(&LEGACY_STEPS, name.as_bytes()).to_string(), text }
}

/// A version 1 step number that was on no ladder when it was written: all the parent said
/// was "step N", so that is what it stays.
pub fn unladdered_step(child: &str, number: u32) -> Step {
    let name = format!("number/{}/{number}", folded(child));
    Step { id: Uuid::new_v5(&LEGACY_STEPS, name.as_bytes()).to_string(), text: format!("step {number}") }
}

/// A check-in in any version's form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnyCheckIn {
    id: String,
    child: String,
    #[serde(deserialize_with = "ymd::date")]
    date: NaiveDate,
    period: Period,
    #[serde(default, deserialize_with = "rfc3339::some_fixed")]
    recorded_at: Option<DateTime<FixedOffset>>,
    #[serde(default, deserialize_with = "rfc3339::some_fixed")]
    created_at: Option<DateTime<FixedOffset>>,
    #[serde(default, deserialize_with = "rfc3339::some_fixed")]
    updated_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    recorded_by: Option<String>,
    alarm: u8,
    peak_alarm: Option<u8>,
    #[serde(default)]
    own_rating: Option<u8>,
    body: Vec<String>,
    helped: Vec<String>,
    wins: Vec<String>,
    school: Option<AnySchool>,
    step: Option<AnyStep>,
    next_step: Option<String>,
    #[serde(default)]
    parent_calm: Option<u8>,
    #[serde(default)]
    for_me: Vec<String>,
    note: String,
    /// The earliest time any revision of this record says it was written, among those seen.
    #[serde(skip)]
    first_written: Option<DateTime<FixedOffset>>,
    /// For a version 1 step number: when the earliest revision seen with the same number was
    /// stamped, which is when the number was chosen.
    #[serde(skip)]
    step_since: Option<DateTime<Utc>>,
}

/// How school went: one word (versions 1 to 3) or a school day (version 4).
#[derive(Debug, Clone, Copy)]
enum AnySchool {
    Word(School),
    Day(SchoolDay),
}

impl AnySchool {
    fn day(self) -> SchoolDay {
        match self {
            AnySchool::Word(outcome) => SchoolDay::of(outcome),
            AnySchool::Day(day) => day,
        }
    }
}

impl<'de> Deserialize<'de> for AnySchool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SchoolVisitor;
        impl<'de> Visitor<'de> for SchoolVisitor {
            type Value = AnySchool;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("how school went: a word, or a school day with its outcome")
            }
            fn visit_str<E: de::Error>(self, word: &str) -> Result<AnySchool, E> {
                School::from_older(word).map(AnySchool::Word).ok_or_else(|| {
                    E::custom(format!(
                        "'{}' is not how school went: a version 1 to 3 record says full, partial, late, absent \
                         or none, and a version 4 record an object with its outcome, like {{\"outcome\": \"part\"}}",
                        word.escape_debug()
                    ))
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AnySchool, A::Error> {
                SchoolDay::deserialize(de::value::MapAccessDeserializer::new(map)).map(AnySchool::Day)
            }
        }
        deserializer.deserialize_any(SchoolVisitor)
    }
}

/// A check-in's brave step: a number (version 1) or a step (version 2).
#[derive(Debug, Clone)]
enum AnyStep {
    Number(u32),
    Step(Step),
}

impl<'de> Deserialize<'de> for AnyStep {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StepVisitor;
        impl<'de> Visitor<'de> for StepVisitor {
            type Value = AnyStep;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a step number or a step with an id and words")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<AnyStep, E> {
                u32::try_from(n)
                    .ok()
                    .filter(|&n| n >= 1)
                    .map(AnyStep::Number)
                    .ok_or_else(|| E::custom("brave steps count from 1"))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<AnyStep, E> {
                Err(E::custom("brave steps count from 1"))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AnyStep, A::Error> {
                Step::deserialize(de::value::MapAccessDeserializer::new(map)).map(AnyStep::Step)
            }
        }
        deserializer.deserialize_any(StepVisitor)
    }
}

impl AnyCheckIn {
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn child(&self) -> &str {
        &self.child
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }

    pub fn period(&self) -> Period {
        self.period
    }

    /// When this revision was written.
    pub fn changed_at(&self) -> Option<DateTime<FixedOffset>> {
        self.updated_at.or(self.recorded_at)
    }

    /// Whether this record has the form of `version`, and obeys a check-in's rules.
    pub fn check(&self, version: u32) -> Result<(), String> {
        let fits = match version {
            1 => {
                self.recorded_at.is_some()
                    && self.created_at.is_none()
                    && self.updated_at.is_none()
                    && !matches!(self.step, Some(AnyStep::Step(_)))
            }
            _ => {
                self.recorded_at.is_none()
                    && self.created_at.is_some()
                    && self.updated_at.is_some()
                    && !matches!(self.step, Some(AnyStep::Number(_)))
            }
        };
        if !fits {
            let expected = match version {
                1 => "`recorded_at` (not `created_at` or `updated_at`), and a brave step, if any, as a number",
                _ => "`created_at` and `updated_at` (not `recorded_at`), and a brave step, if any, as an id and words",
            };
            return Err(format!("a version {version} check-in should have {expected}"));
        }
        match (version, self.school) {
            (..=3, Some(AnySchool::Day(_))) => {
                return Err(format!("a version {version} check-in says how school went in one word"));
            }
            (4.., Some(AnySchool::Word(_))) => {
                return Err(format!("a version {version} check-in says how school went as an object with its outcome"));
            }
            _ => {}
        }
        let voices = self.recorded_by.is_some() || self.own_rating.is_some() || self.parent_calm.is_some();
        if version <= 4 && (voices || !self.for_me.is_empty()) {
            return Err(format!(
                "a version {version} check-in has no recorded_by, own_rating, parent_calm or for_me (version 5 added them)"
            ));
        }
        let step = match &self.step {
            Some(AnyStep::Step(step)) => Some(step),
            _ => None,
        };
        for at in [self.recorded_at, self.created_at, self.updated_at].into_iter().flatten() {
            check_time(at.to_utc())?;
        }
        CheckInAnswers {
            child: &self.child,
            date: self.date,
            period: self.period,
            alarm: self.alarm,
            peak_alarm: self.peak_alarm,
            school: self.school.map(AnySchool::day),
            step,
            lists: [&self.body, &self.helped, &self.wins, &self.for_me],
            next_step: self.next_step.as_deref(),
            note: &self.note,
            voices: Voices {
                recorded_by: self.recorded_by.as_deref(),
                own_rating: self.own_rating,
                parent_calm: self.parent_calm,
            },
        }
        .check(Rules::of_version(version))
    }

    /// When this revision says the record was first written.
    fn first(&self) -> Option<DateTime<FixedOffset>> {
        let own = self.created_at.or(self.recorded_at);
        match (own, self.first_written) {
            (Some(own), Some(seen)) => Some(own.min(seen)),
            (own, seen) => own.or(seen),
        }
    }

    /// Takes in what another revision of the same record knows: when it was first written,
    /// and when the step number both have was chosen. `at` and `other_at` are the two
    /// revisions' stamps.
    pub fn remember(&mut self, at: DateTime<Utc>, other: &AnyCheckIn, other_at: DateTime<Utc>) {
        if let Some(first) = other.first() {
            self.first_written = Some(self.first_written.map_or(first, |mine| mine.min(first)));
        }
        if let (Some(mine), Some(theirs)) = (self.step_number(), other.step_number())
            && mine == theirs
        {
            let since = other.step_since.unwrap_or(other_at);
            self.step_since = Some(self.step_since.unwrap_or(at).min(since));
        }
    }

    /// When this revision's step number was chosen, if another revision told (else when
    /// this revision was written).
    pub fn step_chosen_at(&self) -> Option<DateTime<Utc>> {
        self.step_since
    }

    /// Whether its step is a version 1 number, which `into_checkin` needs a ladder to read.
    pub fn step_number(&self) -> Option<u32> {
        match self.step {
            Some(AnyStep::Number(n)) => Some(n),
            _ => None,
        }
    }

    /// The check-in as it reads today. `step_numbered(child, n)` is the step a version 1
    /// number meant; it is called only for such a number.
    pub fn into_checkin(self, step_numbered: impl FnOnce(&str, u32) -> Step) -> CheckIn {
        let recorded = self.recorded_at.or(self.updated_at).expect("checked: every version has a time");
        let created_at = match self.created_at {
            Some(created) => created,
            None => self.first_written.map_or(recorded, |first| first.min(recorded)),
        };
        let step = match self.step {
            Some(AnyStep::Number(n)) => Some(step_numbered(&self.child, n)),
            Some(AnyStep::Step(step)) => Some(step),
            None => None,
        };
        let mut checkin = CheckIn {
            id: self.id,
            child: self.child,
            date: self.date,
            period: self.period,
            created_at,
            updated_at: self.updated_at.unwrap_or(recorded),
            recorded_by: self.recorded_by,
            alarm: self.alarm,
            peak_alarm: self.peak_alarm,
            own_rating: self.own_rating,
            body: self.body,
            helped: self.helped,
            wins: self.wins,
            school: self.school.map(AnySchool::day),
            step,
            next_step: self.next_step,
            parent_calm: self.parent_calm,
            for_me: self.for_me,
            note: self.note,
        };
        checkin.normalise();
        checkin
    }
}

/// A ladder in any version's form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnyLadder {
    child: String,
    steps: Vec<AnyLadderStep>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum AnyLadderStep {
    Words(String),
    Step(Step),
}

impl AnyLadder {
    pub fn child(&self) -> &str {
        &self.child
    }

    pub fn check(&self, version: u32) -> Result<(), String> {
        let fits = self
            .steps
            .iter()
            .all(|s| matches!((version, s), (1, AnyLadderStep::Words(_)) | (2.., AnyLadderStep::Step(_))));
        if !fits {
            let expected = if version == 1 { "its steps as words" } else { "its steps as ids and words" };
            return Err(format!("a version {version} ladder should have {expected}"));
        }
        self.clone().into_ladder().check_by(Rules::of_version(version))
    }

    pub fn into_ladder(self) -> Ladder {
        let child = self.child;
        let steps = self
            .steps
            .into_iter()
            .map(|step| match step {
                AnyLadderStep::Words(text) => legacy_step(&child, text),
                AnyLadderStep::Step(step) => step,
            })
            .collect();
        let mut ladder = Ladder { child, steps };
        ladder.normalise();
        ladder
    }
}

/// Text as it is kept: Unicode NFC, so the same word typed two ways is one word.
pub trait Normalise {
    fn normalise(&mut self);
}

impl Normalise for CheckIn {
    fn normalise(&mut self) {
        to_nfc(&mut self.child);
        self.body.iter_mut().chain(&mut self.helped).chain(&mut self.wins).chain(&mut self.for_me).for_each(to_nfc);
        self.next_step.iter_mut().chain(&mut self.recorded_by).for_each(to_nfc);
        to_nfc(&mut self.note);
        if let Some(step) = &mut self.step {
            to_nfc(&mut step.text);
        }
    }
}

impl Normalise for Ladder {
    fn normalise(&mut self) {
        to_nfc(&mut self.child);
        self.steps.iter_mut().for_each(|s| to_nfc(&mut s.text));
    }
}

impl Normalise for super::Child {
    fn normalise(&mut self) {
        to_nfc(&mut self.name);
    }
}

impl Normalise for super::Session {
    fn normalise(&mut self) {
        to_nfc(&mut self.child);
        to_nfc(&mut self.note);
        self.recorded_by.iter_mut().for_each(to_nfc);
    }
}

impl Normalise for super::Concern {
    fn normalise(&mut self) {
        to_nfc(&mut self.child);
        to_nfc(&mut self.text);
        self.recorded_by.iter_mut().for_each(to_nfc);
        if let Some(resolution) = &mut self.resolved {
            to_nfc(&mut resolution.note);
            resolution.recorded_by.iter_mut().for_each(to_nfc);
        }
    }
}

impl Normalise for super::Setting {
    fn normalise(&mut self) {
        to_nfc(&mut self.value);
    }
}

/// A version 1 check-in as an export file of version 1 holds it: read by the same rules,
/// with the steps of the file's ladder.
/// A step number beyond the file's ladder names no step srt could show, so it is refused.
pub fn checkin_from_v1_export(mut checkin: AnyCheckIn, ladder: &[Step]) -> Result<CheckIn, String> {
    checkin.check(1)?;
    if let Some(AnyStep::Number(n)) = checkin.step
        && n as usize > ladder.len()
    {
        return Err(format!("it reached step {n}, but the file's brave-steps ladder has {} steps", ladder.len()));
    }
    checkin.first_written = None;
    Ok(checkin.into_checkin(|child, n| match ladder.get(n as usize - 1) {
        Some(step) => step.clone(),
        None => unladdered_step(child, n),
    }))
}

/// A check-in of a version 2 or later export, as it reads today.
pub fn checkin_from_export(checkin: AnyCheckIn, version: u32) -> Result<CheckIn, String> {
    checkin.check(version)?;
    Ok(checkin.into_checkin(|_, _| unreachable!("checked: a version {version} check-in names its step by id")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1_line(step: &str) -> AnyCheckIn {
        serde_json::from_str(&format!(
            r#"{{"id":"c0ffee00-0000-4000-8000-000000000001","child":"Sam","date":"2026-11-02","period":"morning","recorded_at":"2026-11-02T07:45:00+11:00","alarm":6,"peak_alarm":null,"body":[],"helped":[],"wins":["cafe\u0301"],"school":null,"step":{step},"next_step":null,"note":""}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_version_1_check_in_reads_with_its_first_time_and_the_step_it_meant() {
        let mut latest = v1_line("2");
        latest.recorded_at = Some(DateTime::parse_from_rfc3339("2026-11-03T21:00:00+11:00").unwrap());
        let (then, now) =
            (latest.recorded_at.unwrap().to_utc() - chrono::TimeDelta::days(1), latest.recorded_at.unwrap().to_utc());
        latest.remember(now, &v1_line("2"), then);
        assert_eq!(latest.step_chosen_at(), Some(then), "the number was carried over from the first revision");
        let mut changed = v1_line("3");
        changed.remember(now, &v1_line("2"), then);
        assert_eq!(changed.step_chosen_at(), None, "a new number was chosen when it was written");
        assert!(latest.check(1).is_ok());
        assert_eq!(latest.step_number(), Some(2));
        let step = Step::new("drive past school".into());
        let checkin = latest.into_checkin(|child, n| {
            assert_eq!((child, n), ("Sam", 2));
            step.clone()
        });
        assert_eq!(checkin.created_at.to_rfc3339(), "2026-11-02T07:45:00+11:00");
        assert_eq!(checkin.updated_at.to_rfc3339(), "2026-11-03T21:00:00+11:00");
        assert_eq!(checkin.step, Some(step));
        assert_eq!(checkin.wins, ["café"], "read as NFC");
    }

    #[test]
    fn each_version_has_its_own_form() {
        assert!(v1_line("2").check(2).unwrap_err().contains("version 2 check-in should have `created_at`"));
        let zero = r#"{"id":"c0ffee00-0000-4000-8000-000000000001","child":"Sam","date":"2026-11-02","period":"morning","recorded_at":"2026-11-02T07:45:00+11:00","alarm":6,"peak_alarm":null,"body":[],"helped":[],"wins":[],"school":null,"step":0,"next_step":null,"note":""}"#;
        assert!(serde_json::from_str::<AnyCheckIn>(zero).unwrap_err().to_string().contains("count from 1"));
        let ladder: AnyLadder = serde_json::from_str(r#"{"child":"Sam","steps":["uniform on","gate"]}"#).unwrap();
        assert!(ladder.check(1).is_ok());
        assert!(ladder.check(2).is_err());
        let ladder = ladder.into_ladder();
        assert_eq!(ladder.steps[1], legacy_step("sam", "gate".into()), "the same id wherever it is read");
    }

    #[test]
    fn a_number_on_no_ladder_stays_what_the_parent_said() {
        let step = unladdered_step("Alex", 5);
        assert_eq!(step.text, "step 5");
        assert_eq!(step, unladdered_step("alex", 5));
        assert_ne!(step.id, unladdered_step("Sam", 5).id);
    }
}
