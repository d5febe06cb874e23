//! The records srt keeps: plain data with their rules. How records written by older
//! versions of srt read today is in `upgrade`; how they are stored is the store's business.

pub mod concern;
pub mod school;
pub mod time;
pub mod upgrade;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::text::{Field, check_harmless, check_length, check_terminal_safe};

pub use concern::{
    Concern, ConcernEntry, ConcernStatus, OpenConcern, Resolution, ResolutionEntry, SAFETY_LINE, risk_words,
};
pub use school::{Lessons, Reason, School, SchoolDay};
pub use time::{rfc3339, ymd};

pub const MAX_ALARM: u8 = 10;
/// The most items a list of a check-in holds (body signals, what helped, small wins); a
/// parent ticks a handful, and every figure of the summary stays quick to count.
pub const MAX_LIST_ITEMS: usize = 50;
/// The most steps a brave-steps ladder holds.
pub const MAX_LADDER_STEPS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Morning,
    Evening,
}

impl Period {
    pub fn name(self) -> &'static str {
        match self {
            Period::Morning => "morning",
            Period::Evening => "evening",
        }
    }

    /// "a morning", "an evening".
    pub fn with_article(self) -> &'static str {
        match self {
            Period::Morning => "a morning",
            Period::Evening => "an evening",
        }
    }
}

/// One morning or evening check-in about one child on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    pub id: String,
    pub child: String,
    #[serde(deserialize_with = "ymd::date")]
    pub date: NaiveDate,
    pub period: Period,
    /// When it was first written; never moves, whatever is changed later.
    #[serde(deserialize_with = "rfc3339::fixed")]
    pub created_at: DateTime<FixedOffset>,
    /// When it was last changed.
    #[serde(deserialize_with = "rfc3339::fixed")]
    pub updated_at: DateTime<FixedOffset>,
    /// Who wrote it first (the config's `recorder` on that computer), if they said.
    #[serde(default)]
    pub recorded_by: Option<String>,
    /// The parent's rating of the child's alarm.
    pub alarm: u8,
    pub peak_alarm: Option<u8>,
    /// The child's own number, 0-10, if they gave one.
    #[serde(default)]
    pub own_rating: Option<u8>,
    pub body: Vec<String>,
    pub helped: Vec<String>,
    pub wins: Vec<String>,
    /// How the school day went (evenings only).
    pub school: Option<SchoolDay>,
    /// The brave step reached, by its identity and its words at the time.
    pub step: Option<Step>,
    pub next_step: Option<String>,
    /// How calm the parent felt, 0 (not at all) to 10 (completely), if asked.
    #[serde(default)]
    pub parent_calm: Option<u8>,
    /// What happened for the parent ("raised my voice", "I stayed calm").
    #[serde(default)]
    pub for_me: Vec<String>,
    pub note: String,
}

impl CheckIn {
    /// A check-in with no answers yet, first written `now`.
    pub fn blank(child: String, date: NaiveDate, period: Period, now: DateTime<FixedOffset>) -> Self {
        CheckIn {
            id: new_id(),
            child,
            date,
            period,
            created_at: now,
            updated_at: now,
            recorded_by: None,
            alarm: 0,
            peak_alarm: None,
            own_rating: None,
            body: Vec::new(),
            helped: Vec::new(),
            wins: Vec::new(),
            school: None,
            step: None,
            next_step: None,
            parent_calm: None,
            for_me: Vec::new(),
            note: String::new(),
        }
    }

    /// Whether this check-in is about the named child (names match case-insensitively).
    pub fn is_about(&self, child: &str) -> bool {
        crate::text::same_words(&self.child, child)
    }

    /// Whether two revisions say the same thing (their times aside).
    pub fn same_answers(&self, other: &CheckIn) -> bool {
        let times = |c: &CheckIn| CheckIn { created_at: other.created_at, updated_at: other.updated_at, ..c.clone() };
        times(self) == *other
    }
}

