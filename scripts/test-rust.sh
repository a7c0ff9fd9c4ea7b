#!/usr/bin/env bash
# The Rust suite: formatting, clippy with warnings denied, and every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== rust: cargo fmt --check"
cargo fmt --all -- --check
echo "== rust: cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== rust: cargo test"
cargo test --workspace --locked
