//! Mapping grids: the spreadsheet programme teams already keep, one row per unit.
//!
//! Columns are matched by header, case-insensitively and in any order: `module`, `unit` and
//! `covers` are required; `text`, `kind`, `assessed_by`, `module_title` and `framework` are
//! optional; any other column is kept on the unit as it was (its empty cells are not kept: they
//! hold nothing).
//!
//! A grid names the framework (or frameworks) it maps to in a `framework` column: the ids its
//! cells name are the curriculum's declared frameworks, the first named first, so the bare
//! codes of a grid belong to its own framework whatever framework it is read against (a
//! portfolio of grids read against another framework reaches it through a crosswalk). A row
//! naming one framework other than the first has its bare codes qualified with it.
//!
//! Nothing in a grid is dropped without a word: a quote never closed, a column written twice,
//! and a filled cell with no header above it are errors, each at its row and column.

use std::collections::BTreeMap;

use crate::{
    error::{Diagnostic, Error, Result},
    format::check_size,
    model::curriculum::{Assessment, Curriculum, Mapping, Module, Unit, UnitKind},
    source::{GridItem, Origin},
};

const REQUIRED: [&str; 3] = ["module", "unit", "covers"];

/// The most cells a grid may hold, counting empty ones, however it was saved: a CSV file, or
/// the area of a workbook's sheet from its first filled cell to its last. Every cell is held
/// in memory while the grid is read, so a file of empty columns must not make it gigabytes.
pub(crate) const MAX_GRID_CELLS: u64 = 5_000_000;

/// The most bytes of text a grid may hold, or keep on its units (a column waypost does not
/// know is copied onto every unit, its header with each cell): four times the largest file
/// waypost reads, room for any real grid.
pub(crate) const MAX_GRID_TEXT: u64 = 4 * crate::format::MAX_INPUT_BYTES as u64;

/// The most filled cells of columns waypost does not know that a grid may keep on its units.
/// Each becomes an entry of a unit's table of extra keys, a few hundred bytes as it goes
/// through a check; a grid holds thousands (a unit's notes, owner, week), so half a million
/// is room for any, and keeps the worst to a few hundred megabytes.
pub(crate) const MAX_KEPT_CELLS: u64 = 500_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Module,
    ModuleTitle,
    Unit,
    Text,
    Covers,
    Kind,
    AssessedBy,
    Framework,
    Extra(usize),
}

impl Column {
    /// How many columns waypost knows by name.
    const KNOWN: usize = 8;

    /// A column waypost knows by name, as a number below [`Column::KNOWN`].
    fn known(self) -> Option<usize> {
        Some(match self {
            Column::Module => 0,
            Column::ModuleTitle => 1,
            Column::Unit => 2,
            Column::Text => 3,
            Column::Covers => 4,
            Column::Kind => 5,
            Column::AssessedBy => 6,
            Column::Framework => 7,
            Column::Extra(_) => return None,
        })
    }
}

fn column_for(header: &str, index: usize) -> Column {
    let key: String = header
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    match key.as_str() {
        "module" | "module_code" => Column::Module,
        "module_title" | "module_name" => Column::ModuleTitle,
        "unit" | "unit_id" | "outcome" => Column::Unit,
        "text" | "description" => Column::Text,
        "covers" | "mapping" | "mappings" | "statements" => Column::Covers,
        "kind" | "type" => Column::Kind,
        "assessed_by" | "assessment" => Column::AssessedBy,
        "framework" | "frameworks" => Column::Framework,
        _ => Column::Extra(index),
    }
}

/// Whether a header names one of the columns waypost reads (rather than one kept as it is).
#[cfg_attr(not(feature = "grid-xlsx"), allow(dead_code))]
pub(crate) fn is_known_header(header: &str) -> bool {
    !matches!(column_for(header, 0), Column::Extra(_))
}

/// Whether a header row has the `module`, `unit` and `covers` columns a grid needs.
#[cfg_attr(not(feature = "grid-xlsx"), allow(dead_code))]
pub(crate) fn has_required_columns(headers: &[String]) -> bool {
    let columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| column_for(h, i))
        .collect();
    [Column::Module, Column::Unit, Column::Covers]
        .iter()
        .all(|c| columns.contains(c))
}

/// Splits a `covers` cell into mappings: codes separated by `;` or `,`, each optionally with a
/// level (`K4:developed`, `K4=D`, `K4 (D)`).
pub fn parse_covers(cell: &str) -> Vec<Mapping> {
    let items = split_list(cell);
    let mut mappings = Vec::with_capacity(items.size_hint().1.unwrap_or(0));
    mappings.extend(items.map(Mapping::parse));
    mappings
}

