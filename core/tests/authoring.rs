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
        (
            Some(9),
            Some("domains[0]".into()),
            "missing key `prefix`".into(),
        ),
        (
            Some(34),
            Some("statements[3].text".into()),
            "wrong type: found integer `4`".into(),
        ),
        (
            Some(41),
            Some("statements[4].labl".into()),
            "unknown key `labl`".into(),
        ),
        (
            Some(37),
            Some("statements[4]".into()),
            "missing key `label`".into(),
        ),
        (
            Some(19),
            Some("statements[1]".into()),
            "the code `K1` is used twice".into(),
        ),
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
    assert_eq!(
        pointers,
        ["statements[0]", "statements[2].text"],
        "{found:?}"
    );
}

/// The same five mistakes in JSON, which serde_json reads: a text it refuses is read again
/// through the tree TOML and YAML are read into, so every problem is reported as theirs are.
const FIVE_MISTAKES_JSON: &str = r#"{
  "id": "five",
  "title": "Five statements",
  "publishers": ["me"],
  "year": 2026,
  "source": {"citation": "me"},
  "domains": [
    {"id": "k", "name": "Knowledge"}
  ],
  "statements": [
    {"code": "K1", "domain": "k", "text": "One.", "label": "One"},
    {"code": "K1", "domain": "k", "text": "Two.", "label": "Two"},
    {"code": "K3", "domain": "q", "text": "Three.", "label": "Three"},
    {"code": "K4", "domain": "k", "text": 4, "label": "Four"},
    {"code": "K5", "domain": "k", "text": "Five.", "labl": "Five"}
  ],
  "links": [
    {"from": "K4", "to": "K1", "type": "isRelatedTo", "curated_by": "me"}
  ]
}
"#;

/// Each problem without its place: what it says, where it points and its hint.
fn words(problems: &[Diagnostic]) -> Vec<(Option<String>, String, Option<String>)> {
    problems
        .iter()
        .map(|d| (d.pointer.clone(), d.message.clone(), d.hint.clone()))
        .collect()
}

/// Each problem's line and column.
fn lines_and_columns(problems: &[Diagnostic]) -> Vec<(Option<usize>, Option<usize>)> {
    problems.iter().map(|d| (d.line, d.column)).collect()
}

#[test]
fn a_json_framework_with_several_mistakes_reports_them_all_as_toml_does() {
    let json = problems(FIVE_MISTAKES_JSON, Format::Json);
    // The same problems, in the same order and the same words, as the TOML text's.
    assert_eq!(words(&json), words(&problems(FIVE_MISTAKES, Format::Toml)));
    // Each in the file, at its line and column: a table at its brace, a value or a key at its
    // first character (a problem found in what remained, too).
    assert!(json.iter().all(|d| d.path.as_deref() == Some("five")));
    assert_eq!(
        lines_and_columns(&json),
        [
            (Some(8), Some(5)),
            (Some(14), Some(43)),
            (Some(15), Some(52)),
            (Some(15), Some(5)),
            (Some(12), Some(5)),
            (Some(13), Some(30)),
        ]
    );
}

#[test]
fn a_json_curriculum_with_several_mistakes_reports_them_all_as_toml_does() {
    let bad = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-input");
    let read = |name: &str| {
        let text = std::fs::read_to_string(bad.join(name)).unwrap();
        waypost::load_curriculum(common::doc(&text, None, Some(name)))
            .unwrap_err()
            .diagnostics()
            .to_vec()
    };
    let toml = read("several-problems.toml");
    let json = read("several-problems.json");
    assert_eq!(json.len(), 3, "{json:?}");
    assert_eq!(words(&json), words(&toml));
    assert_eq!(
        lines_and_columns(&json),
        [
            (Some(9), Some(15)),
            (Some(18), Some(9)),
            (Some(24), Some(18))
        ]
    );
}

