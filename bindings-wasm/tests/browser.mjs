// Runs the shared suite (suite.mjs) in the browser against the web build. browser.test.mjs
// serves this page with the repository under /repo/ and reads window.__results.
import init, * as waypost from "/repo/bindings-wasm/pkg/web/waypost.js";
import { loadFixtures, suite } from "./suite.mjs";

/** The few node:assert/strict functions the suite uses. */
class AssertionError extends Error {}
const same = (a, b) => {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
};
const show = (v) => {
  try {
    return JSON.stringify(v)?.slice(0, 300);
  } catch {
    return String(v);
  }
};
const assert = {
  ok(value, message) {
    if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${show(value)}`);
  },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(`${message ?? "not equal"}: ${show(actual)} !== ${show(expected)}`);
    }
  },
  notEqual(actual, expected, message) {
    if (Object.is(actual, expected)) throw new AssertionError(`${message ?? "equal"}: ${show(actual)}`);
  },
  deepEqual(actual, expected, message) {
    if (!same(actual, expected)) {
      throw new AssertionError(`${message ?? "not deep-equal"}: ${show(actual)} vs ${show(expected)}`);
    }
  },
  match(actual, pattern, message) {
    if (!pattern.test(actual)) throw new AssertionError(`${message ?? "no match"}: ${show(actual)} !~ ${pattern}`);
  },
  fail(message) {
    throw new AssertionError(message);
  },
};

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const log = document.getElementById("log");

try {
  await init();
  const read = async (path) => {
    const response = await fetch(`/repo/${path}`);
    if (!response.ok) throw new Error(`cannot fetch ${path}: ${response.status}`);
    return response.text();
  };
  const list = async (dir) => (await fetch(`/__list/${dir}`)).json();
  const readBytes = async (path) => new Uint8Array(await (await fetch(`/repo/${path}`)).arrayBuffer());
  const fixtures = await loadFixtures(read, list, readBytes);
  suite({ waypost, fixtures, test, assert });
  const results = [];
  for (const t of tests) {
    try {
      await t.fn();
      results.push({ name: t.name, passed: true });
    } catch (e) {
      results.push({ name: t.name, passed: false, error: String(e?.message ?? e) });
    }
  }
  log.textContent = results.map((r) => `${r.passed ? "ok" : "FAIL"} ${r.name}${r.error ? `: ${r.error}` : ""}`).join("\n");
  window.__results = results;
} catch (e) {
  log.textContent = `the suite could not run: ${e?.stack ?? e}`;
  window.__results = [{ name: "set-up", passed: false, error: String(e?.message ?? e) }];
}
