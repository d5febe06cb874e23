//! From arguments to an exit code: parse, build the context, run one command, report.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command, GlobalArgs};
use crate::commands;
use crate::config::{self, Config};
use crate::error::{Error, ErrorKind, Result};
use crate::prompt::Prompter;
use crate::store::{Store, paths};

/// What every command gets: the journal, the clock, and how to talk to the user.
pub struct Context {
    pub store: Store,
    pub now: DateTime<FixedOffset>,
    pub today: NaiveDate,
    pub child: Option<String>,
    pub json: bool,
    pub config: Config,
    /// Questions may be asked: stdin and stderr are a terminal.
    pub interactive: bool,
    pub prompter: Prompter,
}

/// Runs srt with `args` and returns the exit code (DESIGN §6).
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => return report_clap_error(&err),
    };
    // Buffered: a long list is a few writes, not one per line.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let (result, warnings) = match Context::new(&cli.global) {
        Ok(ctx) => {
            let result = dispatch(&ctx, cli.command, &mut stdout).and_then(|code| {
                stdout.flush()?;
                Ok(code)
            });
            (result, ctx.store.take_warnings())
        }
        Err(err) => (Err(err), Vec::new()),
    };
    for warning in warnings {
        eprintln!("srt: warning: {warning}");
    }
    match result {
        Ok(code) => code,
        Err(err) => {
            match err.kind {
                ErrorKind::Cancelled => {
                    // The prompt may have hidden the cursor when it was cut short.
                    let _ = console::Term::stderr().show_cursor();
                    eprintln!("\nNothing was saved.");
                }
                ErrorKind::ClosedPipe => {}
                _ => eprintln!("srt: error: {err}"),
            }
            err.exit_code()
        }
    }
}

impl Context {
    fn new(global: &GlobalArgs) -> Result<Self> {
        let colour = !global.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        console::set_colors_enabled(colour && std::io::stdout().is_terminal());
        console::set_colors_enabled_stderr(colour && std::io::stderr().is_terminal());
        let now = clock()?;
        let data_dir = paths::data_dir(global.data_dir.as_deref())?;
        let config = config::load(config::path().as_deref())?;
        let named = global.child.clone().filter(|c| !c.trim().is_empty());
        Ok(Self {
            store: Store::open(data_dir, now.to_utc()),
            now,
            today: now.date_naive(),
            child: named.or_else(|| config.default_child.clone()),
            json: global.json,
            config,
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
            prompter: Prompter::new(colour && std::io::stderr().is_terminal()),
        })
    }
}

/// The local time now. `SRT_NOW` (RFC 3339) fixes it, so tests and demos can run on a
/// given day.
fn clock() -> Result<DateTime<FixedOffset>> {
    match std::env::var("SRT_NOW") {
        Ok(raw) => DateTime::parse_from_rfc3339(&raw)
            .map_err(|_| Error::usage(format!("SRT_NOW='{raw}' is not a time like 2026-11-23T07:45:00+11:00"))),
        Err(_) => Ok(Local::now().fixed_offset()),
    }
}

fn dispatch(ctx: &Context, command: Command, out: &mut dyn Write) -> Result<i32> {
    match command {
        Command::Morning(args) => commands::checkin::run(ctx, args.into_request()?, out),
        Command::Evening(args) => commands::checkin::run(ctx, args.into_request()?, out),
        Command::List(args) => commands::list::run(ctx, &args.range.to_range(ctx.today)?, out),
        Command::Show { id } => commands::show::run(ctx, &id, out),
        Command::Edit(args) => commands::edit::run(ctx, args.into_request()?, out),
        Command::Delete { id, yes } => commands::delete::run(ctx, &id, yes, out),
        Command::Child(command) => commands::child::run(ctx, command, out),
        Command::Status { quiet } => commands::status::run(ctx, quiet, out),
        Command::Summary(args) => commands::summary::run(ctx, &args.range, out),
        Command::Export(args) => commands::export::run(ctx, &args, out),
        Command::Import { file } => commands::import::run(ctx, &file, out),
        Command::Session(command) => commands::session::run(ctx, command, out),
        Command::Steps(command) => commands::steps::run(ctx, command, out),
        Command::Doctor { repair } => commands::doctor::run(ctx, repair, out),
        Command::Config(command) => commands::config::run(ctx, command, out),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "srt", out);
            Ok(0)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(0)
        }
    }
}

/// clap's own messages are several lines; srt's errors are one (DESIGN §6).
fn report_clap_error(err: &clap::Error) -> i32 {
    use clap::error::ErrorKind as Clap;
    if matches!(err.kind(), Clap::DisplayHelp | Clap::DisplayVersion) {
        let _ = err.print();
        return 0;
    }
    if err.kind() == Clap::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = err.print();
        return 2;
    }
    let rendered = err.render().to_string();
    let help = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage: "))
        .map(|usage| usage.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-'])).collect::<Vec<_>>())
        .map_or_else(|| "srt --help".to_string(), |words| format!("{} --help", words.join(" ")));
    let lines: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .collect();
    let message = lines.join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    eprintln!("srt: error: {message}; see `{help}`");
    2
}
