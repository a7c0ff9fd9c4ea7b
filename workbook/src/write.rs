//! Workbooks written small: the one XLSX writer of the workspace. It writes a mapping grid
//! saved back from a workbook (one sheet of text, [`write_sheet`]) and every report waypost
//! writes as a workbook (several sheets, [`Book`]).
//!
//! A full workbook writer brings every format Excel has, charts and a deflate compressor: too
//! much for the WebAssembly page (`rust_xlsxwriter` added about 200 KB gzipped to it). A report
//! needs little: text and numbers, a small fixed set of looks ([`Style`]: a bold header, wrapped
//! text, a title, and the heatmap's shades as fills written on each cell, not as conditional
//! formats), Excel's quote prefix on a text that would run as a formula once edited, column
//! widths, frozen header panes and a filter on the header row. Text is written as inline
//! strings (`t="inlineStr"`), so nothing a cell holds is ever read as a formula or a number,
//! and the parts are stored in the zip unpacked (a report is kilobytes to a few megabytes).
//!
//! The zip container is written here, not with the `zip` crate's writer: its writer chooses
//! the compression method at run time, so the deflate compressors (zopfli and zlib-rs) come
//! with it whatever method is asked for, and took the page's engine from 2,585,518 to
//! 3,083,267 bytes (`docs/performance.md`). A zip of stored entries is a few headers and a
//! CRC-32 (`crc32fast`, which the reader already uses).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::column_letters;

/// The name a sheet is given when the one asked for cannot name a sheet.
pub const DEFAULT_SHEET: &str = "Mapping";

/// How a cell looks: one of the few looks a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// As a spreadsheet shows any cell.
    #[default]
    Plain,
    /// A header: bold, with a thin line below.
    Header,
    /// Text wrapped within the column's width.
    Wrap,
    /// A sheet's title: bold and larger (14 points).
    Title,
    /// Filled with a colour (`0xRRGGBB`), with white text where `light_text` (on the darkest
    /// shade of a heatmap).
    Fill {
        /// The colour, as `0xRRGGBB`.
        rgb: u32,
        /// Whether the text is white.
        light_text: bool,
    },
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(f64),
    Blank,
}

#[derive(Debug, Clone, PartialEq)]
struct Cell {
    value: Value,
    style: Style,
    quote: bool,
}

/// One sheet of a [`Book`]: cells by row and column (both 0-based), and how the sheet is shown.
#[derive(Debug, Clone, Default)]
pub struct SheetWriter {
    name: String,
    cells: BTreeMap<(u32, u16), Cell>,
    widths: BTreeMap<u16, f64>,
    freeze: Option<(u32, u16)>,
    filter: Option<(u32, u16, u32, u16)>,
}

impl SheetWriter {
    /// A sheet named `name` (made a name Excel allows when the workbook is written).
    pub fn new(name: impl Into<String>) -> SheetWriter {
        SheetWriter {
            name: name.into(),
            ..SheetWriter::default()
        }
    }

    /// Writes a text. With `quote`, the cell gets Excel's quote prefix, the mark a typed
    /// leading `'` leaves: it shows the text as it is and stays text when edited. An empty
    /// text leaves the cell blank (with its style, if it has one).
    pub fn text(&mut self, row: u32, column: u16, text: &str, style: Style, quote: bool) {
        let value = if text.is_empty() {
            Value::Blank
        } else {
            Value::Text(text.to_string())
        };
        self.cells.insert(
            (row, column),
            Cell {
                value,
                style,
                quote: quote && !text.is_empty(),
            },
        );
    }

    /// Writes a number (one that is not finite leaves the cell blank).
    pub fn number(&mut self, row: u32, column: u16, number: f64, style: Style) {
        let value = if number.is_finite() {
            Value::Number(number)
        } else {
            Value::Blank
        };
        self.cells.insert(
            (row, column),
            Cell {
                value,
                style,
                quote: false,
            },
        );
    }

    /// Sets a column's width, in characters of the default font.
    pub fn column_width(&mut self, column: u16, width: f64) {
        self.widths.insert(column, width);
    }

    /// Keeps the first `rows` rows and `columns` columns in view as the sheet scrolls.
    pub fn freeze(&mut self, rows: u32, columns: u16) {
        self.freeze = Some((rows, columns));
    }

