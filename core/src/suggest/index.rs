//! A BM25F index over a framework's statements: each statement is a document with four fields
//! (published text, curated label, themes and synonyms), weighted separately, plus the word
//! pairs (bigrams) of each field, so that "advance statement" counts for more than "advance"
//! and "statement" found apart.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{
    analyze::{Analyzer, Leaning, Token},
    weights::weighting,
};
use crate::model::framework::Framework;

/// The fields of a statement that are searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// The published text and its sub-items.
    Text = 0,
    /// The curated label.
    Label = 1,
    /// The curated synonyms.
    Synonym = 2,
    /// The curated themes.
    Theme = 3,
}

const FIELDS: [Field; 4] = [Field::Text, Field::Label, Field::Synonym, Field::Theme];

/// The ranking's parameters. The defaults are the ones the evaluation in `docs/suggest.md`
/// settled on; they are public so the evaluation can be rerun with others.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tuning {
    /// BM25 term-frequency saturation.
    pub k1: f64,
    /// Weight of the published text.
    pub text: f64,
    /// Weight of the curated label.
    pub label: f64,
    /// Weight of the curated synonyms.
    pub synonyms: f64,
    /// Weight of the curated themes.
    pub themes: f64,
    /// Length normalisation of the published text (BM25's `b`).
    pub text_b: f64,
    /// Length normalisation of the synonyms.
    pub synonyms_b: f64,
    /// Weight of a matched word pair, relative to a single word.
    pub bigrams: f64,
    /// How much the share of the text's words a statement matches counts: the score is
    /// multiplied by that share (weighted by rarity) raised to this power. 0 turns it off.
    pub coverage: f64,
    /// How much of the weighting file's down-weighting applies: a word of weight `w` there
    /// counts `1 - weighting * (1 - w)`. 1 applies it as written; 0 turns it off.
    pub weighting: f64,
    /// Whether the weighting file's extra wording per statement (its lexicon) is searched, as
    /// synonyms.
    pub lexicon: bool,
    /// Weight of the votes of confirmed examples; 0 ignores examples.
    pub examples: f64,
    /// Boost for statements of the domain the text's opening verb points to (Bloom's
    /// cognitive, psychomotor and affective domains as Knowledge, Skills and Values). 0 turns
    /// it off.
    pub domain_prior: f64,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            k1: 1.2,
            text: 1.0,
            label: 1.0,
            synonyms: 1.0,
            themes: 0.8,
            text_b: 0.75,
            synonyms_b: 0.5,
            bigrams: 0.0,
            coverage: 0.5,
            weighting: 1.0,
            lexicon: true,
            examples: 0.5,
            domain_prior: 0.6,
        }
    }
}

impl Tuning {
    fn weight(&self, field: Field) -> f64 {
        match field {
            Field::Text => self.text,
            Field::Label => self.label,
            Field::Synonym => self.synonyms,
            Field::Theme => self.themes,
        }
    }

    fn b(&self, field: Field) -> f64 {
        match field {
            Field::Text => self.text_b,
            Field::Synonym => self.synonyms_b,
            Field::Label | Field::Theme => 0.0,
        }
    }
}

/// Where a term occurs in one statement, and how it was written there.
#[derive(Debug, Clone, Default)]
struct Posting {
    /// Occurrences per field.
    tf: [f64; 4],
    /// The first place it was found in each field: the word (text, label) or the whole phrase
    /// (a synonym, a theme), for explaining a match.
    seen: [Option<String>; 4],
}

#[derive(Debug, Clone, Default)]
struct Doc {
    leaning: Option<Leaning>,
    terms: HashMap<String, Posting>,
    bigrams: HashMap<String, (f64, String, Field)>,
    len: [f64; 4],
}

/// The index of one framework.
#[derive(Debug)]
pub(crate) struct Index {
    analyzer: Analyzer,
    tuning: Tuning,
    docs: Vec<Doc>,
    df: HashMap<String, usize>,
    bigram_df: HashMap<String, usize>,
    avg_len: [f64; 4],
}

/// One matched term of a statement: how it matched and what it contributed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    /// The words of the query, as written.
    pub query: String,
    /// The field it matched in first (text before label before synonym before theme).
    pub field: Field,
    /// What it matched there, as written.
    pub matched: String,
    /// Whether it is a word pair.
    pub bigram: bool,
    /// Whether it is a confirmed example's vote (then `query` names the example and `matched`
    /// holds its text).
    pub example: bool,
    /// Its contribution to the score.
    pub weight: f64,
}

