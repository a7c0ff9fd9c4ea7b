//! One graph of frameworks and the curricula mapped to them.
//!
//! Statements, activities, resources, curricula, modules, units and assessments are nodes;
//! structure, mappings, curated links and crosswalks are typed edges. Coverage, evidence and
//! suggestions are all read off this graph, so every question is answered the same way.

use crate::model::curriculum::trim;
use std::{borrow::Cow, sync::Arc};

// The graph's maps are keyed by node indices and short codes: a fast non-cryptographic hash
// is the right tool (no map here is keyed by untrusted input an attacker could collide).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use petgraph::{
    Direction,
    graph::{DiGraph, EdgeReference, NodeIndex},
    visit::EdgeRef,
};

use crate::{
    catalog::{Catalog, Slot},
    codes,
    error::{Diagnostic, Error, Result},
    model::{
        crosswalk::{Crosswalk, MatchKind},
        curriculum::{Assessment, Curriculum, Mapping, Module},
        framework::{Framework, LinkType, Provenance},
    },
};

/// A node of the graph: the frameworks' parts. Indices point into the graph's frameworks. A
/// curriculum's modules, units and assessments are not nodes: its mappings are resolved to
/// statement nodes once and kept by index ([`Resolved`]), which is all coverage reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A framework.
    Framework { fw: usize },
    /// A domain of a framework.
    Domain { fw: usize, domain: usize },
    /// A published statement.
    Statement { fw: usize, statement: usize },
    /// A learning activity a framework suggests.
    Activity { fw: usize, activity: usize },
    /// A resource a framework lists.
    Resource { fw: usize, resource: usize },
}

/// A typed edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Hierarchy stated by the framework's structure (statement → domain → framework).
    IsChildOf,
    /// Containment (activity or resource → framework).
    IsPartOf,
    /// A link from a framework's `links`, published or curated.
    Link {
        kind: LinkType,
        provenance: Provenance,
    },
    /// A crosswalk link, read from `from` to `to` as the file states it.
    Crosswalk { kind: MatchKind, crosswalk: usize },
}

/// Frameworks, crosswalks and curricula as one graph with an index from qualified ids to nodes.
#[derive(Debug, Clone)]
pub struct Graph {
    pub(crate) frameworks: Vec<Arc<Framework>>,
    pub(crate) crosswalks: Vec<Arc<Crosswalk>>,
    pub(crate) curricula: Vec<Arc<Curriculum>>,
    pub(crate) graph: DiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    framework_nodes: Vec<NodeIndex>,
    statement_nodes: Vec<Vec<NodeIndex>>,
    /// Per framework, statement code → node, so resolving a mapping allocates nothing.
    statement_codes: Vec<HashMap<String, NodeIndex>>,
    /// The framework-level links of every statement, read off the graph once when it is built:
    /// curricula add many edges to statements later, and these answers must not cost a walk
    /// over all of them.
    links: HashMap<NodeIndex, StatementLinks>,
    /// Per curriculum, its mappings and assessments resolved to indices.
    resolved: Vec<Resolved>,
    /// Warnings found while adding curricula: problems that do not stop a check.
    pub(crate) warnings: Vec<Vec<Diagnostic>>,
}

impl Graph {
    /// A graph of every framework and crosswalk in the catalog, ready for curricula. The
    /// frameworks' part is built once per catalog and copied from then on.
    pub fn new(catalog: &Catalog) -> Self {
        Graph::base(catalog).into_owned()
    }

