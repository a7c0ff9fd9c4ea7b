//! The what-to-expect page: plain text, Markdown, and a large-print HTML page that prints.
//! Every sentence from the framework is printed as stored; the renderers add only headings,
//! the introduction and the citation line, which are waypost's words and say so.

use std::fmt::Write as _;

use askama::Template;

use super::{ReportFormat, formats::Renderers, markdown::escape as md};
use crate::expect::Expectations;

/// How a what-to-expect page is rendered.
pub static EXPECTATIONS: Renderers<Expectations> = Renderers {
    what: "a what-to-expect page",
    formats: &[
        (ReportFormat::Text, expect_text),
        (ReportFormat::Json, super::to_json::<Expectations>),
        (ReportFormat::Markdown, expect_markdown),
        (ReportFormat::Html, expect_html),
    ],
    elsewhere: &[(
        ReportFormat::Csv,
        "`csv` is a format of reports, portfolios and team views",
    )],
};

fn name(e: &Expectations) -> &str {
    e.short_title.as_deref().unwrap_or(&e.title)
}

const HEADING: &str = "What you can expect from mental health workers";

fn intro(e: &Expectations) -> String {
    format!(
        "For people who use mental health services, and their families and carers: what mental health workers should bring to their work, in the published words of {}. Every sentence listed is quoted exactly, not reworded.",
        name(e)
    )
}

fn source_line(e: &Expectations) -> String {
    format!("Source: {}", e.citation)
}

/// The page as plain text.
pub fn expect_text(e: &Expectations) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{HEADING}\n");
    let _ = writeln!(out, "{}\n", intro(e));
    if let Some(p) = &e.purpose {
        let _ = writeln!(out, "The framework's purpose: \"{}\"\n", p.text);
    }
    for s in &e.sections {
        let _ = writeln!(out, "{}", s.name);
        if let Some(stem) = &s.stem {
            let _ = writeln!(out, "{stem}");
        }
        for st in &s.statements {
            let _ = writeln!(out, "  - {}", st.text);
            for item in &st.items {
                let _ = writeln!(out, "      - {item}");
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", source_line(e));
    if let Some(url) = &e.url {
        let _ = writeln!(out, "{url}");
    }
    let _ = writeln!(
        out,
        "Headings and this introduction are waypost's; every listed sentence is the framework's."
    );
    crate::render::text::shown(out, false)
}

/// The page as Markdown.
pub fn expect_markdown(e: &Expectations) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {HEADING}\n");
    let _ = writeln!(out, "{}\n", md(&intro(e)));
    if let Some(p) = &e.purpose {
        let _ = writeln!(out, "> {}\n", md(&p.text));
    }
    for s in &e.sections {
        let _ = writeln!(out, "## {}\n", md(&s.name));
        if let Some(stem) = &s.stem {
            let _ = writeln!(out, "{}\n", md(stem));
        }
        for st in &s.statements {
            let _ = writeln!(out, "- {}", md(&st.text));
            for item in &st.items {
                let _ = writeln!(out, "  - {}", md(item));
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "---\n\n{}", md(&source_line(e)));
    if let Some(url) = &e.url {
        let _ = writeln!(out, "<{url}>");
    }
    let _ = writeln!(
        out,
        "\nHeadings and this introduction are waypost's; every listed sentence is the framework's."
    );
    crate::render::text::shown(out, false)
}

#[derive(Template)]
#[template(path = "expect.html")]
struct Page<'a> {
    e: &'a Expectations,
    heading: &'static str,
    intro: String,
    source: String,
    version: &'static str,
}

/// The page as one self-contained, large-print HTML page (no scripts, no network) that
/// prints cleanly.
pub fn expect_html(e: &Expectations) -> String {
    let page = Page {
        e,
        heading: HEADING,
        intro: intro(e),
        source: source_line(e),
        version: env!("CARGO_PKG_VERSION"),
    };
    page.render()
        .unwrap_or_else(|err| format!("<!DOCTYPE html><p>cannot render the page: {err}</p>"))
}
