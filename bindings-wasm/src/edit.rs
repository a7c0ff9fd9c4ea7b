//! Edits to a curriculum file's text (TOML) that keep everything a person wrote: comments,
//! blank lines, key order and keys waypost does not know stay byte for byte outside the spot
//! that changed. Each function takes the text and returns the new text, or throws and changes
//! nothing; saving it is the caller's part.

use wasm_bindgen::{JsCast, prelude::*};
use waypost::{
    Catalog, Error, Format, FrameworkStarter, GridLayout, MappingChange, NewAssessment, NewModule,
    NewUnit, Rename, Starter,
};

use crate::convert::document;

use crate::{
    builtin,
    convert::{ReadOptions, Throw, from_js, parse_options, to_js},
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

/// Renames a module (named by its code), or a unit or an assessment (`MODULE/ID`): a new
/// `id` (code), a new `title` (a unit's text). Every `assesses` that names a renamed unit or
/// module is changed with it.
#[wasm_bindgen]
pub fn rename(
    text: &str,
    target: &str,
    #[wasm_bindgen(unchecked_param_type = "Rename")] rename: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<String, JsValue> {
    rename_in(builtin()?, text, target, &rename, name.as_deref())
}

/// Sets which units an assessment (`MODULE/ID`) assesses: ids of its module's units, or
/// `MODULE/UNIT` for another module's. A unit an assessment assesses counts as assessed.
#[wasm_bindgen(js_name = setAssesses)]
pub fn set_assesses(
    text: &str,
    assessment: &str,
    units: Vec<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<String, JsValue> {
    set_assesses_in(builtin()?, text, assessment, &units, name.as_deref())
}

/// A curriculum (TOML, JSON or YAML text) as a TOML document the editing functions (`map`,
/// `addUnit`, `rename`, …) work on: `text`, the `format` it came in, and `notes` on what
/// writing it back in that format with `writeCurriculum` will not keep. A TOML curriculum is
/// its own text; a JSON or YAML one keeps every key and value the model reads.
#[wasm_bindgen(js_name = editableCurriculum, unchecked_return_type = "EditableCurriculum")]
pub fn editable_curriculum(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<waypost::EditableCurriculum, Error> {
        let read: ReadOptions = parse_options(options)?;
        let format = read.format.as_deref().map(Format::parse).transpose()?;
        waypost::editable_curriculum(document(text, format, read.name.as_deref()))
    };
    to_js(&run().throw()?)
}

/// A curriculum's TOML text (as `editableCurriculum` and the edits leave it) written as
/// `format`: `json` or `yaml` (`toml` returns it as it is). What is written loads as the same
/// curriculum, or it throws.
#[wasm_bindgen(js_name = writeCurriculum)]
pub fn write_curriculum(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Format")] format: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let format = Format::parse(format)?;
        waypost::write_curriculum(document(text, None, name.as_deref()), format)
    };
    run().throw()
}

/// Every unit of a curriculum (text or object) with the assessments that assess it, in the
/// curriculum's order: by id in the unit's own module, `MODULE/ID` in another. A unit an
/// assessment names counts as assessed, and so does everything it maps.
#[wasm_bindgen(js_name = assessedBy, unchecked_return_type = "AssessedUnit[]")]
pub fn assessed_by(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<Vec<waypost::AssessedUnit>, Error> {
        let read: ReadOptions = parse_options(options)?;
        Ok(waypost::assessed_by(&read.curriculum(&curriculum)?))
    };
    to_js(&run().throw()?)
}

/// The columns of a mapping grid as it was written, to write a curriculum back in them with
/// `writeGrid` or `writeGridWorkbook`: a CSV file's header row, or for a workbook's bytes the
/// header row of the sheet the grid is read from and that sheet's name.
#[wasm_bindgen(js_name = gridLayout, unchecked_return_type = "GridLayout")]
pub fn grid_layout(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] grid: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
) -> Result<JsValue, JsValue> {
    let name = name.as_deref();
    let layout = if let Some(text) = grid.as_string() {
        waypost::grid_layout(document(&text, None, name))
    } else if let Some(bytes) = grid.dyn_ref::<js_sys::Uint8Array>() {
        waypost::grid_layout_workbook(&bytes.to_vec(), name, None)
    } else {
        Err(Error::parse(
            waypost::Diagnostic::new("expected the mapping grid as CSV text or a workbook's bytes")
                .with_hint("pass the CSV file's text, or an XLSX file's bytes as a `Uint8Array`"),
        ))
    };
    to_js(&layout.throw()?)
}

/// A curriculum (text or object) as a mapping-grid CSV in a grid's own columns: one row per
/// unit and per assessment with a title or mappings; a column the curriculum needs and the
/// layout lacks is added at the end. Without a layout, waypost's own columns.
#[wasm_bindgen(js_name = writeGrid)]
pub fn write_grid(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GridLayout")] layout: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let read: ReadOptions = parse_options(options)?;
        let curriculum = read.curriculum(&curriculum)?;
        let layout = match layout.filter(|l| !l.is_undefined() && !l.is_null()) {
            Some(l) => from_js::<GridLayout>(&l, "layout")?,
            None => GridLayout::standard(),
        };
        Ok(waypost::write_grid(&curriculum, &layout))
    };
    run().throw()
}

/// A curriculum (text or object) as a mapping grid in an Excel workbook (XLSX) of one sheet,
/// in a grid's own columns and under its sheet's name (see `gridLayout`), else `Mapping`:
/// every cell text, so nothing in it runs as a formula.
#[wasm_bindgen(js_name = writeGridWorkbook)]
pub fn write_grid_workbook(
    #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GridLayout")] layout: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOptions")] options: Option<JsValue>,
) -> Result<Vec<u8>, JsValue> {
    let run = || -> Result<Vec<u8>, Error> {
        let read: ReadOptions = parse_options(options)?;
        let curriculum = read.curriculum(&curriculum)?;
        let layout = match layout.filter(|l| !l.is_undefined() && !l.is_null()) {
            Some(l) => from_js::<GridLayout>(&l, "layout")?,
            None => GridLayout::standard(),
        };
        waypost::grid_workbook(&curriculum, &layout)
    };
    run().throw()
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

pub(crate) fn rename_in(
    catalog: &Catalog,
    text: &str,
    target: &str,
    rename: &JsValue,
    name: Option<&str>,
) -> Result<String, JsValue> {
    let run = || {
        let rename: Rename = from_js(rename, "rename")?;
        waypost::rename(catalog, document(text, None, name), target, &rename)
    };
    run().throw()
}

pub(crate) fn set_assesses_in(
    catalog: &Catalog,
    text: &str,
    assessment: &str,
    units: &[String],
    name: Option<&str>,
) -> Result<String, JsValue> {
    waypost::set_assesses(catalog, document(text, None, name), assessment, units).throw()
}
