//! Suggestions written as a mapping grid (CSV) a person edits and imports.
//!
//! The grid holds the whole curriculum, one row per unit and per assessment, in the columns
//! `docs/curricula.md` describes, so it reads back as the same curriculum. The suggestions go
//! in a `suggested` column beside `covers`, with their scores and reasons: nothing counts as
//! mapped until a person moves a code into `covers`.

use std::collections::BTreeSet;

use super::{CurriculumSuggestions, mapping_text, reasons_text};
use crate::model::curriculum::Curriculum;

/// The columns waypost writes; a unit's own columns of the same name are not repeated.
const COLUMNS: [&str; 10] = [
    "module",
    "module_title",
    "unit",
    "kind",
    "text",
    "covers",
    "assessed_by",
    "suggested",
    "score",
    "why",
];

/// The curriculum as a mapping grid, with the suggestions in `suggested` (codes separated by
/// `; `), `score` (their scores, in the same order) and `why` (the words that matched).
pub fn suggestions_grid(curriculum: &Curriculum, suggestions: &CurriculumSuggestions) -> String {
    // Columns the units carry beyond waypost's (a grid's `owner`, say), in name order.
    let extra: Vec<String> = curriculum
        .modules
        .iter()
        .flat_map(|m| {
            m.units
                .iter()
                .flat_map(|u| u.extra.keys())
                .chain(m.assessments.iter().flat_map(|a| a.extra.keys()))
        })
        .filter(|k| !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(k)))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = Vec::new();
    rows.push(
        COLUMNS
            .iter()
            .map(|c| (*c).to_string())
            .chain(extra.iter().cloned())
            .collect(),
    );
    let cell = |value: Option<&serde_json::Value>| match value {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    for module in &curriculum.modules {
        let title = module.title.clone().unwrap_or_default();
        for unit in &module.units {
            let assessed_by = curriculum.assessed_by(&module.code, &unit.id);
            let found = suggestions
                .units
                .iter()
                .find(|s| s.module == module.code && s.unit == unit.id)
                .map(|s| s.suggestions.as_slice())
                .unwrap_or_default();
            let mut row = vec![
                module.code.clone(),
                title.clone(),
                unit.id.clone(),
                unit.kind.as_str().to_string(),
                unit.text.clone().unwrap_or_default(),
                unit.covers
                    .iter()
                    .map(mapping_text)
                    .collect::<Vec<_>>()
                    .join("; "),
                assessed_by.join("; "),
                found
                    .iter()
                    .map(|s| s.code.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                found
                    .iter()
                    .map(|s| format!("{:.2}", s.score))
                    .collect::<Vec<_>>()
                    .join("; "),
                found
                    .iter()
                    .map(|s| format!("{}: {}", s.code, reasons_text(&s.reasons)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ];
            row.extend(extra.iter().map(|k| cell(unit.extra.get(k))));
            rows.push(row);
        }
        for a in &module.assessments {
            let mut row = vec![
                module.code.clone(),
                title.clone(),
                a.id.clone(),
                "assessment".to_string(),
                a.title.clone().unwrap_or_default(),
                a.covers
                    .iter()
                    .map(mapping_text)
                    .collect::<Vec<_>>()
                    .join("; "),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
            row.extend(extra.iter().map(|k| cell(a.extra.get(k))));
            rows.push(row);
        }
    }
    for row in rows {
        // Every cell through the formula guard: a unit text starting with `=` stays text when
        // the grid is opened in a spreadsheet (the grid reader takes the `'` off again).
        // Writing to memory cannot fail.
        let _ = writer.write_record(
            row.iter()
                .map(|cell| crate::safe::spreadsheet_cell(cell).into_owned()),
        );
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}
