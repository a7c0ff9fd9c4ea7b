#!/usr/bin/env bash
# Runs every fuzz target for a short while (SECONDS_PER_TARGET, default 10), seeded with the
# repository's own curricula, frameworks, bad inputs and test vectors. Installs cargo-fuzz if
# it is missing. A crash fails the run; its input is left in fuzz/artifacts/TARGET/ to be
# turned into a regression test (tests/bad-input/ or core/tests/hostile.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${SECONDS_PER_TARGET:-10}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2
fi

cd fuzz
echo "== fuzz: building targets (no sanitizer, stable toolchain)"
cargo fuzz build -s none

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
  cargo fuzz run -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)|panicked|ERROR" || true
  if [ -n "$(ls "artifacts/$target" 2>/dev/null)" ]; then
    echo "fuzz: $target found a crash: see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