/// A step of a brave-steps ladder. Its id is given when the step is added and never
/// changes, so a check-in that reached it keeps meaning the same step however the ladder
/// is reordered, added to or reworded later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub text: String,
}

impl Step {
    /// A new step, with a new identity.
    pub fn new(text: String) -> Self {
        Self { id: new_id(), text }
    }
}

/// A brave step as a parent names it: its number on the ladder, or its words; or no step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepAnswer {
    Number(u32),
    Words(String),
    /// No brave step (clears one saved before).
    None,
}

/// Which rules a record is held to. Today's rules hold for everything new: typed, imported,
/// or read from a line of format version 3 or later (written by this srt, on any device).
/// A line written by an older srt is held to the rules of its time, which are what that srt
/// let in: a family's saved entries always read. Both keep text from driving a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// Format versions 1 and 2.
    Older,
    Current,
}

impl Rules {
    /// The rules of the line format `version`.
    pub fn of_version(version: u32) -> Self {
        if version >= 3 { Rules::Current } else { Rules::Older }
    }

    fn current(self) -> bool {
        self == Rules::Current
    }

    /// Whether `text` may be kept in `field`: under today's rules also its length, and no
    /// invisible tricks (see `text::check_harmless`).
    fn text(self, field: Field, text: &str) -> Result<(), String> {
        match self {
            Rules::Current => {
                check_harmless(field, text)?;
                check_length(field, text)
            }
            Rules::Older => check_terminal_safe(field, text),
        }
    }
}

/// A record kept in the journal: read back from any device's log or from a file, so
/// checked on the way in.
pub trait Record {
    /// Today's rules: for every record typed or imported.
    fn check(&self) -> Result<(), String> {
        self.check_by(Rules::Current)
    }

    /// The rules of `rules`' time.
    fn check_by(&self, rules: Rules) -> Result<(), String>;
}

impl Record for CheckIn {
    fn check_by(&self, rules: Rules) -> Result<(), String> {
        check_id(&self.id)?;
        check_time(self.created_at.to_utc())?;
        check_time(self.updated_at.to_utc())?;
        if rules.current() && self.updated_at < self.created_at {
            return Err("it says it was changed before it was first written".into());
        }
        CheckInAnswers {
            child: &self.child,
            date: self.date,
            period: self.period,
            alarm: self.alarm,
            peak_alarm: self.peak_alarm,
            school: self.school,
            step: self.step.as_ref(),
            lists: [&self.body, &self.helped, &self.wins, &self.for_me],
            next_step: self.next_step.as_deref(),
            note: &self.note,
            voices: Voices {
                recorded_by: self.recorded_by.as_deref(),
                own_rating: self.own_rating,
                parent_calm: self.parent_calm,
            },
        }
        .check(rules)
    }
}

/// A check-in's answers, in whichever form it was read: the rules they obey (its id aside:
/// a log line's id is checked, and must be the record's).
pub(crate) struct CheckInAnswers<'a> {
    pub child: &'a str,
    pub date: NaiveDate,
    pub period: Period,
    pub alarm: u8,
    pub peak_alarm: Option<u8>,
    pub school: Option<SchoolDay>,
    pub step: Option<&'a Step>,
    /// Body signals, what helped, small wins, what happened for the parent.
    pub lists: [&'a [String]; 4],
    pub next_step: Option<&'a str>,
    pub note: &'a str,
    pub voices: Voices<'a>,
}

/// What a check-in says beyond the parent's rating of the child (format version 5 on).
#[derive(Default)]
pub(crate) struct Voices<'a> {
    pub recorded_by: Option<&'a str>,
    pub own_rating: Option<u8>,
    pub parent_calm: Option<u8>,
}

