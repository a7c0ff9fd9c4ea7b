//! A JSON or YAML curriculum edited as TOML, and written back in its own format.
//!
//! The editing (`edit.rs`) works on TOML text, keeping what a person wrote. A curriculum kept
//! as JSON or YAML is edited through a TOML document made from it: every key and value as the
//! model reads them, in the document's own order and shapes (a mapping written `"K4:developed"`
//! stays text), so nothing the model reads is lost. Saving turns the edited TOML back into
//! JSON or YAML. Both directions are checked: the document made loads as the same curriculum
//! as the one it was made from, or the conversion is refused rather than losing anything.
//!
//! What the round trip cannot keep is said before it happens, as notes: YAML comments and
//! anchors, a JSON file's layout, `null` values (TOML has none), and the order of keys where
//! TOML's tables must come after a table's other keys.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::{
    error::{Diagnostic, Error, Result},
    format::Format,
    load::load_curriculum,
    model::curriculum::Curriculum,
};

/// A curriculum as a TOML document to edit, with what saving it back in its own format will
/// not keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EditableCurriculum {
    /// The curriculum as TOML, for the editing functions (`map_unit`, `add_unit`, …). A TOML
    /// curriculum is its own text, unchanged.
    pub text: String,
    /// The format it came in, and is written back in with [`write_curriculum`].
    pub format: Format,
    /// What writing it back in its own format will not keep (none for TOML).
    pub notes: Vec<Diagnostic>,
}

/// The structural lists the editing adds tables to: written as `[[modules]]`,
/// `[[modules.units]]` and `[[modules.assessments]]` so that it can.
const ROOT_TABLES: &str = "modules";
const MODULE_TABLES: [&str; 2] = ["units", "assessments"];

/// A curriculum (TOML, JSON or YAML) as a TOML document the editing works on. The curriculum
/// is loaded first, so a broken one is refused with the loader's located errors.
pub fn editable_curriculum(
    text: &str,
    format: Format,
    name: Option<&str>,
) -> Result<EditableCurriculum> {
    if format == Format::Csv {
        return Err(Error::usage(
            Diagnostic::new("a mapping grid is edited as the TOML `import_grid` makes of it")
                .with_hint("write it back in its own columns with `write_grid`")
                .in_file(name),
        ));
    }
    let curriculum = load_curriculum(text, Some(format), name)?;
    if format == Format::Toml {
        return Ok(EditableCurriculum {
            text: text.to_string(),
            format,
            notes: Vec::new(),
        });
    }
    let mut notes = Notes::new(name);
    let written = read_tree(text, format, name)?;
    let model = model_value(&curriculum)?;
    let merged = shape(&written, &model, "", &mut notes);
    let toml = to_toml(&merged, name)?;
    let back = load_curriculum(&toml, Some(Format::Toml), name)?;
    // A `null` left out (with a note) is the one difference allowed.
    if model_value(&back)? != without_nulls(&model, "", &mut Notes::new(None)) {
        return Err(refused(name, "as TOML"));
    }
    let returned = toml_to_tree(&toml, name)?;
    notes.order(&merged, &returned, "");
    Ok(EditableCurriculum {
        text: toml,
        format,
        notes: notes.finish(format),
    })
}

/// A curriculum's TOML text (as the editing leaves it) written in `format`: JSON (pretty, two
/// spaces, ending in a newline) or YAML; TOML is returned as it is. The text written loads as
/// the same curriculum, or nothing is written.
pub fn write_curriculum(text: &str, format: Format, name: Option<&str>) -> Result<String> {
    let curriculum = load_curriculum(text, Some(Format::Toml), name)?;
    let tree = toml_to_tree(text, name)?;
    let out = match format {
        Format::Toml => return Ok(text.to_string()),
        Format::Json => json_text(&tree, name)?,
        Format::Yaml => super::write::to_yaml(&tree, "curriculum")?,
        Format::Csv => {
            return Err(Error::usage(
                Diagnostic::new("a curriculum is written as a mapping grid by `write_grid`")
                    .with_hint("write it as `toml`, `json` or `yaml`"),
            ));
        }
    };
    let back = load_curriculum(&out, Some(format), name)?;
    if model_value(&back)? != model_value(&curriculum)? {
        return Err(refused(
            name,
            &format!("as {}", format.as_str().to_uppercase()),
        ));
    }
    Ok(out)
}

