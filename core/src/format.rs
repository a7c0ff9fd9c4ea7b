//! Input formats, and turning text into model types with located errors.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error, Result};

pub use crate::source::MAX_INPUT_BYTES;

pub use crate::source::Format;

/// What an input file is: text in one of the [`Format`]s, or a spreadsheet workbook (a mapping
/// grid on its first sheet, read where the build has workbooks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Text in a format.
    Text(Format),
    /// A spreadsheet workbook.
    Workbook,
}

/// An input format as people name it: the names it is asked for by (the first is the one it
/// is listed by) and the file extensions that mean it.
#[derive(Debug, Clone, Copy)]
pub struct InputFormat {
    /// What it is read as.
    pub input: Input,
    /// The names it is asked for by; a workbook is told by its extension only.
    pub names: &'static [&'static str],
    /// The file extensions that mean it.
    pub extensions: &'static [&'static str],
}

/// Every input format: the one home of their names and extensions. [`Format::from_name`],
/// [`Format::parse`], [`Format::from_path`], [`Input::of`] and the format's name in messages
/// all read this table.
pub const INPUT_FORMATS: [InputFormat; 5] = [
    InputFormat {
        input: Input::Text(Format::Toml),
        names: &["toml"],
        extensions: &["toml"],
    },
    InputFormat {
        input: Input::Text(Format::Json),
        names: &["json"],
        extensions: &["json"],
    },
    InputFormat {
        input: Input::Text(Format::Yaml),
        names: &["yaml", "yml"],
        extensions: &["yaml", "yml"],
    },
    InputFormat {
        input: Input::Text(Format::Csv),
        names: &["csv", "grid"],
        extensions: &["csv", "grid"],
    },
    InputFormat {
        input: Input::Workbook,
        names: &[],
        extensions: &["xlsx", "xlsm", "xls", "xlsb", "ods"],
    },
];

impl Input {
    /// What a file name's extension says the file is, if anything.
    pub fn of(path: &Path) -> Option<Input> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        INPUT_FORMATS
            .iter()
            .find(|f| f.extensions.contains(&ext.as_str()))
            .map(|f| f.input)
    }
}

/// Whether a file name looks like a spreadsheet workbook rather than text.
pub fn is_workbook(path: &Path) -> bool {
    Input::of(path) == Some(Input::Workbook)
}

impl Format {
    /// The format a file name's extension says, if any (a workbook is none: it is not text).
    pub fn from_path(path: &Path) -> Option<Format> {
        match Input::of(path)? {
            Input::Text(format) => Some(format),
            Input::Workbook => None,
        }
    }

    /// Reads a format name (`toml`, `json`, `yaml`, `yml`, `csv`, or `grid`).
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.to_ascii_lowercase();
        INPUT_FORMATS.iter().find_map(|f| match f.input {
            Input::Text(format) if f.names.contains(&name.as_str()) => Some(format),
            _ => None,
        })
    }

    /// Reads a format name (`toml`, `json`, `yaml`, `yml`, `csv` or `grid`), or says which
    /// names there are.
    pub fn parse(name: &str) -> Result<Format> {
        Format::from_name(name.trim()).ok_or_else(|| {
            let names: Vec<String> = INPUT_FORMATS
                .iter()
                .filter_map(|f| f.names.first().map(|n| (*n).to_string()))
                .collect();
            Error::usage(
                Diagnostic::new(format!("unknown format `{}`", name.trim())).with_hint(format!(
                    "the formats are {}",
                    crate::error::backticked(&names)
                )),
            )
        })
    }

    /// Guesses the format of a text with no file name.
    ///
    /// JSON starts with `{`; a grid's first line is a header naming `module` and `covers`;
    /// TOML has `key = value` or `[table]` lines; anything else is read as YAML.
    pub fn sniff(text: &str) -> Format {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') {
            return Format::Json;
        }
        let first = body.lines().next().unwrap_or_default().to_ascii_lowercase();
        if first.contains(',') && first.contains("module") && first.contains("covers") {
            return Format::Csv;
        }
        for line in body.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[')
                || line
                    .split_once('=')
                    .is_some_and(|(k, _)| is_bare_key(k.trim()))
            {
                return Format::Toml;
            }
            break;
        }
        Format::Yaml
    }

    /// The name used in messages: the first of its names.
    pub fn as_str(self) -> &'static str {
        INPUT_FORMATS
            .iter()
            .find(|f| f.input == Input::Text(self))
            .and_then(|f| f.names.first().copied())
            .unwrap_or("toml")
    }
}

fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | ' '))
}

pub(crate) use crate::position::line_col;

/// Refuses inputs that are empty or too large to be a real curriculum or framework.
pub(crate) fn check_size(text: &str, what: &str) -> Result<()> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::parse(
            Diagnostic::new(format!(
                "the {what} is {} MB, more than the {} MB waypost reads",
                text.len() / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ))
            .with_hint("split it into several files"),
        ));
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::parse(
            Diagnostic::new(format!("the {what} is empty"))
                .with_hint(format!("a {what} needs at least an `id` and a `title`")),
        ));
    }
    Ok(())
}

/// Deserializes a TOML, JSON or YAML text into `T`, with the location of any syntax or type
/// error. Every type error is reported, not the first alone ([`deserialize_all`]): one as a
/// parse error, several as one error holding them all.
pub(crate) fn deserialize<T: DeserializeOwned>(
    text: &str,
    format: Format,
    what: &str,
) -> Result<T> {
    let read = deserialize_all(text, format, what)?;
    match (read.value, read.problems.len()) {
        (Some(value), 0) => Ok(value),
        _ => Err(shape_error(read.problems)),
    }
}

/// Problems of shape found while reading: one is a parse error, as it always was; several are
/// one error holding them all (code `invalid`).
pub(crate) fn shape_error(mut problems: Vec<Diagnostic>) -> Error {
    if problems.len() == 1
        && let Some(d) = problems.pop()
    {
        return Error::parse(d);
    }
    Error::Invalid(problems)
}

/// What [`deserialize_all`] read: the value made of what remained once every broken part was
/// set aside (if it could be read), every problem of shape, located, and the codes of the list
/// items set aside.
pub(crate) struct Read<T> {
    pub value: Option<T>,
    pub problems: Vec<Diagnostic>,
    pub set_aside: Vec<String>,
    /// For each list (by its path as written), the indices as written of the items set aside.
    removed: rustc_hash::FxHashMap<String, Vec<usize>>,
}

impl<T> Read<T> {
    /// A problem found later in what remained, with its paths (its pointer, and any path in
    /// backticks in its hint) as written in the document.
    pub(crate) fn as_written(&self, mut d: Diagnostic) -> Diagnostic {
        if self.removed.is_empty() {
            return d;
        }
        if let Some(pointer) = &d.pointer {
            d.pointer = Some(crate::tree::as_written_path(&self.removed, pointer));
        }
        if let Some(hint) = &d.hint {
            let parts: Vec<String> = hint
                .split('`')
                .enumerate()
                .map(|(i, part)| {
                    if i % 2 == 1 && part.contains('[') {
                        crate::tree::as_written_path(&self.removed, part)
                    } else {
                        part.to_string()
                    }
                })
                .collect();
            d.hint = Some(parts.join("`"));
        }
        d
    }
}

/// Deserializes a TOML, JSON or YAML text into `T`, collecting every problem of shape (a
/// missing key in one statement, a wrong type in another, an unknown key in a third) rather
/// than the first alone. A syntax error is the only problem, returned as an error.
///
/// JSON is read by serde_json, which stops at its first problem; only a text it refuses is
/// read again, into the tree TOML and YAML are read into, where every problem is collected
/// and placed as theirs are. A valid text costs what serde_json alone costs.
pub(crate) fn deserialize_all<T: DeserializeOwned>(
    text: &str,
    format: Format,
    what: &str,
) -> Result<Read<T>> {
    check_size(text, what)?;
    let text = text.trim_start_matches('\u{feff}');
    let collected = match format {
        Format::Toml => match crate::tree::from_toml_all(text) {
            Ok(collected) => collected,
            Err(e) => {
                let (message, hint) = split_expected(clean_message(e.message()));
                let mut d = Diagnostic::new(message).with_hint_opt(hint);
                if let Some(span) = e.span() {
                    let (line, column) = line_col(text, span.start);
                    d.line = Some(line);
                    d.column = Some(column);
                }
                return Err(Error::parse(d));
            }
        },
        Format::Json => match serde_json::from_str(text) {
            Ok(value) => {
                return Ok(Read {
                    value: Some(value),
                    problems: Vec::new(),
                    set_aside: Vec::new(),
                    removed: Default::default(),
                });
            }
            // Where the tree's parser meets a syntax error, serde_json's error stands: it meets
            // problems in text order, so it may be a problem of shape before that syntax error.
            // So it does, too, should the tree read the text without a problem.
            Err(e) => match crate::tree::from_json_all(text) {
                Ok(collected) if !collected.errors.is_empty() => collected,
                _ => return Err(json_error(e)),
            },
        },
        Format::Yaml => {
            crate::tree::from_yaml_all(text).map_err(|e| Error::parse(tree_diagnostic(text, &e)))?
        }
        Format::Csv => {
            return Err(Error::parse(
                Diagnostic::new(format!("a {what} cannot be read from a mapping grid"))
                    .with_hint("mapping grids hold curricula; write this as TOML, JSON or YAML"),
            ));
        }
    };
    Ok(Read {
        value: collected.value,
        problems: collected
            .errors
            .iter()
            .map(|e| tree_diagnostic(text, e))
            .collect(),
        set_aside: collected.set_aside,
        removed: collected.removed,
    })
}

