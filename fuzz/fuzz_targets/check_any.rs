//! The whole path a user takes: a text of unknown format is sniffed, loaded, checked against a
//! policy also made from the input, explained and rendered in every text format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, CheckOptions, Document, ReportFormat, check, explain, load_curriculum, load_policy, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // An optional policy after a form feed: `curriculum \x0c policy`.
    let (curriculum_text, policy_text) = text.split_once('\x0c').unwrap_or((text, ""));
    let Ok(catalog) = Catalog::builtin() else { return };
    let Ok(curriculum) = load_curriculum(Document::new(curriculum_text)) else { return };
    let mut options = CheckOptions::default();
    options.policy = load_policy(Document::new(policy_text)).unwrap_or_default();
    if let Ok(report) = check(catalog, &curriculum, &options) {
        for format in [ReportFormat::Text, ReportFormat::Json, ReportFormat::Markdown, ReportFormat::Html, ReportFormat::Csv] {
            let _ = render(&report, format);
        }
        if let Some(first) = report.statements.first() {
            let _ = explain(catalog, &curriculum, &first.code, &CheckOptions::default());
        }
    }
    let mut other = CheckOptions::default();
    other.framework = Some("nimhe-guiding-statement-2004".to_string());
    let _ = check(catalog, &curriculum, &other);
});
