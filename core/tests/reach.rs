//! Reach and gap-to-training: how many learners a year each statement reaches, by level,
//! provider and setting, and where each gap could be closed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use waypost::{Catalog, Document, Entry, Portfolio, PortfolioOptions, ReportFormat};

fn course(id: &str, provider: &str, reach: &str, covers: &str) -> Entry {
    let text = format!(
        "id = \"{id}\"\ntitle = \"{id}\"\nprovider = \"{provider}\"\n{reach}\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [{covers}]\n"
    );
    let name = format!("{id}.toml");
    let read = waypost::load_curriculum(Document::named(&text, &name));
    (name, read)
}

fn run(entries: Vec<Entry>, options: &PortfolioOptions) -> Portfolio {
    waypost::portfolio(Catalog::builtin().unwrap(), entries, options).unwrap()
}

fn example_entries(strip: bool) -> Vec<Entry> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../curricula/examples/portfolio");
    let files = waypost::collect_files(&[root]).unwrap();
    waypost::read_entries(&files, |_, _| {})
        .into_iter()
        .map(|(name, read)| {
            let read = read.map(|mut c| {
                if strip {
                    c.learners_per_year = None;
                    c.settings.clear();
                }
                c
            });
            (name, read)
        })
        .collect()
}

#[test]
fn learners_are_counted_per_statement_by_level_provider_and_setting() {
    let mut options = PortfolioOptions::default();
    options.few_learners = Some(30);
    let p = run(
        vec![
            course(
                "a",
                "North",
                "learners_per_year = 100\nsettings = [\"community\", \"Acute  Inpatient\"]",
                "\"K4:assessed\", \"K5\"",
            ),
            course(
                "b",
                "South",
                "learners_per_year = 20\nsettings = [\"forensic\"]",
                "\"K4\", \"S10\"",
            ),
            course("c", "South", "", "\"K4:developed\""),
        ],
        &options,
    );
    let r = p.reach.as_ref().unwrap();
    assert_eq!(r.learners, 120);
    assert_eq!(r.without_learners, ["c"]);
    assert_eq!(r.settings, ["community", "acute inpatient", "forensic"]);
    let k4 = r.statements.iter().find(|s| s.code == "K4").unwrap();
    assert_eq!(k4.learners, 120);
    assert_eq!(k4.by_level, [20, 0, 100]);
    assert_eq!(k4.by_provider["North"], 100);
    assert_eq!(k4.by_provider["South"], 20);
    assert_eq!(k4.by_setting["acute inpatient"], 100);
    assert_eq!(k4.by_setting["forensic"], 20);
    // S10 is taught to 20 a year (below 30), K5 to 100.
    assert_eq!(r.few, ["S10"]);
    let forensic = r.missing.iter().find(|m| m.setting == "forensic").unwrap();
    assert_eq!(forensic.statements, ["K5"]);
    let community = r.missing.iter().find(|m| m.setting == "community").unwrap();
    assert_eq!(community.statements, ["S10"]);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn an_unknown_setting_is_a_located_warning_with_a_near_name() {
    let p = run(
        vec![course(
            "a",
            "North",
            "learners_per_year = 10\nsettings = [\"comunity\", \"prison healthcare\"]",
            "\"K4\"",
        )],
        &PortfolioOptions::default(),
    );
    let r = p.reach.unwrap();
    assert_eq!(r.warnings.len(), 2);
    let w = &r.warnings[0];
    assert_eq!(w.message, "unknown setting `comunity`");
    assert_eq!((w.path.as_deref(), w.line), (Some("a.toml"), Some(5)));
    assert!(
        w.hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `community`?")
    );
    // Still counted, as written.
    assert_eq!(r.settings, ["comunity", "prison healthcare"]);

    // A setting of one's own is known when given.
    let mut options = PortfolioOptions::default();
    options.settings = vec!["Prison Healthcare".into()];
    let p = run(
        vec![course(
            "a",
            "North",
            "settings = [\"prison healthcare\"]",
            "\"K4\"",
        )],
        &options,
    );
    assert!(p.reach.unwrap().warnings.is_empty());
}

#[test]
fn without_reach_data_the_portfolio_is_what_it_was_in_every_format() {
    let plain = run(example_entries(true), &PortfolioOptions::default());
    assert!(plain.reach.is_none() && plain.training.is_none());
    let with = run(example_entries(false), &PortfolioOptions::default());
    assert!(with.reach.is_some());
    // The same portfolio, less what the reach data added.
    let mut less = with.clone();
    less.reach = None;
    for c in &mut less.courses {
        c.learners_per_year = None;
        c.settings.clear();
    }
    // Paths differ in nothing: both read the same files.
    assert_eq!(plain, less);
    for format in waypost::formats_of::<Portfolio>() {
        let out = waypost::render(&plain, format).unwrap();
        assert!(!out.to_lowercase().contains("learners"), "{format:?}");
        assert!(!out.contains("gap to training"), "{format:?}");
    }
    let json = waypost::render(&plain, ReportFormat::Json).unwrap();
    assert!(!json.contains("\"reach\"") && !json.contains("\"settings\""));
}

#[test]
fn each_gap_gets_its_activities_and_the_courses_covering_its_neighbours() {
    let mut options = PortfolioOptions::default();
    options.gaps_to_training = true;
    let p = run(example_entries(false), &options);
    let training = p.training.as_ref().unwrap();
    let codes: Vec<&str> = training.iter().map(|g| g.code.as_str()).collect();
    let uncovered: Vec<&str> = p.uncovered.iter().map(|c| &**c).collect();
    assert_eq!(codes, uncovered);
    assert_eq!(codes, ["K10", "K15", "K18", "S9", "S10"]);
    let catalog = Catalog::builtin().unwrap();
    for g in training {
        // The activities and resources are the framework's, as a coverage report gives them.
        assert!(!g.supports.is_empty(), "{} has no support", g.code);
        // Every candidate covers a neighbour, and the best covers the most.
        for c in &g.courses {
            assert!(
                c.covers
                    .iter()
                    .all(|n| g.neighbours.iter().any(|x| &x.code == n))
            );
        }
        assert!(
            g.courses
                .windows(2)
                .all(|w| w[0].covers.len() >= w[1].covers.len())
        );
    }
    // A neighbour through the framework's links comes before those by theme.
    let s10 = training.iter().find(|g| g.code == "S10").unwrap();
    let fw = catalog.framework("realising-recovery-2007").unwrap();
    let theme = &fw
        .statements
        .iter()
        .find(|s| s.code == "S10")
        .unwrap()
        .themes;
    for n in &s10.neighbours {
        assert!(n.why == "related" || theme.iter().any(|t| n.why == format!("theme: {t}")));
    }
    for format in [
        ReportFormat::Text,
        ReportFormat::Markdown,
        ReportFormat::Html,
    ] {
        let out = waypost::render(&p, format).unwrap();
        assert!(out.to_lowercase().contains("gap to training"), "{format:?}");
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn the_workbook_has_reach_and_training_sheets_only_when_the_portfolio_has_them() {
    let sheets = |p: &Portfolio| {
        let book = waypost::portfolio_workbook(p).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    };
    let plain = sheets(&run(example_entries(true), &PortfolioOptions::default()));
    assert!(!plain.contains("Reach") && !plain.contains("Gap to training"));
    let mut options = PortfolioOptions::default();
    options.gaps_to_training = true;
    let full = sheets(&run(example_entries(false), &options));
    assert!(full.contains("name=\"Reach\"") && full.contains("name=\"Gap to training\""));
}

#[test]
fn a_setting_the_framework_names_is_known() {
    // The example standards with a setting of their own: a course serving it is not warned
    // about, and one serving a setting neither the framework nor the list knows still is.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/frameworks/example-practice-standards.toml");
    let mut framework = waypost::read_framework(&path).unwrap();
    framework.settings = vec!["Prison  Healthcare".into()];
    let mut catalog = Catalog::with_builtin().unwrap();
    catalog.add_framework(framework).unwrap();
    let mut options = PortfolioOptions::default();
    options.framework = Some("example-practice-standards".into());
    let p = waypost::portfolio(
        &catalog,
        vec![
            course(
                "a",
                "North",
                "settings = [\"prison healthcare\"]",
                "\"1.1\"",
            ),
            course("b", "South", "settings = [\"ward 7\"]", "\"1.2\""),
        ],
        &options,
    )
    .unwrap();
    let r = p.reach.unwrap();
    let warned: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(warned, ["unknown setting `ward 7`"]);
    // A known setting is listed in the known order, before the others.
    assert_eq!(r.settings, ["prison healthcare", "ward 7"]);
    // The field is read from a framework file.
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "year = 2026",
        "year = 2026\nsettings = [\"prison healthcare\"]",
        1,
    );
    let read = waypost::load_framework(Document::named(&text, "f.toml")).unwrap();
    assert_eq!(read.settings, ["prison healthcare"]);
    // And it goes to CASE and comes back.
    let case = waypost::export_case(&read, &waypost::CaseExportOptions::default());
    let back = waypost::import_case(
        Document::named(&case, "f.json"),
        &waypost::CaseImportOptions::default(),
    )
    .unwrap();
    assert_eq!(back.framework.settings, ["prison healthcare"]);
}
