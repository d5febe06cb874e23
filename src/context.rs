//! What every command that reads or changes the journal gets: the journal, the day, which
//! child was asked for, and how to talk to the parent.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};

use crate::cli::GlobalArgs;
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::journal::{Clock, Journal};
use crate::paths;
use crate::prompt::Prompter;
use crate::text::{Field, clean, visible};

pub struct Context {
    pub journal: Journal,
    /// The day check-ins are about by default: today, or yesterday until the config's
    /// `day_starts_at` (04:00) has passed.
    pub today: NaiveDate,
    /// The child named with `--child` or `SRT_CHILD`.
    pub child: Option<String>,
    pub json: bool,
    pub config: Config,
    /// Questions may be asked: stdin and stderr are a terminal.
    pub interactive: bool,
    pub prompter: Prompter,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Self> {
        for name in ["SRT_CONFIG", "SRT_DEVICE", "SRT_NOW"] {
            refuse_empty_env(name)?;
        }
        let data_dir = paths::data_dir(named_data_dir(global)?)?;
        let named = named_child(global)?;
        let clock = clock()?;
        let config = config::load(config::path().as_deref())
            .map_err(|err| Error::usage(format!("{err}; `srt config show` shows what srt's settings are")))?;
        let mut journal = Journal::open(data_dir, clock);
        if let Some(timeout) = lock_timeout()? {
            journal = journal.waiting_at_most(timeout);
        }
        Ok(Self {
            today: config.day_of(journal.now()),
            journal,
            child: named,
            json: global.json,
            config,
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
            prompter: Prompter::new(colour_on(global) && std::io::stderr().is_terminal()),
        })
    }

    /// The child a command is about unless told otherwise: `--child`, else the config's
    /// `default_child`.
    pub fn wanted_child(&self) -> Option<&str> {
        self.child.as_deref().or(self.config.default_child.as_deref())
    }

    /// The calendar date now (which `today` lags behind between midnight and the start of
    /// the day): no check-in may be about a later one.
    pub fn calendar_today(&self) -> NaiveDate {
        self.journal.now().date_naive()
    }
}

/// An environment variable srt reads, set to nothing: a mistake to name rather than
/// quietly read as unset (which would mean another journal, config or device).
pub fn refuse_empty_env(name: &str) -> Result<()> {
    if std::env::var_os(name).is_none_or(|value| !value.is_empty()) {
        return Ok(());
    }
    let wanted = match name {
        "SRT_DATA_DIR" => "the journal's folder",
        "SRT_CONFIG" => "a config file",
        "SRT_DEVICE" => "a short name for this device",
        "SRT_NOW" => "a time like 2026-11-23T07:45:00+11:00",
        "SRT_LOCK_TIMEOUT" => "a number of seconds, like 30",
        _ => "a value",
    };
    Err(Error::usage(format!("{name} is set but empty: set it to {wanted}, or unset it")))
}

/// `SRT_LOCK_TIMEOUT`, in whole seconds, if set (for scripts and tests): how long a save
/// waits for another srt. Exactly its digits, like every number srt is given.
fn lock_timeout() -> Result<Option<Duration>> {
    refuse_empty_env("SRT_LOCK_TIMEOUT")?;
    let Some(value) = std::env::var_os("SRT_LOCK_TIMEOUT") else {
        return Ok(None);
    };
    let value = value.to_string_lossy();
    let seconds = crate::model::plain_number(&value).map_err(|_| {
        Error::usage(format!("SRT_LOCK_TIMEOUT='{}' is not a whole number of seconds, like 30", visible(&value, false)))
    })?;
    Ok(Some(Duration::from_secs(seconds)))
}

/// The data dir given with `--data-dir` or `SRT_DATA_DIR`, which may not be empty.
fn named_data_dir(global: &GlobalArgs) -> Result<Option<&Path>> {
    match global.data_dir.as_deref() {
        Some(dir) if dir.as_os_str().is_empty() && global.from_env.data_dir => {
            refuse_empty_env("SRT_DATA_DIR").map(|()| None)
        }
        Some(dir) if dir.as_os_str().is_empty() => {
            Err(Error::usage("--data-dir is empty: give the journal's folder, e.g. --data-dir ~/srt"))
        }
        dir => Ok(dir),
    }
}

/// The child named with `--child`, which needs a name, or with `SRT_CHILD`, where an empty
/// value means none (as an empty variable usually does). A name is held to the rules of
/// children's names, so an invisible character cannot name a second child.
fn named_child(global: &GlobalArgs) -> Result<Option<String>> {
    let Some(name) = global.child.as_deref() else { return Ok(None) };
    let source = if global.from_env.child { "SRT_CHILD" } else { "--child" };
    if name.trim().is_empty() {
        return match global.from_env.child {
            true => Ok(None),
            false => Err(Error::usage("--child needs a name, e.g. --child Sam")),
        };
    }
    clean(Field::ChildName, name).map(Some).map_err(|why| Error::usage(format!("{source}: {why}")))
}

/// Colour on stdout and stderr: on a terminal, unless `--no-color` or `NO_COLOR`.
pub fn set_up_colour(global: &GlobalArgs) {
    console::set_colors_enabled(colour_on(global) && std::io::stdout().is_terminal());
    console::set_colors_enabled_stderr(colour_on(global) && std::io::stderr().is_terminal());
}

fn colour_on(global: &GlobalArgs) -> bool {
    !global.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The clock: the local time at each reading, or the fixed moment `SRT_NOW` (RFC 3339)
/// gives, so tests and demos can run on a given day.
fn clock() -> Result<Clock> {
    match std::env::var("SRT_NOW") {
        Ok(raw) => {
            let fixed: DateTime<FixedOffset> = DateTime::parse_from_rfc3339(&raw).map_err(|_| {
                Error::usage(format!(
                    "SRT_NOW='{}' is not a time like 2026-11-23T07:45:00+11:00",
                    crate::text::visible(&raw, false)
                ))
            })?;
            Ok(Arc::new(move || fixed))
        }
        Err(_) => Ok(Arc::new(|| Local::now().fixed_offset())),
    }
}
