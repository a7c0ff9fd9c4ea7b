//! Where a document came from: its name, its format and its text, and how a place in it
//! (a pointer such as `modules[1].units[0]`, or a grid's cell) becomes a line and column.
//! Every loader keeps one [`Origin`] with what it read, and every located error is placed
//! through it or through [`crate::position`], the one index of places in a text.
//!
//! This is the bottom layer with the data model: it reads nothing and knows no engine.

use std::{
    borrow::Cow,
    sync::{Arc, OnceLock},
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{error::Diagnostic, position::Positions};

/// Largest input accepted, in bytes. Curricula are small; this refuses a runaway file quickly.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The formats a framework, curriculum or policy can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// TOML, the authoring format.
    Toml,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
    /// A mapping-grid CSV (curricula only).
    Csv,
}

/// Where a curriculum was read from, kept so that later problems can name a line and column.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The file, or the name given to a string input.
    pub path: Option<String>,
    /// The format it was read as.
    pub format: Option<Format>,
    /// The text, kept until every problem is placed (owned, so a file read is not copied).
    text: Option<Arc<String>>,
    /// For a grid: where each unit and assessment came from (`modules[0].units[2]` → row, column).
    pub(crate) cells: GridCells,
    /// Every place in the text, indexed by the first problem placed and kept for the rest: a
    /// file with thousands of problems is parsed for places once. Shared by clones (a check
    /// works on a copy of the curriculum), so checking the same curriculum again reuses it.
    positions: Arc<OnceLock<Positions>>,
}

impl PartialEq for Origin {
    /// Two curricula are equal when their content is, wherever they were read from.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Origin {
    /// A grid's problems are placed by cell, not in its text, so a grid keeps none; text read
    /// from a file is kept without a copy.
    pub(crate) fn new(name: Option<&str>, format: Format, text: Cow<'_, str>) -> Self {
        Origin {
            path: name.map(str::to_string),
            format: Some(format),
            text: (format != Format::Csv).then(|| Arc::new(text.into_owned())),
            cells: GridCells::default(),
            positions: Arc::default(),
        }
    }

    /// Places a diagnostic that has a pointer: fills in the file, and the line and column where
    /// the format allows.
    pub fn place(&self, mut d: Diagnostic) -> Diagnostic {
        if d.path.is_none() {
            d.path.clone_from(&self.path);
        }
        let Some(pointer) = d.pointer.as_deref().filter(|_| d.line.is_none()) else {
            return d;
        };
        match self.format {
            // A text is placed through its one index of places, built on first use.
            Some(format @ (Format::Toml | Format::Json | Format::Yaml)) => {
                if let Some(text) = self.text.as_deref() {
                    self.positions
                        .get_or_init(|| Positions::build(text, format))
                        .place(text, &mut d);
                }
            }
            // A grid by the cell each unit and assessment came from.
            Some(Format::Csv) => {
                if let Some((line, column)) = self.cell(pointer) {
                    d.line = Some(line);
                    d.column = Some(column);
                }
            }
            None => {}
        }
        d
    }

    /// Drops the kept text once every problem has been located, so a portfolio of many files
    /// does not hold them all in memory twice.
    pub(crate) fn forget_text(&mut self) {
        self.text = None;
        self.cells = GridCells::default();
        self.positions = Arc::default();
    }

    /// The cell of the deepest recorded prefix of the pointer: a covers item lives on its
    /// unit's row.
    fn cell(&self, pointer: &str) -> Option<(usize, usize)> {
        self.cells.find(pointer)
    }
}

/// Where each unit and assessment of a grid came from (row, column), by module and then by
/// the unit's or assessment's index: two numbers a unit, not a key written out for each.
#[derive(Debug, Clone, Default)]
pub(crate) struct GridCells {
    units: Vec<Vec<Option<(u32, u32)>>>,
    assessments: Vec<Vec<Option<(u32, u32)>>>,
}

/// Which list of a module a grid cell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GridItem {
    Unit,
    Assessment,
}