/// The trimmed, non-empty items of a list cell separated by `;` or `,` (both ASCII, so the
/// cell is split as bytes).
fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    let separators = memchr::memchr2_iter(b';', b',', cell.as_bytes()).count();
    let mut start = 0;
    memchr::memchr2_iter(b';', b',', cell.as_bytes())
        .chain(std::iter::once(cell.len()))
        .map(move |end| {
            // A separator is one ASCII byte, so each item starts and ends on a character.
            let item = cell.get(start..end).unwrap_or_default();
            start = end + 1;
            crate::model::curriculum::trim(item)
        })
        .filter(|s| !s.is_empty())
        .take(separators + 1)
}

/// Reads a mapping-grid CSV into a curriculum named after the file.
pub fn read_grid(text: &str, name: Option<&str>) -> Result<Curriculum> {
    check_size(text, "mapping grid").map_err(|e| e.in_file(name))?;
    let text = text.trim_start_matches('\u{feff}');
    let located =
        |line: usize, column: Option<usize>, message: String, hint: Option<String>| Diagnostic {
            path: name.map(str::to_string),
            line: Some(line),
            column,
            message,
            hint,
            ..Default::default()
        };

    // The CSV reader takes the end of the file as closing a quote left open, which would make
    // one cell of the rest of the grid: refused, at the quote.
    if let Some((line, column)) = unclosed_quote(text) {
        return Err(Error::parse(located(
            line,
            Some(column),
            "this quote opens a cell that is never closed".to_string(),
            Some(
                "close the cell with another `\"`, or write a quote that is part of the text as two (`\"\"`)"
                    .to_string(),
            ),
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Error::parse(located(
                1,
                None,
                format!("cannot read the header row: {e}"),
                None,
            ))
        })?
        .iter()
        .map(str::to_string)
        .collect();
    let mut cells = headers.len() as u64;
    // Each row goes into the curriculum as it is read: the grid is never held as text twice.
    let mut grid = GridBuilder::new(&headers, 1, name, &located)?;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                return Err(Error::parse(located(
                    line,
                    None,
                    format!("cannot read this row: {e}"),
                    None,
                )));
            }
        }
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        cells += record.len() as u64;
        if cells > MAX_GRID_CELLS {
            return Err(Error::parse(located(
                line,
                None,
                format!(
                    "the grid holds more than {MAX_GRID_CELLS} cells up to this row, counting empty ones; waypost reads a grid of at most that many"
                ),
                Some(
                    "delete the empty columns and rows a spreadsheet may have saved, or split the grid into several files"
                        .to_string(),
                ),
            )));
        }
        let row: Vec<&str> = record.iter().map(crate::safe::unguard).collect();
        grid.row(line, &row)?;
    }
    grid.finish()
}

