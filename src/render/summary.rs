//! The summary as a parent reads it before an appointment: the wins first, then the
//! patterns, worded as observations.

use std::fmt::Write;
use std::io;

use chrono::Datelike;

use comfy_table::{ContentArrangement, Table, presets};
use console::style;

use crate::model::{OpenConcern, Period, SAFETY_LINE, alarm_label, short_id};
use crate::summary::{Basis, HARD, Summary};
use crate::text::visible;

use super::figures;
use super::text::{day, push_day, short_day, trim_table};

/// The most marks a sparkline gets; longer windows give each mark several days.
const SPARK_WIDTH: usize = 62;

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The morning alarm as bars, `·` where there was no morning check-in: one mark a day, or
/// for long windows one mark per run of days (their average), at most `SPARK_WIDTH` marks.
/// Returns the line and the days each mark stands for.
pub fn sparkline(levels: &[Option<u8>]) -> (String, usize) {
    let per_mark = levels.len().div_ceil(SPARK_WIDTH).max(1);
    let line = levels
        .chunks(per_mark)
        .map(|days| {
            let seen: Vec<f64> = days.iter().flatten().map(|&l| f64::from(l.min(10))).collect();
            if seen.is_empty() {
                return '·';
            }
            let mean = seen.iter().sum::<f64>() / seen.len() as f64;
            SPARKS[((mean * 7.0 / 10.0).round() as usize).min(7)]
        })
        .collect();
    (line, per_mark)
}

/// How much text gathers before it is handed on to the output.
const PIECE: usize = 64 * 1024;

/// Text on its way to the output, handed on in pieces: a summary of decades has tens of
/// thousands of lines of wins and notes, and is never one string in memory.
struct Sink<'a> {
    text: String,
    out: &'a mut dyn io::Write,
}

impl Sink<'_> {
    /// Hands the text on once enough has gathered; called after each line of a long list.
    fn line_done(&mut self) -> io::Result<()> {
        if self.text.len() >= PIECE { self.flush() } else { Ok(()) }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(self.text.as_bytes())?;
        self.text.clear();
        Ok(())
    }
}

/// Writes the summary as a parent reads it.
pub fn write(child: &str, s: &Summary, out: &mut dyn io::Write) -> io::Result<()> {
    let mut sink = Sink { text: String::with_capacity(PIECE + 1024), out };
    sink.text.push_str(&concerns_section(&s.concerns));
    heading(&mut sink.text, child, s);
    session_note(&mut sink.text, s);
    wins(&mut sink, s)?;
    alarm(&mut sink.text, s);
    own_numbers(&mut sink.text, child, s);
    how_you_were(&mut sink.text, child, s);
    trend(&mut sink.text, s);
    school(&mut sink.text, s);
    steps(&mut sink.text, s);
    helped(&mut sink.text, s);
    body_and_next_steps(&mut sink.text, s);
    notes(&mut sink, s)?;
    sink.flush()
}

/// The open safety concerns, above everything else, with the safety line; empty without
/// any. A concern without its words (a redacted export) shows its fact and date.
pub fn concerns_section(concerns: &[OpenConcern]) -> String {
    let mut out = String::new();
    if concerns.is_empty() {
        return out;
    }
    let title = match concerns.len() {
        1 => "Safety concern, open: please talk it over with your clinician".to_string(),
        n => format!("{n} safety concerns, open: please talk them over with your clinician"),
    };
    let _ = writeln!(out, "{}", style(title).bold());
    for concern in concerns {
        let id = short_id(&concern.id);
        match &concern.text {
            Some(text) => {
                let first = format!("  {}  ", day(concern.date));
                let said = format!("\u{201c}{}\u{201d}  (id {id})", visible(text, false));
                let mut wrapped = String::new();
                hanging(&mut wrapped, &first, &super::text::ids_whole(&said));
                out.push_str(&super::text::ids_let_go(&wrapped));
            }
            None => {
                let _ = writeln!(out, "  1 safety concern, {} \u{2014} ask the parent", day(concern.date));
            }
        }
    }
    if let Some(first) = concerns.iter().find(|c| c.text.is_some()) {
        let id = short_id(&first.id);
        // The command on a line of its own, never broken, so it can be copied whole.
        let _ = writeln!(out, "  Once talked over:");
        let _ = writeln!(out, "    srt concern resolve {id} --note \"talked with Dr Lee on 2 Mar\"");
    }
    hanging(&mut out, "  ", SAFETY_LINE);
    out.push('\n');
    out
}

