//! Loaders never misread silently: what waypost does not understand in a grid, a curriculum's
//! tables or a portfolio's folder is an error or a named note, with its place.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waypost::Diagnostic;

mod common;

fn grid_error(text: &str) -> Vec<Diagnostic> {
    match waypost::load_curriculum(common::doc(
        text,
        Some(waypost::Format::Csv),
        Some("grid.csv"),
    )) {
        Ok(c) => panic!("read as valid: {c:?}"),
        Err(e) => e.diagnostics().to_vec(),
    }
}

fn place(d: &Diagnostic) -> (Option<usize>, Option<usize>) {
    (d.line, d.column)
}

#[test]
fn a_quote_never_closed_is_refused_where_it_opened() {
    let e = grid_error("module,unit,covers\nM1,LO1,K1\nM1,\"LO2,K2\nM1,LO3,K3\n");
    assert_eq!(e.len(), 1);
    assert_eq!(place(&e[0]), (Some(3), Some(4)));
    assert_eq!(e[0].message, "this quote opens a cell that is never closed");
    assert!(e[0].hint.as_deref().unwrap().contains("`\"\"`"));
    // At the very end too, and after a quoted cell that was closed.
    let e = grid_error("module,unit,covers\n\"M1\",LO1,\"K1");
    assert_eq!(place(&e[0]), (Some(2), Some(10)));
}

#[test]
fn quotes_the_csv_reader_reads_are_not_refused() {
    // Doubled quotes, a quote inside a plain cell, and a quoted cell over two lines.
    let c = waypost::load_curriculum(common::doc("module,unit,text,covers\nM1,LO1,\"say \"\"hope\"\"\",K1\nM1,LO2,a \"b,K2\nM1,LO3,\"two\nlines\",K3\n", Some(waypost::Format::Csv), Some("grid.csv")))
    .unwrap();
    let texts: Vec<_> = c.modules[0]
        .units
        .iter()
        .map(|u| u.text.clone().unwrap())
        .collect();
    assert_eq!(texts, ["say \"hope\"", "a \"b", "two\nlines"]);
}

#[test]
fn a_column_named_twice_is_refused_naming_both_headers() {
    let e = grid_error("module,unit,covers,module\nM1,LO1,K1,M2\n");
    assert_eq!(place(&e[0]), (Some(1), Some(4)));
    assert_eq!(
        e[0].message,
        "the header row names the same column twice: `module` (column 1) and `module` (column 4)"
    );
    let e = grid_error("Module,unit,covers,Statements\nM1,LO1,K1,K2\n");
    assert_eq!(
        e[0].message,
        "the header row names the same column twice: `covers` (column 3) and `Statements` (column 4)"
    );
    assert_eq!(
        e[0].hint.as_deref(),
        Some("`covers` and `Statements` are two names of one column; keep one of them")
    );
    // A column waypost keeps as it is would overwrite itself on every unit.
    let e = grid_error("module,unit,covers,notes,notes\nM1,LO1,K1,a,b\n");
    assert_eq!(place(&e[0]), (Some(1), Some(5)));
}

#[test]
fn a_filled_cell_beyond_the_header_is_refused_and_empty_ones_are_not() {
    let e = grid_error("module,unit,covers\nM1,LO1,K1,K2\n");
    assert_eq!(place(&e[0]), (Some(2), Some(4)));
    assert_eq!(e[0].message, "the cell `K2` has no column header");
    // Under a column whose header is empty, too.
    let e = grid_error("module,unit,,covers\nM1,LO1,x,K1\n");
    assert_eq!(place(&e[0]), (Some(2), Some(3)));
    // Empty cells past the last column, as a spreadsheet saves them, hold nothing.
    let c = waypost::load_curriculum(common::doc(
        "module,unit,covers,,\nM1,LO1,K1,,\nM1,LO2,K2,, ,,\n",
        Some(waypost::Format::Csv),
        None,
    ))
    .unwrap();
    assert_eq!(c.modules[0].units.len(), 2);
}

