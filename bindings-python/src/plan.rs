//! Personal development plans: a worker's self-assessment against a framework becomes the
//! statements to work on, with the activities and resources that help, most useful first.

use std::path::PathBuf;

use pyo3::prelude::*;
use waypost::{Plan, PlanOptions, ReportFormat, SelfAssessment};

use crate::{
    convert::to_py,
    errors::run,
    format_of,
    inputs::{CatalogRef, PyCatalog},
};

/// Reads a self-assessment from text (TOML, JSON or YAML). Without a format, it is told by
/// `name`'s extension or by the text itself. Its ratings are resolved against the framework
/// when a plan is made.
#[pyfunction]
#[pyo3(signature = (text, format = None, name = None))]
pub(crate) fn load_self_assessment(
    py: Python<'_>,
    text: String,
    format: Option<String>,
    name: Option<String>,
) -> PyResult<PySelfAssessment> {
    run(py, || {
        waypost::load_self_assessment(crate::convert::document(
            &text,
            format_of(format.as_deref())?,
            name.as_deref(),
        ))
    })
    .map(|inner| PySelfAssessment { inner })
}

/// Reads a self-assessment file.
#[pyfunction]
pub(crate) fn read_self_assessment(py: Python<'_>, path: PathBuf) -> PyResult<PySelfAssessment> {
    run(py, || waypost::read_self_assessment(&path)).map(|inner| PySelfAssessment { inner })
}

/// A development plan from a self-assessment: the statements below target grouped by domain
/// and theme, each with the activities and resources linked to it, in an order that starts
/// with what unlocks most. `target` overrides the self-assessment's; `include_unrated` counts
/// statements not rated as needs.
#[pyfunction]
#[pyo3(signature = (self_assessment, target = None, include_unrated = false, catalog = None))]
pub(crate) fn plan(
    py: Python<'_>,
    self_assessment: &Bound<'_, PySelfAssessment>,
    target: Option<String>,
    include_unrated: bool,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyPlan> {
    let catalog = CatalogRef::of(py, catalog)?;
    let assessment = &self_assessment.get().inner;
    let options = PlanOptions {
        target,
        include_unrated,
    };
    run(py, || waypost::plan(&catalog, assessment, &options)).map(|inner| PyPlan { inner })
}

/// A worker's ratings of themselves against a framework's statements, as read.
#[pyclass(frozen, module = "waypost", name = "SelfAssessment")]
#[derive(Debug)]
pub(crate) struct PySelfAssessment {
    pub(crate) inner: SelfAssessment,
}

#[pymethods]
impl PySelfAssessment {
    /// The framework assessed against, if it says (else the built-in default).
    #[getter]
    fn framework(&self) -> Option<&str> {
        self.inner.framework.as_deref()
    }

    /// Whose self-assessment it is.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Their role or post, if it says.
    #[getter]
    fn role(&self) -> Option<&str> {
        self.inner.role.as_deref()
    }

    /// When it was made, as written (`2026-03-02`).
    #[getter]
    fn date(&self) -> Option<&str> {
        self.inner.date.as_deref()
    }

    /// The supervisor or manager it is discussed with, if it says.
    #[getter]
    fn supervisor(&self) -> Option<&str> {
        self.inner.supervisor.as_deref()
    }

    /// Its own rating scale, lowest first, if it gives one.
    #[getter]
    fn scale(&self) -> Option<Vec<String>> {
        self.inner.scale.clone()
    }

    /// The level it plans towards, if it says.
    #[getter]
    fn target(&self) -> Option<&str> {
        self.inner.target.as_deref()
    }

    /// The ratings by code, as written: a level, or `{"level": ..., "note": ...}`.
    #[getter]
    fn ratings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.ratings)
    }

    /// The self-assessment as a dict, in the shape of its file.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The self-assessment as JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    fn __repr__(&self) -> String {
        format!(
            "<SelfAssessment of {:?}: {} ratings>",
            self.inner.name,
            self.inner.ratings.len()
        )
    }
}

/// A development plan: the statements to work on, in order, with what helps.
#[pyclass(frozen, module = "waypost", name = "Plan")]
#[derive(Debug)]
pub(crate) struct PyPlan {
    pub(crate) inner: Plan,
}

#[pymethods]
impl PyPlan {
    /// Whose plan it is: name, role, date, supervisor.
    #[getter]
    fn person<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.person)
    }

    /// The framework assessed against: id, title, short_title.
    #[getter]
    fn framework<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.framework)
    }

    /// The rating scale, lowest first.
    #[getter]
    fn scale(&self) -> Vec<String> {
        self.inner.scale.clone()
    }

    /// The level planned towards.
    #[getter]
    fn target(&self) -> &str {
        &self.inner.target
    }

    /// How many statements are below, at or above target, or not rated.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.summary)
    }

    /// The statements below target, in the order to work on them.
    #[getter]
    fn needs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.needs)
    }

    /// The same needs grouped by domain and, within each, by theme.
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.groups)
    }

    /// Learning activities and resources that support at least one need, most useful first.
    #[getter]
    fn activities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.activities)
    }

    /// Statements at or above target, with the level rated.
    #[getter]
    fn met<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.met)
    }

    /// Codes of the statements not rated.
    #[getter]
    fn unrated(&self) -> Vec<String> {
        self.inner.unrated.clone()
    }

    /// The plan as a dict, the same as its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The plan as JSON, byte for byte what `waypost plan --format json` prints.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The plan as `text`, `json`, `markdown` or `html` (a self-contained page to bring to
    /// supervision).
    #[pyo3(signature = (format = "text"))]
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        run(py, || {
            waypost::render(&self.inner, ReportFormat::from_name(format)?)
        })
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.summary;
        format!(
            "<Plan for {:?} against {:?}: {} of {} statements below {:?}>",
            self.inner.person.name,
            self.inner.framework.id,
            s.below,
            s.statements,
            self.inner.target
        )
    }
}