/// serde_json's message without its " at line L column C" (the place is given apart).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(p) => full.get(..p).unwrap_or(&full).to_string(),
        None => full,
    }
}

/// serde_json's error as a diagnostic at its line and column.
fn json_error(e: serde_json::Error) -> Error {
    let message = json_message(&e);
    let message = message.as_str();
    let (message, hint) = unknown_key_hint(clean_message(message));
    let mut d = Diagnostic::new(message).with_hint_opt(hint);
    if e.line() > 0 {
        d.line = Some(e.line());
        // serde_json counts the bytes before the error on its line, so an error found by
        // looking at a line's first character is at column 0; columns are shown from 1.
        d.column = Some(e.column().max(1));
    }
    Error::parse(d)
}

/// A JSON error found through the tree, placed as serde_json places it: the line, and the
/// column as a count of bytes before the error's byte on its line. No path, as serde_json has
/// none. The oracle tests compare it with [`json_error`].
#[cfg(test)]
fn json_tree_error(text: &str, e: crate::tree::Error) -> Error {
    let (message, hint) = unknown_key_hint(clean_message(&e.message));
    let mut d = Diagnostic::new(message).with_hint_opt(hint);
    if let Some(crate::tree::Pos::Byte(index)) = e.pos {
        let before = text.as_bytes().get(..index).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let lines = before
            .get(..line_start)
            .unwrap_or_default()
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        d.line = Some(1 + lines);
        d.column = Some((index - line_start).max(1));
    }
    Error::parse(d)
}

/// Reads a JSON text into `T` as the loaders do, for the WebAssembly binding's objects
/// handed in from JavaScript: the error's message only, as serde_json words it.
pub fn from_json_text<T: DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
    serde_json::from_str(text).map_err(|e| json_message(&e))
}

/// A TOML or YAML error found in the tree, placed by line and column, with its path.
fn tree_diagnostic(text: &str, e: &crate::tree::Error) -> Diagnostic {
    let (message, hint) = split_expected(clean_message(&e.message));
    let mut d = Diagnostic::new(message).with_hint_opt(hint);
    let (line, column) = match e.pos {
        Some(crate::tree::Pos::Byte(offset)) => line_col(text, offset),
        Some(crate::tree::Pos::LineCol(line, column)) => (line, column),
        Some(crate::tree::Pos::Json(..)) | None => (0, 0),
    };
    d.line = Some(line).filter(|l| *l > 0);
    d.column = Some(column).filter(|c| *c > 0);
    d.pointer = e.pointer();
    d
}

/// A JSON error's message, and for an unknown key, the "did you mean" hint TOML and YAML give
/// (other JSON messages keep serde_json's wording whole).
fn unknown_key_hint(message: String) -> (String, Option<String>) {
    if message.starts_with("unknown key") {
        split_expected(message)
    } else {
        (message, None)
    }
}

