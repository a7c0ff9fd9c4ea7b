//! The exceptions Python sees, made from the core's errors.
//!
//! Each exception carries the core's error as data: `code`, `message` and `diagnostics` (the
//! core's `ErrorReport`), and the location of the first diagnostic as `path`, `line`,
//! `column`, `pointer` and `hint`, so a caller can point at the problem without parsing text.

use std::{any::Any, panic::AssertUnwindSafe};

use pyo3::{create_exception, exceptions::PyValueError, prelude::*};
use waypost::Error;

use crate::convert::to_py;

create_exception!(
    waypost,
    WaypostError,
    PyValueError,
    "The base of every error waypost raises. Attributes: code, message, diagnostics, path, line, column, pointer, hint."
);
create_exception!(
    waypost,
    ParseError,
    WaypostError,
    "The input is not well-formed, or a value has the wrong type (code `parse`)."
);
create_exception!(
    waypost,
    ValidationError,
    WaypostError,
    "The input is well-formed but wrong: unknown codes, duplicate ids, dangling references (code `invalid`)."
);
create_exception!(
    waypost,
    UsageError,
    WaypostError,
    "The request is wrong, not the input: an unknown format or schema name, a format the result has no renderer for, an option that does not apply (code `usage`)."
);
create_exception!(
    waypost,
    UnknownFrameworkError,
    WaypostError,
    "No framework has the id asked for (code `unknown-framework`); `framework` and `available` say which exist."
);
create_exception!(
    waypost,
    WaypostIOError,
    WaypostError,
    "A file could not be read or written (code `io`); `path` names it."
);

/// The exception for a core error, with its attributes set.
pub(crate) fn to_py_err(py: Python<'_>, error: &Error) -> PyErr {
    let message = error.to_string();
    let err = match error.code() {
        "parse" => ParseError::new_err(message),
        "invalid" => ValidationError::new_err(message),
        "usage" => UsageError::new_err(message),
        "unknown-framework" => UnknownFrameworkError::new_err(message),
        "io" => WaypostIOError::new_err(message),
        _ => WaypostError::new_err(message),
    };
    match annotate(py, &err, error) {
        Ok(()) => err,
        Err(failed) => failed,
    }
}

fn annotate(py: Python<'_>, err: &PyErr, error: &Error) -> PyResult<()> {
    let value = err.value(py);
    let report = error.to_report();
    let first = error.first();
    value.setattr("code", &report.code)?;
    value.setattr("message", &report.message)?;
    value.setattr("diagnostics", to_py(py, &report.diagnostics)?)?;
    let path = match error {
        Error::Io { path, .. } => Some(path.clone()),
        Error::Write { path, .. } => path.clone(),
        _ => first.and_then(|d| d.path.clone()),
    };
    value.setattr("path", path)?;
    value.setattr("line", first.and_then(|d| d.line))?;
    value.setattr("column", first.and_then(|d| d.column))?;
    value.setattr("pointer", first.and_then(|d| d.pointer.clone()))?;
    value.setattr("hint", first.and_then(|d| d.hint.clone()))?;
    if let Error::UnknownFramework { id, available } = error {
        value.setattr("framework", id)?;
        value.setattr("available", available.clone())?;
    }
    Ok(())
}

/// A `WaypostError` for a failure that is waypost's own fault, never the input's.
pub(crate) fn internal(py: Python<'_>, what: &str) -> PyErr {
    let message = format!("internal error in waypost: {what}");
    let err = WaypostError::new_err(message.clone());
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("code", "internal")?;
        value.setattr("message", &message)?;
        value.setattr("diagnostics", pyo3::types::PyList::empty(py))?;
        for name in ["path", "line", "column", "pointer", "hint"] {
            value.setattr(name, py.None())?;
        }
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(failed) => failed,
    }
}

/// Runs core work with the GIL released, turning its errors into exceptions. A panic (a bug
/// in waypost, never expected on any input) becomes a `WaypostError` too, so none reaches
/// Python as anything but the package's own exception.
pub(crate) fn run<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> waypost::Result<T> + Send,
{
    match py.detach(move || std::panic::catch_unwind(AssertUnwindSafe(work))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(to_py_err(py, &error)),
        Err(panic) => Err(internal(py, &panic_message(panic.as_ref()))),
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_string()
    }
}
