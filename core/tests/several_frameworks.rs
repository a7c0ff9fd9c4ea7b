//! A curriculum checked against several frameworks in one run: the page of several reports
//! and the policies, one a framework.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};

use waypost::{Catalog, Format, ReportFormat};

mod common;

fn fixtures() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/frameworks")
}

/// The three-year fixture programme and a catalog that knows both its frameworks.
fn programme() -> (Catalog, waypost::Curriculum) {
    let mut catalog = Catalog::with_builtin().unwrap();
    catalog
        .add_framework(
            waypost::read_framework(&fixtures().join("example-practice-standards.toml")).unwrap(),
        )
        .unwrap();
    let curriculum =
        waypost::read_curriculum(&fixtures().join("three-year-programme.toml")).unwrap();
    (catalog, curriculum)
}

/// The attributes whose value names an element of the page by its id.
const REFERENCES: [&str; 8] = [
    "for",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-details",
    "aria-flowto",
    "aria-activedescendant",
];

/// Every id of a parsed page, with how often it occurs, and for each framework section
/// (`<section class="framework-report">`, by its own id) the ids inside it and the ids its
/// elements refer to (`href="#x"`, `for`, `aria-labelledby` and the like).
struct Ids {
    all: BTreeMap<String, usize>,
    sections: BTreeMap<String, (BTreeSet<String>, Vec<String>)>,
}

fn ids_of(page: &str) -> Ids {
    let dom = tl::parse(page, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let mut all = BTreeMap::new();
    for node in dom.nodes() {
        if let Some(id) = node.as_tag().and_then(|t| t.attributes().id()) {
            *all.entry(id.as_utf8_str().into_owned()).or_insert(0) += 1;
        }
    }
    let mut sections = BTreeMap::new();
    for handle in dom.get_elements_by_class_name("framework-report") {
        let section = handle.get(parser).unwrap().as_tag().unwrap();
        let name = section
            .attributes()
            .id()
            .unwrap()
            .as_utf8_str()
            .into_owned();
        let mut ids = BTreeSet::new();
        let mut references = Vec::new();
        for node in section.children().all(parser) {
            let Some(tag) = node.as_tag() else { continue };
            let attributes = tag.attributes();
            if let Some(id) = attributes.id() {
                ids.insert(id.as_utf8_str().into_owned());
            }
            for (key, value) in attributes.iter() {
                let value = value.unwrap_or_default();
                if key == "href" {
                    if let Some(target) = value.strip_prefix('#') {
                        references.push(target.to_string());
                    }
                } else if REFERENCES.contains(&key.as_ref()) {
                    references.extend(value.split_whitespace().map(str::to_string));
                }
            }
        }
        sections.insert(name, (ids, references));
    }
    Ids { all, sections }
}

fn assert_ids_unique_and_resolved(page: &str, sections: usize) {
    let ids = ids_of(page);
    let repeated: Vec<_> = ids.all.iter().filter(|(_, n)| **n > 1).collect();
    assert!(repeated.is_empty(), "ids repeated: {repeated:?}");
    assert_eq!(ids.sections.len(), sections);
    for (name, (own, references)) in &ids.sections {
        assert!(!references.is_empty(), "{name} refers to nothing");
        let astray: Vec<_> = references.iter().filter(|r| !own.contains(*r)).collect();
        assert!(
            astray.is_empty(),
            "{name} refers outside itself: {astray:?}"
        );
    }
}

#[test]
fn a_page_of_several_reports_repeats_no_id_and_each_link_stays_in_its_section() {
    let (catalog, curriculum) = programme();
    let checks = waypost::check_all(&catalog, &curriculum, &common::framework(None)).unwrap();
    let page = waypost::render(&checks, ReportFormat::Html).unwrap();
    assert_ids_unique_and_resolved(&page, 2);
    // The statements under a parent link to it in their own framework's section.
    assert!(page.contains("<a href=\"#example-practice-standards--s-A1\">A1</a>"));
    // The vector of two built-in frameworks too.
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/vectors/several-frameworks.toml"),
    )
    .unwrap();
    let curriculum =
        waypost::load_curriculum(common::doc(&text, Some(Format::Toml), None)).unwrap();
    let checks = waypost::check_all(
        Catalog::builtin().unwrap(),
        &curriculum,
        &common::framework(None),
    )
    .unwrap();
    assert_ids_unique_and_resolved(&waypost::render(&checks, ReportFormat::Html).unwrap(), 2);
}

