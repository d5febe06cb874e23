//! Each rule of the summary on a fixture small enough to work by hand; the working is in
//! the comments.

use super::*;
use crate::model::{Lessons, SchoolDay};
use chrono::{DateTime, NaiveTime};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn window(since: &str, until: &str) -> Window {
    Window { since: date(since), until: date(until), basis: Basis::Explicit }
}

/// The summary of `checkins` over a window chosen by hand, Monday to Friday expected.
fn summary_of(since: &str, until: &str, checkins: &[CheckIn]) -> Summary {
    summarise(Summariser::new(window(since, until), None), checkins)
}

/// A check-in with only what a test cares about.
fn checkin(day: &str, period: Period, alarm: u8) -> CheckIn {
    let at = DateTime::parse_from_rfc3339(&format!("{day}T08:00:00+11:00")).unwrap();
    CheckIn { id: format!("{day}-{}", period.name()), alarm, ..CheckIn::blank("Sam".into(), date(day), period, at) }
}

fn am(day: &str, alarm: u8) -> CheckIn {
    checkin(day, Period::Morning, alarm)
}

fn pm(day: &str, alarm: u8) -> CheckIn {
    checkin(day, Period::Evening, alarm)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Fixture builders: a check-in with one more answer.
impl CheckIn {
    fn wins(mut self, wins: &[&str]) -> Self {
        self.wins = strings(wins);
        self
    }
    fn helped(mut self, helped: &[&str]) -> Self {
        self.helped = strings(helped);
        self
    }
    fn body(mut self, body: &[&str]) -> Self {
        self.body = strings(body);
        self
    }
    fn school(mut self, outcome: School) -> Self {
        self.school = Some(SchoolDay::of(outcome));
        self
    }
    fn absent(mut self, reason: Option<Reason>) -> Self {
        self.school = Some(SchoolDay { reason, ..SchoolDay::of(School::Absent) });
        self
    }
    fn peak(mut self, peak: u8) -> Self {
        self.peak_alarm = Some(peak);
        self
    }
    fn step(mut self, step: &Step) -> Self {
        self.step = Some(step.clone());
        self
    }
    fn next(mut self, next: &str) -> Self {
        self.next_step = Some(next.to_string());
        self
    }
    fn note(mut self, note: &str) -> Self {
        self.note = note.to_string();
        self
    }
    fn own(mut self, own: u8) -> Self {
        self.own_rating = Some(own);
        self
    }
    fn calm(mut self, calm: u8, for_me: &[&str]) -> Self {
        self.parent_calm = Some(calm);
        self.for_me = strings(for_me);
        self
    }
    fn by(mut self, recorder: &str) -> Self {
        self.recorded_by = Some(recorder.to_string());
        self
    }
}

fn ladder(steps: &[&str]) -> Ladder {
    Ladder { child: "Sam".into(), steps: steps.iter().map(|s| Step::new(s.to_string())).collect() }
}

#[test]
fn an_empty_window_has_no_medians_and_no_lists() {
    let s = summary_of("2026-11-09", "2026-11-22", &[am("2026-11-01", 5)]);
    assert_eq!(
        s.coverage,
        Coverage {
            days: 14,
            counted_from: Some(date("2026-11-09")),
            expected_days: 10,
            days_with_checkin: 0,
            checkins: 0
        }
    );
    assert!(s.wins.is_empty() && s.helped.is_empty() && s.notes.is_empty() && s.body.is_empty());
    assert_eq!((s.alarm.morning_median, s.alarm.evening_median, s.alarm.peak_median), (None, None, None));
    assert_eq!(s.alarm.hardest_weekday, None);
    assert_eq!(s.trend.verdict, Verdict::TooFew);
    assert_eq!(s.school.school_days, 10, "ten weekdays, none recorded");
    assert_eq!(s.school.not_recorded, 10);
    assert_eq!(s.steps.highest, None);
    assert_eq!(s.mornings_by_day, vec![None; 14]);
}

#[test]
fn a_fortnight_worked_by_hand() {
    // Mon 9 Nov to Sun 22 Nov 2026.
    let ladder = ladder(&["uniform on", "drive past", "gate"]);
    let step = |n: usize| &ladder.steps[n - 1];
    let checkins = vec![
        am("2026-11-09", 8).wins(&["got dressed", "ate breakfast"]), // Monday
        pm("2026-11-09", 6).peak(9).wins(&["Got dressed", "talked about the day"]).absent(Some(Reason::Anxiety)),
        am("2026-11-10", 6),               // Tuesday, no evening
        am("2026-11-13", 4).step(step(2)), // Friday
        pm("2026-11-13", 2).peak(5).school(School::Part).note("Said school felt a bit easier"),
        am("2026-11-14", 1),               // Saturday
        am("2026-11-16", 7),               // Monday
        am("2026-11-18", 3).step(step(3)), // Wednesday
        pm("2026-11-18", 1).peak(3).school(School::Full),
        am("2026-11-20", 2).step(step(3)), // Friday
        am("2026-11-30", 9),               // outside the window
    ];
    let s = summarise(Summariser::new(window("2026-11-09", "2026-11-22"), Some(&ladder)), &checkins);

    // Ten weekdays; check-ins on the 9th, 10th, 13th, 16th, 18th and 20th; the Saturday
    // counts for everything but coverage.
    assert_eq!(
        s.coverage,
        Coverage {
            days: 14,
            counted_from: Some(date("2026-11-09")),
            expected_days: 10,
            days_with_checkin: 6,
            checkins: 10
        }
    );
    // "Got dressed" in the evening is the morning's win again.
    let wins: Vec<_> = s.wins.iter().map(|w| (w.date.day(), w.text.as_str())).collect();
    assert_eq!(wins, [(9, "got dressed"), (9, "ate breakfast"), (9, "talked about the day")]);
    // Mornings 8 6 4 1 7 3 2: sorted 1 2 3 4 6 7 8, median 4; two at 7 or more.
    assert_eq!((s.alarm.morning_median, s.alarm.mornings, s.alarm.hard_mornings), (Some(4.0), 7, 2));
    // Evenings 6 2 1: median 2. Peaks 9 5 3: median 5, one at 7 or more, the 9th the hardest.
    assert_eq!((s.alarm.evening_median, s.alarm.evenings), (Some(2.0), 3));
    assert_eq!((s.alarm.peak_median, s.alarm.peaks, s.alarm.hard_peak_days), (Some(5.0), 3, 1));
    assert_eq!(s.alarm.hardest_peak_day, Some(PeakDay { date: date("2026-11-09"), peak: 9, days: 1, note: None }));
    // Mondays 8 7 (median 7.5, 2 mornings) against Fridays 4 2, Tuesday 6, Wednesday 3,
    // Saturday 1: five weekdays seen, Monday highest with two mornings.
    assert_eq!(s.alarm.hardest_weekday.as_deref(), Some("Monday"));
    assert_eq!((s.alarm.hardest_weekday_median, s.alarm.hardest_weekday_mornings), (Some(7.5), 2));
    // School: the 9th at home (anxiety), the 13th part, the 18th full; the other seven
    // weekdays have no evening saying how school went.
    let school = &s.school;
    assert_eq!((school.full, school.part, school.attended, school.absent_anxiety), (1, 1, 2, 1));
    assert_eq!((school.not_recorded, school.school_days, school.no_school), (7, 10, 0));
    assert_eq!(school.minutes_in, None);
    // Steps: "gate" (3) reached twice, first on the 18th; usual lately: places 2 3 3, median 3.
    let st = &s.steps;
    assert_eq!((st.highest, st.highest_text.as_deref(), st.highest_times), (Some(3), Some("gate"), 2));
    assert_eq!(st.first_reached, Some(date("2026-11-18")));
    assert_eq!((st.usual_lately, st.usual_lately_n, st.of), (Some(3), 3, 3));
    assert_eq!(
        s.notes,
        [Dated { date: date("2026-11-13"), period: Period::Evening, text: "Said school felt a bit easier".into() }]
    );
    let spark =
        [Some(8), Some(6), None, None, Some(4), Some(1), None, Some(7), None, Some(3), None, Some(2), None, None];
    assert_eq!(s.mornings_by_day, spark);
}

#[test]
fn a_strategy_is_compared_with_the_same_times_of_day_only() {
    // "calm presence" on 4 mornings (8 7 7 6) and 2 evenings (5 4). Other mornings 3 4 2
    // 5; other evenings 1 2 2.
    let calm = |c: CheckIn| c.helped(&["calm presence"]);
    let checkins = vec![
        calm(am("2026-11-02", 8)),
        calm(pm("2026-11-02", 5)),
        calm(am("2026-11-03", 7)),
        calm(pm("2026-11-03", 4)),
        calm(am("2026-11-04", 7)),
        pm("2026-11-04", 1),
        calm(am("2026-11-05", 6)).helped(&["calm presence", "Calm Presence"]),
        pm("2026-11-05", 2),
        am("2026-11-06", 3),
        pm("2026-11-06", 2),
        am("2026-11-09", 4),
        am("2026-11-10", 2),
        am("2026-11-11", 5),
    ];
    let s = summary_of("2026-11-02", "2026-11-15", &checkins);
    let [mornings, evenings] = [&s.helped[0], &s.helped[1]];
    // Mornings: with 6 7 7 8 → median 7 (n=4); without 2 3 4 5 → median 3.5 (n=4). Written
    // twice on the 5th, it counts once.
    assert_eq!((mornings.period, mornings.uses), (Period::Morning, 4));
    assert_eq!((mornings.median_with, mornings.n_with), (Some(7.0), 4));
    assert_eq!((mornings.median_without, mornings.n_without), (Some(3.5), 4));
    // Evenings: 2 with, 3 without: too few to compare, the counts alone.
    assert_eq!((evenings.period, evenings.uses, evenings.n_without), (Period::Evening, 2, 3));
    assert_eq!((evenings.median_with, evenings.median_without), (None, None));
    assert!(mornings.compared() && !evenings.compared());
}

#[test]
fn a_comparison_needs_three_on_each_side() {
    let with = |c: CheckIn| c.helped(&["movement"]);
    // 3 with, 2 without: no medians.
    let checkins = [with(am("2026-11-02", 5)), with(am("2026-11-03", 5)), with(am("2026-11-04", 5))];
    let more = [am("2026-11-05", 2), am("2026-11-06", 2)];
    let s = summary_of("2026-11-02", "2026-11-08", &[&checkins[..], &more[..]].concat());
    assert_eq!((s.helped[0].median_with, s.helped[0].n_without), (None, 2));
    // A third without: now both.
    let s = summary_of("2026-11-02", "2026-11-09", &[&checkins[..], &more[..], &[am("2026-11-09", 2)]].concat());
    assert_eq!((s.helped[0].median_with, s.helped[0].median_without), (Some(5.0), Some(2.0)));
}

#[test]
fn strategies_are_sorted_by_uses() {
    let checkins = [
        am("2026-11-02", 5).helped(&["once"]),
        am("2026-11-03", 5).helped(&["often"]),
        am("2026-11-04", 5).helped(&["often"]),
    ];
    let s = summary_of("2026-11-02", "2026-11-08", &checkins);
    let order: Vec<_> = s.helped.iter().map(|h| (h.text.as_str(), h.uses)).collect();
    assert_eq!(order, [("often", 2), ("once", 1)]);
}

/// Mornings on Mondays to Thursdays of the weeks starting `mondays`, at `alarm`.
fn school_mornings(mondays: &[&str], alarm: u8) -> Vec<CheckIn> {
    mondays
        .iter()
        .flat_map(|monday| (0..4).map(move |d| am(&(date(monday) + chrono::Days::new(d)).to_string(), alarm)))
        .collect()
}

#[test]
fn lower_or_higher_only_a_whole_point_apart_with_four_mornings_each() {
    // The window is 16 to 29 Nov; the 14 days before are 2 to 15 Nov.
    let before = school_mornings(&["2026-11-02"], 6); // 4 mornings at 6
    let trend = |now: &[CheckIn]| summary_of("2026-11-16", "2026-11-29", &[&before[..], now].concat()).trend;
    let t = trend(&school_mornings(&["2026-11-16"], 5));
    assert_eq!((t.previous.since, t.previous.until), (date("2026-11-02"), date("2026-11-15")));
    assert_eq!((t.previous.mornings, t.previous.morning_median, t.previous.hard_mornings), (4, Some(6.0), 0));
    assert_eq!((t.this.mornings, t.this.morning_median), (4, Some(5.0)));
    assert_eq!(t.verdict, Verdict::Lower);
    assert_eq!(trend(&school_mornings(&["2026-11-16"], 7)).verdict, Verdict::Higher);
    // 5 5 6 6: median 5.5, half a point: about the same.
    let mut mixed = school_mornings(&["2026-11-16"], 5);
    mixed[2].alarm = 6;
    mixed[3].alarm = 6;
    assert_eq!(trend(&mixed).verdict, Verdict::AboutTheSame);
    // Three mornings: too few, however far apart.
    assert_eq!(trend(&school_mornings(&["2026-11-16"], 1)[..3]).verdict, Verdict::TooFew);
}

#[test]
fn the_trend_counts_school_mornings_only() {
    let before = school_mornings(&["2026-11-02"], 6);
    let mut now = school_mornings(&["2026-11-16"], 6);
    // A Saturday and a Sunday morning at 0, and a Friday the evening says had no school:
    // none is a school morning.
    now.extend([
        am("2026-11-21", 0),
        am("2026-11-22", 0),
        am("2026-11-27", 0),
        pm("2026-11-27", 0).school(School::None),
    ]);
    let t = summary_of("2026-11-16", "2026-11-29", &[&before[..], &now[..]].concat()).trend;
    assert_eq!((t.this.mornings, t.this.morning_median, t.verdict), (4, Some(6.0), Verdict::AboutTheSame));
    // But a Saturday the evening says was a school day is one.
    let saturday = [am("2026-11-28", 0), pm("2026-11-28", 0).school(School::Full)];
    let t = summary_of("2026-11-16", "2026-11-29", &[&before[..], &now[..], &saturday[..]].concat()).trend;
    assert_eq!(t.this.mornings, 5);
}

#[test]
fn a_morning_ill_at_home_is_not_compared() {
    let before = school_mornings(&["2026-11-02"], 6);
    let mut now = school_mornings(&["2026-11-16"], 6);
    // Friday the 20th: ill at home, the morning low for that reason.
    now.extend([am("2026-11-20", 1), pm("2026-11-20", 1).absent(Some(Reason::Ill))]);
    let s = summary_of("2026-11-16", "2026-11-29", &[&before[..], &now[..]].concat());
    assert_eq!((s.trend.this.mornings, s.trend.this.morning_median), (4, Some(6.0)));
    // Still a school day at home, and a morning of the window.
    assert_eq!((s.school.absent_ill, s.alarm.mornings), (1, 5));
}

#[test]
fn a_window_from_a_session_is_compared_with_the_interval_before() {
    let sessions = [(date("2026-11-02"), "first"), (date("2026-11-16"), "drop at the gate and leave")];
    let summariser = Summariser::new(Window::default_for(date("2026-11-25"), sessions.map(|s| s.0)), None)
        .with_sessions(sessions)
        .as_of(date("2026-11-25"));
    assert_eq!(summariser.dates().since, Some(date("2026-11-02")));
    let s = summarise(summariser, &school_mornings(&["2026-11-02", "2026-11-09", "2026-11-16"], 5));
    assert_eq!(s.trend.basis, TrendBasis::PreviousInterval);
    assert_eq!(
        (s.trend.previous.since, s.trend.previous.until, s.trend.previous.mornings),
        (date("2026-11-02"), date("2026-11-15"), 8)
    );
    assert_eq!(s.session_note.as_deref(), Some("drop at the gate and leave"));
    // The mornings before the window are compared, never summarised.
    assert_eq!(s.alarm.mornings, 4);
}

#[test]
fn the_hardest_weekday_needs_two_mornings_on_it_and_three_weekdays() {
    let hardest = |checkins: &[CheckIn]| summary_of("2026-11-02", "2026-11-29", checkins).alarm.hardest_weekday;
    // One Friday at 10 is the highest, but one morning is no pattern.
    let base = [am("2026-11-02", 5), am("2026-11-09", 5), am("2026-11-03", 3), am("2026-11-10", 3)];
    assert_eq!(hardest(&[&base[..], &[am("2026-11-06", 10)]].concat()), None);
    // A second Friday makes it one.
    assert_eq!(hardest(&[&base[..], &[am("2026-11-06", 10), am("2026-11-13", 9)]].concat()).as_deref(), Some("Friday"));
    // Mondays and Tuesdays only: two weekdays are too few.
    assert_eq!(hardest(&base), None);
    // Monday and Wednesday level at the top: no single hardest day.
    assert_eq!(hardest(&[&base[..], &[am("2026-11-04", 5), am("2026-11-11", 5)]].concat()), None);
    // Monday alone at the top, with three weekdays seen.
    assert_eq!(hardest(&[&base[..], &[am("2026-11-04", 4)]].concat()).as_deref(), Some("Monday"));
}

#[test]
fn the_days_peak_is_summarised_and_the_hardest_day_named_with_its_note() {
    let checkins = [
        am("2026-11-02", 3),
        pm("2026-11-02", 2).peak(8).note("meltdown at the gate"),
        pm("2026-11-03", 1).peak(4),
        pm("2026-11-04", 2).peak(8).note("tears at bedtime"),
        pm("2026-11-05", 2).peak(7),
    ];
    let a = summary_of("2026-11-02", "2026-11-08", &checkins).alarm;
    // Peaks 8 4 8 7: median 7.5; three at 7 or more; of the two 8s, the later.
    assert_eq!((a.peak_median, a.peaks, a.hard_peak_days), (Some(7.5), 4, 3));
    let hardest = a.hardest_peak_day.unwrap();
    assert_eq!(hardest.days, 2, "two days peaked at 8");
    assert_eq!(
        (hardest.date, hardest.peak, hardest.note.as_deref()),
        (date("2026-11-04"), 8, Some("tears at bedtime"))
    );
    // Evenings are the bedtime level, kept apart from the peak.
    assert_eq!(a.evening_median, Some(2.0));
}

#[test]
fn the_usual_step_lately_is_the_middle_of_the_last_five() {
    let ladder = ladder(&["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    let step = |n: usize| &ladder.steps[n - 1];
    // Reached 10 once, early; then 4 3 5 4 4 (the last five): sorted 3 4 4 4 5, middle 4.
    let places = [2, 10, 6, 4, 3, 5, 4, 4];
    let checkins: Vec<CheckIn> = places
        .iter()
        .enumerate()
        .map(|(i, &n)| am(&(date("2026-11-02") + chrono::Days::new(i as u64)).to_string(), 3).step(step(n)))
        .collect();
    let s = summarise(Summariser::new(window("2026-11-02", "2026-11-15"), Some(&ladder)), &checkins);
    let st = &s.steps;
    assert_eq!((st.highest, st.highest_times, st.first_reached), (Some(10), 1, Some(date("2026-11-03"))));
    assert_eq!((st.usual_lately, st.usual_lately_text.as_deref(), st.usual_lately_n), (Some(4), Some("4"), 5));
    // With four, the lower of the two middle ones: 2 10 6 4 → 2 4 6 10 → 4.
    let s = summarise(Summariser::new(window("2026-11-02", "2026-11-15"), Some(&ladder)), &checkins[..4]);
    assert_eq!((s.steps.usual_lately, s.steps.usual_lately_n), (Some(4), 4));
}

#[test]
fn steps_keep_their_identity_when_the_ladder_changes() {
    let before = ladder(&["uniform on", "drive past", "gate"]);
    let checkins = [am("2026-11-16", 5).step(&before.steps[1]), am("2026-11-17", 5).step(&before.steps[2])];
    let window = window("2026-11-16", "2026-11-22");
    // A step inserted below both, and the two swapped: each keeps its words, read at its
    // new place ("drive past" is now the fourth and highest).
    let mut after = before.clone();
    after.steps.insert(0, Step::new("shoes on".into()));
    after.steps.swap(2, 3);
    let s = summarise(Summariser::new(window, Some(&after)), &checkins);
    assert_eq!((s.steps.highest, s.steps.highest_text.as_deref()), (Some(4), Some("drive past")));
    assert_eq!(s.steps.first_reached, Some(date("2026-11-16")));
    // "gate" replaced by another step: it is no longer on the ladder, and is said so.
    let mut replaced = before.clone();
    replaced.steps[2] = Step::new("first lesson".into());
    let s = summarise(Summariser::new(window, Some(&replaced)), &checkins);
    assert_eq!((s.steps.highest, s.steps.highest_text.as_deref()), (Some(2), Some("drive past")));
    assert_eq!(s.steps.off_ladder, [OffLadder { text: "gate".into(), first_reached: date("2026-11-17") }]);
    assert_eq!((s.steps.usual_lately, s.steps.usual_lately_n), (Some(2), 1), "only steps still on the ladder");
}

#[test]
fn attendance_keeps_illness_apart_and_never_drops_a_day() {
    // Mon 16 to Sun 22 Nov, today Fri 20th: the evening of the 20th is still to come.
    let at = |raw: &str| Some(NaiveTime::parse_from_str(raw, "%H:%M").unwrap());
    let part = SchoolDay {
        time_in: at("10:30"),
        time_out: at("13:00"),
        lessons: Some(Lessons { attended: 2, of: 6 }),
        ..SchoolDay::of(School::Part)
    };
    let checkins = [
        pm("2026-11-16", 3).school(School::Full),
        pm("2026-11-17", 5).absent(Some(Reason::Ill)),
        am("2026-11-18", 6), // no evening: not recorded
        pm("2026-11-19", 2),
        pm("2026-11-21", 1).school(School::None),
    ];
    let mut checkins = checkins.to_vec();
    checkins[3].school = Some(part);
    let summariser = Summariser::new(window("2026-11-16", "2026-11-22"), None).as_of(date("2026-11-20"));
    let school = summarise(summariser, &checkins).school;
    assert_eq!((school.full, school.part, school.attended), (1, 1, 2));
    assert_eq!((school.absent_ill, school.absent_anxiety), (1, 0));
    assert_eq!(school.not_recorded, 1, "the 18th; the 20th is today");
    assert_eq!(school.school_days, 4);
    assert_eq!((school.no_school, school.no_school_weekdays), (1, 0), "a Saturday without school is no holiday");
    assert_eq!((school.minutes_in, school.minutes_in_median, school.days_with_times), (Some(150), Some(150.0), 1));
    assert_eq!((school.lessons_attended, school.lessons_of), (Some(2), Some(6)));
}

#[test]
fn a_holiday_weekday_is_not_a_school_day_and_an_old_absence_has_no_reason() {
    let checkins = [pm("2026-11-16", 3).school(School::None), pm("2026-11-17", 3).absent(None)];
    let school = summary_of("2026-11-16", "2026-11-17", &checkins).school;
    assert_eq!((school.school_days, school.no_school, school.absent_no_reason, school.not_recorded), (1, 1, 1, 0));
    assert_eq!(school.no_school_weekdays, 1, "a Monday holiday");
    // Two sessions on the day a window opens: both notes.
    let sessions = [(date("2026-11-16"), "agreed the ladder"), (date("2026-11-16"), "call the school")];
    let summariser = Summariser::new(window("2026-11-16", "2026-11-17"), None).with_sessions(sessions);
    assert_eq!(summarise(summariser, &[]).session_note.as_deref(), Some("agreed the ladder\ncall the school"));
}

#[test]
fn coverage_counts_school_days_only() {
    // Mon 16 to Sun 22 Nov with school on Mondays and Fridays only.
    let checkins = [am("2026-11-16", 5), pm("2026-11-16", 3), am("2026-11-18", 5), am("2026-11-21", 3)];
    let summariser = Summariser::new(window("2026-11-16", "2026-11-22"), None).expecting(&[Weekday::Mon, Weekday::Fri]);
    let s = summarise(summariser, &checkins);
    assert_eq!(
        s.coverage,
        Coverage {
            days: 7,
            counted_from: Some(date("2026-11-16")),
            expected_days: 2,
            days_with_checkin: 1,
            checkins: 4
        }
    );
    // The Wednesday and Saturday mornings still count for the alarm.
    assert_eq!(s.alarm.mornings, 3);
}

#[test]
fn days_before_the_first_check_in_are_not_missing() {
    // The journal began on Thursday 19th; the window is Mon 16 to Sun 22 Nov, today the 21st.
    let checkins = [am("2026-11-19", 5), pm("2026-11-19", 3).school(School::Full), am("2026-11-20", 4)];
    let summariser = Summariser::new(window("2026-11-16", "2026-11-22"), None)
        .recording_since(Some(date("2026-11-19")))
        .as_of(date("2026-11-21"));
    let s = summarise(summariser, &checkins);
    assert_eq!(
        (s.coverage.counted_from, s.coverage.expected_days, s.coverage.days_with_checkin),
        (Some(date("2026-11-19")), 2, 2)
    );
    assert_eq!((s.school.school_days, s.school.attended, s.school.not_recorded), (2, 1, 1));
    // A journal with no check-in yet expects none.
    let s = summarise(Summariser::new(window("2026-11-16", "2026-11-22"), None).recording_since(None), &[]);
    assert_eq!((s.coverage.counted_from, s.coverage.expected_days, s.school.not_recorded), (None, 0, 0));
}

#[test]
fn body_signals_are_counted_by_time_of_day() {
    let checkins = [
        am("2026-11-16", 5).body(&["stomach ache", "tired"]),
        am("2026-11-17", 5).body(&["Stomach ache"]),
        am("2026-11-18", 5),
        pm("2026-11-18", 5).body(&["stomach ache"]),
    ];
    let s = summary_of("2026-11-16", "2026-11-22", &checkins);
    let body: Vec<_> = s.body.iter().map(|b| (b.text.as_str(), b.period, b.count, b.of)).collect();
    assert_eq!(
        body,
        [
            ("stomach ache", Period::Morning, 2, 3),
            ("stomach ache", Period::Evening, 1, 1),
            ("tired", Period::Morning, 1, 3)
        ]
    );
}

#[test]
fn the_latest_next_steps_come_first() {
    let checkins: Vec<CheckIn> =
        (16..=22).map(|d| pm(&format!("2026-11-{d}"), 3).next(&format!("step of the {d}th"))).collect();
    let s = summary_of("2026-11-16", "2026-11-22", &checkins);
    let next: Vec<_> = s.next_steps.iter().map(|n| n.date.day()).collect();
    assert_eq!(next, [22, 21, 20, 19, 18]);
}

#[test]
fn two_devices_check_ins_for_one_day_count_once_the_later_one_wins() {
    let mut early = am("2026-11-20", 8).wins(&["from mum"]);
    early.id = "a".into();
    let mut late = am("2026-11-20", 4).wins(&["from dad"]);
    late.id = "b".into();
    late.updated_at = DateTime::parse_from_rfc3339("2026-11-20T08:30:00+11:00").unwrap();
    let checkins = [late, early, pm("2026-11-20", 2)];
    let s = summary_of("2026-11-20", "2026-11-20", &checkins);
    assert_eq!(s.coverage.checkins, 2);
    assert_eq!(s.alarm.morning_median, Some(4.0));
    assert_eq!(s.wins.len(), 1);
    assert_eq!(s.wins[0].text, "from dad");
    let groups = same_slot_groups(&checkins);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].len(), 2);
}

#[test]
fn a_leap_day_is_a_day_of_the_window() {
    let s = summary_of("2028-02-27", "2028-03-01", &[am("2028-02-28", 2), am("2028-02-29", 4), am("2028-03-01", 9)]);
    assert_eq!(s.coverage.days, 4);
    assert_eq!(s.mornings_by_day, [None, Some(2), Some(4), Some(9)]);
}

#[test]
fn the_json_names_are_the_published_ones() {
    let s = summary_of("2026-11-20", "2026-11-20", &[am("2026-11-20", 5)]);
    let json = serde_json::to_value(&s).unwrap();
    let keys = |value: &serde_json::Value| -> Vec<String> { value.as_object().unwrap().keys().cloned().collect() };
    let top = [
        "concerns",
        "safety_line",
        "window",
        "session_note",
        "coverage",
        "wins",
        "alarm",
        "trend",
        "school",
        "steps",
        "helped",
        "body",
        "own_ratings",
        "parent_calm",
        "for_me",
        "recorders",
        "next_steps",
        "notes",
    ];
    assert_eq!(keys(&json), top);
    assert_eq!(keys(&json["coverage"]), ["days", "counted_from", "expected_days", "days_with_checkin", "checkins"]);
    for name in
        ["morning_median", "evening_median", "peak_median", "hard_mornings", "hard_peak_days", "hardest_weekday"]
    {
        assert!(json["alarm"].get(name).is_some(), "alarm.{name}");
    }
    assert_eq!(keys(&json["trend"]), ["basis", "this", "previous", "verdict"]);
    assert_eq!(keys(&json["trend"]["this"]), ["since", "until", "mornings", "morning_median", "hard_mornings"]);
    assert_eq!(json["trend"]["basis"], "previous_window");
    assert_eq!(json["trend"]["verdict"], "too few");
    for name in [
        "school_days",
        "attended",
        "full",
        "part",
        "absent_anxiety",
        "absent_ill",
        "absent_other",
        "no_school",
        "not_recorded",
        "minutes_in",
    ] {
        assert!(json["school"].get(name).is_some(), "school.{name}");
    }
    for name in ["highest", "highest_text", "highest_times", "first_reached", "usual_lately", "usual_lately_text", "of"]
    {
        assert!(json["steps"].get(name).is_some(), "steps.{name}");
    }
    let helped = summary_of("2026-11-20", "2026-11-20", &[am("2026-11-20", 5).helped(&["hug"])]);
    let helped = serde_json::to_value(&helped.helped[0]).unwrap();
    assert_eq!(keys(&helped), ["text", "period", "uses", "median_with", "n_with", "median_without", "n_without"]);
    let verdict = |v: Verdict| serde_json::to_value(v).unwrap();
    assert_eq!(verdict(Verdict::AboutTheSame), "about the same");
    assert_eq!(verdict(Verdict::Lower), "lower");
    assert_eq!(serde_json::to_value(Basis::Last14Days).unwrap(), "last_14_days");
}

#[test]
fn todays_evening_once_recorded_counts_like_any_other() {
    // Today is Wed 18th: the 16th has no evening, the 17th and today's do.
    let checkins = [pm("2026-11-17", 3).school(School::Full), pm("2026-11-18", 2).school(School::Part)];
    let summariser = Summariser::new(window("2026-11-16", "2026-11-18"), None).as_of(date("2026-11-18"));
    let school = summarise(summariser, &checkins).school;
    assert_eq!((school.attended, school.not_recorded, school.school_days), (2, 1, 3));
}

#[test]
fn coverage_and_attendance_count_the_same_school_days() {
    // Mon 16 to Sun 22 Nov, today the 23rd: Tuesday a holiday, Saturday a school day.
    let checkins = [
        am("2026-11-16", 5),
        pm("2026-11-16", 3).school(School::Full),
        am("2026-11-17", 2),
        pm("2026-11-17", 1).school(School::None),
        pm("2026-11-18", 4).school(School::Part),
        pm("2026-11-21", 4).school(School::Full),
    ];
    let summariser = Summariser::new(window("2026-11-16", "2026-11-22"), None).as_of(date("2026-11-23"));
    let s = summarise(summariser, &checkins);
    // Five weekdays less the holiday, and the Saturday: 5; with a check-in: 16, 18, 21.
    assert_eq!((s.coverage.expected_days, s.coverage.days_with_checkin), (5, 3));
    // Attendance: in on 16, 18 and 21; nothing said on 19 and 20.
    assert_eq!((s.school.school_days, s.school.attended, s.school.not_recorded), (5, 3, 2));
}

#[test]
fn the_childs_own_numbers_are_set_beside_the_parents_of_the_same_check_ins() {
    // Mornings: parent 6 7 5 8 (and 9 without an own number), child 4 4 5 5.
    // Own median (4+5)/2 = 4.5; the parent's on those four mornings (6+7)/2 = 6.5, the 9
    // left out; gaps -2 -3 0 -3, sorted -3 -3 -2 0: median (-3-2)/2 = -2.5.
    // Evenings: one own number, too few for a gap.
    let s = summary_of(
        "2026-11-16",
        "2026-11-20",
        &[
            am("2026-11-16", 6).own(4),
            am("2026-11-17", 7).own(4),
            pm("2026-11-17", 3).own(3),
            am("2026-11-18", 5).own(5),
            am("2026-11-19", 8).own(5),
            am("2026-11-20", 9),
        ],
    );
    let [mornings, evenings] = &s.own_ratings[..] else { panic!("{:?}", s.own_ratings) };
    assert_eq!(
        (mornings.period, mornings.checkins, mornings.own_median, mornings.parent_median, mornings.gap_median),
        (Period::Morning, 4, Some(4.5), Some(6.5), Some(-2.5))
    );
    assert_eq!((evenings.period, evenings.checkins, evenings.gap_median), (Period::Evening, 1, None));
    assert_eq!(s.own_by_day, [Some(4), Some(4), Some(5), Some(5), None]);
    assert!(summary_of("2026-11-16", "2026-11-20", &[am("2026-11-16", 6)]).own_ratings.is_empty());
    // Exactly three with both: the gap is given (own - parent: -1, -1, -2; median -1).
    let three = [am("2026-11-16", 5).own(4), am("2026-11-17", 6).own(5), am("2026-11-18", 7).own(5)];
    assert_eq!(summary_of("2026-11-16", "2026-11-20", &three).own_ratings[0].gap_median, Some(-1.0));
}

#[test]
fn the_parents_calm_is_beside_the_childs_alarm_and_what_happened_is_counted() {
    // Evenings with a calm: 8 (alarm 2), 4 (alarm 6), 6 (alarm 5): calm median 6, the
    // child's alarm on them median 5. "raised my voice" on 1 of the 3 evenings the parent
    // said something about themselves; the evening without is not counted in `of`.
    let s = summary_of(
        "2026-11-16",
        "2026-11-20",
        &[
            pm("2026-11-16", 2).calm(8, &["I stayed calm"]),
            pm("2026-11-17", 6).calm(4, &["raised my voice", "felt rushed"]),
            pm("2026-11-18", 5).calm(6, &["I stayed calm"]),
            pm("2026-11-19", 7),
        ],
    );
    let [calm] = &s.parent_calm[..] else { panic!("{:?}", s.parent_calm) };
    assert_eq!(
        (calm.period, calm.checkins, calm.calm_median, calm.alarm_median),
        (Period::Evening, 3, Some(6.0), Some(5.0))
    );
    let counted: Vec<(&str, u32, u32)> = s.for_me.iter().map(|f| (f.text.as_str(), f.count, f.of)).collect();
    assert_eq!(counted, [("I stayed calm", 2, 3), ("raised my voice", 1, 3), ("felt rushed", 1, 3)]);
}

#[test]
fn check_ins_are_counted_by_who_recorded_them() {
    let s = summary_of(
        "2026-11-16",
        "2026-11-20",
        &[
            am("2026-11-16", 6).by("Mum"),
            pm("2026-11-16", 3).by("Dad"),
            am("2026-11-17", 5).by("Mum"),
            am("2026-11-18", 5),
            am("2026-11-19", 4).by("Mum"),
        ],
    );
    let counted: Vec<(Option<&str>, u32)> = s.recorders.iter().map(|r| (r.name.as_deref(), r.checkins)).collect();
    assert_eq!(counted, [(Some("Mum"), 3), (Some("Dad"), 1), (None, 1)]);
}

#[test]
fn open_concerns_come_first_whatever_the_window() {
    let concern = crate::model::OpenConcern {
        id: "c0ffee00-0000-4000-8000-00000000c0c0".into(),
        date: date("2026-09-01"),
        text: Some("she said she wished she wasn't alive".into()),
        status: crate::model::ConcernStatus::Open,
    };
    let s =
        summarise(Summariser::new(window("2026-11-16", "2026-11-20"), None).with_concerns(vec![concern.clone()]), &[]);
    assert_eq!(s.concerns, [concern]);
    assert!(s.safety_line.starts_with("If you are worried about your child's safety right now"));
}
