//! The figures of `srt summary`: a pure function of a window, the child's check-ins and
//! their ladder. No I/O and no printing; renderers turn a `Summary` into text, JSON or HTML.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::model::{CheckIn, DateRange, Ladder, Period, School, Step};
use crate::text::same_words;

/// Days in the window when there is no earlier session to start from.
pub const DEFAULT_DAYS: u64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// From the latest therapy session before today.
    SinceSession,
    /// The last 14 days: there was no earlier session.
    #[serde(rename = "last_14_days")]
    Last14Days,
    /// Chosen with --since, --until or --last.
    Explicit,
}

/// The dates a summary covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub basis: Basis,
}

impl Window {
    /// From the latest session before `today` up to today, or the last 14 days.
    pub fn default_for(today: NaiveDate, sessions: impl IntoIterator<Item = NaiveDate>) -> Self {
        match sessions.into_iter().filter(|&d| d < today).max() {
            Some(session) => Window { since: session, until: today, basis: Basis::SinceSession },
            None => Window { since: today - Days::new(DEFAULT_DAYS - 1), until: today, basis: Basis::Last14Days },
        }
    }

    /// The window a parent asked for (`--since`, `--until`, `--last`), or by default from
    /// the latest session before today. With only an end, it starts where the default
    /// window would have on that day.
    pub fn asked(
        today: NaiveDate,
        asked: &DateRange,
        sessions: impl IntoIterator<Item = NaiveDate> + Clone,
    ) -> Result<Self, String> {
        if *asked == DateRange::default() {
            return Ok(Window::default_for(today, sessions));
        }
        let until = asked.until.unwrap_or(today);
        if until > today {
            return Err(format!("--until {until} is in the future; a window ends today at the latest"));
        }
        let since = asked.since.unwrap_or_else(|| Window::default_for(until, sessions).since);
        if since > until {
            return Err(format!("the window would start ({since}) after it ends ({until})"));
        }
        Ok(Window { since, until, basis: Basis::Explicit })
    }

    pub fn days(&self) -> u32 {
        u32::try_from((self.until - self.since).num_days() + 1).unwrap_or(0)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since <= date && date <= self.until
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        self.since.iter_days().take(self.days() as usize)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub window: Window,
    pub coverage: Coverage,
    pub wins: Vec<Dated>,
    pub alarm: AlarmFigures,
    pub school: SchoolCounts,
    pub steps: StepFigures,
    pub helped: Vec<Helped>,
    pub notes: Vec<Dated>,
    /// The morning alarm of each day of the window, for the sparkline; not part of the
    /// published figures.
    #[serde(skip)]
    pub mornings_by_day: Vec<Option<u8>>,
}

impl Summary {
    /// The wins a day at a time, each written once: a win noted in the morning and again in
    /// the evening is one win of that day. (`wins` keeps both, with their periods.)
    pub fn wins_by_day(&self) -> impl Iterator<Item = (NaiveDate, Vec<&str>)> {
        self.wins.chunk_by(|a, b| a.date == b.date).map(|day| {
            let mut texts: Vec<&str> = Vec::with_capacity(day.len());
            for win in day {
                if !texts.contains(&win.text.as_str()) {
                    texts.push(&win.text);
                }
            }
            (day[0].date, texts)
        })
    }

