// The JavaScript examples of the README (and of the runnable blocks of docs/) run as printed:
// scripts/readme_examples.py runs each block unchanged, as an ES module in a project where
// `waypost` is this package, from the repository root, and checks every line a comment says
// it prints.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

test("the JavaScript examples run as printed", () => {
  const project = mkdtempSync(join(tmpdir(), "waypost-readme-"));
  try {
    mkdirSync(join(project, "node_modules"));
    symlinkSync(join(here, ".."), join(project, "node_modules", "waypost"), "dir");
    const run = spawnSync("python3", [join(root, "scripts", "readme_examples.py"), "--js", project], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /ok {3}README\.md:\d+ js/);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
