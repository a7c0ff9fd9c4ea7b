//! The what-to-expect page: the framework's published statements, values first, quoted
//! exactly (tested against the framework data), with the source cited, in every format.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use waypost::{Catalog, ExpectOptions, Expectations, ReportFormat};

fn page(framework: &str) -> Expectations {
    let mut options = ExpectOptions::default();
    options.framework = Some(framework.to_string());
    waypost::what_to_expect(Catalog::builtin().unwrap(), &options).unwrap()
}

fn html_escaped(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// Markdown escapes are syntax, not wording: `\*` reads as `*`.
fn unescape_markdown(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn every_statement_is_quoted_exactly_values_first_with_the_source_cited() {
    let catalog = Catalog::builtin().unwrap();
    for summary in waypost::frameworks(catalog) {
        let f = catalog.framework(&summary.id).unwrap();
        let e = page(&f.id);
        // Every statement once, its text and items exactly the framework's.
        let quoted: Vec<&waypost::ExpectStatement> =
            e.sections.iter().flat_map(|s| &s.statements).collect();
        assert_eq!(quoted.len(), f.statements.len(), "{}", f.id);
        for q in &quoted {
            let s = f.statements.iter().find(|s| s.code == q.code).unwrap();
            assert_eq!(q.text, s.text, "{} {}", f.id, s.code);
            assert_eq!(q.items, s.items, "{} {}", f.id, s.code);
        }
        for section in &e.sections {
            let d = f.domains.iter().find(|d| d.id == section.domain).unwrap();
            assert_eq!(section.stem, d.stem);
        }
        assert_eq!(e.citation, f.source.citation);
        let text = waypost::render(&e, ReportFormat::Text).unwrap();
        let markdown = unescape_markdown(&waypost::render(&e, ReportFormat::Markdown).unwrap());
        let html = waypost::render(&e, ReportFormat::Html).unwrap();
        for s in &f.statements {
            for sentence in std::iter::once(&s.text).chain(&s.items) {
                assert!(
                    text.contains(sentence.as_str()),
                    "{} {} in text",
                    f.id,
                    s.code
                );
                assert!(
                    markdown.contains(sentence.as_str()),
                    "{} {} in markdown",
                    f.id,
                    s.code
                );
                assert!(
                    html.contains(&html_escaped(sentence)),
                    "{} {} in html",
                    f.id,
                    s.code
                );
            }
        }
        assert!(text.contains(&f.source.citation));
        assert!(markdown.contains(&f.source.citation));
        assert!(html.contains(&html_escaped(&f.source.citation)));
    }
}

#[test]
fn values_come_first_and_the_purpose_is_the_published_one() {
    let e = page("realising-recovery-2007");
    let order: Vec<&str> = e.sections.iter().map(|s| s.domain.as_str()).collect();
    assert_eq!(order, ["values", "knowledge", "skills"]);
    let purpose = e.purpose.unwrap();
    assert!(
        purpose
            .text
            .starts_with("communicate to people who use mental health services")
    );
    assert_eq!(purpose.page.as_deref(), Some("6"));
}

#[test]
fn the_html_page_is_large_print_plain_and_printable() {
    let html = waypost::render(&page("realising-recovery-2007"), ReportFormat::Html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("html { font-size: 22px; }"));
    assert!(html.contains("color: #000000; background: #ffffff"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("<script") && !html.contains("http-equiv"));
    let csv = waypost::render(&page("realising-recovery-2007"), ReportFormat::Csv).unwrap_err();
    assert!(csv.to_string().contains("rendered as"), "{csv}");
}
