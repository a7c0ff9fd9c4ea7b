//! Every command that writes a file says so, and every exit 1 ends with a line that says why.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{scratch, stderr, stdout, waypost};

const BSC: &str = "curricula/examples/bsc-mental-health-nursing.toml";
const BSC_2025: &str = "curricula/examples/bsc-mental-health-nursing-2025.toml";
const DAY: &str = "curricula/examples/recovery-awareness-day.toml";

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

#[test]
fn check_to_a_file_says_what_it_wrote_and_why_it_failed() {
    let dir = scratch("messages-check");
    let file = dir.join("coverage.html");
    let o = waypost(&[
        "check",
        BSC,
        "--format",
        "html",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        format!("{}: coverage report written\n", file.display())
    );
    assert_eq!(
        stderr(&o),
        "the policy failed: every statement at least introduced (62/67, short: K10, K18, K25, S10, V8)\n"
    );
    // JSON on standard output stays JSON; the reason goes to standard error, long lists cut.
    let o = waypost(&["check", DAY, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(serde_json::from_slice::<serde_json::Value>(&o.stdout).is_ok());
    assert_eq!(
        last_line(&stderr(&o)),
        "the policy failed: every statement at least introduced (23/67, short: K3, K5, K6, K7, K10 and 39 more)"
    );
    // The text report ends with its own verdict: no second line.
    let o = waypost(&["check", DAY]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(last_line(&stdout(&o)), "result: failed");
    assert!(stderr(&o).is_empty());
}

#[test]
fn diff_fail_on_loss_says_what_was_lost() {
    let o = waypost(&["diff", BSC_2025, BSC, "--fail-on-loss"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "coverage was lost (`--fail-on-loss`): V8 became a gap; S5, S15 were lowered\n"
    );
    let o = waypost(&["diff", BSC, BSC_2025]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).is_empty());
}

#[test]
fn import_and_export_to_a_file_say_what_they_wrote() {
    let dir = scratch("messages-import");
    let toml = dir.join("day.toml");
    let o = waypost(&[
        "import",
        "curricula/examples/recovery-awareness-day.csv",
        "--from",
        "grid",
        "--output",
        toml.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{}: curriculum written\n", toml.display())
    );
    assert!(toml.is_file());
    let case = dir.join("rr.json");
    let o = waypost(&[
        "export",
        "realising-recovery-2007",
        "--to",
        "case",
        "--output",
        case.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{}: CASE package written\n", case.display())
    );
}

#[test]
fn an_empty_suggested_column_says_why() {
    // Every unit of the day is mapped: nothing is open to suggestions.
    let o = waypost(&["suggest", DAY]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("module,module_title,unit,kind,text,covers"));
    assert!(
        stderr(&o).starts_with(
            "note: the `suggested` column is empty: every unit maps a statement already\n  hint: `--max-mappings N`"
        ),
        "{}",
        stderr(&o)
    );
    // Once units are open to suggestions and some score, no note.
    let o = waypost(&["suggest", BSC, "--max-mappings", "2"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn one_vocabulary_across_text_html_and_markdown() {
    // A statement with no coverage is "not covered", and coverage that comes from another
    // statement comes "via" it, in every output.
    let mut outputs = Vec::new();
    for format in ["text", "markdown", "html"] {
        let o = waypost(&["check", DAY, "--format", format]);
        outputs.push(stdout(&o));
        let o = waypost(&[
            "check",
            BSC,
            "--framework",
            "nimhe-guiding-statement-2004",
            "--format",
            format,
        ]);
        outputs.push(stdout(&o));
    }
    for format in ["text", "markdown"] {
        let o = waypost(&["explain", BSC, "K4", "--format", format]);
        outputs.push(stdout(&o));
    }
    outputs.push(stdout(&waypost(&[
        "plan",
        "tests/plan/alex-staff-nurse.toml",
    ])));
    for out in &outputs {
        assert!(!out.is_empty());
        for other in ["not reached", "(through ", " through the crosswalk"] {
            assert!(!out.contains(other), "`{other}` in\n{out}");
        }
    }
    assert!(outputs.iter().any(|o| o.contains("not covered")));
    assert!(outputs.iter().any(|o| o.contains("via ")));
}

#[test]
fn a_portfolio_with_unreadable_files_says_why_it_exits_one() {
    let o = waypost(&[
        "portfolio",
        "curricula/examples/portfolio",
        "tests/bad-input/empty.toml",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(serde_json::from_slice::<serde_json::Value>(&o.stdout).is_ok());
    assert_eq!(
        last_line(&stderr(&o)),
        "1 file could not be read and was left out (`--strict` stops at the first)"
    );
    let o = waypost(&["portfolio", "curricula/examples/portfolio"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}
