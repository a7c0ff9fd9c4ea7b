// The portfolio view: many courses against one framework, for staff who fund training across
// providers. Every number, list and cell comes from the engine's portfolio (`waypost.portfolio`,
// the same analysis as `waypost portfolio`); this file reads the files given and draws.
import * as waypost from "./pkg/waypost.js";
import { portfolio as examplePortfolio } from "./examples.js";

const $ = (id) => document.getElementById(id);

/** The page's helpers (from app.js): el, prose, errorContent, download. */
let ui;

const state = {
  items: [], // what was last opened: [{ name, text }] in the order the portfolio reads them
  portfolio: null,
};

/** Hooks the view up; `helpers` are the page's own drawing helpers, so both views draw alike. */
export function setUpPortfolioView(helpers) {
  ui = helpers;
  const { el } = ui;
  const select = $("pf-framework");
  for (const f of waypost.frameworks()) {
    // The short title, so the choice fits the box; the whole title on hover.
    const short = waypost.framework(f.id).short_title ?? f.title;
    select.append(el("option", { value: f.id, title: `${f.title}, ${f.statements} statements` }, `${short} (${f.year})`));
  }
  select.value = waypost.defaultFramework();
  select.addEventListener("change", () => state.items.length && analyse());
  $("pf-load-example").addEventListener("click", () => open(examplePortfolio.map((f) => ({ ...f })), "the example portfolio"));
  $("pf-folder").addEventListener("change", async (event) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
    input.value = "";
    await openFolder(files);
  });
  $("pf-files").addEventListener("change", async (event) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = "";
    // Files picked one by one are each read, whatever their names, as the command line reads
    // the files it is given.
    await openRead(files.map((file) => ({ file, name: file.name })), `${files.length} file${files.length === 1 ? "" : "s"}`);
  });
  setUpDrop();
  setStatus("Open a folder of curricula or several files, or load the example portfolio.");
}

function setStatus(text) {
  $("pf-status").textContent = text;
}

// ---------------------------------------------------------------------------------------------
// Getting the courses in

/** How a file is read for the engine: as text (TOML, JSON, YAML, CSV). Once the binding reads
 * workbook bytes, a workbook is one more line here, returning its bytes instead of its text;
 * `folderFiles` already lists workbooks in a folder wherever the engine reads them. */
async function readItem(file, name) {
  return { name, text: await file.text() };
}

async function openRead(list, what) {
  if (!list.length) return;
  setStatus(`Reading ${what}…`);
  let items;
  try {
    items = await Promise.all(list.map(({ file, name }) => readItem(file, name)));
  } catch (error) {
    setStatus(`Could not read the files: ${error.message}`);
    return;
  }
  open(items, what);
}

/**
 * A folder's files, `{ file, path }` with `path` its place under the folder's parent (a picked
 * folder's `webkitRelativePath`, `courses/a.toml`). The engine says which of them a portfolio
 * of the folder reads, and in which order, as the command line would read the folder.
 */
async function openFolder(files) {
  if (!files.length) return;
  const byFolder = new Map();
  for (const f of files) {
    const [top, ...rest] = f.path.split("/");
    const folder = rest.length ? top : "";
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    byFolder.get(folder).push(f);
  }
  const chosen = [];
  for (const folder of [...byFolder.keys()].sort()) {
    const inside = new Map(byFolder.get(folder).map((f) => [folder ? f.path.slice(folder.length + 1) : f.path, f]));
    for (const path of waypost.folderFiles([...inside.keys()])) {
      chosen.push({ file: inside.get(path).file, name: folder ? `${folder}/${path}` : path });
    }
  }
  const folders = [...byFolder.keys()].filter(Boolean);
  const what = folders.length === 1 ? `the folder ${folders[0]}` : `${folders.length || "the"} folders`;
  if (!chosen.length) {
    setStatus(`No curriculum file (TOML, JSON, YAML or CSV) in ${what}.`);
    return;
  }
  await openRead(chosen, what);
}

