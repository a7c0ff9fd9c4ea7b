//! Personal development plans: a worker's self-assessment against a framework becomes the
//! statements to work on, grouped by domain and theme, each with the learning activities and
//! resources linked to it through the graph, in an order that starts with what unlocks most.
//!
//! This is the framework's own third purpose: "assist mental health workers and their
//! supervisors/managers in personal development planning".

mod assessment;
pub(crate) mod render;
pub(crate) mod team;
pub(crate) mod team_render;

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use assessment::{
    DEFAULT_SCALE, Rating, SelfAssessment, load_self_assessment, read_self_assessment,
};
pub use team::{SharedNeed, Team, TeamActivity, TeamOptions, TeamStatement, team};

use crate::{
    catalog::Catalog,
    coverage::{Support, supports_of},
    error::{Diagnostic, Error, Result},
    graph::Graph,
    model::framework::Framework,
};
use assessment::Resolved;

/// Choices a plan is made with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PlanOptions {
    /// The level to plan towards, overriding the self-assessment's `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Count statements the worker did not rate as needs (by default they are listed apart).
    pub include_unrated: bool,
}

/// A development plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// Whose plan it is, and when the self-assessment was made.
    pub person: Person,
    /// The framework assessed against.
    pub framework: PlanFramework,
    /// The rating scale, lowest first.
    pub scale: Vec<String>,
    /// The level planned towards.
    pub target: String,
    /// How many statements are below, at or above target, or not rated.
    pub summary: PlanSummary,
    /// The statements below target, in the order to work on them (see [`Need::unlocks`]).
    pub needs: Vec<Need>,
    /// The same needs grouped by domain and, within each, by theme.
    pub groups: Vec<DomainGroup>,
    /// Learning activities and resources that support at least one need, most useful first.
    pub activities: Vec<PlannedActivity>,
    /// Statements at or above target, with the level rated.
    pub met: Vec<Rated>,
    /// Statements not rated (and so not planned for, unless asked).
    pub unrated: Vec<String>,
}

/// Whose self-assessment it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Person {
    /// Their name.
    pub name: String,
    /// Their role or post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When they assessed themselves, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The supervisor or manager they plan with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<String>,
}

/// The framework a plan is against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlanFramework {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its short title, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
}

/// Counts over the framework's statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlanSummary {
    /// Statements in the framework.
    pub statements: usize,
    /// Statements rated.
    pub rated: usize,
    /// Statements rated below target (needs).
    pub below: usize,
    /// Statements rated at or above target.
    pub met: usize,
    /// Statements not rated.
    pub unrated: usize,
}

/// A statement below target: a development need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Need {
    /// Its place in the order, from 1.
    pub rank: usize,
    /// The statement's code.
    pub code: String,
    /// Its qualified id.
    pub id: String,
    /// Its domain's id.
    pub domain: String,
    /// Its domain's name.
    pub domain_name: String,
    /// The theme it is grouped under (its first curated theme).
    pub theme: String,
    /// Its curated label.
    pub label: String,
    /// Its published text.
    pub text: String,
    /// The level rated, or none if not rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// How many steps of the scale it is below target.
    pub steps: usize,
    /// The worker's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Activities and resources linked to it: directly first, then through related statements
    /// (`via`).
    pub supports: Vec<Support>,
    /// How many other needs the same activities and resources support: the order's key.
    pub unlocks: usize,
    /// Those other needs, in the framework's order.
    pub also_helps: Vec<String>,
}

/// Needs of one domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DomainGroup {
    /// The domain's id.
    pub domain: String,
    /// Its name.
    pub name: String,
    /// Its needs by theme; themes in the order of their first need.
    pub themes: Vec<ThemeGroup>,
}

/// Needs sharing a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ThemeGroup {
    /// The theme.
    pub theme: String,
    /// The needs' codes, in plan order.
    pub needs: Vec<String>,
}

/// A learning activity or resource and the needs it supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlannedActivity {
    /// Its place in the order, from 1.
    pub rank: usize,
    /// Its code (`LA5`, `R2`).
    pub code: String,
    /// `activity` or `resource`.
    pub kind: String,
    /// Its curated label (activities), where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The activity's published text or the resource's title.
    pub title: String,
    /// The resource's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The needs it supports, in plan order.
    pub needs: Vec<NeedLink>,
}

/// A need an activity supports, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NeedLink {
    /// The need's code.
    pub code: String,
    /// Set when the link reaches the need through a related statement (its code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// A statement rated at or above target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Rated {
    /// Its code.
    pub code: String,
    /// The level rated.
    pub level: String,
}

