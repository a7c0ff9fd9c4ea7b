//! Interoperability: CASE packages and Moodle competency frameworks both ways, mapping grids
//! from workbooks, and grids turned into curriculum files.
//!
//! The real CASE packages and the official schemas live outside the repository, in
//! `tests/external/case/` (sources and licences in `tests/external/README.md`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::{
    collections::{BTreeMap, BTreeSet},
    path::PathBuf,
};

use serde_json::Value;
use waypost::{
    CaseExportOptions, CaseImportOptions, Catalog, DomainRule, Framework, LinkType,
    MoodleImportOptions,
};

mod common;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn shared(name: &str) -> Option<String> {
    // The files ship in `tests/external/case/` (sources and licences in its README), so no
    // test is skipped; the `Option` keeps the callers' shape.
    let path = repo().join("tests/external/case").join(name);
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("`{}`: {e}", path.display())))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/interop").join(name)).unwrap()
}

fn builtin() -> Vec<&'static Framework> {
    Catalog::builtin().unwrap().frameworks().collect()
}

const REAL_PACKAGES: [&str; 3] = [
    "smarterbalanced-dok-webb-cfpackage.json",
    "smarterbalanced-g3-math-itemspec-c1-th-cfpackage.json",
    "opensalt-sample-what-standards-could-be-cfpackage.json",
];

/// The hierarchy of a framework as (child, parent) pairs: statement → domain, or statement →
/// statement for an `isChildOf` link.
fn hierarchy(f: &Framework) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    let parents: BTreeMap<&str, &str> = f
        .links
        .iter()
        .filter(|l| l.kind == LinkType::IsChildOf)
        .flat_map(|l| {
            l.to.as_slice()
                .iter()
                .map(move |t| (l.from.as_str(), t.as_str()))
        })
        .collect();
    for s in &f.statements {
        let name = |code: &str| code.to_string();
        match parents.get(s.code.as_str()) {
            Some(p) => pairs.insert((name(&s.code), name(p))),
            None => {
                let domain = f.domains.iter().find(|d| d.id == s.domain).unwrap();
                pairs.insert((name(&s.code), format!("domain {}", domain.name)))
            }
        };
    }
    pairs
}

// ---------------------------------------------------------------------------------------------
// CASE export
// ---------------------------------------------------------------------------------------------

#[test]
fn case_export_validates_against_the_official_schema() {
    let Some(schema) = shared("case-v1p1-cfpackage-jsonschema.official.json") else {
        return;
    };
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft201909)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for framework in builtin() {
        let package: Value = serde_json::from_str(&waypost::export_case(
            framework,
            &CaseExportOptions::default(),
        ))
        .unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&package)
            .map(|e| format!("{}: {e}", e.instance_path().as_str()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not validate:\n{}",
            framework.id,
            errors.join("\n")
        );
        // A base URI and a chosen timestamp validate too.
        let options = CaseExportOptions {
            base_uri: Some("https://case.example.org/ims/case/v1p1/".into()),
            last_change: Some("2026-01-31T12:00:00Z".into()),
        };
        let package: Value =
            serde_json::from_str(&waypost::export_case(framework, &options)).unwrap();
        assert!(
            validator.is_valid(&package),
            "{} with options",
            framework.id
        );
        assert!(
            package["CFItems"][0]["uri"]
                .as_str()
                .unwrap()
                .starts_with("https://case.example.org/ims/case/v1p1/CFItems/")
        );
    }
}

