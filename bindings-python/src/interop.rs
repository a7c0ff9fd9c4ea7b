//! Frameworks exchanged with the tools educators already use (1EdTech CASE packages, Moodle
//! competency frameworks), and mapping grids turned into curriculum files a person goes on
//! editing.

use pyo3::{exceptions::PyTypeError, prelude::*};
use waypost::{
    CaseExportOptions, CaseImportOptions, Exported, FrameworkGridOptions, GridImportOptions,
    Imported, ImportedCurriculum, MoodleImportOptions,
};

use crate::{
    convert::{named, to_py},
    errors::run,
    inputs::{CatalogRef, PyCatalog, PyFramework},
};

/// The framework to export: a `Framework` as given, or the id of one in the catalog.
enum Source<'a> {
    Given(&'a waypost::Framework),
    Id(String),
}

impl<'a> Source<'a> {
    fn of(framework: &'a Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(f) = framework.cast::<PyFramework>() {
            return Ok(Source::Given(&f.get().inner));
        }
        if let Ok(id) = framework.extract::<String>() {
            return Ok(Source::Id(id));
        }
        Err(PyTypeError::new_err(format!(
            "a framework is given as its id or as a Framework, not {}",
            framework.get_type().name()?
        )))
    }

    fn resolve<'c>(
        &'c self,
        catalog: &'c waypost::Catalog,
    ) -> waypost::Result<&'c waypost::Framework>
    where
        'a: 'c,
    {
        match self {
            Source::Given(f) => Ok(f),
            Source::Id(id) => catalog.framework(id),
        }
    }
}

