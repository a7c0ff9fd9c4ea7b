//! Checking coverage against a policy: minimum levels for all statements, a domain, a theme
//! or one statement, for all of them or a share.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    codes,
    error::{Diagnostic, Error, Result},
    model::{
        framework::Framework,
        policy::{Policy, Requirement, Share},
    },
};

/// A policy's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PolicyOutcome {
    /// The policy's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether every requirement was met.
    pub passed: bool,
    /// Each requirement's verdict, in the policy's order.
    pub requirements: Vec<RequirementOutcome>,
}

/// One requirement's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RequirementOutcome {
    /// The requirement in words (`every statement of Values at least introduced`).
    pub description: String,
    /// The minimum level.
    pub level: String,
    /// The share of the scope required, between 0 and 1.
    pub required: f64,
    /// The share reached, between 0 and 1.
    pub achieved: f64,
    /// Statements in scope that reach the level.
    pub met: usize,
    /// Statements in scope.
    pub total: usize,
    /// Whether the requirement is met.
    pub passed: bool,
    /// The statements in scope below the level.
    pub short: Vec<String>,
}

/// Checks a policy for problems against a framework without evaluating it.
pub fn validate(framework: &Framework, policy: &Policy) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, r) in policy.requirements.iter().enumerate() {
        if let Err(d) = resolve(framework, r) {
            let pointer = format!("require[{i}]{}", d.pointer.as_deref().unwrap_or_default());
            problems.push((*d).at(pointer));
        }
    }
    problems
}

struct Resolved {
    members: Vec<usize>,
    level: u8,
    share: f64,
    description: String,
}

