//! Bringing one's own framework from the command line (issue #18): every problem of a
//! framework in one run, `new framework`, `import --from framework-grid`, and `check` of a
//! programme against every framework it declares.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{scratch, stderr, stdout, waypost};

const STANDARDS: &str = "tests/frameworks/example-practice-standards.toml";
const PROGRAMME: &str = "tests/frameworks/three-year-programme.toml";

#[test]
fn a_framework_with_three_mistakes_gets_all_three_in_one_run() {
    let dir = scratch("three-mistakes");
    let file = dir.join("five.toml");
    std::fs::write(
        &file,
        "id = \"five\"\ntitle = \"Five\"\npublishers = [\"me\"]\nyear = 2026\n[source]\ncitation = \"me\"\n\n[[domains]]\nid = \"k\"\nname = \"K\"\nprefix = \"K\"\n\n[[statements]]\ncode = \"K1\"\ndomain = \"k\"\ntext = \"a\"\n\n[[statements]]\ncode = \"K2\"\ndomain = \"k\"\ntext = \"b\"\nlabel = \"B\"\n\n[[statements]]\ncode = \"K2\"\ndomain = \"k\"\ntext = \"b\"\nlabel = \"B\"\n\n[[statements]]\ncode = \"K3\"\ndomain = \"k\"\ntext = \"c\"\nlabl = \"C\"\nlabel = \"C\"\n",
    )
    .unwrap();
    let o = waypost(&["--with", file.to_str().unwrap(), "frameworks"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for problem in [
        "(at `statements[0]`): missing key `label`",
        "(at `statements[3].labl`): unknown key `labl`",
        "(at `statements[2]`): the code `K2` is used twice",
    ] {
        assert!(err.contains(problem), "{problem} not in:\n{err}");
    }
}

#[test]
fn new_framework_writes_a_starter_that_a_curriculum_checks_against() {
    let dir = scratch("new-framework");
    let framework = dir.join("standards.toml");
    let f = framework.to_str().unwrap();
    let o = waypost(&["new", "framework", f, "--id", "my-standards-2026"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("new framework `my-standards-2026`"));
    let curriculum = dir.join("programme.toml");
    let c = curriculum.to_str().unwrap();
    let o = waypost(&[
        "--with",
        f,
        "new",
        "curriculum",
        c,
        "-f",
        "my-standards-2026",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = waypost(&["--with", f, "check", c]);
    // An empty curriculum covers nothing: the default policy fails, and says so.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("coverage of"), "{}", stdout(&o));
    // `new` never writes over a file, and knows only two kinds.
    let o = waypost(&["new", "framework", f]);
    assert_eq!(o.status.code(), Some(2));
    let o = waypost(&["new", "standards", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("`waypost new` writes a `curriculum` or a `framework`, not `standards`")
    );
}

#[test]
fn a_framework_grid_imports_and_checks_a_programme() {
    let dir = scratch("framework-grid");
    let out = dir.join("standards.toml");
    let o = waypost(&[
        "import",
        "tests/frameworks/example-practice-standards.csv",
        "--from",
        "framework-grid",
        "--id",
        "example-practice-standards",
        "--title",
        "Example",
        "--publisher",
        "Council",
        "--year",
        "2026",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = waypost(&[
        "--with",
        out.to_str().unwrap(),
        "check",
        PROGRAMME,
        "--framework",
        "example-practice-standards",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // As checking against the TOML fixture itself gives (parents derived from their children).
    assert!(stdout(&o).contains("\"covered\": 23"), "{}", stdout(&o));
}

#[test]
fn a_programme_is_checked_against_every_framework_it_declares() {
    let o = waypost(&["--with", STANDARDS, "check", PROGRAMME]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("── 1 of 2: Example standards (example-practice-standards) ──"));
    assert!(out.contains("── 2 of 2: Realising Recovery (realising-recovery-2007) ──"));
    let o = waypost(&["--with", STANDARDS, "check", PROGRAMME, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["reports"].as_array().unwrap().len(), 2);
    assert_eq!(json["passed"], false);
    // Why the exit code is 1, framework by framework.
    assert!(stderr(&o).contains("`example-practice-standards`: the policy failed"));
    // `--framework` picks one, and the report is the single report it always was.
    let o = waypost(&[
        "--with",
        STANDARDS,
        "check",
        PROGRAMME,
        "-f",
        "realising-recovery-2007",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["framework"]["id"], "realising-recovery-2007");
    // A workbook: a summary sheet, then a sheet a framework.
    let dir = scratch("several-frameworks");
    let book = dir.join("checks.xlsx");
    let o = waypost(&[
        "--with",
        STANDARDS,
        "check",
        PROGRAMME,
        "--format",
        "xlsx",
        "--output",
        book.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(std::fs::metadata(&book).unwrap().len() > 0);
}

const FOR_STANDARDS: &str = "tests/vectors/three-year.standards.policy.toml";
const FOR_RECOVERY: &str = "tests/vectors/three-year.recovery.policy.toml";

#[test]
fn each_framework_of_a_programme_is_held_to_its_own_policy() {
    let args = |format: &str| {
        waypost(&[
            "--with",
            STANDARDS,
            "check",
            PROGRAMME,
            "--policy",
            FOR_STANDARDS,
            "--policy",
            FOR_RECOVERY,
            "--format",
            format,
        ])
    };
    // The standards meet their policy, Realising Recovery falls short of its own: exit 1.
    let o = args("text");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let second = out.find("── 2 of 2").unwrap();
    assert!(out[..second].contains("policy: Platforms 6 and 7 assessed (three-year fixture)"));
    assert!(out[..second].contains("result: passed"));
    assert!(
        out[second..].contains("policy: Every value introduced by year 2 (three-year fixture)")
    );
    assert!(out.ends_with(
        "checked against 2 frameworks: the policy is not met for `realising-recovery-2007`\n"
    ));
    let o = args("json");
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        json["failed"],
        serde_json::json!(["realising-recovery-2007"])
    );
    assert_eq!(
        json["reports"][1]["policy"]["title"],
        "Every value introduced by year 2 (three-year fixture)"
    );
    let err = stderr(&o);
    assert!(
        err.contains("`realising-recovery-2007`: the policy failed"),
        "{err}"
    );
    assert!(!err.contains("`example-practice-standards`"), "{err}");
    // Its own policy alone, the standards pass and Realising Recovery is held to the default.
    let o = waypost(&[
        "--with",
        STANDARDS,
        "check",
        PROGRAMME,
        "-p",
        FOR_STANDARDS,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["reports"][0]["passed"], true);
    assert_eq!(
        json["reports"][1]["policy"]["title"],
        "every statement at least introduced"
    );
}

#[test]
fn a_policy_for_a_framework_not_checked_or_a_second_for_one_is_refused_where_it_is_written() {
    let dir = scratch("policy-elsewhere");
    let nimhe = dir.join("nimhe.toml");
    std::fs::write(
        &nimhe,
        "title = \"NIMHE\"\nframework = \"nimhe-guiding-statement-2004\"\n\n[[require]]\n",
    )
    .unwrap();
    let o = waypost(&[
        "--with",
        STANDARDS,
        "check",
        PROGRAMME,
        "--policy",
        nimhe.to_str().unwrap(),
        "--policy",
        FOR_RECOVERY,
        "--policy",
        FOR_RECOVERY,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("nimhe.toml:2:13 (at `framework`): the policy is for the framework `nimhe-guiding-statement-2004`, which this check is not against"),
        "{err}"
    );
    assert!(err.contains("hint: the check is against `example-practice-standards`, `realising-recovery-2007`: name one of them"), "{err}");
    assert!(
        err.contains("three-year.recovery.policy.toml:5:13 (at `framework`): a second policy for the framework `realising-recovery-2007`"),
        "{err}"
    );
    // `--framework` picks one: a policy for the other is not for this check.
    let o = waypost(&[
        "--with",
        STANDARDS,
        "check",
        PROGRAMME,
        "-f",
        "realising-recovery-2007",
        "--policy",
        FOR_STANDARDS,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the policy is for the framework `example-practice-standards`, which this check is not against"));
}

#[test]
fn an_imported_framework_written_as_yaml_reads_back_as_the_same_framework() {
    let dir = scratch("framework-grid-yaml");
    let mut read = Vec::new();
    for to in ["yaml", "json"] {
        let out = dir.join(format!("standards.{to}"));
        let o = waypost(&[
            "import",
            "tests/frameworks/example-practice-standards.csv",
            "--from",
            "framework-grid",
            "--to",
            to,
            "--year",
            "2026",
            "--output",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = waypost(&[
            "--with",
            out.to_str().unwrap(),
            "framework",
            "example-practice-standards",
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        read.push(stdout(&o));
    }
    assert_eq!(read[0], read[1]);
}
