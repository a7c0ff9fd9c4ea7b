"""Many curricula at once: portfolio and diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import waypost

EXAMPLES = Path(__file__).resolve().parents[2] / "curricula" / "examples"
PORTFOLIO = EXAMPLES / "portfolio"


def portfolio_files() -> list:
    return sorted(
        p for p in PORTFOLIO.rglob("*") if p.suffix in {".toml", ".json", ".yaml", ".yml", ".csv"}
    )


def test_portfolio_of_a_folder() -> None:
    p = waypost.portfolio([PORTFOLIO])
    assert isinstance(p, waypost.Portfolio)
    files = portfolio_files()
    assert len(p.courses) == len(files) >= 6
    assert p.failures == []
    assert p.framework["id"] == waypost.DEFAULT_FRAMEWORK
    assert p.levels == ["introduced", "developed", "assessed"]
    assert len(p.statements) == 67
    assert all(len(s["levels"]) == len(files) for s in p.statements)
    assert set(p.uncovered) >= {"K10", "K15", "K18", "S9", "S10"}
    assert set(p.uncovered) <= set(p.unassessed)
    assert isinstance(p.introduced_only, list) and isinstance(p.single_course, list)
    assert sum(x["courses"] for x in p.providers) == len(files)
    assert p.to_dict() == json.loads(p.to_json())
    assert f"{len(files)} courses" in repr(p)


def test_portfolio_of_loaded_curricula_is_the_portfolio_of_their_files() -> None:
    files = portfolio_files()
    loaded = [waypost.read_curriculum(f) for f in files]
    assert waypost.portfolio(loaded).to_json() == waypost.portfolio([str(f) for f in files]).to_json()
    assert [c["path"] for c in waypost.portfolio(loaded).courses] == [str(f) for f in files]


def test_a_file_reached_twice_counts_once() -> None:
    files = portfolio_files()
    twice = waypost.portfolio([PORTFOLIO, files[0], str(files[0])])
    assert len(twice.courses) == len(files)


def test_folder_files_are_the_files_a_folder_portfolio_reads() -> None:
    listed = [p.relative_to(PORTFOLIO).as_posix() for p in PORTFOLIO.rglob("*") if p.is_file()]
    listed += [".hidden/course.toml", "notes.txt"]
    chosen = waypost.folder_files(list(reversed(listed)))
    assert chosen == [p.relative_to(PORTFOLIO).as_posix() for p in portfolio_files()]
    assert [c["path"] for c in waypost.portfolio([PORTFOLIO]).courses] == [
        str(PORTFOLIO / name) for name in chosen
    ]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "csv"])
def test_portfolio_renders(fmt: str) -> None:
    p = waypost.portfolio([PORTFOLIO])
    out = p.render(fmt)  # type: ignore[call-overload]
    assert "K10" in out
    assert out == waypost.render(p, fmt)  # type: ignore[call-overload]
    if fmt == "json":
        assert out == p.to_json()


def test_portfolio_keeps_going_past_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\ntitle = "X"\n[[modules]]\ncode = "M"\n[[modules.units]]\nid = "A"\ncovers = ["K99"]\n')
    missing = tmp_path / "missing.toml"
    p = waypost.portfolio([EXAMPLES / "recovery-awareness-day.toml", bad, missing])
    assert len(p.courses) == 1
    assert [f["path"] for f in p.failures] == [str(bad), str(missing)]
    assert [f["error"]["code"] for f in p.failures] == ["invalid", "io"]
    assert p.failures[0]["error"]["diagnostics"][0]["line"] == 7


def test_portfolio_rejects_what_is_not_a_curriculum_or_path() -> None:
    with pytest.raises(TypeError):
        waypost.portfolio([42])  # type: ignore[list-item]
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.portfolio([PORTFOLIO], framework="recovery-2099")
    assert waypost.portfolio([]).courses == []


def test_diff_between_two_versions() -> None:
    old = waypost.read_curriculum(EXAMPLES / "bsc-mental-health-nursing-2025.toml")
    new = waypost.read_curriculum(EXAMPLES / "bsc-mental-health-nursing.toml")
    d = waypost.diff(old, new)
    assert isinstance(d, waypost.Diff)
    assert {c["code"] for c in d.gained} == {"K19", "S7"}
    assert {c["code"] for c in d.lost} == {"V8"}
    assert {c["code"] for c in d.raised} >= {"K7", "V12"}
    assert {c["code"] for c in d.lowered} == {"S5", "S15"}
    assert d.lost_anything is True
    assert d.totals["new_covered"] - d.totals["old_covered"] == 1
    assert d.old["id"] == d.new["id"]
    assert d.framework["id"] == waypost.DEFAULT_FRAMEWORK
    assert d.changes and all(c["change"] in {"added", "changed", "removed"} for c in d.changes)
    assert d.to_dict() == json.loads(d.to_json()) == json.loads(d.render("json"))
    assert "K19" in d.render() and "K19" in d.render("markdown")
    assert d.render("markdown") == waypost.render(d, "markdown") and d.render() == waypost.render(d)
    for fmt in ("html", "csv"):
        with pytest.raises(waypost.UsageError) as caught:
            d.render(fmt)  # type: ignore[arg-type]
        assert caught.value.message.startswith("a diff is rendered as `text`, `json` or `markdown`")
        with pytest.raises(waypost.UsageError):
            waypost.render(d, fmt)  # type: ignore[call-overload]
    assert "gained" in repr(d)

    same = waypost.diff(new, new)
    assert (same.gained, same.lost, same.changes, same.lost_anything) == ([], [], [], False)
