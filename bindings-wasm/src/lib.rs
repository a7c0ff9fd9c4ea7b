//! waypost for JavaScript and TypeScript: the core's nouns and verbs in camelCase, built-in
//! frameworks included. Inputs are text (TOML, JSON, YAML or a mapping-grid CSV) or plain
//! objects; outputs are plain objects shaped exactly like the JSON the core prints, typed by
//! TypeScript declarations generated from the same Rust types; errors are thrown as `Error`
//! objects carrying the core's error report.
//!
//! Nothing here decides anything about coverage: each function converts its arguments, calls
//! the core and converts the answer back.
//!
//! - this file: frameworks, loading, checking, explaining, validating, rendering, schemas
//! - [`suggest`]: suggested mappings for a text or a curriculum's unmapped units
//! - [`plan`]: development plans from a self-assessment
//! - [`interop`]: CASE and Moodle frameworks, mapping grids to curriculum files
//! - [`edit`]: edits to a curriculum file's text that keep everything a person wrote
//! - [`team`]: a team's needs from many self-assessments, and what people can expect
//! - [`many`]: portfolios of curricula, and the difference between two versions
//! - [`catalog`]: the same functions against frameworks of one's own
//!
//! Without the default `full` feature (the page's build) CASE and Moodle, diffs and the
//! schemas are left out; what only they use is then unused.
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]

mod catalog;
mod convert;
mod edit;
mod interop;
mod many;
mod options;
mod plan;
mod report;
#[cfg(feature = "full")]
mod schema;
mod suggest;
mod team;

use wasm_bindgen::prelude::*;
use waypost::{Error, ReportFormat};

use convert::{Input, Throw, from_js, to_js};

pub use catalog::Catalog;
pub use convert::ReadOptions;
pub use options::{
    CaseExportOptions, CaseImportOptions, CheckOptions, DiffOptions, ExpectOptions,
    FrameworkGridImportOptions, GridImportOptions, MoodleImportOptions, PlanOptions, PolicySource,
    PolicySources, PortfolioItem, PortfolioOptions, SuggestCurriculumOptions, SuggestOptions,
    TeamItem, TeamOptions,
};
pub use report::ReportPart;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
import type {
  AssessedUnit, CaseExportOptions, CaseImportOptions, CheckOptions, Checks, Crosswalk, CrosswalkInput, Curriculum,
  CurriculumInput, CurriculumSuggestions, Diagnostic, Diff, ExpectOptions, Expectations,
  DiffOptions, EditableCurriculum, ErrorReport, Explanation, Exported, Format, Framework, FrameworkInput,
  FrameworkGridImportOptions, FrameworkStarter, FrameworkSummary, GridImportOptions, Imported, ImportedCurriculum, MoodleImportOptions, GridLayout,
  NewAssessment, NewModule, NewUnit, Plan, PlanOptions, Policy, PolicyInput, Portfolio,
  PortfolioItem, PortfolioOptions, ReadOptions, Rename, Report, ReportFormat, ReportPart, SelfAssessment,
  SelfAssessmentInput, Starter, SuggestCurriculumOptions, SuggestOptions, Suggestion, Validation, Team, TeamItem, TeamOptions,
} from "./types.js";
export type * from "./types.js";

/**
 * Checks a curriculum and hands over only the named parts of the report, in the report's key
 * order (for a caller that reads, say, only the verdict and the totals of many curricula).
 * The check is the same; only those parts cross into JavaScript.
 */
export function check<P extends ReportPart>(
  curriculum: string | CurriculumInput,
  options: CheckOptions & { parts: P[] },
): Pick<Report, P>;
/**
 * Checks a curriculum's coverage of a built-in framework against a policy. Pass the
 * curriculum as text, with `options.name`, to have problems located by line and column.
 */
export function check(curriculum: string | CurriculumInput, options?: CheckOptions): Report;

/**
 * Renders a report as an Excel workbook: a summary, the curriculum as a mapping grid (when it
 * is given: the workbook then reads back as that curriculum), a sheet per domain and the
 * thread.
 */
export function render(report: Report, format: "xlsx", curriculum?: Curriculum): Uint8Array;
/**
 * Renders a report as `text`, `json`, `markdown`, `html` or `csv`. The JSON is byte for byte
 * what the command line's `--format json` prints.
 */
