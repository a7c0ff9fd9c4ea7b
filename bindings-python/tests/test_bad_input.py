"""The bad-input suite under tests/bad-input/: every file fails with a typed WaypostError
that carries exactly the error recorded beside it (NAME.expected.json), located."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Type

import pytest
import waypost

BAD_INPUT = Path(__file__).resolve().parents[2] / "tests" / "bad-input"
CASES: List[Path] = sorted(
    p for p in BAD_INPUT.iterdir() if p.is_file() and not p.name.endswith(".expected.json")
)
CLASS_OF_CODE: Dict[str, Type[waypost.WaypostError]] = {
    "parse": waypost.ParseError,
    "invalid": waypost.ValidationError,
    "unknown-framework": waypost.UnknownFrameworkError,
    "io": waypost.WaypostIOError,
}


def test_the_suite_has_its_cases() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        assert case.with_name(case.name + ".expected.json").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_raises_its_recorded_error(case: Path) -> None:
    expected_text = case.with_name(case.name + ".expected.json").read_bytes().decode("utf-8")
    expected = json.loads(expected_text)
    text = case.read_bytes().decode("utf-8")

    with pytest.raises(waypost.WaypostError) as caught:
        waypost.check(waypost.load_curriculum(text, name=case.name))
    error = caught.value

    # The class follows the code, and every class is a ValueError.
    assert type(error) is CLASS_OF_CODE[expected["code"]]
    assert isinstance(error, ValueError)
    # The error as data is the core's error report, to the byte once written as JSON.
    assert error.to_dict() == expected
    assert json.dumps(error.to_dict(), indent=2, ensure_ascii=False) + "\n" == expected_text
    assert error.code == expected["code"]
    assert error.message == expected["message"] == str(error)
    assert error.diagnostics == expected["diagnostics"]
    # The first problem's location, as attributes.
    first = expected["diagnostics"][0]
    assert error.path == first.get("path") == case.name
    assert error.line == first.get("line")
    assert error.column == first.get("column")
    assert error.pointer == first.get("pointer")
    assert error.hint == first.get("hint")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_read_from_its_file_names_the_file(case: Path) -> None:
    with pytest.raises(waypost.WaypostError) as caught:
        waypost.check(waypost.read_curriculum(case))
    error = caught.value
    assert error.path == str(case)
    assert all(d.get("path") == str(case) for d in error.diagnostics)
