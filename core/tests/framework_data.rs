#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Checks the committed framework and crosswalk data in `curricula/`: that it parses into the
//! model, has the published shape (counts, codes, pages), that every link points somewhere
//! real, and, when the source extractions are present next to the workspace, that the
//! statement texts are exactly the source texts after the documented cleaning.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use waypost::{Crosswalk, Framework, LinkType, Provenance, PurposeKind, ResourceKind, Statement};

const RR: &str = "realising-recovery-2007";
const NIMHE: &str = "nimhe-guiding-statement-2004";
const CROSSWALK: &str = "realising-recovery-2007--nimhe-guiding-statement-2004";
const RR_SEED: &str = "000_829ca5114b7d16de.txt";
const NIMHE_SEED: &str = "004_9fc662cdfc46e7fd.txt";

/// Realising Recovery statements that no activity or resource supports. Each must be
/// explained in docs/frameworks.md. Currently none.
const RR_UNSUPPORTED: &[&str] = &[];

/// Page running heads that the PDF extraction drops into the Realising Recovery lists.
const RR_RUNNING_HEADS: &[&str] = &["The Framework", "Introduction"];

/// The NIMHE principle numerals as the OCR read them, in printed order, and as printed.
const NIMHE_OCR_NUMERALS: &[(&str, &str)] = &[
    ("|", "I"),
    ("I", "II"),
    ("Il", "III"),
    ("IV", "IV"),
    ("V", "V"),
    ("VI", "VI"),
    ("Vil", "VII"),
    ("Vil", "VIII"),
    ("IX", "IX"),
    ("X", "X"),
    ("X", "XI"),
    ("XlI", "XII"),
];

/// OCR punctuation artefacts in the NIMHE text, and what was printed.
const NIMHE_OCR_PUNCTUATION: &[(&str, &str)] = &[(",;", ";"), (":;", ";")];

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn framework(id: &str) -> Framework {
    let path = workspace().join(format!("core/data/frameworks/{id}.toml"));
    toml::from_str::<Framework>(&read(&path))
        .unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

fn crosswalk(id: &str) -> Crosswalk {
    let path = workspace().join(format!("core/data/crosswalks/{id}.toml"));
    toml::from_str::<Crosswalk>(&read(&path))
        .unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The source extraction, when it is available next to the workspace.
fn seed(name: &str) -> Option<String> {
    let path = workspace().join("../shared/seeds").join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("source {name} not found; skipping the comparison with the source text");
            None
        }
    }
}

fn in_domain<'a>(fw: &'a Framework, domain: &str) -> Vec<&'a Statement> {
    fw.statements
        .iter()
        .filter(|s| s.domain == domain)
        .collect()
}

fn statement_codes(fw: &Framework) -> BTreeSet<&str> {
    fw.statements.iter().map(|s| s.code.as_str()).collect()
}

fn node_codes(fw: &Framework) -> Vec<&str> {
    fw.statements
        .iter()
        .map(|s| s.code.as_str())
        .chain(fw.activities.iter().map(|a| a.code.as_str()))
        .chain(fw.resources.iter().map(|r| r.code.as_str()))
        .collect()
}

fn page(statement: &Statement) -> u32 {
    statement
        .page
        .as_deref()
        .unwrap_or_else(|| panic!("{} has no page", statement.code))
        .parse()
        .unwrap_or_else(|e| panic!("{} page is not a number: {e}", statement.code))
}

// ---------------------------------------------------------------------------------------------
// Cleaning the source text (the rules documented in docs/frameworks.md)
// ---------------------------------------------------------------------------------------------

/// Ligatures become plain letters; whitespace collapses to single spaces.
fn clean(text: &str) -> String {
    text.replace('\u{FB01}', "fi")
        .replace('\u{FB02}', "fl")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Joins lines the layout broke: a single space between lines, none after a line that ends in
/// a hyphen (a compound split at the line end, as in "self-" / "management").
fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(line);
    }
    clean(&out)
}

/// Index of the first line (from `from`) whose trimmed text satisfies `pred`.
fn find_line(lines: &[&str], from: usize, pred: impl Fn(&str) -> bool) -> usize {
    (from..lines.len())
        .find(|&i| pred(lines[i].trim()))
        .unwrap_or_else(|| panic!("marker not found after line {from}"))
}

/// The whole source as one cleaned line, for checking that a passage occurs in it.
fn flatten(seed: &str) -> String {
    join(&seed.lines().collect::<Vec<_>>())
}

// ---------------------------------------------------------------------------------------------
// Parsing the Realising Recovery extraction
// ---------------------------------------------------------------------------------------------

/// A bulleted list of the Realising Recovery extraction: "•" on a line of its own starts an
/// item; running heads are dropped and counted as page breaks.
struct BulletList {
    /// Item text, joined and cleaned, with the number of page breaks before it.
    items: Vec<(String, u32)>,
}

