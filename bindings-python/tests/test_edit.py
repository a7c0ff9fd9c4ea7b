"""Lossless editing: functions that take a curriculum file's text and return the new text,
keeping every comment, blank line and unknown key outside the spot that changed."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import List

import pytest
import waypost

EXAMPLES = Path(__file__).resolve().parents[2] / "curricula" / "examples"
RAD = (EXAMPLES / "recovery-awareness-day.toml").read_bytes().decode("utf-8")
NURSING = (EXAMPLES / "bsc-mental-health-nursing.toml").read_bytes().decode("utf-8")


def changed_lines(old: str, new: str) -> List[str]:
    """The lines removed (`-`) and added (`+`), in order."""
    return [
        line
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line.startswith(("-", "+"))
    ]


def appended(old: str, new: str) -> str:
    """What `new` adds at the end of `old`; fails unless `old` is kept whole at the start."""
    assert new.startswith(old.rstrip("\n")), "the old text is kept as it was"
    return new[len(old.rstrip("\n")) :]


# --- map_unit ------------------------------------------------------------------------------


def test_map_unit_changes_one_line_and_nothing_else() -> None:
    new = waypost.map_unit(RAD, "SE3", ["+K5:developed", "-K4"], name="rad.toml")
    assert changed_lines(RAD, new) == [
        '- covers = ["K4", "S11", "V9"]',
        '+ covers = ["S11", "V9", "K5:developed"]',
    ]
    report = waypost.check(waypost.load_curriculum(new, name="rad.toml"))
    assert [(e["unit"], e["mapped"]) for e in report.evidence("K5")] == [("SE3", "developed")]
    assert "SE3" not in [e["unit"] for e in report.evidence("K4")]


def test_map_unit_names_units_every_way_and_maps_assessments() -> None:
    assert waypost.map_unit(RAD, "RAD/SE3", ["+K5"]) == waypost.map_unit(RAD, "SE3", ["K5"])
    # Mapping what is mapped already at that level changes nothing.
    assert waypost.map_unit(RAD, "SE3", ["+K4"]) == RAD
    new = waypost.map_unit(RAD, "RA", ["+K5"])
    assert len(changed_lines(RAD, new)) >= 1
    assert waypost.check(waypost.load_curriculum(new)).statement("K5")["assessed"] is True


def test_map_unit_refuses_what_would_not_load_with_a_located_error() -> None:
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.map_unit(RAD, "SE3", ["+K26"], name="rad.toml")
    e = caught.value
    assert (e.path, e.line, e.pointer) == ("rad.toml", 45, "modules[0].units[2].covers")
    assert e.diagnostics[0]["message"] == "unknown statement `K26` in `realising-recovery-2007`"
    assert e.hint == "the framework has K1–K25 in Knowledge"

    with pytest.raises(waypost.ValidationError) as not_mapped:
        waypost.map_unit(RAD, "SE3", ["-K5"])
    assert not_mapped.value.hint == "it maps `K4`, `S11`, `V9`"
    with pytest.raises(waypost.ValidationError) as no_unit:
        waypost.map_unit(RAD, "SE99", ["+K5"])
    assert no_unit.value.diagnostics[0]["message"] == "the curriculum has no unit `SE99`"
    with pytest.raises(waypost.ParseError) as bad_change:
        waypost.map_unit(RAD, "SE3", ["+"])
    assert bad_change.value.hint == "write `+K4` or `+K4:developed` to add a mapping, `-S12` to remove one"


def test_edits_take_toml_text_only() -> None:
    with pytest.raises(waypost.ParseError) as broken:
        waypost.map_unit("id = \n[", "SE3", ["+K5"], name="rad.toml")
    assert (broken.value.path, broken.value.line) == ("rad.toml", 1)
    with pytest.raises(waypost.ParseError) as json_file:
        waypost.map_unit('{"id": "x", "title": "X"}', "SE3", ["+K5"], name="x.json")
    assert json_file.value.hint == "edit it by hand, or keep the curriculum as TOML"


def test_the_file_text_is_positional_only_and_changes_a_list() -> None:
    with pytest.raises(TypeError):
        waypost.map_unit(source=RAD, unit="SE3", changes=["+K5"])  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        waypost.map_unit(RAD, "SE3", "+K5")  # a string is not a list of changes
    assert waypost.map_unit(RAD, unit="SE3", changes=("+K5",)) == waypost.map_unit(RAD, "SE3", ["+K5"])


# --- add_module, add_unit, add_assessment ----------------------------------------------------


def test_add_module_appends_a_table() -> None:
    new = waypost.add_module(RAD, "RAD2", title="Follow-up day", year=1, level="SCQF 7", credits=10)
    tail = appended(RAD, new)
    assert '[[modules]]\ncode = "RAD2"\ntitle = "Follow-up day"' in tail
    c = waypost.load_curriculum(new)
    module = c.modules[-1]
    assert (module["code"], module["title"], module["year"], module["credits"]) == ("RAD2", "Follow-up day", 1, 10)


def test_add_module_errors() -> None:
    with pytest.raises(waypost.ValidationError) as twice:
        waypost.add_module(RAD, "RAD", name="rad.toml")
    assert twice.value.hint == "module codes are unique in a curriculum"
    with pytest.raises(waypost.ParseError) as blank:
        waypost.add_module(RAD, " ", name="rad.toml")
    assert blank.value.path == "rad.toml"
    with pytest.raises(OverflowError):
        waypost.add_module(RAD, "RAD2", year=300)


def test_add_unit_keeps_the_rest_and_maps_what_it_covers() -> None:
    new = waypost.add_unit(
        RAD, "RAD", "SE9", kind="session", text="Hope in practice", covers=["K4", "S11:developed"]
    )
    assert all(line.startswith("+") for line in changed_lines(RAD, new))
    c = waypost.load_curriculum(new)
    unit = c.modules[0]["units"][-1]
    assert (unit["id"], unit["kind"], unit["text"]) == ("SE9", "session", "Hope in practice")
    evidence = waypost.check(c).evidence("S11")
    assert ("SE9", "developed") in [(e["unit"], e["mapped"]) for e in evidence]
    # The unit's own `text` is a keyword; the file's text is the first argument.
    assert waypost.add_unit(RAD, module="RAD", id="SE9", text="Hope in practice") == waypost.add_unit(
        RAD, "RAD", "SE9", None, "Hope in practice"
    )


def test_add_unit_errors() -> None:
    with pytest.raises(waypost.ParseError) as kind:
        waypost.add_unit(RAD, "RAD", "SE9", kind="lecture")  # type: ignore[arg-type]
    assert kind.value.message.startswith("unknown unit kind `lecture`")
    assert kind.value.hint == "expected one of `outcome`, `session`, `activity`"
    with pytest.raises(waypost.ValidationError) as module:
        waypost.add_unit(RAD, "NOPE", "LO1")
    assert module.value.hint == "the modules are `RAD`"
    with pytest.raises(waypost.ValidationError) as twice:
        waypost.add_unit(RAD, "RAD", "SE3", name="rad.toml")
    assert (twice.value.path, twice.value.hint) == ("rad.toml", "unit ids are unique within a module")
    with pytest.raises(waypost.ValidationError):
        waypost.add_unit(RAD, "RAD", "SE9", covers=["K99"])


def test_add_assessment_assesses_units() -> None:
    new = waypost.add_assessment(
        RAD, "RAD", "A9", title="Quiz", weight=20, assesses=["SE1", "RAD/SE2"], covers=["V1"]
    )
    assert all(line.startswith("+") for line in changed_lines(RAD, new))
    c = waypost.load_curriculum(new)
    a = c.modules[0]["assessments"][-1]
    assert (a["id"], a["title"], a["weight"], a["assesses"]) == ("A9", "Quiz", 20, ["SE1", "RAD/SE2"])
    assert waypost.check(c).statement("V1")["assessed"] is True
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.add_assessment(RAD, "RAD", "A9", assesses=["SE99"])
    assert caught.value.hint == "did you mean `SE1`?"


def test_edits_keep_comments_in_a_larger_file() -> None:
    comments = [line for line in NURSING.splitlines() if line.lstrip().startswith("#")]
    new = waypost.add_unit(NURSING, waypost.load_curriculum(NURSING).modules[0]["code"], "LO99", text="New")
    assert [line for line in new.splitlines() if line.lstrip().startswith("#")] == comments


def test_edits_with_a_catalog_of_ones_own() -> None:
    framework = waypost.load_framework(
        'id = "tiny"\ntitle = "Tiny"\npublishers = ["T"]\nyear = 2026\nsource = { citation = "T" }\n'
        'levels = ["met"]\ndomains = [{ id = "core", name = "Core", prefix = "C" }]\n'
        '[[statements]]\ncode = "C1"\ndomain = "core"\ntext = "One."\nlabel = "one"\n'
    )
    catalog = waypost.Catalog()
    catalog.add_framework(framework)
    start = waypost.new_curriculum("tiny-course", "Tiny course", framework="tiny", catalog=catalog)
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.new_curriculum("tiny-course", "Tiny course", framework="tiny")
    with_module = waypost.add_module(start, "T1", catalog=catalog)
    with_unit = waypost.add_unit(with_module, "T1", "LO1", covers=["C1"], catalog=catalog)
    report = waypost.check(waypost.load_curriculum(with_unit), catalog=catalog)
    assert report.statement("C1")["level"] == "met"
    assert waypost.map_unit(with_unit, "LO1", ["-C1"], catalog=catalog) != with_unit


# --- new_curriculum ------------------------------------------------------------------------


def test_new_curriculum_is_a_commented_starter_that_loads() -> None:
    text = waypost.new_curriculum("bsc-nursing", "BSc Nursing", provider="Glen University")
    assert text.startswith("# BSc Nursing: a curriculum mapped to Realising Recovery")
    c = waypost.load_curriculum(text, name="bsc-nursing.toml")
    assert (c.id, c.title, c.provider, c.frameworks) == (
        "bsc-nursing",
        "BSc Nursing",
        "Glen University",
        [waypost.DEFAULT_FRAMEWORK],
    )
    nimhe = waypost.new_curriculum("x", "X", framework="nimhe-guiding-statement-2004")
    assert waypost.load_curriculum(nimhe).frameworks == ["nimhe-guiding-statement-2004"]
    with_schema = waypost.new_curriculum("x", "X", schema="../docs/schema/curriculum.schema.json")
    assert with_schema.splitlines()[0] == "#:schema ../docs/schema/curriculum.schema.json"


def test_new_curriculum_with_an_unknown_framework() -> None:
    with pytest.raises(waypost.UnknownFrameworkError) as caught:
        waypost.new_curriculum("x", "X", framework="recovery-2099")
    assert caught.value.framework == "recovery-2099"


# --- rename, set_assesses, and grids written back in their own columns --------------------


def test_rename_changes_the_unit_and_the_assesses_that_name_it() -> None:
    new = waypost.rename(RAD, "RAD/SE3", id="SE3a", title="Holding hope.")
    assert changed_lines(RAD, new) == [
        '- id = "SE3"',
        '+ id = "SE3a"',
        '- text = "Holding hope: why hope matters and how to convey it at times of distress."',
        '+ text = "Holding hope."',
        '- assesses = ["SE3", "AC2"]',
        '+ assesses = ["SE3a", "AC2"]',
    ]
    with pytest.raises(waypost.ValidationError) as clash:
        waypost.rename(RAD, "RAD/SE3", id="SE4")
    assert clash.value.diagnostics[0]["message"] == "module `RAD` already has a unit `SE4`"


def test_set_assesses_keeps_the_entries_that_stay() -> None:
    new = waypost.set_assesses(RAD, "RAD/RA", ["AC2", "SE1"])
    assert changed_lines(RAD, new) == [
        '- assesses = ["SE3", "AC2"]',
        '+ assesses = ["AC2", "SE1"]',
    ]


def test_a_grid_is_written_back_in_its_own_columns() -> None:
    csv = (EXAMPLES / "recovery-awareness-day.csv").read_text(encoding="utf-8")
    headers = waypost.grid_layout(csv)
    assert headers[-1] == "facilitator"
    curriculum = waypost.load_curriculum(csv, format="csv")
    written = waypost.write_grid(curriculum, headers)
    assert written.splitlines()[0] == csv.splitlines()[0]
    again = waypost.load_curriculum(written, format="csv")
    assert waypost.write_grid(again, headers) == written


def test_a_workbook_grid_is_written_back_as_a_workbook_in_its_own_layout() -> None:
    book = (EXAMPLES / "recovery-awareness-day.xlsx").read_bytes()
    headers, sheet = waypost.workbook_layout(book, name="day.xlsx")
    csv = (EXAMPLES / "recovery-awareness-day.csv").read_text(encoding="utf-8")
    assert headers == waypost.grid_layout(csv)
    assert sheet
    curriculum = waypost.load_workbook(book, name="day.xlsx")
    written = waypost.write_grid_workbook(curriculum, headers, sheet)
    assert isinstance(written, bytes)
    assert waypost.workbook_layout(written) == (headers, sheet)
    back = waypost.load_workbook(written, name="saved.xlsx")
    assert waypost.write_grid(back, headers) == waypost.write_grid(curriculum, headers)


# --- JSON and YAML curricula, edited as TOML ------------------------------------------------

PORTFOLIO = EXAMPLES / "portfolio"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("recovery-elearning-induction.json", "json"), ("pg-recovery-focused-practice.yaml", "yaml")],
)
def test_a_json_or_yaml_curriculum_is_saved_in_its_own_format_with_the_edits(
    name: str, fmt: str
) -> None:
    original = (PORTFOLIO / name).read_text(encoding="utf-8")
    editable = waypost.editable_curriculum(original, name=name)
    assert editable["format"] == fmt
    assert editable["notes"], "what is not kept is said"
    loaded = waypost.load_curriculum(original, name=name)
    assert waypost.load_curriculum(editable["text"], format="toml").to_dict() == loaded.to_dict()
    module = loaded.modules[0]
    unit = f"{module['code']}/{module['units'][0]['id']}"
    edited = waypost.map_unit(editable["text"], unit, ["+K25:developed"], name="c.toml")
    saved = waypost.write_curriculum(edited, fmt, name="c.toml")
    back = waypost.load_curriculum(saved, format=fmt)
    assert back.to_dict() == waypost.load_curriculum(edited, format="toml").to_dict()
    assert {"statement": "K25", "level": "developed"} in back.modules[0]["units"][0]["covers"]


def test_a_toml_curriculum_is_its_own_editable_text() -> None:
    editable = waypost.editable_curriculum(RAD, name="rad.toml")
    assert editable == {"text": RAD, "format": "toml", "notes": []}
    assert waypost.write_curriculum(RAD, "toml") == RAD
    with pytest.raises(waypost.UsageError, match="write_grid"):
        waypost.write_curriculum(RAD, "csv")


def test_assessed_by_names_the_assessments_of_each_unit() -> None:
    units = waypost.assessed_by(waypost.load_curriculum(RAD, name="rad.toml"))
    assessed = {u["unit"]: u["assessments"] for u in units if u["assessments"]}
    assert assessed == {"SE3": ["RA"], "AC2": ["RA"]}
    assert units[0] == {"module": "RAD", "unit": "SE1", "assessments": []}
