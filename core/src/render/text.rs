//! Terminal text. Colour is added only when asked for; the CLI asks when writing to a terminal
//! and `NO_COLOR` is not set.

use std::fmt::Write;

use crate::{
    Catalog,
    coverage::{EvidenceOf, Report},
    explain::Explanation,
    model::framework::Framework,
    render::percent,
};

pub(crate) struct Paint {
    pub(crate) on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub(crate) fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub(crate) fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }
    pub(crate) fn green(&self, s: &str) -> String {
        self.wrap("32", s)
    }
    pub(crate) fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
}

/// Text rendered for a person, made safe to print: every control character from input is
/// shown escaped ([`crate::safe::for_terminal`]); with colour, the renderers' own colour codes
/// are kept.
pub(crate) fn shown(out: String, color: bool) -> String {
    let safe = if color {
        crate::safe::for_terminal_keeping_colour(&out)
    } else {
        crate::safe::for_terminal(&out)
    };
    match safe {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(safe) => safe,
    }
}

/// A coverage report as terminal text.
pub fn report_text(report: &Report, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let framework = report
        .framework
        .short_title
        .as_deref()
        .unwrap_or(&report.framework.title);
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "{} — coverage of {}",
            report.curriculum.title, framework
        ))
    );
    let mut facts = vec![format!("framework {}", report.framework.id)];
    if let Some(provider) = &report.curriculum.provider {
        facts.insert(0, provider.clone());
    }
    facts.push(format!(
        "{}, {}",
        plural(report.curriculum.modules, "module"),
        plural(report.curriculum.units, "unit")
    ));
    let _ = writeln!(out, "{}\n", p.dim(&facts.join(" · ")));

    // The per-domain table.
    let mut header = format!("{:<14}{:>6}", "domain", "total");
    for level in &report.levels {
        header.push_str(&format!("{:>12}", level));
    }
    header.push_str(&format!("{:>7}", "gaps"));
    let _ = writeln!(out, "{}", p.bold(&header));
    let row =
        |name: &str, total: usize, by_level: &indexmap::IndexMap<String, usize>, gaps: usize| {
            let mut line = format!("{:<14}{:>6}", truncate(name, 13), total);
            for level in &report.levels {
                line.push_str(&format!(
                    "{:>12}",
                    by_level.get(level).copied().unwrap_or(0)
                ));
            }
            line.push_str(&format!("{:>7}", gaps));
            line
        };
    for d in &report.domains {
        let _ = writeln!(out, "{}", row(&d.name, d.total, &d.by_level, d.gaps));
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{}",
        p.bold(&row("all", s.statements, &s.by_level, s.gaps))
    );
    let _ = writeln!(
        out,
        "\n{} of {} statements covered ({}), {} assessed",
        s.covered,
        s.statements,
        percent(if s.statements == 0 {
            0.0
        } else {
            s.covered as f64 / s.statements as f64
        }),
        s.assessed
    );
    if let Some(sentence) = super::crosswalk_sentence(report) {
        let _ = writeln!(out, "{}", p.dim(&sentence));
    }

    gaps_text(&mut out, report, &p);

    hierarchy_text(&mut out, report, &p);
    thread_text(&mut out, report, &p);

    if !report.unmapped_units.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            p.bold(&format!(
                "units mapped to nothing ({})",
                report.unmapped_units.len()
            ))
        );
        for u in &report.unmapped_units {
            let text = u
                .text
                .as_deref()
                .map(|t| format!("  {}", truncate(t, 70)))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}/{}{}", u.module, u.unit, p.dim(&text));
        }
    }

    if !report.warnings.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            p.bold(&format!("warnings ({})", report.warnings.len()))
        );
        for w in &report.warnings {
            let _ = writeln!(out, "  {}", w.to_string().replace('\n', "\n  "));
        }
    }

    let title = report.policy.title.as_deref().unwrap_or("policy");
    let _ = writeln!(out, "\n{}", p.bold(&format!("policy: {title}")));
    for r in &report.policy.requirements {
        let mark = if r.passed {
            p.green("pass")
        } else {
            p.red("FAIL")
        };
        let _ = write!(
            out,
            "  {mark}  {}: {}/{} ({})",
            r.description,
            r.met,
            r.total,
            percent(r.achieved)
        );
        if !r.passed {
            let _ = write!(out, ", short: {}", shorten(&r.short, 12));
        }
        out.push('\n');
        if !r.passed {
            for f in &r.shortfalls {
                let _ = writeln!(out, "        {:<5} {}", f.code, p.dim(&f.reason));
            }
        }
    }
    let verdict = if report.passed {
        p.green("passed")
    } else {
        p.red("failed")
    };
    let _ = writeln!(out, "\nresult: {verdict}");
    shown(out, color)
}