#[test]
fn a_report_alone_keeps_its_ids_as_they_were() {
    let (catalog, curriculum) = programme();
    let report = waypost::check(
        &catalog,
        &curriculum,
        &common::framework(Some("example-practice-standards")),
    )
    .unwrap();
    let page = waypost::render(&report, ReportFormat::Html).unwrap();
    assert!(page.contains("<h2 id=\"summary\">"));
    assert!(page.contains("<a href=\"#s-A1\">A1</a>"));
    let ids = ids_of(&page);
    assert!(ids.all.values().all(|n| *n == 1));
}

/// A policy read from text under a file name.
fn policy(name: &str, text: &str) -> waypost::Policy {
    waypost::load_policy(common::doc(text, Some(Format::Toml), Some(name))).unwrap()
}

const STANDARDS: &str = "title = \"platform 7 assessed\"\nframework = \"example-practice-standards\"\n\n[[require]]\ndomain = \"platform-7\"\nlevel = \"assessed\"\n";
const RECOVERY: &str = "title = \"values by year 2\"\nframework = \"realising-recovery-2007\"\n\n[[require]]\ndomain = \"values\"\nby_year = 2\n";

fn with_policies(policies: Vec<waypost::Policy>) -> waypost::CheckOptions {
    let mut options = common::framework(None);
    options.policies = policies;
    options
}

/// A problem as its file, line, column, message and hint.
type Problem = (String, Option<usize>, Option<usize>, String, String);

