//! A team's or service's needs from many self-assessments, counted (names only when asked),
//! and what people who use services can expect from workers.

use wasm_bindgen::prelude::*;
use waypost::{Catalog, Error, Expectations, ReportFormat, Team};

use crate::{
    builtin,
    convert::{Throw, from_js, parse_options, to_js},
    options::{ExpectOptions, TeamItem, TeamOptions},
};

/// A team's needs from many self-assessments, each `{ name, text }`: per statement how many
/// members rate themselves at each level, the needs most members share, and the activities
/// and resources that serve the most members first. One that cannot be read is listed in
/// `failures` and the rest are counted. Names appear only with `options.names`.
#[wasm_bindgen(unchecked_return_type = "Team")]
pub fn team(
    #[wasm_bindgen(js_name = selfAssessments, unchecked_param_type = "TeamItem[]")]
    self_assessments: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TeamOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    team_in(builtin()?, &self_assessments, options)
}

/// Renders a team view as `text`, `json`, `markdown`, `html` or `csv`, as `waypost team
/// --format` prints it, or as `xlsx` (a `Uint8Array`).
#[wasm_bindgen(js_name = renderTeam, skip_typescript)]
pub fn render_team(team: JsValue, format: &str) -> Result<JsValue, JsValue> {
    let run = || -> Result<JsValue, Error> {
        let t: Team = from_js(&team, "team view")?;
        if waypost::is_workbook_format(format) {
            return Ok(crate::bytes(&waypost::team_workbook(&t)?));
        }
        let format = ReportFormat::from_name(format)?;
        Ok(JsValue::from_str(&waypost::render(&t, format)?))
    };
    run().throw()
}

pub(crate) fn team_in(
    catalog: &Catalog,
    items: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let items: Vec<TeamItem> = from_js(items, "self-assessments")?;
        let options: TeamOptions = parse_options(options)?;
        let mut core = waypost::TeamOptions::default();
        core.target = options.target;
        core.names = options.names;
        waypost::team(catalog, items.into_iter().map(TeamItem::entry), &core)
    };
    to_js(&run().throw()?)
}

/// What people who use services, and their families and carers, can expect from mental health
/// workers: the framework's published statements, values first, quoted exactly, with the
/// source cited.
#[wasm_bindgen(js_name = whatToExpect, unchecked_return_type = "Expectations")]
pub fn what_to_expect(
    #[wasm_bindgen(unchecked_optional_param_type = "ExpectOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    what_to_expect_in(builtin()?, options)
}

/// Renders a what-to-expect page as `text`, `json`, `markdown` or `html` (a large-print page
/// that prints), as `waypost expect --format` prints it.
#[wasm_bindgen(js_name = renderExpectations)]
pub fn render_expectations(
    #[wasm_bindgen(unchecked_param_type = "Expectations")] page: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let format = ReportFormat::from_name(format)?;
        let e: Expectations = from_js(&page, "what-to-expect page")?;
        waypost::render(&e, format)
    };
    run().throw()
}

pub(crate) fn what_to_expect_in(
    catalog: &Catalog,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: ExpectOptions = parse_options(options)?;
        let mut core = waypost::ExpectOptions::default();
        core.framework = options.framework;
        waypost::what_to_expect(catalog, &core)
    };
    to_js(&run().throw()?)
}
