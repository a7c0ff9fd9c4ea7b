//! Suggested mappings: for the text of a learning outcome, session or activity, the statements
//! of a framework it most likely addresses, ranked, scored and explained.
//!
//! A suggestion is a proposal for a person to confirm, never a mapping on its own: nothing here
//! changes a curriculum. The ranking is lexical and runs offline (BM25F over each statement's
//! published text, curated label, themes and synonyms, with English stemming and word pairs);
//! `docs/suggest.md` reports how well it does on the labelled set in `tests/suggest/`.

mod analyze;
mod grid;
mod index;
mod render;
mod weights;

// The suggester's evaluation on the labelled sets of `tests/suggest/`, and its behaviour
// through the facade.
#[cfg(test)]
mod tests;

use std::{
    hash::{Hash, Hasher},
    sync::{Arc, Mutex, PoisonError},
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use grid::suggestions_grid;
pub use index::Tuning;
pub use render::{curriculum_suggestions_text, suggestions_text};

use crate::{
    catalog::Catalog,
    error::{Diagnostic, Error, Result},
    model::{curriculum::Curriculum, framework::Framework},
};
use index::{Field, Hit, Index};

/// Scores below this are weak: on the evaluation set, outcomes outside the framework score
/// below it and outcomes a person would map mostly score above (see `docs/suggest.md`).
pub const WEAK_BELOW: f64 = 0.32;

/// How many suggestions to return, and which to leave out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SuggestOptions {
    /// At most this many suggestions (default 5).
    pub top: usize,
    /// Leave out suggestions scoring below this (default 0: keep every statement that matches
    /// at all).
    pub min_score: f64,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            top: 5,
            min_score: 0.0,
        }
    }
}

/// One statement a text most likely addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Suggestion {
    /// The statement's code (`K4`).
    pub code: String,
    /// Its qualified id (`realising-recovery-2007:K4`).
    pub id: String,
    /// Its domain's id.
    pub domain: String,
    /// Its curated label.
    pub label: String,
    /// How strongly the text points to it, from 0 (nothing in common) towards 1.
    pub score: f64,
    /// Whether the score is below [`WEAK_BELOW`]: a weak suggestion, not to be taken as a
    /// mapping without a careful look.
    #[serde(default)]
    pub weak: bool,
    /// Why: the words that matched, and the confirmed examples that voted, strongest first.
    pub reasons: Vec<Reason>,
}

/// A confirmed mapping used as a labelled example: an outcome someone has mapped already,
/// whose statements vote for the texts that read like it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Example {
    /// Where it comes from, for the reason shown: `LO3 of MHN2001`.
    pub source: String,
    /// Its text.
    pub text: String,
    /// The codes of the statements it maps.
    pub codes: Vec<String>,
}

/// How many of the nearest examples vote, and how close one must be to vote at all.
const NEIGHBOURS: usize = 5;
const MIN_SIMILARITY: f64 = 0.15;

/// One reason for a suggestion: a word or pair of words of the text, and what it matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reason {
    /// How it matched.
    pub kind: ReasonKind,
    /// The words of the text, as written (lowercased).
    pub text: String,
    /// What they matched in the statement: a word of its text or label, a curated synonym or
    /// theme, or a pair of words.
    pub matched: String,
    /// Its share of the score.
    pub weight: f64,
}

/// How a word of the text matched a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// The same word is in the statement's published text.
    Word,
    /// Another form of the word (the same English stem) is in the published text.
    Stem,
    /// The word is in the statement's curated label.
    Label,
    /// The word is part of a curated synonym of the statement.
    Synonym,
    /// The word is part of a curated theme of the statement.
    Theme,
    /// Two neighbouring words of the text match two neighbouring words of the statement.
    Phrase,
    /// A confirmed example that reads like the text maps the statement.
    Example,
}

impl ReasonKind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Word => "word",
            Self::Stem => "stem",
            Self::Label => "label",
            Self::Synonym => "synonym",
            Self::Theme => "theme",
            Self::Phrase => "phrase",
            Self::Example => "example",
        }
    }
}

/// A framework's statements, indexed for suggestions. Building one takes a few milliseconds;
/// [`suggester`] keeps the ones built so each framework is indexed once.
#[derive(Debug)]
pub struct Suggester {
    framework: String,
    statements: Vec<(String, String, String)>,
    index: Index,
}

