//! Mapping grids kept as spreadsheet workbooks (XLSX, and XLS or ODS, read with calamine).
//!
//! A sheet holds the same columns as the CSV grid and means the same: both go through
//! [`crate::grid`]'s one row-processing path. Problems name the file, the row and the column,
//! and the cell as a spreadsheet names it (`'Year 1'!C4`), so a team can find it in Excel.
//!
//! calamine lays out every sheet of an XLS or ODS workbook as it opens the file, so those are
//! measured first, reading the bytes as calamine will (`cfb` and `biff` for XLS, `ods`), and
//! refused if their sheets would take too much memory, or if calamine would panic or never
//! finish on them.

use std::{
    io::{BufReader, Cursor, Read, Seek},
    path::Path,
};

use calamine::{Cell, Data, DataRef, Range, Reader, Sheets, XlsxError, open_workbook_auto_from_rs};

mod biff;
mod cfb;
mod ods;

use crate::{
    error::{Diagnostic, Error, Result},
    format::{Format, MAX_INPUT_BYTES},
    grid::{self, GridRow},
    model::curriculum::Curriculum,
};

/// Reads a mapping grid from a workbook's bytes.
///
/// Without `sheet`, the first sheet whose header row names the `module`, `unit` and `covers`
/// columns is read (a workbook often starts with a cover sheet), or else the first sheet, so
/// that the error says what its header lacks.
pub fn read_grid_xlsx(bytes: &[u8], name: Option<&str>, sheet: Option<&str>) -> Result<Curriculum> {
    let fail = |message: String, hint: Option<String>| {
        Error::parse(Diagnostic {
            path: name.map(str::to_string),
            message,
            hint,
            ..Default::default()
        })
    };
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(fail(
            format!(
                "the workbook is larger than the {} MB waypost reads",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            Some("split it into several files".to_string()),
        ));
    }
    if let Some(refusal) = scan_parts(bytes) {
        return Err(fail(refusal.message, Some(refusal.hint)));
    }
    // calamine lays out every sheet of an XLS or ODS workbook as it opens it: measured first.
    if let Err(refusal) = measure_whole_workbook(bytes) {
        return Err(fail(refusal.message, Some(refusal.hint)));
    }
    // The scans above refuse what calamine 0.38 is known to panic on. Anything else it panics
    // on (it reads some records, such as a formula's tokens, unchecked) is caught here and
    // becomes this file's error, so a portfolio goes on with its other files.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(bytes, name, sheet, &fail)
    }))
    .unwrap_or_else(|_| {
        Err(fail(
            "cannot read the workbook: the spreadsheet reader failed on something in it"
                .to_string(),
            Some(DAMAGED.to_string()),
        ))
    })
}

