// End-to-end tests in Debian's Chromium, driven by playwright-core: the shared suite against
// the web build, and the page as a programme lead uses it. The page (`/` is the single-file
// waypost.html) and the repository are served by a small static server on 127.0.0.1; every
// request the browser makes is recorded, and the last test fails if any went anywhere else.
//
// node --test tests/browser.test.mjs   (after build.sh; WAYPOST_WWW names the built page)
import assert from "node:assert/strict";
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const www = process.env.WAYPOST_WWW ?? join(root, "target", "www");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const waypost = createRequire(import.meta.url)("../pkg/node/waypost.js");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
};

/** Serves `/` from the built page and `/repo/` from the repository, nothing outside them. */
function serve(request, response) {
  const url = new URL(request.url, "http://127.0.0.1");
  const path = decodeURIComponent(url.pathname);
  if (path.startsWith("/__list/")) {
    const dir = normalize(join(root, path.slice("/__list/".length)));
    if (!dir.startsWith(root + sep)) return void response.writeHead(403).end();
    response.writeHead(200, { "content-type": TYPES[".json"] });
    return void response.end(JSON.stringify(readdirSync(dir).sort()));
  }
  const [base, rest] = path.startsWith("/repo/") ? [root, path.slice(6)] : [www, path.slice(1) || "waypost.html"];
  const file = normalize(join(base, rest));
  if (!file.startsWith(base + sep) && file !== base) return void response.writeHead(403).end();
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return void response.writeHead(404).end();
  }
  if (!stats.isFile()) return void response.writeHead(404).end();
  response.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "text/plain; charset=utf-8",
    "cache-control": "no-store",
  });
  createReadStream(file).pipe(response);
}

let server;
let origin;
let context;
let profile;
const requests = [];

before(async () => {
  server = createServer(serve);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), "waypost-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context.on("request", (r) => requests.push(r.url()));
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openPage() {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(`${origin}/`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 20000 });
  return { page, problems };
}

const numberIn = async (page, selector) => Number((await page.textContent(selector)).trim());

test("the shared suite passes in Chromium against the web build", async () => {
  const page = await context.newPage();
  await page.goto(`${origin}/repo/bindings-wasm/tests/browser.html`);
  await page.waitForFunction(() => window.__results, null, { timeout: 60000 });
  const results = await page.evaluate(() => window.__results);
  const failed = results.filter((r) => !r.passed);
  assert.deepEqual(failed, [], "every test of the suite passes in the browser");
  assert.ok(results.length >= 26, `${results.length} tests ran in the browser`);
  await page.close();
});

