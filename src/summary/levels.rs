//! Alarm levels counted by level: medians and counts stay exact and take the same small
//! space for a week as for ten years.

use serde::Serialize;

use crate::model::MAX_ALARM;

/// How many times each level, 0 to 10, was seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Levels([u32; MAX_ALARM as usize + 1]);

impl Levels {
    pub fn add(&mut self, level: u8) {
        self.0[usize::from(level.min(MAX_ALARM))] += 1;
    }

    pub fn count(&self) -> u32 {
        self.0.iter().sum()
    }

    /// How many were at `level` or above.
    pub fn at_least(&self, level: u8) -> u32 {
        self.0[usize::from(level.min(MAX_ALARM))..].iter().sum()
    }

    /// The levels seen here and not in `part` (which must be counted from the same ones).
    pub fn without(&self, part: &Levels) -> Levels {
        Levels(std::array::from_fn(|i| self.0[i].saturating_sub(part.0[i])))
    }

    /// The middle level; with an even count, halfway between the two middle ones.
    pub fn median(&self) -> Option<f64> {
        median_of_counts(&self.0)
    }

    /// The median with the count it was taken from.
    pub fn middle(&self) -> Middle {
        Middle { median: self.median(), n: self.count() }
    }
}

/// The middle of values counted by value (`counts[v]` times `v`); with an even count,
/// halfway between the two middle ones.
fn median_of_counts(counts: &[u32]) -> Option<f64> {
    let n: u32 = counts.iter().sum();
    if n == 0 {
        return None;
    }
    let nth = |index: u32| {
        let mut seen = 0;
        counts.iter().position(|&times| {
            seen += times;
            seen > index
        })
    };
    let (lower, upper) = (nth((n - 1) / 2)?, nth(n / 2)?);
    Some((lower + upper) as f64 / 2.0)
}

/// Differences between two ratings of the same check-in, -10 to 10, counted by value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gaps([u32; 2 * MAX_ALARM as usize + 1]);

impl Default for Gaps {
    fn default() -> Self {
        Gaps([0; 2 * MAX_ALARM as usize + 1])
    }
}

impl Gaps {
    /// Adds `first - second`.
    pub fn add(&mut self, first: u8, second: u8) {
        let gap = i32::from(first.min(MAX_ALARM)) - i32::from(second.min(MAX_ALARM));
        self.0[(gap + i32::from(MAX_ALARM)) as usize] += 1;
    }

    pub fn count(&self) -> u32 {
        self.0.iter().sum()
    }

    pub fn median(&self) -> Option<f64> {
        median_of_counts(&self.0).map(|m| m - f64::from(MAX_ALARM))
    }
}

/// A median and how many values it was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Middle {
    pub median: Option<f64>,
    pub n: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(levels: &[u8]) -> Levels {
        let mut counted = Levels::default();
        levels.iter().for_each(|&l| counted.add(l));
        counted
    }

    #[test]
    fn the_median_is_the_middle_level() {
        assert_eq!(of(&[]).median(), None);
        assert_eq!(of(&[7]).median(), Some(7.0));
        assert_eq!(of(&[9, 1, 4]).median(), Some(4.0));
        assert_eq!(of(&[2, 8, 3, 7]).median(), Some(5.0));
        assert_eq!(of(&[4, 5]).median(), Some(4.5));
        assert_eq!(of(&[0, 0, 10, 10, 10]).median(), Some(10.0));
    }

    #[test]
    fn gaps_can_go_either_way() {
        let mut gaps = Gaps::default();
        assert_eq!(gaps.median(), None);
        gaps.add(2, 6);
        gaps.add(3, 6);
        gaps.add(8, 5);
        assert_eq!((gaps.median(), gaps.count()), (Some(-3.0), 3));
        gaps.add(10, 0);
        assert_eq!(gaps.median(), Some(0.0), "halfway between -3 and 3");
    }

    #[test]
    fn counts_at_or_above_a_level() {
        let levels = of(&[6, 7, 7, 10, 2]);
        assert_eq!(levels.at_least(7), 3);
        assert_eq!(levels.at_least(0), 5);
        assert_eq!(levels.count(), 5);
    }

    #[test]
    fn the_rest_of_the_levels() {
        let all = of(&[3, 5, 5, 8, 9]);
        let part = of(&[5, 9]);
        assert_eq!(all.without(&part), of(&[3, 5, 8]));
        assert_eq!(all.without(&part).median(), Some(5.0));
    }
}
