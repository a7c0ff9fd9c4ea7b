// The mapping workbench as a programme team uses it, in Debian's Chromium driven by
// playwright-core: open a mapping grid through the file input, map two units (one by accepting
// a suggestion with a key, one by clicking a cell), see the policy pass, save, reopen the saved
// file and find the same mapping. Every request the browser makes is recorded; none may leave
// the page's own server. Screenshots at 1366×768 and 1024×768 go to target/www/screenshots/.
//
// node --test tests/workbench.test.mjs   (after build.sh; WAYPOST_WWW names the built page)
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { servePage } from "./serve-page.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const www = process.env.WAYPOST_WWW ?? join(root, "target", "www");
const shots = join(root, "target", "www", "screenshots");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const waypost = createRequire(import.meta.url)("../pkg/node/waypost.js");

// The grids to open: the example workbook (saved back as a workbook) and its CSV twin (saved
// back as CSV).
const EXAMPLES = join(root, "curricula", "examples");
const GRID = join(EXAMPLES, "recovery-awareness-day.csv");
const WORKBOOK = join(EXAMPLES, "recovery-awareness-day.xlsx");
const POLICY = join(here, "fixtures", "workbench-policy.toml");
// The same course as JSON and as YAML: mapped as a TOML curriculum is, saved in its own format.
const JSON_CURRICULUM = join(here, "fixtures", "recovery-awareness-day.json");
const YAML_CURRICULUM = join(here, "fixtures", "recovery-awareness-day.yaml");

let server;
let origin;
let browser;
let scratch;
const requests = [];

