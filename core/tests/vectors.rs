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
use waypost::{Catalog, Format, Policy, ReportFormat, render};

mod common;

#[derive(Deserialize)]
struct Case {
    name: String,
    curriculum: String,
    #[serde(default)]
    framework: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    /// Framework files (relative to this folder) added to the built-in ones (`--with`).
    #[serde(default, rename = "with")]
    with: Vec<String>,
    expected: String,
    #[serde(default)]
    renders: Vec<String>,
}

#[derive(Deserialize)]
struct SuggestCase {
    name: String,
    framework: String,
    text: String,
    top: usize,
    expected: String,
}

#[derive(Deserialize)]
struct PlanCase {
    name: String,
    self_assessment: String,
    #[serde(default)]
    target: Option<String>,
    expected: String,
    #[serde(default)]
    renders: Vec<String>,
}

#[derive(Deserialize)]
struct TeamCase {
    name: String,
    self_assessments: Vec<String>,
    #[serde(default)]
    names: bool,
    #[serde(default)]
    target: Option<String>,
    expected: String,
    #[serde(default)]
    renders: Vec<String>,
}

#[derive(Deserialize)]
struct PortfolioCase {
    name: String,
    curricula: Vec<String>,
    #[serde(default)]
    few_learners: Option<u64>,
    #[serde(default)]
    settings: Vec<String>,
    #[serde(default)]
    gaps_to_training: bool,
    expected: String,
    #[serde(default)]
    renders: Vec<String>,
}

#[derive(Deserialize)]
struct ExpectCase {
    name: String,
    framework: String,
    expected: String,
    #[serde(default)]
    renders: Vec<String>,
}

/// The file a render of `expected` is recorded in: `x.report.json` → `x.report.md` for markdown.
fn render_file(expected: &str, format: &str) -> String {
    let ext = match format {
        "text" => "txt",
        "markdown" => "md",
        other => other,
    };
    format!("{}.{ext}", expected.trim_end_matches(".json"))
}

