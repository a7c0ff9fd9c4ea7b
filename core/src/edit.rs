//! Editing a curriculum file without losing what a person wrote.
//!
//! Every edit takes the file's TOML text and returns the new text; comments, blank lines, key
//! order, quoting and keys waypost does not know stay byte for byte as they were outside the
//! spot that changed (the `covers` list of one unit, or the new table added). An edit is
//! checked against the framework first, with the same messages and hints a check gives, and
//! the new text must load and must not bring a problem the file did not already have, so a
//! failed edit returns an error and no text: the file is never half-changed.
//!
//! The functions take text, not paths, so that the command line, Python and JavaScript share
//! them; writing the file (atomically) is the caller's part.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, TableLike, Value, value};

use crate::{
    catalog::Catalog,
    codes,
    error::{Diagnostic, Error, Result},
    format::Format,
    interop::write::mapping_text,
    load::load_curriculum,
    model::{
        curriculum::{Curriculum, Mapping, UnitKind},
        framework::Framework,
    },
};

/// One change to a unit's mappings: `+K4:developed` adds (or changes the level of) a mapping,
/// `-S12` removes one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum MappingChange {
    /// Map the statement at this level (the lowest when none is given), replacing any level
    /// it is mapped at already.
    Add {
        /// The mapping.
        mapping: Mapping,
    },
    /// Stop mapping the statement.
    Remove {
        /// The statement code, as written in the file or bare.
        statement: String,
    },
}

impl MappingChange {
    /// Reads `+K4`, `+K4:developed`, `K4=D` (an addition) or `-S12` (a removal).
    pub fn parse(arg: &str) -> Result<MappingChange> {
        let arg = arg.trim();
        let (remove, rest) = match arg.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, arg.strip_prefix('+').unwrap_or(arg)),
        };
        let mapping = Mapping::parse(rest);
        if mapping.statement.trim().is_empty() {
            return Err(Error::parse(
                Diagnostic::new(format!("`{arg}` names no statement")).with_hint(
                    "write `+K4` or `+K4:developed` to add a mapping, `-S12` to remove one",
                ),
            ));
        }
        Ok(if remove {
            MappingChange::Remove {
                statement: mapping.statement.into(),
            }
        } else {
            MappingChange::Add { mapping }
        })
    }
}

/// A module to add.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NewModule {
    /// The module code, unique in the curriculum.
    pub code: String,
    /// The module's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Year of the programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u8>,
    /// Academic level, as the provider writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Credit value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<u16>,
}

/// A unit (learning outcome, session, activity) to add to a module.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NewUnit {
    /// The code of the module it belongs to.
    pub module: String,
    /// Its id, unique within the module.
    pub id: String,
    /// What kind of unit it is.
    #[serde(default)]
    pub kind: UnitKind,
    /// The outcome or session as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The statements it covers.
    #[serde(default)]
    pub covers: Vec<Mapping>,
}

/// An assessment to add to a module.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NewAssessment {
    /// The code of the module it belongs to.
    pub module: String,
    /// Its id, unique among the module's assessments.
    pub id: String,
    /// What the assessment is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Weighting in the module, as a percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u8>,
    /// The units it assesses: ids in the module, or `MODULE/UNIT`.
    #[serde(default)]
    pub assesses: Vec<String>,
    /// Statements it assesses directly.
    #[serde(default)]
    pub covers: Vec<Mapping>,
}

/// A new curriculum file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Starter {
    /// The curriculum's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The framework it maps to.
    pub framework: String,
    /// Who runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Where the curriculum JSON Schema is, for an editor's `#:schema` line (a path relative
    /// to the file, or a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

/// A new framework file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FrameworkStarter {
    /// The framework's id (`example-standards-2026`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where the framework JSON Schema is, for an editor's `#:schema` line (a path relative to
    /// the file, or a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Unit,
    Assessment,
}

impl Part {
    fn key(self) -> &'static str {
        match self {
            Part::Unit => "units",
            Part::Assessment => "assessments",
        }
    }
}

/// An open file: its text, the curriculum it loads as, and its editable document.
struct Session<'a> {
    layout: Layout,
    name: Option<&'a str>,
    catalog: &'a Catalog,
    curriculum: Curriculum,
    framework: &'a Framework,
    doc: DocumentMut,
}

