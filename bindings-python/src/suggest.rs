//! Suggested mappings: the statements a text most likely addresses, and proposals for the
//! units of a curriculum that map none or few. Proposals only: nothing here changes a
//! curriculum.

use pyo3::{exceptions::PyIndexError, prelude::*};
use waypost::{
    CurriculumSuggestOptions, CurriculumSuggestions, DEFAULT_FRAMEWORK, Example, ReportFormat,
    SuggestOptions, Suggestion,
};

use crate::{
    convert::to_py,
    errors::run,
    inputs::{CatalogRef, PyCatalog, PyCurriculum},
};

/// The statements of a framework that a text (a learning outcome, session or activity) most
/// likely addresses, best first, each with a score from 0 towards 1 and the reasons. `top`
/// (default 5) and `min_score` (default 0) are the core's options; scores below 0.32 are weak
/// and flagged `weak`. `examples` are curricula whose mapped units are confirmed examples.
#[pyfunction]
#[pyo3(signature = (text, framework = None, top = None, min_score = None, catalog = None, examples = None))]
pub(crate) fn suggest(
    py: Python<'_>,
    text: &str,
    framework: Option<&str>,
    top: Option<usize>,
    min_score: Option<f64>,
    catalog: Option<&Bound<'_, PyCatalog>>,
    examples: Option<Vec<Bound<'_, PyCurriculum>>>,
) -> PyResult<PySuggestions> {
    let catalog = CatalogRef::of(py, catalog)?;
    let framework = framework.unwrap_or(DEFAULT_FRAMEWORK);
    let defaults = SuggestOptions::default();
    let options = SuggestOptions {
        top: top.unwrap_or(defaults.top),
        min_score: min_score.unwrap_or(defaults.min_score),
    };
    let examples = examples_of(examples.as_deref(), framework);
    run(py, || {
        waypost::suggest(&catalog, framework, text, &options, &examples)
    })
    .map(|inner| PySuggestions {
        framework: framework.to_string(),
        inner,
    })
}

/// Proposed mappings for every unit of a curriculum that maps at most `max_mappings`
/// statements (default 0: units that map none), leaving out what each maps already. The
/// curriculum's own mapped units are confirmed examples unless `from_mapped` is false;
/// `examples` are more curricula whose mapped units are.
#[pyfunction]
#[pyo3(signature = (curriculum, framework = None, max_mappings = None, top = None, min_score = None, catalog = None, from_mapped = true, examples = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn suggest_curriculum(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    framework: Option<&str>,
    max_mappings: Option<usize>,
    top: Option<usize>,
    min_score: Option<f64>,
    catalog: Option<&Bound<'_, PyCatalog>>,
    from_mapped: bool,
    examples: Option<Vec<Bound<'_, PyCurriculum>>>,
) -> PyResult<PyCurriculumSuggestions> {
    let catalog = CatalogRef::of(py, catalog)?;
    let curriculum = &curriculum.get().inner;
    let defaults = CurriculumSuggestOptions::default();
    let options = CurriculumSuggestOptions {
        max_mappings: max_mappings.unwrap_or(defaults.max_mappings),
        top: top.unwrap_or(defaults.top),
        min_score: min_score.unwrap_or(defaults.min_score),
        from_mapped,
    };
    let against = crate::against(framework);
    let target = waypost::suggest_framework(curriculum, &against);
    let examples = examples_of(examples.as_deref(), &target);
    run(py, || {
        waypost::suggest_curriculum(&catalog, curriculum, &against, &options, &examples)
    })
    .map(|inner| PyCurriculumSuggestions { inner })
}

