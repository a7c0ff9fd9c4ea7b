//! JSON and YAML curricula edited through a TOML document and written back in their own
//! format: what is saved loads as the original plus the edits, nothing the model reads lost;
//! and the assessments that assess each unit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use waypost::{
    AssessedUnit, Catalog, Curriculum, Document, Format, Mapping, MappingChange, NewUnit, UnitKind,
    assessed_by, editable_curriculum, load_curriculum, write_curriculum,
};

fn example(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../curricula/examples")
            .join(name),
    )
    .unwrap()
}

fn catalog() -> &'static Catalog {
    Catalog::builtin().unwrap()
}

fn load(text: &str, name: &str) -> Curriculum {
    load_curriculum(Document::named(text, name)).unwrap()
}

/// What the model reads, for comparing two readings (the origin is not part of it).
fn model(curriculum: &Curriculum) -> serde_json::Value {
    serde_json::to_value(curriculum).unwrap()
}

/// Maps `code` to the first unit of the first module and adds a unit assessed by the first
/// module's first assessment, through the core's editing; the same changes made to `expected`.
fn edit(toml: &str, expected: &mut Curriculum) -> String {
    // The first module with an assessment.
    let mi = expected
        .modules
        .iter()
        .position(|m| !m.assessments.is_empty())
        .unwrap();
    let module = expected.modules[mi].code.clone();
    let unit = expected.modules[mi].units[0].id.clone();
    let assessment = expected.modules[mi].assessments[0].id.clone();
    let name = Some("c.toml");
    let mut doc = Document::new(toml);
    doc.name = name;
    let mapped = waypost::map_unit(
        catalog(),
        doc,
        &format!("{module}/{unit}"),
        &[MappingChange::parse("+K25:developed").unwrap()],
    )
    .unwrap();
    expected.modules[mi].units[0]
        .covers
        .push(Mapping::parse("K25:developed"));
    let new_unit = NewUnit {
        module: module.clone(),
        id: "LO99".to_string(),
        kind: UnitKind::Session,
        text: Some("Hope in practice".to_string()),
        covers: vec![Mapping::parse("K4")],
    };
    let added =
        waypost::add_unit(catalog(), Document::named(&mapped, "c.toml"), &new_unit).unwrap();
    let mut assesses = expected.modules[mi].assessments[0].assesses.clone();
    assesses.push("LO99".to_string());
    let assessed = waypost::set_assesses(
        catalog(),
        Document::named(&added, "c.toml"),
        &format!("{module}/{assessment}"),
        &assesses,
    )
    .unwrap();
    // The model's own reading of the new unit, as a file would give it.
    let mut unit: waypost::Unit = serde_json::from_str(
        r#"{"id": "LO99", "kind": "session", "text": "Hope in practice", "covers": ["K4"]}"#,
    )
    .unwrap();
    unit.extra.clear();
    expected.modules[mi].units.push(unit);
    expected.modules[mi].assessments[0].assesses = assesses;
    assessed
}

fn round_trip(name: &str, format: Format) {
    let original = example(name);
    let editable = editable_curriculum(Document::named(&original, name)).unwrap();
    assert_eq!(editable.format, format);
    // The TOML document loads as the curriculum itself.
    let mut expected = load(&original, name);
    assert_eq!(model(&load(&editable.text, "c.toml")), model(&expected));
    let edited = edit(&editable.text, &mut expected);
    let saved = write_curriculum(Document::named(&edited, "c.toml"), format).unwrap();
    let saved_name = format!("saved.{}", format.as_str());
    let reopened = load(&saved, &saved_name);
    assert_eq!(model(&reopened), model(&expected), "{saved}");
    // Opened again, the saved file gives the same TOML to edit.
    let again = editable_curriculum(Document::named(&saved, &saved_name)).unwrap();
    assert_eq!(model(&load(&again.text, "c.toml")), model(&expected));
}

#[test]
fn a_json_curriculum_is_saved_as_json_holding_the_edits_and_everything_else() {
    round_trip("portfolio/recovery-elearning-induction.json", Format::Json);
}

#[test]
fn a_yaml_curriculum_is_saved_as_yaml_holding_the_edits_and_everything_else() {
    round_trip("portfolio/pg-recovery-focused-practice.yaml", Format::Yaml);
}

#[test]
fn json_is_written_as_json_and_yaml_as_yaml() {
    let original = example("portfolio/recovery-elearning-induction.json");
    let editable = editable_curriculum(Document::named(&original, "c.json")).unwrap();
    let json = write_curriculum(Document::new(&editable.text), Format::Json).unwrap();
    assert!(
        json.starts_with("{\n  \"id\": \"recovery-elearning-induction\",\n"),
        "{json}"
    );
    // Key order as written: the keys of the file, in the file's order.
    let keys = |text: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(keys(&json), keys(&original));
    // Mappings stay written as they were (text, not tables).
    assert!(json.contains("\"K1\""));
    let yaml = write_curriculum(Document::new(&editable.text), Format::Yaml).unwrap();
    assert!(
        yaml.starts_with("id: recovery-elearning-induction\n"),
        "{yaml}"
    );
    assert_eq!(
        model(&load(&yaml, "c.yaml")),
        model(&load(&original, "c.json"))
    );
}

