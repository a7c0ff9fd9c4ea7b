//! XLS and ODS workbooks that calamine 0.38 lays out whole, every sheet, as it opens them:
//! good ones are read, and ones that would make it allocate gigabytes, panic or spin are
//! refused first, with the sheet named. The workbooks are built byte by byte (an XLS file as a
//! Compound File holding BIFF8 records, an ODS file as a zip of XML) by the builders the
//! workbook crate's tests share (`workbook/tests/build`).
#![cfg(feature = "grid-xlsx")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../workbook/tests/build/mod.rs"]
mod build;

use build::*;

mod common;

fn message(bytes: &[u8], name: &str) -> String {
    let e = waypost::load_workbook(bytes, Some(name), &common::sheet(None)).unwrap_err();
    assert_eq!(e.code(), "parse", "{e}");
    e.first().unwrap().message.clone()
}

fn hint(bytes: &[u8], name: &str) -> String {
    let e = waypost::load_workbook(bytes, Some(name), &common::sheet(None)).unwrap_err();
    e.first().unwrap().hint.clone().unwrap_or_default()
}

fn units(c: &waypost::Curriculum) -> Vec<(String, String, String)> {
    c.modules
        .iter()
        .flat_map(|m| {
            m.units.iter().map(move |u| {
                let covers: Vec<&str> = u.covers.iter().map(|c| c.statement.as_str()).collect();
                (m.code.clone(), u.id.clone(), covers.join(";"))
            })
        })
        .collect()
}

fn row(module: &str, unit: &str, covers: &str) -> (String, String, String) {
    (module.to_string(), unit.to_string(), covers.to_string())
}

#[test]
fn xls_grid_in_the_mini_stream_and_in_regular_sectors_is_read() {
    // 3 rows: under 4096 bytes, so the Workbook stream is in the mini stream.
    let small = biff(&[("Grid", grid_records(0))], &STRINGS);
    assert!(small.len() < 4096);
    let c = waypost::load_workbook(&xls(&small), Some("grid.xls"), &common::sheet(None)).unwrap();
    assert_eq!(
        units(&c),
        [row("M1", "LO1", "K1"), row("M1", "2", "K1")],
        "{c:?}"
    );
    // 300 rows: over 4096 bytes, in sectors of its own.
    let large = biff(&[("Grid", grid_records(300))], &STRINGS);
    assert!(large.len() > 4096);
    let c = waypost::load_workbook(&xls(&large), Some("grid.xls"), &common::sheet(None)).unwrap();
    assert_eq!(units(&c).len(), 302);
    assert_eq!(units(&c)[301], row("M1", "302", "K1"));
    // A cover sheet first: the grid is found on the second.
    let cover = text(0, 0, 4);
    let two = biff(&[("Cover", cover), ("Grid", grid_records(0))], &STRINGS);
    let c = waypost::load_workbook(&xls(&two), Some("grid.xls"), &common::sheet(None)).unwrap();
    assert_eq!(units(&c).len(), 2);
}

#[test]
fn xls_stray_far_cell_is_refused_before_the_sheet_is_laid_out() {
    let mut body = grid_records(0);
    body.extend(number(65535, 255, 1.0));
    let bytes = xls(&biff(&[("Grid", body)], &STRINGS));
    assert_eq!(
        message(&bytes, "far.xls"),
        "the sheet `Grid` spans A1:IV65536, 16777216 cells; waypost reads a sheet of at most 5000000"
    );
    assert!(hint(&bytes, "far.xls").contains("Ctrl+End"));
}

/// An XLS workbook of `n` sheets `Sheet1`, `Sheet2`, ..., each a small grid and one number at
/// (`row`, `column`), 0-based.
fn sheets_reaching(n: usize, row: u16, column: u16) -> Vec<u8> {
    let sheets: Vec<(String, Vec<u8>)> = (1..=n)
        .map(|i| {
            let mut body = grid_records(0);
            body.extend(number(row, column, 1.0));
            (format!("Sheet{i}"), body)
        })
        .collect();
    let named: Vec<(&str, Vec<u8>)> = sheets
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    xls(&biff(&named, &STRINGS))
}