before(async () => {
  server = await servePage(www);
  origin = server.origin;
  scratch = mkdtempSync(join(tmpdir(), "waypost-workbench-"));
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function openPage(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(`${origin}/`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  return { context, page, problems };
}

/** The aria-label of the cell of a unit's row and a statement's column. */
const cellLabel = (page, unit, code) =>
  page.getAttribute(`#wb-grid tr[data-key="${unit}"] td[data-code="${code}"]`, "aria-label");

async function openInWorkbench(page, file) {
  await page.click("#view-coverage");
  await page.setInputFiles("#file", file);
  await page.waitForSelector("#results:not([hidden])");
  await page.click("#view-map");
  await page.waitForSelector("#wb-main:not([hidden])");
}

/** A curriculum file as the core reads it: a workbook's bytes, or a file's text (a CSV grid,
 * JSON or YAML). */
const isWorkbook = (file) => file.endsWith(".xlsx");
const isGrid = (file) => isWorkbook(file) || file.endsWith(".csv");
const readGrid = (file) =>
  isWorkbook(file) ? waypost.loadWorkbook(readFileSync(file), "grid.xlsx") : waypost.loadCurriculum(readFileSync(file, "utf8"), undefined, basename(file));

test("a workbook grid is mapped in the workbench, passes the policy, is saved as a workbook in its own layout and reopens the same", async () => {
  await journey(WORKBOOK, "workbench-1366x768.png");
});

test("a CSV grid is mapped the same way and saved as CSV in its own columns", async () => {
  await journey(GRID);
});

test("a JSON curriculum is mapped the same way and saved as JSON holding everything it held", async () => {
  await journey(JSON_CURRICULUM, "workbench-json-1366x768.png");
});

test("a YAML curriculum is mapped the same way and saved as YAML holding everything it held", async () => {
  await journey(YAML_CURRICULUM);
});

async function journey(GRID, shot) {
  const { context, page, problems } = await openPage(1366, 768);
  await page.setInputFiles("#policy-file", POLICY);
  await openInWorkbench(page, GRID);
  // At 1366 px the unit panel sits beside the grid, and a unit's row is one line high (its
  // text cut, whole in the panel and on hover), so many units fit on the screen.
  const box = (selector) => page.evaluate((s) => document.querySelector(s).getBoundingClientRect().toJSON(), selector);
  const [grid, panel, row] = [await box(".wb-grid-wrap"), await box("#wb-panel"), await box('#wb-grid tr[data-key="RAD/SE7"]')];
  assert.ok(panel.left >= grid.right, `the panel starts at ${panel.left} px, the grid ends at ${grid.right} px`);
  assert.ok(row.height < 40, `a unit's row is ${row.height} px high`);
  assert.match(await page.textContent("#wb-verdict"), /Policy not met/);
  const format = GRID.split(".").pop();
  const saveNote = {
    xlsx: /recovery-awareness-day\.xlsx, a workbook with the grid in its own columns on the sheet/,
    csv: /mapping grid in its own columns/,
    json: /Save writes recovery-awareness-day\.json as JSON, with your changes and every other key and value it holds/,
    yaml: /Save writes recovery-awareness-day\.yaml as YAML, with your changes and every other key and value it holds/,
  }[format];
  assert.match(await page.textContent("#wb-save-note"), saveNote);
  // What saving a JSON or YAML file does not keep is said before saving, above the grid.
  if (isGrid(GRID)) {
    assert.equal(await page.isHidden("#wb-keep"), true);
  } else {
    assert.match(await page.textContent("#wb-keep"), format === "json" ? /Saved as JSON\..*the JSON is written afresh/s : /Saved as YAML\..*comments, anchors and aliases are not kept/s);
  }
  assert.match(await cellLabel(page, "RAD/SE3", "K21"), /SE3 of RAD, K21 .*: not mapped/);

  // One unit by accepting a suggestion: select SE3, then press A on its first suggestion.
  await page.click('#wb-grid [data-select="RAD/SE3"]');
  const suggestion = page.locator(".wb-suggestion").first();
  assert.equal(await suggestion.getAttribute("data-code"), "K21", "the strongest suggestion not mapped yet");
  const offered = await page.$$eval(".wb-suggestion", (buttons) => buttons.map((b) => b.dataset.code));
  const se3 = readGrid(GRID).modules[0].units.find((u) => u.id === "SE3");
  const strong = waypost.suggest(se3.text, { top: 12 }).filter((s) => !s.weak).map((s) => s.code);
  assert.ok(offered.every((code) => strong.includes(code)), `only suggestions above the weak threshold: ${offered}`);
  await suggestion.focus();
  await page.keyboard.press("a");
  // SE3 is assessed by RA, so what it maps counts as assessed, and the cell says why.
  await page.waitForFunction(() => document.querySelector('#wb-grid tr[data-key="RAD/SE3"] td[data-code="K21"]')?.getAttribute("aria-label").endsWith(": assessed (mapped introduced; assessed by RA)"));

  // Another by clicking a cell: SE7 introduces K10.
  await page.click('#wb-grid tr[data-key="RAD/SE7"] td[data-code="K10"]');
  await page.waitForFunction(() => /Policy passed/.test(document.querySelector("#wb-verdict").textContent));
  assert.match(await cellLabel(page, "RAD/SE7", "K10"), /: introduced$/);
  assert.equal(await page.textContent("#verdict strong"), "Policy passed", "the report under the grid says so too");
  assert.equal(await page.textContent("#wb-unsaved"), "Unsaved changes");

  // Keys: a roving focus, Space steps the cell on, Ctrl+Z takes it back.
  await page.focus('#wb-grid tr[data-key="RAD/SE7"] td[data-code="K10"]');
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.code), "K11");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelector('#wb-grid tr[data-key="RAD/SE7"] td[data-code="K11"]').getAttribute("aria-label").endsWith(": introduced"));
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector('#wb-grid tr[data-key="RAD/SE7"] td[data-code="K11"]').getAttribute("aria-label").endsWith(": not mapped"));
  if (shot) await page.screenshot({ path: join(shots, shot) });

  // Save: the grid comes back in the file it came from, in its own columns, with both mappings.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#wb-save")]);
  assert.equal(download.suggestedFilename(), basename(GRID));
  const saved = join(scratch, download.suggestedFilename());
  await download.saveAs(saved);
  let curriculum;
  let text;
  if (isWorkbook(GRID)) {
    // The same sheet, under the same name, with the same header row.
    const bytes = readFileSync(saved);
    assert.deepEqual(waypost.gridLayout(bytes, "saved.xlsx"), waypost.gridLayout(readFileSync(GRID), "grid.xlsx"));
    curriculum = waypost.loadWorkbook(bytes, "saved.xlsx");
    text = waypost.importGrid(bytes, { name: "saved.xlsx" }).text;
  } else if (format === "csv") {
    text = readFileSync(saved, "utf8");
    assert.equal(text.split("\n")[0], readFileSync(GRID, "utf8").split(/\r?\n/)[0], "the same header row");
    curriculum = waypost.loadCurriculum(text, "csv", "saved.csv");
  } else {
    // JSON as JSON, YAML as YAML, holding the original plus the two mappings: nothing else
    // changed in what waypost reads.
    text = readFileSync(saved, "utf8");
    if (format === "json") assert.doesNotThrow(() => JSON.parse(text));
    else assert.match(text, /^id: recovery-awareness-day-yaml\n/);
    curriculum = waypost.loadCurriculum(text, format, `saved.${format}`);
    const expected = readGrid(GRID);
    const unit = (c, id) => c.modules[0].units.find((u) => u.id === id);
    unit(expected, "SE3").covers.push({ statement: "K21" });
    unit(expected, "SE7").covers.push({ statement: "K10" });
    assert.deepEqual(curriculum, expected);
  }
  const covers = (id) => curriculum.modules[0].units.find((u) => u.id === id).covers.map((c) => c.statement);
  assert.ok(covers("SE3").includes("K21"));
  assert.ok(covers("SE7").includes("K10"));
  assert.ok(!covers("SE7").includes("K11"), "the undone change is not saved");
  assert.equal(await page.textContent("#wb-unsaved"), "Saved");
  assert.equal(waypost.check(text, { name: isWorkbook(GRID) ? "saved.toml" : `saved.${format}`, policy: readFileSync(POLICY, "utf8") }).passed, true);

  // Reopen the saved file: the same mapping.
  await openInWorkbench(page, saved);
  assert.match(await cellLabel(page, "RAD/SE3", "K21"), /: assessed \(mapped introduced; assessed by RA\)$/);
  assert.match(await cellLabel(page, "RAD/SE7", "K10"), /: introduced$/);
  assert.match(await page.textContent("#wb-verdict"), /Policy passed/);
  assert.deepEqual(problems, []);
  await context.close();
}

