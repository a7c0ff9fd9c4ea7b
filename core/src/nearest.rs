//! The one "did you mean" rule: which known name a mistyped one is nearest to, if any.
//!
//! Every hint that names a near miss (an unknown key, a statement code, a module or unit of a
//! curriculum) asks [`nearest`], so a typo gets the same answer whatever it was typed into.

/// The candidate nearest to `wanted`, if one is near enough to suggest.
///
/// The rule: names are compared ignoring case, by the number of single-character edits
/// (insert, delete, replace, or swap two neighbours) between them. A candidate of one or two
/// characters is near at one edit (`K5` for `Q5`), a longer one at two (`level` for `lvl`,
/// `LO1` for `L02`, `MHN1001` for `MHN1010`), and one of more than eight characters at a third
/// of its length. Two edits turn any two-letter code into any other, so a short name allows
/// one. Of the near candidates, the one with the fewest edits wins; a tie goes to the first in
/// alphabetical order, so the answer does not depend on the order the names are listed in.
pub(crate) fn nearest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| {
            let edits = strsim::osa_distance(&c.to_lowercase(), &wanted);
            (edits <= allowed_edits(c)).then_some((edits, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// How many edits away from `candidate` a name may be and still be suggested.
fn allowed_edits(candidate: &str) -> usize {
    match candidate.chars().count() {
        0..=2 => 1,
        n => (n / 3).max(2),
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn one_edit_is_always_a_near_miss() {
        assert_eq!(nearest("Q5", ["K5", "S5", "V5"]), Some("K5"));
        assert_eq!(nearest("id", ["id", "kind"]), Some("id"));
        assert_eq!(nearest("x", ["id"]), None, "two edits on a two-letter name");
        assert_eq!(nearest("QQ", ["K1", "S1"]), None);
    }

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(nearest("levle", ["statement", "level"]), Some("level"));
        assert_eq!(nearest("taregt", ["target", "framework"]), Some("target"));
    }

    #[test]
    fn the_allowance_grows_with_the_candidate() {
        // Two edits from three characters on, a third of the length past eight.
        assert_eq!(nearest("MHN1010", ["MHN1001", "MHN2001"]), Some("MHN1001"));
        assert_eq!(nearest("lvl", ["level"]), Some("level"));
        assert_eq!(nearest("L02", ["LO1"]), Some("LO1"));
        assert_eq!(nearest("lv", ["level"]), None);
        assert_eq!(
            nearest("administration", ["administrator"]),
            Some("administrator")
        );
        assert_eq!(nearest("admin", ["administrator"]), None);
        assert_eq!(nearest("covrs", ["covers", "kind"]), Some("covers"));
        assert_eq!(nearest("assesment", ["assessments"]), Some("assessments"));
    }

    #[test]
    fn case_is_ignored_and_the_fewest_edits_win() {
        assert_eq!(nearest("COVERS", ["covers"]), Some("covers"));
        assert_eq!(nearest("LO9", ["LO1", "LO10"]), Some("LO1"));
        assert_eq!(nearest("LO19", ["LO10", "LO1"]), Some("LO1"));
    }

    #[test]
    fn ties_go_to_the_first_alphabetically_whatever_the_order() {
        assert_eq!(nearest("S9", ["S8", "S7"]), Some("S7"));
        assert_eq!(nearest("S9", ["S7", "S8"]), Some("S7"));
    }

    #[test]
    fn nothing_near_nothing_suggested() {
        assert_eq!(nearest("tags", ["text", "kind"]), None);
        assert_eq!(nearest("anything", std::iter::empty::<&str>()), None);
    }
}
