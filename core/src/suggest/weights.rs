//! What the ranking weighs, read from `core/data/suggest/weighting.toml`: the words it drops,
//! the words it counts for less, and extra curated wording per statement. Kept as data so the
//! weighting is documented and reproducible in one place, not spread through the code.

use std::{collections::BTreeMap, sync::OnceLock};

use serde::Deserialize;

const FILE: &str = include_str!("../../data/suggest/weighting.toml");

/// The weighting file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Weighting {
    /// Words dropped from texts and statements alike.
    #[serde(default)]
    pub drop: Words,
    /// Tiers of words counted for less.
    #[serde(default)]
    pub down: Vec<Tier>,
    /// Extra wording per framework id, per statement code.
    #[serde(default)]
    pub lexicon: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

/// A list of words.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Words {
    pub words: Vec<String>,
}

/// Words counted for less, and by how much.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tier {
    /// Why these words say little (for the reader of the file).
    #[allow(dead_code)]
    pub why: String,
    /// The multiplier of their rarity, from 0 to 1.
    pub weight: f64,
    pub words: Vec<String>,
}

/// The weighting, parsed once. The file is embedded and a test parses it, so the empty
/// fallback is never used in a build that passed its tests.
pub(crate) fn weighting() -> &'static Weighting {
    static PARSED: OnceLock<Weighting> = OnceLock::new();
    PARSED.get_or_init(|| toml::from_str(FILE).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn the_weighting_file_parses_and_its_weights_are_between_zero_and_one() {
        let w: Weighting = toml::from_str(FILE).unwrap();
        assert!(!w.drop.words.is_empty());
        assert!(!w.down.is_empty());
        for tier in &w.down {
            assert!((0.0..=1.0).contains(&tier.weight), "{}", tier.why);
        }
        assert!(w.lexicon.contains_key("realising-recovery-2007"));
    }
}
