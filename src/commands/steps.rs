//! `srt steps set|add|list`: the child's brave-steps ladder, and naming a step in a check-in.

use std::io::Write;

use crate::app::Context;
use crate::cli::StepsCommand;
use crate::error::{Error, Result};
use crate::family::Family;
use crate::model::Ladder;
use crate::request::StepAnswer;
use crate::store::{Store, Stored};
use crate::text::{Field, clean, same_words, visible};

pub fn run(ctx: &Context, command: StepsCommand, out: &mut dyn Write) -> Result<i32> {
    let family = Family::load(&ctx.store)?;
    let child = family.require(ctx.child.as_deref())?.name.clone();
    let change = match command {
        StepsCommand::Set { steps } => {
            let steps = clean_steps(&steps)?;
            Some(save(ctx, &child, |_| Ok(steps))?)
        }
        StepsCommand::Add { step, at } => {
            let step = clean_steps(&[step])?.remove(0);
            Some(save(ctx, &child, |mut steps| {
                insert(&mut steps, step, at)?;
                Ok(steps)
            })?)
        }
        StepsCommand::List => None,
    };
    let ladder = load(&ctx.store, &child)?;
    if ctx.json {
        let steps = ladder.as_ref().map(|l| l.steps.clone()).unwrap_or_default();
        super::print_json(out, &Ladder { child, steps })?;
    } else {
        out.write_all(render(&child, ladder.as_deref()).as_bytes())?;
        if let Some((before, after)) = &change
            && let Some(note) = renumbering_note(before, after)
        {
            writeln!(out, "{note}")?;
        }
    }
    Ok(0)
}

/// Check-ins keep the number of the step they reached, so a ladder whose steps moved
/// changes what earlier numbers mean: say so.
fn renumbering_note(before: &[String], after: &[String]) -> Option<String> {
    let (index, was) = before.iter().enumerate().find(|(i, step)| after.get(*i) != Some(*step))?;
    let now = after.get(index).map_or("no step".to_string(), |s| format!("\"{}\"", visible(s, false)));
    Some(format!(
        "Note: check-ins keep the number of the step they reached, and the steps from {} up have moved (step {0} was \"{}\" and is now {now}): earlier check-ins now read against the new ladder.",
        index + 1,
        visible(was, false)
    ))
}

/// The child's ladder, if one was set.
pub fn load(store: &Store, child: &str) -> Result<Option<Stored<Ladder>>> {
    Ok(store.ladders()?.into_iter().find(|l| same_words(&l.child, child)))
}

/// The step number a check-in records for `answer`: a number must be on the ladder (any
/// number is taken while there is none), words must match a step.
pub fn resolve(answer: &StepAnswer, ladder: Option<&Ladder>, child: &str) -> Result<u32> {
    let child = visible(child, false);
    match (answer, ladder) {
        (StepAnswer::Number(n), None) => Ok(*n),
        (StepAnswer::Number(n), Some(ladder)) if ladder.step(*n).is_some() => Ok(*n),
        (StepAnswer::Number(n), Some(ladder)) => Err(Error::usage(format!(
            "step {n} is not on {child}'s ladder, which has {} steps (see `srt steps list`)",
            ladder.steps.len()
        ))),
        (StepAnswer::Text(text), Some(ladder)) => match ladder.steps.iter().position(|s| same_words(s, text)) {
            Some(index) => Ok(index as u32 + 1),
            None => Err(Error::usage(format!(
                "'{}' is not a step on {child}'s ladder; give its number or its words (see `srt steps list`)",
                visible(text, false)
            ))),
        },
        (StepAnswer::Text(_), None) => Err(Error::usage(format!(
            "{child} has no brave-steps ladder yet: give the step's number, or set the ladder with `srt steps set STEP...`"
        ))),
    }
}

fn clean_steps(raw: &[String]) -> Result<Vec<String>> {
    let mut steps: Vec<String> = Vec::new();
    for step in raw {
        let step = clean(Field::Step, step).map_err(Error::usage)?;
        if step.is_empty() {
            return Err(Error::usage("a brave step cannot be empty"));
        }
        if steps.iter().any(|s| same_words(s, &step)) {
            return Err(Error::usage(format!("'{}' is on the ladder twice", visible(&step, false))));
        }
        steps.push(step);
    }
    Ok(steps)
}

