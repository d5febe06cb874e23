//! Eight weeks of a journal kept only through srt's commands, and `srt summary` over it:
//! every figure is worked out again here from the check-ins this test wrote, by its own
//! small arithmetic, and must match what srt says.

mod common;

use chrono::{Datelike, NaiveDate, Weekday};
use common::{Journal, TODAY};
use serde_json::Value;

/// The journal, a day a line: the date, the morning, the evening; `-` where there was none.
/// A morning is its alarm, then `sN` for the brave step reached (its number on the ladder
/// at the time) and capital letters for what helped. An evening is its alarm, `pN` its peak,
/// the school day (`full`, `part`, `absent`, `absent:REASON` or `none`, with `in=`, `out=`
/// and `lessons=`), a step and what helped. An evening peaking at 8 or more has a note.
const DAYS: &str = "
2026-09-28 | 8 s1 C   | 4 p9 absent:anxiety C
2026-09-29 | 9 C      | 5 p10 absent:anxiety
2026-09-30 | 8 s1 C   | 4 p8 full
2026-10-01 | 7 C      | -
2026-10-02 | 9 C      | 3 p9 absent:ill C
2026-10-03 | 3        | -
2026-10-04 | -        | 2 p4 none
2026-10-05 | 9 s2 C   | 4 p9 absent:anxiety C
2026-10-06 | 8 C      | 3 p8 part in=11:00 out=14:00
2026-10-07 | 7        | 3 p7 full
2026-10-08 | 8 C      | -
2026-10-09 | 6        | 2 p6 full T
2026-10-10 | -        | -
2026-10-11 | 4        | -
2026-10-12 | 9 s2 C   | 4 p9 absent:anxiety C
2026-10-13 | 8 s2 C   | 3 p8 part lessons=2/6 C
2026-10-14 | 7 C      | 3 p7 full
2026-10-15 | 6 s3     | 2 p6 full T
2026-10-16 | 7 C      | -
2026-10-17 | 4        | 2 p4 none
2026-10-18 | -        | -
2026-10-19 | 9 C      | 4 p9 absent:anxiety C
2026-10-20 | 7 M      | 3 p7 part in=10:30 out=13:00
2026-10-21 | 6 s3     | 2 p6 full
2026-10-22 | 8 C      | 3 p8 absent:ill
2026-10-23 | 7        | 2 p7 full T
2026-10-24 | -        | -
2026-10-25 | 3        | -
2026-10-26 | 8 s3 C   | 3 p8 part lessons=3/6 C
2026-10-27 | 7        | 2 p7 full
2026-10-28 | 6 s5     | 2 p6 full T
2026-10-29 | 7 C      | 3 p7 full
2026-10-30 | 6        | 2 p6 full
2026-10-31 | 2        | 1 p2 none
2026-11-01 | -        | -
2026-11-02 | 8 s4 C   | 3 p8 absent:anxiety C
2026-11-03 | 6 s4     | 2 p6 part in=10:30 out=13:00
2026-11-04 | 5 s4     | 2 p5 full T
2026-11-05 | -        | -
2026-11-06 | 5 s4     | 2 p5 full C
2026-11-07 | 2        | 1 p3 none T
2026-11-08 | -        | -
2026-11-09 | 8 s3 C   | 4 p9 absent:ill C
2026-11-10 | 5 s4 M   | 2 p5 part in=11:00 lessons=4/6
2026-11-11 | 4 s4     | 1 p4 full in=09:00 out=15:00 T
2026-11-12 | 4 W      | 2 p4 none
2026-11-13 | 5 s5     | 2 p5 part in=09:00 out=12:30 C
2026-11-14 | 3        | -
2026-11-15 | 2        | 1 p2 none
2026-11-16 | 7 s4 C   | 3 p9 absent:anxiety C
2026-11-17 | 4 s5 W   | 2 p4 full
2026-11-18 | 3 s4 M   | 1 p3 full in=08:45 out=15:15 T
2026-11-19 | 5        | 2 p5
2026-11-20 | 4 s3 W   | 2 p4 absent s3
2026-11-21 | -        | -
2026-11-22 | 2        | -
2026-11-23 | 6 s3 C   | -
";

/// The sessions, each with what was agreed.
const SESSIONS: [(&str, &str); 2] = [
    ("2026-10-12", "Started the ladder: uniform on first"),
    ("2026-11-02", "Calm presence on the hard mornings; try the office on Friday"),
];