test("the page checks an example and shows the core's numbers", async () => {
  const { page, problems } = await openPage();
  const name = "bsc-mental-health-nursing.toml";
  const text = readFileSync(join(root, "curricula", "examples", name), "utf8");
  assert.equal(await page.inputValue("#framework"), "", "the curriculum's own framework");
  const framework = "realising-recovery-2007";
  await page.selectOption("#framework", framework);
  const report = waypost.check(text, { name, framework });

  await page.selectOption("#example", { label: name });
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  assert.equal(await page.inputValue("#source"), text, "the example is in the editor");
  assert.equal((await page.textContent("#results-heading")).trim(), report.curriculum.title);

  // The big numbers and the table per domain.
  for (const key of ["statements", "covered", "assessed", "gaps"]) {
    assert.equal(await numberIn(page, `#stat-${key}`), report.summary[key], key);
  }
  for (const d of report.domains) {
    for (const field of ["total", "covered", "gaps", ...report.levels]) {
      const expected = field === "total" ? d.total : field in d ? d[field] : d.by_level[field];
      const shown = await numberIn(page, `#domains tr[data-domain="${d.id}"] td[data-field="${field}"]`);
      assert.equal(shown, expected, `${d.id} ${field}`);
    }
  }
  assert.equal(await numberIn(page, '#domains tr[data-domain="all"] td[data-field="gaps"]'), report.summary.gaps);

  // The heatmap: a row per module (and one for the whole curriculum), a cell per statement,
  // each cell coloured by the level the core reports.
  const rows = await page.$$eval("#heatmap tbody tr", (trs) => trs.length);
  assert.equal(rows, report.modules.length + 1);
  const cells = await page.$$eval("#heatmap tbody td", (tds) => tds.length);
  assert.equal(cells, (report.modules.length + 1) * report.statements.length);
  const reached = report.modules.reduce((n, m) => n + Object.keys(m.reaches).length, 0);
  const coloured = await page.$$eval("#heatmap tbody tr[data-module] td:not(.lvl-none)", (tds) => tds.length);
  assert.equal(coloured, reached, "one coloured cell per module and statement reached");
  const legend = await page.textContent("#legend");
  for (const level of report.levels) assert.ok(legend.includes(level), `the legend names ${level}`);

  // The gaps with their labels.
  assert.equal(await page.$$eval("#gaps details.gap", (d) => d.length), report.gaps.length);
  const firstGap = report.gaps[0];
  assert.ok((await page.textContent(`#gaps details[data-code="${firstGap.code}"] summary`)).includes(firstGap.label));

  // The evidence behind a statement, on click.
  const covered = report.statements.find((s) => s.units.length > 0);
  await page.click(`#heatmap th.code button[data-code="${covered.code}"]`);
  await page.waitForSelector("#evidence-code");
  assert.equal((await page.textContent("#evidence-code")).trim(), covered.code);
  const explanation = waypost.explain(text, covered.code, { name, framework });
  assert.equal(await page.$$eval("#evidence ul.units > li", (li) => li.length), explanation.coverage.units.length);
  // Each piece of evidence is shown with its unit, which the explanation lists once by index.
  const items = await page.$$eval("#evidence ul.units > li", (li) => li.map((x) => x.textContent));
  explanation.coverage.units.forEach((e, i) => {
    const unit = explanation.units[e.unit_index];
    assert.ok(items[i].includes(`${unit.module}`) && items[i].includes(` › ${unit.unit} (${unit.kind})`), items[i]);
    assert.ok(items[i].includes(`mapped ${e.mapped}`), items[i]);
  });

  // The downloaded JSON is byte for byte the core's.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('#downloads button[data-format="json"]'),
  ]);
  const saved = readFileSync(await download.path(), "utf8");
  assert.equal(saved, waypost.render(report, "json"));
  const [markdown] = await Promise.all([
    page.waitForEvent("download"),
    page.click('#downloads button[data-format="markdown"]'),
  ]);
  assert.equal(readFileSync(await markdown.path(), "utf8"), waypost.render(report, "markdown"));

  await page.click(`#gaps details[data-code="${firstGap.code}"] summary`);
  await page.screenshot({ path: join(www, "screenshot.png"), fullPage: true });
  await page.click(`#heatmap th.code button[data-code="${firstGap.code}"]`);
  await page.locator("#heatmap-heading").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(www, "screenshot-heatmap.png") });
  assert.deepEqual(problems, [], "no errors in the console");
  await page.close();
});

test("a bad file shows its located error, with the line marked, and keeps the text", async () => {
  const { page } = await openPage();
  const name = "near-miss-code.toml";
  const path = join(root, "tests", "bad-input", name);
  const text = readFileSync(path, "utf8");
  const expected = JSON.parse(readFileSync(`${path}.expected.json`, "utf8")).diagnostics[0];

  await page.setInputFiles("#file", path);
  await page.waitForSelector("#error:not([hidden])");
  const message = await page.textContent("#error");
  assert.ok(message.includes(`line ${expected.line}, column ${expected.column}`), message);
  assert.ok(message.includes("did you mean"), "the hint is shown");
  const marked = await page.$$eval("#error .error-line", (lis) => lis.map((li) => Number(li.dataset.line)));
  assert.deepEqual(marked, [expected.line]);
  const line = text.split("\n")[expected.line - 1];
  assert.ok((await page.textContent("#error .error-line .code")).includes(line));
  assert.equal(await page.inputValue("#source"), text, "what was loaded is kept");
  assert.ok(await page.isHidden("#results"));

  // "Go to line" selects the line in the editor, where it can be fixed.
  await page.click("#error button.link");
  const selected = await page.$eval("#source", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, line);
  await page.screenshot({ path: join(www, "screenshot-error.png") });

  // Typed text with a syntax error: the error, and the text exactly as typed.
  const typed = 'id = "typed"\ntitle = "Typed by hand"\n\n[[modules]\ncode = "M1"\n';
  await page.fill("#source", typed);
  await page.focus("#source");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => document.querySelector("#error .error-line")?.dataset.line === "4");
  assert.equal(await page.inputValue("#source"), typed);
  await page.close();
});

