// The journeys of a programme team through the single-file page, target/www/waypost.html,
// opened from the file system (file://) as a double-click opens it, with the network off, in
// Debian's Chromium driven by playwright-core: ready, an example checked, the XLSX workbook and
// a framework file opened, a broken file's located error, the page without WebAssembly, the
// layout at 1366×768 and 1024×768, keyboard use, and an axe-core accessibility check. Every
// request each page makes is recorded: the page's own file:// load is the only one allowed.
// Screenshots go to target/www/screenshots/ (not committed).
//
// node --test tests/page.test.mjs   (after build.sh; WAYPOST_WWW names the built page's folder)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const www = process.env.WAYPOST_WWW ?? join(root, "target", "www");
const pageUrl = pathToFileURL(join(www, "waypost.html")).href;
const screenshots = join(www, "screenshots");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const require = createRequire(import.meta.url);
const waypost = require("../pkg/node/waypost.js");
const axePath = require.resolve("axe-core/axe.min.js");
const examples = join(root, "curricula", "examples");

const SCREENS = { wide: { width: 1366, height: 768 }, narrow: { width: 1024, height: 768 } };

let browser;

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh page at `viewport` on the single file, with every request and every console error
 * it makes recorded. `init` runs before the page's own scripts. */
async function open(viewport = SCREENS.wide, { init, ready = true, bypassCSP = false } = {}) {
  // Offline, as on a laptop with no network. Only axe-core's run bypasses the page's
  // Content-Security-Policy, to inject its script.
  const context = await browser.newContext({ viewport, acceptDownloads: true, bypassCSP, offline: true });
  if (init) await context.addInitScript(init);
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(pageUrl);
  if (ready) {
    await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
    // From navigation to the page's "waypost-ready" mark. Not asserted (no timed assertions):
    // docs/performance.md records it.
    const ms = await page.evaluate(() => performance.getEntriesByName("waypost-ready")[0]?.startTime);
    console.log(`open → ready from file:// at ${viewport.width}×${viewport.height}: ${Math.round(ms)} ms`);
  }
  const done = async () => {
    assert.deepEqual(requests, [pageUrl], "no request but the page's own file:// load");
    assert.deepEqual(problems, [], "no errors in the console");
    await context.close();
  };
  return { page, requests, problems, done };
}

/** The example workbook with its cell A3 (a unit's module) emptied, made with Python's zipfile
 * (as the README examples run with python3). */
function brokenWorkbook() {
  const script = [
    "import io, sys, zipfile",
    "out = io.BytesIO()",
    "with zipfile.ZipFile(sys.argv[1]) as a, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as b:",
    "    for i in a.infolist():",
    "        data = a.read(i.filename)",
    "        if i.filename == 'xl/worksheets/sheet1.xml':",
    "            emptied = data.replace(b'<c r=\"A3\" t=\"inlineStr\"><is><t>RAD</t></is></c>', b'')",
    "            assert emptied != data, 'cell A3 is where the test expects it'",
    "            data = emptied",
    "        b.writestr(i.filename, data)",
    "sys.stdout.buffer.write(out.getvalue())",
  ].join("\n");
  const made = spawnSync("python3", ["-c", script, join(examples, "recovery-awareness-day.xlsx")]);
  assert.equal(made.status, 0, String(made.stderr));
  return made.stdout;
}

const numberIn = async (page, selector) => Number((await page.textContent(selector)).trim());

/** Whether the element's box lies within the viewport (at least its top-left corner and some of
 * it), so a user sees it without scrolling. */
async function inView(page, selector) {
  return page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.top < innerHeight && r.left < innerWidth && r.width > 0;
  });
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

test("the single file is self-contained: one inline script, one style, the engine inlined", () => {
  const html = readFileSync(join(www, "waypost.html"), "utf8");
  assert.doesNotMatch(html, /<script[^>]*\ssrc=/, "no script loaded from a file");
  assert.doesNotMatch(html, /<link[^>]*rel="stylesheet"/, "no style sheet loaded from a file");
  assert.match(html, /<script id="waypost-engine" type="application\/octet-stream"[^>]*>[A-Za-z0-9+/=]{100000,}<\/script>/);
  assert.match(html, /connect-src 'none'/, "the page may fetch nothing at all");
  // The budget of issue 19: at most 1.2 MB gzipped, workbook reading included.
  const gzipped = gzipSync(html, { level: 9 }).length;
  assert.ok(gzipped <= 1_200_000, `waypost.html is ${gzipped} bytes gzipped, over 1.2 MB`);
});

