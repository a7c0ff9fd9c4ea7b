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
    checks = waypost.check_all(curriculum, catalog=catalog)
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
