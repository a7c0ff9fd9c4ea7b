//! Edits to a curriculum file's text (TOML) that keep everything a person wrote: comments,
//! blank lines, key order and keys waypost does not know stay byte for byte outside the spot
//! that changed. Each function takes the file's text and returns the new text, or raises and
//! changes nothing; writing the file is the caller's part.
//!
//! The file's text is the first argument, positional only, so that the keyword arguments can
//! carry the core's field names (a unit's `text` among them).

use pyo3::prelude::*;
use waypost::{
    FrameworkStarter, GridLayout, Mapping, MappingChange, NewAssessment, NewModule, NewUnit,
    Rename, Starter,
};

use crate::{
    convert::named,
    errors::run,
    inputs::{CatalogRef, PyCatalog, PyCurriculum},
};

fn mappings(covers: &[String]) -> Vec<Mapping> {
    covers.iter().map(|c| Mapping::parse(c)).collect()
}

/// Adds and removes mappings of one unit (or assessment), named `MODULE/UNIT` or by an id only
/// one module uses: `+K4` or `+K4:developed` adds (or changes the level of) a mapping, `-S12`
/// removes one. Additions are checked against the framework. The core's `map_unit` (`map` in
/// JavaScript, `waypost map` on the command line), named so as not to hide Python's `map`.
#[pyfunction]
#[pyo3(signature = (source, /, unit, changes, name = None, catalog = None))]
pub(crate) fn map_unit(
    py: Python<'_>,
    source: &str,
    unit: &str,
    changes: Vec<String>,
    name: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    run(py, || {
        let changes = changes
            .iter()
            .map(|c| MappingChange::parse(c))
            .collect::<waypost::Result<Vec<_>>>()?;
        waypost::map_unit(
            &catalog,
            crate::convert::document(source, None, name),
            unit,
            &changes,
        )
    })
}

/// Adds a module at the end of the curriculum's modules.
#[pyfunction]
#[pyo3(signature = (source, /, code, title = None, year = None, level = None, credits = None, name = None, catalog = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn add_module(
    py: Python<'_>,
    source: &str,
    code: String,
    title: Option<String>,
    year: Option<u8>,
    level: Option<String>,
    credits: Option<u16>,
    name: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    let module = NewModule {
        code,
        title,
        year,
        level,
        credits,
    };
    run(py, || {
        waypost::add_module(
            &catalog,
            crate::convert::document(source, None, name),
            &module,
        )
    })
}

/// Adds a unit (learning outcome, session or activity) at the end of a module's units.
/// `covers` holds mappings as a file writes them: `K4`, `S11:developed`.
#[pyfunction]
#[pyo3(signature = (source, /, module, id, kind = None, text = None, covers = Vec::new(), name = None, catalog = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn add_unit(
    py: Python<'_>,
    source: &str,
    module: String,
    id: String,
    kind: Option<&str>,
    text: Option<String>,
    covers: Vec<String>,
    name: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    run(py, || {
        let unit = NewUnit {
            module,
            id,
            kind: match kind {
                Some(kind) => named(kind, "unit kind")?,
                None => Default::default(),
            },
            text,
            covers: mappings(&covers),
        };
        waypost::add_unit(
            &catalog,
            crate::convert::document(source, None, name),
            &unit,
        )
    })
}

/// Adds an assessment at the end of a module's assessments. `assesses` holds unit ids of the
/// module or `MODULE/UNIT`; `covers`, statements it assesses directly.
#[pyfunction]
#[pyo3(signature = (source, /, module, id, title = None, weight = None, assesses = Vec::new(), covers = Vec::new(), name = None, catalog = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn add_assessment(
    py: Python<'_>,
    source: &str,
    module: String,
    id: String,
    title: Option<String>,
    weight: Option<u8>,
    assesses: Vec<String>,
    covers: Vec<String>,
    name: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    let assessment = NewAssessment {
        module,
        id,
        title,
        weight,
        assesses,
        covers: mappings(&covers),
    };
    run(py, || {
        waypost::add_assessment(
            &catalog,
            crate::convert::document(source, None, name),
            &assessment,
        )
    })
}

/// A commented starter file for a curriculum mapped to one framework (default: the built-in
/// default): it loads as it is, and its comments say how to fill it in. `schema` adds a
/// `#:schema` line for editors (a path relative to the file, or a URL).
#[pyfunction]
#[pyo3(signature = (id, title, framework = None, provider = None, schema = None, catalog = None))]
pub(crate) fn new_curriculum(
    py: Python<'_>,
    id: String,
    title: String,
    framework: Option<String>,
    provider: Option<String>,
    schema: Option<String>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    let starter = Starter {
        id,
        title,
        framework: waypost::framework_for(framework.as_deref(), None).to_string(),
        provider,
        schema,
    };
    run(py, || waypost::new_curriculum(&catalog, &starter))
}

/// A commented starter file for a framework of one's own: every field explained, and valid as
/// it is. `schema` adds a `#:schema` line for editors.
#[pyfunction]
#[pyo3(signature = (id, title, schema = None))]
pub(crate) fn new_framework(
    py: Python<'_>,
    id: String,
    title: String,
    schema: Option<String>,
) -> PyResult<String> {
    let starter = FrameworkStarter { id, title, schema };
    run(py, || waypost::new_framework(&starter))
}

