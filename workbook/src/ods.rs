//! The tables of an ODS workbook, measured in its `content.xml` as calamine 0.38 will lay them
//! out when it opens the file.
//!
//! calamine reads every named `table:table` at once. It keeps each row's cells as written,
//! with the empty cells between filled ones (a run of empty cells at a row's end is dropped),
//! a row repeated by `table:number-rows-repeated` once; a run of cells repeated by
//! `table:number-columns-repeated` is written out, up to 16,384 to a row. Then it lays out
//! one block from the first filled row to the last, counting repeated rows, and from the
//! first filled column to the last (and a second block for the formulas). Rows past
//! 1,048,576 are dropped. Both the cells kept and the block are counted here, reading the XML
//! as calamine reads it (the same reader, settings and steps), before any of it is allocated.
//!
//! Where calamine stops with an error, the scan stops too and lets it. Where calamine would
//! read forever (the file ending inside a table, or inside a comment of a text cell), the
//! workbook is refused as damaged.

use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::{Reader, escape::unescape, events::Event, name::QName};

use crate::{
    measure::{Extent, Refusal, SHEET_COLUMNS, SHEET_ROWS, Tally},
    parts::raw_attributes,
};

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Measures every table of an ODS workbook, in calamine's order, into `tally`. Bytes that
/// are not an ODS workbook are left alone.
pub(super) fn scan(bytes: &[u8], tally: &mut Tally) -> Result<(), Refusal> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    {
        let Ok(mut mimetype) = archive.by_name("mimetype") else {
            return Ok(());
        };
        let mut start = [0u8; 46];
        if mimetype.read_exact(&mut start).is_err() || start.as_slice() != MIMETYPE {
            return Ok(());
        }
    }
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = Reader::from_reader(BufReader::new(content));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut inner = Buffers::default();
    loop {
        buf.clear();
        let table = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table" => {
                attribute(e.attributes_raw(), "table:name").map(decoded)
            }
            Ok(Event::Start(e)) if e.name().as_ref() == "table:named-expressions" => {
                if !skip_named_expressions(&mut xml, &mut inner.row) {
                    return Ok(());
                }
                None
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => None,
        };
        if let Some(name) = table
            && !read_table(&mut xml, &name, tally, &mut inner)?
        {
            return Ok(());
        }
    }
}

#[derive(Default)]
struct Buffers {
    table: Vec<u8>,
    row: Vec<u8>,
    cell: Vec<u8>,
}

/// The first attribute named `key`, as calamine's `raw_attr` finds it.
fn attribute<'a>(raw: &'a str, key: &str) -> Option<&'a str> {
    raw_attributes(raw).find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// An attribute's value with its entities resolved (as written, where one is malformed).
fn decoded(raw: &str) -> String {
    unescape(raw).map_or_else(|_| raw.to_string(), |v| v.into_owned())
}

