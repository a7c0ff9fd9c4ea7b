//! The public API: a few verbs, each taking the document it reads and an options struct, that
//! the command line and both bindings call. Everything else in the crate is how they are done.
//!
//! The verbs are thin: each one names a question and passes it to the module that answers it.
//! Options structs have a [`Default`] and public fields, so a caller sets only what it means
//! (`let mut options = CheckOptions::default(); options.framework = Some(id);`); the ones that
//! will grow are `#[non_exhaustive]`, so adding a field is not a breaking change.

use std::{
    borrow::Cow,
    path::{Path, PathBuf},
};

use crate::{
    catalog::{self, Catalog, FrameworkSummary},
    checks::{self, Checks},
    coverage::{self, Report},
    diff::{self, Diff},
    edit::{
        self, FrameworkStarter, MappingChange, NewAssessment, NewModule, NewUnit, Rename, Starter,
    },
    error::Result,
    expect::{self, ExpectOptions, Expectations},
    explain::{self, Explanation},
    files,
    format::{self, Format},
    interop::{
        self, Exported, Imported,
        case::{self, CaseExportOptions, CaseImportOptions},
        curriculum::{GridImportOptions, ImportedCurriculum},
        editable::EditableCurriculum,
        framework_grid::FrameworkGridOptions,
        moodle::{self, MoodleImportOptions},
    },
    load,
    model::{
        crosswalk::Crosswalk,
        curriculum::{AssessedUnit, Curriculum},
        framework::Framework,
        policy::Policy,
    },
    plan::{self, Plan, PlanOptions, SelfAssessment, Team, TeamOptions},
    portfolio::{self, Portfolio},
    render::{self, ReportFormat, formats::Renderers},
    renderers, safe,
    suggest::{
        self, CurriculumSuggestOptions, CurriculumSuggestions, Example, SuggestOptions, Suggestion,
    },
    validate::{self, Validation},
};

// ---------------------------------------------------------------------------------------------
// Documents and loading
// ---------------------------------------------------------------------------------------------

/// A document given as text: the text, the name its errors carry (a file name or any label),
/// and its format when neither the name's extension nor the text itself says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Document<'a> {
    /// The document's text.
    pub text: &'a str,
    /// The name errors are reported under; its extension also tells the format.
    pub name: Option<&'a str>,
    /// The format, when the name does not tell it (without either, it is guessed from the text).
    pub format: Option<Format>,
}

impl<'a> Document<'a> {
    /// A document with no name, whose format is guessed from its text.
    pub fn new(text: &'a str) -> Self {
        Document {
            text,
            name: None,
            format: None,
        }
    }

    /// A document reported under `name`, whose extension tells its format.
    pub fn named(text: &'a str, name: &'a str) -> Self {
        Document {
            name: Some(name),
            ..Document::new(text)
        }
    }

    /// A document in a given format, with no name.
    pub fn in_format(text: &'a str, format: Format) -> Self {
        Document {
            format: Some(format),
            ..Document::new(text)
        }
    }
}

impl<'a> From<&'a str> for Document<'a> {
    fn from(text: &'a str) -> Self {
        Document::new(text)
    }
}

/// Reads a curriculum (TOML, JSON, YAML, or a CSV mapping grid).
pub fn load_curriculum(document: Document<'_>) -> Result<Curriculum> {
    load::load_curriculum(document.text, document.format, document.name)
}

/// Reads a framework and checks that it is whole (codes unique, links resolved).
pub fn load_framework(document: Document<'_>) -> Result<Framework> {
    load::load_framework(document.text, document.format, document.name)
}

/// Reads a crosswalk; its codes are checked when it is added to a [`Catalog`].
pub fn load_crosswalk(document: Document<'_>) -> Result<Crosswalk> {
    load::load_crosswalk(document.text, document.format, document.name)
}

/// Reads a coverage policy.
pub fn load_policy(document: Document<'_>) -> Result<Policy> {
    load::load_policy(document.text, document.format, document.name)
}

