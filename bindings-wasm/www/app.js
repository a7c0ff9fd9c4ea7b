// The coverage checker page. Every number, cell and sentence shown comes from the waypost
// report or explanation (the WebAssembly build of the Rust core); this file only draws them.
// It never sends anything anywhere: the page's Content-Security-Policy would stop it if it
// tried.
import init, * as waypost from "./pkg/waypost.js";
import {
  curricula as exampleCurricula,
  policies as examplePolicies,
  selfAssessments as exampleAssessments,
} from "./examples.js";
import { setUpPortfolioView } from "./portfolio.js";
import { setUpWorkbench, showWorkbench } from "./workbench.js";
import { setUpExpectView, setUpTeamView } from "./team.js";

const $ = (id) => document.getElementById(id);

/** Makes an element: el("p", { class: "x" }, "text", child). Text is always text, never HTML. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** waypost's messages put user input in backticks; show those parts as code. */
function prose(text) {
  return String(text)
    .split(/(`[^`]*`)/)
    .filter((part) => part !== "")
    .map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1
      ? el("code", {}, part.slice(1, -1))
      : part));
}

const state = {
  catalog: null, // the built-in frameworks and any opened in the page (a waypost.Catalog)
  name: null, // the file name of what is in the editor, if it came from a file or an example
  policy: { label: "", text: null, name: null },
  customPolicies: [],
  report: null,
  checked: null, // the text, name and options the report was made from
  workbook: null, // the workbook last opened: { name, bytes, text (the curriculum read from it) }
};

// ---------------------------------------------------------------------------------------------
// Start-up

/** The engine's bytes, from the data block the build puts in the page (the .wasm deflated, as
 * base64: see scripts/www.mjs); undefined where there is none, and then `init` loads the .wasm
 * beside the module. */
async function engineBytes() {
  const base64 = document.getElementById("waypost-engine")?.textContent.trim();
  if (!base64) return undefined;
  const packed = fromBase64(base64);
  const inflated = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

function fromBase64(base64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Says plainly that the page cannot work here, in place of "Loading…". */
function cannotStart(message) {
  $("fatal").textContent = message;
  $("fatal").hidden = false;
  setStatus(message);
  $("status").classList.add("fatal");
  for (const control of document.querySelectorAll("#form button, #form select, #form input, #form textarea")) {
    control.disabled = true;
  }
  document.documentElement.dataset.ready = "false";
}

async function start() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    cannotStart(
      "waypost cannot run in this browser: it needs WebAssembly, which is turned off or not " +
        "supported here. Open this file in a current version of Chrome, Edge, Firefox or Safari " +
        "(your IT team may have turned WebAssembly off).",
    );
    return;
  }
  if (typeof DecompressionStream !== "function") {
    cannotStart(
      "waypost cannot run in this browser: it is too old to unpack the engine. Open this file " +
        "in a current version of Chrome, Edge, Firefox or Safari.",
    );
    return;
  }
  const bytes = await engineBytes();
  await init(bytes ? { module_or_path: bytes } : undefined);
  $("version").textContent = waypost.version();
  waypost.shades().forEach((colour, i) => document.documentElement.style.setProperty(`--l${i + 1}`, colour));

  state.catalog = new waypost.Catalog();
  fillFrameworks();
  fillPolicies();
  for (const [i, example] of exampleCurricula.entries()) {
    $("example").append(el("option", { value: i }, example.name));
  }

  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  // A menu's choice can be longer than the menu is wide: its title shows it whole.
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement) titleSelect(event.target);
  });
  $("load-example").addEventListener("click", loadExample);
  $("file").addEventListener("change", () => openFile($("file").files?.[0]));
  $("framework-file").addEventListener("change", () => openFramework($("framework-file").files?.[0]));
  $("policy-file").addEventListener("change", () => openPolicy($("policy-file").files?.[0]));
  $("framework").addEventListener("change", rerun);
  $("policy").addEventListener("change", rerun);
  $("format").addEventListener("change", rerun);
  $("source").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  $("source").addEventListener("paste", () => {
    // Pasting over everything starts a new curriculum: forget the old file name.
    const s = $("source");
    if (s.value === "" || (s.selectionStart === 0 && s.selectionEnd === s.value.length)) {
      setName(null);
    }
  });
  setUpDrop();
  setUpViews();
  setUpPlanView();
  setUpPortfolioView({ el, prose, errorContent, download });
  const teamHelpers = { el, prose, errorContent, download, catalog: () => state.catalog, frameworkChoice: () => $("framework").value };
  setUpTeamView(teamHelpers);
  setUpExpectView(teamHelpers);
  setUpWorkbench({
    state, el, prose, showReport, showError, hideError, setStatus, reasonsText, download, selectedPolicy,
    frameworkChoice: () => $("framework").value,
    setSource: (text, name) => {
      $("source").value = text;
      setName(name);
      $("format").value = "";
    },
  });
  setStatus("Ready. Load an example, open a file, or paste a curriculum.");
  for (const select of document.querySelectorAll("select")) titleSelect(select);
  document.documentElement.dataset.ready = "true";
  performance.mark("waypost-ready");
}

/** The views, coverage first: one shown at a time, `#map`, `#plan`, `#portfolio`, `#team` or
 * `#expect` opens another. */
const VIEWS = ["coverage", "map", "plan", "portfolio", "team", "expect"];

function setUpViews() {
  for (const view of VIEWS) $(`view-${view}`).addEventListener("click", () => showView(view));
  const fromHash = () => VIEWS.find((view) => `#${view}` === location.hash) ?? "coverage";
  window.addEventListener("hashchange", () => showView(fromHash()));
  if (fromHash() !== "coverage") showView(fromHash());
}

function showView(name) {
  for (const view of VIEWS) {
    $(`${view}-view`).hidden = view !== name;
    $(`view-${view}`).setAttribute("aria-pressed", String(view === name));
  }
  // The report (and an error) shows under the workbench while mapping, and moves back after.
  const home = name === "map" ? $("wb-report") : $("results-home");
  if (home && $("results").parentElement !== home) home.append($("error"), $("results"));
  if (name === "map") showWorkbench();
  const wanted = name === "coverage" ? "" : `#${name}`;
  if (location.hash !== wanted) history.replaceState(null, "", wanted || location.pathname);
}

/** The framework menu: the curriculum's own, then every framework of the page's catalog (the
 * built-in ones and any opened here). */
function fillFrameworks(selected) {
  const select = $("framework");
  const current = selected ?? select.value;
  const list = state.catalog.frameworks();
  const fallback = list.find((f) => f.id === waypost.defaultFramework());
  select.replaceChildren(el("option", { value: "" },
    `The one the curriculum names${fallback ? ` (else ${frameworkName(fallback.id)})` : ""}`));
  for (const f of list) {
    const label = `${f.title}${f.year ? ` (${f.year})` : ""}, ${f.statements} statements`;
    select.append(el("option", { value: f.id, title: label }, label));
  }
  select.value = list.some((f) => f.id === current) ? current : "";
  titleSelect(select);
}

function titleSelect(select) {
  select.title = select.selectedOptions[0]?.textContent ?? "";
}

function fillPolicies() {
  const select = $("policy");
  const current = select.value;
  select.replaceChildren(el("option", { value: "" }, "Default: every statement at least introduced"));
  const all = [...examplePolicies.map((p) => ({ ...p, example: true })), ...state.customPolicies];
  for (const [i, p] of all.entries()) {
    const title = p.text.match(/^title\s*=\s*"([^"]*)"/m)?.[1];
    select.append(el("option", { value: String(i) }, title ? `${title} (${p.name})` : p.name));
  }
  select.value = [...select.options].some((o) => o.value === current) ? current : "";
  titleSelect(select);
  state.allPolicies = all;
}

function selectedPolicy() {
  const value = $("policy").value;
  return value === "" ? undefined : state.allPolicies[Number(value)]?.text;
}

function setStatus(text) {
  $("status").textContent = text;
}

/** The file name of what is in the editor; `from` is the workbook it was read from, if any. */
function setName(name, from) {
  state.name = name;
  $("source-name").textContent = from ? `(read from ${from})` : name ? `(${name})` : "";
}

// ---------------------------------------------------------------------------------------------
// Getting a curriculum in

function loadExample() {
  const example = exampleCurricula[Number($("example").value)];
  if (!example) return;
  if (example.base64 !== undefined) {
    openWorkbook(fromBase64(example.base64), example.name);
    return;
  }
  $("source").value = example.text;
  setName(example.name);
  $("format").value = "";
  run();
}

/** Spreadsheet workbooks, by their name: read as mapping grids, from their bytes. */
const WORKBOOK = /\.(xlsx|xlsm|xls|ods)$/i;

/** Whether a text is a framework rather than a curriculum: it has statements or domains and
 * no modules, in TOML, JSON or YAML. */
function looksLikeFramework(text) {
  const key = (name) => new RegExp(`^\\s*(\\[\\[${name}\\]\\]|${name}\\s*[:=])|"${name}"\\s*:`, "m").test(text);
  return (key("statements") || key("domains")) && !key("modules");
}

/** Opens a picked or dropped file: a curriculum (TOML, JSON, YAML, CSV grid, or a workbook
 * grid), or a framework, which joins the framework menu. */
async function openFile(file) {
  if (!file) return;
  if (WORKBOOK.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!frameworkGrid(bytes, file.name)) openWorkbook(bytes, file.name);
    return;
  }
  const text = await file.text();
  if (looksLikeFramework(text)) {
    addFramework(text, file.name);
    return;
  }
  if (/\.csv$/i.test(file.name) && frameworkGrid(text, file.name)) return;
  $("source").value = text;
  setName(file.name);
  $("format").value = "";
  run();
}

