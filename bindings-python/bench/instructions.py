"""Counts instructions instead of seconds (not a test): the same three workloads as
bench.py, each under `valgrind --tool=callgrind`, which counts the instructions a program
executes and so gives the same answer on a busy machine as on an idle one.

    target/py-venv/bin/python bindings-python/bench/instructions.py [--curricula 200]

Each workload (load and check every curriculum of the generated portfolio) is run with one
pass and with two passes over the files; the difference is the cost of one pass, free of
start-up (interpreter, imports, the built-in frameworks). Needs valgrind and cargo.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

RR = "realising-recovery-2007"


def texts(folder: Path) -> List[tuple]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.toml"))]


def run_passes(who: str, folder: Path, passes: int) -> None:
    """The workload itself, run in a child process under valgrind."""
    inputs = texts(folder)
    if who == "binding":
        import waypost

        for _ in range(passes):
            for name, text in inputs:
                waypost.check(waypost.load_curriculum(text, format="toml", name=name))
    else:
        import reference

        fw = reference.Framework.read(ROOT / "core" / "data" / "frameworks" / f"{RR}.toml")
        for _ in range(passes):
            for _, text in inputs:
                reference.check_text(text, fw)


def instructions(command: List[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            check=True,
            capture_output=True,
        )
        found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        assert found is not None, "no totals in the callgrind output"
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--curricula", type=int, default=200, help="how many curricula (default 200)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--folder", type=Path, default=ROOT / "target" / "bench-instructions")
    parser.add_argument("--run", nargs=3, metavar=("WHO", "FOLDER", "PASSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        who, folder, passes = args.run
        run_passes(who, Path(folder), int(passes))
        return

    import corpus

    corpus.write(args.folder, corpus.generate(args.curricula, args.seed))
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--locked", "-p", "waypost", "--example", "bench_check"],
        cwd=ROOT,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    example = str(target / "release" / "examples" / "bench_check")
    commands = {
        "core": lambda n: [example, str(args.folder), str(n), "passes"],
        "binding": lambda n: [sys.executable, __file__, "--run", "binding", str(args.folder), str(n)],
        "reference": lambda n: [sys.executable, __file__, "--run", "reference", str(args.folder), str(n)],
    }
    per = {}
    for who, command in commands.items():
        one, two = instructions(command(1)), instructions(command(2))
        per[who] = (two - one) / args.curricula
        print(f"{who:10} {per[who]:14,.0f} instructions per curriculum (load and check)", flush=True)
    print(f"binding / core       {per['binding'] / per['core']:6.2f}x")
    print(f"reference / binding  {per['reference'] / per['binding']:6.2f}x")


if __name__ == "__main__":
    main()