impl GridCells {
    /// Records where the module's `index`th unit or assessment came from; `replace` says
    /// whether a cell already recorded for it gives way.
    pub(crate) fn record(
        &mut self,
        module: usize,
        item: GridItem,
        index: usize,
        cell: (usize, usize),
        replace: bool,
    ) {
        let cell = (
            u32::try_from(cell.0).unwrap_or(u32::MAX),
            u32::try_from(cell.1).unwrap_or(u32::MAX),
        );
        let lists = match item {
            GridItem::Unit => &mut self.units,
            GridItem::Assessment => &mut self.assessments,
        };
        if lists.len() <= module {
            lists.resize_with(module + 1, Vec::new);
        }
        let Some(list) = lists.get_mut(module) else {
            return;
        };
        if list.len() <= index {
            list.resize(index + 1, None);
        }
        if let Some(c) = list.get_mut(index)
            && (replace || c.is_none())
        {
            *c = Some(cell);
        }
    }

    /// Moves every recorded cell `by` columns right (a sheet whose grid does not start at
    /// column A).
    #[cfg_attr(not(feature = "grid-xlsx"), allow(dead_code))]
    pub(crate) fn shift_columns(&mut self, by: usize) {
        let by = u32::try_from(by).unwrap_or(u32::MAX);
        for cell in self
            .units
            .iter_mut()
            .chain(self.assessments.iter_mut())
            .flatten()
            .flatten()
        {
            cell.1 = cell.1.saturating_add(by);
        }
    }

    /// The cell of the unit or assessment a pointer (`modules[0].units[2].covers[1]`) is in.
    fn find(&self, pointer: &str) -> Option<(usize, usize)> {
        let rest = pointer.strip_prefix("modules[")?;
        let (module, rest) = index_then(rest)?;
        let rest = rest.strip_prefix("].")?;
        let (lists, rest) = match rest.strip_prefix("units[") {
            Some(r) => (&self.units, r),
            None => (&self.assessments, rest.strip_prefix("assessments[")?),
        };
        let (index, rest) = index_then(rest)?;
        let rest = rest.strip_prefix(']')?;
        if !(rest.is_empty() || rest.starts_with(['.', '['])) {
            return None;
        }
        let (line, column) = (*lists.get(module)?.get(index)?)?;
        Some((line as usize, column as usize))
    }
}

/// The index at the start of `text` as a pointer writes it (digits, no leading zero), and
/// what follows it.
fn index_then(text: &str) -> Option<(usize, &str)> {
    let end = text
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(text.len());
    let digits = text.get(..end)?;
    if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    Some((digits.parse().ok()?, text.get(end..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_cells_place_a_pointer_by_its_unit_or_assessment() {
        let mut cells = GridCells::default();
        cells.record(1, GridItem::Unit, 2, (7, 3), true);
        cells.record(0, GridItem::Assessment, 0, (4, 5), false);
        // An `assessed_by` cell does not move an assessment already placed.
        cells.record(0, GridItem::Assessment, 0, (9, 6), false);
        assert_eq!(cells.find("modules[1].units[2]"), Some((7, 3)));
        assert_eq!(cells.find("modules[1].units[2].covers[0]"), Some((7, 3)));
        assert_eq!(
            cells.find("modules[1].units[2].covers[0].level"),
            Some((7, 3))
        );
        assert_eq!(cells.find("modules[0].assessments[0].covers"), Some((4, 5)));
        // Its own row does.
        cells.record(0, GridItem::Assessment, 0, (11, 2), true);
        assert_eq!(cells.find("modules[0].assessments[0]"), Some((11, 2)));
        for unplaced in [
            "modules[1].units[1]",
            "modules[1].units[3]",
            "modules[2].units[0]",
            "modules[1].units[02]",
            "modules[1].units[2]x",
            "modules[1]",
            "modules[1].title",
            "modules[0].assessments[1]",
            "frameworks[0]",
            "",
        ] {
            assert_eq!(cells.find(unplaced), None, "{unplaced}");
        }
    }
}
