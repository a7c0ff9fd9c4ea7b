#!/usr/bin/env bash
# Runs every test suite: Rust (format, lints, tests), Python, JavaScript (Node and browser),
# and a short fuzzing run of every loader. Installs what it needs itself, so it works on a
# fresh machine. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
# Nothing here reads standard input; close it so no tool can wait on or read stray input.
exec </dev/null

start=$SECONDS
# A cold run writes about 3 GB of build output (docs/performance.md, "Building"). A full disk
# shows up as a linker killed by a bus error, so say how much room there is before starting.
dir="${CARGO_TARGET_DIR:-.}"
[ -d "$dir" ] || dir=.
free_kb=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
echo "== disk: $((free_kb / 1024 / 1024)) GB free where the build goes"
if [ "$free_kb" -lt $((5 * 1024 * 1024)) ]; then
  echo "warning: less than 5 GB free; a cold run may fail with the disk full" >&2
fi
step() { echo "== $1 done after $((SECONDS - start))s"; }

bash scripts/test-rust.sh;   step "rust"
bash scripts/test-python.sh; step "python"
bash scripts/test-wasm.sh;   step "javascript and browser"
SECONDS_PER_TARGET="${SECONDS_PER_TARGET:-6}" bash scripts/fuzz.sh; step "fuzz"
echo "all suites passed"
