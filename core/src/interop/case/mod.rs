//! 1EdTech CASE (Competencies and Academic Standards Exchange) packages.
//!
//! **Export** writes a CASE 1.1 CFPackage that validates against the official JSON Schema.
//! Every identifier is a UUID v5 derived from a name under [`NAMESPACE`] (statements from
//! their qualified id, `realising-recovery-2007:K4`), and every timestamp comes from the
//! framework, so two exports of the same framework are byte-identical. Domains become items
//! that statements are `isChildOf`; curated links keep their CASE type (`supports` becomes
//! `isRelatedTo`) and say in an extension what they were and who curated them. What CASE has
//! no field for travels in `extensions.waypost`, so a package waypost wrote reads back as the
//! same framework.
//!
//! **Import** reads CASE 1.0 and 1.1 packages leniently, as real ones are written, and notes
//! everything it could not represent. [`validate_case`] says separately what a package gets
//! wrong against the official schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod export;
mod import;
mod package;
#[cfg(feature = "case-schema")]
mod validate;

pub use export::{export_case, full_text};
pub use import::import_case;
#[cfg(feature = "case-schema")]
pub use validate::validate_case;

/// The namespace every waypost CASE identifier is derived in: the UUID v5 of the name
/// `waypost:case` in the URL namespace (`f4814d45-95d7-5a58-9661-b18924ff70e8`).
pub const NAMESPACE: Uuid = Uuid::from_u128(0xf481_4d45_95d7_5a58_9661_b189_24ff_70e8);

/// The UUID waypost gives a framework node in CASE: statements, activities and resources are
/// named by their qualified id (`realising-recovery-2007:K4`).
pub fn case_uuid(name: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

/// Choices for a CASE export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CaseExportOptions {
    /// Where the package will be served (`https://case.example.org/ims/case/v1p1`): each
    /// `uri` becomes `BASE/CFItems/UUID` and so on. Without it, URIs are `urn:uuid:UUID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_uri: Option<String>,
    /// The `lastChangeDateTime` of every record (RFC 3339). Without it, the framework's date
    /// of publication is used (or 1 January of its year), so the export is reproducible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_change: Option<String>,
}

/// How an import decides a framework's domains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DomainRule {
    /// The top of the `isChildOf` hierarchy when it has children, else the item types.
    #[default]
    Auto,
    /// Each top-level item with children is a domain; its descendants are its statements.
    Hierarchy,
    /// Each `CFItemType` is a domain; every item is a statement.
    ItemType,
}

/// Choices for a CASE import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CaseImportOptions {
    /// The framework id (default: the one a waypost export recorded, else the title's words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// How domains are found.
    #[serde(default)]
    pub domains: DomainRule,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_namespace_is_derived_as_documented() {
        assert_eq!(
            Uuid::new_v5(&Uuid::NAMESPACE_URL, b"waypost:case"),
            NAMESPACE
        );
        assert_eq!(
            case_uuid("realising-recovery-2007:K4").to_string(),
            "8aa0eabb-95a2-5c42-b952-053b00d0df3e"
        );
    }
}
