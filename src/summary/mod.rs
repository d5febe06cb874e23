//! The figures of `srt summary`: a pure function of a window, the child's check-ins and
//! their ladder. No I/O and no printing; renderers turn a `Summary` into text, JSON or HTML.
//!
//! Every figure is one a clinician could sign: medians with the count they were taken
//! from, like compared with like (mornings with mornings), and nothing said where there
//! are too few days to tell. The rules and their thresholds are the constants below.

mod levels;
mod window;

use std::collections::{HashMap, VecDeque};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::model::{CheckIn, Ladder, OpenConcern, Period, Reason, SAFETY_LINE, School, Step};
use crate::text::same_words;

pub use levels::{Gaps, Levels};
pub use window::{Basis, DEFAULT_DAYS, Previous, TrendBasis, Window};

/// An alarm of 7 or more makes a hard morning, or a hard day by its peak.
pub const HARD: u8 = 7;
/// A strategy's alarms are compared with the rest only with at least this many check-ins
/// of the period with it, and as many without.
pub const MIN_TO_COMPARE: u32 = 3;
/// "Lower" or "higher" is said only with at least this many school mornings on each side,
pub const MIN_TREND_MORNINGS: u32 = 4;
/// and medians at least this far apart.
pub const TREND_STEP: f64 = 1.0;
/// The hardest weekday is named only with at least this many mornings on it,
pub const MIN_WEEKDAY_MORNINGS: u32 = 2;
/// and mornings on at least this many weekdays.
pub const MIN_WEEKDAYS: usize = 3;
/// The usual step lately is the median step of this many latest check-ins with a step.
pub const LATELY: usize = 5;
/// How many of the latest next steps are shown.
pub const NEXT_STEPS: usize = 5;

/// The weekdays a check-in is expected on unless the parent configured their school days.
pub const MONDAY_TO_FRIDAY: [Weekday; 5] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The child's open safety concerns, whatever the window: always first.
    pub concerns: Vec<OpenConcern>,
    /// The line shown beside them, the same in every summary.
    pub safety_line: &'static str,
    pub window: Window,
    /// The note of the session the window opens with: what was agreed.
    pub session_note: Option<String>,
    pub coverage: Coverage,
    /// The day's small wins, each once a day however often it was written.
    pub wins: Vec<Dated>,
    pub alarm: AlarmFigures,
    pub trend: Trend,
    pub school: SchoolFigures,
    pub steps: StepFigures,
    pub helped: Vec<Helped>,
    pub body: Vec<BodySignal>,
    /// The child's own numbers beside the parent's rating of the same check-ins, by period.
    pub own_ratings: Vec<OwnRatings>,
    /// The parent's own calm beside the child's alarm of the same check-ins, by period and
    /// by who recorded (each parent's calm is their own).
    pub parent_calm: Vec<ParentCalm>,
    /// What happened for the parent, by period, with how many check-ins said.
    pub for_me: Vec<BodySignal>,
    /// Who recorded the window's check-ins (`name` null: not said).
    pub recorders: Vec<Recorder>,
    /// The latest next small steps, latest first.
    pub next_steps: Vec<NextStep>,
    pub notes: Vec<Dated>,
    /// The morning alarm of each day of the window, for the sparkline; not part of the
    /// published figures.
    #[serde(skip)]
    pub mornings_by_day: Vec<Option<u8>>,
    /// The child's own number of each morning of the window, for the chart.
    #[serde(skip)]
    pub own_by_day: Vec<Option<u8>>,
}

/// The child's own numbers on one period's check-ins, against the parent's rating of the
/// same check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnRatings {
    pub period: Period,
    /// Check-ins with the child's own number (each also has the parent's).
    pub checkins: u32,
    pub own_median: Option<f64>,
    /// The parent's alarm on those same check-ins.
    pub parent_median: Option<f64>,
    /// The typical gap, the median of own minus parent's: negative when the child's number
    /// is lower. Null with fewer than `MIN_TO_COMPARE` check-ins.
    pub gap_median: Option<f64>,
}

/// The parent's calm on one period's check-ins, beside the child's alarm of the same.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParentCalm {
    pub period: Period,
    /// Who recorded those check-ins (null: not said).
    pub recorder: Option<String>,
    /// Check-ins where the parent said how calm they were.
    pub checkins: u32,
    pub calm_median: Option<f64>,
    /// The child's alarm on those same check-ins.
    pub alarm_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recorder {
    pub name: Option<String>,
    pub checkins: u32,
}

