//! What waypost's benchmarks measure, shared by the `waypost-bench` command (driven by
//! `bench/run.py`) and the criterion benchmarks in `benches/floor.rs`: seeded synthetic
//! portfolios, and the two pieces of work timed side by side on them.
//!
//! - [`parse_once`] is the floor: read every file and deserialize it into the model with serde,
//!   nothing else;
//! - [`check_once`] is everything `waypost portfolio` does with the same files: read, load with
//!   located errors, validate every code, build the graph and compute each course's coverage
//!   and the portfolio's.
//!
//! Both are the exact work each benchmark times, so the command's figures and criterion's
//! describe the same thing.

pub mod large;
pub mod problems;

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
};

use waypost::{Catalog, Curriculum, Portfolio, PortfolioOptions};

/// A small deterministic generator (SplitMix64): the same seed gives the same portfolio on
/// every machine, with no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next number of the sequence.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }
}

/// The format a generated course is written in (waypost reads more; these are the two the
/// benchmarks compare).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseFormat {
    /// TOML, as a programme team writes a curriculum by hand.
    Toml,
    /// JSON, pretty-printed, as another system exports one.
    Json,
}

impl CourseFormat {
    /// Both formats, TOML first, in the order the benchmarks and the table report them.
    pub const ALL: [CourseFormat; 2] = [CourseFormat::Toml, CourseFormat::Json];

    /// The file extension, which is also the format's name in the benchmarks (`toml`, `json`).
    pub fn extension(self) -> &'static str {
        match self {
            CourseFormat::Toml => "toml",
            CourseFormat::Json => "json",
        }
    }
}

pub(crate) const VERBS: [&str; 8] = [
    "Discuss",
    "Demonstrate",
    "Critically evaluate",
    "Explain",
    "Apply",
    "Reflect on",
    "Analyse",
    "Describe",
];
pub(crate) const TOPICS: [&str; 8] = [
    "hope in recovery",
    "person-centred planning",
    "positive risk taking",
    "the rights of people subject to compulsory care",
    "peer support",
    "trauma-informed practice",
    "social inclusion",
    "supervision and reflective practice",
];

/// One item of a non-empty list, chosen by the generator.
pub(crate) fn pick<'a, T: AsRef<str>>(rng: &mut Rng, items: &'a [T]) -> &'a str {
    let i = usize::try_from(rng.next_u64() % items.len().max(1) as u64).unwrap_or(0);
    items.get(i).map_or("", AsRef::as_ref)
}