/// Reads the grid from a workbook the scans have let through.
fn read_workbook(
    bytes: &[u8],
    name: Option<&str>,
    sheet: Option<&str>,
    fail: &dyn Fn(String, Option<String>) -> Error,
) -> Result<Curriculum> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        fail(
            format!(
                "cannot read the workbook: {}",
                lowercase_first(&e.to_string())
            ),
            Some("save the grid as an Excel workbook (.xlsx) or as CSV (UTF-8)".to_string()),
        )
    })?;
    let names = workbook.sheet_names();
    let sheet_list = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut ranges = Vec::new();
    let mut held = Held::default();
    match sheet {
        Some(wanted) => {
            let Some(found) = names.iter().find(|n| n.as_str() == wanted).or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            }) else {
                return Err(fail(
                    format!("the workbook has no sheet `{wanted}`"),
                    Some(format!("its sheets are {sheet_list}")),
                ));
            };
            ranges.push((
                found.clone(),
                read_range(&mut workbook, found, &fail, &mut held)?,
            ));
        }
        // Sheets in order up to the first with a grid's header; only that one and the first
        // (named in the error when none has the header) are kept.
        None => {
            for n in &names {
                let range = read_range(&mut workbook, n, &fail, &mut held)?;
                let grid = has_grid_header(&range);
                if ranges.is_empty() || grid {
                    ranges.push((n.clone(), range));
                }
                if grid {
                    break;
                }
            }
        }
    }
    let chosen = ranges
        .iter()
        .position(|(_, range)| has_grid_header(range))
        .unwrap_or(0);
    let Some((sheet_name, range)) = ranges.get(chosen) else {
        return Err(fail(
            "the workbook has no sheets".to_string(),
            Some(
                "a mapping grid is one sheet with the columns `module`, `unit` and `covers`"
                    .to_string(),
            ),
        ));
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (top as usize, left as usize);
    let located =
        |row: usize, column: Option<usize>, message: String, hint: Option<String>| Diagnostic {
            path: name.map(str::to_string),
            line: Some(row),
            column,
            pointer: Some(cell_reference(sheet_name, row, column)),
            message,
            hint,
        };

    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err(Error::parse(located(
            1,
            None,
            format!("the sheet `{sheet_name}` is empty"),
            Some(if names.len() > 1 {
                format!("name the sheet that holds the grid; the sheets are {sheet_list}")
            } else {
                "a mapping grid needs a header row with `module`, `unit` and `covers`".to_string()
            }),
        )));
    };
    let headers: Vec<String> = header.iter().map(cell_text).collect();
    let known: Vec<bool> = headers.iter().map(|h| grid::is_known_header(h)).collect();
    let mut problems = Vec::new();
    let mut grid_rows = Vec::new();
    for (i, row) in rows.enumerate() {
        let line = top + i + 2;
        let mut cells = Vec::with_capacity(row.len());
        for (j, data) in row.iter().enumerate() {
            if let Data::Error(e) = data
                && known.get(j).copied().unwrap_or(false)
            {
                problems.push(located(
                    line,
                    Some(left + j + 1),
                    format!("the cell holds the spreadsheet error `{e}`"),
                    Some("fix the formula, or replace it with its value".to_string()),
                ));
            }
            cells.push(cell_text(data));
        }
        grid_rows.push(GridRow { line, cells });
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    // Columns are reported where they are in the sheet, which may not start at column A.
    let shifted = |row: usize, column: Option<usize>, message: String, hint: Option<String>| {
        located(row, column.map(|c| c + left), message, hint)
    };
    let mut curriculum = grid::build_grid(&headers, top + 1, &grid_rows, name, &shifted)?;
    for cell in curriculum.origin.cells.values_mut() {
        cell.1 += left;
    }
    curriculum.origin.path = name.map(str::to_string);
    curriculum.origin.format = Some(Format::Csv);
    Ok(curriculum)
}

/// Reads a mapping grid from a workbook file.
pub fn read_grid_workbook(path: &Path, sheet: Option<&str>) -> Result<Curriculum> {
    let shown = path.display().to_string();
    // Bounded by what is read, not by the size the file reports (a FIFO reports none).
    let bytes = crate::format::read_bytes(path)?;
    read_grid_xlsx(&bytes, Some(&shown), sheet)
}

/// Whether a file name looks like a spreadsheet workbook rather than text (by the input
/// formats' table, [`crate::format::INPUT_FORMATS`]).
pub fn is_workbook(path: &Path) -> bool {
    crate::format::is_workbook(path)
}

/// Rows and columns a sheet can have: its last cell is `XFD1048576`.
const SHEET_ROWS: u32 = 1_048_576;
const SHEET_COLUMNS: u32 = 16_384;

/// The most cells the area from a sheet's first filled cell to its last may span. The area is
/// held whole in memory, so one stray cell far from the grid (`XFD1048576`) must not make it
/// gigabytes.
const MAX_SHEET_CELLS: u64 = grid::MAX_GRID_CELLS;

/// The most cells calamine may hold for all the sheets of an XLS or ODS workbook together:
/// it reads every sheet of those when it opens the file, not only the one asked for. The same
/// as for one sheet, since a mapping grid is one sheet and the others (a cover sheet, notes)
/// are small.
const MAX_WORKBOOK_CELLS: u64 = MAX_SHEET_CELLS;

/// The most bytes of text (and of ODS formulas) calamine may hold for all the sheets of an XLS
/// or ODS workbook, and waypost for the sheets of an XLSX or XLSB workbook it reads, counting a
/// text once for every cell that holds a copy of it: a shared string (XLSX, XLS) is copied into
/// each cell that shows it, and an ODS cell's text into each column and row that repeats it, so
/// a small file can ask for gigabytes (780 bytes of ODS asking for
/// two billion spaces took 5.9 GB). A mapping grid holds kilobytes of text; four times the
/// largest file waypost reads ([`crate::format::MAX_INPUT_BYTES`], 64 MB) leaves room for any
/// workbook that holds its text once, even in characters of three bytes, and keeps the worst
/// a workbook can ask for to a few hundred megabytes. XLS text is counted in characters (one
/// byte each, or up to three where the code page makes them so).
const MAX_WORKBOOK_TEXT: u64 = grid::MAX_GRID_TEXT;

