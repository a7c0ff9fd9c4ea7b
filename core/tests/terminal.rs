//! Text from a curriculum reaches a person's terminal in every report and error message: its
//! escape sequences (window title, clipboard OSC 52, cursor moves that print a fake
//! `result: passed`), C1 controls and bidirectional overrides must arrive as visible text, not
//! act on the terminal. Machine formats (JSON) keep the data exactly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waypost::{Catalog, Curriculum, Policy, Render, ReportFormat};

mod common;

/// A curriculum whose title, provider, module title and unit texts hold escape sequences.
const HOSTILE: &str = include_str!("../../tests/terminal/hostile.toml");

/// waypost's own colour codes, the only escape sequences a coloured report may hold.
const OWN: [&str; 5] = ["\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m"];

/// A result as text: for a terminal in colour, or plain.
fn as_text<T: Render + ?Sized>(value: &T, colour: bool) -> String {
    if colour {
        waypost::render_terminal(value).unwrap()
    } else {
        waypost::render(value, ReportFormat::Text).unwrap()
    }
}

/// A result as Markdown.
fn markdown<T: Render + ?Sized>(value: &T) -> String {
    waypost::render(value, ReportFormat::Markdown).unwrap()
}

fn hostile() -> Curriculum {
    waypost::load_curriculum(common::doc(HOSTILE, None, Some("hostile.toml"))).unwrap()
}

/// Fails on any character that acts on a terminal (other than waypost's own colours when
/// `colour`), and checks that the input's escapes are shown as text.
fn assert_safe(what: &str, text: &str, colour: bool) {
    let mut rest = text.to_string();
    if colour {
        for code in OWN {
            rest = rest.replace(code, "");
        }
    }
    let bad: Vec<(usize, char)> = rest
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                || (c == '\r' && rest.as_bytes().get(i + 1) != Some(&b'\n'))
        })
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in\n{text}");
}

#[test]
fn a_coverage_report_shows_escapes_as_text() {
    let catalog = Catalog::builtin().unwrap();
    let report = waypost::check(
        catalog,
        &hostile(),
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    for colour in [false, true] {
        let text = as_text(&report, colour);
        assert_safe("report", &text, colour);
        assert!(
            text.contains("Recovery \\u{1b}]0;pwned\\u{7} course"),
            "{text}"
        );
        assert!(text.contains("\\u{1b}]52;c;"), "{text}");
        assert!(
            text.contains("Unmapped \\u{1b}[2K\\u{d}result: passed"),
            "{text}"
        );
    }
    // Without colour, nothing but text at all.
    assert!(!as_text(&report, false).contains('\x1b'));
    for format in [waypost::ReportFormat::Markdown, waypost::ReportFormat::Text] {
        assert_safe(
            "rendered",
            &waypost::render(&report, format).unwrap(),
            false,
        );
    }
}

#[test]
fn json_keeps_the_data_exactly() {
    let catalog = Catalog::builtin().unwrap();
    let report = waypost::check(
        catalog,
        &hostile(),
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    let json = waypost::render(&report, waypost::ReportFormat::Json).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["curriculum"]["title"],
        "Recovery \u{1b}]0;pwned\u{7} course"
    );
}

#[test]
fn an_explanation_shows_escapes_as_text() {
    let catalog = Catalog::builtin().unwrap();
    let e = waypost::explain(catalog, &hostile(), "K1", &common::framework(None)).unwrap();
    for colour in [false, true] {
        let text = as_text(&e, colour);
        assert_safe("explain", &text, colour);
        assert!(
            text.contains("Hope \\u{1b}[2K\\u{d}result: passed"),
            "{text}"
        );
        assert!(
            text.contains("Module \\u{202e}evil\\u{202c} \\u{9b}31m"),
            "{text}"
        );
    }
}

#[test]
fn an_error_quoting_input_shows_escapes_as_text() {
    let catalog = Catalog::builtin().unwrap();
    let text = HOSTILE.replace(
        r#"covers = ["K1"]"#,
        r#"covers = ["K1\u001b]0;pwned\u0007"]"#,
    );
    let c = waypost::load_curriculum(common::doc(&text, None, Some("bad.toml"))).unwrap();
    let error = waypost::validate(catalog, &c, &common::framework(None)).unwrap_err();
    let shown = error.to_string();
    assert_safe("error", &shown, false);
    assert!(shown.contains("`K1\\u{1b}]0;pwned\\u{7}`"), "{shown}");
    // The report's message is the message as printed; each diagnostic keeps the input.
    let report = error.to_report();
    assert_eq!(report.message, shown);
    assert!(
        report.diagnostics[0]
            .message
            .contains("K1\u{1b}]0;pwned\u{7}")
    );
    // Every kind of error: an unknown framework named with a control character, and a file.
    let unknown = catalog.framework("x\u{1b}[2J").unwrap_err().to_string();
    assert_safe("unknown framework", &unknown, false);
    let io = waypost::read_curriculum(std::path::Path::new("no\u{1b}]0;x\u{7}.toml"))
        .unwrap_err()
        .to_string();
    assert_safe("io", &io, false);
}

#[test]
fn diff_portfolio_suggestions_and_plan_text_show_escapes_as_text() {
    let catalog = Catalog::builtin().unwrap();
    let old = hostile();
    let new = waypost::load_curriculum(common::doc(
        &HOSTILE.replace(r#"covers = []"#, r#"covers = ["K2"]"#),
        None,
        Some("new.toml"),
    ))
    .unwrap();
    let diff = waypost::diff(catalog, &old, &new, &common::diff_options(None)).unwrap();
    for colour in [false, true] {
        assert_safe("diff", &as_text(&diff, colour), colour);
    }
    assert_safe("diff markdown", &markdown(&diff), false);

    let entries = [
        ("hostile\u{1b}[2J.toml".to_string(), Ok(hostile())),
        (
            "broken\u{1b}[2J.toml".to_string(),
            waypost::load_curriculum(common::doc(
                "id = \"x\u{1b}\"",
                None,
                Some("broken\u{1b}[2J.toml"),
            )),
        ),
    ];
    let p = waypost::portfolio(catalog, entries, &common::portfolio_options(None)).unwrap();
    for colour in [false, true] {
        assert_safe("portfolio", &as_text(&p, colour), colour);
    }
    assert_safe("portfolio markdown", &markdown(&p), false);

    let s = waypost::suggest_curriculum(
        catalog,
        &hostile(),
        &common::framework(None),
        &Default::default(),
        &[],
    )
    .unwrap();
    let text = as_text(&s, false);
    assert_safe("suggest", &text, false);
    assert!(text.contains("\\u{1b}[2K"), "{text}");

    let a = waypost::load_self_assessment(common::doc("framework = \"realising-recovery-2007\"\nname = \"Alex \\u001b]0;pwned\\u0007\"\n\n[ratings]\nK1 = \"aware\"\n", None, Some("a.toml")))
    .unwrap();
    let plan = waypost::plan(catalog, &a, &Default::default()).unwrap();
    let text = as_text(&plan, false);
    assert_safe("plan", &text, false);
    assert!(text.contains("Alex \\u{1b}]0;pwned\\u{7}"), "{text}");
    assert_safe("plan markdown", &markdown(&plan), false);
}