#[test]
fn xls_many_sheets_each_within_the_limit_are_refused_together() {
    // Eight sheets of a header and a cell at IV4096: a million cells each.
    let bytes = sheets_reaching(8, 4095, 255);
    assert_eq!(
        message(&bytes, "many.xls"),
        "the first 5 sheets of the workbook, up to `Sheet5`, span 5242880 cells together; waypost reads at most 5000000 from all the sheets of an XLS or ODS workbook"
    );
    assert_eq!(
        hint(&bytes, "many.xls"),
        "XLS and ODS workbooks are read whole, every sheet at once: delete the sheets that do not hold the grid, or save the grid as .xlsx or CSV (UTF-8)"
    );
    // Thirty sheets reaching IV65536: the first is refused on its own.
    assert_eq!(
        message(&sheets_reaching(30, 65535, 255), "heavy.xls"),
        "the sheet `Sheet1` spans A1:IV65536, 16777216 cells; waypost reads a sheet of at most 5000000"
    );
}

#[test]
fn xls_many_sheets_pointing_at_one_heavy_sheet_are_refused() {
    let mut heavy = grid_records(0);
    heavy.extend(number(4095, 255, 1.0));
    let names: Vec<String> = (1..=30).map(|i| format!("Copy{i}")).collect();
    let listed: Vec<(&str, usize)> = names.iter().map(|n| (n.as_str(), 0)).collect();
    let bytes = xls(&biff_listing(&listed, &[&heavy], &STRINGS));
    assert_eq!(
        message(&bytes, "copies.xls"),
        "cannot read the workbook: the sheets `Copy1` and `Copy2` share their records in the file"
    );
    // A sheet pointing into the middle of another's records.
    let stream = biff(
        &[("Grid", grid_records(0)), ("Other", grid_records(0))],
        &STRINGS,
    );
    let mut moved = stream.clone();
    // Point `Other` at `Grid`'s second record (just after its BOF, 20 bytes).
    let grid_at = find_bound_sheet(&moved, "Grid");
    let other_at = find_bound_sheet(&moved, "Other");
    let inside = u32::from_le_bytes(moved[grid_at..grid_at + 4].try_into().unwrap()) + 20;
    moved[other_at..other_at + 4].copy_from_slice(&inside.to_le_bytes());
    assert_eq!(
        message(&xls(&moved), "overlap.xls"),
        "cannot read the workbook: the sheets `Grid` and `Other` share their records in the file"
    );
}

/// Where the position field of the BoundSheet8 record naming `name` is in a stream.
fn find_bound_sheet(stream: &[u8], name: &str) -> usize {
    let mut at = 0;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        let data = &stream[at + 4..at + 4 + len];
        if kind == 0x0085 && &data[8..] == name.as_bytes() {
            return at + 4;
        }
        at += 4 + len;
    }
    panic!("no sheet {name}");
}

#[test]
fn xls_dimensions_past_the_last_cell_or_inverted_are_refused_and_a_whole_sheet_reads() {
    let with_dimensions = |record: Vec<u8>| {
        let mut body = record;
        body.extend(grid_records(0));
        xls(&biff(&[("Grid", body)], &STRINGS))
    };
    // The whole of a BIFF8 sheet declared: reserved for a moment, not laid out, so the small
    // grid in it reads (a sheet of formatted blank cells declares such areas).
    let whole = waypost::load_workbook(
        &with_dimensions(dimensions(0, 65536, 0, 256)),
        None,
        &common::sheet(None),
    )
    .unwrap();
    assert_eq!(whole.modules.len(), 1);
    // Four billion rows: calamine would ask for terabytes.
    assert_eq!(
        message(
            &with_dimensions(dimensions(0, u32::MAX, 0, 256)),
            "dims.xls"
        ),
        "cannot read the sheet `Grid`: it gives its used area as A1:IV4294967295, past IV65536, the last cell of an XLS sheet"
    );
    // One row or one column too many.
    assert!(
        message(&with_dimensions(dimensions(0, 65537, 0, 256)), "dims.xls")
            .ends_with("past IV65536, the last cell of an XLS sheet")
    );
    assert!(
        message(&with_dimensions(dimensions(0, 3, 0, 257)), "dims.xls")
            .ends_with("past IV65536, the last cell of an XLS sheet")
    );
    // Ending before it starts: calamine's subtraction wraps round.
    let e = waypost::load_workbook(
        &with_dimensions(dimensions(100, 10, 0, 3)),
        Some("dims.xls"),
        &common::sheet(None),
    )
    .unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(
        d.message,
        "cannot read the sheet `Grid`: it gives its used area as A101:C10, which ends before it starts"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("the file is damaged; save the grid again from the spreadsheet, or as CSV (UTF-8)")
    );
    // A DIMENSIONS record as Excel writes it reads.
    assert!(
        waypost::load_workbook(
            &with_dimensions(dimensions(0, 3, 0, 3)),
            None,
            &common::sheet(None)
        )
        .is_ok()
    );
}