/// Reads a worker's self-assessment.
pub fn load_self_assessment(document: Document<'_>) -> Result<SelfAssessment> {
    plan::load_self_assessment(document.text, document.format, document.name)
}

/// Reads a curriculum file in any supported format (a spreadsheet workbook too, where the
/// build reads them).
pub fn read_curriculum(path: &Path) -> Result<Curriculum> {
    load::read_curriculum(path)
}

/// Which sheet of a spreadsheet workbook holds the mapping grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkbookOptions {
    /// The sheet's name (default: the first sheet).
    pub sheet: Option<String>,
}

/// Whether a file is a spreadsheet workbook (XLSX, XLS, ODS) by its name, rather than text.
pub fn is_workbook(path: &Path) -> bool {
    format::is_workbook(path)
}

/// Reads a mapping grid from a spreadsheet workbook file (XLSX, XLS or ODS).
#[cfg(feature = "grid-xlsx")]
pub fn read_workbook(path: &Path, options: &WorkbookOptions) -> Result<Curriculum> {
    crate::xlsx::read_grid_workbook(path, options.sheet.as_deref())
}

/// Reads a mapping grid from a spreadsheet workbook's bytes; `name` is what errors call it.
#[cfg(feature = "grid-xlsx")]
pub fn load_workbook(
    bytes: &[u8],
    name: Option<&str>,
    options: &WorkbookOptions,
) -> Result<Curriculum> {
    crate::xlsx::read_grid_xlsx(bytes, name, options.sheet.as_deref())
}

/// Reads a framework file and checks it.
pub fn read_framework(path: &Path) -> Result<Framework> {
    load::read_framework(path)
}

/// Reads a policy file.
pub fn read_policy(path: &Path) -> Result<Policy> {
    load::read_policy(path)
}

/// Reads a self-assessment file.
pub fn read_self_assessment(path: &Path) -> Result<SelfAssessment> {
    plan::read_self_assessment(path)
}

/// Reads a text file, refusing one larger than [`MAX_INPUT_BYTES`](crate::MAX_INPUT_BYTES).
pub fn read_text(path: &Path) -> Result<String> {
    format::read_file(path)
}

/// Adds the framework or crosswalk in a file to `catalog`, on top of the built-in ones.
pub fn read_into(catalog: &mut Catalog, path: &Path) -> Result<()> {
    catalog::read_into(catalog, path)
}

/// The frameworks of a catalog with their sizes, for listings.
pub fn frameworks(catalog: &Catalog) -> Vec<FrameworkSummary> {
    catalog::summaries(catalog)
}

// ---------------------------------------------------------------------------------------------
// Checking one curriculum
// ---------------------------------------------------------------------------------------------

/// What a curriculum is checked, validated or explained against.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct CheckOptions {
    /// The framework (default: the curriculum's first declared one, else
    /// [`DEFAULT_FRAMEWORK`](crate::DEFAULT_FRAMEWORK); see [`framework_for`](crate::framework_for)).
    pub framework: Option<String>,
    /// The policy a check applies (default: none, which every curriculum passes). Validating
    /// and explaining do not read it.
    pub policy: Policy,
    /// Policies in place of `policy`, when not empty: each applies to the framework it names
    /// (`framework = "…"`), one naming none to every other framework checked. A check against
    /// several frameworks holds each to its own; see [`check_all`].
    pub policies: Vec<Policy>,
}

impl CheckOptions {
    /// The policies given: `policies`, else `policy` alone.
    fn policies(&self) -> &[Policy] {
        if self.policies.is_empty() {
            std::slice::from_ref(&self.policy)
        } else {
            &self.policies
        }
    }

    /// The one policy a check against one framework applies, of those given.
    fn policy_of(&self, curriculum: &Curriculum) -> Result<Policy> {
        let framework = crate::framework_of(self.framework.as_deref(), &curriculum.frameworks);
        let mut policies = checks::policies_for(&[framework], self.policies())?;
        Ok(policies.pop().map(Cow::into_owned).unwrap_or_default())
    }
}