impl Summary {
    /// The wins a day at a time, in the order written.
    pub fn wins_by_day(&self) -> impl Iterator<Item = (NaiveDate, Vec<&str>)> {
        self.wins
            .chunk_by(|a, b| a.date == b.date)
            .map(|day| (day[0].date, day.iter().map(|w| w.text.as_str()).collect()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Days in the window.
    pub days: u32,
    /// The first day a check-in was expected: the window's first, or the day of the child's
    /// first check-in ever when that is later (days before srt was used are not missing);
    /// `None` when that is after the window (no check-in yet).
    pub counted_from: Option<NaiveDate>,
    /// School days in the window from `counted_from`: the school weekdays, but those whose
    /// evening said there was no school, and the other days whose evening said the child
    /// went or did not go. The same days as `SchoolFigures::school_days`, and today.
    pub expected_days: u32,
    /// Of those, the days with at least one check-in.
    pub days_with_checkin: u32,
    /// Every check-in in the window, on any day.
    pub checkins: usize,
}

/// A piece of text from one check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dated {
    pub date: NaiveDate,
    pub period: Period,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlarmFigures {
    pub morning_median: Option<f64>,
    pub mornings: u32,
    /// The evening's alarm: the level at bedtime.
    pub evening_median: Option<f64>,
    pub evenings: u32,
    /// The day's highest alarm, said in the evening.
    pub peak_median: Option<f64>,
    pub peaks: u32,
    /// Mornings at `HARD` or more.
    pub hard_mornings: u32,
    /// Days whose peak was `HARD` or more.
    pub hard_peak_days: u32,
    /// The weekday whose mornings had the highest median, named only by the weekday rule.
    pub hardest_weekday: Option<String>,
    pub hardest_weekday_median: Option<f64>,
    pub hardest_weekday_mornings: u32,
    /// The day with the highest peak: of several, the latest with a note, else the latest.
    pub hardest_peak_day: Option<PeakDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeakDay {
    pub date: NaiveDate,
    pub peak: u8,
    /// How many days peaked this high (the latest is the one named).
    pub days: u32,
    /// That evening's note.
    pub note: Option<String>,
}

/// This window against the one before it, on school-day mornings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub basis: TrendBasis,
    pub this: TrendSide,
    pub previous: TrendSide,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendSide {
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// School-day mornings with a check-in.
    pub mornings: u32,
    pub morning_median: Option<f64>,
    pub hard_mornings: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Verdict {
    #[serde(rename = "lower")]
    Lower,
    #[serde(rename = "higher")]
    Higher,
    #[serde(rename = "about the same")]
    AboutTheSame,
    #[serde(rename = "too few")]
    TooFew,
}

/// School attendance as a clinician counts it. A school day is one whose evening says the
/// child went (full or part) or did not go, or an expected weekday whose evening does not
/// say there was no school; so `school_days` is `attended`, the days at home and
/// `not_recorded` together.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SchoolFigures {
    pub school_days: u32,
    pub attended: u32,
    pub full: u32,
    pub part: u32,
    pub absent_anxiety: u32,
    pub absent_ill: u32,
    pub absent_other: u32,
    /// Days at home with no reason given (as older srt recorded them).
    pub absent_no_reason: u32,
    /// Days the evening said there was no school, on any day (as older srt counted them).
    pub no_school: u32,
    /// Of those, the school weekdays: a holiday, a closure.
    pub no_school_weekdays: u32,
    /// Expected school days before today with no evening saying how school went.
    pub not_recorded: u32,
    /// Minutes in school over the days with both times given; null with none.
    pub minutes_in: Option<u32>,
    /// The middle of those days' minutes (halfway between the two middle ones).
    pub minutes_in_median: Option<f64>,
    pub days_with_times: u32,
    /// Lessons attended of the lessons, over the days they were given; null with none.
    pub lessons_attended: Option<u32>,
    pub lessons_of: Option<u32>,
}

/// The brave steps reached in the window, by the steps' identities: where a step stands is
/// read on today's ladder, and its words are those it was saved with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepFigures {
    /// The highest place on today's ladder of a step reached in the window.
    pub highest: Option<u32>,
    pub highest_text: Option<String>,
    /// How many check-ins reached it.
    pub highest_times: u32,
    pub first_reached: Option<NaiveDate>,
    /// The median place of the steps of the latest `LATELY` check-ins with a step on the
    /// ladder (the lower of the two middle ones, with an even count).
    pub usual_lately: Option<u32>,
    pub usual_lately_text: Option<String>,
    /// How many check-ins `usual_lately` was taken from.
    pub usual_lately_n: u32,
    /// How many steps today's ladder has (0 without one).
    pub of: usize,
    /// Steps reached in the window that are no longer on the ladder, in the order reached.
    pub off_ladder: Vec<OffLadder>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OffLadder {
    pub text: String,
    pub first_reached: NaiveDate,
}

/// A strategy on one period's check-ins, against that period's other check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Helped {
    pub text: String,
    pub period: Period,
    pub uses: u32,
    /// Null unless there are `MIN_TO_COMPARE` check-ins with it and as many without.
    pub median_with: Option<f64>,
    pub n_with: u32,
    pub median_without: Option<f64>,
    pub n_without: u32,
}

impl Helped {
    pub fn compared(&self) -> bool {
        self.median_with.is_some()
    }
}

/// A body signal and how many check-ins of a period noticed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodySignal {
    pub text: String,
    pub period: Period,
    pub count: u32,
    /// The check-ins of that period in the window.
    pub of: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub date: NaiveDate,
    pub text: String,
}

/// One day's check-ins as they are handed over: the last of each period counts.
struct Day {
    date: NaiveDate,
    morning: Option<CheckIn>,
    evening: Option<CheckIn>,
}

/// Words counted by period, the same words in any case once, as first written.
#[derive(Default)]
struct Tally<T> {
    items: Vec<(String, [T; 2])>,
    /// Where each is in `items`: by its words folded, and by every spelling met so far,
    /// which spares folding the same words check-in after check-in.
    index: HashMap<String, usize>,
    spelling: HashMap<String, usize>,
}

impl<T: Default> Tally<T> {
    fn slot(&mut self, words: &str) -> usize {
        if let Some(&at) = self.spelling.get(words) {
            return at;
        }
        let items = &mut self.items;
        let at = *self.index.entry(crate::text::folded(words)).or_insert_with(|| {
            items.push((words.to_string(), Default::default()));
            items.len() - 1
        });
        self.spelling.insert(words.to_string(), at);
        at
    }

    /// The slots of `words`, each once.
    fn slots(&mut self, words: &[String]) -> Vec<usize> {
        let mut slots: Vec<usize> = Vec::with_capacity(words.len());
        for w in words {
            let at = self.slot(w);
            if !slots.contains(&at) {
                slots.push(at);
            }
        }
        slots
    }
}

fn period_index(period: Period) -> usize {
    match period {
        Period::Morning => 0,
        Period::Evening => 1,
    }
}

const PERIODS: [Period; 2] = [Period::Morning, Period::Evening];

/// Builds a `Summary` from check-ins handed over one at a time, so a summary over decades
/// holds its figures, not the check-ins.
pub struct Summariser<'a> {
    window: Window,
    previous: Previous,
    /// School days from this one on are still to come: no evening yet is not "not recorded".
    to_come: NaiveDate,
    /// No check-in is expected before this day: the child's first check-in.
    counted_from: NaiveDate,
    ladder: Option<&'a Ladder>,
    /// The weekdays check-ins are expected on, Monday first.
    expected: [bool; 7],
    session_note: Option<String>,
    day: Option<Day>,
    checkins: usize,
    days_with_checkin: u32,
    wins: Vec<Dated>,
    notes: Vec<Dated>,
    periods: [Levels; 2],
    peaks: Levels,
    weekdays: [Levels; 7],
    hardest_peak: Option<PeakDay>,
    mornings_by_day: Vec<Option<u8>>,
    school_mornings: Levels,
    previous_school_mornings: Levels,
    school: SchoolFigures,
    /// Minutes in school of each day with both times given.
    minutes_in: Vec<u32>,
    lessons: (u32, u32, bool),
    /// Expected days before `to_come` whose evening said how school went.
    answered: u32,
    /// School weekdays whose evening said there was no school.
    weekdays_without_school: u32,
    /// Other days whose evening said the child went or did not go.
    other_school_days: u32,
    /// Each step reached, by identity, with the first day it was reached and how often.
    steps: Vec<(Step, NaiveDate, u32)>,
    /// The places on today's ladder of the latest steps reached, oldest first.
    recent_steps: VecDeque<u32>,
    helped: Tally<Levels>,
    body: Tally<u32>,
    next_steps: VecDeque<NextStep>,
    concerns: Vec<OpenConcern>,
    /// By period: the child's own numbers, the parent's of the same check-ins, the gaps.
    own: [(Levels, Levels, Gaps); 2],
    own_by_day: Vec<Option<u8>>,
    /// By period and recorder: the parent's calm, and the child's alarm of the same check-ins.
    calm: Vec<(Period, Option<String>, Levels, Levels)>,
    for_me: Tally<u32>,
    /// By period: the check-ins where the parent said anything about themselves.
    for_me_of: [u32; 2],
    recorders: Vec<Recorder>,
}

impl<'a> Summariser<'a> {
    pub fn new(window: Window, ladder: Option<&'a Ladder>) -> Self {
        Self {
            window,
            previous: window.previous([]),
            to_come: window.until.succ_opt().unwrap_or(window.until),
            counted_from: window.since,
            ladder,
            expected: weekdays(&MONDAY_TO_FRIDAY),
            session_note: None,
            day: None,
            checkins: 0,
            days_with_checkin: 0,
            wins: Vec::new(),
            notes: Vec::new(),
            periods: [Levels::default(); 2],
            peaks: Levels::default(),
            weekdays: [Levels::default(); 7],
            hardest_peak: None,
            mornings_by_day: vec![None; window.days() as usize],
            school_mornings: Levels::default(),
            previous_school_mornings: Levels::default(),
            school: SchoolFigures::default(),
            minutes_in: Vec::new(),
            lessons: (0, 0, false),
            answered: 0,
            weekdays_without_school: 0,
            other_school_days: 0,
            steps: Vec::new(),
            recent_steps: VecDeque::with_capacity(LATELY + 1),
            helped: Tally::default(),
            body: Tally::default(),
            next_steps: VecDeque::with_capacity(NEXT_STEPS + 1),
            concerns: Vec::new(),
            own: Default::default(),
            own_by_day: vec![None; window.days() as usize],
            calm: Vec::new(),
            for_me: Tally::default(),
            for_me_of: [0; 2],
            recorders: Vec::new(),
        }
    }

