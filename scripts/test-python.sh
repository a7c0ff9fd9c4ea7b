#!/usr/bin/env bash
# The Python suite: builds the `waypost` wheel with maturin, installs it into a fresh
# virtualenv (the wheel, not the source tree), checks the `.pyi` stubs against the built
# module with mypy's stubtest, type-checks the tests against them, and runs the pytest suite
# against the installed package.
# Needs only Python 3.9+ with venv and pip, and the Rust toolchain; installs the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/py-venv"
wheels="$target/py-wheels"
rundir="$target/py-run" # an empty working directory: nothing in it can shadow the package
python="${PYTHON:-python3}"

echo "== python: fresh virtualenv ($("$python" --version))"
rm -rf "$venv" "$wheels" "$rundir"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "maturin>=1.9,<2" "pytest>=8,<10" "mypy>=1.10,<3"

# The wheel under test is built with the dev profile: scripts/test-rust.sh has built every
# dependency that way already, so only the binding and PyO3 are compiled here, where a release
# build compiled the whole tree a second time (docs/performance.md, "Building"). The same
# source, so the same module, stubs and behaviour; scripts/dist.sh builds the release wheel
# that ships, and scripts/test-dist.sh installs and checks that one. PY_PROFILE=release tests a
# release build.
profile="${PY_PROFILE:-dev}"
echo "== python: maturin build --profile $profile"
"$venv/bin/maturin" build --profile "$profile" --locked \
  --manifest-path bindings-python/Cargo.toml \
  --interpreter "$venv/bin/python" \
  --out "$wheels"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --no-deps \
  "$wheels"/waypost-*.whl

mkdir -p "$rundir"
cd "$rundir"
echo "== python: stubtest (the .pyi stubs against the built module)"
"$venv/bin/python" -m mypy.stubtest waypost

echo "== python: mypy (the test suite type-checks against the installed stubs)"
"$venv/bin/python" -m mypy "$root/bindings-python/tests"

echo "== python: pytest (against the installed wheel)"
status=0
"$venv/bin/python" -m pytest \
  -c "$root/bindings-python/pyproject.toml" \
  --rootdir "$root/bindings-python" \
  "$root/bindings-python/tests" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