/// Where a quote opens a cell that is never closed (1-based line and column), reading the
/// text as the CSV reader does: a quote opens a quoted cell only as a cell's first character,
/// and inside one, two quotes are a quote and one closes it. It jumps from quote to quote, so a
/// grid without quoted cells is read at the speed of finding a byte.
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr(b'"', rest)) {
        let quote = at + found;
        // A quote anywhere but at a cell's start is part of the cell's text.
        let starts_cell = quote
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_none_or(|b| matches!(b, b',' | b'\n' | b'\r'));
        at = quote + 1;
        if !starts_cell {
            continue;
        }
        loop {
            let Some(close) = bytes.get(at..).and_then(|rest| memchr::memchr(b'"', rest)) else {
                return Some(crate::position::line_col(text, quote));
            };
            at += close + 1;
            // Two quotes are a quote; one closes the cell.
            if bytes.get(at) == Some(&b'"') {
                at += 1;
            } else {
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod scan_tests {
    use super::*;
    use proptest::prelude::*;

    /// The CSV reader's states, byte by byte: what `unclosed_quote` must agree with.
    fn unclosed_quote_by_bytes(text: &str) -> Option<(usize, usize)> {
        #[derive(PartialEq)]
        enum State {
            CellStart,
            Plain,
            Quoted,
            QuoteInQuoted,
        }
        let mut state = State::CellStart;
        let mut opened = 0;
        for (i, b) in text.bytes().enumerate() {
            let ends_cell = matches!(b, b',' | b'\n' | b'\r');
            state = match state {
                State::CellStart | State::Plain if ends_cell => State::CellStart,
                State::CellStart if b == b'"' => {
                    opened = i;
                    State::Quoted
                }
                State::CellStart | State::Plain => State::Plain,
                State::Quoted if b == b'"' => State::QuoteInQuoted,
                State::Quoted => State::Quoted,
                State::QuoteInQuoted if b == b'"' => State::Quoted,
                State::QuoteInQuoted if ends_cell => State::CellStart,
                State::QuoteInQuoted => State::Plain,
            };
        }
        (state == State::Quoted).then(|| crate::position::line_col(text, opened))
    }

    #[test]
    fn an_open_quote_is_found_where_it_opens() {
        for (text, expected) in [
            ("a,b\n", None),
            ("\"a\",b\n", None),
            ("x\"y,b\n", None),
            ("a,\"b\n", Some((1, 3))),
            ("a,b\nc,\"d\"\"\n", Some((2, 3))),
            ("a,b\r\n\"é\"x\"\n", None),
            ("é,\"\"\"", Some((1, 3))),
            ("\"", Some((1, 1))),
        ] {
            assert_eq!(unclosed_quote(text), expected, "{text:?}");
            assert_eq!(unclosed_quote_by_bytes(text), expected, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn a_list_cell_is_split_at_every_semicolon_and_comma(
            cell in proptest::collection::vec(
                prop_oneof![Just(";"), Just(","), Just(" "), Just("K4"), Just("é"), Just("\u{a0}"), Just(":D")],
                0..30,
            )
        ) {
            let cell: String = cell.concat();
            let by_chars: Vec<&str> = cell
                .split([';', ','])
                .map(crate::model::curriculum::trim)
                .filter(|s| !s.is_empty())
                .collect();
            prop_assert_eq!(split_list(&cell).collect::<Vec<_>>(), by_chars);
        }

        #[test]
        fn jumping_from_quote_to_quote_agrees_with_reading_every_byte(
            text in proptest::collection::vec(
                prop_oneof![Just("\""), Just(","), Just("\n"), Just("\r"), Just("a"), Just("é")],
                0..40,
            )
        ) {
            let text: String = text.concat();
            prop_assert_eq!(unclosed_quote(&text), unclosed_quote_by_bytes(&text));
        }
    }
}

/// One row of a grid as text, with the 1-based row (line) number it was read from.
#[cfg_attr(not(feature = "grid-xlsx"), allow(dead_code))]
#[derive(Debug, Clone)]
pub(crate) struct GridRow {
    /// The 1-based row number.
    pub(crate) line: usize,
    /// The cells, as text.
    pub(crate) cells: Vec<String>,
}

/// Builds a located diagnostic from a row, a 1-based column where there is one, a message and
/// a hint: a CSV grid names the file and line, a workbook also the sheet and cell.
pub(crate) type Locate<'a> =
    dyn Fn(usize, Option<usize>, String, Option<String>) -> Diagnostic + 'a;

/// Turns a grid's header and rows, read from a CSV file or a workbook sheet, into a
/// curriculum. Both readers share it, so a grid means the same however it was saved.
#[cfg_attr(not(feature = "grid-xlsx"), allow(dead_code))]
pub(crate) fn build_grid(
    headers: &[String],
    header_line: usize,
    rows: &[GridRow],
    name: Option<&str>,
    located: &Locate<'_>,
) -> Result<Curriculum> {
    let mut grid = GridBuilder::new(headers, header_line, name, located)?;
    for row in rows {
        grid.row(row.line, &row.cells)?;
    }
    grid.finish()
}

/// A curriculum being built from a grid, one row at a time (a CSV file's rows as they are
/// read, a workbook sheet's from its cells).
struct GridBuilder<'a> {
    /// Per column, whether its header is filled in.
    named: Vec<bool>,
    /// Where each column waypost knows by name is (the first, where a grid has one twice).
    known: [Option<usize>; Column::KNOWN],
    columns: Vec<Column>,
    covers_col: Option<usize>,
    /// The columns kept on each unit as they are: those waypost does not know, with a header.
    kept: Vec<(usize, &'a str)>,
    kept_text: u64,
    kept_cells: u64,
    curriculum: Curriculum,
    module_index: BTreeMap<String, usize>,
    /// The module of the row before, which is nearly always the next row's too.
    last_module: Option<usize>,
    problems: Vec<Diagnostic>,
    located: &'a Locate<'a>,
}

impl<'a> GridBuilder<'a> {
    fn new(
        headers: &'a [String],
        header_line: usize,
        name: Option<&str>,
        located: &'a Locate<'a>,
    ) -> Result<Self> {
        let columns: Vec<Column> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| column_for(h, i))
            .collect();
        let missing: Vec<&str> = REQUIRED
            .iter()
            .zip([Column::Module, Column::Unit, Column::Covers])
            .filter(|(_, c)| !columns.contains(c))
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            // The headers as written, each cut to 40 characters and the list to 12: a header row
            // can hold anything, a whole paragraph or thousands of columns.
            let named: Vec<String> = headers
                .iter()
                .map(|h| h.trim())
                .filter(|h| !h.is_empty())
                .map(|h| {
                    let shown: String = h.chars().take(40).collect();
                    let more = if shown.len() < h.len() { "…" } else { "" };
                    format!("`{shown}{more}`")
                })
                .collect();
            let mut found = named
                .iter()
                .take(12)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if named.len() > 12 {
                found.push_str(&format!(" and {} more", named.len() - 12));
            }
            if found.is_empty() {
                found = "no headers".to_string();
            }
            return Err(Error::parse(located(
                header_line,
                None,
                format!(
                    "the header row has no {} column",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
                Some(format!(
                    "a mapping grid needs the columns `module`, `unit` and `covers` (found {found})"
                )),
            )));
        }
        if let Some(problem) = duplicate_column(headers, &columns, header_line, located) {
            return Err(Error::parse(problem));
        }
        let covers_col = columns
            .iter()
            .position(|x| *x == Column::Covers)
            .map(|i| i + 1);
        let kept: Vec<(usize, &str)> = columns
            .iter()
            .zip(headers)
            .enumerate()
            .filter(|(_, (c, h))| matches!(c, Column::Extra(_)) && !h.trim().is_empty())
            .map(|(i, (_, h))| (i, h.trim()))
            .collect();

        let curriculum = Curriculum {
            id: name.map(stem).unwrap_or_else(|| "grid".to_string()),
            title: name.map(stem).unwrap_or_else(|| "mapping grid".to_string()),
            provider: None,
            version: None,
            frameworks: Vec::new(),
            description: None,
            learners_per_year: None,
            settings: Vec::new(),
            modules: Vec::new(),
            extra: BTreeMap::new(),
            origin: Origin::default(),
        };
        let mut known = [None; Column::KNOWN];
        for (i, c) in columns.iter().enumerate() {
            if let Some(slot) = c.known().and_then(|k| known.get_mut(k)) {
                slot.get_or_insert(i);
            }
        }
        Ok(GridBuilder {
            named: headers.iter().map(|h| !h.trim().is_empty()).collect(),
            known,
            columns,
            covers_col,
            kept,
            kept_text: 0,
            kept_cells: 0,
            curriculum,
            module_index: BTreeMap::new(),
            last_module: None,
            problems: Vec::new(),
            located,
        })
    }

    /// Reads one row (its 1-based line, its cells); a problem with it is kept for
    /// [`finish`](Self::finish), a grid too large to read is an error at once.
    fn row<S: AsRef<str>>(&mut self, line: usize, record: &[S]) -> Result<()> {
        if record.iter().all(|c| c.as_ref().trim().is_empty()) {
            return Ok(());
        }
        let Some((module_code, unit_id)) = self.row_names(line, record) else {
            return Ok(());
        };
        let mi = self.module_for(module_code);
        let title = self.cell(record, Column::ModuleTitle);
        let Some(module) = self.curriculum.modules.get_mut(mi) else {
            return Ok(());
        };
        if module.title.is_none() && !title.is_empty() {
            module.title = Some(title.to_string());
        }
        let text = Some(self.cell(record, Column::Text).to_string()).filter(|t| !t.is_empty());
        let mut covers = parse_covers(self.cell(record, Column::Covers));
        self.frameworks_of_row(record, &mut covers);
        let extra = self.kept_cells(line, record)?;
        let kind = self.cell(record, Column::Kind);
        if kind.eq_ignore_ascii_case("assessment") {
            self.assessment_row(line, record, mi, unit_id, (text, covers, extra));
            return Ok(());
        }
        let is = |word: &str| kind.eq_ignore_ascii_case(word);
        let kind = match kind {
            "" => UnitKind::Outcome,
            _ if is("outcome") || is("learning outcome") || is("lo") => UnitKind::Outcome,
            _ if is("session") => UnitKind::Session,
            _ if is("activity") => UnitKind::Activity,
            other => {
                let other = other.to_ascii_lowercase();
                self.problems.push((self.located)(
                    line,
                    self.position(Column::Kind).map(|i| i + 1),
                    format!("unknown kind `{other}`"),
                    Some(
                        "the kind is one of `outcome`, `session`, `activity` or `assessment`"
                            .into(),
                    ),
                ));
                UnitKind::Outcome
            }
        };
        let covers_at = (line, self.covers_col.unwrap_or(1));
        let assessed_at = (line, self.position(Column::AssessedBy).map_or(1, |i| i + 1));
        let assessed_by = self.cell(record, Column::AssessedBy);
        let curriculum = &mut self.curriculum;
        let Some(module) = curriculum.modules.get_mut(mi) else {
            return Ok(());
        };
        let ui = module.units.len();
        module.units.push(Unit {
            id: unit_id.to_string(),
            kind,
            text,
            covers,
            extra,
        });
        curriculum
            .origin
            .cells
            .record(mi, GridItem::Unit, ui, covers_at, true);
        for assessment in split_list(assessed_by) {
            let ai = assessment_slot(module, assessment);
            if let Some(a) = module.assessments.get_mut(ai) {
                a.assesses.push(unit_id.to_string());
            }
            curriculum
                .origin
                .cells
                .record(mi, GridItem::Assessment, ai, assessed_at, false);
        }
        Ok(())
    }

    /// Reads a row's `framework` cell: each framework it names is one the grid declares (in the
    /// order first named), and a row that names one framework other than the first has its
    /// bare codes qualified with it, so they belong to it rather than to the first.
    fn frameworks_of_row<S: AsRef<str>>(&mut self, record: &[S], covers: &mut [Mapping]) {
        let named: Vec<&str> = split_list(self.cell(record, Column::Framework)).collect();
        for id in &named {
            if !self.curriculum.frameworks.iter().any(|f| f == id) {
                self.curriculum.frameworks.push((*id).to_string());
            }
        }
        if let [only] = named.as_slice()
            && self
                .curriculum
                .frameworks
                .first()
                .is_some_and(|first| first != only)
        {
            for mapping in covers.iter_mut().filter(|m| !m.statement.contains(':')) {
                mapping.statement = compact_str::format_compact!("{only}:{}", mapping.statement);
            }
        }
    }

    /// The index of a column, where the grid has it.
    fn position(&self, c: Column) -> Option<usize> {
        match c.known() {
            Some(k) => self.known.get(k).copied().flatten(),
            None => self.columns.iter().position(|x| *x == c),
        }
    }

    /// A row's cell of a column, trimmed; empty where the grid or the row has none.
    fn cell<'r, S: AsRef<str>>(&self, record: &'r [S], c: Column) -> &'r str {
        self.position(c)
            .and_then(|i| record.get(i))
            .map(|c| c.as_ref().trim())
            .unwrap_or_default()
    }

    /// A row's module code and unit id, or none with the row's problem kept: a filled cell
    /// with no header, an empty `module` or `unit` cell.
    fn row_names<'r, S: AsRef<str>>(
        &mut self,
        line: usize,
        record: &'r [S],
    ) -> Option<(&'r str, &'r str)> {
        let named = &self.named;
        // A filled cell with no header above it would be lost: it is an error (an empty one,
        // as a spreadsheet saves past the last column, holds nothing and is passed over).
        if let Some((i, value)) = record
            .iter()
            .map(AsRef::as_ref)
            .enumerate()
            .find(|(i, v)| !named.get(*i).copied().unwrap_or(false) && !v.trim().is_empty())
        {
            self.problems.push((self.located)(
                line,
                Some(i + 1),
                format!("the cell {} has no column header", shown(value)),
                Some(
                    "give its column a header in the first row (a column waypost does not know is kept on the unit as it is), or delete the cell"
                        .into(),
                ),
            ));
            return None;
        }
        let module_code = self.cell(record, Column::Module);
        let unit_id = self.cell(record, Column::Unit);
        if module_code.is_empty() {
            self.problems.push((self.located)(
                line,
                self.position(Column::Module).map(|i| i + 1),
                "the `module` cell is empty".into(),
                Some("every row names the module its unit belongs to".into()),
            ));
            return None;
        }
        if unit_id.is_empty() {
            self.problems.push((self.located)(
                line,
                self.position(Column::Unit).map(|i| i + 1),
                "the `unit` cell is empty".into(),
                Some("give each row a unit id such as `LO1`, unique within its module".into()),
            ));
            return None;
        }
        Some((module_code, unit_id))
    }

    /// The index of the module with this code, added if it is new.
    fn module_for(&mut self, module_code: &str) -> usize {
        let curriculum = &mut self.curriculum;
        let same = self.last_module.filter(|i| {
            curriculum
                .modules
                .get(*i)
                .is_some_and(|m| m.code == module_code)
        });
        let mi = match same.or_else(|| self.module_index.get(module_code).copied()) {
            Some(i) => i,
            None => {
                curriculum.modules.push(Module {
                    code: module_code.to_string(),
                    title: None,
                    year: None,
                    level: None,
                    credits: None,
                    units: Vec::new(),
                    assessments: Vec::new(),
                    extra: BTreeMap::new(),
                });
                let i = curriculum.modules.len() - 1;
                self.module_index.insert(module_code.to_string(), i);
                i
            }
        };
        self.last_module = Some(mi);
        mi
    }

    /// A row's filled cells of the columns kept as they are; an error once the grid keeps too
    /// many of them, or too much text.
    fn kept_cells<S: AsRef<str>>(
        &mut self,
        line: usize,
        record: &[S],
    ) -> Result<BTreeMap<String, serde_json::Value>> {
        let mut extra = BTreeMap::new();
        for (i, header) in &self.kept {
            if let Some(v) = record
                .get(*i)
                .map(AsRef::as_ref)
                .filter(|v| !v.trim().is_empty())
            {
                self.kept_text += (header.len() + v.len()) as u64;
                self.kept_cells += 1;
                extra.insert(header.to_string(), serde_json::Value::String(v.to_string()));
            }
        }
        if self.kept_cells > MAX_KEPT_CELLS {
            return Err(Error::parse((self.located)(
                line,
                None,
                format!(
                    "the columns waypost keeps on the units hold more than {MAX_KEPT_CELLS} filled cells up to this row; waypost keeps at most that many"
                ),
                Some("delete the columns waypost does not need, or split the grid into several files".into()),
            )));
        }
        if self.kept_text > MAX_GRID_TEXT {
            return Err(Error::parse((self.located)(
                line,
                None,
                format!(
                    "the columns waypost keeps on the units hold more than {} MB of text up to this row, counting each header once for each cell under it; waypost keeps at most that much",
                    MAX_GRID_TEXT >> 20
                ),
                Some("delete the columns waypost does not need, or split the grid into several files".into()),
            )));
        }
        Ok(extra)
    }

    /// An assessment's row: its title, mappings and kept cells go onto the module's assessment
    /// of that id.
    fn assessment_row<S: AsRef<str>>(
        &mut self,
        line: usize,
        record: &[S],
        mi: usize,
        unit_id: &str,
        (text, covers, extra): (
            Option<String>,
            Vec<Mapping>,
            BTreeMap<String, serde_json::Value>,
        ),
    ) {
        // An assessment row's `assessed_by` cell has no meaning, and would be passed over.
        if !self.cell(record, Column::AssessedBy).is_empty() {
            self.problems.push((self.located)(
                line,
                self.position(Column::AssessedBy).map(|i| i + 1),
                format!(
                    "the assessment `{unit_id}` has an `assessed_by` cell, which an assessment row does not read"
                ),
                Some(format!(
                    "name `{unit_id}` in the `assessed_by` cell of each unit it assesses, and leave this cell empty"
                )),
            ));
            return;
        }
        let covers_at = (line, self.covers_col.unwrap_or(1));
        let curriculum = &mut self.curriculum;
        let Some(module) = curriculum.modules.get_mut(mi) else {
            return;
        };
        let ai = assessment_slot(module, unit_id);
        if let Some(a) = module.assessments.get_mut(ai) {
            a.title = a.title.take().or(text);
            a.covers.extend(covers);
            a.extra.extend(extra);
        }
        curriculum
            .origin
            .cells
            .record(mi, GridItem::Assessment, ai, covers_at, true);
    }

    /// The curriculum, or every problem its rows had.
    fn finish(self) -> Result<Curriculum> {
        if !self.problems.is_empty() {
            return Err(Error::Invalid(self.problems));
        }
        Ok(self.curriculum)
    }
}

/// The first column a grid names twice, as an error naming both header cells: the second
/// would be dropped, or for a column waypost does not know, overwrite the first on every unit.
/// `covers` and `mappings` (and the other names of one column) are the same column.
fn duplicate_column(
    headers: &[String],
    columns: &[Column],
    header_line: usize,
    located: &Locate<'_>,
) -> Option<Diagnostic> {
    let name = |c: &Column, h: &str| match c {
        Column::Extra(_) => h.trim().to_string(),
        known => format!("{known:?}"),
    };
    for (j, (c, h)) in columns.iter().zip(headers).enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        let first = columns
            .iter()
            .zip(headers)
            .take(j)
            .position(|(c2, h2)| !h2.trim().is_empty() && name(c2, h2) == name(c, h));
        if let Some(i) = first {
            let earlier = headers.get(i).map_or("", |h| h.trim());
            let hint = if earlier == h.trim() {
                "keep one of them: waypost reads one value per column from each row".to_string()
            } else {
                format!(
                    "{} and {} are two names of one column; keep one of them",
                    shown(earlier),
                    shown(h)
                )
            };
            // Where each header is, as the grid's reader names a place: a column of a CSV
            // file, a cell of a workbook's sheet.
            let place = |k: usize| {
                let d = located(header_line, Some(k + 1), String::new(), None);
                d.pointer
                    .unwrap_or_else(|| format!("column {}", d.column.unwrap_or(k + 1)))
            };
            return Some(located(
                header_line,
                Some(j + 1),
                format!(
                    "the header row names the same column twice: {} ({}) and {} ({})",
                    shown(earlier),
                    place(i),
                    shown(h),
                    place(j)
                ),
                Some(hint),
            ));
        }
    }
    None
}

