//! How the school day went, as a clinician counts attendance: one outcome of four that never
//! overlap, with the reason for a day at home and, when the parent gives them, the times in
//! school or the lessons attended.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// The day's outcome. Older srt had "partial" and "late" apart; both read as `Part` (a late
/// start is part of the day), and the flag takes them as other names for `part`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum School {
    /// A full day at school
    Full,
    /// Part of the day (a late start, or home early)
    #[value(alias = "partial", alias = "late")]
    Part,
    /// Did not go on a school day
    Absent,
    /// No school that day (weekend, holiday, closure)
    None,
}

impl School {
    pub const ALL: [School; 4] = [School::Full, School::Part, School::Absent, School::None];

    pub fn name(self) -> &'static str {
        match self {
            School::Full => "full",
            School::Part => "part",
            School::Absent => "absent",
            School::None => "none",
        }
    }

    /// The words a parent picks from.
    pub fn describe(self) -> &'static str {
        match self {
            School::Full => "full day",
            School::Part => "part of the day",
            School::Absent => "did not go",
            School::None => "no school that day",
        }
    }

    /// Whether the child was in school at all that day.
    pub fn attended(self) -> bool {
        matches!(self, School::Full | School::Part)
    }

    /// An outcome as an older srt wrote it.
    pub fn from_older(name: &str) -> Option<School> {
        match name {
            "full" => Some(School::Full),
            "partial" | "late" => Some(School::Part),
            "absent" => Some(School::Absent),
            "none" => Some(School::None),
            _ => None,
        }
    }
}

/// Why the child did not go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// Anxiety or alarm kept them home
    Anxiety,
    /// Ill
    Ill,
    /// Something else (an appointment, a family matter)
    Other,
}

impl Reason {
    pub const ALL: [Reason; 3] = [Reason::Anxiety, Reason::Ill, Reason::Other];

    pub fn name(self) -> &'static str {
        match self {
            Reason::Anxiety => "anxiety",
            Reason::Ill => "ill",
            Reason::Other => "other",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Reason::Anxiety => "anxiety",
            Reason::Ill => "ill",
            Reason::Other => "another reason",
        }
    }
}

/// Lessons attended of the lessons that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lessons {
    pub attended: u8,
    pub of: u8,
}

/// The most lessons a school day is taken to have.
pub const MAX_LESSONS: u8 = 20;

/// A school day as recorded in the evening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolDay {
    pub outcome: School,
    /// Why the child did not go: only with `absent`, and may be unknown (older records).
    pub reason: Option<Reason>,
    /// When the child went in and came out, when the parent said.
    #[serde(rename = "in", default, with = "clock")]
    pub time_in: Option<NaiveTime>,
    #[serde(rename = "out", default, with = "clock")]
    pub time_out: Option<NaiveTime>,
    pub lessons: Option<Lessons>,
}

impl SchoolDay {
    /// Just the outcome.
    pub fn of(outcome: School) -> Self {
        SchoolDay { outcome, reason: None, time_in: None, time_out: None, lessons: None }
    }

    /// Minutes in school, when both times were given.
    pub fn minutes_in(&self) -> Option<u32> {
        let (time_in, time_out) = (self.time_in?, self.time_out?);
        u32::try_from((time_out - time_in).num_minutes()).ok()
    }

    /// The rules of a school day's answers, which hold for every way in.
    pub fn check(&self) -> Result<(), String> {
        if self.reason.is_some() && self.outcome != School::Absent {
            return Err("a reason for a day at home goes with `absent` only".into());
        }
        let has_times = self.time_in.is_some() || self.time_out.is_some();
        if (has_times || self.lessons.is_some()) && !self.outcome.attended() {
            return Err("times in school and lessons go with a full or part day only".into());
        }
        if let (Some(time_in), Some(time_out)) = (self.time_in, self.time_out)
            && time_out <= time_in
        {
            return Err(format!(
                "the time out ({}) is not after the time in ({})",
                time_out.format("%H:%M"),
                time_in.format("%H:%M")
            ));
        }
        if let Some(Lessons { attended, of }) = self.lessons
            && (of == 0 || of > MAX_LESSONS || attended > of)
        {
            return Err(format!(
                "lessons {attended}/{of}: give lessons attended of the lessons that day, up to {MAX_LESSONS}, like 2/6"
            ));
        }
        Ok(())
    }

    /// The times and lessons as a parent types them ("10:30-13:00 2/6"): what
    /// `parse_day_in_school` reads.
    pub fn typed_details(&self) -> String {
        let clock = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        let mut words = Vec::new();
        if self.time_in.is_some() || self.time_out.is_some() {
            words.push(format!("{}-{}", clock(self.time_in), clock(self.time_out)));
        }
        if let Some(Lessons { attended, of }) = self.lessons {
            words.push(format!("{attended}/{of}"));
        }
        words.join(" ")
    }

