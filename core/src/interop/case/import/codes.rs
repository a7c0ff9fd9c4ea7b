//! Codes: the publisher's where usable, made up from the domain's prefix where not.

use std::collections::BTreeSet;

use super::{ItemIn, Notes, Role, hierarchy::Shape};
use crate::interop::{Names, clean_code, common_prefix, initials, usable_code};

/// Each item's code, `None` for the items that are not statements, activities or resources.
pub(super) fn codes(shape: &mut Shape, items: &[ItemIn], notes: &mut Notes) -> Vec<Option<String>> {
    let (mut codes, mut taken) = publisher_codes(shape, items, notes);
    domain_prefixes(shape, &codes);
    made_codes(shape, &mut codes, &mut taken, notes);
    codes
}

/// The publisher's codes, cleaned where they are not usable as they are, and made unique.
fn publisher_codes(
    shape: &Shape,
    items: &[ItemIn],
    notes: &mut Notes,
) -> (Vec<Option<String>>, Names) {
    let n = items.len();
    let Shape { order, roles, .. } = shape;
    let mut codes: Vec<Option<String>> = vec![None; n];
    let mut taken = Names::default();
    let mut renamed: Vec<(String, String, String)> = Vec::new();
    for (i, _) in order {
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
    (codes, taken)
}

// Domain prefixes, where the package gave none: the letters the domain's codes share, or
// the initials of its name.
fn domain_prefixes(shape: &mut Shape, codes: &[Option<String>]) {
    let Shape {
        order,
        statement_domain,
        domains,
        ..
    } = shape;
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
}

/// Codes for the statements that have none: the domain's prefix and the statement's place
/// in the domain.
fn made_codes(shape: &Shape, codes: &mut [Option<String>], taken: &mut Names, notes: &mut Notes) {
    let Shape {
        order,
        roles,
        statement_domain,
        domains,
        ..
    } = shape;
    let mut generated = 0;
    let mut counters: Vec<usize> = vec![0; domains.len()];
    for (i, _) in order {
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
}