    /// The child's open safety concerns, shown first whatever the window.
    pub fn with_concerns(mut self, concerns: Vec<OpenConcern>) -> Self {
        self.concerns = concerns;
        self
    }

    /// The weekdays a check-in is expected on (the configured school days; by default
    /// Monday to Friday). Check-ins on other days count for everything else.
    pub fn expecting(mut self, school_days: &[Weekday]) -> Self {
        self.expected = weekdays(school_days);
        self
    }

    /// The child's sessions: the window is compared with the interval before the session it
    /// opens with, and that session's note is shown first.
    pub fn with_sessions<'s>(mut self, sessions: impl IntoIterator<Item = (NaiveDate, &'s str)> + Clone) -> Self {
        self.previous = self.window.previous(sessions.clone().into_iter().map(|(date, _)| date));
        let notes: Vec<&str> = sessions
            .into_iter()
            .filter(|&(date, note)| date == self.window.since && !note.trim().is_empty())
            .map(|(_, note)| note)
            .collect();
        self.session_note = (!notes.is_empty()).then(|| notes.join("\n"));
        self
    }

    /// The day of the child's first check-in (none yet: `None`): days before it are not
    /// days a check-in was missing.
    pub fn recording_since(mut self, first_checkin: Option<NaiveDate>) -> Self {
        let first = first_checkin.unwrap_or(self.window.until.succ_opt().unwrap_or(self.window.until));
        self.counted_from = first.max(self.window.since);
        self
    }

    /// Today: an evening still to come is not missing.
    pub fn as_of(mut self, today: NaiveDate) -> Self {
        self.to_come = today.min(self.to_come);
        self
    }

    /// The dates whose check-ins this summary reads: its window and the dates before it that
    /// it is compared with.
    pub fn dates(&self) -> crate::model::DateRange {
        self.window.read_with(&self.previous)
    }

    /// Whether `date` is one of the weekdays the child goes to school.
    fn is_school_weekday(&self, date: NaiveDate) -> bool {
        self.expected[date.weekday().num_days_from_monday() as usize]
    }

    /// Whether a check-in was expected on `date`: a school weekday, once recording began.
    fn is_expected(&self, date: NaiveDate) -> bool {
        date >= self.counted_from && self.is_school_weekday(date)
    }

    /// Takes the next check-in, in the order of date, then morning before evening, then
    /// time recorded. Of several for one day and period (two devices can each save one
    /// before they sync), the one recorded last counts. Check-ins outside the dates read
    /// are left out.
    pub fn add(&mut self, checkin: CheckIn) {
        if !self.window.contains(checkin.date) && !self.previous.contains(checkin.date) {
            return;
        }
        if let Some(day) = self.day.take_if(|d| d.date != checkin.date) {
            self.close(day);
        }
        let day = self.day.get_or_insert(Day { date: checkin.date, morning: None, evening: None });
        match checkin.period {
            Period::Morning => day.morning = Some(checkin),
            Period::Evening => day.evening = Some(checkin),
        }
    }

    fn close(&mut self, day: Day) {
        let outcome = day.evening.as_ref().and_then(|e| e.school).map(|s| s.outcome);
        let school_day = match outcome {
            Some(School::None) => false,
            Some(_) => true,
            None => self.is_school_weekday(day.date),
        };
        // A morning the child was ill at home says little about school: it is left out of
        // the comparison (the day still counts as a school day at home).
        let ill = day.evening.as_ref().and_then(|e| e.school).is_some_and(|s| s.reason == Some(Reason::Ill));
        let school_morning = day.morning.as_ref().filter(|_| school_day && !ill).map(|m| m.alarm);
        if !self.window.contains(day.date) {
            if let Some(alarm) = school_morning {
                self.previous_school_mornings.add(alarm);
            }
            return;
        }
        if let Some(alarm) = school_morning {
            self.school_mornings.add(alarm);
        }
        if day.date >= self.counted_from {
            // The weekdays are the school days but those the evening says had no school, and
            // with those it says the child went or did not go (a Saturday school day).
            match (self.is_school_weekday(day.date), school_day) {
                (true, false) => self.weekdays_without_school += 1,
                (false, true) => self.other_school_days += 1,
                _ => {}
            }
            if school_day {
                self.days_with_checkin += 1;
            }
        }
        if self.is_expected(day.date) && outcome.is_some() && day.date < self.to_come {
            self.answered += 1;
        }
        if let Some(school) = day.evening.as_ref().and_then(|e| e.school) {
            self.count_school(school, self.is_school_weekday(day.date));
        }
        for checkin in [day.morning, day.evening].into_iter().flatten() {
            self.count(checkin);
        }
    }

    /// Counts a school day's answer; `weekday`: whether the day is one of the school weekdays.
    fn count_school(&mut self, day: crate::model::SchoolDay, weekday: bool) {
        let s = &mut self.school;
        match (day.outcome, day.reason) {
            (School::Full, _) => s.full += 1,
            (School::Part, _) => s.part += 1,
            (School::Absent, Some(Reason::Anxiety)) => s.absent_anxiety += 1,
            (School::Absent, Some(Reason::Ill)) => s.absent_ill += 1,
            (School::Absent, Some(Reason::Other)) => s.absent_other += 1,
            (School::Absent, None) => s.absent_no_reason += 1,
            (School::None, _) => {
                s.no_school += 1;
                s.no_school_weekdays += u32::from(weekday);
            }
        }
        if let Some(minutes) = day.minutes_in() {
            self.minutes_in.push(minutes);
            s.days_with_times += 1;
        }
        if let Some(lessons) = day.lessons {
            self.lessons.0 += u32::from(lessons.attended);
            self.lessons.1 += u32::from(lessons.of);
            self.lessons.2 = true;
        }
    }

    fn count(&mut self, c: CheckIn) {
        self.checkins += 1;
        let p = period_index(c.period);
        self.periods[p].add(c.alarm);
        let day_index = (c.date - self.window.since).num_days() as usize;
        if c.period == Period::Morning {
            self.weekdays[c.date.weekday().num_days_from_monday() as usize].add(c.alarm);
            self.mornings_by_day[day_index] = Some(c.alarm);
            self.own_by_day[day_index] = c.own_rating;
        }
        if let Some(own) = c.own_rating {
            let (owns, parents, gaps) = &mut self.own[p];
            owns.add(own);
            parents.add(c.alarm);
            gaps.add(own, c.alarm);
        }
        if let Some(calm) = c.parent_calm {
            let at = match self.calm.iter().position(|(period, by, ..)| *period == c.period && *by == c.recorded_by) {
                Some(at) => at,
                None => {
                    self.calm.push((c.period, c.recorded_by.clone(), Levels::default(), Levels::default()));
                    self.calm.len() - 1
                }
            };
            self.calm[at].2.add(calm);
            self.calm[at].3.add(c.alarm);
        }
        if c.parent_calm.is_some() || !c.for_me.is_empty() {
            self.for_me_of[p] += 1;
        }
        for at in self.for_me.slots(&c.for_me) {
            self.for_me.items[at].1[p] += 1;
        }
        match self.recorders.iter_mut().find(|r| r.name == c.recorded_by) {
            Some(recorder) => recorder.checkins += 1,
            None => self.recorders.push(Recorder { name: c.recorded_by.clone(), checkins: 1 }),
        }
        if let Some(peak) = c.peak_alarm {
            self.peaks.add(peak);
            // Of the days as high, the latest with a note names the day: the note says
            // what happened.
            let note = Some(c.note.clone()).filter(|n| !n.trim().is_empty());
            match &mut self.hardest_peak {
                Some(hardest) if peak < hardest.peak => {}
                Some(hardest) if peak == hardest.peak => {
                    hardest.days += 1;
                    if note.is_some() || hardest.note.is_none() {
                        (hardest.date, hardest.note) = (c.date, note);
                    }
                }
                _ => self.hardest_peak = Some(PeakDay { date: c.date, peak, days: 1, note }),
            }
        }
        if let Some(step) = &c.step {
            match self.steps.iter_mut().find(|(reached, ..)| reached.id == step.id) {
                Some((.., times)) => *times += 1,
                None => self.steps.push((step.clone(), c.date, 1)),
            }
            if let Some(place) = self.ladder.and_then(|l| l.position(&step.id)) {
                self.recent_steps.push_back(place);
                if self.recent_steps.len() > LATELY {
                    self.recent_steps.pop_front();
                }
            }
        }
        for at in self.helped.slots(&c.helped) {
            self.helped.items[at].1[p].add(c.alarm);
        }
        for at in self.body.slots(&c.body) {
            self.body.items[at].1[p] += 1;
        }
        if let Some(next) = c.next_step.filter(|n| !n.trim().is_empty()) {
            self.next_steps.push_back(NextStep { date: c.date, text: next });
            if self.next_steps.len() > NEXT_STEPS {
                self.next_steps.pop_front();
            }
        }
        for win in c.wins {
            let written = self.wins.iter().rev().take_while(|w| w.date == c.date).any(|w| same_words(&w.text, &win));
            if !written {
                self.wins.push(Dated { date: c.date, period: c.period, text: win });
            }
        }
        if !c.note.is_empty() {
            self.notes.push(Dated { date: c.date, period: c.period, text: c.note });
        }
    }

    pub fn finish(mut self) -> Summary {
        if let Some(day) = self.day.take() {
            self.close(day);
        }
        // The school weekdays, and those of them before the evenings still to come.
        let (school_weekdays, expected_before) = self
            .window
            .dates()
            .filter(|&d| self.is_expected(d))
            .fold((0u32, 0u32), |(all, before), d| (all + 1, before + u32::from(d < self.to_come)));
        let expected_days = school_weekdays - self.weekdays_without_school + self.other_school_days;
        let mut school = self.school;
        school.not_recorded = expected_before.saturating_sub(self.answered);
        school.attended = school.full + school.part;
        school.school_days = school.attended
            + school.absent_anxiety
            + school.absent_ill
            + school.absent_other
            + school.absent_no_reason
            + school.not_recorded;
        school.minutes_in = (school.days_with_times > 0).then(|| self.minutes_in.iter().sum());
        school.minutes_in_median = median(&mut self.minutes_in);
        (school.lessons_attended, school.lessons_of) =
            if self.lessons.2 { (Some(self.lessons.0), Some(self.lessons.1)) } else { (None, None) };

        let [mornings, evenings] = self.periods;
        let hardest = hardest_weekday(&self.weekdays);
        let own_ratings = PERIODS
            .iter()
            .zip(self.own)
            .filter(|(_, (owns, ..))| owns.count() > 0)
            .map(|(&period, (owns, parents, gaps))| OwnRatings {
                period,
                checkins: owns.count(),
                own_median: owns.median(),
                parent_median: parents.median(),
                gap_median: gaps.median().filter(|_| gaps.count() >= MIN_TO_COMPARE),
            })
            .collect();
        let mut calm = self.calm;
        // Mornings first; within a period, who said it most first.
        calm.sort_by_key(|c| (c.0, std::cmp::Reverse(c.2.count())));
        let parent_calm = calm
            .into_iter()
            .map(|(period, recorder, calm, alarm)| ParentCalm {
                period,
                recorder,
                checkins: calm.count(),
                calm_median: calm.median(),
                alarm_median: alarm.median(),
            })
            .collect();
        let mut recorders = self.recorders;
        recorders.sort_by(|a, b| b.checkins.cmp(&a.checkins).then(a.name.is_none().cmp(&b.name.is_none())));
        Summary {
            concerns: self.concerns,
            safety_line: SAFETY_LINE,
            window: self.window,
            session_note: self.session_note,
            coverage: Coverage {
                days: self.window.days(),
                counted_from: (self.counted_from <= self.window.until).then_some(self.counted_from),
                expected_days,
                days_with_checkin: self.days_with_checkin,
                checkins: self.checkins,
            },
            wins: self.wins,
            alarm: AlarmFigures {
                morning_median: mornings.median(),
                mornings: mornings.count(),
                evening_median: evenings.median(),
                evenings: evenings.count(),
                peak_median: self.peaks.median(),
                peaks: self.peaks.count(),
                hard_mornings: mornings.at_least(HARD),
                hard_peak_days: self.peaks.at_least(HARD),
                hardest_weekday: hardest.map(|(day, _)| weekday_name(day).to_string()),
                hardest_weekday_median: hardest.and_then(|(_, levels)| levels.median()),
                hardest_weekday_mornings: hardest.map_or(0, |(_, levels)| levels.count()),
                hardest_peak_day: self.hardest_peak,
            },
            trend: trend(self.window, self.previous, &self.school_mornings, &self.previous_school_mornings),
            school,
            steps: step_figures(self.steps, self.recent_steps, self.ladder),
            helped: helped(self.helped, &self.periods),
            body: counted(self.body, |p| self.periods[p].count()),
            own_ratings,
            parent_calm,
            for_me: counted(self.for_me, |p| self.for_me_of[p]),
            recorders,
            next_steps: self.next_steps.into_iter().rev().collect(),
            notes: self.notes,
            mornings_by_day: self.mornings_by_day,
            own_by_day: self.own_by_day,
        }
    }
}

