"""Interoperability: CASE packages and Moodle competency frameworks both ways, a CASE package
validated against the official schema, and mapping grids turned into curriculum files.

The real CASE packages and the official schemas ship in `tests/external/case/` (sources and
licences in `tests/external/README.md`), so no test is skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest
import waypost

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "interop"
EXAMPLES = ROOT / "curricula" / "examples"
SHARED = ROOT / "tests" / "external" / "case"
RR = "realising-recovery-2007"
NIMHE = "nimhe-guiding-statement-2004"
CASE_SCHEMA = "case-v1p1-cfpackage-jsonschema.official.json"
REAL_PACKAGES = [
    "smarterbalanced-dok-webb-cfpackage.json",
    "smarterbalanced-g3-math-itemspec-c1-th-cfpackage.json",
    "opensalt-sample-what-standards-could-be-cfpackage.json",
]


def shared(name: str) -> str:
    return (SHARED / name).read_text(encoding="utf-8")


# --- CASE export ---------------------------------------------------------------------------


def test_export_case_is_a_cfpackage_byte_identical_each_time() -> None:
    text = waypost.export_case(RR)
    assert text == waypost.export_case(RR)
    package: Dict[str, Any] = json.loads(text)
    assert set(package) >= {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions"}
    assert package["CFDocument"]["caseVersion"] == "1.1"
    k4 = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "K4")
    assert k4["CFItemType"] == "Knowledge"
    assert k4["uri"] == f"urn:uuid:{k4['identifier']}"
    statements = [i for i in package["CFItems"] if i["CFItemType"] in ("Knowledge", "Skills", "Values")]
    assert len(statements) == 67


def test_export_case_options_and_a_framework_object() -> None:
    text = waypost.export_case(
        RR, base_uri="https://case.example.org/ims/case/v1p1/", last_change="2026-01-31T12:00:00Z"
    )
    package = json.loads(text)
    assert package["CFItems"][0]["uri"].startswith("https://case.example.org/ims/case/v1p1/CFItems/")
    assert package["CFItems"][0]["lastChangeDateTime"] == "2026-01-31T12:00:00Z"
    framework = waypost.read_framework(ROOT / "core" / "data" / "frameworks" / f"{RR}.toml")
    assert waypost.export_case(framework) == waypost.export_case(RR)


def test_export_case_errors() -> None:
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.export_case("recovery-2099")
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.export_case(RR, catalog=waypost.Catalog(builtin=False))
    with pytest.raises(TypeError):
        waypost.export_case(42)  # type: ignore[arg-type]


def test_the_export_validates_against_the_official_schema() -> None:
    schema = shared(CASE_SCHEMA)
    for framework in (RR, NIMHE):
        assert waypost.validate_case(waypost.export_case(framework), schema, name="export.json") == []


@pytest.mark.parametrize("name", REAL_PACKAGES)
def test_validate_case_says_where_a_real_package_departs_from_the_schema(name: str) -> None:
    schema = shared(CASE_SCHEMA)
    problems = waypost.validate_case(shared(name), schema, name=name)
    assert problems
    assert all(d.get("path") == name and "line" in d for d in problems)
    assert any("`CFDocumentURI`" in d["message"] or "`CFPackageURI`" in d["message"] for d in problems)


def test_validate_case_errors() -> None:
    schema = shared(CASE_SCHEMA)
    with pytest.raises(waypost.ParseError) as caught:
        waypost.validate_case('{"CFDocument": {,}', schema, name="x.json")
    assert (caught.value.path, caught.value.line, caught.value.column) == ("x.json", 1, 17)
    with pytest.raises(waypost.ParseError):
        waypost.validate_case(waypost.export_case(RR), "not json")


# --- CASE import ---------------------------------------------------------------------------


def test_a_case_round_trip_gives_back_the_same_framework() -> None:
    for framework in (RR, NIMHE):
        imported = waypost.import_case(waypost.export_case(framework), name="export.json")
        assert isinstance(imported, waypost.Imported)
        assert isinstance(imported.framework, waypost.Framework)
        assert imported.framework.to_dict() == waypost.framework(framework)
        assert len(imported.notes) == 1
        assert imported.notes[0]["message"].startswith("the identifiers, URIs and `lastChangeDateTime`")
        assert imported.to_dict() == json.loads(imported.to_json())
        assert imported.to_dict()["notes"] == imported.notes


def test_an_imported_framework_goes_into_a_catalog() -> None:
    imported = waypost.import_case(
        (FIXTURES / "case-edge-cases.json").read_text(encoding="utf-8"), name="case-edge-cases.json"
    )
    f = imported.framework
    assert [s["code"] for s in f.to_dict()["statements"]] == ["COM-1", "COM2", "COM-1-2", "LOOSE"]
    assert imported.notes and all(n["path"] == "case-edge-cases.json" for n in imported.notes)
    assert f"{len(imported.notes)} notes" in repr(imported)
    catalog = waypost.Catalog()
    catalog.add_framework(f)
    course = waypost.load_curriculum(
        f'id = "c"\ntitle = "C"\nframeworks = ["{f.id}"]\n[[modules]]\ncode = "M"\n'
        '[[modules.units]]\nid = "LO1"\ncovers = ["COM2"]\n'
    )
    assert waypost.check(course, catalog=catalog).statement("COM2")["level"] is not None


def test_import_case_options() -> None:
    text = waypost.export_case(RR)
    assert waypost.import_case(text, id="rr").framework.id == "rr"
    by_type = waypost.import_case(text, domains="item-type")
    assert [d["name"] for d in by_type.framework.to_dict()["domains"]] == ["Knowledge", "Skills", "Values"]
    assert waypost.import_case(text, domains="hierarchy").framework.id == RR
    with pytest.raises(waypost.ParseError) as caught:
        waypost.import_case(text, domains="types")  # type: ignore[arg-type]
    assert caught.value.message.startswith("unknown domain rule `types`")
    assert caught.value.hint == "expected one of `auto`, `hierarchy`, `item-type`"


@pytest.mark.parametrize("name", REAL_PACKAGES)
def test_the_real_case_packages_load_and_say_what_they_could_not_keep(name: str) -> None:
    imported = waypost.import_case(shared(name), name=name)
    assert imported.framework.to_dict()["statements"]
    assert imported.notes
    assert all(not n["message"].endswith(".") for n in imported.notes)


def test_import_case_errors_are_located() -> None:
    with pytest.raises(waypost.ParseError) as caught:
        waypost.import_case('{"CFItems": []}', name="x.json")
    assert caught.value.message.startswith("x.json: the package has no `CFDocument`")
    with pytest.raises(waypost.ParseError) as located:
        waypost.import_case('{"CFDocument": {,}', name="x.json")
    assert (located.value.path, located.value.line, located.value.column) == ("x.json", 1, 17)
    with pytest.raises(waypost.WaypostError):
        waypost.import_case("[]")


# --- Moodle --------------------------------------------------------------------------------


def test_export_moodle_writes_moodles_csv_with_notes() -> None:
    exported = waypost.export_moodle(RR)
    assert isinstance(exported, waypost.Exported)
    lines = exported.text.splitlines()
    assert lines[0].startswith("Parent ID number,ID number,Short name,Description,")
    assert len(lines) == 1 + 1 + 3 + 67
    assert all(isinstance(n["message"], str) for n in exported.notes)
    assert exported.to_dict() == {"text": exported.text, "notes": exported.notes}
    assert exported.text == waypost.export_moodle(RR).text
    assert waypost.export_moodle(waypost.read_framework(ROOT / "core" / "data" / "frameworks" / f"{RR}.toml")).text == exported.text
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.export_moodle("recovery-2099")


def test_a_moodle_round_trip_keeps_every_statement_and_its_hierarchy() -> None:
    for framework in (RR, NIMHE):
        back = waypost.import_moodle(waypost.export_moodle(framework).text, name="moodle.csv").framework.to_dict()
        original = waypost.framework(framework)
        assert back["id"] == framework
        assert back["levels"] == original["levels"]
        assert [(s["code"], s["domain"], s["text"]) for s in back["statements"]] == [
            (s["code"], s["domain"], s["text"]) for s in original["statements"]
        ]


def test_import_moodle_reads_a_framework_made_in_moodle() -> None:
    imported = waypost.import_moodle(
        (FIXTURES / "moodle-example.csv").read_text(encoding="utf-8"), name="moodle-example.csv", id=None
    )
    f = imported.framework
    assert (f.id, f.title, f.levels) == ("pdt-2024", "Practice development framework", ["Not yet competent", "Competent"])
    assert waypost.import_moodle((FIXTURES / "moodle-example.csv").read_text(encoding="utf-8"), id="pdt").framework.id == "pdt"
    with pytest.raises(waypost.WaypostError) as caught:
        waypost.import_moodle("not,a,moodle,file\n1,2,3,4\n", name="x.csv")
    assert caught.value.path == "x.csv"


# --- grids to curriculum files ---------------------------------------------------------------


def test_import_grid_writes_a_toml_file_that_loads_as_the_same_curriculum() -> None:
    grid = (EXAMPLES / "recovery-awareness-day.csv").read_text(encoding="utf-8")
    made = waypost.import_grid(grid, name="recovery-awareness-day.csv")
    assert isinstance(made, waypost.ImportedCurriculum)
    assert made.framework == RR
    assert made.warnings == []
    assert "the mapping grid `recovery-awareness-day.csv`" in made.text
    back = waypost.load_curriculum(made.text, format="toml")
    original = waypost.load_curriculum(grid, name="recovery-awareness-day.csv")
    assert waypost.check(back).statements == waypost.check(original).statements
    assert made.to_dict() == {"text": made.text, "framework": RR, "warnings": []}


def test_import_grid_options_and_errors() -> None:
    grid = "module,unit,text,covers\nM1,LO1,Discuss hope,K4; V9=D\n"
    made = waypost.import_grid(grid, id="week-one", title="Week one")
    back = waypost.load_curriculum(made.text)
    assert (back.id, back.title) == ("week-one", "Week one")
    assert "V9:developed" in made.text
    nimhe = waypost.import_grid("module,unit,covers\nM1,LO1,A1\n", framework=NIMHE)
    assert nimhe.framework == NIMHE
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.import_grid("module,unit,covers\nM1,LO1,K99\n", name="g.csv")
    assert (caught.value.path, caught.value.line) == ("g.csv", 2)
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.import_grid(grid, framework="recovery-2099")
    with pytest.raises(waypost.ParseError):
        waypost.import_grid("module,unit\nM1,LO1\n", name="g.csv")
