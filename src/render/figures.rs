//! The summary's figures in words, the same on the terminal and in the report: every median
//! with the count behind it, and "too few to tell" where there is not enough. No text a
//! parent typed passes through here; renderers add it, each with its own escaping.

use crate::model::Period;
use crate::summary::{
    AlarmFigures, BodySignal, Coverage, HARD, Helped, MIN_TO_COMPARE, MIN_TREND_MORNINGS, OwnRatings, ParentCalm,
    PeakDay, Recorder, SchoolFigures, TREND_STEP, Trend, TrendBasis, TrendSide, Verdict, Window,
};
use crate::text::count;

/// A median or a count as people read it: a whole number, or one decimal for a half.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 { format!("{value:.0}") } else { super::one_decimal(value) }
}

/// How many check-ins of a time of day: "1 morning", "3 evenings".
pub fn of_period(n: u32, period: crate::model::Period) -> String {
    count(n as usize, period.name())
}

/// "once", "twice", "3 times".
pub fn times(n: u32) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// "median 5 over 13 mornings", or "none recorded".
pub fn median_over(median: Option<f64>, n: u32, what: &str) -> String {
    match median {
        Some(median) => format!("median {} over {}", number(median), count(n as usize, what)),
        None => "none recorded yet".to_string(),
    }
}

/// "22 check-ins".
pub fn count_checkins(c: &Coverage) -> String {
    count(c.checkins, "check-in")
}

/// "check-ins on 11 of 12 school days", counting from the first check-in when the window
/// starts before it ("… from Wed 25 Nov (the first check-in)").
pub fn coverage(c: &Coverage, window: &Window) -> String {
    if c.expected_days == 0 {
        return "no school days to count".to_string();
    }
    let since = match c.counted_from {
        Some(first) if first > window.since => format!(" from {} (the first check-in)", super::text::short_day(first)),
        _ => String::new(),
    };
    format!("check-ins on {} of {}{since}", c.days_with_checkin, count(c.expected_days as usize, "school day"))
}

/// ", and 2 other days at 8", when the hardest day's peak was not the only one.
pub fn other_days_at_peak(hardest: &PeakDay) -> String {
    match hardest.days {
        0 | 1 => String::new(),
        days => format!(", and {} at {}", count(days as usize - 1, "other day"), hardest.peak),
    }
}

/// The alarm lines: mornings, evenings and the day's peak, each with its count.
pub fn alarm_lines(a: &AlarmFigures) -> [(&'static str, String); 3] {
    let hard =
        |n: u32, of: u32, what: &str| if of == 0 { String::new() } else { format!(" · {n} {what} {HARD} or more") };
    let mornings = median_over(a.morning_median, a.mornings, "morning") + &hard(a.hard_mornings, a.mornings, "at");
    let evenings = median_over(a.evening_median, a.evenings, "evening");
    let evenings = if a.evenings > 0 { format!("{evenings} (the level at bedtime)") } else { evenings };
    let peaks = median_over(a.peak_median, a.peaks, "day") + &hard(a.hard_peak_days, a.peaks, "peaking at");
    [("mornings", mornings), ("evenings", evenings), ("day's peak", peaks)]
}

/// "Monday mornings were the hardest (median 7 over 3 Mondays)", when the rule allows.
pub fn hardest_weekday(a: &AlarmFigures) -> Option<String> {
    let (weekday, median) = (a.hardest_weekday.as_ref()?, a.hardest_weekday_median?);
    Some(format!(
        "{weekday} mornings were the hardest (median {} over {})",
        number(median),
        count(a.hardest_weekday_mornings as usize, weekday)
    ))
}

/// One side of the comparison as cells: school mornings, their median, how many were hard.
pub fn trend_cells(side: &TrendSide) -> [String; 3] {
    match side.morning_median {
        Some(median) => [side.mornings.to_string(), number(median), side.hard_mornings.to_string()],
        None => ["0".to_string(), "–".to_string(), "–".to_string()],
    }
}

/// What the earlier dates are.
pub fn previous_label(trend: &Trend) -> &'static str {
    match trend.basis {
        TrendBasis::PreviousInterval => "last interval",
        TrendBasis::PreviousWindow => "before",
    }
}

