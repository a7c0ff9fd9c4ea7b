//! The coverage report: for every statement of a framework, how far a curriculum takes it,
//! through which units, and what would help where it falls short.

use std::sync::Arc;

use indexmap::IndexMap;
use petgraph::graph::NodeIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    error::{Diagnostic, Error, Result},
    graph::{Covering, Graph, Node, Part, PartFlags},
    model::{
        crosswalk::MatchKind,
        curriculum::Curriculum,
        framework::{Framework, Hierarchy, Provenance},
        policy::Policy,
    },
    policy::{self, PolicyOutcome},
};

/// The version of the report's JSON: 2 lists each unit that is evidence once, in
/// [`Report::units`], and a statement's [`Evidence`] names it by its index there (version 1,
/// which had no such field, repeated the unit's module, title, id, kind and text in every
/// statement it reaches).
pub const REPORT_SCHEMA_VERSION: u32 = 2;

/// The coverage of one framework by one curriculum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// The version of this report's schema: 2 since each unit is listed once in `units`.
    pub schema_version: u32,
    /// The curriculum checked.
    pub curriculum: CurriculumInfo,
    /// The framework it was checked against.
    pub framework: FrameworkInfo,
    /// The coverage scale, lowest first.
    pub levels: Vec<String>,
    /// Whether the policy passed.
    pub passed: bool,
    /// Totals over the whole framework.
    pub summary: Summary,
    /// Totals per domain, in the framework's order.
    pub domains: Vec<DomainCoverage>,
    /// Each module, with the highest level it reaches on each statement (the heatmap's rows).
    pub modules: Vec<ModuleCoverage>,
    /// Every unit and assessment that reaches a statement, once each, in the curriculum's order
    /// (a module's units, then its assessments): a statement's evidence names them by index.
    pub units: Vec<UnitRef>,
    /// Every statement, in the framework's order.
    pub statements: Vec<StatementCoverage>,
    /// The statements nothing covers, with what would help.
    pub gaps: Vec<Gap>,
    /// Units that map to no statement yet.
    pub unmapped_units: Vec<UnitRef>,
    /// The policy's verdict, requirement by requirement.
    pub policy: PolicyOutcome,
    /// Problems that did not stop the check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
    /// The programme's thread, statement by year: for a curriculum whose modules span two
    /// years or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<Thread>,
}

/// A programme's thread: where each statement is reached, year by year, and the credits of the
/// modules that reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Thread {
    /// The years of the programme's modules, in order.
    pub years: Vec<u8>,
    /// Every statement, in the framework's order.
    pub statements: Vec<ThreadRow>,
}

/// One statement's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ThreadRow {
    /// The statement's code.
    pub code: String,
    /// For each of the thread's `years`, the highest level a module of that year reaches, or
    /// none.
    pub by_year: Vec<Option<String>>,
    /// Level → the years in which a module reaches it at that level (levels no module reaches
    /// it at are left out), in the scale's order.
    pub levels: IndexMap<String, Vec<u8>>,
    /// The modules that reach it, in the curriculum's order (a parent's include its children's).
    pub modules: Vec<String>,
    /// Their credits between them.
    pub credits: u32,
}

/// Who and what the curriculum is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CurriculumInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// How many modules it has.
    pub modules: usize,
    /// How many units it has.
    pub units: usize,
}

/// Which framework a report is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FrameworkInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its short title, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
}

/// Totals over the framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Statements in the framework.
    pub statements: usize,
    /// Statements covered at any level.
    pub covered: usize,
    /// Statements at the top of the scale (assessed).
    pub assessed: usize,
    /// Statements not covered.
    pub gaps: usize,
    /// Statements at each level as their highest.
    pub by_level: IndexMap<String, usize>,
}

/// Totals for one domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DomainCoverage {
    /// The domain's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Statements in the domain.
    pub total: usize,
    /// Statements covered at any level.
    pub covered: usize,
    /// Statements at the top of the scale.
    pub assessed: usize,
    /// Statements not covered.
    pub gaps: usize,
    /// Statements at each level as their highest.
    pub by_level: IndexMap<String, usize>,
}

/// What one module reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ModuleCoverage {
    /// The module's code.
    pub code: String,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its year of the programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u8>,
    /// How many units it has.
    pub units: usize,
    /// Statement code → the highest level any of its units or assessments reaches, in the
    /// framework's order; statements it does not reach are absent.
    pub reaches: IndexMap<Arc<str>, Arc<str>>,
}

/// How far the curriculum takes one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatementCoverage {
    /// The statement's code (`K4`).
    pub code: String,
    /// Its qualified id (`realising-recovery-2007:K4`).
    pub id: String,
    /// Its domain's id.
    pub domain: String,
    /// Its curated label.
    pub label: String,
    /// The code of the statement it sits under, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The highest level reached, or none for a gap. For a parent, the higher of its own
    /// mapping's level and the level derived from its children.
    pub level: Option<String>,
    /// Whether an assessment reaches it (directly or through a unit it assesses).
    pub assessed: bool,
    /// The units and assessments that reach it, and how (each names its unit by its index in
    /// the report's `units`).
    pub units: Vec<Evidence>,
    /// Coverage of statements linked by a crosswalk that does not count here (narrower or
    /// related matches), shown so a reader can judge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Via>,
    /// For a statement with children: how its coverage derives from theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derived>,
}

