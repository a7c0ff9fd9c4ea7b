// What the .wasm is made of, by concern: node scripts/size.mjs FILE.wasm
// FILE must keep its function names (build with names, run `wasm-opt -Oz -g`); needs twiggy
// (`cargo install twiggy`). Each function is put in the first bucket whose crate its name
// mentions, in the order below, so serde code generated for a model type and one format
// (`<Curriculum as Deserialize>::deserialize::<serde_saphyr::…>`) counts under that format.
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node scripts/size.mjs FILE.wasm");
  process.exit(2);
}

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

const csv = execFileSync("twiggy", ["top", "-n", "1000000", "--format", "csv", file], {
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
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

const raw = readFileSync(file).length;
const gz = gzipSync(readFileSync(file), { level: 9 }).length;
console.log(`${file}: ${raw} bytes with names, ${gz} gzip -9; ${all} bytes of code and data`);
const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
const width = Math.max(...sorted.map(([k]) => k.length));
for (const [bucket, size] of sorted) {
  console.log(`${bucket.padEnd(width)}  ${String(size).padStart(8)}  ${((size / all) * 100).toFixed(1).padStart(5)}%`);
}
