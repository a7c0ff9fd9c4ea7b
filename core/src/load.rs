//! Loading frameworks, crosswalks, curricula and policies from text or files.
//!
//! Loading checks the shape of a document; whether its codes exist is checked against a
//! framework when the curriculum is validated or checked, where the location of the problem
//! is still known through the [`Origin`] kept with the curriculum.

use std::{
    borrow::Cow,
    collections::BTreeMap,
    path::Path,
    sync::{Arc, OnceLock},
};

use crate::{
    error::{Diagnostic, Error, Result},
    format::{self, Format},
    grid,
    model::{crosswalk::Crosswalk, curriculum::Curriculum, framework::Framework, policy::Policy},
    position::Positions,
};

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
    fn new(name: Option<&str>, format: Format, text: Cow<'_, str>) -> Self {
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
        if d.line.is_none()
            && let Some(pointer) = d.pointer.as_deref()
            && let Some((line, column)) = self.locate(pointer)
        {
            d.line = Some(line);
            d.column = Some(column);
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

    fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        match self.format? {
            format @ (Format::Toml | Format::Json | Format::Yaml) => {
                let text = self.text.as_deref()?;
                self.positions
                    .get_or_init(|| Positions::build(text, format))
                    .locate(text, pointer)
            }
            Format::Csv => {
                // The deepest recorded prefix of the pointer: a covers item lives on its unit's row.
                let mut p = pointer;
                loop {
                    if let Some(cell) = self.cells.get(p) {
                        return Some(*cell);
                    }
                    p = &p[..p.rfind(['.', '['])?];
                }
            }
        }
    }
}

/// Reads a curriculum from text. Without a format, it is guessed from `name`'s extension or
/// from the text itself.
pub fn load_curriculum(
    text: &str,
    format: Option<Format>,
    name: Option<&str>,
) -> Result<Curriculum> {
    load_owned_curriculum(Cow::Borrowed(text), format, name)
}

/// Loads a curriculum from text the caller lends or a file's text, which the curriculum's
/// [`Origin`] then keeps without a copy.
fn load_owned_curriculum(
    text: Cow<'_, str>,
    format: Option<Format>,
    name: Option<&str>,
) -> Result<Curriculum> {
    let format = resolve_format(&text, format, name);
    let mut curriculum: Curriculum = match format {
        Format::Csv => grid::read_grid(&text, name)?,
        _ => format::deserialize(&text, format, "curriculum").map_err(|e| e.in_file(name))?,
    };
    let cells = std::mem::take(&mut curriculum.origin.cells);
    curriculum.origin = Origin {
        cells,
        ..Origin::new(name, format, text)
    };
    Ok(curriculum)
}

/// Reads a curriculum file in any supported format.
pub fn read_curriculum(path: &Path) -> Result<Curriculum> {
    // A spreadsheet workbook is a mapping grid too (first sheet), where the build reads them.
    #[cfg(feature = "grid-xlsx")]
    if crate::xlsx::is_workbook(path) {
        return crate::xlsx::read_grid_workbook(path, None);
    }
    let text = format::read_file(path)?;
    load_owned_curriculum(
        Cow::Owned(text),
        Format::from_path(path),
        Some(&path.display().to_string()),
    )
}

/// Reads and checks a framework from text.
pub fn load_framework(text: &str, format: Option<Format>, name: Option<&str>) -> Result<Framework> {
    let format = resolve_format(text, format, name);
    let framework: Framework =
        format::deserialize(text, format, "framework").map_err(|e| e.in_file(name))?;
    let problems = crate::catalog::check_framework(&framework);
    if problems.is_empty() {
        Ok(framework)
    } else {
        // One index for every problem, built only for TOML (the places other formats had).
        let positions = (format == Format::Toml).then(|| Positions::build(text, format));
        let located = problems
            .into_iter()
            .map(|d| {
                let mut d = d.in_file(name);
                if let Some(positions) = &positions
                    && let Some((line, column)) =
                        d.pointer.as_deref().and_then(|p| positions.locate(text, p))
                {
                    d.line = Some(line);
                    d.column = Some(column);
                }
                d
            })
            .collect();
        Err(Error::Invalid(located))
    }
}

/// Reads and checks a framework file.
pub fn read_framework(path: &Path) -> Result<Framework> {
    let text = format::read_file(path)?;
    load_framework(
        &text,
        Format::from_path(path),
        Some(&path.display().to_string()),
    )
}

/// Reads a crosswalk from text (its codes are checked when it is added to a catalog).
pub fn load_crosswalk(text: &str, format: Option<Format>, name: Option<&str>) -> Result<Crosswalk> {
    let format = resolve_format(text, format, name);
    format::deserialize(text, format, "crosswalk").map_err(|e| e.in_file(name))
}

/// Reads a policy from text.
pub fn load_policy(text: &str, format: Option<Format>, name: Option<&str>) -> Result<Policy> {
    let format = resolve_format(text, format, name);
    let mut policy: Policy =
        format::deserialize(text, format, "policy").map_err(|e| e.in_file(name))?;
    policy.origin = Origin::new(name, format, Cow::Borrowed(text));
    Ok(policy)
}

/// Reads a policy file.
pub fn read_policy(path: &Path) -> Result<Policy> {
    let text = format::read_file(path)?;
    load_policy(
        &text,
        Format::from_path(path),
        Some(&path.display().to_string()),
    )
}

fn resolve_format(text: &str, format: Option<Format>, name: Option<&str>) -> Format {
    format
        .or_else(|| name.and_then(|n| Format::from_path(Path::new(n))))
        .unwrap_or_else(|| Format::sniff(text))
}
