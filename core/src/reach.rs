//! How widely a portfolio teaches each statement, and where a gap could be closed: the
//! learners a year each statement reaches (by level, provider and setting) from what courses
//! say of themselves (`learners_per_year`, `settings`), and for each statement no course
//! covers, the framework's learning activities and resources for it and the courses that
//! already teach its neighbours in the graph.
//!
//! Both read a finished [`Portfolio`] and add to it; a portfolio without reach data, and
//! without the training asked for, is exactly what it was.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::Arc,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    coverage::{Support, supports_of},
    error::{Diagnostic, Result},
    graph::{Graph, Node},
    model::curriculum::Curriculum,
    portfolio::Portfolio,
};

/// The settings a course may say it serves, as the data file lists them.
const KNOWN_SETTINGS: &str = include_str!("../data/settings.txt");

/// Below how many learners a year a taught statement is flagged, unless the options say.
pub const FEW_LEARNERS: u64 = 50;

/// The known settings, in the data file's order.
pub fn known_settings() -> Vec<String> {
    KNOWN_SETTINGS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// How widely a portfolio teaches each statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reach {
    /// The threshold: a taught statement reaching fewer learners a year is in `few`.
    pub few_learners: u64,
    /// Learners a year across every course that says.
    pub learners: u64,
    /// The settings the courses serve: the known ones in their listed order, then any others
    /// in alphabetical order (each lower case).
    pub settings: Vec<String>,
    /// Known settings no course serves.
    pub unserved: Vec<String>,
    /// Courses (ids) that do not say how many learners they take: they count as none.
    pub without_learners: Vec<String>,
    /// Each statement, in printed order.
    pub statements: Vec<StatementReach>,
    /// Statements some course covers that reach fewer than `few_learners` learners a year.
    pub few: Vec<String>,
    /// Per setting served, the statements taught elsewhere that no course in that setting
    /// covers.
    pub missing: Vec<SettingGap>,
    /// Settings not in the known list (a typo, or a setting of one's own), located.
    pub warnings: Vec<Diagnostic>,
}

/// The learners a year one statement reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StatementReach {
    /// Its code.
    pub code: String,
    /// Learners a year on courses that cover it.
    pub learners: u64,
    /// Of those, how many at each level of the scale (their course's level), lowest first.
    pub by_level: Vec<u64>,
    /// By provider (courses without one under `(no provider)`).
    pub by_provider: BTreeMap<String, u64>,
    /// By setting; a course's learners count in each setting it serves.
    pub by_setting: BTreeMap<String, u64>,
}

/// A setting, and the taught statements no course serving it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SettingGap {
    /// The setting.
    pub setting: String,
    /// The statements, in printed order.
    pub statements: Vec<String>,
}

/// A statement no course covers, and the cheapest ways to close it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GapTraining {
    /// Its code.
    pub code: String,
    /// Its curated label.
    pub label: String,
    /// The framework's learning activities and resources for it (directly, then through a
    /// related statement, `via`).
    pub supports: Vec<Support>,
    /// Its neighbours in the graph: statements linked to it, then statements sharing a
    /// curated theme.
    pub neighbours: Vec<Neighbour>,
    /// Courses that already cover a neighbour, most neighbours first: the cheapest places to
    /// add it.
    pub courses: Vec<Candidate>,
}

/// A statement near a gap, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Neighbour {
    /// Its code.
    pub code: String,
    /// `related` (a link of the framework) or `theme: NAME`.
    pub why: String,
}

/// A course that could take a gap on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Candidate {
    /// The course's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The neighbours it covers.
    pub covers: Vec<String>,
}

/// What a portfolio's reach and training are computed with.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReachOptions {
    /// The threshold of [`Reach::few_learners`] (default [`FEW_LEARNERS`]).
    pub few_learners: Option<u64>,
    /// Settings of the user's own, known as well as the listed ones.
    pub settings: Vec<String>,
    /// Whether to add [`GapTraining`] for each statement no course covers.
    pub gaps_to_training: bool,
}

