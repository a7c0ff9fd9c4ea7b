//! Checking coverage against a policy: minimum levels for all statements, a domain, a theme
//! or one statement, for all of them or a share.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    codes,
    error::{Diagnostic, Error, Result},
    model::{
        curriculum::Curriculum,
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
    /// The statements in scope below the level (for `min_credits`, the domains short of
    /// credits).
    pub short: Vec<String>,
    /// For a requirement on sequence or weight (`by_year`, `min_modules`, `min_years`,
    /// `min_credits`): what fell short and where, one entry for each code in `short`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shortfalls: Vec<Shortfall>,
}

/// What fell short of a requirement on sequence or weight, and where it is taught.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Shortfall {
    /// The statement's code (for `min_credits`, the domain's id).
    pub code: String,
    /// What fell short, in words (`assessed first in year 3 (EX301), not by year 2`).
    pub reason: String,
    /// The modules that reach it at the level, in the curriculum's order.
    pub modules: Vec<String>,
    /// The years of those modules, lowest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<u8>,
    /// The credits of those modules between them (for `min_credits`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<u32>,
}

/// What the requirements on sequence and weight read besides the levels: for each statement
/// (in printed order) each module that reaches it and the level it reaches there, and the
/// curriculum's modules (their years and credits).
pub(crate) struct Touches<'a> {
    pub statements: Vec<Vec<(usize, u8)>>,
    pub curriculum: &'a Curriculum,
}

/// Whether a policy has a requirement on sequence or weight (and so needs [`Touches`]).
pub(crate) fn needs_touches(policy: &Policy) -> bool {
    policy.requirements.iter().any(|r| {
        r.by_year.is_some()
            || r.min_modules.is_some()
            || r.min_years.is_some()
            || r.min_credits.is_some()
    })
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
    check_sequence_keys(r)?;
    let level = level_of(framework, r)?;
    let level_name = framework
        .levels
        .get(usize::from(level))
        .cloned()
        .unwrap_or_default();
    let share = share_of(r)?;
    let (members, (every, plural)) = scope_of(framework, r)?;
    let mut description = if let Some(credits) = r.min_credits {
        let domain = r
            .domain
            .as_ref()
            .and_then(|_| members.first())
            .and_then(|&i| framework.statements.get(i))
            .and_then(|s| framework.domains.iter().find(|d| d.id == s.domain))
            .map_or_else(|| "each domain".to_string(), |d| d.name.clone());
        format!("at least {credits} credits of modules touch {domain} (at least {level_name})")
    } else if share < 1.0 {
        format!(
            "{}% of {plural} at least {level_name}",
            trim_float(share * 100.0)
        )
    } else {
        format!("{every} at least {level_name}")
    };
    if let Some(year) = r.by_year {
        description.push_str(&format!(" by year {year}"));
    }
    if let Some(n) = r.min_modules {
        description.push_str(&format!(" in at least {n} modules"));
    }
    if let Some(n) = r.min_years {
        description.push_str(&format!(" in at least {n} years"));
    }
    Ok(Resolved {
        members,
        level,
        share,
        description,
    })
}