/** A workbook's mapping grid becomes a curriculum file in the editor (TOML, with a header
 * saying which workbook it came from), checked at once; a workbook that cannot be read shows
 * its error, located by sheet and cell. */
function openWorkbook(bytes, name) {
  let imported;
  try {
    imported = state.catalog.importGrid(bytes, { name, framework: $("framework").value || undefined });
  } catch (error) {
    showError(error, null, name);
    return;
  }
  // The workbench saves a grid it maps back into this workbook's layout.
  state.workbook = { name, bytes, text: imported.text };
  $("source").value = imported.text;
  setName(name.replace(WORKBOOK, ".toml"), name);
  $("format").value = "";
  run();
}

async function openFramework(file) {
  if (!file) return;
  if (WORKBOOK.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    addFramework(null, file.name, () => waypost.importFrameworkGrid(bytes, { name: file.name }).framework);
    return;
  }
  const text = await file.text();
  if (/\.csv$/i.test(file.name)) {
    addFramework(text, file.name, () => waypost.importFrameworkGrid(text, { name: file.name }).framework);
    return;
  }
  addFramework(text, file.name);
}

/** A CSV or workbook that is no mapping grid but a framework kept as a spreadsheet (a header
 * naming `code` and `text`) joins the framework menu; says whether it was one. */
function frameworkGrid(grid, name) {
  try {
    waypost.gridLayout(grid, name);
    return false; // a mapping grid: a curriculum
  } catch {
    // Not a mapping grid: a framework, if the core reads it as one.
  }
  let framework;
  try {
    framework = waypost.importFrameworkGrid(grid, { name }).framework;
  } catch {
    return false; // neither: opened as a curriculum, which says what its header lacks
  }
  addFramework(typeof grid === "string" ? grid : null, name, () => framework);
  return true;
}

/** Adds a framework file to the page's catalog, then selects it and checks again; `read`
 * gives the framework where the file is a framework spreadsheet. */
function addFramework(text, name, read) {
  let framework;
  try {
    framework = read ? read() : waypost.loadFramework(text, undefined, name);
    state.catalog.addFramework(read ? framework : text, undefined, name);
    frameworkCache.clear();
  } catch (error) {
    showError(error, text, name, "framework");
    return;
  }
  fillFrameworks(framework.id);
  setStatus(`Added the framework ${framework.title} from ${name}, and chose it.`);
  rerun();
}

async function openPolicy(file) {
  if (!file) return;
  const text = await file.text();
  state.customPolicies.push({ name: file.name, text });
  fillPolicies();
  $("policy").value = String(state.allPolicies.length - 1);
  rerun();
}

function setUpDrop() {
  const zone = $("dropzone");
  // A file dropped anywhere else would make the browser navigate away from the page.
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => event.preventDefault());
  }
  zone.addEventListener("dragenter", () => zone.classList.add("dragging"));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove("dragging");
  });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const file = event.dataTransfer?.files?.[0];
    if (file) openFile(file);
  });
}

// ---------------------------------------------------------------------------------------------
// Checking

/** Checks again after a change of framework or policy: the results change in place, and the
 * focus stays where the user is. */
function rerun() {
  if ($("source").value.trim() !== "") run({ reveal: false });
}

/** Checks the curriculum in the editor. With `reveal` (a check the user asked for), the
 * results are scrolled into view and take the focus, so a screen reader reads the verdict. */