#[test]
fn xls_hostile_workbook_stream_in_the_mini_stream_is_measured_too() {
    // The far cell, in a stream small enough for the mini stream, behind a sheet of its own.
    let mut body = text(0, 0, 0);
    body.extend(number(65535, 255, 1.0));
    let stream = biff(&[("Grid", grid_records(0)), ("Notes", body)], &STRINGS);
    assert!(stream.len() < 4096);
    assert_eq!(
        message(&xls(&stream), "mini.xls"),
        "the sheet `Notes` spans A1:IV65536, 16777216 cells; waypost reads a sheet of at most 5000000"
    );
    // The same stream named `Book`, as BIFF5 names it, is found and measured as well.
    let bytes = compound_file(&[("Book", &stream)]).bytes;
    assert!(message(&bytes, "book.xls").starts_with("the sheet `Notes` spans A1:IV65536"));
}

#[test]
fn xls_compound_file_whose_sector_chains_loop_or_overrun_is_refused() {
    let stream = biff(&[("Grid", grid_records(0))], &STRINGS);
    // The directory's chain points back at itself: calamine would read it for ever, growing.
    let mut looped = compound_file(&[("Workbook", &stream)]);
    let directory = looped.directory;
    looped.set_next(directory, directory);
    assert_eq!(
        message(&looped.bytes, "loop.xls"),
        "cannot read the workbook: a chain of its sectors loops back on itself"
    );
    // The chain goes on into sectors the FAT does not cover: calamine would index past it.
    let mut overrun = compound_file(&[("Workbook", &stream)]);
    let past = (overrun.fat.len() * 128) as u32 + 1;
    overrun
        .bytes
        .resize(overrun.bytes.len() + 512 * (past as usize + 2), 0);
    let directory = overrun.directory;
    overrun.set_next(directory, past);
    assert_eq!(
        message(&overrun.bytes, "overrun.xls"),
        "cannot read the workbook: a chain of its sectors leads past the end of the sector table"
    );
    // Bytes that only start like a Compound File are left to calamine, which says so.
    let mut short = compound_file(&[("Workbook", &stream)]).bytes;
    short.truncate(300);
    assert!(message(&short, "short.xls").starts_with("cannot read the workbook: "));
}

