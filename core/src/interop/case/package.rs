//! The CASE package as waypost writes it, and the `extensions.waypost` records that carry what
//! CASE has no field for (read back by the import).

use serde::{Deserialize, Serialize};

use crate::model::framework::{
    Domain, LinkType, Provenance, Purpose, Quotation, ResourceKind, Source,
};
#[derive(Serialize)]
pub(super) struct Package {
    #[serde(rename = "CFDocument")]
    pub(super) document: DocumentOut,
    #[serde(rename = "CFItems")]
    pub(super) items: Vec<ItemOut>,
    #[serde(rename = "CFAssociations")]
    pub(super) associations: Vec<AssociationOut>,
    #[serde(rename = "CFDefinitions")]
    pub(super) definitions: DefinitionsOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DocumentOut {
    pub(super) identifier: String,
    pub(super) uri: String,
    pub(super) case_version: &'static str,
    pub(super) creator: String,
    pub(super) title: String,
    pub(super) last_change_date_time: String,
    #[serde(rename = "officialSourceURL", skip_serializing_if = "Option::is_none")]
    pub(super) official_source_url: Option<String>,
    pub(super) publisher: String,
    pub(super) description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) notes: Option<String>,
    pub(super) extensions: Ext<DocumentExt>,
}

#[derive(Serialize)]
pub(super) struct ItemOut {
    pub(super) identifier: String,
    #[serde(rename = "fullStatement")]
    pub(super) full_statement: String,
    #[serde(rename = "CFItemType")]
    pub(super) item_type: String,
    pub(super) uri: String,
    #[serde(rename = "humanCodingScheme", skip_serializing_if = "Option::is_none")]
    pub(super) human_coding_scheme: Option<String>,
    #[serde(rename = "listEnumeration", skip_serializing_if = "Option::is_none")]
    pub(super) list_enumeration: Option<String>,
    #[serde(
        rename = "abbreviatedStatement",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) abbreviated_statement: Option<String>,
    #[serde(rename = "conceptKeywords", skip_serializing_if = "Vec::is_empty")]
    pub(super) concept_keywords: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) notes: Option<String>,
    #[serde(rename = "CFItemTypeURI")]
    pub(super) item_type_uri: LinkUri,
    #[serde(rename = "lastChangeDateTime")]
    pub(super) last_change_date_time: String,
    pub(super) extensions: Ext<ItemExt>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct AssociationOut {
    pub(super) identifier: String,
    pub(super) association_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) sequence_number: Option<usize>,
    pub(super) uri: String,
    #[serde(rename = "originNodeURI")]
    pub(super) origin: LinkUri,
    #[serde(rename = "destinationNodeURI")]
    pub(super) destination: LinkUri,
    #[serde(
        rename = "CFAssociationGroupingURI",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) grouping: Option<LinkUri>,
    pub(super) last_change_date_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) extensions: Option<Ext<LinkExt>>,
}

#[derive(Serialize, Clone)]
pub(super) struct LinkUri {
    pub(super) title: String,
    pub(super) identifier: String,
    pub(super) uri: String,
}

#[derive(Serialize)]
pub(super) struct DefinitionsOut {
    #[serde(rename = "CFItemTypes")]
    pub(super) item_types: Vec<ItemTypeOut>,
    #[serde(
        rename = "CFAssociationGroupings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub(super) groupings: Vec<GroupingOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ItemTypeOut {
    pub(super) identifier: String,
    pub(super) uri: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) hierarchy_code: String,
    pub(super) type_code: String,
    pub(super) last_change_date_time: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct GroupingOut {
    pub(super) identifier: String,
    pub(super) uri: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) last_change_date_time: String,
}

/// `{"waypost": ...}`: what CASE has no field for.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Ext<T> {
    pub(super) waypost: T,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DocumentExt {
    pub(super) id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) short_title: Option<String>,
    pub(super) publishers: Vec<String>,
    pub(super) year: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) date: Option<String>,
    pub(super) source: Source,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) purposes: Vec<Purpose>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) definitions: Vec<Quotation>,
    pub(super) levels: Vec<String>,
    /// The settings the framework names, when it names any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) settings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub(super) enum ItemExt {
    /// A domain: the item its statements are children of.
    Domain { domain: Domain },
    /// A statement.
    #[serde(rename_all = "camelCase")]
    Statement {
        domain: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        synonyms: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        erratum: Option<String>,
    },
    /// A learning activity.
    Activity {
        audience: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<String>,
    },
    /// A resource.
    #[serde(rename_all = "camelCase")]
    Resource {
        resource_kind: ResourceKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<String>,
    },
    /// The section holding the learning activities.
    Activities,
    /// The section holding the resources.
    Resources,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LinkExt {
    /// The link's place in the framework's `links`, so that one link to several targets reads
    /// back as one link.
    pub(super) link: usize,
    /// The waypost link type (`supports` travels as `isRelatedTo`).
    #[serde(rename = "type")]
    pub(super) kind: LinkType,
    pub(super) provenance: Provenance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) curated_by: Option<String>,
    /// Whether the link was written with a list of targets.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) many: bool,
}
