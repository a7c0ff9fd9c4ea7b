//! Portfolio analysis: many curricula against one framework, for staff who need to see which
//! statements no course teaches or assesses.

use std::{
    collections::{BTreeMap, HashSet},
    path::{Path, PathBuf},
    sync::{Arc, OnceLock},
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::{Catalog, Slot},
    coverage,
    error::{Diagnostic, Error, ErrorReport, Result},
    format::Format,
    graph::{CoverageSummaries, Graph},
    model::{curriculum::Curriculum, framework::Framework},
    reach::ReachOptions,
};

/// The coverage of one framework across many curricula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Portfolio {
    /// The framework.
    pub framework: coverage::FrameworkInfo,
    /// The coverage scale, lowest first.
    pub levels: Vec<String>,
    /// Each course analysed, in the order given.
    pub courses: Vec<CourseSummary>,
    /// Each statement, with the level each course reaches (the matrix).
    pub statements: Vec<PortfolioStatement>,
    /// Statements no course covers.
    pub uncovered: Vec<Arc<str>>,
    /// Statements no course assesses (including those none covers).
    pub unassessed: Vec<Arc<str>>,
    /// Statements covered, but never above the lowest level.
    pub introduced_only: Vec<Arc<str>>,
    /// Statements exactly one course covers.
    pub single_course: Vec<Arc<str>>,
    /// Totals per provider, by provider name (courses without one under `(no provider)`).
    pub providers: Vec<ProviderSummary>,
    /// Files that could not be loaded or checked, with why; the rest were still analysed.
    pub failures: Vec<Failure>,
    /// How many learners a year each statement reaches, where the courses say how many they
    /// take or which settings they serve (absent when none does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<crate::reach::Reach>,
    /// For each statement no course covers, the training that could close it, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<Vec<crate::reach::GapTraining>>,
}

/// One course of a portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CourseSummary {
    /// The curriculum's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The file it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Its modules.
    pub modules: usize,
    /// Its units.
    pub units: usize,
    /// Statements it covers.
    pub covered: usize,
    /// Statements it assesses.
    pub assessed: usize,
    /// Statements it does not cover.
    pub gaps: usize,
    /// How many learners it takes a year, if it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learners_per_year: Option<u32>,
    /// The settings it serves, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
}

/// One statement across the portfolio.
///
/// Its code, domain, label and level names are shared (`Arc<str>`): the same few names appear
/// in every row and cell of the matrix, and the catalog makes each of them once per framework
/// rather than once per statement, course and portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PortfolioStatement {
    /// Its code.
    pub code: Arc<str>,
    /// Its domain's id.
    pub domain: Arc<str>,
    /// Its label.
    pub label: Arc<str>,
    /// The highest level any course reaches.
    pub level: Option<Arc<str>>,
    /// How many courses cover it.
    pub courses: usize,
    /// How many courses assess it.
    pub assessed_by: usize,
    /// The level each course reaches, in the order of `courses` (none for a gap).
    pub levels: Vec<Option<Arc<str>>>,
}

/// The courses of one provider together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProviderSummary {
    /// The provider's name.
    pub provider: String,
    /// How many courses it runs in the portfolio.
    pub courses: usize,
    /// Statements at least one of its courses covers.
    pub covered: usize,
    /// Statements at least one of its courses assesses.
    pub assessed: usize,
    /// Statements none of its courses covers.
    pub gaps: usize,
}

/// A file left out of the portfolio, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Failure {
    /// The file.
    pub path: String,
    /// What went wrong.
    pub error: ErrorReport,
}

/// One input of a portfolio: a loaded curriculum, or the error loading it gave.
pub type Entry = (String, Result<Curriculum>);

/// What a portfolio reads of the frameworks' graph for one framework, made once per catalog
/// (`Table::kept`) and kept from one portfolio to the next: the table a course's
/// levels are read through, and the names every portfolio prints, shared.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    levels: coverage::LevelTable,
    /// Per statement in printed order: its code, domain and label.
    statements: Vec<[Arc<str>; 3]>,
    /// The name of each level of the scale.
    level_names: Vec<Arc<str>>,
}

