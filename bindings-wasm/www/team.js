// Two views for the framework's purposes beyond one course and one person:
// - the team view: many self-assessments become a team's or service's needs (`Catalog.team`,
//   the same analysis as `waypost team`); members' names stay out of the page unless the
//   supervisor's box is ticked, since the engine is then not even asked for them;
// - what to expect: the plain, large-print page for people who use services and their families
//   and carers (`Catalog.whatToExpect`, as `waypost expect`), printable on its own.
// Every count, sentence and statement comes from the engine; this file reads files and draws.
import * as waypost from "./pkg/waypost.js";
import { team as exampleTeam } from "./examples.js";

const $ = (id) => document.getElementById(id);

/** The page's helpers (from app.js): el, prose, errorContent, download, catalog(). */
let ui;

const teamState = {
  items: [], // the self-assessments last opened: [{ name, text }]
  what: "",
  team: null,
};

// ---------------------------------------------------------------------------------------------
// The team view

export function setUpTeamView(helpers) {
  ui = helpers;
  const { el } = ui;
  $("team-view").append(
    el("section", { class: "card", "aria-labelledby": "tm-heading" },
      el("h2", { id: "tm-heading" }, "A team's or service's needs"),
      el("p", { class: "help" },
        "Open the self-assessments of a team's members (several files or a folder): per statement how many " +
        "members rate themselves at each level, the needs most members share, and the learning that would " +
        "serve the most members first. A manager's summary counts only; names show only in the supervisor's " +
        "view. The files are read in this page and never sent anywhere."),
      el("div", { class: "pf-open", id: "tm-dropzone" },
        el("div", { class: "field" },
          el("label", { for: "tm-folder" }, "Open a folder of self-assessments"),
          el("input", { id: "tm-folder", type: "file", webkitdirectory: true, multiple: true })),
        el("div", { class: "field" },
          el("label", { for: "tm-files" }, "Or open several self-assessment files"),
          el("input", { id: "tm-files", type: "file", multiple: true, accept: ".toml,.json,.yaml,.yml,text/plain,application/json" })),
        el("div", { class: "field" },
          el("span", { class: "label" }, "Example"),
          el("button", { id: "tm-load-example", type: "button" }, "Load the example team"),
          el("p", { class: "help" }, `${exampleTeam.length} fictional members of a community mental health team.`)),
        el("div", { class: "field" },
          el("span", { class: "label" }, "Names"),
          el("label", { class: "check", for: "tm-names" },
            el("input", { id: "tm-names", type: "checkbox" }), " Show names (supervisor's view)"),
          el("p", { class: "help" }, "Unticked, the page holds counts only."))),
      el("p", { id: "tm-status", class: "status", role: "status", "aria-live": "polite" },
        "Open a team's self-assessments, or load the example team.")),
    el("section", { id: "tm-failures", class: "card error", "aria-labelledby": "tm-failures-heading", hidden: true },
      el("h2", { id: "tm-failures-heading" }),
      el("p", { class: "help" }, "The other self-assessments are counted below without them."),
      el("div", { id: "tm-failures-body" })),
    el("section", { id: "tm-results", class: "results", "aria-labelledby": "tm-results-heading", tabindex: "-1", hidden: true }),
  );
  $("tm-load-example").addEventListener("click", () => open(exampleTeam.map((f) => ({ ...f })), "the example team"));
  $("tm-names").addEventListener("change", () => teamState.items.length && analyse());
  $("tm-files").addEventListener("change", async (event) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = "";
    await openFiles(files.map((file) => ({ file, name: file.name })));
  });
  $("tm-folder").addEventListener("change", async (event) => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])].map((file) => ({ file, name: file.webkitRelativePath || file.name }));
    input.value = "";
    // A folder's self-assessments: the files the engine reads in a folder, in its order.
    const byName = new Map(files.map((f) => [f.name, f]));
    const chosen = waypost.folderFiles([...byName.keys()]).filter((name) => !/\.(csv|xlsx)$/i.test(name));
    const folders = [...new Set(files.map((f) => f.name.split("/")[0]))];
    await openFiles(chosen.map((name) => byName.get(name)), folders.length === 1 ? `the folder ${folders[0]}` : undefined);
  });
  const zone = $("tm-dropzone");
  zone.addEventListener("dragover", (event) => event.preventDefault());
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    event.stopPropagation();
    const files = [...(event.dataTransfer?.files ?? [])];
    await openFiles(files.map((file) => ({ file, name: file.name })));
  });
}

function setStatus(text) {
  $("tm-status").textContent = text;
}

async function openFiles(list, what) {
  if (!list.length) {
    setStatus("No self-assessment file (TOML, JSON or YAML) there.");
    return;
  }
  let items;
  try {
    items = await Promise.all(list.map(async ({ file, name }) => ({ name, text: await file.text() })));
  } catch (error) {
    setStatus(`Could not read the files: ${error.message}`);
    return;
  }
  open(items, what ?? `${items.length} file${items.length === 1 ? "" : "s"}`);
}