function run({ reveal = true } = {}) {
  const text = $("source").value;
  if (text.trim() === "") {
    setStatus("Paste a curriculum, open a file, or load an example first.");
    $("source").focus();
    return;
  }
  const options = { framework: $("framework").value || undefined, policy: selectedPolicy() };
  if (state.name) options.name = state.name;
  if ($("format").value) options.format = $("format").value;
  const started = performance.now();
  let report;
  try {
    report = state.catalog.check(text, options);
  } catch (error) {
    showError(error, text);
    return;
  }
  state.report = report;
  state.checked = { text, options };
  hideError();
  showReport(report);
  const ms = Math.max(1, Math.round(performance.now() - started));
  setStatus(`Checked ${report.curriculum.title} in ${ms} ms.`);
  if (reveal) {
    const results = $("results");
    results.scrollIntoView({ block: "start" });
    results.focus({ preventScroll: true });
  }
  // A change made under the workbench (a suggestion mapped from the report) reaches its grid.
  if (!$("map-view").hidden) showWorkbench();
}

// ---------------------------------------------------------------------------------------------
// Errors: the located problem, with its line highlighted in a view of the text as typed

function hideError() {
  $("error").hidden = true;
  $("error-body").replaceChildren();
}

/** Shows why a curriculum (or, with `what`, a framework) could not be read or checked. `text`
 * is what was read, null for a workbook; `name` the file's name, if it came from a file. */
function showError(error, text, name = state.name, what = "curriculum") {
  $("results").hidden = true;
  const body = $("error-body");
  const inEditor = what === "curriculum" && text !== null;
  $("error-heading").textContent = `This ${what} could not be ${inEditor ? "checked" : "read"}`;
  body.replaceChildren(
    name ? el("p", { class: "error-file" }, "In ", el("code", {}, name), inEditor ? "" : " (not opened: the editor is unchanged)") : null,
    ...errorContent(error, text ?? "", inEditor ? "source" : null, { cells: text === null }));
  $("error").hidden = false;
  const count = Array.isArray(error?.diagnostics) ? error.diagnostics.length : 0;
  const problems = count > 1 ? `${count} problems` : "a problem";
  setStatus(inEditor
    ? `Not checked: ${problems} in the curriculum. Your text is unchanged.`
    : `Not opened: ${problems} in ${name ?? `the ${what}`}.`);
  $("error").scrollIntoView({ block: "nearest" });
  body.querySelector(".error-line")?.scrollIntoView({ block: "nearest" });
}

/** Each located problem (line, column, key, hint), and the text as given with the problem
 * lines marked; "Go to line" selects the line in the editor `sourceId`, if there is one. */
function errorContent(error, text, sourceId, { cells = false } = {}) {
  const diagnostics = Array.isArray(error?.diagnostics) ? error.diagnostics : [];
  const content = [];
  if (diagnostics.length === 0) {
    const [message, ...hints] = String(error?.message ?? error).split("\n  hint: ");
    content.push(el("p", { class: "message" }, prose(message)));
    for (const hint of hints) content.push(el("p", { class: "hint" }, "Hint: ", prose(hint)));
  }
  const problems = el("ol", { class: "problems" });
  for (const d of diagnostics) {
    const where = [d.path, d.line, d.column].filter((x) => x !== undefined && x !== null).join(":");
    problems.append(el(
      "li",
      {},
      el("p", { class: "message" },
        // A workbook's problem is in a cell, named as the spreadsheet names it (`Mapping!A3`).
        cells && d.pointer ? el("span", { class: "where" }, "cell ", el("code", {}, d.pointer)) : null,
        !cells && where ? el("span", { class: "where" }, d.line ? `line ${d.line}${d.column ? `, column ${d.column}` : ""}` : where) : null,
        !cells && d.pointer ? el("span", { class: "pointer" }, "at ", el("code", {}, d.pointer)) : null,
        el("span", {}, prose(d.message))),
      d.hint ? el("p", { class: "hint" }, "Hint: ", prose(d.hint)) : null,
      d.line && sourceId
        ? el("button", { type: "button", class: "link", onclick: () => selectLine(sourceId, d.line) }, `Go to line ${d.line} in the editor`)
        : null,
    ));
  }
  if (diagnostics.length) content.push(problems);
  if (text && diagnostics.some((d) => d.line)) content.push(sourceView(text, diagnostics));
  return content;
}

/** The text as typed, numbered, the lines with problems marked. */
function sourceView(text, diagnostics) {
  const byLine = new Map();
  for (const d of diagnostics) {
    if (!d.line) continue;
    byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  }
  const lines = text.split(/\r?\n/);
  const view = el("div", { class: "source-view", role: "group", "aria-label": "The text as you gave it, with the problem lines marked" });
  const list = el("ol", {});
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const problems = byLine.get(n);
    const item = el("li", { value: n, class: problems ? "error-line" : null, dataset: { line: n } },
      el("span", { class: "code" }, line === "" ? " " : line));
    if (problems) {
      item.setAttribute("aria-label", `line ${n}, with a problem: ${line}`);
      for (const d of problems) {
        item.append(el("span", { class: "caret", "aria-hidden": "true" },
          `${" ".repeat(Math.max(0, (d.column ?? 1) - 1))}^ ${d.message}`));
      }
    }
    list.append(item);
  }
  view.append(list);
  return view;
}

/** Selects a line in an editor, so the user can fix it where they typed it. */
function selectLine(sourceId, line) {
  const source = $(sourceId);
  const lines = source.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const end = start + (lines[line - 1]?.length ?? 0);
  source.focus();
  source.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 18;
  source.scrollTop = Math.max(0, (line - 4) * lineHeight);
}

// ---------------------------------------------------------------------------------------------
// The report

/** The heatmap class of a level: its shade comes from the engine, as in the HTML report. */
const shadeClasses = new Map(); // the core's shade of a level on a scale, asked once each

function levelClass(report, level) {
  const key = `${report.levels.join("\u0000")}\u0001${level ?? ""}`;
  if (!shadeClasses.has(key)) {
    const shade = waypost.levelShade(report.levels, level ?? undefined);
    shadeClasses.set(key, shade ? `lvl-${shade}` : "lvl-none");
  }
  return shadeClasses.get(key);
}

function levelMark(level) {
  return level ? level.charAt(0).toUpperCase() : "";
}