    /// The graph of a catalog's frameworks and crosswalks, with no curricula yet: built on
    /// first use and kept by the catalog until a framework or crosswalk is added.
    pub(crate) fn base(catalog: &Catalog) -> Cow<'_, Graph> {
        match catalog.derived(Slot::BaseGraph, || Graph::build(catalog)) {
            Some(graph) => Cow::Borrowed(graph),
            None => Cow::Owned(Graph::build(catalog)),
        }
    }

    /// Builds the graph of a catalog's frameworks and crosswalks.
    pub(crate) fn build(catalog: &Catalog) -> Self {
        // Every node and edge, counted first, so that nothing grows while the graph is built.
        let (mut nodes, mut edges, mut statements) = (0, 0, 0);
        for f in catalog.frameworks() {
            let parts = f.statements.len() + f.activities.len() + f.resources.len();
            nodes += 1 + f.domains.len() + parts;
            edges += f.domains.len()
                + parts
                + f.links.iter().map(|l| l.to.as_slice().len()).sum::<usize>();
            statements += f.statements.len();
        }
        edges += catalog.crosswalks().map(|c| c.links.len()).sum::<usize>();
        let mut index = HashMap::default();
        index.reserve(nodes);
        let mut links = HashMap::default();
        links.reserve(statements);
        let mut g = Graph {
            frameworks: Vec::new(),
            crosswalks: Vec::new(),
            curricula: Vec::new(),
            graph: DiGraph::with_capacity(nodes, edges),
            index,
            framework_nodes: Vec::new(),
            statement_nodes: Vec::new(),
            statement_codes: Vec::new(),
            links,
            resolved: Vec::new(),
            warnings: Vec::new(),
        };
        for framework in catalog.framework_arcs() {
            g.add_framework(framework);
        }
        for crosswalk in catalog.crosswalk_arcs() {
            g.add_crosswalk(crosswalk);
        }
        let statements: Vec<NodeIndex> = g.statement_nodes.iter().flatten().copied().collect();
        for node in statements {
            let related = g.related_walk(node);
            let links = StatementLinks {
                crosswalk: g.crosswalk_neighbours_walk(node),
                supports: g.supports_walk(node, &related),
                related,
            };
            g.links.insert(node, links);
        }
        g
    }

    fn add_framework(&mut self, framework: Arc<Framework>) {
        let fw = self.frameworks.len();
        let root = self.graph.add_node(Node::Framework { fw });
        self.index.insert(framework.id.clone(), root);
        let mut domains = HashMap::default();
        for (domain, d) in framework.domains.iter().enumerate() {
            let n = self.graph.add_node(Node::Domain { fw, domain });
            self.graph.add_edge(n, root, Edge::IsChildOf);
            domains.insert(d.id.as_str(), n);
        }
        let mut statements = Vec::with_capacity(framework.statements.len());
        for (statement, s) in framework.statements.iter().enumerate() {
            let n = self.graph.add_node(Node::Statement { fw, statement });
            if let Some(d) = domains.get(s.domain.as_str()) {
                self.graph.add_edge(n, *d, Edge::IsChildOf);
            }
            self.index.insert(qualified(&framework.id, &s.code), n);
            statements.push(n);
        }
        for (activity, a) in framework.activities.iter().enumerate() {
            let n = self.graph.add_node(Node::Activity { fw, activity });
            self.graph.add_edge(n, root, Edge::IsPartOf);
            self.index.insert(qualified(&framework.id, &a.code), n);
        }
        for (resource, r) in framework.resources.iter().enumerate() {
            let n = self.graph.add_node(Node::Resource { fw, resource });
            self.graph.add_edge(n, root, Edge::IsPartOf);
            self.index.insert(qualified(&framework.id, &r.code), n);
        }
        let mut key = String::new();
        for link in &framework.links {
            let Some(from) = self.lookup(&mut key, &framework.id, &link.from) else {
                continue;
            };
            for to in link.to.as_slice() {
                if let Some(to) = self.lookup(&mut key, &framework.id, to) {
                    self.graph.add_edge(
                        from,
                        to,
                        Edge::Link {
                            kind: link.kind,
                            provenance: link.provenance,
                        },
                    );
                }
            }
        }
        self.statement_codes.push(
            framework
                .statements
                .iter()
                .map(|s| s.code.clone())
                .zip(statements.iter().copied())
                .collect(),
        );
        self.frameworks.push(framework);
        self.framework_nodes.push(root);
        self.statement_nodes.push(statements);
    }

    /// The node of a framework's code, looked up by its qualified id written into `key` (a
    /// buffer reused from lookup to lookup).
    fn lookup(&self, key: &mut String, framework: &str, code: &str) -> Option<NodeIndex> {
        key.clear();
        key.push_str(framework);
        key.push(':');
        key.push_str(code);
        self.index.get(key.as_str()).copied()
    }

    fn add_crosswalk(&mut self, crosswalk: Arc<Crosswalk>) {
        let index = self.crosswalks.len();
        let mut key = String::new();
        for link in &crosswalk.links {
            let from = self.lookup(&mut key, &crosswalk.from, &link.from);
            let to = self.lookup(&mut key, &crosswalk.to, &link.to);
            if let (Some(from), Some(to)) = (from, to) {
                self.graph.add_edge(
                    from,
                    to,
                    Edge::Crosswalk {
                        kind: link.kind,
                        crosswalk: index,
                    },
                );
            }
        }
        self.crosswalks.push(crosswalk);
    }

    /// Adds a curriculum, resolving every mapping. Bare codes belong to the curriculum's first
    /// declared framework, or to `default_framework`, or to the built-in default
    /// ([`framework_for`](crate::framework_for) states the rule).
    ///
    /// Nothing is added unless everything resolves: the error lists every problem found, each
    /// located in the curriculum's file where its format allows.
    pub fn add_curriculum(
        &mut self,
        mut curriculum: Curriculum,
        default_framework: Option<&str>,
    ) -> Result<usize> {
        let mut plan = Plan::default();
        self.resolve(&curriculum, default_framework, &mut plan)?;
        curriculum.origin.forget_text();
        let cur = self.curricula.len();
        // Each unit's assessments, sorted by unit and then by assessment, once each (an
        // assessment may name a unit twice).
        let mut assessors: Vec<(u32, u32, u32, u32)> = plan
            .assesses
            .iter()
            .filter_map(|&((am, a), (um, u))| match (a, u) {
                (Part::Assessment(a), Part::Unit(u)) => {
                    Some((index32(um), index32(u), index32(am), index32(a)))
                }
                _ => None,
            })
            .collect();
        assessors.sort_unstable();
        assessors.dedup();
        self.resolved.push(Resolved {
            covers: std::mem::take(&mut plan.covers),
            assessors,
            assessed: std::mem::take(&mut plan.assessed),
        });
        self.curricula.push(Arc::new(curriculum));
        self.warnings.push(plan.warnings);
        Ok(cur)
    }

    /// Resolves and validates a curriculum into `plan` (emptied first, so one plan can serve
    /// course after course without allocating again). The curriculum is walked once for its
    /// module codes and once for everything else: a large course does not fit in the
    /// processor's fastest cache, and each further pass would read it from memory again.
    fn resolve(
        &self,
        curriculum: &Curriculum,
        default_framework: Option<&str>,
        plan: &mut Plan,
    ) -> Result<()> {
        let origin = &curriculum.origin;
        plan.clear();
        let mut errors = self.unknown_frameworks(curriculum);
        // Where bare codes belong: the curriculum's own declaration first.
        let default = crate::framework_for(
            curriculum.frameworks.first().map(String::as_str),
            default_framework,
        );
        let Some(default_fw) = self.framework_index(default) else {
            if errors.is_empty() {
                return Err(Error::UnknownFramework {
                    id: default.to_string(),
                    available: self.frameworks.iter().map(|f| f.id.clone()).collect(),
                });
            }
            return Err(Error::Invalid(
                errors.into_iter().map(|d| origin.place(d)).collect(),
            ));
        };
        let module_codes = module_codes(curriculum, &mut errors);
        let mut walk = Walk {
            curriculum,
            default_fw,
            module_codes,
            unit_ids: SeenIds::default(),
            assessment_ids: SeenIds::default(),
            errors,
            unknown: Vec::new(),
        };
        unknown_keys(
            &curriculum.extra,
            CURRICULUM_KEYS,
            String::new,
            &mut walk.unknown,
        );
        // One step per mapping: made room for once, not grown by doubling (a plan used again,
        // as a portfolio's is from course to course, keeps the room it had).
        if plan.covers.capacity() == 0 {
            plan.covers.reserve_exact(
                curriculum
                    .modules
                    .iter()
                    .flat_map(|m| {
                        let units = m.units.iter().map(|u| u.covers.len());
                        units.chain(m.assessments.iter().map(|a| a.covers.len()))
                    })
                    .sum(),
            );
        }
        for (mi, module) in curriculum.modules.iter().enumerate() {
            unknown_keys(
                &module.extra,
                MODULE_KEYS,
                || format!("modules[{mi}]."),
                &mut walk.unknown,
            );
            self.resolve_units(mi, module, &mut walk, plan);
            self.resolve_assessments(mi, module, &mut walk, plan);
        }
        self.flag_unassessed_claims(curriculum, plan);
        walk.finish(plan)
    }

    /// An error for each framework the curriculum declares that the graph does not hold.
    fn unknown_frameworks(&self, curriculum: &Curriculum) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for (i, id) in curriculum.frameworks.iter().enumerate() {
            if self.framework_index(id).is_none() {
                errors.push(
                    Diagnostic::new(format!("unknown framework `{id}`"))
                        .at(format!("frameworks[{i}]"))
                        .with_hint(format!(
                            "the frameworks available are {}",
                            crate::error::backticked(
                                &self
                                    .frameworks
                                    .iter()
                                    .map(|f| f.id.clone())
                                    .collect::<Vec<_>>()
                            )
                        )),
                );
            }
        }
        errors
    }

    /// A module's units: their keys, their ids, and what they cover.
    fn resolve_units<'c>(
        &self,
        mi: usize,
        module: &'c Module,
        walk: &mut Walk<'c>,
        plan: &mut Plan,
    ) {
        walk.unit_ids.reset(module.units.len());
        for (ui, unit) in module.units.iter().enumerate() {
            let at = || format!("modules[{mi}].units[{ui}]");
            unknown_keys(
                &unit.extra,
                UNIT_KEYS,
                || format!("{}.", at()),
                &mut walk.unknown,
            );
            if trim(&unit.id).is_empty() {
                walk.errors.push(
                    Diagnostic::new(format!(
                        "a unit of module `{}` has an empty `id`",
                        module.code
                    ))
                    .at(format!("{}.id", at())),
                );
            }
            if !walk.unit_ids.insert(&unit.id) {
                walk.errors.push(
                    Diagnostic::new(format!(
                        "the unit id `{}` is used twice in module `{}`",
                        unit.id, module.code
                    ))
                    .at(format!("{}.id", at()))
                    .with_hint("unit ids are unique within their module"),
                );
            }
            self.resolve_mappings(
                &unit.covers,
                &at,
                (mi, Part::Unit(ui)),
                walk.default_fw,
                plan,
                &mut walk.errors,
            );
        }
    }

    /// A module's assessments: their keys, their ids, what they cover and the units they
    /// assess.
    fn resolve_assessments<'c>(
        &self,
        mi: usize,
        module: &'c Module,
        walk: &mut Walk<'c>,
        plan: &mut Plan,
    ) {
        walk.assessment_ids.reset(module.assessments.len());
        for (ai, assessment) in module.assessments.iter().enumerate() {
            let at = || format!("modules[{mi}].assessments[{ai}]");
            unknown_keys(
                &assessment.extra,
                ASSESSMENT_KEYS,
                || format!("{}.", at()),
                &mut walk.unknown,
            );
            if !walk.assessment_ids.insert(&assessment.id) {
                walk.errors.push(
                    Diagnostic::new(format!(
                        "the assessment id `{}` is used twice in module `{}`",
                        assessment.id, module.code
                    ))
                    .at(format!("{}.id", at())),
                );
            }
            let source = (mi, Part::Assessment(ai));
            self.resolve_mappings(
                &assessment.covers,
                &at,
                source,
                walk.default_fw,
                plan,
                &mut walk.errors,
            );
            walk.resolve_assesses(assessment, source, &at, plan);
        }
    }

    /// Claims of the top level by units that nothing assesses are kept, but flagged.
    fn flag_unassessed_claims(&self, curriculum: &Curriculum, plan: &mut Plan) {
        plan.assessed.reset(curriculum);
        for &(_, unit) in &plan.assesses {
            plan.assessed.mark(unit);
        }
        for step in &plan.covers {
            let (mi, Part::Unit(ui)) = step.source() else {
                continue;
            };
            let top = self.top_level(step.framework());
            if step.level == top && top > 0 && !plan.assessed.contains(step.source()) {
                let unit = curriculum.modules.get(mi).and_then(|m| m.units.get(ui));
                let code = unit
                    .and_then(|u| u.covers.get(step.mapping()))
                    .map_or("", |m| m.statement.trim());
                plan.warnings.push(
                    Diagnostic::new(format!(
                        "unit `{}` claims `{}` at `{}` but no assessment assesses it",
                        unit.map_or("", |u| u.id.as_str()),
                        code.rsplit(':').next().unwrap_or(code),
                        self.level_name(step.framework(), step.level)
                    ))
                    .at(format!("modules[{mi}].units[{ui}].covers[{}]", step.mapping()))
                    .with_hint("name the unit in an assessment's `assesses`, so the level is derived rather than typed"),
                );
            }
        }
    }

    fn resolve_mappings(
        &self,
        mappings: &[Mapping],
        at: &dyn Fn() -> String,
        source: (usize, Part),
        default_fw: usize,
        plan: &mut Plan,
        errors: &mut Vec<Diagnostic>,
    ) {
        // An assessment assesses what it covers: its mappings reach the top of the scale.
        let by_assessment = matches!(source.1, Part::Assessment(_));
        // Units map a handful of statements: a list beats a hash map here.
        let seen = &mut plan.seen;
        seen.clear();
        for (k, mapping) in mappings.iter().enumerate() {
            let pointer = || format!("{}.covers[{k}]", at());
            let raw = crate::model::curriculum::trim(&mapping.statement);
            let (fw, code) = match split_last(raw, b':') {
                Some((f, c)) => match self.framework_index(crate::model::curriculum::trim(f)) {
                    Some(fw) => (fw, crate::model::curriculum::trim(c)),
                    None => {
                        errors.push(
                            Diagnostic::new(format!("unknown framework `{}` in `{raw}`", f.trim()))
                                .at(pointer())
                                .with_hint(format!(
                                    "the frameworks available are {}",
                                    crate::error::backticked(
                                        &self
                                            .frameworks
                                            .iter()
                                            .map(|f| f.id.clone())
                                            .collect::<Vec<_>>()
                                    )
                                )),
                        );
                        continue;
                    }
                },
                None => (default_fw, raw),
            };
            let Some(framework) = self.frameworks.get(fw) else {
                continue;
            };
            let Some(statement) = self
                .statement_codes
                .get(fw)
                .and_then(|codes| codes.get(code))
                .copied()
            else {
                let message = if code.is_empty() {
                    "a mapping has an empty statement code".to_string()
                } else {
                    format!("unknown statement `{code}` in `{}`", framework.id)
                };
                errors.push(
                    Diagnostic::new(message)
                        .at(pointer())
                        .with_hint(codes::hint_for_unknown(framework, code)),
                );
                continue;
            };
            let level = match mapping
                .level
                .as_deref()
                .filter(|l| !crate::model::curriculum::trim(l).is_empty())
            {
                None if by_assessment => self.top_level(fw),
                None => 0,
                Some(written) => match codes::resolve_level(&framework.levels, written) {
                    Some(level) if by_assessment => level.max(self.top_level(fw)),
                    Some(level) => level,
                    None => {
                        errors.push(
                            Diagnostic::new(format!("unknown level `{written}` for `{code}`"))
                                .at(pointer())
                                .with_hint(codes::level_hint(&framework.levels)),
                        );
                        continue;
                    }
                },
            };
            if let Some(&(_, first)) = seen.iter().find(|(n, _)| *n == statement) {
                plan.warnings.push(
                    Diagnostic::new(format!(
                        "`{code}` is mapped twice by the same unit; the higher level counts"
                    ))
                    .at(pointer())
                    .with_hint(format!(
                        "remove one of `{0}.covers[{first}]` and `{0}.covers[{k}]`",
                        at()
                    )),
                );
            } else {
                seen.push((statement, k));
            }
            plan.covers
                .push(CoverStep::new(source, statement, level, fw, k));
        }
    }

    pub(crate) fn framework_index(&self, id: &str) -> Option<usize> {
        self.frameworks.iter().position(|f| f.id == id)
    }

    /// The top of a framework's scale: the level an assessed unit reaches.
    pub(crate) fn top_level(&self, fw: usize) -> u8 {
        self.frameworks.get(fw).map_or(0, |f| {
            u8::try_from(f.levels.len().saturating_sub(1)).unwrap_or(u8::MAX)
        })
    }

    pub(crate) fn level_name(&self, fw: usize, level: u8) -> String {
        self.frameworks
            .get(fw)
            .and_then(|f| f.levels.get(usize::from(level)))
            .cloned()
            .unwrap_or_default()
    }

    /// The node for a qualified id (`realising-recovery-2007:K4`).
    #[cfg(test)]
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// What a node is.
    pub fn kind(&self, node: NodeIndex) -> Option<Node> {
        self.graph.node_weight(node).copied()
    }

    pub(crate) fn statement_node(&self, fw: usize, statement: usize) -> Option<NodeIndex> {
        self.statement_nodes.get(fw)?.get(statement).copied()
    }

    pub(crate) fn curriculum(&self, cur: usize) -> Option<&Curriculum> {
        self.curricula.get(cur).map(AsRef::as_ref)
    }

    pub(crate) fn curriculum_warnings(&self, cur: usize) -> &[Diagnostic] {
        self.warnings.get(cur).map_or(&[], Vec::as_slice)
    }

    /// The direct coverage of every statement a curriculum maps: for each statement node, each
    /// unit or assessment that maps it, with the level it reaches there. Read off the
    /// curriculum's resolved mappings, so a portfolio of many curricula costs what its mappings
    /// cost.
    pub(crate) fn coverage_map(&self, cur: usize) -> CoverageMap {
        let Some(resolved) = self.resolved.get(cur) else {
            return CoverageMap::default();
        };
        // A counting sort by statement: the mappings are resolved in the curriculum's order
        // (module by module, its units then its assessments), which each statement's list keeps.
        let mut start = vec![0; self.graph.node_count() + 1];
        for step in &resolved.covers {
            if let Some(n) = start.get_mut(step.statement.index() + 1) {
                *n += 1;
            }
        }
        // Each node's count, one place on, summed in place: where each node's part starts.
        let mut sum = 0;
        for n in &mut start {
            sum += *n;
            *n = sum;
        }
        let mut next = start.clone();
        let empty = Covering {
            module: 0,
            part: Part::Unit(0),
            mapped: 0,
            assessed: false,
        };
        let mut coverings = vec![empty; resolved.covers.len()];
        for step in &resolved.covers {
            let (module, part) = step.source();
            let covering = Covering {
                module,
                part,
                mapped: step.level,
                // An assessment assesses itself; a unit is assessed when an assessment names it.
                assessed: step.by_assessment || resolved.assessed.contains((module, part)),
            };
            let Some(at) = next.get_mut(step.statement.index()) else {
                continue;
            };
            if let Some(slot) = coverings.get_mut(*at) {
                *slot = covering;
            }
            *at += 1;
        }
        let mut map = CoverageMap { coverings, start };
        // A unit that maps one statement twice lists the lower level first.
        let key = |c: &Covering| (c.module, c.part, c.mapped);
        for i in 0..map.start.len().saturating_sub(1) {
            let range = map.range(i);
            if let Some(list) = map.coverings.get_mut(range)
                && !list.is_sorted_by_key(key)
            {
                list.sort_by_key(key);
            }
        }
        map
    }

    /// Resolves and validates a curriculum exactly as [`Graph::add_curriculum`] does, with the
    /// same errors, but leaves the graph as it is and only records in `out`, for each statement
    /// it maps, the highest level mapped and whether any unit or assessment that maps it is
    /// assessed: all that `coverage::LevelTable::levels_into` needs. A portfolio reads each course this
    /// way, one at a time, without adding its modules, units and mappings to the graph only to
    /// take them out again.
    pub(crate) fn summarise(
        &self,
        curriculum: &Curriculum,
        default_framework: Option<&str>,
        out: &mut CoverageSummaries,
    ) -> Result<()> {
        // The previous course's plan, emptied and filled again.
        let mut plan = std::mem::take(&mut out.plan);
        let resolved = self.resolve(curriculum, default_framework, &mut plan);
        out.reset(self.graph.node_count());
        for step in resolved
            .is_ok()
            .then_some(&plan.covers)
            .into_iter()
            .flatten()
        {
            // An assessment assesses itself; a unit is assessed when an assessment names it.
            let assessed = step.by_assessment || plan.assessed.contains(step.source());
            out.add(step.statement, step.level, assessed);
        }
        out.plan = plan;
        resolved
    }

    /// Statements of other frameworks whose coverage counts for `statement`, through a crosswalk
    /// link that propagates in that direction (see [`MatchKind::propagates`]), and those that
    /// are linked without propagating.
    pub(crate) fn crosswalk_neighbours(
        &self,
        statement: NodeIndex,
    ) -> &[(NodeIndex, MatchKind, bool)] {
        self.links
            .get(&statement)
            .map_or(&[], |l| l.crosswalk.as_slice())
    }

    fn crosswalk_neighbours_walk(&self, statement: NodeIndex) -> Vec<(NodeIndex, MatchKind, bool)> {
        let mut out = Vec::new();
        for edge in self.graph.edges_directed(statement, Direction::Incoming) {
            if let Edge::Crosswalk { kind, .. } = *edge.weight() {
                out.push((edge.source(), kind, kind.propagates()));
            }
        }
        for edge in self.graph.edges_directed(statement, Direction::Outgoing) {
            if let Edge::Crosswalk { kind, .. } = *edge.weight() {
                // Read from the other end: the link says how `statement` relates to the target.
                let seen_from_target = kind.inverse();
                out.push((
                    edge.target(),
                    seen_from_target,
                    seen_from_target.propagates(),
                ));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Activities and resources linked to a statement by `supports`, directly first, then
    /// through statements related to it.
    pub(crate) fn supports(&self, statement: NodeIndex) -> &[(NodeIndex, Option<NodeIndex>)] {
        self.links
            .get(&statement)
            .map_or(&[], |l| l.supports.as_slice())
    }

    /// The activities and resources that support `statement`, given the statements related
    /// to it (`related_walk`).
    fn supports_walk(
        &self,
        statement: NodeIndex,
        related: &[NodeIndex],
    ) -> Vec<(NodeIndex, Option<NodeIndex>)> {
        // The sources of `supports` links into `s`, sorted and without repeats, into `into`.
        let direct = |s: NodeIndex, into: &mut Vec<NodeIndex>| {
            into.clear();
            into.extend(
                self.graph
                    .edges_directed(s, Direction::Incoming)
                    .filter(|e| {
                        matches!(
                            e.weight(),
                            Edge::Link {
                                kind: LinkType::Supports,
                                ..
                            }
                        )
                    })
                    .map(|e| e.source()),
            );
            into.sort_unstable();
            into.dedup();
        };
        let mut found = Vec::new();
        direct(statement, &mut found);
        let mut out: Vec<(NodeIndex, Option<NodeIndex>)> =
            found.iter().map(|&n| (n, None)).collect();
        // A statement has a handful of supports: a list is searched faster than a set is built.
        for &r in related {
            direct(r, &mut found);
            for &n in &found {
                if !out.iter().any(|&(m, _)| m == n) {
                    out.push((n, Some(r)));
                }
            }
        }
        out
    }

    /// The assessments that assess a unit of a curriculum, as (module, assessment), in module
    /// order.
    pub(crate) fn assessors(
        &self,
        cur: usize,
        module: usize,
        unit: usize,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        let list = self
            .resolved
            .get(cur)
            .map_or(&[][..], |r| r.assessors.as_slice());
        let key = (index32(module), index32(unit));
        let start = list.partition_point(|&(m, u, _, _)| (m, u) < key);
        list.get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |&&(m, u, _, _)| (m, u) == key)
            .map(|&(_, _, am, a)| (am as usize, a as usize))
    }

    /// The provenance of the framework link from one node to another, if there is one.
    pub(crate) fn link_provenance(&self, from: NodeIndex, to: NodeIndex) -> Option<Provenance> {
        self.graph
            .edges_connecting(from, to)
            .find_map(|e| match e.weight() {
                Edge::Link { provenance, .. } => Some(*provenance),
                _ => None,
            })
    }

    /// Statements of the same framework linked to this one by a CASE association other than
    /// `supports` (in either direction).
    pub(crate) fn related(&self, statement: NodeIndex) -> &[NodeIndex] {
        self.links
            .get(&statement)
            .map_or(&[], |l| l.related.as_slice())
    }

    fn related_walk(&self, statement: NodeIndex) -> Vec<NodeIndex> {
        let is_related = |e: &EdgeReference<'_, Edge>| matches!(e.weight(), Edge::Link { kind, .. } if *kind != LinkType::Supports);
        let mut v: Vec<NodeIndex> = self
            .graph
            .edges_directed(statement, Direction::Outgoing)
            .filter(is_related)
            .map(|e| e.target())
            .chain(
                self.graph
                    .edges_directed(statement, Direction::Incoming)
                    .filter(is_related)
                    .map(|e| e.source()),
            )
            .filter(|n| matches!(self.graph.node_weight(*n), Some(Node::Statement { .. })))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The units of a curriculum that map to nothing, in module order.
    pub(crate) fn unmapped_units(&self, cur: usize) -> Vec<(usize, usize)> {
        let (Some(curriculum), Some(resolved)) = (self.curricula.get(cur), self.resolved.get(cur))
        else {
            return Vec::new();
        };
        let mut maps: Vec<Vec<bool>> = curriculum
            .modules
            .iter()
            .map(|m| vec![false; m.units.len()])
            .collect();
        for step in resolved.covers.iter().filter(|s| !s.by_assessment) {
            if let Some(flag) = maps
                .get_mut(step.module as usize)
                .and_then(|m| m.get_mut(step.part as usize))
            {
                *flag = true;
            }
        }
        maps.iter()
            .enumerate()
            .flat_map(|(mi, units)| {
                units
                    .iter()
                    .enumerate()
                    .filter(|(_, maps)| !**maps)
                    .map(move |(ui, _)| (mi, ui))
            })
            .collect()
    }

    /// A qualified id for a node, for messages.
    pub fn describe(&self, node: NodeIndex) -> String {
        match self.graph.node_weight(node) {
            Some(Node::Statement { fw, statement }) => self
                .frameworks
                .get(*fw)
                .and_then(|f| Some(format!("{}:{}", f.id, f.statements.get(*statement)?.code)))
                .unwrap_or_default(),
            Some(Node::Activity { fw, activity }) => self
                .frameworks
                .get(*fw)
                .and_then(|f| Some(format!("{}:{}", f.id, f.activities.get(*activity)?.code)))
                .unwrap_or_default(),
            Some(Node::Resource { fw, resource }) => self
                .frameworks
                .get(*fw)
                .and_then(|f| Some(format!("{}:{}", f.id, f.resources.get(*resource)?.code)))
                .unwrap_or_default(),
            Some(Node::Framework { fw }) => self
                .frameworks
                .get(*fw)
                .map(|f| f.id.clone())
                .unwrap_or_default(),
            Some(other) => format!("{other:?}"),
            None => String::new(),
        }
    }

    /// Warnings found when a curriculum was added.
    pub fn warnings_of(&self, cur: usize) -> &[Diagnostic] {
        self.curriculum_warnings(cur)
    }

    /// How many modules, units and mappings a curriculum in the graph has.
    pub fn counts(&self, cur: usize) -> (usize, usize, usize) {
        let Some(c) = self.curriculum(cur) else {
            return (0, 0, 0);
        };
        let units = c.modules.iter().map(|m| m.units.len()).sum();
        let mappings = c
            .modules
            .iter()
            .map(|m| {
                m.units.iter().map(|u| u.covers.len()).sum::<usize>()
                    + m.assessments.iter().map(|a| a.covers.len()).sum::<usize>()
            })
            .sum();
        (c.modules.len(), units, mappings)
    }
    /// How many nodes and edges the graph has.
    #[cfg(test)]
    pub fn size(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.edge_count())
    }
}

/// One unit or assessment that maps a statement.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Covering {
    pub module: usize,
    pub part: Part,
    pub mapped: u8,
    /// Whether an assessment assesses it (an assessment assesses itself).
    pub assessed: bool,
}

