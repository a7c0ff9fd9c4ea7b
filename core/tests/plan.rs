#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Development plans from the sample self-assessments in `tests/plan/`: what counts as a need,
//! the order, the grouping, supports through related statements, rendering and bad input.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

use waypost::{Catalog, Plan, PlanOptions, ReportFormat, SelfAssessment};

mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sample(name: &str) -> SelfAssessment {
    waypost::read_self_assessment(&root().join("tests/plan").join(name)).unwrap()
}

fn alex(options: &PlanOptions) -> Plan {
    waypost::plan(
        Catalog::builtin().unwrap(),
        &sample("alex-staff-nurse.toml"),
        options,
    )
    .unwrap()
}

fn printed(code: &str) -> usize {
    let fw = Catalog::builtin()
        .unwrap()
        .framework("realising-recovery-2007")
        .unwrap();
    fw.statements.iter().position(|s| s.code == code).unwrap()
}

#[test]
fn needs_are_the_statements_rated_below_target() {
    let p = alex(&PlanOptions::default());
    assert_eq!(p.target, "confident");
    assert_eq!(p.person.name, "Alex Morgan");
    assert_eq!(
        p.person.date.as_deref(),
        Some("2026-03-02"),
        "a TOML date reads as text"
    );
    assert_eq!(p.summary.statements, 67);
    assert_eq!(p.summary.rated, 54);
    assert_eq!(p.summary.unrated, 13);
    assert_eq!(p.summary.below + p.summary.met, p.summary.rated);
    assert_eq!(p.needs.len(), p.summary.below);
    let needs: BTreeSet<&str> = p.needs.iter().map(|n| n.code.as_str()).collect();
    for code in ["K4", "K10", "S7", "S10", "V7"] {
        assert!(needs.contains(code), "{code}");
    }
    for code in ["K1", "K8", "S6", "V13"] {
        assert!(!needs.contains(code), "{code} is at or above target");
        assert!(p.met.iter().any(|m| m.code == code));
    }
    assert!(!needs.contains("K15"), "not rated, so not a need");
    assert!(p.unrated.contains(&"K15".to_string()));
    let s10 = p.needs.iter().find(|n| n.code == "S10").unwrap();
    assert_eq!(s10.level.as_deref(), Some("none"));
    assert_eq!(s10.steps, 3);
    assert_eq!(s10.note.as_deref(), Some("never supported anyone with one"));
}

#[test]
fn the_order_starts_with_what_unlocks_most_ties_in_printed_order() {
    let p = alex(&PlanOptions::default());
    for (i, n) in p.needs.iter().enumerate() {
        assert_eq!(n.rank, i + 1);
    }
    for pair in p.needs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(a.unlocks >= b.unlocks, "{} before {}", a.code, b.code);
        if a.unlocks == b.unlocks {
            assert!(
                printed(&a.code) < printed(&b.code),
                "{} before {}",
                a.code,
                b.code
            );
        }
    }
    // `unlocks` is the number of other needs the need's activities and resources support.
    let needs: BTreeSet<&str> = p.needs.iter().map(|n| n.code.as_str()).collect();
    for n in &p.needs {
        let mut others = BTreeSet::new();
        for s in &n.supports {
            let a = p.activities.iter().find(|a| a.code == s.code).unwrap();
            for l in &a.needs {
                if l.code != n.code {
                    others.insert(l.code.as_str());
                }
            }
        }
        assert_eq!(n.unlocks, others.len(), "{}", n.code);
        assert_eq!(n.also_helps.len(), n.unlocks);
        assert!(others.iter().all(|o| needs.contains(o)));
    }
    assert!(p.needs[0].unlocks > p.needs.last().unwrap().unlocks);
}

#[test]
fn activities_come_most_useful_first_and_cover_every_supported_need() {
    let p = alex(&PlanOptions::default());
    assert!(!p.activities.is_empty());
    for pair in p.activities.windows(2) {
        assert!(pair[0].needs.len() >= pair[1].needs.len());
    }
    for (i, a) in p.activities.iter().enumerate() {
        assert_eq!(a.rank, i + 1);
        assert!(["activity", "resource"].contains(&a.kind.as_str()));
        // Listed in plan order.
        let ranks: Vec<usize> = a
            .needs
            .iter()
            .map(|l| p.needs.iter().find(|n| n.code == l.code).unwrap().rank)
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] < w[1]),
            "{}: {ranks:?}",
            a.code
        );
    }
    for n in &p.needs {
        for s in &n.supports {
            let a = p.activities.iter().find(|a| a.code == s.code).unwrap();
            assert!(a.needs.iter().any(|l| l.code == n.code && l.via == s.via));
        }
    }
}

