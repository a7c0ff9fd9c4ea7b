// The journeys through the team view, the what-to-expect page and the heatmap's folding, in
// the single-file page (target/www/waypost.html) opened from file:// with the network off, in
// Debian's Chromium driven by playwright-core. Every number and sentence is compared with the
// JS API's own output (the Node build). Screenshots go to target/www/screenshots/.
//
// node --test tests/views.test.mjs   (after build.sh; WAYPOST_WWW names the built page's folder)
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const www = process.env.WAYPOST_WWW ?? join(root, "target", "www");
const pageUrl = pathToFileURL(join(www, "waypost.html")).href;
const screenshots = join(www, "screenshots");
const require = createRequire(import.meta.url);
const waypost = require("../pkg/node/waypost.js");
const axePath = require.resolve("axe-core/axe.min.js");

const SCREENS = { wide: { width: 1366, height: 768 }, narrow: { width: 1024, height: 768 } };
const teamDir = join(root, "curricula", "examples", "team");
/** The example team as the page embeds it: each file named by its path in the folder. */
const exampleTeam = readdirSync(teamDir)
  .filter((name) => /\.(toml|json|ya?ml)$/.test(name))
  .sort()
  .map((name) => ({ name: `team/${name}`, text: readFileSync(join(teamDir, name), "utf8") }));

let browser;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh page on the single file, offline, with every request and console error recorded. */
async function open(viewport = SCREENS.wide, { bypassCSP = false } = {}) {
  // Only axe-core's run bypasses the page's Content-Security-Policy, to inject its script.
  const context = await browser.newContext({ viewport, acceptDownloads: true, offline: true, bypassCSP });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(pageUrl);
  await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  const done = async () => {
    assert.deepEqual(requests, [pageUrl], "no request but the page's own file:// load");
    assert.deepEqual(problems, [], "no errors in the console");
    await context.close();
  };
  return { page, done };
}

/** The document as drawn, less its scripts (the bundled examples hold the example team's files,
 * as data the page does not show). */
const drawn = (page) => page.evaluate(() => {
  const copy = document.documentElement.cloneNode(true);
  for (const script of copy.querySelectorAll("script")) script.remove();
  return copy.outerHTML;
});

async function loadExampleTeam(page) {
  await page.click("#view-team");
  await page.click("#tm-load-example");
  await page.waitForSelector("#tm-results:not([hidden])");
}

test("the example team: the view's counts are the API's, and no name is in the page", async () => {
  const expected = waypost.team(exampleTeam, {});
  const named = waypost.team(exampleTeam, { names: true });
  assert.equal(named.names.length, 12);
  for (const [name, viewport] of Object.entries(SCREENS)) {
    const { page, done } = await open(viewport);
    await loadExampleTeam(page);
    assert.equal(await page.textContent("#tm-stats .stat:nth-child(1) .value"), String(expected.members));
    assert.equal(await page.textContent("#tm-stats .stat:nth-child(2) .value"), String(expected.needs.length));
    // Every statement's row: the members at each level, unrated, below target.
    const rows = await page.$$eval("#tm-counts tbody tr", (trs) => trs.map((tr) => ({
      code: tr.dataset.code,
      cells: [...tr.querySelectorAll("td")].map((td) => Number(td.textContent)),
    })));
    assert.deepEqual(rows, expected.statements.map((s) => ({ code: s.code, cells: [...s.counts, s.unrated, s.below] })));
    // The needs most members share, in the API's order, with its counts.
    const needs = await page.$$eval("#tm-needs li", (lis) => lis.map((li) => [li.dataset.code, li.querySelector(".tm-count").textContent]));
    assert.deepEqual(needs, expected.needs.slice(0, 15).map((n) => [n.code, `${n.members} of ${expected.members} members`]));
    const activities = await page.$$eval("#tm-activities li", (lis) => lis.map((li) => li.dataset.code));
    assert.deepEqual(activities, expected.activities.slice(0, 10).map((a) => a.code));
    // A manager's summary: no member's name anywhere in the document.
    const html = await drawn(page);
    for (const member of named.names) assert.ok(!html.includes(member), `${member} is not in the page`);
    // Each download is the engine's rendering of the same team view.
    for (const format of ["csv", "markdown"]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#tm-downloads button[data-format=${format}]`)]);
      assert.equal(readFileSync(await download.path(), "utf8"), waypost.renderTeam(expected, format));
    }
    // The workbook too, byte for byte.
    const [book] = await Promise.all([page.waitForEvent("download"), page.click("#tm-downloads button[data-format=xlsx]")]);
    assert.deepEqual(new Uint8Array(readFileSync(await book.path())), waypost.renderTeam(expected, "xlsx"));
    await page.screenshot({ path: join(screenshots, `team-${name}.png`), fullPage: false });
    await done();
  }
});

