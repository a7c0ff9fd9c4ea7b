//! What the checks before calamine assume about calamine 0.38.0, held against calamine itself:
//! crafted workbooks are given both to the checks and to calamine directly, with nothing in
//! between. A new calamine (or zip, or quick-xml) that reads them differently fails here, and
//! the checks must be brought into line before the pin moves (`docs/architecture.md`,
//! "Workbooks").
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod build;

use std::{
    io::Cursor,
    panic::{AssertUnwindSafe, catch_unwind},
};

use build::*;
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use waypost_workbook::{Limits, MeasuredSheet, Workbook, measured_sheets};

/// waypost's limits (`core/src/xlsx.rs`).
const LIMITS: Limits = Limits {
    cells: 5_000_000,
    text: 256 << 20,
    unpacked: 256 << 20,
};

/// Each sheet as calamine lays it out when it opens the workbook: its name and the block from
/// its first cell to its last.
fn laid_out_by_calamine(bytes: &[u8]) -> Vec<MeasuredSheet> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let block = range.start().zip(range.end());
            (name, block)
        })
        .collect()
}

/// Whether calamine, given the bytes with no check before it, panics opening the workbook or
/// reading its first sheet.
fn calamine_panics_on(bytes: &[u8]) -> bool {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if let Ok(mut book) = open_workbook_auto_from_rs(Cursor::new(bytes)) {
            let names = book.sheet_names();
            if let Some(first) = names.first() {
                let _ = book.worksheet_range(first);
            }
        }
    }));
    std::panic::set_hook(hook);
    outcome.is_err()
}

/// The records of a grid starting at (`top`, `left`), 0-based: the header, then `rows` rows.
fn grid_at(top: u16, left: u16, rows: u16) -> Vec<u8> {
    let mut body = dimensions(u32::from(top), u32::from(top + rows + 1), left, left + 3);
    for column in 0..3 {
        body.extend(text(top, left + column, u32::from(column)));
    }
    for row in 1..=rows {
        body.extend(text(top + row, left, 3));
        body.extend(number(top + row, left + 1, f64::from(row)));
        body.extend(text(top + row, left + 2, 5));
    }
    body
}

#[test]
fn the_xls_sheets_measured_are_the_blocks_calamine_lays_out() {
    let workbooks: Vec<(&str, Vec<u8>)> = vec![
        // Under 4096 bytes: the Workbook stream is in the mini stream.
        (
            "one small sheet",
            xls(&biff(&[("Grid", grid_records(0))], &STRINGS)),
        ),
        // Over 4096 bytes: in sectors of its own.
        (
            "one larger sheet",
            xls(&biff(&[("Grid", grid_records(400))], &STRINGS)),
        ),
        (
            "three sheets, the grid away from A1, one sheet empty",
            xls(&biff(
                &[
                    ("Cover", grid_at(0, 0, 1)),
                    ("Grid", grid_at(4, 2, 30)),
                    ("Notes", Vec::new()),
                ],
                &STRINGS,
            )),
        ),
    ];
    for (what, bytes) in &workbooks {
        let measured = measured_sheets(bytes, LIMITS).unwrap();
        assert!(measured.iter().any(|(_, block)| block.is_some()), "{what}");
        assert_eq!(measured, laid_out_by_calamine(bytes), "{what}");
    }
}

#[test]
fn the_ods_tables_measured_are_the_blocks_calamine_lays_out() {
    let workbooks: Vec<(&str, Vec<u8>)> = vec![
        ("one table", ods(&ods_grid("Grid", ""))),
        (
            "rows and cells repeated",
            ods(&ods_grid(
                "Grid",
                &format!(
                    r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2"/>{}</table:table-row>"#,
                    ods_text("x")
                ),
            )),
        ),
        (
            "two tables, one empty",
            ods(&format!(
                r#"{}<table:table table:name="Notes"/>"#,
                ods_grid("Grid", "")
            )),
        ),
    ];
    for (what, bytes) in &workbooks {
        let measured = measured_sheets(bytes, LIMITS).unwrap();
        assert!(measured.iter().any(|(_, block)| block.is_some()), "{what}");
        assert_eq!(measured, laid_out_by_calamine(bytes), "{what}");
    }
}

/// A small XLSX grid, written by the crate's own writer, with one text replaced in its sheet's
/// XML.
fn xlsx_with_sheet_text(from: &str, to: &str) -> Vec<u8> {
    let rows: Vec<Vec<String>> = [["module", "unit", "covers"], ["M1", "LO1", "K1"]]
        .iter()
        .map(|row| row.iter().map(|c| (*c).to_string()).collect())
        .collect();
    build::with_sheet_text(
        &waypost_workbook::write_sheet(None, &rows).unwrap(),
        from,
        to,
    )
}

/// What the checks refuse because calamine 0.38.0 panics on it. When calamine stops panicking
/// on one, this fails: the check may then go, or become calamine's own error.
#[test]
fn calamine_still_panics_where_the_checks_refuse() {
    let good = biff(&[("Grid", grid_records(0))], &STRINGS);
    let mut overrun = compound_file(&[("Workbook", &good)]);
    let past = (overrun.fat.len() * 128) as u32 + 1;
    overrun
        .bytes
        .resize(overrun.bytes.len() + 512 * (past as usize + 2), 0);
    let directory = overrun.directory;
    overrun.set_next(directory, past);
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "an XLS beginning-of-file record of one byte",
            xls(&{
                let mut s = rec(0x0809, &[6]);
                s.extend(&good);
                s
            }),
        ),
        (
            "an XLS shared string flagged as formatted, without its count of runs",
            xls(&{
                let mut s = bof(0x0005);
                s.extend(rec(0x00FC, &[1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x08]));
                s.extend(&good[bof(0x0005).len()..]);
                s
            }),
        ),
        (
            "an XLS sector chain leading past the sector table",
            overrun.bytes,
        ),
    ];
    // calamine adds up a reference's letters in a `u32` unchecked (tafia/calamine#709): a panic
    // where overflow checks are on, as in tests, and another cell where they are off.
    if cfg!(debug_assertions) {
        cases.push((
            "an XLSX cell reference of eight letters",
            xlsx_with_sheet_text(r#"r="C2""#, r#"r="ZZZZZZZZC2""#),
        ));
    }
    for (what, bytes) in &cases {
        assert!(
            calamine_panics_on(bytes),
            "calamine no longer panics on {what}"
        );
        let refused = Workbook::open(bytes, LIMITS).unwrap_err();
        assert!(
            refused.message.starts_with("cannot read the workbook: "),
            "{what}: {}",
            refused.message
        );
    }
}

/// The checks let through what calamine reads, and the sheet read is the one calamine gives.
#[test]
fn a_workbook_the_checks_let_through_reads_as_calamine_reads_it() {
    let bytes = xls(&biff(&[("Grid", grid_at(4, 2, 3))], &STRINGS));
    let mut workbook = Workbook::open(&bytes, LIMITS).unwrap();
    let sheet = workbook.sheet("Grid").unwrap();
    let mut book = open_workbook_auto_from_rs(Cursor::new(&bytes)).unwrap();
    let range = book.worksheet_range("Grid").unwrap();
    assert_eq!((sheet.top, sheet.left), (4, 2));
    let calamine_rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|d| match d {
                    Data::Float(f) => format!("{f:.0}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert_eq!(sheet.rows, calamine_rows);
    assert_eq!(sheet.rows[1], ["M1", "1", "K1"]);
}
