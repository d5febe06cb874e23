//! Turning records into what a person or a program reads. Renderers are handed data (a
//! finished summary, check-ins one at a time), never the journal.

use crate::error::Result;
use crate::model::CheckIn;
use crate::summary::Summary;

pub mod csv;
pub mod fhir;
pub mod figures;
pub mod html;
pub mod json;
pub mod summary;
pub mod text;

/// One export format: it is handed the exported check-ins one at a time, in order, and
/// then the summary of exactly those.
pub trait ExportWriter {
    fn checkin(&mut self, checkin: &CheckIn) -> Result<()>;
    fn finish(self: Box<Self>, summary: &Summary) -> Result<()>;
}

/// An average as people read it: one decimal, halves rounded up (7.25 is 7.3).
pub fn one_decimal(value: f64) -> String {
    format!("{:.1}", (value * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_round_halves_up() {
        assert_eq!(one_decimal(7.25), "7.3");
        assert_eq!(one_decimal(5.0), "5.0");
        assert_eq!(one_decimal(27.0 / 7.0), "3.9");
    }
}
