//! A FHIR R4 `Bundle` (type `collection`): the child as a `Patient` and one `Observation`
//! per rating (each check-in's alarm, and the evening's peak alarm).
//!
//! No standard code fits a parent-rated 0-10 alarm scale, so `code` is text only, as FHIR
//! allows; the category is the standard "survey".

use std::io::Write;

use serde_json::{Value, json};
use uuid::Uuid;

use super::ExportWriter;
use super::json::{ArrayWriter, ObjectWriter};
use crate::error::Result;
use crate::export::Export;
use crate::model::{CheckIn, Period};
use crate::summary::Summary;

/// Ids made from srt's own, so the same export always gives the same bundle.
fn stable_id(parts: &[&str]) -> String {
    Uuid::new_v5(&Uuid::NAMESPACE_OID, parts.join("/").as_bytes()).to_string()
}

/// The bundle, its observations written as the check-ins come.
pub struct Fhir<'a> {
    out: &'a mut dyn Write,
    bundle: ObjectWriter,
    entries: ArrayWriter,
    patient_url: String,
}

impl<'a> Fhir<'a> {
    pub fn start(export: &Export, out: &'a mut dyn Write) -> Result<Self> {
        let patient_id = export.child_id.clone();
        let patient_url = format!("urn:uuid:{patient_id}");
        let range = export.range();
        let mut bundle = ObjectWriter::start(out)?;
        bundle.field(out, "resourceType", &"Bundle")?;
        let id = stable_id(&["bundle", &patient_id, &range.since.to_string(), &range.until.to_string()]);
        bundle.field(out, "id", &id)?;
        bundle.field(out, "type", &"collection")?;
        bundle.field(out, "timestamp", &export.generated_at.to_rfc3339())?;
        let mut entries = bundle.array(out, "entry")?;
        entries.push(
            out,
            &json!({
                "fullUrl": patient_url,
                "resource": {"resourceType": "Patient", "id": patient_id, "name": [{"text": export.shown_name()}]}
            }),
        )?;
        Ok(Self { out, bundle, entries, patient_url })
    }
}

impl ExportWriter for Fhir<'_> {
    fn checkin(&mut self, checkin: &CheckIn) -> Result<()> {
        self.entries
            .push(self.out, &observation(checkin, &self.patient_url, "alarm", checkin.alarm, notes(checkin)))?;
        match checkin.peak_alarm {
            Some(peak) => {
                self.entries.push(self.out, &observation(checkin, &self.patient_url, "peak", peak, Vec::new()))
            }
            None => Ok(()),
        }
    }

    fn finish(self: Box<Self>, _summary: &Summary) -> Result<()> {
        let Fhir { out, bundle, entries, .. } = *self;
        entries.close(out)?;
        bundle.finish(out)
    }
}

fn observation(checkin: &CheckIn, patient_url: &str, rating: &str, value: u8, notes: Vec<Value>) -> Value {
    let id = stable_id(&["observation", &checkin.id, rating]);
    let what = match (rating, checkin.period) {
        ("peak", _) => "highest alarm level that day",
        (_, Period::Morning) => "alarm level, morning check-in",
        (_, Period::Evening) => "alarm level, evening check-in",
    };
    let mut resource = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey"
        }]}],
        "code": {"text": format!("Parent-rated child {what} (0 calm to 10 overwhelmed)")},
        "subject": {"reference": patient_url},
        "effectiveDateTime": effective(checkin),
        "valueInteger": value,
    });
    if !notes.is_empty() {
        resource["note"] = Value::Array(notes);
    }
    json!({"fullUrl": format!("urn:uuid:{id}"), "resource": resource})
}

/// When the rating was true: the moment it was first written, when that was on the day it
/// is about; for a day filled in later, that day (a FHIR date without a time). Editing a
/// check-in later never moves it.
fn effective(checkin: &CheckIn) -> String {
    if checkin.created_at.date_naive() == checkin.date {
        checkin.created_at.to_rfc3339()
    } else {
        checkin.date.to_string()
    }
}

fn notes(checkin: &CheckIn) -> Vec<Value> {
    let mut notes = Vec::new();
    let mut add = |label: &str, items: &[String]| {
        if !items.is_empty() {
            notes.push(json!({"text": format!("{label}: {}", items.join("; "))}));
        }
    };
    add("Small wins", &checkin.wins);
    add("What helped", &checkin.helped);
    add("Body signals", &checkin.body);
    if !checkin.note.is_empty() {
        notes.push(json!({"text": checkin.note}));
    }
    notes
}