test("opened from file://, the page gets ready, checks an example and brings the verdict into view", async () => {
  const { page, done } = await open(SCREENS.wide);
  assert.equal(await page.getAttribute("html", "data-ready"), "true");
  assert.equal(await page.locator("#results").isHidden(), true);
  await page.screenshot({ path: join(screenshots, "1366-ready.png") });

  const name = "bsc-mental-health-nursing.toml";
  const report = waypost.check(readFileSync(join(examples, name), "utf8"), { name });
  await page.selectOption("#example", { label: name });
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  assert.equal((await page.textContent("#results-heading")).trim(), report.curriculum.title);
  assert.equal(await numberIn(page, "#stat-gaps"), report.summary.gaps);
  assert.match(await page.textContent("#verdict"), report.passed ? /Policy passed/ : /Policy not met/);
  assert.ok(await inView(page, "#verdict"), "the verdict is brought into view");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "results", "the focus moves to the results");
  assert.equal(await page.getAttribute("#results", "aria-describedby"), "verdict", "which read out the verdict");
  await page.screenshot({ path: join(screenshots, "1366-checked.png") });
  await page.screenshot({ path: join(screenshots, "1366-checked-full.png"), fullPage: true });
  await done();
});

test("the report downloads as an Excel workbook that opens again as the curriculum checked", async () => {
  const { page, done } = await open(SCREENS.wide);
  const name = "bsc-mental-health-nursing.toml";
  const report = waypost.check(readFileSync(join(examples, name), "utf8"), { name });
  await page.selectOption("#example", { label: name });
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  const button = page.locator("#downloads button[data-format=xlsx]");
  assert.equal((await button.textContent()).trim(), "Download Excel workbook");
  await button.scrollIntoViewIfNeeded();
  await page.locator("#downloads").screenshot({ path: join(screenshots, "1366-downloads.png") });
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  assert.equal(download.suggestedFilename(), `${report.curriculum.id}-coverage.xlsx`);
  const bytes = new Uint8Array(readFileSync(await download.path()));
  assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b], "a zip archive");
  // Its `Mapping` sheet reads back (with the JS API) as the curriculum: the same coverage.
  assert.equal(waypost.gridLayout(bytes, "matrix.xlsx").sheet, "Mapping");
  const back = waypost.loadWorkbook(bytes, "matrix.xlsx");
  assert.deepEqual(waypost.check(back).statements, report.statements);
  await done();
});

test("the XLSX workbook opens from the file input, read as its CSV twin", async () => {
  const { page, done } = await open(SCREENS.wide);
  const csv = "recovery-awareness-day.csv";
  const report = waypost.check(readFileSync(join(examples, csv), "utf8"), { name: csv });
  await page.setInputFiles("#file", join(examples, "recovery-awareness-day.xlsx"));
  await page.waitForSelector("#results:not([hidden])");
  assert.equal((await page.textContent("#results-heading")).trim(), report.curriculum.title);
  for (const key of ["statements", "covered", "assessed", "gaps"]) {
    assert.equal(await numberIn(page, `#stat-${key}`), report.summary[key], key);
  }
  assert.match(await page.textContent("#source-name"), /read from recovery-awareness-day\.xlsx/);
  assert.match(await page.inputValue("#source"), /recovery-awareness-day\.xlsx/, "the editor's TOML says where it came from");
  await done();
});

/** Drops a file (its bytes, base64) on the editor as a user would drag it there. */
async function drop(page, path) {
  const data = await page.evaluateHandle(([base64, name]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
    return transfer;
  }, [readFileSync(path).toString("base64"), path.split("/").pop()]);
  await page.dispatchEvent("#dropzone", "drop", { dataTransfer: data });
}

