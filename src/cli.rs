//! The whole command-line interface; the doc comments are the help text.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand};

use crate::model::school::{parse_clock, parse_lessons};
use crate::model::{
    Lessons, Reason, School, parse_alarm, parse_date, parse_own_rating, parse_parent_calm, parse_step_number,
};

/// A 30-second morning and evening check-in journal for parents of anxious and
/// school-refusing children: the alarm level, what helped, and the small wins.
#[derive(Debug, Parser)]
#[command(name = "srt", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  srt morning          a morning check-in, with questions\n  srt am 6 --win \"got dressed\" --yes\n  srt list --last 14d"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where the journal lives [default: the platform data dir, e.g. ~/.local/share/srt]
    // Read as it is, even empty, so the context can say whether the flag or SRT_DATA_DIR
    // was empty (clap's own path parser would blame the flag for both).
    #[arg(long, global = true, env = "SRT_DATA_DIR", value_name = "DIR",
          value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from))]
    pub data_dir: Option<PathBuf>,

    /// Which child (needed only with more than one and no default)
    #[arg(long, global = true, env = "SRT_CHILD", value_name = "NAME")]
    pub child: Option<String>,

    /// Which of the values above came from the environment rather than a flag.
    #[arg(skip)]
    pub from_env: FromEnv,

    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,

    /// Plain output without colour (also when NO_COLOR is set or stdout is not a terminal)
    #[arg(long, global = true)]
    pub no_color: bool,
}

/// Whether `--data-dir` and `--child` were set by their environment variables, for
/// messages that name what the parent actually set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FromEnv {
    pub data_dir: bool,
    pub child: bool,
}

impl FromEnv {
    pub fn of(matches: &clap::ArgMatches) -> Self {
        let from_env = |id: &str| matches.value_source(id) == Some(clap::parser::ValueSource::EnvVariable);
        Self { data_dir: from_env("data_dir"), child: from_env("child") }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Morning check-in: alarm level, body signals, what helped, small wins, a note
    #[command(visible_alias = "am")]
    #[command(
        after_help = "Examples:\n  srt morning\n  srt am 7 --body \"stomach ache\" --helped \"calm presence\" --win \"got dressed\" --yes\n  srt am 4 --date 2026-11-20 --yes     back-fill a morning you missed"
    )]
    Morning(MorningArgs),

    /// Evening check-in: alarm now and at its peak, how school went, wins, tomorrow's small step
    #[command(visible_alias = "pm")]
    #[command(
        after_help = "Examples:\n  srt evening\n  srt pm 3 --peak 8 --school part --in 10:30 --out 13:00 --win \"stayed for one lesson\" --next \"walk to the gate\" --yes\n  srt pm 6 --school absent --reason anxiety --yes"
    )]
    Evening(EveningArgs),

    /// List check-ins, newest last
    #[command(visible_alias = "log")]
    #[command(after_help = "Examples:\n  srt list\n  srt list --last 14d\n  srt list --since 2026-11-01 --json")]
    List(ListArgs),

    /// Show one check-in in full
    #[command(after_help = "Example:\n  srt show 1a2b3c4d")]
    Show {
        /// The check-in's id, or a unique start of it
        id: String,
    },

    /// Change a check-in: asks with the current answers filled in, or takes flags
    #[command(
        after_help = "Examples:\n  srt edit 1a2b\n  srt edit 1a2b --alarm 5 --win \"ate breakfast\"\n  srt edit 1a2b --date 2026-11-20   move it to another day"
    )]
    Edit(EditArgs),

    /// Delete a check-in (asks first)
    #[command(after_help = "Example:\n  srt delete 1a2b --yes")]
    Delete {
        /// The check-in's id, or a unique start of it
        id: String,
        /// Delete without asking
        #[arg(long, short)]
        yes: bool,
    },

    /// Add children, list them, choose the default
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  srt child add Sam\n  srt child default Sam\n  srt child rename Sammy Sam\n  srt child remove Max --yes"
    )]
    Child(ChildCommand),

    /// The small wins and patterns since the last therapy session
    #[command(
        after_help = "Examples:\n  srt summary                  since the latest session before today (or the last 14 days)\n  srt summary --last 30d\n  srt summary --since 2026-09-01 --until 2026-09-30 --json"
    )]
    Summary(SummaryArgs),

    /// Export for the clinician: JSON, CSV, FHIR or a one-page HTML report
    #[command(
        after_help = "Examples:\n  srt export --format html -o sam-report.html      since the last session\n  srt export --all -o sam.json                     everything, to import on the other laptop\n  srt export --format csv --last 30d --redact > sam.csv"
    )]
    Export(ExportArgs),

    /// Merge an srt JSON export (e.g. from the other parent's laptop); safe to repeat
    #[command(after_help = "Example:\n  srt import sam-from-alex.json")]
    Import {
        /// The export file (`srt export --all -o FILE` on the other device)
        file: PathBuf,
    },

    /// Therapy sessions: the latest one sets where the summary starts
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  srt session add                       a session today\n  srt session add --date 2026-11-16 --note \"talked about the car\"\n  srt session list"
    )]
    Session(SessionCommand),

    /// The child's brave-steps ladder, easiest step first
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  srt steps set \"uniform on\" \"drive past school\" \"walk to the gate\" \"first lesson\"\n  srt steps add \"sit in the car at the gate\" --at 3\n  srt steps rename 3 \"walk to the school gate\"\n  srt steps list"
    )]
    Steps(StepsCommand),

    /// Check every file of the journal; --repair sets damaged lines aside
    #[command(
        after_help = "Examples:\n  srt doctor\n  srt doctor --repair     keep every valid entry, move the damaged lines to backups/"
    )]
    Doctor {
        /// Copy damaged and cut-off lines to a file under backups/, then rewrite each affected log without them
        #[arg(long)]
        repair: bool,
    },

    /// Your settings: where the config file is, and what it says
    #[command(subcommand)]
    #[command(after_help = "Examples:\n  srt config path\n  srt config show")]
    Config(ConfigCommand),

    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  srt completions bash > ~/.local/share/bash-completion/completions/srt\n  srt completions zsh > ~/.zfunc/_srt\n  srt completions fish > ~/.config/fish/completions/srt.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff)
    #[command(after_help = "Example:\n  srt man > srt.1 && man ./srt.1")]
    Man,

    /// Safety concerns: something the child said or did that the clinician should hear first
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    #[command(
        after_help = "Examples:\n  srt concern \"she said she wished she wasn't alive\"\n  srt concern \"talked about hurting herself\" --date 2026-11-20\n  srt concern list\n  srt concern resolve 1a2b --note \"talked with Dr Lee on 2 Mar\""
    )]
    Concern(ConcernArgs),

    /// Whether today's check-ins are done: exit 0 when both are, 1 when one is missing
    #[command(after_help = "Examples:\n  srt status\n  srt status --quiet || echo \"time for a check-in\"")]
    Status {
        /// Print nothing; only the exit code answers
        #[arg(long, short)]
        quiet: bool,
    },
}

