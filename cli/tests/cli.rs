//! The `waypost` command line as a user runs it: output pinned by snapshots, exit codes,
//! files written.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{root, scratch, stderr, stdout, waypost};

const BSC: &str = "curricula/examples/bsc-mental-health-nursing.toml";
const DAY: &str = "curricula/examples/recovery-awareness-day.toml";
const DAY_GRID: &str = "curricula/examples/recovery-awareness-day.csv";
const APPROVAL: &str = "curricula/examples/policies/programme-approval.toml";

#[test]
fn check_prints_a_summary_per_domain_and_the_gaps() {
    let o = waypost(&["check", BSC]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the programme has honest gaps, so the default policy fails"
    );
    let text = stdout(&o);
    assert!(!text.contains('\x1b'), "no colour when piped");
    insta::assert_snapshot!("check_bsc_text", text);
}

#[test]
fn check_renders_markdown_and_json() {
    let md = waypost(&["check", BSC, "--format", "markdown"]);
    assert_eq!(md.status.code(), Some(1));
    insta::assert_snapshot!("check_bsc_markdown", stdout(&md));
    let json = waypost(&["check", DAY, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    insta::assert_snapshot!("check_day_json", stdout(&json));
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let k4 = report["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "K4")
        .unwrap();
    assert!(k4["level"].is_string());
    assert!(k4["units"].as_array().is_some_and(|u| !u.is_empty()));
    assert_eq!(report["passed"], false);
    assert!(report["gaps"].as_array().is_some_and(|g| !g.is_empty()));
    assert_eq!(report["domains"].as_array().unwrap().len(), 3);
}

#[test]
fn a_grid_and_its_toml_give_the_same_coverage() {
    let toml: serde_json::Value =
        serde_json::from_str(&stdout(&waypost(&["check", DAY, "--format", "json"]))).unwrap();
    let grid: serde_json::Value =
        serde_json::from_str(&stdout(&waypost(&["check", DAY_GRID, "--format", "json"]))).unwrap();
    assert_eq!(toml["statements"], grid["statements"]);
    assert_eq!(toml["domains"], grid["domains"]);
}

#[test]
fn check_against_nimhe_goes_through_the_crosswalk() {
    let o = waypost(&["check", BSC, "--framework", "nimhe-guiding-statement-2004"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    insta::assert_snapshot!("check_bsc_nimhe_text", stdout(&o));
}

#[test]
fn a_policy_file_sets_the_requirements_and_the_exit_code() {
    let o = waypost(&["check", BSC, "--policy", APPROVAL]);
    insta::assert_snapshot!("check_bsc_policy_text", stdout(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&waypost(&[
        "check", BSC, "--policy", APPROVAL, "--format", "json",
    ])))
    .unwrap();
    let expected = if json["passed"] == true { 0 } else { 1 };
    assert_eq!(o.status.code(), Some(expected));
    assert!(json["policy"]["requirements"].as_array().unwrap().len() >= 3);
}

#[test]
fn a_curriculum_that_covers_everything_passes_with_exit_zero() {
    let dir = scratch("full");
    let framework: serde_json::Value = serde_json::from_str(&stdout(&waypost(&[
        "framework",
        "realising-recovery-2007",
        "--format",
        "json",
    ])))
    .unwrap();
    let codes: Vec<String> = framework["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("\"{}\"", s["code"].as_str().unwrap()))
        .collect();
    let file = dir.join("full.toml");
    std::fs::write(&file, format!("id = \"full\"\ntitle = \"Full\"\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"LO\"\ncovers = [{}]\n", codes.join(", "))).unwrap();
    let o = waypost(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("no gaps"));
}

#[test]
fn bad_input_exits_two_with_a_located_message() {
    let o = waypost(&["check", "tests/bad-input/near-miss-code.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    insta::assert_snapshot!("bad_input_near_miss", stderr(&o));
    let o = waypost(&["check", "no/such/file.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `no/such/file.toml`"),
        "{}",
        stderr(&o)
    );
    let o = waypost(&["check", BSC, "--framework", "recovery-2099"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown framework `recovery-2099`"));
    let o = waypost(&["check"]);
    assert_eq!(o.status.code(), Some(2), "usage errors exit 2 too");
    let o = waypost(&["check", BSC, "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn explain_shows_the_evidence_chain_or_what_would_help() {
    let o = waypost(&["explain", BSC, "K4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("explain_bsc_k4", stdout(&o));
    let gap = waypost(&["explain", BSC, "K10"]);
    assert_eq!(gap.status.code(), Some(0));
    insta::assert_snapshot!("explain_bsc_k10_gap", stdout(&gap));
    let wrong = waypost(&["explain", BSC, "K99"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("K1–K25"), "{}", stderr(&wrong));
}

#[test]
fn validate_reports_counts_and_warnings() {
    let o = waypost(&["validate", BSC]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("validate_bsc", stdout(&o));
    let o = waypost(&["validate", "tests/bad-input/duplicate-unit.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("duplicate-unit.toml:12:6"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn frameworks_lists_both_built_in_frameworks_with_their_counts() {
    let o = waypost(&["frameworks"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("frameworks", stdout(&o));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&waypost(&["frameworks", "--format", "json"]))).unwrap();
    let rr = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "realising-recovery-2007")
        .unwrap();
    assert_eq!(
        (
            rr["statements"].as_u64(),
            rr["activities"].as_u64(),
            rr["resources"].as_u64()
        ),
        (Some(67), Some(12), Some(11))
    );
}

#[test]
fn framework_prints_the_whole_framework_as_json() {
    let o = waypost(&["framework", "realising-recovery-2007", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let f: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let statements = f["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 67);
    for s in statements {
        for key in ["code", "domain", "text"] {
            assert!(s[key].is_string(), "{key} in {s}");
        }
    }
    assert_eq!(f["activities"].as_array().unwrap().len(), 12);
    assert_eq!(f["resources"].as_array().unwrap().len(), 11);
    assert!(
        f["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["type"] == "supports" && l["provenance"] == "curated")
    );
    let text = waypost(&["framework", "nimhe-guiding-statement-2004"]);
    assert!(stdout(&text).contains("XII") || stdout(&text).contains("P12"));
}

#[test]
fn the_committed_json_schemas_are_the_generated_ones() {
    for kind in ["curriculum", "framework", "policy", "crosswalk", "report"] {
        let o = waypost(&["schema", kind]);
        assert_eq!(o.status.code(), Some(0));
        let committed =
            std::fs::read_to_string(root().join(format!("docs/schema/{kind}.schema.json")))
                .unwrap_or_else(|_| {
                    panic!("docs/schema/{kind}.schema.json exists (run `waypost schema {kind}`)")
                });
        assert_eq!(
            stdout(&o),
            committed,
            "docs/schema/{kind}.schema.json is stale: regenerate it with `waypost schema {kind}`"
        );
    }
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = scratch("output");
    let file = dir.join("report.md");
    std::fs::write(&file, "old content").unwrap();
    let o = waypost(&[
        "check",
        DAY,
        "--format",
        "markdown",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        format!("{}: coverage report written\n", file.display())
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        written,
        stdout(&waypost(&["check", DAY, "--format", "markdown"]))
    );
    // A failed run leaves the file as it was.
    let o = waypost(&[
        "check",
        "tests/bad-input/unknown-code.toml",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn check_renders_html_csv_and_a_workbook() {
    let html = waypost(&["check", DAY, "--format", "html"]);
    assert_eq!(html.status.code(), Some(1));
    insta::assert_snapshot!("check_day_html", stdout(&html));
    let csv = waypost(&["check", DAY, "--format", "csv"]);
    insta::assert_snapshot!("check_day_csv", stdout(&csv));
    let refused = waypost(&["check", DAY, "--format", "xlsx"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--output"),
        "{}",
        stderr(&refused)
    );
    let file = scratch("xlsx").join("day.xlsx");
    let o = waypost(&[
        "check",
        BSC,
        "--format",
        "xlsx",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx file is a zip archive");
}

/// What a curriculum maps, as the grid holds it: each module's code and title, each unit's id,
/// kind, text and mappings, and which assessment assesses which unit.
fn mapping_of(c: &waypost::Curriculum) -> Vec<String> {
    let mut out = Vec::new();
    for m in &c.modules {
        out.push(format!("module {} {:?}", m.code, m.title));
        for u in &m.units {
            let covers: Vec<String> = u
                .covers
                .iter()
                .map(|x| format!("{}:{:?}", x.statement, x.level))
                .collect();
            out.push(format!(
                "  unit {} {:?} {:?} {}",
                u.id,
                u.kind,
                u.text,
                covers.join(";")
            ));
        }
    }
    // Which assessment assesses which unit, each named with its module: a grid names an
    // assessment of another module's unit in that unit's row (`MODULE/ID`), so it is read
    // back under the unit's module, meaning the same.
    let qualified = |module: &str, id: &str| {
        if id.contains('/') {
            id.to_string()
        } else {
            format!("{module}/{id}")
        }
    };
    let mut assessed: Vec<String> = c
        .modules
        .iter()
        .flat_map(|m| {
            m.assessments.iter().flat_map(move |a| {
                a.assesses.iter().map(move |u| {
                    format!("{} <- {}", qualified(&m.code, u), qualified(&m.code, &a.id))
                })
            })
        })
        .collect();
    assessed.sort();
    out.extend(assessed);
    out
}

/// The workbook `check` writes holds the curriculum as a mapping grid (its `Mapping` sheet):
/// checked again, or imported as a grid, it gives the same mapping and the same coverage.
#[test]
fn the_checks_workbook_reads_back_as_the_curriculum_checked() {
    let dir = scratch("xlsx-round-trip");
    let book = dir.join("matrix.xlsx");
    let o = waypost(&[
        "check",
        BSC,
        "--format",
        "xlsx",
        "--output",
        book.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    let original = waypost::read_curriculum(&root().join(BSC)).unwrap();
    let read_back = waypost::read_curriculum(&book).unwrap();
    assert_eq!(mapping_of(&read_back), mapping_of(&original));

    let imported = dir.join("back.toml");
    let o = waypost(&[
        "import",
        book.to_str().unwrap(),
        "--from",
        "grid",
        "--output",
        imported.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let imported = waypost::read_curriculum(&imported).unwrap();
    assert_eq!(mapping_of(&imported), mapping_of(&original));

    let report = |file: &str| -> serde_json::Value {
        serde_json::from_str(&stdout(&waypost(&["check", file, "--format", "json"]))).unwrap()
    };
    let from_toml = report(BSC);
    let from_book = report(book.to_str().unwrap());
    for part in ["statements", "summary", "gaps", "unmapped_units", "passed"] {
        assert_eq!(from_book[part], from_toml[part], "{part}");
    }
}

#[test]
fn portfolio_reports_across_courses_and_keeps_going_past_a_broken_file() {
    let o = waypost(&["portfolio", "curricula/examples/portfolio"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("portfolio_text", stdout(&o));
    let md = waypost(&[
        "portfolio",
        "curricula/examples/portfolio",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("portfolio_markdown", stdout(&md));
    let html = stdout(&waypost(&[
        "portfolio",
        "curricula/examples/portfolio",
        "--format",
        "html",
    ]));
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script"));
    let csv = stdout(&waypost(&[
        "portfolio",
        "curricula/examples/portfolio",
        "--format",
        "csv",
    ]));
    assert_eq!(csv.lines().count(), 68, "a header and a row per statement");

    let dir = scratch("portfolio-cli");
    std::fs::copy(root().join(DAY), dir.join("day.toml")).unwrap();
    std::fs::write(dir.join("broken.csv"), "module,unit\nM,LO1\n").unwrap();
    let o = waypost(&["portfolio", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "some files failed");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["courses"].as_array().unwrap().len(), 1);
    assert_eq!(json["failures"][0]["error"]["code"], "parse");
    let strict = waypost(&["portfolio", dir.to_str().unwrap(), "--strict"]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(stdout(&strict).is_empty());
    assert!(
        stderr(&strict).contains("broken.csv:1"),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn diff_shows_what_changed_and_can_guard_against_loss() {
    let old = "curricula/examples/bsc-mental-health-nursing-2025.toml";
    let o = waypost(&["diff", old, BSC]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "without --fail-on-loss a diff is information"
    );
    insta::assert_snapshot!("diff_text", stdout(&o));
    let guarded = waypost(&["diff", old, BSC, "--fail-on-loss"]);
    assert_eq!(guarded.status.code(), Some(1), "V8 was lost");
    let same = waypost(&["diff", BSC, BSC, "--fail-on-loss"]);
    assert_eq!(same.status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&waypost(&["diff", old, BSC, "--format", "json"]))).unwrap();
    assert_eq!(json["lost"][0]["code"], "V8");
    insta::assert_snapshot!(
        "diff_markdown",
        stdout(&waypost(&["diff", old, BSC, "--format", "markdown"]))
    );
}

#[test]
fn a_workbook_grid_is_checked_like_its_csv() {
    // Write the one-day course's grid as a workbook, then check both.
    let csv_text = std::fs::read_to_string(root().join(DAY_GRID)).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let file = scratch("workbook").join("recovery-awareness-day.xlsx");
    std::fs::write(&file, waypost_workbook::write_sheet(None, &rows).unwrap()).unwrap();
    let from_xlsx: serde_json::Value = serde_json::from_str(&stdout(&waypost(&[
        "check",
        file.to_str().unwrap(),
        "--format",
        "json",
    ])))
    .unwrap();
    let from_csv: serde_json::Value =
        serde_json::from_str(&stdout(&waypost(&["check", DAY_GRID, "--format", "json"]))).unwrap();
    assert_eq!(from_xlsx["statements"], from_csv["statements"]);
    let o = waypost(&["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn colour_only_where_a_terminal_would_show_it_and_never_with_no_color() {
    let run = |env: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_waypost"));
        cmd.args(["check", DAY])
            .current_dir(root())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        stdout(&cmd.output().unwrap())
    };
    assert!(!run(&[]).contains('\x1b'), "piped output has no colour");
    // CLICOLOR_FORCE stands in for a terminal here.
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.contains("\x1b[1m") && forced.contains("\x1b[31m"),
        "bold titles, red gaps"
    );
    assert!(
        !run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'),
        "NO_COLOR wins"
    );
    // Files and JSON never carry colour.
    assert!(!stdout(&waypost(&["check", DAY, "--format", "json"])).contains('\x1b'));
}