impl CheckInAnswers<'_> {
    pub fn check(&self, rules: Rules) -> Result<(), String> {
        let (alarm, peak_alarm) = (self.alarm, self.peak_alarm);
        if self.child.trim().is_empty() {
            return Err("a check-in needs a child's name".into());
        }
        rules.text(Field::ChildName, self.child)?;
        if alarm > MAX_ALARM || peak_alarm.is_some_and(|p| p > MAX_ALARM) {
            return Err("alarm levels run from 0 to 10".into());
        }
        if self.voices.own_rating.is_some_and(|n| n > MAX_ALARM) {
            return Err("the child's own number runs from 0 to 10".into());
        }
        if self.voices.parent_calm.is_some_and(|n| n > MAX_ALARM) {
            return Err("the parent's calm runs from 0 to 10".into());
        }
        if let Some(recorder) = self.voices.recorded_by {
            check_recorder(recorder)?;
        }
        if let Some(peak) = peak_alarm
            && peak < alarm
        {
            return Err(format!("the highest alarm of the day ({peak}) is below the alarm now ({alarm})"));
        }
        if let Some(school) = self.school {
            school.check()?;
        }
        if let Some(step) = self.step {
            check_id(&step.id).map_err(|why| format!("its brave step: {why}"))?;
            if step.text.trim().is_empty() {
                return Err("its brave step has no words".into());
            }
            rules.text(Field::Step, &step.text)?;
        }
        if rules.current() {
            check_date(self.date)?;
            let evening_only = peak_alarm.is_some() || self.school.is_some() || self.next_step.is_some();
            if self.period == Period::Morning && evening_only {
                return Err(
                    "a morning check-in has a peak alarm, school or next step, which only an evening has".into()
                );
            }
        }
        for (list, name) in
            self.lists.into_iter().zip(["body signals", "what helped", "small wins", "what happened for you"])
        {
            if rules.current() && list.len() > MAX_LIST_ITEMS {
                return Err(format!("{name} has {} items; the limit is {MAX_LIST_ITEMS}", list.len()));
            }
            for item in list {
                rules.text(Field::Item, item)?;
            }
        }
        if let Some(next) = self.next_step {
            rules.text(Field::NextStep, next)?;
        }
        rules.text(Field::Note, self.note)
    }
}

/// The rules for the name of who recorded: a short name, like a child's.
pub fn check_recorder(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("who recorded it is named by a word or two (e.g. Mum), not left empty".into());
    }
    Rules::Current.text(Field::Recorder, name)
}

/// A day's highest alarm, said in the evening, is at least that morning's alarm.
pub fn check_peak(morning_alarm: u8, peak: Option<u8>) -> Result<(), String> {
    match peak {
        Some(peak) if peak < morning_alarm => {
            Err(format!("the highest alarm of the day ({peak}) is below that morning's alarm ({morning_alarm})"))
        }
        _ => Ok(()),
    }
}

/// 9999-12-30T00:00:00Z in seconds since 1970: the first time no record or revision may
/// say it was written. No clock has shown one after; a line that says so was written by a
/// clock set wrong. srt never stamps one either (see `keeps_time`), so what it writes it
/// can read, whatever time the revision it follows claims.
const NO_CLOCK_YET: i64 = 253_402_128_000;

/// Whether `at` is a time srt keeps, before `NO_CLOCK_YET`: checked on every line read and
/// every revision stamped.
pub fn keeps_time(at: DateTime<Utc>) -> bool {
    at.timestamp() < NO_CLOCK_YET
}

pub fn check_time(at: DateTime<Utc>) -> Result<(), String> {
    if keeps_time(at) {
        return Ok(());
    }
    Err(format!(
        "it says it was written at {}, later than any clock has shown: the computer that wrote it had its clock set wrong",
        at.format("%Y-%m-%d %H:%M UTC")
    ))
}

/// The days srt keeps: those of years 1900 to 9999.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 9999;

pub fn check_date(date: NaiveDate) -> Result<(), String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(format!("its date {date} is outside the days srt keeps ({FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31)"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    pub id: String,
    pub name: String,
}

impl Record for Child {
    fn check_by(&self, rules: Rules) -> Result<(), String> {
        check_id(&self.id)?;
        if self.name.trim().is_empty() {
            return Err("a child needs a name".into());
        }
        rules.text(Field::ChildName, &self.name)
    }
}

/// A therapy appointment; the latest one sets where the summary starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: String,
    pub child: String,
    #[serde(deserialize_with = "ymd::date")]
    pub date: NaiveDate,
    pub note: String,
    /// Who added it (format version 5 on), if they said.
    #[serde(default)]
    pub recorded_by: Option<String>,
}

