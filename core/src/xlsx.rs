//! Mapping grids kept as spreadsheet workbooks (XLSX, and XLS or ODS), read with the workspace's
//! `waypost-workbook` crate.
//!
//! A sheet holds the same columns as the CSV grid and means the same: both go through
//! [`crate::grid`]'s one row-processing path. Problems name the file, the row and the column,
//! and the cell as a spreadsheet names it (`'Year 1'!C4`), so a team can find it in Excel.
//! What a workbook may hold, and why, is set here (`LIMITS`); how its bytes are checked
//! before calamine reads them is `waypost-workbook`'s.

use std::path::Path;

use waypost_workbook::{Limits, Refused, Sheet, Workbook, column_letters};

use crate::{
    error::{Diagnostic, Error, Result},
    format::{Format, MAX_INPUT_BYTES},
    grid::{self, GridLayout, GridRow},
    model::curriculum::Curriculum,
};

/// The most cells the area from a sheet's first filled cell to its last may span. The area is
/// held whole in memory, so one stray cell far from the grid (`XFD1048576`) must not make it
/// gigabytes.
///
/// The same limit holds for the cells calamine may hold for all the sheets of an XLS or ODS
/// workbook together: it reads every sheet of those when it opens the file, not only the one
/// asked for. A mapping grid is one sheet and the others (a cover sheet, notes) are small.
const MAX_SHEET_CELLS: u64 = grid::MAX_GRID_CELLS;

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

/// The most a zipped workbook (XLSX, XLSB, ODS) may unpack to, all its parts together.
/// Reading is linear, but a 64 MB file of repeated XML can unpack to tens of gigabytes, which
/// calamine would read for minutes; a real mapping grid unpacks to a few megabytes.
const MAX_UNPACKED_BYTES: u64 = 4 * MAX_INPUT_BYTES as u64;

/// What a workbook may make waypost hold.
const LIMITS: Limits = Limits {
    cells: MAX_SHEET_CELLS,
    text: MAX_WORKBOOK_TEXT,
    unpacked: MAX_UNPACKED_BYTES,
};

/// Reads a mapping grid from a workbook's bytes.
///
/// Without `sheet`, the first sheet whose header row names the `module`, `unit` and `covers`
/// columns is read (a workbook often starts with a cover sheet), or else the first sheet, so
/// that the error says what its header lacks.
pub fn read_grid_xlsx(bytes: &[u8], name: Option<&str>, sheet: Option<&str>) -> Result<Curriculum> {
    let (names, sheet_name, grid_sheet) = open_sheet(bytes, name, sheet, &has_grid_header)?;
    let names = names.as_slice();
    read_sheet(grid_sheet, &sheet_name, names, name)
}

/// The layout of a mapping grid kept in a workbook: the header row of the sheet the grid is
/// read from (the one named, else as [`read_grid_xlsx`] chooses it) and that sheet's name, so
/// that the grid is written back in its own columns and under its own sheet's name.
pub fn layout_xlsx(bytes: &[u8], name: Option<&str>, sheet: Option<&str>) -> Result<GridLayout> {
    let (_, sheet_name, chosen) = open_sheet(bytes, name, sheet, &has_grid_header)?;
    let headers = chosen.rows.into_iter().next().unwrap_or_default();
    if !grid::has_required_columns(&headers) {
        return Err(Error::parse(Diagnostic {
            path: name.map(str::to_string),
            line: Some(chosen.top + 1),
            pointer: Some(cell_reference(&sheet_name, chosen.top + 1, None)),
            message: format!(
                "the header row of the sheet `{sheet_name}` has no `module`, `unit` and `covers` columns"
            ),
            hint: Some(
                "a mapping grid needs the columns `module`, `unit` and `covers`".to_string(),
            ),
            ..Default::default()
        }));
    }
    Ok(GridLayout {
        headers,
        sheet: Some(sheet_name),
    })
}