#[test]
fn empty_cells_of_a_kept_column_are_not_kept() {
    let c = waypost::load_curriculum(common::doc(
        "module,unit,covers,notes\nM1,LO1,K1,\nM1,LO2,K2,see me\n",
        Some(waypost::Format::Csv),
        None,
    ))
    .unwrap();
    let units = &c.modules[0].units;
    assert!(units[0].extra.is_empty());
    assert_eq!(units[1].extra["notes"], "see me");
}

#[test]
fn a_grid_of_more_cells_than_a_workbook_may_hold_is_refused() {
    // Five million empty cells on one row: 5 MB of commas.
    let text = format!("module,unit,covers\nM1,LO1,K1{}\n", ",".repeat(5_000_000));
    let e = grid_error(&text);
    assert_eq!(e[0].line, Some(2));
    assert!(
        e[0].message
            .starts_with("the grid holds more than 5000000 cells up to this row"),
        "{}",
        e[0].message
    );
}

/// A misspelt key in a mapping table would read the mapping at the lowest level: it is an
/// error at the key, with the key it is nearest, the same in TOML, YAML and JSON.
#[test]
fn an_unknown_key_in_a_mapping_table_is_refused_with_the_nearest_key() {
    use waypost::Format;
    let texts = [
        (
            Format::Toml,
            "id = \"c\"\ntitle = \"C\"\n[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [{ statement = \"K4\", levle = \"assessed\" }]\n",
        ),
        (
            Format::Yaml,
            "id: c\ntitle: C\nmodules:\n  - code: M1\n    units:\n      - id: LO1\n        covers: [{statement: K4, levle: assessed}]\n",
        ),
        (
            Format::Json,
            "{\"id\": \"c\", \"title\": \"C\", \"modules\": [{\"code\": \"M1\", \"units\": [{\"id\": \"LO1\", \"covers\": [{\"statement\": \"K4\", \"levle\": \"assessed\"}]}]}]}",
        ),
    ];
    for (format, text) in texts {
        let e = waypost::load_curriculum(common::doc(text, Some(format), None)).unwrap_err();
        let d = e.first().unwrap();
        assert_eq!(d.message, "unknown key `levle`", "{format:?}");
        assert_eq!(
            d.hint.as_deref(),
            Some("did you mean `level`?"),
            "{format:?}"
        );
        assert!(d.line.is_some() && d.column.is_some(), "{format:?}");
        // Written correctly, the level is read.
        let fixed = text.replace("levle", "level");
        let c = waypost::load_curriculum(common::doc(&fixed, Some(format), None)).unwrap();
        let level = c.modules[0].units[0].covers[0].level.as_deref();
        assert_eq!(level, Some("assessed"), "{format:?}");
    }
}

/// Aliases are bounded by the text they repeat, not only by their count: one megabyte aliased
/// a hundred times would be a hundred megabytes, from a file of one.
#[test]
fn aliases_of_a_long_text_are_refused_before_they_expand() {
    use waypost::Format;
    let long = "a".repeat(1024 * 1024);
    let aliases = vec!["*t"; 100].join(", ");
    let yaml = format!("id: x\ntitle: y\ntext: &t {long}\nnotes: [{aliases}]\n");
    let e = waypost::load_curriculum(common::doc(&yaml, Some(Format::Yaml), Some("long.yaml")))
        .unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(
        d.message,
        "the document expands to more than waypost reads (its aliases repeat more than 64 MB of text)"
    );
    assert_eq!(d.line, Some(4));
    assert!(d.column.is_some());
    // The same text aliased a few times reads.
    let few = format!("id: x\ntitle: y\ntext: &t {long}\nnotes: [*t, *t]\n");
    assert!(waypost::load_curriculum(common::doc(&few, Some(Format::Yaml), None)).is_ok());
}

#[test]
fn a_grid_keeping_more_cells_of_unknown_columns_than_a_unit_table_may_hold_is_refused() {
    // 1,000 named columns waypost does not know, filled on 501 rows.
    let names: Vec<String> = (0..1000).map(|i| format!("c{i}")).collect();
    let mut text = format!("module,unit,covers,{}\n", names.join(","));
    for row in 0..501 {
        text.push_str(&format!("M1,LO{row},K1,{}\n", vec!["x"; 1000].join(",")));
    }
    let e = grid_error(&text);
    assert_eq!(e[0].line, Some(502));
    assert!(
        e[0].message.starts_with(
            "the columns waypost keeps on the units hold more than 500000 filled cells"
        ),
        "{}",
        e[0].message
    );
}

