#!/usr/bin/env python3
"""Runs the code examples of README.md and docs/*.md exactly as they are printed.

Which blocks run:
  - in README.md, every fenced block tagged `sh`, `console`, `python` or `js`;
  - in docs/*.md, the blocks with those tags that follow a `<!-- runnable -->` line.
A block that follows `<!-- not run: REASON -->` is listed but not run (the set-up commands
that build or test this repository itself).

How each kind is checked:
  - sh: every command line runs with bash in a copy of the repository's shipped files
    (`curricula/`, `tests/`) made afresh for each Markdown file (so a page's blocks run in
    order, one after the other, as a reader would), `waypost` first on the PATH, and must exit 0, or with the code
    its comment states (`# exits 1: ...`). A comment `# → TEXT` states a line the command
    prints (on standard output or error).
  - console: each `$ COMMAND` runs the same way; the lines below it are what it prints, where a
    line `...` stands for any number of lines. The exit code is not checked (the prose says it).
  - python and js: the block runs as a file (Python with the interpreter given; JavaScript as
    an ES module inside the Node project given, so `import ... from "waypost"` finds the
    package there), from the repository root. A comment on a `print(` or `console.log(` line
    states a line it prints; the stated lines must be printed in that order.

Usage: readme_examples.py --sh WAYPOST | --python PYTHON | --js NODE_PROJECT [--list]
Exits 1 with every failure listed when a block does not do what it says.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("sh", "console", "python", "js")
SHIPPED = ("curricula", "tests")
FENCE = re.compile(r"^```([A-Za-z]*)\s*$")


@dataclass
class Block:
    file: str
    line: int
    kind: str
    code: str
    skip: str | None

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def blocks(path: Path, all_blocks: bool) -> list[Block]:
    """The runnable fenced blocks of one Markdown file."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    rel = path.relative_to(ROOT).as_posix()
    marker: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            kind = m.group(1)
            end = i + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            code = "\n".join(lines[i + 1 : end]) + "\n"
            runnable = all_blocks or (marker is not None and marker.startswith("runnable"))
            if kind in KINDS and runnable:
                skip = marker[len("not run:") :].strip() if marker and marker.startswith("not run:") else None
                found.append(Block(rel, i + 1, kind, code, skip))
            marker = None
            i = end + 1
            continue
        stripped = line.strip()
        if stripped.startswith("<!--") and stripped.endswith("-->"):
            marker = stripped[4:-3].strip()
        elif stripped:
            marker = None
        i += 1
    return found


def every_block() -> list[Block]:
    found = blocks(ROOT / "README.md", all_blocks=True)
    for doc in sorted((ROOT / "docs").glob("*.md")):
        found.extend(blocks(doc, all_blocks=False))
    return found


def comment(line: str, mark: str) -> str | None:
    """The trailing comment of a line of code (a `#` or `//` outside quotes), if any."""
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
        elif line.startswith(mark, i):
            return line[i + len(mark) :].strip()
        i += 1
    return None


def sandbox() -> Path:
    """A fresh copy of the files the examples read, so writing examples leave the repo clean."""
    where = Path(tempfile.mkdtemp(prefix="waypost-readme-"))
    for name in SHIPPED:
        shutil.copytree(ROOT / name, where / name)
    return where


def shell_env(waypost: Path) -> dict[str, str]:
    bindir = Path(tempfile.mkdtemp(prefix="waypost-bin-"))
    (bindir / "waypost").symlink_to(waypost.resolve())
    env = dict(os.environ)
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    env.pop("CLICOLOR_FORCE", None)
    env["NO_COLOR"] = "1"
    return env


def run_sh(block: Block, env: dict[str, str], cwd: Path) -> list[str]:
    failures = []
    for n, line in enumerate(block.code.splitlines(), start=block.line + 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        note = comment(line, "#") or ""
        want = 0
        m = re.search(r"\bexits (\d+)", note)
        if m:
            want = int(m.group(1))
        o = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True)
        said = o.stdout + o.stderr
        if o.returncode != want:
            failures.append(f"{block.file}:{n}: exited {o.returncode}, not {want}\n{said}")
        for stated in re.findall(r"→ (.+?)(?:;|$)", note):
            if not any(stated.strip() in out for out in said.splitlines()):
                failures.append(f"{block.file}:{n}: did not print `{stated.strip()}`\n{said}")
    return failures


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the printed lines fit the expected ones, `...` standing for any lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and actual[0].rstrip() == head.rstrip() and matches(rest, actual[1:])