/// Makes a development plan from a self-assessment.
///
/// The order: each need's activities and resources (direct, and through related statements)
/// also support other needs; a need whose activities support the most other needs comes first,
/// ties in the framework's printed order. Activities are ordered by how many needs they
/// support, then by how many directly, then in printed order.
pub fn plan(catalog: &Catalog, assessment: &SelfAssessment, options: &PlanOptions) -> Result<Plan> {
    let framework_id = crate::framework_for(assessment.framework.as_deref(), None);
    let Ok(fw) = catalog.framework(framework_id) else {
        return Err(assessment.invalid(vec![
            Diagnostic::new(format!("unknown framework `{framework_id}`"))
                .at("framework")
                .with_hint(format!(
                    "the frameworks available are {}",
                    crate::error::backticked(&catalog.framework_ids())
                )),
        ]));
    };
    let resolved = assessment.resolve(fw, options)?;
    let graph = Graph::new(catalog);
    let fw_index = graph
        .framework_index(&fw.id)
        .ok_or_else(|| Error::UnknownFramework {
            id: fw.id.clone(),
            available: catalog.framework_ids(),
        })?;

    let Sorted {
        drafts,
        met,
        unrated,
    } = sort_statements(&graph, fw, fw_index, &resolved, options);
    let reach = reach(&drafts);
    let helps = helps(&drafts, &reach);
    let order = order(&helps);
    let needs = needs(fw, &resolved, &drafts, &helps, &order);
    let groups = groups(fw, &needs);
    let activities = activities(fw, &drafts, &reach, &order);

    let rated = resolved.ratings.len();
    Ok(Plan {
        person: Person {
            name: assessment.name.clone(),
            role: assessment.role.clone(),
            date: assessment.date.clone(),
            supervisor: assessment.supervisor.clone(),
        },
        framework: PlanFramework {
            id: fw.id.clone(),
            title: fw.title.clone(),
            short_title: fw.short_title.clone(),
        },
        scale: resolved.scale.clone(),
        target: resolved
            .scale
            .get(resolved.target)
            .cloned()
            .unwrap_or_default(),
        summary: PlanSummary {
            statements: fw.statements.len(),
            rated,
            below: rated - met.len(),
            met: met.len(),
            unrated: unrated.len(),
        },
        needs,
        groups,
        activities,
        met,
        unrated,
    })
}

/// A need in printed order, with what supports it.
struct Draft {
    statement: usize,
    level: Option<usize>,
    note: Option<String>,
    supports: Vec<Support>,
}

/// The framework's statements sorted into needs, met and not rated.
struct Sorted {
    drafts: Vec<Draft>,
    met: Vec<Rated>,
    unrated: Vec<String>,
}

/// Each statement of the framework, in printed order, as a need (below target, or not rated
/// when those count), met, or not rated.
fn sort_statements(
    graph: &Graph,
    fw: &Framework,
    fw_index: usize,
    resolved: &Resolved,
    options: &PlanOptions,
) -> Sorted {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut met = Vec::new();
    let mut unrated = Vec::new();
    for (i, s) in fw.statements.iter().enumerate() {
        let rating = resolved.ratings.get(&i);
        let below = match rating {
            Some((level, _)) => *level < resolved.target,
            None => options.include_unrated,
        };
        match rating {
            None => unrated.push(s.code.clone()),
            Some((level, _)) if !below => met.push(Rated {
                code: s.code.clone(),
                level: resolved.scale.get(*level).cloned().unwrap_or_default(),
            }),
            Some(_) => {}
        }
        if below {
            let supports = graph
                .statement_node(fw_index, i)
                .map(|node| supports_of(graph, fw, node))
                .unwrap_or_default();
            drafts.push(Draft {
                statement: i,
                level: rating.map(|(l, _)| *l),
                note: rating.and_then(|(_, n)| n.clone()),
                supports,
            });
        }
    }
    Sorted {
        drafts,
        met,
        unrated,
    }
}

/// What each activity or resource reaches among the needs: each need's index in `drafts`, and
/// the related statement it goes through, if any.
type Reach = BTreeMap<String, Vec<(usize, Option<String>)>>;

fn reach(drafts: &[Draft]) -> Reach {
    let mut reach: Reach = BTreeMap::new();
    for (d, draft) in drafts.iter().enumerate() {
        for s in &draft.supports {
            reach
                .entry(s.code.clone())
                .or_default()
                .push((d, s.via.clone()));
        }
    }
    reach
}

/// For each need, the other needs its activities and resources also support.
fn helps(drafts: &[Draft], reach: &Reach) -> Vec<BTreeSet<usize>> {
    drafts
        .iter()
        .enumerate()
        .map(|(d, draft)| {
            draft
                .supports
                .iter()
                .flat_map(|s| reach.get(&s.code).into_iter().flatten())
                .map(|(other, _)| *other)
                .filter(|other| *other != d)
                .collect()
        })
        .collect()
}

