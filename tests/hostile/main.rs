//! The hostile corpus: bad arguments, files, imports, editors, disks and locks, each with
//! the exit code it must give, a fragment of its one-line message, and the promise that a
//! refused input leaves the data dir byte for byte as it was. Each module holds one kind of
//! attack; every row runs the real binary against a fresh temporary journal.

#[path = "../common/mod.rs"]
mod common;

mod args;
mod disk;
mod editor;
mod files;
mod import;
mod output;
mod store;

use std::path::Path;

use common::Journal;

/// One attack and what srt must answer.
pub struct Case {
    /// What the row tries, for the failure message.
    pub name: &'static str,
    pub args: &'static [&'static str],
    /// Extra environment (`("VAR", None)` removes it).
    pub env: &'static [(&'static str, Option<&'static str>)],
    /// Puts the journal in the state the attack needs (and may write hostile files).
    pub setup: fn(&Journal),
    pub exit: i32,
    /// A fragment of stderr (the one-line message).
    pub message: &'static str,
    /// A fragment of stdout (a report, such as doctor's).
    pub report: &'static str,
}

impl Case {
    pub const fn new(name: &'static str, args: &'static [&'static str], exit: i32, message: &'static str) -> Self {
        Self { name, args, env: &[], setup: no_setup, exit, message, report: "" }
    }

    pub const fn env(mut self, env: &'static [(&'static str, Option<&'static str>)]) -> Self {
        self.env = env;
        self
    }

    pub const fn setup(mut self, setup: fn(&Journal)) -> Self {
        self.setup = setup;
        self
    }

    pub const fn report(mut self, report: &'static str) -> Self {
        self.report = report;
        self
    }
}

pub fn no_setup(_: &Journal) {}

/// A journal with one child, Sam, and one morning check-in on 2026-11-20.
pub fn with_sam(journal: &Journal) {
    journal.ok(&["child", "add", "Sam"]);
    journal.ok(&["morning", "4", "--date", "2026-11-20", "--win", "got dressed", "--note", "toast", "--yes"]);
}

/// Runs every case on a fresh journal: the exit code, the message, one line of stderr with
/// no raw escape sequence, no panic, and (for a refusal) a data dir left byte-identical.
pub fn run_all(cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        if let Err(why) = run(case) {
            failures.push(format!("{}: {why}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

fn run(case: &Case) -> Result<(), String> {
    let journal = Journal::new();
    (case.setup)(&journal);
    let before = journal.snapshot();
    let root = journal.root().display().to_string();
    let mut cmd = journal.srt();
    cmd.args(case.args.iter().map(|arg| arg.replace("{root}", &root)))
        .current_dir(journal.root())
        .timeout(std::time::Duration::from_secs(60));
    for (key, value) in case.env {
        match value {
            Some(value) => cmd.env(key, value.replace("{root}", &root)),
            None => cmd.env_remove(key),
        };
    }
    let output = cmd.output().map_err(|err| format!("could not run srt: {err}"))?;
    check_answer(case, &output)?;
    if case.exit != 0 && journal.snapshot() != before {
        return Err("the data dir changed".into());
    }
    Ok(())
}

/// What srt answered `case` with: its exit code, its message (one line for a refusal) and
/// report, and nothing that drives a terminal.
pub fn check_answer(case: &Case, output: &std::process::Output) -> Result<(), String> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    if code != Some(case.exit) {
        return Err(format!("exit {code:?}, expected {}; stderr: {stderr}", case.exit));
    }
    if !stderr.contains(case.message) {
        return Err(format!("stderr lacks {:?}: {stderr}", case.message));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !stdout.contains(case.report) {
        return Err(format!("stdout lacks {:?}: {stdout}", case.report));
    }
    check_harmless_output(&output.stdout, &stderr)?;
    let said = stderr.lines().filter(|line| !line.starts_with("srt: waiting for another srt")).count();
    if case.exit != 0 && said > 1 {
        return Err(format!("a refusal is one line: {stderr}"));
    }
    Ok(())
}

/// What srt printed drives no terminal and is no panic: no ESC, BEL or other control
/// character but line breaks, and (for a failure) a single line.
pub fn check_harmless_output(stdout: &[u8], stderr: &str) -> Result<(), String> {
    let raw = |bytes: &[u8]| bytes.iter().any(|&b| b < 0x20 && b != b'\n' || b == 0x7f);
    if raw(stdout) || raw(stderr.as_bytes()) {
        return Err(format!("a raw control character reached the terminal: {stderr:?}"));
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Err(format!("srt panicked: {stderr}"));
    }
    Ok(())
}

/// Writes `text` to `relative` under the journal's root (for hostile files).
pub fn write(journal: &Journal, relative: &str, text: &str) {
    let path = journal.root().join(relative);
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).unwrap();
    std::fs::write(path, text).unwrap();
}
