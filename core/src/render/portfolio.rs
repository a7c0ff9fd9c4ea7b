//! Portfolio and diff reports: text, Markdown, CSV matrix and HTML.

use std::{fmt::Write, sync::Arc};

use askama::Template;

use crate::{
    diff::{Diff, LevelChange},
    portfolio::Portfolio,
    render::{markdown::escape as md, plural, text::Paint},
};

fn level_or_gap<S: AsRef<str>>(l: &Option<S>) -> &str {
    l.as_ref().map_or("gap", AsRef::as_ref)
}

fn codes_line<S: std::borrow::Borrow<str>>(codes: &[S]) -> String {
    if codes.is_empty() {
        "none".to_string()
    } else {
        codes.join(", ")
    }
}

/// A portfolio as terminal text.
pub fn portfolio_text(p: &Portfolio, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    let name = p
        .framework
        .short_title
        .as_deref()
        .unwrap_or(&p.framework.title);
    let _ = writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "Portfolio coverage of {name} — {}",
            plural(p.courses.len(), "course")
        ))
    );
    let _ = writeln!(
        out,
        "\n{}",
        paint.bold(&format!(
            "{:<44}{:>9}{:>9}{:>6}  provider",
            "course", "covered", "assessed", "gaps"
        ))
    );
    for c in &p.courses {
        let _ = writeln!(
            out,
            "{:<44}{:>9}{:>9}{:>6}  {}",
            truncate(&c.title, 43),
            c.covered,
            c.assessed,
            c.gaps,
            c.provider.as_deref().unwrap_or("-")
        );
    }
    let _ = writeln!(
        out,
        "\n{}",
        paint.bold(&format!(
            "{:<44}{:>9}{:>9}{:>6}{:>9}",
            "provider", "courses", "covered", "gaps", "assessed"
        ))
    );
    for pr in &p.providers {
        let _ = writeln!(
            out,
            "{:<44}{:>9}{:>9}{:>6}{:>9}",
            truncate(&pr.provider, 43),
            pr.courses,
            pr.covered,
            pr.gaps,
            pr.assessed
        );
    }
    let total = p.statements.len();
    let _ = writeln!(
        out,
        "\n{} ({} of {total})",
        paint.red("covered by no course"),
        p.uncovered.len()
    );
    let _ = writeln!(out, "  {}", codes_line(&p.uncovered));
    let _ = writeln!(
        out,
        "assessed by no course ({} of {total})",
        p.unassessed.len()
    );
    let _ = writeln!(out, "  {}", codes_line(&p.unassessed));
    let _ = writeln!(out, "only ever introduced ({})", p.introduced_only.len());
    let _ = writeln!(out, "  {}", codes_line(&p.introduced_only));
    let _ = writeln!(
        out,
        "covered by one course only ({})",
        p.single_course.len()
    );
    let _ = writeln!(out, "  {}", codes_line(&p.single_course));
    if !p.failures.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint.red(&format!("files left out ({})", p.failures.len()))
        );
        for f in &p.failures {
            let _ = writeln!(out, "  {}", f.error.message.replace('\n', "\n  "));
        }
    }
    out.push_str(&super::reach::reach_text(p));
    super::text::shown(out, color)
}

