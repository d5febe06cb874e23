//! The records srt keeps: plain data with their rules (DESIGN §2).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_ALARM: u8 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Morning,
    Evening,
}

impl Period {
    pub fn name(self) -> &'static str {
        match self {
            Period::Morning => "morning",
            Period::Evening => "evening",
        }
    }
}

/// How school went, recorded in the evening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum School {
    /// A full day at school
    Full,
    /// Part of the day
    Partial,
    /// Went in late
    Late,
    /// Stayed home on a school day
    Absent,
    /// No school today (weekend, holiday)
    None,
}

impl School {
    pub const ALL: [School; 5] = [School::Full, School::Partial, School::Late, School::Absent, School::None];

    pub fn name(self) -> &'static str {
        match self {
            School::Full => "full",
            School::Partial => "partial",
            School::Late => "late",
            School::Absent => "absent",
            School::None => "none",
        }
    }

    /// The words a parent picks from.
    pub fn describe(self) -> &'static str {
        match self {
            School::Full => "full day",
            School::Partial => "part of the day",
            School::Late => "went in late",
            School::Absent => "stayed home",
            School::None => "no school today",
        }
    }
}

/// One morning or evening check-in about one child on one school day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    pub id: String,
    pub child: String,
    #[serde(deserialize_with = "ymd::date")]
    pub date: NaiveDate,
    pub period: Period,
    #[serde(deserialize_with = "rfc3339::fixed")]
    pub recorded_at: DateTime<FixedOffset>,
    pub alarm: u8,
    pub peak_alarm: Option<u8>,
    pub body: Vec<String>,
    pub helped: Vec<String>,
    pub wins: Vec<String>,
    pub school: Option<School>,
    pub step: Option<u32>,
    pub next_step: Option<String>,
    pub note: String,
}

/// A record kept in the journal: read back from any device's log, so checked on the way in.
pub trait Record: serde::de::DeserializeOwned {
    /// The rules every saved record obeys, whether typed, imported or read from a log.
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

impl Record for Child {}
impl Record for Session {}
impl Record for Ladder {}
impl Record for Setting {}

impl Record for CheckIn {
    fn check(&self) -> Result<(), String> {
        if self.alarm > MAX_ALARM || self.peak_alarm.is_some_and(|p| p > MAX_ALARM) {
            return Err("alarm levels run from 0 to 10".into());
        }
        if let Some(peak) = self.peak_alarm
            && peak < self.alarm
        {
            return Err(format!("the highest alarm of the day ({peak}) is below the alarm now ({})", self.alarm));
        }
        if self.step == Some(0) {
            return Err("brave steps count from 1".into());
        }
        if self.child.trim().is_empty() {
            return Err("a check-in needs a child's name".into());
        }
        Ok(())
    }
}

impl CheckIn {
    /// Whether this check-in is about the named child (names match case-insensitively).
    pub fn is_about(&self, child: &str) -> bool {
        crate::text::same_words(&self.child, child)
    }
}

/// Dates as srt writes them (YYYY-MM-DD), read without chrono's general format parser:
/// every check-in has one, and a journal of decades has many.
pub mod ymd {
    use std::borrow::Cow;

    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| D::Error::custom(format!("'{text}' is not a date (YYYY-MM-DD)")))
    }

    pub fn parse(text: &str) -> Option<NaiveDate> {
        let bytes = text.as_bytes();
        let digits =
            bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
        if bytes.len() != 10 || !digits {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
        NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn reads_only_real_dates() {
            assert_eq!(super::parse("2028-02-29"), chrono::NaiveDate::from_ymd_opt(2028, 2, 29));
            for bad in ["2026-02-30", "2026-2-01", "20261101", "2026-11-01T", "+026-11-01"] {
                assert_eq!(super::parse(bad), None, "{bad}");
            }
        }
    }
}

/// Strict RFC 3339 for times read from logs and files: the form srt writes, and faster to
/// read than chrono's lenient default.
pub mod rfc3339 {
    use std::borrow::Cow;

