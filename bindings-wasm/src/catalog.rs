//! A set of frameworks and crosswalks of one's own: the built-in ones and any added, with every
//! function that reads frameworks as a method.

use wasm_bindgen::prelude::*;

use crate::{
    check_in,
    convert::{Input, Throw, to_js},
    edit, explain_in, interop, many, plan, suggest, validate_in,
};

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
        let framework = waypost::load_framework(crate::convert::document(
            &input.text,
            input.format,
            name.as_deref(),
        ))
        .throw()?;
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
        let crosswalk = waypost::load_crosswalk(crate::convert::document(
            &input.text,
            input.format,
            name.as_deref(),
        ))
        .throw()?;
        self.inner
            .add_crosswalk(crosswalk)
            .map_err(|e| e.in_file(name.as_deref()))
            .throw()
    }

    /// The catalog's frameworks, with their sizes.
    #[wasm_bindgen(unchecked_return_type = "FrameworkSummary[]")]
    pub fn frameworks(&self) -> Result<JsValue, JsValue> {
        to_js(&waypost::frameworks(&self.inner))
    }

    /// One of the catalog's frameworks, whole.
    #[wasm_bindgen(unchecked_return_type = "Framework")]
    pub fn framework(&self, id: &str) -> Result<JsValue, JsValue> {
        to_js(self.inner.framework(id).throw()?)
    }

    /// Checks a curriculum against one of the catalog's frameworks; see `check`. (Its
    /// TypeScript declaration, with the `parts` overload, is in the crate's `TYPES`.)
    #[wasm_bindgen(skip_typescript)]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        check_in(&self.inner, &curriculum, options)
    }

    /// Checks a curriculum against every framework it declares, from the catalog; see
    /// `checkAll`.
    #[wasm_bindgen(js_name = checkAll, unchecked_return_type = "Checks")]
    pub fn check_all(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        crate::check_all_in(&self.inner, &curriculum, options)
    }

    /// Explains one statement's coverage; see `explain`.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        code: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        explain_in(&self.inner, &curriculum, code, options)
    }

    /// Validates a curriculum; see `validate`.
    #[wasm_bindgen(unchecked_return_type = "Validation")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        validate_in(&self.inner, &curriculum, options)
    }

    /// Suggests statements of one of the catalog's frameworks for a text; see `suggest`.
    #[wasm_bindgen(unchecked_return_type = "Suggestion[]")]
    pub fn suggest(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "SuggestOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        suggest::suggest_in(&self.inner, text, options)
    }

    /// Suggests mappings for a curriculum's unmapped units; see `suggestCurriculum`.
    #[wasm_bindgen(js_name = suggestCurriculum, unchecked_return_type = "CurriculumSuggestions")]
    pub fn suggest_curriculum(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] curriculum: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SuggestCurriculumOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        suggest::suggest_curriculum_in(&self.inner, &curriculum, options)
    }

    /// A development plan against one of the catalog's frameworks; see `plan`.
    #[wasm_bindgen(unchecked_return_type = "Plan")]
    pub fn plan(
        &self,
        #[wasm_bindgen(js_name = selfAssessment, unchecked_param_type = "string | SelfAssessmentInput")]
        self_assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PlanOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        plan::plan_in(&self.inner, &self_assessment, options)
    }

    #[cfg(feature = "full")]
    /// One of the catalog's frameworks as a CASE package; see `exportCase`.
    #[wasm_bindgen(js_name = exportCase)]
    pub fn export_case(
        &self,
        framework: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "CaseExportOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<String, JsValue> {
        interop::export_case_in(&self.inner, framework, options)
    }

    #[cfg(feature = "full")]
    /// One of the catalog's frameworks as a Moodle CSV; see `exportMoodle`.
    #[wasm_bindgen(js_name = exportMoodle, unchecked_return_type = "Exported")]
    pub fn export_moodle(&self, framework: &str) -> Result<JsValue, JsValue> {
        interop::export_moodle_in(&self.inner, framework)
    }

    /// A mapping grid as a curriculum file, checked against the catalog; see `importGrid`.
    #[wasm_bindgen(js_name = importGrid, unchecked_return_type = "ImportedCurriculum")]
    pub fn import_grid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] grid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "GridImportOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        interop::import_grid_in(&self.inner, &grid, options)
    }

    /// Changes a unit's mappings, checked against the catalog; see `map`.
    pub fn map(
        &self,
        text: &str,
        unit: &str,
        changes: Vec<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<String, JsValue> {
        edit::map_in(&self.inner, text, unit, &changes, name.as_deref())
    }

    /// Adds a module; see `addModule`.
    #[wasm_bindgen(js_name = addModule)]
    pub fn add_module(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "NewModule")] module: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<String, JsValue> {
        edit::add_module_in(&self.inner, text, &module, name.as_deref())
    }

    /// Adds a unit; see `addUnit`.
    #[wasm_bindgen(js_name = addUnit)]
    pub fn add_unit(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "NewUnit")] unit: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<String, JsValue> {
        edit::add_unit_in(&self.inner, text, &unit, name.as_deref())
    }

    /// Adds an assessment; see `addAssessment`.
    #[wasm_bindgen(js_name = addAssessment)]
    pub fn add_assessment(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "NewAssessment")] assessment: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<String, JsValue> {
        edit::add_assessment_in(&self.inner, text, &assessment, name.as_deref())
    }

    /// Renames a module, unit or assessment; see `rename`.
    pub fn rename(
        &self,
        text: &str,
        target: &str,
        #[wasm_bindgen(unchecked_param_type = "Rename")] rename: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<String, JsValue> {
        edit::rename_in(&self.inner, text, target, &rename, name.as_deref())
    }

    /// Sets which units an assessment assesses; see `setAssesses`.
    #[wasm_bindgen(js_name = setAssesses)]
    pub fn set_assesses(
        &self,
        text: &str,
        assessment: &str,
        units: Vec<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] name: Option<String>,
    ) -> Result<String, JsValue> {
        edit::set_assesses_in(&self.inner, text, assessment, &units, name.as_deref())
    }

    /// A starter file mapped to one of the catalog's frameworks; see `newCurriculum`.
    #[wasm_bindgen(js_name = newCurriculum)]
    pub fn new_curriculum(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Starter")] starter: JsValue,
    ) -> Result<String, JsValue> {
        edit::new_curriculum_in(&self.inner, &starter)
    }

    /// A portfolio against one of the catalog's frameworks; see `portfolio`.
    #[wasm_bindgen(unchecked_return_type = "Portfolio")]
    pub fn portfolio(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PortfolioItem[]")] curricula: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "PortfolioOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        many::portfolio_in(&self.inner, &curricula, options)
    }

    #[cfg(feature = "full")]
    /// Two versions compared against one of the catalog's frameworks; see `diff`.
    #[wasm_bindgen(unchecked_return_type = "Diff")]
    pub fn diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] old: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | CurriculumInput")] current: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DiffOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        many::diff_in(&self.inner, &old, &current, options)
    }

    /// A team view against one of the catalog's frameworks; see `team`.
    #[wasm_bindgen(unchecked_return_type = "Team")]
    pub fn team(
        &self,
        #[wasm_bindgen(js_name = selfAssessments, unchecked_param_type = "TeamItem[]")]
        self_assessments: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TeamOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        crate::team::team_in(&self.inner, &self_assessments, options)
    }

    /// A what-to-expect page from one of the catalog's frameworks; see `whatToExpect`.
    #[wasm_bindgen(js_name = whatToExpect, unchecked_return_type = "Expectations")]
    pub fn what_to_expect(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ExpectOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        crate::team::what_to_expect_in(&self.inner, options)
    }
}
