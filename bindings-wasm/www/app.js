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
  name: null, // the file name of what is in the editor, if it came from a file or an example
  policy: { label: "", text: null, name: null },
  customPolicies: [],
  report: null,
  checked: null, // the text, name and options the report was made from
};

// ---------------------------------------------------------------------------------------------
// Start-up

async function start() {
  await init();
  $("version").textContent = waypost.version();
  waypost.shades().forEach((colour, i) => document.documentElement.style.setProperty(`--l${i + 1}`, colour));

  const list = waypost.frameworks();
  const fallback = list.find((f) => f.id === waypost.defaultFramework());
  $("framework").append(el("option", { value: "" },
    `The one the curriculum names${fallback ? ` (else ${fallback.title})` : ""}`));
  for (const f of list) {
    $("framework").append(el("option", { value: f.id }, `${f.title} (${f.year}), ${f.statements} statements`));
  }
  fillPolicies();
  for (const [i, example] of exampleCurricula.entries()) {
    $("example").append(el("option", { value: i }, example.name));
  }

  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  $("load-example").addEventListener("click", loadExample);
  $("file").addEventListener("change", () => openFile($("file").files?.[0]));
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
  setStatus("Ready. Load an example, open a file, or paste a curriculum.");
  document.body.dataset.ready = "true";
}

/** The two views, coverage and development plan: one shown at a time, `#plan` opens the second. */
function setUpViews() {
  $("view-coverage").addEventListener("click", () => showView("coverage"));
  $("view-plan").addEventListener("click", () => showView("plan"));
  window.addEventListener("hashchange", () => showView(location.hash === "#plan" ? "plan" : "coverage"));
  if (location.hash === "#plan") showView("plan");
}

function showView(name) {
  for (const view of ["coverage", "plan"]) {
    $(`${view}-view`).hidden = view !== name;
    $(`view-${view}`).setAttribute("aria-pressed", String(view === name));
  }
  const wanted = name === "plan" ? "#plan" : "";
  if (location.hash !== wanted) history.replaceState(null, "", wanted || location.pathname);
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
  state.allPolicies = all;
}

function selectedPolicy() {
  const value = $("policy").value;
  return value === "" ? undefined : state.allPolicies[Number(value)]?.text;
}

function setStatus(text) {
  $("status").textContent = text;
}

function setName(name) {
  state.name = name;
  $("source-name").textContent = name ? `(${name})` : "";
}

// ---------------------------------------------------------------------------------------------
// Getting a curriculum in

function loadExample() {
  const example = exampleCurricula[Number($("example").value)];
  if (!example) return;
  $("source").value = example.text;
  setName(example.name);
  $("format").value = "";
  run();
}

async function openFile(file) {
  if (!file) return;
  const text = await file.text();
  $("source").value = text;
  setName(file.name);
  $("format").value = "";
  run();
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

function rerun() {
  if ($("source").value.trim() !== "") run();
}

function run() {
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
    report = waypost.check(text, options);
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
}

// ---------------------------------------------------------------------------------------------
// Errors: the located problem, with its line highlighted in a view of the text as typed

function hideError() {
  $("error").hidden = true;
  $("error-body").replaceChildren();
}

function showError(error, text) {
  $("results").hidden = true;
  const body = $("error-body");
  body.replaceChildren(...errorContent(error, text, "source"));
  $("error").hidden = false;
  const count = Array.isArray(error?.diagnostics) ? error.diagnostics.length : 0;
  setStatus(`Not checked: ${count > 1 ? `${count} problems` : "a problem"} in the curriculum. Your text is unchanged.`);
  body.querySelector(".error-line")?.scrollIntoView({ block: "nearest" });
}

/** Each located problem (line, column, key, hint), and the text as given with the problem
 * lines marked; "Go to line" selects the line in the editor `sourceId`, if there is one. */
function errorContent(error, text, sourceId) {
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
        where ? el("span", { class: "where" }, d.line ? `line ${d.line}${d.column ? `, column ${d.column}` : ""}` : where) : null,
        d.pointer ? el("span", { class: "pointer" }, "at ", el("code", {}, d.pointer)) : null,
        el("span", {}, prose(d.message))),
      d.hint ? el("p", { class: "hint" }, "Hint: ", prose(d.hint)) : null,
      d.line && sourceId
        ? el("button", { type: "button", class: "link", onclick: () => selectLine(sourceId, d.line) }, `Go to line ${d.line} in the editor`)
        : null,
    ));
  }
  if (diagnostics.length) content.push(problems);
  if (diagnostics.some((d) => d.line)) content.push(sourceView(text, diagnostics));
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
function levelClass(report, level) {
  const shade = waypost.levelShade(report.levels, level ?? undefined);
  return shade ? `lvl-${shade}` : "lvl-none";
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
        onclick: () => {
          if (folded.has(s.code)) folded.delete(s.code);
          else folded.add(s.code);
          showHeatmap(report);
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
    domains.map((d) => el("th", { scope: "colgroup", colspan: d.count, class: "domain" }, d.name)));
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
    el("h4", {}, `${d.name} (${list.length})`),
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
  const proposals = list.length ? unitSuggestions() : null;
  $("unmapped").replaceChildren(...list.map((u) => el("li", { class: "unmapped-unit", dataset: { unit: `${u.module}/${u.unit}` } },
    el("p", { class: "unit-head" }, el("strong", {}, `${u.module} ${u.unit}`), ` (${u.kind}) `, u.text ?? ""),
    proposalList(u, proposals?.get(`${u.module}/${u.unit}`)))));
}

