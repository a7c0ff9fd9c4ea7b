//! A team's needs for people: terminal text, Markdown, a self-contained HTML page, CSV and a
//! workbook. Every renderer reads the same [`Team`]; none computes anything, and none prints a
//! name the view does not hold (a view made without names holds none).

use std::fmt::Write as _;

use askama::Template;

use super::team::{SharedNeed, Team};
use crate::render::{ReportFormat, formats::Renderers, markdown::escape as md};

/// How a team view is rendered: every text format applies.
pub static TEAM: Renderers<Team> = Renderers {
    what: "a team view",
    formats: &[
        (ReportFormat::Text, team_text),
        (ReportFormat::Json, crate::render::to_json::<Team>),
        (ReportFormat::Markdown, team_markdown),
        (ReportFormat::Html, team_html),
        (ReportFormat::Csv, team_csv),
    ],
    elsewhere: &[],
};

fn framework_name(t: &Team) -> &str {
    t.framework
        .short_title
        .as_deref()
        .unwrap_or(&t.framework.title)
}

fn counted(t: &Team) -> String {
    let who = match t.members {
        1 => "1 self-assessment counted".to_string(),
        n => format!("{n} self-assessments counted"),
    };
    match &t.names {
        Some(_) => format!("{who}, with names (for supervision)"),
        None => format!("{who}; counts only, no names"),
    }
}

fn of_members(t: &Team, n: usize) -> String {
    format!("{n} of {}", t.members)
}

/// The needs at least half the members share (listed in full), and the rest (listed by code):
/// the needs are in order of how many share them, so the first part is a prefix.
fn split(t: &Team) -> (&[SharedNeed], &[SharedNeed]) {
    let at = t
        .needs
        .iter()
        .position(|n| n.members * 2 < t.members)
        .unwrap_or(t.needs.len());
    t.needs.split_at(at)
}

