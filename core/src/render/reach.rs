//! The reach and gap-to-training sections of a portfolio report, in each format: each adds
//! nothing when the portfolio holds no reach data and no training was asked for, so such a
//! report is what it always was.

use std::fmt::Write as _;

use askama::Template;

use super::markdown::escape as md;
use crate::{portfolio::Portfolio, reach::Reach};

fn thousands(n: u64) -> String {
    n.to_string()
}

/// "community 600, acute inpatient 48".
fn by(map: &std::collections::BTreeMap<String, u64>, order: &[String]) -> String {
    let mut parts: Vec<String> = order
        .iter()
        .filter_map(|k| map.get(k).map(|n| format!("{k} {n}")))
        .collect();
    parts.extend(
        map.iter()
            .filter(|(k, _)| !order.contains(k))
            .map(|(k, n)| format!("{k} {n}")),
    );
    parts.join(", ")
}

fn providers(map: &std::collections::BTreeMap<String, u64>) -> String {
    by(map, &[])
}

fn levels_line(p: &Portfolio, by_level: &[u64]) -> String {
    p.levels
        .iter()
        .zip(by_level)
        .map(|(l, n)| format!("{l} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn reach_header(r: &Reach) -> String {
    let mut line = format!(
        "{} learners a year across the courses that say",
        thousands(r.learners)
    );
    if !r.without_learners.is_empty() {
        let _ = write!(
            line,
            "; counted as none: {} (no `learners_per_year`)",
            r.without_learners.join(", ")
        );
    }
    line
}

/// The reach and training sections as terminal text.
pub(crate) fn reach_text(p: &Portfolio) -> String {
    let mut out = String::new();
    if let Some(r) = &p.reach {
        let _ = writeln!(out, "\nreach: {}", reach_header(r));
        let _ = writeln!(
            out,
            "  settings served: {}",
            or_none(&r.settings.join(", "))
        );
        let _ = writeln!(
            out,
            "  settings no course serves: {}",
            or_none(&r.unserved.join(", "))
        );
        let _ = writeln!(
            out,
            "taught but reaching fewer than {} learners a year ({})",
            r.few_learners,
            r.few.len()
        );
        let _ = writeln!(out, "  {}", or_none(&r.few.join(", ")));
        for gap in &r.missing {
            let _ = writeln!(
                out,
                "taught, but by no course in {} ({})",
                gap.setting,
                gap.statements.len()
            );
            let _ = writeln!(out, "  {}", gap.statements.join(", "));
        }
        let _ = writeln!(out, "learners a year per statement (by level; by setting)");
        for s in r.statements.iter().filter(|s| s.learners > 0) {
            let _ = writeln!(
                out,
                "  {:<4} {:>6}  {}; {}",
                s.code,
                s.learners,
                levels_line(p, &s.by_level),
                by(&s.by_setting, &r.settings)
            );
        }
        for w in &r.warnings {
            let _ = writeln!(out, "warning: {}", w.to_string().replace('\n', "\n  "));
        }
    }
    if let Some(training) = &p.training {
        let _ = writeln!(out, "\nfrom gap to training ({})", training.len());
        for g in training {
            let _ = writeln!(out, "  {} {}", g.code, g.label);
            let supports: Vec<String> = g.supports.iter().map(|s| s.code.clone()).collect();
            let _ = writeln!(
                out,
                "    activities and resources: {}",
                or_none(&supports.join(", "))
            );
            let _ = writeln!(
                out,
                "    neighbours: {}",
                or_none(
                    &g.neighbours
                        .iter()
                        .map(|n| format!("{} ({})", n.code, n.why))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            );
            for c in &g.courses {
                let _ = writeln!(
                    out,
                    "    add to: {} (covers {})",
                    c.title,
                    c.covers.join(", ")
                );
            }
        }
    }
    out
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

/// The reach and training sections as Markdown.
pub(crate) fn reach_markdown(p: &Portfolio) -> String {
    let mut out = String::new();
    if let Some(r) = &p.reach {
        let _ = writeln!(out, "\n## Reach\n");
        let _ = writeln!(out, "{}.\n", md(&reach_header(r)));
        let _ = writeln!(
            out,
            "- Settings served: {}",
            md(or_none(&r.settings.join(", ")))
        );
        let _ = writeln!(
            out,
            "- Settings no course serves: {}",
            md(or_none(&r.unserved.join(", ")))
        );
        let _ = writeln!(
            out,
            "- Taught but reaching fewer than {} learners a year: {}",
            r.few_learners,
            or_none(&r.few.join(", "))
        );
        for gap in &r.missing {
            let _ = writeln!(
                out,
                "- Taught, but by no course in {}: {}",
                md(&gap.setting),
                gap.statements.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "\n| Statement | Learners a year | By level | By provider | By setting |"
        );
        let _ = writeln!(out, "|---|---:|---|---|---|");
        for s in &r.statements {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                s.code,
                s.learners,
                md(&levels_line(p, &s.by_level)),
                md(&providers(&s.by_provider)),
                md(&by(&s.by_setting, &r.settings))
            );
        }
        if !r.warnings.is_empty() {
            let _ = writeln!(out, "\n### Warnings\n");
            for w in &r.warnings {
                let _ = writeln!(out, "- {}", md(&w.to_string().replace('\n', " ")));
            }
        }
    }
    if let Some(training) = &p.training {
        let _ = writeln!(out, "\n## From gap to training\n");
        if training.is_empty() {
            let _ = writeln!(out, "Every statement is covered by some course.");
        }
        for g in training {
            let _ = writeln!(out, "### {} {}\n", g.code, md(&g.label));
            for s in &g.supports {
                let _ = write!(out, "- **{}** {}", s.code, md(&s.title));
                if let Some(via) = &s.via {
                    let _ = write!(out, " (via {via})");
                }
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "- Neighbours: {}",
                md(or_none(
                    &g.neighbours
                        .iter()
                        .map(|n| format!("{} ({})", n.code, n.why))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            );
            for c in &g.courses {
                let _ = writeln!(
                    out,
                    "- Add to **{}** (covers {})",
                    md(&c.title),
                    c.covers.join(", ")
                );
            }
            out.push('\n');
        }
    }
    out
}

/// The extra CSV columns of a statement's row: its learners a year, then per setting served
/// (with reach); then, for a gap, its activities and resources and the courses to add it to
/// (with training).
pub(crate) fn reach_csv_header(p: &Portfolio) -> Vec<String> {
    let mut header: Vec<String> = p.reach.as_ref().map_or_else(Vec::new, |r| {
        std::iter::once("learners_per_year".to_string())
            .chain(r.settings.iter().map(|s| format!("learners in {s}")))
            .collect()
    });
    if p.training.is_some() {
        header.extend(["gap activities and resources", "gap could be added to"].map(String::from));
    }
    header
}

/// The extra CSV cells of statement `si`'s row.
pub(crate) fn reach_csv_cells(p: &Portfolio, si: usize) -> Vec<String> {
    let mut cells = Vec::new();
    if let Some(r) = &p.reach {
        let s = r.statements.get(si);
        cells.push(s.map_or(0, |s| s.learners).to_string());
        cells.extend(r.settings.iter().map(|k| {
            s.and_then(|s| s.by_setting.get(k))
                .copied()
                .unwrap_or(0)
                .to_string()
        }));
    }
    if let Some(training) = &p.training {
        let code = p.statements.get(si).map(|s| &*s.code);
        let gap = training.iter().find(|g| Some(g.code.as_str()) == code);
        cells.push(gap.map_or_else(String::new, |g| {
            g.supports
                .iter()
                .map(|s| s.code.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        }));
        cells.push(gap.map_or_else(String::new, |g| {
            g.courses
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        }));
    }
    cells
}

#[derive(Template)]
#[template(path = "portfolio_reach.html")]
struct Section<'a> {
    p: &'a Portfolio,
    rows: Vec<(String, u64, String, String)>,
    header: String,
    warnings: Vec<String>,
}

/// The reach and training sections as HTML, for the portfolio page.
pub(crate) fn reach_html(p: &Portfolio) -> String {
    if p.reach.is_none() && p.training.is_none() {
        return String::new();
    }
    let section = Section {
        p,
        rows: p
            .reach
            .iter()
            .flat_map(|r| {
                r.statements.iter().map(|s| {
                    (
                        s.code.clone(),
                        s.learners,
                        levels_line(p, &s.by_level),
                        by(&s.by_setting, &r.settings),
                    )
                })
            })
            .collect(),
        header: p.reach.as_ref().map(reach_header).unwrap_or_default(),
        warnings: p
            .reach
            .iter()
            .flat_map(|r| r.warnings.iter().map(|w| w.to_string()))
            .collect(),
    };
    section
        .render()
        .unwrap_or_else(|e| format!("<p>cannot render the reach: {e}</p>"))
}

/// The reach and gap-to-training sheets of the portfolio workbook (none without them).
#[cfg(feature = "xlsx")]
pub(crate) fn reach_sheets(p: &Portfolio) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let mut sheets = Vec::new();
    if let Some(r) = &p.reach {
        let mut header = vec!["code".to_string(), "learners_per_year".to_string()];
        header.extend(p.levels.iter().map(|l| format!("learners at {l}")));
        header.extend(r.settings.iter().map(|s| format!("learners in {s}")));
        let mut rows = vec![header];
        for s in &r.statements {
            let mut row = vec![s.code.clone(), s.learners.to_string()];
            row.extend(s.by_level.iter().map(ToString::to_string));
            row.extend(
                r.settings
                    .iter()
                    .map(|k| s.by_setting.get(k).copied().unwrap_or(0).to_string()),
            );
            rows.push(row);
        }
        sheets.push(("Reach", rows));
    }
    if let Some(training) = &p.training {
        let mut rows = vec![
            [
                "code",
                "label",
                "activities and resources",
                "neighbours",
                "could be added to",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for g in training {
            rows.push(vec![
                g.code.clone(),
                g.label.clone(),
                g.supports
                    .iter()
                    .map(|s| s.code.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                g.neighbours
                    .iter()
                    .map(|n| format!("{} ({})", n.code, n.why))
                    .collect::<Vec<_>>()
                    .join("; "),
                g.courses
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]);
        }
        sheets.push(("Gap to training", rows));
    }
    sheets
}