#[test]
fn a_json_policy_with_several_mistakes_reports_them_all_as_yaml_does() {
    let json = r#"{
  "title": "Three mistakes",
  "require": [
    {"domain": "values", "levl": "introduced"},
    {"domain": "skills", "level": "developed", "share": "80%"},
    {"statement": "K8", "min_modules": "two"},
    {"level": "introduced", "share": 0.9, "min_years": -1}
  ]
}"#;
    let yaml = "title: Three mistakes\nrequire:\n  - {domain: values, levl: introduced}\n  \
        - {domain: skills, level: developed, share: 80%}\n  - {statement: K8, min_modules: two}\n  \
        - {level: introduced, share: 0.9, min_years: -1}\n";
    let policy = |text: &str, format| {
        waypost::load_policy(common::doc(text, Some(format), Some("policy")))
            .unwrap_err()
            .diagnostics()
            .to_vec()
    };
    let found = policy(json, Format::Json);
    assert_eq!(words(&found), words(&policy(yaml, Format::Yaml)));
    assert_eq!(
        words(&found),
        [
            (
                Some("require[0].levl".into()),
                "unknown key `levl`".into(),
                Some("did you mean `level`?".into())
            ),
            (
                Some("require[2].min_modules".into()),
                "wrong type: found string \"two\"".into(),
                Some("expected a whole number of 0 or more".into())
            ),
            (
                Some("require[3].min_years".into()),
                "invalid value: integer `-1`".into(),
                Some("expected a whole number of 0 or more".into())
            ),
        ]
    );
    assert_eq!(
        lines_and_columns(&found),
        [
            (Some(4), Some(26)),
            (Some(6), Some(40)),
            (Some(7), Some(56))
        ]
    );
}

#[test]
fn a_yaml_frameworks_consistency_problems_are_placed_as_toml_and_json_ones_are() {
    let yaml = "id: y\ntitle: Y\npublishers: [me]\nyear: 2026\nsource: {citation: me}\n\
        domains:\n  - {id: k, name: K, prefix: K}\nstatements:\n  \
        - {code: K1, domain: k, text: a, label: A}\n  - {code: K1, domain: k, text: b, label: B}\n";
    let found = problems(yaml, Format::Yaml);
    assert_eq!(
        places(&found),
        [(
            Some(10),
            Some("statements[1]".into()),
            "the code `K1` is used twice".into()
        )]
    );
    assert_eq!(found[0].column, Some(5));
}

#[test]
fn a_json_syntax_error_is_still_the_one_problem_serde_json_meets_first() {
    // A wrong type, then a missing key, then a trailing comma: serde_json meets the wrong type
    // first and stops; the rest of the text cannot be read, so nothing more is collected.
    let text = "{\"id\": 5,\n \"modules\": [{\"code\": \"M1\"}],\n}";
    let e = waypost::load_curriculum(common::doc(text, Some(Format::Json), None)).unwrap_err();
    assert_eq!(e.code(), "parse");
    let d = &e.diagnostics()[0];
    assert_eq!(e.diagnostics().len(), 1);
    assert_eq!(
        d.message,
        "wrong type: found integer `5`, expected a string"
    );
    assert_eq!(
        (d.line, d.column, d.pointer.as_deref()),
        (Some(1), Some(8), None)
    );
}

#[test]
fn a_single_problem_of_shape_is_the_parse_error_it_always_was() {
    let one = FIVE_MISTAKES
        .replace("domain = \"q\"", "domain = \"k\"")
        .replace(
            "code = \"K1\"\ndomain = \"k\"\ntext = \"Two.\"",
            "code = \"K2\"\ndomain = \"k\"\ntext = \"Two.\"",
        )
        .replace("text = 4", "text = \"4\"")
        .replace("labl", "label")
        .replace(
            "name = \"Knowledge\"",
            "name = \"Knowledge\"\nprefix = \"K\"",
        )
        .replace("curated_by = \"me\"", "");
    let error = waypost::load_framework(common::doc(&one, Some(Format::Toml), None)).unwrap_err();
    assert_eq!(error.code(), "invalid", "{error}");
    assert_eq!(error.diagnostics().len(), 1, "{error}");
    let shape = one
        .replace(
            "type = \"isRelatedTo\"",
            "type = \"isRelatedTo\"\ncurated_by = \"me\"",
        )
        .replace("year = 2026", "year = \"2026\"");
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
    assert!(
        framework
            .statements
            .iter()
            .any(|s| s.parent.as_deref() == Some("A1"))
    );
    assert!(
        framework
            .links
            .iter()
            .all(|l| l.curated_by.is_some() && l.rationale.is_some())
    );
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
    // 1.1 and A1.1 mapped; A1 derived from its one child.
    assert_eq!(report.summary.covered, 3, "{:?}", report.summary);
}

