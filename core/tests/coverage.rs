//! The coverage rules: derived assessed level, maximum over units, crosswalk propagation,
//! policy outcomes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waypost::{Catalog, Format, MatchKind, Policy, Report};

mod common;

fn builtin() -> &'static Catalog {
    Catalog::builtin().expect("built-in frameworks load")
}

fn curriculum(toml: &str) -> waypost::Curriculum {
    waypost::load_curriculum(common::doc(toml, Some(Format::Toml), Some("test.toml")))
        .expect("test curriculum loads")
}

fn run(toml: &str) -> Report {
    waypost::check(
        builtin(),
        &curriculum(toml),
        &common::against(None, &Policy::default()),
    )
    .expect("check runs")
}

fn statement<'a>(report: &'a Report, code: &str) -> &'a waypost::StatementCoverage {
    report
        .statements
        .iter()
        .find(|s| s.code == code)
        .expect("statement in report")
}

const HEAD: &str = "id = \"t\"\ntitle = \"T\"\n";

#[test]
fn a_bare_code_means_the_lowest_level() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K4\"]\n"
    ));
    let k4 = statement(&r, "K4");
    assert_eq!(k4.level.as_deref(), Some("introduced"));
    assert!(!k4.assessed);
    assert_eq!(k4.units.len(), 1);
    let e = r.evidence("K4").unwrap();
    assert_eq!(&*e[0].unit.unit, "LO1");
    assert_eq!(&*e[0].unit.module, "M1");
}

#[test]
fn every_written_form_of_a_level_is_read() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K1:developed\", \"K2=D\", \"K3 (D)\", {{ statement = \"K4\", level = \"developed\" }}, \"K5:Developed\"]\n"
    ));
    for code in ["K1", "K2", "K3", "K4", "K5"] {
        assert_eq!(
            statement(&r, code).level.as_deref(),
            Some("developed"),
            "{code}"
        );
    }
}

#[test]
fn the_highest_level_over_all_units_counts() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"S11\"]\n[[modules]]\ncode = \"M2\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"S11:developed\"]\n[[modules.units]]\nid = \"LO2\"\ncovers = [\"S11\"]\n"
    ));
    let s11 = statement(&r, "S11");
    assert_eq!(s11.level.as_deref(), Some("developed"));
    let units: Vec<_> = r
        .evidence("S11")
        .unwrap()
        .iter()
        .map(|u| format!("{}/{}:{}", u.unit.module, u.unit.unit, u.level))
        .collect();
    assert_eq!(
        units,
        ["M1/LO1:introduced", "M2/LO1:developed", "M2/LO2:introduced"]
    );
}

#[test]
fn a_unit_that_an_assessment_assesses_counts_as_assessed() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"V9\"]\n[[modules.units]]\nid = \"LO2\"\ncovers = [\"V1\"]\n[[modules.assessments]]\nid = \"A1\"\nassesses = [\"LO1\"]\n"
    ));
    let v9 = statement(&r, "V9");
    assert_eq!(v9.level.as_deref(), Some("assessed"));
    assert!(v9.assessed);
    assert_eq!(&*v9.units[0].mapped, "introduced");
    assert_eq!(&*v9.units[0].level, "assessed");
    assert_eq!(r.evidence("V9").unwrap()[0].unit.assessed_by, ["A1"]);
    // The unit the assessment does not name stays where it was mapped.
    assert_eq!(statement(&r, "V1").level.as_deref(), Some("introduced"));
    assert_eq!(r.summary.assessed, 1);
}

#[test]
fn an_assessment_in_another_module_is_named_with_its_module() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K8\"]\n[[modules]]\ncode = \"M2\"\n[[modules.assessments]]\nid = \"OSCE\"\nassesses = [\"M1/LO1\"]\n"
    ));
    let k8 = statement(&r, "K8");
    assert_eq!(k8.level.as_deref(), Some("assessed"));
    assert_eq!(r.evidence("K8").unwrap()[0].unit.assessed_by, ["M2/OSCE"]);
}

#[test]
fn an_assessment_that_covers_a_statement_directly_assesses_it() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.assessments]]\nid = \"A1\"\ntitle = \"Viva\"\ncovers = [\"S22\"]\n"
    ));
    let s22 = statement(&r, "S22");
    assert_eq!(s22.level.as_deref(), Some("assessed"));
    let e = r.evidence("S22").unwrap();
    assert_eq!(&*e[0].unit.kind, "assessment");
    assert_eq!(e[0].unit.text.as_deref(), Some("Viva"));
}

