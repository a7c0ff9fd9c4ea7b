//! The import: a CASE 1.0 or 1.1 package read leniently as a framework, with a note for
//! everything it could not represent.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::{
    super::{
        Imported, Notes, checked, clean_code, common_prefix, initials, short_label, slug,
        usable_code,
    },
    CaseImportOptions, DomainRule,
    export::full_text,
    package::*,
};
use crate::{
    error::{Diagnostic, Error, Result},
    format::{self, Format},
    model::{
        OneOrMany,
        framework::{
            Activity, Domain, Framework, Link, LinkType, Provenance, Resource, Source, Statement,
            default_levels,
        },
    },
};

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
    let mut domain_ids = super::super::Names::default();
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
    let mut taken = super::super::Names::default();
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
    super::super::locate_diagnostics(text, &mut notes);
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