/// A portfolio as Markdown.
pub fn portfolio_markdown(p: &Portfolio) -> String {
    let mut out = String::new();
    let name = p
        .framework
        .short_title
        .as_deref()
        .unwrap_or(&p.framework.title);
    let _ = writeln!(out, "# Portfolio coverage of {}\n", md(name));
    let _ = writeln!(
        out,
        "{} analysed against `{}`.\n",
        plural(p.courses.len(), "course"),
        p.framework.id
    );
    let _ = writeln!(
        out,
        "## Courses\n\n| Course | Provider | Covered | Assessed | Gaps |\n|---|---|---:|---:|---:|"
    );
    for c in &p.courses {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&c.title),
            md(c.provider.as_deref().unwrap_or("")),
            c.covered,
            c.assessed,
            c.gaps
        );
    }
    let _ = writeln!(
        out,
        "\n## Providers\n\n| Provider | Courses | Covered | Assessed | Gaps |\n|---|---:|---:|---:|---:|"
    );
    for pr in &p.providers {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&pr.provider),
            pr.courses,
            pr.covered,
            pr.assessed,
            pr.gaps
        );
    }
    let label = |code: &Arc<str>| {
        p.statements
            .iter()
            .find(|s| &s.code == code)
            .map_or(code.to_string(), |s| format!("{} {}", s.code, md(&s.label)))
    };
    for (title, list) in [
        ("Covered by no course", &p.uncovered),
        ("Assessed by no course", &p.unassessed),
        ("Only ever introduced", &p.introduced_only),
        ("Covered by one course only", &p.single_course),
    ] {
        let _ = writeln!(out, "\n## {title} ({})\n", list.len());
        if list.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for code in list {
            let _ = writeln!(out, "- {}", label(code));
        }
    }
    let _ = writeln!(out, "\n## Statements × courses\n");
    let mut header = "| Code |".to_string();
    let mut rule = "|---|".to_string();
    for (i, _) in p.courses.iter().enumerate() {
        header.push_str(&format!(" {} |", i + 1));
        rule.push_str(":-:|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for s in &p.statements {
        let cells: String = s
            .levels
            .iter()
            .map(|l| format!(" {} |", l.as_deref().map(initial).unwrap_or_default()))
            .collect();
        let _ = writeln!(out, "| {} |{cells}", s.code);
    }
    let _ = writeln!(out);
    for (i, c) in p.courses.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, md(&c.title));
    }
    if !p.failures.is_empty() {
        let _ = writeln!(out, "\n## Files left out\n");
        for f in &p.failures {
            let _ = writeln!(
                out,
                "- `{}`: {}",
                f.path,
                md(f.error.message.lines().next().unwrap_or_default())
            );
        }
    }
    out.push_str(&super::reach::reach_markdown(p));
    super::text::shown(out, false)
}

