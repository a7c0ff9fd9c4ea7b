//! Spreadsheet workbooks read for waypost's mapping grids: XLSX and XLSB, and XLS and ODS.
//!
//! calamine does the reading. Before it sees a workbook, the bytes are checked for what calamine
//! 0.38.0 would panic on, loop on, or turn into gigabytes: a zipped workbook's unpacked size and
//! its cell references (`parts`), and, since calamine lays out every sheet of an XLS or ODS
//! workbook as it opens the file, those sheets measured first, reading the bytes as calamine
//! will (`cfb` and `biff` for XLS, `ods`). XLSX and XLSB sheets are read cell by cell and
//! measured before they are laid out (`cells`).
//!
//! These checks mirror calamine's private behaviour, so calamine, zip and quick-xml are pinned
//! exactly in the workspace, and `tests/calamine.rs` fails when the behaviour they mirror
//! changes (see `docs/architecture.md`, "Workbooks", for moving to a new calamine).
//!
//! Problems are [`Refused`]: a message and a hint in waypost's words, for the caller to place
//! in the file it names.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

mod biff;
mod cells;
mod cfb;
mod measure;
mod ods;
mod parts;
mod write;

use measure::{DAMAGED, Refusal};
pub use write::{Book, DEFAULT_SHEET, SheetWriter, Style, sheet_name, sheet_names, write_sheet};

/// How much a workbook may make the reader hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most cells the area from a sheet's first filled cell to its last may span, and
    /// the most cells all the sheets of a workbook may hold together (an XLS or ODS workbook
    /// is laid out whole as it is opened; the sheets of an XLSX workbook read to find the
    /// grid are counted together).
    pub cells: u64,
    /// The most bytes of text the sheets may hold, a text counted once for every cell that
    /// shows a copy of it (a shared string, a repeated ODS cell).
    pub text: u64,
    /// The most a zipped workbook (XLSX, XLSB, ODS) may unpack to, all its parts together.
    pub unpacked: u64,
}

/// Why a workbook or a sheet cannot be read, in words for the person who saved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// What is wrong: lowercase, no final period, sheet names in backticks.
    pub message: String,
    /// What to do about it, where there is something to say.
    pub hint: Option<String>,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refused {}

impl From<Refusal> for Refused {
    fn from(r: Refusal) -> Refused {
        Refused {
            message: r.message,
            hint: Some(r.hint),
        }
    }
}

/// The sheets of an XLS or ODS workbook as measured before calamine opens it: each sheet's name
/// and the block from its first cell to its last, 0-based (row, column), that calamine is
/// expected to lay out for it. Other workbooks have none. For the tests that hold calamine to
/// what the checks expect of it (`tests/calamine.rs`).
#[doc(hidden)]
pub fn measured_sheets(bytes: &[u8], limits: Limits) -> Result<Vec<MeasuredSheet>, Refused> {
    Ok(measure::measure_whole_workbook(bytes, limits)?)
}

/// A sheet's name and the block from its first cell to its last, if it has cells.
pub type MeasuredSheet = (String, Option<((u32, u32), (u32, u32))>);

/// A sheet as text: each cell as a CSV export of it would hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The 0-based row and column of the sheet's first filled cell, where `rows` starts.
    pub top: usize,
    pub left: usize,
    /// The rows from the first filled one to the last, each from the first filled column.
    pub rows: Vec<Vec<String>>,
    /// The cells holding a spreadsheet error (`#DIV/0!`), in reading order.
    pub errors: Vec<CellError>,
}

/// A cell holding a spreadsheet error, by its place in [`Sheet::rows`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub row: usize,
    pub column: usize,
    /// The error as the spreadsheet shows it (`#DIV/0!`).
    pub error: String,
}

/// An open workbook, its bytes checked.
pub struct Workbook<'a> {
    sheets: Sheets<Cursor<&'a [u8]>>,
    names: Vec<String>,
    held: cells::Held,
    limits: Limits,
}

impl std::fmt::Debug for Workbook<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook")
            .field("names", &self.names)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

const PANICKED: &str = "cannot read the workbook: the spreadsheet reader failed on something in it";

/// Runs calamine, turning a panic into this workbook's refusal. The checks before it refuse
/// what calamine 0.38.0 is known to panic on; anything else it panics on (it reads some
/// records, such as a formula's tokens, unchecked) becomes this file's error, so a portfolio
/// goes on with its other files.
fn caught<T>(read: impl FnOnce() -> Result<T, Refused>) -> Result<T, Refused> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Refused {
            message: PANICKED.to_string(),
            hint: Some(DAMAGED.to_string()),
        })
    })
}

impl<'a> Workbook<'a> {
    /// Checks a workbook's bytes and opens it: XLSX, XLSM, XLSB, XLS or ODS, told apart by
    /// their bytes.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Workbook<'a>, Refused> {
        if let Some(refusal) = parts::scan_parts(bytes, limits.unpacked) {
            return Err(refusal.into());
        }
        // calamine lays out every sheet of an XLS or ODS workbook as it opens it: measured first.
        measure::measure_whole_workbook(bytes, limits)?;
        let sheets = caught(|| {
            open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| Refused {
                message: format!(
                    "cannot read the workbook: {}",
                    lowercase_first(&e.to_string())
                ),
                hint: Some(
                    "save the grid as an Excel workbook (.xlsx) or as CSV (UTF-8)".to_string(),
                ),
            })
        })?;
        let names = sheets.sheet_names();
        Ok(Workbook {
            sheets,
            names,
            held: cells::Held::default(),
            limits,
        })
    }

    /// The names of the sheets, in the workbook's order.
    pub fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// Reads a sheet as text. What the sheets read so far held counts toward the limits.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, Refused> {
        caught(|| {
            let range = cells::read_range(&mut self.sheets, name, &mut self.held, self.limits)?;
            Ok(sheet_of(&range))
        })
    }
}

/// A sheet's cells as text, and its error cells.
fn sheet_of(range: &calamine::Range<Data>) -> Sheet {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut errors = Vec::new();
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, data)| {
                    if let Data::Error(e) = data {
                        errors.push(CellError {
                            row: i,
                            column: j,
                            error: e.to_string(),
                        });
                    }
                    cell_text(data)
                })
                .collect()
        })
        .collect();
    Sheet {
        top: top as usize,
        left: left as usize,
        rows,
        errors,
    }
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

/// 1 → `A`, 26 → `Z`, 27 → `AA`.
pub fn column_letters(mut column: usize) -> String {
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
}
