//! Editing curriculum files: every edit keeps what a person wrote outside the spot it changes,
//! is checked against the framework, and fails without producing a half-changed file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use proptest::prelude::*;
use waypost::{
    Catalog, Mapping, MappingChange, NewAssessment, NewModule, NewUnit, Rename, Starter, UnitKind,
};

mod common;

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

fn add(code: &str) -> MappingChange {
    MappingChange::parse(&format!("+{code}")).unwrap()
}

fn remove(code: &str) -> MappingChange {
    MappingChange::parse(&format!("-{code}")).unwrap()
}

/// The lines that differ between two texts, as (removed, added), after the common start and
/// end are taken away.
fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let q = a[p..]
        .iter()
        .rev()
        .zip(b[p..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        a[p..a.len() - q].iter().map(|s| s.to_string()).collect(),
        b[p..b.len() - q].iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn mapping_changes_touch_only_the_covers_line() {
    let old = example("bsc-mental-health-nursing.toml");
    let new = waypost::map_unit(
        catalog(),
        common::doc(&old, None, Some("bsc.toml")),
        "MHN1001/LO2",
        &[add("K6:developed"), remove("K3"), add("K4:D")],
    )
    .unwrap();
    let (removed, added) = changed_lines(&old, &new);
    assert_eq!(removed, ["covers = [\"K3\", \"K4\", \"K5\"]\n"]);
    assert_eq!(
        added,
        ["covers = [\"K4:developed\", \"K5\", \"K6:developed\"]\n"]
    );
    // Mapping a statement again at its level changes nothing.
    let again = waypost::map_unit(
        catalog(),
        common::doc(&new, None, None),
        "MHN1001/LO2",
        &[add("K5")],
    )
    .unwrap();
    assert_eq!(again, new);
}

#[test]
fn lists_written_one_per_line_keep_their_comments_and_tables_keep_their_form() {
    let old = r#"# A team's own notes stay where they are.
id = "demo"
title = "Demo"
frameworks = ["realising-recovery-2007"]
reviewed_by = "programme board"   # not a waypost key

[[modules]]
code = "M1"

[[modules.units]]
id = "LO1"
covers = [
    "K1", # the recovery process
    { statement = "V9", level = "developed" },
    "K2",  # accounts of recovery
]
owner = "Dr Byrne"

[[modules.units]]
id = "LO2"
text = "Unmapped for now"

[[modules]]
code = "M2"
"#;
    let new = waypost::map_unit(
        catalog(),
        common::doc(old, None, None),
        "LO1",
        &[add("V9"), remove("K2"), add("S3:assessed")],
    )
    .unwrap();
    assert_eq!(
        new,
        old.replace(
            r#"    { statement = "V9", level = "developed" },
    "K2",  # accounts of recovery
]"#,
            r#"    { statement = "V9" },
    "S3:assessed",
]"#
        )
    );
    // A unit without `covers` gets one, after its last key.
    let new = waypost::map_unit(
        catalog(),
        common::doc(old, None, None),
        "M1/LO2",
        &[add("K4")],
    )
    .unwrap();
    let (removed, added) = changed_lines(old, &new);
    assert!(removed.is_empty());
    assert_eq!(added, ["covers = [\"K4\"]\n"]);
    // Removing the last mapping leaves an empty list, which says "not mapped yet".
    let new = waypost::map_unit(
        catalog(),
        common::doc(&new, None, None),
        "M1/LO2",
        &[remove("K4")],
    )
    .unwrap();
    assert!(new.contains("text = \"Unmapped for now\"\ncovers = []\n"));
}

