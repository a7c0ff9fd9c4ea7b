//! The frameworks and crosswalks a check can use: the built-in ones, and any a user adds.

use std::{
    collections::HashSet,
    sync::{Arc, OnceLock},
};

// Keyed by the frameworks' own codes, checked once per framework: a fast hash is enough.
use rustc_hash::{FxHashMap, FxHashSet};

use crate::{
    error::{Diagnostic, Error, Result},
    format::{self, Format},
    load,
    model::{crosswalk::Crosswalk, framework::Framework},
};

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// The id of the framework used when nothing says which.
pub const DEFAULT_FRAMEWORK: &str = "realising-recovery-2007";

/// A set of frameworks and the crosswalks between them.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    frameworks: Vec<Arc<Framework>>,
    crosswalks: Vec<Arc<Crosswalk>>,
    /// The graph of these frameworks and crosswalks alone, built on first use and cloned for
    /// every check; reset whenever a framework or crosswalk is added.
    base: OnceLock<crate::graph::Graph>,
    /// Per framework of `base` (by its index there), what a portfolio reads of that graph for
    /// the framework, gathered on the first portfolio against it and kept for the next ones;
    /// reset with `base`.
    tables: OnceLock<Box<[OnceLock<crate::portfolio::Table>]>>,
}

static BUILTIN: OnceLock<Result<Catalog>> = OnceLock::new();

impl Catalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Catalog::default()
    }

    /// The frameworks and crosswalks shipped with waypost, parsed once on first use.
    pub fn builtin() -> Result<&'static Catalog> {
        BUILTIN
            .get_or_init(parse_builtin)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A catalog holding the built-in frameworks, ready to take more.
    pub fn with_builtin() -> Result<Catalog> {
        Catalog::builtin().cloned()
    }

    /// Adds a framework, replacing any with the same id.
    pub fn add_framework(&mut self, framework: Framework) -> Result<()> {
        let problems = check_framework(&framework);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        self.frameworks.retain(|f| f.id != framework.id);
        self.frameworks.push(Arc::new(framework));
        self.reset_derived();
        Ok(())
    }

    /// Adds a crosswalk between two frameworks of the catalog, replacing any with the same id.
    pub fn add_crosswalk(&mut self, crosswalk: Crosswalk) -> Result<()> {
        let problems = self.check_crosswalk(&crosswalk);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        self.crosswalks.retain(|c| c.id != crosswalk.id);
        self.crosswalks.push(Arc::new(crosswalk));
        self.reset_derived();
        Ok(())
    }

    /// Forgets what was built from the frameworks and crosswalks, once they change.
    fn reset_derived(&mut self) {
        self.base = OnceLock::new();
        self.tables = OnceLock::new();
    }

    /// The graph of the catalog's frameworks and crosswalks, with no curricula yet.
    pub(crate) fn base_graph(&self) -> &crate::graph::Graph {
        self.base.get_or_init(|| crate::graph::Graph::build(self))
    }

    /// The [`crate::portfolio::Table`] of the framework at index `fw` of the base graph, built
    /// on first use; none if the graph has no such framework.
    pub(crate) fn portfolio_table(&self, fw: usize) -> Option<&crate::portfolio::Table> {
        let graph = self.base_graph();
        let tables = self
            .tables
            .get_or_init(|| graph.frameworks.iter().map(|_| OnceLock::new()).collect());
        Some(
            tables
                .get(fw)?
                .get_or_init(|| crate::portfolio::Table::new(graph, fw)),
        )
    }

    /// The frameworks, shared, in the order they were added.
    pub(crate) fn framework_arcs(&self) -> impl Iterator<Item = Arc<Framework>> + '_ {
        self.frameworks.iter().cloned()
    }

    /// The crosswalks, shared.
    pub(crate) fn crosswalk_arcs(&self) -> impl Iterator<Item = Arc<Crosswalk>> + '_ {
        self.crosswalks.iter().cloned()
    }

    /// The frameworks, in the order they were added.
    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        self.frameworks.iter().map(AsRef::as_ref)
    }

    /// The crosswalks.
    pub fn crosswalks(&self) -> impl Iterator<Item = &Crosswalk> {
        self.crosswalks.iter().map(AsRef::as_ref)
    }

    /// The framework with this id.
    pub fn framework(&self, id: &str) -> Result<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.id == id)
            .map(AsRef::as_ref)
            .ok_or_else(|| Error::UnknownFramework {
                id: id.to_string(),
                available: self.framework_ids(),
            })
    }

    /// The ids of all frameworks.
    pub fn framework_ids(&self) -> Vec<String> {
        self.frameworks.iter().map(|f| f.id.clone()).collect()
    }

    fn check_crosswalk(&self, crosswalk: &Crosswalk) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut sides = Vec::new();
        for (key, id) in [("from", &crosswalk.from), ("to", &crosswalk.to)] {
            match self.framework(id) {
                Ok(f) => sides.push(
                    f.statements
                        .iter()
                        .map(|s| s.code.as_str())
                        .collect::<FxHashSet<_>>(),
                ),
                Err(_) => problems.push(
                    Diagnostic::new(format!(
                        "the crosswalk's `{key}` framework `{id}` is not loaded"
                    ))
                    .at(key)
                    .with_hint(format!(
                        "load it first; the frameworks loaded are {}",
                        crate::error::backticked(&self.framework_ids())
                    )),
                ),
            }
        }
        let [from, to] = sides.as_slice() else {
            return problems;
        };
        for (i, link) in crosswalk.links.iter().enumerate() {
            if !from.contains(link.from.as_str()) {
                problems.push(
                    Diagnostic::new(format!(
                        "`{}` is not a statement of `{}`",
                        link.from, crosswalk.from
                    ))
                    .at(format!("links[{i}].from")),
                );
            }
            if !to.contains(link.to.as_str()) {
                problems.push(
                    Diagnostic::new(format!(
                        "`{}` is not a statement of `{}`",
                        link.to, crosswalk.to
                    ))
                    .at(format!("links[{i}].to")),
                );
            }
        }
        for (i, u) in crosswalk.unmapped.iter().enumerate() {
            if !to.contains(u.code.as_str()) {
                problems.push(
                    Diagnostic::new(format!(
                        "`{}` is not a statement of `{}`",
                        u.code, crosswalk.to
                    ))
                    .at(format!("unmapped[{i}].code")),
                );
            }
        }
        problems
    }
}