#[test]
fn xls_records_cut_short_or_inverted_are_refused_not_a_panic() {
    let good = biff(&[("Grid", grid_records(0))], &STRINGS);
    let grid_at = find_bound_sheet(&good, "Grid");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a BoundSheet8 record of five bytes",
            {
                let mut s = good.clone();
                // The record before the position field: shorten its length to 5.
                s[grid_at - 2..grid_at].copy_from_slice(&5u16.to_le_bytes());
                s
            },
            "cannot read the workbook: its sheet record is cut short",
        ),
        (
            "a BOF record of one byte",
            {
                let mut s = rec(0x0809, &[6]);
                s.extend(&good);
                s
            },
            "cannot read the workbook: its beginning-of-file record is cut short",
        ),
        (
            "a defined name whose formula is longer than the record",
            {
                let mut s = bof(0x0005);
                let mut name = vec![0u8; 14];
                name[4..6].copy_from_slice(&200u16.to_le_bytes());
                s.extend(rec(0x0018, &name));
                s.extend(&good[bof(0x0005).len()..]);
                s
            },
            "cannot read the workbook: its defined name record is cut short",
        ),
        (
            "a shared string flagged as formatted, without its count of runs",
            {
                let mut s = bof(0x0005);
                s.extend(rec(0x00FC, &[1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0x08]));
                s.extend(&good[bof(0x0005).len()..]);
                s
            },
            "cannot read the workbook: its shared strings record is cut short",
        ),
        (
            "a shared string going on into an empty CONTINUE record",
            {
                let mut s = bof(0x0005);
                s.extend(rec(0x00FC, &[1, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, b'a', b'b']));
                s.extend(rec(0x003C, &[]));
                s.extend(&good[bof(0x0005).len()..]);
                s
            },
            "cannot read the workbook: its shared strings record is cut short",
        ),
        (
            "a sheet starting past the end of the stream",
            {
                let mut s = good.clone();
                s[grid_at..grid_at + 4].copy_from_slice(&100_000u32.to_le_bytes());
                s
            },
            "cannot read the sheet `Grid`: it starts past the end of the workbook's records",
        ),
        (
            "a MULRK record whose last column is before its first",
            {
                let mut data = 1u16.to_le_bytes().to_vec();
                data.extend(5u16.to_le_bytes());
                data.extend([0u8; 6]);
                data.extend(4u16.to_le_bytes());
                biff(
                    &[("Grid", {
                        let mut b = grid_records(0);
                        b.extend(rec(0x00BD, &data));
                        b
                    })],
                    &STRINGS,
                )
            },
            "cannot read the sheet `Grid`: the run of numbers at F2 gives its last column before its first",
        ),
        (
            "a MERGECELLS record counting more ranges than it holds",
            {
                let mut data = 3u16.to_le_bytes().to_vec();
                data.extend([0u8; 8]);
                let mut body = grid_records(0);
                body.extend(rec(0x00E5, &data));
                biff(&[("Grid", body)], &STRINGS)
            },
            "cannot read the sheet `Grid`: its list of merged cells is cut short",
        ),
    ];
    for (what, stream, expected) in cases {
        assert_eq!(message(&xls(&stream), "cut.xls"), expected, "{what}");
    }
}

const TOO_MUCH_TEXT: &str = "the sheets of the workbook hold more than 256 MB of text, counting each cell that repeats it; waypost reads at most 256 MB of text from an XLS or ODS workbook";

#[test]
fn xls_long_shared_string_used_by_many_cells_is_refused() {
    // 65,535 characters, a 66 KB string, copied into 5,000 cells: 328 MB from a 136 KB file.
    let bytes = xls(&long_string_used(65_535, 5_000));
    assert!(bytes.len() < 140_000, "{}", bytes.len());
    assert_eq!(message(&bytes, "shared.xls"), TOO_MUCH_TEXT);
    assert!(hint(&bytes, "shared.xls").contains("a few kilobytes of text"));
    // Used by a hundred cells, 6.5 MB: read, the grid from the first sheet.
    let c = waypost::load_workbook(
        &xls(&long_string_used(65_535, 100)),
        Some("shared.xls"),
        &common::sheet(None),
    )
    .unwrap();
    assert_eq!(
        units(&c),
        [row("M1", "LO1", "K1"), row("M1", "2", "K1")],
        "{c:?}"
    );
}

