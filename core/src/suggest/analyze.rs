//! Turning text into the terms the ranking compares: words, lowercased, with British and
//! American spellings folded together, stop words dropped, and English stems.
//!
//! The same analysis runs over a framework's statements and over the text a person types, so
//! "hopeful" and "hope", or "centered" and "centred", meet on the same term.

use rust_stemmers::{Algorithm, Stemmer};

use super::weights::weighting;

/// One word of a text, as written and as the ranking sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The word as written (lowercased), for explaining a match.
    pub surface: String,
    /// Its stem, the term that is compared.
    pub stem: String,
}

/// The analyser: a Snowball English stemmer and the stop lists.
pub(crate) struct Analyzer {
    stemmer: Stemmer,
    /// The stems of each word list below, computed once.
    lists: Lists,
}

#[derive(Default)]
struct Lists {
    knowledge: Vec<String>,
    skills: Vec<String>,
    values: Vec<String>,
    value_nouns: Vec<String>,
    demonstrate: Vec<String>,
    /// Stems dropped: the framing words of the weighting file.
    drop: Vec<String>,
    /// Stems counted for less, with their weight.
    down: Vec<(String, f64)>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(english)")
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        let stems = |list: &[&str]| -> Vec<String> {
            list.iter().map(|w| stemmer.stem(w).into_owned()).collect()
        };
        let lists = Lists {
            knowledge: stems(KNOWLEDGE_VERBS),
            skills: stems(SKILL_VERBS),
            values: stems(VALUE_VERBS),
            value_nouns: stems(VALUE_NOUNS),
            demonstrate: stems(&["demonstrate", "show", "display"]),
            drop: {
                let mut d: Vec<String> = weighting()
                    .drop
                    .words
                    .iter()
                    .map(|w| stemmer.stem(w).into_owned())
                    .collect();
                d.sort_unstable();
                d.dedup();
                d
            },
            down: weighting()
                .down
                .iter()
                .flat_map(|tier| {
                    tier.words
                        .iter()
                        .map(|w| (stemmer.stem(w).into_owned(), tier.weight))
                })
                .collect(),
        };
        Analyzer { stemmer, lists }
    }
}

impl Analyzer {
    /// The content words of a text, in order. Stop words are dropped, so two content words that
    /// were separated only by stop words become neighbours (and can form a phrase).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        words(text)
            .into_iter()
            .filter(|w| !is_stop_word(w))
            .map(|w| {
                let folded = fold_spelling(&w);
                let stem = self.stemmer.stem(&folded).into_owned();
                Token { surface: w, stem }
            })
            .filter(|t| !t.stem.is_empty() && self.lists.drop.binary_search(&t.stem).is_err())
            .collect()
    }
}

/// Splits a text into lowercase words: runs of letters and digits. Apostrophes end a word and
/// a possessive `'s` is dropped ("person's" is "person"); hyphens and slashes separate words
/// ("person-centred" is "person", "centred").
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            continue;
        }
        let apostrophe = matches!(c, '\'' | '’' | '‘' | 'ʼ');
        if apostrophe && !current.is_empty() {
            // "person's", "peoples’": the possessive ends the word.
            if chars.peek().is_some_and(|n| *n == 's' || *n == 'S') {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek().is_none_or(|n| !n.is_alphanumeric()) {
                    chars.next();
                }
            }
        }
        if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Folds American spellings into the British ones the frameworks use, so both meet on one
/// stem: `-ize`/`-ization` as `-ise`/`-isation`, `center` as `centre`, `behavior` as
/// `behaviour`, `counselor` as `counsellor`.
fn fold_spelling(word: &str) -> String {
    const WHOLE: &[(&str, &str)] = &[
        ("center", "centre"),
        ("centers", "centres"),
        ("centered", "centred"),
        ("centering", "centring"),
        ("behavior", "behaviour"),
        ("behaviors", "behaviours"),
        ("behavioral", "behavioural"),
        ("counselor", "counsellor"),
        ("counselors", "counsellors"),
        ("counseling", "counselling"),
        ("judgment", "judgement"),
        ("judgmental", "judgemental"),
        ("program", "programme"),
        ("programs", "programmes"),
        ("pediatric", "paediatric"),
        ("stigmatizing", "stigmatising"),
    ];
    if let Some((_, british)) = WHOLE.iter().find(|(american, _)| *american == word) {
        return (*british).to_string();
    }
    const ENDINGS: &[(&str, &str)] = &[
        ("ization", "isation"),
        ("izations", "isations"),
        ("izing", "ising"),
        ("ized", "ised"),
        ("izes", "ises"),
        ("ize", "ise"),
    ];
    for (american, british) in ENDINGS {
        if let Some(head) = word.strip_suffix(american)
            && head.chars().count() >= 3
        {
            return format!("{head}{british}");
        }
    }
    word.to_string()
}

