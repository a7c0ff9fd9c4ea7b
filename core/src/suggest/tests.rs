#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Suggested mappings: how the ranking behaves on single cases, and how well it does on the
//! labelled evaluation set in `tests/suggest/outcomes.toml` (the numbers in docs/suggest.md).

use std::path::{Path, PathBuf};

use crate::{
    Catalog,
    suggest::{
        self, CurriculumSuggestOptions, ReasonKind, SuggestOptions, Suggester, Tuning, WEAK_BELOW,
    },
};
use serde::Deserialize;

/// The facade's options, as the integration tests build them.
mod common {
    use crate::{CheckOptions, Document, Format, Policy};

    pub fn doc<'a>(text: &'a str, format: Option<Format>, name: Option<&'a str>) -> Document<'a> {
        let mut document = Document::new(text);
        document.format = format;
        document.name = name;
        document
    }

    pub fn framework(framework: Option<&str>) -> CheckOptions {
        CheckOptions {
            framework: framework.map(str::to_string),
            ..CheckOptions::default()
        }
    }

    pub fn against(framework: Option<&str>, policy: &Policy) -> CheckOptions {
        let mut options = self::framework(framework);
        options.policy = policy.clone();
        options
    }
}

const RR: &str = "realising-recovery-2007";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn top(text: &str, k: usize) -> Vec<suggest::Suggestion> {
    let catalog = Catalog::builtin().unwrap();
    crate::suggest(
        catalog,
        RR,
        text,
        &SuggestOptions {
            top: k,
            ..SuggestOptions::default()
        },
        &[],
    )
    .unwrap()
}

