//! Pretty JSON written a piece at a time, so an export of decades never sits in memory
//! whole. The output is the same as serde_json's pretty printer would give for the whole
//! document.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::export::{Export, FORMAT_NAME, FORMAT_VERSION};
use crate::model::CheckIn;
use crate::summary::Summary;

use super::ExportWriter;

/// Writes `value` pretty-printed, every line after the first indented by `indent` spaces.
fn write_indented(out: &mut dyn Write, value: &impl Serialize, indent: usize) -> Result<()> {
    let text =
        serde_json::to_vec_pretty(value).map_err(|err| Error::failure(format!("could not write JSON: {err}")))?;
    let pad = " ".repeat(indent);
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

/// The top-level object of a document, written field by field.
#[derive(Default)]
pub struct ObjectWriter {
    fields: usize,
}

impl ObjectWriter {
    pub fn start(out: &mut dyn Write) -> Result<Self> {
        out.write_all(b"{")?;
        Ok(Self { fields: 0 })
    }

    fn key(&mut self, out: &mut dyn Write, name: &str) -> Result<()> {
        let separator: &[u8] = if self.fields == 0 { b"\n  " } else { b",\n  " };
        out.write_all(separator)?;
        write_indented(out, &name, 0)?;
        out.write_all(b": ")?;
        self.fields += 1;
        Ok(())
    }

    pub fn field(&mut self, out: &mut dyn Write, name: &str, value: &impl Serialize) -> Result<()> {
        self.key(out, name)?;
        write_indented(out, value, 2)
    }

    /// An array field whose elements are then pushed one at a time.
    pub fn array(&mut self, out: &mut dyn Write, name: &str) -> Result<ArrayWriter> {
        self.key(out, name)?;
        Ok(ArrayWriter { items: 0, indent: 4 })
    }

    pub fn finish(self, out: &mut dyn Write) -> Result<()> {
        out.write_all(b"\n}\n")?;
        Ok(())
    }
}

pub struct ArrayWriter {
    items: usize,
    /// How deep the elements are indented: 4 in a field of the top object, 2 at the top.
    indent: usize,
}

impl ArrayWriter {
    /// A document that is one array.
    pub fn top() -> Self {
        Self { items: 0, indent: 2 }
    }

    pub fn push(&mut self, out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
        let separator: &[u8] = if self.items == 0 { b"[\n" } else { b",\n" };
        out.write_all(separator)?;
        out.write_all(" ".repeat(self.indent).as_bytes())?;
        write_indented(out, value, self.indent)?;
        self.items += 1;
        Ok(())
    }

    pub fn close(self, out: &mut dyn Write) -> Result<()> {
        if self.items == 0 {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"\n")?;
            out.write_all(" ".repeat(self.indent - 2).as_bytes())?;
            out.write_all(b"]")?;
        }
        if self.indent == 2 {
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// The `srt-export` document: the check-ins are written as they come, the summary of
/// exactly those at the end.
pub struct JsonExport<'a> {
    out: &'a mut dyn Write,
    export: &'a Export,
    document: ObjectWriter,
    checkins: ArrayWriter,
}

impl<'a> JsonExport<'a> {
    pub fn start(export: &'a Export, out: &'a mut dyn Write) -> Result<Self> {
        let mut document = ObjectWriter::start(out)?;
        document.field(out, "format", &FORMAT_NAME)?;
        document.field(out, "version", &FORMAT_VERSION)?;
        document.field(out, "generated_at", &export.generated_at)?;
        document.field(out, "child", &export.shown_name())?;
        document.field(out, "range", &export.range())?;
        document.field(out, "concerns", &export.concerns)?;
        let checkins = document.array(out, "checkins")?;
        Ok(Self { out, export, document, checkins })
    }
}

impl ExportWriter for JsonExport<'_> {
    fn checkin(&mut self, checkin: &CheckIn) -> Result<()> {
        self.checkins.push(self.out, checkin)
    }

    fn finish(self: Box<Self>, summary: &Summary) -> Result<()> {
        let JsonExport { out, export, mut document, checkins } = *self;
        checkins.close(out)?;
        document.field(out, "sessions", &export.sessions)?;
        document.field(out, "steps", &export.steps())?;
        document.field(out, "summary", summary)?;
        document.finish(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pieces_give_what_the_pretty_printer_gives_for_the_whole() {
        let mut out = Vec::new();
        let mut object = ObjectWriter::start(&mut out).unwrap();
        object.field(&mut out, "format", &"srt-export").unwrap();
        object.field(&mut out, "range", &json!({"since": "2026-11-01", "until": "2026-11-02"})).unwrap();
        let mut array = object.array(&mut out, "checkins").unwrap();
        array.push(&mut out, &json!({"id": "a", "wins": ["x", "y"]})).unwrap();
        array.push(&mut out, &json!({"id": "b", "wins": []})).unwrap();
        array.close(&mut out).unwrap();
        object.array(&mut out, "sessions").unwrap().close(&mut out).unwrap();
        object.finish(&mut out).unwrap();
        let whole = json!({
            "format": "srt-export",
            "range": {"since": "2026-11-01", "until": "2026-11-02"},
            "checkins": [{"id": "a", "wins": ["x", "y"]}, {"id": "b", "wins": []}],
            "sessions": []
        });
        let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap());
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn a_top_level_array_too() {
        for items in [vec![], vec![json!({"a": [1, 2]}), json!("b")]] {
            let mut out = Vec::new();
            let mut array = ArrayWriter::top();
            for item in &items {
                array.push(&mut out, item).unwrap();
            }
            array.close(&mut out).unwrap();
            let expected = format!("{}\n", serde_json::to_string_pretty(&items).unwrap());
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
