//! The cells of an XLSX or XLSB sheet, read one by one and measured before they are laid out
//! in one block; and the sheets of an XLS or ODS workbook, laid out when it was opened,
//! checked again as they are.

use std::io::{Read, Seek};

use calamine::{Cell, Data, DataRef, Range, Reader, Sheets, XlsxError};

use crate::{
    Limits, Refused, lowercase_first,
    measure::{Extent, Refusal, check_extent},
};

/// Reads a sheet, refusing it if it holds more than `limits` allow.
pub(crate) fn read_range<RS: Read + Seek>(
    workbook: &mut Sheets<RS>,
    sheet: &str,
    held: &mut Held,
    limits: Limits,
) -> Result<Range<Data>, Refused> {
    let unreadable = |e: calamine::Error| Refused {
        message: format!(
            "cannot read the sheet `{sheet}`: {}",
            lowercase_first(&e.to_string())
        ),
        hint: None,
    };
    // XLSX and XLSB sheets are read cell by cell and their extent checked before calamine
    // lays the cells out in one block, as its `worksheet_range` would at once.
    let refused = Refused::from;
    let cells = match workbook {
        Sheets::Xlsx(book) => match book.worksheet_cells_reader(sheet) {
            Ok(mut reader) => filled_cells(sheet, held, limits, || reader.next_cell())
                .map_err(|e| e.either(|e| unreadable(calamine::Error::Xlsx(e)), refused))?,
            // A chart sheet: no cells, as `worksheet_range` gives.
            Err(XlsxError::NotAWorksheet(_)) => Vec::new(),
            Err(e) => return Err(unreadable(calamine::Error::Xlsx(e))),
        },
        Sheets::Xlsb(book) => {
            let mut reader = book
                .worksheet_cells_reader(sheet)
                .map_err(|e| unreadable(calamine::Error::Xlsb(e)))?;
            filled_cells(sheet, held, limits, || reader.next_cell())
                .map_err(|e| e.either(|e| unreadable(calamine::Error::Xlsb(e)), refused))?
        }
        // XLS and ODS sheets were laid out when the workbook was opened, after
        // `measure_whole_workbook` had measured them; checked again as they are.
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = workbook.worksheet_range(sheet).map_err(unreadable)?;
            if let (Some(start), Some(end)) = (range.start(), range.end()) {
                check_extent(sheet, start, end, limits.cells)?;
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
        check_extent(sheet, start, end, limits.cells)?;
    }
    Ok(Range::from_sparse(cells))
}

/// What the sheets of an XLSX or XLSB workbook read so far hold, one cell at a time: counted
/// across sheets, since every sheet may be read to find the grid.
#[derive(Debug, Default)]
pub(crate) struct Held {
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
    limits: Limits,
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
        let most = limits.cells;
        if held.cells > most {
            return Err(Stopped::Refused(Refusal {
                message: format!(
                    "the workbook holds more than {most} filled cells, up to the sheet `{sheet}`; waypost reads at most that many"
                ),
                hint: "a mapping grid is one sheet of a few thousand cells: save only the grid, or save it as CSV (UTF-8)".to_string(),
            }));
        }
        if held.text > limits.text {
            return Err(Stopped::Refused(Refusal {
                message: format!(
                    "the cells of the workbook hold more than {} MB of text, up to the sheet `{sheet}`, counting a shared text once for each cell that shows it; waypost reads at most that much",
                    limits.text / (1024 * 1024)
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// waypost's limits (`core/src/xlsx.rs`).
    const LIMITS: Limits = Limits {
        cells: 5_000_000,
        text: 256 << 20,
        unpacked: 256 << 20,
    };

    #[test]
    fn filled_cells_stop_at_the_workbooks_cell_and_text_limits() {
        use calamine::DataRef;
        // Ten million cells all at one position: stopped at the limit, not after reading all.
        let mut given = 0u64;
        let mut held = Held::default();
        let result = filled_cells::<()>("Grid", &mut held, LIMITS, || {
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
        assert_eq!(given, LIMITS.cells + 1);
        // One long shared text shown by many cells: counted once per cell.
        let long = "x".repeat(1 << 20);
        let mut held = Held::default();
        let mut n = 0u32;
        let result = filled_cells::<()>("Grid", &mut held, LIMITS, || {
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
            cells: LIMITS.cells,
            text: 0,
        };
        let mut once = true;
        let result = filled_cells::<()>("Second", &mut held, LIMITS, || {
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
        let result = filled_cells::<()>("Grid", &mut held, LIMITS, || {
            Ok(it.next().map(|(i, v)| Cell::new((0, i as u32), v)))
        });
        let Ok(kept) = result else { panic!("read") };
        assert_eq!(kept.len(), 2);
        assert_eq!((held.cells, held.text), (2, 1));
    }
}
