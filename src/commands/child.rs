//! `srt child add|list|default`.

use std::io::Write;

use crate::app::Context;
use crate::cli::ChildCommand;
use crate::error::{Error, Result};
use crate::family::Family;
use crate::model::{Child, DEFAULT_CHILD, Setting};
use crate::text::{Field, clean, visible};

use super::checkin::new_id;

pub fn run(ctx: &Context, command: ChildCommand, out: &mut dyn Write) -> Result<i32> {
    match command {
        ChildCommand::Add { name } => add(ctx, &name, out),
        ChildCommand::List => list(ctx, out),
        ChildCommand::Default { name } => set_default(ctx, &name, out),
    }
}

fn add(ctx: &Context, name: &str, out: &mut dyn Write) -> Result<i32> {
    let name = clean(Field::ChildName, name).map_err(Error::usage)?;
    if name.is_empty() {
        return Err(Error::usage("a child's name cannot be empty"));
    }
    let lock = ctx.store.lock()?;
    if let Some(existing) = Family::load(&ctx.store)?.find(&name) {
        return Err(Error::usage(format!("{} is already in the journal", visible(&existing.name, false))));
    }
    ctx.store.put_child(&lock, &Child { id: new_id(), name: name.clone() })?;
    writeln!(out, "Added {}.", visible(&name, false))?;
    let family = Family::load(&ctx.store)?;
    if family.children.len() > 1 && family.resolve(None).is_err() {
        writeln!(
            out,
            "With more than one child, choose who srt means when --child is not given: `srt child default NAME`."
        )?;
    }
    Ok(0)
}

fn list(ctx: &Context, out: &mut dyn Write) -> Result<i32> {
    let family = Family::load(&ctx.store)?;
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

fn set_default(ctx: &Context, name: &str, out: &mut dyn Write) -> Result<i32> {
    let lock = ctx.store.lock()?;
    let family = Family::load(&ctx.store)?;
    let child = family.find(name).ok_or_else(|| {
        Error::usage(format!(
            "there is no child called '{}' (known: {}); add one with `srt child add NAME`",
            visible(name, false),
            family.names()
        ))
    })?;
    let setting = Setting { name: DEFAULT_CHILD.to_string(), value: child.name.clone() };
    ctx.store.put_setting(&lock, &setting, family.default.as_ref().map(|d| &d.stamp))?;
    writeln!(out, "{} is now the default child.", visible(&child.name, false))?;
    Ok(0)
}