test("a workbook or a framework dropped on the editor opens as when picked", async () => {
  const { page, done } = await open(SCREENS.narrow);
  await drop(page, join(root, "tests", "frameworks", "example-practice-standards.toml"));
  await page.waitForFunction(() => document.querySelector("#framework").value === "example-practice-standards");
  assert.equal(await page.inputValue("#source"), "", "a framework is not put in the curriculum editor");
  await page.selectOption("#framework", "");
  await drop(page, join(examples, "recovery-awareness-day.xlsx"));
  await page.waitForSelector("#results:not([hidden])");
  const csv = "recovery-awareness-day.csv";
  const report = waypost.check(readFileSync(join(examples, csv), "utf8"), { name: csv });
  assert.equal(await numberIn(page, "#stat-covered"), report.summary.covered);
  await done();
});

test("a framework file joins the framework menu, chosen, and the check uses it", async () => {
  const { page, done } = await open(SCREENS.wide);
  const file = join(root, "tests", "frameworks", "example-practice-standards.toml");
  await page.setInputFiles("#framework-file", file);
  await page.waitForFunction(() => document.querySelector("#framework").value === "example-practice-standards");
  assert.match(await page.textContent("#status"), /Added the framework/);
  const programme = join(root, "tests", "frameworks", "three-year-programme.toml");
  await page.setInputFiles("#file", programme);
  await page.waitForSelector("#results:not([hidden])");
  assert.match(await page.textContent("#results-sub"), /checked against Example Standards of Proficiency/);
  await done();
});

test("a framework spreadsheet (CSV or XLSX), picked or dropped, joins the framework menu, chosen, and the check uses it", async () => {
  const frameworks = join(root, "tests", "frameworks");
  const programme = join(frameworks, "three-year-programme.toml");
  for (const [file, how] of [
    ["example-practice-standards.csv", "picked"],
    ["example-practice-standards.xlsx", "picked"],
    ["example-practice-standards.csv", "dropped"],
    ["example-practice-standards.xlsx", "dropped"],
  ]) {
    const path = join(frameworks, file);
    // What the core makes of the sheet, and the programme checked against it.
    const grid = file.endsWith(".xlsx") ? readFileSync(path) : readFileSync(path, "utf8");
    const { framework } = waypost.importFrameworkGrid(grid, { name: file });
    const catalog = new waypost.Catalog();
    catalog.addFramework(framework, undefined, file);
    const report = catalog.check(readFileSync(programme, "utf8"), { name: "three-year-programme.toml", framework: framework.id });
    assert.equal(framework.id, "example-practice-standards");

    const { page, done } = await open(SCREENS.wide);
    if (how === "picked") await page.setInputFiles("#framework-file", path);
    else await drop(page, path);
    await page.waitForFunction((id) => document.querySelector("#framework").value === id, framework.id);
    assert.match(await page.textContent("#status"), new RegExp(`Added the framework .* from ${file.replace(".", "\\.")}`), `${file} ${how}`);
    assert.equal(await page.inputValue("#source"), "", "a framework is not put in the curriculum editor");
    await page.setInputFiles("#file", programme);
    await page.waitForSelector("#results:not([hidden])");
    assert.match(await page.textContent("#results-sub"), new RegExp(`checked against ${framework.title}`), `${file} ${how}`);
    for (const key of ["statements", "covered", "assessed", "gaps"]) {
      assert.equal(await numberIn(page, `#stat-${key}`), report.summary[key], `${file} ${how}: ${key}`);
    }
    await done();
  }
});