/// The keys on sequence and weight, checked for what cannot be meant: a zero, and
/// `min_credits` (counted per domain) with a statement or a theme, or with another of them.
fn check_sequence_keys(r: &Requirement) -> std::result::Result<(), Box<Diagnostic>> {
    for (key, value) in [
        ("by_year", r.by_year.map(usize::from)),
        ("min_modules", r.min_modules),
        ("min_years", r.min_years),
        ("min_credits", r.min_credits.map(|c| c as usize)),
    ] {
        if value == Some(0) {
            return Err(Box::new(
                Diagnostic::new(format!("`{key}` must be at least 1")).at(format!(".{key}")),
            ));
        }
    }
    if r.min_credits.is_some() {
        if r.statement.is_some() || r.theme.is_some() {
            return Err(Box::new(
                Diagnostic::new(
                    "`min_credits` is counted per domain, not for a statement or a theme",
                )
                .at(".min_credits")
                .with_hint("name a `domain`, or none for every domain"),
            ));
        }
        if r.by_year.is_some() || r.min_modules.is_some() || r.min_years.is_some() {
            return Err(Box::new(
                Diagnostic::new("`min_credits` is a requirement of its own")
                    .at(".min_credits")
                    .with_hint("write one requirement for each of `min_credits`, `by_year`, `min_modules` and `min_years`"),
            ));
        }
    }
    Ok(())
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

/// Evaluates a policy on the highest level reached by each statement (in framework order), and
/// for requirements on sequence and weight on where each is reached (`touches`, which the
/// caller builds when [`needs_touches`]; without it such a requirement is an error, never a
/// pass).
pub(crate) fn evaluate(
    framework: &Framework,
    reached: &[Option<u8>],
    policy: &Policy,
    touches: Option<&Touches>,
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
    if needs_touches(policy) {
        let Some(t) = touches else {
            return Err(Error::Invalid(vec![Diagnostic::new(
                "this policy's requirements on sequence and weight need a curriculum's modules",
            )]));
        };
        missing_module_facts(framework, policy, t.curriculum)?;
    }
    let mut requirements = Vec::new();
    for r in &policy.requirements {
        let resolved = resolve(framework, r).map_err(|d| Error::Invalid(vec![*d]))?;
        let (short, shortfalls, total) = match touches {
            Some(t) if r.min_credits.is_some() => credits_short(framework, r, &resolved, t),
            _ => statements_short(framework, reached, r, &resolved, touches),
        };
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
            shortfalls,
        });
    }
    Ok(PolicyOutcome {
        title: policy.title.clone(),
        passed: requirements.iter().all(|r| r.passed),
        requirements,
    })
}

