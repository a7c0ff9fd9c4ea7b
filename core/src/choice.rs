//! Which framework applies, decided in one place for the command line, every binding and
//! every function of the core.

use crate::catalog::DEFAULT_FRAMEWORK;

/// Which framework applies: the one `asked` for, else the first of `declared`, else the
/// built-in default ([`DEFAULT_FRAMEWORK`], `realising-recovery-2007`).
///
/// This is the one rule; what counts as asked and as declared is where it is used:
///
/// - **What a curriculum is checked against** (check, explain, validate, suggest, a grid's
///   import, `--framework` and every binding's `framework` option): asked is the caller's
///   choice, declared the curriculum's `frameworks`. A diff declares the new version's first,
///   then the old one's.
/// - **Where a curriculum's bare codes belong**: its own declaration comes first, because its
///   codes were written against it, so asked is the curriculum's first declared framework and
///   declared is what it is checked against. A curriculum that declares `A` checked against
///   `B` has its bare codes read as `A`'s, reached from `B` through a crosswalk; one that
///   declares none (a mapping grid) has them read as `B`'s.
/// - **A portfolio** is checked against the one asked for: its courses may declare different
///   frameworks, and a portfolio compares them on one.
/// - **A self-assessment, a new curriculum file, an edit, suggestions for a text**: what the
///   document or the caller names, with no second place to look.
pub fn framework_for<'a>(
    asked: Option<&'a str>,
    declared: impl IntoIterator<Item = &'a str>,
) -> &'a str {
    asked
        .or_else(|| declared.into_iter().next())
        .unwrap_or(DEFAULT_FRAMEWORK)
}

/// [`framework_for`] of a curriculum's declared frameworks, as they are held.
pub fn framework_of<'a>(asked: Option<&'a str>, declared: &'a [String]) -> &'a str {
    framework_for(asked, declared.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::{framework_for, framework_of};
    use crate::catalog::DEFAULT_FRAMEWORK;

    #[test]
    fn asked_then_declared_then_the_default() {
        let declared = ["a".to_string(), "b".to_string()];
        assert_eq!(framework_of(Some("c"), &declared), "c");
        assert_eq!(framework_of(None, &declared), "a");
        assert_eq!(framework_of(None, &[]), DEFAULT_FRAMEWORK);
        assert_eq!(
            framework_for(None, [None, Some("old")].into_iter().flatten()),
            "old"
        );
    }
}
