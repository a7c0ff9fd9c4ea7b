#!/usr/bin/env bash
# Installs each artefact of dist/ (scripts/dist.sh) into a clean environment, as a user would,
# and runs one check with it on the example day, which covers 23 of the 67 statements:
#   - the binary, run from an empty folder;
#   - the crate sources, unpacked outside the repository, built with `cargo install --path`;
#     (skipped with DIST_SKIP_CRATES=1: it is a whole release build)
#   - the wheel, then the sdist (built from source by pip), each in a fresh virtualenv;
#     (the sdist is skipped with DIST_SKIP_SDIST=1: it is a whole release build too)
#   - the npm tarball in a fresh npm project: `import` and `require` in Node, and a bundle made
#     with esbuild for the browser's conditions and for Node's, run in Node;
#   - the single-file page, copied alone into an empty folder and opened from file:// in
#     Chromium with the network off (playwright-core from bindings-wasm/node_modules drives it:
#     `npm ci` there first), checking the example day pasted into it.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
dist="$root/dist"
target="${CARGO_TARGET_DIR:-$root/target}"
python="${PYTHON:-python3}"
esbuild_version=0.28.2
day="$root/curricula/examples/recovery-awareness-day.toml"

work="$(mktemp -d "${TMPDIR:-/tmp}/waypost-dist-XXXXXX")"
trap 'rm -rf "$work"' EXIT
one() { # one FILE-GLOB: the single artefact that matches
  local found=("$dist"/$1)
  if [ "${#found[@]}" -ne 1 ] || [ ! -e "${found[0]}" ]; then
    echo "dist/ holds no single $1: run scripts/dist.sh first" >&2
    exit 1
  fi
  echo "${found[0]}"
}
expect() { # expect WHAT WANT GOT
  if [ "$2" != "$3" ]; then
    printf '%s: expected `%s`, got `%s`\n' "$1" "$2" "$3" >&2
    exit 1
  fi
  echo "ok   $1"
}

echo "== dist: the binary"
bin="$(one "waypost-*-$(rustc -vV | sed -n 's/^host: //p')")"
mkdir "$work/bin" && cp "$bin" "$work/bin/waypost"
cp "$day" "$work/bin/day.toml"
summary=$(cd "$work/bin" && ./waypost check day.toml | grep 'statements covered' || true)
expect "binary: check" "23 of 67 statements covered (34.3%), 4 assessed" "$summary"

if [ "${DIST_SKIP_CRATES:-0}" = 1 ]; then
  echo "skip crates (DIST_SKIP_CRATES=1)"
else
  echo "== dist: the crates, built outside the repository"
  mkdir "$work/crates"
  for crate in "$(one 'waypost-[0-9]*.crate')" "$(one 'waypost-cli-*.crate')" \
    "$(one 'waypost-workbook-*.crate')"; do
    tar xzf "$crate" -C "$work/crates"
  done
  cli_dir=$(echo "$work"/crates/waypost-cli-*)
  core_dir=$(echo "$work"/crates/waypost-[0-9]*)
  workbook_dir=$(echo "$work"/crates/waypost-workbook-*)
  # The CLI's requirements on the core and the workbook crate are versions; point them at the
  # unpacked crates (so the lock file is resolved again: not `--locked`).
  CARGO_TARGET_DIR="$target/dist-crates" cargo install --path "$cli_dir" \
    --root "$work/cargo" --config "patch.crates-io.waypost.path=\"$core_dir\"" \
    --config "patch.crates-io.waypost-workbook.path=\"$workbook_dir\""
  summary=$(cd "$work" && cargo/bin/waypost check "$day" | grep 'statements covered' || true)
  expect "crates: check" "23 of 67 statements covered (34.3%), 4 assessed" "$summary"
fi

check_py='
import sys, waypost
report = waypost.check(waypost.read_curriculum(sys.argv[1]))
print(report.summary["covered"], "of", report.summary["statements"])
'
echo "== dist: the Python wheel, in a fresh virtualenv"
"$python" -m venv "$work/wheel-venv"
"$work/wheel-venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index \
  "$(one 'waypost-*.whl')"
got=$(cd "$work" && wheel-venv/bin/python -c "$check_py" "$day")
expect "wheel: check" "23 of 67" "$got"

