//! What a check, an explanation and a validation give back. Each keeps the core's value and
//! converts a part to plain Python values when it is read, so a bulk run that only asks
//! `report.passed` pays for nothing else.

use pyo3::prelude::*;
use waypost::ReportFormat;

use crate::{
    convert::to_py,
    errors::{run, to_py_err},
    inputs::PyCurriculum,
};

/// A curriculum checked against every framework it declares: a report for each, and whether
/// every policy passed.
#[pyclass(frozen, module = "waypost", name = "Checks")]
#[derive(Debug)]
pub(crate) struct PyChecks {
    pub(crate) inner: waypost::Checks,
}

#[pymethods]
impl PyChecks {
    /// Whether the policy passed for every framework.
    #[getter]
    fn passed(&self) -> bool {
        self.inner.passed
    }

    /// The ids of the frameworks whose policy failed.
    #[getter]
    fn failed(&self) -> Vec<String> {
        self.inner.failed.clone()
    }

    /// One report a framework, in the order the curriculum declares them.
    #[getter]
    fn reports(&self) -> Vec<PyReport> {
        self.inner
            .reports
            .iter()
            .map(|r| PyReport { inner: r.clone() })
            .collect()
    }

    /// The result as a dict: the same keys and values as its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The result as JSON, byte for byte what the command line's `--format json` prints.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The result as `text`, `json`, `markdown`, `html` or `csv`, each framework in turn, or
    /// as `xlsx`: an Excel workbook (`bytes`) with a sheet per framework, and the curriculum as
    /// a mapping grid when it is given.
    #[pyo3(signature = (format = "text", curriculum = None))]
    fn render<'py>(
        &self,
        py: Python<'py>,
        format: &str,
        curriculum: Option<&Bound<'py, PyCurriculum>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let curriculum = curriculum.map(|c| &c.get().inner);
        crate::rendered(
            py,
            format,
            |f| waypost::render(&self.inner, f),
            || waypost::checks_workbook(&self.inner, curriculum),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "<Checks {:?} against {} frameworks: {}>",
            self.inner.curriculum,
            self.inner.reports.len(),
            if self.inner.passed {
                "passed"
            } else {
                "failed"
            }
        )
    }
}

/// A coverage report: for every statement of a framework, how far a curriculum takes it.
#[pyclass(frozen, module = "waypost", name = "Report")]
#[derive(Debug)]
pub(crate) struct PyReport {
    pub(crate) inner: waypost::Report,
}

#[pymethods]
impl PyReport {
    /// Whether the policy passed.
    #[getter]
    fn passed(&self) -> bool {
        self.inner.passed
    }

    /// The curriculum checked: id, title, provider, version, modules, units.
    #[getter]
    fn curriculum<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.curriculum)
    }

    /// The framework it was checked against: id, title, short_title.
    #[getter]
    fn framework<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.framework)
    }

    /// The coverage scale, lowest first.
    #[getter]
    fn levels(&self) -> Vec<String> {
        self.inner.levels.clone()
    }

    /// Totals over the whole framework.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.summary)
    }

    /// Totals per domain, in the framework's order.
    #[getter]
    fn domains<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.domains)
    }

    /// Per module, the level it reaches on each statement it maps.
    #[getter]
    fn modules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.modules)
    }

    /// Every unit and assessment that reaches a statement, once each, in the curriculum's
    /// order: a statement's evidence names its unit by `unit_index` here.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.units)
    }

    /// Every statement with its level and evidence, in the framework's order.
    #[getter]
    fn statements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.statements)
    }

    /// The statements nothing covers, with the activities and resources that would help.
    #[getter]
    fn gaps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.gaps)
    }

    /// Units that map to no statement yet.
    #[getter]
    fn unmapped_units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.unmapped_units)
    }

    /// The policy's verdict, requirement by requirement.
    #[getter]
    fn policy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.policy)
    }

    /// Problems that did not stop the check.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.warnings)
    }

    /// One statement's coverage, by code (`K4`) or qualified id.
    fn statement<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        let statement = self.inner.statement(code).map_err(|e| to_py_err(py, &e))?;
        to_py(py, statement)
    }

    /// The units and assessments that reach one statement, and how (empty for a gap).
    fn evidence<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        let evidence = self.inner.evidence(code).map_err(|e| to_py_err(py, &e))?;
        to_py(py, &evidence)
    }

    /// The report as a dict: the same keys and values as its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The report as JSON, byte for byte what the command line's `--format json` prints.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The report as `text`, `json`, `markdown`, `html` (a self-contained page) or `csv` (the
    /// statements × modules matrix), or as `xlsx`: an Excel workbook (`bytes`) that holds the
    /// curriculum as a mapping grid too when it is given, so it reads back as that curriculum.
    #[pyo3(signature = (format = "text", curriculum = None))]
    fn render<'py>(
        &self,
        py: Python<'py>,
        format: &str,
        curriculum: Option<&Bound<'py, PyCurriculum>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let curriculum = curriculum.map(|c| &c.get().inner);
        crate::rendered(
            py,
            format,
            |f| waypost::render(&self.inner, f),
            || waypost::report_workbook(&self.inner, curriculum),
        )
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.summary;
        format!(
            "<Report {:?} against {:?}: {} of {} statements covered, {} gaps, {}>",
            self.inner.curriculum.id,
            self.inner.framework.id,
            s.covered,
            s.statements,
            s.gaps,
            if self.inner.passed {
                "passed"
            } else {
                "failed"
            }
        )
    }
}

