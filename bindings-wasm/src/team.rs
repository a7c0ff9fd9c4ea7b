//! A team's or service's needs from many self-assessments, counted; names only when asked.

use wasm_bindgen::prelude::*;
use waypost::{Catalog, Error, ReportFormat, Team};

use crate::{
    builtin,
    convert::{Throw, from_js, parse_options, to_js},
    options::{TeamItem, TeamOptions},
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
/// --format` prints it.
#[wasm_bindgen(js_name = renderTeam)]
pub fn render_team(
    #[wasm_bindgen(unchecked_param_type = "Team")] team: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let format = ReportFormat::from_name(format)?;
        let t: Team = from_js(&team, "team view")?;
        waypost::render(&t, format)
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
