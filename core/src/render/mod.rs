//! Rendering reports for people (text, Markdown) and programs (JSON).
//!
//! Every renderer reads the same [`Report`](crate::Report); none computes anything of its own.

mod markdown;
mod text;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use markdown::{explanation_markdown, report_markdown};
pub use text::{explanation_text, framework_text, frameworks_text, plural, report_text};

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
}

impl ReportFormat {
    /// Reads a format name (`text`, `json`, `markdown` or `md`).
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            "markdown" | "md" => Ok(Self::Markdown),
            other => Err(Error::parse(
                Diagnostic::new(format!("unknown report format `{other}`"))
                    .with_hint("the formats are `text`, `json` and `markdown`"),
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

/// Renders a coverage report.
pub fn render_report(report: &crate::Report, format: ReportFormat) -> String {
    match format {
        ReportFormat::Text => report_text(report, false),
        ReportFormat::Json => to_json(report),
        ReportFormat::Markdown => report_markdown(report),
    }
}

/// Renders an explanation.
pub fn render_explanation(explanation: &crate::Explanation, format: ReportFormat) -> String {
    match format {
        ReportFormat::Text => explanation_text(explanation, false),
        ReportFormat::Json => to_json(explanation),
        ReportFormat::Markdown => explanation_markdown(explanation),
    }
}

/// `0.925` as `92.5%`.
pub(crate) fn percent(share: f64) -> String {
    let s = format!("{:.1}", share * 100.0);
    format!("{}%", s.trim_end_matches(".0"))
}
