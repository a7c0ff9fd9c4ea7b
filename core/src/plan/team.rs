//! A team's or service's needs: many self-assessments against one framework, counted. Per
//! statement how many members rate themselves at each level, the needs most members share, and
//! the learning activities and resources that would serve the most members first.
//!
//! A manager's summary counts; it never names. Names (and nothing else personal: no notes, no
//! roles) appear only when asked for, for a supervisor who already knows whose file is whose.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PlanFramework, PlanOptions, SelfAssessment, assessment::Resolved};
use crate::{
    catalog::Catalog,
    coverage::supports_of,
    error::{Diagnostic, Error, Result},
    graph::Graph,
    portfolio::Failure,
};

/// One input of a team view: a name for its errors (a file name), and the self-assessment or
/// the error reading it gave.
pub type TeamEntry = (String, Result<SelfAssessment>);

/// Choices a team view is made with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct TeamOptions {
    /// The level every member is counted against, overriding each self-assessment's `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Name the members (for a supervisor); by default the view only counts.
    pub names: bool,
}

/// A team's or service's needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Team {
    /// The framework assessed against.
    pub framework: PlanFramework,
    /// The rating scale every member used, lowest first.
    pub scale: Vec<String>,
    /// How many self-assessments were counted.
    pub members: usize,
    /// The members by name, only when names were asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    /// Each statement of the framework, in printed order, with its counts.
    pub statements: Vec<TeamStatement>,
    /// The statements at least one member rates below their target, most members first.
    pub needs: Vec<SharedNeed>,
    /// Activities and resources that support at least one member's need, serving the most
    /// members first.
    pub activities: Vec<TeamActivity>,
    /// Self-assessments that could not be read or resolved, with why; the rest were counted.
    pub failures: Vec<Failure>,
}

/// One statement across the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TeamStatement {
    /// Its code.
    pub code: String,
    /// Its domain's id.
    pub domain: String,
    /// Its curated label.
    pub label: String,
    /// How many members rate themselves at each level of the scale, lowest first.
    pub counts: Vec<usize>,
    /// How many members did not rate it.
    pub unrated: usize,
    /// How many members rate it below their target.
    pub below: usize,
}

/// A need members share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SharedNeed {
    /// Its place in the order, from 1.
    pub rank: usize,
    /// The statement's code.
    pub code: String,
    /// Its domain's id.
    pub domain: String,
    /// Its curated label.
    pub label: String,
    /// Its first curated theme.
    pub theme: String,
    /// How many members rate it below their target.
    pub members: usize,
    /// Those members, only when names were asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    /// The activities and resources linked to it (codes; `via` links included).
    pub supports: Vec<String>,
}

/// A learning activity or resource and the members whose needs it supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TeamActivity {
    /// Its place in the order, from 1.
    pub rank: usize,
    /// Its code (`LA5`, `R2`).
    pub code: String,
    /// `activity` or `resource`.
    pub kind: String,
    /// The activity's published text or the resource's title.
    pub title: String,
    /// The resource's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How many members have at least one need it supports.
    pub members: usize,
    /// The shared needs it supports, in need order.
    pub needs: Vec<String>,
}

/// A statement below some member's target: its index, who, and what supports it.
type Draft = (usize, BTreeSet<usize>, Vec<crate::coverage::Support>);

/// A member counted: their resolved ratings and name.
struct Member {
    name: String,
    resolved: Resolved,
}

/// Counts many self-assessments into a team view. The framework is the options' first member's
/// (else the default); a member against another framework, or on another scale, is a failure,
/// as is one that does not load or resolve; the rest are counted.
pub fn team(
    catalog: &Catalog,
    entries: impl IntoIterator<Item = TeamEntry>,
    options: &TeamOptions,
) -> Result<Team> {
    let plan_options = PlanOptions {
        target: options.target.clone(),
        include_unrated: false,
    };
    let Members {
        members,
        failures,
        framework,
        scale,
    } = read_members(catalog, entries, &plan_options);
    let framework_id = framework.unwrap_or_else(|| crate::framework_for(None, None).to_string());
    let fw = catalog.framework(&framework_id)?;
    let scale = scale.unwrap_or_else(|| super::DEFAULT_SCALE.map(String::from).to_vec());
    let graph = Graph::new(catalog);
    let fw_index = graph
        .framework_index(&fw.id)
        .ok_or_else(|| Error::UnknownFramework {
            id: fw.id.clone(),
            available: catalog.framework_ids(),
        })?;
    let names = |who: &BTreeSet<usize>| {
        options.names.then(|| {
            who.iter()
                .filter_map(|m| members.get(*m))
                .map(|m| m.name.clone())
                .collect::<Vec<_>>()
        })
    };

    let mut statements = Vec::with_capacity(fw.statements.len());
    // Per statement below someone's target: who, and what supports it.
    let mut drafts: Vec<Draft> = Vec::new();
    for (si, s) in fw.statements.iter().enumerate() {
        let mut counts = vec![0; scale.len()];
        let mut unrated = 0;
        let mut below = BTreeSet::new();
        for (mi, m) in members.iter().enumerate() {
            match m.resolved.ratings.get(&si) {
                Some((level, _)) => {
                    if let Some(c) = counts.get_mut(*level) {
                        *c += 1;
                    }
                    if *level < m.resolved.target {
                        below.insert(mi);
                    }
                }
                None => unrated += 1,
            }
        }
        statements.push(TeamStatement {
            code: s.code.clone(),
            domain: s.domain.clone(),
            label: s.label.clone(),
            counts,
            unrated,
            below: below.len(),
        });
        if !below.is_empty() {
            let supports = graph
                .statement_node(fw_index, si)
                .map(|node| supports_of(&graph, fw, node))
                .unwrap_or_default();
            drafts.push((si, below, supports));
        }
    }
    // Most members first; ties in printed order (the drafts are in printed order already).
    drafts.sort_by_key(|(_, who, _)| std::cmp::Reverse(who.len()));

    let mut needs = Vec::with_capacity(drafts.len());
    for (si, who, supports) in &drafts {
        let Some(s) = fw.statements.get(*si) else {
            continue;
        };
        let mut codes: Vec<String> = Vec::new();
        for support in supports {
            if !codes.contains(&support.code) {
                codes.push(support.code.clone());
            }
        }
        needs.push(SharedNeed {
            rank: needs.len() + 1,
            code: s.code.clone(),
            domain: s.domain.clone(),
            label: s.label.clone(),
            theme: s
                .themes
                .first()
                .cloned()
                .unwrap_or_else(|| "other".to_string()),
            members: who.len(),
            names: names(who),
            supports: codes,
        });
    }

    let activities = activities(fw, &needs, &drafts);

    Ok(Team {
        framework: PlanFramework {
            id: fw.id.clone(),
            title: fw.title.clone(),
            short_title: fw.short_title.clone(),
        },
        scale,
        members: members.len(),
        names: options
            .names
            .then(|| members.iter().map(|m| m.name.clone()).collect()),
        statements,
        needs,
        activities,
        failures,
    })
}