function showReport(report) {
  $("results").hidden = false;
  const c = report.curriculum;
  $("results-heading").textContent = c.title;
  $("results-sub").textContent = [
    c.provider,
    c.version,
    `${c.modules} modules, ${c.units} units`,
    `checked against ${report.framework.title}`,
  ].filter(Boolean).join(" · ");
  const verdict = $("verdict");
  verdict.className = `verdict ${report.passed ? "pass" : "fail"}`;
  verdict.replaceChildren(
    el("strong", {}, report.passed ? "Policy passed" : "Policy not met"),
    el("span", {}, report.policy.title ?? ""),
  );
  showStats(report);
  showWarnings(report);
  showDomains(report);
  showPolicy(report);
  showHeatmap(report);
  showGaps(report);
  showUnmapped(report);
  showDownloads(report);
  $("evidence-body").replaceChildren(el("p", { class: "muted" },
    "Choose a statement in the heatmap or the gaps to see why it is covered, or what would help."));
}

function showStats(report) {
  const s = report.summary;
  const share = (n) => (s.statements ? `${Math.round((n / s.statements) * 100)}%` : "");
  const stat = (id, value, label, note, cls) =>
    el("div", { class: `stat ${cls ?? ""}` },
      el("span", { class: "value", id: `stat-${id}` }, String(value)),
      el("span", { class: "label" }, label),
      note ? el("span", { class: "note" }, note) : null);
  $("stats").replaceChildren(
    stat("statements", s.statements, "statements in the framework"),
    stat("covered", s.covered, "covered at any level", share(s.covered)),
    stat("assessed", s.assessed, `reach ${report.levels.at(-1) ?? "the top level"}`, share(s.assessed)),
    stat("gaps", s.gaps, "gaps: covered nowhere", share(s.gaps), s.gaps ? "warn" : "ok"),
  );
}

function showWarnings(report) {
  const box = $("warnings");
  box.replaceChildren();
  if (!report.warnings?.length) return;
  box.append(el("section", { class: "card notice", "aria-label": "Warnings" },
    el("h3", {}, `${report.warnings.length} warning${report.warnings.length > 1 ? "s" : ""}`),
    el("ul", {}, report.warnings.map((w) => el("li", {},
      w.line ? `line ${w.line}: ` : "", prose(w.message), w.hint ? el("span", { class: "hint" }, " Hint: ", prose(w.hint)) : null)))));
}

function showDomains(report) {
  const table = $("domains");
  const head = el("tr", {}, el("th", { scope: "col" }, "Domain"), el("th", { scope: "col" }, "Statements"),
    report.levels.map((l) => el("th", { scope: "col" }, el("span", { class: `swatch ${levelClass(report, l)}`, "aria-hidden": "true" }), l)),
    el("th", { scope: "col" }, "Covered"), el("th", { scope: "col" }, "Gaps"));
  const row = (id, name, d, total) => el("tr", { dataset: { domain: id } },
    el("th", { scope: "row" }, name),
    el("td", { dataset: { field: "total" } }, total),
    report.levels.map((l) => el("td", { dataset: { field: l } }, d.by_level[l] ?? 0)),
    el("td", { dataset: { field: "covered" } }, d.covered),
    el("td", { dataset: { field: "gaps" }, class: d.gaps ? "gap-count" : null }, d.gaps));
  table.replaceChildren(
    el("thead", {}, head),
    el("tbody", {}, report.domains.map((d) => row(d.id, d.name, d, d.total))),
    el("tfoot", {}, row("all", "All", report.summary, report.summary.statements)),
  );
}

function showPolicy(report) {
  $("policy-outcome").replaceChildren(...report.policy.requirements.map((r) => el("li", { class: r.passed ? "pass" : "fail" },
    el("span", { class: "mark", "aria-hidden": "true" }, r.passed ? "✓" : "✗"),
    el("span", { class: "sr-only" }, r.passed ? "Met: " : "Not met: "),
    el("span", {}, prose(r.description)),
    el("span", { class: "muted" }, ` ${r.met} of ${r.total}`),
    !r.passed && r.short.length ? el("span", { class: "short" }, ` short: ${r.short.join(", ")}`) : null)));
}

/** The parents whose children the heatmap hides (folded into the parent's column). */
const folded = new Set();

function showHeatmap(report) {
  const legend = $("legend");
  legend.replaceChildren(
    ...report.levels.map((l) => el("span", { class: "key" }, el("span", { class: `swatch ${levelClass(report, l)}` }, levelMark(l)), l)),
    el("span", { class: "key" }, el("span", { class: "swatch lvl-none" }), "not covered"),
  );
  const byCode = new Map(report.statements.map((s) => [s.code, s]));
  const underFolded = (s) => {
    for (let p = s.parent, n = 0; p && n < report.statements.length; p = byCode.get(p)?.parent, n += 1) {
      if (folded.has(p)) return true;
    }
    return false;
  };
  const statements = report.statements.filter((s) => !underFolded(s));
  // A folded parent's cell in a module shows the highest level the module reaches on it or
  // on any statement under it.
  const rank = (level) => report.levels.indexOf(level);
  const moduleLevel = (m, s) => {
    const own = m.reaches?.[s.code] ?? null;
    if (!folded.has(s.code)) return own;
    let best = own;
    const stack = [...(s.derived?.children ?? [])];
    for (let n = 0; stack.length && n < report.statements.length; n += 1) {
      const code = stack.pop();
      const level = m.reaches?.[code];
      if (level && (best === null || rank(level) > rank(best))) best = level;
      stack.push(...(byCode.get(code)?.derived?.children ?? []));
    }
    return best;
  };
  const foldButton = (s) => s.derived
    ? el("button", {
        type: "button",
        class: "fold",
        "aria-expanded": String(!folded.has(s.code)),
        title: `${folded.has(s.code) ? "Unfold" : "Fold"} the ${s.derived.children.length} statements under ${s.code}`,
        dataset: { fold: s.code },
        onclick: () => {
          if (folded.has(s.code)) folded.delete(s.code);
          else folded.add(s.code);
          showHeatmap(report);
          // The table is drawn anew: the focus goes back to the same button, so a keyboard
          // user can fold and unfold again without looking for it.
          $("heatmap").querySelector(`button.fold[data-fold="${CSS.escape(s.code)}"]`)?.focus();
        },
      }, folded.has(s.code) ? "▸" : "▾")
    : null;
  const domains = [];
  for (const s of statements) {
    const last = domains.at(-1);
    if (last && last.id === s.domain) last.count += 1;
    else domains.push({ id: s.domain, count: 1, name: report.domains.find((d) => d.id === s.domain)?.name ?? s.domain });
  }
  const domainRow = el("tr", {}, el("td", { class: "corner" }),
    domains.map((d) => el("th", { scope: "colgroup", colspan: d.count, class: "domain", title: d.name }, d.name)));
  const codeRow = el("tr", {}, el("th", { scope: "col", class: "corner" }, "Module"),
    statements.map((s) => el("th", { scope: "col", class: `code ${s.level ? "" : "is-gap"}` },
      foldButton(s),
      el("button", { type: "button", title: `${s.code}: ${s.label}`, dataset: { code: s.code }, onclick: () => explainStatement(s.code) }, s.code))));

  const cell = (module, s, level) => el("td", {
    class: levelClass(report, level),
    title: `${module}, ${s.code} ${s.label}: ${level ?? "not covered"}`,
    dataset: { code: s.code },
  }, el("span", { "aria-hidden": "true" }, levelMark(level)), level ? el("span", { class: "sr-only" }, level) : null);

  const overall = el("tr", { class: "overall" },
    el("th", { scope: "row" }, "Whole curriculum"),
    statements.map((s) => cell("whole curriculum", s, s.level)));
  const rows = (report.modules ?? []).map((m) => el("tr", { dataset: { module: m.code } },
    el("th", { scope: "row", title: m.title ?? m.code }, el("span", { class: "module-code" }, m.code), m.title ? el("span", { class: "module-title" }, m.title) : null),
    statements.map((s) => cell(m.code, s, moduleLevel(m, s)))));
  const table = $("heatmap");
  table.replaceChildren(el("thead", {}, domainRow, codeRow), el("tbody", {}, overall, rows));
  table.onclick = (event) => {
    const td = event.target.closest("td[data-code]");
    if (td) explainStatement(td.dataset.code);
  };
}

