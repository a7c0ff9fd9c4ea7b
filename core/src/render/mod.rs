//! Rendering reports for people (text, Markdown) and programs (JSON).
//!
//! Every renderer reads the same [`Report`](crate::Report); none computes anything of its own.

mod csv;
mod html;
mod markdown;
mod portfolio;
pub(crate) mod text;
#[cfg(feature = "xlsx")]
mod xlsx;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use csv::report_csv;
pub use html::report_html;
pub use markdown::{explanation_markdown, report_markdown};
pub use portfolio::{
    diff_markdown, diff_text, portfolio_csv, portfolio_html, portfolio_markdown, portfolio_text,
};
pub use text::{explanation_text, framework_text, frameworks_text, plural, report_text};
#[cfg(feature = "xlsx")]
pub use xlsx::{portfolio_xlsx, report_xlsx};

use crate::error::{Diagnostic, Error, Result};

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
    /// Reads a format name (`text`, `json`, `markdown` or `md`, `html`, `csv`).
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            "markdown" | "md" => Ok(Self::Markdown),
            "html" | "htm" => Ok(Self::Html),
            "csv" => Ok(Self::Csv),
            other => Err(Error::parse(
                Diagnostic::new(format!("unknown report format `{other}`"))
                    .with_hint("the formats are `text`, `json`, `markdown`, `html` and `csv`"),
            )),
        }
    }
}

/// Serializes any report type as pretty JSON with a final newline.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing these plain data types cannot fail: no maps with non-string keys, no I/O.
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Writes a value as [`to_json`] renders it, as it is produced: a large report is never held
/// as text whole.
pub fn write_json<T: Serialize>(value: &T, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Renders a coverage report.
pub fn render_report(report: &crate::Report, format: ReportFormat) -> String {
    match format {
        ReportFormat::Text => report_text(report, false),
        ReportFormat::Json => to_json(report),
        ReportFormat::Markdown => report_markdown(report),
        ReportFormat::Html => report_html(report),
        ReportFormat::Csv => report_csv(report),
    }
}

/// Renders an explanation: as text, JSON or Markdown (HTML and CSV are for whole reports).
pub fn render_explanation(
    explanation: &crate::Explanation,
    format: ReportFormat,
) -> Result<String> {
    match format {
        ReportFormat::Text => Ok(explanation_text(explanation, false)),
        ReportFormat::Json => Ok(to_json(explanation)),
        ReportFormat::Markdown => Ok(explanation_markdown(explanation)),
        ReportFormat::Html | ReportFormat::Csv => Err(Error::parse(
            Diagnostic::new("an explanation is rendered as `text`, `json` or `markdown`")
                .with_hint("`html` and `csv` are formats of the whole report"),
        )),
    }
}

/// `0.925` as `92.5%`.
pub(crate) fn percent(share: f64) -> String {
    let s = format!("{:.1}", share * 100.0);
    format!("{}%", s.trim_end_matches(".0"))
}