#[test]
fn a_starter_framework_needs_an_id_and_a_title() {
    let starter = waypost::FrameworkStarter {
        id: " ".into(),
        title: "T".into(),
        schema: None,
    };
    let error = waypost::new_framework(&starter).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a framework needs an id and a title\n  hint: give an id such as `example-standards-2026` and a title such as `Example Standards of Proficiency`"
    );
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

fn fixtures() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/frameworks")
}

/// Each statement as (code, domain name, parent, text, label), in order.
fn shape(framework: &waypost::Framework) -> Vec<(String, String, Option<String>, String, String)> {
    framework
        .statements
        .iter()
        .map(|s| {
            let domain = framework
                .domains
                .iter()
                .find(|d| d.id == s.domain)
                .map(|d| d.name.clone())
                .unwrap();
            (
                s.code.clone(),
                domain,
                s.parent.clone(),
                s.text.clone(),
                s.label.clone(),
            )
        })
        .collect()
}

fn grid_options() -> waypost::FrameworkGridOptions {
    waypost::FrameworkGridOptions {
        id: Some("example-practice-standards".into()),
        title: Some("Example Standards of Proficiency (test fixture)".into()),
        publisher: Some("waypost project (fixture)".into()),
        year: Some(2026),
        sheet: None,
    }
}

#[test]
fn the_fixture_kept_as_a_spreadsheet_imports_as_the_fixture_framework() {
    let fixture =
        waypost::read_framework(&fixtures().join("example-practice-standards.toml")).unwrap();
    let imported = waypost::read_framework_grid(
        &fixtures().join("example-practice-standards.csv"),
        &grid_options(),
    )
    .unwrap();
    assert_eq!(shape(&imported.framework), shape(&fixture));
    assert_eq!(imported.framework.id, fixture.id);
    // Domains in the same order, with the same prefixes.
    let domains = |f: &waypost::Framework| -> Vec<(String, String)> {
        f.domains
            .iter()
            .map(|d| (d.name.clone(), d.prefix.clone()))
            .collect()
    };
    assert_eq!(domains(&imported.framework), domains(&fixture));
    // Only the citation is made up, and it says so.
    let notes: Vec<String> = imported.notes.iter().map(|n| n.message.clone()).collect();
    assert_eq!(
        notes,
        [
            "the sheet does not give the framework's source citation: placeholders were written; replace them in the file"
        ]
    );
    // The TOML written from it loads back as the same framework.
    let toml = waypost::framework_to_toml(&imported, "the fixture grid").unwrap();
    let back = waypost::load_framework(common::doc(&toml, Some(Format::Toml), None)).unwrap();
    assert_eq!(back, imported.framework);
}

