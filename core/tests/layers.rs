#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The core's modules in layers that only look down: the data model and source locations at
//! the bottom, the format readers above them, the catalog of frameworks, the engine, and the
//! reports and interop on top (`docs/architecture.md` draws them). This test reads `core/src`
//! and fails on a `crate::` path from a module to one in a higher layer, so no import circle
//! through the layers can come back. Within the readers and the engine, each step may use only
//! the steps before it (a grid does not reach the loaders; the graph does not call back into
//! coverage).
//!
//! Test modules (`#[cfg(test)] mod …` and the files of `tests` submodules) may use anything.

use std::{
    collections::BTreeSet,
    fs,
    path::{Path, PathBuf},
};

/// The layers, lowest first; a module may use its own layer and those below. A module of a
/// folder (`render`) holds its files (`render/text`) unless they are listed themselves.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "source and model",
        &[
            "error", "safe", "source", "position", "tree", "model", "nearest",
        ],
    ),
    ("format readers: the compact form", &["compact"]),
    ("format readers: by format", &["format"]),
    ("format readers: grids", &["grid", "xlsx"]),
    ("format readers: loaders", &["load", "files"]),
    ("catalog", &["catalog", "choice"]),
    ("engine: codes", &["codes"]),
    ("engine: graph", &["graph"]),
    ("engine: policy", &["policy"]),
    ("engine: coverage", &["coverage"]),
    (
        "engine: built on coverage",
        &[
            "explain",
            "checks",
            "diff",
            "portfolio",
            "validate",
            "suggest",
            "plan",
            "reach",
            "expect",
        ],
    ),
    (
        "reports and interop",
        &[
            "render",
            "renderers",
            "lookup",
            "schema",
            "interop",
            "edit",
            "plan/render",
            "plan/team_render",
            "suggest/render",
            "lib",
            "api",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, as its module path (`render/text`, `model`, `lib`).
fn modules(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modules(&path, root, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(root).unwrap().with_extension("");
            let mut name = rel.to_string_lossy().replace('\\', "/");
            if let Some(parent) = name.strip_suffix("/mod") {
                name = parent.to_string();
            }
            out.push((name, path));
        }
    }
}

/// The layer of a module: that of its longest listed prefix.
fn layer_of(module: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, members)) in LAYERS.iter().enumerate() {
        for m in *members {
            let matches = module == *m || module.starts_with(&format!("{m}/"));
            if matches && best.is_none_or(|(len, _)| m.len() > len) {
                best = Some((m.len(), i));
            }
        }
    }
    best.map(|(_, i)| i)
}

/// The code of a file without comments and without its test module.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a `use crate::…;` tree names, each as its segments (`{a, b::{c, d}}` → a, b::c,
/// b::d).
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let prefix = if head.is_empty() {
            prefix.to_string()
        } else if prefix.is_empty() {
            head.to_string()
        } else {
            format!("{prefix}::{head}")
        };
        let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let (mut depth, mut start) = (0, 0);
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&body[start..i], &prefix, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&body[start..], &prefix, out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(if prefix.is_empty() {
            path.to_string()
        } else {
            format!("{prefix}::{path}")
        });
    }
}

/// Every module of the crate a file's code names through `crate::`.
fn uses(code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let is_use = rest[..i].trim_end().ends_with("use");
        if is_use {
            let end = after.find(';').unwrap_or(after.len());
            expand(&after[..end], "", &mut paths);
        } else {
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(after.len());
            paths.push(after[..end].to_string());
        }
        rest = after;
    }
    paths
        .iter()
        .filter_map(|p| {
            let segments: Vec<&str> = p.split("::").collect();
            (1..=segments.len())
                .rev()
                .map(|n| segments[..n].join("/"))
                .find(|m| known.contains(m))
        })
        .collect()
}

#[test]
fn modules_use_only_their_own_layer_and_those_below() {
    let root = src();
    let mut files = Vec::new();
    modules(&root, &root, &mut files);
    let known: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let mut unplaced = Vec::new();
    let mut upward = Vec::new();
    for (module, path) in &files {
        if module.ends_with("/tests") || module == "tests" {
            continue;
        }
        let Some(layer) = layer_of(module) else {
            unplaced.push(module.clone());
            continue;
        };
        for used in uses(&code(&fs::read_to_string(path).unwrap()), &known) {
            let Some(target) = layer_of(&used) else {
                continue;
            };
            if target > layer {
                upward.push(format!(
                    "{module} ({}) uses {used} ({})",
                    LAYERS[layer].0, LAYERS[target].0
                ));
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules in no layer (add them to LAYERS): {unplaced:?}"
    );
    assert!(
        upward.is_empty(),
        "modules using a higher layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_reader_of_use_trees_finds_every_path() {
    let known: BTreeSet<String> = ["graph", "model", "model/policy", "coverage", "error"]
        .map(String::from)
        .into();
    let text = "use crate::{\n    error::{Error, Result},\n    model::{policy::Policy, OneOrMany},\n};\nfn f() { crate::graph::Graph::new(); }";
    let found: Vec<String> = uses(text, &known).into_iter().collect();
    assert_eq!(found, ["error", "graph", "model", "model/policy"]);
    // A path inside a comment is not a use.
    assert!(uses(&code("// crate::coverage::Report\n"), &known).is_empty());
}