test("the workbench fits 1024×768 and says what assessed means", async () => {
  const { context, page, problems } = await openPage(1024, 768);
  await openInWorkbench(page, GRID);
  assert.match(await page.textContent("#wb-help"), /Assessed.*never typed/s);
  // SE3 is assessed by RA: what it maps counts as assessed, and the cell says why.
  assert.match(await cellLabel(page, "RAD/SE3", "K4"), /assessed \(mapped introduced; assessed by RA\)/);
  await page.click('#wb-grid [data-select="RAD/SE3"]');
  // The grid scrolls inside itself; it and the panel stay on the screen.
  for (const selector of [".wb-grid-wrap", "#wb-panel"]) {
    const right = await page.evaluate((s) => document.querySelector(s).getBoundingClientRect().right, selector);
    assert.ok(right <= 1024, `${selector} ends at ${right} px`);
  }
  await page.screenshot({ path: join(shots, "workbench-1024x768.png") });

  // Assessed through the panel: tick SE1 under RA, and everything SE1 maps counts as assessed.
  assert.match(await cellLabel(page, "RAD/SE1", "K1"), /: introduced$/);
  await page.click('#wb-grid [data-select="RAD/SE1"]');
  await page.check('.wb-assesses input[data-assessment="RA"][data-unit="SE1"]');
  await page.waitForFunction(() => document.querySelector('#wb-grid tr[data-key="RAD/SE1"] td[data-code="K1"]').getAttribute("aria-label").endsWith("assessed by RA)"));
  // Renaming the unit renames it where the assessment names it too.
  await page.fill("#wb-rename-id", "SE1a");
  await page.click('#wb-panel button:text("Rename")');
  await page.waitForSelector('#wb-grid tr[data-key="RAD/SE1a"]');
  assert.match(await cellLabel(page, "RAD/SE1a", "K1"), /assessed by RA\)$/);
  assert.match(await page.inputValue("#source"), /assesses = \["SE3", "AC2", "SE1a"\]/);
  // The search over statements maps one directly.
  await page.fill("#wb-search", "direct payments");
  await page.click('#wb-search-results button:text("Map to SE1a")');
  await page.waitForFunction(() => document.querySelector('#wb-grid tr[data-key="RAD/SE1a"] td[data-code="K10"]').getAttribute("aria-label").endsWith("assessed by RA)"));
  // Leaving with that unsaved asks first.
  assert.equal(await page.textContent("#wb-unsaved"), "Unsaved changes");
  assert.deepEqual(problems, []);
  const asked = new Promise((resolve) => {
    page.once("dialog", async (dialog) => {
      resolve(dialog.type());
      await dialog.accept();
    });
  });
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, "beforeunload");
  await context.close();
});

test("no request left the page's own server", () => {
  assert.ok(requests.length > 0);
  const elsewhere = requests.filter((url) => !url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(elsewhere, []);
});
