//! Statement hierarchies (a parent's coverage derived from its children's) and the policies on
//! sequence and weight, on the fixture framework shaped like a regulator's standards and the
//! three-year programme mapped to it (`tests/frameworks/`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::{fs, path::PathBuf};

use waypost::{Catalog, Format, Policy, Report, StatementCoverage};

mod common;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/frameworks")
}

fn catalog() -> Catalog {
    let mut catalog = Catalog::with_builtin().unwrap();
    let name = "example-practice-standards.toml";
    let text = fs::read_to_string(fixtures().join(name)).unwrap();
    let framework =
        waypost::load_framework(common::doc(&text, Some(Format::Toml), Some(name))).unwrap();
    catalog.add_framework(framework).unwrap();
    catalog
}

fn programme() -> waypost::Curriculum {
    let name = "three-year-programme.toml";
    let text = fs::read_to_string(fixtures().join(name)).unwrap();
    waypost::load_curriculum(common::doc(&text, Some(Format::Toml), Some(name))).unwrap()
}

fn policy(text: &str) -> Policy {
    waypost::load_policy(common::doc(text, Some(Format::Toml), Some("policy.toml"))).unwrap()
}

fn check(policy: &Policy) -> Report {
    waypost::check(&catalog(), &programme(), &common::against(None, policy)).unwrap()
}

fn statement<'a>(report: &'a Report, code: &str) -> &'a StatementCoverage {
    report.statements.iter().find(|s| s.code == code).unwrap()
}

