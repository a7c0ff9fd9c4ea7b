#!/usr/bin/env bash
# Builds the JavaScript package and the web page from the Rust crate:
#   pkg/web/   ES module for browsers (wasm-bindgen --target web)
#   pkg/node/  CommonJS module for Node (wasm-bindgen --target nodejs), and its ES module entry
#   pkg/page/  the page's engine: the web build without the default `full` feature (not packed)
#   ../target/www/  the offline page, one file with the page's engine and the example curricula
# Needs the wasm32-unknown-unknown target, wasm-bindgen-cli at the version Cargo.toml pins,
# and `npm ci` run here; scripts/test-wasm.sh installs all three.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile=wasm-release
# wasm-opt's level, -Oz (smallest) unless WASM_OPT_LEVEL says otherwise; docs/performance.md
# compares -Os and -O3, with CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL set to match.
wasm_opt_level="${WASM_OPT_LEVEL:--Oz}"
bin="$here/node_modules/.bin"

# Two builds of the crate, each linked once: the page's engine (`--no-default-features`: no CASE
# or Moodle exchange, no diffs, no schemas: the page uses none of them), then the package's
# (default features). Both write the same file, and cargo relinks whichever was not built last:
# each is bound by wasm-bindgen before the next build replaces it (building the package's a
# second time, as this script once did, cost a third link of the whole program). The package's
# is built last, so the file left in the target folder is the package's (scripts/size.mjs).
wasm="$target_dir/wasm32-unknown-unknown/$profile/waypost_wasm.wasm"
echo "== wasm: cargo build --no-default-features (the page's engine)"
page_engine="$here/pkg/page"
rm -rf "$page_engine"
cargo build -p waypost-wasm --lib --target wasm32-unknown-unknown --profile "$profile" --locked \
  --no-default-features
wasm-bindgen --target web --out-dir "$page_engine" --out-name waypost --no-typescript "$wasm"

echo "== wasm: cargo build --target wasm32-unknown-unknown --profile $profile"
cargo build -p waypost-wasm --lib --target wasm32-unknown-unknown --profile "$profile" --locked
for kind in web node; do
  out="$here/pkg/$kind"
  rm -rf "$out"
  bindgen_target=$([ "$kind" = web ] && echo web || echo nodejs)
  echo "== wasm: wasm-bindgen --target $bindgen_target"
  wasm-bindgen --target "$bindgen_target" --out-dir "$out" --out-name waypost "$wasm"
done

echo "== wasm: TypeScript types from the Rust types"
schema="$target_dir/waypost-types.schema.json"
cargo run -q -p waypost-wasm --example schemas --locked > "$schema"

# wasm-opt on the three at once (it is the slow step).
opt=()
for kind in web node; do
  out="$here/pkg/$kind"
  node "$here/scripts/types.mjs" "$schema" "$out/types.d.ts"
  echo "== wasm: wasm-opt $wasm_opt_level ($kind)"
  "$bin/wasm-opt" "$wasm_opt_level" --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers \
    "$out/waypost_bg.wasm" -o "$out/waypost_bg.wasm" &
  opt+=($!)
done
echo "== wasm: wasm-opt $wasm_opt_level (the page's engine)"
"$bin/wasm-opt" "$wasm_opt_level" --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers \
  "$page_engine/waypost_bg.wasm" -o "$page_engine/waypost_bg.wasm" &
opt+=($!)
for pid in "${opt[@]}"; do
  wait "$pid"
done
# Node's ES module entry, once the module it re-exports loads its optimised .wasm.
node "$here/scripts/node-esm.mjs" "$here/pkg/node"

echo "== wasm: the page"
node "$here/scripts/www.mjs" "$root/target/www"