impl<'a> Session<'a> {
    fn open(text: &str, catalog: &'a Catalog, name: Option<&'a str>) -> Result<Session<'a>> {
        if let Some(n) = name
            && let Some(format) = Format::from_path(std::path::Path::new(n))
            && format != Format::Toml
        {
            return Err(Error::parse(Diagnostic {
                path: Some(n.to_string()),
                message: format!(
                    "waypost edits TOML curricula, and this is {}",
                    format.as_str()
                ),
                hint: Some(if format == Format::Csv {
                    "turn the grid into TOML first: `waypost import GRID --from grid --to toml`"
                        .to_string()
                } else {
                    "edit it by hand, or keep the curriculum as TOML".to_string()
                }),
                ..Default::default()
            }));
        }
        let layout = Layout::of(text);
        let text = layout.strip(text);
        let text = text.as_str();
        let curriculum = load_curriculum(text, Some(Format::Toml), name)?;
        let id = crate::framework_of(None, &curriculum.frameworks);
        let framework = catalog.framework(id)?;
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            Error::parse(Diagnostic {
                path: name.map(str::to_string),
                message: e.message().to_string(),
                ..Default::default()
            })
        })?;
        Ok(Session {
            layout,
            name,
            catalog,
            curriculum,
            framework,
            doc,
        })
    }

    /// A problem with the edit, placed at the part of the file it concerns.
    fn problem(&self, pointer: &str, message: String, hint: Option<String>) -> Diagnostic {
        self.curriculum.origin.place(
            Diagnostic::new(message)
                .at(pointer)
                .with_hint_opt(hint)
                .in_file(self.name),
        )
    }

    /// Checks a mapping the way a check does, and writes its level out by name.
    fn check_mapping(&self, mapping: &Mapping, pointer: &str) -> Result<Mapping, Box<Diagnostic>> {
        let raw = mapping.statement.trim();
        let (framework, code) = match raw.rsplit_once(':') {
            Some((f, c)) => match self.catalog.framework(f.trim()) {
                Ok(framework) => (framework, c.trim()),
                Err(_) => {
                    return Err(Box::new(self.problem(
                        pointer,
                        format!("unknown framework `{}` in `{raw}`", f.trim()),
                        Some(format!(
                            "the frameworks available are {}",
                            crate::error::backticked(&self.catalog.framework_ids())
                        )),
                    )));
                }
            },
            None => (self.framework, raw),
        };
        if !framework.statements.iter().any(|s| s.code == code) {
            let message = if code.is_empty() {
                "a mapping has an empty statement code".to_string()
            } else {
                format!("unknown statement `{code}` in `{}`", framework.id)
            };
            return Err(Box::new(self.problem(
                pointer,
                message,
                Some(codes::hint_for_unknown(framework, code)),
            )));
        }
        let level = match mapping.level.as_deref().filter(|l| !l.trim().is_empty()) {
            None => None,
            Some(written) => match codes::resolve_level(&framework.levels, written) {
                Some(0) => None,
                Some(i) => framework
                    .levels
                    .get(usize::from(i))
                    .map(|l| l.as_str().into()),
                None => {
                    return Err(Box::new(self.problem(
                        pointer,
                        format!("unknown level `{written}` for `{code}`"),
                        Some(codes::level_hint(&framework.levels)),
                    )));
                }
            },
        };
        Ok(Mapping {
            statement: raw.into(),
            level,
        })
    }

    fn check_mappings(&self, list: &[Mapping], pointer: &str) -> Result<Vec<Mapping>> {
        let mut ok = Vec::new();
        let mut problems = Vec::new();
        for m in list {
            match self.check_mapping(m, pointer) {
                Ok(m) => ok.push(m),
                Err(d) => problems.push(*d),
            }
        }
        if problems.is_empty() {
            Ok(ok)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    fn module_index(&self, code: &str) -> Result<usize> {
        let modules = &self.curriculum.modules;
        if let Some(i) = modules.iter().position(|m| m.code == code) {
            return Ok(i);
        }
        let hint = match crate::nearest::nearest(code, modules.iter().map(|m| m.code.as_str())) {
            Some(n) => format!("did you mean `{n}`?"),
            None if modules.is_empty() => {
                "the curriculum has no modules yet: add one with `waypost add module`".to_string()
            }
            None => format!(
                "the modules are {}",
                list(modules.iter().map(|m| m.code.as_str()))
            ),
        };
        Err(Error::Invalid(vec![
            Diagnostic::new(format!("the curriculum has no module `{code}`"))
                .with_hint(hint)
                .in_file(self.name),
        ]))
    }

    /// Finds `MODULE/UNIT`, or a unit id that only one module uses; assessments are found the
    /// same way when no unit has the id.
    fn find(&self, target: &str) -> Result<(usize, Part, usize)> {
        let target = target.trim();
        let modules = &self.curriculum.modules;
        if let Some((module, id)) = target.split_once('/') {
            let mi = self.module_index(module.trim())?;
            let id = id.trim();
            let Some(module) = modules.get(mi) else {
                return Err(Error::Invalid(Vec::new()));
            };
            if let Some(ui) = module.units.iter().position(|u| u.id == id) {
                return Ok((mi, Part::Unit, ui));
            }
            if let Some(ai) = module.assessments.iter().position(|a| a.id == id) {
                return Ok((mi, Part::Assessment, ai));
            }
            let ids = module
                .units
                .iter()
                .map(|u| u.id.as_str())
                .chain(module.assessments.iter().map(|a| a.id.as_str()));
            let hint = match crate::nearest::nearest(id, ids.clone()) {
                Some(n) => format!("did you mean `{}/{n}`?", module.code),
                None => format!("its units and assessments are {}", list(ids)),
            };
            return Err(Error::Invalid(vec![
                Diagnostic::new(format!("module `{}` has no unit `{id}`", module.code))
                    .with_hint(hint)
                    .in_file(self.name),
            ]));
        }
        for part in [Part::Unit, Part::Assessment] {
            let found: Vec<(usize, usize)> = modules
                .iter()
                .enumerate()
                .flat_map(|(mi, m)| {
                    let ids: Vec<&str> = match part {
                        Part::Unit => m.units.iter().map(|u| u.id.as_str()).collect(),
                        Part::Assessment => m.assessments.iter().map(|a| a.id.as_str()).collect(),
                    };
                    ids.into_iter()
                        .enumerate()
                        .filter(|(_, id)| *id == target)
                        .map(move |(i, _)| (mi, i))
                        .collect::<Vec<_>>()
                })
                .collect();
            match found.as_slice() {
                [(mi, i)] => return Ok((*mi, part, *i)),
                [] => {}
                several => {
                    let owners: Vec<String> = several
                        .iter()
                        .filter_map(|(mi, _)| modules.get(*mi).map(|m| m.code.clone()))
                        .collect();
                    return Err(Error::Invalid(vec![
                        Diagnostic::new(format!(
                            "`{target}` is in several modules: {}",
                            crate::error::backticked(&owners)
                        ))
                        .with_hint(format!(
                            "name the module too, such as `{}/{target}`",
                            owners.first().cloned().unwrap_or_default()
                        ))
                        .in_file(self.name),
                    ]));
                }
            }
        }
        let all: Vec<String> = modules
            .iter()
            .flat_map(|m| m.units.iter().map(move |u| format!("{}/{}", m.code, u.id)))
            .collect();
        let hint =
            match crate::nearest::nearest(target, all.iter().map(String::as_str)).or_else(|| {
                all.iter().map(String::as_str).find(|qualified| {
                    qualified
                        .rsplit('/')
                        .next()
                        .is_some_and(|id| id.eq_ignore_ascii_case(target))
                })
            }) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "name a unit as `MODULE/UNIT`, such as `MHN1001/LO1`".to_string(),
            };
        Err(Error::Invalid(vec![
            Diagnostic::new(format!("the curriculum has no unit `{target}`"))
                .with_hint(hint)
                .in_file(self.name),
        ]))
    }

    /// The text after an edit, if it loads and brings no problem the file did not have.
    /// Appends a table to the array under `key` (`units`, `assessments`) of module `mi`, whose
    /// code is `code`.
    fn push_to_module(&mut self, mi: usize, code: &str, key: &str, table: Table) -> Result<()> {
        let name = self.name;
        let Some(module) = self.doc.get_mut("modules").and_then(|m| nth_table(m, mi)) else {
            return Err(Error::parse(
                Diagnostic::new(format!("cannot find module `{code}` in the file's tables"))
                    .with_hint("write each module as its own `[[modules]]` table")
                    .in_file(name),
            ));
        };
        push_table(module, key, table, name)
    }

    fn finish(self) -> Result<String> {
        let text = self.doc.to_string();
        let after = load_curriculum(&text, Some(Format::Toml), self.name)?;
        let before_problems = problems(self.catalog, &self.curriculum);
        let introduced: Vec<Diagnostic> = problems(self.catalog, &after)
            .into_iter()
            .filter(|d| !before_problems.iter().any(|b| b.message == d.message))
            .collect();
        if introduced.is_empty() {
            Ok(self.layout.apply(&text))
        } else {
            Err(Error::Invalid(introduced))
        }
    }
}