/// How a parent statement's coverage derives from its children's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Derived {
    /// The rule: `all` children, or `any` one.
    pub rule: Hierarchy,
    /// The children's codes, in the framework's order.
    pub children: Vec<String>,
    /// How many of them are covered (the "k" of "k of n").
    pub covered: usize,
    /// The level the children give it, or none while the rule is not met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The level its own mapping reaches, where the curriculum maps it directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<String>,
}

/// One link of an evidence chain: statement ← unit (listed once in the report's `units`, with
/// its module and the assessments that assess it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The unit's (or assessment's) index in the report's `units`.
    pub unit_index: usize,
    /// The level as mapped.
    pub mapped: Arc<str>,
    /// The level it counts for: the top of the scale when an assessment assesses the unit.
    pub level: Arc<str>,
    /// Set when the unit maps a statement of another framework that a crosswalk carries here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Box<Via>>,
}

/// A piece of evidence with its unit written out: what [`Report::evidence`] gives for one
/// statement, and how the reports print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EvidenceOf<'a> {
    /// The unit or assessment.
    #[serde(flatten)]
    pub unit: &'a UnitRef,
    /// The level as mapped.
    pub mapped: &'a str,
    /// The level it counts for.
    pub level: &'a str,
    /// Set when the unit maps a statement of another framework that a crosswalk carries here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<&'a Via>,
}

impl<'a> EvidenceOf<'a> {
    /// `evidence` with its unit from `units` (the report's, or an explanation's); none when the
    /// index is not in `units`.
    pub fn new(units: &'a [UnitRef], evidence: &'a Evidence) -> Option<Self> {
        Some(EvidenceOf {
            unit: units.get(evidence.unit_index)?,
            mapped: &evidence.mapped,
            level: &evidence.level,
            via: evidence.via.as_deref(),
        })
    }

    /// Each piece of `evidence` with its unit.
    pub fn all(units: &'a [UnitRef], evidence: &'a [Evidence]) -> Vec<Self> {
        evidence
            .iter()
            .filter_map(|e| EvidenceOf::new(units, e))
            .collect()
    }
}

/// A statement of another framework reached through a crosswalk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Via {
    /// The qualified id of the statement the curriculum maps.
    pub statement: String,
    /// How this report's statement matches it (`exact`, `broader`, `narrower`, `related`).
    #[serde(rename = "match")]
    pub kind: MatchKind,
    /// The highest level the curriculum reaches on it, where that is reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

/// A statement nothing covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Gap {
    /// The statement's code.
    pub code: String,
    /// Its qualified id.
    pub id: String,
    /// Its domain's id.
    pub domain: String,
    /// Its label.
    pub label: String,
    /// Its published text.
    pub text: String,
    /// Activities and resources linked to it.
    pub supports: Vec<Support>,
}

/// A learning activity or resource that supports a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Support {
    /// Its code (`LA1`, `R5`).
    pub code: String,
    /// `activity` or `resource`.
    pub kind: String,
    /// The activity's text or the resource's title.
    pub title: String,
    /// The resource's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether the link is published or curated.
    pub provenance: Provenance,
    /// Set when the link reaches the statement through a related statement (its code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// A unit or assessment, named within its module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnitRef {
    /// The module's code.
    pub module: Arc<str>,
    /// The module's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module_title: Option<Arc<str>>,
    /// The unit's (or assessment's) id.
    pub unit: Arc<str>,
    /// `outcome`, `session`, `activity` or `assessment`.
    pub kind: Arc<str>,
    /// The unit's text, or the assessment's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Arc<str>>,
    /// The assessments that assess it (`A1`, or `MODULE/A1` in another module).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessed_by: Vec<String>,
}

/// Checks a curriculum against a framework and a policy.
///
/// The framework is `framework` if given, else the first the curriculum declares, else the
/// built-in default; bare codes belong to the curriculum's own first declared framework, else
/// to that one ([`framework_for`](crate::framework_for) states the rule).
pub fn check(
    catalog: &Catalog,
    curriculum: &Curriculum,
    framework: Option<&str>,
    policy: &Policy,
) -> Result<Report> {
    check_owned(catalog, curriculum.clone(), framework, policy)
}

