//! A framework's own consistency, checked when it is loaded or added to a catalog: unique
//! codes, known domains, links that land, a usable scale, curated links that say who curated
//! them, and `precedes` links without a cycle. It needs the framework alone, so every loader
//! can check before anything is built from it.

use std::collections::HashSet;

// Keyed by the framework's own codes, checked once per framework: a fast hash is enough.
use petgraph::{algo, graph::DiGraph};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::{
    error::{Diagnostic, backticked},
    model::framework::{Framework, LinkType, Provenance},
};

/// Checks a framework's internal consistency: unique codes, known domains, links that land,
/// a usable scale, and curated links that say who curated them.
pub(crate) fn check_framework(framework: &Framework) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Each code, with where it is first used (`statements`, 3): the pointer is written out
    // only for a code used twice.
    let mut codes: FxHashMap<&str, (&str, usize)> = FxHashMap::with_capacity_and_hasher(
        framework.statements.len() + framework.activities.len() + framework.resources.len(),
        Default::default(),
    );
    fn claim<'a>(
        codes: &mut FxHashMap<&'a str, (&'static str, usize)>,
        code: &'a str,
        at: (&'static str, usize),
        problems: &mut Vec<Diagnostic>,
    ) {
        if let Some((list, i)) = codes.get(code) {
            problems.push(
                Diagnostic::new(format!("the code `{code}` is used twice"))
                    .at(format!("{}[{}]", at.0, at.1))
                    .with_hint(format!("it is first used at `{list}[{i}]`")),
            );
        } else {
            codes.insert(code, at);
        }
    }
    if framework.id.trim().is_empty() || framework.id.contains([':', ' ', '/']) {
        problems.push(
            Diagnostic::new(format!("the framework id `{}` is not usable", framework.id))
                .at("id")
                .with_hint(
                    "use lowercase words joined by hyphens, such as `realising-recovery-2007`",
                ),
        );
    }
    if framework.levels.is_empty() {
        problems.push(Diagnostic::new("the scale `levels` is empty").at("levels").with_hint("list the levels lowest first, such as `[\"introduced\", \"developed\", \"assessed\"]`"));
    }
    let mut seen_levels = HashSet::new();
    for (i, level) in framework.levels.iter().enumerate() {
        if !seen_levels.insert(level.to_lowercase()) {
            problems.push(
                Diagnostic::new(format!("the level `{level}` is listed twice"))
                    .at(format!("levels[{i}]")),
            );
        }
    }
    let domains: FxHashSet<&str> = framework.domains.iter().map(|d| d.id.as_str()).collect();
    for (i, s) in framework.statements.iter().enumerate() {
        claim(&mut codes, &s.code, ("statements", i), &mut problems);
        if !domains.contains(s.domain.as_str()) {
            problems.push(
                Diagnostic::new(format!(
                    "statement `{}` names the domain `{}`, which is not defined",
                    s.code, s.domain
                ))
                .at(format!("statements[{i}].domain"))
                .with_hint(if framework.domains.is_empty() {
                    "no domain could be read: add a `[[domains]]` table with an `id`, a `name` and a `prefix`".to_string()
                } else {
                    format!(
                        "the domains are {}",
                        backticked(
                            &framework
                                .domains
                                .iter()
                                .map(|d| d.id.clone())
                                .collect::<Vec<_>>()
                        )
                    )
                }),
            );
        }
    }
    parent_problems(framework, &mut problems);
    for (i, a) in framework.activities.iter().enumerate() {
        claim(&mut codes, &a.code, ("activities", i), &mut problems);
    }
    for (i, r) in framework.resources.iter().enumerate() {
        claim(&mut codes, &r.code, ("resources", i), &mut problems);
    }
    if framework.links.iter().any(|l| l.kind == LinkType::Precedes) {
        // A statement cannot be learned before itself: the `precedes` links must not loop.
        if let Some(codes) = precedes_cycle(framework) {
            let first = framework
                .links
                .iter()
                .position(|l| l.kind == LinkType::Precedes);
            problems.push(
                Diagnostic::new(format!("the `precedes` links form a cycle through {}", backticked(&codes)))
                    .at(format!("links[{}]", first.unwrap_or(0)))
                    .with_hint("something cannot be learned before itself: remove or reverse one of these links"),
            );
        }
    }
    for (i, link) in framework.links.iter().enumerate() {
        for (key, code) in std::iter::once(("from", &link.from))
            .chain(link.to.as_slice().iter().map(|c| ("to", c)))
        {
            if !codes.contains_key(code.as_str()) {
                problems.push(
                    Diagnostic::new(format!(
                        "the link's `{key}` code `{code}` is not in the framework"
                    ))
                    .at(format!("links[{i}].{key}")),
                );
            }
        }
        if link.provenance == Provenance::Curated
            && link
                .curated_by
                .as_deref()
                .is_none_or(|c| c.trim().is_empty())
        {
            problems.push(
                Diagnostic::new("a curated link must say who curated it")
                    .at(format!("links[{i}]"))
                    .with_hint("add `curated_by = \"...\"`"),
            );
        }
    }
    problems
}

