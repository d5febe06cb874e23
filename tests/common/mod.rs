//! A small builder that runs the real srt binary against a temporary journal, never the
//! user's: the data dir, HOME and the XDG dirs all point into a fresh temp dir.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The local time every test runs at, unless it says otherwise.
pub const NOW: &str = "2026-11-23T07:45:00+11:00";
pub const TODAY: &str = "2026-11-23";

pub struct Journal {
    home: TempDir,
}

impl Journal {
    pub fn new() -> Self {
        let home = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir(home.path().join("tmp")).unwrap();
        // As if this computer's first check-in had been asked who records, and Enter said
        // nobody: tests that are about that question remove it (`forget_recorder`).
        let state = home.path().join("xdg-state/srt");
        std::fs::create_dir_all(&state).unwrap();
        std::fs::write(state.join("recorder"), "\n").unwrap();
        Self { home }
    }

    /// A journal holding a copy of the fixture journal `tests/fixtures/NAME/journal`.
    pub fn from_fixture(name: &str) -> Self {
        let journal = Self::new();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).join("journal");
        copy_dir(&fixture, &journal.data());
        // As srt makes it: a data dir others can look into is warned about on every save.
        let private = std::os::unix::fs::PermissionsExt::from_mode(0o700);
        std::fs::set_permissions(journal.data(), private).unwrap();
        journal
    }

    /// Forgets who records on this computer, so the next check-in at a terminal asks.
    pub fn forget_recorder(&self) {
        std::fs::remove_file(self.home.path().join("xdg-state/srt/recorder")).unwrap();
    }

    /// The data dir srt is pointed at.
    pub fn data(&self) -> PathBuf {
        self.home.path().join("data")
    }

    pub fn root(&self) -> &Path {
        self.home.path()
    }

    /// `srt` as device "laptop-a", at `NOW`, with no terminal and no colour.
    pub fn srt(&self) -> Command {
        self.srt_on("laptop-a")
    }

    /// `srt` writing as another device, sharing the same data dir.
    pub fn srt_on(&self, device: &str) -> Command {
        let mut cmd = Command::new(bin());
        for (key, value) in self.env(device) {
            cmd.env(key, value);
        }
        cmd.env_remove("SRT_CHILD").env_remove("NO_COLOR").env_remove("VISUAL").write_stdin("");
        cmd
    }

    /// The environment srt runs in, also for tests that spawn it themselves.
    pub fn env(&self, device: &str) -> Vec<(String, String)> {
        let at = |p: &str| self.home.path().join(p).display().to_string();
        vec![
            ("SRT_DATA_DIR".into(), self.data().display().to_string()),
            ("SRT_DEVICE".into(), device.into()),
            ("SRT_NOW".into(), NOW.into()),
            ("SRT_CONFIG".into(), self.config_path().display().to_string()),
            ("HOME".into(), at("home")),
            ("XDG_DATA_HOME".into(), at("xdg-data")),
            ("XDG_CONFIG_HOME".into(), at("xdg-config")),
            ("XDG_STATE_HOME".into(), at("xdg-state")),
            ("TERM".into(), "xterm".into()),
            ("TMPDIR".into(), at("tmp")),
        ]
    }

    /// Runs srt with `args` and checks it succeeded without a word on stderr.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.srt().args(args).assert().success();
        let err = stderr_of(&out);
        assert!(err.is_empty(), "srt {args:?} wrote to stderr: {err}");
        stdout_of(&out)
    }

    /// Runs srt with `args`, checks it succeeded, and returns stdout and stderr: for the
    /// tests that expect a warning.
    pub fn ok_with_stderr(&self, args: &[&str]) -> (String, String) {
        let out = self.srt().args(args).assert().success();
        (stdout_of(&out), stderr_of(&out))
    }

    /// The config file srt reads (none until a test writes it).
    pub fn config_path(&self) -> PathBuf {
        self.home.path().join("config.toml")
    }

    /// Every check-in of the default child, from `srt list --json`.
    pub fn checkins(&self) -> Vec<Value> {
        self.checkins_of(&[])
    }

    pub fn checkins_of(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["list", "--json"];
        args.extend_from_slice(extra);
        let out = self.ok(&args);
        serde_json::from_str::<Vec<Value>>(&out).expect("list --json prints a JSON array")
    }

    /// Every file under the data dir with its bytes, to prove a command wrote nothing.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(&self.data(), &mut files);
        files.sort();
        files
    }

    /// This device's log of check-ins for a month, e.g. `2026-11`.
    pub fn month_log(&self, device: &str, month: &str) -> PathBuf {
        self.data().join("log").join(device).join("checkins").join(format!("{month}.jsonl"))
    }
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn collect(dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.file_name().is_some_and(|n| n != "srt.lock") {
            files.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_srt"))
}

pub fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

pub fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// srt with `args` on a real pseudo-terminal, as device "laptop-a" of `journal`.
pub fn on_a_pty(journal: &Journal, args: &[&str]) -> rexpect::session::PtySession {
    let mut command = std::process::Command::new(bin());
    command.envs(journal.env("laptop-a")).args(args);
    rexpect::session::spawn_command(command, Some(10_000)).expect("srt starts on a pty")
}

/// Types `keys` on the pseudo-terminal.
pub fn press(session: &mut rexpect::session::PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
}
