"""The shared test vectors under tests/vectors/: the same cases the Rust and JavaScript
suites run, each giving its recorded JSON report byte for byte, and its recorded renders,
suggestions and development plans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest
import waypost

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
CASES: List[Dict[str, Any]] = json.loads((VECTORS / "cases.json").read_bytes())
SUGGEST: List[Dict[str, Any]] = json.loads((VECTORS / "suggest.json").read_bytes())
PLANS: List[Dict[str, Any]] = json.loads((VECTORS / "plan.json").read_bytes())
TEAMS: List[Dict[str, Any]] = json.loads((VECTORS / "team.json").read_bytes())
PORTFOLIOS: List[Dict[str, Any]] = json.loads((VECTORS / "portfolio.json").read_bytes())
EXPECTS: List[Dict[str, Any]] = json.loads((VECTORS / "expect.json").read_bytes())


def read_text(name: str) -> str:
    # Bytes decoded as they are, without newline translation, as the Rust suite reads them.
    return (VECTORS / name).read_bytes().decode("utf-8")


def run(case: Dict[str, Any]) -> waypost.Report:
    curriculum = waypost.load_curriculum(read_text(case["curriculum"]), name=case["curriculum"])
    policy = None
    if "policy" in case:
        policy = waypost.load_policy(read_text(case["policy"]), format="toml", name=case["policy"])
    catalog = None
    if case.get("with"):
        # Framework files added to the built-in ones, as `waypost check --with` adds them.
        catalog = waypost.Catalog()
        for file in case["with"]:
            catalog.add_framework(waypost.load_framework(read_text(file), name=file))
    return waypost.check(
        curriculum, framework=case.get("framework"), policy=policy, catalog=catalog
    )


def test_the_suite_has_its_cases() -> None:
    assert len(CASES) >= 7


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector_gives_its_recorded_report_byte_for_byte(case: Dict[str, Any]) -> None:
    report = run(case)
    expected = read_text(case["expected"])
    assert report.to_json() == expected
    assert report.render("json") == expected
    assert waypost.render(report, "json") == expected


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector_as_python_values_matches_the_recorded_json(case: Dict[str, Any]) -> None:
    report = run(case)
    expected = json.loads(read_text(case["expected"]))
    assert report.to_dict() == expected
    # The attributes are the same values, one key at a time.
    assert report.passed == expected["passed"]
    assert report.summary == expected["summary"]
    assert report.domains == expected["domains"]
    assert report.modules == expected["modules"]
    assert report.statements == expected["statements"]
    assert report.gaps == expected["gaps"]
    assert report.unmapped_units == expected["unmapped_units"]
    assert report.policy == expected["policy"]
    assert report.warnings == expected.get("warnings", [])
    assert report.curriculum == expected["curriculum"]
    assert report.framework == expected["framework"]
    assert report.levels == expected["levels"]
    assert report.units == expected["units"]
    for statement in expected["statements"]:
        # `evidence` writes each piece's unit out, from the report's list of units.
        written = [
            {**expected["units"][e["unit_index"]], **{k: v for k, v in e.items() if k != "unit_index"}}
            for e in statement["units"]
        ]
        assert report.evidence(statement["code"]) == written
        assert report.statement(statement["id"]) == statement


RENDERS = [(c, fmt) for c in CASES for fmt in c.get("renders", [])]
EXTENSION = {"text": "txt", "markdown": "md"}


def test_some_vectors_fix_renders() -> None:
    assert {fmt for _, fmt in RENDERS} >= {"text", "markdown", "html", "csv"}


@pytest.mark.parametrize(("case", "fmt"), RENDERS, ids=[f"{c['name']}-{fmt}" for c, fmt in RENDERS])
def test_vector_renders_byte_for_byte(case: Dict[str, Any], fmt: str) -> None:
    """`renders` fixes the report in more formats: `x.report.json` -> `x.report.md`, ..."""
    recorded = case["expected"][: -len(".json")] + "." + EXTENSION.get(fmt, fmt)
    report = run(case)
    assert report.render(fmt) == read_text(recorded)  # type: ignore[call-overload]
    assert waypost.render(report, fmt) == read_text(recorded)  # type: ignore[call-overload]


def test_one_curriculum_in_three_formats_gives_one_report() -> None:
    reports = {
        name: waypost.check(waypost.load_curriculum(read_text(name), name=name)).to_json()
        for name in ("same-course.toml", "same-course.json", "same-course.yaml")
    }
    assert len(set(reports.values())) == 1


def test_the_suite_has_its_suggestion_and_plan_cases() -> None:
    assert len(SUGGEST) >= 4
    assert len(PLANS) >= 2
    assert {fmt for p in PLANS for fmt in p.get("renders", [])} >= {"text", "markdown", "html"}


@pytest.mark.parametrize("case", SUGGEST, ids=[c["name"] for c in SUGGEST])
def test_suggestion_vector_gives_its_recorded_ranking_byte_for_byte(case: Dict[str, Any]) -> None:
    found = waypost.suggest(case["text"], framework=case["framework"], top=case["top"])
    assert len(found) <= case["top"]
    expected = read_text(case["expected"])
    assert found.to_json() == expected
    assert found.render("json") == expected
    assert waypost.render(found, "json") == expected
    assert found.to_list() == json.loads(expected)


def make_plan(case: Dict[str, Any]) -> waypost.Plan:
    path = VECTORS / case["self_assessment"]
    assessment = waypost.load_self_assessment(path.read_bytes().decode("utf-8"), name=path.name)
    return waypost.plan(assessment, target=case.get("target"))


@pytest.mark.parametrize("case", PLANS, ids=[c["name"] for c in PLANS])
def test_plan_vector_gives_its_recorded_plan_byte_for_byte(case: Dict[str, Any]) -> None:
    plan = make_plan(case)
    expected = read_text(case["expected"])
    assert plan.to_json() == expected
    assert plan.render("json") == expected
    assert waypost.render(plan, "json") == expected
    assert plan.to_dict() == json.loads(expected)


PLAN_RENDERS = [(c, fmt) for c in PLANS for fmt in c.get("renders", [])]


@pytest.mark.parametrize(
    ("case", "fmt"), PLAN_RENDERS, ids=[f"{c['name']}-{fmt}" for c, fmt in PLAN_RENDERS]
)
def test_plan_vector_renders_byte_for_byte(case: Dict[str, Any], fmt: str) -> None:
    recorded = case["expected"][: -len(".json")] + "." + EXTENSION.get(fmt, fmt)
    plan = make_plan(case)
    assert plan.render(fmt) == read_text(recorded)  # type: ignore[arg-type]
    assert waypost.render(plan, fmt) == read_text(recorded)  # type: ignore[call-overload]


def make_team(case: Dict[str, Any]) -> waypost.Team:
    members = []
    for file in case["self_assessments"]:
        path = VECTORS / file
        members.append(waypost.load_self_assessment(path.read_bytes().decode("utf-8"), name=path.name))
    return waypost.team(members, target=case.get("target"), names=case.get("names", False))


@pytest.mark.parametrize("case", TEAMS, ids=[c["name"] for c in TEAMS])
def test_team_vector_gives_its_recorded_view_byte_for_byte(case: Dict[str, Any]) -> None:
    team = make_team(case)
    expected = read_text(case["expected"])
    assert team.to_json() == expected
    assert waypost.render(team, "json") == expected
    assert team.to_dict() == json.loads(expected)
    for fmt in case.get("renders", []):
        recorded = case["expected"][: -len(".json")] + "." + EXTENSION.get(fmt, fmt)
        assert team.render(fmt) == read_text(recorded)


@pytest.mark.parametrize("case", PORTFOLIOS, ids=[c["name"] for c in PORTFOLIOS])
def test_portfolio_vector_gives_its_recorded_reach_byte_for_byte(case: Dict[str, Any]) -> None:
    courses = []
    for file in case["curricula"]:
        path = VECTORS / file
        courses.append(waypost.load_curriculum(path.read_bytes().decode("utf-8"), name=path.name))
    p = waypost.portfolio(
        courses,
        few_learners=case.get("few_learners"),
        settings=case.get("settings", []),
        gaps_to_training=case.get("gaps_to_training", False),
    )
    expected = read_text(case["expected"])
    assert p.to_json() == expected
    for fmt in case.get("renders", []):
        recorded = case["expected"][: -len(".json")] + "." + EXTENSION.get(fmt, fmt)
        assert p.render(fmt) == read_text(recorded)


@pytest.mark.parametrize("case", EXPECTS, ids=[c["name"] for c in EXPECTS])
def test_expect_vector_gives_its_recorded_page_byte_for_byte(case: Dict[str, Any]) -> None:
    page = waypost.what_to_expect(framework=case["framework"])
    expected = read_text(case["expected"])
    assert page.to_json() == expected
    assert page.to_dict() == json.loads(expected)
    for fmt in case.get("renders", []):
        recorded = case["expected"][: -len(".json")] + "." + EXTENSION.get(fmt, fmt)
        assert page.render(fmt) == read_text(recorded)
        assert waypost.render(page, fmt) == read_text(recorded)
