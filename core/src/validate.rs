//! Validating a curriculum against a framework without checking a policy.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    error::{Diagnostic, Result},
    graph::Graph,
    model::curriculum::Curriculum,
};

/// What validation found in a curriculum that resolves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Validation {
    /// The curriculum's id.
    pub curriculum: String,
    /// The framework its bare codes were resolved against.
    pub framework: String,
    /// Number of modules.
    pub modules: usize,
    /// Number of units.
    pub units: usize,
    /// Number of mappings (unit or assessment to statement).
    pub mappings: usize,
    /// Problems that do not stop a check.
    pub warnings: Vec<Diagnostic>,
}

impl Validation {
    /// One line for a terminal: `valid (3 modules, 12 units, 30 mappings, no warnings)`.
    pub fn summary(&self) -> String {
        use crate::error::plural;
        let warnings = match self.warnings.len() {
            0 => "no warnings".to_string(),
            n => plural(n, "warning"),
        };
        format!(
            "valid ({}, {}, {}, {warnings})",
            plural(self.modules, "module"),
            plural(self.units, "unit"),
            plural(self.mappings, "mapping")
        )
    }
}

/// Checks that every code, level and reference of a curriculum resolves. Bare codes belong to
/// the curriculum's first declared framework, else to `framework`, else to the default.
pub fn validate(
    catalog: &Catalog,
    curriculum: &Curriculum,
    framework: Option<&str>,
) -> Result<Validation> {
    if let Some(id) = framework {
        catalog.framework(id)?;
    }
    let mut graph = Graph::new(catalog);
    let cur = graph.add_curriculum(curriculum.clone(), framework)?;
    let (modules, units, mappings) = graph.counts(cur);
    // Where its bare codes belong: its own declaration first.
    let resolved =
        crate::framework_for(curriculum.frameworks.first().map(String::as_str), framework)
            .to_string();
    Ok(Validation {
        curriculum: curriculum.id.clone(),
        framework: resolved,
        modules,
        units,
        mappings,
        warnings: graph.warnings_of(cur).to_vec(),
    })
}
