//! `waypost suggest` and `waypost plan` as a user runs them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use common::{root, scratch, stderr, stdout, waypost};

const BSC: &str = "curricula/examples/bsc-mental-health-nursing.toml";
const ALEX: &str = "tests/plan/alex-staff-nurse.toml";

#[test]
fn suggest_ranks_statements_for_a_text_with_reasons() {
    let o = waypost(&[
        "suggest",
        "Help people draw up an advance directive",
        "--top",
        "3",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("suggest_text", stdout(&o));

    let o = waypost(&[
        "suggest",
        "--framework",
        "realising-recovery-2007",
        "Convey hope to people in distress",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["code"], "S11");
    for s in list {
        assert!(s["score"].as_f64().is_some());
        assert!(s["label"].is_string());
        assert!(s["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    }
}

#[test]
fn suggest_says_when_a_text_is_outside_the_framework() {
    let o = waypost(&["suggest", "Calculate drug dosages and infusion rates"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("outside the framework"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn suggest_writes_a_grid_for_a_curriculum_that_maps_nothing_by_itself() {
    let dir = scratch("grid");
    let grid = dir.join("bsc-suggested.csv");
    let o = waypost(&[
        "suggest",
        BSC,
        "--max-mappings",
        "1",
        "--output",
        grid.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&grid).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "module,module_title,unit,kind,text,covers,assessed_by,suggested,score,why"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("MHN3001,") && l.contains(",LO3,"))
    );
    // Importing the grid as it is gives the same coverage: suggestions are not mappings.
    let before: serde_json::Value =
        serde_json::from_str(&stdout(&waypost(&["check", BSC, "--format", "json"]))).unwrap();
    let after: serde_json::Value = serde_json::from_str(&stdout(&waypost(&[
        "check",
        grid.to_str().unwrap(),
        "--format",
        "json",
    ])))
    .unwrap();
    let levels = |r: &serde_json::Value| {
        r["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["code"].to_string(), s["level"].to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(levels(&before), levels(&after));

    let o = waypost(&["suggest", BSC, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["framework"], "realising-recovery-2007");
    assert!(json["units"].as_array().is_some_and(|u| !u.is_empty()));
    let o = waypost(&["suggest", BSC, "--format", "text"]);
    insta::assert_snapshot!("suggest_curriculum_text", stdout(&o));
}

#[test]
fn suggest_refuses_what_does_not_fit() {
    let o = waypost(&["suggest", "missing-programme.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `missing-programme.toml`"),
        "{}",
        stderr(&o)
    );
    let o = waypost(&["suggest", "hope", "--max-mappings", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`--max-mappings` applies to a curriculum file"));
    let o = waypost(&["suggest", "hope", "--framework", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown framework `nope`"));
    let o = waypost(&["suggest", "hope", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    // `--text` reads a file name as text.
    let o = waypost(&["suggest", "--text", BSC]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn plan_prints_a_development_plan() {
    let o = waypost(&["plan", ALEX]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Development plan for Alex Morgan"));
    assert!(text.contains("Where to start"));
    let md = waypost(&[
        "plan",
        ALEX,
        "--format",
        "markdown",
        "--target",
        "developing",
    ]);
    assert_eq!(md.status.code(), Some(0));
    insta::assert_snapshot!("plan_markdown_developing", stdout(&md));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&waypost(&["plan", ALEX, "--format", "json"]))).unwrap();
    assert_eq!(json["target"], "confident");
    assert!(json["needs"].as_array().unwrap().len() > 10);
}

#[test]
fn plan_writes_a_self_contained_html_page() {
    let dir = scratch("html");
    let file = dir.join("plan.html");
    let o = waypost(&[
        "plan",
        ALEX,
        "--format",
        "html",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{}: development plan written\n", file.display())
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>"));
    assert!(!html.contains("<script"));
}

#[test]
fn plan_reports_bad_self_assessments_with_their_place() {
    let o = waypost(&["plan", "tests/plan/bad/unknown-codes-and-levels.toml"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("plan_bad_codes", stderr(&o));
    let o = waypost(&["plan", ALEX, "--target", "superb"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown target level `superb`"));
    let o = waypost(&["plan", "tests/plan/missing.toml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_self_assessment_schema_is_committed() {
    let o = waypost(&["schema", "self-assessment"]);
    assert_eq!(o.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(Path::new(&root()).join("docs/schema/self-assessment.schema.json"))
            .unwrap();
    assert_eq!(
        stdout(&o),
        committed,
        "docs/schema/self-assessment.schema.json is stale: regenerate it with `waypost schema self-assessment`"
    );
}

#[test]
fn suggest_learns_from_an_examples_file_and_says_so() {
    let dir = scratch("suggest-examples");
    let examples = dir.join("portfolio.csv");
    std::fs::write(
        &examples,
        "module,unit,text,covers\nMHN2001,LO3,Stay with a person through ups and downs and never give up on them,V18\n",
    )
    .unwrap();
    let text = "Stay alongside someone through the ups and downs without giving up on them";
    let o = waypost(&["suggest", text, "--top", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("V18"), "{}", stdout(&o));
    let o = waypost(&[
        "suggest",
        text,
        "--top",
        "1",
        "--examples",
        examples.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("1. V18"), "{out}");
    assert!(
        out.contains("LO3 of MHN2001, mapped to V18, says “Stay with a person"),
        "{out}"
    );
    let o = waypost(&["suggest", text, "--examples", "no-such-file.csv"]);
    assert_ne!(o.status.code(), Some(0));
}

#[test]
fn team_counts_a_folder_without_names_and_exits_1_past_a_bad_file() {
    let o = waypost(&["team", "curricula/examples/team", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["members"], 12);
    assert!(json.get("names").is_none());
    assert!(!stdout(&o).contains("Priya Anand"));
    let named = waypost(&["team", "curricula/examples/team", "--names"]);
    assert!(stdout(&named).contains("Priya Anand"));

    let dir = scratch("team-cli");
    std::fs::copy(
        root().join("curricula/examples/team/member-01.toml"),
        dir.join("a.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.toml"),
        "name = \"B\"\n[ratings]\nK4 = \"brilliant\"\n",
    )
    .unwrap();
    let o = waypost(&["team", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "one file failed");
    assert!(
        stderr(&o).contains("b.toml:3:6: unknown level `brilliant`"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("1 self-assessment counted"));
    let book = waypost(&["team", dir.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(book.status.code(), Some(2), "a workbook needs --output");
}

#[test]
fn expect_writes_the_published_statements_values_first() {
    let o = waypost(&["expect"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let values = text.find("a belief that recovery is possible").unwrap();
    let knowledge = text.find("\nKnowledge\n").unwrap();
    assert!(values < knowledge);
    assert!(text.contains("NHS Education for Scotland and Scottish Recovery Network (2007)"));
}