/// Each module without the `year` or `credits` a requirement reads, located in the curriculum:
/// a module that cannot be placed is an error, not a pass.
pub(crate) fn missing_module_facts(
    framework: &Framework,
    policy: &Policy,
    curriculum: &Curriculum,
) -> Result<()> {
    let first = |needs: &dyn Fn(&Requirement) -> bool| {
        policy
            .requirements
            .iter()
            .find(|r| needs(r))
            .and_then(|r| resolve(framework, r).ok())
            .map(|r| r.description)
    };
    let year = first(&|r| r.by_year.is_some() || r.min_years.is_some());
    let credits = first(&|r| r.min_credits.is_some());
    let mut problems = Vec::new();
    for (mi, m) in curriculum.modules.iter().enumerate() {
        if let (Some(description), None) = (&year, m.year) {
            problems.push(curriculum.origin.place(
                Diagnostic::new(format!("module `{}` has no `year`", m.code))
                    .at(format!("modules[{mi}]"))
                    .with_hint(format!("the policy's requirement `{description}` places every module by its year: add `year = 1` (or 2, 3, ...)")),
            ));
        }
        if let (Some(description), None) = (&credits, m.credits) {
            problems.push(curriculum.origin.place(
                Diagnostic::new(format!("module `{}` has no `credits`", m.code))
                    .at(format!("modules[{mi}]"))
                    .with_hint(format!("the policy's requirement `{description}` counts every module's credits: add `credits = 20` (its credit value)")),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The modules of a curriculum that reach a statement at a level or above: their indexes,
/// in the curriculum's order, each once.
fn modules_at(touches: &Touches, statement: usize, level: u8) -> Vec<usize> {
    let mut modules: Vec<usize> = touches
        .statements
        .get(statement)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|(_, l)| *l >= level)
        .map(|(m, _)| *m)
        .collect();
    modules.sort_unstable();
    modules.dedup();
    modules
}

/// The statements of a requirement's scope that fall short, and (for one on sequence or
/// weight) what fell short and where; and how many statements are in scope.
fn statements_short(
    framework: &Framework,
    reached: &[Option<u8>],
    r: &Requirement,
    resolved: &Resolved,
    touches: Option<&Touches>,
) -> (Vec<String>, Vec<Shortfall>, usize) {
    let sequence = r.by_year.is_some() || r.min_modules.is_some() || r.min_years.is_some();
    let level_name = framework
        .levels
        .get(usize::from(resolved.level))
        .cloned()
        .unwrap_or_default();
    let mut short = Vec::new();
    let mut shortfalls = Vec::new();
    for &i in &resolved.members {
        let Some(s) = framework.statements.get(i) else {
            continue;
        };
        let level_ok = reached
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|l| l >= resolved.level);
        let Some(t) = touches.filter(|_| sequence) else {
            if !level_ok {
                short.push(s.code.clone());
            }
            continue;
        };
        let modules = modules_at(t, i, resolved.level);
        let module = |m: &usize| t.curriculum.modules.get(*m);
        let mut years: Vec<u8> = modules.iter().filter_map(|m| module(m)?.year).collect();
        years.sort_unstable();
        years.dedup();
        let place = modules
            .iter()
            .filter_map(module)
            .map(|m| match m.year {
                Some(y) => format!("{} in year {y}", m.code),
                None => m.code.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut reasons = Vec::new();
        if modules.is_empty() {
            reasons.push(format!("never {level_name}"));
        } else {
            if !level_ok {
                reasons.push(format!("not {level_name} (derived from its children)"));
            }
            if let (Some(by), Some(first)) = (r.by_year, years.first())
                && *first > by
            {
                reasons.push(format!(
                    "{level_name} first in year {first}, not by year {by}"
                ));
            }
            if let Some(n) = r.min_modules.filter(|n| modules.len() < *n) {
                reasons.push(format!(
                    "{level_name} in {} of the {n} modules needed",
                    modules.len()
                ));
            }
            if let Some(n) = r.min_years.filter(|n| years.len() < *n) {
                reasons.push(format!(
                    "{level_name} in {} of the {n} years needed",
                    years.len()
                ));
            }
        }
        if reasons.is_empty() {
            continue;
        }
        if !modules.is_empty() {
            reasons.push(format!("reached in {place}"));
        }
        short.push(s.code.clone());
        shortfalls.push(Shortfall {
            code: s.code.clone(),
            reason: reasons.join("; "),
            modules: modules
                .iter()
                .filter_map(|m| module(m).map(|m| m.code.clone()))
                .collect(),
            years,
            credits: None,
        });
    }
    (short, shortfalls, resolved.members.len())
}

/// The domains of a `min_credits` requirement's scope whose modules carry too few credits,
/// what they carry and where; and how many domains are in scope.
fn credits_short(
    framework: &Framework,
    r: &Requirement,
    resolved: &Resolved,
    touches: &Touches,
) -> (Vec<String>, Vec<Shortfall>, usize) {
    let min = r.min_credits.unwrap_or(0);
    let mut short = Vec::new();
    let mut shortfalls = Vec::new();
    let mut total = 0;
    for d in &framework.domains {
        let members: Vec<usize> = resolved
            .members
            .iter()
            .copied()
            .filter(|&i| {
                framework
                    .statements
                    .get(i)
                    .is_some_and(|s| s.domain == d.id)
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        total += 1;
        let mut modules: Vec<usize> = members
            .iter()
            .flat_map(|&i| modules_at(touches, i, resolved.level))
            .collect();
        modules.sort_unstable();
        modules.dedup();
        let found: Vec<(&str, u32)> = modules
            .iter()
            .filter_map(|&m| touches.curriculum.modules.get(m))
            .map(|m| (m.code.as_str(), u32::from(m.credits.unwrap_or(0))))
            .collect();
        let credits: u32 = found.iter().map(|(_, c)| *c).sum();
        if credits >= min {
            continue;
        }
        let list = if found.is_empty() {
            "no module".to_string()
        } else {
            found
                .iter()
                .map(|(code, c)| format!("{code} {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        short.push(d.id.clone());
        shortfalls.push(Shortfall {
            code: d.id.clone(),
            reason: format!("{credits} credits ({list}), not {min}"),
            modules: found.iter().map(|(code, _)| (*code).to_string()).collect(),
            years: Vec::new(),
            credits: Some(credits),
        });
    }
    (short, shortfalls, total)
}