/// Renames a module (named by its code), or a unit or an assessment (`MODULE/ID`): a new `id`
/// (code), a new `title` (a unit's text). Every `assesses` that names a renamed unit or module
/// is changed with it.
#[pyfunction]
#[pyo3(signature = (source, /, target, id = None, title = None, name = None, catalog = None))]
pub(crate) fn rename(
    py: Python<'_>,
    source: &str,
    target: &str,
    id: Option<String>,
    title: Option<String>,
    name: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    let rename = Rename { id, title };
    run(py, || {
        waypost::rename(
            &catalog,
            crate::convert::document(source, None, name),
            target,
            &rename,
        )
    })
}

/// Sets which units an assessment (`MODULE/ID`) assesses: ids of its module's units, or
/// `MODULE/UNIT` for another module's. A unit an assessment assesses counts as assessed.
#[pyfunction]
#[pyo3(signature = (source, /, assessment, units, name = None, catalog = None))]
pub(crate) fn set_assesses(
    py: Python<'_>,
    source: &str,
    assessment: &str,
    units: Vec<String>,
    name: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    run(py, || {
        waypost::set_assesses(
            &catalog,
            crate::convert::document(source, None, name),
            assessment,
            &units,
        )
    })
}

/// The header row of a mapping-grid CSV, to write a curriculum back in its columns with
/// `write_grid`.
#[pyfunction]
#[pyo3(signature = (source, /, name = None))]
pub(crate) fn grid_layout(
    py: Python<'_>,
    source: &str,
    name: Option<&str>,
) -> PyResult<Vec<String>> {
    run(py, || {
        waypost::grid_layout(crate::convert::document(source, None, name)).map(|l| l.headers)
    })
}

/// A curriculum as a mapping-grid CSV in a grid's own columns (`headers`, from
/// `grid_layout`), or in waypost's when none are given.
#[pyfunction]
#[pyo3(signature = (curriculum, /, headers = None))]
pub(crate) fn write_grid(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    headers: Option<Vec<String>>,
) -> String {
    let curriculum = &curriculum.get().inner;
    let layout = headers.map_or_else(GridLayout::standard, |headers| GridLayout {
        headers,
        sheet: None,
    });
    py.detach(|| waypost::write_grid(curriculum, &layout))
}

/// The layout of a mapping grid kept in a workbook: the header row of the sheet the grid is
/// read from (`sheet`, else the first with a grid's header row) and that sheet's name, to
/// write a curriculum back in them with `write_grid_workbook`.
#[pyfunction]
#[pyo3(signature = (data, /, name = None, sheet = None))]
pub(crate) fn workbook_layout(
    py: Python<'_>,
    data: &[u8],
    name: Option<&str>,
    sheet: Option<&str>,
) -> PyResult<(Vec<String>, Option<String>)> {
    run(py, || {
        waypost::grid_layout_workbook(data, name, sheet).map(|l| (l.headers, l.sheet))
    })
}

/// A curriculum as a mapping grid in an Excel workbook (XLSX bytes) of one sheet, in a grid's
/// own columns (`headers`) and under `sheet` (else `Mapping`): every cell text.
#[pyfunction]
#[pyo3(signature = (curriculum, /, headers = None, sheet = None))]
pub(crate) fn write_grid_workbook(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    headers: Option<Vec<String>>,
    sheet: Option<String>,
) -> PyResult<std::borrow::Cow<'static, [u8]>> {
    let curriculum = &curriculum.get().inner;
    let mut layout = headers.map_or_else(GridLayout::standard, |headers| GridLayout {
        headers,
        sheet: None,
    });
    layout.sheet = sheet;
    run(py, || waypost::grid_workbook(curriculum, &layout)).map(std::borrow::Cow::Owned)
}

/// A curriculum (TOML, JSON or YAML text) as a TOML document the editing functions
/// (`map_unit`, `add_unit`, `rename`, …) work on: a dict of `text`, the `format` it came in,
/// and `notes` on what writing it back in that format with `write_curriculum` will not keep.
/// A TOML curriculum is its own text; a JSON or YAML one keeps every key and value the model
/// reads.
#[pyfunction]
#[pyo3(signature = (source, /, name = None, format = None))]
pub(crate) fn editable_curriculum<'py>(
    py: Python<'py>,
    source: &str,
    name: Option<&str>,
    format: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let editable = run(py, || {
        waypost::editable_curriculum(crate::convert::document(
            source,
            crate::format_of(format)?,
            name,
        ))
    })?;
    crate::convert::to_py(py, &editable)
}

/// A curriculum's TOML text (as `editable_curriculum` and the edits leave it) written as
/// `format`: `json` or `yaml` (`toml` returns it as it is). What is written loads as the same
/// curriculum, or it raises.
#[pyfunction]
#[pyo3(signature = (source, /, format, name = None))]
pub(crate) fn write_curriculum(
    py: Python<'_>,
    source: &str,
    format: &str,
    name: Option<&str>,
) -> PyResult<String> {
    run(py, || {
        let format = waypost::Format::parse(format)?;
        waypost::write_curriculum(crate::convert::document(source, None, name), format)
    })
}

/// Every unit of a curriculum with the assessments that assess it, in the curriculum's order:
/// by id in the unit's own module, `MODULE/ID` in another. A unit an assessment names counts
/// as assessed, and so does everything it maps.
#[pyfunction]
#[pyo3(signature = (curriculum, /))]
pub(crate) fn assessed_by<'py>(
    py: Python<'py>,
    curriculum: &Bound<'py, PyCurriculum>,
) -> PyResult<Bound<'py, PyAny>> {
    let units = waypost::assessed_by(&curriculum.get().inner);
    crate::convert::to_py(py, &units)
}
