// The portfolio view as national education staff use it, in Debian's Chromium driven by
// playwright-core: open a folder of courses (the example portfolio, with a broken file, a note
// and a hidden file beside them), read the matrix and the lists, download the report. The
// numbers are compared with `waypost portfolio curricula/examples/portfolio --format json`
// (portfolio-example.expected.json; regenerate it with that command when the examples change).
// Once the page is ready, the journey makes no request at all.
//
// node --test tests/portfolio.test.mjs   (after build.sh; WAYPOST_WWW names the built page)
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { servePage } from "./serve-page.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const www = process.env.WAYPOST_WWW ?? join(root, "target", "www");
const shots = join(www, "screenshots");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const expected = JSON.parse(readFileSync(join(here, "portfolio-example.expected.json"), "utf8"));

/** A course with a code that is not in the framework, on line 10: its error is located. */
const BROKEN = `id = "broken-course"
title = "A course with a typo"
provider = "Nowhere College"

[[modules]]
code = "M1"

[[modules.units]]
id = "LO1"
covers = ["K4", "S1 2"]
`;

let server;
let origin;
let browser;
let folder;
let work;

before(async () => {
  server = await servePage(www);
  origin = server.origin;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // The example folder as a user has it: its courses and README, plus a broken course, a note
  // and a hidden file, which the engine leaves out as `waypost portfolio` does.
  work = mkdtempSync(join(tmpdir(), "waypost-portfolio-"));
  folder = join(work, "portfolio");
  mkdirSync(folder);
  const examples = join(root, "curricula", "examples", "portfolio");
  for (const name of readdirSync(examples)) copyFileSync(join(examples, name), join(folder, name));
  writeFileSync(join(folder, "broken-course.toml"), BROKEN);
  writeFileSync(join(folder, "notes.txt"), "not a course\n");
  writeFileSync(join(folder, ".hidden.toml"), "not = [a course\n");
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The page at `width`×768, ready, on the portfolio view; the requests it makes from then on. */
async function openView(width) {
  const page = await browser.newPage({ viewport: { width, height: 768 }, acceptDownloads: true });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(`${origin}/`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.click("#view-portfolio");
  assert.ok(await page.isVisible("#portfolio-view"));
  assert.ok(await page.isHidden("#coverage-view"));
  return { page, problems, requests };
}

const text = async (page, selector) => (await page.textContent(selector)).trim();
const codesIn = (page, selector) => page.$$eval(`${selector} li[data-code]`, (lis) => lis.map((li) => li.dataset.code));
const fileName = (path) => path.split("/").at(-1);
const made = (requests) => requests.filter((url) => !url.startsWith("blob:") && !url.startsWith("data:"));

test("a folder of courses: the matrix, what no course covers or assesses, the CLI's numbers", async () => {
  const { page, problems, requests } = await openView(1366);
  await page.setInputFiles("#pf-folder", folder);
  await page.waitForSelector("#pf-results:not([hidden])");
  const top = await page.locator("#pf-failures-heading").boundingBox();
  assert.ok(top && top.y >= 0 && top.y < 768, "the file left out comes into view");
  await page.screenshot({ path: join(shots, "portfolio-failure-1366.png") });

  // The courses read are the CLI's, in its order; the broken one is left out with its error.
  assert.equal(Number(await text(page, "#pf-stat-courses")), expected.courses.length);
  const rows = await page.$$eval("#pf-courses tbody tr", (trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    covered: Number(tr.querySelector('[data-field="covered"]').textContent),
    assessed: Number(tr.querySelector('[data-field="assessed"]').textContent),
    gaps: Number(tr.querySelector('[data-field="gaps"]').textContent),
  })));
  assert.deepEqual(rows, expected.courses.map(({ id, covered, assessed, gaps }) => ({ id, covered, assessed, gaps })));

  // What no course covers, what none assesses, and the rest of the lists.
  assert.equal(Number(await text(page, "#pf-stat-uncovered")), expected.uncovered.length);
  assert.equal(Number(await text(page, "#pf-stat-unassessed")), expected.unassessed.length);
  assert.deepEqual(await codesIn(page, "#pf-uncovered"), expected.uncovered);
  assert.deepEqual(await codesIn(page, "#pf-uncovered"), ["K10", "K15", "K18", "S9", "S10"], "as docs/national-view.md says");
  assert.deepEqual(await codesIn(page, "#pf-unassessed"), expected.unassessed);
  assert.deepEqual(await codesIn(page, "#pf-introduced"), expected.introduced_only);
  assert.deepEqual(await codesIn(page, "#pf-single"), expected.single_course);
  assert.match(await text(page, "#pf-uncovered-heading"), new RegExp(`\\(${expected.uncovered.length} of ${expected.statements.length}\\)`));

  // Per provider.
  const providers = await page.$$eval("#pf-providers tbody tr", (trs) => trs.map((tr) => ({
    provider: tr.dataset.provider,
    courses: Number(tr.querySelector('[data-field="courses"]').textContent),
    covered: Number(tr.querySelector('[data-field="covered"]').textContent),
    assessed: Number(tr.querySelector('[data-field="assessed"]').textContent),
    gaps: Number(tr.querySelector('[data-field="gaps"]').textContent),
  })));
  assert.deepEqual(providers, expected.providers);

  // The matrix: a row per statement, a column per course after the portfolio's own, each cell
  // shaded as the core shades its level.
  const matrix = await page.$$eval("#pf-matrix tbody tr[data-code]", (trs) => trs.map((tr) => ({
    code: tr.dataset.code,
    cells: [...tr.querySelectorAll("td")].map((td) => td.className.match(/lvl-(\w+)/)?.[1]),
  })));
  assert.deepEqual(matrix.map((r) => r.code), expected.statements.map((s) => s.code));
  const shade = { null: "none", introduced: "1", developed: "2", assessed: "3" };
  for (const [i, s] of expected.statements.entries()) {
    assert.deepEqual(matrix[i].cells, [shade[s.level], ...s.levels.map((l) => shade[l])], s.code);
  }
  const heads = await page.$$eval("#pf-matrix thead th.pf-course:not(.pf-all)", (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(heads, expected.courses.map((c) => c.title));

  // The matrix scrolls in its own frame with its header row and statement column stuck.
  const wrap = page.locator(".pf-matrix-wrap");
  await wrap.scrollIntoViewIfNeeded();
  const before = await page.$eval("#pf-matrix thead th.pf-corner", (th) => th.getBoundingClientRect().top);
  await wrap.evaluate((w) => { w.scrollTop = 600; });
  const stuck = await page.$eval("#pf-matrix thead th.pf-corner", (th) => th.getBoundingClientRect().top);
  assert.ok(await wrap.evaluate((w) => w.scrollTop > 0 && w.scrollHeight > w.clientHeight), "the matrix scrolls in itself");
  assert.equal(stuck, before, "the course names stay in view");
  await wrap.evaluate((w) => { w.scrollTop = 0; });

  // The broken file: listed with its located error and the line marked; the others analysed.
  assert.ok(await page.isVisible("#pf-failures"));
  assert.equal(await text(page, "#pf-failures-heading"), "1 file left out of the portfolio");
  const failure = page.locator('#pf-failures details[data-path="portfolio/broken-course.toml"]');
  assert.match(await failure.locator("summary").textContent(), /line 10, column \d+: /);
  assert.match(await failure.textContent(), /did you mean `?S12`?\?/);
  assert.deepEqual(await failure.locator(".error-line").evaluateAll((lis) => lis.map((li) => Number(li.dataset.line))), [10]);
  assert.match(await text(page, "#pf-status"), /^Analysed 6 courses from the folder portfolio in \d+ ms; 1 file could not be read/);

  // The downloaded JSON is the CLI's for the example folder, with the broken file listed.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('#pf-downloads button[data-format="json"]')]);
  assert.equal(download.suggestedFilename(), "portfolio-realising-recovery-2007.json");
  const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.deepEqual(saved.failures.map((f) => f.path), ["portfolio/broken-course.toml"]);
  assert.deepEqual(saved.courses.map((c) => c.path), expected.courses.map((c) => `portfolio/${fileName(c.path)}`));
  const withoutPaths = (p) => ({ ...p, failures: [], courses: p.courses.map(({ path, ...c }) => c) });
  assert.deepEqual(withoutPaths(saved), withoutPaths(expected));
  for (const format of ["html", "markdown", "csv"]) {
    const [d] = await Promise.all([page.waitForEvent("download"), page.click(`#pf-downloads button[data-format="${format}"]`)]);
    assert.ok(readFileSync(await d.path(), "utf8").includes("K10"), format);
  }

  await page.locator("#pf-results").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(shots, "portfolio-1366.png") });
  await page.locator("#pf-matrix-heading").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(shots, "portfolio-matrix-1366.png") });

  const unlabelled = await page.$$eval("#portfolio-view select, #portfolio-view input", (els) => els.filter((e) => !e.labels?.length).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  assert.deepEqual(made(requests), [], "no request once the page is ready");
  assert.deepEqual(problems, [], "no errors in the console");
  await page.close();
});