/// Checks a curriculum's coverage of a framework and applies a policy.
pub fn check(catalog: &Catalog, curriculum: &Curriculum, options: &CheckOptions) -> Result<Report> {
    coverage::check(
        catalog,
        curriculum,
        options.framework.as_deref(),
        &options.policy_of(curriculum)?,
    )
}

/// Checks a curriculum against every framework it declares (or the one `options` names), in
/// one run: a report a framework, and whether every policy passed. Each framework is held to
/// the policy that names it (`framework = "…"`), else to the one that names none, else to the
/// default policy; a policy for a framework the run is not against, or a second policy for
/// one framework, is an error.
pub fn check_all(
    catalog: &Catalog,
    curriculum: &Curriculum,
    options: &CheckOptions,
) -> Result<Checks> {
    checks::check_all(
        catalog,
        curriculum,
        options.framework.as_deref(),
        options.policies(),
    )
}

/// [`check`] of a curriculum the caller gives up: the check keeps it rather than a copy, so a
/// large curriculum is not held twice.
pub fn check_owned(
    catalog: &Catalog,
    curriculum: Curriculum,
    options: &CheckOptions,
) -> Result<Report> {
    let policy = options.policy_of(&curriculum)?;
    coverage::check_owned(catalog, curriculum, options.framework.as_deref(), &policy)
}

/// Explains what covers one statement, and why.
pub fn explain(
    catalog: &Catalog,
    curriculum: &Curriculum,
    code: &str,
    options: &CheckOptions,
) -> Result<Explanation> {
    explain::explain(catalog, curriculum, options.framework.as_deref(), code)
}

/// Lists every problem of a curriculum against a framework (all of them, not the first).
pub fn validate(
    catalog: &Catalog,
    curriculum: &Curriculum,
    options: &CheckOptions,
) -> Result<Validation> {
    validate::validate(catalog, curriculum, options.framework.as_deref())
}

// ---------------------------------------------------------------------------------------------
// Many curricula, and two versions of one
// ---------------------------------------------------------------------------------------------

/// What a portfolio compares its courses on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PortfolioOptions {
    /// The framework every course is checked against (default: the built-in default; a
    /// portfolio compares its courses on one framework, whatever each declares).
    pub framework: Option<String>,
    /// Below how many learners a year a taught statement is flagged as reaching few (default
    /// [`FEW_LEARNERS`](crate::FEW_LEARNERS)); read only when courses say how many they take.
    pub few_learners: Option<u64>,
    /// Settings of one's own, known as well as the listed ones ([`known_settings`](crate::known_settings)).
    pub settings: Vec<String>,
    /// For each statement no course covers, add the activities and resources linked to it and
    /// the courses that already cover its neighbours ([`Portfolio::training`]).
    pub gaps_to_training: bool,
}

impl PortfolioOptions {
    fn reach(&self) -> crate::reach::ReachOptions {
        crate::reach::ReachOptions {
            few_learners: self.few_learners,
            settings: self.settings.clone(),
            gaps_to_training: self.gaps_to_training,
        }
    }
}

/// One course of a portfolio: its name, and the curriculum or why it could not be read.
pub type Entry = (String, Result<Curriculum>);

/// The curriculum files under `paths`: files as given, folders searched for curricula, each
/// file once, in name order.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    portfolio::collect_files(paths)
}

/// Of a folder's files, given by their paths inside it (`/`-separated, as a browser lists a
/// folder), those a portfolio of the folder reads, in the order [`collect_files`] reads them.
pub fn folder_files<S: AsRef<str>>(paths: &[S]) -> Vec<String> {
    portfolio::folder_files(paths)
}

