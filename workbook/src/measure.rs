//! The sheets of a workbook measured before calamine lays them out, and the limits they are
//! held to.

use crate::{Limits, Refused, biff, cfb, column_letters, ods};

/// Rows and columns a sheet can have: its last cell is `XFD1048576`.
pub(crate) const SHEET_ROWS: u32 = 1_048_576;
pub(crate) const SHEET_COLUMNS: u32 = 16_384;

pub(crate) const DAMAGED: &str =
    "the file is damaged; save the grid again from the spreadsheet, or as CSV (UTF-8)";

/// A sheet's first and last filled cell, as 0-based (row, column).
pub(crate) type Extent = ((u32, u32), (u32, u32));

/// Why a workbook is refused before calamine opens it, in the words of the error.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) message: String,
    pub(crate) hint: String,
}

impl Refusal {
    /// A workbook, or one of its sheets, that calamine would panic on or read without end.
    pub(crate) fn damaged(sheet: Option<&str>, detail: &str) -> Refusal {
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
#[derive(Debug)]
pub(crate) struct Tally {
    limits: Limits,
    total: u64,
    sheets: usize,
    /// Bytes of text, each counted for every cell that holds a copy of it.
    text: u64,
    /// Each sheet measured: its name and the block calamine will lay out for it.
    measured: Vec<(String, Option<Extent>)>,
}

impl Tally {
    fn new(limits: Limits) -> Tally {
        Tally {
            limits,
            total: 0,
            sheets: 0,
            text: 0,
            measured: Vec::new(),
        }
    }

    /// Counts a sheet whose filled cells span `extent` and of which calamine keeps `held`
    /// cells one by one before laying them out.
    pub(crate) fn sheet(
        &mut self,
        sheet: &str,
        extent: Option<Extent>,
        held: u64,
    ) -> std::result::Result<(), Refusal> {
        let area = match extent {
            None => 0,
            Some((start, end)) => {
                if let Some(refusal) = extent_refusal(sheet, start, end, self.limits.cells) {
                    return Err(refusal);
                }
                span_cells(start, end)
            }
        };
        self.held_so_far(sheet, held)?;
        self.sheets += 1;
        self.total += area.max(held);
        self.measured.push((sheet.to_string(), extent));
        self.within_workbook(sheet, self.total, self.sheets)
    }

    /// Checks the cells kept so far of a sheet not yet read to its end.
    pub(crate) fn held_so_far(&self, sheet: &str, held: u64) -> std::result::Result<(), Refusal> {
        let most = self.limits.cells;
        if held > most {
            return Err(Refusal {
                message: format!(
                    "the sheet `{sheet}` is written as {held} cells, counting empty ones; waypost reads a sheet of at most {most}"
                ),
                hint: "delete the empty rows and columns after the grid, or save the grid as .xlsx or CSV (UTF-8)".to_string(),
            });
        }
        self.within_workbook(sheet, self.total + held, self.sheets + 1)
    }

    /// Counts `bytes` more text held in the workbook's cells.
    pub(crate) fn text(&mut self, bytes: u64) -> std::result::Result<(), Refusal> {
        self.text = self.text.saturating_add(bytes);
        if self.text > self.limits.text {
            let megabytes = self.limits.text >> 20;
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
        let most = self.limits.cells;
        if total > most {
            return Err(Refusal {
                message: format!(
                    "the first {sheets} sheets of the workbook, up to `{sheet}`, span {total} cells together; waypost reads at most {most} from all the sheets of an XLS or ODS workbook"
                ),
                hint: "XLS and ODS workbooks are read whole, every sheet at once: delete the sheets that do not hold the grid, or save the grid as .xlsx or CSV (UTF-8)".to_string(),
            });
        }
        Ok(())
    }
}

/// Measures the sheets of an XLS or ODS workbook as calamine will lay them out, which it does
/// for all of them as it opens the file, before the check of any one sheet could come. Other
/// bytes, and workbooks calamine will refuse with an error of its own, pass. Gives each sheet
/// measured, with the block from its first cell to its last.
pub(crate) fn measure_whole_workbook(
    bytes: &[u8],
    limits: Limits,
) -> std::result::Result<Vec<(String, Option<Extent>)>, Refusal> {
    let mut tally = Tally::new(limits);
    if cfb::is_compound_file(bytes) {
        match cfb::workbook_stream(bytes) {
            Ok(stream) => biff::scan(&stream, &mut tally)?,
            Err(cfb::Fault::Unreadable) => {}
            Err(cfb::Fault::Damaged(detail)) => return Err(Refusal::damaged(None, detail)),
        }
    } else {
        ods::scan(bytes, &mut tally)?;
    }
    Ok(tally.measured)
}

pub(crate) fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(b.try_into().ok()?))
}

pub(crate) fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

/// Refuses a sheet whose filled cells reach past its last cell, or span more than
/// `most` cells from the first to the last.
pub(crate) fn check_extent(
    sheet: &str,
    start: (u32, u32),
    end: (u32, u32),
    most: u64,
) -> Result<(), Refused> {
    match extent_refusal(sheet, start, end, most) {
        Some(refusal) => Err(refusal.into()),
        None => Ok(()),
    }
}

fn extent_refusal(sheet: &str, start: (u32, u32), end: (u32, u32), most: u64) -> Option<Refusal> {
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
    if cells > most {
        return Some(Refusal {
            message: format!(
                "the sheet `{sheet}` spans {}:{}, {cells} cells; waypost reads a sheet of at most {most}",
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
pub(crate) fn cell_name((row, column): (u32, u32)) -> String {
    format!(
        "{}{}",
        column_letters(column as usize + 1),
        u64::from(row) + 1
    )
}
