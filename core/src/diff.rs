//! What changed between two versions of a curriculum: coverage gained or lost per statement,
//! and the units whose mappings changed.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    codes,
    coverage::{self, CurriculumInfo, FrameworkInfo},
    error::Result,
    model::{
        curriculum::{Curriculum, Mapping},
        policy::Policy,
    },
};

/// The difference between an old and a new version of a curriculum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diff {
    /// The framework both were checked against.
    pub framework: FrameworkInfo,
    /// The old version.
    pub old: CurriculumInfo,
    /// The new version.
    pub new: CurriculumInfo,
    /// Statements covered before and after, and assessed before and after.
    pub totals: DiffTotals,
    /// Statements that were gaps and are now covered.
    pub gained: Vec<LevelChange>,
    /// Statements that were covered and are now gaps.
    pub lost: Vec<LevelChange>,
    /// Statements covered at a higher level than before.
    pub raised: Vec<LevelChange>,
    /// Statements covered at a lower level than before.
    pub lowered: Vec<LevelChange>,
    /// Units and assessments added, removed, or whose mappings changed.
    pub changes: Vec<PartChange>,
    /// Whether anything was lost or lowered.
    pub lost_anything: bool,
}

/// Before-and-after totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiffTotals {
    /// Statements covered in the old version.
    pub old_covered: usize,
    /// Statements covered in the new version.
    pub new_covered: usize,
    /// Statements assessed in the old version.
    pub old_assessed: usize,
    /// Statements assessed in the new version.
    pub new_assessed: usize,
}

/// One statement's level before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LevelChange {
    /// The statement's code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// The level before (none for a gap).
    pub from: Option<String>,
    /// The level after (none for a gap).
    pub to: Option<String>,
}

/// A unit or assessment that was added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PartChange {
    /// The module's code.
    pub module: String,
    /// The unit's or assessment's id.
    pub id: String,
    /// `unit` or `assessment`.
    pub part: String,
    /// `added`, `removed` or `changed`.
    pub change: String,
    /// Mappings (`K4:developed`) or assessed units now present that were not.
    pub added: Vec<String>,
    /// Mappings or assessed units no longer present.
    pub removed: Vec<String>,
}

/// Compares two versions of a curriculum against one framework.
pub fn diff(
    catalog: &Catalog,
    old: &Curriculum,
    new: &Curriculum,
    framework: Option<&str>,
) -> Result<Diff> {
    let declared = new
        .frameworks
        .first()
        .into_iter()
        .chain(old.frameworks.first());
    let target = crate::framework_for(framework, declared.map(String::as_str));
    let f = catalog.framework(target)?;
    let policy = Policy::default();
    let before = coverage::check(catalog, old, Some(target), &policy)?;
    let after = coverage::check(catalog, new, Some(target), &policy)?;
    let rank = |l: &Option<String>| {
        l.as_ref()
            .and_then(|l| f.levels.iter().position(|x| x == l))
    };
    let (mut gained, mut lost, mut raised, mut lowered) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (b, a) in before.statements.iter().zip(&after.statements) {
        let change = LevelChange {
            code: a.code.clone(),
            label: a.label.clone(),
            from: b.level.clone(),
            to: a.level.clone(),
        };
        match (rank(&b.level), rank(&a.level)) {
            (None, Some(_)) => gained.push(change),
            (Some(_), None) => lost.push(change),
            (Some(x), Some(y)) if y > x => raised.push(change),
            (Some(x), Some(y)) if y < x => lowered.push(change),
            _ => {}
        }
    }
    let changes = part_changes(old, new, &f.levels);
    let lost_anything = !lost.is_empty() || !lowered.is_empty();
    Ok(Diff {
        framework: after.framework.clone(),
        totals: DiffTotals {
            old_covered: before.summary.covered,
            new_covered: after.summary.covered,
            old_assessed: before.summary.assessed,
            new_assessed: after.summary.assessed,
        },
        old: before.curriculum,
        new: after.curriculum,
        gained,
        lost,
        raised,
        lowered,
        changes,
        lost_anything,
    })
}

/// A mapping in one canonical spelling (`K4:developed`), so `K4`, `K4=I` and
/// `K4:introduced` compare equal.
fn canonical(m: &Mapping, levels: &[String]) -> String {
    let level = match m.level.as_deref().filter(|l| !l.trim().is_empty()) {
        None => levels.first().cloned().unwrap_or_default(),
        Some(written) => codes::resolve_level(levels, written)
            .and_then(|i| levels.get(usize::from(i)).cloned())
            .unwrap_or_else(|| written.to_string()),
    };
    format!("{}:{level}", m.statement.trim())
}

fn part_changes(old: &Curriculum, new: &Curriculum, levels: &[String]) -> Vec<PartChange> {
    type Part = (String, String, String, BTreeSet<String>);
    let parts = |c: &Curriculum| -> Vec<Part> {
        let mut out = Vec::new();
        for m in &c.modules {
            for u in &m.units {
                out.push((
                    m.code.clone(),
                    "unit".to_string(),
                    u.id.clone(),
                    u.covers.iter().map(|x| canonical(x, levels)).collect(),
                ));
            }
            for a in &m.assessments {
                let mut set: BTreeSet<String> =
                    a.covers.iter().map(|x| canonical(x, levels)).collect();
                set.extend(a.assesses.iter().map(|u| format!("assesses {u}")));
                out.push((m.code.clone(), "assessment".to_string(), a.id.clone(), set));
            }
        }
        out
    };
    let (before, after) = (parts(old), parts(new));
    let key = |p: &Part| (p.0.clone(), p.1.clone(), p.2.clone());
    let mut changes = Vec::new();
    for a in &after {
        match before.iter().find(|b| key(b) == key(a)) {
            None => changes.push(PartChange {
                module: a.0.clone(),
                id: a.2.clone(),
                part: a.1.clone(),
                change: "added".into(),
                added: a.3.iter().cloned().collect(),
                removed: Vec::new(),
            }),
            Some(b) if b.3 != a.3 => changes.push(PartChange {
                module: a.0.clone(),
                id: a.2.clone(),
                part: a.1.clone(),
                change: "changed".into(),
                added: a.3.difference(&b.3).cloned().collect(),
                removed: b.3.difference(&a.3).cloned().collect(),
            }),
            Some(_) => {}
        }
    }
    for b in &before {
        if !after.iter().any(|a| key(a) == key(b)) {
            changes.push(PartChange {
                module: b.0.clone(),
                id: b.2.clone(),
                part: b.1.clone(),
                change: "removed".into(),
                added: Vec::new(),
                removed: b.3.iter().cloned().collect(),
            });
        }
    }
    changes
}
