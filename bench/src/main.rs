//! Benchmark harness: generates seeded synthetic portfolios and times reading them, with serde
//! alone (the floor) and through waypost's whole check, in the same process and the same run.
//! `bench/run.py` drives it and prints the table in docs/performance.md. The generator and the
//! work timed are the library's (`src/lib.rs`), shared with the criterion benchmarks
//! (`benches/floor.rs`).
//!
//! ```text
//! waypost-bench generate --courses N --seed S --format toml|json OUT_DIR
//! waypost-bench parse [--steady N] DIR...   # read + serde into the model: the floor
//! waypost-bench check [--steady N] DIR...   # read + load + validate + portfolio coverage
//! waypost-bench problems --kind KIND --count N OUT_FILE   # a document with N problems
//! waypost-bench large --rows N --seed S --format csv|toml|json OUT_FILE   # one large curriculum
//! waypost-bench read FILE   # the floor for one large file: its plain reader, nothing else
//! ```
//!
//! `seconds` is the first run in a fresh process: for `check`, it includes the one-time setup
//! (parsing the built-in frameworks and building their graph). With `--steady N`, the same
//! work then runs N more times in the same process and `steady_seconds` is the median of those
//! runs: the steady state the criterion benchmarks report, where the built-in frameworks are
//! already loaded.

use std::{path::PathBuf, process::ExitCode, time::Instant};

use waypost_bench::{CourseFormat, check_once, curriculum_files, generate, parse_once};

/// `generate --courses N --seed S --format toml|json OUT_DIR` (any format but `json` writes
/// TOML).
fn generate_command(args: &[String]) -> Result<String, String> {
    let mut courses = 1usize;
    let mut seed = 1u64;
    let mut format = CourseFormat::Toml;
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
            "--format" => {
                format = if it.next().map(String::as_str) == Some("json") {
                    CourseFormat::Json
                } else {
                    CourseFormat::Toml
                }
            }
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.ok_or("give the output folder")?;
    let generated = generate(&out, courses, seed, format)?;
    Ok(format!(
        "{{\"courses\": {}, \"bytes\": {}}}",
        generated.courses, generated.bytes
    ))
}

fn files(dirs: &[String]) -> Result<Vec<PathBuf>, String> {
    curriculum_files(&dirs.iter().map(PathBuf::from).collect::<Vec<_>>())
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

/// `problems --kind KIND --count N OUT_FILE`: writes a document with N problems of one kind
/// (`unknown-codes`, `duplicate-units`, `unknown-codes-json`, `unknown-ratings`), to time the
/// command line placing them (`benches/locate.rs` times the library on the same documents).
fn problems_command(args: &[String]) -> Result<String, String> {
    use waypost_bench::problems::{ProblemKind, document};
    let mut kind = ProblemKind::UnknownCodes;
    let mut count = 1000usize;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--kind" => {
                let name = it.next().map(String::as_str).unwrap_or_default();
                kind = ProblemKind::from_name(name).ok_or_else(|| {
                    format!(
                        "--kind is one of {}",
                        ProblemKind::ALL.map(ProblemKind::name).join(", ")
                    )
                })?;
            }
            "--count" => {
                count = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--count takes a number")?
            }
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.ok_or("give the output file")?;
    let text = document(kind, count);
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(format!(
        "{{\"kind\": \"{}\", \"problems\": {count}, \"bytes\": {}}}",
        kind.name(),
        text.len()
    ))
}

/// `large --rows N --seed S --format csv|toml|json OUT_FILE`: one curriculum of N units, 50 to a
/// module, mapped to Realising Recovery, in one file.
fn large_command(args: &[String]) -> Result<String, String> {
    use waypost_bench::large::{LargeFormat, large};
    let (mut rows, mut seed, mut format, mut out) = (1000usize, 1u64, LargeFormat::Csv, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--rows" => {
                rows = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--rows takes a number")?
            }
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            "--format" => {
                format = it
                    .next()
                    .and_then(|v| LargeFormat::from_extension(v))
                    .ok_or("--format is csv, toml or json")?
            }
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.ok_or("give the output file")?;
    let catalog = waypost::Catalog::builtin().map_err(|e| e.to_string())?;
    let codes: Vec<String> = catalog
        .framework("realising-recovery-2007")
        .map_err(|e| e.to_string())?
        .statements
        .iter()
        .enumerate()
        // Every tenth statement is left unmapped, so the curriculum has gaps.
        .filter(|(i, _)| i % 10 != 9)
        .map(|(_, s)| s.code.clone())
        .collect();
    let text = large(rows, seed, &codes, format);
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(format!("{{\"rows\": {rows}, \"bytes\": {}}}", text.len()))
}

/// `read FILE`: the floor for one large file, read with its format's plain reader.
fn read_command(file: &str) -> Result<String, String> {
    let start = Instant::now();
    let items = waypost_bench::large::read_plain(std::path::Path::new(file))?;
    Ok(format!(
        "{{\"seconds\": {}, \"items\": {items}}}",
        start.elapsed().as_secs_f64()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((cmd, rest)) if cmd == "generate" => generate_command(rest),
        Some((cmd, rest)) if cmd == "parse" => parse(rest),
        Some((cmd, rest)) if cmd == "check" => check(rest),
        Some((cmd, rest)) if cmd == "problems" => problems_command(rest),
        Some((cmd, rest)) if cmd == "large" => large_command(rest),
        Some((cmd, [file])) if cmd == "read" => read_command(file),
        _ => Err("usage: waypost-bench generate|parse|check|problems|large|read ...".to_string()),
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
            generate_command(&args(&[
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