pub fn verdict(trend: &Trend) -> String {
    let before = match trend.basis {
        TrendBasis::PreviousInterval => "between the two sessions before",
        TrendBasis::PreviousWindow => "in as many days before",
    };
    match trend.verdict {
        Verdict::Lower => format!("School mornings: lower than {before}."),
        Verdict::Higher => format!("School mornings: higher than {before}."),
        Verdict::AboutTheSame => {
            format!("School mornings: about the same as before (medians less than {} apart).", number(TREND_STEP))
        }
        Verdict::TooFew => {
            format!("Too few school mornings to compare: it takes {MIN_TREND_MORNINGS} on each side.")
        }
    }
}

/// "the middle of the last 5 check-ins with a step".
pub fn usual_lately_basis(n: u32) -> String {
    match n {
        1 => "from the one check-in with a step".to_string(),
        n => format!("the middle of the last {n} with a step"),
    }
}

/// Attendance as a clinician counts it, a line at a time.
pub fn school_lines(s: &SchoolFigures) -> Vec<String> {
    let mut lines = Vec::new();
    if s.school_days == 0 && s.no_school == 0 {
        return vec!["no school days recorded yet".to_string()];
    }
    // Of the school days whose evening said how school went: a day not recorded is not a
    // day at home.
    let recorded = s.school_days - s.not_recorded;
    if recorded > 0 {
        let mut parts = Vec::new();
        if s.full > 0 {
            parts.push(format!("{} full", s.full));
        }
        if s.part > 0 {
            parts.push(format!("{} part of the day", s.part));
        }
        let detail = if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) };
        let of = count(recorded as usize, "recorded school day");
        lines.push(format!("in school on {} of {of}{detail}", s.attended));
    }
    let home = [
        (s.absent_anxiety, "for anxiety"),
        (s.absent_ill, "ill"),
        (s.absent_other, "for another reason"),
        (s.absent_no_reason, "with no reason given"),
    ];
    let home: Vec<String> = home.iter().filter(|(n, _)| *n > 0).map(|(n, why)| format!("{n} {why}")).collect();
    if !home.is_empty() {
        lines.push(format!("at home: {}", home.join(", ")));
    }
    if s.not_recorded > 0 {
        lines.push(format!(
            "not recorded: {} with no evening saying how school went",
            count(s.not_recorded as usize, "school day")
        ));
    }
    if let Some(median) = s.minutes_in_median {
        lines.push(format!(
            "time in school: median {} a day, on {} with times",
            duration(median.round() as u32),
            count(s.days_with_times as usize, "day"),
        ));
    }
    if let (Some(attended), Some(of)) = (s.lessons_attended, s.lessons_of) {
        lines.push(format!("lessons: {attended} of {of}, on the days they were given"));
    }
    if s.no_school_weekdays > 0 {
        lines.push(format!("no school on {} (a holiday or closure)", count(s.no_school_weekdays as usize, "weekday")));
    }
    lines
}

/// "12 h 30 min".
pub fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A strategy's figure: "median alarm 6 (n=8) vs 4 (n=12) without", or that there are too
/// few to compare.
pub fn helped_figure(h: &Helped) -> String {
    match (h.median_with, h.median_without) {
        (Some(with), Some(without)) => {
            format!("median alarm {} (n={}) vs {} (n={}) without", number(with), h.n_with, number(without), h.n_without)
        }
        _ => "too few to compare".to_string(),
    }
}

/// The caveat every "what helped" list carries.
pub fn helped_caveat() -> String {
    format!(
        "What was noticed, not proof: a strategy used on the hardest days looks worse for that reason. Each is \
         compared with the other check-ins of the same time of day, when at least {MIN_TO_COMPARE} had it and \
         {MIN_TO_COMPARE} did not."
    )
}

/// Who reads the words: the parent in their summary ("your rating"), or the clinician in
/// the report ("the parent's rating"); and when more than one parent recorded, both read
/// "the parents' rating", as no one "you" made every rating. The figures are the same; only
/// the voice changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Parent,
    Clinician,
    /// Ratings by more than one parent, read by either or by the clinician.
    Parents,
}