test("a broken file shows its located error, and the text as it was", async () => {
  const { page, done } = await open(SCREENS.narrow);
  const name = "grid-bad-codes-and-levels.csv";
  const path = join(root, "tests", "bad-input", name);
  const expected = JSON.parse(readFileSync(`${path}.expected.json`, "utf8"));
  await page.setInputFiles("#file", path);
  await page.waitForSelector("#error:not([hidden])");
  assert.ok(await page.isHidden("#results"));
  const error = await page.textContent("#error");
  assert.match(error, new RegExp(name.replace(/\./g, "\\.")), "names the file");
  const lines = (expected.diagnostics ?? []).map((d) => d.line).filter(Boolean);
  assert.ok(lines.length > 0, "the recorded error is located");
  assert.match(error, new RegExp(`line ${lines[0]}`));
  const marked = await page.$$eval("#error .error-line", (lis) => lis.map((li) => Number(li.dataset.line)));
  assert.deepEqual(marked, [...new Set(lines)].sort((a, b) => a - b));
  assert.ok(await inView(page, "#error"), "the error is in view");
  await page.screenshot({ path: join(screenshots, "1024-error.png") });

  // A workbook with an empty module cell: the cell is named as the spreadsheet names it.
  const broken = brokenWorkbook();
  await page.setInputFiles("#file", { name: "broken.xlsx", mimeType: "application/octet-stream", buffer: broken });
  await page.waitForFunction(() => /broken\.xlsx/.test(document.querySelector("#error").textContent));
  assert.match(await page.textContent("#error"), /cell Mapping!A3.*the module cell is empty/);
  await page.screenshot({ path: join(screenshots, "1024-error-workbook.png") });

  // A workbook that is not one: refused, located by file, the editor left as it was.
  const before = await page.inputValue("#source");
  await page.setInputFiles("#file", { name: "damaged.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a workbook") });
  await page.waitForFunction(() => /damaged\.xlsx/.test(document.querySelector("#error").textContent));
  assert.match(await page.textContent("#error-heading"), /could not be read/);
  assert.equal(await page.inputValue("#source"), before);
  await done();
});

test("without WebAssembly the page says so plainly", async () => {
  const { page, done } = await open(SCREENS.wide, { init: "delete globalThis.WebAssembly;", ready: false });
  await page.waitForSelector("html[data-ready=false]");
  const status = await page.textContent("#status");
  assert.doesNotMatch(status, /Loading/);
  assert.match(status, /needs WebAssembly/);
  assert.match(await page.textContent("#fatal"), /needs WebAssembly/);
  assert.ok(await inView(page, "#fatal"), "said at the top of the page, where it is seen");
  await page.screenshot({ path: join(screenshots, "1366-no-webassembly.png") });
  assert.ok(await page.isDisabled("#check"), "nothing offered that cannot work");
  await done();
});

for (const viewport of Object.values(SCREENS)) {
  const tag = `${viewport.width}`;
  test(`at ${viewport.width}×${viewport.height} everything is reachable and nothing is cut off unreadably`, async () => {
    const { page, done } = await open(viewport);
    await page.selectOption("#example", { label: "bsc-mental-health-nursing.toml" });
    await page.click("#load-example");
    await page.waitForSelector("#results:not([hidden])");

    // No sideways scrolling of the whole page; wide tables scroll in their own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
    // The domain table's last column (its Values and gaps) can be brought into view.
    await page.locator("#domains thead th").last().scrollIntoViewIfNeeded();
    assert.ok(await inView(page, "#domains thead th:last-child"), "the last column of the domain table");
    // Menus whose choice is longer than they are wide say it whole in their title.
    for (const id of ["framework", "policy"]) {
      const [title, text] = await page.$eval(`#${id}`, (s) => [s.title, s.selectedOptions[0].textContent]);
      assert.equal(title, text, `#${id}'s title`);
    }
    // Every heatmap row heading carries its module's whole title.
    const cut = await page.$$eval("#heatmap tbody th", (ths) => ths.filter((th) => {
      const title = th.querySelector(".module-title");
      return title && title.scrollWidth > title.clientWidth && !th.title.includes(title.textContent);
    }).length);
    assert.equal(cut, 0);
    await page.locator("#results").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, `${tag}-results.png`) });
    await page.locator("#domains").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, `${tag}-domains.png`) });
    await page.locator("#heatmap").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, `${tag}-heatmap.png`) });
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(screenshots, `${tag}-top.png`) });
    await done();
  });
}