/// Writes course number `index`, mapped to the statements `codes`: 20 to 40 modules, 2 to 4
/// outcomes each, 1 to 5 distinct mappings per outcome, and an assessment per module.
pub fn course(rng: &mut Rng, index: usize, codes: &[String], format: CourseFormat) -> String {
    let levels = ["introduced", "developed"];
    let modules = rng.range(20, 40);
    let mut modules_out = Vec::new();
    for m in 0..modules {
        let mut units = Vec::new();
        let outcomes = rng.range(2, 4);
        for u in 0..outcomes {
            let mappings = rng.range(1, 5);
            // Distinct statements within one outcome, as a person would map them.
            let mut covers: Vec<String> = Vec::new();
            while covers.len() < usize::try_from(mappings).unwrap_or(1) {
                let code = pick(rng, codes);
                if !covers.iter().any(|c| c.split(':').next() == Some(code)) {
                    covers.push(format!("{code}:{}", pick(rng, &levels)));
                }
            }
            let text = format!("{} {}", pick(rng, &VERBS), pick(rng, &TOPICS));
            units.push((format!("LO{}", u + 1), text, covers));
        }
        let assessed: Vec<String> = units
            .iter()
            .filter(|_| rng.next_u64().is_multiple_of(2))
            .map(|u| u.0.clone())
            .collect();
        modules_out.push((format!("M{:03}", m + 1), units, assessed));
    }
    let id = format!("course-{index:05}");
    let provider = format!("Provider {}", index % 37);
    match format {
        CourseFormat::Json => {
            let value = serde_json::json!({
                "id": id,
                "title": format!("Synthetic course {index}"),
                "provider": provider,
                "frameworks": ["realising-recovery-2007"],
                "modules": modules_out.iter().map(|(code, units, assessed)| serde_json::json!({
                    "code": code,
                    "title": format!("Module {code}"),
                    "credits": 20,
                    "units": units.iter().map(|(id, text, covers)| serde_json::json!({"id": id, "text": text, "covers": covers})).collect::<Vec<_>>(),
                    "assessments": [{"id": "A1", "title": "Coursework", "assesses": assessed}],
                })).collect::<Vec<_>>(),
            });
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
        CourseFormat::Toml => {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "id = \"{id}\"\ntitle = \"Synthetic course {index}\"\nprovider = \"{provider}\"\nframeworks = [\"realising-recovery-2007\"]"
            );
            for (code, units, assessed) in &modules_out {
                let _ = writeln!(
                    out,
                    "\n[[modules]]\ncode = \"{code}\"\ntitle = \"Module {code}\"\ncredits = 20"
                );
                for (id, text, covers) in units {
                    let covers: Vec<String> = covers.iter().map(|c| format!("\"{c}\"")).collect();
                    let _ = writeln!(
                        out,
                        "\n[[modules.units]]\nid = \"{id}\"\ntext = \"{text}\"\ncovers = [{}]",
                        covers.join(", ")
                    );
                }
                let assessed: Vec<String> = assessed.iter().map(|a| format!("\"{a}\"")).collect();
                let _ = writeln!(
                    out,
                    "\n[[modules.assessments]]\nid = \"A1\"\ntitle = \"Coursework\"\nassesses = [{}]",
                    assessed.join(", ")
                );
            }
            out
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    /// How many course files.
    pub courses: usize,
    /// Their size on disk, all together.
    pub bytes: usize,
}

/// Writes a synthetic portfolio of `courses` files (`course-00000.toml`, …) into `out`,
/// creating it, each course mapped to Realising Recovery's statements. The same seed and
/// format give the same files.
pub fn generate(
    out: &Path,
    courses: usize,
    seed: u64,
    format: CourseFormat,
) -> Result<Generated, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    let codes: Vec<String> = catalog
        .framework("realising-recovery-2007")
        .map_err(|e| e.to_string())?
        .statements
        .iter()
        .map(|s| s.code.clone())
        .collect();
    let mut rng = Rng::new(seed);
    let mut bytes = 0usize;
    for i in 0..courses {
        let text = course(&mut rng, i, &codes, format);
        bytes += text.len();
        let name = out.join(format!("course-{i:05}.{}", format.extension()));
        std::fs::write(&name, text).map_err(|e| format!("{}: {e}", name.display()))?;
    }
    Ok(Generated { courses, bytes })
}

/// The folder of a generated portfolio under `root` (`root/100-json`), generated there unless
/// a complete one with the same seed is already there: a `.complete` marker, written last,
/// records the seed, so an interrupted or different generation is done again.
pub fn prepare(
    root: &Path,
    courses: usize,
    seed: u64,
    format: CourseFormat,
) -> Result<PathBuf, String> {
    let folder = root.join(format!("{courses}-{}", format.extension()));
    let marker = folder.join(".complete");
    let wanted = format!("seed {seed}\n");
    if std::fs::read_to_string(&marker).is_ok_and(|m| m == wanted) {
        return Ok(folder);
    }
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    generate(&folder, courses, seed, format)?;
    std::fs::write(&marker, wanted).map_err(|e| format!("{}: {e}", marker.display()))?;
    Ok(folder)
}

/// The curriculum files under these files and folders, as `waypost portfolio` finds them.
pub fn curriculum_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    waypost::collect_files(paths).map_err(|e| e.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The floor: reads every file and deserializes it into the model with serde (`serde_json` or
/// `toml`, by extension), nothing else; how many mappings the files hold.
pub fn parse_once(files: &[PathBuf]) -> Result<usize, String> {
    let mut mappings = 0usize;
    for f in files {
        let text = read(f)?;
        let c: Curriculum = if f.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).map_err(|e| e.to_string())?
        } else {
            toml::from_str(&text).map_err(|e| e.to_string())?
        };
        mappings += c
            .modules
            .iter()
            .flat_map(|m| &m.units)
            .map(|u| u.covers.len())
            .sum::<usize>();
    }
    Ok(mappings)
}

/// One whole check of the files, as `waypost portfolio` makes it: the built-in frameworks
/// (parsed on the first call in a process, then kept) and the portfolio. A file that fails to
/// load is an error here, so a benchmark never times a failure.
pub fn check_once(files: &[PathBuf]) -> Result<Portfolio, String> {
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    let p = waypost::portfolio_files(catalog, files, &PortfolioOptions::default(), |_, _| {})
        .map_err(|e| e.to_string())?;
    if !p.failures.is_empty() {
        return Err(format!("{} files failed", p.failures.len()));
    }
    Ok(p)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("waypost-bench-lib-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn the_same_seed_writes_the_same_course() {
        let codes: Vec<String> = ["K1", "K2", "S1", "V1", "V2"].map(String::from).to_vec();
        for format in CourseFormat::ALL {
            let a = course(&mut Rng::new(7), 3, &codes, format);
            let b = course(&mut Rng::new(7), 3, &codes, format);
            let c = course(&mut Rng::new(8), 3, &codes, format);
            assert_eq!(a, b);
            assert_ne!(a, c);
            assert!(a.contains("course-00003"), "{a}");
        }
        let mut rng = Rng::new(1);
        assert!((0..1000).all(|_| (2..=4).contains(&rng.range(2, 4))));
    }

    #[test]
    fn both_formats_hold_the_same_portfolio_and_it_checks() {
        let dir = scratch("formats");
        let mut mappings = Vec::new();
        for format in CourseFormat::ALL {
            let folder = dir.join(format.extension());
            let generated = generate(&folder, 3, 11, format).unwrap();
            assert_eq!(generated.courses, 3);
            let files = curriculum_files(std::slice::from_ref(&folder)).unwrap();
            assert_eq!(files.len(), 3);
            let on_disk: u64 = files
                .iter()
                .map(|f| std::fs::metadata(f).unwrap().len())
                .sum();
            assert_eq!(on_disk, generated.bytes as u64);
            mappings.push(parse_once(&files).unwrap());
            let p = check_once(&files).unwrap();
            assert_eq!(p.courses.len(), 3);
        }
        assert!(mappings[0] > 0);
        assert_eq!(mappings[0], mappings[1]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_complete_portfolio_is_reused_and_any_other_made_again() {
        let dir = scratch("prepare");
        let folder = prepare(&dir, 2, 5, CourseFormat::Json).unwrap();
        assert_eq!(folder, dir.join("2-json"));
        let first = folder.join("course-00000.json");
        let text = std::fs::read_to_string(&first).unwrap();
        // Complete, with the same seed: kept as it is.
        std::fs::remove_file(&first).unwrap();
        prepare(&dir, 2, 5, CourseFormat::Json).unwrap();
        assert!(!first.exists());
        // Another seed: made again.
        prepare(&dir, 2, 6, CourseFormat::Json).unwrap();
        assert_ne!(std::fs::read_to_string(&first).unwrap(), text);
        // No marker (an interrupted generation): made again.
        std::fs::remove_file(folder.join(".complete")).unwrap();
        std::fs::remove_file(&first).unwrap();
        prepare(&dir, 2, 5, CourseFormat::Json).unwrap();
        assert_eq!(std::fs::read_to_string(&first).unwrap(), text);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_that_fails_to_load_fails_the_check() {
        let dir = scratch("broken");
        std::fs::create_dir_all(&dir).unwrap();
        let broken = dir.join("broken.toml");
        std::fs::write(&broken, "id = \"x\"\ntitle = 3\n").unwrap();
        assert!(check_once(std::slice::from_ref(&broken)).is_err());
        assert!(parse_once(&[broken]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