function supportList(supports) {
  if (!supports.length) return el("p", { class: "muted" }, "No activity or resource is linked to it yet.");
  return el("ul", { class: "supports" }, supports.map((s) => el("li", {},
    el("span", { class: `kind ${s.kind}` }, s.kind === "activity" ? "Activity" : "Resource"),
    el("strong", {}, s.code), " ", s.title,
    s.provenance === "curated" ? el("span", { class: "tag", title: "Linked by this project, not by the published framework" }, "curated") : null,
    s.via ? el("span", { class: "muted" }, ` (via ${s.via})`) : null,
    s.url ? el("span", { class: "url" }, " ", s.url) : null)));
}

function showGaps(report) {
  const gaps = report.gaps;
  $("gaps-help").textContent = gaps.length
    ? `${gaps.length} statement${gaps.length > 1 ? "s are" : " is"} covered by no unit or assessment. Open one to see its published text and what would help.`
    : "Every statement is covered somewhere.";
  const byDomain = report.domains.map((d) => ({ d, gaps: gaps.filter((g) => g.domain === d.id) })).filter((x) => x.gaps.length);
  $("gaps").replaceChildren(...byDomain.map(({ d, gaps: list }) => el("div", { class: "gap-domain" },
    el("h4", {}, `${d.name}: ${list.length} gap${list.length === 1 ? "" : "s"}`),
    list.map((g) => el("details", { class: "gap", dataset: { code: g.code } },
      el("summary", {}, el("strong", {}, g.code), " ", g.label,
        el("span", { class: "muted" }, ` · ${g.supports.length} suggestion${g.supports.length === 1 ? "" : "s"}`)),
      el("blockquote", {}, g.text),
      el("h5", {}, "What would help"),
      supportList(g.supports),
      el("button", { type: "button", class: "link", onclick: () => explainStatement(g.code) }, `Show ${g.code} in the evidence panel`))))));
}

function showUnmapped(report) {
  const list = report.unmapped_units ?? [];
  $("unmapped-section").hidden = list.length === 0;
  const box = $("unmapped");
  const token = (state.unmappedShown = (state.unmappedShown ?? 0) + 1);
  const items = list.map((u) => el("li", { class: "unmapped-unit", dataset: { unit: `${u.module}/${u.unit}` } },
    el("p", { class: "unit-head" }, el("strong", {}, `${u.module} ${u.unit}`), ` (${u.kind}) `, u.text ?? ""),
    el("p", { class: "muted" }, "Finding suggestions…")));
  box.replaceChildren(...items);
  box.dataset.ready = String(list.length === 0);
  if (!list.length) return;
  // The proposals take a moment (the core learns from the curriculum's own mappings), so they
  // follow the report rather than hold it up; a newer report's proposals replace these.
  setTimeout(() => {
    if (token !== state.unmappedShown) return;
    const proposals = unitSuggestions();
    list.forEach((u, i) => items[i].lastChild.replaceWith(proposalList(u, proposals?.get(`${u.module}/${u.unit}`))));
    box.dataset.ready = "true";
  }, 0);
}

/** The core's proposals for the units that map nothing, by `MODULE/UNIT`, from the framework the
 * curriculum's codes are read against; null when they could not be made. */
function unitSuggestions() {
  const { text, options } = state.checked;
  const read = { name: options.name, format: options.format };
  try {
    const framework = state.catalog.validate(text, { ...read, framework: options.framework }).framework;
    const all = state.catalog.suggestCurriculum(text, { ...read, framework, top: 3, minScore: 0 });
    return new Map(all.units.map((u) => [`${u.module}/${u.unit}`, u.suggestions]));
  } catch (error) {
    console.warn("no suggestions:", error);
    return null;
  }
}

function proposalList(unit, suggestions) {
  if (!unit.text) return el("p", { class: "muted" }, "No text to suggest statements from: give the unit a ", el("code", {}, "text"), ".");
  if (!suggestions) return el("p", { class: "muted" }, "No suggestions could be made for this unit.");
  if (!suggestions.length) {
    return el("p", { class: "muted" }, "No statement shares a word with this text: it may be outside the framework.");
  }
  const where = `${unit.module} ${unit.unit}`;
  return el("div", { class: "proposals", role: "group", "aria-label": `Suggested statements for ${where}, for you to confirm` },
    el("p", { class: "proposal-tag" }, "Suggested, not mapped"),
    el("ol", {}, suggestions.map((s) => {
      // The core flags a weak suggestion; it is shown, but never offered as a one-click mapping.
      const weak = s.weak;
      return el("li", { class: `proposal${weak ? " weak" : ""}`, dataset: { code: s.code } },
        el("span", { class: "proposal-main" },
          el("strong", {}, s.code), " ", s.label,
          el("span", { class: "score", title: "How strongly the text points to the statement, from 0 towards 1" }, `score ${s.score.toFixed(2)}`),
          weak ? el("span", { class: "weak-tag" }, "weak: probably outside the framework") : null),
        el("span", { class: "reasons" }, "Matched: ", reasonsText(s.reasons)),
        // Nothing below the weak threshold is offered as a mapping, not even to copy.
        weak ? null : el("span", { class: "actions" },
          el("button", { type: "button", class: "small", dataset: { action: "copy" }, "aria-label": `Copy ${s.code}, suggested for ${where}`, onclick: (event) => copyCode(s.code, event.currentTarget) }, `Copy ${s.code}`),
          el("button", { type: "button", class: "small", dataset: { action: "map" }, "aria-label": `Map ${s.code} to ${where} in the editor`, onclick: () => mapSuggestion(unit, s.code) }, "Map it in the editor")));
    })));
}