/// The needs (indices in `drafts`) in plan order: the one that helps most others first, ties
/// in printed order.
fn order(helps: &[BTreeSet<usize>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..helps.len()).collect();
    order.sort_by_key(|d| {
        (
            std::cmp::Reverse(helps.get(*d).map_or(0, BTreeSet::len)),
            *d,
        )
    });
    order
}

/// The needs, in plan order.
fn needs(
    fw: &Framework,
    resolved: &Resolved,
    drafts: &[Draft],
    helps: &[BTreeSet<usize>],
    order: &[usize],
) -> Vec<Need> {
    let domain_name = |id: &str| {
        fw.domains
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    };
    let mut needs = Vec::with_capacity(drafts.len());
    for d in order {
        let (Some(draft), Some(also)) = (drafts.get(*d), helps.get(*d)) else {
            continue;
        };
        let Some(s) = fw.statements.get(draft.statement) else {
            continue;
        };
        needs.push(Need {
            rank: needs.len() + 1,
            code: s.code.clone(),
            id: format!("{}:{}", fw.id, s.code),
            domain: s.domain.clone(),
            domain_name: domain_name(&s.domain),
            theme: s
                .themes
                .first()
                .cloned()
                .unwrap_or_else(|| "other".to_string()),
            label: s.label.clone(),
            text: s.text.clone(),
            level: draft.level.and_then(|l| resolved.scale.get(l)).cloned(),
            steps: resolved.target.saturating_sub(draft.level.unwrap_or(0)),
            note: draft.note.clone(),
            supports: draft.supports.clone(),
            unlocks: also.len(),
            also_helps: also
                .iter()
                .filter_map(|o| drafts.get(*o))
                .filter_map(|o| fw.statements.get(o.statement))
                .map(|s| s.code.clone())
                .collect(),
        });
    }
    needs
}

/// The needs grouped by domain, in the framework's order, and within each by theme.
fn groups(fw: &Framework, needs: &[Need]) -> Vec<DomainGroup> {
    let mut groups: Vec<DomainGroup> = Vec::new();
    for domain in &fw.domains {
        let mut themes: Vec<ThemeGroup> = Vec::new();
        for need in needs.iter().filter(|n| n.domain == domain.id) {
            match themes.iter_mut().find(|t| t.theme == need.theme) {
                Some(t) => t.needs.push(need.code.clone()),
                None => themes.push(ThemeGroup {
                    theme: need.theme.clone(),
                    needs: vec![need.code.clone()],
                }),
            }
        }
        if !themes.is_empty() {
            groups.push(DomainGroup {
                domain: domain.id.clone(),
                name: domain.name.clone(),
                themes,
            });
        }
    }
    groups
}

/// The activities and resources that support at least one need, most useful first, each with
/// the needs it supports in plan order.
fn activities(
    fw: &Framework,
    drafts: &[Draft],
    reach: &Reach,
    order: &[usize],
) -> Vec<PlannedActivity> {
    let rank_of: BTreeMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(rank, d)| (*d, rank + 1))
        .collect();
    // Activities in printed order first, so the stable sort keeps it for ties.
    let printed = fw
        .activities
        .iter()
        .map(|a| PlannedActivity {
            rank: 0,
            code: a.code.clone(),
            kind: "activity".to_string(),
            label: a.label.clone(),
            title: a.text.clone(),
            url: None,
            needs: Vec::new(),
        })
        .chain(fw.resources.iter().map(|r| PlannedActivity {
            rank: 0,
            code: r.code.clone(),
            kind: "resource".to_string(),
            label: None,
            title: r.title.clone(),
            url: r.url.clone(),
            needs: Vec::new(),
        }));
    let mut activities: Vec<PlannedActivity> = printed
        .filter_map(|mut activity| {
            let mut links: Vec<(usize, NeedLink)> = reach
                .get(&activity.code)?
                .iter()
                .filter_map(|(d, via)| {
                    let s = fw.statements.get(drafts.get(*d)?.statement)?;
                    Some((
                        rank_of.get(d).copied().unwrap_or(usize::MAX),
                        NeedLink {
                            code: s.code.clone(),
                            via: via.clone(),
                        },
                    ))
                })
                .collect();
            links.sort_by_key(|(rank, _)| *rank);
            activity.needs = links.into_iter().map(|(_, l)| l).collect();
            Some(activity)
        })
        .collect();
    activities.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.needs.len()),
            std::cmp::Reverse(a.needs.iter().filter(|n| n.via.is_none()).count()),
        )
    });
    for (i, a) in activities.iter_mut().enumerate() {
        a.rank = i + 1;
    }
    activities
}
