//! The hostile-input harness: every loader, writer and command of `waypost`, run as a user
//! would run it, over broken and hostile variants of real files.
//!
//! Each case says what a careful user would expect: the input refused with a located error,
//! accepted with a named warning, read exactly as the clean file is, or written without losing
//! or clobbering anything. Each run is sorted into one of:
//!
//! - **refused cleanly**: exit 2 with a message that names the file (and a line, where the
//!   case has one to give);
//! - **vague**: refused, but without the file or the line;
//! - **as expected**: accepted, and what was read or written is right (a named warning where
//!   one is due, the same report as the clean file, every edit kept);
//! - **silently accepted**: accepted where it should have been refused or warned about, or read
//!   differently from the clean file with no word;
//! - **lost**: a file clobbered, replaced or left changed, an edit lost;
//! - **crashed**: a panic, a signal, or a run that did not end in time.
//!
//! The summary table is printed (`cargo test -p waypost-cli --test hostile -- --nocapture`) and
//! written to `target/tmp/hostile-summary.md`; docs/hostile-input.md quotes it. The test fails
//! on anything silently accepted, lost or crashed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
    time::{Duration, Instant},
};

use common::root;

/// How long one run may take before it counts as hung.
const TIME_LIMIT: Duration = Duration::from_secs(30);
/// Address space for one run, in KiB: a runaway allocation ends the run, not the machine.
const MEMORY_LIMIT_KB: u64 = 3 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    RefusedCleanly,
    Vague,
    AsExpected,
    SilentlyAccepted,
    Lost,
    Crashed,
}

const VERDICTS: [(Verdict, &str); 6] = [
    (Verdict::RefusedCleanly, "refused cleanly"),
    (Verdict::Vague, "vague"),
    (Verdict::AsExpected, "as expected"),
    (Verdict::SilentlyAccepted, "silently accepted"),
    (Verdict::Lost, "lost"),
    (Verdict::Crashed, "crashed"),
];

/// What a run printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    hung: bool,
}

impl Run {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    fn crashed(&self) -> bool {
        self.hung || self.code.is_none() || self.code == Some(101)
    }
    fn printed(&self) -> String {
        format!("{}{}", self.text(), self.stderr)
    }
}

/// One case's folder, and running `waypost` in it.
struct Scene {
    dir: PathBuf,
}

impl Scene {
    fn new(name: &str) -> Scene {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("hostile")
            .join(name);
        if dir.exists() {
            make_writable(&dir);
            fs::remove_dir_all(&dir).unwrap();
        }
        fs::create_dir_all(&dir).unwrap();
        Scene { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    fn read(&self, name: &str) -> Vec<u8> {
        fs::read(self.path(name)).unwrap_or_default()
    }

    /// Runs `waypost ARGS` in the case's folder, with a time and memory limit.
    fn run(&self, args: &[&str]) -> Run {
        self.run_to(args, Stdio::piped())
    }

    fn run_to(&self, args: &[&str], stdout: Stdio) -> Run {
        let mut child = limited(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(Stdio::piped())
            .spawn()
            .expect("waypost runs");
        let started = Instant::now();
        let mut hung = false;
        // Read the pipes on threads, so a large output cannot block the child.
        let out_reader = child.stdout.take().map(|mut s| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = std::io::Read::read_to_end(&mut s, &mut buf);
                buf
            })
        });
        let mut err_pipe = child.stderr.take().unwrap();
        let err_reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = std::io::Read::read_to_end(&mut err_pipe, &mut buf);
            buf
        });
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > TIME_LIMIT {
                hung = true;
                let _ = child.kill();
                break child.wait().unwrap();
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let stdout = out_reader.map(|r| r.join().unwrap()).unwrap_or_default();
        let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
        Run {
            code: status.code(),
            stdout,
            stderr,
            hung,
        }
    }
}

/// `waypost ARGS` under a shell that caps its address space.
fn limited(args: &[&str]) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_waypost"))
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    command
}

fn make_writable(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(entries) = fs::read_dir(dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if let Ok(meta) = fs::symlink_metadata(&path) {
                    if meta.is_dir() {
                        make_writable(&path);
                    } else if meta.is_file() {
                        let _ = fs::set_permissions(&path, fs::Permissions::from_mode(0o644));
                    }
                }
            }
        }
    }
}

/// The results of every case, grouped by family.
#[derive(Default)]
struct Tally {
    rows: BTreeMap<&'static str, BTreeMap<Verdict, usize>>,
    failures: Vec<String>,
    vague: Vec<String>,
}

impl Tally {
    fn record(&mut self, family: &'static str, case: &str, verdict: Verdict, why: &str) {
        *self
            .rows
            .entry(family)
            .or_default()
            .entry(verdict)
            .or_default() += 1;
        match verdict {
            Verdict::SilentlyAccepted | Verdict::Lost | Verdict::Crashed => self
                .failures
                .push(format!("{family} / {case}: {verdict:?}: {why}")),
            Verdict::Vague => self.vague.push(format!("{family} / {case}: {why}")),
            _ => {}
        }
    }

