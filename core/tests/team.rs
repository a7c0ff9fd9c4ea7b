//! The team view: many self-assessments counted into a team's needs, names only when asked.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use waypost::{Catalog, Document, ReportFormat, Team, TeamOptions};

fn member(name: &str, ratings: &str) -> (String, waypost::Result<waypost::SelfAssessment>) {
    let text = format!("name = \"{name}\"\n[ratings]\n{ratings}\n");
    let file = format!("{}.toml", name.to_lowercase().replace(' ', "-"));
    let read = waypost::load_self_assessment(Document::named(&text, &file));
    (file, read)
}

fn team(entries: Vec<(String, waypost::Result<waypost::SelfAssessment>)>, names: bool) -> Team {
    let mut options = TeamOptions::default();
    options.names = names;
    waypost::team(Catalog::builtin().unwrap(), entries, &options).unwrap()
}

fn example() -> Team {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let entries = waypost::read_team(&[root.join("curricula/examples/team")]).unwrap();
    team(entries, false)
}

const EXAMPLE_NAMES: [&str; 12] = [
    "Priya Anand",
    "Callum Fraser",
    "Morag Sinclair",
    "Tomasz Nowak",
    "Aisha Bello",
    "Euan MacLeod",
    "Hannah Kerr",
    "Dev Raman",
    "Fiona Gallacher",
    "Sofia Costa",
    "Rory Buchanan",
    "Iain Wallace",
];

#[test]
fn members_are_counted_at_each_level_and_below_their_target() {
    let t = team(
        vec![
            member("Ann Lee", "K4 = \"none\"\nK5 = \"expert\""),
            member(
                "Bo Kim",
                "K4 = \"aware\"\nK5 = \"confident\"\nS10 = \"none\"",
            ),
            member("Cy Orr", "K4 = \"confident\""),
        ],
        false,
    );
    assert_eq!(t.members, 3);
    let k4 = t.statements.iter().find(|s| s.code == "K4").unwrap();
    assert_eq!(k4.counts, [1, 1, 0, 1, 0]);
    assert_eq!((k4.unrated, k4.below), (0, 2));
    let k5 = t.statements.iter().find(|s| s.code == "K5").unwrap();
    assert_eq!(
        (k5.counts.clone(), k5.unrated, k5.below),
        (vec![0, 0, 0, 1, 1], 1, 0)
    );
    // K4 is shared by two members, S10 by one: K4 first.
    let order: Vec<&str> = t.needs.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(order, ["K4", "S10"]);
    assert_eq!(t.needs[0].members, 2);
    // The first activity serves the most members, and each lists the needs it supports.
    let first = &t.activities[0];
    assert!(first.members >= t.activities.last().unwrap().members);
    assert!(
        t.activities
            .iter()
            .all(|a| !a.needs.is_empty() && a.members <= 3)
    );
    let k4_supports = &t.needs[0].supports;
    assert!(!k4_supports.is_empty());
    let serving_k4 = t
        .activities
        .iter()
        .find(|a| a.code == k4_supports[0])
        .unwrap();
    assert!(
        serving_k4.members >= 2,
        "K4's first support serves both members below"
    );
}

#[test]
fn no_name_appears_in_any_format_unless_asked() {
    let t = example();
    assert_eq!(t.members, 12);
    assert!(t.failures.is_empty(), "{:?}", t.failures);
    assert!(t.names.is_none() && t.needs.iter().all(|n| n.names.is_none()));
    for format in waypost::formats_of::<Team>() {
        let out = waypost::render(&t, format).unwrap();
        for name in EXAMPLE_NAMES {
            // Neither the full name nor the family name alone.
            let family = name.rsplit(' ').next().unwrap();
            assert!(!out.contains(family), "{family} in {format:?}");
        }
        // No supervisor, role or note either.
        assert!(!out.contains("Priya") && !out.contains("Support worker"));
        assert!(!out.contains("never get time"), "a note in {format:?}");
    }
    #[cfg(feature = "xlsx")]
    {
        // The workbook too: every text of every part of the zip, unpacked.
        let book = waypost::team_workbook(&t).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
        let mut all = String::new();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            std::io::Read::read_to_string(&mut part, &mut all).unwrap();
        }
        assert!(all.contains("K4"), "the workbook holds the statements");
        for name in EXAMPLE_NAMES {
            let family = name.rsplit(' ').next().unwrap();
            assert!(!all.contains(family), "{family} in the workbook");
        }
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let named = team(
        waypost::read_team(&[root.join("curricula/examples/team")]).unwrap(),
        true,
    );
    let names = named.names.clone().unwrap();
    assert_eq!(names.len(), 12);
    for format in [
        ReportFormat::Text,
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Csv,
    ] {
        let out = waypost::render(&named, format).unwrap();
        let shown = EXAMPLE_NAMES.iter().filter(|n| out.contains(*n)).count();
        assert!(shown > 0, "{format:?} names no one");
    }
    #[cfg(feature = "xlsx")]
    {
        let book = waypost::team_workbook(&named).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
        let mut all = String::new();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            std::io::Read::read_to_string(&mut part, &mut all).unwrap();
        }
        assert!(
            EXAMPLE_NAMES.iter().any(|n| all.contains(n)),
            "the named workbook names"
        );
    }
}

#[test]
fn a_file_that_fails_is_reported_located_and_the_rest_counted() {
    let t = team(
        vec![
            member("Ann Lee", "K4 = \"none\""),
            member("Bo Kim", "K4 = \"brilliant\""),
        ],
        false,
    );
    assert_eq!(t.members, 1);
    assert_eq!(t.failures.len(), 1);
    let f = &t.failures[0];
    assert_eq!(f.path, "bo-kim.toml");
    let d = &f.error.diagnostics[0];
    assert_eq!(d.message, "unknown level `brilliant` for `K4`");
    assert_eq!((d.line, d.column), (Some(3), Some(6)));
    // A failure's file name appears; the member's name from inside it does not.
    assert!(
        !waypost::render(&t, ReportFormat::Json)
            .unwrap()
            .contains("Ann Lee")
    );
}

#[test]
fn a_member_on_another_scale_is_left_out_with_why() {
    let other = "name = \"Di Roe\"\nscale = [\"low\", \"high\"]\n[ratings]\nK4 = \"low\"\n";
    let t = team(
        vec![
            member("Ann Lee", "K4 = \"none\""),
            (
                "di.toml".into(),
                waypost::load_self_assessment(Document::named(other, "di.toml")),
            ),
        ],
        false,
    );
    assert_eq!(t.members, 1);
    let d = &t.failures[0].error.diagnostics[0];
    assert!(
        d.message.contains("differs from the team's"),
        "{}",
        d.message
    );
    assert_eq!(d.line, Some(2));
}

#[test]
fn the_folder_is_read_in_every_format_it_holds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../curricula/examples/team");
    let entries = waypost::read_team(&[root]).unwrap();
    let exts: std::collections::BTreeSet<String> = entries
        .iter()
        .filter_map(|(p, _)| {
            PathBuf::from(p)
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
        })
        .collect();
    assert_eq!(
        exts.into_iter().collect::<Vec<_>>(),
        ["json", "toml", "yaml"]
    );
}
