//! Hostile input: every loader refuses what it cannot sensibly read, quickly and with a clear
//! error, and never panics. (Timings are not asserted here; see docs/performance.md.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use waypost::{Catalog, Format, MAX_INPUT_BYTES, Policy};

mod common;

fn deep(format: Format, depth: usize) -> String {
    match format {
        Format::Json => format!(
            "{{\"id\":\"x\",\"title\":\"y\",\"extra\":{}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        Format::Yaml => format!(
            "id: x\ntitle: y\nextra: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        Format::Toml => format!(
            "id = \"x\"\ntitle = \"y\"\nextra = {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        Format::Csv => unreachable!(),
    }
}

#[test]
fn ten_thousand_deep_nesting_is_refused_in_every_format() {
    for format in [Format::Json, Format::Yaml, Format::Toml] {
        let e = waypost::load_curriculum(crate::common::doc(
            &deep(format, 10_000),
            Some(format),
            Some("deep"),
        ))
        .unwrap_err();
        assert_eq!(e.code(), "parse", "{format:?}");
        let d = e.first().unwrap();
        assert!(d.message.contains("recurs"), "{format:?}: {}", d.message);
        assert!(d.line.is_some(), "{format:?} names a line");
    }
}

#[test]
fn modest_nesting_in_unknown_keys_is_kept() {
    for format in [Format::Json, Format::Yaml, Format::Toml] {
        let c = waypost::load_curriculum(crate::common::doc(
            &deep(format, 20),
            Some(format),
            Some("deep"),
        ))
        .unwrap();
        assert!(c.extra.contains_key("extra"), "{format:?}");
    }
}

#[test]
fn an_alias_bomb_is_refused_before_it_expands() {
    let mut yaml = String::from(
        "id: x\ntitle: y\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        yaml.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    let e = waypost::load_curriculum(crate::common::doc(
        &yaml,
        Some(Format::Yaml),
        Some("laughs.yaml"),
    ))
    .unwrap_err();
    assert!(
        e.first()
            .unwrap()
            .message
            .contains("expands to more than waypost reads"),
        "{e}"
    );
}

#[test]
fn an_oversized_input_is_refused_without_being_parsed() {
    let big = format!(
        "id = \"x\"\ntitle = \"y\"\ndescription = \"{}\"\n",
        "a".repeat(MAX_INPUT_BYTES)
    );
    let e = waypost::load_curriculum(crate::common::doc(
        &big,
        Some(Format::Toml),
        Some("big.toml"),
    ))
    .unwrap_err();
    assert!(
        e.first().unwrap().message.contains("more than the 64 MB"),
        "{e}"
    );
}

#[test]
fn a_hundred_megabyte_file_is_refused_before_it_is_read() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hundred-mb.toml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap(); // sparse: no 100 MB is written or read
    let e = waypost::read_curriculum(&path).unwrap_err();
    assert!(
        e.first().unwrap().message.contains("larger than the 64 MB"),
        "{e}"
    );
    std::fs::remove_file(&path).unwrap();
}

/// JSON cut short, or of the wrong shape from its first character: the message is in
/// waypost's words (not serde_json's "EOF", which lowercased read "eOF") and the column is
/// one a reader can find (serde_json counts an error at a line's first character as column 0).
/// The same in the WebAssembly build, where JSON is read through the tree
/// (`cargo test -p waypost -p waypost-wasm` runs this there too).
#[test]
fn truncated_or_misshapen_json_is_located_in_words() {
    let e = waypost::load_curriculum(crate::common::doc(
        "{\"name\": 3, ",
        Some(Format::Json),
        Some("cut.json"),
    ))
    .unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(
        (d.message.as_str(), d.line, d.column),
        ("end of file while parsing a value", Some(1), Some(12))
    );
    let e = waypost::load_curriculum(crate::common::doc(
        "[]",
        Some(Format::Json),
        Some("list.json"),
    ))
    .unwrap_err();
    let d = e.first().unwrap();
    // In the words TOML and YAML use for the same mistake, what was expected as the hint.
    assert_eq!(
        (d.message.as_str(), d.hint.as_deref(), d.line, d.column),
        (
            "wrong type: found list",
            Some("expected a curriculum table"),
            Some(1),
            Some(1)
        )
    );
}

#[test]
fn binary_and_odd_text_inputs_get_clear_errors() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("latin1.csv");
    std::fs::write(&path, b"module,unit,covers\nM1,LO1,K1\nM\xe9,LO2,K2\n").unwrap();
    let e = waypost::read_curriculum(&path).unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(
        (d.message.as_str(), d.line),
        ("the file is not UTF-8 text", Some(3))
    );
    assert!(d.hint.as_deref().unwrap().contains("UTF-8"));
    // NUL bytes, a byte-order mark and Windows line ends.
    assert!(
        waypost::load_curriculum(crate::common::doc("\0\0\0", Some(Format::Toml), None)).is_err()
    );
    let crlf = "\u{feff}module,unit,covers\r\nM1,LO1,K1\r\n";
    let c = waypost::load_curriculum(crate::common::doc(crlf, Some(Format::Csv), Some("bom.csv")))
        .unwrap();
    assert_eq!(c.modules[0].units[0].covers[0].statement, "K1");
}