/// A cell's or header's text for a message: in backticks, cut to 40 characters.
fn shown(text: &str) -> String {
    let text = text.trim();
    let cut: String = text.chars().take(40).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("`{cut}{more}`")
}

fn assessment_slot(module: &mut Module, id: &str) -> usize {
    if let Some(i) = module.assessments.iter().position(|a| a.id == id) {
        return i;
    }
    module.assessments.push(Assessment {
        id: id.to_string(),
        title: None,
        weight: None,
        assesses: Vec::new(),
        covers: Vec::new(),
        extra: BTreeMap::new(),
    });
    module.assessments.len() - 1
}

fn stem(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.rsplit_once('.').map_or(file, |(s, _)| s).to_string()
}

// ---------------------------------------------------------------------------------------------
// Writing a curriculum back as a grid, in the columns it was read from
// ---------------------------------------------------------------------------------------------

/// The columns of a mapping grid, in the order and with the headers it was written with, so
/// that a curriculum read from it can be written back the way its team keeps it.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct GridLayout {
    /// The header row as written (an empty header stands for an empty column).
    pub headers: Vec<String>,
    /// The name of the sheet the grid was read from, for a grid kept in a workbook: a
    /// workbook written back names its sheet so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

impl GridLayout {
    /// The layout of a mapping-grid CSV: its header row, which must name the `module`, `unit`
    /// and `covers` columns.
    pub fn of_csv(text: &str, name: Option<&str>) -> Result<GridLayout> {
        check_size(text, "mapping grid").map_err(|e| e.in_file(name))?;
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let read = reader.read_record(&mut record).unwrap_or(false);
        let headers: Vec<String> = if read {
            record.iter().map(str::to_string).collect()
        } else {
            Vec::new()
        };
        if !has_required_columns(&headers) {
            return Err(Error::parse(Diagnostic {
                path: name.map(str::to_string),
                line: Some(1),
                message: "the header row has no `module`, `unit` and `covers` columns".to_string(),
                hint: Some(
                    "a mapping grid needs the columns `module`, `unit` and `covers`".to_string(),
                ),
                ..Default::default()
            }));
        }
        Ok(GridLayout {
            headers,
            sheet: None,
        })
    }