impl Reader {
    /// The voice for `summary`: `reader`, unless more than one parent named themselves.
    pub fn of(reader: Reader, summary: &crate::summary::Summary) -> Reader {
        let named = summary.recorders.iter().filter(|r| r.name.is_some()).count();
        if named > 1 { Reader::Parents } else { reader }
    }

    /// "your", "the parent's", "the parents'".
    fn your(self) -> &'static str {
        match self {
            Reader::Parent => "your",
            Reader::Clinician => "the parent's",
            Reader::Parents => "the parents'",
        }
    }

    /// "yours", "the parent's", "the parents'".
    fn yours(self) -> &'static str {
        match self {
            Reader::Parent => "yours",
            Reader::Clinician | Reader::Parents => self.your(),
        }
    }
}

/// "mornings", "evenings".
fn periods(period: Period) -> String {
    format!("{}s", period.name())
}

/// "Sam's".
pub fn possessive(child: &str) -> String {
    format!("{child}'s")
}

/// The child's own numbers of a period beside the parent's rating of the same check-ins:
/// "Sam's own number, mornings: median 4 (n=6); your rating of the same mornings: median
/// 6. Sam's own number is usually 2 lower than yours." `child` is the child's name as the
/// renderer shows it.
pub fn own_rating_line(o: &OwnRatings, child: &str, reader: Reader) -> String {
    let whose = possessive(child);
    let (own, parent) = match (o.own_median, o.parent_median) {
        (Some(own), Some(parent)) => (own, parent),
        _ => return format!("{whose} own number, {}: none given", periods(o.period)),
    };
    let mut line = format!(
        "{whose} own number, {}: median {} (n={}); {} rating of the same {}: median {}.",
        periods(o.period),
        number(own),
        o.checkins,
        reader.your(),
        periods(o.period),
        number(parent)
    );
    match o.gap_median {
        None => {
            line.push_str(&format!(" Too few to compare: it takes {MIN_TO_COMPARE} {} with both.", periods(o.period)))
        }
        Some(gap) if gap.abs() < 1.0 => {
            line.push_str(&format!(" {whose} own number is usually about the same as {}.", reader.yours()))
        }
        Some(gap) => line.push_str(&format!(
            " {whose} own number is usually {} {} than {}.",
            number(gap.abs()),
            if gap < 0.0 { "lower" } else { "higher" },
            reader.yours()
        )),
    }
    line
}

/// How calm the parent felt beside the child's alarm of the same check-ins: "How calm
/// you felt, evenings: median 7 (n=5); Sam's alarm on those evenings: median 4". With
/// several parents, each parent's own line names them (`recorder`, as the renderer shows
/// it). The parent's own account, never a score of them, so no "out of 10".
pub fn parent_calm_line(c: &ParentCalm, child: &str, reader: Reader, recorder: Option<&str>) -> String {
    let who = match (reader, recorder) {
        (Reader::Parent, _) => "you".to_string(),
        (Reader::Clinician, _) => "the parent".to_string(),
        (Reader::Parents, Some(name)) => name.to_string(),
        (Reader::Parents, None) => "a parent who did not say who".to_string(),
    };
    let calm = c.calm_median.map_or("none given".to_string(), |m| format!("median {}", number(m)));
    let alarm = c.alarm_median.map_or("none given".to_string(), |m| format!("median {}", number(m)));
    format!(
        "How calm {who} felt, {}: {calm} (n={}); {} alarm on those {}: {alarm}",
        periods(c.period),
        c.checkins,
        possessive(child),
        periods(c.period)
    )
}

/// The scale of the parent's calm, said once above those lines.
pub const CALM_SCALE: &str = "calm from 0 (not at all) to 10 (completely)";

/// What happened for the parent, with its count: "raised my voice on 2 of 9 evenings you
/// said how you were". `text` is the words as the renderer shows them.
pub fn for_me_line(f: &BodySignal, text: &str, reader: Reader) -> String {
    let said = match reader {
        Reader::Parent => "you said how you were",
        Reader::Clinician => "the parent said how they were",
        Reader::Parents => "a parent said how they were",
    };
    format!("{text} on {} of {} {said}", f.count, of_period(f.of, f.period))
}

