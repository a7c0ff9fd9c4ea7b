// Benchmark (not a test): the WebAssembly build in Node against the native core, on the same
// generated portfolio as the Python comparison (bindings-python/bench/corpus.py: 1,000
// seeded TOML curricula), in one run, in rounds that interleave the three so a busy machine
// slows each alike. The best time of each over all rounds counts.
//
//   native      core/examples/bench_check.rs, release build: load, check, and each report
//               written as JSON text (pretty, as the package hands it over, and compact);
//   WASI        the same example compiled to wasm32-wasip1 with the wasm-release profile and
//               the wasm-opt flags of build.sh, run in this Node (wasi.mjs): the core as
//               WebAssembly on exactly the native work, with no JavaScript boundary;
//   package     pkg/node (build.sh): check(text) per curriculum, which loads, checks, writes
//               the report as JSON text in WebAssembly, copies it out and JSON.parse()s it;
//               the same with `parts: ["passed", "summary"]`, which hands over only the
//               verdict and the totals; loadCurriculum(text), and JSON.parse of the reports'
//               JSON text on its own.
//
// node bindings-wasm/bench/compare.mjs [--curricula 1000] [--repeat 5] [--rounds 3]
//   [--seed 2026] [--folder DIR] [--pkg DIR] [--wasi FILE | --no-wasi] [--first 11]
//   [--json FILE]
//
// --pkg times another build of the package; --wasi an already built WASI example; --first
// is how many fresh processes time the first calls (module, first and second check).
//
// Needs python3 (3.11+), cargo, the wasm32-wasip1 target (for the WASI row) and a built
// pkg/node (`bash bindings-wasm/build.sh`). Honours CARGO_TARGET_DIR, and builds the WASI row
// as build.sh builds the package: CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL and WASM_OPT_LEVEL
// (default -Oz) set both. docs/performance.md records a run.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = join(here, "..");
const root = join(wasmDir, "..");
const target = resolve(process.env.CARGO_TARGET_DIR ?? join(root, "target"));

const { values: opt } = parseArgs({
  options: {
    curricula: { type: "string", default: "1000" },
    repeat: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    seed: { type: "string", default: "2026" },
    folder: { type: "string", default: join(target, "bench-portfolio-wasm") },
    pkg: { type: "string", default: join(wasmDir, "pkg", "node") },
    wasi: { type: "string" },
    "no-wasi": { type: "boolean", default: false },
    json: { type: "string" },
    first: { type: "string", default: "11" },
    "first-call": { type: "string" }, // internal: one fresh process's first calls
  },
});

// First calls, in a fresh process each: load and instantiate the module, then check the BSc
// example twice (the first check also reads the built-in frameworks).
const bsc = join(root, "curricula", "examples", "bsc-mental-health-nursing.toml");
if (opt["first-call"]) {
  const text = readFileSync(bsc, "utf8");
  const times = [performance.now()];
  const fresh = createRequire(import.meta.url)(join(resolve(opt["first-call"]), "waypost.js"));
  times.push(performance.now());
  for (let i = 0; i < 2; i++) {
    fresh.check(text, { name: "bsc.toml" });
    times.push(performance.now());
  }
  console.log(JSON.stringify(times.slice(1).map((t, i) => t - times[i])));
  process.exit(0);
}
const repeat = Number(opt.repeat);
const rounds = Number(opt.rounds);
const folder = resolve(opt.folder);
const run = (cmd, args, options = {}) =>
  execFileSync(cmd, args, { cwd: root, encoding: "utf8", ...options });

// The inputs: the Python comparison's generator, so the numbers line up with its run.
run("python3", [join(root, "bindings-python", "bench", "corpus.py"), folder,
  "--curricula", opt.curricula, "--seed", opt.seed]);
const inputs = readdirSync(folder)
  .filter((n) => n.endsWith(".toml"))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(folder, name), "utf8") }));

