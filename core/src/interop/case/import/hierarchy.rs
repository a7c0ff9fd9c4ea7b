//! The `isChildOf` hierarchy, and what each item is in it: a domain, a statement, an activity,
//! a resource, a section, or left out.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{
    AssocIn, ItemIn, Node, Notes, Role, describe, item_type_descriptions, locate_ref, short_label,
    slug_or,
};
use crate::{
    interop::{
        Names,
        case::{DomainRule, package::ItemExt},
        usable_code,
    },
    model::framework::Domain,
};

/// The hierarchy: each node's children in printed order, and the `isChildOf` associations of
/// items that already had a parent (read as links instead).
#[derive(Debug)]
pub(super) struct Hierarchy {
    pub(super) children: BTreeMap<Node, Vec<usize>>,
    pub(super) extra_parents: Vec<usize>,
}

/// The items placed: their printed order, each with its top-level ancestor, their roles, each
/// statement's domain, and the domains.
#[derive(Debug)]
pub(super) struct Shape {
    pub(super) rule: DomainRule,
    pub(super) order: Vec<(usize, Option<usize>)>,
    pub(super) roles: Vec<Role>,
    pub(super) statement_domain: Vec<Option<usize>>,
    pub(super) domains: Vec<Domain>,
    pub(super) domain_ids: Names,
}

/// Each item's parent (its first `isChildOf`), circles broken, children ordered by sequence
/// number.
pub(super) fn hierarchy(
    items: &[ItemIn],
    associations: &[AssocIn],
    any_associations: bool,
    notes: &mut Notes,
) -> Hierarchy {
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
    break_cycles(&mut parent, items, notes);
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
    if orphans > 0 && any_associations {
        notes.plain(format!(
            "{} not placed in the hierarchy by `isChildOf`; read as top-level",
            items_that(orphans, "is", "are")
        ));
    }

    Hierarchy {
        children,
        extra_parents,
    }
}

// Break cycles: walking up from each item once, an item whose parent is already on the
// path closes a circle and loses its parent.
fn break_cycles(parent: &mut [Option<Node>], items: &[ItemIn], notes: &mut Notes) {
    let n = items.len();
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
}

/// How domains are found: as asked, or for `auto`, the hierarchy where a top-level item
/// written by someone else has children, else the item types where any are given.
fn domain_rule(
    asked: DomainRule,
    roots: &[usize],
    has_children: &dyn Fn(usize) -> bool,
    items: &[ItemIn],
) -> DomainRule {
    match asked {
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
    }
}

/// The items depth first, children by sequence number, each with its top-level ancestor.
fn printed_order(
    roots: &[usize],
    children: &BTreeMap<Node, Vec<usize>>,
    n: usize,
) -> Vec<(usize, Option<usize>)> {
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
    order
}

/// Each item's role: the domains a waypost export recorded, top-level items with children
/// under the hierarchy rule, statements otherwise; items without text are left out.
pub(super) fn shape(
    items: &[ItemIn],
    hierarchy: &Hierarchy,
    asked: DomainRule,
    notes: &mut Notes,
) -> Shape {
    let children = &hierarchy.children;
    let n = items.len();
    let roots: Vec<usize> = children.get(&Node::Document).cloned().unwrap_or_default();
    let has_children = |i: usize| children.get(&Node::Item(i)).is_some_and(|c| !c.is_empty());
    let rule = domain_rule(asked, &roots, &has_children, items);
    let mut domains: Vec<Domain> = Vec::new();
    let mut domain_ids = Names::default();
    let mut roles: Vec<Role> = vec![Role::Statement; n];
    let mut statement_domain: Vec<Option<usize>> = vec![None; n];
    let order = printed_order(&roots, children, n);
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

    Shape {
        rule,
        order,
        roles,
        statement_domain,
        domains,
        domain_ids,
    }
}

/// Each statement's domain: its top-level ancestor's, or its item type's.
pub(super) fn place_statements(
    shape: &mut Shape,
    items: &[ItemIn],
    root: &Map<String, Value>,
    notes: &mut Notes,
) {
    let Shape {
        rule,
        order,
        roles,
        statement_domain,
        domains,
        domain_ids,
    } = shape;
    let rule = *rule;
    let mut domain_of_type: BTreeMap<String, usize> = BTreeMap::new();
    let item_type_descriptions = item_type_descriptions(root);
    let mut untyped = 0;
    for (i, top) in order.iter() {
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
            items_that(untyped, "has", "have"),
            if untyped == 1 { "it" } else { "them" }
        ));
    }
}

/// "1 item is", "3 items are": a count of items with its verb.
fn items_that(n: usize, one: &str, many: &str) -> String {
    let verb = if n == 1 { one } else { many };
    format!("{} {verb}", crate::error::plural(n, "item"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_count_of_items_takes_its_verb() {
        assert_eq!(super::items_that(1, "is", "are"), "1 item is");
        assert_eq!(super::items_that(2, "is", "are"), "2 items are");
        assert_eq!(super::items_that(0, "has", "have"), "0 items have");
    }
}
