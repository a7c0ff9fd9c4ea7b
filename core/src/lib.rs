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

// Not part of the API: modules marked `#[doc(hidden)]` are reached by the integration tests,
// the benchmarks and the fuzz targets through their old paths, until they use the verbs of
// `api.rs`. The list is pinned by `tests/public_api.rs`.
#[doc(hidden)]
pub mod catalog;
mod choice;
mod codes;
mod compact;
#[doc(hidden)]
pub mod coverage;
#[doc(hidden)]
pub mod diff;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod explain;
mod files;
#[doc(hidden)]
pub mod format;
mod graph;
#[doc(hidden)]
pub mod grid;
#[doc(hidden)]
pub mod load;
mod lookup;
mod nearest;
#[doc(hidden)]
pub mod plan;
mod policy;
#[doc(hidden)]
pub mod portfolio;
mod position;
#[doc(hidden)]
pub mod render;
mod renderers;
#[doc(hidden)]
pub mod safe;
#[doc(hidden)]
pub mod schema;
mod source;
#[doc(hidden)]
pub mod suggest;
mod tree;
#[doc(hidden)]
pub mod validate;

pub use catalog::{Catalog, DEFAULT_FRAMEWORK};
pub use choice::{framework_for, framework_of};
pub use coverage::Report;
pub use error::{Diagnostic, Error, ErrorReport, Result};
pub use explain::Explanation;
pub use format::{Format, MAX_INPUT_BYTES};
pub use load::Origin;
pub use policy::PolicyOutcome;
pub use render::ReportFormat;
pub use schema::schema;
pub use validate::Validation;

// Interoperability and editing: CASE and Moodle frameworks, spreadsheet grids, and changes to
// curriculum files that keep everything a person wrote.
#[doc(hidden)]
pub mod edit;
#[doc(hidden)]
pub mod interop;
#[cfg(feature = "grid-xlsx")]
#[doc(hidden)]
pub mod xlsx;

pub use edit::{MappingChange, NewAssessment, NewModule, NewUnit, Starter};
pub use interop::{
    Exported, Imported,
    case::{CaseExportOptions, CaseImportOptions, DomainRule},
    moodle::MoodleImportOptions,
};

pub use diff::Diff;
pub use plan::{Plan, PlanOptions, SelfAssessment};
pub use portfolio::Portfolio;
pub use suggest::{
    CurriculumSuggestOptions, CurriculumSuggestions, Example, SuggestOptions, Suggestion,
};

// The public API: the verbs the command line and both bindings call (see `api.rs`).
mod api;
#[cfg(feature = "case-schema")]
pub use api::validate_case;
pub use api::{
    CheckOptions, Created, DiffOptions, Document, Edit, Entry, PortfolioOptions, Render, SHADES,
    WorkbookOptions, add_assessment, add_module, add_unit, check, check_owned, collect_files,
    create_file, curriculum_to_toml, diff, examples_of, explain, export_case, export_moodle,
    for_terminal, formats_of, framework_text, framework_to_json, framework_to_toml, frameworks,
    frameworks_text, import_case, import_grid, import_moodle, is_workbook, level_shade,
    load_crosswalk, load_curriculum, load_framework, load_policy, load_self_assessment, map_unit,
    new_curriculum, plan, portfolio, portfolio_files, read_curriculum, read_entries,
    read_framework, read_into, read_policy, read_self_assessment, read_text, render,
    render_terminal, suggest, suggest_curriculum, suggest_framework, suggestions_grid, to_json,
    validate, write_file, write_file_with, write_json,
};
#[cfg(feature = "grid-xlsx")]
pub use api::{load_workbook, read_workbook};
#[cfg(feature = "xlsx")]
pub use api::{portfolio_workbook, report_workbook};