/// (level, derived level, direct level, covered children, children)
fn tree_of(
    report: &Report,
    code: &str,
) -> (Option<String>, Option<String>, Option<String>, usize, usize) {
    let s = statement(report, code);
    let d = s.derived.as_ref().unwrap();
    (
        s.level.clone(),
        d.level.clone(),
        d.direct.clone(),
        d.covered,
        d.children.len(),
    )
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn a_parent_is_covered_once_all_its_children_are_at_the_lowest_level_they_reach() {
    let r = check(&Policy::default());
    // A1: all three skills mapped (introduced, introduced, developed).
    assert_eq!(
        tree_of(&r, "A1"),
        (some("introduced"), some("introduced"), None, 3, 3)
    );
    // A3: two of three skills, so no derived level: "2 of 3", and a gap.
    assert_eq!(tree_of(&r, "A3"), (None, None, None, 2, 3));
    assert!(r.gaps.iter().any(|g| g.code == "A3"));
    assert!(!r.gaps.iter().any(|g| g.code == "A1"));
    // A2 is mapped directly (developed) with one of its two skills: the direct level counts,
    // and the report says it is direct.
    assert_eq!(
        tree_of(&r, "A2"),
        (some("developed"), None, some("developed"), 1, 2)
    );
    assert_eq!(statement(&r, "A2.1").parent.as_deref(), Some("A2"));
    // Statements without children carry no derivation.
    assert!(statement(&r, "1.1").derived.is_none());
    assert!(statement(&r, "A1.1").derived.is_none());
    // The totals count the derived coverage.
    let annex = r.domains.iter().find(|d| d.id == "annex-a").unwrap();
    assert_eq!((annex.total, annex.covered), (11, 8));
}

#[test]
fn a_policy_can_ask_for_any_child_at_the_highest_level_a_child_reaches() {
    let r = check(&policy(
        "hierarchy = \"any\"\n[[require]]\ndomain = \"annex-a\"\n",
    ));
    assert_eq!(
        tree_of(&r, "A1"),
        (some("developed"), some("developed"), None, 3, 3)
    );
    assert_eq!(
        tree_of(&r, "A3"),
        (some("assessed"), some("assessed"), None, 2, 3)
    );
    assert!(statement(&r, "A3").assessed);
    // The higher of the direct and the derived level.
    assert_eq!(
        tree_of(&r, "A2"),
        (
            some("developed"),
            some("introduced"),
            some("developed"),
            1,
            2
        )
    );
    assert_eq!(
        statement(&r, "A3").derived.as_ref().unwrap().rule,
        waypost::Hierarchy::Any
    );
}

#[test]
fn a_framework_can_choose_any_for_all_its_parents() {
    let text = fs::read_to_string(fixtures().join("example-practice-standards.toml"))
        .unwrap()
        .replace("year = 2026\n", "year = 2026\nhierarchy = \"any\"\n");
    let mut catalog = Catalog::with_builtin().unwrap();
    catalog
        .add_framework(
            waypost::load_framework(common::doc(&text, Some(Format::Toml), None)).unwrap(),
        )
        .unwrap();
    let r = waypost::check(
        &catalog,
        &programme(),
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    assert_eq!(
        tree_of(&r, "A3"),
        (some("assessed"), some("assessed"), None, 2, 3)
    );
    // A policy's rule wins over the framework's.
    let r = waypost::check(
        &catalog,
        &programme(),
        &common::against(None, &policy("hierarchy = \"all\"\n")),
    )
    .unwrap();
    assert_eq!(tree_of(&r, "A3"), (None, None, None, 2, 3));
}

#[test]
fn a_framework_without_parents_reports_no_tree() {
    let r = waypost::check(
        &catalog(),
        &programme(),
        &common::against(Some("realising-recovery-2007"), &Policy::default()),
    )
    .unwrap();
    assert!(
        r.statements
            .iter()
            .all(|s| s.parent.is_none() && s.derived.is_none())
    );
}

#[test]
fn explaining_a_parent_shows_its_childrens_evidence() {
    let e = waypost::explain(&catalog(), &programme(), "A3", &common::framework(None)).unwrap();
    let children: Vec<(&str, Option<&str>, usize)> = e
        .children
        .iter()
        .map(|c| (c.code.as_str(), c.level.as_deref(), c.units.len()))
        .collect();
    assert_eq!(
        children,
        vec![
            ("A3.1", None, 0),
            ("A3.2", Some("assessed"), 1),
            ("A3.3", Some("assessed"), 1)
        ]
    );
    // The explanation lists the units its children's evidence names, each once, and every
    // piece of evidence names one of them.
    let named: Vec<usize> = e
        .children
        .iter()
        .chain([&e.coverage])
        .flat_map(|c| c.units.iter().map(|x| x.unit_index))
        .collect();
    assert!(named.iter().all(|&i| i < e.units.len()), "{named:?}");
    assert!((0..e.units.len()).all(|i| named.contains(&i)), "{named:?}");
    assert!(
        e.units
            .iter()
            .any(|u| &*u.module == "EX201" && &*u.unit == "LO1")
    );
    let text = waypost::render(&e, waypost::ReportFormat::Text).unwrap();
    assert!(
        text.contains(
            "derived from its children: 2 of 3 children covered, not yet derived (all needed)"
        ),
        "{text}"
    );
    assert!(
        text.contains("← EX201/LO1 (outcome, counts assessed)"),
        "{text}"
    );
    // A statement without children has none to show.
    let leaf =
        waypost::explain(&catalog(), &programme(), "A3.2", &common::framework(None)).unwrap();
    assert!(leaf.children.is_empty());
}

#[test]
fn every_report_format_shows_the_tree_and_the_derived_levels() {
    let r = check(&Policy::default());
    let render = |f| waypost::render(&r, f).unwrap();
    let text = render(waypost::ReportFormat::Text);
    assert!(
        text.contains("\nhierarchy\n  A1    Communication skills"),
        "{text}"
    );
    assert!(
        text.contains("    A1.3  Sharing difficult information"),
        "{text}"
    );
    assert!(
        text.contains(
            "1 of 2 children covered, not yet derived (all needed); mapped directly at developed"
        ),
        "{text}"
    );
    let md = render(waypost::ReportFormat::Markdown);
    assert!(md.contains("- **A3** Procedures for assessment and care: **gap** (2 of 3 children covered, not yet derived (all needed))\n  - **A3.1** Vital signs: **gap**"), "{md}");
    let html = render(waypost::ReportFormat::Html);
    assert!(html.contains("Under <a href=\"#s-A1\">A1</a>."), "{html}");
    assert!(
        html.contains("3 of 3 children covered, derived introduced."),
        "{html}"
    );
    let csv = render(waypost::ReportFormat::Csv);
    assert!(
        csv.starts_with(
            "code,domain,label,level,assessed,units,parent,children,derived,direct,EX101"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("\r\nA2,annex-a,Relationship skills,developed,,1,,1 of 2,,developed,"),
        "{csv}"
    );
    let json = render(waypost::ReportFormat::Json);
    assert!(
        json.contains("\"derived\": {\n        \"rule\": \"all\""),
        "{json}"
    );
}

#[test]
fn a_sequence_requirement_names_each_shortfall_and_where_it_is_taught() {
    let r = check(&policy(
        "[[require]]\ndomain = \"platform-1\"\nby_year = 1\n\n[[require]]\ndomain = \"platform-3\"\nlevel = \"developed\"\nmin_modules = 2\n\n[[require]]\nstatement = \"A2\"\nmin_years = 2\n\n[[require]]\nmin_credits = 40\n",
    ));
    let found: Vec<Vec<(String, String)>> = r
        .policy
        .requirements
        .iter()
        .map(|q| {
            q.shortfalls
                .iter()
                .map(|f| (f.code.clone(), f.reason.clone()))
                .collect()
        })
        .collect();
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        found[0],
        pairs(&[
            (
                "1.3",
                "introduced first in year 3, not by year 1; reached in EX301 in year 3"
            ),
            ("1.4", "never introduced"),
        ])
    );
    assert_eq!(
        found[1],
        pairs(&[
            (
                "3.1",
                "developed in 1 of the 2 modules needed; reached in EX201 in year 2"
            ),
            ("3.2", "never developed"),
            (
                "3.3",
                "developed in 1 of the 2 modules needed; reached in EX201 in year 2"
            ),
        ])
    );
    // A parent is reached where its children are, and where it is mapped itself.
    assert_eq!(
        found[2],
        pairs(&[(
            "A2",
            "introduced in 1 of the 2 years needed; reached in EX101 in year 1, EX102 in year 1"
        )])
    );
    assert_eq!(
        found[3],
        pairs(&[
            ("platform-2", "20 credits (EX102 20), not 40"),
            ("platform-5", "0 credits (no module), not 40"),
        ])
    );
    let q = &r.policy.requirements;
    assert_eq!(
        q[0].description,
        "every statement of 1. Professional conduct at least introduced by year 1"
    );
    assert_eq!(
        q[3].description,
        "at least 40 credits of modules touch each domain (at least introduced)"
    );
    assert_eq!(
        (q[3].met, q[3].total, q[3].short.clone()),
        (
            6,
            8,
            vec!["platform-2".to_string(), "platform-5".to_string()]
        )
    );
    assert_eq!(r.policy.requirements[2].shortfalls[0].years, vec![1]);
    assert_eq!(r.policy.requirements[3].shortfalls[0].credits, Some(20));
    // Met when the programme does it.
    let ok = check(&policy(
        "[[require]]\nstatement = \"1.1\"\nby_year = 1\n\n[[require]]\ndomain = \"platform-7\"\nmin_credits = 60\n",
    ));
    assert!(ok.passed, "{:?}", ok.policy);
    assert!(
        ok.policy
            .requirements
            .iter()
            .all(|q| q.shortfalls.is_empty())
    );
}

#[test]
fn modules_without_the_year_or_credits_a_policy_reads_are_located_errors() {
    let text = fs::read_to_string(fixtures().join("three-year-programme.toml"))
        .unwrap()
        .replace("year = 1\ncredits = 20\n", "")
        .replace("year = 2\ncredits = 40\n", "year = 2\n");
    let curriculum = waypost::load_curriculum(common::doc(
        &text,
        Some(Format::Toml),
        Some("programme.toml"),
    ))
    .unwrap();
    let e = waypost::check(
        &catalog(),
        &curriculum,
        &common::against(
            None,
            &policy("[[require]]\nby_year = 3\n\n[[require]]\nmin_credits = 10\n"),
        ),
    )
    .unwrap_err();
    let found: Vec<(String, Option<String>, Option<usize>)> = e
        .diagnostics()
        .iter()
        .map(|d| (d.message.clone(), d.path.clone(), d.line))
        .collect();
    let at = |line| (Some("programme.toml".to_string()), Some(line));
    assert_eq!(
        found,
        vec![
            (
                "module `EX102` has no `year`".to_string(),
                at(40).0,
                at(40).1
            ),
            (
                "module `EX102` has no `credits`".to_string(),
                at(40).0,
                at(40).1
            ),
            (
                "module `EX201` has no `credits`".to_string(),
                at(49).0,
                at(49).1
            ),
        ]
    );
    assert!(
        e.diagnostics()[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("`every statement at least introduced by year 3`")
    );
    // A policy without such requirements does not read them.
    assert!(
        waypost::check(
            &catalog(),
            &curriculum,
            &common::against(None, &Policy::default())
        )
        .is_ok()
    );
}

#[test]
fn sequence_keys_that_cannot_be_meant_are_refused_with_their_line() {
    for (text, message) in [
        (
            "[[require]]\nmin_modules = 0\n",
            "`min_modules` must be at least 1",
        ),
        (
            "[[require]]\ntheme = \"x\"\nmin_credits = 10\n",
            "`min_credits` is counted per domain, not for a statement or a theme",
        ),
        (
            "[[require]]\nmin_credits = 10\nby_year = 2\n",
            "`min_credits` is a requirement of its own",
        ),
    ] {
        let e = waypost::check(
            &catalog(),
            &programme(),
            &common::against(None, &policy(text)),
        )
        .unwrap_err();
        let d = e.first().unwrap();
        assert_eq!(d.message, message);
        assert_eq!(d.path.as_deref(), Some("policy.toml"));
        assert!(d.line.is_some(), "{d:?}");
    }
}

#[test]
fn a_programme_over_several_years_reports_its_thread_statement_by_year() {
    let r = check(&Policy::default());
    let thread = r.thread.as_ref().unwrap();
    assert_eq!(thread.years, vec![1, 2, 3]);
    let row = |code: &str| thread.statements.iter().find(|s| s.code == code).unwrap();
    let r31 = row("3.1");
    assert_eq!(r31.by_year, vec![None, Some("assessed".to_string()), None]);
    assert_eq!(
        r31.levels
            .iter()
            .map(|(l, y)| (l.as_str(), y.clone()))
            .collect::<Vec<_>>(),
        vec![("assessed", vec![2])]
    );
    assert_eq!(
        (r31.modules.clone(), r31.credits),
        (vec!["EX201".to_string()], 40)
    );
    // A parent is reached where its children are: A1's skills are in years 1 and 2.
    let a1 = row("A1");
    assert_eq!(a1.modules, vec!["EX101".to_string(), "EX201".to_string()]);
    assert_eq!(a1.credits, 80);
    assert_eq!(
        a1.levels
            .iter()
            .map(|(l, y)| (l.as_str(), y.clone()))
            .collect::<Vec<_>>(),
        vec![("introduced", vec![1]), ("developed", vec![2])]
    );
    assert_eq!(row("1.4").by_year, vec![None, None, None]);
    let text = waypost::render(&r, waypost::ReportFormat::Text).unwrap();
    assert!(
        text.contains("\nthread (level in year 1, 2, 3: I introduced, D developed, A assessed; then credits)\n  1.1   A··  40    1.2   A··  40    1.3   ··A  60    1.4   ···   0\n"),
        "{text}"
    );
    // A curriculum of one year has no thread.
    let one = fs::read_to_string(fixtures().join("three-year-programme.toml"))
        .unwrap()
        .replace("year = 2\n", "year = 1\n")
        .replace("year = 3\n", "year = 1\n");
    let one = waypost::load_curriculum(common::doc(&one, Some(Format::Toml), None)).unwrap();
    let r = waypost::check(&catalog(), &one, &common::against(None, &Policy::default())).unwrap();
    assert!(r.thread.is_none());
}

/// The workbook has the thread as a sheet of its own, statement × year, and the matrix sheets
/// carry the tree's columns.
#[cfg(feature = "xlsx")]
#[test]
fn the_workbook_has_a_thread_sheet_and_the_trees_columns() {
    let book = waypost::report_workbook(&check(&Policy::default()), None).unwrap();
    let sheets = common::workbook_cells(&book);
    let thread = &sheets.iter().find(|(name, _)| name == "Thread").unwrap().1;
    let header = thread.first().unwrap();
    assert_eq!(header.first().unwrap(), "code");
    for s in ["year 1", "year 3", "credits"] {
        assert!(header.contains(&s.to_string()), "{s}: {header:?}");
    }
    let cells: Vec<&String> = sheets
        .iter()
        .flat_map(|(_, rows)| rows.iter().flatten())
        .collect();
    for s in ["parent", "children", "3 of 3"] {
        assert!(cells.iter().any(|c| *c == s), "{s}");
    }
}

/// A small framework whose hierarchy is written as `isChildOf` links, as CASE and Moodle
/// imports write it.
fn linked(links: &str, parent: &str) -> String {
    format!(
        r#"id = "linked"
title = "Linked"
publishers = ["Test"]
year = 2020
source = {{ citation = "test" }}
domains = [{{ id = "d", name = "D", prefix = "X" }}]
statements = [
  {{ code = "X1", domain = "d", text = "one", label = "one" }},
  {{ code = "X1.1", domain = "d", text = "two", label = "two"{parent} }},
  {{ code = "X1.2", domain = "d", text = "three", label = "three" }},
  {{ code = "X2", domain = "d", text = "four", label = "four" }},
]
links = [{links}]
"#
    )
}

#[test]
fn an_is_child_of_link_between_statements_is_read_as_their_parent() {
    let text = linked(
        r#"{ from = "X1.1", to = "X1", type = "isChildOf", provenance = "published" }, { from = "X1.2", to = "X1", type = "isChildOf", provenance = "published" }"#,
        "",
    );
    let mut catalog = Catalog::with_builtin().unwrap();
    catalog
        .add_framework(
            waypost::load_framework(common::doc(&text, Some(Format::Toml), None)).unwrap(),
        )
        .unwrap();
    let curriculum = waypost::load_curriculum(common::doc(
        "id = \"c\"\ntitle = \"C\"\nframeworks = [\"linked\"]\n[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"X1.1\", \"X1.2:developed\"]\n",
        Some(Format::Toml),
        None,
    ))
    .unwrap();
    let r = waypost::check(
        &catalog,
        &curriculum,
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    assert_eq!(
        tree_of(&r, "X1"),
        (some("introduced"), some("introduced"), None, 2, 2)
    );
    assert_eq!(statement(&r, "X1.2").parent.as_deref(), Some("X1"));

    // Said twice, differently: refused at the link.
    let twice = linked(
        r#"{ from = "X1.1", to = "X2", type = "isChildOf", provenance = "published" }"#,
        r#", parent = "X1""#,
    );
    let e = waypost::load_framework(common::doc(&twice, Some(Format::Toml), Some("twice.toml")))
        .unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(
        d.message,
        "statement `X1.1` names the parent `X1`, but an `isChildOf` link puts it under `X2`"
    );
    assert_eq!(d.pointer.as_deref(), Some("links[0]"));
    // Said twice, the same: accepted.
    let same = linked(
        r#"{ from = "X1.1", to = "X1", type = "isChildOf", provenance = "published" }"#,
        r#", parent = "X1""#,
    );
    assert!(waypost::load_framework(common::doc(&same, Some(Format::Toml), None)).is_ok());
    // A loop through a link and a `parent` is a loop.
    let looped = linked(
        r#"{ from = "X1", to = "X1.1", type = "isChildOf", provenance = "published" }"#,
        r#", parent = "X1""#,
    );
    let e = waypost::load_framework(common::doc(&looped, Some(Format::Toml), None)).unwrap_err();
    assert_eq!(
        e.first().unwrap().message,
        "the `parent`s form a cycle through `X1`, `X1.1`"
    );
}

#[test]
fn a_frameworks_parents_go_to_case_and_moodle_and_come_back_as_the_same_tree() {
    let text = fs::read_to_string(fixtures().join("example-practice-standards.toml")).unwrap();
    let framework = waypost::load_framework(common::doc(&text, Some(Format::Toml), None)).unwrap();
    let tree = |f: &waypost::Framework| -> Vec<(String, String)> {
        // The parent each statement is read under, however it is written.
        let mut catalog = Catalog::with_builtin().unwrap();
        catalog.add_framework(f.clone()).unwrap();
        let c = waypost::load_curriculum(common::doc(
            &format!("id = \"c\"\ntitle = \"C\"\nframeworks = [\"{}\"]\n", f.id),
            Some(Format::Toml),
            None,
        ))
        .unwrap();
        let r = waypost::check(&catalog, &c, &common::against(None, &Policy::default())).unwrap();
        r.statements
            .iter()
            .filter_map(|s| Some((s.code.clone(), s.parent.clone()?)))
            .collect()
    };
    let expected = tree(&framework);
    assert_eq!(expected.len(), 8);
    let case = waypost::export_case(&framework, &waypost::CaseExportOptions::default());
    let back = waypost::import_case(
        common::doc(&case, None, Some("standards.json")),
        &waypost::CaseImportOptions::default(),
    )
    .unwrap();
    assert_eq!(tree(&back.framework), expected);
    let moodle = waypost::export_moodle(&framework);
    let back = waypost::import_moodle(
        common::doc(&moodle.text, None, Some("standards.csv")),
        &waypost::MoodleImportOptions::default(),
    )
    .unwrap();
    assert_eq!(tree(&back.framework), expected);
}