#[test]
fn supports_reach_a_need_through_related_statements() {
    let p = alex(&PlanOptions::default());
    // K4 (the role of hope) is related to S11, V9 and V18; R2 supports it directly, and the
    // activities of its related statements reach it through them.
    let k4 = p.needs.iter().find(|n| n.code == "K4").unwrap();
    let direct: Vec<&str> = k4
        .supports
        .iter()
        .filter(|s| s.via.is_none())
        .map(|s| s.code.as_str())
        .collect();
    assert!(
        direct.contains(&"LA5") && direct.contains(&"R2"),
        "{direct:?}"
    );
    // S7 (responding to disclosure of trauma) is supported directly only by LA1 and R1's
    // neighbours; through K19 it reaches what supports K19.
    let s7 = p.needs.iter().find(|n| n.code == "S7").unwrap();
    assert!(
        s7.supports.iter().any(|s| s.via.as_deref() == Some("K19")),
        "{:?}",
        s7.supports
    );
    // Direct links are listed before those through a related statement.
    for n in &p.needs {
        let first_via = n.supports.iter().position(|s| s.via.is_some());
        if let Some(i) = first_via {
            assert!(
                n.supports[i..].iter().all(|s| s.via.is_some()),
                "{}",
                n.code
            );
        }
    }
}

#[test]
fn needs_are_grouped_by_domain_then_theme() {
    let p = alex(&PlanOptions::default());
    let domains: Vec<&str> = p.groups.iter().map(|g| g.domain.as_str()).collect();
    assert_eq!(domains, ["knowledge", "skills", "values"]);
    let mut seen = Vec::new();
    for g in &p.groups {
        for t in &g.themes {
            for code in &t.needs {
                let n = p.needs.iter().find(|n| &n.code == code).unwrap();
                assert_eq!(n.domain, g.domain);
                assert_eq!(n.theme, t.theme);
                seen.push(code.clone());
            }
            // Within a theme, plan order.
            let ranks: Vec<usize> = t
                .needs
                .iter()
                .map(|c| p.needs.iter().find(|n| &n.code == c).unwrap().rank)
                .collect();
            assert!(ranks.windows(2).all(|w| w[0] < w[1]));
        }
    }
    seen.sort();
    let mut all: Vec<String> = p.needs.iter().map(|n| n.code.clone()).collect();
    all.sort();
    assert_eq!(seen, all, "every need is in exactly one group");
    let hope = p.groups[0]
        .themes
        .iter()
        .find(|t| t.theme == "hope")
        .unwrap();
    assert!(hope.needs.contains(&"K4".to_string()));
}

#[test]
fn the_target_and_unrated_statements_can_be_chosen() {
    let base = alex(&PlanOptions::default());
    let expert = alex(&PlanOptions {
        target: Some("expert".into()),
        ..PlanOptions::default()
    });
    let aware = alex(&PlanOptions {
        target: Some("A".into()),
        ..PlanOptions::default()
    });
    assert_eq!(aware.target, "aware");
    assert!(expert.needs.len() > base.needs.len());
    assert!(aware.needs.len() < base.needs.len());
    assert_eq!(expert.summary.met, 3, "K8, S6 and V13 are rated expert");
    let with_unrated = alex(&PlanOptions {
        include_unrated: true,
        ..PlanOptions::default()
    });
    assert_eq!(with_unrated.needs.len(), base.needs.len() + 13);
    let k15 = with_unrated.needs.iter().find(|n| n.code == "K15").unwrap();
    assert_eq!(k15.level, None);
    assert_eq!(k15.steps, 3);
    let e = waypost::plan(
        Catalog::builtin().unwrap(),
        &sample("alex-staff-nurse.toml"),
        &PlanOptions {
            target: Some("superb".into()),
            ..PlanOptions::default()
        },
    )
    .unwrap_err();
    let d = e.first().unwrap();
    assert_eq!(d.message, "unknown target level `superb`");
    assert!(d.path.is_none(), "the option is not in the file");
    assert!(d.hint.as_deref().unwrap().contains("`none` < `aware`"));
}