/// Reads the given files as portfolio entries, calling `progress(done, total)` as it goes.
pub fn read_entries(files: &[PathBuf], progress: impl FnMut(usize, usize)) -> Vec<Entry> {
    portfolio::read_entries(files, progress)
}

/// Checks many curricula on one framework: the statements × courses matrix, the statements no
/// course covers, per provider summaries. A course that cannot be read is listed as a failure.
pub fn portfolio(
    catalog: &Catalog,
    entries: impl IntoIterator<Item = Entry>,
    options: &PortfolioOptions,
) -> Result<Portfolio> {
    portfolio::portfolio_with(
        catalog,
        entries,
        options.framework.as_deref(),
        &options.reach(),
    )
}

/// [`portfolio`] of files, read with [`read_entries`].
pub fn portfolio_files(
    catalog: &Catalog,
    files: &[PathBuf],
    options: &PortfolioOptions,
    progress: impl FnMut(usize, usize),
) -> Result<Portfolio> {
    portfolio::portfolio_files(
        catalog,
        files,
        options.framework.as_deref(),
        &options.reach(),
        progress,
    )
}

/// What two versions of a curriculum are compared on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DiffOptions {
    /// The framework (default: the new version's first declared one, then the old one's).
    pub framework: Option<String>,
}

/// The coverage gained and lost between two versions of a curriculum.
pub fn diff(
    catalog: &Catalog,
    old: &Curriculum,
    new: &Curriculum,
    options: &DiffOptions,
) -> Result<Diff> {
    diff::diff(catalog, old, new, options.framework.as_deref())
}

// ---------------------------------------------------------------------------------------------
// Suggestions and plans
// ---------------------------------------------------------------------------------------------

/// The statements of `framework` a text most likely addresses, ranked and explained.
/// `examples` are confirmed mappings (a text and the codes it maps) that sharpen the ranking;
/// give none for the framework's own words alone.
pub fn suggest(
    catalog: &Catalog,
    framework: &str,
    text: &str,
    options: &SuggestOptions,
    examples: &[Example],
) -> Result<Vec<Suggestion>> {
    suggest::suggest_with_examples(catalog, framework, text, options, examples)
}

/// Suggested mappings for a curriculum's units that map none or few statements. The framework
/// is `options`' as for a check (see [`suggest_framework`]); `extra` are confirmed examples
/// from other curricula (see [`examples_of`]).
pub fn suggest_curriculum(
    catalog: &Catalog,
    curriculum: &Curriculum,
    framework: &CheckOptions,
    options: &CurriculumSuggestOptions,
    extra: &[Example],
) -> Result<CurriculumSuggestions> {
    suggest::suggest_curriculum_with_examples(
        catalog,
        curriculum,
        framework.framework.as_deref(),
        options,
        extra,
    )
}

/// The framework a curriculum's suggestions are made from, for the choice in `options`.
pub fn suggest_framework(curriculum: &Curriculum, options: &CheckOptions) -> String {
    suggest::target_framework_id(curriculum, options.framework.as_deref())
}

/// A curriculum's mapped units as confirmed examples for suggestions from `framework`.
pub fn examples_of(curriculum: &Curriculum, framework: &str) -> Vec<Example> {
    suggest::examples_of(curriculum, framework)
}

/// The mapping grid (CSV) of a curriculum with its suggestions, for a person to confirm and
/// import.
pub fn suggestions_grid(curriculum: &Curriculum, suggestions: &CurriculumSuggestions) -> String {
    suggest::suggestions_grid(curriculum, suggestions)
}

/// A development plan from a worker's self-assessment.
pub fn plan(catalog: &Catalog, assessment: &SelfAssessment, options: &PlanOptions) -> Result<Plan> {
    plan::plan(catalog, assessment, options)
}

pub use crate::plan::team::TeamEntry;