/** `hope (word), optimism (synonym of “optimism”)`: what each reason matched, in a few words. */
function reasonsText(reasons) {
  return reasons
    .map((r) => {
      if (r.kind === "example") return `${r.text}, says “${r.matched}”`;
      return r.text === r.matched ? `${r.text} (${r.kind})` : `${r.text} (${r.kind}: “${r.matched}”)`;
    })
    .join(", ");
}

async function copyCode(code, button) {
  try {
    await navigator.clipboard.writeText(code);
    setStatus(`Copied ${code}. Add it to the unit's covers once you have confirmed it.`);
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = `Copy ${code}`; }, 1500);
  } catch {
    setStatus(`This browser did not allow copying: the code is ${code}.`);
  }
}

/** Adds a confirmed suggestion to the curriculum in the editor, through the core's lossless edit
 * (TOML only): every other line stays as written. */
function mapSuggestion(unit, code) {
  const { text, options } = state.checked;
  const source = $("source");
  if (source.value !== text) {
    setStatus("The text has changed since it was checked: check it again first.");
    return;
  }
  let mapped;
  try {
    mapped = state.catalog.map(text, `${unit.module}/${unit.unit}`, [`+${code}`], options.name);
  } catch (error) {
    setStatus(`Not mapped: ${String(error.message).split("\n  hint: ").join(". ")}`);
    return;
  }
  source.value = mapped;
  run({ reveal: false });
  setStatus(`Mapped ${code} to ${unit.module} ${unit.unit} in the editor; the rest of the text is as it was. Save it to keep it.`);
}

/** A framework of the page's catalog by id, kept once read; null for one it does not hold. */
const frameworkCache = new Map();
function frameworkOf(id) {
  if (!frameworkCache.has(id)) {
    try {
      frameworkCache.set(id, state.catalog.framework(id));
    } catch {
      frameworkCache.set(id, null);
    }
  }
  return frameworkCache.get(id);
}

function frameworkName(id) {
  const f = frameworkOf(id);
  return f ? (f.short_title ?? f.title) : id;
}

/** A statement of another framework, by its qualified id (`framework:code`), as a person reads
 * it: `M3 Its label (Guiding Statement on Recovery)`. */
function statementName(qualified) {
  const at = qualified.lastIndexOf(":");
  if (at < 0) return qualified;
  const id = qualified.slice(0, at);
  const code = qualified.slice(at + 1);
  const label = frameworkOf(id)?.statements?.find((s) => s.code === code)?.label;
  return `${code}${label ? ` ${label}` : ""} (${frameworkName(id)})`;
}

/** Where a statement is published: `page 12 of Realising Recovery`, or its section as given. */
function publishedAt(page, framework) {
  if (!page) return "";
  return `${/^\d+$/.test(page) ? `page ${page}` : page} of ${frameworkName(framework)}`;
}

function explainStatement(code) {
  if (!state.checked) return;
  const { text, options } = state.checked;
  let x;
  try {
    x = state.catalog.explain(text, code, { framework: options.framework, name: options.name, format: options.format });
  } catch (error) {
    $("evidence-body").replaceChildren(el("p", { class: "message" }, prose(error.message)));
    return;
  }
  const report = state.report;
  const cov = x.coverage;
  const s = x.statement;
  // Each piece of evidence names its unit by its index in the explanation's `units`.
  const units = cov.units.map((e) => {
    const u = x.units[e.unit_index];
    return el("li", {},
      el("span", { class: `badge ${levelClass(report, e.level)}` }, e.level),
      el("strong", {}, u.module), u.module_title ? ` ${u.module_title}` : "",
      " › ", el("strong", {}, u.unit), ` (${u.kind})`,
      u.text ? el("div", { class: "unit-text" }, u.text) : null,
      el("div", { class: "muted" },
        `mapped ${e.mapped}`,
        u.assessed_by?.length ? `; assessed by ${u.assessed_by.join(", ")}, so it counts as ${e.level}` : "",
        e.via ? `; via the crosswalk from ${statementName(e.via.statement)} (${e.via.match} match)` : ""));
  });
  $("evidence-body").replaceChildren(el("div", {},
    el("p", { class: "statement-head" },
      el("span", { class: `badge ${levelClass(report, cov.level)}` }, cov.level ?? "gap"),
      el("strong", { id: "evidence-code" }, s.code), " ", s.label),
    el("p", { class: "muted" }, `Domain: ${s.domain}`, s.page ? ` · published on ${publishedAt(s.page, x.framework)}` : ""),
    el("blockquote", {}, s.text, s.items?.length ? el("ul", {}, s.items.map((i) => el("li", {}, i))) : null),
    el("h4", {}, cov.units.length
      ? `Evidence: ${cov.units.length === 1 ? "1 unit or assessment reaches" : `${cov.units.length} units or assessments reach`} it`
      : "Evidence"),
    cov.units.length ? el("ul", { class: "units" }, units) : el("p", {}, "Nothing in the curriculum covers this statement."),
    cov.related?.length ? el("p", { class: "muted" }, "Related via the crosswalk (not counted here): ",
      cov.related.map((r) => `${statementName(r.statement)}: ${r.match} match${r.level ? `, ${r.level}` : ""}`).join("; ")) : null,
    el("h4", {}, cov.level ? "Activities and resources" : "What would help"),
    supportList(x.supports),
    x.related.length ? el("div", {}, el("h4", {}, "Related statements"),
      el("ul", {}, x.related.map((r) => el("li", {}, el("button", { type: "button", class: "link", onclick: () => explainStatement(r.code) }, r.code), ` ${r.label}: ${r.level ?? "gap"}`)))) : null,
    x.crosswalk.length ? el("div", {}, el("h4", {}, "Crosswalk"),
      el("ul", {}, x.crosswalk.map((m) => el("li", {}, `${statementName(m.statement)}: ${m.match} match${m.counts ? ", counts here" : ""}`)))) : null,
  ));
  const panel = $("evidence");
  panel.scrollIntoView({ block: "nearest", behavior: "smooth" });
  panel.focus({ preventScroll: true });
}

