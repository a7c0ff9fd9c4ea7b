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

export function suite({ waypost, fixtures, test, assert }) {
  const { cases, vectors, badInput, versions } = fixtures;

  test("the shared test vectors give their recorded reports, byte for byte", () => {
    assert.ok(cases.length >= 7, "the vectors are there");
    for (const c of cases) {
      const options = { name: c.curriculum };
      if (c.framework) options.framework = c.framework;
      if (c.policy) options.policy = vectors[c.policy];
      const report = waypost.check(vectors[c.curriculum], options);
      const expected = vectors[c.expected];
      assert.equal(waypost.render(report, "json"), expected, `${c.name}: rendered JSON`);
      // The object itself has exactly the shape of the JSON (null for a missing level, maps
      // as objects, keys in order).
      assert.deepEqual(report, JSON.parse(expected), `${c.name}: report object`);
      assert.equal(JSON.stringify(report), JSON.stringify(JSON.parse(expected)), c.name);
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
    assert.equal(e.code, "parse");
    assert.match(e.message, /unknown format `xls`/);
  });

  test("checking the loaded object gives the same report as checking the text", () => {
    const text = vectors["derived-assessed.toml"];
    const fromText = waypost.check(text, { name: "derived-assessed.toml" });
    const fromObject = waypost.check(waypost.loadCurriculum(text, "toml"));
    assert.equal(waypost.render(fromObject, "json"), waypost.render(fromText, "json"));
    assert.equal(waypost.render(fromText, "json"), vectors["derived-assessed.report.json"]);
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
    assert.equal(format.code, "parse");
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
    assert.deepEqual(explanation.coverage, covered);

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

  test("the JSON Schemas are those of the core", () => {
    for (const kind of ["curriculum", "framework", "policy", "crosswalk", "report"]) {
      const schema = waypost.schema(kind);
      assert.equal(typeof schema, "object");
      assert.ok(schema.title, `${kind} has a title`);
    }
    assert.equal(waypost.schema("report").title, "Report");
    const e = thrown(assert, () => waypost.schema("module"));
    assert.match(e.message, /no schema named `module`/);
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

/** The fixtures the suite needs, read through `read(path)` (relative to the repository). */
export async function loadFixtures(read, listBadInput) {
  const cases = JSON.parse(await read("tests/vectors/cases.json"));
  const vectors = {};
  for (const c of cases) {
    for (const file of [c.curriculum, c.policy, c.expected].filter(Boolean)) {
      vectors[file] ??= await read(`tests/vectors/${file}`);
    }
  }
  for (const file of ["same-course.json", "same-course.yaml", "same-course.toml"]) {
    vectors[file] ??= await read(`tests/vectors/${file}`);
  }
  const badInput = {};
  for (const name of await listBadInput()) {
    badInput[name] = await read(`tests/bad-input/${name}`);
  }
  const versions = {
    cargo: cargoVersion(await read("Cargo.toml")),
    package: JSON.parse(await read("bindings-wasm/package.json")).version,
  };
  return { cases, vectors, badInput, versions };
}
