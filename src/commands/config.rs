//! `srt config path|show`: they need neither the journal nor the clock, and `show` works
//! with a broken config too, to say what is wrong with it.

use std::io::Write;

use crate::cli::ConfigCommand;
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::text::visible_path;

pub fn run(command: ConfigCommand, out: &mut dyn Write) -> Result<i32> {
    let path = config::path();
    let shown = path.as_ref().map(|p| visible_path(p));
    match command {
        ConfigCommand::Path => match shown {
            Some(path) => writeln!(out, "{path}")?,
            None => return Err(Error::failure("there is no config dir on this machine; set SRT_CONFIG to a file")),
        },
        ConfigCommand::Show => {
            let (config, header) = match config::load(path.as_deref()) {
                Ok(config) => {
                    let header = match (&shown, path.as_ref().is_some_and(|p| p.exists())) {
                        (Some(path), true) => {
                            format!("# The settings in force: those in {path}, and srt's own for the rest.")
                        }
                        (Some(path), false) => format!("# No config file at {path} yet: these are srt's own settings."),
                        (None, _) => "# No config dir on this machine: these are srt's own settings.".to_string(),
                    };
                    (config, header)
                }
                Err(err) => (
                    Config::default(),
                    format!("# {err}\n# Other commands stop at this error until it is fixed. srt's own settings are:"),
                ),
            };
            let text = toml::to_string(&config.in_force())
                .map_err(|err| Error::failure(format!("could not show the config: {err}")))?;
            writeln!(out, "{header}\n{text}")?;
        }
    }
    Ok(0)
}
