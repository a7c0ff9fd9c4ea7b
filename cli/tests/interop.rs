//! `waypost import`, `export`, `map`, `add` and `new` as a user runs them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use common::{root, scratch, stderr, stdout, waypost};

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn case_file(name: &str) -> Option<String> {
    // The files ship in `tests/external/case/`: a missing one is a failure, not a skip.
    let path = root().join("tests/external/case").join(name);
    assert!(path.is_file(), "`{}` is missing", path.display());
    Some(path.to_string_lossy().to_string())
}

const BSC: &str = "curricula/examples/bsc-mental-health-nursing.toml";
const DAY_GRID: &str = "curricula/examples/recovery-awareness-day.csv";

#[test]
fn export_writes_the_same_case_package_every_time() {
    let a = waypost(&["export", "realising-recovery-2007", "--to", "case"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    let b = waypost(&["export", "realising-recovery-2007", "--to", "case"]);
    assert_eq!(a.stdout, b.stdout);
    let package: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(package["CFDocument"]["caseVersion"], "1.1");
    // A framework file can be exported too.
    let c = waypost(&[
        "export",
        "core/data/frameworks/realising-recovery-2007.toml",
        "--to",
        "case",
    ]);
    assert_eq!(a.stdout, c.stdout);
    let err = waypost(&["export", "no-such-framework", "--to", "case"]);
    assert_eq!(err.status.code(), Some(2));
    assert!(stderr(&err).contains("unknown framework `no-such-framework`"));
}

#[test]
fn an_exported_package_passes_strict_import_and_reads_back() {
    let Some(schema) = case_file("case-v1p1-cfpackage-jsonschema.official.json") else {
        return;
    };
    let dir = scratch("strict-export");
    let package = dir.join("nimhe.json");
    let o = waypost(&[
        "export",
        "nimhe-guiding-statement-2004",
        "--to",
        "case",
        "--output",
        s(&package),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let toml = dir.join("nimhe.toml");
    let o = waypost(&[
        "import",
        s(&package),
        "--from",
        "case",
        "--strict",
        "--schema",
        &schema,
        "--output",
        s(&toml),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("validates against `case-v1p1-cfpackage-jsonschema.official.json`")
    );
    let reread = waypost::read_framework(&toml).unwrap();
    let builtin = waypost::Catalog::builtin().unwrap();
    assert_eq!(
        &reread,
        builtin.framework("nimhe-guiding-statement-2004").unwrap()
    );
}

#[test]
fn strict_import_lists_what_a_real_package_gets_wrong() {
    let (Some(schema), Some(package)) = (
        case_file("case-v1p1-cfpackage-jsonschema.official.json"),
        case_file("smarterbalanced-dok-webb-cfpackage.json"),
    ) else {
        return;
    };
    let o = waypost(&[
        "import", &package, "--from", "case", "--strict", "--schema", &schema,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "nothing is written");
    let text = stderr(&o).replace(&package, "smarterbalanced-dok-webb-cfpackage.json");
    insta::assert_snapshot!("strict_dok", text);
    let o = waypost(&["import", &package, "--from", "case", "--strict"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`--strict` needs the official schema: add `--schema FILE`"));
}

#[test]
fn a_real_case_package_imports_with_notes() {
    let Some(package) = case_file("smarterbalanced-dok-webb-cfpackage.json") else {
        return;
    };
    let o = waypost(&["import", &package, "--from", "case"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let notes = stderr(&o).replace(&package, "smarterbalanced-dok-webb-cfpackage.json");
    insta::assert_snapshot!("import_dok_notes", notes);
    let toml = stdout(&o);
    assert!(toml.starts_with("# Norm Webb's Depth of Knowledge"));
    waypost::load_framework(waypost::Document::named(&toml, "dok.toml")).unwrap();
    let json = waypost(&[
        "import",
        &package,
        "--from",
        "case",
        "--to",
        "json",
        "--domains",
        "item-type",
        "--id",
        "dok",
    ]);
    assert_eq!(json.status.code(), Some(0));
    let framework =
        waypost::load_framework(waypost::Document::named(&stdout(&json), "dok.json")).unwrap();
    assert_eq!(framework.id, "dok");
}

#[test]
fn moodle_export_and_import_round_trip_through_files() {
    let dir = scratch("moodle");
    let csv = dir.join("rr-moodle.csv");
    let o = waypost(&[
        "export",
        "realising-recovery-2007",
        "--to",
        "moodle",
        "--output",
        s(&csv),
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("moodle_export_notes", stderr(&o));
    let o = waypost(&["import", s(&csv), "--from", "moodle", "--to", "toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let framework =
        waypost::load_framework(waypost::Document::named(&stdout(&o), "rr.toml")).unwrap();
    let builtin = waypost::Catalog::builtin().unwrap();
    let original = builtin.framework("realising-recovery-2007").unwrap();
    let codes = |f: &waypost::Framework| {
        f.statements
            .iter()
            .map(|s| (s.code.clone(), s.text.clone(), s.domain.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&framework), codes(original));
}

#[test]
fn a_grid_becomes_a_curriculum_file_to_go_on_editing() {
    let o = waypost(&[
        "import",
        DAY_GRID,
        "--from",
        "grid",
        "--to",
        "toml",
        "--title",
        "Recovery awareness day",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let toml = stdout(&o);
    insta::assert_snapshot!("grid_import_day", toml);
    // It can be edited straight away.
    let dir = scratch("grid");
    let file = dir.join("day.toml");
    std::fs::write(&file, &toml).unwrap();
    let o = waypost(&["map", s(&file), "RAD/SE1", "+K3", "-V2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = waypost(&["check", s(&file)]);
    assert_eq!(o.status.code(), Some(1), "it checks (and has gaps)");
    // A grid with an unknown code is refused, located.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "module,unit,covers\nM1,LO1,K4\nM1,LO2,K26\n").unwrap();
    let o = waypost(&["import", s(&bad), "--from", "grid"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("bad.csv:3:3 (at `modules[0].units[1].covers[0]`): unknown statement `K26`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_workbook_grid_imports_like_its_csv() {
    let dir = scratch("xlsx");
    let csv = std::fs::read_to_string(root().join(DAY_GRID)).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let xlsx = dir.join("recovery-awareness-day.xlsx");
    std::fs::write(
        &xlsx,
        waypost_workbook::write_sheet(Some("Mapping"), &rows).unwrap(),
    )
    .unwrap();
    let from_xlsx = waypost(&["import", s(&xlsx), "--from", "grid", "--sheet", "Mapping"]);
    assert_eq!(from_xlsx.status.code(), Some(0), "{}", stderr(&from_xlsx));
    let from_csv = waypost(&["import", DAY_GRID, "--from", "grid"]);
    assert_eq!(
        stdout(&from_xlsx).replace(".xlsx", ".csv"),
        stdout(&from_csv)
    );
    let o = waypost(&["import", s(&xlsx), "--from", "grid", "--sheet", "Grid"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the workbook has no sheet `Grid`\n  hint: its sheets are `Mapping`")
    );
}

#[test]
fn new_add_and_map_edit_a_file_in_place() {
    let dir = scratch("edit");
    let file = dir.join("ward.toml");
    let o = waypost(&[
        "new",
        s(&file),
        "--framework",
        "realising-recovery-2007",
        "--title",
        "Ward course",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).ends_with("new curriculum `ward` mapped to `realising-recovery-2007`\n"));
    let o = waypost(&["new", s(&file)]);
    assert_eq!(o.status.code(), Some(2), "never overwrites");
    assert!(stderr(&o).contains("the file exists already"));
    let steps: [&[&str]; 5] = [
        &[
            "add",
            "module",
            s(&file),
            "--code",
            "WARD1",
            "--title",
            "Ward induction",
            "--credits",
            "10",
        ],
        &[
            "add",
            "unit",
            s(&file),
            "--module",
            "WARD1",
            "--id",
            "LO1",
            "--text",
            "Describe what helps recovery",
            "--covers",
            "K1,K2:developed",
        ],
        &[
            "add",
            "unit",
            s(&file),
            "--module",
            "WARD1",
            "--id",
            "SE1",
            "--kind",
            "session",
            "--covers",
            "S11",
        ],
        &[
            "add",
            "assessment",
            s(&file),
            "--module",
            "WARD1",
            "--id",
            "A1",
            "--title",
            "Reflective account",
            "--assesses",
            "LO1",
        ],
        &["map", s(&file), "LO1", "+K4:developed", "-K1", "+V9"],
    ];
    for args in steps {
        let o = waypost(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let body = text.split_once("\nid = ").unwrap().1;
    insta::assert_snapshot!("edited_ward", format!("id = {body}"));
    let o = waypost(&["validate", s(&file)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_failed_edit_leaves_the_file_as_it_was() {
    let dir = scratch("failed");
    let file = dir.join("bsc.toml");
    std::fs::copy(root().join(BSC), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let o = waypost(&["map", s(&file), "MHN1001/LO1", "+K4", "+K26", "-S12"]);
    assert_eq!(o.status.code(), Some(2));
    let shown = stderr(&o).replace(s(&file), "bsc.toml");
    insta::assert_snapshot!("map_errors", shown);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let o = waypost(&[
        "add",
        "unit",
        s(&file),
        "--module",
        "MHN1009",
        "--id",
        "LO1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("the curriculum has no module `MHN1009`\n  hint: did you mean `MHN1001`?")
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["bsc.toml"]);
    // A dry run prints the new file and writes nothing.
    let o = waypost(&["map", s(&file), "MHN1001/LO1", "-V2", "--dry-run"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("covers = [\"K1\", \"K2\", \"V1\"]"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Only TOML curricula are edited.
    let o = waypost(&["map", DAY_GRID, "RAD/SE1", "+K4"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("turn the grid into TOML first"));
}

#[test]
fn an_imported_framework_can_be_mapped_to_and_checked() {
    let dir = scratch("imported");
    let framework = dir.join("edge.toml");
    let o = waypost(&[
        "import",
        "tests/interop/case-edge-cases.json",
        "--from",
        "case",
        "--id",
        "edge",
        "--output",
        s(&framework),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let course = dir.join("course.toml");
    let with = ["--with", s(&framework)];
    let steps: [Vec<&str>; 4] = [
        vec!["new", s(&course), "--framework", "edge"],
        vec!["add", "module", s(&course), "--code", "M1"],
        vec![
            "add",
            "unit",
            s(&course),
            "--module",
            "M1",
            "--id",
            "LO1",
            "--covers",
            "COM-1,COM2:developed",
        ],
        vec!["map", s(&course), "M1/LO1", "+LOOSE", "-COM-1"],
    ];
    for args in steps {
        let args: Vec<&str> = with.iter().copied().chain(args).collect();
        let o = waypost(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    let o = waypost(&[
        "--with",
        s(&framework),
        "check",
        s(&course),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["framework"]["id"], "edge");
    let text = std::fs::read_to_string(&course).unwrap();
    assert!(
        text.contains("covers = [\"COM2:developed\", \"LOOSE\"]"),
        "{text}"
    );
}