/// A curriculum's mappings and assessments, resolved to indices once when it is added.
#[derive(Debug, Clone, Default)]
struct Resolved {
    /// Every mapping, with its statement node and level, in the curriculum's order.
    covers: Vec<CoverStep>,
    /// (unit's module, unit, assessment's module, assessment), sorted, once each.
    assessors: Vec<(u32, u32, u32, u32)>,
    /// The units some assessment assesses.
    assessed: PartFlags,
}

/// Statement node → the units and assessments of one curriculum that map it: one list, by
/// statement, and where each statement's part of it starts (by the node's index).
#[derive(Debug, Default)]
pub(crate) struct CoverageMap {
    coverings: Vec<Covering>,
    start: Vec<usize>,
}

impl CoverageMap {
    /// Where a node's coverings are, by the node's index.
    fn range(&self, node: usize) -> std::ops::Range<usize> {
        let from = self.start.get(node).copied().unwrap_or(0);
        from..self.start.get(node + 1).copied().unwrap_or(from)
    }

    /// The units and assessments that map a statement, or none.
    pub(crate) fn get(&self, node: &NodeIndex) -> Option<&[Covering]> {
        self.coverings
            .get(self.range(node.index()))
            .filter(|list| !list.is_empty())
    }
}

/// How a statement is covered by one curriculum, in short (see [`Graph::summarise`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CoverageSummary {
    /// The highest level any unit or assessment maps it at.
    pub mapped: u8,
    /// Whether any of them is assessed (and so counts at the top of the scale).
    pub assessed: bool,
}