function showDownloads(report) {
  const formats = [
    ["json", "JSON", "application/json"],
    ["markdown", "Markdown", "text/markdown"],
    ["html", "HTML page", "text/html"],
    ["csv", "CSV matrix", "text/csv"],
    ["text", "Text", "text/plain"],
    ["xlsx", "Excel workbook", XLSX_TYPE],
  ];
  const ext = { json: "json", markdown: "md", html: "html", csv: "csv", text: "txt", xlsx: "xlsx" };
  const box = $("downloads");
  box.replaceChildren();
  // Which formats this build of the core renders is found once; each download is rendered when
  // asked for, so a report redrawn on every edit in the workbench does not render them all.
  state.renders ??= formats.filter(([format]) => {
    try {
      waypost.render(report, format);
      return true;
    } catch {
      return false;
    }
  }).map(([format]) => format);
  for (const [format, label, type] of formats.filter(([f]) => state.renders.includes(f))) {
    box.append(el("button", {
      type: "button",
      dataset: { format },
      onclick: () => download(`${report.curriculum.id}-coverage.${ext[format]}`, renderReport(report, format), type),
    }, `Download ${label}`));
  }
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A report in a format; the workbook (bytes) holds the curriculum checked as a mapping grid
 * too, so it opens again in this page, or in `waypost check`, as the same curriculum. */
function renderReport(report, format) {
  if (format !== "xlsx") return waypost.render(report, format);
  let curriculum;
  if (state.checked) {
    const { text, options } = state.checked;
    try {
      curriculum = waypost.loadCurriculum(text, options.format, options.name);
    } catch {
      curriculum = undefined;
    }
  }
  return waypost.render(report, format, curriculum);
}

function download(filename, body, type) {
  // Text is written as UTF-8; a workbook's bytes as they are.
  const blobType = typeof body === "string" ? `${type};charset=utf-8` : type;
  const url = URL.createObjectURL(new Blob([body], { type: blobType }));
  const a = el("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------------------------
// The development plan view: a self-assessment (a file, pasted text, or the form) becomes a plan

const planState = {
  name: null, // the file name of the self-assessment in the editor
  source: null, // what the last plan was made from: { text, name } or { object }
  plan: null,
};

function setUpPlanView() {
  for (const [i, example] of exampleAssessments.entries()) {
    $("sa-example").append(el("option", { value: i }, example.name));
  }
  $("sa-load-example").addEventListener("click", () => {
    const example = exampleAssessments[Number($("sa-example").value)];
    if (!example) return;
    $("sa-source").value = example.text;
    setAssessmentName(example.name);
    $("sa-target").value = "";
    makePlan();
  });
  $("sa-file").addEventListener("change", async () => {
    const file = $("sa-file").files?.[0];
    if (!file) return;
    $("sa-source").value = await file.text();
    setAssessmentName(file.name);
    $("sa-target").value = "";
    makePlan();
  });
  $("plan-form").addEventListener("submit", (event) => {
    event.preventDefault();
    makePlan();
  });
  $("sa-source").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      makePlan();
    }
  });
  $("sa-source").addEventListener("paste", () => {
    const s = $("sa-source");
    if (s.value === "" || (s.selectionStart === 0 && s.selectionEnd === s.value.length)) setAssessmentName(null);
  });
  $("sa-target").addEventListener("change", replan);
  $("sa-unrated").addEventListener("change", replan);
  fillTargets(waypost.defaultScale());

  for (const f of waypost.frameworks()) {
    $("saf-framework").append(el("option", { value: f.id }, `${f.title} (${f.year})`));
  }
  $("saf-framework").value = waypost.defaultFramework();
  $("saf-framework").addEventListener("change", buildForm);
  buildForm();
  $("sa-form").addEventListener("submit", (event) => {
    event.preventDefault();
    planFromForm();
  });
  $("saf-download").addEventListener("click", () => {
    const object = formAssessment();
    if (!object) return;
    download("self-assessment.json", `${JSON.stringify(object, null, 2)}\n`, "application/json");
  });
  setPlanStatus("Load the example, open or paste a self-assessment, or fill in the form.");
}

function setPlanStatus(text) {
  $("plan-status").textContent = text;
}

function setAssessmentName(name) {
  planState.name = name;
  $("sa-name").textContent = name ? `(${name})` : "";
}

/** The target choices: the scale of the last plan (or the default scale), lowest first. */
function fillTargets(scale) {
  const select = $("sa-target");
  const current = select.value;
  select.replaceChildren(el("option", { value: "" }, "The self-assessment's own target"),
    ...scale.map((level) => el("option", { value: level }, level)));
  select.value = scale.includes(current) ? current : "";
}

/** The form: a level (or none) for every statement of the chosen framework, by domain. */
function buildForm() {
  const framework = waypost.framework($("saf-framework").value);
  const scale = waypost.defaultScale();
  const box = $("saf-statements");
  box.replaceChildren(...framework.domains.map((d) => {
    const statements = framework.statements.filter((s) => s.domain === d.id);
    if (!statements.length) return null;
    return el("fieldset", { class: "saf-domain" },
      el("legend", {}, `${d.name} (${statements.length} statements)`),
      statements.map((s) => el("div", { class: "saf-row" },
        el("label", { for: `saf-${s.code}`, title: s.text }, el("strong", {}, s.code), " ", s.label),
        el("select", { id: `saf-${s.code}`, dataset: { code: s.code } },
          el("option", { value: "" }, "not rated"),
          scale.map((level) => el("option", { value: level }, level))))));
  }).filter(Boolean));
}

/** The form as a self-assessment object, or null (with the reason shown) when it is not ready. */
function formAssessment() {
  const name = $("saf-name").value.trim();
  if (!name) {
    setPlanStatus("Give your name in the form first: the plan is made for a person.");
    $("saf-name").focus();
    return null;
  }
  const ratings = {};
  for (const select of $("saf-statements").querySelectorAll("select")) {
    if (select.value) ratings[select.dataset.code] = select.value;
  }
  const object = { framework: $("saf-framework").value, name, ratings };
  const role = $("saf-role").value.trim();
  if (role) object.role = role;
  return object;
}

