//! A curriculum (a programme or course) and how its parts map to framework statements.

use std::collections::BTreeMap;

use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A programme or course, mapped to one or more frameworks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Curriculum {
    /// Stable identifier (for a grid, the file name).
    pub id: String,
    /// The programme's title.
    pub title: String,
    /// The university, board or organisation that runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Version or academic year of this curriculum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Ids of the frameworks it maps to; the first is the default for bare codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frameworks: Vec<String>,
    /// A description for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many learners it takes a year, for a portfolio's reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learners_per_year: Option<u32>,
    /// The settings it serves (`community`, `acute inpatient`, `older people`, `forensic`,
    /// `peer support`, …): an open list; a setting a portfolio does not know is a warning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
    /// The modules, in the order they should be reported.
    #[serde(default)]
    pub modules: Vec<Module>,
    /// Keys waypost does not know, kept as they were.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Where it was read from, for locating problems found later.
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: crate::source::Origin,
}

impl Curriculum {
    /// The assessments that assess a unit (named by its module's code and its id), in the
    /// curriculum's order: an assessment of the unit's own module by its id, one of another
    /// module as `MODULE/ID`. An assessment names the unit in its `assesses` by id (in its own
    /// module) or as `MODULE/UNIT`.
    pub fn assessed_by(&self, module: &str, unit: &str) -> Vec<String> {
        self.modules
            .iter()
            .flat_map(|m| m.assessments.iter().map(move |a| (m, a)))
            .filter(|(m, a)| {
                a.assesses
                    .iter()
                    .any(|target| match target.split_once('/') {
                        Some((tm, tu)) => trim(tm) == module && trim(tu) == unit,
                        None => m.code == module && trim(target) == unit,
                    })
            })
            .map(|(m, a)| {
                if m.code == module {
                    a.id.clone()
                } else {
                    format!("{}/{}", m.code, a.id)
                }
            })
            .collect()
    }

    /// Every unit with the assessments that assess it ([`Curriculum::assessed_by`]), in the
    /// curriculum's order; a unit no assessment names has none.
    pub fn assessed_units(&self) -> Vec<AssessedUnit> {
        self.modules
            .iter()
            .flat_map(|m| {
                m.units.iter().map(move |u| AssessedUnit {
                    module: m.code.clone(),
                    unit: u.id.clone(),
                    assessments: self.assessed_by(&m.code, &u.id),
                })
            })
            .collect()
    }
}

/// A unit and the assessments that assess it, so that everything it maps counts as assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AssessedUnit {
    /// The code of the unit's module.
    pub module: String,
    /// The unit's id.
    pub unit: String,
    /// The assessments that name it: by id in its own module, `MODULE/ID` in another.
    pub assessments: Vec<String>,
}

/// A module (course unit, block, day) of a curriculum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Module {
    /// The module code, unique in the curriculum.
    pub code: String,
    /// The module's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Year of the programme the module is taken in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u8>,
    /// Academic level (for example SCQF 8), as the provider writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Credit value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<u16>,
    /// Learning outcomes, sessions and activities.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Assessments of the module.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    /// Keys waypost does not know, kept as they were.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A learning outcome, session or activity, and the statements it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// Identifier, unique within its module (`LO1`).
    pub id: String,
    /// What kind of unit it is.
    #[serde(default)]
    pub kind: UnitKind,
    /// The outcome or session as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The statements it covers, each with a level.
    #[serde(default)]
    pub covers: Vec<Mapping>,
    /// Keys (or spreadsheet columns) waypost does not know, kept as they were.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Kinds of unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// A learning outcome.
    #[default]
    Outcome,
    /// A taught session.
    Session,
    /// A learning activity (placement task, reading, exercise).
    Activity,
}

impl UnitKind {
    /// The name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Outcome => "outcome",
            Self::Session => "session",
            Self::Activity => "activity",
        }
    }
}

/// An assessment: it assesses units, and may cover statements directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// Identifier, unique within its module.
    pub id: String,
    /// What the assessment is (`Reflective essay (3,000 words)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Weighting in the module, as a percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<u8>,
    /// The units it assesses: ids in the same module, or `MODULE/UNIT` for another module.
    #[serde(default)]
    pub assesses: Vec<String>,
    /// Statements it assesses directly, beyond those of the units it assesses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<Mapping>,
    /// Keys waypost does not know, kept as they were.
    #[serde(flatten, default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A unit's claim to cover a statement at a level.
///
/// Written as a table (`{ statement = "K4", level = "developed" }`) or as a string: a bare
/// code (`"K4"`, meaning the lowest level of the scale) or a code with a level (`"K4:developed"`,
/// `"K4=D"`, `"K4 (D)"`).
///
/// The code and the level are small strings, held inline up to 24 bytes: a curriculum has a
/// mapping for every statement each unit covers, and a `String` each would be two allocations
/// a mapping (`"K4".into()` makes one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    /// Statement code (`K4`), or qualified id (`realising-recovery-2007:K4`).
    pub statement: CompactString,
    /// Level name; none means the lowest level of the framework's scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<CompactString>,
}

const MAPPING_SHAPES: &str = "expected a statement code such as `K4` or `K4:developed`, or a table `{ statement = \"K4\", level = \"developed\" }`";

/// The keys of a mapping table.
const MAPPING_KEYS: [&str; 2] = ["statement", "level"];

