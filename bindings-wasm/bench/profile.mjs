// Where the package's time goes (not a test): V8's sampling profiler over `check(text)` on
// the generated portfolio of compare.mjs, each sample given to the innermost of these on its
// stack: the allocator, the report written as JSON text (in WebAssembly), loading, checking,
// the JSON text decoded from UTF-8 into a JavaScript string, JSON.parse, garbage collection;
// then the functions with the most time of their own.
//
// It profiles a copy of the package with function names: wasm-bindgen --keep-debug and
// wasm-opt -g over the module build.sh compiled (in CARGO_TARGET_DIR), at WASM_OPT_LEVEL
// (default -Oz) with build.sh's other flags, written to CARGO_TARGET_DIR/wasm-profile/.
//
// node bindings-wasm/bench/profile.mjs [--curricula 1000] [--seed 2026] [--passes 3] [--top 25]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
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
    seed: { type: "string", default: "2026" },
    passes: { type: "string", default: "3" },
    top: { type: "string", default: "25" },
    folder: { type: "string", default: join(target, "bench-portfolio-wasm") },
    run: { type: "string" }, // internal: the profiled child, given the package's folder
  },
});
const folder = resolve(opt.folder);

if (opt.run) {
  // The profiled workload: one untimed pass, then the passes.
  const waypost = createRequire(import.meta.url)(join(opt.run, "waypost.js"));
  const inputs = readdirSync(folder)
    .filter((n) => n.endsWith(".toml"))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(folder, name), "utf8") }));
  let covered = 0;
  for (let pass = 0; pass <= Number(opt.passes); pass++) {
    for (const { name, text } of inputs) {
      covered += waypost.check(text, { name, format: "toml" }).summary.covered;
    }
  }
  console.log(covered);
  process.exit(0);
}

const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
run("python3", [join(root, "bindings-python", "bench", "corpus.py"), folder,
  "--curricula", opt.curricula, "--seed", opt.seed]);

// The package with names, from the module build.sh compiled.
const level = process.env.WASM_OPT_LEVEL ?? "-Oz";
const pkg = join(target, "wasm-profile", "node");
const module = join(target, "wasm32-unknown-unknown", "wasm-release", "waypost_wasm.wasm");
run("wasm-bindgen", ["--target", "nodejs", "--keep-debug", "--out-dir", pkg, "--out-name", "waypost",
  module]);
const wasm = join(pkg, "waypost_bg.wasm");
run(join(wasmDir, "node_modules", ".bin", "wasm-opt"), [level, "-g", "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals",
  "--enable-reference-types", "--enable-multivalue", "--strip-producers", wasm, "-o", wasm]);

const dir = mkdtempSync(join(tmpdir(), "waypost-profile-"));
run(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, fileURLToPath(import.meta.url),
  "--run", pkg, "--folder", folder, "--passes", opt.passes]);
const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), "utf8"));
rmSync(dir, { recursive: true });

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
const spent = new Map();
profile.samples.forEach((id, i) => spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

// Matched against function names, innermost frame first; JSON.parse runs inside the import
// wasm-bindgen names __wbg_parse_*, the UTF-8 decoding inside TextDecoder's `decode`.
const parts = [
  ["the allocator (dlmalloc)", /dlmalloc|__rdl_|__rust_alloc|__rust_dealloc|__rust_realloc/],
  ["the report written as JSON text (WebAssembly)", /render::to_json|render7to_json/],
  ["loading the TOML (load_curriculum)", /load_curriculum/],
  ["the check (waypost::check)", /coverage::check|coverage5check/],
  ["the JSON text decoded from UTF-8 (TextDecoder)", /^decode$/],
  ["JSON.parse", /^__wbg_parse_/],
  ["options and the text into WebAssembly", /parse_options|passStringToWasm|string_get/],
  ["garbage collection", /^\(garbage collector\)$/],
];
const byPart = new Map();
const bySelf = new Map();
let total = 0;
for (const [leaf, time] of spent) {
  total += time;
  const frame = nodes.get(leaf).callFrame;
  const file = frame.url.split("/").pop();
  const where = frame.url.startsWith("wasm") ? " [wasm]" : file ? ` [${file}]` : "";
  const self = `${(frame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "")}${where}`;
  bySelf.set(self, (bySelf.get(self) ?? 0) + time);
  let part = "the rest";
  for (let id = leaf; id !== undefined; id = parents.get(id)) {
    const name = nodes.get(id).callFrame.functionName;
    const found = parts.find(([, pattern]) => pattern.test(name));
    if (found) {
      part = found[0];
      break;
    }
  }
  byPart.set(part, (byPart.get(part) ?? 0) + time);
}
const share = (t) => `${((100 * t) / total).toFixed(1)}%`;
const lines = [
  `check(text) over ${opt.curricula} curricula × ${opt.passes} passes (and one untimed), ` +
    `the package at ${level} with names; ${(total / 1e6).toFixed(2)} s sampled`,
  "",
  "| part | share of the samples |",
  "|---|---:|",
  ...[...byPart].sort((a, b) => b[1] - a[1]).map(([part, t]) => `| ${part} | ${share(t)} |`),
  "",
  "| function (own time) | share |",
  "|---|---:|",
  ...[...bySelf].sort((a, b) => b[1] - a[1]).slice(0, Number(opt.top))
    .map(([name, t]) => `| \`${name.replaceAll("|", "\\|")}\` | ${share(t)} |`),
];
console.log(lines.join("\n"));
