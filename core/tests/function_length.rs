//! No function in the core runs much over 150 lines: a longer one is a module waiting to be
//! named (`docs/architecture.md`). This test measures every function in `core/src` and fails
//! on any longer than [`LIMIT`] lines, naming each with its file, line and length.
//!
//! The source is read as rustfmt leaves it: a function starts at a line whose first word (after
//! its visibility and qualifiers) is `fn`, and ends at the first later line that closes a brace
//! at the same indentation. Nested functions are measured on their own too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::{
    fs,
    path::{Path, PathBuf},
};

/// The most lines a function may take, from its signature to its closing brace.
const LIMIT: usize = 160;

/// Functions over the limit that other work is splitting, by file (from `core/src`) and name.
/// Each entry must still be over the limit, so that the list only shrinks; empty it as they
/// are split.
const ALLOWED: &[(&str, &str)] = &[];

/// A function found in a file: its name, the line it starts on (from 1), and its length.
#[derive(Debug, PartialEq, Eq)]
struct Function {
    name: String,
    line: usize,
    lines: usize,
}

/// The name of the function a line declares, if it declares one, and the line's indentation.
fn declares(line: &str) -> Option<(usize, String)> {
    let indent = line.len() - line.trim_start().len();
    let mut words = line.trim_start();
    loop {
        let word = words.split_whitespace().next()?;
        if word == "fn" {
            let rest = words.trim_start().strip_prefix("fn")?.trim_start();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            return (!name.is_empty()).then_some((indent, name));
        }
        let qualifier = word.starts_with("pub")
            || matches!(word, "const" | "async" | "unsafe" | "extern" | "\"C\"");
        if !qualifier {
            return None;
        }
        words = words.trim_start().get(word.len()..)?;
    }
}

/// Every function in a file's text, with its length.
fn functions(text: &str) -> Vec<Function> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some((indent, name)) = declares(line) else {
            continue;
        };
        let mut end = start;
        for (at, later) in lines.iter().enumerate().skip(start) {
            end = at;
            let head = later.get(..indent).unwrap_or("");
            let rest = later.get(indent..).unwrap_or("");
            let closes = head.trim().is_empty() && rest.starts_with('}');
            if at > start && closes {
                break;
            }
            // A declaration without a body (a trait's), or a body on one line.
            let signature = lines[start..=at].concat();
            if !signature.contains('{') && later.trim_end().ends_with(';') {
                break;
            }
            if at == start && later.contains('{') && later.trim_end().ends_with('}') {
                break;
            }
        }
        found.push(Function {
            name,
            line: start + 1,
            lines: end - start + 1,
        });
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_function_in_the_core_is_longer_than_the_limit() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut long = Vec::new();
    let mut still_long = Vec::new();
    for path in &files {
        let relative = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for f in functions(&fs::read_to_string(path).unwrap()) {
            if f.lines <= LIMIT {
                continue;
            }
            if ALLOWED.contains(&(relative.as_str(), f.name.as_str())) {
                still_long.push((relative.clone(), f.name.clone()));
            } else {
                long.push(format!(
                    "core/src/{relative}:{}: `{}` is {} lines",
                    f.line, f.name, f.lines
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions longer than {LIMIT} lines (split each along its own sections):\n{}",
        long.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .filter(|(file, name)| !still_long.iter().any(|(f, n)| f == file && n == name))
        .map(|(file, name)| format!("core/src/{file}: `{name}`"))
        .collect();
    assert!(
        stale.is_empty(),
        "these are no longer over {LIMIT} lines; take them off `ALLOWED`:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_measure_finds_functions_and_their_ends() {
    let text = "\
//! A module.

pub(crate) fn short() -> u8 {
    1
}

impl Thing {
    pub async fn method(
        &self,
        value: u8,
    ) -> u8 {
        let inner = || {
            value
        };
        inner()
    }
}

trait Shape {
    fn area(&self) -> f64;
}

fn one_line() { }
";
    assert_eq!(
        functions(text),
        vec![
            Function {
                name: "short".to_string(),
                line: 3,
                lines: 3
            },
            Function {
                name: "method".to_string(),
                line: 8,
                lines: 9
            },
            Function {
                name: "area".to_string(),
                line: 20,
                lines: 1
            },
            Function {
                name: "one_line".to_string(),
                line: 23,
                lines: 1
            },
        ]
    );
}
