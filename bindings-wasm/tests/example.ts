// A small TypeScript program against the generated declarations; `tsc --noEmit -p tests`
// checks it, so a change to the Rust types that breaks callers fails the build.
import {
  Catalog,
  check,
  explain,
  frameworks,
  loadCurriculum,
  render,
  type CheckOptions,
  type Curriculum,
  type CurriculumInput,
  type Evidence,
  type Report,
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

console.log(gaps, level, perLevel, evidence, json.length, units, again.summary, ids, listed);
catalog.free();