#[test]
fn qualified_ids_and_assessments_can_be_edited() {
    let old = r#"id = "demo"
title = "Demo"
frameworks = ["realising-recovery-2007"]

[[modules]]
code = "M1"

[[modules.units]]
id = "LO1"
covers = ["realising-recovery-2007:K1", "nimhe-guiding-statement-2004:P3"]

[[modules.assessments]]
id = "A1"
assesses = ["LO1"]
"#;
    let new = waypost::map_unit(
        catalog(),
        common::doc(old, None, None),
        "M1/LO1",
        &[remove("K1")],
    )
    .unwrap();
    assert!(
        new.contains(r#"covers = ["nimhe-guiding-statement-2004:P3"]"#),
        "{new}"
    );
    let new = waypost::map_unit(
        catalog(),
        common::doc(old, None, None),
        "A1",
        &[add("S21"), add("nimhe-guiding-statement-2004:P7")],
    )
    .unwrap();
    let (removed, added) = changed_lines(old, &new);
    assert!(removed.is_empty());
    assert_eq!(
        added,
        ["covers = [\"S21\", \"nimhe-guiding-statement-2004:P7\"]\n"]
    );
}

#[test]
fn bad_edits_fail_with_the_hints_a_check_gives() {
    let old = example("bsc-mental-health-nursing.toml");
    let err = waypost::map_unit(
        catalog(),
        common::doc(&old, None, Some("bsc.toml")),
        "MHN1001/LO1",
        &[add("K26"), add("S1 2"), add("K4:mastered"), remove("S12")],
    )
    .unwrap_err();
    let shown: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "bsc.toml:39:10 (at `modules[0].units[0].covers`): unknown statement `K26` in `realising-recovery-2007`\n  hint: the framework has K1–K25 in Knowledge",
            "bsc.toml:39:10 (at `modules[0].units[0].covers`): unknown statement `S1 2` in `realising-recovery-2007`\n  hint: did you mean `S12`?",
            "bsc.toml:39:10 (at `modules[0].units[0].covers`): unknown level `mastered` for `K4`\n  hint: the levels are `introduced` < `developed` < `assessed` (or their initials I, D, A)",
            "bsc.toml:39:10 (at `modules[0].units[0].covers`): `MHN1001/LO1` does not map `S12`\n  hint: it maps `K1`, `K2`, `V1`, `V2`",
        ]
    );
    let err = waypost::map_unit(
        catalog(),
        common::doc(&old, None, Some("bsc.toml")),
        "LO1",
        &[add("K4")],
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bsc.toml: `LO1` is in several modules: `MHN1001`, `MHN1002`"),
        "{err}"
    );
    assert!(
        err.to_string()
            .ends_with("hint: name the module too, such as `MHN1001/LO1`")
    );
    let err = waypost::map_unit(
        catalog(),
        common::doc(&old, None, None),
        "MHN1001/LO9",
        &[add("K4")],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "module `MHN1001` has no unit `LO9`\n  hint: did you mean `MHN1001/LO1`?"
    );
    let err = waypost::map_unit(
        catalog(),
        common::doc(&old, None, None),
        "MHN1010/LO1",
        &[add("K4")],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the curriculum has no module `MHN1010`\n  hint: did you mean `MHN1001`?"
    );
    let err = waypost::map_unit(
        catalog(),
        common::doc(&old, None, None),
        "LO99",
        &[add("K4")],
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the curriculum has no unit `LO99`")
    );
    assert!(MappingChange::parse("-").is_err());
    // Only TOML is edited; the file must load to begin with.
    let err = waypost::map_unit(
        catalog(),
        common::doc(&old, None, Some("bsc.json")),
        "MHN1001/LO1",
        &[add("K4")],
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("waypost edits TOML curricula"),
        "{err}"
    );
    let err = waypost::map_unit(
        catalog(),
        common::doc("id = ", None, Some("x.toml")),
        "LO1",
        &[add("K4")],
    )
    .unwrap_err();
    assert_eq!(err.code(), "parse");
}

