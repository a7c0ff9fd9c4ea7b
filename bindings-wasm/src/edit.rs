//! Edits to a curriculum file's text (TOML) that keep everything a person wrote: comments,
//! blank lines, key order and keys waypost does not know stay byte for byte outside the spot
//! that changed. Each function takes the text and returns the new text, or throws and changes
//! nothing; saving it is the caller's part.

use wasm_bindgen::prelude::*;
use waypost::{
    Catalog, Error, FrameworkStarter, MappingChange, NewAssessment, NewModule, NewUnit, Starter,
};

use crate::convert::document;

use crate::{
    builtin,
    convert::{Throw, from_js},
};

/// Adds and removes mappings of one unit (or assessment), named `MODULE/UNIT` or by an id only
/// one module uses: `+K4` or `+K4:developed` adds (or changes the level of) a mapping, `-S12`
/// removes one. Additions are checked against the framework.
#[wasm_bindgen]
pub fn map(
    text: &str,
    unit: &str,
    changes: Vec<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<String, JsValue> {
    map_in(builtin()?, text, unit, &changes, name.as_deref())
}

/// Adds a module at the end of the curriculum's modules.
#[wasm_bindgen(js_name = addModule)]
pub fn add_module(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "NewModule")] module: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<String, JsValue> {
    add_module_in(builtin()?, text, &module, name.as_deref())
}

/// Adds a unit (learning outcome, session or activity) at the end of a module's units.
#[wasm_bindgen(js_name = addUnit)]
pub fn add_unit(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "NewUnit")] unit: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<String, JsValue> {
    add_unit_in(builtin()?, text, &unit, name.as_deref())
}

/// Adds an assessment at the end of a module's assessments.
#[wasm_bindgen(js_name = addAssessment)]
pub fn add_assessment(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "NewAssessment")] assessment: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<String, JsValue> {
    add_assessment_in(builtin()?, text, &assessment, name.as_deref())
}

/// A commented starter file for a curriculum mapped to one framework: it loads as it is, and
/// its comments say how to fill it in.
#[wasm_bindgen(js_name = newCurriculum)]
pub fn new_curriculum(
    #[wasm_bindgen(unchecked_param_type = "Starter")] starter: JsValue,
) -> Result<String, JsValue> {
    new_curriculum_in(builtin()?, &starter)
}

/// A commented starter file for a framework of one's own: every field explained, and valid as
/// it is.
#[wasm_bindgen(js_name = newFramework)]
pub fn new_framework(
    #[wasm_bindgen(unchecked_param_type = "FrameworkStarter")] starter: JsValue,
) -> Result<String, JsValue> {
    let run = || {
        let starter: FrameworkStarter = from_js(&starter, "starter")?;
        waypost::new_framework(&starter)
    };
    run().throw()
}

pub(crate) fn map_in(
    catalog: &Catalog,
    text: &str,
    unit: &str,
    changes: &[String],
    name: Option<&str>,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let changes = changes
            .iter()
            .map(|c| MappingChange::parse(c))
            .collect::<Result<Vec<_>, _>>()?;
        waypost::map_unit(catalog, document(text, None, name), unit, &changes)
    };
    run().throw()
}

pub(crate) fn add_module_in(
    catalog: &Catalog,
    text: &str,
    module: &JsValue,
    name: Option<&str>,
) -> Result<String, JsValue> {
    let run = || {
        let module: NewModule = from_js(module, "module")?;
        waypost::add_module(catalog, document(text, None, name), &module)
    };
    run().throw()
}

pub(crate) fn add_unit_in(
    catalog: &Catalog,
    text: &str,
    unit: &JsValue,
    name: Option<&str>,
) -> Result<String, JsValue> {
    let run = || {
        let unit: NewUnit = from_js(unit, "unit")?;
        waypost::add_unit(catalog, document(text, None, name), &unit)
    };
    run().throw()
}

pub(crate) fn add_assessment_in(
    catalog: &Catalog,
    text: &str,
    assessment: &JsValue,
    name: Option<&str>,
) -> Result<String, JsValue> {
    let run = || {
        let assessment: NewAssessment = from_js(assessment, "assessment")?;
        waypost::add_assessment(catalog, document(text, None, name), &assessment)
    };
    run().throw()
}

pub(crate) fn new_curriculum_in(catalog: &Catalog, starter: &JsValue) -> Result<String, JsValue> {
    let run = || {
        let starter: Starter = from_js(starter, "starter")?;
        waypost::new_curriculum(catalog, &starter)
    };
    run().throw()
}