/// One curriculum's [`CoverageSummary`] of each statement it maps, in a table indexed by node:
/// the statements are nodes of the frameworks' part of the graph, so the table is short, and
/// it is kept from one course of a portfolio to the next.
#[derive(Debug, Default)]
pub(crate) struct CoverageSummaries {
    slots: Vec<Option<CoverageSummary>>,
    /// The last course resolved, kept so the next one reuses its lists.
    plan: Plan,
}

impl CoverageSummaries {
    /// Empties the table, for a graph of `nodes` nodes.
    fn reset(&mut self, nodes: usize) {
        self.slots.clear();
        self.slots.resize(nodes, None);
    }

    /// Records one mapping of `statement` at `level`.
    fn add(&mut self, statement: NodeIndex, level: u8, assessed: bool) {
        if let Some(slot) = self.slots.get_mut(statement.index()) {
            let summary = slot.get_or_insert_with(CoverageSummary::default);
            summary.mapped = summary.mapped.max(level);
            summary.assessed |= assessed;
        }
    }

    /// The summary of a statement the curriculum maps.
    pub(crate) fn get(&self, statement: NodeIndex) -> Option<&CoverageSummary> {
        self.slots.get(statement.index())?.as_ref()
    }
}

/// What the frameworks say about one statement, cached when the graph is built.
#[derive(Debug, Clone, Default)]
struct StatementLinks {
    crosswalk: Vec<(NodeIndex, MatchKind, bool)>,
    supports: Vec<(NodeIndex, Option<NodeIndex>)>,
    related: Vec<NodeIndex>,
}

