//! Coverage requirements a curriculum is checked against.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A set of requirements. A curriculum passes when every requirement is met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name for reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The framework the policy is for (its id), when a curriculum is checked against several
    /// in one run; none means every framework checked that no other policy names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// How a parent statement's coverage derives from its children's (`all` or `any`), in
    /// place of the framework's own rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hierarchy: Option<super::framework::Hierarchy>,
    /// The requirements, each checked on its own.
    #[serde(default, rename = "require")]
    pub requirements: Vec<Requirement>,
    /// Where it was read from, for locating problems found later.
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: crate::source::Origin,
}

impl Default for Policy {
    /// The default policy: every statement at least at the lowest level of the scale.
    fn default() -> Self {
        Policy {
            title: Some("every statement at least introduced".to_string()),
            framework: None,
            hierarchy: None,
            requirements: vec![Requirement {
                domain: None,
                statement: None,
                theme: None,
                level: None,
                share: None,
                by_year: None,
                min_modules: None,
                min_years: None,
                min_credits: None,
            }],
            origin: crate::source::Origin::default(),
        }
    }
}

/// One requirement: the statements in a scope must reach a level, all of them or a share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Every statement of this domain (`values`, or its prefix `V`). At most one of `domain`,
    /// `statement` and `theme` is set; none means every statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// One statement (`K4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// Every statement with this curated theme (`hope`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The minimum level; none means the lowest level of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The share of the scope that must reach the level, as a fraction (`0.9`) or a percentage
    /// string (`"90%"`). Defaults to all of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Share>,
    /// Sequence: the level must be reached in a module of this year of the programme or an
    /// earlier one (`by_year = 3`: "every skill assessed by year 3"). Every module needs a `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_year: Option<u8>,
    /// Weight: at least this many modules must each reach the level (`min_modules = 2`: "each
    /// statement developed in at least two modules").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_modules: Option<usize>,
    /// Weight: modules of at least this many years must reach the level (`min_years = 2`: "each
    /// statement reached in at least two years"). Every module needs a `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years: Option<usize>,
    /// Weight: the modules that reach some statement of a domain at the level must carry at
    /// least this many credits between them, for each domain in scope (`min_credits = 40`: "at
    /// least 40 credits of modules touch each domain"). Every module needs `credits`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_credits: Option<u32>,
}

/// A share of a scope: a fraction between 0 and 1, or a percentage string.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Share {
    /// A fraction between 0 and 1.
    Fraction(f64),
    /// A percentage such as `"90%"`.
    Percent(String),
}

/// A number is a fraction and text a percentage; anything else is refused with both forms
/// named (serde's `untagged` would only say that no variant matched).
impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShareVisitor;

        impl serde::de::Visitor<'_> for ShareVisitor {
            type Value = Share;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a fraction such as 0.9 or a percentage such as \"90%\"")
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Share, E> {
                Ok(Share::Fraction(v))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Share, E> {
                Ok(Share::Fraction(v as f64))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Share, E> {
                Ok(Share::Fraction(v as f64))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Share, E> {
                Ok(Share::Percent(v.to_string()))
            }
        }

        deserializer.deserialize_any(ShareVisitor)
    }
}
