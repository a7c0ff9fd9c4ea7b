#!/usr/bin/env bash
# Runs every test suite: Rust (format, lints, tests), Python, JavaScript (Node and browser),
# and a short fuzzing run of every loader. Installs what it needs itself, so it works on a
# fresh machine. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
# Nothing here reads standard input; close it so no tool can wait on or read stray input.
exec </dev/null

start=$SECONDS
step() { echo "== $1 done after $((SECONDS - start))s"; }

bash scripts/test-rust.sh;   step "rust"
bash scripts/test-python.sh; step "python"
bash scripts/test-wasm.sh;   step "javascript and browser"
SECONDS_PER_TARGET="${SECONDS_PER_TARGET:-6}" bash scripts/fuzz.sh; step "fuzz"
echo "all suites passed"