#[test]
fn xls_labels_declaring_long_texts_are_refused() {
    // calamine makes room for the 65,535 characters each LABEL record gives as its length,
    // though only three follow: 5,000 of them, 70 KB, ask for 328 MB.
    let mut body = grid_records(0);
    for r in 3..5_003 {
        body.extend(label(r, 3, 65_535, "abc"));
    }
    let bytes = xls(&biff(&[("Grid", body)], &STRINGS));
    assert_eq!(message(&bytes, "labels.xls"), TOO_MUCH_TEXT);
    // Labels as written, their length what follows, on a sheet after the grid: read.
    let notes: Vec<u8> = (0..5_000).flat_map(|r| label(r, 0, 3, "abc")).collect();
    let bytes = xls(&biff(
        &[("Grid", grid_records(0)), ("Notes", notes)],
        &STRINGS,
    ));
    assert_eq!(
        units(&waypost::load_workbook(&bytes, Some("labels.xls"), &common::sheet(None)).unwrap())
            .len(),
        2
    );
}

#[test]
fn ods_grid_is_read() {
    // As LibreOffice writes a sheet: a run of empty cells and of empty rows to the end.
    let trailing = r#"<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    let bytes = ods(&ods_grid("Grid", trailing));
    let c = waypost::load_workbook(&bytes, Some("grid.ods"), &common::sheet(None)).unwrap();
    assert_eq!(
        units(&c),
        [row("M1", "LO1", "K1"), row("M1", "2", "K1")],
        "{c:?}"
    );
    // A cover sheet first: the grid is found on the second.
    let two = format!(
        r#"<table:table table:name="Cover">{}</table:table>{}"#,
        ods_row(&[ods_text("About")]),
        ods_grid("Grid", "")
    );
    let c = waypost::load_workbook(&ods(&two), Some("grid.ods"), &common::sheet(None)).unwrap();
    assert_eq!(units(&c).len(), 2);
}

#[test]
fn ods_huge_row_repeat_is_refused_before_the_sheet_is_laid_out() {
    let rows = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="30" office:value-type="float" office:value="1"/></table:table-row>"#;
    let bytes = ods(&ods_grid("Grid", rows));
    assert!(bytes.len() < 2000);
    assert_eq!(
        message(&bytes, "rows.ods"),
        "the sheet `Grid` spans A1:AD1000003, 30000090 cells; waypost reads a sheet of at most 5000000"
    );
}

#[test]
fn ods_huge_column_repeat_is_refused_and_capped_as_calamine_caps_it() {
    // A million columns, as calamine keeps them: up to XFD.
    let rows = r#"<table:table-row table:number-rows-repeated="400"><table:table-cell table:number-columns-repeated="1000000" office:value-type="float" office:value="1"/></table:table-row>"#;
    assert_eq!(
        message(&ods(&ods_grid("Grid", rows)), "columns.ods"),
        "the sheet `Grid` spans A1:XFD403, 6602752 cells; waypost reads a sheet of at most 5000000"
    );
    // Rows past the last a sheet has are dropped, as calamine drops them: two million rows
    // are counted as the 1,048,573 left after the grid's three.
    let rows = r#"<table:table-row table:number-rows-repeated="2000000"><table:table-cell table:number-columns-repeated="5" office:value-type="float" office:value="1"/></table:table-row>"#;
    assert_eq!(
        message(&ods(&ods_grid("Grid", rows)), "past.ods"),
        "the sheet `Grid` spans A1:E1048576, 5242880 cells; waypost reads a sheet of at most 5000000"
    );
}

#[test]
fn ods_many_tables_each_within_the_limit_are_refused_together() {
    let table = |i: usize| {
        format!(
            r#"<table:table table:name="T{i}"><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="10" office:value-type="float" office:value="1"/></table:table-row></table:table>"#
        )
    };
    let tables: String = (1..=30).map(table).collect();
    let bytes = ods(&format!("{}{tables}", ods_grid("Grid", "")));
    assert_eq!(
        message(&bytes, "tables.ods"),
        "the first 6 sheets of the workbook, up to `T5`, span 5000009 cells together; waypost reads at most 5000000 from all the sheets of an XLS or ODS workbook"
    );
}

#[test]
fn ods_rows_written_out_with_empty_cells_are_counted() {
    // No values at all, but calamine keeps 16,000 empty cells for each of these rows.
    let row = r#"<table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell/></table:table-row>"#;
    let bytes = ods(&ods_grid("Grid", &row.repeat(400)));
    assert_eq!(
        message(&bytes, "empty.ods"),
        "the sheet `Grid` is written as 5008009 cells, counting empty ones; waypost reads a sheet of at most 5000000"
    );
}