test("a file dropped on the editor is checked; the keyboard reaches every control", async () => {
  const { page } = await openPage();
  const name = "recovery-awareness-day.csv";
  const text = readFileSync(join(root, "curricula", "examples", name), "utf8");
  const data = await page.evaluateHandle(
    ([body, fileName]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([body], fileName, { type: "text/csv" }));
      return transfer;
    },
    [text, name],
  );
  await page.dispatchEvent("#dropzone", "drop", { dataTransfer: data });
  await page.waitForSelector("#results:not([hidden])");
  const report = waypost.check(text, { name });
  assert.equal(await numberIn(page, "#stat-covered"), report.summary.covered);
  assert.equal((await page.textContent("#source-name")).trim(), `(${name})`);

  // Tab order reaches the controls in reading order, each with a label.
  const unlabelled = await page.$$eval("select, input, textarea", (els) =>
    els.filter((e) => !e.labels?.length).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  await page.focus("#framework");
  const order = [];
  for (let i = 0; i < 10; i++) {
    order.push(await page.evaluate(() => document.activeElement?.id));
    await page.keyboard.press("Tab");
  }
  for (const id of ["framework", "framework-file", "policy", "example", "load-example", "file", "format", "check"]) {
    assert.ok(order.includes(id), `${id} is reached with Tab (${order.join(", ")})`);
  }
  // A statement's evidence opens from the keyboard.
  await page.focus(`#heatmap th.code button[data-code="${report.gaps[0].code}"]`);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#evidence-code");
  assert.equal((await page.textContent("#evidence-code")).trim(), report.gaps[0].code);

  // The example policy is applied when chosen.
  await page.selectOption("#policy", { index: 1 });
  await page.waitForFunction(() => document.querySelectorAll("#policy-outcome li").length > 1);
  await page.close();
});