#[cfg(feature = "case-schema")]
#[test]
fn case_export_passes_validate_case_and_the_real_packages_do_not() {
    let Some(schema) = shared("case-v1p1-cfpackage-jsonschema.official.json") else {
        return;
    };
    for framework in builtin() {
        let text = waypost::export_case(framework, &CaseExportOptions::default());
        let problems =
            waypost::validate_case(common::doc(&text, None, Some("export.json")), &schema).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }
    let Some(openapi) = shared("case-v1p0-openapi2-swagger.ims.json") else {
        return;
    };
    for name in REAL_PACKAGES {
        let Some(package) = shared(name) else {
            continue;
        };
        for (label, schema) in [("1.1", &schema), ("1.0", &openapi)] {
            let problems =
                waypost::validate_case(common::doc(&package, None, Some(name)), schema).unwrap();
            assert!(
                !problems.is_empty(),
                "{name} should fail the {label} schema"
            );
            let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
            // What the README records: document URIs where the package format has none.
            assert!(
                messages
                    .iter()
                    .any(|m| m.contains("`CFDocumentURI`") || m.contains("`CFPackageURI`")),
                "{name} against {label}: {messages:#?}"
            );
            for d in &problems {
                assert_eq!(d.path.as_deref(), Some(name));
                assert!(d.line.is_some(), "{name}: located: {d}");
                assert!(!d.message.ends_with('.'), "{d}");
            }
        }
    }
    // The OpenSALT sample's date-times have no zone.
    if let Some(package) = shared(REAL_PACKAGES[2]) {
        let problems = waypost::validate_case(common::doc(&package, None, None), &schema).unwrap();
        assert!(
            problems
                .iter()
                .any(|d| d.message == "`2017-05-25T18:05:33` is not a valid `date-time`"),
            "{problems:#?}"
        );
    }
    // The Smarter Balanced item types lack a description.
    if let Some(package) = shared(REAL_PACKAGES[1]) {
        let problems = waypost::validate_case(common::doc(&package, None, None), &schema).unwrap();
        assert!(
            problems
                .iter()
                .any(|d| d.message == "missing key `description`"
                    && d.pointer
                        .as_deref()
                        .is_some_and(|p| p.starts_with("CFDefinitions.CFItemTypes"))),
            "{problems:#?}"
        );
    }
}