/// A query, analysed once and scored against every statement.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    /// The domain the opening verb points to.
    leaning: Option<Leaning>,
    /// Distinct stems with the first way each was written.
    terms: Vec<(String, String)>,
    /// Distinct adjacent stem pairs with the words as written.
    bigrams: Vec<(String, String)>,
}

fn pair(a: &Token, b: &Token) -> (String, String) {
    (
        format!("{} {}", a.stem, b.stem),
        format!("{} {}", a.surface, b.surface),
    )
}

fn bigrams_of(tokens: &[Token]) -> Vec<(String, String)> {
    tokens
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a.stem != b.stem => Some(pair(a, b)),
            _ => None,
        })
        .collect()
}

impl Index {
    /// Indexes every statement of a framework, in printed order.
    pub fn build(framework: &Framework, tuning: Tuning) -> Self {
        let analyzer = Analyzer::default();
        let mut docs = Vec::with_capacity(framework.statements.len());
        for s in &framework.statements {
            let mut doc = Doc {
                leaning: leaning_of(framework, &s.domain),
                ..Doc::default()
            };
            let mut text = s.text.clone();
            for item in &s.items {
                text.push(' ');
                text.push_str(item);
            }
            let mut add = |field: Field, phrase: &str, whole_phrase: bool| {
                let tokens = analyzer.tokens(phrase);
                let f = field as usize;
                for t in &tokens {
                    let posting = doc.terms.entry(t.stem.clone()).or_default();
                    if let Some(tf) = posting.tf.get_mut(f) {
                        *tf += 1.0;
                    }
                    if let Some(seen) = posting.seen.get_mut(f)
                        && seen.is_none()
                    {
                        *seen = Some(if whole_phrase {
                            phrase.to_string()
                        } else {
                            t.surface.clone()
                        });
                    }
                }
                if let Some(len) = doc.len.get_mut(f) {
                    *len += tokens.len() as f64;
                }
                for (stem, surface) in bigrams_of(&tokens) {
                    let shown = if whole_phrase {
                        phrase.to_string()
                    } else {
                        surface
                    };
                    doc.bigrams.entry(stem).or_insert((0.0, shown, field)).0 += 1.0;
                }
            };
            add(Field::Text, &text, false);
            add(Field::Label, &s.label, false);
            for synonym in &s.synonyms {
                add(Field::Synonym, synonym, true);
            }
            if tuning.lexicon
                && let Some(extra) = weighting()
                    .lexicon
                    .get(&framework.id)
                    .and_then(|l| l.get(&s.code))
            {
                for phrase in extra {
                    add(Field::Synonym, phrase, true);
                }
            }
            for theme in &s.themes {
                add(Field::Theme, theme, true);
            }
            docs.push(doc);
        }
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut bigram_df: HashMap<String, usize> = HashMap::new();
        let mut total = [0.0; 4];
        for doc in &docs {
            for term in doc.terms.keys() {
                *df.entry(term.clone()).or_default() += 1;
            }
            for term in doc.bigrams.keys() {
                *bigram_df.entry(term.clone()).or_default() += 1;
            }
            for (t, l) in total.iter_mut().zip(doc.len) {
                *t += l;
            }
        }
        let n = docs.len().max(1) as f64;
        let avg_len = total.map(|t| (t / n).max(1.0));
        Index {
            analyzer,
            tuning,
            docs,
            df,
            bigram_df,
            avg_len,
        }
    }

    /// Analyses a text into the terms and word pairs it is searched by.
    pub fn query(&self, text: &str) -> Query {
        let tokens = self.analyzer.tokens(text);
        let mut terms: Vec<(String, String)> = Vec::new();
        for t in &tokens {
            if !terms.iter().any(|(s, _)| *s == t.stem) {
                terms.push((t.stem.clone(), t.surface.clone()));
            }
        }
        let mut bigrams: Vec<(String, String)> = Vec::new();
        for (stem, surface) in bigrams_of(&tokens) {
            if !bigrams.iter().any(|(s, _)| *s == stem) {
                bigrams.push((stem, surface));
            }
        }
        Query {
            leaning: self.analyzer.leaning(text),
            terms,
            bigrams,
        }
    }

    /// The parameters it ranks with.
    pub fn tuning(&self) -> &Tuning {
        &self.tuning
    }

