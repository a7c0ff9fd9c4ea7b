//! The options objects JavaScript passes, in camelCase. Their TypeScript types are generated
//! from these definitions (through their JSON Schema), like those of the core's types. Each
//! turns into the core's own options; a default left out is the core's default.

use schemars::JsonSchema;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use waypost::{Diagnostic, Error, Format, Policy};

use crate::{
    convert::{Input, ReadOptions},
    report::ReportPart,
};

/// What to check a curriculum against, and how to read it when it is text.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckOptions {
    /// The framework's id (default: the first the curriculum declares, else
    /// `realising-recovery-2007`).
    pub framework: Option<String>,
    /// The policy, as text (TOML, JSON or YAML) or as an object (default: every statement at
    /// least introduced); or a list of them, each for the framework it names
    /// (`framework = "..."`), one naming none for every other framework checked.
    #[schemars(with = "Option<PolicySources>")]
    pub policy: Option<serde_json::Value>,
    /// The curriculum's file name: named in errors, and its extension gives the format.
    pub name: Option<String>,
    /// The curriculum's format when it is text: `toml`, `json`, `yaml` or `csv` (default:
    /// from `name`, else guessed from the text).
    #[schemars(with = "Option<waypost::Format>")]
    pub format: Option<String>,
    /// `check` only: the parts of the report to hand over, for a caller that reads only some
    /// (default: the whole report). The check is the same; only the named keys cross into
    /// JavaScript, in the report's order. Left out of the `CheckOptions` type: `check`'s
    /// TypeScript overload with `parts` returns `Pick<Report, ...>` of exactly those parts.
    #[schemars(skip)]
    pub parts: Option<Vec<ReportPart>>,
}

/// A policy as text (TOML, JSON or YAML) or as an object. Only its schema is used, for the
/// TypeScript type: the value itself is read by the core's policy loader.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum PolicySource {
    /// The policy as text.
    Text(String),
    /// The policy as an object.
    Object(Policy),
}

/// One policy or a list of them. Only its schema is used, for the TypeScript type.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum PolicySources {
    /// One policy.
    One(PolicySource),
    /// A policy a framework (one naming none for the rest).
    Many(Vec<PolicySource>),
}

impl CheckOptions {
    /// The policies the options give (none: the default one), read by the core's loader.
    pub fn policies(&self) -> Result<Vec<Policy>, Error> {
        let one = |value: &serde_json::Value| {
            let input = Input::from_json(value, "policy")?;
            waypost::load_policy(crate::convert::document(&input.text, input.format, None))
        };
        match &self.policy {
            None | Some(serde_json::Value::Null) => Ok(Vec::new()),
            Some(serde_json::Value::Array(values)) => values.iter().map(one).collect(),
            Some(value) => Ok(vec![one(value)?]),
        }
    }

    /// Reads a curriculum given as text or an object, with these options' name and format.
    pub fn curriculum(&self, value: &JsValue) -> Result<waypost::Curriculum, Error> {
        self.read().curriculum(value)
    }

    /// Refuses `parts` where there is no report to take parts of.
    pub fn no_parts(&self, function: &str) -> Result<(), Error> {
        if self.parts.is_none() {
            return Ok(());
        }
        Err(Error::parse(
            Diagnostic::new(format!("`{function}` takes no `parts` option"))
                .with_hint("`parts` picks the parts of the report `check` hands over"),
        ))
    }

    fn read(&self) -> ReadOptions {
        ReadOptions {
            name: self.name.clone(),
            format: self.format.clone(),
        }
    }
}

/// Which framework to suggest statements from, and how many.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestOptions {
    /// The framework's id (default `realising-recovery-2007`).
    pub framework: Option<String>,
    /// At most this many suggestions (default 5).
    pub top: Option<usize>,
    /// Leave out suggestions scoring below this (default 0: keep every statement that matches
    /// at all).
    pub min_score: Option<f64>,
    /// Confirmed examples: outcomes mapped already, each `{ source, text, codes }`.
    pub examples: Vec<waypost::Example>,
}

impl SuggestOptions {
    /// The framework to suggest from.
    pub fn framework(&self) -> &str {
        waypost::framework_for(self.framework.as_deref(), None)
    }

    /// The core's options.
    pub fn core(&self) -> waypost::SuggestOptions {
        let default = waypost::SuggestOptions::default();
        waypost::SuggestOptions {
            top: self.top.unwrap_or(default.top),
            min_score: self.min_score.unwrap_or(default.min_score),
        }
    }
}