function setUpDrop() {
  const zone = $("pf-dropzone");
  zone.addEventListener("dragenter", () => zone.classList.add("dragging"));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove("dragging");
  });
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    event.stopPropagation();
    zone.classList.remove("dragging");
    const entries = [...(event.dataTransfer?.items ?? [])]
      .filter((item) => item.kind === "file")
      .map((item) => item.webkitGetAsEntry?.())
      .filter(Boolean);
    if (entries.some((entry) => entry.isDirectory)) {
      // Dropped folders are searched as a picked folder is; dropped files are read as given.
      const files = [];
      for (const entry of entries) await walk(entry, files);
      await openFolder(files);
    } else {
      const files = [...(event.dataTransfer?.files ?? [])];
      await openRead(files.map((file) => ({ file, name: file.name })), `${files.length} file${files.length === 1 ? "" : "s"}`);
    }
  });
}

/** Every file under a dropped entry, `{ file, path }`, its path starting at the entry's name. */
async function walk(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ file, path: entry.fullPath.replace(/^\//, "") });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    // readEntries gives a folder's entries a batch at a time, until an empty batch.
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walk(child, out);
  }
}

function open(items, what) {
  state.items = items;
  state.what = what;
  const p = analyse();
  // Bring what was found into view: the files left out first, when there are any.
  if (p) $(p.failures.length ? "pf-failures" : "pf-results").scrollIntoView({ block: "start" });
}

// ---------------------------------------------------------------------------------------------
// The analysis

function analyse() {
  const framework = $("pf-framework").value || undefined;
  const started = performance.now();
  let p;
  try {
    p = waypost.portfolio(state.items, { framework });
  } catch (error) {
    // Only the call itself can fail here (an unknown framework): files that fail are in the
    // portfolio's failures.
    setStatus(`Not analysed: ${String(error.message).split("\n  hint: ").join(". ")}`);
    return null;
  }
  state.portfolio = p;
  const ms = Math.max(1, Math.round(performance.now() - started));
  showFailures(p);
  showPortfolio(p);
  const failed = p.failures.length;
  setStatus(`Analysed ${p.courses.length} course${p.courses.length === 1 ? "" : "s"} from ${state.what} in ${ms} ms` +
    (failed ? `; ${failed} file${failed === 1 ? "" : "s"} could not be read (listed below).` : "."));
  return p;
}

function showFailures(p) {
  const { el } = ui;
  const box = $("pf-failures");
  box.hidden = p.failures.length === 0;
  const n = p.failures.length;
  $("pf-failures-heading").textContent = `${n} file${n === 1 ? "" : "s"} left out of the portfolio`;
  const texts = new Map(state.items.map((item) => [item.name, item.text]));
  $("pf-failures-body").replaceChildren(...p.failures.map((f) => el("details", { class: "pf-failure", open: n <= 3, dataset: { path: f.path } },
    el("summary", {}, el("strong", {}, f.path), " ", el("span", { class: "muted" }, ui.prose(firstProblem(f.error)))),
    ui.errorContent(f.error, texts.get(f.path) ?? "", null))));
}

/** The first problem of an error in a few words, with where it is: `line 3, column 7: …`. */
function firstProblem(error) {
  const d = error.diagnostics?.[0];
  if (!d) return String(error.message).split("\n")[0];
  const where = d.line ? `line ${d.line}${d.column ? `, column ${d.column}` : ""}: ` : "";
  return `${where}${d.message}`;
}

/** The heatmap class of a level: its shade comes from the engine, as in the coverage view. */
function levelClass(p, level) {
  const shade = waypost.levelShade(p.levels, level ?? undefined);
  return shade ? `lvl-${shade}` : "lvl-none";
}

const mark = (level) => (level ? level.charAt(0).toUpperCase() : "");
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A course's name for people: its title (a course without one goes by its id). */
const courseName = (c) => c.title || c.id;

