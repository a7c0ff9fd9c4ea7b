//! Properties that hold for any curriculum, checked on generated ones: coverage is monotone in
//! the mappings, policies are monotone in coverage, the three text formats load one model, a
//! saved model loads back unchanged, and a portfolio is the union of its courses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use waypost::{
    Assessment, Catalog, Curriculum, Entry, Format, Mapping, Module, Policy, Requirement, Share,
    Unit, UnitKind,
};

mod common;

fn codes() -> Vec<String> {
    Catalog::builtin()
        .unwrap()
        .framework("realising-recovery-2007")
        .unwrap()
        .statements
        .iter()
        .map(|s| s.code.clone())
        .collect()
}

const LEVELS: [Option<&str>; 4] = [
    None,
    Some("introduced"),
    Some("developed"),
    Some("assessed"),
];

fn mapping() -> impl Strategy<Value = Mapping> {
    (0..67usize, 0..4usize).prop_map(|(c, l)| Mapping {
        statement: codes()[c].clone().into(),
        level: LEVELS[l].map(Into::into),
    })
}

fn unit(i: usize) -> impl Strategy<Value = Unit> {
    (
        prop::collection::vec(mapping(), 0..5),
        0..3usize,
        prop::option::of("[a-zA-Z ,.'&<>]{0,40}"),
    )
        .prop_map(move |(covers, kind, text)| Unit {
            id: format!("LO{i}"),
            kind: [UnitKind::Outcome, UnitKind::Session, UnitKind::Activity][kind],
            text,
            covers,
            extra: BTreeMap::new(),
        })
}

fn module(i: usize) -> impl Strategy<Value = Module> {
    (1..5usize)
        .prop_flat_map(|n| (0..n).map(unit).collect::<Vec<_>>())
        .prop_flat_map(move |units| {
            let n = units.len();
            (
                Just(units),
                prop::collection::vec(prop::collection::btree_set(0..n, 0..=n), 0..3),
                prop::option::of(1..4u8),
            )
        })
        .prop_map(move |(units, assessed, year)| Module {
            code: format!("M{i}"),
            title: Some(format!("Module {i}")),
            year,
            level: None,
            credits: Some(20),
            assessments: assessed
                .into_iter()
                .enumerate()
                .map(|(a, set)| Assessment {
                    id: format!("A{a}"),
                    title: Some(format!("Assessment {a}")),
                    weight: None,
                    assesses: set.into_iter().map(|u| format!("LO{u}")).collect(),
                    covers: Vec::new(),
                    extra: BTreeMap::new(),
                })
                .collect(),
            units,
            extra: BTreeMap::new(),
        })
}

fn curriculum() -> impl Strategy<Value = Curriculum> {
    (1..5usize)
        .prop_flat_map(|n| (0..n).map(module).collect::<Vec<_>>())
        .prop_map(|modules| Curriculum {
            id: "generated".into(),
            title: "Generated".into(),
            provider: Some("Property tests".into()),
            version: None,
            frameworks: vec!["realising-recovery-2007".into()],
            description: None,
            learners_per_year: None,
            settings: Vec::new(),
            modules,
            extra: BTreeMap::new(),
            origin: Default::default(),
        })
}

fn levels_of(c: &Curriculum) -> Vec<Option<usize>> {
    let report = waypost::check(
        Catalog::builtin().unwrap(),
        c,
        &common::against(None, &Policy::default()),
    )
    .unwrap();
    let scale = &report.levels;
    report
        .statements
        .iter()
        .map(|s| {
            s.level
                .as_ref()
                .map(|l| scale.iter().position(|x| x == l).unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn adding_a_mapping_never_lowers_any_statement(c in curriculum(), extra in mapping(), m in 0..4usize, u in 0..4usize) {
        let before = levels_of(&c);
        let mut more = c.clone();
        let mi = m % more.modules.len();
        let ui = u % more.modules[mi].units.len();
        more.modules[mi].units[ui].covers.push(extra);
        let after = levels_of(&more);
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            prop_assert!(a >= b, "statement {i}: {b:?} -> {a:?}");
        }
    }

    #[test]
    fn a_policy_that_passes_still_passes_with_more_coverage(c in curriculum(), extra in prop::collection::vec(mapping(), 1..10), domain in 0..4usize, level in 0..3usize, share in 0.0..=1.0f64) {
        let policy = Policy {
            title: None,
            framework: None,
            hierarchy: None,
            requirements: vec![Requirement {
                domain: [None, Some("knowledge"), Some("skills"), Some("values")][domain].map(String::from),
                statement: None,
                theme: None,
                level: Some(["introduced", "developed", "assessed"][level].to_string()),
                share: Some(Share::Fraction(share)),
                by_year: None,
                min_modules: None,
                min_years: None,
                min_credits: None,
            }],
            origin: Default::default(),
        };
        let catalog = Catalog::builtin().unwrap();
        let before = waypost::check(catalog, &c, &common::against(None, &policy)).unwrap();
        let mut more = c.clone();
        more.modules[0].units[0].covers.extend(extra);
        let after = waypost::check(catalog, &more, &common::against(None, &policy)).unwrap();
        prop_assert!(!before.passed || after.passed);
        prop_assert!(after.policy.requirements[0].met >= before.policy.requirements[0].met);
    }

    #[test]
    fn toml_json_and_yaml_load_the_same_model_and_saving_loses_nothing(c in curriculum()) {
        let as_toml = toml::to_string(&c).unwrap();
        let as_json = serde_json::to_string_pretty(&c).unwrap();
        let as_yaml = serde_saphyr::to_string(&c).unwrap();
        let from_toml = waypost::load_curriculum(common::doc(&as_toml, Some(Format::Toml), None)).unwrap();
        let from_json = waypost::load_curriculum(common::doc(&as_json, Some(Format::Json), None)).unwrap();
        let from_yaml = waypost::load_curriculum(common::doc(&as_yaml, Some(Format::Yaml), None)).unwrap();
        prop_assert_eq!(&from_toml, &c);
        prop_assert_eq!(&from_json, &c);
        prop_assert_eq!(&from_yaml, &c);
        // And a second round trip is a fixed point.
        prop_assert_eq!(toml::to_string(&from_toml).unwrap(), as_toml);
    }

    #[test]
    fn a_portfolio_reaches_the_union_of_its_courses(courses in prop::collection::vec(curriculum(), 1..5)) {
        let catalog = Catalog::builtin().unwrap();
        let singles: Vec<Vec<Option<usize>>> = courses.iter().map(levels_of).collect();
        let entries: Vec<Entry> = courses
            .into_iter()
            .enumerate()
            .map(|(i, mut c)| { c.id = format!("c{i}"); (format!("c{i}.toml"), Ok(c)) })
            .collect();
        let p = waypost::portfolio(catalog, entries, &common::portfolio_options(None)).unwrap();
        let scale = &p.levels;
        for (i, s) in p.statements.iter().enumerate() {
            let best = singles.iter().filter_map(|levels| levels[i]).max();
            prop_assert_eq!(s.level.as_ref().map(|l| scale.iter().position(|x| **x == **l).unwrap()), best);
            prop_assert_eq!(s.courses, singles.iter().filter(|levels| levels[i].is_some()).count());
        }
    }
}