/** The core's proposals for the units that map nothing, by `MODULE/UNIT`, from the framework the
 * curriculum's codes are read against; null when they could not be made. */
function unitSuggestions() {
  const { text, options } = state.checked;
  const read = { name: options.name, format: options.format };
  try {
    const framework = waypost.validate(text, { ...read, framework: options.framework }).framework;
    const all = waypost.suggestCurriculum(text, { ...read, framework, top: 3, minScore: 0 });
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
        el("span", { class: "actions" },
          el("button", { type: "button", class: "small", dataset: { action: "copy" }, "aria-label": `Copy ${s.code}, suggested for ${where}`, onclick: (event) => copyCode(s.code, event.currentTarget) }, `Copy ${s.code}`),
          weak ? null : el("button", { type: "button", class: "small", dataset: { action: "map" }, "aria-label": `Map ${s.code} to ${where} in the editor`, onclick: () => mapSuggestion(unit, s.code) }, "Map it in the editor")));
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
    mapped = waypost.map(text, `${unit.module}/${unit.unit}`, [`+${code}`], options.name);
  } catch (error) {
    setStatus(`Not mapped: ${String(error.message).split("\n  hint: ").join(". ")}`);
    return;
  }
  source.value = mapped;
  run();
  setStatus(`Mapped ${code} to ${unit.module} ${unit.unit} in the editor; the rest of the text is as it was. Save it to keep it.`);
}

function explainStatement(code) {
  if (!state.checked) return;
  const { text, options } = state.checked;
  let x;
  try {
    x = waypost.explain(text, code, { framework: options.framework, name: options.name, format: options.format });
  } catch (error) {
    $("evidence-body").replaceChildren(el("p", { class: "message" }, prose(error.message)));
    return;
  }
  const report = state.report;
  const cov = x.coverage;
  const s = x.statement;
  const units = cov.units.map((u) => el("li", {},
    el("span", { class: `badge ${levelClass(report, u.level)}` }, u.level),
    el("strong", {}, u.module), u.module_title ? ` ${u.module_title}` : "",
    " › ", el("strong", {}, u.unit), ` (${u.kind})`,
    u.text ? el("div", { class: "unit-text" }, u.text) : null,
    el("div", { class: "muted" },
      `mapped ${u.mapped}`,
      u.assessed_by?.length ? `; assessed by ${u.assessed_by.join(", ")}, so it counts as ${u.level}` : "",
      u.via ? `; via the crosswalk from ${u.via.statement} (${u.via.match} match)` : "")));
  $("evidence-body").replaceChildren(el("div", {},
    el("p", { class: "statement-head" },
      el("span", { class: `badge ${levelClass(report, cov.level)}` }, cov.level ?? "gap"),
      el("strong", { id: "evidence-code" }, s.code), " ", s.label),
    el("p", { class: "muted" }, `${s.domain}${s.page ? ` · ${s.page}` : ""}`),
    el("blockquote", {}, s.text, s.items?.length ? el("ul", {}, s.items.map((i) => el("li", {}, i))) : null),
    el("h4", {}, cov.units.length ? `Evidence (${cov.units.length})` : "Evidence"),
    cov.units.length ? el("ul", { class: "units" }, units) : el("p", {}, "Nothing in the curriculum covers this statement."),
    cov.related?.length ? el("p", { class: "muted" }, "Related via the crosswalk (not counted here): ",
      cov.related.map((r) => `${r.statement} (${r.match}${r.level ? `, ${r.level}` : ""})`).join("; ")) : null,
    el("h4", {}, cov.level ? "Activities and resources" : "What would help"),
    supportList(x.supports),
    x.related.length ? el("div", {}, el("h4", {}, "Related statements"),
      el("ul", {}, x.related.map((r) => el("li", {}, el("button", { type: "button", class: "link", onclick: () => explainStatement(r.code) }, r.code), ` ${r.label}: ${r.level ?? "gap"}`)))) : null,
    x.crosswalk.length ? el("div", {}, el("h4", {}, "Crosswalk"),
      el("ul", {}, x.crosswalk.map((m) => el("li", {}, `${m.statement} (${m.match} match${m.counts ? ", counts here" : ""})`)))) : null,
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
  ];
  const ext = { json: "json", markdown: "md", html: "html", csv: "csv", text: "txt" };
  const box = $("downloads");
  box.replaceChildren();
  for (const [format, label, type] of formats) {
    let body;
    try {
      body = waypost.render(report, format);
    } catch {
      continue; // a format this build of the core does not render
    }
    box.append(el("button", {
      type: "button",
      dataset: { format },
      onclick: () => download(`${report.curriculum.id}-coverage.${ext[format]}`, body, type),
    }, `Download ${label}`));
  }
}

function download(filename, body, type) {
  const url = URL.createObjectURL(new Blob([body], { type: `${type};charset=utf-8` }));
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
      el("legend", {}, `${d.name} (${statements.length})`),
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
  setStatus(`waypost could not start: ${error.message}`);
  console.error(error);
});