/// The problems of statements' `parent`s, each located at the `parent` it is about: a parent
/// that is not a statement of the framework, a parent in another domain (a domain's counts
/// would otherwise hold half a tree), and parents that loop (a statement under itself). Every
/// problem is pushed, not the first alone.
fn parent_problems(framework: &Framework, problems: &mut Vec<Diagnostic>) {
    let read = framework.parents();
    if read.is_empty() {
        return;
    }
    // A code written twice stands for its last use, as everywhere codes are looked up.
    let index: FxHashMap<&str, usize> = framework
        .statements
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.as_str(), i))
        .collect();
    let mut parent_of: Vec<Option<usize>> = vec![None; framework.statements.len()];
    for (i, s) in framework.statements.iter().enumerate() {
        let Some(parent) = s.parent.as_deref() else {
            continue;
        };
        let at = format!("statements[{i}].parent");
        let Some(&p) = index.get(parent) else {
            let other = framework.activities.iter().any(|a| a.code == parent)
                || framework.resources.iter().any(|r| r.code == parent);
            let near = framework
                .statements
                .iter()
                .find(|c| c.code.eq_ignore_ascii_case(parent.trim()));
            let hint = match near {
                _ if other => {
                    "a parent is a statement; activities and resources have none".to_string()
                }
                Some(c) => format!("did you mean `{}`?", c.code),
                None => "a parent is the code of another statement of this framework".to_string(),
            };
            problems.push(
                Diagnostic::new(format!(
                    "statement `{}` names the parent `{parent}`, which is not a statement of the framework",
                    s.code
                ))
                .at(at)
                .with_hint(hint),
            );
            continue;
        };
        if let Some(ps) = framework.statements.get(p)
            && ps.domain != s.domain
        {
            problems.push(
                Diagnostic::new(format!(
                    "statement `{}` is in the domain `{}` but its parent `{parent}` is in `{}`",
                    s.code, s.domain, ps.domain
                ))
                .at(at)
                .with_hint("a statement sits under a parent of its own domain: change its `domain` or its `parent`"),
            );
        }
        if let Some(slot) = parent_of.get_mut(i) {
            *slot = Some(p);
        }
    }
    // A statement's parent is said once: an `isChildOf` link to another statement of its
    // domain is read as its parent where it names none, and refused where it names another.
    for (li, link) in framework.links.iter().enumerate() {
        if link.kind != LinkType::IsChildOf {
            continue;
        }
        let Some(s) = index
            .get(link.from.as_str())
            .and_then(|&i| framework.statements.get(i))
        else {
            continue;
        };
        let Some(parent) = s.parent.as_deref() else {
            continue;
        };
        let other = link.to.as_slice().iter().find(|t| {
            t.as_str() != parent
                && index
                    .get(t.as_str())
                    .and_then(|&t| framework.statements.get(t))
                    .is_some_and(|t| t.domain == s.domain && t.code != s.code)
        });
        if let Some(other) = other {
            problems.push(
                Diagnostic::new(format!(
                    "statement `{}` names the parent `{parent}`, but an `isChildOf` link puts it under `{other}`",
                    s.code
                ))
                .at(format!("links[{li}]"))
                .with_hint("say a statement's parent once, with `parent`, and remove the link"),
            );
        }
    }
    // Parents read from `isChildOf` links join the ones named, for the loop check.
    for (i, p) in read.iter().enumerate() {
        if let (Some(slot @ None), Some(p)) = (parent_of.get_mut(i), p.and_then(|p| index.get(p))) {
            *slot = Some(*p);
        }
    }
    // Each statement is walked up once (0 unseen, 1 on the walk, 2 done), so a long chain costs
    // its length, and each loop is reported once, at its first statement in printed order.
    let mut state = vec![0u8; parent_of.len()];
    for start in 0..parent_of.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i).copied() {
                Some(0) => {
                    if let Some(st) = state.get_mut(i) {
                        *st = 1;
                    }
                    path.push(i);
                    at = parent_of.get(i).copied().flatten();
                }
                Some(1) => {
                    let pos = path.iter().position(|&p| p == i).unwrap_or(0);
                    let mut cycle: Vec<usize> = path.get(pos..).unwrap_or_default().to_vec();
                    cycle.sort_unstable();
                    let codes: Vec<String> = cycle
                        .iter()
                        .filter_map(|&c| framework.statements.get(c).map(|s| s.code.clone()))
                        .collect();
                    let first = cycle.first().copied().unwrap_or(start);
                    problems.push(
                        Diagnostic::new(format!(
                            "the `parent`s form a cycle through {}",
                            backticked(&codes)
                        ))
                        .at(format!("statements[{first}].parent"))
                        .with_hint("a statement cannot sit under itself: one of them needs another parent, or none"),
                    );
                    break;
                }
                _ => break,
            }
        }
        for i in path {
            if let Some(st) = state.get_mut(i) {
                *st = 2;
            }
        }
    }
}

