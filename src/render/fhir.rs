//! A FHIR R4 `Bundle` (type `collection`): each open safety concern as a `Flag`, first;
//! the child as a `Patient`; and one `Observation` per rating: each check-in's alarm (the
//! parent's rating, performed by whoever recorded it), the evening's peak alarm, the
//! child's own number (performed by the child) and the parent's own calm (performed by
//! the parent).
//!
//! No standard code fits these 0-10 scales, so `code` is text only, as FHIR allows, a
//! different text for each scale; the category is the standard "survey".

use std::io::Write;

use serde_json::{Value, json};
use uuid::Uuid;

use super::ExportWriter;
use super::json::{ArrayWriter, ObjectWriter};
use crate::error::Result;
use crate::export::Export;
use crate::model::{CheckIn, ConcernEntry, ConcernStatus, Period};
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
        for concern in export.concerns.iter().filter(|c| c.status == ConcernStatus::Open) {
            entries.push(out, &flag(concern, &patient_url))?;
        }
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
        let patient = &self.patient_url;
        self.entries.push(self.out, &observation(checkin, patient, Rating::Alarm, checkin.alarm, notes(checkin)))?;
        let others = [
            (Rating::Peak, checkin.peak_alarm),
            (Rating::Own, checkin.own_rating),
            (Rating::ParentCalm, checkin.parent_calm),
        ];
        for (rating, value) in others {
            if let Some(value) = value {
                self.entries.push(self.out, &observation(checkin, patient, rating, value, Vec::new()))?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _summary: &Summary) -> Result<()> {
        let Fhir { out, bundle, entries, .. } = *self;
        entries.close(out)?;
        bundle.finish(out)
    }
}

/// What an observation rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rating {
    /// The parent's rating of the child's alarm at the check-in.
    Alarm,
    /// The day's highest alarm, said in the evening.
    Peak,
    /// The child's own number.
    Own,
    /// How calm the parent felt.
    ParentCalm,
}

impl Rating {
    /// The part of the observation's id that tells it from the check-in's others.
    fn key(self) -> &'static str {
        match self {
            Rating::Alarm => "alarm",
            Rating::Peak => "peak",
            Rating::Own => "own",
            Rating::ParentCalm => "parent-calm",
        }
    }

    fn code_text(self, period: Period) -> String {
        let at = match period {
            Period::Morning => "morning check-in",
            Period::Evening => "evening check-in",
        };
        match self {
            Rating::Alarm => format!("Parent-rated child alarm level, {at} (0 calm to 10 overwhelmed)"),
            Rating::Peak => "Parent-rated child highest alarm level that day (0 calm to 10 overwhelmed)".to_string(),
            Rating::Own => format!("Child's own rating of their worry, {at} (0 calm to 10 the most worried)"),
            Rating::ParentCalm => {
                format!("Parent's own calm, as they said, {at} (0 not calm at all to 10 completely calm)")
            }
        }
    }
}

fn observation(checkin: &CheckIn, patient_url: &str, rating: Rating, value: u8, notes: Vec<Value>) -> Value {
    let id = stable_id(&["observation", &checkin.id, rating.key()]);
    let mut resource = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey"
        }]}],
        "code": {"text": rating.code_text(checkin.period)},
        "subject": {"reference": patient_url},
        "effectiveDateTime": effective(checkin),
        "valueInteger": value,
    });
    // The child rates their own number; the parent who recorded the check-in rates the rest
    // (unnamed when they did not say who they are).
    let performer = match rating {
        Rating::Own => Some(json!({"reference": patient_url})),
        _ => checkin.recorded_by.as_ref().map(|name| json!({"display": name})),
    };
    if let Some(performer) = performer {
        resource["performer"] = json!([performer]);
    }
    if !notes.is_empty() {
        resource["note"] = Value::Array(notes);
    }
    json!({"fullUrl": format!("urn:uuid:{id}"), "resource": resource})
}

/// An open safety concern as a `Flag` on the child's record, from the day it was said or
/// seen; its words only when the export is not redacted.
fn flag(concern: &ConcernEntry, patient_url: &str) -> Value {
    let id = stable_id(&["flag", &concern.id]);
    let text = match &concern.text {
        Some(words) => format!("Safety concern noted by a parent: {words}"),
        None => "Safety concern noted by a parent".to_string(),
    };
    let mut resource = json!({
        "resourceType": "Flag",
        "id": id,
        "status": "active",
        "code": {"text": text},
        "subject": {"reference": patient_url},
        "period": {"start": concern.date.to_string()},
    });
    if let Some(name) = &concern.recorded_by {
        resource["author"] = json!({"display": name});
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
    add("What happened for the parent", &checkin.for_me);
    if !checkin.note.is_empty() {
        notes.push(json!({"text": checkin.note}));
    }
    notes
}
