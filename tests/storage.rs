//! The journal's promises: private files, damage reported and never
//! overwritten, concurrent writers that both succeed, crashes that lose nothing saved,
//! and devices whose logs merge by copying.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use common::{Journal, copy_dir, stderr_of, stdout_of};
use serde_json::Value;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn date(offset: u64) -> String {
    (NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(offset)).to_string()
}

fn dates_of(checkins: &[Value]) -> Vec<String> {
    checkins.iter().map(|c| c["date"].as_str().unwrap().to_string()).collect()
}

fn sam_with_three_mornings() -> Journal {
    let journal = Journal::new();
    for (day, alarm) in [("2026-11-02", "5"), ("2026-11-03", "6"), ("2026-11-04", "7")] {
        journal.srt().args(["am", alarm, "--child", "Sam", "--date", day]).assert().success();
    }
    journal
}

#[test]
fn files_are_readable_by_the_owner_only() {
    let journal = Journal::new();
    journal.srt().args(["am", "4", "--child", "Sam"]).assert().success();
    let data = journal.data();
    assert_eq!(mode(&data), 0o700);
    let mut checked = 0;
    for path in [data.join("log"), data.join("log/laptop-a"), data.join("log/laptop-a/checkins")] {
        assert_eq!(mode(&path), 0o700, "{}", path.display());
        checked += 1;
    }
    for path in
        [journal.month_log("laptop-a", "2026-11"), data.join("log/laptop-a/children.jsonl"), data.join("srt.lock")]
    {
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[test]
fn a_cut_off_last_line_is_skipped_with_a_warning_then_set_aside_by_the_next_save() {
    let journal = sam_with_three_mornings();
    let log = journal.month_log("laptop-a", "2026-11");
    let torn = br#"{"v":1,"op":"put","kind":"checkin","id":"dead"#;
    fs::OpenOptions::new().append(true).open(&log).unwrap().write_all(torn).unwrap();

    let assert = journal.srt().args(["list", "--json"]).assert().success();
    let err = stderr_of(&assert);
    assert!(err.contains("srt: warning:") && err.contains(&log.display().to_string()), "{err}");
    assert!(err.contains("line 4") && err.contains("cut off"), "{err}");
    let listed: Vec<Value> = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(dates_of(&listed), ["2026-11-02", "2026-11-03", "2026-11-04"]);

    // The next save keeps the cut-off bytes in backups/ and appends after the last whole line.
    journal.srt().args(["am", "3", "--date", "2026-11-05"]).assert().success();
    let backups: Vec<_> = fs::read_dir(journal.data().join("backups")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(fs::read(&backups[0]).unwrap(), torn);
    assert_eq!(mode(&backups[0]), 0o600);
    let assert = journal.srt().args(["list", "--json"]).assert().success();
    assert_eq!(stderr_of(&assert), "", "no more warnings");
    let listed: Vec<Value> = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(listed.len(), 4);
}

#[test]
fn a_damaged_middle_line_stops_every_command_and_leaves_the_file_untouched() {
    let journal = sam_with_three_mornings();
    let log = journal.month_log("laptop-a", "2026-11");
    let text = fs::read_to_string(&log).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1] = r#"{"v":1,"op":"put","kind":"checkin","id":"x","#;
    let damaged = format!("{}\n", lines.join("\n"));
    fs::write(&log, &damaged).unwrap();
    let before = journal.snapshot();

    for args in [
        vec!["list"],
        vec!["status"],
        vec!["am", "2", "--date", "2026-11-10"],
        vec!["pm", "2", "--date", "2026-11-02"],
        vec!["show", "abcd"],
    ] {
        let assert = journal.srt().args(&args).assert().code(1);
        let err = stderr_of(&assert);
        assert!(err.starts_with("srt: error: could not read the journal at"), "{args:?}: {err}");
        assert!(err.contains(&format!("{} line 2:", log.display())), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(journal.snapshot(), before, "nothing written or repaired");
    assert_eq!(fs::read_to_string(&log).unwrap(), damaged);

    // Other months stay readable and writable.
    journal.srt().args(["am", "4", "--date", "2026-10-01"]).assert().success();
    journal.srt().args(["list", "--until", "2026-10-31"]).assert().success();
}

#[test]
fn a_record_from_a_newer_srt_is_refused_and_nothing_is_written() {
    let journal = sam_with_three_mornings();
    let log = journal.month_log("laptop-a", "2026-11");
    let newer = r#"{"v":6,"op":"put","kind":"checkin","id":"future","at":"2027-01-01T00:00:00Z","device":"laptop-a","data":{"shape":"new"}}"#;
    fs::OpenOptions::new().append(true).open(&log).unwrap().write_all(format!("{newer}\n").as_bytes()).unwrap();
    let before = journal.snapshot();
    for args in [vec!["list"], vec!["am", "1", "--date", "2026-11-20"]] {
        let err = stderr_of(&journal.srt().args(&args).assert().code(1));
        assert!(err.contains("written by a newer srt (v6); this srt reads up to v5; please upgrade"), "{err}");
        assert!(err.contains("line 4"), "{err}");
    }
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn two_devices_merge_by_copying_their_logs() {
    let a = Journal::new();
    let b = Journal::new();
    a.srt_on("laptop-a").args(["am", "6", "--child", "Sam", "--date", "2026-11-20"]).assert().success();
    a.srt_on("laptop-a").args(["pm", "3", "--date", "2026-11-20"]).assert().success();
    b.srt_on("laptop-b").args(["am", "4", "--child", "Sam", "--date", "2026-11-21"]).assert().success();
    b.srt_on("laptop-b").args(["pm", "2", "--date", "2026-11-21", "--win", "laughed"]).assert().success();

    copy_dir(&b.data().join("log/laptop-b"), &a.data().join("log/laptop-b"));
    let merged = a.checkins();
    let summary: Vec<_> = merged.iter().map(|c| (c["date"].as_str().unwrap(), c["period"].as_str().unwrap())).collect();
    assert_eq!(
        summary,
        [("2026-11-20", "morning"), ("2026-11-20", "evening"), ("2026-11-21", "morning"), ("2026-11-21", "evening")]
    );
    // Both devices named the child Sam: the merged journal still has one Sam.
    let children: Vec<Value> = serde_json::from_str(&a.ok(&["child", "list", "--json"])).unwrap();
    assert_eq!(children.len(), 1, "{children:?}");

    // A later edit on one device wins over the original from the other.
    let id = merged[2]["id"].as_str().unwrap()[..8].to_string();
    a.srt_on("laptop-a").args(["edit", &id, "--alarm", "1"]).assert().success();
    copy_dir(&a.data().join("log/laptop-a"), &b.data().join("log/laptop-a"));
    for journal in [&a, &b] {
        let morning = journal.checkins().into_iter().find(|c| c["date"] == "2026-11-21" && c["period"] == "morning");
        assert_eq!(morning.unwrap()["alarm"], 1);
    }
}

#[test]
fn without_srt_device_each_machine_gets_its_own_id_outside_the_data_dir() {
    let journal = Journal::new();
    let run = || {
        let mut cmd = journal.srt();
        cmd.env_remove("SRT_DEVICE");
        cmd
    };
    run().args(["am", "4", "--child", "Sam", "--date", "2026-11-20"]).assert().success();
    run().args(["am", "5", "--date", "2026-11-21"]).assert().success();
    let id_file = journal.root().join("xdg-state/srt/device-id");
    let id = fs::read_to_string(&id_file).unwrap().trim().to_string();
    assert_eq!(id.len(), 12);
    let devices: Vec<_> = fs::read_dir(journal.data().join("log")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(devices, [std::ffi::OsString::from(&id)], "one device wrote both");
    assert!(!journal.data().join("device-id").exists());
}

#[test]
fn two_processes_writing_forty_check_ins_each_at_once_lose_none() {
    let journal = Journal::new();
    journal.srt().args(["child", "add", "Sam"]).assert().success();
    let writer = |period: &'static str| {
        let env = journal.env("laptop-a");
        std::thread::spawn(move || {
            for day in 0..40 {
                let status = std::process::Command::new(common::bin())
                    .envs(env.iter().cloned())
                    .args([period, "5", "--date", &date(day)])
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success(), "{period} {day}");
            }
        })
    };
    let (mornings, evenings) = (writer("am"), writer("pm"));
    mornings.join().unwrap();
    evenings.join().unwrap();
    let checkins = journal.checkins();
    assert_eq!(checkins.len(), 80);
    let log = fs::read_to_string(journal.month_log("laptop-a", "2026-01")).unwrap();
    assert!(log.lines().all(|l| serde_json::from_str::<Value>(l).is_ok()), "no interleaved lines");
}

#[test]
fn racing_writers_of_the_same_check_in_save_it_once() {
    let journal = Journal::new();
    journal.srt().args(["child", "add", "Sam"]).assert().success();
    let racers: Vec<_> = (0..6)
        .map(|i| {
            std::process::Command::new(common::bin())
                .envs(journal.env(if i % 2 == 0 { "laptop-a" } else { "laptop-b" }))
                .args(["am", &i.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let codes: Vec<i32> = racers.into_iter().map(|mut c| c.wait().unwrap().code().unwrap()).collect();
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 1, "{codes:?}");
    assert!(codes.iter().all(|&c| c == 0 || c == 2), "{codes:?}");
    assert_eq!(journal.checkins().len(), 1);
}

/// A tiny deterministic generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn writers_killed_at_random_moments_lose_nothing_that_was_saved() {
    let journal = Journal::new();
    journal.srt().args(["child", "add", "Sam"]).assert().success();
    let mut random = XorShift(0x5eed_cafe);
    let mut saved = Vec::new();
    for round in 0..60u64 {
        // Two writers at once, so a kill can land while the other holds the lock.
        let mut writers: Vec<_> = (0..2)
            .map(|k| {
                let day = date(round * 2 + k);
                let child = std::process::Command::new(common::bin())
                    .envs(journal.env("laptop-a"))
                    .args(["am", "5", "--date", &day, "--note", &"a fairly long note ".repeat(40)])
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                (day, child)
            })
            .collect();
        std::thread::sleep(Duration::from_micros(random.below(6_000)));
        for (day, child) in &mut writers {
            let _ = child.kill();
            if child.wait().unwrap().success() {
                saved.push(day.clone());
            }
        }
    }
    // Whatever was cut off, the journal reads (a torn last line is only a warning)...
    let listed = dates_of(&journal.checkins());
    for day in &saved {
        assert!(listed.contains(day), "{day} was saved (exit 0) but is gone");
    }
    // ...and the next save succeeds and is listed too.
    journal.srt().args(["pm", "3", "--date", &date(0)]).assert().success();
    assert_eq!(journal.checkins().len(), listed.len() + 1);
    eprintln!("{} of 120 writers finished before the kill", saved.len());
}

#[test]
fn a_relative_data_dir_works_on_first_use() {
    let journal = Journal::new();
    let mut cmd = journal.srt();
    cmd.current_dir(journal.root()).env_remove("SRT_DATA_DIR");
    cmd.args(["am", "4", "--child", "Sam", "--data-dir", "journal"]).assert().success();
    assert!(journal.root().join("journal/log/laptop-a/checkins/2026-11.jsonl").is_file());
}

#[test]
fn a_log_line_with_impossible_values_counts_as_damage() {
    let journal = sam_with_three_mornings();
    let log = journal.month_log("laptop-a", "2026-11");
    let text = fs::read_to_string(&log).unwrap();
    let damaged = text.replacen("\"alarm\":6", "\"alarm\":99", 1);
    assert_ne!(damaged, text);
    fs::write(&log, &damaged).unwrap();
    let err = stderr_of(&journal.srt().arg("list").assert().code(1));
    assert!(err.contains(&format!("{} line 2: alarm levels run from 0 to 10", log.display())), "{err}");
}

#[test]
fn mornings_saved_on_two_devices_for_one_day_are_pointed_out_and_counted_once() {
    let mum = Journal::new();
    let dad = Journal::new();
    mum.srt_on("mum").args(["am", "7", "--child", "Sam"]).assert().success();
    dad.srt_on("dad")
        .args(["am", "3", "--child", "Sam"])
        .env("SRT_NOW", "2026-11-23T08:10:00+11:00")
        .assert()
        .success();
    copy_dir(&mum.data().join("log/mum"), &dad.data().join("log/mum"));

    let assert = dad.srt_on("dad").args(["list"]).assert().success();
    let err = stderr_of(&assert);
    assert!(err.contains("srt: warning: Sam has 2 morning check-ins on 2026-11-23"), "{err}");
    assert!(err.contains("srt delete ID"), "{err}");
    assert_eq!(stdout_of(&assert).lines().count(), 3, "both are listed");
    let summary: Value = serde_json::from_str(&dad.ok(&["summary", "--json", "--last", "1d"])).unwrap();
    assert_eq!(summary["coverage"]["checkins"], 1);
    assert_eq!(summary["alarm"]["morning_median"], 3.0, "the one recorded later counts");
    assert_eq!(summary["alarm"]["mornings"], 1);
}

/// A year of check-ins from two devices, read on several cores: the months come back in
/// order, and a problem in any month (read by whichever thread) is reported as on one core.
#[test]
fn a_long_journal_reads_in_order_and_reports_problems_in_any_month() {
    let journal = Journal::new();
    let mut expected = Vec::new();
    let months = std::iter::once("2025-12".to_string()).chain((1..=11).map(|m| format!("2026-{m:02}")));
    for month in months {
        let (day, other) = (format!("{month}-10"), format!("{month}-20"));
        journal.srt_on("laptop-a").args(["am", "4", "--child", "Sam", "--date", &day]).assert().success();
        journal.srt_on("laptop-b").args(["pm", "3", "--child", "Sam", "--date", &other]).assert().success();
        expected.extend([day, other]);
    }
    let listed = journal.checkins_of(&["--since", "2025-12-01"]);
    assert_eq!(dates_of(&listed), expected);

    // A cut-off last line in March: a warning, and every other check-in still counts.
    let march = journal.month_log("laptop-b", "2026-03");
    fs::OpenOptions::new().append(true).open(&march).unwrap().write_all(br#"{"v":1,"op":"pu"#).unwrap();
    let assert = journal.srt().args(["summary", "--since", "2025-12-01", "--json"]).assert().success();
    let err = stderr_of(&assert);
    assert!(err.contains(&march.display().to_string()) && err.contains("cut off"), "{err}");
    let summary: Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(summary["coverage"]["checkins"], expected.len());

    // A damaged line in August stops the command with its file and line, whatever read it.
    let august = journal.month_log("laptop-a", "2026-08");
    let before = fs::read(&august).unwrap();
    fs::write(&august, [b"{not json}\n".as_slice(), &before].concat()).unwrap();
    let assert = journal.srt().args(["summary", "--since", "2025-12-01"]).assert().failure();
    let err = stderr_of(&assert);
    assert!(err.contains(&format!("{} line 1", august.display())), "{err}");
    assert_eq!(stdout_of(&assert), "");
}

#[test]
fn a_check_in_in_another_months_file_is_damage() {
    let journal = sam_with_three_mornings();
    let log = journal.month_log("laptop-a", "2026-11");
    let text = fs::read_to_string(&log).unwrap();
    fs::write(&log, text.replacen("\"date\":\"2026-11-03\"", "\"date\":\"2026-12-03\"", 1)).unwrap();
    let err = stderr_of(&journal.srt().arg("list").assert().code(1));
    let at = format!("{} line 2: it is dated 2026-12-03, so it belongs in 2026-12.jsonl", log.display());
    assert!(err.contains(&at), "{err}");
    let report = stdout_of(&journal.srt().arg("doctor").assert().code(1));
    assert!(report.contains(&format!("damaged    {at}")), "{report}");
}

#[test]
fn a_reader_that_goes_away_early_ends_every_command_quietly() {
    let journal = sam_with_three_mornings();
    for args in [vec!["completions", "bash"], vec!["man"], vec!["list", "--json"]] {
        let mut child = std::process::Command::new(common::bin())
            .envs(journal.env("laptop-a"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(status.success() && err.is_empty(), "{args:?}: {status:?} {err}");
    }
}

#[test]
fn a_damaged_concern_line_is_named_kept_and_set_aside_by_doctor() {
    let journal = sam_with_three_mornings();
    journal.ok(&["concern", "she said she wished she wasn't alive", "--date", "2026-11-03"]);
    let log = journal.data().join("log/laptop-a/concerns.jsonl");
    assert_eq!(fs::metadata(&log).unwrap().permissions().mode() & 0o777, 0o600);
    let damaged = r#"{"v":5,"op":"put","kind":"concern","id":"c0ffee00-0000-4000-8000-000000000009","at":"2026-11-04T00:00:00Z","device":"laptop-a","data":{"text":"half"}}"#;
    fs::OpenOptions::new().append(true).open(&log).unwrap().write_all(format!("{damaged}\n").as_bytes()).unwrap();
    let before = journal.snapshot();
    for args in [vec!["summary"], vec!["concern", "list"], vec!["status"]] {
        let err = stderr_of(&journal.srt().args(&args).assert().code(1));
        assert!(err.contains(&format!("{} line 2", log.display())), "{args:?}: {err}");
    }
    assert_eq!(journal.snapshot(), before, "a damaged file is never overwritten");
    let report = stdout_of(&journal.srt().arg("doctor").assert().code(1));
    assert!(report.contains("concerns.jsonl"), "{report}");
    journal.ok(&["doctor", "--repair"]);
    let listed: Value = serde_json::from_str(&journal.ok(&["concern", "list", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["text"], "she said she wished she wasn't alive");
}

#[test]
fn a_concerns_log_that_is_not_a_plain_file_stops_what_would_leave_concerns_out() {
    for make in ["folder", "link"] {
        let journal = sam_with_three_mornings();
        journal.ok(&["concern", "she said she wished she wasn't alive", "--date", "2026-11-03"]);
        let log = journal.data().join("log/laptop-a/concerns.jsonl");
        let elsewhere = journal.root().join("elsewhere.jsonl");
        fs::rename(&log, &elsewhere).unwrap();
        match make {
            "folder" => fs::create_dir(&log).unwrap(),
            _ => std::os::unix::fs::symlink(&elsewhere, &log).unwrap(),
        }
        let before = journal.snapshot();
        let out = journal.root().join("export.html");
        for args in [
            vec!["summary"],
            vec!["status"],
            vec!["concern", "list"],
            vec!["export", "--format", "html", "-o", out.to_str().unwrap()],
        ] {
            let err = stderr_of(&journal.srt().args(&args).assert().code(1));
            assert!(
                err.contains("is not a plain file, so srt cannot read the safety concerns"),
                "{make} {args:?}: {err}"
            );
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        assert!(!out.exists(), "no report goes out without the concerns");
        assert_eq!(journal.snapshot(), before, "{make}");
    }
}
