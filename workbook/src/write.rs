//! A workbook of one sheet of text, written small: what a mapping grid read from a workbook is
//! saved back as.
//!
//! A full workbook writer (`rust_xlsxwriter`) brings styles, formats and a deflate compressor,
//! too much for the WebAssembly page; a grid needs none of that. Every cell is an inline
//! string (`t="inlineStr"`), so nothing a cell holds is ever read as a formula or a number,
//! and the parts are stored in the zip unpacked (a grid is kilobytes). The result is the
//! smallest workbook Excel, LibreOffice and calamine open: content types, the package's
//! relationships, the workbook, its relationships, and the sheet.

use std::io::{Cursor, Write};

use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use crate::column_letters;

/// The name a sheet is given when the one asked for cannot name a sheet.
pub const DEFAULT_SHEET: &str = "Mapping";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// A sheet name as Excel allows it: 1 to 31 characters, none of `[ ] : * ? / \`, not starting
/// or ending with `'`, and not `History`. Any other name gives [`DEFAULT_SHEET`].
pub fn sheet_name(wanted: Option<&str>) -> &str {
    match wanted {
        Some(name)
            if !name.trim().is_empty()
                && name.chars().count() <= 31
                && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
                && !name.starts_with('\'')
                && !name.ends_with('\'')
                && !name.eq_ignore_ascii_case("history")
                && !name.chars().any(char::is_control) =>
        {
            name
        }
        _ => DEFAULT_SHEET,
    }
}

/// Text as XML character data: `&`, `<`, `>` and quotes escaped, and the characters XML 1.0
/// cannot hold at all (control characters other than tab, line feed and carriage return)
/// left out.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn sheet_xml(rows: &[Vec<String>]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        let number = r + 1;
        xml.push_str(&format!(r#"<row r="{number}">"#));
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let reference = format!("{}{number}", column_letters(c + 1));
            // Space at either end is kept only when the text says so.
            let space = if cell.trim() == cell {
                ""
            } else {
                r#" xml:space="preserve""#
            };
            xml.push_str(&format!(
                r#"<c r="{reference}" t="inlineStr"><is><t{space}>{}</t></is></c>"#,
                xml_text(cell)
            ));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// A workbook (XLSX) of one sheet holding `rows` as text, the first row first; an empty cell
/// is left out. `sheet` names the sheet where it is a name Excel allows ([`sheet_name`]).
pub fn write_sheet(sheet: Option<&str>, rows: &[Vec<String>]) -> std::io::Result<Vec<u8>> {
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        xml_text(sheet_name(sheet))
    );
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_string()),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows)),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Stored, not deflated: a grid is small, and the page's engine then carries no compressor.
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (path, text) in parts {
        zip.start_file(path, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn sheet_names_excel_refuses_become_the_default() {
        assert_eq!(sheet_name(Some("Year 1")), "Year 1");
        assert_eq!(sheet_name(None), DEFAULT_SHEET);
        assert_eq!(sheet_name(Some("")), DEFAULT_SHEET);
        assert_eq!(sheet_name(Some("a/b")), DEFAULT_SHEET);
        assert_eq!(sheet_name(Some("History")), DEFAULT_SHEET);
        assert_eq!(sheet_name(Some(&"x".repeat(32))), DEFAULT_SHEET);
    }

    #[test]
    fn text_is_escaped_and_characters_xml_cannot_hold_are_left_out() {
        assert_eq!(xml_text("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
