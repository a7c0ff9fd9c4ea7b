//! Markdown for a wiki page or a pull request comment.

use std::fmt::Write;

use crate::{
    coverage::{EvidenceOf, Report},
    explain::Explanation,
    render::percent,
};

use escape as md;

/// Escapes text from a file for a Markdown table cell, heading, list item or inline text: the
/// characters Markdown reads as formatting get a backslash, and a line break becomes a space,
/// because a line break ends a table row, a heading or a list item early. Every Markdown
/// renderer (reports, portfolios, diffs, plans) escapes with this one.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A coverage report as Markdown.
pub fn report_markdown(report: &Report) -> String {
    let mut out = String::new();
    for section in [
        heading,
        summary_by_domain,
        policy,
        gaps,
        unmapped_units,
        hierarchy,
        thread,
        statements,
        warnings,
    ] {
        section(&mut out, report);
    }
    super::text::shown(out, false)
}

/// The title, and what was checked against what.
fn heading(out: &mut String, report: &Report) {
    let framework = report
        .framework
        .short_title
        .as_deref()
        .unwrap_or(&report.framework.title);
    let _ = writeln!(
        *out,
        "# {} — coverage of {}\n",
        md(&report.curriculum.title),
        md(framework)
    );
    if let Some(provider) = &report.curriculum.provider {
        let _ = writeln!(*out, "- Provider: {}", md(provider));
    }
    let _ = writeln!(
        *out,
        "- Framework: `{}` ({})",
        report.framework.id,
        md(&report.framework.title)
    );
    let _ = writeln!(
        *out,
        "- Modules: {}, units: {}",
        report.curriculum.modules, report.curriculum.units
    );
    let verdict = if report.passed {
        "**passed**"
    } else {
        "**failed**"
    };
    let _ = writeln!(
        *out,
        "- Policy: {} — {verdict}\n",
        md(report.policy.title.as_deref().unwrap_or("policy"))
    );
}

/// Statements per domain at each level, and the gaps.
fn summary_by_domain(out: &mut String, report: &Report) {
    let _ = writeln!(*out, "## Summary by domain\n");
    let mut header = "| Domain | Statements |".to_string();
    let mut rule = "|---|---:|".to_string();
    for level in &report.levels {
        header.push_str(&format!(" {} |", md(level)));
        rule.push_str("---:|");
    }
    header.push_str(" Gaps |");
    rule.push_str("---:|");
    let _ = writeln!(*out, "{header}\n{rule}");
    for d in &report.domains {
        let mut line = format!("| {} | {} |", md(&d.name), d.total);
        for level in &report.levels {
            line.push_str(&format!(
                " {} |",
                d.by_level.get(level).copied().unwrap_or(0)
            ));
        }
        let _ = writeln!(*out, "{line} {} |", d.gaps);
    }
    let s = &report.summary;
    let mut line = format!("| **All** | **{}** |", s.statements);
    for level in &report.levels {
        line.push_str(&format!(
            " **{}** |",
            s.by_level.get(level).copied().unwrap_or(0)
        ));
    }
    let _ = writeln!(*out, "{line} **{}** |\n", s.gaps);
    if let Some(sentence) = super::crosswalk_sentence(report) {
        let _ = writeln!(*out, "Note: {}.\n", md(&sentence));
    }
}

/// Each requirement of the policy, met or short.
fn policy(out: &mut String, report: &Report) {
    let _ = writeln!(*out, "## Policy\n");
    for r in &report.policy.requirements {
        let mark = if r.passed { "✅" } else { "❌" };
        let _ = write!(
            *out,
            "- {mark} {}: {}/{} ({})",
            md(&r.description),
            r.met,
            r.total,
            percent(r.achieved)
        );
        if !r.passed {
            let _ = write!(out, " — short: {}", r.short.join(", "));
        }
        out.push('\n');
        if !r.passed {
            for f in &r.shortfalls {
                let _ = writeln!(*out, "  - {}: {}", md(&f.code), md(&f.reason));
            }
        }
    }
}

/// The statements nothing covers, with what would help.
fn gaps(out: &mut String, report: &Report) {
    let _ = writeln!(*out, "\n## Gaps ({})\n", report.gaps.len());
    if report.gaps.is_empty() {
        let _ = writeln!(*out, "Every statement is covered.");
    } else {
        let _ = writeln!(
            *out,
            "| Code | Statement | What would help |\n|---|---|---|"
        );
        for g in &report.gaps {
            let helps: Vec<String> = g
                .supports
                .iter()
                .filter(|s| s.via.is_none())
                .map(|s| format!("{} {}", s.code, md(&s.title)))
                .collect();
            let _ = writeln!(
                *out,
                "| {} | **{}** — {} | {} |",
                g.code,
                md(&g.label),
                md(&g.text),
                helps.join("; ")
            );
        }
    }
}

/// Units mapped to no statement.
fn unmapped_units(out: &mut String, report: &Report) {
    if !report.unmapped_units.is_empty() {
        let _ = writeln!(
            *out,
            "\n## Units mapped to nothing ({})\n",
            report.unmapped_units.len()
        );
        for u in &report.unmapped_units {
            let text = u
                .text
                .as_deref()
                .map(|t| format!(": {}", md(t)))
                .unwrap_or_default();
            let _ = writeln!(*out, "- `{}/{}`{text}", u.module, u.unit);
        }
    }
}

