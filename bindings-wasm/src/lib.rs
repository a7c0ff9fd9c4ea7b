//! waypost for JavaScript and TypeScript: the core's nouns and verbs in camelCase, built-in
//! frameworks included. Inputs are text (TOML, JSON, YAML or a mapping-grid CSV) or plain
//! objects; outputs are plain objects shaped exactly like the JSON the core prints, typed by
//! TypeScript declarations generated from the same Rust types; errors are thrown as `Error`
//! objects carrying the core's error report.
//!
//! Nothing here decides anything about coverage: each function converts its arguments, calls
//! the core and converts the answer back.

mod convert;
mod options;

use wasm_bindgen::prelude::*;
use waypost::{Error, ReportFormat, catalog, render};

use convert::{Input, Throw, from_js, to_js};
pub use options::{CheckOptions, PolicySource};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
import type {
  CheckOptions, Crosswalk, CrosswalkInput, Curriculum, CurriculumInput, Diagnostic, ErrorReport,
  Explanation, Format, Framework, FrameworkInput, FrameworkSummary, Policy, PolicyInput, Report,
  ReportFormat, Validation,
} from "./types.js";
export type * from "./types.js";

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

fn builtin() -> Result<&'static waypost::Catalog, JsValue> {
    waypost::Catalog::builtin().throw()
}

/// The built-in frameworks, with their sizes.
#[wasm_bindgen(unchecked_return_type = "FrameworkSummary[]")]
pub fn frameworks() -> Result<JsValue, JsValue> {
    to_js(&catalog::summaries(builtin()?))
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
    to_js(&waypost::load_curriculum(&input.text, input.format, name.as_deref()).throw()?)
}

/// Reads a policy from text (TOML, JSON or YAML) or an object.
#[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "Policy")]
pub fn load_policy(
    #[wasm_bindgen(unchecked_param_type = "string | PolicyInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let input = Input::from_js(&input, format.as_deref(), "policy").throw()?;
    to_js(&waypost::load_policy(&input.text, input.format, name.as_deref()).throw()?)
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
    to_js(&waypost::load_framework(&input.text, input.format, name.as_deref()).throw()?)
}

/// Reads a crosswalk between two frameworks from text or an object.
#[wasm_bindgen(js_name = loadCrosswalk, unchecked_return_type = "Crosswalk")]
pub fn load_crosswalk(
    #[wasm_bindgen(unchecked_param_type = "string | CrosswalkInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let input = Input::from_js(&input, format.as_deref(), "crosswalk").throw()?;
    to_js(&waypost::load_crosswalk(&input.text, input.format, name.as_deref()).throw()?)
}

/// Checks a curriculum's coverage of a built-in framework against a policy. Pass the
/// curriculum as text, with `options.name`, to have problems located by line and column.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    check_in(builtin()?, &curriculum, options)
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

/// Renders a report as `text`, `json`, `markdown`, `html` or `csv`. The JSON is byte for byte what the
/// command line's `--format json` prints.
#[wasm_bindgen]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let format = ReportFormat::from_name(format).throw()?;
    let report: waypost::Report = from_js(report, "report").throw()?;
    Ok(render::render_report(&report, format))
}

/// Renders an explanation as `text`, `json` or `markdown`.
#[wasm_bindgen(js_name = renderExplanation)]
pub fn render_explanation(
    #[wasm_bindgen(unchecked_param_type = "Explanation")] explanation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let format = ReportFormat::from_name(format).throw()?;
    let explanation: waypost::Explanation = from_js(explanation, "explanation").throw()?;
    render::render_explanation(&explanation, format).throw()
}

/// The JSON Schema of a document type: `curriculum`, `framework`, `policy`, `crosswalk` or
/// `report`, for editors that validate and complete.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn schema(kind: &str) -> Result<JsValue, JsValue> {
    let text = waypost::schema(kind).throw()?;
    js_sys::JSON::parse(&text)
}

/// A set of frameworks and crosswalks to check against: the built-in ones, and any you add.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Catalog {
    inner: waypost::Catalog,
}

#[wasm_bindgen]
impl Catalog {
    /// A catalog holding the built-in frameworks and crosswalks, ready to take more.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Catalog, JsValue> {
        Ok(Catalog {
            inner: waypost::Catalog::with_builtin().throw()?,
        })
    }

    /// A catalog with no frameworks at all.
    pub fn empty() -> Catalog {
        Catalog {
            inner: waypost::Catalog::new(),
        }
    }

    /// Reads a framework (text or object) and adds it, replacing any with the same id.
    #[wasm_bindgen(js_name = addFramework)]
    pub fn add_framework(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | FrameworkInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<(), JsValue> {
        let input = Input::from_js(&input, format.as_deref(), "framework").throw()?;
        let framework =
            waypost::load_framework(&input.text, input.format, name.as_deref()).throw()?;
        self.inner.add_framework(framework).throw()
    }

    /// Reads a crosswalk (text or object) between two frameworks of the catalog and adds it.
    #[wasm_bindgen(js_name = addCrosswalk)]
    pub fn add_crosswalk(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | CrosswalkInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<(), JsValue> {
        let input = Input::from_js(&input, format.as_deref(), "crosswalk").throw()?;
        let crosswalk =
            waypost::load_crosswalk(&input.text, input.format, name.as_deref()).throw()?;
        self.inner
            .add_crosswalk(crosswalk)
            .map_err(|e| e.in_file(name.as_deref()))
            .throw()
    }

    /// The catalog's frameworks, with their sizes.
    #[wasm_bindgen(unchecked_return_type = "FrameworkSummary[]")]
    pub fn frameworks(&self) -> Result<JsValue, JsValue> {
        to_js(&catalog::summaries(&self.inner))
    }

    /// One of the catalog's frameworks, whole.
    #[wasm_bindgen(unchecked_return_type = "Framework")]
    pub fn framework(&self, id: &str) -> Result<JsValue, JsValue> {
        to_js(self.inner.framework(id).throw()?)
    }

    /// Checks a curriculum against one of the catalog's frameworks; see [`check`].
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        check_in(&self.inner, &curriculum, options)
    }

    /// Explains one statement's coverage; see [`explain`].
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        code: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        explain_in(&self.inner, &curriculum, code, options)
    }

    /// Validates a curriculum; see [`validate`].
    #[wasm_bindgen(unchecked_return_type = "Validation")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        validate_in(&self.inner, &curriculum, options)
    }
}

fn check_in(
    catalog: &waypost::Catalog,
    curriculum: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<waypost::Report, Error> {
        let options = CheckOptions::from_js(options)?;
        let curriculum = options.curriculum(curriculum)?;
        let policy = options.policy()?;
        waypost::check(catalog, &curriculum, options.framework.as_deref(), &policy)
    };
    to_js(&run().throw()?)
}

fn explain_in(
    catalog: &waypost::Catalog,
    curriculum: &JsValue,
    code: &str,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<waypost::Explanation, Error> {
        let options = CheckOptions::from_js(options)?;
        let curriculum = options.curriculum(curriculum)?;
        waypost::explain(catalog, &curriculum, options.framework.as_deref(), code)
    };
    to_js(&run().throw()?)
}

fn validate_in(
    catalog: &waypost::Catalog,
    curriculum: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<waypost::Validation, Error> {
        let options = CheckOptions::from_js(options)?;
        let curriculum = options.curriculum(curriculum)?;
        waypost::validate(catalog, &curriculum, options.framework.as_deref())
    };
    to_js(&run().throw()?)
}