impl Suggester {
    /// Indexes a framework with the default ranking parameters.
    pub fn new(framework: &Framework) -> Self {
        Suggester::with_tuning(framework, Tuning::default())
    }

    /// Indexes a framework with other ranking parameters (for evaluation).
    pub fn with_tuning(framework: &Framework, tuning: Tuning) -> Self {
        Suggester {
            framework: framework.id.clone(),
            statements: framework
                .statements
                .iter()
                .map(|s| (s.code.clone(), s.domain.clone(), s.label.clone()))
                .collect(),
            index: Index::build(framework, tuning),
        }
    }

    /// The statements a text most likely addresses, best first. Ties keep printed order.
    #[cfg(test)]
    pub fn suggest(&self, text: &str, options: &SuggestOptions) -> Vec<Suggestion> {
        self.suggest_with_examples(text, options, &[])
    }

    /// As [`Suggester::suggest`], with confirmed mappings as labelled examples: the examples
    /// that read most like the text (by the same analysis and word weights) vote for the
    /// statements they map, each in proportion to the square of how alike they read, so a
    /// close example counts for much more than a loosely similar one.
    pub fn suggest_with_examples(
        &self,
        text: &str,
        options: &SuggestOptions,
        examples: &[Example],
    ) -> Vec<Suggestion> {
        let query = self.index.query(text);
        let mut scored = self.index.score(&query);
        let tuning = self.index.tuning();
        if tuning.examples > 0.0 && !examples.is_empty() {
            let mut near: Vec<(f64, &Example)> = examples
                .iter()
                .map(|e| (self.index.similarity(&query, &self.index.query(&e.text)), e))
                .filter(|(sim, _)| *sim >= MIN_SIMILARITY)
                .collect();
            near.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (sim, example) in near.into_iter().take(NEIGHBOURS) {
                for code in &example.codes {
                    let Some(i) = self
                        .statements
                        .iter()
                        .position(|(c, _, _)| c.eq_ignore_ascii_case(code.trim()))
                    else {
                        continue;
                    };
                    let Some((raw, hits)) = scored.get_mut(i) else {
                        continue;
                    };
                    let weight = tuning.examples * sim * sim * EXAMPLE_SCALE;
                    *raw += weight;
                    hits.push(Hit {
                        query: format!("{}, mapped to {}", example.source, code.trim()),
                        field: Field::Text,
                        matched: example.text.clone(),
                        bigram: false,
                        example: true,
                        weight,
                    });
                }
            }
        }
        let mut ranked: Vec<(usize, f64, Vec<Hit>)> = scored
            .into_iter()
            .enumerate()
            .filter(|(_, (raw, _))| *raw > 0.0)
            .map(|(i, (raw, hits))| (i, raw, hits))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .filter_map(|(i, raw, hits)| {
                let (code, domain, label) = self.statements.get(i)?;
                let score = present(raw);
                (score >= options.min_score).then(|| Suggestion {
                    code: code.clone(),
                    id: format!("{}:{code}", self.framework),
                    domain: domain.clone(),
                    label: label.clone(),
                    score: round(score),
                    weak: round(score) < WEAK_BELOW,
                    reasons: reasons(hits, raw),
                })
            })
            .take(options.top)
            .collect()
    }
}

/// What one fully alike example adds to the raw score, before `Tuning::examples`: as much as a
/// statement scoring 0.5 has in all.
const EXAMPLE_SCALE: f64 = 8.0;

/// Raw BM25F scores grow without bound; this maps them onto 0..1 (monotonically, so rankings
/// and thresholds are unchanged) so a person can read them: `raw / (raw + 8)`.
fn present(raw: f64) -> f64 {
    raw / (raw + 8.0)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn reasons(hits: Vec<Hit>, raw: f64) -> Vec<Reason> {
    let mut out: Vec<Reason> = hits
        .into_iter()
        .map(|h| {
            let kind = if h.example {
                ReasonKind::Example
            } else if h.bigram {
                ReasonKind::Phrase
            } else {
                match h.field {
                    Field::Text if h.matched == h.query => ReasonKind::Word,
                    Field::Text => ReasonKind::Stem,
                    Field::Label => ReasonKind::Label,
                    Field::Synonym => ReasonKind::Synonym,
                    Field::Theme => ReasonKind::Theme,
                }
            };
            Reason {
                kind,
                text: h.query,
                matched: h.matched,
                weight: if raw > 0.0 {
                    round(h.weight / raw)
                } else {
                    0.0
                },
            }
        })
        .collect();
    // Strongest first; ties in the order the words appear in the text.
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    out
}

/// Built indexes, keyed by a fingerprint of what they index, so a framework is indexed once
/// however many texts are ranked against it. Small: a handful of frameworks at most.
static CACHE: Mutex<Vec<(u64, Arc<Suggester>)>> = Mutex::new(Vec::new());
const CACHE_SIZE: usize = 8;

fn fingerprint(framework: &Framework) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    framework.id.hash(&mut h);
    for s in &framework.statements {
        (&s.code, &s.domain, &s.text, &s.items, &s.label).hash(&mut h);
        (&s.themes, &s.synonyms).hash(&mut h);
    }
    h.finish()
}