/// The statements nothing covers, with what would help (and, for a parent, how many of its
/// children are covered).
fn gaps_text(out: &mut String, report: &Report, p: &Paint) {
    if report.gaps.is_empty() {
        let _ = writeln!(*out, "\n{}", p.green("no gaps: every statement is covered"));
    } else {
        let _ = writeln!(
            *out,
            "\n{}",
            p.bold(&format!("gaps ({})", report.gaps.len()))
        );
        for g in &report.gaps {
            let helps: Vec<&str> = g
                .supports
                .iter()
                .filter(|s| s.via.is_none())
                .map(|s| s.code.as_str())
                .collect();
            let helps = if helps.is_empty() {
                String::new()
            } else {
                p.dim(&format!("helped by {}", helps.join(", ")))
            };
            let parts = report
                .statements
                .iter()
                .find(|s| s.code == g.code)
                .and_then(|s| s.derived.as_ref())
                .map(|d| {
                    p.dim(&format!(
                        "{} of {} children covered ",
                        d.covered,
                        d.children.len()
                    ))
                })
                .unwrap_or_default();
            let line = format!(
                "  {}{:<42} {parts}{}",
                p.red(&format!("{:<5}", g.code)),
                g.label,
                helps
            );
            let _ = writeln!(*out, "{}", line.trim_end());
        }
    }
}

/// A programme's thread, compactly: per statement, the initial of the level reached in each
/// year (`·` for none) and the credits of the modules that reach it, four statements a line.
/// Nothing for a curriculum of one year.
fn thread_text(out: &mut String, report: &Report, p: &Paint) {
    let Some(thread) = &report.thread else {
        return;
    };
    let initial = |l: &str| {
        l.chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default()
    };
    let years: Vec<String> = thread.years.iter().map(u8::to_string).collect();
    let legend: Vec<String> = report
        .levels
        .iter()
        .map(|l| format!("{} {l}", initial(l)))
        .collect();
    let _ = writeln!(
        out,
        "\n{} {}",
        p.bold("thread"),
        p.dim(&format!(
            "(level in year {}: {}; then credits)",
            years.join(", "),
            legend.join(", ")
        ))
    );
    for chunk in thread.statements.chunks(4) {
        let line: Vec<String> = chunk
            .iter()
            .map(|row| {
                let marks: Vec<String> = row
                    .by_year
                    .iter()
                    .map(|l| l.as_deref().map_or_else(|| "·".to_string(), initial))
                    .collect();
                format!(
                    "{:<6}{} {:>3}",
                    truncate(&row.code, 6),
                    marks.join(""),
                    row.credits
                )
            })
            .collect();
        let _ = writeln!(out, "  {}", line.join("    ").trim_end());
    }
}

/// The tree of a framework with parents: each parent with its level and how it derives, its
/// children indented under it. Nothing for a framework without parents.
fn hierarchy_text(out: &mut String, report: &Report, p: &Paint) {
    let rows = super::tree_rows(report);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", p.bold("hierarchy"));
    for (depth, s) in rows {
        let level = match &s.level {
            Some(l) => l.clone(),
            None => p.red("gap"),
        };
        let note = s
            .derived
            .as_ref()
            .map(|d| format!("  {}", p.dim(&super::derivation_note(d))))
            .unwrap_or_default();
        let indent = "  ".repeat(depth + 1);
        let width = 40usize.saturating_sub(2 * depth).max(12);
        let _ = writeln!(
            out,
            "{indent}{:<6}{:<width$} {level}{note}",
            s.code,
            truncate(&s.label, width - 1)
        );
    }
}

