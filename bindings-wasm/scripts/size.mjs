// What the .wasm is made of, by concern: node scripts/size.mjs [CARGO_WASM]
// Runs wasm-bindgen and `wasm-opt -Oz` as build.sh does, keeping the function names (`-g`), and
// sorts what twiggy (`cargo install twiggy`) lists into the buckets below. CARGO_WASM defaults
// to the wasm-release build in $CARGO_TARGET_DIR (or target/). Each function goes in the first
// bucket whose crate its name mentions, so serde code generated for a model type and one
// format (`<Curriculum as Deserialize>::deserialize::<serde_saphyr::…>`) counts under that
// format. wasm-opt inlines small functions into their callers, so the split is approximate.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const targetDir = process.env.CARGO_TARGET_DIR ?? join(here, "..", "target");
const cargoWasm = process.argv[2] ?? join(targetDir, "wasm32-unknown-unknown", "wasm-release", "waypost_wasm.wasm");
const work = mkdtempSync(join(tmpdir(), "waypost-size-"));
const run = (cmd, args) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28 });
run("wasm-bindgen", ["--target", "web", "--keep-debug", "--out-dir", work, "--out-name", "waypost", cargoWasm]);
const features = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue", "--strip-producers"];
const file = join(work, "named.wasm");
run(join(here, "node_modules", ".bin", "wasm-opt"), ["-Oz", "-g", ...features, join(work, "waypost_bg.wasm"), "-o", file]);

const BUCKETS = [
  ["YAML (serde-saphyr, granit-parser)", /serde_saphyr|granit_parser|annotate_snippets|encoding_rs|saphyr/],
  ["TOML (toml, toml_edit, toml_parser)", /toml_edit|toml_parser|toml_datetime|toml_writer|\btoml::|serde_spanned/],
  ["JSON (serde_json)", /serde_json/],
  ["JS boundary (serde-wasm-bindgen)", /serde_wasm_bindgen/],
  ["JSON Schema generation (schemars)", /schemars/],
  ["HTML templates (askama)", /askama/],
  ["CSV (csv)", /\bcsv(_core)?::/],
  ["stemming (rust-stemmers)", /rust_stemmers/],
  ["graph (petgraph)", /petgraph/],
  ["UUIDs (uuid, sha1)", /\buuid::|sha1_smol/],
  // An export's shim has the binding's function, and much of what it calls, inlined into it.
  ["the binding's exports (with what is inlined into them)", /__wasm_bindgen_generated|waypost_wasm/],
  ["wasm-bindgen glue", /wasm_bindgen|js_sys|__wbg|__wbindgen|externref/],
  ["allocator (dlmalloc)", /dlmalloc/],
  ["hash maps (hashbrown, indexmap)", /hashbrown|indexmap/],
  ["Rust std (formatting, strings, floats, panics)", /^(<)?(core|alloc|std)[:[]|<(core|alloc|std)[:[]|\bcore::|\balloc::|\bstd::/],
];

const csv = run("twiggy", ["top", "-n", "1000000", "--format", "csv", file]);
const rows = csv.trim().split("\n").slice(1).map((line) => {
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  return { name: m[1].replace(/^"|"$/g, "").replaceAll('""', '"'), size: Number(m[2]) };
});

const totals = new Map();
const add = (bucket, size) => totals.set(bucket, (totals.get(bucket) ?? 0) + size);
let all = 0;
for (const { name, size } of rows) {
  if (/function names|"name" section|producers|custom section/.test(name)) continue;
  all += size;
  if (name.startsWith("data segment")) {
    add("data (strings, tables, embedded frameworks)", size);
    continue;
  }
  const bucket = BUCKETS.find(([, re]) => re.test(name))?.[0];
  if (bucket) {
    add(bucket, size);
    continue;
  }
  const module = name.match(/waypost::([a-z_]+)/);
  if (module) add(`waypost core: ${module[1]}`, size);
  else add("other (tables, unnamed, small crates)", size);
}

rmSync(work, { recursive: true, force: true });
console.log(`${all} bytes of code and data (the shipped file adds section headers; names are stripped)`);
const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
const width = Math.max(...sorted.map(([k]) => k.length));
for (const [bucket, size] of sorted) {
  console.log(`${bucket.padEnd(width)}  ${String(size).padStart(8)}  ${((size / all) * 100).toFixed(1).padStart(5)}%`);
}