/// The middle value; with an even count, halfway between the two middle ones.
fn median(values: &mut [u32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(f64::from(values[(n - 1) / 2] + values[n / 2]) / 2.0)
}

fn weekdays(days: &[Weekday]) -> [bool; 7] {
    std::array::from_fn(|i| days.iter().any(|d| d.num_days_from_monday() as usize == i))
}

/// This window's school mornings against the previous ones': "lower" or "higher" only when
/// each side has `MIN_TREND_MORNINGS` and the medians are `TREND_STEP` apart.
fn trend(window: Window, previous: Previous, this: &Levels, before: &Levels) -> Trend {
    let side = |since, until, levels: &Levels| TrendSide {
        since,
        until,
        mornings: levels.count(),
        morning_median: levels.median(),
        hard_mornings: levels.at_least(HARD),
    };
    let verdict = match (this.median(), before.median()) {
        (Some(now), Some(then)) if this.count() >= MIN_TREND_MORNINGS && before.count() >= MIN_TREND_MORNINGS => {
            if now <= then - TREND_STEP {
                Verdict::Lower
            } else if now >= then + TREND_STEP {
                Verdict::Higher
            } else {
                Verdict::AboutTheSame
            }
        }
        _ => Verdict::TooFew,
    };
    Trend {
        basis: previous.basis,
        this: side(window.since, window.until, this),
        previous: side(previous.since, previous.until, before),
        verdict,
    }
}

/// Each strategy on each period's check-ins, most used first, against the rest of that
/// period's check-ins.
fn helped(tally: Tally<Levels>, periods: &[Levels; 2]) -> Vec<Helped> {
    let mut helped: Vec<Helped> = tally
        .items
        .into_iter()
        .flat_map(|(text, by_period)| {
            PERIODS.into_iter().zip(by_period).filter(|(_, with)| with.count() > 0).map(move |(period, with)| {
                let without = periods[period_index(period)].without(&with);
                let (n_with, n_without) = (with.count(), without.count());
                let enough = n_with >= MIN_TO_COMPARE && n_without >= MIN_TO_COMPARE;
                Helped {
                    text: text.clone(),
                    period,
                    uses: n_with,
                    median_with: with.median().filter(|_| enough),
                    n_with,
                    median_without: without.median().filter(|_| enough),
                    n_without,
                }
            })
        })
        .collect();
    helped.sort_by_key(|h| std::cmp::Reverse(h.uses));
    helped
}

/// Words counted by period, most often first, each with `of(period index)` beside it.
fn counted(tally: Tally<u32>, of: impl Fn(usize) -> u32) -> Vec<BodySignal> {
    let of = &of;
    let mut body: Vec<BodySignal> = tally
        .items
        .into_iter()
        .flat_map(|(text, counts)| {
            PERIODS.into_iter().zip(counts).filter(|&(_, count)| count > 0).map(move |(period, count)| BodySignal {
                text: text.clone(),
                period,
                count,
                of: of(period_index(period)),
            })
        })
        .collect();
    body.sort_by_key(|b| std::cmp::Reverse(b.count));
    body
}

/// The steps reached, placed on today's ladder: the highest of those still on it with how
/// often it was reached, the usual step lately, and those no longer on it.
fn step_figures(reached: Vec<(Step, NaiveDate, u32)>, recent: VecDeque<u32>, ladder: Option<&Ladder>) -> StepFigures {
    let mut figures = StepFigures {
        highest: None,
        highest_text: None,
        highest_times: 0,
        first_reached: None,
        usual_lately: None,
        usual_lately_text: None,
        usual_lately_n: recent.len() as u32,
        of: ladder.map_or(0, |l| l.steps.len()),
        off_ladder: Vec::new(),
    };
    for (step, first_reached, times) in reached {
        match ladder.and_then(|l| l.position(&step.id)) {
            Some(place) if figures.highest.is_none_or(|highest| place > highest) => {
                figures.highest = Some(place);
                figures.highest_text = Some(step.text);
                figures.highest_times = times;
                figures.first_reached = Some(first_reached);
            }
            Some(_) => {}
            None => figures.off_ladder.push(OffLadder { text: step.text, first_reached }),
        }
    }
    let mut places: Vec<u32> = recent.into_iter().collect();
    places.sort_unstable();
    if let Some(&usual) = places.get(places.len().saturating_sub(1) / 2).filter(|_| !places.is_empty()) {
        figures.usual_lately = Some(usual);
        figures.usual_lately_text = ladder.and_then(|l| l.step(usual)).map(|s| s.text.clone());
    }
    figures
}

/// The summary of `checkins` (one child's, in any order; any outside the dates read are
/// left out).
pub fn summarise(summariser: Summariser, checkins: &[CheckIn]) -> Summary {
    let mut ordered: Vec<&CheckIn> = checkins.iter().collect();
    ordered.sort_by_key(|c| (c.date, c.period, c.updated_at));
    let mut summariser = summariser;
    for checkin in ordered {
        summariser.add(checkin.clone());
    }
    summariser.finish()
}

/// Check-ins sharing a child's day and period: two devices can each save one before they
/// sync. Groups of two or more, by date.
pub fn same_slot_groups(checkins: &[CheckIn]) -> Vec<Vec<&CheckIn>> {
    let mut sorted: Vec<&CheckIn> = checkins.iter().collect();
    sorted.sort_by_key(|c| (c.child.to_lowercase(), c.date, c.period));
    sorted
        .chunk_by(|a, b| same_words(&a.child, &b.child) && a.date == b.date && a.period == b.period)
        .filter(|group| group.len() > 1)
        .map(<[&CheckIn]>::to_vec)
        .collect()
}

/// The weekday whose mornings had the highest median, when it is a pattern: it has
/// `MIN_WEEKDAY_MORNINGS` mornings, mornings were seen on `MIN_WEEKDAYS` weekdays, and no
/// other weekday is as high.
fn hardest_weekday(by_day: &[Levels; 7]) -> Option<(Weekday, Levels)> {
    let seen: Vec<(usize, Levels, f64)> =
        by_day.iter().enumerate().filter_map(|(i, levels)| Some((i, *levels, levels.median()?))).collect();
    if seen.len() < MIN_WEEKDAYS {
        return None;
    }
    let highest = seen.iter().map(|&(.., median)| median).fold(f64::MIN, f64::max);
    let mut at_highest = seen.iter().filter(|&&(.., median)| median == highest);
    let (index, levels, _) = *at_highest.next()?;
    if at_highest.next().is_some() || levels.count() < MIN_WEEKDAY_MORNINGS {
        return None;
    }
    Some((Weekday::try_from(index as u8).expect("0-6 are weekdays"), levels))
}

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests;