fn heading(out: &mut String, child: &str, s: &Summary) {
    let w = &s.window;
    let since = match w.basis {
        Basis::SinceSession => format!("since the session on {}", day(w.since)),
        Basis::Last14Days => "the last 14 days".to_string(),
        Basis::Explicit => format!("from {}", day(w.since)),
    };
    let _ = writeln!(
        out,
        "{}\n{} to {} · {}\n{}",
        style(format!("{} · {since}", visible(child, false))).bold(),
        list_day(s, w.since),
        list_day(s, w.until),
        figures::count_checkins(&s.coverage),
        figures::coverage(&s.coverage, &s.window),
    );
    if let Some(line) = figures::recorders_line(&s.recorders, |name| visible(name, false).into_owned()) {
        hanging(out, "", &line);
    }
    out.push('\n');
}

/// The child's own numbers beside the parent's rating, by period.
fn own_numbers(out: &mut String, child: &str, s: &Summary) {
    if s.own_ratings.is_empty() {
        return;
    }
    let child = visible(child, false);
    section(out, &format!("{} own number", figures::possessive(&child)));
    for own in &s.own_ratings {
        let reader = figures::Reader::of(figures::Reader::Parent, s);
        hanging_by(out, "  ", LINE_INDENT, &figures::own_rating_line(own, &child, reader));
    }
    out.push('\n');
}

/// How calm the parent felt beside the child's alarm, and what happened for them.
fn how_you_were(out: &mut String, child: &str, s: &Summary) {
    if s.parent_calm.is_empty() && s.for_me.is_empty() {
        return;
    }
    let child = visible(child, false);
    let reader = figures::Reader::of(figures::Reader::Parent, s);
    let title = if reader == figures::Reader::Parents { "How the parents were" } else { "How you were" };
    section(out, &format!("{title} · {}", figures::CALM_SCALE));
    for calm in &s.parent_calm {
        let recorder = calm.recorder.as_deref().map(|r| visible(r, false));
        let line = figures::parent_calm_line(calm, &child, reader, recorder.as_deref());
        hanging_by(out, "  ", LINE_INDENT, &line);
    }
    for f in s.for_me.iter().take(BODY_SHOWN) {
        let line = figures::for_me_line(f, &visible(&f.text, false), reader);
        hanging_by(out, "  ", LINE_INDENT, &line);
    }
    if s.for_me.len() > BODY_SHOWN {
        let _ = writeln!(out, "  and {} more", s.for_me.len() - BODY_SHOWN);
    }
    out.push('\n');
}

/// What was agreed at the session the window opens with, first.
fn session_note(out: &mut String, s: &Summary) {
    if let Some(note) = &s.session_note {
        let _ = writeln!(out, "{} {}", style("Agreed on").bold(), style(list_day(s, s.window.since)).bold());
        for line in visible(note, true).lines() {
            hanging(out, "  ", line);
        }
        out.push('\n');
    }
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "{}", style(title).bold());
}

/// Whether days in lists need their year: when the window spans more than one.
fn spans_years(s: &Summary) -> bool {
    // The comparison's dates are shown too: they may lie in the year before.
    s.trend.previous.since.year() != s.window.until.year()
}

/// A day in a sentence, with its year when the window spans more than one.
fn list_day(s: &Summary, date: chrono::NaiveDate) -> String {
    if spans_years(s) { day(date) } else { short_day(date) }
}

fn wins(sink: &mut Sink, s: &Summary) -> io::Result<()> {
    section(&mut sink.text, &format!("Small wins ({})", s.wins.len()));
    if s.wins.is_empty() {
        sink.text.push_str("  None written down yet. Even tiny ones count: add them with --win.\n\n");
        return Ok(());
    }
    // Day names are ASCII, so the column pads by bytes; no table is needed.
    let with_year = spans_years(s);
    let width: usize = if with_year { 15 } else { 10 };
    let (mut day, mut line) = (String::with_capacity(20), String::with_capacity(WIDTH));
    for (date, wins) in s.wins_by_day() {
        day.clear();
        day.push_str("  ");
        push_day(&mut day, date, with_year);
        let padding = width.saturating_sub(day.len() - 2) + 2;
        day.extend(std::iter::repeat_n(' ', padding));
        line.clear();
        for (i, win) in wins.into_iter().enumerate() {
            if i > 0 {
                line.push_str("; ");
            }
            line.push_str(&visible(win, false));
        }
        hanging(&mut sink.text, &day, &line);
        sink.line_done()?;
    }
    sink.text.push('\n');
    Ok(())
}

