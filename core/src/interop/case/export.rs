//! The export: a framework as a CASE 1.1 CFPackage, every identifier derived, every timestamp
//! the framework's, so two exports of one framework are byte-identical.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{CaseExportOptions, case_uuid, package::*};
use crate::model::{
    OneOrMany,
    framework::{Framework, LinkType, Provenance, Statement},
};

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

/// What every part of an export names things with: the framework, the namer, the time of
/// every record, and the item types.
struct Context<'a> {
    framework: &'a Framework,
    namer: Namer<'a>,
    when: String,
    type_links: BTreeMap<String, LinkUri>,
}

impl Context<'_> {
    fn type_link(&self, key: &str) -> LinkUri {
        self.type_links
            .get(key)
            .cloned()
            .unwrap_or_else(|| LinkUri {
                title: key.to_string(),
                identifier: String::new(),
                uri: String::new(),
            })
    }
}

/// The items written so far, and each node's link by the name it is known by (a domain's id,
/// a statement's, activity's or resource's code).
#[derive(Default)]
struct Items<'a> {
    items: Vec<ItemOut>,
    nodes: HashMap<&'a str, LinkUri>,
    activity_section: Option<LinkUri>,
    resource_section: Option<LinkUri>,
}

/// The associations written so far, each named uniquely.
struct Associations<'a> {
    namer: &'a Namer<'a>,
    when: &'a str,
    list: Vec<AssociationOut>,
    names: BTreeSet<String>,
}

impl Associations<'_> {
    fn add(
        &mut self,
        kind: &'static str,
        origin: &LinkUri,
        destination: &LinkUri,
        sequence: Option<usize>,
        extra: (Option<LinkUri>, Option<String>, Option<Ext<LinkExt>>),
    ) {
        let namer = self.namer;
        let base = format!(
            "#association:{}|{kind}|{}",
            origin.identifier, destination.identifier
        );
        let mut name = base.clone();
        let mut n = 2;
        while self.names.contains(&name) {
            name = format!("{base}|{n}");
            n += 1;
        }
        self.names.insert(name.clone());
        let identifier = namer.id(&name);
        self.list.push(AssociationOut {
            uri: namer.uri("CFAssociations", &identifier),
            identifier,
            association_type: kind,
            sequence_number: sequence,
            origin: origin.clone(),
            destination: destination.clone(),
            grouping: extra.0,
            last_change_date_time: self.when.to_string(),
            notes: extra.1,
            extensions: extra.2,
        });
    }
}

/// Writes a framework as a CASE 1.1 CFPackage (pretty JSON, ending in a newline).
pub fn export_case(framework: &Framework, options: &CaseExportOptions) -> String {
    let namer = Namer {
        framework: framework.id.as_str(),
        base_uri: options.base_uri.clone(),
    };
    let when = change_time(framework, options);
    let document = namer.link("CFDocuments", "", &framework.title);
    let (item_types, type_links) = item_types(framework, &namer, &when);
    let cx = Context {
        framework,
        namer,
        when,
        type_links,
    };
    let parent_link = parent_links(framework);
    let mut items = Items::default();
    domain_items(&cx, &mut items);
    activity_items(&cx, &mut items);
    resource_items(&cx, &mut items);
    let mut associations = Associations {
        namer: &cx.namer,
        when: &cx.when,
        list: Vec::new(),
        names: BTreeSet::new(),
    };
    hierarchy(&cx, &items, &parent_link, &document, &mut associations);
    let groupings = other_links(&cx, &items, &parent_link, &mut associations);
    let associations = associations.list;
    let Items { items, .. } = items;
    let package = Package {
        document: document_out(framework, &document, &cx.when),
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

/// The `CFDocument`: the framework's title, publishers and citation, and in its extension
/// everything a waypost import needs to read the framework back as it was.
fn document_out(framework: &Framework, document: &LinkUri, when: &str) -> DocumentOut {
    let publishers = framework.publishers.join("; ");
    DocumentOut {
        identifier: document.identifier.clone(),
        uri: document.uri.clone(),
        case_version: "1.1",
        creator: if publishers.is_empty() {
            framework.title.clone()
        } else {
            publishers.clone()
        },
        title: framework.title.clone(),
        last_change_date_time: when.to_string(),
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
                settings: framework.settings.clone(),
            },
        },
    }
}

/// Item types: one per domain for its statements, and one for each kind of other item.
fn item_types(
    framework: &Framework,
    namer: &Namer<'_>,
    when: &str,
) -> (Vec<ItemTypeOut>, BTreeMap<String, LinkUri>) {
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
            last_change_date_time: when.to_string(),
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
    (item_types, type_links)
}

/// Which statements hang from another statement (its `parent`, or else a published `isChildOf`
/// link) rather than from their domain: the first such link of each statement, by its place
/// and its target.
fn parent_links(framework: &Framework) -> HashMap<&str, (usize, &str)> {
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
    // A statement's `parent` is exported as the same hierarchy (read back as an `isChildOf`
    // link, which waypost reads as its parent); it is no link of the file, so it has no index.
    for s in &framework.statements {
        if let Some(p) = s.parent.as_deref()
            && p != s.code
            && statement_codes.contains(p)
        {
            parent_link.insert(s.code.as_str(), (usize::MAX, p));
        }
    }
    parent_link
}

