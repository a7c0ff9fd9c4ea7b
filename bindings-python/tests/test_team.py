"""The team view and the what-to-expect page from Python: the same core, names only when asked."""

from __future__ import annotations

from pathlib import Path

import waypost

ROOT = Path(__file__).resolve().parents[2]
TEAM = ROOT / "curricula" / "examples" / "team"


def test_a_team_folder_is_counted_without_names_unless_asked() -> None:
    team = waypost.team([TEAM])
    assert team.members == 12
    assert team.names is None
    assert team.failures == []
    for fmt in ("text", "json", "markdown", "html", "csv"):
        assert "Priya Anand" not in team.render(fmt)
    named = waypost.team([TEAM], names=True)
    assert named.names is not None and "Priya Anand" in named.names
    assert "Priya Anand" in named.render("text")


def test_loaded_self_assessments_and_a_bad_one_are_counted_apart() -> None:
    good = waypost.read_self_assessment(TEAM / "member-01.toml")
    bad = waypost.load_self_assessment('name = "B"\n[ratings]\nK4 = "brilliant"\n', name="b.toml")
    team = waypost.team([good, bad])
    assert team.members == 1
    [failure] = team.failures
    assert failure["path"] == "b.toml"
    assert failure["error"]["diagnostics"][0]["line"] == 3


def test_what_to_expect_quotes_the_framework() -> None:
    page = waypost.what_to_expect()
    framework = waypost.framework("realising-recovery-2007")
    texts = {s["code"]: s["text"] for s in framework["statements"]}
    assert page.sections[0]["domain"] == "values"
    for section in page.sections:
        for statement in section["statements"]:
            assert statement["text"] == texts[statement["code"]]
    assert page.citation == framework["source"]["citation"]
    assert "@media print" in page.render("html")
