//! Which renderer a format means for the results other than a coverage report: a portfolio,
//! a diff, and suggestions, each a table of [`Renderers`]. The tables of a report, an
//! explanation and a plan sit beside their renderers; [`render`](crate::render) reads them all.
//!
//! The command line and every binding call these, so a format means the same renderer
//! everywhere and a format a result does not have is refused with the same message.

use crate::{
    diff::Diff,
    portfolio::Portfolio,
    render::{
        ReportFormat, diff_markdown, diff_text, formats::Renderers, portfolio_csv, portfolio_html,
        portfolio_markdown, portfolio_text, to_json,
    },
    suggest::{CurriculumSuggestions, Suggestion, curriculum_suggestions_text, suggestions_text},
};

/// How a portfolio is rendered: every format applies, as for a report.
pub static PORTFOLIO: Renderers<Portfolio> = Renderers {
    what: "a portfolio",
    formats: &[
        (ReportFormat::Text, |p| portfolio_text(p, false)),
        (ReportFormat::Json, to_json::<Portfolio>),
        (ReportFormat::Markdown, portfolio_markdown),
        (ReportFormat::Html, portfolio_html),
        (ReportFormat::Csv, portfolio_csv),
    ],
    elsewhere: &[],
};

/// How a diff is rendered.
pub static DIFF: Renderers<Diff> = Renderers {
    what: "a diff",
    formats: &[
        (ReportFormat::Text, |d| diff_text(d, false)),
        (ReportFormat::Json, to_json::<Diff>),
        (ReportFormat::Markdown, diff_markdown),
    ],
    elsewhere: &[
        (
            ReportFormat::Html,
            "`html` and `csv` are formats of reports and portfolios",
        ),
        (
            ReportFormat::Csv,
            "`html` and `csv` are formats of reports and portfolios",
        ),
    ],
};

/// How the suggestions for one text are rendered.
pub static SUGGESTIONS: Renderers<[Suggestion]> = Renderers {
    what: "suggestions",
    formats: &[
        (ReportFormat::Text, suggestions_text),
        (ReportFormat::Json, |s| to_json(&s)),
    ],
    elsewhere: &[
        (ReportFormat::Markdown, SUGGESTIONS_ELSEWHERE),
        (ReportFormat::Html, SUGGESTIONS_ELSEWHERE),
        (ReportFormat::Csv, SUGGESTIONS_ELSEWHERE),
    ],
};

const SUGGESTIONS_ELSEWHERE: &str = "`markdown`, `html` and `csv` are formats of reports";

/// How a curriculum's suggestions are rendered. The mapping grid a person edits needs the
/// curriculum too: it is [`suggestions_grid`](crate::suggest::suggestions_grid).
pub static CURRICULUM_SUGGESTIONS: Renderers<CurriculumSuggestions> = Renderers {
    what: "a curriculum's suggestions",
    formats: &[
        (ReportFormat::Text, curriculum_suggestions_text),
        (ReportFormat::Json, to_json::<CurriculumSuggestions>),
    ],
    elsewhere: &[
        (
            ReportFormat::Csv,
            "the mapping grid to edit and import is made from the curriculum and its suggestions by `suggestions_grid`",
        ),
        (
            ReportFormat::Markdown,
            "`markdown` and `html` are formats of reports",
        ),
        (
            ReportFormat::Html,
            "`markdown` and `html` are formats of reports",
        ),
    ],
};

/// (These four name a table each for the tests below; callers use [`crate::render`].)
///
/// Renders a portfolio: text, JSON, Markdown, a self-contained HTML page, or the statements ×
/// courses matrix as CSV. Every format applies, as for a report.
#[cfg(test)]
pub(crate) fn render_portfolio(portfolio: &Portfolio, format: ReportFormat) -> String {
    PORTFOLIO
        .render(portfolio, format)
        .unwrap_or_else(|e| e.to_string())
}

/// Renders a diff as text, JSON or Markdown.
#[cfg(test)]
pub(crate) fn render_diff(diff: &Diff, format: ReportFormat) -> crate::error::Result<String> {
    DIFF.render(diff, format)
}

/// Renders the suggestions for one text as text (a ranked list with the reasons) or JSON
/// (what `waypost suggest --format json` prints).
#[cfg(test)]
pub(crate) fn render_suggestions(
    suggestions: &[Suggestion],
    format: ReportFormat,
) -> crate::error::Result<String> {
    SUGGESTIONS.render(suggestions, format)
}