/// Everything known about one statement in one curriculum: its evidence chain, or why it
/// is a gap and what would help.
#[pyclass(frozen, module = "waypost", name = "Explanation")]
#[derive(Debug)]
pub(crate) struct PyExplanation {
    pub(crate) inner: waypost::Explanation,
}

#[pymethods]
impl PyExplanation {
    /// The framework's id.
    #[getter]
    fn framework(&self) -> &str {
        &self.inner.framework
    }

    /// The curriculum's id.
    #[getter]
    fn curriculum(&self) -> &str {
        &self.inner.curriculum
    }

    /// The statement as published: code, id, domain, label, text, items, page.
    #[getter]
    fn statement<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.statement)
    }

    /// How far the curriculum takes it, and through which units.
    #[getter]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.coverage)
    }

    /// The units and assessments its evidence names, once each: a piece of evidence names its
    /// unit by `unit_index` here.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.units)
    }

    /// Activities and resources that support it.
    #[getter]
    fn supports<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.supports)
    }

    /// Statements of the same framework linked to it, with how far each is covered.
    #[getter]
    fn related<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.related)
    }

    /// Statements of other frameworks a crosswalk links it to.
    #[getter]
    fn crosswalk<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.crosswalk)
    }

    /// The explanation as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The explanation as JSON, as the command line's `explain --format json` prints it.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The explanation as `text`, `json` or `markdown` (the other formats are the whole
    /// report's).
    #[pyo3(signature = (format = "text"))]
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        run(py, || {
            waypost::render(&self.inner, ReportFormat::from_name(format)?)
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<Explanation of {:?} in {:?}: {}>",
            self.inner.statement.id,
            self.inner.curriculum,
            self.inner.coverage.level.as_deref().unwrap_or("a gap")
        )
    }
}

/// What validating a curriculum found: its size, and problems that do not stop a check.
#[pyclass(frozen, module = "waypost", name = "Validation")]
#[derive(Debug)]
pub(crate) struct PyValidation {
    pub(crate) inner: waypost::Validation,
}

#[pymethods]
impl PyValidation {
    /// The curriculum's id.
    #[getter]
    fn curriculum(&self) -> &str {
        &self.inner.curriculum
    }

    /// The framework its bare codes were resolved against.
    #[getter]
    fn framework(&self) -> &str {
        &self.inner.framework
    }

    /// Number of modules.
    #[getter]
    fn modules(&self) -> usize {
        self.inner.modules
    }

    /// Number of units.
    #[getter]
    fn units(&self) -> usize {
        self.inner.units
    }

    /// Number of mappings (unit or assessment to statement).
    #[getter]
    fn mappings(&self) -> usize {
        self.inner.mappings
    }

    /// Problems that do not stop a check, as dicts.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.warnings)
    }

    /// One line for a terminal: `valid (3 modules, 12 units, 30 mappings, no warnings)`.
    fn summary(&self) -> String {
        self.inner.summary()
    }

    /// The validation as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The validation as JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Validation {:?}: {}>",
            self.inner.curriculum,
            self.summary()
        )
    }
}
