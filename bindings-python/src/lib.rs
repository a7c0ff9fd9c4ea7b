//! `waypost._waypost`: the native half of the `waypost` Python package.
//!
//! A thin layer over the core: each function converts its arguments, calls the core with the
//! GIL released, and converts the answer or the error. Nothing here knows about coverage.

mod convert;
mod edit;
mod errors;
mod inputs;
mod interop;
mod many;
mod plan;
mod results;
mod suggest;
mod team;

use std::path::PathBuf;

use pyo3::prelude::*;
use waypost::{Format, ReportFormat};

/// What a curriculum is checked against: the framework asked for, else its own.
pub(crate) fn against(framework: Option<&str>) -> waypost::CheckOptions {
    let mut options = waypost::CheckOptions::default();
    options.framework = framework.map(str::to_string);
    options
}

use crate::{
    convert::to_py,
    errors::{
        ParseError, UnknownFrameworkError, UsageError, ValidationError, WaypostError,
        WaypostIOError, run, to_py_err,
    },
    inputs::{CatalogRef, PyCatalog, PyCrosswalk, PyCurriculum, PyFramework, PyPolicy},
    interop::{PyExported, PyImported, PyImportedCurriculum},
    many::{PyDiff, PyPortfolio},
    plan::{PyPlan, PySelfAssessment},
    results::{PyChecks, PyExplanation, PyReport, PyValidation},
    suggest::{PyCurriculumSuggestions, PySuggestions},
    team::{PyExpectations, PyTeam},
};

pub(crate) fn format_of(format: Option<&str>) -> waypost::Result<Option<Format>> {
    format.map(Format::parse).transpose()
}

/// The frameworks available, with their counts, as dicts.
#[pyfunction]
#[pyo3(signature = (catalog = None))]
fn frameworks<'py>(
    py: Python<'py>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<Bound<'py, PyAny>> {
    let catalog = CatalogRef::of(py, catalog)?;
    to_py(py, &waypost::frameworks(&catalog))
}

/// A whole framework, as a dict.
#[pyfunction]
#[pyo3(signature = (id, catalog = None))]
fn framework<'py>(
    py: Python<'py>,
    id: &str,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<Bound<'py, PyAny>> {
    let catalog = CatalogRef::of(py, catalog)?;
    let framework = catalog.framework(id).map_err(|e| to_py_err(py, &e))?;
    to_py(py, framework)
}

/// Reads a framework from text (TOML, JSON or YAML) and checks it.
#[pyfunction]
#[pyo3(signature = (text, format = None, name = None))]
fn load_framework(
    py: Python<'_>,
    text: String,
    format: Option<String>,
    name: Option<String>,
) -> PyResult<PyFramework> {
    run(py, || {
        waypost::load_framework(crate::convert::document(
            &text,
            format_of(format.as_deref())?,
            name.as_deref(),
        ))
    })
    .map(|inner| PyFramework { inner })
}

/// Reads a framework file and checks it.
#[pyfunction]
fn read_framework(py: Python<'_>, path: PathBuf) -> PyResult<PyFramework> {
    run(py, || waypost::read_framework(&path)).map(|inner| PyFramework { inner })
}

/// Reads a curriculum from text: TOML, JSON, YAML or a mapping-grid CSV. Without a format,
/// it is told by `name`'s extension or by the text itself.
#[pyfunction]
#[pyo3(signature = (text, format = None, name = None))]
fn load_curriculum(
    py: Python<'_>,
    text: String,
    format: Option<String>,
    name: Option<String>,
) -> PyResult<PyCurriculum> {
    run(py, || {
        waypost::load_curriculum(crate::convert::document(
            &text,
            format_of(format.as_deref())?,
            name.as_deref(),
        ))
    })
    .map(|inner| PyCurriculum { inner })
}

/// Reads a mapping grid from a spreadsheet workbook's bytes (XLSX, XLS or ODS), as a CSV grid
/// is read. `name` is the file's name, named in errors (which locate a problem by sheet and
/// cell); `sheet` picks the sheet that holds the grid (default: the first with a grid's
/// header row).
#[pyfunction]
#[pyo3(signature = (data, name = None, sheet = None))]
fn load_workbook(
    py: Python<'_>,
    data: &[u8],
    name: Option<String>,
    sheet: Option<String>,
) -> PyResult<PyCurriculum> {
    let mut options = waypost::WorkbookOptions::default();
    options.sheet = sheet;
    run(py, || {
        waypost::load_workbook(data, name.as_deref(), &options)
    })
    .map(|inner| PyCurriculum { inner })
}

