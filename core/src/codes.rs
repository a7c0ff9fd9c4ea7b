//! Helping people who mistype a statement code: near misses and out-of-range numbers.

use crate::model::framework::Framework;

/// A hint for a code that is not in the framework: "did you mean `S12`?", "the framework has
/// K1–K25", or what codes look like.
pub(crate) fn hint_for_unknown(framework: &Framework, raw: &str) -> String {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (prefix, digits) = split_code(&compact);
    let normalised = match digits.trim_start_matches('0') {
        "" if !digits.is_empty() => format!("{prefix}0"),
        d => format!("{prefix}{d}"),
    };
    let by_upper = |candidate: &str| {
        framework
            .statements
            .iter()
            .find(|s| s.code.to_uppercase() == candidate)
            .map(|s| s.code.clone())
    };
    if let Some(code) = by_upper(&compact).or_else(|| by_upper(&normalised)) {
        return format!("did you mean `{code}`?");
    }
    if framework
        .activities
        .iter()
        .any(|a| a.code.eq_ignore_ascii_case(raw.trim()))
        || framework
            .resources
            .iter()
            .any(|r| r.code.eq_ignore_ascii_case(raw.trim()))
    {
        return format!(
            "`{}` is a learning activity or resource of `{}`, not a statement: map units to statements",
            raw.trim(),
            framework.id
        );
    }
    if let Some(domain) = framework
        .domains
        .iter()
        .find(|d| d.prefix.eq_ignore_ascii_case(prefix))
    {
        let codes: Vec<&str> = framework
            .statements
            .iter()
            .filter(|s| s.domain == domain.id)
            .map(|s| s.code.as_str())
            .collect();
        if let (Some(first), Some(last)) = (codes.first(), codes.last()) {
            return format!("the framework has {first}–{last} in {}", domain.name);
        }
    }
    let close = crate::nearest::nearest(
        &compact,
        framework.statements.iter().map(|s| s.code.as_str()),
    );
    if let Some(code) = close {
        return format!("did you mean `{code}`?");
    }
    format!(
        "codes in `{}` look like {}",
        framework.id,
        ranges(framework)
    )
}

/// The code ranges of each domain, such as `K1–K25, S1–S22, V1–V20`.
pub(crate) fn ranges(framework: &Framework) -> String {
    framework
        .domains
        .iter()
        .filter_map(|d| {
            let mut codes = framework.statements.iter().filter(|s| s.domain == d.id);
            let first = codes.next()?;
            let last = codes.next_back().unwrap_or(first);
            Some(if first.code == last.code {
                first.code.clone()
            } else {
                format!("{}–{}", first.code, last.code)
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn split_code(code: &str) -> (&str, &str) {
    let at = code
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(code.len());
    code.split_at(at)
}

/// Resolves a level as written (`developed`, `D`, `Developed`) to its place on the scale.
pub(crate) fn resolve_level(levels: &[String], written: &str) -> Option<u8> {
    let w = crate::model::curriculum::trim(written);
    // Levels are mostly written as the scale spells them: try that before ignoring case.
    let by_name = levels
        .iter()
        .position(|l| l == w)
        .or_else(|| levels.iter().position(|l| l.eq_ignore_ascii_case(w)));
    let by_initial = || {
        let mut matches = levels.iter().enumerate().filter(|(_, l)| {
            w.chars().count() == 1
                && l.chars()
                    .next()
                    .is_some_and(|c| c.eq_ignore_ascii_case(&w.chars().next().unwrap_or(' ')))
        });
        match (matches.next(), matches.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    };
    by_name
        .or_else(by_initial)
        .and_then(|i| u8::try_from(i).ok())
}

/// The hint for a level that is not on the scale.
pub(crate) fn level_hint(levels: &[String]) -> String {
    let names = levels
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(" < ");
    let initials: Vec<String> = levels
        .iter()
        .filter_map(|l| l.chars().next())
        .map(|c| c.to_uppercase().to_string())
        .collect();
    format!(
        "the levels are {names} (or their initials {})",
        initials.join(", ")
    )
}