/// Splits serde's "unknown key `x`, expected one of `a`, `b`" into a short message and a
/// hint that names the nearest key, so a typo gets "did you mean `level`?".
pub(crate) fn split_expected(message: String) -> (String, Option<String>) {
    let Some((head, tail)) = message
        .split_once(", expected one of ")
        .or_else(|| message.split_once(", expected "))
    else {
        return (message, None);
    };
    let options: Vec<&str> = tail
        .split(", ")
        .map(|o| o.trim().trim_matches('`'))
        .filter(|o| !o.is_empty())
        .collect();
    let found = head.rsplit('`').nth(1).unwrap_or_default();
    let nearest = crate::nearest::nearest(found, options.iter().copied());
    let hint = match nearest {
        Some(o) if !found.is_empty() => format!("did you mean `{o}`?"),
        _ if options.len() > 1 => format!(
            "expected one of {}",
            options
                .iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!("expected {tail}"),
    };
    (head.to_string(), Some(hint))
}

/// Rewrites serde's wording into the style of waypost's messages: lowercase, no final period,
/// no Rust type names.
fn clean_message(message: &str) -> String {
    let mut m = message.trim().trim_end_matches('.').to_string();
    for (from, to) in [
        ("EOF while", "end of file while"),
        ("invalid type: ", "wrong type: found "),
        ("unknown variant", "unknown value"),
        ("missing field", "missing key"),
        ("unknown field", "unknown key"),
        ("a sequence", "a list"),
        ("sequence", "list"),
        ("struct Curriculum", "a curriculum table"),
        ("struct Framework", "a framework table"),
        ("struct Policy", "a policy table"),
        ("map", "table"),
        ("u8", "a small whole number"),
        ("u16", "a whole number of 0 or more"),
        ("u32", "a whole number of 0 or more"),
        ("usize", "a whole number of 0 or more"),
    ] {
        m = m.replace(from, to);
    }
    m = m.replace("tableping", "mapping");
    let mut chars = m.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => m,
    }
}

/// Reads a file to a string, refusing one that is too large.
pub fn read_file(path: &Path) -> Result<String> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix =
                std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
            line_col(prefix, prefix.len())
        };
        Error::parse(Diagnostic {
            path: Some(path.display().to_string()),
            line: Some(line),
            column: Some(column),
            message: "the file is not UTF-8 text".to_string(),
            hint: Some("save it as UTF-8 (in Excel: CSV UTF-8)".to_string()),
            ..Default::default()
        })
    })
}

/// Reads a file's bytes, never more than [`MAX_INPUT_BYTES`]: the size the file reports is
/// only a first check, since a FIFO, a device (`/dev/zero`) or a file still growing reports
/// none or the wrong one. The read itself stops one byte past the limit, and that byte is
/// enough to refuse the file.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| Error::Io {
        path: shown.clone(),
        message: e.to_string().to_lowercase(),
    };
    let folder = || Error::Io {
        path: shown.clone(),
        message: "it is a folder, not a file".to_string(),
    };
    let too_large = || {
        Error::parse(Diagnostic {
            path: Some(shown.clone()),
            message: format!(
                "the file is larger than the {} MB waypost reads",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            hint: Some("split it into several files".to_string()),
            ..Default::default()
        })
    };
    // Opened once and asked its size through the open file: a portfolio reads thousands of
    // files, and a separate look-up by path before reading would double the system calls.
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        // Some systems refuse to open a folder at all.
        Err(_) if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) => return Err(folder()),
        Err(e) => return Err(io(e)),
    };
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(folder());
    }
    // A regular file's size is known before reading; anything else (a FIFO, a device) says 0.
    let reported = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    if reported > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    let limit = u64::try_from(MAX_INPUT_BYTES).unwrap_or(u64::MAX);
    let mut bytes = Vec::with_capacity(reported);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// JSON through the tree (which places problems found after loading) against serde_json (the
