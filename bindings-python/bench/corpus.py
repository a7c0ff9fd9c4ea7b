"""The generated portfolio the benchmarks share: a seeded mix of TOML curricula, the same files
on every machine. bench.py and instructions.py time the Python binding on it, and
bindings-wasm/bench/compare.mjs the WebAssembly build, each beside the Rust core on the same
folder. Needs only the standard library (Python 3.11+ for tomllib, through reference.py).

    python3 bindings-python/bench/corpus.py FOLDER [--curricula 1000] [--seed 2026]

writes the curricula to FOLDER (removing the .toml files already there) and prints how many.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import List, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import reference  # noqa: E402

RR = "realising-recovery-2007"
PROVIDERS = [
    "University of the Lowlands",
    "Westmuir College",
    "NHS Westmuir",
    "NHS Eastfield",
    "Glen University",
    "Northern Board",
    "Coastal University",
    "Highland Health",
]
WORDS = (
    "recovery hope person family choice risk rights recovery-focused practice support peer "
    "strengths identity meaning goals plan community social inclusion culture trauma "
    "supervision reflection advocacy wellbeing partnership listen explore discuss apply"
).split()


def generate(count: int, seed: int) -> List[Tuple[str, str]]:
    """`count` curricula as (file name, TOML text): a seeded mix of the mapping forms a
    programme team writes, assessments within and across modules, and unmapped units."""
    fw = reference.Framework.read(ROOT / "core" / "data" / "frameworks" / f"{RR}.toml")
    rng = random.Random(seed)
    out = []
    for n in range(count):
        lines = [
            f'id = "course-{n:05d}"',
            f'title = "Course {n} in recovery focused practice"',
            f"provider = {json.dumps(rng.choice(PROVIDERS))}",
        ]
        if rng.random() < 0.8:
            lines.append(f'frameworks = ["{RR}"]')
        module_units: List[Tuple[str, List[str]]] = []
        for m in range(rng.randint(3, 8)):
            code = f"M{m + 1:02d}"
            lines += [
                "",
                "[[modules]]",
                f'code = "{code}"',
                f'title = "Module {m + 1}"',
                f"year = {rng.randint(1, 3)}",
            ]
            units = []
            for u in range(rng.randint(2, 6)):
                unit = f"LO{u + 1}"
                units.append(unit)
                covers = []
                for statement in rng.sample(fw.codes, rng.choice([0, 1, 2, 2, 3, 3, 4, 5])):
                    form = rng.random()
                    if form < 0.5:
                        covers.append(f'"{statement}"')
                    elif form < 0.7:
                        covers.append(f'"{statement}:developed"')
                    elif form < 0.8:
                        covers.append(f'"{statement}={rng.choice("ID")}"')
                    elif form < 0.85:
                        covers.append(f'"{statement} (introduced)"')
                    elif form < 0.95:
                        covers.append(
                            f'{{ statement = "{statement}", level = "{rng.choice(fw.levels[:2])}" }}'
                        )
                    else:
                        covers.append(f'"{RR}:{statement}"')
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).capitalize()
                lines += [
                    "",
                    "[[modules.units]]",
                    f'id = "{unit}"',
                    f'kind = "{rng.choice(["outcome", "outcome", "session", "activity"])}"',
                    f'text = "{text}"',
                    f"covers = [{', '.join(covers)}]",
                ]
            for a in range(rng.choice([0, 1, 1, 2])):
                assesses = [f'"{x}"' for x in rng.sample(units, rng.randint(1, min(3, len(units))))]
                if module_units and rng.random() < 0.2:
                    other, other_units = rng.choice(module_units)
                    assesses.append(f'"{other}/{rng.choice(other_units)}"')
                lines += ["", "[[modules.assessments]]", f'id = "A{a + 1}"', f'title = "Assessment {a + 1}"']
                lines.append(f"assesses = [{', '.join(assesses)}]")
                if rng.random() < 0.3:
                    lines.append(f'covers = ["{rng.choice(fw.codes)}"]')
            module_units.append((code, units))
        out.append((f"course-{n:05d}.toml", "\n".join(lines) + "\n"))
    return out


def write(folder: Path, inputs: List[Tuple[str, str]]) -> None:
    """Writes the curricula to `folder`, removing the .toml files already there."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.toml"):
        old.unlink()
    for name, text in inputs:
        (folder / name).write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="where to write the curricula")
    parser.add_argument("--curricula", type=int, default=1000, help="how many curricula (default 1000)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generator (default 2026)")
    args = parser.parse_args()
    inputs = generate(args.curricula, args.seed)
    write(args.folder, inputs)
    print(len(inputs))


if __name__ == "__main__":
    main()
