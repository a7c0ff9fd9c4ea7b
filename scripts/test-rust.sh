#!/usr/bin/env bash
# The Rust suite: formatting, clippy with warnings denied, and every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== rust: cargo fmt --check"
cargo fmt --all -- --check
# The WebAssembly binding turns on the core's `json-tree` feature (JSON read through waypost's
# own tree instead of serde_json), and a workspace build unifies features: so the native
# builds are linted and tested without that binding, and the core again with it.
echo "== rust: cargo clippy -D warnings (native builds, then the core as the WebAssembly binding builds it)"
cargo clippy --workspace --exclude waypost-wasm --all-targets --locked -- -D warnings
cargo clippy -p waypost -p waypost-wasm --all-targets --locked -- -D warnings
echo "== rust: cargo test (native builds: JSON read by serde_json)"
cargo test --workspace --exclude waypost-wasm --locked
# `cargo test` leaves bench targets out, and clippy only compiles them: run each criterion
# benchmark once, in criterion's test mode and the debug build (a few seconds), so benchmarks
# that no longer run (a portfolio that fails to generate or check, a panic in criterion's set-up)
# fail here rather than at the next measurement.
echo "== rust: the criterion benchmarks, each run once as a test"
cargo test -p waypost-bench --bench floor --locked
echo "== rust: cargo test (the core and the binding with JSON read through the tree, as in WebAssembly)"
cargo test -p waypost -p waypost-wasm --locked
