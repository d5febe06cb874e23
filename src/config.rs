//! The parent's own settings: a TOML file in the platform config dir (on Linux
//! `~/.config/srt/config.toml`), or wherever `SRT_CONFIG` points. A missing file means the
//! defaults; an unknown key or a bad value is an error naming the file and line.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Timelike, Weekday};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::summary::MONDAY_TO_FRIDAY;
use crate::text::{Field, clean, clean_items, visible_path};

/// When a new day starts unless the config says otherwise: 04:00.
pub const DAY_STARTS_AT: NaiveTime = NaiveTime::from_hms_opt(4, 0, 0).expect("04:00 is a time");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The child srt means when `--child` is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_child: Option<String>,
    /// A check-in with the alarm given asks nothing else, as with `--yes`.
    #[serde(default)]
    pub quick: bool,
    /// The days the child is expected at school (by default Monday to Friday); other days
    /// are not counted as missing.
    #[serde(
        default,
        deserialize_with = "school_days",
        serialize_with = "write_school_days",
        skip_serializing_if = "Option::is_none"
    )]
    pub school_days: Option<Vec<Weekday>>,
    /// When a new day starts: a check-in written between midnight and this time belongs to
    /// the day before (an evening check-in at 00:30 is that evening's).
    #[serde(default = "day_starts_at", deserialize_with = "read_time", serialize_with = "write_time")]
    pub day_starts_at: NaiveTime,
    /// Who records on this computer ("Mum"); every new check-in and concern carries it.
    /// Without it, srt asks once at this computer's first check-in and keeps the answer
    /// beside the device id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorder: Option<String>,
    /// How the child's own number is asked: as a number 0-10, as five faces, or not at all.
    #[serde(default)]
    pub own_rating: OwnScale,
    /// Ask "And you — how calm were you?" and what happened for the parent.
    #[serde(default)]
    pub ask_parent_calm: bool,
    /// Words the list questions offer before the family has its own.
    #[serde(default)]
    pub suggestions: Suggestions,
}

/// How the child's own number is asked at the terminal (`--own` takes 0-10 whatever it is).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnScale {
    /// "Sam's own number, if they gave one (0-10, or Enter to skip)".
    #[default]
    Number,
    /// Five faces for a young child, kept as 0, 2, 5, 8 and 10.
    Faces,
    /// Not asked.
    Off,
}

/// The five faces of `OwnScale::Faces` and the numbers they are kept as.
pub const FACES: [(&str, u8); 5] = [
    ("\u{1F600} calm", 0),
    ("\u{1F642} a little worried", 2),
    ("\u{1F610} worried", 5),
    ("\u{1F61F} very worried", 8),
    ("\u{1F631} as worried as can be", 10),
];

impl Default for Config {
    fn default() -> Self {
        Self {
            default_child: None,
            quick: false,
            school_days: None,
            day_starts_at: DAY_STARTS_AT,
            recorder: None,
            own_rating: OwnScale::default(),
            ask_parent_calm: false,
            suggestions: Suggestions::default(),
        }
    }
}

fn day_starts_at() -> NaiveTime {
    DAY_STARTS_AT
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestions {
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub helped: Vec<String>,
    #[serde(default)]
    pub wins: Vec<String>,
    /// What happened for the parent (asked with `ask_parent_calm`).
    #[serde(default)]
    pub for_me: Vec<String>,
}

impl Config {
    /// The days the child is expected at school: as configured, else Monday to Friday.
    pub fn school_days(&self) -> &[Weekday] {
        self.school_days.as_deref().unwrap_or(&MONDAY_TO_FRIDAY)
    }

    /// Whether `day` is one the child is expected at school.
    pub fn is_school_day(&self, day: Weekday) -> bool {
        self.school_days().contains(&day)
    }

    /// The day a check-in written at `now` belongs to: before the day starts, the day before.
    pub fn day_of(&self, now: DateTime<FixedOffset>) -> NaiveDate {
        let since_midnight = TimeDelta::seconds(i64::from(self.day_starts_at.num_seconds_from_midnight()));
        (now.naive_local() - since_midnight).date()
    }

    /// The settings in force: this config, with srt's own where it says nothing.
    pub fn in_force(&self) -> Config {
        use crate::suggest::{BODY, FOR_ME, HELPED, WINS};
        let or_built_in = |mine: &Vec<String>, built_in: &[&str]| {
            if mine.is_empty() { built_in.iter().map(|s| s.to_string()).collect() } else { mine.clone() }
        };
        Config {
            school_days: Some(self.school_days().to_vec()),
            suggestions: Suggestions {
                body: or_built_in(&self.suggestions.body, BODY),
                helped: or_built_in(&self.suggestions.helped, HELPED),
                wins: or_built_in(&self.suggestions.wins, WINS),
                for_me: or_built_in(&self.suggestions.for_me, FOR_ME),
            },
            ..self.clone()
        }
    }
}

fn read_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    NaiveTime::parse_from_str(&text, "%H:%M")
        .map_err(|_| serde::de::Error::custom(format!("'{text}' is not a time of day like \"04:00\" (HH:MM)")))
}

