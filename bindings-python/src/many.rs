//! Many curricula at once: a portfolio (statements × courses, what no course covers), and the
//! diff between two versions of one curriculum.

use std::path::PathBuf;

use pyo3::{exceptions::PyTypeError, prelude::*};
use waypost::{Diff, Entry, Portfolio, ReportFormat};

use crate::{
    convert::to_py,
    errors::run,
    inputs::{CatalogRef, PyCatalog, PyCurriculum},
};

/// One item of a portfolio as given: a curriculum already loaded, or a file or folder to read.
enum Item {
    Loaded(String, Box<waypost::Curriculum>),
    Path(PathBuf),
}

/// Checks many curricula against one framework together: per statement how many courses
/// cover and assess it, and which statements no course covers. `curricula` holds loaded
/// curricula, files, or folders (read for `.toml`, `.json`, `.yaml` and `.csv` files); a file
/// that cannot be read or checked is listed in `failures` rather than stopping the rest.
#[pyfunction]
#[pyo3(signature = (curricula, framework = None, catalog = None, few_learners = None, settings = Vec::new(), gaps_to_training = false))]
pub(crate) fn portfolio(
    py: Python<'_>,
    curricula: Vec<Bound<'_, PyAny>>,
    framework: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
    few_learners: Option<u64>,
    settings: Vec<String>,
    gaps_to_training: bool,
) -> PyResult<PyPortfolio> {
    let catalog = CatalogRef::of(py, catalog)?;
    let mut items = Vec::with_capacity(curricula.len());
    for item in &curricula {
        if let Ok(c) = item.cast::<PyCurriculum>() {
            let c = &c.get().inner;
            let name = c.origin.path.clone().unwrap_or_else(|| c.id.clone());
            items.push(Item::Loaded(name, Box::new(c.clone())));
        } else if let Ok(path) = item.extract::<PathBuf>() {
            items.push(Item::Path(path));
        } else {
            return Err(PyTypeError::new_err(format!(
                "portfolio takes curricula, files or folders, not {}",
                item.get_type().name()?
            )));
        }
    }
    run(py, || {
        let mut entries: Vec<Entry> = Vec::with_capacity(items.len());
        let mut paths = Vec::new();
        for item in items {
            match item {
                Item::Loaded(name, c) => entries.push((name, Ok(*c))),
                Item::Path(path) => paths.push(path),
            }
        }
        // All the files and folders at once, so a file reached twice (given twice, or also
        // through its folder or a link) is read and counted once, as on the command line.
        if !paths.is_empty() {
            let files = waypost::collect_files(&paths)?;
            entries.extend(waypost::read_entries(&files, |_, _| {}));
        }
        let mut options = waypost::PortfolioOptions::default();
        options.framework = framework.map(str::to_string);
        options.few_learners = few_learners;
        options.settings = settings;
        options.gaps_to_training = gaps_to_training;
        waypost::portfolio(&catalog, entries, &options)
    })
    .map(|inner| PyPortfolio { inner })
}

/// Of a folder's files, given by their paths inside it (`/`-separated), those a portfolio of
/// the folder reads, in the order it reads them: for a folder listed elsewhere than on disk
/// (an archive, an upload), the files `portfolio([folder])` would read.
#[pyfunction]
pub(crate) fn folder_files(paths: Vec<String>) -> Vec<String> {
    waypost::folder_files(&paths)
}

/// What coverage was gained or lost between two versions of a curriculum.
#[pyfunction]
#[pyo3(signature = (old, new, framework = None, catalog = None))]
pub(crate) fn diff(
    py: Python<'_>,
    old: &Bound<'_, PyCurriculum>,
    new: &Bound<'_, PyCurriculum>,
    framework: Option<&str>,
    catalog: Option<&Bound<'_, PyCatalog>>,
) -> PyResult<PyDiff> {
    let catalog = CatalogRef::of(py, catalog)?;
    let (old, new) = (&old.get().inner, &new.get().inner);
    let mut options = waypost::DiffOptions::default();
    options.framework = framework.map(str::to_string);
    run(py, || waypost::diff(&catalog, old, new, &options)).map(|inner| PyDiff { inner })
}

/// A list of statement codes as Python strings.
fn codes(list: &[std::sync::Arc<str>]) -> Vec<String> {
    list.iter().map(|c| c.to_string()).collect()
}