export function render(report: Report, format: ReportFormat): string;
/** Renders a check against several frameworks as an Excel workbook; see `render`. */
export function renderChecks(checks: Checks, format: "xlsx", curriculum?: Curriculum): Uint8Array;
/** Renders a check against several frameworks as `text`, `json`, `markdown`, `html` or `csv`. */
export function renderChecks(checks: Checks, format: ReportFormat): string;
/** Renders a portfolio as an Excel workbook: courses, providers and the matrix. */
export function renderPortfolio(portfolio: Portfolio, format: "xlsx"): Uint8Array;
/** Renders a portfolio as `text`, `json`, `markdown`, `html` or `csv`. */
export function renderPortfolio(portfolio: Portfolio, format: ReportFormat): string;
/** Renders a team view as an Excel workbook: the statements, the needs and the activities. */
export function renderTeam(team: Team, format: "xlsx"): Uint8Array;
/** Renders a team view as `text`, `json`, `markdown`, `html` or `csv`. */
export function renderTeam(team: Team, format: ReportFormat): string;

export interface Catalog {
  /** Checks a curriculum against one of the catalog's frameworks, handing over only the named
   * parts of the report; see `check`. */
  check<P extends ReportPart>(
    curriculum: string | CurriculumInput,
    options: CheckOptions & { parts: P[] },
  ): Pick<Report, P>;
  /** Checks a curriculum against one of the catalog's frameworks; see `check`. */
  check(curriculum: string | CurriculumInput, options?: CheckOptions): Report;
}

/** What waypost throws: an `Error` with the core's error report, and the first
 * diagnostic's location copied onto it. */
export type WaypostError = Error & ErrorReport &
  Pick<Diagnostic, "path" | "line" | "column" | "pointer" | "hint">;
"#;

/// The version of waypost, the same as the Rust crates' and the package's.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The id of the framework a check uses when neither the options nor the curriculum name one.
#[wasm_bindgen(js_name = defaultFramework)]
pub fn default_framework() -> String {
    waypost::DEFAULT_FRAMEWORK.to_string()
}

/// The heatmap shade of a level on a scale, as every report colours it: 0 for none (not
/// covered, or not on the scale), then 1 (lightest) to 3 (darkest). The web page colours its
/// heatmap with this, so it cannot drift from the HTML report and the workbook.
#[wasm_bindgen(js_name = levelShade)]
pub fn level_shade(levels: Vec<String>, level: Option<String>) -> u8 {
    u8::try_from(waypost::level_shade(&levels, level.as_deref())).unwrap_or_default()
}

/// The colours of shades 1 to 3, lightest first, as CSS colours (`#c6dbef`).
#[wasm_bindgen]
pub fn shades() -> Vec<String> {
    waypost::SHADES
        .iter()
        .map(|s| format!("#{}", s.to_ascii_lowercase()))
        .collect()
}

pub(crate) fn builtin() -> Result<&'static waypost::Catalog, JsValue> {
    waypost::Catalog::builtin().throw()
}

/// The built-in frameworks, with their sizes.
#[wasm_bindgen(unchecked_return_type = "FrameworkSummary[]")]
pub fn frameworks() -> Result<JsValue, JsValue> {
    to_js(&waypost::frameworks(builtin()?))
}

/// A built-in framework, whole: domains, statements, activities, resources and links.
#[wasm_bindgen(unchecked_return_type = "Framework")]
pub fn framework(id: &str) -> Result<JsValue, JsValue> {
    to_js(builtin()?.framework(id).throw()?)
}

/// Reads a curriculum from text (TOML, JSON, YAML or a mapping-grid CSV) or an object, and
/// returns it as an object. Without a format, it is told from `name`'s extension or from the
/// text. Codes are resolved when the curriculum is checked or validated.
#[wasm_bindgen(js_name = loadCurriculum, unchecked_return_type = "Curriculum")]
pub fn load_curriculum(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let input = Input::from_js(&input, format.as_deref(), "curriculum").throw()?;
    to_js(
        &waypost::load_curriculum(crate::convert::document(
            &input.text,
            input.format,
            name.as_deref(),
        ))
        .throw()?,
    )
}

/// Reads a mapping grid from a spreadsheet workbook's bytes (XLSX, XLS or ODS), as the CSV grid
/// is read: one row per unit, the framework's codes as columns. `name` is the file's name,
/// named in errors (which locate a problem by sheet and cell); `sheet` picks the sheet that
/// holds the grid (default: the first with a grid's header row).
#[wasm_bindgen(js_name = loadWorkbook, unchecked_return_type = "Curriculum")]
pub fn load_workbook(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] sheet: Option<String>,
) -> Result<JsValue, JsValue> {
    let mut options = waypost::WorkbookOptions::default();
    options.sheet = sheet;
    to_js(&waypost::load_workbook(bytes, name.as_deref(), &options).throw()?)
}

