//! The import: a CASE 1.0 or 1.1 package read leniently as a framework, with a note for
//! everything it could not represent.
//!
//! It goes in the package's own order: the document and its items and associations as written
//! (`read`), the `isChildOf` hierarchy and the role each item takes in it (`hierarchy`), the
//! codes (`codes`), then the framework's statements, links and document (`build`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{
    super::{Imported, Notes, checked, short_label, slug},
    CaseImportOptions,
    package::{ItemExt, LinkExt},
};
use crate::{
    error::Result,
    format::{self, Format},
    model::framework::LinkType,
};

mod build;
mod codes;
mod hierarchy;
mod read;

/// Fields of a CASE item waypost reads, and those it has no place for.
pub(super) const ITEM_READ: &[&str] = &[
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
pub(super) const ITEM_NOT_KEPT: &[&str] = &[
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
pub(super) const BOOKKEEPING: &[&str] = &["identifier", "uri", "lastChangeDateTime"];
pub(super) const ASSOCIATION_READ: &[&str] = &[
    "associationType",
    "originNodeURI",
    "destinationNodeURI",
    "sequenceNumber",
    "notes",
    "extensions",
    "CFAssociationGroupingURI",
];
pub(super) const ASSOCIATION_NOT_KEPT: &[&str] = &["CFDocumentURI"];
pub(super) const DOCUMENT_READ: &[&str] = &[
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
pub(super) const DOCUMENT_NOT_KEPT: &[&str] = &[
    "frameworkType",
    "subject",
    "subjectURI",
    "language",
    "statusEndDate",
    "CFPackageURI",
];

/// The CASE association types waypost has a link type for.
pub(super) fn link_type(name: &str) -> Option<LinkType> {
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

pub(super) fn text_of(object: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A reference to a node: an object with `identifier`, `uri` and `title` (CASE), or a bare
/// URI string (older OpenSALT exports).
#[derive(Debug, Default, Clone)]
pub(super) struct NodeRef {
    identifier: Option<String>,
    uri: Option<String>,
    title: Option<String>,
}

pub(super) fn node_ref(value: Option<&Value>) -> Option<NodeRef> {
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
pub(super) struct ItemIn {
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
pub(super) enum Node {
    Document,
    Item(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    Domain(usize),
    Statement,
    Activity,
    Resource,
    Section,
    Dropped,
}

/// An association as written, its ends resolved to nodes of the package where they are in it.
#[derive(Debug)]
pub(super) struct AssocIn {
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

/// Reads a CASE 1.0 or 1.1 package (JSON) as a framework, noting everything it could not
/// represent. `name` names the package in notes and errors.
pub fn import_case(
    text: &str,
    name: Option<&str>,
    options: &CaseImportOptions,
) -> Result<Imported> {
    let root: Value =
        format::deserialize(text, Format::Json, "CASE package").map_err(|e| e.in_file(name))?;
    let mut notes = Notes::new(name);
    let head = read::head(&root, name, &mut notes)?;
    let (items, mut bookkeeping) = read::items(head.root, &mut notes);
    let by_name = read::index(&items, &mut notes);
    let resolve = |r: &NodeRef| -> Option<Node> {
        for key in [&r.identifier, &r.uri].into_iter().flatten() {
            if Some(key) == head.identifier.as_ref() || Some(key) == head.uri.as_ref() {
                return Some(Node::Document);
            }
            if let Some(i) = by_name.get(key) {
                return Some(Node::Item(*i));
            }
        }
        None
    };
    let associations = read::associations(head.root, &resolve, &mut bookkeeping, &mut notes);
    let any_associations = head
        .root
        .get("CFAssociations")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());

    let hierarchy = hierarchy::hierarchy(&items, &associations, any_associations, &mut notes);
    let mut shape = hierarchy::shape(&items, &hierarchy, options.domains, &mut notes);
    hierarchy::place_statements(&mut shape, &items, head.root, &mut notes);
    let codes = codes::codes(&mut shape, &items, &mut notes);

    let nodes = build::nodes(&shape, &items, &codes, &mut notes);
    let links = build::links(
        &associations,
        &hierarchy,
        &shape,
        &items,
        &codes,
        &mut notes,
    );
    build::note_definitions(head.root, &mut notes);
    let contents = build::Contents {
        domains: shape.domains,
        nodes,
        links,
    };
    let framework = build::framework(head, options, name, contents, &mut notes);
    if bookkeeping {
        notes.plain(
            "the identifiers, URIs and `lastChangeDateTime` of items and associations are not kept: waypost names statements by their code, and an export derives identifiers again",
        );
    }
    let mut notes = notes.finish();
    super::super::locate_diagnostics(text, &mut notes);
    let framework = checked(framework, name)?;
    Ok(Imported { framework, notes })
}

/// A node outside the package, by what finds it: its URI, else its identifier.
pub(super) fn locate_ref(r: &NodeRef) -> String {
    r.uri
        .clone()
        .or_else(|| r.identifier.clone())
        .or_else(|| r.title.clone())
        .unwrap_or_else(|| "an unnamed node".to_string())
}

/// An item as a reader knows it: its code, its short statement, or its first words.
pub(super) fn item_name(item: &ItemIn) -> String {
    item.code
        .clone()
        .or_else(|| item.abbreviated.clone())
        .or_else(|| item.full.as_deref().map(short_label))
        .unwrap_or_else(|| item.pointer.clone())
}

pub(super) fn describe(r: &NodeRef) -> String {
    r.title
        .clone()
        .or_else(|| r.uri.clone())
        .or_else(|| r.identifier.clone())
        .unwrap_or_else(|| "an unnamed node".to_string())
}

pub(super) fn slug_or(text: &str, fallback: &str) -> String {
    let s = slug(text);
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

pub(super) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

pub(super) fn item_type_descriptions(
    root: &serde_json::Map<String, Value>,
) -> BTreeMap<String, String> {
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