fn codes(s: &[suggest::Suggestion]) -> Vec<&str> {
    s.iter().map(|s| s.code.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// Ranking behaviour
// ---------------------------------------------------------------------------------------------

#[test]
fn a_curated_synonym_finds_its_statement() {
    // "advance directive" is not in S10's published text ("support service users to complete
    // an advance statement"); it is one of its curated synonyms.
    let s = top("Help people draw up an advance directive", 3);
    assert_eq!(s[0].code, "S10", "{:?}", codes(&s));
    assert!(
        s[0].reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Synonym || r.kind == ReasonKind::Phrase),
        "{:?}",
        s[0].reasons
    );
}

#[test]
fn a_stemmed_form_finds_its_statement() {
    // "stigmatised" and "discriminated" are other forms of K12's "stigma" and "discrimination".
    let s = top(
        "How being stigmatised and discriminated against affects people",
        3,
    );
    assert_eq!(s[0].code, "K12", "{:?}", codes(&s));
    assert!(
        s[0].reasons.iter().any(|r| r.kind == ReasonKind::Stem),
        "{:?}",
        s[0].reasons
    );
}

#[test]
fn american_spelling_meets_the_british_wording() {
    let s = top("Use person-centered planning tools", 3);
    assert!(codes(&s).contains(&"S13"), "{:?}", codes(&s));
}

#[test]
fn an_unrelated_outcome_scores_low() {
    for text in [
        "Calculate drug dosages and infusion rates accurately",
        "Describe the anatomy of the heart and the cardiac cycle",
    ] {
        let s = top(text, 1);
        let best = s.first().map_or(0.0, |s| s.score);
        assert!(best < WEAK_BELOW, "{text}: {best} {:?}", codes(&s));
    }
    assert!(top("Discuss the central role of hope in recovery", 1)[0].score > WEAK_BELOW);
}

#[test]
fn outcome_verbs_do_not_decide_the_ranking() {
    // Both S5 and S9 contain "discuss"; an outcome opening with it is about something else.
    let s = top("Discuss the impact of social exclusion", 2);
    assert_eq!(s[0].code, "K12", "{:?}", codes(&s));
    assert!(!codes(&s).contains(&"S5") && !codes(&s).contains(&"S9"));
}

#[test]
fn scores_are_between_zero_and_one_and_sorted_and_reasons_explain_them() {
    let s = top("Convey hope and optimism to people in distress", 5);
    assert_eq!(s.len(), 5);
    for pair in s.windows(2) {
        assert!(pair[0].score >= pair[1].score);
    }
    for x in &s {
        assert!(x.score > 0.0 && x.score < 1.0);
        assert!(!x.reasons.is_empty());
        assert_eq!(x.id, format!("{RR}:{}", x.code));
        let share: f64 = x.reasons.iter().map(|r| r.weight).sum();
        assert!((share - 1.0).abs() < 0.01, "{share}");
    }
    assert_eq!(s[0].code, "S11");
}

#[test]
fn an_empty_text_or_unknown_framework_is_an_error() {
    let catalog = Catalog::builtin().unwrap();
    let e = crate::suggest(catalog, RR, "  ", &SuggestOptions::default(), &[]).unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
    let e = crate::suggest(catalog, "nope", "hope", &SuggestOptions::default(), &[]).unwrap_err();
    assert_eq!(e.code(), "unknown-framework");
}

#[test]
fn nothing_in_common_means_no_suggestions() {
    assert!(top("zzz qqq", 5).is_empty());
    assert!(top("the of and", 5).is_empty());
}

#[test]
fn the_nimhe_statement_has_suggestions_too() {
    let catalog = Catalog::builtin().unwrap();
    let s = crate::suggest(
        catalog,
        "nimhe-guiding-statement-2004",
        "Support people to write a wellness recovery action plan",
        &SuggestOptions::default(),
        &[],
    )
    .unwrap();
    assert_eq!(s[0].code, "P9", "{:?}", codes(&s));
}

#[test]
fn the_index_is_built_once_per_framework() {
    let catalog = Catalog::builtin().unwrap();
    let fw = catalog.framework(RR).unwrap();
    let a = suggest::suggester(fw);
    let b = suggest::suggester(fw);
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    // A changed framework with the same id is indexed afresh.
    let mut changed = fw.clone();
    changed.statements[0].synonyms.push("zebra crossing".into());
    let c = suggest::suggester(&changed);
    assert!(!std::sync::Arc::ptr_eq(&a, &c));
    assert_eq!(c.suggest("zebra", &SuggestOptions::default())[0].code, "K1");
}

#[test]
fn results_are_deterministic() {
    let a = top("Work with families and carers to plan for the future", 5);
    let b = top("Work with families and carers to plan for the future", 5);
    assert_eq!(a, b);
}

// ---------------------------------------------------------------------------------------------
// Curricula
// ---------------------------------------------------------------------------------------------

#[test]
fn a_curriculum_gets_suggestions_for_unmapped_units_only_and_as_a_grid() {
    let catalog = Catalog::builtin().unwrap();
    let text = "module,unit,text,covers\n\
                M1,LO1,Discuss the central role of hope in recovery,\n\
                M1,LO2,Support service users to complete an advance statement,S10\n\
                M1,LO3,Calculate drug dosages accurately,\n\
                M1,LO4,,\n";
    let curriculum = crate::load_curriculum(common::doc(text, None, Some("grid.csv"))).unwrap();
    let s = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &CurriculumSuggestOptions::default(),
        &[],
    )
    .unwrap();
    let units: Vec<&str> = s.units.iter().map(|u| u.unit.as_str()).collect();
    assert_eq!(
        units,
        ["LO1", "LO3", "LO4"],
        "LO2 maps one statement already"
    );
    assert_eq!(s.units[0].suggestions[0].code, "K4");
    assert!(
        s.units[1].suggestions.is_empty(),
        "{:?}",
        s.units[1].suggestions
    );
    assert!(s.units[2].suggestions.is_empty(), "no text, no suggestion");

    // With --max-mappings 1 the mapped unit is considered too, without what it maps.
    let s1 = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &CurriculumSuggestOptions {
            max_mappings: 1,
            ..CurriculumSuggestOptions::default()
        },
        &[],
    )
    .unwrap();
    let lo2 = s1.units.iter().find(|u| u.unit == "LO2").unwrap();
    assert!(lo2.suggestions.iter().all(|x| x.code != "S10"));

    // The grid reads back as the same curriculum: nothing suggested is mapped.
    let grid = suggest::suggestions_grid(&curriculum, &s);
    assert!(grid.starts_with(
        "module,module_title,unit,kind,text,covers,assessed_by,suggested,score,why\n"
    ));
    let back = crate::load_curriculum(common::doc(&grid, None, Some("grid.csv"))).unwrap();
    for (m, n) in curriculum.modules.iter().zip(&back.modules) {
        for (u, v) in m.units.iter().zip(&n.units) {
            assert_eq!(u.covers, v.covers);
            assert_eq!(u.text, v.text);
        }
    }
    let row = grid.lines().nth(1).unwrap();
    assert!(row.contains(",K4;") || row.contains(",K4,"), "{row}");
}

