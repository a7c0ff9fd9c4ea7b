//! waypost's whole check of a portfolio against its floor, side by side in one criterion run.
//!
//! For each format (one group each, `toml` and `json`) and each portfolio size (1, 10 and 100
//! courses), two benchmarks on the same files:
//!
//! - `parse/N`, the floor: read every file and deserialize it into the model with serde, and
//!   nothing else ([`waypost_bench::parse_once`]);
//! - `check/N`: everything `waypost portfolio` does with them, `Catalog::builtin()` then the
//!   portfolio ([`waypost_bench::check_once`]).
//!
//! Throughput is in mappings (elements), so the two read as the same unit of work.
//!
//! This is the steady state. Criterion warms each benchmark up before measuring it, so the
//! built-in frameworks are already parsed and their graph built when `check` is timed; the
//! first run in a fresh process, which pays for that once, is what `bench/run.py`'s per-process
//! columns measure.
//!
//! ```text
//! cargo bench -p waypost-bench --bench floor                                 # 1, 10, 100 courses
//! WAYPOST_BENCH_MAX_COURSES=1000 cargo bench -p waypost-bench --bench floor  # and 1,000
//! cargo bench -p waypost-bench --bench floor -- json/check                   # criterion's filter
//! ```
//!
//! `WAYPOST_BENCH_MAX_COURSES` is the largest size to measure (sizes are 1, 10, 100 and 1,000;
//! default 100, anything above 1,000 is taken as 1,000). The portfolios are generated once,
//! seeded with 2026 as `bench/run.py` seeds its own, under the target directory's `tmp/`, and
//! reused while complete. Criterion writes its estimates under `target/criterion/` (or
//! `$CARGO_TARGET_DIR/criterion/`), where `bench/run.py` reads them. `cargo test -p
//! waypost-bench --bench floor` runs each benchmark once, as a test.

use std::{path::PathBuf, process::ExitCode, time::Duration};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use waypost_bench::{CourseFormat, check_once, curriculum_files, parse_once, prepare};

/// The seed of every portfolio, the same as `bench/run.py`'s.
const SEED: u64 = 2026;
/// The portfolio sizes, in courses, up to the largest asked for.
const SIZES: [usize; 4] = [1, 10, 100, 1000];
/// The largest size measured unless `WAYPOST_BENCH_MAX_COURSES` says otherwise.
const DEFAULT_MAX_COURSES: usize = 100;

/// The largest portfolio to measure, from `WAYPOST_BENCH_MAX_COURSES`.
fn max_courses() -> Result<usize, String> {
    let Some(value) = std::env::var_os("WAYPOST_BENCH_MAX_COURSES") else {
        return Ok(DEFAULT_MAX_COURSES);
    };
    let value = value.to_string_lossy();
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|&n| n >= 1)
        .map(|n| n.min(1000))
        .ok_or_else(|| {
            format!(
                "WAYPOST_BENCH_MAX_COURSES takes a number of courses (1 or more), not `{value}`"
            )
        })
}

/// Samples, measuring time and sampling mode per size: the default sizes take about a minute
/// and a quarter in all. Up to 10 courses a run takes microseconds to a few milliseconds and
/// criterion's linear sampling (1, 2, 3, … runs per sample) fits in the time; from 100 courses
/// a run takes tens of milliseconds, and flat sampling (the same few runs per sample) keeps it
/// to the time given.
fn sampling(courses: usize) -> (usize, Duration, SamplingMode) {
    match courses {
        0..=10 => (50, Duration::from_secs(4), SamplingMode::Linear),
        11..=100 => (20, Duration::from_secs(5), SamplingMode::Flat),
        _ => (10, Duration::from_secs(10), SamplingMode::Flat),
    }
}

/// One portfolio to measure: its files and how many mappings they hold.
struct Portfolio {
    courses: usize,
    files: Vec<PathBuf>,
    mappings: usize,
}

/// Generates (or finds) every portfolio of one format and checks each once, so that a file
/// that fails stops the run here rather than being timed as a failure.
fn portfolios(format: CourseFormat, max: usize) -> Result<Vec<Portfolio>, String> {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("waypost-bench-floor");
    let mut out = Vec::new();
    for courses in SIZES.into_iter().filter(|&n| n <= max) {
        let folder = prepare(&root, courses, SEED, format)?;
        let files = curriculum_files(&[folder])?;
        let mappings = parse_once(&files)?;
        check_once(&files)?;
        out.push(Portfolio {
            courses,
            files,
            mappings,
        });
    }
    Ok(out)
}

fn bench(criterion: &mut Criterion) -> Result<(), String> {
    let max = max_courses()?;
    for format in CourseFormat::ALL {
        let portfolios = portfolios(format, max)?;
        let mut group = criterion.benchmark_group(format.extension());
        group.warm_up_time(Duration::from_secs(1));
        for p in &portfolios {
            let (samples, time, mode) = sampling(p.courses);
            group
                .sample_size(samples)
                .measurement_time(time)
                .sampling_mode(mode)
                .throughput(Throughput::Elements(p.mappings as u64));
            group.bench_with_input(BenchmarkId::new("parse", p.courses), &p.files, |b, f| {
                b.iter(|| parse_once(f));
            });
            group.bench_with_input(BenchmarkId::new("check", p.courses), &p.files, |b, f| {
                b.iter(|| check_once(f));
            });
        }
        group.finish();
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut criterion = Criterion::default().configure_from_args();
    match bench(&mut criterion) {
        Ok(()) => {
            criterion.final_summary();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