// The native example and its WASI build, built first, untimed.
const cargo = ["--quiet", "--locked", "-p", "waypost", "--example", "bench_check"];
run("cargo", ["build", "--release", ...cargo], { stdio: "inherit" });
const native = join(target, "release", "examples", "bench_check");
let wasi = opt.wasi ? resolve(opt.wasi) : null;
if (!wasi && !opt["no-wasi"]) {
  // The same source, built from the wasm crate (bindings-wasm/examples/bench_check_wasi.rs).
  const wasiCargo = ["--quiet", "--locked", "-p", "waypost-wasm", "--example", "bench_check_wasi"];
  run("cargo", ["build", "--profile", "wasm-release", "--target", "wasm32-wasip1", ...wasiCargo],
    { stdio: "inherit" });
  const built = join(target, "wasm32-wasip1", "wasm-release", "examples", "bench_check_wasi.wasm");
  wasi = built.replace(/\.wasm$/, ".opt.wasm");
  // The wasm-opt pass and flags of build.sh (debug info and names stripped there too).
  const level = process.env.WASM_OPT_LEVEL ?? "-Oz";
  const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals",
    "reference-types", "multivalue"].map((f) => `--enable-${f}`);
  run(join(wasmDir, "node_modules", ".bin", "wasm-opt"), [level, ...features, "--strip-debug",
    "--strip-producers", built, "-o", wasi]);
}
// Node's WASI calls can start a garbage collection where V8 does not allow one and crash the
// process after a long run (nodejs/node#46777); without V8's fast API calls they cannot. This
// only changes how the few WASI calls (reading the files, the clock) are made.
const wasiFlags = ["--no-warnings", "--no-turbo-fast-api-calls"];
const bench = (cmd, args) => JSON.parse(run(cmd, [...args, folder, String(repeat)]));

// The package, warmed up on every curriculum (no timed run pays for first use).
const load = { start: loadavg() };
const waypost = createRequire(import.meta.url)(join(resolve(opt.pkg), "waypost.js"));
const reports = inputs.map(({ name, text }) => waypost.check(text, { name, format: "toml" }));
const covered = reports.reduce((sum, r) => sum + r.summary.covered, 0);
const pretty = reports.map((r) => waypost.render(r, "json"));
const compact = reports.map((r) => JSON.stringify(r));
const bytes = (texts) => texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);

/** The best wall-clock time of `repeat` runs of `work`, in seconds. */
const bestOf = (work) => {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
};
const sink = { value: 0 };
const workloads = {
  check: () => {
    let total = 0;
    for (const { name, text } of inputs) {
      total += waypost.check(text, { name, format: "toml" }).summary.covered;
    }
    if (total !== covered) throw new Error(`two runs gave different totals: ${total}, ${covered}`);
  },
  checkBrief: () => {
    let total = 0;
    for (const { name, text } of inputs) {
      total += waypost.check(text, { name, format: "toml", parts: ["passed", "summary"] }).summary.covered;
    }
    if (total !== covered) throw new Error(`parts gave a different total: ${total}, ${covered}`);
  },
  loadCurriculum: () => {
    for (const { name, text } of inputs) {
      sink.value += waypost.loadCurriculum(text, "toml", name).modules.length;
    }
  },
  parsePretty: () => {
    for (const t of pretty) sink.value += JSON.parse(t).summary.covered;
  },
  parseCompact: () => {
    for (const t of compact) sink.value += JSON.parse(t).summary.covered;
  },
};

const times = { native: {}, wasi: {}, package: {} };
const keep = (who, what, seconds) => {
  times[who][what] = Math.min(seconds, times[who][what] ?? Infinity);
};
const fromExample = (who, result) => {
  if (result.curricula !== inputs.length || result.covered !== covered) {
    throw new Error(`${who} disagrees with the package: ${JSON.stringify(result)}`);
  }
  for (const what of ["load_check", "check", "load", "json", "json_compact"]) {
    keep(who, what, result[`${what}_s`]);
  }
  return result;
};
let example;
for (let round = 0; round < rounds; round++) {
  example = fromExample("native", bench(native, []));
  if (wasi) {
    fromExample("wasi", bench(process.execPath, [...wasiFlags, join(here, "wasi.mjs"), wasi]));
  }
  for (const [what, work] of Object.entries(workloads)) keep("package", what, bestOf(work));
}
// First calls, in fresh processes, after the rounds.
const firsts = [];
for (let i = 0; i < Number(opt.first); i++) {
  const args = [fileURLToPath(import.meta.url), "--first-call", resolve(opt.pkg)];
  firsts.push(JSON.parse(run(process.execPath, args)));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = firsts.length
  ? ["instantiate", "first_check", "second_check"].map((what, i) => [what, median(firsts.map((f) => f[i]))])
  : [];
load.end = loadavg();

const n = inputs.length;
const module = join(resolve(opt.pkg), "waypost_bg.wasm");
const gzip = execFileSync("gzip", ["-9", "-c", module], { maxBuffer: 1 << 28 });
const size = { raw: statSync(module).size, gzip: gzip.length };
const num = (x) => Math.round(x).toLocaleString("en");
const us = (seconds) => (seconds === undefined ? "" : num((seconds * 1e6) / n));
const loads = (l) => l.map((x) => x.toFixed(2)).join(" ");
const { native: nat, wasi: was, package: pkg } = times;
const changed = run("git", ["status", "--porcelain", "--untracked-files=no"]).trim();
const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memory_gib: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  rustc: run("rustc", ["--version"]).trim(),
  commit: run("git", ["rev-parse", "--short", "HEAD"]).trim() + (changed ? " (with local changes)" : ""),
  load_average: { start: loads(load.start), end: loads(load.end) },
};