function open(items, what) {
  teamState.items = items;
  teamState.what = what;
  const t = analyse();
  if (t) $(t.failures.length ? "tm-failures" : "tm-results").scrollIntoView({ block: "start" });
}

function analyse() {
  const names = $("tm-names").checked;
  let t;
  try {
    t = ui.catalog().team(teamState.items, { names });
  } catch (error) {
    // Only the call itself fails here (no self-assessment at all could be read, or they name
    // different frameworks): a file that fails on its own is in the team's failures.
    setStatus(`Not counted: ${String(error.message).split("\n  hint: ").join(". ")}`);
    $("tm-results").hidden = true;
    $("tm-failures").hidden = true;
    teamState.team = null;
    return null;
  }
  teamState.team = t;
  showFailures(t, names);
  showTeam(t);
  const failed = t.failures.length;
  setStatus(`Counted ${t.members} self-assessment${t.members === 1 ? "" : "s"} from ${teamState.what}` +
    (failed ? `; ${failed} file${failed === 1 ? "" : "s"} could not be read (listed below).` : "."));
  return t;
}

function showFailures(t, names) {
  const { el } = ui;
  const n = t.failures.length;
  $("tm-failures").hidden = n === 0;
  $("tm-failures-heading").textContent = `${n} file${n === 1 ? "" : "s"} left out of the team`;
  // The file's text is shown around the error only in the supervisor's view: it holds a name.
  const texts = new Map(teamState.items.map((item) => [item.name, item.text]));
  $("tm-failures-body").replaceChildren(...t.failures.map((f) => el("div", { class: "pf-failure tm-failure", dataset: { path: f.path } },
    el("p", {}, el("strong", {}, f.path)),
    ui.errorContent(f.error, names ? texts.get(f.path) ?? "" : "", null))));
}

function showTeam(t) {
  const { el, prose } = ui;
  const scale = t.scale;
  const stat = (value, label) => el("div", { class: "stat" }, el("span", { class: "value" }, value), el("span", { class: "label" }, label));
  const needsList = el("ol", { class: "tm-needs", id: "tm-needs" }, t.needs.slice(0, 15).map((n) => el("li", { dataset: { code: n.code } },
    el("strong", {}, n.code), " ", prose(n.label), " ",
    el("span", { class: "tm-count" }, `${n.members} of ${t.members} member${t.members === 1 ? "" : "s"}`),
    n.names ? el("span", { class: "muted tm-names" }, ` (${n.names.join(", ")})`) : null,
    n.supports.length ? el("span", { class: "muted" }, ` · supported by ${n.supports.join(", ")}`) : null)));
  const activities = el("ol", { class: "tm-activities", id: "tm-activities" }, t.activities.slice(0, 10).map((a) => el("li", { dataset: { code: a.code } },
    el("strong", {}, a.code), " ", prose(a.title), " ",
    el("span", { class: "tm-count" }, `serves ${a.members} of ${t.members}`),
    el("span", { class: "muted" }, ` · for ${a.needs.slice(0, 8).join(", ")}${a.needs.length > 8 ? ` and ${a.needs.length - 8} more` : ""}`))));
  const table = el("table", { id: "tm-counts", class: "numbers" },
    el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, "Statement"),
      scale.map((level) => el("th", { scope: "col" }, level)),
      el("th", { scope: "col" }, "Not rated"),
      el("th", { scope: "col" }, "Below target"))),
    el("tbody", {}, t.statements.map((s) => el("tr", { dataset: { code: s.code } },
      el("th", { scope: "row" }, el("strong", {}, s.code), " ", s.label),
      s.counts.map((c) => el("td", {}, c)),
      el("td", {}, s.unrated),
      el("td", { class: s.below ? "tm-below" : null }, s.below)))));
  const formats = [
    ["html", "HTML", "text/html", "html"],
    ["markdown", "Markdown", "text/markdown", "md"],
    ["csv", "CSV", "text/csv", "csv"],
    ["json", "JSON", "application/json", "json"],
    ["xlsx", "Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"],
  ];
  $("tm-results").replaceChildren(
    el("header", { class: "card report-head" },
      el("div", {},
        el("h2", { id: "tm-results-heading" }, `The team's needs: ${t.framework.title}`),
        el("p", { class: "muted" }, t.names
          ? `Supervisor's view, with names: ${t.names.join(", ")}.`
          : "Manager's summary: counts only, no names."))),
    el("div", { class: "stats", id: "tm-stats" },
      stat(t.members, "members counted"),
      stat(t.needs.length, "statements below some member's target"),
      stat(t.needs[0] ? `${t.needs[0].members} of ${t.members}` : "0", "share the most common need"),
      stat(t.activities.length, "activities and resources that help")),
    el("div", { class: "two" },
      el("section", { class: "card", "aria-labelledby": "tm-needs-heading" },
        el("h3", { id: "tm-needs-heading" }, "The needs most members share"),
        el("p", { class: "help" }, `Statements members rate below their target, most members first${t.needs.length > 15 ? ` (the first 15 of ${t.needs.length}; the downloads hold all)` : ""}.`),
        needsList),
      el("section", { class: "card", "aria-labelledby": "tm-activities-heading" },
        el("h3", { id: "tm-activities-heading" }, "Learning that serves most members first"),
        el("p", { class: "help" }, `Activities and resources linked to the shared needs${t.activities.length > 10 ? ` (the first 10 of ${t.activities.length})` : ""}.`),
        activities)),
    el("section", { class: "card", "aria-labelledby": "tm-counts-heading" },
      el("h3", { id: "tm-counts-heading" }, "Members at each level, per statement"),
      el("p", { class: "help" }, "How many members rate themselves at each level of the scale; the table scrolls in its frame."),
      el("div", { class: "scroll tm-counts-wrap", tabindex: "0", role: "region", "aria-labelledby": "tm-counts-heading" }, table)),
    el("section", { class: "card", "aria-labelledby": "tm-download-heading" },
      el("h3", { id: "tm-download-heading" }, "Download the team view"),
      el("p", { class: "help" }, "The same reports as ", el("code", {}, "waypost team --format"), ", made in this page; nothing is sent anywhere."),
      el("div", { class: "row", id: "tm-downloads" }, formats.map(([format, label, type, ext]) => el("button", {
        type: "button",
        dataset: { format },
        onclick: () => {
          let body;
          try {
            body = waypost.renderTeam(t, format);
          } catch (error) {
            setStatus(`Not downloaded: ${error.message}`);
            return;
          }
          ui.download(`team-${t.framework.id}.${ext}`, body, type);
        },
      }, `Download ${label}`)))),
  );
  $("tm-results").hidden = false;
}