#[test]
fn case_exports_are_byte_identical_and_identifiers_derive_from_qualified_ids() {
    let framework = Catalog::builtin()
        .unwrap()
        .framework("realising-recovery-2007")
        .unwrap();
    let a = waypost::export_case(framework, &CaseExportOptions::default());
    let b = waypost::export_case(&framework.clone(), &CaseExportOptions::default());
    assert_eq!(a, b);
    let package: Value = serde_json::from_str(&a).unwrap();
    let k4 = package["CFItems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["humanCodingScheme"] == "K4")
        .unwrap();
    assert_eq!(
        k4["identifier"],
        // The UUID derived from the qualified id `realising-recovery-2007:K4`: stable across
        // versions, so a system that imported the package finds its items again.
        "8aa0eabb-95a2-5c42-b952-053b00d0df3e"
    );
    assert_eq!(k4["CFItemType"], "Knowledge");
    assert_eq!(k4["abbreviatedStatement"], framework.statements[3].label);
    assert_eq!(k4["fullStatement"], framework.statements[3].text);
    assert_eq!(
        package["CFDocument"]["lastChangeDateTime"],
        "2007-01-01T00:00:00Z"
    );
    // Every identifier is unique.
    let mut ids = BTreeSet::new();
    for key in ["CFItems", "CFAssociations"] {
        for record in package[key].as_array().unwrap() {
            assert!(ids.insert(record["identifier"].as_str().unwrap().to_string()));
        }
    }
}

#[test]
fn case_export_orders_the_hierarchy_and_keeps_curation() {
    let framework = Catalog::builtin()
        .unwrap()
        .framework("realising-recovery-2007")
        .unwrap();
    let package: Value = serde_json::from_str(&waypost::export_case(
        framework,
        &CaseExportOptions::default(),
    ))
    .unwrap();
    let items = package["CFItems"].as_array().unwrap();
    let code_of = |id: &Value| {
        items
            .iter()
            .find(|i| i["identifier"] == *id)
            .map(|i| i["humanCodingScheme"].as_str().unwrap_or("").to_string())
    };
    let associations = package["CFAssociations"].as_array().unwrap();
    // K4 is the fourth child of the Knowledge domain.
    let k4 = associations
        .iter()
        .find(|a| {
            a["associationType"] == "isChildOf"
                && code_of(&a["originNodeURI"]["identifier"]).as_deref() == Some("K4")
        })
        .unwrap();
    assert_eq!(k4["sequenceNumber"], 4);
    assert_eq!(k4["destinationNodeURI"]["title"], "Knowledge");
    // The domains hang from the document, in printed order.
    let top: Vec<(&str, i64)> = associations
        .iter()
        .filter(|a| a["destinationNodeURI"]["identifier"] == package["CFDocument"]["identifier"])
        .map(|a| {
            (
                a["originNodeURI"]["title"].as_str().unwrap(),
                a["sequenceNumber"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        top,
        [
            ("Knowledge", 1),
            ("Skills", 2),
            ("Values", 3),
            ("Learning activities", 4),
            ("Resources", 5)
        ]
    );
    // A curated `supports` link travels as isRelatedTo, grouped by its curator, and says what
    // it was.
    let supports = associations
        .iter()
        .find(|a| a["extensions"]["waypost"]["type"] == "supports")
        .unwrap();
    assert_eq!(supports["associationType"], "isRelatedTo");
    assert_eq!(supports["extensions"]["waypost"]["provenance"], "curated");
    assert_eq!(
        supports["extensions"]["waypost"]["curatedBy"],
        "waypost project"
    );
    assert!(supports["notes"].as_str().is_some_and(|n| !n.is_empty()));
    let grouping = &package["CFDefinitions"]["CFAssociationGroupings"][0];
    assert_eq!(
        supports["CFAssociationGroupingURI"]["identifier"],
        grouping["identifier"]
    );
    assert_eq!(grouping["title"], "Curated by waypost project");
    // One item type per domain, named as the domain.
    let types: Vec<&str> = package["CFDefinitions"]["CFItemTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    for name in [
        "Domain",
        "Knowledge",
        "Skills",
        "Values",
        "Learning activity",
        "Resource",
    ] {
        assert!(types.contains(&name), "{types:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// CASE import
// ---------------------------------------------------------------------------------------------

#[test]
fn case_round_trip_gives_back_the_same_framework() {
    for framework in builtin() {
        let text = waypost::export_case(framework, &CaseExportOptions::default());
        let back = waypost::import_case(
            common::doc(&text, None, Some("export.json")),
            &CaseImportOptions::default(),
        )
        .unwrap();
        assert_eq!(&back.framework, framework, "{}", framework.id);
        // Only the record-keeping fields are noted.
        let messages: Vec<&str> = back.notes.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert!(messages[0].starts_with("the identifiers, URIs and `lastChangeDateTime`"));
    }
}

fn strip_extensions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("extensions");
            for v in map.values_mut() {
                strip_extensions(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_extensions),
        _ => {}
    }
}

#[test]
fn case_round_trip_without_waypost_extensions_keeps_statements_and_hierarchy() {
    for framework in builtin() {
        let mut package: Value = serde_json::from_str(&waypost::export_case(
            framework,
            &CaseExportOptions::default(),
        ))
        .unwrap();
        // Each statement's full text (sub-items included), as the export writes it.
        let full_text: BTreeMap<String, String> = package["CFItems"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| {
                let code = i["humanCodingScheme"].as_str()?;
                Some((code.to_string(), i["fullStatement"].as_str()?.to_string()))
            })
            .collect();
        strip_extensions(&mut package);
        let back = waypost::import_case(
            common::doc(&package.to_string(), None, Some("plain.json")),
            &CaseImportOptions::default(),
        )
        .unwrap()
        .framework;
        // Every statement, with its code, text (sub-items included) and domain.
        for s in &framework.statements {
            let domain = framework.domains.iter().find(|d| d.id == s.domain).unwrap();
            let got = back
                .statements
                .iter()
                .find(|b| b.code == s.code)
                .unwrap_or_else(|| panic!("{} lost {}", framework.id, s.code));
            assert_eq!(got.text, full_text[&s.code]);
            assert_eq!(got.label, s.label);
            let got_domain = back.domains.iter().find(|d| d.id == got.domain).unwrap();
            assert_eq!(got_domain.name, domain.name);
            assert_eq!(got_domain.prefix, domain.prefix);
        }
        // The hierarchy, statement for statement.
        let original = hierarchy(framework);
        let read = hierarchy(&back);
        assert!(original.is_subset(&read), "{}", framework.id);
        // Activities and resources come back as items of their sections.
        assert_eq!(
            back.statements.len(),
            framework.statements.len() + framework.activities.len() + framework.resources.len()
        );
    }
}

#[test]
fn the_real_case_packages_load_and_say_what_they_could_not_keep() {
    let mut seen = 0;
    for name in REAL_PACKAGES {
        let Some(text) = shared(name) else { continue };
        seen += 1;
        let imported = waypost::import_case(
            common::doc(&text, None, Some(name)),
            &CaseImportOptions::default(),
        )
        .unwrap();
        let f = &imported.framework;
        let messages: Vec<&str> = imported.notes.iter().map(|d| d.message.as_str()).collect();
        // Nothing is dropped silently: items not read as statements became domains, and the
        // notes say so.
        let items = serde_json::from_str::<Value>(&text).unwrap()["CFItems"]
            .as_array()
            .unwrap()
            .len();
        let became: usize = messages
            .iter()
            .find(|m| m.contains("became domains"))
            .and_then(|m| m.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{name}: {messages:#?}"));
        assert_eq!(f.statements.len() + became, items, "{name}");
        // The framework the import wrote loads as a framework file.
        let toml = waypost::framework_to_toml(&imported, name).unwrap();
        let reloaded =
            waypost::load_framework(common::doc(&toml, None, Some("imported.toml"))).unwrap();
        assert_eq!(&reloaded, f);
        for d in &imported.notes {
            assert!(!d.message.ends_with('.'), "{d}");
            assert!(
                d.message.chars().next().is_some_and(|c| !c.is_uppercase()),
                "{d}"
            );
        }
        match name {
            "smarterbalanced-dok-webb-cfpackage.json" => {
                let domains: Vec<&str> = f.domains.iter().map(|d| d.name.as_str()).collect();
                assert_eq!(domains, ["Reading", "Writing", "Math"]);
                assert_eq!(f.statements.len(), 12);
                assert_eq!(f.statements[0].code, "R-DOK1");
                assert_eq!(f.domains[0].prefix, "R-DOK");
                assert_eq!(f.statements[0].label, "Level 1: Recall and Reproduction");
                assert_eq!(f.year, 2018);
                assert!(messages.contains(&"`CFDocumentURI` on 15 items is not kept"));
            }
            "smarterbalanced-g3-math-itemspec-c1-th-cfpackage.json" => {
                assert_eq!(f.statements.len(), 45);
                assert!(
                    messages.contains(&"43 statements have no `humanCodingScheme`; codes were made from the domain's prefix and the item's place in it"),
                    "{messages:#?}"
                );
                assert!(
                    messages
                        .iter()
                        .any(|m| m.contains("`local:") && m.contains("is not in the package"))
                );
                assert!(messages.contains(&"`educationLevel` on 48 items is not kept"));
                // The deeper hierarchy survives as isChildOf links.
                assert!(
                    f.links
                        .iter()
                        .filter(|l| l.kind == LinkType::IsChildOf)
                        .count()
                        > 30
                );
            }
            _ => {
                assert_eq!(f.statements.len(), 14);
                assert!(
                    f.statements
                        .iter()
                        .any(|s| s.code == "CCSS.Math.Content.6.RP.A.3a")
                );
                assert!(
                    messages.contains(&"2 `sequenceNumber`s are written as text; read as numbers")
                );
                assert!(messages.contains(
                    &"`educationalLevel` on 16 items is not part of the format and is not kept"
                ));
                assert!(f.links.iter().any(|l| l.kind == LinkType::Precedes));
                let exact = messages
                    .iter()
                    .filter(|m| m.starts_with("`exactMatchOf` link left out"))
                    .count();
                assert_eq!(exact, 16, "every crosswalk to the other server is noted");
            }
        }
    }
    if seen == 0 {
        eprintln!("note: no real CASE package was present; only the fixtures were tested");
    }
}

#[test]
fn case_packages_can_take_their_domains_from_item_types() {
    let Some(text) = shared(REAL_PACKAGES[1]) else {
        return;
    };
    let options = CaseImportOptions {
        id: Some("g3-item-spec".into()),
        domains: DomainRule::ItemType,
    };
    let imported = waypost::import_case(common::doc(&text, None, None), &options).unwrap();
    let f = &imported.framework;
    assert_eq!(f.id, "g3-item-spec");
    assert_eq!(f.statements.len(), 48, "every item is a statement");
    assert!(f.domains.iter().any(|d| d.name == "Range ALD"));
    assert!(
        !imported
            .notes
            .iter()
            .any(|d| d.message.contains("became domains"))
    );
}

#[test]
fn case_edge_cases_are_read_and_noted() {
    let text = fixture("case-edge-cases.json");
    let imported = waypost::import_case(
        common::doc(&text, None, Some("case-edge-cases.json")),
        &CaseImportOptions::default(),
    )
    .unwrap();
    let f = &imported.framework;
    let codes: Vec<&str> = f.statements.iter().map(|s| s.code.as_str()).collect();
    // Children in sequence order; a code with a space is cleaned, a duplicate made unique, a
    // missing one made from the domain's prefix.
    assert_eq!(codes, ["COM-1", "COM2", "COM-1-2", "LOOSE"]);
    assert_eq!(f.domains[0].name, "COM");
    assert_eq!(f.domains[0].stem.as_deref(), Some("Communication"));
    assert_eq!(f.year, 2023);
    let links: Vec<(String, LinkType, Vec<String>)> = f
        .links
        .iter()
        .map(|l| (l.from.clone(), l.kind, l.to.as_slice().to_vec()))
        .collect();
    assert!(links.contains(&("COM-1-2".into(), LinkType::IsChildOf, vec!["COM2".into()])));
    assert!(links.contains(&("COM-1".into(), LinkType::Precedes, vec!["COM2".into()])));
    let rendered: Vec<String> = imported.notes.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!("case_edge_case_notes", rendered.join("\n"));
}

#[test]
fn a_circle_in_the_case_hierarchy_is_broken_and_noted() {
    let item = |id: &str, code: &str| serde_json::json!({"identifier": id, "uri": id, "fullStatement": format!("Statement {code}"), "humanCodingScheme": code, "lastChangeDateTime": "2020-01-01T00:00:00Z"});
    let child = |from: &str, to: &str| serde_json::json!({"identifier": format!("{from}-{to}"), "uri": "u", "associationType": "isChildOf", "originNodeURI": {"title": from, "identifier": from, "uri": from}, "destinationNodeURI": {"title": to, "identifier": to, "uri": to}, "lastChangeDateTime": "2020-01-01T00:00:00Z"});
    let package = serde_json::json!({
        "CFDocument": {"identifier": "doc", "uri": "doc", "creator": "c", "title": "Circle", "lastChangeDateTime": "2020-01-01T00:00:00Z"},
        "CFItems": [item("a", "A1"), item("b", "B1"), item("c", "C1")],
        "CFAssociations": [child("a", "b"), child("b", "c"), child("c", "b")],
    });
    let imported = waypost::import_case(
        common::doc(&package.to_string(), None, None),
        &CaseImportOptions::default(),
    )
    .unwrap();
    let codes: Vec<&str> = imported
        .framework
        .statements
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(
        codes.len() + imported.framework.domains.len(),
        3,
        "{codes:?}"
    );
    // An item whose `uri` is its identifier is one item, not two.
    assert!(
        !imported
            .notes
            .iter()
            .any(|d| d.message.contains("used by more than one item")),
        "{:#?}",
        imported.notes
    );
    assert!(
        imported
            .notes
            .iter()
            .any(|d| d.message.contains("goes round in a circle")),
        "{:#?}",
        imported.notes
    );
}

#[test]
fn moodle_rows_whose_parents_go_round_in_a_circle_are_noted() {
    let header = moodle_header();
    let text = format!(
        "{header}\n,f,F,Framework (2020),2,\"a,b\",,,,,,,1,\n,d,Domain,,2,,,,0,null,,,0,\nd,k1,K one,Text one,2,,,,0,null,,,0,\nx,y,Y,Text y,2,,,,0,null,,,0,\ny,x,X,Text x,2,,,,0,null,,,0,\n"
    );
    let imported = waypost::import_moodle(
        common::doc(&text, None, Some("m.csv")),
        &MoodleImportOptions::default(),
    )
    .unwrap();
    assert_eq!(imported.framework.statements.len(), 1);
    let circles = imported
        .notes
        .iter()
        .filter(|d| d.message.contains("go round in a circle"))
        .count();
    assert_eq!(circles, 2, "{:#?}", imported.notes);
}

#[test]
fn case_input_that_is_not_a_package_fails_with_a_located_error() {
    let err = waypost::import_case(
        common::doc("{\"CFItems\": []}", None, Some("x.json")),
        &CaseImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.json: the package has no `CFDocument`\n  hint: a CFPackage has `CFDocument`, `CFItems` and `CFAssociations` at the top; a bare CFDocument or CFItem cannot be imported"
    );
    let err = waypost::import_case(
        common::doc("{\"CFDocument\": {,}", None, Some("x.json")),
        &CaseImportOptions::default(),
    )
    .unwrap_err();
    let d = err.first().unwrap();
    assert_eq!((d.line, d.column), (Some(1), Some(17)));
    assert!(
        waypost::import_case(common::doc("[]", None, None), &CaseImportOptions::default()).is_err()
    );
}

// ---------------------------------------------------------------------------------------------
// Moodle
// ---------------------------------------------------------------------------------------------

#[test]
fn moodle_export_has_moodles_header_and_a_framework_row_first() {
    let framework = Catalog::builtin()
        .unwrap()
        .framework("realising-recovery-2007")
        .unwrap();
    let exported = waypost::export_moodle(framework);
    let mut reader = csv::Reader::from_reader(exported.text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Parent ID number",
            "ID number",
            "Short name",
            "Description",
            "Description format",
            "Scale values",
            "Scale configuration",
            "Rule type (optional)",
            "Rule outcome (optional)",
            "Rule config (optional)",
            "Cross-referenced competency ID numbers",
            "Exported ID (optional)",
            "Is framework",
            "Taxonomy"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let first = &rows[0];
    assert_eq!(&first[1], "realising-recovery-2007");
    assert_eq!(&first[5], "introduced,developed,assessed");
    let config: Value = serde_json::from_str(&first[6]).unwrap();
    assert_eq!(config[0]["scaleid"], "0");
    assert_eq!(config[1]["scaledefault"], 1);
    assert_eq!(config[2]["id"], 3);
    assert_eq!(config[2]["proficient"], 1);
    assert_eq!(&first[12], "1");
    assert_eq!(&first[13], "domain,competency");
    // Domains, then their statements, each after its parent.
    assert_eq!(
        (&rows[1][0], &rows[1][1], &rows[1][2]),
        ("", "knowledge", "Knowledge")
    );
    assert_eq!((&rows[2][0], &rows[2][1]), ("knowledge", "K1"));
    assert_eq!(rows.len(), 1 + 3 + 67);
    assert!(rows[1..].iter().all(|r| &r[12] == "0"));
    // Related statements are cross-referenced both ways.
    let refs = |code: &str| {
        rows.iter()
            .find(|r| &r[1] == code)
            .map(|r| r[10].to_string())
            .unwrap()
    };
    let k4 = refs("K4");
    for other in k4.split(',').filter(|c| !c.is_empty()) {
        assert!(refs(other).split(',').any(|c| c == "K4"), "{other} ↔ K4");
    }
    let notes: Vec<&str> = exported.notes.iter().map(|d| d.message.as_str()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("12 learning activities and 11 resources are not written")),
        "{notes:#?}"
    );
    // Deterministic.
    assert_eq!(waypost::export_moodle(framework).text, exported.text);
}

#[test]
fn moodle_round_trip_keeps_every_statement_and_its_hierarchy() {
    for framework in builtin() {
        let exported = waypost::export_moodle(framework);
        let back = waypost::import_moodle(
            common::doc(&exported.text, None, Some("moodle.csv")),
            &MoodleImportOptions::default(),
        )
        .unwrap()
        .framework;
        assert_eq!(back.id, framework.id);
        assert_eq!(back.levels, framework.levels);
        assert_eq!(back.year, framework.year);
        assert_eq!(back.statements.len(), framework.statements.len());
        for (got, want) in back.statements.iter().zip(&framework.statements) {
            assert_eq!(got.code, want.code);
            assert_eq!(got.text, want.text);
            assert_eq!(got.items, want.items);
            assert_eq!(got.label, want.label);
            assert_eq!(got.domain, want.domain);
        }
        for (got, want) in back.domains.iter().zip(&framework.domains) {
            assert_eq!(
                (&got.id, &got.name, &got.prefix, &got.stem),
                (&want.id, &want.name, &want.prefix, &want.stem)
            );
        }
        assert_eq!(hierarchy(&back), hierarchy(framework));
        // A second round gives the same file.
        assert_eq!(
            waypost::export_moodle(&back).text.lines().nth(2),
            exported.text.lines().nth(2)
        );
    }
}

#[test]
fn a_moodle_file_made_by_moodle_imports_with_notes() {
    let text = fixture("moodle-example.csv");
    let imported = waypost::import_moodle(
        common::doc(&text, None, Some("moodle-example.csv")),
        &MoodleImportOptions::default(),
    )
    .unwrap();
    let f = &imported.framework;
    assert_eq!(f.id, "pdt-2024");
    assert_eq!(f.title, "Practice development framework");
    assert_eq!(f.levels, ["Not yet competent", "Competent"]);
    assert_eq!(f.year, 2024);
    let domains: Vec<(&str, &str)> = f
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.prefix.as_str()))
        .collect();
    assert_eq!(
        domains,
        [
            ("comm", "comm"),
            ("care", "care"),
            ("competencies", "orphan")
        ]
    );
    assert_eq!(
        f.domains[0].stem.as_deref(),
        Some("How staff talk with people & families.")
    );
    let s = |code: &str| f.statements.iter().find(|s| s.code == code).unwrap();
    assert_eq!(
        s("comm-1").text,
        "Listens actively and checks understanding."
    );
    assert_eq!(s("comm-2").text, "Uses plain words:");
    assert_eq!(s("comm-2").items, ["no jargon", "short sentences"]);
    assert_eq!(s("orphan-1").domain, "competencies");
    assert!(
        f.links
            .iter()
            .any(|l| l.from == "comm-2a" && l.kind == LinkType::IsChildOf)
    );
    let related: Vec<(&str, &str)> = f
        .links
        .iter()
        .filter(|l| l.kind == LinkType::IsRelatedTo)
        .map(|l| (l.from.as_str(), l.to.as_slice()[0].as_str()))
        .collect();
    assert_eq!(
        related,
        [("comm-1", "care-2")],
        "a two-way reference is one link"
    );
    let rendered: Vec<String> = imported.notes.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!("moodle_example_notes", rendered.join("\n"));
}

#[test]
fn a_file_that_is_not_a_moodle_framework_is_refused() {
    let err = waypost::import_moodle(
        common::doc("module,unit,covers\nA,LO1,K4\n", None, Some("grid.csv")),
        &MoodleImportOptions::default(),
    )
    .unwrap_err();
    let d = err.first().unwrap();
    assert_eq!(
        d.message,
        "the header row is not that of a Moodle competency framework"
    );
    assert_eq!((d.line, d.column), (Some(1), Some(1)));
    let header = moodle_header();
    let err = waypost::import_moodle(
        common::doc(
            &format!("{header}\n,a,b,,,,,,,,,,0,\n"),
            None,
            Some("m.csv"),
        ),
        &MoodleImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.first().unwrap().message,
        "no row describes the framework itself"
    );
}

// ---------------------------------------------------------------------------------------------
// Grids: from a workbook, and into a curriculum file
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "grid-xlsx")]
mod workbook {
    use waypost_workbook::{Book, SheetWriter, Style};

    use super::*;

    /// A workbook with the given sheets, each a list of rows of cells.
    fn workbook(sheets: &[(&str, Vec<Vec<&str>>)]) -> Vec<u8> {
        let mut book = Book::new();
        for (name, rows) in sheets {
            let mut sheet = SheetWriter::new(*name);
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
                    if let Ok(n) = cell.parse::<f64>() {
                        sheet.number(r, c, n, Style::Plain);
                    } else if !cell.is_empty() {
                        sheet.text(r, c, cell, Style::Plain, false);
                    }
                }
            }
            book.push(sheet);
        }
        book.to_bytes().unwrap()
    }

    fn csv_rows(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn a_workbook_grid_reads_as_its_csv_does() {
        let csv =
            std::fs::read_to_string(repo().join("curricula/examples/recovery-awareness-day.csv"))
                .unwrap();
        let rows = csv_rows(&csv);
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let bytes = workbook(&[
            (
                "About",
                vec![
                    vec!["Recovery awareness day"],
                    vec!["Mapped by the practice development team"],
                ],
            ),
            ("Grid", rows),
        ]);
        let from_xlsx = waypost::load_workbook(
            &bytes,
            Some("recovery-awareness-day.xlsx"),
            &common::sheet(None),
        )
        .unwrap();
        let from_csv =
            waypost::load_curriculum(common::doc(&csv, None, Some("recovery-awareness-day.csv")))
                .unwrap();
        assert_eq!(from_xlsx, from_csv);
        // And it checks the same.
        let catalog = Catalog::builtin().unwrap();
        let policy = waypost::Policy::default();
        let a = waypost::check(catalog, &from_xlsx, &common::against(None, &policy)).unwrap();
        let b = waypost::check(catalog, &from_csv, &common::against(None, &policy)).unwrap();
        assert_eq!(waypost::to_json(&a), waypost::to_json(&b));
    }

    #[test]
    fn workbook_problems_name_the_sheet_row_and_column() {
        let bytes = workbook(&[(
            "Year 1",
            vec![
                vec![],
                vec!["module", "unit", "covers", "kind"],
                vec!["NUR101", "LO1", "K1", ""],
                vec!["", "LO2", "K2", ""],
                vec!["NUR101", "LO3", "K3", "lecture"],
            ],
        )]);
        let err =
            waypost::load_workbook(&bytes, Some("grid.xlsx"), &common::sheet(None)).unwrap_err();
        let shown: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "grid.xlsx:4:1 (at `'Year 1'!A4`): the `module` cell is empty\n  hint: every row names the module its unit belongs to",
                "grid.xlsx:5:4 (at `'Year 1'!D5`): unknown kind `lecture`\n  hint: the kind is one of `outcome`, `session`, `activity` or `assessment`",
            ]
        );
    }

    #[test]
    fn an_unknown_code_in_a_workbook_is_placed_on_its_row() {
        let bytes = workbook(&[(
            "Grid",
            vec![
                vec!["module", "unit", "text", "covers"],
                vec!["NUR101", "LO1", "Hope", "K4; K26"],
            ],
        )]);
        let curriculum =
            waypost::load_workbook(&bytes, Some("grid.xlsx"), &common::sheet(None)).unwrap();
        let err = waypost::validate(
            Catalog::builtin().unwrap(),
            &curriculum,
            &common::framework(None),
        )
        .unwrap_err();
        let d = err.first().unwrap();
        assert_eq!(
            (d.path.as_deref(), d.line, d.column),
            (Some("grid.xlsx"), Some(2), Some(4))
        );
        assert_eq!(
            d.message,
            "unknown statement `K26` in `realising-recovery-2007`"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("the framework has K1–K25 in Knowledge")
        );
    }

    #[test]
    fn a_workbook_without_a_grid_says_which_sheets_it_has() {
        let bytes = workbook(&[
            ("Notes", vec![vec!["nothing", "here"]]),
            ("Other", vec![vec!["a"]]),
        ]);
        let err =
            waypost::load_workbook(&bytes, Some("book.xlsx"), &common::sheet(None)).unwrap_err();
        let d = err.first().unwrap();
        assert_eq!(
            d.message,
            "the header row has no `module` or `unit` or `covers` column"
        );
        assert_eq!(d.pointer.as_deref(), Some("Notes!1:1"));
        let err = waypost::load_workbook(&bytes, Some("book.xlsx"), &common::sheet(Some("Grid")))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "book.xlsx: the workbook has no sheet `Grid`\n  hint: its sheets are `Notes`, `Other`"
        );
        let err =
            waypost::load_workbook(b"not a workbook", Some("book.xlsx"), &common::sheet(None))
                .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("book.xlsx: cannot read the workbook"),
            "{err}"
        );
    }
}

