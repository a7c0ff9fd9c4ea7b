//! The options objects JavaScript passes. Their TypeScript types are generated from these
//! definitions (through their JSON Schema), like those of the core's types.

use schemars::JsonSchema;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use waypost::{Diagnostic, Error, Policy};

use crate::convert::{Input, from_js};

/// What to check a curriculum against, and how to read it when it is text.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckOptions {
    /// The framework's id (default: the first the curriculum declares, else
    /// `realising-recovery-2007`).
    pub framework: Option<String>,
    /// The policy, as text (TOML, JSON or YAML) or as an object (default: every statement at
    /// least introduced).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[schemars(with = "Option<PolicySource>")]
    pub policy: JsValue,
    /// The curriculum's file name: named in errors, and its extension gives the format.
    pub name: Option<String>,
    /// The curriculum's format when it is text: `toml`, `json`, `yaml` or `csv` (default:
    /// from `name`, else guessed from the text).
    #[schemars(with = "Option<waypost::Format>")]
    pub format: Option<String>,
}

/// A policy as text (TOML, JSON or YAML) or as an object. Only its schema is used, for the
/// TypeScript type: the value itself is read by the core's policy loader.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum PolicySource {
    /// The policy as text.
    Text(String),
    /// The policy as an object.
    Object(Policy),
}

impl CheckOptions {
    /// Reads the options argument; `undefined` and `null` mean the defaults.
    pub fn from_js(value: Option<JsValue>) -> Result<CheckOptions, Error> {
        let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
            return Ok(CheckOptions::default());
        };
        // serde-wasm-bindgen reads only the fields it knows, so a misspelt option would be
        // ignored without a word: name it instead.
        if value.is_object() {
            for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
                let key = key.as_string().unwrap_or_default();
                if !Self::FIELDS.contains(&key.as_str()) {
                    return Err(Error::parse(
                        Diagnostic::new(format!("unknown option `{key}`")).with_hint(format!(
                            "the options are {}",
                            Self::FIELDS.map(|f| format!("`{f}`")).join(", ")
                        )),
                    ));
                }
            }
        }
        from_js(value, "options")
    }

    const FIELDS: [&str; 4] = ["framework", "policy", "name", "format"];

    /// The policy the options name, or the default one.
    pub fn policy(&self) -> Result<Policy, Error> {
        if self.policy.is_undefined() || self.policy.is_null() {
            return Ok(Policy::default());
        }
        let input = Input::from_js(&self.policy, None, "policy")?;
        waypost::load_policy(&input.text, input.format, None)
    }

    /// Reads a curriculum given as text or an object, with these options' name and format.
    pub fn curriculum(&self, value: &JsValue) -> Result<waypost::Curriculum, Error> {
        let input = Input::from_js(value, self.format.as_deref(), "curriculum")?;
        waypost::load_curriculum(&input.text, input.format, self.name.as_deref())
    }
}
