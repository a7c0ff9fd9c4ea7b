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

use std::collections::{BTreeMap, BTreeSet, HashMap};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::{
    Imported, Notes, checked, clean_code, common_prefix, initials, short_label, slug, usable_code,
};
use crate::{
    error::{Diagnostic, Error, Result},
    format::{self, Format},
    model::{
        OneOrMany,
        framework::{
            Activity, Domain, Framework, Link, LinkType, Provenance, Purpose, Quotation, Resource,
            ResourceKind, Source, Statement, default_levels,
        },
    },
};

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

// ---------------------------------------------------------------------------------------------
// The package, as written
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct Package {
    #[serde(rename = "CFDocument")]
    document: DocumentOut,
    #[serde(rename = "CFItems")]
    items: Vec<ItemOut>,
    #[serde(rename = "CFAssociations")]
    associations: Vec<AssociationOut>,
    #[serde(rename = "CFDefinitions")]
    definitions: DefinitionsOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentOut {
    identifier: String,
    uri: String,
    case_version: &'static str,
    creator: String,
    title: String,
    last_change_date_time: String,
    #[serde(rename = "officialSourceURL", skip_serializing_if = "Option::is_none")]
    official_source_url: Option<String>,
    publisher: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    extensions: Ext<DocumentExt>,
}

#[derive(Serialize)]
struct ItemOut {
    identifier: String,
    #[serde(rename = "fullStatement")]
    full_statement: String,
    #[serde(rename = "CFItemType")]
    item_type: String,
    uri: String,
    #[serde(rename = "humanCodingScheme", skip_serializing_if = "Option::is_none")]
    human_coding_scheme: Option<String>,
    #[serde(rename = "listEnumeration", skip_serializing_if = "Option::is_none")]
    list_enumeration: Option<String>,
    #[serde(
        rename = "abbreviatedStatement",
        skip_serializing_if = "Option::is_none"
    )]
    abbreviated_statement: Option<String>,
    #[serde(rename = "conceptKeywords", skip_serializing_if = "Vec::is_empty")]
    concept_keywords: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(rename = "CFItemTypeURI")]
    item_type_uri: LinkUri,
    #[serde(rename = "lastChangeDateTime")]
    last_change_date_time: String,
    extensions: Ext<ItemExt>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AssociationOut {
    identifier: String,
    association_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sequence_number: Option<usize>,
    uri: String,
    #[serde(rename = "originNodeURI")]
    origin: LinkUri,
    #[serde(rename = "destinationNodeURI")]
    destination: LinkUri,
    #[serde(
        rename = "CFAssociationGroupingURI",
        skip_serializing_if = "Option::is_none"
    )]
    grouping: Option<LinkUri>,
    last_change_date_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extensions: Option<Ext<LinkExt>>,
}

#[derive(Serialize, Clone)]
struct LinkUri {
    title: String,
    identifier: String,
    uri: String,
}