/// A framework as a CASE 1.1 CFPackage (JSON text). Identifiers are UUIDs derived from the
/// statements' qualified ids, so two exports of one framework are byte-identical.
#[pyfunction]
#[pyo3(signature = (framework, base_uri = None, last_change = None, catalog = None))]
pub(crate) fn export_case(
    py: Python<'_>,
    framework: &Bound<'_, PyAny>,
    base_uri: Option<String>,
    last_change: Option<String>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<String> {
    let catalog = CatalogRef::of(py, catalog)?;
    let source = Source::of(framework)?;
    let options = CaseExportOptions {
        base_uri,
        last_change,
    };
    run(py, || {
        Ok(waypost::export_case(source.resolve(&catalog)?, &options))
    })
}

/// Reads a CASE 1.0 or 1.1 package (JSON text) as a framework, with a note for everything it
/// could not represent. `domains` says how domains are found: `auto`, `hierarchy` or
/// `item-type`.
#[pyfunction]
#[pyo3(signature = (text, name = None, id = None, domains = None))]
pub(crate) fn import_case(
    py: Python<'_>,
    text: &str,
    name: Option<&str>,
    id: Option<String>,
    domains: Option<&str>,
) -> PyResult<PyImported> {
    run(py, || {
        let options = CaseImportOptions {
            id,
            domains: match domains {
                Some(rule) => named(rule, "domain rule")?,
                None => Default::default(),
            },
        };
        waypost::import_case(crate::convert::document(text, None, name), &options)
    })
    .map(|inner| PyImported { inner })
}

/// A framework as the CSV Moodle's competency framework importer reads, with a note for
/// everything Moodle has no place for.
#[pyfunction]
#[pyo3(signature = (framework, catalog = None))]
pub(crate) fn export_moodle(
    py: Python<'_>,
    framework: &Bound<'_, PyAny>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyExported> {
    let catalog = CatalogRef::of(py, catalog)?;
    let source = Source::of(framework)?;
    run(py, || Ok(waypost::export_moodle(source.resolve(&catalog)?)))
        .map(|inner| PyExported { inner })
}

/// Reads a Moodle competency framework CSV as a framework, with a note for everything it
/// could not represent.
#[pyfunction]
#[pyo3(signature = (text, name = None, id = None))]
pub(crate) fn import_moodle(
    py: Python<'_>,
    text: &str,
    name: Option<&str>,
    id: Option<String>,
) -> PyResult<PyImported> {
    let options = MoodleImportOptions { id };
    run(py, || {
        waypost::import_moodle(crate::convert::document(text, None, name), &options)
    })
    .map(|inner| PyImported { inner })
}

/// Reads a framework kept as a spreadsheet (CSV text, one row per statement, a header naming
/// `code` and `text`) as a framework, with a note for everything the sheet did not give.
#[pyfunction]
#[pyo3(signature = (text, name = None, id = None, title = None, publisher = None, year = None))]
pub(crate) fn import_framework_grid(
    py: Python<'_>,
    text: &str,
    name: Option<&str>,
    id: Option<String>,
    title: Option<String>,
    publisher: Option<String>,
    year: Option<u16>,
) -> PyResult<PyImported> {
    let options = FrameworkGridOptions {
        id,
        title,
        publisher,
        year,
        sheet: None,
    };
    run(py, || {
        waypost::import_framework_grid(crate::convert::document(text, None, name), &options)
    })
    .map(|inner| PyImported { inner })
}

/// Turns a mapping grid (CSV text) into a curriculum TOML file a person can go on editing,
/// checked against its framework, as `waypost import GRID --from grid --to toml` does.
#[pyfunction]
#[pyo3(signature = (text, name = None, framework = None, id = None, title = None, catalog = None))]
pub(crate) fn import_grid(
    py: Python<'_>,
    text: &str,
    name: Option<&str>,
    framework: Option<String>,
    id: Option<String>,
    title: Option<String>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyImportedCurriculum> {
    let catalog = CatalogRef::of(py, catalog)?;
    let options = GridImportOptions {
        framework,
        id,
        title,
    };
    run(py, || {
        let curriculum = waypost::load_curriculum(crate::convert::document(
            text,
            Some(waypost::Format::Csv),
            name,
        ))?;
        waypost::import_grid(&catalog, curriculum, name, &options)
    })
    .map(|inner| PyImportedCurriculum { inner })
}

/// Validates a CASE package (JSON text) against an official schema (the CASE 1.1 CFPackage
/// JSON Schema, or the IMS CASE 1.0 OpenAPI file) and lists every place it departs from it: an
/// empty list means the package is valid.
#[pyfunction]
#[pyo3(signature = (package, schema, name = None))]
pub(crate) fn validate_case<'py>(
    py: Python<'py>,
    package: &str,
    schema: &str,
    name: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let problems = run(py, || {
        waypost::validate_case(crate::convert::document(package, None, name), schema)
    })?;
    to_py(py, &problems)
}

/// A framework read from another tool's format, with a note for everything it could not
/// represent.
#[pyclass(frozen, module = "waypost", name = "Imported")]
#[derive(Debug)]
pub(crate) struct PyImported {
    inner: Imported,
}

#[pymethods]
impl PyImported {
    /// The framework, checked as any framework file is: add it to a `Catalog` to check
    /// curricula against it.
    #[getter]
    fn framework(&self) -> PyFramework {
        PyFramework {
            inner: self.inner.framework.clone(),
        }
    }

    /// What could not be represented, or was made up because the source lacked it, as
    /// diagnostics.
    #[getter]
    fn notes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.notes)
    }

    /// The import as a dict: `framework` and `notes`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The import as JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Imported {:?}: {} statements, {} notes>",
            self.inner.framework.id,
            self.inner.framework.statements.len(),
            self.inner.notes.len()
        )
    }
}

/// A framework written in another tool's format, with a note for everything the format cannot
/// hold.
#[pyclass(frozen, module = "waypost", name = "Exported")]
#[derive(Debug)]
pub(crate) struct PyExported {
    inner: Exported,
}

#[pymethods]
impl PyExported {
    /// The file's text.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// What the format could not hold, as diagnostics.
    #[getter]
    fn notes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.notes)
    }

    /// The export as a dict: `text` and `notes`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Exported: {} lines, {} notes>",
            self.inner.text.lines().count(),
            self.inner.notes.len()
        )
    }
}

/// A curriculum file made from a mapping grid.
#[pyclass(frozen, module = "waypost", name = "ImportedCurriculum")]
#[derive(Debug)]
pub(crate) struct PyImportedCurriculum {
    inner: ImportedCurriculum,
}

#[pymethods]
impl PyImportedCurriculum {
    /// The file's text: TOML with a header saying where it came from.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// The framework the grid was checked against.
    #[getter]
    fn framework(&self) -> &str {
        &self.inner.framework
    }

    /// What the check warned of, as diagnostics; the file is written all the same.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.warnings)
    }

    /// The import as a dict: `text`, `framework` and `warnings`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<ImportedCurriculum against {:?}: {} lines, {} warnings>",
            self.inner.framework,
            self.inner.text.lines().count(),
            self.inner.warnings.len()
        )
    }
}