    fn table(&self) -> String {
        let mut out = String::from("| family | cases |");
        for (_, name) in VERDICTS {
            let _ = write!(out, " {name} |");
        }
        out.push_str("\n|---|---:|");
        for _ in VERDICTS {
            out.push_str("---:|");
        }
        out.push('\n');
        let mut totals = BTreeMap::new();
        for (family, counts) in &self.rows {
            let cases: usize = counts.values().sum();
            let _ = write!(out, "| {family} | {cases} |");
            for (verdict, _) in VERDICTS {
                let n = counts.get(&verdict).copied().unwrap_or(0);
                *totals.entry(verdict).or_insert(0) += n;
                let _ = write!(out, " {n} |");
            }
            out.push('\n');
        }
        let all: usize = totals.values().sum();
        let _ = write!(out, "| **all** | **{all}** |");
        for (verdict, _) in VERDICTS {
            let _ = write!(out, " **{}** |", totals.get(&verdict).copied().unwrap_or(0));
        }
        out.push('\n');
        out
    }
}

/// A refusal is clean when it exits 2 with a message naming the file, and the line where the
/// case says there is one to give.
fn refusal(run: &Run, file: &str, located: bool) -> (Verdict, String) {
    if run.crashed() {
        return (Verdict::Crashed, crash_note(run));
    }
    match run.code {
        Some(2) => {
            let err = &run.stderr;
            let named = err.contains(file);
            let has_line = err.contains(&format!("{file}:")) || err.contains("line ");
            if err.trim().is_empty() {
                (Verdict::Vague, "exit 2 with no message".into())
            } else if !named {
                (
                    Verdict::Vague,
                    format!("the file is not named: {}", first_line(err)),
                )
            } else if located && !has_line {
                (Verdict::Vague, format!("no line: {}", first_line(err)))
            } else {
                (Verdict::RefusedCleanly, String::new())
            }
        }
        code => (
            Verdict::SilentlyAccepted,
            format!("exit {code:?}: {}", first_line(&run.printed())),
        ),
    }
}

/// Accepted, with a warning that names `what`.
fn warned(run: &Run, what: &str) -> (Verdict, String) {
    if run.crashed() {
        return (Verdict::Crashed, crash_note(run));
    }
    let printed = run.printed();
    match run.code {
        Some(2) if printed.contains(what) => (Verdict::RefusedCleanly, String::new()),
        Some(2) => (Verdict::Vague, first_line(&printed)),
        _ if printed.contains(what) && printed.to_lowercase().contains("warning") => {
            (Verdict::AsExpected, String::new())
        }
        _ => (
            Verdict::SilentlyAccepted,
            format!("no warning naming `{what}`"),
        ),
    }
}

fn crash_note(run: &Run) -> String {
    if run.hung {
        "did not end in time".into()
    } else {
        format!(
            "exit {:?}: {}",
            run.code,
            first_line(run.stderr.lines().last().unwrap_or_default())
        )
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .chars()
        .take(160)
        .collect()
}

fn example(name: &str) -> Vec<u8> {
    fs::read(root().join("curricula/examples").join(name)).unwrap()
}

fn replace_once(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(text.contains(from), "the base file has `{from}`");
    text.replacen(from, to, 1).into_bytes()
}

fn crlf(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .replace("\r\n", "\n")
        .replace('\n', "\r\n")
        .into_bytes()
}

fn bom(bytes: &[u8]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend_from_slice(bytes);
    out
}

/// The JSON report of a check, with the file's own name taken out, to compare two readings.
fn report_of(scene: &Scene, file: &str) -> Option<serde_json::Value> {
    let run = scene.run(&["check", file, "--format", "json"]);
    if run.crashed() || !matches!(run.code, Some(0 | 1)) {
        return None;
    }
    let mut value: serde_json::Value = serde_json::from_slice(&run.stdout).ok()?;
    strip_names(&mut value);
    Some(value)
}

fn strip_names(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for key in ["path", "file", "source"] {
                map.remove(key);
            }
            map.values_mut().for_each(strip_names);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_names),
        _ => {}
    }
}

/// The base documents each family varies: one per input format.
struct Base {
    file: &'static str,
    bytes: Vec<u8>,
}

fn bases() -> Vec<Base> {
    vec![
        Base {
            file: "day.toml",
            bytes: example("recovery-awareness-day.toml"),
        },
        Base {
            file: "day.csv",
            bytes: example("recovery-awareness-day.csv"),
        },
        Base {
            file: "induction.json",
            bytes: example("portfolio/recovery-elearning-induction.json"),
        },
        Base {
            file: "pg.yaml",
            bytes: example("portfolio/pg-recovery-focused-practice.yaml"),
        },
    ]
}

fn ext(file: &str) -> &str {
    file.rsplit('.').next().unwrap_or_default()
}