impl Record for Session {
    fn check_by(&self, rules: Rules) -> Result<(), String> {
        check_id(&self.id)?;
        if rules.current() {
            check_date(self.date)?;
        }
        if self.child.trim().is_empty() {
            return Err("a session needs a child's name".into());
        }
        rules.text(Field::ChildName, &self.child)?;
        if let Some(recorder) = &self.recorded_by {
            check_recorder(recorder)?;
        }
        rules.text(Field::Note, &self.note)
    }
}

/// A child's brave-steps ladder, easiest first; step numbers count from 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    pub child: String,
    pub steps: Vec<Step>,
}

impl Ladder {
    /// The record id of a child's ladder: one ladder per child, whichever device wrote it.
    pub fn id_for(child: &str) -> String {
        format!("ladder:{}", crate::text::folded(child))
    }

    /// Step `number` (1-based), if the ladder has it.
    pub fn step(&self, number: u32) -> Option<&Step> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.steps.get(index)
    }

    /// Where the step with this id stands on the ladder now, counting from 1.
    pub fn position(&self, step_id: &str) -> Option<u32> {
        self.steps.iter().position(|s| s.id == step_id).map(|i| i as u32 + 1)
    }

    /// The step with these words (case-insensitively).
    pub fn step_called(&self, text: &str) -> Option<&Step> {
        self.steps.iter().find(|s| crate::text::same_words(&s.text, text))
    }

    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.steps.iter().map(|s| s.text.as_str())
    }
}

impl Record for Ladder {
    fn check_by(&self, rules: Rules) -> Result<(), String> {
        if self.child.trim().is_empty() {
            return Err("a ladder needs a child's name".into());
        }
        rules.text(Field::ChildName, &self.child)?;
        if rules.current() && self.steps.len() > MAX_LADDER_STEPS {
            return Err(format!("it has {} steps; the limit is {MAX_LADDER_STEPS}", self.steps.len()));
        }
        let mut ids = std::collections::HashSet::with_capacity(self.steps.len());
        let mut words = std::collections::HashSet::with_capacity(self.steps.len());
        for (index, step) in self.steps.iter().enumerate() {
            check_id(&step.id).map_err(|why| format!("step {}: {why}", index + 1))?;
            if step.text.trim().is_empty() {
                return Err(format!("step {} has no words", index + 1));
            }
            rules.text(Field::Step, &step.text)?;
            if !ids.insert(step.id.as_str()) {
                return Err(format!("step {} has the id of an earlier step", index + 1));
            }
            if rules.current() && !words.insert(crate::text::folded(&step.text)) {
                return Err(format!("step {} has the words of an earlier step", index + 1));
            }
        }
        Ok(())
    }
}

/// A family-wide setting, synced with the journal (e.g. the default child).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub name: String,
    pub value: String,
}

pub const DEFAULT_CHILD: &str = "default_child";

impl Record for Setting {
    fn check_by(&self, rules: Rules) -> Result<(), String> {
        if self.name != DEFAULT_CHILD {
            return Err(format!("'{}' is not a setting srt knows", crate::text::visible(&self.name, false)));
        }
        rules.text(Field::ChildName, &self.value)
    }
}

/// Dates to read, both ends inclusive; `None` is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl DateRange {
    pub fn day(date: NaiveDate) -> Self {
        Self { since: Some(date), until: Some(date) }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= date) && self.until.is_none_or(|until| date <= until)
    }
}

/// The name that stands for the child in a redacted export; no child may have it.
pub const PLACEHOLDER_NAME: &str = "Child";

pub fn is_placeholder_name(name: &str) -> bool {
    crate::text::same_words(name, PLACEHOLDER_NAME)
}