#[test]
fn a_yaml_self_assessment_with_its_own_numbered_scale() {
    let a = sample("jordan-peer-worker.yaml");
    let p = waypost::plan(Catalog::builtin().unwrap(), &a, &PlanOptions::default()).unwrap();
    assert_eq!(p.scale.len(), 4);
    assert_eq!(p.target, "very confident");
    let codes: Vec<&str> = p.needs.iter().map(|n| n.code.as_str()).collect();
    for code in ["K8", "S10", "S2", "V14", "S22", "V8", "K17"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    assert_eq!(p.summary.met, 4);
    let v8 = p.needs.iter().find(|n| n.code == "V8").unwrap();
    assert_eq!(v8.level.as_deref(), Some("fairly confident"));
    let k8 = p.needs.iter().find(|n| n.code == "K8").unwrap();
    assert_eq!(k8.steps, 3);
}

#[test]
fn a_self_assessment_reads_the_same_from_toml_json_and_yaml() {
    let toml = sample("alex-staff-nurse.toml");
    let json = serde_json::to_string(&toml).unwrap();
    let back = waypost::load_self_assessment(common::doc(&json, None, Some("alex.json"))).unwrap();
    assert_eq!(toml, back);
    let p1 = waypost::plan(Catalog::builtin().unwrap(), &toml, &PlanOptions::default()).unwrap();
    let p2 = waypost::plan(Catalog::builtin().unwrap(), &back, &PlanOptions::default()).unwrap();
    assert_eq!(p1, p2);
}

// ---------------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------------

fn bad(name: &str) -> waypost::Error {
    let path = root().join("tests/plan/bad").join(name);
    match waypost::read_self_assessment(&path) {
        Err(e) => e,
        Ok(a) => {
            waypost::plan(Catalog::builtin().unwrap(), &a, &PlanOptions::default()).unwrap_err()
        }
    }
}

#[test]
fn unknown_codes_and_levels_are_located_with_hints() {
    let e = bad("unknown-codes-and-levels.toml");
    assert_eq!(e.code(), "invalid");
    let ds = e.diagnostics();
    assert_eq!(ds.len(), 4, "{e}");
    let at = |line: usize| ds.iter().find(|d| d.line == Some(line)).unwrap();
    assert_eq!(
        at(5).message,
        "unknown statement `K26` in `realising-recovery-2007`"
    );
    assert_eq!(
        at(5).hint.as_deref(),
        Some("the framework has K1–K25 in Knowledge")
    );
    assert!(at(5).column.is_some());
    assert_eq!(at(6).hint.as_deref(), Some("did you mean `S12`?"));
    assert!(
        at(7)
            .hint
            .as_deref()
            .unwrap()
            .contains("learning activity or resource")
    );
    assert_eq!(at(8).message, "unknown level `brilliant` for `V9`");
    assert!(
        at(8)
            .hint
            .as_deref()
            .unwrap()
            .contains("or a number from 1 to 5")
    );
    for d in ds {
        assert!(
            d.path
                .as_deref()
                .unwrap()
                .ends_with("unknown-codes-and-levels.toml")
        );
        assert!(d.pointer.as_deref().unwrap().starts_with("ratings."));
    }
}

#[test]
fn other_bad_self_assessments_say_what_is_wrong() {
    let e = bad("rated-twice.toml");
    assert!(e.to_string().contains("is rated twice"), "{e}");
    assert_eq!(e.first().unwrap().line, Some(5));

    let e = bad("unknown-framework.toml");
    let d = e.first().unwrap();
    assert_eq!(d.message, "unknown framework `realising-recovery-2008`");
    assert_eq!(d.line, Some(1));
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("`realising-recovery-2007`")
    );

    let e = bad("no-ratings.toml");
    assert!(e.to_string().contains("rates no statements"), "{e}");

    let e = bad("rating-wrong-type.toml");
    assert_eq!(e.code(), "parse");
    let d = e.first().unwrap();
    assert_eq!(d.line, Some(4), "{e}");
    assert!(
        d.message.contains("expected a level such as `developing`"),
        "{e}"
    );

    let e = bad("unknown-key.toml");
    let d = e.first().unwrap();
    assert_eq!(d.line, Some(2), "{e}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `target`?"), "{e}");

    let e =
        waypost::load_self_assessment(common::doc("  \n", None, Some("empty.toml"))).unwrap_err();
    assert!(
        e.to_string().contains("the self-assessment is empty"),
        "{e}"
    );
    let e = waypost::load_self_assessment(common::doc(
        "name = \"X\"\nscale = []\n[ratings]\nK4 = 1\n",
        None,
        Some("s.toml"),
    ))
    .map(|a| waypost::plan(Catalog::builtin().unwrap(), &a, &PlanOptions::default()))
    .unwrap()
    .unwrap_err();
    assert!(e.to_string().contains("the `scale` is empty"), "{e}");
}