/// Reads the self-assessment files under `paths` (files as given, folders searched as for a
/// portfolio) as team entries; a file that fails to load is kept as its error.
pub fn read_team(paths: &[PathBuf]) -> Result<Vec<TeamEntry>> {
    Ok(portfolio::collect_files(paths)?
        .into_iter()
        .map(|path| {
            let read = plan::read_self_assessment(&path);
            (path.display().to_string(), read)
        })
        .collect())
}

/// Self-assessments already read, as team entries named by the file they were read from.
pub fn team_entries(assessments: impl IntoIterator<Item = SelfAssessment>) -> Vec<TeamEntry> {
    plan::team::entries_of(assessments)
}

/// A team's or service's needs from many self-assessments: per statement how many members
/// rate themselves at each level, the needs most members share, and the activities and
/// resources that serve the most members first. Counts only, unless `options.names`.
pub fn team(
    catalog: &Catalog,
    entries: impl IntoIterator<Item = TeamEntry>,
    options: &TeamOptions,
) -> Result<Team> {
    plan::team(catalog, entries, options)
}

/// What people who use services, and their families and carers, can expect from workers: the
/// framework's published statements, values first, quoted exactly, with the source cited.
pub fn what_to_expect(catalog: &Catalog, options: &ExpectOptions) -> Result<Expectations> {
    expect::what_to_expect(catalog, options)
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

mod sealed {
    pub trait Sealed {}
}

/// A result that can be rendered: a report, an explanation, a portfolio, a diff, suggestions,
/// a plan. Each has its own formats; asking for one it does not have is an error that says
/// which it has.
pub trait Render: sealed::Sealed + 'static {
    #[doc(hidden)]
    fn renderers() -> &'static Renderers<Self>;
    #[doc(hidden)]
    fn terminal(&self) -> Option<String> {
        None
    }
}

macro_rules! render_with {
    ($type:ty, $table:expr) => {
        impl sealed::Sealed for $type {}
        impl Render for $type {
            fn renderers() -> &'static Renderers<Self> {
                &$table
            }
        }
    };
    ($type:ty, $table:expr, $terminal:expr) => {
        impl sealed::Sealed for $type {}
        impl Render for $type {
            fn renderers() -> &'static Renderers<Self> {
                &$table
            }
            fn terminal(&self) -> Option<String> {
                Some($terminal(self, true))
            }
        }
    };
}

render_with!(Report, render::REPORT, render::report_text);
render_with!(Checks, render::CHECKS, render::checks_text);
render_with!(Explanation, render::EXPLANATION, render::explanation_text);
render_with!(Portfolio, renderers::PORTFOLIO, render::portfolio_text);
render_with!(Diff, renderers::DIFF, render::diff_text);
render_with!([Suggestion], renderers::SUGGESTIONS);
render_with!(CurriculumSuggestions, renderers::CURRICULUM_SUGGESTIONS);
render_with!(Plan, plan::render::PLAN);
render_with!(Team, plan::team_render::TEAM);
render_with!(Expectations, render::expect::EXPECTATIONS);

/// Renders a result in a format, or says which formats it has.
pub fn render<T: Render + ?Sized>(value: &T, format: ReportFormat) -> Result<String> {
    T::renderers().render(value, format)
}

/// Renders a result as text for a terminal: in colour where the text format has colour (the
/// terminal strips it when it is not a terminal), else as plain text.
pub fn render_terminal<T: Render + ?Sized>(value: &T) -> Result<String> {
    match value.terminal() {
        Some(text) => Ok(text),
        None => render(value, ReportFormat::Text),
    }
}

/// The formats a kind of result is rendered in.
pub fn formats_of<T: Render + ?Sized>() -> Vec<ReportFormat> {
    T::renderers().formats().collect()
}

/// Any result as pretty JSON with a final newline (a framework, a curriculum, a listing).
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    render::to_json(&value)
}

pub use crate::render::{SHADES, level_shade, write_json};

/// Any result as YAML that reads back as the same document (a framework, a curriculum).
pub fn to_yaml<T: serde::Serialize>(value: &T, what: &str) -> Result<String> {
    interop::to_yaml(value, what)
}