/// Reads a table's rows to its end tag and counts it into `tally`. `false` where calamine
/// stops with an error.
fn read_table<R: BufRead>(
    xml: &mut Reader<R>,
    name: &str,
    tally: &mut Tally,
    bufs: &mut Buffers,
) -> Result<bool, Refusal> {
    let mut table = Table::default();
    loop {
        bufs.table.clear();
        match xml.read_event_into(&mut bufs.table) {
            Ok(Event::Start(e)) if e.name().as_ref() == "table:table-row" => {
                let repeats = match attribute(e.attributes_raw(), "table:number-rows-repeated") {
                    None => 1,
                    Some(raw) => match unescape(raw).ok().and_then(|v| v.parse::<usize>().ok()) {
                        Some(n) => n,
                        None => return Ok(false),
                    },
                };
                let Some(row) = read_row(xml, name, tally, &mut bufs.row, &mut bufs.cell)? else {
                    return Ok(false);
                };
                let repeats = table.add(repeats, &row);
                // The row as read is counted; calamine lays out a copy of it for each repeat.
                tally.text(row.text.saturating_mul(repeats.saturating_sub(1)))?;
                // Checked row by row: calamine holds these before the table is done.
                tally.held_so_far(name, table.held)?;
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table" => break,
            // calamine's loop over a table's rows never sees its end, and spins.
            Ok(Event::Eof) => return Err(Refusal::damaged(Some(name), "the file ends inside it")),
            Err(_) => return Ok(false),
            Ok(_) => {}
        }
    }
    tally.sheet(name, table.extent(), table.held)?;
    Ok(true)
}

/// What a row holds, by position in the row as calamine keeps it.
#[derive(Debug, Default)]
struct Row {
    /// Cells kept, empty ones between filled ones included.
    kept: usize,
    /// The first and last cell with a value.
    values: Option<(usize, usize)>,
    /// The first and last cell with a formula.
    formulas: Option<(usize, usize)>,
    /// Bytes of text and formulas in the row as calamine keeps it, each cell's counted for
    /// every column that repeats it.
    text: u64,
}

fn widen(span: Option<(usize, usize)>, first: usize, last: usize) -> Option<(usize, usize)> {
    Some(span.map_or((first, last), |(a, b)| (a.min(first), b.max(last))))
}

/// Reads a row's cells to its end tag, counting their text into `tally` as calamine builds it;
/// `None` where calamine stops with an error.
fn read_row<R: BufRead>(
    xml: &mut Reader<R>,
    sheet: &str,
    tally: &mut Tally,
    buf: &mut Vec<u8>,
    cell_buf: &mut Vec<u8>,
) -> Result<Option<Row>, Refusal> {
    let mut row = Row::default();
    // Empty cells are kept only when a cell follows them.
    let mut empty = 0usize;
    let columns = SHEET_COLUMNS as usize;
    loop {
        buf.clear();
        match xml.read_event_into(buf) {
            Ok(Event::Start(e))
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let covered = e.name().as_ref() == "table:covered-table-cell";
                // calamine parses this count as written, entities and all.
                let repeats = match attribute(e.attributes_raw(), "table:number-columns-repeated") {
                    None => 1,
                    Some(raw) => match raw.parse::<usize>() {
                        Ok(n) => n,
                        Err(_) => return Ok(None),
                    },
                };
                let cell = CellKind::of(e.attributes_raw());
                let mut text = cell.text_bytes;
                if cell.text {
                    let (inside, read) = read_text(xml, sheet, cell_buf)?;
                    text = text.saturating_add(inside);
                    if !read {
                        // calamine has built the text so far before it stops.
                        tally.text(text)?;
                        return Ok(None);
                    }
                }
                row.kept += empty.min(columns.saturating_sub(row.kept));
                let repeats = repeats.min(columns.saturating_sub(row.kept));
                // Built once, then copied into each column that repeats it (none where the
                // row is full).
                let text = text.saturating_mul(repeats.max(1) as u64);
                row.text = row.text.saturating_add(text);
                tally.text(text)?;
                if cell.value || cell.formula {
                    empty = 0;
                    if repeats > 0 {
                        let (first, last) = (row.kept, row.kept + repeats - 1);
                        if cell.value {
                            row.values = widen(row.values, first, last);
                        }
                        if cell.formula {
                            row.formulas = widen(row.formulas, first, last);
                        }
                    }
                    row.kept += repeats;
                } else {
                    empty = repeats;
                }
                if !cell.text {
                    let end = if covered {
                        "table:covered-table-cell"
                    } else {
                        "table:table-cell"
                    };
                    if xml.read_to_end_into(QName(end), cell_buf).is_err() {
                        return Ok(None);
                    }
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => return Ok(Some(row)),
            // Anything else in a row is an error to calamine.
            _ => return Ok(None),
        }
    }
}

/// What a cell holds, from its attributes, as calamine decides it.
struct CellKind {
    /// It has a value (an empty text counts).
    value: bool,
    /// It has a formula.
    formula: bool,
    /// Its value is the text inside it, read to its end tag.
    text: bool,
    /// Bytes of its text value given as an attribute, and of its formula: at most what
    /// calamine holds of them once their entities are resolved.
    text_bytes: u64,
}

impl CellKind {
    fn of(raw: &str) -> CellKind {
        let mut value_set = false;
        let mut string_type = false;
        let mut error_type = false;
        let mut empty_string_value = false;
        let mut formula = false;
        let mut value_bytes = 0usize;
        let mut formula_bytes = 0usize;
        for (key, value) in raw_attributes(raw) {
            match key {
                "office:value"
                | "office:string-value"
                | "office:date-value"
                | "office:time-value"
                | "office:boolean-value"
                    if !value_set =>
                {
                    value_set = true;
                    empty_string_value = key == "office:string-value" && value.is_empty();
                    if matches!(
                        key,
                        "office:string-value" | "office:date-value" | "office:time-value"
                    ) {
                        value_bytes = value.len();
                    }
                }
                "office:value-type" if !value_set => string_type = value == "string",
                "calcext:value-type" => error_type = value == "error",
                "table:formula" => {
                    formula = !value.is_empty();
                    formula_bytes = value.len();
                }
                _ => {}
            }
        }
        let text = (!value_set && string_type) || (error_type && empty_string_value);
        CellKind {
            value: value_set || text,
            formula,
            text,
            text_bytes: value_bytes.saturating_add(formula_bytes) as u64,
        }
    }
}

/// Reads a text cell's content to its end tag, as calamine does, with the bytes of the text
/// calamine builds from it: the text as written (at least what it is once its line ends and
/// references are resolved), a newline before each paragraph after the first and for each line
/// break, a tab for each tab, a space for each space or as many as `text:c` gives (comments
/// left out). `false` where calamine stops with an error, the text built so far counted.
fn read_text<R: BufRead>(
    xml: &mut Reader<R>,
    sheet: &str,
    buf: &mut Vec<u8>,
) -> Result<(u64, bool), Refusal> {
    let mut bytes = 0u64;
    let mut paragraphs = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(buf) {
            Ok(Event::End(e))
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                return Ok((bytes, true));
            }
            Ok(Event::Start(e)) if e.name().as_ref() == "office:annotation" => loop {
                buf.clear();
                match xml.read_event_into(buf) {
                    Ok(Event::End(e)) if e.name().as_ref() == "office:annotation" => break,
                    // calamine's loop over a comment never sees its end, and spins.
                    Ok(Event::Eof) => {
                        return Err(Refusal::damaged(
                            Some(sheet),
                            "the file ends inside a comment in it",
                        ));
                    }
                    Err(_) => return Ok((bytes, false)),
                    Ok(_) => {}
                }
            },
            Ok(Event::Text(t)) => bytes = bytes.saturating_add(t.len() as u64),
            // `&name;` or `&#n;`: one character, of no more bytes than the reference.
            Ok(Event::GeneralRef(r)) => bytes = bytes.saturating_add(r.len() as u64 + 2),
            Ok(Event::Start(e)) if e.name().as_ref() == "text:p" => {
                if paragraphs > 0 {
                    bytes = bytes.saturating_add(1);
                }
                paragraphs += 1;
            }
            Ok(Event::Start(e)) if matches!(e.name().as_ref(), "text:tab" | "text:line-break") => {
                bytes = bytes.saturating_add(1);
            }
            Ok(Event::Start(e)) if e.name().as_ref() == "text:s" => {
                // calamine parses the count as an `i32` (its type is left to the literal 1):
                // a negative count is no spaces, not an error, and reading goes on.
                let spaces = match attribute(e.attributes_raw(), "text:c") {
                    None => Some(1),
                    Some(raw) => unescape(raw).ok().and_then(|v| v.parse::<i32>().ok()),
                };
                match spaces {
                    Some(n) => bytes = bytes.saturating_add(u64::try_from(n).unwrap_or(0)),
                    None => return Ok((bytes, false)),
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok((bytes, false)),
            Ok(_) => {}
        }
    }
}

fn is_named(name: QName<'_>) -> bool {
    matches!(
        name.as_ref(),
        "table:named-range" | "table:named-expression"
    )
}

/// Reads past a list of named ranges as calamine does; `false` where it stops with an error.
fn skip_named_expressions<R: BufRead>(xml: &mut Reader<R>, buf: &mut Vec<u8>) -> bool {
    loop {
        buf.clear();
        match xml.read_event_into(buf) {
            Ok(Event::Start(e)) if is_named(e.name()) => {}
            Ok(Event::End(e)) if is_named(e.name()) => {}
            Ok(Event::End(e)) if e.name().as_ref() == "table:named-expressions" => return true,
            _ => return false,
        }
    }
}

/// A table's rows so far: the count calamine keeps and the blocks it will lay out.
#[derive(Debug, Default)]
struct Table {
    /// Rows so far, each counted as often as it is repeated, up to the last a sheet has.
    rows: u64,
    /// Rows as written, each once.
    written: u64,
    /// Cells calamine keeps, a row as written that keeps none counted as one.
    held: u64,
    values: Block,
    formulas: Block,
}

/// Where the filled cells of one kind are, in the table's rows counted with their repeats.
#[derive(Debug, Default)]
struct Block {
    /// The first filled row as written, and the rows before it counted with repeats.
    first: Option<(u64, u64)>,
    /// The rows up to and with the last filled row, counted with repeats.
    through: u64,
    columns: (usize, usize),
}

impl Block {
    fn add(&mut self, written: u64, rows_before: u64, repeats: u64, columns: (usize, usize)) {
        match self.first {
            None => {
                self.first = Some((written, rows_before));
                self.columns = columns;
            }
            Some(_) => {
                self.columns = (self.columns.0.min(columns.0), self.columns.1.max(columns.1));
            }
        }
        self.through = rows_before + repeats;
    }

    /// The block's first and last cell as calamine numbers them: its first row is the rows
    /// before it counted with repeats, or as written where that is more (rows repeated zero
    /// times). `None` for no block.
    fn extent(&self) -> Option<Extent> {
        let (written, before) = self.first?;
        let rows = self.through - before;
        if rows == 0 {
            return None;
        }
        let top = before.max(written);
        let bottom = top + rows - 1;
        let narrow = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let column = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Some((
            (narrow(top), column(self.columns.0)),
            (narrow(bottom), column(self.columns.1)),
        ))
    }
}

impl Table {
    /// Adds a row repeated `repeats` times; gives the times calamine lays it out, at least
    /// once.
    fn add(&mut self, repeats: usize, row: &Row) -> u64 {
        let room = u64::from(SHEET_ROWS).saturating_sub(self.rows);
        let repeats = (repeats as u64).min(room);
        self.held += row.kept.max(1) as u64;
        if let Some(columns) = row.values {
            self.values.add(self.written, self.rows, repeats, columns);
        }
        if let Some(columns) = row.formulas {
            self.formulas.add(self.written, self.rows, repeats, columns);
        }
        self.rows += repeats;
        self.written += 1;
        repeats.max(1)
    }

    /// The block of values and the block of formulas together.
    fn extent(&self) -> Option<Extent> {
        match (self.values.extent(), self.formulas.extent()) {
            (Some((a, b)), Some((c, d))) => {
                Some(((a.0.min(c.0), a.1.min(c.1)), (b.0.max(d.0), b.1.max(d.1))))
            }
            (one, None) | (None, one) => one,
        }
    }
}