if [ "${DIST_SKIP_SDIST:-0}" = 1 ]; then
  echo "skip sdist (DIST_SKIP_SDIST=1)"
else
  echo "== dist: the Python sdist, built by pip in a fresh virtualenv"
  "$python" -m venv "$work/sdist-venv"
  CARGO_TARGET_DIR="$target/dist-sdist" "$work/sdist-venv/bin/python" -m pip install --quiet \
    --disable-pip-version-check "$(one 'waypost-*.tar.gz')"
  got=$(cd "$work" && sdist-venv/bin/python -c "$check_py" "$day")
  expect "sdist: check" "23 of 67" "$got"
fi

echo "== dist: the npm package, in a fresh project"
project="$work/npm"
mkdir "$project"
(cd "$project" && npm init -y >/dev/null &&
  npm install --no-audit --no-fund --silent "$(one 'waypost-*.tgz')" "esbuild@$esbuild_version")
cp "$day" "$project/day.toml"
# Written as for the web build (`init` first): in Node, `init` has nothing to do.
cat > "$project/esm.mjs" <<'EOF'
import { readFileSync } from "node:fs";
import init, { check } from "waypost";
await init();
const report = check(readFileSync("day.toml", "utf8"), { name: "day.toml" });
console.log(report.summary.covered, "of", report.summary.statements);
EOF
cat > "$project/cjs.cjs" <<'EOF'
const { readFileSync } = require("node:fs");
const { check } = require("waypost");
const report = check(readFileSync("day.toml", "utf8"), { name: "day.toml" });
console.log(report.summary.covered, "of", report.summary.statements);
EOF
# The browser build, as a bundler sees it: an ES module whose `init` loads the WebAssembly.
# Run in Node, `init` is given the bytes (a page gives nothing, and it fetches them).
cat > "$project/browser.mjs" <<'EOF'
import init, { check } from "waypost";
const bytes = globalThis.process?.getBuiltinModule?.("node:fs").readFileSync("waypost_bg.wasm");
await init({ module_or_path: bytes });
const text = globalThis.process.getBuiltinModule("node:fs").readFileSync("day.toml", "utf8");
const report = check(text, { name: "day.toml" });
console.log(report.summary.covered, "of", report.summary.statements);
EOF
cd "$project"
expect "npm: import in Node" "23 of 67" "$(node esm.mjs)"
expect "npm: require in Node" "23 of 67" "$(node cjs.cjs)"
node_modules/.bin/esbuild cjs.cjs --bundle --platform=node --format=cjs --log-level=warning \
  --outfile=out/node.cjs
cp node_modules/waypost/pkg/node/waypost_bg.wasm out/
expect "npm: esbuild bundle for Node" "23 of 67" "$(node out/node.cjs)"
node_modules/.bin/esbuild browser.mjs --bundle --platform=browser --format=esm \
  --log-level=warning --outfile=out/browser.mjs
cp node_modules/waypost/pkg/web/waypost_bg.wasm .
expect "npm: esbuild bundle for browsers" "23 of 67" "$(node out/browser.mjs)"

echo "== dist: the single-file page, opened from an empty folder"
mkdir "$work/page"
cp "$(one 'waypost-page-*.html')" "$work/page/waypost.html"
cat > "$work/page/open.mjs" <<'EOF'
import { readFileSync } from "node:fs";
const [playwright, page, day] = process.argv.slice(2);
const { chromium } = await import(playwright);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext({ offline: true });
const tab = await context.newPage();
const requests = [];
tab.on("request", (r) => r.url().startsWith("file://") || requests.push(r.url()));
await tab.goto(`file://${page}`);
await tab.waitForSelector("html[data-ready=true]", { timeout: 20000 });
await tab.fill("#source", readFileSync(day, "utf8"));
await tab.click("#check");
await tab.waitForSelector("#stat-covered");
const covered = await tab.textContent("#stat-covered");
const statements = await tab.textContent("#stat-statements");
console.log([covered, "of", statements, ...requests].join(" "));
await browser.close();
EOF
got="$(node "$work/page/open.mjs" "$root/bindings-wasm/node_modules/playwright-core/index.mjs" \
  "$work/page/waypost.html" "$day")"
expect "page: opened from file:// with no network, and checked" "23 of 67" "$got"

echo "dist test passed"