/// Reads a policy from text (TOML, JSON or YAML) or an object.
#[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "Policy")]
pub fn load_policy(
    #[wasm_bindgen(unchecked_param_type = "string | PolicyInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let input = Input::from_js(&input, format.as_deref(), "policy").throw()?;
    to_js(
        &waypost::load_policy(crate::convert::document(
            &input.text,
            input.format,
            name.as_deref(),
        ))
        .throw()?,
    )
}

/// Reads a framework from text or an object and checks that it holds together (unique codes,
/// known domains, links that land). Add it to a [`Catalog`] to check curricula against it.
#[wasm_bindgen(js_name = loadFramework, unchecked_return_type = "Framework")]
pub fn load_framework(
    #[wasm_bindgen(unchecked_param_type = "string | FrameworkInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let input = Input::from_js(&input, format.as_deref(), "framework").throw()?;
    to_js(
        &waypost::load_framework(crate::convert::document(
            &input.text,
            input.format,
            name.as_deref(),
        ))
        .throw()?,
    )
}

/// Reads a crosswalk between two frameworks from text or an object.
#[wasm_bindgen(js_name = loadCrosswalk, unchecked_return_type = "Crosswalk")]
pub fn load_crosswalk(
    #[wasm_bindgen(unchecked_param_type = "string | CrosswalkInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let input = Input::from_js(&input, format.as_deref(), "crosswalk").throw()?;
    to_js(
        &waypost::load_crosswalk(crate::convert::document(
            &input.text,
            input.format,
            name.as_deref(),
        ))
        .throw()?,
    )
}

/// Checks a curriculum's coverage of a built-in framework against a policy. Pass the
/// curriculum as text, with `options.name`, to have problems located by line and column.
/// With `options.parts`, only those parts of the report are handed over. (Its TypeScript
/// declaration, with that overload, is in `TYPES` above.)
#[wasm_bindgen(skip_typescript)]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    check_in(builtin()?, &curriculum, options)
}

/// Checks a curriculum against every framework it declares (or `options.framework` alone): a
/// report for each, and whether every policy passed. `options.policy` is one policy or a list:
/// each framework is held to the policy naming it (`framework = "..."`), else the one naming
/// none, else the default policy.
#[wasm_bindgen(js_name = checkAll, unchecked_return_type = "Checks")]
pub fn check_all(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    check_all_in(builtin()?, &curriculum, options)
}

/// Renders a check against several frameworks as `text`, `json`, `markdown`, `html` or `csv`
/// (a string), or as `xlsx` (a `Uint8Array`, with the curriculum's mapping grid when it is
/// given), as `render` does a report.
#[wasm_bindgen(js_name = renderChecks, skip_typescript)]
pub fn render_checks(
    checks: JsValue,
    format: &str,
    curriculum: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<JsValue, Error> {
        let checks: waypost::Checks = from_js(&checks, "checks")?;
        if waypost::is_workbook_format(format) {
            let curriculum: Option<waypost::Curriculum> = curriculum
                .filter(|c| !c.is_undefined() && !c.is_null())
                .map(|c| from_js(&c, "curriculum"))
                .transpose()?;
            return Ok(bytes(&waypost::checks_workbook(
                &checks,
                curriculum.as_ref(),
            )?));
        }
        let format = ReportFormat::from_name(format)?;
        Ok(JsValue::from_str(&waypost::render(&checks, format)?))
    };
    run().throw()
}

/// The evidence behind one statement's coverage (statement ← unit ← module, assessed by …),
/// or why it is a gap and which activities and resources would help.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    code: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    explain_in(builtin()?, &curriculum, code, options)
}

/// Checks that every code, level and reference of a curriculum resolves, without a policy.
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    validate_in(builtin()?, &curriculum, options)
}

/// Renders a report as `text`, `json`, `markdown`, `html` or `csv` (a string), or as `xlsx`:
/// an Excel workbook (a `Uint8Array`), which holds the curriculum as a mapping grid too when it
/// is given, so the workbook reads back as that curriculum. The JSON is byte for byte what the
/// command line's `--format json` prints. (Its TypeScript declaration, with its overloads, is in
/// `TYPES` above.)
#[wasm_bindgen(skip_typescript)]
pub fn render(
    report: JsValue,
    format: &str,
    curriculum: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<JsValue, Error> {
        older_report(&report)?;
        let report: waypost::Report = from_js(&report, "report")?;
        if waypost::is_workbook_format(format) {
            let curriculum: Option<waypost::Curriculum> = curriculum
                .filter(|c| !c.is_undefined() && !c.is_null())
                .map(|c| from_js(&c, "curriculum"))
                .transpose()?;
            return Ok(bytes(&waypost::report_workbook(
                &report,
                curriculum.as_ref(),
            )?));
        }
        let format = ReportFormat::from_name(format)?;
        Ok(JsValue::from_str(&waypost::render(&report, format)?))
    };
    run().throw()
}

