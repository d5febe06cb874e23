//! One row per check-in, for spreadsheets (RFC 4180 quoting, by the csv crate). Open
//! safety concerns come first, each a row of its own whose period is "safety concern" and
//! whose note holds the words (empty in a redacted export): the same columns, so a
//! spreadsheet or a script reading the file sees nothing new but a period it can filter on,
//! and a person opening it sees the concerns before anything else.

use std::io::Write;

use crate::error::{Error, Result};
use crate::export::Export;
use crate::model::{CheckIn, ConcernStatus};
use crate::summary::Summary;

use super::ExportWriter;

/// The columns; those added later are at the end, so a reader of the older columns keeps
/// working.
const HEADER: [&str; 24] = [
    "id",
    "child",
    "date",
    "period",
    "created_at",
    "updated_at",
    "alarm",
    "peak_alarm",
    "body",
    "helped",
    "wins",
    "school",
    "school_reason",
    "school_in",
    "school_out",
    "school_lessons_attended",
    "school_lessons_of",
    "step",
    "next_step",
    "note",
    "recorded_by",
    "own_rating",
    "parent_calm",
    "for_me",
];

/// The period of a safety concern's row.
pub const CONCERN_PERIOD: &str = "safety concern";

/// List fields are joined with this.
pub const LIST_SEPARATOR: &str = "; ";

/// Text a parent typed, made safe to open in a spreadsheet: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be run as a formula there (OWASP's
/// "CSV injection"), so it gets a leading `'`, which spreadsheets read as "this is text".
fn inert(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text }
}

/// One row per check-in, after a header.
pub struct Csv<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
}

fn failed(err: csv::Error) -> Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => Error::from(err),
        other => Error::failure(format!("could not write the CSV: {other:?}")),
    }
}

impl<'a> Csv<'a> {
    /// The header, then a row for each open safety concern of the export, oldest first.
    pub fn start(export: &Export, out: &'a mut dyn Write) -> Result<Self> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(HEADER).map_err(failed)?;
        let mut csv = Self { writer };
        for concern in export.concerns.iter().filter(|c| c.status == ConcernStatus::Open) {
            let mut row: [String; HEADER.len()] = Default::default();
            let mut set = |column: &str, value: String| {
                let at = HEADER.iter().position(|&c| c == column).expect("a column of the header");
                row[at] = value;
            };
            set("id", concern.id.clone());
            set("child", inert(concern.child.clone()));
            set("date", concern.date.to_string());
            set("period", CONCERN_PERIOD.to_string());
            set("created_at", concern.created_at.to_rfc3339());
            set("updated_at", concern.updated_at.to_rfc3339());
            set("note", inert(concern.text.clone().unwrap_or_default()));
            set("recorded_by", inert(concern.recorded_by.clone().unwrap_or_default()));
            csv.writer.write_record(&row).map_err(failed)?;
        }
        Ok(csv)
    }
}

impl ExportWriter for Csv<'_> {
    fn checkin(&mut self, c: &CheckIn) -> Result<()> {
        let or_empty = |value: Option<String>| value.unwrap_or_default();
        self.writer
            .write_record([
                c.id.clone(),
                inert(c.child.clone()),
                c.date.to_string(),
                c.period.name().to_string(),
                c.created_at.to_rfc3339(),
                c.updated_at.to_rfc3339(),
                c.alarm.to_string(),
                or_empty(c.peak_alarm.map(|p| p.to_string())),
                inert(c.body.join(LIST_SEPARATOR)),
                inert(c.helped.join(LIST_SEPARATOR)),
                inert(c.wins.join(LIST_SEPARATOR)),
                or_empty(c.school.map(|s| s.outcome.name().to_string())),
                or_empty(c.school.and_then(|s| s.reason).map(|r| r.name().to_string())),
                or_empty(c.school.and_then(|s| s.time_in).map(|t| t.format("%H:%M").to_string())),
                or_empty(c.school.and_then(|s| s.time_out).map(|t| t.format("%H:%M").to_string())),
                // Two numbers, not "2/6", which a spreadsheet would take for a date.
                or_empty(c.school.and_then(|s| s.lessons).map(|l| l.attended.to_string())),
                or_empty(c.school.and_then(|s| s.lessons).map(|l| l.of.to_string())),
                inert(or_empty(c.step.as_ref().map(|s| s.text.clone()))),
                inert(or_empty(c.next_step.clone())),
                inert(c.note.clone()),
                inert(or_empty(c.recorded_by.clone())),
                or_empty(c.own_rating.map(|n| n.to_string())),
                or_empty(c.parent_calm.map(|n| n.to_string())),
                inert(c.for_me.join(LIST_SEPARATOR)),
            ])
            .map_err(failed)
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn text_that_a_spreadsheet_would_run_is_kept_as_text() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(formula.to_string()), format!("'{formula}"));
        }
        for plain in ["walked to the gate", "a = b", "", "'quoted'", "3 - 2"] {
            assert_eq!(inert(plain.to_string()), plain);
        }
    }
}
