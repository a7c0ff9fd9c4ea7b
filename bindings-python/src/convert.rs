//! Core values as plain Python values: the serde form of a type, as dicts, lists, strings,
//! numbers, booleans and `None`. Keys keep the order the core writes them in, so a dict reads
//! like the JSON report.

use pyo3::{
    prelude::*,
    types::{PyBool, PyDict, PyList, PyString},
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;
use waypost::{Diagnostic, Error};

use crate::errors::internal;

/// Any serde type of the core as a Python value.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|e| internal(py, &format!("cannot convert a value: {e}")))?;
    value_to_py(py, &value)
}

fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, value_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// One of the core's named choices (a unit kind, a domain rule) from the name Python gave,
/// read as the core reads it from a file, so the names are the files' names.
pub(crate) fn named<T: DeserializeOwned>(name: &str, what: &str) -> waypost::Result<T> {
    serde_json::from_value(Value::String(name.to_string())).map_err(|e| {
        let message = e.to_string();
        let expected = message
            .split_once(", expected ")
            .map(|(_, expected)| format!("expected {expected}"));
        Error::parse(Diagnostic::new(format!("unknown {what} `{name}`")).with_hint_opt(expected))
    })
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