/// Each module code of a curriculum with the index of its module, and an error for each code
/// that is empty or used twice.
fn module_codes<'c>(
    curriculum: &'c Curriculum,
    errors: &mut Vec<Diagnostic>,
) -> HashMap<&'c str, usize> {
    let mut module_codes: HashMap<&str, usize> = HashMap::default();
    for (mi, module) in curriculum.modules.iter().enumerate() {
        if trim(&module.code).is_empty() {
            errors.push(
                Diagnostic::new("a module has an empty `code`").at(format!("modules[{mi}].code")),
            );
        }
        if let Some(first) = module_codes.insert(&module.code, mi) {
            errors.push(
                Diagnostic::new(format!("the module code `{}` is used twice", module.code))
                    .at(format!("modules[{mi}].code"))
                    .with_hint(format!(
                        "module codes are unique in a curriculum; the first is `modules[{first}]`"
                    )),
            );
        }
    }
    module_codes
}

/// What resolving a curriculum gathers in its one walk over the modules.
struct Walk<'c> {
    curriculum: &'c Curriculum,
    /// The framework bare codes belong to.
    default_fw: usize,
    /// Each module code with its module's index.
    module_codes: HashMap<&'c str, usize>,
    /// The ids met so far in the module being walked.
    unit_ids: SeenIds<'c>,
    assessment_ids: SeenIds<'c>,
    errors: Vec<Diagnostic>,
    /// Warnings about unknown keys, gathered in the same pass and given after the others.
    unknown: Vec<Diagnostic>,
}

