//! What a check reads: curricula, frameworks, policies, crosswalks, and the catalog of
//! frameworks and crosswalks a check can use. Each wraps the core's type unchanged, so a
//! curriculum keeps where it was read from and later problems still name a line and column.

use std::{
    ops::Deref,
    path::PathBuf,
    sync::{Arc, Mutex, PoisonError, RwLock},
};

use pyo3::{prelude::*, types::PyList};

use crate::{
    convert::to_py,
    errors::{run, to_py_err},
};

/// A curriculum, as loaded: modules, units, assessments and their mappings.
#[pyclass(frozen, module = "waypost", name = "Curriculum")]
#[derive(Debug)]
pub(crate) struct PyCurriculum {
    pub(crate) inner: waypost::Curriculum,
}

#[pymethods]
impl PyCurriculum {
    /// Its id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Its title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// Who runs it, if it says.
    #[getter]
    fn provider(&self) -> Option<&str> {
        self.inner.provider.as_deref()
    }

    /// Its version, if it says.
    #[getter]
    fn version(&self) -> Option<&str> {
        self.inner.version.as_deref()
    }

    /// The framework ids it maps to; the first is where bare codes belong.
    #[getter]
    fn frameworks(&self) -> Vec<String> {
        self.inner.frameworks.clone()
    }

    /// The modules, as dicts.
    #[getter]
    fn modules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.modules)
    }

    /// The file (or name) it was read from.
    #[getter]
    fn path(&self) -> Option<&str> {
        self.inner.origin.path.as_deref()
    }

    /// The format it was read as: `toml`, `json`, `yaml` or `csv`.
    #[getter]
    fn format(&self) -> Option<&'static str> {
        self.inner.origin.format.map(waypost::Format::as_str)
    }

    /// The curriculum as a dict, in the shape of its JSON form.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The curriculum as JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    fn __repr__(&self) -> String {
        let units: usize = self.inner.modules.iter().map(|m| m.units.len()).sum();
        format!(
            "<Curriculum {:?}: {} modules, {} units>",
            self.inner.id,
            self.inner.modules.len(),
            units
        )
    }
}

/// A framework: its domains, statements, activities, resources and links.
#[pyclass(frozen, module = "waypost", name = "Framework")]
#[derive(Debug)]
pub(crate) struct PyFramework {
    pub(crate) inner: waypost::Framework,
}

#[pymethods]
impl PyFramework {
    /// Its id (`realising-recovery-2007`).
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Its full title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// Its coverage scale, lowest first.
    #[getter]
    fn levels(&self) -> Vec<String> {
        self.inner.levels.clone()
    }

    /// The framework as a dict, the same as `waypost.framework(id)` gives for a built-in one.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The framework as JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Framework {:?}: {} statements>",
            self.inner.id,
            self.inner.statements.len()
        )
    }
}

/// A policy: the requirements a check passes or fails.
#[pyclass(frozen, module = "waypost", name = "Policy")]
#[derive(Debug)]
pub(crate) struct PyPolicy {
    pub(crate) inner: waypost::Policy,
}

#[pymethods]
impl PyPolicy {
    /// The default policy: every statement at least at the lowest level of the scale.
    #[new]
    fn new() -> Self {
        PyPolicy {
            inner: waypost::Policy::default(),
        }
    }

    /// Its title, if it has one.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }

    /// The framework it is for (its id), if it names one.
    #[getter]
    fn framework(&self) -> Option<&str> {
        self.inner.framework.as_deref()
    }

    /// Its requirements, as dicts.
    #[getter]
    fn requirements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.requirements)
    }

    /// The policy as a dict, in the shape of its file.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The policy as JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Policy {:?}: {} requirements>",
            self.inner.title.as_deref().unwrap_or_default(),
            self.inner.requirements.len()
        )
    }
}

/// A crosswalk: typed links from the statements of one framework to another's.
#[pyclass(frozen, module = "waypost", name = "Crosswalk")]
#[derive(Debug)]
pub(crate) struct PyCrosswalk {
    pub(crate) inner: waypost::Crosswalk,
}

#[pymethods]
impl PyCrosswalk {
    /// Its id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Its title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// The crosswalk as a dict, in the shape of its file (keys `from`, `to`, `links`, ...).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The crosswalk as JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Crosswalk {:?}: {} -> {}, {} links>",
            self.inner.id,
            self.inner.from,
            self.inner.to,
            self.inner.links.len()
        )
    }
}