impl<'de> Deserialize<'de> for Mapping {
    /// Text is parsed as it is read, and a table read key by key, without buffering the value
    /// first (this runs for every mapping of every curriculum).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use std::cell::Cell;

        /// Set when the error is about a key of the table, which is passed on as it is.
        struct MappingVisitor<'a>(&'a Cell<bool>);

        impl<'de> serde::de::Visitor<'de> for MappingVisitor<'_> {
            type Value = Mapping;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(MAPPING_SHAPES)
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Mapping, E> {
                Ok(Mapping::parse(text))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Mapping, A::Error> {
                use serde::de::Error as _;
                let (mut statement, mut level) = (None, None);
                loop {
                    let key = map
                        .next_key_seed(MappingKey)
                        .inspect_err(|_| self.0.set(true))?;
                    match key {
                        None => break,
                        Some(MappingKeyName::Statement) => {
                            statement = Some(map.next_value::<CompactString>()?);
                        }
                        Some(MappingKeyName::Level) => {
                            level = map.next_value::<Option<CompactString>>()?;
                        }
                    }
                }
                match statement {
                    Some(statement) => Ok(Mapping { statement, level }),
                    None => Err(A::Error::custom(MAPPING_SHAPES)),
                }
            }
        }

        // Whatever else went wrong (a number, a list, a table without `statement`), say which
        // shapes a mapping may take.
        let key_error = Cell::new(false);
        deserializer
            .deserialize_any(MappingVisitor(&key_error))
            .map_err(|e| {
                if key_error.get() {
                    e
                } else {
                    serde::de::Error::custom(MAPPING_SHAPES)
                }
            })
    }
}

/// A key of a mapping table.
enum MappingKeyName {
    Statement,
    Level,
}

/// Reads a mapping table's key, refusing one it does not know: a misspelt `level` would
/// otherwise be passed over and the mapping read at the lowest level. Refused as the key is
/// read, so the error is placed at the key.
struct MappingKey;

impl<'de> serde::de::DeserializeSeed<'de> for MappingKey {
    type Value = MappingKeyName;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl serde::de::Visitor<'_> for MappingKey {
    type Value = MappingKeyName;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("`statement` or `level`")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<MappingKeyName, E> {
        match key {
            "statement" => Ok(MappingKeyName::Statement),
            "level" => Ok(MappingKeyName::Level),
            // Worded as serde words an unknown key of the other tables, so the message and
            // its "did you mean" hint are made the same way.
            other => Err(E::custom(format_args!(
                "unknown field `{other}`, expected one of {}",
                MAPPING_KEYS
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

/// The shapes a mapping may be written in, for the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum MappingForm {
    /// `K4`, `K4:developed`, `K4=D` or `K4 (D)`.
    Text(String),
    /// A statement and a level.
    Table {
        /// Statement code (`K4`), or qualified id (`realising-recovery-2007:K4`).
        statement: String,
        /// Level name; none means the lowest level of the framework's scale.
        #[serde(default)]
        level: Option<String>,
    },
}

impl JsonSchema for Mapping {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Mapping".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        MappingForm::json_schema(generator)
    }
}

impl Mapping {
    /// Reads the string forms: `K4`, `K4:developed`, `K4=D`, `K4 (D)`.
    ///
    /// The level is kept as written; abbreviations are resolved against the framework's scale
    /// when the curriculum is validated.
    pub fn parse(text: &str) -> Self {
        let text = trim(text);
        if text.ends_with(')')
            && let Some((code, rest)) = text.split_once('(')
            && let Some(inner) = rest.strip_suffix(')')
        {
            return Mapping {
                statement: trim(code).into(),
                level: Some(trim(inner).into()),
            };
        }
        // A qualified id (`framework:K4`) also holds a colon, so the level is whatever follows
        // the last separator, and only if it does not look like a code itself. Both are ASCII,
        // so the text is searched as bytes.
        if let Some(pos) = text.bytes().rposition(|b| b == b'=' || b == b':')
            && let (Some(code), Some(level)) = (text.get(..pos), text.get(pos + 1..))
        {
            let is_level = text.as_bytes().get(pos) == Some(&b'=')
                || !level.bytes().any(|c| c.is_ascii_digit());
            let code = trim(code);
            if is_level && !code.is_empty() {
                return Mapping {
                    statement: code.into(),
                    level: Some(trim(level).into()),
                };
            }
        }
        Mapping {
            statement: text.into(),
            level: None,
        }
    }
}

/// Trims whitespace; the common all-ASCII case without the Unicode tables, since this runs for
/// every mapping of every curriculum. Non-ASCII text (a no-break space pasted from a
/// spreadsheet) is trimmed in full.
pub(crate) fn trim(s: &str) -> &str {
    if s.is_ascii() {
        s.trim_ascii()
    } else {
        s.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_keeps_its_code_and_level_in_place() {
        for text in ["K4", "K4:developed", "K4=D", "K4 (D)", "S11 : assessed"] {
            let m = Mapping::parse(text);
            assert!(!m.statement.is_heap_allocated(), "{text}");
            assert!(
                m.level.as_ref().is_none_or(|l| !l.is_heap_allocated()),
                "{text}"
            );
        }
        let m = Mapping::parse("S11 : assessed");
        assert_eq!(
            (m.statement.as_str(), m.level.as_deref()),
            ("S11", Some("assessed"))
        );
        // A code longer than 24 bytes is kept whole, on the heap.
        let long = "realising-recovery-2007:K4";
        assert_eq!(Mapping::parse(long).statement, long);
    }
}
