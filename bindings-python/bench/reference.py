"""A plain-Python coverage check, written only to compare the binding with.

It does what `waypost.check` does for the common case, with the standard library alone:
parse TOML with tomllib, resolve statement codes and levels (`K4`, `K4:developed`, `K4=D`,
`K4 (D)`, a `{statement, level}` table, a qualified id), derive the assessed level (a unit
that an assessment assesses, or a statement an assessment covers, counts at the top of the
scale), take the highest level over units, and total it per domain with the gaps and the
default policy's verdict. It is written to be reasonably quick (dicts and sets, no classes
per mapping), not to be slow on purpose.

What it leaves out, so it is not the product: crosswalk propagation, evidence chains,
supports for gaps, located error messages, warnings, policies other than the default, and
the mapping-grid, JSON and YAML formats. bench.py asserts that it agrees with the binding
on every generated curriculum.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple


class Framework:
    """The parts of a framework a coverage check reads."""

    def __init__(self, doc: Dict[str, Any]) -> None:
        self.id: str = doc["id"]
        self.levels: List[str] = doc.get("levels", ["introduced", "developed", "assessed"])
        self.top = len(self.levels) - 1
        self.domains: List[Tuple[str, str]] = [(d["id"], d["name"]) for d in doc["domains"]]
        self.codes: List[str] = [s["code"] for s in doc["statements"]]
        self.domain_of: Dict[str, str] = {s["code"]: s["domain"] for s in doc["statements"]}
        by_name = {name.lower(): i for i, name in enumerate(self.levels)}
        initials: Dict[str, List[int]] = {}
        for i, name in enumerate(self.levels):
            initials.setdefault(name[:1].lower(), []).append(i)
        for initial, places in initials.items():
            if len(places) == 1 and initial not in by_name:
                by_name[initial] = places[0]
        self.level_index = by_name

    @classmethod
    def read(cls, path: Path) -> "Framework":
        with open(path, "rb") as f:
            return cls(tomllib.load(f))

    def level(self, written: Optional[str]) -> int:
        if written is None or not written.strip():
            return 0
        try:
            return self.level_index[written.strip().lower()]
        except KeyError:
            raise ValueError(f"unknown level `{written}`") from None

    def code(self, raw: str) -> str:
        raw = raw.strip()
        if ":" in raw:
            framework, raw = raw.rsplit(":", 1)
            if framework.strip() != self.id:
                raise ValueError(f"`{framework}` is not `{self.id}`")
            raw = raw.strip()
        if raw not in self.domain_of:
            raise ValueError(f"unknown statement `{raw}`")
        return raw


def parse_mapping(mapping: Any) -> Tuple[str, Optional[str]]:
    """`K4`, `K4:developed`, `K4=D`, `K4 (D)` or a table, as (statement, level)."""
    if isinstance(mapping, dict):
        return mapping["statement"], mapping.get("level")
    text = mapping.strip()
    if text.endswith(")") and "(" in text:
        code, level = text[:-1].split("(", 1)
        return code.strip(), level.strip()
    at = max(text.rfind("="), text.rfind(":"))
    if at > 0:
        code, level = text[:at], text[at + 1 :]
        if text[at] == "=" or not any(c.isdigit() for c in level):
            return code.strip(), level.strip()
    return text, None


def check(doc: Dict[str, Any], fw: Framework) -> Dict[str, Any]:
    """The coverage of `fw` by one curriculum, as a dict."""
    top = fw.top
    modules = doc.get("modules", [])
    assessed_units = set()
    best: Dict[str, int] = {}
    for m in modules:
        for a in m.get("assessments", []):
            for target in a.get("assesses", []):
                if "/" in target:
                    module, unit = target.split("/", 1)
                    assessed_units.add((module.strip(), unit.strip()))
                else:
                    assessed_units.add((m["code"], target.strip()))
            for mapping in a.get("covers", []):
                code = fw.code(parse_mapping(mapping)[0])
                best[code] = top
    for m in modules:
        module = m["code"]
        for u in m.get("units", []):
            assessed = (module, u["id"]) in assessed_units
            for mapping in u.get("covers", []):
                raw, written = parse_mapping(mapping)
                code = fw.code(raw)
                level = fw.level(written)
                if assessed:
                    level = top
                if level > best.get(code, -1):
                    best[code] = level

    statements = []
    gaps = []
    per_domain = {d: [0, 0, 0, [0] * len(fw.levels)] for d, _ in fw.domains}
    for code in fw.codes:
        reached = best.get(code)
        totals = per_domain[fw.domain_of[code]]
        totals[0] += 1
        if reached is None:
            gaps.append(code)
        else:
            totals[1] += 1
            totals[3][reached] += 1
            if reached == top and top > 0:
                totals[2] += 1
        statements.append(
            {
                "code": code,
                "level": None if reached is None else fw.levels[reached],
                "assessed": reached == top and top > 0,
            }
        )
    domains = [
        {
            "id": d,
            "name": name,
            "total": per_domain[d][0],
            "covered": per_domain[d][1],
            "assessed": per_domain[d][2],
            "gaps": per_domain[d][0] - per_domain[d][1],
            "by_level": dict(zip(fw.levels, per_domain[d][3])),
        }
        for d, name in fw.domains
    ]
    covered = len(fw.codes) - len(gaps)
    by_level = [sum(per_domain[d][3][i] for d, _ in fw.domains) for i in range(len(fw.levels))]
    return {
        "curriculum": doc["id"],
        "passed": not gaps,
        "summary": {
            "statements": len(fw.codes),
            "covered": covered,
            "assessed": sum(per_domain[d][2] for d, _ in fw.domains),
            "gaps": len(gaps),
            "by_level": dict(zip(fw.levels, by_level)),
        },
        "domains": domains,
        "statements": statements,
        "gaps": gaps,
    }


def check_text(text: str, fw: Framework) -> Dict[str, Any]:
    """Parses a TOML curriculum and checks it."""
    return check(tomllib.loads(text), fw)