/// Reads a curriculum file in any supported format.
#[pyfunction]
fn read_curriculum(py: Python<'_>, path: PathBuf) -> PyResult<PyCurriculum> {
    run(py, || waypost::read_curriculum(&path)).map(|inner| PyCurriculum { inner })
}

/// Reads a policy from text.
#[pyfunction]
#[pyo3(signature = (text, format = None, name = None))]
fn load_policy(
    py: Python<'_>,
    text: String,
    format: Option<String>,
    name: Option<String>,
) -> PyResult<PyPolicy> {
    run(py, || {
        waypost::load_policy(crate::convert::document(
            &text,
            format_of(format.as_deref())?,
            name.as_deref(),
        ))
    })
    .map(|inner| PyPolicy { inner })
}

/// Reads a policy file.
#[pyfunction]
fn read_policy(py: Python<'_>, path: PathBuf) -> PyResult<PyPolicy> {
    run(py, || waypost::read_policy(&path)).map(|inner| PyPolicy { inner })
}

/// Reads a crosswalk from text (its codes are checked when it is added to a catalog).
#[pyfunction]
#[pyo3(signature = (text, format = None, name = None))]
fn load_crosswalk(
    py: Python<'_>,
    text: String,
    format: Option<String>,
    name: Option<String>,
) -> PyResult<PyCrosswalk> {
    run(py, || {
        waypost::load_crosswalk(crate::convert::document(
            &text,
            format_of(format.as_deref())?,
            name.as_deref(),
        ))
    })
    .map(|inner| PyCrosswalk { inner })
}

