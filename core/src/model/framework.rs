//! A training framework as published, plus the links this project curates around it.
//!
//! The types mirror the authoring format in `core/data/frameworks/*.toml` one to one, so the
//! file a person edits and the JSON a program reads have the same shape.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::OneOrMany;

/// A learning and training framework: its published statements grouped into domains, the
/// learning activities and resources it lists, and the links curated around them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable identifier, used to qualify statement codes (`realising-recovery-2007:K4`).
    pub id: String,
    /// The full published title.
    pub title: String,
    /// A short name for tables and terminals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The organisations that published the framework, in the order printed.
    pub publishers: Vec<String>,
    /// Year of publication.
    pub year: u16,
    /// Version or edition, where the publisher gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Date of publication (ISO 8601), where the document states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the text comes from and how to cite it.
    pub source: Source,
    /// The document's statements of purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<Purpose>,
    /// Definitions or quotations the document adopts (for example a working definition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub definitions: Vec<Quotation>,
    /// The ordered coverage scale, lowest first. Defaults to introduced < developed < assessed.
    #[serde(default = "default_levels")]
    pub levels: Vec<String>,
    /// How a parent statement's coverage derives from its children's: `all` (the default:
    /// covered once every child is, at the lowest level they reach) or `any` (once one child
    /// is, at the highest level a child reaches). A policy may choose otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hierarchy: Option<Hierarchy>,
    /// The domains statements belong to, in printed order.
    pub domains: Vec<Domain>,
    /// The framework's statements, in printed order.
    pub statements: Vec<Statement>,
    /// Learning activities the framework suggests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    /// Resources the framework lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// Typed links between the nodes above. Every link says whether it is published or curated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Settings of care the framework names (for example `acute inpatient`, `older people`): a
    /// portfolio's reach knows them beside the built-in list, so a course serving one is not
    /// warned about. Optional; the list stays open to the user's own as well.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
}

impl Framework {
    /// Each statement's parent (in printed order): its `parent`, or else its first `isChildOf`
    /// link to another statement of its domain, which is how a framework imported from CASE or
    /// Moodle may say it. Both are read the same way everywhere, so the two ways cannot
    /// disagree. Empty when no statement has either (the common case costs one scan).
    pub(crate) fn parents(&self) -> Vec<Option<&str>> {
        let links = self.links.iter().any(|l| l.kind == LinkType::IsChildOf);
        if !links && self.statements.iter().all(|s| s.parent.is_none()) {
            return Vec::new();
        }
        let mut parents: Vec<Option<&str>> = self
            .statements
            .iter()
            .map(|s| s.parent.as_deref())
            .collect();
        if links {
            let index: std::collections::HashMap<&str, usize> = self
                .statements
                .iter()
                .enumerate()
                .map(|(i, s)| (s.code.as_str(), i))
                .collect();
            for link in self.links.iter().filter(|l| l.kind == LinkType::IsChildOf) {
                let Some(&from) = index.get(link.from.as_str()) else {
                    continue;
                };
                let domain = self.statements.get(from).map(|s| s.domain.as_str());
                let to = link.to.as_slice().iter().find(|t| {
                    **t != link.from
                        && index
                            .get(t.as_str())
                            .and_then(|&i| self.statements.get(i))
                            .is_some_and(|s| Some(s.domain.as_str()) == domain)
                });
                if let (Some(slot @ None), Some(to)) = (parents.get_mut(from), to) {
                    *slot = Some(to.as_str());
                }
            }
        }
        parents
    }
}

/// The default coverage scale.
pub fn default_levels() -> Vec<String> {
    ["introduced", "developed", "assessed"]
        .map(String::from)
        .to_vec()
}

/// How a parent statement's coverage derives from its children's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Hierarchy {
    /// Covered once every child is covered, at the lowest level they reach; "k of n" until then.
    #[default]
    All,
    /// Covered once one child is covered, at the highest level a child reaches.
    Any,
}

impl Hierarchy {
    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Any => "any",
        }
    }
}

