//! JSON Schemas generated from the model types, for editors that validate and complete.

use crate::{
    error::{Diagnostic, Error, Result},
    model::{crosswalk::Crosswalk, curriculum::Curriculum, framework::Framework, policy::Policy},
};

/// The documents waypost has a schema for.
pub const SCHEMAS: [&str; 6] = [
    "curriculum",
    "framework",
    "policy",
    "crosswalk",
    "report",
    "self-assessment",
];

/// The JSON Schema of a document type, pretty-printed with a final newline.
pub fn schema(kind: &str) -> Result<String> {
    let schema = match kind.trim().to_ascii_lowercase().as_str() {
        "curriculum" => schemars::schema_for!(Curriculum),
        "framework" => schemars::schema_for!(Framework),
        "policy" => schemars::schema_for!(Policy),
        "crosswalk" => schemars::schema_for!(Crosswalk),
        "report" => schemars::schema_for!(crate::coverage::Report),
        "self-assessment" => schemars::schema_for!(crate::plan::SelfAssessment),
        other => {
            return Err(Error::usage(
                Diagnostic::new(format!("no schema named `{other}`")).with_hint(format!(
                    "the schemas are {}",
                    crate::error::backticked(&SCHEMAS.map(String::from))
                )),
            ));
        }
    };
    Ok(crate::render::to_json(&schema))
}