test("a long curriculum's heatmap scrolls in its own box, its codes and module names kept in view", async () => {
  const { page, done } = await open(SCREENS.narrow);
  const modules = Array.from({ length: 40 }, (_, i) =>
    `[[modules]]\ncode = "M${i + 1}"\ntitle = "Module ${i + 1}, with a title longer than the column"\n` +
    `[[modules.units]]\nid = "LO1"\ncovers = ["K${(i % 25) + 1}", "S${(i % 22) + 1}"]\n`);
  await page.fill("#source", `id = "long"\ntitle = "A long programme"\n\n${modules.join("\n")}`);
  await page.click("#check");
  await page.waitForSelector("#results:not([hidden])");
  await page.locator("#heatmap-heading").scrollIntoViewIfNeeded();
  const box = await page.$eval(".heatmap-wrap", (w) => {
    w.scrollTop = 300;
    w.scrollLeft = 300;
    const wrap = w.getBoundingClientRect();
    const code = w.querySelector("thead th.code").getBoundingClientRect();
    const corner = w.querySelector("thead th.corner").getBoundingClientRect();
    const row = w.querySelector("tbody tr:last-child th").getBoundingClientRect();
    return { scrolls: w.scrollHeight > w.clientHeight, wrapTop: wrap.top, wrapLeft: wrap.left, codeBottom: code.bottom,
      cornerLeft: corner.left, rowLeft: row.left, fitsScreen: wrap.height <= innerHeight };
  });
  assert.ok(box.scrolls && box.fitsScreen, "the heatmap scrolls inside a box no taller than the window");
  assert.ok(box.codeBottom > box.wrapTop, "the statement codes stay at the top of the box");
  assert.equal(box.cornerLeft, box.wrapLeft, "the corner stays at the left");
  assert.equal(box.rowLeft, box.wrapLeft, "the module names stay at the left");
  await page.screenshot({ path: join(screenshots, "1024-heatmap-long.png") });
  await done();
});

test("the evidence panel labels its numbers and names frameworks by their titles", async () => {
  const { page, done } = await open(SCREENS.narrow);
  await page.selectOption("#example", { label: "bsc-mental-health-nursing.toml" });
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  const codes = await page.$$eval("#heatmap thead button[data-code]", (bs) => bs.map((b) => b.dataset.code));
  const ids = waypost.frameworks().map((f) => f.id);
  for (const code of codes) {
    await page.click(`#heatmap thead button[data-code="${code}"]`);
    await page.waitForFunction((c) => document.querySelector("#evidence-code")?.textContent === c, code);
    const text = await page.textContent("#evidence-body");
    for (const id of ids) assert.ok(!text.includes(`${id}:`), `${code}: no raw id \`${id}:\` in the evidence`);
    assert.doesNotMatch(text, /· \d+\s*$/m, `${code}: no bare number after a dot`);
    const headings = await page.$$eval("#evidence-body h4", (hs) => hs.map((h) => h.textContent));
    for (const h of headings) assert.doesNotMatch(h, /\(\d+\)/, `${code}: a heading's number says what it counts`);
  }
  await page.screenshot({ path: join(screenshots, "1024-evidence.png") });
  await done();
});

test("by keyboard alone: choose an example, check it, open a statement's evidence", async () => {
  const { page, done } = await open(SCREENS.narrow);
  await page.focus("#example");
  await page.keyboard.press("ArrowDown");
  const chosen = await page.inputValue("#example");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "load-example");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#results:not([hidden])");
  assert.equal(await page.evaluate(() => document.activeElement.id), "results");
  assert.ok(chosen !== "");
  // Tab on from the results reaches the heatmap's statement buttons; Enter opens the evidence.
  let reached = null;
  for (let i = 0; i < 60 && !reached; i += 1) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.closest("#heatmap") ? document.activeElement.dataset.code : null);
  }
  assert.ok(reached, "the heatmap's statements are reached by Tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction((c) => document.querySelector("#evidence-code")?.textContent === c, reached);
  assert.equal(await page.evaluate(() => document.activeElement.id), "evidence", "the evidence panel takes the focus");
  await done();
});

test("axe-core finds no serious or critical violation, loaded and after a check", async () => {
  const { page, done } = await open(SCREENS.narrow, { bypassCSP: true });
  assert.deepEqual(await axeViolations(page), [], "the page as loaded");
  await page.selectOption("#example", { label: "bsc-mental-health-nursing.toml" });
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  await page.click("#heatmap thead button[data-code]");
  await page.waitForSelector("#evidence-code");
  assert.deepEqual(await axeViolations(page), [], "the page with a report and evidence");
  await page.setInputFiles("#file", join(root, "tests", "bad-input", "grid-bad-codes-and-levels.csv"));
  await page.waitForSelector("#error:not([hidden])");
  assert.deepEqual(await axeViolations(page), [], "the page with an error");
  await page.click("#view-plan");
  await page.click("#sa-load-example");
  await page.waitForSelector("#plan-results:not([hidden])");
  assert.deepEqual(await axeViolations(page), [], "the development plan");
  await done();
});
