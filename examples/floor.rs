//! The benchmark's floor: the least work that answers "what was the average alarm", done
//! plainly. It reads every check-in log under DATA_DIR, parses each line's check-in with
//! serde_json into a struct with the same fields, and prints the mean alarm. srt's
//! commands are measured against it (bench/run.sh).
//!
//!     cargo run --release --example floor -- DATA_DIR

use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Line {
    v: u32,
    op: String,
    kind: String,
    id: String,
    at: String,
    device: String,
    data: Option<CheckIn>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct CheckIn {
    id: String,
    child: String,
    date: String,
    period: String,
    created_at: String,
    updated_at: String,
    recorded_by: Option<String>,
    alarm: u8,
    peak_alarm: Option<u8>,
    own_rating: Option<u8>,
    body: Vec<String>,
    helped: Vec<String>,
    wins: Vec<String>,
    school: Option<SchoolDay>,
    step: Option<Step>,
    next_step: Option<String>,
    parent_calm: Option<u8>,
    for_me: Vec<String>,
    note: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct SchoolDay {
    outcome: String,
    reason: Option<String>,
    #[serde(rename = "in")]
    time_in: Option<String>,
    #[serde(rename = "out")]
    time_out: Option<String>,
    lessons: Option<Lessons>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Lessons {
    attended: u8,
    of: u8,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Step {
    id: String,
    text: String,
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: floor DATA_DIR");
    let (mut sum, mut count) = (0u64, 0u64);
    for device in std::fs::read_dir(Path::new(&dir).join("log")).unwrap() {
        let checkins = device.unwrap().path().join("checkins");
        for file in std::fs::read_dir(checkins).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            for line in text.lines() {
                let line: Line = serde_json::from_str(line).unwrap();
                if let Some(checkin) = line.data {
                    sum += u64::from(checkin.alarm);
                    count += 1;
                }
            }
        }
    }
    println!("{count} check-ins, mean alarm {:.2}", sum as f64 / count.max(1) as f64);
}