fn rest_line(rest: &[SharedNeed]) -> String {
    format!(
        "{} more {} shared by fewer than half the members: {}",
        rest.len(),
        if rest.len() == 1 { "need" } else { "needs" },
        rest.iter()
            .map(|n| format!("{} ({})", n.code, n.members))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn names_of(n: &SharedNeed) -> Option<String> {
    n.names.as_ref().map(|names| names.join(", "))
}

/// The team view as terminal text.
pub fn team_text(t: &Team) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Team needs · {}", framework_name(t));
    let _ = writeln!(out, "{}", counted(t));
    let _ = writeln!(out, "Scale: {}", t.scale.join(" < "));
    if let Some(names) = &t.names {
        let _ = writeln!(out, "Members: {}", names.join(", "));
    }
    if t.needs.is_empty() {
        let _ = writeln!(out, "\nNo member rates a statement below their target.");
    } else {
        let (shared, rest) = split(t);
        let _ = writeln!(out, "\nNeeds at least half the members share");
        if shared.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        let width = shared
            .iter()
            .map(|n| n.label.chars().count())
            .max()
            .unwrap_or(0);
        for n in shared {
            let _ = writeln!(
                out,
                "{:>4}. {:<4} {:<width$}  {} members below target",
                n.rank,
                n.code,
                n.label,
                of_members(t, n.members)
            );
            if let Some(names) = names_of(n) {
                let _ = writeln!(out, "        {names}");
            }
        }
        if !rest.is_empty() {
            let _ = writeln!(out, "{}", rest_line(rest));
        }
        let _ = writeln!(
            out,
            "\nActivities and resources that serve the most members first"
        );
        for a in &t.activities {
            let _ = writeln!(out, "{:>4}. {:<4} {}", a.rank, a.code, a.title);
            if let Some(url) = &a.url {
                let _ = writeln!(out, "        {url}");
            }
            let _ = writeln!(
                out,
                "        serves {} members; needs {}",
                of_members(t, a.members),
                a.needs.join(", ")
            );
        }
    }
    let _ = writeln!(
        out,
        "\nMembers at each level ({}; not rated)",
        t.scale.join(", ")
    );
    for s in &t.statements {
        let counts: Vec<String> = s.counts.iter().map(|c| format!("{c:>3}")).collect();
        let _ = writeln!(
            out,
            "  {:<4} {}  |{:>3}",
            s.code,
            counts.join(""),
            s.unrated
        );
    }
    failures_text(t, &mut out);
    crate::render::text::shown(out, false)
}

fn failures_text(t: &Team, out: &mut String) {
    if !t.failures.is_empty() {
        let _ = writeln!(out, "\nFiles left out");
        for f in &t.failures {
            let _ = writeln!(
                out,
                "  {}: {}",
                f.path,
                f.error.message.lines().next().unwrap_or_default()
            );
        }
    }
}

/// The team view as Markdown.
pub fn team_markdown(t: &Team) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Team needs: {}\n", md(framework_name(t)));
    let _ = writeln!(
        out,
        "{}. Scale: {}.\n",
        counted(t),
        t.scale
            .iter()
            .map(|l| md(l))
            .collect::<Vec<_>>()
            .join(" < ")
    );
    if let Some(names) = &t.names {
        let _ = writeln!(
            out,
            "Members: {}\n",
            names.iter().map(|n| md(n)).collect::<Vec<_>>().join(", ")
        );
    }
    if t.needs.is_empty() {
        let _ = writeln!(out, "No member rates a statement below their target.\n");
    } else {
        let (shared, rest) = split(t);
        let _ = writeln!(out, "## Needs at least half the members share\n");
        if shared.is_empty() {
            let _ = writeln!(out, "None.\n");
        }
        let with_names = t.names.is_some();
        let _ = writeln!(
            out,
            "| # | Statement | Theme | Members below target |{}",
            if with_names { " Who |" } else { "" }
        );
        let _ = writeln!(
            out,
            "|---:|---|---|---:|{}",
            if with_names { "---|" } else { "" }
        );
        for n in shared {
            let _ = write!(
                out,
                "| {} | **{}** {} | {} | {} |",
                n.rank,
                n.code,
                md(&n.label),
                md(&n.theme),
                of_members(t, n.members)
            );
            if let Some(names) = names_of(n) {
                let _ = write!(out, " {} |", md(&names));
            }
            out.push('\n');
        }
        if !rest.is_empty() {
            let _ = writeln!(out, "\n{}.", rest_line(rest));
        }
        let _ = writeln!(
            out,
            "\n## Activities and resources that serve the most members first\n"
        );
        for a in &t.activities {
            let _ = write!(out, "{}. **{}** {}", a.rank, a.code, md(&a.title));
            if let Some(url) = &a.url {
                let _ = write!(out, " <{url}>");
            }
            let _ = writeln!(
                out,
                " — serves {} members; needs {}",
                of_members(t, a.members),
                a.needs.join(", ")
            );
        }
    }
    let _ = writeln!(out, "\n## Members at each level\n");
    let _ = writeln!(
        out,
        "| Statement | {} | not rated |",
        t.scale
            .iter()
            .map(|l| md(l))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|{}---:|", "---:|".repeat(t.scale.len()));
    for s in &t.statements {
        let counts: Vec<String> = s.counts.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "| **{}** {} | {} | {} |",
            s.code,
            md(&s.label),
            counts.join(" | "),
            s.unrated
        );
    }
    if !t.failures.is_empty() {
        let _ = writeln!(out, "\n## Files left out\n");
        for f in &t.failures {
            let _ = writeln!(
                out,
                "- `{}`: {}",
                f.path,
                md(f.error.message.lines().next().unwrap_or_default())
            );
        }
    }
    let _ = writeln!(
        out,
        "\n---\n\nMade by waypost {} from self-assessments against {} ({}). The links between statements, activities and resources are curated by the waypost project, not part of the published framework.",
        env!("CARGO_PKG_VERSION"),
        md(&t.framework.title),
        t.framework.id
    );
    crate::render::text::shown(out, false)
}