impl Walk<'_> {
    /// The units an assessment assesses (`UNIT` in its own module or `MODULE/UNIT`), into
    /// `plan`, and an error for each that is not a unit of the curriculum.
    fn resolve_assesses(
        &mut self,
        assessment: &Assessment,
        source: (usize, Part),
        at: &dyn Fn() -> String,
        plan: &mut Plan,
    ) {
        let curriculum = self.curriculum;
        let (mi, _) = source;
        for (k, target) in assessment.assesses.iter().enumerate() {
            let (target_module, unit_id) = match target.split_once('/') {
                Some((m, u)) => (self.module_codes.get(trim(m)).copied(), trim(u)),
                None => (Some(mi), trim(target)),
            };
            let found = target_module.and_then(|tm| {
                curriculum
                    .modules
                    .get(tm)?
                    .units
                    .iter()
                    .position(|u| u.id == unit_id)
                    .map(|ui| (tm, Part::Unit(ui)))
            });
            match found {
                Some(unit) => plan.assesses.push((source, unit)),
                None => {
                    let scope = target_module.and_then(|tm| curriculum.modules.get(tm));
                    let hint = match (target_module, scope) {
                        (None, _) => format!(
                            "write `MODULE/UNIT` with a module code of this curriculum; there is no module `{}`",
                            target.split('/').next().unwrap_or_default()
                        ),
                        (Some(_), Some(m)) => {
                            crate::nearest::nearest(unit_id, m.units.iter().map(|u| u.id.as_str()))
                                .map(|n| format!("did you mean `{n}`?"))
                                .unwrap_or_else(|| {
                                    format!(
                                        "the units of module `{}` are {}",
                                        m.code,
                                        list(m.units.iter().map(|u| u.id.as_str()))
                                    )
                                })
                        }
                        _ => String::new(),
                    };
                    self.errors.push(
                        Diagnostic::new(format!("assessment `{}` assesses `{target}`, which is not a unit of this curriculum", assessment.id))
                            .at(format!("{}.assesses[{k}]", at()))
                            .with_hint_opt(Some(hint).filter(|h| !h.is_empty())),
                    );
                }
            }
        }
    }

    /// The walk's end: the unknown keys go with the errors or the warnings, and every
    /// problem is placed in the curriculum's text.
    fn finish(self, plan: &mut Plan) -> Result<()> {
        let Self {
            curriculum,
            mut errors,
            mut unknown,
            ..
        } = self;
        let origin = &curriculum.origin;
        // A misspelt key (`unist`) often causes the errors themselves (an assessment's units
        // not found): where there are errors, the keys go with them, so the message that
        // explains them is not held back as a warning of a curriculum that did not load.
        if !errors.is_empty() {
            errors.extend(unknown.iter().cloned());
        }
        plan.warnings.append(&mut unknown);
        if curriculum.modules.is_empty() {
            plan.warnings.push(
                Diagnostic::new("the curriculum has no modules")
                    .with_hint("add `[[modules]]` tables with units that cover statements"),
            );
        }
        for d in &mut plan.warnings {
            *d = origin.place(std::mem::take(d));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(
                errors.into_iter().map(|d| origin.place(d)).collect(),
            ))
        }
    }
}

/// The ids seen so far in one list, to find one used twice: a short list is searched (a module
/// has a handful of units), a long one hashed.
#[derive(Default)]
struct SeenIds<'a> {
    few: Vec<&'a str>,
    many: HashSet<&'a str>,
    /// Whether this list is long enough to hash.
    hashed: bool,
}

impl<'a> SeenIds<'a> {
    /// Empties the set for a list of `len` ids, keeping what it has allocated.
    fn reset(&mut self, len: usize) {
        self.hashed = len > 16;
        self.few.clear();
        self.many.clear();
    }

    /// Adds `id`; false if it was already there.
    fn insert(&mut self, id: &'a str) -> bool {
        if self.hashed {
            self.many.insert(id)
        } else if self.few.contains(&id) {
            false
        } else {
            self.few.push(id);
            true
        }
    }
}

/// One flag for each unit and assessment of a curriculum, numbered module by module (a
/// module's units, then its assessments): which units some assessment assesses, or which
/// units and assessments a report's evidence names.
#[derive(Debug, Clone, Default)]
pub(crate) struct PartFlags {
    /// Per module: the number of its first unit, how many units it has, and the number after
    /// its last assessment.
    first: Vec<(usize, usize, usize)>,
    flags: Vec<bool>,
}

impl PartFlags {
    /// No flag set, for the units and assessments of this curriculum.
    pub(crate) fn reset(&mut self, curriculum: &Curriculum) {
        self.first.clear();
        let mut n = 0;
        for m in &curriculum.modules {
            let end = n + m.units.len() + m.assessments.len();
            self.first.push((n, m.units.len(), end));
            n = end;
        }
        self.flags.clear();
        self.flags.resize(n, false);
    }

    /// The number of a unit or assessment, where the curriculum has it.
    pub(crate) fn slot(&self, (module, part): (usize, Part)) -> Option<usize> {
        let &(first, units, end) = self.first.get(module)?;
        let i = match part {
            Part::Unit(u) if u < units => first + u,
            Part::Assessment(a) => first + units + a,
            Part::Unit(_) => return None,
        };
        (i < end).then_some(i)
    }

