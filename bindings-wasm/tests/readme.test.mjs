// The README's JavaScript example, run against the Node build: each `console.log(...); // X`
// must print X, in order, so the example cannot go stale.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const waypost = createRequire(import.meta.url)("../pkg/node/waypost.js");

test("the README's JavaScript example prints what it says", async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.split("\n## JavaScript\n")[1]?.split("\n## ")[0];
  assert.ok(section, "the README has a JavaScript section");
  const code = section.match(/```js\n([\s\S]*?)```/)?.[1];
  assert.ok(code, "the section has a js block");
  const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
  assert.ok(expected.length >= 3);

  // The same code, with the package and the example curriculum it talks about in scope.
  const body = code
    .replace(/^import .* from "waypost";.*$/m, "")
    .replace(/^await init\(\);$/m, "");
  const printed = [];
  const log = (...args) => printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  const text = readFileSync(join(root, "curricula", "examples", "recovery-awareness-day.toml"), "utf8");
  const run = new Function("waypost", "text", "console", `const { check, explain, render } = waypost;\n${body}`);
  run(waypost, text, { log });

  let at = 0;
  for (const line of expected) {
    const found = printed.indexOf(line, at);
    assert.ok(found >= 0, `printed \`${line}\` (printed: ${JSON.stringify(printed)})`);
    at = found + 1;
  }
});