/// The index of a framework, built on first use and kept. A framework changed since (another
/// with the same id) is indexed afresh.
pub fn suggester(framework: &Framework) -> Arc<Suggester> {
    let key = fingerprint(framework);
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, s)) = cache.iter().find(|(k, _)| *k == key) {
        return Arc::clone(s);
    }
    let built = Arc::new(Suggester::new(framework));
    if cache.len() >= CACHE_SIZE {
        cache.remove(0);
    }
    cache.push((key, Arc::clone(&built)));
    built
}

/// The statements of a framework that a text (a learning outcome, session or activity) most
/// likely addresses, best first, each with a score and the reasons; confirmed mappings, when
/// given, are labelled examples (see [`Suggester::suggest_with_examples`]).
pub fn suggest_with_examples(
    catalog: &Catalog,
    framework: &str,
    text: &str,
    options: &SuggestOptions,
    examples: &[Example],
) -> Result<Vec<Suggestion>> {
    let framework = catalog.framework(framework)?;
    if text.trim().is_empty() {
        return Err(Error::parse(
            Diagnostic::new("the text to suggest statements for is empty")
                .with_hint("give the learning outcome, session or activity as written"),
        ));
    }
    Ok(suggester(framework).suggest_with_examples(text, options, examples))
}

/// Options for suggesting mappings across a whole curriculum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CurriculumSuggestOptions {
    /// Suggest for units that map at most this many statements already (default 0: only units
    /// that map none).
    pub max_mappings: usize,
    /// At most this many suggestions per unit (default 3).
    pub top: usize,
    /// Leave out suggestions scoring below this (default [`WEAK_BELOW`]), so a unit outside the
    /// framework gets none. Lowering it below [`WEAK_BELOW`] is how to ask for weak ones.
    pub min_score: f64,
    /// Use the curriculum's own mapped units as confirmed examples (default true).
    pub from_mapped: bool,
}

impl Default for CurriculumSuggestOptions {
    fn default() -> Self {
        CurriculumSuggestOptions {
            max_mappings: 0,
            top: 3,
            min_score: WEAK_BELOW,
            from_mapped: true,
        }
    }
}

/// Suggested mappings for the units of a curriculum that map none or few statements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CurriculumSuggestions {
    /// The curriculum's id.
    pub curriculum: String,
    /// The framework suggested from.
    pub framework: String,
    /// The options used.
    pub options: CurriculumSuggestOptions,
    /// Every unit considered (those mapping at most `max_mappings` statements), in order.
    pub units: Vec<UnitSuggestions>,
}

/// The suggestions for one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnitSuggestions {
    /// The module's code.
    pub module: String,
    /// The unit's id.
    pub unit: String,
    /// The unit's text, where it has one (a unit without text gets no suggestions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// What it maps already, as written.
    pub covers: Vec<String>,
    /// The suggested statements it does not map yet, best first.
    pub suggestions: Vec<Suggestion>,
}

/// The framework a curriculum is suggested against, by [`framework_for`](crate::framework_for).
pub(crate) fn target_framework<'a>(
    curriculum: &'a Curriculum,
    framework: Option<&'a str>,
) -> &'a str {
    crate::framework_of(framework, &curriculum.frameworks)
}

/// The id of the framework a curriculum is suggested against, by
/// [`framework_for`](crate::framework_for).
pub fn target_framework_id(curriculum: &Curriculum, framework: Option<&str>) -> String {
    target_framework(curriculum, framework).to_string()
}

