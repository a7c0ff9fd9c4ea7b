//! What `waypost` prints for a person reaches a terminal: escape sequences from a curriculum
//! (window title, clipboard OSC 52, a cursor move that prints a fake `result: passed`) must
//! print as text. Run as if on a terminal (`CLICOLOR_FORCE=1`), where nothing strips them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::process::{Command, Output};

use common::{root, scratch};

/// The curriculum the core's terminal tests read too.
const HOSTILE: &str = include_str!("../../tests/terminal/hostile.toml");

/// Runs `waypost` as on a terminal: colour forced, so nothing is stripped on the way out.
fn on_terminal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(args)
        .current_dir(root())
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .expect("waypost runs")
}

/// Everything printed, without waypost's own colour codes, holds no escape, bell or lone
/// carriage return.
fn assert_printed_safely(what: &str, o: &Output) {
    let mut all = String::from_utf8(o.stdout.clone()).unwrap();
    all.push_str(&String::from_utf8(o.stderr.clone()).unwrap());
    for code in [
        "\x1b[0m",
        "\x1b[1m",
        "\x1b[2m",
        "\x1b[31m",
        "\x1b[32m",
        "\x1b[1;31m",
        "\x1b[1;33m",
    ] {
        all = all.replace(code, "");
    }
    assert!(
        !all.contains('\x1b'),
        "{what}: an escape reached the terminal:\n{all:?}"
    );
    assert!(
        !all.contains('\x07'),
        "{what}: a bell reached the terminal:\n{all:?}"
    );
    assert!(!all.contains('\r'), "{what}: a carriage return:\n{all:?}");
    assert!(
        !all.contains('\u{202e}'),
        "{what}: a bidi override:\n{all:?}"
    );
}

#[test]
fn check_validate_explain_and_errors_print_escapes_as_text() {
    let dir = scratch("terminal-escapes");
    let good = dir.join("hostile.toml");
    std::fs::write(&good, HOSTILE).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        HOSTILE.replace(
            r#"covers = ["K1"]"#,
            r#"covers = ["K1\u001b]0;pwned\u0007"]"#,
        ),
    )
    .unwrap();
    let (good, bad) = (good.to_str().unwrap(), bad.to_str().unwrap());

    let check = on_terminal(&["check", good]);
    assert_eq!(check.status.code(), Some(1));
    assert_printed_safely("check", &check);
    let text = String::from_utf8(check.stdout.clone()).unwrap();
    assert!(
        text.contains("Recovery \\u{1b}]0;pwned\\u{7} course"),
        "{text}"
    );
    // The only `result:` line is waypost's own.
    assert_eq!(text.matches("\nresult: ").count(), 1, "{text}");

    assert_printed_safely("validate", &on_terminal(&["validate", good]));
    assert_printed_safely("explain", &on_terminal(&["explain", good, "K1"]));
    assert_printed_safely(
        "suggest",
        &on_terminal(&["suggest", "hope \u{1b}]0;x\u{7}"]),
    );
    assert_printed_safely(
        "suggest a curriculum",
        &on_terminal(&["suggest", good, "--format", "text"]),
    );
    let assessment = dir.join("alex.toml");
    std::fs::write(
        &assessment,
        "framework = \"realising-recovery-2007\"\nname = \"Alex \\u001b]0;pwned\\u0007\"\n\n[ratings]\nK1 = \"aware\"\n",
    )
    .unwrap();
    assert_printed_safely(
        "plan",
        &on_terminal(&["plan", assessment.to_str().unwrap()]),
    );

    let error = on_terminal(&["validate", bad]);
    assert_eq!(error.status.code(), Some(2));
    assert_printed_safely("error", &error);
    let shown = String::from_utf8(error.stderr.clone()).unwrap();
    assert!(
        shown.contains("unknown statement `K1\\u{1b}]0;pwned\\u{7}`"),
        "{shown}"
    );
}