/// Syntax: the file cut inside a string, a byte that is not UTF-8, a NUL, a stray quote.
fn syntax(tally: &mut Tally) {
    for base in bases() {
        let text = String::from_utf8(base.bytes.clone()).unwrap();
        let name = base.file;
        // Cut just after the opening quote of the last quoted value.
        let cut = text
            .rfind(": \"")
            .or_else(|| text.rfind("= \""))
            .or_else(|| text.rfind(",\""));
        let mut variants: Vec<(String, Vec<u8>, bool)> = Vec::new();
        if let Some(at) = cut {
            variants.push((
                "cut inside a string".into(),
                text.as_bytes()[..at + 3].to_vec(),
                true,
            ));
        }
        // A byte that is not UTF-8 inside the first text.
        let mut bad = base.bytes.clone();
        if let Some(at) = text.find("recovery") {
            bad.insert(at, 0xff);
            variants.push(("a byte that is not UTF-8".into(), bad, true));
        }
        if ext(name) != "csv" {
            variants.push((
                "a NUL inside a text".into(),
                text.replacen("recovery", "reco\0very", 1).into_bytes(),
                true,
            ));
        }
        if ext(name) == "json" {
            variants.push((
                "a trailing comma".into(),
                text.replacen("\n  ]", ",\n  ]", 1).into_bytes(),
                true,
            ));
            variants.push((
                "cut at the middle".into(),
                text.as_bytes()[..text.len() / 2].to_vec(),
                true,
            ));
        }
        if ext(name) == "yaml" {
            variants.push((
                "a tab indent".into(),
                text.replacen("\n  ", "\n\t", 1).into_bytes(),
                true,
            ));
        }
        if ext(name) == "toml" {
            variants.push((
                "a key given twice".into(),
                text.replacen("\ntitle = ", "\ntitle = \"Twice\"\ntitle = ", 1)
                    .into_bytes(),
                true,
            ));
        }
        for (variant, bytes, located) in variants {
            let scene = Scene::new(&format!("syntax-{name}-{}", slug(&variant)));
            scene.write(name, &bytes);
            let (verdict, why) = refusal(&scene.run(&["check", name]), name, located);
            tally.record("syntax", &format!("{name}: {variant}"), verdict, &why);
        }
    }
}

fn slug(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Keys: a known key misspelt at every level, in every structured format, must be refused or
/// warned about by name; a key given twice in JSON or YAML must not pass silently.
fn keys(tally: &mut Tally) {
    let toml = example("recovery-awareness-day.toml");
    let json = example("portfolio/recovery-elearning-induction.json");
    let yaml = example("portfolio/pg-recovery-focused-practice.yaml");
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        // (file, bytes, the misspelt key, what is expected: warn or refuse)
        (
            "day.toml",
            replace_once(&toml, "covers = [\"K1\"", "covres = [\"K1\""),
            "covres",
            "warn",
        ),
        (
            "day.toml",
            replace_once(&toml, "\ntext = \"What is", "\ntxet = \"What is"),
            "txet",
            "warn",
        ),
        (
            "day.toml",
            replace_once(
                &toml,
                "\ntitle = \"Recovery awareness day for",
                "\ntitel = \"Recovery awareness day for",
            ),
            "title",
            "refuse",
        ),
        (
            "day.toml",
            replace_once(
                &toml,
                "covers = [\"K1\", \"V1\", \"V2\"]",
                "covers = [{ statement = \"K1\", levle = \"assessed\" }, \"V1\", \"V2\"]",
            ),
            "levle",
            "refuse",
        ),
        (
            "day.toml",
            replace_once(
                &toml,
                "covers = [\"K1\", \"V1\", \"V2\"]",
                "covers = [{ statment = \"K1\" }, \"V1\", \"V2\"]",
            ),
            "statment",
            "refuse",
        ),
        (
            "day.toml",
            replace_once(&toml, "[[modules.units]]", "[[modules.unit]]"),
            "unit",
            "refuse-or-warn",
        ),
        (
            "day.toml",
            replace_once(&toml, "assesses = ", "asesses = "),
            "asesses",
            "warn",
        ),
        (
            "induction.json",
            replace_once(&json, "\"covers\"", "\"covres\""),
            "covres",
            "warn",
        ),
        (
            "induction.json",
            replace_once(&json, "\"units\"", "\"unist\""),
            "unist",
            "warn",
        ),
        (
            "pg.yaml",
            replace_once(&yaml, "covers:", "covres:"),
            "covres",
            "warn",
        ),
        (
            "pg.yaml",
            replace_once(&yaml, "units:", "unist:"),
            "unist",
            "warn",
        ),
    ];
    for (i, (file, bytes, key, expect)) in cases.into_iter().enumerate() {
        let scene = Scene::new(&format!("keys-{i}"));
        scene.write(file, &bytes);
        let run = scene.run(&["check", file]);
        let (verdict, why) = match expect {
            "refuse" => refusal(&run, file, true),
            "warn" => warned(&run, key),
            _ => {
                if run.code == Some(2) {
                    refusal(&run, file, true)
                } else {
                    warned(&run, key)
                }
            }
        };
        tally.record("misspelt keys", &format!("{file}: `{key}`"), verdict, &why);
    }
    // A key given twice in JSON and YAML: the second must not silently replace the first.
    let twice: Vec<(&str, Vec<u8>)> = vec![
        (
            "induction.json",
            replace_once(&json, "\"title\":", "\"title\": \"Twice\",\n  \"title\":"),
        ),
        (
            "pg.yaml",
            replace_once(&yaml, "\ntitle:", "\ntitle: Twice\ntitle:"),
        ),
    ];
    for (file, bytes) in twice {
        let scene = Scene::new(&format!("keys-twice-{file}"));
        scene.write(file, &bytes);
        let (verdict, why) = refusal(&scene.run(&["check", file]), file, true);
        tally.record(
            "misspelt keys",
            &format!("{file}: `title` twice"),
            verdict,
            &why,
        );
    }
}