/// The frameworks of a catalog as a text listing.
pub fn frameworks_text(catalog: &Catalog) -> String {
    render::frameworks_text(catalog)
}

/// A framework's domains and statements as text.
pub fn framework_text(framework: &Framework) -> String {
    render::framework_text(framework)
}

/// A coverage report as an Excel workbook: a summary sheet, the curriculum as a mapping grid
/// (the sheet `Mapping`, when `curriculum` is given: the workbook then reads back as that
/// curriculum), a sheet per domain with its statements × modules matrix, and the thread.
#[cfg(feature = "xlsx")]
pub fn report_workbook(report: &Report, curriculum: Option<&Curriculum>) -> Result<Vec<u8>> {
    render::report_xlsx(report, curriculum)
}

/// A curriculum checked against several frameworks as an Excel workbook: a summary sheet, the
/// curriculum as a mapping grid (when given, as [`report_workbook`] writes it), then a sheet a
/// framework with its statements × modules matrix.
#[cfg(feature = "xlsx")]
pub fn checks_workbook(checks: &Checks, curriculum: Option<&Curriculum>) -> Result<Vec<u8>> {
    render::checks_xlsx(checks, curriculum)
}

/// A curriculum as a mapping grid in an Excel workbook of one sheet, in a grid's own columns
/// and under its sheet's name (see [`grid_layout_workbook`]): every cell text, no styles. Small
/// enough for the WebAssembly page, which saves a grid opened from a workbook with it.
#[cfg(feature = "grid-xlsx")]
pub fn grid_workbook(curriculum: &Curriculum, layout: &crate::grid::GridLayout) -> Result<Vec<u8>> {
    crate::xlsx::write_grid_xlsx(curriculum, layout)
}

/// A portfolio's statements × courses matrix as an Excel workbook.
#[cfg(feature = "xlsx")]
pub fn portfolio_workbook(portfolio: &Portfolio) -> Result<Vec<u8>> {
    render::portfolio_xlsx(portfolio)
}

/// Whether a report format's name asks for the Excel workbook (`xlsx`, any case) rather than
/// one of the text formats: the bindings' render functions give bytes for it.
pub fn is_workbook_format(name: &str) -> bool {
    name.trim().eq_ignore_ascii_case("xlsx")
}

/// A team view as an Excel workbook: the members at each level, the needs and the activities.
#[cfg(feature = "xlsx")]
pub fn team_workbook(team: &Team) -> Result<Vec<u8>> {
    plan::team_render::team_xlsx(team)
}

// ---------------------------------------------------------------------------------------------
// Writing files and showing user text
// ---------------------------------------------------------------------------------------------

pub use crate::files::{Created, Edit};

/// Creates a file with `bytes`, never replacing one that exists.
pub fn create_file(path: &Path, bytes: &[u8]) -> Result<Created> {
    files::create_file(path, bytes)
}

/// Writes `bytes` to `path` whole or not at all, refusing to write over any of `inputs` (the
/// files the output was made from).
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<()> {
    files::write_file(path, bytes, inputs)
}

/// [`write_file`] of content written as it is produced (a large JSON report, for one), with
/// the same guarantees: the file is replaced whole or left as it was.
pub fn write_file_with(
    path: &Path,
    inputs: &[&Path],
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    files::write_file_with(path, inputs, write)
}

/// Text from a file made safe to print on a terminal (control characters shown, not obeyed).
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    safe::for_terminal(text)
}

// ---------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------

/// Reads a CASE 1.0/1.1 package (leniently) as a framework.
pub fn import_case(document: Document<'_>, options: &CaseImportOptions) -> Result<Imported> {
    case::import_case(document.text, document.name, options)
}

/// Reads a Moodle competency framework CSV as a framework.
pub fn import_moodle(document: Document<'_>, options: &MoodleImportOptions) -> Result<Imported> {
    moodle::import_moodle(document.text, document.name, options)
}

