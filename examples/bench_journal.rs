//! Writes a deterministic journal of N years for the benchmark (bench/run.sh): Sam's two
//! check-ins a day up to 2026-11-23, realistic lists, a note on one in three, a session
//! every two weeks and a ladder, through srt's own store, from a fixed seed.
//!
//!     cargo run --release --example bench_journal -- DATA_DIR YEARS [--jrnl FILE]
//!
//! With `--jrnl FILE` it also writes the same entries as a jrnl journal, for the peer
//! comparison.

use std::fmt::Write as _;
use std::path::PathBuf;

use std::sync::Arc;

use chrono::{Datelike, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Weekday};
use srt::model::{CheckIn, Child, Ladder, Period, Reason, School, SchoolDay, Session, Step};
use srt::store::{CheckInChange, Store};
use srt::suggest;

const LAST_DAY: (i32, u32, u32) = (2026, 11, 23);
const BODY: &[&str] =
    &["stomach ache", "headache", "nausea", "tears", "clinging", "freezing", "poor sleep", "not eating"];
const HELPED: &[&str] = &[
    "calm presence",
    "weighted blanket",
    "slow breathing",
    "movement",
    "visual schedule",
    "naming the feeling",
    "comfort object",
    "trampoline before school",
    "Grandma's phone call",
];
/// The family's own wins, beside the ones srt suggests.
const FAMILY_WINS: &[&str] = &["fed the cat", "read a chapter together"];
const NOTES: &[&str] = &[
    "Slept badly; talked about a worry with the maths teacher.",
    "Was calmer after we named the feeling together in the car.",
    "Asked to take the blanket in the car, and it seemed to help a lot this morning.",
    "Sunday-night worry came back; we used the visual schedule and it settled.",
    "Please ask about the lunch break: the noise in the hall is hard.",
];
const LADDER: &[&str] = &[
    "uniform on",
    "drive past school",
    "walk to the gate",
    "in with a trusted adult",
    "first lesson",
    "half day",
    "full day",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(years)) = (args.first(), args.get(1).and_then(|y| y.parse::<u64>().ok())) else {
        eprintln!("usage: bench_journal DATA_DIR YEARS [--jrnl FILE]");
        std::process::exit(2);
    };
    let jrnl = args.iter().position(|a| a == "--jrnl").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let last = NaiveDate::from_ymd_opt(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2).unwrap();
    let days = years * 365;
    let first = last - Days::new(days - 1);
    let now = FixedOffset::east_opt(11 * 3600).unwrap().with_ymd_and_hms(2026, 11, 23, 20, 0, 0).unwrap();
    let store = Store::with_device(PathBuf::from(dir), "generator".into(), Arc::new(move || now));
    let lock = store.lock().expect("lock");
    let child = Child { id: "00000000-0000-4000-8000-000000000001".into(), name: "Sam".into() };
    store.put_child(&lock, &child, None).unwrap();
    let steps = LADDER
        .iter()
        .enumerate()
        .map(|(i, text)| Step { id: format!("57e90000-0000-4000-8000-{i:012}"), text: text.to_string() })
        .collect();
    let ladder = Ladder { child: "Sam".into(), steps };
    store.put_ladder(&lock, &ladder, None).unwrap();

    let mut random = fastrand::Rng::with_seed(2026);
    let mut checkins = Vec::with_capacity(days as usize * 2);
    let mut jrnl_text = String::new();
    for (index, date) in first.iter_days().take(days as usize).enumerate() {
        if index % 14 == 0 {
            let note = if index % 28 == 0 { "Agreed the next step on the ladder".to_string() } else { String::new() };
            let session = Session {
                id: format!("5e5510e0-0000-4000-8000-{index:012}"),
                child: "Sam".into(),
                date,
                note,
                recorded_by: Some("Mum".into()),
            };
            store.put_session(&lock, &session, None).unwrap();
        }
        for period in [Period::Morning, Period::Evening] {
            let checkin = checkin(&mut random, &ladder, date, period, checkins.len());
            write_jrnl(&mut jrnl_text, &checkin);
            checkins.push(checkin);
        }
    }
    let changes: Vec<CheckInChange> = checkins.iter().map(|c| CheckInChange::Put(c, None)).collect();
    store.write_checkins(&lock, &changes).unwrap();
    if let Some(path) = jrnl {
        std::fs::write(path, jrnl_text).unwrap();
    }
    println!("{}: {} check-ins from {first} to {last}", dir, checkins.len());
}

