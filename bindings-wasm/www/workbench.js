// The mapping workbench: the curriculum's units (rows, grouped by module) against the
// framework's statements (columns, grouped by domain). Every change goes through the core's
// lossless editing (waypost.map, rename, setAssesses, addModule, addUnit, addAssessment), so
// the curriculum's text stays the source of truth and its comments survive; this file only
// draws the grid and the panel and keeps a history of the texts for undo.
import * as waypost from "./pkg/waypost.js";

let host = null; // what app.js lends: its state, showReport, showError, el, prose, setStatus …
/** The page's catalog (the built-in frameworks and any opened in the page), where app.js has
 * made it; the package's own functions (built-in frameworks only) before that. */
const engine = () => host?.state.catalog ?? waypost;

const wb = {
  text: null, // the curriculum as TOML: what every edit reads and returns
  name: null, // the name errors are reported under (`….toml`)
  origin: null, // { name, format, layout? }: what it was opened from, and so how it is saved
  adopted: null, // the checked text the workbench last took from the coverage view
  curriculum: null, // waypost.loadCurriculum(text)
  assessed: new Map(), // `MODULE/UNIT` → the assessments that assess it (waypost.assessedBy)
  framework: null, // engine().framework(id)
  statements: [], // the framework's statements, in column order
  rows: [], // { key, module, id, kind, text, assessment }
  undo: [],
  redo: [],
  saved: null, // the text as last saved (or opened)
  selected: null, // the selected row's key, `MODULE/ID`
  focus: { row: 0, col: 0 },
  reportTimer: 0, // while set, edits wait for one gathered report
  reportPending: false,
  lastEdit: 0,
  structure: null, // the rows and columns the grid was last drawn with
  signatures: new Map(), // what each row's cells showed when last drawn
};

const LEVEL_KEYS = { 0: 0, n: 0, 1: 1, i: 1, 2: 2, d: 2, 3: 3, a: 3 };

const $ = (id) => document.getElementById(id);