impl Table {
    /// The table of the framework at index `fw` of the catalog's base graph, built on first
    /// use and kept by the catalog; none if the graph has no such framework.
    fn kept<'c>(catalog: &'c Catalog, graph: &Graph, fw: usize) -> Option<&'c Table> {
        let tables = catalog.derived(Slot::PortfolioTables, || {
            graph
                .frameworks
                .iter()
                .map(|_| OnceLock::new())
                .collect::<Box<[OnceLock<Table>]>>()
        })?;
        Some(tables.get(fw)?.get_or_init(|| Table::new(graph, fw)))
    }

    pub(crate) fn new(graph: &Graph, fw: usize) -> Self {
        let f = graph.frameworks.get(fw);
        Self {
            levels: coverage::LevelTable::new(graph, fw),
            statements: f
                .map(|f| {
                    f.statements
                        .iter()
                        .map(|s| [s.code.as_str(), &s.domain, &s.label].map(Arc::from))
                        .collect()
                })
                .unwrap_or_default(),
            level_names: f
                .map(|f| f.levels.iter().map(|l| Arc::from(l.as_str())).collect())
                .unwrap_or_default(),
        }
    }
}

/// The curriculum files under the given paths: files as given, folders searched recursively
/// for `.toml`, `.json`, `.yaml`, `.yml` and `.csv` files (and workbooks), in name order.
///
/// Each file is listed once, however often it is reached (given twice, given and inside a
/// folder given, or through a symbolic link), so no course counts twice; and a folder reached
/// again through a symbolic link (a loop) is not searched again.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut walk = Walk::default();
    for path in paths {
        if path.is_dir() {
            walk.folder(path)?;
        } else {
            walk.file(path);
        }
    }
    Ok(walk.out)
}

/// The files found so far, and what has been seen: each file by its identity, each folder by
/// its canonical path.
#[derive(Default)]
struct Walk {
    out: Vec<PathBuf>,
    files: HashSet<FileId>,
    folders: HashSet<PathBuf>,
}

/// What makes two paths one file: its device and inode where the system has them, else its
/// canonical path (symbolic links resolved).
#[derive(PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| FileId::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok().map(FileId::Path)
    }
}

impl Walk {
    /// Lists a file unless it was listed already. A file that cannot be looked up (missing) is
    /// listed, so that reading it gives its error.
    fn file(&mut self, path: &Path) {
        if file_id(path).is_none_or(|id| self.files.insert(id)) {
            self.out.push(path.to_path_buf());
        }
    }

    fn folder(&mut self, dir: &Path) -> Result<()> {
        let io = |e: std::io::Error| Error::Io {
            path: dir.display().to_string(),
            message: e.to_string().to_lowercase(),
        };
        let canonical = std::fs::canonicalize(dir).map_err(io)?;
        if !self.folders.insert(canonical) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_hidden);
            if hidden {
                continue;
            }
            if path.is_dir() {
                self.folder(&path)?;
            } else if is_course_file(&path) {
                self.file(&path);
            }
        }
        Ok(())
    }
}

/// Whether a file or folder of that name is hidden, and so not searched.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Whether a file found in a folder is read as a course: its extension names a format, or a
/// workbook where the build reads them.
fn is_course_file(path: &Path) -> bool {
    Format::from_path(path).is_some() || is_workbook(path)
}

/// Of the files in a folder, given by their paths inside it (`/`-separated, as a browser lists
/// a folder picked or dropped), the ones a portfolio of that folder reads, in the order it
/// reads them: what [`collect_files`] finds in the folder on disk. Hidden files and files in
/// hidden folders are left out, and so are files whose extension names no format; a path
/// given twice is listed once.
pub fn folder_files<S: AsRef<str>>(paths: &[S]) -> Vec<String> {
    let parts = |path: &str| -> Vec<String> {
        path.split('/')
            .filter(|part| !part.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut kept: Vec<&str> = paths
        .iter()
        .map(AsRef::as_ref)
        .filter(|path| !parts(path).iter().any(|p| is_hidden(p)) && is_course_file(Path::new(path)))
        .collect();
    // Name by name along the path, as the folder is searched (each folder's entries in name
    // order, a folder's files where the folder comes): `a/z.toml` before `a.toml`, although
    // `/` sorts after `.` in a string.
    kept.sort_by_cached_key(|path| parts(path));
    kept.dedup_by(|a, b| parts(a) == parts(b));
    kept.into_iter().map(str::to_string).collect()
}

#[cfg(feature = "grid-xlsx")]
fn is_workbook(path: &Path) -> bool {
    crate::format::is_workbook(path)
}

#[cfg(not(feature = "grid-xlsx"))]
fn is_workbook(_: &Path) -> bool {
    false
}

/// Reads curriculum files, calling `progress` after each with how many are done and how many
/// there are. A file that fails to load is kept as its error.
pub fn read_entries(files: &[PathBuf], mut progress: impl FnMut(usize, usize)) -> Vec<Entry> {
    let total = files.len();
    files
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let entry = (
                path.display().to_string(),
                crate::load::read_curriculum(path),
            );
            progress(i + 1, total);
            entry
        })
        .collect()
}