fn write_time<S: serde::Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
    time.format("%H:%M").to_string().serialize(serializer)
}

/// Where the config file is: `SRT_CONFIG`, else the platform config dir.
pub fn path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SRT_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "srt").map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Reads the config at `path`; no file is the defaults. A bad file is an error naming the
/// file, the line and what is wrong.
pub fn load(path: Option<&Path>) -> Result<Config> {
    let Some(path) = path else { return Ok(Config::default()) };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(_) if path.is_dir() => {
            return Err(Error::usage(format!(
                "the config at {} is a folder; srt's settings must be a file",
                visible_path(path)
            )));
        }
        Err(err) => return Err(Error::io("read the config at", path, err)),
    };
    parse(&text).map_err(|(line, why)| {
        Error::usage(format!("the config at {} line {line}: {}", visible_path(path), crate::text::visible(&why, false)))
    })
}

/// Parses a config; an error comes with its line number.
pub fn parse(text: &str) -> Result<Config, (usize, String)> {
    let config: Config = toml::from_str(text).map_err(|err| {
        let line = err.span().map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        (line, err.message().trim().replace('\n', " "))
    })?;
    check(&config).map_err(|(key, why)| (line_of(text, key), why))?;
    Ok(config)
}

/// The rules typed text obeys, for the words a config puts into check-ins.
fn check(config: &Config) -> Result<(), (&'static str, String)> {
    if let Some(name) = &config.default_child
        && (clean(Field::ChildName, name).map_err(|why| ("default_child", why))? != *name || name.is_empty())
    {
        return Err(("default_child", "the default child's name must be plain text without spaces around it".into()));
    }
    if let Some(name) = &config.recorder {
        let cleaned = clean(Field::Recorder, name).map_err(|why| ("recorder", why))?;
        crate::model::check_recorder(&cleaned).map_err(|why| ("recorder", why))?;
        if cleaned != *name {
            return Err(("recorder", "the recorder's name must be plain text without spaces around it".into()));
        }
    }
    if config.school_days.as_ref().is_some_and(Vec::is_empty) {
        return Err(("school_days", "school_days needs at least one day (leave it out for Monday to Friday)".into()));
    }
    let lists = [
        ("body", &config.suggestions.body),
        ("helped", &config.suggestions.helped),
        ("wins", &config.suggestions.wins),
        ("for_me", &config.suggestions.for_me),
    ];
    for (key, items) in lists {
        let cleaned = clean_items(items.iter()).map_err(|why| (key, why))?;
        if cleaned != *items {
            return Err((key, format!("the {key} suggestions need non-empty, trimmed items, each once")));
        }
    }
    Ok(())
}

/// The line where `key` is set, for an error about its value.
fn line_of(text: &str, key: &str) -> usize {
    text.lines().position(|l| l.trim_start().starts_with(key)).map_or(1, |i| i + 1)
}

