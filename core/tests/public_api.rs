//! The public surface stays small: the crate root lists its modules, and only `model` is a
//! public module; the rest is reached through the verbs of `api.rs`, re-exported at the root.
//! Modules kept `#[doc(hidden)] pub` for the tests, benchmarks and fuzz targets may only leave
//! the list below, not join it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

const LIB: &str = include_str!("../src/lib.rs");

/// Modules declared `pub mod` in `lib.rs`, each with whether `#[doc(hidden)]` precedes it.
fn public_modules() -> Vec<(String, bool)> {
    let lines: Vec<&str> = LIB.lines().map(str::trim).collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("pub mod ") {
            let name = rest.trim_end_matches(';').to_string();
            let hidden = lines[..i]
                .iter()
                .rev()
                .take_while(|l| l.starts_with("#["))
                .any(|l| *l == "#[doc(hidden)]");
            out.push((name, hidden));
        }
    }
    out
}

#[test]
fn only_the_model_is_a_public_module() {
    let shown: Vec<String> = public_modules()
        .into_iter()
        .filter(|(_, hidden)| !hidden)
        .map(|(name, _)| name)
        .collect();
    assert_eq!(shown, ["model"]);
}

#[test]
fn hidden_modules_only_shrink() {
    const ALLOWED: [&str; 18] = [
        "catalog",
        "coverage",
        "diff",
        "edit",
        "error",
        "explain",
        "format",
        "grid",
        "interop",
        "load",
        "plan",
        "portfolio",
        "render",
        "safe",
        "schema",
        "suggest",
        "validate",
        "xlsx",
    ];
    for (name, hidden) in public_modules() {
        if hidden {
            assert!(
                ALLOWED.contains(&name.as_str()),
                "`{name}` joined the hidden public modules: use the facade instead"
            );
        }
    }
}

#[test]
fn the_engine_is_not_exported() {
    for internal in ["pub use graph", "Graph", "report(", "pub fn "] {
        assert!(
            !LIB.contains(internal),
            "lib.rs exposes `{internal}`: keep the engine crate-private"
        );
    }
}

/// The verbs exist at the root with their options structs (a removed or renamed one fails to
/// compile here).
#[test]
fn the_verbs_are_at_the_root() {
    use waypost::{
        Catalog, CheckOptions, DiffOptions, Document, PortfolioOptions, ReportFormat, check, diff,
        load_curriculum, portfolio, render,
    };
    let catalog = Catalog::builtin().unwrap();
    let text = "id = \"c\"\ntitle = \"C\"\n";
    let mut document = Document::named(text, "c.toml");
    document.format = Some(waypost::Format::Toml);
    let curriculum = load_curriculum(document).unwrap();
    let report = check(catalog, &curriculum, &CheckOptions::default()).unwrap();
    assert!(
        render(&report, ReportFormat::Json)
            .unwrap()
            .starts_with('{')
    );
    let changes = diff(catalog, &curriculum, &curriculum, &DiffOptions::default()).unwrap();
    assert!(!changes.lost_anything);
    let entries = vec![("c.toml".to_string(), Ok(curriculum))];
    let many = portfolio(catalog, entries, &PortfolioOptions::default()).unwrap();
    assert!(many.failures.is_empty());
    // A format a result does not have is refused, naming the ones it has.
    let refused = render(&changes, ReportFormat::Html)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("a diff is rendered as"), "{refused}");
}