/// [`check`] of a curriculum the caller gives up: the check keeps it rather than a copy (a
/// large curriculum is not held twice).
pub fn check_owned(
    catalog: &Catalog,
    curriculum: Curriculum,
    framework: Option<&str>,
    policy: &Policy,
) -> Result<Report> {
    let target = crate::framework_of(framework, &curriculum.frameworks).to_string();
    if let Some(explicit) = framework {
        catalog.framework(explicit)?;
    }
    // Modules without the year or credits the policy reads are found while the curriculum
    // still has its text, so each is placed by line.
    if policy::needs_touches(policy)
        && let Ok(f) = catalog.framework(&target)
    {
        policy::missing_module_facts(f, policy, &curriculum)?;
    }
    // A framework the curriculum declares is checked when it is added, with its location.
    let mut graph = Graph::new(catalog);
    let cur = graph.add_curriculum(curriculum, Some(&target))?;
    report(&graph, cur, &target, policy)
}

/// The report for a curriculum already in a graph.
pub fn report(graph: &Graph, cur: usize, framework: &str, policy: &Policy) -> Result<Report> {
    let fw = graph
        .framework_index(framework)
        .ok_or_else(|| Error::UnknownFramework {
            id: framework.to_string(),
            available: graph.frameworks.iter().map(|f| f.id.clone()).collect(),
        })?;
    let (Some(f), Some(curriculum)) = (graph.frameworks.get(fw), graph.curriculum(cur)) else {
        return Err(Error::Invalid(vec![Diagnostic::new(
            "the curriculum is not in this graph",
        )]));
    };
    let top = graph.top_level(fw);
    let mut units = Units::new(curriculum);
    let source = Source {
        graph,
        cur,
        curriculum,
        fw,
    };
    let Gathered {
        mut statements,
        mut reached,
        module_reach,
    } = gather(&source, f, &mut units);
    // A framework without parents has no tree, and nothing more is done.
    let tree = Tree::of(f);
    if let Some(tree) = &tree {
        let rule = policy.hierarchy.or(f.hierarchy).unwrap_or_default();
        derive_parents(graph, f, fw, tree, rule, &mut reached, &mut statements);
    }
    let gaps = gaps_of(graph, f, fw, &reached);

    let count = |filter: &dyn Fn(&crate::model::framework::Statement) -> bool| {
        tally(f, &reached, top, filter)
    };
    let domains = f
        .domains
        .iter()
        .map(|d| {
            let (total, covered, assessed, by_level) = count(&|s| s.domain == d.id);
            DomainCoverage {
                id: d.id.clone(),
                name: d.name.clone(),
                total,
                covered,
                assessed,
                gaps: total - covered,
                by_level,
            }
        })
        .collect();
    let (total, covered, assessed, by_level) = count(&|_| true);
    let mut years: Vec<u8> = curriculum.modules.iter().filter_map(|m| m.year).collect();
    years.sort_unstable();
    years.dedup();
    let programme = years.len() > 1;
    let touches = (programme || policy::needs_touches(policy)).then(|| policy::Touches {
        statements: touches(f, tree.as_ref(), &module_reach),
        curriculum,
    });
    let thread = touches
        .as_ref()
        .filter(|_| programme)
        .map(|t| thread_of(graph, f, fw, years, t));
    let modules = module_coverage(graph, f, fw, curriculum, module_reach, &mut units);
    let policy = policy::evaluate(f, &reached, policy, touches.as_ref())?;
    let mut module = None;
    let unmapped_units = graph
        .unmapped_units(cur)
        .into_iter()
        .map(|(m, unit)| units.unit_ref(&source, &mut module, (m, Part::Unit(unit))))
        .collect();
    let units = units.finish(&source, &mut statements);

    Ok(Report {
        schema_version: REPORT_SCHEMA_VERSION,
        curriculum: CurriculumInfo {
            id: curriculum.id.clone(),
            title: curriculum.title.clone(),
            provider: curriculum.provider.clone(),
            version: curriculum.version.clone(),
            modules: curriculum.modules.len(),
            units: curriculum.modules.iter().map(|m| m.units.len()).sum(),
        },
        framework: FrameworkInfo {
            id: f.id.clone(),
            title: f.title.clone(),
            short_title: f.short_title.clone(),
        },
        levels: f.levels.clone(),
        passed: policy.passed,
        summary: Summary {
            statements: total,
            covered,
            assessed,
            gaps: total - covered,
            by_level,
        },
        domains,
        modules,
        units,
        statements,
        gaps,
        unmapped_units,
        policy,
        warnings: graph.curriculum_warnings(cur).to_vec(),
        thread,
    })
}

/// Every statement's coverage with its evidence, in the framework's order, and what each
/// module reaches.
struct Gathered {
    statements: Vec<StatementCoverage>,
    /// Per statement, the highest level that counts.
    reached: Vec<Option<u8>>,
    /// Per module, each statement it reaches and the level.
    module_reach: Vec<Vec<(usize, u8)>>,
}