/// reader): the same values, and the same errors at the same line and column, for the repository's
/// documents and for many broken versions of them.
#[cfg(test)]
mod json_tree_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use std::fmt::Write as _;

    use serde::{Serialize, de::DeserializeOwned};

    use super::{json_error, json_tree_error};
    use crate::plan::SelfAssessment;
    use crate::{Crosswalk, Curriculum, Framework, Policy};

    fn both<T: DeserializeOwned + Serialize>(text: &str) -> (String, String) {
        let show = |r: Result<T, crate::Error>| match r {
            Ok(v) => format!("ok {}", serde_json::to_string(&v).unwrap()),
            Err(e) => format!("error {:?}", e.to_report()),
        };
        let native = show(serde_json::from_str::<T>(text).map_err(json_error));
        let tree = show(crate::tree::from_json::<T>(text).map_err(|e| json_tree_error(text, e)));
        (native, tree)
    }

    /// serde_json's syntax errors: reading in two steps reports one of these before a type
    /// error that comes earlier in the text.
    const SYNTAX: [&str; 20] = [
        "end of file while parsing",
        "expected `:`",
        "expected `,` or",
        "expected ident",
        "expected value",
        "invalid escape",
        "invalid number",
        "number out of range",
        "invalid unicode code point",
        "control character",
        "key must be a string",
        "lone leading surrogate",
        "trailing comma",
        "trailing characters",
        "unexpected end of hex escape",
        "recursion limit exceeded",
        "expected `\"`",
        "end of file while parsing a value",
        "end of file while parsing a string",
        "end of file while parsing a list",
    ];

    fn place(r: &str) -> Option<(usize, usize)> {
        let (_, rest) = r.split_once("line: Some(")?;
        let (line, rest) = rest.split_once(')')?;
        let (_, rest) = rest.split_once("column: Some(")?;
        let (column, _) = rest.split_once(')')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    }

    /// Whether the two results differ only in that order: serde_json met a type error first,
    /// the tree a syntax error after it (or inside a mapping, see below).
    fn syntax_first(native: &str, tree: &str) -> bool {
        let message = |r: &str| {
            r.split_once("message: \"")
                .map(|(_, m)| m.to_string())
                .unwrap_or_default()
        };
        let is_syntax = |r: &str| {
            let m = message(r);
            let m = m.split_once(": ").map_or(m.as_str(), |(_, m)| m);
            SYNTAX
                .iter()
                .any(|s| m.to_lowercase().starts_with(&s.to_lowercase()))
        };
        // A mapping's reader replaces any error inside it, a syntax error too, with the shapes
        // a mapping may take; the tree has met that syntax error before.
        let mapping = message(native).contains("expected a statement code such as");
        // serde_json words an enum that is not text "expected value", like a syntax error.
        let enum_value = native.contains("message: \"expected value\"");
        native.starts_with("error")
            && (!is_syntax(native) || enum_value)
            && is_syntax(tree)
            && (place(native) <= place(tree) || mapping)
    }

    /// Every reader of JSON in the model, on one text; a description of each difference.
    fn compare(text: &str, differences: &mut Vec<String>) {
        let results = [
            both::<Curriculum>(text),
            both::<Framework>(text),
            both::<Policy>(text),
            both::<Crosswalk>(text),
            both::<SelfAssessment>(text),
            both::<serde_json::Value>(text),
        ];
        for (native, tree) in results {
            if native != tree && !syntax_first(&native, &tree) {
                let mut d = String::new();
                let shown: String = text.chars().take(120).collect();
                let cut = |s: &str| s.chars().take(400).collect::<String>();
                let _ = write!(
                    d,
                    "{shown:?}\n  serde_json: {}\n  tree:       {}",
                    cut(&native),
                    cut(&tree)
                );
                differences.push(d);
            }
        }
    }

    fn documents() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut docs = Vec::new();
        for dir in [
            "core/data/frameworks",
            "core/data/crosswalks",
            "curricula/examples",
            "curricula/examples/policies",
            "curricula/examples/portfolio",
            "tests/bad-input",
            "tests/plan",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                match path.extension().and_then(|x| x.to_str()) {
                    Some("json") => docs.push(text),
                    Some("toml") => {
                        if let Ok(v) = toml::from_str::<toml::Value>(&text) {
                            docs.push(serde_json::to_string_pretty(&v).unwrap());
                        }
                    }
                    _ => {}
                }
            }
        }
        docs
    }

    #[test]
    fn documents_read_the_same() {
        let mut differences = Vec::new();
        for doc in documents() {
            compare(&doc, &mut differences);
        }
        assert!(differences.is_empty(), "{}", differences.join("\n"));
    }

    #[test]
    fn hand_written_cases_read_the_same() {
        let deep = format!("{}{}", "[".repeat(130), "]".repeat(130));
        let cases = [
            r#"{"id": "x", "title": "t"}"#,
            r#"{"id": "x", "title": "t", "id": "y"}"#,
            r#"{"id": "x", "titel": "t"}"#,
            r#"{"id": 5, "title": "t"}"#,
            r#"{"id": null, "title": "t"}"#,
            r#"{"id": [1, 2], "title": "t"}"#,
            r#"{"id": {"a": 1}, "title": "t"}"#,
            r#"{"id": "x", "title": "t", "modules": null}"#,
            r#"{"id": "x", "title": "t", "modules": "abc"}"#,
            r#"{"id": "x", "title": "t", "modules": [{"code": "M1"}]}"#,
            r#"{"id": "x", "title": "t", "modules": [{"code": "M1", "title": "m", "units": [{"code": "U1", "title": "u", "covers": ["V1"], "level": "bogus"}]}]}"#,
            r#"{"id": "x", "title": "t", "year": "2020"}"#,
            r#"{"id": "x", "title": "t", "year": -1}"#,
            r#"{"id": "x", "title": "t", "year": 70000}"#,
            r#"{"id": "x", "title": "t", "year": 1.5}"#,
            r#"{"id": "x", "title": "t", "extra": [-0, 1e400]}"#,
            r#"{"id": "x", "title": "t", "extra": [-0, 1.5e3, 18446744073709551616, -9223372036854775809, -9223372036854775808, 0.1, 1E-7]}"#,
            r#"{"id": "x\u00e9\ud83d\ude00", "title": "t\n\"\\\/\b\f\r\t"}"#,
            r#"{"id": "\ud83d", "title": "t"}"#,
            r#"{"id": "\ud83dx", "title": "t"}"#,
            r#"{"id": "\ud83d\u0041", "title": "t"}"#,
            r#"{"id": "\udc00", "title": "t"}"#,
            r#"{"id": "\x", "title": "t"}"#,
            r#"{"id": "\u12", "title": "t"}"#,
            r#"{"id": "\u12zz", "title": "t"}"#,
            "{\"id\": \"a\u{1}b\", \"title\": \"t\"}",
            "{\"id\": \"x\",\n \"title\": \"t\"\n}\n  x",
            "{\"id\": \"x\",\n \"title\": \"t\",\n}",
            "[1, 2,]",
            "[1 2]",
            "{\"a\" 1}",
            "{1: 2}",
            "{\"a\": 1 \"b\": 2}",
            "{\"a\": 1,",
            "{\"a\": tru}",
            "{\"a\": nul",
            "{\"a\": 01}",
            "{\"a\": 1.}",
            "{\"a\": 1.e5}",
            "{\"a\": 1e}",
            "{\"a\": 1e+}",
            "{\"a\": -}",
            "{\"a\": -x}",
            "{\"a\": .5}",
            "\"just text\"",
            "42",
            "null",
            "{\"a\": \"é\" , \"b\": 1}",
            "  {\"id\": \"é\",  \"title\": 5 }",
            &deep,
        ];
        let mut differences = Vec::new();
        for case in cases {
            compare(case, &mut differences);
        }
        assert!(differences.is_empty(), "{}", differences.join("\n"));
    }

    /// The one intended difference: serde_json reads a struct from a list of its fields'
    /// values (`[]` is an empty policy); the tree says a table was expected.
    #[test]
    fn a_list_is_not_read_as_a_table() {
        let text = "[]";
        let e = crate::tree::from_json::<Policy>(text)
            .map_err(|e| json_tree_error(text, e))
            .unwrap_err();
        let d = &e.to_report().diagnostics[0];
        assert_eq!(d.message, "wrong type: found list, expected a policy table");
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
    }

    /// Broken versions of each document: a byte removed, or a character inserted, at many
    /// places. Reading in two steps reports a syntax error before a type error earlier in the
    /// text; those cases are counted, not compared.
    #[test]
    fn broken_documents_read_the_same() {
        let mut differences = Vec::new();
        for doc in documents().iter().take(6) {
            let step = (doc.len() / 60).max(1);
            let mut at = 0;
            while at < doc.len() {
                if doc.is_char_boundary(at) {
                    let mut next = at + 1;
                    while !doc.is_char_boundary(next) {
                        next += 1;
                    }
                    let removed = format!("{}{}", &doc[..at], &doc[next..]);
                    compare(&removed, &mut differences);
                    for c in ['"', ',', '}', '1', '\\', '['] {
                        let inserted = format!("{}{c}{}", &doc[..at], &doc[at..]);
                        compare(&inserted, &mut differences);
                    }
                    compare(&doc[..at], &mut differences);
                }
                at += step;
            }
        }
        assert!(
            differences.is_empty(),
            "{} differences:\n{}",
            differences.len(),
            differences
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