    /// How alike two texts read, from 0 to 1: the cosine of their sets of terms, each weighted
    /// by its rarity among the statements and by the weighting file, as in ranking.
    pub fn similarity(&self, a: &Query, b: &Query) -> f64 {
        let weight = |stem: &str| {
            let idf = self.idf(self.df.get(stem).copied().unwrap_or(0));
            idf * (1.0 - self.tuning.weighting * (1.0 - self.analyzer.weight(stem)))
        };
        let norm = |q: &Query| {
            q.terms
                .iter()
                .map(|(s, _)| weight(s).powi(2))
                .sum::<f64>()
                .sqrt()
        };
        let (na, nb) = (norm(a), norm(b));
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let shared: f64 = a
            .terms
            .iter()
            .filter(|(s, _)| b.terms.iter().any(|(t, _)| t == s))
            .map(|(s, _)| weight(s).powi(2))
            .sum();
        shared / (na * nb)
    }

    fn idf(&self, df: usize) -> f64 {
        let n = self.docs.len() as f64;
        let df = df as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The score of every statement, in printed order, with the hits behind it.
    pub fn score(&self, query: &Query) -> Vec<(f64, Vec<Hit>)> {
        let k1 = self.tuning.k1;
        self.docs
            .iter()
            .map(|doc| {
                let mut total = 0.0;
                let mut hits = Vec::new();
                let mut matched_mass = 0.0;
                let mut query_mass = 0.0;
                for (stem, surface) in &query.terms {
                    let mut idf = self.idf(self.df.get(stem).copied().unwrap_or(0));
                    idf *= 1.0 - self.tuning.weighting * (1.0 - self.analyzer.weight(stem));
                    query_mass += idf;
                    let Some(posting) = doc.terms.get(stem) else {
                        continue;
                    };
                    matched_mass += idf;
                    let mut tf = 0.0;
                    for field in FIELDS {
                        let f = field as usize;
                        let raw = posting.tf.get(f).copied().unwrap_or(0.0);
                        if raw == 0.0 {
                            continue;
                        }
                        let b = self.tuning.b(field);
                        let len = doc.len.get(f).copied().unwrap_or(0.0);
                        let avg = self.avg_len.get(f).copied().unwrap_or(1.0);
                        tf += self.tuning.weight(field) * raw / (1.0 - b + b * len / avg);
                    }
                    if tf <= 0.0 {
                        continue;
                    }
                    let weight = idf * tf * (k1 + 1.0) / (k1 + tf);
                    total += weight;
                    if let Some((field, matched)) = FIELDS.iter().find_map(|field| {
                        posting
                            .seen
                            .get(*field as usize)
                            .and_then(Option::as_ref)
                            .map(|m| (*field, m.clone()))
                    }) {
                        hits.push(Hit {
                            query: surface.clone(),
                            field,
                            matched,
                            bigram: false,
                            example: false,
                            weight,
                        });
                    }
                }
                if self.tuning.bigrams > 0.0 {
                    for (stem, surface) in &query.bigrams {
                        let Some((tf, matched, field)) = doc.bigrams.get(stem) else {
                            continue;
                        };
                        let idf = self.idf(self.bigram_df.get(stem).copied().unwrap_or(0));
                        let tf = tf.min(1.0);
                        let weight = self.tuning.bigrams * idf * tf * (k1 + 1.0) / (k1 + tf);
                        total += weight;
                        hits.push(Hit {
                            query: surface.clone(),
                            field: *field,
                            matched: matched.clone(),
                            bigram: true,
                            example: false,
                            weight,
                        });
                    }
                }
                let mut factor = 1.0;
                if self.tuning.coverage > 0.0 && query_mass > 0.0 {
                    factor *= (matched_mass / query_mass).powf(self.tuning.coverage);
                }
                if query.leaning.is_some() && query.leaning == doc.leaning {
                    factor *= 1.0 + self.tuning.domain_prior;
                }
                for h in &mut hits {
                    h.weight *= factor;
                }
                (total * factor, hits)
            })
            .collect()
    }
}

/// Which of Bloom's domains a framework domain corresponds to, by its id or name: Realising
/// Recovery's Knowledge, Skills and Values. Other frameworks' domains get none.
fn leaning_of(framework: &Framework, domain: &str) -> Option<Leaning> {
    let d = framework.domains.iter().find(|d| d.id == domain)?;
    let name = format!("{} {}", d.id, d.name).to_lowercase();
    if name.contains("knowledge") {
        Some(Leaning::Knowledge)
    } else if name.contains("skill") {
        Some(Leaning::Skills)
    } else if name.contains("value") && !name.contains("values-based") {
        Some(Leaning::Values)
    } else {
        None
    }
}
