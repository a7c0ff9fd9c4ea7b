//! Portfolio analysis over the example portfolio, with a broken file, and diffs between two
//! versions of a programme.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::{path::PathBuf, sync::Arc};

use waypost::{Catalog, Format, Policy, collect_files, read_entries};

mod common;

/// A matrix row's levels as owned names, to compare with the levels of reports.
fn owned(levels: &[Option<Arc<str>>]) -> Vec<Option<String>> {
    levels
        .iter()
        .map(|l| l.as_deref().map(str::to_string))
        .collect()
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../curricula/examples")
}

fn example_portfolio() -> waypost::Portfolio {
    let files = collect_files(&[examples().join("portfolio")]).unwrap();
    waypost::portfolio(
        Catalog::builtin().unwrap(),
        read_entries(&files, |_, _| {}),
        &common::portfolio_options(None),
    )
    .unwrap()
}

#[test]
fn a_folder_of_mixed_formats_is_read_in_name_order() {
    let files = collect_files(&[examples().join("portfolio")]).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names.len(), 6, "README.md is not a curriculum: {names:?}");
    for ext in ["toml", "csv", "yaml", "json"] {
        assert!(names.iter().any(|n| n.ends_with(ext)), "a .{ext} course");
    }
}

#[test]
fn the_portfolio_finds_what_no_course_covers_or_assesses() {
    let p = example_portfolio();
    assert!(p.failures.is_empty(), "{:?}", p.failures);
    assert_eq!(p.courses.len(), 6);
    let codes: Vec<&str> = p.uncovered.iter().map(|c| &**c).collect();
    assert_eq!(codes, ["K10", "K15", "K18", "S9", "S10"]);
    for code in &p.uncovered {
        assert!(
            p.unassessed.contains(code),
            "an uncovered statement is unassessed too"
        );
    }
    assert!(p.single_course.contains(&"S7".into()));
    assert!(p.introduced_only.contains(&"K3".into()));
    assert_eq!(p.statements.len(), 67);
}

#[test]
fn portfolio_coverage_of_a_statement_is_the_union_over_its_courses() {
    let p = example_portfolio();
    let catalog = Catalog::builtin().unwrap();
    let files = collect_files(&[examples().join("portfolio")]).unwrap();
    let reports: Vec<_> = files
        .iter()
        .map(|f| {
            waypost::check(
                catalog,
                &waypost::read_curriculum(f).unwrap(),
                &common::against(Some("realising-recovery-2007"), &Policy::default()),
            )
            .unwrap()
        })
        .collect();
    let levels = &catalog.framework("realising-recovery-2007").unwrap().levels;
    let rank = |l: &Option<String>| {
        l.as_ref()
            .map(|l| levels.iter().position(|x| x == l).unwrap())
    };
    for (i, s) in p.statements.iter().enumerate() {
        let per_course: Vec<Option<String>> = reports
            .iter()
            .map(|r| r.statements[i].level.clone())
            .collect();
        assert_eq!(
            owned(&s.levels),
            per_course,
            "{}: the matrix row is each course's own level",
            s.code
        );
        let best = per_course.iter().filter_map(rank).max();
        assert_eq!(
            rank(&s.level.as_deref().map(str::to_string)),
            best,
            "{}: the portfolio level is the highest over courses",
            s.code
        );
        assert_eq!(s.courses, per_course.iter().filter(|l| l.is_some()).count());
    }
}

#[test]
fn providers_group_their_courses() {
    let p = example_portfolio();
    let westmuir = p
        .providers
        .iter()
        .find(|pr| pr.provider == "NHS Westmuir")
        .expect("two courses share a provider");
    assert_eq!(westmuir.courses, 2);
    let theirs: Vec<_> = p
        .courses
        .iter()
        .enumerate()
        .filter(|(_, c)| c.provider.as_deref() == Some("NHS Westmuir"))
        .map(|(i, _)| i)
        .collect();
    let covered = p
        .statements
        .iter()
        .filter(|s| theirs.iter().any(|&i| s.levels[i].is_some()))
        .count();
    assert_eq!(westmuir.covered, covered);
    assert_eq!(westmuir.gaps, 67 - covered);
    assert_eq!(
        p.providers.iter().map(|pr| pr.courses).sum::<usize>(),
        p.courses.len()
    );
}