/// Reads each statement's coverage off the curriculum's mappings, naming the units of its
/// evidence in `units`.
fn gather(source: &Source<'_>, f: &Framework, units: &mut Units) -> Gathered {
    let &Source {
        graph,
        cur,
        curriculum,
        fw,
    } = source;
    let top = graph.top_level(fw);
    let direct = graph.coverage_map(cur);
    let mut statements = Vec::with_capacity(f.statements.len());
    let mut reached: Vec<Option<u8>> = Vec::with_capacity(f.statements.len());
    let mut module_reach: Vec<Vec<(usize, u8)>> = vec![Vec::new(); curriculum.modules.len()];
    let mut note_module = |module: usize, statement: usize, level: u8| {
        if let Some(row) = module_reach.get_mut(module) {
            match row.last_mut() {
                Some((s, l)) if *s == statement => *l = (*l).max(level),
                _ => row.push((statement, level)),
            }
        }
    };
    for (si, s) in f.statements.iter().enumerate() {
        let Some(node) = graph.statement_node(fw, si) else {
            reached.push(None);
            continue;
        };
        let reach = reach(graph, &direct, node, fw);
        let best = reach.best;
        let mut evidence = Vec::with_capacity(reach.counted.len());
        for (c, level, via) in &reach.counted {
            note_module(c.module, si, *level);
            let via = via.map(|(other, kind)| Via {
                statement: graph.describe(other),
                kind,
                level: None,
            });
            evidence.push(units.evidence(source, c, *level, via));
        }
        let related = reach
            .related
            .iter()
            .map(|(other, kind, level, ofw)| Via {
                statement: graph.describe(*other),
                kind: *kind,
                level: Some(graph.level_name(*ofw, *level)),
            })
            .collect();
        reached.push(best);
        statements.push(StatementCoverage {
            code: s.code.clone(),
            id: format!("{}:{}", f.id, s.code),
            domain: s.domain.clone(),
            label: s.label.clone(),
            parent: s.parent.clone(),
            level: best.map(|l| graph.level_name(fw, l)),
            assessed: best == Some(top) && top > 0,
            units: evidence,
            related,
            derived: None,
        });
    }
    // The map the evidence was read from goes here, before the report's list of units is made.
    Gathered {
        statements,
        reached,
        module_reach,
    }
}

/// The thread of a programme whose modules span `years`.
fn thread_of(
    graph: &Graph,
    f: &Framework,
    fw: usize,
    years: Vec<u8>,
    touches: &policy::Touches,
) -> Thread {
    let modules = &touches.curriculum.modules;
    let statements = f
        .statements
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let reach = touches.statements.get(si).map_or(&[][..], Vec::as_slice);
            let mut by_year: Vec<Option<u8>> = vec![None; years.len()];
            let mut at: Vec<Vec<u8>> = vec![Vec::new(); f.levels.len()];
            let mut touched: Vec<usize> = Vec::new();
            for &(mi, level) in reach {
                touched.push(mi);
                let Some(year) = modules.get(mi).and_then(|m| m.year) else {
                    continue;
                };
                if let Some(slot) = years
                    .iter()
                    .position(|y| *y == year)
                    .and_then(|i| by_year.get_mut(i))
                {
                    *slot = (*slot).max(Some(level));
                }
                if let Some(list) = at.get_mut(usize::from(level)) {
                    list.push(year);
                }
            }
            touched.sort_unstable();
            touched.dedup();
            ThreadRow {
                code: s.code.clone(),
                by_year: by_year
                    .into_iter()
                    .map(|l| l.map(|l| graph.level_name(fw, l)))
                    .collect(),
                levels: f
                    .levels
                    .iter()
                    .zip(at)
                    .filter(|(_, y)| !y.is_empty())
                    .map(|(l, mut y)| {
                        y.sort_unstable();
                        y.dedup();
                        (l.clone(), y)
                    })
                    .collect(),
                credits: touched
                    .iter()
                    .filter_map(|&m| modules.get(m)?.credits)
                    .map(u32::from)
                    .sum(),
                modules: touched
                    .iter()
                    .filter_map(|&m| modules.get(m).map(|m| m.code.clone()))
                    .collect(),
            }
        })
        .collect();
    Thread { years, statements }
}

/// For each statement (in printed order), each module that reaches it and the level it
/// reaches there; a parent is also reached where its children are.
fn touches(
    f: &Framework,
    tree: Option<&Tree>,
    module_reach: &[Vec<(usize, u8)>],
) -> Vec<Vec<(usize, u8)>> {
    let mut out = vec![Vec::new(); f.statements.len()];
    for (module, row) in module_reach.iter().enumerate() {
        for &(statement, level) in row {
            if let Some(list) = out.get_mut(statement) {
                list.push((module, level));
            }
        }
    }
    if let Some(tree) = tree {
        for &p in &tree.order {
            let from_children: Vec<(usize, u8)> = tree
                .children_of(p)
                .iter()
                .flat_map(|&c| out.get(c).cloned().unwrap_or_default())
                .collect();
            if let Some(list) = out.get_mut(p) {
                list.extend(from_children);
            }
        }
    }
    out
}

