#!/usr/bin/env bash
# Runs every fuzz target for a short while (SECONDS_PER_TARGET, default 10), seeded with the
# repository's own curricula, frameworks, bad inputs and test vectors. A crash fails the run; its
# input is left in fuzz/artifacts/TARGET/ to be turned into a regression test
# (tests/bad-input/ or core/tests/hostile.rs).
#
# Builds the targets with cargo itself, passing what `cargo fuzz build -s none` (cargo-fuzz
# 0.13) passes: the host target named (so the flags reach neither build scripts nor proc
# macros), the release profile with line tables and debug assertions, and libFuzzer's coverage
# instrumentation with `--cfg fuzzing`. Installing cargo-fuzz only for that took longer than
# the whole fuzzing run (docs/performance.md, "Building"). With cargo-fuzz installed, `cargo fuzz run -s none TARGET`
# in fuzz/ builds the same binaries into the same folder and reproduces a crash as usual.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${SECONDS_PER_TARGET:-10}"

host=$(rustc -vV | sed -n 's/^host: //p')
flags="-Cpasses=sancov-module"
flags+=" -Cllvm-args=-sanitizer-coverage-level=4"
flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
flags+=" -Cllvm-args=-sanitizer-coverage-pc-table"
flags+=" -Cllvm-args=-sanitizer-coverage-trace-compares"
flags+=" --cfg fuzzing"
flags+=" -Cllvm-args=-simplifycfg-branch-fold-threshold=0"
case "$host" in *-linux-*) flags+=" -Cllvm-args=-sanitizer-coverage-stack-depth" ;; esac
# Debug assertions, and with them overflow checks, as `cargo fuzz build` has them by default.
flags+=" -Cdebug-assertions"
# One codegen unit, as cargo-fuzz sets for release builds: the coverage pass otherwise keeps
# the optimiser from inlining across units.
flags+=" -Ccodegen-units=1"
# The caller's own RUSTFLAGS come last, as cargo-fuzz appends them.
[ -n "${RUSTFLAGS:-}" ] && flags+=" $RUSTFLAGS"

echo "== fuzz: building targets (no sanitizer, stable toolchain, $host)"
RUSTFLAGS="$flags" cargo build --manifest-path Cargo.toml --target "$host" --release \
  --config 'profile.release.debug="line-tables-only"' --bins
bin_dir="${CARGO_TARGET_DIR:-target}/$host/release"

seed() { # seed TARGET FILES...
  local target="$1"; shift
  mkdir -p "corpus/$target"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/$target/"; done
}
shopt -s nullglob
seed load_toml ../curricula/examples/*.toml ../curricula/examples/portfolio/*.toml ../tests/bad-input/*.toml ../tests/vectors/*.toml
seed load_json ../curricula/examples/portfolio/*.json ../tests/bad-input/*.json ../tests/vectors/*.json
seed load_yaml ../curricula/examples/portfolio/*.yaml ../tests/bad-input/*.yaml ../tests/vectors/*.yaml
seed load_grid ../curricula/examples/*.csv ../curricula/examples/portfolio/*.csv ../tests/bad-input/*.csv ../tests/vectors/*.csv
seed check_any ../curricula/examples/*.toml ../curricula/examples/*.csv ../tests/vectors/*
seed load_framework ../core/data/frameworks/*.toml
seed import_case ../tests/external/case/*.json ../tests/interop/*.json
seed import_moodle ../tests/interop/*.csv
# Small mapping-grid workbooks to start load_xlsx from something that opens: an XLSX (A1:D4),
# and an XLS and an ODS (A1:C3) as core/tests/hostile_workbooks.rs builds them (its ignored
# test `write_workbooks_for_measuring` writes them again).
seed load_xlsx ../tests/interop/*.xlsx seeds/load_xlsx/*.xlsx seeds/load_xlsx/*.xls seeds/load_xlsx/*.ods
seed edit_map ../curricula/examples/*.toml ../tests/vectors/*.toml

for target in load_toml load_json load_yaml load_grid check_any load_framework import_case import_moodle load_xlsx edit_map; do
  echo "== fuzz: $target for ${seconds}s"
  mkdir -p "artifacts/$target"
  # libFuzzer joins the prefix and a file name as strings: the prefix keeps its final slash.
  "$bin_dir/$target" -artifact_prefix="artifacts/$target/" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    "corpus/$target" 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)|panicked|ERROR" || true
  if [ -n "$(ls "artifacts/$target" 2>/dev/null)" ]; then
    echo "fuzz: $target found a crash: see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
