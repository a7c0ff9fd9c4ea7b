//! waypost models a learning and training framework as a graph and checks whether a
//! curriculum covers it.
#![deny(private_interfaces, private_bounds)]

pub mod model;

pub use model::OneOrMany;
pub use model::crosswalk::{Crosswalk, CrosswalkLink, MatchKind, Unmapped};
pub use model::curriculum::{
    AssessedUnit, Assessment, Curriculum, Mapping, Module, Unit, UnitKind,
};
pub use model::framework::{
    Activity, Domain, Framework, Hierarchy, Link, LinkType, Provenance, Purpose, PurposeKind,
    Quotation, Resource, ResourceKind, Source, Statement,
};
pub use model::policy::{Policy, Requirement, Share};

// How the verbs are done: crate-private, reached through the verbs of `api.rs` and the names
// re-exported below (pinned by `tests/public_api.rs`).
mod catalog;
mod checks;
mod choice;
mod codes;
mod compact;
mod coverage;
mod diff;
mod error;
mod expect;
mod explain;
mod files;
mod format;
mod graph;
mod grid;
mod load;
mod lookup;
mod nearest;
mod plan;
mod policy;
mod portfolio;
mod position;
mod reach;
mod render;
mod renderers;
mod safe;
mod schema;
mod source;
mod suggest;
mod tree;
mod validate;

pub use catalog::{Catalog, DEFAULT_FRAMEWORK, FrameworkSummary};
pub use checks::Checks;
pub use choice::{framework_for, framework_of};
pub use coverage::{
    CurriculumInfo, Derived, DomainCoverage, Evidence, EvidenceOf, FrameworkInfo, Gap,
    ModuleCoverage, REPORT_SCHEMA_VERSION, Report, StatementCoverage, Summary, Support, Thread,
    ThreadRow, UnitRef, Via,
};
pub use error::{Diagnostic, Error, ErrorReport, Result};
pub use expect::{ExpectOptions, ExpectSection, ExpectStatement, Expectations, PublishedText};
pub use explain::{CrosswalkMatch, Explanation, RelatedStatement, StatementDetail};
pub use format::{Format, MAX_INPUT_BYTES, from_json_text};
pub use load::Origin;
pub use policy::{PolicyOutcome, RequirementOutcome, Shortfall};
pub use render::ReportFormat;
pub use schema::{SCHEMAS, schema};
pub use validate::Validation;

// Interoperability and editing: CASE and Moodle frameworks, spreadsheet grids, and changes to
// curriculum files that keep everything a person wrote.
mod edit;
mod interop;
#[cfg(feature = "grid-xlsx")]
mod xlsx;

pub use edit::{
    FrameworkStarter, MappingChange, NewAssessment, NewModule, NewUnit, Rename, Starter,
};
pub use grid::GridLayout;
pub use interop::{
    Exported, Imported,
    case::{CaseExportOptions, CaseImportOptions, DomainRule},
    curriculum::{GridImportOptions, ImportedCurriculum},
    editable::EditableCurriculum,
    framework_grid::FrameworkGridOptions,
    moodle::MoodleImportOptions,
};

pub use diff::{Diff, DiffTotals, LevelChange, PartChange};
pub use plan::{
    DEFAULT_SCALE, DomainGroup, Need, NeedLink, Person, Plan, PlanFramework, PlanOptions,
    PlanSummary, PlannedActivity, Rated, Rating, SelfAssessment, SharedNeed, Team, TeamActivity,
    TeamOptions, TeamStatement, ThemeGroup,
};
pub use portfolio::{CourseSummary, Failure, Portfolio, PortfolioStatement, ProviderSummary};
pub use reach::{
    Candidate, FEW_LEARNERS, GapTraining, Neighbour, Reach, SettingGap, StatementReach,
    known_settings,
};
pub use suggest::{
    CurriculumSuggestOptions, CurriculumSuggestions, Example, Reason, ReasonKind, SuggestOptions,
    Suggestion, UnitSuggestions, WEAK_BELOW,
};

// The public API: the verbs the command line and both bindings call (see `api.rs`).
mod api;
#[cfg(feature = "xlsx")]
pub use api::team_workbook;
#[cfg(feature = "case-schema")]
pub use api::validate_case;
pub use api::{
    CheckOptions, Created, DiffOptions, Document, Edit, Entry, PortfolioOptions, Render, SHADES,
    WorkbookOptions, add_assessment, add_module, add_unit, assessed_by, check, check_all,
    check_owned, collect_files, create_file, curriculum_to_toml, diff, editable_curriculum,
    examples_of, explain, export_case, export_moodle, folder_files, for_terminal, formats_of,
    framework_text, framework_to_json, framework_to_toml, frameworks, frameworks_text, grid_layout,
    import_case, import_framework_grid, import_grid, import_moodle, is_workbook,
    is_workbook_format, level_shade, load_crosswalk, load_curriculum, load_framework, load_policy,
    load_self_assessment, map_unit, new_curriculum, new_framework, plan, portfolio,
    portfolio_files, read_curriculum, read_entries, read_framework, read_framework_grid, read_into,
    read_policy, read_self_assessment, read_text, rename, render, render_terminal, set_assesses,
    suggest, suggest_curriculum, suggest_framework, suggestions_grid, to_json, to_yaml, validate,
    write_curriculum, write_file, write_file_with, write_grid, write_json,
};
pub use api::{TeamEntry, read_team, team, team_entries, what_to_expect};
#[cfg(feature = "xlsx")]
pub use api::{checks_workbook, portfolio_workbook, report_workbook};
#[cfg(feature = "grid-xlsx")]
pub use api::{
    grid_layout_workbook, grid_workbook, import_framework_workbook, load_workbook, read_workbook,
};