/// The domains, each followed by its statements. Statements whose domain is not defined cannot
/// be placed; a checked framework has none.
fn domain_items<'a>(cx: &Context<'a>, out: &mut Items<'a>) {
    let Context {
        framework,
        namer,
        when,
        ..
    } = cx;
    let type_link = |key: &str| cx.type_link(key);
    let Items { items, nodes, .. } = out;
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
}

/// A section: the item that holds the activities or the resources.
fn section(cx: &Context<'_>, key: &str, title: &str, ext: ItemExt) -> (ItemOut, LinkUri) {
    let Context { namer, when, .. } = cx;
    let type_link = |key: &str| cx.type_link(key);
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
}

/// The learning activities, under their section.
fn activity_items<'a>(cx: &Context<'a>, out: &mut Items<'a>) {
    let framework = cx.framework;
    let entries = framework.activities.iter().map(|a| Listed {
        code: &a.code,
        statement: a.text.clone(),
        label: a.label.clone(),
        notes: None,
        ext: ItemExt::Activity {
            audience: a.audience.clone(),
            page: a.page.clone(),
        },
    });
    let section = ("activities", "Learning activities", ItemExt::Activities);
    out.activity_section =
        listed_items(cx, out, section, ("Learning activity", "activity"), entries);
}

/// The resources, under their section.
fn resource_items<'a>(cx: &Context<'a>, out: &mut Items<'a>) {
    let framework = cx.framework;
    let entries = framework.resources.iter().map(|r| {
        let notes: Vec<&str> = [r.description.as_deref(), r.url.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        Listed {
            code: &r.code,
            statement: r.title.clone(),
            label: None,
            notes: (!notes.is_empty()).then(|| notes.join("\n")),
            ext: ItemExt::Resource {
                resource_kind: r.kind,
                url: r.url.clone(),
                description: r.description.clone(),
                page: r.page.clone(),
            },
        }
    });
    let section = ("resources", "Resources", ItemExt::Resources);
    out.resource_section = listed_items(cx, out, section, ("Resource", "resource"), entries);
}

/// A learning activity or a resource, as its item needs it.
struct Listed<'a> {
    code: &'a str,
    statement: String,
    label: Option<String>,
    notes: Option<String>,
    ext: ItemExt,
}

/// What a framework lists beside its statements (its learning activities or its resources):
/// a section (its key, title and extension), then an item of the given type (its name and type
/// key) for each entry, under it. Gives the section's link, if there are entries.
fn listed_items<'a>(
    cx: &Context<'a>,
    out: &mut Items<'a>,
    (key, title, section_ext): (&str, &str, ItemExt),
    (item_type, type_key): (&str, &str),
    entries: impl ExactSizeIterator<Item = Listed<'a>>,
) -> Option<LinkUri> {
    if entries.len() == 0 {
        return None;
    }
    let (item, section_link) = section(cx, key, title, section_ext);
    out.items.push(item);
    for entry in entries {
        let link = cx
            .namer
            .link("CFItems", &format!(":{}", entry.code), entry.code);
        out.items.push(ItemOut {
            identifier: link.identifier.clone(),
            full_statement: entry.statement,
            item_type: item_type.to_string(),
            uri: link.uri.clone(),
            human_coding_scheme: Some(entry.code.to_string()),
            list_enumeration: None,
            abbreviated_statement: entry.label,
            concept_keywords: Vec::new(),
            notes: entry.notes,
            item_type_uri: cx.type_link(type_key),
            last_change_date_time: cx.when.clone(),
            extensions: Ext { waypost: entry.ext },
        });
        out.nodes.insert(entry.code, link);
    }
    Some(section_link)
}

/// The hierarchy: domains under the document, statements under their domain (or their parent
/// statement), numbered in printed order among their siblings; then the sections.
fn hierarchy(
    cx: &Context<'_>,
    items: &Items<'_>,
    parent_link: &HashMap<&str, (usize, &str)>,
    document: &LinkUri,
    associations: &mut Associations<'_>,
) {
    let framework = cx.framework;
    let Items {
        nodes,
        activity_section,
        resource_section,
        ..
    } = items;
    let none = || (None, None, None);
    let mut top = 0;
    for d in &framework.domains {
        if let Some(link) = nodes.get(d.id.as_str()) {
            top += 1;
            associations.add("isChildOf", link, document, Some(top), none());
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
            associations.add("isChildOf", child, parent, Some(*n), (None, rationale, ext));
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
        associations.add("isChildOf", section, document, Some(top), none());
        for (n, code) in codes.iter().enumerate() {
            if let Some(child) = nodes.get(code) {
                associations.add("isChildOf", child, section, Some(n + 1), none());
            }
        }
    }
}

/// The other links, in the order the framework lists them. Curated ones are grouped by who
/// curated them; the groupings are returned.
fn other_links(
    cx: &Context<'_>,
    items: &Items<'_>,
    parent_link: &HashMap<&str, (usize, &str)>,
    associations: &mut Associations<'_>,
) -> Vec<GroupingOut> {
    let Context {
        framework,
        namer,
        when,
        ..
    } = cx;
    let nodes = &items.nodes;
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
            associations.add(
                kind,
                origin,
                destination,
                None,
                (grouping.clone(), link.rationale.clone(), Some(ext)),
            );
        }
    }
    groupings
}