/// Self-assessments already read, as team entries: each named by the file or name it was read
/// under, else by its place in the list (`self-assessment 3`).
pub fn entries_of(assessments: impl IntoIterator<Item = SelfAssessment>) -> Vec<TeamEntry> {
    assessments
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let name = a
                .origin
                .path
                .clone()
                .unwrap_or_else(|| format!("self-assessment {}", i + 1));
            (name, Ok(a))
        })
        .collect()
}

/// The members read, those that could not be, and the framework and scale of the first.
struct Members {
    members: Vec<Member>,
    failures: Vec<Failure>,
    framework: Option<String>,
    scale: Option<Vec<String>>,
}

/// Reads and resolves each entry; one against another framework than the first member's, or
/// on another scale, is a failure, located in its file.
fn read_members(
    catalog: &Catalog,
    entries: impl IntoIterator<Item = TeamEntry>,
    plan_options: &PlanOptions,
) -> Members {
    let mut failures = Vec::new();
    let mut members: Vec<Member> = Vec::new();
    let mut framework: Option<String> = None;
    let mut scale: Option<Vec<String>> = None;
    for (path, entry) in entries {
        let read = entry.and_then(|a| {
            let id = crate::framework_for(a.framework.as_deref(), None).to_string();
            if catalog.framework(&id).is_err() {
                return Err(a.invalid(vec![
                    Diagnostic::new(format!("unknown framework `{id}`"))
                        .at("framework")
                        .with_hint(format!(
                            "the frameworks available are {}",
                            crate::error::backticked(&catalog.framework_ids())
                        )),
                ]));
            }
            let wanted = framework.get_or_insert_with(|| id.clone()).clone();
            if id != wanted {
                return Err(a.invalid(vec![
                    Diagnostic::new(format!(
                        "assessed against `{id}`, not the team's framework `{wanted}`"
                    ))
                    .at("framework")
                    .with_hint("a team view counts self-assessments against one framework"),
                ]));
            }
            let fw = catalog.framework(&wanted)?;
            let resolved = a.resolve(fw, plan_options)?;
            let first = scale.get_or_insert_with(|| resolved.scale.clone());
            if *first != resolved.scale {
                return Err(a.invalid(vec![
                    Diagnostic::new(format!(
                        "its scale `{}` differs from the team's `{}`",
                        resolved.scale.join(" < "),
                        first.join(" < ")
                    ))
                    .at("scale")
                    .with_hint("a team view counts members on one scale; use the same `scale` in every file"),
                ]));
            }
            Ok(Member {
                name: a.name.clone(),
                resolved,
            })
        });
        match read {
            Ok(m) => members.push(m),
            Err(e) => failures.push(Failure {
                path,
                error: e.to_report(),
            }),
        }
    }
    Members {
        members,
        failures,
        framework,
        scale,
    }
}

/// Each activity or resource that supports a need, with the members whose needs it supports:
/// most members first, then most needs, then printed order.
fn activities(
    fw: &crate::model::framework::Framework,
    needs: &[SharedNeed],
    drafts: &[Draft],
) -> Vec<TeamActivity> {
    // Each activity or resource: the members whose needs it supports, and those needs.
    let mut served: BTreeMap<&str, (BTreeSet<usize>, Vec<String>)> = BTreeMap::new();
    for (need, (_, who, _)) in needs.iter().zip(drafts) {
        for code in &need.supports {
            let entry = served.entry(code.as_str()).or_default();
            entry.0.extend(who.iter().copied());
            entry.1.push(need.code.clone());
        }
    }
    let printed = fw
        .activities
        .iter()
        .map(|a| (a.code.as_str(), "activity", a.text.as_str(), None))
        .chain(fw.resources.iter().map(|r| {
            (
                r.code.as_str(),
                "resource",
                r.title.as_str(),
                r.url.as_deref(),
            )
        }));
    let mut activities: Vec<TeamActivity> = printed
        .filter_map(|(code, kind, title, url)| {
            let (who, needs) = served.get(code)?;
            Some(TeamActivity {
                rank: 0,
                code: code.to_string(),
                kind: kind.to_string(),
                title: title.to_string(),
                url: url.map(String::from),
                members: who.len(),
                needs: needs.clone(),
            })
        })
        .collect();
    activities.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.members),
            std::cmp::Reverse(a.needs.len()),
        )
    });
    for (i, a) in activities.iter_mut().enumerate() {
        a.rank = i + 1;
    }

    activities
}
