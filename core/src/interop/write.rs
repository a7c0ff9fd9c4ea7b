//! Writing imported frameworks and converted grids as files a person can read and go on
//! editing: TOML with a header that says where the file came from and what was not kept.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

use super::Imported;
use crate::{
    error::{Diagnostic, Error, Result},
    model::{
        curriculum::{Curriculum, Mapping, UnitKind},
        framework::Framework,
    },
};

fn comment_block(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// One note as a comment line: where it is in the source, what it says, and the hint.
fn note_line(d: &Diagnostic) -> String {
    let mut line = String::from("- ");
    if let Some(l) = d.line {
        line.push_str(&format!("line {l}: "));
    } else if let Some(p) = &d.pointer {
        line.push_str(&format!("{p}: "));
    }
    line.push_str(&d.message);
    if let Some(h) = &d.hint {
        line.push_str(&format!(" ({h})"));
    }
    line.replace('\n', " ")
}

/// An imported framework as TOML, headed by where it came from and, one per line, every note
/// on what could not be represented.
pub fn framework_to_toml(imported: &Imported, origin: &str) -> Result<String> {
    let body = toml::to_string_pretty(&imported.framework).map_err(|e| {
        Error::parse(Diagnostic::new(format!(
            "cannot write the framework as TOML: {e}"
        )))
    })?;
    let f = &imported.framework;
    let mut lines = vec![
        f.title.clone(),
        String::new(),
        format!("Imported by waypost from {origin}."),
        format!(
            "Use it beside the built-in frameworks with `waypost --with FILE check CURRICULUM --framework {}`.",
            f.id
        ),
        String::new(),
    ];
    if imported.notes.is_empty() {
        lines.push("Everything in the source was read.".to_string());
    } else {
        lines.push(
            "What the import could not represent, or made up (everything else was read):"
                .to_string(),
        );
        lines.extend(imported.notes.iter().map(note_line));
    }
    Ok(format!("{}\n{body}", comment_block(&lines)))
}

/// A framework, curriculum or any tree as YAML, which reads back as the same document: text
/// that YAML would read as something else (`101`, `yes`, `null`) is quoted.
pub fn to_yaml<T: serde::Serialize>(value: &T, what: &str) -> Result<String> {
    serde_saphyr::to_string(value).map_err(|e| {
        Error::usage(Diagnostic::new(format!(
            "cannot write the {what} as YAML: {e}"
        )))
    })
}

/// A framework as pretty JSON, ending in a newline.
pub fn framework_to_json(framework: &Framework) -> String {
    let mut text = serde_json::to_string_pretty(framework).unwrap_or_default();
    text.push('\n');
    text
}

/// A mapping as the string form a person writes: `K4` at the lowest level, `K4:developed`
/// above it. With the framework's scale, initials are written out (`K4=D` → `K4:developed`).
pub(crate) fn mapping_text(mapping: &Mapping, levels: Option<&[String]>) -> String {
    match &mapping.level {
        None => mapping.statement.to_string(),
        Some(level) => match levels.and_then(|l| {
            crate::codes::resolve_level(l, level).map(|i| (i, l.get(usize::from(i)).cloned()))
        }) {
            Some((0, _)) => mapping.statement.to_string(),
            Some((_, Some(name))) => format!("{}:{name}", mapping.statement),
            _ => format!("{}:{}", mapping.statement, level.trim()),
        },
    }
}

fn json_to_toml(v: &serde_json::Value) -> Option<Value> {
    match v {
        serde_json::Value::String(s) if s.trim().is_empty() => None,
        serde_json::Value::String(s) => Some(Value::from(s.as_str())),
        serde_json::Value::Bool(b) => Some(Value::from(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::from)
            .or_else(|| n.as_f64().map(Value::from)),
        serde_json::Value::Null => None,
        serde_json::Value::Array(items) => {
            let mut array = Array::new();
            for item in items {
                array.push_formatted(json_to_toml(item)?);
            }
            Some(Value::Array(array))
        }
        serde_json::Value::Object(_) => Some(Value::from(v.to_string())),
    }
}

fn mappings(list: &[Mapping], levels: Option<&[String]>) -> Value {
    let mut array = Array::new();
    for m in list {
        array.push(mapping_text(m, levels));
    }
    Value::Array(array)
}

fn strings(list: &[String]) -> Value {
    let mut array = Array::new();
    for s in list {
        array.push(s.as_str());
    }
    Value::Array(array)
}

/// A curriculum read from a mapping grid as a TOML file a person can go on editing: the grid's
/// own columns become keys, levels are written out by name, and a header says what the file
/// is and how to edit it.
pub fn curriculum_to_toml(
    curriculum: &Curriculum,
    origin: &str,
    framework: Option<&Framework>,
) -> String {
    let levels = framework.map(|f| f.levels.as_slice());
    let mut doc = DocumentMut::new();
    doc.insert("id", value(curriculum.id.as_str()));
    doc.insert("title", value(curriculum.title.as_str()));
    if let Some(p) = &curriculum.provider {
        doc.insert("provider", value(p.as_str()));
    }
    if let Some(v) = &curriculum.version {
        doc.insert("version", value(v.as_str()));
    }
    let frameworks: Vec<String> = if curriculum.frameworks.is_empty() {
        framework.map(|f| vec![f.id.clone()]).unwrap_or_default()
    } else {
        curriculum.frameworks.clone()
    };
    if !frameworks.is_empty() {
        doc.insert("frameworks", Item::Value(strings(&frameworks)));
    }
    if let Some(d) = &curriculum.description {
        doc.insert("description", value(d.as_str()));
    }
    for (key, v) in &curriculum.extra {
        if let Some(v) = json_to_toml(v) {
            doc.insert(key.as_str(), Item::Value(v));
        }
    }
    let mut modules = ArrayOfTables::new();
    for m in &curriculum.modules {
        let mut t = Table::new();
        t.insert("code", value(m.code.as_str()));
        if let Some(title) = &m.title {
            t.insert("title", value(title.as_str()));
        }
        if let Some(year) = m.year {
            t.insert("year", value(i64::from(year)));
        }
        if let Some(level) = &m.level {
            t.insert("level", value(level.as_str()));
        }
        if let Some(credits) = m.credits {
            t.insert("credits", value(i64::from(credits)));
        }
        for (key, v) in &m.extra {
            if let Some(v) = json_to_toml(v) {
                t.insert(key.as_str(), Item::Value(v));
            }
        }
        let mut units = ArrayOfTables::new();
        for u in &m.units {
            let mut ut = Table::new();
            ut.insert("id", value(u.id.as_str()));
            if u.kind != UnitKind::Outcome {
                ut.insert("kind", value(u.kind.as_str()));
            }
            if let Some(text) = &u.text {
                ut.insert("text", value(text.as_str()));
            }
            ut.insert("covers", Item::Value(mappings(&u.covers, levels)));
            for (key, v) in &u.extra {
                if let Some(v) = json_to_toml(v) {
                    ut.insert(key.as_str(), Item::Value(v));
                }
            }
            units.push(ut);
        }
        if !units.is_empty() {
            t.insert("units", Item::ArrayOfTables(units));
        }
        let mut assessments = ArrayOfTables::new();
        for a in &m.assessments {
            let mut at = Table::new();
            at.insert("id", value(a.id.as_str()));
            if let Some(title) = &a.title {
                at.insert("title", value(title.as_str()));
            }
            if let Some(w) = a.weight {
                at.insert("weight", value(i64::from(w)));
            }
            at.insert("assesses", Item::Value(strings(&a.assesses)));
            if !a.covers.is_empty() {
                at.insert("covers", Item::Value(mappings(&a.covers, levels)));
            }
            for (key, v) in &a.extra {
                if let Some(v) = json_to_toml(v) {
                    at.insert(key.as_str(), Item::Value(v));
                }
            }
            assessments.push(at);
        }
        if !assessments.is_empty() {
            t.insert("assessments", Item::ArrayOfTables(assessments));
        }
        modules.push(t);
    }
    if !modules.is_empty() {
        doc.insert("modules", Item::ArrayOfTables(modules));
    }

    let mut lines = vec![
        format!(
            "{}: converted by `waypost import` from {origin}.",
            curriculum.title
        ),
        String::new(),
        "Go on editing it by hand, or with `waypost map` and `waypost add` (see docs/editing.md):"
            .to_string(),
        "a bare code (\"K4\") means the lowest level of the scale, \"K4:developed\" a higher one,"
            .to_string(),
        "and a unit an assessment `assesses` counts as assessed.".to_string(),
    ];
    if curriculum.modules.iter().any(|m| {
        m.units.iter().any(|u| !u.extra.is_empty())
            || m.assessments.iter().any(|a| !a.extra.is_empty())
    }) {
        lines.push("The grid's own columns are kept as keys on each unit.".to_string());
    }
    if frameworks.is_empty() {
        lines.push(String::new());
        lines.push(
            "The grid names no framework: add `frameworks = [\"...\"]` so that its codes resolve."
                .to_string(),
        );
    }
    format!("{}\n{doc}", comment_block(&lines))
}
