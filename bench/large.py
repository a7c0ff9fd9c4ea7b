#!/usr/bin/env python3
"""One large curriculum in a single file (issue 17): waypost against the plain reader and the
plain Python script, side by side. Prints one Markdown table (docs/performance.md, "A single
large file").

For each size (1,000 to 1,000,000 units, 50 to a module, 1-5 codes each; seeded, the same files
on every machine) and format (CSV grid, TOML, JSON: the same content), in one run, interleaved,
the median of N whole processes each:

- floor: `waypost-bench read FILE`, the format's plain reader (`csv` records, `toml::Value`,
  `serde_json::Value`) and nothing else;
- `waypost check FILE` (the text report, to a pipe) and `waypost check FILE --format json
  --output OUT` (the JSON report, to a file);
- the Python reference, `bench/reference.py` (stdlib `csv`, `json`, `tomllib`): each
  statement's highest level and the gaps;

with the peak resident memory of each process (GNU time's `%M`, from `wait4`) and the ratios.

    python3 bench/large.py [--min-rows 1000] [--max-rows 1000000] [--repeat 5] [--formats csv,toml,json]

Needs `cargo build --release -p waypost-bench -p waypost-cli` (binaries in `target/` or
`$CARGO_TARGET_DIR`).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
if not TARGET.is_absolute():
    TARGET = ROOT / TARGET
BIN = TARGET / "release"
DATA = TARGET / "bench-data" / "large"
WAYPOST = os.environ.get("WAYPOST_BIN") or str(BIN / "waypost")


def dataset(rows, fmt):
    path = DATA / f"{rows}.{fmt}"
    marker = DATA / f"{rows}.{fmt}.complete"
    if not marker.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        out = subprocess.run([str(BIN / "waypost-bench"), "large", "--rows", str(rows), "--seed", "2026", "--format", fmt, str(path)],
                             check=True, capture_output=True, text=True)
        marker.write_text(out.stdout)
    return path


RSS_FILE = TARGET / "bench-data" / "large-rss.txt"


def measure(args, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (MB) of one process, its exit code, its error output and its
    CPU seconds (user and system: less moved than the wall time by other work on the machine).

    The peak is GNU time's `%M`, which it takes from `wait4` on the process it started. Not
    `wait4` on our own child: a child forked from this Python process inherits Python's peak
    (about 14 MB) across `exec`, so every small process would show Python's size."""
    start = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M %U %S", "-o", str(RSS_FILE), *args], stdout=stdout, stderr=subprocess.PIPE)
    _, status, _ = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    peak, user, system = RSS_FILE.read_text().split()[-3:]
    return wall, int(peak) / 1024, os.waitstatus_to_exitcode(status), err, float(user) + float(system)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-rows", type=int, default=1_000_000)
    parser.add_argument("--min-rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--formats", default="csv,toml,json")
    opts = parser.parse_args()
    out = TARGET / "bench-data" / "large-report.json"
    sides = ("floor", "check", "check json", "python")
    print("| format | rows | input (MB) | floor (s) | check (s) | check --format json (s) | Python (s) | check / floor | json / floor "
          "| Python / check | Python / json | CPU s: floor, check, json, Python | CPU check / floor | CPU Python / check | RSS floor / input | RSS check / input | RSS json / input | RSS Python (MB) | report (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for fmt in opts.formats.split(","):
        for rows in (n for n in (1000, 10_000, 100_000, 1_000_000) if opts.min_rows <= n <= opts.max_rows):
            path = dataset(rows, fmt)
            size = path.stat().st_size / 1e6
            commands = {
                "floor": [str(BIN / "waypost-bench"), "read", str(path)],
                "check": [WAYPOST, "check", str(path)],
                "check json": [WAYPOST, "check", str(path), "--format", "json", "--output", str(out)],
                "python": [sys.executable, str(ROOT / "bench" / "reference.py"), str(path)],
            }
            walls = {s: [] for s in sides}
            cpus = {s: [] for s in sides}
            rss = {s: [] for s in sides}
            failed = {}
            repeat = opts.repeat if rows < 1_000_000 else max(1, opts.repeat // 2)
            for _ in range(repeat):  # interleaved, so drift hits every side alike
                for side in sides:
                    wall, peak, code, err, cpu = measure(commands[side])
                    if code not in (0, 1):
                        failed[side] = err.strip().splitlines()[-1] if err.strip() else f"exit {code}"
                        continue
                    walls[side].append(wall)
                    cpus[side].append(cpu)
                    rss[side].append(peak)
            med = {s: statistics.median(walls[s]) if walls[s] else None for s in sides}
            cpu = {s: statistics.median(cpus[s]) if cpus[s] else None for s in sides}
            mem = {s: max(rss[s]) if rss[s] else None for s in sides}
            report_mb = out.stat().st_size / 1e6 if "check json" not in failed and out.exists() else None

            def f(x, spec):
                return "–" if x is None else format(x, spec)

            def ratio(a, b):
                return "–" if a is None or not b else f"{a / b:.2f}×"

            print(f"| {fmt} | {rows:,} | {size:.1f} | {f(med['floor'], '.3f')} | {f(med['check'], '.3f')} | {f(med['check json'], '.3f')} "
                  f"| {f(med['python'], '.3f')} | {ratio(med['check'], med['floor'])} | {ratio(med['check json'], med['floor'])} "
                  f"| {ratio(med['python'], med['check'])} | {ratio(med['python'], med['check json'])} "
                  f"| {' / '.join(f(cpu[s], '.2f') for s in sides)} | {ratio(cpu['check'], cpu['floor'])} | {ratio(cpu['python'], cpu['check'])} "
                  f"| {f(mem['floor'] and mem['floor'] / size, '.2f')} | {f(mem['check'] and mem['check'] / size, '.2f')} "
                  f"| {f(mem['check json'] and mem['check json'] / size, '.2f')} | {f(mem['python'], '.1f')} | {f(report_mb, '.1f')} |", flush=True)
            for side, err in failed.items():
                print(f"  {fmt} {rows}: {side} failed: {err}", file=sys.stderr)


if __name__ == "__main__":
    main()