test("the supervisor's box shows the names, and unticking it takes them out again", async () => {
  const named = waypost.team(exampleTeam, { names: true });
  const { page, done } = await open(SCREENS.wide);
  await loadExampleTeam(page);
  await page.check("#tm-names");
  await page.waitForFunction(() => document.querySelector("#tm-results .report-head p").textContent.includes("Supervisor"));
  const text = await page.textContent("#tm-results");
  for (const member of named.names) assert.ok(text.includes(member), `${member} is shown`);
  // The first shared need names its members, as the API does.
  const first = named.needs[0];
  assert.equal(await page.textContent("#tm-needs li:first-child .tm-names"), ` (${first.names.join(", ")})`);
  await page.uncheck("#tm-names");
  await page.waitForFunction(() => document.querySelector("#tm-results .report-head p").textContent.includes("counts only"));
  const html = await drawn(page);
  for (const member of named.names) assert.ok(!html.includes(member), `${member} is gone`);
  await done();
});

test("a broken self-assessment is listed with its located error; the rest are counted", async () => {
  const good = exampleTeam.slice(0, 3);
  const broken = { name: "broken.toml", text: good[0].text.replace('K2 = "developing"', 'K2 = "developng"') };
  assert.notEqual(broken.text, good[0].text);
  const expected = waypost.team([...good.map((f) => ({ ...f, name: f.name.slice(5) })), broken], {});
  const failure = expected.failures[0].error.diagnostics[0];
  const { page, done } = await open(SCREENS.narrow);
  await page.click("#view-team");
  await page.setInputFiles("#tm-files", [
    ...good.map((f) => ({ name: f.name.slice(5), mimeType: "text/plain", buffer: Buffer.from(f.text) })),
    { name: broken.name, mimeType: "text/plain", buffer: Buffer.from(broken.text) },
  ]);
  await page.waitForSelector("#tm-failures:not([hidden])");
  assert.equal(await page.textContent("#tm-failures-heading"), "1 file left out of the team");
  const text = await page.textContent("#tm-failures-body");
  assert.match(text, /broken\.toml/);
  assert.match(text, new RegExp(`line ${failure.line}, column ${failure.column}`));
  assert.match(text, /unknown level developng for K2/);
  assert.equal(await page.textContent("#tm-stats .stat:nth-child(1) .value"), String(expected.members));
  assert.match(await page.textContent("#tm-status"), /Counted 3 self-assessments from 4 files; 1 file could not be read/);
  // The failing file's text (which holds a name) is not shown in a manager's summary.
  assert.ok(!(await drawn(page)).includes("Priya Anand"));
  await done();
});

test("what to expect: the framework's values first, verbatim, its source cited; prints alone", async () => {
  const expected = waypost.whatToExpect({});
  for (const [name, viewport] of Object.entries(SCREENS)) {
    const { page, done } = await open(viewport);
    await page.click("#view-expect");
    await page.waitForSelector("#ex-page h2");
    assert.equal(await page.textContent("#ex-title"), "What you can expect from mental health workers");
    // The sections in the core's order, values first, each statement as published.
    const sections = await page.$$eval("#ex-page section h2", (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(sections, expected.sections.map((s) => s.name));
    assert.equal(expected.sections[0].domain, "values");
    const first = await page.$$eval("#ex-page section:first-of-type > ul > li", (lis) => lis.map((li) => li.firstChild.textContent));
    assert.deepEqual(first, expected.sections[0].statements.map((s) => s.text));
    assert.match(await page.textContent("#ex-page footer"), new RegExp(`Source: ${expected.citation.replace(/[.()]/g, "\\$&")}`));
    await page.screenshot({ path: join(screenshots, `expect-${name}.png`) });
    if (name === "wide") {
      // The download is the core's HTML.
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#ex-download")]);
      const body = readFileSync(await download.path(), "utf8");
      assert.equal(body, waypost.renderExpectations(expected, "html"));
      // In print only the page itself shows.
      await page.emulateMedia({ media: "print" });
      for (const hidden of [".masthead", "nav.views", "body > footer", "#ex-heading", "#coverage-view"]) {
        assert.ok(!(await page.isVisible(hidden)), `${hidden} does not print`);
      }
      for (const shown of ["#ex-title", "#ex-page section:first-of-type li:first-child", "#ex-page footer"]) {
        assert.ok(await page.isVisible(shown), `${shown} prints`);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshots, "expect-print.png") });
      await page.emulateMedia({ media: "screen" });
    }
    await done();
  }
});