#[test]
fn domain_totals_count_each_statement_once_at_its_highest_level() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K1\", \"K2:developed\", \"S1\"]\n[[modules.units]]\nid = \"LO2\"\ncovers = [\"K1:developed\"]\n[[modules.assessments]]\nid = \"A\"\nassesses = [\"LO2\"]\n"
    ));
    let k = &r.domains[0];
    assert_eq!(
        (k.id.as_str(), k.total, k.covered, k.gaps, k.assessed),
        ("knowledge", 25, 2, 23, 1)
    );
    assert_eq!(k.by_level["introduced"], 0);
    assert_eq!(k.by_level["developed"], 1);
    assert_eq!(k.by_level["assessed"], 1);
    assert_eq!(r.summary.covered, 3);
    assert_eq!(r.summary.gaps, 64);
    assert_eq!(r.gaps.len(), 64);
    assert!(!r.passed, "the default policy needs every statement");
}

#[test]
fn gaps_list_the_activities_and_resources_that_support_them() {
    let r = run(&format!("{HEAD}[[modules]]\ncode = \"M1\"\n"));
    let framework = builtin().framework("realising-recovery-2007").unwrap();
    for gap in &r.gaps {
        let direct: Vec<&str> = framework
            .links
            .iter()
            .filter(|l| {
                l.kind == waypost::LinkType::Supports && l.to.as_slice().contains(&gap.code)
            })
            .map(|l| l.from.as_str())
            .collect();
        let mut listed: Vec<&str> = gap
            .supports
            .iter()
            .filter(|s| s.via.is_none())
            .map(|s| s.code.as_str())
            .collect();
        let mut expected = direct.clone();
        listed.sort();
        expected.sort();
        expected.dedup();
        assert_eq!(listed, expected, "supports of {}", gap.code);
        assert!(
            !gap.supports.is_empty(),
            "{} has something that helps",
            gap.code
        );
    }
}

#[test]
fn units_that_map_nothing_are_reported() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ntext = \"Pharmacology of antipsychotics\"\n[[modules.units]]\nid = \"LO2\"\ncovers = [\"K1\"]\n"
    ));
    assert_eq!(r.unmapped_units.len(), 1);
    assert_eq!(&*r.unmapped_units[0].unit, "LO1");
    assert_eq!(
        r.unmapped_units[0].text.as_deref(),
        Some("Pharmacology of antipsychotics")
    );
}

#[test]
fn a_unit_claiming_assessed_without_an_assessment_is_warned_about() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K1:assessed\"]\n"
    ));
    assert_eq!(statement(&r, "K1").level.as_deref(), Some("assessed"));
    assert_eq!(r.warnings.len(), 1);
    assert!(
        r.warnings[0].message.contains("no assessment assesses it"),
        "{}",
        r.warnings[0]
    );
    assert_eq!(r.warnings[0].line, Some(7));
}

// --- crosswalk propagation -------------------------------------------------------------

const FROM: &str = r#"
id = "from-fw"
title = "From"
publishers = ["Test"]
year = 2020
source = { citation = "test" }
domains = [{ id = "d", name = "D", prefix = "F" }]
statements = [
  { code = "F1", domain = "d", text = "one", label = "one" },
  { code = "F2", domain = "d", text = "two", label = "two" },
  { code = "F3", domain = "d", text = "three", label = "three" },
  { code = "F4", domain = "d", text = "four", label = "four" },
]
"#;

const TO: &str = r#"
id = "to-fw"
title = "To"
publishers = ["Test"]
year = 2021
source = { citation = "test" }
domains = [{ id = "d", name = "D", prefix = "T" }]
statements = [
  { code = "T1", domain = "d", text = "exact", label = "exact" },
  { code = "T2", domain = "d", text = "broader", label = "broader" },
  { code = "T3", domain = "d", text = "narrower", label = "narrower" },
  { code = "T4", domain = "d", text = "related", label = "related" },
]
"#;

const WALK: &str = r#"
id = "from-to"
title = "test"
from = "from-fw"
to = "to-fw"
curated_by = "tests"
links = [
  { from = "F1", to = "T1", type = "exact", rationale = "same" },
  { from = "F2", to = "T2", type = "broader", rationale = "T2 contains F2" },
  { from = "F3", to = "T3", type = "narrower", rationale = "T3 is part of F3" },
  { from = "F4", to = "T4", type = "related", rationale = "overlap" },
]
"#;