const DAMAGED: &str =
    "the file is damaged; save the grid again from the spreadsheet, or as CSV (UTF-8)";

/// A sheet's first and last filled cell, as 0-based (row, column).
type Extent = ((u32, u32), (u32, u32));

/// Why a workbook is refused before calamine opens it, in the words of the error.
#[derive(Debug)]
struct Refusal {
    message: String,
    hint: String,
}

impl Refusal {
    /// A workbook, or one of its sheets, that calamine would panic on or read without end.
    fn damaged(sheet: Option<&str>, detail: &str) -> Refusal {
        let message = match sheet {
            Some(sheet) => format!("cannot read the sheet `{sheet}`: {detail}"),
            None => format!("cannot read the workbook: {detail}"),
        };
        Refusal {
            message,
            hint: DAMAGED.to_string(),
        }
    }
}

/// The cells calamine will hold for the sheets of an XLS or ODS workbook measured so far.
#[derive(Debug, Default)]
struct Tally {
    total: u64,
    sheets: usize,
    /// Bytes of text, each counted for every cell that holds a copy of it.
    text: u64,
}

impl Tally {
    /// Counts a sheet whose filled cells span `extent` and of which calamine keeps `held`
    /// cells one by one before laying them out.
    fn sheet(
        &mut self,
        sheet: &str,
        extent: Option<Extent>,
        held: u64,
    ) -> std::result::Result<(), Refusal> {
        let area = match extent {
            None => 0,
            Some((start, end)) => {
                if let Some(refusal) = extent_refusal(sheet, start, end) {
                    return Err(refusal);
                }
                span_cells(start, end)
            }
        };
        self.held_so_far(sheet, held)?;
        self.sheets += 1;
        self.total += area.max(held);
        self.within_workbook(sheet, self.total, self.sheets)
    }

    /// Checks the cells kept so far of a sheet not yet read to its end.
    fn held_so_far(&self, sheet: &str, held: u64) -> std::result::Result<(), Refusal> {
        if held > MAX_SHEET_CELLS {
            return Err(Refusal {
                message: format!(
                    "the sheet `{sheet}` is written as {held} cells, counting empty ones; waypost reads a sheet of at most {MAX_SHEET_CELLS}"
                ),
                hint: "delete the empty rows and columns after the grid, or save the grid as .xlsx or CSV (UTF-8)".to_string(),
            });
        }
        self.within_workbook(sheet, self.total + held, self.sheets + 1)
    }

    /// Counts `bytes` more text held in the workbook's cells.
    fn text(&mut self, bytes: u64) -> std::result::Result<(), Refusal> {
        self.text = self.text.saturating_add(bytes);
        if self.text > MAX_WORKBOOK_TEXT {
            let megabytes = MAX_WORKBOOK_TEXT >> 20;
            return Err(Refusal {
                message: format!(
                    "the sheets of the workbook hold more than {megabytes} MB of text, counting each cell that repeats it; waypost reads at most {megabytes} MB of text from an XLS or ODS workbook"
                ),
                hint: "a mapping grid holds a few kilobytes of text: delete the cells and sheets that repeat long texts, or save the grid as CSV (UTF-8)".to_string(),
            });
        }
        Ok(())
    }

    fn within_workbook(
        &self,
        sheet: &str,
        total: u64,
        sheets: usize,
    ) -> std::result::Result<(), Refusal> {
        if total > MAX_WORKBOOK_CELLS {
            return Err(Refusal {
                message: format!(
                    "the first {sheets} sheets of the workbook, up to `{sheet}`, span {total} cells together; waypost reads at most {MAX_WORKBOOK_CELLS} from all the sheets of an XLS or ODS workbook"
                ),
                hint: "XLS and ODS workbooks are read whole, every sheet at once: delete the sheets that do not hold the grid, or save the grid as .xlsx or CSV (UTF-8)".to_string(),
            });
        }
        Ok(())
    }
}

