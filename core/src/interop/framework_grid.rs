//! A framework kept as a spreadsheet, one row per statement, read as a framework: the way a
//! programme team usually holds its standards before it writes them as a framework file.
//!
//! The header row names at least `code` and `text` (or `statement`), and may name `domain`,
//! `parent`, `label`, `number` and `page`; names are matched ignoring case, spaces and
//! punctuation (`Statement code` is not `code`, but `CODE` and `Co de` are). What the sheet does
//! not give is made up and said so in a note (domains from the codes' prefixes, labels from the
//! first words, placeholders for the title, publishers, year and source); a column the import
//! does not know is named in a note, never dropped silently. Every problem in the rows (an
//! empty code or text, a code used twice, a parent that is not in the sheet, parents that
//! loop) is reported in one run, each at its row and column.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    error::{Diagnostic, Error, Result, backticked, plural},
    format::check_size,
    interop::{Imported, Notes, checked, short_label, slug, usable_code},
    model::framework::{Domain, Framework, Source, Statement, default_levels},
};

/// Choices for a framework-grid import: what the sheet cannot say about the framework.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FrameworkGridOptions {
    /// The framework's id (default: the file name as lowercase words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its title (default: the file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who publishes it (default: a placeholder, with a note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The year of the edition (default: 0, with a note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// From a workbook: the sheet to read (default: the first whose header names `code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// The columns a framework grid may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Code,
    Text,
    Domain,
    Parent,
    Label,
    Number,
    Page,
}

impl Column {
    fn of(header: &str) -> Option<Column> {
        Some(match compact(header).as_str() {
            "code" => Column::Code,
            "text" | "statement" => Column::Text,
            "domain" => Column::Domain,
            "parent" => Column::Parent,
            "label" => Column::Label,
            "number" => Column::Number,
            "page" => Column::Page,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Text => "text",
            Column::Domain => "domain",
            Column::Parent => "parent",
            Column::Label => "label",
            Column::Number => "number",
            Column::Page => "page",
        }
    }
}

/// A header name without case, spaces or punctuation.
fn compact(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a sheet's header row names the columns a framework grid needs.
#[cfg(feature = "grid-xlsx")]
fn is_framework_header(headers: &[String]) -> bool {
    let columns: BTreeSet<Column> = headers.iter().filter_map(|h| Column::of(h)).collect();
    columns.contains(&Column::Code) && columns.contains(&Column::Text)
}

/// One row of the sheet: its 1-based row number and its cells.
struct SheetRow {
    line: usize,
    cells: Vec<String>,
}

/// Reads a framework grid kept as CSV.
pub fn import_framework_grid(
    text: &str,
    name: Option<&str>,
    options: &FrameworkGridOptions,
) -> Result<Imported> {
    check_size(text, "framework grid").map_err(|e| e.in_file(name))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e
                .position()
                .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
            Error::parse(
                Diagnostic::new(format!("cannot read this row: {e}"))
                    .on_line(line, None)
                    .in_file(name),
            )
        })?;
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        rows.push(SheetRow {
            line,
            cells: record
                .iter()
                .map(|cell| crate::safe::unguard(cell).to_string())
                .collect(),
        });
    }
    build(rows, 0, name, options)
}

/// Reads a framework grid kept as a spreadsheet workbook (XLSX, XLS or ODS): the sheet
/// named in the options, else the first whose header names `code` and `text`.
#[cfg(feature = "grid-xlsx")]
pub fn import_framework_workbook(
    bytes: &[u8],
    name: Option<&str>,
    options: &FrameworkGridOptions,
) -> Result<Imported> {
    let (rows, left) =
        crate::xlsx::sheet_rows(bytes, name, options.sheet.as_deref(), &is_framework_header)?;
    let rows = rows
        .into_iter()
        .map(|(line, cells)| SheetRow { line, cells })
        .collect();
    build(rows, left, name, options)
}

/// The place of a problem: a row, and a column of the sheet (1-based, counted from column A).
struct Place<'a> {
    name: Option<&'a str>,
    left: usize,
}