fn insert(steps: &mut Vec<String>, step: String, at: Option<usize>) -> Result<()> {
    if steps.iter().any(|s| same_words(s, &step)) {
        return Err(Error::usage(format!("'{}' is already on the ladder", visible(&step, false))));
    }
    let index = match at {
        None => steps.len(),
        Some(n) if (1..=steps.len() + 1).contains(&n) => n - 1,
        Some(n) => {
            return Err(Error::usage(format!(
                "--at {n} is off the ladder: use 1 to {} (1 is the easiest step)",
                steps.len() + 1
            )));
        }
    };
    steps.insert(index, step);
    Ok(())
}

/// Reads the ladder, changes it, and saves it, all under the write lock. Returns the steps
/// before and after.
fn save(
    ctx: &Context,
    child: &str,
    change: impl FnOnce(Vec<String>) -> Result<Vec<String>>,
) -> Result<(Vec<String>, Vec<String>)> {
    let lock = ctx.store.lock()?;
    let current = load(&ctx.store, child)?;
    let before = current.as_ref().map(|l| l.steps.clone()).unwrap_or_default();
    let steps = change(before.clone())?;
    let ladder = Ladder { child: child.to_string(), steps: steps.clone() };
    ctx.store.put_ladder(&lock, &ladder, current.as_ref().map(|l| &l.stamp))?;
    Ok((before, steps))
}

fn render(child: &str, ladder: Option<&Ladder>) -> String {
    let child = visible(child, false);
    match ladder.filter(|l| !l.steps.is_empty()) {
        None => {
            format!("{child} has no brave-steps ladder yet. Set one with `srt steps set STEP...`, easiest first.\n")
        }
        Some(ladder) => {
            let mut out = format!("{child}'s brave steps, easiest first:\n");
            for (i, step) in ladder.steps.iter().enumerate() {
                out.push_str(&format!("  {:>2}. {}\n", i + 1, visible(step, false)));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder() -> Ladder {
        Ladder { child: "Sam".into(), steps: vec!["uniform on".into(), "drive past".into(), "gate".into()] }
    }

    #[test]
    fn a_step_is_named_by_number_or_by_its_words() {
        assert_eq!(resolve(&StepAnswer::Number(2), Some(&ladder()), "Sam").unwrap(), 2);
        assert_eq!(resolve(&StepAnswer::Text("Drive Past".into()), Some(&ladder()), "Sam").unwrap(), 2);
        assert!(resolve(&StepAnswer::Number(4), Some(&ladder()), "Sam").is_err());
        assert!(resolve(&StepAnswer::Text("lesson".into()), Some(&ladder()), "Sam").is_err());
        assert_eq!(resolve(&StepAnswer::Number(9), None, "Sam").unwrap(), 9);
        assert!(resolve(&StepAnswer::Text("gate".into()), None, "Sam").is_err());
    }

    #[test]
    fn moving_steps_is_pointed_out() {
        let before = ladder().steps;
        let mut after = before.clone();
        assert_eq!(renumbering_note(&before, &after), None);
        after.push("first lesson".into());
        assert_eq!(renumbering_note(&before, &after), None, "a step on top moves nothing");
        after.insert(0, "shoes on".into());
        let note = renumbering_note(&before, &after).unwrap();
        assert!(
            note.contains("steps from 1 up have moved (step 1 was \"uniform on\" and is now \"shoes on\")"),
            "{note}"
        );
        assert!(renumbering_note(&before, &before[..1]).unwrap().contains("is now no step"));
    }

    #[test]
    fn steps_are_inserted_where_asked() {
        let mut steps = ladder().steps;
        insert(&mut steps, "car park".into(), Some(3)).unwrap();
        assert_eq!(steps, ["uniform on", "drive past", "car park", "gate"]);
        insert(&mut steps, "first lesson".into(), None).unwrap();
        assert_eq!(steps.last().unwrap(), "first lesson");
        assert!(insert(&mut steps, "x".into(), Some(7)).is_err());
        assert!(insert(&mut steps, "x".into(), Some(0)).is_err());
        assert!(insert(&mut steps, "GATE".into(), None).is_err());
    }
}