function showPortfolio(p) {
  const { el } = ui;
  $("pf-results").hidden = p.courses.length === 0 && p.failures.length > 0;
  const total = p.statements.length;
  $("pf-results-heading").textContent = `Portfolio coverage of ${p.framework.short_title ?? p.framework.title}: ${plural(p.courses.length, "course")}`;
  $("pf-results-sub").textContent = [
    `${plural(p.providers.length, "provider")}`,
    `${plural(total, "statement")} in the framework`,
    p.failures.length ? `${plural(p.failures.length, "file")} left out` : null,
  ].filter(Boolean).join(" · ");
  const share = (n) => (total ? `${Math.round((n / total) * 100)}% of ${total}` : "");
  const covered = total - p.uncovered.length;
  const assessed = total - p.unassessed.length;
  const stat = (id, value, label, note, cls) => el("div", { class: `stat ${cls ?? ""}` },
    el("span", { class: "value", id: `pf-stat-${id}` }, String(value)),
    el("span", { class: "label" }, label),
    note ? el("span", { class: "note" }, note) : null);
  $("pf-stats").replaceChildren(
    stat("courses", p.courses.length, "courses analysed", p.failures.length ? `${p.failures.length} left out` : null),
    stat("covered", covered, "statements some course covers", share(covered)),
    stat("uncovered", p.uncovered.length, "covered by no course", share(p.uncovered.length), p.uncovered.length ? "warn" : "ok"),
    stat("unassessed", p.unassessed.length, "assessed by no course", `${assessed} assessed somewhere`, p.unassessed.length ? "warn" : "ok"),
  );
  const byCode = new Map(p.statements.map((s) => [s.code, s]));
  const codes = (id, list, empty) => {
    const box = $(id);
    box.replaceChildren(...(list.length
      ? list.map((code) => el("li", { dataset: { code } }, el("strong", {}, code), " ", byCode.get(code)?.label ?? ""))
      : [el("li", { class: "muted none" }, empty)]));
  };
  $("pf-uncovered-heading").textContent = `Covered by no course (${p.uncovered.length} of ${total})`;
  codes("pf-uncovered", p.uncovered, "Every statement is covered by at least one course.");
  $("pf-unassessed-heading").textContent = `Assessed by no course (${p.unassessed.length} of ${total})`;
  $("pf-unassessed-help").textContent = `No course takes these as far as ${p.levels.at(-1) ?? "the top level"}; the statements no course covers are among them.`;
  codes("pf-unassessed", p.unassessed, "Every statement is assessed by at least one course.");
  $("pf-introduced-heading").textContent = `Only ever introduced (${p.introduced_only.length})`;
  codes("pf-introduced", p.introduced_only, "None: every statement covered is taken further than introduced somewhere.");
  $("pf-single-heading").textContent = `Covered by one course only (${p.single_course.length})`;
  codes("pf-single", p.single_course, "None.");
  showMatrix(p);
  showCourses(p);
  showProviders(p);
  showDownloads(p);
}