#[test]
fn structure_is_added_without_touching_the_rest() {
    let old = example("bsc-mental-health-nursing.toml");
    let unit = NewUnit {
        module: "MHN1001".into(),
        id: "LO7".into(),
        kind: UnitKind::Session,
        text: Some("Hope in practice: \"small steps\"".into()),
        covers: vec![Mapping::parse("K4"), Mapping::parse("S11=D")],
    };
    let new =
        waypost::add_unit(catalog(), common::doc(&old, None, Some("bsc.toml")), &unit).unwrap();
    let (removed, added) = changed_lines(&old, &new);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        added.concat().trim(),
        "[[modules.units]]\nid = \"LO7\"\nkind = \"session\"\ntext = 'Hope in practice: \"small steps\"'\ncovers = [\"K4\", \"S11:developed\"]"
    );
    // The unit lands in its module, after the module's other units.
    let c = waypost::load_curriculum(common::doc(&new, None, Some("bsc.toml"))).unwrap();
    assert_eq!(c.modules[0].units.last().unwrap().id, "LO7");
    assert_eq!(c.modules[0].assessments.len(), 2);
    waypost::validate(catalog(), &c, &common::framework(None)).unwrap();

    let module = NewModule {
        code: "MHN3999".into(),
        title: Some("Elective".into()),
        year: Some(3),
        level: Some("SCQF 9".into()),
        credits: Some(20),
    };
    let new = waypost::add_module(catalog(), common::doc(&new, None, None), &module).unwrap();
    let assessment = NewAssessment {
        module: "MHN1001".into(),
        id: "A3".into(),
        title: Some("Viva".into()),
        weight: Some(10),
        assesses: vec!["LO7".into(), "MHN1002/LO1".into()],
        covers: vec![Mapping::parse("V3")],
    };
    let new =
        waypost::add_assessment(catalog(), common::doc(&new, None, None), &assessment).unwrap();
    let c = waypost::load_curriculum(common::doc(&new, None, None)).unwrap();
    assert_eq!(c.modules.last().unwrap().code, "MHN3999");
    assert_eq!(c.modules[0].assessments[2].assesses, ["LO7", "MHN1002/LO1"]);
    waypost::validate(catalog(), &c, &common::framework(None)).unwrap();
    // Three insertions: every old line is still there, in order.
    let mut new_lines = new.split_inclusive('\n');
    for line in old.split_inclusive('\n') {
        assert!(new_lines.any(|n| n == line), "lost {line:?}");
    }
}

#[test]
fn structure_that_clashes_or_dangles_is_refused() {
    let old = example("bsc-mental-health-nursing.toml");
    let unit = NewUnit {
        module: "MHN1001".into(),
        id: "LO1".into(),
        ..Default::default()
    };
    let err =
        waypost::add_unit(catalog(), common::doc(&old, None, Some("bsc.toml")), &unit).unwrap_err();
    assert!(
        err.to_string()
            .contains("module `MHN1001` already has a unit `LO1`"),
        "{err}"
    );
    let unit = NewUnit {
        module: "MHN1001".into(),
        id: "LO8".into(),
        covers: vec![Mapping::parse("V21")],
        ..Default::default()
    };
    let err =
        waypost::add_unit(catalog(), common::doc(&old, None, Some("bsc.toml")), &unit).unwrap_err();
    assert!(
        err.to_string()
            .contains("hint: the framework has V1–V20 in Values"),
        "{err}"
    );
    let module = NewModule {
        code: "MHN1001".into(),
        ..Default::default()
    };
    assert!(waypost::add_module(catalog(), common::doc(&old, None, None), &module).is_err());
    let assessment = NewAssessment {
        module: "MHN1001".into(),
        id: "A9".into(),
        assesses: vec!["LO11".into()],
        ..Default::default()
    };
    let err =
        waypost::add_assessment(catalog(), common::doc(&old, None, None), &assessment).unwrap_err();
    assert!(
        err.to_string()
            .contains("the assessment assesses `LO11`, which is not a unit of the curriculum"),
        "{err}"
    );
    assert!(err.to_string().contains("did you mean `LO1`?"), "{err}");
}