#[test]
fn a_grid_header_of_long_or_many_columns_is_cut_short_in_the_error() {
    // A paragraph as a header, twenty more columns, and empty ones: the hint lists what it
    // found without repeating the whole row.
    let long = "a".repeat(10_000);
    let mut header = vec!["module".to_string(), String::new(), long];
    header.extend((1..=20).map(|i| format!("c{i}")));
    let grid = format!("{}\nM1,LO1\n", header.join(","));
    let e = waypost::load_curriculum(crate::common::doc(
        &grid,
        Some(Format::Csv),
        Some("wide.csv"),
    ))
    .unwrap_err();
    let hint = e.first().unwrap().hint.clone().unwrap();
    assert_eq!(
        hint,
        format!(
            "a mapping grid needs the columns `module`, `unit` and `covers` (found `module`, `{}…`, `c1`, `c2`, `c3`, `c4`, `c5`, `c6`, `c7`, `c8`, `c9`, `c10` and 10 more)",
            "a".repeat(40)
        )
    );
    // Headers all blank: said in words.
    let e = waypost::load_curriculum(crate::common::doc(
        ",,\nM1,LO1,K1\n",
        Some(Format::Csv),
        Some("blank.csv"),
    ))
    .unwrap_err();
    assert!(
        e.first()
            .unwrap()
            .hint
            .as_deref()
            .unwrap()
            .ends_with("(found no headers)"),
        "{:?}",
        e.first().unwrap().hint
    );
}

#[test]
fn a_large_grid_loads_and_checks() {
    let mut grid = String::from("module,unit,covers\n");
    for i in 0..50_000 {
        grid.push_str(&format!(
            "M{},LO{i},K{};S{}=D\n",
            i % 200,
            i % 25 + 1,
            i % 22 + 1
        ));
    }
    let c = waypost::load_curriculum(crate::common::doc(
        &grid,
        Some(Format::Csv),
        Some("large.csv"),
    ))
    .unwrap();
    let r = waypost::check(
        Catalog::builtin().unwrap(),
        &c,
        &crate::common::against(None, &Policy::default()),
    )
    .unwrap();
    assert_eq!(r.curriculum.units, 50_000);
    assert_eq!(r.summary.covered, 47);
}

#[test]
fn garbage_of_every_kind_is_an_error_not_a_panic() {
    let inputs = [
        "[[modules]]\n[[modules]]\n",
        "id = 1\ntitle = 2\n",
        "{\"id\": null}",
        "- - - -",
        "module,unit,covers\n\"unterminated",
        "id = \"x\"\ntitle = \"y\"\nmodules = \"not a list\"\n",
        "id: x\ntitle: y\nmodules: [{code: M, units: [{id: U, covers: [{statement: 4}]}]}]\n",
        "id = \"x\"\ntitle = \"y\"\n[[modules]]\ncode = \"M\"\nyear = 300\n",
        "id = \"x\"\ntitle = \"y\"\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"U\"\ncovers = [\"realising-recovery-2007:\", \":K1\", \"::\", \"K1:\", \"(\", \"K1 ()\"]\n",
    ];
    for input in inputs {
        let result = waypost::load_curriculum(crate::common::doc(input, None, Some("garbage")))
            .and_then(|c| {
                waypost::check(
                    Catalog::builtin().unwrap(),
                    &c,
                    &crate::common::against(None, &Policy::default()),
                )
            });
        assert!(result.is_err(), "{input:?} should not pass");
    }
}

/// The workbooks the workbook crate's tests build, shared with them.
#[cfg(feature = "grid-xlsx")]
#[path = "../../workbook/tests/build/mod.rs"]
mod build;

/// Workbooks that calamine 0.38 alone cannot read safely (found by fuzzing `load_xlsx`).
#[cfg(feature = "grid-xlsx")]
mod workbooks {

    use waypost_workbook::{Book, SheetWriter, Style};

    /// A small grid, and perhaps one more cell at `far` (row, column).
    fn grid_with(far: Option<(u32, u16)>) -> Vec<u8> {
        let mut sheet = SheetWriter::new("Sheet1");
        for (r, row) in [["module", "unit", "covers"], ["M1", "LO1", "K1"]]
            .iter()
            .enumerate()
        {
            for (c, cell) in row.iter().enumerate() {
                sheet.text(r as u32, c as u16, cell, Style::Plain, false);
            }
        }
        if let Some((row, column)) = far {
            sheet.text(row, column, "stray", Style::Plain, false);
        }
        let mut book = Book::new();
        book.push(sheet);
        book.to_bytes().unwrap()
    }

    // The workbook with one text replaced in its first sheet's XML, as the workbook crate's
    // tests damage theirs.
    use super::build::with_sheet_text;

