"""Benchmark (not a test): the Python binding, the Rust core and a plain-Python reference,
on the same generated portfolio of curricula, in one run.

Run from anywhere, with the `waypost` wheel installed in the interpreter that runs it
(`bash scripts/test-python.sh` leaves one in `target/py-venv`) and cargo on the PATH:

    target/py-venv/bin/python bindings-python/bench/bench.py [--curricula 1000] [--repeat 5]

It writes the portfolio as TOML files (`corpus.py`: seeded, so every run has the same
inputs), has the core time them through `core/examples/bench_check.rs`, times the binding and
the reference (`reference.py`) on the same texts, checks that the reference agrees with the
binding on every curriculum, and prints the times and ratios. docs/performance.md records a
run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import reference  # noqa: E402
import waypost  # noqa: E402
from corpus import RR, generate, write  # noqa: E402


def best_of(repeat: int, work: Callable[[], Any]) -> float:
    """The best wall-clock time of `repeat` runs of `work`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def run_core(folder: Path, repeat: int) -> Dict[str, Any]:
    target = ["--release", "--quiet", "--locked", "-p", "waypost", "--example", "bench_check"]
    cargo = ["cargo", "run"] + target + ["--"]
    done = subprocess.run(
        cargo + [str(folder), str(repeat)], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)


def compare(name: str, mine: Dict[str, Any], report: waypost.Report) -> None:
    """Asserts that the reference's result is the binding's, part for part."""
    theirs = report.to_dict()
    assert mine["passed"] == theirs["passed"], name
    assert mine["summary"] == theirs["summary"], name
    assert mine["gaps"] == [g["code"] for g in theirs["gaps"]], name
    assert mine["domains"] == theirs["domains"], name
    assert mine["statements"] == [
        {"code": s["code"], "level": s["level"], "assessed": s["assessed"]} for s in theirs["statements"]
    ], name


def machine() -> Dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "rustc": rustc,
        "waypost": waypost.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--curricula", type=int, default=1000, help="how many curricula (default 1000)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each timing; the best counts (default 5)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of all timings (default 3)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generator (default 2026)")
    parser.add_argument(
        "--folder",
        type=Path,
        default=ROOT / "target" / "bench-portfolio",
        help="where to write the curricula",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    inputs = generate(args.curricula, args.seed)
    write(args.folder, inputs)
    fw = reference.Framework.read(ROOT / "core" / "data" / "frameworks" / f"{RR}.toml")

    # The core's example is built first, untimed.
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--locked", "-p", "waypost", "--example", "bench_check"],
        cwd=ROOT,
        check=True,
    )

    # The binding.
    curricula = [waypost.load_curriculum(text, format="toml", name=name) for name, text in inputs]
    reports = [waypost.check(c) for c in curricula]
    mappings = sum(waypost.validate(c).mappings for c in curricula)
    covered = sum(r.summary["covered"] for r in reports)

    def binding_load_check() -> int:
        total = 0
        for name, text in inputs:
            total += waypost.check(waypost.load_curriculum(text, format="toml", name=name)).summary["covered"]
        return total

    def binding_load_check_dict() -> int:
        total = 0
        for name, text in inputs:
            total += waypost.check(waypost.load_curriculum(text, format="toml", name=name)).to_dict()[
                "summary"
            ]["covered"]
        return total

    def binding_check() -> None:
        for c in curricula:
            waypost.check(c)

    def binding_load() -> None:
        for name, text in inputs:
            waypost.load_curriculum(text, format="toml", name=name)

    threads = os.cpu_count() or 1
    chunks = [inputs[i::threads] for i in range(threads)]

    def binding_threads() -> int:
        def work(chunk: List[Tuple[str, str]]) -> int:
            return sum(
                waypost.check(waypost.load_curriculum(text, format="toml", name=name)).summary["covered"]
                for name, text in chunk
            )

        with ThreadPoolExecutor(max_workers=threads) as pool:
            return sum(pool.map(work, chunks))

    assert binding_load_check() == binding_threads() == covered

    # The reference, which must agree with the binding on every curriculum.
    docs = [reference.tomllib.loads(text) for _, text in inputs]
    for (name, _), doc, report in zip(inputs, docs, reports):
        compare(name, reference.check(doc, fw), report)

    def reference_load_check() -> int:
        return sum(reference.check_text(text, fw)["summary"]["covered"] for _, text in inputs)

    def reference_check() -> None:
        for doc in docs:
            reference.check(doc, fw)

    def reference_load() -> None:
        for _, text in inputs:
            reference.tomllib.loads(text)

    assert reference_load_check() == covered

    # Timed in rounds that interleave the three, so a busy machine slows each alike; the best
    # time of each over all rounds counts. The core runs through its example binary.
    r = args.repeat
    times: Dict[str, Dict[str, float]] = {"core": {}, "binding": {}, "reference": {}}

    def keep(who: str, what: str, seconds: float) -> None:
        times[who][what] = min(seconds, times[who].get(what, float("inf")))

    for _ in range(args.rounds):
        core = run_core(args.folder, r)
        assert core["curricula"] == len(inputs) and core["covered"] == covered, core
        for what in ("load_check", "check", "load"):
            keep("core", what, core[what + "_s"])
        keep("binding", "load_check", best_of(r, binding_load_check))
        keep("binding", "check", best_of(r, binding_check))
        keep("binding", "load", best_of(r, binding_load))
        keep("binding", "load_check_to_dict", best_of(r, binding_load_check_dict))
        keep("binding", f"load_check_{threads}_threads", best_of(r, binding_threads))
        keep("reference", "load_check", best_of(r, reference_load_check))
        keep("reference", "check", best_of(r, reference_check))
        keep("reference", "load", best_of(r, reference_load))
    ratios = {
        "binding_over_core_load_check": times["binding"]["load_check"] / times["core"]["load_check"],
        "binding_over_core_check": times["binding"]["check"] / times["core"]["check"],
        "reference_over_binding_load_check": times["reference"]["load_check"]
        / times["binding"]["load_check"],
        "reference_over_binding_check": times["reference"]["check"] / times["binding"]["check"],
        "reference_over_binding_load": times["reference"]["load"] / times["binding"]["load"],
        "reference_over_binding_to_dict": times["reference"]["load_check"]
        / times["binding"]["load_check_to_dict"],
        "threads_speedup": times["binding"]["load_check"] / times["binding"][f"load_check_{threads}_threads"],
    }
    result = {
        "machine": machine(),
        "inputs": {
            "curricula": len(inputs),
            "mappings": mappings,
            "seed": args.seed,
            "repeat": r,
            "rounds": args.rounds,
        },
        "seconds": times,
        "ratios": ratios,
    }

    per = 1e6 / len(inputs)
    print(
        f"{len(inputs)} curricula, {mappings} mappings, seed {args.seed}, best of {r} runs x {args.rounds} rounds"
    )
    print(f"{'':38} {'total s':>9} {'µs/curriculum':>14}")
    for who, parts in times.items():
        for what, seconds in parts.items():
            print(f"{who + ' ' + what:38} {seconds:9.4f} {seconds * per:14.1f}")
    print()
    for name, value in ratios.items():
        print(f"{name:38} {value:8.2f}x")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