function makePlan() {
  const text = $("sa-source").value;
  if (text.trim() === "") {
    setPlanStatus("Paste a self-assessment, open a file, or load the example first.");
    $("sa-source").focus();
    return;
  }
  planState.source = { text, name: planState.name };
  planFrom(planState.source);
}

function planFromForm() {
  const object = formAssessment();
  if (!object) return;
  if (!Object.keys(object.ratings).length) {
    setPlanStatus("Rate at least one statement in the form first.");
    $("saf-statements").querySelector("select")?.focus();
    return;
  }
  planState.source = { object };
  // The form is long: bring the plan made from it into view.
  if (planFrom(planState.source)) $("plan-results").scrollIntoView({ block: "start" });
}

function replan() {
  if (planState.source) planFrom(planState.source);
}

function planFrom(source) {
  const options = {};
  if (source.name) options.name = source.name;
  if ($("sa-target").value) options.target = $("sa-target").value;
  if ($("sa-unrated").checked) options.includeUnrated = true;
  const started = performance.now();
  let plan;
  try {
    plan = waypost.plan(source.object ?? source.text, options);
  } catch (error) {
    showPlanError(error, source);
    return null;
  }
  planState.plan = plan;
  $("plan-error").hidden = true;
  fillTargets(plan.scale);
  showPlan(plan);
  const ms = Math.max(1, Math.round(performance.now() - started));
  setPlanStatus(`Planned ${plan.needs.length} needs for ${plan.person.name} in ${ms} ms.`);
  return plan;
}

function showPlanError(error, source) {
  $("plan-results").hidden = true;
  const fromEditor = source.text !== undefined;
  const text = fromEditor ? source.text : JSON.stringify(source.object, null, 2);
  const body = $("plan-error-body");
  body.replaceChildren(...errorContent(error, text, fromEditor ? "sa-source" : null));
  $("plan-error").hidden = false;
  setPlanStatus("No plan: the self-assessment has a problem. Your text is unchanged.");
  body.querySelector(".error-line")?.scrollIntoView({ block: "nearest" });
}

function showPlan(plan) {
  $("plan-results").hidden = false;
  const p = plan.person;
  $("plan-heading").textContent = `Development plan for ${p.name}${p.role ? ` (${p.role})` : ""}`;
  $("plan-sub").textContent = [
    plan.framework.short_title ?? plan.framework.title,
    p.date ? `self-assessment of ${p.date}` : null,
    p.supervisor ? `supervisor ${p.supervisor}` : null,
  ].filter(Boolean).join(" · ");
  const s = plan.summary;
  const stat = (id, value, label, note, cls) => el("div", { class: `stat ${cls ?? ""}` },
    el("span", { class: "value", id: `plan-stat-${id}` }, String(value)),
    el("span", { class: "label" }, label),
    note ? el("span", { class: "note" }, note) : null);
  $("plan-stats").replaceChildren(
    stat("target", plan.target, "target level", plan.scale.join(" < ")),
    stat("below", s.below, "statements below target: the needs", `of ${s.statements}`, s.below ? "warn" : "ok"),
    stat("met", s.met, "at or above target"),
    stat("unrated", s.unrated, "not rated", s.unrated && plan.needs.length > s.below ? "planned for as needs" : null),
  );
  $("plan-needs").replaceChildren(...plan.needs.map((n) => el("li", { class: "need", dataset: { code: n.code } },
    el("details", {},
      el("summary", {},
        el("strong", {}, n.code), " ", n.label,
        el("span", { class: "muted" }, ` · rated ${n.level ?? "not rated"}`,
          n.steps ? `, ${n.steps} step${n.steps === 1 ? "" : "s"} below` : "",
          ` · its activities help ${n.unlocks} other need${n.unlocks === 1 ? "" : "s"}`)),
      el("p", { class: "muted" }, `${n.domain_name} · ${n.theme}`),
      el("blockquote", {}, n.text),
      n.note ? el("p", { class: "note" }, el("strong", {}, "Note: "), n.note) : null,
      el("h5", {}, "What helps"),
      supportList(n.supports),
      n.also_helps.length ? el("p", { class: "muted" }, "The same activities and resources also help ", n.also_helps.join(", "), ".") : null))));
  $("plan-activities").replaceChildren(...plan.activities.map((a) => el("li", {},
    el("span", { class: `kind ${a.kind}` }, a.kind === "activity" ? "Activity" : "Resource"),
    el("strong", {}, a.code), " ", a.label ?? a.title,
    a.label ? el("div", { class: "muted" }, a.title) : null,
    a.url ? el("div", { class: "url" }, a.url) : null,
    el("div", { class: "helps" }, `Helps ${a.needs.length}: `,
      a.needs.map((n) => (n.via ? `${n.code} (via ${n.via})` : n.code)).join(", ")))));
  $("plan-groups").replaceChildren(...plan.groups.map((g) => el("div", { class: "plan-group" },
    el("h4", {}, g.name),
    el("ul", {}, g.themes.map((t) => el("li", {}, el("span", { class: "theme" }, t.theme), ": ",
      t.needs.flatMap((code, i) => [i ? ", " : "",
        el("button", { type: "button", class: "link", onclick: () => openNeed(code) }, code)])))))));
  $("plan-met").textContent = plan.met.length
    ? plan.met.map((r) => `${r.code} (${r.level})`).join(", ")
    : "None yet.";
  $("plan-unrated").textContent = plan.unrated.length ? `Not rated (${plan.unrated.length}): ${plan.unrated.join(", ")}` : "";
  showPlanDownloads(plan);
}

function openNeed(code) {
  const details = document.querySelector(`#plan-needs li[data-code="${CSS.escape(code)}"] details`);
  if (!details) return;
  details.open = true;
  const summary = details.querySelector("summary");
  summary.scrollIntoView({ block: "nearest", behavior: "smooth" });
  summary.focus({ preventScroll: true });
}

function showPlanDownloads(plan) {
  const formats = [
    ["markdown", "Markdown", "text/markdown", "md"],
    ["html", "HTML page", "text/html", "html"],
    ["json", "JSON", "application/json", "json"],
    ["text", "Text", "text/plain", "txt"],
  ];
  const slug = plan.person.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "plan";
  $("plan-downloads").replaceChildren(...formats.map(([format, label, type, ext]) => el("button", {
    type: "button",
    dataset: { format },
    onclick: () => download(`development-plan-${slug}.${ext}`, waypost.renderPlan(plan, format), type),
  }, `Download ${label}`)));
}

start().catch((error) => {
  cannotStart(`waypost could not start: ${error.message}`);
  console.error(error);
});
