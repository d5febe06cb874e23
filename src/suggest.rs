//! What the list prompts offer first: the child's own earlier answers, most used first,
//! then a few common ones (body signals, calming strategies and small wins that parents of
//! anxious children often name) while the family's own list is short.

use std::collections::HashMap;

use crate::text::same_words;

pub const BODY: &[&str] = &[
    "stomach ache",
    "headache",
    "nausea",
    "tears",
    "clinging",
    "freezing",
    "anger",
    "not eating",
    "refusing to get up",
    "poor sleep",
];

pub const HELPED: &[&str] = &[
    "calm presence",
    "sitting close",
    "weighted blanket",
    "movement",
    "slow breathing",
    "visual schedule",
    "naming the feeling",
    "comfort object",
];

pub const WINS: &[&str] = &[
    "got out of bed",
    "got dressed",
    "ate breakfast",
    "got in the car",
    "walked to the gate",
    "stayed for one lesson",
    "shared a laugh",
    "talked about the day",
];

/// What happened for the parent: said plainly, none of them a mark against anyone.
pub const FOR_ME: &[&str] = &[
    "I stayed calm",
    "took a breath first",
    "raised my voice",
    "felt rushed",
    "we disagreed",
    "had help",
    "needed a break",
];

/// How many answers a list prompt shows before "something new".
pub const SHOWN: usize = 10;

/// `earlier` is every earlier answer, oldest first. Returns the distinct answers, most used
/// first (ties: most recently used first), topped up with `starters` to `SHOWN` items.
pub fn offer<'a>(earlier: impl IntoIterator<Item = &'a str>, starters: &[&str]) -> Vec<String> {
    let mut seen: HashMap<String, (usize, usize, &str)> = HashMap::new();
    for (position, item) in earlier.into_iter().enumerate() {
        let entry = seen.entry(item.to_lowercase()).or_insert((0, 0, item));
        entry.0 += 1;
        entry.1 = position;
    }
    let mut ranked: Vec<_> = seen.into_values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut offered: Vec<String> = ranked.into_iter().map(|(_, _, item)| item.to_string()).collect();
    for starter in starters {
        if offered.len() >= SHOWN {
            break;
        }
        if !offered.iter().any(|o| same_words(o, starter)) {
            offered.push(starter.to_string());
        }
    }
    offered.truncate(SHOWN);
    offered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_no_history_the_starters_are_offered() {
        assert_eq!(offer([], &["a", "b"]), ["a", "b"]);
    }

    #[test]
    fn most_used_first_then_most_recent() {
        let earlier = ["blanket", "walk", "music", "Walk", "blanket", "music"];
        // blanket 2 (last at 4), walk 2 (last at 3), music 2 (last at 5)
        assert_eq!(offer(earlier, &[]), ["music", "blanket", "walk"]);
        assert_eq!(offer(["x", "y", "y"], &[]), ["y", "x"]);
    }

    #[test]
    fn starters_fill_up_without_repeating_the_familys_words() {
        let offered = offer(["Calm presence"], &["calm presence", "movement"]);
        assert_eq!(offered, ["Calm presence", "movement"]);
    }

    #[test]
    fn never_more_than_shown() {
        let many: Vec<String> = (0..30).map(|i| format!("item {i}")).collect();
        assert_eq!(offer(many.iter().map(String::as_str), HELPED).len(), SHOWN);
    }
}