/// Reads a framework kept as a spreadsheet (CSV), one row per statement, as a framework, with
/// a note for everything the sheet did not give and was made up.
pub fn import_framework_grid(
    document: Document<'_>,
    options: &FrameworkGridOptions,
) -> Result<Imported> {
    interop::framework_grid::import_framework_grid(document.text, document.name, options)
}

/// Reads a framework kept as a spreadsheet workbook (XLSX, XLS or ODS), one row per
/// statement; `name` is what errors call it.
#[cfg(feature = "grid-xlsx")]
pub fn import_framework_workbook(
    bytes: &[u8],
    name: Option<&str>,
    options: &FrameworkGridOptions,
) -> Result<Imported> {
    interop::framework_grid::import_framework_workbook(bytes, name, options)
}

/// Reads a framework grid file: CSV, or (where the build reads them) a spreadsheet workbook.
pub fn read_framework_grid(path: &Path, options: &FrameworkGridOptions) -> Result<Imported> {
    let shown = path.display().to_string();
    #[cfg(feature = "grid-xlsx")]
    if format::is_workbook(path) {
        let bytes = format::read_bytes(path)?;
        return interop::framework_grid::import_framework_workbook(&bytes, Some(&shown), options);
    }
    let text = format::read_file(path)?;
    interop::framework_grid::import_framework_grid(&text, Some(&shown), options)
}

/// Checks a curriculum read from a mapping grid against its framework and writes it as a TOML
/// curriculum file; `name` is the grid's file name, for the file's header.
pub fn import_grid(
    catalog: &Catalog,
    curriculum: Curriculum,
    name: Option<&str>,
    options: &GridImportOptions,
) -> Result<ImportedCurriculum> {
    interop::curriculum::grid_to_toml(catalog, curriculum, name, options)
}

/// Validates a CASE package against the official JSON Schema, listing every problem.
#[cfg(feature = "case-schema")]
pub fn validate_case(package: Document<'_>, schema: &str) -> Result<Vec<crate::error::Diagnostic>> {
    case::validate_case(package.text, schema, package.name)
}

/// A framework as a CASE 1.1 CFPackage (JSON), with stable UUIDs.
pub fn export_case(framework: &Framework, options: &CaseExportOptions) -> String {
    case::export_case(framework, options)
}

/// A framework as a Moodle competency framework CSV.
pub fn export_moodle(framework: &Framework) -> Exported {
    moodle::export_moodle(framework)
}

/// An imported framework as a TOML framework file; `origin` names where it came from.
pub fn framework_to_toml(imported: &Imported, origin: &str) -> Result<String> {
    interop::framework_to_toml(imported, origin)
}

/// A curriculum read from a mapping grid as a TOML file a person can go on editing; `origin`
/// names where it came from, and the framework, when given, names its levels.
pub fn curriculum_to_toml(
    curriculum: &Curriculum,
    origin: &str,
    framework: Option<&Framework>,
) -> String {
    interop::curriculum_to_toml(curriculum, origin, framework)
}

/// A framework as JSON in waypost's own shape.
pub fn framework_to_json(framework: &Framework) -> String {
    interop::framework_to_json(framework)
}

// ---------------------------------------------------------------------------------------------
// Editing curriculum files, keeping what a person wrote
// ---------------------------------------------------------------------------------------------

/// Adds and removes a unit's mappings in a curriculum file's text; returns the new text.
pub fn map_unit(
    catalog: &Catalog,
    document: Document<'_>,
    unit: &str,
    changes: &[MappingChange],
) -> Result<String> {
    edit::map(document.text, catalog, unit, changes, document.name)
}

/// Adds a module to a curriculum file's text.
pub fn add_module(catalog: &Catalog, document: Document<'_>, module: &NewModule) -> Result<String> {
    edit::add_module(document.text, catalog, module, document.name)
}

