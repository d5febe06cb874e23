//! Pretty JSON written a piece at a time, so an export of decades never sits in memory
//! whole. The output is the same as serde_json's pretty printer would give for the whole
//! document.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};

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

/// The top-level object of a document.
pub struct ObjectWriter<'w> {
    out: &'w mut dyn Write,
    fields: usize,
}

impl<'w> ObjectWriter<'w> {
    pub fn new(out: &'w mut dyn Write) -> Result<Self> {
        out.write_all(b"{")?;
        Ok(Self { out, fields: 0 })
    }

    fn key(&mut self, name: &str) -> Result<()> {
        let separator: &[u8] = if self.fields == 0 { b"\n  " } else { b",\n  " };
        self.out.write_all(separator)?;
        write_indented(self.out, &name, 0)?;
        self.out.write_all(b": ")?;
        self.fields += 1;
        Ok(())
    }

    pub fn field(&mut self, name: &str, value: &impl Serialize) -> Result<()> {
        self.key(name)?;
        write_indented(self.out, value, 2)
    }

    /// An array field whose elements `fill` writes one at a time.
    pub fn array(&mut self, name: &str, fill: impl FnOnce(&mut ArrayWriter) -> Result<()>) -> Result<()> {
        self.key(name)?;
        let mut array = ArrayWriter { out: &mut *self.out, items: 0, indent: 4 };
        fill(&mut array)?;
        array.close()
    }

    pub fn finish(self) -> Result<()> {
        self.out.write_all(b"\n}\n")?;
        Ok(())
    }
}

pub struct ArrayWriter<'a> {
    out: &'a mut dyn Write,
    items: usize,
    /// How deep the elements are indented: 4 in a field of the top object, 2 at the top.
    indent: usize,
}

impl ArrayWriter<'_> {
    pub fn push(&mut self, value: &impl Serialize) -> Result<()> {
        let separator: &[u8] = if self.items == 0 { b"[\n" } else { b",\n" };
        self.out.write_all(separator)?;
        self.out.write_all(" ".repeat(self.indent).as_bytes())?;
        write_indented(self.out, value, self.indent)?;
        self.items += 1;
        Ok(())
    }

    fn close(self) -> Result<()> {
        if self.items == 0 {
            self.out.write_all(b"[]")?;
        } else {
            self.out.write_all(b"\n")?;
            self.out.write_all(" ".repeat(self.indent - 2).as_bytes())?;
            self.out.write_all(b"]")?;
        }
        Ok(())
    }
}

/// A document that is one array, its elements written by `fill` one at a time.
pub fn write_array(out: &mut dyn Write, fill: impl FnOnce(&mut ArrayWriter) -> Result<()>) -> Result<()> {
    let mut array = ArrayWriter { out: &mut *out, items: 0, indent: 2 };
    fill(&mut array)?;
    array.close()?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The `srt-export` document: the check-ins are written as they are read, and the summary
/// at the end is of exactly those check-ins.
pub fn write_export(export: &crate::export::Export, out: &mut dyn Write) -> Result<()> {
    use crate::export::{FORMAT_NAME, FORMAT_VERSION};
    let mut document = ObjectWriter::new(out)?;
    document.field("format", &FORMAT_NAME)?;
    document.field("version", &FORMAT_VERSION)?;
    document.field("generated_at", &export.generated_at)?;
    document.field("child", &export.shown_name())?;
    document.field("range", &export.range())?;
    let mut summariser = export.summariser();
    document.array("checkins", |checkins| {
        export.for_each_checkin(|checkin| {
            checkins.push(&checkin)?;
            summariser.add(checkin);
            Ok(())
        })
    })?;
    document.field("sessions", &export.sessions)?;
    document.field("steps", &export.steps())?;
    document.field("summary", &summariser.finish())?;
    document.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pieces_give_what_the_pretty_printer_gives_for_the_whole() {
        let mut out = Vec::new();
        let mut object = ObjectWriter::new(&mut out).unwrap();
        object.field("format", &"srt-export").unwrap();
        object.field("range", &json!({"since": "2026-11-01", "until": "2026-11-02"})).unwrap();
        object
            .array("checkins", |array| {
                array.push(&json!({"id": "a", "wins": ["x", "y"]}))?;
                array.push(&json!({"id": "b", "wins": []}))
            })
            .unwrap();
        object.array("sessions", |_| Ok(())).unwrap();
        object.finish().unwrap();
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
            write_array(&mut out, |array| items.iter().try_for_each(|i| array.push(i))).unwrap();
            let expected = format!("{}\n", serde_json::to_string_pretty(&items).unwrap());
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