def run_console(block: Block, env: dict[str, str], cwd: Path) -> list[str]:
    failures = []
    steps: list[tuple[int, str, list[str]]] = []
    for n, line in enumerate(block.code.splitlines(), start=block.line + 1):
        if line.startswith("$ "):
            steps.append((n, line[2:], []))
        elif steps:
            steps[-1][2].append(line)
    for n, command, expected in steps:
        o = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)
        printed = (o.stdout + o.stderr).splitlines()
        while expected and not expected[-1].strip():
            expected.pop()
        if not matches(expected, printed):
            failures.append(f"{block.file}:{n}: printed\n" + "\n".join(printed))
    return failures


def stated_lines(code: str, call: str, mark: str) -> list[str]:
    stated = []
    for line in code.splitlines():
        if call in line:
            note = comment(line, mark)
            if note:
                stated.append(note)
    return stated


def in_order(stated: list[str], printed: list[str]) -> str | None:
    at = 0
    for line in stated:
        try:
            at = printed.index(line, at) + 1
        except ValueError:
            return line
    return None


def run_program(block: Block, command: list[str], source: Path) -> list[str]:
    source.write_text(block.code, encoding="utf-8")
    o = subprocess.run(command + [str(source)], cwd=ROOT, capture_output=True, text=True)
    if o.returncode != 0:
        return [f"{block.where()}: exited {o.returncode}\n{o.stdout}{o.stderr}"]
    call, mark = ("print(", "#") if block.kind == "python" else ("console.log(", "//")
    missing = in_order(stated_lines(block.code, call, mark), o.stdout.splitlines())
    if missing is not None:
        return [f"{block.where()}: did not print `{missing}` (in order)\n{o.stdout}"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--sh", type=Path, metavar="WAYPOST", help="the waypost binary to run")
    group.add_argument("--python", metavar="PYTHON", help="an interpreter with waypost installed")
    group.add_argument("--js", type=Path, metavar="NODE_PROJECT", help="a folder with node_modules/waypost")
    parser.add_argument("--list", action="store_true", help="list the blocks, run nothing")
    args = parser.parse_args()

    kinds = ("sh", "console") if args.sh else ("python",) if args.python else ("js",)
    chosen = [b for b in every_block() if b.kind in kinds]
    if args.list:
        for b in chosen:
            print(f"{b.where()} {b.kind}" + (f" (not run: {b.skip})" if b.skip else ""))
        return 0
    env = shell_env(args.sh) if args.sh else {}
    failures: list[str] = []
    ran = 0
    sandboxes: dict[str, Path] = {}
    for n, block in enumerate(chosen):
        if block.skip:
            print(f"skip {block.where()} {block.kind}: {block.skip}")
            continue
        if block.kind in ("sh", "console"):
            if block.file not in sandboxes:
                sandboxes[block.file] = sandbox()
            run = run_sh if block.kind == "sh" else run_console
            failed = run(block, env, sandboxes[block.file])
        elif block.kind == "python":
            with tempfile.TemporaryDirectory() as tmp:
                failed = run_program(block, [args.python], Path(tmp) / "example.py")
        else:
            failed = run_program(block, ["node"], args.js.resolve() / f"readme-example-{n}.mjs")
        ran += 1
        print(f"{'FAIL' if failed else 'ok  '} {block.where()} {block.kind}")
        failures.extend(failed)
    for where in sandboxes.values():
        shutil.rmtree(where, ignore_errors=True)
    for f in failures:
        print(f"\n{f}", file=sys.stderr)
    if ran == 0:
        print(f"no {'/'.join(kinds)} blocks ran", file=sys.stderr)
        return 1
    print(f"{ran} {'/'.join(kinds)} blocks ran, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
