//! A worker's self-assessment against a framework, as they or their supervisor write it:
//!
//! ```toml
//! framework = "realising-recovery-2007"
//! name = "Alex Morgan"
//! date = "2026-03-02"
//! target = "confident"
//!
//! [ratings]
//! K4 = "developing"
//! S10 = { level = "none", note = "never supported anyone with one" }
//! V9 = 4            # a number counts along the scale from 1
//! ```

use std::{borrow::Cow, collections::BTreeMap, path::Path};

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    codes,
    error::{Diagnostic, Error, Result},
    format::{self, Format},
    model::framework::Framework,
    source::Origin,
};

use super::PlanOptions;

/// The scale used when a self-assessment does not give its own, lowest first.
pub const DEFAULT_SCALE: [&str; 5] = ["none", "aware", "developing", "confident", "expert"];

/// A worker's ratings of themselves against a framework's statements.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// The framework assessed against (default `realising-recovery-2007`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// Whose self-assessment it is.
    pub name: String,
    /// Their role or post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When it was made, such as `2026-03-02` (a TOML date or a string).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date"
    )]
    pub date: Option<String>,
    /// The supervisor or manager it is discussed with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<String>,
    /// The rating scale, lowest first (default `none`, `aware`, `developing`, `confident`,
    /// `expert`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Vec<String>>,
    /// The level to plan towards (default: the level below the top of the scale, `confident`
    /// on the default scale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// A rating per statement, keyed by its code (`K4`).
    #[serde(default)]
    pub ratings: IndexMap<String, Rating>,
    /// Where it was read from, for locating problems found later.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) origin: Origin,
}

impl PartialEq for SelfAssessment {
    /// Two self-assessments are equal when their content is, wherever they were read from.
    fn eq(&self, other: &Self) -> bool {
        (
            &self.framework,
            &self.name,
            &self.role,
            &self.date,
            &self.supervisor,
            &self.scale,
            &self.target,
            &self.ratings,
        ) == (
            &other.framework,
            &other.name,
            &other.role,
            &other.date,
            &other.supervisor,
            &other.scale,
            &other.target,
            &other.ratings,
        )
    }
}

/// One statement's rating: a level of the scale and an optional note.
///
/// Written as a level (`"developing"`, or its initial), a number counting along the scale from
/// 1, or a table `{ level = "developing", note = "..." }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// The level as written (a name, an initial or a number).
    pub level: String,
    /// What the worker or supervisor noted.
    pub note: Option<String>,
}

impl Serialize for Rating {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Table<'a> {
            level: &'a str,
            note: &'a str,
        }
        match &self.note {
            None => serializer.serialize_str(&self.level),
            Some(note) => Table {
                level: &self.level,
                note,
            }
            .serialize(serializer),
        }
    }
}

/// The shapes a rating may be written in, for the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RatingForm {
    /// `"developing"`, `"D"` or a number from 1.
    Level(LevelForm),
    /// A level and a note.
    Table(RatingTable),
}

#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum LevelForm {
    /// A level's name or initial.
    Text(String),
    /// A position on the scale, from 1 at the lowest.
    Number(u32),
}

/// A rating written as a table.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RatingTable {
    /// The level: a name, an initial or a number from 1.
    level: LevelForm,
    /// What the worker or supervisor noted.
    #[serde(default)]
    note: Option<String>,
}

const RATING_SHAPES: &str = "expected a level such as `developing`, a number counting from 1, or a table `{ level = \"developing\", note = \"...\" }`";

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        use serde_json::Value;
        let level = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => n.as_u64().map(|n| n.to_string()),
            _ => None,
        };
        let value = Value::deserialize(deserializer)?;
        if let Some(level) = level(&value) {
            return Ok(Rating { level, note: None });
        }
        let Value::Object(table) = value else {
            return Err(D::Error::custom(RATING_SHAPES));
        };
        if let Some(key) = table
            .keys()
            .find(|k| !matches!(k.as_str(), "level" | "note"))
        {
            return Err(D::Error::custom(format!(
                "unknown key `{key}` in a rating, expected `level` or `note`"
            )));
        }
        let Some(written) = table.get("level").and_then(level) else {
            return Err(D::Error::custom(RATING_SHAPES));
        };
        let note = match table.get("note") {
            None | Some(Value::Null) => None,
            Some(Value::String(n)) => Some(n.clone()).filter(|n| !n.trim().is_empty()),
            Some(_) => return Err(D::Error::custom("a rating's `note` is text")),
        };
        Ok(Rating {
            level: written,
            note,
        })
    }
}

impl JsonSchema for Rating {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rating".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RatingForm::json_schema(generator)
    }
}

/// Reads a date written as a string or as a TOML date (`date = 2026-03-02`), which the TOML
/// reader hands over as its text.
fn date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(s) => Ok(Some(s)),
        serde_json::Value::Null => Ok(None),
        _ => Err(serde::de::Error::custom(
            "expected a date such as `2026-03-02`",
        )),
    }
}

/// A self-assessment resolved against its framework and scale.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub scale: Vec<String>,
    pub target: usize,
    /// Statement index → (level index, note).
    pub ratings: BTreeMap<usize, (usize, Option<String>)>,
}

