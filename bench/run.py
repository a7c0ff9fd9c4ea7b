#!/usr/bin/env python3
"""Measures waypost against its floor and prints one Markdown table (docs/performance.md).

Side by side in one run, for synthetic portfolios of growing size (seeded, so every run reads
the same files): the time to merely read and deserialize the files with serde (the floor),
the time of waypost's whole check of the same files, their ratio, the time per mapping (to
show growth is linear), and the peak memory of `waypost portfolio` against the size on disk.
Then the command line's cold start on one example curriculum, and, where valgrind is installed,
the instructions each side executes for the 100-course portfolios (callgrind counts the same on
a busy machine as on an idle one, so that ratio does not move from run to run).

Each side is timed twice: the first run in a fresh process (for `check`, that includes the
one-time setup of parsing the built-in frameworks and building their graph), and the steady
state, the same work repeated in that process afterwards (the median of the repeats). The
difference between the two ratios at one or ten courses is the one-time start.

Then the criterion benchmarks (`cargo bench -p waypost-bench --bench floor -- --noplot`,
bench/benches/floor.rs: the same parse and check, in the steady state, on portfolios of 1, 10,
100 and, with `--max-courses` 1000 or more, 1,000 courses), whose medians and their ratio are
three more columns of the same table, read from criterion's
`<target>/criterion/<format>/<parse|check>/<courses>/new/estimates.json` (a row criterion did
not measure shows "–"). `--no-criterion` leaves them out.

    python3 bench/run.py [--max-courses 10000] [--repeat 5] [--no-criterion]

Needs the release binaries: `cargo build --release -p waypost-bench -p waypost-cli`, in
`target/` or in `$CARGO_TARGET_DIR` when that is set (criterion's run builds its own).
"""

import argparse
import json
import os
import shutil
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
DATA = TARGET / "bench-data"
# The sizes the criterion benchmarks measure, up to WAYPOST_BENCH_MAX_COURSES (1,000 at most).
CRITERION_SIZES = (1, 10, 100, 1000)


def steady_runs(courses):
    """How many more times each process repeats its work for the steady-state figure."""
    if courses <= 10:
        return 50
    if courses <= 100:
        return 20
    return 3 if courses <= 1000 else 1