/// A report object of another version of the schema than this build writes is refused with
/// what to do, rather than with the first field it lacks.
fn older_report(report: &JsValue) -> Result<(), Error> {
    if !report.is_object() || js_sys::Array::is_array(report) {
        return Ok(());
    }
    let version = js_sys::Reflect::get(report, &JsValue::from_str("schema_version"))
        .ok()
        .and_then(|v| v.as_f64());
    if version == Some(f64::from(waypost::REPORT_SCHEMA_VERSION)) {
        return Ok(());
    }
    let written = version.map_or_else(
        || "no `schema_version` (a report of version 1, from before December 2026)".to_string(),
        |v| format!("`schema_version` {v}"),
    );
    Err(Error::parse(
        waypost::Diagnostic::new(format!(
            "cannot read the report: it has {written}, and this waypost reads version {}",
            waypost::REPORT_SCHEMA_VERSION
        ))
        .with_hint("check the curriculum again with this waypost to make the report afresh"),
    ))
}

/// Bytes as a `Uint8Array`.
pub(crate) fn bytes(bytes: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(bytes).into()
}

/// Renders an explanation as `text`, `json` or `markdown`.
#[wasm_bindgen(js_name = renderExplanation)]
pub fn render_explanation(
    #[wasm_bindgen(unchecked_param_type = "Explanation")] explanation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let format = ReportFormat::from_name(format).throw()?;
    let explanation: waypost::Explanation = from_js(&explanation, "explanation").throw()?;
    waypost::render(&explanation, format).throw()
}

#[cfg(feature = "full")]
/// The JSON Schema of a document type: `curriculum`, `framework`, `policy`, `crosswalk`,
/// `report` or `self-assessment`, for editors that validate and complete.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn schema(kind: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(schema::text(kind).throw()?)
}

/// What a curriculum is checked against: the framework asked for, else its own.
pub(crate) fn against(framework: &Option<String>) -> waypost::CheckOptions {
    let mut options = waypost::CheckOptions::default();
    options.framework.clone_from(framework);
    options
}

pub(crate) fn check_in(
    catalog: &waypost::Catalog,
    curriculum: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<(waypost::Report, Option<Vec<ReportPart>>), Error> {
        let options: CheckOptions = convert::parse_options(options)?;
        let curriculum = options.curriculum(curriculum)?;
        let mut core = waypost::CheckOptions::default();
        core.framework.clone_from(&options.framework);
        core.policies = options.policies()?;
        let report = waypost::check(catalog, &curriculum, &core)?;
        Ok((report, options.parts))
    };
    match run().throw()? {
        (report, None) => to_js(&report),
        (report, Some(parts)) => to_js(&report::Selected {
            report: &report,
            parts: &parts,
        }),
    }
}

pub(crate) fn check_all_in(
    catalog: &waypost::Catalog,
    curriculum: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<waypost::Checks, Error> {
        let options: CheckOptions = convert::parse_options(options)?;
        options.no_parts("checkAll")?;
        let curriculum = options.curriculum(curriculum)?;
        let mut core = waypost::CheckOptions::default();
        core.framework.clone_from(&options.framework);
        core.policies = options.policies()?;
        waypost::check_all(catalog, &curriculum, &core)
    };
    to_js(&run().throw()?)
}

pub(crate) fn explain_in(
    catalog: &waypost::Catalog,
    curriculum: &JsValue,
    code: &str,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<waypost::Explanation, Error> {
        let options: CheckOptions = convert::parse_options(options)?;
        options.no_parts("explain")?;
        let curriculum = options.curriculum(curriculum)?;
        waypost::explain(catalog, &curriculum, code, &against(&options.framework))
    };
    to_js(&run().throw()?)
}

pub(crate) fn validate_in(
    catalog: &waypost::Catalog,
    curriculum: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<waypost::Validation, Error> {
        let options: CheckOptions = convert::parse_options(options)?;
        options.no_parts("validate")?;
        let curriculum = options.curriculum(curriculum)?;
        waypost::validate(catalog, &curriculum, &against(&options.framework))
    };
    to_js(&run().throw()?)
}
