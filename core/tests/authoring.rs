//! Authoring a framework of one's own (issue #18): every problem of a framework or curriculum
//! reported in one run, the starter framework, the framework-grid import, and a programme
//! checked against every framework it declares.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waypost::{Diagnostic, Format};

mod common;

/// A five-statement framework with independent mistakes: a domain without its prefix, a text
/// of the wrong type, a misspelt key, a code used twice and an unknown domain.
const FIVE_MISTAKES: &str = r#"id = "five"
title = "Five statements"
publishers = ["me"]
year = 2026

[source]
citation = "me"

[[domains]]
id = "k"
name = "Knowledge"

[[statements]]
code = "K1"
domain = "k"
text = "One."
label = "One"

[[statements]]
code = "K1"
domain = "k"
text = "Two."
label = "Two"

[[statements]]
code = "K3"
domain = "q"
text = "Three."
label = "Three"

[[statements]]
code = "K4"
domain = "k"
text = 4
label = "Four"

[[statements]]
code = "K5"
domain = "k"
text = "Five."
labl = "Five"

[[links]]
from = "K4"
to = "K1"
type = "isRelatedTo"
curated_by = "me"
"#;

fn problems(text: &str, format: Format) -> Vec<Diagnostic> {
    match waypost::load_framework(common::doc(text, Some(format), Some("five"))) {
        Ok(f) => panic!("read as valid: {}", f.id),
        Err(e) => e.diagnostics().to_vec(),
    }
}

fn places(problems: &[Diagnostic]) -> Vec<(Option<usize>, Option<String>, String)> {
    problems
        .iter()
        .map(|d| (d.line, d.pointer.clone(), d.message.clone()))
        .collect()
}

#[test]
fn a_framework_with_several_mistakes_reports_them_all_in_one_run() {
    let found = problems(FIVE_MISTAKES, Format::Toml);
    let found = places(&found);
    let expected: Vec<(Option<usize>, Option<String>, String)> = vec![
        (Some(9), Some("domains[0]".into()), "missing key `prefix`".into()),
        (Some(34), Some("statements[3].text".into()), "wrong type: found integer `4`".into()),
        (Some(41), Some("statements[4].labl".into()), "unknown key `labl`".into()),
        (Some(37), Some("statements[4]".into()), "missing key `label`".into()),
        (Some(19), Some("statements[1]".into()), "the code `K1` is used twice".into()),
        (
            Some(27),
            Some("statements[2].domain".into()),
            "statement `K3` names the domain `q`, which is not defined".into(),
        ),
    ];
    // The link from `K4` (set aside for its own problem) is not reported as a link to nothing,
    // nor are statements in the domain `k` (set aside for its missing prefix).
    assert_eq!(found, expected);
}

#[test]
fn several_problems_of_shape_in_yaml_are_all_reported_with_the_indices_as_written() {
    let yaml = "id: y\ntitle: Y\npublishers: [me]\nyear: 2026\nsource: {citation: me}\n\
        domains:\n  - {id: k, name: K, prefix: K}\n\
        statements:\n  - {code: K1, domain: k, text: a}\n  - {code: K2, domain: k, text: b, label: B}\n  - {code: K3, domain: k, text: [c], label: C}\n";
    let found = places(&problems(yaml, Format::Yaml));
    let pointers: Vec<_> = found.iter().map(|f| f.1.clone().unwrap()).collect();
    // The third statement keeps its index although the first was set aside before it.
    assert_eq!(pointers, ["statements[0]", "statements[2].text"], "{found:?}");
}

#[test]
fn a_single_problem_of_shape_is_the_parse_error_it_always_was() {
    let one = FIVE_MISTAKES
        .replace("domain = \"q\"", "domain = \"k\"")
        .replace("code = \"K1\"\ndomain = \"k\"\ntext = \"Two.\"", "code = \"K2\"\ndomain = \"k\"\ntext = \"Two.\"")
        .replace("text = 4", "text = \"4\"")
        .replace("labl", "label")
        .replace("name = \"Knowledge\"", "name = \"Knowledge\"\nprefix = \"K\"")
        .replace("curated_by = \"me\"", "");
    let error = waypost::load_framework(common::doc(&one, Some(Format::Toml), None)).unwrap_err();
    assert_eq!(error.code(), "invalid", "{error}");
    assert_eq!(error.diagnostics().len(), 1, "{error}");
    let shape = one.replace("type = \"isRelatedTo\"", "type = \"isRelatedTo\"\ncurated_by = \"me\"").replace("year = 2026", "year = \"2026\"");
    let error = waypost::load_framework(common::doc(&shape, Some(Format::Toml), None)).unwrap_err();
    assert_eq!(error.code(), "parse", "{error}");
}

#[test]
fn the_starter_framework_loads_and_a_curriculum_checks_against_it() {
    let starter = waypost::FrameworkStarter {
        id: "example-standards-2026".into(),
        title: "Example Standards of Proficiency".into(),
        schema: Some("framework.schema.json".into()),
    };
    let text = waypost::new_framework(&starter).unwrap();
    insta::assert_snapshot!("starter_framework", text);
    let framework = waypost::load_framework(common::doc(&text, Some(Format::Toml), None)).unwrap();
    assert_eq!(framework.id, "example-standards-2026");
    // One statement sits under a parent, and the curated link says who curated it and why.
    assert!(framework.statements.iter().any(|s| s.parent.as_deref() == Some("A1")));
    assert!(framework.links.iter().all(|l| l.curated_by.is_some() && l.rationale.is_some()));
    let mut catalog = waypost::Catalog::with_builtin().unwrap();
    catalog.add_framework(framework).unwrap();
    let curriculum = waypost::load_curriculum(common::doc(
        "id = \"p\"\ntitle = \"P\"\nframeworks = [\"example-standards-2026\"]\n\n[[modules]]\ncode = \"M1\"\ntitle = \"M\"\n\n[[modules.units]]\nid = \"LO1\"\ntext = \"t\"\ncovers = [\"1.1\", \"A1.1:developed\"]\n",
        Some(Format::Toml),
        None,
    ))
    .unwrap();
    let report = waypost::check(&catalog, &curriculum, &common::framework(None)).unwrap();
    assert_eq!(report.framework.id, "example-standards-2026");
    assert_eq!(report.summary.covered, 2, "{:?}", report.summary);
}

#[test]
fn a_starter_framework_needs_an_id_and_a_title() {
    let starter = waypost::FrameworkStarter {
        id: " ".into(),
        title: "T".into(),
        schema: None,
    };
    let error = waypost::new_framework(&starter).unwrap_err();
    assert_eq!(error.to_string(), "a framework needs an id and a title\n  hint: give an id such as `example-standards-2026` and a title such as `Example Standards of Proficiency`");
    // A title holding a quote or a line break still gives a file that loads.
    let starter = waypost::FrameworkStarter {
        id: "x".into(),
        title: "The \"best\"\nstandards".into(),
        schema: None,
    };
    let text = waypost::new_framework(&starter).unwrap();
    let framework = waypost::load_framework(common::doc(&text, Some(Format::Toml), None)).unwrap();
    assert_eq!(framework.title, "The \"best\"\nstandards");
}
