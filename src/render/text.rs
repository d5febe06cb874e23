//! Check-ins as a parent reads them on the terminal. Everything a parent typed goes
//! through `visible`, so stored text can never drive the terminal.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use console::style;

use crate::model::{CheckIn, ConcernStatus, Ladder, Period, alarm_label, short_id};
use crate::text::visible;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "Mon 23 Nov 2026".
pub fn day(date: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    push_day(&mut out, date, true);
    out
}

/// "Mon 23 Nov".
pub fn short_day(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_day(&mut out, date, false);
    out
}

/// Writes "Mon 23 Nov", and " 2026" `with_year`. By hand: a summary of years writes
/// thousands of days, and the formatting machinery costs more than the rest of the line.
pub fn push_day(out: &mut String, date: NaiveDate, with_year: bool) {
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    out.push_str(WEEKDAYS[date.weekday().num_days_from_monday() as usize]);
    out.push(' ');
    if date.day() >= 10 {
        out.push(digit(date.day() / 10));
    }
    out.push(digit(date.day()));
    out.push(' ');
    out.push_str(MONTHS[date.month0() as usize]);
    if with_year {
        let _ = write!(out, " {}", date.year());
    }
}

pub fn alarm(level: u8) -> String {
    format!("{level} · {}", alarm_label(level))
}

fn list(items: &[String]) -> String {
    items.iter().map(|i| visible(i, false)).collect::<Vec<_>>().join("; ")
}

fn title(period: Period) -> &'static str {
    match period {
        Period::Morning => "Morning",
        Period::Evening => "Evening",
    }
}

/// One check-in in full, as `show` prints it; `ladder` names the brave step.
pub fn detail(checkin: &CheckIn, ladder: Option<&Ladder>) -> String {
    detail_with(checkin, ladder, None)
}

/// One check-in in full, with whether its note is a safety concern (`concern`: the
/// concern's status, if it is one).
pub fn detail_with(checkin: &CheckIn, ladder: Option<&Ladder>, concern: Option<ConcernStatus>) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    match concern {
        Some(ConcernStatus::Open) => rows.push(("concern", "\u{26a0} safety concern, open".to_string())),
        Some(ConcernStatus::Resolved) => rows.push(("concern", "safety concern, resolved".to_string())),
        None => {}
    }
    rows.push(("alarm", alarm(checkin.alarm)));
    if let Some(peak) = checkin.peak_alarm {
        rows.push(("peak today", alarm(peak)));
    }
    if let Some(own) = checkin.own_rating {
        rows.push(("own number", format!("{own} ({}'s own)", visible(&checkin.child, false))));
    }
    let lists = [("body", &checkin.body), ("helped", &checkin.helped), ("small wins", &checkin.wins)];
    rows.extend(lists.into_iter().filter(|(_, items)| !items.is_empty()).map(|(name, items)| (name, list(items))));
    if let Some(school) = checkin.school {
        rows.push(("school", school.describe()));
    }
    if let Some(step) = &checkin.step {
        let place = match ladder.and_then(|l| Some((l.position(&step.id)?, l.steps.len()))) {
            Some((place, of)) => format!("step {place} of {of} on the ladder now"),
            None if ladder.is_none_or(|l| l.steps.is_empty()) => "on no ladder now".to_string(),
            None => "no longer on the ladder".to_string(),
        };
        rows.push(("brave step", format!("{} ({place})", visible(&step.text, false))));
    }
    if let Some(next) = checkin.next_step.as_deref().filter(|n| !n.is_empty()) {
        rows.push(("next step", visible(next, false).into_owned()));
    }
    if let Some(calm) = checkin.parent_calm {
        rows.push(("your calm", format!("{calm} of 10")));
    }
    if !checkin.for_me.is_empty() {
        rows.push(("for you", list(&checkin.for_me)));
    }
    if !checkin.note.is_empty() {
        let note = visible(&checkin.note, true).replace('\n', "\n               ");
        rows.push(("note", note));
    }
    if let Some(by) = &checkin.recorded_by {
        rows.push(("recorded by", visible(by, false).into_owned()));
    }
    let time = |at: &chrono::DateTime<chrono::FixedOffset>| at.format("%Y-%m-%d %H:%M %:z").to_string();
    rows.push(("recorded", time(&checkin.created_at)));
    if checkin.updated_at != checkin.created_at {
        rows.push(("changed", time(&checkin.updated_at)));
    }

    let mut out = format!(
        "{} · {} · {}   {}\n",
        style(format!("{} check-in", title(checkin.period))).bold(),
        visible(&checkin.child, false),
        day(checkin.date),
        style(format!("id {}", short_id(&checkin.id))).dim()
    );
    for (name, value) in rows {
        out.push_str(&format!("  {:<12} {value}\n", style(name).dim()));
    }
    out
}