test("at 1024 px: the example portfolio, another framework, and several files picked", async () => {
  const { page, problems, requests } = await openView(1024);
  await page.click("#pf-load-example");
  await page.waitForSelector("#pf-results:not([hidden])");
  assert.ok(await page.isHidden("#pf-failures"));
  assert.deepEqual(await codesIn(page, "#pf-uncovered"), expected.uncovered);
  const heading = await page.locator("#pf-results-heading").boundingBox();
  assert.ok(heading && heading.y >= 0 && heading.y < 768, "the results come into view");
  await page.screenshot({ path: join(shots, "portfolio-1024.png") });
  await page.locator("#pf-matrix-heading").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(shots, "portfolio-matrix-1024.png") });
  // Nothing but the matrix frame is wider than the page.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, "no sideways scrolling of the page");

  // Another framework: the same courses read against it, as `waypost portfolio --framework
  // nimhe-guiding-statement-2004` reads them: the grid names no framework, so its codes are
  // read as that framework's, and it is left out with each unknown code located.
  await page.selectOption("#pf-framework", "nimhe-guiding-statement-2004");
  await page.waitForFunction(() => document.querySelector("#pf-results-heading").textContent.includes("NIMHE"));
  assert.equal(Number(await text(page, "#pf-stat-courses")), expected.courses.length - 1);
  assert.deepEqual(await page.$$eval("#pf-failures details", (ds) => ds.map((d) => d.dataset.path)), ["portfolio/peer-support-worker-certificate.csv"]);

  // Files picked one by one are read as given, the broken one included.
  await page.selectOption("#pf-framework", "realising-recovery-2007");
  const picked = ["wrap-facilitator-two-day.toml", "broken-course.toml"].map((n) => join(folder, n));
  await page.setInputFiles("#pf-files", picked);
  await page.waitForFunction(() => document.querySelector("#pf-stat-courses")?.textContent === "1");
  assert.equal(await text(page, "#pf-failures-heading"), "1 file left out of the portfolio");
  assert.deepEqual(made(requests), [], "no request once the page is ready");
  assert.deepEqual(problems, [], "no errors in the console");
  await page.close();
});