/// The rows of the team's CSV and workbook: a header, then a row per statement.
pub(crate) fn team_rows(t: &Team) -> Vec<Vec<String>> {
    let mut header: Vec<String> = ["code", "domain", "label"].map(String::from).to_vec();
    header.extend(t.scale.iter().cloned());
    header.extend(["not rated", "below target", "need rank"].map(String::from));
    if t.names.is_some() {
        header.push("members below target".to_string());
    }
    let mut rows = vec![header];
    for s in &t.statements {
        let need = t.needs.iter().find(|n| n.code == s.code);
        let mut row = vec![s.code.clone(), s.domain.clone(), s.label.clone()];
        row.extend(s.counts.iter().map(ToString::to_string));
        row.push(s.unrated.to_string());
        row.push(s.below.to_string());
        row.push(need.map(|n| n.rank.to_string()).unwrap_or_default());
        if t.names.is_some() {
            row.push(need.and_then(names_of).unwrap_or_default());
        }
        rows.push(row);
    }
    rows
}

/// The team view as CSV: a row per statement with the members at each level. Every text cell
/// goes through the one formula guard.
pub fn team_csv(t: &Team) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut ok = true;
    for row in team_rows(t) {
        let row: Vec<String> = row
            .iter()
            .map(|c| crate::safe::spreadsheet_cell(c).into_owned())
            .collect();
        ok &= writer.write_record(&row).is_ok();
    }
    match (ok, writer.into_inner()) {
        (true, Ok(bytes)) => String::from_utf8(bytes).unwrap_or_default(),
        _ => String::new(),
    }
}

const CSS: &str = include_str!("../../templates/report.css");

#[derive(Template)]
#[template(path = "team.html")]
struct Page<'a> {
    t: &'a Team,
    shared: &'a [SharedNeed],
    rest: String,
    version: &'static str,
    css: &'static str,
    framework_name: &'a str,
    counted: String,
    scale: String,
}

/// The team view as one self-contained HTML page (no scripts, no network) that prints to A4.
pub fn team_html(t: &Team) -> String {
    let (shared, rest) = split(t);
    let page = Page {
        t,
        shared,
        rest: if rest.is_empty() {
            String::new()
        } else {
            rest_line(rest)
        },
        version: env!("CARGO_PKG_VERSION"),
        css: CSS,
        framework_name: framework_name(t),
        counted: counted(t),
        scale: t.scale.join(" < "),
    };
    // Rendering into a String only fails if a Display impl fails, which none of these do.
    page.render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>cannot render the team view: {e}</p>"))
}

/// The team view as an Excel workbook: the statements sheet (as the CSV), then the needs and
/// the activities.
#[cfg(feature = "xlsx")]
pub fn team_xlsx(t: &Team) -> crate::error::Result<Vec<u8>> {
    let needs: Vec<Vec<String>> = std::iter::once(
        [
            "rank",
            "code",
            "label",
            "theme",
            "members below target",
            "supports",
        ]
        .map(String::from)
        .to_vec(),
    )
    .chain(t.needs.iter().map(|n| {
        let mut row = vec![
            n.rank.to_string(),
            n.code.clone(),
            n.label.clone(),
            n.theme.clone(),
            n.members.to_string(),
            n.supports.join(", "),
        ];
        if let Some(names) = names_of(n) {
            row.push(names);
        }
        row
    }))
    .collect();
    let activities: Vec<Vec<String>> = std::iter::once(
        ["rank", "code", "kind", "title", "members served", "needs"]
            .map(String::from)
            .to_vec(),
    )
    .chain(t.activities.iter().map(|a| {
        vec![
            a.rank.to_string(),
            a.code.clone(),
            a.kind.clone(),
            a.title.clone(),
            a.members.to_string(),
            a.needs.join(", "),
        ]
    }))
    .collect();
    crate::render::sheets_xlsx(&[
        ("Statements", team_rows(t)),
        ("Needs", needs),
        ("Activities", activities),
    ])
}