/** Hooks the workbench into the page; `lend` is what app.js shares with it. */
export function setUpWorkbench(lend) {
  host = lend;
  $("wb-undo").addEventListener("click", undo);
  $("wb-redo").addEventListener("click", redo);
  $("wb-save").addEventListener("click", save);
  $("wb-search").addEventListener("input", showSearch);
  $("wb-grid").addEventListener("keydown", gridKey);
  $("wb-grid").addEventListener("click", gridClick);
  $("wb-grid").addEventListener("focusin", (event) => caption(event.target));
  $("wb-grid").addEventListener("mouseover", (event) => caption(event.target));
  document.addEventListener("keydown", (event) => {
    if ($("map-view").hidden || !(event.ctrlKey || event.metaKey)) return;
    const typing = event.target.closest?.("input, textarea, select");
    if (typing) return; // a field keeps its own undo
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) {
      event.preventDefault();
      undo();
    } else if ((key === "z" && event.shiftKey) || key === "y") {
      event.preventDefault();
      redo();
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

/** Shows the workbench for what the coverage view last checked, taking it up if it is new. */
export function showWorkbench() {
  const checked = host.state.checked;
  if (checked && wb.text !== null && checked.text !== wb.text && checked.options.name === wb.name) {
    // The same curriculum, changed outside the grid (a suggestion mapped from the report, the
    // coverage view's text box): one more step of history.
    edit(() => checked.text, "Took up the change made outside the grid (from the report, or in the text box).");
  } else if (checked && checked.text !== wb.adopted && checked.text !== wb.text) {
    if (unsaved() && !confirm("Map the curriculum you have just opened? The changes to the one in the workbench have not been saved.")) {
      wb.adopted = checked.text;
    } else {
      adopt(checked);
      // A new curriculum: bring the grid into view, below the page's heading.
      requestAnimationFrame(() => $("wb-heading").scrollIntoView({ block: "start" }));
    }
  }
  $("wb-empty").hidden = wb.text !== null;
  $("wb-main").hidden = wb.text === null;
  // The policy or framework may have changed in the coverage view since.
  if (wb.text !== null && host.state.checked?.text === wb.text) refreshReport(true);
}

export function unsaved() {
  return wb.text !== null && wb.text !== wb.saved;
}

// ---------------------------------------------------------------------------------------------
// Taking a curriculum up, in whatever format it came

function formatOf(name, explicit) {
  if (explicit) return explicit;
  const ext = (name ?? "").toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return { toml: "toml", json: "json", yaml: "yaml", yml: "yaml", csv: "csv", xlsx: "xlsx" }[ext] ?? "toml";
}

function stem(name) {
  return (name ?? "curriculum").replace(/\.[^.]+$/, "");
}

function adopt(checked) {
  const { text, options } = checked;
  const name = options.name ?? null;
  const format = formatOf(name, options.format);
  let toml = text;
  let layout = null;
  let notes = [];
  // A grid opened from a workbook is in the editor as the curriculum read from it (TOML);
  // it is saved back into the workbook's own layout.
  const book = host.state.workbook;
  const fromBook = book && book.text === text;
  try {
    if (fromBook) {
      layout = waypost.gridLayout(book.bytes, book.name);
    } else if (format === "csv") {
      layout = waypost.gridLayout(text, name ?? undefined);
      toml = engine().importGrid(text, { name: name ?? "grid.csv" }).text;
    } else if (format === "xlsx") {
      setMessage(`To map ${name} here, open the workbook itself (Coverage check, Open a file).`);
      return;
    } else {
      // TOML as it is; JSON and YAML as the TOML document the core's editing works on, with
      // the core's notes on what saving it back in its own format does not keep.
      const editable = waypost.editableCurriculum(text, { name: name ?? undefined, format });
      toml = editable.text;
      notes = editable.notes;
    }
  } catch (error) {
    setMessage(`This curriculum cannot be mapped here: ${problem(error)}`);
    return;
  }
  wb.adopted = text;
  wb.origin = fromBook
    ? { name: book.name, format: "xlsx", layout, notes }
    : { name: name ?? `${stem(name)}.${format === "csv" ? "csv" : format}`, format, layout, notes };
  wb.name = `${stem(name)}.toml`;
  wb.undo = [];
  wb.redo = [];
  wb.selected = null;
  wb.focus = { row: 0, col: 0 };
  wb.framework = null;
  setText(toml);
  wb.saved = toml;
  updateButtons();
  $("wb-save-note").textContent = saveNote();
  showKept();
}

/** What went wrong, in the core's words, without the place in the TOML text: a grid's
 * users never see that text. */
function problem(error) {
  const all = Array.isArray(error?.diagnostics) && error.diagnostics.length ? error.diagnostics : [error];
  return all.map((d) => `${d.message}${d.hint ? ` (${d.hint})` : ""}`).join("; ");
}

function setMessage(text) {
  $("wb-message").replaceChildren(...host.prose(text));
}

function saveNote() {
  const { format, name } = wb.origin;
  if (format === "csv") return `Save writes ${name} back as a mapping grid in its own columns.`;
  if (format === "xlsx") {
    const sheet = wb.origin.layout?.sheet;
    return `Save writes ${stem(name)}.xlsx, a workbook with the grid in its own columns${sheet ? ` on the sheet ${sheet}` : ""}.`;
  }
  if (format === "json" || format === "yaml") return `Save writes ${name} as ${format.toUpperCase()}, with your changes and every other key and value it holds.`;
  return `Save writes ${name} with your changes; its comments and layout are kept.`;
}

/** For a JSON or YAML curriculum, what saving it does not keep, in the core's words, shown
 * above the grid from the moment it is opened. */
function showKept() {
  const { el } = host;
  const { format, notes } = wb.origin;
  const box = $("wb-keep");
  box.hidden = !notes?.length;
  if (box.hidden) return box.replaceChildren();
  box.replaceChildren(
    el("p", {}, el("strong", {}, `Saved as ${format.toUpperCase()}. `), "Everything waypost reads is kept; not kept:"),
    el("ul", {}, notes.map((n) => el("li", {}, n.message, n.hint ? el("span", { class: "muted" }, ` (${n.hint})`) : null))),
  );
}

// ---------------------------------------------------------------------------------------------
// Editing: every change is the core's, on the text; the history keeps the texts

/** Runs an edit of the text (a function from text to new text) and records it for undo. */
function edit(change, done) {
  const started = performance.now();
  let next;
  try {
    next = change(wb.text);
  } catch (error) {
    setMessage(`Not changed: ${problem(error)}`);
    return false;
  }
  if (next === wb.text) return true;
  wb.undo.push(wb.text);
  wb.redo = [];
  wb.lastEdit = started;
  setText(next);
  setMessage(done ?? "");
  updateButtons();
  return true;
}

function undo() {
  if (!wb.undo.length) return;
  wb.redo.push(wb.text);
  setText(wb.undo.pop());
  setMessage("Undone.");
  updateButtons();
}

function redo() {
  if (!wb.redo.length) return;
  wb.undo.push(wb.text);
  setText(wb.redo.pop());
  setMessage("Redone.");
  updateButtons();
}

function updateButtons() {
  $("wb-undo").disabled = wb.undo.length === 0;
  $("wb-redo").disabled = wb.redo.length === 0;
  $("wb-unsaved").textContent = unsaved() ? "Unsaved changes" : "Saved";
  $("wb-unsaved").className = unsaved() ? "wb-unsaved dirty" : "wb-unsaved";
}

/** Takes a new text: reads it, redraws the grid and the panel, and updates the report soon. */
function setText(text) {
  wb.text = text;
  wb.curriculum = waypost.loadCurriculum(text, "toml", wb.name);
  if (!wb.framework) {
    // The framework the curriculum's codes are read against, as the check reads them.
    const id = engine().validate(text, { name: wb.name, framework: host.frameworkChoice() || undefined }).framework;
    wb.framework = engine().framework(id);
    wb.statements = wb.framework.statements;
  }
  // The coverage view shows the same text, so checking it there checks what is mapped here.
  host.setSource(text, wb.name);
  buildRows();
  renderGrid();
  renderPanel();
  scheduleReport();
}

// ---------------------------------------------------------------------------------------------
// The live report: app.js's own showReport, a moment after the last edit

/** The report follows an edit at once; edits in quick succession (a key held down) are
 * gathered into one more report when they stop. */
function scheduleReport() {
  if (wb.reportTimer) {
    wb.reportPending = true;
    return;
  }
  refreshReport(false);
  const cool = () => {
    wb.reportTimer = 0;
    if (wb.reportPending) {
      wb.reportPending = false;
      scheduleReport();
    }
  };
  wb.reportTimer = setTimeout(cool, 120);
}

function refreshReport(quiet) {
  const options = { framework: host.frameworkChoice() || undefined, policy: host.selectedPolicy(), name: wb.name };
  let report;
  try {
    report = engine().check(wb.text, options);
  } catch (error) {
    host.showError(error, wb.text);
    return;
  }
  host.state.report = report;
  host.state.checked = { text: wb.text, options };
  host.hideError();
  host.showReport(report);
  showVerdict(report);
  if (wb.lastEdit && !quiet) {
    const ms = performance.now() - wb.lastEdit;
    document.documentElement.dataset.wbReportMs = ms.toFixed(1);
    wb.lastEdit = 0;
  }
}

function showVerdict(report) {
  const s = report.summary;
  $("wb-verdict").className = `wb-verdict ${report.passed ? "pass" : "fail"}`;
  $("wb-verdict").textContent = `${report.passed ? "Policy passed" : "Policy not met"} · ${s.covered} of ${s.statements} statements covered, ${s.assessed} ${report.levels.at(-1) ?? "assessed"}, ${s.gaps} gaps`;
}

// ---------------------------------------------------------------------------------------------
// The grid

function buildRows() {
  // Which assessments assess each unit, as the core reads the curriculum's `assesses`.
  wb.assessed = new Map(waypost.assessedBy(wb.text, { name: wb.name, format: "toml" }).map((u) => [`${u.module}/${u.unit}`, u.assessments]));
  wb.rows = [];
  for (const m of wb.curriculum.modules) {
    wb.rows.push({ header: true, module: m });
    for (const u of m.units ?? []) {
      const key = `${m.code}/${u.id}`;
      wb.rows.push({ key, module: m, id: u.id, kind: u.kind ?? "outcome", text: u.text, unit: u, by: wb.assessed.get(key) ?? [] });
    }
    for (const a of m.assessments ?? []) {
      wb.rows.push({ key: `${m.code}/${a.id}`, module: m, id: a.id, kind: "assessment", text: a.title, assessment: a });
    }
  }
}

/** A row's mapping of a statement: the level as written (null if none), what it counts as. */
function cellState(row, statement) {
  const covers = (row.unit ?? row.assessment)?.covers ?? [];
  const levels = wb.framework.levels;
  const top = levels.at(-1);
  const m = covers.find((c) => bare(c.statement) === statement.code);
  if (!m) return { mapped: null, counts: null };
  const mapped = m.level ? levels.find((l) => l.toLowerCase() === m.level.toLowerCase()) ?? m.level : levels[0];
  if (row.assessment) return { mapped, counts: top };
  const by = row.by ?? [];
  return { mapped, counts: by.length ? top : mapped, by };
}

function bare(code) {
  const [f, c] = code.includes(":") ? code.split(":") : [null, code];
  return f === null || f === wb.framework.id ? c.trim() : code;
}

function levelIndex(level) {
  return level ? wb.framework.levels.indexOf(level) + 1 : 0;
}

function cellLabel(row, statement, state) {
  const where = `${row.id} of ${row.module.code}`;
  let what = state.counts ?? "not mapped";
  if (state.mapped && state.counts !== state.mapped) {
    what = `${state.counts} (mapped ${state.mapped}; ${state.by?.length ? `assessed by ${state.by.join(", ")}` : "an assessment"})`;
  }
  return `${where}, ${statement.code} ${statement.label}: ${what}`;
}

/** What a row's cells show: when it is the same as before an edit, the row is not redrawn. */
function rowSignature(row) {
  return JSON.stringify([row.id, row.kind, row.text, (row.unit ?? row.assessment)?.covers ?? [], row.by ?? []]);
}

/** Redraws the grid: only the rows whose cells changed when the rows and columns are the same
 * (a mapping changed), the whole of it otherwise. */
function renderGrid() {
  const structure = JSON.stringify([wb.framework.id, wb.rows.map((r) => (r.header ? `#${r.module.code}${r.module.title ?? ""}` : r.key))]);
  const table = $("wb-grid");
  if (structure === wb.structure && table.tBodies.length) {
    let index = 0;
    for (const row of wb.rows) {
      if (row.header) continue;
      row.index = index++;
      const signature = rowSignature(row);
      if (signature === wb.signatures.get(row.key)) continue;
      wb.signatures.set(row.key, signature);
      const old = table.querySelector(`tr[data-key="${CSS.escape(row.key)}"]`);
      const fresh = unitRow(row, row.index);
      old?.replaceWith(fresh);
    }
    const target = cellAt(wb.focus.row, wb.focus.col);
    if (target) target.tabIndex = 0;
    if (table.contains(document.activeElement) || document.activeElement === document.body) target?.focus({ preventScroll: true });
    return;
  }
  wb.structure = structure;
  wb.signatures = new Map(wb.rows.filter((r) => !r.header).map((r) => [r.key, rowSignature(r)]));
  const { el } = host;
  const statements = wb.statements;
  const domains = [];
  for (const s of statements) {
    const last = domains.at(-1);
    if (last && last.id === s.domain) last.count += 1;
    else domains.push({ id: s.domain, count: 1, name: wb.framework.domains.find((d) => d.id === s.domain)?.name ?? s.domain });
  }
  const head = el("thead", {},
    el("tr", { role: "row" }, el("td", { class: "wb-corner", role: "columnheader" }, "Unit"),
      domains.map((d) => el("th", { role: "columnheader", colspan: d.count, class: "wb-domain" }, el("span", { class: "wb-hold" }, d.name)))),
    el("tr", { role: "row" }, el("th", { class: "wb-corner", role: "columnheader" }, ""),
      statements.map((s, i) => el("th", { role: "columnheader", class: "wb-code", title: `${s.code} ${s.label}: ${s.text}`, dataset: { col: i } }, s.code))));
  let r = 0;
  const body = el("tbody", {}, wb.rows.map((row) => {
    if (row.header) {
      return el("tr", { role: "row", class: "wb-module" },
        el("th", { role: "rowheader", colspan: statements.length + 1, class: "wb-module-head" },
          el("span", { class: "wb-hold" }, el("span", { class: "wb-module-code" }, row.module.code), row.module.title ? ` ${row.module.title}` : "")));
    }
    const index = r++;
    row.index = index;
    return unitRow(row, index);
  }));
  $("wb-grid").replaceChildren(head, body);
  clampFocus();
  const target = cellAt(wb.focus.row, wb.focus.col);
  if (target) target.tabIndex = 0;
}

function unitRow(row, index) {
  const { el } = host;
  return el("tr", { role: "row", class: `wb-row${row.key === wb.selected ? " selected" : ""}${row.assessment ? " wb-assessment" : ""}`, dataset: { key: row.key } },
    el("th", { role: "rowheader", class: "wb-unit", title: row.text ?? "" },
      el("button", { type: "button", tabindex: -1, class: "wb-unit-button", dataset: { select: row.key }, "aria-label": `Select ${row.id} of ${row.module.code}` },
        el("strong", {}, row.id), " ", el("span", { class: "wb-kind" }, row.kind)),
      row.text ? el("span", { class: "wb-unit-text" }, row.text) : null),
    wb.statements.map((s, col) => cell(row, s, index, col)));
}

function cell(row, statement, index, col) {
  const state = cellState(row, statement);
  const td = host.el("td", {
    role: "gridcell",
    tabindex: -1,
    class: `wb-cell ${levelClassOf(state.counts)}${state.mapped && state.counts !== state.mapped ? " via-assessment" : ""}`,
    "aria-label": cellLabel(row, statement, state),
    title: cellLabel(row, statement, state),
    dataset: { row: index, col, code: statement.code },
  }, state.counts ? state.counts.charAt(0).toUpperCase() : "");
  return td;
}

const shades = new Map(); // the core's shade of each level of the current framework

function levelClassOf(level) {
  if (!level) return "lvl-none";
  const key = `${wb.framework.id}\u0000${level}`;
  if (!shades.has(key)) shades.set(key, waypost.levelShade(wb.framework.levels, level));
  const shade = shades.get(key);
  return shade ? `lvl-${shade}` : "lvl-none";
}

function unitRows() {
  return wb.rows.filter((r) => !r.header);
}

function cellAt(row, col) {
  return $("wb-grid").querySelector(`td[data-row="${row}"][data-col="${col}"]`);
}

function clampFocus() {
  const rows = unitRows().length;
  wb.focus.row = Math.max(0, Math.min(wb.focus.row, rows - 1));
  wb.focus.col = Math.max(0, Math.min(wb.focus.col, wb.statements.length - 1));
}

function moveFocus(row, col) {
  const old = cellAt(wb.focus.row, wb.focus.col);
  if (old) old.tabIndex = -1;
  wb.focus = { row, col };
  clampFocus();
  // The panel follows the row the focus is on.
  const unit = unitRows()[wb.focus.row];
  if (unit && unit.key !== wb.selected) selectRow(unit.key, false);
  const next = cellAt(wb.focus.row, wb.focus.col);
  if (next) {
    next.tabIndex = 0;
    next.focus();
  }
}

function caption(target) {
  const td = target.closest?.("td[data-code], th.wb-code");
  if (!td) return;
  const col = Number(td.dataset.col);
  const s = wb.statements[col];
  if (!s) return;
  $("wb-caption").replaceChildren(host.el("strong", {}, `${s.code} ${s.label}`), `: ${s.text}`);
}

function gridClick(event) {
  const select = event.target.closest("[data-select]");
  if (select) {
    selectRow(select.dataset.select);
    return;
  }
  const td = event.target.closest("td[data-code]");
  if (!td) return;
  moveFocus(Number(td.dataset.row), Number(td.dataset.col));
  const row = unitRows()[Number(td.dataset.row)];
  if (row.key !== wb.selected) selectRow(row.key, false);
  cycle(row, wb.statements[Number(td.dataset.col)]);
}

function gridKey(event) {
  const td = event.target.closest("td[data-code]");
  if (!td) return;
  const { row, col } = wb.focus;
  const moves = {
    ArrowUp: [row - 1, col], ArrowDown: [row + 1, col], ArrowLeft: [row, col - 1], ArrowRight: [row, col + 1],
    Home: [row, 0], End: [row, wb.statements.length - 1], PageUp: [row - 10, col], PageDown: [row + 10, col],
  };
  if (moves[event.key]) {
    event.preventDefault();
    moveFocus(...moves[event.key]);
    return;
  }
  const unit = unitRows()[row];
  const statement = wb.statements[col];
  if (!unit || !statement) return;
  if (event.key === " " || event.key === "Enter") {
    event.preventDefault();
    if (unit.key !== wb.selected) selectRow(unit.key, false);
    cycle(unit, statement);
  } else if (!event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() in LEVEL_KEYS) {
    event.preventDefault();
    if (unit.key !== wb.selected) selectRow(unit.key, false);
    setLevel(unit, statement, LEVEL_KEYS[event.key.toLowerCase()]);
  } else if (event.key === "Delete" || event.key === "Backspace") {
    event.preventDefault();
    setLevel(unit, statement, 0);
  }
}

/** Space, Enter or a click: the next step of none → introduced → developed → assessed → none.
 * "Assessed" is reached only where an assessment can name the unit. */
function cycle(row, statement) {
  const state = cellState(row, statement);
  const top = wb.framework.levels.length;
  if (row.assessment) {
    setLevel(row, statement, state.mapped ? 0 : top);
    return;
  }
  const now = levelIndex(state.counts);
  let next = now + 1;
  if (next === top && (row.module.assessments ?? []).length !== 1 && !state.by?.length) next = 0;
  if (next > top) next = 0;
  setLevel(row, statement, next);
}

/** Sets a cell to a step of the scale: 0 none, then the framework's levels. The top level
 * (assessed) is never typed: the unit is named by an assessment of its module instead, which
 * makes everything the unit maps count as assessed. */
function setLevel(row, statement, step) {
  const levels = wb.framework.levels;
  const top = levels.length;
  const code = statement.code;
  const state = cellState(row, statement);
  const where = `${row.id} of ${row.module.code}`;
  if (step === 0) {
    if (!state.mapped) return;
    edit((text) => engine().map(text, row.key, [`-${code}`], wb.name), `${code} is no longer mapped to ${where}.`);
    return;
  }
  if (row.assessment) {
    if (state.mapped) return;
    edit((text) => engine().map(text, row.key, [`+${code}`], wb.name), `${row.id} assesses ${code} directly.`);
    return;
  }
  if (step < top) {
    const level = levels[step - 1];
    if (state.mapped === level) return;
    edit((text) => engine().map(text, row.key, [step === 1 ? `+${code}` : `+${code}:${level}`], wb.name),
      `${code} is mapped to ${where} as ${level}${state.by?.length ? `; it counts as ${levels.at(-1)} because ${state.by.join(", ")} assesses ${row.id}` : ""}.`);
    return;
  }
  // The top level: an assessment must name the unit.
  const assessments = row.module.assessments ?? [];
  if (state.by?.length) {
    if (!state.mapped) edit((text) => engine().map(text, row.key, [`+${code}`], wb.name), `${code} is mapped to ${where}; it counts as ${levels.at(-1)} because ${state.by.join(", ")} assesses ${row.id}.`);
    return;
  }
  if (assessments.length === 1) {
    const a = assessments[0];
    edit((text) => {
      const mapped = state.mapped ? text : engine().map(text, row.key, [`+${code}`], wb.name);
      return engine().setAssesses(mapped, `${row.module.code}/${a.id}`, [...(a.assesses ?? []), row.id], wb.name);
    }, `${a.id} now assesses ${row.id}: everything ${row.id} maps counts as ${levels.at(-1)}, ${code} among it.`);
    return;
  }
  selectRow(row.key, false);
  setMessage(assessments.length
    ? `${levels.at(-1)} means an assessment names the unit. Tick ${row.id} under the assessment that assesses it, in the panel.`
    : `${levels.at(-1)} means an assessment names the unit, and ${row.module.code} has none yet: add one in the panel.`);
  $("wb-panel").querySelector(assessments.length ? ".wb-assessments input" : "#wb-new-assessment-id")?.focus();
}

// ---------------------------------------------------------------------------------------------
// The unit panel

function selectRow(key, focusPanel = true) {
  wb.selected = key;
  for (const tr of $("wb-grid").querySelectorAll("tr.wb-row")) tr.classList.toggle("selected", tr.dataset.key === key);
  renderPanel();
  showSearch(); // its buttons map to the selected unit
  if (focusPanel) $("wb-panel-heading").focus();
}

function selectedRow() {
  return wb.rows.find((r) => r.key === wb.selected) ?? null;
}

function renderPanel() {
  const { el } = host;
  const row = selectedRow();
  const panel = $("wb-panel-body");
  if (!row) {
    $("wb-panel-heading").textContent = "Unit";
    panel.replaceChildren(el("p", { class: "muted" }, "Choose a unit (its name in the grid) to see its text, its mappings and suggested statements, and to rename it."),
      moduleForms(null));
    return;
  }
  $("wb-panel-heading").textContent = `${row.module.code} ${row.id}`;
  const mapped = ((row.unit ?? row.assessment).covers ?? []).map((c) => {
    const s = wb.statements.find((x) => x.code === bare(c.statement));
    const state = s ? cellState(row, s) : { mapped: c.level ?? wb.framework.levels[0], counts: null };
    return el("li", {}, el("span", { class: `badge ${levelClassOf(state.counts)}` }, state.counts ?? c.level ?? ""), " ",
      el("strong", {}, c.statement), s ? ` ${s.label}` : "",
      state.counts && state.counts !== state.mapped ? el("span", { class: "muted" }, ` (mapped ${state.mapped})`) : null);
  });
  const by = row.by ?? [];
  panel.replaceChildren(
    el("p", { class: "wb-kind-line muted" }, row.kind, row.module.title ? ` in ${row.module.title}` : ""),
    row.text ? el("blockquote", { class: "wb-text" }, row.text) : el("p", { class: "muted" }, "No text yet."),
    row.unit ? el("p", { class: "muted" }, by.length
      ? `Assessed by ${by.join(", ")}: everything it maps counts as ${wb.framework.levels.at(-1)}.`
      : `No assessment names it, so its mappings count at the level they are mapped.`) : null,
    el("h4", {}, `Mapped (${mapped.length})`),
    mapped.length ? el("ul", { class: "wb-mapped" }, mapped) : el("p", { class: "muted" }, "Nothing yet."),
    suggestions(row),
    renameForm(row),
    moduleForms(row),
  );
}

function suggestions(row) {
  const { el } = host;
  const box = el("section", { class: "wb-suggestions", "aria-labelledby": "wb-sugg-heading" },
    el("h4", { id: "wb-sugg-heading" }, "Suggested statements"));
  if (!row.text) {
    box.append(el("p", { class: "muted" }, "No text to suggest statements from."));
    return box;
  }
  let all;
  try {
    all = engine().suggest(row.text, { framework: wb.framework.id, top: 12 });
  } catch (error) {
    box.append(el("p", { class: "muted" }, `No suggestions: ${problem(error)}`));
    return box;
  }
  const mappedCodes = new Set(((row.unit ?? row.assessment).covers ?? []).map((c) => bare(c.statement)));
  const threshold = waypost.weakBelow();
  // Only suggestions above the weak threshold are offered; the core flags the weak ones.
  const strong = all.filter((s) => !s.weak && s.score >= threshold && !mappedCodes.has(s.code)).slice(0, 6);
  const weak = all.filter((s) => (s.weak || s.score < threshold) && !mappedCodes.has(s.code)).length;
  box.append(el("p", { class: "help" }, "Proposals for you to confirm: press ", el("kbd", {}, "A"), " or ", el("kbd", {}, "Enter"),
    " on one to map it as introduced."));
  if (!strong.length) {
    box.append(el("p", { class: "muted" }, "No statement is a strong match for this text."));
  } else {
    box.append(el("ul", { class: "wb-suggestion-list" }, strong.map((s) => el("li", {},
      el("button", {
        type: "button",
        class: "wb-suggestion",
        dataset: { code: s.code },
        "aria-label": `Map ${s.code} ${s.label} to ${row.id}: score ${s.score.toFixed(2)}, matched ${host.reasonsText(s.reasons)}`,
        onclick: () => acceptSuggestion(row, s.code),
        onkeydown: (event) => {
          if (event.key.toLowerCase() === "a" && !event.ctrlKey && !event.metaKey) {
            event.preventDefault();
            acceptSuggestion(row, s.code);
          }
        },
      }, el("strong", {}, s.code), ` ${s.label}`, el("span", { class: "score" }, ` ${s.score.toFixed(2)}`)),
      el("span", { class: "reasons" }, "Matched: ", host.reasonsText(s.reasons))))));
  }
  if (weak) box.append(el("p", { class: "muted" }, `${weak} weaker match${weak === 1 ? "" : "es"} (score below ${threshold}) not offered.`));
  return box;
}

function acceptSuggestion(row, code) {
  if (edit((text) => engine().map(text, row.key, [`+${code}`], wb.name), `${code} is mapped to ${row.id} of ${row.module.code} as ${wb.framework.levels[0]}.`)) {
    $("wb-panel").querySelector(".wb-suggestion")?.focus();
  }
}

function showSearch() {
  const { el } = host;
  const query = $("wb-search").value.trim().toLowerCase();
  const out = $("wb-search-results");
  const row = selectedRow();
  if (!query) {
    out.replaceChildren();
    return;
  }
  const found = wb.statements.filter((s) => `${s.code} ${s.label} ${s.text}`.toLowerCase().includes(query)).slice(0, 12);
  out.replaceChildren(...(found.length ? found.map((s) => el("li", {},
    el("strong", {}, s.code), ` ${s.label} `,
    row ? el("button", { type: "button", class: "small", onclick: () => edit((text) => engine().map(text, row.key, [`+${s.code}`], wb.name), `${s.code} is mapped to ${row.id} of ${row.module.code}.`) }, `Map to ${row.id}`) : null,
    el("span", { class: "muted wb-search-text" }, s.text))) : [el("li", { class: "muted" }, "No statement matches.")]));
}

function field(id, label, value, attrs = {}) {
  const { el } = host;
  return el("div", { class: "field" }, el("label", { for: id }, label), el("input", { id, value: value ?? "", ...attrs }));
}

function form(title, fields, button, onsubmit) {
  const { el } = host;
  return el("form", { class: "wb-form", onsubmit: (event) => {
    event.preventDefault();
    onsubmit(new FormData(event.currentTarget));
  } }, el("fieldset", {}, el("legend", {}, title), fields, el("button", { type: "submit", class: "small" }, button)));
}

function renameForm(row) {
  const what = row.assessment ? "assessment" : "unit";
  return form(`Rename this ${what}`, [
    field("wb-rename-id", "Id", row.id, { name: "id", required: true }),
    field("wb-rename-title", row.assessment ? "Title" : "Text", row.text, { name: "title" }),
  ], "Rename", (data) => {
    const id = String(data.get("id")).trim();
    const title = String(data.get("title"));
    const change = {};
    if (id !== row.id) change.id = id;
    if (title !== (row.text ?? "")) change.title = title;
    if (!Object.keys(change).length) return;
    if (edit((text) => engine().rename(text, row.key, change, wb.name), `Renamed ${row.id}.`)) {
      wb.selected = `${row.module.code}/${id}`;
      renderPanel();
      renderGrid();
    }
  });
}

function moduleForms(row) {
  const { el } = host;
  const parts = [];
  if (row) {
    const m = row.module;
    parts.push(el("h4", {}, `Module ${m.code}`));
    parts.push(form("Rename the module", [
      field("wb-module-code", "Code", m.code, { name: "code", required: true }),
      field("wb-module-title", "Title", m.title, { name: "title" }),
    ], "Rename module", (data) => {
      const code = String(data.get("code")).trim();
      const title = String(data.get("title"));
      const change = {};
      if (code !== m.code) change.id = code;
      if (title !== (m.title ?? "")) change.title = title;
      if (!Object.keys(change).length) return;
      if (edit((text) => engine().rename(text, m.code, change, wb.name), `Renamed module ${m.code}.`)) {
        wb.selected = `${code}/${row.id}`;
        renderPanel();
        renderGrid();
      }
    }));
    parts.push(assessmentBoxes(m));
    parts.push(form(`Add a unit to ${m.code}`, [
      field("wb-new-unit-id", "Id", "", { name: "id", required: true, placeholder: "LO7" }),
      el("div", { class: "field" }, el("label", { for: "wb-new-unit-kind" }, "Kind"),
        el("select", { id: "wb-new-unit-kind", name: "kind" }, ["outcome", "session", "activity"].map((k) => el("option", { value: k }, k)))),
      field("wb-new-unit-text", "Text", "", { name: "text" }),
    ], "Add unit", (data) => {
      const unit = { module: m.code, id: String(data.get("id")).trim(), kind: String(data.get("kind")), covers: [] };
      const text = String(data.get("text")).trim();
      if (text) unit.text = text;
      if (edit((t) => engine().addUnit(t, unit, wb.name), `Added ${unit.id} to ${m.code}.`)) selectRow(`${m.code}/${unit.id}`);
    }));
    parts.push(form(`Add an assessment to ${m.code}`, [
      field("wb-new-assessment-id", "Id", "", { name: "id", required: true, placeholder: "A3" }),
      field("wb-new-assessment-title", "Title", "", { name: "title" }),
    ], "Add assessment", (data) => {
      const a = { module: m.code, id: String(data.get("id")).trim(), assesses: row.unit ? [row.id] : [] };
      const title = String(data.get("title")).trim();
      if (title) a.title = title;
      edit((t) => engine().addAssessment(t, a, wb.name), `Added assessment ${a.id} to ${m.code}${row.unit ? `, assessing ${row.id}` : ""}.`);
    }));
  }
  parts.push(form("Add a module", [
    field("wb-new-module-code", "Code", "", { name: "code", required: true, placeholder: "MHN1004" }),
    field("wb-new-module-title", "Title", "", { name: "title" }),
  ], "Add module", (data) => {
    const module = { code: String(data.get("code")).trim() };
    const title = String(data.get("title")).trim();
    if (title) module.title = title;
    edit((t) => engine().addModule(t, module, wb.name), `Added module ${module.code}: add its units next.`);
  }));
  return el("div", { class: "wb-structure" }, parts);
}

/** For each assessment of the module, a checkbox per unit: ticked when the assessment names it. */
function assessmentBoxes(m) {
  const { el } = host;
  const assessments = m.assessments ?? [];
  if (!assessments.length) return el("p", { class: "muted" }, `${m.code} has no assessments yet. A unit counts as ${wb.framework.levels.at(-1)} once an assessment names it.`);
  return el("div", { class: "wb-assessments" }, assessments.map((a) => {
    // From the core's reading: the module's units this assessment names, and the units of
    // other modules it names (kept as they are when the boxes change).
    const names = new Set((m.units ?? []).filter((u) => wb.assessed.get(`${m.code}/${u.id}`)?.includes(a.id)).map((u) => u.id));
    const others = [...wb.assessed].filter(([key, by]) => !key.startsWith(`${m.code}/`) && by.includes(`${m.code}/${a.id}`)).map(([key]) => key);
    return el("fieldset", { class: "wb-assesses" },
      el("legend", {}, `${a.id}${a.title ? `: ${a.title}` : ""} assesses`),
      (m.units ?? []).map((u) => el("label", { class: "wb-check" },
        el("input", {
          type: "checkbox",
          checked: names.has(u.id),
          dataset: { assessment: a.id, unit: u.id },
          onchange: (event) => {
            const ticked = [...event.currentTarget.closest("fieldset").querySelectorAll("input[type=checkbox]")]
              .filter((box) => box.checked).map((box) => box.dataset.unit);
            edit((text) => engine().setAssesses(text, `${m.code}/${a.id}`, [...ticked, ...others], wb.name),
              `${a.id} assesses ${ticked.length ? ticked.join(", ") : "no unit"}${others.length ? ` (and ${others.join(", ")})` : ""}.`);
          },
        }), ` ${u.id}`)),
      others.length ? el("p", { class: "muted" }, `Also ${others.join(", ")} of other modules.`) : null);
  }));
}

// ---------------------------------------------------------------------------------------------
// Saving, in the format the curriculum came from

function save() {
  if (wb.text === null) return;
  const { format, name, layout } = wb.origin;
  let body = wb.text;
  let filename = name;
  let type = "application/toml";
  try {
    if (format === "xlsx") {
      // An XLS or ODS workbook is saved as XLSX, the one kind of workbook the page writes.
      body = waypost.writeGridWorkbook(wb.text, layout ?? undefined, { name: wb.name });
      filename = `${stem(name)}.xlsx`;
      type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else if (format === "csv") {
      body = waypost.writeGrid(wb.text, layout ?? undefined, { name: wb.name });
      type = "text/csv";
    } else if (format === "json" || format === "yaml") {
      body = waypost.writeCurriculum(wb.text, format, wb.name);
      type = format === "json" ? "application/json" : "application/yaml";
    }
  } catch (error) {
    setMessage(`Not saved: ${problem(error)}`);
    return;
  }
  host.download(filename, body, type);
  wb.saved = wb.text;
  updateButtons();
  setMessage(`Saved as ${filename}.`);
}
