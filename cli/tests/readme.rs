//! The README and the runnable blocks of `docs/` say what is true: every shell example runs as
//! printed, on files that ship, and prints what its comments state. The Python and JavaScript
//! examples run the same way from `scripts/test-python.sh` and `scripts/test-wasm.sh`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::process::Command;

use common::{root, stderr, stdout, waypost};

const GRID_CSV: &str = "curricula/examples/recovery-awareness-day.csv";
const GRID_XLSX: &str = "curricula/examples/recovery-awareness-day.xlsx";

#[test]
fn every_shell_example_runs_as_written() {
    let o = Command::new("python3")
        .arg(root().join("scripts/readme_examples.py"))
        .arg("--sh")
        .arg(env!("CARGO_BIN_EXE_waypost"))
        .current_dir(root())
        .output()
        .expect("python3 runs (building from source needs Python 3.9 or newer)");
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // The README alone has six blocks of shell examples: none may go missing unnoticed.
    let ran = stdout(&o).lines().filter(|l| l.starts_with("ok ")).count();
    assert!(ran >= 6, "{}", stdout(&o));
}

/// The example workbook, made from the example CSV grid: a sheet `Mapping` holding the same
/// cells. `WAYPOST_BLESS=1` writes it; otherwise the shipped file must be byte for byte this.
fn example_workbook() -> Vec<u8> {
    let csv = std::fs::read_to_string(root().join(GRID_CSV)).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    waypost_workbook::write_sheet(Some("Mapping"), &rows).unwrap()
}

#[test]
fn the_example_workbook_is_the_example_grid() {
    let made = example_workbook();
    let shipped = root().join(GRID_XLSX);
    if std::env::var_os("WAYPOST_BLESS").is_some() {
        std::fs::write(&shipped, &made).unwrap();
    }
    assert!(
        std::fs::read(&shipped).unwrap() == made,
        "`{GRID_XLSX}` is not the CSV grid as a workbook: run with WAYPOST_BLESS=1"
    );
    let from_xlsx = waypost(&["import", GRID_XLSX, "--from", "grid"]);
    assert_eq!(from_xlsx.status.code(), Some(0), "{}", stderr(&from_xlsx));
    let from_csv = waypost(&["import", GRID_CSV, "--from", "grid"]);
    assert_eq!(
        stdout(&from_xlsx).replace(".xlsx", ".csv"),
        stdout(&from_csv)
    );
}

/// The `version = "..."` value of the first such line after `[section]` in a TOML file.
fn toml_version(text: &str, section: &str) -> Option<String> {
    let start = text.find(&format!("\n[{section}]\n"))?;
    let line = text[start..]
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('['))
        .find(|l| l.starts_with("version = "))?;
    Some(
        line.trim_start_matches("version = ")
            .trim_matches('"')
            .to_string(),
    )
}

#[test]
fn one_version_across_cargo_python_and_npm() {
    let read = |path: &str| std::fs::read_to_string(root().join(path)).unwrap();
    let cargo = read("Cargo.toml");
    let version = toml_version(&cargo, "workspace.package").unwrap();
    // Every crate takes the workspace's version, and the core's requirement names it.
    for krate in ["core", "cli", "bindings-python", "bindings-wasm"] {
        let manifest = read(&format!("{krate}/Cargo.toml"));
        assert!(manifest.contains("\nversion.workspace = true\n"), "{krate}");
    }
    assert!(
        cargo.contains(&format!(
            "waypost = {{ path = \"core\", version = \"{version}\" }}"
        )),
        "the workspace's `waypost` requirement is not {version}"
    );
    // Python: maturin reads the version from Cargo.toml; pyproject.toml must not set its own.
    let pyproject = read("bindings-python/pyproject.toml");
    assert!(pyproject.contains("dynamic = [\"version\"]"));
    assert!(toml_version(&pyproject, "project").is_none());
    // npm: package.json and its lock say the same number.
    for file in [
        "bindings-wasm/package.json",
        "bindings-wasm/package-lock.json",
    ] {
        let json: serde_json::Value = serde_json::from_str(&read(file)).unwrap();
        assert_eq!(json["version"], version.as_str(), "{file}");
    }
    // And the tool says it.
    let o = waypost(&["--version"]);
    assert_eq!(stdout(&o), format!("waypost {version}\n"));
}
