//! `srt config path|show`.

use std::io::Write;

use crate::app::Context;
use crate::cli::ConfigCommand;
use crate::config;
use crate::error::{Error, Result};

pub fn run(ctx: &Context, command: ConfigCommand, out: &mut dyn Write) -> Result<i32> {
    match command {
        ConfigCommand::Path => match config::path() {
            Some(path) => writeln!(out, "{}", path.display())?,
            None => return Err(Error::failure("there is no config dir on this machine; set SRT_CONFIG to a file")),
        },
        ConfigCommand::Show => {
            let text = toml::to_string(&ctx.config)
                .map_err(|err| Error::failure(format!("could not show the config: {err}")))?;
            let from = config::path().filter(|p| p.exists());
            let source = from.map_or("defaults: no config file yet".to_string(), |p| p.display().to_string());
            writeln!(out, "# {source}\n{text}")?;
        }
    }
    Ok(0)
}
