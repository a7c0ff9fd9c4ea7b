//! A curriculum checked against several frameworks, in every format: each framework's report
//! as it would be alone, one after the other, under a heading that lists them with their
//! verdicts; CSV with a `framework` column; the workbook with a sheet a framework.

use askama::Template;

use crate::{
    checks::Checks,
    coverage::Report,
    render::{
        csv, html,
        markdown::{escape, report_markdown},
        text::report_text,
    },
};

fn name(report: &Report) -> &str {
    report
        .framework
        .short_title
        .as_deref()
        .unwrap_or(&report.framework.title)
}

fn verdict(passed: bool) -> &'static str {
    if passed {
        "policy met"
    } else {
        "policy not met"
    }
}

/// The closing line: how many frameworks, and which failed.
fn closing(checks: &Checks) -> String {
    let n = checks.reports.len();
    if checks.passed {
        format!("checked against {n} frameworks: the policy is met for every one")
    } else {
        let failed: Vec<String> = checks.failed.iter().map(|f| format!("`{f}`")).collect();
        format!(
            "checked against {n} frameworks: the policy is not met for {}",
            failed.join(", ")
        )
    }
}

/// Every framework's report as text, each under a rule naming it, then one verdict.
pub fn checks_text(checks: &Checks, color: bool) -> String {
    let mut out = String::new();
    let n = checks.reports.len();
    for (i, report) in checks.reports.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "── {} of {n}: {} ({}) ──\n\n",
            i + 1,
            name(report),
            report.framework.id
        ));
        out.push_str(&report_text(report, color));
    }
    out.push('\n');
    out.push_str(&closing(checks));
    out.push('\n');
    out
}

/// Every framework's report as Markdown, after a list of the frameworks and their verdicts.
pub fn checks_markdown(checks: &Checks) -> String {
    let title = checks
        .reports
        .first()
        .map_or(checks.curriculum.as_str(), |r| r.curriculum.title.as_str());
    let mut out = format!(
        "# {}: coverage of {} frameworks\n\n",
        escape(title),
        checks.reports.len()
    );
    for report in &checks.reports {
        out.push_str(&format!(
            "- `{}` ({}): {}\n",
            report.framework.id,
            escape(name(report)),
            verdict(report.passed)
        ));
    }
    out.push('\n');
    for report in &checks.reports {
        out.push_str("---\n\n");
        out.push_str(&report_markdown(report));
        out.push('\n');
    }
    out
}

#[derive(Template)]
#[template(
    source = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="waypost {{ version }}">
<title>{{ title }} — coverage of {{ toc.len() }} frameworks</title>
<style>{{ css|safe }}</style>
</head>
<body>
<nav aria-label="Frameworks" class="frameworks">
  <p class="kicker">Coverage of {{ toc.len() }} frameworks · {{ closing }}</p>
  <ul>{% for (id, name, passed) in toc %}<li><a href="#framework-{{ id }}">{{ name }}</a> — {% if passed %}policy met{% else %}policy not met{% endif %}</li>{% endfor %}</ul>
</nav>
{% for (id, body) in bodies %}<section class="framework-report" id="framework-{{ id }}">
{{ body|safe }}</section>
{% endfor %}</body>
</html>
"##,
    ext = "html"
)]
struct Page<'a> {
    version: &'static str,
    css: &'static str,
    title: &'a str,
    closing: String,
    toc: Vec<(&'a str, &'a str, bool)>,
    bodies: Vec<(&'a str, String)>,
}

/// The prefix of a framework's ids in a page of several: its id, then `--`, so that a link
/// to a statement reads as the framework and the code (`#example-standards--s-1.1`) and the
/// sections' own ids (`framework-…`) stay apart.
fn ids_of(report: &Report) -> String {
    format!("{}--", report.framework.id)
}

/// One HTML page: a list of the frameworks with their verdicts, then each framework's report
/// as its own page shows it (its body, escaped as it was rendered), its ids led by the
/// framework's so that none is repeated and each link stays in its own section.
pub fn checks_html(checks: &Checks) -> String {
    let bodies = checks
        .reports
        .iter()
        .map(|r| {
            let page = html::report_html_ids(r, &ids_of(r));
            let body = page
                .split_once("<body>")
                .and_then(|(_, rest)| rest.rsplit_once("</body>"))
                .map_or(String::new(), |(body, _)| {
                    body.trim_start_matches('\n').to_string()
                });
            (r.framework.id.as_str(), body)
        })
        .collect();
    let page = Page {
        version: env!("CARGO_PKG_VERSION"),
        css: html::CSS,
        title: checks
            .reports
            .first()
            .map_or(checks.curriculum.as_str(), |r| r.curriculum.title.as_str()),
        closing: closing(checks).replace('`', ""),
        toc: checks
            .reports
            .iter()
            .map(|r| (r.framework.id.as_str(), name(r), r.passed))
            .collect(),
        bodies,
    };
    page.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>cannot render the report: {e}</p>"))
}

/// The matrices of every framework in one CSV, each row led by its framework's id. The
/// `crosswalk` column is there when any framework's coverage is derived from one, and the
/// tree's columns when any framework has parents (empty for the others).
pub fn checks_csv(checks: &Checks) -> String {
    let crosswalk = checks.reports.iter().any(csv::has_crosswalk);
    let tree = checks.reports.iter().any(csv::has_tree);
    let mut header = vec!["framework".to_string()];
    let mut rows = Vec::new();
    for (i, report) in checks.reports.iter().enumerate() {
        let (h, r) = csv::matrix_rows_with(report, crosswalk, tree);
        if i == 0 {
            header.extend(h);
        }
        rows.extend(r.into_iter().map(|row| {
            let mut out = vec![report.framework.id.clone()];
            out.extend(row);
            out
        }));
    }
    csv::csv_text(&header, &rows)
}
