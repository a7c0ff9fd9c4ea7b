//! The bad-input suite: every file under `tests/bad-input/` must fail with exactly the error
//! recorded beside it (`NAME.expected.json`), and never panic. The Python and JavaScript
//! suites read the same files.
//!
//! To record a new case, add the file and run with `WAYPOST_BLESS=1`, then read the
//! recorded error before committing it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::{fs, path::PathBuf};

use waypost::{Catalog, Policy, to_json};

mod common;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-input")
}

#[test]
fn every_bad_input_fails_with_its_recorded_error() {
    let catalog = Catalog::builtin().unwrap();
    let bless = std::env::var_os("WAYPOST_BLESS").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the suite has its cases");
    let mut mismatches = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(case).unwrap();
        let result = waypost::load_curriculum(common::doc(&text, None, Some(&name)))
            .and_then(|c| waypost::check(catalog, &c, &common::against(None, &Policy::default())));
        let Err(error) = result else {
            mismatches.push(format!("{name}: loaded and checked without an error"));
            continue;
        };
        let actual = to_json(&error.to_report());
        let expected_path = case.with_file_name(format!("{name}.expected.json"));
        if bless {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => mismatches.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{actual}"
            )),
            Err(_) => mismatches.push(format!(
                "{name}: no {name}.expected.json (run with WAYPOST_BLESS=1)"
            )),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn every_diagnostic_in_the_suite_names_its_file() {
    for entry in fs::read_dir(folder()).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".expected.json") {
            continue;
        }
        let report: waypost::ErrorReport =
            serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let case = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".expected.json")
            .to_string();
        assert!(
            !report.diagnostics.is_empty(),
            "{case} has a located problem"
        );
        for d in &report.diagnostics {
            assert_eq!(d.path.as_deref(), Some(case.as_str()), "{case}: {d}");
            assert!(
                !d.message.ends_with('.'),
                "{case}: messages have no final period"
            );
            assert!(
                d.message.chars().next().is_some_and(|c| !c.is_uppercase()),
                "{case}: messages start lowercase: {}",
                d.message
            );
        }
    }
}