impl ReachOptions {
    /// The known settings, then those the framework names, then the user's own, each once,
    /// normalised.
    pub(crate) fn known_settings(&self, framework: &[String]) -> Vec<String> {
        let mut known = known_settings();
        for extra in framework.iter().chain(&self.settings) {
            let extra = normal(extra);
            if !extra.is_empty() && !known.contains(&extra) {
                known.push(extra);
            }
        }
        known
    }
}

/// A warning, located in the curriculum's file, for each setting it names that is not known.
pub(crate) fn unknown_settings(c: &Curriculum, known: &[String]) -> Vec<Diagnostic> {
    c.settings
        .iter()
        .enumerate()
        .filter(|(_, written)| {
            let setting = normal(written);
            !setting.is_empty() && !known.contains(&setting)
        })
        .map(|(i, written)| {
            let near = crate::nearest::nearest(&normal(written), known.iter().map(String::as_str));
            let hint = match near {
                Some(n) => {
                    format!("did you mean `{n}`? (a setting of your own is added with `--setting`)")
                }
                None => "it is counted as written; a setting of your own is added with `--setting`"
                    .to_string(),
            };
            c.origin.place(
                Diagnostic::new(format!("unknown setting `{written}`"))
                    .at(format!("settings[{i}]"))
                    .with_hint(hint),
            )
        })
        .collect()
}

/// Adds reach (when any course says how many learners it takes or which settings it serves)
/// and, when asked, the training for each gap. `known` is [`ReachOptions::known_settings`];
/// `warnings` the unknown settings, located.
pub(crate) fn add(
    catalog: &Catalog,
    p: &mut Portfolio,
    options: &ReachOptions,
    known: &[String],
    warnings: Vec<Diagnostic>,
) -> Result<()> {
    let has_data = p
        .courses
        .iter()
        .any(|c| c.learners_per_year.is_some() || !c.settings.is_empty());
    if has_data {
        p.reach = Some(reach(p, options, known, warnings));
    }
    if options.gaps_to_training {
        p.training = Some(training(catalog, p)?);
    }
    Ok(())
}

