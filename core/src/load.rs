//! Loading frameworks, crosswalks, curricula and policies from text or files.
//!
//! Loading checks the shape of a document; whether its codes exist is checked against a
//! framework when the curriculum is validated or checked, where the location of the problem
//! is still known through the [`Origin`] kept with the curriculum.

use std::{borrow::Cow, path::Path};

use crate::{
    error::{Error, Result},
    format::{self, Format},
    grid,
    model::{crosswalk::Crosswalk, curriculum::Curriculum, framework::Framework, policy::Policy},
    position::Positions,
};

pub use crate::source::Origin;

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
    curriculum.origin = Origin::new(name, format, text);
    curriculum.origin.cells = cells;
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

/// Reads and checks a framework from text, reporting every problem in one run: each problem
/// of shape (a missing key, a wrong type, an unknown key) and, in what remains once the broken
/// parts are set aside, each problem of consistency (a code used twice, an unknown domain, a
/// link to nothing).
pub fn load_framework(text: &str, format: Option<Format>, name: Option<&str>) -> Result<Framework> {
    let format = resolve_format(text, format, name);
    let mut read = format::deserialize_all::<Framework>(text, format, "framework")
        .map_err(|e| e.in_file(name))?;
    let mut problems: Vec<_> = std::mem::take(&mut read.problems)
        .into_iter()
        .map(|d| d.in_file(name))
        .collect();
    let Some(framework) = read.value.take() else {
        return Err(format::shape_error(problems).in_file(name));
    };
    let shape = problems.len();
    let consistency = crate::model::check::check_framework(&framework)
        .into_iter()
        // A link to a statement, or a statement in a domain, set aside for a problem of its own
        // is not a second problem.
        .filter(|d| {
            !read.set_aside.iter().any(|code| {
                d.message
                    .contains(&format!("code `{code}` is not in the framework"))
                    || d.message
                        .contains(&format!("domain `{code}`, which is not defined"))
            })
        });
    // One index of places for every problem, in any format: each is located as a problem of
    // shape is.
    let mut positions = None;
    for mut d in consistency {
        d = read.as_written(d).in_file(name);
        positions
            .get_or_insert_with(|| Positions::build(text, format))
            .place(text, &mut d);
        problems.push(d);
    }
    match (shape, problems.len()) {
        (_, 0) => Ok(framework),
        // A single problem of shape stays the parse error it always was.
        (1, 1) => Err(format::shape_error(problems)),
        _ => Err(Error::Invalid(problems)),
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

pub(crate) fn resolve_format(text: &str, format: Option<Format>, name: Option<&str>) -> Format {
    format
        .or_else(|| name.and_then(|n| Format::from_path(Path::new(n))))
        .unwrap_or_else(|| Format::sniff(text))
}
