#!/usr/bin/env bash
# The Rust suite: formatting, clippy with warnings denied, and every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== rust: cargo fmt --check"
cargo fmt --all -- --check
# The core's features only add (spreadsheets, strict CASE schemas), so one workspace build
# lints and tests every crate as it ships.
echo "== rust: cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== rust: cargo test"
cargo test --workspace --locked
# `cargo test` leaves bench targets out, and clippy only compiles them: run each criterion
# benchmark once, in criterion's test mode and the debug build (a few seconds), so benchmarks
# that no longer run (a portfolio that fails to generate or check, a panic in criterion's set-up)
# fail here rather than at the next measurement.
echo "== rust: the criterion benchmarks, each run once as a test"
cargo test -p waypost-bench --bench floor --locked
