//! The shared test vectors under `tests/vectors/`: the same cases the Python and JavaScript
//! suites run, with the report each must produce byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::{fs, path::PathBuf};

use serde::Deserialize;
use waypost::{
    Catalog, Format, Policy, ReportFormat, check, load_curriculum, load_policy, render_report,
};

#[derive(Deserialize)]
struct Case {
    name: String,
    curriculum: String,
    #[serde(default)]
    framework: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    expected: String,
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

#[test]
fn every_vector_gives_its_recorded_report() {
    let cases: Vec<Case> =
        serde_json::from_str(&fs::read_to_string(folder().join("cases.json")).unwrap()).unwrap();
    assert!(cases.len() >= 7);
    let bless = std::env::var_os("WAYPOST_BLESS").is_some();
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let text = fs::read_to_string(folder().join(&case.curriculum)).unwrap();
        let curriculum = load_curriculum(&text, None, Some(&case.curriculum)).unwrap();
        let policy = match &case.policy {
            Some(p) => load_policy(
                &fs::read_to_string(folder().join(p)).unwrap(),
                Some(Format::Toml),
                Some(p),
            )
            .unwrap(),
            None => Policy::default(),
        };
        let report = check(catalog, &curriculum, case.framework.as_deref(), &policy).unwrap();
        let actual = render_report(&report, ReportFormat::Json);
        let path = folder().join(&case.expected);
        if bless {
            fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}: report differs from {}",
                case.name, case.expected
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn one_curriculum_in_three_formats_loads_to_one_model() {
    let read = |f: &str| {
        load_curriculum(
            &fs::read_to_string(folder().join(f)).unwrap(),
            None,
            Some(f),
        )
        .unwrap()
    };
    let toml = read("same-course.toml");
    assert_eq!(toml, read("same-course.json"));
    assert_eq!(toml, read("same-course.yaml"));
}