/// Every statement, its level and its evidence.
/// The tree of a framework with parents, as a nested list. Nothing without parents.
fn hierarchy(out: &mut String, report: &Report) {
    let rows = super::tree_rows(report);
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(*out, "\n## Hierarchy\n");
    for (depth, st) in rows {
        let note = st
            .derived
            .as_ref()
            .map(|d| format!(" ({})", md(&super::derivation_note(d))))
            .unwrap_or_default();
        let _ = writeln!(
            *out,
            "{}- **{}** {}: {}{note}",
            "  ".repeat(depth),
            md(&st.code),
            md(&st.label),
            st.level
                .as_deref()
                .map(md)
                .unwrap_or_else(|| "**gap**".to_string()),
        );
    }
}

/// A programme's thread: statement × year, with the credits that reach each statement.
fn thread(out: &mut String, report: &Report) {
    let Some(thread) = &report.thread else {
        return;
    };
    let _ = writeln!(*out, "\n## Thread by year\n");
    let years: Vec<String> = thread.years.iter().map(|y| format!("Year {y}")).collect();
    let _ = writeln!(
        *out,
        "| Code | {} | Credits |\n|---|{}---|",
        years.join(" | "),
        "---|".repeat(years.len())
    );
    for row in &thread.statements {
        let cells: Vec<String> = row
            .by_year
            .iter()
            .map(|l| l.as_deref().map(md).unwrap_or_default())
            .collect();
        let _ = writeln!(
            *out,
            "| {} | {} | {} |",
            md(&row.code),
            cells.join(" | "),
            row.credits
        );
    }
}

fn statements(out: &mut String, report: &Report) {
    let _ = writeln!(*out, "\n## Statements\n");
    let _ = writeln!(
        *out,
        "| Code | Label | Level | Assessed | Evidence |\n|---|---|---|---|---|"
    );
    for st in &report.statements {
        let evidence: Vec<String> = EvidenceOf::all(&report.units, &st.units)
            .into_iter()
            .map(|u| {
                let via = u
                    .via
                    .as_ref()
                    .map(|v| format!(" via {} (curated crosswalk)", v.statement))
                    .unwrap_or_default();
                format!(
                    "{}/{} ({}){via}",
                    md(&u.unit.module),
                    md(&u.unit.unit),
                    md(u.level)
                )
            })
            .collect();
        let mut evidence = evidence;
        if let Some(d) = &st.derived {
            evidence.insert(0, md(&super::derivation_note(d)));
        }
        let _ = writeln!(
            *out,
            "| {} | {} | {} | {} | {} |",
            st.code,
            md(&st.label),
            st.level
                .as_deref()
                .map(md)
                .unwrap_or_else(|| "**gap**".to_string()),
            if st.assessed { "yes" } else { "" },
            evidence.join(", ")
        );
    }
}

/// What the check warned of.
fn warnings(out: &mut String, report: &Report) {
    if !report.warnings.is_empty() {
        let _ = writeln!(*out, "\n## Warnings\n");
        for w in &report.warnings {
            let _ = writeln!(*out, "- {}", md(&w.to_string()));
        }
    }
}

/// An explanation as Markdown.
pub fn explanation_markdown(e: &Explanation) -> String {
    let mut out = String::new();
    let s = &e.statement;
    let _ = writeln!(
        out,
        "# {} {} ({})\n\n> {}\n",
        s.code,
        md(&s.label),
        md(&s.domain),
        md(&s.text)
    );
    match &e.coverage.level {
        Some(level) => {
            let _ = writeln!(out, "Covered at **{}** in `{}`:\n", md(level), e.curriculum);
            for u in EvidenceOf::all(&e.units, &e.coverage.units) {
                let assessed = if u.unit.assessed_by.is_empty() {
                    String::new()
                } else {
                    format!(", assessed by {}", u.unit.assessed_by.join(", "))
                };
                let via = u
                    .via
                    .as_ref()
                    .map(|v| format!(", derived from a curated crosswalk: {}", v.statement))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- `{}/{}` ({}, mapped {}, counts {}{assessed}{via})",
                    u.unit.module, u.unit.unit, u.unit.kind, u.mapped, u.level
                );
            }
        }
        None => {
            let _ = writeln!(
                out,
                "**Gap**: no unit of `{}` maps {}.",
                e.curriculum, s.code
            );
        }
    }
    if let Some(d) = &e.coverage.derived {
        let _ = writeln!(
            out,
            "\n## Derived from its children\n\n{}.\n",
            md(&super::derivation_note(d))
        );
        for child in &e.children {
            let units: Vec<String> = EvidenceOf::all(&e.units, &child.units)
                .into_iter()
                .map(|u| format!("`{}/{}` ({})", u.unit.module, u.unit.unit, md(u.level)))
                .collect();
            let _ = writeln!(
                out,
                "- **{}** {}: {}{}",
                md(&child.code),
                md(&child.label),
                child
                    .level
                    .as_deref()
                    .map(md)
                    .unwrap_or_else(|| "**gap**".to_string()),
                if units.is_empty() {
                    String::new()
                } else {
                    format!(", by {}", units.join(", "))
                }
            );
        }
    }
    if !e.supports.is_empty() {
        let _ = writeln!(out, "\n## What helps\n");
        for sup in &e.supports {
            let _ = writeln!(out, "- {} {}", sup.code, md(&sup.title));
        }
    }
    super::text::shown(out, false)
}