/// How a check-in is taken: the alarm as a plain number, the day, and whether to ask.
#[derive(Debug, Args)]
pub struct CheckInOptions {
    /// Alarm level now, 0 (calm) to 10 (overwhelmed)
    #[arg(value_name = "ALARM", value_parser = parse_alarm, allow_negative_numbers = true, conflicts_with = "alarm")]
    pub alarm_positional: Option<u8>,

    /// The day this check-in is about, to fill in a missed one [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// Save without asking anything; answers not given stay empty
    #[arg(long, short)]
    pub yes: bool,

    /// Replace an existing check-in for the same day
    #[arg(long)]
    pub replace: bool,
}

/// The answers of every check-in; each question has a flag.
#[derive(Debug, Args)]
pub struct AnswerFlags {
    /// Alarm level now, 0 (calm) to 10 (overwhelmed)
    #[arg(long, value_name = "N", value_parser = parse_alarm, allow_negative_numbers = true)]
    pub alarm: Option<u8>,

    /// A body signal noticed, e.g. "stomach ache" (repeat for more)
    #[arg(long, value_name = "TEXT")]
    pub body: Vec<String>,

    /// Something that helped (repeat for more)
    #[arg(long, value_name = "TEXT")]
    pub helped: Vec<String>,

    /// A small win (repeat for more)
    #[arg(long, value_name = "TEXT")]
    pub win: Vec<String>,

    /// The brave step reached: its number on the ladder, or its words
    #[arg(long, value_name = "N|TEXT", allow_negative_numbers = true)]
    pub step: Option<String>,

    /// The child's own number, 0-10, if they gave one
    #[arg(long, value_name = "N", value_parser = parse_own_rating, allow_negative_numbers = true)]
    pub own: Option<u8>,

