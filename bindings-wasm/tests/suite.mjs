// The JavaScript test suite, written once and run twice: against the Node build by
// api.test.mjs (node --test) and against the web build inside Chromium by browser.test.mjs.
//
// suite({ waypost, fixtures, test, assert }) declares the tests. `fixtures` holds the shared
// test vectors and bad-input files of tests/ as text (see loadFixtures in api.test.mjs and
// browser.mjs), so this file does no I/O and runs unchanged in both places.

const LEVELS = ["introduced", "developed", "assessed"];

/** Asserts that `fn` throws a waypost `Error` and returns it. */
function thrown(assert, fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, `an Error is thrown, not ${typeof e}`);
    assert.equal(e.name, "WaypostError");
    assert.equal(typeof e.code, "string");
    assert.ok(Array.isArray(e.diagnostics), "diagnostics is an array");
    return e;
  }
  assert.fail("expected an error");
}

/** Checks a vector case: with the built-in frameworks, or a catalog that adds the case's
 * `with` framework files, as `waypost check --with` does. */
function checkCase(waypost, vectors, c, options) {
  if (!c.with?.length) return waypost.check(vectors[c.curriculum], options);
  const catalog = new waypost.Catalog();
  try {
    for (const file of c.with) catalog.addFramework(vectors[file], undefined, file);
    return catalog.check(vectors[c.curriculum], options);
  } finally {
    catalog.free();
  }
}