/// A file's byte order mark and line endings, which an edit keeps: the text is edited with
/// neither, and they are put back on the new text, on the lines the edit added too.
#[derive(Debug, Clone, Copy)]
struct Layout {
    bom: bool,
    crlf: bool,
}

impl Layout {
    fn of(text: &str) -> Layout {
        let body = text.strip_prefix('\u{feff}');
        let bom = body.is_some();
        let body = body.unwrap_or(text);
        // Only a file whose every line ends in CRLF; a file with both is edited as it is.
        let breaks = body.matches('\n').count();
        let crlf = breaks > 0 && body.matches("\r\n").count() == breaks;
        Layout { bom, crlf }
    }

    fn strip(self, text: &str) -> String {
        let body = if self.bom {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        if self.crlf {
            body.replace("\r\n", "\n")
        } else {
            body.to_string()
        }
    }

    fn apply(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        if self.crlf {
            out.push_str(&text.replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out
    }
}

/// What keeps a curriculum from validating (nothing when it validates).
fn problems(catalog: &Catalog, curriculum: &Curriculum) -> Vec<Diagnostic> {
    match crate::validate::validate(catalog, curriculum, None) {
        Ok(_) => Vec::new(),
        Err(e) => {
            let ds = e.diagnostics().to_vec();
            if ds.is_empty() {
                vec![Diagnostic::new(e.to_string())]
            } else {
                ds
            }
        }
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|i| format!("`{i}`")).collect();
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

// ---------------------------------------------------------------------------------------------
// Finding tables in the document, whichever way they are written
// ---------------------------------------------------------------------------------------------

/// The `index`th table of an array of tables (`[[modules]]`) or of an inline array of tables.
fn nth_table(item: &mut Item, index: usize) -> Option<&mut dyn TableLike> {
    match item {
        Item::ArrayOfTables(array) => array.get_mut(index).map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(array)) => array
            .get_mut(index)
            .and_then(Value::as_inline_table_mut)
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
}

fn table_at(
    doc: &mut DocumentMut,
    module: usize,
    part: Part,
    index: usize,
) -> Option<&mut dyn TableLike> {
    let module = nth_table(doc.get_mut("modules")?, module)?;
    nth_table(module.get_mut(part.key())?, index)
}

/// Appends a table to the array of tables under `key`, creating it if need be.
fn push_table(
    parent: &mut dyn TableLike,
    key: &str,
    table: Table,
    name: Option<&str>,
) -> Result<()> {
    match parent.get_mut(key) {
        None => {
            let mut array = ArrayOfTables::new();
            array.push(table);
            parent.insert(key, Item::ArrayOfTables(array));
            Ok(())
        }
        Some(Item::ArrayOfTables(array)) => {
            array.push(table);
            Ok(())
        }
        // An empty list written inline (`units = []`) becomes the first of its tables.
        Some(item @ Item::Value(Value::Array(_)))
            if item.as_array().is_some_and(Array::is_empty) =>
        {
            let mut array = ArrayOfTables::new();
            array.push(table);
            *item = Item::ArrayOfTables(array);
            // The spaces around the key belonged to `units = []`, not to a table's header.
            if let Some(mut written) = parent.key_mut(key) {
                written.leaf_decor_mut().clear();
            }
            Ok(())
        }
        Some(_) => Err(Error::parse(Diagnostic {
            path: name.map(str::to_string),
            message: format!("`{key}` is written inline, and waypost adds only `[[{key}]]` tables"),
            hint: Some(format!(
                "write each of the `{key}` as its own `[[...{key}]]` table, or add this one by hand"
            )),
            ..Default::default()
        })),
    }
}

// ---------------------------------------------------------------------------------------------
// Keeping a list's layout when it changes
// ---------------------------------------------------------------------------------------------

fn prefix_of(v: &Value) -> String {
    v.decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Whether a list is written one item per line.
fn is_multiline(array: &Array) -> bool {
    array.iter().any(|v| prefix_of(v).contains('\n'))
        || array.trailing().as_str().unwrap_or_default().contains('\n')
}

/// Appends a value where the list's last item's layout says it goes: on a line of its own,
/// indented the same, in a list written one per line. A comment after the old last item
/// stays on its line.
fn push_keeping_layout(array: &mut Array, mut new: Value) {
    if array.is_empty() {
        array.push(new);
        return;
    }
    if is_multiline(array) {
        let indent = array
            .iter()
            .last()
            .map(prefix_of)
            .and_then(|p| {
                p.rfind('\n')
                    .map(|i| p.get(i..).unwrap_or_default().to_string())
            })
            .unwrap_or_else(|| "\n    ".to_string());
        let trailing = array.trailing().as_str().unwrap_or_default().to_string();
        let (same_line, rest) = match trailing.find('\n') {
            Some(i) => (
                trailing.get(..i).unwrap_or_default().to_string(),
                trailing.get(i..).unwrap_or_default().to_string(),
            ),
            None => (String::new(), trailing.clone()),
        };
        new.decor_mut().set_prefix(format!("{same_line}{indent}"));
        new.decor_mut().set_suffix("");
        array.set_trailing(rest);
        if !array.trailing_comma() && !trailing.contains('\n') {
            array.set_trailing_comma(false);
        }
        array.push_formatted(new);
    } else {
        new.decor_mut().set_prefix(" ");
        new.decor_mut().set_suffix("");
        array.push_formatted(new);
    }
}

/// Removes a value, taking its line with it in a list written one per line, and keeping the
/// comments on the lines around it.
fn remove_keeping_layout(array: &mut Array, index: usize) {
    let removed_prefix = array.get(index).map(prefix_of).unwrap_or_default();
    let is_last = index + 1 == array.len();
    array.remove(index);
    let next_prefix = if is_last {
        array.trailing().as_str().unwrap_or_default().to_string()
    } else {
        array.get(index).map(prefix_of).unwrap_or_default()
    };
    let new_prefix = match next_prefix.find('\n') {
        // The next item is on the removed one's line, or the list is on one line: the next
        // item takes the removed one's place.
        None if is_last => return,
        None => removed_prefix,
        // The next item is on a line of its own: keep what ended the line before the removed
        // item (a comment on the item above) and the lines above the removed item, and drop
        // the removed item's own line with the comment after it.
        Some(first_newline) => {
            let (before_first, above) = match removed_prefix.find('\n') {
                Some(f) => {
                    let last = removed_prefix.rfind('\n').unwrap_or(f);
                    (
                        removed_prefix.get(..f).unwrap_or_default(),
                        removed_prefix.get(f..last).unwrap_or_default(),
                    )
                }
                None => ("", ""),
            };
            format!(
                "{before_first}{above}{}",
                next_prefix.get(first_newline..).unwrap_or_default()
            )
        }
    };
    if is_last {
        array.set_trailing(new_prefix);
    } else if let Some(next) = array.get_mut(index) {
        next.decor_mut().set_prefix(new_prefix);
    }
}

/// The statement a `covers` entry names, written as a string or as a table.
fn entry_statement(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(Mapping::parse(s.value()).statement.into()),
        Value::InlineTable(t) => t
            .get("statement")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string()),
        _ => None,
    }
}

/// Whether two ways of naming a statement name the same one (`K4` and
/// `realising-recovery-2007:K4` do, in a curriculum that maps to that framework).
fn same_statement(a: &str, b: &str, default_framework: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim();
        match s.rsplit_once(':') {
            Some((f, c)) if f.trim() == default_framework => c.trim().to_string(),
            _ => s.to_string(),
        }
    };
    bare(a) == bare(b)
}

fn strings(items: &[String]) -> Array {
    let mut array = Array::new();
    for i in items {
        array.push(i.as_str());
    }
    array
}

fn mapping_array(list: &[Mapping]) -> Array {
    let mut array = Array::new();
    for m in list {
        array.push(mapping_text(m, None));
    }
    array
}

// ---------------------------------------------------------------------------------------------
// The edits
// ---------------------------------------------------------------------------------------------

/// Adds and removes mappings of one unit (or assessment), named `MODULE/UNIT` or by an id
/// only one module uses. Additions are checked against the framework; a removal must name a
/// statement the unit maps.
pub fn map(
    text: &str,
    catalog: &Catalog,
    unit: &str,
    changes: &[MappingChange],
    name: Option<&str>,
) -> Result<String> {
    let mut session = Session::open(text, catalog, name)?;
    let (mi, part, index) = session.find(unit)?;
    let pointer = format!("modules[{mi}].{}[{index}]", part.key());
    let default_framework = session.framework.id.clone();
    let current: Vec<Mapping> = session
        .curriculum
        .modules
        .get(mi)
        .map(|m| match part {
            Part::Unit => m.units.get(index).map(|u| u.covers.clone()),
            Part::Assessment => m.assessments.get(index).map(|a| a.covers.clone()),
        })
        .unwrap_or_default()
        .unwrap_or_default();
    let shown = session
        .curriculum
        .modules
        .get(mi)
        .map(|m| {
            let id = match part {
                Part::Unit => m.units.get(index).map(|u| u.id.clone()),
                Part::Assessment => m.assessments.get(index).map(|a| a.id.clone()),
            };
            format!("{}/{}", m.code, id.unwrap_or_default())
        })
        .unwrap_or_default();

    // Check every change before touching anything.
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    let mut will_have: Vec<String> = current.iter().map(|m| m.statement.to_string()).collect();
    for change in changes {
        match change {
            MappingChange::Add { mapping } => {
                match session.check_mapping(mapping, &format!("{pointer}.covers")) {
                    Ok(m) => {
                        will_have.push(m.statement.to_string());
                        checked.push(MappingChange::Add { mapping: m });
                    }
                    Err(d) => problems.push(*d),
                }
            }
            MappingChange::Remove { statement } => {
                if will_have
                    .iter()
                    .any(|s| same_statement(s, statement, &default_framework))
                {
                    will_have.retain(|s| !same_statement(s, statement, &default_framework));
                    checked.push(change.clone());
                } else {
                    let mapped: Vec<String> =
                        current.iter().map(|m| m.statement.to_string()).collect();
                    problems.push(session.problem(
                        &format!("{pointer}.covers"),
                        format!("`{shown}` does not map `{}`", statement.trim()),
                        Some(if mapped.is_empty() {
                            "it maps nothing yet".to_string()
                        } else {
                            format!("it maps {}", crate::error::backticked(&mapped))
                        }),
                    ));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let name_owned = name.map(str::to_string);
    let Some(table) = table_at(&mut session.doc, mi, part, index) else {
        return Err(Error::parse(Diagnostic {
            path: name_owned,
            message: format!("cannot find `{shown}` in the file's tables"),
            hint: Some("write each module and unit as its own `[[...]]` table".to_string()),
            ..Default::default()
        }));
    };
    if table.get("covers").is_none() {
        table.insert("covers", Item::Value(Value::Array(Array::new())));
    }
    let Some(Item::Value(Value::Array(array))) = table.get_mut("covers") else {
        return Err(Error::parse(Diagnostic {
            path: name_owned,
            message: format!("the `covers` of `{shown}` is not written as a list"),
            hint: Some(
                "write it as `covers = [\"K4\", \"K5:developed\"]` and try again".to_string(),
            ),
            ..Default::default()
        }));
    };
    for change in &checked {
        match change {
            MappingChange::Add { mapping } => {
                let at = array.iter().position(|v| {
                    entry_statement(v)
                        .is_some_and(|s| same_statement(&s, &mapping.statement, &default_framework))
                });
                match at.and_then(|i| array.get_mut(i)) {
                    Some(Value::InlineTable(t)) => match &mapping.level {
                        Some(level) => {
                            t.insert("level", level.as_str().into());
                        }
                        None => {
                            // Keep the space before `}` that followed the level.
                            let suffix = t
                                .get("level")
                                .and_then(|v| v.decor().suffix())
                                .and_then(|r| r.as_str())
                                .map(str::to_string);
                            t.remove("level");
                            let last = t.iter().last().map(|(k, _)| k.to_string());
                            if let (Some(suffix), Some(last)) = (suffix, last)
                                && let Some(v) = t.get_mut(&last)
                            {
                                v.decor_mut().set_suffix(suffix);
                            }
                        }
                    },
                    Some(existing) => {
                        let decor = existing.decor().clone();
                        let mut new = Value::from(mapping_text(mapping, None));
                        *new.decor_mut() = decor;
                        *existing = new;
                    }
                    None => push_keeping_layout(array, Value::from(mapping_text(mapping, None))),
                }
            }
            MappingChange::Remove { statement } => loop {
                let found = array.iter().position(|v| {
                    entry_statement(v)
                        .is_some_and(|s| same_statement(&s, statement, &default_framework))
                });
                let Some(i) = found else { break };
                remove_keeping_layout(array, i);
            },
        }
    }
    session.finish()
}

/// Adds a module at the end of the curriculum's modules.
pub fn add_module(
    text: &str,
    catalog: &Catalog,
    module: &NewModule,
    name: Option<&str>,
) -> Result<String> {
    let mut session = Session::open(text, catalog, name)?;
    let code = module.code.trim();
    if code.is_empty() {
        return Err(Error::parse(
            Diagnostic::new("a module needs a code")
                .with_hint("give one such as `MHN1001`, unique in the curriculum")
                .in_file(name),
        ));
    }
    if session.curriculum.modules.iter().any(|m| m.code == code) {
        return Err(Error::Invalid(vec![
            Diagnostic::new(format!("the curriculum already has a module `{code}`"))
                .with_hint("module codes are unique in a curriculum")
                .in_file(name),
        ]));
    }
    let mut table = Table::new();
    table.insert("code", value(code));
    if let Some(title) = &module.title {
        table.insert("title", value(title.as_str()));
    }
    if let Some(year) = module.year {
        table.insert("year", value(i64::from(year)));
    }
    if let Some(level) = &module.level {
        table.insert("level", value(level.as_str()));
    }
    if let Some(credits) = module.credits {
        table.insert("credits", value(i64::from(credits)));
    }
    push_table(session.doc.as_table_mut(), "modules", table, name)?;
    session.finish()
}

/// Adds a unit at the end of a module's units.
pub fn add_unit(
    text: &str,
    catalog: &Catalog,
    unit: &NewUnit,
    name: Option<&str>,
) -> Result<String> {
    let mut session = Session::open(text, catalog, name)?;
    let mi = session.module_index(unit.module.trim())?;
    let id = unit.id.trim();
    if id.is_empty() {
        return Err(Error::parse(
            Diagnostic::new("a unit needs an id")
                .with_hint("give one such as `LO7`, unique within its module")
                .in_file(name),
        ));
    }
    if let Some(module) = session.curriculum.modules.get(mi)
        && module.units.iter().any(|u| u.id == id)
    {
        return Err(Error::Invalid(vec![session.problem(
            &format!("modules[{mi}]"),
            format!("module `{}` already has a unit `{id}`", module.code),
            Some("unit ids are unique within a module".to_string()),
        )]));
    }
    let covers = session.check_mappings(&unit.covers, &format!("modules[{mi}]"))?;
    let mut table = Table::new();
    table.insert("id", value(id));
    if unit.kind != UnitKind::Outcome {
        table.insert("kind", value(unit.kind.as_str()));
    }
    if let Some(text) = &unit.text {
        table.insert("text", value(text.as_str()));
    }
    table.insert("covers", Item::Value(Value::Array(mapping_array(&covers))));
    session.push_to_module(mi, &unit.module, "units", table)?;
    session.finish()
}

/// Adds an assessment at the end of a module's assessments.
pub fn add_assessment(
    text: &str,
    catalog: &Catalog,
    assessment: &NewAssessment,
    name: Option<&str>,
) -> Result<String> {
    let mut session = Session::open(text, catalog, name)?;
    let mi = session.module_index(assessment.module.trim())?;
    let id = assessment.id.trim();
    if id.is_empty() {
        return Err(Error::parse(
            Diagnostic::new("an assessment needs an id")
                .with_hint("give one such as `A1`, unique among the module's assessments")
                .in_file(name),
        ));
    }
    let Some(module) = session.curriculum.modules.get(mi) else {
        return Err(Error::Invalid(Vec::new()));
    };
    let mut problems = Vec::new();
    if module.assessments.iter().any(|a| a.id == id) {
        problems.push(session.problem(
            &format!("modules[{mi}]"),
            format!("module `{}` already has an assessment `{id}`", module.code),
            Some("assessment ids are unique within a module".to_string()),
        ));
    }
    for target in &assessment.assesses {
        let target = target.trim();
        let found = match target.split_once('/') {
            Some((m, u)) => session.curriculum.modules.iter().any(|other| {
                other.code == m.trim() && other.units.iter().any(|x| x.id == u.trim())
            }),
            None => module.units.iter().any(|u| u.id == target),
        };
        if !found {
            let hint =
                match crate::nearest::nearest(target, module.units.iter().map(|u| u.id.as_str())) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!(
                        "the units of `{}` are {}; name another module's as `MODULE/UNIT`",
                        module.code,
                        list(module.units.iter().map(|u| u.id.as_str()))
                    ),
                };
            problems.push(session.problem(
                &format!("modules[{mi}]"),
                format!(
                    "the assessment assesses `{target}`, which is not a unit of the curriculum"
                ),
                Some(hint),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let covers = session.check_mappings(&assessment.covers, &format!("modules[{mi}]"))?;
    let mut table = Table::new();
    table.insert("id", value(id));
    if let Some(title) = &assessment.title {
        table.insert("title", value(title.as_str()));
    }
    if let Some(weight) = assessment.weight {
        table.insert("weight", value(i64::from(weight)));
    }
    let assesses: Vec<String> = assessment
        .assesses
        .iter()
        .map(|a| a.trim().to_string())
        .collect();
    table.insert("assesses", Item::Value(Value::Array(strings(&assesses))));
    if !covers.is_empty() {
        table.insert("covers", Item::Value(Value::Array(mapping_array(&covers))));
    }
    session.push_to_module(mi, &assessment.module, "assessments", table)?;
    session.finish()
}

/// New names for a module, a unit or an assessment; what is not given stays as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Rename {
    /// A new code (for a module) or id (for a unit or an assessment). Every `assesses` that
    /// names the old one is changed with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A new title (for a module or an assessment) or text (for a unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Sets a string key of a table, keeping the spaces and comments around its old value.
fn set_string(table: &mut dyn TableLike, key: &str, new: &str) {
    match table.get_mut(key) {
        Some(Item::Value(existing)) => {
            let decor = existing.decor().clone();
            let mut value = Value::from(new);
            *value.decor_mut() = decor;
            *existing = value;
        }
        _ => {
            table.insert(key, value(new));
        }
    }
}

/// Changes every `assesses` entry of the document for which `change` gives a new text,
/// keeping each entry's place and the comments around it.
fn rewrite_assesses(doc: &mut DocumentMut, change: &dyn Fn(usize, &str) -> Option<String>) {
    let Some(modules) = doc.get_mut("modules") else {
        return;
    };
    let count = match &*modules {
        Item::ArrayOfTables(a) => a.len(),
        Item::Value(Value::Array(a)) => a.len(),
        _ => 0,
    };
    for mi in 0..count {
        let Some(module) = nth_table(modules, mi) else {
            continue;
        };
        let Some(assessments) = module.get_mut("assessments") else {
            continue;
        };
        let n = match &*assessments {
            Item::ArrayOfTables(a) => a.len(),
            Item::Value(Value::Array(a)) => a.len(),
            _ => 0,
        };
        for ai in 0..n {
            let Some(assessment) = nth_table(assessments, ai) else {
                continue;
            };
            let Some(Item::Value(Value::Array(list))) = assessment.get_mut("assesses") else {
                continue;
            };
            for entry in list.iter_mut() {
                let Some(new) = entry.as_str().and_then(|old| change(mi, old.trim())) else {
                    continue;
                };
                let decor = entry.decor().clone();
                let mut value = Value::from(new);
                *value.decor_mut() = decor;
                *entry = value;
            }
        }
    }
}

/// Renames a module (named by its code), or a unit or an assessment (named `MODULE/ID`, or by
/// an id only one module uses): a new code or id, a new title or text. Every `assesses` that
/// names a renamed unit is changed with it, so what the assessments assess stays the same.
pub fn rename(
    text: &str,
    catalog: &Catalog,
    target: &str,
    rename: &Rename,
    name: Option<&str>,
) -> Result<String> {
    let mut session = Session::open(text, catalog, name)?;
    let target = target.trim();
    let new_id = rename.id.as_deref().map(str::trim);
    if new_id.is_some_and(str::is_empty) {
        return Err(Error::parse(
            Diagnostic::new(format!("the new code of `{target}` is empty"))
                .with_hint("give a code or id, or leave it out to keep the one it has")
                .in_file(name),
        ));
    }
    let module_named = session
        .curriculum
        .modules
        .iter()
        .position(|m| m.code == target);
    if let Some(mi) = module_named.filter(|_| !target.contains('/')) {
        return rename_module(session, mi, target, new_id, rename.title.as_deref());
    }
    let (mi, part, index) = session.find(target)?;
    let Some(module) = session.curriculum.modules.get(mi) else {
        return Err(Error::Invalid(Vec::new()));
    };
    let code = module.code.clone();
    let old_id = match part {
        Part::Unit => module.units.get(index).map(|u| u.id.clone()),
        Part::Assessment => module.assessments.get(index).map(|a| a.id.clone()),
    }
    .unwrap_or_default();
    if let Some(new) = new_id.filter(|new| *new != old_id) {
        let taken = match part {
            Part::Unit => module.units.iter().any(|u| u.id == new),
            Part::Assessment => module.assessments.iter().any(|a| a.id == new),
        };
        if taken {
            let what = match part {
                Part::Unit => "unit",
                Part::Assessment => "assessment",
            };
            return Err(Error::Invalid(vec![session.problem(
                &format!("modules[{mi}].{}[{index}]", part.key()),
                format!("module `{code}` already has a {what} `{new}`"),
                Some(format!("{what} ids are unique within a module")),
            )]));
        }
    }
    let Some(table) = table_at(&mut session.doc, mi, part, index) else {
        return Err(Error::parse(
            Diagnostic::new(format!(
                "cannot find `{code}/{old_id}` in the file's tables"
            ))
            .with_hint("write each module and unit as its own `[[...]]` table")
            .in_file(name),
        ));
    };
    if let Some(new) = new_id {
        set_string(table, "id", new);
    }
    if let Some(title) = rename.title.as_deref() {
        let key = match part {
            Part::Unit => "text",
            Part::Assessment => "title",
        };
        set_string(table, key, title);
    }
    if let (Some(new), Part::Unit) = (new_id, part) {
        let qualified_old = format!("{code}/{old_id}");
        rewrite_assesses(&mut session.doc, &|at, entry| {
            if at == mi && entry == old_id {
                Some(new.to_string())
            } else if entry
                .split_once('/')
                .is_some_and(|(m, u)| format!("{}/{}", m.trim(), u.trim()) == qualified_old)
            {
                Some(format!("{code}/{new}"))
            } else {
                None
            }
        });
    }
    session.finish()
}

fn rename_module(
    mut session: Session<'_>,
    mi: usize,
    old: &str,
    new_code: Option<&str>,
    title: Option<&str>,
) -> Result<String> {
    let name = session.name;
    if let Some(new) = new_code.filter(|new| *new != old)
        && session.curriculum.modules.iter().any(|m| m.code == new)
    {
        return Err(Error::Invalid(vec![session.problem(
            &format!("modules[{mi}]"),
            format!("the curriculum already has a module `{new}`"),
            Some("module codes are unique in a curriculum".to_string()),
        )]));
    }
    let Some(table) = session
        .doc
        .get_mut("modules")
        .and_then(|m| nth_table(m, mi))
    else {
        return Err(Error::parse(
            Diagnostic::new(format!("cannot find module `{old}` in the file's tables"))
                .with_hint("write each module as its own `[[modules]]` table")
                .in_file(name),
        ));
    };
    if let Some(new) = new_code {
        set_string(table, "code", new);
    }
    if let Some(title) = title {
        set_string(table, "title", title);
    }
    if let Some(new) = new_code {
        rewrite_assesses(&mut session.doc, &|_, entry| {
            let (m, u) = entry.split_once('/')?;
            (m.trim() == old).then(|| format!("{new}/{}", u.trim()))
        });
    }
    session.finish()
}

/// Sets which units an assessment (named `MODULE/ID`, or by an id only one module uses)
/// assesses: ids of its module's units, or `MODULE/UNIT` for another module's. Entries that
/// stay keep their place and comments; the ones that go take their line with them.
pub fn set_assesses(
    text: &str,
    catalog: &Catalog,
    assessment: &str,
    units: &[String],
    name: Option<&str>,
) -> Result<String> {
    let mut session = Session::open(text, catalog, name)?;
    let (mi, part, index) = session.find(assessment)?;
    let Some(module) = session.curriculum.modules.get(mi) else {
        return Err(Error::Invalid(Vec::new()));
    };
    if part != Part::Assessment {
        return Err(Error::Invalid(vec![session.problem(
            &format!("modules[{mi}].units[{index}]"),
            format!("`{}` is a unit, not an assessment", assessment.trim()),
            Some(if module.assessments.is_empty() {
                format!("module `{}` has no assessments yet", module.code)
            } else {
                format!(
                    "the assessments of `{}` are {}",
                    module.code,
                    list(module.assessments.iter().map(|a| a.id.as_str()))
                )
            }),
        )]));
    }
    let wanted: Vec<String> = units.iter().map(|u| u.trim().to_string()).collect();
    let mut problems = Vec::new();
    for target in &wanted {
        let found = match target.split_once('/') {
            Some((m, u)) => session.curriculum.modules.iter().any(|other| {
                other.code == m.trim() && other.units.iter().any(|x| x.id == u.trim())
            }),
            None => module.units.iter().any(|u| u.id == *target),
        };
        if !found {
            let hint =
                match crate::nearest::nearest(target, module.units.iter().map(|u| u.id.as_str())) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => format!(
                        "the units of `{}` are {}; name another module's as `MODULE/UNIT`",
                        module.code,
                        list(module.units.iter().map(|u| u.id.as_str()))
                    ),
                };
            problems.push(session.problem(
                &format!("modules[{mi}].assessments[{index}]"),
                format!("`{target}` is not a unit of the curriculum"),
                Some(hint),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let code = module.code.clone();
    // `LO1` and `MODULE/LO1` name the same unit of the assessment's own module.
    let same = |a: &str, b: &str| {
        let bare = |s: &str| {
            let s = s.trim();
            match s.split_once('/') {
                Some((m, u)) if m.trim() == code => u.trim().to_string(),
                _ => s.to_string(),
            }
        };
        bare(a) == bare(b)
    };
    let Some(table) = table_at(&mut session.doc, mi, part, index) else {
        return Err(Error::parse(
            Diagnostic::new(format!(
                "cannot find `{}` in the file's tables",
                assessment.trim()
            ))
            .with_hint("write each module and assessment as its own `[[...]]` table")
            .in_file(name),
        ));
    };
    if table.get("assesses").is_none() {
        table.insert("assesses", Item::Value(Value::Array(Array::new())));
    }
    let Some(Item::Value(Value::Array(array))) = table.get_mut("assesses") else {
        return Err(Error::parse(
            Diagnostic::new(format!(
                "the `assesses` of `{}` is not written as a list",
                assessment.trim()
            ))
            .with_hint("write it as `assesses = [\"LO1\", \"LO2\"]` and try again")
            .in_file(name),
        ));
    };
    let mut i = 0;
    while i < array.len() {
        let keep = array
            .get(i)
            .and_then(Value::as_str)
            .is_some_and(|s| wanted.iter().any(|w| same(w, s)));
        if keep {
            i += 1;
        } else {
            remove_keeping_layout(array, i);
        }
    }
    for w in &wanted {
        let present = array.iter().any(|v| v.as_str().is_some_and(|s| same(w, s)));
        if !present {
            push_keeping_layout(array, Value::from(w.as_str()));
        }
    }
    session.finish()
}

fn quoted(text: &str) -> String {
    Value::from(text).to_string()
}

/// A commented starter file for a curriculum mapped to one framework: it loads as it is, and
/// its comments say how to fill it in.
pub fn new_curriculum(catalog: &Catalog, starter: &Starter) -> Result<String> {
    let framework = catalog.framework(&starter.framework)?;
    let id = starter.id.trim();
    if id.is_empty() || starter.title.trim().is_empty() {
        return Err(Error::parse(
            Diagnostic::new("a curriculum needs an id and a title").with_hint(
                "give an id such as `bsc-mhn` and a title such as `BSc Mental Health Nursing`",
            ),
        ));
    }
    let mut out = String::new();
    if let Some(schema) = &starter.schema {
        out.push_str(&format!("#:schema {schema}\n"));
    }
    let top = framework
        .levels
        .first()
        .map_or("introduced", String::as_str);
    let higher = framework.levels.get(1).map_or(top, String::as_str);
    let example = framework
        .statements
        .first()
        .map_or("K1", |s| s.code.as_str());
    let second = framework
        .statements
        .get(1)
        .map_or(example, |s| s.code.as_str());
    out.push_str(&format!(
        "# {title}: a curriculum mapped to {framework} ({publishers}, {year}).
#
# Statement codes: {ranges} (`waypost framework {fid}` lists them).
# Levels, lowest first: {levels}. A bare code (\"{example}\") means `{top}`;
# write \"{second}:{higher}\" for a higher level. A unit that an assessment `assesses` counts as
# assessed, so map outcomes at the level they are taught and list what each assessment assesses.
#
# Fill it in by hand or from the command line; waypost keeps your comments and layout:
#   waypost add module FILE --code MOD1 --title \"...\"
#   waypost add unit FILE --module MOD1 --id LO1 --text \"...\" --covers {example},{second}:{higher}
#   waypost add assessment FILE --module MOD1 --id A1 --title \"...\" --assesses LO1
#   waypost map FILE MOD1/LO1 +{second}:{higher} -{example}
#   waypost check FILE
# docs/editing.md shows how to get completion and checks in an editor.
#
# Each module is a [[modules]] table, followed by its units and assessments:
#
#   [[modules]]
#   code = \"MOD1\"
#   title = \"Module title\"
#
#   [[modules.units]]
#   id = \"LO1\"
#   text = \"The learning outcome as written\"
#   covers = [\"{example}\", \"{second}:{higher}\"]
#
#   [[modules.assessments]]
#   id = \"A1\"
#   title = \"Reflective essay\"
#   assesses = [\"LO1\"]

id = {id}
title = {title_value}
",
        title = starter.title.trim(),
        framework = framework.short_title.as_deref().unwrap_or(&framework.title),
        publishers = framework.publishers.join(", "),
        year = framework.year,
        ranges = codes::ranges(framework),
        fid = framework.id,
        levels = framework
            .levels
            .iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(" < "),
        id = quoted(id),
        title_value = quoted(starter.title.trim()),
    ));
    match &starter.provider {
        Some(p) => out.push_str(&format!("provider = {}\n", quoted(p))),
        None => out.push_str("# provider = \"University, board or organisation\"\n"),
    }
    out.push_str(&format!(
        "# version = \"2026/27\"
# description = \"What the programme is, for people reading the report\"
frameworks = [{}]
",
        quoted(&framework.id)
    ));
    // The starter must load as it is.
    load_curriculum(&out, Some(Format::Toml), None)?;
    Ok(out)
}

/// The commented starter framework (`core/data/starters/framework.toml`), with `{id}`,
/// `{id_value}`, `{title}` and `{title_value}` to fill in.
const FRAMEWORK_STARTER: &str = include_str!("../data/starters/framework.toml");

/// A commented starter file for a framework of one's own: every field explained, two domains,
/// a few statements (one under a parent) and a curated link with who curated it and why. It
/// loads as it is, so a person edits a valid file into their own.
pub fn new_framework(starter: &FrameworkStarter) -> Result<String> {
    let id = starter.id.trim();
    let title = starter.title.trim();
    if id.is_empty() || title.is_empty() {
        return Err(Error::parse(
            Diagnostic::new("a framework needs an id and a title").with_hint(
                "give an id such as `example-standards-2026` and a title such as `Example Standards of Proficiency`",
            ),
        ));
    }
    let mut out = String::new();
    if let Some(schema) = &starter.schema {
        out.push_str(&format!("#:schema {schema}\n"));
    }
    // A title on a comment line stays on it.
    let comment_title = title.replace(['\n', '\r'], " ");
    out.push_str(
        &FRAMEWORK_STARTER
            .replace("{id_value}", &quoted(id))
            .replace("{title_value}", &quoted(title))
            .replace("{title}", &comment_title)
            .replace("{id}", id),
    );
    // The starter must load as it is.
    crate::load::load_framework(&out, Some(Format::Toml), None)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::unwrap_used)]
    fn an_edit_keeps_crlf_line_endings_and_the_byte_order_mark() {
        let catalog = Catalog::with_builtin().unwrap();
        let lf = "id = \"c\"\ntitle = \"C\"\n\n[[modules]]\ncode = \"M1\"\n\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K1\"]\n";
        let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
        let changes = [MappingChange::parse("+K4").unwrap()];
        let new = map(&crlf, &catalog, "M1/LO1", &changes, None).unwrap();
        assert!(new.starts_with('\u{feff}'), "{new:?}");
        assert!(new.contains("\"K4\""), "{new:?}");
        assert_eq!(
            new.matches('\n').count(),
            new.matches("\r\n").count(),
            "{new:?}"
        );
        let module = NewModule {
            code: "M2".into(),
            title: None,
            year: None,
            level: None,
            credits: None,
        };
        let new = add_module(&new, &catalog, &module, None).unwrap();
        assert!(new.contains("\"M2\"\r\n"), "{new:?}");
        assert_eq!(
            new.matches('\n').count(),
            new.matches("\r\n").count(),
            "{new:?}"
        );
        // A file with LF line endings and no mark is left so.
        let new = map(lf, &catalog, "M1/LO1", &changes, None).unwrap();
        assert!(!new.contains('\r') && !new.starts_with('\u{feff}'));
    }

    #[test]
    fn changes_are_read_from_the_command_line_forms() {
        assert_eq!(
            MappingChange::parse("+K4:developed").ok(),
            Some(MappingChange::Add {
                mapping: Mapping {
                    statement: "K4".into(),
                    level: Some("developed".into())
                }
            })
        );
        assert_eq!(
            MappingChange::parse("-S12").ok(),
            Some(MappingChange::Remove {
                statement: "S12".into()
            })
        );
        assert!(MappingChange::parse("+").is_err());
    }

    fn array(text: &str) -> Array {
        let doc: DocumentMut = format!("a = {text}\n").parse().unwrap_or_default();
        doc.get("a")
            .and_then(Item::as_array)
            .cloned()
            .unwrap_or_default()
    }

    #[test]
    fn one_line_lists_stay_on_one_line() {
        let mut a = array(r#"["K1", "K2", "K3"]"#);
        remove_keeping_layout(&mut a, 0);
        assert_eq!(a.to_string().trim_start(), r#"["K2", "K3"]"#);
        remove_keeping_layout(&mut a, 1);
        assert_eq!(a.to_string().trim_start(), r#"["K2"]"#);
        push_keeping_layout(&mut a, Value::from("K9"));
        assert_eq!(a.to_string().trim_start(), r#"["K2", "K9"]"#);
    }

    #[test]
    fn lists_one_per_line_keep_their_comments() {
        let text = "[\n    \"K4\", # c4\n    \"K5\", # c5\n    \"K6\",\n]";
        let mut a = array(text);
        remove_keeping_layout(&mut a, 1);
        assert_eq!(
            a.to_string().trim_start(),
            "[\n    \"K4\", # c4\n    \"K6\",\n]"
        );
        push_keeping_layout(&mut a, Value::from("K7"));
        assert_eq!(
            a.to_string().trim_start(),
            "[\n    \"K4\", # c4\n    \"K6\",\n    \"K7\",\n]"
        );
        let mut b = array("[\n    \"K4\", # c4\n    \"K5\", # c5\n]");
        push_keeping_layout(&mut b, Value::from("K7"));
        assert_eq!(
            b.to_string().trim_start(),
            "[\n    \"K4\", # c4\n    \"K5\", # c5\n    \"K7\",\n]"
        );
        remove_keeping_layout(&mut b, 2);
        assert_eq!(
            b.to_string().trim_start(),
            "[\n    \"K4\", # c4\n    \"K5\", # c5\n]"
        );
    }
}