    /// How many wins `wins_by_day` lists.
    pub fn wins_listed(&self) -> usize {
        self.wins_by_day().map(|(_, wins)| wins.len()).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub days: u32,
    pub checkins: usize,
    pub possible: u32,
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
    pub morning_avg: Option<f64>,
    pub evening_avg: Option<f64>,
    pub morning_first_half_avg: Option<f64>,
    pub morning_second_half_avg: Option<f64>,
    pub hardest_weekday: Option<String>,
    /// The mean morning alarm on the hardest weekday.
    #[serde(skip)]
    pub hardest_weekday_avg: Option<f64>,
    /// Whether another weekday had the same mean.
    #[serde(skip)]
    pub hardest_weekday_tied: bool,
    /// How many different weekdays had a morning check-in.
    #[serde(skip)]
    pub weekdays_with_mornings: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SchoolCounts {
    pub full: u32,
    pub partial: u32,
    pub late: u32,
    pub absent: u32,
    pub none: u32,
}

/// The brave steps reached in the window, by the steps' identities: where a step stands is
/// read on today's ladder, and its words are those it was saved with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepFigures {
    /// The highest place on today's ladder of a step reached in the window.
    pub highest: Option<u32>,
    pub highest_text: Option<String>,
    pub first_reached: Option<NaiveDate>,
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

/// A strategy and the alarm on the check-ins that used it against the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Helped {
    pub text: String,
    pub uses: usize,
    pub avg_alarm_with: f64,
    pub avg_alarm_without: Option<f64>,
}

/// A running mean, kept as a sum and a count so that ties compare exactly.
#[derive(Debug, Clone, Copy, Default)]
struct Mean {
    sum: u32,
    count: u32,
}

impl Mean {
    fn add(&mut self, value: u8) {
        self.sum += u32::from(value);
        self.count += 1;
    }

    fn value(self) -> Option<f64> {
        (self.count > 0).then(|| f64::from(self.sum) / f64::from(self.count))
    }

    fn cmp_value(self, other: Mean) -> Ordering {
        (u64::from(self.sum) * u64::from(other.count)).cmp(&(u64::from(other.sum) * u64::from(self.count)))
    }
}

/// Builds a `Summary` from check-ins handed over one at a time, so a summary over decades
/// holds its figures, not the check-ins.
pub struct Summariser<'a> {
    window: Window,
    ladder: Option<&'a Ladder>,
    /// The weekdays check-ins are expected on, Monday first: school days only, when the
    /// parent configured them.
    expected: [bool; 7],
    second_half_starts: NaiveDate,
    /// The last check-in handed over: it counts once the next one is of another day or period.
    held: Option<CheckIn>,
    checkins: usize,
    wins: Vec<Dated>,
    notes: Vec<Dated>,
    all: Mean,
    mornings: Mean,
    evenings: Mean,
    first_half: Mean,
    second_half: Mean,
    weekdays: [Mean; 7],
    mornings_by_day: Vec<Option<u8>>,
    school: SchoolCounts,
    /// Each step reached, by identity, with the first day it was reached.
    steps: Vec<(Step, NaiveDate)>,
    /// Each strategy as first written, with the alarms of the check-ins that used it.
    helped: Vec<(String, Mean)>,
    /// Where in `helped` each strategy is: by its words in lower case, and by every
    /// spelling met so far, which spares lower-casing the same words check-in after check-in.
    helped_index: HashMap<String, usize>,
    helped_spelling: HashMap<String, usize>,
    /// The strategies of the check-in being counted, so that one written twice counts once.
    counted: Vec<usize>,
}

impl<'a> Summariser<'a> {
    pub fn new(window: Window, ladder: Option<&'a Ladder>) -> Self {
        Self {
            window,
            ladder,
            expected: [true; 7],
            second_half_starts: window.since + Days::new(u64::from(window.days() / 2)),
            held: None,
            checkins: 0,
            wins: Vec::new(),
            notes: Vec::new(),
            all: Mean::default(),
            mornings: Mean::default(),
            evenings: Mean::default(),
            first_half: Mean::default(),
            second_half: Mean::default(),
            weekdays: [Mean::default(); 7],
            mornings_by_day: vec![None; window.days() as usize],
            school: SchoolCounts::default(),
            steps: Vec::new(),
            helped: Vec::new(),
            helped_index: HashMap::new(),
            helped_spelling: HashMap::new(),
            counted: Vec::new(),
        }
    }