    /// How calm you were, 0 (not at all) to 10 (completely)
    #[arg(long, value_name = "N", value_parser = parse_parent_calm, allow_negative_numbers = true)]
    pub my_calm: Option<u8>,

    /// What happened for you, e.g. "raised my voice" or "I stayed calm" (repeat for more)
    #[arg(long, value_name = "TEXT")]
    pub for_me: Vec<String>,

    /// Anything to remember or raise with the therapist
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    /// Mark the note as a safety concern: it stays first in every summary and export until
    /// resolved (`srt concern resolve`)
    #[arg(long)]
    pub concern: bool,

    /// Write the note in your editor ($VISUAL or $EDITOR)
    #[arg(long, conflicts_with = "note")]
    pub edit_note: bool,
}

/// The answers only an evening check-in has.
#[derive(Debug, Args)]
pub struct EveningFlags {
    /// Highest alarm level today, 0 to 10
    #[arg(long, value_name = "N", value_parser = parse_alarm, allow_negative_numbers = true)]
    pub peak: Option<u8>,

    /// How school went (partial and late are taken as part)
    #[arg(long, value_enum)]
    pub school: Option<School>,

    /// Why the child did not go, with --school absent
    #[arg(long, value_enum)]
    pub reason: Option<Reason>,

    /// When the child went in, HH:MM (with --school part or full)
    #[arg(long = "in", value_name = "HH:MM", value_parser = parse_clock)]
    pub time_in: Option<NaiveTime>,

    /// When the child came out, HH:MM (with --school part or full)
    #[arg(long = "out", value_name = "HH:MM", value_parser = parse_clock)]
    pub time_out: Option<NaiveTime>,

    /// Lessons attended of the day's, N/M (with --school part or full)
    #[arg(long, value_name = "N/M", value_parser = parse_lessons)]
    pub lessons: Option<Lessons>,

    /// The next small step for tomorrow
    #[arg(long, value_name = "TEXT")]
    pub next: Option<String>,
}

#[derive(Debug, Args)]
pub struct MorningArgs {
    #[command(flatten)]
    pub options: CheckInOptions,

    #[command(flatten)]
    pub answers: AnswerFlags,
}

#[derive(Debug, Args)]
pub struct EveningArgs {
    #[command(flatten)]
    pub options: CheckInOptions,

    #[command(flatten)]
    pub answers: AnswerFlags,

    #[command(flatten)]
    pub evening: EveningFlags,
}

#[derive(Debug, Args)]
pub struct RangeArgs {
    /// From this date on (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<NaiveDate>,

    /// Up to and including this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<NaiveDate>,

    /// The last N days including today, e.g. 14d or 2w
    #[arg(long, value_name = "SPAN", value_parser = parse_span, conflicts_with = "since")]
    pub last: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub range: RangeArgs,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The check-in's id, or a unique start of it
    pub id: String,

    #[command(flatten)]
    pub answers: AnswerFlags,

    #[command(flatten)]
    pub evening: EveningFlags,

    /// Move the check-in to another day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub range: RangeArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The srt-export document (what `srt import` reads)
    Json,
    /// One row per check-in, for spreadsheets
    Csv,
    /// A FHIR R4 Bundle of Observations, for a clinic's system
    Fhir,
    /// A one-page report to print or attach
    Html,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,

    #[command(flatten)]
    pub range: RangeArgs,

    /// Everything in the journal, not only the summary's window
    #[arg(long, conflicts_with_all = ["since", "until", "last"])]
    pub all: bool,

    /// Call the child "Child" (also in the wins), and leave out every note
    #[arg(long)]
    pub redact: bool,

    /// Write to FILE (readable by you only) instead of the screen; `-o -` means the screen.
    /// FILE must be a new or plain file outside the journal's folder (not a link, folder,
    /// pipe or device)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ConcernArgs {
    #[command(subcommand)]
    pub command: Option<ConcernCommand>,

    /// What was said or seen, in your words (asked when not given)
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,

