"""Every public function and class of the package, on the repository's example data."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import pytest
import waypost

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "curricula" / "examples"
FRAMEWORKS = ROOT / "core" / "data" / "frameworks"
CROSSWALKS = ROOT / "core" / "data" / "crosswalks"
RR = "realising-recovery-2007"
NIMHE = "nimhe-guiding-statement-2004"

SMALL_FRAMEWORK = """
id = "tiny-2026"
title = "A tiny framework"
publishers = ["Test"]
year = 2026
source = { citation = "Test (2026)" }
levels = ["met", "exceeded"]
domains = [{ id = "core", name = "Core", prefix = "C" }]

[[statements]]
code = "C1"
domain = "core"
text = "Knows the first thing."
label = "first thing"

[[statements]]
code = "C2"
domain = "core"
text = "Knows the second thing."
label = "second thing"
"""

SMALL_CURRICULUM = """
id = "tiny-course"
title = "A tiny course"
frameworks = ["tiny-2026"]

[[modules]]
code = "T1"

[[modules.units]]
id = "LO1"
covers = ["C1:exceeded"]
"""

MAPPING_GRID = """module,unit,text,covers
M1,LO1,Discuss hope,K4; V9=D
M1,LO2,Listen well,S11
"""


# --- frameworks ---------------------------------------------------------------------------


def test_frameworks_lists_the_builtin_ones_with_counts() -> None:
    listed = {f["id"]: f for f in waypost.frameworks()}
    assert set(listed) >= {RR, NIMHE}
    assert listed[RR]["statements"] == 67
    assert listed[RR]["year"] == 2007
    assert listed[NIMHE]["statements"] == 34
    assert waypost.DEFAULT_FRAMEWORK == RR


def test_framework_gives_the_whole_framework_as_a_dict() -> None:
    rr = waypost.framework(RR)
    assert rr["id"] == RR
    assert rr["levels"] == ["introduced", "developed", "assessed"]
    assert [d["id"] for d in rr["domains"]] == ["knowledge", "skills", "values"]
    k4 = next(s for s in rr["statements"] if s["code"] == "K4")
    assert k4["domain"] == "knowledge"
    assert "hope" in k4["text"].lower()


def test_framework_with_an_unknown_id_raises_unknown_framework_error() -> None:
    with pytest.raises(waypost.UnknownFrameworkError) as caught:
        waypost.framework("recovery-2099")
    e = caught.value
    assert e.code == "unknown-framework"
    assert e.framework == "recovery-2099"
    assert e.available == waypost.Catalog().framework_ids()
    assert {NIMHE, RR} <= set(e.available)
    assert e.diagnostics == []
    assert (e.path, e.line, e.column, e.pointer, e.hint) == (None, None, None, None, None)
    assert str(e).startswith("unknown framework `recovery-2099`")


def test_load_framework_and_read_framework() -> None:
    tiny = waypost.load_framework(SMALL_FRAMEWORK, name="tiny.toml")
    assert isinstance(tiny, waypost.Framework)
    assert (tiny.id, tiny.title, tiny.levels) == ("tiny-2026", "A tiny framework", ["met", "exceeded"])
    assert tiny.to_dict()["statements"][1]["code"] == "C2"
    assert json.loads(tiny.to_json()) == tiny.to_dict()
    assert "tiny-2026" in repr(tiny)

    rr = waypost.read_framework(FRAMEWORKS / f"{RR}.toml")
    assert rr.to_dict() == waypost.framework(RR)
    assert waypost.read_framework(str(FRAMEWORKS / f"{RR}.toml")).id == RR


def test_load_framework_rejects_an_inconsistent_framework_with_its_location() -> None:
    broken = SMALL_FRAMEWORK.replace('code = "C2"', 'code = "C1"')
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.load_framework(broken, name="tiny.toml")
    e = caught.value
    assert e.path == "tiny.toml"
    assert e.line is not None and e.column is not None
    assert "used twice" in e.diagnostics[0]["message"]


# --- curricula ----------------------------------------------------------------------------


def test_read_curriculum_reads_toml_and_keeps_its_origin(awareness_day: waypost.Curriculum) -> None:
    c = awareness_day
    assert c.id == "recovery-awareness-day"
    assert c.title == "Recovery awareness day for ward staff"
    assert c.provider == "NHS Westmuir, Mental Health Practice Development Team"
    assert c.version == "2026"
    assert c.frameworks == [RR]
    assert c.modules[0]["code"] == "RAD"
    assert c.path == str(EXAMPLES / "recovery-awareness-day.toml")
    assert c.format == "toml"
    assert c.to_dict()["modules"] == c.modules
    assert json.loads(c.to_json()) == c.to_dict()
    assert repr(c) == '<Curriculum "recovery-awareness-day": 1 modules, 9 units>'


def test_read_curriculum_reads_a_mapping_grid_to_the_same_coverage(
    awareness_day: waypost.Curriculum,
) -> None:
    grid = waypost.read_curriculum(EXAMPLES / "recovery-awareness-day.csv")
    assert grid.format == "csv"
    assert waypost.check(grid).statements == waypost.check(awareness_day).statements


def test_load_workbook_reads_the_xlsx_grid_as_its_csv_twin() -> None:
    name = "recovery-awareness-day.xlsx"
    book = waypost.load_workbook((EXAMPLES / name).read_bytes(), name=name)
    csv = waypost.read_curriculum(EXAMPLES / "recovery-awareness-day.csv")
    assert book.to_dict()["modules"] == csv.to_dict()["modules"]
    assert waypost.check(book).statements == waypost.check(csv).statements


def test_a_report_renders_as_a_workbook_that_reads_back_as_the_curriculum() -> None:
    curriculum = waypost.read_curriculum(EXAMPLES / "bsc-mental-health-nursing.toml")
    report = waypost.check(curriculum)
    book = report.render("xlsx", curriculum)
    assert isinstance(book, bytes) and book.startswith(b"PK")
    back = waypost.load_workbook(book, name="matrix.xlsx")
    assert waypost.check(back).statements == report.statements
    # Without the curriculum there is no mapping grid to read.
    assert isinstance(waypost.render(report, "xlsx"), bytes)
    assert isinstance(report.render("markdown"), str)


def test_load_workbook_names_the_file_of_a_damaged_workbook() -> None:
    with pytest.raises(waypost.WaypostError) as caught:
        waypost.load_workbook(b"not a workbook", name="grid.xlsx")
    assert "grid.xlsx" in str(caught.value)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (
            "toml",
            'id = "c"\ntitle = "C"\n[[modules]]\ncode = "M1"\n[[modules.units]]\nid = "LO1"\ncovers = ["K4"]\n',
        ),
        (
            "json",
            '{"id": "c", "title": "C", "modules": [{"code": "M1", "units": [{"id": "LO1", "covers": ["K4"]}]}]}',
        ),
        (
            "yaml",
            "id: c\ntitle: C\nmodules:\n  - code: M1\n    units:\n      - id: LO1\n        covers: [K4]\n",
        ),
        ("csv", "module,unit,covers\nM1,LO1,K4\n"),
    ],
)
def test_load_curriculum_reads_every_format(fmt: str, text: str) -> None:
    for given in (fmt, None):
        c = waypost.load_curriculum(text, format=given)  # type: ignore[arg-type]
        assert c.format == fmt
        report = waypost.check(c)
        assert report.statement("K4")["level"] == "introduced"
        assert report.summary["covered"] == 1


def test_load_curriculum_takes_the_format_from_the_name() -> None:
    c = waypost.load_curriculum(MAPPING_GRID, name="grid.csv")
    assert (c.format, c.path) == ("csv", "grid.csv")
    assert waypost.check(c).statement("V9")["level"] == "developed"


def test_load_curriculum_with_an_unknown_format_says_which_exist() -> None:
    with pytest.raises(waypost.UsageError) as caught:
        waypost.load_curriculum("id = 'x'", format="xml")  # type: ignore[arg-type]
    assert caught.value.hint == "the formats are `toml`, `json`, `yaml`, `csv`"


# --- policies -----------------------------------------------------------------------------


def test_read_policy_and_load_policy(nursing: waypost.Curriculum) -> None:
    path = EXAMPLES / "policies" / "programme-approval.toml"
    policy = waypost.read_policy(path)
    assert policy.title == "Programme approval: recovery focused practice"
    assert policy.requirements[0] == {"domain": "values", "level": "introduced"}
    assert policy.to_dict()["require"] == policy.requirements
    assert json.loads(policy.to_json()) == policy.to_dict()
    same = waypost.load_policy(path.read_text(encoding="utf-8"), name=path.name)
    assert same.to_dict() == policy.to_dict()

    report = waypost.check(nursing, policy=policy)
    assert report.policy["title"] == policy.title
    assert len(report.policy["requirements"]) == len(policy.requirements)


def test_the_default_policy() -> None:
    policy = waypost.Policy()
    assert policy.title == "every statement at least introduced"
    assert len(policy.requirements) == 1


def test_a_policy_with_an_unknown_level_fails_the_check(awareness_day: waypost.Curriculum) -> None:
    policy = waypost.load_policy('[[require]]\nlevel = "mastered"\n', name="p.toml")
    with pytest.raises(waypost.WaypostError) as caught:
        waypost.check(awareness_day, policy=policy)
    assert "mastered" in str(caught.value)


# --- check and the report -----------------------------------------------------------------


def test_check_gives_a_report_with_every_part(awareness_day: waypost.Curriculum) -> None:
    report = waypost.check(awareness_day)
    assert isinstance(report, waypost.Report)
    assert report.passed is False
    assert report.summary == {
        "statements": 67,
        "covered": 23,
        "assessed": 4,
        "gaps": 44,
        "by_level": {"introduced": 17, "developed": 2, "assessed": 4},
    }
    assert [d["id"] for d in report.domains] == ["knowledge", "skills", "values"]
    assert [m["code"] for m in report.modules] == ["RAD"]
    assert sum(d["total"] for d in report.domains) == 67
    assert len(report.statements) == 67
    assert len(report.gaps) == 44
    assert all(g["supports"] is not None for g in report.gaps)
    assert report.levels == ["introduced", "developed", "assessed"]
    assert report.curriculum["id"] == "recovery-awareness-day"
    assert report.framework["id"] == RR
    assert report.policy["passed"] is False
    assert isinstance(report.unmapped_units, list)
    assert isinstance(report.warnings, list)
    assert "23 of 67" in repr(report)


def test_report_evidence_names_the_units_behind_a_statement(
    awareness_day: waypost.Curriculum,
) -> None:
    report = waypost.check(awareness_day)
    evidence = report.evidence("K4")
    assert [(e["module"], e["unit"], e["assessed_by"]) for e in evidence] == [("RAD", "SE3", ["RA"])]
    assert evidence[0]["level"] == "assessed"
    assert report.evidence(f"{RR}:K4") == evidence
    gap = report.gaps[0]["code"]
    assert report.evidence(gap) == []
    # The report lists each unit once; a statement's evidence names it by its index there.
    links = report.statement("K4")["units"]
    assert [report.units[e["unit_index"]]["unit"] for e in links] == [e["unit"] for e in evidence]
    assert [e["mapped"] for e in links] == [e["mapped"] for e in evidence]
    assert report.to_dict()["schema_version"] == 2
    assert report.to_dict()["units"] == report.units


def test_report_evidence_for_an_unknown_code_says_what_exists(
    awareness_day: waypost.Curriculum,
) -> None:
    report = waypost.check(awareness_day)
    with pytest.raises(waypost.ValidationError) as caught:
        report.evidence("K99")
    assert caught.value.hint == "the report has K1–K25, S1–S22, V1–V20"
    with pytest.raises(waypost.ValidationError) as caught:
        report.statement("k4")
    assert caught.value.hint == "did you mean `K4`?"


def test_report_to_dict_and_to_json_agree(nursing: waypost.Curriculum) -> None:
    report = waypost.check(nursing)
    assert report.to_dict() == json.loads(report.to_json())
    assert report.to_json().endswith("}\n")
    assert report.to_dict()["statements"] == report.statements


def test_check_against_another_framework_through_the_crosswalk(nursing: waypost.Curriculum) -> None:
    report = waypost.check(nursing, framework=NIMHE)
    assert report.framework["id"] == NIMHE
    assert report.summary["statements"] == 34


def test_check_with_an_unknown_framework_raises_unknown_framework_error(
    awareness_day: waypost.Curriculum,
) -> None:
    with pytest.raises(waypost.UnknownFrameworkError) as caught:
        waypost.check(awareness_day, framework="recovery-2099")
    assert caught.value.available == [f["id"] for f in waypost.frameworks()]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "csv"])
def test_render_and_report_render_agree(awareness_day: waypost.Curriculum, fmt: str) -> None:
    report = waypost.check(awareness_day)
    rendered = waypost.render(report, fmt)  # type: ignore[call-overload]
    assert rendered == report.render(fmt)  # type: ignore[call-overload]
    assert "K3" in rendered  # a gap, in every format


def test_render_text_is_the_default_and_formats_have_short_names(
    awareness_day: waypost.Curriculum,
) -> None:
    report = waypost.check(awareness_day)
    assert report.render() == report.render("text") == waypost.render(report)
    assert report.render("md") == report.render("markdown")
    assert report.render("json") == report.to_json()


def test_render_rejects_unknown_formats_and_other_objects(awareness_day: waypost.Curriculum) -> None:
    report = waypost.check(awareness_day)
    with pytest.raises(waypost.UsageError) as caught:
        report.render("pdf")  # type: ignore[call-overload]
    assert (caught.value.hint or "").startswith("the formats are `text`, `json`")
    with pytest.raises(waypost.UsageError):
        waypost.render(report, "pdf")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        waypost.render(awareness_day)  # type: ignore[call-overload]


# --- explain and validate ------------------------------------------------------------------


def test_explain_gives_the_evidence_chain(awareness_day: waypost.Curriculum) -> None:
    explanation = waypost.explain(awareness_day, "K4")
    assert isinstance(explanation, waypost.Explanation)
    assert explanation.framework == RR
    assert explanation.curriculum == "recovery-awareness-day"
    assert explanation.statement["code"] == "K4"
    assert explanation.statement["domain"] == "Knowledge"
    report = waypost.check(awareness_day)
    cov = report.statement("K4")
    # The explanation lists the units its evidence names; the report lists every unit.
    assert [explanation.units[e["unit_index"]] for e in explanation.coverage["units"]] == [
        report.units[e["unit_index"]] for e in cov["units"]
    ]
    same = {k: v for k, v in cov.items() if k != "units"}
    assert {k: v for k, v in explanation.coverage.items() if k != "units"} == same
    assert isinstance(explanation.supports, list)
    assert isinstance(explanation.related, list)
    assert all(m["match"] in {"exact", "broader", "narrower", "related"} for m in explanation.crosswalk)
    assert explanation.to_dict() == json.loads(explanation.to_json())
    assert explanation.render("json") == explanation.to_json() == waypost.render(explanation, "json")
    assert "K4" in explanation.render()
    assert explanation.render("md") == waypost.render(explanation, "markdown")
    with pytest.raises(waypost.UsageError):
        explanation.render("html")  # type: ignore[arg-type]
    assert "K4" in repr(explanation)


def test_explain_a_gap_says_what_would_help(awareness_day: waypost.Curriculum) -> None:
    gap = waypost.check(awareness_day).gaps[0]
    explanation = waypost.explain(awareness_day, gap["code"])
    assert explanation.coverage["level"] is None
    assert explanation.supports == gap["supports"] or explanation.supports


def test_explain_an_unknown_code_raises_validation_error(awareness_day: waypost.Curriculum) -> None:
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.explain(awareness_day, "K26")
    assert caught.value.hint == "the framework has K1–K25 in Knowledge"


def test_validate_counts_and_warns(nursing: waypost.Curriculum) -> None:
    validation = waypost.validate(nursing)
    assert isinstance(validation, waypost.Validation)
    assert validation.curriculum == nursing.id
    assert validation.framework == RR
    assert validation.modules == len(nursing.modules)
    assert validation.units == sum(len(m["units"]) for m in nursing.modules)
    assert validation.mappings > 0
    assert isinstance(validation.warnings, list)
    assert validation.summary().startswith("valid (")
    assert validation.to_dict() == json.loads(validation.to_json())
    assert validation.to_dict()["modules"] == validation.modules


def test_validate_an_invalid_curriculum_raises() -> None:
    c = waypost.load_curriculum(
        'id = "c"\ntitle = "C"\n[[modules]]\ncode = "M"\n[[modules.units]]\nid = "LO1"\ncovers = ["K26"]\n',
        name="c.toml",
    )
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.validate(c)
    assert (caught.value.path, caught.value.line) == ("c.toml", 7)


# --- schema -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["curriculum", "framework", "policy", "crosswalk", "report"])
def test_schema_is_the_generated_json_schema(kind: str) -> None:
    text = waypost.schema(kind)  # type: ignore[arg-type]
    assert json.loads(text)["$schema"].startswith("https://json-schema.org/")
    recorded = ROOT / "docs" / "schema" / f"{kind}.schema.json"
    assert text == recorded.read_bytes().decode("utf-8")


def test_schema_of_an_unknown_kind_raises_usage_error() -> None:
    with pytest.raises(waypost.UsageError) as caught:
        waypost.schema("module")  # type: ignore[arg-type]
    assert "curriculum" in (caught.value.hint or "")


# --- catalogs -----------------------------------------------------------------------------


def test_a_catalog_starts_with_the_builtin_frameworks() -> None:
    catalog = waypost.Catalog()
    assert catalog.framework_ids() == [f["id"] for f in waypost.frameworks()]
    assert {NIMHE, RR} <= set(catalog.framework_ids())
    assert catalog.frameworks() == waypost.frameworks()
    assert catalog.framework(RR) == waypost.framework(RR)
    assert RR in [c["from"] for c in catalog.crosswalks()]
    assert f"{len(catalog.framework_ids())} frameworks" in repr(catalog)


def test_a_catalog_takes_a_user_framework_and_checks_against_it() -> None:
    catalog = waypost.Catalog()
    catalog.add_framework(waypost.load_framework(SMALL_FRAMEWORK, name="tiny.toml"))
    assert "tiny-2026" in catalog.framework_ids()
    assert catalog.framework("tiny-2026")["title"] == "A tiny framework"
    assert "tiny-2026" in [f["id"] for f in waypost.frameworks(catalog)]
    assert waypost.framework("tiny-2026", catalog=catalog)["id"] == "tiny-2026"

    course = waypost.load_curriculum(SMALL_CURRICULUM, name="tiny-course.toml")
    report = waypost.check(course, catalog=catalog)
    assert report.levels == ["met", "exceeded"]
    assert [s["level"] for s in report.statements] == ["exceeded", None]
    assert report.passed is False
    assert waypost.validate(course, catalog=catalog).mappings == 1
    assert waypost.explain(course, "C1", catalog=catalog).coverage["level"] == "exceeded"
    # The built-in catalog is untouched.
    with pytest.raises(waypost.ValidationError):
        waypost.check(course)


def test_an_empty_catalog_knows_no_framework(awareness_day: waypost.Curriculum) -> None:
    empty = waypost.Catalog(builtin=False)
    assert empty.framework_ids() == []
    assert empty.crosswalks() == []
    with pytest.raises(waypost.UnknownFrameworkError):
        empty.framework(RR)
    with pytest.raises(waypost.WaypostError):
        waypost.check(awareness_day, catalog=empty)


def test_a_catalog_reads_framework_and_crosswalk_files() -> None:
    catalog = waypost.Catalog(builtin=False)
    catalog.read(FRAMEWORKS / f"{RR}.toml")
    catalog.read(str(FRAMEWORKS / f"{NIMHE}.toml"))
    crosswalk_file = next(CROSSWALKS.glob("*.toml"))
    catalog.read(crosswalk_file)
    assert catalog.framework_ids() == [RR, NIMHE]
    assert catalog.crosswalks() == waypost.Catalog().crosswalks()
    with pytest.raises(waypost.WaypostIOError):
        catalog.read(FRAMEWORKS / "missing.toml")


def test_load_crosswalk_and_add_it_to_a_catalog(nursing: waypost.Curriculum) -> None:
    crosswalk_file = next(CROSSWALKS.glob("*.toml"))
    crosswalk = waypost.load_crosswalk(crosswalk_file.read_text(encoding="utf-8"), name=crosswalk_file.name)
    assert isinstance(crosswalk, waypost.Crosswalk)
    assert crosswalk.id == "realising-recovery-2007--nimhe-guiding-statement-2004"
    assert crosswalk.title.startswith("Realising Recovery")
    assert crosswalk.to_dict()["from"] == RR
    assert json.loads(crosswalk.to_json()) == crosswalk.to_dict()
    assert "links" in repr(crosswalk)

    catalog = waypost.Catalog(builtin=False)
    with pytest.raises(waypost.ValidationError) as caught:
        catalog.add_crosswalk(crosswalk)
    assert "is not loaded" in str(caught.value)
    catalog.add_framework(waypost.read_framework(FRAMEWORKS / f"{RR}.toml"))
    catalog.add_framework(waypost.read_framework(FRAMEWORKS / f"{NIMHE}.toml"))
    catalog.add_crosswalk(crosswalk)
    assert (
        waypost.check(nursing, framework=NIMHE, catalog=catalog).to_json()
        == waypost.check(nursing, framework=NIMHE).to_json()
    )


# --- threads ------------------------------------------------------------------------------


def test_checks_run_in_threads_give_the_same_reports(nursing: waypost.Curriculum) -> None:
    expected = waypost.check(nursing).to_json()
    catalog = waypost.Catalog()
    results: list = []

    def work() -> None:
        for _ in range(5):
            results.append(waypost.check(nursing, catalog=catalog).to_json())
            catalog.add_framework(waypost.load_framework(SMALL_FRAMEWORK))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 20
    assert catalog.framework_ids().count("tiny-2026") == 1


def test_check_releases_the_gil(nursing: waypost.Curriculum) -> None:
    """With a long switch interval a thread that holds the GIL keeps it. A busy Python thread
    can then run during the checks only if `check` releases the GIL, and once it has the GIL
    it runs to its end before the checks get it back; if `check` kept the GIL, the checks
    would all finish first."""
    finished: dict = {}

    def checks() -> None:
        for _ in range(200):
            waypost.check(nursing)
        finished["checks"] = time.perf_counter()

    def busy() -> None:
        end = time.perf_counter() + 0.2
        while time.perf_counter() < end:
            pass
        finished["busy"] = time.perf_counter()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(30)
    try:
        a, b = threading.Thread(target=checks), threading.Thread(target=busy)
        a.start()
        b.start()
        a.join()
        b.join()
    finally:
        sys.setswitchinterval(interval)
    assert finished["busy"] < finished["checks"]