/// Whether a word carries no meaning for matching: English function words. The words that frame
/// an outcome or a statement are dropped by stem, from `core/data/suggest/weighting.toml`.
pub(crate) fn is_stop_word(word: &str) -> bool {
    word.chars().count() < 2
        || word.chars().all(|c| c.is_ascii_digit())
        || FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// English function words (sorted, for binary search).
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "eg",
    "either",
    "etc",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "ie",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "per",
    "rather",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// The domain of Bloom's taxonomy an outcome's opening verb points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Leaning {
    /// Cognitive: know, describe, explain (the framework's Knowledge).
    Knowledge,
    /// Psychomotor and interpersonal: use, support, carry out (Skills).
    Skills,
    /// Affective: value, respect, believe (Values).
    Values,
}

impl Analyzer {
    /// The domain the text's opening verb points to, if it opens with one of the verbs learning
    /// outcomes are written with. A heading before a colon ("Role play: responding to ...") and
    /// adverbs ("critically", "effectively") are skipped; "demonstrate" or "show" followed by a
    /// belief, commitment or respect is a value.
    pub fn leaning(&self, text: &str) -> Option<Leaning> {
        let body = text.rsplit_once(':').map_or(text, |(_, rest)| rest);
        let all = words(body);
        let mut rest = all.iter().map(String::as_str).skip_while(|w| {
            matches!(
                *w,
                "to" | "be" | "able" | "will" | "can" | "students" | "student"
            ) || w.ends_with("ly")
        });
        let verb = rest.next()?;
        let next: Vec<&str> = rest.filter(|w| !is_stop_word(w)).take(2).collect();
        let in_list = |list: &[String], w: &str| {
            let stem = self.stemmer.stem(w);
            list.iter().any(|v| *v == stem)
        };
        let l = &self.lists;
        if in_list(&l.demonstrate, verb) {
            return Some(if next.iter().any(|w| in_list(&l.value_nouns, w)) {
                Leaning::Values
            } else {
                Leaning::Skills
            });
        }
        if in_list(&l.knowledge, verb) {
            Some(Leaning::Knowledge)
        } else if in_list(&l.skills, verb) {
            Some(Leaning::Skills)
        } else if in_list(&l.values, verb) {
            Some(Leaning::Values)
        } else {
            None
        }
    }
}

/// Verbs of knowing (Bloom's cognitive domain).
const KNOWLEDGE_VERBS: &[&str] = &[
    "analyse",
    "analyze",
    "appraise",
    "compare",
    "contrast",
    "critique",
    "define",
    "describe",
    "differentiate",
    "discuss",
    "distinguish",
    "examine",
    "explain",
    "explore",
    "identify",
    "investigate",
    "know",
    "list",
    "outline",
    "summarise",
    "understand",
];

/// Verbs of doing (psychomotor and interpersonal skills).
const SKILL_VERBS: &[&str] = &[
    "administer",
    "agree",
    "apply",
    "assess",
    "assist",
    "build",
    "carry",
    "collaborate",
    "communicate",
    "complete",
    "conduct",
    "convey",
    "deliver",
    "document",
    "enable",
    "engage",
    "establish",
    "facilitate",
    "give",
    "help",
    "implement",
    "involve",
    "lead",
    "listen",
    "manage",
    "negotiate",
    "perform",
    "plan",
    "practise",
    "provide",
    "record",
    "respond",
    "signpost",
    "support",
    "talk",
    "teach",
    "undertake",
    "use",
    "work",
];

/// Verbs of valuing (Bloom's affective domain).
const VALUE_VERBS: &[&str] = &[
    "accept",
    "adopt",
    "appreciate",
    "believe",
    "champion",
    "commit",
    "embrace",
    "respect",
    "uphold",
    "value",
];

/// What "demonstrate" or "show" is followed by when the outcome is about a value.
const VALUE_NOUNS: &[&str] = &[
    "attitude",
    "belief",
    "commitment",
    "compassion",
    "respect",
    "value",
    "willingness",
];

impl Analyzer {
    /// How much a stem counts, from the weighting file: 1 for most words, less for the
    /// generic words of outcomes and statements.
    pub fn weight(&self, stem: &str) -> f64 {
        self.lists
            .down
            .iter()
            .find(|(w, _)| w == stem)
            .map_or(1.0, |(_, weight)| *weight)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn stop_lists_are_sorted_for_binary_search() {
        let mut sorted = FUNCTION_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, FUNCTION_WORDS);
    }

    #[test]
    fn words_split_on_hyphens_and_drop_possessives() {
        assert_eq!(
            words("A person's person-centred plan; peoples’ recovery (e.g. WRAP)"),
            [
                "a", "person", "person", "centred", "plan", "peoples", "recovery", "e", "g", "wrap"
            ]
        );
    }

    #[test]
    fn stems_and_spellings_meet() {
        let a = Analyzer::default();
        let stems = |t: &str| a.tokens(t).into_iter().map(|t| t.stem).collect::<Vec<_>>();
        assert_eq!(stems("hopeful"), stems("hope"));
        assert_eq!(stems("person-centered"), stems("person centred"));
        assert_eq!(stems("organization"), stems("organisation"));
        assert!(stems("Describe the role of the named person").len() == 2);
    }
}