const row = (...cells) => `| ${cells.join(" | ")} |`;
const lines = [
  `${n} curricula (seed ${opt.seed}), best of ${repeat} runs × ${rounds} interleaved rounds`,
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.rustc}, ` +
    `commit ${machine.commit}; load average ${machine.load_average.start} at the start, ` +
    `${machine.load_average.end} at the end`,
  `package module: ${num(size.raw)} bytes, gzip -9 ${num(size.gzip)}; a report's JSON text: ` +
    `${num(example.json_bytes / n)} bytes as the package hands it over (pretty), ` +
    `${num(example.json_compact_bytes / n)} compact`,
  "",
  row("per curriculum (µs)", "load + check", "check alone", "load alone",
    "report → JSON text (pretty / compact)", "JSON text → objects (pretty / compact)"),
  "|---|---:|---:|---:|---:|---:|",
  row("native core (`bench_check`, release)", us(nat.load_check), us(nat.check), us(nat.load),
    `${us(nat.json)} / ${us(nat.json_compact)}`, ""),
];
if (wasi) {
  lines.push(row("the core as WebAssembly (`bench_check`, WASI in Node)", us(was.load_check),
    us(was.check), us(was.load), `${us(was.json)} / ${us(was.json_compact)}`, ""));
}
lines.push(row("the package, `check(text)`", `${us(pkg.check)} (all of it)`, "",
  `${us(pkg.loadCurriculum)} (\`loadCurriculum\`, with its objects)`, "(inside)",
  `${us(pkg.parsePretty)} / ${us(pkg.parseCompact)} (\`JSON.parse\`)`));
lines.push(row("the package, `check(text, { parts: [\"passed\", \"summary\"] })`",
  us(pkg.checkBrief), "", "", "", ""));

const ratios = [
  ["package `check(text)` ÷ native load + check", pkg.check / nat.load_check],
  ["package `check(text)` with `parts: [\"passed\", \"summary\"]` ÷ native load + check",
    pkg.checkBrief / nat.load_check],
  ["package `check(text)` ÷ native load + check + report → JSON text",
    pkg.check / (nat.load_check + nat.json)],
];
if (wasi) {
  ratios.push(
    ["WASI ÷ native, load + check (the same work)", was.load_check / nat.load_check],
    ["WASI ÷ native, check alone", was.check / nat.check],
    ["WASI ÷ native, load alone", was.load / nat.load],
    ["WASI ÷ native, report → JSON text (pretty)", was.json / nat.json],
    ["package `check(text)` ÷ WASI load + check (the boundary)", pkg.check / was.load_check],
    ["package `check(text)` with `parts` ÷ WASI load + check (the boundary)",
      pkg.checkBrief / was.load_check],
  );
}
lines.push("", row("ratio", "measured"), "|---|---:|",
  ...ratios.map(([what, r]) => row(what, `${r.toFixed(2)}×`)));
if (first.length) {
  const ms = Object.fromEntries(first.map(([what, t]) => [what, `${t.toFixed(1)} ms`]));
  lines.push("", `first calls in a fresh process (median of ${firsts.length}): load and instantiate ` +
    `the module ${ms.instantiate}, the first check of the BSc example ${ms.first_check}, ` +
    `the second ${ms.second_check}`);
}
console.log(lines.join("\n"));

if (opt.json) {
  const result = {
    machine,
    module: { path: module, ...size },
    inputs: { curricula: n, seed: Number(opt.seed), repeat, rounds },
    report_json_bytes: {
      pretty: example.json_bytes,
      compact: example.json_compact_bytes,
      package_pretty: bytes(pretty),
      package_compact: bytes(compact),
    },
    seconds: times,
    first_calls_ms: Object.fromEntries(first),
    ratios: Object.fromEntries(ratios),
  };
  writeFileSync(opt.json, `${JSON.stringify(result, null, 2)}\n`);
}
