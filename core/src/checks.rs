//! A curriculum checked against every framework it declares, in one run: one report a
//! framework, one verdict. A programme answers to several frameworks at once (a regulator's
//! standards, Realising Recovery, its own graduate attributes), and a team wants one command
//! and one exit code for all of them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    coverage::{self, Report},
    error::Result,
    model::{curriculum::Curriculum, policy::Policy},
};

/// A curriculum checked against several frameworks: a report for each, in the order the
/// curriculum declares them, and whether every policy passed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Checks {
    /// The curriculum's id.
    pub curriculum: String,
    /// Whether the policy passed for every framework.
    pub passed: bool,
    /// The frameworks whose policy failed, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
    /// One report a framework.
    pub reports: Vec<Report>,
}

/// The frameworks a curriculum is checked against: the one asked for, else each it declares
/// (each once, in its order), else the default.
pub(crate) fn frameworks_of<'a>(
    asked: Option<&'a str>,
    curriculum: &'a Curriculum,
) -> Vec<&'a str> {
    if let Some(id) = asked {
        return vec![id];
    }
    let mut ids: Vec<&str> = Vec::new();
    for id in &curriculum.frameworks {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        ids.push(crate::catalog::DEFAULT_FRAMEWORK);
    }
    ids
}

/// Checks a curriculum against each framework it declares (or the one asked for). The policy
/// is the first framework's, the one its bare codes belong to; the others are held to the
/// default policy (every statement at least at the lowest level), since a policy names
/// domains and statements of one framework.
pub fn check_all(
    catalog: &Catalog,
    curriculum: &Curriculum,
    framework: Option<&str>,
    policy: &Policy,
) -> Result<Checks> {
    let mut reports = Vec::new();
    for (i, id) in frameworks_of(framework, curriculum).into_iter().enumerate() {
        let default;
        let policy = if i == 0 {
            policy
        } else {
            default = Policy::default();
            &default
        };
        reports.push(coverage::check(catalog, curriculum, Some(id), policy)?);
    }
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| !r.passed)
        .map(|r| r.framework.id.clone())
        .collect();
    Ok(Checks {
        curriculum: curriculum.id.clone(),
        passed: failed.is_empty(),
        failed,
        reports,
    })
}