/// Reads and analyses the curriculum files one at a time, calling `progress` after each with
/// how many are done and how many there are: memory holds one course, not the portfolio.
pub fn portfolio_files(
    catalog: &Catalog,
    files: &[PathBuf],
    framework: Option<&str>,
    options: &ReachOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<Portfolio> {
    let total = files.len();
    let entries = files.iter().enumerate().map(|(i, path)| {
        let entry = (
            path.display().to_string(),
            crate::load::read_curriculum(path),
        );
        progress(i + 1, total);
        entry
    });
    portfolio_with(catalog, entries, framework, options)
}

/// Analyses a portfolio: every curriculum that loads and resolves is checked against the
/// framework; the others are reported in `failures`.
#[cfg(test)]
pub(crate) fn portfolio(
    catalog: &Catalog,
    entries: impl IntoIterator<Item = Entry>,
    framework: Option<&str>,
) -> Result<Portfolio> {
    portfolio_with(catalog, entries, framework, &ReachOptions::default())
}

/// [`portfolio`] with its reach counted as `options` say (see [`crate::reach`]).
pub(crate) fn portfolio_with(
    catalog: &Catalog,
    entries: impl IntoIterator<Item = Entry>,
    framework: Option<&str>,
    options: &ReachOptions,
) -> Result<Portfolio> {
    let target = crate::framework_for(framework, None);
    let f = catalog.framework(target)?;
    // The frameworks' graph, shared: each course is resolved against it and summarised, and
    // never added to it, so memory holds one course at a time.
    let graph = Graph::base(catalog);
    let graph = graph.as_ref();
    let fw = graph.framework_index(target).unwrap_or_default();
    // Built on the first portfolio against this framework, then kept by the catalog. The graph
    // has every framework of the catalog, so the fallback is never used.
    let empty;
    let table = match Table::kept(catalog, graph, fw) {
        Some(table) => table,
        None => {
            empty = Table::default();
            &empty
        }
    };
    let scale = Scale::new(f, table);
    let known = options.known_settings(&f.settings);
    let Courses {
        courses,
        matrix,
        failures,
        warnings,
    } = read_courses(graph, target, &scale, entries, &known);
    let (statements, lists) = statements(&scale, &matrix);
    let providers = providers(&scale, &courses, &matrix);
    let mut p = Portfolio {
        framework: coverage::FrameworkInfo {
            id: f.id.clone(),
            title: f.title.clone(),
            short_title: f.short_title.clone(),
        },
        levels: f.levels.clone(),
        courses,
        statements,
        uncovered: lists.uncovered,
        unassessed: lists.unassessed,
        introduced_only: lists.introduced_only,
        single_course: lists.single_course,
        providers,
        failures,
        reach: None,
        training: None,
    };
    crate::reach::add(catalog, &mut p, options, &known, warnings)?;
    Ok(p)
}

/// A portfolio's framework and the scale its levels are read on.
struct Scale<'a> {
    framework: &'a Framework,
    table: &'a Table,
    /// The top level's index; a scale of one level has no level that counts as assessed.
    top: usize,
    /// Each level's rank: where its name first appears in the scale, as it would be found from
    /// the name.
    ranks: Vec<usize>,
}

impl<'a> Scale<'a> {
    fn new(framework: &'a Framework, table: &'a Table) -> Self {
        let levels = &framework.levels;
        Self {
            framework,
            table,
            top: levels.len().saturating_sub(1),
            ranks: levels
                .iter()
                .enumerate()
                .map(|(i, l)| levels.iter().position(|x| x == l).unwrap_or(i))
                .collect(),
        }
    }

