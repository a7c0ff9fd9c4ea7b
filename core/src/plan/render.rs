//! Development plans for people: terminal text, Markdown and a self-contained HTML page to
//! bring to supervision. Every renderer reads the same [`Plan`]; none computes anything.

use std::fmt::Write as _;

use askama::Template;

use super::{Need, Plan, PlannedActivity};
use crate::render::{ReportFormat, formats::Renderers, markdown::escape as md};

/// How a plan is rendered: CSV is for coverage reports.
pub static PLAN: Renderers<Plan> = Renderers {
    what: "a plan",
    formats: &[
        (ReportFormat::Text, plan_text),
        (ReportFormat::Json, crate::render::to_json::<Plan>),
        (ReportFormat::Markdown, plan_markdown),
        (ReportFormat::Html, plan_html),
    ],
    elsewhere: &[(ReportFormat::Csv, "`csv` is a format of coverage reports")],
};

fn framework_name(plan: &Plan) -> &str {
    plan.framework
        .short_title
        .as_deref()
        .unwrap_or(&plan.framework.title)
}

/// "self-assessment of 2026-03-02 · supervisor Sam Lee", or what of it is known.
fn context(plan: &Plan) -> String {
    let mut parts = vec![framework_name(plan).to_string()];
    if let Some(date) = &plan.person.date {
        parts.push(format!("self-assessment of {date}"));
    }
    if let Some(s) = &plan.person.supervisor {
        parts.push(format!("supervisor {s}"));
    }
    parts.join(" · ")
}

fn who(plan: &Plan) -> String {
    match &plan.person.role {
        Some(role) => format!("{} ({role})", plan.person.name),
        None => plan.person.name.clone(),
    }
}

fn rated(need: &Need) -> String {
    need.level
        .clone()
        .unwrap_or_else(|| "not rated".to_string())
}

fn summary_line(plan: &Plan) -> String {
    let s = &plan.summary;
    let mut line = format!(
        "{} of {} statements below target, {} at or above",
        s.below, s.statements, s.met
    );
    if s.unrated > 0 {
        let _ = write!(line, ", {} not rated", s.unrated);
    }
    if plan.needs.len() > s.below {
        let _ = write!(line, " (planned for as needs)");
    }
    line
}

fn codes(links: impl Iterator<Item = String>) -> String {
    links.collect::<Vec<_>>().join(", ")
}

fn activity_needs(a: &PlannedActivity) -> String {
    codes(a.needs.iter().map(|n| match &n.via {
        Some(via) => format!("{} (via {via})", n.code),
        None => n.code.clone(),
    }))
}

/// The plan as terminal text.
pub fn plan_text(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Development plan for {}", who(plan));
    let _ = writeln!(out, "{}", context(plan));
    let _ = writeln!(
        out,
        "Target: {} (scale: {})",
        plan.target,
        plan.scale.join(" < ")
    );
    let _ = writeln!(out, "{}", summary_line(plan));
    if plan.needs.is_empty() {
        let _ = writeln!(out, "\nEvery statement rated is at or above the target.");
    } else {
        let _ = writeln!(out, "\nWhere to start (what unlocks most first)");
        let width = plan
            .needs
            .iter()
            .map(|n| n.label.chars().count())
            .max()
            .unwrap_or(0);
        for n in &plan.needs {
            let _ = writeln!(
                out,
                "{:>4}. {:<4} {:<width$}  {} → {}{}",
                n.rank,
                n.code,
                n.label,
                rated(n),
                plan.target,
                match n.unlocks {
                    0 => String::new(),
                    1 => "  (its activities help 1 more need)".to_string(),
                    k => format!("  (its activities help {k} more needs)"),
                }
            );
            if let Some(note) = &n.note {
                let _ = writeln!(out, "        note: {note}");
            }
        }
        let _ = writeln!(out, "\nActivities and resources, most useful first");
        for a in &plan.activities {
            let _ = writeln!(
                out,
                "{:>4}. {:<4} {}",
                a.rank,
                a.code,
                a.label.as_deref().unwrap_or(&a.title)
            );
            if a.label.is_some() {
                let _ = writeln!(out, "        {}", a.title);
            }
            if let Some(url) = &a.url {
                let _ = writeln!(out, "        {url}");
            }
            let _ = writeln!(out, "        helps: {}", activity_needs(a));
        }
        let _ = writeln!(out, "\nBy domain and theme");
        for d in &plan.groups {
            let _ = writeln!(out, "  {}", d.name);
            for t in &d.themes {
                let _ = writeln!(out, "    {}: {}", t.theme, t.needs.join(", "));
            }
        }
    }
    if !plan.unrated.is_empty() {
        let _ = writeln!(out, "\nNot rated: {}", plan.unrated.join(", "));
    }
    crate::render::text::shown(out, false)
}

/// An address as a Markdown autolink, without the characters that would end it early.
fn md_url(url: &str) -> String {
    let clean: String = url
        .chars()
        .filter(|c| !matches!(c, '<' | '>' | ' '))
        .collect();
    format!("<{clean}>")
}