fn school_days<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<Weekday>>, D::Error> {
    let names = Vec::<String>::deserialize(deserializer)?;
    let days = names
        .iter()
        .map(|name| {
            name.parse::<Weekday>().map_err(|_| {
                serde::de::Error::custom(format!(
                    "'{name}' is not a day of the week (use mon, tue, wed, thu, fri, sat, sun)"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(days))
}

fn write_school_days<S: serde::Serializer>(days: &Option<Vec<Weekday>>, serializer: S) -> Result<S::Ok, S::Error> {
    let names: Vec<String> = days.iter().flatten().map(|d| d.to_string().to_lowercase()).collect();
    names.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file() {
        let config = parse(
            "default_child = \"Sam\"\nquick = true\nschool_days = [\"mon\", \"Tue\", \"wednesday\"]\n\n[suggestions]\nhelped = [\"trampoline\"]\n",
        )
        .unwrap();
        assert_eq!(config.default_child.as_deref(), Some("Sam"));
        assert!(config.quick);
        assert_eq!(config.school_days, Some(vec![Weekday::Mon, Weekday::Tue, Weekday::Wed]));
        assert!(config.is_school_day(Weekday::Tue) && !config.is_school_day(Weekday::Sat));
        assert_eq!(config.suggestions.helped, ["trampoline"]);
        assert!(config.suggestions.wins.is_empty());
    }

    #[test]
    fn who_records_and_what_else_is_asked() {
        let config = parse("recorder = \"Mum\"\nown_rating = \"faces\"\nask_parent_calm = true\n").unwrap();
        assert_eq!(config.recorder.as_deref(), Some("Mum"));
        assert_eq!(config.own_rating, OwnScale::Faces);
        assert!(config.ask_parent_calm);
        let (line, why) = parse("quick = false\nrecorder = \" \"\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("recorder") || why.contains("word"), "{why}");
        assert!(parse("own_rating = \"stars\"\n").is_err());
        assert_eq!(FACES.map(|(_, n)| n), [0, 2, 5, 8, 10]);
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
        assert!(Config::default().is_school_day(Weekday::Fri));
        assert!(!Config::default().is_school_day(Weekday::Sun));
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_line() {
        let (line, why) = parse("quick = true\ncolour = \"blue\"\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("unknown field `colour`"), "{why}");
        let (line, why) = parse("\n\nquick = \"yes\"\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(why.contains("bool"), "{why}");
        let (line, why) = parse("school_days = [\"mon\", \"funday\"]\n").unwrap_err();
        assert_eq!(line, 1);
        assert!(why.contains("'funday' is not a day of the week"), "{why}");
        let (line, _) = parse("[suggestions]\nhelped = \"x\"\n").unwrap_err();
        assert_eq!(line, 2);
        let (line, why) = parse("quick = true\n[suggestions]\nhelped = [\"tramp\\u001b[31moline\"]\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(why.contains("control character"), "{why}");
        let (line, why) = parse("[suggestions]\nwins = [\"\", \"x\"]\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("non-empty"), "{why}");
        let (_, why) = parse("school_days = []\n").unwrap_err();
        assert!(why.contains("at least one day"), "{why}");
    }

    #[test]
    fn a_day_starts_at_four_unless_the_config_says_otherwise() {
        let at = |time: &str| DateTime::parse_from_rfc3339(&format!("2026-11-24T{time}+11:00")).unwrap();
        let config = Config::default();
        assert_eq!(config.day_of(at("00:30:00")).to_string(), "2026-11-23");
        assert_eq!(config.day_of(at("03:59:59")).to_string(), "2026-11-23");
        assert_eq!(config.day_of(at("04:00:00")).to_string(), "2026-11-24");
        let config = parse("day_starts_at = \"00:00\"\n").unwrap();
        assert_eq!(config.day_of(at("00:30:00")).to_string(), "2026-11-24");
        let (line, why) = parse("\nday_starts_at = \"4am\"\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("'4am' is not a time of day"), "{why}");
    }

    #[test]
    fn what_is_in_force_fills_in_srts_own_settings() {
        let config = parse("[suggestions]\nwins = [\"fed the cat\"]\n").unwrap().in_force();
        assert_eq!(config.school_days.as_ref().map(Vec::len), Some(5));
        assert_eq!(config.suggestions.wins, ["fed the cat"]);
        assert_eq!(config.suggestions.body[0], "stomach ache");
        assert_eq!(parse(&toml::to_string(&config).unwrap()).unwrap(), config);
    }

    #[test]
    fn it_writes_back_what_it_reads() {
        let config = parse("quick = true\nschool_days = [\"mon\", \"fri\"]\n").unwrap();
        assert_eq!(parse(&toml::to_string(&config).unwrap()).unwrap(), config);
    }
}