/// What a check of the text finds: the totals, and each statement's level.
fn summary(text: &str) -> String {
    let curriculum = waypost::load_curriculum(common::doc(text, None, None)).unwrap();
    let report = waypost::check(catalog(), &curriculum, &Default::default()).unwrap();
    let levels: Vec<(String, Option<String>)> = report
        .statements
        .iter()
        .map(|s| (s.code.clone(), s.level.clone()))
        .collect();
    serde_json::to_string(&(&report.summary, levels)).unwrap()
}

#[test]
fn renaming_a_unit_changes_the_assesses_that_name_it_and_nothing_else() {
    let old = example("bsc-mental-health-nursing.toml");
    let rename = Rename {
        id: Some("LO5a".into()),
        title: Some("Plan care with the person, using their own words.".into()),
    };
    let new = waypost::rename(
        catalog(),
        common::doc(&old, None, Some("bsc.toml")),
        "MHN2001/LO5",
        &rename,
    )
    .unwrap();
    let (removed, added) = changed_lines(&old, &new);
    // The unit's id and text, and the practice module's assessment that names it, qualified.
    assert_eq!(added.len(), removed.len(), "{added:?}");
    assert!(added.iter().any(|l| l == "id = \"LO5a\"\n"), "{added:?}");
    assert!(
        added
            .iter()
            .any(|l| l == "text = \"Plan care with the person, using their own words.\"\n"),
        "{added:?}"
    );
    assert!(
        added
            .iter()
            .any(|l| l == "assesses = [\"LO1\", \"LO2\", \"LO3\", \"LO4\", \"MHN2001/LO5a\"]\n"),
        "{added:?}"
    );
    // The comment above that list stays, and the curriculum checks the same.
    assert!(new.contains("# The last entry is an outcome of the theory module MHN2001"));
    assert_eq!(summary(&old), summary(&new));

    // A unit of the module's own assessments: its bare id is changed where it is listed.
    let rename = Rename {
        id: Some("LO9".into()),
        title: None,
    };
    let new = waypost::rename(
        catalog(),
        common::doc(&old, None, None),
        "MHN1001/LO2",
        &rename,
    )
    .unwrap();
    let (_, added) = changed_lines(&old, &new);
    assert!(
        added
            .iter()
            .any(|l| l.contains("assesses = [\"LO1\", \"LO9\", \"LO3\"]")),
        "{added:?}"
    );
}

#[test]
fn renaming_a_module_keeps_its_qualified_references() {
    let old = example("bsc-mental-health-nursing.toml");
    let rename = Rename {
        id: Some("MHN2101".into()),
        title: Some("Recovery-focused practice".into()),
    };
    let new =
        waypost::rename(catalog(), common::doc(&old, None, None), "MHN2001", &rename).unwrap();
    assert!(new.contains("code = \"MHN2101\"\ntitle = \"Recovery-focused practice\"\n"));
    assert!(
        new.contains("\"MHN2101/LO5\"]"),
        "the practice module's reference follows"
    );
    assert!(!new.contains("MHN2001/"));
    assert_eq!(summary(&old), summary(&new));
    // An assessment's title.
    let rename = Rename {
        id: None,
        title: Some("Essay (2,500 words)".into()),
    };
    let new = waypost::rename(
        catalog(),
        common::doc(&old, None, None),
        "MHN1001/A1",
        &rename,
    )
    .unwrap();
    let (removed, added) = changed_lines(&old, &new);
    assert_eq!(removed.len(), 1);
    assert_eq!(added, vec!["title = \"Essay (2,500 words)\"\n".to_string()]);
}

