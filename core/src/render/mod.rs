//! Rendering reports for people (text, Markdown) and programs (JSON).
//!
//! Every renderer reads the same [`Report`](crate::Report); none computes anything of its own.

mod checks;
mod csv;
pub(crate) mod expect;
pub mod formats;
mod html;
pub(crate) mod markdown;
mod portfolio;
mod reach;
pub(crate) mod text;
#[cfg(feature = "xlsx")]
mod xlsx;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use checks::{checks_csv, checks_html, checks_markdown, checks_text};
pub use csv::report_csv;
pub use html::report_html;
pub use markdown::{explanation_markdown, report_markdown};
pub use portfolio::{
    diff_markdown, diff_text, portfolio_csv, portfolio_html, portfolio_markdown, portfolio_text,
};
pub use text::{explanation_text, framework_text, frameworks_text, plural, report_text};
#[cfg(feature = "xlsx")]
pub use xlsx::{checks_xlsx, portfolio_xlsx, report_xlsx, sheets_xlsx};

use crate::error::{Diagnostic, Error, Result};
use formats::Renderers;

/// The formats a report can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// Plain text for a terminal.
    Text,
    /// Pretty-printed JSON.
    Json,
    /// Markdown for a wiki or pull request.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// The statements × modules matrix as CSV.
    Csv,
}

impl ReportFormat {
    /// Reads a format name (`text`, `json`, `markdown` or `md`, `html`, `csv`), by the table
    /// `formats::FORMATS`.
    pub fn from_name(name: &str) -> Result<Self> {
        let wanted = name.trim().to_ascii_lowercase();
        formats::FORMATS
            .iter()
            .find(|f| f.name == wanted || f.extensions.contains(&wanted.as_str()))
            .map(|f| f.format)
            .ok_or_else(|| {
                let names: Vec<String> = formats::FORMATS
                    .iter()
                    .map(|f| format!("`{}`", f.name))
                    .collect();
                Error::usage(
                    Diagnostic::new(format!("unknown report format `{wanted}`")).with_hint(
                        format!("the formats are {}", formats::listed(&names, "and")),
                    ),
                )
            })
    }
}

/// The sentence that says how much of a report's coverage is derived from a curated crosswalk
/// (`the coverage of 3 statements is derived from a curated crosswalk, from
/// realising-recovery-2007`), or none when it has none.
pub(crate) fn crosswalk_sentence(report: &crate::Report) -> Option<String> {
    let derived: Vec<&crate::coverage::StatementCoverage> = report
        .statements
        .iter()
        .filter(|s| s.units.iter().any(|u| u.via.is_some()))
        .collect();
    if derived.is_empty() {
        return None;
    }
    let mut from: Vec<&str> = derived
        .iter()
        .flat_map(|s| s.units.iter())
        .filter_map(|u| u.via.as_ref())
        .map(|v| v.statement.split_once(':').map_or("", |(f, _)| f))
        .filter(|f| !f.is_empty())
        .collect();
    from.sort_unstable();
    from.dedup();
    Some(format!(
        "the coverage of {} is derived from a curated crosswalk, from {}",
        plural(derived.len(), "statement"),
        from.join(", ")
    ))
}

/// Serializes any report type as pretty JSON with a final newline.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing these plain data types cannot fail: no maps with non-string keys, no I/O.
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// How a coverage report is rendered: every format.
pub static REPORT: Renderers<crate::Report> = Renderers {
    what: "a report",
    formats: &[
        (ReportFormat::Text, |r| report_text(r, false)),
        (ReportFormat::Json, to_json::<crate::Report>),
        (ReportFormat::Markdown, report_markdown),
        (ReportFormat::Html, report_html),
        (ReportFormat::Csv, report_csv),
    ],
    elsewhere: &[],
};

/// How a curriculum checked against several frameworks is rendered: every format, each
/// framework's report in turn.
pub static CHECKS: Renderers<crate::checks::Checks> = Renderers {
    what: "a check against several frameworks",
    formats: &[
        (ReportFormat::Text, |c| checks_text(c, false)),
        (ReportFormat::Json, to_json::<crate::checks::Checks>),
        (ReportFormat::Markdown, checks_markdown),
        (ReportFormat::Html, checks_html),
        (ReportFormat::Csv, checks_csv),
    ],
    elsewhere: &[],
};

/// How an explanation is rendered: HTML and CSV are for whole reports.
pub static EXPLANATION: Renderers<crate::Explanation> = Renderers {
    what: "an explanation",
    formats: &[
        (ReportFormat::Text, |e| explanation_text(e, false)),
        (ReportFormat::Json, to_json::<crate::Explanation>),
        (ReportFormat::Markdown, explanation_markdown),
    ],
    elsewhere: &[
        (
            ReportFormat::Html,
            "`html` and `csv` are formats of the whole report",
        ),
        (
            ReportFormat::Csv,
            "`html` and `csv` are formats of the whole report",
        ),
    ],
};