/// Which units of a curriculum to suggest mappings for, and how the curriculum is read.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestCurriculumOptions {
    /// The framework's id (default: the first the curriculum declares, else
    /// `realising-recovery-2007`).
    pub framework: Option<String>,
    /// At most this many suggestions per unit (default 3).
    pub top: Option<usize>,
    /// Leave out suggestions scoring below this (default 0.32, so a unit outside the framework
    /// gets none).
    pub min_score: Option<f64>,
    /// Suggest for units that map at most this many statements already (default 0: only units
    /// that map none).
    pub max_mappings: Option<usize>,
    /// Use the curriculum's own mapped units as confirmed examples (default true).
    pub from_mapped: Option<bool>,
    /// More confirmed examples: outcomes mapped elsewhere, each `{ source, text, codes }`.
    pub examples: Vec<waypost::Example>,
    /// The curriculum's file name: named in errors, and its extension gives the format.
    pub name: Option<String>,
    /// The curriculum's format when it is text (default: from `name`, else guessed).
    #[schemars(with = "Option<waypost::Format>")]
    pub format: Option<String>,
}

impl SuggestCurriculumOptions {
    /// The core's options.
    pub fn core(&self) -> waypost::CurriculumSuggestOptions {
        let default = waypost::CurriculumSuggestOptions::default();
        waypost::CurriculumSuggestOptions {
            max_mappings: self.max_mappings.unwrap_or(default.max_mappings),
            top: self.top.unwrap_or(default.top),
            min_score: self.min_score.unwrap_or(default.min_score),
            from_mapped: self.from_mapped.unwrap_or(default.from_mapped),
        }
    }

    /// How the curriculum is read.
    pub fn read(&self) -> ReadOptions {
        ReadOptions {
            name: self.name.clone(),
            format: self.format.clone(),
        }
    }
}

/// What a development plan aims at, and how the self-assessment is read when it is text.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanOptions {
    /// The level to plan towards, overriding the self-assessment's `target`.
    pub target: Option<String>,
    /// Count statements the worker did not rate as needs (by default they are listed apart).
    pub include_unrated: bool,
    /// The self-assessment's file name: named in errors, and its extension gives the format.
    pub name: Option<String>,
    /// The self-assessment's format when it is text: `toml`, `json` or `yaml` (default: from
    /// `name`, else guessed from the text).
    #[schemars(with = "Option<waypost::Format>")]
    pub format: Option<String>,
}

impl PlanOptions {
    /// The core's options.
    pub fn core(&self) -> waypost::PlanOptions {
        waypost::PlanOptions {
            target: self.target.clone(),
            include_unrated: self.include_unrated,
        }
    }

    /// Reads a self-assessment given as text or an object.
    pub fn self_assessment(&self, value: &JsValue) -> Result<waypost::SelfAssessment, Error> {
        let input = Input::from_js(value, self.format.as_deref(), "self-assessment")?;
        waypost::load_self_assessment(crate::convert::document(
            &input.text,
            input.format,
            self.name.as_deref(),
        ))
    }
}

/// How a CASE package is read as a framework.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseImportOptions {
    /// The framework id (default: the one a waypost export recorded, else the title's words).
    pub id: Option<String>,
    /// How domains are found: `auto` (the top of the hierarchy when it has children, else the
    /// item types), `hierarchy` or `item-type`.
    pub domains: waypost::DomainRule,
    /// The package's file name, named in notes and errors.
    pub name: Option<String>,
}

/// Choices for a CASE export.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseExportOptions {
    /// Where the package will be served: each `uri` becomes `BASE/CFItems/UUID` and so on
    /// (default: `urn:uuid:UUID`).
    pub base_uri: Option<String>,
    /// The `lastChangeDateTime` of every record, RFC 3339 (default: the framework's date of
    /// publication, so the export is reproducible).
    pub last_change: Option<String>,
}

/// How a Moodle competency framework CSV is read as a framework.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct MoodleImportOptions {
    /// The framework id (default: the framework's ID number, as lowercase words).
    pub id: Option<String>,
    /// The file's name, named in notes and errors.
    pub name: Option<String>,
}