/// Who recorded the check-ins: "Check-ins by: Mum 20, Dad 8, not said 3"; none with one
/// recorder (or none). `shown` gives each name as the renderer shows it.
pub fn recorders_line(recorders: &[Recorder], shown: impl Fn(&str) -> String) -> Option<String> {
    if recorders.len() < 2 {
        return None;
    }
    let names: Vec<String> = recorders
        .iter()
        .map(|r| match &r.name {
            Some(name) => format!("{} {}", shown(name), r.checkins),
            None => format!("not said {}", r.checkins),
        })
        .collect();
    Some(format!("Check-ins by: {}", names.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_whole_or_halves() {
        assert_eq!(number(6.0), "6");
        assert_eq!(number(5.5), "5.5");
        assert_eq!(number(0.0), "0");
    }

    fn own(checkins: u32, own: f64, parent: f64, gap: Option<f64>) -> OwnRatings {
        OwnRatings {
            period: Period::Morning,
            checkins,
            own_median: Some(own),
            parent_median: Some(parent),
            gap_median: gap,
        }
    }

    #[test]
    fn the_childs_own_number_is_compared_with_enough_check_ins() {
        assert_eq!(
            own_rating_line(&own(6, 4.0, 6.0, Some(-2.0)), "Sam", Reader::Parent),
            "Sam's own number, mornings: median 4 (n=6); your rating of the same mornings: median 6. Sam's own \
             number is usually 2 lower than yours."
        );
        assert!(
            own_rating_line(&own(4, 6.5, 4.0, Some(2.5)), "Sam", Reader::Parent).ends_with("2.5 higher than yours.")
        );
        assert!(
            own_rating_line(&own(4, 4.0, 4.5, Some(-0.5)), "Sam", Reader::Parent).ends_with("about the same as yours.")
        );
        assert!(
            own_rating_line(&own(2, 4.0, 6.0, None), "Sam", Reader::Parent)
                .ends_with("Too few to compare: it takes 3 mornings with both.")
        );
        assert!(
            own_rating_line(&own(6, 4.0, 6.0, Some(-2.0)), "Child", Reader::Clinician)
                .ends_with("the parent's rating of the same mornings: median 6. Child's own number is usually 2 lower than the parent's.")
        );
    }

    #[test]
    fn recorders_are_named_only_when_there_are_several() {
        let r = |name: Option<&str>, checkins| Recorder { name: name.map(String::from), checkins };
        assert_eq!(recorders_line(&[r(Some("Mum"), 3)], |n: &str| n.to_string()), None);
        assert_eq!(
            recorders_line(&[r(Some("Mum"), 20), r(Some("Dad"), 8), r(None, 3)], |n: &str| n.to_string()).as_deref(),
            Some("Check-ins by: Mum 20, Dad 8, not said 3")
        );
    }

    #[test]
    fn durations_read_in_hours_and_minutes() {
        assert_eq!(duration(750), "12 h 30 min");
        assert_eq!(duration(120), "2 h");
        assert_eq!(duration(45), "45 min");
    }

    #[test]
    fn the_parents_calm_is_their_own_account_and_each_parent_has_theirs() {
        let calm = ParentCalm {
            period: Period::Evening,
            recorder: Some("Mum".into()),
            checkins: 5,
            calm_median: Some(7.0),
            alarm_median: Some(4.0),
        };
        assert_eq!(
            parent_calm_line(&calm, "Sam", Reader::Parent, Some("Mum")),
            "How calm you felt, evenings: median 7 (n=5); Sam's alarm on those evenings: median 4"
        );
        assert!(parent_calm_line(&calm, "Sam", Reader::Parents, Some("Mum")).starts_with("How calm Mum felt"));
        assert!(parent_calm_line(&calm, "Sam", Reader::Clinician, Some("Mum")).starts_with("How calm the parent felt"));
        assert!(!parent_calm_line(&calm, "Sam", Reader::Parent, None).contains("of 10"), "never a mark out of 10");
    }
}