/// The frameworks and crosswalks a check can use: the built-in ones, and any you add.
///
/// A catalog may be shared between threads: a change is made on a copy and swapped in whole,
/// so a check running meanwhile sees the catalog as it was when it started.
#[pyclass(frozen, module = "waypost", name = "Catalog")]
#[derive(Debug)]
pub(crate) struct PyCatalog {
    current: RwLock<Arc<waypost::Catalog>>,
    /// Held (with the GIL released) by one change at a time, so no change is lost.
    writer: Mutex<()>,
}

impl PyCatalog {
    fn snapshot(&self) -> Arc<waypost::Catalog> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Applies a change to a copy of the catalog and swaps it in if it succeeds.
    fn change<F>(&self, py: Python<'_>, change: F) -> PyResult<()>
    where
        F: FnOnce(&mut waypost::Catalog) -> waypost::Result<()> + Send,
    {
        run(py, || {
            let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
            let mut next = (*self.snapshot()).clone();
            change(&mut next)?;
            *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
            Ok(())
        })
    }
}

#[pymethods]
impl PyCatalog {
    /// A catalog with the built-in frameworks and crosswalk, or an empty one.
    #[new]
    #[pyo3(signature = (builtin = true))]
    fn new(py: Python<'_>, builtin: bool) -> PyResult<Self> {
        let catalog = if builtin {
            run(py, waypost::Catalog::with_builtin)?
        } else {
            waypost::Catalog::new()
        };
        Ok(PyCatalog {
            current: RwLock::new(Arc::new(catalog)),
            writer: Mutex::new(()),
        })
    }

    /// Adds a framework, replacing any with the same id.
    fn add_framework(&self, py: Python<'_>, framework: &Bound<'_, PyFramework>) -> PyResult<()> {
        let framework = framework.get().inner.clone();
        self.change(py, move |c| c.add_framework(framework))
    }

    /// Adds a crosswalk between two frameworks of the catalog, replacing any with the same id.
    fn add_crosswalk(&self, py: Python<'_>, crosswalk: &Bound<'_, PyCrosswalk>) -> PyResult<()> {
        let crosswalk = crosswalk.get().inner.clone();
        self.change(py, move |c| c.add_crosswalk(crosswalk))
    }

    /// Reads a framework or crosswalk file (TOML, JSON or YAML) into the catalog.
    fn read(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        self.change(py, move |c| waypost::read_into(c, &path))
    }

    /// The ids of the frameworks, in the order they were added.
    fn framework_ids(&self) -> Vec<String> {
        self.snapshot().framework_ids()
    }

    /// The frameworks with their counts, as dicts.
    fn frameworks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &waypost::frameworks(&self.snapshot()))
    }

    /// A whole framework, as a dict.
    fn framework<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let catalog = self.snapshot();
        let framework = catalog.framework(id).map_err(|e| to_py_err(py, &e))?;
        to_py(py, framework)
    }

    /// The crosswalks, as dicts.
    fn crosswalks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let catalog = self.snapshot();
        let list = PyList::empty(py);
        for crosswalk in catalog.crosswalks() {
            list.append(to_py(py, crosswalk)?)?;
        }
        Ok(list)
    }

    fn __repr__(&self) -> String {
        let catalog = self.snapshot();
        format!(
            "<Catalog: {} frameworks, {} crosswalks>",
            catalog.framework_ids().len(),
            catalog.crosswalks().count()
        )
    }
}

/// The catalog a call uses: the one given, or the built-in one.
pub(crate) enum CatalogRef {
    Builtin(&'static waypost::Catalog),
    Given(Arc<waypost::Catalog>),
}

impl CatalogRef {
    pub(crate) fn of(py: Python<'_>, given: Option<&Bound<'_, PyCatalog>>) -> PyResult<Self> {
        match given {
            Some(c) => Ok(CatalogRef::Given(c.get().snapshot())),
            None => run(py, waypost::Catalog::builtin).map(CatalogRef::Builtin),
        }
    }
}

impl Deref for CatalogRef {
    type Target = waypost::Catalog;

    fn deref(&self) -> &waypost::Catalog {
        match self {
            CatalogRef::Builtin(c) => c,
            CatalogRef::Given(c) => c,
        }
    }
}
