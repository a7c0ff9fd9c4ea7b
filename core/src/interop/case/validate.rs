//! Strict validation of a CASE package against the official JSON Schema (CASE 1.1) or the
//! OpenAPI file (CASE 1.0).

use serde_json::Value;

use crate::{
    error::{Diagnostic, Error, Result},
    format::{self, Format},
};

/// Validates a CASE package against an official schema, and lists every place it departs from
/// it (an empty list means the package is valid).
///
/// `schema` is the text of the CASE 1.1 CFPackage JSON Schema, or of the IMS CASE 1.0 OpenAPI
/// (Swagger) file, whose `CFPackage.Type` definition is then used. Formats (`uuid`,
/// `date-time`, …) are checked too.
pub fn validate_case(package: &str, schema: &str, name: Option<&str>) -> Result<Vec<Diagnostic>> {
    let instance: Value =
        format::deserialize(package, Format::Json, "CASE package").map_err(|e| e.in_file(name))?;
    let schema_value: Value = format::deserialize(schema, Format::Json, "schema")?;
    let (schema_value, draft) = match schema_value.get("definitions") {
        Some(definitions) if schema_value.get("swagger").is_some() => (
            serde_json::json!({
                "$ref": "#/definitions/CFPackage.Type",
                "definitions": definitions,
            }),
            Some(jsonschema::Draft::Draft4),
        ),
        _ => (schema_value, None),
    };
    let mut options = jsonschema::options().should_validate_formats(true);
    if let Some(draft) = draft {
        options = options.with_draft(draft);
    } else if schema_value.get("$schema").is_none() {
        options = options.with_draft(jsonschema::Draft::Draft201909);
    }
    let validator = options.build(&schema_value).map_err(|e| {
        Error::parse(
            Diagnostic::new(format!(
                "the schema cannot be used: {}",
                lower_first(&e.to_string())
            ))
            .with_hint("pass the official CASE 1.1 JSON Schema or the IMS CASE 1.0 OpenAPI file"),
        )
    })?;
    let mut problems = Vec::new();
    for error in validator.iter_errors(&instance) {
        let pointer = json_pointer_to_path(error.instance_path().as_str());
        // A key the schema does not allow is reported where the key is, one by one.
        let entries: Vec<(String, String, Option<String>)> = match error.kind() {
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                unexpected
                    .iter()
                    .map(|key| {
                        (
                            if pointer.is_empty() {
                                key.clone()
                            } else {
                                format!("{pointer}.{key}")
                            },
                            format!("the key `{key}` is not allowed here"),
                            Some("the schema allows no other keys in this object".to_string()),
                        )
                    })
                    .collect()
            }
            _ => {
                let (message, hint) = schema_message(&error);
                vec![(pointer, message, hint)]
            }
        };
        for (pointer, message, hint) in entries {
            problems.push(Diagnostic {
                path: name.map(str::to_string),
                pointer: (!pointer.is_empty()).then_some(pointer),
                message,
                hint,
                ..Default::default()
            });
        }
    }
    super::super::locate_diagnostics(package, &mut problems);
    Ok(problems)
}

fn schema_message(error: &jsonschema::ValidationError<'_>) -> (String, Option<String>) {
    use jsonschema::error::ValidationErrorKind as Kind;
    let shown = |v: &Value| {
        let text = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if text.chars().count() > 60 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text
        }
    };
    match error.kind() {
        Kind::AdditionalProperties { unexpected } => (
            format!(
                "{} not allowed here",
                if unexpected.len() == 1 {
                    format!("the key `{}` is", unexpected.join(""))
                } else {
                    format!(
                        "the keys {} are",
                        unexpected
                            .iter()
                            .map(|u| format!("`{u}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
            Some("the schema allows no other keys in this object".to_string()),
        ),
        Kind::Required { property } => (format!("missing key `{}`", shown(property)), None),
        Kind::Format { format } => (
            format!("`{}` is not a valid `{format}`", shown(error.instance())),
            match format.as_str() {
                "date-time" => Some(
                    "write a date and time with a zone, such as `2017-05-25T18:05:33Z`".to_string(),
                ),
                "date" => Some("write a date such as `2017-05-25`".to_string()),
                "uuid" => {
                    Some("write a UUID such as `8aa0eabb-95a2-5c42-b952-053b00d0df3e`".to_string())
                }
                _ => None,
            },
        ),
        Kind::Type { kind } => {
            let value = error.instance();
            let found = match value.as_ref() {
                Value::String(_) => format!("the text `{}`", shown(value)),
                Value::Number(_) => format!("the number `{}`", shown(value)),
                Value::Array(_) => "a list".to_string(),
                Value::Object(_) => "an object".to_string(),
                other => format!("`{other}`"),
            };
            (
                format!("wrong type: found {found}, expected {}", type_names(kind)),
                None,
            )
        }
        Kind::Enum { options } => (
            format!(
                "`{}` is not one of the allowed values",
                shown(error.instance())
            ),
            Some(format!("expected one of {}", shown(options))),
        ),
        Kind::OneOfNotValid { .. } | Kind::AnyOf { .. } => (
            format!(
                "`{}` matches none of the allowed forms",
                shown(error.instance())
            ),
            None,
        ),
        _ => (lower_first(&error.to_string()), None),
    }
}

fn type_names(kind: &jsonschema::error::TypeKind) -> String {
    match kind {
        jsonschema::error::TypeKind::Single(t) => format!("{t}"),
        jsonschema::error::TypeKind::Multiple(ts) => {
            let names: Vec<String> = (*ts).into_iter().map(|t| format!("{t}")).collect();
            names.join(" or ")
        }
    }
}

fn lower_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `/CFItems/0/CFDocumentURI` → `CFItems[0].CFDocumentURI`.
fn json_pointer_to_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        let part = part.replace("~1", "/").replace("~0", "~");
        if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_pointers_read_as_paths() {
        assert_eq!(
            json_pointer_to_path("/CFItems/0/CFDocumentURI"),
            "CFItems[0].CFDocumentURI"
        );
        assert_eq!(json_pointer_to_path(""), "");
    }
}
