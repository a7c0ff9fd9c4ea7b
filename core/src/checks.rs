//! A curriculum checked against every framework it declares, in one run: one report a
//! framework, one verdict. A programme answers to several frameworks at once (a regulator's
//! standards, Realising Recovery, its own graduate attributes), and a team wants one command
//! and one exit code for all of them.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    coverage::{self, Report},
    error::{Diagnostic, Error, Result},
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

/// Checks a curriculum against each framework it declares (or the one asked for), each held
/// to its own policy (see [`policies_for`]).
pub fn check_all(
    catalog: &Catalog,
    curriculum: &Curriculum,
    framework: Option<&str>,
    policies: &[Policy],
) -> Result<Checks> {
    let frameworks = frameworks_of(framework, curriculum);
    let policies = policies_for(&frameworks, policies)?;
    let mut reports = Vec::new();
    let several = frameworks.len() > 1;
    for (id, policy) in frameworks.into_iter().zip(policies) {
        if several && policy.framework.is_none() {
            for_every_framework(catalog, id, &policy)?;
        }
        reports.push(coverage::check(catalog, curriculum, Some(id), &policy)?);
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

/// The policy each framework of a run is held to, in the frameworks' order: the policy that
/// names it (`framework = "…"`), else the one that names none, else the default policy. A
/// policy naming a framework the run is not against, and a second policy for one framework
/// (or a second naming none), are errors, every one reported, each placed in its file.
pub(crate) fn policies_for<'a>(
    frameworks: &[&str],
    policies: &'a [Policy],
) -> Result<Vec<Cow<'a, Policy>>> {
    let mut problems = Vec::new();
    let mut general: Option<&Policy> = None;
    let mut named: Vec<(&str, &Policy)> = Vec::new();
    for policy in policies {
        let Some(id) = policy.framework.as_deref() else {
            match general {
                Some(first) => problems.push(policy.origin.place(
                    Diagnostic::new("a second policy for every framework")
                        .with_hint(format!(
                            "the first is {}; name the framework each is for with `framework = \"…\"`, or merge them",
                            where_from(first)
                        )),
                )),
                None => general = Some(policy),
            }
            continue;
        };
        if !frameworks.contains(&id) {
            let against: Vec<String> = frameworks.iter().map(|f| format!("`{f}`")).collect();
            problems.push(policy.origin.place(
                Diagnostic::new(format!(
                    "the policy is for the framework `{id}`, which this check is not against"
                ))
                .at("framework")
                .with_hint(format!(
                    "the check is against {}: name one of them, or leave `framework` out for a policy on every framework",
                    against.join(", ")
                )),
            ));
        } else if let Some((_, first)) = named.iter().find(|(f, _)| *f == id) {
            problems.push(policy.origin.place(
                Diagnostic::new(format!("a second policy for the framework `{id}`"))
                    .at("framework")
                    .with_hint(format!(
                        "the first is {}; give each framework one policy (merge their requirements)",
                        where_from(first)
                    )),
            ));
        } else {
            named.push((id, policy));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(frameworks
        .iter()
        .map(|f| {
            match named
                .iter()
                .find(|(id, _)| id == f)
                .map(|(_, p)| *p)
                .or(general)
            {
                Some(policy) => Cow::Borrowed(policy),
                None => Cow::Owned(Policy::default()),
            }
        })
        .collect())
}

/// A policy that names no framework holds every framework of a run to it: where one of them
/// cannot read it (a domain or statement of another), say so and how to name the one it is for.
fn for_every_framework(catalog: &Catalog, id: &str, policy: &Policy) -> Result<()> {
    let problems = crate::policy::validate(catalog.framework(id)?, policy);
    if problems.is_empty() {
        return Ok(());
    }
    let also = format!(
        "the policy names no framework, so `{id}` is held to it too: name the framework it is for with `framework = \"…\"`"
    );
    Err(Error::Invalid(
        problems
            .into_iter()
            .map(|d| {
                let hint = match d.hint.as_deref() {
                    Some(hint) => format!("{hint}; {also}"),
                    None => also.clone(),
                };
                policy.origin.place(d.with_hint(hint))
            })
            .collect(),
    ))
}

/// A policy as a hint names it: its file, else its title.
fn where_from(policy: &Policy) -> String {
    match (&policy.origin.path, &policy.title) {
        (Some(path), _) => format!("`{path}`"),
        (None, Some(title)) => format!("`{title}`"),
        (None, None) => "the one before".to_string(),
    }
}