/// An explanation as terminal text: the evidence chain, or why it is a gap and what helps.
pub fn explanation_text(e: &Explanation, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let s = &e.statement;
    let _ = writeln!(
        out,
        "{} {} ({})",
        p.bold(&s.code),
        p.bold(&s.label),
        s.domain
    );
    let _ = writeln!(out, "  “{}”", s.text);
    for item in &s.items {
        let _ = writeln!(out, "    - {item}");
    }
    let c = &e.coverage;
    match &c.level {
        Some(level) => {
            let _ = writeln!(
                out,
                "\n{} at `{level}` in `{}` by {}:",
                p.green("covered"),
                e.curriculum,
                plural(c.units.len(), "unit")
            );
            for u in EvidenceOf::all(&e.units, &c.units) {
                let unit = u.unit;
                let title = unit
                    .module_title
                    .as_deref()
                    .map(|t| format!(" “{t}”"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  ← {}/{} ({}, mapped {}, counts {}) ← module {}{}",
                    unit.module, unit.unit, unit.kind, u.mapped, u.level, unit.module, title
                );
                if let Some(text) = &unit.text {
                    let _ = writeln!(out, "      {}", p.dim(&truncate(text, 90)));
                }
                if !unit.assessed_by.is_empty() {
                    let _ = writeln!(out, "      assessed by {}", unit.assessed_by.join(", "));
                }
                if let Some(via) = &u.via {
                    let _ = writeln!(
                        out,
                        "      derived from a curated crosswalk: {} {}",
                        relation(&s.code, via.kind),
                        via.statement
                    );
                }
            }
        }
        None => {
            let _ = writeln!(
                out,
                "\n{}: no unit of `{}` maps {}",
                p.red("gap"),
                e.curriculum,
                s.code
            );
        }
    }
    if let Some(d) = &c.derived {
        let _ = writeln!(
            out,
            "\n{}: {}",
            p.bold("derived from its children"),
            super::derivation_note(d)
        );
        for child in &e.children {
            let _ = writeln!(
                out,
                "  {:<6}{} — {}",
                child.code,
                child.label,
                child.level.as_deref().unwrap_or("gap")
            );
            for u in EvidenceOf::all(&e.units, &child.units) {
                let _ = writeln!(
                    out,
                    "      ← {}/{} ({}, counts {})",
                    u.unit.module, u.unit.unit, u.unit.kind, u.level
                );
            }
        }
    }
    for r in &c.related {
        let _ = writeln!(
            out,
            "  {} {}, which is covered at `{}` (does not count here)",
            relation(&s.code, r.kind),
            r.statement,
            r.level.as_deref().unwrap_or("-")
        );
    }
    if !e.supports.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("activities and resources that help"));
        for sup in &e.supports {
            let via = sup
                .via
                .as_deref()
                .map(|v| format!(" (via {v})"))
                .unwrap_or_default();
            let url = sup
                .url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<5}{}{url}{}",
                sup.code,
                truncate(&sup.title, 80),
                p.dim(&via)
            );
        }
    }
    if !e.related.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("related statements"));
        for r in &e.related {
            let _ = writeln!(
                out,
                "  {:<5}{} — {}",
                r.code,
                r.label,
                r.level.as_deref().unwrap_or("gap")
            );
        }
    }
    if !e.crosswalk.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("crosswalk"));
        for m in &e.crosswalk {
            let counts = if m.counts {
                "its coverage counts here"
            } else {
                "shown only"
            };
            let _ = writeln!(
                out,
                "  {} {} ({counts})",
                relation(&s.code, m.kind),
                m.statement
            );
        }
    }
    shown(out, color)
}

/// The list of frameworks in a catalog.
pub fn frameworks_text(catalog: &Catalog) -> String {
    let mut out = format!(
        "{:<32}{:>11}{:>12}{:>11}  {}\n",
        "id", "statements", "activities", "resources", "title"
    );
    for f in catalog.frameworks() {
        let _ = writeln!(
            out,
            "{:<32}{:>11}{:>12}{:>11}  {}",
            f.id,
            f.statements.len(),
            f.activities.len(),
            f.resources.len(),
            f.short_title.as_deref().unwrap_or(&f.title)
        );
    }
    shown(out, false)
}

/// A whole framework as text: domains and statements, activities, resources.
pub fn framework_text(f: &Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", f.title, f.year);
    let _ = writeln!(out, "{}", f.publishers.join(", "));
    let _ = writeln!(out, "id {} · scale {}", f.id, f.levels.join(" < "));
    for d in &f.domains {
        let _ = writeln!(out, "\n{} ({}…)", d.name, d.prefix);
        if let Some(stem) = &d.stem {
            let _ = writeln!(out, "  {stem}");
        }
        for s in f.statements.iter().filter(|s| s.domain == d.id) {
            let _ = writeln!(out, "  {:<5}{}", s.code, s.text);
            for item in &s.items {
                let _ = writeln!(out, "         - {item}");
            }
        }
    }
    if !f.activities.is_empty() {
        let _ = writeln!(out, "\nLearning activities");
        for a in &f.activities {
            let _ = writeln!(out, "  {:<5}{} ({})", a.code, a.text, a.audience);
        }
    }
    if !f.resources.is_empty() {
        let _ = writeln!(out, "\nResources");
        for r in &f.resources {
            let url = r
                .url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default();
            let _ = writeln!(out, "  {:<5}{}{url}", r.code, r.title);
        }
    }
    shown(out, false)
}

/// How a statement relates to another, in words: `K4 is narrower than`.
fn relation(code: &str, kind: crate::MatchKind) -> String {
    match kind {
        crate::MatchKind::Exact => format!("{code} is the same as"),
        crate::MatchKind::Broader => format!("{code} is broader than"),
        crate::MatchKind::Narrower => format!("{code} is narrower than"),
        crate::MatchKind::Related => format!("{code} is related to"),
    }
}

pub use crate::error::plural;

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn shorten(codes: &[String], max: usize) -> String {
    if codes.len() <= max {
        codes.join(", ")
    } else {
        format!(
            "{} and {} more",
            codes
                .iter()
                .take(max)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            codes.len() - max
        )
    }
}