/// The codes of the first cycle of `precedes` links, in the framework's order (statements,
/// activities, resources), if the links loop. A code written twice stands for its last use,
/// as everywhere a framework's codes are looked up.
fn precedes_cycle(framework: &Framework) -> Option<Vec<String>> {
    let codes: Vec<&str> = framework
        .statements
        .iter()
        .map(|s| s.code.as_str())
        .chain(framework.activities.iter().map(|a| a.code.as_str()))
        .chain(framework.resources.iter().map(|r| r.code.as_str()))
        .collect();
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(codes.len(), 0);
    let mut node = FxHashMap::default();
    for code in &codes {
        node.insert(*code, graph.add_node(()));
    }
    for link in framework
        .links
        .iter()
        .filter(|l| l.kind == LinkType::Precedes)
    {
        let Some(from) = node.get(link.from.as_str()) else {
            continue;
        };
        for to in link.to.as_slice() {
            if let Some(to) = node.get(to.as_str()) {
                graph.add_edge(*from, *to, ());
            }
        }
    }
    algo::toposort(&graph, None).err()?;
    // The strongly connected parts with more than one node (or a node that precedes itself)
    // are the cycles; name the first.
    let mut cyclic = algo::tarjan_scc(&graph)
        .into_iter()
        .find(|part| part.len() > 1 || part.first().is_some_and(|n| graph.contains_edge(*n, *n)))?;
    cyclic.sort_unstable();
    Some(
        cyclic
            .into_iter()
            .filter_map(|n| codes.get(n.index()))
            .map(|code| code.rsplit(':').next().unwrap_or(code).to_string())
            .collect(),
    )
}