function showMatrix(p) {
  const { el } = ui;
  $("pf-legend").replaceChildren(
    ...p.levels.map((l) => el("span", { class: "key" }, el("span", { class: `swatch ${levelClass(p, l)}` }, mark(l)), l)),
    el("span", { class: "key" }, el("span", { class: "swatch lvl-none" }), "not covered"),
  );
  const domains = new Map(waypost.framework(p.framework.id).domains.map((d) => [d.id, d.name]));
  const head = el("tr", {},
    el("th", { scope: "col", class: "pf-corner" }, "Statement"),
    el("th", { scope: "col", class: "pf-course pf-all", title: "The highest level any course reaches" }, "All courses"),
    p.courses.map((c, i) => el("th", { scope: "col", class: "pf-course", title: [courseName(c), c.provider, c.path].filter(Boolean).join("\n"), dataset: { course: i } },
      el("span", { class: "pf-course-name" }, courseName(c)))));
  const width = p.courses.length + 2;
  const rows = [];
  let domain = null;
  for (const s of p.statements) {
    if (s.domain !== domain) {
      domain = s.domain;
      rows.push(el("tr", { class: "pf-domain" }, el("th", { scope: "rowgroup", colspan: width }, domains.get(s.domain) ?? s.domain)));
    }
    const cell = (course, level) => el("td", { class: levelClass(p, level), title: `${s.code} ${s.label}, ${course}: ${level ?? "not covered"}` },
      el("span", { "aria-hidden": "true" }, mark(level)), el("span", { class: "sr-only" }, level ?? "not covered"));
    rows.push(el("tr", { dataset: { code: s.code }, class: s.level ? null : "pf-uncovered-row" },
      el("th", { scope: "row", title: `${s.code}: ${s.label}` }, el("span", { class: "pf-code" }, s.code), " ", el("span", { class: "pf-label" }, s.label)),
      el("td", { class: `pf-all ${levelClass(p, s.level)}`, title: `${s.code} ${s.label}: ${s.level ?? "covered by no course"}; ${plural(s.courses, "course")} cover it, ${s.assessed_by} assess it` },
        el("span", { "aria-hidden": "true" }, s.level ? `${mark(s.level)} · ${s.courses}` : "none"),
        el("span", { class: "sr-only" }, s.level ? `${s.level}, by ${plural(s.courses, "course")}` : "")),
      s.levels.map((level, i) => cell(courseName(p.courses[i]), level))));
  }
  $("pf-matrix").replaceChildren(el("thead", {}, head), el("tbody", {}, rows));
}

function showCourses(p) {
  const { el } = ui;
  const head = el("tr", {}, ["Course", "Provider", "Units", "Covered", "Assessed", "Gaps"].map((h) => el("th", { scope: "col" }, h)));
  $("pf-courses").replaceChildren(el("thead", {}, head), el("tbody", {}, p.courses.map((c) => el("tr", { dataset: { id: c.id } },
    el("th", { scope: "row", class: "pf-wrap" }, courseName(c), c.path ? el("span", { class: "pf-path" }, c.path) : null),
    el("td", { class: "pf-wrap" }, c.provider ?? "—"),
    el("td", {}, c.units),
    el("td", { dataset: { field: "covered" } }, c.covered),
    el("td", { dataset: { field: "assessed" } }, c.assessed),
    el("td", { dataset: { field: "gaps" } }, c.gaps)))));
}

function showProviders(p) {
  const { el } = ui;
  const head = el("tr", {}, ["Provider", "Courses", "Covered", "Assessed", "Gaps"].map((h) => el("th", { scope: "col" }, h)));
  $("pf-providers").replaceChildren(el("thead", {}, head), el("tbody", {}, p.providers.map((x) => el("tr", { dataset: { provider: x.provider } },
    el("th", { scope: "row", class: "pf-wrap" }, x.provider),
    el("td", { dataset: { field: "courses" } }, x.courses),
    el("td", { dataset: { field: "covered" } }, x.covered),
    el("td", { dataset: { field: "assessed" } }, x.assessed),
    el("td", { dataset: { field: "gaps" } }, x.gaps)))));
}

function showDownloads(p) {
  const { el } = ui;
  const formats = [
    ["html", "HTML page", "text/html", "html"],
    ["markdown", "Markdown", "text/markdown", "md"],
    ["csv", "CSV matrix", "text/csv", "csv"],
    ["json", "JSON", "application/json", "json"],
    ["text", "Text", "text/plain", "txt"],
    ["xlsx", "Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"],
  ];
  $("pf-downloads").replaceChildren(...formats.map(([format, label, type, ext]) => el("button", {
    type: "button",
    dataset: { format },
    onclick: () => {
      let body;
      try {
        body = waypost.renderPortfolio(p, format);
      } catch (error) {
        setStatus(`Not downloaded: ${error.message}`);
        return;
      }
      ui.download(`portfolio-${p.framework.id}.${ext}`, body, type);
    },
  }, `Download ${label}`)));
}
