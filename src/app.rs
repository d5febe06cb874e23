//! From arguments to an exit code: parse, run one command, report.

use std::ffi::OsString;
use std::io::Write;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command, FromEnv, GlobalArgs};
use crate::commands;
use crate::context::{self, Context};
use crate::error::{ErrorKind, Result};

/// Runs srt with `args` and returns the exit code: 0 done, 1 failed, 2 bad usage or input,
/// 130 cancelled.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(err) => return report_clap_error(&err, &args),
    };
    context::set_up_colour(&cli.global);
    // Buffered: a long list is a few writes, not one per line.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let (result, warnings) = run_command(&cli.global, cli.command, &mut stdout);
    let result = result.and_then(|code| {
        stdout.flush()?;
        Ok(code)
    });
    // A failure is one line: what went wrong on the way to it would only say it twice.
    if result.is_ok() {
        for warning in warnings {
            say_on_stderr(&format!("srt: warning: {warning}"));
        }
    }
    match result {
        Ok(code) => code,
        Err(err) => {
            match err.kind {
                ErrorKind::Cancelled => crate::prompt::say_nothing_saved(),
                ErrorKind::ClosedPipe => {}
                _ => say_on_stderr(&format!("srt: error: {err}")),
            }
            err.exit_code()
        }
    }
}

/// The arguments as srt's `Cli`, knowing which global values came from the environment.
fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = Cli::command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    cli.global.from_env = FromEnv::of(&matches);
    Ok(cli)
}

/// Runs one command; returns its exit code and the warnings met on the way.
fn run_command(global: &GlobalArgs, command: Command, out: &mut dyn Write) -> (Result<i32>, Vec<String>) {
    // These need neither the journal, the config nor the clock, so a broken config or a bad
    // SRT_NOW cannot stop them.
    match command {
        Command::Completions { shell } => {
            // Written whole, so a reader that goes away early is a closed pipe, not a panic.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "srt", &mut script);
            return (out.write_all(&script).map(|()| 0).map_err(Into::into), Vec::new());
        }
        Command::Man => {
            return (clap_mangen::Man::new(Cli::command()).render(out).map(|()| 0).map_err(Into::into), Vec::new());
        }
        Command::Config(command) => {
            let result = context::refuse_empty_env("SRT_CONFIG").and_then(|()| commands::config::run(command, out));
            return (result, Vec::new());
        }
        _ => {}
    }
    match Context::new(global) {
        Ok(ctx) => {
            let result = dispatch(&ctx, command, out);
            (result, ctx.journal.take_warnings())
        }
        Err(err) => (Err(err), Vec::new()),
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
        Command::Summary(args) => commands::summary::run(ctx, &args.range.to_range(ctx.today)?, out),
        Command::Export(args) => commands::export::run(ctx, &args, out),
        Command::Import { file } => commands::import::run(ctx, &file, out),
        Command::Session(command) => commands::session::run(ctx, command, out),
        Command::Concern(args) => commands::concern::run(ctx, args, out),
        Command::Steps(command) => commands::steps::run(ctx, command, out),
        Command::Doctor { repair } => commands::doctor::run(ctx, repair, out),
        Command::Completions { .. } | Command::Man | Command::Config(_) => unreachable!("run without a context"),
    }
}

/// clap's own messages are several lines; srt's errors are one, ending with the help of
/// the command that was meant.
fn report_clap_error(err: &clap::Error, args: &[OsString]) -> i32 {
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
    let lines: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .collect();
    let message = lines.join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    say_on_stderr(&format!(
        "srt: error: {}; see `{} --help`",
        crate::text::visible(message, false),
        command_meant(args)
    ));
    2
}

/// The (sub)command the arguments name, e.g. "srt export" or "srt child add", for its help.
fn command_meant(args: &[OsString]) -> String {
    let mut words = vec!["srt".to_string()];
    let mut command = Cli::command();
    let mut tokens = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(token) = tokens.next() {
        if ["--data-dir", "--child"].contains(&token.as_ref()) {
            tokens.next();
            continue;
        }
        if token.starts_with('-') {
            continue;
        }
        let Some(sub) = command.find_subcommand(token.as_ref()).cloned() else { break };
        words.push(sub.get_name().to_string());
        if !sub.has_subcommands() {
            break;
        }
        command = sub;
    }
    words.join(" ")
}

/// Writes a line on stderr; a closed stderr (`2>&1 | head`) is no reason to panic.
fn say_on_stderr(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meant(args: &[&str]) -> String {
        command_meant(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn the_help_named_is_that_of_the_command_meant() {
        assert_eq!(meant(&["srt", "export", "--format", "pdf"]), "srt export");
        assert_eq!(meant(&["srt", "--child", "Sam", "am", "11"]), "srt morning");
        assert_eq!(meant(&["srt", "--data-dir", "x", "child", "add"]), "srt child add");
        assert_eq!(meant(&["srt", "mornign"]), "srt");
    }
}
