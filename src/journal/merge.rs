//! Laying a parent's change over what the journal holds by the time it is saved.
//!
//! A parent changes a record from what they were shown (`seen`) into what they want
//! (`mine`). Meanwhile another srt may have saved its own change (`now`). Field by field:
//! what the parent did not change keeps its value from `now`; what they changed takes their
//! value, unless `now` changed that same field to something else, which is a conflict: the
//! change is refused rather than one parent's words silently replacing the other's.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Fields that are not answers: they are kept, or set by the journal.
const NOT_ANSWERS: [&str; 3] = ["id", "created_at", "updated_at"];

/// `now` with the parent's changes from `seen` to `mine`, or the names of the fields both
/// changed differently.
pub fn merge<T: Serialize + DeserializeOwned>(seen: &T, mine: &T, now: &T) -> Result<T, Vec<String>> {
    let (seen, mine, now) = (fields(seen), fields(mine), fields(now));
    let mut merged = now.clone();
    let mut conflicts = Vec::new();
    for (name, mine) in &mine {
        if NOT_ANSWERS.contains(&name.as_str()) || seen.get(name) == Some(mine) {
            continue;
        }
        match now.get(name) {
            Some(theirs) if seen.get(name) != Some(theirs) && theirs != mine => conflicts.push(name.clone()),
            _ => {
                merged.insert(name.clone(), mine.clone());
            }
        }
    }
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    Ok(serde_json::from_value(Value::Object(merged)).expect("a merge of three records is a record"))
}

fn fields<T: Serialize>(record: &T) -> Map<String, Value> {
    match serde_json::to_value(record).expect("records always serialise") {
        Value::Object(fields) => fields,
        _ => unreachable!("records are objects"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Record {
        id: String,
        alarm: u8,
        note: String,
        wins: Vec<String>,
    }

    fn record(alarm: u8, note: &str, wins: &[&str]) -> Record {
        Record { id: "a".into(), alarm, note: note.into(), wins: wins.iter().map(|w| w.to_string()).collect() }
    }

    #[test]
    fn changes_to_different_fields_are_both_kept() {
        let seen = record(5, "hard", &[]);
        let mine = record(5, "hard, then calmer", &[]);
        let now = record(9, "hard", &["dressed"]);
        assert_eq!(merge(&seen, &mine, &now), Ok(record(9, "hard, then calmer", &["dressed"])));
    }

    #[test]
    fn the_same_change_twice_is_no_conflict() {
        let seen = record(5, "", &[]);
        let both = record(7, "", &[]);
        assert_eq!(merge(&seen, &both, &both), Ok(both.clone()));
    }

    #[test]
    fn different_changes_to_one_field_are_refused() {
        let seen = record(5, "hard", &[]);
        let mine = record(5, "mine", &[]);
        let now = record(5, "theirs", &[]);
        assert_eq!(merge(&seen, &mine, &now), Err(vec!["note".to_string()]));
    }

    #[test]
    fn nothing_changed_gives_what_is_there_now() {
        let seen = record(5, "hard", &[]);
        let now = record(6, "hard", &["x"]);
        assert_eq!(merge(&seen, &seen, &now), Ok(now.clone()));
    }
}