/// The rules for a child's name beyond those of any text.
pub fn check_child_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a child's name cannot be empty".into());
    }
    if is_placeholder_name(name) {
        return Err(format!(
            "\"{PLACEHOLDER_NAME}\" is the word srt puts in place of a name in redacted exports; please use a first name or a nickname"
        ));
    }
    Ok(())
}

/// A new record id: a random UUID.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Whether `id` has the form srt gives record ids: a UUID in lower-case hex with hyphens
/// (8-4-4-4-12). Ids reach the screen and file names, so nothing else is let in.
pub fn is_record_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    if bytes.len() != 36 || [bytes[8], bytes[13], bytes[18], bytes[23]] != [b'-'; 4] {
        return false;
    }
    // Every byte a lower-case hex digit or one of those four hyphens: folded without an
    // early exit, which reads every id line after line at little cost.
    let (plain, hyphens) = bytes.iter().fold((true, 0), |(plain, hyphens), &b| {
        let hex = b.is_ascii_digit() | (b.wrapping_sub(b'a') < 6);
        (plain & (hex | (b == b'-')), hyphens + usize::from(b == b'-'))
    });
    plain && hyphens == 4
}

/// The start of an id that is enough to name it.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

fn check_id(id: &str) -> Result<(), String> {
    if is_record_id(id) { Ok(()) } else { Err(format!("'{}' is not an srt id", crate::text::visible(id, false))) }
}

/// The word for an alarm level, from the feelings thermometer: 0 calm, 1-2 settled, 3-4
/// uneasy, 5-6 worried, 7-8 alarmed, 9-10 overwhelmed.
pub fn alarm_label(level: u8) -> &'static str {
    match level {
        0 => "calm",
        1..=2 => "settled",
        3..=4 => "uneasy",
        5..=6 => "worried",
        7..=8 => "alarmed",
        _ => "overwhelmed",
    }
}

/// Why a number given as a flag, an argument or a variable is not one srt takes: it must be
/// exactly its digits, as a space or a sign is refused rather than read past, so what is
/// saved is what was meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPlain {
    Empty,
    Spaces,
    Plus,
    Negative,
    NotDigits,
    /// Digits, more than a `u64` holds.
    TooBig,
}

impl NotPlain {
    /// What is wrong, for the cases every number shares; `None` for those its reader says.
    fn shared_reason(self) -> Option<&'static str> {
        match self {
            NotPlain::Empty => Some("it is empty"),
            NotPlain::Spaces => Some("take away the spaces around it"),
            NotPlain::Plus => Some("take away the plus sign"),
            NotPlain::Negative | NotPlain::NotDigits | NotPlain::TooBig => None,
        }
    }
}

/// A whole number written as exactly its digits.
pub fn plain_number(raw: &str) -> Result<u64, NotPlain> {
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if raw.is_empty() {
        Err(NotPlain::Empty)
    } else if raw.trim() != raw {
        Err(NotPlain::Spaces)
    } else if raw.starts_with('+') {
        Err(NotPlain::Plus)
    } else if raw.strip_prefix('-').is_some_and(digits) {
        Err(NotPlain::Negative)
    } else if !digits(raw) {
        Err(NotPlain::NotDigits)
    } else {
        raw.parse().map_err(|_| NotPlain::TooBig)
    }
}

/// Reads an alarm level given as a flag or argument: exactly its digits, 0 (calm) to 10
/// (overwhelmed). The interactive question trims what is typed before asking this.
pub fn parse_alarm(raw: &str) -> Result<u8, String> {
    const SCALE: &str = "levels run from 0 (calm) to 10 (overwhelmed)";
    let why = match plain_number(raw) {
        Ok(level) if level <= u64::from(MAX_ALARM) => return Ok(level as u8),
        Ok(_) | Err(NotPlain::TooBig) => format!("it is above 10; {SCALE}"),
        Err(NotPlain::Negative) => format!("it is below 0; {SCALE}"),
        Err(NotPlain::NotDigits) => "use a whole number from 0 (calm) to 10 (overwhelmed)".to_string(),
        Err(other) => format!("{}; {SCALE}", other.shared_reason().unwrap_or_default()),
    };
    Err(format!("'{}' is not an alarm level: {why}", crate::text::visible(raw, false)))
}