    pub(crate) fn mark(&mut self, part: (usize, Part)) {
        if let Some(flag) = self.slot(part).and_then(|i| self.flags.get_mut(i)) {
            *flag = true;
        }
    }

    /// Whether a unit or assessment is flagged.
    pub(crate) fn contains(&self, part: (usize, Part)) -> bool {
        self.slot(part)
            .and_then(|i| self.flags.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// How many units and assessments are numbered.
    pub(crate) fn len(&self) -> usize {
        self.flags.len()
    }

    /// How many are flagged.
    pub(crate) fn count(&self) -> usize {
        self.flags.iter().filter(|f| **f).count()
    }

    /// The flagged units and assessments in the curriculum's order, each with its number.
    pub(crate) fn flagged(&self) -> impl Iterator<Item = (usize, (usize, Part))> + '_ {
        self.first
            .iter()
            .enumerate()
            .flat_map(move |(module, &(first, units, end))| {
                (first..end).filter_map(move |i| {
                    let part = if i - first < units {
                        Part::Unit(i - first)
                    } else {
                        Part::Assessment(i - first - units)
                    };
                    self.flags.get(i)?.then_some((i, (module, part)))
                })
            })
    }
}

/// A unit or an assessment within its module (a module's units order before its assessments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Part {
    Unit(usize),
    Assessment(usize),
}

#[derive(Debug, Default)]
struct Plan {
    covers: Vec<CoverStep>,
    assesses: Vec<((usize, Part), (usize, Part))>,
    /// The units some assessment assesses (the targets of `assesses`).
    assessed: PartFlags,
    warnings: Vec<Diagnostic>,
    /// The statements the unit being resolved maps so far, with the index of each mapping:
    /// a list reused from unit to unit.
    seen: Vec<(NodeIndex, usize)>,
}

impl Plan {
    /// Empties the plan for another curriculum, keeping what it has allocated.
    fn clear(&mut self) {
        self.covers.clear();
        self.assesses.clear();
        self.warnings.clear();
        self.seen.clear();
    }
}

/// One resolved mapping of a unit or an assessment. Indices are kept as `u32` (24 bytes a
/// step, not 48): a course's steps are written while it is resolved and read back to summarise
/// it, and half the size is half the cache lines. No index of a curriculum held in memory
/// reaches `u32::MAX` (a mapping alone takes 48 bytes), so none is cut short.
#[derive(Debug, Clone, Copy)]
struct CoverStep {
    module: u32,
    /// The unit's or the assessment's index in its module.
    part: u32,
    by_assessment: bool,
    level: u8,
    statement: NodeIndex,
    framework: u32,
    /// The mapping's index in its unit's `covers`, to name it in a warning.
    mapping: u32,
}

/// An index as stored in a [`CoverStep`].
fn index32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl CoverStep {
    fn new(
        (module, part): (usize, Part),
        statement: NodeIndex,
        level: u8,
        framework: usize,
        mapping: usize,
    ) -> Self {
        let (part, by_assessment) = match part {
            Part::Unit(u) => (u, false),
            Part::Assessment(a) => (a, true),
        };
        Self {
            module: index32(module),
            part: index32(part),
            by_assessment,
            level,
            statement,
            framework: index32(framework),
            mapping: index32(mapping),
        }
    }

    /// The unit or assessment that maps the statement.
    fn source(&self) -> (usize, Part) {
        let part = self.part as usize;
        (
            self.module as usize,
            if self.by_assessment {
                Part::Assessment(part)
            } else {
                Part::Unit(part)
            },
        )
    }

    fn framework(&self) -> usize {
        self.framework as usize
    }

    fn mapping(&self) -> usize {
        self.mapping as usize
    }
}

const CURRICULUM_KEYS: &[&str] = &[
    "id",
    "title",
    "provider",
    "version",
    "frameworks",
    "description",
    "learners_per_year",
    "settings",
    "modules",
];
const MODULE_KEYS: &[&str] = &[
    "code",
    "title",
    "year",
    "level",
    "credits",
    "units",
    "assessments",
];
const UNIT_KEYS: &[&str] = &["id", "kind", "text", "covers"];
const ASSESSMENT_KEYS: &[&str] = &["id", "title", "weight", "assesses", "covers"];