fn rr_bullets(lines: &[&str]) -> BulletList {
    let mut items: Vec<(Vec<&str>, u32)> = Vec::new();
    let mut breaks = 0;
    let mut pending_break = false;
    for line in lines {
        let t = line.trim();
        if RR_RUNNING_HEADS.contains(&t) {
            pending_break = true;
        } else if t == "•" {
            if pending_break && !items.is_empty() {
                breaks += 1;
            }
            pending_break = false;
            items.push((Vec::new(), breaks));
        } else if !t.is_empty() {
            let item = items
                .last_mut()
                .unwrap_or_else(|| panic!("text before the first bullet: {t}"));
            item.0.push(t);
        }
    }
    BulletList {
        items: items
            .into_iter()
            .map(|(lines, page)| (join(&lines), page))
            .collect(),
    }
}

/// A Knowledge/Skills/Values list: its stem (the lines after `heading` up to the one ending
/// in ':') and its bullets, up to the line `next`.
fn rr_domain_list(seed: &str, heading: &str, next: &str) -> (String, BulletList) {
    let lines: Vec<&str> = seed.lines().collect();
    let start = find_line(&lines, 0, |l| l == heading);
    let stem_end = find_line(&lines, start + 1, |l| l.ends_with(':'));
    let end = find_line(&lines, stem_end + 1, |l| l == next);
    let stem = join(&lines[start + 1..=stem_end]);
    (stem, rr_bullets(&lines[stem_end + 1..end]))
}

/// First words that start an item of the Appendix 1 lists (a gerund or "completion"); any
/// other line continues the item before it. The item count is checked against the bullets.
fn starts_activity(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    first.ends_with("ing") || first.ends_with("ion")
}

/// An Appendix 1 list: the extraction prints the bullet glyphs first, then the item lines.
fn rr_activity_list(lines: &[&str], heading: &str) -> Vec<String> {
    let start = find_line(lines, 0, |l| l == heading);
    let mut i = start + 1;
    let mut bullets = 0;
    while lines[i].trim() == "•" {
        bullets += 1;
        i += 1;
    }
    while lines[i].trim().is_empty() {
        i += 1;
    }
    let mut items: Vec<Vec<&str>> = Vec::new();
    while i < lines.len() && !lines[i].trim().is_empty() {
        let line = lines[i].trim();
        if starts_activity(&clean(line)) || items.is_empty() {
            items.push(vec![line]);
        } else {
            items.last_mut().unwrap().push(line);
        }
        i += 1;
    }
    assert_eq!(
        items.len(),
        bullets,
        "{heading}: item lines grouped into a different number of items than the bullets"
    );
    items.iter().map(|item| join(item)).collect()
}

fn has_year(line: &str) -> bool {
    line.as_bytes()
        .windows(6)
        .any(|w| w[0] == b'(' && w[1..5].iter().all(u8::is_ascii_digit) && w[5] == b')')
}

/// Published works as (citation, address printed after "Available from:").
type Works = Vec<(String, Option<String>)>;
/// Websites as (address, description).
type Sites = Vec<(String, String)>;

/// Appendix 2: published works and websites.
fn rr_resources(seed: &str) -> (Works, Sites) {
    let lines: Vec<&str> = seed.lines().collect();
    let published = find_line(&lines, 0, |l| l == "Published Work");
    let websites = find_line(&lines, published, |l| l == "Websites");
    let mut works: Vec<(Vec<&str>, Option<String>)> = Vec::new();
    for line in lines[published + 1..websites].iter().map(|l| l.trim()) {
        if let Some(url) = line.strip_prefix("Available from: ") {
            works.last_mut().unwrap().1 = Some(url.to_owned());
        } else if has_year(line) {
            works.push((vec![line], None));
        } else if !line.is_empty() {
            works.last_mut().unwrap().0.push(line);
        }
    }
    let mut sites: Vec<(String, Vec<&str>)> = Vec::new();
    for line in lines[websites + 1..].iter().map(|l| l.trim()) {
        if line.starts_with("www.") {
            sites.push((line.to_owned(), Vec::new()));
        } else if !line.is_empty() {
            sites.last_mut().unwrap().1.push(line);
        }
    }
    (
        works.into_iter().map(|(l, url)| (join(&l), url)).collect(),
        sites.into_iter().map(|(url, l)| (url, join(&l))).collect(),
    )
}

// ---------------------------------------------------------------------------------------------
// Parsing the NIMHE extraction
// ---------------------------------------------------------------------------------------------

fn fix_ocr_punctuation(text: &str) -> String {
    NIMHE_OCR_PUNCTUATION
        .iter()
        .fold(text.to_owned(), |t, (ocr, printed)| t.replace(ocr, printed))
}