/// The units of a curriculum that have text and map statements of a framework, as confirmed
/// examples: `LO3 of MHN2001`, its text, and the codes it maps (with the framework's prefix
/// and any level taken off).
pub fn examples_of(curriculum: &Curriculum, framework: &str) -> Vec<Example> {
    let mut out = Vec::new();
    for module in &curriculum.modules {
        for unit in &module.units {
            let Some(text) = unit.text.as_deref().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            let codes: Vec<String> = unit
                .covers
                .iter()
                .map(|m| code_of(&m.statement, framework).to_string())
                .collect();
            if codes.is_empty() {
                continue;
            }
            out.push(Example {
                source: format!("{} of {}", unit.id, module.code),
                text: text.to_string(),
                codes,
            });
        }
    }
    out
}

/// A mapped statement's code without the framework's prefix.
fn code_of<'a>(statement: &'a str, framework: &str) -> &'a str {
    let s = statement.trim();
    s.strip_prefix(framework)
        .and_then(|rest| rest.strip_prefix(':'))
        .unwrap_or(s)
}

/// Suggests mappings for every unit of a curriculum that maps at most `max_mappings`
/// statements, leaving out what each maps already. Nothing is applied. With `from_mapped`, the
/// curriculum's mapped units are examples, and `extra` adds more confirmed examples (another
/// curriculum's mapped units, a portfolio, a file of examples). A unit is never its own
/// example.
pub fn suggest_curriculum_with_examples(
    catalog: &Catalog,
    curriculum: &Curriculum,
    framework: Option<&str>,
    options: &CurriculumSuggestOptions,
    extra: &[Example],
) -> Result<CurriculumSuggestions> {
    let id = target_framework(curriculum, framework);
    let fw = catalog.framework(id)?;
    let index = suggester(fw);
    let per_unit = SuggestOptions {
        // Ask for more than needed: statements the unit maps already are dropped afterwards.
        top: usize::MAX,
        min_score: options.min_score,
    };
    let mut examples: Vec<Example> = if options.from_mapped {
        examples_of(curriculum, &fw.id)
    } else {
        Vec::new()
    };
    examples.extend(extra.iter().cloned());
    let mut units = Vec::new();
    for module in &curriculum.modules {
        for unit in &module.units {
            if unit.covers.len() > options.max_mappings {
                continue;
            }
            let mapped: Vec<&str> = unit
                .covers
                .iter()
                .map(|m| code_of(&m.statement, &fw.id))
                .collect();
            let own = format!("{} of {}", unit.id, module.code);
            let others: Vec<Example> = examples
                .iter()
                .filter(|e| e.source != own)
                .cloned()
                .collect();
            let suggestions = match unit.text.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(text) => index
                    .suggest_with_examples(text, &per_unit, &others)
                    .into_iter()
                    .filter(|s| !mapped.iter().any(|m| m.eq_ignore_ascii_case(&s.code)))
                    .take(options.top)
                    .collect(),
                None => Vec::new(),
            };
            units.push(UnitSuggestions {
                module: module.code.clone(),
                unit: unit.id.clone(),
                text: unit.text.clone(),
                covers: unit.covers.iter().map(mapping_text).collect(),
                suggestions,
            });
        }
    }
    Ok(CurriculumSuggestions {
        curriculum: curriculum.id.clone(),
        framework: fw.id.clone(),
        options: options.clone(),
        units,
    })
}

/// A mapping as a grid writes it: `K4`, or `K4:developed`.
pub(crate) use crate::grid::mapping_cell as mapping_text;

/// A suggestion's reasons in a few words: `hope (word), optimism (synonym “optimism”)`.
pub fn reasons_text(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| match r.kind {
            ReasonKind::Word => format!("{} (word)", r.text),
            ReasonKind::Stem => format!("{} ~ {} (stem)", r.text, r.matched),
            ReasonKind::Label => format!("{} (label)", r.text),
            ReasonKind::Example => format!("{}, says “{}”", r.text, r.matched),
            ReasonKind::Synonym | ReasonKind::Theme | ReasonKind::Phrase if r.text == r.matched => {
                format!("{} ({})", r.text, r.kind.as_str())
            }
            ReasonKind::Synonym | ReasonKind::Theme | ReasonKind::Phrase => {
                format!("{} ({} “{}”)", r.text, r.kind.as_str(), r.matched)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
