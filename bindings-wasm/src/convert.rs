//! Crossing the boundary: inputs given as text or objects, options, outputs as plain objects,
//! and errors as `Error` objects carrying the core's error report.
//!
//! Values cross as JSON text: an answer is printed with the core's own JSON printer and parsed
//! with `JSON.parse`; an object handed in is printed with `JSON.stringify` and read by the
//! core's JSON reader, as every JSON input is. One conversion for every type, so the module
//! carries no per-type converter of
//! its own (serde-wasm-bindgen generated one per type and direction), and the objects have
//! exactly the shape of the JSON the command line prints.

use js_sys::{JSON, Reflect};
use serde::{
    Deserialize, Serialize,
    de::{DeserializeOwned, Visitor},
};
use wasm_bindgen::{JsCast, JsValue};
use waypost::{Diagnostic, Error, Format};

/// A document handed in from JavaScript: text in a named or guessed format, or an object,
/// which is read as the JSON `JSON.stringify(value, null, 2)` would print (so the line and
/// column of a problem refer to that text; its pointer names the key).
#[derive(Debug)]
pub(crate) struct Input {
    pub text: String,
    pub format: Option<Format>,
}

impl Input {
    /// Reads a value that must be text or an object. `what` names it in the error.
    pub fn from_js(value: &JsValue, format: Option<&str>, what: &str) -> Result<Input, Error> {
        if let Some(text) = value.as_string() {
            let format = format.map(Format::parse).transpose()?;
            return Ok(Input { text, format });
        }
        if value.is_object() && !value.is_function() {
            let text = JSON::stringify_with_replacer_and_space(
                value,
                &JsValue::NULL,
                &JsValue::from_f64(2.0),
            )
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                Error::parse(Diagnostic::new(format!(
                    "the {what} object cannot be written as JSON"
                )))
            })?;
            return Ok(Input {
                text,
                format: Some(Format::Json),
            });
        }
        Err(Error::parse(
            Diagnostic::new(format!(
                "expected the {what} as text or an object, not {}",
                type_name(value)
            ))
            .with_hint(
                "pass the file's text (TOML, JSON, YAML or a mapping-grid CSV) or an object",
            ),
        ))
    }

    /// The same, for a value already read from an options object (text or an object).
    pub fn from_json(value: &serde_json::Value, what: &str) -> Result<Input, Error> {
        match value {
            serde_json::Value::String(text) => Ok(Input {
                text: text.clone(),
                format: None,
            }),
            serde_json::Value::Object(_) => Ok(Input {
                text: waypost::to_json(value),
                format: Some(Format::Json),
            }),
            other => Err(Error::parse(
                Diagnostic::new(format!(
                    "expected the {what} as text or an object, not {}",
                    json_type(other)
                ))
                .with_hint("pass the file's text (TOML, JSON or YAML) or an object"),
            )),
        }
    }
}

fn type_name(value: &JsValue) -> String {
    if value.is_undefined() {
        "`undefined`".to_string()
    } else if value.is_null() {
        "`null`".to_string()
    } else {
        format!("a `{}`", value.js_typeof().as_string().unwrap_or_default())
    }
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "`null`",
        serde_json::Value::Bool(_) => "a `boolean`",
        serde_json::Value::Number(_) => "a `number`",
        serde_json::Value::String(_) => "a `string`",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an `object`",
    }
}

/// A plain JavaScript value of any serde type, parsed from the core's JSON: maps become
/// objects, a missing value `null`, keys in order.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    JSON::parse(&waypost::to_json(value))
}

/// Reads a plain object (a report, a plan, options) into a serde type; `what` names it in the
/// error. A key the type does not have is an error, not silently ignored: `unknown option
/// `frameWork`` for options, `unknown key `cod` in the module` for the rest.
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, Error> {
    let text = JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            Error::parse(
                Diagnostic::new(format!(
                    "cannot read the {what}: expected an object, not {}",
                    type_name(value)
                ))
                .with_hint(format!("pass the {what} as waypost made it")),
            )
        })?;
    check_keys(value, fields::<T>(), what)?;
    // Through the core's JSON reader, as all JSON input is read. The message is serde_json's.
    waypost::from_json_text(&text).map_err(|message| {
        Error::parse(
            Diagnostic::new(format!("cannot read the {what}: {}", clean(&message)))
                .with_hint(format!("pass the {what} as waypost made it")),
        )
    })
}

