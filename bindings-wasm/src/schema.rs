//! The JSON Schemas, as committed in `docs/schema/`. The core generates them with schemars at
//! run time; embedding the committed text instead keeps schemars' generator out of the
//! `.wasm` file (about 80 KB). A test here, and the command line's tests, keep the committed
//! files equal to what the core generates.

use waypost::{Diagnostic, Error, SCHEMAS};

/// Every schema the core has, by the name `waypost schema` takes, with the committed text.
const TEXTS: [(&str, &str); 6] = [
    (
        "curriculum",
        include_str!("../../docs/schema/curriculum.schema.json"),
    ),
    (
        "framework",
        include_str!("../../docs/schema/framework.schema.json"),
    ),
    (
        "policy",
        include_str!("../../docs/schema/policy.schema.json"),
    ),
    (
        "crosswalk",
        include_str!("../../docs/schema/crosswalk.schema.json"),
    ),
    (
        "report",
        include_str!("../../docs/schema/report.schema.json"),
    ),
    (
        "self-assessment",
        include_str!("../../docs/schema/self-assessment.schema.json"),
    ),
];

/// The schema of a document type, with the core's error for a name it does not know.
pub(crate) fn text(kind: &str) -> Result<&'static str, Error> {
    let wanted = kind.trim().to_ascii_lowercase();
    TEXTS
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, text)| *text)
        .ok_or_else(|| {
            Error::usage(
                Diagnostic::new(format!("no schema named `{wanted}`")).with_hint(format!(
                    "the schemas are {}",
                    SCHEMAS.map(|s| format!("`{s}`")).join(", ")
                )),
            )
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_embedded_schemas_are_the_ones_the_core_generates() {
        assert_eq!(TEXTS.map(|(name, _)| name), SCHEMAS);
        for (name, text) in TEXTS {
            assert_eq!(
                text,
                waypost::schema(name).unwrap(),
                "docs/schema/{name}.schema.json is stale: regenerate it with `waypost schema {name}`"
            );
        }
    }

    #[test]
    fn an_unknown_schema_gets_the_cores_error() {
        let ours = text("module").unwrap_err().to_report();
        let core = waypost::schema("module").unwrap_err().to_report();
        assert_eq!(ours, core);
    }
}