/// A curriculum as a mapping grid in a workbook of one sheet, in a grid's own columns (see
/// [`grid::write_grid`]) and under its sheet's name (else `Mapping`). Every cell is text, so
/// a cell that looks like a formula stays the text it was, with no `'` before it.
pub fn write_grid_xlsx(curriculum: &Curriculum, layout: &GridLayout) -> Result<Vec<u8>> {
    waypost_workbook::write_sheet(
        layout.sheet.as_deref(),
        &grid::grid_rows(curriculum, layout),
    )
    // Writing to memory fails only where memory does; said plainly all the same.
    .map_err(|e| Error::parse(Diagnostic::new(format!("cannot write the workbook: {e}"))))
}

/// The sheets as a list for a hint: `` `Cover`, `Grid` ``.
fn sheet_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Opens a workbook's bytes (no larger than waypost reads, within the workbook limits) and
/// chooses its sheet as [`choose_sheet`] does: the workbook's sheet names, the chosen sheet's
/// name, and the sheet. Every reader of a workbook's grid starts here.
fn open_sheet(
    bytes: &[u8],
    name: Option<&str>,
    sheet: Option<&str>,
    has_header: &dyn Fn(&Sheet) -> bool,
) -> Result<(Vec<String>, String, Sheet)> {
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
    let refused = |r: Refused| fail(r.message, r.hint);
    let mut workbook = Workbook::open(bytes, LIMITS).map_err(refused)?;
    let (sheet_name, chosen) = choose_sheet(&mut workbook, sheet, &fail, has_header)?;
    Ok((workbook.sheet_names().to_vec(), sheet_name, chosen))
}

/// The sheet asked for (by its name, or else ignoring case and spaces at the ends), or the
/// first whose header row names the grid's columns, or else the first.
fn choose_sheet(
    workbook: &mut Workbook<'_>,
    sheet: Option<&str>,
    fail: &dyn Fn(String, Option<String>) -> Error,
    has_grid_header: &dyn Fn(&Sheet) -> bool,
) -> Result<(String, Sheet)> {
    let names = workbook.sheet_names().to_vec();
    let refused = |r: Refused| fail(r.message, r.hint);
    let mut sheets = Vec::new();
    match sheet {
        Some(wanted) => {
            let Some(found) = names.iter().find(|n| n.as_str() == wanted).or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            }) else {
                return Err(fail(
                    format!("the workbook has no sheet `{wanted}`"),
                    Some(format!("its sheets are {}", sheet_list(&names))),
                ));
            };
            sheets.push((found.clone(), workbook.sheet(found).map_err(refused)?));
        }
        // Sheets in order up to the first with a grid's header; only that one and the first
        // (named in the error when none has the header) are kept.
        None => {
            for n in &names {
                let sheet = workbook.sheet(n).map_err(refused)?;
                let grid = has_grid_header(&sheet);
                if sheets.is_empty() || grid {
                    sheets.push((n.clone(), sheet));
                }
                if grid {
                    break;
                }
            }
        }
    }
    let chosen = sheets
        .iter()
        .position(|(_, sheet)| has_grid_header(sheet))
        .unwrap_or(0);
    if chosen >= sheets.len() {
        return Err(fail(
            "the workbook has no sheets".to_string(),
            Some("a grid is one sheet with a header row naming its columns".to_string()),
        ));
    }
    Ok(sheets.swap_remove(chosen))
}