#[test]
fn the_example_programme_grid_keeps_assessments_and_reads_back() {
    let catalog = Catalog::builtin().unwrap();
    let path = root().join("curricula/examples/bsc-mental-health-nursing.toml");
    let curriculum = crate::read_curriculum(&path).unwrap();
    let s = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &CurriculumSuggestOptions::default(),
        &[],
    )
    .unwrap();
    let grid = suggest::suggestions_grid(&curriculum, &s);
    let back = crate::load_curriculum(common::doc(&grid, None, Some("bsc.csv"))).unwrap();
    let before = crate::check(
        catalog,
        &curriculum,
        &common::against(None, &crate::Policy::default()),
    )
    .unwrap();
    let after = crate::check(
        catalog,
        &back,
        &common::against(Some(RR), &crate::Policy::default()),
    )
    .unwrap();
    let levels = |r: &crate::Report| {
        r.statements
            .iter()
            .map(|s| (s.code.clone(), s.level.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        levels(&before),
        levels(&after),
        "the grid is the same curriculum"
    );
}

// ---------------------------------------------------------------------------------------------
// The evaluation
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalSet {
    framework: String,
    outcomes: Vec<Outcome>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Outcome {
    id: String,
    text: String,
    statements: Vec<String>,
    split: String,
    /// Statements a reasonable educator might also tick (the descriptor set only).
    #[serde(default)]
    secondary: Vec<String>,
    /// Why the primary label (the descriptor set only).
    #[serde(default)]
    reason: Option<String>,
    /// The kind of course it comes from (the descriptor set only).
    #[serde(default)]
    course_kind: Option<String>,
}

fn read_set(name: &str) -> EvalSet {
    let text = std::fs::read_to_string(root().join("tests/suggest").join(name)).unwrap();
    toml::from_str(&text).unwrap()
}

fn eval_set() -> EvalSet {
    read_set("outcomes.toml")
}

/// The harder set: outcomes written as module descriptors are.
fn descriptor_set() -> EvalSet {
    read_set("descriptors.toml")
}

/// The measures the evaluation reports.
#[derive(Debug, Clone, Copy, Default)]
struct Metrics {
    mapped: usize,
    unmapped: usize,
    p1: f64,
    p3: f64,
    hit3: f64,
    /// A primary or secondary statement among the first three.
    hit3_any: f64,
    r5: f64,
    auc: f64,
    best_accuracy: f64,
    best_threshold: f64,
    accuracy_at_weak: f64,
}

fn evaluate(suggester: &Suggester, outcomes: &[&Outcome]) -> Metrics {
    evaluate_with(outcomes, |o| {
        suggester.suggest(
            &o.text,
            &SuggestOptions {
                top: 5,
                min_score: 0.0,
            },
        )
    })
}

fn evaluate_with(
    outcomes: &[&Outcome],
    rank: impl Fn(&Outcome) -> Vec<suggest::Suggestion>,
) -> Metrics {
    let mut m = Metrics::default();
    let mut positives = Vec::new();
    let mut negatives = Vec::new();
    for o in outcomes {
        let s = rank(o);
        let best = s.first().map_or(0.0, |s| s.score);
        if o.statements.is_empty() {
            m.unmapped += 1;
            negatives.push(best);
            continue;
        }
        m.mapped += 1;
        positives.push(best);
        let gold = |c: &str| o.statements.iter().any(|g| g == c);
        let found = |k: usize| s.iter().take(k).filter(|x| gold(&x.code)).count();
        m.p1 += found(1) as f64;
        m.p3 += found(3) as f64 / 3.0;
        m.hit3 += f64::from(u8::from(found(3) > 0));
        let any = |c: &str| gold(c) || o.secondary.iter().any(|g| g == c);
        m.hit3_any += f64::from(u8::from(s.iter().take(3).any(|x| any(&x.code))));
        m.r5 += found(5) as f64 / o.statements.len() as f64;
    }
    let n = m.mapped.max(1) as f64;
    m.p1 /= n;
    m.p3 /= n;
    m.hit3 /= n;
    m.hit3_any /= n;
    m.r5 /= n;
    // AUC: the chance that a mapped outcome's best score beats an unmapped one's.
    let mut wins = 0.0;
    for p in &positives {
        for q in &negatives {
            wins += if p > q {
                1.0
            } else if p == q {
                0.5
            } else {
                0.0
            };
        }
    }
    m.auc = wins / (positives.len() * negatives.len()).max(1) as f64;
    // Balanced accuracy of "mapped if the best score reaches t", at the best t and at WEAK_BELOW.
    let balanced = |t: f64| {
        let tp = positives.iter().filter(|p| **p >= t).count() as f64;
        let tn = negatives.iter().filter(|q| **q < t).count() as f64;
        (tp / positives.len().max(1) as f64 + tn / negatives.len().max(1) as f64) / 2.0
    };
    let mut candidates: Vec<f64> = positives.iter().chain(&negatives).copied().collect();
    candidates.push(1.0);
    for t in candidates {
        let a = balanced(t);
        if a > m.best_accuracy {
            m.best_accuracy = a;
            m.best_threshold = t;
        }
    }
    m.accuracy_at_weak = balanced(WEAK_BELOW);
    m
}

fn show(name: &str, m: &Metrics) -> String {
    format!(
        "{name:<16} mapped {:>2} unmapped {:>2} | P@1 {:.3}  P@3 {:.3}  hit@3 {:.3}  hit@3 with secondary {:.3}  R@5 {:.3} | AUC {:.3}  best balanced accuracy {:.3} at {:.3}  at WEAK_BELOW {:.3}",
        m.mapped,
        m.unmapped,
        m.p1,
        m.p3,
        m.hit3,
        m.hit3_any,
        m.r5,
        m.auc,
        m.best_accuracy,
        m.best_threshold,
        m.accuracy_at_weak
    )
}

fn splits(set: &EvalSet) -> [(&'static str, Vec<&Outcome>); 3] {
    [
        ("all", set.outcomes.iter().collect()),
        (
            "tune",
            set.outcomes.iter().filter(|o| o.split == "tune").collect(),
        ),
        (
            "holdout",
            set.outcomes
                .iter()
                .filter(|o| o.split == "holdout")
                .collect(),
        ),
    ]
}

/// The floors: a little below the values measured when the ranking was last tuned (see
/// docs/suggest.md). Raise them when the ranking improves; never lower them to let a change in.
const FLOOR_P1: f64 = 0.91;
const FLOOR_P3: f64 = 0.35;
const FLOOR_R5: f64 = 0.95;
const FLOOR_AUC: f64 = 0.98;
const FLOOR_ACCURACY: f64 = 0.94;
const FLOOR_HOLDOUT_P1: f64 = 0.95;

#[test]
fn evaluation_set_is_well_formed() {
    let set = eval_set();
    let catalog = Catalog::builtin().unwrap();
    let fw = catalog.framework(&set.framework).unwrap();
    assert!((60..=100).contains(&set.outcomes.len()));
    let unmapped = set
        .outcomes
        .iter()
        .filter(|o| o.statements.is_empty())
        .count();
    assert!(unmapped >= 10);
    let mut ids = std::collections::BTreeSet::new();
    for o in &set.outcomes {
        assert!(ids.insert(&o.id), "{} twice", o.id);
        assert!(["tune", "holdout"].contains(&o.split.as_str()), "{}", o.id);
        for c in &o.statements {
            assert!(fw.statements.iter().any(|s| &s.code == c), "{}: {c}", o.id);
        }
    }
}

#[test]
fn evaluation_meets_its_floors() {
    let set = eval_set();
    let catalog = Catalog::builtin().unwrap();
    let suggester = Suggester::new(catalog.framework(&set.framework).unwrap());
    let [all, tune, holdout] = splits(&set);
    let m = evaluate(&suggester, &all.1);
    println!("{}", show(all.0, &m));
    println!("{}", show(tune.0, &evaluate(&suggester, &tune.1)));
    let h = evaluate(&suggester, &holdout.1);
    println!("{}", show(holdout.0, &h));
    assert!(m.p1 >= FLOOR_P1, "P@1 {:.3} fell below {FLOOR_P1}", m.p1);
    assert!(m.p3 >= FLOOR_P3, "P@3 {:.3} fell below {FLOOR_P3}", m.p3);
    assert!(m.r5 >= FLOOR_R5, "R@5 {:.3} fell below {FLOOR_R5}", m.r5);
    assert!(
        m.auc >= FLOOR_AUC,
        "AUC {:.3} fell below {FLOOR_AUC}",
        m.auc
    );
    assert!(
        m.accuracy_at_weak >= FLOOR_ACCURACY,
        "balanced accuracy at WEAK_BELOW {:.3} fell below {FLOOR_ACCURACY}",
        m.accuracy_at_weak
    );
    assert!(
        h.p1 >= FLOOR_HOLDOUT_P1,
        "held-out P@1 {:.3} fell below {FLOOR_HOLDOUT_P1}",
        h.p1
    );
}

/// The experiments behind the defaults, on the tuning split only. Run with
/// `cargo test -p waypost --test suggest -- --ignored --nocapture`.
#[test]
#[ignore = "prints the tuning experiments; not a check"]
fn tuning_experiments() {
    let set = eval_set();
    let catalog = Catalog::builtin().unwrap();
    let fw = catalog.framework(&set.framework).unwrap();
    let [all, tune, holdout] = splits(&set);
    let base = Tuning::default();
    let variants: Vec<(&str, Tuning)> = vec![
        ("default", base),
        (
            "first",
            Tuning {
                synonyms: 0.8,
                bigrams: 0.5,
                coverage: 0.0,
                domain_prior: 0.0,
                ..base
            },
        ),
        (
            "text",
            Tuning {
                label: 0.0,
                synonyms: 0.0,
                themes: 0.0,
                ..base
            },
        ),
        (
            "-syn",
            Tuning {
                synonyms: 0.0,
                ..base
            },
        ),
        ("-label", Tuning { label: 0.0, ..base }),
        (
            "-themes",
            Tuning {
                themes: 0.0,
                ..base
            },
        ),
        (
            "-cover",
            Tuning {
                coverage: 0.0,
                ..base
            },
        ),
        (
            "-domain",
            Tuning {
                domain_prior: 0.0,
                ..base
            },
        ),
        (
            "+bigram",
            Tuning {
                bigrams: 0.5,
                ..base
            },
        ),
        (
            "-weighting",
            Tuning {
                weighting: 0.0,
                ..base
            },
        ),
        (
            "-lexicon",
            Tuning {
                lexicon: false,
                ..base
            },
        ),
    ];
    for (name, tuning) in variants {
        let s = Suggester::with_tuning(fw, tuning);
        for (split, outcomes) in [&tune, &holdout, &all] {
            println!(
                "{}",
                show(&format!("{name} {split}"), &evaluate(&s, outcomes))
            );
        }
    }
    // A sweep around the defaults.
    for coverage in [0.25, 0.5, 0.75] {
        for domain_prior in [0.4, 0.6, 1.0] {
            for k1 in [0.9, 1.2, 1.6] {
                for synonyms in [0.6, 0.8, 1.0] {
                    for label in [0.5, 1.0, 1.5] {
                        let t = Tuning {
                            coverage,
                            domain_prior,
                            k1,
                            synonyms,
                            label,
                            bigrams: 0.0,
                            ..base
                        };
                        let m = evaluate(&Suggester::with_tuning(fw, t), &tune.1);
                        println!(
                            "sweep cov {coverage:.2} dom {domain_prior:.1} k1 {k1:.1} syn {synonyms:.1} label {label:.1} | P@1 {:.3} P@3 {:.3} R@5 {:.3} AUC {:.3} bal {:.3}",
                            m.p1, m.p3, m.r5, m.auc, m.best_accuracy
                        );
                    }
                }
            }
        }
    }
    // The best scores of the tuning split, mapped and unmapped, to place the threshold.
    let s = Suggester::new(fw);
    let mut best: Vec<(f64, bool)> = tune
        .1
        .iter()
        .map(|o| {
            let got = s.suggest(&o.text, &SuggestOptions::default());
            (
                got.first().map_or(0.0, |x| x.score),
                o.statements.is_empty(),
            )
        })
        .collect();
    best.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "best scores (u = unmapped): {}",
        best.iter()
            .map(|(x, u)| format!("{x:.3}{}", if *u { "u" } else { "" }))
            .collect::<Vec<_>>()
            .join(" ")
    );
    // The misses on the tuning split, to read.
    let s = Suggester::new(fw);
    for o in &tune.1 {
        let got = s.suggest(&o.text, &SuggestOptions::default());
        let first = got.first().map(|x| x.code.as_str()).unwrap_or("-");
        let ok = o.statements.is_empty() || o.statements.iter().any(|g| g == first);
        if !ok || o.statements.is_empty() {
            println!(
                "{} want {:?} got {:?} ({:.3}) {}",
                o.id,
                o.statements,
                got.iter().map(|x| x.code.as_str()).collect::<Vec<_>>(),
                got.first().map_or(0.0, |x| x.score),
                o.text
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The descriptor set: outcomes written as module descriptors are
// ---------------------------------------------------------------------------------------------

const COURSE_KINDS: [&str; 6] = [
    "pre-registration",
    "post-registration",
    "recovery-college",
    "peer-support",
    "e-learning",
    "supervision",
];

#[test]
fn descriptor_set_is_well_formed() {
    let set = descriptor_set();
    let catalog = Catalog::builtin().unwrap();
    let fw = catalog.framework(&set.framework).unwrap();
    assert!(set.outcomes.len() >= 90);
    let mut ids = std::collections::BTreeSet::new();
    for o in &set.outcomes {
        assert!(ids.insert(&o.id), "{} twice", o.id);
        assert!(["tune", "holdout"].contains(&o.split.as_str()), "{}", o.id);
        let kind = o.course_kind.as_deref().unwrap_or_default();
        assert!(COURSE_KINDS.contains(&kind), "{}: {kind}", o.id);
        assert!(
            o.reason.as_deref().is_some_and(|r| !r.is_empty()),
            "{}",
            o.id
        );
        for c in o.statements.iter().chain(&o.secondary) {
            assert!(fw.statements.iter().any(|s| &s.code == c), "{}: {c}", o.id);
        }
        assert!(
            o.secondary.iter().all(|c| !o.statements.contains(c)),
            "{}",
            o.id
        );
    }
    for kind in COURSE_KINDS {
        assert!(
            set.outcomes
                .iter()
                .filter(|o| o.course_kind.as_deref() == Some(kind))
                .count()
                >= 10,
            "{kind}"
        );
    }
}

/// The domain of a statement code: its letter (`K`, `S`, `V`).
fn domain_letter(code: &str) -> &str {
    code.get(..1).unwrap_or("-")
}

/// Per-domain confusion of the first suggestion: rows are the domain of the first primary
/// statement, columns the domain of the first suggestion (`-` for none).
fn confusion(suggester: &Suggester, outcomes: &[&Outcome]) -> String {
    let cols = ["K", "S", "V", "-"];
    let mut out = String::from(
        "confusion (rows: labelled domain; columns: first suggestion)\n       K   S   V   -\n",
    );
    for row in ["K", "S", "V"] {
        let mut counts = [0usize; 4];
        for o in outcomes {
            let Some(first) = o.statements.first() else {
                continue;
            };
            if domain_letter(first) != row {
                continue;
            }
            let got = suggester.suggest(&o.text, &SuggestOptions::default());
            let col = got.first().map_or("-", |s| domain_letter(&s.code));
            let i = cols.iter().position(|c| *c == col).unwrap_or(3);
            counts[i] += 1;
        }
        out.push_str(&format!(
            "  {row}  {:>3} {:>3} {:>3} {:>3}\n",
            counts[0], counts[1], counts[2], counts[3]
        ));
    }
    out
}

fn descriptor_report(suggester: &Suggester, set: &EvalSet) -> [Metrics; 3] {
    let [all, tune, holdout] = splits(set);
    let ms = [&all, &tune, &holdout].map(|(name, outcomes)| {
        let m = evaluate(suggester, outcomes);
        println!("descriptors {}", show(name, &m));
        m
    });
    for kind in COURSE_KINDS {
        let of_kind: Vec<&Outcome> = set
            .outcomes
            .iter()
            .filter(|o| o.course_kind.as_deref() == Some(kind))
            .collect();
        println!("descriptors {}", show(kind, &evaluate(suggester, &of_kind)));
    }
    print!("{}", confusion(suggester, &all.1));
    ms
}

/// The course an outcome belongs to, for leaving one course out: the descriptor set's kind of
/// course, or the project's own set as one course.
fn course(o: &Outcome) -> &str {
    o.course_kind.as_deref().unwrap_or("outcomes.toml")
}

/// Every mapped outcome of both sets as a confirmed example.
fn all_examples<'a>(sets: &[&'a EvalSet]) -> Vec<(&'a str, suggest::Example)> {
    sets.iter()
        .flat_map(|set| &set.outcomes)
        .filter(|o| !o.statements.is_empty())
        .map(|o| {
            (
                course(o),
                suggest::Example {
                    source: o.id.clone(),
                    text: o.text.clone(),
                    codes: o.statements.clone(),
                },
            )
        })
        .collect()
}

/// Leave one course out: each outcome is ranked with the confirmed examples of every other
/// course, never its own.
fn evaluate_loco(
    suggester: &Suggester,
    outcomes: &[&Outcome],
    examples: &[(&str, suggest::Example)],
) -> Metrics {
    evaluate_with(outcomes, |o| {
        let others: Vec<suggest::Example> = examples
            .iter()
            .filter(|(c, _)| *c != course(o))
            .map(|(_, e)| e.clone())
            .collect();
        suggester.suggest_with_examples(
            &o.text,
            &SuggestOptions {
                top: 5,
                min_score: 0.0,
            },
            &others,
        )
    })
}

/// Leave one outcome out: each outcome is ranked with every other outcome's confirmed example,
/// its own course's included (as a curriculum's own mapped units would be).
fn evaluate_looo(
    suggester: &Suggester,
    outcomes: &[&Outcome],
    examples: &[(&str, suggest::Example)],
) -> Metrics {
    evaluate_with(outcomes, |o| {
        let others: Vec<suggest::Example> = examples
            .iter()
            .filter(|(_, e)| e.source != o.id)
            .map(|(_, e)| e.clone())
            .collect();
        suggester.suggest_with_examples(
            &o.text,
            &SuggestOptions {
                top: 5,
                min_score: 0.0,
            },
            &others,
        )
    })
}

/// The floors of the descriptor set, a little below the figures measured when the ranker was
/// last tuned (docs/suggest.md). Raise them when the ranking improves; never lower them.
const FLOOR_DESCRIPTOR_HOLDOUT_HIT3: f64 = 0.85;
const FLOOR_DESCRIPTOR_HOLDOUT_P1: f64 = 0.72;
const FLOOR_DESCRIPTOR_HOLDOUT_EXAMPLES_HIT3: f64 = 0.86;

#[test]
fn descriptor_evaluation() {
    let set = descriptor_set();
    let own = eval_set();
    let catalog = Catalog::builtin().unwrap();
    let suggester = Suggester::new(catalog.framework(&set.framework).unwrap());
    let [_all, _tune, holdout] = descriptor_report(&suggester, &set);
    let examples = all_examples(&[&set, &own]);
    let mut with = Vec::new();
    for (name, outcomes) in splits(&set) {
        let m = evaluate_loco(&suggester, &outcomes, &examples);
        println!(
            "descriptors with examples, one course out {}",
            show(name, &m)
        );
        with.push(m);
    }
    for (name, outcomes) in splits(&set) {
        let m = evaluate_looo(&suggester, &outcomes, &examples);
        println!(
            "descriptors with examples, one outcome out {}",
            show(name, &m)
        );
    }
    for (name, outcomes) in splits(&own) {
        let m = evaluate_loco(&suggester, &outcomes, &examples);
        println!(
            "outcomes.toml with examples, one course out {}",
            show(name, &m)
        );
    }
    assert!(
        holdout.hit3 >= FLOOR_DESCRIPTOR_HOLDOUT_HIT3,
        "descriptor holdout hit@3 {:.3} fell below {FLOOR_DESCRIPTOR_HOLDOUT_HIT3}",
        holdout.hit3
    );
    assert!(
        holdout.p1 >= FLOOR_DESCRIPTOR_HOLDOUT_P1,
        "descriptor holdout P@1 {:.3} fell below {FLOOR_DESCRIPTOR_HOLDOUT_P1}",
        holdout.p1
    );
    let h = with.get(2).copied().unwrap_or_default();
    assert!(
        h.hit3 >= FLOOR_DESCRIPTOR_HOLDOUT_EXAMPLES_HIT3,
        "descriptor holdout hit@3 with examples {:.3} fell below {FLOOR_DESCRIPTOR_HOLDOUT_EXAMPLES_HIT3}",
        h.hit3
    );
}

/// The weight of the examples' votes, swept on the descriptor set's tuning split.
#[test]
#[ignore = "prints the sweep of the examples' weight; not a check"]
fn examples_weight_sweep() {
    let set = descriptor_set();
    let own = eval_set();
    let catalog = Catalog::builtin().unwrap();
    let fw = catalog.framework(&set.framework).unwrap();
    let examples = all_examples(&[&set, &own]);
    let [_, tune, _] = splits(&set);
    for weight in [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0] {
        let s = Suggester::with_tuning(
            fw,
            Tuning {
                examples: weight,
                ..Tuning::default()
            },
        );
        println!(
            "{}",
            show(
                &format!("examples {weight}"),
                &evaluate_loco(&s, &tune.1, &examples)
            )
        );
    }
}

/// The misses on the descriptor set's tuning split, to read. Never the holdout.
#[test]
#[ignore = "prints the misses of the tuning split; not a check"]
fn descriptor_tuning_misses() {
    let set = descriptor_set();
    let catalog = Catalog::builtin().unwrap();
    let s = Suggester::new(catalog.framework(&set.framework).unwrap());
    for o in set.outcomes.iter().filter(|o| o.split == "tune") {
        let got = s.suggest(&o.text, &SuggestOptions::default());
        let top3: Vec<&str> = got.iter().take(3).map(|x| x.code.as_str()).collect();
        let ok = o.statements.is_empty() || o.statements.iter().any(|g| top3.contains(&g.as_str()));
        if !ok || o.statements.is_empty() {
            println!(
                "{} want {:?} (+{:?}) got {:?} ({:.3}) {}\n    {}",
                o.id,
                o.statements,
                o.secondary,
                got.iter().map(|x| x.code.as_str()).collect::<Vec<_>>(),
                got.first().map_or(0.0, |x| x.score),
                o.text,
                got.first()
                    .map(|x| suggest::reasons_text(&x.reasons))
                    .unwrap_or_default()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Weighting, examples and calibration
// ---------------------------------------------------------------------------------------------

#[test]
fn descriptor_framing_and_setting_words_do_not_drive_the_rank() {
    // Before the weighting file, "mental", "health" and "problems" ranked K19 first on a
    // near-identical outcome of the descriptor set (d003).
    let text = "Analyse the ways in which negative attitudes held by the public and by professionals affect the lives of people with mental health problems";
    let s = top(text, 3);
    assert_eq!(s[0].code, "K12", "{:?}", codes(&s));
    // Without the down-weighting and the lexicon, the incidental words win.
    let catalog = Catalog::builtin().unwrap();
    let plain = Suggester::with_tuning(
        catalog.framework(RR).unwrap(),
        Tuning {
            weighting: 0.0,
            lexicon: false,
            ..Tuning::default()
        },
    );
    let p = plain.suggest(text, &SuggestOptions::default());
    assert_ne!(p[0].code, "K12", "{:?}", codes(&p));
}

#[test]
fn weak_suggestions_say_so_in_json_and_text() {
    let s = top(
        "Learn basic computer skills for using email and the internet",
        3,
    );
    assert!(!s.is_empty());
    for x in &s {
        assert_eq!(x.weak, x.score < WEAK_BELOW, "{x:?}");
    }
    assert!(s.iter().all(|x| x.weak));
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json[0]["weak"], serde_json::Value::Bool(true));
    assert!(suggest::suggestions_text(&s).contains("(weak)"));
    let strong = top("Convey hope sensitively at times of distress", 1);
    assert!(!strong[0].weak);
    assert!(!suggest::suggestions_text(&strong).contains("(weak)"));
}

#[test]
fn a_confirmed_example_votes_and_explains_itself() {
    let catalog = Catalog::builtin().unwrap();
    let fw = catalog.framework(RR).unwrap();
    let s = suggest::suggester(fw);
    let text = "Stay alongside someone through the ups and downs without giving up on them";
    let options = SuggestOptions::default();
    let without = s.suggest(text, &options);
    assert_ne!(without.first().map(|x| x.code.as_str()), Some("V18"));
    let examples = [suggest::Example {
        source: "LO3 of MHN2001".into(),
        text: "Stay with a person through ups and downs and never give up on them".into(),
        codes: vec!["V18".into()],
    }];
    let with = s.suggest_with_examples(text, &options, &examples);
    assert_eq!(with[0].code, "V18", "{:?}", codes(&with));
    let r = with[0]
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::Example)
        .unwrap();
    assert_eq!(r.text, "LO3 of MHN2001, mapped to V18");
    assert!(
        suggest::reasons_text(&with[0].reasons)
            .contains("LO3 of MHN2001, mapped to V18, says “Stay with a person")
    );
}

#[test]
fn a_curriculum_learns_from_its_own_mapped_units_but_not_from_the_unit_itself() {
    let catalog = Catalog::builtin().unwrap();
    let text = "module,unit,text,covers\n\
                M1,LO1,Stay with a person through ups and downs and never give up on them,V18\n\
                M1,LO2,Stay alongside someone through the ups and downs without giving up on them,\n";
    let curriculum = crate::load_curriculum(common::doc(text, None, Some("grid.csv"))).unwrap();
    let options = CurriculumSuggestOptions {
        min_score: 0.0,
        ..CurriculumSuggestOptions::default()
    };
    let s = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &options,
        &[],
    )
    .unwrap();
    let lo2 = s.units.iter().find(|u| u.unit == "LO2").unwrap();
    assert_eq!(lo2.suggestions[0].code, "V18");
    assert!(
        lo2.suggestions[0]
            .reasons
            .iter()
            .any(|r| r.text.starts_with("LO1 of M1"))
    );
    let off = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &CurriculumSuggestOptions {
            from_mapped: false,
            ..options.clone()
        },
        &[],
    )
    .unwrap();
    let lo2 = off.units.iter().find(|u| u.unit == "LO2").unwrap();
    assert!(
        lo2.suggestions
            .iter()
            .all(|x| x.reasons.iter().all(|r| r.kind != ReasonKind::Example))
    );
    // LO1 considered with --max-mappings 1 never votes for itself.
    let s1 = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &CurriculumSuggestOptions {
            max_mappings: 1,
            ..options
        },
        &[],
    )
    .unwrap();
    let lo1 = s1.units.iter().find(|u| u.unit == "LO1").unwrap();
    assert!(
        lo1.suggestions
            .iter()
            .all(|x| x.reasons.iter().all(|r| !r.text.starts_with("LO1 of M1")))
    );
}

#[test]
fn weak_suggestions_stay_out_of_a_curriculum_unless_asked() {
    let catalog = Catalog::builtin().unwrap();
    let text = "module,unit,text,covers\nM1,LO1,Learn basic computer skills for using email and the internet,\n";
    let curriculum = crate::load_curriculum(common::doc(text, None, Some("grid.csv"))).unwrap();
    let s = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &CurriculumSuggestOptions::default(),
        &[],
    )
    .unwrap();
    assert!(s.units[0].suggestions.is_empty());
    let asked = crate::suggest_curriculum(
        catalog,
        &curriculum,
        &common::framework(None),
        &CurriculumSuggestOptions {
            min_score: 0.0,
            ..CurriculumSuggestOptions::default()
        },
        &[],
    )
    .unwrap();
    assert!(asked.units[0].suggestions.iter().all(|x| x.weak));
    assert!(!asked.units[0].suggestions.is_empty());
}

/// What each part of the weighting brings on the descriptor set, without examples. Run with
/// `cargo test -p waypost --test suggest descriptor_ablation -- --ignored --nocapture`.
#[test]
#[ignore = "prints the ablation of the weighting; not a check"]
fn descriptor_ablation() {
    let set = descriptor_set();
    let own = eval_set();
    let catalog = Catalog::builtin().unwrap();
    let fw = catalog.framework(&set.framework).unwrap();
    let base = Tuning::default();
    let variants = [
        ("defaults", base),
        (
            "no down-weighting",
            Tuning {
                weighting: 0.0,
                ..base
            },
        ),
        (
            "no lexicon",
            Tuning {
                lexicon: false,
                ..base
            },
        ),
        (
            "neither",
            Tuning {
                weighting: 0.0,
                lexicon: false,
                ..base
            },
        ),
    ];
    let examples = all_examples(&[&set, &own]);
    for (name, tuning) in variants {
        let s = Suggester::with_tuning(fw, tuning);
        for (label, set) in [("descriptors", &set), ("outcomes.toml", &own)] {
            for (split, outcomes) in splits(set) {
                println!(
                    "{}",
                    show(
                        &format!("{name} | {label} {split}"),
                        &evaluate(&s, &outcomes)
                    )
                );
                println!(
                    "{}",
                    show(
                        &format!("{name} | {label} {split} with examples"),
                        &evaluate_loco(&s, &outcomes, &examples)
                    )
                );
            }
        }
    }
}
