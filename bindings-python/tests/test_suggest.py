"""Suggested mappings: for a text, and for the units of a curriculum; and the grid to edit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import waypost

EXAMPLES = Path(__file__).resolve().parents[2] / "curricula" / "examples"
RR = "realising-recovery-2007"
NIMHE = "nimhe-guiding-statement-2004"

UNMAPPED = """
id = "c"
title = "C"

[[modules]]
code = "M1"
title = "Recovery"

[[modules.units]]
id = "LO1"
text = "Convey hope to people in distress and explain why optimism matters in recovery"

[[modules.units]]
id = "LO2"
text = "Support a person to write an advance directive"
covers = ["S10"]

[[modules.units]]
id = "LO3"
text = "Calculate drug dosages accurately for intravenous infusions"

[[modules.units]]
id = "LO4"
"""


def test_suggest_ranks_statements_with_scores_and_reasons() -> None:
    found = waypost.suggest("Convey hope to people in distress")
    assert isinstance(found, waypost.Suggestions)
    assert found.framework == RR
    assert 0 < len(found) <= 5
    best = found[0]
    assert best["code"] == "S11"
    assert best["id"] == f"{RR}:S11"
    assert best["domain"] == "skills"
    assert 0 < best["score"] < 1
    assert [s["score"] for s in found] == sorted((s["score"] for s in found), reverse=True)
    assert {r["kind"] for r in best["reasons"]} <= {"word", "stem", "label", "synonym", "theme", "phrase"}
    assert "hope" in [r["text"] for r in best["reasons"]]


def test_a_synonym_finds_its_statement_and_an_unrelated_outcome_scores_low() -> None:
    found = waypost.suggest("Help someone write an advance directive", top=3)
    assert "S10" in [s["code"] for s in found]
    reasons = [r for s in found if s["code"] == "S10" for r in s["reasons"]]
    assert any(r["kind"] == "synonym" for r in reasons)

    unrelated = waypost.suggest("Calculate drug dosages accurately for intravenous infusions")
    assert all(s["score"] < 0.32 for s in unrelated)


def test_suggestions_are_a_read_only_sequence_of_dicts() -> None:
    found = waypost.suggest("Convey hope to people in distress", top=3)
    as_list = found.to_list()
    assert len(found) == len(as_list) == 3
    assert list(found) == as_list == [found[i] for i in range(3)]
    assert found[-1] == as_list[-1] and found[-3] == as_list[0]
    with pytest.raises(IndexError):
        found[3]
    with pytest.raises(IndexError):
        found[-4]
    assert bool(found) is True
    assert "S11" in repr(found)
    # Each read builds new values: changing one changes nothing kept.
    found[0]["code"] = "X"
    assert found[0]["code"] == "S11"


def test_suggest_options_top_min_score_and_framework() -> None:
    assert len(waypost.suggest("hope", top=1)) == 1
    strong = waypost.suggest("Convey hope to people in distress", min_score=0.5)
    assert strong and all(s["score"] >= 0.5 for s in strong)
    assert len(waypost.suggest("Convey hope", top=0)) == 0
    nimhe = waypost.suggest("Work with the person's family and friends", framework=NIMHE, top=3)
    assert nimhe.framework == NIMHE
    assert all(s["id"].startswith(NIMHE + ":") for s in nimhe)


def test_suggest_with_a_catalog_of_ones_own() -> None:
    catalog = waypost.Catalog(builtin=False)
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.suggest("hope", catalog=catalog)
    catalog.read(Path(__file__).resolve().parents[2] / "core" / "data" / "frameworks" / f"{RR}.toml")
    assert waypost.suggest("hope", catalog=catalog).to_json() == waypost.suggest("hope").to_json()


def test_suggest_errors() -> None:
    with pytest.raises(waypost.ParseError) as caught:
        waypost.suggest("   ")
    assert caught.value.message.startswith("the text to suggest statements for is empty")
    assert caught.value.hint == "give the learning outcome, session or activity as written"
    with pytest.raises(waypost.UnknownFrameworkError) as unknown:
        waypost.suggest("hope", framework="recovery-2099")
    assert unknown.value.framework == "recovery-2099"
    with pytest.raises(OverflowError):  # a count is never negative
        waypost.suggest("hope", top=-1)


def test_suggestions_render_as_text_or_json() -> None:
    found = waypost.suggest("Convey hope to people in distress", top=3)
    assert json.loads(found.to_json()) == found.to_list()
    assert found.render("json") == found.to_json() == waypost.render(found, "json")
    text = found.render()
    assert text == found.render("text") == waypost.render(found)
    assert text.splitlines()[0].split()[:2] == ["1.", "S11"]
    for fmt in ("markdown", "html", "csv"):
        with pytest.raises(waypost.UsageError) as caught:
            found.render(fmt)  # type: ignore[arg-type]
        assert caught.value.message.startswith("suggestions are rendered as `text` or `json`")
    with pytest.raises(waypost.UsageError):
        found.render("pdf")  # type: ignore[arg-type]


def test_suggest_curriculum_proposes_for_units_that_map_none() -> None:
    c = waypost.load_curriculum(UNMAPPED, name="c.toml")
    found = waypost.suggest_curriculum(c)
    assert isinstance(found, waypost.CurriculumSuggestions)
    assert (found.curriculum, found.framework) == ("c", RR)
    assert found.options == {"max_mappings": 0, "top": 3, "min_score": 0.32, "from_mapped": True}
    by_unit = {u["unit"]: u for u in found.units}
    assert set(by_unit) == {"LO1", "LO3", "LO4"}  # LO2 maps a statement already
    assert "S11" in [s["code"] for s in by_unit["LO1"]["suggestions"]]
    assert by_unit["LO3"]["suggestions"] == []  # outside the framework: nothing strong enough
    assert by_unit["LO4"]["suggestions"] == [] and "text" not in by_unit["LO4"]
    assert found.to_dict() == json.loads(found.to_json())
    assert "3 units considered" in repr(found)


def test_suggest_curriculum_options() -> None:
    c = waypost.load_curriculum(UNMAPPED, name="c.toml")
    found = waypost.suggest_curriculum(c, max_mappings=1, top=5, min_score=0.0)
    assert found.options == {"max_mappings": 1, "top": 5, "min_score": 0.0, "from_mapped": True}
    lo2 = next(u for u in found.units if u["unit"] == "LO2")
    assert lo2["covers"] == ["S10"]
    codes = [s["code"] for s in lo2["suggestions"]]
    assert codes and "S10" not in codes  # what the unit maps already is left out
    assert all(len(u["suggestions"]) <= 5 for u in found.units)
    assert waypost.suggest_curriculum(c, framework=NIMHE).framework == NIMHE
    with pytest.raises(waypost.UnknownFrameworkError):
        waypost.suggest_curriculum(c, framework="recovery-2099")


def test_suggestions_flag_weak_ones_and_learn_from_examples() -> None:
    for s in waypost.suggest("Learn basic computer skills for using email and the internet"):
        assert s["weak"] == (s["score"] < 0.32)
    assert not waypost.suggest("Convey hope sensitively at times of distress")[0]["weak"]
    text = "Stay alongside someone through the ups and downs without giving up on them"
    assert waypost.suggest(text, top=1)[0]["code"] != "V18"
    examples = waypost.load_curriculum(
        "module,unit,text,covers\nMHN2001,LO3,Stay with a person through ups and downs and never give up on them,V18\n",
        name="portfolio.csv",
    )
    found = waypost.suggest(text, top=1, examples=[examples])
    assert found[0]["code"] == "V18"
    assert any(
        r["kind"] == "example" and r["text"] == "LO3 of MHN2001, mapped to V18" for r in found[0]["reasons"]
    )
    c = waypost.load_curriculum(UNMAPPED, name="c.toml")
    off = waypost.suggest_curriculum(c, from_mapped=False, examples=[examples])
    assert off.options["from_mapped"] is False


def test_curriculum_suggestions_render() -> None:
    c = waypost.load_curriculum(UNMAPPED, name="c.toml")
    found = waypost.suggest_curriculum(c)
    assert found.render("json") == found.to_json() == waypost.render(found, "json")
    assert "LO1" in found.render() and found.render() == waypost.render(found, "text")
    with pytest.raises(waypost.UsageError) as caught:
        found.render("csv")  # type: ignore[arg-type]
    assert "`suggestions_grid`" in (caught.value.hint or "")


def test_the_suggestions_grid_reads_back_as_the_same_curriculum() -> None:
    c = waypost.read_curriculum(EXAMPLES / "recovery-awareness-day.toml")
    found = waypost.suggest_curriculum(c, max_mappings=10)
    grid = waypost.suggestions_grid(c, found)
    header = grid.splitlines()[0].split(",")
    assert header[:10] == [
        "module", "module_title", "unit", "kind", "text", "covers", "assessed_by", "suggested", "score", "why"
    ]
    back = waypost.load_curriculum(grid, name="grid.csv")
    assert back.format == "csv"
    # Nothing counts until a person moves a code to `covers`: the coverage is the same.
    assert waypost.check(back).statements == waypost.check(c).statements