/// Reads the grid from the chosen sheet.
fn read_sheet(
    sheet: Sheet,
    sheet_name: &str,
    names: &[String],
    name: Option<&str>,
) -> Result<Curriculum> {
    let Sheet {
        top,
        left,
        rows,
        errors,
    } = sheet;
    let located =
        |row: usize, column: Option<usize>, message: String, hint: Option<String>| Diagnostic {
            path: name.map(str::to_string),
            line: Some(row),
            column,
            pointer: Some(cell_reference(sheet_name, row, column)),
            message,
            hint,
        };
    let mut rows = rows.into_iter();
    let Some(headers) = rows.next() else {
        return Err(Error::parse(located(
            1,
            None,
            format!("the sheet `{sheet_name}` is empty"),
            Some(if names.len() > 1 {
                format!(
                    "name the sheet that holds the grid; the sheets are {}",
                    sheet_list(names)
                )
            } else {
                "a mapping grid needs a header row with `module`, `unit` and `covers`".to_string()
            }),
        )));
    };
    let known: Vec<bool> = headers.iter().map(|h| grid::is_known_header(h)).collect();
    let problems: Vec<Diagnostic> = errors
        .iter()
        .filter(|e| e.row > 0 && known.get(e.column).copied().unwrap_or(false))
        .map(|e| {
            located(
                top + e.row + 1,
                Some(left + e.column + 1),
                format!("the cell holds the spreadsheet error `{}`", e.error),
                Some("fix the formula, or replace it with its value".to_string()),
            )
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let grid_rows: Vec<GridRow> = rows
        .enumerate()
        .map(|(i, cells)| GridRow {
            line: top + i + 2,
            cells,
        })
        .collect();
    // Columns are reported where they are in the sheet, which may not start at column A.
    let shifted = |row: usize, column: Option<usize>, message: String, hint: Option<String>| {
        located(row, column.map(|c| c + left), message, hint)
    };
    let mut curriculum = grid::build_grid(&headers, top + 1, &grid_rows, name, &shifted)?;
    curriculum.origin.cells.shift_columns(left);
    curriculum.origin.path = name.map(str::to_string);
    curriculum.origin.format = Some(Format::Csv);
    Ok(curriculum)
}

/// A sheet's rows, each with its 1-based row number.
pub(crate) type NumberedRows = Vec<(usize, Vec<String>)>;

/// The rows of a workbook's sheet as text, each with its 1-based row, for readers of other
/// grids (a framework kept as a spreadsheet): the sheet named, else the first whose header row
/// satisfies `header`, else the first. Also gives how many columns of the sheet come before
/// the rows' first cell. A cell holding a spreadsheet error is a problem at its cell.
pub(crate) fn sheet_rows(
    bytes: &[u8],
    name: Option<&str>,
    sheet: Option<&str>,
    header: &dyn Fn(&[String]) -> bool,
) -> Result<(NumberedRows, usize)> {
    let has_header = |s: &Sheet| s.rows.first().is_some_and(|h| header(h));
    let (_, sheet_name, chosen) = open_sheet(bytes, name, sheet, &has_header)?;
    let Sheet {
        top,
        left,
        rows,
        errors,
    } = chosen;
    let problems: Vec<Diagnostic> = errors
        .iter()
        .map(|e| Diagnostic {
            path: name.map(str::to_string),
            line: Some(top + e.row + 1),
            column: Some(left + e.column + 1),
            pointer: Some(cell_reference(
                &sheet_name,
                top + e.row + 1,
                Some(left + e.column + 1),
            )),
            message: format!("the cell holds the spreadsheet error `{}`", e.error),
            hint: Some("fix the formula, or replace it with its value".to_string()),
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok((
        rows.into_iter()
            .enumerate()
            .map(|(i, cells)| (top + i + 1, cells))
            .collect(),
        left,
    ))
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

fn has_grid_header(sheet: &Sheet) -> bool {
    sheet
        .rows
        .first()
        .is_some_and(|headers| grid::has_required_columns(headers))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_with_spaces_are_quoted() {
        assert_eq!(cell_reference("Grid", 4, Some(3)), "Grid!C4");
        assert_eq!(cell_reference("Year 1", 4, Some(3)), "'Year 1'!C4");
        assert_eq!(cell_reference("Tom's", 2, None), "'Tom''s'!2:2");
    }
}