fn crosswalk_catalog() -> Catalog {
    let mut c = Catalog::new();
    c.add_framework(waypost::load_framework(common::doc(FROM, None, None)).unwrap())
        .unwrap();
    c.add_framework(waypost::load_framework(common::doc(TO, None, None)).unwrap())
        .unwrap();
    c.add_crosswalk(waypost::load_crosswalk(common::doc(WALK, None, None)).unwrap())
        .unwrap();
    c
}

#[test]
fn exact_and_broader_matches_carry_coverage_across_a_crosswalk() {
    let catalog = crosswalk_catalog();
    let cur = curriculum(
        "id = \"c\"\ntitle = \"C\"\nframeworks = [\"from-fw\"]\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"U\"\ncovers = [\"F1:developed\", \"F2\", \"F3:developed\", \"F4:developed\"]\n",
    );
    let r = waypost::check(
        &catalog,
        &cur,
        &common::against(Some("to-fw"), &Policy::default()),
    )
    .unwrap();
    let level = |c: &str| statement(&r, c).level.clone();
    assert_eq!(
        level("T1").as_deref(),
        Some("developed"),
        "exact carries the level"
    );
    assert_eq!(
        level("T2").as_deref(),
        Some("introduced"),
        "covering a part covers the broader statement"
    );
    assert_eq!(
        level("T3"),
        None,
        "a broad statement does not vouch for a narrower one"
    );
    assert_eq!(level("T4"), None, "a related statement does not count");
    let t1 = statement(&r, "T1");
    let via = t1.units[0].via.as_ref().unwrap();
    assert_eq!(
        (via.statement.as_str(), via.kind),
        ("from-fw:F1", MatchKind::Exact)
    );
    // What does not count is still shown, for a reader to judge.
    let t3 = statement(&r, "T3");
    assert_eq!(t3.related.len(), 1);
    assert_eq!(
        (t3.related[0].kind, t3.related[0].level.as_deref()),
        (MatchKind::Narrower, Some("developed"))
    );
    assert_eq!(statement(&r, "T4").related[0].kind, MatchKind::Related);
}

#[test]
fn propagation_runs_the_other_way_with_the_relation_inverted() {
    let catalog = crosswalk_catalog();
    let cur = curriculum(
        "id = \"c\"\ntitle = \"C\"\nframeworks = [\"to-fw\"]\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"U\"\ncovers = [\"T1\", \"T2\", \"T3\", \"T4\"]\n",
    );
    let r = waypost::check(
        &catalog,
        &cur,
        &common::against(Some("from-fw"), &Policy::default()),
    )
    .unwrap();
    let level = |c: &str| statement(&r, c).level.clone();
    assert_eq!(
        level("F1").as_deref(),
        Some("introduced"),
        "exact both ways"
    );
    assert_eq!(
        level("F2"),
        None,
        "T2 is broader than F2: covering T2 does not vouch for F2"
    );
    assert_eq!(
        level("F3").as_deref(),
        Some("introduced"),
        "T3 is narrower than F3: covering it covers F3"
    );
    assert_eq!(level("F4"), None);
}

#[test]
fn a_curriculum_mapped_to_realising_recovery_is_reported_against_nimhe() {
    let catalog = builtin();
    let walk = catalog.crosswalks().next().expect("the built-in crosswalk");
    let link = walk
        .links
        .iter()
        .find(|l| l.kind.propagates())
        .expect("a propagating link");
    let cur = curriculum(&format!(
        "{HEAD}frameworks = [\"realising-recovery-2007\"]\n[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"{}\"]\n",
        link.from
    ));
    let r = waypost::check(
        catalog,
        &cur,
        &common::against(Some("nimhe-guiding-statement-2004"), &Policy::default()),
    )
    .unwrap();
    let target = statement(&r, &link.to);
    assert_eq!(target.level.as_deref(), Some("introduced"));
    assert_eq!(
        target.units[0].via.as_ref().unwrap().statement,
        format!("realising-recovery-2007:{}", link.from)
    );
    assert_eq!(r.framework.id, "nimhe-guiding-statement-2004");
}

// --- policies -------------------------------------------------------------------------

fn with_policy(toml: &str, policy: &str) -> Report {
    let p = waypost::load_policy(common::doc(policy, Some(Format::Toml), Some("policy.toml")))
        .expect("policy loads");
    waypost::check(builtin(), &curriculum(toml), &common::against(None, &p)).expect("check runs")
}