#[test]
fn no_input_panics() {
    for text in [
        "",
        "name = 1",
        "[ratings]\nK4 = 0",
        "name = \"x\"\n[ratings]\nK4 = 0",
        "name = \"x\"\n[ratings]\nK4 = 99",
        "name = \"x\"\nscale = [\"a\", \"A\"]\n[ratings]\nK4 = \"a\"",
        "name = \"x\"\nscale = [\"\"]\n[ratings]\nK4 = \"a\"",
        "{\"name\": \"x\", \"ratings\": {\"K4\": {\"level\": \"aware\", \"extra\": 1}}}",
        "name: x\nratings:\n  K4: [1, 2]\n",
    ] {
        if let Ok(a) = waypost::load_self_assessment(common::doc(text, None, None)) {
            let _ = waypost::plan(Catalog::builtin().unwrap(), &a, &PlanOptions::default());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

#[test]
fn the_plan_renders_as_markdown_and_text() {
    let p = alex(&PlanOptions::default());
    let md = waypost::render(&p, ReportFormat::Markdown).unwrap();
    insta::assert_snapshot!("plan_alex_markdown", md);
    let text = waypost::render(&p, ReportFormat::Text).unwrap();
    insta::assert_snapshot!("plan_alex_text", text);
    let json: serde_json::Value =
        serde_json::from_str(&waypost::render(&p, ReportFormat::Json).unwrap()).unwrap();
    assert_eq!(json["needs"][0]["rank"], 1);
    assert!(waypost::render(&p, ReportFormat::Csv).is_err());
}

#[test]
fn the_html_plan_is_self_contained_and_escaped() {
    let mut a = sample("alex-staff-nurse.toml");
    a.name = "<script>alert(1)</script> & co".into();
    a.ratings.get_mut("K4").unwrap().note = Some("<b>bold</b>".into());
    let p = waypost::plan(Catalog::builtin().unwrap(), &a, &PlanOptions::default()).unwrap();
    let html = waypost::render(&p, ReportFormat::Html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
    assert!(!html.contains("<b>bold</b>"));
    assert!(
        !html.contains("<link") && !html.contains("src="),
        "no external resources"
    );
    assert!(html.contains("Where to start"));
    assert!(html.contains("id=\"n-K4\""));
}

#[test]
fn a_line_break_in_a_name_or_note_does_not_end_the_markdown_heading_or_item() {
    // The plan's Markdown escapes text from the file as the report's does: a line break
    // becomes a space, or it would end the heading (and the list item) early.
    let mut a = sample("alex-staff-nurse.toml");
    a.name = "Alex\n# Not a heading".into();
    a.ratings.get_mut("K4").unwrap().note = Some("first line\nsecond | line".into());
    let p = waypost::plan(Catalog::builtin().unwrap(), &a, &PlanOptions::default()).unwrap();
    let md = waypost::render(&p, ReportFormat::Markdown).unwrap();
    assert!(
        md.lines()
            .any(|l| l.starts_with("# ") && l.contains("Alex \\# Not a heading")),
        "{md}"
    );
    assert!(
        md.contains("  - Note: first line second \\| line\n"),
        "{md}"
    );
    assert!(!md.lines().any(|l| l.starts_with("# Not")), "{md}");
}

#[test]
fn the_schema_accepts_the_samples() {
    let schema: serde_json::Value =
        serde_json::from_str(&waypost::schema("self-assessment").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let yaml = std::fs::read_to_string(root().join("tests/plan/jordan-peer-worker.yaml")).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    assert!(validator.is_valid(&value));
    let alex = serde_json::to_value(sample("alex-staff-nurse.toml")).unwrap();
    assert!(validator.is_valid(&alex));
    let wrong = serde_json::json!({"name": "x", "ratings": {"K4": ["a"]}});
    assert!(!validator.is_valid(&wrong));
}
