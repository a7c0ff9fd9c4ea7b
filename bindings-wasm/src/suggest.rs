//! Suggested mappings: the statements a text most likely addresses, and proposals for the
//! units of a curriculum that map none. Proposals only; nothing here changes a curriculum.

use wasm_bindgen::prelude::*;
use waypost::{Catalog, Error, ReportFormat};

use crate::{
    builtin,
    convert::{ReadOptions, Throw, from_js, parse_options, to_js},
    options::{SuggestCurriculumOptions, SuggestOptions},
};

/// The statements of a built-in framework that a text (a learning outcome, session or
/// activity) most likely addresses, best first, each with a score from 0 towards 1 and the
/// words that matched. For a person to confirm or reject; scores below 0.32 are weak.
#[wasm_bindgen(unchecked_return_type = "Suggestion[]")]
pub fn suggest(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "SuggestOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    suggest_in(builtin()?, text, options)
}

/// Scores below this are weak: on the evaluation set, outcomes outside the framework score
/// below it, and outcomes a person would map mostly score above.
#[wasm_bindgen(js_name = weakBelow)]
pub fn weak_below() -> f64 {
    waypost::WEAK_BELOW
}

/// Proposed mappings for every unit of a curriculum that maps no statement (or at most
/// `maxMappings`), leaving out what each maps already.
#[wasm_bindgen(js_name = suggestCurriculum, unchecked_return_type = "CurriculumSuggestions")]
pub fn suggest_curriculum(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SuggestCurriculumOptions")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    suggest_curriculum_in(builtin()?, &curriculum, options)
}

/// The curriculum as a mapping grid (CSV) with the suggestions in a `suggested` column beside
/// `covers`, for a person to edit and import: nothing counts until a code is moved to `covers`.
#[wasm_bindgen(js_name = suggestionsGrid)]
pub fn suggestions_grid(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CurriculumSuggestions")] suggestions: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let read: ReadOptions = parse_options(options)?;
        let curriculum = read.curriculum(&curriculum)?;
        let suggestions: waypost::CurriculumSuggestions = from_js(&suggestions, "suggestions")?;
        Ok(waypost::suggestions_grid(&curriculum, &suggestions))
    };
    run().throw()
}

/// Renders suggestions as `text` (a ranked list with the reasons) or `json` (what `waypost
/// suggest --format json` prints): a text's `Suggestion[]`, or a curriculum's suggestions.
#[wasm_bindgen(js_name = renderSuggestions)]
pub fn render_suggestions(
    #[wasm_bindgen(unchecked_param_type = "Suggestion[] | CurriculumSuggestions")]
    suggestions: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: &str,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let format = ReportFormat::from_name(format)?;
        if js_sys::Array::is_array(&suggestions) {
            let list: Vec<waypost::Suggestion> = from_js(&suggestions, "suggestions")?;
            return waypost::render(list.as_slice(), format);
        }
        let all: waypost::CurriculumSuggestions = from_js(&suggestions, "suggestions")?;
        waypost::render(&all, format)
    };
    run().throw()
}

pub(crate) fn suggest_in(
    catalog: &Catalog,
    text: &str,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: SuggestOptions = parse_options(options)?;
        waypost::suggest(
            catalog,
            options.framework(),
            text,
            &options.core(),
            &options.examples,
        )
    };
    to_js(&run().throw()?)
}

pub(crate) fn suggest_curriculum_in(
    catalog: &Catalog,
    curriculum: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: SuggestCurriculumOptions = parse_options(options)?;
        let curriculum = options.read().curriculum(curriculum)?;
        waypost::suggest_curriculum(
            catalog,
            &curriculum,
            &crate::against(&options.framework),
            &options.core(),
            &options.examples,
        )
    };
    to_js(&run().throw()?)
}