test("what to expect follows a framework opened in the page", async () => {
  const { page, done } = await open(SCREENS.wide);
  await page.setInputFiles("#framework-file", join(root, "tests", "frameworks", "example-practice-standards.toml"));
  await page.waitForFunction(() => document.querySelector("#framework").value === "example-practice-standards");
  await page.click("#view-expect");
  await page.waitForSelector("#ex-page h2");
  assert.equal(await page.inputValue("#ex-framework"), "example-practice-standards");
  assert.match(await page.textContent("#ex-page footer"), /Source: waypost project \(2026\)\. Example Standards of Proficiency/);
  await done();
});

test("the heatmap folds and unfolds a parent's children, by mouse and by keyboard", async () => {
  const { page, done } = await open(SCREENS.wide);
  await page.setInputFiles("#framework-file", join(root, "tests", "frameworks", "example-practice-standards.toml"));
  await page.waitForFunction(() => document.querySelector("#framework").value === "example-practice-standards");
  await page.setInputFiles("#file", join(root, "tests", "frameworks", "three-year-programme.toml"));
  await page.waitForSelector("#results:not([hidden])");
  const codes = () => page.$$eval("#heatmap thead th.code button[data-code]", (bs) => bs.map((b) => b.dataset.code));
  const fold = "#heatmap thead th.code:has(button[data-code='A1']) button.fold";
  const before = await codes();
  const children = before.filter((c) => c.startsWith("A1."));
  assert.ok(children.length > 0, "A1's children are columns");
  assert.equal(await page.getAttribute(fold, "aria-expanded"), "true");

  // By mouse.
  await page.click(fold);
  let now = await codes();
  assert.ok(now.includes("A1") && !now.some((c) => c.startsWith("A1.")), "folded: A1 stays, its children go");
  assert.equal(await page.getAttribute(fold, "aria-expanded"), "false");
  await page.screenshot({ path: join(screenshots, "heatmap-folded.png") });
  await page.click(fold);
  assert.deepEqual(await codes(), before);

  // By keyboard: the button keeps the focus across the redraw, so Enter twice folds and unfolds.
  await page.focus(fold);
  await page.keyboard.press("Enter");
  now = await codes();
  assert.ok(!now.some((c) => c.startsWith("A1.")), "folded by Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.closest("th")?.querySelector("button[data-code]")?.dataset.code), "A1");
  await page.keyboard.press("Space");
  assert.deepEqual(await codes(), before, "unfolded by Space");
  await done();
});

test("the team view and what to expect have no serious accessibility problem (axe-core)", async () => {
  const { page, done } = await open(SCREENS.wide, { bypassCSP: true });
  const violations = async () => {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
    const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  };
  await loadExampleTeam(page);
  await page.check("#tm-names");
  assert.deepEqual(await violations(), []);
  await page.click("#view-expect");
  await page.waitForSelector("#ex-page h2");
  assert.deepEqual(await violations(), []);
  await done();
});

test("a folder of self-assessments is counted as the example team is", async () => {
  const expected = waypost.team(exampleTeam, {});
  const { page, done } = await open(SCREENS.narrow);
  await page.click("#view-team");
  // The folder as picked: its README is not a self-assessment and is left out.
  await page.setInputFiles("#tm-folder", teamDir);
  await page.waitForSelector("#tm-results:not([hidden])");
  assert.match(await page.textContent("#tm-status"), /^Counted 12 self-assessments from the folder team\.$/);
  assert.ok(await page.isHidden("#tm-failures"));
  const rows = await page.$$eval("#tm-counts tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.textContent))));
  assert.deepEqual(rows, expected.statements.map((s) => [...s.counts, s.unrated, s.below]));
  await done();
});
