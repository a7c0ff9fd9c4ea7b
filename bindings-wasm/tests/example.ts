// A small TypeScript program against the generated declarations; `tsc --noEmit -p tests`
// checks it, so a change to the Rust types that breaks callers fails the build.
import {
  Catalog,
  addAssessment,
  addModule,
  addUnit,
  check,
  diff,
  explain,
  exportCase,
  exportMoodle,
  frameworks,
  importCase,
  importGrid,
  importMoodle,
  loadCurriculum,
  loadSelfAssessment,
  map,
  newCurriculum,
  plan,
  portfolio,
  render,
  renderDiff,
  renderPlan,
  renderPortfolio,
  renderSuggestions,
  suggest,
  suggestCurriculum,
  suggestionsGrid,
  weakBelow,
  type CheckOptions,
  type Curriculum,
  type CurriculumInput,
  type CurriculumSuggestions,
  type Diff,
  type Evidence,
  type Exported,
  type Framework,
  type Imported,
  type ImportedCurriculum,
  type Need,
  type NewModule,
  type NewUnit,
  type Plan,
  type Portfolio,
  type PortfolioItem,
  type ReasonKind,
  type Report,
  type SelfAssessment,
  type Suggestion,
  type WaypostError,
} from "../pkg/node/waypost.js";

const text = `
id = "demo"
title = "Demo course"

[[modules]]
code = "M1"

[[modules.units]]
id = "LO1"
covers = ["K4", "V9:developed"]
`;

const options: CheckOptions = { name: "demo.toml", framework: "realising-recovery-2007" };
const report: Report = check(text, options);
const gaps: string[] = report.gaps.map((g) => `${g.code} ${g.label}`);
const level: string | null = report.statements[0].level;
const perLevel: number = report.summary.by_level["introduced"];
const evidence: Evidence[] = explain(text, "K4", options).coverage.units;
const json: string = render(report, "json");
// The workbook is bytes, with the curriculum as a mapping grid when it is given.
const book: Uint8Array = render(report, "xlsx", loadCurriculum(text, "toml", "demo.toml"));

// Only some parts of the report, for a caller that reads the verdict and the totals alone.
const brief = check(text, { ...options, parts: ["passed", "summary"] });
const verdict: boolean = brief.passed;
const briefGaps: number = brief.summary.gaps;
// @ts-expect-error: parts not asked for are not there
brief.gaps;

// What waypost returns is complete; what it accepts may leave defaults out.
const curriculum: Curriculum = loadCurriculum(text, "toml", "demo.toml");
const units: number = curriculum.modules[0].units.length;
const edited: CurriculumInput = {
  ...curriculum,
  modules: [...curriculum.modules, { code: "M2", units: [{ id: "LO1", covers: ["S11:developed"] }] }],
};
const again: Report = check(edited);

const catalog = new Catalog();
const ids: string[] = catalog.frameworks().map((f) => f.id);
const listed: number = frameworks().length;

try {
  check("id = ", { name: "broken.toml" });
} catch (e) {
  const error = e as WaypostError;
  const where: string = `${error.path ?? ""}:${error.line ?? 0}:${error.column ?? 0}`;
  const code: string = error.code;
  const first = error.diagnostics[0]?.message;
  console.log(where, code, first);
}

console.log(gaps, level, perLevel, evidence, json.length, verdict, briefGaps, units, again.summary, ids, listed);
catalog.free();

// Suggestions, plans, interop, editing, portfolios and diffs, typed the same way.
const suggestions: Suggestion[] = suggest("Convey hope", { top: 3, minScore: 0.1 });
const firstReason: ReasonKind | undefined = suggestions[0]?.reasons[0]?.kind;
const proposals: CurriculumSuggestions = suggestCurriculum(text, { maxMappings: 0, name: "demo.toml" });
const grid: string = suggestionsGrid(text, proposals, { name: "demo.toml" });
const weak: boolean = (suggestions[0]?.score ?? 0) < weakBelow();
const listed2: string = renderSuggestions(suggestions, "text");

const assessment: SelfAssessment = loadSelfAssessment('name = "Alex"\n[ratings]\nK4 = "aware"\n', "toml");
const myPlan: Plan = plan(assessment, { target: "confident", includeUnrated: false });
const firstNeed: Need | undefined = myPlan.needs[0];
const page: string = renderPlan(myPlan, "html");

const exported: string = exportCase("realising-recovery-2007", { baseUri: "https://case.example.org" });
const imported: Imported = importCase(exported, { domains: "hierarchy", name: "rr.json" });
const moodle: Exported = exportMoodle("nimhe-guiding-statement-2004");
const back: Framework = importMoodle(moodle.text, { id: "nimhe-again" }).framework;
const fromGrid: ImportedCurriculum = importGrid("module,unit,covers\nM1,LO1,K4\n", { title: "Grid" });

const module: NewModule = { code: "M2", title: "Second" };
const unit: NewUnit = { module: "M2", id: "LO1", kind: "session", covers: ["K4"] };
let edited2: string = map(text, "M1/LO1", ["+K5:developed", "-V9"], "demo.toml");
edited2 = addAssessment(addUnit(addModule(edited2, module), unit), { module: "M2", id: "A1", assesses: ["LO1"] });
const starter: string = newCurriculum({ id: "new", title: "New", framework: "realising-recovery-2007" });

const items: PortfolioItem[] = [{ name: "demo.toml", text }, { name: "grid.csv", text: grid }];
const many: Portfolio = portfolio(items, { framework: "realising-recovery-2007" });
const changes: Diff = diff(text, edited2, { oldName: "demo.toml" });
const lost: boolean = changes.lost_anything;
console.log(firstReason, weak, listed2, firstNeed?.code, page.length, imported.notes, back.id, fromGrid.text);
console.log(starter, renderPortfolio(many, "csv"), renderDiff(changes, "markdown"), lost);
