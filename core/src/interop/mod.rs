//! Interoperability: frameworks exchanged with the tools educators already use (1EdTech CASE
//! packages, Moodle competency frameworks), and mapping grids turned into curriculum files a
//! person can go on editing.
//!
//! Imports are lenient and honest: they read what they can and return, beside the framework,
//! a note for everything they could not represent, so nothing is dropped silently. Exports are
//! deterministic: the same framework gives byte-identical output.

pub mod case;
pub mod curriculum;
pub mod editable;
pub mod framework_grid;
pub mod moodle;
pub(crate) mod write;

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use write::{curriculum_to_toml, framework_to_json, framework_to_toml, to_yaml};

use crate::{
    error::{Diagnostic, Error, Result},
    model::framework::Framework,
};

/// A framework read from another tool's format, with a note for everything it could not
/// represent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Imported {
    /// The framework, checked as any framework file is.
    pub framework: Framework,
    /// What could not be represented, or was made up because the source lacked it.
    pub notes: Vec<Diagnostic>,
}

/// A framework written in another tool's format, with a note for everything the format
/// cannot hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Exported {
    /// The file's text.
    pub text: String,
    /// What the format could not hold.
    pub notes: Vec<Diagnostic>,
}

/// Collects notes: single ones as they come, and per-field tallies (`lastChangeDateTime` on
/// 48 items) reported once each, in a stable order.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    path: Option<String>,
    list: Vec<Diagnostic>,
    dropped: BTreeMap<(String, &'static str), usize>,
    unknown: BTreeMap<(String, &'static str), usize>,
}

impl Notes {
    pub(crate) fn new(path: Option<&str>) -> Self {
        Notes {
            path: path.map(str::to_string),
            ..Default::default()
        }
    }

    /// A note on one thing, at a place in the source.
    pub(crate) fn at(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.list.push(Diagnostic {
            path: self.path.clone(),
            pointer: Some(pointer.into()),
            message: message.into(),
            ..Default::default()
        });
    }

    /// A note on one thing, with a hint.
    pub(crate) fn hinted(
        &mut self,
        pointer: Option<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.list.push(Diagnostic {
            path: self.path.clone(),
            pointer,
            message: message.into(),
            hint: Some(hint.into()),
            ..Default::default()
        });
    }

    /// A note on one row or line of the source.
    pub(crate) fn line(&mut self, line: usize, message: impl Into<String>) {
        self.list.push(Diagnostic {
            path: self.path.clone(),
            line: Some(line),
            message: message.into(),
            ..Default::default()
        });
    }

    /// A note made elsewhere, as it is.
    pub(crate) fn push(&mut self, note: Diagnostic) {
        self.list.push(note);
    }

    /// A note with neither place nor hint.
    pub(crate) fn plain(&mut self, message: impl Into<String>) {
        self.list.push(Diagnostic {
            path: self.path.clone(),
            message: message.into(),
            ..Default::default()
        });
    }

    /// Counts a field of the format that waypost has no place for. `scope` is the plural of
    /// what holds it (`items`).
    pub(crate) fn dropped(&mut self, field: &str, scope: &'static str) {
        *self.dropped.entry((field.to_string(), scope)).or_default() += 1;
    }

    /// Counts a field that is not part of the format at all.
    pub(crate) fn unknown(&mut self, field: &str, scope: &'static str) {
        *self.unknown.entry((field.to_string(), scope)).or_default() += 1;
    }

    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        for ((field, scope), n) in std::mem::take(&mut self.dropped) {
            let message = format!("`{field}` on {} is not kept", counted(n, scope));
            self.plain(message);
        }
        for ((field, scope), n) in std::mem::take(&mut self.unknown) {
            let message = format!(
                "`{field}` on {} is not part of the format and is not kept",
                counted(n, scope)
            );
            self.plain(message);
        }
        self.list
    }
}

/// `1 item`, `48 items`, `the document`.
fn counted(n: usize, scope: &str) -> String {
    if scope == "the document" {
        return scope.to_string();
    }
    if n == 1 {
        let one = match scope.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => scope.strip_suffix('s').unwrap_or(scope).to_string(),
        };
        format!("1 {one}")
    } else {
        format!("{n} {scope}")
    }
}

/// Lowercase words joined by hyphens: `Range ALD` → `range-ald`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    // Keep ids short enough to type; cut at a word boundary.
    if trimmed.chars().count() <= 60 {
        return trimmed.to_string();
    }
    let cut: String = trimmed.chars().take(60).collect();
    match cut.rfind('-') {
        Some(p) if p > 20 => cut.get(..p).unwrap_or(&cut).to_string(),
        _ => cut,
    }
}

