"""Bringing one's own framework (issue #18): the shared vectors of tests/vectors/authoring.json
(a curriculum checked against every framework it declares; a framework kept as a spreadsheet),
byte for byte as the Rust suite records them, and the starter framework."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest
import waypost

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
AUTHORING: Dict[str, Any] = json.loads((VECTORS / "authoring.json").read_bytes())
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "csv": "csv"}


def read_text(name: str) -> str:
    return (VECTORS / name).read_bytes().decode("utf-8")


def file_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


@pytest.mark.parametrize("case", AUTHORING["checks"], ids=[c["name"] for c in AUTHORING["checks"]])
def test_a_check_against_several_frameworks_gives_its_recorded_reports(case: Dict[str, Any]) -> None:
    catalog = waypost.Catalog()
    for extra in case.get("with", []):
        catalog.add_framework(waypost.load_framework(read_text(extra), name=file_name(extra)))
    curriculum = waypost.load_curriculum(read_text(case["curriculum"]), name=file_name(case["curriculum"]))
    policies = [waypost.load_policy(read_text(p), name=file_name(p)) for p in case.get("policies", [])]
    checks = waypost.check_all(curriculum, policy=policies or None, catalog=catalog)
    expected = read_text(case["expected"])
    assert checks.to_json() == expected
    assert checks.passed == json.loads(expected)["passed"]
    assert len(checks.reports) >= 2
    for fmt in case.get("renders", []):
        stem = case["expected"][: -len(".json")]
        assert checks.render(fmt) == read_text(f"{stem}.{EXTENSIONS[fmt]}"), fmt


@pytest.mark.parametrize(
    "case", AUTHORING["framework_grids"], ids=[c["name"] for c in AUTHORING["framework_grids"]]
)
def test_a_framework_grid_imports_to_its_recorded_framework(case: Dict[str, Any]) -> None:
    options = case["options"]
    imported = waypost.import_framework_grid(
        read_text(case["grid"]),
        name=file_name(case["grid"]),
        id=options.get("id"),
        title=options.get("title"),
        publisher=options.get("publisher"),
        year=options.get("year"),
    )
    assert imported.to_json() == read_text(case["expected"])


def test_the_starter_framework_loads() -> None:
    text = waypost.new_framework("my-standards-2026", "My Standards")
    framework = waypost.load_framework(text, format="toml")
    catalog = waypost.Catalog()
    catalog.add_framework(framework)
    assert "my-standards-2026" in catalog.framework_ids()
    with pytest.raises(waypost.WaypostError):
        waypost.new_framework(" ", "T")


def test_each_framework_is_held_to_the_policy_that_names_it() -> None:
    catalog = waypost.Catalog()
    standards = "../frameworks/example-practice-standards.toml"
    catalog.add_framework(waypost.load_framework(read_text(standards), name=file_name(standards)))
    programme = "../frameworks/three-year-programme.toml"
    curriculum = waypost.load_curriculum(read_text(programme), name=file_name(programme))
    for_standards = waypost.load_policy(read_text("three-year.standards.policy.toml"))
    for_recovery = waypost.load_policy(read_text("three-year.recovery.policy.toml"))
    assert for_recovery.framework == "realising-recovery-2007"
    checks = waypost.check_all(curriculum, policy=[for_recovery, for_standards], catalog=catalog)
    assert [r.passed for r in checks.reports] == [True, False]
    assert checks.failed == ["realising-recovery-2007"]
    # A check against one framework takes the policy for it from the list.
    report = waypost.check(curriculum, policy=(for_standards,), catalog=catalog)
    assert report.passed
    # A second policy for one framework is a located error; a list of anything else a type error.
    with pytest.raises(waypost.WaypostError) as error:
        waypost.check_all(curriculum, policy=[for_recovery, for_recovery], catalog=catalog)
    assert "a second policy for the framework `realising-recovery-2007`" in str(error.value)
    with pytest.raises(TypeError):
        waypost.check_all(curriculum, policy=["three-year.recovery.policy.toml"], catalog=catalog)  # type: ignore[list-item]