/// An OCR'd list marker at the start of a line: a bullet read as "e", "*" or "¢", or a
/// number "1)". Returns the printed number, if any, and the rest of the line.
fn nimhe_marker(line: &str) -> Option<(Option<String>, &str)> {
    for bullet in ["e ", "* ", "¢ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some((None, rest));
        }
    }
    let (number, rest) = line.split_once(") ")?;
    (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        .then(|| (Some(number.to_owned()), rest))
}

/// A NIMHE passage: the lead-in before the first marker, and the marked items.
struct NimheList {
    lead: String,
    items: Vec<(Option<String>, String)>,
}

fn nimhe_list(lines: &[&str]) -> NimheList {
    let mut lead: Vec<&str> = Vec::new();
    let mut items: Vec<(Option<String>, Vec<&str>)> = Vec::new();
    for line in lines.iter().map(|l| l.trim()) {
        if let Some((number, rest)) = nimhe_marker(line) {
            items.push((number, vec![rest]));
        } else if let Some(item) = items.last_mut() {
            item.1.push(line);
        } else {
            lead.push(line);
        }
    }
    NimheList {
        lead: fix_ocr_punctuation(&join(&lead)),
        items: items
            .into_iter()
            .map(|(n, l)| (n, fix_ocr_punctuation(&join(&l))))
            .collect(),
    }
}

/// The lines strictly between the first line satisfying `start` and the next satisfying `end`.
fn between<'a>(
    lines: &[&'a str],
    start: impl Fn(&str) -> bool,
    end: impl Fn(&str) -> bool,
) -> Vec<&'a str> {
    let s = find_line(lines, 0, start);
    let e = find_line(lines, s + 1, end);
    lines[s + 1..e].to_vec()
}