/// Names already given (codes, ids), and for each name given again the next suffix to try,
/// so that the thousandth repeat of one code costs one look-up, not a thousand.
#[derive(Debug, Default)]
pub(crate) struct Names {
    taken: BTreeSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl Names {
    /// Whether a name is given.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Gives a name.
    pub(crate) fn insert(&mut self, name: String) -> bool {
        self.taken.insert(name)
    }

    /// `base`, or `base-2`, `base-3`, … whichever is not taken yet; the result is taken. Names
    /// are only ever added, so every suffix below the one remembered for `base` is still taken
    /// and the search resumes there.
    pub(crate) fn unique(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(2);
        let mut candidate = format!("{base}-{n}");
        while self.taken.contains(&candidate) {
            *n += 1;
            candidate = format!("{base}-{n}");
        }
        *n += 1;
        self.taken.insert(candidate.clone());
        candidate
    }
}

impl FromIterator<String> for Names {
    fn from_iter<I: IntoIterator<Item = String>>(names: I) -> Self {
        Names {
            taken: names.into_iter().collect(),
            next: Default::default(),
        }
    }
}

/// Whether a code can be written in a mapping (`K4:developed`, `K4 (D)`) and in a grid cell
/// (`K4; K5`) without being misread.
pub(crate) fn usable_code(code: &str) -> bool {
    !code.is_empty()
        && !code
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, ':' | '=' | '(' | ')' | ',' | ';' | '"'))
}

/// A code made usable: separators and spaces become hyphens.
pub(crate) fn clean_code(code: &str) -> String {
    let mut out = String::new();
    for c in code.trim().chars() {
        if c.is_whitespace() || matches!(c, ':' | '=' | '(' | ')' | ',' | ';' | '"') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_matches('-').to_string()
}

/// A label made from the first words of a statement, for sources that give none.
pub(crate) fn short_label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut label = words.iter().take(6).copied().collect::<Vec<_>>().join(" ");
    label = label.trim_end_matches([',', ';', ':', '.']).to_string();
    if words.len() > 6 {
        label.push('…');
    }
    label
}

/// The letters a list of codes share (`R-DOK1`, `R-DOK2` → `R-DOK`), without trailing
/// digits or separators; empty when they share none.
pub(crate) fn common_prefix<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    let mut iter = codes.into_iter();
    let Some(first) = iter.next() else {
        return String::new();
    };
    let mut prefix: Vec<char> = first.chars().collect();
    for code in iter {
        let len = prefix
            .iter()
            .zip(code.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        prefix.truncate(len);
    }
    let text: String = prefix.into_iter().collect();
    text.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        .to_string()
}

/// The initials of a name, upper case (`Range ALD` → `RA`), at most three letters.
pub(crate) fn initials(name: &str) -> String {
    let letters: String = name
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .take(3)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "D".to_string()
    } else {
        letters
    }
}

/// Gives every diagnostic that has a path in `text` (`CFItems[3].CFDocumentURI`) its line and
/// column: the text is indexed once ([`crate::position::Positions`]), however many places, so a
/// large package with many notes is still read in linear time.
pub(crate) fn locate_diagnostics(text: &str, diagnostics: &mut [Diagnostic]) {
    if diagnostics
        .iter()
        .all(|d| d.line.is_some() || d.pointer.is_none())
    {
        return;
    }
    let positions = crate::position::Positions::build(text, crate::Format::Json);
    for d in diagnostics {
        positions.place(text, d);
    }
}

/// Checks an imported framework as a framework file is checked, naming the source.
pub(crate) fn checked(framework: Framework, name: Option<&str>) -> Result<Framework> {
    let problems = crate::model::check::check_framework(&framework);
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(Error::Invalid(
            problems.into_iter().map(|d| d.in_file(name)).collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(slug("Range ALD"), "range-ald");
        assert_eq!(
            slug("  What Standards Could Be! "),
            "what-standards-could-be"
        );
        assert_eq!(
            slug("Norm Webb's Depth of Knowledge [DOK]"),
            "norm-webb-s-depth-of-knowledge-dok"
        );
    }

    #[test]
    fn codes_with_separators_are_cleaned() {
        assert!(usable_code("CCSS.Math.Content.6.RP.A.3a"));
        assert!(!usable_code("K 4"));
        assert_eq!(clean_code("RL 1 (a)"), "RL-1-a");
    }

    #[test]
    fn unique_names_take_the_first_free_suffix() {
        let mut names: Names = ["K1-3".to_string()].into_iter().collect();
        let given: Vec<String> = (0..5).map(|_| names.unique("K1")).collect();
        assert_eq!(given, ["K1", "K1-2", "K1-4", "K1-5", "K1-6"]);
        names.insert("K2-2".to_string());
        assert_eq!(names.unique("K2"), "K2");
        assert_eq!(names.unique("K2"), "K2-3");
        assert!(names.contains("K1-6") && !names.contains("K1-7"));
    }

    #[test]
    fn common_prefixes_drop_numbers() {
        assert_eq!(common_prefix(["R-DOK1", "R-DOK2", "R-DOK4"]), "R-DOK");
        assert_eq!(common_prefix(["K1", "K25"]), "K");
        assert_eq!(common_prefix(["A1", "B2"]), "");
    }

    #[test]
    fn labels_are_the_first_words() {
        assert_eq!(
            short_label("Represent and interpret data."),
            "Represent and interpret data"
        );
        assert_eq!(
            short_label("one two three four five six seven"),
            "one two three four five six…"
        );
    }
}
