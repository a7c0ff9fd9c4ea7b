//! Curated crosswalks between two frameworks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Typed links from the statements of one framework (`from`) to those of another (`to`).
///
/// A crosswalk is always an interpretation: it names who curated it and gives a rationale
/// for every link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// Stable identifier.
    pub id: String,
    /// What the crosswalk connects, for people.
    pub title: String,
    /// Id of the framework whose codes appear in `links.from`.
    pub from: String,
    /// Id of the framework whose codes appear in `links.to`.
    pub to: String,
    /// Who curated the crosswalk.
    pub curated_by: String,
    /// When it was curated or last reviewed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// How the links were chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The links.
    pub links: Vec<CrosswalkLink>,
    /// Statements of the `to` framework with no defensible link, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmapped: Vec<Unmapped>,
}

/// One link of a crosswalk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrosswalkLink {
    /// Statement code in the `from` framework.
    pub from: String,
    /// Statement code in the `to` framework.
    pub to: String,
    /// How the two relate, read as "`to` is an exact / broader / narrower / related match of
    /// `from`" (the SKOS reading: `broader` means the `to` statement is the broader one).
    #[serde(rename = "type")]
    pub kind: MatchKind,
    /// One line on why the link holds.
    pub rationale: String,
}

/// How a statement in one framework matches one in another.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The two say the same thing.
    Exact,
    /// The target is broader than the source.
    Broader,
    /// The target is narrower than the source.
    Narrower,
    /// The two overlap without either containing the other.
    Related,
}

impl MatchKind {
    /// The same relation read from the other end.
    pub fn inverse(self) -> Self {
        match self {
            Self::Broader => Self::Narrower,
            Self::Narrower => Self::Broader,
            other => other,
        }
    }

    /// Whether covering the source statement counts as covering the target.
    ///
    /// Teaching a statement covers every statement that says the same or that contains it
    /// (exact, broader). It does not vouch for a narrower statement, which may ask for more,
    /// nor for a merely related one.
    pub fn propagates(self) -> bool {
        matches!(self, Self::Exact | Self::Broader)
    }

    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Broader => "broader",
            Self::Narrower => "narrower",
            Self::Related => "related",
        }
    }
}

/// A statement of the target framework that the crosswalk deliberately leaves unlinked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unmapped {
    /// Statement code in the `to` framework.
    pub code: String,
    /// Why no statement of the `from` framework matches it.
    pub reason: String,
}