    /// The rank of a level as a course reaches it.
    fn rank(&self, level: Option<u8>) -> Option<usize> {
        level.and_then(|l| self.ranks.get(usize::from(l)).copied())
    }

    /// Whether a level (or rank) is the top of a scale of more than one level.
    fn is_top(&self, level: usize) -> bool {
        level == self.top && self.top > 0
    }

    /// A level's shared name, as the table has it (made from the framework where it has not).
    fn name(&self, level: usize) -> Option<Arc<str>> {
        self.table.level_names.get(level).cloned().or_else(|| {
            self.framework
                .levels
                .get(level)
                .map(|n| Arc::from(n.as_str()))
        })
    }
}

/// The level each course reaches on each statement, `width` entries per course. A level is
/// kept as its index in the scale while courses are read (a byte, in one flat table, course
/// after course), and only the finished portfolio holds level names.
struct Matrix {
    cells: Vec<Option<u8>>,
    /// How many statements the framework has.
    width: usize,
    /// How many courses have a row.
    courses: usize,
}

impl Matrix {
    /// The levels of statement `si`, course by course.
    fn column(&self, si: usize) -> impl Iterator<Item = Option<u8>> + '_ {
        self.cells
            .iter()
            .skip(si)
            .step_by(self.width.max(1))
            .take(self.courses)
            .copied()
    }

    /// The level course `course` reaches on statement `si`.
    fn get(&self, course: usize, si: usize) -> Option<u8> {
        let at = course
            .checked_mul(self.width)
            .and_then(|c| c.checked_add(si));
        at.and_then(|at| self.cells.get(at)).copied().flatten()
    }
}

/// The courses of a portfolio that loaded, with their levels, and those that did not.
struct Courses {
    courses: Vec<CourseSummary>,
    matrix: Matrix,
    failures: Vec<Failure>,
    /// Settings not in the known list, located in their files.
    warnings: Vec<Diagnostic>,
}

/// Reads the entries one by one: each curriculum is resolved against the framework `target`,
/// summarised and let go, leaving its summary and its row of levels.
fn read_courses(
    graph: &Graph,
    target: &str,
    scale: &Scale,
    entries: impl IntoIterator<Item = Entry>,
    known_settings: &[String],
) -> Courses {
    let f = scale.framework;
    let width = f.statements.len();
    let mut failures = Vec::new();
    let mut warnings = Vec::new();
    let mut courses = Vec::new();
    let mut matrix = Vec::new();
    let mut summary = CoverageSummaries::default();
    let mut levels = Vec::with_capacity(width);
    for (path, entry) in entries {
        let curriculum = match entry.and_then(|c| {
            if let Some(kind) = other_document(&c) {
                return Err(not_a_curriculum(&path, kind));
            }
            graph.summarise(&c, Some(target), &mut summary)?;
            Ok(c)
        }) {
            Ok(curriculum) => curriculum,
            Err(e) => {
                failures.push(Failure {
                    path,
                    error: e.to_report(),
                });
                continue;
            }
        };
        warnings.extend(crate::reach::unknown_settings(&curriculum, known_settings));
        scale.table.levels.levels_into(&summary, &mut levels);
        // A level beyond the scale has no name, so it counts as a gap in the matrix.
        matrix.extend((0..width).map(|i| {
            levels
                .get(i)
                .copied()
                .flatten()
                .filter(|l| usize::from(*l) < f.levels.len())
        }));
        let covered = levels.iter().flatten().count();
        let assessed = levels
            .iter()
            .flatten()
            .filter(|l| scale.is_top(usize::from(**l)))
            .count();
        courses.push(CourseSummary {
            id: curriculum.id,
            title: curriculum.title,
            provider: curriculum.provider,
            path: Some(path),
            modules: curriculum.modules.len(),
            units: curriculum.modules.iter().map(|m| m.units.len()).sum(),
            covered,
            assessed,
            gaps: levels.len() - covered,
            learners_per_year: curriculum.learners_per_year,
            settings: curriculum.settings,
        });
    }
    let matrix = Matrix {
        cells: matrix,
        width,
        courses: courses.len(),
    };
    Courses {
        courses,
        matrix,
        failures,
        warnings,
    }
}

