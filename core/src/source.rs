//! Where a document came from: its name, its format and its text, and how a place in it
//! (a pointer such as `modules[1].units[0]`, or a grid's cell) becomes a line and column.
//! Every loader keeps one [`Origin`] with what it read, and every located error is placed
//! through it or through [`crate::position`], the one index of places in a text.
//!
//! This is the bottom layer with the data model: it reads nothing and knows no engine.

use std::{
    borrow::Cow,
    collections::BTreeMap,
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
    pub(crate) cells: BTreeMap<String, (usize, usize)>,
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
            cells: BTreeMap::new(),
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
        self.cells = BTreeMap::new();
        self.positions = Arc::default();
    }

    /// The cell of the deepest recorded prefix of the pointer: a covers item lives on its
    /// unit's row.
    fn cell(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut p = pointer;
        loop {
            if let Some(cell) = self.cells.get(p) {
                return Some(*cell);
            }
            p = &p[..p.rfind(['.', '['])?];
        }
    }
}