/// The widest each column but the last can be ("Wed 10 Nov 2026", "10 · overwhelmed"), so
/// that a long list printed a month at a time lines up.
const LIST_WIDTHS: [u16; 6] = [8, 15, 8, 16, 4, 7];

/// What a list row says beyond the wins, compactly: "⚠ safety concern" first when the
/// note is an open concern, then the child's own number, the parent's calm and who
/// recorded ("own 4 · calm 7 · by Mum").
fn extras(c: &CheckIn, open_concern: bool) -> (String, String) {
    let before = if open_concern { "\u{26a0} safety concern".to_string() } else { String::new() };
    let mut after = Vec::new();
    if let Some(own) = c.own_rating {
        after.push(format!("own {own}"));
    }
    if let Some(calm) = c.parent_calm {
        after.push(format!("calm {calm}"));
    }
    if let Some(by) = &c.recorded_by {
        after.push(format!("by {}", visible(by, false)));
    }
    (before, after.join(" \u{b7} "))
}

/// Check-ins as rows of a table; the header comes first when `header` is true.
/// `open_concern` says whether a check-in's note is an open safety concern.
pub fn table<'a>(
    checkins: impl IntoIterator<Item = &'a CheckIn>,
    header: bool,
    open_concern: impl Fn(&CheckIn) -> bool,
) -> String {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
    if header {
        table.set_header(["id", "day", "check-in", "alarm", "peak", "school", "small wins"]);
    }
    for c in checkins {
        table.add_row([
            short_id(&c.id).to_string(),
            day(c.date),
            c.period.name().to_string(),
            alarm(c.alarm),
            c.peak_alarm.map(|p| p.to_string()).unwrap_or_default(),
            c.school.map(|s| s.outcome.name().to_string()).unwrap_or_default(),
            {
                let (before, after) = extras(c, open_concern(c));
                [before, list(&c.wins), after]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" \u{b7} ")
            },
        ]);
    }
    // Fixed widths need each column of the (possibly headless) table to exist first.
    let widths = LIST_WIDTHS.map(|w| ColumnConstraint::Absolute(Width::Fixed(w + 2)));
    table.set_constraints(widths);
    trim_table(&table)
}

/// A borderless table as text; comfy-table pads each cell with a blank on both sides, and
/// the outer ones help nobody.
pub fn trim_table(table: &Table) -> String {
    let mut out: String =
        table.to_string().lines().map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end()).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

/// `text` broken between words into lines of at most 80 columns, for the messages srt
/// writes to a parent.
pub fn paragraph(text: &str) -> String {
    let options = textwrap::Options::new(super::summary::WIDTH).word_splitter(textwrap::WordSplitter::NoHyphenation);
    ids_let_go(&textwrap::fill(&ids_whole(text), options))
}

/// A space that textwrap never breaks at (it breaks at ASCII spaces only), put between
/// "(id" and the id so that the two stay on one line.
const ID_SPACE: char = '\u{a0}';

/// `text` with "(id 1a2b3c4d)" held together for wrapping; `.replace(ID_SPACE, " ")` after.
pub fn ids_whole(text: &str) -> String {
    text.replace("(id ", &format!("(id{ID_SPACE}"))
}

/// What `ids_whole` held together, let go again.
pub fn ids_let_go(text: &str) -> String {
    text.replace(ID_SPACE, " ")
}

/// What srt says of a note with words that often signal risk (`words`, as found).
pub fn risk_message(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{}\"", visible(w, false))).collect();
    paragraph(&format!(
        "This note has words ({}) that can mean a child is thinking about dying or hurting themselves.",
        quoted.join(", ")
    ))
}

#[cfg(test)]
mod paragraph_tests {
    use super::paragraph;

    #[test]
    fn a_paragraph_fits_80_columns_and_keeps_an_id_with_its_word() {
        let saved = "Saved Sam's morning check-in for Wed 18 Nov 2026: alarm 6 · worried.  (id 4cb1b357)";
        let wrapped = paragraph(saved);
        assert_eq!(wrapped, "Saved Sam's morning check-in for Wed 18 Nov 2026: alarm 6 · worried.\n(id 4cb1b357)");
        let long = "word ".repeat(40);
        assert!(paragraph(&long).lines().all(|l| l.chars().count() <= 80));
    }
}