    use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn fixed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        if let Some(time) = parse_common(&text) {
            return Ok(time);
        }
        DateTime::parse_from_rfc3339(&text)
            .map_err(|err| D::Error::custom(format!("'{text}' is not an RFC 3339 time: {err}")))
    }

    /// The forms srt writes, `2026-11-23T07:45:00+11:00` and `2026-11-23T09:00:00.5Z`, read
    /// by hand: every line has two. `None` leaves anything else to chrono.
    fn parse_common(text: &str) -> Option<DateTime<FixedOffset>> {
        let b = text.as_bytes();
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = b.get(range)?;
            digits.iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
        };
        if b.len() < 20 || [b[4], b[7], b[10], b[13], b[16]] != [b'-', b'-', b'T', b':', b':'] {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)?;
        let (mut rest, mut nanos) = (19, 0);
        if b[rest] == b'.' {
            let digits = b[rest + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            nanos = number(rest + 1..rest + 1 + digits)? * 10u32.pow(9 - digits as u32);
            rest += 1 + digits;
        }
        let time = NaiveTime::from_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)?;
        let offset = match &b[rest..] {
            [b'Z'] => 0,
            [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
                let (hours, minutes) = (number(rest + 1..rest + 3)?, number(rest + 4..rest + 6)?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
                if *sign == b'-' { -seconds } else { seconds }
            }
            _ => return None,
        };
        let offset = FixedOffset::east_opt(offset)?;
        Some(DateTime::from_naive_utc_and_offset(date.and_time(time) - offset, offset))
    }

    pub fn utc<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
        fixed(deserializer).map(|time| time.to_utc())
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn reads_what_srt_writes_as_chrono_would() {
            for text in [
                "2026-11-23T07:45:00+11:00",
                "2026-11-23T09:00:00Z",
                "2026-11-23T09:00:00.5Z",
                "2026-11-23T09:00:00.123456789Z",
                "2026-03-29T01:30:00-09:30",
                "1926-12-19T23:59:59+00:00",
                "2028-02-29T00:00:00.000001+05:45",
            ] {
                let expected = chrono::DateTime::parse_from_rfc3339(text).unwrap();
                assert_eq!(super::parse_common(text), Some(expected), "{text}");
                assert_eq!(super::parse_common(text).unwrap().offset(), expected.offset(), "{text}");
            }
        }

        #[test]
        fn leaves_the_rest_to_chrono() {
            for text in [
                "2026-02-30T07:45:00+11:00",
                "2026-11-23 07:45:00+11:00",
                "2026-11-23T07:45:00",
                "2026-11-23T07:45:00+1100",
                "2026-11-23T24:00:00Z",
                "2026-11-23T07:45:00.Z",
                "2026-11-23T07:45:00.1234567890Z",
                "2026-11-23T07:45:00+11:00 ",
                "2026-11-23t07:45:00z",
                "2026-11-23T07:45:60Z",
                "2026-11-23T07:45:00+11:75",
                "2026-11-23T07:45:00+24:00",
            ] {
                assert_eq!(super::parse_common(text), None, "{text}");
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Child {
    pub id: String,
    pub name: String,
}

/// A therapy appointment; the latest one sets where the summary starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub id: String,
    pub child: String,
    pub date: NaiveDate,
    pub note: String,
}

/// A child's brave-steps ladder, easiest first; step numbers count from 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    pub child: String,
    pub steps: Vec<String>,
}

impl Ladder {
    /// The record id of a child's ladder: one ladder per child, whichever device wrote it.
    pub fn id_for(child: &str) -> String {
        format!("ladder:{}", child.to_lowercase())
    }

    /// The words of step `number` (1-based), if the ladder has it.
    pub fn step(&self, number: u32) -> Option<&str> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.steps.get(index).map(String::as_str)
    }
}

/// A family-wide setting, synced with the journal (e.g. the default child).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub name: String,
    pub value: String,
}

pub const DEFAULT_CHILD: &str = "default_child";

/// The word for an alarm level, from the feelings-thermometer table in DOMAIN.md.
pub fn alarm_label(level: u8) -> &'static str {
    match level {
        0 => "calm",
        1..=2 => "settled",
        3..=4 => "uneasy",
        5..=6 => "worried",
        7..=8 => "alarmed",
        _ => "overwhelmed",
    }
}

/// Reads an alarm level typed by a parent.
pub fn parse_alarm(raw: &str) -> Result<u8, String> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (0..=i64::from(MAX_ALARM)).contains(&n) => Ok(n as u8),
        _ => Err(format!(
            "'{}' is not an alarm level: use a whole number from 0 (calm) to 10 (overwhelmed)",
            crate::text::visible(raw.trim(), false)
        )),
    }
}

/// Reads a calendar date written as YYYY-MM-DD, refusing dates that do not exist.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .filter(|date| (1900..=9999).contains(&date.year()))
        .ok_or_else(|| {
            format!("'{}' is not a real date: use YYYY-MM-DD, e.g. 2026-11-23", crate::text::visible(raw.trim(), false))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_domain_table() {
        let labels: Vec<_> = (0..=10).map(alarm_label).collect();
        assert_eq!(
            labels,
            [
                "calm",
                "settled",
                "settled",
                "uneasy",
                "uneasy",
                "worried",
                "worried",
                "alarmed",
                "alarmed",
                "overwhelmed",
                "overwhelmed"
            ]
        );
    }

    #[test]
    fn alarm_must_be_a_whole_number_from_0_to_10() {
        assert_eq!(parse_alarm(" 7 "), Ok(7));
        assert_eq!(parse_alarm("0"), Ok(0));
        for bad in ["11", "-1", "seven", "7.5", ""] {
            assert!(parse_alarm(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2028-02-29"), Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()));
        assert!(parse_date("2026-02-30").unwrap_err().contains("not a real date"));
        assert!(parse_date("23/11/2026").is_err());
    }
}
