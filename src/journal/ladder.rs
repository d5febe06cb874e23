//! The brave-steps ladder: naming a step, and changing the ladder.

use std::collections::HashMap;

use super::{Journal, Stored, changed_meanwhile};
use crate::error::{Error, Result};
use crate::model::{DateRange, Ladder, Record, Step, StepAnswer};
use crate::text::visible;

/// The step a check-in records for the parent's answer: a number on the child's ladder, or
/// a step's words; `None` for no step.
pub fn resolve_step(answer: &StepAnswer, ladder: Option<&Ladder>, child: &str) -> Result<Option<Step>> {
    if *answer == StepAnswer::None {
        return Ok(None);
    }
    let child = visible(child, false);
    let Some(ladder) = ladder.filter(|l| !l.steps.is_empty()) else {
        return Err(Error::usage(format!(
            "{child} has no brave-steps ladder yet: set one with `srt steps set STEP...`, easiest first, then name a step by its number or its words"
        )));
    };
    let found = match answer {
        StepAnswer::Number(n) => ladder.step(*n),
        StepAnswer::Words(words) => ladder.step_called(words),
        StepAnswer::None => None,
    };
    found.cloned().map(Some).ok_or_else(|| match answer {
        StepAnswer::Number(n) => Error::usage(format!(
            "step {n} is not on {child}'s ladder, which has {} steps (see `srt steps list`)",
            ladder.steps.len()
        )),
        StepAnswer::Words(words) => Error::usage(format!(
            "'{}' is not a step on {child}'s ladder; give its number or its words (see `srt steps list`)",
            visible(words, false)
        )),
        StepAnswer::None => unreachable!("no step was looked for"),
    })
}

impl Journal {
    /// Saves the child's ladder as `steps`, unless it changed since the parent saw `seen`.
    pub fn set_ladder(&self, child: &str, seen: Option<&Stored<Ladder>>, steps: Vec<Step>) -> Result<Ladder> {
        let lock = self.store.lock()?;
        let now = self.ladder(child)?;
        if now.as_ref().map(|l| &l.stamp) != seen.map(|l| &l.stamp) {
            return Err(changed_meanwhile(
                &format!("{}'s ladder", visible(child, false)),
                "see it with `srt steps list` and try again",
            ));
        }
        let ladder = Ladder { child: child.to_string(), steps };
        ladder.check().map_err(|why| Error::usage(format!("{}'s brave-steps ladder: {why}", visible(child, false))))?;
        self.store.put_ladder(&lock, &ladder, now.as_ref())?;
        Ok(ladder)
    }

    /// The steps the child's check-ins have reached, each once, with how many check-ins
    /// reached it.
    pub fn steps_reached(&self, child: &str) -> Result<Vec<(Step, usize)>> {
        let mut reached: Vec<(Step, usize)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        self.for_each_month_of(child, &DateRange::default(), |month| {
            for step in month.into_iter().filter_map(|c| c.step) {
                match index.get(&step.id) {
                    Some(&i) => reached[i].1 += 1,
                    None => {
                        index.insert(step.id.clone(), reached.len());
                        reached.push((step, 1));
                    }
                }
            }
            Ok(())
        })?;
        Ok(reached)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder() -> Ladder {
        Ladder {
            child: "Sam".into(),
            steps: ["uniform on", "drive past", "gate"].iter().map(|s| Step::new(s.to_string())).collect(),
        }
    }

    #[test]
    fn a_step_is_named_by_number_or_by_its_words() {
        let ladder = ladder();
        let named = |answer: StepAnswer| resolve_step(&answer, Some(&ladder), "Sam");
        assert_eq!(named(StepAnswer::Number(2)).unwrap(), Some(ladder.steps[1].clone()));
        assert_eq!(named(StepAnswer::Words("Drive Past".into())).unwrap(), Some(ladder.steps[1].clone()));
        assert_eq!(named(StepAnswer::None).unwrap(), None);
        assert!(named(StepAnswer::Number(4)).unwrap_err().message.contains("which has 3 steps"));
        assert!(named(StepAnswer::Words("lesson".into())).unwrap_err().message.contains("'lesson' is not a step"));
        let none = resolve_step(&StepAnswer::Number(1), None, "Sam").unwrap_err();
        assert!(none.message.contains("Sam has no brave-steps ladder yet"), "{}", none.message);
    }
}