fn normal(setting: &str) -> String {
    setting
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn reach(
    p: &Portfolio,
    options: &ReachOptions,
    known: &[String],
    warnings: Vec<Diagnostic>,
) -> Reach {
    let mut others = BTreeSet::new();
    let mut served = BTreeSet::new();
    let course_settings: Vec<Vec<String>> = p
        .courses
        .iter()
        .map(|c| {
            let mut own: Vec<String> = Vec::new();
            for written in &c.settings {
                let setting = normal(written);
                if setting.is_empty() || own.contains(&setting) {
                    continue;
                }
                if !known.contains(&setting) {
                    others.insert(setting.clone());
                }
                served.insert(setting.clone());
                own.push(setting);
            }
            own
        })
        .collect();
    let settings: Vec<String> = known
        .iter()
        .filter(|s| served.contains(*s))
        .cloned()
        .chain(others)
        .collect();
    let unserved = known
        .iter()
        .filter(|s| !served.contains(*s))
        .cloned()
        .collect();
    let learners_of = |i: usize| {
        p.courses
            .get(i)
            .and_then(|c| c.learners_per_year)
            .map_or(0, u64::from)
    };
    let threshold = options.few_learners.unwrap_or(FEW_LEARNERS);
    let mut statements = Vec::with_capacity(p.statements.len());
    let mut few = Vec::new();
    let mut missing: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for s in &p.statements {
        let mut r = StatementReach {
            code: s.code.to_string(),
            learners: 0,
            by_level: vec![0; p.levels.len()],
            by_provider: BTreeMap::new(),
            by_setting: BTreeMap::new(),
        };
        let mut in_settings = BTreeSet::new();
        for (i, level) in s.levels.iter().enumerate() {
            let Some(level) = level else { continue };
            let n = learners_of(i);
            r.learners += n;
            if let Some(slot) = p
                .levels
                .iter()
                .position(|l| l.as_str() == &**level)
                .and_then(|at| r.by_level.get_mut(at))
            {
                *slot += n;
            }
            let provider = p
                .courses
                .get(i)
                .and_then(|c| c.provider.clone())
                .unwrap_or_else(|| "(no provider)".to_string());
            *r.by_provider.entry(provider).or_default() += n;
            for setting in course_settings.get(i).into_iter().flatten() {
                *r.by_setting.entry(setting.clone()).or_default() += n;
                in_settings.insert(setting.as_str());
            }
        }
        if s.courses > 0 {
            if r.learners < threshold {
                few.push(r.code.clone());
            }
            for setting in &settings {
                if !in_settings.contains(setting.as_str()) {
                    missing
                        .entry(setting.as_str())
                        .or_default()
                        .push(r.code.clone());
                }
            }
        }
        statements.push(r);
    }
    Reach {
        few_learners: threshold,
        learners: (0..p.courses.len()).map(learners_of).sum(),
        missing: settings
            .iter()
            .filter_map(|s| {
                Some(SettingGap {
                    setting: s.clone(),
                    statements: missing.get(s.as_str())?.clone(),
                })
            })
            .collect(),
        settings,
        unserved,
        without_learners: p
            .courses
            .iter()
            .filter(|c| c.learners_per_year.is_none())
            .map(|c| c.id.clone())
            .collect(),
        statements,
        few,
        warnings,
    }
}

fn training(catalog: &Catalog, p: &Portfolio) -> Result<Vec<GapTraining>> {
    let f = catalog.framework(&p.framework.id)?;
    let graph = Graph::base(catalog);
    let graph = graph.as_ref();
    let Some(fw) = graph.framework_index(&f.id) else {
        return Ok(Vec::new());
    };
    let uncovered: BTreeSet<&str> = p.uncovered.iter().map(|c| &**c).collect();
    let mut out = Vec::new();
    for (si, s) in f.statements.iter().enumerate() {
        if !uncovered.contains(s.code.as_str()) {
            continue;
        }
        let node = graph.statement_node(fw, si);
        let supports = node.map(|n| supports_of(graph, f, n)).unwrap_or_default();
        let mut neighbours: Vec<Neighbour> = Vec::new();
        let related: BTreeSet<usize> = node
            .map(|n| {
                graph
                    .related(n)
                    .iter()
                    .filter_map(|&r| match graph.kind(r) {
                        Some(Node::Statement { fw: rfw, statement }) if rfw == fw => {
                            Some(statement)
                        }
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (oi, other) in f.statements.iter().enumerate() {
            if oi == si {
                continue;
            }
            if related.contains(&oi) {
                neighbours.push(Neighbour {
                    code: other.code.clone(),
                    why: "related".to_string(),
                });
            }
        }
        for (oi, other) in f.statements.iter().enumerate() {
            if oi == si || related.contains(&oi) {
                continue;
            }
            if let Some(theme) = s.themes.iter().find(|t| other.themes.contains(t)) {
                neighbours.push(Neighbour {
                    code: other.code.clone(),
                    why: format!("theme: {theme}"),
                });
            }
        }
        out.push(GapTraining {
            code: s.code.clone(),
            label: s.label.clone(),
            supports,
            courses: candidates(p, &neighbours),
            neighbours,
        });
    }
    Ok(out)
}

/// The courses covering at least one neighbour: most neighbours first, ties in course order.
fn candidates(p: &Portfolio, neighbours: &[Neighbour]) -> Vec<Candidate> {
    let rows: BTreeMap<&str, &Vec<Option<Arc<str>>>> =
        p.statements.iter().map(|s| (&*s.code, &s.levels)).collect();
    let mut out: Vec<Candidate> = p
        .courses
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let covers: Vec<String> = neighbours
                .iter()
                .filter(|n| {
                    rows.get(n.code.as_str())
                        .and_then(|levels| levels.get(i))
                        .is_some_and(Option::is_some)
                })
                .map(|n| n.code.clone())
                .collect();
            (!covers.is_empty()).then(|| Candidate {
                id: c.id.clone(),
                title: c.title.clone(),
                provider: c.provider.clone(),
                covers,
            })
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.covers.len()));
    out
}