/// Reads a self-assessment from text (TOML, JSON or YAML). Without a format, it is guessed
/// from `name`'s extension or from the text itself.
pub fn load_self_assessment(
    text: &str,
    format: Option<Format>,
    name: Option<&str>,
) -> Result<SelfAssessment> {
    let format = format
        .or_else(|| name.and_then(|n| Format::from_path(Path::new(n))))
        .unwrap_or_else(|| Format::sniff(text));
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::parse(
            Diagnostic::new("the self-assessment is empty")
                .with_hint("a self-assessment needs at least a `name` and `[ratings]`")
                .in_file(name),
        ));
    }
    let mut assessment: SelfAssessment =
        format::deserialize(text, format, "self-assessment").map_err(|e| e.in_file(name))?;
    assessment.origin = Origin::new(
        name,
        format,
        Cow::Borrowed(text.trim_start_matches('\u{feff}')),
    );
    Ok(assessment)
}

/// Reads a self-assessment file.
pub fn read_self_assessment(path: &Path) -> Result<SelfAssessment> {
    let text = format::read_file(path)?;
    load_self_assessment(
        &text,
        Format::from_path(path),
        Some(&path.display().to_string()),
    )
}

/// Resolves a level as written against a scale: a name, a unique initial, or a number
/// counting from 1.
fn resolve_level(scale: &[String], written: &str) -> Option<usize> {
    if let Some(i) = codes::resolve_level(scale, written) {
        return Some(usize::from(i));
    }
    let n: usize = written.trim().parse().ok()?;
    (1..=scale.len()).contains(&n).then(|| n - 1)
}

fn scale_hint(scale: &[String]) -> String {
    format!(
        "{}, or a number from 1 to {}",
        codes::level_hint(scale),
        scale.len()
    )
}

impl SelfAssessment {
    /// Places diagnostics in the file (line and column where the format allows) as an error:
    /// the text is parsed for places once, however many diagnostics there are.
    pub(crate) fn invalid(&self, diagnostics: Vec<Diagnostic>) -> Error {
        let mut placed: Vec<Diagnostic> = diagnostics
            .into_iter()
            .map(|d| self.origin.place(d))
            .collect();
        // In the order of the file, whatever order the ratings were read in.
        placed.sort_by_key(|d| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(0)));
        Error::Invalid(placed)
    }

    /// Resolves every code and level against the framework and scale, reporting every problem
    /// at once.
    pub(crate) fn resolve(&self, fw: &Framework, options: &PlanOptions) -> Result<Resolved> {
        let mut problems = Vec::new();
        let scale: Vec<String> = match &self.scale {
            Some(scale) => scale.iter().map(|l| l.trim().to_string()).collect(),
            None => DEFAULT_SCALE.map(String::from).to_vec(),
        };
        if scale.is_empty() {
            problems.push(
                Diagnostic::new("the `scale` is empty")
                    .at("scale")
                    .with_hint("list the levels lowest first, or leave `scale` out to use `none`, `aware`, `developing`, `confident`, `expert`"),
            );
        }
        for (i, level) in scale.iter().enumerate() {
            if level.is_empty() {
                problems.push(
                    Diagnostic::new("a level of the scale is empty").at(format!("scale[{i}]")),
                );
            } else if scale
                .iter()
                .take(i)
                .any(|earlier| earlier.eq_ignore_ascii_case(level))
            {
                problems.push(
                    Diagnostic::new(format!("the level `{level}` is listed twice"))
                        .at(format!("scale[{i}]")),
                );
            }
        }
        if !problems.is_empty() {
            return Err(self.invalid(problems));
        }

        let default_target = if scale.len() >= 3 {
            scale.len() - 2
        } else {
            scale.len().saturating_sub(1)
        };
        let target = match (&options.target, &self.target) {
            (Some(written), _) => resolve_level(&scale, written).ok_or_else(|| {
                // Given on the command line or by a program, not in the file.
                Error::parse(
                    Diagnostic::new(format!("unknown target level `{written}`"))
                        .with_hint(scale_hint(&scale)),
                )
            })?,
            (None, Some(written)) => resolve_level(&scale, written).unwrap_or_else(|| {
                problems.push(
                    Diagnostic::new(format!("unknown target level `{written}`"))
                        .at("target")
                        .with_hint(scale_hint(&scale)),
                );
                default_target
            }),
            (None, None) => default_target,
        };

        if self.ratings.is_empty() {
            problems.push(
                Diagnostic::new("the self-assessment rates no statements")
                    .at("ratings")
                    .with_hint("add a `[ratings]` table with a line per statement, such as `K4 = \"developing\"`"),
            );
        }
        let mut ratings = BTreeMap::new();
        let mut first_key: BTreeMap<usize, &str> = BTreeMap::new();
        let qualified = format!("{}:", fw.id);
        for (key, rating) in &self.ratings {
            let pointer = format!("ratings.{key}");
            let code = key.trim();
            let code = code.strip_prefix(&qualified).unwrap_or(code);
            let Some(statement) = fw.statements.iter().position(|s| s.code == code) else {
                problems.push(
                    Diagnostic::new(format!("unknown statement `{key}` in `{}`", fw.id))
                        .at(pointer)
                        .with_hint(codes::hint_for_unknown(fw, code)),
                );
                continue;
            };
            if let Some(first) = first_key.insert(statement, key) {
                problems.push(
                    Diagnostic::new(format!("`{key}` is rated twice"))
                        .at(pointer.clone())
                        .with_hint(format!("it is rated as `{first}` too; keep one")),
                );
            }
            match resolve_level(&scale, &rating.level) {
                Some(level) => {
                    ratings.insert(statement, (level, rating.note.clone()));
                }
                None => problems.push(
                    Diagnostic::new(format!("unknown level `{}` for `{key}`", rating.level))
                        .at(pointer)
                        .with_hint(scale_hint(&scale)),
                ),
            }
        }
        if problems.is_empty() {
            Ok(Resolved {
                scale,
                target,
                ratings,
            })
        } else {
            Err(self.invalid(problems))
        }
    }
}