/// Derives the parents' levels from their children's (`reached` is updated) and sets each
/// parent's level and derivation in the report's statements.
fn derive_parents(
    graph: &Graph,
    f: &Framework,
    fw: usize,
    tree: &Tree,
    rule: Hierarchy,
    reached: &mut [Option<u8>],
    statements: &mut [StatementCoverage],
) {
    let top = graph.top_level(fw);
    let name = |l: Option<u8>| l.map(|l| graph.level_name(fw, l));
    for d in tree.derive(rule, reached) {
        let best = reached.get(d.statement).copied().flatten();
        // The report's statements are the framework's, in order.
        let Some(cov) = statements.get_mut(d.statement).filter(|c| {
            f.statements
                .get(d.statement)
                .is_some_and(|s| s.code == c.code)
        }) else {
            continue;
        };
        cov.level = name(best);
        cov.assessed = best == Some(top) && top > 0;
        let code = cov.code.clone();
        cov.derived = Some(Derived {
            rule,
            children: tree
                .children_of(d.statement)
                .iter()
                .filter_map(|&c| f.statements.get(c).map(|s| s.code.clone()))
                .collect(),
            covered: d.covered,
            level: name(d.level),
            direct: name(d.direct),
        });
        // A child's parent, however the framework says it (`parent` or an `isChildOf` link).
        for &c in tree.children_of(d.statement) {
            if let Some(child) = statements.get_mut(c) {
                child.parent = Some(code.clone());
            }
        }
    }
}

/// The statements nothing covers (directly, through a crosswalk or through their children),
/// with what would help.
fn gaps_of(graph: &Graph, f: &Framework, fw: usize, reached: &[Option<u8>]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for (si, s) in f.statements.iter().enumerate() {
        if reached.get(si).copied().flatten().is_some() {
            continue;
        }
        let Some(node) = graph.statement_node(fw, si) else {
            continue;
        };
        gaps.push(Gap {
            code: s.code.clone(),
            id: format!("{}:{}", f.id, s.code),
            domain: s.domain.clone(),
            label: s.label.clone(),
            text: s.text.clone(),
            supports: supports_of(graph, f, node),
        });
    }
    gaps
}

/// A framework's statements as a tree, by their index in printed order: built only for a
/// framework where some statement names a parent, so a flat framework costs one scan.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    /// Per statement, its children, in printed order.
    children: Vec<Vec<usize>>,
    /// The statements with children, each after all of its children (leaves first).
    order: Vec<usize>,
}

/// One parent's derivation: its statement, the level its own mapping reaches, the level its
/// children give it, and how many children are covered.
pub(crate) struct Derivation {
    pub statement: usize,
    pub direct: Option<u8>,
    pub level: Option<u8>,
    pub covered: usize,
}

impl Tree {
    /// The tree of a framework's `parent`s, or none when no statement names one. A parent
    /// that is not a statement, and statements on a loop, are left out (the framework check
    /// refuses both; this does not rely on it).
    pub(crate) fn of(f: &Framework) -> Option<Tree> {
        let parents = f.parents();
        if parents.iter().all(Option::is_none) {
            return None;
        }
        let index: rustc_hash::FxHashMap<&str, usize> = f
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| (s.code.as_str(), i))
            .collect();
        let mut children = vec![Vec::new(); f.statements.len()];
        let mut roots = Vec::new();
        for (i, parent) in parents.iter().enumerate() {
            match parent.and_then(|p| index.get(p)) {
                Some(&p) if p != i => {
                    if let Some(list) = children.get_mut(p) {
                        list.push(i);
                    }
                }
                _ => roots.push(i),
            }
        }
        // Depth first from the roots, a parent pushed after its children; a loop has no root
        // and is never reached.
        let mut order = Vec::new();
        let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|r| (r, 0)).collect();
        while let Some((node, next)) = stack.pop() {
            let kids = children.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(&child) = kids.get(next) {
                stack.push((node, next + 1));
                stack.push((child, 0));
            } else if !kids.is_empty() {
                order.push(node);
            }
        }
        Some(Tree { children, order })
    }

    /// A statement's children.
    pub(crate) fn children_of(&self, statement: usize) -> &[usize] {
        self.children.get(statement).map_or(&[][..], Vec::as_slice)
    }

    /// Derives each parent's level from its children's, leaves first, into `levels` (each
    /// statement's level in printed order, its own mapping's on entry): a parent ends at the
    /// higher of its own level and its children's. Returns each parent's derivation.
    pub(crate) fn derive(&self, rule: Hierarchy, levels: &mut [Option<u8>]) -> Vec<Derivation> {
        let mut out = Vec::with_capacity(self.order.len());
        for &p in &self.order {
            let kids: Vec<Option<u8>> = self
                .children_of(p)
                .iter()
                .map(|&c| levels.get(c).copied().flatten())
                .collect();
            let covered = kids.iter().filter(|l| l.is_some()).count();
            let level = match rule {
                Hierarchy::All if covered == kids.len() => kids.iter().copied().flatten().min(),
                Hierarchy::All => None,
                Hierarchy::Any => kids.iter().copied().flatten().max(),
            };
            let Some(slot) = levels.get_mut(p) else {
                continue;
            };
            let direct = *slot;
            *slot = direct.max(level);
            out.push(Derivation {
                statement: p,
                direct,
                level,
                covered,
            });
        }
        out
    }
}