    /// Puts a filter on the area's first row (its header), for sorting and filtering.
    pub fn filter(&mut self, first_row: u32, first_column: u16, last_row: u32, last_column: u16) {
        self.filter = Some((first_row, first_column, last_row, last_column));
    }
}

/// A workbook of several sheets, written by [`Book::to_bytes`].
#[derive(Debug, Clone, Default)]
pub struct Book {
    sheets: Vec<SheetWriter>,
}

impl Book {
    /// An empty workbook.
    pub fn new() -> Book {
        Book::default()
    }

    /// Adds a sheet after those added before.
    pub fn push(&mut self, sheet: SheetWriter) {
        self.sheets.push(sheet);
    }

    /// The workbook as XLSX bytes. Sheet names are made names Excel allows, each once
    /// ([`sheet_names`]); a workbook of no sheets gets one empty sheet, as Excel needs one.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let empty = [SheetWriter::new(DEFAULT_SHEET)];
        let sheets: &[SheetWriter] = if self.sheets.is_empty() {
            &empty
        } else {
            &self.sheets
        };
        let names = sheet_names(sheets.iter().map(|s| s.name.as_str()));
        let mut styles = Styles::default();
        let mut parts: Vec<(String, String)> = Vec::with_capacity(sheets.len() + 5);
        let sheet_xml: Vec<String> = sheets
            .iter()
            .enumerate()
            .map(|(i, s)| sheet_xml(s, i == 0, &mut styles))
            .collect();
        parts.push((
            "[Content_Types].xml".to_string(),
            content_types(sheets.len()),
        ));
        parts.push(("_rels/.rels".to_string(), PACKAGE_RELS.to_string()));
        parts.push(("xl/workbook.xml".to_string(), workbook_xml(sheets, &names)));
        parts.push((
            "xl/_rels/workbook.xml.rels".to_string(),
            workbook_rels(sheets.len()),
        ));
        parts.push(("xl/styles.xml".to_string(), styles.xml()));
        for (i, xml) in sheet_xml.into_iter().enumerate() {
            parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), xml));
        }
        stored_zip(&parts)
    }
}

/// A sheet name as Excel allows it: 1 to 31 characters, none of `[ ] : * ? / \`, not starting
/// or ending with `'`, and not `History`. Any other name gives [`DEFAULT_SHEET`].
pub fn sheet_name(wanted: Option<&str>) -> &str {
    match wanted {
        Some(name) if is_sheet_name(name) => name,
        _ => DEFAULT_SHEET,
    }
}

fn is_sheet_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.chars().count() <= 31
        && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
        && !name.starts_with('\'')
        && !name.ends_with('\'')
        && !name.eq_ignore_ascii_case("history")
        && !name.chars().any(char::is_control)
}

/// The names the sheets are written under: each wanted name without the characters Excel
/// refuses in one and cut to 31 characters (`Sheet 2` for the second sheet where nothing is
/// left), and a name already taken (Excel ignores case) followed by ` 2`, ` 3`, ….
pub fn sheet_names<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, name) in wanted.into_iter().enumerate() {
        let cleaned: String = name
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') && !c.is_control())
            .take(31)
            .collect();
        let cleaned = cleaned.trim_matches('\'');
        let base = if cleaned.trim().is_empty() || cleaned.eq_ignore_ascii_case("history") {
            format!("Sheet {}", i + 1)
        } else {
            cleaned.to_string()
        };
        let taken = |n: &str| names.iter().any(|m| m.to_lowercase() == n.to_lowercase());
        let mut chosen = base.clone();
        let mut n = 2;
        while taken(&chosen) {
            let suffix = format!(" {n}");
            let room = 31_usize.saturating_sub(suffix.chars().count());
            chosen = base.chars().take(room).collect::<String>() + &suffix;
            n += 1;
        }
        names.push(chosen);
    }
    names
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

/// The cell formats a workbook uses, numbered in the order first needed (0 is the plain one),
/// and the fills they need.
#[derive(Debug, Default)]
struct Styles {
    formats: Vec<(Style, bool)>,
    fills: Vec<u32>,
}

/// The fonts: the default, bold, the title's, white text.
const FONTS: &str = r#"<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font><font><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>"#;

/// The borders: none, a thin line below.
const BORDERS: &str = r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#;