fn all_values(level: &str) -> String {
    let codes: Vec<String> = (1..=20).map(|i| format!("\"V{i}:{level}\"")).collect();
    format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [{}]\n",
        codes.join(", ")
    )
}

#[test]
fn a_domain_requirement_passes_when_every_statement_reaches_the_level() {
    let r = with_policy(
        &all_values("developed"),
        "[[require]]\ndomain = \"values\"\nlevel = \"developed\"\n",
    );
    assert!(r.passed);
    assert_eq!(
        r.policy.requirements[0].description,
        "every statement of Values at least developed"
    );
    assert_eq!(
        (r.policy.requirements[0].met, r.policy.requirements[0].total),
        (20, 20)
    );
    let r = with_policy(
        &all_values("introduced"),
        "[[require]]\ndomain = \"V\"\nlevel = \"developed\"\n",
    );
    assert!(!r.passed);
    assert_eq!(r.policy.requirements[0].short.len(), 20);
}

#[test]
fn a_share_needs_whole_statements() {
    // 18 of 20 values is exactly 90%.
    let codes: Vec<String> = (1..=18).map(|i| format!("\"V{i}\"")).collect();
    let toml = format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [{}]\n",
        codes.join(", ")
    );
    let pass = with_policy(&toml, "[[require]]\ndomain = \"values\"\nshare = \"90%\"\n");
    assert!(pass.passed);
    assert_eq!(pass.policy.requirements[0].achieved, 0.9);
    assert_eq!(pass.policy.requirements[0].short, ["V19", "V20"]);
    assert_eq!(
        pass.policy.requirements[0].description,
        "90% of the statements of Values at least introduced"
    );
    let fail = with_policy(&toml, "[[require]]\ndomain = \"values\"\nshare = 0.95\n");
    assert!(!fail.passed);
}

#[test]
fn statement_and_theme_requirements_select_their_statements() {
    let framework = builtin().framework("realising-recovery-2007").unwrap();
    let hope: Vec<&str> = framework
        .statements
        .iter()
        .filter(|s| s.themes.iter().any(|t| t == "hope"))
        .map(|s| s.code.as_str())
        .collect();
    assert!(hope.len() >= 3, "the hope theme groups several statements");
    let covers: Vec<String> = hope.iter().map(|c| format!("\"{c}:developed\"")).collect();
    let toml = format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [{}]\n",
        covers.join(", ")
    );
    let r = with_policy(
        &toml,
        "[[require]]\ntheme = \"hope\"\nlevel = \"developed\"\n[[require]]\nstatement = \"K4\"\nlevel = \"assessed\"\n",
    );
    assert!(r.policy.requirements[0].passed);
    assert_eq!(r.policy.requirements[0].total, hope.len());
    assert!(!r.policy.requirements[1].passed);
    assert_eq!(r.policy.requirements[1].short, ["K4"]);
    assert!(!r.passed, "one failing requirement fails the policy");
}

#[test]
fn the_default_policy_passes_only_with_every_statement_covered() {
    let framework = builtin().framework("realising-recovery-2007").unwrap();
    let all: Vec<String> = framework
        .statements
        .iter()
        .map(|s| format!("\"{}\"", s.code))
        .collect();
    let full = format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [{}]\n",
        all.join(", ")
    );
    assert!(run(&full).passed);
    assert!(run(&full).gaps.is_empty());
    let missing_one = full.replace("\"V20\"", "");
    let r = run(&missing_one.replace(", ]", "]"));
    assert!(!r.passed);
    assert_eq!(r.policy.requirements[0].short, ["V20"]);
}

#[test]
fn a_policy_with_an_unknown_domain_is_refused_with_its_location() {
    let p = waypost::load_policy(common::doc(
        "title = \"x\"\n\n[[require]]\ndomain = \"attitudes\"\n",
        Some(Format::Toml),
        Some("p.toml"),
    ))
    .unwrap();
    let e = waypost::check(builtin(), &curriculum(HEAD), &common::against(None, &p)).unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(d.message, "unknown domain `attitudes`");
    assert_eq!((d.path.as_deref(), d.line), (Some("p.toml"), Some(4)));
    assert!(d.hint.as_deref().unwrap().contains("`knowledge`"));
}