#[test]
fn a_grid_becomes_a_curriculum_file_that_loads_the_same() {
    let catalog = Catalog::builtin().unwrap();
    let framework = catalog.framework("realising-recovery-2007").unwrap();
    for name in ["recovery-awareness-day.csv"] {
        let csv = std::fs::read_to_string(repo().join("curricula/examples").join(name)).unwrap();
        let grid = waypost::load_curriculum(common::doc(&csv, None, Some(name))).unwrap();
        let toml = waypost::curriculum_to_toml(
            &grid,
            &format!("the mapping grid `{name}`"),
            Some(framework),
        );
        assert!(toml.starts_with("# "), "it starts with a comment");
        let reloaded =
            waypost::load_curriculum(common::doc(&toml, None, Some("converted.toml"))).unwrap();
        assert_eq!(reloaded.frameworks, ["realising-recovery-2007"]);
        assert_eq!(reloaded.modules.len(), grid.modules.len());
        let policy = waypost::Policy::default();
        let a = waypost::check(catalog, &grid, &common::against(None, &policy)).unwrap();
        let b = waypost::check(catalog, &reloaded, &common::against(None, &policy)).unwrap();
        assert_eq!(a.statements, b.statements, "the same coverage");
        insta::assert_snapshot!("grid_to_toml", toml);
    }
}

#[test]
fn grid_levels_are_written_out_by_name() {
    let catalog = Catalog::builtin().unwrap();
    let csv = "module,unit,covers,owner\nNUR101,LO1,\"K1=I; K2 (D); S3:assessed\",Dr Byrne\n";
    let grid = waypost::load_curriculum(common::doc(csv, None, Some("g.csv"))).unwrap();
    let toml = waypost::curriculum_to_toml(
        &grid,
        "the mapping grid `g.csv`",
        Some(catalog.framework("realising-recovery-2007").unwrap()),
    );
    assert!(
        toml.contains("covers = [\"K1\", \"K2:developed\", \"S3:assessed\"]"),
        "{toml}"
    );
    assert!(toml.contains("owner = \"Dr Byrne\""), "{toml}");
    let toml = waypost::curriculum_to_toml(&grid, "the mapping grid `g.csv`", None);
    assert!(toml.contains("The grid names no framework"), "{toml}");
}

/// The header row of a Moodle competency framework CSV, as the export writes it.
fn moodle_header() -> String {
    let framework = builtin()[0];
    let exported = waypost::export_moodle(framework);
    exported.text.lines().next().unwrap().to_string()
}