fn refused(name: Option<&str>, how: &str) -> Error {
    Error::parse(
        Diagnostic::new(format!(
            "the curriculum cannot be written {how} without changing what it says"
        ))
        .with_hint(
            "keep it as it is and edit it by hand, or report the file to waypost's developers",
        )
        .in_file(name),
    )
}

/// The curriculum as the model reads it, for comparing two readings.
fn model_value(curriculum: &Curriculum) -> Result<Json> {
    serde_json::to_value(curriculum).map_err(|e| {
        Error::parse(Diagnostic::new(format!(
            "cannot compare the curriculum: {e}"
        )))
    })
}

/// The document's tree as written: keys in their order, YAML scalars typed by YAML's core
/// schema (the model's own reading types them; see [`shape`]).
fn read_tree(text: &str, format: Format, name: Option<&str>) -> Result<Json> {
    let text = text.trim_start_matches('\u{feff}');
    let unreadable = |message: String| Error::parse(Diagnostic::new(message).in_file(name));
    match format {
        Format::Json => serde_json::from_str(text).map_err(|e| unreadable(e.to_string())),
        _ => {
            let read = crate::tree::from_yaml_all::<Json>(text)
                .map_err(|e| unreadable(e.message.clone()))?;
            match (read.value, read.errors.first()) {
                (Some(value), None) => Ok(value),
                (_, Some(e)) => Err(unreadable(e.message.clone())),
                (None, None) => Err(unreadable("the curriculum is empty".to_string())),
            }
        }
    }
}

/// The document as written, with each value as the model reads it: the keys and their order,
/// and a mapping written as text, come from the document; a scalar's type from the model (a
/// YAML `code: 101` is the text `101`). A `null` is left out, with a note. A key the model
/// gives and the document does not (a default) is not added.
fn shape(written: &Json, model: &Json, path: &str, notes: &mut Notes) -> Json {
    match (written, model) {
        (Json::Object(w), Json::Object(m)) => {
            let mut out = Map::new();
            for (key, value) in w {
                let at = join(path, key);
                match (value, m.get(key)) {
                    (Json::Null, _) => notes.null(&at),
                    (value, Some(modelled)) => {
                        out.insert(key.clone(), shape(value, modelled, &at, notes));
                    }
                    // Left out by the model's writer (an empty list): kept as written.
                    (value, None) => {
                        out.insert(key.clone(), without_nulls(value, &at, notes));
                    }
                }
            }
            Json::Object(out)
        }
        (Json::Array(w), Json::Array(m)) if w.len() == m.len() => Json::Array(
            w.iter()
                .zip(m)
                .enumerate()
                .filter_map(|(i, (value, modelled))| {
                    let at = format!("{path}[{i}]");
                    if value.is_null() {
                        notes.null(&at);
                        None
                    } else {
                        Some(shape(value, modelled, &at, notes))
                    }
                })
                .collect(),
        ),
        // A mapping written as text (`K4:developed`), read by the model as a table.
        (Json::String(_), Json::Object(_)) => written.clone(),
        _ => without_nulls(model, path, notes),
    }
}