/// The grid `waypost suggest` writes guards a unit text that a spreadsheet would run as a
/// formula with a `'`: reading the grid back takes the guard off, and keeps any other `'`.
#[test]
fn a_guarded_grid_cell_reads_back_as_it_was_written() {
    let grid = "module,unit,text,covers\nM,U1,'=1+1 then talk,K1\nM,U2,'tis hope,K4\n";
    let c = waypost::load_curriculum(common::doc(grid, Some(waypost::Format::Csv), Some("g.csv")))
        .unwrap();
    let texts: Vec<_> = c.modules[0]
        .units
        .iter()
        .map(|u| u.text.clone().unwrap())
        .collect();
    assert_eq!(texts, ["=1+1 then talk", "'tis hope"]);
}

/// A wrong request (a format or schema name nobody has, a format a result has no renderer
/// for) is a usage error, told apart from input that does not parse; the message is unchanged.
#[test]
fn a_wrong_request_is_a_usage_error_and_broken_input_a_parse_error() {
    let unknown = waypost::Format::parse("xml").unwrap_err();
    assert_eq!(unknown.code(), "usage");
    assert_eq!(
        unknown.to_string(),
        "unknown format `xml`\n  hint: the formats are `toml`, `json`, `yaml`, `csv`"
    );
    assert_eq!(unknown.diagnostics().len(), 1);
    assert_eq!(
        waypost::ReportFormat::from_name("pdf").unwrap_err().code(),
        "usage"
    );
    assert_eq!(waypost::schema("module").unwrap_err().code(), "usage");
    let explanation = waypost::explain(
        waypost::Catalog::builtin().unwrap(),
        &waypost::load_curriculum("id = \"c\"\ntitle = \"C\"\n".into()).unwrap(),
        "K1",
        &waypost::CheckOptions::default(),
    )
    .unwrap();
    let e = waypost::render(&explanation, waypost::ReportFormat::Csv).unwrap_err();
    assert_eq!(e.code(), "usage");
    let broken =
        waypost::load_curriculum(waypost::Document::in_format("id = ", waypost::Format::Toml))
            .unwrap_err();
    assert_eq!(broken.code(), "parse");
    // The usage error names the file like any other, and reports as data with its code.
    let named = waypost::Error::usage(Diagnostic::new("x")).in_file(Some("a.toml"));
    assert_eq!(named.first().unwrap().path.as_deref(), Some("a.toml"));
    assert_eq!(named.to_report().code, "usage");
}

/// A grid is read a row at a time: a module whose rows come back after another module's is
/// still one module, with its units in the order of the rows, each placed at its own row.
#[test]
fn a_module_whose_rows_come_back_later_is_one_module() {
    let grid = "module,module_title,unit,covers\nM1,One,LO1,K1\nM2,Two,LO1,K2\nM1,,LO2,K3\nM2,Later,LO2,K4\nM1,,LO3,K5:developed\n";
    let c = waypost::load_curriculum(common::doc(grid, Some(waypost::Format::Csv), Some("g.csv")))
        .unwrap();
    let shape: Vec<(&str, Option<&str>, Vec<&str>)> = c
        .modules
        .iter()
        .map(|m| {
            (
                m.code.as_str(),
                m.title.as_deref(),
                m.units.iter().map(|u| u.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("M1", Some("One"), vec!["LO1", "LO2", "LO3"]),
            ("M2", Some("Two"), vec!["LO1", "LO2"]),
        ]
    );
    let codes: Vec<&str> = c.modules[0]
        .units
        .iter()
        .flat_map(|u| u.covers.iter().map(|m| m.statement.as_str()))
        .collect();
    assert_eq!(codes, ["K1", "K3", "K5"]);
    // A problem in a later row of a module is placed at that row.
    let e = grid_error("module,unit,covers,kind\nM1,LO1,K1,\nM2,LO1,K2,\nM1,LO2,K3,talk\n");
    assert_eq!(e.len(), 1);
    assert_eq!(place(&e[0]), (Some(4), Some(4)));
}
