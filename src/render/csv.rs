//! One row per check-in, for spreadsheets (RFC 4180 quoting, by the csv crate).

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::CheckIn;
use crate::summary::Summary;

use super::ExportWriter;

const HEADER: [&str; 20] = [
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
];

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
    pub fn start(out: &'a mut dyn Write) -> Result<Self> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(HEADER).map_err(failed)?;
        Ok(Self { writer })
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