/// The statements × courses matrix as CSV: every text cell through the one formula guard
/// ([`crate::safe::spreadsheet_cell`]); counts are numbers and written as they are.
pub fn portfolio_csv(p: &Portfolio) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let guard = |cell: &str| crate::safe::spreadsheet_cell(cell).into_owned();
    let mut header: Vec<String> = ["code", "domain", "label", "level", "courses", "assessed_by"]
        .map(String::from)
        .to_vec();
    header.extend(p.courses.iter().map(|c| guard(&c.id)));
    header.extend(super::reach::reach_csv_header(p).iter().map(|h| guard(h)));
    let mut ok = writer.write_record(&header).is_ok();
    for (si, s) in p.statements.iter().enumerate() {
        let mut row = vec![
            guard(&s.code),
            guard(&s.domain),
            guard(&s.label),
            guard(s.level.as_deref().unwrap_or_default()),
            s.courses.to_string(),
            s.assessed_by.to_string(),
        ];
        row.extend(
            s.levels
                .iter()
                .map(|l| guard(l.as_deref().unwrap_or_default())),
        );
        row.extend(super::reach::reach_csv_cells(p, si));
        ok &= writer.write_record(&row).is_ok();
    }
    match (ok, writer.into_inner()) {
        (true, Ok(bytes)) => String::from_utf8(bytes).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A heatmap cell: colour class, tooltip, and the level's initial.
type Cell = (usize, String, String);

#[derive(Template)]
#[template(path = "portfolio.html")]
struct Page<'a> {
    p: &'a Portfolio,
    css: &'static str,
    version: &'static str,
    name: &'a str,
    legend: Vec<Cell>,
    rows: Vec<(String, String, Vec<Cell>)>,
    lists: Vec<(&'static str, Vec<(String, String)>)>,
    /// The reach and gap-to-training sections, rendered (empty without them).
    reach: String,
}

/// A portfolio as one self-contained HTML page with a statements × courses heatmap.
pub fn portfolio_html(p: &Portfolio) -> String {
    let levels = &p.levels;
    let name = p
        .framework
        .short_title
        .as_deref()
        .unwrap_or(&p.framework.title);
    let rows = p
        .statements
        .iter()
        .map(|s| {
            let cells = s
                .levels
                .iter()
                .zip(&p.courses)
                .map(|(l, c)| {
                    let class = super::level_shade(levels, l.as_deref());
                    (
                        class,
                        format!("{} in {}: {}", s.code, c.title, level_or_gap(l)),
                        l.as_deref().map(initial).unwrap_or_default(),
                    )
                })
                .collect();
            (s.code.to_string(), s.label.to_string(), cells)
        })
        .collect();
    let label = |code: &Arc<str>| {
        (
            code.to_string(),
            p.statements
                .iter()
                .find(|s| &s.code == code)
                .map(|s| s.label.to_string())
                .unwrap_or_default(),
        )
    };
    let lists = vec![
        (
            "Covered by no course",
            p.uncovered.iter().map(label).collect(),
        ),
        (
            "Assessed by no course",
            p.unassessed.iter().map(label).collect(),
        ),
        (
            "Only ever introduced",
            p.introduced_only.iter().map(label).collect(),
        ),
        (
            "Covered by one course only",
            p.single_course.iter().map(label).collect(),
        ),
    ];
    let page = Page {
        p,
        css: super::html::CSS,
        version: env!("CARGO_PKG_VERSION"),
        name,
        legend: levels
            .iter()
            .map(|l| (super::level_shade(levels, Some(l)), initial(l), l.clone()))
            .collect(),
        rows,
        lists,
        reach: super::reach::reach_html(p),
    };
    page.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>cannot render the portfolio: {e}</p>"))
}

/// A diff as terminal text.
pub fn diff_text(d: &Diff, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    let version =
        |c: &crate::coverage::CurriculumInfo| c.version.clone().unwrap_or_else(|| c.id.clone());
    let _ = writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "{}: {} → {}",
            d.new.title,
            version(&d.old),
            version(&d.new)
        ))
    );
    let t = &d.totals;
    let _ = writeln!(
        out,
        "covered {} → {}, assessed {} → {}\n",
        t.old_covered, t.new_covered, t.old_assessed, t.new_assessed
    );
    let section = |out: &mut String, title: String, list: &[LevelChange]| {
        if list.is_empty() {
            return;
        }
        let _ = writeln!(out, "{title}");
        for c in list {
            let _ = writeln!(
                out,
                "  {:<5}{:<42} {} → {}",
                c.code,
                c.label,
                level_or_gap(&c.from),
                level_or_gap(&c.to)
            );
        }
    };
    section(
        &mut out,
        paint.green(&format!("gained ({})", d.gained.len())),
        &d.gained,
    );
    section(
        &mut out,
        paint.red(&format!("lost ({})", d.lost.len())),
        &d.lost,
    );
    section(
        &mut out,
        paint.green(&format!("raised ({})", d.raised.len())),
        &d.raised,
    );
    section(
        &mut out,
        paint.red(&format!("lowered ({})", d.lowered.len())),
        &d.lowered,
    );
    if d.gained.is_empty() && d.lost.is_empty() && d.raised.is_empty() && d.lowered.is_empty() {
        let _ = writeln!(out, "no statement changed level");
    }
    if !d.changes.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            paint.bold(&format!("units and assessments ({})", d.changes.len()))
        );
        for c in &d.changes {
            let mut parts = Vec::new();
            if !c.added.is_empty() {
                parts.push(format!("+{}", c.added.join(" +")));
            }
            if !c.removed.is_empty() {
                parts.push(format!("-{}", c.removed.join(" -")));
            }
            let _ = writeln!(
                out,
                "  {:<8} {} {}/{}  {}",
                c.change,
                c.part,
                c.module,
                c.id,
                parts.join(" ")
            );
        }
    }
    super::text::shown(out, color)
}

/// A diff as Markdown.
pub fn diff_markdown(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: what changed\n", md(&d.new.title));
    let t = &d.totals;
    let _ = writeln!(
        out,
        "Covered {} → {}; assessed {} → {}.\n",
        t.old_covered, t.new_covered, t.old_assessed, t.new_assessed
    );
    for (title, list) in [
        ("Gained", &d.gained),
        ("Lost", &d.lost),
        ("Raised", &d.raised),
        ("Lowered", &d.lowered),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "## {title} ({})\n\n| Code | Statement | Before | After |\n|---|---|---|---|",
            list.len()
        );
        for c in list {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                c.code,
                md(&c.label),
                level_or_gap(&c.from),
                level_or_gap(&c.to)
            );
        }
        let _ = writeln!(out);
    }
    if !d.changes.is_empty() {
        let _ = writeln!(
            out,
            "## Units and assessments\n\n| Change | Part | Added | Removed |\n|---|---|---|---|"
        );
        for c in &d.changes {
            let _ = writeln!(
                out,
                "| {} | {} `{}/{}` | {} | {} |",
                c.change,
                c.part,
                c.module,
                c.id,
                md(&c.added.join(", ")),
                md(&c.removed.join(", "))
            );
        }
    }
    super::text::shown(out, false)
}

fn initial(level: &str) -> String {
    level
        .chars()
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default()
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars()
                .take(max.saturating_sub(1))
                .collect::<String>()
                .trim_end()
        )
    }
}