/// Compares `actual` with the recorded file, or records it when blessing.
fn compare(file: &str, actual: &str, failures: &mut Vec<String>) {
    let path = folder().join(file);
    if std::env::var_os("WAYPOST_BLESS").is_some() {
        fs::write(&path, actual).unwrap();
    } else if fs::read_to_string(&path).unwrap_or_default() != actual {
        failures.push(format!("{file} differs"));
    }
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

#[test]
fn every_vector_gives_its_recorded_report() {
    let cases: Vec<Case> =
        serde_json::from_str(&fs::read_to_string(folder().join("cases.json")).unwrap()).unwrap();
    assert!(cases.len() >= 7);
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let text = fs::read_to_string(folder().join(&case.curriculum)).unwrap();
        let curriculum =
            waypost::load_curriculum(common::doc(&text, None, Some(&case.curriculum))).unwrap();
        let policy = match &case.policy {
            Some(p) => waypost::load_policy(common::doc(
                &fs::read_to_string(folder().join(p)).unwrap(),
                Some(Format::Toml),
                Some(p),
            ))
            .unwrap(),
            None => Policy::default(),
        };
        let mut added;
        let catalog = if case.with.is_empty() {
            catalog
        } else {
            added = Catalog::with_builtin().unwrap();
            for file in &case.with {
                let text = fs::read_to_string(folder().join(file)).unwrap();
                added
                    .add_framework(
                        waypost::load_framework(common::doc(&text, None, Some(file))).unwrap(),
                    )
                    .unwrap();
            }
            &added
        };
        let report = waypost::check(
            catalog,
            &curriculum,
            &common::against(case.framework.as_deref(), &policy),
        )
        .unwrap();
        let actual = render(&report, ReportFormat::Json).unwrap();
        compare(&case.expected, &actual, &mut failures);
        for format in &case.renders {
            let rendered = render(&report, ReportFormat::from_name(format).unwrap()).unwrap();
            compare(
                &render_file(&case.expected, format),
                &rendered,
                &mut failures,
            );
        }
        assert!(!case.name.is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn one_curriculum_in_three_formats_loads_to_one_model() {
    let read = |f: &str| {
        waypost::load_curriculum(common::doc(
            &fs::read_to_string(folder().join(f)).unwrap(),
            None,
            Some(f),
        ))
        .unwrap()
    };
    let toml = read("same-course.toml");
    assert_eq!(toml, read("same-course.json"));
    assert_eq!(toml, read("same-course.yaml"));
}

#[test]
fn every_suggestion_vector_gives_its_recorded_ranking() {
    let cases: Vec<SuggestCase> =
        serde_json::from_str(&fs::read_to_string(folder().join("suggest.json")).unwrap()).unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let options = waypost::SuggestOptions {
            top: case.top,
            ..Default::default()
        };
        let suggestions =
            waypost::suggest(catalog, &case.framework, &case.text, &options, &[]).unwrap();
        assert!(suggestions.len() <= case.top, "{}", case.name);
        compare(
            &case.expected,
            &waypost::to_json(&suggestions),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_plan_vector_gives_its_recorded_plan() {
    let cases: Vec<PlanCase> =
        serde_json::from_str(&fs::read_to_string(folder().join("plan.json")).unwrap()).unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let path = folder().join(&case.self_assessment);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let assessment = waypost::load_self_assessment(common::doc(
            &fs::read_to_string(&path).unwrap(),
            None,
            Some(&name),
        ))
        .unwrap();
        let options = waypost::PlanOptions {
            target: case.target.clone(),
            ..Default::default()
        };
        let plan = waypost::plan(catalog, &assessment, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        compare(&case.expected, &waypost::to_json(&plan), &mut failures);
        for format in &case.renders {
            let rendered =
                waypost::render(&plan, ReportFormat::from_name(format).unwrap()).unwrap();
            compare(
                &render_file(&case.expected, format),
                &rendered,
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[derive(Deserialize)]
struct Authoring {
    checks: Vec<ChecksCase>,
    framework_grids: Vec<GridCase>,
}

#[derive(Deserialize)]
struct ChecksCase {
    name: String,
    curriculum: String,
    #[serde(default)]
    with: Vec<String>,
    /// Policy files (relative to this folder), each for the framework it names.
    #[serde(default)]
    policies: Vec<String>,
    expected: String,
    #[serde(default)]
    renders: Vec<String>,
}

#[derive(Deserialize)]
struct GridCase {
    name: String,
    grid: String,
    options: waypost::FrameworkGridOptions,
    expected: String,
}

fn authoring() -> Authoring {
    serde_json::from_str(&fs::read_to_string(folder().join("authoring.json")).unwrap()).unwrap()
}

/// A file's name, as the bindings name a text they are given.
fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

#[test]
fn every_check_against_several_frameworks_gives_its_recorded_reports() {
    let mut failures = Vec::new();
    for case in authoring().checks {
        let mut catalog = Catalog::with_builtin().unwrap();
        for extra in &case.with {
            let name = file_name(extra);
            let framework = waypost::load_framework(common::doc(
                &fs::read_to_string(folder().join(extra)).unwrap(),
                None,
                Some(&name),
            ))
            .unwrap();
            catalog.add_framework(framework).unwrap();
        }
        let name = file_name(&case.curriculum);
        let text = fs::read_to_string(folder().join(&case.curriculum)).unwrap();
        let curriculum = waypost::load_curriculum(common::doc(&text, None, Some(&name))).unwrap();
        let mut options = common::framework(None);
        for p in &case.policies {
            let name = file_name(p);
            options.policies.push(
                waypost::load_policy(common::doc(
                    &fs::read_to_string(folder().join(p)).unwrap(),
                    None,
                    Some(&name),
                ))
                .unwrap(),
            );
        }
        let checks = waypost::check_all(&catalog, &curriculum, &options).unwrap();
        assert!(checks.reports.len() >= 2, "{}", case.name);
        compare(
            &case.expected,
            &render(&checks, ReportFormat::Json).unwrap(),
            &mut failures,
        );
        for format in &case.renders {
            let rendered = render(&checks, ReportFormat::from_name(format).unwrap()).unwrap();
            compare(
                &render_file(&case.expected, format),
                &rendered,
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_framework_grid_vector_imports_to_its_recorded_framework() {
    let mut failures = Vec::new();
    for case in authoring().framework_grids {
        let name = file_name(&case.grid);
        let text = fs::read_to_string(folder().join(&case.grid)).unwrap();
        let imported = waypost::import_framework_grid(
            common::doc(&text, Some(Format::Csv), Some(&name)),
            &case.options,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        compare(&case.expected, &waypost::to_json(&imported), &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_team_vector_gives_its_recorded_team_view() {
    let cases: Vec<TeamCase> =
        serde_json::from_str(&fs::read_to_string(folder().join("team.json")).unwrap()).unwrap();
    assert!(cases.len() >= 2);
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let texts: Vec<(String, String)> = case
            .self_assessments
            .iter()
            .map(|file| {
                let path = folder().join(file);
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                (name, fs::read_to_string(&path).unwrap())
            })
            .collect();
        let entries = texts.iter().map(|(name, text)| {
            let read = waypost::load_self_assessment(common::doc(text, None, Some(name)));
            (name.clone(), read)
        });
        let mut options = waypost::TeamOptions::default();
        options.names = case.names;
        options.target = case.target.clone();
        let team = waypost::team(catalog, entries, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        compare(&case.expected, &waypost::to_json(&team), &mut failures);
        for format in &case.renders {
            let rendered =
                waypost::render(&team, ReportFormat::from_name(format).unwrap()).unwrap();
            compare(
                &render_file(&case.expected, format),
                &rendered,
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_portfolio_vector_gives_its_recorded_reach_and_training() {
    let cases: Vec<PortfolioCase> =
        serde_json::from_str(&fs::read_to_string(folder().join("portfolio.json")).unwrap())
            .unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let entries: Vec<waypost::Entry> = case
            .curricula
            .iter()
            .map(|file| {
                let path = folder().join(file);
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                let text = fs::read_to_string(&path).unwrap();
                let read = waypost::load_curriculum(common::doc(&text, None, Some(&name)));
                (name, read)
            })
            .collect();
        let mut options = waypost::PortfolioOptions::default();
        options.few_learners = case.few_learners;
        options.settings = case.settings.clone();
        options.gaps_to_training = case.gaps_to_training;
        let p = waypost::portfolio(catalog, entries, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert!(p.reach.is_some() && p.training.is_some(), "{}", case.name);
        compare(&case.expected, &waypost::to_json(&p), &mut failures);
        for format in &case.renders {
            let rendered = waypost::render(&p, ReportFormat::from_name(format).unwrap()).unwrap();
            compare(
                &render_file(&case.expected, format),
                &rendered,
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_expect_vector_gives_its_recorded_page() {
    let cases: Vec<ExpectCase> =
        serde_json::from_str(&fs::read_to_string(folder().join("expect.json")).unwrap()).unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let mut options = waypost::ExpectOptions::default();
        options.framework = Some(case.framework.clone());
        let page = waypost::what_to_expect(catalog, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        compare(&case.expected, &waypost::to_json(&page), &mut failures);
        for format in &case.renders {
            let rendered =
                waypost::render(&page, ReportFormat::from_name(format).unwrap()).unwrap();
            compare(
                &render_file(&case.expected, format),
                &rendered,
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
