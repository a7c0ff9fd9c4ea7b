//! Suggestions for people: a ranked list for a terminal, and a curriculum's suggestions unit by
//! unit. Programs read the JSON of the same types instead.

use std::fmt::Write as _;

use super::{CurriculumSuggestions, Suggestion, WEAK_BELOW, reasons_text};

/// A ranked list of suggestions for one text, with the reasons under each, and a warning when
/// even the best is weak.
pub fn suggestions_text(suggestions: &[Suggestion]) -> String {
    let mut out = String::new();
    if suggestions.is_empty() {
        let _ = writeln!(
            out,
            "No statement shares a word with this text: it may be outside the framework."
        );
        return out;
    }
    let width = suggestions
        .iter()
        .map(|s| s.code.chars().count())
        .max()
        .unwrap_or(0);
    for (i, s) in suggestions.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. {:<width$}  {:.2}  {}{}",
            i + 1,
            s.code,
            s.score,
            s.label,
            if s.weak { "  (weak)" } else { "" }
        );
        let _ = writeln!(
            out,
            "     {:<width$}        {}",
            "",
            reasons_text(&s.reasons)
        );
    }
    if suggestions.iter().all(|s| s.score < WEAK_BELOW) {
        let _ = writeln!(
            out,
            "\nEvery score is below {WEAK_BELOW}: the text may be outside the framework."
        );
    }
    let _ = writeln!(out, "\nSuggestions only: confirm each before mapping it.");
    crate::render::text::shown(out, false)
}

/// A curriculum's suggestions, one line per unit considered.
pub fn curriculum_suggestions_text(suggestions: &CurriculumSuggestions) -> String {
    let mut out = String::new();
    let with = suggestions
        .units
        .iter()
        .filter(|u| !u.suggestions.is_empty())
        .count();
    let _ = writeln!(
        out,
        "{}: suggestions from {} for {with} of the {} units that map at most {} statement{}",
        suggestions.curriculum,
        suggestions.framework,
        suggestions.units.len(),
        suggestions.options.max_mappings,
        if suggestions.options.max_mappings == 1 {
            ""
        } else {
            "s"
        }
    );
    for u in &suggestions.units {
        let found = if u.suggestions.is_empty() {
            match u.text {
                None => "no text to suggest from".to_string(),
                Some(_) => "nothing above the threshold".to_string(),
            }
        } else {
            u.suggestions
                .iter()
                .map(|s| {
                    format!(
                        "{} ({:.2}{})",
                        s.code,
                        s.score,
                        if s.weak { ", weak" } else { "" }
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(out, "  {}/{}: {found}", u.module, u.unit);
        if let Some(text) = &u.text {
            let _ = writeln!(out, "      {text}");
        }
    }
    let _ = writeln!(
        out,
        "\nNothing is mapped: write the grid (`--format csv`), move the codes you confirm from `suggested` into `covers`, and import it."
    );
    crate::render::text::shown(out, false)
}