/// A value with its `null`s left out, each with a note.
fn without_nulls(value: &Json, path: &str, notes: &mut Notes) -> Json {
    match value {
        Json::Object(map) => Json::Object(
            map.iter()
                .filter_map(|(key, v)| {
                    let at = join(path, key);
                    if v.is_null() {
                        notes.null(&at);
                        None
                    } else {
                        Some((key.clone(), without_nulls(v, &at, notes)))
                    }
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let at = format!("{path}[{i}]");
                    if v.is_null() {
                        notes.null(&at);
                        None
                    } else {
                        Some(without_nulls(v, &at, notes))
                    }
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

// ---------------------------------------------------------------------------------------------
// The tree as TOML, and TOML as a tree
// ---------------------------------------------------------------------------------------------

/// The tree as a TOML document: the modules, and each module's units and assessments, as
/// arrays of tables (where the editing adds to them); everything else inline, in its order.
fn to_toml(tree: &Json, name: Option<&str>) -> Result<String> {
    let Json::Object(root) = tree else {
        return Err(Error::parse(
            Diagnostic::new("a curriculum is a table of keys").in_file(name),
        ));
    };
    let mut doc = DocumentMut::new();
    for (key, value) in root {
        let item = match value {
            Json::Array(modules) if key == ROOT_TABLES => tables(modules, &MODULE_TABLES, name)?,
            other => Item::Value(toml_value(other, key, name)?),
        };
        doc.insert(key, item);
    }
    Ok(doc.to_string())
}

/// A list of tables as `[[key]]` tables; the keys in `nested` of each as arrays of tables too.
fn tables(items: &[Json], nested: &[&str], name: Option<&str>) -> Result<Item> {
    let mut array = ArrayOfTables::new();
    for item in items {
        let Json::Object(map) = item else {
            // Not a list of tables: the loader has refused it already; written inline.
            return Ok(Item::Value(toml_value(
                &Json::Array(items.to_vec()),
                "",
                name,
            )?));
        };
        let mut table = Table::new();
        for (key, value) in map {
            let entry = match value {
                Json::Array(list) if nested.contains(&key.as_str()) && !list.is_empty() => {
                    tables(list, &[], name)?
                }
                other => Item::Value(toml_value(other, key, name)?),
            };
            table.insert(key, entry);
        }
        array.push(table);
    }
    Ok(Item::ArrayOfTables(array))
}

fn toml_value(value: &Json, key: &str, name: Option<&str>) -> Result<Value> {
    Ok(match value {
        Json::Bool(b) => Value::from(*b),
        Json::String(s) => Value::from(s.as_str()),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(f)) if n.is_f64() => Value::from(f),
            _ => {
                return Err(Error::parse(
                    Diagnostic::new(format!(
                        "`{key}` holds the number {n}, larger than a TOML integer"
                    ))
                    .with_hint("write it as text (in quotes) to map this curriculum in the page")
                    .in_file(name),
                ));
            }
        },
        Json::Array(items) => {
            let mut array = Array::new();
            for item in items {
                array.push(toml_value(item, key, name)?);
            }
            Value::Array(array)
        }
        Json::Object(map) => {
            let mut table = InlineTable::new();
            for (k, v) in map {
                table.insert(k, toml_value(v, k, name)?);
            }
            Value::InlineTable(table)
        }
        // Left out by `shape` before this.
        Json::Null => Value::from(""),
    })
}

/// A TOML text as a tree, keys in the document's order.
fn toml_to_tree(text: &str, name: Option<&str>) -> Result<Json> {
    let doc: DocumentMut =
        text.trim_start_matches('\u{feff}')
            .parse()
            .map_err(|e: toml_edit::TomlError| {
                Error::parse(Diagnostic::new(e.message().to_string()).in_file(name))
            })?;
    Ok(table_tree(doc.as_table().iter()))
}

fn table_tree<'a>(entries: impl Iterator<Item = (&'a str, &'a Item)>) -> Json {
    let mut map = Map::new();
    for (key, item) in entries {
        if let Some(value) = item_tree(item) {
            map.insert(key.to_string(), value);
        }
    }
    Json::Object(map)
}

fn item_tree(item: &Item) -> Option<Json> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(value_tree(v)),
        Item::Table(t) => Some(table_tree(t.iter())),
        Item::ArrayOfTables(a) => Some(Json::Array(
            a.iter().map(|t| table_tree(t.iter())).collect(),
        )),
    }
}