/// Reads one built-in file, written by the build script in the compact form.
fn read_builtin<T: serde::de::DeserializeOwned>(
    name: &str,
    strings: &str,
    tree: &[u8],
) -> Result<T> {
    crate::compact::from_bytes(BUILTIN_KEYS, strings, tree)
        .map_err(|e| Error::parse(Diagnostic::new(e.to_string()).in_file(Some(name))))
}

/// No problems, or all of them as an error, each placed in the built-in file `name`.
fn valid_in(name: &str, problems: Vec<Diagnostic>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid(
        problems
            .into_iter()
            .map(|d| d.in_file(Some(name)))
            .collect(),
    ))
}

/// The built-in catalog, read from the data the build script embedded, with the same checks
/// as a framework or crosswalk a user loads.
fn parse_builtin() -> Result<Catalog> {
    let mut catalog = Catalog::new();
    for (name, strings, tree) in FRAMEWORK_FILES {
        let framework: Framework = read_builtin(name, strings, tree)?;
        valid_in(name, check_framework(&framework))?;
        catalog.frameworks.push(Arc::new(framework));
    }
    for (name, strings, tree) in CROSSWALK_FILES {
        let crosswalk: Crosswalk = read_builtin(name, strings, tree)?;
        valid_in(name, catalog.check_crosswalk(&crosswalk))?;
        catalog.crosswalks.push(Arc::new(crosswalk));
    }
    Ok(catalog)
}

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
                .with_hint(format!(
                    "the domains are {}",
                    crate::error::backticked(
                        &framework
                            .domains
                            .iter()
                            .map(|d| d.id.clone())
                            .collect::<Vec<_>>()
                    )
                )),
            );
        }
    }
    for (i, a) in framework.activities.iter().enumerate() {
        claim(&mut codes, &a.code, ("activities", i), &mut problems);
    }
    for (i, r) in framework.resources.iter().enumerate() {
        claim(&mut codes, &r.code, ("resources", i), &mut problems);
    }
    if framework
        .links
        .iter()
        .any(|l| l.kind == crate::model::framework::LinkType::Precedes)
    {
        // A statement cannot be learned before itself: the `precedes` links must not loop.
        let single = Catalog {
            frameworks: vec![Arc::new(framework.clone())],
            ..Catalog::default()
        };
        if let Some(cycle) = crate::graph::Graph::build(&single).precedes_cycle() {
            let codes: Vec<String> = cycle
                .iter()
                .map(|id| id.rsplit(':').next().unwrap_or(id).to_string())
                .collect();
            let first = framework
                .links
                .iter()
                .position(|l| l.kind == crate::model::framework::LinkType::Precedes);
            problems.push(
                Diagnostic::new(format!("the `precedes` links form a cycle through {}", crate::error::backticked(&codes)))
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
        if link.provenance == crate::model::framework::Provenance::Curated
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

/// Reads a framework or crosswalk given by the user on top of the built-in ones.
pub fn read_into(catalog: &mut Catalog, path: &std::path::Path) -> Result<()> {
    let text = format::read_file(path)?;
    let name = path.display().to_string();
    let format = Format::from_path(path);
    // A crosswalk has `from` and `to` at the top; a framework has `statements`.
    let probe: Result<Crosswalk> = load::load_crosswalk(&text, format, Some(&name));
    match probe {
        Ok(crosswalk) => catalog
            .add_crosswalk(crosswalk)
            .map_err(|e| e.in_file(Some(&name))),
        Err(_) => {
            let framework = load::load_framework(&text, format, Some(&name))?;
            catalog.add_framework(framework)
        }
    }
}

/// A framework's name and size, for listings.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct FrameworkSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its publishers.
    pub publishers: Vec<String>,
    /// Year of publication.
    pub year: u16,
    /// Number of statements.
    pub statements: usize,
    /// Number of learning activities.
    pub activities: usize,
    /// Number of resources.
    pub resources: usize,
    /// Number of links (published and curated).
    pub links: usize,
}

/// The frameworks of a catalog with their counts.
pub fn summaries(catalog: &Catalog) -> Vec<FrameworkSummary> {
    catalog
        .frameworks()
        .map(|f| FrameworkSummary {
            id: f.id.clone(),
            title: f.title.clone(),
            publishers: f.publishers.clone(),
            year: f.year,
            statements: f.statements.len(),
            activities: f.activities.len(),
            resources: f.resources.len(),
            links: f.links.iter().map(|l| l.to.as_slice().len()).sum(),
        })
        .collect()
}
