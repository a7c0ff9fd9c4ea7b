//! Benchmark harness: generates seeded synthetic portfolios and times reading them, with serde
//! alone (the floor) and through waypost's whole check, in the same process and the same run.
//! `bench/run.py` drives it and prints the table in docs/performance.md.
//!
//! ```text
//! waypost-bench generate --courses N --seed S --format toml|json OUT_DIR
//! waypost-bench parse [--steady N] DIR...   # read + serde into the model: the floor
//! waypost-bench check [--steady N] DIR...   # read + load + validate + portfolio coverage
//! ```
//!
//! `seconds` is the first run in a fresh process: for `check`, it includes the one-time setup
//! (parsing the built-in frameworks and building their graph). With `--steady N`, the same
//! work then runs N more times in the same process and `steady_seconds` is the median of those
//! runs: the steady state a criterion or divan benchmark would report, where the built-in
//! frameworks are already loaded.

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    process::ExitCode,
    time::Instant,
};

use waypost::{Catalog, Curriculum, portfolio};

/// A small deterministic generator (SplitMix64): the same seed gives the same portfolio on
/// every machine, with no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

const VERBS: [&str; 8] = [
    "Discuss",
    "Demonstrate",
    "Critically evaluate",
    "Explain",
    "Apply",
    "Reflect on",
    "Analyse",
    "Describe",
];
const TOPICS: [&str; 8] = [
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
fn pick<'a, T: AsRef<str>>(rng: &mut Rng, items: &'a [T]) -> &'a str {
    let i = usize::try_from(rng.next() % items.len().max(1) as u64).unwrap_or(0);
    items.get(i).map_or("", AsRef::as_ref)
}

/// Writes one course as TOML or JSON: 20 to 40 modules, 2 to 4 outcomes each, 1 to 5 mappings
/// per outcome, and an assessment per module.
fn course(rng: &mut Rng, index: usize, codes: &[String], json: bool) -> String {
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
            .filter(|_| rng.next().is_multiple_of(2))
            .map(|u| u.0.clone())
            .collect();
        modules_out.push((format!("M{:03}", m + 1), units, assessed));
    }
    let id = format!("course-{index:05}");
    let provider = format!("Provider {}", index % 37);
    if json {
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
    } else {
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

fn generate(args: &[String]) -> Result<String, String> {
    let mut courses = 1usize;
    let mut seed = 1u64;
    let mut json = false;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--courses" => {
                courses = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--courses takes a number")?
            }
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            "--format" => json = it.next().map(String::as_str) == Some("json"),
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.ok_or("give the output folder")?;
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    let codes: Vec<String> = catalog
        .framework("realising-recovery-2007")
        .map_err(|e| e.to_string())?
        .statements
        .iter()
        .map(|s| s.code.clone())
        .collect();
    let mut rng = Rng(seed);
    let mut bytes = 0usize;
    for i in 0..courses {
        let text = course(&mut rng, i, &codes, json);
        bytes += text.len();
        let name = out.join(format!(
            "course-{i:05}.{}",
            if json { "json" } else { "toml" }
        ));
        std::fs::write(name, text).map_err(|e| e.to_string())?;
    }
    Ok(format!("{{\"courses\": {courses}, \"bytes\": {bytes}}}"))
}

fn files(dirs: &[String]) -> Result<Vec<PathBuf>, String> {
    portfolio::collect_files(&dirs.iter().map(PathBuf::from).collect::<Vec<_>>())
        .map_err(|e| e.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Splits `--steady N` (how many more runs in the same process) off the arguments.
fn steady_option(args: &[String]) -> Result<(usize, Vec<String>), String> {
    let mut steady = 0;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--steady" {
            steady = it
                .next()
                .and_then(|v| v.parse().ok())
                .ok_or("--steady takes a number")?;
        } else {
            rest.push(a.clone());
        }
    }
    Ok((steady, rest))
}

/// The median of some timings (the mean of the middle two for an even count); none if empty.
fn median(mut times: Vec<f64>) -> Option<f64> {
    times.sort_by(f64::total_cmp);
    let mid = times.len() / 2;
    match times.len() {
        0 => None,
        n if n % 2 == 1 => times.get(mid).copied(),
        _ => Some((times.get(mid - 1)? + times.get(mid)?) / 2.0),
    }
}

/// Runs `work` once (the first run in this process), then `steady` more times: the first
/// run's seconds and result, and the median seconds of the others.
fn timed<T>(
    steady: usize,
    mut work: impl FnMut() -> Result<T, String>,
) -> Result<(f64, Option<f64>, T), String> {
    let start = Instant::now();
    let first = work()?;
    let seconds = start.elapsed().as_secs_f64();
    let mut times = Vec::with_capacity(steady);
    for _ in 0..steady {
        let start = Instant::now();
        work()?;
        times.push(start.elapsed().as_secs_f64());
    }
    Ok((seconds, median(times), first))
}

