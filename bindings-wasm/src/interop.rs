//! Frameworks exchanged with the tools educators already use (1EdTech CASE packages, Moodle
//! competency frameworks), and mapping grids turned into curriculum files.

use wasm_bindgen::{JsCast, prelude::*};
use waypost::{Catalog, Error};

use crate::convert::document;

use crate::{
    builtin,
    convert::{Throw, parse_options, to_js},
    options::{
        CaseExportOptions, CaseImportOptions, FrameworkGridImportOptions, GridImportOptions,
        MoodleImportOptions,
    },
};

#[cfg(feature = "full")]
/// A built-in framework as a CASE 1.1 CFPackage (JSON text). Identifiers are UUIDs derived
/// from the statements' qualified ids, so two exports are byte-identical.
#[wasm_bindgen(js_name = exportCase)]
pub fn export_case(
    framework: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "CaseExportOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    export_case_in(builtin()?, framework, options)
}

#[cfg(feature = "full")]
/// Reads a CASE 1.0 or 1.1 package (JSON text) as a framework, with a note for everything it
/// could not represent. Add the framework to a `Catalog` to check curricula against it.
#[wasm_bindgen(js_name = importCase, unchecked_return_type = "Imported")]
pub fn import_case(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "CaseImportOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: CaseImportOptions = parse_options(options)?;
        let core = waypost::CaseImportOptions {
            id: options.id,
            domains: options.domains,
        };
        waypost::import_case(document(text, None, options.name.as_deref()), &core)
    };
    to_js(&run().throw()?)
}

#[cfg(feature = "full")]
/// A built-in framework as the CSV Moodle's competency framework importer reads, with a note
/// for everything Moodle has no place for.
#[wasm_bindgen(js_name = exportMoodle, unchecked_return_type = "Exported")]
pub fn export_moodle(framework: &str) -> Result<JsValue, JsValue> {
    export_moodle_in(builtin()?, framework)
}

#[cfg(feature = "full")]
/// Reads a Moodle competency framework CSV as a framework, with a note for everything it could
/// not represent.
#[wasm_bindgen(js_name = importMoodle, unchecked_return_type = "Imported")]
pub fn import_moodle(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "MoodleImportOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: MoodleImportOptions = parse_options(options)?;
        let core = waypost::MoodleImportOptions { id: options.id };
        waypost::import_moodle(document(text, None, options.name.as_deref()), &core)
    };
    to_js(&run().throw()?)
}

/// Reads a framework kept as a spreadsheet (CSV text, or a workbook's bytes: XLSX, XLS or
/// ODS), one row per statement, a header naming `code` and `text`, as a framework, with a note
/// for everything the sheet did not give.
#[wasm_bindgen(js_name = importFrameworkGrid, unchecked_return_type = "Imported")]
pub fn import_framework_grid(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] grid: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FrameworkGridImportOptions")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: FrameworkGridImportOptions = parse_options(options)?;
        let name = options.name.as_deref();
        let core = waypost::FrameworkGridOptions {
            id: options.id.clone(),
            title: options.title.clone(),
            publisher: options.publisher.clone(),
            year: options.year,
            sheet: None,
        };
        if let Some(text) = grid.as_string() {
            waypost::import_framework_grid(document(&text, None, name), &core)
        } else if let Some(bytes) = grid.dyn_ref::<js_sys::Uint8Array>() {
            waypost::import_framework_workbook(&bytes.to_vec(), name, &core)
        } else {
            Err(Error::parse(
                waypost::Diagnostic::new(
                    "expected the framework grid as CSV text or a workbook's bytes",
                )
                .with_hint("pass the CSV file's text, or an XLSX file's bytes as a `Uint8Array`"),
            ))
        }
    };
    to_js(&run().throw()?)
}

/// Turns a mapping grid (CSV text, or a spreadsheet workbook's bytes) into a curriculum TOML
/// file a person can go on editing, checked against its framework, as `waypost import GRID
/// --from grid --to toml` does.
#[wasm_bindgen(js_name = importGrid, unchecked_return_type = "ImportedCurriculum")]
pub fn import_grid(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] grid: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GridImportOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    import_grid_in(builtin()?, &grid, options)
}

#[cfg(feature = "full")]
pub(crate) fn export_case_in(
    catalog: &Catalog,
    framework: &str,
    options: Option<JsValue>,
) -> Result<String, JsValue> {
    let run = || -> Result<String, Error> {
        let options: CaseExportOptions = parse_options(options)?;
        let core = waypost::CaseExportOptions {
            base_uri: options.base_uri,
            last_change: options.last_change,
        };
        Ok(waypost::export_case(catalog.framework(framework)?, &core))
    };
    run().throw()
}

#[cfg(feature = "full")]
pub(crate) fn export_moodle_in(catalog: &Catalog, framework: &str) -> Result<JsValue, JsValue> {
    to_js(&waypost::export_moodle(
        catalog.framework(framework).throw()?,
    ))
}

pub(crate) fn import_grid_in(
    catalog: &Catalog,
    grid: &JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: GridImportOptions = parse_options(options)?;
        let name = options.name.as_deref();
        let curriculum = if let Some(text) = grid.as_string() {
            waypost::load_curriculum(crate::convert::document(
                &text,
                Some(waypost::Format::Csv),
                name,
            ))?
        } else if let Some(bytes) = grid.dyn_ref::<js_sys::Uint8Array>() {
            let workbook = waypost::WorkbookOptions::default();
            waypost::load_workbook(&bytes.to_vec(), name, &workbook)?
        } else {
            return Err(Error::parse(
                waypost::Diagnostic::new(
                    "expected the mapping grid as CSV text or a workbook's bytes",
                )
                .with_hint("pass the CSV file's text, or an XLSX file's bytes as a `Uint8Array`"),
            ));
        };
        waypost::import_grid(catalog, curriculum, name, &options.core())
    };
    to_js(&run().throw()?)
}