impl Styles {
    /// The number of a cell's format, added where it is new.
    fn index(&mut self, style: Style, quote: bool) -> usize {
        if style == Style::Plain && !quote {
            return 0;
        }
        if let Some(i) = self.formats.iter().position(|f| *f == (style, quote)) {
            return i + 1;
        }
        if let Style::Fill { rgb, .. } = style
            && !self.fills.contains(&rgb)
        {
            self.fills.push(rgb);
        }
        self.formats.push((style, quote));
        self.formats.len()
    }

    fn xml(&self) -> String {
        let mut xml = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        );
        xml.push_str(FONTS);
        let _ = write!(
            xml,
            r#"<fills count="{}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
            self.fills.len() + 2
        );
        for rgb in &self.fills {
            let _ = write!(
                xml,
                r#"<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb:06X}"/><bgColor indexed="64"/></patternFill></fill>"#
            );
        }
        xml.push_str("</fills>");
        xml.push_str(BORDERS);
        xml.push_str(r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#);
        let _ = write!(
            xml,
            r#"<cellXfs count="{}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
            self.formats.len() + 1
        );
        for (style, quote) in &self.formats {
            let (font, fill, border) = match style {
                Style::Plain | Style::Wrap => (0, 0, 0),
                Style::Header => (1, 0, 1),
                Style::Title => (2, 0, 0),
                Style::Fill { rgb, light_text } => (
                    if *light_text { 3 } else { 0 },
                    self.fills
                        .iter()
                        .position(|f| f == rgb)
                        .map_or(0, |i| i + 2),
                    0,
                ),
            };
            let _ = write!(
                xml,
                r#"<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0""#
            );
            if font != 0 {
                xml.push_str(r#" applyFont="1""#);
            }
            if fill != 0 {
                xml.push_str(r#" applyFill="1""#);
            }
            if border != 0 {
                xml.push_str(r#" applyBorder="1""#);
            }
            if *quote {
                xml.push_str(r#" quotePrefix="1""#);
            }
            if *style == Style::Wrap {
                xml.push_str(r#" applyAlignment="1"><alignment wrapText="1"/></xf>"#);
            } else {
                xml.push_str("/>");
            }
        }
        xml.push_str(r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#);
        xml
    }
}

/// A cell's reference (`C4`) from its 0-based row and column.
fn reference(row: u32, column: u16) -> String {
    format!(
        "{}{}",
        column_letters(usize::from(column) + 1),
        u64::from(row) + 1
    )
}

/// A column's width as Excel stores it: characters of the default font's widest digit (7
/// pixels) plus its 5 pixels of padding, in 256ths of a character.
fn stored_width(width: f64) -> f64 {
    ((width.max(0.0) * 7.0 + 5.0) / 7.0 * 256.0).floor() / 256.0
}

fn sheet_xml(sheet: &SheetWriter, first: bool, styles: &mut Styles) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    );
    // The area the cells span, as Excel writes it first.
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u16::MAX, 0, 0);
    for (row, column) in sheet.cells.keys() {
        top = top.min(*row);
        bottom = bottom.max(*row);
        left = left.min(*column);
        right = right.max(*column);
    }
    if sheet.cells.is_empty() {
        xml.push_str(r#"<dimension ref="A1"/>"#);
    } else if (top, left) == (bottom, right) {
        let _ = write!(xml, r#"<dimension ref="{}"/>"#, reference(top, left));
    } else {
        let _ = write!(
            xml,
            r#"<dimension ref="{}:{}"/>"#,
            reference(top, left),
            reference(bottom, right)
        );
    }
    let selected = if first { r#" tabSelected="1""# } else { "" };
    match sheet.freeze {
        Some((rows, columns)) if rows > 0 || columns > 0 => {
            let pane = match (rows > 0, columns > 0) {
                (true, true) => "bottomRight",
                (true, false) => "bottomLeft",
                _ => "topRight",
            };
            let _ = write!(
                xml,
                r#"<sheetViews><sheetView{selected} workbookViewId="0"><pane"#
            );
            if columns > 0 {
                let _ = write!(xml, r#" xSplit="{columns}""#);
            }
            if rows > 0 {
                let _ = write!(xml, r#" ySplit="{rows}""#);
            }
            let _ = write!(
                xml,
                r#" topLeftCell="{}" activePane="{pane}" state="frozen"/><selection pane="{pane}"/></sheetView></sheetViews>"#,
                reference(rows, columns)
            );
        }
        _ => {
            let _ = write!(
                xml,
                r#"<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>"#
            );
        }
    }
    if !sheet.widths.is_empty() {
        xml.push_str("<cols>");
        for (column, width) in &sheet.widths {
            let n = u32::from(*column) + 1;
            let _ = write!(
                xml,
                r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
                stored_width(*width)
            );
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    let mut row_open: Option<u32> = None;
    for ((row, column), cell) in &sheet.cells {
        if row_open != Some(*row) {
            if row_open.is_some() {
                xml.push_str("</row>");
            }
            let _ = write!(xml, r#"<row r="{}">"#, u64::from(*row) + 1);
            row_open = Some(*row);
        }
        let r = reference(*row, *column);
        let s = match styles.index(cell.style, cell.quote) {
            0 => String::new(),
            i => format!(r#" s="{i}""#),
        };
        match &cell.value {
            Value::Blank => {
                if !s.is_empty() {
                    let _ = write!(xml, r#"<c r="{r}"{s}/>"#);
                }
            }
            Value::Number(n) => {
                let _ = write!(xml, r#"<c r="{r}"{s}><v>{n}</v></c>"#);
            }
            Value::Text(text) => {
                // Space at either end is kept only when the text says so.
                let space = if text.trim() == text {
                    ""
                } else {
                    r#" xml:space="preserve""#
                };
                let _ = write!(
                    xml,
                    r#"<c r="{r}"{s} t="inlineStr"><is><t{space}>{}</t></is></c>"#,
                    xml_text(text)
                );
            }
        }
    }
    if row_open.is_some() {
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if let Some(area) = filter_area(sheet) {
        let _ = write!(xml, r#"<autoFilter ref="{area}"/>"#);
    }
    xml.push_str("</worksheet>");
    xml
}

/// The area of a sheet's filter (`A1:K20`).
fn filter_area(sheet: &SheetWriter) -> Option<String> {
    sheet.filter.map(|(r1, c1, r2, c2)| {
        format!(
            "{}:{}",
            reference(r1, c1),
            reference(r2.max(r1), c2.max(c1))
        )
    })
}

/// An absolute area (`$A$1:$K$20`) from a relative one.
fn absolute(area: &str) -> String {
    area.split(':')
        .map(|r| {
            let split = r.find(|c: char| c.is_ascii_digit()).unwrap_or(r.len());
            let (letters, digits) = r.split_at(split);
            format!("${letters}${digits}")
        })
        .collect::<Vec<_>>()
        .join(":")
}

fn workbook_xml(sheets: &[SheetWriter], names: &[String]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    for (i, name) in names.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
            xml_text(name),
            i + 1,
            i + 1
        );
    }
    xml.push_str("</sheets>");
    let filters: Vec<(usize, String)> = sheets
        .iter()
        .enumerate()
        .filter_map(|(i, s)| filter_area(s).map(|a| (i, a)))
        .collect();
    if !filters.is_empty() {
        xml.push_str("<definedNames>");
        for (i, area) in filters {
            let name = names.get(i).map_or("", String::as_str).replace('\'', "''");
            let _ = write!(
                xml,
                r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{}'!{}</definedName>"#,
                xml_text(&name),
                absolute(&area)
            );
        }
        xml.push_str("</definedNames>");
    }
    xml.push_str("</workbook>");
    xml
}

fn content_types(sheets: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    for i in 1..=sheets {
        let _ = write!(
            xml,
            r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
    }
    xml.push_str("</Types>");
    xml
}

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

fn workbook_rels(sheets: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for i in 1..=sheets {
        let _ = write!(
            xml,
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        );
    }
    let _ = write!(
        xml,
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets + 1
    );
    xml
}

/// A workbook (XLSX) of one sheet holding `rows` as text, the first row first; an empty cell
/// is left out. `sheet` names the sheet where it is a name Excel allows ([`sheet_name`]).
pub fn write_sheet(sheet: Option<&str>, rows: &[Vec<String>]) -> std::io::Result<Vec<u8>> {
    let mut out = SheetWriter::new(sheet_name(sheet));
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).map_err(|_| too_large())?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| too_large())?;
            out.text(r, c, cell, Style::Plain, false);
        }
    }
    let mut book = Book::new();
    book.push(out);
    book.to_bytes()
}

fn too_large() -> std::io::Error {
    std::io::Error::other("the workbook would be larger than a zip file holds")
}

/// The last-modified time of every entry: 1980-01-01 00:00, the earliest a zip can say, so
/// the same workbook gives the same bytes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// A zip archive of the parts, each stored (not compressed), in order.
fn stored_zip(parts: &[(String, String)]) -> std::io::Result<Vec<u8>> {
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
        assert_eq!(names.len(), 6);
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

    fn part(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn a_book_of_several_sheets_reads_back_with_calamine() {
        use calamine::{Data, Reader, Xlsx};
        let mut summary = SheetWriter::new("Summary");
        summary.text(0, 0, "A programme", Style::Title, false);
        summary.text(2, 0, "domain", Style::Header, false);
        summary.number(3, 1, 12.0, Style::Plain);
        summary.number(3, 2, 1.5, Style::Plain);
        summary.column_width(0, 24.0);
        let mut matrix = SheetWriter::new("Know/ledge");
        matrix.text(0, 0, "code", Style::Header, false);
        matrix.text(1, 0, "=1+1", Style::Plain, true);
        matrix.text(
            1,
            1,
            "developed",
            Style::Fill {
                rgb: 0x1F_4E_79,
                light_text: true,
            },
            false,
        );
        matrix.text(1, 2, "a long\nlabel", Style::Wrap, false);
        matrix.freeze(1, 3);
        matrix.filter(0, 0, 1, 2);
        let mut book = Book::new();
        book.push(summary);
        book.push(matrix);
        book.push(SheetWriter::new("summary"));
        let bytes = book.to_bytes().unwrap();

        let mut xlsx = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(
            xlsx.sheet_names(),
            ["Summary", "Knowledge", "summary 2"].map(String::from)
        );
        let summary = xlsx.worksheet_range("Summary").unwrap();
        assert_eq!(
            summary.get_value((0, 0)),
            Some(&Data::String("A programme".into()))
        );
        assert_eq!(summary.get_value((3, 1)), Some(&Data::Float(12.0)));
        assert_eq!(summary.get_value((3, 2)), Some(&Data::Float(1.5)));
        let matrix = xlsx.worksheet_range("Knowledge").unwrap();
        assert_eq!(matrix.get_value((1, 0)), Some(&Data::String("=1+1".into())));
        assert_eq!(
            matrix.get_value((1, 2)),
            Some(&Data::String("a long\nlabel".into()))
        );

        let styles = part(&bytes, "xl/styles.xml");
        assert!(styles.contains(r#"<fgColor rgb="FF1F4E79"/>"#), "{styles}");
        assert!(styles.contains(r#"quotePrefix="1""#), "{styles}");
        assert!(styles.contains(r#"<alignment wrapText="1"/>"#), "{styles}");
        assert!(styles.contains(r#"<b/><sz val="14"/>"#), "{styles}");
        let sheet = part(&bytes, "xl/worksheets/sheet2.xml");
        assert!(
            sheet.contains(r#"<pane xSplit="3" ySplit="1" topLeftCell="D2" activePane="bottomRight" state="frozen"/>"#),
            "{sheet}"
        );
        assert!(sheet.contains(r#"<autoFilter ref="A1:C2"/>"#), "{sheet}");
        assert!(sheet.contains(r#"<dimension ref="A1:C2"/>"#), "{sheet}");
        let first = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            first.contains(r#"<col min="1" max="1" width="24.7109375" customWidth="1"/>"#),
            "{first}"
        );
        let workbook = part(&bytes, "xl/workbook.xml");
        assert!(
            workbook.contains(r#"localSheetId="1" hidden="1">'Knowledge'!$A$1:$C$2</definedName>"#),
            "{workbook}"
        );
    }

    #[test]
    fn a_workbook_with_nothing_to_quote_has_no_quote_prefix() {
        let bytes = write_sheet(None, &[vec!["module".to_string()]]).unwrap();
        assert!(!part(&bytes, "xl/styles.xml").contains("quotePrefix"));
    }

    #[test]
    fn sheet_names_are_made_names_excel_allows_each_once() {
        assert_eq!(
            sheet_names(["", "History", "'a'", &"x".repeat(40), &"X".repeat(31)]),
            [
                "Sheet 1".to_string(),
                "Sheet 2".into(),
                "a".into(),
                "x".repeat(31),
                "X".repeat(29) + " 2",
            ]
        );
    }
}
