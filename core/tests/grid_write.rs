//! Mapping grids written back in the columns they were read from: a team that keeps its
//! mapping in a spreadsheet gets its own spreadsheet back after mapping in the page.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use waypost::{Catalog, Format, GridImportOptions, GridLayout, MappingChange};

mod common;

fn example(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../curricula/examples")
            .join(name),
    )
    .unwrap()
}

fn read_grid(text: &str) -> waypost::Curriculum {
    waypost::load_curriculum(common::doc(text, Some(Format::Csv), Some("grid.csv"))).unwrap()
}

/// The modules as JSON: what a curriculum holds, without where it was read from.
fn modules(curriculum: &waypost::Curriculum) -> serde_json::Value {
    serde_json::to_value(&curriculum.modules).unwrap()
}

#[test]
fn the_example_grid_is_written_back_in_its_own_columns_and_reads_as_the_same_curriculum() {
    let csv = example("recovery-awareness-day.csv");
    let layout = waypost::grid_layout(common::doc(&csv, None, Some("day.csv"))).unwrap();
    assert_eq!(
        layout.headers,
        [
            "module",
            "module_title",
            "unit",
            "kind",
            "text",
            "covers",
            "assessed_by",
            "facilitator"
        ]
    );
    let before = read_grid(&csv);
    let written = waypost::write_grid(&before, &layout);
    assert_eq!(written.lines().next().unwrap(), csv.lines().next().unwrap());
    assert_eq!(written.lines().count(), csv.lines().count());
    let after = read_grid(&written);
    assert_eq!(modules(&after), modules(&before));
    // Written twice, the same bytes.
    assert_eq!(waypost::write_grid(&after, &layout), written);
}

#[test]
fn a_grid_mapped_as_toml_is_written_back_with_the_new_mapping() {
    let catalog = Catalog::builtin().unwrap();
    let csv = example("recovery-awareness-day.csv");
    let layout = waypost::grid_layout(common::doc(&csv, None, None)).unwrap();
    let imported = waypost::import_grid(
        catalog,
        read_grid(&csv),
        Some("day.csv"),
        &GridImportOptions::default(),
    )
    .unwrap();
    let change = MappingChange::parse("+K5:developed").unwrap();
    let toml = waypost::map_unit(
        catalog,
        common::doc(&imported.text, None, None),
        "RAD/SE3",
        &[change],
    )
    .unwrap();
    let curriculum = waypost::load_curriculum(common::doc(&toml, None, None)).unwrap();
    let written = waypost::write_grid(&curriculum, &layout);
    let row = written
        .lines()
        .find(|l| l.starts_with("RAD,Recovery awareness day,SE3,"))
        .unwrap();
    assert!(row.contains("K4; S11; V9; K5:developed"), "{row}");
    assert!(row.ends_with(",RA,Practice development nurse"), "{row}");
    let back = read_grid(&written);
    assert_eq!(modules(&back), modules(&curriculum));
}

#[test]
fn columns_stay_in_their_order_and_what_the_layout_lacks_is_added_at_the_end() {
    // The team's own order, its own header names, and no `text`, `kind` or `assessed_by`.
    let csv = "Owner,Outcome,Mappings,Module Code\nAnn,LO1,K4,M1\n";
    let layout = waypost::grid_layout(common::doc(csv, None, None)).unwrap();
    let mut curriculum = read_grid(csv);
    assert_eq!(waypost::write_grid(&curriculum, &layout), csv);
    curriculum.modules[0].units[0].text = Some("=SUM(A1) hope".into());
    let written = waypost::write_grid(&curriculum, &layout);
    assert_eq!(
        written,
        "Owner,Outcome,Mappings,Module Code,text\nAnn,LO1,K4,M1,'=SUM(A1) hope\n"
    );
    assert_eq!(modules(&read_grid(&written)), modules(&curriculum));
}

#[test]
fn a_header_row_without_the_needed_columns_is_no_layout() {
    let err =
        waypost::grid_layout(common::doc("module,text\nM1,x\n", None, Some("g.csv"))).unwrap_err();
    assert!(
        err.to_string()
            .contains("the header row has no `module`, `unit` and `covers` columns"),
        "{err}"
    );
    assert_eq!(GridLayout::standard().headers.len(), 7);
}

fn example_bytes(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../curricula/examples")
            .join(name),
    )
    .unwrap()
}