impl Place<'_> {
    fn at(&self, line: usize, column: Option<usize>, message: String) -> Diagnostic {
        Diagnostic::new(message)
            .on_line(line, column.map(|c| c + 1 + self.left))
            .in_file(self.name)
    }
}

/// Builds the framework from the sheet's rows (the first is the header). `left` is how many
/// columns of the sheet come before the rows' first cell.
fn build(
    rows: Vec<SheetRow>,
    left: usize,
    name: Option<&str>,
    options: &FrameworkGridOptions,
) -> Result<Imported> {
    let place = Place { name, left };
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Err(Error::parse(
            place
                .at(1, None, "the framework grid is empty".to_string())
                .with_hint(HEADER_HINT),
        ));
    };
    let mut notes = Notes::new(name);
    let mut problems = Vec::new();
    let columns = columns(&header, &place, &mut notes, &mut problems);
    let (Some(code_at), Some(text_at)) = (
        columns.get(&Column::Code).copied(),
        columns.get(&Column::Text).copied(),
    ) else {
        problems.push(missing_columns(&header, &columns, &place));
        return Err(Error::Invalid(problems));
    };
    let (mut statements, made_labels) =
        statements(rows, &columns, (code_at, text_at), &place, &mut problems);
    if statements.is_empty() && problems.is_empty() {
        problems.push(
            place
                .at(
                    header.line,
                    None,
                    "the framework grid has no statements".to_string(),
                )
                .with_hint("add one row per statement under the header"),
        );
    }
    check_parents(&statements, &columns, &place, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if made_labels > 0 {
        notes.plain(format!(
            "{} had no label: a label was made from the first words of the text; write your own in a `label` column",
            plural(made_labels, "statement")
        ));
    }
    let domains = domains(
        &mut statements,
        columns.contains_key(&Column::Domain),
        &mut notes,
    );
    let framework = framework(
        statements.into_iter().map(|(_, s)| s).collect(),
        domains,
        name,
        options,
        &mut notes,
    );
    let framework = checked(framework, name)?;
    Ok(Imported {
        framework,
        notes: notes.finish(),
    })
}

/// What the header lacks of `code` and `text`, at the header row.
fn missing_columns(
    header: &SheetRow,
    columns: &BTreeMap<Column, usize>,
    place: &Place<'_>,
) -> Diagnostic {
    let missing: Vec<&str> = [Column::Code, Column::Text]
        .into_iter()
        .filter(|c| !columns.contains_key(c))
        .map(|c| match c {
            Column::Text => "`text` (or `statement`)",
            _ => "`code`",
        })
        .collect();
    let found: Vec<String> = header
        .cells
        .iter()
        .filter(|h| !h.trim().is_empty())
        .map(|h| h.trim().to_string())
        .collect();
    place
        .at(
            header.line,
            None,
            format!("the header row has no {} column", missing.join(" or ")),
        )
        .with_hint(if found.is_empty() {
            HEADER_HINT.to_string()
        } else {
            format!("{HEADER_HINT}; the header names {}", backticked(&found))
        })
}

