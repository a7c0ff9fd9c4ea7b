//! Many curricula at once: a portfolio (statements × courses, what no course covers), and what
//! changed between two versions of one curriculum.

use wasm_bindgen::prelude::*;
use waypost::{Catalog, Diff, Error, Portfolio, ReportFormat};

use crate::{
    builtin,
    convert::{Input, Throw, from_js, parse_options, to_js},
    options::{DiffOptions, PortfolioItem, PortfolioOptions},
};

/// Checks many curricula against one framework together: per statement how many courses cover
/// and assess it, which statements no course covers, totals per provider. Each curriculum is
/// `{ name, text }`; one that cannot be read or checked is listed in `failures` rather than
/// stopping the rest.
#[wasm_bindgen(unchecked_return_type = "Portfolio")]
pub fn portfolio(
    #[wasm_bindgen(unchecked_param_type = "PortfolioItem[]")] curricula: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PortfolioOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    portfolio_in(builtin()?, &curricula, options)
}

/// Of the files of a folder the user picked or dropped, given by their paths inside it
/// (`/`-separated, such as `webkitRelativePath` without the folder's own name), those a
/// portfolio of that folder reads, in the order it reads them: the files `waypost portfolio
/// FOLDER` reads, leaving out hidden files and folders and files of no curriculum format.
#[wasm_bindgen(js_name = folderFiles)]
pub fn folder_files(paths: Vec<String>) -> Vec<String> {
    waypost::folder_files(&paths)
}

#[cfg(feature = "full")]
/// What coverage was gained, lost, raised or lowered between an old and the current version of
/// a curriculum (text or objects), and which units' mappings changed.
#[wasm_bindgen(unchecked_return_type = "Diff")]
pub fn diff(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] current: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DiffOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    diff_in(builtin()?, &old, &current, options)
}

/// Renders a portfolio as `text`, `json`, `markdown`, `html` or `csv` (the statements ×
/// courses matrix), as `waypost portfolio --format` prints it, or as `xlsx` (a `Uint8Array`).
#[wasm_bindgen(js_name = renderPortfolio, skip_typescript)]
pub fn render_portfolio(portfolio: JsValue, format: &str) -> Result<JsValue, JsValue> {
    let run = || -> Result<JsValue, Error> {
        let p: Portfolio = from_js(&portfolio, "portfolio")?;
        if waypost::is_workbook_format(format) {
            return Ok(crate::bytes(&waypost::portfolio_workbook(&p)?));
        }
        let format = ReportFormat::from_name(format)?;
        Ok(JsValue::from_str(&waypost::render(&p, format)?))
    };
    run().throw()
}

#[cfg(feature = "full")]
/// Renders a diff as `text`, `json` or `markdown`, as `waypost diff --format` prints it.
#[wasm_bindgen(js_name = renderDiff)]
pub fn render_diff(
    #[wasm_bindgen(unchecked_param_type = "Diff")] diff: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let format = ReportFormat::from_name(format)?;
        let d: Diff = from_js(&diff, "diff")?;
        waypost::render(&d, format)
    };
    run().throw()
}

pub(crate) fn portfolio_in(
    catalog: &Catalog,
    curricula: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let items: Vec<PortfolioItem> = from_js(curricula, "curricula")?;
        let options: PortfolioOptions = parse_options(options)?;
        let mut core = waypost::PortfolioOptions::default();
        core.framework = options.framework;
        core.few_learners = options.few_learners;
        core.settings = options.settings;
        core.gaps_to_training = options.gaps_to_training;
        waypost::portfolio(catalog, items.into_iter().map(PortfolioItem::entry), &core)
    };
    to_js(&run().throw()?)
}

#[cfg(feature = "full")]
pub(crate) fn diff_in(
    catalog: &Catalog,
    old: &JsValue,
    new: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: DiffOptions = parse_options(options)?;
        let read = |value: &JsValue, name: Option<&str>| {
            let input = Input::from_js(value, None, "curriculum")?;
            waypost::load_curriculum(crate::convert::document(&input.text, input.format, name))
        };
        let old = read(old, options.old_name.as_deref())?;
        let new = read(new, options.new_name.as_deref())?;
        let mut core = waypost::DiffOptions::default();
        core.framework = options.framework;
        waypost::diff(catalog, &old, &new, &core)
    };
    to_js(&run().throw()?)
}