/// Writes a value as [`to_json`] renders it, as it is produced: a large report is never held
/// as text whole.
pub fn write_json<T: Serialize>(value: &T, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// The colours of the heatmap shades 1 to 3, lightest first, as RGB hex: the HTML report and
/// portfolio (their stylesheets), the workbook and the web page all colour levels with these.
pub const SHADES: [&str; 3] = ["C6DBEF", "6BAED6", "08519C"];

/// The heatmap shade of a level on a scale, the one formula every report and the web page
/// use: 0 for none (not covered, or not on the scale), then 1 to 3. A scale of any length maps
/// onto the three shades, the lowest level the lightest (1) and the top the darkest (3), each
/// level to the shade nearest its place on the scale (a half rounds up); a scale of one
/// level is all top.
pub fn level_shade(levels: &[String], level: Option<&str>) -> usize {
    let Some(i) = level.and_then(|l| levels.iter().position(|x| x == l)) else {
        return 0;
    };
    let n = levels.len();
    if n <= 1 {
        return 3;
    }
    1 + (i * 2 + (n - 1) / 2) / (n - 1)
}

/// How a parent's level derives from its children, in words, the same in every format:
/// `2 of 3 children covered, not yet derived (all needed); mapped directly at developed`.
pub(crate) fn derivation_note(d: &crate::coverage::Derived) -> String {
    let n = d.children.len();
    let mut note = format!(
        "{} of {n} {} covered",
        d.covered,
        if n == 1 { "child" } else { "children" }
    );
    match (&d.level, d.rule) {
        (Some(level), crate::model::framework::Hierarchy::All) => {
            note.push_str(&format!(", derived {level}"));
        }
        (Some(level), crate::model::framework::Hierarchy::Any) => {
            note.push_str(&format!(", derived {level} (any one counts)"));
        }
        (None, crate::model::framework::Hierarchy::All) => {
            note.push_str(", not yet derived (all needed)");
        }
        (None, crate::model::framework::Hierarchy::Any) => {
            note.push_str(", not derived (any one counts)");
        }
    }
    if let Some(direct) = &d.direct {
        note.push_str(&format!("; mapped directly at {direct}"));
    }
    note
}

/// The statements of a report with a tree, in its order: each parent, then its children
/// indented under it (depth 0 for a top parent). Empty for a report without parents.
pub(crate) fn tree_rows(
    report: &crate::coverage::Report,
) -> Vec<(usize, &crate::coverage::StatementCoverage)> {
    let mut rows = Vec::new();
    if report.statements.iter().all(|s| s.derived.is_none()) {
        return rows;
    }
    let by_code: std::collections::HashMap<&str, &crate::coverage::StatementCoverage> = report
        .statements
        .iter()
        .map(|s| (s.code.as_str(), s))
        .collect();
    // Top parents: with children, and no parent with children above them.
    let mut stack: Vec<(usize, &crate::coverage::StatementCoverage)> = report
        .statements
        .iter()
        .filter(|s| {
            s.derived.is_some()
                && s.parent
                    .as_deref()
                    .and_then(|p| by_code.get(p))
                    .is_none_or(|p| p.derived.is_none())
        })
        .rev()
        .map(|s| (0, s))
        .collect();
    while let Some((depth, s)) = stack.pop() {
        // A loop cannot be in a checked framework; the bound keeps this finite regardless.
        if rows.len() > report.statements.len() {
            break;
        }
        rows.push((depth, s));
        if let Some(d) = &s.derived {
            for child in d.children.iter().rev() {
                if let Some(c) = by_code.get(child.as_str()) {
                    stack.push((depth + 1, c));
                }
            }
        }
    }
    rows
}

/// `0.925` as `92.5%`.
pub(crate) fn percent(share: f64) -> String {
    let s = format!("{:.1}", share * 100.0);
    format!("{}%", s.trim_end_matches(".0"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]

    use super::{SHADES, level_shade};

    fn scale(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("level{i}")).collect()
    }

    #[test]
    fn a_scale_of_any_length_runs_from_the_lightest_shade_to_the_darkest() {
        let shades = |n: usize| {
            let s = scale(n);
            s.iter()
                .map(|l| level_shade(&s, Some(l)))
                .collect::<Vec<_>>()
        };
        assert_eq!(shades(1), [3]);
        assert_eq!(shades(2), [1, 3]);
        assert_eq!(shades(3), [1, 2, 3]);
        assert_eq!(shades(4), [1, 2, 2, 3]);
        assert_eq!(shades(5), [1, 2, 2, 3, 3]);
        assert_eq!(level_shade(&scale(3), None), 0);
        assert_eq!(level_shade(&scale(3), Some("other")), 0);
    }

    #[test]
    fn the_stylesheets_colour_the_shades_with_the_one_table() {
        // The HTML report's stylesheet and the web page's (its colours before the engine's are
        // set) name the same three colours as the workbook.
        let page = include_str!("../../../bindings-wasm/www/style.css");
        for (i, shade) in SHADES.iter().enumerate() {
            let colour = format!("--l{}: #{};", i + 1, shade.to_ascii_lowercase());
            assert!(super::html::CSS.contains(&colour), "report.css: {colour}");
            assert!(page.contains(&colour), "the page's style.css: {colour}");
        }
    }
}
