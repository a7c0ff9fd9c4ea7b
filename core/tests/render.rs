//! Reports people share: the HTML page escapes everything it is given, and the CSV matrix
//! and XLSX workbook hold the same numbers as the report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waypost::{Catalog, Policy, ReportFormat};

mod common;

const HOSTILE: &str =
    r#"<script>alert("x")</script> & "quotes" 'single' <img src=x onerror=alert(1)>"#;

fn hostile_framework() -> waypost::Framework {
    let text = format!(
        r#"
id = "hostile-fw"
title = {q}
publishers = [{q}]
year = 2020
source = {{ citation = {q} }}
levels = ["seen", "done"]
domains = [{{ id = "d", name = {q}, prefix = "H" }}]
statements = [
  {{ code = "H1", domain = "d", text = {q}, label = {q} }},
  {{ code = "H2", domain = "d", text = {q}, label = {q} }},
]
activities = [{{ code = "A1", text = {q}, audience = {q} }}]
resources = [{{ code = "R1", kind = "website", title = {q}, url = {q} }}]
links = [{{ from = "A1", to = ["H2"], type = "supports", curated_by = "tests" }}, {{ from = "R1", to = "H2", type = "supports", curated_by = "tests" }}]
"#,
        q = toml_string(HOSTILE)
    );
    waypost::load_framework(common::doc(&text, None, None)).unwrap()
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn every_string_from_an_input_file_is_escaped_in_html() {
    let mut catalog = Catalog::new();
    catalog.add_framework(hostile_framework()).unwrap();
    let q = toml_string(HOSTILE);
    // Ids may not hold `/` (it separates a module from a unit), so they get their own hostile text.
    let id = toml_string(r#"u1<b onclick="x">&'"#);
    let curriculum = waypost::load_curriculum(common::doc(&format!(
            "id = {q}\ntitle = {q}\nprovider = {q}\nversion = {q}\nframeworks = [\"hostile-fw\"]\n[[modules]]\ncode = {q}\ntitle = {q}\n[[modules.units]]\nid = {id}\ntext = {q}\ncovers = [\"H1\"]\n[[modules.units]]\nid = \"u2\"\ntext = {q}\n[[modules.assessments]]\nid = {q}\ntitle = {q}\nassesses = [{id}]\n"
        ), None, Some("hostile.toml")))
    .unwrap();
    let report = waypost::check(
        &catalog,
        &curriculum,
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    let html = waypost::render(&report, ReportFormat::Html).unwrap();
    assert!(
        !html.to_lowercase().contains("<script"),
        "no live script element"
    );
    assert!(!html.contains("<img"), "no live image element");
    assert!(!html.contains("<b "), "no live element from an id");
    assert!(!html.contains(r#""quotes""#), "double quotes are escaped");
    assert!(!html.contains("'single'"), "single quotes are escaped");
    assert!(!html.contains(" & "), "ampersands are escaped");
    assert!(
        html.contains("&#60;script&#62;alert(&#34;x&#34;)"),
        "the text is still there, escaped"
    );
    assert!(html.contains("&#38;"));
    // Attributes hold escaped text too: no value can close its quotes.
    for attr in html.split("title=\"").skip(1) {
        let value = attr.split('"').next().unwrap();
        assert!(
            !value.contains('<') && !value.contains('>'),
            "attribute value escaped: {value}"
        );
    }
}

#[test]
fn the_html_page_is_self_contained() {
    let catalog = Catalog::builtin().unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../curricula/examples/bsc-mental-health-nursing.toml"
    ))
    .unwrap();
    let report = waypost::check(
        catalog,
        &waypost::load_curriculum(common::doc(&text, None, Some("bsc.toml"))).unwrap(),
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    let html = waypost::render(&report, ReportFormat::Html).unwrap();
    for needle in [
        "<link",
        "<script",
        "src=\"http",
        "@import",
        "url(http",
        "fonts.googleapis",
    ] {
        assert!(
            !html.contains(needle),
            "the page loads nothing from elsewhere: found {needle}"
        );
    }
    assert!(html.contains("@page { size: A4"), "prints to A4");
    assert!(html.contains("<style>"));
    // Every gap, module and statement shows up.
    for gap in &report.gaps {
        assert!(
            html.contains(&format!("<th scope=\"row\">{}</th>", gap.code)),
            "gap {}",
            gap.code
        );
    }
    for m in &report.modules {
        assert!(
            html.contains(&format!(">{}</th>", m.code)),
            "module {}",
            m.code
        );
    }
    assert_eq!(
        html.matches("<article id=\"s-").count(),
        report.statements.len()
    );
}

#[test]
fn the_csv_matrix_has_a_row_per_statement_and_a_column_per_module() {
    let catalog = Catalog::builtin().unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../curricula/examples/bsc-mental-health-nursing.toml"
    ))
    .unwrap();
    let report = waypost::check(
        catalog,
        &waypost::load_curriculum(common::doc(&text, None, Some("bsc.toml"))).unwrap(),
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    let csv = waypost::render(&report, ReportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.len(), 6 + report.modules.len());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 67);
    for (row, st) in rows.iter().zip(&report.statements) {
        assert_eq!(&row[0], st.code);
        assert_eq!(&row[3], st.level.as_deref().unwrap_or(""));
        for (i, m) in report.modules.iter().enumerate() {
            assert_eq!(
                &row[6 + i],
                m.reaches.get(st.code.as_str()).map_or("", |l| &**l),
                "{} in {}",
                st.code,
                m.code
            );
        }
    }
}

#[test]
fn spreadsheet_formulas_in_input_are_defused_in_csv() {
    let text = "id = \"f\"\ntitle = \"F\"\n[[modules]]\ncode = \"=HYPERLINK(1)\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K1\"]\n";
    let report = waypost::check(
        Catalog::builtin().unwrap(),
        &waypost::load_curriculum(common::doc(text, None, None)).unwrap(),
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    let csv = waypost::render(&report, ReportFormat::Csv).unwrap();
    assert!(
        csv.contains(",'=HYPERLINK(1)"),
        "{}",
        csv.lines().next().unwrap()
    );
}

#[test]
fn module_rows_reach_exactly_what_their_units_reach() {
    let text = "id = \"m\"\ntitle = \"M\"\n[[modules]]\ncode = \"A\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K1\", \"K2:developed\"]\n[[modules.units]]\nid = \"LO2\"\ncovers = [\"K1:developed\"]\n[[modules]]\ncode = \"B\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K1\"]\n[[modules.assessments]]\nid = \"E\"\nassesses = [\"LO1\"]\n";
    let report = waypost::check(
        Catalog::builtin().unwrap(),
        &waypost::load_curriculum(common::doc(text, None, None)).unwrap(),
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    let a = &report.modules[0];
    let b = &report.modules[1];
    assert_eq!(
        a.reaches
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>(),
        ["K1=developed", "K2=developed"]
    );
    assert_eq!(
        b.reaches
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>(),
        ["K1=assessed"]
    );
}

/// The JSON report written as it is produced is the rendered report, byte for byte.
#[test]
fn the_json_report_written_as_produced_is_the_rendered_one() {
    let catalog = Catalog::builtin().unwrap();
    for example in [
        "recovery-awareness-day.csv",
        "bsc-mental-health-nursing.toml",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../curricula/examples")
            .join(example);
        let c = waypost::read_curriculum(&path).unwrap();
        let options = waypost::CheckOptions::default();
        let report = waypost::check(catalog, &c, &options).unwrap();
        let owned = waypost::check_owned(catalog, c, &options).unwrap();
        assert_eq!(owned, report);
        let mut written = Vec::new();
        waypost::write_json(&report, &mut written).unwrap();
        let rendered = waypost::render(&report, waypost::ReportFormat::Json).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), rendered);
        assert!(rendered.ends_with("}\n"));
    }
}
