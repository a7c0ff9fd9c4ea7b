//! Times `load_curriculum` and `check` over a folder of TOML curricula, so that
//! `bindings-python/bench/bench.py` can set the Rust core beside the Python binding and a
//! plain-Python reference on the same inputs, and `bindings-wasm/bench/compare.mjs` beside
//! the WebAssembly build (which also runs this example compiled to WebAssembly, under WASI).
//! A benchmark, not a test: it prints numbers.
//!
//! ```sh
//! cargo run --release -p waypost --example bench_check -- DIR [REPEAT] [passes]
//! ```
//!
//! Prints one JSON object: the number of curricula, the best time (seconds) over REPEAT runs
//! of loading and checking every curriculum, of checking the already loaded curricula, of
//! loading alone, and of writing every report as JSON text (pretty, as `render::to_json` does
//! and the WebAssembly binding hands its answers over, and compact), with the JSON's total
//! bytes, and the total of covered statements as a check that the work was done.
//!
//! `bindings-wasm/examples/bench_check.rs` builds this same file for wasm32-wasip1, where the
//! core's dev-dependencies do not build; `main` is public for it.
//!
//! With `passes` as the third argument it only loads and checks every curriculum REPEAT
//! times, untimed, for counting instructions under `valgrind --tool=callgrind`
//! (`bindings-python/bench/instructions.py`).

use std::{
    fs,
    hint::black_box,
    path::{Path, PathBuf},
    process::ExitCode,
    time::Instant,
};

use waypost::{
    Catalog, CheckOptions, Curriculum, Document, Format, Report, check, load_curriculum, to_json,
};

/// A named TOML document.
fn toml<'a>(text: &'a str, name: &'a str) -> Document<'a> {
    let mut document = Document::named(text, name);
    document.format = Some(Format::Toml);
    document
}

pub fn main() -> ExitCode {
    match run() {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: bench_check DIR [REPEAT]")?);
    let repeat: usize = match args.next() {
        Some(r) => r
            .parse()
            .map_err(|_| format!("`{r}` is not a number of runs"))?,
        None => 5,
    };
    let passes_only = match args.next().as_deref() {
        None => false,
        Some("passes") => true,
        Some(other) => return Err(format!("unknown mode `{other}`; the mode is `passes`")),
    };
    let inputs = read_folder(&dir)?;
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    let options = CheckOptions::default();

    let load_all = || -> Result<Vec<Curriculum>, String> {
        inputs
            .iter()
            .map(|(name, text)| load_curriculum(toml(text, name)).map_err(|e| e.to_string()))
            .collect()
    };
    let check_all = |curricula: &[Curriculum]| -> Result<usize, String> {
        let mut covered = 0;
        for c in curricula {
            let report = check(catalog, c, &options).map_err(|e| e.to_string())?;
            covered += black_box(report).summary.covered;
        }
        Ok(covered)
    };
    let load_and_check_all = || -> Result<usize, String> {
        let mut covered = 0;
        for (name, text) in &inputs {
            let c = load_curriculum(toml(text, name)).map_err(|e| e.to_string())?;
            let report = check(catalog, &c, &options).map_err(|e| e.to_string())?;
            covered += black_box(report).summary.covered;
        }
        Ok(covered)
    };

    if passes_only {
        let mut covered = 0;
        for _ in 0..repeat {
            covered = load_and_check_all()?;
        }
        return Ok(format!(
            "{{\"curricula\": {}, \"passes\": {repeat}, \"covered\": {covered}}}",
            inputs.len()
        ));
    }

    // One untimed run first, so no timed run pays for first use (the built-in catalog).
    let curricula = load_all()?;
    let covered = check_all(&curricula)?;
    let reports = curricula
        .iter()
        .map(|c| check(catalog, c, &options).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let json_bytes: usize = reports.iter().map(|r| to_json(r).len()).sum();
    let compact = |r: &Report| serde_json::to_string(r).map_err(|e| e.to_string());
    let mut compact_bytes = 0;
    for r in &reports {
        compact_bytes += compact(r)?.len();
    }

    let (mut load_check, mut check_only, mut load_only) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut json, mut json_compact) = (f64::MAX, f64::MAX);
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let total = load_and_check_all()?;
        load_check = load_check.min(start.elapsed().as_secs_f64());
        if total != covered {
            return Err("two runs gave different totals".into());
        }

        let start = Instant::now();
        black_box(check_all(&curricula)?);
        check_only = check_only.min(start.elapsed().as_secs_f64());

        let start = Instant::now();
        black_box(load_all()?);
        load_only = load_only.min(start.elapsed().as_secs_f64());

        let start = Instant::now();
        for r in &reports {
            black_box(to_json(black_box(r)));
        }
        json = json.min(start.elapsed().as_secs_f64());

        let start = Instant::now();
        for r in &reports {
            black_box(compact(black_box(r))?);
        }
        json_compact = json_compact.min(start.elapsed().as_secs_f64());
    }
    Ok(format!(
        "{{\"curricula\": {}, \"repeat\": {}, \"load_check_s\": {load_check:.6}, \"check_s\": {check_only:.6}, \"load_s\": {load_only:.6}, \"json_s\": {json:.6}, \"json_compact_s\": {json_compact:.6}, \"json_bytes\": {json_bytes}, \"json_compact_bytes\": {compact_bytes}, \"covered\": {covered}}}",
        inputs.len(),
        repeat.max(1),
    ))
}

/// Every `.toml` file of a folder, by name, with its text, in name order.
fn read_folder(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no .toml curricula in `{}`", dir.display()));
    }
    paths
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p)
                .map_err(|e| format!("cannot read `{}`: {e}", p.display()))?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            Ok((name, text))
        })
        .collect()
}