/// serde's wording in waypost's: no Rust type names (`expected struct CurriculumInfo` says
/// `expected an object`).
fn clean(message: &str) -> String {
    let mut out = message.replacen("invalid type: ", "wrong type: found ", 1);
    while let Some(at) = out.find("struct ") {
        let rest = out.get(at + "struct ".len()..).unwrap_or_default();
        let name = rest
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        out.replace_range(at..at + "struct ".len() + name, "an object");
    }
    out.replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
}

/// Reads an optional options object: `undefined` and `null` mean the defaults.
pub(crate) fn parse_options<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
) -> Result<T, Error> {
    match value.filter(|v| !v.is_undefined() && !v.is_null()) {
        Some(value) => from_js(&value, "options"),
        None => Ok(T::default()),
    }
}

/// Names a key of an object that a struct does not have.
fn check_keys(value: &JsValue, fields: &[&str], what: &str) -> Result<(), Error> {
    if fields.is_empty() || !value.is_object() || js_sys::Array::is_array(value) {
        return Ok(());
    }
    let listed = || {
        fields
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if fields.contains(&key.as_str()) {
            continue;
        }
        let (message, hint) = if what == "options" {
            (
                format!("unknown option `{key}`"),
                format!("the options are {}", listed()),
            )
        } else {
            (
                format!("unknown key `{key}` in the {what}"),
                format!("the keys are {}", listed()),
            )
        };
        return Err(Error::parse(Diagnostic::new(message).with_hint(hint)));
    }
    Ok(())
}

/// The field names a derived `Deserialize` of a struct accepts, as serde names them (with
/// their renames), asked of the derive itself so no list is written twice. Empty for a type
/// that is not a plain struct, whose keys are then not checked here.
fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    /// A deserializer that only records the fields a struct asks for, then stops.
    struct Probe<'a>(&'a mut &'static [&'static str]);

    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("fields recorded"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// The core's error as a JavaScript `Error`: `message` is the whole message as the command
/// line prints it; `code`, `diagnostics`, and the first diagnostic's `path`, `line`, `column`,
/// `pointer` and `hint` are properties.
pub(crate) fn error(e: &Error) -> JsValue {
    let report = e.to_report();
    let js = js_sys::Error::new(&report.message);
    js.set_name("WaypostError");
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh, unfrozen Error cannot fail.
        let _ = Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(&report.code));
    if let Some(d) = report.diagnostics.first() {
        let text = |s: &Option<String>| s.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str);
        let number =
            |n: Option<usize>| n.map_or(JsValue::UNDEFINED, |n| JsValue::from_f64(n as f64));
        set("path", text(&d.path));
        set("line", number(d.line));
        set("column", number(d.column));
        set("pointer", text(&d.pointer));
        set("hint", text(&d.hint));
    }
    let diagnostics = to_js(&report.diagnostics).unwrap_or_else(|_| js_sys::Array::new().into());
    set("diagnostics", diagnostics);
    js.into()
}

/// Runs a fallible core call and throws its error as an `Error`.
pub(crate) trait Throw<T> {
    fn throw(self) -> Result<T, JsValue>;
}

impl<T> Throw<T> for Result<T, Error> {
    fn throw(self) -> Result<T, JsValue> {
        self.map_err(|e| error(&e))
    }
}

/// Options shared by every function that reads one document given as text: its file name
/// (named in errors; its extension gives the format) and its format.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadOptions {
    /// The file name: named in errors, and its extension gives the format.
    pub name: Option<String>,
    /// The format when the document is text: `toml`, `json`, `yaml` or `csv` (default: from
    /// `name`, else guessed from the text).
    #[schemars(with = "Option<waypost::Format>")]
    pub format: Option<String>,
}

impl ReadOptions {
    /// Reads a curriculum given as text or an object, with these options' name and format.
    pub fn curriculum(&self, value: &JsValue) -> Result<waypost::Curriculum, Error> {
        let input = Input::from_js(value, self.format.as_deref(), "curriculum")?;
        waypost::load_curriculum(crate::convert::document(
            &input.text,
            input.format,
            self.name.as_deref(),
        ))
    }
}

/// A document for the core's loaders: text, the format the caller gave, and its name.
pub(crate) fn document<'a>(
    text: &'a str,
    format: Option<waypost::Format>,
    name: Option<&'a str>,
) -> waypost::Document<'a> {
    let mut document = waypost::Document::new(text);
    document.format = format;
    document.name = name;
    document
}
