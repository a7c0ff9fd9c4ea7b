// How long the WebAssembly build takes in Node: load and check each example curriculum, and
// render its report as JSON. node bench.mjs [ROUNDS]   (after build.sh)
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, "..", "curricula", "examples");
const rounds = Number(process.argv[2] ?? 200);

let started = performance.now();
const waypost = createRequire(import.meta.url)("./pkg/node/waypost.js");
waypost.frameworks(); // the built-in frameworks are parsed on first use
console.log(`instantiate and parse the built-in frameworks: ${(performance.now() - started).toFixed(1)} ms`);

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const name of readdirSync(examples).filter((n) => /\.(toml|csv)$/.test(n)).sort()) {
  const text = readFileSync(join(examples, name), "utf8");
  const check = [];
  const json = [];
  for (let i = 0; i < rounds; i++) {
    started = performance.now();
    const report = waypost.check(text, { name });
    check.push(performance.now() - started);
    started = performance.now();
    waypost.render(report, "json");
    json.push(performance.now() - started);
  }
  console.log(`${name}: check ${median(check).toFixed(2)} ms, render json ${median(json).toFixed(2)} ms (median of ${rounds})`);
}
