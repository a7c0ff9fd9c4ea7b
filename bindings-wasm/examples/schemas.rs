//! Prints one JSON Schema holding every type that crosses the JavaScript boundary, from the
//! same Rust types the package converts. The build turns it into `types.d.ts` with
//! json-schema-to-typescript, so the TypeScript declarations cannot drift from the Rust types.
//!
//! `cargo run -p waypost-wasm --example schemas > types.schema.json`
//!
//! What waypost returns is described as it is serialized (a field that is always written is
//! required, `null` where it has no value); what it accepts, as it is deserialized (a field
//! with a default may be left out). Where the two differ, the accepted form is named with
//! `Input` (`CurriculumInput`); where they agree, there is one type.

use std::collections::{BTreeMap, BTreeSet};

use schemars::{JsonSchema, SchemaGenerator, generate::SchemaSettings};
use serde_json::{Map, Value, json};

/// The types the package returns.
fn outputs(generator: &mut SchemaGenerator) -> Vec<(String, Value)> {
    fn add<T: JsonSchema>(g: &mut SchemaGenerator) -> (String, Value) {
        (
            T::schema_name().to_string(),
            g.subschema_for::<T>().to_value(),
        )
    }
    vec![
        add::<waypost::Report>(generator),
        add::<waypost::Explanation>(generator),
        add::<waypost::Validation>(generator),
        add::<waypost::FrameworkSummary>(generator),
        add::<waypost::Framework>(generator),
        add::<waypost::Crosswalk>(generator),
        add::<waypost::Curriculum>(generator),
        add::<waypost::Policy>(generator),
        add::<waypost::ErrorReport>(generator),
        add::<waypost::Format>(generator),
        add::<waypost::ReportFormat>(generator),
        add::<waypost::Suggestion>(generator),
        add::<waypost::CurriculumSuggestions>(generator),
        add::<waypost::SelfAssessment>(generator),
        add::<waypost::Plan>(generator),
        add::<waypost::Imported>(generator),
        add::<waypost::Exported>(generator),
        add::<waypost::ImportedCurriculum>(generator),
        add::<waypost::EditableCurriculum>(generator),
        add::<waypost::AssessedUnit>(generator),
        add::<waypost::Portfolio>(generator),
        add::<waypost::Diff>(generator),
        add::<waypost::Team>(generator),
        add::<waypost::Expectations>(generator),
    ]
}

/// The documents the package reads from text or an object: each has an `Input` name.
const DOCUMENTS: [&str; 5] = [
    "Curriculum",
    "Policy",
    "Framework",
    "Crosswalk",
    "SelfAssessment",
];

/// The types the package accepts.
fn inputs(generator: &mut SchemaGenerator) -> Vec<(String, Value)> {
    fn add<T: JsonSchema>(g: &mut SchemaGenerator) -> (String, Value) {
        (
            T::schema_name().to_string(),
            g.subschema_for::<T>().to_value(),
        )
    }
    vec![
        add::<waypost::Curriculum>(generator),
        add::<waypost::Policy>(generator),
        add::<waypost::Framework>(generator),
        add::<waypost::Crosswalk>(generator),
        add::<waypost::SelfAssessment>(generator),
        add::<waypost::NewModule>(generator),
        add::<waypost::NewUnit>(generator),
        add::<waypost::NewAssessment>(generator),
        add::<waypost::Starter>(generator),
        add::<waypost::FrameworkStarter>(generator),
        add::<waypost::Checks>(generator),
        add::<waypost::Rename>(generator),
        add::<waypost::GridLayout>(generator),
        add::<waypost_wasm::CheckOptions>(generator),
        add::<waypost_wasm::ReadOptions>(generator),
        add::<waypost_wasm::ReportPart>(generator),
        add::<waypost_wasm::SuggestOptions>(generator),
        add::<waypost_wasm::SuggestCurriculumOptions>(generator),
        add::<waypost_wasm::PlanOptions>(generator),
        add::<waypost_wasm::CaseImportOptions>(generator),
        add::<waypost_wasm::CaseExportOptions>(generator),
        add::<waypost_wasm::MoodleImportOptions>(generator),
        add::<waypost_wasm::FrameworkGridImportOptions>(generator),
        add::<waypost_wasm::GridImportOptions>(generator),
        add::<waypost_wasm::PortfolioItem>(generator),
        add::<waypost_wasm::PortfolioOptions>(generator),
        add::<waypost_wasm::DiffOptions>(generator),
        add::<waypost_wasm::TeamItem>(generator),
        add::<waypost_wasm::TeamOptions>(generator),
        add::<waypost_wasm::ExpectOptions>(generator),
    ]
}