fn alarm(out: &mut String, s: &Summary) {
    section(out, "Alarm");
    let a = &s.alarm;
    for (label, line) in figures::alarm_lines(a) {
        let _ = writeln!(out, "  {label:<12}{line}");
    }
    if a.mornings > 0 {
        let (line, per_mark) = sparkline(&s.mornings_by_day);
        let label = if per_mark > 1 { "mornings" } else { "day by day" };
        let _ = writeln!(out, "  {label:<12}{line}");
        if per_mark > 1 {
            let _ = writeln!(out, "  {:<12}(a mark for every {per_mark} days, their average)", "");
        }
    }
    // A hardest day is named when it was hard: a peak of 7 or more.
    if let Some(hardest) = a.hardest_peak_day.as_ref().filter(|h| h.peak >= HARD) {
        let note = hardest.note.as_deref().map(|n| format!(": {}", visible(n, false))).unwrap_or_default();
        let line = format!(
            "hardest day: {}, peak {}{}{note}",
            list_day(s, hardest.date),
            alarm_text(hardest.peak),
            figures::other_days_at_peak(hardest)
        );
        hanging_by(out, "  ", LINE_INDENT, &line);
    }
    if let Some(weekday) = figures::hardest_weekday(a) {
        let _ = writeln!(out, "  {weekday}");
    }
    out.push('\n');
}

fn alarm_text(level: u8) -> String {
    format!("{level} ({})", alarm_label(level))
}

