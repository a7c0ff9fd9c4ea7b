//! The whole path a user takes: a text of unknown format is sniffed, loaded, checked against a
//! policy also made from the input, explained and rendered in every text format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, Policy, ReportFormat, render};
use waypost::coverage::check;
use waypost::explain::explain;
use waypost::load::load_curriculum;
use waypost::load::load_policy;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // An optional policy after a form feed: `curriculum \x0c policy`.
    let (curriculum_text, policy_text) = text.split_once('\x0c').unwrap_or((text, ""));
    let Ok(catalog) = Catalog::builtin() else { return };
    let Ok(curriculum) = load_curriculum(curriculum_text, None, None) else { return };
    let policy = load_policy(policy_text, None, None).unwrap_or_default();
    if let Ok(report) = check(catalog, &curriculum, None, &policy) {
        for format in [ReportFormat::Text, ReportFormat::Json, ReportFormat::Markdown, ReportFormat::Html, ReportFormat::Csv] {
            let _ = render(&report, format);
        }
        if let Some(first) = report.statements.first() {
            let _ = explain(catalog, &curriculum, None, &first.code);
        }
    }
    let _ = check(catalog, &curriculum, Some("nimhe-guiding-statement-2004"), &Policy::default());
});