/// Keys waypost does not know are kept, but one that looks like a misspelt known key (`covrs`)
/// would otherwise silently lose its mappings: warn about it.
fn unknown_keys(
    extra: &std::collections::BTreeMap<String, serde_json::Value>,
    known: &[&str],
    at: impl Fn() -> String,
    warnings: &mut Vec<Diagnostic>,
) {
    for key in extra.keys() {
        let at = at();
        if let Some(nearest) = crate::nearest::nearest(key, known.iter().copied()) {
            warnings.push(
                Diagnostic::new(format!("unknown key `{key}` is kept as it is, not read"))
                    .at(format!("{at}{key}"))
                    .with_hint(format!("did you mean `{nearest}`?")),
            );
        }
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<String> = items.map(|i| format!("`{i}`")).collect();
    if all.is_empty() {
        "none".to_string()
    } else {
        all.join(", ")
    }
}

/// `text.rsplit_once(separator)` for an ASCII separator, found by byte: this runs for every
/// mapping, and an ASCII byte never falls inside a multi-byte character.
fn split_last(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|b| b == separator)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// A qualified id, `framework:code`, built without the formatting machinery (the frameworks'
/// graph makes one for every statement, activity and resource at start-up).
fn qualified(framework: &str, code: &str) -> String {
    let mut id = String::with_capacity(framework.len() + 1 + code.len());
    id.push_str(framework);
    id.push(':');
    id.push_str(code);
    id
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::{DEFAULT_FRAMEWORK, Format, load::load_curriculum};

    fn curriculum(text: &str) -> Curriculum {
        load_curriculum(text, Some(Format::Toml), Some("t.toml")).unwrap()
    }

    #[test]
    fn the_last_separator_is_found_as_rsplit_once_finds_it() {
        for text in [
            "K4",
            "realising-recovery-2007:K4",
            "a:b:c",
            ":",
            "K4:",
            ":K4",
            "",
            "é:ü",
            "ü:",
            "日本:語",
        ] {
            assert_eq!(split_last(text, b':'), text.rsplit_once(':'), "{text}");
        }
    }

    #[test]
    fn a_summary_keeps_the_highest_level_and_whether_anything_assessed_it() {
        let c = curriculum(
            r#"
id = "t"
title = "T"
[[modules]]
code = "M1"
[[modules.units]]
id = "LO1"
covers = ["K1:developed", "K2:developed", "K1:introduced"]
[[modules.units]]
id = "LO2"
covers = ["K3:introduced"]
[[modules.assessments]]
id = "A1"
assesses = ["LO2"]
covers = ["K5"]
"#,
        );
        let catalog = Catalog::builtin().unwrap();
        let graph = Graph::base(catalog);
        let mut out = CoverageSummaries::default();
        graph.summarise(&c, None, &mut out).unwrap();
        let fw = graph.framework_index(DEFAULT_FRAMEWORK).unwrap();
        let top = graph.top_level(fw);
        assert!(top > 1);
        let at = |out: &CoverageSummaries, code: &str| {
            let node = graph.node(&format!("{DEFAULT_FRAMEWORK}:{code}")).unwrap();
            out.get(node).copied()
        };
        let summary = |mapped, assessed| Some(CoverageSummary { mapped, assessed });
        // Mapped twice by one unit: the higher level counts; nothing assesses LO1.
        assert_eq!(at(&out, "K1"), summary(1, false));
        assert_eq!(at(&out, "K2"), summary(1, false));
        // LO2 is assessed by A1; A1's own mapping reaches the top of the scale.
        assert_eq!(at(&out, "K3"), summary(0, true));
        assert_eq!(at(&out, "K5"), summary(top, true));
        assert_eq!(at(&out, "K4"), None);
        // The graph is left as it was.
        assert_eq!(graph.size(), Graph::build(catalog).size());
        assert!(graph.curricula.is_empty());

        // The next curriculum starts from an empty table.
        let other = curriculum(
            "id = \"u\"\ntitle = \"U\"\n[[modules]]\ncode = \"M1\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K4\"]\n",
        );
        graph.summarise(&other, None, &mut out).unwrap();
        assert_eq!(at(&out, "K1"), None);
        assert_eq!(at(&out, "K4"), summary(0, false));
    }

    #[test]
    fn a_curriculum_is_added_as_indices_not_as_nodes() {
        let c = curriculum(
            r#"
id = "t"
title = "T"
[[modules]]
code = "M1"
[[modules.units]]
id = "LO1"
covers = ["K1:developed", "K1:introduced"]
[[modules.units]]
id = "LO2"
[[modules.units]]
id = "LO3"
covers = ["K3"]
[[modules.assessments]]
id = "A1"
assesses = ["LO3", "LO3"]
covers = ["K1"]
[[modules]]
code = "M2"
[[modules.assessments]]
id = "A2"
assesses = ["M1/LO3"]
"#,
        );
        let catalog = Catalog::builtin().unwrap();
        let mut graph = Graph::new(catalog);
        let cur = graph.add_curriculum(c, None).unwrap();
        // The frameworks' graph is left as it was: nothing of the curriculum is a node.
        assert_eq!(graph.size(), Graph::build(catalog).size());
        let fw = graph.framework_index(DEFAULT_FRAMEWORK).unwrap();
        let node = |code: &str| {
            let f = graph.frameworks.get(fw).unwrap();
            let si = f.statements.iter().position(|s| s.code == code).unwrap();
            graph.statement_node(fw, si).unwrap()
        };
        let map = graph.coverage_map(cur);
        let k1: Vec<_> = map
            .get(&node("K1"))
            .unwrap()
            .iter()
            .map(|c| match c.part {
                Part::Unit(u) => (c.module, Some(u), None, c.mapped, c.assessed),
                Part::Assessment(a) => (c.module, None, Some(a), c.mapped, c.assessed),
            })
            .collect();
        let top = graph.top_level(fw);
        assert_eq!(
            k1,
            [
                (0, Some(0), None, 0, false),
                (0, Some(0), None, 1, false),
                (0, None, Some(0), top, true),
            ]
        );
        let k3: Vec<_> = map
            .get(&node("K3"))
            .unwrap()
            .iter()
            .map(|c| c.assessed)
            .collect();
        assert_eq!(k3, [true]);
        // LO3's assessors, once each, in module order.
        assert_eq!(
            graph.assessors(cur, 0, 2).collect::<Vec<_>>(),
            [(0, 0), (1, 0)]
        );
        assert_eq!(graph.assessors(cur, 0, 0).count(), 0);
        assert_eq!(graph.unmapped_units(cur), [(0, 1)]);
    }

    #[test]
    fn summarising_fails_as_adding_does() {
        let c = curriculum(
            r#"
id = "t"
title = "T"
[[modules]]
code = "M1"
[[modules.units]]
id = "LO1"
covers = ["K999", "K1:mastered", "nowhere:K1"]
"#,
        );
        let catalog = Catalog::builtin().unwrap();
        let mut out = CoverageSummaries::default();
        let summarised = Graph::base(catalog)
            .summarise(&c, None, &mut out)
            .unwrap_err();
        let added = Graph::new(catalog).add_curriculum(c, None).unwrap_err();
        assert_eq!(summarised.to_report(), added.to_report());
        assert_eq!(summarised.to_report().diagnostics.len(), 3);
    }

    #[test]
    fn a_unit_id_used_twice_is_found_in_short_and_long_modules_alike() {
        let module = |code: &str, units: usize, repeat: bool| {
            let mut text = format!("\n[[modules]]\ncode = \"{code}\"\n");
            for u in 0..units {
                let id = if repeat && u == units - 1 { 0 } else { u };
                text.push_str(&format!("[[modules.units]]\nid = \"LO{id}\"\n"));
            }
            text
        };
        let catalog = Catalog::builtin().unwrap();
        let graph = Graph::base(catalog);
        let mut out = CoverageSummaries::default();
        for units in [3, 16, 17, 40] {
            // The same ids in every module, none twice within one: no error.
            let fine = format!(
                "id = \"t\"\ntitle = \"T\"\n{}{}",
                module("M1", units, false),
                module("M2", units, false)
            );
            assert!(
                graph.summarise(&curriculum(&fine), None, &mut out).is_ok(),
                "{units}"
            );
            // The second module repeats its first id.
            let twice = format!(
                "id = \"t\"\ntitle = \"T\"\n{}{}",
                module("M1", units, false),
                module("M2", units, true)
            );
            let report = graph
                .summarise(&curriculum(&twice), None, &mut out)
                .unwrap_err()
                .to_report();
            assert_eq!(report.diagnostics.len(), 1, "{units}");
            assert_eq!(
                report.diagnostics[0].message,
                "the unit id `LO0` is used twice in module `M2`"
            );
            assert_eq!(
                report.diagnostics[0].pointer.as_deref(),
                Some(format!("modules[1].units[{}].id", units - 1).as_str())
            );
        }
    }

    #[test]
    fn warnings_come_in_the_order_of_their_kinds_then_of_the_curriculum() {
        let c = curriculum(
            r#"
id = "t"
title = "T"
frameworkz = ["x"]
[[modules]]
code = "M1"
unts = 1
[[modules.units]]
id = "LO1"
covrs = ["K1"]
covers = ["K1", "K1:developed"]
[[modules.units]]
id = "LO2"
covers = ["K2:assessed"]
[[modules.assessments]]
id = "A1"
assesess = ["LO1"]
[[modules]]
code = "M2"
unts = 2
"#,
        );
        let mut graph = Graph::new(Catalog::builtin().unwrap());
        let cur = graph.add_curriculum(c, None).unwrap();
        let pointers: Vec<&str> = graph
            .warnings_of(cur)
            .iter()
            .map(|d| d.pointer.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            pointers,
            [
                // While resolving: a statement mapped twice.
                "modules[0].units[0].covers[1]",
                // Then the top of the scale claimed without an assessment.
                "modules[0].units[1].covers[0]",
                // Then unknown keys, in the curriculum's order.
                "frameworkz",
                "modules[0].unts",
                "modules[0].units[0].covrs",
                "modules[0].assessments[0].assesess",
                "modules[1].unts",
            ]
        );
    }
}