#[test]
fn a_broken_file_is_reported_and_the_rest_still_analysed() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("portfolio-broken");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in collect_files(&[examples().join("portfolio")]).unwrap() {
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("zz-broken.toml"), "id = \"b\"\ntitle = \"Broken\"\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K26\"]\n").unwrap();
    let files = collect_files(&[dir]).unwrap();
    let p = waypost::portfolio(
        Catalog::builtin().unwrap(),
        read_entries(&files, |_, _| {}),
        &common::portfolio_options(None),
    )
    .unwrap();
    assert_eq!(p.courses.len(), 6);
    assert_eq!(p.failures.len(), 1);
    assert!(p.failures[0].path.ends_with("zz-broken.toml"));
    assert_eq!(p.failures[0].error.code, "invalid");
    assert_eq!(p.failures[0].error.diagnostics[0].line, Some(7));
    assert_eq!(
        p.uncovered,
        example_portfolio().uncovered,
        "the broken file changes nothing else"
    );
}

#[test]
fn progress_is_reported_for_every_file() {
    let files = collect_files(&[examples().join("portfolio")]).unwrap();
    let mut seen = Vec::new();
    read_entries(&files, |done, total| seen.push((done, total)));
    assert_eq!(
        seen,
        (1..=files.len())
            .map(|d| (d, files.len()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_diff_shows_coverage_gained_lost_raised_and_lowered() {
    let read = |name: &str| waypost::read_curriculum(&examples().join(name)).unwrap();
    let d = waypost::diff(
        Catalog::builtin().unwrap(),
        &read("bsc-mental-health-nursing-2025.toml"),
        &read("bsc-mental-health-nursing.toml"),
        &common::diff_options(None),
    )
    .unwrap();
    let codes =
        |list: &[waypost::LevelChange]| list.iter().map(|c| c.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&d.gained), ["K19", "S7"]);
    assert_eq!(codes(&d.lost), ["V8"]);
    assert_eq!(codes(&d.raised), ["K7", "V12"]);
    assert_eq!(codes(&d.lowered), ["S5", "S15"]);
    assert!(d.lost_anything);
    assert_eq!((d.totals.old_covered, d.totals.new_covered), (61, 62));
    let change = |module: &str, id: &str| {
        d.changes
            .iter()
            .find(|c| c.module == module && c.id == id)
            .unwrap_or_else(|| panic!("{module}/{id} changed"))
    };
    assert_eq!(change("MHN2001", "SE2").change, "removed");
    assert_eq!(change("MHN2001", "A2").change, "added");
    let lo3 = change("MHN3001", "LO3");
    assert_eq!(
        (lo3.added.as_slice(), lo3.removed.as_slice()),
        (
            ["S7:developed".to_string()].as_slice(),
            ["S8:developed".to_string()].as_slice()
        )
    );
    assert_eq!(change("MHN1002", "A2").removed, ["assesses LO4"]);
    assert!(
        d.changes
            .iter()
            .all(|c| !(c.module == "MHN2001" && c.id == "A1")),
        "a weight change is not a mapping change"
    );
}

#[test]
fn a_diff_of_a_curriculum_with_itself_is_empty_and_spelling_does_not_count() {
    let a = "id = \"a\"\ntitle = \"A\"\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K4\", \"S11:developed\"]\n";
    let b = "id = \"a\"\ntitle = \"A\"\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K4=I\", { statement = \"S11\", level = \"D\" }]\n";
    let load =
        |t: &str| waypost::load_curriculum(common::doc(t, Some(Format::Toml), None)).unwrap();
    let d = waypost::diff(
        Catalog::builtin().unwrap(),
        &load(a),
        &load(b),
        &common::diff_options(None),
    )
    .unwrap();
    assert!(d.changes.is_empty(), "{:?}", d.changes);
    assert!(
        d.gained.is_empty() && d.lost.is_empty() && d.raised.is_empty() && d.lowered.is_empty()
    );
    assert!(!d.lost_anything);
}

/// A course mapped to another framework reaches Realising Recovery through the crosswalk
/// (exact and broader links carry, the others do not): the portfolio's matrix, which reads a
/// summary of each course's coverage, agrees with the full report of each course.
#[test]
fn the_matrix_agrees_with_each_report_through_the_crosswalk() {
    let catalog = Catalog::builtin().unwrap();
    let nimhe: Vec<String> = catalog
        .framework("nimhe-guiding-statement-2004")
        .unwrap()
        .statements
        .iter()
        .map(|s| format!("\"nimhe-guiding-statement-2004:{}\"", s.code))
        .collect();
    let (taught, assessed) = nimhe.split_at(nimhe.len() / 2);
    let courses = [
        format!(
            "id = \"crosswalked\"\ntitle = \"Mapped to NIMHE\"\n\n[[modules]]\ncode = \"N1\"\n\n[[modules.units]]\nid = \"a\"\ncovers = [{}, \"K1:developed\"]\n\n[[modules]]\ncode = \"N2\"\n\n[[modules.units]]\nid = \"b\"\ncovers = [\"S3\"]\n\n[[modules.assessments]]\nid = \"exam\"\ncovers = [{}]\nassesses = [\"b\"]\n",
            taught.join(", "),
            assessed.join(", ")
        ),
        "id = \"plain\"\ntitle = \"Plain\"\n\n[[modules]]\ncode = \"P1\"\n\n[[modules.units]]\nid = \"a\"\ncovers = [\"K3\", \"V2:developed\"]\n".to_string(),
    ];
    let loaded: Vec<_> = courses
        .iter()
        .enumerate()
        .map(|(i, text)| {
            waypost::load_curriculum(common::doc(
                text,
                Some(Format::Toml),
                Some(&format!("c{i}.toml")),
            ))
            .unwrap()
        })
        .collect();
    let reports: Vec<_> = loaded
        .iter()
        .map(|c| {
            waypost::check(
                catalog,
                c,
                &common::against(Some("realising-recovery-2007"), &Policy::default()),
            )
            .unwrap()
        })
        .collect();
    let entries = loaded
        .into_iter()
        .enumerate()
        .map(|(i, c)| (format!("c{i}.toml"), Ok(c)))
        .collect::<Vec<waypost::Entry>>();
    let p = waypost::portfolio(catalog, entries, &common::portfolio_options(None)).unwrap();
    assert!(p.failures.is_empty(), "{:?}", p.failures);
    let through_crosswalk = reports[0]
        .statements
        .iter()
        .filter(|s| s.level.is_some() && !["K1", "S3"].contains(&s.code.as_str()))
        .count();
    assert!(
        through_crosswalk > 0,
        "the crosswalk carries coverage ({through_crosswalk})"
    );
    for (i, s) in p.statements.iter().enumerate() {
        let per_course: Vec<Option<String>> = reports
            .iter()
            .map(|r| r.statements[i].level.clone())
            .collect();
        assert_eq!(owned(&s.levels), per_course, "{}", s.code);
    }
}

#[test]
fn a_failure_between_courses_leaves_each_column_of_the_matrix_with_its_course() {
    let catalog = Catalog::builtin().unwrap();
    let load = |text: &str, name: &str| {
        waypost::load_curriculum(common::doc(text, Some(Format::Toml), Some(name)))
    };
    let first = "id = \"first\"\ntitle = \"First\"\nprovider = \"North\"\n\n[[modules]]\ncode = \"A\"\n\n[[modules.units]]\nid = \"a\"\ncovers = [\"K1:developed\", \"K2\"]\n\n[[modules.assessments]]\nid = \"exam\"\nassesses = [\"a\"]\n";
    let second = "id = \"second\"\ntitle = \"Second\"\nprovider = \"North\"\n\n[[modules]]\ncode = \"B\"\n\n[[modules.units]]\nid = \"b\"\ncovers = [\"K2\", \"S3:developed\"]\n";
    let broken = "id = \"b\"\ntitle = \"Broken\"\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"LO1\"\ncovers = [\"K26\"]\n";
    let entries: Vec<waypost::Entry> = vec![
        ("first.toml".into(), load(first, "first.toml")),
        ("broken.toml".into(), load(broken, "broken.toml")),
        ("second.toml".into(), load(second, "second.toml")),
    ];
    let p = waypost::portfolio(catalog, entries, &common::portfolio_options(None)).unwrap();
    assert_eq!(p.failures.len(), 1);
    assert_eq!(p.failures[0].path, "broken.toml");
    assert_eq!(p.courses.len(), 2);
    let row = |code: &str| p.statements.iter().find(|s| &*s.code == code).unwrap();
    let level = |l: &str| Some(Arc::<str>::from(l));
    // K1 is assessed in the first course (its unit is named by an assessment), so it reaches
    // the top of the scale there.
    let top = Arc::<str>::from(p.levels.last().unwrap().as_str());
    assert_eq!(row("K1").levels, vec![Some(top.clone()), None]);
    assert_eq!(row("K1").level, Some(top));
    assert_eq!((row("K1").courses, row("K1").assessed_by), (1, 1));
    assert_eq!(row("S3").levels, vec![None, level("developed")]);
    assert_eq!((row("S3").courses, row("S3").assessed_by), (1, 0));
    assert_eq!(row("K2").courses, 2);
    assert!(p.statements.iter().all(|s| s.levels.len() == 2));
    assert!(p.single_course.contains(&"S3".into()));
    assert!(!p.single_course.contains(&"K2".into()));
    assert!(p.unassessed.contains(&"S3".into()));
    assert!(!p.unassessed.contains(&"K1".into()));
    // One provider runs both: it covers what either covers and assesses what the first does.
    assert_eq!(p.providers.len(), 1);
    let north = &p.providers[0];
    assert_eq!((north.provider.as_str(), north.courses), ("North", 2));
    assert_eq!(
        north.covered,
        p.statements.iter().filter(|s| s.courses > 0).count()
    );
    assert_eq!(
        north.assessed,
        p.statements.iter().filter(|s| s.assessed_by > 0).count()
    );
    assert_eq!(north.gaps, p.statements.len() - north.covered);
}

/// Two small frameworks, the second's `T1` saying what the first's `F1` says and `T2` wider
/// than `F2`, for a crosswalk added later.
fn framework_text(id: &str, prefix: &str, codes: &[&str]) -> String {
    let statements: Vec<String> = codes
        .iter()
        .map(|c| format!("{{ code = \"{c}\", domain = \"d\", text = \"{c}\", label = \"{c}\" }}"))
        .collect();
    format!(
        "id = \"{id}\"\ntitle = \"{id}\"\npublishers = [\"Test\"]\nyear = 2020\nsource = {{ citation = \"test\" }}\ndomains = [{{ id = \"d\", name = \"D\", prefix = \"{prefix}\" }}]\nstatements = [{}]\n",
        statements.join(", ")
    )
}

const FROM_TO: &str = r#"
id = "from-to"
title = "test"
from = "from-fw"
to = "to-fw"
curated_by = "tests"
links = [
  { from = "F1", to = "T1", type = "exact", rationale = "same" },
  { from = "F2", to = "T2", type = "broader", rationale = "T2 contains F2" },
]
"#;

/// A portfolio reads a table of each framework's statements and crosswalk neighbours that the
/// catalog keeps from one portfolio to the next: adding a crosswalk or replacing a framework
/// afterwards must be seen by the next portfolio, and a table is kept per framework.
#[test]
fn a_portfolio_sees_frameworks_and_crosswalks_added_after_an_earlier_one() {
    let mut catalog = Catalog::new();
    let load_fw =
        |text: &str| waypost::load_framework(common::doc(text, Some(Format::Toml), None)).unwrap();
    catalog
        .add_framework(load_fw(&framework_text("from-fw", "F", &["F1", "F2"])))
        .unwrap();
    catalog
        .add_framework(load_fw(&framework_text("to-fw", "T", &["T1", "T2"])))
        .unwrap();
    let course = "id = \"c\"\ntitle = \"C\"\nframeworks = [\"from-fw\"]\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"U\"\ncovers = [\"F1:developed\", \"F2\"]\n";
    let run = |catalog: &Catalog, framework: &str| {
        let entry =
            waypost::load_curriculum(common::doc(course, Some(Format::Toml), Some("c.toml")));
        let p = waypost::portfolio(
            catalog,
            vec![("c.toml".to_string(), entry)],
            &common::portfolio_options(Some(framework)),
        )
        .unwrap();
        assert!(p.failures.is_empty(), "{:?}", p.failures);
        p.statements
            .iter()
            .map(|s| (s.code.to_string(), s.level.as_deref().map(str::to_string)))
            .collect::<Vec<_>>()
    };
    let some = |l: &str| Some(l.to_string());
    let none: Vec<(String, Option<String>)> = vec![("T1".into(), None), ("T2".into(), None)];
    assert_eq!(run(&catalog, "to-fw"), none, "no crosswalk yet");
    // The other framework's table is its own.
    assert_eq!(
        run(&catalog, "from-fw"),
        [
            ("F1".into(), some("developed")),
            ("F2".into(), some("introduced"))
        ]
    );
    catalog
        .add_crosswalk(
            waypost::load_crosswalk(common::doc(FROM_TO, Some(Format::Toml), None)).unwrap(),
        )
        .unwrap();
    assert_eq!(
        run(&catalog, "to-fw"),
        [
            ("T1".into(), some("developed")),
            ("T2".into(), some("introduced"))
        ],
        "the crosswalk added since carries the course's coverage"
    );
    // A framework replaced by one with another statement: the crosswalk's links still land on
    // T1 and T2, and the new statement is a row of its own.
    catalog
        .add_framework(load_fw(&framework_text("to-fw", "T", &["T0", "T1", "T2"])))
        .unwrap();
    assert_eq!(
        run(&catalog, "to-fw"),
        [
            ("T0".into(), None),
            ("T1".into(), some("developed")),
            ("T2".into(), some("introduced"))
        ]
    );
    // A clone keeps what its original had built and still answers the same.
    assert_eq!(run(&catalog.clone(), "to-fw"), run(&catalog, "to-fw"));
}

/// A portfolio's names are shared strings in memory; as JSON they are plain strings, and read
/// back (as the WebAssembly binding reads a portfolio given to it) they make the same portfolio.
#[test]
fn a_portfolio_reads_back_from_its_json() {
    let p = example_portfolio();
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["uncovered"][0], "K10");
    let first = &json["statements"][0];
    assert!(first["code"].is_string() && first["label"].is_string());
    assert!(first["levels"].is_array());
    let back: waypost::Portfolio = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);
}

/// A fresh folder under the test target's own temporary folder, with the example courses.
fn example_copy(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in collect_files(&[examples().join("portfolio")]).unwrap() {
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn a_file_reached_twice_counts_once() {
    let dir = example_copy("portfolio-twice");
    let one = collect_files(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(one.len(), 6);
    // The folder twice, a file of it again, and the file through a symbolic link.
    let mut given = vec![dir.clone(), dir.clone(), one[0].clone()];
    #[cfg(unix)]
    {
        let link = dir.with_file_name("portfolio-twice-link.toml");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&one[1], &link).unwrap();
        given.push(link);
    }
    assert_eq!(collect_files(&given).unwrap(), one);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_searched_once() {
    let dir = example_copy("portfolio-loop");
    std::os::unix::fs::symlink(&dir, dir.join("again")).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    let files = collect_files(&[dir]).unwrap();
    assert_eq!(files.len(), 6, "{files:?}");
}

#[test]
fn a_framework_or_crosswalk_in_the_folder_is_left_out_with_a_note() {
    let dir = example_copy("portfolio-framework");
    let root = examples().join("../..");
    std::fs::copy(
        root.join("core/data/frameworks/nimhe-guiding-statement-2004.toml"),
        dir.join("nimhe-2004.toml"),
    )
    .unwrap();
    let crosswalk = std::fs::read_dir(root.join("core/data/crosswalks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .unwrap();
    std::fs::copy(&crosswalk, dir.join("zz-crosswalk.toml")).unwrap();
    let files = collect_files(&[dir]).unwrap();
    let p = waypost::portfolio(
        Catalog::builtin().unwrap(),
        read_entries(&files, |_, _| {}),
        &common::portfolio_options(None),
    )
    .unwrap();
    assert_eq!(p.courses.len(), 6);
    let notes: Vec<(&str, &str)> = p
        .failures
        .iter()
        .map(|f| {
            (
                f.path.rsplit('/').next().unwrap(),
                f.error.diagnostics[0].message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            (
                "nimhe-2004.toml",
                "a framework, not a curriculum: left out of the portfolio"
            ),
            (
                "zz-crosswalk.toml",
                "a crosswalk, not a curriculum: left out of the portfolio"
            ),
        ]
    );
    assert_eq!(p.uncovered, example_portfolio().uncovered);
}

/// Every file under `dir`, hidden ones too, as paths inside it: what a browser lists when the
/// folder is picked.
fn listed(dir: &std::path::Path, inside: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        let path = if inside.is_empty() {
            name
        } else {
            format!("{inside}/{name}")
        };
        if entry.file_type().unwrap().is_dir() {
            listed(&entry.path(), &path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn a_folder_listed_by_a_browser_gives_the_files_the_command_line_reads() {
    let dir = example_copy("portfolio-listed");
    // Beside the courses: a note, a hidden file, a hidden folder with a course in it, and
    // nested folders whose names sort differently as whole paths than name by name.
    std::fs::write(dir.join("notes.txt"), "not a course").unwrap();
    std::fs::write(dir.join(".DS_Store"), "").unwrap();
    std::fs::create_dir_all(dir.join(".git/old")).unwrap();
    std::fs::write(dir.join(".git/old/course.toml"), "id = \"x\"").unwrap();
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::create_dir_all(dir.join("a.d")).unwrap();
    let one = examples().join("portfolio/wrap-facilitator-two-day.toml");
    for to in ["a/z.toml", "a/b/y.json", "a.d/x.toml", "a.toml", "b.YAML"] {
        std::fs::copy(&one, dir.join(to)).unwrap();
    }
    let on_disk: Vec<String> = collect_files(std::slice::from_ref(&dir))
        .unwrap()
        .iter()
        .map(|f| {
            f.strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let mut names = Vec::new();
    listed(&dir, "", &mut names);
    // In the browser's order (any), and one path twice.
    names.reverse();
    names.push("a/z.toml".to_string());
    assert_eq!(waypost::folder_files(&names), on_disk);
    assert_eq!(on_disk.len(), 11, "{on_disk:?}");
    assert_eq!(
        on_disk[..5],
        ["a/b/y.json", "a/z.toml", "a.d/x.toml", "a.toml", "b.YAML"]
    );
}
