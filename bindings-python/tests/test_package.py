"""The package itself: installed (not the source tree), one version, typed."""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

import waypost

ROOT = Path(__file__).resolve().parents[2]


def workspace_version() -> str:
    text = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    if sys.version_info >= (3, 11):
        import tomllib

        return str(tomllib.loads(text)["workspace"]["package"]["version"])
    section = text.split("[workspace.package]", 1)[1]
    found = re.search(r'^version\s*=\s*"([^"]+)"', section, re.MULTILINE)
    assert found is not None
    return found.group(1)


def test_the_version_is_the_workspace_version() -> None:
    version = workspace_version()
    assert waypost.__version__ == version
    assert importlib.metadata.version("waypost") == version


def test_the_package_under_test_is_the_installed_one() -> None:
    source = (ROOT / "bindings-python" / "python").resolve()
    installed = Path(waypost.__file__).resolve()
    assert source not in installed.parents, f"testing the source tree: {installed}"
    assert "site-packages" in installed.parts


def test_the_package_is_typed() -> None:
    folder = Path(waypost.__file__).parent
    assert (folder / "py.typed").is_file()
    assert (folder / "_waypost.pyi").is_file()


def test_everything_public_is_exported() -> None:
    from waypost import _waypost

    assert sorted(waypost.__all__) == sorted(_waypost.__all__)
    for name in waypost.__all__:
        assert getattr(waypost, name) is getattr(_waypost, name)


def test_classes_and_exceptions_belong_to_the_package() -> None:
    for cls in (
        waypost.Report,
        waypost.Curriculum,
        waypost.Catalog,
        waypost.WaypostError,
        waypost.ParseError,
    ):
        assert cls.__module__ == "waypost"