/// Measures the sheets of an XLS or ODS workbook as calamine will lay them out, which it does
/// for all of them as it opens the file, before the check of any one sheet could come. Other
/// bytes, and workbooks calamine will refuse with an error of its own, pass.
fn measure_whole_workbook(bytes: &[u8]) -> std::result::Result<(), Refusal> {
    let mut tally = Tally::default();
    if cfb::is_compound_file(bytes) {
        match cfb::workbook_stream(bytes) {
            Ok(stream) => biff::scan(&stream, &mut tally),
            Err(cfb::Fault::Unreadable) => Ok(()),
            Err(cfb::Fault::Damaged(detail)) => Err(Refusal::damaged(None, detail)),
        }
    } else {
        ods::scan(bytes, &mut tally)
    }
}

fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

fn read_range<RS: Read + Seek>(
    workbook: &mut Sheets<RS>,
    sheet: &str,
    fail: &dyn Fn(String, Option<String>) -> Error,
    held: &mut Held,
) -> Result<Range<Data>> {
    let unreadable = |e: calamine::Error| {
        fail(
            format!(
                "cannot read the sheet `{sheet}`: {}",
                lowercase_first(&e.to_string())
            ),
            None,
        )
    };
    // XLSX and XLSB sheets are read cell by cell and their extent checked before calamine
    // lays the cells out in one block, as its `worksheet_range` would at once.
    let refused = |r: Refusal| fail(r.message, Some(r.hint));
    let cells = match workbook {
        Sheets::Xlsx(book) => match book.worksheet_cells_reader(sheet) {
            Ok(mut reader) => filled_cells(sheet, held, || reader.next_cell())
                .map_err(|e| e.either(|e| unreadable(calamine::Error::Xlsx(e)), refused))?,
            // A chart sheet: no cells, as `worksheet_range` gives.
            Err(XlsxError::NotAWorksheet(_)) => Vec::new(),
            Err(e) => return Err(unreadable(calamine::Error::Xlsx(e))),
        },
        Sheets::Xlsb(book) => {
            let mut reader = book
                .worksheet_cells_reader(sheet)
                .map_err(|e| unreadable(calamine::Error::Xlsb(e)))?;
            filled_cells(sheet, held, || reader.next_cell())
                .map_err(|e| e.either(|e| unreadable(calamine::Error::Xlsb(e)), refused))?
        }
        // XLS and ODS sheets were laid out when the workbook was opened, after
        // `measure_whole_workbook` had measured them; checked again as they are.
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = workbook.worksheet_range(sheet).map_err(unreadable)?;
            if let (Some(start), Some(end)) = (range.start(), range.end()) {
                check_extent(sheet, start, end, fail)?;
            }
            return Ok(range);
        }
    };
    let mut extent: Option<Extent> = None;
    for cell in &cells {
        let (row, column) = cell.get_position();
        extent = Some(match extent {
            None => ((row, column), (row, column)),
            Some((start, end)) => (
                (start.0.min(row), start.1.min(column)),
                (end.0.max(row), end.1.max(column)),
            ),
        });
    }
    if let Some((start, end)) = extent {
        check_extent(sheet, start, end, fail)?;
    }
    Ok(Range::from_sparse(cells))
}

/// What the sheets of an XLSX or XLSB workbook read so far hold, one cell at a time: counted
/// across sheets, since every sheet may be read to find the grid.
#[derive(Debug, Default)]
struct Held {
    cells: u64,
    text: u64,
}

/// Why reading a sheet's cells stopped: calamine's error, or a limit of waypost's.
enum Stopped<E> {
    Calamine(E),
    Refused(Refusal),
}

impl<E> Stopped<E> {
    fn either<T>(self, calamine: impl FnOnce(E) -> T, refused: impl FnOnce(Refusal) -> T) -> T {
        match self {
            Stopped::Calamine(e) => calamine(e),
            Stopped::Refused(r) => refused(r),
        }
    }
}