#[test]
fn a_misspelt_key_is_kept_but_warned_about() {
    let cur = curriculum(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovrs = [\"K4\"]\nowner = \"Dr Byrne\"\n"
    ));
    assert!(
        cur.modules[0].units[0].extra.contains_key("owner"),
        "unknown keys are kept"
    );
    let v = waypost::validate(builtin(), &cur, &common::framework(None)).unwrap();
    assert_eq!(
        v.warnings.len(),
        1,
        "only the near miss is flagged: {:?}",
        v.warnings
    );
    assert_eq!(
        v.warnings[0].hint.as_deref(),
        Some("did you mean `covers`?")
    );
    assert_eq!(v.warnings[0].line, Some(7));
    assert_eq!(v.mappings, 0);
}

#[test]
fn a_short_unknown_key_is_not_taken_for_a_short_known_one() {
    // Two edits turn any two-letter key into `id`: the one did-you-mean rule allows a name of
    // two characters one edit, as every other hint does, so `ab` is kept without a warning.
    // A near miss of the same key still gets one (`ids`, one edit from `id`).
    let cur = curriculum(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\nab = 1\ncovres = [\"K4\"]\n"
    ));
    let v = waypost::validate(builtin(), &cur, &common::framework(None)).unwrap();
    let hints: Vec<_> = v.warnings.iter().map(|w| w.hint.as_deref()).collect();
    assert_eq!(hints, [Some("did you mean `covers`?")], "{:?}", v.warnings);
}

#[test]
fn a_diagnostic_without_a_file_still_reads_well() {
    let e = waypost::load_curriculum(common::doc(
        "id = \"x\"\ntitle = 3\n",
        Some(Format::Toml),
        None,
    ))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 2, column 9 (at `title`): wrong type: found integer `3`\n  hint: expected a string"
    );
}

fn with_precedes(links: &str) -> String {
    format!(
        r#"
id = "ordered"
title = "Ordered"
publishers = ["Test"]
year = 2020
source = {{ citation = "test" }}
domains = [{{ id = "d", name = "D", prefix = "X" }}]
statements = [
  {{ code = "X1", domain = "d", text = "one", label = "one" }},
  {{ code = "X2", domain = "d", text = "two", label = "two" }},
  {{ code = "X3", domain = "d", text = "three", label = "three" }},
  {{ code = "X4", domain = "d", text = "four", label = "four" }},
]
links = [{links}]
"#
    )
}

#[test]
fn precedes_links_that_loop_are_refused_with_the_statements_on_the_loop() {
    let ok = with_precedes(
        r#"{ from = "X1", to = ["X2", "X3"], type = "precedes", curated_by = "t" }, { from = "X3", to = "X4", type = "precedes", curated_by = "t" }"#,
    );
    assert!(waypost::load_framework(common::doc(&ok, Some(Format::Toml), Some("ok.toml"))).is_ok());
    let looped = with_precedes(
        r#"{ from = "X1", to = "X2", type = "precedes", curated_by = "t" }, { from = "X2", to = "X3", type = "precedes", curated_by = "t" }, { from = "X3", to = "X1", type = "precedes", curated_by = "t" }, { from = "X3", to = "X4", type = "precedes", curated_by = "t" }"#,
    );
    let e = waypost::load_framework(common::doc(
        &looped,
        Some(Format::Toml),
        Some("looped.toml"),
    ))
    .unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(
        d.message,
        "the `precedes` links form a cycle through `X1`, `X2`, `X3`"
    );
    assert_eq!(d.path.as_deref(), Some("looped.toml"));
    let itself =
        with_precedes(r#"{ from = "X4", to = "X4", type = "precedes", curated_by = "t" }"#);
    let e = waypost::load_framework(common::doc(&itself, Some(Format::Toml), None)).unwrap_err();
    assert!(e.first().unwrap().message.ends_with("through `X4`"), "{e}");
}

#[test]
fn a_code_used_twice_in_a_framework_names_both_places() {
    let text = with_precedes("").replace(
        "links = []",
        "activities = [{ code = \"A1\", audience = \"a\", text = \"a\" }, { code = \"X2\", audience = \"b\", text = \"b\" }]\nresources = [{ code = \"A1\", kind = \"website\", title = \"r\" }]\nlinks = []",
    );
    let e = waypost::load_framework(common::doc(&text, Some(Format::Toml), Some("twice.toml")))
        .unwrap_err();
    let found: Vec<(String, Option<String>, Option<String>)> = e
        .diagnostics()
        .iter()
        .map(|d| (d.message.clone(), d.pointer.clone(), d.hint.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "the code `X2` is used twice".to_string(),
                Some("activities[1]".to_string()),
                Some("it is first used at `statements[1]`".to_string())
            ),
            (
                "the code `A1` is used twice".to_string(),
                Some("resources[0]".to_string()),
                Some("it is first used at `activities[0]`".to_string())
            ),
        ]
    );
}