/// A table of one row, repeated `rows` times, of one text cell repeated `columns` times.
fn ods_repeated_text(text: &str, columns: usize, rows: usize) -> String {
    format!(
        r#"<table:table table:name="Notes"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="string" table:number-columns-repeated="{columns}"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table>"#
    )
}

#[test]
fn ods_huge_space_count_is_refused() {
    // calamine writes out the two billion spaces `text:s` asks for.
    let cell = r#"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/>b</text:p></table:table-cell>"#;
    let bytes = ods(&ods_grid(
        "Grid",
        &format!("<table:table-row>{cell}</table:table-row>"),
    ));
    assert!(bytes.len() < 2000);
    assert_eq!(message(&bytes, "spaces.ods"), TOO_MUCH_TEXT);
    // Even in a cell calamine has no room to keep, past the last column of the row.
    let cell = r#"<table:table-cell table:number-columns-repeated="16384"/><table:table-cell office:value-type="string"><text:p><text:s text:c="300000000"/></text:p></table:table-cell>"#;
    let bytes = ods(&ods_grid(
        "Grid",
        &format!("<table:table-row>{cell}</table:table-row>"),
    ));
    assert_eq!(message(&bytes, "spaces.ods"), TOO_MUCH_TEXT);
    // A negative count is no spaces to calamine, which reads on: what comes after it is
    // still measured.
    let cell = r#"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="-5"/></text:p></table:table-cell>"#;
    let bytes = ods(&format!(
        "{}{}",
        ods_grid(
            "Grid",
            &format!("<table:table-row>{cell}</table:table-row>")
        ),
        ods_repeated_text(&"x".repeat(10_000), 30, 1_000)
    ));
    assert_eq!(message(&bytes, "negative.ods"), TOO_MUCH_TEXT);
    // A few spaces, tabs and line breaks, and paragraphs, are read.
    let cell = r#"<table:table-cell office:value-type="string"><text:p>K<text:s text:c="3"/>2<text:tab/>c</text:p><text:p>d<text:line-break/>e</text:p></table:table-cell>"#;
    let more = ods_row(&[ods_text("M2"), ods_text("LO2"), cell.to_string()]);
    let c = waypost::load_workbook(
        &ods(&ods_grid("Grid", &more)),
        Some("spaces.ods"),
        &common::sheet(None),
    )
    .unwrap();
    assert_eq!(units(&c).len(), 3, "{c:?}");
}