#[cfg(feature = "grid-xlsx")]
/// Writes the fixture's rows as an XLSX workbook, from a second column on (a sheet often has
/// a margin), after a cover sheet.
fn fixture_workbook() -> Vec<u8> {
    let text = std::fs::read_to_string(fixtures().join("example-practice-standards.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut cover = waypost_workbook::SheetWriter::new("Cover");
    let plain = waypost_workbook::Style::Plain;
    cover.text(
        0,
        0,
        "Example standards, kept as a spreadsheet",
        plain,
        false,
    );
    let mut sheet = waypost_workbook::SheetWriter::new("Standards");
    for (r, record) in reader.records().enumerate() {
        for (c, cell) in record.unwrap().iter().enumerate() {
            if !cell.is_empty() {
                sheet.text(r as u32, (c + 1) as u16, cell, plain, false);
            }
        }
    }
    let mut workbook = waypost_workbook::Book::new();
    workbook.push(cover);
    workbook.push(sheet);
    workbook.to_bytes().unwrap()
}

#[cfg(feature = "grid-xlsx")]
#[test]
fn the_fixture_kept_as_a_workbook_imports_as_the_fixture_framework() {
    let fixture =
        waypost::read_framework(&fixtures().join("example-practice-standards.toml")).unwrap();
    let path = fixtures().join("example-practice-standards.xlsx");
    if std::env::var_os("WAYPOST_BLESS").is_some() {
        std::fs::write(&path, fixture_workbook()).unwrap();
    }
    // The committed workbook, and one written now.
    let committed = waypost::read_framework_grid(&path, &grid_options()).unwrap();
    assert_eq!(shape(&committed.framework), shape(&fixture));
    let made =
        waypost::import_framework_workbook(&fixture_workbook(), Some("made.xlsx"), &grid_options())
            .unwrap();
    assert_eq!(shape(&made.framework), shape(&fixture));
}

fn grid_problems(text: &str) -> Vec<(Option<usize>, Option<usize>, String)> {
    match waypost::import_framework_grid(
        common::doc(text, Some(Format::Csv), Some("standards.csv")),
        &waypost::FrameworkGridOptions::default(),
    ) {
        Ok(i) => panic!("read as valid: {:?}", i.framework.statements),
        Err(e) => e
            .diagnostics()
            .iter()
            .map(|d| (d.line, d.column, d.message.clone()))
            .collect(),
    }
}

#[test]
fn every_problem_in_a_framework_grid_is_reported_at_its_row_and_column() {
    let found = grid_problems(
        "Code , STATEMENT,Par-ent\nK1,Know a,\nK1,Know b,\n,no code,\nK3,,\nK4,Four,K9\nA,a,C\nB,b,A\nC,c,B\n",
    );
    assert_eq!(
        found,
        [
            (Some(3), Some(1), "the code `K1` is used twice".to_string()),
            (Some(4), Some(1), "the statement has no code".to_string()),
            (
                Some(5),
                Some(2),
                "the statement `K3` has no text".to_string()
            ),
            (
                Some(6),
                Some(3),
                "the parent `K9` of `K4` is not in the sheet".to_string()
            ),
            (
                Some(7),
                Some(3),
                "the parents form a cycle through `A`, `B`, `C`".to_string()
            ),
        ]
    );
    let found = grid_problems("id,words\n1,a\n");
    assert_eq!(
        found,
        [(
            Some(1),
            None,
            "the header row has no `code` or `text` (or `statement`) column".to_string()
        )]
    );
    let found = grid_problems("code,text,code\nK1,a,K1\n");
    assert_eq!(
        found,
        [(
            Some(1),
            Some(3),
            "the `code` column is named twice".to_string()
        )]
    );
}

#[test]
fn what_a_framework_grid_lacks_is_made_up_and_said() {
    let imported = waypost::import_framework_grid(
        common::doc("code,text,Notes\n1.1,Acts within the law.,draft\n1.2,Keeps records.,\n2.1,Explains health.,\n", Some(Format::Csv), Some("my standards.csv")),
        &waypost::FrameworkGridOptions::default(),
    )
    .unwrap();
    let f = &imported.framework;
    assert_eq!(f.id, "my-standards");
    // Domains from the codes' prefixes; labels from the first words.
    assert_eq!(
        f.domains
            .iter()
            .map(|d| (d.id.as_str(), d.prefix.as_str()))
            .collect::<Vec<_>>(),
        [("domain-1", "1."), ("domain-2", "2.")]
    );
    assert_eq!(f.statements[0].label, "Acts within the law");
    let notes: Vec<String> = imported.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        notes,
        [
            "my standards.csv:1:3: the column `Notes` is not part of a framework grid and is not kept\n  hint: the columns read are `code`, `text` (or `statement`), `domain`, `parent`, `label`, `number` and `page`",
            "my standards.csv: 3 statements had no label: a label was made from the first words of the text; write your own in a `label` column",
            "my standards.csv: the sheet has no `domain` column: 2 domains made from the codes' prefixes; name them in a `domain` column, or rename them in the file",
            "my standards.csv: the sheet does not give the framework's title (`--title`), publisher (`--publisher`), year (`--year`), source citation: placeholders were written; replace them in the file",
        ]
    );
}

fn programme_catalog() -> (waypost::Catalog, waypost::Curriculum) {
    let mut catalog = waypost::Catalog::with_builtin().unwrap();
    catalog
        .add_framework(
            waypost::read_framework(&fixtures().join("example-practice-standards.toml")).unwrap(),
        )
        .unwrap();
    let curriculum =
        waypost::read_curriculum(&fixtures().join("three-year-programme.toml")).unwrap();
    (catalog, curriculum)
}

#[test]
fn a_programme_is_checked_against_every_framework_it_declares_in_one_run() {
    let (catalog, curriculum) = programme_catalog();
    // A policy the first framework passes: every statement of platform 7 assessed.
    let policy = waypost::load_policy(common::doc(
        "title = \"platform 7 assessed\"\nframework = \"example-practice-standards\"\n[[require]]\ndomain = \"platform-7\"\nlevel = \"assessed\"\n",
        Some(Format::Toml),
        None,
    ))
    .unwrap();
    let checks =
        waypost::check_all(&catalog, &curriculum, &common::against(None, &policy)).unwrap();
    let ids: Vec<&str> = checks
        .reports
        .iter()
        .map(|r| r.framework.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["example-practice-standards", "realising-recovery-2007"]
    );
    // The policy is the first framework's (it names it); the second, which no policy names,
    // is held to the default policy, which the programme does not meet there, so the whole
    // check fails on it alone.
    assert!(checks.reports[0].passed);
    assert_eq!(
        checks.reports[1].policy.title.as_deref(),
        Some("every statement at least introduced")
    );
    assert!(!checks.passed);
    assert_eq!(checks.failed, ["realising-recovery-2007"]);
    // Each report is the report a check against that framework alone gives.
    let alone = waypost::check(
        &catalog,
        &curriculum,
        &common::framework(Some("realising-recovery-2007")),
    )
    .unwrap();
    assert_eq!(checks.reports[1], alone);
    // `--framework` picks one.
    let one = waypost::check_all(
        &catalog,
        &curriculum,
        &common::framework(Some("realising-recovery-2007")),
    )
    .unwrap();
    assert_eq!(one.reports.len(), 1);
}

#[test]
fn coverage_through_a_crosswalk_is_marked_as_derived_in_every_format() {
    let curriculum = waypost::load_curriculum(common::doc(
        "id = \"c\"\ntitle = \"C\"\nframeworks = [\"realising-recovery-2007\", \"nimhe-guiding-statement-2004\"]\n\n[[modules]]\ncode = \"M1\"\ntitle = \"M\"\n\n[[modules.units]]\nid = \"LO1\"\ntext = \"t\"\ncovers = [\"K4\"]\n",
        Some(Format::Toml),
        None,
    ))
    .unwrap();
    let catalog = waypost::Catalog::builtin().unwrap();
    let checks = waypost::check_all(catalog, &curriculum, &common::framework(None)).unwrap();
    let nimhe = &checks.reports[1];
    assert_eq!(nimhe.framework.id, "nimhe-guiding-statement-2004");
    for format in ["text", "markdown", "html", "csv"] {
        let one =
            waypost::render(nimhe, waypost::ReportFormat::from_name(format).unwrap()).unwrap();
        assert!(
            one.contains("derived from a curated crosswalk"),
            "{format}: {one}"
        );
        let all =
            waypost::render(&checks, waypost::ReportFormat::from_name(format).unwrap()).unwrap();
        assert!(all.contains("derived from a curated crosswalk"), "{format}");
    }
    // Realising Recovery, mapped directly, says nothing of a crosswalk.
    let rr = waypost::render(&checks.reports[0], waypost::ReportFormat::Csv).unwrap();
    assert!(!rr.contains("crosswalk"));
}

/// A mapping grid of Realising Recovery codes, with or without a `framework` column.
fn rr_grid(named: bool) -> String {
    let mut text = String::from("module,unit,text,covers");
    if named {
        text.push_str(",Framework");
    }
    text.push('\n');
    for (unit, covers) in [("LO1", "K4; V9"), ("LO2", "S11:developed")] {
        text.push_str(&format!("M1,{unit},An outcome,\"{covers}\""));
        if named {
            text.push_str(",realising-recovery-2007");
        }
        text.push('\n');
    }
    text
}

#[test]
fn a_portfolio_of_grids_that_name_their_framework_reads_against_another_through_a_crosswalk() {
    let catalog = waypost::Catalog::builtin().unwrap();
    let entries: Vec<waypost::Entry> = [("named.csv", true), ("unnamed.csv", false)]
        .into_iter()
        .map(|(name, named)| {
            let text = rr_grid(named);
            let curriculum =
                waypost::load_curriculum(common::doc(&text, Some(Format::Csv), Some(name)));
            (name.to_string(), curriculum)
        })
        .collect();
    let named = entries[0].1.as_ref().unwrap();
    assert_eq!(named.frameworks, ["realising-recovery-2007"]);
    let portfolio = waypost::portfolio(
        catalog,
        entries,
        &common::portfolio_options(Some("nimhe-guiding-statement-2004")),
    )
    .unwrap();
    // The grid that names its framework is read through the crosswalk; the one that does not
    // cannot be, and is left out with the reason.
    let courses: Vec<&str> = portfolio.courses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(courses, ["named"], "{:?}", portfolio.failures);
    assert!(portfolio.courses[0].covered > 0);
    assert_eq!(portfolio.failures.len(), 1);
}

#[test]
fn a_grid_row_naming_a_second_framework_maps_its_bare_codes_there() {
    let text = "module,unit,covers,framework\nM1,LO1,K4,realising-recovery-2007\nM1,LO2,P3,nimhe-guiding-statement-2004\n";
    let curriculum =
        waypost::load_curriculum(common::doc(text, Some(Format::Csv), Some("two.csv"))).unwrap();
    assert_eq!(
        curriculum.frameworks,
        ["realising-recovery-2007", "nimhe-guiding-statement-2004"]
    );
    let codes: Vec<&str> = curriculum.modules[0]
        .units
        .iter()
        .flat_map(|u| u.covers.iter().map(|m| m.statement.as_str()))
        .collect();
    assert_eq!(codes, ["K4", "nimhe-guiding-statement-2004:P3"]);
    let checks = waypost::check_all(
        waypost::Catalog::builtin().unwrap(),
        &curriculum,
        &common::framework(None),
    )
    .unwrap();
    assert_eq!(checks.reports.len(), 2);
}

#[test]
fn problems_found_after_an_item_is_set_aside_are_placed_where_they_are_written() {
    let text = "id = \"f\"\ntitle = \"F\"\npublishers = [\"me\"]\nyear = 2026\n[source]\ncitation = \"me\"\n\n[[domains]]\nid = \"k\"\nname = \"K\"\nprefix = \"K\"\n\n[[statements]]\ncode = \"K1\"\ndomain = \"k\"\ntext = \"a\"\n\n[[statements]]\ncode = \"K2\"\ndomain = \"k\"\ntext = \"b\"\nlabel = \"B\"\n\n[[statements]]\ncode = \"K2\"\ndomain = \"k\"\ntext = \"c\"\nlabel = \"C\"\n";
    let found = problems(text, Format::Toml);
    let last = found.last().unwrap();
    assert_eq!(last.message, "the code `K2` is used twice");
    // The third statement as written, on its line, first used at the second.
    assert_eq!(last.pointer.as_deref(), Some("statements[2]"));
    assert_eq!(last.line, Some(24));
    assert_eq!(
        last.hint.as_deref(),
        Some("it is first used at `statements[1]`")
    );
}
