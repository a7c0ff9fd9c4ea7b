//! Mapping grids kept as spreadsheet workbooks (XLSX, and XLS or ODS, read with calamine).
//!
//! A sheet holds the same columns as the CSV grid and means the same: both go through
//! [`crate::grid`]'s one row-processing path. Problems name the file, the row and the column,
//! and the cell as a spreadsheet names it (`'Year 1'!C4`), so a team can find it in Excel.

use std::{io::Cursor, path::Path};

use calamine::{Data, Reader, open_workbook_auto_from_rs};

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
            ranges.push((found.clone(), read_range(&mut workbook, found, &fail)?));
        }
        None => {
            for n in &names {
                ranges.push((n.clone(), read_range(&mut workbook, n, &fail)?));
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
    let io = |e: std::io::Error| Error::Io {
        path: shown.clone(),
        message: e.to_string().to_lowercase(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::Io {
            path: shown,
            message: "it is a folder, not a file".to_string(),
        });
    }
    if usize::try_from(meta.len()).map_or(true, |n| n > crate::format::MAX_INPUT_BYTES) {
        return Err(Error::parse(
            crate::error::Diagnostic::new(format!(
                "the file is larger than the {} MB waypost reads",
                crate::format::MAX_INPUT_BYTES / (1024 * 1024)
            ))
            .with_hint("split it into several files")
            .in_file(Some(&shown)),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    read_grid_xlsx(&bytes, Some(&shown), sheet)
}

/// Whether a file name looks like a spreadsheet workbook rather than text.
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods"
        )
    })
}

fn read_range<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    sheet: &str,
    fail: &dyn Fn(String, Option<String>) -> Error,
) -> Result<calamine::Range<Data>> {
    workbook.worksheet_range(sheet).map_err(|e| {
        fail(
            format!(
                "cannot read the sheet `{sheet}`: {}",
                lowercase_first(&e.to_string())
            ),
            None,
        )
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
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn sheet_names_with_spaces_are_quoted() {
        assert_eq!(cell_reference("Grid", 4, Some(3)), "Grid!C4");
        assert_eq!(cell_reference("Year 1", 4, Some(3)), "'Year 1'!C4");
        assert_eq!(cell_reference("Tom's", 2, None), "'Tom''s'!2:2");
    }
}