    /// The day it was said or seen [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Subcommand)]
pub enum ConcernCommand {
    /// List the concerns, open ones first
    List,
    /// Mark a concern as talked over with a professional; it stays in the history
    Resolve {
        /// The concern's id, or a unique start of it
        id: String,
        /// With whom and when it was talked over (asked when not given)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Record a therapy session (today unless --date)
    Add {
        /// The day of the session [default: today]
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// What it was about, or what to try next
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// List the sessions, oldest first
    List,
    /// Delete a session (asks first)
    Delete {
        /// The session's id, or a unique start of it
        id: String,
        /// Delete without asking
        #[arg(long, short)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum StepsCommand {
    /// Set the whole ladder, easiest step first (steps already on it stay the same steps)
    Set {
        #[arg(required = true, value_name = "STEP")]
        steps: Vec<String>,
        /// Take steps that check-ins reached off the ladder without asking
        #[arg(long, short)]
        yes: bool,
    },
    /// Add one step, at the top or at position N
    Add {
        #[arg(value_name = "STEP")]
        step: String,
        /// Its place on the ladder, counting from 1 (the easiest) [default: the top]
        #[arg(long, value_name = "N", value_parser = parse_step_number, allow_negative_numbers = true)]
        at: Option<u32>,
    },
    /// Change a step's words; check-ins that reached it keep the words they were saved with
    Rename {
        /// The step: its number on the ladder, or its words
        #[arg(value_name = "N|STEP", allow_negative_numbers = true)]
        step: String,
        /// Its new words
        #[arg(value_name = "WORDS")]
        words: String,
    },
    /// Show the ladder
    List,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is (SRT_CONFIG overrides it)
    Path,
    /// Print the settings in force, as TOML
    Show,
}

#[derive(Debug, Subcommand)]
pub enum ChildCommand {
    /// Add a child (a first name or nickname is enough)
    Add { name: String },
    /// List the children
    List,
    /// Choose the child used when --child is not given
    Default { name: String },
    /// Give a child another name; every check-in, session and step follows
    Rename {
        /// The name now
        old: String,
        /// The new name
        new: String,
    },
    /// Remove a child (asks first); one with check-ins or safety concerns needs --with-checkins
    Remove {
        name: String,
        /// Remove their check-ins, safety concerns, sessions and ladder too
        #[arg(long)]
        with_checkins: bool,
        /// Remove without asking
        #[arg(long, short)]
        yes: bool,
    },
}

const MAX_SPAN_DAYS: u32 = 36_600;

/// Reads a span such as `14d` or `2w` into a number of days: exactly digits and a unit,
/// since a bare `14` could be days or weeks.
fn parse_span(raw: &str) -> Result<u32, String> {
    let shown = crate::text::visible(raw, false);
    if raw.trim() != raw {
        return Err(format!("'{shown}' has a space around it: give just the span, e.g. 14d or 2w"));
    }
    let (number, unit) = match raw.as_bytes().last() {
        Some(b'd') => (&raw[..raw.len() - 1], Some(1)),
        Some(b'w') => (&raw[..raw.len() - 1], Some(7)),
        _ => (raw, None),
    };
    let n = match crate::model::plain_number(number) {
        Ok(n) => n,
        // Only digits: simply very long.
        Err(crate::model::NotPlain::TooBig) => u64::MAX,
        Err(_) => return Err(format!("'{shown}' is not a span of days: use e.g. 14d or 2w")),
    };
    match unit {
        _ if n == 0 => Err(format!("'{shown}' is no time at all: use e.g. 14d or 2w")),
        None if n % 7 == 0 => Err(format!("{n} what? try {n}d or {}w", n / 7)),
        None => Err(format!("{number} what? try {number}d for days or {number}w for weeks")),
        Some(unit) => match u32::try_from(n.saturating_mul(unit)) {
            Ok(days) if days <= MAX_SPAN_DAYS => Ok(days),
            _ => Err(format!("'{shown}' is longer than srt looks back: at most {MAX_SPAN_DAYS} days (100 years)")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn spans_are_days_or_weeks() {
        assert_eq!(parse_span("14d"), Ok(14));
        assert_eq!(parse_span("2w"), Ok(14));
        assert_eq!(parse_span("36600d"), Ok(36_600));
        for bad in ["0d", "fortnight", "+14d", " 14d", "14d ", "1 4d", "d", "w", "", "-2w", "14D"] {
            assert!(parse_span(bad).unwrap_err().contains("14d or 2w"), "{bad:?}");
        }
        assert!(parse_span("36601d").unwrap_err().contains("at most 36600 days"));
        assert!(parse_span("99999999999w").unwrap_err().contains("at most 36600 days"));
    }

    #[test]
    fn a_span_without_a_unit_asks_which() {
        assert_eq!(parse_span("14").unwrap_err(), "14 what? try 14d or 2w");
        assert_eq!(parse_span("30").unwrap_err(), "30 what? try 30d for days or 30w for weeks");
        assert!(parse_span("0").unwrap_err().contains("no time at all"));
    }
}
