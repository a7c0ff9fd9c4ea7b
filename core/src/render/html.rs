//! A self-contained HTML report: one file, inline CSS, no scripts and no network, which prints
//! cleanly to A4. Every string from an input file goes through askama's HTML escaping.

use askama::Template;

use crate::coverage::{EvidenceOf, Report};

pub(crate) const CSS: &str = include_str!("../../templates/report.css");

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    r: &'a Report,
    version: &'static str,
    css: &'static str,
    framework_name: &'a str,
    policy_title: &'a str,
    covered_percent: String,
    domains: Vec<DomainRow>,
    legend: Vec<(usize, String, String)>,
    groups: Vec<(String, usize)>,
    columns: Vec<String>,
    rows: Vec<HeatRow>,
    total: Vec<(usize, String, String)>,
    statements: Vec<StatementView<'a>>,
    crosswalk: Option<String>,
    /// The programme's thread: its years, and per statement its cells (shade, title, initial)
    /// and credits; empty for a curriculum of one year.
    thread_years: Vec<u8>,
    thread: Vec<(String, Vec<Cell>, u32)>,
    /// Put before every element id and every reference to one: empty for a page of its own,
    /// a framework's prefix for its section of a page of several (ids unique in the page).
    ids: &'a str,
}

/// A heatmap cell: its shade, its title, and the level's initial.
type Cell = (usize, String, String);

struct DomainRow {
    name: String,
    total: usize,
    counts: Vec<usize>,
    gaps: usize,
    segments: Vec<(usize, String)>,
    aria: String,
}

struct HeatRow {
    code: String,
    title: String,
    cells: Vec<(usize, String, String)>,
}

struct StatementView<'a> {
    code: &'a str,
    label: &'a str,
    level: Option<&'a str>,
    index: usize,
    units: Vec<EvidenceOf<'a>>,
    /// The statement it sits under.
    parent: Option<&'a str>,
    /// For a parent, how its level derives from its children.
    note: Option<String>,
}

fn initial(level: &str) -> String {
    level
        .chars()
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default()
}

/// Renders a coverage report as one self-contained HTML page.
pub fn report_html(report: &Report) -> String {
    report_html_ids(report, "")
}

/// [`report_html`] with every element id, and every reference to one (`href="#…"`,
/// `aria-labelledby`), led by `ids`: a page of several reports gives each its own prefix.
pub(crate) fn report_html_ids(report: &Report, ids: &str) -> String {
    let levels = &report.levels;
    let framework_name = report
        .framework
        .short_title
        .as_deref()
        .unwrap_or(&report.framework.title);
    let domains = report
        .domains
        .iter()
        .map(|d| {
            let counts: Vec<usize> = levels
                .iter()
                .map(|l| d.by_level.get(l).copied().unwrap_or(0))
                .collect();
            let segments = counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| {
                    (
                        super::level_shade(levels, levels.get(i).map(String::as_str)),
                        format!("{:.2}", *n as f64 * 100.0 / d.total.max(1) as f64),
                    )
                })
                .collect();
            let aria = levels
                .iter()
                .zip(&counts)
                .map(|(l, n)| format!("{n} {l}"))
                .collect::<Vec<_>>()
                .join(", ");
            DomainRow {
                name: d.name.clone(),
                total: d.total,
                counts,
                gaps: d.gaps,
                segments,
                aria: format!("{aria}, {} gaps", d.gaps),
            }
        })
        .collect();
    let legend = levels
        .iter()
        .map(|l| (super::level_shade(levels, Some(l)), initial(l), l.clone()))
        .collect();
    let mut groups: Vec<(String, usize)> = Vec::new();
    for st in &report.statements {
        let name = report
            .domains
            .iter()
            .find(|d| d.id == st.domain)
            .map_or(st.domain.clone(), |d| d.name.clone());
        match groups.last_mut() {
            Some((g, n)) if *g == name => *n += 1,
            _ => groups.push((name, 1)),
        }
    }
    let columns = report.statements.iter().map(|s| s.code.clone()).collect();
    let cell = |code: &str, label: &str, level: Option<&str>, whose: &str| {
        let class = super::level_shade(levels, level);
        let title = match level {
            Some(l) => format!("{code} {label}: {l} in {whose}"),
            None => format!("{code} {label}: not covered in {whose}"),
        };
        (class, title, level.map(initial).unwrap_or_default())
    };
    let rows = report
        .modules
        .iter()
        .map(|m| HeatRow {
            code: m.code.clone(),
            title: m.title.clone().unwrap_or_default(),
            cells: report
                .statements
                .iter()
                .map(|s| {
                    cell(
                        &s.code,
                        &s.label,
                        m.reaches.get(s.code.as_str()).map(|l| &**l),
                        &m.code,
                    )
                })
                .collect(),
        })
        .collect();
    let total = report
        .statements
        .iter()
        .map(|s| cell(&s.code, &s.label, s.level.as_deref(), "the programme"))
        .collect();
    let statements = report
        .statements
        .iter()
        .map(|s| StatementView {
            code: &s.code,
            label: &s.label,
            level: s.level.as_deref(),
            index: super::level_shade(levels, s.level.as_deref()),
            units: EvidenceOf::all(&report.units, &s.units),
            parent: s.parent.as_deref(),
            note: s.derived.as_ref().map(super::derivation_note),
        })
        .collect();
    let thread_years = report
        .thread
        .as_ref()
        .map(|t| t.years.clone())
        .unwrap_or_default();
    let thread = report
        .thread
        .iter()
        .flat_map(|t| &t.statements)
        .zip(&report.statements)
        .map(|(row, s)| {
            let cells = row
                .by_year
                .iter()
                .zip(&thread_years)
                .map(|(level, y)| cell(&s.code, &s.label, level.as_deref(), &format!("year {y}")))
                .collect();
            (row.code.clone(), cells, row.credits)
        })
        .collect();
    let covered = report.summary.covered as f64 / report.summary.statements.max(1) as f64;
    let page = Page {
        r: report,
        version: env!("CARGO_PKG_VERSION"),
        css: CSS,
        framework_name,
        policy_title: report.policy.title.as_deref().unwrap_or("policy"),
        covered_percent: super::percent(covered),
        domains,
        legend,
        groups,
        columns,
        rows,
        total,
        statements,
        crosswalk: super::crosswalk_sentence(report),
        thread_years,
        thread,
        ids,
    };
    // Rendering into a String only fails if a Display impl fails, which none of these do.
    page.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>cannot render the report: {e}</p>"))
}
