//! The summary as a parent reads it before an appointment: the wins first, then the
//! patterns, worded as observations.

use std::fmt::Write;
use std::io;

use chrono::Datelike;

use comfy_table::{ContentArrangement, Table, presets};
use console::style;

use crate::model::{Period, alarm_label};
use crate::summary::{Basis, Summary};
use crate::text::visible;

use super::one_decimal;
use super::text::{day, push_day, short_day, trim_table};
use crate::text::count;

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
    heading(&mut sink.text, child, s);
    wins(&mut sink, s)?;
    alarm(&mut sink.text, s);
    school_and_steps(&mut sink.text, s);
    helped(&mut sink.text, s);
    notes(&mut sink, s)?;
    sink.flush()
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
        "{}\n{} of {} possible over {}, to {}\n",
        style(format!("{} · {since}", visible(child, false))).bold(),
        count(s.coverage.checkins, "check-in"),
        s.coverage.possible,
        count(s.coverage.days as usize, "day"),
        day(w.until)
    );
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "{}", style(title).bold());
}

/// Whether days in lists need their year: when the window spans more than one.
fn spans_years(s: &Summary) -> bool {
    s.window.since.year() != s.window.until.year()
}

/// A day in a sentence, with its year when the window spans more than one.
fn list_day(s: &Summary, date: chrono::NaiveDate) -> String {
    if spans_years(s) { day(date) } else { short_day(date) }
}

fn wins(sink: &mut Sink, s: &Summary) -> io::Result<()> {
    section(&mut sink.text, &format!("Small wins ({})", s.wins_listed()));
    if s.wins.is_empty() {
        sink.text.push_str("  None written down for these days yet. Even tiny ones count: add them with --win.\n\n");
        return Ok(());
    }
    // Day names are ASCII, so the column pads by bytes; no table is needed.
    let with_year = spans_years(s);
    let width: usize = if with_year { 15 } else { 10 };
    for (date, wins) in s.wins_by_day() {
        let out = &mut sink.text;
        out.push_str("  ");
        let start = out.len();
        push_day(out, date, with_year);
        let padding = width.saturating_sub(out.len() - start) + 2;
        out.extend(std::iter::repeat_n(' ', padding));
        for (i, win) in wins.into_iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            out.push_str(&visible(win, false));
        }
        out.push('\n');
        sink.line_done()?;
    }
    sink.text.push('\n');
    Ok(())
}

fn alarm(out: &mut String, s: &Summary) {
    section(out, "Alarm");
    let a = &s.alarm;
    let avg = |v: Option<f64>| v.map_or("no check-ins".to_string(), |v| format!("average {}", one_decimal(v)));
    let (line, per_mark) = sparkline(&s.mornings_by_day);
    let scale = if per_mark > 1 { format!("  (a mark for every {per_mark} days)") } else { String::new() };
    let _ = writeln!(out, "  mornings  {}   {line}{scale}", avg(a.morning_avg));
    let _ = writeln!(out, "  evenings  {}", avg(a.evening_avg));
    if let (Some(first), Some(second)) = (a.morning_first_half_avg, a.morning_second_half_avg) {
        let (f, l) = (one_decimal(first), one_decimal(second));
        let trend = if f == l {
            "about the same in both halves".to_string()
        } else if second < first {
            format!("lower in the second half ({f} → {l})")
        } else {
            format!("higher in the second half ({f} → {l})")
        };
        let _ = writeln!(out, "  mornings were {trend}");
    }
    // One weekday alone, or a tie, is no pattern worth a sentence.
    if let (Some(weekday), Some(avg), false, 2..) =
        (&a.hardest_weekday, a.hardest_weekday_avg, a.hardest_weekday_tied, a.weekdays_with_mornings)
    {
        let rounded = avg.round().clamp(0.0, 10.0) as u8;
        let _ = writeln!(
            out,
            "  {weekday} mornings were the hardest (average {}, {})",
            one_decimal(avg),
            alarm_label(rounded)
        );
    }
    out.push('\n');
}

fn school_and_steps(out: &mut String, s: &Summary) {
    let c = &s.school;
    let counts =
        [(c.full, "full"), (c.partial, "partial"), (c.late, "late"), (c.absent, "at home"), (c.none, "no school")];
    let shown: Vec<String> = counts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
    section(out, "School days");
    let _ = writeln!(out, "  {}\n", if shown.is_empty() { "not recorded".to_string() } else { shown.join(" · ") });

    section(out, "Brave steps");
    let st = &s.steps;
    match (st.highest, st.first_reached) {
        (Some(highest), Some(first)) => {
            let words = st.highest_text.as_deref().map(|t| format!(" \"{}\"", visible(t, false))).unwrap_or_default();
            let _ = writeln!(out, "  reached step {highest} of {}{words}, first on {}", st.of, list_day(s, first));
        }
        _ if st.off_ladder.is_empty() => {
            let _ = writeln!(out, "  none recorded");
        }
        _ => {}
    }
    for off in &st.off_ladder {
        let _ = writeln!(
            out,
            "  reached \"{}\" (no longer on the ladder), first on {}",
            visible(&off.text, false),
            list_day(s, off.first_reached)
        );
    }
    out.push('\n');
}

fn helped(out: &mut String, s: &Summary) {
    if s.helped.is_empty() {
        return;
    }
    section(out, "What helped (what was noticed, not proof)");
    let mut table = borderless();
    for h in &s.helped {
        let times = if h.uses == 1 { "once".to_string() } else { format!("{} times", h.uses) };
        let with = one_decimal(h.avg_alarm_with);
        let other =
            h.avg_alarm_without.map_or("no other check-ins".to_string(), |w| format!("{} otherwise", one_decimal(w)));
        table.add_row([
            visible(&h.text, false).into_owned(),
            times,
            format!("average alarm {with} when used, {other}"),
        ]);
    }
    out.push_str(&indent(&trim_table(&table)));
    out.push('\n');
}

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
        let text = visible(&n.text, true).replace('\n', "\n      ");
        let _ = writeln!(sink.text, "  {} {when}: {text}", list_day(s, n.date));
        sink.line_done()?;
    }
    Ok(())
}

fn borderless() -> Table {
    let mut table = Table::new();
    table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
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
            summariser.add(CheckIn {
                id: format!("{n}"),
                child: "Sam".into(),
                date,
                period: Period::Morning,
                created_at: date.and_hms_opt(8, 0, 0).unwrap().and_utc().fixed_offset(),
                updated_at: date.and_hms_opt(8, 0, 0).unwrap().and_utc().fixed_offset(),
                alarm: 3,
                peak_alarm: None,
                body: vec![],
                helped: vec![],
                wins: vec![format!("win number {n}"), "a shared laugh".into()],
                school: None,
                step: None,
                next_step: None,
                note: format!("note number {n}"),
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