    /// How a parent reads it: "part of the day, 10:30-13:00", "did not go (ill)".
    pub fn describe(&self) -> String {
        let mut text = self.outcome.describe().to_string();
        if let Some(reason) = self.reason {
            text.push_str(&format!(" ({})", reason.describe()));
        }
        match (self.time_in, self.time_out) {
            (Some(i), Some(o)) => text.push_str(&format!(", {}-{}", i.format("%H:%M"), o.format("%H:%M"))),
            (Some(i), None) => text.push_str(&format!(", in at {}", i.format("%H:%M"))),
            (None, Some(o)) => text.push_str(&format!(", out at {}", o.format("%H:%M"))),
            (None, None) => {}
        }
        if let Some(Lessons { attended, of }) = self.lessons {
            text.push_str(&format!(", {attended} of {of} lessons"));
        }
        text
    }
}

/// A time of day as a parent types it: `HH:MM` (or `H:MM`), 24-hour.
pub fn parse_clock(raw: &str) -> Result<NaiveTime, String> {
    let bad = || format!("'{}' is not a time of day; give it as HH:MM, like 10:30 or 14:15", raw.escape_debug());
    let (hours, minutes) = raw.split_once(':').ok_or_else(bad)?;
    let digits = |s: &str, most: usize| !s.is_empty() && s.len() <= most && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours, 2) || minutes.len() != 2 || !digits(minutes, 2) {
        return Err(bad());
    }
    let (h, m) = (hours.parse().map_err(|_| bad())?, minutes.parse().map_err(|_| bad())?);
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// Lessons as a parent types them: attended of the day's, `N/M`.
pub fn parse_lessons(raw: &str) -> Result<Lessons, String> {
    let bad = || format!("'{}' is not lessons attended of the day's; give it as N/M, like 2/6", raw.escape_debug());
    let (attended, of) = raw.split_once('/').ok_or_else(bad)?;
    let number = |s: &str| -> Result<u8, String> {
        let n = super::plain_number(s.trim()).map_err(|_| bad())?;
        u8::try_from(n).map_err(|_| bad())
    };
    let lessons = Lessons { attended: number(attended)?, of: number(of)? };
    SchoolDay { lessons: Some(lessons), ..SchoolDay::of(School::Part) }.check()?;
    Ok(lessons)
}

/// What a parent types about part of a day in school, at the terminal: the times in and out
/// (`10:30-13:00`), the lessons attended (`2/6`), both, or nothing.
pub fn parse_day_in_school(raw: &str) -> Result<SchoolDay, String> {
    let (mut times, mut lessons) = ((None, None), None);
    // "10:30 - 13:00" and "10:30–13:00" are typed too.
    let raw = raw.replace('–', "-");
    let raw: String = raw.split('-').map(str::trim).collect::<Vec<_>>().join("-");
    for word in raw.split_whitespace() {
        if word.contains('/') && lessons.is_none() {
            lessons = Some(parse_lessons(word)?);
        } else if let Some((time_in, time_out)) = word.split_once('-')
            && times == (None, None)
        {
            let clock = |t: &str| (!t.is_empty()).then(|| parse_clock(t)).transpose();
            times = (clock(time_in)?, clock(time_out)?);
        } else if parse_clock(word).is_ok() {
            return Err(format!(
                "give the time in and the time out, like {word}-13:00 (or {word}- for the time in only)"
            ));
        } else {
            return Err(format!(
                "'{}' is neither times (like 10:30-13:00) nor lessons (like 2/6)",
                word.escape_debug()
            ));
        }
    }
    let day = SchoolDay { time_in: times.0, time_out: times.1, lessons, ..SchoolDay::of(School::Part) };
    day.check()?;
    Ok(day)
}

