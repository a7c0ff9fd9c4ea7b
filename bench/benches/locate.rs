//! Placing problems: how the time to report N located problems grows with N.
//!
//! For each kind of document ([`ProblemKind`]: unknown codes in a TOML or JSON curriculum,
//! duplicate unit ids, unknown ratings in a self-assessment) and each number of problems
//! (1,000, 2,000, 4,000 and 8,000), one benchmark: load the document and run the command's
//! work (`validate`, or `plan`) to the error that lists every problem with its line and
//! column. Each document is parsed for places once, so the time is linear in the problems:
//! twice the problems, about twice the time (criterion's throughput, problems per second,
//! stays flat). Before, each problem parsed the whole document again, and the time grew with
//! the square of the problems (8,000 unknown codes: over two minutes).
//!
//! ```text
//! cargo bench -p waypost-bench --bench locate
//! cargo bench -p waypost-bench --bench locate -- unknown-codes/   # criterion's filter
//! ```
//!
//! `cargo test -p waypost-bench --bench locate` runs each benchmark once, as a test. The same
//! documents are written by `waypost-bench problems`, to time the command line on them.

use std::{process::ExitCode, time::Duration};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use waypost::{Catalog, Error};
use waypost_bench::problems::{ProblemKind, document};

/// The numbers of problems measured.
const SIZES: [usize; 4] = [1000, 2000, 4000, 8000];

/// The command's work on a document, to the error that lists its problems.
fn report(catalog: &Catalog, kind: ProblemKind, text: &str) -> Result<Error, String> {
    let name = format!("generated.{}", kind.extension());
    let outcome = match kind {
        ProblemKind::UnknownRatings => {
            let assessment = waypost::load_self_assessment(waypost::Document::named(text, &name))
                .map_err(|e| e.to_string())?;
            waypost::plan(catalog, &assessment, &Default::default()).map(|_| ())
        }
        _ => {
            let curriculum = waypost::load_curriculum(waypost::Document::named(text, &name))
                .map_err(|e| e.to_string())?;
            waypost::validate(catalog, &curriculum, &Default::default()).map(|_| ())
        }
    };
    match outcome {
        Err(e) => Ok(e),
        Ok(()) => Err(format!("the {} document has no problems", kind.name())),
    }
}

fn bench(criterion: &mut Criterion) -> Result<(), String> {
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    for kind in ProblemKind::ALL {
        let mut group = criterion.benchmark_group(kind.name());
        group
            .warm_up_time(Duration::from_secs(1))
            .sample_size(10)
            .measurement_time(Duration::from_secs(5))
            .sampling_mode(SamplingMode::Flat);
        for n in SIZES {
            let text = document(kind, n);
            // Checked once, so a document that went wrong stops the run rather than being timed.
            let placed = report(catalog, kind, &text)?
                .diagnostics()
                .iter()
                .filter(|d| d.line.is_some())
                .count();
            if placed != n {
                return Err(format!("{}: {placed} of {n} problems placed", kind.name()));
            }
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
                b.iter(|| report(catalog, kind, text));
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