/// Reads a number 0-10 given as a flag for something other than the parent's alarm: the
/// child's own number (`--own`), the parent's calm (`--my-calm`).
pub fn parse_rating(raw: &str, what: &str, scale: &str) -> Result<u8, String> {
    let why = match plain_number(raw) {
        Ok(level) if level <= u64::from(MAX_ALARM) => return Ok(level as u8),
        Ok(_) | Err(NotPlain::TooBig) => format!("it is above 10; {scale}"),
        Err(NotPlain::Negative) => format!("it is below 0; {scale}"),
        Err(NotPlain::NotDigits) => format!("use a whole number; {scale}"),
        Err(other) => format!("{}; {scale}", other.shared_reason().unwrap_or_default()),
    };
    Err(format!("'{}' is not {what}: {why}", crate::text::visible(raw, false)))
}

/// The child's own number, as `--own` gives it.
pub fn parse_own_rating(raw: &str) -> Result<u8, String> {
    parse_rating(raw, "the child's own number", "their scale runs from 0 (calm) to 10 (the most worried)")
}

/// How calm the parent was, as `--my-calm` gives it.
pub fn parse_parent_calm(raw: &str) -> Result<u8, String> {
    parse_rating(raw, "a level of calm", "it runs from 0 (not calm at all) to 10 (completely calm)")
}

/// Reads a step's place on the ladder given as a flag or argument: exactly its digits,
/// counting from 1.
pub fn parse_step_number(raw: &str) -> Result<u32, String> {
    const COUNT: &str = "steps count from 1 (the easiest)";
    let why = match plain_number(raw) {
        Ok(0) | Err(NotPlain::Negative) => format!("it is below 1; {COUNT}"),
        Ok(number) => match u32::try_from(number) {
            Ok(number) => return Ok(number),
            Err(_) => format!("a ladder has at most {MAX_LADDER_STEPS} steps"),
        },
        Err(NotPlain::TooBig) => format!("a ladder has at most {MAX_LADDER_STEPS} steps"),
        Err(NotPlain::NotDigits) => format!("use a whole number; {COUNT}"),
        Err(other) => format!("{}; {COUNT}", other.shared_reason().unwrap_or_default()),
    };
    Err(format!("'{}' is not a step number: {why}", crate::text::visible(raw, false)))
}

/// Whether `raw` is an attempt at a step number (digits, perhaps with a sign or spaces
/// around them) rather than a step's words: such text is read as a number or refused,
/// never taken for words. Words may start with a digit ("5 minutes in class").
pub fn looks_like_step_number(raw: &str) -> bool {
    let trimmed = raw.trim();
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed).trim_start();
    !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a brave step named on the command line: its number on the ladder (exactly its
/// digits) or its words.
pub fn parse_step_answer(raw: &str) -> Result<StepAnswer, String> {
    if looks_like_step_number(raw) {
        return parse_step_number(raw).map(StepAnswer::Number);
    }
    let words = crate::text::clean(Field::Step, raw)?;
    if words.is_empty() {
        return Err("a step is named by its number on the ladder or its words".into());
    }
    Ok(StepAnswer::Words(words))
}

/// Reads a calendar date given as a flag: exactly YYYY-MM-DD (4-2-2 digits), a real day,
/// from 1900-01-01 to 9999-12-31. A space, a sign or a one-digit month is refused rather
/// than read past (chrono's own parsing would take all three).
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    const FORM: &str = "write it as YYYY-MM-DD, e.g. 2026-11-23";
    let shown = crate::text::visible(raw, false);
    if raw.is_empty() {
        return Err(format!("a date is needed: {FORM}"));
    }
    if raw.trim() != raw {
        return Err(format!("'{shown}' has a space around it: {FORM}"));
    }
    if raw.starts_with(['+', '-']) {
        return Err(format!("'{shown}' has a sign in front: {FORM}"));
    }
    let Some((year, month, day)) = date_parts(raw) else {
        return Err(match padded_date(raw) {
            Some(padded) => match parse_date(&padded) {
                Ok(_) => format!("'{shown}' needs two digits for the month and the day: did you mean {padded}?"),
                Err(why) => why.replace(&format!("'{padded}'"), &format!("'{shown}'")),
            },
            None => format!("'{shown}' is not a real date: {FORM}"),
        });
    };
    if year < FIRST_YEAR {
        return Err(format!(
            "'{shown}' is before {FIRST_YEAR}: srt keeps dates from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31"
        ));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("'{shown}' is not a real date: there is no month {month}"));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("'{shown}' is not a real date: {year}-{month:02} has no day {day}"))
}