fn value_tree(value: &Value) -> Json {
    match value {
        Value::String(s) => Json::String(s.value().clone()),
        Value::Integer(i) => Json::from(*i.value()),
        Value::Float(f) => serde_json::Number::from_f64(*f.value())
            .map_or_else(|| Json::String(f.value().to_string()), Json::Number),
        Value::Boolean(b) => Json::Bool(*b.value()),
        Value::Datetime(d) => Json::String(d.value().to_string()),
        Value::Array(a) => Json::Array(a.iter().map(value_tree).collect()),
        Value::InlineTable(t) => {
            let mut map = Map::new();
            for (k, v) in t.iter() {
                map.insert(k.to_string(), value_tree(v));
            }
            Json::Object(map)
        }
    }
}

fn json_text(tree: &Json, name: Option<&str>) -> Result<String> {
    let mut text = serde_json::to_string_pretty(tree).map_err(|e| {
        Error::parse(
            Diagnostic::new(format!("cannot write the curriculum as JSON: {e}")).in_file(name),
        )
    })?;
    text.push('\n');
    Ok(text)
}

// ---------------------------------------------------------------------------------------------
// What is not kept
// ---------------------------------------------------------------------------------------------

struct Notes {
    path: Option<String>,
    nulls: Vec<String>,
    moved: Vec<String>,
}

impl Notes {
    fn new(name: Option<&str>) -> Self {
        Notes {
            path: name.map(str::to_string),
            nulls: Vec::new(),
            moved: Vec::new(),
        }
    }

    fn null(&mut self, at: &str) {
        self.nulls.push(at.to_string());
    }

    /// Each table whose keys come back from TOML in another order than written.
    fn order(&mut self, written: &Json, back: &Json, path: &str) {
        match (written, back) {
            (Json::Object(w), Json::Object(b)) => {
                if !w.keys().eq(b.keys()) {
                    self.moved.push(if path.is_empty() {
                        "the curriculum".to_string()
                    } else {
                        format!("`{path}`")
                    });
                }
                for (key, value) in w {
                    if let Some(other) = b.get(key) {
                        self.order(value, other, &join(path, key));
                    }
                }
            }
            (Json::Array(w), Json::Array(b)) => {
                for (i, (value, other)) in w.iter().zip(b).enumerate() {
                    self.order(value, other, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }

    fn note(&self, message: String, hint: Option<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            message,
            hint,
            ..Default::default()
        }
    }

    fn finish(self, format: Format) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        out.push(match format {
            Format::Yaml => self.note(
                "comments, anchors and aliases are not kept: the YAML is written afresh, with every value in full".to_string(),
                Some("keep the original beside the saved file if its comments matter".to_string()),
            ),
            _ => self.note(
                "the JSON is written afresh: two spaces an indent, one key a line".to_string(),
                None,
            ),
        });
        if !self.moved.is_empty() {
            out.push(self.note(
                format!(
                    "the order of keys changes in {}: lists of modules, units and assessments come after the other keys",
                    shown(&self.moved)
                ),
                None,
            ));
        }
        if !self.nulls.is_empty() {
            let listed: Vec<String> = self.nulls.iter().map(|p| format!("`{p}`")).collect();
            out.push(self.note(
                format!("`null` values are left out: {}", shown(&listed)),
                Some(
                    "TOML, which the editing works on, has no `null`; for waypost's own keys that changes nothing"
                        .to_string(),
                ),
            ));
        }
        out
    }
}

/// At most five places named, and how many more.
fn shown(places: &[String]) -> String {
    let first: Vec<&str> = places.iter().take(5).map(String::as_str).collect();
    match places.len().saturating_sub(5) {
        0 => first.join(", "),
        more => format!("{} and {more} more", first.join(", ")),
    }
}
