//! `srt steps set|add|rename|list`: the child's brave-steps ladder. Each step keeps its
//! identity through every change, so check-ins that reached it keep meaning it.

use std::io::Write;

use crate::cli::StepsCommand;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::journal::resolve_step;
use crate::model::{Ladder, MAX_LADDER_STEPS, Step, looks_like_step_number, parse_step_answer};
use crate::text::{Field, clean, folded, same_words, visible};

pub fn run(ctx: &Context, command: StepsCommand, out: &mut dyn Write) -> Result<i32> {
    let child = ctx.journal.family()?.require(ctx.wanted_child())?.name.clone();
    let seen = ctx.journal.ladder(&child)?;
    let current: Vec<Step> = seen.as_ref().map(|l| l.steps.clone()).unwrap_or_default();
    let steps = match command {
        StepsCommand::List => None,
        StepsCommand::Set { steps, yes } => {
            let steps = keep_identities(&current, clean_steps(&steps)?);
            if !confirm_dropping(ctx, &child, &current, &steps, yes)? {
                writeln!(out, "Nothing changed.")?;
                return Ok(0);
            }
            Some(steps)
        }
        StepsCommand::Add { step, at } => {
            let text = clean_steps(&[step])?.remove(0);
            let mut steps = current.clone();
            insert(&mut steps, Step::new(text), at.map(|n| n as usize))?;
            Some(steps)
        }
        StepsCommand::Rename { step, words } => {
            let ladder = Ladder { child: child.clone(), steps: current.clone() };
            let renamed = resolve_step(&parse_step_answer(&step).map_err(Error::usage)?, Some(&ladder), &child)?
                .expect("a step was named");
            let words = clean_steps(&[words])?.remove(0);
            if let Some(other) = ladder.step_called(&words).filter(|s| s.id != renamed.id) {
                return Err(Error::usage(format!("'{}' is already on the ladder", visible(&other.text, false))));
            }
            let steps = current
                .iter()
                .map(|s| if s.id == renamed.id { Step { text: words.clone(), ..s.clone() } } else { s.clone() });
            Some(steps.collect())
        }
    };
    let ladder = match steps {
        Some(steps) => Some(ctx.journal.set_ladder(&child, seen.as_ref(), steps)?),
        None => seen.map(|l| l.record),
    };
    if ctx.json {
        let steps = ladder.map(|l| l.steps).unwrap_or_default();
        super::print_json(out, &Ladder { child, steps })?;
    } else {
        out.write_all(render(&child, ladder.as_ref()).as_bytes())?;
    }
    Ok(0)
}

/// The new ladder's steps: a step whose words were on the ladder before stays that step.
fn keep_identities(current: &[Step], texts: Vec<String>) -> Vec<Step> {
    texts
        .into_iter()
        .map(|text| match current.iter().find(|s| same_words(&s.text, &text)) {
            Some(kept) => Step { id: kept.id.clone(), text },
            None => Step::new(text),
        })
        .collect()
}

/// Steps taken off the ladder that check-ins reached: at a terminal the parent is asked,
/// in a script `--yes` is needed. The check-ins themselves keep saying what they reached.
fn confirm_dropping(ctx: &Context, child: &str, current: &[Step], new: &[Step], yes: bool) -> Result<bool> {
    let dropped: Vec<&Step> = current.iter().filter(|s| !new.iter().any(|n| n.id == s.id)).collect();
    if dropped.is_empty() || yes {
        return Ok(true);
    }
    let reached = ctx.journal.steps_reached(child)?;
    let in_use: Vec<String> = reached
        .iter()
        .filter(|(step, _)| dropped.iter().any(|d| d.id == step.id))
        .map(|(step, times)| format!("\"{}\" ({})", visible(&step.text, false), crate::text::count(*times, "check-in")))
        .collect();
    if in_use.is_empty() {
        return Ok(true);
    }
    let what = format!(
        "this takes off the ladder steps that check-ins reached: {}. Those check-ins keep saying what they reached",
        in_use.join(", ")
    );
    if !ctx.interactive {
        return Err(Error::usage(format!("{what}; add --yes to change the ladder anyway")));
    }
    ctx.prompter.say(&format!("Note: {what}."))?;
    ctx.prompter.confirm("Change the ladder?", false)
}

/// The steps' words, checked: the count first, so a mistaken list of thousands is refused
/// at once; no empty step, no step that is only a number, no step twice.
fn clean_steps(raw: &[String]) -> Result<Vec<String>> {
    if raw.len() > MAX_LADDER_STEPS {
        return Err(Error::usage(format!(
            "the ladder would have {} steps; the limit is {MAX_LADDER_STEPS}",
            raw.len()
        )));
    }
    let mut steps: Vec<String> = Vec::with_capacity(raw.len());
    let mut seen = std::collections::HashSet::with_capacity(raw.len());
    for step in raw {
        if looks_like_step_number(step) {
            return Err(Error::usage(format!(
                "'{}' would be read as a step's number: give a brave step in words",
                visible(step, false)
            )));
        }
        let step = clean(Field::Step, step).map_err(Error::usage)?;
        if step.is_empty() {
            return Err(Error::usage("a brave step cannot be empty"));
        }
        if !seen.insert(folded(&step)) {
            return Err(Error::usage(format!("'{}' is on the ladder twice", visible(&step, false))));
        }
        steps.push(step);
    }
    Ok(steps)
}

fn insert(steps: &mut Vec<Step>, step: Step, at: Option<usize>) -> Result<()> {
    if steps.iter().any(|s| same_words(&s.text, &step.text)) {
        return Err(Error::usage(format!("'{}' is already on the ladder", visible(&step.text, false))));
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

fn render(child: &str, ladder: Option<&Ladder>) -> String {
    let child = visible(child, false);
    match ladder.filter(|l| !l.steps.is_empty()) {
        None => {
            format!("{child} has no brave-steps ladder yet. Set one with `srt steps set STEP...`, easiest first.\n")
        }
        Some(ladder) => {
            let mut out = format!("{child}'s brave steps, easiest first:\n");
            for (i, step) in ladder.steps.iter().enumerate() {
                out.push_str(&format!("  {:>2}. {}\n", i + 1, visible(&step.text, false)));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(texts: &[&str]) -> Vec<Step> {
        texts.iter().map(|t| Step::new(t.to_string())).collect()
    }

    #[test]
    fn setting_the_ladder_keeps_the_steps_it_still_has() {
        let before = steps(&["uniform on", "drive past", "gate"]);
        let after = keep_identities(&before, vec!["Gate".into(), "first lesson".into(), "uniform on".into()]);
        assert_eq!(after[0], Step { id: before[2].id.clone(), text: "Gate".into() });
        assert!(!before.iter().any(|s| s.id == after[1].id), "a new step is new");
        assert_eq!(after[2], before[0]);
    }

    #[test]
    fn steps_are_inserted_where_asked() {
        let mut ladder = steps(&["uniform on", "drive past", "gate"]);
        insert(&mut ladder, Step::new("car park".into()), Some(3)).unwrap();
        let texts: Vec<_> = ladder.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["uniform on", "drive past", "car park", "gate"]);
        insert(&mut ladder, Step::new("first lesson".into()), None).unwrap();
        assert_eq!(ladder.last().unwrap().text, "first lesson");
        assert!(insert(&mut ladder, Step::new("x".into()), Some(7)).is_err());
        assert!(insert(&mut ladder, Step::new("x".into()), Some(0)).is_err());
        assert!(insert(&mut ladder, Step::new("GATE".into()), None).is_err());
    }
}