    /// Coverage counts only these weekdays (the configured school days): both the possible
    /// check-ins and the ones done. Every check-in still counts for the rest of the summary.
    pub fn expecting(mut self, school_days: Option<&[Weekday]>) -> Self {
        if let Some(days) = school_days {
            self.expected =
                [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
                    .map(|day| days.contains(&day));
        }
        self
    }

    fn is_expected(&self, date: NaiveDate) -> bool {
        self.expected[date.weekday().num_days_from_monday() as usize]
    }

    /// Takes the next check-in, in the order of date, then morning before evening, then
    /// time recorded. Of several for one day and period (two devices can each save one
    /// before they sync), the one recorded last counts. Check-ins outside the window are
    /// left out.
    pub fn add(&mut self, checkin: CheckIn) {
        if !self.window.contains(checkin.date) {
            return;
        }
        if let Some(held) = self.held.take_if(|h| h.date != checkin.date || h.period != checkin.period) {
            self.count(held);
        }
        self.held = Some(checkin);
    }

    fn count(&mut self, c: CheckIn) {
        if self.is_expected(c.date) {
            self.checkins += 1;
        }
        self.all.add(c.alarm);
        match c.period {
            Period::Morning => {
                self.mornings.add(c.alarm);
                let half = if c.date < self.second_half_starts { &mut self.first_half } else { &mut self.second_half };
                half.add(c.alarm);
                self.weekdays[c.date.weekday().num_days_from_monday() as usize].add(c.alarm);
                self.mornings_by_day[(c.date - self.window.since).num_days() as usize] = Some(c.alarm);
            }
            Period::Evening => {
                self.evenings.add(c.alarm);
                match c.school {
                    Some(School::Full) => self.school.full += 1,
                    Some(School::Partial) => self.school.partial += 1,
                    Some(School::Late) => self.school.late += 1,
                    Some(School::Absent) => self.school.absent += 1,
                    Some(School::None) => self.school.none += 1,
                    None => {}
                }
            }
        }
        if let Some(step) = c.step
            && !self.steps.iter().any(|(reached, _)| reached.id == step.id)
        {
            self.steps.push((step, c.date));
        }
        self.counted.clear();
        for item in c.helped {
            let index = match self.helped_spelling.get(&item) {
                Some(&index) => index,
                None => {
                    let index = *self.helped_index.entry(item.to_lowercase()).or_insert_with(|| {
                        self.helped.push((item.clone(), Mean::default()));
                        self.helped.len() - 1
                    });
                    self.helped_spelling.insert(item, index);
                    index
                }
            };
            if !self.counted.contains(&index) {
                self.counted.push(index);
                self.helped[index].1.add(c.alarm);
            }
        }
        let dated = |text: String| Dated { date: c.date, period: c.period, text };
        self.wins.extend(c.wins.into_iter().map(dated));
        if !c.note.is_empty() {
            self.notes.push(dated(c.note));
        }
    }

    pub fn finish(mut self) -> Summary {
        if let Some(held) = self.held.take() {
            self.count(held);
        }
        let possible = 2 * self.window.dates().filter(|&d| self.is_expected(d)).count() as u32;
        let hardest = hardest_weekday(&self.weekdays);
        let weekdays = self.weekdays;
        let all = self.all;
        let mut helped: Vec<Helped> = self
            .helped
            .into_iter()
            .map(|(text, with)| Helped {
                text,
                uses: with.count as usize,
                avg_alarm_with: with.value().expect("a strategy in the list was used"),
                avg_alarm_without: Mean { sum: all.sum - with.sum, count: all.count - with.count }.value(),
            })
            .collect();
        helped.sort_by_key(|h| std::cmp::Reverse(h.uses));
        let steps = step_figures(self.steps, self.ladder);
        Summary {
            window: self.window,
            coverage: Coverage { days: self.window.days(), checkins: self.checkins, possible },
            wins: self.wins,
            alarm: AlarmFigures {
                morning_avg: self.mornings.value(),
                evening_avg: self.evenings.value(),
                morning_first_half_avg: self.first_half.value(),
                morning_second_half_avg: self.second_half.value(),
                hardest_weekday: hardest.map(|(day, _)| weekday_name(day).to_string()),
                hardest_weekday_avg: hardest.and_then(|(_, mean)| mean.value()),
                hardest_weekday_tied: hardest.is_some_and(|(day, best)| {
                    weekdays.iter().enumerate().any(|(i, m)| {
                        i != day.num_days_from_monday() as usize && m.count > 0 && m.cmp_value(best) == Ordering::Equal
                    })
                }),
                weekdays_with_mornings: weekdays.iter().filter(|m| m.count > 0).count(),
            },
            school: self.school,
            steps,
            helped,
            notes: self.notes,
            mornings_by_day: self.mornings_by_day,
        }
    }
}

/// The steps reached, placed on today's ladder: the highest of those still on it, and those
/// no longer on it.
fn step_figures(reached: Vec<(Step, NaiveDate)>, ladder: Option<&Ladder>) -> StepFigures {
    let mut figures = StepFigures {
        highest: None,
        highest_text: None,
        first_reached: None,
        of: ladder.map_or(0, |l| l.steps.len()),
        off_ladder: Vec::new(),
    };
    for (step, first_reached) in reached {
        match ladder.and_then(|l| l.position(&step.id)) {
            Some(place) if figures.highest.is_none_or(|highest| place > highest) => {
                figures.highest = Some(place);
                figures.highest_text = Some(step.text);
                figures.first_reached = Some(first_reached);
            }
            Some(_) => {}
            None => figures.off_ladder.push(OffLadder { text: step.text, first_reached }),
        }
    }
    figures
}

/// The summary of `checkins` (one child's, in any order; any outside the window are left out).
pub fn summarise(window: Window, checkins: &[CheckIn], ladder: Option<&Ladder>) -> Summary {
    let mut ordered: Vec<&CheckIn> = checkins.iter().collect();
    ordered.sort_by_key(|c| (c.date, c.period, c.updated_at));
    let mut summariser = Summariser::new(window, ladder);
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

/// The weekday with the highest mean morning alarm; a tie goes to the earlier weekday,
/// Monday first.
fn hardest_weekday(by_day: &[Mean; 7]) -> Option<(Weekday, Mean)> {
    let mut hardest: Option<(Weekday, Mean)> = None;
    for (index, &mean) in by_day.iter().enumerate() {
        let beats = hardest.is_none_or(|(_, best)| mean.cmp_value(best) == Ordering::Greater);
        if mean.count > 0 && beats {
            hardest = Some((Weekday::try_from(index as u8).expect("0-6 are weekdays"), mean));
        }
    }
    hardest
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
mod tests {
    use super::*;
    use chrono::DateTime;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn window(since: &str, until: &str) -> Window {
        Window { since: date(since), until: date(until), basis: Basis::Explicit }
    }

    /// A check-in with only what a test cares about.
    fn checkin(day: &str, period: Period, alarm: u8) -> CheckIn {
        CheckIn {
            id: format!("{day}-{}", period.name()),
            child: "Sam".into(),
            date: date(day),
            period,
            created_at: DateTime::parse_from_rfc3339(&format!("{day}T08:00:00+11:00")).unwrap(),
            updated_at: DateTime::parse_from_rfc3339(&format!("{day}T08:00:00+11:00")).unwrap(),
            alarm,
            peak_alarm: None,
            body: vec![],
            helped: vec![],
            wins: vec![],
            school: None,
            step: None,
            next_step: None,
            note: String::new(),
        }
    }

    fn am(day: &str, alarm: u8) -> CheckIn {
        checkin(day, Period::Morning, alarm)
    }

    fn pm(day: &str, alarm: u8) -> CheckIn {
        checkin(day, Period::Evening, alarm)
    }

    /// Fixture builders: a check-in with one more answer.
    impl CheckIn {
        fn wins(mut self, wins: &[&str]) -> Self {
            self.wins = wins.iter().map(|w| w.to_string()).collect();
            self
        }
        fn helped(mut self, helped: &[&str]) -> Self {
            self.helped = helped.iter().map(|h| h.to_string()).collect();
            self
        }
        fn school(mut self, school: School) -> Self {
            self.school = Some(school);
            self
        }
        fn step(mut self, step: &Step) -> Self {
            self.step = Some(step.clone());
            self
        }
        fn note(mut self, note: &str) -> Self {
            self.note = note.to_string();
            self
        }
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a figure");
        assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
    }

    #[test]
    fn the_default_window_starts_at_the_latest_session_before_today() {
        let today = date("2026-11-23");
        let w = Window::default_for(today, [date("2026-11-02"), date("2026-11-16"), date("2026-11-23")]);
        assert_eq!((w.since, w.until, w.basis), (date("2026-11-16"), today, Basis::SinceSession));
        assert_eq!(w.days(), 8);
        let w = Window::default_for(today, [date("2026-11-23"), date("2026-11-30")]);
        assert_eq!((w.since, w.basis), (date("2026-11-10"), Basis::Last14Days));
        assert_eq!(w.days(), 14);
        assert_eq!(Window::default_for(today, []).since, date("2026-11-10"));
    }

    #[test]
    fn an_empty_window_has_no_averages_and_no_lists() {
        let s = summarise(window("2026-11-10", "2026-11-23"), &[am("2026-11-01", 5)], None);
        assert_eq!(s.coverage, Coverage { days: 14, checkins: 0, possible: 28 });
        assert!(s.wins.is_empty() && s.helped.is_empty() && s.notes.is_empty());
        assert_eq!(s.alarm.morning_avg, None);
        assert_eq!(s.alarm.evening_avg, None);
        assert_eq!(s.alarm.morning_first_half_avg, None);
        assert_eq!(s.alarm.hardest_weekday, None);
        assert_eq!(s.school, SchoolCounts::default());
        assert_eq!(
            s.steps,
            StepFigures { highest: None, highest_text: None, first_reached: None, of: 0, off_ladder: vec![] }
        );
        assert_eq!(s.mornings_by_day, vec![None; 14]);
    }

    fn ladder(steps: &[&str]) -> Ladder {
        Ladder { child: "Sam".into(), steps: steps.iter().map(|s| Step::new(s.to_string())).collect() }
    }

    #[test]
    fn a_fortnight_worked_by_hand() {
        // Mon 9 Nov to Sun 22 Nov 2026: 14 days, first half the 9th to the 15th.
        let ladder = ladder(&["uniform on", "drive past", "gate"]);
        let step = |n: usize| &ladder.steps[n - 1];
        let checkins = vec![
            am("2026-11-09", 8).wins(&["got dressed", "ate breakfast"]).helped(&["weighted blanket"]), // Monday
            pm("2026-11-09", 6).wins(&["talked about the day"]).school(School::Absent),
            am("2026-11-10", 6), // Tuesday
            am("2026-11-13", 4).helped(&["Weighted blanket", "slow breathing"]).step(step(2)), // Friday
            pm("2026-11-13", 2).school(School::Partial).note("Said school felt a bit easier"),
            am("2026-11-16", 7),                                           // Monday
            am("2026-11-18", 3).helped(&["slow breathing"]).step(step(3)), // Wednesday
            pm("2026-11-18", 1).school(School::Full),
            am("2026-11-20", 2).step(step(3)), // Friday
            am("2026-11-30", 9),               // outside the window
        ];

        let s = summarise(window("2026-11-09", "2026-11-22"), &checkins, Some(&ladder));

        assert_eq!(s.coverage, Coverage { days: 14, checkins: 9, possible: 28 });
        let wins: Vec<_> = s.wins.iter().map(|w| (w.date.day(), w.period, w.text.as_str())).collect();
        assert_eq!(
            wins,
            [
                (9, Period::Morning, "got dressed"),
                (9, Period::Morning, "ate breakfast"),
                (9, Period::Evening, "talked about the day")
            ]
        );
        // Mornings: 8 6 4 7 3 2 = 30 / 6 = 5.0; evenings: 6 2 1 = 9 / 3 = 3.0.
        close(s.alarm.morning_avg, 5.0);
        close(s.alarm.evening_avg, 3.0);
        // First half (9th-15th): 8 6 4 = 6.0; second half (16th-22nd): 7 3 2 = 4.0.
        close(s.alarm.morning_first_half_avg, 6.0);
        close(s.alarm.morning_second_half_avg, 4.0);
        // Mondays: (8 + 7) / 2 = 7.5, the highest.
        assert_eq!(s.alarm.hardest_weekday.as_deref(), Some("Monday"));
        close(s.alarm.hardest_weekday_avg, 7.5);
        assert_eq!(s.school, SchoolCounts { full: 1, partial: 1, late: 0, absent: 1, none: 0 });
        assert_eq!(
            s.steps,
            StepFigures {
                highest: Some(3),
                highest_text: Some("gate".into()),
                first_reached: Some(date("2026-11-18")),
                of: 3,
                off_ladder: vec![]
            }
        );
        // weighted blanket: 2 uses (8, 4) = 6.0; others 6 6 2 7 3 1 2 = 27 / 7.
        // slow breathing: 2 uses (4, 3) = 3.5; others 8 6 6 2 7 1 2 = 32 / 7. Tie on uses: first used first.
        assert_eq!(s.helped.len(), 2);
        assert_eq!((s.helped[0].text.as_str(), s.helped[0].uses), ("weighted blanket", 2));
        close(Some(s.helped[0].avg_alarm_with), 6.0);
        close(s.helped[0].avg_alarm_without, 27.0 / 7.0);
        assert_eq!((s.helped[1].text.as_str(), s.helped[1].uses), ("slow breathing", 2));
        close(Some(s.helped[1].avg_alarm_with), 3.5);
        close(s.helped[1].avg_alarm_without, 32.0 / 7.0);
        assert_eq!(
            s.notes,
            [Dated { date: date("2026-11-13"), period: Period::Evening, text: "Said school felt a bit easier".into() }]
        );
        let spark =
            [Some(8), Some(6), None, None, Some(4), None, None, Some(7), None, Some(3), None, Some(2), None, None];
        assert_eq!(s.mornings_by_day, spark);
    }

    #[test]
    fn steps_keep_their_identity_when_the_ladder_changes() {
        let before = ladder(&["uniform on", "drive past", "gate"]);
        let checkins = [am("2026-11-16", 5).step(&before.steps[1]), am("2026-11-17", 5).step(&before.steps[2])];
        let window = window("2026-11-16", "2026-11-22");
        // A step inserted below both, and the two swapped: each keeps its words, read at
        // its new place ("drive past" is now the fourth and highest).
        let mut after = before.clone();
        after.steps.insert(0, Step::new("shoes on".into()));
        after.steps.swap(2, 3);
        let s = summarise(window, &checkins, Some(&after));
        assert_eq!((s.steps.highest, s.steps.highest_text.as_deref()), (Some(4), Some("drive past")));
        assert_eq!(s.steps.first_reached, Some(date("2026-11-16")));
        // "gate" replaced by another step: it is no longer on the ladder, and is said so.
        let mut replaced = before.clone();
        replaced.steps[2] = Step::new("first lesson".into());
        let s = summarise(window, &checkins, Some(&replaced));
        assert_eq!((s.steps.highest, s.steps.highest_text.as_deref()), (Some(2), Some("drive past")));
        assert_eq!(s.steps.off_ladder, [OffLadder { text: "gate".into(), first_reached: date("2026-11-17") }]);
        assert_eq!(s.steps.of, 3);
    }

    #[test]
    fn the_window_asked_for() {
        let today = date("2026-11-23");
        let sessions = [date("2026-11-02")];
        let asked = |since: Option<&str>, until: Option<&str>| {
            Window::asked(today, &DateRange { since: since.map(date), until: until.map(date) }, sessions)
        };
        assert_eq!(asked(None, None).unwrap().basis, Basis::SinceSession);
        let w = asked(Some("2026-11-16"), None).unwrap();
        assert_eq!((w.since, w.until, w.basis), (date("2026-11-16"), today, Basis::Explicit));
        assert_eq!(asked(None, Some("2026-11-16")).unwrap().since, date("2026-11-02"));
        assert_eq!(asked(None, Some("2026-11-01")).unwrap().since, date("2026-10-19"));
        assert!(asked(None, Some("2026-11-24")).unwrap_err().contains("in the future"));
        assert!(asked(Some("2026-11-30"), None).unwrap_err().contains("after it ends"));
    }

    #[test]
    fn a_window_with_only_evenings() {
        let s = summarise(window("2026-11-16", "2026-11-22"), &[pm("2026-11-16", 4), pm("2026-11-17", 7)], None);
        assert_eq!(s.alarm.morning_avg, None);
        assert_eq!(s.alarm.morning_first_half_avg, None);
        assert_eq!(s.alarm.morning_second_half_avg, None);
        assert_eq!(s.alarm.hardest_weekday, None);
        close(s.alarm.evening_avg, 5.5);
        assert_eq!(s.coverage.checkins, 2);
    }

    #[test]
    fn a_single_day_is_all_second_half() {
        let s = summarise(window("2026-11-23", "2026-11-23"), &[am("2026-11-23", 6), pm("2026-11-23", 3)], None);
        assert_eq!(s.coverage, Coverage { days: 1, checkins: 2, possible: 2 });
        // floor(1 / 2) = 0 days in the first half.
        assert_eq!(s.alarm.morning_first_half_avg, None);
        close(s.alarm.morning_second_half_avg, 6.0);
        assert_eq!(s.alarm.hardest_weekday.as_deref(), Some("Monday"));
    }

    #[test]
    fn a_leap_day_is_a_day_of_the_window() {
        // 27 Feb to 1 Mar 2028 is four days: the 27th, 28th, 29th and 1st.
        let checkins = [am("2028-02-28", 2), am("2028-02-29", 4), am("2028-03-01", 9)];
        let s = summarise(window("2028-02-27", "2028-03-01"), &checkins, None);
        assert_eq!(s.coverage.days, 4);
        // First half: the 27th and 28th (2); second: the 29th and 1st (4, 9).
        close(s.alarm.morning_first_half_avg, 2.0);
        close(s.alarm.morning_second_half_avg, 6.5);
        assert_eq!(s.mornings_by_day, [None, Some(2), Some(4), Some(9)]);
    }

    #[test]
    fn a_window_across_a_daylight_saving_change_counts_calendar_days() {
        // Sydney moves to daylight time on 4 Oct 2026: the offsets change, the days do not.
        let mut before = am("2026-10-03", 6);
        before.updated_at = DateTime::parse_from_rfc3339("2026-10-03T07:30:00+10:00").unwrap();
        let mut after = am("2026-10-05", 2);
        after.updated_at = DateTime::parse_from_rfc3339("2026-10-05T07:30:00+11:00").unwrap();
        let s = summarise(window("2026-10-02", "2026-10-05"), &[after, before], None);
        assert_eq!(s.coverage, Coverage { days: 4, checkins: 2, possible: 8 });
        close(s.alarm.morning_first_half_avg, 6.0);
        close(s.alarm.morning_second_half_avg, 2.0);
        assert_eq!(s.mornings_by_day, [None, Some(6), None, Some(2)]);
    }

    #[test]
    fn a_tie_for_the_hardest_weekday_goes_to_the_earlier_day_of_the_week() {
        // Wednesday 18th and Tuesday 17th both average 6; Monday 16th is 5.
        let checkins = [am("2026-11-18", 6), am("2026-11-17", 6), am("2026-11-16", 5)];
        let s = summarise(window("2026-11-16", "2026-11-22"), &checkins, None);
        assert_eq!(s.alarm.hardest_weekday.as_deref(), Some("Tuesday"));
        // 4 + 8 on two Mondays is exactly 6 too: exact comparison, still Monday first.
        let checkins = [am("2026-11-09", 4), am("2026-11-16", 8), am("2026-11-17", 6)];
        let s = summarise(window("2026-11-09", "2026-11-22"), &checkins, None);
        assert_eq!(s.alarm.hardest_weekday.as_deref(), Some("Monday"));
    }

    #[test]
    fn a_days_wins_are_listed_once_each_in_the_order_written() {
        let checkins = [
            am("2026-11-20", 5).wins(&["ate breakfast", "got dressed"]),
            pm("2026-11-20", 3).wins(&["ate breakfast", "shared a laugh"]),
            am("2026-11-21", 4).wins(&["ate breakfast"]),
        ];
        let s = summarise(window("2026-11-20", "2026-11-21"), &checkins, None);
        assert_eq!(s.wins.len(), 5, "the figures keep each check-in's wins");
        let days: Vec<_> = s.wins_by_day().map(|(d, wins)| (d.day(), wins)).collect();
        assert_eq!(days, [(20, vec!["ate breakfast", "got dressed", "shared a laugh"]), (21, vec!["ate breakfast"])]);
    }

    #[test]
    fn two_devices_mornings_for_one_day_count_once_the_later_one_wins() {
        let mut early = am("2026-11-20", 8).wins(&["from mum"]);
        early.id = "a".into();
        let mut late = am("2026-11-20", 4).wins(&["from dad"]);
        late.id = "b".into();
        late.updated_at = DateTime::parse_from_rfc3339("2026-11-20T08:30:00+11:00").unwrap();
        let checkins = [late, early, pm("2026-11-20", 2)];
        let s = summarise(window("2026-11-20", "2026-11-20"), &checkins, None);
        assert_eq!(s.coverage, Coverage { days: 1, checkins: 2, possible: 2 });
        close(s.alarm.morning_avg, 4.0);
        assert_eq!(s.wins.len(), 1);
        assert_eq!(s.wins[0].text, "from dad");
        let groups = same_slot_groups(&checkins);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), 2);
    }

    #[test]
    fn the_text_knows_a_tie_and_a_lone_weekday() {
        let s = summarise(window("2026-11-16", "2026-11-22"), &[am("2026-11-16", 7), am("2026-11-17", 7)], None);
        assert!(s.alarm.hardest_weekday_tied);
        assert_eq!(s.alarm.weekdays_with_mornings, 2);
        let s = summarise(window("2026-11-16", "2026-11-22"), &[am("2026-11-16", 7)], None);
        assert!(!s.alarm.hardest_weekday_tied);
        assert_eq!(s.alarm.weekdays_with_mornings, 1);
    }

    #[test]
    fn only_expected_days_are_possible() {
        let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
        let mut summariser = Summariser::new(window("2026-11-16", "2026-11-22"), None).expecting(Some(&weekdays));
        summariser.add(am("2026-11-20", 5)); // Friday
        summariser.add(am("2026-11-21", 3)); // Saturday: not expected, but its alarm counts
        let s = summariser.finish();
        assert_eq!(s.coverage, Coverage { days: 7, checkins: 1, possible: 10 });
        close(s.alarm.morning_avg, 4.0);
    }

    #[test]
    fn a_strategy_used_on_every_check_in_has_no_comparison() {
        let checkin = am("2026-11-20", 5).helped(&["movement"]);
        let s = summarise(window("2026-11-20", "2026-11-20"), &[checkin], None);
        assert_eq!(s.helped[0].avg_alarm_without, None);
        close(Some(s.helped[0].avg_alarm_with), 5.0);
    }

    #[test]
    fn the_json_names_are_the_published_ones() {
        let s = summarise(window("2026-11-20", "2026-11-20"), &[am("2026-11-20", 5)], None);
        let json = serde_json::to_value(&s).unwrap();
        let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["window", "coverage", "wins", "alarm", "school", "steps", "helped", "notes"]);
        assert_eq!(json["window"]["basis"], "explicit");
        let basis = |b: Basis| serde_json::to_value(b).unwrap();
        assert_eq!(basis(Basis::Last14Days), "last_14_days");
        assert_eq!(basis(Basis::SinceSession), "since_session");
        let alarm: Vec<_> = json["alarm"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            alarm,
            ["morning_avg", "evening_avg", "morning_first_half_avg", "morning_second_half_avg", "hardest_weekday"]
        );
    }
}