/// The ladder the check-ins were made with; a step is added at the bottom once they are in.
const LADDER: [&str; 5] = ["uniform on", "drive past school", "walk to the gate", "in the office", "first lesson"];
const FIRST_RUNG: &str = "shoes on";

fn strategy(code: char) -> &'static str {
    match code {
        'C' => "calm presence",
        'M' => "music in the car",
        'W' => "weighted blanket",
        'T' => "trampoline",
        other => panic!("no strategy '{other}'"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Morning,
    Evening,
}

impl Period {
    fn name(self) -> &'static str {
        match self {
            Period::Morning => "morning",
            Period::Evening => "evening",
        }
    }
}

#[derive(Debug, Default)]
struct SchoolDay {
    outcome: &'static str,
    reason: Option<&'static str>,
    time_in: Option<&'static str>,
    time_out: Option<&'static str>,
    lessons: Option<(u32, u32)>,
}

#[derive(Debug)]
struct Entry {
    date: NaiveDate,
    period: Period,
    alarm: u8,
    peak: Option<u8>,
    /// The step's number on the ladder the check-in was made with.
    step: Option<usize>,
    helped: Vec<&'static str>,
    school: Option<SchoolDay>,
    note: Option<String>,
}

/// The check-ins of `DAYS`, in order: by date, the morning first.
fn entries() -> Vec<Entry> {
    let mut entries = Vec::new();
    for line in DAYS.lines().filter(|l| !l.trim().is_empty()) {
        let [date, morning, evening] = <[&str; 3]>::try_from(line.split('|').map(str::trim).collect::<Vec<_>>())
            .unwrap_or_else(|_| panic!("three columns: {line}"));
        let date: NaiveDate = date.parse().unwrap();
        for (period, words) in [(Period::Morning, morning), (Period::Evening, evening)] {
            if words == "-" {
                continue;
            }
            let mut words = words.split_whitespace();
            let alarm = words.next().unwrap().parse().unwrap();
            let mut entry =
                Entry { date, period, alarm, peak: None, step: None, helped: vec![], school: None, note: None };
            for word in words {
                let number = |prefix: char| word.strip_prefix(prefix).and_then(|n| n.parse().ok());
                if let Some(peak) = number('p') {
                    entry.peak = Some(peak);
                } else if let Some(step) = number('s') {
                    entry.step = Some(usize::from(step));
                } else if word.chars().all(|c| c.is_ascii_uppercase()) {
                    entry.helped.extend(word.chars().map(strategy));
                } else if let Some(time) = word.strip_prefix("in=") {
                    school_of(&mut entry).time_in = Some(time);
                } else if let Some(time) = word.strip_prefix("out=") {
                    school_of(&mut entry).time_out = Some(time);
                } else if let Some(lessons) = word.strip_prefix("lessons=") {
                    let (attended, of) = lessons.split_once('/').unwrap();
                    school_of(&mut entry).lessons = Some((attended.parse().unwrap(), of.parse().unwrap()));
                } else {
                    let (outcome, reason) = word.split_once(':').map_or((word, None), |(o, r)| (o, Some(r)));
                    assert!(["full", "part", "absent", "none"].contains(&outcome), "{word}");
                    entry.school = Some(SchoolDay { outcome, reason, ..SchoolDay::default() });
                }
            }
            if entry.peak.is_some_and(|p| p >= 8) {
                entry.note = Some(format!("a hard evening, {date}"));
            }
            entries.push(entry);
        }
    }
    entries
}

fn school_of(entry: &mut Entry) -> &mut SchoolDay {
    entry.school.as_mut().expect("the school day's details follow its outcome")
}

/// The arguments that save `entry`.
fn args_of(entry: &Entry) -> Vec<String> {
    let mut args: Vec<String> = match entry.period {
        Period::Morning => vec!["am".into()],
        Period::Evening => vec!["pm".into()],
    };
    args.extend([entry.alarm.to_string(), "--date".into(), entry.date.to_string()]);
    let mut flag = |name: &str, value: String| args.extend([format!("--{name}"), value]);
    if let Some(peak) = entry.peak {
        flag("peak", peak.to_string());
    }
    if let Some(step) = entry.step {
        flag("step", step.to_string());
    }
    for helped in &entry.helped {
        flag("helped", helped.to_string());
    }
    if let Some(school) = &entry.school {
        flag("school", school.outcome.to_string());
        if let Some(reason) = school.reason {
            flag("reason", reason.to_string());
        }
        if let Some(time) = school.time_in {
            flag("in", time.to_string());
        }
        if let Some(time) = school.time_out {
            flag("out", time.to_string());
        }
        if let Some((attended, of)) = school.lessons {
            flag("lessons", format!("{attended}/{of}"));
        }
    }
    if let Some(note) = &entry.note {
        flag("note", note.clone());
    }
    args
}

