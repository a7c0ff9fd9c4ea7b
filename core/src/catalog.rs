//! The frameworks and crosswalks a check can use: the built-in ones, and any a user adds.

use std::{
    any::Any,
    sync::{Arc, OnceLock},
};

// Keyed by the frameworks' own codes, checked once per crosswalk: a fast hash is enough.
use rustc_hash::FxHashSet;

pub(crate) use crate::model::check::check_framework;
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
    /// What the engine builds from these frameworks and crosswalks alone (the base graph,
    /// the portfolio tables), built on first use and kept until one is added.
    derived: Derived,
}

/// The things the engine builds from a catalog's frameworks and crosswalks alone and keeps with
/// it. The catalog holds them without knowing their types, which belong to the layers above.
#[derive(Clone, Copy)]
pub(crate) enum Slot {
    /// The graph of the frameworks and crosswalks, cloned for every check (`graph`).
    BaseGraph,
    /// Per framework of the base graph, what a portfolio reads of it (`portfolio`).
    PortfolioTables,
}

/// One kept value per [`Slot`].
#[derive(Debug, Clone, Default)]
struct Derived([OnceLock<Arc<dyn Any + Send + Sync>>; 2]);

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
        self.derived = Derived::default();
    }

    /// What the layer above built from the frameworks and crosswalks alone and keeps in
    /// `slot`, built by `build` on first use. Shared by clones of the catalog until one of
    /// them changes. None only if the slot holds another type, which its one owner rules out.
    pub(crate) fn derived<T: Any + Send + Sync>(
        &self,
        slot: Slot,
        build: impl FnOnce() -> T,
    ) -> Option<&T> {
        self.derived
            .0
            .get(slot as usize)?
            .get_or_init(|| Arc::new(build()))
            .downcast_ref()
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