/// Renders a curriculum's suggestions as text (unit by unit) or JSON. The mapping grid a
/// person edits needs the curriculum too: it is
/// [`suggestions_grid`](crate::suggest::suggestions_grid).
#[cfg(test)]
pub(crate) fn render_curriculum_suggestions(
    suggestions: &CurriculumSuggestions,
    format: ReportFormat,
) -> crate::error::Result<String> {
    CURRICULUM_SUGGESTIONS.render(suggestions, format)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::{
        catalog::{Catalog, DEFAULT_FRAMEWORK},
        load::load_curriculum,
        suggest::{
            CurriculumSuggestOptions, SuggestOptions, suggest_curriculum_with_examples,
            suggest_with_examples,
        },
    };

    const ALL: [ReportFormat; 5] = [
        ReportFormat::Text,
        ReportFormat::Json,
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Csv,
    ];

    fn course(covers: &str) -> crate::Curriculum {
        let text = format!(
            "id = \"c\"\ntitle = \"C\"\n[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ntext = \"Convey hope to people in distress\"\ncovers = [{covers}]\n[[modules.units]]\nid = \"LO2\"\ntext = \"Support a person to write an advance statement\"\n"
        );
        load_curriculum(&text, None, Some("c.toml")).unwrap()
    }

    #[test]
    fn a_portfolio_has_every_format_and_each_is_its_renderer() {
        let catalog = Catalog::builtin().unwrap();
        let entries = vec![("c.toml".to_string(), Ok(course("\"K4\"")))];
        let p = crate::portfolio::portfolio(catalog, entries, None).unwrap();
        assert_eq!(
            render_portfolio(&p, ReportFormat::Text),
            portfolio_text(&p, false)
        );
        assert_eq!(render_portfolio(&p, ReportFormat::Json), to_json(&p));
        assert_eq!(
            render_portfolio(&p, ReportFormat::Markdown),
            portfolio_markdown(&p)
        );
        assert_eq!(render_portfolio(&p, ReportFormat::Html), portfolio_html(&p));
        assert_eq!(render_portfolio(&p, ReportFormat::Csv), portfolio_csv(&p));
        // Text for a file or another program carries no colour codes.
        assert!(!render_portfolio(&p, ReportFormat::Text).contains('\u{1b}'));
    }

    #[test]
    fn a_diff_is_text_json_or_markdown() {
        let catalog = Catalog::builtin().unwrap();
        let d = crate::diff::diff(catalog, &course("\"K4\""), &course("\"K5\""), None).unwrap();
        assert_eq!(
            render_diff(&d, ReportFormat::Text).unwrap(),
            diff_text(&d, false)
        );
        assert_eq!(render_diff(&d, ReportFormat::Json).unwrap(), to_json(&d));
        assert_eq!(
            render_diff(&d, ReportFormat::Markdown).unwrap(),
            diff_markdown(&d)
        );
        for format in [ReportFormat::Html, ReportFormat::Csv] {
            let e = render_diff(&d, format).unwrap_err();
            assert_eq!(e.code(), "usage");
            let d = e.first().unwrap();
            assert_eq!(
                d.message,
                "a diff is rendered as `text`, `json` or `markdown`"
            );
            assert_eq!(
                d.hint.as_deref(),
                Some("`html` and `csv` are formats of reports and portfolios")
            );
        }
    }

    #[test]
    fn suggestions_are_text_or_json() {
        let catalog = Catalog::builtin().unwrap();
        let found = suggest_with_examples(
            catalog,
            DEFAULT_FRAMEWORK,
            "Convey hope",
            &SuggestOptions::default(),
            &[],
        )
        .unwrap();
        assert_eq!(
            render_suggestions(&found, ReportFormat::Text).unwrap(),
            suggestions_text(&found)
        );
        assert_eq!(
            render_suggestions(&found, ReportFormat::Json).unwrap(),
            to_json(&found)
        );
        let refused = ALL
            .iter()
            .filter(|f| render_suggestions(&found, **f).is_err())
            .count();
        assert_eq!(refused, 3);
    }

    #[test]
    fn a_curriculums_suggestions_are_text_or_json_and_csv_names_the_grid() {
        let catalog = Catalog::builtin().unwrap();
        let c = course("");
        let all = suggest_curriculum_with_examples(
            catalog,
            &c,
            None,
            &CurriculumSuggestOptions::default(),
            &[],
        )
        .unwrap();
        assert_eq!(
            render_curriculum_suggestions(&all, ReportFormat::Text).unwrap(),
            curriculum_suggestions_text(&all)
        );
        assert_eq!(
            render_curriculum_suggestions(&all, ReportFormat::Json).unwrap(),
            to_json(&all)
        );
        let csv = render_curriculum_suggestions(&all, ReportFormat::Csv).unwrap_err();
        assert!(csv.to_string().contains("`suggestions_grid`"), "{csv}");
        for format in [ReportFormat::Markdown, ReportFormat::Html] {
            assert!(render_curriculum_suggestions(&all, format).is_err());
        }
    }
}