/// A number of seconds as JSON, `null` for none.
fn json_seconds(seconds: Option<f64>) -> String {
    seconds.map_or_else(|| "null".to_string(), |s| s.to_string())
}

/// The floor: read every file and deserialize it into the model with serde, nothing else.
fn parse(args: &[String]) -> Result<String, String> {
    let (steady, dirs) = steady_option(args)?;
    let files = files(&dirs)?;
    let (seconds, steady_seconds, mappings) = timed(steady, || parse_once(&files))?;
    Ok(format!(
        "{{\"seconds\": {seconds}, \"steady_seconds\": {}, \"files\": {}, \"mappings\": {mappings}}}",
        json_seconds(steady_seconds),
        files.len()
    ))
}

/// Reads and deserializes every file once; how many mappings they hold.
fn parse_once(files: &[PathBuf]) -> Result<usize, String> {
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

/// Everything `waypost portfolio` does: read, load with located errors, validate every code,
/// build the graph and compute each course's coverage and the portfolio's.
fn check(args: &[String]) -> Result<String, String> {
    let (steady, dirs) = steady_option(args)?;
    let files = files(&dirs)?;
    let (seconds, steady_seconds, p) = timed(steady, || check_once(&files))?;
    Ok(format!(
        "{{\"seconds\": {seconds}, \"steady_seconds\": {}, \"files\": {}, \"uncovered\": {}}}",
        json_seconds(steady_seconds),
        p.courses.len(),
        p.uncovered.len()
    ))
}

/// One whole check of the files: the built-in frameworks (parsed on the first call in a
/// process, then kept) and the portfolio.
fn check_once(files: &[PathBuf]) -> Result<portfolio::Portfolio, String> {
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    let p =
        portfolio::portfolio_files(catalog, files, None, |_, _| {}).map_err(|e| e.to_string())?;
    if !p.failures.is_empty() {
        return Err(format!("{} files failed", p.failures.len()));
    }
    Ok(p)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((cmd, rest)) if cmd == "generate" => generate(rest),
        Some((cmd, rest)) if cmd == "parse" => parse(rest),
        Some((cmd, rest)) if cmd == "check" => check(rest),
        _ => Err("usage: waypost-bench generate|parse|check ...".to_string()),
    };
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn the_steady_option_is_taken_out_of_the_folders() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            steady_option(&args(&["a", "--steady", "7", "b"])).unwrap(),
            (7, args(&["a", "b"]))
        );
        assert_eq!(steady_option(&args(&["a"])).unwrap(), (0, args(&["a"])));
        assert!(steady_option(&args(&["a", "--steady"])).is_err());
        assert!(steady_option(&args(&["--steady", "many", "a"])).is_err());
    }

    #[test]
    fn the_median_is_the_middle_timing() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0]), Some(3.0));
        assert_eq!(median(vec![9.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 100.0]), Some(3.0));
    }

    #[test]
    fn timed_runs_the_work_once_then_the_steady_runs() {
        let mut calls = 0;
        let (first, steady, result) = timed(3, || {
            calls += 1;
            Ok(calls)
        })
        .unwrap();
        assert_eq!((result, calls), (1, 4));
        assert!(first >= 0.0 && steady.is_some_and(|s| s >= 0.0));
        let (_, steady, _) = timed(0, || Ok(())).unwrap();
        assert_eq!(steady, None);
        assert!(timed(2, || Err::<(), _>("no".to_string())).is_err());
    }

    #[test]
    fn parse_and_check_report_a_steady_figure_for_a_generated_portfolio() {
        let dir = std::env::temp_dir().join(format!("waypost-bench-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = dir.display().to_string();
        for format in ["json", "toml"] {
            let folder = format!("{out}/{format}");
            let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            generate(&args(&[
                "--courses",
                "2",
                "--seed",
                "5",
                "--format",
                format,
                &folder,
            ]))
            .unwrap();
            let parsed: serde_json::Value =
                serde_json::from_str(&parse(&args(&["--steady", "2", &folder])).unwrap()).unwrap();
            let checked: serde_json::Value =
                serde_json::from_str(&check(&args(&["--steady", "2", &folder])).unwrap()).unwrap();
            assert_eq!(parsed["files"], 2);
            assert_eq!(checked["files"], 2);
            assert!(parsed["mappings"].as_u64().unwrap() > 0);
            for v in [&parsed, &checked] {
                assert!(v["seconds"].as_f64().unwrap() > 0.0, "{v}");
                assert!(v["steady_seconds"].as_f64().unwrap() > 0.0, "{v}");
            }
            // Without --steady, there is no steady figure.
            let once: serde_json::Value =
                serde_json::from_str(&check(&args(&[&folder])).unwrap()).unwrap();
            assert!(once["steady_seconds"].is_null());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