/// Check options with the policies given: a `Policy`, or a list of them, each for the
/// framework it names (one naming none for the rest).
fn checked_against(
    framework: Option<&str>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<waypost::CheckOptions> {
    let mut options = against(framework);
    let Some(policy) = policy.filter(|p| !p.is_none()) else {
        return Ok(options);
    };
    if let Ok(one) = policy.cast::<PyPolicy>() {
        options.policies = vec![one.get().inner.clone()];
        return Ok(options);
    }
    let not_policies = || -> PyResult<PyErr> {
        Ok(pyo3::exceptions::PyTypeError::new_err(format!(
            "a policy is given as a Policy or a list of Policies, not {}",
            policy.get_type().name()?
        )))
    };
    let Ok(items) = policy.try_iter() else {
        return Err(not_policies()?);
    };
    for item in items {
        match item?.cast::<PyPolicy>() {
            Ok(one) => options.policies.push(one.get().inner.clone()),
            Err(_) => return Err(not_policies()?),
        }
    }
    Ok(options)
}

/// Checks a curriculum against every framework it declares (or `framework` alone, if given):
/// a report for each. `policy` is a `Policy` or a list of them: each framework is held to the
/// policy naming it (`framework = "..."`), else the one naming none, else the default policy,
/// every statement at least introduced.
#[pyfunction]
#[pyo3(signature = (curriculum, framework = None, policy = None, catalog = None))]
fn check_all(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    framework: Option<&str>,
    policy: Option<&Bound<'_, PyAny>>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyChecks> {
    let catalog = CatalogRef::of(py, catalog)?;
    let curriculum = &curriculum.get().inner;
    let options = checked_against(framework, policy)?;
    run(py, || waypost::check_all(&catalog, curriculum, &options)).map(|inner| PyChecks { inner })
}

/// Checks a curriculum against a framework and a policy. The framework is `framework` if
/// given, else the first the curriculum declares, else the built-in default; the policy is
/// `policy` (of a list, the one for that framework), else every statement at least introduced.
#[pyfunction]
#[pyo3(signature = (curriculum, framework = None, policy = None, catalog = None))]
fn check(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    framework: Option<&str>,
    policy: Option<&Bound<'_, PyAny>>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyReport> {
    let catalog = CatalogRef::of(py, catalog)?;
    let curriculum = &curriculum.get().inner;
    let options = checked_against(framework, policy)?;
    run(py, || waypost::check(&catalog, curriculum, &options)).map(|inner| PyReport { inner })
}

/// Explains one statement's coverage by a curriculum: its evidence chain, or why it is a
/// gap and what would help.
#[pyfunction]
#[pyo3(signature = (curriculum, code, framework = None, catalog = None))]
fn explain(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    code: &str,
    framework: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyExplanation> {
    let catalog = CatalogRef::of(py, catalog)?;
    let curriculum = &curriculum.get().inner;
    run(py, || {
        waypost::explain(&catalog, curriculum, code, &against(framework))
    })
    .map(|inner| PyExplanation { inner })
}

/// Checks that every code, level and reference of a curriculum resolves.
#[pyfunction]
#[pyo3(signature = (curriculum, framework = None, catalog = None))]
fn validate(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    framework: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyValidation> {
    let catalog = CatalogRef::of(py, catalog)?;
    let curriculum = &curriculum.get().inner;
    run(py, || {
        waypost::validate(&catalog, curriculum, &against(framework))
    })
    .map(|inner| PyValidation { inner })
}

/// A result in a format by name: a text format as `str`, the Excel workbook (`xlsx`) as
/// `bytes`.
pub(crate) fn rendered<'py>(
    py: Python<'py>,
    format: &str,
    text: impl FnOnce(ReportFormat) -> waypost::Result<String> + Send,
    workbook: impl FnOnce() -> waypost::Result<Vec<u8>> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    if waypost::is_workbook_format(format) {
        let bytes = run(py, workbook)?;
        return Ok(pyo3::types::PyBytes::new(py, &bytes).into_any());
    }
    let format = ReportFormat::from_name(format).map_err(|e| to_py_err(py, &e))?;
    let text = run(py, || text(format))?;
    Ok(pyo3::types::PyString::new(py, &text).into_any())
}

/// Renders any result by format name: a report (`text`, `json`, `markdown`, `html`, `csv`, or
/// `xlsx` as bytes), an explanation, a portfolio, a diff, a plan or suggestions, in the formats
/// each has.
#[pyfunction]
#[pyo3(signature = (item, format = "text"))]
fn render<'py>(
    py: Python<'py>,
    item: &Bound<'py, PyAny>,
    format: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(report) = item.cast::<PyReport>() {
        let report = &report.get().inner;
        return rendered(
            py,
            format,
            |f| waypost::render(report, f),
            || waypost::report_workbook(report, None),
        );
    }
    if let Ok(portfolio) = item.cast::<PyPortfolio>() {
        let portfolio = &portfolio.get().inner;
        return rendered(
            py,
            format,
            |f| waypost::render(portfolio, f),
            || waypost::portfolio_workbook(portfolio),
        );
    }
    if let Ok(team) = item.cast::<PyTeam>() {
        let team = &team.get().inner;
        return rendered(
            py,
            format,
            |f| waypost::render(team, f),
            || waypost::team_workbook(team),
        );
    }
    render_text(py, item, format).map(|text| pyo3::types::PyString::new(py, &text).into_any())
}

/// [`render`] of the results that have only text formats.
fn render_text(py: Python<'_>, item: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    let format = ReportFormat::from_name(format).map_err(|e| to_py_err(py, &e))?;
    if let Ok(explanation) = item.cast::<PyExplanation>() {
        let explanation = &explanation.get().inner;
        return run(py, || waypost::render(explanation, format));
    }
    if let Ok(diff) = item.cast::<PyDiff>() {
        let diff = &diff.get().inner;
        return run(py, || waypost::render(diff, format));
    }
    if let Ok(plan) = item.cast::<PyPlan>() {
        let plan = &plan.get().inner;
        return run(py, || waypost::render(plan, format));
    }
    if let Ok(page) = item.cast::<PyExpectations>() {
        let page = &page.get().inner;
        return run(py, || waypost::render(page, format));
    }
    if let Ok(suggestions) = item.cast::<PySuggestions>() {
        let suggestions = &suggestions.get().inner;
        return run(py, || waypost::render(suggestions.as_slice(), format));
    }
    if let Ok(suggestions) = item.cast::<PyCurriculumSuggestions>() {
        let suggestions = &suggestions.get().inner;
        return run(py, || waypost::render(suggestions, format));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "render takes a Report, Explanation, Portfolio, Diff, Plan, Team, Expectations, Suggestions or CurriculumSuggestions, not {}",
        item.get_type().name()?
    )))
}

/// The JSON Schema of `curriculum`, `framework`, `policy`, `crosswalk` or `report`, as text.
#[pyfunction]
fn schema(py: Python<'_>, kind: &str) -> PyResult<String> {
    run(py, || waypost::schema(kind))
}

