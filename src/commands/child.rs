//! `srt child add|list|default|rename|remove`.

use std::io::Write;

use crate::cli::ChildCommand;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::check_child_name;
use crate::text::{Field, clean, count, same_words, visible, visible_path};

pub fn run(ctx: &Context, command: ChildCommand, out: &mut dyn Write) -> Result<i32> {
    match command {
        ChildCommand::Add { name } => add(ctx, &name, out),
        ChildCommand::List => list(ctx, out),
        ChildCommand::Default { name } => {
            let name = ctx.journal.set_default_child(&name)?;
            writeln!(out, "{} is now the default child.", visible(&name, false))?;
            Ok(0)
        }
        ChildCommand::Rename { old, new } => {
            let new = child_name(&new)?;
            let old = ctx.journal.rename_child(&old, &new)?;
            let (old_shown, new_shown) = (visible(&old, false), visible(&new, false));
            if old == new {
                writeln!(out, "Nothing changed: {new_shown} is already called that.")?;
                return Ok(0);
            }
            writeln!(out, "{old_shown} is now called {new_shown}: every check-in, session and step follows.")?;
            if ctx.config.default_child.as_deref().is_some_and(|d| same_words(d, &old)) {
                let path = crate::config::path().map(|p| visible_path(&p));
                writeln!(
                    out,
                    "Your config still says default_child = \"{old_shown}\": change it to \"{new_shown}\" in {}.",
                    path.unwrap_or_else(|| "your config file".into())
                )?;
            }
            Ok(0)
        }
        ChildCommand::Remove { name, with_checkins, yes } => remove(ctx, &name, with_checkins, yes, out),
    }
}

/// A name as typed, cleaned and checked.
fn child_name(raw: &str) -> Result<String> {
    let name = clean(Field::ChildName, raw).map_err(Error::usage)?;
    check_child_name(&name).map_err(Error::usage)?;
    Ok(name)
}

fn add(ctx: &Context, name: &str, out: &mut dyn Write) -> Result<i32> {
    let child = ctx.journal.add_child(&child_name(name)?)?;
    writeln!(out, "Added {}.", visible(&child.name, false))?;
    let family = ctx.journal.family()?;
    if family.children.len() > 1 && family.resolve(None).is_err() {
        writeln!(
            out,
            "With more than one child, choose who srt means when --child is not given: `srt child default NAME`."
        )?;
    }
    Ok(0)
}

fn list(ctx: &Context, out: &mut dyn Write) -> Result<i32> {
    let family = ctx.journal.family()?;
    let default = family.resolve(None).ok().flatten().map(|c| c.name.clone());
    if ctx.json {
        let names: Vec<_> = family
            .children
            .iter()
            .map(|c| serde_json::json!({"name": c.name, "default": Some(&c.name) == default.as_ref()}))
            .collect();
        super::print_json(out, &names)?;
    } else if family.children.is_empty() {
        writeln!(out, "No children yet. Add one with `srt child add NAME`.")?;
    } else {
        for child in &family.children {
            let mark = if Some(&child.name) == default.as_ref() { "  (default)" } else { "" };
            writeln!(out, "{}{mark}", visible(&child.name, false))?;
        }
    }
    Ok(0)
}

/// Removing a child asks first (`--yes` in a script); one with check-ins or safety
/// concerns needs `--with-checkins` too.
fn remove(ctx: &Context, name: &str, with_checkins: bool, yes: bool, out: &mut dyn Write) -> Result<i32> {
    let (name, checkins) = ctx.journal.removable(name, with_checkins)?;
    let shown = visible(&name, false).into_owned();
    if !yes {
        if !ctx.interactive {
            return Err(Error::usage("removing a child needs a yes: add --yes (stdin is not a terminal to ask on)"));
        }
        let what = if checkins > 0 { format!(" and their {}", count(checkins, "check-in")) } else { String::new() };
        if !ctx.prompter.confirm(&format!("Remove {shown}{what} from the journal?"), false)? {
            writeln!(out, "Nothing changed.")?;
            return Ok(0);
        }
    }
    let removed = ctx.journal.remove_child(&name, with_checkins)?;
    let concerns =
        if removed.concerns > 0 { format!(", {}", count(removed.concerns, "safety concern")) } else { String::new() };
    writeln!(
        out,
        "Removed {shown}, with {}{concerns} and {}.",
        count(removed.checkins, "check-in"),
        count(removed.sessions, "session")
    )?;
    Ok(0)
}
