//! Spreadsheet formula injection: a cell a spreadsheet would run as a formula (`=`, `+`, `-`,
//! `@`, or a tab, carriage return or line feed before one) is written as text by every CSV
//! and XLSX writer, through one guard; waypost takes the guard off where it reads its own
//! export back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waypost::{Catalog, Policy};

mod common;

/// The cells of a CSV text, row by row.
fn cells(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Whether a spreadsheet would take a cell as a formula: it starts with `=`, `+`, `-`, `@`, a
/// tab or a line break, and is not a plain number (`-3`, `+1.5`).
fn is_formula_like(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let number = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) && !number
}

/// No cell a spreadsheet would take as a formula.
fn assert_no_formula(what: &str, csv_text: &str) {
    for row in cells(csv_text) {
        for cell in row {
            assert!(
                !is_formula_like(&cell),
                "{what}: a formula cell `{cell}` in\n{csv_text}"
            );
        }
    }
}

/// A curriculum whose module code, unit text and module title are formulas.
const FORMULAS: &str = r#"id = "formulas"
title = "Formulas"
frameworks = ["realising-recovery-2007"]

[[modules]]
code = "\t=2+3"
title = "@SUM(1+1)*cmd|' /C calc'!A0"

[[modules.units]]
id = "LO1"
text = "=HYPERLINK(\"http://example.invalid\", \"click\")"
covers = ["K1"]

[[modules.units]]
id = "LO2"
text = "-2+3+cmd|' /C calc'!A0 about hope and recovery"
covers = []
"#;

#[test]
fn the_coverage_matrix_guards_every_text_cell() {
    let catalog = Catalog::builtin().unwrap();
    let c = waypost::load_curriculum(common::doc(FORMULAS, None, Some("formulas.toml"))).unwrap();
    let report = waypost::check(catalog, &c, &common::against(None, &Policy::default())).unwrap();
    let text = waypost::render(&report, waypost::ReportFormat::Csv).unwrap();
    assert_no_formula("report csv", &text);
    assert_eq!(cells(&text)[0][6], "'\t=2+3", "the module's column");
}

#[test]
fn the_suggested_grid_guards_every_cell() {
    let catalog = Catalog::builtin().unwrap();
    let c = waypost::load_curriculum(common::doc(FORMULAS, None, Some("formulas.toml"))).unwrap();
    let s = waypost::suggest_curriculum(
        catalog,
        &c,
        &common::framework(None),
        &Default::default(),
        &[],
    )
    .unwrap();
    let grid = waypost::suggestions_grid(&c, &s);
    assert_no_formula("grid", &grid);
    let rows = cells(&grid);
    assert_eq!(rows[1][0], "'\t=2+3");
    assert_eq!(rows[1][1], "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(
        rows[1][4],
        "'=HYPERLINK(\"http://example.invalid\", \"click\")"
    );
}

#[test]
fn the_portfolio_matrix_guards_every_text_cell() {
    let catalog = Catalog::builtin().unwrap();
    // A course id starting with a tab and a formula: a column header of the matrix.
    let c = waypost::load_curriculum(common::doc(
        &FORMULAS.replace("id = \"formulas\"", "id = \"\\t=formulas\""),
        None,
        Some("formulas.toml"),
    ))
    .unwrap();
    let p = waypost::portfolio(
        catalog,
        [("formulas.toml".to_string(), Ok(c))],
        &common::portfolio_options(None),
    )
    .unwrap();
    let text = waypost::render(&p, waypost::ReportFormat::Csv).unwrap();
    assert_no_formula("portfolio csv", &text);
    assert_eq!(cells(&text)[0][6], "'\t=formulas");
}

/// The built-in framework with statements whose label and text are formulas.
fn framework_with_formulas() -> waypost::Framework {
    let text = include_str!("../data/frameworks/realising-recovery-2007.toml")
        .replacen(
            "label = \"Recovery process and enablers\"",
            "label = \"=1+1 enablers\"",
            1,
        )
        .replacen(
            "text = \"factors that enable",
            "text = \"-factors that enable",
            1,
        );
    waypost::load_framework(common::doc(&text, None, Some("f.toml"))).unwrap()
}

#[test]
fn the_moodle_export_is_guarded_and_reads_back_unchanged() {
    let framework = framework_with_formulas();
    let exported = waypost::export_moodle(&framework);
    assert_no_formula("moodle", &exported.text);
    let imported = waypost::import_moodle(
        common::doc(&exported.text, None, Some("f.csv")),
        &Default::default(),
    )
    .unwrap();
    let k1 = |f: &waypost::Framework| {
        let s = f.statements.iter().find(|s| s.code == "K1").unwrap();
        (s.label.clone(), s.text.clone())
    };
    let (label, text) = k1(&imported.framework);
    assert_eq!(label, "=1+1 enablers");
    assert!(text.starts_with("-factors that enable"), "{text}");
    assert_eq!(k1(&imported.framework), k1(&framework));
}

/// In a workbook the cell keeps its text and gets Excel's quote prefix, the mark a typed
/// leading `'` leaves, so it stays text when edited.
#[cfg(all(feature = "xlsx", feature = "grid-xlsx"))]
#[test]
fn workbook_cells_that_look_like_formulas_are_quote_prefixed() {
    use std::io::Read;

    let part = |bytes: &[u8], name: &str| {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let catalog = Catalog::builtin().unwrap();
    let c = waypost::load_curriculum(common::doc(FORMULAS, None, Some("formulas.toml"))).unwrap();
    let report = waypost::check(catalog, &c, &common::against(None, &Policy::default())).unwrap();
    let plain = waypost::load_curriculum(common::doc(
        &FORMULAS.replace("\\t=2+3", "M1").replace("@SUM", "SUM"),
        None,
        Some("plain.toml"),
    ))
    .unwrap();
    let plain =
        waypost::check(catalog, &plain, &common::against(None, &Policy::default())).unwrap();
    let book = waypost::report_workbook(&report, Some(&c)).unwrap();
    assert!(part(&book, "xl/styles.xml").contains("quotePrefix=\"1\""));
    // The text itself is kept as it is, in the matrix and in the mapping grid.
    let sheets = common::workbook_cells(&book);
    for (name, rows) in &sheets {
        if name != "Summary" {
            assert!(
                rows.iter().flatten().any(|cell| cell.contains("=2+3")),
                "{name}: {rows:?}"
            );
        }
    }
    let plain = waypost::report_workbook(&plain, None).unwrap();
    assert!(!part(&plain, "xl/styles.xml").contains("quotePrefix"));

    // A course whose title is a formula.
    let course = waypost::load_curriculum(common::doc(
        &FORMULAS.replace("title = \"Formulas\"", "title = \"=Formulas\""),
        None,
        Some("course.toml"),
    ))
    .unwrap();
    let p = waypost::portfolio(
        catalog,
        [("course.toml".to_string(), Ok(course))],
        &common::portfolio_options(None),
    )
    .unwrap();
    let book = waypost::portfolio_workbook(&p).unwrap();
    assert!(part(&book, "xl/styles.xml").contains("quotePrefix=\"1\""));
}