fn trend(out: &mut String, s: &Summary) {
    let t = &s.trend;
    section(out, "Compared with before (school-day mornings)");
    let mut table = borderless();
    table.set_header(["", "", "mornings", "median", &format!("{HARD} or more")]);
    for (label, side) in [(figures::previous_label(t), &t.previous), ("now", &t.this)] {
        let [mornings, median, hard] = figures::trend_cells(side);
        table.add_row([
            label.to_string(),
            format!("{} to {}", list_day(s, side.since), list_day(s, side.until)),
            mornings,
            median,
            hard,
        ]);
    }
    for column in 2..5 {
        if let Some(column) = table.column_mut(column) {
            column.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    out.push_str(&indent(&trim_table(&table)));
    let _ = writeln!(out, "  {}\n", figures::verdict(t));
}

fn school(out: &mut String, s: &Summary) {
    section(out, "School");
    for line in figures::school_lines(&s.school) {
        let _ = writeln!(out, "  {line}");
    }
    out.push('\n');
}

fn steps(out: &mut String, s: &Summary) {
    section(out, "Brave steps");
    let st = &s.steps;
    let words =
        |text: &Option<String>| text.as_deref().map(|t| format!(" \"{}\"", visible(t, false))).unwrap_or_default();
    match (st.highest, st.first_reached) {
        (Some(highest), Some(first)) => {
            let line = format!(
                "highest: step {highest} of {}{}, {}, first on {}",
                st.of,
                words(&st.highest_text),
                figures::times(st.highest_times),
                list_day(s, first)
            );
            hanging_by(out, "  ", LINE_INDENT, &line);
        }
        _ if st.off_ladder.is_empty() => {
            let _ = writeln!(out, "  none recorded");
        }
        _ => {}
    }
    if let Some(usual) = st.usual_lately {
        let line = format!(
            "usual lately: step {usual}{} ({})",
            words(&st.usual_lately_text),
            figures::usual_lately_basis(st.usual_lately_n)
        );
        hanging_by(out, "  ", LINE_INDENT, &line);
    }
    for off in &st.off_ladder {
        let line = format!(
            "reached \"{}\" (no longer on the ladder), first on {}",
            visible(&off.text, false),
            list_day(s, off.first_reached)
        );
        hanging_by(out, "  ", LINE_INDENT, &line);
    }
    out.push('\n');
}

fn helped(out: &mut String, s: &Summary) {
    if s.helped.is_empty() {
        return;
    }
    section(out, "What helped");
    let mut table = borderless();
    for h in &s.helped {
        table.add_row([
            visible(&h.text, false).into_owned(),
            figures::of_period(h.uses, h.period),
            figures::helped_figure(h),
        ]);
    }
    out.push_str(&indent(&trim_table(&table)));
    hanging(out, "  ", &figures::helped_caveat());
    out.push('\n');
}

fn body_and_next_steps(out: &mut String, s: &Summary) {
    if !s.body.is_empty() {
        section(out, "Body signals");
        for b in s.body.iter().take(BODY_SHOWN) {
            let line = format!("{} on {} of {}", visible(&b.text, false), b.count, figures::of_period(b.of, b.period));
            hanging(out, "  ", &line);
        }
        if s.body.len() > BODY_SHOWN {
            let _ = writeln!(out, "  and {} more", s.body.len() - BODY_SHOWN);
        }
        out.push('\n');
    }
    if !s.next_steps.is_empty() {
        section(out, "Next small steps (latest first)");
        for next in &s.next_steps {
            hanging(out, &format!("  {:<10}  ", list_day(s, next.date)), &visible(&next.text, false));
        }
        out.push('\n');
    }
}

/// How many body signals the summary lists; `--json` has them all.
const BODY_SHOWN: usize = 5;

/// The widest a summary line gets: it reads in an 80-column terminal, and in print.
pub const WIDTH: usize = 80;

/// Writes `first` and then `text`, broken between words into lines of at most `WIDTH`
/// columns, each line after the first indented as far as `first` reaches.
fn hanging(out: &mut String, first: &str, text: &str) {
    hanging_by(out, first, textwrap::core::display_width(first), text);
}

/// Writes `first` and then `text` in lines of at most `WIDTH` columns, each line after the
/// first indented by `rest` spaces.
fn hanging_by(out: &mut String, first: &str, rest: usize, text: &str) {
    // No character is wider on screen than its bytes, so a line short in bytes fits: most
    // lines, and a summary of years writes thousands, skip the wrapping.
    if text.is_empty() {
        out.push_str(first.trim_end());
        out.push('\n');
        return;
    }
    if first.len() + text.len() <= WIDTH {
        out.push_str(first);
        out.push_str(text);
        out.push('\n');
        return;
    }
    if first.is_ascii() && text.is_ascii() && wrap_ascii(out, first, rest, text) {
        return;
    }
    let indent = " ".repeat(rest);
    // Words a parent wrote are never hyphenated: "walk-to-the-gate" breaks only at spaces.
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(&indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, options) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// Wraps ASCII text, where a byte is a column, at its spaces; false (and nothing written)
/// when a word is too long for a line, which textwrap then breaks. textwrap measures every
/// character's width, and a summary of years wraps thousands of notes and wins: this keeps
/// the whole-journal summary within its benchmark target.
fn wrap_ascii(out: &mut String, first: &str, rest: usize, text: &str) -> bool {
    let words = || text.split(' ').filter(|w| !w.is_empty());
    let first_word = words().next().unwrap_or("");
    if text.starts_with(' ') || first.len() + first_word.len() > WIDTH || words().any(|w| rest + w.len() > WIDTH) {
        return false;
    }
    out.push_str(first);
    let mut line_width = first.len();
    // The spaces after the last word on the line: written only if another word follows.
    let mut spaces: Option<usize> = None;
    let mut left = text;
    while !left.is_empty() {
        let end = left.find(' ').unwrap_or(left.len());
        let (word, after) = left.split_at(end);
        let gap = after.len() - after.trim_start_matches(' ').len();
        left = &after[gap..];
        match spaces {
            Some(before) if line_width + before + word.len() > WIDTH => {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', rest));
                line_width = rest;
            }
            Some(before) => {
                out.extend(std::iter::repeat_n(' ', before));
                line_width += before;
            }
            None => {}
        }
        out.push_str(word);
        line_width += word.len();
        spaces = Some(gap);
    }
    out.push('\n');
    true
}

/// Where the lines of a note after its first begin.
const NOTE_INDENT: &str = "      ";

/// How far a figure's line with words a parent wrote is indented when it wraps.
const LINE_INDENT: usize = 4;

fn notes(sink: &mut Sink, s: &Summary) -> io::Result<()> {
    if s.notes.is_empty() {
        return Ok(());
    }
    section(&mut sink.text, "Notes");
    for n in &s.notes {
        let when = match n.period {
            Period::Morning => "morning",
            Period::Evening => "evening",
        };
        // The note's own lines start under its first word.
        let first = format!("  {} {when}: ", list_day(s, n.date));
        for (i, line) in visible(&n.text, true).lines().enumerate() {
            hanging_by(&mut sink.text, if i == 0 { &first } else { NOTE_INDENT }, NOTE_INDENT.len(), line);
        }
        sink.line_done()?;
    }
    Ok(())
}

/// A table that wraps its cells to fit `WIDTH` with its indent, at a terminal or not.
fn borderless() -> Table {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic).set_width(WIDTH as u16);
    table
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_longer_than_one_piece_is_written_whole_and_in_order() {
        use crate::model::CheckIn;
        use crate::summary::{Basis, Summariser, Window};
        let since = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let window = Window { since, until: since + chrono::Days::new(1999), basis: Basis::Explicit };
        let mut summariser = Summariser::new(window, None);
        for (n, date) in window.dates().enumerate() {
            let at = date.and_hms_opt(8, 0, 0).unwrap().and_utc().fixed_offset();
            summariser.add(CheckIn {
                id: format!("{n}"),
                alarm: 3,
                wins: vec![format!("win number {n}"), "a shared laugh".into()],
                note: format!("note number {n}"),
                ..CheckIn::blank("Sam".into(), date, Period::Morning, at)
            });
        }
        let mut out = Vec::new();
        write("Sam", &summariser.finish(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.len() > 2 * PIECE, "{}", text.len());
        let wins: Vec<&str> = text.lines().filter(|l| l.contains("win number")).collect();
        assert_eq!(wins.len(), 2000);
        assert!(wins[0].ends_with("win number 0; a shared laugh") && wins[0].contains("Wed 1 Jan 2020"));
        assert!(wins[1999].ends_with("win number 1999; a shared laugh"));
        let notes: Vec<&str> = text.lines().filter(|l| l.contains("note number")).collect();
        assert_eq!(notes.len(), 2000);
        assert!(notes.iter().enumerate().all(|(n, l)| l.ends_with(&format!("morning: note number {n}"))));
        assert!(text.contains("\nAlarm\n") && text.ends_with("note number 1999\n"));
    }

    /// What textwrap makes of a line, to hold the ASCII fast path to.
    fn by_textwrap(first: &str, rest: usize, text: &str) -> String {
        let indent = " ".repeat(rest);
        let options = textwrap::Options::new(WIDTH)
            .initial_indent(first)
            .subsequent_indent(&indent)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::wrap(text, options).iter().map(|l| format!("{l}\n")).collect()
    }

    #[test]
    fn ascii_lines_wrap_as_textwrap_wraps_them() {
        let long = "walk from the car to the gate on her own, with Dad waiting in the car for five minutes";
        let cases = [
            ("  Fri 20 Nov  ", 14, long),
            ("  ", 2, "What was noticed, not proof: a strategy used on the hardest days looks worse for that reason."),
            (
                "  Fri 20 Nov evening: ",
                6,
                "asked  twice,  with two spaces between words, and then again before bed tonight",
            ),
            ("  ", 4, "exactly eighty columns of text here, to see that the edge is kept at the edge ok"),
        ];
        // A line of exactly 80 columns stays one line.
        let edge = format!("{} y z", "x".repeat(76));
        for (first, rest, text) in cases.into_iter().chain([("  ", 2, edge.as_str())]) {
            let mut fast = String::new();
            assert!(wrap_ascii(&mut fast, first, rest, text), "{text}");
            assert_eq!(fast, by_textwrap(first, rest, text), "{text}");
            assert!(fast.lines().all(|l| l.len() <= WIDTH), "{fast}");
        }
        // A word too long for a line is left to textwrap, which breaks it.
        let mut fast = String::new();
        assert!(!wrap_ascii(&mut fast, "  Fri 20 Nov evening: ", 6, &"x".repeat(70)));
        assert!(fast.is_empty());
        let mut out = String::new();
        hanging_by(&mut out, "  Fri 20 Nov evening: ", 6, &"x".repeat(70));
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
    }

    #[test]
    fn sparkline_maps_0_to_10_onto_eight_bars() {
        assert_eq!(sparkline(&[Some(0), Some(5), Some(10), None, Some(3)]), ("▁▅█·▃".to_string(), 1));
    }

    #[test]
    fn a_long_window_averages_runs_of_days_per_mark() {
        let levels: Vec<Option<u8>> = (0..124).map(|i| if i < 62 { Some(0) } else { Some(10) }).collect();
        let (line, per_mark) = sparkline(&levels);
        assert_eq!(per_mark, 2);
        assert_eq!(line.chars().count(), 62);
        assert!(line.starts_with('▁') && line.ends_with('█'));
        let (line, _) = sparkline(&[None; 200]);
        assert!(line.chars().all(|c| c == '·'));
    }
}
