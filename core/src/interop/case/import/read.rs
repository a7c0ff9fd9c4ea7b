//! The package as written: its document, its items and its associations, each field waypost
//! does not keep noted.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{
    ASSOCIATION_NOT_KEPT, ASSOCIATION_READ, AssocIn, BOOKKEEPING, DOCUMENT_NOT_KEPT, DOCUMENT_READ,
    ITEM_NOT_KEPT, ITEM_READ, ItemIn, Node, NodeRef, Notes, node_ref, text_of,
};
use crate::{
    error::{Diagnostic, Error, Result},
    interop::case::package::{DocumentExt, ItemExt, LinkExt},
};

/// The package's top level and its document.
pub(super) struct Head<'a> {
    pub(super) root: &'a Map<String, Value>,
    pub(super) doc: &'a Map<String, Value>,
    /// The CASE version the document declares (`1.0` unless it says `1.1`).
    pub(super) version: &'static str,
    pub(super) identifier: Option<String>,
    pub(super) uri: Option<String>,
    /// What a waypost export recorded about the framework.
    pub(super) ext: Option<DocumentExt>,
}

/// The top level and the `CFDocument`, refused when they are not a package's.
pub(super) fn head<'a>(root: &'a Value, name: Option<&str>, notes: &mut Notes) -> Result<Head<'a>> {
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

    Ok(Head {
        root,
        doc,
        version,
        identifier: doc_identifier,
        uri: doc_uri,
        ext: doc_ext,
    })
}

/// The `CFItems`, in the order written, and whether any carries record-keeping fields.
pub(super) fn items(root: &Map<String, Value>, notes: &mut Notes) -> (Vec<ItemIn>, bool) {
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
    (items, bookkeeping)
}

/// Each item by its identifier and its URI.
pub(super) fn index(items: &[ItemIn], notes: &mut Notes) -> HashMap<String, usize> {
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
    by_name
}

/// The `CFAssociations`, their ends resolved by `resolve`.
pub(super) fn associations(
    root: &Map<String, Value>,
    resolve: &dyn Fn(&NodeRef) -> Option<Node>,
    bookkeeping: &mut bool,
    notes: &mut Notes,
) -> Vec<AssocIn> {
    let empty = Vec::new();
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
                *bookkeeping = true;
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

    associations
}