#[test]
fn a_unit_covering_several_statements_is_listed_once_in_the_report() {
    let r = run(&format!(
        "{HEAD}[[modules]]\ncode = \"M1\"\ntitle = \"Module one\"\n[[modules.units]]\nid = \"LO1\"\ntext = \"Explain recovery\"\ncovers = [\"K4\", \"K5:developed\"]\n[[modules.units]]\nid = \"LO2\"\ncovers = [\"K4\"]\n[[modules.assessments]]\nid = \"A1\"\ncovers = [\"K4\"]\n"
    ));
    // LO1, LO2 and A1, in the curriculum's order, each once, though LO1 reaches two statements.
    let listed: Vec<&str> = r.units.iter().map(|u| &*u.unit).collect();
    assert_eq!(listed, ["LO1", "LO2", "A1"]);
    let (k4, k5) = (&statement(&r, "K4").units, &statement(&r, "K5").units);
    let indices: Vec<usize> = k4.iter().map(|e| e.unit_index).collect();
    assert_eq!(indices, [0, 1, 2]);
    assert_eq!(k5[0].unit_index, 0);
    assert_eq!(r.units[0].text.as_deref(), Some("Explain recovery"));
    assert_eq!(r.units[0].module_title.as_deref(), Some("Module one"));
    assert_eq!(&*k4[0].level, "introduced");
    assert_eq!(&*k5[0].level, "developed");
    // The JSON names the unit by its index, and says which version of the schema it is.
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["statements"][4]["units"][0]["unit_index"], 0);
    assert_eq!(json["units"][0]["unit"], "LO1");
    assert!(json["statements"][4]["units"][0].get("text").is_none());
}

#[test]
fn a_frameworks_parents_are_checked_and_every_problem_is_reported_in_one_run() {
    let text = r#"id = "p"
title = "Parents"
publishers = ["Test"]
year = 2020
source = { citation = "test" }
domains = [{ id = "d", name = "D", prefix = "X" }, { id = "e", name = "E", prefix = "Y" }]
activities = [{ code = "LA1", audience = "a", text = "a" }]

[[statements]]
code = "X1"
domain = "d"
text = "one"
label = "one"

[[statements]]
code = "X2"
domain = "d"
parent = "x1"
text = "two"
label = "two"

[[statements]]
code = "Y1"
domain = "e"
parent = "X1"
text = "three"
label = "three"

[[statements]]
code = "X3"
domain = "d"
parent = "X4"
text = "four"
label = "four"

[[statements]]
code = "X4"
domain = "d"
parent = "X3"
text = "five"
label = "five"

[[statements]]
code = "X5"
domain = "d"
parent = "X5"
text = "six"
label = "six"

[[statements]]
code = "X6"
domain = "d"
parent = "LA1"
text = "seven"
label = "seven"
"#;
    let e = waypost::load_framework(common::doc(text, Some(Format::Toml), Some("parents.toml")))
        .unwrap_err();
    let found: Vec<(String, Option<usize>, Option<String>)> = e
        .diagnostics()
        .iter()
        .map(|d| (d.message.clone(), d.line, d.hint.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "statement `X2` names the parent `x1`, which is not a statement of the framework"
                    .to_string(),
                Some(18),
                Some("did you mean `X1`?".to_string())
            ),
            (
                "statement `Y1` is in the domain `e` but its parent `X1` is in `d`".to_string(),
                Some(25),
                Some("a statement sits under a parent of its own domain: change its `domain` or its `parent`".to_string())
            ),
            (
                "statement `X6` names the parent `LA1`, which is not a statement of the framework"
                    .to_string(),
                Some(53),
                Some("a parent is a statement; activities and resources have none".to_string())
            ),
            (
                "the `parent`s form a cycle through `X3`, `X4`".to_string(),
                Some(32),
                Some("a statement cannot sit under itself: one of them needs another parent, or none".to_string())
            ),
            (
                "the `parent`s form a cycle through `X5`".to_string(),
                Some(46),
                Some("a statement cannot sit under itself: one of them needs another parent, or none".to_string())
            ),
        ]
    );
    assert!(
        e.diagnostics()
            .iter()
            .all(|d| d.path.as_deref() == Some("parents.toml"))
    );
}