/// The mapped units of the curricula given as examples.
fn examples_of(curricula: Option<&[Bound<'_, PyCurriculum>]>, framework: &str) -> Vec<Example> {
    curricula
        .unwrap_or_default()
        .iter()
        .flat_map(|c| waypost::examples_of(&c.get().inner, framework))
        .collect()
}

/// The curriculum as a mapping grid (CSV) with the suggestions in a `suggested` column beside
/// `covers`, for a person to edit and import: nothing counts until a code is moved to `covers`.
#[pyfunction]
pub(crate) fn suggestions_grid(
    py: Python<'_>,
    curriculum: &Bound<'_, PyCurriculum>,
    suggestions: &Bound<'_, PyCurriculumSuggestions>,
) -> String {
    let (curriculum, suggestions) = (&curriculum.get().inner, &suggestions.get().inner);
    py.detach(|| waypost::suggestions_grid(curriculum, suggestions))
}

/// The statements a text most likely addresses, best first: a read-only sequence of dicts
/// (`code`, `id`, `domain`, `label`, `score`, `weak`, `reasons`).
#[pyclass(frozen, sequence, module = "waypost", name = "Suggestions")]
#[derive(Debug)]
pub(crate) struct PySuggestions {
    framework: String,
    pub(crate) inner: Vec<Suggestion>,
}

#[pymethods]
impl PySuggestions {
    /// The framework the statements belong to.
    #[getter]
    fn framework(&self) -> &str {
        &self.framework
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyAny>> {
        let at = if index < 0 {
            self.inner.len().checked_sub(index.unsigned_abs())
        } else {
            Some(index.unsigned_abs())
        };
        match at.and_then(|i| self.inner.get(i)) {
            Some(s) => to_py(py, s),
            None => Err(PyIndexError::new_err("suggestion index out of range")),
        }
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(to_py(py, &self.inner)?.try_iter()?.into_any())
    }

    /// The suggestions as a list of dicts, the same as their JSON.
    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The suggestions as JSON, byte for byte what `waypost suggest --format json` prints.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The suggestions as `text` (a ranked list with the reasons) or `json`.
    #[pyo3(signature = (format = "text"))]
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        run(py, || {
            waypost::render(self.inner.as_slice(), ReportFormat::from_name(format)?)
        })
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.inner.iter().map(|s| s.code.as_str()).collect();
        format!(
            "<Suggestions from {:?}: {}>",
            self.framework,
            if codes.is_empty() {
                "none".to_string()
            } else {
                codes.join(", ")
            }
        )
    }
}

/// Proposed mappings for the units of a curriculum that map none or few statements.
#[pyclass(frozen, module = "waypost", name = "CurriculumSuggestions")]
#[derive(Debug)]
pub(crate) struct PyCurriculumSuggestions {
    pub(crate) inner: CurriculumSuggestions,
}

#[pymethods]
impl PyCurriculumSuggestions {
    /// The curriculum's id.
    #[getter]
    fn curriculum(&self) -> &str {
        &self.inner.curriculum
    }

    /// The framework suggested from.
    #[getter]
    fn framework(&self) -> &str {
        &self.inner.framework
    }

    /// The options used: `max_mappings`, `top`, `min_score`, `from_mapped`.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.options)
    }

    /// Every unit considered, in order: `module`, `unit`, `text`, `covers` (what it maps
    /// already) and `suggestions`.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.units)
    }

    /// The suggestions as a dict, the same as their JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The suggestions as JSON, as `waypost suggest CURRICULUM --format json` prints them.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| waypost::to_json(&self.inner))
    }

    /// The suggestions as `text` (unit by unit) or `json`; the grid to edit is
    /// `suggestions_grid(curriculum, suggestions)`.
    #[pyo3(signature = (format = "text"))]
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        run(py, || {
            waypost::render(&self.inner, ReportFormat::from_name(format)?)
        })
    }

    fn __repr__(&self) -> String {
        let with: usize = self
            .inner
            .units
            .iter()
            .filter(|u| !u.suggestions.is_empty())
            .count();
        format!(
            "<CurriculumSuggestions for {:?} from {:?}: {} units considered, {} with suggestions>",
            self.inner.curriculum,
            self.inner.framework,
            self.inner.units.len(),
            with
        )
    }
}
