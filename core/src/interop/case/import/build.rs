//! The framework built from the placed items: its statements, activities and resources, its
//! links, and its document.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{
    AssocIn, ItemIn, Node, Notes, Role, describe, file_name,
    hierarchy::{Hierarchy, Shape},
    item_name, link_type, locate_ref, node_ref,
    read::Head,
    short_label, slug_or, text_of,
};
use crate::{
    interop::case::{CaseImportOptions, export::full_text, package::ItemExt},
    model::{
        OneOrMany,
        framework::{
            Activity, Domain, Framework, Link, LinkType, Provenance, Resource, Source, Statement,
            default_levels,
        },
    },
};

/// The framework's statements, activities and resources, in printed order.
#[derive(Debug, Default)]
pub(super) struct Nodes {
    statements: Vec<Statement>,
    activities: Vec<Activity>,
    resources: Vec<Resource>,
}

/// What the framework holds, for [`framework`] to put under its document.
#[derive(Debug)]
pub(super) struct Contents {
    pub(super) domains: Vec<Domain>,
    pub(super) nodes: Nodes,
    pub(super) links: Vec<Link>,
}

/// The statements, activities and resources, in printed order.
pub(super) fn nodes(
    shape: &Shape,
    items: &[ItemIn],
    codes: &[Option<String>],
    notes: &mut Notes,
) -> Nodes {
    let Shape {
        order,
        roles,
        statement_domain,
        domains,
        ..
    } = shape;
    let mut statements = Vec::new();
    let mut activities = Vec::new();
    let mut resources = Vec::new();
    let mut made_labels = 0;
    let mut unread_notes = 0;
    for (i, _) in order {
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
                    parent: None,
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

    Nodes {
        statements,
        activities,
        resources,
    }
}

/// Links: every association but the hierarchy, between nodes waypost can link.
pub(super) fn links(
    associations: &[AssocIn],
    hierarchy: &Hierarchy,
    shape: &Shape,
    items: &[ItemIn],
    codes: &[Option<String>],
    notes: &mut Notes,
) -> Vec<Link> {
    let extra_parents = &hierarchy.extra_parents;
    let roles = &shape.roles;
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
    links
}

/// A note for each kind of definition the package lists that waypost does not keep.
pub(super) fn note_definitions(root: &Map<String, Value>, notes: &mut Notes) {
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
}

/// The framework: the document's fields, from what a waypost export recorded, or else from
/// the CASE document with a citation assembled from it.
pub(super) fn framework(
    head: Head<'_>,
    options: &CaseImportOptions,
    name: Option<&str>,
    contents: Contents,
    notes: &mut Notes,
) -> Framework {
    let Head {
        doc,
        version,
        identifier: doc_identifier,
        uri: doc_uri,
        ext: doc_ext,
        ..
    } = head;
    let Contents {
        domains,
        nodes:
            Nodes {
                statements,
                activities,
                resources,
            },
        links,
    } = contents;
    let title = text_of(doc, "title").unwrap_or_else(|| {
        notes.at(
            "CFDocument",
            "the document has no `title`; it is called `untitled CASE framework`",
        );
        "untitled CASE framework".to_string()
    });
    match doc_ext {
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
            hierarchy: None,
            domains,
            statements,
            activities,
            resources,
            links,
            settings: ext.settings,
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
            let note = import_note(doc, version, name, doc_identifier.as_deref());
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
                hierarchy: None,
                domains,
                statements,
                activities,
                resources,
                links,
                settings: Vec::new(),
            }
        }
    }
}

/// The note on the source of a framework imported from someone else's package: where it came
/// from, how its citation was assembled, and the document's description, notes, adoption
/// status and licence, which have no field of their own.
fn import_note(
    doc: &Map<String, Value>,
    version: &str,
    name: Option<&str>,
    identifier: Option<&str>,
) -> String {
    let mut note = format!(
        "Imported by waypost from the CASE {version} package{} (CFDocument {}). The citation is assembled from the document's creator, title and publisher; labels not given by the package were made from the first words of each statement.",
        name.map(|n| format!(" `{}`", file_name(n)))
            .unwrap_or_default(),
        identifier.unwrap_or("without identifier"),
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
    note
}
