//! A workbook of one sheet of text, written small: what a mapping grid read from a workbook is
//! saved back as.
//!
//! A full workbook writer (`rust_xlsxwriter`) brings styles, formats and a deflate compressor,
//! too much for the WebAssembly page; a grid needs none of that. Every cell is an inline
//! string (`t="inlineStr"`), so nothing a cell holds is ever read as a formula or a number,
//! and the parts are stored in the zip unpacked (a grid is kilobytes). The result is the
//! smallest workbook Excel, LibreOffice and calamine open: content types, the package's
//! relationships, the workbook, its relationships, and the sheet.
//!
//! The zip container is written here, not with the `zip` crate's writer: its writer chooses
//! the compression method at run time, so the deflate compressors (zopfli and zlib-rs) come
//! with it whatever method is asked for, and took the page's engine from 2,585,518 to
//! 3,083,267 bytes (`docs/performance.md`). A zip of stored entries is a few headers and a
//! CRC-32 (`crc32fast`, which the reader already uses).

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
    stored_zip(&parts)
}

/// The last-modified time of every entry: 1980-01-01 00:00, the earliest a zip can say, so
/// the same grid gives the same bytes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// A zip archive of the parts, each stored (not compressed), in order.
fn stored_zip(parts: &[(&str, String)]) -> std::io::Result<Vec<u8>> {
    let too_large = || std::io::Error::other("the workbook would be larger than a zip file holds");
    let u32_of = |n: usize| u32::try_from(n).map_err(|_| too_large());
    let u16_of = |n: usize| u16::try_from(n).map_err(|_| too_large());
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (path, text) in parts {
        let data = text.as_bytes();
        let crc = crc32fast::hash(data);
        let offset = u32_of(out.len())?;
        let size = u32_of(data.len())?;
        let name_len = u16_of(path.len())?;
        // Local file header.
        out.extend_from_slice(&0x0403_4b50_u32.to_le_bytes());
        for field in [20_u16, 0, 0, DOS_TIME, DOS_DATE] {
            out.extend_from_slice(&field.to_le_bytes());
        }
        for field in [crc, size, size] {
            out.extend_from_slice(&field.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0_u16.to_le_bytes());
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(data);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50_u32.to_le_bytes());
        for field in [20_u16, 20, 0, 0, DOS_TIME, DOS_DATE] {
            central.extend_from_slice(&field.to_le_bytes());
        }
        for field in [crc, size, size] {
            central.extend_from_slice(&field.to_le_bytes());
        }
        for field in [name_len, 0, 0, 0, 0] {
            central.extend_from_slice(&field.to_le_bytes());
        }
        central.extend_from_slice(&0_u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(path.as_bytes());
    }
    let entries = u16_of(parts.len())?;
    let central_offset = u32_of(out.len())?;
    let central_size = u32_of(central.len())?;
    out.extend_from_slice(&central);
    // End of the central directory.
    out.extend_from_slice(&0x0605_4b50_u32.to_le_bytes());
    for field in [0_u16, 0, entries, entries] {
        out.extend_from_slice(&field.to_le_bytes());
    }
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0_u16.to_le_bytes());
    Ok(out)
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
    fn the_parts_are_stored_in_a_zip_the_zip_crate_reads() {
        use std::io::Read;
        let rows = vec![
            vec!["module".to_string(), "unit".into()],
            vec!["M1".into(), "L<1>".into()],
        ];
        let bytes = write_sheet(Some("Year 1"), &rows).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.unwrap().to_string())
            .collect();
        assert_eq!(names.len(), 5);
        let mut sheet = archive.by_name("xl/worksheets/sheet1.xml").unwrap();
        assert_eq!(sheet.compression(), zip::CompressionMethod::Stored);
        let mut xml = String::new();
        sheet.read_to_string(&mut xml).unwrap();
        assert!(
            xml.contains(r#"<c r="B2" t="inlineStr"><is><t>L&lt;1&gt;</t></is></c>"#),
            "{xml}"
        );
        drop(sheet);
        let mut book = String::new();
        archive
            .by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut book)
            .unwrap();
        assert!(
            book.contains(r#"<sheet name="Year 1" sheetId="1" r:id="rId1"/>"#),
            "{book}"
        );
    }

    #[test]
    fn text_is_escaped_and_characters_xml_cannot_hold_are_left_out() {
        assert_eq!(xml_text("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