/// Values: codes, levels, numbers and references that are wrong.
fn values(tally: &mut Tally) {
    let toml = example("recovery-awareness-day.toml");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "unknown code",
            replace_once(&toml, "\"K1\", \"V1\"", "\"K99\", \"V1\""),
        ),
        (
            "near-miss code",
            replace_once(&toml, "\"K1\", \"V1\"", "\"K 1\", \"V1\""),
        ),
        (
            "unknown level",
            replace_once(&toml, "\"K1\", \"V1\"", "\"K1:mastered\", \"V1\""),
        ),
        (
            "credits as text",
            replace_once(&toml, "credits = 0", "credits = \"none\""),
        ),
        (
            "credits negative",
            replace_once(&toml, "credits = 0", "credits = -5"),
        ),
        (
            "year too large",
            replace_once(&toml, "credits = 0", "credits = 0\nyear = 300"),
        ),
        (
            "unknown kind",
            replace_once(&toml, "kind = \"session\"", "kind = \"lecture\""),
        ),
        (
            "unit id twice",
            replace_once(&toml, "id = \"SE2\"", "id = \"SE1\""),
        ),
        (
            "unknown framework",
            replace_once(
                &toml,
                "frameworks = [\"realising-recovery-2007\"]",
                "frameworks = [\"realising-recovery-2077\"]",
            ),
        ),
        (
            "assesses a missing unit",
            replace_once(&toml, "assesses = [\"", "assesses = [\"NOPE\", \""),
        ),
        (
            "code with a control character",
            replace_once(&toml, "\"K1\", \"V1\"", "\"K\u{1b}[2J1\", \"V1\""),
        ),
    ];
    for (variant, bytes) in cases {
        let scene = Scene::new(&format!("values-{}", slug(variant)));
        scene.write("day.toml", &bytes);
        let (verdict, why) = refusal(&scene.run(&["check", "day.toml"]), "day.toml", true);
        tally.record("values", variant, verdict, &why);
    }
}