/// Times of day written as "HH:MM".
mod clock {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, serializer: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.collect_str(&time.format("%H:%M")),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveTime>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|raw| {
                if raw.len() != 5 {
                    return Err(de::Error::custom(format!("'{}' is not a time as HH:MM", raw.escape_debug())));
                }
                super::parse_clock(&raw).map_err(de::Error::custom)
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> NaiveTime {
        parse_clock(raw).unwrap()
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(at("9:05"), NaiveTime::from_hms_opt(9, 5, 0).unwrap());
        assert_eq!(at("14:30"), NaiveTime::from_hms_opt(14, 30, 0).unwrap());
        for bad in ["24:00", "10:60", "1030", "10:3", "10.30", "", ":30", "-1:30", "10:30:00", "٣:30"] {
            assert!(parse_clock(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lessons_are_attended_of_the_days() {
        assert_eq!(parse_lessons("2/6"), Ok(Lessons { attended: 2, of: 6 }));
        assert_eq!(parse_lessons("6/6"), Ok(Lessons { attended: 6, of: 6 }));
        assert_eq!(parse_lessons("0/5"), Ok(Lessons { attended: 0, of: 5 }));
        for bad in ["7/6", "2/0", "2", "2/21", "-1/6", "a/6", "2/6/7", "300/6"] {
            assert!(parse_lessons(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_detail_goes_with_its_outcome() {
        let day = |outcome| SchoolDay::of(outcome);
        assert!(SchoolDay { reason: Some(Reason::Ill), ..day(School::Absent) }.check().is_ok());
        assert!(SchoolDay { reason: Some(Reason::Ill), ..day(School::Part) }.check().is_err());
        assert!(SchoolDay { time_in: Some(at("10:30")), ..day(School::Part) }.check().is_ok());
        assert!(SchoolDay { time_in: Some(at("10:30")), ..day(School::None) }.check().is_err());
        let lessons = Some(Lessons { attended: 1, of: 6 });
        assert!(SchoolDay { lessons, ..day(School::Absent) }.check().is_err());
        let backwards = SchoolDay { time_in: Some(at("13:00")), time_out: Some(at("10:30")), ..day(School::Part) };
        assert!(backwards.check().unwrap_err().contains("not after"));
    }

    fn lessons_2_6() -> Option<Lessons> {
        Some(Lessons { attended: 2, of: 6 })
    }

    #[test]
    fn what_a_parent_typed_is_offered_back_as_typed() {
        let day = parse_day_in_school("9:05-13:00 2/6").unwrap();
        assert_eq!(day.typed_details(), "09:05-13:00 2/6");
        assert_eq!(parse_day_in_school(&day.typed_details()), Ok(day));
        assert_eq!(parse_day_in_school("10:30-").unwrap().typed_details(), "10:30-");
        assert_eq!(SchoolDay::of(School::Part).typed_details(), "");
    }

    #[test]
    fn a_day_in_school_typed_at_the_terminal() {
        let typed = |raw| parse_day_in_school(raw).map(|d| (d.time_in, d.time_out, d.lessons));
        assert_eq!(typed(""), Ok((None, None, None)));
        assert_eq!(typed("10:30-13:00"), Ok((Some(at("10:30")), Some(at("13:00")), None)));
        assert_eq!(typed(" 10:30- "), Ok((Some(at("10:30")), None, None)));
        assert_eq!(typed("10:30 - 13:00"), Ok((Some(at("10:30")), Some(at("13:00")), None)));
        assert_eq!(typed("10:30–13:00 2/6"), Ok((Some(at("10:30")), Some(at("13:00")), lessons_2_6())));
        assert!(typed("10:30").unwrap_err().contains("give the time in and the time out"));
        let lessons = Some(Lessons { attended: 2, of: 6 });
        assert_eq!(typed("2/6 9:00-11:00"), Ok((Some(at("9:00")), Some(at("11:00")), lessons)));
        for bad in ["13:00-10:30", "2/6 3/6", "soon", "10:30-13:00 9:00-10:00", "10:30"] {
            assert!(parse_day_in_school(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn minutes_in_school_need_both_times() {
        let day = SchoolDay { time_in: Some(at("10:30")), time_out: Some(at("13:15")), ..SchoolDay::of(School::Part) };
        assert_eq!(day.minutes_in(), Some(165));
        assert_eq!(SchoolDay { time_out: None, ..day }.minutes_in(), None);
        assert_eq!(day.describe(), "part of the day, 10:30-13:15");
    }

    #[test]
    fn older_outcomes_read_as_today_counts_them() {
        assert_eq!(School::from_older("late"), Some(School::Part));
        assert_eq!(School::from_older("partial"), Some(School::Part));
        assert_eq!(School::from_older("absent"), Some(School::Absent));
        assert_eq!(School::from_older("part"), None);
    }

    #[test]
    fn the_json_form() {
        let day = SchoolDay { time_in: Some(at("9:05")), ..SchoolDay::of(School::Part) };
        let json = serde_json::to_string(&day).unwrap();
        assert_eq!(json, r#"{"outcome":"part","reason":null,"in":"09:05","out":null,"lessons":null}"#);
        assert_eq!(serde_json::from_str::<SchoolDay>(&json).unwrap(), day);
        assert!(serde_json::from_str::<SchoolDay>(&json.replace("09:05", "9:05")).is_err());
    }
}
