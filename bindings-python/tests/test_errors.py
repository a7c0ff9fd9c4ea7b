"""The exception classes, their attributes, and that no input makes anything but a
WaypostError reach Python."""

from __future__ import annotations

import random
from pathlib import Path
from typing import List

import pytest
import waypost

ROOT = Path(__file__).resolve().parents[2]
BAD_INPUT = ROOT / "tests" / "bad-input"


def test_every_exception_is_a_waypost_error_and_a_value_error() -> None:
    for cls in (
        waypost.ParseError,
        waypost.ValidationError,
        waypost.UsageError,
        waypost.UnknownFrameworkError,
        waypost.WaypostIOError,
    ):
        assert issubclass(cls, waypost.WaypostError)
        assert issubclass(cls, ValueError)
    assert issubclass(waypost.WaypostError, ValueError)


def test_parse_error_names_file_line_column_and_hint() -> None:
    with pytest.raises(waypost.ParseError) as caught:
        waypost.load_curriculum(
            'id = "x"\ntitle = "X"\n[[modules]]\ncode = "M"\nyear = "one"\n', name="x.toml"
        )
    e = caught.value
    assert e.code == "parse"
    assert (e.path, e.line, e.column) == ("x.toml", 5, 8)
    assert e.diagnostics == [
        {
            "path": "x.toml",
            "line": 5,
            "column": 8,
            "pointer": "modules[0].year",
            "message": e.diagnostics[0]["message"],
            "hint": e.hint,
        }
    ]
    assert e.pointer == "modules[0].year"
    assert e.to_dict()["code"] == "parse"
    assert str(e).startswith("x.toml:5:8 (at `modules[0].year`): ")


def test_parse_error_of_a_string_without_a_name_has_no_path() -> None:
    with pytest.raises(waypost.ParseError) as caught:
        waypost.load_curriculum('{"id": "x",}')
    e = caught.value
    assert e.path is None
    assert (e.line, e.column) == (1, 12)


def test_validation_error_lists_every_problem() -> None:
    text = (
        'id = "x"\ntitle = "X"\n[[modules]]\ncode = "M"\n'
        '[[modules.units]]\nid = "LO1"\ncovers = ["K26", "S1 2", "V9:mastered"]\n'
    )
    with pytest.raises(waypost.ValidationError) as caught:
        waypost.check(waypost.load_curriculum(text, name="x.toml"))
    e = caught.value
    assert e.code == "invalid"
    assert len(e.diagnostics) == 3
    assert [d["pointer"] for d in e.diagnostics] == [
        "modules[0].units[0].covers[0]",
        "modules[0].units[0].covers[1]",
        "modules[0].units[0].covers[2]",
    ]
    assert e.diagnostics[1]["hint"] == "did you mean `S12`?"
    assert e.pointer == "modules[0].units[0].covers[0]"
    assert all(d["line"] == 7 for d in e.diagnostics)


def test_unknown_framework_error_says_which_exist(tmp_path: Path) -> None:
    c = waypost.load_curriculum('id = "x"\ntitle = "X"\n')
    with pytest.raises(waypost.UnknownFrameworkError) as caught:
        waypost.validate(c, framework="nope")
    e = caught.value
    assert (e.code, e.framework) == ("unknown-framework", "nope")
    assert "realising-recovery-2007" in e.available
    assert e.to_dict() == {"code": "unknown-framework", "message": str(e), "diagnostics": []}


@pytest.mark.parametrize(
    "read",
    [waypost.read_curriculum, waypost.read_framework, waypost.read_policy],
)
def test_io_error_names_the_file(tmp_path: Path, read) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.toml"
    with pytest.raises(waypost.WaypostIOError) as caught:
        read(missing)
    e = caught.value
    assert e.code == "io"
    assert e.path == str(missing)
    assert e.diagnostics == []
    assert str(e).startswith(f"cannot read `{missing}`")


def test_a_directory_is_not_a_curriculum(tmp_path: Path) -> None:
    with pytest.raises(waypost.WaypostError):
        waypost.read_curriculum(tmp_path)


def mutations(rng: random.Random, text: str) -> List[str]:
    out = []
    for _ in range(20):
        chars = list(text)
        for _ in range(rng.randint(1, 8)):
            action = rng.random()
            at = rng.randrange(len(chars) + 1)
            if action < 0.4 and chars:
                del chars[min(at, len(chars) - 1)]
            elif action < 0.8:
                chars.insert(at, rng.choice('[]{}",:=#\n \t-0123456789KSVabc\u00e9\u2013\x00'))
            else:
                chars[at:at] = chars[: rng.randint(0, 20)]
        out.append("".join(chars))
    return out


def test_no_input_raises_anything_but_waypost_error() -> None:
    """A seeded fuzz over mutated inputs: every call either succeeds or raises WaypostError."""
    rng = random.Random(20261121)
    seeds = [p.read_bytes().decode("utf-8") for p in sorted(BAD_INPUT.iterdir())]
    seeds += [p.read_bytes().decode("utf-8") for p in sorted((ROOT / "tests" / "vectors").glob("*.*"))]
    tried = 0
    for seed in seeds:
        for text in mutations(rng, seed):
            for fmt in (None, "toml", "json", "yaml", "csv"):
                tried += 1
                try:
                    c = waypost.load_curriculum(text, format=fmt)  # type: ignore[arg-type]
                    waypost.check(c).to_json()
                except waypost.WaypostError as e:
                    assert isinstance(e.code, str) and isinstance(e.message, str)
                for load in (waypost.load_policy, waypost.load_framework, waypost.load_crosswalk):
                    try:
                        load(text, format=fmt)  # type: ignore[operator]
                    except waypost.WaypostError:
                        pass
    assert tried > 5000