    /// The layout waypost writes a curriculum in when it has none of its own.
    pub fn standard() -> GridLayout {
        GridLayout {
            headers: [
                "module",
                "module_title",
                "unit",
                "kind",
                "text",
                "covers",
                "assessed_by",
            ]
            .iter()
            .map(|h| (*h).to_string())
            .collect(),
            sheet: None,
        }
    }
}

/// Whether an assessment needs a row of its own: it has a title, mappings or cells of its own.
fn has_row(a: &Assessment) -> bool {
    a.title.is_some() || !a.covers.is_empty() || !a.extra.is_empty()
}

/// A mapping as a grid writes it: `K4`, or `K4:developed`.
pub(crate) fn mapping_cell(m: &Mapping) -> String {
    match &m.level {
        Some(level) => format!("{}:{level}", m.statement),
        None => m.statement.to_string(),
    }
}

fn covers_cell(covers: &[Mapping]) -> String {
    covers
        .iter()
        .map(mapping_cell)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A curriculum as a mapping grid in the given layout: one row per unit, and one per
/// assessment with a title, mappings or cells of its own (kind `assessment`), each cell under
/// the header it was read from. A column the curriculum needs and the layout lacks (`text`
/// once a unit has one, `kind` for a session or an assessment row, `module_title`,
/// `assessed_by`) is added at the end, so nothing is lost; the units' own columns go under
/// their headers. Every cell goes through the spreadsheet formula guard, which the reader takes
/// off again.
pub fn write_grid(curriculum: &Curriculum, layout: &GridLayout) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in grid_rows(curriculum, layout) {
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

/// The rows of a curriculum's grid in a layout, the header row first: the cells as text, as
/// [`write_grid`] writes them to a CSV file and `crate::xlsx::write_grid_xlsx` to a workbook.
pub(crate) fn grid_rows(curriculum: &Curriculum, layout: &GridLayout) -> Vec<Vec<String>> {
    let mut headers = layout.headers.clone();
    let mut columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| column_for(h, i))
        .collect();
    let needs = |c: Column| -> bool {
        curriculum.modules.iter().any(|m| match c {
            Column::ModuleTitle => m.title.is_some(),
            Column::Text => {
                m.units.iter().any(|u| u.text.is_some())
                    || m.assessments.iter().any(|a| a.title.is_some())
            }
            Column::Kind => {
                m.units.iter().any(|u| u.kind != UnitKind::Outcome)
                    || m.assessments.iter().any(has_row)
            }
            Column::AssessedBy => m.assessments.iter().any(|a| !a.assesses.is_empty()),
            _ => true,
        })
    };
    for (header, column) in [
        ("module", Column::Module),
        ("module_title", Column::ModuleTitle),
        ("unit", Column::Unit),
        ("kind", Column::Kind),
        ("text", Column::Text),
        ("covers", Column::Covers),
        ("assessed_by", Column::AssessedBy),
    ] {
        if !columns.contains(&column) && needs(column) {
            columns.push(column);
            headers.push(header.to_string());
        }
    }
    // The units' own columns the layout has no header for, in name order.
    let mut own: Vec<String> = curriculum
        .modules
        .iter()
        .flat_map(|m| {
            m.units
                .iter()
                .flat_map(|u| u.extra.keys())
                .chain(m.assessments.iter().flat_map(|a| a.extra.keys()))
        })
        .filter(|k| !headers.iter().any(|h| h.trim() == k.as_str()))
        .cloned()
        .collect();
    own.sort();
    own.dedup();
    for key in own {
        columns.push(Column::Extra(headers.len()));
        headers.push(key);
    }
    let extra_cell = |extra: &BTreeMap<String, serde_json::Value>, header: &str| match extra
        .get(header.trim())
    {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let mut rows = vec![headers.clone()];
    for module in &curriculum.modules {
        let title = module.title.clone().unwrap_or_default();
        for unit in &module.units {
            rows.push(
                columns
                    .iter()
                    .zip(&headers)
                    .map(|(c, h)| match c {
                        Column::Module => module.code.clone(),
                        Column::ModuleTitle => title.clone(),
                        Column::Unit => unit.id.clone(),
                        Column::Kind => unit.kind.as_str().to_string(),
                        Column::Text => unit.text.clone().unwrap_or_default(),
                        Column::Covers => covers_cell(&unit.covers),
                        // As the `assessed_by` cell names them: by id in the unit's own module, `MODULE/ID`
                        // in another (which the grid reader takes as an assessment of the unit's
                        // module, so the unit still counts as assessed when read back).
                        Column::AssessedBy => {
                            curriculum.assessed_by(&module.code, &unit.id).join("; ")
                        }
                        Column::Framework => curriculum.frameworks.join("; "),
                        Column::Extra(_) => extra_cell(&unit.extra, h),
                    })
                    .collect(),
            );
        }
        // An assessment with nothing of its own is named in the units' `assessed_by` cells,
        // which is all a grid needs.
        for a in module.assessments.iter().filter(|a| has_row(a)) {
            rows.push(
                columns
                    .iter()
                    .zip(&headers)
                    .map(|(c, h)| match c {
                        Column::Module => module.code.clone(),
                        Column::ModuleTitle => title.clone(),
                        Column::Unit => a.id.clone(),
                        Column::Kind => "assessment".to_string(),
                        Column::Text => a.title.clone().unwrap_or_default(),
                        Column::Covers => covers_cell(&a.covers),
                        Column::AssessedBy => String::new(),
                        Column::Framework => curriculum.frameworks.join("; "),
                        Column::Extra(_) => extra_cell(&a.extra, h),
                    })
                    .collect(),
            );
        }
    }
    rows
}
