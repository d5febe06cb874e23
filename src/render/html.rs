//! The one-page report for the clinician: a self-contained HTML page (inline CSS and an
//! inline SVG chart; nothing fetched from anywhere) that prints on one or two A4 pages.
//! maud escapes every piece of text, so a note can never become markup.

use std::io::Write;

use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::text::{day as dated, short_day as day};
use super::{ExportWriter, figures};
use crate::error::Result;
use crate::export::Export;
use crate::model::{CheckIn, Period, SAFETY_LINE, alarm_label};
use crate::summary::{HARD, Summary};

const STYLE: &str = r#"
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; border-bottom: 1px solid #d9e2ec; padding-bottom: 2pt; }
.meta { color: #52606d; margin: 0; }
.wins { columns: 2; column-gap: 8mm; margin: 0; padding-left: 0; list-style: none; }
.wins li { break-inside: avoid; margin-bottom: 2pt; display: grid; grid-template-columns: 23mm 1fr; column-gap: 1.5mm; }
.wins .day { color: #52606d; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2pt 6pt 2pt 0; vertical-align: top; }
th { color: #52606d; font-weight: 600; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
.chart { width: 100%; height: auto; }
.legend span { margin-right: 12pt; }
.morning { color: #c05621; } .evening { color: #2b6cb0; } .session { color: #7b8794; }
.ladder li.reached { font-weight: 600; }
.note { margin: 0 0 3pt; }
.concerns { border: 2px solid #c53030; border-radius: 4pt; padding: 4pt 8pt 6pt; margin: 0 0 10pt; background: #fff5f5; }
.concerns h2 { color: #9b2c2c; border-bottom: none; margin: 2pt 0; }
.concerns ul { margin: 0 0 4pt; padding-left: 14pt; }
.concerns .safety { font-weight: 600; margin: 0; }
.own { color: #6b46c1; }
footer { margin-top: 12pt; color: #7b8794; font-size: 8.5pt; }
section { break-inside: avoid; }
"#;

const MORNING: &str = "#c05621";
const EVENING: &str = "#2b6cb0";
const SESSION: &str = "#7b8794";
/// The child's own numbers: their own colour, a dotted line and hollow square marks, so the two
/// lines stay apart in grey print too.
const OWN: &str = "#6b46c1";

fn long_day(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A day's rating on the chart.
struct Point {
    date: NaiveDate,
    period: Period,
    alarm: u8,
}

/// The report: the check-ins' ratings are gathered for the chart, and the page is written
/// once the summary is known.
pub struct Report<'a> {
    out: &'a mut dyn Write,
    export: &'a Export,
    points: Vec<Point>,
}

impl<'a> Report<'a> {
    pub fn start(export: &'a Export, out: &'a mut dyn Write) -> Self {
        Self { out, export, points: Vec::new() }
    }
}

impl ExportWriter for Report<'_> {
    fn checkin(&mut self, c: &CheckIn) -> Result<()> {
        self.points.push(Point { date: c.date, period: c.period, alarm: c.alarm });
        Ok(())
    }

    fn finish(self: Box<Self>, summary: &Summary) -> Result<()> {
        self.out.write_all(render(self.export, summary, &self.points).as_bytes())?;
        Ok(())
    }
}

fn render(export: &Export, s: &Summary, points: &[Point]) -> String {
    let range = export.range();
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Between sessions: " (export.shown_name()) ", " (long_day(range.since)) " to " (long_day(range.until)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (concerns(s))
                header {
                    h1 { "Between sessions: " (export.shown_name()) }
                    p.meta {
                        (long_day(range.since)) " to " (long_day(range.until)) " · "
                        (figures::count_checkins(&s.coverage)) ", " (figures::coverage(&s.coverage, &s.window)) " · "
                        "recorded by a parent with srt, " (export.generated_at.format("%-d %B %Y"))
                    }
                }
                @if let Some(note) = &s.session_note {
                    section.agreed {
                        h2 { "Agreed on " (day(s.window.since)) }
                        p.note { (note) }
                    }
                }
                (wins(s))
                (alarm(export, s, points))
                (voices(export, s))
                (trend(s))
                div.two {
                    (school(s))
                    (body_and_next_steps(s))
                }
                (helped(s))
                (ladder(export, s))
                (notes(s))
                footer {
                    "Alarm is the parent's rating of the child's stress response: 0 calm, 1-2 settled, 3-4 uneasy, "
                    "5-6 worried, 7-8 alarmed, 9-10 overwhelmed. Patterns are observations, not proof."
                }
            }
        }
    };
    page.into_string()
}

/// The open safety concerns, boxed, above everything, with the safety line beside them.
/// A concern without its words (a redacted export) shows the fact and the date.
fn concerns(s: &Summary) -> Markup {
    html! {
        @if !s.concerns.is_empty() {
            section.concerns {
                h2 {
                    @if s.concerns.len() == 1 { "Safety concern, open" } @else { (s.concerns.len()) " safety concerns, open" }
                }
                ul {
                    @for concern in &s.concerns {
                        li {
                            @match &concern.text {
                                Some(text) => { strong { (dated(concern.date)) } ": \u{201c}" (text) "\u{201d}" }
                                None => { "1 safety concern, " (dated(concern.date)) " \u{2014} ask the parent" }
                            }
                        }
                    }
                }
                p.safety { (SAFETY_LINE) }
            }
        }
    }
}

/// The child's own numbers, the parent's calm and what happened for the parent, and who
/// recorded: the same words as the parent's summary, for the clinician.
fn voices(export: &Export, s: &Summary) -> Markup {
    let child = export.shown_name();
    let reader = figures::Reader::of(figures::Reader::Clinician, s);
    let parents = if reader == figures::Reader::Parents { "How the parents were" } else { "How the parent was" };
    html! {
        @if !s.own_ratings.is_empty() {
            section {
                h2 { (figures::possessive(child)) " own number" }
                @for own in &s.own_ratings {
                    p { (figures::own_rating_line(own, child, reader)) }
                }
            }
        }
        @if !s.parent_calm.is_empty() || !s.for_me.is_empty() {
            section {
                h2 { (parents) }
                p.meta { (figures::CALM_SCALE) }
                @for calm in &s.parent_calm {
                    p { (figures::parent_calm_line(calm, child, reader, calm.recorder.as_deref())) }
                }
                @if !s.for_me.is_empty() {
                    ul {
                        @for f in s.for_me.iter().take(5) {
                            li { (figures::for_me_line(f, &f.text, reader)) }
                        }
                    }
                }
            }
        }
        @if let Some(line) = figures::recorders_line(&s.recorders, |name| name.to_string()) {
            p.meta { (line) }
        }
    }
}

fn wins(s: &Summary) -> Markup {
    html! {
        section {
            h2 { "Small wins (" (s.wins.len()) ")" }
            @if s.wins.is_empty() {
                p { "No small wins were written down in these days." }
            } @else {
                ul.wins {
                    @for (date, wins) in s.wins_by_day() {
                        li {
                            span.day { (day(date)) }
                            span { (wins.join("; ")) }
                        }
                    }
                }
            }
        }
    }
}

fn alarm(export: &Export, s: &Summary, points: &[Point]) -> Markup {
    let a = &s.alarm;
    html! {
        section {
            h2 { "Alarm" }
            (chart(export, s, points))
            p.legend {
                span.morning { "● mornings (the parent's rating)" }
                span.evening { "● evenings" }
                @if s.own_by_day.iter().any(Option::is_some) {
                    span.own { "□ " (figures::possessive(export.shown_name())) " own number, mornings (dotted)" }
                }
                span.session { "┆ therapy session" }
            }
            table {
                @for (label, line) in figures::alarm_lines(a) {
                    tr { th { (label) } td { (line) } }
                }
            }
            @if let Some(hardest) = a.hardest_peak_day.as_ref().filter(|h| h.peak >= HARD) {
                p {
                    "Hardest day: " (day(hardest.date)) ", peak " (hardest.peak) " (" (alarm_label(hardest.peak)) ")"
                    (figures::other_days_at_peak(hardest))
                    @if let Some(note) = &hardest.note { ": " (note) }
                }
            }
            @if let Some(weekday) = figures::hardest_weekday(a) {
                p { (weekday) "." }
            }
        }
    }
}

fn trend(s: &Summary) -> Markup {
    let t = &s.trend;
    html! {
        section {
            h2 { "Compared with before (school-day mornings)" }
            table {
                tr { th {} th { "Dates" } th { "Mornings" } th { "Median" } th { (HARD) " or more" } }
                @for (label, side) in [(figures::previous_label(t), &t.previous), ("now", &t.this)] {
                    tr {
                        th { (label) }
                        td { (day(side.since)) " to " (day(side.until)) }
                        @for cell in figures::trend_cells(side) { td { (cell) } }
                    }
                }
            }
            p { (figures::verdict(t)) }
        }
    }
}

/// An SVG line chart of the morning and evening alarm over the window, sessions marked,
/// and the child's own morning numbers as a line of their own.
fn chart(export: &Export, s: &Summary, points: &[Point]) -> Markup {
    let (width, height) = (680.0_f64, 210.0_f64);
    let (left, right, top, bottom) = (28.0, 8.0, 8.0, 26.0);
    let (plot_w, plot_h) = (width - left - right, height - top - bottom);
    let range = export.range();
    let days = (range.until - range.since).num_days().max(0) as f64;
    let x = |date: NaiveDate| left + plot_w * ((date - range.since).num_days() as f64) / days.max(1.0);
    let y = |alarm: u8| top + plot_h * (10.0 - f64::from(alarm)) / 10.0;
    let points = |period: Period| -> Vec<(f64, f64)> {
        points.iter().filter(|p| p.period == period).map(|p| (x(p.date), y(p.alarm))).collect()
    };
    let line = |pts: &[(f64, f64)]| pts.iter().map(|(px, py)| format!("{px:.1},{py:.1}")).collect::<Vec<_>>().join(" ");
    let (mornings, evenings) = (points(Period::Morning), points(Period::Evening));
    let own: Vec<(f64, f64)> = s
        .own_by_day
        .iter()
        .zip(s.window.since.iter_days())
        .filter_map(|(own, date)| own.map(|own| (x(date), y(own))))
        .collect();
    let sessions: Vec<f64> = export
        .sessions
        .iter()
        .map(|s| s.session.date)
        .filter(|&d| range.since <= d && d <= range.until)
        .map(x)
        .collect();
    let label_every = ((days / 7.0).ceil() as u64).max(1);
    let ticks: Vec<NaiveDate> = range.since.iter_days().take(days as usize + 1).step_by(label_every as usize).collect();
    html! {
        svg.chart viewBox={ "0 0 " (width) " " (height) } role="img" aria-label="Alarm levels over the window" {
            @for level in [0u8, 5, 10] {
                line x1=(left) x2=(width - right) y1=(y(level)) y2=(y(level)) stroke="#d9e2ec" stroke-width="1" {}
                text x=(left - 6.0) y=(y(level) + 4.0) font-size="10" text-anchor="end" fill="#52606d" { (level) }
            }
            @for date in &ticks {
                text x=(x(*date)) y=(height - 8.0) font-size="9.5" text-anchor="middle" fill="#52606d" { (day(*date)) }
            }
            @for sx in &sessions {
                line x1=(sx) x2=(sx) y1=(top) y2=(top + plot_h) stroke=(SESSION) stroke-width="1.2" stroke-dasharray="3 3" {}
            }
            polyline points=(line(&evenings)) fill="none" stroke=(EVENING) stroke-width="1.6" stroke-dasharray="5 3" {}
            @for (px, py) in &evenings {
                circle cx=(format!("{px:.1}")) cy=(format!("{py:.1}")) r="2.8" fill=(EVENING) {}
            }
            polyline points=(line(&mornings)) fill="none" stroke=(MORNING) stroke-width="2" {}
            @for (px, py) in &mornings {
                circle cx=(format!("{px:.1}")) cy=(format!("{py:.1}")) r="3.2" fill=(MORNING) {}
            }
            @if !own.is_empty() {
                polyline.own-line points=(line(&own)) fill="none" stroke=(OWN) stroke-width="1.8" stroke-dasharray="2 2" {}
                @for (px, py) in &own {
                    rect x=(format!("{:.1}", px - 3.0)) y=(format!("{:.1}", py - 3.0)) width="6" height="6" fill="white" stroke=(OWN) stroke-width="1.5" {}
                }
            }
        }
    }
}

fn school(s: &Summary) -> Markup {
    html! {
        section {
            h2 { "School" }
            ul {
                @for line in figures::school_lines(&s.school) {
                    li { (line) }
                }
            }
        }
    }
}

fn body_and_next_steps(s: &Summary) -> Markup {
    html! {
        section {
            h2 { "Body signals" }
            @if s.body.is_empty() {
                p { "None recorded." }
            } @else {
                ul {
                    @for b in s.body.iter().take(5) {
                        li { (b.text) " on " (b.count) " of " (figures::of_period(b.of, b.period)) }
                    }
                }
            }
            @if !s.next_steps.is_empty() {
                h2 { "Next small steps" }
                ul {
                    @for next in &s.next_steps {
                        li { (day(next.date)) ": " (next.text) }
                    }
                }
            }
        }
    }
}

fn helped(s: &Summary) -> Markup {
    html! {
        section {
            h2 { "What helped" }
            @if s.helped.is_empty() {
                p { "Nothing recorded." }
            } @else {
                table {
                    tr { th { "Strategy" } th { "Used on" } th { "Alarm with it and without" } }
                    @for h in &s.helped {
                        tr {
                            td { (h.text) }
                            td { (figures::of_period(h.uses, h.period)) }
                            td { (figures::helped_figure(h)) }
                        }
                    }
                }
                p.meta { (figures::helped_caveat()) }
            }
        }
    }
}

/// The ladder with what the child usually manages lately in bold, and the highest step
/// reached marked on its own: one brave day is not the whole ladder.
fn ladder(export: &Export, s: &Summary) -> Markup {
    let st = &s.steps;
    let usual = st.usual_lately.map_or(0, |u| u as usize);
    html! {
        section {
            h2 { "Brave steps" }
            @if export.steps().is_empty() && st.off_ladder.is_empty() {
                p { "No ladder set and no steps recorded." }
            } @else {
                ol.ladder {
                    @for (i, step) in export.steps().iter().enumerate() {
                        @let place = Some(i as u32 + 1);
                        li.reached[i < usual] {
                            (step.text)
                            @if st.usual_lately == place {
                                " — the usual step lately (" (figures::usual_lately_basis(st.usual_lately_n)) ")"
                            }
                            @if st.highest == place {
                                @if let Some(first) = st.first_reached {
                                    " — the highest reached (" (figures::times(st.highest_times)) "), first on " (day(first))
                                }
                            }
                        }
                    }
                }
                @for off in &st.off_ladder {
                    p { "Also reached: " (off.text) " (no longer on the ladder), first on " (day(off.first_reached)) "." }
                }
            }
        }
    }
}

fn notes(s: &Summary) -> Markup {
    html! {
        @if !s.notes.is_empty() {
            section {
                h2 { "Notes from the parent" }
                @for n in &s.notes {
                    p.note { strong { (day(n.date)) " " (n.period.name()) ": " } (n.text) }
                }
            }
        }
    }
}