/// How a framework kept as a spreadsheet (CSV, one row per statement) is read as a framework:
/// what the sheet cannot say.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct FrameworkGridImportOptions {
    /// The framework's id (default: the file name as lowercase words).
    pub id: Option<String>,
    /// Its title (default: the file name).
    pub title: Option<String>,
    /// Who publishes it (default: a placeholder, with a note).
    pub publisher: Option<String>,
    /// The year of the edition (default: 0, with a note).
    pub year: Option<u16>,
    /// The file's name, named in notes and errors.
    pub name: Option<String>,
}

/// How a mapping grid becomes a curriculum file.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct GridImportOptions {
    /// The framework the grid's codes belong to (default: the one the grid names, else
    /// `realising-recovery-2007`); the grid is checked against it.
    pub framework: Option<String>,
    /// The curriculum's id (default: the grid's, or its file name).
    pub id: Option<String>,
    /// The curriculum's title (default: the grid's, or its file name).
    pub title: Option<String>,
    /// The grid's file name, named in errors and in the file's header.
    pub name: Option<String>,
}

impl GridImportOptions {
    /// The core's options.
    pub fn core(&self) -> waypost::GridImportOptions {
        waypost::GridImportOptions {
            framework: self.framework.clone(),
            id: self.id.clone(),
            title: self.title.clone(),
        }
    }
}

/// One curriculum of a portfolio, as text.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortfolioItem {
    /// Its file name: named in the portfolio and in errors; its extension gives the format.
    pub name: String,
    /// The file's text (TOML, JSON, YAML or a mapping-grid CSV).
    pub text: String,
    /// Its format, when the name does not say (default: from `name`, else guessed).
    #[serde(default)]
    #[schemars(with = "Option<waypost::Format>")]
    pub format: Option<String>,
}

impl PortfolioItem {
    /// The curriculum, or why it could not be read: a portfolio lists a file that cannot be
    /// read among its failures rather than stopping.
    pub fn entry(self) -> waypost::Entry {
        let loaded = self
            .format
            .as_deref()
            .map(Format::parse)
            .transpose()
            .and_then(|format| {
                waypost::load_curriculum(crate::convert::document(
                    &self.text,
                    format,
                    Some(&self.name),
                ))
            });
        (self.name, loaded)
    }
}

/// The framework a portfolio is analysed against.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct PortfolioOptions {
    /// The framework's id (default `realising-recovery-2007`).
    pub framework: Option<String>,
    /// Flag taught statements reaching fewer learners a year than this (default 50).
    pub few_learners: Option<u64>,
    /// Settings of one's own, known as well as the listed ones.
    pub settings: Vec<String>,
    /// For each statement no course covers, add the activities and resources linked to it and
    /// the courses covering its neighbours.
    pub gaps_to_training: bool,
}

/// The framework two versions are compared against, and their names.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct DiffOptions {
    /// The framework's id (default: the first the new version declares, else the old one's,
    /// else `realising-recovery-2007`).
    pub framework: Option<String>,
    /// The old version's file name, when it is text: named in errors, and its extension gives
    /// the format.
    pub old_name: Option<String>,
    /// The new version's file name, when it is text.
    pub new_name: Option<String>,
}

/// One self-assessment of a team view, as a file's name and text.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamItem {
    /// Its file name: named in errors; its extension gives the format.
    pub name: String,
    /// The file's text (TOML, JSON or YAML).
    pub text: String,
    /// Its format, when the name does not say (default: from `name`, else guessed).
    #[serde(default)]
    #[schemars(with = "Option<waypost::Format>")]
    pub format: Option<String>,
}

impl TeamItem {
    /// The self-assessment, or why it could not be read: a team view lists a file that cannot
    /// be read among its failures rather than stopping.
    pub fn entry(self) -> waypost::TeamEntry {
        let loaded = self
            .format
            .as_deref()
            .map(Format::parse)
            .transpose()
            .and_then(|format| {
                waypost::load_self_assessment(crate::convert::document(
                    &self.text,
                    format,
                    Some(&self.name),
                ))
            });
        (self.name, loaded)
    }
}

/// How a team view counts its members.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamOptions {
    /// The level every member is counted against, overriding each self-assessment's `target`.
    pub target: Option<String>,
    /// Name the members below target (for a supervisor); by default the view only counts.
    pub names: bool,
}

/// Which framework a what-to-expect page is made from.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpectOptions {
    /// The framework's id (default `realising-recovery-2007`).
    pub framework: Option<String>,
}
