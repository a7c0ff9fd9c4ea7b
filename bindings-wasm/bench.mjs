// How long the WebAssembly build takes in Node: the first calls (instantiating the module,
// the built-in frameworks on first use, a framework's suggestion index on first use), then
// each example curriculum checked and its report rendered, suggestions and a development plan.
// node bench.mjs [ROUNDS]   (after build.sh)
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const examples = join(root, "curricula", "examples");
const rounds = Number(process.argv[2] ?? 200);
const ms = (x) => `${x.toFixed(2)} ms`;

/** How long `fn` takes once, in milliseconds. */
const once = (fn) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};
/** The median time of `fn` over the rounds. */
const median = (fn) => {
  const times = [];
  for (let i = 0; i < rounds; i++) times.push(once(fn));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
};

let waypost;
const bsc = readFileSync(join(examples, "bsc-mental-health-nursing.toml"), "utf8");
console.log("first calls, in a fresh process:");
console.log(`  load and instantiate the module: ${ms(once(() => (waypost = createRequire(import.meta.url)("./pkg/node/waypost.js"))))}`);
console.log(`  frameworks(), which reads the built-in frameworks: ${ms(once(() => waypost.frameworks()))}`);
console.log(`  the first check (the BSc example): ${ms(once(() => waypost.check(bsc, { name: "bsc.toml" })))}`);
console.log(`  the first suggest, which indexes the framework: ${ms(once(() => waypost.suggest("Convey hope")))}`);

console.log(`\nthen, the median of ${rounds}:`);
for (const name of readdirSync(examples).filter((n) => /\.(toml|csv)$/.test(n)).sort()) {
  const text = readFileSync(join(examples, name), "utf8");
  const report = waypost.check(text, { name });
  const check = median(() => waypost.check(text, { name }));
  const json = median(() => waypost.render(report, "json"));
  const markdown = median(() => waypost.render(report, "markdown"));
  console.log(`  ${name}: check ${ms(check)}, render json ${ms(json)}, markdown ${ms(markdown)}`);
}
const outcome = "Convey hope to people in distress and explain why optimism matters in recovery";
console.log(`  suggest (one learning outcome, top 5): ${ms(median(() => waypost.suggest(outcome)))}`);
console.log(`  suggestCurriculum (the BSc example): ${ms(median(() => waypost.suggestCurriculum(bsc)))}`);
const assessment = readFileSync(join(root, "tests", "plan", "alex-staff-nurse.toml"), "utf8");
const plan = waypost.plan(assessment);
console.log(`  plan (the staff nurse's self-assessment): ${ms(median(() => waypost.plan(assessment)))}`);
console.log(`  renderPlan(plan, "html"): ${ms(median(() => waypost.renderPlan(plan, "html")))}`);