#[cfg(feature = "grid-xlsx")]
#[test]
fn a_grid_is_written_as_a_workbook_that_reads_back_as_the_same_curriculum() {
    let csv = example("recovery-awareness-day.csv");
    let layout = waypost::grid_layout(common::doc(&csv, None, None)).unwrap();
    let mut curriculum = read_grid(&csv);
    curriculum.modules[0].units[0].text = Some("=SUM(A1) stays text".into());
    let bytes = waypost::grid_workbook(&curriculum, &layout).unwrap();
    let back = waypost::load_workbook(&bytes, Some("day.xlsx"), &Default::default()).unwrap();
    assert_eq!(modules(&back), modules(&curriculum));
    // The example workbook reads as its CSV twin does, and so written back, the same again.
    let twin = example_bytes("recovery-awareness-day.xlsx");
    let from_book = waypost::load_workbook(&twin, Some("day.xlsx"), &Default::default()).unwrap();
    let again = waypost::grid_workbook(&from_book, &layout).unwrap();
    let reread = waypost::load_workbook(&again, Some("day.xlsx"), &Default::default()).unwrap();
    assert_eq!(modules(&reread), modules(&from_book));
    // Written twice, the same bytes (no clock in the zip).
    assert_eq!(waypost::grid_workbook(&from_book, &layout).unwrap(), again);
}

#[cfg(feature = "grid-xlsx")]
#[test]
fn a_workbook_grid_has_its_sheets_header_row_and_name_as_its_layout() {
    let book = example_bytes("recovery-awareness-day.xlsx");
    let layout = waypost::grid_layout_workbook(&book, Some("day.xlsx"), None).unwrap();
    let csv = example("recovery-awareness-day.csv");
    let from_csv = waypost::grid_layout(common::doc(&csv, None, None)).unwrap();
    assert_eq!(layout.headers, from_csv.headers);
    let sheet = layout.sheet.clone().unwrap();
    assert!(!sheet.is_empty());
    // Written back, the sheet keeps its name, and the grid its columns and rows.
    let curriculum = waypost::load_workbook(&book, Some("day.xlsx"), &Default::default()).unwrap();
    let written = waypost::grid_workbook(&curriculum, &layout).unwrap();
    let again = waypost::grid_layout_workbook(&written, Some("day.xlsx"), None).unwrap();
    assert_eq!(again, layout);
    let mut options = waypost::WorkbookOptions::default();
    options.sheet = Some(sheet);
    let back = waypost::load_workbook(&written, Some("day.xlsx"), &options).unwrap();
    assert_eq!(modules(&back), modules(&curriculum));
}

#[cfg(feature = "grid-xlsx")]
#[test]
fn a_workbook_holds_cells_that_look_like_formulas_markup_and_spaces_as_text() {
    let csv = "module,unit,covers,notes\nM1,LO1,K4,\"=HYPERLINK(\"\"x\"\") <b>&amp; 'q'\"\nM1,LO2,K5,  two spaces  \n";
    let layout = GridLayout {
        sheet: Some("Year 1".into()),
        ..waypost::grid_layout(common::doc(csv, None, None)).unwrap()
    };
    let curriculum = read_grid(csv);
    let bytes = waypost::grid_workbook(&curriculum, &layout).unwrap();
    let back = waypost::load_workbook(&bytes, Some("g.xlsx"), &Default::default()).unwrap();
    assert_eq!(modules(&back), modules(&curriculum));
    assert_eq!(
        back.modules[0].units[0].extra["notes"],
        "=HYPERLINK(\"x\") <b>&amp; 'q'"
    );
    // A sheet name Excel would refuse is replaced by `Mapping`.
    let odd = GridLayout {
        sheet: Some("a/b".into()),
        ..layout
    };
    let bytes = waypost::grid_workbook(&curriculum, &odd).unwrap();
    let again = waypost::grid_layout_workbook(&bytes, None, None).unwrap();
    assert_eq!(again.sheet.as_deref(), Some("Mapping"));
}

#[test]
fn a_grid_that_names_its_frameworks_is_written_back_naming_them() {
    let csv = "module,unit,framework,covers\n\
               M1,LO1,nimhe-guiding-statement-2004,M1; M2\n\
               M1,LO2,realising-recovery-2007,K4\n";
    let layout = waypost::grid_layout(common::doc(csv, None, Some("grid.csv"))).unwrap();
    let before = read_grid(csv);
    assert_eq!(
        before.frameworks,
        ["nimhe-guiding-statement-2004", "realising-recovery-2007"]
    );
    let written = waypost::write_grid(&before, &layout);
    let after = read_grid(&written);
    assert_eq!(after.frameworks, before.frameworks);
    assert_eq!(modules(&after), modules(&before));
}

#[cfg(feature = "grid-xlsx")]
#[test]
fn a_workbook_without_a_grids_columns_has_no_layout_and_says_so_at_its_sheet() {
    // A framework kept as a spreadsheet: `code` and `text`, no `module`, `unit` or `covers`.
    let book = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/frameworks/example-practice-standards.xlsx"),
    )
    .unwrap();
    let err = waypost::grid_layout_workbook(&book, Some("standards.xlsx"), None).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("has no `module`, `unit` and `covers` columns"),
        "{shown}"
    );
    assert!(shown.contains("standards.xlsx"), "{shown}");
}
