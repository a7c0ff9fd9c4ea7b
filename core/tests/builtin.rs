#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The built-in catalog is read at start-up from a compact form the build script writes, not
//! from the TOML in `core/data/`. These tests hold it to the TOML: every framework and
//! crosswalk, in the same order, equal field for field to what the public loaders read from
//! the files.

use std::path::{Path, PathBuf};

use waypost::{Catalog, Crosswalk, Format, Framework};

mod common;

/// The data files of one folder of `core/data/`, in the order the build script embeds them.
fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no data files in {}", dir.display());
    files
}

fn toml_frameworks() -> Vec<Framework> {
    files("frameworks")
        .iter()
        .map(|p| waypost::read_framework(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn toml_crosswalks() -> Vec<Crosswalk> {
    files("crosswalks")
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            waypost::load_crosswalk(common::doc(
                &text,
                Some(Format::Toml),
                Some(&p.display().to_string()),
            ))
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

/// Equal as values and as the JSON they serialize to (which names the first field that
/// differs far more readably than two debug dumps).
fn assert_same<T: PartialEq + serde::Serialize + std::fmt::Debug>(builtin: &T, loaded: &T) {
    let (b, l) = (
        serde_json::to_string_pretty(builtin).unwrap(),
        serde_json::to_string_pretty(loaded).unwrap(),
    );
    if b != l {
        let line = b
            .lines()
            .zip(l.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "the built-in data differs from the TOML at JSON line {}:\n  built-in: {}\n  TOML:     {}",
            line + 1,
            b.lines().nth(line).unwrap_or(""),
            l.lines().nth(line).unwrap_or("")
        );
    }
    assert_eq!(builtin, loaded);
}

#[test]
fn every_builtin_framework_equals_its_toml_file() {
    let catalog = Catalog::builtin().unwrap();
    let builtin: Vec<&Framework> = catalog.frameworks().collect();
    let loaded = toml_frameworks();
    assert_eq!(
        builtin.iter().map(|f| &f.id).collect::<Vec<_>>(),
        loaded.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
    for (b, l) in builtin.iter().zip(&loaded) {
        assert_same(*b, l);
    }
}

#[test]
fn every_builtin_crosswalk_equals_its_toml_file() {
    let catalog = Catalog::builtin().unwrap();
    let builtin: Vec<&Crosswalk> = catalog.crosswalks().collect();
    let loaded = toml_crosswalks();
    assert_eq!(
        builtin.iter().map(|c| &c.id).collect::<Vec<_>>(),
        loaded.iter().map(|c| &c.id).collect::<Vec<_>>()
    );
    for (b, l) in builtin.iter().zip(&loaded) {
        assert_same(*b, l);
    }
}

/// The comparison above sees a change anywhere: one character of one item of one statement,
/// an optional field dropped, a link's provenance.
#[test]
fn the_comparison_sees_a_single_changed_field() {
    let catalog = Catalog::builtin().unwrap();
    let builtin: Vec<&Framework> = catalog.frameworks().collect();
    let loaded = toml_frameworks();
    let (b, l) = (builtin[0], &loaded[0]);
    assert_eq!(b, l);

    let mut changed = l.clone();
    let last = changed.statements.len() - 1;
    changed.statements[last].text.push(' ');
    assert_ne!(b, &changed);
    assert!(std::panic::catch_unwind(|| assert_same(b, &changed)).is_err());

    let mut changed = l.clone();
    let with_page = changed
        .statements
        .iter()
        .position(|s| s.page.is_some())
        .unwrap();
    changed.statements[with_page].page = None;
    assert_ne!(b, &changed);

    let mut changed = l.clone();
    if let Some(link) = changed.links.first_mut() {
        link.provenance = match link.provenance {
            waypost::Provenance::Curated => waypost::Provenance::Published,
            waypost::Provenance::Published => waypost::Provenance::Curated,
        };
        assert_ne!(b, &changed);
    }
}