/// The names of the definitions a schema refers to.
fn refs(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref")
                && let Some(name) = r.strip_prefix("#/$defs/")
            {
                found.insert(name.to_string());
            }
            map.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

/// Points every `$ref` to a definition in `renamed` at its new name.
fn rename(value: &mut Value, renamed: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(new) = r.strip_prefix("#/$defs/").and_then(|n| renamed.get(n))
            {
                *r = format!("#/$defs/{new}");
            }
            map.values_mut().for_each(|v| rename(v, renamed));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename(v, renamed)),
        _ => {}
    }
}

fn main() {
    let mut out_gen = SchemaGenerator::new(SchemaSettings::draft2020_12().for_serialize());
    let out_roots = outputs(&mut out_gen);
    let out_defs: Map<String, Value> = out_gen.take_definitions(true);

    let mut in_gen = SchemaGenerator::new(SchemaSettings::draft2020_12().for_deserialize());
    let in_roots = inputs(&mut in_gen);
    let in_defs: Map<String, Value> = in_gen.take_definitions(true);

    // An accepted type is the returned one when its schema and everything it refers to agree.
    let mut differs: BTreeSet<String> = in_defs
        .iter()
        .filter(|(name, schema)| out_defs.get(*name).is_some_and(|o| o != *schema))
        .map(|(name, _)| name.clone())
        .collect();
    loop {
        let before = differs.len();
        for (name, schema) in &in_defs {
            let mut used = BTreeSet::new();
            refs(schema, &mut used);
            if out_defs.contains_key(name) && used.iter().any(|u| differs.contains(u)) {
                differs.insert(name.clone());
            }
        }
        if differs.len() == before {
            break;
        }
    }
    let renamed: BTreeMap<String, String> = differs
        .iter()
        .map(|name| (name.clone(), format!("{name}Input")))
        .collect();

    let mut definitions = out_defs;
    for (name, mut schema) in in_defs {
        if out_definitions_has_same(&definitions, &name, &renamed) {
            continue;
        }
        rename(&mut schema, &renamed);
        let key = renamed.get(&name).cloned().unwrap_or(name);
        if let Value::Object(map) = &mut schema {
            map.insert("title".into(), Value::String(key.clone()));
        }
        definitions.insert(key, schema);
    }
    // Every document read from text or an object has an `Input` name, an alias where it is
    // the returned type.
    let mut roots: Vec<Value> = out_roots.into_iter().map(|(_, r)| r).collect();
    for (name, mut root) in in_roots {
        rename(&mut root, &renamed);
        let input = format!("{name}Input");
        if !definitions.contains_key(&input) && DOCUMENTS.contains(&name.as_str()) {
            definitions.insert(
                input.clone(),
                json!({ "title": input, "allOf": [{ "$ref": format!("#/$defs/{name}") }] }),
            );
        }
        roots.push(root);
    }

    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "WaypostTypes",
        "description": "Every type that crosses the JavaScript boundary.",
        "anyOf": roots,
        "$defs": definitions,
    });
    println!("{}", waypost::to_json(&root).trim_end());
}

/// Whether an accepted definition is already there under the same name (it agrees with the
/// returned one).
fn out_definitions_has_same(
    definitions: &Map<String, Value>,
    name: &str,
    renamed: &BTreeMap<String, String>,
) -> bool {
    definitions.contains_key(name) && !renamed.contains_key(name)
}
