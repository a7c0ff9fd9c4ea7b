//! A team's or service's needs from many self-assessments, counted; names only when asked.

use std::path::PathBuf;

use pyo3::prelude::*;
use waypost::{ReportFormat, Team, TeamOptions};

use crate::{
    convert::to_py,
    errors::run,
    inputs::{CatalogRef, PyCatalog},
    plan::PySelfAssessment,
};

/// A team's needs from many self-assessments: each a `SelfAssessment`, or a path to a file or
/// a folder of them. Per statement how many members rate themselves at each level, the needs
/// most members share, and the activities and resources that serve the most members first.
/// A file that cannot be read is listed in `failures` and the rest are counted. Names appear
/// only with `names=True`.
#[pyfunction]
#[pyo3(signature = (self_assessments, target = None, names = false, catalog = None))]
pub(crate) fn team(
    py: Python<'_>,
    self_assessments: Vec<Bound<'_, PyAny>>,
    target: Option<String>,
    names: bool,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyTeam> {
    let catalog = CatalogRef::of(py, catalog)?;
    let mut read = Vec::new();
    let mut paths = Vec::new();
    for item in &self_assessments {
        if let Ok(a) = item.cast::<PySelfAssessment>() {
            read.push(a.get().inner.clone());
        } else if let Ok(path) = item.extract::<PathBuf>() {
            paths.push(path);
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "team takes self-assessments, files or folders, not {}",
                item.get_type().name()?
            )));
        }
    }
    let mut options = TeamOptions::default();
    options.target = target;
    options.names = names;
    run(py, || {
        let mut entries = waypost::team_entries(read);
        entries.extend(waypost::read_team(&paths)?);
        waypost::team(&catalog, entries, &options)
    })
    .map(|inner| PyTeam { inner })
}

/// A team's or service's needs.
#[pyclass(frozen, module = "waypost", name = "Team")]
#[derive(Debug)]
pub(crate) struct PyTeam {
    pub(crate) inner: Team,
}

#[pymethods]
impl PyTeam {
    /// How many self-assessments were counted.
    #[getter]
    fn members(&self) -> usize {
        self.inner.members
    }

    /// The members by name, only when names were asked for.
    #[getter]
    fn names(&self) -> Option<Vec<String>> {
        self.inner.names.clone()
    }

    /// The rating scale, lowest first.
    #[getter]
    fn scale(&self) -> Vec<String> {
        self.inner.scale.clone()
    }

    /// Each statement with how many members rate themselves at each level.
    #[getter]
    fn statements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.statements)
    }

    /// The needs members share, most members first.
    #[getter]
    fn needs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.needs)
    }

    /// Activities and resources, serving the most members first.
    #[getter]
    fn activities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.activities)
    }

    /// Files that could not be read, with why.
    #[getter]
    fn failures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.failures)
    }

    /// The team view as a dict, the same as its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The team view as JSON, byte for byte what `waypost team --format json` prints.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The team view as `text`, `json`, `markdown`, `html` or `csv`, or `xlsx`: an Excel workbook (`bytes`).
    #[pyo3(signature = (format = "text"))]
    fn render<'py>(&self, py: Python<'py>, format: &str) -> PyResult<Bound<'py, PyAny>> {
        crate::rendered(
            py,
            format,
            |f| waypost::render(&self.inner, f),
            || waypost::team_workbook(&self.inner),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "<Team of {} against {:?}: {} shared needs>",
            self.inner.members,
            self.inner.framework.id,
            self.inner.needs.len()
        )
    }
}

/// What people who use services, and their families and carers, can expect from mental health
/// workers: the framework's published statements, values first, quoted exactly, with the
/// source cited. Render it as `text`, `markdown` or `html` (a large-print page that prints).
#[pyfunction]
#[pyo3(signature = (framework = None, catalog = None))]
pub(crate) fn what_to_expect(
    py: Python<'_>,
    framework: Option<String>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyExpectations> {
    let catalog = CatalogRef::of(py, catalog)?;
    let mut options = waypost::ExpectOptions::default();
    options.framework = framework;
    run(py, || waypost::what_to_expect(&catalog, &options)).map(|inner| PyExpectations { inner })
}

/// A framework's published statements as what people can expect from workers.
#[pyclass(frozen, module = "waypost", name = "Expectations")]
#[derive(Debug)]
pub(crate) struct PyExpectations {
    pub(crate) inner: waypost::Expectations,
}

#[pymethods]
impl PyExpectations {
    /// The framework's id.
    #[getter]
    fn framework(&self) -> &str {
        &self.inner.framework
    }

    /// The domains, values first, each with its statements quoted exactly.
    #[getter]
    fn sections<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sections)
    }

    /// The citation of the published source.
    #[getter]
    fn citation(&self) -> &str {
        &self.inner.citation
    }

    /// The page as a dict, the same as its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The page as JSON, byte for byte what `waypost expect --format json` prints.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The page as `text`, `json`, `markdown` or `html`.
    #[pyo3(signature = (format = "text"))]
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        run(py, || {
            waypost::render(&self.inner, ReportFormat::from_name(format)?)
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<Expectations from {:?}: {} statements>",
            self.inner.framework,
            self.inner
                .sections
                .iter()
                .map(|s| s.statements.len())
                .sum::<usize>()
        )
    }
}