/// The middle value; with an even count, halfway between the two middle ones.
fn median(values: &[u8]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    (n > 0).then(|| (f64::from(sorted[(n - 1) / 2]) + f64::from(sorted[n / 2])) / 2.0)
}

/// A median in srt's JSON: a number, or null.
fn median_in(value: &Value) -> Option<f64> {
    if value.is_null() { None } else { Some(value.as_f64().unwrap_or_else(|| panic!("a median: {value}"))) }
}

/// A median as the text shows it: whole, or with one decimal.
fn shown(median: f64) -> String {
    if median.fract() == 0.0 { format!("{median:.0}") } else { format!("{median:.1}") }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn is_weekday(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn minutes(time: &str) -> u32 {
    let (h, m) = time.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

#[test]
fn eight_weeks_kept_through_the_commands_give_the_figures_worked_out_by_hand() {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal.ok(&[&["steps", "set"][..], &LADDER].concat());
    for (day, note) in SESSIONS {
        journal.ok(&["session", "add", "--date", day, "--note", note]);
    }
    let entries = entries();
    for entry in &entries {
        let args = args_of(entry);
        journal.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    }
    journal.ok(&["steps", "add", FIRST_RUNG, "--at", "1"]);
    assert_eq!(journal.checkins().len(), entries.len(), "every check-in was saved");

    // SRT_NOW makes today Monday 23 November, before the evening.
    let today = date(TODAY);
    let (since, previous_since, previous_until) = (date(SESSIONS[1].0), date(SESSIONS[0].0), date("2026-11-01"));
    let in_window = |d: NaiveDate| since <= d && d <= today;
    let in_previous = |d: NaiveDate| previous_since <= d && d <= previous_until;
    let window: Vec<&Entry> = entries.iter().filter(|e| in_window(e.date)).collect();
    let of_period = |period| window.iter().filter(move |e| e.period == period);
    let evening_of = |d: NaiveDate| entries.iter().find(|e| e.date == d && e.period == Period::Evening);
    let outcome_of = |d: NaiveDate| evening_of(d).and_then(|e| e.school.as_ref()).map(|s| s.outcome);
    let school_day = |d: NaiveDate| match outcome_of(d) {
        Some("none") => false,
        Some(_) => true,
        None => is_weekday(d),
    };
    let window_days: Vec<NaiveDate> = since.iter_days().take_while(|&d| d <= today).collect();

    let s: Value = serde_json::from_str(&journal.ok(&["summary", "--json"])).unwrap();
    assert_eq!(s["window"]["since"], since.to_string());
    assert_eq!(s["window"]["basis"], "since_session");
    assert_eq!(s["session_note"], SESSIONS[1].1);

    // Coverage: the school days (the weekdays but a holiday, with any day the evening says
    // was a school day), and those of them with a check-in.
    let expected_days: Vec<NaiveDate> = window_days.iter().copied().filter(|&d| school_day(d)).collect();
    let with_checkin = expected_days.iter().filter(|&&d| window.iter().any(|e| e.date == d)).count();
    let c = &s["coverage"];
    assert_eq!(c["days"], window_days.len());
    assert_eq!(c["counted_from"], since.to_string(), "the journal began before the window");
    assert_eq!(c["expected_days"], expected_days.len());
    assert_eq!(c["days_with_checkin"], with_checkin);
    assert_eq!(c["checkins"], window.len());
    assert_eq!((expected_days.len(), with_checkin), (15, 14), "a weekday holiday, and a weekday with no check-in");

    // What helped: each strategy on mornings against the other mornings, and on evenings
    // against the other evenings; medians only with 3 on each side.
    let mut expected_helped = Vec::new();
    for period in [Period::Morning, Period::Evening] {
        let mut strategies: Vec<&str> = of_period(period).flat_map(|e| e.helped.iter().copied()).collect();
        strategies.sort_unstable();
        strategies.dedup();
        for strategy in strategies {
            let (with, without): (Vec<&&Entry>, Vec<&&Entry>) =
                of_period(period).partition(|e| e.helped.contains(&strategy));
            let with: Vec<u8> = with.iter().map(|e| e.alarm).collect();
            let without: Vec<u8> = without.iter().map(|e| e.alarm).collect();
            let enough = with.len() >= 3 && without.len() >= 3;
            let medians = (median(&with).filter(|_| enough), median(&without).filter(|_| enough));
            expected_helped.push((strategy, period, with.len(), without.len(), medians));
        }
    }
    let helped = s["helped"].as_array().unwrap();
    assert_eq!(helped.len(), expected_helped.len(), "{helped:?}");
    for &(strategy, period, n_with, n_without, (median_with, median_without)) in &expected_helped {
        let h = helped
            .iter()
            .find(|h| h["text"] == strategy && h["period"] == period.name())
            .unwrap_or_else(|| panic!("no {strategy} on {}s in {helped:?}", period.name()));
        assert_eq!(
            (h["uses"].clone(), h["n_with"].clone(), h["n_without"].clone()),
            (n_with.into(), n_with.into(), n_without.into()),
            "{h}"
        );
        assert_eq!(
            (median_in(&h["median_with"]), median_in(&h["median_without"])),
            (median_with, median_without),
            "{h}"
        );
    }
    let uses: Vec<u64> = helped.iter().map(|h| h["uses"].as_u64().unwrap()).collect();
    assert!(uses.is_sorted_by(|a, b| a >= b), "most used first: {uses:?}");
    // The data is what it is meant to be: calm presence compared on both, on the hardest
    // mornings and some evenings; music in the car too seldom.
    let calm = |period| expected_helped.iter().find(|h| h.0 == "calm presence" && h.1 == period).unwrap();
    assert_eq!((calm(Period::Morning).2, calm(Period::Morning).4), (4, (Some(7.5), Some(4.0))));
    assert_eq!((calm(Period::Evening).2, calm(Period::Evening).4), (5, (Some(3.0), Some(2.0))));
    assert!(expected_helped.iter().any(|h| h.0 == "music in the car" && h.4 == (None, None)));

    // School, as a clinician counts it.
    let outcomes: Vec<&SchoolDay> = window.iter().filter_map(|e| e.school.as_ref()).collect();
    let counted = |outcome: &str, reason: Option<&str>| {
        outcomes.iter().filter(|d| d.outcome == outcome && (outcome != "absent" || d.reason == reason)).count()
    };
    let not_recorded = expected_days.iter().filter(|&&d| d < today && outcome_of(d).is_none()).count();
    let with_times: Vec<u32> =
        outcomes.iter().filter_map(|d| Some(minutes(d.time_out?) - minutes(d.time_in?))).collect();
    let lessons = outcomes.iter().filter_map(|d| d.lessons).fold((0, 0), |(a, o), (a2, o2)| (a + a2, o + o2));
    let school = &s["school"];
    let attended = counted("full", None) + counted("part", None);
    let at_home = ["anxiety", "ill", "other"].map(|r| counted("absent", Some(r)));
    assert_eq!(school["full"], counted("full", None));
    assert_eq!(school["part"], counted("part", None));
    assert_eq!(school["attended"], attended);
    assert_eq!(school["absent_anxiety"], at_home[0]);
    assert_eq!(school["absent_ill"], at_home[1]);
    assert_eq!(school["absent_other"], at_home[2]);
    assert_eq!(school["absent_no_reason"], counted("absent", None));
    // No school on a school weekday (a holiday); a weekend without school is no news.
    let holidays = window
        .iter()
        .filter(|e| e.period == Period::Evening && is_weekday(e.date) && outcome_of(e.date) == Some("none"))
        .count();
    assert_eq!(school["no_school"], counted("none", None));
    assert_eq!(school["no_school_weekdays"], holidays);
    assert_eq!(school["not_recorded"], not_recorded);
    assert_eq!(
        school["school_days"],
        attended + at_home.iter().sum::<usize>() + counted("absent", None) + not_recorded
    );
    assert_eq!(school["minutes_in"], with_times.iter().sum::<u32>());
    assert_eq!(school["days_with_times"], with_times.len());
    let mut sorted_times = with_times.clone();
    sorted_times.sort_unstable();
    let middle_times =
        f64::from(sorted_times[(sorted_times.len() - 1) / 2] + sorted_times[sorted_times.len() / 2]) / 2.0;
    assert_eq!(median_in(&school["minutes_in_median"]), Some(middle_times));
    assert_eq!(
        (school["lessons_attended"].clone(), school["lessons_of"].clone()),
        (lessons.0.into(), lessons.1.into())
    );
    assert_eq!(
        (at_home, not_recorded, counted("none", None), holidays, with_times.len()),
        ([2, 1, 0], 2, 3, 1, 4),
        "the data has each kind of day"
    );

    // Better or not: school-day mornings since the session against those between the two
    // sessions before, but for mornings the child was ill at home.
    let ill = |d: NaiveDate| evening_of(d).and_then(|e| e.school.as_ref()).is_some_and(|s| s.reason == Some("ill"));
    let school_mornings = |inside: &dyn Fn(NaiveDate) -> bool| -> Vec<u8> {
        entries
            .iter()
            .filter(|e| e.period == Period::Morning && inside(e.date) && school_day(e.date) && !ill(e.date))
            .map(|e| e.alarm)
            .collect()
    };
    let (now, before) = (school_mornings(&in_window), school_mornings(&in_previous));
    let t = &s["trend"];
    assert_eq!(t["basis"], "previous_interval");
    for (side, alarms, (from, to)) in
        [("this", &now, (since, today)), ("previous", &before, (previous_since, previous_until))]
    {
        assert_eq!(
            (t[side]["since"].clone(), t[side]["until"].clone()),
            (from.to_string().into(), to.to_string().into())
        );
        assert_eq!(t[side]["mornings"], alarms.len(), "{side}");
        assert_eq!(median_in(&t[side]["morning_median"]), median(alarms), "{side}");
        assert_eq!(t[side]["hard_mornings"], alarms.iter().filter(|&&a| a >= 7).count(), "{side}");
    }
    let (m_now, m_before) = (median(&now).unwrap(), median(&before).unwrap());
    let verdict = match () {
        _ if now.len() < 4 || before.len() < 4 => "too few",
        _ if m_now <= m_before - 1.0 => "lower",
        _ if m_now >= m_before + 1.0 => "higher",
        _ => "about the same",
    };
    assert_eq!(t["verdict"], verdict);
    assert_eq!((verdict, now.len(), before.len()), ("lower", 13, 14), "one morning ill at home on each side");

    // The hardest weekday, when one stands out.
    let mut by_weekday: Vec<(Weekday, Vec<u8>)> = Vec::new();
    for e in of_period(Period::Morning) {
        match by_weekday.iter_mut().find(|(w, _)| *w == e.date.weekday()) {
            Some((_, alarms)) => alarms.push(e.alarm),
            None => by_weekday.push((e.date.weekday(), vec![e.alarm])),
        }
    }
    let highest = by_weekday.iter().map(|(_, a)| median(a).unwrap()).fold(f64::MIN, f64::max);
    let at_highest: Vec<&(Weekday, Vec<u8>)> = by_weekday.iter().filter(|(_, a)| median(a) == Some(highest)).collect();
    let hardest = (by_weekday.len() >= 3 && at_highest.len() == 1 && at_highest[0].1.len() >= 2).then(|| at_highest[0]);
    let a = &s["alarm"];
    let (weekday, weekday_alarms) = hardest.expect("the data has a hardest weekday");
    let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    assert_eq!(a["hardest_weekday"], names[weekday.num_days_from_monday() as usize]);
    assert_eq!(median_in(&a["hardest_weekday_median"]), median(weekday_alarms));
    assert_eq!(a["hardest_weekday_mornings"], weekday_alarms.len());

    // Mornings, evenings and the day's peak, each with its count.
    let alarms = |period| of_period(period).map(|e| e.alarm).collect::<Vec<u8>>();
    let peaks: Vec<(NaiveDate, u8, &Option<String>)> =
        window.iter().filter_map(|e| Some((e.date, e.peak?, &e.note))).collect();
    let peak_levels: Vec<u8> = peaks.iter().map(|p| p.1).collect();
    assert_eq!(median_in(&a["morning_median"]), median(&alarms(Period::Morning)));
    assert_eq!(a["mornings"], alarms(Period::Morning).len());
    assert_eq!(median_in(&a["evening_median"]), median(&alarms(Period::Evening)));
    assert_eq!(a["evenings"], alarms(Period::Evening).len());
    assert_eq!(a["hard_mornings"], alarms(Period::Morning).iter().filter(|&&l| l >= 7).count());
    assert_eq!(median_in(&a["peak_median"]), median(&peak_levels));
    assert_eq!(a["peaks"], peak_levels.len());
    assert_eq!(a["hard_peak_days"], peak_levels.iter().filter(|&&l| l >= 7).count());
    let top = *peak_levels.iter().max().unwrap();
    let (top_day, _, top_note) = peaks.iter().rev().find(|p| p.1 == top).unwrap();
    assert_eq!(a["hardest_peak_day"]["date"], top_day.to_string());
    assert_eq!(a["hardest_peak_day"]["peak"], top);
    assert_eq!(a["hardest_peak_day"]["note"].as_str(), top_note.as_deref());
    assert_eq!(peaks.iter().filter(|p| p.1 == top).count(), 2, "the latest of two as high is named");

    // Brave steps, placed on today's ladder: a rung was added at the bottom since.
    let today_ladder: Vec<&str> = [FIRST_RUNG].into_iter().chain(LADDER).collect();
    let place = |step: usize| today_ladder.iter().position(|&t| t == LADDER[step - 1]).unwrap() + 1;
    let reached: Vec<(NaiveDate, usize)> = window.iter().filter_map(|e| Some((e.date, place(e.step?)))).collect();
    let highest = reached.iter().map(|r| r.1).max().unwrap();
    let mut lately: Vec<usize> = reached.iter().rev().take(5).map(|r| r.1).collect();
    lately.sort_unstable();
    let usual = lately[(lately.len() - 1) / 2];
    let st = &s["steps"];
    assert_eq!(st["of"], today_ladder.len());
    assert_eq!(st["highest"], highest);
    assert_eq!(st["highest_text"], today_ladder[highest - 1]);
    assert_eq!(st["highest_times"], reached.iter().filter(|r| r.1 == highest).count());
    assert_eq!(st["first_reached"], reached.iter().find(|r| r.1 == highest).unwrap().0.to_string());
    assert_eq!(st["usual_lately"], usual);
    assert_eq!(st["usual_lately_text"], today_ladder[usual - 1]);
    assert_eq!(st["usual_lately_n"], lately.len());
    // The data tells the usual step lately from the highest, and from the middle of all
    // the steps of the window or of its first five.
    let middle = |mut places: Vec<usize>| {
        places.sort_unstable();
        places[(places.len() - 1) / 2]
    };
    let all: Vec<usize> = reached.iter().map(|r| r.1).collect();
    assert_eq!((usual, highest, middle(all.clone()), middle(all[..5].to_vec())), (4, 6, 5, 5));

    // The words: what was agreed first, and every strategy with its counts or why not.
    let text = journal.ok(&["summary"]);
    let agreed = text.find("Agreed on Mon 2 Nov").expect(&text);
    assert!(agreed < text.find("Small wins").unwrap(), "{text}");
    assert!(text.contains(SESSIONS[1].1), "{text}");
    assert!(text.contains(&format!("check-ins on {with_checkin} of {} school days", expected_days.len())), "{text}");
    assert!(text.contains("School mornings: lower than between the two sessions before."), "{text}");
    for &(strategy, period, n_with, n_without, medians) in &expected_helped {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(strategy) && l.contains(&used_on(n_with, period)))
            .unwrap_or_else(|| panic!("no line for {strategy} on {}s: {text}", period.name()));
        match medians {
            (Some(with), Some(without)) => assert!(
                line.ends_with(&format!(
                    "median alarm {} (n={n_with}) vs {} (n={n_without}) without",
                    shown(with),
                    shown(without)
                )),
                "{line}"
            ),
            _ => assert!(line.contains("too few to compare") && !line.contains("(n="), "{line}"),
        }
    }
    assert!(!text.contains("possible"), "{text}");
}

/// "1 morning", "4 evenings".
fn used_on(n: usize, period: Period) -> String {
    format!(" {n} {}{}  ", period.name(), if n == 1 { "" } else { "s" })
}
