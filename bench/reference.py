#!/usr/bin/env python3
"""The script a user would write instead of waypost (issue 17): each statement's highest level
and the gaps, for one curriculum file (CSV grid, TOML or JSON), stdlib only.

    python3 bench/reference.py FILE [FRAMEWORK.toml]
"""
import csv, json, sys, tomllib
from pathlib import Path

path = Path(sys.argv[1])
framework = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).parent.parent / "core/data/frameworks/realising-recovery-2007.toml")
fw = tomllib.loads(framework.read_text())
levels = fw.get("levels", ["introduced", "developed", "assessed"])
rank = {name: i for i, name in enumerate(levels)}
if path.suffix == ".csv":
    with path.open(newline="", encoding="utf-8") as f:
        covers = [row["covers"] for row in csv.DictReader(f)]
    mappings = (m.strip() for cell in covers for m in cell.replace(",", ";").split(";"))
else:
    doc = json.loads(path.read_text()) if path.suffix == ".json" else tomllib.loads(path.read_text())
    mappings = (m for mod in doc["modules"] for unit in mod.get("units", []) for m in unit.get("covers", []))
best = {}
for m in mappings:
    code, _, level = m.partition(":")
    r = rank.get(level.strip(), 0) if level else 0
    if r >= best.get(code.strip(), -1):
        best[code.strip()] = r
report = {s["code"]: levels[best[s["code"]]] if s["code"] in best else None for s in fw["statements"]}
gaps = [code for code, level in report.items() if level is None]
print(json.dumps({"covered": len(report) - len(gaps), "gaps": gaps, "levels": report}))