/// How many statements a filter picks, how many of them are covered and assessed, and how
/// many reach each level.
fn tally(
    f: &Framework,
    reached: &[Option<u8>],
    top: u8,
    filter: &dyn Fn(&crate::model::framework::Statement) -> bool,
) -> (usize, usize, usize, IndexMap<String, usize>) {
    let mut by_level: IndexMap<String, usize> = f.levels.iter().map(|l| (l.clone(), 0)).collect();
    let (mut total, mut covered, mut assessed) = (0, 0, 0);
    for (s, level) in f.statements.iter().zip(reached) {
        if !filter(s) {
            continue;
        }
        total += 1;
        if let Some(l) = level {
            covered += 1;
            if *l == top && top > 0 {
                assessed += 1;
            }
            if let Some(n) = f
                .levels
                .get(usize::from(*l))
                .and_then(|name| by_level.get_mut(name))
            {
                *n += 1;
            }
        }
    }
    (total, covered, assessed, by_level)
}

/// What each module reaches, from the statements and levels noted for it.
fn module_coverage(
    graph: &Graph,
    f: &Framework,
    fw: usize,
    curriculum: &Curriculum,
    module_reach: Vec<Vec<(usize, u8)>>,
    names: &mut Units,
) -> Vec<ModuleCoverage> {
    // Each statement's code, made once for every module that reaches it.
    let codes: Vec<Arc<str>> = f
        .statements
        .iter()
        .map(|s| Arc::from(s.code.as_str()))
        .collect();
    curriculum
        .modules
        .iter()
        .zip(module_reach)
        .map(|(m, row)| ModuleCoverage {
            code: m.code.clone(),
            title: m.title.clone(),
            year: m.year,
            units: m.units.len(),
            reaches: row
                .into_iter()
                .filter_map(|(si, l)| Some((codes.get(si)?.clone(), names.level(graph, fw, l))))
                .collect(),
        })
        .collect()
}

/// The level a unit or assessment counts for: the top of the scale once assessed.
fn effective(c: &Covering, top: u8) -> u8 {
    counted(c.assessed, c.mapped, top)
}

/// The coverage rule for one statement's coverings: the level mapped, or the top of the scale
/// once assessed. [`reach`] applies it to each covering, [`levels`] to a summary of them.
fn counted(assessed: bool, mapped: u8, top: u8) -> u8 {
    if assessed { top } else { mapped }
}

/// How one statement is reached by one curriculum. This is where the coverage rules live:
/// each unit or assessment counts at its effective level; coverage of a statement of another
/// framework counts through a crosswalk link that propagates (exact, or this statement the
/// broader), capped at this framework's top; other crosswalk coverage is kept as `related`.
/// A covering that counts, the level it counts for, and the crosswalk link it came by.
pub(crate) type Counted<'a> = (&'a Covering, u8, Option<(NodeIndex, MatchKind)>);

pub(crate) struct Reach<'a> {
    /// Each covering that counts, the level it counts for, and the crosswalk link it came by.
    pub counted: Vec<Counted<'a>>,
    /// Crosswalk neighbours with coverage that does not count: node, relation, their best
    /// level, and their framework.
    pub related: Vec<(NodeIndex, MatchKind, u8, usize)>,
    /// The highest level that counts.
    pub best: Option<u8>,
}

pub(crate) fn reach<'a>(
    graph: &Graph,
    direct: &'a crate::graph::CoverageMap,
    node: NodeIndex,
    fw: usize,
) -> Reach<'a> {
    let top = graph.top_level(fw);
    let mut out = Reach {
        counted: Vec::new(),
        related: Vec::new(),
        best: None,
    };
    for c in direct.get(&node).unwrap_or_default() {
        let level = effective(c, top);
        out.best = out.best.max(Some(level));
        out.counted.push((c, level, None));
    }
    for &(other, kind, propagates) in graph.crosswalk_neighbours(node) {
        let Some(coverings) = direct.get(&other) else {
            continue;
        };
        let Some(Node::Statement { fw: ofw, .. }) = graph.kind(other) else {
            continue;
        };
        let other_top = graph.top_level(ofw);
        if !propagates {
            if let Some(best) = coverings.iter().map(|c| effective(c, other_top)).max() {
                out.related.push((other, kind, best, ofw));
            }
            continue;
        }
        for c in coverings {
            // Scales are matched by position, capped at this framework's top.
            let level = effective(c, other_top).min(top);
            out.best = out.best.max(Some(level));
            out.counted.push((c, level, Some((other, kind))));
        }
    }
    out
}

