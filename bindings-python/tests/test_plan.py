"""Personal development plans: self-assessments read from text or files, plans made from
them, and their renders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Type

import pytest
import waypost

PLANS = Path(__file__).resolve().parents[2] / "tests" / "plan"
ALEX = PLANS / "alex-staff-nurse.toml"
JORDAN = PLANS / "jordan-peer-worker.yaml"

SMALL = """
name = "Sam Lee"
role = "Support worker"
date = 2026-03-02
supervisor = "Kim Ross"

[ratings]
K4 = "developing"
S10 = { level = "none", note = "never supported anyone with one" }
V9 = 4
"""


def test_load_self_assessment_reads_toml_with_every_rating_form() -> None:
    sa = waypost.load_self_assessment(SMALL, name="sam.toml")
    assert isinstance(sa, waypost.SelfAssessment)
    assert (sa.name, sa.role, sa.date, sa.supervisor) == ("Sam Lee", "Support worker", "2026-03-02", "Kim Ross")
    assert (sa.framework, sa.scale, sa.target) == (None, None, None)
    assert sa.ratings == {
        "K4": "developing",
        "S10": {"level": "none", "note": "never supported anyone with one"},
        "V9": "4",
    }
    assert sa.to_dict()["ratings"] == sa.ratings
    assert json.loads(sa.to_json()) == sa.to_dict()
    assert repr(sa) == '<SelfAssessment of "Sam Lee": 3 ratings>'


def test_load_self_assessment_in_json_and_yaml_gives_the_same() -> None:
    toml = waypost.load_self_assessment(SMALL)
    as_json = json.dumps(toml.to_dict())
    assert waypost.load_self_assessment(as_json, format="json").to_dict() == toml.to_dict()
    assert waypost.load_self_assessment(as_json, name="sam.json").to_dict() == toml.to_dict()
    yaml = "name: Sam Lee\nratings:\n  K4: developing\n"
    assert waypost.load_self_assessment(yaml, format="yaml").ratings == {"K4": "developing"}


def test_read_self_assessment_reads_a_file() -> None:
    sa = waypost.read_self_assessment(ALEX)
    assert sa.name == "Alex Morgan"
    assert sa.framework == "realising-recovery-2007"
    assert waypost.read_self_assessment(str(ALEX)).to_dict() == sa.to_dict()
    jordan = waypost.read_self_assessment(JORDAN)
    assert jordan.scale is not None and len(jordan.scale) >= 2


def test_plan_gives_the_needs_in_order_with_what_helps() -> None:
    plan = waypost.plan(waypost.read_self_assessment(ALEX))
    assert isinstance(plan, waypost.Plan)
    assert plan.person["name"] == "Alex Morgan"
    assert plan.framework["id"] == "realising-recovery-2007"
    assert plan.scale == ["none", "aware", "developing", "confident", "expert"]
    assert plan.target == "confident"
    summary = plan.summary
    assert summary["statements"] == 67
    assert summary["below"] == len(plan.needs)
    assert summary["met"] == len(plan.met)
    assert summary["unrated"] == len(plan.unrated)
    assert [n["rank"] for n in plan.needs] == list(range(1, len(plan.needs) + 1))
    assert all(n["supports"] for n in plan.needs[:5])
    grouped = [code for g in plan.groups for t in g["themes"] for code in t["needs"]]
    assert sorted(grouped) == sorted(n["code"] for n in plan.needs)
    assert plan.activities and all(a["needs"] for a in plan.activities)
    assert all(m["level"] in ("confident", "expert") for m in plan.met)
    assert plan.to_dict() == json.loads(plan.to_json())
    assert "39 of 67" in repr(plan)


def test_plan_options_target_and_include_unrated() -> None:
    sa = waypost.read_self_assessment(ALEX)
    default = waypost.plan(sa)
    higher = waypost.plan(sa, target="expert")
    assert higher.target == "expert"
    assert len(higher.needs) > len(default.needs)
    with_unrated = waypost.plan(sa, include_unrated=True)
    assert len(with_unrated.needs) == len(default.needs) + len(default.unrated)
    with pytest.raises(waypost.ParseError) as caught:
        waypost.plan(sa, target="brilliant")
    assert caught.value.message.startswith("unknown target level `brilliant`")


def test_plan_with_a_catalog() -> None:
    sa = waypost.load_self_assessment(SMALL)
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.plan(sa, catalog=waypost.Catalog(builtin=False))
    assert caught.value.diagnostics[0]["message"] == "unknown framework `realising-recovery-2007`"
    assert waypost.plan(sa, catalog=waypost.Catalog()).to_json() == waypost.plan(sa).to_json()


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_plan_renders(fmt: str) -> None:
    plan = waypost.plan(waypost.read_self_assessment(ALEX))
    out = plan.render(fmt)  # type: ignore[arg-type]
    assert out == waypost.render(plan, fmt)  # type: ignore[call-overload]
    assert "Alex Morgan" in out
    if fmt == "json":
        assert out == plan.to_json()
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>")


def test_plan_render_defaults_to_text_and_refuses_csv() -> None:
    plan = waypost.plan(waypost.read_self_assessment(ALEX))
    assert plan.render() == plan.render("text") == waypost.render(plan)
    assert plan.render("md") == plan.render("markdown")
    with pytest.raises(waypost.UsageError) as caught:
        plan.render("csv")  # type: ignore[arg-type]
    assert caught.value.hint == "`csv` is a format of coverage reports"


@pytest.mark.parametrize(
    ("name", "cls", "located"),
    [
        ("no-ratings.toml", waypost.ValidationError, False),
        ("rated-twice.toml", waypost.ValidationError, True),
        ("rating-wrong-type.toml", waypost.ParseError, True),
        ("unknown-codes-and-levels.toml", waypost.ValidationError, True),
        ("unknown-framework.toml", waypost.ValidationError, True),
        ("unknown-key.toml", waypost.ParseError, True),
    ],
)
def test_bad_self_assessments_raise_located_errors(
    name: str, cls: Type[waypost.WaypostError], located: bool
) -> None:
    path = PLANS / "bad" / name
    with pytest.raises(cls) as caught:
        waypost.plan(waypost.read_self_assessment(path))
    e = caught.value
    assert e.path == str(path)
    assert (e.line is not None) == located
    # From text with a name, the same error names the name.
    with pytest.raises(cls) as again:
        waypost.plan(waypost.load_self_assessment(path.read_text(encoding="utf-8"), name=name))
    assert again.value.path == name
    assert (again.value.line, again.value.column) == (e.line, e.column)


def test_self_assessment_errors_before_a_plan() -> None:
    with pytest.raises(waypost.ParseError) as caught:
        waypost.load_self_assessment("  \n", name="empty.toml")
    assert caught.value.message.startswith("empty.toml: the self-assessment is empty")
    with pytest.raises(waypost.UsageError) as unknown:
        waypost.load_self_assessment(SMALL, format="xml")  # type: ignore[arg-type]
    assert unknown.value.hint == "the formats are `toml`, `json`, `yaml`, `csv`"
    with pytest.raises(waypost.WaypostIOError):
        waypost.read_self_assessment(PLANS / "missing.toml")
    unknown_code = waypost.load_self_assessment('name = "X"\n[ratings]\nK26 = "aware"\n', name="x.toml")
    with pytest.raises(waypost.ValidationError) as invalid:
        waypost.plan(unknown_code)
    assert (invalid.value.path, invalid.value.line, invalid.value.pointer) == ("x.toml", 3, "ratings.K26")
    assert invalid.value.hint == "the framework has K1–K25 in Knowledge"
