//! Crossing the boundary: inputs given as text or objects, options, outputs as plain objects,
//! and errors as `Error` objects carrying the core's error report.

use js_sys::{JSON, Reflect};
use serde::Serialize;
use wasm_bindgen::JsValue;
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

/// A plain JavaScript value of any serde type: maps become objects, a missing value `null`,
/// exactly the shape of the JSON the core prints.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            error(&Error::parse(Diagnostic::new(format!(
                "cannot pass the result to JavaScript: {e}"
            ))))
        })
}

/// Reads a plain object (a report, options) into a serde type; `what` names it in the error.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<T, Error> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        Error::parse(
            Diagnostic::new(format!("cannot read the {what}: {e}"))
                .with_hint(format!("pass the {what} as waypost made it")),
        )
    })
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
    let diagnostics = report
        .diagnostics
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| js_sys::Array::new().into());
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