#[pymodule]
fn _waypost(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_FRAMEWORK", waypost::DEFAULT_FRAMEWORK)?;
    m.add("WaypostError", py.get_type::<WaypostError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("UsageError", py.get_type::<UsageError>())?;
    m.add(
        "UnknownFrameworkError",
        py.get_type::<UnknownFrameworkError>(),
    )?;
    m.add("WaypostIOError", py.get_type::<WaypostIOError>())?;
    m.add_class::<PyCatalog>()?;
    m.add_class::<PyCurriculum>()?;
    m.add_class::<PyFramework>()?;
    m.add_class::<PyPolicy>()?;
    m.add_class::<PyCrosswalk>()?;
    m.add_class::<PyReport>()?;
    m.add_class::<PyChecks>()?;
    m.add_class::<PyExplanation>()?;
    m.add_class::<PyValidation>()?;
    m.add_class::<PyPortfolio>()?;
    m.add_class::<PyDiff>()?;
    m.add_class::<PySuggestions>()?;
    m.add_class::<PyCurriculumSuggestions>()?;
    m.add_class::<PySelfAssessment>()?;
    m.add_class::<PyPlan>()?;
    m.add_class::<PyTeam>()?;
    m.add_class::<PyExpectations>()?;
    m.add_class::<PyImported>()?;
    m.add_class::<PyExported>()?;
    m.add_class::<PyImportedCurriculum>()?;
    m.add_function(wrap_pyfunction!(frameworks, m)?)?;
    m.add_function(wrap_pyfunction!(framework, m)?)?;
    m.add_function(wrap_pyfunction!(load_framework, m)?)?;
    m.add_function(wrap_pyfunction!(read_framework, m)?)?;
    m.add_function(wrap_pyfunction!(load_curriculum, m)?)?;
    m.add_function(wrap_pyfunction!(load_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(read_curriculum, m)?)?;
    m.add_function(wrap_pyfunction!(load_policy, m)?)?;
    m.add_function(wrap_pyfunction!(read_policy, m)?)?;
    m.add_function(wrap_pyfunction!(load_crosswalk, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_all, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(many::portfolio, m)?)?;
    m.add_function(wrap_pyfunction!(many::diff, m)?)?;
    m.add_function(wrap_pyfunction!(many::folder_files, m)?)?;
    m.add_function(wrap_pyfunction!(suggest::suggest, m)?)?;
    m.add_function(wrap_pyfunction!(suggest::suggest_curriculum, m)?)?;
    m.add_function(wrap_pyfunction!(suggest::suggestions_grid, m)?)?;
    m.add_function(wrap_pyfunction!(plan::load_self_assessment, m)?)?;
    m.add_function(wrap_pyfunction!(plan::read_self_assessment, m)?)?;
    m.add_function(wrap_pyfunction!(plan::plan, m)?)?;
    m.add_function(wrap_pyfunction!(team::team, m)?)?;
    m.add_function(wrap_pyfunction!(team::what_to_expect, m)?)?;
    m.add_function(wrap_pyfunction!(interop::export_case, m)?)?;
    m.add_function(wrap_pyfunction!(interop::import_case, m)?)?;
    m.add_function(wrap_pyfunction!(interop::export_moodle, m)?)?;
    m.add_function(wrap_pyfunction!(interop::import_moodle, m)?)?;
    m.add_function(wrap_pyfunction!(interop::import_framework_grid, m)?)?;
    m.add_function(wrap_pyfunction!(interop::import_grid, m)?)?;
    m.add_function(wrap_pyfunction!(interop::validate_case, m)?)?;
    m.add_function(wrap_pyfunction!(edit::map_unit, m)?)?;
    m.add_function(wrap_pyfunction!(edit::add_module, m)?)?;
    m.add_function(wrap_pyfunction!(edit::add_unit, m)?)?;
    m.add_function(wrap_pyfunction!(edit::add_assessment, m)?)?;
    m.add_function(wrap_pyfunction!(edit::new_curriculum, m)?)?;
    m.add_function(wrap_pyfunction!(edit::new_framework, m)?)?;
    m.add_function(wrap_pyfunction!(edit::rename, m)?)?;
    m.add_function(wrap_pyfunction!(edit::set_assesses, m)?)?;
    m.add_function(wrap_pyfunction!(edit::assessed_by, m)?)?;
    m.add_function(wrap_pyfunction!(edit::editable_curriculum, m)?)?;
    m.add_function(wrap_pyfunction!(edit::write_curriculum, m)?)?;
    m.add_function(wrap_pyfunction!(edit::grid_layout, m)?)?;
    m.add_function(wrap_pyfunction!(edit::write_grid, m)?)?;
    m.add_function(wrap_pyfunction!(edit::workbook_layout, m)?)?;
    m.add_function(wrap_pyfunction!(edit::write_grid_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    Ok(())
}