    fn message(bytes: &[u8]) -> String {
        let e = waypost::load_workbook(bytes, Some("grid.xlsx"), &crate::common::sheet(None))
            .unwrap_err();
        assert_eq!(e.code(), "parse");
        e.first().unwrap().message.clone()
    }

    fn message_of_invalid(bytes: &[u8]) -> String {
        let e = waypost::load_workbook(bytes, Some("grid.xlsx"), &crate::common::sheet(None))
            .unwrap_err();
        assert_eq!(e.code(), "invalid");
        let d = e.first().unwrap();
        format!("{}: {}", d.pointer.as_deref().unwrap(), d.message)
    }

    #[test]
    fn a_cell_reference_that_overflows_calamine_is_refused_not_a_panic() {
        let book = grid_with(None);
        for (from, to) in [
            // Seven or more letters, ten or more digits: calamine's u32 overflows.
            (r#"r="C2""#, r#"r="ZZZZZZZZC2""#),
            (r#"r="C2""#, r#"r="C99999999999""#),
            (r#"<row r="2""#, r#"<row r="22222222222""#),
            (r#"ref="A1:C2""#, r#"ref="A1:ZZZZZZZZZZ2""#),
        ] {
            let bad = with_sheet_text(&book, from, to);
            let m = message(&bad);
            assert!(
                m.starts_with(
                    "cannot read the workbook: `xl/worksheets/sheet1.xml` has the cell reference"
                ) && m.ends_with("past `XFD1048576`, the last cell a sheet can have"),
                "{to}: {m}"
            );
        }
        // The workbook as written reads.
        assert!(
            waypost::load_workbook(&book, Some("grid.xlsx"), &crate::common::sheet(None)).is_ok()
        );
    }

    #[test]
    fn a_stray_cell_far_from_the_grid_is_refused_before_the_sheet_is_laid_out() {
        // XFD1048576: seventeen billion cells from A1, which calamine would allocate at once.
        assert_eq!(
            message(&grid_with(Some((1_048_575, 16_383)))),
            "the sheet `Sheet1` spans A1:XFD1048576, 17179869184 cells; waypost reads a sheet of at most 5000000"
        );
        // A stray cell nearer by is read, and reported as the cell it is: it has no header.
        assert_eq!(
            message_of_invalid(&grid_with(Some((9_999, 25)))),
            "Sheet1!Z10000: the cell `stray` has no column header"
        );
    }
}

#[test]
fn a_folder_or_a_missing_file_is_named_as_such() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("a-folder.toml");
    std::fs::create_dir_all(&dir).unwrap();
    match waypost::read_curriculum(&dir).unwrap_err() {
        waypost::Error::Io { path, message } => {
            assert_eq!(path, dir.display().to_string());
            assert_eq!(message, "it is a folder, not a file");
        }
        other => panic!("{other}"),
    }
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such-file.toml");
    match waypost::read_curriculum(&missing).unwrap_err() {
        waypost::Error::Io { message, .. } => {
            assert!(message.contains("no such file"), "{message}");
        }
        other => panic!("{other}"),
    }
    // An ordinary file still reads, to the last byte.
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("small.toml");
    std::fs::write(&file, "id = \"s\"\ntitle = \"Small\"\n").unwrap();
    assert_eq!(waypost::read_curriculum(&file).unwrap().title, "Small");
}

/// A file that reports no size, or the wrong one, is bounded by what is read: a symlink to
/// `/dev/zero` or a FIFO written forever is refused once past the limit, not read forever.
#[cfg(unix)]
mod endless {
    use super::*;

    fn assert_refused(e: waypost::Error) {
        assert!(
            e.first().unwrap().message.contains("larger than the 64 MB"),
            "{e}"
        );
    }

    fn fresh(name: &str) -> PathBuf {
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_file(&path);
        path
    }

    #[test]
    fn a_symlink_to_dev_zero_is_refused_once_past_the_limit() {
        let path = fresh("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        assert_refused(waypost::read_curriculum(&path).unwrap_err());
        assert_refused(waypost::read_text(&path).unwrap_err());
        std::fs::remove_file(&path).unwrap();
    }

    #[cfg(feature = "grid-xlsx")]
    #[test]
    fn a_workbook_symlinked_to_dev_zero_is_refused_once_past_the_limit() {
        let path = fresh("zero.xlsx");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        assert_refused(waypost::read_workbook(&path, &crate::common::sheet(None)).unwrap_err());
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn a_fifo_written_forever_is_refused_once_past_the_limit() {
        let path = fresh("endless.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let writer_path = path.clone();
        // Writes until the reader closes its end (the write then fails and the thread ends).
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            let mut fifo = std::fs::OpenOptions::new()
                .write(true)
                .open(writer_path)
                .unwrap();
            let block = vec![b' '; 1 << 16];
            while fifo.write_all(&block).is_ok() {}
        });
        assert_refused(waypost::read_curriculum(&path).unwrap_err());
        writer.join().unwrap();
        std::fs::remove_file(&path).unwrap();
    }
}