/// Adds a unit to a module of a curriculum file's text.
pub fn add_unit(catalog: &Catalog, document: Document<'_>, unit: &NewUnit) -> Result<String> {
    edit::add_unit(document.text, catalog, unit, document.name)
}

/// Adds an assessment to a module of a curriculum file's text.
pub fn add_assessment(
    catalog: &Catalog,
    document: Document<'_>,
    assessment: &NewAssessment,
) -> Result<String> {
    edit::add_assessment(document.text, catalog, assessment, document.name)
}

/// Renames a module (by its code), a unit or an assessment (`MODULE/ID`) in a curriculum file's
/// text, and every `assesses` that names it.
pub fn rename(
    catalog: &Catalog,
    document: Document<'_>,
    target: &str,
    rename: &Rename,
) -> Result<String> {
    edit::rename(document.text, catalog, target, rename, document.name)
}

/// Sets which units an assessment assesses in a curriculum file's text.
pub fn set_assesses(
    catalog: &Catalog,
    document: Document<'_>,
    assessment: &str,
    units: &[String],
) -> Result<String> {
    edit::set_assesses(document.text, catalog, assessment, units, document.name)
}

/// The units of a curriculum with the assessments that assess each (by id in the unit's own
/// module, `MODULE/ID` in another), in the curriculum's order: a unit an assessment names
/// counts as assessed, and so does everything it maps.
pub fn assessed_by(curriculum: &Curriculum) -> Vec<AssessedUnit> {
    curriculum.assessed_units()
}

/// A curriculum (TOML, JSON or YAML) as a TOML document the editing functions ([`map_unit`],
/// [`add_unit`], [`rename`], …) work on, with a note for everything writing it back in its own
/// format ([`write_curriculum`]) will not keep. A TOML curriculum is its own text; a JSON or
/// YAML one is converted with every key and value the model reads, in its order.
pub fn editable_curriculum(document: Document<'_>) -> Result<EditableCurriculum> {
    let format = load::resolve_format(document.text, document.format, document.name);
    interop::editable::editable_curriculum(document.text, format, document.name)
}

/// A curriculum's TOML text (as [`editable_curriculum`] and the edits leave it) written in
/// `format`: JSON or YAML holding every key and value it holds (TOML is returned as it is).
/// What is written loads as the same curriculum, or it is refused.
pub fn write_curriculum(document: Document<'_>, format: Format) -> Result<String> {
    interop::editable::write_curriculum(document.text, format, document.name)
}

/// The columns of a mapping-grid CSV, to write a curriculum back in them with [`write_grid`].
pub fn grid_layout(document: Document<'_>) -> Result<crate::grid::GridLayout> {
    crate::grid::GridLayout::of_csv(document.text, document.name)
}

/// The columns of a mapping grid kept in a workbook (the header row of the sheet the grid is
/// read from, `sheet` or else as [`load_workbook`] chooses it) and that sheet's name, to write
/// a curriculum back in them with [`grid_workbook`] or [`write_grid`]; `name` is what errors
/// call the workbook.
#[cfg(feature = "grid-xlsx")]
pub fn grid_layout_workbook(
    bytes: &[u8],
    name: Option<&str>,
    sheet: Option<&str>,
) -> Result<crate::grid::GridLayout> {
    crate::xlsx::layout_xlsx(bytes, name, sheet)
}

/// A curriculum as a mapping-grid CSV in a grid's own columns (see [`grid_layout`]).
pub fn write_grid(curriculum: &Curriculum, layout: &crate::grid::GridLayout) -> String {
    crate::grid::write_grid(curriculum, layout)
}

/// The text of a new curriculum file.
pub fn new_curriculum(catalog: &Catalog, starter: &Starter) -> Result<String> {
    edit::new_curriculum(catalog, starter)
}

/// The text of a new framework file: commented, every field explained, and valid as it is.
pub fn new_framework(starter: &FrameworkStarter) -> Result<String> {
    edit::new_framework(starter)
}
