#!/usr/bin/env bash
# The JavaScript suite: builds the WebAssembly package (web and Node) and the offline page,
# runs the shared suite under Node, type-checks a TypeScript example against the generated
# declarations, and runs the browser tests in Debian's Chromium: the web build and the page
# served over HTTP (browser.test.mjs), and the single-file page opened from file:// as a
# programme team opens it (page.test.mjs, with axe-core). Installs what it needs itself
# (the wasm32 target, wasm-bindgen-cli at the pinned version, npm packages, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bindgen_version=0.2.130 # the version `wasm-bindgen = "=..."` pins in Cargo.toml

echo "== wasm: tools"
rustup target add wasm32-unknown-unknown
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version"; then
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
# Chromium from Debian, only when it is missing, without recommended packages, and never at
# the price of upgrading packages already installed: a simulated install lists what it would
# do first (`Inst NAME [OLD] (NEW ...)` is an upgrade), and any upgrade stops the script.
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update
  upgrades=$(apt-get install -s --no-install-recommends chromium | grep -E '^Inst [^ ]+ \[' || true)
  if [ -n "$upgrades" ]; then
    echo "installing chromium would upgrade installed packages:" >&2
    echo "$upgrades" >&2
    echo "install chromium yourself (apt-get install --no-install-recommends chromium), then run this again" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi
(cd bindings-wasm && npm ci --no-audit --no-fund)

bash bindings-wasm/build.sh

cd bindings-wasm
echo "== wasm: node --test (the shared suite against the Node build)"
node --test tests/api.test.mjs tests/readme.test.mjs
echo "== wasm: tsc --noEmit (a TypeScript example against the generated declarations)"
node_modules/.bin/tsc --noEmit -p tests
echo "== wasm: node --test (Chromium: the suite against the web build, and the page)"
node --test tests/browser.test.mjs tests/page.test.mjs tests/portfolio.test.mjs tests/workbench.test.mjs tests/views.test.mjs

echo "== wasm: sizes"
for kind in web node page; do
  wasm="pkg/$kind/waypost_bg.wasm"
  raw=$(wc -c < "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  printf '%s: %s bytes (%s KiB), gzip -9 %s bytes (%s KiB)\n' \
    "$wasm" "$raw" "$((raw / 1024))" "$gz" "$((gz / 1024))"
done
page=../target/www/waypost.html
raw=$(wc -c < "$page")
gz=$(gzip -9 -c "$page" | wc -c)
printf 'target/www/waypost.html (the single-file page): %s bytes (%s KiB), gzip -9 %s bytes (%s KiB)\n' \
  "$raw" "$((raw / 1024))" "$gz" "$((gz / 1024))"
echo "page and screenshots: target/www/ (journeys' screenshots in target/www/screenshots/)"
echo "wasm suite passed"
