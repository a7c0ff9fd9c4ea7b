//! The report formats, and for each kind of result the formats it is rendered in: one table a
//! kind, each row a format and its renderer. [`render`](crate::render) reads these tables, so a format a result does not have is refused with the same words everywhere, and
//! adding a format is a row in each table that has it.

use super::ReportFormat;
use crate::error::{Diagnostic, Error, Result};

/// A report format as people name it: its name, the other names and file extensions that mean
/// it.
#[derive(Debug, Clone, Copy)]
pub struct FormatName {
    /// The format.
    pub format: ReportFormat,
    /// The name it is listed by (`markdown`).
    pub name: &'static str,
    /// Other names for it, which are also its file extensions (`md`).
    pub extensions: &'static [&'static str],
}

/// Every text report format, in the order they are listed. The workbook (`xlsx`, binary) is
/// written by [`report_xlsx`](crate::render::report_xlsx) and
/// [`portfolio_xlsx`](crate::render::portfolio_xlsx), where the build has them.
pub const FORMATS: [FormatName; 5] = [
    FormatName {
        format: ReportFormat::Text,
        name: "text",
        extensions: &["txt"],
    },
    FormatName {
        format: ReportFormat::Json,
        name: "json",
        extensions: &[],
    },
    FormatName {
        format: ReportFormat::Markdown,
        name: "markdown",
        extensions: &["md"],
    },
    FormatName {
        format: ReportFormat::Html,
        name: "html",
        extensions: &["htm"],
    },
    FormatName {
        format: ReportFormat::Csv,
        name: "csv",
        extensions: &[],
    },
];

impl ReportFormat {
    /// The format's name (`markdown`).
    pub fn name(self) -> &'static str {
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .map_or("text", |f| f.name)
    }
}

/// A renderer of one kind of result in one text format.
pub type Renderer<T> = fn(&T) -> String;

/// The formats one kind of result is rendered in, each with its renderer, and what to say of a
/// format it does not have.
pub struct Renderers<T: ?Sized + 'static> {
    /// The result, as the refusal names it: `a diff`, `suggestions`.
    pub(crate) what: &'static str,
    /// The formats it has, in the order they are listed, with their renderers.
    pub(crate) formats: &'static [(ReportFormat, Renderer<T>)],
    /// The hint for each format it does not have.
    pub(crate) elsewhere: &'static [(ReportFormat, &'static str)],
}

impl<T: ?Sized> std::fmt::Debug for Renderers<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let formats: Vec<ReportFormat> = self.formats().collect();
        f.debug_struct("Renderers")
            .field("what", &self.what)
            .field("formats", &formats)
            .finish()
    }
}

impl<T: ?Sized> Renderers<T> {
    /// Renders `value` in `format`, or refuses a format this kind of result does not have.
    pub fn render(&self, value: &T, format: ReportFormat) -> Result<String> {
        if let Some((_, render)) = self.formats.iter().find(|(f, _)| *f == format) {
            return Ok(render(value));
        }
        let names: Vec<String> = self
            .formats
            .iter()
            .map(|(f, _)| format!("`{}`", f.name()))
            .collect();
        let verb = if self.what.starts_with("a ") || self.what.starts_with("an ") {
            "is"
        } else {
            "are"
        };
        let mut refusal = Diagnostic::new(format!(
            "{} {verb} rendered as {}",
            self.what,
            listed(&names, "or")
        ));
        if let Some((_, hint)) = self.elsewhere.iter().find(|(f, _)| *f == format) {
            refusal = refusal.with_hint(*hint);
        }
        Err(Error::usage(refusal))
    }

    /// The formats this kind of result is rendered in.
    pub fn formats(&self) -> impl Iterator<Item = ReportFormat> + '_ {
        self.formats.iter().map(|(f, _)| *f)
    }
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn listed(items: &[String], last: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((only, [])) => only.clone(),
        Some((end, rest)) => format!("{} {last} {end}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{FORMATS, listed};
    use crate::{
        ReportFormat,
        format::{INPUT_FORMATS, Input, is_workbook},
        plan::{render::PLAN, team_render::TEAM},
        render::{EXPLANATION, REPORT, expect::EXPECTATIONS},
        renderers::{CURRICULUM_SUGGESTIONS, DIFF, PORTFOLIO, SUGGESTIONS},
    };
    use std::path::Path;

    #[test]
    fn every_format_is_read_by_its_name_and_extensions() {
        for f in FORMATS {
            assert_eq!(ReportFormat::from_name(f.name).unwrap(), f.format);
            assert_eq!(f.format.name(), f.name);
            for e in f.extensions {
                assert_eq!(ReportFormat::from_name(e).unwrap(), f.format);
            }
        }
        for f in INPUT_FORMATS {
            for e in f.extensions {
                assert_eq!(Input::of(Path::new(&format!("x.{e}"))), Some(f.input));
            }
        }
        assert!(is_workbook(Path::new("grid.ODS")));
        assert_eq!(crate::Format::from_path(Path::new("grid.xlsx")), None);
    }

    #[test]
    fn reports_and_portfolios_have_every_format_the_others_refuse_theirs_with_a_hint() {
        let all: Vec<ReportFormat> = FORMATS.iter().map(|f| f.format).collect();
        assert_eq!(REPORT.formats().collect::<Vec<_>>(), all);
        assert_eq!(PORTFOLIO.formats().collect::<Vec<_>>(), all);
        assert_eq!(TEAM.formats().collect::<Vec<_>>(), all);
        let refusals = [
            (EXPECTATIONS.formats().count(), EXPECTATIONS.elsewhere.len()),
            (EXPLANATION.formats().count(), EXPLANATION.elsewhere.len()),
            (DIFF.formats().count(), DIFF.elsewhere.len()),
            (SUGGESTIONS.formats().count(), SUGGESTIONS.elsewhere.len()),
            (
                CURRICULUM_SUGGESTIONS.formats().count(),
                CURRICULUM_SUGGESTIONS.elsewhere.len(),
            ),
            (PLAN.formats().count(), PLAN.elsewhere.len()),
        ];
        for (has, hinted) in refusals {
            assert_eq!(has + hinted, all.len(), "each missing format has its hint");
        }
        assert_eq!(
            listed(&["`a`".into(), "`b`".into(), "`c`".into()], "or"),
            "`a`, `b` or `c`"
        );
    }
}