/// The twelve principles: the numeral as OCR'd and the principle's lines.
fn nimhe_principles(seed: &str) -> Vec<(String, NimheList)> {
    let lines: Vec<&str> = seed.lines().collect();
    let body = between(
        &lines,
        |l| l.starts_with("Guiding Principles for the delivery of"),
        |l| l.starts_with("(Principles from"),
    );
    let mut principles: Vec<(String, Vec<&str>)> = Vec::new();
    for line in body {
        let t = line.trim();
        match t.strip_prefix("Principle ") {
            Some(numeral) if !numeral.contains(' ') => {
                principles.push((numeral.to_owned(), Vec::new()));
            }
            _ if t.is_empty() => {}
            _ => {
                if let Some(p) = principles.last_mut() {
                    p.1.push(t);
                }
            }
        }
    }
    principles
        .into_iter()
        .map(|(numeral, lines)| (numeral, nimhe_list(&lines)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Counts and codes
// ---------------------------------------------------------------------------------------------

#[test]
fn realising_recovery_has_25_knowledge_22_skills_and_20_values_statements() {
    let fw = framework(RR);
    assert_eq!(fw.id, RR);
    assert_eq!(in_domain(&fw, "knowledge").len(), 25);
    assert_eq!(in_domain(&fw, "skills").len(), 22);
    assert_eq!(in_domain(&fw, "values").len(), 20);
    assert_eq!(fw.statements.len(), 67);
}

#[test]
fn realising_recovery_has_9_individual_and_team_activities_and_3_service_activities() {
    let fw = framework(RR);
    let audience = |a: &str| fw.activities.iter().filter(|x| x.audience == a).count();
    assert_eq!(audience("individuals and teams"), 9);
    assert_eq!(audience("services"), 3);
    assert_eq!(fw.activities.len(), 12);
}

#[test]
fn realising_recovery_has_4_published_works_and_7_websites() {
    let fw = framework(RR);
    let kind = |k: ResourceKind| fw.resources.iter().filter(|r| r.kind == k).count();
    assert_eq!(kind(ResourceKind::Published), 4);
    assert_eq!(kind(ResourceKind::Website), 7);
    assert_eq!(fw.resources.len(), 11);
    for r in fw
        .resources
        .iter()
        .filter(|r| r.kind == ResourceKind::Website)
    {
        assert!(r.url.is_some() && r.description.is_some(), "{}", r.code);
    }
}

#[test]
fn realising_recovery_has_4_purposes_and_4_future_aims_on_page_6() {
    let fw = framework(RR);
    let kind = |k: PurposeKind| fw.purposes.iter().filter(|p| p.kind == k).count();
    assert_eq!(kind(PurposeKind::Purpose), 4);
    assert_eq!(kind(PurposeKind::Future), 4);
    assert!(fw.purposes.iter().all(|p| p.page.as_deref() == Some("6")));
}

#[test]
fn nimhe_has_6_meanings_6_system_aims_12_principles_3_values_principles_and_7_diversity_qualities()
{
    let fw = framework(NIMHE);
    assert_eq!(fw.id, NIMHE);
    assert_eq!(in_domain(&fw, "meanings").len(), 6);
    assert_eq!(in_domain(&fw, "system").len(), 6);
    assert_eq!(in_domain(&fw, "principles").len(), 12);
    assert_eq!(in_domain(&fw, "values-based-practice").len(), 3);
    assert_eq!(in_domain(&fw, "diversity").len(), 7);
    assert_eq!(fw.statements.len(), 34);
    assert!(fw.activities.is_empty() && fw.resources.is_empty());
}

#[test]
fn codes_are_unique_across_statements_activities_and_resources() {
    for id in [RR, NIMHE] {
        let fw = framework(id);
        let codes = node_codes(&fw);
        let unique: BTreeSet<&str> = codes.iter().copied().collect();
        assert_eq!(unique.len(), codes.len(), "{id}: duplicate codes");
    }
}

#[test]
fn statement_codes_are_the_domain_prefix_and_printed_position() {
    for id in [RR, NIMHE] {
        let fw = framework(id);
        // Statements follow the domains' order, each domain's block contiguous.
        let order: Vec<&str> = fw.domains.iter().map(|d| d.id.as_str()).collect();
        let mut seen: Vec<&str> = fw.statements.iter().map(|s| s.domain.as_str()).collect();
        seen.dedup();
        assert_eq!(seen, order, "{id}: statements out of domain order");
        for domain in &fw.domains {
            let codes: Vec<&str> = in_domain(&fw, &domain.id)
                .iter()
                .map(|s| s.code.as_str())
                .collect();
            let expected: Vec<String> = (1..=codes.len())
                .map(|n| format!("{}{n}", domain.prefix))
                .collect();
            assert_eq!(codes, expected, "{id}: {} codes", domain.id);
        }
    }
}

#[test]
fn activity_and_resource_codes_are_numbered_in_printed_order() {
    let fw = framework(RR);
    let activities: Vec<&str> = fw.activities.iter().map(|a| a.code.as_str()).collect();
    let expected: Vec<String> = (1..=12).map(|n| format!("LA{n}")).collect();
    assert_eq!(activities, expected);
    // The individual and team activities come first, as printed.
    assert!(
        fw.activities[..9]
            .iter()
            .all(|a| a.audience == "individuals and teams")
    );
    let resources: Vec<&str> = fw.resources.iter().map(|r| r.code.as_str()).collect();
    let expected: Vec<String> = (1..=11).map(|n| format!("R{n}")).collect();
    assert_eq!(resources, expected);
    assert!(
        fw.resources[..4]
            .iter()
            .all(|r| r.kind == ResourceKind::Published)
    );
}

#[test]
fn every_statement_belongs_to_a_declared_domain() {
    for id in [RR, NIMHE] {
        let fw = framework(id);
        let domains: BTreeSet<&str> = fw.domains.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            domains.len(),
            fw.domains.len(),
            "{id}: duplicate domain ids"
        );
        let prefixes: BTreeSet<&str> = fw.domains.iter().map(|d| d.prefix.as_str()).collect();
        assert_eq!(prefixes.len(), fw.domains.len(), "{id}: duplicate prefixes");
        for s in &fw.statements {
            assert!(
                domains.contains(s.domain.as_str()),
                "{id}: {} domain",
                s.code
            );
            assert!(s.page.is_some(), "{id}: {} has no page", s.code);
        }
    }
}

#[test]
fn realising_recovery_pages_follow_the_printed_layout() {
    let fw = framework(RR);
    for (domain, first, last) in [
        ("knowledge", 12, 13),
        ("skills", 14, 15),
        ("values", 16, 17),
    ] {
        let statements = in_domain(&fw, domain);
        let d = fw.domains.iter().find(|d| d.id == domain).unwrap();
        assert_eq!(d.page.as_deref(), Some(first.to_string().as_str()));
        let pages: Vec<u32> = statements.iter().map(|s| page(s)).collect();
        assert_eq!(pages.first(), Some(&first), "{domain}");
        assert_eq!(pages.last(), Some(&last), "{domain}");
        assert!(
            pages.windows(2).all(|w| w[0] <= w[1]),
            "{domain}: pages go back"
        );
    }
}

#[test]
fn nimhe_principles_are_numbered_i_to_xii() {
    let fw = framework(NIMHE);
    let numbers: Vec<&str> = in_domain(&fw, "principles")
        .iter()
        .map(|s| s.number.as_deref().unwrap_or_default())
        .collect();
    let printed: Vec<&str> = NIMHE_OCR_NUMERALS.iter().map(|(_, p)| *p).collect();
    assert_eq!(numbers, printed);
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

#[test]
fn every_link_connects_existing_nodes_with_a_fitting_type() {
    for id in [RR, NIMHE] {
        let fw = framework(id);
        let statements = statement_codes(&fw);
        let sources: BTreeSet<&str> = fw
            .activities
            .iter()
            .map(|a| a.code.as_str())
            .chain(fw.resources.iter().map(|r| r.code.as_str()))
            .collect();
        let mut seen = BTreeSet::new();
        for link in &fw.links {
            let targets = link.to.as_slice();
            assert!(
                !targets.is_empty(),
                "{id}: link from {} has no target",
                link.from
            );
            for to in targets {
                assert!(
                    statements.contains(to.as_str()),
                    "{id}: unknown target {to}"
                );
                assert_ne!(&link.from, to, "{id}: self link {to}");
                assert!(
                    seen.insert((link.from.as_str(), to.as_str(), link.kind)),
                    "{id}: duplicate link {} -> {to}",
                    link.from
                );
            }
            match link.kind {
                LinkType::Supports => assert!(
                    sources.contains(link.from.as_str()),
                    "{id}: supports link from {} (not an activity or resource)",
                    link.from
                ),
                LinkType::IsRelatedTo => assert!(
                    statements.contains(link.from.as_str()),
                    "{id}: isRelatedTo from {} (not a statement)",
                    link.from
                ),
                other => panic!("{id}: unexpected link type {}", other.as_str()),
            }
        }
    }
}

#[test]
fn every_curated_link_names_its_curator_and_rationale() {
    for id in [RR, NIMHE] {
        let fw = framework(id);
        for link in &fw.links {
            assert_eq!(link.provenance, Provenance::Curated, "{id}: {}", link.from);
            assert_eq!(
                link.curated_by.as_deref(),
                Some("waypost project"),
                "{id}: link from {} has no curator",
                link.from
            );
            let rationale = link.rationale.as_deref().unwrap_or_default();
            assert!(
                !rationale.trim().is_empty(),
                "{id}: {} rationale",
                link.from
            );
        }
    }
}

#[test]
fn every_realising_recovery_statement_is_supported_by_an_activity_or_resource() {
    let fw = framework(RR);
    let supported: BTreeSet<&str> = fw
        .links
        .iter()
        .filter(|l| l.kind == LinkType::Supports)
        .flat_map(|l| l.to.as_slice().iter().map(String::as_str))
        .collect();
    let unsupported: Vec<&str> = fw
        .statements
        .iter()
        .map(|s| s.code.as_str())
        .filter(|c| !supported.contains(c))
        .collect();
    assert_eq!(unsupported, RR_UNSUPPORTED);
}

#[test]
fn every_activity_and_resource_supports_some_statement() {
    let fw = framework(RR);
    let sources: BTreeSet<&str> = fw
        .links
        .iter()
        .filter(|l| l.kind == LinkType::Supports)
        .map(|l| l.from.as_str())
        .collect();
    for code in fw
        .activities
        .iter()
        .map(|a| a.code.as_str())
        .chain(fw.resources.iter().map(|r| r.code.as_str()))
    {
        assert!(sources.contains(code), "{code} supports nothing");
    }
}

// ---------------------------------------------------------------------------------------------
// Crosswalk
// ---------------------------------------------------------------------------------------------

#[test]
fn crosswalk_codes_exist_in_their_frameworks() {
    let cw = crosswalk(CROSSWALK);
    assert_eq!(cw.id, CROSSWALK);
    assert_eq!((cw.from.as_str(), cw.to.as_str()), (RR, NIMHE));
    assert_eq!(cw.curated_by, "waypost project");
    let (from, to) = (framework(RR), framework(NIMHE));
    let (from, to) = (statement_codes(&from), statement_codes(&to));
    let mut seen = BTreeSet::new();
    for link in &cw.links {
        assert!(
            from.contains(link.from.as_str()),
            "unknown {RR} code {}",
            link.from
        );
        assert!(
            to.contains(link.to.as_str()),
            "unknown {NIMHE} code {}",
            link.to
        );
        assert!(
            seen.insert((link.from.as_str(), link.to.as_str())),
            "duplicate link {} -> {}",
            link.from,
            link.to
        );
        assert!(
            !link.rationale.trim().is_empty() && !link.rationale.contains('\n'),
            "{} -> {}: the rationale must be one line",
            link.from,
            link.to
        );
    }
    for u in &cw.unmapped {
        assert!(
            to.contains(u.code.as_str()),
            "unknown unmapped code {}",
            u.code
        );
        assert!(!u.reason.trim().is_empty(), "{} has no reason", u.code);
    }
}

#[test]
fn every_nimhe_principle_is_linked_or_listed_unmapped() {
    let cw = crosswalk(CROSSWALK);
    let nimhe = framework(NIMHE);
    let linked: BTreeSet<&str> = cw.links.iter().map(|l| l.to.as_str()).collect();
    let unmapped: BTreeSet<&str> = cw.unmapped.iter().map(|u| u.code.as_str()).collect();
    for p in in_domain(&nimhe, "principles") {
        let code = p.code.as_str();
        assert!(
            linked.contains(code) || unmapped.contains(code),
            "principle {code} is neither linked nor unmapped"
        );
    }
}

#[test]
fn every_nimhe_statement_is_either_linked_or_unmapped_never_both() {
    let cw = crosswalk(CROSSWALK);
    let nimhe = framework(NIMHE);
    let linked: BTreeSet<&str> = cw.links.iter().map(|l| l.to.as_str()).collect();
    let mut unmapped = BTreeSet::new();
    for u in &cw.unmapped {
        assert!(
            unmapped.insert(u.code.as_str()),
            "{} unmapped twice",
            u.code
        );
    }
    for s in &nimhe.statements {
        let code = s.code.as_str();
        assert!(
            linked.contains(code) != unmapped.contains(code),
            "{code} must be exactly one of linked or unmapped"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Curated metadata
// ---------------------------------------------------------------------------------------------

/// The theme vocabulary as listed in docs/frameworks.md (`- \`theme\`` lines under "## Themes").
fn documented_themes() -> BTreeSet<String> {
    let docs = read(&workspace().join("docs/frameworks.md"));
    let mut in_section = false;
    let mut themes = BTreeSet::new();
    for line in docs.lines() {
        if line.starts_with("## ") {
            in_section = line.trim() == "## Themes";
        } else if in_section && let Some(rest) = line.strip_prefix("- `") {
            let theme = rest.split('`').next().unwrap_or_default();
            themes.insert(theme.to_owned());
        }
    }
    assert!(
        !themes.is_empty(),
        "no themes listed under ## Themes in docs/frameworks.md"
    );
    themes
}

#[test]
fn labels_themes_and_synonyms_are_within_bounds_and_themes_are_documented() {
    let vocabulary = documented_themes();
    let mut used = BTreeSet::new();
    for id in [RR, NIMHE] {
        let fw = framework(id);
        for s in &fw.statements {
            let words = s.label.split_whitespace().count();
            assert!(
                (2..=5).contains(&words),
                "{id}: {} label '{}'",
                s.code,
                s.label
            );
            assert!((1..=4).contains(&s.themes.len()), "{id}: {} themes", s.code);
            assert!(
                (2..=6).contains(&s.synonyms.len()),
                "{id}: {} synonyms",
                s.code
            );
            let unique: BTreeSet<&String> = s.synonyms.iter().collect();
            assert_eq!(
                unique.len(),
                s.synonyms.len(),
                "{id}: {} repeats a synonym",
                s.code
            );
            let unique: BTreeSet<&String> = s.themes.iter().collect();
            assert_eq!(
                unique.len(),
                s.themes.len(),
                "{id}: {} repeats a theme",
                s.code
            );
            for theme in &s.themes {
                assert!(
                    vocabulary.contains(theme),
                    "{id}: {} theme '{theme}'",
                    s.code
                );
                used.insert(theme.clone());
            }
        }
        for a in &fw.activities {
            let label = a.label.as_deref().unwrap_or_default();
            assert!(
                (2..=5).contains(&label.split_whitespace().count()),
                "{}",
                a.code
            );
        }
    }
    let unused: Vec<&String> = vocabulary.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "documented themes never used: {unused:?}"
    );
}

#[test]
fn published_typos_are_kept_and_recorded_as_errata() {
    let rr = framework(RR);
    let nimhe = framework(NIMHE);
    let find = |fw: &Framework, code: &str| -> Statement {
        fw.statements
            .iter()
            .find(|s| s.code == code)
            .unwrap()
            .clone()
    };
    for (fw, code, typo) in [
        (&rr, "K13", "want to to access"),
        (&rr, "S5", "with services service users"),
        (
            &nimhe,
            "P7",
            "Clinicians and practitioners initial emphasis",
        ),
        (&nimhe, "D2", "resilience’s"),
    ] {
        let s = find(fw, code);
        assert!(s.text.contains(typo), "{code} no longer reads '{typo}'");
        assert!(s.erratum.is_some(), "{code} typo is not recorded");
    }
    let p3 = find(&nimhe, "P3");
    assert!(p3.erratum.as_deref().unwrap_or_default().contains("OCR"));
}

// ---------------------------------------------------------------------------------------------
// Text hygiene (always checked, with or without the source)
// ---------------------------------------------------------------------------------------------

/// Every published text of a framework, with a name for messages.
fn published_texts(fw: &Framework) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for p in &fw.purposes {
        texts.push(("purpose".to_owned(), p.text.clone()));
    }
    for d in &fw.definitions {
        texts.push((d.name.clone(), d.text.clone()));
    }
    for d in &fw.domains {
        if let Some(stem) = &d.stem {
            texts.push((format!("{} stem", d.id), stem.clone()));
        }
    }
    for s in &fw.statements {
        texts.push((s.code.clone(), s.text.clone()));
        for item in &s.items {
            texts.push((format!("{} item", s.code), item.clone()));
        }
    }
    for a in &fw.activities {
        texts.push((a.code.clone(), a.text.clone()));
    }
    for r in &fw.resources {
        texts.push((r.code.clone(), r.title.clone()));
        if let Some(d) = &r.description {
            texts.push((format!("{} description", r.code), d.clone()));
        }
    }
    texts
}

#[test]
fn texts_are_free_of_extraction_artefacts() {
    for id in [RR, NIMHE] {
        let fw = framework(id);
        for (name, text) in published_texts(&fw) {
            assert!(!text.is_empty(), "{id}: {name} is empty");
            assert_eq!(text.trim(), text, "{id}: {name} has outer whitespace");
            assert!(!text.contains("  "), "{id}: {name} has a double space");
            assert!(
                !text.contains(['\n', '\r', '\t']),
                "{id}: {name} has a line break"
            );
            assert!(
                !text.contains(['\u{FB01}', '\u{FB02}']),
                "{id}: {name} ligature"
            );
            assert!(!text.contains(['•', '¢']), "{id}: {name} bullet glyph");
            for artefact in ["The Framework", "PAGE ", "Introduction", ",;", ":;"] {
                assert!(
                    !text.contains(artefact),
                    "{id}: {name} contains '{artefact}'"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison with the source extraction (when it is available)
// ---------------------------------------------------------------------------------------------

#[test]
fn realising_recovery_statements_match_the_source_text_in_order() {
    let Some(seed) = seed(RR_SEED) else { return };
    let fw = framework(RR);
    for (domain, heading, next) in [
        ("knowledge", "Knowledge", "Skills"),
        ("skills", "Skills", "Values"),
        ("values", "Values", "Future NES/SRN project developments"),
    ] {
        let (stem, list) = rr_domain_list(&seed, heading, next);
        let d = fw.domains.iter().find(|d| d.id == domain).unwrap();
        assert_eq!(d.stem.as_deref(), Some(stem.as_str()), "{domain} stem");
        let statements = in_domain(&fw, domain);
        let data: Vec<&str> = statements.iter().map(|s| s.text.as_str()).collect();
        let source: Vec<&str> = list.items.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(data, source, "{domain} statements differ from the source");
        // A running head inside the list marks a page break.
        let first = page(statements[0]);
        for (s, (_, breaks)) in statements.iter().zip(&list.items) {
            assert_eq!(page(s), first + breaks, "{} page", s.code);
        }
    }
}

#[test]
fn realising_recovery_purposes_match_the_source_text() {
    let Some(seed) = seed(RR_SEED) else { return };
    let fw = framework(RR);
    let lines: Vec<&str> = seed.lines().collect();
    let purposes = between(
        &lines,
        |l| l == "The purpose of this Framework is to:",
        |l| l == "In the future it should:",
    );
    let future = between(
        &lines,
        |l| l == "In the future it should:",
        |l| l == "The Values underpinning the Framework",
    );
    for (kind, lines) in [
        (PurposeKind::Purpose, purposes),
        (PurposeKind::Future, future),
    ] {
        let source: Vec<String> = rr_bullets(&lines)
            .items
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        let data: Vec<String> = fw
            .purposes
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.text.clone())
            .collect();
        assert_eq!(data, source, "{kind:?} purposes differ from the source");
    }
}

#[test]
fn realising_recovery_activities_match_the_source_text() {
    let Some(seed) = seed(RR_SEED) else { return };
    let fw = framework(RR);
    let lines: Vec<&str> = seed.lines().collect();
    for (audience, heading) in [
        (
            "individuals and teams",
            "Learning activities that individuals and teams can undertake:",
        ),
        (
            "services",
            "Learning activities that services can facilitate:",
        ),
    ] {
        let source = rr_activity_list(&lines, heading);
        let data: Vec<String> = fw
            .activities
            .iter()
            .filter(|a| a.audience == audience)
            .map(|a| a.text.clone())
            .collect();
        assert_eq!(
            data, source,
            "activities for {audience} differ from the source"
        );
    }
}

#[test]
fn realising_recovery_resources_match_the_source_text() {
    let Some(seed) = seed(RR_SEED) else { return };
    let fw = framework(RR);
    let (works, sites) = rr_resources(&seed);
    let data_works: Works = fw
        .resources
        .iter()
        .filter(|r| r.kind == ResourceKind::Published)
        .map(|r| (r.title.clone(), r.url.clone()))
        .collect();
    assert_eq!(data_works, works);
    let data_sites: Vec<(String, String)> = fw
        .resources
        .iter()
        .filter(|r| r.kind == ResourceKind::Website)
        .map(|r| (r.url.clone().unwrap(), r.description.clone().unwrap()))
        .collect();
    assert_eq!(data_sites, sites);
}

#[test]
fn realising_recovery_definitions_occur_in_the_source() {
    let Some(seed) = seed(RR_SEED) else { return };
    let fw = framework(RR);
    let flat = flatten(&seed);
    for d in &fw.definitions {
        assert!(
            flat.contains(&d.text),
            "definition '{}' not in the source",
            d.name
        );
        let attribution = d.attribution.as_deref().unwrap();
        assert!(
            flat.contains(attribution),
            "attribution '{attribution}' not in the source"
        );
    }
}

#[test]
fn nimhe_principles_match_the_source_text() {
    let Some(seed) = seed(NIMHE_SEED) else { return };
    let fw = framework(NIMHE);
    let source = nimhe_principles(&seed);
    let numerals: Vec<&str> = source.iter().map(|(n, _)| n.as_str()).collect();
    let ocr: Vec<&str> = NIMHE_OCR_NUMERALS.iter().map(|(o, _)| *o).collect();
    assert_eq!(numerals, ocr, "the OCR'd principle numerals changed");
    let principles = in_domain(&fw, "principles");
    assert_eq!(principles.len(), source.len());
    for (s, (_, list)) in principles.iter().zip(&source) {
        assert_eq!(s.text, list.lead, "{} text differs from the source", s.code);
        let items: Vec<&str> = list.items.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(s.items, items, "{} items differ from the source", s.code);
    }
}

#[test]
fn nimhe_meanings_system_aims_values_and_diversity_match_the_source_text() {
    let Some(seed) = seed(NIMHE_SEED) else { return };
    let fw = framework(NIMHE);
    let lines: Vec<&str> = seed.lines().collect();
    let stems: BTreeMap<&str, &str> = fw
        .domains
        .iter()
        .filter_map(|d| Some((d.id.as_str(), d.stem.as_deref()?)))
        .collect();
    let sections: [(&str, Vec<&str>); 4] = [
        (
            "meanings",
            between(
                &lines,
                |l| l.ends_with("following meanings:"),
                |l| l.starts_with("Taken together"),
            ),
        ),
        (
            "system",
            between(
                &lines,
                |l| l.ends_with("system of care will:"),
                |l| l == "NIMHE Statement",
            ),
        ),
        (
            "values-based-practice",
            between(
                &lines,
                |l| l.ends_with("principles of values-based practice:"),
                |l| l.starts_with("Respect for diversity of values"),
            ),
        ),
        (
            "diversity",
            between(
                &lines,
                |l| l == "Respect for diversity within mental health is also,",
                |l| l.starts_with("NIMHE will encourage"),
            ),
        ),
    ];
    let flat = flatten(&seed);
    for (domain, section) in sections {
        let list = nimhe_list(&section);
        assert!(list.lead.is_empty(), "{domain}: text before the first item");
        let statements = in_domain(&fw, domain);
        let data: Vec<(Option<&str>, &str)> = statements
            .iter()
            .map(|s| (s.number.as_deref(), s.text.as_str()))
            .collect();
        let source: Vec<(Option<&str>, &str)> = list
            .items
            .iter()
            .map(|(n, t)| (n.as_deref(), t.as_str()))
            .collect();
        assert_eq!(data, source, "{domain} statements differ from the source");
        let stem = stems.get(domain).unwrap();
        assert!(flat.contains(stem), "{domain} stem not in the source");
    }
}

#[test]
fn nimhe_purposes_and_definitions_occur_in_the_source() {
    let Some(seed) = seed(NIMHE_SEED) else { return };
    let fw = framework(NIMHE);
    let flat = flatten(&seed);
    for p in &fw.purposes {
        assert!(
            flat.contains(&p.text),
            "purpose '{}' not in the source",
            p.text
        );
    }
    for d in &fw.definitions {
        assert!(
            flat.contains(&d.text),
            "definition '{}' not in the source",
            d.name
        );
    }
    for domain in [
        "meanings",
        "system",
        "principles",
        "values-based-practice",
        "diversity",
    ] {
        let page = fw
            .domains
            .iter()
            .find(|d| d.id == domain)
            .and_then(|d| d.page.as_deref())
            .unwrap();
        assert!(
            flat.contains(page),
            "{domain} section '{page}' not in the source"
        );
    }
}
