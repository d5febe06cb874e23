//! What every command that reads or changes the journal gets: the journal, the day, which
//! child was asked for, and how to talk to the parent.

use std::io::IsTerminal;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};

use crate::cli::GlobalArgs;
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::journal::{Clock, Journal};
use crate::paths;
use crate::prompt::Prompter;

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
        let clock = clock()?;
        let data_dir = paths::data_dir(global.data_dir.as_deref())?;
        let config = config::load(config::path().as_deref())
            .map_err(|err| Error::usage(format!("{err}; `srt config show` shows what srt's settings are")))?;
        let named = global.child.clone().filter(|c| !c.trim().is_empty());
        let journal = Journal::open(data_dir, clock);
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