/// What [`LevelTable::levels_into`] reads of the graph for each statement of one framework,
/// gathered once for a portfolio: the statement's node, and the statements of other frameworks
/// whose coverage propagates to it through a crosswalk, with the top of their scale. Reading a
/// course then touches this short table and the course's summary, not the graph's maps. It
/// depends on the frameworks' graph alone, so the catalog keeps one per framework
/// (`portfolio::Table::kept`) from one portfolio to the next.
#[derive(Debug, Clone, Default)]
pub(crate) struct LevelTable {
    /// The top of the framework's scale.
    top: u8,
    /// Per statement in printed order: its node (none if the graph lacks it) and the range of
    /// its neighbours in `neighbours`.
    rows: Vec<(Option<NodeIndex>, std::ops::Range<usize>)>,
    /// Propagating crosswalk neighbours, each with the top of its own framework's scale.
    neighbours: Vec<(NodeIndex, u8)>,
    /// The framework's tree and its rule, where it has parents.
    tree: Option<(Tree, Hierarchy)>,
}

impl LevelTable {
    pub(crate) fn new(graph: &Graph, fw: usize) -> Self {
        let count = graph.frameworks.get(fw).map_or(0, |f| f.statements.len());
        let mut table = Self {
            top: graph.top_level(fw),
            rows: Vec::with_capacity(count),
            neighbours: Vec::new(),
            tree: graph
                .frameworks
                .get(fw)
                .and_then(|f| Some((Tree::of(f)?, f.hierarchy.unwrap_or_default()))),
        };
        for si in 0..count {
            let start = table.neighbours.len();
            let node = graph.statement_node(fw, si);
            for &(other, _, propagates) in node.map_or(&[][..], |n| graph.crosswalk_neighbours(n)) {
                if !propagates {
                    continue;
                }
                if let Some(Node::Statement { fw: ofw, .. }) = graph.kind(other) {
                    table.neighbours.push((other, graph.top_level(ofw)));
                }
            }
            table.rows.push((node, start..table.neighbours.len()));
        }
        table
    }

    /// The highest level a curriculum reaches on each statement of the framework, in printed
    /// order, into `out` (emptied first): what a portfolio needs, without building the evidence
    /// of a full report. The same rules as [`reach`], on a summary of each statement's
    /// coverings (the highest level mapped, and whether any covering is assessed) instead of
    /// the coverings themselves.
    pub(crate) fn levels_into(
        &self,
        direct: &crate::graph::CoverageSummaries,
        out: &mut Vec<Option<u8>>,
    ) {
        let best = |s: &crate::graph::CoverageSummary, top: u8| counted(s.assessed, s.mapped, top);
        let top = self.top;
        out.clear();
        out.extend(self.rows.iter().map(|(node, range)| {
            let node = (*node)?;
            let mut level = direct.get(node).map(|s| best(s, top));
            for &(other, other_top) in self.neighbours.get(range.clone()).unwrap_or_default() {
                if let Some(summary) = direct.get(other) {
                    level = level.max(Some(best(summary, other_top).min(top)));
                }
            }
            level
        }));
        if let Some((tree, rule)) = &self.tree {
            tree.derive(*rule, out);
        }
    }
}

/// What evidence is read from: the graph, the curriculum's index in it and the curriculum, and
/// the report's framework.
struct Source<'a> {
    graph: &'a Graph,
    cur: usize,
    curriculum: &'a Curriculum,
    fw: usize,
}

/// A module's index, code and title, as the units of the report name them.
type ModuleStrings = (usize, Arc<str>, Option<Arc<str>>);

/// The units a report's evidence names, and the names of levels and kinds the evidence
/// repeats, each made once and shared.
#[derive(Default)]
struct Units {
    /// Which units and assessments some evidence names: while the statements are gathered, a
    /// piece of evidence holds its unit's number here, and [`Units::finish`] lists the named
    /// ones in order and points each piece at its place in that list.
    named: PartFlags,
    /// By framework and level: the level's name.
    levels: Vec<Vec<Option<Arc<str>>>>,
    /// The kinds of unit, as they are first named.
    words: Vec<Arc<str>>,
}

impl Units {
    fn new(curriculum: &Curriculum) -> Self {
        let mut named = PartFlags::default();
        named.reset(curriculum);
        Units {
            named,
            ..Units::default()
        }
    }

    /// The evidence of one covering that counts at `level`.
    fn evidence(
        &mut self,
        source: &Source<'_>,
        c: &Covering,
        level: u8,
        via: Option<Via>,
    ) -> Evidence {
        let part = (c.module, c.part);
        self.named.mark(part);
        // The mapped level is named on the scale of the framework the unit maps.
        let graph = source.graph;
        let source_fw = via
            .as_ref()
            .and_then(|v| v.statement.rsplit_once(':'))
            .and_then(|(id, _)| graph.framework_index(id))
            .unwrap_or(source.fw);
        Evidence {
            unit_index: self.named.slot(part).unwrap_or(usize::MAX),
            mapped: self.level(graph, source_fw, c.mapped),
            level: self.level(graph, source.fw, level),
            via: via.map(Box::new),
        }
    }

