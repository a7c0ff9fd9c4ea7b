"""Fixtures shared by the suite. The tests run against the installed `waypost` package and
read the repository's data (curricula, shared vectors, bad-input suite) by path; with
`--import-mode=importlib` test modules cannot import one another, so each names the paths it
needs itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import waypost

EXAMPLES = Path(__file__).resolve().parents[2] / "curricula" / "examples"


@pytest.fixture
def awareness_day() -> waypost.Curriculum:
    """A one-day course with gaps: it fails the default policy."""
    return waypost.read_curriculum(EXAMPLES / "recovery-awareness-day.toml")


@pytest.fixture
def nursing() -> waypost.Curriculum:
    """A three-year programme."""
    return waypost.read_curriculum(EXAMPLES / "bsc-mental-health-nursing.toml")
