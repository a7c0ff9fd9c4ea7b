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
