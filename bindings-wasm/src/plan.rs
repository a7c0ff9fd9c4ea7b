//! Personal development plans: a worker's self-assessment against a framework becomes the
//! statements to work on, with the activities and resources that help, most useful first.

use wasm_bindgen::prelude::*;
use waypost::{Catalog, Error, ReportFormat};

use crate::{
    builtin,
    convert::{Input, Throw, from_js, parse_options, to_js},
    options::PlanOptions,
};

/// Reads a self-assessment from text (TOML, JSON or YAML) or an object, and returns it as an
/// object. Without a format, it is told from `name`'s extension or from the text. Its ratings
/// are resolved against the framework when a plan is made.
#[wasm_bindgen(js_name = loadSelfAssessment, unchecked_return_type = "SelfAssessment")]
pub fn load_self_assessment(
    #[wasm_bindgen(unchecked_param_type = "string | SelfAssessmentInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Format")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let input = Input::from_js(&input, format.as_deref(), "self-assessment").throw()?;
    to_js(
        &waypost::load_self_assessment(crate::convert::document(
            &input.text,
            input.format,
            name.as_deref(),
        ))
        .throw()?,
    )
}

/// The rating scale a self-assessment uses when it does not give its own, lowest first.
#[wasm_bindgen(js_name = defaultScale)]
pub fn default_scale() -> Vec<String> {
    waypost::DEFAULT_SCALE.map(String::from).to_vec()
}

/// A development plan from a self-assessment (text or object): the statements below target,
/// grouped by domain and theme, each with the activities and resources linked to it, in an
/// order that starts with what unlocks most. Pass the text, with `options.name`, to have
/// problems located in it.
#[wasm_bindgen(unchecked_return_type = "Plan")]
pub fn plan(
    #[wasm_bindgen(js_name = selfAssessment, unchecked_param_type = "string | SelfAssessmentInput")]
    self_assessment: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PlanOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    plan_in(builtin()?, &self_assessment, options)
}

/// Renders a plan as `text`, `json`, `markdown` or `html` (a self-contained page to bring to
/// supervision). The JSON is byte for byte what `waypost plan --format json` prints.
#[wasm_bindgen(js_name = renderPlan)]
pub fn render_plan(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let format = ReportFormat::from_name(format)?;
        let plan: waypost::Plan = from_js(&plan, "plan")?;
        waypost::render(&plan, format)
    };
    run().throw()
}

pub(crate) fn plan_in(
    catalog: &Catalog,
    self_assessment: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: PlanOptions = parse_options(options)?;
        let assessment = options.self_assessment(self_assessment)?;
        waypost::plan(catalog, &assessment, &options.core())
    };
    to_js(&run().throw()?)
}
