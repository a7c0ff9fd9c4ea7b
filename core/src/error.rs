//! Errors and diagnostics. Every problem with an input says where it is (file, line,
//! column, or the path inside the document), what was expected, and a hint where one exists.

use std::fmt;

use crate::safe::for_terminal;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One located problem in an input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// The file (or the name given to a string input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line, or for a spreadsheet the 1-based row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (characters), or for a spreadsheet the 1-based column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Where in the document, as a path of keys and indices (`modules[1].units[0].covers[2]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What would fix it, where that can be told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with only a message.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            ..Default::default()
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a hint if there is one.
    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// Adds the path inside the document.
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Places it at a line (and perhaps a column) of the file: for readers that know the
    /// place as they read (a grid's cell, a Moodle file's line), rather than a pointer.
    pub(crate) fn on_line(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// Names the file, keeping any file already named.
    pub fn in_file(mut self, path: Option<&str>) -> Self {
        if self.path.is_none() {
            self.path = path.map(str::to_string);
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    /// The diagnostic as a person reads it, with every control character from input shown
    /// escaped ([`for_terminal`](crate::for_terminal)): a message quoting a title that holds an escape
    /// sequence prints the sequence as text. The fields themselves keep the input exactly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.write_plain(&mut text)?;
        f.write_str(&crate::safe::for_terminal(&text))
    }
}

impl Diagnostic {
    fn write_plain(&self, f: &mut String) -> fmt::Result {
        use fmt::Write as _;
        // `file:line:column` as compilers print it; without a file, `line 3, column 7`.
        let mut place = match (&self.path, self.line, self.column) {
            (Some(path), Some(line), Some(column)) => format!("{path}:{line}:{column}"),
            (Some(path), Some(line), None) => format!("{path}:{line}"),
            (Some(path), None, _) => path.clone(),
            (None, Some(line), Some(column)) => format!("line {line}, column {column}"),
            (None, Some(line), None) => format!("line {line}"),
            (None, None, _) => String::new(),
        };
        if let Some(pointer) = &self.pointer {
            if place.is_empty() {
                place.push_str(&format!("at `{pointer}`"));
            } else {
                place.push_str(&format!(" (at `{pointer}`)"));
            }
        }
        if place.is_empty() {
            write!(f, "{}", self.message)?;
        } else {
            write!(f, "{place}: {}", self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in waypost.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The input is not well-formed, or a value has the wrong type.
    #[error("{0}")]
    Parse(Box<Diagnostic>),
    /// The input is well-formed but wrong: unknown codes, duplicate ids, dangling references.
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    /// The request is wrong, not the input: an unknown format or schema name, a format the
    /// result has no renderer for, an option that does not apply (code `usage`).
    #[error("{0}")]
    Usage(Box<Diagnostic>),
    /// No framework has this id.
    #[error("unknown framework `{}`\n  hint: the frameworks available are {}", for_terminal(.id), for_terminal(&backticked(.available)))]
    UnknownFramework {
        /// The id asked for.
        id: String,
        /// The ids that exist.
        available: Vec<String>,
    },
    /// A file could not be read (a failed write is [`Error::Write`]).
    #[error("cannot read `{}`: {}", for_terminal(.path), for_terminal(.message))]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        message: String,
    },
    /// A file, or standard output, could not be written (its code is `io` too).
    #[error("cannot write {}: {}{}", written(.path.as_deref()), for_terminal(.message), hint_line(.hint.as_deref()))]
    Write {
        /// The file; none for standard output.
        path: Option<String>,
        /// What went wrong.
        message: String,
        /// What would fix it, where that can be told.
        hint: Option<String>,
    },
}

fn written(path: Option<&str>) -> String {
    match path {
        Some(path) => format!("`{}`", for_terminal(path)),
        None => "standard output".to_string(),
    }
}

fn hint_line(hint: Option<&str>) -> String {
    hint.map(|h| format!("\n  hint: {h}")).unwrap_or_default()
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&d.to_string());
    }
    out
}

/// `1 unit`, `3 units`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(crate) fn backticked(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// A parse error from one diagnostic.
    pub fn parse(d: Diagnostic) -> Self {
        Error::Parse(Box::new(d))
    }

    /// A usage error from one diagnostic: the request is wrong, not the input.
    pub fn usage(d: Diagnostic) -> Self {
        Error::Usage(Box::new(d))
    }

    /// A failed write of a file, with what the system said.
    pub fn write(path: &std::path::Path, error: &std::io::Error) -> Self {
        Error::Write {
            path: Some(path.display().to_string()),
            message: error.to_string().to_lowercase(),
            hint: None,
        }
    }

    /// A short stable code for programs: `parse`, `invalid`, `usage`, `unknown-framework`,
    /// `io` (reading or writing).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse(_) => "parse",
            Error::Invalid(_) => "invalid",
            Error::Usage(_) => "usage",
            Error::UnknownFramework { .. } => "unknown-framework",
            Error::Io { .. } | Error::Write { .. } => "io",
        }
    }

    /// The located problems this error carries (none for an unknown framework or I/O).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Parse(d) | Error::Usage(d) => std::slice::from_ref(d.as_ref()),
            Error::Invalid(ds) => ds,
            _ => &[],
        }
    }

    /// The first located problem, for callers that show one.
    pub fn first(&self) -> Option<&Diagnostic> {
        self.diagnostics().first()
    }

    /// Names the file on every diagnostic that has none.
    pub fn in_file(self, path: Option<&str>) -> Self {
        match self {
            Error::Parse(d) => Error::Parse(Box::new(d.in_file(path))),
            Error::Usage(d) => Error::Usage(Box::new(d.in_file(path))),
            Error::Invalid(ds) => Error::Invalid(ds.into_iter().map(|d| d.in_file(path)).collect()),
            other => other,
        }
    }
}

/// The result type of waypost.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as data, for bindings and JSON output: a stable code, the full message, and the
/// located problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorReport {
    /// `parse`, `invalid`, `usage`, `unknown-framework` or `io`.
    pub code: String,
    /// The whole message as the command line prints it.
    pub message: String,
    /// Each located problem.
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// The error as data.
    pub fn to_report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_string(),
            message: self.to_string(),
            diagnostics: self.diagnostics().to_vec(),
        }
    }
}