def run_json(*args):
    out = subprocess.run([str(BIN / "waypost-bench"), *map(str, args)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def dataset(courses, fmt):
    folder = DATA / f"{courses}-{fmt}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        info = run_json("generate", "--courses", courses, "--seed", 2026, "--format", fmt, folder)
        marker.write_text(json.dumps(info))
    return folder, json.loads(marker.read_text())


def instructions(*args):
    """Instructions one run of the bench binary executes (whole process), from callgrind."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", str(BIN / "waypost-bench"), *map(str, args)],
        check=True, capture_output=True, text=True,
    )
    for line in out.stderr.splitlines():
        if "I   refs:" in line:
            return int(line.split("I   refs:")[1].replace(",", "").strip())
    raise SystemExit("callgrind printed no instruction count")


def peak_rss_mb(args):
    """Peak resident memory of one process, from the kernel's accounting of that child."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{args} failed")
    return usage.ru_maxrss / 1024


def criterion_medians(max_courses):
    """Runs the criterion benchmarks up to `max_courses` (1,000 at most): the median seconds of
    parse and of check, by format and number of courses."""
    largest = min(max_courses, CRITERION_SIZES[-1])
    sizes = [n for n in CRITERION_SIZES if n <= largest]
    if not sizes:
        return {}
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET), WAYPOST_BENCH_MAX_COURSES=str(largest))
    print(f"  running the criterion benchmarks up to {largest} courses", file=sys.stderr)
    subprocess.run(["cargo", "bench", "-p", "waypost-bench", "--bench", "floor", "--", "--noplot"],
                   cwd=ROOT, env=env, check=True, stdout=sys.stderr)
    home = Path(os.environ.get("CRITERION_HOME") or TARGET / "criterion")
    medians = {}
    for fmt in ("toml", "json"):
        for courses in sizes:
            pair = []
            for bench in ("parse", "check"):
                estimates = home / fmt / bench / str(courses) / "new" / "estimates.json"
                if not estimates.exists():
                    raise SystemExit(f"criterion wrote no {estimates}")
                pair.append(json.loads(estimates.read_text())["median"]["point_estimate"] / 1e9)
            medians[fmt, courses] = tuple(pair)
    return medians


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-courses", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-criterion", action="store_true", help="leave out the criterion benchmarks")
    opts = parser.parse_args()
    for needed in ("waypost-bench", "waypost"):
        if not (BIN / needed).exists():
            raise SystemExit("build first: cargo build --release -p waypost-bench -p waypost-cli")

    sizes = [n for n in (1, 10, 100, 1000, 10000) if n <= opts.max_courses]
    rows = []
    for fmt in ("toml", "json"):
        for courses in sizes:
            folder, info = dataset(courses, fmt)
            repeat = opts.repeat if courses <= 1000 else max(2, opts.repeat // 2)
            parse_times, check_times, parse_steady, check_steady, mappings = [], [], [], [], 0
            steady = steady_runs(courses)
            for _ in range(repeat):  # interleaved, so drift hits both alike
                p = run_json("parse", "--steady", steady, folder)
                c = run_json("check", "--steady", steady, folder)
                parse_times.append(p["seconds"])
                check_times.append(c["seconds"])
                parse_steady.append(p["steady_seconds"])
                check_steady.append(c["steady_seconds"])
                mappings = p["mappings"]
            parse_s, check_s = statistics.median(parse_times), statistics.median(check_times)
            parse_ss, check_ss = statistics.median(parse_steady), statistics.median(check_steady)
            rss = peak_rss_mb([str(BIN / "waypost"), "portfolio", str(folder), "--format", "json", "--output", "/dev/null"])
            disk_mb = info["bytes"] / 1e6
            rows.append((fmt, courses, mappings, disk_mb, parse_s, check_s, check_s / parse_s, check_s / mappings * 1e9, rss, rss / disk_mb,
                         parse_ss, check_ss, check_ss / parse_ss))
            print(f"  measured {fmt} {courses}", file=sys.stderr)

    criterion = None if opts.no_criterion else criterion_medians(opts.max_courses)

    example = ROOT / "curricula" / "examples" / "bsc-mental-health-nursing.toml"
    walls = []
    for _ in range(40):
        start = time.perf_counter()
        subprocess.run([str(BIN / "waypost"), "check", str(example), "--format", "json"], stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)

    header = ("| format | courses | mappings | on disk (MB) | parse only (s) | waypost check (s) | check / parse | ns per mapping | peak RSS (MB) | RSS / disk "
              "| parse, steady (s) | check, steady (s) | steady check / parse |")
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    if criterion is not None:
        header += " parse, criterion (µs) | check, criterion (µs) | criterion check / parse |"
        rule += "---:|---:|---:|"
    print(header)
    print(rule)
    for fmt, courses, mappings, disk, parse_s, check_s, ratio, per, rss, rss_ratio, parse_ss, check_ss, steady_ratio in rows:
        line = (f"| {fmt} | {courses} | {mappings} | {disk:.2f} | {parse_s:.4f} | {check_s:.4f} | {ratio:.2f}× | {per:.0f} | {rss:.1f} | {rss_ratio:.2f}× "
                f"| {parse_ss:.5f} | {check_ss:.5f} | {steady_ratio:.2f}× |")
        if criterion is not None:
            if (fmt, courses) in criterion:
                parse_c, check_c = criterion[fmt, courses]
                line += f" {parse_c * 1e6:,.1f} | {check_c * 1e6:,.1f} | {check_c / parse_c:.2f}× |"
            else:
                line += " – | – | – |"
        print(line)
    print()
    print(f"CLI cold start, `waypost check` on the BSc example (JSON), 40 runs: median {statistics.median(walls) * 1000:.1f} ms, best {min(walls) * 1000:.1f} ms")

    if shutil.which("valgrind") and 100 in sizes:
        print()
        print("| format | courses | parse only (instructions) | waypost check (instructions) | check / parse |")
        print("|---|---:|---:|---:|---:|")
        for fmt in ("toml", "json"):
            for courses in (1, 100):  # one course shows the one-time start, 100 the per-mapping work
                folder, _ = dataset(courses, fmt)
                parse_i, check_i = instructions("parse", folder), instructions("check", folder)
                print(f"| {fmt} | {courses} | {parse_i:,} | {check_i:,} | {check_i / parse_i:.2f}× |")


if __name__ == "__main__":
    main()