/// The statements of the rows under the header, in the sheet's order, each with its row, and
/// how many had no label (one was made); every problem in a row is kept in `problems`.
fn statements(
    rows: impl Iterator<Item = SheetRow>,
    columns: &BTreeMap<Column, usize>,
    (code_at, text_at): (usize, usize),
    place: &Place<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<(usize, Statement)>, usize) {
    let cell = |row: &SheetRow, column: Column| -> String {
        columns
            .get(&column)
            .and_then(|i| row.cells.get(*i))
            .map_or(String::new(), |c| c.trim().to_string())
    };

    let mut statements: Vec<(usize, Statement)> = Vec::new();
    let mut first_row: BTreeMap<String, usize> = BTreeMap::new();
    let mut made_labels = 0usize;
    for row in rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let code = cell(&row, Column::Code);
        let text = cell(&row, Column::Text);
        if code.is_empty() {
            problems.push(
                place
                    .at(
                        row.line,
                        Some(code_at),
                        "the statement has no code".to_string(),
                    )
                    .with_hint("give every statement a short code, such as `1.1` or `K4`"),
            );
        } else if !usable_code(&code) {
            problems.push(
                place
                    .at(
                        row.line,
                        Some(code_at),
                        format!("the code `{code}` cannot be used in a mapping"),
                    )
                    .with_hint(
                        "a code has no spaces and none of `:`, `=`, `(`, `)`, `,`, `;` or `\"`",
                    ),
            );
        } else if let Some(first) = first_row.get(&code) {
            problems.push(
                place
                    .at(
                        row.line,
                        Some(code_at),
                        format!("the code `{code}` is used twice"),
                    )
                    .with_hint(format!("it is first used on row {first}")),
            );
            continue;
        } else {
            first_row.insert(code.clone(), row.line);
        }
        if text.is_empty() {
            problems.push(
                place
                    .at(
                        row.line,
                        Some(text_at),
                        format!("the statement `{code}` has no text"),
                    )
                    .with_hint("write the statement's published wording"),
            );
        }
        let mut label = cell(&row, Column::Label);
        if label.is_empty() {
            label = short_label(&text);
            made_labels += 1;
        }
        let optional = |column: Column| Some(cell(&row, column)).filter(|c| !c.is_empty());
        statements.push((
            row.line,
            Statement {
                code,
                domain: cell(&row, Column::Domain),
                parent: optional(Column::Parent),
                text,
                items: Vec::new(),
                number: optional(Column::Number),
                label,
                themes: Vec::new(),
                synonyms: Vec::new(),
                page: optional(Column::Page),
                erratum: None,
            },
        ));
    }
    (statements, made_labels)
}

const HEADER_HINT: &str = "a framework grid has a header row naming at least `code` and `text` (or `statement`), and may name `domain`, `parent`, `label`, `number` and `page`";