test("suggestions appear beside the unmapped units, as proposals, and map on request", async () => {
  const { page, problems } = await openPage();
  const name = "bsc-mental-health-nursing.toml";
  const text = readFileSync(join(root, "curricula", "examples", name), "utf8");
  await page.selectOption("#example", { label: name });
  await page.click("#load-example");
  await page.waitForSelector("#unmapped-section:not([hidden])");
  await page.waitForSelector("#unmapped[data-ready=true]");

  // The page's proposals are the Node build's, unit by unit.
  const report = waypost.check(text, { name });
  const framework = waypost.validate(text, { name }).framework;
  const expected = waypost.suggestCurriculum(text, { name, framework, top: 3, minScore: 0 });
  assert.ok(report.unmapped_units.length > 0, "the example has units mapped to nothing");
  assert.equal(await page.$$eval("#unmapped li.unmapped-unit", (li) => li.length), report.unmapped_units.length);
  for (const u of expected.units) {
    const codes = await page.$$eval(`#unmapped li[data-unit="${u.module}/${u.unit}"] li.proposal`,
      (li) => li.map((x) => x.dataset.code));
    assert.deepEqual(codes, u.suggestions.map((s) => s.code), `${u.module}/${u.unit}`);
    const weak = await page.$$eval(`#unmapped li[data-unit="${u.module}/${u.unit}"] li.proposal.weak`, (li) => li.length);
    assert.equal(weak, u.suggestions.filter((s) => s.weak).length, "weak ones are marked");
    const mappable = await page.$$eval(`#unmapped li[data-unit="${u.module}/${u.unit}"] li.proposal button[data-action="map"]`, (b) => b.length);
    assert.equal(mappable, u.suggestions.filter((s) => !s.weak).length, "no one-click mapping for a weak one");
    const offered = await page.$$eval(`#unmapped li[data-unit="${u.module}/${u.unit}"] li.proposal.weak button`, (b) => b.length);
    assert.equal(offered, 0, "a weak one is not offered to copy either");
  }
  const first = expected.units[0];
  const shown = await page.textContent(`#unmapped li[data-unit="${first.module}/${first.unit}"] li.proposal`);
  assert.ok(shown.includes(`score ${first.suggestions[0].score.toFixed(2)}`), shown);
  assert.ok(shown.includes("Matched: "), "the reasons are shown");
  assert.match(await page.textContent("#unmapped-help"), /proposals for a person to confirm/);
  assert.match(await page.textContent(`#unmapped li[data-unit="${first.module}/${first.unit}"] .proposal-tag`), /not mapped/i);
  await page.locator("#unmapped-heading").scrollIntoViewIfNeeded();
  await page.locator("#unmapped-section").screenshot({ path: join(www, "screenshot-suggestions.png") });

  // A unit the framework does cover gets a strong proposal; mapping it edits only its line.
  const typed = [
    'id = "short"', 'title = "Short course"', "", "# Week one", "[[modules]]", 'code = "M1"', "",
    "[[modules.units]]", 'id = "LO1"', 'text = "Convey hope to people in distress"', "",
    "[[modules.units]]", 'id = "LO2"', 'text = "Explain what recovery means"', 'covers = ["K1"]', "",
  ].join("\n");
  await page.fill("#source", typed);
  await page.click("#check");
  await page.waitForSelector('#unmapped li[data-unit="M1/LO1"] li.proposal');
  const top = waypost.suggest("Convey hope to people in distress", { top: 1 })[0];
  assert.equal(await page.getAttribute('#unmapped li[data-unit="M1/LO1"] li.proposal', "data-code"), top.code);
  assert.ok(top.score >= waypost.weakBelow());
  assert.equal(await page.getAttribute('#unmapped li[data-unit="M1/LO1"] li.proposal', "class"), "proposal",
    "a strong proposal is not marked weak");
  await page.locator("#unmapped-section").screenshot({ path: join(www, "screenshot-suggestions-typed.png") });
  await page.click(`#unmapped li[data-unit="M1/LO1"] li.proposal[data-code="${top.code}"] button[data-action="map"]`);
  await page.waitForFunction(() => document.querySelector("#unmapped-section").hidden);
  const mapped = await page.inputValue("#source");
  assert.equal(mapped, waypost.map(typed, "M1/LO1", [`+${top.code}`]));
  const kept = typed.split("\n").filter((line) => mapped.split("\n").includes(line)).length;
  assert.equal(kept, typed.split("\n").length, "every line typed is still there");
  assert.match(await page.textContent("#status"), new RegExp(`Mapped ${top.code} to M1 LO1`));
  assert.deepEqual(problems, [], "no errors in the console");
  await page.close();
});