/// YAML scalars are typed as the model reads them: a plain `101` is a module's code (text) and
/// a plain `2026/27` a version; written back, text that YAML would read as a number is quoted.
#[test]
fn yaml_scalars_keep_the_type_the_model_reads() {
    let yaml = "id: c\ntitle: C\nversion: 2026\nframeworks: [realising-recovery-2007]\nreviewed: yes\nmodules:\n  - code: 101\n    credits: 20\n    units:\n      - id: 1\n        covers: [K4, 'S11:developed']\n        hours: 3\n";
    let editable = editable_curriculum(Document::named(yaml, "c.yaml")).unwrap();
    assert!(
        editable.text.contains("code = \"101\""),
        "{}",
        editable.text
    );
    assert!(
        editable.text.contains("version = \"2026\""),
        "{}",
        editable.text
    );
    assert!(editable.text.contains("credits = 20"), "{}", editable.text);
    assert!(editable.text.contains("hours = 3"), "{}", editable.text);
    let saved = write_curriculum(Document::new(&editable.text), Format::Yaml).unwrap();
    assert_eq!(
        model(&load(&saved, "c.yaml")),
        model(&load(yaml, "c.yaml")),
        "{saved}"
    );
}

#[test]
fn what_is_not_kept_is_said_before_saving() {
    let json = r#"{
  "modules": [{"code": "M1", "title": null, "units": [{"id": "LO1", "covers": ["K4"], "note": null}]}],
  "id": "c",
  "title": "C"
}"#;
    let editable = editable_curriculum(Document::named(json, "c.json")).unwrap();
    let notes: Vec<String> = editable.notes.iter().map(|d| d.message.clone()).collect();
    assert!(
        notes[0].starts_with("the JSON is written afresh"),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("the order of keys changes in the curriculum")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("`modules[0].title`") && n.contains("`modules[0].units[0].note`")),
        "{notes:?}"
    );
    assert!(
        editable
            .notes
            .iter()
            .all(|d| d.path.as_deref() == Some("c.json"))
    );
    // The JSON example has its modules last: its key order is kept, and no null is dropped.
    let kept = example("portfolio/recovery-elearning-induction.json");
    let editable = editable_curriculum(Document::named(&kept, "c.json")).unwrap();
    assert_eq!(editable.notes.len(), 1, "{:?}", editable.notes);
    let yaml = example("portfolio/pg-recovery-focused-practice.yaml");
    let editable = editable_curriculum(Document::named(&yaml, "c.yaml")).unwrap();
    assert!(
        editable.notes[0]
            .message
            .starts_with("comments, anchors and aliases are not kept")
    );
}

#[test]
fn a_toml_curriculum_is_its_own_text() {
    let toml = example("recovery-awareness-day.toml");
    let editable = editable_curriculum(Document::named(&toml, "r.toml")).unwrap();
    assert_eq!(editable.text, toml);
    assert_eq!(editable.format, Format::Toml);
    assert!(editable.notes.is_empty());
    assert_eq!(
        write_curriculum(Document::new(&toml), Format::Toml).unwrap(),
        toml
    );
}

#[test]
fn a_broken_curriculum_is_refused_with_its_located_error() {
    let json = "{\n  \"id\": \"c\",\n  \"titel\": \"C\"\n}";
    let error = editable_curriculum(Document::named(json, "c.json")).unwrap_err();
    let report = error.to_report();
    let d = &report.diagnostics[0];
    assert_eq!(d.path.as_deref(), Some("c.json"));
    assert!(d.line.is_some(), "{report:?}");
    let grid = "module,unit,covers\nM1,LO1,K4\n";
    let error =
        write_curriculum(Document::new("id = \"c\"\ntitle = \"C\"\n"), Format::Csv).unwrap_err();
    assert!(error.to_string().contains("write_grid"), "{error}");
    let error = editable_curriculum(Document::named(grid, "g.csv")).unwrap_err();
    assert!(error.to_string().contains("import_grid"), "{error}");
}

/// An empty list written inline (`units = []`, as a JSON curriculum's empty list becomes) takes
/// the first unit added to it. Before, the editing refused to add to it.
#[test]
fn a_unit_is_added_to_an_empty_inline_list() {
    let toml = "id = \"c\"\ntitle = \"C\"\n\n[[modules]]\ncode = \"M1\"\nunits = []\n";
    let unit = NewUnit {
        module: "M1".to_string(),
        id: "LO1".to_string(),
        ..Default::default()
    };
    let added = waypost::add_unit(catalog(), Document::named(toml, "c.toml"), &unit).unwrap();
    let c = load(&added, "c.toml");
    assert_eq!(c.modules[0].units[0].id, "LO1");
    assert!(added.contains("[[modules.units]]"), "{added}");
}

#[test]
fn assessed_by_names_each_unit_s_assessments() {
    let toml = r#"id = "c"
title = "C"

[[modules]]
code = "M1"
units = [{ id = "LO1" }, { id = "LO2" }, { id = "LO3" }]
assessments = [
  { id = "A1", assesses = ["LO1", " LO2 "] },
  { id = "A2", assesses = ["M1/LO2"] },
]

[[modules]]
code = "M2"
units = [{ id = "LO1" }]
assessments = [{ id = "X", assesses = ["M1/LO3", "LO1"] }]
"#;
    let c = load(toml, "c.toml");
    let unit = |module: &str, id: &str, by: &[&str]| AssessedUnit {
        module: module.to_string(),
        unit: id.to_string(),
        assessments: by.iter().map(|s| s.to_string()).collect(),
    };
    assert_eq!(
        assessed_by(&c),
        vec![
            unit("M1", "LO1", &["A1"]),
            unit("M1", "LO2", &["A1", "A2"]),
            unit("M1", "LO3", &["M2/X"]),
            unit("M2", "LO1", &["X"]),
        ]
    );
    assert_eq!(c.assessed_by("M1", "LO2"), vec!["A1", "A2"]);
    assert!(c.assessed_by("M9", "LO1").is_empty());
}