#[test]
fn renames_that_clash_are_refused() {
    let old = example("bsc-mental-health-nursing.toml");
    let to = |id: &str| Rename {
        id: Some(id.into()),
        title: None,
    };
    let err = waypost::rename(
        catalog(),
        common::doc(&old, None, None),
        "MHN1001/LO1",
        &to("LO2"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("module `MHN1001` already has a unit `LO2`"),
        "{err}"
    );
    let err = waypost::rename(
        catalog(),
        common::doc(&old, None, None),
        "MHN1001",
        &to("MHN2001"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("the curriculum already has a module `MHN2001`"),
        "{err}"
    );
    let err = waypost::rename(
        catalog(),
        common::doc(&old, None, None),
        "MHN1001/LO1",
        &to(" "),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("the new code of `MHN1001/LO1` is empty"),
        "{err}"
    );
    let err = waypost::rename(
        catalog(),
        common::doc(&old, None, None),
        "MHN1001/LO77",
        &to("X"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("module `MHN1001` has no unit `LO77`"),
        "{err}"
    );
}

#[test]
fn an_assessments_units_are_set_keeping_the_list_layout() {
    let old = example("bsc-mental-health-nursing.toml");
    let set = |units: &[&str]| {
        let units: Vec<String> = units.iter().map(|u| (*u).to_string()).collect();
        waypost::set_assesses(
            catalog(),
            common::doc(&old, None, None),
            "MHN1001/A2",
            &units,
        )
    };
    let new = set(&["LO5", "LO4"]).unwrap();
    let (removed, added) = changed_lines(&old, &new);
    assert_eq!(removed, vec!["assesses = [\"LO5\"]\n".to_string()]);
    assert_eq!(added, vec!["assesses = [\"LO5\", \"LO4\"]\n".to_string()]);
    // LO4 now counts as assessed.
    let curriculum = waypost::load_curriculum(common::doc(&new, None, None)).unwrap();
    assert_eq!(
        curriculum.modules[0].assessments[1].assesses,
        vec!["LO5", "LO4"]
    );
    let new = set(&[]).unwrap();
    let (_, added) = changed_lines(&old, &new);
    assert_eq!(added, vec!["assesses = []\n".to_string()]);
    // The same unit named the long way is kept where it is.
    let new = set(&["MHN1001/LO5"]).unwrap();
    assert_eq!(new, old);
    let err = set(&["LO55"]).unwrap_err();
    assert!(
        err.to_string()
            .contains("`LO55` is not a unit of the curriculum"),
        "{err}"
    );
    assert!(err.to_string().contains("did you mean `LO5`?"), "{err}");
    let err = waypost::set_assesses(catalog(), common::doc(&old, None, None), "MHN1001/LO1", &[])
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("`MHN1001/LO1` is a unit, not an assessment"),
        "{err}"
    );
}

#[test]
fn a_starter_file_loads_and_says_how_to_go_on() {
    let starter = Starter {
        id: "ward-course".into(),
        title: "Ward course".into(),
        framework: "nimhe-guiding-statement-2004".into(),
        provider: None,
        schema: Some("../docs/schema/curriculum.schema.json".into()),
    };
    let text = waypost::new_curriculum(catalog(), &starter).unwrap();
    assert!(text.starts_with("#:schema ../docs/schema/curriculum.schema.json\n"));
    assert!(text.contains("frameworks = [\"nimhe-guiding-statement-2004\"]"));
    let c = waypost::load_curriculum(common::doc(&text, None, Some("ward-course.toml"))).unwrap();
    assert_eq!(c.id, "ward-course");
    waypost::validate(catalog(), &c, &common::framework(None)).unwrap();
    // Filled in with the edits it describes.
    let text = waypost::add_module(
        catalog(),
        common::doc(&text, None, None),
        &NewModule {
            code: "MOD1".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let text = waypost::add_unit(
        catalog(),
        common::doc(&text, None, None),
        &NewUnit {
            module: "MOD1".into(),
            id: "LO1".into(),
            covers: vec![Mapping::parse("P3")],
            ..Default::default()
        },
    )
    .unwrap();
    let text = waypost::map_unit(
        catalog(),
        common::doc(&text, None, None),
        "MOD1/LO1",
        &[add("P7:developed")],
    )
    .unwrap();
    let c = waypost::load_curriculum(common::doc(&text, None, None)).unwrap();
    assert_eq!(c.modules[0].units[0].covers.len(), 2);
    insta::assert_snapshot!("starter_nimhe", text);
    let err = waypost::new_curriculum(
        catalog(),
        &Starter {
            framework: "nope".into(),
            ..starter
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "unknown-framework");
}

// ---------------------------------------------------------------------------------------------
// Random edit sequences
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    /// Add these statements (by index) at these levels, and remove these mapped ones.
    Map {
        unit: usize,
        adds: Vec<(usize, usize)>,
        removes: Vec<usize>,
    },
    AddUnit {
        module: usize,
        covers: Vec<(usize, usize)>,
    },
    AddModule,
    AddAssessment {
        module: usize,
        assesses: Vec<usize>,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let pairs = prop::collection::vec((0usize..1000, 0usize..3), 0..4);
    prop_oneof![
        4 => (0usize..1000, pairs.clone(), prop::collection::vec(0usize..1000, 0..3))
            .prop_map(|(unit, adds, removes)| Op::Map { unit, adds, removes }),
        2 => (0usize..1000, pairs).prop_map(|(module, covers)| Op::AddUnit { module, covers }),
        1 => Just(Op::AddModule),
        1 => (0usize..1000, prop::collection::vec(0usize..1000, 0..3))
            .prop_map(|(module, assesses)| Op::AddAssessment { module, assesses }),
    ]
}

/// The 0-based lines of the `covers` entry of a unit (key to end of value), if it has one.
fn covers_lines(text: &str, module: usize, unit: usize) -> Option<(usize, usize)> {
    let doc: toml_edit::Document<String> = text.parse().ok()?;
    let modules = doc.get("modules")?.as_array_of_tables()?;
    let units = modules.get(module)?.get("units")?.as_array_of_tables()?;
    let (key, item) = units.get(unit)?.get_key_value("covers")?;
    let start = key.span()?.start;
    let end = item.span()?.end;
    let line = |offset: usize| text[..offset].matches('\n').count();
    Some((line(start), line(end)))
}

fn apply(text: &str, op: &Op, step: usize) -> Result<(), TestCaseError> {
    let catalog = catalog();
    let before = waypost::load_curriculum(common::doc(text, None, Some("c.toml"))).unwrap();
    let framework = catalog.framework(&before.frameworks[0]).unwrap();
    let code = |i: usize| {
        framework.statements[i % framework.statements.len()]
            .code
            .clone()
    };
    let level = |i: usize| framework.levels[i % framework.levels.len()].clone();
    let units: Vec<(usize, usize)> = before
        .modules
        .iter()
        .enumerate()
        .flat_map(|(mi, m)| (0..m.units.len()).map(move |ui| (mi, ui)))
        .collect();
    let old_lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (new, allowed) = match op {
        Op::Map {
            unit,
            adds,
            removes,
        } => {
            if units.is_empty() {
                return Ok(());
            }
            let (mi, ui) = units[unit % units.len()];
            let covers = &before.modules[mi].units[ui].covers;
            let mut changes: Vec<MappingChange> = adds
                .iter()
                .map(|(s, l)| add(&format!("{}:{}", code(*s), level(*l))))
                .collect();
            let mut removed = Vec::new();
            for r in removes {
                if !covers.is_empty() {
                    let s = covers[r % covers.len()].statement.clone();
                    let added = changes.iter().any(
                        |c| matches!(c, MappingChange::Add { mapping } if mapping.statement == s),
                    );
                    if !removed.contains(&s) && !added {
                        removed.push(s.clone());
                        changes.push(remove(&s));
                    }
                }
            }
            if changes.is_empty() {
                return Ok(());
            }
            let target = format!(
                "{}/{}",
                before.modules[mi].code, before.modules[mi].units[ui].id
            );
            let new = waypost::map_unit(
                catalog,
                common::doc(text, None, Some("c.toml")),
                &target,
                &changes,
            )
            .map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
            let after = waypost::load_curriculum(common::doc(&new, None, None)).unwrap();
            let now: Vec<&str> = after.modules[mi].units[ui]
                .covers
                .iter()
                .map(|m| m.statement.as_str())
                .collect();
            for (s, _) in adds {
                prop_assert!(now.contains(&code(*s).as_str()), "{} mapped", code(*s));
            }
            for s in &removed {
                prop_assert!(!now.contains(&s.as_str()), "{s} removed");
            }
            (new, covers_lines(text, mi, ui))
        }
        Op::AddUnit { module, covers } => {
            if before.modules.is_empty() {
                return Ok(());
            }
            let m = &before.modules[module % before.modules.len()];
            let unit = NewUnit {
                module: m.code.clone(),
                id: format!("PT{step}"),
                kind: UnitKind::Outcome,
                text: Some(format!("Outcome written by step {step}")),
                covers: covers
                    .iter()
                    .map(|(s, l)| Mapping::parse(&format!("{}:{}", code(*s), level(*l))))
                    .collect(),
            };
            let new = waypost::add_unit(catalog, common::doc(text, None, Some("c.toml")), &unit)
                .map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
            (new, None)
        }
        Op::AddModule => {
            let module = NewModule {
                code: format!("PM{step}"),
                title: Some("Module added by the property test".into()),
                ..Default::default()
            };
            let new = waypost::add_module(catalog, common::doc(text, None, None), &module)
                .map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
            (new, None)
        }
        Op::AddAssessment { module, assesses } => {
            if before.modules.is_empty() {
                return Ok(());
            }
            let m = &before.modules[module % before.modules.len()];
            let mut ids: Vec<String> = Vec::new();
            if !m.units.is_empty() {
                for a in assesses {
                    let id = m.units[a % m.units.len()].id.clone();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            let assessment = NewAssessment {
                module: m.code.clone(),
                id: format!("PA{step}"),
                title: Some("Assessment added by the property test".into()),
                weight: None,
                assesses: ids,
                covers: Vec::new(),
            };
            let new = waypost::add_assessment(catalog, common::doc(text, None, None), &assessment)
                .map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
            (new, None)
        }
    };
    // Every line outside the edited spot is unchanged: a map edit changes only the unit's
    // `covers` lines (or adds one), an addition only inserts.
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let p = old_lines
        .iter()
        .zip(&new_lines)
        .take_while(|(a, b)| a == b)
        .count();
    let q = old_lines[p..]
        .iter()
        .rev()
        .zip(new_lines[p..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let changed = p..old_lines.len() - q;
    match allowed {
        Some((first, last)) => prop_assert!(
            changed.is_empty() || (changed.start >= first && changed.end <= last + 1),
            "{op:?} changed lines {changed:?}, outside the covers at {first}..={last}"
        ),
        None => prop_assert!(
            changed.is_empty(),
            "{op:?} changed lines {changed:?} instead of only inserting"
        ),
    }
    // The result loads and validates.
    let after = waypost::load_curriculum(common::doc(&new, None, Some("c.toml")))
        .map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
    waypost::validate(catalog, &after, &common::framework(None))
        .map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
    APPLIED.with(|t| t.replace(new));
    Ok(())
}

thread_local! {
    static APPLIED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Every example curriculum written as TOML.
fn examples() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../curricula/examples");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 2, "the examples are there");
    names
}

fn run_sequence(name: &str, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut text = example(name);
    for (step, op) in ops.iter().enumerate() {
        apply(&text, op, step)?;
        let new = APPLIED.with(|t| t.take());
        if !new.is_empty() {
            text = new;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_edits_keep_untouched_lines_and_the_file_valid(
        file in 0usize..100,
        ops in prop::collection::vec(op(), 1..8),
    ) {
        let names = examples();
        run_sequence(&names[file % names.len()], &ops)?;
    }
}