/// Many curricula against one framework: courses, statements × courses, and what no course
/// covers or assesses.
#[pyclass(frozen, module = "waypost", name = "Portfolio")]
#[derive(Debug)]
pub(crate) struct PyPortfolio {
    pub(crate) inner: Portfolio,
}

#[pymethods]
impl PyPortfolio {
    /// The framework: id, title, short_title.
    #[getter]
    fn framework<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.framework)
    }

    /// The coverage scale, lowest first.
    #[getter]
    fn levels(&self) -> Vec<String> {
        self.inner.levels.clone()
    }

    /// Each course checked, with its totals, in the order given.
    #[getter]
    fn courses<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.courses)
    }

    /// Every statement with the level each course reaches (`levels`, one per course).
    #[getter]
    fn statements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.statements)
    }

    /// Codes no course covers.
    #[getter]
    fn uncovered(&self) -> Vec<String> {
        codes(&self.inner.uncovered)
    }

    /// Codes no course assesses.
    #[getter]
    fn unassessed(&self) -> Vec<String> {
        codes(&self.inner.unassessed)
    }

    /// Codes that courses only ever introduce.
    #[getter]
    fn introduced_only(&self) -> Vec<String> {
        codes(&self.inner.introduced_only)
    }

    /// Codes exactly one course covers.
    #[getter]
    fn single_course(&self) -> Vec<String> {
        codes(&self.inner.single_course)
    }

    /// Totals per provider.
    #[getter]
    fn providers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.providers)
    }

    /// Files that could not be read or checked, each with its error as data.
    #[getter]
    fn failures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.failures)
    }

    /// The portfolio as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The portfolio as JSON, as `waypost portfolio --format json` prints it.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The portfolio as `text`, `json`, `markdown`, `html` or `csv` (the matrix), or `xlsx`: an Excel workbook (`bytes`).
    #[pyo3(signature = (format = "text"))]
    fn render<'py>(&self, py: Python<'py>, format: &str) -> PyResult<Bound<'py, PyAny>> {
        crate::rendered(
            py,
            format,
            |f| waypost::render(&self.inner, f),
            || waypost::portfolio_workbook(&self.inner),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "<Portfolio of {} courses against {:?}: {} statements uncovered, {} failures>",
            self.inner.courses.len(),
            self.inner.framework.id,
            self.inner.uncovered.len(),
            self.inner.failures.len()
        )
    }
}

/// What coverage was gained or lost between two versions of a curriculum.
#[pyclass(frozen, module = "waypost", name = "Diff")]
#[derive(Debug)]
pub(crate) struct PyDiff {
    pub(crate) inner: Diff,
}

#[pymethods]
impl PyDiff {
    /// The framework compared against.
    #[getter]
    fn framework<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.framework)
    }

    /// The old version: id, title, provider, version, modules, units.
    #[getter(old)]
    fn old_version<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.old)
    }

    /// The new version.
    #[getter(new)]
    fn new_version<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.new)
    }

    /// Covered and assessed counts before and after.
    #[getter]
    fn totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.totals)
    }

    /// Statements covered now and not before.
    #[getter]
    fn gained<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.gained)
    }

    /// Statements covered before and not now.
    #[getter]
    fn lost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.lost)
    }

    /// Statements that reach a higher level now.
    #[getter]
    fn raised<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.raised)
    }

    /// Statements that reach a lower level now.
    #[getter]
    fn lowered<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.lowered)
    }

    /// Units and assessments added, removed or remapped.
    #[getter]
    fn changes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.changes)
    }

    /// Whether any coverage was lost or lowered.
    #[getter]
    fn lost_anything(&self) -> bool {
        self.inner.lost_anything
    }

    /// The diff as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The diff as JSON, as `waypost diff --format json` prints it.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The diff as `text`, `json` or `markdown`.
    #[pyo3(signature = (format = "text"))]
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        run(py, || {
            waypost::render(&self.inner, ReportFormat::from_name(format)?)
        })
    }

    fn __repr__(&self) -> String {
        let t = &self.inner.totals;
        format!(
            "<Diff {:?} -> {:?}: covered {} -> {}, {} gained, {} lost>",
            self.inner
                .old
                .version
                .as_deref()
                .unwrap_or(&self.inner.old.id),
            self.inner
                .new
                .version
                .as_deref()
                .unwrap_or(&self.inner.new.id),
            t.old_covered,
            t.new_covered,
            self.inner.gained.len(),
            self.inner.lost.len()
        )
    }
}