/// The plan as Markdown, to bring to supervision or keep in a portfolio.
pub fn plan_markdown(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Development plan: {}\n", md(&who(plan)));
    let _ = writeln!(out, "{}\n", md(&context(plan)));
    let _ = writeln!(
        out,
        "Target: **{}** on the scale {}. {}.\n",
        md(&plan.target),
        plan.scale
            .iter()
            .map(|l| md(l))
            .collect::<Vec<_>>()
            .join(" < "),
        summary_line(plan)
    );
    if plan.needs.is_empty() {
        let _ = writeln!(out, "Every statement rated is at or above the target.\n");
    } else {
        let _ = writeln!(out, "## Where to start\n");
        let _ = writeln!(
            out,
            "Needs whose activities and resources also help the most other needs come first.\n"
        );
        let _ = writeln!(out, "| # | Statement | Rated | Its activities also help |");
        let _ = writeln!(out, "|---:|---|---|---:|");
        for n in &plan.needs {
            let _ = writeln!(
                out,
                "| {} | **{}** {} | {} | {} |",
                n.rank,
                n.code,
                md(&n.label),
                md(&rated(n)),
                match n.unlocks {
                    0 => "—".to_string(),
                    1 => "1 other need".to_string(),
                    k => format!("{k} other needs"),
                }
            );
        }
        let _ = writeln!(out, "\n## Activities and resources, most useful first\n");
        for a in &plan.activities {
            let name = match &a.label {
                Some(label) => format!("{}: {}", md(label), md(&a.title)),
                None => md(&a.title),
            };
            let _ = write!(out, "{}. **{}** {name}", a.rank, a.code);
            if let Some(url) = &a.url {
                let _ = write!(out, " {}", md_url(url));
            }
            let _ = writeln!(out, " — helps {}", activity_needs(a));
        }
        let _ = writeln!(out, "\n## Needs by domain and theme");
        for d in &plan.groups {
            let _ = writeln!(out, "\n### {}", md(&d.name));
            for t in &d.themes {
                let _ = writeln!(out, "\n#### {}\n", md(&t.theme));
                for code in &t.needs {
                    let Some(n) = plan.needs.iter().find(|n| &n.code == code) else {
                        continue;
                    };
                    let _ = writeln!(
                        out,
                        "- **{} {}** — rated {}, {} below target",
                        n.code,
                        md(&n.label),
                        md(&rated(n)),
                        match n.steps {
                            1 => "1 step".to_string(),
                            k => format!("{k} steps"),
                        }
                    );
                    let _ = writeln!(out, "  > {}", md(&n.text));
                    if let Some(note) = &n.note {
                        let _ = writeln!(out, "  - Note: {}", md(note));
                    }
                    for s in &n.supports {
                        let _ = write!(out, "  - {} {}", s.code, md(&s.title));
                        if let Some(url) = &s.url {
                            let _ = write!(out, " {}", md_url(url));
                        }
                        match &s.via {
                            Some(via) => {
                                let _ = writeln!(out, " (via {via})");
                            }
                            None => out.push('\n'),
                        }
                    }
                    let _ = writeln!(out, "  - Notes from supervision:");
                }
            }
        }
    }
    if !plan.unrated.is_empty() {
        let _ = writeln!(out, "\n## Not rated\n\n{}", plan.unrated.join(", "));
    }
    let _ = writeln!(
        out,
        "\n---\n\nMade by waypost {} from a self-assessment against {} ({}). The links between statements, activities and resources are curated by the waypost project, not part of the published framework.",
        env!("CARGO_PKG_VERSION"),
        md(&plan.framework.title),
        plan.framework.id
    );
    crate::render::text::shown(out, false)
}

const CSS: &str = include_str!("../../templates/report.css");

#[derive(Template)]
#[template(path = "plan.html")]
struct Page<'a> {
    p: &'a Plan,
    version: &'static str,
    css: &'static str,
    framework_name: &'a str,
    summary: String,
    scale: String,
    groups: Vec<GroupView<'a>>,
}

struct GroupView<'a> {
    name: &'a str,
    themes: Vec<(&'a str, Vec<&'a Need>)>,
}

/// The plan as one self-contained HTML page (no scripts, no network) that prints to A4.
pub fn plan_html(plan: &Plan) -> String {
    let groups = plan
        .groups
        .iter()
        .map(|d| GroupView {
            name: &d.name,
            themes: d
                .themes
                .iter()
                .map(|t| {
                    (
                        t.theme.as_str(),
                        t.needs
                            .iter()
                            .filter_map(|c| plan.needs.iter().find(|n| &n.code == c))
                            .collect(),
                    )
                })
                .collect(),
        })
        .collect();
    let page = Page {
        p: plan,
        version: env!("CARGO_PKG_VERSION"),
        css: CSS,
        framework_name: framework_name(plan),
        summary: summary_line(plan),
        scale: plan.scale.join(" < "),
        groups,
    };
    // Rendering into a String only fails if a Display impl fails, which none of these do.
    page.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>cannot render the plan: {e}</p>"))
}