/// The cells of a sheet that hold something, as calamine's `worksheet_range` keeps them,
/// refused once the workbook's sheets together hold more than [`MAX_WORKBOOK_CELLS`] cells or
/// [`MAX_WORKBOOK_TEXT`] of text: the extent check comes after the cells are read, and
/// many cells can share one position (a compressed sheet repeating `A3` ten million times is
/// a 700 KB file).
fn filled_cells<'a, E>(
    sheet: &str,
    held: &mut Held,
    mut next: impl FnMut() -> std::result::Result<Option<Cell<DataRef<'a>>>, E>,
) -> std::result::Result<Vec<Cell<Data>>, Stopped<E>> {
    let mut cells = Vec::new();
    while let Some(cell) = next().map_err(Stopped::Calamine)? {
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
            DataRef::SharedString(s) => s.len(),
            _ => 0,
        };
        held.cells += 1;
        held.text = held.text.saturating_add(text as u64);
        if held.cells > MAX_WORKBOOK_CELLS {
            return Err(Stopped::Refused(Refusal {
                message: format!(
                    "the workbook holds more than {MAX_WORKBOOK_CELLS} filled cells, up to the sheet `{sheet}`; waypost reads at most that many"
                ),
                hint: "a mapping grid is one sheet of a few thousand cells: save only the grid, or save it as CSV (UTF-8)".to_string(),
            }));
        }
        if held.text > MAX_WORKBOOK_TEXT {
            return Err(Stopped::Refused(Refusal {
                message: format!(
                    "the cells of the workbook hold more than {} MB of text, up to the sheet `{sheet}`, counting a shared text once for each cell that shows it; waypost reads at most that much",
                    MAX_WORKBOOK_TEXT / (1024 * 1024)
                ),
                hint: "a mapping grid is one sheet of short texts: save only the grid, or save it as CSV (UTF-8)".to_string(),
            }));
        }
        cells.push(Cell::new(
            cell.get_position(),
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(cells)
}

/// Refuses a sheet whose filled cells reach past its last cell, or span more than
/// [`MAX_SHEET_CELLS`] from the first to the last.
fn check_extent(
    sheet: &str,
    start: (u32, u32),
    end: (u32, u32),
    fail: &dyn Fn(String, Option<String>) -> Error,
) -> Result<()> {
    match extent_refusal(sheet, start, end) {
        Some(refusal) => Err(fail(refusal.message, Some(refusal.hint))),
        None => Ok(()),
    }
}

fn extent_refusal(sheet: &str, start: (u32, u32), end: (u32, u32)) -> Option<Refusal> {
    if end.0 >= SHEET_ROWS || end.1 >= SHEET_COLUMNS {
        return Some(Refusal {
            message: format!(
                "cannot read the sheet `{sheet}`: its cells reach {}, past `XFD1048576`, the last cell a sheet can have",
                cell_name(end)
            ),
            hint: DAMAGED.to_string(),
        });
    }
    let cells = span_cells(start, end);
    if cells > MAX_SHEET_CELLS {
        return Some(Refusal {
            message: format!(
                "the sheet `{sheet}` spans {}:{}, {cells} cells; waypost reads a sheet of at most {MAX_SHEET_CELLS}",
                cell_name(start),
                cell_name(end)
            ),
            hint: "delete the stray cells outside the grid (Ctrl+End goes to the last cell in use)"
                .to_string(),
        });
    }
    None
}

/// The cells from `start` to `end`, both included.
fn span_cells(start: (u32, u32), end: (u32, u32)) -> u64 {
    (u64::from(end.0.saturating_sub(start.0)) + 1) * (u64::from(end.1.saturating_sub(start.1)) + 1)
}

/// A cell as a spreadsheet names it, from its 0-based row and column: (3, 2) → `C4`.
fn cell_name((row, column): (u32, u32)) -> String {
    format!(
        "{}{}",
        column_letters(column as usize + 1),
        u64::from(row) + 1
    )
}

/// The most a zipped workbook (XLSX, XLSB, ODS) may unpack to, all its parts together.
/// Reading is linear, but a 64 MB file of repeated XML can unpack to tens of gigabytes, which
/// calamine would read for minutes; a real mapping grid unpacks to a few megabytes.
const MAX_UNPACKED_BYTES: u64 = 4 * MAX_INPUT_BYTES as u64;

/// Reads every XML part of a zipped workbook before calamine does, and refuses it if it unpacks
/// to more than [`MAX_UNPACKED_BYTES`] by the sizes its archive gives (the zip reader calamine
/// uses stops a part at its given size, so an archive cannot understate them), or if a part has a
/// cell reference calamine 0.38 cannot read: it adds up a reference's letters and digits in a
/// `u32` unchecked (tafia/calamine#709), so seven letters or ten digits panic where overflow
/// checks are on and wrap silently to another cell where they are off. No sheet has a cell
/// past `XFD1048576`, so a `r` or `ref` attribute with more than three letters or seven digits
/// is found here first, reading each part as calamine does (its reader settings, its way of
/// splitting attributes). Bytes that are not a zip archive pass.
fn scan_parts(bytes: &[u8]) -> Option<Refusal> {
    scan_parts_within(bytes, MAX_UNPACKED_BYTES)
}

fn scan_parts_within(bytes: &[u8], max_unpacked: u64) -> Option<Refusal> {
    use quick_xml::events::Event;

    let too_large = || {
        Refusal {
        message: format!(
            "the workbook unpacks to more than {} MB; waypost reads at most that much",
            max_unpacked / (1024 * 1024)
        ),
        hint: "a mapping grid unpacks to a few megabytes: save only the grid, or save it as CSV (UTF-8)"
            .to_string(),
    }
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let declared = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > max_unpacked {
        return Some(too_large());
    }
    for i in 0..archive.len() {
        let Ok(file) = archive.by_index(i) else {
            continue;
        };
        let part = String::from_utf8_lossy(file.name_raw()).into_owned();
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    let found = raw_attributes(e.attributes_raw())
                        .find(|(key, value)| matches!(*key, "r" | "ref") && overlong(value));
                    if let Some((_, value)) = found {
                        let shown: String = value.chars().take(24).collect();
                        let more = if shown.len() < value.len() { "…" } else { "" };
                        return Some(Refusal {
                            message: format!(
                                "cannot read the workbook: `{part}` has the cell reference `{shown}{more}`, past `XFD1048576`, the last cell a sheet can have"
                            ),
                            hint: DAMAGED.to_string(),
                        });
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    None
}

/// Whether any `:`-separated piece of a reference starts with more than three letters, or has
/// more than seven digits after them.
fn overlong(reference: &str) -> bool {
    reference.split(':').any(|piece| {
        let letters = piece.bytes().take_while(u8::is_ascii_alphabetic).count();
        let digits = piece
            .bytes()
            .skip(letters)
            .take_while(u8::is_ascii_digit)
            .count();
        letters > 3 || digits > 7
    })
}

/// An element's attributes as calamine 0.38 splits them: a key runs to the next `=`, a value
/// is quoted; the first malformed one ends the list.
fn raw_attributes(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        let (key, after) = rest.trim_ascii_start().split_once('=')?;
        let after = after.trim_ascii_start();
        let quote = after.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let value = after.get(1..)?;
        let (value, tail) = value.split_once(quote).unwrap_or((value, ""));
        rest = tail;
        Some((key.trim_ascii_end(), value))
    })
}

fn has_grid_header(range: &calamine::Range<Data>) -> bool {
    let Some(header) = range.rows().next() else {
        return false;
    };
    let headers: Vec<String> = header.iter().map(cell_text).collect();
    grid::has_required_columns(&headers)
}

/// A cell as the text a CSV export of it would hold: whole numbers without a decimal point.
fn cell_text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A cell reference as a spreadsheet writes it: `Sheet1!C4`, `'Year 1'!C4`, or the sheet
/// alone for a problem with a whole row.
fn cell_reference(sheet: &str, row: usize, column: Option<usize>) -> String {
    let plain = sheet.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let sheet = if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    match column {
        Some(c) => format!("{sheet}!{}{row}", column_letters(c)),
        None => format!("{sheet}!{row}:{row}"),
    }
}

/// 1 → `A`, 26 → `Z`, 27 → `AA`.
fn column_letters(mut column: usize) -> String {
    let mut out = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        column = (column - 1) / 26;
    }
    out.iter().rev().collect()
}

fn lowercase_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }

    /// A zip archive of one compressed part, and where its central directory gives the part's
    /// unpacked size.
    fn archive(part: &[u8]) -> (Vec<u8>, usize) {
        use std::io::Write;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        out.write_all(part).unwrap();
        let bytes = out.finish().unwrap().into_inner();
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        (bytes, central + 24)
    }

    #[test]
    fn a_workbook_unpacking_past_the_limit_is_refused_by_its_sizes_or_its_bytes() {
        let part = format!("<sheetData>{}</sheetData>", "<c r=\"A1\"/>".repeat(10_000));
        let (honest, size_at) = archive(part.as_bytes());
        assert!(
            scan_parts_within(&honest, 1 << 20).is_none(),
            "within the limit"
        );
        // The sizes the archive gives: refused before anything is unpacked.
        let refusal = scan_parts_within(&honest, 50_000).unwrap();
        assert_eq!(
            refusal.message,
            "the workbook unpacks to more than 0 MB; waypost reads at most that much"
        );
        // An archive that understates a part's size cannot unpack more than it says: the zip
        // reader (calamine's too) stops there, with an error or with what it gave.
        let mut lying = honest.clone();
        lying
            .get_mut(size_at..size_at + 4)
            .unwrap()
            .copy_from_slice(&100u32.to_le_bytes());
        let mut archive = zip::ZipArchive::new(Cursor::new(&lying)).unwrap();
        let mut unpacked = Vec::new();
        let result = archive.by_index(0).unwrap().read_to_end(&mut unpacked);
        assert!(
            result.is_err() || unpacked.len() <= 100,
            "{}",
            unpacked.len()
        );
        assert!(scan_parts_within(&lying, 50_000).is_none());
    }

    #[test]
    fn filled_cells_stop_at_the_workbooks_cell_and_text_limits() {
        use calamine::DataRef;
        // Ten million cells all at one position: stopped at the limit, not after reading all.
        let mut given = 0u64;
        let mut held = Held::default();
        let result = filled_cells::<()>("Grid", &mut held, || {
            given += 1;
            Ok((given <= 10_000_000).then(|| Cell::new((2, 0), DataRef::Bool(true))))
        });
        let Err(Stopped::Refused(r)) = result else {
            panic!("refused")
        };
        assert_eq!(
            r.message,
            "the workbook holds more than 5000000 filled cells, up to the sheet `Grid`; waypost reads at most that many"
        );
        assert_eq!(given, MAX_WORKBOOK_CELLS + 1);
        // One long shared text shown by many cells: counted once per cell.
        let long = "x".repeat(1 << 20);
        let mut held = Held::default();
        let mut n = 0u32;
        let result = filled_cells::<()>("Grid", &mut held, || {
            n += 1;
            Ok((n <= 1000).then(|| Cell::new((n, 0), DataRef::SharedString(&long))))
        });
        let Err(Stopped::Refused(r)) = result else {
            panic!("refused")
        };
        assert!(
            r.message
                .starts_with("the cells of the workbook hold more than 256 MB of text"),
            "{}",
            r.message
        );
        assert_eq!(n, 257, "stopped at the first cell past 256 MB");
        // Across sheets: what the first sheet held counts for the second.
        let mut held = Held {
            cells: MAX_WORKBOOK_CELLS,
            text: 0,
        };
        let mut once = true;
        let result = filled_cells::<()>("Second", &mut held, || {
            Ok(std::mem::take(&mut once).then(|| Cell::new((0, 0), DataRef::Int(1))))
        });
        assert!(
            matches!(result, Err(Stopped::Refused(r)) if r.message.contains("up to the sheet `Second`"))
        );
        // A sheet within the limits keeps every filled cell and skips empty ones.
        let mut held = Held::default();
        let cells = [
            DataRef::Int(1),
            DataRef::Empty,
            DataRef::String("a".to_string()),
        ];
        let mut it = cells.into_iter().enumerate();
        let result = filled_cells::<()>("Grid", &mut held, || {
            Ok(it.next().map(|(i, v)| Cell::new((0, i as u32), v)))
        });
        let Ok(kept) = result else { panic!("read") };
        assert_eq!(kept.len(), 2);
        assert_eq!((held.cells, held.text), (2, 1));
    }

    #[test]
    fn sheet_names_with_spaces_are_quoted() {
        assert_eq!(cell_reference("Grid", 4, Some(3)), "Grid!C4");
        assert_eq!(cell_reference("Year 1", 4, Some(3)), "'Year 1'!C4");
        assert_eq!(cell_reference("Tom's", 2, None), "'Tom''s'!2:2");
    }
}