fn resolve(
    framework: &Framework,
    r: &Requirement,
) -> std::result::Result<Resolved, Box<Diagnostic>> {
    let set = [r.domain.is_some(), r.statement.is_some(), r.theme.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    if set > 1 {
        return Err(Box::new(
            Diagnostic::new(
                "a requirement names more than one of `domain`, `statement` and `theme`",
            )
            .with_hint("write one requirement for each"),
        ));
    }
    let level = level_of(framework, r)?;
    let level_name = framework
        .levels
        .get(usize::from(level))
        .cloned()
        .unwrap_or_default();
    let share = share_of(r)?;
    let (members, (every, plural)) = scope_of(framework, r)?;
    let description = if share < 1.0 {
        format!(
            "{}% of {plural} at least {level_name}",
            trim_float(share * 100.0)
        )
    } else {
        format!("{every} at least {level_name}")
    };
    Ok(Resolved {
        members,
        level,
        share,
        description,
    })
}

/// The level a requirement asks for (the lowest if it names none).
fn level_of(framework: &Framework, r: &Requirement) -> std::result::Result<u8, Box<Diagnostic>> {
    let level = match r.level.as_deref() {
        None => 0,
        Some(written) => codes::resolve_level(&framework.levels, written).ok_or_else(|| {
            Diagnostic::new(format!("unknown level `{written}`"))
                .at(".level")
                .with_hint(codes::level_hint(&framework.levels))
        })?,
    };
    Ok(level)
}

/// The share of its statements a requirement asks for, between 0 and 1 (all if it names none).
fn share_of(r: &Requirement) -> std::result::Result<f64, Box<Diagnostic>> {
    let share = match &r.share {
        None => 1.0,
        Some(Share::Fraction(f)) => *f,
        Some(Share::Percent(p)) => p
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<f64>()
            .map(|v| v / 100.0)
            .map_err(|_| {
                Diagnostic::new(format!("`{p}` is not a share"))
                    .at(".share")
                    .with_hint("write a fraction such as `0.9` or a percentage such as `\"90%\"`")
            })?,
    };
    if !(0.0..=1.0).contains(&share) || share.is_nan() {
        return Err(Box::new(
            Diagnostic::new("the share must be between 0 and 1 (or 0% and 100%)").at(".share"),
        ));
    }
    Ok(share)
}

/// The statements a requirement is about, and how to say them: as "every statement of …" and
/// as "the statements of …".
type Scope = (Vec<usize>, (String, String));

/// The statements a requirement is about: a domain's, one, a theme's, or all.
fn scope_of(
    framework: &Framework,
    scope: &Requirement,
) -> std::result::Result<Scope, Box<Diagnostic>> {
    let all: Vec<usize> = (0..framework.statements.len()).collect();
    let scoped = if let Some(domain) = &scope.domain {
        let d = framework
            .domains
            .iter()
            .find(|d| {
                d.id.eq_ignore_ascii_case(domain)
                    || d.prefix.eq_ignore_ascii_case(domain)
                    || d.name.eq_ignore_ascii_case(domain)
            })
            .ok_or_else(|| {
                Diagnostic::new(format!("unknown domain `{domain}`"))
                    .at(".domain")
                    .with_hint(format!(
                        "the domains of `{}` are {}",
                        framework.id,
                        crate::error::backticked(
                            &framework
                                .domains
                                .iter()
                                .map(|d| d.id.clone())
                                .collect::<Vec<_>>()
                        )
                    ))
            })?;
        (
            all.into_iter()
                .filter(|i| {
                    framework
                        .statements
                        .get(*i)
                        .is_some_and(|s| s.domain == d.id)
                })
                .collect(),
            (
                format!("every statement of {}", d.name),
                format!("the statements of {}", d.name),
            ),
        )
    } else if let Some(code) = &scope.statement {
        let i = framework
            .statements
            .iter()
            .position(|s| s.code == code.trim())
            .ok_or_else(|| {
                Diagnostic::new(format!("unknown statement `{code}` in `{}`", framework.id))
                    .at(".statement")
                    .with_hint(codes::hint_for_unknown(framework, code))
            })?;
        (vec![i], (code.trim().to_string(), code.trim().to_string()))
    } else if let Some(theme) = &scope.theme {
        let members: Vec<usize> = all
            .into_iter()
            .filter(|i| {
                framework
                    .statements
                    .get(*i)
                    .is_some_and(|s| s.themes.iter().any(|t| t.eq_ignore_ascii_case(theme)))
            })
            .collect();
        if members.is_empty() {
            let mut themes: Vec<String> = framework
                .statements
                .iter()
                .flat_map(|s| s.themes.iter().cloned())
                .collect();
            themes.sort();
            themes.dedup();
            return Err(Box::new(
                Diagnostic::new(format!("no statement has the theme `{theme}`"))
                    .at(".theme")
                    .with_hint(format!(
                        "the themes are {}",
                        crate::error::backticked(&themes)
                    )),
            ));
        }
        (
            members,
            (
                format!("every statement on {theme}"),
                format!("the statements on {theme}"),
            ),
        )
    } else {
        (
            all,
            ("every statement".to_string(), "the statements".to_string()),
        )
    };
    Ok(scoped)
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.1}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Evaluates a policy on the highest level reached by each statement (in framework order).
pub(crate) fn evaluate(
    framework: &Framework,
    reached: &[Option<u8>],
    policy: &Policy,
) -> Result<PolicyOutcome> {
    let problems = validate(framework, policy);
    if !problems.is_empty() {
        return Err(Error::Invalid(
            problems
                .into_iter()
                .map(|d| policy.origin.place(d))
                .collect(),
        ));
    }
    let mut requirements = Vec::new();
    for r in &policy.requirements {
        let resolved = resolve(framework, r).map_err(|d| Error::Invalid(vec![*d]))?;
        let mut short = Vec::new();
        for &i in &resolved.members {
            let ok = reached
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|l| l >= resolved.level);
            if !ok && let Some(s) = framework.statements.get(i) {
                short.push(s.code.clone());
            }
        }
        let total = resolved.members.len();
        let met = total - short.len();
        // Shares are compared in whole statements so that 0.9 of 20 needs exactly 18.
        let needed = (resolved.share * total as f64 - 1e-9).ceil().max(0.0) as usize;
        let achieved = if total == 0 {
            1.0
        } else {
            met as f64 / total as f64
        };
        requirements.push(RequirementOutcome {
            description: resolved.description,
            level: framework
                .levels
                .get(usize::from(resolved.level))
                .cloned()
                .unwrap_or_default(),
            required: resolved.share,
            achieved: (achieved * 10_000.0).round() / 10_000.0,
            met,
            total,
            passed: met >= needed,
            short,
        });
    }
    Ok(PolicyOutcome {
        title: policy.title.clone(),
        passed: requirements.iter().all(|r| r.passed),
        requirements,
    })
}