export function suite({ waypost, fixtures, test, assert }) {
  const { cases, suggestCases, planCases, teamCases, portfolioCases, expectCases, vectors, badInput, badPlans, files, workbooks, versions } = fixtures;

  test("the shared test vectors give their recorded reports, byte for byte", () => {
    assert.ok(cases.length >= 7, "the vectors are there");
    for (const c of cases) {
      const options = { name: c.curriculum };
      if (c.framework) options.framework = c.framework;
      if (c.policy) options.policy = vectors[c.policy];
      const report = checkCase(waypost, vectors, c, options);
      const expected = vectors[c.expected];
      assert.equal(waypost.render(report, "json"), expected, `${c.name}: rendered JSON`);
      // The object itself has exactly the shape of the JSON (null for a missing level, maps
      // as objects, keys in order).
      assert.deepEqual(report, JSON.parse(expected), `${c.name}: report object`);
      assert.equal(JSON.stringify(report), JSON.stringify(JSON.parse(expected)), c.name);
    }
  });

  test("reports render in every recorded format, byte for byte", () => {
    const rendered = cases.filter((c) => c.renders?.length);
    assert.ok(rendered.length >= 3, "the vectors record renders");
    let compared = 0;
    for (const c of rendered) {
      const options = { name: c.curriculum };
      if (c.framework) options.framework = c.framework;
      if (c.policy) options.policy = vectors[c.policy];
      const report = checkCase(waypost, vectors, c, options);
      for (const format of c.renders) {
        const file = renderFile(c.expected, format);
        assert.equal(waypost.render(report, format), vectors[file], `${c.name}: ${file}`);
        compared += 1;
      }
    }
    assert.ok(compared >= 12);
  });

  test("the suggestion vectors give their recorded rankings, byte for byte", () => {
    assert.ok(suggestCases.length >= 4, "the vectors are there");
    for (const c of suggestCases) {
      const found = waypost.suggest(c.text, { framework: c.framework, top: c.top });
      const expected = vectors[c.expected];
      assert.ok(found.length <= c.top, c.name);
      assert.equal(waypost.renderSuggestions(found, "json"), expected, `${c.name}: rendered JSON`);
      assert.deepEqual(found, JSON.parse(expected), `${c.name}: the objects`);
    }
  });

  test("the plan vectors give their recorded plans and renders, byte for byte", () => {
    assert.ok(planCases.length >= 2, "the vectors are there");
    for (const c of planCases) {
      const name = c.self_assessment.split("/").pop();
      const options = { name };
      if (c.target) options.target = c.target;
      const plan = waypost.plan(vectors[c.self_assessment], options);
      assert.equal(waypost.renderPlan(plan, "json"), vectors[c.expected], `${c.name}: JSON`);
      assert.deepEqual(plan, JSON.parse(vectors[c.expected]), `${c.name}: the object`);
      for (const format of c.renders ?? []) {
        const file = renderFile(c.expected, format);
        assert.equal(waypost.renderPlan(plan, format), vectors[file], `${c.name}: ${file}`);
      }
    }
  });

  test("the team vectors give their recorded views and renders, byte for byte", () => {
    assert.ok(teamCases.length >= 2, "the vectors are there");
    for (const c of teamCases) {
      const members = c.self_assessments.map((file) => ({
        name: file.split("/").pop(),
        text: vectors[file],
      }));
      const options = { names: c.names ?? false };
      if (c.target) options.target = c.target;
      const team = waypost.team(members, options);
      assert.equal(waypost.renderTeam(team, "json"), vectors[c.expected], `${c.name}: JSON`);
      assert.deepEqual(team, JSON.parse(vectors[c.expected]), `${c.name}: the object`);
      for (const format of c.renders ?? []) {
        const file = renderFile(c.expected, format);
        assert.equal(waypost.renderTeam(team, format), vectors[file], `${c.name}: ${file}`);
      }
    }
  });

  test("the portfolio vectors give their recorded reach and training, byte for byte", () => {
    assert.ok(portfolioCases.length >= 1, "the vectors are there");
    for (const c of portfolioCases) {
      const courses = c.curricula.map((file) => ({ name: file.split("/").pop(), text: vectors[file] }));
      const p = waypost.portfolio(courses, {
        fewLearners: c.few_learners,
        settings: c.settings ?? [],
        gapsToTraining: c.gaps_to_training ?? false,
      });
      assert.equal(waypost.renderPortfolio(p, "json"), vectors[c.expected], `${c.name}: JSON`);
      for (const format of c.renders ?? []) {
        const file = renderFile(c.expected, format);
        assert.equal(waypost.renderPortfolio(p, format), vectors[file], `${c.name}: ${file}`);
      }
    }
  });

  test("the what-to-expect vectors give their recorded pages, byte for byte", () => {
    assert.ok(expectCases.length >= 2, "the vectors are there");
    for (const c of expectCases) {
      const page = waypost.whatToExpect({ framework: c.framework });
      assert.equal(waypost.renderExpectations(page, "json"), vectors[c.expected], `${c.name}: JSON`);
      assert.deepEqual(page, JSON.parse(vectors[c.expected]), `${c.name}: the object`);
      for (const format of c.renders ?? []) {
        const file = renderFile(c.expected, format);
        assert.equal(waypost.renderExpectations(page, format), vectors[file], `${c.name}: ${file}`);
      }
    }
  });

  test("every bad input throws its recorded error", () => {
    const names = Object.keys(badInput).filter((n) => !n.endsWith(".expected.json"));
    assert.ok(names.length >= 20, "the bad-input suite is there");
    for (const name of names.sort()) {
      const expected = JSON.parse(badInput[`${name}.expected.json`]);
      const e = thrown(assert, () => waypost.check(badInput[name], { name }));
      assert.equal(e.code, expected.code, `${name}: code`);
      assert.equal(e.message, expected.message, `${name}: message`);
      assert.deepEqual(e.diagnostics, expected.diagnostics, `${name}: diagnostics`);
      const first = expected.diagnostics[0] ?? {};
      for (const key of ["path", "line", "column", "pointer", "hint"]) {
        assert.equal(e[key], first[key], `${name}: ${key}`);
      }
    }
  });

  test("the built-in frameworks are listed and returned whole", () => {
    const list = waypost.frameworks();
    const ids = list.map((f) => f.id);
    assert.ok(ids.includes("realising-recovery-2007"));
    assert.ok(ids.includes("nimhe-guiding-statement-2004"));
    assert.equal(waypost.defaultFramework(), "realising-recovery-2007");
    const rr = list.find((f) => f.id === "realising-recovery-2007");
    assert.equal(rr.statements, 67);
    const framework = waypost.framework("realising-recovery-2007");
    assert.equal(framework.statements.length, 67);
    assert.deepEqual(framework.levels, LEVELS);
    assert.equal(framework.statements.find((s) => s.code === "K4").domain, "knowledge");

    const e = thrown(assert, () => waypost.framework("realising-recovery"));
    assert.equal(e.code, "unknown-framework");
    assert.match(e.message, /unknown framework `realising-recovery`/);
    assert.match(e.message, /`realising-recovery-2007`/);
    assert.deepEqual(e.diagnostics, []);
  });

  test("a curriculum loads from text in every format, or from an object, to one model", () => {
    const toml = waypost.loadCurriculum(vectors["same-course.toml"], null, "same-course.toml");
    const json = waypost.loadCurriculum(vectors["same-course.json"], "json");
    const yaml = waypost.loadCurriculum(vectors["same-course.yaml"], undefined, "same-course.yaml");
    assert.deepEqual(json, toml);
    assert.deepEqual(yaml, toml);
    assert.deepEqual(waypost.loadCurriculum(toml), toml);
    assert.equal(toml.modules.length > 0, true);

    const grid = waypost.loadCurriculum(vectors["grid-forms.csv"], "csv", "grid-forms.csv");
    assert.ok(grid.modules.length > 0);

    const e = thrown(assert, () => waypost.loadCurriculum(vectors["same-course.toml"], "xls"));
    assert.equal(e.code, "usage");
    assert.match(e.message, /unknown format `xls`/);
  });

  test("checking the loaded object gives the same report as checking the text", () => {
    const text = vectors["derived-assessed.toml"];
    const fromText = waypost.check(text, { name: "derived-assessed.toml" });
    const fromObject = waypost.check(waypost.loadCurriculum(text, "toml"));
    assert.equal(waypost.render(fromObject, "json"), waypost.render(fromText, "json"));
    assert.equal(waypost.render(fromText, "json"), vectors["derived-assessed.report.json"]);
    // A report of the first version of the schema (before each unit was listed once) is
    // refused with what to do, not read as if it were this version.
    const { schema_version: _, ...older } = fromText;
    const e = thrown(assert, () => waypost.render(older, "markdown"));
    assert.match(e.message, /no `schema_version` \(a report of version 1/);
    assert.match(e.hint, /check the curriculum again/);
  });

  test("check hands over only the parts of the report that options.parts names", () => {
    const text = vectors["grid-forms.csv"];
    const options = { name: "grid-forms.csv" };
    const whole = waypost.check(text, options);
    assert.ok(whole.warnings.length > 0, "this vector has warnings, so every key is there");
    const keys = Object.keys(whole);
    assert.equal(keys.length, 14);

    // Named in any order, they come in the report's order, equal to the whole report's.
    const some = waypost.check(text, { ...options, parts: ["gaps", "summary", "passed"] });
    assert.deepEqual(Object.keys(some), ["passed", "summary", "gaps"]);
    assert.deepEqual(some.summary, whole.summary);
    assert.deepEqual(some.gaps, whole.gaps);
    assert.equal(some.passed, whole.passed);

    // Every part, named backwards: the whole report, byte for byte.
    const all = waypost.check(text, { ...options, parts: [...keys].reverse() });
    assert.equal(JSON.stringify(all, null, 2), JSON.stringify(whole, null, 2));
    assert.equal(waypost.render(all, "json"), vectors["grid-forms.report.json"]);
    assert.deepEqual(waypost.check(text, { ...options, parts: [] }), {});

    // Warnings are left out when there are none, as in the whole report.
    const clean = waypost.check(vectors["derived-assessed.toml"], { parts: ["passed", "warnings"] });
    assert.deepEqual(Object.keys(clean), ["passed"]);

    // A catalog's check takes the option too.
    const catalog = new waypost.Catalog();
    try {
      assert.deepEqual(catalog.check(text, { ...options, parts: ["domains"] }), { domains: whole.domains });
    } finally {
      catalog.free();
    }

    const typo = thrown(assert, () => waypost.check(text, { parts: ["summry"] }));
    assert.equal(typo.code, "parse");
    assert.match(typo.message, /unknown variant `summry`/);
    assert.match(typo.message, /`summary`/);
    for (const other of [waypost.explain, waypost.validate]) {
      const args = other === waypost.explain ? [text, "K1", { parts: ["gaps"] }] : [text, { parts: ["gaps"] }];
      const e = thrown(assert, () => other(...args));
      assert.equal(e.code, "parse");
      assert.match(e.message, /takes no `parts` option/);
    }
  });

  test("a problem in an object is located by its pointer", () => {
    const curriculum = {
      id: "from-js",
      title: "Built in JavaScript",
      modules: [{ code: "M1", units: [{ id: "LO1", covers: ["K4", "K99"] }] }],
    };
    const e = thrown(assert, () => waypost.check(curriculum));
    assert.equal(e.code, "invalid");
    assert.equal(e.pointer, "modules[0].units[0].covers[1]");
    assert.match(e.diagnostics[0].message, /unknown statement `K99`/);

    const missing = thrown(assert, () => waypost.loadCurriculum({ id: "x" }));
    assert.equal(missing.code, "parse");
    assert.match(missing.message, /title/);
  });

  test("wrong arguments throw located Errors, never strings", () => {
    for (const value of [42, true, undefined, null]) {
      const e = thrown(assert, () => waypost.check(value));
      assert.equal(e.code, "parse");
      assert.match(e.message, /^expected the curriculum as text or an object, not /);
    }
    const typo = thrown(assert, () =>
      waypost.check(vectors["derived-assessed.toml"], { frameWork: "x" }),
    );
    assert.equal(typo.code, "parse");
    assert.match(typo.message, /unknown option `frameWork`/);
    assert.match(typo.hint, /`framework`/);

    const unknown = thrown(assert, () =>
      waypost.check(vectors["derived-assessed.toml"], { framework: "nimhe" }),
    );
    assert.equal(unknown.code, "unknown-framework");

    const format = thrown(assert, () =>
      waypost.render(waypost.check(vectors["derived-assessed.toml"]), "pdf"),
    );
    assert.equal(format.code, "usage");
    assert.match(format.message, /unknown report format `pdf`/);

    const report = thrown(assert, () => waypost.render({ curriculum: 1 }, "json"));
    assert.equal(report.code, "parse");
    assert.match(report.message, /^cannot read the report: /);
    const options = thrown(assert, () => waypost.check(vectors["derived-assessed.toml"], { format: 5 }));
    assert.match(options.message, /^cannot read the options: /);
  });

  test("a policy is given as text or as an object, with the same verdict", () => {
    const text = vectors["policy-shares.toml"];
    const policy = waypost.loadPolicy(text, "toml", "policy-shares.toml");
    assert.equal(policy.title, "vector policy");
    const curriculum = vectors["derived-assessed.toml"];
    const a = waypost.check(curriculum, { name: "derived-assessed.toml", policy: text });
    const b = waypost.check(curriculum, { name: "derived-assessed.toml", policy });
    assert.equal(waypost.render(b, "json"), waypost.render(a, "json"));
    assert.equal(waypost.render(a, "json"), vectors["derived-assessed.policy.report.json"]);

    const e = thrown(assert, () => waypost.loadPolicy('[[require]]\ndomain = "values"\nlevel = 3\n'));
    assert.equal(e.code, "parse");
    assert.equal(e.line, 3);
  });

  test("explain gives the evidence chain, or what would help a gap", () => {
    const text = vectors["derived-assessed.toml"];
    const report = waypost.check(text, { name: "derived-assessed.toml" });
    const covered = report.statements.find((s) => s.level !== null);
    const explanation = waypost.explain(text, covered.code, { name: "derived-assessed.toml" });
    assert.equal(explanation.statement.code, covered.code);
    // The report lists every unit once and the explanation the units its evidence names; each
    // piece of evidence names its unit by its index in its own list.
    assert.equal(report.schema_version, 2);
    assert.ok(covered.units.length > 0);
    assert.deepEqual(
      explanation.coverage.units.map((e) => explanation.units[e.unit_index]),
      covered.units.map((e) => report.units[e.unit_index]),
    );
    assert.deepEqual(
      explanation.coverage.units.map(({ mapped, level }) => [mapped, level]),
      covered.units.map(({ mapped, level }) => [mapped, level]),
    );
    assert.deepEqual({ ...explanation.coverage, units: [] }, { ...covered, units: [] });

    const gap = report.gaps[0];
    const why = waypost.explain(text, gap.code);
    assert.equal(why.coverage.level, null);
    assert.deepEqual(why.supports, gap.supports);

    assert.match(waypost.renderExplanation(why, "markdown"), new RegExp(gap.code));
    assert.equal(
      waypost.renderExplanation(why, "json"),
      `${JSON.stringify(why, null, 2)}\n`,
    );
    const e = thrown(assert, () => waypost.explain(text, "K26"));
    assert.equal(e.code, "invalid");
    assert.match(e.message, /K1–K25|K1-K25/);
  });

  test("validate counts what resolves", () => {
    const v = waypost.validate(vectors["same-course.toml"], { name: "same-course.toml" });
    const c = waypost.loadCurriculum(vectors["same-course.toml"], "toml");
    assert.equal(v.curriculum, c.id);
    assert.equal(v.framework, "realising-recovery-2007");
    assert.equal(v.modules, c.modules.length);
    assert.ok(v.mappings > 0);
    assert.ok(Array.isArray(v.warnings));
  });

  test("reports render as text, Markdown and JSON", () => {
    const report = waypost.check(vectors["derived-assessed.toml"]);
    const text = waypost.render(report, "text");
    assert.ok(text.includes(report.curriculum.title));
    const markdown = waypost.render(report, "markdown");
    assert.ok(markdown.startsWith("#"), "Markdown starts with a heading");
    assert.equal(waypost.render(report, "JSON"), waypost.render(report, "json"));
  });

  test("the page's heatmap shades are the HTML report's: both come from levelShade", () => {
    const report = waypost.check(vectors["derived-assessed.toml"]);
    const html = waypost.render(report, "html");
    // The report's legend: <span class="key lN">I</span> introduced
    const legend = [...html.matchAll(/<span class="key l(\d)">[^<]*<\/span> ([^ <]+)/g)];
    assert.equal(legend.length, report.levels.length, "a key for every level");
    for (const [, shade, level] of legend) {
      assert.equal(waypost.levelShade(report.levels, level), Number(shade), level);
    }
    assert.equal(waypost.levelShade(report.levels, undefined), 0, "not covered");
    assert.equal(waypost.levelShade(report.levels, "nonsense"), 0, "not on the scale");
    // Any length of scale: the lowest level is the lightest, the top the darkest, in order.
    for (let n = 1; n <= 6; n++) {
      const scale = Array.from({ length: n }, (_, i) => `level${i}`);
      const shades = scale.map((l) => waypost.levelShade(scale, l));
      assert.equal(shades.at(-1), 3, `top of ${n}`);
      if (n > 1) assert.equal(shades[0], 1, `bottom of ${n}`);
      assert.deepEqual([...shades].sort(), shades, `in order for ${n}`);
    }
    assert.deepEqual(waypost.shades(), ["#c6dbef", "#6baed6", "#08519c"]);
  });

  test("the JSON Schemas are those of the core", () => {
    for (const kind of ["curriculum", "framework", "policy", "crosswalk", "report", "self-assessment"]) {
      const schema = waypost.schema(kind);
      assert.equal(typeof schema, "object");
      assert.ok(schema.title, `${kind} has a title`);
    }
    assert.equal(waypost.schema("report").title, "Report");
    assert.equal(waypost.schema("self-assessment").title, "SelfAssessment");
    const e = thrown(assert, () => waypost.schema("module"));
    assert.match(e.message, /no schema named `module`/);
    assert.match(e.hint, /`self-assessment`/);
  });

  test("a catalog takes frameworks and crosswalks of one's own", () => {
    const catalog = new waypost.Catalog();
    assert.deepEqual(
      catalog.frameworks().map((f) => f.id),
      waypost.frameworks().map((f) => f.id),
    );
    const mine = waypost.framework("realising-recovery-2007");
    mine.id = "my-recovery-framework";
    mine.title = "Our local recovery framework";
    const loaded = waypost.loadFramework(mine);
    assert.equal(loaded.id, "my-recovery-framework");
    catalog.addFramework(mine);
    // Bare codes belong to the first framework a curriculum declares.
    const course = waypost.loadCurriculum(vectors["derived-assessed.toml"], "toml");
    course.frameworks = ["my-recovery-framework"];
    const report = catalog.check(course);
    assert.equal(report.framework.id, "my-recovery-framework");
    const builtin = waypost.check(vectors["derived-assessed.toml"]);
    assert.deepEqual(report.summary, builtin.summary);
    assert.ok(report.summary.covered > 0);
    assert.equal(catalog.explain(course, "K4").framework, "my-recovery-framework");
    assert.ok(catalog.validate(vectors["derived-assessed.toml"]).mappings > 0);
    assert.equal(catalog.framework("my-recovery-framework").title, mine.title);

    // A framework that does not hold together is refused, located.
    const broken = structuredClone(mine);
    broken.statements[1].code = broken.statements[0].code;
    const e = thrown(assert, () => catalog.addFramework(broken, null, "broken.json"));
    assert.equal(e.code, "invalid");
    assert.equal(e.path, "broken.json");
    assert.equal(e.pointer, "statements[1]");

    const empty = waypost.Catalog.empty();
    assert.deepEqual(empty.frameworks(), []);
    const none = thrown(assert, () => empty.check(vectors["derived-assessed.toml"]));
    assert.match(none.message, /`realising-recovery-2007`/);
    // A crosswalk of one's own carries coverage from one framework to another.
    const nimhe = waypost.framework("nimhe-guiding-statement-2004").statements[0].code;
    const walk = {
      id: "mine-to-nimhe",
      title: "Ours to NIMHE",
      from: "my-recovery-framework",
      to: "nimhe-guiding-statement-2004",
      curated_by: "the test suite",
      links: [{ from: "K4", to: nimhe, type: "exact", rationale: "for the test" }],
    };
    assert.equal(waypost.loadCrosswalk(walk).id, "mine-to-nimhe");
    catalog.addCrosswalk(walk);
    const carried = catalog.check(course, { framework: "nimhe-guiding-statement-2004" });
    const target = carried.statements.find((st) => st.code === nimhe);
    assert.ok(
      target.units.some((u) => u.via?.statement === "my-recovery-framework:K4"),
      "K4's coverage reaches NIMHE through the crosswalk",
    );

    const crosswalk = thrown(assert, () =>
      empty.addCrosswalk({ ...walk, from: "a", to: "b" }, null, "x.json"),
    );
    assert.equal(crosswalk.code, "invalid");
    assert.equal(crosswalk.path, "x.json");
    catalog.free();
    empty.free();
  });

  test("suggest ranks statements for a text, with scores and reasons", () => {
    const found = waypost.suggest("Convey hope to people in distress and explain why optimism matters");
    assert.equal(found.length, 5, "five by default");
    assert.equal(found[0].code, "S11");
    assert.equal(found[0].id, "realising-recovery-2007:S11");
    assert.ok(found[0].score > waypost.weakBelow(), "a strong match");
    assert.ok(found[0].reasons.some((r) => r.kind === "synonym" && r.text === "optimism"));
    for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].score >= found[i].score);
    assert.deepEqual(waypost.suggest("Convey hope", { top: 2 }).length, 2);
    const strong = waypost.suggest("Convey hope to people in distress", { minScore: 0.5 });
    assert.ok(strong.every((s) => s.score >= 0.5));

    // An outcome outside the framework scores low, and each suggestion says whether it is weak.
    const unrelated = waypost.suggest("Calculate drug dosages for intravenous infusions");
    assert.ok(unrelated.every((s) => s.score < waypost.weakBelow()));
    assert.ok(unrelated.every((s) => s.weak === true));
    assert.equal(found[0].weak, false);

    // Confirmed examples vote, and say so.
    const alongside = "Stay alongside someone through the ups and downs without giving up on them";
    assert.notEqual(waypost.suggest(alongside, { top: 1 })[0].code, "V18");
    const examples = [{ source: "LO3 of MHN2001", text: "Stay with a person through ups and downs and never give up on them", codes: ["V18"] }];
    const voted = waypost.suggest(alongside, { top: 1, examples })[0];
    assert.equal(voted.code, "V18");
    assert.ok(voted.reasons.some((r) => r.kind === "example" && r.text === "LO3 of MHN2001, mapped to V18"));
    const nimhe = waypost.suggest("Work with families", { framework: "nimhe-guiding-statement-2004", top: 1 });
    assert.ok(nimhe[0].id.startsWith("nimhe-guiding-statement-2004:"));

    assert.match(waypost.renderSuggestions(found, "text"), /Suggestions only: confirm each before mapping it/);
    const empty = thrown(assert, () => waypost.suggest("   "));
    assert.equal(empty.code, "parse");
    assert.match(empty.message, /the text to suggest statements for is empty/);
    assert.equal(thrown(assert, () => waypost.suggest("hope", { framework: "nope" })).code, "unknown-framework");
    const typo = thrown(assert, () => waypost.suggest("hope", { min_score: 1 }));
    assert.match(typo.message, /unknown option `min_score`/);
    assert.match(typo.hint, /`minScore`/);
    const format = thrown(assert, () => waypost.renderSuggestions(found, "html"));
    assert.equal(format.code, "usage");
  });

  test("suggestCurriculum proposes mappings for unmapped units, as a grid to edit", () => {
    const text = [
      'id = "short"', 'title = "Short course"', "", "[[modules]]", 'code = "M1"', "",
      "[[modules.units]]", 'id = "LO1"', 'text = "Convey hope to people in distress"', "",
      "[[modules.units]]", 'id = "LO2"', 'text = "Support people to write an advance statement"',
      'covers = ["K4"]', "",
      "[[modules.units]]", 'id = "LO3"', 'text = "Calculate drug dosages for intravenous infusions"', "",
    ].join("\n");
    const all = waypost.suggestCurriculum(text, { name: "short.toml" });
    assert.equal(all.curriculum, "short");
    assert.equal(all.framework, "realising-recovery-2007");
    assert.deepEqual(all.units.map((u) => u.unit), ["LO1", "LO3"], "units that map nothing");
    assert.equal(all.units[0].suggestions[0].code, "S11");
    assert.ok(all.units[0].suggestions.length <= 3);
    assert.deepEqual(all.units[1].suggestions, [], "nothing strong for an outcome outside the framework");
    const more = waypost.suggestCurriculum(text, { maxMappings: 1, minScore: 0, top: 2 });
    assert.deepEqual(more.units.map((u) => u.unit), ["LO1", "LO2", "LO3"]);
    assert.ok(more.units[1].suggestions.every((s) => s.code !== "K4"), "what a unit maps is left out");

    const grid = waypost.suggestionsGrid(text, all, { name: "short.toml" });
    assert.ok(grid.startsWith("module,module_title,unit,kind,text,covers,assessed_by,suggested,score,why\n"));
    assert.match(grid, /S11/);
    const back = waypost.loadCurriculum(grid, "csv", "short-suggested.csv");
    assert.equal(back.modules[0].units.length, 3, "the grid reads back as the curriculum");
    assert.equal(waypost.check(grid, { name: "x.csv" }).summary.covered, waypost.check(text).summary.covered,
      "a suggestion counts only once a person moves it into covers");
    assert.equal(waypost.renderSuggestions(all, "json"), `${JSON.stringify(all, null, 2)}\n`);
    assert.match(waypost.renderSuggestions(all, "text"), /LO1/);
    const catalog = new waypost.Catalog();
    assert.deepEqual(catalog.suggestCurriculum(text), all);
    assert.deepEqual(catalog.suggest("Convey hope"), waypost.suggest("Convey hope"));
    catalog.free();
  });

  test("a self-assessment loads from text or an object, and plans the same", () => {
    const text = vectors["../plan/alex-staff-nurse.toml"];
    const assessment = waypost.loadSelfAssessment(text, null, "alex-staff-nurse.toml");
    assert.equal(assessment.name, "Alex Morgan");
    assert.equal(assessment.date, "2026-03-02");
    assert.equal(assessment.ratings.K1, "confident");
    assert.deepEqual(assessment.ratings.K2.level, "aware");
    const yaml = waypost.loadSelfAssessment(files["jordan-peer-worker.yaml"], "yaml");
    assert.ok(yaml.scale.length > 0, "a scale of its own");

    const plan = waypost.plan(text, { name: "alex-staff-nurse.toml" });
    assert.deepEqual(waypost.plan(assessment), plan, "the object plans as the text does");
    assert.equal(plan.person.name, "Alex Morgan");
    assert.equal(plan.target, "confident");
    assert.equal(plan.needs[0].rank, 1);
    assert.ok(plan.needs[0].unlocks >= plan.needs.at(-1).unlocks, "what unlocks most first");
    assert.equal(plan.summary.below, plan.needs.length);

    const higher = waypost.plan(text, { target: "expert" });
    assert.equal(higher.target, "expert");
    assert.ok(higher.summary.below > plan.summary.below);
    const unrated = waypost.plan(text, { includeUnrated: true });
    assert.equal(unrated.needs.length, plan.needs.length + plan.summary.unrated);

    assert.match(waypost.renderPlan(plan, "markdown"), /^# Development plan: Alex Morgan/);
    assert.match(waypost.renderPlan(plan, "html"), /^<!doctype html>/i);
    assert.match(waypost.renderPlan(plan, "text"), /^Development plan for Alex Morgan/);
    const csv = thrown(assert, () => waypost.renderPlan(plan, "csv"));
    assert.equal(csv.code, "usage");
    assert.match(csv.message, /a plan is rendered as/);
    const badTarget = thrown(assert, () => waypost.plan(text, { target: "brilliant" }));
    assert.match(badTarget.message, /`brilliant`/);
    const catalog = new waypost.Catalog();
    assert.deepEqual(catalog.plan(text, { name: "alex-staff-nurse.toml" }), plan);
    catalog.free();
  });

  test("every bad self-assessment throws a located, typed error", () => {
    const names = Object.keys(badPlans).sort();
    assert.ok(names.length >= 6, "the bad self-assessments are there");
    const codes = {};
    for (const name of names) {
      const e = thrown(assert, () => waypost.plan(badPlans[name], { name }));
      codes[name] = e.code;
      assert.ok(e.diagnostics.length > 0, `${name}: diagnostics`);
      assert.ok(e.diagnostics.every((d) => d.path === name), `${name}: the file is named`);
    }
    assert.equal(codes["unknown-codes-and-levels.toml"], "invalid");
    assert.equal(codes["rating-wrong-type.toml"], "parse");
    const e = thrown(assert, () =>
      waypost.plan(badPlans["unknown-codes-and-levels.toml"], { name: "unknown-codes-and-levels.toml" }));
    assert.equal(e.diagnostics.length, 4);
    const at5 = e.diagnostics.find((d) => d.line === 5);
    assert.equal(at5.message, "unknown statement `K26` in `realising-recovery-2007`");
    assert.ok(at5.pointer.startsWith("ratings."));
    const key = thrown(assert, () => waypost.loadSelfAssessment(badPlans["unknown-key.toml"], "toml"));
    assert.equal(key.line, 2);
    assert.equal(key.hint, "did you mean `target`?");
  });

  test("frameworks go out to CASE and Moodle and come back", () => {
    const id = "realising-recovery-2007";
    const framework = waypost.framework(id);
    const text = waypost.exportCase(id);
    assert.equal(waypost.exportCase(id), text, "two exports are byte-identical");
    const pkg = JSON.parse(text);
    assert.equal(pkg.CFDocument.title, framework.title);
    assert.ok(pkg.CFItems.some((i) => i.humanCodingScheme === "K4"));
    const served = JSON.parse(waypost.exportCase(id, { baseUri: "https://case.example.org/v1p1" }));
    assert.ok(served.CFDocument.uri.startsWith("https://case.example.org/v1p1/"));
    const back = waypost.importCase(text, { name: "rr.json" });
    assert.equal(back.framework.id, id);
    assert.deepEqual(back.framework.statements.map((s) => s.code), framework.statements.map((s) => s.code));
    assert.ok(Array.isArray(back.notes));

    const edge = waypost.importCase(files["case-edge-cases.json"], { name: "case-edge-cases.json", id: "edge" });
    assert.equal(edge.framework.id, "edge");
    assert.ok(edge.notes.length > 0, "what could not be represented is noted");
    assert.ok(edge.notes.every((n) => n.path === "case-edge-cases.json"));
    const byType = waypost.importCase(files["case-edge-cases.json"], { domains: "item-type" });
    assert.ok(byType.framework.domains.length > 0);

    const moodle = waypost.exportMoodle("nimhe-guiding-statement-2004");
    assert.ok(moodle.text.startsWith('"Parent ID number"') || moodle.text.startsWith("Parent ID number"));
    assert.ok(moodle.notes.length > 0, "Moodle has no place for activities and resources");
    const nimhe = waypost.framework("nimhe-guiding-statement-2004");
    const again = waypost.importMoodle(moodle.text, { name: "nimhe.csv", id: "nimhe-again" });
    assert.equal(again.framework.id, "nimhe-again");
    assert.deepEqual(again.framework.statements.map((s) => s.code), nimhe.statements.map((s) => s.code));
    const own = waypost.importMoodle(files["moodle-example.csv"], { name: "moodle-example.csv" });
    assert.ok(own.framework.statements.length > 0);

    // An imported framework is added to a catalog and checked against like any other.
    const catalog = waypost.Catalog.empty();
    catalog.addFramework(own.framework);
    assert.equal(catalog.frameworks()[0].id, own.framework.id);
    assert.equal(catalog.exportMoodle(own.framework.id).text.length > 0, true);
    assert.ok(catalog.exportCase(own.framework.id).includes("CFDocument"));
    catalog.free();

    const bad = thrown(assert, () => waypost.importCase("{ not json", { name: "broken.json" }));
    assert.equal(bad.code, "parse");
    assert.equal(bad.path, "broken.json");
    assert.equal(bad.line, 1);
    assert.equal(thrown(assert, () => waypost.exportCase("nope")).code, "unknown-framework");
    assert.match(thrown(assert, () => waypost.importCase(text, { domains: "flat" })).message,
      /^cannot read the options: /);
  });

  test("a mapping grid becomes a curriculum file to go on editing", () => {
    const grid = files["recovery-awareness-day.csv"];
    const out = waypost.importGrid(grid, { name: "recovery-awareness-day.csv", title: "Awareness day" });
    assert.equal(out.framework, "realising-recovery-2007");
    assert.ok(Array.isArray(out.warnings));
    assert.match(out.text, /the mapping grid `recovery-awareness-day.csv`/);
    const curriculum = waypost.loadCurriculum(out.text, "toml");
    assert.equal(curriculum.title, "Awareness day");
    const fromGrid = waypost.check(grid, { name: "recovery-awareness-day.csv" });
    const fromToml = waypost.check(out.text, { name: "recovery-awareness-day.toml" });
    assert.deepEqual(fromToml.statements, fromGrid.statements, "the same coverage");
    const bad = thrown(assert, () => waypost.importGrid("module,unit,covers\nM1,LO1,K99\n", { name: "bad.csv" }));
    assert.equal(bad.code, "invalid");
    assert.match(bad.message, /K99/);
  });

  test("a workbook's grid (XLSX bytes) reads as its CSV twin, and imports the same", () => {
    const name = "recovery-awareness-day.xlsx";
    const bytes = workbooks[name];
    assert.ok(bytes instanceof Uint8Array && bytes.length > 0, "the workbook is there");
    const csv = files["recovery-awareness-day.csv"];
    const book = waypost.loadWorkbook(bytes, name);
    const grid = waypost.loadCurriculum(csv, "csv", "recovery-awareness-day.csv");
    assert.deepEqual(book.modules, grid.modules, "the same modules, units and mappings");
    assert.deepEqual(waypost.check(book).statements, waypost.check(grid).statements, "the same coverage");
    const imported = waypost.importGrid(bytes, { name });
    assert.match(imported.text, /recovery-awareness-day\.xlsx/);
    const fromCsv = waypost.importGrid(csv, { name: "recovery-awareness-day.csv" });
    assert.deepEqual(waypost.loadCurriculum(imported.text, "toml").modules,
      waypost.loadCurriculum(fromCsv.text, "toml").modules);
    // A damaged workbook is refused with an error that names the file.
    const damaged = thrown(assert, () => waypost.loadWorkbook(bytes.slice(0, 200), "damaged.xlsx"));
    assert.match(damaged.message, /damaged\.xlsx/);
    assert.match(thrown(assert, () => waypost.importGrid(42, { name })).message, /CSV text or a workbook's bytes/);
  });

  test("a workbook's grid is written back as a workbook in its own layout, and reads the same", () => {
    const name = "recovery-awareness-day.xlsx";
    const bytes = workbooks[name];
    const csv = files["recovery-awareness-day.csv"];
    // The layout of the sheet the grid is read from: its header row (as the CSV twin's) and name.
    const layout = waypost.gridLayout(bytes, name);
    assert.deepEqual(layout.headers, waypost.gridLayout(csv, "day.csv").headers);
    assert.equal(typeof layout.sheet, "string");
    const toml = waypost.map(waypost.importGrid(bytes, { name }).text, "RAD/SE7", ["+K10"]);
    const written = waypost.writeGridWorkbook(toml, layout, { name: "day.toml" });
    assert.ok(written instanceof Uint8Array);
    assert.deepEqual(waypost.gridLayout(written, "saved.xlsx"), layout, "the same sheet and header row");
    const back = waypost.loadWorkbook(written, "saved.xlsx");
    assert.deepEqual(back.modules, waypost.loadCurriculum(toml, "toml").modules);
    // Without a layout: waypost's own columns, on a sheet named `Mapping`.
    assert.equal(waypost.gridLayout(waypost.writeGridWorkbook(toml), "plain.xlsx").sheet, "Mapping");
    // Neither text nor bytes: an Error that says what it takes.
    assert.match(thrown(assert, () => waypost.gridLayout(42)).message, /CSV text or a workbook's bytes/);
  });

  test("a report renders as a workbook (bytes) that reads back as the curriculum checked", () => {
    const name = "recovery-awareness-day.toml";
    const curriculum = waypost.loadCurriculum(files[name], "toml", name);
    const report = waypost.check(curriculum);
    const book = waypost.render(report, "xlsx", curriculum);
    assert.ok(book instanceof Uint8Array && book[0] === 0x50 && book[1] === 0x4b, "a zip archive");
    // Its `Mapping` sheet is the curriculum as a grid: the same mapping, the same coverage.
    assert.equal(waypost.gridLayout(book, "matrix.xlsx").sheet, "Mapping");
    const back = waypost.loadWorkbook(book, "matrix.xlsx");
    assert.deepEqual(waypost.check(back).statements, report.statements);
    // Without the curriculum, the report's sheets alone; the same bytes every time.
    const plain = waypost.render(report, "xlsx");
    assert.ok(plain instanceof Uint8Array);
    assert.deepEqual(waypost.render(report, "XLSX"), plain);
    assert.equal(typeof waypost.render(report, "csv"), "string");
    assert.ok(waypost.renderChecks(waypost.checkAll(curriculum), "xlsx", curriculum) instanceof Uint8Array);
  });

  test("edits return the new text and keep every other line as written", () => {
    const name = "recovery-awareness-day.toml";
    const text = files[name];
    const curriculum = waypost.loadCurriculum(text, "toml");
    const module = curriculum.modules[0].code;
    const unit = curriculum.modules[0].units[0];
    const mapped = waypost.map(text, `${module}/${unit.id}`, ["+K10:developed"], name);
    assert.notEqual(mapped, text);
    const before = text.split("\n");
    const after = mapped.split("\n");
    const kept = before.filter((line) => after.includes(line)).length;
    assert.ok(kept >= before.length - 2, "only the edited spot changes");
    assert.ok(after.some((l) => l.startsWith("#")), "comments survive");
    const explained = waypost.explain(mapped, "K10");
    assert.equal(explained.coverage.level, "developed");
    const removed = waypost.map(mapped, `${module}/${unit.id}`, ["-K10"], name);
    assert.equal(removed, text, "adding then removing gives the file back byte for byte");

    const withModule = waypost.addModule(text, { code: "NEW1", title: "Follow-up", year: 1 }, name);
    assert.ok(withModule.startsWith(text.trimEnd()), "added at the end, the rest untouched");
    const withUnit = waypost.addUnit(withModule, { module: "NEW1", id: "LO1", kind: "session",
      text: "Revisit hope", covers: ["K4", "S11:developed"] }, name);
    const withAssessment = waypost.addAssessment(withUnit, { module: "NEW1", id: "A1",
      title: "Reflective account", weight: 100, assesses: ["LO1"] }, name);
    const grown = waypost.loadCurriculum(withAssessment, "toml");
    assert.equal(grown.modules.length, curriculum.modules.length + 1);
    const added = grown.modules.at(-1);
    assert.equal(added.units[0].kind, "session");
    assert.equal(added.assessments[0].id, "A1");
    assert.equal(waypost.check(withAssessment).statements.find((s) => s.code === "S11").level, "assessed");

    const starter = waypost.newCurriculum({ id: "my-course", title: "My course", framework: "realising-recovery-2007" });
    assert.match(starter, /^#/);
    assert.equal(waypost.loadCurriculum(starter, "toml").id, "my-course");

    const unknown = thrown(assert, () => waypost.map(text, `${module}/${unit.id}`, ["+S1 2"], name));
    assert.equal(unknown.code, "invalid");
    const missing = thrown(assert, () => waypost.map(text, "NOPE/LO9", ["+K4"], name));
    assert.match(missing.message, /NOPE/);
    const key = thrown(assert, () => waypost.addModule(text, { cod: "X" }, name));
    assert.equal(key.message, "unknown key `cod` in the module\n  hint: the keys are `code`, `title`, `year`, `level`, `credits`");
    const duplicate = thrown(assert, () => waypost.addModule(text, { code: module }, name));
    assert.equal(duplicate.code, "invalid");
    const catalog = new waypost.Catalog();
    assert.equal(catalog.map(text, `${module}/${unit.id}`, ["+K10:developed"], name), mapped);
    assert.equal(catalog.addModule(text, { code: "NEW1", title: "Follow-up", year: 1 }, name), withModule);
    catalog.free();
  });

  test("renames follow into assesses; an assessment's units are set; a grid is written back in its columns", () => {
    const name = "recovery-awareness-day.toml";
    const text = files[name];
    const renamed = waypost.rename(text, "RAD/SE3", { id: "SE3a", title: "Holding hope" }, name);
    assert.match(renamed, /id = "SE3a"\ntext = "Holding hope"|id = "SE3a"[\s\S]*text = "Holding hope"/);
    assert.match(renamed, /assesses = \["SE3a", "AC2"\]/, "the assessment follows the new id");
    assert.ok(renamed.split("\n").filter((l) => l.startsWith("#")).length > 0, "comments survive");
    const clash = thrown(assert, () => waypost.rename(text, "RAD/SE3", { id: "SE4" }, name));
    assert.equal(clash.diagnostics[0].message, "module `RAD` already has a unit `SE4`");
    assert.equal(clash.line, 41, "located at the unit renamed");
    const set = waypost.setAssesses(text, "RAD/RA", ["AC2", "SE1"], name);
    assert.match(set, /assesses = \["AC2", "SE1"\]/);
    assert.equal(waypost.explain(set, "K1").coverage.level, "assessed", "SE1 is assessed now");
    const catalog = new waypost.Catalog();
    assert.equal(catalog.rename(text, "RAD/SE3", { id: "SE3a", title: "Holding hope" }, name), renamed);
    assert.equal(catalog.setAssesses(text, "RAD/RA", ["AC2", "SE1"], name), set);

    const grid = files["recovery-awareness-day.csv"];
    const layout = waypost.gridLayout(grid, "recovery-awareness-day.csv");
    assert.deepEqual(layout.headers, grid.split(/\r?\n/)[0].split(","));
    const toml = waypost.map(waypost.importGrid(grid, { name: "day.csv" }).text, "RAD/SE7", ["+K10"]);
    const written = waypost.writeGrid(toml, layout, { name: "day.toml" });
    assert.equal(written.split("\n")[0], grid.split(/\r?\n/)[0], "the grid's own header row");
    const back = waypost.loadCurriculum(written, "csv", "day.csv");
    assert.ok(back.modules[0].units.find((u) => u.id === "SE7").covers.some((c) => c.statement === "K10"));
    assert.match(waypost.writeGrid(toml), /^module,module_title,unit,kind,text,covers,assessed_by,facilitator\n/);
  });

  test("a JSON or YAML curriculum is edited as TOML and written back in its own format", () => {
    for (const [name, format] of [["recovery-elearning-induction.json", "json"], ["pg-recovery-focused-practice.yaml", "yaml"]]) {
      const original = files[name];
      const editable = waypost.editableCurriculum(original, { name });
      assert.equal(editable.format, format);
      assert.ok(editable.notes.length >= 1, "what is not kept is said");
      assert.deepEqual(waypost.loadCurriculum(editable.text, "toml", "c.toml"), waypost.loadCurriculum(original, undefined, name));
      const module = waypost.loadCurriculum(original, undefined, name).modules[0];
      const unit = `${module.code}/${module.units[0].id}`;
      const edited = waypost.map(editable.text, unit, ["+K25:developed"], "c.toml");
      const saved = waypost.writeCurriculum(edited, format, "c.toml");
      if (format === "json") assert.equal(typeof JSON.parse(saved), "object");
      else assert.ok(!saved.trimStart().startsWith("{"), "YAML, not JSON");
      const back = waypost.loadCurriculum(saved, format, `saved.${format}`);
      assert.deepEqual(back, waypost.loadCurriculum(edited, "toml", "c.toml"), "the saved file is the edited curriculum");
      assert.ok(back.modules[0].units[0].covers.some((c) => c.statement === "K25" && c.level === "developed"));
    }
    const toml = files["recovery-awareness-day.toml"];
    const same = waypost.editableCurriculum(toml, { name: "day.toml" });
    assert.equal(same.text, toml);
    assert.deepEqual(same.notes, []);
    const broken = thrown(assert, () => waypost.editableCurriculum("{\n  \"id\": \"c\",\n  \"titel\": \"C\"\n}", { name: "c.json" }));
    assert.equal(broken.path, "c.json");
    const grid = thrown(assert, () => waypost.writeCurriculum(toml, "csv"));
    assert.match(grid.message, /write_grid/);
  });

  test("assessedBy names the assessments that assess each unit", () => {
    const text = `id = "c"
title = "C"

[[modules]]
code = "M1"
units = [{ id = "LO1" }, { id = "LO2" }, { id = "LO3" }]
assessments = [{ id = "A1", assesses = ["LO1", "M1/LO2"] }]

[[modules]]
code = "M2"
units = [{ id = "LO1" }]
assessments = [{ id = "X", assesses = ["M1/LO2", "LO1"] }]
`;
    assert.deepEqual(waypost.assessedBy(text, { name: "c.toml" }), [
      { module: "M1", unit: "LO1", assessments: ["A1"] },
      { module: "M1", unit: "LO2", assessments: ["A1", "M2/X"] },
      { module: "M1", unit: "LO3", assessments: [] },
      { module: "M2", unit: "LO1", assessments: ["X"] },
    ]);
    const day = waypost.assessedBy(waypost.loadCurriculum(files["recovery-awareness-day.toml"]));
    assert.deepEqual(day.filter((u) => u.assessments.length).map((u) => u.unit), ["SE3", "AC2"]);
  });

  test("a portfolio checks many curricula together; a file that fails is listed", () => {
    const curricula = [
      { name: "bsc-mental-health-nursing.toml", text: files["bsc-mental-health-nursing.toml"] },
      { name: "recovery-awareness-day.csv", text: files["recovery-awareness-day.csv"] },
      { name: "broken.toml", text: "id = " },
    ];
    const p = waypost.portfolio(curricula);
    assert.equal(p.framework.id, "realising-recovery-2007");
    assert.deepEqual(p.courses.map((c) => c.path), ["bsc-mental-health-nursing.toml", "recovery-awareness-day.csv"]);
    assert.equal(p.failures.length, 1);
    assert.equal(p.failures[0].path, "broken.toml");
    assert.equal(p.failures[0].error.code, "parse");
    assert.equal(p.statements.length, 67);
    const bsc = waypost.check(files["bsc-mental-health-nursing.toml"]);
    assert.equal(p.courses[0].covered, bsc.summary.covered);
    for (const s of p.statements) assert.equal(s.levels.length, 2);
    assert.equal(waypost.renderPortfolio(p, "json"), `${JSON.stringify(p, null, 2)}\n`);
    for (const format of ["text", "markdown", "html", "csv"]) {
      assert.ok(waypost.renderPortfolio(p, format).length > 100, format);
    }
    const nimhe = waypost.portfolio(curricula.slice(0, 1), { framework: "nimhe-guiding-statement-2004" });
    assert.equal(nimhe.framework.id, "nimhe-guiding-statement-2004");
    const typo = thrown(assert, () => waypost.portfolio([{ name: "a.toml", txt: "" }]));
    assert.match(typo.message, /^cannot read the curricula: /);
  });

  test("folderFiles picks a folder's courses as the command line does", () => {
    const listed = ["b.yaml", "notes.txt", ".DS_Store", ".git/old/x.toml", "a.toml", "a/z.toml", "README.md", "a.toml"];
    assert.deepEqual(waypost.folderFiles(listed), ["a/z.toml", "a.toml", "b.yaml"]);
    assert.deepEqual(waypost.folderFiles([]), []);
  });

  test("diff says what coverage two versions gained and lost", () => {
    const old = files["bsc-mental-health-nursing.toml"];
    const now = files["bsc-mental-health-nursing-2025.toml"];
    const d = waypost.diff(old, now, { oldName: "bsc-mental-health-nursing.toml", newName: "bsc-mental-health-nursing-2025.toml" });
    assert.equal(d.framework.id, "realising-recovery-2007");
    assert.equal(d.totals.old_covered, waypost.check(old).summary.covered);
    assert.equal(d.totals.new_covered, waypost.check(now).summary.covered);
    assert.ok(d.changes.length > 0);
    assert.deepEqual(waypost.diff(waypost.loadCurriculum(old, "toml"), now), d, "objects or text");
    const same = waypost.diff(old, old);
    assert.deepEqual([same.gained, same.lost, same.changes], [[], [], []]);
    assert.equal(same.lost_anything, false);
    assert.equal(waypost.renderDiff(d, "json"), `${JSON.stringify(d, null, 2)}\n`);
    assert.ok(waypost.renderDiff(d, "markdown").startsWith("#"));
    assert.ok(waypost.renderDiff(d, "text").length > 0);
    const html = thrown(assert, () => waypost.renderDiff(d, "html"));
    assert.equal(html.code, "usage");
    assert.match(html.message, /a diff/);
    const bad = thrown(assert, () => waypost.diff(old, "id = ", { newName: "new.toml" }));
    assert.equal(bad.path, "new.toml");
    const catalog = new waypost.Catalog();
    assert.deepEqual(catalog.diff(old, now, { oldName: "bsc-mental-health-nursing.toml", newName: "bsc-mental-health-nursing-2025.toml" }), d);
    assert.deepEqual(catalog.portfolio([{ name: "a.toml", text: old }]).courses[0].covered, d.totals.old_covered);
    catalog.free();
  });

  test("a programme is checked against every framework it declares, and a spreadsheet is a framework", () => {
    const { authoring } = fixtures;
    const fileName = (path) => path.split("/").pop();
    for (const c of authoring.checks) {
      const catalog = new waypost.Catalog();
      for (const extra of c.with ?? []) catalog.addFramework(vectors[extra], null, fileName(extra));
      const policy = (c.policies ?? []).map((p) => vectors[p]);
      const checks = catalog.checkAll(vectors[c.curriculum], {
        name: fileName(c.curriculum),
        ...(policy.length ? { policy } : {}),
      });
      assert.equal(waypost.renderChecks(checks, "json"), vectors[c.expected], `${c.name}: JSON`);
      for (const format of c.renders ?? []) {
        assert.equal(
          waypost.renderChecks(checks, format),
          vectors[renderFile(c.expected, format)],
          `${c.name}: ${format}`,
        );
      }
    }
    for (const c of authoring.framework_grids) {
      const imported = waypost.importFrameworkGrid(vectors[c.grid], { ...c.options, name: fileName(c.grid) });
      assert.equal(JSON.stringify(imported, null, 2) + "\n", vectors[c.expected], c.name);
    }
    // A policy a framework: the second framework's fails, and a second policy for one
    // framework is refused with the place it is written.
    {
      const catalog = new waypost.Catalog();
      const standards = "../frameworks/example-practice-standards.toml";
      catalog.addFramework(vectors[standards], null, fileName(standards));
      const programme = vectors["../frameworks/three-year-programme.toml"];
      const forStandards = vectors["three-year.standards.policy.toml"];
      const forRecovery = vectors["three-year.recovery.policy.toml"];
      const checks = catalog.checkAll(programme, { policy: [forRecovery, forStandards] });
      assert.deepEqual(checks.reports.map((r) => r.passed), [true, false]);
      assert.deepEqual(checks.failed, ["realising-recovery-2007"]);
      assert.equal(catalog.check(programme, { policy: [forStandards] }).passed, true);
      const twice = thrown(assert, () => catalog.checkAll(programme, { policy: [forRecovery, forRecovery] }));
      assert.match(twice.message, /a second policy for the framework `realising-recovery-2007`/);
      assert.equal(twice.line, 5);
      catalog.free();
    }
    const starter = waypost.newFramework({ id: "my-standards-2026", title: "My Standards" });
    assert.equal(waypost.loadFramework(starter, "toml").id, "my-standards-2026");
  });

  test("one version everywhere", () => {
    assert.equal(waypost.version(), versions.cargo);
    assert.equal(versions.package, versions.cargo);
  });
}

/** The workspace version from the root Cargo.toml's text. */
export function cargoVersion(cargoToml) {
  const section = cargoToml.split("[workspace.package]")[1] ?? "";
  return section.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
}

/** The file a render of `expected` is recorded in: `x.report.json` → `x.report.md`. */
export function renderFile(expected, format) {
  const ext = { text: "txt", markdown: "md" }[format] ?? format;
  return `${expected.replace(/\.json$/, "")}.${ext}`;
}

/** The fixtures the suite needs, read through `read(path)` (relative to the repository);
 * `list(dir)` names the files of a folder; `readBytes(path)` reads a binary file (a workbook)
 * as a Uint8Array. */
export async function loadFixtures(read, list, readBytes) {
  const vectors = {};
  const vector = async (file) => (vectors[file] ??= await read(`tests/vectors/${file}`));
  const cases = JSON.parse(await read("tests/vectors/cases.json"));
  for (const c of cases) {
    for (const file of [c.curriculum, c.policy, c.expected, ...(c.with ?? [])].filter(Boolean)) await vector(file);
    for (const format of c.renders ?? []) await vector(renderFile(c.expected, format));
  }
  for (const file of ["same-course.json", "same-course.yaml", "same-course.toml"]) await vector(file);
  const suggestCases = JSON.parse(await read("tests/vectors/suggest.json"));
  for (const c of suggestCases) await vector(c.expected);
  const planCases = JSON.parse(await read("tests/vectors/plan.json"));
  for (const c of planCases) {
    await vector(c.self_assessment);
    await vector(c.expected);
    for (const format of c.renders ?? []) await vector(renderFile(c.expected, format));
  }
  const authoring = JSON.parse(await read("tests/vectors/authoring.json"));
  for (const c of authoring.checks) {
    for (const file of [c.curriculum, c.expected, ...(c.with ?? []), ...(c.policies ?? [])]) await vector(file);
    for (const format of c.renders ?? []) await vector(renderFile(c.expected, format));
  }
  for (const c of authoring.framework_grids) {
    await vector(c.grid);
    await vector(c.expected);
  }
  const teamCases = JSON.parse(await read("tests/vectors/team.json"));
  for (const c of teamCases) {
    for (const file of c.self_assessments) await vector(file);
    await vector(c.expected);
    for (const format of c.renders ?? []) await vector(renderFile(c.expected, format));
  }
  const portfolioCases = JSON.parse(await read("tests/vectors/portfolio.json"));
  for (const c of portfolioCases) {
    for (const file of c.curricula) await vector(file);
    await vector(c.expected);
    for (const format of c.renders ?? []) await vector(renderFile(c.expected, format));
  }
  const expectCases = JSON.parse(await read("tests/vectors/expect.json"));
  for (const c of expectCases) {
    await vector(c.expected);
    for (const format of c.renders ?? []) await vector(renderFile(c.expected, format));
  }
  const badInput = {};
  for (const name of await list("tests/bad-input")) {
    badInput[name] = await read(`tests/bad-input/${name}`);
  }
  const badPlans = {};
  for (const name of await list("tests/plan/bad")) {
    badPlans[name] = await read(`tests/plan/bad/${name}`);
  }
  const files = {};
  for (const path of [
    "curricula/examples/recovery-awareness-day.toml",
    "curricula/examples/recovery-awareness-day.csv",
    "curricula/examples/bsc-mental-health-nursing.toml",
    "curricula/examples/bsc-mental-health-nursing-2025.toml",
    "tests/plan/jordan-peer-worker.yaml",
    "tests/interop/moodle-example.csv",
    "tests/interop/case-edge-cases.json",
    "curricula/examples/portfolio/recovery-elearning-induction.json",
    "curricula/examples/portfolio/pg-recovery-focused-practice.yaml",
  ]) {
    files[path.split("/").pop()] = await read(path);
  }
  const workbooks = {};
  for (const path of ["curricula/examples/recovery-awareness-day.xlsx"]) {
    workbooks[path.split("/").pop()] = await readBytes(path);
  }
  const versions = {
    cargo: cargoVersion(await read("Cargo.toml")),
    package: JSON.parse(await read("bindings-wasm/package.json")).version,
  };
  return { cases, suggestCases, planCases, vectors, badInput, badPlans, files, versions, authoring, workbooks, teamCases, portfolioCases, expectCases };
}