fn wins() -> Vec<&'static str> {
    suggest::WINS.iter().chain(FAMILY_WINS).copied().collect()
}

fn pick(random: &mut fastrand::Rng, from: &[&str], most: usize) -> Vec<String> {
    let mut picked: Vec<String> = Vec::new();
    for _ in 0..random.usize(0..=most) {
        let item = from[random.usize(..from.len())].to_string();
        if !picked.contains(&item) {
            picked.push(item);
        }
    }
    picked
}

fn checkin(random: &mut fastrand::Rng, ladder: &Ladder, date: NaiveDate, period: Period, n: usize) -> CheckIn {
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let base = if weekend { 2 } else { 5 };
    let alarm = (base + random.u8(0..=4)).min(10);
    let (hour, minute) = if period == Period::Morning { (7, 45) } else { (19, 30) };
    let offset = chrono::FixedOffset::east_opt(11 * 3600).unwrap();
    let recorded_at = offset.from_local_datetime(&date.and_hms_opt(hour, minute, 0).unwrap()).unwrap();
    let evening = period == Period::Evening;
    CheckIn {
        id: format!("c0ffee00-0000-4000-8000-{n:012}"),
        child: "Sam".into(),
        date,
        period,
        created_at: recorded_at,
        updated_at: recorded_at,
        recorded_by: Some(if random.usize(0..3) == 0 { "Dad" } else { "Mum" }.to_string()),
        alarm: if evening { alarm.saturating_sub(2) } else { alarm },
        peak_alarm: evening.then(|| alarm.max(alarm.saturating_sub(2)).min(10)),
        own_rating: random.bool().then(|| alarm.saturating_sub(random.u8(0..=3))),
        body: if evening { Vec::new() } else { pick(random, BODY, 2) },
        helped: pick(random, HELPED, 3),
        wins: pick(random, &wins(), 3),
        school: evening.then(|| school_day(random, weekend)),
        step: random.bool().then(|| ladder.steps[random.usize(..ladder.steps.len())].clone()),
        next_step: (evening && random.bool()).then(|| "walk to the gate with Dad".to_string()),
        parent_calm: random.bool().then(|| random.u8(3..=9)),
        for_me: pick(random, suggest::FOR_ME, 1),
        note: if random.usize(0..3) == 0 { NOTES[random.usize(..NOTES.len())].to_string() } else { String::new() },
    }
}

/// How school went: no school at weekends; on weekdays any outcome, with a reason for a day
/// at home and, now and then, times for part of a day.
fn school_day(random: &mut fastrand::Rng, weekend: bool) -> SchoolDay {
    if weekend {
        return SchoolDay::of(School::None);
    }
    let outcome = School::ALL[random.usize(0..3)];
    let mut day = SchoolDay::of(outcome);
    match outcome {
        School::Absent => day.reason = Some(Reason::ALL[random.usize(0..3)]),
        School::Part if random.bool() => {
            day.time_in = NaiveTime::from_hms_opt(10, 30, 0);
            day.time_out = NaiveTime::from_hms_opt(13, 0, 0);
        }
        _ => {}
    }
    day
}

/// The same entry in jrnl's plain-text format, with the strategies as @tags.
fn write_jrnl(out: &mut String, c: &CheckIn) {
    let time = c.created_at.format("%Y-%m-%d %I:%M:%S %p");
    let tags: Vec<String> = c.helped.iter().map(|h| format!("@{}", h.replace([' ', '\''], "_"))).collect();
    let _ = writeln!(out, "[{time}] {} check-in: alarm {}.", c.period.name(), c.alarm);
    let _ = writeln!(
        out,
        "Body: {}. Helped: {}. Wins: {}. {}\n",
        c.body.join(", "),
        tags.join(" "),
        c.wins.join(", "),
        c.note
    );
}