// ---------------------------------------------------------------------------------------------
// What to expect

let expectPage = null;

export function setUpExpectView(helpers) {
  ui = helpers;
  const { el } = ui;
  $("expect-view").append(
    el("section", { class: "card no-print", "aria-labelledby": "ex-heading" },
      el("h2", { id: "ex-heading" }, "What to expect: a page for people who use services"),
      el("p", { class: "help" },
        "A plain, large-print page for people who use services and their families and carers: what they " +
        "can expect from mental health workers, in the framework's own published words (values first), " +
        "with its source. Print it, or download it as a web page."),
      el("div", { class: "row" },
        el("label", { for: "ex-framework" }, "Framework "),
        el("select", { id: "ex-framework" }),
        el("button", { id: "ex-print", type: "button", onclick: () => window.print() }, "Print this page"),
        el("button", { id: "ex-download", type: "button", onclick: downloadExpect }, "Download HTML")),
      el("p", { id: "ex-status", class: "status", role: "status", "aria-live": "polite" })),
    el("article", { id: "ex-page", class: "expect-page", "aria-labelledby": "ex-title" }),
  );
  $("ex-framework").addEventListener("change", drawExpect);
  // The list of frameworks follows the page's catalog: it is filled each time the view shows.
  new MutationObserver(() => {
    if (!$("expect-view").hidden) {
      fillExpectFrameworks();
      drawExpect();
    }
  }).observe($("expect-view"), { attributes: true, attributeFilter: ["hidden"] });
  if (!$("expect-view").hidden) {
    fillExpectFrameworks();
    drawExpect();
  }
}

function fillExpectFrameworks() {
  const { el } = ui;
  const select = $("ex-framework");
  const current = select.value || ui.frameworkChoice() || waypost.defaultFramework();
  select.replaceChildren(...ui.catalog().frameworks().map((f) => el("option", { value: f.id }, `${f.title}${f.year ? ` (${f.year})` : ""}`)));
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

function drawExpect() {
  let page;
  try {
    page = ui.catalog().whatToExpect({ framework: $("ex-framework").value || undefined });
  } catch (error) {
    $("ex-status").textContent = `Not made: ${String(error.message).split("\n  hint: ").join(". ")}`;
    $("ex-page").replaceChildren();
    expectPage = null;
    return;
  }
  // The core's own large-print page (`waypost expect --format html`), shown here under the
  // page's styles: not a word is the page's.
  let html;
  try {
    html = waypost.renderExpectations(page, "html");
  } catch (error) {
    $("ex-status").textContent = `Not made: ${error.message}`;
    return;
  }
  expectPage = page;
  $("ex-status").textContent = "";
  // Its body only: its own styles are for the downloaded file (and the page's policy refuses
  // them). A template's content is inert: nothing in it runs or loads.
  const from = html.indexOf("<body>");
  const to = html.lastIndexOf("</body>");
  const template = document.createElement("template");
  template.innerHTML = from >= 0 && to > from ? html.slice(from + "<body>".length, to) : "";
  $("ex-page").replaceChildren(document.importNode(template.content, true));
  $("ex-page").querySelector("h1")?.setAttribute("id", "ex-title");
}

function downloadExpect() {
  if (!expectPage) return;
  let body;
  try {
    body = waypost.renderExpectations(expectPage, "html");
  } catch (error) {
    $("ex-status").textContent = `Not downloaded: ${error.message}`;
    return;
  }
  ui.download(`what-to-expect-${expectPage.framework}.html`, body, "text/html");
}