test("the plan view plans the example self-assessment as the Node build does", async () => {
  const { page, problems } = await openPage();
  const name = "alex-staff-nurse.toml";
  const text = readFileSync(join(root, "tests", "plan", name), "utf8");
  const plan = waypost.plan(text, { name });

  await page.click("#view-plan");
  assert.ok(await page.isHidden("#coverage-view"));
  assert.equal(await page.getAttribute("#view-plan", "aria-pressed"), "true");
  await page.selectOption("#sa-example", { label: name });
  await page.click("#sa-load-example");
  await page.waitForSelector("#plan-results:not([hidden])");
  assert.equal(await page.inputValue("#sa-source"), text, "the example is in the editor");
  assert.equal((await page.textContent("#plan-heading")).trim(), `Development plan for ${plan.person.name} (${plan.person.role})`);
  assert.equal(await page.getAttribute("#plan-needs li.need", "data-code"), plan.needs[0].code, "the same first need");
  assert.deepEqual(await page.$$eval("#plan-needs li.need", (li) => li.map((x) => x.dataset.code)),
    plan.needs.map((n) => n.code), "the same needs in the same order");
  for (const key of ["below", "met", "unrated"]) {
    assert.equal(await numberIn(page, `#plan-stat-${key}`), plan.summary[key], key);
  }
  assert.equal(await page.$$eval("#plan-activities > li", (li) => li.length), plan.activities.length);

  await page.$eval("#plan-results", (e) => e.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(www, "screenshot-plan.png") });

  // A need opens to its text, its note and what helps.
  const need = plan.needs.find((n) => n.note) ?? plan.needs[0];
  await page.click(`#plan-groups button:text-is("${need.code}")`);
  const opened = await page.textContent(`#plan-needs li[data-code="${need.code}"] details[open]`);
  assert.ok(opened.includes(need.text.slice(0, 40)), "the published text");
  if (need.note) assert.ok(opened.includes(need.note), "the worker's note");
  await page.locator(`#plan-needs li[data-code="${need.code}"]`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(www, "screenshot-plan-need.png") });

  // Downloads are the core's renders.
  for (const format of ["markdown", "html"]) {
    const [saved] = await Promise.all([
      page.waitForEvent("download"),
      page.click(`#plan-downloads button[data-format="${format}"]`),
    ]);
    assert.equal(readFileSync(await saved.path(), "utf8"), waypost.renderPlan(plan, format), format);
  }

  // Another target re-plans at once.
  await page.selectOption("#sa-target", "expert");
  const expert = waypost.plan(text, { name, target: "expert" });
  await page.waitForFunction((n) => document.querySelector("#plan-stat-below")?.textContent === String(n), expert.summary.below);
  assert.equal(await page.getAttribute("#plan-needs li.need", "data-code"), expert.needs[0].code);
  assert.deepEqual(problems, [], "no errors in the console");
  await page.close();
});

test("the plan form makes a plan; a bad self-assessment shows its located error", async () => {
  const { page, problems } = await openPage();
  await page.goto(`${origin}/#plan`);
  await page.waitForSelector("html[data-ready=true]");
  assert.ok(await page.isVisible("#plan-view"), "#plan opens the plan view");

  // The form, by keyboard: open it, a name, and a level for a few statements.
  await page.focus("#saf-details > summary");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#saf-name", { state: "visible" });
  await page.focus("#saf-name");
  await page.keyboard.type("Robin Lee");
  const ratings = { K4: "aware", S10: "none", V9: "expert", S1: "developing" };
  for (const [code, level] of Object.entries(ratings)) await page.selectOption(`#saf-${code}`, level);
  await page.focus("#saf-make");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#plan-results:not([hidden])");
  const plan = waypost.plan({ framework: "realising-recovery-2007", name: "Robin Lee", ratings });
  assert.deepEqual(await page.$$eval("#plan-needs li.need", (li) => li.map((x) => x.dataset.code)), plan.needs.map((n) => n.code));
  assert.equal(await numberIn(page, "#plan-stat-met"), plan.summary.met);
  await page.locator("#saf-heading").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(www, "screenshot-plan-form.png") });
  await page.locator("#plan-results").scrollIntoViewIfNeeded();

  // A self-assessment with unknown codes and levels: each problem located, the text kept.
  const name = "unknown-codes-and-levels.toml";
  const path = join(root, "tests", "plan", "bad", name);
  const text = readFileSync(path, "utf8");
  await page.setInputFiles("#sa-file", path);
  await page.waitForSelector("#plan-error:not([hidden])");
  assert.ok(await page.isHidden("#plan-results"));
  const marked = await page.$$eval("#plan-error .error-line", (lis) => lis.map((li) => Number(li.dataset.line)));
  assert.deepEqual(marked, [5, 6, 7, 8]);
  assert.match(await page.textContent("#plan-error"), /did you mean S12\?/);
  assert.equal(await page.inputValue("#sa-source"), text, "what was loaded is kept");
  await page.click("#plan-error button.link");
  const selected = await page.$eval("#sa-source", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, text.split("\n")[4]);

  const unlabelled = await page.$$eval("#plan-view select, #plan-view input, #plan-view textarea",
    (els) => els.filter((e) => !e.labels?.length).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  assert.deepEqual(problems, [], "no errors in the console");
  await page.close();
});

test("no request left 127.0.0.1", () => {
  assert.ok(requests.length > 0, "requests were recorded");
  const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("blob:") && !url.startsWith("data:"));
  assert.deepEqual(elsewhere, []);
});