/// Mapping grids: quoting, columns and cells that a spreadsheet export can get wrong.
fn grids(tally: &mut Tally) {
    let grid = String::from_utf8(example("recovery-awareness-day.csv")).unwrap();
    let header = grid.lines().next().unwrap().to_string();
    let body: Vec<&str> = grid.lines().skip(1).collect();
    let refuse: Vec<(&str, String)> = vec![
        (
            "an unterminated quote",
            grid.replacen(",\"What is recovery?", ",\"What is recovery?\u{20}", 1)
                .replacen("straight line.\"", "straight line.", 1),
        ),
        (
            "the covers column twice",
            format!(
                "{header},covers\n{}\n",
                body.iter()
                    .map(|l| format!("{l},K7"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        ),
        (
            "covers and mappings both",
            format!(
                "{header},mappings\n{}\n",
                body.iter()
                    .map(|l| format!("{l},K7"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        ),
        (
            "a cell beyond the header",
            format!("{header}\n{},K7\n{}\n", body[0], body[1..].join("\n")),
        ),
        ("no covers column", grid.replacen(",covers,", ",kovers,", 1)),
        ("semicolon-separated", grid.replace(',', ";")),
    ];
    for (variant, text) in refuse {
        let scene = Scene::new(&format!("grid-{}", slug(variant)));
        scene.write("day.csv", text);
        let (verdict, why) = refusal(&scene.run(&["check", "day.csv"]), "day.csv", true);
        tally.record("mapping grids", variant, verdict, &why);
    }
    // A grid with a header and no rows reads as a curriculum with no modules: said, not hidden.
    let scene = Scene::new("grid-header-only");
    scene.write("day.csv", format!("{header}\n"));
    let (verdict, why) = warned(&scene.run(&["check", "day.csv"]), "no modules");
    tally.record("mapping grids", "header only, no rows", verdict, &why);
}

/// Variants that must read exactly as the clean file: line endings, a byte-order mark, empty
/// trailing cells.
fn equivalents(tally: &mut Tally) {
    for base in bases() {
        let name = base.file;
        let clean = Scene::new(&format!("same-clean-{name}"));
        clean.write(name, &base.bytes);
        let expected = report_of(&clean, name).expect("the clean file checks");
        let mut variants: Vec<(String, Vec<u8>)> = vec![
            ("CRLF line endings".into(), crlf(&base.bytes)),
            ("a byte-order mark".into(), bom(&base.bytes)),
            ("a BOM and CRLF".into(), bom(&crlf(&base.bytes))),
        ];
        if ext(name) == "csv" {
            let text = String::from_utf8(base.bytes.clone()).unwrap();
            let padded: String = text.lines().map(|l| format!("{l},,\n")).collect();
            variants.push(("two empty cells after each row".into(), padded.into_bytes()));
        }
        for (variant, bytes) in variants {
            let scene = Scene::new(&format!("same-{name}-{}", slug(&variant)));
            scene.write(name, &bytes);
            let verdict = match report_of(&scene, name) {
                Some(report) if report == expected => (Verdict::AsExpected, String::new()),
                Some(_) => (
                    Verdict::SilentlyAccepted,
                    "read differently from the clean file".into(),
                ),
                None => {
                    let run = scene.run(&["check", name]);
                    if run.crashed() {
                        (Verdict::Crashed, crash_note(&run))
                    } else {
                        (
                            Verdict::Vague,
                            format!("refused: {}", first_line(&run.stderr)),
                        )
                    }
                }
            };
            tally.record(
                "read as the clean file",
                &format!("{name}: {variant}"),
                verdict.0,
                &verdict.1,
            );
        }
    }
}

/// Inputs built to exhaust memory or time.
fn sizes(tally: &mut Tally) {
    // YAML: one large anchored string aliased many times.
    let big = "x".repeat(1024 * 1024);
    let mut yaml = format!(
        "id: bomb\ntitle: Bomb\nmodules:\n  - code: M\n    title: &big \"{big}\"\n    units:\n"
    );
    for i in 0..1000 {
        let _ = writeln!(yaml, "      - id: U{i}\n        text: *big");
    }
    sized(
        tally,
        "a 1 MB string aliased 1,000 times (YAML)",
        "bomb.yaml",
        yaml.into_bytes(),
    );
    // YAML: the billion laughs, nested aliases.
    let mut laughs = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        let _ = writeln!(
            laughs,
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        );
        prev = n;
    }
    laughs.push_str("id: laughs\ntitle: *i\n");
    sized(
        tally,
        "nested aliases (YAML billion laughs)",
        "laughs.yaml",
        laughs.into_bytes(),
    );
    // Deep nesting.
    let deep = format!(
        "{{\"id\": \"x\", \"title\": \"x\", \"modules\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    sized(
        tally,
        "100,000 nested arrays (JSON)",
        "deep.json",
        deep.into_bytes(),
    );
    let deep_toml = format!(
        "id = \"x\"\ntitle = \"x\"\nextra = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    sized(
        tally,
        "100,000 nested arrays (TOML)",
        "deep.toml",
        deep_toml.into_bytes(),
    );
    // A grid of empty columns: many cells, few bytes.
    let mut wide = String::from("module,unit,covers\n");
    let row = format!("M,U,K1{}\n", ",".repeat(20_000));
    for i in 0..300 {
        wide.push_str(&row.replacen("U", &format!("U{i}"), 1));
    }
    sized(
        tally,
        "a grid of 6 million empty cells",
        "wide.csv",
        wide.into_bytes(),
    );
    // Larger than waypost reads.
    let mut huge = String::from("id = \"x\"\ntitle = \"x\"\ndescription = \"");
    huge.push_str(&"y".repeat(70 * 1024 * 1024));
    huge.push_str("\"\n");
    sized(tally, "a 70 MB file", "huge.toml", huge.into_bytes());

    #[cfg(unix)]
    {
        // A link to an endless device, and an endless FIFO.
        let scene = Scene::new("size-dev-zero");
        std::os::unix::fs::symlink("/dev/zero", scene.path("zero.toml")).unwrap();
        let (verdict, why) = refusal(&scene.run(&["check", "zero.toml"]), "zero.toml", false);
        tally.record("size and depth", "a .toml link to /dev/zero", verdict, &why);

        let scene = Scene::new("size-fifo");
        let fifo = scene.path("fifo.toml");
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let mut writer = Command::new("sh")
            .arg("-c")
            .arg("yes 'title = \"again\"' > fifo.toml 2>/dev/null")
            .current_dir(&scene.dir)
            .spawn()
            .unwrap();
        let run = scene.run(&["check", "fifo.toml"]);
        let _ = writer.kill();
        let _ = writer.wait();
        let (verdict, why) = refusal(&run, "fifo.toml", false);
        tally.record(
            "size and depth",
            "an endless FIFO named .toml",
            verdict,
            &why,
        );
    }
}

fn sized(tally: &mut Tally, variant: &str, name: &str, bytes: Vec<u8>) {
    let scene = Scene::new(&format!("size-{}", slug(variant)));
    scene.write(name, &bytes);
    let (verdict, why) = refusal(&scene.run(&["check", name]), name, false);
    tally.record("size and depth", variant, verdict, &why);
}

/// Portfolios: each course counted once, whatever the folder holds.
fn portfolios(tally: &mut Tally) {
    let courses = |run: &Run| -> Option<u64> {
        let v: serde_json::Value = serde_json::from_slice(&run.stdout).ok()?;
        v.get("courses")
            .and_then(|c| c.as_array().map(|a| a.len() as u64).or_else(|| c.as_u64()))
            .or_else(|| {
                v.get("curricula")
                    .and_then(|c| c.as_array())
                    .map(|a| a.len() as u64)
            })
    };
    let day = example("recovery-awareness-day.toml");
    let bsc = example("bsc-mental-health-nursing.toml");
    let mut check = |variant: &str, scene: &Scene, args: &[&str], want: u64| {
        let run = scene.run(args);
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else {
            match courses(&run) {
                Some(n) if n == want => (Verdict::AsExpected, String::new()),
                Some(n) => (
                    Verdict::SilentlyAccepted,
                    format!("{n} courses counted, {want} there"),
                ),
                None if run.code == Some(2) => refusal(&run, "", false),
                None => (Verdict::Vague, first_line(&run.printed())),
            }
        };
        tally.record("portfolio folders", variant, verdict.0, &verdict.1);
    };
    let scene = Scene::new("portfolio-twice");
    scene.write("p/day.toml", &day);
    scene.write("p/bsc.toml", &bsc);
    check(
        "a file given twice",
        &scene,
        &[
            "portfolio",
            "p/day.toml",
            "p/day.toml",
            "p/bsc.toml",
            "--format",
            "json",
        ],
        2,
    );
    check(
        "a file and its folder",
        &scene,
        &["portfolio", "p", "p/day.toml", "--format", "json"],
        2,
    );
    #[cfg(unix)]
    {
        let scene = Scene::new("portfolio-loop");
        scene.write("p/day.toml", &day);
        scene.write("p/sub/bsc.toml", &bsc);
        std::os::unix::fs::symlink("..", scene.path("p/sub/up")).unwrap();
        check(
            "a symlink loop",
            &scene,
            &["portfolio", "p", "--format", "json"],
            2,
        );
        let scene = Scene::new("portfolio-link");
        scene.write("p/day.toml", &day);
        scene.write("p/bsc.toml", &bsc);
        std::os::unix::fs::symlink("day.toml", scene.path("p/day-again.toml")).unwrap();
        check(
            "a link to a course beside it",
            &scene,
            &["portfolio", "p", "--format", "json"],
            2,
        );
    }
    let scene = Scene::new("portfolio-framework");
    scene.write("p/day.toml", &day);
    scene.write("p/bsc.toml", &bsc);
    scene.write(
        "p/rr.toml",
        fs::read(root().join("core/data/frameworks/realising-recovery-2007.toml")).unwrap(),
    );
    check(
        "a framework file in the folder",
        &scene,
        &["portfolio", "p", "--format", "json"],
        2,
    );
}

/// Terminal output: text from a file must not reach a terminal as control sequences.
fn terminal(tally: &mut Tally) {
    let toml = example("recovery-awareness-day.toml");
    let hostile = replace_once(
        &toml,
        "title = \"Recovery awareness day for ward staff\"",
        "title = \"Day\\u001b]0;owned\\u0007\\u001b[2K\\rresult: passed\\u001b]52;c;ZWNobyBvd25lZA==\\u0007\"",
    );
    let hostile = replace_once(
        &hostile,
        "text = \"What is recovery?",
        "text = \"\\u001b[1A\\u001b[2KWhat is recovery?\\u009b2J",
    );
    let scene = Scene::new("terminal");
    scene.write("day.toml", &hostile);
    scene.write(
        "bad.toml",
        replace_once(&hostile, "\"K1\", \"V1\"", "\"K\\u001b[31m9\", \"V1\""),
    );
    for (variant, args) in [
        ("check", vec!["check", "day.toml"]),
        ("validate", vec!["validate", "day.toml"]),
        ("explain", vec!["explain", "day.toml", "K1"]),
        ("an error quoting the input", vec!["check", "bad.toml"]),
        (
            "suggest as text",
            vec!["suggest", "day.toml", "--format", "text"],
        ),
    ] {
        let run = scene.run(&args);
        let printed = [run.stdout.as_slice(), run.stderr.as_bytes()].concat();
        let escapes = printed
            .iter()
            .filter(|b| **b == 0x1b || **b == 0x07)
            .count()
            + String::from_utf8_lossy(&printed).matches('\u{9b}').count();
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else if escapes > 0 {
            (
                Verdict::SilentlyAccepted,
                format!("{escapes} control bytes reached the terminal"),
            )
        } else {
            (Verdict::AsExpected, String::new())
        };
        tally.record("terminal output", variant, verdict.0, &verdict.1);
    }
}

/// Spreadsheet cells: text that a spreadsheet would run as a formula is written guarded.
fn formulas(tally: &mut Tally) {
    let toml = example("recovery-awareness-day.toml");
    let mut hostile = toml.clone();
    for (from, to) in [
        (
            "text = \"What is recovery?",
            "text = \"=HYPERLINK(\\\"http://x\\\")What is recovery?",
        ),
        (
            "text = \"Recovery stories",
            "text = \"+1+1 Recovery stories",
        ),
        ("text = \"Holding hope", "text = \"-2+3 Holding hope"),
        (
            "text = \"Language matters",
            "text = \"@SUM(1) Language matters",
        ),
        ("text = \"Rights, choice", "text = \"\\t=1+1 Rights, choice"),
        ("text = \"Strengths and", "text = \"\\r=1+1 Strengths and"),
    ] {
        hostile = replace_once(&hostile, from, to);
    }
    // Leave the units unmapped, so that `suggest` writes a row for each.
    let unmapped = String::from_utf8(hostile.clone())
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("covers = "))
        .collect::<Vec<_>>()
        .join("\n");
    let scene = Scene::new("formulas");
    scene.write("day.toml", &hostile);
    scene.write("unmapped.toml", unmapped);
    let dangerous = |cell: &str| cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    for (variant, args) in [
        (
            "check --format csv",
            vec!["check", "day.toml", "--format", "csv"],
        ),
        (
            "suggest CURRICULUM (the grid)",
            vec!["suggest", "unmapped.toml"],
        ),
        (
            "import --from grid, written back as a grid",
            vec!["check", "day.toml", "--format", "csv"],
        ),
    ] {
        let run = scene.run(&args);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(run.stdout.as_slice());
        let bad: Vec<String> = reader
            .records()
            .flatten()
            .flat_map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
            .filter(|c| dangerous(c) && c.parse::<f64>().is_err())
            .collect();
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else if !bad.is_empty() {
            (
                Verdict::SilentlyAccepted,
                format!(
                    "unguarded cells: {:?}",
                    bad.iter().take(3).collect::<Vec<_>>()
                ),
            )
        } else if run.stdout.is_empty() {
            (Verdict::Vague, first_line(&run.stderr))
        } else {
            (Verdict::AsExpected, String::new())
        };
        tally.record("spreadsheet formulas", variant, verdict.0, &verdict.1);
    }
}

/// Writers: no command may clobber its input, a special file, a link, a read-only file, or lose
/// an edit.
#[cfg(unix)]
fn writes(tally: &mut Tally) {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let day = example("recovery-awareness-day.toml");
    let grid = example("recovery-awareness-day.csv");
    let mut record = |variant: &str, verdict: (Verdict, String)| {
        tally.record("writing files", variant, verdict.0, &verdict.1);
    };

    // Output onto the command's own input.
    for (variant, file, bytes, args) in [
        (
            "check FILE --output FILE",
            "day.toml",
            &day,
            vec!["check", "day.toml", "--output", "day.toml"],
        ),
        (
            "check FILE --output ./FILE",
            "day.toml",
            &day,
            vec![
                "check",
                "day.toml",
                "--format",
                "json",
                "--output",
                "./day.toml",
            ],
        ),
        (
            "import FILE --output FILE",
            "day.csv",
            &grid,
            vec!["import", "day.csv", "--from", "grid", "--output", "day.csv"],
        ),
    ] {
        let scene = Scene::new(&format!("write-{}", slug(variant)));
        scene.write(file, bytes);
        let run = scene.run(&args);
        let kept = scene.read(file) == *bytes;
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else if !kept {
            (Verdict::Lost, "the input was overwritten".into())
        } else {
            refusal(&run, file, false)
        };
        record(variant, verdict);
    }
    // A hard link to the input is the input too.
    {
        let scene = Scene::new("write-hard-link");
        scene.write("day.toml", &day);
        fs::hard_link(scene.path("day.toml"), scene.path("same.toml")).unwrap();
        let run = scene.run(&["check", "day.toml", "--output", "same.toml"]);
        let verdict = if scene.read("day.toml") != day {
            (
                Verdict::Lost,
                "the input was overwritten through a hard link".into(),
            )
        } else {
            refusal(&run, "day.toml", false)
        };
        record("check FILE --output HARD-LINK-TO-FILE", verdict);
    }
    // Output to a link: the link stays, the file it points to gets the report.
    {
        let scene = Scene::new("write-symlink");
        scene.write("day.toml", &day);
        scene.write("real.txt", "old");
        std::os::unix::fs::symlink("real.txt", scene.path("link.txt")).unwrap();
        let run = scene.run(&["check", "day.toml", "--output", "link.txt"]);
        let link = fs::symlink_metadata(scene.path("link.txt")).unwrap();
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else if !link.file_type().is_symlink() {
            (Verdict::Lost, "the link was replaced by a file".into())
        } else if scene.read("real.txt") == b"old" {
            (
                Verdict::SilentlyAccepted,
                "the report did not reach the linked file".into(),
            )
        } else {
            (Verdict::AsExpected, String::new())
        };
        record("--output to a symlink", verdict);
    }
    // Output to a device stays a device. The devices are made in the case's own folder (as
    // root, which CI is), so a waypost that replaced them could not harm the machine's own.
    let device = |scene: &Scene, name: &str, minor: &str| -> bool {
        Command::new("mknod")
            .args([name, "c", "1", minor])
            .current_dir(&scene.dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    {
        let scene = Scene::new("write-dev-null");
        scene.write("day.toml", &day);
        if device(&scene, "null", "3") {
            let run = scene.run(&["check", "day.toml", "--output", "null"]);
            let still = fs::symlink_metadata(scene.path("null"))
                .unwrap()
                .file_type()
                .is_char_device();
            let verdict = if !still {
                (Verdict::Lost, "the device became a regular file".into())
            } else if run.crashed() {
                (Verdict::Crashed, crash_note(&run))
            } else if matches!(run.code, Some(0 | 1)) {
                (Verdict::AsExpected, String::new())
            } else {
                (Verdict::Vague, first_line(&run.stderr))
            };
            record("--output to a null device", verdict);
        }
    }
    // A full disk: the write fails, and says so.
    for (variant, to_stdout) in [
        ("--output to a full device", false),
        ("standard output to /dev/full", true),
    ] {
        let scene = Scene::new(&format!("write-{}", slug(variant)));
        scene.write("day.toml", &day);
        let run = if to_stdout {
            // Standard output opened by the shell: waypost can only write into it.
            let full = fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            scene.run_to(&["check", "day.toml"], Stdio::from(full))
        } else if device(&scene, "full", "7") {
            scene.run(&["check", "day.toml", "--output", "full"])
        } else {
            continue;
        };
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else if run.code == Some(2) && run.stderr.contains("cannot write") {
            (Verdict::RefusedCleanly, String::new())
        } else if run.code == Some(2) {
            (Verdict::Vague, first_line(&run.stderr))
        } else {
            (
                Verdict::SilentlyAccepted,
                format!("exit {:?}: {}", run.code, first_line(&run.stderr)),
            )
        };
        record(variant, verdict);
    }
    // A folder that does not exist: refused, nothing left behind.
    {
        let scene = Scene::new("write-missing-folder");
        scene.write("day.toml", &day);
        let run = scene.run(&["check", "day.toml", "--output", "nowhere/out.txt"]);
        let leftovers = fs::read_dir(&scene.dir).unwrap().count();
        let verdict = if leftovers != 1 {
            (Verdict::Lost, "files left behind".into())
        } else {
            refusal(&run, "nowhere/out.txt", false)
        };
        record("--output into a missing folder", verdict);
    }
    // Edits: line endings and byte-order mark kept, links kept, read-only files refused.
    let edit = |scene: &Scene, file: &str| scene.run(&["map", file, "RAD/SE1", "+K3:developed"]);
    for (variant, bytes) in [
        ("map keeps CRLF", crlf(&day)),
        ("map keeps a BOM", bom(&day)),
    ] {
        let scene = Scene::new(&format!("edit-{}", slug(variant)));
        scene.write("day.toml", &bytes);
        let run = edit(&scene, "day.toml");
        let after = scene.read("day.toml");
        let text = String::from_utf8_lossy(&after);
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else if run.code != Some(0) {
            (Verdict::Vague, first_line(&run.stderr))
        } else if !text.contains("K3") {
            (Verdict::Lost, "the edit is missing".into())
        } else if bytes.starts_with("\u{feff}".as_bytes())
            != after.starts_with("\u{feff}".as_bytes())
            || (bytes.windows(2).any(|w| w == b"\r\n") && text.replace("\r\n", "").contains('\n'))
        {
            (
                Verdict::Lost,
                "line endings or byte-order mark changed".into(),
            )
        } else {
            (Verdict::AsExpected, String::new())
        };
        record(variant, verdict);
    }
    {
        let scene = Scene::new("edit-symlink");
        scene.write("real/day.toml", &day);
        std::os::unix::fs::symlink("real/day.toml", scene.path("day.toml")).unwrap();
        let run = edit(&scene, "day.toml");
        let link = fs::symlink_metadata(scene.path("day.toml")).unwrap();
        let verdict = if run.crashed() {
            (Verdict::Crashed, crash_note(&run))
        } else if !link.file_type().is_symlink() {
            (Verdict::Lost, "the link was replaced by a file".into())
        } else if !String::from_utf8_lossy(&scene.read("real/day.toml")).contains("K3") {
            (
                Verdict::Lost,
                "the edit did not reach the linked file".into(),
            )
        } else {
            (Verdict::AsExpected, String::new())
        };
        record("map through a symlink", verdict);
    }
    {
        let scene = Scene::new("edit-read-only");
        let path = scene.write("day.toml", &day);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let run = edit(&scene, "day.toml");
        let verdict = if scene.read("day.toml") != day {
            (Verdict::Lost, "a read-only file was edited".into())
        } else {
            refusal(&run, "day.toml", false)
        };
        record("map on a read-only file", verdict);
    }
    // Edits at once: every one lands, or the loser says why.
    {
        let scene = Scene::new("edit-concurrent");
        scene.write("day.toml", &day);
        let codes: Vec<String> = (1..=20).map(|i| format!("+S{i}:assessed")).collect();
        let children: Vec<_> = codes
            .iter()
            .map(|c| {
                limited(&["map", "day.toml", "RAD/SE7", c])
                    .current_dir(&scene.dir)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let results: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let after = String::from_utf8_lossy(&scene.read("day.toml")).into_owned();
        let mut lost = 0;
        for (code, result) in codes.iter().zip(&results) {
            let mapped = code.trim_start_matches('+');
            if result.status.success() && !after.contains(&format!("\"{mapped}\"")) {
                lost += 1;
            }
        }
        let verdict = if lost > 0 {
            (
                Verdict::Lost,
                format!("{lost} of 20 edits that exited 0 are missing"),
            )
        } else {
            (Verdict::AsExpected, String::new())
        };
        record("20 map runs on one file at once", verdict);
    }
}

#[test]
fn hostile_inputs_are_refused_or_read_right_and_nothing_is_lost() {
    let mut tally = Tally::default();
    syntax(&mut tally);
    keys(&mut tally);
    values(&mut tally);
    grids(&mut tally);
    equivalents(&mut tally);
    sizes(&mut tally);
    portfolios(&mut tally);
    terminal(&mut tally);
    formulas(&mut tally);
    #[cfg(unix)]
    writes(&mut tally);

    let table = tally.table();
    let mut report = format!("{table}\n");
    for line in tally
        .vague
        .iter()
        .map(|v| format!("vague: {v}"))
        .chain(tally.failures.iter().cloned())
    {
        let _ = writeln!(report, "- {line}");
    }
    println!("{report}");
    let _ = fs::write(
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile-summary.md"),
        &report,
    );
    assert!(
        tally.failures.is_empty(),
        "{} cases failed:\n{}",
        tally.failures.len(),
        tally.failures.join("\n")
    );
}