#[test]
fn ods_long_text_repeated_by_rows_and_columns_is_refused() {
    // 10,000 bytes in 30 columns of 1,000 rows: 300 MB from a file of a few kilobytes.
    let long = "x".repeat(10_000);
    let bytes = ods(&format!(
        "{}{}",
        ods_grid("Grid", ""),
        ods_repeated_text(&long, 30, 1_000)
    ));
    assert!(bytes.len() < 2000, "{}", bytes.len());
    assert_eq!(message(&bytes, "repeated.ods"), TOO_MUCH_TEXT);
    // The same text in 30 columns of 100 rows, 30 MB, is read.
    let bytes = ods(&format!(
        "{}{}",
        ods_grid("Grid", ""),
        ods_repeated_text(&long, 30, 100)
    ));
    waypost::load_workbook(&bytes, Some("repeated.ods"), &common::sheet(None)).unwrap();
    // A formula or a text given as an attribute is copied the same way.
    let cell = format!(
        r#"<table:table-cell office:value-type="string" office:string-value="{long}" table:number-columns-repeated="30"/>"#
    );
    let rows =
        format!(r#"<table:table-row table:number-rows-repeated="1000">{cell}</table:table-row>"#);
    assert_eq!(
        message(&ods(&ods_grid("Grid", &rows)), "attribute.ods"),
        TOO_MUCH_TEXT
    );
    let cell = format!(
        r#"<table:table-cell table:formula="of:={long}" office:value-type="float" office:value="1" table:number-columns-repeated="30"/>"#
    );
    let rows =
        format!(r#"<table:table-row table:number-rows-repeated="1000">{cell}</table:table-row>"#);
    assert_eq!(
        message(&ods(&ods_grid("Grid", &rows)), "formula.ods"),
        TOO_MUCH_TEXT
    );
}

#[test]
fn ods_content_ending_inside_a_table_or_a_comment_is_refused_not_read_for_ever() {
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#;
    let cut_table = format!(
        r#"{head}<table:table table:name="Grid">{}"#,
        ods_row(&[ods_text("module"), ods_text("unit"), ods_text("covers")])
    );
    assert_eq!(
        message(&ods_with_content(&cut_table), "cut.ods"),
        "cannot read the sheet `Grid`: the file ends inside it"
    );
    let cut_comment = format!(
        r#"{head}<table:table table:name="Grid"><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>note"#
    );
    assert_eq!(
        message(&ods_with_content(&cut_comment), "comment.ods"),
        "cannot read the sheet `Grid`: the file ends inside a comment in it"
    );
}

/// Writes the workbooks of these tests to a folder, to measure what calamine makes of them
/// without the checks (`waypost check FILE` of an earlier build) and with them:
/// `WAYPOST_WORKBOOKS=/tmp/workbooks cargo test -p waypost --features grid-xlsx --test
/// hostile_workbooks -- --ignored`.
#[test]
#[ignore = "writes files for measuring by hand"]
fn write_workbooks_for_measuring() {
    let dir = std::env::var_os("WAYPOST_WORKBOOKS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("workbooks"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    files.push((
        "grid.xls",
        xls(&biff(&[("Grid", grid_records(0))], &STRINGS)),
    ));
    files.push(("grid.ods", ods(&ods_grid("Grid", ""))));
    let mut body = grid_records(0);
    body.extend(formula(2, 3, &[1, 0, 0x3A]));
    files.push(("formula-token.xls", xls(&biff(&[("Grid", body)], &STRINGS))));
    let far = |n: usize| sheets_reaching(n, 65535, 255);
    files.push(("far-1-sheet.xls", far(1)));
    files.push(("far-8-sheets.xls", far(8)));
    // Thirty sheets each just within the limit on its own (A1:IV19000, 4,864,000 cells).
    files.push(("near-30-sheets.xls", sheets_reaching(30, 18999, 255)));
    let mut heavy = grid_records(0);
    heavy.extend(number(65535, 255, 1.0));
    let names: Vec<String> = (1..=8).map(|i| format!("Copy{i}")).collect();
    let listed: Vec<(&str, usize)> = names.iter().map(|n| (n.as_str(), 0)).collect();
    files.push((
        "copies-8.xls",
        xls(&biff_listing(&listed, &[&heavy], &STRINGS)),
    ));
    let mut dims = dimensions(0, 65536, 0, 256);
    dims.extend(grid_records(0));
    files.push(("dimensions.xls", xls(&biff(&[("Grid", dims)], &STRINGS))));
    let mut huge = dimensions(0, u32::MAX, 0, 256);
    huge.extend(grid_records(0));
    files.push((
        "dimensions-huge.xls",
        xls(&biff(&[("Grid", huge)], &STRINGS)),
    ));
    let mut merged = grid_records(0);
    merged.extend(rec(0x00E5, &3u16.to_le_bytes()));
    files.push((
        "merged-short.xls",
        xls(&biff(&[("Grid", merged)], &STRINGS)),
    ));
    let mut inverted = dimensions(100, 10, 0, 3);
    inverted.extend(grid_records(0));
    files.push(("inverted.xls", xls(&biff(&[("Grid", inverted)], &STRINGS))));
    let stream = biff(&[("Grid", grid_records(0))], &STRINGS);
    let mut looped = compound_file(&[("Workbook", &stream)]);
    let directory = looped.directory;
    looped.set_next(directory, directory);
    files.push(("loop.xls", looped.bytes));
    files.push((
        "rows.ods",
        ods(&ods_grid(
            "Grid",
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="30" office:value-type="float" office:value="1"/></table:table-row>"#,
        )),
    ));
    let tables: String = (1..=8)
        .map(|i| {
            format!(
                r#"<table:table table:name="T{i}"><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="10" office:value-type="float" office:value="1"/></table:table-row></table:table>"#
            )
        })
        .collect();
    files.push((
        "tables-8.ods",
        ods(&format!("{}{tables}", ods_grid("Grid", ""))),
    ));
    let empty_row = r#"<table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell/></table:table-row>"#;
    files.push((
        "empty-rows.ods",
        ods(&ods_grid("Grid", &empty_row.repeat(4000))),
    ));
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#;
    files.push((
        "cut-table.ods",
        ods_with_content(&format!(r#"{head}<table:table table:name="Grid">"#)),
    ));
    // Text copied into each cell that holds it: one 65,535-character shared string in 60,000
    // cells; 60,000 LABEL records each declaring 65,535 characters; two billion spaces in
    // one ODS cell; 20,000 bytes of text in 100 columns of 2,000 rows.
    files.push(("shared-string.xls", xls(&long_string_used(65_535, 60_000))));
    let mut labels = grid_records(0);
    for r in 3..60_003 {
        labels.extend(label(r, 3, 65_535, "abc"));
    }
    files.push(("labels.xls", xls(&biff(&[("Grid", labels)], &STRINGS))));
    files.push((
        "spaces.ods",
        ods(&ods_grid(
            "Grid",
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="2000000000"/></text:p></table:table-cell></table:table-row>"#,
        )),
    ));
    files.push((
        "repeated-text.ods",
        ods(&format!(
            "{}{}",
            ods_grid("Grid", ""),
            ods_repeated_text(&"x".repeat(20_000), 100, 2_000)
        )),
    ));
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// A FORMULA record at (`row`, `column`) with a numeric value and the token bytes `rgce`
/// (its length first, as written).
fn formula(row: u16, column: u16, rgce: &[u8]) -> Vec<u8> {
    let mut data = cell_head(row, column);
    data.extend(1.0f64.to_le_bytes());
    data.extend([0, 0, 0, 0, 0, 0]);
    data.extend(rgce);
    rec(0x0006, &data)
}

#[test]
fn xls_formula_whose_tokens_are_cut_short_is_refused_not_a_panic() {
    let with_formula = |rgce: &[u8]| {
        let mut body = grid_records(0);
        body.extend(formula(2, 3, rgce));
        xls(&biff(&[("Grid", body)], &STRINGS))
    };
    // A formula of two bytes: `1+1` (PtgInt 1, PtgInt 1, PtgAdd) reads, and its value reaches
    // the grid: in column D, which has no header, it is the grid's error (a filled cell with
    // no header is not passed over), not the reader's.
    let good = with_formula(&[7, 0, 0x1E, 1, 0, 0x1E, 1, 0, 0x03]);
    match waypost::load_workbook(&good, None, &common::sheet(None)) {
        Err(waypost::Error::Invalid(problems)) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].message, "the cell `1` has no column header");
            assert_eq!(problems[0].pointer.as_deref(), Some("Grid!D3"));
        }
        other => panic!("{other:?}"),
    }
    // Its length past the end of the record: the reader's slice would panic.
    let long = with_formula(&[0xFF, 0xFF, 0x1E, 1, 0]);
    assert_eq!(
        message(&long, "formula.xls"),
        "cannot read the sheet `Grid`: the formula at D3 is cut short"
    );
    // A token whose operand is missing (PtgRef3d needs six bytes, none follow): the scan does
    // not read tokens, so calamine panics, and that is caught and said as this file's error.
    let token = with_formula(&[1, 0, 0x3A]);
    assert_eq!(
        message(&token, "formula.xls"),
        "cannot read the workbook: the spreadsheet reader failed on something in it"
    );
    assert_eq!(
        hint(&token, "formula.xls"),
        "the file is damaged; save the grid again from the spreadsheet, or as CSV (UTF-8)"
    );
}