fn problems(error: &waypost::Error) -> Vec<Problem> {
    error
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.path.clone().unwrap_or_default(),
                d.line,
                d.column,
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn each_framework_is_held_to_the_policy_that_names_it() {
    let (catalog, curriculum) = programme();
    let options = with_policies(vec![
        policy("standards.toml", STANDARDS),
        policy("recovery.toml", RECOVERY),
    ]);
    let checks = waypost::check_all(&catalog, &curriculum, &options).unwrap();
    let titles: Vec<_> = checks
        .reports
        .iter()
        .map(|r| (r.framework.id.as_str(), r.policy.title.as_deref(), r.passed))
        .collect();
    assert_eq!(
        titles,
        [
            (
                "example-practice-standards",
                Some("platform 7 assessed"),
                true
            ),
            ("realising-recovery-2007", Some("values by year 2"), false),
        ]
    );
    assert!(!checks.passed);
    assert_eq!(checks.failed, ["realising-recovery-2007"]);
    // The order the policies are given in does not matter.
    let options = with_policies(vec![
        policy("recovery.toml", RECOVERY),
        policy("standards.toml", STANDARDS),
    ]);
    assert_eq!(
        waypost::check_all(&catalog, &curriculum, &options).unwrap(),
        checks
    );
    // Each section of every format shows its own framework's policy.
    for format in ["text", "markdown", "html"] {
        let page = waypost::render(&checks, ReportFormat::from_name(format).unwrap()).unwrap();
        let first = page.find("platform 7 assessed").unwrap();
        let second = page.find("values by year 2").unwrap();
        assert!(first < second, "{format}");
        assert!(
            page[first..second].contains("Realising Recovery"),
            "{format}"
        );
    }
}

#[test]
fn a_policy_naming_no_framework_holds_every_framework_no_other_policy_names() {
    let (catalog, curriculum) = programme();
    let general = "title = \"half of everything\"\n\n[[require]]\nshare = \"5%\"\n";
    // Alone, it holds both.
    let checks = waypost::check_all(
        &catalog,
        &curriculum,
        &with_policies(vec![policy("general.toml", general)]),
    )
    .unwrap();
    assert!(
        checks
            .reports
            .iter()
            .all(|r| r.policy.title.as_deref() == Some("half of everything"))
    );
    assert!(checks.passed);
    // With a policy for Realising Recovery, it holds the standards alone.
    let checks = waypost::check_all(
        &catalog,
        &curriculum,
        &with_policies(vec![
            policy("general.toml", general),
            policy("recovery.toml", RECOVERY),
        ]),
    )
    .unwrap();
    let titles: Vec<_> = checks
        .reports
        .iter()
        .map(|r| r.policy.title.as_deref())
        .collect();
    assert_eq!(
        titles,
        [Some("half of everything"), Some("values by year 2")]
    );
    // `policy` alone, as before, is a policy naming none.
    let checks = waypost::check_all(
        &catalog,
        &curriculum,
        &common::against(None, &policy("general.toml", general)),
    )
    .unwrap();
    assert!(checks.passed);
}

#[test]
fn a_policy_for_another_framework_or_a_second_for_one_is_a_located_error() {
    let (catalog, curriculum) = programme();
    let nimhe = RECOVERY.replace("realising-recovery-2007", "nimhe-guiding-statement-2004");
    let error = waypost::check_all(
        &catalog,
        &curriculum,
        &with_policies(vec![
            policy("nimhe.toml", &nimhe),
            policy("recovery.toml", RECOVERY),
            policy("again.toml", RECOVERY),
            policy("general.toml", "[[require]]\n"),
            policy("general again.toml", "[[require]]\n"),
        ]),
    )
    .unwrap_err();
    assert_eq!(
        problems(&error),
        [
            (
                "nimhe.toml".to_string(),
                Some(2),
                Some(13),
                "the policy is for the framework `nimhe-guiding-statement-2004`, which this check is not against".to_string(),
                "the check is against `example-practice-standards`, `realising-recovery-2007`: name one of them, or leave `framework` out for a policy on every framework".to_string(),
            ),
            (
                "again.toml".to_string(),
                Some(2),
                Some(13),
                "a second policy for the framework `realising-recovery-2007`".to_string(),
                "the first is `recovery.toml`; give each framework one policy (merge their requirements)".to_string(),
            ),
            (
                "general again.toml".to_string(),
                None,
                None,
                "a second policy for every framework".to_string(),
                "the first is `general.toml`; name the framework each is for with `framework = \"…\"`, or merge them".to_string(),
            ),
        ]
    );
    // A check against one framework reads the policies the same way.
    let error = waypost::check(&catalog, &curriculum, &{
        let mut options = common::framework(Some("example-practice-standards"));
        options.policies = vec![policy("recovery.toml", RECOVERY)];
        options
    })
    .unwrap_err();
    assert_eq!(
        problems(&error)[0].3,
        "the policy is for the framework `realising-recovery-2007`, which this check is not against"
    );
    // And picks the policy for its framework from several.
    let report = waypost::check(&catalog, &curriculum, &{
        let mut options = common::framework(Some("realising-recovery-2007"));
        options.policies = vec![
            policy("standards.toml", STANDARDS),
            policy("recovery.toml", RECOVERY),
        ];
        options
    });
    assert!(
        report.is_err(),
        "the standards' policy is not for this check"
    );
    let report = waypost::check(&catalog, &curriculum, &{
        let mut options = common::framework(None);
        options.policies = vec![policy("standards.toml", STANDARDS)];
        options
    })
    .unwrap();
    assert_eq!(report.policy.title.as_deref(), Some("platform 7 assessed"));
}

#[test]
fn a_policy_naming_no_framework_that_another_framework_cannot_read_says_how_to_name_one() {
    let (catalog, curriculum) = programme();
    let unnamed = STANDARDS.replace("framework = \"example-practice-standards\"\n", "");
    let error = waypost::check_all(
        &catalog,
        &curriculum,
        &with_policies(vec![policy("standards.toml", &unnamed)]),
    )
    .unwrap_err();
    let problems = problems(&error);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "standards.toml");
    assert_eq!(problems[0].1, Some(4));
    assert_eq!(problems[0].3, "unknown domain `platform-7`");
    assert!(
        problems[0].4.ends_with("the policy names no framework, so `realising-recovery-2007` is held to it too: name the framework it is for with `framework = \"…\"`"),
        "{}",
        problems[0].4
    );
}
