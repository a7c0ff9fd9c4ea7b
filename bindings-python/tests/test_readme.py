"""The Python examples of the README (and of the runnable blocks of docs/) run as printed.

scripts/readme_examples.py runs each block unchanged, as a file, from the repository's root,
with this interpreter (so against the installed package), and checks every line a comment
says it prints.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_python_examples_run_as_printed() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_examples.py"), "--python", sys.executable],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok   README.md:" in run.stdout