/// The known columns by where they are; a column named twice is a problem, one the import
/// does not know is named in a note.
fn columns(
    header: &SheetRow,
    place: &Place<'_>,
    notes: &mut Notes,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<Column, usize> {
    let mut columns = BTreeMap::new();
    for (i, name) in header.cells.iter().enumerate() {
        if name.trim().is_empty() {
            continue;
        }
        match Column::of(name) {
            Some(column) => {
                if let Some(first) = columns.get(&column) {
                    problems.push(
                        place
                            .at(header.line, Some(i), format!("the `{}` column is named twice", column.name()))
                            .with_hint(format!("it is first column {}; keep one", first + 1 + place.left)),
                    );
                } else {
                    columns.insert(column, i);
                }
            }
            None => notes.push(place.at(
                header.line,
                Some(i),
                format!(
                    "the column `{}` is not part of a framework grid and is not kept",
                    name.trim()
                ),
            ).with_hint("the columns read are `code`, `text` (or `statement`), `domain`, `parent`, `label`, `number` and `page`")),
        }
    }
    columns
}

/// Every parent names a statement of the sheet, and following parents never comes back to
/// where it started.
fn check_parents(
    statements: &[(usize, Statement)],
    columns: &BTreeMap<Column, usize>,
    place: &Place<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(parent_at) = columns.get(&Column::Parent).copied() else {
        return;
    };
    let parent_of: BTreeMap<&str, &str> = statements
        .iter()
        .filter_map(|(_, s)| s.parent.as_deref().map(|p| (s.code.as_str(), p)))
        .collect();
    let codes: BTreeSet<&str> = statements.iter().map(|(_, s)| s.code.as_str()).collect();
    let mut reported_cycles: BTreeSet<Vec<String>> = BTreeSet::new();
    for (line, s) in statements {
        let Some(parent) = s.parent.as_deref() else {
            continue;
        };
        if !codes.contains(parent) {
            let hint = crate::nearest::nearest(parent, codes.iter().copied()).map_or_else(
                || "a parent is the code of another row of the sheet".to_string(),
                |n| format!("did you mean `{n}`?"),
            );
            problems.push(
                place
                    .at(
                        *line,
                        Some(parent_at),
                        format!("the parent `{parent}` of `{}` is not in the sheet", s.code),
                    )
                    .with_hint(hint),
            );
            continue;
        }
        // Follow the parents from this statement; a cycle comes back to a code already seen.
        let mut seen = vec![s.code.as_str()];
        let mut at = parent;
        loop {
            if let Some(start) = seen.iter().position(|c| *c == at) {
                let mut cycle: Vec<String> =
                    seen.iter().skip(start).map(|c| (*c).to_string()).collect();
                cycle.sort();
                // Reported once, at the first row of the cycle.
                if start == 0 && reported_cycles.insert(cycle.clone()) {
                    problems.push(
                        place
                            .at(*line, Some(parent_at), format!("the parents form a cycle through {}", backticked(&cycle)))
                            .with_hint("a statement cannot sit under itself: give one of them another parent, or none"),
                    );
                }
                break;
            }
            seen.push(at);
            match parent_of.get(at) {
                Some(p) if codes.contains(p) => at = p,
                _ => break,
            }
        }
    }
}

/// The domains: from the `domain` column (each name once, in the order first used), else from
/// the codes' prefixes (`1.1` → `1`, `A1.1` → `A`), else one domain for all.
fn domains(
    statements: &mut [(usize, Statement)],
    from_column: bool,
    notes: &mut Notes,
) -> Vec<Domain> {
    let mut names: Vec<String> = Vec::new();
    let mut missing = 0usize;
    for (_, s) in statements.iter_mut() {
        let name = if from_column && !s.domain.is_empty() {
            s.domain.clone()
        } else {
            if from_column {
                missing += 1;
            }
            String::new()
        };
        s.domain = name;
    }
    if !from_column {
        let groups: BTreeSet<String> = statements
            .iter()
            .map(|(_, s)| code_group(&s.code))
            .collect();
        // Codes that share no prefix (every code its own group) make one domain.
        let useful = groups.len() > 1 && groups.len() < statements.len();
        for (_, s) in statements.iter_mut() {
            s.domain = if useful {
                group_name(&code_group(&s.code))
            } else {
                String::new()
            };
        }
        if useful {
            notes.plain(format!(
                "the sheet has no `domain` column: {} made from the codes' prefixes; name them in a `domain` column, or rename them in the file",
                plural(groups.len(), "domain")
            ));
        } else {
            notes.plain("the sheet has no `domain` column: all statements are in one domain, `statements`; add a `domain` column to group them");
        }
    } else if missing > 0 {
        notes.plain(format!(
            "{} had no domain and {} in the domain `statements`",
            plural(missing, "statement"),
            if missing == 1 { "is" } else { "are" }
        ));
    }
    for (_, s) in statements.iter() {
        let name = if s.domain.is_empty() {
            "Statements".to_string()
        } else {
            s.domain.clone()
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // Ids: the name as lowercase words, made unique.
    let mut ids = super::Names::default();
    let id_of: BTreeMap<String, String> = names
        .iter()
        .map(|n| {
            let base = slug(n);
            let base = if base.is_empty() {
                "domain".to_string()
            } else {
                base
            };
            (n.clone(), ids.unique(&base))
        })
        .collect();
    let mut out = Vec::new();
    for name in &names {
        let codes: Vec<&str> = statements
            .iter()
            .filter(|(_, s)| {
                (if s.domain.is_empty() {
                    "Statements"
                } else {
                    s.domain.as_str()
                }) == name
            })
            .map(|(_, s)| s.code.as_str())
            .collect();
        out.push(Domain {
            id: id_of.get(name).cloned().unwrap_or_default(),
            name: name.clone(),
            prefix: shared_prefix(&codes),
            stem: None,
            page: None,
        });
    }
    for (_, s) in statements.iter_mut() {
        let name = if s.domain.is_empty() {
            "Statements"
        } else {
            s.domain.as_str()
        };
        s.domain = id_of.get(name).cloned().unwrap_or_default();
    }
    out
}

/// The part of a code that names its group: its leading letters (`A1.1` → `A`), else its
/// number before the first point (`1.1` → `1`), else the whole code.
fn code_group(code: &str) -> String {
    let letters: String = code.chars().take_while(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() {
        return letters;
    }
    match code.split_once('.') {
        Some((head, _)) if !head.is_empty() => head.to_string(),
        _ => code.to_string(),
    }
}

/// A domain's name made from its codes' group.
fn group_name(group: &str) -> String {
    format!("Domain {group}")
}

/// The start every code of a domain shares, not cut inside a number (`1.1`, `1.2` → `1.`;
/// `K1`, `K12` → `K`).
fn shared_prefix(codes: &[&str]) -> String {
    let Some(first) = codes.first() else {
        return String::new();
    };
    let mut prefix: Vec<char> = first.chars().collect();
    for code in codes.iter().skip(1) {
        let len = prefix
            .iter()
            .zip(code.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        prefix.truncate(len);
    }
    while prefix.last().is_some_and(char::is_ascii_digit) {
        prefix.pop();
    }
    prefix.into_iter().collect()
}

/// The framework around the statements, with placeholders (and a note) for what the sheet
/// cannot say.
fn framework(
    statements: Vec<Statement>,
    domains: Vec<Domain>,
    name: Option<&str>,
    options: &FrameworkGridOptions,
    notes: &mut Notes,
) -> Framework {
    let stem = name
        .map(std::path::Path::new)
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "framework".to_string());
    let id = options.id.clone().unwrap_or_else(|| {
        let id = slug(&stem);
        if id.is_empty() {
            "framework".to_string()
        } else {
            id
        }
    });
    let mut lacking = Vec::new();
    let title = options.title.clone().unwrap_or_else(|| {
        lacking.push("title (`--title`)");
        stem.clone()
    });
    let publishers = match &options.publisher {
        Some(p) => vec![p.clone()],
        None => {
            lacking.push("publisher (`--publisher`)");
            vec!["Publisher not given".to_string()]
        }
    };
    let year = options.year.unwrap_or_else(|| {
        lacking.push("year (`--year`)");
        0
    });
    lacking.push("source citation");
    notes.plain(format!(
        "the sheet does not give the framework's {}: placeholders were written; replace them in the file",
        lacking.join(", ")
    ));
    // The file's name alone: where it was on the importer's machine means nothing to readers.
    let shown = name
        .map(std::path::Path::new)
        .and_then(|p| p.file_name())
        .map_or_else(
            || "a framework grid".to_string(),
            |n| format!("the framework grid `{}`", n.to_string_lossy()),
        );
    Framework {
        id,
        title,
        short_title: None,
        publishers,
        year,
        version: None,
        date: None,
        source: Source {
            citation: "Citation not given: write the published document's full citation"
                .to_string(),
            url: None,
            note: Some(format!("Imported by waypost from {shown}.")),
        },
        purposes: Vec::new(),
        definitions: Vec::new(),
        levels: default_levels(),
        hierarchy: None,
        domains,
        statements,
        activities: Vec::new(),
        resources: Vec::new(),
        links: Vec::new(),
        settings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_group_by_letters_or_by_the_number_before_the_point() {
        assert_eq!(code_group("A1.1"), "A");
        assert_eq!(code_group("1.2"), "1");
        assert_eq!(code_group("12"), "12");
        assert_eq!(shared_prefix(&["1.1", "1.2", "1.3"]), "1.");
        assert_eq!(shared_prefix(&["K1", "K12"]), "K");
        assert_eq!(shared_prefix(&["A1", "A1.1"]), "A");
    }

    #[test]
    fn headers_match_without_case_or_spacing() {
        assert_eq!(Column::of(" CODE "), Some(Column::Code));
        assert_eq!(Column::of("Statement"), Some(Column::Text));
        assert_eq!(Column::of("Par ent"), Some(Column::Parent));
        assert_eq!(Column::of("notes"), None);
    }
}
