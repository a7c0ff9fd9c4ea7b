#!/usr/bin/env bash
# Builds everything a user installs into dist/:
#   waypost-VERSION-HOST            the command-line tool (release, stripped)
#   waypost-VERSION.crate, waypost-cli-VERSION.crate
#                                   the crates, as `cargo package` verifies them
#   waypost-VERSION-cp39-abi3-*.whl the Python wheel (one abi3 wheel for Python 3.9 and newer)
#   waypost-VERSION.tar.gz          the Python sdist
#   waypost-VERSION.tgz             the npm package (`npm pack` in bindings-wasm)
#   waypost-page-VERSION.html       the offline page, one file that opens with a double-click
# One version number throughout: the workspace's (Cargo.toml); cli/tests/readme.rs holds
# pyproject.toml and package.json to it.
#
# Needs what building from source needs (README, "Install"). The wheel and the WebAssembly
# are the heavy builds: with DIST_REUSE_WASM=1 an existing bindings-wasm/pkg/ is packed as it
# is. DIST_NO_VERIFY=1 packages the crates without building them (`--no-verify`).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
dist="$root/dist"
python="${PYTHON:-python3}"

version=$(cargo metadata --no-deps --format-version 1 --locked |
  "$python" -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "waypost-cli"))')
host=$(rustc -vV | sed -n 's/^host: //p')
echo "== dist: waypost $version for $host, into dist/"
rm -rf "$dist"
mkdir -p "$dist"

echo "== dist: the command-line tool (cargo build --release, stripped)"
cargo build --release --locked -p waypost-cli
cp "$target/release/waypost" "$dist/waypost-$version-$host"
strip "$dist/waypost-$version-$host"

echo "== dist: the crates (cargo package)"
verify=()
[ "${DIST_NO_VERIFY:-0}" = 1 ] && verify=(--no-verify)
# To verify a crate against the ones it depends on, cargo unpacks our crates into a local
# registry's source folder (named with a leading `-` under CARGO_HOME/registry/src) and keeps
# that copy, and it takes a crate from that registry as never changing. A second run with the
# same version verified the core against the last run's waypost-workbook. So our crates'
# unpacked copies are removed first (only ours), and the verification builds in a folder of
# its own with our crates' earlier builds removed from it.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
for stale in "$cargo_home"/registry/src/-*/waypost-"$version" \
  "$cargo_home"/registry/src/-*/waypost-workbook-"$version" \
  "$cargo_home"/registry/src/-*/waypost-cli-"$version"; do
  [ -d "$stale" ] && rm -rf "$stale"
done
verify_target="$target/package-verify"
rm -rf "$verify_target"/debug/.fingerprint/waypost* "$verify_target"/debug/deps/*waypost*
CARGO_TARGET_DIR="$verify_target" \
  cargo package --locked -p waypost-workbook -p waypost -p waypost-cli "${verify[@]}"
mkdir -p "$target/package"
for crate in waypost-workbook waypost waypost-cli; do
  cp "$verify_target/package/$crate-$version.crate" "$target/package/"
done
cp "$target/package/waypost-workbook-$version.crate" "$target/package/waypost-$version.crate" \
  "$target/package/waypost-cli-$version.crate" "$dist/"

echo "== dist: the Python wheel and sdist (maturin)"
venv="$target/dist-venv"
if [ ! -x "$venv/bin/maturin" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9,<2"
fi
"$venv/bin/maturin" build --release --locked --manifest-path bindings-python/Cargo.toml \
  --interpreter "$venv/bin/python" --out "$dist"
"$venv/bin/maturin" sdist --manifest-path bindings-python/Cargo.toml --out "$dist"

echo "== dist: the npm package (npm pack)"
if [ "${DIST_REUSE_WASM:-0}" = 1 ] && [ -f bindings-wasm/pkg/node/waypost_bg.wasm ]; then
  echo "reusing bindings-wasm/pkg/ (DIST_REUSE_WASM=1)"
else
  (cd bindings-wasm && npm ci --no-audit --no-fund)
  bash bindings-wasm/build.sh
fi
(cd bindings-wasm && npm pack --silent --pack-destination "$dist" >/dev/null)

echo "== dist: the offline page"
# One self-contained file (bindings-wasm/build.sh writes it under the repository's target/,
# whatever CARGO_TARGET_DIR says): the engine, scripts, styles and examples inlined.
page="$root/target/www/waypost.html"
if [ ! -f "$page" ]; then
  echo "dist: $page is missing: bash bindings-wasm/build.sh builds it" >&2
  exit 1
fi
# (a `data:` address is inside the page: the empty icon that keeps the browser from asking for one)
if grep -oE '<(script|link|img)[^>]+(src|href)="[^"#][^"]*"' "$page" | grep -qvE '(src|href)="data:'; then
  echo "dist: $page loads a file beside it, so it cannot ship as one file" >&2
  exit 1
fi
cp "$page" "$dist/waypost-page-$version.html"

echo "== dist: done"
(cd "$dist" && ls -l)
