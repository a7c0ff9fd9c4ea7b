// The shared suite (suite.mjs) against the Node build: node --test tests/api.test.mjs
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { loadFixtures, suite } from "./suite.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const waypost = createRequire(import.meta.url)("../pkg/node/waypost.js");

const fixtures = await loadFixtures(
  async (path) => readFileSync(join(root, path), "utf8"),
  async (dir) => readdirSync(join(root, dir)),
  async (path) => new Uint8Array(readFileSync(join(root, path))),
);

suite({ waypost, fixtures, test, assert });
