//! waypost models a learning and training framework as a graph and checks whether a
//! curriculum covers it.

pub mod model;

pub use model::OneOrMany;
pub use model::crosswalk::{Crosswalk, CrosswalkLink, MatchKind, Unmapped};
pub use model::curriculum::{Assessment, Curriculum, Mapping, Module, Unit, UnitKind};
pub use model::framework::{
    Activity, Domain, Framework, Link, LinkType, Provenance, Purpose, PurposeKind, Quotation,
    Resource, ResourceKind, Source, Statement,
};
pub use model::policy::{Policy, Requirement, Share};

pub mod catalog;
mod codes;
mod compact;
pub mod coverage;
pub mod diff;
pub mod error;
pub mod explain;
pub mod files;
pub mod format;
pub mod graph;
pub mod grid;
pub mod load;
pub mod lookup;
pub mod plan;
pub mod policy;
pub mod portfolio;
mod position;
pub mod render;
pub mod renderers;
pub mod safe;
pub mod schema;
mod source;
pub mod suggest;
mod tree;
pub mod validate;

pub use catalog::{Catalog, DEFAULT_FRAMEWORK};
pub use coverage::{Report, check, report};
pub use error::{Diagnostic, Error, ErrorReport, Result};
pub use explain::{Explanation, explain};
pub use format::{Format, MAX_INPUT_BYTES};
pub use graph::Graph;
pub use load::{
    Origin, load_crosswalk, load_curriculum, load_framework, load_policy, read_curriculum,
    read_framework, read_policy,
};
pub use policy::PolicyOutcome;
pub use render::{ReportFormat, render_explanation, render_report};
pub use schema::schema;
pub use validate::{Validation, validate};

// Interoperability and editing: CASE and Moodle frameworks, spreadsheet grids, and changes to
// curriculum files that keep everything a person wrote.
pub mod edit;
pub mod interop;
#[cfg(feature = "grid-xlsx")]
pub mod xlsx;

pub use edit::{MappingChange, NewAssessment, NewModule, NewUnit, Starter};
pub use interop::{
    Exported, Imported,
    case::{CaseExportOptions, CaseImportOptions, DomainRule, export_case, import_case},
    moodle::{MoodleImportOptions, export_moodle, import_moodle},
};