    /// A unit or assessment as the report names it: its module, id, kind and text, and (for a
    /// unit) the assessments that assess it. `module_strings` holds its module's code and title
    /// once made, for the next unit of the same module.
    fn unit_ref(
        &mut self,
        source: &Source<'_>,
        module_strings: &mut Option<ModuleStrings>,
        (module, part): (usize, Part),
    ) -> UnitRef {
        let &Source {
            graph,
            cur,
            curriculum,
            ..
        } = source;
        let m = curriculum.modules.get(module);
        let (code, title) = match module_strings {
            Some((at, code, title)) if *at == module => (code.clone(), title.clone()),
            _ => {
                let code: Arc<str> = Arc::from(m.map_or("", |m| m.code.as_str()));
                let title: Option<Arc<str>> = m.and_then(|m| m.title.as_deref()).map(Arc::from);
                *module_strings = Some((module, code.clone(), title.clone()));
                (code, title)
            }
        };
        let (id, kind, text, assessed_by) = match part {
            Part::Unit(ui) => {
                let u = m.and_then(|m| m.units.get(ui));
                // A unit's evidence names the assessments that assess it.
                let assessed_by = graph
                    .assessors(cur, module, ui)
                    .filter_map(|(am, assessment)| {
                        let other = curriculum.modules.get(am)?;
                        let id = &other.assessments.get(assessment)?.id;
                        Some(if am == module {
                            id.clone()
                        } else {
                            format!("{}/{}", other.code, id)
                        })
                    })
                    .collect();
                (
                    u.map_or("", |u| u.id.as_str()),
                    u.map_or("outcome", |u| u.kind.as_str()),
                    u.and_then(|u| u.text.as_deref()),
                    assessed_by,
                )
            }
            Part::Assessment(ai) => {
                let a = m.and_then(|m| m.assessments.get(ai));
                (
                    a.map_or("", |a| a.id.as_str()),
                    "assessment",
                    a.and_then(|a| a.title.as_deref()),
                    Vec::new(),
                )
            }
        };
        UnitRef {
            module: code,
            module_title: title,
            unit: Arc::from(id),
            kind: self.word(kind),
            text: text.map(Arc::from),
            assessed_by,
        }
    }

    /// The units some evidence names, in the curriculum's order, with each statement's
    /// evidence pointed at its unit's place among them.
    fn finish(
        &mut self,
        source: &Source<'_>,
        statements: &mut [StatementCoverage],
    ) -> Vec<UnitRef> {
        let named = std::mem::take(&mut self.named);
        let mut place = vec![usize::MAX; named.len()];
        let mut module = None;
        let mut units = Vec::with_capacity(named.count());
        for (number, part) in named.flagged() {
            if let Some(slot) = place.get_mut(number) {
                *slot = units.len();
            }
            units.push(self.unit_ref(source, &mut module, part));
        }
        for e in statements.iter_mut().flat_map(|s| s.units.iter_mut()) {
            e.unit_index = place.get(e.unit_index).copied().unwrap_or(usize::MAX);
        }
        units
    }

    /// The name of a level of a framework's scale.
    fn level(&mut self, graph: &Graph, fw: usize, level: u8) -> Arc<str> {
        if self.levels.len() <= fw {
            self.levels.resize_with(fw + 1, Vec::new);
        }
        let index = usize::from(level);
        let Some(names) = self.levels.get_mut(fw) else {
            return Arc::from(graph.level_name(fw, level));
        };
        if names.len() <= index {
            names.resize(index + 1, None);
        }
        match names.get_mut(index) {
            Some(slot) => slot
                .get_or_insert_with(|| Arc::from(graph.level_name(fw, level)))
                .clone(),
            None => Arc::from(graph.level_name(fw, level)),
        }
    }

    /// A word the evidence repeats (a kind of unit).
    fn word(&mut self, word: &str) -> Arc<str> {
        if let Some(w) = self.words.iter().find(|w| &***w == word) {
            return w.clone();
        }
        let w: Arc<str> = Arc::from(word);
        self.words.push(w.clone());
        w
    }
}

pub(crate) fn supports_of(graph: &Graph, f: &Framework, node: NodeIndex) -> Vec<Support> {
    graph
        .supports(node)
        .iter()
        .filter_map(|&(n, via_node)| {
            let provenance = graph
                .link_provenance(n, via_node.unwrap_or(node))
                .unwrap_or(Provenance::Curated);
            let via = via_node.and_then(|v| match graph.kind(v) {
                Some(Node::Statement { fw, statement }) => graph
                    .frameworks
                    .get(fw)?
                    .statements
                    .get(statement)
                    .map(|s| s.code.clone()),
                _ => None,
            });
            match graph.kind(n)? {
                Node::Activity { activity, .. } => {
                    let a = f.activities.get(activity)?;
                    Some(Support {
                        code: a.code.clone(),
                        kind: "activity".into(),
                        title: a.text.clone(),
                        url: None,
                        provenance,
                        via,
                    })
                }
                Node::Resource { resource, .. } => {
                    let r = f.resources.get(resource)?;
                    Some(Support {
                        code: r.code.clone(),
                        kind: "resource".into(),
                        title: r.title.clone(),
                        url: r.url.clone(),
                        provenance,
                        via,
                    })
                }
                _ => None,
            }
        })
        .collect()
}