#[derive(Serialize)]
struct DefinitionsOut {
    #[serde(rename = "CFItemTypes")]
    item_types: Vec<ItemTypeOut>,
    #[serde(
        rename = "CFAssociationGroupings",
        skip_serializing_if = "Vec::is_empty"
    )]
    groupings: Vec<GroupingOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ItemTypeOut {
    identifier: String,
    uri: String,
    title: String,
    description: String,
    hierarchy_code: String,
    type_code: String,
    last_change_date_time: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupingOut {
    identifier: String,
    uri: String,
    title: String,
    description: String,
    last_change_date_time: String,
}

/// `{"waypost": ...}`: what CASE has no field for.
#[derive(Debug, Serialize, Deserialize)]
struct Ext<T> {
    waypost: T,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocumentExt {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    short_title: Option<String>,
    publishers: Vec<String>,
    year: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    source: Source,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    purposes: Vec<Purpose>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    definitions: Vec<Quotation>,
    levels: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum ItemExt {
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
struct LinkExt {
    /// The link's place in the framework's `links`, so that one link to several targets reads
    /// back as one link.
    link: usize,
    /// The waypost link type (`supports` travels as `isRelatedTo`).
    #[serde(rename = "type")]
    kind: LinkType,
    provenance: Provenance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    curated_by: Option<String>,
    /// Whether the link was written with a list of targets.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    many: bool,
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

struct Namer<'a> {
    framework: &'a str,
    base_uri: Option<String>,
}

impl Namer<'_> {
    fn id(&self, name: &str) -> String {
        case_uuid(&format!("{}{name}", self.framework)).to_string()
    }

    fn uri(&self, collection: &str, id: &str) -> String {
        match &self.base_uri {
            Some(base) => format!("{}/{collection}/{id}", base.trim_end_matches('/')),
            None => format!("urn:uuid:{id}"),
        }
    }

    fn link(&self, collection: &str, name: &str, title: &str) -> LinkUri {
        let identifier = self.id(name);
        LinkUri {
            title: title.to_string(),
            uri: self.uri(collection, &identifier),
            identifier,
        }
    }
}

/// The `lastChangeDateTime` a framework's records carry: its date of publication, or
/// 1 January of its year.
fn change_time(framework: &Framework, options: &CaseExportOptions) -> String {
    if let Some(t) = &options.last_change {
        return t.clone();
    }
    let date = framework.date.as_deref().filter(|d| {
        let b = d.as_bytes();
        b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    });
    match date {
        Some(d) => format!("{d}T00:00:00Z"),
        None => format!("{:04}-01-01T00:00:00Z", framework.year),
    }
}

/// The text of a statement with its printed sub-items, one per line.
pub fn full_text(statement: &Statement) -> String {
    let mut text = statement.text.clone();
    for item in &statement.items {
        text.push_str("\n- ");
        text.push_str(item);
    }
    text
}

/// Writes a framework as a CASE 1.1 CFPackage (pretty JSON, ending in a newline).
pub fn export_case(framework: &Framework, options: &CaseExportOptions) -> String {
    let fid = framework.id.as_str();
    let namer = Namer {
        framework: fid,
        base_uri: options.base_uri.clone(),
    };
    let when = change_time(framework, options);
    let publishers = framework.publishers.join("; ");
    let document = namer.link("CFDocuments", "", &framework.title);

    // Item types: one per domain for its statements, and one for each kind of other item.
    let mut item_types: Vec<ItemTypeOut> = Vec::new();
    let mut type_links: BTreeMap<String, LinkUri> = BTreeMap::new();
    let mut add_type = |key: &str, title: &str, description: String, code: &str, level: &str| {
        let link = namer.link("CFItemTypes", &format!("#item-type:{key}"), title);
        item_types.push(ItemTypeOut {
            identifier: link.identifier.clone(),
            uri: link.uri.clone(),
            title: title.to_string(),
            description,
            hierarchy_code: level.to_string(),
            type_code: code.to_string(),
            last_change_date_time: when.clone(),
        });
        type_links.insert(key.to_string(), link);
    };
    add_type(
        "domain",
        "Domain",
        format!(
            "A domain of {}: the group its statements belong to",
            framework.title
        ),
        "domain",
        "1",
    );
    for d in &framework.domains {
        add_type(
            &format!("statement:{}", d.id),
            &d.name,
            d.stem
                .clone()
                .unwrap_or_else(|| format!("A statement in the {} domain", d.name)),
            &d.id,
            "1.1",
        );
    }
    if !framework.activities.is_empty() || !framework.resources.is_empty() {
        add_type(
            "section",
            "Section",
            "A section of the framework that is not a domain of statements".to_string(),
            "section",
            "1",
        );
    }
    if !framework.activities.is_empty() {
        add_type(
            "activity",
            "Learning activity",
            "A learning activity the framework suggests".to_string(),
            "activity",
            "1.1",
        );
    }
    if !framework.resources.is_empty() {
        add_type(
            "resource",
            "Resource",
            "A published work or website the framework lists".to_string(),
            "resource",
            "1.1",
        );
    }
    let type_link = |key: &str| {
        type_links.get(key).cloned().unwrap_or_else(|| LinkUri {
            title: key.to_string(),
            identifier: String::new(),
            uri: String::new(),
        })
    };

    // Nodes: the name each is derived from, and its link.
    let mut nodes: HashMap<&str, LinkUri> = HashMap::new();
    let mut items = Vec::new();
    let mut associations = Vec::new();
    let mut association_names: BTreeSet<String> = BTreeSet::new();
    let mut associate =
        |associations: &mut Vec<AssociationOut>,
         kind: &'static str,
         origin: &LinkUri,
         destination: &LinkUri,
         sequence: Option<usize>,
         extra: (Option<LinkUri>, Option<String>, Option<Ext<LinkExt>>)| {
            let base = format!(
                "#association:{}|{kind}|{}",
                origin.identifier, destination.identifier
            );
            let mut name = base.clone();
            let mut n = 2;
            while association_names.contains(&name) {
                name = format!("{base}|{n}");
                n += 1;
            }
            association_names.insert(name.clone());
            let identifier = namer.id(&name);
            associations.push(AssociationOut {
                uri: namer.uri("CFAssociations", &identifier),
                identifier,
                association_type: kind,
                sequence_number: sequence,
                origin: origin.clone(),
                destination: destination.clone(),
                grouping: extra.0,
                last_change_date_time: when.clone(),
                notes: extra.1,
                extensions: extra.2,
            });
        };

    // Which statements hang from another statement (a published `isChildOf` link) rather
    // than from their domain: the first such link of each statement.
    let statement_codes: BTreeSet<&str> = framework
        .statements
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    let mut parent_link: HashMap<&str, (usize, &str)> = HashMap::new();
    for (i, link) in framework.links.iter().enumerate() {
        if link.kind == LinkType::IsChildOf
            && statement_codes.contains(link.from.as_str())
            && !parent_link.contains_key(link.from.as_str())
            && let Some(target) = link
                .to
                .as_slice()
                .iter()
                .find(|t| statement_codes.contains(t.as_str()) && **t != link.from)
        {
            parent_link.insert(link.from.as_str(), (i, target.as_str()));
        }
    }

    for d in &framework.domains {
        let link = namer.link("CFItems", &format!("#domain:{}", d.id), &d.name);
        items.push(ItemOut {
            identifier: link.identifier.clone(),
            full_statement: d.stem.clone().unwrap_or_else(|| d.name.clone()),
            item_type: "Domain".to_string(),
            uri: link.uri.clone(),
            human_coding_scheme: Some(d.prefix.clone()),
            list_enumeration: None,
            abbreviated_statement: Some(d.name.clone()),
            concept_keywords: Vec::new(),
            notes: None,
            item_type_uri: type_link("domain"),
            last_change_date_time: when.clone(),
            extensions: Ext {
                waypost: ItemExt::Domain { domain: d.clone() },
            },
        });
        nodes.insert(d.id.as_str(), link);
        for s in framework.statements.iter().filter(|s| s.domain == d.id) {
            let link = namer.link("CFItems", &format!(":{}", s.code), &s.code);
            items.push(ItemOut {
                identifier: link.identifier.clone(),
                full_statement: full_text(s),
                item_type: d.name.clone(),
                uri: link.uri.clone(),
                human_coding_scheme: Some(s.code.clone()),
                list_enumeration: s.number.clone(),
                abbreviated_statement: Some(s.label.clone()),
                concept_keywords: s.themes.clone(),
                notes: s.erratum.clone(),
                item_type_uri: type_link(&format!("statement:{}", d.id)),
                last_change_date_time: when.clone(),
                extensions: Ext {
                    waypost: ItemExt::Statement {
                        domain: d.id.clone(),
                        items: s.items.clone(),
                        synonyms: s.synonyms.clone(),
                        page: s.page.clone(),
                        erratum: s.erratum.clone(),
                    },
                },
            });
            nodes.insert(s.code.as_str(), link);
        }
    }
    // Statements whose domain is not defined cannot be placed; a checked framework has none.
    let section = |key: &str, title: &str, ext: ItemExt| {
        let link = namer.link("CFItems", &format!("#section:{key}"), title);
        let item = ItemOut {
            identifier: link.identifier.clone(),
            full_statement: title.to_string(),
            item_type: "Section".to_string(),
            uri: link.uri.clone(),
            human_coding_scheme: None,
            list_enumeration: None,
            abbreviated_statement: None,
            concept_keywords: Vec::new(),
            notes: None,
            item_type_uri: type_link("section"),
            last_change_date_time: when.clone(),
            extensions: Ext { waypost: ext },
        };
        (item, link)
    };
    let mut activity_section = None;
    if !framework.activities.is_empty() {
        let (item, link) = section("activities", "Learning activities", ItemExt::Activities);
        items.push(item);
        activity_section = Some(link);
        for a in &framework.activities {
            let link = namer.link("CFItems", &format!(":{}", a.code), &a.code);
            items.push(ItemOut {
                identifier: link.identifier.clone(),
                full_statement: a.text.clone(),
                item_type: "Learning activity".to_string(),
                uri: link.uri.clone(),
                human_coding_scheme: Some(a.code.clone()),
                list_enumeration: None,
                abbreviated_statement: a.label.clone(),
                concept_keywords: Vec::new(),
                notes: None,
                item_type_uri: type_link("activity"),
                last_change_date_time: when.clone(),
                extensions: Ext {
                    waypost: ItemExt::Activity {
                        audience: a.audience.clone(),
                        page: a.page.clone(),
                    },
                },
            });
            nodes.insert(a.code.as_str(), link);
        }
    }
    let mut resource_section = None;
    if !framework.resources.is_empty() {
        let (item, link) = section("resources", "Resources", ItemExt::Resources);
        items.push(item);
        resource_section = Some(link);
        for r in &framework.resources {
            let link = namer.link("CFItems", &format!(":{}", r.code), &r.code);
            let notes: Vec<&str> = [r.description.as_deref(), r.url.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            items.push(ItemOut {
                identifier: link.identifier.clone(),
                full_statement: r.title.clone(),
                item_type: "Resource".to_string(),
                uri: link.uri.clone(),
                human_coding_scheme: Some(r.code.clone()),
                list_enumeration: None,
                abbreviated_statement: None,
                concept_keywords: Vec::new(),
                notes: (!notes.is_empty()).then(|| notes.join("\n")),
                item_type_uri: type_link("resource"),
                last_change_date_time: when.clone(),
                extensions: Ext {
                    waypost: ItemExt::Resource {
                        resource_kind: r.kind,
                        url: r.url.clone(),
                        description: r.description.clone(),
                        page: r.page.clone(),
                    },
                },
            });
            nodes.insert(r.code.as_str(), link);
        }
    }

    // The hierarchy: domains under the document, statements under their domain (or their
    // parent statement), numbered in printed order among their siblings.
    let none = || (None, None, None);
    let mut top = 0;
    for d in &framework.domains {
        if let Some(link) = nodes.get(d.id.as_str()) {
            top += 1;
            associate(
                &mut associations,
                "isChildOf",
                link,
                &document,
                Some(top),
                none(),
            );
        }
    }
    let mut siblings: HashMap<String, usize> = HashMap::new();
    for d in &framework.domains {
        for s in framework.statements.iter().filter(|s| s.domain == d.id) {
            let Some(child) = nodes.get(s.code.as_str()) else {
                continue;
            };
            let (parent_key, parent, ext) = match parent_link.get(s.code.as_str()) {
                Some((i, target)) => {
                    let link = framework.links.get(*i);
                    let ext = link.map(|l| Ext {
                        waypost: LinkExt {
                            link: *i,
                            kind: LinkType::IsChildOf,
                            provenance: l.provenance,
                            curated_by: l.curated_by.clone(),
                            many: matches!(l.to, OneOrMany::Many(_)),
                        },
                    });
                    (target.to_string(), nodes.get(target), ext)
                }
                None => (d.id.clone(), nodes.get(d.id.as_str()), None),
            };
            let Some(parent) = parent else { continue };
            let n = siblings.entry(parent_key).or_default();
            *n += 1;
            let rationale = ext
                .as_ref()
                .and_then(|e| framework.links.get(e.waypost.link))
                .and_then(|l| l.rationale.clone());
            associate(
                &mut associations,
                "isChildOf",
                child,
                parent,
                Some(*n),
                (None, rationale, ext),
            );
        }
    }
    for (section, codes) in [
        (
            &activity_section,
            framework
                .activities
                .iter()
                .map(|a| a.code.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            &resource_section,
            framework
                .resources
                .iter()
                .map(|r| r.code.as_str())
                .collect(),
        ),
    ] {
        let Some(section) = section else { continue };
        top += 1;
        associate(
            &mut associations,
            "isChildOf",
            section,
            &document,
            Some(top),
            none(),
        );
        for (n, code) in codes.iter().enumerate() {
            if let Some(child) = nodes.get(code) {
                associate(
                    &mut associations,
                    "isChildOf",
                    child,
                    section,
                    Some(n + 1),
                    none(),
                );
            }
        }
    }

    // The other links, in the order the framework lists them. Curated ones are grouped by
    // who curated them.
    let mut groupings: Vec<GroupingOut> = Vec::new();
    let mut grouping_links: BTreeMap<String, LinkUri> = BTreeMap::new();
    for (i, link) in framework.links.iter().enumerate() {
        let Some(origin) = nodes.get(link.from.as_str()) else {
            continue;
        };
        let grouping = match (link.provenance, &link.curated_by) {
            (Provenance::Curated, Some(curator)) => {
                let entry = grouping_links.entry(curator.clone()).or_insert_with(|| {
                    let title = format!("Curated by {curator}");
                    let g = namer.link(
                        "CFAssociationGroupings",
                        &format!("#grouping:{curator}"),
                        &title,
                    );
                    groupings.push(GroupingOut {
                        identifier: g.identifier.clone(),
                        uri: g.uri.clone(),
                        title,
                        description: format!(
                            "Links curated by {curator}: an interpretation, not part of the published framework"
                        ),
                        last_change_date_time: when.clone(),
                    });
                    g
                });
                Some(entry.clone())
            }
            _ => None,
        };
        for target in link.to.as_slice() {
            if link.kind == LinkType::IsChildOf
                && parent_link.get(link.from.as_str()) == Some(&(i, target.as_str()))
            {
                continue; // already written as the hierarchy
            }
            let Some(destination) = nodes.get(target.as_str()) else {
                continue;
            };
            let kind = match link.kind {
                LinkType::Supports => "isRelatedTo",
                other => other.as_str(),
            };
            let ext = Ext {
                waypost: LinkExt {
                    link: i,
                    kind: link.kind,
                    provenance: link.provenance,
                    curated_by: link.curated_by.clone(),
                    many: matches!(link.to, OneOrMany::Many(_)),
                },
            };
            associate(
                &mut associations,
                kind,
                origin,
                destination,
                None,
                (grouping.clone(), link.rationale.clone(), Some(ext)),
            );
        }
    }

    let package = Package {
        document: DocumentOut {
            identifier: document.identifier.clone(),
            uri: document.uri.clone(),
            case_version: "1.1",
            creator: if publishers.is_empty() {
                framework.title.clone()
            } else {
                publishers.clone()
            },
            title: framework.title.clone(),
            last_change_date_time: when.clone(),
            official_source_url: framework.source.url.clone(),
            publisher: publishers,
            description: framework.source.citation.clone(),
            version: framework.version.clone(),
            notes: framework.source.note.clone(),
            extensions: Ext {
                waypost: DocumentExt {
                    id: framework.id.clone(),
                    short_title: framework.short_title.clone(),
                    publishers: framework.publishers.clone(),
                    year: framework.year,
                    version: framework.version.clone(),
                    date: framework.date.clone(),
                    source: framework.source.clone(),
                    purposes: framework.purposes.clone(),
                    definitions: framework.definitions.clone(),
                    levels: framework.levels.clone(),
                },
            },
        },
        items,
        associations,
        definitions: DefinitionsOut {
            item_types,
            groupings,
        },
    };
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/// Fields of a CASE item waypost reads, and those it has no place for.
const ITEM_READ: &[&str] = &[
    "identifier",
    "uri",
    "fullStatement",
    "humanCodingScheme",
    "abbreviatedStatement",
    "alternativeLabel",
    "CFItemType",
    "CFItemTypeURI",
    "listEnumeration",
    "conceptKeywords",
    "notes",
    "extensions",
];
const ITEM_NOT_KEPT: &[&str] = &[
    "conceptKeywordsURI",
    "subject",
    "subjectURI",
    "language",
    "educationLevel",
    "licenseURI",
    "statusStartDate",
    "statusEndDate",
    "CFDocumentURI",
];
/// Record-keeping fields every item and association has; noted once, together.
const BOOKKEEPING: &[&str] = &["identifier", "uri", "lastChangeDateTime"];
const ASSOCIATION_READ: &[&str] = &[
    "associationType",
    "originNodeURI",
    "destinationNodeURI",
    "sequenceNumber",
    "notes",
    "extensions",
    "CFAssociationGroupingURI",
];
const ASSOCIATION_NOT_KEPT: &[&str] = &["CFDocumentURI"];
const DOCUMENT_READ: &[&str] = &[
    "identifier",
    "uri",
    "title",
    "creator",
    "publisher",
    "officialSourceURL",
    "version",
    "description",
    "notes",
    "licenseURI",
    "adoptionStatus",
    "lastChangeDateTime",
    "statusStartDate",
    "caseVersion",
    "extensions",
];
const DOCUMENT_NOT_KEPT: &[&str] = &[
    "frameworkType",
    "subject",
    "subjectURI",
    "language",
    "statusEndDate",
    "CFPackageURI",
];

/// The CASE association types waypost has a link type for.
fn link_type(name: &str) -> Option<LinkType> {
    Some(match name {
        "isChildOf" => LinkType::IsChildOf,
        "isPartOf" => LinkType::IsPartOf,
        "exactMatchOf" => LinkType::ExactMatchOf,
        "isRelatedTo" => LinkType::IsRelatedTo,
        "isPeerOf" => LinkType::IsPeerOf,
        "precedes" => LinkType::Precedes,
        "replacedBy" => LinkType::ReplacedBy,
        "exemplar" => LinkType::Exemplar,
        _ => return None,
    })
}

fn text_of(object: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A reference to a node: an object with `identifier`, `uri` and `title` (CASE), or a bare
/// URI string (older OpenSALT exports).
#[derive(Debug, Default, Clone)]
struct NodeRef {
    identifier: Option<String>,
    uri: Option<String>,
    title: Option<String>,
}

fn node_ref(value: Option<&Value>) -> Option<NodeRef> {
    match value? {
        Value::Object(o) => Some(NodeRef {
            identifier: text_of(o, "identifier"),
            uri: text_of(o, "uri"),
            title: text_of(o, "title"),
        }),
        Value::String(s) => Some(NodeRef {
            uri: Some(s.clone()),
            identifier: s.rsplit('/').next().map(str::to_string),
            title: None,
        }),
        _ => None,
    }
}

#[derive(Debug)]
struct ItemIn {
    pointer: String,
    identifier: Option<String>,
    uri: Option<String>,
    full: Option<String>,
    code: Option<String>,
    abbreviated: Option<String>,
    alternative: Option<String>,
    item_type: Option<String>,
    list_enumeration: Option<String>,
    keywords: Vec<String>,
    notes: Option<String>,
    ext: Option<ItemExt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Node {
    Document,
    Item(usize),
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Domain(usize),
    Statement,
    Activity,
    Resource,
    Section,
    Dropped,
}

/// Reads a CASE 1.0 or 1.1 package (JSON) as a framework, noting everything it could not
/// represent. `name` names the package in notes and errors.
pub fn import_case(
    text: &str,
    name: Option<&str>,
    options: &CaseImportOptions,
) -> Result<Imported> {
    let root: Value =
        format::deserialize(text, Format::Json, "CASE package").map_err(|e| e.in_file(name))?;
    let fail = |message: String, hint: &str| {
        Error::parse(Diagnostic {
            path: name.map(str::to_string),
            message,
            hint: Some(hint.to_string()),
            ..Default::default()
        })
    };
    let Value::Object(root) = root else {
        return Err(fail(
            "a CASE package is a JSON object".to_string(),
            "a CFPackage has `CFDocument`, `CFItems` and `CFAssociations` at the top",
        ));
    };
    let Some(Value::Object(doc)) = root.get("CFDocument") else {
        return Err(fail(
            "the package has no `CFDocument`".to_string(),
            "a CFPackage has `CFDocument`, `CFItems` and `CFAssociations` at the top; a bare CFDocument or CFItem cannot be imported",
        ));
    };
    let mut notes = Notes::new(name);
    for key in root.keys() {
        match key.as_str() {
            "CFDocument" | "CFItems" | "CFAssociations" | "CFDefinitions" => {}
            "CFRubrics" => {
                if root
                    .get(key)
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty())
                {
                    notes.at(
                        "CFRubrics",
                        "the package's rubrics (`CFRubrics`) are not kept",
                    );
                }
            }
            other => notes.unknown(other, "the document"),
        }
    }
    let version = if text_of(doc, "caseVersion").as_deref() == Some("1.1") {
        "1.1"
    } else {
        "1.0"
    };
    for key in doc.keys() {
        if DOCUMENT_NOT_KEPT.contains(&key.as_str()) {
            notes.dropped(&format!("CFDocument.{key}"), "the document");
        } else if !DOCUMENT_READ.contains(&key.as_str()) {
            notes.unknown(&format!("CFDocument.{key}"), "the document");
        }
    }
    let doc_identifier = text_of(doc, "identifier");
    let doc_uri = text_of(doc, "uri");
    let doc_ext: Option<DocumentExt> = doc
        .get("extensions")
        .and_then(|e| e.get("waypost"))
        .and_then(|w| serde_json::from_value(w.clone()).ok());
    if doc
        .get("extensions")
        .is_some_and(|e| e.get("waypost").is_some())
        && doc_ext.is_none()
    {
        notes.at(
            "CFDocument.extensions.waypost",
            "the waypost extension of the document could not be read and is ignored",
        );
    }

    // Items.
    let empty = Vec::new();
    let raw_items = root
        .get("CFItems")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut items: Vec<ItemIn> = Vec::new();
    let mut bookkeeping = false;
    for (i, raw) in raw_items.iter().enumerate() {
        let pointer = format!("CFItems[{i}]");
        let Value::Object(o) = raw else {
            notes.at(pointer, "this item is not an object and is left out");
            continue;
        };
        for key in o.keys() {
            if key == "lastChangeDateTime" {
                bookkeeping = true;
            } else if ITEM_NOT_KEPT.contains(&key.as_str()) {
                notes.dropped(key, "items");
            } else if !ITEM_READ.contains(&key.as_str()) {
                notes.unknown(key, "items");
            }
        }
        let item_type = text_of(o, "CFItemType").or_else(|| {
            o.get("CFItemTypeURI")
                .and_then(|v| node_ref(Some(v)))
                .and_then(|r| r.title)
        });
        let keywords = match o.get("conceptKeywords") {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            Some(Value::String(s)) => s
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        };
        let ext_value = o.get("extensions").and_then(|e| e.get("waypost"));
        let ext: Option<ItemExt> = ext_value.and_then(|w| serde_json::from_value(w.clone()).ok());
        if ext_value.is_some() && ext.is_none() {
            notes.at(
                format!("{pointer}.extensions.waypost"),
                "the waypost extension of this item could not be read and is ignored",
            );
        }
        if let Some(Value::Object(e)) = o.get("extensions") {
            for key in e.keys().filter(|k| k.as_str() != "waypost") {
                notes.dropped(&format!("extensions.{key}"), "items");
            }
        }
        items.push(ItemIn {
            pointer,
            identifier: text_of(o, "identifier"),
            uri: text_of(o, "uri"),
            full: text_of(o, "fullStatement"),
            code: text_of(o, "humanCodingScheme"),
            abbreviated: text_of(o, "abbreviatedStatement"),
            alternative: text_of(o, "alternativeLabel"),
            item_type,
            list_enumeration: text_of(o, "listEnumeration"),
            keywords,
            notes: text_of(o, "notes"),
            ext,
        });
    }
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        for key in [&item.identifier, &item.uri].into_iter().flatten() {
            if by_name.insert(key.clone(), i).is_some_and(|prev| prev != i) {
                notes.at(
                    item.pointer.clone(),
                    format!("the identifier `{key}` is used by more than one item; the last one is linked"),
                );
            }
        }
    }
    let resolve = |r: &NodeRef| -> Option<Node> {
        for key in [&r.identifier, &r.uri].into_iter().flatten() {
            if Some(key) == doc_identifier.as_ref() || Some(key) == doc_uri.as_ref() {
                return Some(Node::Document);
            }
            if let Some(i) = by_name.get(key) {
                return Some(Node::Item(*i));
            }
        }
        None
    };

    // Associations.
    struct AssocIn {
        pointer: String,
        kind: String,
        origin: Option<Node>,
        destination: Option<Node>,
        origin_ref: NodeRef,
        destination_ref: NodeRef,
        sequence: Option<i64>,
        notes: Option<String>,
        grouped: bool,
        ext: Option<LinkExt>,
    }
    let raw_associations = root
        .get("CFAssociations")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut associations = Vec::new();
    let mut text_sequences = 0;
    for (i, raw) in raw_associations.iter().enumerate() {
        let pointer = format!("CFAssociations[{i}]");
        let Value::Object(o) = raw else {
            notes.at(pointer, "this association is not an object and is left out");
            continue;
        };
        for key in o.keys() {
            if BOOKKEEPING.contains(&key.as_str()) {
                bookkeeping = true;
            } else if ASSOCIATION_NOT_KEPT.contains(&key.as_str()) {
                notes.dropped(key, "associations");
            } else if !ASSOCIATION_READ.contains(&key.as_str()) {
                notes.unknown(key, "associations");
            }
        }
        let Some(kind) = text_of(o, "associationType") else {
            notes.at(
                pointer,
                "this association has no `associationType` and is left out",
            );
            continue;
        };
        let origin_ref = node_ref(o.get("originNodeURI")).unwrap_or_default();
        let destination_ref = node_ref(o.get("destinationNodeURI")).unwrap_or_default();
        let sequence = match o.get("sequenceNumber") {
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => {
                text_sequences += 1;
                s.trim().parse().ok()
            }
            _ => None,
        };
        let ext: Option<LinkExt> = o
            .get("extensions")
            .and_then(|e| e.get("waypost"))
            .and_then(|w| serde_json::from_value(w.clone()).ok());
        associations.push(AssocIn {
            origin: resolve(&origin_ref),
            destination: resolve(&destination_ref),
            pointer,
            kind,
            origin_ref,
            destination_ref,
            sequence,
            notes: text_of(o, "notes"),
            grouped: o.get("CFAssociationGroupingURI").is_some(),
            ext,
        });
    }
    if text_sequences > 0 {
        notes.plain(format!(
            "{} written as text; read as numbers",
            if text_sequences == 1 {
                "1 `sequenceNumber` is".to_string()
            } else {
                format!("{text_sequences} `sequenceNumber`s are")
            }
        ));
    }

    // The hierarchy: each item's parent, its first `isChildOf`.
    let n = items.len();
    let mut parent: Vec<Option<Node>> = vec![None; n];
    let mut sequence: Vec<Option<i64>> = vec![None; n];
    let mut extra_parents: Vec<usize> = Vec::new();
    for (ai, a) in associations.iter().enumerate() {
        if a.kind != "isChildOf" {
            continue;
        }
        match (a.origin, a.destination) {
            (Some(Node::Item(child)), Some(dest)) => {
                if Node::Item(child) == dest {
                    notes.at(a.pointer.clone(), "an item is its own parent; the association is left out");
                    continue;
                }
                match parent.get_mut(child) {
                    Some(slot @ None) => {
                        *slot = Some(dest);
                        if let Some(s) = sequence.get_mut(child) {
                            *s = a.sequence;
                        }
                    }
                    Some(Some(_)) => extra_parents.push(ai),
                    None => {}
                }
            }
            (Some(Node::Item(_)), None) => notes.at(
                a.pointer.clone(),
                format!(
                    "`isChildOf` points to `{}`, which is not in the package; the item is read as top-level",
                    locate_ref(&a.destination_ref)
                ),
            ),
            _ => notes.at(
                a.pointer.clone(),
                format!(
                    "`isChildOf` starts from `{}`, which is not an item of the package, and is left out",
                    describe(&a.origin_ref)
                ),
            ),
        }
    }
    // Break cycles: walking up from each item once, an item whose parent is already on the
    // path closes a circle and loses its parent.
    let mut state = vec![0u8; n]; // 0 not seen, 1 on the current path, 2 done
    for start in 0..n {
        let mut path = Vec::new();
        let mut at = start;
        while state.get(at) == Some(&0) {
            if let Some(s) = state.get_mut(at) {
                *s = 1;
            }
            path.push(at);
            match parent.get(at).copied().flatten() {
                Some(Node::Item(p)) if state.get(p) == Some(&1) => {
                    if let Some(slot) = parent.get_mut(at) {
                        *slot = None;
                    }
                    if let Some(item) = items.get(at) {
                        notes.at(
                            item.pointer.clone(),
                            "the `isChildOf` hierarchy goes round in a circle here; the item is read as top-level",
                        );
                    }
                    break;
                }
                Some(Node::Item(p)) => at = p,
                _ => break,
            }
        }
        for i in path {
            if let Some(s) = state.get_mut(i) {
                *s = 2;
            }
        }
    }
    let mut children: BTreeMap<Node, Vec<usize>> = BTreeMap::new();
    let mut orphans = 0;
    for i in 0..n {
        let p = match parent.get(i).copied().flatten() {
            Some(p) => p,
            None => {
                orphans += 1;
                Node::Document
            }
        };
        children.entry(p).or_default().push(i);
    }
    for list in children.values_mut() {
        list.sort_by_key(|i| (sequence.get(*i).copied().flatten().unwrap_or(i64::MAX), *i));
    }
    if orphans > 0 && !raw_associations.is_empty() {
        notes.plain(format!(
            "{} not placed in the hierarchy by `isChildOf`; read as top-level",
            if orphans == 1 {
                "1 item is".to_string()
            } else {
                format!("{orphans} items are")
            }
        ));
    }

    // Roles.
    let roots: Vec<usize> = children.get(&Node::Document).cloned().unwrap_or_default();
    let has_children = |i: usize| children.get(&Node::Item(i)).is_some_and(|c| !c.is_empty());
    let rule = match options.domains {
        DomainRule::Auto => {
            if roots
                .iter()
                .any(|r| has_children(*r) && items.get(*r).is_some_and(|i| i.ext.is_none()))
            {
                DomainRule::Hierarchy
            } else if items
                .iter()
                .any(|i| i.ext.is_none() && i.item_type.is_some())
            {
                DomainRule::ItemType
            } else {
                DomainRule::Hierarchy
            }
        }
        other => other,
    };
    let mut domains: Vec<Domain> = Vec::new();
    let mut domain_ids = super::Names::default();
    let mut domain_of_type: BTreeMap<String, usize> = BTreeMap::new();
    let mut roles: Vec<Role> = vec![Role::Statement; n];
    let mut statement_domain: Vec<Option<usize>> = vec![None; n];
    let item_type_descriptions = item_type_descriptions(&root);

    // Walk the hierarchy in printed order: depth first, children by sequence number.
    let mut order: Vec<(usize, Option<usize>)> = Vec::new(); // (item, top-level ancestor)
    let mut stack: Vec<(usize, Option<usize>)> = roots.iter().rev().map(|r| (*r, None)).collect();
    let mut visited = vec![false; n];
    while let Some((i, top)) = stack.pop() {
        if visited.get(i).copied().unwrap_or(true) {
            continue;
        }
        if let Some(v) = visited.get_mut(i) {
            *v = true;
        }
        let top = top.or(Some(i));
        order.push((i, top));
        if let Some(kids) = children.get(&Node::Item(i)) {
            for k in kids.iter().rev() {
                stack.push((*k, top));
            }
        }
    }
    let mut became_domains = 0;
    let mut missing_text: Vec<String> = Vec::new();
    for (i, top) in &order {
        let Some(item) = items.get(*i) else { continue };
        let role = match &item.ext {
            Some(ItemExt::Domain { domain }) => {
                domain_ids.insert(domain.id.clone());
                domains.push(domain.clone());
                Role::Domain(domains.len() - 1)
            }
            Some(ItemExt::Statement { domain, .. }) => {
                match domains.iter().position(|d| &d.id == domain) {
                    Some(d) => {
                        if let Some(slot) = statement_domain.get_mut(*i) {
                            *slot = Some(d);
                        }
                    }
                    None => notes.at(
                        item.pointer.clone(),
                        format!("the statement's domain `{domain}` is not in the package; its place in the hierarchy decides"),
                    ),
                }
                Role::Statement
            }
            Some(ItemExt::Activity { .. }) => Role::Activity,
            Some(ItemExt::Resource { .. }) => Role::Resource,
            Some(ItemExt::Activities | ItemExt::Resources) => Role::Section,
            None => {
                if item.full.is_none() && item.abbreviated.is_none() && item.code.is_none() {
                    missing_text.push(item.pointer.clone());
                    Role::Dropped
                } else if rule == DomainRule::Hierarchy && *top == Some(*i) && has_children(*i) {
                    let name = item
                        .abbreviated
                        .clone()
                        .or_else(|| item.code.clone())
                        .or_else(|| {
                            item.full
                                .clone()
                                .filter(|f| f.chars().count() <= 60 && !f.contains('\n'))
                        })
                        .or_else(|| item.full.as_deref().map(short_label))
                        .unwrap_or_else(|| format!("Domain {}", domains.len() + 1));
                    let stem = item.full.clone().filter(|f| *f != name);
                    let id = domain_ids.unique(&slug_or(&name, "domain"));
                    domains.push(Domain {
                        id,
                        name,
                        prefix: item
                            .code
                            .clone()
                            .filter(|c| usable_code(c))
                            .unwrap_or_default(),
                        stem,
                        page: None,
                    });
                    became_domains += 1;
                    Role::Domain(domains.len() - 1)
                } else {
                    Role::Statement
                }
            }
        };
        if let Some(slot) = roles.get_mut(*i) {
            *slot = role;
        }
    }
    for pointer in &missing_text {
        notes.at(pointer.clone(), "this item has no `fullStatement`, `abbreviatedStatement` or `humanCodingScheme` and is left out");
    }
    if became_domains > 0 {
        notes.hinted(
            None,
            if became_domains == 1 {
                "1 top-level item with children became a domain (its text is the domain's stem) and cannot be mapped to".to_string()
            } else {
                format!("{became_domains} top-level items with children became domains (their text is each domain's stem) and cannot be mapped to")
            },
            "import with `--domains item-type` to make every item a statement, grouped by `CFItemType`",
        );
    }

    // Each statement's domain: its top-level ancestor's, or its item type's.
    let mut untyped = 0;
    for (i, top) in &order {
        if roles.get(*i) != Some(&Role::Statement)
            || statement_domain.get(*i).copied().flatten().is_some()
        {
            continue;
        }
        let from_top = match (rule, top) {
            (DomainRule::Hierarchy, Some(t)) => match roles.get(*t) {
                Some(Role::Domain(d)) => Some(*d),
                _ => None,
            },
            _ => None,
        };
        let d = match from_top {
            Some(d) => d,
            None => {
                let item_type = items.get(*i).and_then(|it| it.item_type.clone());
                if item_type.is_none() {
                    untyped += 1;
                }
                let title = item_type.unwrap_or_else(|| "Items".to_string());
                match domain_of_type.get(&title) {
                    Some(d) => *d,
                    None => {
                        let id = domain_ids.unique(&slug_or(&title, "items"));
                        domains.push(Domain {
                            id,
                            name: title.clone(),
                            prefix: String::new(),
                            stem: item_type_descriptions.get(&title).cloned(),
                            page: None,
                        });
                        domain_of_type.insert(title, domains.len() - 1);
                        domains.len() - 1
                    }
                }
            }
        };
        if let Some(slot) = statement_domain.get_mut(*i) {
            *slot = Some(d);
        }
    }
    if untyped > 0 {
        notes.plain(format!(
            "{} no `CFItemType` and no domain above {}; placed in the domain `Items`",
            if untyped == 1 {
                "1 item has".to_string()
            } else {
                format!("{untyped} items have")
            },
            if untyped == 1 { "it" } else { "them" }
        ));
    }

    // Codes: the publisher's where usable, made up from the domain's prefix where not.
    let mut codes: Vec<Option<String>> = vec![None; n];
    let mut taken = super::Names::default();
    let mut renamed: Vec<(String, String, String)> = Vec::new();
    for (i, _) in &order {
        let Some(item) = items.get(*i) else { continue };
        if !matches!(
            roles.get(*i),
            Some(Role::Statement | Role::Activity | Role::Resource)
        ) {
            continue;
        }
        let Some(code) = item
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        let clean = if usable_code(code) {
            code.to_string()
        } else {
            clean_code(code)
        };
        if clean.is_empty() {
            continue;
        }
        let chosen = taken.unique(&clean);
        if chosen != code {
            renamed.push((item.pointer.clone(), code.to_string(), chosen.clone()));
        }
        if let Some(slot) = codes.get_mut(*i) {
            *slot = Some(chosen);
        }
    }
    for (pointer, from, to) in renamed {
        notes.at(
            pointer,
            format!("the code `{from}` is read as `{to}` (codes are unique and hold no spaces or separators)"),
        );
    }
    // Domain prefixes, where the package gave none: the letters the domain's codes share, or
    // the initials of its name.
    let mut prefixes: BTreeSet<String> = domains
        .iter()
        .filter(|d| !d.prefix.is_empty())
        .map(|d| d.prefix.clone())
        .collect();
    for (d, domain) in domains.iter_mut().enumerate() {
        if !domain.prefix.is_empty() {
            continue;
        }
        let member_codes: Vec<&str> = order
            .iter()
            .filter(|(i, _)| statement_domain.get(*i).copied().flatten() == Some(d))
            .filter_map(|(i, _)| codes.get(*i).and_then(|c| c.as_deref()))
            .collect();
        let mut prefix = if member_codes.is_empty() {
            String::new()
        } else {
            common_prefix(member_codes.iter().copied())
        };
        if prefix.is_empty() {
            prefix = initials(&domain.name);
        }
        let mut candidate = prefix.clone();
        let mut k = 2;
        while prefixes.contains(&candidate) {
            candidate = format!("{prefix}{k}");
            k += 1;
        }
        prefixes.insert(candidate.clone());
        domain.prefix = candidate;
    }
    let mut generated = 0;
    let mut counters: Vec<usize> = vec![0; domains.len()];
    for (i, _) in &order {
        if roles.get(*i) != Some(&Role::Statement) {
            continue;
        }
        let Some(d) = statement_domain.get(*i).copied().flatten() else {
            continue;
        };
        if let Some(c) = counters.get_mut(d) {
            *c += 1;
        }
        if codes.get(*i).is_some_and(Option::is_some) {
            continue;
        }
        let prefix = domains.get(d).map(|d| d.prefix.clone()).unwrap_or_default();
        let joiner =
            if prefix.ends_with(|c: char| c.is_ascii_digit()) || prefix.contains(['.', '-']) {
                "."
            } else {
                ""
            };
        let mut k = counters.get(d).copied().unwrap_or(1);
        let mut code = format!("{prefix}{joiner}{k}");
        while taken.contains(&code) {
            k += 1;
            code = format!("{prefix}{joiner}{k}");
        }
        taken.insert(code.clone());
        if let Some(slot) = codes.get_mut(*i) {
            *slot = Some(code);
        }
        generated += 1;
    }
    if generated > 0 {
        notes.plain(format!(
            "{} no `humanCodingScheme`; codes were made from the domain's prefix and the item's place in it",
            if generated == 1 {
                "1 statement has".to_string()
            } else {
                format!("{generated} statements have")
            }
        ));
    }

    // The statements, activities and resources, in printed order.
    let mut statements = Vec::new();
    let mut activities = Vec::new();
    let mut resources = Vec::new();
    let mut made_labels = 0;
    let mut unread_notes = 0;
    for (i, _) in &order {
        let (Some(item), Some(Some(code))) = (items.get(*i), codes.get(*i)) else {
            continue;
        };
        let full = item
            .full
            .clone()
            .or_else(|| item.abbreviated.clone())
            .or_else(|| item.code.clone())
            .unwrap_or_default();
        if item.full.is_none() {
            notes.at(
                item.pointer.clone(),
                "this item has no `fullStatement`; its label or code is used as its text",
            );
        }
        match (roles.get(*i), &item.ext) {
            (Some(Role::Statement), ext) => {
                let Some(domain) = statement_domain
                    .get(*i)
                    .copied()
                    .flatten()
                    .and_then(|d| domains.get(d))
                else {
                    continue;
                };
                let label = item
                    .abbreviated
                    .clone()
                    .or_else(|| item.alternative.clone());
                if label.is_none() {
                    made_labels += 1;
                }
                let mut statement = Statement {
                    code: code.clone(),
                    domain: domain.id.clone(),
                    label: label.unwrap_or_else(|| short_label(&full)),
                    text: full.clone(),
                    items: Vec::new(),
                    number: item.list_enumeration.clone(),
                    themes: item.keywords.clone(),
                    synonyms: Vec::new(),
                    page: None,
                    erratum: None,
                };
                match ext {
                    Some(ItemExt::Statement {
                        items: sub,
                        synonyms,
                        page,
                        erratum,
                        ..
                    }) => {
                        let mut probe = statement.clone();
                        probe.text.clear();
                        probe.items.clone_from(sub);
                        let tail = full_text(&probe);
                        if let Some(head) = full.strip_suffix(&tail) {
                            statement.text = head.to_string();
                            statement.items.clone_from(sub);
                        }
                        statement.synonyms.clone_from(synonyms);
                        statement.page.clone_from(page);
                        statement.erratum.clone_from(erratum);
                    }
                    _ => {
                        if item.notes.is_some() {
                            unread_notes += 1;
                        }
                    }
                }
                statements.push(statement);
            }
            (Some(Role::Activity), Some(ItemExt::Activity { audience, page })) => {
                activities.push(Activity {
                    code: code.clone(),
                    text: full,
                    audience: audience.clone(),
                    label: item.abbreviated.clone(),
                    page: page.clone(),
                });
            }
            (
                Some(Role::Resource),
                Some(ItemExt::Resource {
                    resource_kind,
                    url,
                    description,
                    page,
                }),
            ) => {
                resources.push(Resource {
                    code: code.clone(),
                    kind: *resource_kind,
                    title: full,
                    url: url.clone(),
                    description: description.clone(),
                    page: page.clone(),
                });
            }
            _ => {}
        }
    }
    if made_labels > 0 {
        notes.plain(format!(
            "{} no `abbreviatedStatement`; labels were made from the first words of the statement",
            if made_labels == 1 {
                "1 statement has".to_string()
            } else {
                format!("{made_labels} statements have")
            }
        ));
    }
    for _ in 0..unread_notes {
        notes.dropped("notes", "items");
    }

    // Links: every association but the hierarchy, between nodes waypost can link.
    let code_of = |node: Option<Node>| -> Option<&str> {
        match node? {
            Node::Item(i) => match roles.get(i)? {
                Role::Statement | Role::Activity | Role::Resource => {
                    codes.get(i).and_then(|c| c.as_deref())
                }
                _ => None,
            },
            Node::Document => None,
        }
    };
    let mut rebuilt: BTreeMap<usize, Link> = BTreeMap::new();
    let mut plain_links: Vec<Link> = Vec::new();
    for (ai, a) in associations.iter().enumerate() {
        let hierarchy_only = a.kind == "isChildOf" && !extra_parents.contains(&ai);
        if hierarchy_only && a.ext.is_none() {
            // The hierarchy itself; a statement under a statement is an `isChildOf` link.
            if let (Some(from), Some(to)) = (code_of(a.origin), code_of(a.destination))
                && roles.get(match a.destination {
                    Some(Node::Item(d)) => d,
                    _ => usize::MAX,
                }) == Some(&Role::Statement)
            {
                plain_links.push(Link {
                    from: from.to_string(),
                    to: OneOrMany::One(to.to_string()),
                    kind: LinkType::IsChildOf,
                    provenance: Provenance::Published,
                    curated_by: None,
                    rationale: a.notes.clone(),
                });
            }
            continue;
        }
        let kind = match &a.ext {
            Some(ext) => Some(ext.kind),
            None => link_type(&a.kind),
        };
        let Some(kind) = kind else {
            notes.at(
                a.pointer.clone(),
                format!("the association type `{}` has no waypost link type; the association is left out", a.kind),
            );
            continue;
        };
        let (from, to) = match (code_of(a.origin), code_of(a.destination)) {
            (Some(f), Some(t)) => (f.to_string(), t.to_string()),
            _ => {
                let end = if code_of(a.origin).is_none() {
                    (&a.origin, &a.origin_ref)
                } else {
                    (&a.destination, &a.destination_ref)
                };
                let why = match end.0 {
                    None => format!("`{}` is not in the package", locate_ref(end.1)),
                    Some(Node::Document) => "it reaches the document itself".to_string(),
                    Some(Node::Item(i)) => format!(
                        "`{}` became a domain, and links reach statements, activities and resources only",
                        items.get(*i).map_or_else(|| describe(end.1), item_name)
                    ),
                };
                notes.at(
                    a.pointer.clone(),
                    format!("`{}` link left out: {why}", a.kind),
                );
                continue;
            }
        };
        match &a.ext {
            Some(ext) => {
                let entry = rebuilt.entry(ext.link).or_insert_with(|| Link {
                    from: from.clone(),
                    to: OneOrMany::Many(Vec::new()),
                    kind,
                    provenance: ext.provenance,
                    curated_by: ext.curated_by.clone(),
                    rationale: a.notes.clone(),
                });
                if let OneOrMany::Many(targets) = &mut entry.to {
                    targets.push(to);
                }
                if !ext.many
                    && let OneOrMany::Many(targets) = &entry.to
                    && let [only] = targets.as_slice()
                {
                    entry.to = OneOrMany::One(only.clone());
                }
            }
            None => {
                if a.grouped {
                    notes.dropped("CFAssociationGroupingURI", "associations");
                }
                plain_links.push(Link {
                    from,
                    to: OneOrMany::One(to),
                    kind,
                    provenance: Provenance::Published,
                    curated_by: None,
                    rationale: a.notes.clone(),
                });
            }
        }
    }
    let mut links: Vec<Link> = rebuilt.into_values().collect();
    links.extend(plain_links);

    if let Some(Value::Object(defs)) = root.get("CFDefinitions") {
        for (key, value) in defs {
            let count = value.as_array().map_or(0, Vec::len);
            match key.as_str() {
                "CFItemTypes" | "CFAssociationGroupings" => {}
                "CFSubjects" | "CFConcepts" | "CFLicenses" if count > 0 => {
                    notes.at(
                        format!("CFDefinitions.{key}"),
                        format!("the package's `{key}` ({count}) are not kept"),
                    );
                }
                "CFSubjects" | "CFConcepts" | "CFLicenses" | "extensions" => {}
                other => notes.unknown(&format!("CFDefinitions.{other}"), "the document"),
            }
        }
    }

    // The document.
    let title = text_of(doc, "title").unwrap_or_else(|| {
        notes.at(
            "CFDocument",
            "the document has no `title`; it is called `untitled CASE framework`",
        );
        "untitled CASE framework".to_string()
    });
    let framework = match doc_ext {
        Some(ext) => Framework {
            id: options.id.clone().unwrap_or(ext.id),
            title,
            short_title: ext.short_title,
            publishers: ext.publishers,
            year: ext.year,
            version: ext.version,
            date: ext.date,
            source: ext.source,
            purposes: ext.purposes,
            definitions: ext.definitions,
            levels: ext.levels,
            domains,
            statements,
            activities,
            resources,
            links,
        },
        None => {
            let creator = text_of(doc, "creator");
            let publisher = text_of(doc, "publisher");
            let publishers: Vec<String> = match (&publisher, &creator) {
                (Some(p), _) => vec![p.clone()],
                (None, Some(c)) => vec![c.clone()],
                (None, None) => Vec::new(),
            };
            let dated =
                text_of(doc, "statusStartDate").or_else(|| text_of(doc, "lastChangeDateTime"));
            let year = dated
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse::<u16>().ok());
            if year.is_none() {
                notes.at("CFDocument", "the document gives no date; the year is 0");
            } else if text_of(doc, "statusStartDate").is_none() {
                notes.plain("the year is that of the document's `lastChangeDateTime`");
            }
            let year = year.unwrap_or(0);
            let mut citation = match &creator {
                Some(c) => format!("{c} ({year}). {title}."),
                None => format!("{title} ({year})."),
            };
            if let Some(p) = &publisher {
                citation.push_str(&format!(" {p}."));
            }
            let mut note = format!(
                "Imported by waypost from the CASE {version} package{} (CFDocument {}). The citation is assembled from the document's creator, title and publisher; labels not given by the package were made from the first words of each statement.",
                name.map(|n| format!(" `{}`", file_name(n)))
                    .unwrap_or_default(),
                doc_identifier.as_deref().unwrap_or("without identifier"),
            );
            for (key, label) in [
                ("description", "Description"),
                ("notes", "Notes"),
                ("adoptionStatus", "Adoption status"),
            ] {
                if let Some(v) = text_of(doc, key) {
                    note.push_str(&format!(" {label}: {v}"));
                    if !note.ends_with('.') {
                        note.push('.');
                    }
                }
            }
            if let Some(licence) = node_ref(doc.get("licenseURI")) {
                note.push_str(&format!(
                    " Licence: {}.",
                    [licence.title, licence.uri]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            Framework {
                id: options
                    .id
                    .clone()
                    .unwrap_or_else(|| slug_or(&title, "case-framework")),
                title,
                short_title: None,
                publishers,
                year,
                version: text_of(doc, "version"),
                date: None,
                source: Source {
                    citation,
                    url: text_of(doc, "officialSourceURL").or(doc_uri),
                    note: Some(note),
                },
                purposes: Vec::new(),
                definitions: Vec::new(),
                levels: default_levels(),
                domains,
                statements,
                activities,
                resources,
                links,
            }
        }
    };
    if bookkeeping {
        notes.plain(
            "the identifiers, URIs and `lastChangeDateTime` of items and associations are not kept: waypost names statements by their code, and an export derives identifiers again",
        );
    }
    let mut notes = notes.finish();
    super::locate_diagnostics(text, &mut notes);
    let framework = checked(framework, name)?;
    Ok(Imported { framework, notes })
}

/// A node outside the package, by what finds it: its URI, else its identifier.
fn locate_ref(r: &NodeRef) -> String {
    r.uri
        .clone()
        .or_else(|| r.identifier.clone())
        .or_else(|| r.title.clone())
        .unwrap_or_else(|| "an unnamed node".to_string())
}

/// An item as a reader knows it: its code, its short statement, or its first words.
fn item_name(item: &ItemIn) -> String {
    item.code
        .clone()
        .or_else(|| item.abbreviated.clone())
        .or_else(|| item.full.as_deref().map(short_label))
        .unwrap_or_else(|| item.pointer.clone())
}

fn describe(r: &NodeRef) -> String {
    r.title
        .clone()
        .or_else(|| r.uri.clone())
        .or_else(|| r.identifier.clone())
        .unwrap_or_else(|| "an unnamed node".to_string())
}

fn slug_or(text: &str, fallback: &str) -> String {
    let s = slug(text);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn item_type_descriptions(root: &serde_json::Map<String, Value>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(types) = root
        .get("CFDefinitions")
        .and_then(|d| d.get("CFItemTypes"))
        .and_then(Value::as_array)
    {
        for t in types {
            if let Value::Object(o) = t
                && let (Some(title), Some(description)) =
                    (text_of(o, "title"), text_of(o, "description"))
            {
                out.insert(title, description);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Strict validation
// ---------------------------------------------------------------------------------------------

/// Validates a CASE package against an official schema, and lists every place it departs from
/// it (an empty list means the package is valid).
///
/// `schema` is the text of the CASE 1.1 CFPackage JSON Schema, or of the IMS CASE 1.0 OpenAPI
/// (Swagger) file, whose `CFPackage.Type` definition is then used. Formats (`uuid`,
/// `date-time`, …) are checked too.
#[cfg(feature = "case-schema")]
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
    super::locate_diagnostics(package, &mut problems);
    Ok(problems)
}

#[cfg(feature = "case-schema")]
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

#[cfg(feature = "case-schema")]
fn type_names(kind: &jsonschema::error::TypeKind) -> String {
    match kind {
        jsonschema::error::TypeKind::Single(t) => format!("{t}"),
        jsonschema::error::TypeKind::Multiple(ts) => {
            let names: Vec<String> = (*ts).into_iter().map(|t| format!("{t}")).collect();
            names.join(" or ")
        }
    }
}

#[cfg(feature = "case-schema")]
fn lower_first(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `/CFItems/0/CFDocumentURI` → `CFItems[0].CFDocumentURI`.
#[cfg(feature = "case-schema")]
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

    #[cfg(feature = "case-schema")]
    #[test]
    fn json_pointers_read_as_paths() {
        assert_eq!(
            json_pointer_to_path("/CFItems/0/CFDocumentURI"),
            "CFItems[0].CFDocumentURI"
        );
        assert_eq!(json_pointer_to_path(""), "");
    }
}