/// Where a framework's text comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A full citation of the published document.
    pub citation: String,
    /// Where the document was published online, as printed in or about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How the text was transcribed and what was cleaned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One stated purpose of the framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// `purpose` for what the document is for now, `future` for what it should do later.
    pub kind: PurposeKind,
    /// The published wording.
    pub text: String,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// Whether a purpose is a present purpose or one the document sets for the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PurposeKind {
    /// What the framework is for.
    Purpose,
    /// What it should do in the future.
    Future,
}

/// A quotation or definition the document adopts, with its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quotation {
    /// What the quotation is (for example `working definition of recovery`).
    pub name: String,
    /// The published wording.
    pub text: String,
    /// Whom the document attributes it to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// A group of statements (Knowledge, Skills, Values; or principles, meanings, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Identifier used by statements and policies (`knowledge`).
    pub id: String,
    /// Display name (`Knowledge`).
    pub name: String,
    /// The letters every statement code in this domain starts with (`K`).
    pub prefix: String,
    /// The sentence the published list hangs from, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stem: Option<String>,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// One published statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Short stable code: the domain prefix and the printed position (`K4`).
    pub code: String,
    /// The id of the domain it belongs to.
    pub domain: String,
    /// The code of the statement this one sits under, in the same framework and domain
    /// (`1.2` under `1`). A parent's coverage derives from its children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The published text, verbatim apart from cleaned extraction artefacts.
    pub text: String,
    /// Sub-items printed as a list under the statement, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The number as printed, where the document numbers it (`XII`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// A short curated label (2 to 5 words).
    pub label: String,
    /// Curated themes for grouping and search.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// Curated words and phrases that mean the same in practice, for search and suggestions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// A note on a published typo kept as printed, or on an extraction artefact that was cleaned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erratum: Option<String>,
}

/// A learning activity the framework suggests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Short stable code (`LA1`).
    pub code: String,
    /// The published wording.
    pub text: String,
    /// Who undertakes or facilitates it, as the document groups them.
    pub audience: String,
    /// A short curated label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// A resource the framework lists: a published work or a website.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Short stable code (`R1`).
    pub code: String,
    /// Published work or website.
    pub kind: ResourceKind,
    /// The citation (published work) or the site's name as a short title (website).
    pub title: String,
    /// The address as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The description the document gives, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// Kinds of resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKind {
    /// A book, report or article.
    Published,
    /// A website.
    Website,
}

/// A typed link from one node of the framework to one or more others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Code of the source node (statement, activity or resource).
    pub from: String,
    /// Code or codes of the target nodes.
    pub to: OneOrMany<String>,
    /// The kind of link.
    #[serde(rename = "type")]
    pub kind: LinkType,
    /// Whether the published document states the link or this project curated it.
    #[serde(default)]
    pub provenance: Provenance,
    /// Who curated the link (required when it is curated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curated_by: Option<String>,
    /// Why the link holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

/// Link types: the 1EdTech CASE association vocabulary, plus the plain mapping edges.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum LinkType {
    /// CASE `isChildOf`: the source sits under the target in a hierarchy.
    IsChildOf,
    /// CASE `isPartOf`.
    IsPartOf,
    /// CASE `exactMatchOf`.
    ExactMatchOf,
    /// CASE `isRelatedTo`.
    IsRelatedTo,
    /// CASE `isPeerOf`.
    IsPeerOf,
    /// CASE `precedes`: the source is best learned before the target.
    Precedes,
    /// CASE `replacedBy`.
    ReplacedBy,
    /// CASE `exemplar`: the source is an example of the target.
    Exemplar,
    /// An activity or resource that helps a worker develop the target statement.
    Supports,
}

impl LinkType {
    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IsChildOf => "isChildOf",
            Self::IsPartOf => "isPartOf",
            Self::ExactMatchOf => "exactMatchOf",
            Self::IsRelatedTo => "isRelatedTo",
            Self::IsPeerOf => "isPeerOf",
            Self::Precedes => "precedes",
            Self::ReplacedBy => "replacedBy",
            Self::Exemplar => "exemplar",
            Self::Supports => "supports",
        }
    }
}

/// Whether a link is stated by the source document or is this project's interpretation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// Stated by the published document.
    Published,
    /// An interpretation made by `curated_by`.
    #[default]
    Curated,
}