/// The year, month and day of a date written exactly as YYYY-MM-DD.
fn date_parts(raw: &str) -> Option<(i32, u32, u32)> {
    let bytes = raw.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let exact =
        bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10);
    if !exact {
        return None;
    }
    Some((raw[0..4].parse().ok()?, raw[5..7].parse().ok()?, raw[8..10].parse().ok()?))
}

/// A date with a one-digit month or day (`2026-1-5`) written in full (`2026-01-05`), when
/// that is a real date srt keeps.
fn padded_date(raw: &str) -> Option<String> {
    let parts: Vec<&str> = raw.split('-').collect();
    let digits = |part: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let [year, month, day] = parts[..] else { return None };
    if !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
        return None;
    }
    Some(format!("{year}-{month:0>2}-{day:0>2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_feelings_thermometer() {
        let labels: Vec<_> = (0..=10).map(alarm_label).collect();
        assert_eq!(
            labels,
            [
                "calm",
                "settled",
                "settled",
                "uneasy",
                "uneasy",
                "worried",
                "worried",
                "alarmed",
                "alarmed",
                "overwhelmed",
                "overwhelmed"
            ]
        );
    }

    #[test]
    fn a_step_number_is_exactly_its_digits() {
        assert_eq!(parse_step_number("1"), Ok(1));
        assert_eq!(parse_step_number("50"), Ok(50));
        for (bad, why) in [
            (" 1", "spaces"),
            ("1 ", "spaces"),
            ("+1", "plus sign"),
            ("-1", "below 1"),
            ("0", "below 1"),
            ("", "empty"),
            ("one", "whole number"),
            ("\u{ff11}", "whole number"),
            ("99999999999", "at most 50 steps"),
        ] {
            let err = parse_step_number(bad).unwrap_err();
            assert!(err.contains("is not a step number") && err.contains(why), "{bad:?}: {err}");
        }
    }

    #[test]
    fn a_step_is_a_number_or_words_and_a_number_with_a_sign_is_no_words() {
        assert_eq!(parse_step_answer("3"), Ok(StepAnswer::Number(3)));
        assert_eq!(parse_step_answer(" walk to the gate "), Ok(StepAnswer::Words("walk to the gate".into())));
        assert_eq!(parse_step_answer("5 minutes in class"), Ok(StepAnswer::Words("5 minutes in class".into())));
        for bad in ["+1", " 1", "1 ", "- 1", "+ 2", "0"] {
            assert!(parse_step_answer(bad).unwrap_err().contains("is not a step number"), "{bad:?}");
        }
        assert!(parse_step_answer("  ").is_err());
    }

    #[test]
    fn alarm_must_be_a_whole_number_from_0_to_10() {
        assert_eq!(parse_alarm("7"), Ok(7));
        assert_eq!(parse_alarm("0"), Ok(0));
        assert_eq!(parse_alarm("10"), Ok(10));
        assert_eq!(parse_alarm("05"), Ok(5));
        for bad in ["11", "-1", "seven", "7.5", "", "\u{ff15}", "99999999999999999999999"] {
            assert!(parse_alarm(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_alarm_is_exactly_its_digits() {
        for (bad, why) in [
            (" 5", "take away the spaces around it"),
            ("5 ", "take away the spaces around it"),
            ("\t5", "take away the spaces around it"),
            ("+5", "take away the plus sign"),
            ("-1", "it is below 0"),
            ("11", "it is above 10"),
            ("", "it is empty"),
            ("5\u{200b}", "use a whole number from 0 (calm) to 10 (overwhelmed)"),
        ] {
            let err = parse_alarm(bad).unwrap_err();
            assert!(err.contains(why) && err.contains("is not an alarm level"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2028-02-29"), Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()));
        assert_eq!(parse_date("9999-12-31"), Ok(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()));
        assert_eq!(parse_date("1900-01-01"), Ok(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()));
        assert!(parse_date("2026-02-30").unwrap_err().contains("not a real date"));
        assert!(parse_date("2026-13-01").unwrap_err().contains("not a real date"));
        assert!(parse_date("23/11/2026").is_err());
    }

    #[test]
    fn a_date_is_exactly_yyyy_mm_dd() {
        for (bad, why) in [
            ("2026-1-5", "two digits for the month and the day: did you mean 2026-01-05?"),
            ("2026-11-5", "did you mean 2026-11-05?"),
            ("2026-2-30", "is not a real date: 2026-02 has no day 30"),
            ("2026-13-01", "there is no month 13"),
            (" 2026-11-20", "has a space around it"),
            ("2026-11-20\n", "has a space around it"),
            ("+2026-11-20", "has a sign in front"),
            ("-2026-11-20", "has a sign in front"),
            ("+026-11-20", "has a sign in front"),
            ("20261120", "write it as YYYY-MM-DD"),
            ("2026-11-20T07:45", "write it as YYYY-MM-DD"),
            ("2026\u{2010}11\u{2010}20", "write it as YYYY-MM-DD"),
            ("\u{ff12}026-11-20", "write it as YYYY-MM-DD"),
            ("12026-11-20", "write it as YYYY-MM-DD"),
            ("", "a date is needed"),
            ("1899-12-31", "srt keeps dates from 1900-01-01 to 9999-12-31"),
            ("0000-01-01", "srt keeps dates from 1900-01-01 to 9999-12-31"),
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(err.contains(why), "{bad:?}: {err}");
            assert!(!err.contains('\n'), "{bad:?}: {err}");
        }
        assert!(!parse_date("1899-12-31").unwrap_err().contains("not a real date"));
    }

    #[test]
    fn ids_are_lower_case_uuids_only() {
        assert!(is_record_id(&new_id()));
        assert!(is_record_id("c0ffee00-0000-4000-8000-000000000001"));
        for bad in [
            "",
            "abcd",
            "C0FFEE00-0000-4000-8000-000000000001",
            "c0ffee00-0000-4000-8000-00000000000g",
            "c0ffee00_0000-4000-8000-000000000001",
            "c0ffee00-0000-4000-8000-0000000000012",
            "é0ffee0-0000-4000-8000-000000000001",
            "\u{1b}[2J0000-0000-4000-8000-000000000001",
        ] {
            assert!(!is_record_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_ladder_finds_steps_by_number_words_and_identity() {
        let ladder = Ladder {
            child: "Sam".into(),
            steps: vec![Step::new("uniform on".into()), Step::new("walk to the gate".into())],
        };
        assert_eq!(ladder.step(2).unwrap().text, "walk to the gate");
        assert!(ladder.step(0).is_none() && ladder.step(3).is_none());
        assert_eq!(ladder.step_called("Walk To The Gate").unwrap().id, ladder.steps[1].id);
        assert_eq!(ladder.position(&ladder.steps[1].id), Some(2));
        assert_eq!(ladder.position(&new_id()), None);
        assert!(ladder.check().is_ok());
        let twice = Ladder { steps: vec![ladder.steps[0].clone(), ladder.steps[0].clone()], ..ladder };
        assert!(twice.check().unwrap_err().contains("id of an earlier step"));
    }
}