/// The statements no course covers, none assesses, all only introduce, or one alone covers.
#[derive(Default)]
struct Lists {
    uncovered: Vec<Arc<str>>,
    unassessed: Vec<Arc<str>>,
    introduced_only: Vec<Arc<str>>,
    single_course: Vec<Arc<str>>,
}

/// Each statement across the courses: the best level reached, how many courses cover and
/// assess it, and the lists it belongs to.
fn statements(scale: &Scale, matrix: &Matrix) -> (Vec<PortfolioStatement>, Lists) {
    let top = scale.top;
    let mut statements = Vec::with_capacity(matrix.width);
    let mut lists = Lists::default();
    for (si, s) in scale.framework.statements.iter().enumerate() {
        let (mut best, mut covering, mut assessing) = (None, 0, 0);
        for r in matrix.column(si).filter_map(|l| scale.rank(l)) {
            best = best.max(Some(r));
            covering += 1;
            if scale.is_top(r) {
                assessing += 1;
            }
        }
        let [code, domain, label] = scale
            .table
            .statements
            .get(si)
            .cloned()
            .unwrap_or_else(|| [s.code.as_str(), &s.domain, &s.label].map(Arc::from));
        match best {
            None => lists.uncovered.push(code.clone()),
            Some(0) if top > 0 => lists.introduced_only.push(code.clone()),
            _ => {}
        }
        if assessing == 0 {
            lists.unassessed.push(code.clone());
        }
        if covering == 1 {
            lists.single_course.push(code.clone());
        }
        statements.push(PortfolioStatement {
            code,
            domain,
            label,
            level: best.and_then(|l| scale.name(l)),
            courses: covering,
            assessed_by: assessing,
            levels: matrix
                .column(si)
                .map(|l| l.and_then(|l| scale.name(usize::from(l))))
                .collect(),
        });
    }
    (statements, lists)
}

/// The courses grouped by provider, with how many statements each provider's courses cover
/// and assess between them.
fn providers(scale: &Scale, courses: &[CourseSummary], matrix: &Matrix) -> Vec<ProviderSummary> {
    let width = matrix.width;
    let mut by_provider: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, c) in courses.iter().enumerate() {
        by_provider
            .entry(
                c.provider
                    .clone()
                    .unwrap_or_else(|| "(no provider)".to_string()),
            )
            .or_default()
            .push(i);
    }
    by_provider
        .into_iter()
        .map(|(provider, members)| {
            let reach = |pred: &dyn Fn(usize) -> bool| {
                (0..width)
                    .filter(|&si| {
                        members
                            .iter()
                            .any(|&i| scale.rank(matrix.get(i, si)).is_some_and(pred))
                    })
                    .count()
            };
            let covered = reach(&|_| true);
            let assessed = reach(&|r| scale.is_top(r));
            ProviderSummary {
                provider,
                courses: members.len(),
                covered,
                assessed,
                gaps: width - covered,
            }
        })
        .collect()
}

/// What a file read as a curriculum is instead, if it is another kind of waypost file: one
/// with no modules and the keys of a framework (`statements`, `domains`), a crosswalk (`links`
/// with `from` or `to`), a policy (`require`) or a self-assessment (`ratings`). A curriculum
/// keeps keys it does not know, so such a file reads as a course with no modules, and would be
/// counted as one with every statement a gap.
fn other_document(c: &Curriculum) -> Option<&'static str> {
    if !c.modules.is_empty() {
        return None;
    }
    let has = |key: &str| c.extra.contains_key(key);
    if has("statements") || has("domains") {
        Some("a framework")
    } else if has("links") && (has("from") || has("to")) {
        Some("a crosswalk")
    } else if has("require") {
        Some("a policy")
    } else if has("ratings") {
        Some("a self-assessment")
    } else {
        None
    }
}

/// The note for a file left out of a portfolio because it is `kind`, not a curriculum.
fn not_a_curriculum(path: &str, kind: &str) -> Error {
    Error::parse(Diagnostic {
        path: Some(path.to_string()),
        message: format!("{kind}, not a curriculum: left out of the portfolio"),
        hint: Some(
            "a portfolio counts curricula only; keep frameworks, crosswalks, policies and self-assessments in another folder"
                .to_string(),
        ),
        ..Default::default()
    })
}
